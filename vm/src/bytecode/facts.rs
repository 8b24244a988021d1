//! Facts about each instruction that passes over bytecode need: which registers it reads and
//! writes, where control can go next, and its label operands. The compiler's optimiser
//! (liveness, last-use moves, immediates, copy propagation) and the emitter's label
//! resolution read them from here, so the operand roles of an opcode are stated once.

use super::op::{Label, Op, RaiseKind, Reg};
use smallvec::SmallVec;

/// Where control can go after an instruction.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Succ {
    /// Execution can continue at the next instruction.
    pub falls_through: bool,
    /// Jump targets (taken branches, fail labels, the `try` handler, receive loop heads).
    pub targets: SmallVec<[Label; 2]>,
}

/// The successors of `op` (the exception edges of a `try` are not included: a `TryBegin`
/// lists its handler, and a pass that needs precision inside a try must add the handler to
/// every instruction of the body itself).
pub fn successors(op: &Op) -> Succ {
    let mut s = Succ { falls_through: true, targets: SmallVec::new() };
    match op {
        Op::Jump { target } | Op::RecvNext { target } | Op::RecvWait { target } => {
            s.falls_through = false;
            s.targets.push(*target);
        }
        Op::Return { .. }
        | Op::TailCall { .. }
        | Op::TailCallRemote { .. }
        | Op::TailCallMod { .. }
        | Op::TailCallFun { .. }
        | Op::Raise { .. }
        | Op::Reraise { .. } => s.falls_through = false,
        Op::TryBegin { handler, .. } => s.targets.push(*handler),
        _ => {
            for l in labels(op) {
                if !l.is_none() {
                    s.targets.push(l);
                }
            }
        }
    }
    s
}

/// Every label operand of `op` (including [`Label::NONE`] fail labels), by value.
pub fn labels(op: &Op) -> SmallVec<[Label; 2]> {
    let mut op = op.clone();
    labels_mut(&mut op).into_iter().map(|l| *l).collect()
}

/// Every label operand of `op`, for rewriting (label resolution, code compaction).
pub fn labels_mut(op: &mut Op) -> SmallVec<[&mut Label; 2]> {
    let mut v = SmallVec::new();
    match op {
        Op::Arith { fail, .. } | Op::ArithI { fail, .. } | Op::Neg { fail, .. } | Op::Not { fail, .. } => v.push(fail),
        Op::Jump { target } | Op::JumpIf { target, .. } | Op::JumpUnless { target, .. } => v.push(target),
        Op::Test { fail, .. }
        | Op::TestI { fail, .. }
        | Op::IsEqLit { fail, .. }
        | Op::IsType { fail, .. }
        | Op::IsTupleOf { fail, .. }
        | Op::IsFunOf { fail, .. }
        | Op::MapGet { fail, .. }
        | Op::IsConsGetList { fail, .. }
        | Op::IsConsTakeList { fail, .. }
        | Op::IsElemEqLit { fail, .. }
        | Op::IsTaggedTuple { fail, .. }
        | Op::BinPrefix { fail, .. }
        | Op::BsGet { fail, .. }
        | Op::BsEnd { fail, .. }
        | Op::GuardBif { fail, .. } => v.push(fail),
        Op::RecvPeek { nomsg, .. } => v.push(nomsg),
        Op::RecvNext { target } | Op::RecvWait { target } | Op::RecvWaitTimeout { target, .. } => v.push(target),
        Op::TryBegin { handler, .. } => v.push(handler),
        _ => {}
    }
    v
}

fn window(out: &mut SmallVec<[Reg; 6]>, start: Reg, n: usize) {
    for i in 0..n {
        out.push(Reg(start.0.wrapping_add(i as u16)));
    }
}

/// Every register `op` reads, in a function of arity `arity` (a `FunctionClause` raise reads
/// the arguments `r0..r(arity-1)`). Absent optional operands ([`Reg::NONE`]) are left out.
pub fn reads(op: &Op, arity: u32) -> SmallVec<[Reg; 6]> {
    let mut r: SmallVec<[Reg; 6]> = SmallVec::new();
    match op {
        Op::Move { src, .. } | Op::Take { src, .. } | Op::ToStr { src, .. } => r.push(*src),
        Op::Lit { .. } | Op::Int { .. } | Op::Nil { .. } | Op::ExtFun { .. } => {}
        Op::Cons { head, tail, .. } => r.extend([*head, *tail]),
        Op::Tuple { start, n, .. } | Op::Concat { start, n, .. } | Op::Closure { start, n, .. } => window(&mut r, *start, *n as usize),
        Op::Map { start, n, .. } => window(&mut r, *start, 2 * *n as usize),
        Op::MapLit { start, n, .. } => window(&mut r, *start, *n as usize),
        Op::MapPut { map, start, n, .. } | Op::MapUpdate { map, start, n, .. } => {
            r.push(*map);
            window(&mut r, *start, 2 * *n as usize);
        }
        Op::Arith { a, b, .. } | Op::Cmp { a, b, .. } | Op::Test { a, b, .. } => r.extend([*a, *b]),
        Op::ArithI { a, .. } | Op::Neg { a, .. } | Op::Not { a, .. } | Op::TestI { a, .. } => r.push(*a),
        Op::Jump { .. } | Op::RecvNext { .. } | Op::RecvAccept | Op::RecvWait { .. } | Op::TryEnd => {}
        Op::JumpIf { cond, .. } | Op::JumpUnless { cond, .. } => r.push(*cond),
        Op::IsEqLit { reg, .. } | Op::IsType { reg, .. } | Op::IsTupleOf { reg, .. } | Op::IsFunOf { reg, .. } | Op::IsTaggedTuple { reg, .. } => r.push(*reg),
        Op::GetList { src, .. } | Op::IsConsGetList { src, .. } | Op::IsConsTakeList { src, .. } | Op::IsElemEqLit { src, .. } | Op::GetElem { src, .. } => r.push(*src),
        Op::MapGet { map, key, .. } => r.extend([*map, *key]),
        Op::Field { map, .. } => r.push(*map),
        Op::BinPrefix { src, prefix, .. } => r.extend([*src, *prefix]),
        Op::BsPut { acc, val, size, .. } => {
            r.extend([*acc, Reg(acc.0.wrapping_add(1)), *val]);
            if !size.is_none() {
                r.push(*size);
            }
        }
        Op::BsFinish { acc, .. } => r.extend([*acc, Reg(acc.0.wrapping_add(1))]),
        Op::BsGet { src, pos, size, .. } => {
            r.extend([*src, *pos]);
            if !size.is_none() {
                r.push(*size);
            }
        }
        Op::BsEnd { src, pos, .. } => r.extend([*src, *pos]),
        Op::Call { base, argc, .. }
        | Op::TailCall { base, argc, .. }
        | Op::CallRemote { base, argc, .. }
        | Op::TailCallRemote { base, argc, .. }
        | Op::GuardBif { base, argc, .. } => window(&mut r, *base, *argc as usize),
        Op::CallMod { module, base, argc, .. } | Op::TailCallMod { module, base, argc, .. } => {
            r.push(*module);
            window(&mut r, *base, *argc as usize);
        }
        Op::CallFun { fun, base, argc, .. } | Op::TailCallFun { fun, base, argc, .. } => {
            r.push(*fun);
            window(&mut r, *base, *argc as usize);
        }
        Op::Return { src } => r.push(*src),
        Op::RecvPeek { .. } => {}
        Op::RecvWaitTimeout { timeout, .. } => r.push(*timeout),
        Op::Raise { kind, reg } => {
            if *kind == RaiseKind::FunctionClause {
                window(&mut r, Reg(0), arity as usize);
            } else {
                r.push(*reg);
            }
        }
        Op::TryBegin { .. } => {}
        Op::Reraise { class } => window(&mut r, *class, 3),
    }
    r
}

/// The registers `op` writes on every path out of it (conditional writes, such as a
/// `MapGet` that writes only when the key is found, are left out: a pass that treats these
/// as kills would be unsound). A `Take` also writes `[]` to its source, which is dead by
/// construction, so only its destination is listed.
pub fn writes(op: &Op) -> SmallVec<[Reg; 2]> {
    let mut w = SmallVec::new();
    match op {
        Op::Move { dst, .. }
        | Op::Take { dst, .. }
        | Op::Lit { dst, .. }
        | Op::Int { dst, .. }
        | Op::Nil { dst }
        | Op::Cons { dst, .. }
        | Op::Tuple { dst, .. }
        | Op::Map { dst, .. }
        | Op::MapLit { dst, .. }
        | Op::MapPut { dst, .. }
        | Op::MapUpdate { dst, .. }
        | Op::Concat { dst, .. }
        | Op::ToStr { dst, .. }
        | Op::Closure { dst, .. }
        | Op::ExtFun { dst, .. }
        | Op::Cmp { dst, .. }
        | Op::GetElem { dst, .. }
        | Op::Field { dst, .. }
        | Op::BsFinish { dst, .. }
        | Op::Call { dst, .. }
        | Op::CallRemote { dst, .. }
        | Op::CallMod { dst, .. }
        | Op::CallFun { dst, .. } => w.push(*dst),
        // These write `dst` on the fall-through path only; with a fail label they may not.
        Op::Arith { dst, fail, .. } | Op::ArithI { dst, fail, .. } | Op::Neg { dst, fail, .. } | Op::Not { dst, fail, .. } => {
            if fail.is_none() {
                w.push(*dst)
            }
        }
        Op::GetList { head, tail, .. } => w.extend([*head, *tail]),
        _ => {}
    }
    w
}

/// Every register whose content `op` may change, on any path out of it: destinations
/// (conditional ones included: a `MapGet` or `BsGet` that finds nothing, an `Arith` that
/// fails), a `Take`'s emptied source, the arguments a call moves out of its window (the
/// callee's frame starts there), a `Return`'s source, a binary builder's accumulator pair,
/// and the three registers a `try` handler receives. The complement of [`writes`]: what a
/// pass must assume clobbered rather than what it may treat as killed.
pub fn may_write(op: &Op) -> SmallVec<[Reg; 8]> {
    let mut w: SmallVec<[Reg; 8]> = SmallVec::new();
    match op {
        Op::Move { dst, .. }
        | Op::Lit { dst, .. }
        | Op::Int { dst, .. }
        | Op::Nil { dst }
        | Op::Cons { dst, .. }
        | Op::Tuple { dst, .. }
        | Op::Map { dst, .. }
        | Op::MapLit { dst, .. }
        | Op::MapPut { dst, .. }
        | Op::MapUpdate { dst, .. }
        | Op::Concat { dst, .. }
        | Op::ToStr { dst, .. }
        | Op::Closure { dst, .. }
        | Op::ExtFun { dst, .. }
        | Op::Arith { dst, .. }
        | Op::ArithI { dst, .. }
        | Op::Neg { dst, .. }
        | Op::Cmp { dst, .. }
        | Op::Not { dst, .. }
        | Op::GetElem { dst, .. }
        | Op::MapGet { dst, .. }
        | Op::Field { dst, .. }
        | Op::BsFinish { dst, .. }
        | Op::RecvPeek { dst, .. }
        | Op::GuardBif { dst, .. } => w.push(*dst),
        Op::Take { dst, src } => w.extend([*dst, *src]),
        Op::GetList { head, tail, .. } | Op::IsConsGetList { head, tail, .. } => w.extend([*head, *tail]),
        Op::IsConsTakeList { src, head, tail, .. } => w.extend([*head, *tail, *src]),
        Op::BinPrefix { rest, .. } => w.push(*rest),
        Op::BsGet { dst, pos, .. } => w.extend([*dst, *pos]),
        Op::BsPut { acc, .. } => w.extend([*acc, Reg(acc.0.wrapping_add(1))]),
        Op::TryBegin { dst, .. } => w.extend((0..3).map(|i| Reg(dst.0.wrapping_add(i)))),
        Op::Return { src } => w.push(*src),
        Op::Call { dst, .. } | Op::CallRemote { dst, .. } | Op::CallMod { dst, .. } | Op::CallFun { dst, .. } => w.push(*dst),
        _ => {}
    }
    // Calls move their arguments out of the window (a guard BIF, a tuple or a map only read
    // theirs).
    if let Some((base, n)) = register_window(op).filter(|_| is_call(op)) {
        w.extend((0..n).map(|i| Reg(base.0.wrapping_add(i as u16))));
    }
    w.retain(|r| !r.is_none());
    w
}

/// The consecutive registers `op` reads as one window, as (first register, length): call
/// arguments, tuple elements, map keys and values, concatenated parts, captured variables.
pub fn register_window(op: &Op) -> Option<(Reg, usize)> {
    match op {
        Op::Tuple { start, n, .. } | Op::Concat { start, n, .. } | Op::Closure { start, n, .. } | Op::MapLit { start, n, .. } => {
            Some((*start, *n as usize))
        }
        Op::Map { start, n, .. } | Op::MapPut { start, n, .. } | Op::MapUpdate { start, n, .. } => Some((*start, 2 * *n as usize)),
        Op::Call { base, argc, .. }
        | Op::TailCall { base, argc, .. }
        | Op::CallRemote { base, argc, .. }
        | Op::TailCallRemote { base, argc, .. }
        | Op::CallMod { base, argc, .. }
        | Op::TailCallMod { base, argc, .. }
        | Op::CallFun { base, argc, .. }
        | Op::TailCallFun { base, argc, .. }
        | Op::GuardBif { base, argc, .. } => Some((*base, *argc as usize)),
        _ => None,
    }
}

/// Whether `op` is a call that pushes or replaces a frame (every call form, plain or tail;
/// not a guard BIF).
pub fn is_call(op: &Op) -> bool {
    matches!(
        op,
        Op::Call { .. }
            | Op::TailCall { .. }
            | Op::CallRemote { .. }
            | Op::TailCallRemote { .. }
            | Op::CallMod { .. }
            | Op::TailCallMod { .. }
            | Op::CallFun { .. }
            | Op::TailCallFun { .. }
    )
}

/// The operands of `op` that read one register each and may be renamed to another register
/// holding the same term (copy propagation). Window operands (call arguments, tuple and map
/// elements) and operands that are also written are not included.
pub fn scalar_reads_mut(op: &mut Op) -> SmallVec<[&mut Reg; 3]> {
    let mut v = SmallVec::new();
    match op {
        Op::Move { src, .. } | Op::ToStr { src, .. } => v.push(src),
        Op::Cons { head, tail, .. } => {
            v.push(head);
            v.push(tail);
        }
        Op::Arith { a, b, .. } | Op::Cmp { a, b, .. } | Op::Test { a, b, .. } => {
            v.push(a);
            v.push(b);
        }
        Op::ArithI { a, .. } | Op::Neg { a, .. } | Op::Not { a, .. } | Op::TestI { a, .. } => v.push(a),
        Op::JumpIf { cond, .. } | Op::JumpUnless { cond, .. } => v.push(cond),
        Op::IsEqLit { reg, .. } | Op::IsType { reg, .. } | Op::IsTupleOf { reg, .. } | Op::IsFunOf { reg, .. } => v.push(reg),
        Op::GetElem { src, .. } => v.push(src),
        Op::MapGet { map, key, .. } => {
            v.push(map);
            v.push(key);
        }
        Op::Field { map, .. } => v.push(map),
        Op::Return { src } => v.push(src),
        _ => {}
    }
    v
}
