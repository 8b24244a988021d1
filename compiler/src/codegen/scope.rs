//! Variables ↔ registers, with a stack discipline: variables and temporaries are allocated at
//! the top (`next`); releasing temporaries never goes below the highest live variable.

use retort_vm::bytecode::Reg;
use std::collections::HashMap;

/// In a [`Scope::fresh`] function below this many registers, released temporaries are not
/// reused: every temporary and every clause gets registers of its own, so each register name
/// holds one value's live range and register allocation (`regalloc.rs`) can coalesce moves
/// across clauses. Above it, the stack discipline keeps huge functions within the register file.
const FRESH_LIMIT: u32 = 1024;

/// The register state of the function being compiled.
#[derive(Clone, Default)]
pub(crate) struct Scope {
    /// Live variables (the current binding of each name).
    pub vars: HashMap<String, Reg>,
    /// First free register.
    pub next: u32,
    /// One past the highest register ever used.
    pub max: u32,
    /// Whether released registers stay unused (see [`FRESH_LIMIT`]): set for functions that
    /// register allocation compacts afterwards; the others (`receive`, `try`, binaries) keep
    /// the stack discipline, which reuses registers itself.
    pub fresh: bool,
}

/// What [`Scope::save`] captured.
pub(crate) struct Saved {
    vars: HashMap<String, Reg>,
    next: u32,
}

impl Scope {
    pub fn new(reserved: u32) -> Scope {
        Scope { vars: HashMap::new(), next: reserved, max: reserved, fresh: false }
    }
    /// A fresh register.
    pub fn alloc(&mut self) -> Reg {
        self.alloc_n(1)
    }
    /// `n` consecutive fresh registers; returns the first.
    pub fn alloc_n(&mut self, n: u32) -> Reg {
        let r = self.next;
        self.next += n;
        // A zero-length block still names register `r` (a call base): keep it in the frame.
        self.max = self.max.max(self.next).max(r + 1);
        Reg(r.min(u16::MAX as u32) as u16)
    }
    /// The temporaries mark to give back to [`Scope::release`].
    pub fn mark(&self) -> u32 {
        self.next
    }
    /// Frees temporaries above `mark`, keeping every live variable's register.
    pub fn release(&mut self, mark: u32) {
        if self.fresh && self.max < FRESH_LIMIT {
            return;
        }
        let floor = self.vars.values().map(|r| r.0 as u32 + 1).max().unwrap_or(0);
        self.next = mark.max(floor);
    }
    pub fn get(&self, name: &str) -> Option<Reg> {
        self.vars.get(name).copied()
    }
    pub fn bind(&mut self, name: &str, r: Reg) {
        self.vars.insert(name.to_string(), r);
    }
    /// Saves the variables and the free pointer (entering a clause).
    pub fn save(&self) -> Saved {
        Saved { vars: self.vars.clone(), next: self.next }
    }
    /// Restores what [`Scope::save`] captured (leaving a clause).
    pub fn restore(&mut self, s: Saved) {
        self.vars = s.vars;
        if !self.fresh || self.max >= FRESH_LIMIT {
            self.next = s.next;
        }
    }
}
