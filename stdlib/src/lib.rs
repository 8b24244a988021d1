//! retort's standard library: modules written in the language (`lib/*.ex`), embedded in the
//! binary and compiled on first use (autoloading), plus the glue that gives the VM a compiler.

pub mod embed;
pub mod macro_host;

use retort_compiler::codegen;
use retort_compiler::render::render;
use retort_vm::bytecode::ModuleImage;
use retort_vm::code::table::{CompilerHook, QuotedError};
use retort_vm::value::{Atom, Term};
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
    ("lib/bitwise.ex", &["Elixir.Bitwise"], include_str!("../lib/bitwise.ex")),
    ("lib/module.ex", &["Elixir.Module"], include_str!("../lib/module.ex")),
    ("lib/macro.ex", &["Elixir.Macro"], include_str!("../lib/macro.ex")),
    ("lib/range.ex", &["Elixir.Range"], include_str!("../lib/range.ex")),
    ("lib/string.ex", &["Elixir.String"], include_str!("../lib/string.ex")),
    ("lib/regex.ex", &["Elixir.Regex"], include_str!("../lib/regex.ex")),
    ("lib/file.ex", &["Elixir.File"], include_str!("../lib/file.ex")),
    ("lib/access.ex", &["Elixir.Access"], include_str!("../lib/access.ex")),
    ("lib/kernel.ex", &["Elixir.Kernel"], include_str!("../lib/kernel.ex")),
    ("lib/protocols.ex", &["Elixir.String.Chars", "Elixir.List.Chars", "Elixir.Inspect.Opts", "Elixir.Inspect", "Elixir.Inspect.Any", "Elixir.Inspect.Algebra", "Elixir.Enumerable", "Elixir.Enumerable.Builtin", "Elixir.Enumerable.List", "Elixir.Enumerable.Map", "Elixir.Collectable"], include_str!("../lib/protocols.ex")),
    ("lib/exception.ex", &["Elixir.Exception", "Elixir.RuntimeError", "Elixir.ArgumentError", "Elixir.ArithmeticError", "Elixir.SystemLimitError", "Elixir.Enum.EmptyError", "Elixir.Enum.OutOfBoundsError", "Elixir.Regex.CompileError", "Elixir.CompileError", "Elixir.SyntaxError", "Elixir.TokenMissingError", "Elixir.UnicodeConversionError", "Elixir.MatchError", "Elixir.CaseClauseError", "Elixir.CondClauseError", "Elixir.WithClauseError", "Elixir.TryClauseError", "Elixir.BadFunctionError", "Elixir.BadMapError", "Elixir.BadBooleanError", "Elixir.BadStructError", "Elixir.BadArityError", "Elixir.KeyError", "Elixir.UndefinedFunctionError", "Elixir.FunctionClauseError", "Elixir.Protocol.UndefinedError", "Elixir.ErlangError", "Elixir.System.EnvError", "Elixir.File.Error", "Elixir.Code.LoadError"], include_str!("../lib/exception.ex")),
    ("lib/gen_server.ex", &["Elixir.GenServer"], include_str!("../lib/gen_server.ex")),
    ("lib/gen.ex", &["gen"], include_str!("../lib/gen.ex")),
    ("lib/sys.ex", &["sys"], include_str!("../lib/sys.ex")),
    ("lib/proc_lib.ex", &["proc_lib"], include_str!("../lib/proc_lib.ex")),
    ("lib/supervisor.ex", &["Elixir.Supervisor", "Elixir.Supervisor.Default", "Elixir.Supervisor.Server"], include_str!("../lib/supervisor.ex")),
    ("lib/agent.ex", &["Elixir.Agent", "Elixir.Agent.Server"], include_str!("../lib/agent.ex")),
    ("lib/task.ex", &["Elixir.Task"], include_str!("../lib/task.ex")),
    ("lib/doc_test.ex", &["Elixir.ExUnit.DocTest"], include_str!("../lib/doc_test.ex")),
    ("lib/ex_unit.ex", &["Elixir.ExUnit", "Elixir.ExUnit.Server", "Elixir.ExUnit.AssertionError", "Elixir.ExUnit.TimeoutError", "Elixir.ExUnit.Callbacks", "Elixir.ExUnit.Assertions", "Elixir.ExUnit.Filters", "Elixir.ExUnit.Runner", "Elixir.ExUnit.CaptureIO", "Elixir.ExUnit.CaptureLog"], include_str!("../lib/ex_unit.ex")),
    ("lib/logger.ex", &["Elixir.Logger"], include_str!("../lib/logger.ex")),
    ("lib/code.ex", &["Elixir.Code"], include_str!("../lib/code.ex")),
    ("lib/calendar_iso.ex", &["Elixir.Calendar", "Elixir.Calendar.ISO"], include_str!("../lib/calendar_iso.ex")),
    ("lib/date.ex", &["Elixir.Date", "Elixir.Date.Range"], include_str!("../lib/date.ex")),
    ("lib/time.ex", &["Elixir.Time"], include_str!("../lib/time.ex")),
    ("lib/naive_date_time.ex", &["Elixir.NaiveDateTime"], include_str!("../lib/naive_date_time.ex")),
    ("lib/date_time.ex", &["Elixir.DateTime"], include_str!("../lib/date_time.ex")),
    ("lib/erl_calendar.ex", &["calendar"], include_str!("../lib/erl_calendar.ex")),
    ("lib/host.ex", &["retort_host_inbox"], include_str!("../lib/host.ex")),
    ("lib/dynamic_supervisor.ex", &["Elixir.DynamicSupervisor", "Elixir.DynamicSupervisor.Default", "Elixir.DynamicSupervisor.Server"], include_str!("../lib/dynamic_supervisor.ex")),
    ("lib/application.ex", &["Elixir.Application"], include_str!("../lib/application.ex")),
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

    fn string_to_quoted(&self, source: &str) -> Result<retort_vm::bytecode::Literal, QuotedError> {
        retort_compiler::expand::eval::string_to_quoted(source).map_err(|e| QuotedError {
            line: e.line,
            column: e.column,
            message: e.message,
            token: e.token,
            incomplete: e.incomplete,
        })
    }

    fn compile_quoted(&self, quoted: &retort_vm::bytecode::Literal, binding: &[String], file: &str) -> Result<(Vec<ModuleImage>, Option<ModuleImage>), (u32, String)> {
        let n = self.counter.get();
        self.counter.set(n + 1);
        let script = format!("elixir_compiler_{n}");
        match retort_compiler::expand::eval::compile_quoted(quoted, binding, file, &script) {
            Ok(unit) => Ok((unit.modules, unit.script)),
            Err(diags) => Err(match diags.first() {
                // Elixir prints the evaluator's warnings (`warning: ...` notes) on stderr
                // before it raises, at the diagnostic's place.
                Some(d) if d.notes.iter().any(|n| n.starts_with("warning: ")) => {
                    for n in d.notes.iter().filter(|n| n.starts_with("warning: ")) {
                        eprintln!("{n}\n  {file}:{}\n", d.span.line.max(1));
                    }
                    (d.span.line.max(1), d.message.clone())
                }
                Some(d) => (d.span.line.max(1), d.message.clone()),
                None => (1, "compile error".to_string()),
            }),
        }
    }
}

include!(concat!(env!("OUT_DIR"), "/precompiled.rs"));
include!(concat!(env!("OUT_DIR"), "/docs.rs"));

/// The docs `build.rs` took out of the library module `module`'s image (the
/// `CodeServer::library_docs` lookup): a scan of `LIBRARY_DOCS`, run only when docs are asked for.
pub fn library_docs(module: &str) -> Option<retort_vm::code::table::LibraryDocs> {
    LIBRARY_DOCS.iter().find(|(m, _, _)| *m == module).map(|(_, d, f)| (*d, *f))
}

/// Gives `vm` the compiler and the embedded standard library (autoloaded on first use, from
/// the bytecode `build.rs` compiled; the sources stay for `embedded`'s other users).
pub fn install(vm: &mut Vm) {
    retort_compiler::expand::set_host_factory(macro_host::new_host);
    vm.code.compiler = Some(Box::new(Compiler::default()));
    vm.code.library_docs = Some(library_docs);
    for (file, modules, source) in SOURCES {
        for m in *modules {
            vm.code.embedded.insert(Atom::intern(m), (file, source));
        }
    }
    for (m, bytes) in PRECOMPILED {
        vm.code.precompiled.insert(Atom::intern(m), bytes);
    }
}

/// Compiles `source` (a script: modules, then top-level expressions), loads its modules, and
/// runs its top-level expressions in a new main process until the VM halts. Returns the exit
/// status, or the rendered diagnostics when it does not compile.
///
/// As with `elixir file.exs`: when the script called `ExUnit.start/1` and its top-level code
/// finished with status 0, the test modules it defined are run afterwards (see [`run_tests`]).
pub fn run_source(vm: &mut Vm, source: &str, file: &str) -> Result<i32, String> {
    let started = std::time::Instant::now();
    let (modules, code) = load_and_run(vm, source, file)?;
    if code == 0 && ex_unit_started(vm) {
        let options = TestOptions { load_us: started.elapsed().as_micros() as i64, after_script: true, ..TestOptions::default() };
        return Ok(run_tests(vm, &modules, &options));
    }
    Ok(code)
}

/// Compiles and loads `source`, then runs its top-level expressions (if any) as the main
/// process. Returns the modules it defined, in definition order, and the exit status.
fn load_and_run(vm: &mut Vm, source: &str, file: &str) -> Result<(Vec<Atom>, i32), String> {
    let (loaded, script, _) = retort_vm::code::loader::compile_and_load(vm, None, source, file)?;
    let modules = loaded.iter().map(|(m, _)| *m).collect();
    let Some(script) = script else { return Ok((modules, 0)) };
    vm.halt = None;
    let pid = vm.spawn(script, Atom::intern("__FILE__"), vec![retort_vm::value::Term::Nil]);
    vm.main_pid = Some(pid);
    Ok((modules, vm.run()))
}

/// Whether `ExUnit.start/1` was called (its server process is registered).
fn ex_unit_started(vm: &Vm) -> bool {
    vm.registry.contains_key(&Atom::intern("Elixir.ExUnit.Server"))
}

/// Options of `retort test` that override those given to `ExUnit.start/1`.
#[derive(Debug, Clone, Default)]
pub struct TestOptions {
    /// `--only tag` / `--only tag:value`: run only the tests with these tags.
    pub only: Vec<String>,
    /// `--include tag`: run these even when excluded.
    pub include: Vec<String>,
    /// `--exclude tag`: skip the tests with these tags.
    pub exclude: Vec<String>,
    /// `--seed N`: printed in the summary (tests always run in definition order).
    pub seed: Option<i64>,
    /// `--timeout MS`: per-test timeout.
    pub timeout: Option<i64>,
    /// Microseconds spent loading before the tests started ("on load" in the summary).
    pub load_us: i64,
    /// Run after a script's own code (`retort run`): `ExUnit.start(autorun: false)` then means
    /// the tests are not run.
    pub after_script: bool,
}

impl TestOptions {
    fn to_term(&self) -> Term {
        let strings = |v: &[String]| Term::list(v.iter().map(|s| Term::string(s)).collect());
        let kw = |k: &str, v: Term| Term::tuple(vec![Term::atom(k), v]);
        let mut items = vec![kw("load_us", Term::Int(self.load_us)), kw("after_script", Term::atom(if self.after_script { "true" } else { "false" }))];
        if !self.only.is_empty() {
            items.push(kw("only", strings(&self.only)));
        }
        if !self.include.is_empty() {
            items.push(kw("include", strings(&self.include)));
        }
        if !self.exclude.is_empty() {
            items.push(kw("exclude", strings(&self.exclude)));
        }
        if let Some(s) = self.seed {
            items.push(kw("seed", Term::Int(s)));
        }
        if let Some(t) = self.timeout {
            items.push(kw("timeout", Term::Int(t)));
        }
        Term::list(items)
    }
}

/// Runs the ExUnit test modules among `modules` (those that `use ExUnit.Case`) in a new main
/// process (`ExUnit.Runner.run/2`), which prints ExUnit's report. Returns the exit status: 0
/// when every test passed, else the configured `exit_status` (1 by default).
pub fn run_tests(vm: &mut Vm, modules: &[Atom], options: &TestOptions) -> i32 {
    vm.halt = None;
    let list = Term::list(modules.iter().map(|m| Term::Atom(*m)).collect());
    let pid = vm.spawn(Atom::intern("Elixir.ExUnit.Runner"), Atom::intern("run"), vec![list, options.to_term()]);
    vm.main_pid = Some(pid);
    vm.run()
}

/// `retort test`: loads every file in order (compiling its modules and running its top-level
/// code, as `elixir -r` does), then runs the test modules they defined. Returns the exit
/// status, or the rendered diagnostics of a file that does not compile. `files` are
/// `(path, source)` pairs.
pub fn test_files(vm: &mut Vm, files: &[(String, String)], options: &TestOptions) -> Result<i32, String> {
    let started = std::time::Instant::now();
    let mut modules = Vec::new();
    for (path, source) in files {
        let (mut m, code) = load_and_run(vm, source, path)?;
        if code != 0 {
            return Ok(code);
        }
        modules.append(&mut m);
    }
    let options = TestOptions { load_us: started.elapsed().as_micros() as i64, ..options.clone() };
    Ok(run_tests(vm, &modules, &options))
}
