//! Register compaction: renumbers a finished, optimised function's registers so that values
//! whose lifetimes do not overlap share a register, and every call window sits just above the
//! registers live across the call.
//!
//! The code generator gives every sub-expression a fresh register and puts call windows on
//! top of everything allocated so far, so a body-recursive function such as
//! `double([h | t]) -> [h * 2 | double(t)]` called with its window at `r6` keeps six registers
//! per level of recursion (96 bytes a frame, a million frames deep in the list benchmark);
//! after compaction it keeps one. Fewer registers per frame means less memory touched and
//! shorter register-stack growth.
//!
//! The method is graph colouring over register names (Chaitin): two registers interfere when
//! one is written (possibly: conditional writes, a `Take`'s emptied source, a native call's
//! emptied arguments count) while the other is live afterwards. Window operands (call
//! arguments, tuple, map, concat and closure elements) must stay consecutive: their registers
//! form *groups* placed as a whole, and the arguments `r0..arity` are a group fixed at 0. A
//! call that pushes a frame (`Call`, `CallRemote`, `CallMod`, `CallFun`) clobbers every
//! register from its window up, so the registers live across it must be placed below its
//! window. Some writes may share a register with what they replace (see `shares_with_source`):
//! a move's destination with its source, a list cell with a part it moves, a call's result with
//! its window, a list's head or tail with the list. Groups are placed greedily, lowest
//! position first, in a few orders (see `Order`; the original numbering is one valid
//! placement), and the cheapest result is kept (see `cost`). A function the pass cannot
//! place, or that uses `try`, `receive` or binary matching/construction (instructions with
//! implicit register conventions), keeps its registers.

use super::optimize::live_out;
use retort_vm::bytecode::facts::{may_write, register_window as window, regs_mut as fields_mut};
use retort_vm::bytecode::isa::{Flags, Kind};
use retort_vm::bytecode::{Function, Op, Reg};
use smallvec::SmallVec;

/// Functions with more registers than this keep their numbering (the interference matrix is
/// quadratic in the register count).
const MAX_REGS: usize = 1024;

/// Renumbers `f`'s registers (see the module documentation); leaves `f` unchanged when the
/// function is not handled.
pub fn compact_registers(f: &mut Function) {
    if f.code.iter().any(unhandled) {
        return;
    }
    let width = f.nregs.max(f.arity) as usize + 1;
    if width > MAX_REGS {
        return;
    }
    // A tail call whose window sits above the frame's base moves its arguments down at run
    // time. Moving them there in the code instead (`Take r_i <- window_i`, window at r0) lets
    // placement compute an argument in place of the parameter it replaces (`acc + i` into
    // `acc`'s register), and those moves then disappear.
    // On a tie the version with windows at r0 is kept (no moves at run time).
    let tails_above = f.code.iter().any(|op| tail_window(op).is_some_and(|(b, n)| b.0 != 0 && n > 0));
    // Letting a list's tail take the list's register (see `shares_with_source`) saves the
    // move back to the argument in a tail-recursive loop, but can cost one where the tail
    // goes to a call window instead: both are tried when the function takes lists apart.
    // The head can take it instead, which suits a body-recursive `f([h | t]) -> [g(h) | f(t)]`:
    // `h` then stays below the call's window and the tail starts it.
    let takes_lists = f.code.iter().any(|op| matches!(op, Op::IsConsTakeList { .. }));
    let shares: &[Share] = if takes_lists { &[Share::Tail, Share::Head, Share::Nothing] } else { &[Share::Nothing] };
    let frame_calls = f.code.iter().any(|op| frame_call(op).is_some());
    let mut best: Option<(Function, (usize, u32, u32))> = None;
    for at_base in [true, false] {
        if at_base && !tails_above {
            continue;
        }
        for &share in shares {
            // The original numbering only when the other orders find no placement.
            let mut placed = false;
            for order_by in [Order::CallsLast, Order::AcrossFirst, Order::Numbering] {
                if order_by == Order::AcrossFirst && !frame_calls || order_by == Order::Numbering && placed {
                    continue;
                }
                let mut g = f.clone();
                if at_base {
                    windows_at_base(&mut g);
                }
                if place(&mut g, width, order_by, share) {
                    placed = true;
                    let cost = cost(&g);
                    if best.as_ref().is_none_or(|(_, c)| cost < *c) {
                        best = Some((g, cost));
                    }
                }
            }
        }
    }
    if let Some((g, _)) = best {
        *f = g;
    }
}

/// Which part of a list cell taken apart by `IsConsTakeList` may take the list's register
/// (see [`shares_with_source`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Share {
    Nothing,
    Head,
    Tail,
}

/// How good a placement is, smallest best: instructions first (each one executes), the moves
/// just before a tail call counted twice (a loop runs them on every turn), as are the arguments
/// of a tail call whose window the VM moves down to the frame's base, then the registers
/// a frame keeps below the window of a call that pushes a frame (the memory each level of a
/// body recursion holds), then the register count.
fn cost(f: &Function) -> (usize, u32, u32) {
    let mut loop_moves = 0;
    for (pc, op) in f.code.iter().enumerate() {
        if let Some((base, argc)) = tail_window(op) {
            loop_moves += f.code[..pc].iter().rev().take_while(|op| matches!(op, Op::Take { .. } | Op::Move { .. })).count();
            // A window above the frame's base is moved down at run time, one swap an argument.
            if base.0 != 0 {
                loop_moves += argc as usize;
            }
        }
    }
    let kept = f.code.iter().filter_map(frame_call).map(|(base, _)| base.0 as u32).max().unwrap_or(0);
    (f.code.len() + loop_moves, kept, f.nregs)
}

/// Renumbers `f` (see [`compact_registers`]); false when no placement was found and `f` is
/// unchanged. `share` lets a list cell's part take its register ([`shares_with_source`]);
/// `order_by` is [`assign`]'s.
fn place(f: &mut Function, width: usize, order_by: Order, share: Share) -> bool {
    match assign(f, width, order_by, share) {
        Some(map) => {
            apply(f, &map);
            coalesced_moves(f);
            true
        }
        None => false,
    }
}

/// The window of a tail call that reuses the frame (`TailCall`, `TailCallRemote`).
fn tail_window(op: &Op) -> Option<(Reg, u16)> {
    match op {
        Op::TailCall { base, argc, .. } | Op::TailCallRemote { base, argc, .. } => Some((*base, *argc)),
        _ => None,
    }
}

/// Rewrites every tail call with its window above `r0` to take its arguments down first
/// (`Take r_i <- base + i`, in increasing `i`: a source is never overwritten before it is
/// read, since `base > 0`) and call with its window at `r0`.
fn windows_at_base(f: &mut Function) {
    let mut inserts: Vec<(usize, Vec<Op>)> = Vec::new();
    for (pc, op) in f.code.iter_mut().enumerate() {
        let (base, argc) = match op {
            Op::TailCall { base, argc, .. } | Op::TailCallRemote { base, argc, .. } if base.0 != 0 && *argc > 0 => (base, *argc),
            _ => continue,
        };
        let from = base.0;
        *base = Reg(0);
        inserts.push((pc, (0..argc).map(|i| Op::Take { dst: Reg(i), src: Reg(from + i) }).collect()));
    }
    super::optimize::insert_before(f, inserts);
}

/// Removes the moves that placement made empty (`Take r <- r`, `Move r <- r`).
fn coalesced_moves(f: &mut Function) {
    let delete: Vec<bool> = f.code.iter().map(|op| matches!(op, Op::Take { dst, src } | Op::Move { dst, src } if dst == src)).collect();
    super::optimize::compact(f, &delete);
}

/// Instructions with register conventions the pass does not model: those declared
/// [`Flags::IMPLICIT`] in the instruction set (`try`, `receive`, bitstrings).
fn unhandled(op: &Op) -> bool {
    op.info().flags.has(Flags::IMPLICIT)
}

/// For a call that pushes a frame (an opcode declared [`Flags::CALL`]): its window start (the
/// `Args` operand) and the register receiving the result (the `Dst` operand).
fn frame_call(op: &Op) -> Option<(Reg, Reg)> {
    if !op.info().flags.has(Flags::CALL) {
        return None;
    }
    let operands = op.operands();
    let base = operands.iter().find(|o| o.kind == Kind::Args)?.reg()?;
    let dst = operands.iter().find(|o| o.kind == Kind::Dst)?.reg()?;
    Some((base, dst))
}

/// Every register `op` names, windows expanded (optional absent operands left out).
fn mentioned(op: &Op) -> SmallVec<[Reg; 8]> {
    let mut op2 = op.clone();
    let mut v: SmallVec<[Reg; 8]> = fields_mut(&mut op2).into_iter().map(|r| *r).filter(|r| !r.is_none()).collect();
    if let Some((s, n)) = window(op) {
        for i in 1..n {
            v.push(Reg(s.0 + i as u16));
        }
    }
    v
}

/// Instructions that read all their operands before writing their destination, so the
/// destination may share a register with an operand that dies there.
fn reads_before_write(op: &Op) -> bool {
    matches!(op, Op::Move { .. } | Op::Take { .. } | Op::Cons { .. } | Op::ConsTake { .. } | Op::Arith { .. } | Op::ArithI { .. } | Op::Cmp { .. } | Op::Neg { .. } | Op::Abs { .. } | Op::Not { .. })
}

/// Whether the registers `a` and `b`, one written by `op` while the other is live after it or
/// read by it, may still share a register because `op` moves a source into a destination:
/// - a `Take` empties its source while its destination is live (the move then disappears, see
///   `coalesced_moves`);
/// - an `IsConsTakeList` empties its source only when it writes the head and the tail, and
///   leaves it untouched on the failure branch, where the two are not written; so the tail
///   can go where the list was, and a loop `f([h | t]) -> f(t)` needs no `Take` to bring `t`
///   back to the argument register. Or the head can, which keeps a body recursion's frames
///   small (`[h * 2 | double(t)]`: `h` stays where the list was, below the call's window).
///   Not both in one placement: greedy placement gives the list's register to whichever it
///   places first, so each is tried on its own (`share`).
/// - a `ConsTake` empties the parts it moves before it stores the cell, so the cell can go
///   where a moved part was;
/// - a call that pushes a frame reads its window before the callee starts and writes its
///   result only when the callee returns, so the result can go into the window.
///
/// `call` is the op's [`frame_call`] result register and [`window`], computed once per
/// instruction by the caller (this runs for every pair of registers the op writes and reads).
fn shares_with_source(op: &Op, a: u16, b: u16, share: Share, call: Option<(Reg, (Reg, usize))>) -> bool {
    let pair = |x: Reg, y: Reg| (a, b) == (x.0, y.0) || (a, b) == (y.0, x.0);
    match op {
        Op::Take { dst, src } => pair(*src, *dst),
        // `interp::cons_take` takes the moved parts out before it stores the cell (a part
        // that is kept is still live, and must not be overwritten by the cell).
        Op::ConsTake { dst, head, tail, moved } => (moved & 1 != 0 && head != tail && pair(*dst, *head)) || (moved & 2 != 0 && pair(*dst, *tail)),
        Op::IsConsTakeList { src, tail, .. } if share == Share::Tail => pair(*src, *tail),
        Op::IsConsTakeList { src, head, .. } if share == Share::Head => pair(*src, *head),
        _ => match call {
            Some((dst, (s, n))) => {
                let in_window = |r: u16| r >= s.0 && (r as usize) < s.0 as usize + n;
                (a == dst.0 && in_window(b)) || (b == dst.0 && in_window(a))
            }
            None => false,
        },
    }
}

/// Groups of registers placed together: `(register, offset)` members.
struct Groups {
    of: Vec<Option<(usize, u32)>>,
    members: Vec<Vec<(u16, u32)>>,
}

impl Groups {
    fn new(width: usize) -> Groups {
        Groups { of: vec![None; width], members: Vec::new() }
    }

    fn single(&mut self, r: u16) -> usize {
        if let Some((g, _)) = self.of[r as usize] {
            return g;
        }
        let g = self.members.len();
        self.members.push(vec![(r, 0)]);
        self.of[r as usize] = Some((g, 0));
        g
    }

    /// Requires the registers `regs` at consecutive offsets in one group; `None` on a conflict.
    fn window(&mut self, regs: &[u16]) -> Option<()> {
        let g = self.single(regs[0]);
        for (i, &r) in regs.iter().enumerate().skip(1) {
            let (g0, o0) = self.of[regs[0] as usize]?;
            let want = o0 as i64 + i as i64;
            match self.of[r as usize] {
                None => {
                    let want = u32::try_from(want).ok()?;
                    if self.members[g0].iter().any(|&(_, o)| o == want) {
                        return None;
                    }
                    self.members[g0].push((r, want));
                    self.of[r as usize] = Some((g0, want));
                }
                Some((g1, o1)) if g1 == g0 => {
                    if o1 as i64 != want {
                        return None;
                    }
                }
                Some((g1, o1)) => {
                    // Move group g1 into g0, shifted so that r lands at `want`.
                    let delta = want - o1 as i64;
                    let moved = std::mem::take(&mut self.members[g1]);
                    let min = moved.iter().map(|&(_, o)| o as i64 + delta).min().unwrap_or(0);
                    if min < 0 {
                        // Shift g0 up instead (never the argument group 0).
                        if g0 == 0 {
                            return None;
                        }
                        let up = (-min) as u32;
                        for m in self.members[g0].iter_mut() {
                            m.1 += up;
                            self.of[m.0 as usize] = Some((g0, m.1));
                        }
                        for (mr, mo) in moved {
                            let no = (mo as i64 + delta + up as i64) as u32;
                            if self.members[g0].iter().any(|&(_, o)| o == no) {
                                return None;
                            }
                            self.members[g0].push((mr, no));
                            self.of[mr as usize] = Some((g0, no));
                        }
                    } else {
                        for (mr, mo) in moved {
                            let no = (mo as i64 + delta) as u32;
                            if self.members[g0].iter().any(|&(_, o)| o == no) {
                                return None;
                            }
                            self.members[g0].push((mr, no));
                            self.of[mr as usize] = Some((g0, no));
                        }
                    }
                }
            }
        }
        let _ = g;
        Some(())
    }
}

/// The order in which [`assign`] places groups of registers (the argument group always first,
/// then by the class below, then by lowest original register).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    /// One class: the original numbering.
    Numbering,
    /// The windows of calls that push a frame after all other groups, so every value live
    /// across a call is placed before the call's window, which then only has to go above them.
    CallsLast,
    /// Values live across a call that pushes a frame first, then the windows of such calls,
    /// then the rest: the windows go as low as they can, and temporaries that die before a
    /// call (a guard's `rem(h, 3)`) go above them instead of under them, so a body
    /// recursion's frames keep fewer registers.
    AcrossFirst,
}

/// The new register of every old one, or `None` when the function cannot be placed, placing
/// groups in the order `order_by` gives.
fn assign(f: &Function, width: usize, order_by: Order, share: Share) -> Option<Vec<Option<u16>>> {
    let live = live_out(f);
    let arity = f.arity as usize;
    let mut groups = Groups::new(width);
    // Group 0: the arguments, fixed at r0.
    groups.members.push(Vec::new());
    for i in 0..arity {
        groups.members[0].push((i as u16, i as u32));
        groups.of[i] = Some((0, i as u32));
    }
    for op in &f.code {
        for r in mentioned(op) {
            if r.0 as usize >= width {
                return None;
            }
            groups.single(r.0);
        }
        if let Some((s, n)) = window(op) {
            if n > 1 {
                let regs: Vec<u16> = (0..n).map(|i| s.0 + i as u16).collect();
                groups.window(&regs)?;
            }
        }
    }
    // Interference.
    let mut inter = vec![false; width * width];
    let mut edge = |a: u16, b: u16| {
        if a != b {
            inter[a as usize * width + b as usize] = true;
            inter[b as usize * width + a as usize] = true;
        }
    };
    // Call constraints: (window start, registers live across).
    let mut below: Vec<(u16, Vec<u16>)> = Vec::new();
    for (pc, op) in f.code.iter().enumerate() {
        let writes = may_write(op);
        let out = &live[pc];
        let call = frame_call(op).zip(window(op)).map(|((_, dst), w)| (dst, w));
        let may_share = |a: u16, b: u16| shares_with_source(op, a, b, share, call);
        for &w in &writes {
            for l in 0..width {
                if out.has(Reg(l as u16)) && !may_share(w.0, l as u16) {
                    edge(w.0, l as u16);
                }
            }
        }
        if !reads_before_write(op) {
            let all = mentioned(op);
            for &w in &writes {
                for &o in &all {
                    if !may_share(w.0, o.0) {
                        edge(w.0, o.0);
                    }
                }
            }
        }
        if let Some((s, d)) = frame_call(op) {
            let across: Vec<u16> = (0..width as u16).filter(|&l| out.has(Reg(l)) && l != d.0).collect();
            below.push((s.0, across));
        }
    }
    // The arguments are live together at entry.
    for a in 0..arity as u16 {
        for b in 0..arity as u16 {
            edge(a, b);
        }
    }
    // Registers the liveness shows live at entry besides the arguments are read only after a
    // conditional write (`IsConsGetList` writes its head and tail on success only, and the
    // liveness does not kill them); the generated code never reads an unwritten register, so
    // these need no edge of their own: their writes carry the interference (see `may_write`).
    for (s, across) in &below {
        if let Some((gs, os)) = groups.of[*s as usize] {
            for &x in across {
                if let Some((gx, ox)) = groups.of[x as usize] {
                    if gx == gs && ox >= os {
                        return None;
                    }
                }
            }
        }
    }
    let adj: Vec<Vec<u16>> = (0..width).map(|r| (0..width).filter(|&x| inter[r * width + x]).map(|x| x as u16).collect()).collect();

    // Move partners: a `Take d <- s` whose two registers get one colour disappears, so
    // placement prefers such positions (biased colouring).
    let mut partners: Vec<SmallVec<[u16; 2]>> = vec![SmallVec::new(); width];
    for op in &f.code {
        if let Op::Take { dst, src } = op {
            if dst != src && !inter[dst.0 as usize * width + src.0 as usize] {
                partners[dst.0 as usize].push(src.0);
                partners[src.0 as usize].push(dst.0);
            }
        }
    }

    // Placement.
    let mut color: Vec<Option<u16>> = vec![None; width];
    let mut order: Vec<usize> = (0..groups.members.len()).filter(|&g| !groups.members[g].is_empty()).collect();
    let is_window = |g: usize| below.iter().any(|(s, _)| groups.of[*s as usize].is_some_and(|(gs, _)| gs == g));
    // A value live across a call, or moved to or from one (the move then disappears when
    // both are placed together).
    let across_or_partner = |r: u16| {
        let across = |x: u16| below.iter().any(|(_, a)| a.contains(&x));
        across(r) || partners[r as usize].iter().any(|&q| across(q))
    };
    let is_across = |g: usize| groups.members[g].iter().any(|m| across_or_partner(m.0));
    let rank: Vec<u8> = (0..groups.members.len())
        .map(|g| match order_by {
            Order::Numbering => 0,
            Order::CallsLast => u8::from(is_window(g)),
            Order::AcrossFirst => {
                if is_across(g) {
                    0
                } else if is_window(g) {
                    1
                } else {
                    2
                }
            }
        })
        .collect();
    order.sort_by_key(|&g| (g != 0, rank[g], groups.members[g].iter().map(|m| m.0).min().unwrap_or(0)));
    for g in order {
        let members = groups.members[g].clone();
        let mut lb: i64 = 0;
        let mut ub: i64 = i64::MAX;
        for (s, across) in &below {
            if let Some(&(_, os)) = members.iter().find(|m| m.0 == *s) {
                for &x in across {
                    if let Some(c) = color[x as usize] {
                        lb = lb.max(c as i64 + 1 - os as i64);
                    }
                }
            }
            if let Some(cs) = color[*s as usize] {
                for &(r, o) in &members {
                    if across.contains(&r) {
                        ub = ub.min(cs as i64 - 1 - o as i64);
                    }
                }
            }
        }
        if g == 0 {
            if lb > 0 || ub < 0 {
                return None;
            }
            lb = 0;
            ub = 0;
        }
        let fits = |p: i64| {
            p >= lb.max(0)
                && p <= ub
                && members.iter().all(|&(r, o)| {
                    let c = p + o as i64;
                    c < u16::MAX as i64 - 1 && adj[r as usize].iter().all(|&x| color[x as usize] != Some(c as u16))
                })
        };
        // How many moves a position removes: members landing on a placed partner's colour.
        let saved = |p: i64| {
            members.iter().filter(|&&(r, o)| partners[r as usize].iter().any(|&q| color[q as usize].map(i64::from) == Some(p + o as i64))).count()
        };
        let mut placed: Option<(usize, i64)> = None;
        for &(r, o) in &members {
            for &q in &partners[r as usize] {
                if let Some(c) = color[q as usize] {
                    let p = c as i64 - o as i64;
                    if fits(p) {
                        let s = saved(p);
                        if placed.is_none_or(|(bs, bp)| s > bs || (s == bs && p < bp)) {
                            placed = Some((s, p));
                        }
                    }
                }
            }
        }
        if placed.is_none() {
            let mut p = lb.max(0);
            while p <= ub && p < width as i64 + 1 {
                if fits(p) {
                    placed = Some((0, p));
                    break;
                }
                p += 1;
            }
        }
        let (_, p) = placed?;
        for &(r, o) in &members {
            color[r as usize] = Some((p + o as i64) as u16);
        }
    }
    Some(color)
}

/// Rewrites every register operand of `f` through `map` and sets its register count.
fn apply(f: &mut Function, map: &[Option<u16>]) {
    let mut max = 0u32;
    for op in f.code.iter_mut() {
        let n = window(op).map_or(1, |(_, n)| n.max(1));
        for r in fields_mut(op) {
            if r.is_none() {
                continue;
            }
            if let Some(Some(c)) = map.get(r.0 as usize) {
                *r = Reg(*c);
                max = max.max(*c as u32 + 1);
            }
        }
        if let Some((s, _)) = window(op) {
            max = max.max(s.0 as u32 + n as u32);
        }
    }
    f.nregs = max.max(f.arity).max(1);
}

#[cfg(test)]
mod tests {
    use super::*;
    use retort_vm::bytecode::{ArithOp, Label, LocalFn, RaiseKind, TypeTest};

    fn func(arity: u32, nregs: u32, code: Vec<Op>) -> Function {
        Function { name: "f".into(), arity, nregs, code, lines: vec![(0, 1)] }
    }

    /// `frame_call` finds the window and the result of every opcode declared a call, so a new
    /// call instruction cannot be mistaken for one that clobbers nothing.
    #[test]
    fn every_call_opcode_has_one_window_and_one_result() {
        for info in Op::INFO.iter().filter(|i| i.flags.has(Flags::CALL)) {
            let count = |k: Kind| info.operands.iter().filter(|o| o.kind == k).count();
            assert_eq!((count(Kind::Args), count(Kind::Dst)), (1, 1), "{}", info.name);
        }
    }

    /// `double([]) -> []; double([h | t]) -> [h * 2 | double(t)]` as the optimiser leaves it.
    fn double() -> Function {
        func(
            1,
            7,
            vec![
                Op::IsType { ty: TypeTest::Nil, reg: Reg(0), fail: Label(3) },
                Op::Nil { dst: Reg(1) },
                Op::Return { src: Reg(1) },
                Op::IsConsGetList { src: Reg(0), head: Reg(1), tail: Reg(2), fail: Label(9) },
                Op::ArithI { op: ArithOp::Mul, dst: Reg(4), a: Reg(1), imm: 2, fail: Label::NONE },
                Op::Take { dst: Reg(6), src: Reg(2) },
                Op::Call { func: LocalFn(0), base: Reg(6), argc: 1, dst: Reg(5) },
                Op::Cons { dst: Reg(3), head: Reg(4), tail: Reg(5) },
                Op::Return { src: Reg(3) },
                Op::Raise { kind: RaiseKind::FunctionClause, reg: Reg(0) },
            ],
        )
    }

    #[test]
    fn a_body_recursive_call_keeps_one_register_below_its_window() {
        let mut f = double();
        compact_registers(&mut f);
        let Some(&Op::Call { base, dst, .. }) = f.code.iter().find(|op| matches!(op, Op::Call { .. })) else { panic!("{:?}", f.code) };
        let Op::ArithI { dst: kept, .. } = f.code[4] else { panic!() };
        // h * 2 is the only value live across the call: it stays below the window, which
        // moves down from r6 onto the tail's own register (the `Take` of the tail into the
        // window is coalesced away).
        assert!(kept.0 < base.0);
        assert!(base.0 <= 3, "window at {:?}", base);
        assert!(!f.code.iter().any(|op| matches!(op, Op::Take { .. })), "{:?}", f.code);
        let Op::IsConsGetList { tail, .. } = f.code[3] else { panic!() };
        assert_eq!(tail, base);
        assert_ne!(dst, kept);
        assert!(f.nregs <= 4, "nregs {}", f.nregs);
        // The argument stays in r0 for the function-clause error and the cell test.
        let Op::IsConsGetList { src, .. } = f.code[3] else { panic!() };
        assert_eq!(src, Reg(0));
    }

    /// Runs straight-line integer code the way the VM would for the moves, arithmetic and
    /// list instructions these tests use; a `Call` of `double` recurses on a list of integers.
    /// Returns the value of the function on `arg`.
    #[derive(Clone, Debug, PartialEq)]
    enum V {
        Nil,
        Int(i64),
        List(Vec<i64>),
    }

    fn run(f: &Function, arg: V) -> V {
        let mut regs = vec![V::Nil; f.nregs as usize + 4];
        regs[0] = arg;
        let mut pc = 0;
        loop {
            match f.code[pc].clone() {
                Op::IsConsTakeList { src, head, tail, fail } | Op::IsConsGetList { src, head, tail, fail } => {
                    let V::List(l) = regs[src.0 as usize].clone() else { panic!("not a list") };
                    if l.is_empty() {
                        pc = fail.0 as usize;
                        continue;
                    }
                    if matches!(f.code[pc], Op::IsConsTakeList { .. }) {
                        regs[src.0 as usize] = V::Nil;
                    }
                    regs[head.0 as usize] = V::Int(l[0]);
                    regs[tail.0 as usize] = V::List(l[1..].to_vec());
                }
                Op::IsType { reg, fail, .. } => {
                    if regs[reg.0 as usize] != V::List(vec![]) {
                        pc = fail.0 as usize;
                        continue;
                    }
                }
                Op::ArithI { op, dst, a, imm, fail } => {
                    let V::Int(x) = regs[a.0 as usize] else { panic!() };
                    let v = match op {
                        ArithOp::Mul => x * imm as i64,
                        ArithOp::Rem => x % imm as i64,
                        _ => x + imm as i64,
                    };
                    let _ = fail;
                    regs[dst.0 as usize] = V::Int(v);
                }
                Op::TestI { a, imm, fail, .. } => {
                    if regs[a.0 as usize] != V::Int(imm as i64) {
                        pc = fail.0 as usize;
                        continue;
                    }
                }
                Op::Take { dst, src } => regs[dst.0 as usize] = std::mem::replace(&mut regs[src.0 as usize], V::Nil),
                Op::Call { base, dst, .. } => {
                    // The callee's frame starts at the window and clobbers it.
                    let v = run(f, regs[base.0 as usize].clone());
                    for r in regs.iter_mut().skip(base.0 as usize) {
                        *r = V::Int(-999);
                    }
                    regs[dst.0 as usize] = v;
                }
                Op::ConsTake { dst, head, tail, .. } | Op::Cons { dst, head, tail } => {
                    let (V::Int(h), V::List(mut t)) = (regs[head.0 as usize].clone(), regs[tail.0 as usize].clone()) else { panic!("{:?}", f.code) };
                    t.insert(0, h);
                    regs[dst.0 as usize] = V::List(t);
                }
                Op::Nil { dst } => regs[dst.0 as usize] = V::List(vec![]),
                Op::Return { src } => return regs[src.0 as usize].clone(),
                other => panic!("not simulated: {:?}", other),
            }
            pc += 1;
        }
    }

    /// `double` as the optimiser leaves it now: the cell taken apart with `IsConsTakeList`
    /// and built with `ConsTake`.
    fn double_taking() -> Function {
        func(
            1,
            9,
            vec![
                Op::IsConsTakeList { src: Reg(0), head: Reg(1), tail: Reg(7), fail: Label(5) },
                Op::ArithI { op: ArithOp::Mul, dst: Reg(4), a: Reg(1), imm: 2, fail: Label::NONE },
                Op::Call { func: LocalFn(0), base: Reg(7), argc: 1, dst: Reg(6) },
                Op::ConsTake { dst: Reg(3), head: Reg(4), tail: Reg(6), moved: 3 },
                Op::Return { src: Reg(3) },
                Op::IsType { ty: TypeTest::Nil, reg: Reg(0), fail: Label(8) },
                Op::Nil { dst: Reg(8) },
                Op::Return { src: Reg(8) },
                Op::Raise { kind: RaiseKind::FunctionClause, reg: Reg(0) },
            ],
        )
    }

    #[test]
    fn a_body_recursion_keeps_only_the_value_live_across_its_call() {
        // `[h * 2 | double(t)]`: `h` takes the list's register, `h * 2` stays there, the tail
        // starts the window at r1 and the result comes back into it: a frame keeps one
        // register (it kept three before the head could share the list's register and the
        // result the window).
        let mut f = double_taking();
        let before = run(&f, V::List(vec![1, 2, 3]));
        compact_registers(&mut f);
        let Some(&Op::Call { base, .. }) = f.code.iter().find(|op| matches!(op, Op::Call { .. })) else { panic!("{:?}", f.code) };
        assert_eq!(base, Reg(1), "{:?}", f.code);
        assert_eq!(f.nregs, 2, "{:?}", f.code);
        assert_eq!(f.code.len(), 9, "{:?}", f.code);
        assert_eq!(run(&f, V::List(vec![1, 2, 3])), before);
        assert_eq!(before, V::List(vec![2, 4, 6]));
    }

    #[test]
    fn a_temporary_that_dies_before_a_call_goes_above_its_window() {
        // keep([h | t]) when rem(h, 3) == 0 -> [h | keep(t)]; the remainder is dead at the
        // call, so it must not push the window up: the window sits right above `h`.
        let mut f = func(
            1,
            10,
            vec![
                Op::IsConsGetList { src: Reg(0), head: Reg(1), tail: Reg(9), fail: Label(7) },
                Op::ArithI { op: ArithOp::Rem, dst: Reg(3), a: Reg(1), imm: 3, fail: Label(7) },
                Op::TestI { op: retort_vm::bytecode::CmpOp::Eq, a: Reg(3), imm: 0, fail: Label(7) },
                Op::Take { dst: Reg(7), src: Reg(1) },
                Op::Call { func: LocalFn(0), base: Reg(9), argc: 1, dst: Reg(8) },
                Op::ConsTake { dst: Reg(6), head: Reg(7), tail: Reg(8), moved: 3 },
                Op::Return { src: Reg(6) },
                Op::IsType { ty: TypeTest::Nil, reg: Reg(0), fail: Label(9) },
                Op::Return { src: Reg(0) },
                Op::Raise { kind: RaiseKind::FunctionClause, reg: Reg(0) },
            ],
        );
        compact_registers(&mut f);
        let Some(&Op::Call { base, .. }) = f.code.iter().find(|op| matches!(op, Op::Call { .. })) else { panic!("{:?}", f.code) };
        assert_eq!(base, Reg(2), "{:?}", f.code);
        assert!(!f.code.iter().any(|op| matches!(op, Op::Take { .. })), "{:?}", f.code);
    }

    #[test]
    fn a_filter_loop_keeps_its_tail_call_free_of_moves() {
        // filter([h | t], f) -> if f.(h), do: [h | filter(t, f)], else: filter(t, f).
        // Putting `h` in the list's register would shorten the frame of the body-recursive
        // call, but then the tail must move back to r0 before the tail call, on every turn of
        // the loop: the tail takes the list's register instead.
        let mut f = func(
            2,
            13,
            vec![
                Op::IsConsTakeList { src: Reg(0), head: Reg(2), tail: Reg(5), fail: Label(12) },
                Op::Move { dst: Reg(6), src: Reg(2) },
                Op::CallFun { fun: Reg(1), base: Reg(6), argc: 1, dst: Reg(3) },
                Op::JumpUnless { cond: Reg(3), target: Label(9) },
                Op::Take { dst: Reg(8), src: Reg(5) },
                Op::Take { dst: Reg(9), src: Reg(1) },
                Op::Call { func: LocalFn(0), base: Reg(8), argc: 2, dst: Reg(7) },
                Op::ConsTake { dst: Reg(4), head: Reg(2), tail: Reg(7), moved: 3 },
                Op::Return { src: Reg(4) },
                Op::Take { dst: Reg(10), src: Reg(5) },
                Op::Take { dst: Reg(11), src: Reg(1) },
                Op::TailCall { func: LocalFn(0), base: Reg(10), argc: 2 },
                Op::IsType { ty: TypeTest::Nil, reg: Reg(0), fail: Label(15) },
                Op::Nil { dst: Reg(12) },
                Op::Return { src: Reg(12) },
                Op::Raise { kind: RaiseKind::FunctionClause, reg: Reg(0) },
            ],
        );
        compact_registers(&mut f);
        let at = f.code.iter().position(|op| matches!(op, Op::TailCall { .. })).unwrap_or_else(|| panic!("{:?}", f.code));
        assert_eq!(f.code[at], Op::TailCall { func: LocalFn(0), base: Reg(0), argc: 2 }, "{:?}", f.code);
        assert!(!matches!(f.code[at - 1], Op::Take { .. } | Op::Move { .. }), "{:?}", f.code);
        let Op::IsConsTakeList { src, tail, .. } = f.code[0] else { panic!("{:?}", f.code) };
        assert_eq!((src, tail), (Reg(0), Reg(0)), "{:?}", f.code);
    }

    #[test]
    fn a_cell_never_takes_the_register_of_a_part_still_needed() {
        // f(h, t) -> [{h, t} | [h | t]]: the inner cell keeps both parts (they are read after
        // it), so it must not go where either of them is.
        let mut f = func(
            2,
            6,
            vec![
                Op::ConsTake { dst: Reg(3), head: Reg(0), tail: Reg(1), moved: 0 },
                Op::Tuple { dst: Reg(2), start: Reg(0), n: 2 },
                Op::ConsTake { dst: Reg(5), head: Reg(2), tail: Reg(3), moved: 3 },
                Op::Return { src: Reg(5) },
            ],
        );
        compact_registers(&mut f);
        let Op::ConsTake { dst, head, tail, .. } = f.code[0] else { panic!("{:?}", f.code) };
        assert!(dst != head && dst != tail, "{:?}", f.code);
    }

    #[test]
    fn registers_live_across_a_call_stay_below_its_window() {
        // r1 = x + 1; r2 = g(x); return r1 + r2: r1 must not be clobbered by the call.
        let mut f = func(
            1,
            6,
            vec![
                Op::ArithI { op: ArithOp::Add, dst: Reg(1), a: Reg(0), imm: 1, fail: Label::NONE },
                Op::Move { dst: Reg(5), src: Reg(0) },
                Op::Call { func: LocalFn(0), base: Reg(5), argc: 1, dst: Reg(2) },
                Op::Arith { op: ArithOp::Add, dst: Reg(3), a: Reg(1), b: Reg(2), fail: Label::NONE },
                Op::Return { src: Reg(3) },
            ],
        );
        compact_registers(&mut f);
        let Op::ArithI { dst: r1, .. } = f.code[0] else { panic!() };
        let Op::Call { base, dst, .. } = f.code[2] else { panic!() };
        assert!(r1.0 < base.0);
        assert_ne!(dst, r1);
        assert_eq!(f.code[3], Op::Arith { op: ArithOp::Add, dst: match f.code[3] { Op::Arith { dst, .. } => dst, _ => unreachable!() }, a: r1, b: dst, fail: Label::NONE });
    }

    #[test]
    fn windows_stay_consecutive() {
        // {a, b} built from two registers, then returned.
        let mut f = func(
            2,
            6,
            vec![
                Op::Move { dst: Reg(4), src: Reg(1) },
                Op::Move { dst: Reg(5), src: Reg(0) },
                Op::Tuple { dst: Reg(3), start: Reg(4), n: 2 },
                Op::Return { src: Reg(3) },
            ],
        );
        compact_registers(&mut f);
        // r1 is copied first while r0 is still needed: the window cannot start at r0. It
        // starts at r1, where the first element already is (that move goes), and r0 is
        // copied up after it.
        assert_eq!(f.code, vec![Op::Move { dst: Reg(2), src: Reg(0) }, Op::Tuple { dst: Reg(0), start: Reg(1), n: 2 }, Op::Return { src: Reg(0) }]);
    }

    #[test]
    fn a_take_into_a_tail_call_window_coalesces_with_its_argument() {
        // f(a, b) -> g(b + 1, a): the sum is computed in place of b, which is dead, and the
        // window starts there, so only `a` moves (a window at r0 would need a third move).
        let mut f = func(
            2,
            5,
            vec![
                Op::ArithI { op: ArithOp::Add, dst: Reg(3), a: Reg(1), imm: 1, fail: Label::NONE },
                Op::Take { dst: Reg(4), src: Reg(0) },
                Op::TailCall { func: LocalFn(0), base: Reg(3), argc: 2 },
            ],
        );
        compact_registers(&mut f);
        let Some(&Op::TailCall { base, .. }) = f.code.last() else { panic!() };
        assert_eq!(f.code.len(), 3, "{:?}", f.code);
        assert!(f.nregs <= 3, "{:?}", f.code);
        // The arguments are a permutation of the inputs: simulate the moves.
        let mut regs: Vec<i64> = vec![10, 20, 0, 0, 0];
        for op in &f.code {
            match *op {
                Op::ArithI { dst, a, imm, .. } => regs[dst.0 as usize] = regs[a.0 as usize] + imm as i64,
                Op::Take { dst, src } | Op::Move { dst, src } => regs[dst.0 as usize] = regs[src.0 as usize],
                _ => {}
            }
        }
        assert_eq!((regs[base.0 as usize], regs[base.0 as usize + 1]), (21, 10), "{:?}", f.code);
    }

    #[test]
    fn a_list_loop_keeps_the_tail_in_the_lists_register() {
        // all([h | t], f) -> if f.(h), do: all(t, f), else: false; all([], _) -> true.
        // The tail can take the list's register (the list is gone once it is taken apart, and
        // untouched on the failure branch), so the loop needs no move back to r0.
        let mut f = func(
            2,
            6,
            vec![
                Op::IsConsTakeList { src: Reg(0), head: Reg(3), tail: Reg(2), fail: Label(7) },
                Op::CallFun { fun: Reg(1), base: Reg(3), argc: 1, dst: Reg(4) },
                Op::JumpUnless { cond: Reg(4), target: Label(5) },
                Op::Take { dst: Reg(5), src: Reg(2) },
                Op::TailCall { func: LocalFn(0), base: Reg(5), argc: 2 },
                Op::Lit { dst: Reg(0), lit: retort_vm::bytecode::LitIdx(0) },
                Op::Return { src: Reg(0) },
                Op::IsType { ty: TypeTest::Nil, reg: Reg(0), fail: Label(9) },
                Op::Return { src: Reg(0) },
                Op::Raise { kind: RaiseKind::FunctionClause, reg: Reg(0) },
            ],
        );
        compact_registers(&mut f);
        assert!(!f.code.iter().any(|op| matches!(op, Op::Take { .. } | Op::Move { .. })), "{:?}", f.code);
        let Op::IsConsTakeList { src, tail, head, .. } = f.code[0] else { panic!("{:?}", f.code) };
        assert_eq!((src, tail), (Reg(0), Reg(0)), "{:?}", f.code);
        assert_ne!(head, Reg(0));
    }

    #[test]
    fn a_tail_call_updates_parameters_in_place_and_calls_with_its_window_at_r0() {
        // sum(i, n, acc) -> sum(i + 1, n, acc + i): `acc + i` goes into acc's register and
        // `n` stays put; only `i + 1`, computed while `i` is still needed, moves down.
        let mut f = func(
            3,
            6,
            vec![
                Op::Test { op: retort_vm::bytecode::CmpOp::Gt, a: Reg(0), b: Reg(1), fail: Label(2) },
                Op::Return { src: Reg(2) },
                Op::ArithI { op: ArithOp::Add, dst: Reg(3), a: Reg(0), imm: 1, fail: Label::NONE },
                Op::Take { dst: Reg(4), src: Reg(1) },
                Op::Arith { op: ArithOp::Add, dst: Reg(5), a: Reg(2), b: Reg(0), fail: Label::NONE },
                Op::TailCall { func: LocalFn(0), base: Reg(3), argc: 3 },
            ],
        );
        compact_registers(&mut f);
        assert_eq!(f.code.last(), Some(&Op::TailCall { func: LocalFn(0), base: Reg(0), argc: 3 }), "{:?}", f.code);
        assert_eq!(f.code.len(), 6, "{:?}", f.code);
        assert_eq!(f.code.iter().filter(|op| matches!(op, Op::Take { .. } | Op::Move { .. })).count(), 1, "{:?}", f.code);
        assert!(matches!(f.code[0], Op::Test { fail: Label(2), .. }), "{:?}", f.code);
        let mut regs: Vec<i64> = vec![1, 10, 5, 0, 0, 0];
        for op in &f.code[2..] {
            match *op {
                Op::ArithI { dst, a, imm, .. } => regs[dst.0 as usize] = regs[a.0 as usize] + imm as i64,
                Op::Arith { dst, a, b, .. } => regs[dst.0 as usize] = regs[a.0 as usize] + regs[b.0 as usize],
                Op::Take { dst, src } | Op::Move { dst, src } => regs[dst.0 as usize] = regs[src.0 as usize],
                _ => {}
            }
        }
        assert_eq!(&regs[..3], &[2, 10, 6], "{:?}", f.code);
    }

    #[test]
    fn inserted_instructions_keep_jumps_and_lines_on_their_targets() {
        let mut f = func(1, 3, vec![Op::Jump { target: Label(2) }, Op::Nil { dst: Reg(1) }, Op::Return { src: Reg(0) }]);
        f.lines = vec![(0, 1), (1, 5), (2, 7)];
        crate::codegen::optimize::insert_before(&mut f, vec![(1, vec![Op::Nil { dst: Reg(2) }, Op::Take { dst: Reg(0), src: Reg(2) }])]);
        assert_eq!(
            f.code,
            vec![
                Op::Jump { target: Label(4) },
                Op::Nil { dst: Reg(2) },
                Op::Take { dst: Reg(0), src: Reg(2) },
                Op::Nil { dst: Reg(1) },
                Op::Return { src: Reg(0) },
            ]
        );
        // The inserted instructions take the line of the instruction they precede.
        assert_eq!(f.lines, vec![(0, 1), (1, 5), (4, 7)]);
    }

    #[test]
    fn a_function_with_try_keeps_its_registers() {
        let mut f = func(
            1,
            6,
            vec![
                Op::TryBegin { handler: Label(3), dst: Reg(4) },
                Op::Move { dst: Reg(5), src: Reg(0) },
                Op::TryEnd,
                Op::Return { src: Reg(0) },
            ],
        );
        let before = f.clone();
        compact_registers(&mut f);
        assert_eq!(f.code, before.code);
        assert_eq!(f.nregs, 6);
    }
}
