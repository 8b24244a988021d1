//! Execution counts for `retort run --stats`: what the VM did, independent of timing noise.
//!
//! The interpreter has two instantiations of its dispatch loop (a const generic); the one
//! with statistics on counts every instruction and every fall-through pair of adjacent
//! instructions, the other has no trace of this code. Calls, spawns, messages and
//! allocations are counted where they happen when [`crate::scheduler::Vm::stats`] is set.
//!
//! What is counted:
//! - instructions: every executed instruction, by opcode ([`crate::bytecode::Op::opcode`]);
//! - pairs: two instructions at consecutive addresses of one function executed one after the
//!   other (the candidates for superinstructions; a taken jump or a call breaks a pair);
//! - calls by kind: local (`Call`/`TailCall`), remote (to language code through the export
//!   table), fun (a fun value called), native (a BIF, including guard BIFs);
//! - allocations made by instructions, by kind: cons cells, tuples, maps (built or updated),
//!   binaries (concatenations, interpolations, bitstrings), closures. Terms that natives
//!   build are not counted;
//! - processes spawned and messages sent (signals of kind message, from any source);
//! - peak process memory: the largest register stack plus frame stack, in bytes, seen at the
//!   end of a time slice (the words the VM allocates for a process's execution state; the
//!   terms they point to are not included).

use crate::bytecode::Op;
use std::fmt::Write;

/// Kinds of allocation counted by [`Stats::alloc`].
#[derive(Copy, Clone, Debug)]
pub enum AllocKind {
    Cons = 0,
    Tuple = 1,
    Map = 2,
    Binary = 3,
    Closure = 4,
}

const ALLOC_NAMES: [&str; 5] = ["cons", "tuple", "map", "binary", "closure"];

/// Kinds of call counted by [`Stats::call`].
#[derive(Copy, Clone, Debug)]
pub enum CallKind {
    Local = 0,
    Remote = 1,
    Fun = 2,
    Native = 3,
}

const CALL_NAMES: [&str; 4] = ["local", "remote", "fun", "native"];

/// The counters. Created by the embedder (`Vm::stats = Some(Box::default())`) before the run.
pub struct Stats {
    ops: Vec<u64>,
    pairs: Vec<u64>,
    prev: *const Op,
    prev_code: usize,
    pub calls: [u64; 4],
    pub allocs: [u64; 5],
    pub spawned: u64,
    pub messages: u64,
    /// Largest `regs.len() * 16 + frames.len() * size_of::<Frame>()` seen, in bytes.
    pub peak_process_bytes: usize,
}

impl Default for Stats {
    fn default() -> Stats {
        let n = Op::NAMES.len() + 1;
        Stats {
            ops: vec![0; n],
            pairs: vec![0; n * n],
            prev: std::ptr::null(),
            prev_code: 0,
            calls: [0; 4],
            allocs: [0; 5],
            spawned: 0,
            messages: 0,
            peak_process_bytes: 0,
        }
    }
}

impl Stats {
    /// Counts the execution of `op` (at its address in its function's code).
    #[inline]
    pub fn op(&mut self, op: &Op) {
        let code = op.opcode();
        self.ops[code] += 1;
        let here = op as *const Op;
        if !self.prev.is_null() && here == self.prev.wrapping_add(1) {
            let n = Op::NAMES.len() + 1;
            self.pairs[self.prev_code * n + code] += 1;
        }
        self.prev = here;
        self.prev_code = code;
    }

    /// Counts one call of `kind`.
    #[inline]
    pub fn call(&mut self, kind: CallKind) {
        self.calls[kind as usize] += 1;
    }

    /// Counts one allocation of `kind`.
    #[inline]
    pub fn alloc(&mut self, kind: AllocKind) {
        self.allocs[kind as usize] += 1;
    }

    /// Records a process's execution-state size (bytes) for the peak.
    pub fn process_size(&mut self, bytes: usize) {
        self.peak_process_bytes = self.peak_process_bytes.max(bytes);
    }

    /// Total instructions executed.
    pub fn instructions(&self) -> u64 {
        self.ops.iter().sum()
    }

    /// Count of executed instructions with opcode `name` (as in [`Op::NAMES`]); 0 if unknown.
    pub fn op_count(&self, name: &str) -> u64 {
        Op::NAMES.iter().position(|n| *n == name).map_or(0, |i| self.ops[i])
    }

    /// The report printed on stderr at exit: totals, then the top 20 opcodes and the top 20
    /// fall-through pairs, each with its count and share of all instructions.
    pub fn report(&self, reductions: u64) -> String {
        let name = |i: usize| Op::NAMES.get(i).copied().unwrap_or("?");
        let total = self.instructions();
        let pct = |c: u64| if total == 0 { 0.0 } else { c as f64 * 100.0 / total as f64 };
        let mut s = String::new();
        let _ = writeln!(s, "== retort stats");
        let _ = writeln!(s, "instructions       {total}");
        let _ = writeln!(s, "reductions         {reductions}");
        let calls: Vec<String> = CALL_NAMES.iter().zip(self.calls).map(|(n, c)| format!("{n} {c}")).collect();
        let _ = writeln!(s, "calls              {}", calls.join(", "));
        let _ = writeln!(s, "processes spawned  {}", self.spawned);
        let _ = writeln!(s, "messages sent      {}", self.messages);
        let allocs: Vec<String> = ALLOC_NAMES.iter().zip(self.allocs).map(|(n, c)| format!("{n} {c}")).collect();
        let _ = writeln!(s, "allocations        {}", allocs.join(", "));
        let _ = writeln!(s, "peak process bytes {}", self.peak_process_bytes);
        let mut ops: Vec<(usize, u64)> = self.ops.iter().copied().enumerate().filter(|(_, c)| *c > 0).collect();
        ops.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let _ = writeln!(s, "top opcodes:");
        for (i, c) in ops.iter().take(20) {
            let _ = writeln!(s, "  {:>14} {:5.1}%  {}", c, pct(*c), name(*i));
        }
        let n = Op::NAMES.len() + 1;
        let mut pairs: Vec<(usize, u64)> = self.pairs.iter().copied().enumerate().filter(|(_, c)| *c > 0).collect();
        pairs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let _ = writeln!(s, "top pairs (fall-through):");
        for (i, c) in pairs.iter().take(20) {
            let _ = writeln!(s, "  {:>14} {:5.1}%  {} -> {}", c, pct(*c), name(i / n), name(i % n));
        }
        s
    }
}
