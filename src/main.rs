//! The `retort` command line: `run`, `test`, `compile`, `disasm`, `iex`, and the release and
//! node commands `release`, `start`, `rpc`, `stop`, `upgrade` (`release.rs`, `node/`).

use clap::{Parser, Subcommand};
use retort_vm::{Vm, VmOptions};
use std::process::ExitCode;

mod disasm;
mod explore;
mod iex;
mod node;
mod release;
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
        #[command(flatten)]
        sched: SchedFlags,
        #[command(flatten)]
        dist: DistFlags,
        /// The script.
        file: String,
        /// Arguments for `System.argv/0`.
        args: Vec<String>,
    },
    /// Run a script under many seeded schedules in virtual time and group the runs by outcome
    /// (standard output and exit status). Exit status 1 when a run fails (non-zero exit: an
    /// uncaught error in the main process, a failed test), with its seed and the command that
    /// replays it; 0 when every run passes.
    Explore {
        /// How many schedules to try.
        #[arg(long, default_value_t = 100)]
        runs: u64,
        /// The first seed; run `i` uses `seed + i`.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// `random` (a random runnable process, random slice lengths) or `pct` (priority change
        /// points: probabilistic concurrency testing).
        #[arg(long, default_value = "random")]
        strategy: String,
        /// PCT: the bug depth searched for (one less change point).
        #[arg(long, default_value_t = 3)]
        depth: u32,
        /// Print each run's seed and outcome.
        #[arg(long, short)]
        verbose: bool,
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
    /// The interactive shell; the files are compiled and loaded first. With `--remsh NAME`, a
    /// line-based shell on a running node instead (each input is evaluated there as by `rpc`).
    Iex {
        files: Vec<String>,
        /// The node to open a shell on.
        #[arg(long, value_name = "NAME")]
        remsh: Option<String>,
        /// `--name`/`--sname`: the shell's node joins an Erlang cluster, as `iex --name`.
        #[command(flatten)]
        dist: DistFlags,
    },
    /// Compile source files into a release directory: one `Elixir.Mod.rbc` per module and
    /// `release.manifest` (each module's MD5 and `@vsn`, and the application module).
    Release {
        /// Output directory.
        #[arg(short = 'o', value_name = "DIR")]
        out: String,
        /// The module implementing `Application` (`use Application`, `start/2`).
        #[arg(long, value_name = "MOD")]
        app: Option<String>,
        files: Vec<String>,
    },
    /// Run a release in the foreground as node NAME, with a control socket
    /// `$RETORT_RUN_DIR/NAME.sock`, until `retort stop NAME`. A NAME with `@`
    /// (`NAME@HOST`) also makes it a distributed node of that name, joining an Erlang cluster.
    Start {
        /// The release directory.
        dir: String,
        #[arg(long, value_name = "NAME")]
        name: String,
        /// The magic cookie of a distributed node (default: ~/.erlang.cookie).
        #[arg(long, value_name = "COOKIE")]
        cookie: Option<String>,
        /// The distribution's tick time in seconds (the BEAM's `net_ticktime`).
        #[arg(long, value_name = "SECS", default_value_t = 60)]
        net_ticktime: u64,
    },
    /// Evaluate an expression on a running node and print `inspect` of its value.
    Rpc { name: String, expr: String },
    /// Stop a running node: its application, then the node.
    Stop { name: String },
    /// Upgrade a running node to the release in DIR. With --dry-run, print the plan only.
    Upgrade {
        name: String,
        /// The new release's directory.
        #[arg(long, value_name = "DIR")]
        to: String,
        #[arg(long)]
        dry_run: bool,
        /// How long each `:sys` call of the upgrade (suspend, get_state, change_code,
        /// resume) waits for a process, in milliseconds; one that does not answer in time
        /// abandons (before loading) or rolls back the upgrade.
        #[arg(long, value_name = "MS", default_value_t = 5000)]
        sys_timeout: u32,
    },
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
    let no_dist = DistFlags { name: None, sname: None, cookie: None, hidden: false, net_ticktime: 60 };
    match cli.command.unwrap_or(Command::Iex { files: Vec::new(), remsh: None, dist: no_dist }) {
        Command::Iex { remsh: Some(name), .. } => node::remsh(&name),
        Command::Iex { files, remsh: None, dist } => iex::main(files, dist.options()),
        Command::Release { out, app, files } => match release::build(&files, std::path::Path::new(&out), app.as_deref()) {
            Ok(r) => {
                println!("release written to {} ({} modules)", r.dir.display(), r.modules.len());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprint!("{e}");
                ExitCode::from(1)
            }
        },
        Command::Start { dir, name, cookie, net_ticktime } => {
            // Only a name with `@` is a node name; otherwise it names the control socket.
            let dist = name.contains('@').then(|| retort_vm::dist::Options { name: name.clone(), cookie, hidden: false, ticktime: net_ticktime });
            node::start(&dir, &name, dist)
        }
        Command::Rpc { name, expr } => node::rpc(&name, &expr),
        Command::Stop { name } => node::stop(&name),
        Command::Upgrade { name, to, dry_run, sys_timeout } => node::upgrade(&name, &to, dry_run, sys_timeout),
        Command::Run { virtual_time, no_halt, trace_code, stats, pa, sched, dist, file, args } => run(&file, RunFlags { virtual_time, no_halt, trace: trace_code, stats, sched, dist }, pa, args),
        Command::Explore { runs, seed, strategy, depth, verbose, file, args } => {
            explore::explore(&file, &args, &explore::ExploreOptions { runs, seed, strategy, depth, verbose })
        }
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
    sched: SchedFlags,
    dist: DistFlags,
}

/// The distribution switches of `retort run`, as `elixir --name/--sname/--cookie` (see
/// `vm/src/dist/`).
#[derive(clap::Args)]
struct DistFlags {
    /// Make this a distributed node named NAME@HOST (long names); without `@`, the host is
    /// this machine's full host name.
    #[arg(long, value_name = "NAME", conflicts_with = "sname")]
    name: Option<String>,
    /// A distributed node with a short name: NAME@SHORTHOST (or NAME@HOST as given).
    #[arg(long, value_name = "NAME")]
    sname: Option<String>,
    /// The magic cookie (default: the one in ~/.erlang.cookie, created if missing).
    #[arg(long, value_name = "COOKIE")]
    cookie: Option<String>,
    /// A hidden node: connections to it are listed by `Node.list(:hidden)` only.
    #[arg(long)]
    hidden: bool,
    /// The distribution's tick time in seconds (the BEAM's `net_ticktime`): a tick every
    /// quarter of it, a peer silent for all of it is disconnected.
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    net_ticktime: u64,
}

impl DistFlags {
    /// The options for `dist::start`, if a name was given.
    fn options(&self) -> Option<retort_vm::dist::Options> {
        let (n, short) = match (&self.name, &self.sname) {
            (Some(n), _) => (n, false),
            (None, Some(n)) => (n, true),
            (None, None) => return None,
        };
        let name = if n.contains('@') { n.clone() } else { format!("{n}@{}", retort_vm::dist::host_name(short)) };
        Some(retort_vm::dist::Options { name, cookie: self.cookie.clone(), hidden: self.hidden, ticktime: self.net_ticktime })
    }
}

/// The seeded-scheduling switches of `retort run` (see `vm/src/scheduler/seeded.rs`).
#[derive(clap::Args)]
struct SchedFlags {
    /// Seeded scheduling: which process runs next and for how many reductions come from a PRNG
    /// seeded with N. With --virtual-time, the same seed gives the same run, byte for byte.
    #[arg(long, value_name = "N")]
    sched_seed: Option<u64>,
    /// With --sched-seed: `random` (default) or `pct` (priority change points).
    #[arg(long, value_name = "STRATEGY", default_value = "random")]
    sched_strategy: String,
    /// PCT: the bug depth (one less change point).
    #[arg(long, value_name = "D", default_value_t = 3)]
    pct_depth: u32,
    /// PCT: the change points are drawn among the first K slices.
    #[arg(long, value_name = "K", default_value_t = 1000)]
    pct_horizon: u64,
    /// Write the run's schedule (one line per slice: pid, budget, reductions used) to FILE.
    /// Implies --virtual-time; without --sched-seed it records the plain scheduler's order.
    #[arg(long, value_name = "FILE", conflicts_with = "replay")]
    record: Option<String>,
    /// Run the schedule recorded in FILE; stops with an error at the first decision that no
    /// longer applies. Implies --virtual-time.
    #[arg(long, value_name = "FILE")]
    replay: Option<String>,
}

impl SchedFlags {
    /// The seeded scheduler these switches ask for, if any, and the seed for the record.
    fn scheduler(&self) -> Result<Option<(retort_vm::scheduler::seeded::SeededScheduler, u64)>, String> {
        use retort_vm::scheduler::{record, seeded::{SeededScheduler, Strategy}};
        if let Some(path) = &self.replay {
            let text = std::fs::read_to_string(path).map_err(|e| format!("** (File.Error) could not read file \"{path}\": {e}"))?;
            let (seed, decisions) = record::decode(&text).map_err(|e| format!("** (replay) {path}: {e}"))?;
            return Ok(Some((SeededScheduler::replay(seed, decisions), seed)));
        }
        let strategy = match (self.sched_seed, self.sched_strategy.as_str()) {
            (None, _) if self.record.is_some() => Strategy::Fifo,
            (None, _) => return Ok(None),
            (Some(_), "random") => Strategy::Random,
            (Some(_), "pct") => Strategy::Pct { depth: self.pct_depth, horizon: self.pct_horizon },
            (Some(_), s) => return Err(format!("error: unknown --sched-strategy {s:?} (random or pct)")),
        };
        let seed = self.sched_seed.unwrap_or(0);
        let mut s = SeededScheduler::new(seed, strategy);
        if self.record.is_some() {
            s.record();
        }
        Ok(Some((s, seed)))
    }
}

fn run(file: &str, flags: RunFlags, pa: Vec<String>, args: Vec<String>) -> ExitCode {
    let source = match read(file) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let sched = match flags.sched.scheduler() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let virtual_time = flags.virtual_time || flags.sched.record.is_some() || flags.sched.replay.is_some();
    let mut vm = Vm::new(VmOptions { virtual_time, no_halt: flags.no_halt, on_idle: Some(alloc::release_free_memory) });
    retort_stdlib::install(&mut vm);
    let seed = sched.as_ref().map_or(0, |s| s.1);
    vm.sched = sched.map(|s| Box::new(s.0));
    vm.code.trace = flags.trace;
    vm.code.path = pa;
    vm.argv = args;
    if flags.stats {
        vm.stats = Some(Box::default());
    }
    if let Some(opts) = flags.dist.options() {
        if virtual_time {
            eprintln!("error: a distributed node (--name/--sname) runs in real time: drop --virtual-time");
            return ExitCode::from(1);
        }
        if let Err(e) = retort_vm::dist::start(&mut vm, opts) {
            eprintln!("** (ErlangError) could not start distribution: {e}");
            return ExitCode::from(1);
        }
    }
    let mut result = retort_stdlib::run_source(&mut vm, &source, file);
    if let Some(s) = vm.stats.as_deref() {
        use std::io::Write;
        let _ = std::io::Write::flush(&mut vm.out);
        let _ = std::io::stderr().write_all(s.report(vm.total_reductions).as_bytes());
    }
    if let Some(s) = vm.sched.as_deref_mut() {
        let _ = std::io::Write::flush(&mut vm.out);
        match s.finish() {
            Ok(decisions) => {
                if let Some(path) = &flags.sched.record {
                    let comment = format!("recorded by: retort {}", std::env::args().skip(1).collect::<Vec<_>>().join(" "));
                    let text = retort_vm::scheduler::record::encode(&decisions, seed, &comment);
                    if let Err(e) = std::fs::write(path, text) {
                        eprintln!("error: could not write {path}: {e}");
                        result = result.map(|c| if c == 0 { 1 } else { c });
                    }
                }
            }
            Err(e) => {
                // A divergence found mid-run was printed when found; one found at the end is
                // printed here.
                if !s.error.as_ref().is_some_and(|x| *x == e) {
                    eprintln!("** (replay) {e}");
                }
                result = result.map(|_| 1);
            }
        }
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
