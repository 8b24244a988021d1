//! The `retort` command line: `run`, `test`, `compile`, `disasm`, `iex`.

use clap::{Parser, Subcommand};
use retort_vm::{Vm, VmOptions};
use std::process::ExitCode;

mod disasm;
mod iex;
mod test_cmd;

mod alloc;

#[global_allocator]
static GLOBAL: alloc::Mimalloc = alloc::Mimalloc;

#[derive(Parser)]
#[command(name = "retort", version, about = "A bytecode VM with BEAM-style hot code swapping for an Elixir-like language")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Compile and run a script: its modules are loaded, then its top-level expressions run in
    /// the main process; the VM halts when the main process ends.
    Run {
        /// Virtual time: when no process can run, the clock jumps to the next timer.
        #[arg(long)]
        virtual_time: bool,
        /// Keep running after the main process ends, until no process can run.
        #[arg(long)]
        no_halt: bool,
        /// Print a line on stderr per load, purge, soft-purge refusal and kill.
        #[arg(long)]
        trace_code: bool,
        /// At exit, print execution counts on stderr: instructions (total, top opcodes and
        /// adjacent pairs), reductions, calls by kind, spawns, messages, allocations, peak
        /// process memory.
        #[arg(long)]
        stats: bool,
        /// Add a directory to the code path (searched for `Elixir.Mod.rbc` files).
        #[arg(long = "pa", value_name = "DIR")]
        pa: Vec<String>,
        /// The script.
        file: String,
        /// Arguments for `System.argv/0`.
        args: Vec<String>,
    },
    /// Compile source files to bytecode files, one `Elixir.Mod.rbc` per module.
    Compile {
        files: Vec<String>,
        /// Output directory.
        #[arg(short = 'o', default_value = ".")]
        out: String,
    },
    /// Print the bytecode of a source or bytecode file.
    Disasm { file: String },
    /// The interactive shell; the files are compiled and loaded first.
    Iex { files: Vec<String> },
    /// Run ExUnit tests, as `mix test`: with no paths in a project (a directory with `lib/` and
    /// `test/`), loads `lib/**/*.ex`, then `test/test_helper.exs`, then `test/**/*_test.exs`.
    /// A directory means its `test_helper.exs` then its `*_test.exs` files; `FILE:LINE` runs
    /// only the test at that line. Exit status 2 when a test fails, 1 when a file does not
    /// compile.
    Test {
        /// Run only the tests with this tag (`tag` or `tag:value`); repeatable.
        #[arg(long, value_name = "TAG")]
        only: Vec<String>,
        /// Skip the tests with this tag (`tag` or `tag:value`); repeatable.
        #[arg(long, value_name = "TAG")]
        exclude: Vec<String>,
        /// Run the tests with this tag even when excluded; repeatable.
        #[arg(long, value_name = "TAG")]
        include: Vec<String>,
        /// The seed printed in the summary (tests run in definition order).
        #[arg(long)]
        seed: Option<i64>,
        /// Per-test timeout in milliseconds (default 60000).
        #[arg(long)]
        timeout: Option<i64>,
        /// Virtual time: when no process can run, the clock jumps to the next timer.
        #[arg(long)]
        virtual_time: bool,
        /// Files (`FILE` or `FILE:LINE`) and directories (default: the project, or `test`).
        paths: Vec<String>,
    },
}

fn main() -> ExitCode {
    alloc::configure();
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Iex { files: Vec::new() }) {
        Command::Iex { files } => iex::main(files),
        Command::Run { virtual_time, no_halt, trace_code, stats, pa, file, args } => run(&file, RunFlags { virtual_time, no_halt, trace: trace_code, stats }, pa, args),
        Command::Compile { files, out } => compile(&files, &out),
        Command::Disasm { file } => disasm::disasm(&file),
        Command::Test { only, exclude, include, seed, timeout, virtual_time, paths } => {
            let options = retort_stdlib::TestOptions { only, include, exclude, seed, timeout, ..Default::default() };
            test_cmd::test(paths, options, virtual_time)
        }
    }
}

pub(crate) fn read(file: &str) -> Result<String, ExitCode> {
    std::fs::read_to_string(file).map_err(|e| {
        eprintln!("** (File.Error) could not read file \"{file}\": {e}");
        ExitCode::from(1)
    })
}

/// The switches of `retort run`.
struct RunFlags {
    virtual_time: bool,
    no_halt: bool,
    trace: bool,
    stats: bool,
}

fn run(file: &str, flags: RunFlags, pa: Vec<String>, args: Vec<String>) -> ExitCode {
    let source = match read(file) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let mut vm = Vm::new(VmOptions { virtual_time: flags.virtual_time, no_halt: flags.no_halt, on_idle: Some(alloc::release_free_memory) });
    retort_stdlib::install(&mut vm);
    vm.code.trace = flags.trace;
    vm.code.path = pa;
    vm.argv = args;
    if flags.stats {
        vm.stats = Some(Box::default());
    }
    let result = retort_stdlib::run_source(&mut vm, &source, file);
    if let Some(s) = vm.stats.as_deref() {
        use std::io::Write;
        let _ = std::io::Write::flush(&mut vm.out);
        let _ = std::io::stderr().write_all(s.report(vm.total_reductions).as_bytes());
    }
    match result {
        Ok(code) => ExitCode::from(code.clamp(0, 255) as u8),
        Err(msg) => {
            eprint!("{msg}");
            ExitCode::from(1)
        }
    }
}

fn compile(files: &[String], out: &str) -> ExitCode {
    let compiler = retort_stdlib::Compiler::default();
    let _ = std::fs::create_dir_all(out);
    for f in files {
        let source = match read(f) {
            Ok(s) => s,
            Err(c) => return c,
        };
        match retort_vm::code::table::CompilerHook::compile(&compiler, &source, f) {
            Ok((mods, _)) => {
                for m in mods {
                    let path = std::path::Path::new(out).join(format!("{}{}", m.name, retort_vm::bytecode::file::EXTENSION));
                    if let Err(e) = std::fs::write(&path, retort_vm::bytecode::file::encode(&m)) {
                        eprintln!("error: could not write {}: {e}", path.display());
                        return ExitCode::from(1);
                    }
                }
            }
            Err(msg) => {
                eprint!("{msg}");
                return ExitCode::from(1);
            }
        }
    }
    ExitCode::SUCCESS
}
