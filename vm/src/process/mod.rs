//! A process: its frames (on the heap), registers, mailbox with save pointer, catch stack,
//! links, monitors and flags; `table` holds the process table.

pub mod capture;
pub mod heap_limit;
pub mod mailbox;
pub mod table;

use crate::code::module::ModuleInstance;

mod frame;
pub use frame::Frame;
use crate::value::{Atom, Pid, Term};
pub use mailbox::Mailbox;
use std::rc::Rc;

/// A `try` in progress (pushed by `TryBegin`).
#[derive(Debug, Clone)]
pub struct CatchEntry {
    /// Number of frames when the try began: unwinding truncates to this depth.
    pub depth: u32,
    pub handler: u32,
    /// First of the three registers that receive class, reason and stacktrace.
    pub dst: u16,
}

/// Why a process is not running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// In the run queue.
    Runnable,
    /// Blocked in `receive` (possibly with a timer).
    Waiting,
    /// Finished; kept only until cleanup.
    Exited,
}

/// A lightweight process: the hot part, touched on every slice and message. What most
/// processes never use lives in [`ProcExt`], allocated on first use.
///
/// The control block is small (see the size test below) because spawning and memory per
/// process scale with it; registers and frames are vectors that grow on demand.
#[derive(Debug)]
pub struct Process {
    pub pid: Pid,
    pub frames: Vec<Frame>,
    pub regs: Vec<Term>,
    pub catches: Vec<CatchEntry>,
    pub mailbox: Mailbox,
    /// The save pointer of the current `receive`: index of the next message to examine.
    pub save: usize,
    /// Token of the active receive timer (0 = none); a fired timer with another token is stale.
    pub timer: u64,
    pub reductions: u64,
    pub status: Status,
    /// Set when the receive timer fired; `RecvWaitTimeout` then falls through.
    pub timed_out: bool,
    pub trap_exit: bool,
    /// Whether the process has yet to make its initial call, which then waits in its
    /// registers (see [`Process::set_pending`]).
    start: Start,
    /// The cold fields, `None` until one of them is set.
    pub ext: Option<Box<ProcExt>>,
}

/// The initial call of a process that has not run yet: callee (a module atom with
/// `Some(function)`, or a fun) and arguments.
pub type Pending = (Term, Option<Atom>, Vec<Term>);

/// Where a process is in starting: not yet started (its registers hold the initial call:
/// `[fun, args...]` or `[module, function, args...]`), or started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    Fun,
    Remote,
    Started,
}

/// Registers a new process starts with room for: the initial call's callee and arguments
/// fit without growing, and a small function's window too (8 registers, 128 bytes; the BEAM's
/// smallest heap is 233 words).
pub const INITIAL_REGS: usize = 8;

/// The fields of a process that most processes never set: links, monitors, the dictionary,
/// flags and names. Reached through [`Process::ext_mut`] (which allocates it) or the read
/// accessors of [`Process`] (which give the defaults when it is absent).
#[derive(Debug, Default)]
pub struct ProcExt {
    pub links: Vec<Pid>,
    /// Monitors this process holds: (reference, monitored pid).
    pub monitors: Vec<(u64, Pid)>,
    /// Monitors on this process: (reference, watcher pid, the registered name the watcher
    /// monitored it by, which its `:DOWN` message then names as `{name, node}`).
    pub monitored_by: Vec<(u64, Pid, Option<Atom>)>,
    pub registered: Option<Atom>,
    pub dict: Vec<(Term, Term)>,
    /// The `:error_handler` flag (module called for undefined functions); `None` is the
    /// default, `:error_handler`.
    pub error_handler: Option<Atom>,
    /// The initial call `{module, function, arity}` for `Process.info`; `None` is
    /// `{:erlang, :apply, 2}` (a process spawned with a fun).
    pub initial_call: Option<(Atom, Atom, u32)>,
    pub group_leader: Option<Pid>,
    /// Output captures in force (`ExUnit.CaptureIO`, `ExUnit.CaptureLog`), innermost last;
    /// see `bif::capture`.
    pub captures: Vec<capture::Capture>,
    /// `Process.flag(:max_heap_size, _)`; `None`: never set (no limit). See `heap_limit.rs`.
    pub max_heap: Option<heap_limit::MaxHeap>,
    /// The limit was reached by a process that is not killed (`kill: false`): reported once.
    pub max_heap_reported: bool,
}

impl ProcExt {
    /// Heap bytes this block owns besides itself (vector capacities, not the terms' data).
    pub fn owned_bytes(&self) -> usize {
        use std::mem::size_of;
        std::mem::size_of::<ProcExt>()
            + self.links.capacity() * size_of::<Pid>()
            + self.monitors.capacity() * size_of::<(u64, Pid)>()
            + self.monitored_by.capacity() * size_of::<(u64, Pid, Option<Atom>)>()
            + self.dict.capacity() * size_of::<(Term, Term)>()
    }
}

impl Process {
    pub fn new(pid: Pid) -> Process {
        Process {
            pid,
            // Most processes never go deeper than a frame or two: start with room for one
            // (a first push into an empty vector would reserve four).
            frames: Vec::with_capacity(1),
            regs: Vec::new(),
            catches: Vec::new(),
            mailbox: Mailbox::new(),
            save: 0,
            timer: 0,
            reductions: 0,
            status: Status::Runnable,
            timed_out: false,
            trap_exit: false,
            start: Start::Started,
            ext: None,
        }
    }

    /// The cold fields, allocated on first use.
    #[inline]
    pub fn ext_mut(&mut self) -> &mut ProcExt {
        self.ext.get_or_insert_with(Default::default)
    }

    /// Sets the initial call (see [`Pending`]) of a process that has not run: it waits in
    /// the registers (no separate allocation), which get room for [`INITIAL_REGS`] or more.
    pub fn set_pending(&mut self, callee: Term, function: Option<Atom>, args: Vec<Term>) {
        self.regs.clear();
        self.regs.reserve_exact(INITIAL_REGS.max(args.len() + 2));
        self.regs.push(callee);
        self.start = match function {
            Some(f) => {
                self.regs.push(Term::Atom(f));
                Start::Remote
            }
            None => Start::Fun,
        };
        self.regs.extend(args);
    }

    /// Takes the initial call of a process that has not started yet; its registers are left
    /// empty (with their capacity) for the call. Every slice asks, so the answer for a started
    /// process is inlined.
    #[inline(always)]
    pub fn take_pending(&mut self) -> Option<Pending> {
        if self.start == Start::Started {
            return None;
        }
        self.take_pending_now()
    }

    #[cold]
    fn take_pending_now(&mut self) -> Option<Pending> {
        let start = std::mem::replace(&mut self.start, Start::Started);
        if start == Start::Started || self.regs.is_empty() {
            return None;
        }
        let mut regs = self.regs.drain(..);
        let callee = regs.next().unwrap_or_default();
        let function = match start {
            Start::Remote => regs.next().and_then(|f| f.as_atom()),
            _ => None,
        };
        let args = regs.collect();
        Some((callee, function, args))
    }

    pub fn links(&self) -> &[Pid] {
        self.ext.as_ref().map_or(&[], |e| &e.links)
    }
    pub fn monitors(&self) -> &[(u64, Pid)] {
        self.ext.as_ref().map_or(&[], |e| &e.monitors)
    }
    pub fn monitored_by(&self) -> &[(u64, Pid, Option<Atom>)] {
        self.ext.as_ref().map_or(&[], |e| &e.monitored_by)
    }
    pub fn registered(&self) -> Option<Atom> {
        self.ext.as_ref().and_then(|e| e.registered)
    }
    pub fn dict(&self) -> &[(Term, Term)] {
        self.ext.as_ref().map_or(&[], |e| &e.dict)
    }
    /// The `:error_handler` process flag.
    pub fn error_handler(&self) -> Atom {
        self.ext.as_ref().and_then(|e| e.error_handler).unwrap_or_else(|| Atom::intern("error_handler"))
    }
    /// The initial call `{module, function, arity}`.
    pub fn initial_call(&self) -> (Atom, Atom, u32) {
        self.ext.as_ref().and_then(|e| e.initial_call).unwrap_or_else(|| (Atom::ERLANG, Atom::intern("apply"), 2))
    }
    pub fn group_leader(&self) -> Option<Pid> {
        self.ext.as_ref().and_then(|e| e.group_leader)
    }

    /// True if some frame (the current instruction or a return address, catch frames
    /// included since they live in frames) is in `inst` (hot-code rule R7).
    pub fn runs_instance(&self, inst: &Rc<ModuleInstance>) -> bool {
        self.frames.iter().any(|f| f.runs(inst))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_control_block_stays_small() {
        // The hot part only: 8 (pid) + 3 * 24 (vectors) + 32 (mailbox) + 3 * 8 + 3 flags
        // + 2 boxes. Growing it costs every process; move cold fields into `ProcExt`.
        assert!(std::mem::size_of::<Process>() <= 160, "{}", std::mem::size_of::<Process>());
    }

    #[test]
    fn cold_fields_read_as_defaults_until_set() {
        let mut p = Process::new(Pid::from_number(100));
        assert!(p.ext.is_none());
        assert_eq!(p.error_handler(), Atom::intern("error_handler"));
        assert_eq!(p.initial_call(), (Atom::ERLANG, Atom::intern("apply"), 2));
        assert!(p.links().is_empty() && p.dict().is_empty() && p.registered().is_none());
        p.ext_mut().links.push(Pid::from_number(101));
        assert_eq!(p.links(), &[Pid::from_number(101)]);
    }

    #[test]
    fn the_initial_call_waits_in_the_registers() {
        let mut p = Process::new(Pid::from_number(100));
        assert!(p.take_pending().is_none());
        p.set_pending(Term::atom("Elixir.M"), Some(Atom::intern("f")), vec![Term::Int(1), Term::Int(2)]);
        assert_eq!(p.regs.len(), 4);
        assert!(p.regs.capacity() >= INITIAL_REGS);
        let (callee, f, args) = p.take_pending().expect("pending");
        assert_eq!((callee, f, args), (Term::atom("Elixir.M"), Some(Atom::intern("f")), vec![Term::Int(1), Term::Int(2)]));
        assert!(p.regs.is_empty() && p.regs.capacity() >= INITIAL_REGS);
        assert!(p.take_pending().is_none());
        p.set_pending(Term::Int(7), None, vec![]);
        assert_eq!(p.take_pending(), Some((Term::Int(7), None, vec![])));
    }
}

