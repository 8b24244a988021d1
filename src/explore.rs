//! `retort explore`: runs a script under many seeded schedules in virtual time and groups the
//! runs by outcome (standard output and exit status), to find the interleaving that breaks it.
//!
//! The script is compiled once ([`CachedCompiler`]); each run is a fresh VM on this thread
//! (new process table, code server and clock) that loads the cached images, with its standard
//! output sent to an in-memory file (fd 1 is pointed at it while the runs go on, so the VM's
//! own output path stays the plain one) and its standard error silenced. Run `i` uses seed `seed + i`, so a
//! failing run is replayed by `retort run --virtual-time --sched-seed N` (printed).

use retort_vm::code::table::CompilerHook;
use retort_vm::scheduler::seeded::{SeededScheduler, Strategy};
use retort_vm::{Vm, VmOptions};
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;
use std::rc::Rc;

/// The options of `retort explore`.
pub struct ExploreOptions {
    pub runs: u64,
    pub seed: u64,
    /// `random` or `pct`.
    pub strategy: String,
    /// PCT's depth (change points + 1).
    pub depth: u32,
    /// Print every run's seed and outcome.
    pub verbose: bool,
}

type Compiled = Result<(Vec<retort_vm::bytecode::ModuleImage>, Option<retort_vm::bytecode::ModuleImage>), String>;

/// A compiler that compiles each distinct (source, file) once and hands out copies of the
/// images afterwards: every run of an exploration loads the same code without recompiling.
#[derive(Clone, Default)]
pub struct CachedCompiler {
    inner: Rc<retort_stdlib::Compiler>,
    cache: Rc<RefCell<HashMap<(String, String), Compiled>>>,
}

impl CompilerHook for CachedCompiler {
    fn compile(&self, source: &str, file: &str) -> Compiled {
        let key = (source.to_string(), file.to_string());
        if let Some(c) = self.cache.borrow().get(&key) {
            return c.clone();
        }
        let c = self.inner.compile(source, file);
        self.cache.borrow_mut().insert(key, c.clone());
        c
    }
}

/// Descriptors 1 and 2 pointed elsewhere while the runs go on: standard output at an
/// in-memory file read after each run, standard error at /dev/null (the runs' crash reports
/// would bury the summary). Both are restored on drop.
struct Redirected {
    saved_out: libc::c_int,
    saved_err: libc::c_int,
    file: std::fs::File,
}

impl Redirected {
    fn new() -> std::io::Result<Redirected> {
        use std::os::fd::FromRawFd;
        let _ = std::io::stdout().flush();
        // SAFETY: descriptor calls on fds this process owns. `memfd` is a new descriptor that
        // the `File` then owns alone; `saved_out`/`saved_err` are duplicates of fds 1 and 2
        // kept to restore them in `drop`. A failure returns before anything was redirected.
        unsafe {
            let memfd = libc::memfd_create(c"retort-explore".as_ptr(), libc::MFD_CLOEXEC);
            if memfd < 0 {
                return Err(std::io::Error::last_os_error());
            }
            let file = std::fs::File::from_raw_fd(memfd);
            let null = libc::open(c"/dev/null".as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
            let saved_out = libc::dup(1);
            let saved_err = libc::dup(2);
            if null < 0 || saved_out < 0 || saved_err < 0 {
                return Err(std::io::Error::last_os_error());
            }
            libc::dup2(memfd, 1);
            libc::dup2(null, 2);
            libc::close(null);
            Ok(Redirected { saved_out, saved_err, file })
        }
    }

    /// What was written to standard output since the last call; empties the file.
    fn take(&mut self) -> Vec<u8> {
        use std::io::{Read, Seek, SeekFrom};
        let _ = std::io::stdout().flush();
        let mut out = Vec::new();
        let _ = self.file.seek(SeekFrom::Start(0));
        let _ = self.file.read_to_end(&mut out);
        let _ = self.file.set_len(0);
        let _ = self.file.seek(SeekFrom::Start(0));
        out
    }
}

impl Drop for Redirected {
    fn drop(&mut self) {
        let _ = std::io::stdout().flush();
        // SAFETY: `saved_out`/`saved_err` are the duplicates of fds 1 and 2 made in `new`.
        unsafe {
            libc::dup2(self.saved_out, 1);
            libc::dup2(self.saved_err, 2);
            libc::close(self.saved_out);
            libc::close(self.saved_err);
        }
    }
}

/// One run's outcome.
struct RunOutcome {
    stdout: Vec<u8>,
    code: i32,
    steps: u64,
}

/// Runs `source` once under `strategy` with `seed`, in a fresh VM. Err: it does not compile.
fn run_once(io: &mut Redirected, source: &str, file: &str, args: &[String], compiler: &CachedCompiler, seed: u64, strategy: Strategy) -> Result<RunOutcome, String> {
    let mut vm = Vm::new(VmOptions { virtual_time: true, no_halt: false, on_idle: None });
    retort_stdlib::install(&mut vm);
    vm.code.compiler = Some(Box::new(compiler.clone()));
    vm.argv = args.to_vec();
    vm.sched = Some(Box::new(SeededScheduler::new(seed, strategy)));
    let result = retort_stdlib::run_source(&mut vm, source, file);
    let _ = vm.out.flush();
    let steps = vm.sched.as_ref().map_or(0, |s| s.steps());
    drop(vm);
    let stdout = io.take();
    let code = result?;
    Ok(RunOutcome { stdout, code, steps })
}

/// The last telling line of `stdout` (shortened) for the summary: not empty, and not ExUnit's
/// closing "Randomized with seed" line (its tally above says more).
fn summary(o: &[u8]) -> String {
    let text = String::from_utf8_lossy(o);
    let last = text.lines().rev().find(|l| !l.trim().is_empty() && !l.starts_with("Randomized with seed")).unwrap_or("");
    let mut s: String = last.chars().take(60).collect();
    if last.chars().count() > 60 {
        s.push('…');
    }
    s
}

/// The command that replays run `seed` of this exploration.
fn replay_command(file: &str, args: &[String], seed: u64, strategy: Strategy) -> String {
    let mut cmd = format!("retort run --virtual-time --sched-seed {seed}");
    if let Strategy::Pct { depth, horizon } = strategy {
        cmd.push_str(&format!(" --sched-strategy pct --pct-depth {depth} --pct-horizon {horizon}"));
    }
    cmd.push(' ');
    cmd.push_str(file);
    for a in args {
        cmd.push(' ');
        cmd.push_str(a);
    }
    cmd
}

/// `retort explore`: exit status 0 when every run exits with 0, 1 when one does not (its seed
/// and the command that replays it are printed), 2 on a usage or compile error.
pub fn explore(file: &str, args: &[String], o: &ExploreOptions) -> ExitCode {
    let source = match std::fs::read_to_string(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("** (File.Error) could not read file \"{file}\": {e}");
            return ExitCode::from(2);
        }
    };
    let compiler = CachedCompiler::default();
    let mut quiet = match Redirected::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: retort explore could not redirect its output: {e}");
            return ExitCode::from(2);
        }
    };
    let started = std::time::Instant::now();
    let strategy = match o.strategy.as_str() {
        "random" => Strategy::Random,
        "pct" => {
            // PCT's change points are drawn among the first `horizon` slices: a run's length
            // under the random strategy is the estimate.
            let horizon = match run_once(&mut quiet, &source, file, args, &compiler, o.seed, Strategy::Random) {
                Ok(r) => r.steps.max(1),
                Err(msg) => {
                    drop(quiet);
                    eprint!("{msg}");
                    return ExitCode::from(2);
                }
            };
            Strategy::Pct { depth: o.depth.max(1), horizon }
        }
        s => {
            drop(quiet);
            eprintln!("error: unknown strategy {s:?} (random or pct)");
            return ExitCode::from(2);
        }
    };
    // Outcomes in order of first appearance: (stdout, status) → (count, first seed).
    let mut groups: Vec<((Vec<u8>, i32), u64, u64)> = Vec::new();
    let mut index: HashMap<(Vec<u8>, i32), usize> = HashMap::new();
    let mut first_failure = None;
    let mut verbose_lines = Vec::new();
    for i in 0..o.runs {
        let seed = o.seed.wrapping_add(i);
        let r = match run_once(&mut quiet, &source, file, args, &compiler, seed, strategy) {
            Ok(r) => r,
            Err(msg) => {
                drop(quiet);
                eprint!("{msg}");
                return ExitCode::from(2);
            }
        };
        if o.verbose {
            verbose_lines.push(format!("seed {seed}: exit {} after {} slices: {}", r.code, r.steps, summary(&r.stdout)));
        }
        if r.code != 0 && first_failure.is_none() {
            first_failure = Some(seed);
        }
        let key = (r.stdout, r.code);
        match index.get(&key) {
            Some(&g) => groups[g].1 += 1,
            None => {
                index.insert(key.clone(), groups.len());
                groups.push((key, 1, seed));
            }
        }
    }
    drop(quiet);
    let elapsed = started.elapsed();
    let mut out = String::new();
    for l in verbose_lines {
        out.push_str(&l);
        out.push('\n');
    }
    let name = match strategy {
        Strategy::Pct { depth, horizon } => format!("pct (depth {depth}, horizon {horizon})"),
        _ => "random".to_string(),
    };
    out.push_str(&format!(
        "explored {} runs of {file} (strategy {name}, seeds {}..{}) in {:.2}s\n",
        o.runs,
        o.seed,
        o.seed.wrapping_add(o.runs.saturating_sub(1)),
        elapsed.as_secs_f64()
    ));
    out.push_str(&format!("{} distinct outcome{}\n", groups.len(), if groups.len() == 1 { "" } else { "s" }));
    for ((stdout, code), count, seed) in &groups {
        out.push_str(&format!("  {count:>6} runs  exit {code}  seed {seed}  last line: {}\n", summary(stdout)));
    }
    let _ = std::io::stdout().write_all(out.as_bytes());
    match first_failure {
        Some(seed) => {
            println!("failing seed: {seed}");
            println!("replay: {}", replay_command(file, args, seed, strategy));
            ExitCode::from(1)
        }
        None => ExitCode::SUCCESS,
    }
}
