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
    ("lib/enum.ex", &["Elixir.Enum"], include_str!("../lib/enum.ex")),
    ("lib/stream.ex", &["Elixir.Stream"], include_str!("../lib/stream.ex")),
    ("lib/list.ex", &["Elixir.List", "lists"], include_str!("../lib/list.ex")),
    ("lib/map.ex", &["Elixir.Map"], include_str!("../lib/map.ex")),
    ("lib/keyword.ex", &["Elixir.Keyword"], include_str!("../lib/keyword.ex")),
    ("lib/mapset.ex", &["Elixir.MapSet"], include_str!("../lib/mapset.ex")),
    ("lib/tuple.ex", &["Elixir.Tuple"], include_str!("../lib/tuple.ex")),
    ("lib/atom.ex", &["Elixir.Atom"], include_str!("../lib/atom.ex")),
    ("lib/module.ex", &["Elixir.Module"], include_str!("../lib/module.ex")),
    ("lib/range.ex", &["Elixir.Range"], include_str!("../lib/range.ex")),
    ("lib/string.ex", &["Elixir.String"], include_str!("../lib/string.ex")),
    ("lib/regex.ex", &["Elixir.Regex"], include_str!("../lib/regex.ex")),
    ("lib/file.ex", &["Elixir.File"], include_str!("../lib/file.ex")),
    ("lib/access.ex", &["Elixir.Access"], include_str!("../lib/access.ex")),
    ("lib/kernel.ex", &["Elixir.Kernel"], include_str!("../lib/kernel.ex")),
    ("lib/exception.ex", &["Elixir.Exception", "Elixir.RuntimeError", "Elixir.ArgumentError", "Elixir.ArithmeticError", "Elixir.SystemLimitError", "Elixir.Enum.EmptyError", "Elixir.Enum.OutOfBoundsError", "Elixir.Regex.CompileError", "Elixir.UnicodeConversionError", "Elixir.MatchError", "Elixir.CaseClauseError", "Elixir.CondClauseError", "Elixir.WithClauseError", "Elixir.TryClauseError", "Elixir.BadFunctionError", "Elixir.BadMapError", "Elixir.BadBooleanError", "Elixir.BadStructError", "Elixir.BadArityError", "Elixir.KeyError", "Elixir.UndefinedFunctionError", "Elixir.FunctionClauseError", "Elixir.Protocol.UndefinedError", "Elixir.ErlangError", "Elixir.System.EnvError", "Elixir.File.Error"], include_str!("../lib/exception.ex")),
    ("lib/gen_server.ex", &["Elixir.GenServer"], include_str!("../lib/gen_server.ex")),
    ("lib/gen.ex", &["gen"], include_str!("../lib/gen.ex")),
    ("lib/sys.ex", &["sys"], include_str!("../lib/sys.ex")),
    ("lib/proc_lib.ex", &["proc_lib"], include_str!("../lib/proc_lib.ex")),
    ("lib/supervisor.ex", &["Elixir.Supervisor", "Elixir.Supervisor.Default", "Elixir.Supervisor.Server"], include_str!("../lib/supervisor.ex")),
    ("lib/agent.ex", &["Elixir.Agent", "Elixir.Agent.Server"], include_str!("../lib/agent.ex")),
    ("lib/task.ex", &["Elixir.Task"], include_str!("../lib/task.ex")),
    ("lib/logger.ex", &["Elixir.Logger"], include_str!("../lib/logger.ex")),
    ("lib/dynamic_supervisor.ex", &["Elixir.DynamicSupervisor", "Elixir.DynamicSupervisor.Default", "Elixir.DynamicSupervisor.Server"], include_str!("../lib/dynamic_supervisor.ex")),
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

/// Compiles `source` (a script: modules, then top-level expressions), loads its modules, and
/// runs its top-level expressions in a new main process until the VM halts. Returns the exit
/// status, or the rendered diagnostics when it does not compile.
pub fn run_source(vm: &mut Vm, source: &str, file: &str) -> Result<i32, String> {
    let (_, script, _) = retort_vm::code::loader::compile_and_load(vm, None, source, file)?;
    let Some(script) = script else { return Ok(0) };
    let pid = vm.spawn(script, Atom::intern("__FILE__"), vec![retort_vm::value::Term::Nil]);
    vm.main_pid = Some(pid);
    Ok(vm.run())
}
