//! The compile-time VM that runs macros for the compiler (`retort_compiler::expand::MacroHost`):
//! a VM of its own with the standard library, into which the compiler loads each module that
//! defines macros; a macro call runs `Mod."MACRO-name"/N` in a fresh process to completion.
//! Its output goes to stdout like the program's (a macro's `IO.puts` prints at compile time,
//! before the program runs, as in Elixir).

use retort_compiler::expand::MacroHost;
use retort_vm::bif::Ctx;
use retort_vm::bytecode::{Literal, ModuleImage};
use retort_vm::code::module::{literal_to_term, term_to_literal};
use retort_vm::error::Trap;
use retort_vm::value::{Atom, Term};
use retort_vm::{Vm, VmOptions};
use std::cell::RefCell;

/// The runner, in the language: the macro's value or the text of what it raised, handed to
/// the native `:retort_macro_host.result/1`.
const RUNNER: &str = r#"
defmodule :retort_macro_runner do
  def run(m, f, args) do
    r =
      try do
        {:ok, apply(m, f, args)}
      rescue
        e -> {:error, Exception.format(:error, e, __STACKTRACE__)}
      catch
        k, v -> {:error, Exception.format(k, v, __STACKTRACE__)}
      end
    :retort_macro_host.result(r)
  end
end
"#;

thread_local! {
    static RESULT: RefCell<Option<Term>> = const { RefCell::new(None) };
}

fn result_native(_cx: &mut Ctx, args: &mut [Term]) -> Result<Term, Trap> {
    let t = args.first().cloned().unwrap_or(Term::Nil);
    RESULT.with(|r| *r.borrow_mut() = Some(t));
    Ok(Term::atom("ok"))
}

/// A VM with the standard library and the runner loaded.
pub struct VmHost {
    vm: Vm,
}

/// Creates the host (registered with `set_host_factory` by [`crate::install`]).
pub fn new_host() -> Box<dyn MacroHost> {
    let mut vm = Vm::new(VmOptions::default());
    crate::install(&mut vm);
    vm.code.register_table("retort_macro_host", &[("result", 1, result_native)]);
    let mut host = VmHost { vm };
    if let Ok(unit) = retort_compiler::codegen::compile(RUNNER, "retort_macro_runner", "retort_macro_runner_script") {
        let _ = host.load(&unit.modules);
    }
    Box::new(host)
}

impl MacroHost for VmHost {
    fn load(&mut self, images: &[ModuleImage]) -> Result<(), String> {
        for img in images {
            let inst = retort_vm::code::loader::prepare(&mut self.vm, img.clone()).map_err(|e| format!("cannot load {} for macro expansion: {:?}", img.name, e))?;
            let (r, _) = retort_vm::code::loader::load_binary(&mut self.vm, None, inst);
            r.map_err(|e| format!("cannot load {} for macro expansion: {:?}", img.name, e))?;
        }
        Ok(())
    }

    fn unload(&mut self, module: &str) {
        retort_vm::code::loader::forget(&mut self.vm, Atom::intern(module));
    }

    fn call(&mut self, module: &str, function: &str, args: Vec<Literal>) -> Result<Literal, String> {
        let args = Term::list(args.iter().map(literal_to_term).collect());
        RESULT.with(|r| *r.borrow_mut() = None);
        self.vm.halt = None;
        let pid = self.vm.spawn(Atom::intern("retort_macro_runner"), Atom::intern("run"), vec![Term::atom(module), Term::atom(function), args]);
        self.vm.main_pid = Some(pid);
        self.vm.run();
        self.vm.main_pid = None;
        let r = RESULT.with(|r| r.borrow_mut().take()).ok_or_else(|| format!("the macro {}.{} did not return", module, function))?;
        match &r {
            Term::Tuple(t) if t.len() == 2 => {
                if t[0].is_atom(Atom::intern("ok")) {
                    term_to_literal(&t[1], 0).map_err(|e| format!("macro result: {e}"))
                } else {
                    let text = t[1].as_bytes().map(|b| String::from_utf8_lossy(b).into_owned()).unwrap_or_default();
                    Err(text.trim_end().to_string())
                }
            }
            _ => Err("macro host: bad result".to_string()),
        }
    }
}
