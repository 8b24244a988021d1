//! The VM and its single-threaded scheduler: the process table, the run queue, reductions,
//! timers, the real or virtual clock, signals (messages, exit signals), and process exit.

pub mod clock;
pub mod poll;
pub mod record;
pub mod seeded;
pub mod timer;
pub mod bounded;

use crate::code::table::CodeServer;
use crate::interp::{self, Outcome};
use crate::process::table::ProcTable;
use crate::process::{Process, Status};
use crate::value::{report, Atom, Pid, Term};
use ahash::AHashMap;
use clock::Clock;
use std::collections::VecDeque;
use std::io::Write;
use timer::{TimerKind, Timers};

/// Reductions a process may spend before it yields (the BEAM's figure).
pub const REDUCTIONS_PER_SLICE: u32 = 4000;

/// Full slices' worth of reductions after which the run loop looks at the timers and sockets
/// even before its 64th slice: 8 (32,000 reductions, a few milliseconds of work). With 64, a
/// process ticking every 5 ms beside `Enum.uniq/1` of 2 million elements waited 60–140 ms
/// between ticks; reading the clock once per 8 busy slices costs nothing measurable.
const TIMER_LOOK_SLICES: u64 = 8;

/// A signal for a process.
#[derive(Debug, Clone)]
pub enum Signal {
    Message(Term),
    /// An exit signal from `from`. `link`: it travels along a link (a `:normal` one is ignored by
    /// a non-trapping process). `kill`: untrappable (`Process.exit(pid, :kill)`, a purge).
    Exit { from: Pid, reason: Term, kill: bool },
}

/// Options the embedder sets.
#[derive(Debug, Clone, Default)]
pub struct VmOptions {
    pub virtual_time: bool,
    /// Keep running after the main process ends (`--no-halt`).
    pub no_halt: bool,
    /// Called when the VM is about to sleep for at least [`IDLE_HOOK_MIN_US`] waiting for a
    /// timer: the embedder's chance to return freed memory to the OS while nothing runs (the
    /// CLI's allocator keeps freed pages while the VM is busy; see `src/alloc.rs`).
    pub on_idle: Option<fn()>,
}

/// The shortest sleep (microseconds) before which [`VmOptions::on_idle`] is called.
pub const IDLE_HOOK_MIN_US: u64 = 10_000;

/// The virtual machine.
pub struct Vm {
    pub code: CodeServer,
    /// Every live process; the one running right now is taken out of its slot.
    pub procs: ProcTable,
    /// Runnable processes, in order. A pid carries its table slot, so popping one reaches the
    /// process without hashing; entries of processes that died since are skipped.
    pub run_queue: VecDeque<Pid>,
    pub timers: Timers,
    pub clock: Clock,
    pub registry: AHashMap<Atom, Pid>,
    pub next_ref: u64,
    /// The running process's pid, and signals sent to it while it runs (applied by the
    /// interpreter when it next looks at its mailbox, and at the end of its slice).
    pub current: Option<Pid>,
    pub inbox: Vec<Signal>,
    pub main_pid: Option<Pid>,
    /// Where the main process called `exit/1` without catching it: its stack trace, printed
    /// under the `** (exit)` banner as `elixir` does.
    pub main_exit_stack: Option<Term>,
    /// Set when the main process died of an exit signal from a link (or `Process.exit/2`)
    /// rather than by its own `exit/1`: `elixir` then prints `** (EXIT from #PID<..>) reason`
    /// and exits with status 1 whatever the reason.
    pub main_signalled: bool,
    /// Set by `System.halt/1` or when the main process ends.
    pub halt: Option<i32>,
    pub out: std::io::BufWriter<std::io::Stdout>,
    pub options: VmOptions,
    /// Total reductions executed (for benchmarks and `:erlang.statistics`).
    pub total_reductions: u64,
    /// The terms of processes that ended, freed a piece after each slice of [`Vm::run`]
    /// (`value/drop.rs`), so the end of a process holding millions of cells does not stop the
    /// others for the whole free.
    pub garbage: crate::value::drop::Reclaimer,
    /// Command-line arguments for `System.argv/0`.
    pub argv: Vec<String>,
    /// Virtual time: nanoseconds of work not yet added to the clock.
    work_ns: u64,
    /// Reductions charged by natives for work proportional to their input (see
    /// [`crate::bif::Ctx::charge`]), not yet taken from the running slice's budget.
    pub charge: u32,
    /// Execution counts for `retort run --stats` (None: not counted; see `interp::stats`).
    pub stats: Option<Box<crate::interp::stats::Stats>>,
    /// Exit signals along links still to be sent, and whether a `finish_process` is sending
    /// them (see there).
    link_work: Vec<LinkWork>,
    finishing_links: bool,
    /// `impl_for` answers of protocol dispatch, per code epoch (`bif::protocol`).
    pub protocols: crate::bif::protocol::ProtocolCache,
    /// Seeded scheduling (`--sched-seed`, `--record`, `--replay`, `retort explore`); None: the
    /// plain scheduler (see `seeded.rs`).
    pub sched: Option<Box<seeded::SeededScheduler>>,
    /// The TCP sockets (`io/tcp.rs`), created by the first socket; None: no socket ever existed,
    /// and the scheduler never polls.
    pub io: Option<Box<crate::io::tcp::Sockets>>,
    /// The natives' own state: unique integers, aliases, logger level, `:rand`, regexes.
    pub bif: crate::bif::state::BifState,
    /// Host functions and host inboxes of the embedding API (`crate::embed`).
    pub host: crate::bif::host::HostState,
    /// Erlang distribution (`dist/`), set by `dist::start`; None: not a distributed node.
    pub dist: Option<Box<crate::dist::Dist>>,
    /// This node's name and the remote pids and references seen (`dist/ext.rs`).
    pub ext: crate::dist::ext::ExtTable,
}

impl Vm {
    pub fn new(options: VmOptions) -> Vm {
        let mut vm = Vm {
            code: CodeServer::new(),
            procs: ProcTable::new(100),
            run_queue: VecDeque::new(),
            timers: Timers::default(),
            clock: Clock::new(options.virtual_time),
            registry: AHashMap::new(),
            next_ref: 1000,
            current: None,
            inbox: Vec::new(),
            main_pid: None,
            main_exit_stack: None,
            main_signalled: false,
            halt: None,
            out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()),
            options,
            total_reductions: 0,
            garbage: Default::default(),
            argv: Vec::new(),
            work_ns: 0,
            charge: 0,
            stats: None,
            link_work: Vec::new(),
            finishing_links: false,
            protocols: Default::default(),
            sched: None,
            io: None,
            bif: Default::default(),
            host: Default::default(),
            dist: None,
            ext: Default::default(),
        };
        crate::bif::register_all(&mut vm.code);
        vm
    }

    pub fn make_ref(&mut self) -> u64 {
        self.next_ref += 1;
        self.next_ref
    }

    /// Creates a process that will start with `module.function(args)` as a remote call.
    /// Returns its pid; the process is runnable.
    pub fn spawn(&mut self, module: Atom, function: Atom, args: Vec<Term>) -> Pid {
        if let Some(s) = self.stats.as_deref_mut() {
            s.spawned += 1;
        }
        let pid = self.procs.insert(|pid| {
            let mut p = Process::new(pid);
            p.ext_mut().initial_call = Some((module, function, args.len() as u32));
            interp::setup_apply(&mut p, module, function, args);
            p
        });
        self.run_queue.push_back(pid);
        pid
    }

    /// Creates a process that will call the fun `f` with no arguments.
    pub fn spawn_fun(&mut self, f: Term) -> Pid {
        if let Some(s) = self.stats.as_deref_mut() {
            s.spawned += 1;
        }
        let pid = self.procs.insert(|pid| {
            let mut p = Process::new(pid);
            interp::setup_fun_call(&mut p, f, vec![]);
            p
        });
        self.run_queue.push_back(pid);
        pid
    }

    /// The pid the next spawn will return.
    pub fn next_pid(&self) -> Pid {
        self.procs.next_pid()
    }

    /// Whether `pid` is alive (the running process counts: it keeps its slot while it runs).
    pub fn is_alive(&self, pid: Pid) -> bool {
        self.procs.contains(pid)
    }

    /// Delivers a signal. Signals for the running process go to [`Vm::inbox`].
    pub fn deliver(&mut self, to: Pid, sig: Signal) {
        if let (Some(s), Signal::Message(_)) = (self.stats.as_deref_mut(), &sig) {
            s.messages += 1;
        }
        let Some(p) = self.procs.get_mut(to) else {
            if crate::dist::ext::is_ext_pid(to) {
                self.dist_signal(to, sig);
                return;
            }
            if self.current == Some(to) {
                self.inbox.push(sig);
            }
            return;
        };
        match sig {
            Signal::Message(m) => {
                p.mailbox.push_back(m);
                if p.status == Status::Waiting {
                    p.status = Status::Runnable;
                    // `p.pid` rather than `to`: it carries the slot even if `to` did not.
                    self.run_queue.push_back(p.pid);
                }
            }
            Signal::Exit { from, reason, kill } => {
                if let Some(r) = exit_signal_effect(p, from, reason, kill) {
                    match r {
                        ExitEffect::Message(m) => {
                            p.mailbox.push_back(m);
                            if p.status == Status::Waiting {
                                p.status = Status::Runnable;
                                self.run_queue.push_back(p.pid);
                            }
                        }
                        ExitEffect::Die(reason) => {
                            if let Some(p) = self.procs.remove(to) {
                                if Some(to) == self.main_pid && !self.options.no_halt {
                                    self.main_signalled = true;
                                    let code = self.main_exit_status(&reason);
                                    self.halt.get_or_insert(code);
                                }
                                self.finish_process(p, reason);
                            }
                        }
                    }
                }
            }
        }
    }

    /// Sends a message to a pid: a push onto the receiver's mailbox (the term is shared, not
    /// copied) and, if it was waiting, a push of its pid onto the run queue. A message for the
    /// running process, or one counted by `--stats`, takes the general [`Vm::deliver`].
    #[inline(always)]
    pub fn send(&mut self, to: Pid, msg: Term) {
        if self.stats.is_none() {
            if let Some(p) = self.procs.get_mut(to) {
                p.mailbox.push_back(msg);
                if p.status == Status::Waiting {
                    p.status = Status::Runnable;
                    self.run_queue.push_back(p.pid);
                }
                return;
            }
        }
        self.deliver(to, Signal::Message(msg));
    }

    /// Ends a process that is out of the table: notifies monitors and links, unregisters it.
    pub fn finish_process(&mut self, mut p: Box<Process>, reason: Term) {
        p.status = Status::Exited;
        let pid = p.pid;
        if self.io.is_some() {
            self.close_sockets_of(pid);
        }
        // Registers and messages are freed a piece at a time (`Vm::garbage`).
        self.garbage.take(std::mem::take(&mut p.regs));
        self.garbage.take(p.mailbox.drain_all());
        if !self.bif.ets.is_empty() {
            // Its tables go with it, as the BEAM deletes a table whose owner ends.
            self.bif.ets.drop_owned_by(pid);
        }
        let Some(mut ext) = p.ext.take() else {
            // No links, monitors or name: nobody to tell.
            return;
        };
        if let Some(name) = ext.registered.take() {
            self.registry.remove(&name);
        }
        for (r, watcher, name) in std::mem::take(&mut ext.monitored_by) {
            if crate::dist::ext::is_ext_pid(watcher) {
                self.dist_monitor_exit(pid, name, watcher, r, reason.clone());
                continue;
            }
            let object = match name {
                Some(n) => Term::tuple(vec![Term::Atom(n), Term::Atom(self.ext.this_node().0)]),
                None => Term::Pid(pid),
            };
            let msg = Term::tuple(vec![Term::Atom(Atom::DOWN), Term::Ref(r), Term::Atom(Atom::PROCESS), object, reason.clone()]);
            // A monitor's alias (`:retort_otp.alias_ref/1`) ends when the monitor fires.
            if !self.bif.aliases.is_empty() {
                self.bif.aliases.remove(&(watcher.0, r));
            }
            // The monitor has fired: the watcher no longer holds it (a running watcher drops
            // it lazily, see `Process.demonitor/2` and `Process.info/2`).
            if let Some(w) = self.procs.get_mut(watcher).and_then(|w| w.ext.as_mut()) {
                w.monitors.retain(|(x, _)| *x != r);
            }
            self.send(watcher, msg);
        }
        for (r, target) in std::mem::take(&mut ext.monitors) {
            if let Some(t) = self.procs.get_mut(target).and_then(|t| t.ext.as_mut()) {
                t.monitored_by.retain(|(x, _, _)| *x != r);
            }
        }
        // The dictionary goes with the process here (its terms iteratively, see `value/drop.rs`).
        drop(p);
        let links = std::mem::take(&mut ext.links);
        if links.is_empty() {
            return;
        }
        // Exit signals along links can kill the linked processes, whose own links then get
        // signals, and so on: a chain of a million linked processes must not recurse on the
        // Rust stack. The links still to signal live on an explicit stack; a process killed by
        // one of the signals pushes its own entry and is served first, the order the
        // recursive definition gives (depth first).
        self.link_work.push(LinkWork { from: pid, reason, links, next: 0 });
        if self.finishing_links {
            return;
        }
        self.finishing_links = true;
        while let Some(w) = self.link_work.last_mut() {
            let Some(&l) = w.links.get(w.next) else {
                self.link_work.pop();
                continue;
            };
            w.next += 1;
            let (from, reason) = (w.from, w.reason.clone());
            if crate::dist::ext::is_ext_pid(l) {
                self.dist_link_exit(from, l, reason);
                continue;
            }
            if let Some(t) = self.procs.get_mut(l).and_then(|t| t.ext.as_mut()) {
                t.links.retain(|x| *x != from);
            }
            self.deliver(l, Signal::Exit { from, reason, kill: false });
        }
        self.finishing_links = false;
    }

    /// Kills a process (untrappable, reason `:killed`), as a purge does. The running process
    /// cannot be killed this way: the caller handles that case.
    pub fn kill(&mut self, pid: Pid) {
        if let Some(p) = self.procs.remove(pid) {
            self.finish_process(p, Term::Atom(Atom::KILLED));
        }
    }

    /// Runs until the main process ends (or, with `no_halt`, until nothing can run).
    /// Returns the exit status (`System.halt/1`, or 1 when the main process crashed).
    /// With [`Vm::sched`] set, the seeded loop of `seeded.rs` runs instead (the same steps,
    /// with its choices).
    pub fn run(&mut self) -> i32 {
        if self.sched.is_some() {
            return self.run_seeded();
        }
        let code = self.run_plain();
        // What ended processes left is freed now; while the loop ran it went a piece per slice.
        self.garbage.work_all();
        code
    }

    /// The plain run loop of [`Vm::run`].
    fn run_plain(&mut self) -> i32 {
        let mut slices: u32 = 0;
        // Timers and sockets are looked at every 64 slices, and also after as many reductions
        // as [`TIMER_LOOK_SLICES`] full slices hold: natives charge reductions for long work
        // (`Ctx::charge`), so a slice that sorted millions of elements brings the next look
        // forward. Short slices (a process that blocks after a message or two) reach the first
        // bound; busy ones the second, a few milliseconds of work apart.
        let mut looked_at = self.total_reductions;
        loop {
            if let Some(code) = self.halt {
                let _ = self.out.flush();
                // Frames sent just before the halt reach the other nodes (bounded wait).
                self.dist_flush(std::time::Duration::from_secs(5));
                return code;
            }
            slices = slices.wrapping_add(1);
            if slices % 64 == 0 || self.total_reductions.wrapping_sub(looked_at) >= TIMER_LOOK_SLICES * REDUCTIONS_PER_SLICE as u64 {
                looked_at = self.total_reductions;
                if !self.clock.virtual_time {
                    self.fire_timers();
                }
                if self.io.is_some() {
                    self.poll_io(Some(std::time::Duration::ZERO));
                }
            }
            let Some(pid) = self.run_queue.pop_front() else {
                if self.garbage.work_some() {
                    // Garbage left to free: a piece per turn, with the timers looked at between.
                    if !self.clock.virtual_time {
                        self.fire_timers();
                    }
                    continue;
                }
                let _ = self.out.flush();
                if !self.wait_for_timers() {
                    // Nothing can ever run again. If the main process is still waiting, it would
                    // wait forever (the BEAM would hang): say so and fail instead.
                    if let Some(m) = self.main_pid {
                        if self.procs.contains(m) && !self.options.no_halt {
                            eprintln!("** (deadlock) the main process #PID<0.{}.0> waits in receive and no process can run or wake it", m.0);
                            return 1;
                        }
                    }
                    return 0;
                }
                continue;
            };
            self.run_one(pid);
            if self.garbage.pending() {
                self.garbage.work_some();
            }
        }
    }

    /// Runs one slice of `pid`; a stale run-queue entry (the process died, or was queued
    /// twice) is skipped. Shared by the plain loop and [`Vm::run_for`].
    #[inline(always)]
    fn run_one(&mut self, pid: Pid) {
        let Some(mut p) = self.procs.take(pid) else { return };
        if p.status != Status::Runnable {
            self.procs.put_back(p);
            return;
        }
        self.current = Some(pid);
        let before = p.reductions;
        let outcome = interp::run_slice(self, &mut p);
        self.current = None;
        self.after_slice(p, before, outcome);
    }

    /// After a slice of `p` (which had run `before` reductions when the slice began): virtual
    /// time advances by the work done, the signals that arrived meanwhile apply, and `p` goes
    /// back to the run queue, waits, or ends. Shared by the plain and the seeded loop.
    #[inline(always)]
    fn after_slice(&mut self, mut p: Box<Process>, before: u64, outcome: Outcome) {
        // Virtual time also passes while processes work (1 ns per reduction, about the
        // BEAM's pace), so a busy process cannot freeze the clock. The timers that come due
        // fire once `p` is back in the table (or gone): fired now, a message or a receive
        // timeout for `p` itself would find no process and be lost.
        let mut due = false;
        if self.clock.virtual_time {
            self.work_ns += p.reductions - before;
            if self.work_ns >= 1000 {
                let now = self.clock.now_us();
                self.clock.advance_to_us(now + self.work_ns / 1000);
                self.work_ns %= 1000;
                due = true;
            }
        }
        let outcome = match p.ext.as_ref().and_then(|e| e.max_heap) {
            Some(limit) if limit.size > 0 && !matches!(outcome, Outcome::Exit(_)) => self.check_max_heap(&mut p, limit, outcome),
            _ => outcome,
        };
        self.settle_slice(p, outcome);
        if due {
            self.fire_timers();
        }
    }

    /// A process with a `max_heap_size` limit after its slice (`process/heap_limit.rs`): above
    /// the limit it is reported (`error_logger`, once when it is not killed) and, with `kill`,
    /// ends with reason `:killed`, as OTP 25's collector does it.
    #[cold]
    fn check_max_heap(&mut self, p: &mut Process, limit: crate::process::heap_limit::MaxHeap, outcome: Outcome) -> Outcome {
        if self.max_heap_reached(p, limit, 0) {
            return Outcome::Exit(Term::Atom(Atom::KILLED));
        }
        outcome
    }

    /// Whether `p`'s heap plus `extra` words (a term a native is about to build) is above
    /// `limit`, in which case it is reported (`error_logger`; once unless `kill`). Returns true
    /// when the process must then be killed (`kill`).
    #[cold]
    pub fn max_heap_reached(&mut self, p: &mut Process, limit: crate::process::heap_limit::MaxHeap, extra: u64) -> bool {
        use crate::process::heap_limit;
        let words = heap_limit::heap_words(p, limit.size.saturating_sub(extra)).saturating_add(extra);
        if words <= limit.size {
            return false;
        }
        let reported = p.ext.as_ref().is_some_and(|e| e.max_heap_reported);
        if limit.error_logger && !reported {
            let text = heap_limit::report(p.pid.0 as u64, &limit, words, p.mailbox.len(), p.frames.len() * 4, &crate::bif::otp::timestamp(&self.clock));
            let _ = self.out.write_all(text.as_bytes());
        }
        if limit.kill {
            return true;
        }
        p.ext_mut().max_heap_reported = true;
        false
    }

    /// The second half of [`Vm::after_slice`]: the signals that arrived during the slice apply,
    /// and `p` goes back to the run queue, waits, or ends.
    #[inline(always)]
    fn settle_slice(&mut self, mut p: Box<Process>, outcome: Outcome) {
        let pid = p.pid;
        let outcome = self.apply_inbox(&mut p, outcome);
        match outcome {
            Outcome::Yield => {
                self.run_queue.push_back(p.pid);
                self.procs.put_back(p);
            }
            Outcome::Wait => {
                if p.save < p.mailbox.len() || p.timed_out {
                    p.status = Status::Runnable;
                    self.run_queue.push_back(p.pid);
                } else {
                    p.status = Status::Waiting;
                }
                self.procs.put_back(p);
            }
            Outcome::Exit(reason) => {
                self.procs.release(pid);
                if Some(pid) == self.main_pid && !self.options.no_halt {
                    let code = self.main_exit_status(&reason);
                    self.finish_process(p, reason);
                    let _ = self.out.flush();
                    self.halt.get_or_insert(code);
                    return;
                }
                self.finish_process(p, reason);
            }
        }
    }

    /// Applies the signals that arrived for the running process during its slice. Inlined: it
    /// runs after every slice, and the seeded loop (`seeded.rs`) is its second caller.
    #[inline(always)]
    fn apply_inbox(&mut self, p: &mut Box<Process>, outcome: Outcome) -> Outcome {
        if self.inbox.is_empty() {
            return outcome;
        }
        if let Outcome::Exit(_) = outcome {
            self.inbox.clear();
            return outcome;
        }
        match self.drain_inbox(p) {
            Some(r) => Outcome::Exit(r),
            None => outcome,
        }
    }

    /// Moves signals queued for the running process into it (called by the interpreter before
    /// it looks at the mailbox). Returns an exit reason if one of them kills it.
    pub fn drain_inbox(&mut self, p: &mut Process) -> Option<Term> {
        // Drained in place, so the inbox keeps its capacity for the next slice.
        let mut sigs = std::mem::take(&mut self.inbox);
        let mut died = None;
        for sig in sigs.drain(..) {
            match sig {
                Signal::Message(m) => p.mailbox.push_back(m),
                Signal::Exit { from, reason, kill } => match exit_signal_effect(p, from, reason, kill) {
                    Some(ExitEffect::Message(m)) => p.mailbox.push_back(m),
                    Some(ExitEffect::Die(r)) => {
                        died = Some(r);
                        break;
                    }
                    None => {}
                },
            }
        }
        sigs.clear();
        self.inbox = sigs;
        if died.is_some() {
            self.main_signalled |= Some(p.pid) == self.main_pid;
        }
        died
    }

    fn fire_timers(&mut self) {
        let now = self.clock.now_us();
        for t in self.timers.pop_due(now) {
            match t {
                TimerKind::Receive { pid, token } => {
                    if let Some(p) = self.procs.get_mut(pid) {
                        // A process made runnable by a message that its receive may not match
                        // still learns that its timer fired; otherwise it would wait on with no
                        // timer (its `timer` field still holds this token, so none is re-armed).
                        if p.timer == token {
                            p.timed_out = true;
                            if p.status == Status::Waiting {
                                p.status = Status::Runnable;
                                self.run_queue.push_back(p.pid);
                            }
                        }
                    }
                }
                TimerKind::SendAfter { dest, msg } => {
                    let to = match dest {
                        Term::Pid(p) => Some(p),
                        Term::Atom(a) => self.registry.get(&a).copied(),
                        _ => None,
                    };
                    if let Some(to) = to {
                        self.send(to, msg);
                    }
                }
            }
        }
    }

    /// No process is runnable: advance (virtual) or sleep until (real) the next timer and fire
    /// it. Returns false when there is no timer at all.
    fn wait_for_timers(&mut self) -> bool {
        if self.io.as_ref().is_some_and(|io| io.armed > 0) || self.dist.is_some() {
            return self.wait_for_io();
        }
        let Some(at) = self.timers.next_deadline() else { return false };
        if self.clock.virtual_time {
            self.clock.advance_to_us(at);
        } else {
            let now = self.clock.now_us();
            if at > now {
                if let Some(hook) = self.options.on_idle.filter(|_| at - now >= IDLE_HOOK_MIN_US) {
                    hook();
                }
                std::thread::sleep(std::time::Duration::from_micros(at - now));
            }
        }
        self.fire_timers();
        true
    }

    /// The exit status of the script when its main process ends with `reason`, as `elixir`'s:
    /// 0 for `:normal` and `:shutdown`, `n` for `{:shutdown, n}`; otherwise the reason is printed
    /// on stderr and the status is 1.
    fn main_exit_status(&mut self, reason: &Term) -> i32 {
        if self.main_signalled {
            let _ = self.out.flush();
            let pid = self.main_pid.map(|p| p.0).unwrap_or(0);
            eprintln!("** (EXIT from #PID<0.{pid}.0>) {}", crate::value::exception::format_exit(&self.code.known, reason));
            return 1;
        }
        if reason.is_atom(Atom::NORMAL) || reason.is_atom(Atom::intern("shutdown")) {
            return 0;
        }
        if let Term::Tuple(t) = reason {
            if let [tag, Term::Int(n)] = &t[..] {
                if tag.is_atom(Atom::intern("shutdown")) {
                    return (*n).clamp(0, 255) as i32;
                }
            }
        }
        let _ = self.out.flush();
        eprintln!("{}", report::main_exit_message(&self.code.known, reason, self.main_exit_stack.as_ref()));
        1
    }

}

/// An ended process's links still to be sent its exit signal (see `Vm::finish_process`).
struct LinkWork {
    from: Pid,
    reason: Term,
    links: Vec<Pid>,
    next: usize,
}

enum ExitEffect {
    Message(Term),
    Die(Term),
}

/// What an exit signal does to its target (Erlang's rules): `:kill` (untrappable) → die with
/// `:killed`; trapping → an `{:EXIT, from, reason}` message; `:normal` from another process →
/// ignored; anything else → die with the same reason.
fn exit_signal_effect(p: &mut Process, from: Pid, reason: Term, kill: bool) -> Option<ExitEffect> {
    if kill {
        return Some(ExitEffect::Die(Term::Atom(Atom::KILLED)));
    }
    if p.trap_exit {
        return Some(ExitEffect::Message(Term::tuple(vec![Term::Atom(Atom::EXIT), Term::Pid(from), reason])));
    }
    if reason.is_atom(Atom::NORMAL) && from != p.pid {
        return None;
    }
    if reason.is_atom(Atom::KILL) {
        return Some(ExitEffect::Die(Term::Atom(Atom::KILLED)));
    }
    Some(ExitEffect::Die(reason))
}
