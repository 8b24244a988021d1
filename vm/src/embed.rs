//! The VM side of the embedding API: host functions and host inboxes registered on a [`Vm`],
//! bounded runs ([`Vm::run_for`]) and the counters a host reads ([`Vm::counters`]). The
//! conversions between Rust values and terms are [`IntoTerm`] and [`FromTerm`].
//!
//! A VM holds all its state itself (no thread-local, no static but the atom table, which is
//! global, append-only and thread-safe, as the BEAM's is), so a program may run several, on
//! one thread or on several; a `Vm` is not `Send` (terms are `Rc`), so each stays on the thread
//! that made it. `retort_stdlib::embed::Engine` adds the compiler and the standard library,
//! source loading, stub modules for host functions and a receive for the host.

pub use crate::bif::host::HostFn;
pub use crate::scheduler::bounded::RunOutcome;
pub use crate::value::convert::{AtomName, ConvertError, FromTerm, IntoTerm};

use crate::scheduler::Vm;
use crate::value::Term;

/// A VM's counters, as [`Vm::counters`] reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counters {
    /// Reductions executed since the VM was created (one per call and per receive step).
    pub reductions: u64,
    /// Live processes.
    pub processes: usize,
    /// Processes in the run queue.
    pub runnable: usize,
    /// Modules with current code.
    pub modules: usize,
    /// Modules that also have old code (a hot load not yet purged).
    pub old_modules: usize,
    /// The code epoch: bumped by every load, purge and delete.
    pub code_epoch: u64,
}

impl Vm {
    /// Adds a host function; returns its id, which language code passes to
    /// `:retort_host.call(id, args)`.
    pub fn add_host_fn(&mut self, f: HostFn) -> usize {
        self.host.fns.push(f);
        self.host.fns.len() - 1
    }

    /// Adds an empty host inbox; returns its id (for `:retort_host.deliver(id, msg)` and
    /// [`Vm::take_host_message`]).
    pub fn add_host_inbox(&mut self) -> usize {
        self.host.inboxes.push(Default::default());
        self.host.inboxes.len() - 1
    }

    /// The oldest message delivered to host inbox `inbox`, if any (`None` too for an unknown id).
    pub fn take_host_message(&mut self, inbox: usize) -> Option<Term> {
        self.host.inboxes.get_mut(inbox)?.pop_front()
    }

    /// The VM's counters now.
    pub fn counters(&self) -> Counters {
        let current = self.code.modules.values().filter(|e| e.current.is_some()).count();
        let old = self.code.modules.values().filter(|e| e.old.is_some()).count();
        Counters {
            reductions: self.total_reductions,
            processes: self.procs.len(),
            runnable: self.run_queue.len(),
            modules: current,
            old_modules: old,
            code_epoch: self.code.epoch,
        }
    }
}
