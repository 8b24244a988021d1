//! The dispatch loop: runs one process for one time slice.
//!
//! The loop keeps the current frame's code, base and pc in locals; it saves the pc into the
//! frame before anything that can raise, call, or yield (the rule is applied in one place:
//! [`save_pc`]). Handlers are grouped by kind: [`calls`] (calls, returns, funs), [`raise`]
//! (exceptions and unwinding); arithmetic, comparison, type tests and construction are term
//! functions of the value layer ([`crate::value::arith`], [`crate::value::comparison`],
//! [`crate::value::type_test`], [`crate::value::construct`]).

pub mod bits;
pub mod calls;
pub mod native_call;
pub mod raise;
pub mod receive;
pub mod stats;

use crate::bytecode::{ArithOp, Label, Op, RaiseKind, Reg};
use crate::error::{Exception, Trap};
use crate::process::{Frame, Process};
use crate::scheduler::{timer::TimerKind, Vm, REDUCTIONS_PER_SLICE};
use crate::value::term::ConsRc;
use crate::value::{arith, comparison, construct, type_test, Atom, Fun, Term};
use calls::{Callee, Flow};
use std::rc::Rc;

/// Why a slice ended.
#[derive(Debug)]
pub enum Outcome {
    /// Reductions used up: put back at the end of the run queue.
    Yield,
    /// Blocked in `receive`.
    Wait,
    /// The process ended with this reason.
    Exit(Term),
}

/// Prepares a new process to start with the remote call `module.function(args)`.
pub fn setup_apply(p: &mut Process, module: Atom, function: Atom, args: Vec<Term>) {
    p.set_pending(Term::Atom(module), Some(function), args);
}

/// Prepares a new process to start by calling the fun `f` with `args`.
pub fn setup_fun_call(p: &mut Process, f: Term, args: Vec<Term>) {
    p.set_pending(f, None, args);
}

/// Stores `v` into `slot`, skipping the destructor call when the old value holds no heap
/// pointer (the common case in arithmetic loops).
///
/// Every register write of the loop goes through here. The new value is stored before the old
/// one is dropped (not `*slot = v`, which drops first): across the destructor call `v` would be
/// spilled to the stack field by field and reloaded as one 16-byte move, which stalls on store
/// forwarding.
#[inline(always)]
fn put(slot: &mut Term, v: Term) {
    if slot.owns_nothing() {
        // SAFETY: the old value owns nothing, so overwriting it without dropping is sound.
        unsafe { std::ptr::write(slot, v) }
    } else {
        drop(std::mem::replace(slot, v))
    }
}

/// Swaps registers `from..from + n` with `0..n` of the window at `rb` (a tail call's arguments
/// move to the frame's base; the displaced values land where the callee overwrites them).
///
/// # Safety
/// Both ranges lie inside the frame's registers and do not overlap (`from >= n` or the caller
/// accepts the swap order, which pairs register `i` with `from + i` for increasing `i`).
#[inline(always)]
unsafe fn swap_down(rb: *mut Term, from: usize, n: usize) {
    let mut lo = rb;
    let end = rb.add(n);
    let mut hi = rb.add(from);
    while lo < end {
        let (a, b) = (read_words(lo), read_words(hi));
        std::ptr::write(lo, b);
        std::ptr::write(hi, a);
        lo = lo.add(1);
        hi = hi.add(1);
    }
}

/// Reads the term at `p` by its two 8-byte words. A register is usually written by two
/// narrower stores (tag, payload) just before it is read again, and a 16-byte load of it (what
/// a plain copy of a `Term` compiles to) cannot be forwarded from them and stalls: the tail
/// call of a counting loop took a third longer. Volatile keeps the two loads apart.
///
/// # Safety
/// `p` points at a valid term; the caller owns the result (a bitwise copy: exactly one of the
/// copy and the original may be dropped or used as owning).
#[inline(always)]
unsafe fn read_words(p: *const Term) -> Term {
    let w = p as *const std::mem::MaybeUninit<u64>;
    let words = [std::ptr::read_volatile(w), std::ptr::read_volatile(w.add(1))];
    // SAFETY: the two words are the bytes of a valid term (same size, checked by transmute).
    std::mem::transmute::<[std::mem::MaybeUninit<u64>; 2], Term>(words)
}

/// Moves the term out of `p` (read as [`read_words`] does), leaving `[]`.
///
/// # Safety
/// `p` points at a valid term that the caller may move out of.
#[inline(always)]
unsafe fn take_words(p: *mut Term) -> Term {
    let v = read_words(p);
    std::ptr::write(p, Term::Nil);
    v
}

/// `ConsTake`: `dst = [head | tail]`, moving the term out of `head` (bit 0 of `moved`, not
/// when `tail` is the same register) and `tail` (bit 1), each left `[]`. Out of the dispatch
/// loop, whose register allocation it would otherwise disturb.
///
/// # Safety
/// `head`, `tail` and `dst` are registers of the frame whose first register is at `rb`.
#[inline(never)]
unsafe fn cons_take(rb: *mut Term, dst: Reg, head: Reg, tail: Reg, moved: u8) {
    // Each part is copied from its register into the new cell; a moved part's register is
    // then left `[]`, a kept one's count raised (the copy is a second reference).
    let part = |r: Reg, take: bool, slot: *mut Term| {
        let src = rb.add(r.0 as usize);
        std::ptr::copy_nonoverlapping(src, slot, 1);
        if take {
            std::ptr::write(src, Term::Nil);
        } else {
            std::mem::forget((*src).clone());
        }
    };
    // SAFETY: `part` writes each slot once, from a valid term, and cannot unwind (a clone
    // copies or raises a count).
    let cell = ConsRc::new_in_place(|h, t| {
        part(head, moved & 1 != 0 && head != tail, h);
        part(tail, moved & 2 != 0, t);
    });
    put(&mut *rb.add(dst.0 as usize), Term::Cons(cell));
}

/// `Send`: `dst = send(to, msg)` through [`crate::bif::process::send_message`]; `Some` holds
/// the exception of an invalid destination. Out of the dispatch loop, whose register
/// allocation a longer arm disturbs; the exception comes back boxed, a pointer, since a
/// `Result<(), Exception>` return needed more of the loop's stack and registers (fib(30):
/// 525M instructions against 509M).
///
/// # Safety
/// `dst`, `to` and `msg` are registers of the frame whose first register is at `rb`, a window
/// of `p.regs`.
#[inline(never)]
unsafe fn send_op(vm: &mut Vm, p: &mut Process, rb: *mut Term, dst: Reg, to: Reg, msg: Reg) -> Option<Box<Exception>> {
    let (to, msg) = ((*rb.add(to.0 as usize)).clone(), (*rb.add(msg.0 as usize)).clone());
    // Sending touches other processes' mailboxes and the run queue, never this process's
    // registers, so `rb` stays valid.
    match crate::bif::process::send_message(vm, p, &to, msg) {
        Ok(v) => {
            put(&mut *rb.add(dst.0 as usize), v);
            None
        }
        Err(Trap::Raise(e)) => Some(Box::new(e)),
        // `send_message` only raises.
        Err(_) => Some(Box::new(Exception::badarg())),
    }
}

/// Sets the return address of the top frame to `ret_pc` and pushes `callee` above it.
///
/// # Safety
/// `frames` is not empty and has room for one more frame (`len < capacity`).
#[inline(always)]
unsafe fn push_frame(frames: &mut Vec<Frame>, ret_pc: u32, callee: Frame) {
    let depth = frames.len();
    let base = frames.as_mut_ptr();
    (*base.add(depth - 1)).pc = ret_pc;
    std::ptr::write(base.add(depth), callee);
    frames.set_len(depth + 1);
}

#[inline(always)]
fn save_pc(p: &mut Process, pc: usize) {
    if let Some(f) = p.frames.last_mut() {
        f.pc = pc as u32;
    }
}

/// Runs `p` until it yields, waits or exits.
#[inline]
pub fn run_slice(vm: &mut Vm, p: &mut Process) -> Outcome {
    run_slice_for(vm, p, REDUCTIONS_PER_SLICE)
}

/// [`run_slice`] with a budget of `slice` reductions (at most [`REDUCTIONS_PER_SLICE`]); seeded
/// schedules (`scheduler/seeded.rs`) jitter it.
#[inline(always)]
pub fn run_slice_for(vm: &mut Vm, p: &mut Process, slice: u32) -> Outcome {
    let mut budget: u32 = slice;
    let outcome = if vm.stats.is_some() {
        let o = run_inner::<true>(vm, p, &mut budget);
        let bytes = p.regs.len() * std::mem::size_of::<Term>() + p.frames.len() * std::mem::size_of::<Frame>();
        if let Some(s) = vm.stats.as_deref_mut() {
            s.process_size(bytes);
        }
        o
    } else {
        run_inner::<false>(vm, p, &mut budget)
    };
    let used = (slice - budget) as u64;
    vm.charge = 0;
    p.reductions += used;
    vm.total_reductions += used;
    outcome
}

/// The dispatch loop; `STATS` selects the instantiation that counts (see [`stats`]).
fn run_inner<const STATS: bool>(vm: &mut Vm, p: &mut Process, budget_io: &mut u32) -> Outcome {
    // The budget lives in a local for the slice (a register, not a memory round trip per
    // reduction) and is written back once at the end.
    let mut budget = *budget_io;
    let outcome = 'run: {
    // A process that has not started yet performs its initial call.
    if let Some((callee, function, args)) = p.take_pending() {
        let argc = args.len();
        if p.regs.len() < argc + 1 {
            p.regs.resize(argc + 1, Term::Nil);
        }
        for (i, a) in args.into_iter().enumerate() {
            p.regs[i] = a;
        }
        let c = match (&callee, function) {
            (Term::Atom(m), Some(f)) => Callee::Remote(*m, f),
            _ => Callee::Fun(callee.clone()),
        };
        match calls::invoke(vm, p, c, 0, argc, false, 0) {
            Ok(Flow::Continue) => {}
            Ok(Flow::Value(_)) => break 'run Outcome::Exit(Term::Atom(Atom::NORMAL)),
            Ok(Flow::Exit(r)) => break 'run Outcome::Exit(r),
            Err(e) => {
                if let Err(r) = raise::raise(vm, p, e) {
                    break 'run Outcome::Exit(r);
                }
            }
        }
    }

    'frames: loop {
        let Some(frame) = p.frames.last() else {
            break 'run Outcome::Exit(Term::Atom(Atom::NORMAL));
        };
        // SAFETY (the frame invariant): the top frame holds an `Rc` to its instance, so the
        // instance outlives every use of `inst`, `function` and `code` below: each operation
        // that pops or replaces the top frame either re-derives them from the new top frame
        // (the call/return fast paths) or leaves this block with `continue 'frames`.
        let mut inst: &crate::code::module::ModuleInstance = unsafe { &*(frame.inst() as *const crate::code::module::ModuleInstance) };
        let mut base = frame.base as usize;
        let Some(function) = inst.image.functions.get(frame.func() as usize) else {
            break 'run Outcome::Exit(Term::Atom(Atom::BADARG));
        };
        debug_assert!(p.regs.len() >= base + function.nregs as usize);
        // The instruction pointer: `ip` points at the next instruction of the function whose
        // code starts at `code`. SAFETY: a frame's pc is inside its function's code (it is a
        // label or a return address, both checked by the verifier).
        let mut code: *const Op = function.code.as_ptr();
        let mut ip: *const Op = unsafe { code.add(frame.pc as usize) };
        // The pc of the next instruction (the current one is `pc!() - 1`).
        macro_rules! pc {
            () => {
                // SAFETY: `ip` and `code` point into the same function's code.
                (unsafe { ip.offset_from(code) } as usize)
            };
        }
        // The function the top frame runs (off the hot paths).
        macro_rules! cur_fn {
            () => {
                match inst.image.functions.get(top!().func() as usize) {
                    Some(f) => f,
                    None => break 'run Outcome::Exit(Term::Atom(Atom::BADARG)),
                }
            };
        }

        // The current frame's register window, as a pointer to its first register. It is
        // re-derived (`resync!`) after anything that can grow `p.regs`: a call entry, and every
        // call out of the loop that takes `p` and does not leave the block with `continue 'frames`.
        let mut rb: *mut Term = unsafe { p.regs.as_mut_ptr().add(base) };
        macro_rules! resync {
            () => {
                // SAFETY: `base + nregs <= regs.len()` (frame entry), so `base` is in bounds.
                rb = unsafe { p.regs.as_mut_ptr().add(base) }
            };
        }
        // Register access. SAFETY: the verifier guarantees every register operand is below the
        // function's `nregs`, frame entry guarantees `regs.len() >= base + nregs`, and `rb` is
        // re-derived whenever `p.regs` may have been reallocated.
        macro_rules! reg {
            ($r:expr) => {
                *unsafe { &*rb.add($r.0 as usize) }
            };
        }
        macro_rules! regm {
            ($r:expr) => {
                *unsafe { &mut *rb.add($r.0 as usize) }
            };
        }
        // A window of `$n` registers from `$start`. SAFETY: as for `reg!`; the verifier checks
        // that every window lies inside the frame.
        macro_rules! window {
            ($start:expr, $n:expr) => {
                unsafe { std::slice::from_raw_parts(rb.add($start.0 as usize) as *const Term, $n as usize) }
            };
        }
        macro_rules! window_mut {
            ($start:expr, $n:expr) => {
                unsafe { std::slice::from_raw_parts_mut(rb.add($start.0 as usize), $n as usize) }
            };
        }
        // Raise `$e` (an Exception) at the current instruction.
        macro_rules! flow {
            ($r:expr, $dst:expr, $tail:expr) => {
                match $r {
                    Ok(Flow::Continue) => continue 'frames,
                    Ok(Flow::Value(v)) => {
                        if $tail {
                            match calls::do_return(p, v) {
                                Some(()) => continue 'frames,
                                None => break 'run Outcome::Exit(Term::Atom(Atom::NORMAL)),
                            }
                        } else {
                            resync!();
                            put(&mut regm!($dst), v);
                        }
                    }
                    Ok(Flow::Exit(r)) => break 'run Outcome::Exit(r),
                    // The call failed before entering the callee: the caller's frame reports
                    // the call instruction, not its return address.
                    Err(e) => throw!(e),
                }
            };
        }
        macro_rules! reduce {
            () => {{
                if budget == 0 {
                    save_pc(p, pc!() - 1);
                    break 'run Outcome::Yield;
                }
                budget -= 1;
            }};
        }
        // The top frame (the loop only runs while there is one; an empty stack ends the
        // process instead of panicking).
        macro_rules! top {
            () => {
                match p.frames.last() {
                    Some(f) => f,
                    None => break 'run Outcome::Exit(Term::Atom(Atom::NORMAL)),
                }
            };
        }
        macro_rules! top_mut {
            () => {
                match p.frames.last_mut() {
                    Some(f) => f,
                    None => break 'run Outcome::Exit(Term::Atom(Atom::NORMAL)),
                }
            };
        }
        // Counts a call of the given kind in the statistics instantiation.
        macro_rules! count_call {
            ($k:ident) => {
                if STATS {
                    if let Some(s) = vm.stats.as_deref_mut() {
                        s.call(stats::CallKind::$k);
                    }
                }
            };
        }
        // Counts an allocation of the given kind in the statistics instantiation.
        macro_rules! count_alloc {
            ($k:ident) => {
                if STATS {
                    if let Some(s) = vm.stats.as_deref_mut() {
                        s.alloc(stats::AllocKind::$k);
                    }
                }
            };
        }
        // Pops the top frame and stores `$v` into the caller's result register.
        macro_rules! ret {
            ($v:expr) => {{
                let Some(done) = p.frames.pop() else { break 'run Outcome::Exit(Term::Atom(Atom::NORMAL)) };
                let Some(caller) = p.frames.last() else {
                    break 'run Outcome::Exit(Term::Atom(Atom::NORMAL));
                };
                // Re-derive the locals from the caller's frame (see the frame invariant).
                inst = unsafe { &*(caller.inst() as *const crate::code::module::ModuleInstance) };
                base = caller.base as usize;
                code = caller.code();
                if code.is_null() {
                    break 'run Outcome::Exit(Term::Atom(Atom::BADARG));
                }
                // SAFETY: a suspended caller's pc is a return address inside its code.
                ip = unsafe { code.add(caller.pc as usize) };
                resync!();
                put(&mut regm!(crate::bytecode::Reg(done.ret_dst)), $v);
                drop(done);
            }};
        }
        // A call of native `$nf` (the one the import's cache holds, found by the arm's guard)
        // with the window at `$b`: its value goes to `$dst`, or (`$tail`) is returned to the
        // caller as `Return` does.
        macro_rules! native_fast {
            ($nf:expr, $b:expr, $argc:expr, $dst:expr, $tail:expr) => {{
                reduce!();
                count_call!(Native);
                save_pc(p, pc!());
                let nf = $nf;
                let nbase = base + $b.0 as usize;
                let r = native_call::call(vm, p, nf, nbase, *$argc as usize);
                if vm.charge != 0 {
                    // Long work done by the native (`Ctx::charge`) ends the slice sooner.
                    budget = budget.saturating_sub(std::mem::take(&mut vm.charge));
                }
                resync!();
                match r {
                    Ok(v) if $tail => ret!(v),
                    Ok(v) => put(&mut regm!($dst), v),
                    Err((args, r)) => {
                        let end = calls::finish_native(vm, p, nf, args, r, nbase);
                        let r = match end {
                            Ok(calls::NativeEnd::Flow(f)) => Ok(f),
                            Ok(calls::NativeEnd::Apply(c, n)) => calls::invoke(vm, p, c, nbase, n, $tail, $dst.0),
                            Err(e) => Err(e),
                        };
                        flow!(r, $dst, $tail);
                    }
                }
            }};
        }
        macro_rules! jump {
            ($l:expr) => {{
                // SAFETY: the verifier checks that every label is inside the function.
                ip = unsafe { code.add($l.0 as usize) };
            }};
        }
        macro_rules! fail_or_raise {
            ($fail:expr, $e:expr) => {{
                if $fail.is_none() {
                    throw!($e)
                } else {
                    jump!($fail)
                }
            }};
        }

        let e: Exception = 'dispatch: loop {
            // All raises leave the dispatch loop through one exit (below it), so the raise path
            // is not repeated at every instruction that can fail.
            macro_rules! throw {
                ($e:expr) => {{
                    break 'dispatch $e;
                }};
            }
            // SAFETY: the verifier guarantees that no reachable instruction falls off the end
            // of its function and that every label is inside it, so `ip` is in bounds.
            let op = unsafe { &*ip };
            ip = unsafe { ip.add(1) };
            if STATS {
                if let Some(s) = vm.stats.as_deref_mut() {
                    s.op(op);
                }
            }
            match op {
                Op::Move { dst, src } => {
                    let v = reg!(src).clone();
                    put(&mut regm!(dst), v);
                }
                Op::Take { dst, src } => {
                    // SAFETY: `src` is a register of the frame (verifier); its term moves out
                    // and `[]` (which owns nothing) is left behind.
                    let v = unsafe { take_words(rb.add(src.0 as usize)) };
                    put(&mut regm!(dst), v);
                }
                Op::Lit { dst, lit } => {
                    put(&mut regm!(dst), inst.literals[lit.0 as usize].clone());
                }
                Op::Int { dst, val } => put(&mut regm!(dst), Term::Int(*val as i64)),
                Op::Nil { dst } => put(&mut regm!(dst), Term::Nil),
                Op::Cons { dst, head, tail } | Op::ConsTake { dst, head, tail, .. } => {
                    count_alloc!(Cons);
                    // One arm for both (a second one changed the loop's register allocation:
                    // fib(30) took 4% more instructions).
                    let moved = if let Op::ConsTake { moved, .. } = op { *moved } else { 0 };
                    // SAFETY: `head`, `tail` and `dst` are registers of the frame (verifier).
                    unsafe { cons_take(rb, *dst, *head, *tail, moved) };
                }
                Op::Tuple { dst, start, n } => {
                    count_alloc!(Tuple);
                    let v = Term::tuple_cloned(window!(start, *n));
                    put(&mut regm!(dst), v);
                }
                Op::Map { dst, start, n } => {
                    count_alloc!(Map);
                    let v = construct::build_map(window!(start, 2 * *n));
                    put(&mut regm!(dst), v);
                }
                Op::MapLit { dst, keys, start, n } => {
                    count_alloc!(Map);
                    let v = construct::map_with_keys(&inst.literals[keys.0 as usize], window!(start, *n));
                    put(&mut regm!(dst), v);
                }
                Op::MapPut { dst, map, start, n } => {
                    count_alloc!(Map);
                    match construct::map_put(&reg!(map), window!(start, 2 * *n), false) {
                        Ok(v) => put(&mut regm!(dst), v),
                        Err(e) => throw!(e),
                    }
                }
                Op::MapUpdate { dst, map, start, n } => {
                    count_alloc!(Map);
                    match construct::map_put(&reg!(map), window!(start, 2 * *n), true) {
                        Ok(v) => put(&mut regm!(dst), v),
                        Err(e) => throw!(e),
                    }
                }
                Op::Concat { dst, start, n } => {
                    count_alloc!(Binary);
                    match construct::concat(window!(start, *n)) {
                        Ok(v) => put(&mut regm!(dst), v),
                        Err(e) => throw!(e),
                    }
                }
                Op::ToStr { dst, src } => {
                    let v = &reg!(src);
                    if let Term::Binary(_) = v {
                        let v = v.clone();
                        put(&mut regm!(dst), v);
                    } else if let Ok(b) = crate::value::to_string::to_string(v) {
                        put(&mut regm!(dst), Term::binary(b));
                    } else {
                        // No native conversion (a struct, a tuple, ...): the protocol decides,
                        // as a remote call `String.Chars.to_string(v)` made from this
                        // instruction, its argument in the first register above the frame.
                        reduce!();
                        save_pc(p, pc!());
                        let v = v.clone();
                        let nbase = base + cur_fn!().nregs as usize;
                        if p.regs.len() <= nbase {
                            p.regs.resize(nbase + 1, Term::Nil);
                        }
                        p.regs[nbase] = v;
                        let callee = Callee::Remote(Atom::intern("Elixir.String.Chars"), Atom::intern("to_string"));
                        let r = calls::invoke(vm, p, callee, nbase, 1, false, dst.0);
                        flow!(r, dst, false);
                    }
                }
                Op::Closure { dst, lambda, start, n } => {
                    count_alloc!(Closure);
                    let env = window!(start, *n).to_vec();
                    let instance = top!().inst_rc();
                    regm!(dst) = Term::Fun(Rc::new(Fun::local(instance, lambda.0, env)));
                }
                Op::ExtFun { dst, import } => {
                    let slot = &inst.imports[import.0 as usize];
                    regm!(dst) = Term::Fun(Rc::new(Fun::External {
                        module: slot.module,
                        function: slot.function,
                        arity: slot.arity,
                    }));
                }
                Op::Arith { op, dst, a, b, fail } => {
                    if let (Term::Int(x), Term::Int(y)) = (&reg!(a), &reg!(b)) {
                        // An if-chain, commonest first: a `match` here became a jump table.
                        let fast = if *op == ArithOp::Add {
                            x.checked_add(*y)
                        } else if *op == ArithOp::Sub {
                            x.checked_sub(*y)
                        } else if *op == ArithOp::Mul {
                            x.checked_mul(*y)
                        } else {
                            None
                        };
                        if let Some(v) = fast {
                            put(&mut regm!(dst), Term::Int(v));
                            continue;
                        }
                    }
                    let r = match (&reg!(a), &reg!(b)) {
                        (Term::Int(x), Term::Int(y)) => arith::int_arith(*op, *x, *y),
                        (x, y) => arith::arith(*op, x, y),
                    };
                    match r {
                        Ok(v) => put(&mut regm!(dst), v),
                        Err(e) => fail_or_raise!(fail, raise::blame_arith(*op, &reg!(a), &reg!(b), false, e, top!().inst().name)),
                    }
                }
                Op::ArithI { op, dst, a, imm, fail } => {
                    if let Term::Int(x) = reg!(a) {
                        // `checked_div`/`checked_rem` are `None` for a zero divisor too: the
                        // slow path below raises `badarith`.
                        let imm = *imm as i64;
                        let fast = if *op == ArithOp::Add {
                            x.checked_add(imm)
                        } else if *op == ArithOp::Sub {
                            x.checked_sub(imm)
                        } else if *op == ArithOp::Rem {
                            x.checked_rem(imm)
                        } else if *op == ArithOp::Mul {
                            x.checked_mul(imm)
                        } else if *op == ArithOp::IntDiv {
                            x.checked_div(imm)
                        } else {
                            None
                        };
                        if let Some(v) = fast {
                            put(&mut regm!(dst), Term::Int(v));
                            continue;
                        }
                    }
                    let r = match &reg!(a) {
                        Term::Int(x) => arith::int_arith(*op, *x, *imm as i64),
                        x => arith::arith(*op, x, &Term::Int(*imm as i64)),
                    };
                    match r {
                        Ok(v) => put(&mut regm!(dst), v),
                        Err(e) => fail_or_raise!(fail, raise::blame_arith(*op, &reg!(a), &Term::Int(*imm as i64), true, e, top!().inst().name)),
                    }
                }
                Op::Neg { dst, a, fail } => match arith::neg(&reg!(a)) {
                    Ok(v) => put(&mut regm!(dst), v),
                    Err(e) => fail_or_raise!(fail, raise::blame_neg(&reg!(a), e)),
                },
                Op::Abs { dst, a, fail } => match &reg!(a) {
                    Term::Int(i) if *i != i64::MIN => {
                        let v = Term::Int(i.abs());
                        put(&mut regm!(dst), v)
                    }
                    x => match arith::abs(x) {
                        Ok(v) => put(&mut regm!(dst), v),
                        Err(e) => fail_or_raise!(fail, e),
                    },
                },
                Op::Cmp { op, dst, a, b } => {
                    let r = match (&reg!(a), &reg!(b)) {
                        (Term::Int(x), Term::Int(y)) => comparison::int_cmp(*op, *x, *y),
                        (x, y) => comparison::cmp(*op, x, y),
                    };
                    put(&mut regm!(dst), Term::bool(r));
                }
                Op::Not { dst, a, fail } => match &reg!(a) {
                    Term::Atom(Atom::TRUE) => put(&mut regm!(dst), Term::FALSE),
                    Term::Atom(Atom::FALSE) => put(&mut regm!(dst), Term::TRUE),
                    _ => fail_or_raise!(fail, Exception::badarg()),
                },
                Op::Jump { target } => jump!(target),
                Op::JumpIf { cond, target } => {
                    if reg!(cond).is_truthy() {
                        jump!(target)
                    }
                }
                Op::JumpUnless { cond, target } => {
                    if !reg!(cond).is_truthy() {
                        jump!(target)
                    }
                }
                Op::Test { op, a, b, fail } => {
                    let ok = match (&reg!(a), &reg!(b)) {
                        (Term::Int(x), Term::Int(y)) => comparison::int_cmp(*op, *x, *y),
                        (x, y) => comparison::cmp(*op, x, y),
                    };
                    if !ok {
                        jump!(fail)
                    }
                }
                Op::TestI { op, a, imm, fail } => {
                    let ok = match &reg!(a) {
                        Term::Int(x) => comparison::int_cmp(*op, *x, *imm as i64),
                        x => comparison::cmp(*op, x, &Term::Int(*imm as i64)),
                    };
                    if !ok {
                        jump!(fail)
                    }
                }
                Op::IsEqLit { reg, lit, fail } => {
                    // SAFETY: the verifier checks every literal index against the pool.
                    let l = unsafe { inst.literals.get_unchecked(lit.0 as usize) };
                    let eq = match (&reg!(reg), l) {
                        (Term::Int(a), Term::Int(b)) => a == b,
                        (Term::Atom(a), Term::Atom(b)) => a == b,
                        (r, l) => r == l,
                    };
                    if !eq {
                        jump!(fail)
                    }
                }
                Op::IsType { ty, reg, fail } => {
                    if !type_test::type_test(*ty, &reg!(reg)) {
                        jump!(fail)
                    }
                }
                Op::IsTupleOf { reg, arity, fail } => match &reg!(reg) {
                    Term::Tuple(t) if t.len() == *arity as usize => {}
                    _ => jump!(fail),
                },
                Op::IsFunOf { reg, arity, fail } => match &reg!(reg) {
                    Term::Fun(f) if f.arity() == *arity => {}
                    _ => jump!(fail),
                },
                Op::GetList { src, head, tail } => {
                    let (h, t) = match &reg!(src) {
                        Term::Cons(c) => (c.head.clone(), c.tail.clone()),
                        _ => throw!(Exception::badarg()),
                    };
                    put(&mut regm!(head), h);
                    put(&mut regm!(tail), t);
                }
                Op::IsConsGetList { src, head, tail, fail } => {
                    let (h, t) = match &reg!(src) {
                        Term::Cons(c) => (c.head.clone(), c.tail.clone()),
                        _ => {
                            jump!(fail);
                            continue;
                        }
                    };
                    put(&mut regm!(head), h);
                    put(&mut regm!(tail), t);
                }
                Op::IsConsTakeList { src, head, tail, fail } => {
                    // SAFETY: as for `Take`; a term that is not a cons goes back in place of
                    // the `[]` left behind.
                    let (h, t) = match unsafe { take_words(rb.add(src.0 as usize)) } {
                        Term::Cons(c) => ConsRc::into_parts(c),
                        other => {
                            unsafe { std::ptr::write(rb.add(src.0 as usize), other) };
                            jump!(fail);
                            continue;
                        }
                    };
                    put(&mut regm!(head), h);
                    put(&mut regm!(tail), t);
                }
                Op::IsElemEqLit { src, idx, lit, fail } => {
                    let same = match &reg!(src) {
                        Term::Tuple(t) => t.get(*idx as usize).is_some_and(|e| comparison::same_as_lit(e, &inst.literals[lit.0 as usize])),
                        _ => false,
                    };
                    if !same {
                        jump!(fail)
                    }
                }
                Op::IsTaggedTuple { reg, arity, lit, fail } => {
                    if !type_test::is_tagged_tuple(&reg!(reg), *arity, &inst.literals[lit.0 as usize]) {
                        jump!(fail)
                    }
                }
                Op::GetElem { dst, src, idx } => {
                    let v = match &reg!(src) {
                        Term::Tuple(t) if (*idx as usize) < t.len() => t[*idx as usize].clone(),
                        _ => throw!(Exception::badarg()),
                    };
                    put(&mut regm!(dst), v);
                }
                Op::MapGet { dst, map, key, fail } => {
                    let v = match &reg!(map) {
                        Term::Map(m) => m.get(&reg!(key)).cloned(),
                        _ => None,
                    };
                    match v {
                        Some(v) => put(&mut regm!(dst), v),
                        None => jump!(fail),
                    }
                }
                Op::Field { dst, map, key } => {
                    let k = &inst.literals[key.0 as usize];
                    match &reg!(map) {
                        Term::Map(m) => match m.get(k) {
                            Some(v) => {
                                let v = v.clone();
                                put(&mut regm!(dst), v);
                            }
                            None => {
                                let e = Exception::error(Term::tuple(vec![
                                    Term::Atom(Atom::BADKEY),
                                    k.clone(),
                                    reg!(map).clone(),
                                ]));
                                throw!(e)
                            }
                        },
                        Term::Atom(m) if *m != Atom::NIL => {
                            let (m, f) = (*m, k.as_atom().unwrap_or(Atom::NIL));
                            reduce!();
                            save_pc(p, pc!());
                            let nbase = base + cur_fn!().nregs as usize;
                            let r = calls::invoke(vm, p, Callee::Remote(m, f), nbase, 0, false, dst.0);
                            flow!(r, dst, false);
                        }
                        other => {
                            // `term.key` on nil or a non-map: Elixir's `{:badkey, key, term}`.
                            let e = Exception::error(Term::tuple(vec![Term::Atom(Atom::BADKEY), k.clone(), other.clone()]));
                            throw!(e)
                        }
                    }
                }
                Op::BinPrefix { src, prefix, rest, fail } => {
                    let r = match (&reg!(src), &reg!(prefix)) {
                        (Term::Binary(s), Term::Binary(pre)) if s.starts_with(pre) => {
                            Some(Term::binary(s[pre.len()..].to_vec()))
                        }
                        _ => None,
                    };
                    match r {
                        Some(v) => put(&mut regm!(rest), v),
                        None => jump!(fail),
                    }
                }
                Op::BsPut { acc, val, size, seg, index } => {
                    let v = reg!(val).clone();
                    let sz = if size.is_none() { None } else { Some(reg!(size).clone()) };
                    let [buf, bits_len] = window_mut!(acc, 2) else { unreachable!("a window of two") };
                    if let Err(e) = bits::put(buf, bits_len, &v, sz.as_ref(), *seg, *index) {
                        throw!(e)
                    }
                }
                Op::BsFinish { dst, acc } => {
                    count_alloc!(Binary);
                    let [buf, bits_len] = window!(acc, 2) else { unreachable!("a window of two") };
                    match bits::finish(buf, bits_len) {
                        Ok(v) => put(&mut regm!(dst), v),
                        Err(e) => throw!(e),
                    }
                }
                Op::BsGet { src, pos, dst, size, seg, fail } => {
                    let sz = if size.is_none() { None } else { Some(&reg!(size)) };
                    match bits::get(&reg!(src), &reg!(pos), sz, *seg) {
                        Some((v, np)) => {
                            put(&mut regm!(dst), v);
                            put(&mut regm!(pos), Term::Int(np as i64));
                        }
                        None => jump!(fail),
                    }
                }
                Op::BsEnd { src, pos, fail } => {
                    if !bits::at_end(&reg!(src), &reg!(pos)) {
                        jump!(fail)
                    }
                }
                Op::Call { func, base: b, argc: _, dst } => {
                    // Local call fast path: same instance, new frame, no dispatch through invoke.
                    reduce!();
                    count_call!(Local);
                    let depth = p.frames.len();
                    if depth == p.frames.capacity() && !calls::grow_frames(&mut p.frames) {
                        throw!(Exception::error(Term::Atom(Atom::SYSTEM_LIMIT)));
                    }
                    let nbase = base + b.0 as usize;
                    // SAFETY: the verifier checks every local call's function index.
                    let callee = unsafe { inst.image.functions.get_unchecked(func.0 as usize) };
                    let need = nbase + callee.nregs as usize;
                    if p.regs.len() < need {
                        calls::grow_regs(&mut p.regs, need);
                    }
                    // SAFETY (here and in `push_frame`): the running frame is the top one
                    // (`depth >= 1`), and the check above left room for one more frame.
                    let ret_pc = pc!() as u32;
                    // The callee borrows the caller's count of the instance (see `Frame`).
                    let callee_frame = Frame::local_call(unsafe { p.frames.get_unchecked(depth - 1) }, func.0, callee.code.as_ptr(), nbase as u32, dst.0);
                    unsafe { push_frame(&mut p.frames, ret_pc, callee_frame) };
                    base = nbase;
                    resync!();
                    code = callee.code.as_ptr();
                    ip = code;
                }
                Op::TailCall { func, base: b, argc } => {
                    // Local tail call fast path: move the arguments down, reuse the frame.
                    reduce!();
                    count_call!(Local);
                    let nbase = base + b.0 as usize;
                    if nbase != base {
                        // Swap, not move: the displaced values land above the arguments, where
                        // the callee overwrites them, and no destructor runs here.
                        // SAFETY: both windows are inside the frame (verifier), and distinct
                        // registers (`nbase > base`).
                        unsafe { swap_down(rb, b.0 as usize, *argc as usize) };
                    }
                    // SAFETY: the verifier checks every local call's function index.
                    let callee = unsafe { inst.image.functions.get_unchecked(func.0 as usize) };
                    if callee.code.as_ptr() == code {
                        // A self tail call (a loop): same frame, same function, same registers.
                        ip = code;
                        continue;
                    }
                    let need = base + callee.nregs as usize;
                    if p.regs.len() < need {
                        calls::grow_regs(&mut p.regs, need);
                        resync!();
                    }
                    top_mut!().set_func(func.0, callee.code.as_ptr());
                    code = callee.code.as_ptr();
                    ip = code;
                }
                Op::CallFun { fun, base: b, argc, dst } if fun.0 < b.0 && let Some(t) = calls::local_fun_target(&reg!(fun), *argc) => {
                    // Fun call fast path: a local fun of live code with the right arity, held
                    // in a register below the callee's window (so nothing below overwrites it
                    // while `t` borrows from the fun).
                    reduce!();
                    count_call!(Fun);
                    if p.frames.len() == p.frames.capacity() && !calls::grow_frames(&mut p.frames) {
                        throw!(Exception::error(Term::Atom(Atom::SYSTEM_LIMIT)));
                    }
                    let callee_inst = t.instance.clone();
                    let nbase = base + b.0 as usize;
                    let need = nbase + t.nregs;
                    if p.regs.len() < need {
                        calls::grow_regs(&mut p.regs, need);
                    }
                    let first_env = nbase + *argc as usize;
                    for (i, v) in t.env.iter().enumerate() {
                        // SAFETY: `first_env + i < nbase + t.nregs = need <= regs.len()`, and
                        // these registers lie above the fun's (`fun < b`).
                        put(unsafe { p.regs.get_unchecked_mut(first_env + i) }, v.clone());
                    }
                    let (func, fcode) = (t.func, t.code);
                    let ret_pc = pc!() as u32;
                    let callee_frame = Frame::owned_at(callee_inst, func, fcode, nbase as u32, dst.0);
                    // Re-derive the locals from the new top frame (see the frame invariant).
                    inst = unsafe { &*(callee_frame.inst() as *const crate::code::module::ModuleInstance) };
                    // SAFETY: the running frame is the top one, and the check above left room
                    // for one more frame.
                    unsafe { push_frame(&mut p.frames, ret_pc, callee_frame) };
                    base = nbase;
                    resync!();
                    code = fcode;
                    ip = code;
                }
                Op::CallRemote { import, base: b, argc, dst } if let Some((callee, func)) = calls::cached_code(vm, inst, import.0) => {
                    // Remote call fast path: the import's cache holds language code of this
                    // epoch (rule R3); the new frame holds its own count of the instance.
                    reduce!();
                    count_call!(Remote);
                    if p.frames.len() == p.frames.capacity() && !calls::grow_frames(&mut p.frames) {
                        throw!(Exception::error(Term::Atom(Atom::SYSTEM_LIMIT)));
                    }
                    save_pc(p, pc!());
                    let nbase = base + b.0 as usize;
                    let need = nbase + calls::frame_regs(&callee, func, *argc as usize);
                    if p.regs.len() < need {
                        calls::grow_regs(&mut p.regs, need);
                    }
                    p.frames.push(Frame::owned(callee, func, nbase as u32, dst.0));
                    continue 'frames;
                }
                Op::TailCallRemote { import, base: b, argc } if let Some((callee, func)) = calls::cached_code(vm, inst, import.0) => {
                    // Remote tail call fast path: the arguments move down to the frame's base
                    // and the top frame is retargeted to the callee (it then owns a count).
                    reduce!();
                    count_call!(Remote);
                    if b.0 != 0 {
                        // SAFETY: both windows are inside the frame (verifier), and distinct
                        // registers (`b > 0`).
                        unsafe { swap_down(rb, b.0 as usize, *argc as usize) };
                    }
                    let need = base + calls::frame_regs(&callee, func, *argc as usize);
                    if p.regs.len() < need {
                        calls::grow_regs(&mut p.regs, need);
                    }
                    top_mut!().retarget(callee, func);
                    continue 'frames;
                }
                Op::CallRemote { import, base: b, argc, dst } if let Some(nf) = calls::cached_native(vm, inst, import.0) => {
                    // Native call fast path: the import's cache holds a native of this epoch.
                    native_fast!(nf, b, argc, *dst, false)
                }
                Op::TailCallRemote { import, base: b, argc } if let Some(nf) = calls::cached_native(vm, inst, import.0) => {
                    // Native tail call fast path (`list ++ rest`, a library function ending in a
                    // native): call it, then return its value as `Return` does.
                    native_fast!(nf, b, argc, Reg0, true)
                }
                Op::CallRemote { .. }
                | Op::TailCallRemote { .. }
                | Op::CallMod { .. }
                | Op::TailCallMod { .. }
                | Op::CallFun { .. }
                | Op::TailCallFun { .. } => {
                    // Remote, module-in-a-register and fun calls, plain or tail: find the callee,
                    // then one path through `invoke`.
                    reduce!();
                    save_pc(p, pc!());
                    let mod_callee = |module: &Term, name: &crate::bytecode::LitIdx| match module {
                        Term::Atom(m) => Ok(Callee::Remote(*m, inst.literals[name.0 as usize].as_atom().unwrap_or(Atom::NIL))),
                        other => Err(Exception::tagged(Atom::BADARG, other.clone())),
                    };
                    let (callee, b, argc, tail, dst) = match op {
                        Op::CallRemote { import, base: b, argc, dst } => (Ok(calls::cached_remote(vm, inst, top!(), import.0)), b, argc, false, *dst),
                        Op::TailCallRemote { import, base: b, argc } => (Ok(calls::cached_remote(vm, inst, top!(), import.0)), b, argc, true, Reg0),
                        Op::CallMod { module, name, base: b, argc, dst } => (mod_callee(&reg!(module), name), b, argc, false, *dst),
                        Op::TailCallMod { module, name, base: b, argc } => (mod_callee(&reg!(module), name), b, argc, true, Reg0),
                        Op::CallFun { fun, base: b, argc, dst } => (Ok(Callee::Fun(reg!(fun).clone())), b, argc, false, *dst),
                        Op::TailCallFun { fun, base: b, argc } => (Ok(Callee::Fun(reg!(fun).clone())), b, argc, true, Reg0),
                        _ => unreachable!("matched above"),
                    };
                    let callee = match callee {
                        Ok(c) => c,
                        Err(e) => throw!(e),
                    };
                    let r = calls::invoke(vm, p, callee, base + b.0 as usize, *argc as usize, tail, dst.0);
                    flow!(r, dst, tail);
                }
                Op::GuardBif { import, base: b, argc, dst, fail } => {
                    count_call!(Native);
                    let mut args: smallvec::SmallVec<[Term; 4]> = window!(b, *argc).iter().cloned().collect();
                    let r = calls::call_guard_bif(vm, p, inst, import.0, &mut args);
                    resync!();
                    match r {
                        Some(v) => put(&mut regm!(dst), v),
                        None => {
                            if fail.is_none() {
                                throw!(Exception::badarg())
                            } else {
                                jump!(fail)
                            }
                        }
                    }
                }
                Op::Return { src } => {
                    // An integer result travels as a scalar: a 16-byte copy of a register that
                    // two narrower stores wrote just before (the arithmetic fast path) stalls on
                    // store forwarding, and call-heavy code mostly returns such values.
                    if let Term::Int(i) = reg!(src) {
                        ret!(Term::Int(i))
                    } else {
                        // SAFETY: as for `Take`.
                        let v = unsafe { take_words(rb.add(src.0 as usize)) };
                        ret!(v)
                    }
                }
                Op::RecvPeek { dst, nomsg } => {
                    reduce!();
                    if !vm.inbox.is_empty() {
                        if let Some(r) = vm.drain_inbox(p) {
                            break 'run Outcome::Exit(r);
                        }
                        resync!();
                    }
                    match p.mailbox.get(p.save) {
                        Some(m) => {
                            let m = m.clone();
                            put(&mut regm!(dst), m);
                        }
                        None => {
                            let fcode: &[Op] = &cur_fn!().code;
                            if let Some(resume) = receive::wait_here(p, fcode, base, nomsg.0) {
                                save_pc(p, resume);
                                break 'run Outcome::Wait;
                            }
                            jump!(nomsg)
                        }
                    }
                }
                Op::RecvNext { target } => {
                    p.save += 1;
                    jump!(target)
                }
                Op::Send { dst, to, msg } => {
                    // One reduction, as the call of `:erlang.send/2` it replaces cost: schedules
                    // (and the programs that depend on them, such as seeded runs) stay as they were.
                    reduce!();
                    // SAFETY: the three are registers of the frame (verifier).
                    if let Some(e) = unsafe { send_op(vm, p, rb, *dst, *to, *msg) } {
                        throw!(*e)
                    }
                }
                Op::RecvAccept => receive::accept(vm, p),
                Op::RecvWait { target } => {
                    if !vm.inbox.is_empty() {
                        if let Some(r) = vm.drain_inbox(p) {
                            break 'run Outcome::Exit(r);
                        }
                        resync!();
                    }
                    if p.save < p.mailbox.len() {
                        jump!(target)
                    } else {
                        // Resume at the receive's peek (see `receive`).
                        let fcode: &[Op] = &cur_fn!().code;
                        receive::release_peeked(p, fcode, base, target.0);
                        save_pc(p, target.0 as usize);
                        break 'run Outcome::Wait;
                    }
                }
                Op::RecvWaitTimeout { timeout, target } => {
                    if p.timed_out {
                        p.timed_out = false;
                        p.timer = 0;
                        p.save = 0;
                        continue;
                    }
                    if !vm.inbox.is_empty() {
                        if let Some(r) = vm.drain_inbox(p) {
                            break 'run Outcome::Exit(r);
                        }
                        resync!();
                    }
                    if p.save < p.mailbox.len() {
                        jump!(target);
                        continue;
                    }
                    let ms = match &reg!(timeout) {
                        Term::Int(n) if (0..=u32::MAX as i64).contains(n) => Some(*n as u64), // Erlang: 0..2^32-1
                        Term::Atom(Atom::INFINITY) => None,
                        _ => throw!(Exception::error(Term::atom("timeout_value"))),
                    };
                    match ms {
                        Some(0) => {
                            p.save = 0;
                            if p.timer != 0 {
                                vm.timers.cancel(p.timer);
                                p.timer = 0;
                            }
                        }
                        Some(ms) => {
                            if p.timer == 0 {
                                let at = vm.clock.now_us() + ms * 1000;
                                let pid = p.pid;
                                p.timer = vm.timers.add_with(at, |token| TimerKind::Receive { pid, token });
                            }
                            save_pc(p, pc!() - 1);
                            break 'run Outcome::Wait;
                        }
                        None => {
                            save_pc(p, pc!() - 1);
                            break 'run Outcome::Wait;
                        }
                    }
                }
                Op::Raise { kind, reg } => {
                    let v = reg!(reg).clone();
                    let e = match kind {
                        RaiseKind::Badmatch => Exception::tagged(Atom::BADMATCH, v),
                        RaiseKind::CaseClause => Exception::tagged(Atom::CASE_CLAUSE, v),
                        RaiseKind::TryClause => Exception::tagged(Atom::TRY_CLAUSE, v),
                        RaiseKind::WithClause => Exception::tagged(Atom::WITH_CLAUSE, v),
                        // `%CondClauseError{}`: the struct has no fields of its own.
                        RaiseKind::CondClause => Exception::error(crate::value::exception::exception_struct("CondClauseError", vec![])),
                        RaiseKind::Badarg => Exception::badarg(),
                        RaiseKind::FunctionClause => {
                            let function = cur_fn!();
                            let args = window!(crate::bytecode::Reg(0), function.arity).to_vec();
                            let top = Term::tuple(vec![
                                Term::Atom(inst.name),
                                Term::atom(&function.name),
                                Term::list(args),
                                raise::location(&inst, p.frames.last().map(|f| f.func()).unwrap_or(0), (pc!() - 1) as u32),
                            ]);
                            Exception { class: Atom::ERROR, reason: Term::Atom(Atom::FUNCTION_CLAUSE), stack: None, top: Some(top) }
                        }
                    };
                    throw!(e)
                }
                Op::TryBegin { handler, dst } => {
                    p.catches.push(crate::process::CatchEntry {
                        depth: p.frames.len() as u32,
                        handler: handler.0,
                        dst: dst.0,
                    });
                }
                Op::TryEnd => {
                    p.catches.pop();
                }
                Op::Reraise { class } => {
                    let c = reg!(class).as_atom().unwrap_or(Atom::ERROR);
                    let reason = reg!(crate::bytecode::Reg(class.0 + 1)).clone();
                    let stack = reg!(crate::bytecode::Reg(class.0 + 2)).clone();
                    throw!(Exception { class: c, reason, stack: Some(stack), top: None })
                }
            }
        };
        // The one raise exit: the current instruction raised `e`.
        save_pc(p, pc!() - 1);
        match raise::raise(vm, p, e) {
            Ok(()) => continue 'frames,
            Err(reason) => break 'run Outcome::Exit(reason),
        }
    }
    };
    *budget_io = budget;
    outcome
}

/// Placeholder register for tail flows (never written: a tail value is returned).
#[allow(non_upper_case_globals)]
const Reg0: crate::bytecode::Reg = crate::bytecode::Reg(0);

// Silence unused warnings for items used only by some configurations.
#[allow(dead_code)]
fn _unused(_: Label, _: Frame, _: Trap) {}
