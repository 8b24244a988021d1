//! The optimiser: passes over one finished function's bytecode (labels resolved), driven by a
//! register liveness analysis. It runs after code generation, so the code generator stays
//! simple (every sub-expression into a fresh register) and this file alone decides what is
//! fused or removed.
//!
//! Passes, repeated until nothing changes (at most a few rounds):
//! 1. **immediates**: `Int t, k` followed by an `Arith`/`Test` reading `t` becomes `ArithI` /
//!    `TestI` with `k` inline when `t` is dead afterwards (Lua's `OP_ADDI`, `OP_LTI`);
//! 2. **copy propagation**: `Move t, s` followed by an instruction reading `t` as a plain operand
//!    reads `s` instead when `t` is dead afterwards (`[a | b]` no longer copies `a` and `b`);
//! 3. **dead definitions**: a `Move`, `Int`, `Lit` or `Nil` whose destination is dead goes;
//!
//! and once at the end:
//! 4. **last uses**: a `Move` whose source is dead afterwards becomes a `Take`, which moves the
//!    term instead of copying it, so a term the process holds once stays uniquely owned and
//!    can be updated in place (`Map.put`, binary appends); a `Cons` whose head or tail is dead
//!    afterwards becomes a `ConsTake` that moves it into the cell;
//! 5. **superinstructions**, 6. **list cells taken** and 7. **jumps to returns** (each
//!    documented at its function).
//!
//! Liveness is the classic backward data-flow fixpoint over the instruction graph. Inside a
//! function that has a `try`, any instruction may raise into a handler, so every handler is
//! treated as a successor of every instruction (conservative: more registers live).
//! Conditional writes (a `MapGet` that writes only when the key is found) never kill.
//!
//! Removing an instruction re-targets the labels that pointed at it to the instruction that
//! follows it, and the line table moves with the code.

use retort_vm::bytecode::facts::{labels_mut, may_write, reads, scalar_reads_mut, successors, writes};
use retort_vm::bytecode::{ArithOp, CmpOp, Function, Label, Op, Reg, TypeTest};
use smallvec::SmallVec;

/// Optimises `f` in place (see the module documentation).
pub fn optimize(f: &mut Function) {
    for _ in 0..6 {
        let mut changed = immediates(f);
        changed |= copy_propagation(f);
        changed |= coalesce_results(f);
        changed |= coalesce_across(f);
        changed |= dead_definitions(f);
        if !changed {
            break;
        }
    }
    last_uses(f);
    superinstructions(f);
    take_list_cells(f);
    jumps_to_returns(f);
    known_tests(f);
}

/// How far back [`known_tests`] looks for a test already passed.
const KNOWN_TEST_WINDOW: usize = 32;

/// A test that writes nothing: it falls through when it holds and jumps to its one label
/// otherwise.
fn pure_test(op: &Op) -> bool {
    matches!(op, Op::IsType { .. } | Op::IsTupleOf { .. } | Op::IsTaggedTuple { .. } | Op::IsElemEqLit { .. } | Op::IsEqLit { .. } | Op::Test { .. } | Op::TestI { .. })
}

/// `op` with its labels blanked, to compare two tests by what they test.
fn without_labels(op: &Op) -> Op {
    let mut o = op.clone();
    for l in labels_mut(&mut o) {
        *l = Label(0);
    }
    o
}

/// Pass 8: a branch to a test that already holds where the branch is taken goes past it. The
/// clauses of a `receive` or a `case` each start with their own test, so a message that
/// fails the second clause's later test (`{:token, 0, _}` against `{:token, k, _}`) was
/// tested again for `{:token, _, _}` at the third clause: the branch now enters the third
/// clause after that test. The test holds when the same test was passed earlier on the only
/// way into the branching instruction: straight-line code (no label in between), no write to
/// a register the test reads, and no call (a callee's frame clobbers registers).
fn known_tests(f: &mut Function) {
    let is_target = targets(f);
    for pc in 0..f.code.len() {
        let labels: SmallVec<[Label; 2]> = labels_mut(&mut f.code[pc].clone()).into_iter().map(|l| *l).collect();
        for (i, mut l) in labels.into_iter().enumerate() {
            // Follow a chain of known tests (at most the window's length).
            for _ in 0..KNOWN_TEST_WINDOW {
                let Some(t) = f.code.get(l.0 as usize).filter(|t| pure_test(t)) else { break };
                if !passed_before(f, &is_target, pc, t) {
                    break;
                }
                l = Label(l.0 + 1);
            }
            if let Some(slot) = labels_mut(&mut f.code[pc]).into_iter().nth(i) {
                *slot = l;
            }
        }
    }
}

/// Whether test `t` was passed on the straight-line way into instruction `pc` (see
/// [`known_tests`]).
fn passed_before(f: &Function, is_target: &[bool], pc: usize, t: &Op) -> bool {
    let want = without_labels(t);
    let read = reads(t, f.arity);
    if may_write(&f.code[pc]).iter().any(|w| read.contains(w)) {
        return false;
    }
    let mut k = pc;
    while k > 0 && pc - k < KNOWN_TEST_WINDOW {
        // Instruction k is reached only by falling through from k - 1.
        if is_target[k] {
            return false;
        }
        let op = &f.code[k - 1];
        if op.info().flags.has(retort_vm::bytecode::isa::Flags::CALL) || may_write(op).iter().any(|w| read.contains(w)) {
            return false;
        }
        if pure_test(op) && without_labels(op) == want {
            return true;
        }
        k -= 1;
    }
    false
}

/// Pass 7: a `Jump` to a `Return` returns right there (the end of an `if` or `case` in tail
/// position: one dispatch fewer on every branch that jumped over the others). The `Return`
/// reads the same register either way, so liveness does not change.
fn jumps_to_returns(f: &mut Function) {
    for pc in 0..f.code.len() {
        if let Op::Jump { target } = f.code[pc] {
            if let Some(&Op::Return { src }) = f.code.get(target.0 as usize) {
                f.code[pc] = Op::Return { src };
            }
        }
    }
}

/// Pass 6: an `IsConsGetList` whose list register is dead on the fall-through path (not
/// live into the next instruction) becomes `IsConsTakeList`, which moves the cell out of the
/// register: a list the process holds once is then taken apart without touching a count, and
/// each cell is freed as soon as it is matched (`map([h | t])` over a list built just before
/// reuses its cells). Functions with a `try` are left alone (every instruction may reach a
/// handler that reads the register).
fn take_list_cells(f: &mut Function) {
    if f.code.iter().any(|op| matches!(op, Op::TryBegin { .. })) {
        return;
    }
    let live = live_out(f);
    for pc in 0..f.code.len().saturating_sub(1) {
        let Op::IsConsGetList { src, head, tail, fail } = f.code[pc] else { continue };
        let next = &f.code[pc + 1];
        let live_into_next = reads(next, f.arity).contains(&src) || (live[pc + 1].has(src) && !writes(next).contains(&src));
        if !live_into_next {
            f.code[pc] = Op::IsConsTakeList { src, head, tail, fail };
        }
    }
}

/// Pass 5: fuses adjacent pairs into superinstructions (the commonest pairs that
/// `retort run --stats` reports): `IsType Cons` + `GetList` of the same register becomes
/// `IsConsGetList`; `GetElem t` + `IsEqLit t` with `t` dead afterwards becomes `IsElemEqLit`;
/// then `IsTupleOf r, n` + `IsElemEqLit r[0]` failing to the same label becomes `IsTaggedTuple`
/// (three in the ring benchmark's receive, one per clause).
fn superinstructions(f: &mut Function) {
    rewrite_pairs(f, |a, b, live_after| match (a, b) {
        (Op::IsType { ty: TypeTest::Cons, reg, fail }, Op::GetList { src, head, tail }) if reg == src => {
            Some((Some(Op::IsConsGetList { src: *src, head: *head, tail: *tail, fail: *fail }), None))
        }
        (Op::GetElem { dst, src, idx }, Op::IsEqLit { reg, lit, fail }) if dst == reg && src != dst && !live_after.has(*dst) => {
            Some((Some(Op::IsElemEqLit { src: *src, idx: *idx, lit: *lit, fail: *fail }), None))
        }
        _ => None,
    });
    // A second sweep, over the `IsElemEqLit`s the first one made.
    rewrite_pairs(f, |a, b, _| match (a, b) {
        (Op::IsTupleOf { reg, arity, fail }, Op::IsElemEqLit { src, idx: 0, lit, fail: f2 }) if reg == src && fail == f2 && *arity >= 1 => {
            Some((Some(Op::IsTaggedTuple { reg: *reg, arity: *arity, lit: *lit, fail: *fail }), None))
        }
        _ => None,
    });
}

/// What a pair rewrite puts in place of two adjacent instructions: the new first and second
/// instruction, `None` for one that goes.
type PairRewrite = Option<(Option<Op>, Option<Op>)>;

/// Applies `rewrite` to every pair of adjacent instructions `(a, b)` where no label points at
/// `b` (so `b` runs only after `a`), given the registers live after `b`. A rewritten pair is
/// not rewritten again in the same sweep; returns whether anything changed.
fn rewrite_pairs(f: &mut Function, mut rewrite: impl FnMut(&Op, &Op, &RegSet) -> PairRewrite) -> bool {
    let live = live_out(f);
    let tgt = targets(f);
    let mut delete = vec![false; f.code.len()];
    let mut any = false;
    let mut pc = 0;
    while pc + 1 < f.code.len() {
        let j = pc + 1;
        if tgt[j] {
            pc += 1;
            continue;
        }
        match rewrite(&f.code[pc], &f.code[j], &live[j]) {
            Some((first, second)) => {
                for (at, op) in [(pc, first), (j, second)] {
                    match op {
                        Some(op) => f.code[at] = op,
                        None => delete[at] = true,
                    }
                }
                any = true;
                pc += 2;
            }
            None => pc += 1,
        }
    }
    compact(f, &delete);
    any
}

/// A set of registers.
#[derive(Clone, PartialEq)]
pub(crate) struct RegSet(Vec<u64>);

impl RegSet {
    fn new(n: usize) -> RegSet {
        RegSet(vec![0; n.div_ceil(64).max(1)])
    }
    pub(crate) fn has(&self, r: Reg) -> bool {
        let i = r.0 as usize;
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
    pub(crate) fn add(&mut self, r: Reg) {
        let i = r.0 as usize;
        if let Some(w) = self.0.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }
    pub(crate) fn remove(&mut self, r: Reg) {
        let i = r.0 as usize;
        if let Some(w) = self.0.get_mut(i / 64) {
            *w &= !(1 << (i % 64));
        }
    }
    fn union(&mut self, o: &RegSet) {
        for (a, b) in self.0.iter_mut().zip(&o.0) {
            *a |= b;
        }
    }
}

/// Per instruction: the registers live just after it (read on some path before being
/// written).
pub(crate) fn live_out(f: &Function) -> Vec<RegSet> {
    let n = f.code.len();
    let width = f.nregs.max(f.arity) as usize + 1;
    let handlers: Vec<usize> = f
        .code
        .iter()
        .filter_map(|op| match op {
            Op::TryBegin { handler, .. } => Some(handler.0 as usize),
            _ => None,
        })
        .collect();
    let succ: Vec<Vec<usize>> = f
        .code
        .iter()
        .enumerate()
        .map(|(pc, op)| {
            let s = successors(op);
            let mut v: Vec<usize> = s.targets.iter().map(|l| l.0 as usize).filter(|&t| t < n).collect();
            if s.falls_through && pc + 1 < n {
                v.push(pc + 1);
            }
            v.extend(handlers.iter().copied().filter(|&t| t < n));
            v
        })
        .collect();
    let gen: Vec<Vec<Reg>> = f.code.iter().map(|op| reads(op, f.arity).into_vec()).collect();
    let kill: Vec<Vec<Reg>> = f.code.iter().map(|op| writes(op).into_vec()).collect();
    let mut live_in = vec![RegSet::new(width); n];
    let mut out = vec![RegSet::new(width); n];
    loop {
        let mut changed = false;
        for pc in (0..n).rev() {
            let mut o = RegSet::new(width);
            for &s in &succ[pc] {
                o.union(&live_in[s]);
            }
            let mut i = o.clone();
            for r in &kill[pc] {
                i.remove(*r);
            }
            for r in &gen[pc] {
                i.add(*r);
            }
            if i != live_in[pc] {
                live_in[pc] = i;
                changed = true;
            }
            out[pc] = o;
        }
        if !changed {
            return out;
        }
    }
}

/// Which instructions some label points at.
fn targets(f: &Function) -> Vec<bool> {
    let mut t = vec![false; f.code.len() + 1];
    for op in &f.code {
        let mut op = op.clone();
        for l in labels_mut(&mut op) {
            if let Some(x) = t.get_mut(l.0 as usize) {
                *x = true;
            }
        }
    }
    t
}

fn mirror(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Ge => CmpOp::Le,
        o => o,
    }
}

/// Pass 1 (see the module documentation).
fn immediates(f: &mut Function) -> bool {
    rewrite_pairs(f, |a, b, live_after| {
        let Op::Int { dst: t, val } = *a else { return None };
        if live_after.has(t) {
            return None;
        }
        let new = match *b {
            Op::Arith { op, dst, a, b, fail } if b == t && a != t && !(matches!(op, ArithOp::IntDiv | ArithOp::Rem) && val == 0) => {
                Op::ArithI { op, dst, a, imm: val, fail }
            }
            // `badarith` carries no operands, so a commutative operator may swap them.
            Op::Arith { op: op @ (ArithOp::Add | ArithOp::Mul), dst, a, b, fail } if a == t && b != t => Op::ArithI { op, dst, a: b, imm: val, fail },
            Op::Test { op, a, b, fail } if b == t && a != t => Op::TestI { op, a, imm: val, fail },
            Op::Test { op, a, b, fail } if a == t && b != t => Op::TestI { op: mirror(op), a: b, imm: val, fail },
            _ => return None,
        };
        Some((None, Some(new)))
    })
}

/// Pass 2 (see the module documentation).
fn copy_propagation(f: &mut Function) -> bool {
    let arity = f.arity;
    rewrite_pairs(f, |a, b, live_after| {
        let Op::Move { dst: t, src: s } = *a else { return None };
        if t == s || live_after.has(t) {
            return None;
        }
        let all = reads(b, arity).iter().filter(|r| **r == t).count();
        let mut next = b.clone();
        let mut renamed = 0;
        for r in scalar_reads_mut(&mut next) {
            if *r == t {
                *r = s;
                renamed += 1;
            }
        }
        (renamed > 0 && renamed == all).then_some((None, Some(next)))
    })
}

/// The single destination of `op` that may be renamed (result coalescing): instructions
/// that write it unconditionally, read nothing they write, and have no failure path that
/// could observe the old value.
fn renamable_dst(op: &mut Op) -> SmallVec<[&mut Reg; 2]> {
    let mut v = SmallVec::new();
    match op {
        Op::Move { dst, .. }
        | Op::Lit { dst, .. }
        | Op::Int { dst, .. }
        | Op::Nil { dst }
        | Op::Cons { dst, .. }
        | Op::Tuple { dst, .. }
        | Op::Cmp { dst, .. }
        | Op::GetElem { dst, .. }
        | Op::Call { dst, .. }
        | Op::CallRemote { dst, .. }
        | Op::CallFun { dst, .. } => v.push(dst),
        Op::Arith { dst, fail, .. } | Op::ArithI { dst, fail, .. } if fail.is_none() => v.push(dst),
        Op::GetList { head, tail, .. } => {
            v.push(head);
            v.push(tail);
        }
        _ => {}
    }
    v
}

/// Pass 2b: an instruction whose result `t` is immediately moved to `d` (and `t` is dead
/// afterwards) writes `d` directly: `GetList r0 -> r2, r3; Take r6 <- r2` becomes
/// `GetList r0 -> r6, r3`.
fn coalesce_results(f: &mut Function) -> bool {
    let arity = f.arity;
    rewrite_pairs(f, |a, b, live_after| {
        let (d, t) = match *b {
            Op::Move { dst, src } | Op::Take { dst, src } if dst != src => (dst, src),
            _ => return None,
        };
        if live_after.has(t) || reads(a, arity).contains(&d) {
            return None;
        }
        let mut op = a.clone();
        let outs = renamable_dst(&mut op);
        if outs.iter().filter(|r| ***r == t).count() != 1 || outs.iter().any(|r| **r == d) {
            return None;
        }
        for r in outs {
            if *r == t {
                *r = d;
            }
        }
        Some((Some(op), None))
    })
}

/// How far back [`coalesce_across`] looks for the definition of a moved register.
const COALESCE_WINDOW: usize = 8;

/// Pass 2c: result coalescing across straight-line code. `t = def; ...; Move/Take d <- t`,
/// where `t` dies at the move, becomes `d = def; ...` when the instructions in between
/// neither read nor write `d` or `t`, no label points between the definition and the move
/// (nothing enters the stretch from elsewhere), and every branch out of the stretch (a
/// failure label) reaches code that reads neither `d` nor `t`. `GetList r0 -> r1, r2;
/// ArithI r4 <- r1 * 2; Take r6 <- r2; Call base r6` becomes `GetList r0 -> r1, r6; ArithI
/// ...; Call base r6`, so the argument is produced where the call wants it.
///
/// A call in between must have its window above `d` (the callee's frame starts there).
/// Functions with a `try` are left alone (a handler may read any register).
fn coalesce_across(f: &mut Function) -> bool {
    if f.code.iter().any(|op| matches!(op, Op::TryBegin { .. })) {
        return false;
    }
    let arity = f.arity;
    let live = live_out(f);
    let tg = targets(f);
    // Conservative live-in: what the instruction reads plus what is live after it.
    let live_in = |pc: usize| -> RegSet {
        let mut s = live[pc].clone();
        for r in reads(&f.code[pc], arity) {
            s.add(r);
        }
        s
    };
    let mut delete = vec![false; f.code.len()];
    let mut renames: Vec<(usize, Reg, Reg)> = Vec::new();
    let mut touched = vec![false; f.code.len()];
    for j in 0..f.code.len() {
        let (d, t) = match f.code[j] {
            Op::Move { dst, src } | Op::Take { dst, src } if dst != src => (dst, src),
            _ => continue,
        };
        if live[j].has(t) || tg[j] || touched[j] {
            continue;
        }
        let mut found = None;
        let mut k = j;
        while k > 0 && j - k < COALESCE_WINDOW {
            k -= 1;
            let op = &f.code[k];
            // Every register `op` may change, conditional writes included.
            let w = may_write(op);
            if w.contains(&t) {
                found = Some(k);
                break;
            }
            let r = reads(op, arity);
            if r.contains(&t) || r.contains(&d) || w.contains(&d) || tg[k] || touched[k] {
                break;
            }
            // A call's frame starts at its window: every register from there up is the
            // callee's, so `d` (now live across the call) must lie below it.
            if let Op::Call { base, .. } | Op::CallRemote { base, .. } | Op::CallFun { base, .. } = op {
                if d.0 >= base.0 {
                    break;
                }
            }
            let succ = successors(op);
            if succ.targets.iter().any(|l| {
                let s = l.0 as usize;
                s >= f.code.len() || {
                    let li = live_in(s);
                    li.has(t) || li.has(d)
                }
            }) {
                break;
            }
            if !succ.falls_through {
                break;
            }
        }
        let Some(i) = found else { continue };
        // Only a gap: adjacent pairs are pass 2b's.
        if i + 1 == j || touched[i] {
            continue;
        }
        let mut op = f.code[i].clone();
        if reads(&op, arity).contains(&d) || live[i].has(d) {
            continue;
        }
        let outs = renamable_dst(&mut op);
        if outs.iter().filter(|r| ***r == t).count() != 1 || outs.iter().any(|r| **r == d) {
            continue;
        }
        renames.push((i, t, d));
        delete[j] = true;
        for m in i..=j {
            touched[m] = true;
        }
    }
    if renames.is_empty() {
        return false;
    }
    for (i, t, d) in renames {
        for r in renamable_dst(&mut f.code[i]) {
            if *r == t {
                *r = d;
            }
        }
    }
    compact(f, &delete);
    true
}

/// Pass 3 (see the module documentation).
fn dead_definitions(f: &mut Function) -> bool {
    let live = live_out(f);
    let mut delete = vec![false; f.code.len()];
    let mut any = false;
    for (pc, op) in f.code.iter().enumerate() {
        let dst = match op {
            Op::Move { dst, src } if dst == src => {
                // `Move r, r` does nothing.
                delete[pc] = true;
                any = true;
                continue;
            }
            Op::Move { dst, .. } => *dst,
            Op::Int { dst, .. } | Op::Lit { dst, .. } | Op::Nil { dst } => *dst,
            _ => continue,
        };
        if !live[pc].has(dst) {
            delete[pc] = true;
            any = true;
        }
    }
    // A function must not end by falling off: keep the code non-empty and its last
    // instruction in place (it is a return, a tail call or a raise in generated code).
    if let Some(last) = delete.last_mut() {
        *last = false;
    }
    compact(f, &delete);
    any
}

/// Pass 4 (see the module documentation).
fn last_uses(f: &mut Function) {
    let live = live_out(f);
    for (pc, op) in f.code.iter_mut().enumerate() {
        match *op {
            Op::Move { dst, src } if dst != src && !live[pc].has(src) => *op = Op::Take { dst, src },
            Op::Cons { dst, head, tail } => {
                // An operand dies here when nothing reads it again before writing it, or when
                // it is the destination (its old term is dropped by the write).
                let dies = |r: Reg| r == dst || !live[pc].has(r);
                let moved = u8::from(dies(head) && head != tail) | (u8::from(dies(tail)) << 1);
                if moved != 0 {
                    *op = Op::ConsTake { dst, head, tail, moved };
                }
            }
            _ => {}
        }
    }
}

/// Removes the instructions marked in `delete`; a label that pointed at a removed
/// instruction points at the next kept one, and line-table entries move with their code.
pub(crate) fn compact(f: &mut Function, delete: &[bool]) {
    if !delete.iter().any(|d| *d) {
        return;
    }
    let n = f.code.len();
    // new_index[pc] = index in the compacted code of the first kept instruction at or after pc.
    let mut new_index = vec![0u32; n + 1];
    let mut k = 0u32;
    for pc in 0..n {
        new_index[pc] = k;
        if !delete[pc] {
            k += 1;
        }
    }
    new_index[n] = k;
    let code = std::mem::take(&mut f.code);
    for (pc, mut op) in code.into_iter().enumerate() {
        if delete[pc] {
            continue;
        }
        remap_labels(&mut op, &new_index);
        f.code.push(op);
    }
    let mut lines: Vec<(u32, u32)> = Vec::with_capacity(f.lines.len());
    for &(pc, line) in &f.lines {
        let npc = remap(&new_index, pc);
        match lines.last_mut() {
            Some(last) if last.0 == npc => last.1 = line,
            _ => lines.push((npc, line)),
        }
    }
    lines.dedup_by(|b, a| a.1 == b.1);
    f.lines = lines;
}

/// Inserts instructions into `f`: each `(pc, ops)` puts `ops` just before instruction `pc`
/// (`inserts` in increasing `pc`). Jumps to `pc` and its line entry then start at the first
/// inserted instruction.
pub(crate) fn insert_before(f: &mut Function, inserts: Vec<(usize, Vec<Op>)>) {
    if inserts.is_empty() {
        return;
    }
    let n = f.code.len();
    // new_index[pc] = index in the new code of the first instruction inserted before pc, or
    // of pc itself.
    let mut new_index = vec![0u32; n + 1];
    let mut added = 0u32;
    let mut it = inserts.iter().peekable();
    for (pc, slot) in new_index.iter_mut().enumerate() {
        *slot = pc as u32 + added;
        while let Some((at, ops)) = it.peek() {
            if *at != pc {
                break;
            }
            added += ops.len() as u32;
            it.next();
        }
    }
    let code = std::mem::take(&mut f.code);
    let mut inserts = inserts.into_iter().peekable();
    for (pc, mut op) in code.into_iter().enumerate() {
        while let Some((at, _)) = inserts.peek() {
            if *at != pc {
                break;
            }
            if let Some((_, ops)) = inserts.next() {
                f.code.extend(ops);
            }
        }
        remap_labels(&mut op, &new_index);
        f.code.push(op);
    }
    for (pc, _) in f.lines.iter_mut() {
        *pc = remap(&new_index, *pc);
    }
}

/// The new index of old instruction `pc` under `new_index` (one entry per old instruction,
/// then the new end, which a `pc` past the code maps to).
fn remap(new_index: &[u32], pc: u32) -> u32 {
    new_index.get(pc as usize).or(new_index.last()).copied().unwrap_or(0)
}

/// Rewrites every label of `op` through `new_index` (see [`remap`]).
fn remap_labels(op: &mut Op, new_index: &[u32]) {
    for l in labels_mut(op) {
        if !l.is_none() {
            *l = Label(remap(new_index, l.0));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use retort_vm::bytecode::LocalFn;

    fn func(arity: u32, nregs: u32, code: Vec<Op>) -> Function {
        Function { name: "f".into(), arity, nregs, code, lines: vec![(0, 1)] }
    }

    /// The receive clauses `{:token, 0} -> a; {:token, k} -> b; other -> c` over the message
    /// in r0, as the code generator lays them out (clause tests, then bodies).
    fn token_clauses(write_between: bool) -> Function {
        use retort_vm::bytecode::LitIdx;
        let tagged = |fail| Op::IsTaggedTuple { reg: Reg(0), arity: 2, lit: LitIdx(0), fail: Label(fail) };
        let mut code = vec![
            tagged(3),
            Op::IsElemEqLit { src: Reg(0), idx: 1, lit: LitIdx(1), fail: Label(3) },
            Op::Return { src: Reg(0) },
            tagged(6),
            Op::GetElem { dst: Reg(1), src: Reg(0), idx: 1 },
            Op::Return { src: Reg(1) },
            Op::Return { src: Reg(0) },
        ];
        if write_between {
            code.insert(1, Op::Nil { dst: Reg(0) });
            for op in code.iter_mut() {
                for l in labels_mut(op) {
                    l.0 += 1;
                }
            }
        }
        func(1, 2, code)
    }

    #[test]
    fn a_branch_past_a_test_that_already_holds_enters_after_it() {
        let mut f = token_clauses(false);
        known_tests(&mut f);
        // The element test fails into the second clause past its tag test; the tag test's own
        // failure still goes there.
        assert!(matches!(f.code[1], Op::IsElemEqLit { fail: Label(4), .. }), "{:?}", f.code);
        assert!(matches!(f.code[0], Op::IsTaggedTuple { fail: Label(3), .. }), "{:?}", f.code);
    }

    #[test]
    fn a_test_is_not_known_after_its_register_is_written() {
        let mut f = token_clauses(true);
        let before = f.code.clone();
        known_tests(&mut f);
        assert_eq!(f.code, before);
    }

    #[test]
    fn int_operand_becomes_an_immediate_and_labels_follow() {
        // fib's shape: if n < 2, return n; else n - 1.
        let mut f = func(
            1,
            4,
            vec![
                Op::Int { dst: Reg(1), val: 2 },
                Op::Test { op: CmpOp::Lt, a: Reg(0), b: Reg(1), fail: Label(3) },
                Op::Return { src: Reg(0) },
                Op::Int { dst: Reg(2), val: 1 },
                Op::Arith { op: ArithOp::Sub, dst: Reg(3), a: Reg(0), b: Reg(2), fail: Label::NONE },
                Op::Return { src: Reg(3) },
            ],
        );
        optimize(&mut f);
        assert_eq!(
            f.code,
            vec![
                Op::TestI { op: CmpOp::Lt, a: Reg(0), imm: 2, fail: Label(2) },
                Op::Return { src: Reg(0) },
                Op::ArithI { op: ArithOp::Sub, dst: Reg(3), a: Reg(0), imm: 1, fail: Label::NONE },
                Op::Return { src: Reg(3) },
            ]
        );
    }

    #[test]
    fn immediate_on_the_left_mirrors_the_comparison() {
        let mut f = func(
            1,
            2,
            vec![
                Op::Int { dst: Reg(1), val: 5 },
                Op::Test { op: CmpOp::Lt, a: Reg(1), b: Reg(0), fail: Label(3) },
                Op::Return { src: Reg(0) },
                Op::Return { src: Reg(0) },
            ],
        );
        optimize(&mut f);
        assert_eq!(f.code[0], Op::TestI { op: CmpOp::Gt, a: Reg(0), imm: 5, fail: Label(2) });
    }

    #[test]
    fn a_register_still_read_later_keeps_its_int() {
        let mut f = func(
            1,
            3,
            vec![
                Op::Int { dst: Reg(1), val: 1 },
                Op::Arith { op: ArithOp::Sub, dst: Reg(2), a: Reg(0), b: Reg(1), fail: Label::NONE },
                Op::Arith { op: ArithOp::Add, dst: Reg(2), a: Reg(2), b: Reg(1), fail: Label::NONE },
                Op::Return { src: Reg(2) },
            ],
        );
        optimize(&mut f);
        assert!(matches!(f.code[0], Op::Int { .. }));
    }

    #[test]
    fn moves_into_operands_propagate_and_results_coalesce() {
        // build(n, acc): [n | acc] through two copies, then a call with a copied argument.
        let mut f = func(
            2,
            6,
            vec![
                Op::Move { dst: Reg(4), src: Reg(0) },
                Op::Move { dst: Reg(5), src: Reg(1) },
                Op::Cons { dst: Reg(3), head: Reg(4), tail: Reg(5) },
                Op::Move { dst: Reg(4), src: Reg(3) },
                Op::Call { func: LocalFn(0), base: Reg(4), argc: 1, dst: Reg(2) },
                Op::Return { src: Reg(2) },
            ],
        );
        optimize(&mut f);
        // The copies go into the cons's operands, and the cons is built straight into the
        // argument register (result coalescing); both operands die there, so they are moved.
        assert_eq!(
            f.code,
            vec![
                Op::ConsTake { dst: Reg(4), head: Reg(0), tail: Reg(1), moved: 3 },
                Op::Call { func: LocalFn(0), base: Reg(4), argc: 1, dst: Reg(2) },
                Op::Return { src: Reg(2) },
            ]
        );
    }

    #[test]
    fn results_coalesce_across_straight_line_code_but_not_into_a_live_failure_path() {
        // double([h | t]) = [h * 2 | double(t)]: the tail is moved into the call's argument
        // register two instructions after the list test produced it.
        let code = |fail_reads_r2: bool| {
            let mut c = vec![
                Op::IsType { ty: TypeTest::Cons, reg: Reg(0), fail: Label(7) },
                Op::GetList { src: Reg(0), head: Reg(1), tail: Reg(2) },
                Op::ArithI { op: ArithOp::Rem, dst: Reg(4), a: Reg(1), imm: 3, fail: Label(7) },
                Op::Move { dst: Reg(6), src: Reg(2) },
                Op::Call { func: LocalFn(0), base: Reg(6), argc: 1, dst: Reg(5) },
                Op::Cons { dst: Reg(3), head: Reg(4), tail: Reg(5) },
                Op::Return { src: Reg(3) },
            ];
            c.push(if fail_reads_r2 { Op::Return { src: Reg(2) } } else { Op::Return { src: Reg(0) } });
            c
        };
        let mut f = func(1, 7, code(false));
        optimize(&mut f);
        assert_eq!(
            f.code[..4],
            [
                Op::IsConsGetList { src: Reg(0), head: Reg(1), tail: Reg(6), fail: Label(5) },
                Op::ArithI { op: ArithOp::Rem, dst: Reg(4), a: Reg(1), imm: 3, fail: Label(5) },
                Op::Call { func: LocalFn(0), base: Reg(6), argc: 1, dst: Reg(5) },
                Op::ConsTake { dst: Reg(3), head: Reg(4), tail: Reg(5), moved: 3 },
            ]
        );
        // The failure path after the GetList reads r2: the tail must stay where it is.
        let mut f = func(1, 7, code(true));
        optimize(&mut f);
        assert!(f.code.iter().any(|op| matches!(op, Op::Take { dst: Reg(6), src: Reg(2) })), "{:?}", f.code);
    }

    #[test]
    fn a_cons_moves_only_the_operands_that_die_there() {
        let cons = |head: u16, tail: u16, dst: u16, after: Vec<Op>| {
            let mut code = vec![Op::Cons { dst: Reg(dst), head: Reg(head), tail: Reg(tail) }];
            code.extend(after);
            let mut f = func(2, 4, code);
            optimize(&mut f);
            f.code[0].clone()
        };
        // Both die: both moved.
        assert_eq!(cons(0, 1, 2, vec![Op::Return { src: Reg(2) }]), Op::ConsTake { dst: Reg(2), head: Reg(0), tail: Reg(1), moved: 3 });
        // The head is read again: only the tail moves.
        let after = vec![Op::Tuple { dst: Reg(3), start: Reg(0), n: 1 }, Op::Tuple { dst: Reg(3), start: Reg(2), n: 2 }, Op::Return { src: Reg(3) }];
        assert_eq!(cons(0, 1, 2, after), Op::ConsTake { dst: Reg(2), head: Reg(0), tail: Reg(1), moved: 2 });
        // `[x | x]` with x dead: one copy is taken, the head is copied.
        assert_eq!(cons(0, 0, 2, vec![Op::Return { src: Reg(2) }]), Op::ConsTake { dst: Reg(2), head: Reg(0), tail: Reg(0), moved: 2 });
        // An operand that is the destination is overwritten, so moved even though the result lives on.
        assert_eq!(cons(1, 0, 0, vec![Op::Return { src: Reg(0) }]), Op::ConsTake { dst: Reg(0), head: Reg(1), tail: Reg(0), moved: 3 });
        // Both live on: a plain cons.
        let after = vec![Op::Tuple { dst: Reg(3), start: Reg(0), n: 3 }, Op::Return { src: Reg(3) }];
        assert_eq!(cons(0, 1, 2, after), Op::Cons { dst: Reg(2), head: Reg(0), tail: Reg(1) });
    }

    #[test]
    fn a_result_live_across_a_call_is_not_coalesced_into_the_call_frame() {
        // The tail is moved to r5 after a fun call whose frame starts at r4: writing it to r5
        // before the call would let the callee overwrite it.
        let mut f = func(
            2,
            7,
            vec![
                Op::GetList { src: Reg(0), head: Reg(4), tail: Reg(2) },
                Op::CallFun { fun: Reg(1), base: Reg(4), argc: 1, dst: Reg(3) },
                Op::Move { dst: Reg(5), src: Reg(2) },
                Op::Tuple { dst: Reg(6), start: Reg(3), n: 3 },
                Op::Return { src: Reg(6) },
            ],
        );
        optimize(&mut f);
        assert!(
            f.code.iter().any(|op| matches!(op, Op::GetList { tail, .. } if tail.0 < 4)),
            "{:?}",
            f.code
        );
    }

    #[test]
    fn a_move_at_the_last_use_becomes_a_take() {
        // r1 is read twice by the call window and dead afterwards; r0 stays live (returned).
        let mut f = func(
            2,
            5,
            vec![
                Op::Move { dst: Reg(3), src: Reg(1) },
                Op::Move { dst: Reg(4), src: Reg(0) },
                Op::Call { func: LocalFn(0), base: Reg(3), argc: 2, dst: Reg(2) },
                Op::Return { src: Reg(0) },
            ],
        );
        optimize(&mut f);
        assert_eq!(f.code[0], Op::Take { dst: Reg(3), src: Reg(1) });
        assert_eq!(f.code[1], Op::Move { dst: Reg(4), src: Reg(0) });
    }

    #[test]
    fn a_register_read_by_a_function_clause_error_is_not_taken() {
        // r0 is read again by the FunctionClause raise on the failure path.
        let mut f = func(
            1,
            3,
            vec![
                Op::IsType { ty: retort_vm::bytecode::TypeTest::Cons, reg: Reg(0), fail: Label(3) },
                Op::Move { dst: Reg(1), src: Reg(0) },
                Op::Return { src: Reg(1) },
                Op::Raise { kind: retort_vm::bytecode::RaiseKind::FunctionClause, reg: Reg(0) },
            ],
        );
        optimize(&mut f);
        // The copy is propagated into the return; r0 is never emptied before the raise.
        assert!(!f.code.iter().any(|o| matches!(o, Op::Take { .. })));
        assert_eq!(f.code[1], Op::Return { src: Reg(0) });
    }

    #[test]
    fn tagged_tuple_tests_fuse_and_list_tests_fuse() {
        use retort_vm::bytecode::{LitIdx, TypeTest};
        let mut f = func(
            1,
            4,
            vec![
                Op::IsTupleOf { reg: Reg(0), arity: 2, fail: Label(6) },
                Op::GetElem { dst: Reg(1), src: Reg(0), idx: 0 },
                Op::IsEqLit { reg: Reg(1), lit: LitIdx(0), fail: Label(6) },
                Op::GetElem { dst: Reg(2), src: Reg(0), idx: 1 },
                Op::Return { src: Reg(2) },
                Op::Return { src: Reg(0) },
                Op::IsType { ty: TypeTest::Cons, reg: Reg(0), fail: Label(5) },
                Op::GetList { src: Reg(0), head: Reg(1), tail: Reg(2) },
                Op::Return { src: Reg(1) },
            ],
        );
        optimize(&mut f);
        // GetElem + IsEqLit -> IsElemEqLit, then IsTupleOf + IsElemEqLit -> IsTaggedTuple.
        assert_eq!(f.code[0], Op::IsTaggedTuple { reg: Reg(0), arity: 2, lit: LitIdx(0), fail: Label(4) });
        assert_eq!(f.code[1], Op::GetElem { dst: Reg(2), src: Reg(0), idx: 1 });
        // The list register is dead after the match (only the head is returned): taken.
        assert!(matches!(f.code[4], Op::IsConsTakeList { src: Reg(0), fail: Label(3), .. }));
    }

    #[test]
    fn a_list_register_still_read_after_the_match_is_not_taken() {
        use retort_vm::bytecode::TypeTest;
        // [h | _] = l; {h, l}: the cell must stay in r0.
        let mut f = func(
            1,
            4,
            vec![
                Op::IsType { ty: TypeTest::Cons, reg: Reg(0), fail: Label(4) },
                Op::GetList { src: Reg(0), head: Reg(1), tail: Reg(2) },
                Op::Tuple { dst: Reg(3), start: Reg(0), n: 2 },
                Op::Return { src: Reg(3) },
                Op::Return { src: Reg(0) },
            ],
        );
        optimize(&mut f);
        assert!(matches!(f.code[0], Op::IsConsGetList { src: Reg(0), .. }), "{:?}", f.code);
        // Read only on the failure path (a later clause): still taken on the success path.
        let mut g = func(
            1,
            3,
            vec![
                Op::IsType { ty: TypeTest::Cons, reg: Reg(0), fail: Label(3) },
                Op::GetList { src: Reg(0), head: Reg(1), tail: Reg(2) },
                Op::Return { src: Reg(2) },
                Op::Return { src: Reg(0) },
            ],
        );
        optimize(&mut g);
        assert!(matches!(g.code[0], Op::IsConsTakeList { src: Reg(0), .. }), "{:?}", g.code);
    }

    #[test]
    fn a_tag_test_failing_elsewhere_or_past_the_first_element_stays_apart() {
        use retort_vm::bytecode::LitIdx;
        let mut f = func(
            1,
            4,
            vec![
                Op::IsTupleOf { reg: Reg(0), arity: 2, fail: Label(5) },
                Op::GetElem { dst: Reg(1), src: Reg(0), idx: 0 },
                Op::IsEqLit { reg: Reg(1), lit: LitIdx(0), fail: Label(6) },
                Op::IsTupleOf { reg: Reg(0), arity: 2, fail: Label(6) },
                Op::IsElemEqLit { src: Reg(0), idx: 1, lit: LitIdx(0), fail: Label(6) },
                Op::Return { src: Reg(0) },
                Op::Return { src: Reg(0) },
            ],
        );
        optimize(&mut f);
        assert!(matches!(f.code[0], Op::IsTupleOf { .. }));
        assert!(matches!(f.code[1], Op::IsElemEqLit { idx: 0, .. }));
        assert!(matches!(f.code[2], Op::IsTupleOf { .. }));
        assert!(matches!(f.code[3], Op::IsElemEqLit { idx: 1, .. }));
        assert!(!f.code.iter().any(|o| matches!(o, Op::IsTaggedTuple { .. })));
    }

    #[test]
    fn inside_a_try_the_handler_keeps_registers_live() {
        // r1 is read by the handler: the move before the call must stay a copy.
        let mut f = func(
            1,
            6,
            vec![
                Op::Move { dst: Reg(1), src: Reg(0) },
                Op::TryBegin { handler: Label(5), dst: Reg(3) },
                Op::Move { dst: Reg(2), src: Reg(1) },
                Op::Call { func: LocalFn(0), base: Reg(2), argc: 1, dst: Reg(2) },
                Op::TryEnd,
                Op::Return { src: Reg(1) },
            ],
        );
        optimize(&mut f);
        assert!(!f.code.iter().any(|o| matches!(o, Op::Take { src: Reg(1), .. })));
    }
}
