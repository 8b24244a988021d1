//! Facts about each instruction that passes over bytecode need: which registers it reads and
//! writes, where control can go next, and its label operands. The compiler's optimiser
//! (liveness, last-use moves, immediates, copy propagation), the register compaction and the
//! emitter's label resolution read them from here. Every fact is computed from the operand
//! kinds and flags of the instruction's declaration ([`super::isa`]), so the operand roles of
//! an opcode are stated once, in `op.rs`.

use super::isa::{Flags, Kind, Operand, Val, ValMut};
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

/// The successors of `op`: the next instruction unless the opcode [`Flags::ENDS`], and every
/// label operand that is not [`Label::NONE`] (the exception edges of a `try` are not included:
/// a `TryBegin` lists its handler, and a pass that needs precision inside a try must add the
/// handler to every instruction of the body itself).
pub fn successors(op: &Op) -> Succ {
    Succ { falls_through: !op.info().flags.has(Flags::ENDS), targets: labels(op).into_iter().filter(|l| !l.is_none()).collect() }
}

/// Every label operand of `op` (including [`Label::NONE`] fail labels), by value.
pub fn labels(op: &Op) -> SmallVec<[Label; 2]> {
    op.operands()
        .iter()
        .filter_map(|o| match o.val {
            Val::Label(l) => Some(l),
            _ => None,
        })
        .collect()
}

/// Every label operand of `op`, for rewriting (label resolution, code compaction).
pub fn labels_mut(op: &mut Op) -> SmallVec<[&mut Label; 2]> {
    op.operands_mut()
        .into_iter()
        .filter_map(|(_, v)| match v {
            ValMut::Label(l) => Some(l),
            _ => None,
        })
        .collect()
}

/// Every register operand of `op` (a window by its first register, absent optional operands
/// included as [`Reg::NONE`]), in declaration order, for renaming.
pub fn regs_mut(op: &mut Op) -> SmallVec<[&mut Reg; 4]> {
    op.operands_mut()
        .into_iter()
        .filter_map(|(_, v)| match v {
            ValMut::Reg(r) => Some(r),
            _ => None,
        })
        .collect()
}

fn window<const N: usize>(out: &mut SmallVec<[Reg; N]>, start: Reg, n: usize) {
    for i in 0..n {
        out.push(Reg(start.0.wrapping_add(i as u16)));
    }
}

/// Every register `op` reads, in a function of arity `arity` (a `FunctionClause` raise reads
/// the arguments `r0..r(arity-1)` instead of its operand). Absent optional operands
/// ([`Reg::NONE`]) are left out.
pub fn reads(op: &Op, arity: u32) -> SmallVec<[Reg; 6]> {
    let mut r: SmallVec<[Reg; 6]> = SmallVec::new();
    if let Op::Raise { kind: RaiseKind::FunctionClause, .. } = op {
        window(&mut r, Reg(0), arity as usize);
        return r;
    }
    for o in op.operands() {
        let Val::Reg(reg) = o.val else { continue };
        match o.kind {
            Kind::Src | Kind::Read | Kind::SrcMoved | Kind::ReadMoved => r.push(reg),
            Kind::OptRead if !reg.is_none() => r.push(reg),
            Kind::Win | Kind::Args | Kind::Pair | Kind::PairMoved | Kind::Triple => window(&mut r, reg, o.window_len()),
            Kind::OptRead | Kind::Dst | Kind::DstOk | Kind::DstIf | Kind::TripleOut => {}
            Kind::Target | Kind::Branch | Kind::Fail | Kind::Lit | Kind::Atom | Kind::Keys | Kind::Import | Kind::ImportArgs | Kind::Local | Kind::Lambda | Kind::Seg | Kind::Imm | Kind::Count => {}
        }
    }
    r
}

/// Whether a `DstOk` operand of `ops`'s instruction is certainly written: no fail label is set.
fn no_fail(ops: &[Operand]) -> bool {
    ops.iter().all(|o| o.kind != Kind::Fail || matches!(o.val, Val::Label(l) if l.is_none()))
}

/// The registers `op` writes on every path out of it (conditional writes, such as a
/// `MapGet` that writes only when the key is found, are left out: a pass that treats these
/// as kills would be unsound). A `Take` also writes `[]` to its source, which is dead by
/// construction, so only its destination is listed.
pub fn writes(op: &Op) -> SmallVec<[Reg; 2]> {
    let ops = op.operands();
    let mut w = SmallVec::new();
    for o in &ops {
        match (o.kind, o.val) {
            (Kind::Dst, Val::Reg(r)) => w.push(r),
            (Kind::DstOk, Val::Reg(r)) if no_fail(&ops) => w.push(r),
            _ => {}
        }
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
    for o in op.operands() {
        let Val::Reg(reg) = o.val else { continue };
        match o.kind {
            Kind::Dst | Kind::DstOk | Kind::DstIf | Kind::SrcMoved | Kind::ReadMoved => w.push(reg),
            Kind::Args | Kind::PairMoved | Kind::TripleOut => window(&mut w, reg, o.window_len()),
            Kind::Src | Kind::Read | Kind::OptRead | Kind::Win | Kind::Pair | Kind::Triple => {}
            Kind::Target | Kind::Branch | Kind::Fail | Kind::Lit | Kind::Atom | Kind::Keys | Kind::Import | Kind::ImportArgs | Kind::Local | Kind::Lambda | Kind::Seg | Kind::Imm | Kind::Count => {}
        }
    }
    w.retain(|r| !r.is_none());
    w
}

/// The consecutive registers `op` reads as one window of variable length, as (first register,
/// length): call arguments, tuple elements, map keys and values, concatenated parts, captured
/// variables (the fixed pairs and triples of bitstrings and `try` are not included).
pub fn register_window(op: &Op) -> Option<(Reg, usize)> {
    op.operands().iter().find(|o| matches!(o.kind, Kind::Win | Kind::Args)).and_then(|o| Some((o.reg()?, o.arg)))
}

/// Whether `op` is a call that pushes or replaces a frame (every call form, plain or tail;
/// not a guard BIF).
pub fn is_call(op: &Op) -> bool {
    let f = op.info().flags;
    f.has(Flags::CALL) || f.has(Flags::TAIL)
}

/// The operands of `op` that read one register each and may be renamed to another register
/// holding the same term (copy propagation): those of kind [`Kind::Src`] and
/// [`Kind::SrcMoved`]. Window operands (call arguments, tuple and map elements) and operands
/// that are also written are not included.
pub fn scalar_reads_mut(op: &mut Op) -> SmallVec<[&mut Reg; 3]> {
    op.operands_mut()
        .into_iter()
        .filter_map(|(k, v)| match (k, v) {
            (Kind::Src | Kind::SrcMoved, ValMut::Reg(r)) => Some(r),
            _ => None,
        })
        .collect()
}
