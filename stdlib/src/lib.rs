//! retort's standard library: modules written in the language (`lib/*.ex`), embedded in the
//! binary and compiled on first use (autoloading), plus the glue that gives the VM a compiler.

use retort_compiler::codegen;
use retort_compiler::render::render;
use retort_vm::bytecode::ModuleImage;
use retort_vm::code::table::CompilerHook;
use retort_vm::value::Atom;
use retort_vm::Vm;
use std::cell::Cell;

/// The embedded sources: `(file name, modules it defines, source)`.
pub const SOURCES: &[(&str, &[&str], &str)] = &[
    ("lib/process.ex", &["Elixir.Process"], include_str!("../lib/process.ex")),
    ("lib/gen_server.ex", &["Elixir.GenServer"], include_str!("../lib/gen_server.ex")),
    ("lib/gen.ex", &["gen"], include_str!("../lib/gen.ex")),
    ("lib/sys.ex", &["sys"], include_str!("../lib/sys.ex")),
    ("lib/proc_lib.ex", &["proc_lib"], include_str!("../lib/proc_lib.ex")),
    ("lib/supervisor.ex", &["Elixir.Supervisor", "Elixir.Supervisor.Default", "Elixir.Supervisor.Server"], include_str!("../lib/supervisor.ex")),
    ("lib/agent.ex", &["Elixir.Agent", "Elixir.Agent.Server"], include_str!("../lib/agent.ex")),
    ("lib/task.ex", &["Elixir.Task"], include_str!("../lib/task.ex")),
    ("lib/logger.ex", &["Elixir.Logger"], include_str!("../lib/logger.ex")),
];

/// The compiler as the VM sees it: compiles with `retort-compiler` and renders diagnostics
/// with ariadne (no colour).
pub struct Compiler {
    counter: Cell<u32>,
}

impl Default for Compiler {
    fn default() -> Self {
        Compiler { counter: Cell::new(0) }
    }
}

impl CompilerHook for Compiler {
    fn compile(&self, source: &str, file: &str) -> Result<(Vec<ModuleImage>, Option<ModuleImage>), String> {
        let n = self.counter.get();
        self.counter.set(n + 1);
        let script = format!("elixir_compiler_{n}");
        match codegen::compile(source, file, &script) {
            Ok(unit) => Ok((unit.modules, unit.script)),
            Err(diags) => Err(render(&diags, file, source, false)),
        }
    }
}

/// Gives `vm` the compiler and the embedded standard library (autoloaded on first use).
pub fn install(vm: &mut Vm) {
    vm.code.compiler = Some(Box::new(Compiler::default()));
    for (file, modules, source) in SOURCES {
        for m in *modules {
            vm.code.embedded.insert(Atom::intern(m), (file, source));
        }
    }
}
