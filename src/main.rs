//! The `retort` command line: `run`, `compile`, `disasm`.

use clap::{Parser, Subcommand};
use retort_vm::{Vm, VmOptions};
use std::process::ExitCode;

mod disasm;
mod iex;

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Iex { files: Vec::new() }) {
        Command::Iex { files } => iex::main(files),
        Command::Run { virtual_time, no_halt, trace_code, pa, file, args } => run(&file, virtual_time, no_halt, trace_code, pa, args),
        Command::Compile { files, out } => compile(&files, &out),
        Command::Disasm { file } => disasm::disasm(&file),
    }
}

fn read(file: &str) -> Result<String, ExitCode> {
    std::fs::read_to_string(file).map_err(|e| {
        eprintln!("** (File.Error) could not read file \"{file}\": {e}");
        ExitCode::from(1)
    })
}

fn run(file: &str, virtual_time: bool, no_halt: bool, trace: bool, pa: Vec<String>, args: Vec<String>) -> ExitCode {
    let source = match read(file) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let mut vm = Vm::new(VmOptions { virtual_time, no_halt });
    retort_stdlib::install(&mut vm);
    vm.code.trace = trace;
    vm.code.path = pa;
    vm.argv = args;
    match retort_stdlib::run_source(&mut vm, &source, file) {
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
