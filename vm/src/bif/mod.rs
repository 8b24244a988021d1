//! Native functions (BIFs), grouped by the module they appear in. Each is a leaf operation on
//! terms or on the VM's state; anything that calls back into language code returns
//! [`Trap::Apply`] instead of re-entering the interpreter.
//!
//! A remote call `Mod.f(args)` reaches a native when `Mod`'s current code does not export
//! `f/arity` (or `Mod` has no code): natives and code written in the language can share a
//! module (the standard library's `Process` has `sleep/1` in the language and `monitor/1`
//! natively).

pub mod code;
pub mod erlang;
pub mod io;
pub mod kernel;
pub mod otp;
pub mod process;
pub mod util;
pub mod lists;
pub mod maps;
pub mod string;
pub mod math;
pub mod system;
pub mod file;
pub mod regex;
pub mod etf;
pub mod crypto;
pub mod io_lib;
pub mod io_lib_term;
pub mod capture;
pub mod code_eval;
pub mod code_file;
pub mod protocol;
pub mod wall_clock;
pub mod limits;
pub mod range;
pub mod sort_steps;
pub mod enum_steps;
pub mod gen_tcp;
pub mod state;
pub mod ets;
pub mod base;
pub mod queue;
pub mod ets_table;
pub mod host;

use crate::code::table::CodeServer;
use crate::error::Trap;
use crate::process::Process;
use crate::scheduler::Vm;
use crate::value::Term;

/// The running process and the VM, as a native sees them.
pub struct Ctx<'a> {
    pub vm: &'a mut Vm,
    pub p: &'a mut Process,
}

/// Elements a native handles per reduction it charges: erts' `CELLS_PER_RED` (40), the rate at
/// which the BEAM's list BIFs (`lists:reverse/2`, `length/1`) bump reductions.
pub const ELEMENTS_PER_REDUCTION: usize = 40;

impl Ctx<'_> {
    /// Charges the running process for work on `elements` elements (a list sorted, copied,
    /// counted): one reduction per [`ELEMENTS_PER_REDUCTION`]. The reductions count for the
    /// process and the VM at once, and the interpreter takes them from the slice's budget after
    /// the call, so the process is preempted soon after a long native and other processes
    /// (and timers) get their turn, as after the same work done by BEAM code.
    pub fn charge(&mut self, elements: usize) {
        let r = (elements / ELEMENTS_PER_REDUCTION) as u64;
        if r == 0 {
            return;
        }
        self.p.reductions += r;
        self.vm.total_reductions += r;
        self.vm.charge = self.vm.charge.saturating_add(r.min(u32::MAX as u64) as u32);
    }

    /// A native is about to build a term of `words` heap words (a list of `n` elements: `2n`):
    /// `Err(exit :killed)` when that takes the process beyond its `max_heap_size` with `kill`
    /// (`process/heap_limit.rs`), so a runaway `List.duplicate` dies before allocating, as
    /// the BEAM's collector kills it mid-way. Free when no limit is set.
    pub fn heap_grows(&mut self, words: u64) -> Result<(), Trap> {
        match self.p.ext.as_ref().and_then(|e| e.max_heap) {
            Some(limit) if limit.size > 0 && self.vm.max_heap_reached(self.p, limit, words) => {
                Err(Trap::Exit(crate::value::Term::Atom(crate::value::Atom::KILLED)))
            }
            _ => Ok(()),
        }
    }

    /// [`Ctx::charge`] for sorting `n` elements: `n * log2(n)` comparisons.
    pub fn charge_sort(&mut self, n: usize) {
        let log = (usize::BITS - n.leading_zeros()) as usize;
        self.charge(n.saturating_mul(log));
    }
}

/// A native function: the arguments, in order; a value or a [`Trap`].
pub type NativeFn = fn(&mut Ctx, &mut [Term]) -> Result<Term, Trap>;

/// Registers every native module.
pub fn register_all(code: &mut CodeServer) {
    erlang::register(code);
    process::register(code);
    kernel::register(code);
    io::register(code);
    code::register(code);
    lists::register(code);
    maps::register(code);
    string::register(code);
    math::register(code);
    system::register(code);
    file::register(code);
    regex::register(code);
    etf::register(code);
    protocol::register(code);
    crypto::register(code);
    io_lib::register(code);
    capture::register(code);
    code_eval::register(code);
    code_file::register(code);
    otp::register(code);
    wall_clock::register(code);
    gen_tcp::register(code);
    host::register(code);
    ets::register(code);
    base::register(code);
    queue::register(code);
    crate::dist::natives::register(code);
    crate::dist::spawn::register(code);
    // Aliases last, so they never depend on the order of the tables above.
    code.register_aliases(kernel::ALIASES);
}
