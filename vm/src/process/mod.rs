//! A process: its frames (on the heap), registers, mailbox with save pointer, catch stack,
//! links, monitors and flags.

use crate::code::module::ModuleInstance;

mod frame;
pub use frame::Frame;
use crate::value::{Atom, Pid, Term};
use std::collections::VecDeque;
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

/// A lightweight process.
#[derive(Debug)]
pub struct Process {
    pub pid: Pid,
    pub frames: Vec<Frame>,
    pub regs: Vec<Term>,
    pub catches: Vec<CatchEntry>,
    pub mailbox: VecDeque<Term>,
    /// The save pointer of the current `receive`: index of the next message to examine.
    pub save: usize,
    pub status: Status,
    /// Token of the active receive timer (0 = none); a fired timer with another token is stale.
    pub timer: u64,
    /// Set when the receive timer fired; `RecvWaitTimeout` then falls through.
    pub timed_out: bool,
    pub links: Vec<Pid>,
    /// Monitors this process holds: (reference, monitored pid).
    pub monitors: Vec<(u64, Pid)>,
    /// Monitors on this process: (reference, watcher pid, the registered name the watcher
    /// monitored it by, which its `:DOWN` message then names as `{name, node}`).
    pub monitored_by: Vec<(u64, Pid, Option<Atom>)>,
    pub trap_exit: bool,
    pub registered: Option<Atom>,
    pub dict: Vec<(Term, Term)>,
    pub reductions: u64,
    /// The process's `:error_handler` flag (module called for undefined functions).
    pub error_handler: Atom,
    /// The initial call `{module, function, arity}` for `Process.info`.
    pub initial_call: (Atom, Atom, u32),
    pub group_leader: Option<Pid>,
    /// The initial call of a process that has not run yet: callee (a module atom with
    /// `Some(function)`, or a fun) and arguments.
    pub pending: Option<(Term, Option<Atom>, Vec<Term>)>,
}

impl Process {
    pub fn new(pid: Pid) -> Process {
        Process {
            pid,
            frames: Vec::new(),
            regs: Vec::new(),
            catches: Vec::new(),
            mailbox: VecDeque::new(),
            save: 0,
            status: Status::Runnable,
            timer: 0,
            timed_out: false,
            links: Vec::new(),
            monitors: Vec::new(),
            monitored_by: Vec::new(),
            trap_exit: false,
            registered: None,
            dict: Vec::new(),
            reductions: 0,
            error_handler: Atom::intern("error_handler"),
            initial_call: (Atom::ERLANG, Atom::intern("apply"), 2),
            group_leader: None,
            pending: None,
        }
    }

    /// True if some frame (the current instruction or a return address, catch frames
    /// included since they live in frames) is in `inst` (hot-code rule R7).
    pub fn runs_instance(&self, inst: &Rc<ModuleInstance>) -> bool {
        self.frames.iter().any(|f| f.runs(inst))
    }
}
