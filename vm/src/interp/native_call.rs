//! The native-call fast path's argument passing: the arguments are moved out of the caller's
//! registers into a fixed array on the Rust stack (no vector is built and dropped per call), and
//! only a failing call, which needs them afterwards, gets them back as a vector.
//!
//! A native is `fn(&mut Ctx, &mut [Term])` and its context borrows the whole process, so the
//! arguments cannot stay in `p.regs` during the call; the BEAM passes them in X registers.
//! [`INLINE`] arguments fit in the array (every `:erlang`/`Kernel` native the benchmarks call:
//! `send/2`, `make_ref/0`, `self/0`, `Map.put/3`); more take the vector path.

use crate::bif::{Ctx, NativeFn};
use crate::error::Trap;
use crate::process::Process;
use crate::scheduler::Vm;
use crate::value::Term;
use smallvec::SmallVec;

/// Arguments of a native call kept for its failure path (`calls::finish_native`).
pub type Args = SmallVec<[Term; 4]>;

/// Arguments passed in the on-stack array; a call with more builds a vector.
pub const INLINE: usize = 4;

/// Calls `nf` with the `argc` arguments at `p.regs[nbase..nbase + argc]`, moving them out (the
/// call clobbers those registers anyway). `Ok(value)` when the native returned a value;
/// otherwise its arguments and its result, for `calls::finish_native`.
///
/// Panics only as the indexing it replaces would: the verifier keeps `nbase + argc` within the
/// frame's registers.
#[inline(always)]
pub fn call(vm: &mut Vm, p: &mut Process, nf: NativeFn, nbase: usize, argc: usize) -> Result<Term, (Args, Result<Term, Trap>)> {
    if argc <= INLINE {
        let mut buf: [Term; INLINE] = Default::default();
        for (slot, reg) in buf.iter_mut().zip(&mut p.regs[nbase..nbase + argc]) {
            // A swap: the register gets the slot's `[]` and nothing is dropped (an assignment
            // would call the term's drop glue on the slot's `[]`).
            std::mem::swap(slot, reg);
        }
        let r = nf(&mut Ctx { vm, p }, &mut buf[..argc]);
        let out = match r {
            Ok(v) => {
                // Drop what the native left of its arguments, then forget the array: every
                // slot then holds an immediate, which owns nothing, so nothing leaks, and the
                // array's own drop (a call per slot) is skipped.
                for t in &mut buf[..argc] {
                    if owns_heap(t) {
                        drop(std::mem::take(t));
                    }
                }
                Ok(v)
            }
            r => Err((buf[..argc].iter_mut().map(std::mem::take).collect(), r)),
        };
        std::mem::forget(buf);
        return out;
    }
    let mut args: Args = p.regs[nbase..nbase + argc].iter_mut().map(std::mem::take).collect();
    let r = nf(&mut Ctx { vm, p }, &mut args);
    match r {
        Ok(v) => Ok(v),
        r => Err((args, r)),
    }
}

/// Whether dropping `t` does anything (it holds a reference count).
#[inline(always)]
fn owns_heap(t: &Term) -> bool {
    !t.owns_nothing()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::VmOptions;
    use crate::value::Pid;

    fn add3(_: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
        match a {
            [Term::Int(x), Term::Int(y), Term::Int(z)] => Ok(Term::Int(*x + *y + *z)),
            _ => Err(Trap::Raise(crate::error::Exception::badarg())),
        }
    }

    fn first(_: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
        Ok(Term::bool(matches!(a[0], Term::Tuple(_))))
    }

    fn count(_: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
        if a.len() == 6 {
            Ok(Term::Int(a.iter().filter_map(|t| if let Term::Int(n) = t { Some(*n) } else { None }).sum()))
        } else {
            Err(Trap::Raise(crate::error::Exception::badarg()))
        }
    }

    #[test]
    fn arguments_are_moved_out_and_given_back_on_failure() {
        let mut vm = Vm::new(VmOptions::default());
        let mut p = Process::new(Pid::from_number(100));
        p.regs = vec![Term::Int(9), Term::Int(1), Term::Int(2), Term::Int(3)];
        assert_eq!(call(&mut vm, &mut p, add3, 1, 3).ok(), Some(Term::Int(6)));
        // Moved out of the registers, the one below the base untouched.
        assert_eq!(p.regs, vec![Term::Int(9), Term::Nil, Term::Nil, Term::Nil]);
        p.regs = vec![Term::Int(1), Term::atom("x"), Term::Int(3)];
        let Err((args, r)) = call(&mut vm, &mut p, add3, 0, 3) else { panic!("add3 of an atom succeeded") };
        assert!(r.is_err());
        assert_eq!(args.to_vec(), vec![Term::Int(1), Term::atom("x"), Term::Int(3)]);
        // Heap arguments the native leaves are dropped after it returns (none leaks).
        let t = Term::tuple(vec![Term::Int(1)]);
        p.regs = vec![Term::Int(1), Term::Int(2), t.clone()];
        assert!(call(&mut vm, &mut p, add3, 0, 3).is_err());
        p.regs = vec![t.clone(), Term::Int(2), Term::Int(3)];
        assert!(call(&mut vm, &mut p, first, 0, 3).is_ok());
        let Term::Tuple(rc) = &t else { unreachable!() };
        assert_eq!(rc.strong_count(), 1);
        // More arguments than the array holds take the vector path.
        p.regs = (1..=6).map(Term::Int).collect();
        assert_eq!(call(&mut vm, &mut p, count, 0, 6).ok(), Some(Term::Int(21)));
        p.regs = (1..=5).map(Term::Int).collect();
        assert!(call(&mut vm, &mut p, count, 0, 5).is_err());
    }
}
