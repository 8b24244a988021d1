//! The verifier: every module image is checked before it can run, so a corrupt or hostile
//! image is an error, never a panic or an out-of-bounds access (the interpreter reads
//! registers without bounds checks on the strength of these checks).
//!
//! What it checks:
//! - **module tables**: every export points at an existing function of the export's arity, no
//!   export is listed twice; every lambda points at an existing function whose arity is the
//!   lambda's arity plus its free variables; literals nest at most
//!   [`MAX_LITERAL_DEPTH`] deep;
//! - **each function**: a register count between 1 and 65535 and at least its arity, a
//!   non-empty body, a line table sorted by offset and within the body;
//! - **each instruction's operands**: registers below the function's register count,
//!   register windows (`start..start+n`, call argument windows, the three registers of a
//!   `try` handler) entirely inside the frame, literal, atom, import, lambda and function
//!   indexes inside their tables, the module-in-a-register call's name and the field key are
//!   atom literals, call sites pass the arity of their target (local function, import, guard
//!   BIF), a closure captures exactly its lambda's free variables, every label inside the
//!   function;
//! - **control flow** (from the entry, over every reachable instruction): no instruction can
//!   fall off the end of the function, and the catch stack is balanced: every path reaches
//!   an instruction with the same number of open `try`s, a `TryEnd` always has a `try` to
//!   close, and a function cannot return or tail-call with a `try` open.
//!
//! Errors name the module, the function with its arity and the instruction offset.

use super::image::{Function, Literal, ModuleImage};
use super::op::*;
use std::collections::HashSet;

/// How deep literals may nest (tuples in lists in maps...): deeper ones are rejected so that
/// converting them to terms (recursive) cannot exhaust the stack.
pub const MAX_LITERAL_DEPTH: usize = 200;

/// Verifies `image`; `Err` describes the first problem found, naming the module, the function
/// and the offset: `module Foo, function bar/1, offset 3: register r7 out of range (the
/// function has 5 registers)`.
pub fn verify(image: &ModuleImage) -> Result<(), String> {
    let m = module_name(&image.name);
    if image.name.is_empty() {
        return Err("module with an empty name".into());
    }
    let mut seen = HashSet::new();
    for e in &image.exports {
        let f = image
            .functions
            .get(e.function as usize)
            .ok_or_else(|| format!("module {m}, export {}/{}: points at function #{}, which does not exist ({} functions)", e.name, e.arity, e.function, image.functions.len()))?;
        if f.arity != e.arity {
            return Err(format!("module {m}, export {}/{}: function #{} ({}/{}) has another arity", e.name, e.arity, e.function, f.name, f.arity));
        }
        if !seen.insert((e.name.as_str(), e.arity)) {
            return Err(format!("module {m}, export {}/{}: exported twice", e.name, e.arity));
        }
    }
    for (i, l) in image.lambdas.iter().enumerate() {
        let f = image
            .functions
            .get(l.function as usize)
            .ok_or_else(|| format!("module {m}, lambda #{i}: points at function #{}, which does not exist", l.function))?;
        if f.arity as u64 != l.arity as u64 + l.nfree as u64 {
            return Err(format!("module {m}, lambda #{i}: arity {} plus {} free variables does not match function {}/{}", l.arity, l.nfree, f.name, f.arity));
        }
    }
    for (i, lit) in image.literals.iter().enumerate() {
        if literal_depth(lit, 0) > MAX_LITERAL_DEPTH {
            return Err(format!("module {m}, literal #{i}: nested more than {MAX_LITERAL_DEPTH} deep"));
        }
    }
    for (_, lit) in &image.attributes {
        if literal_depth(lit, 0) > MAX_LITERAL_DEPTH {
            return Err(format!("module {m}: an attribute's value is nested more than {MAX_LITERAL_DEPTH} deep"));
        }
    }
    for f in &image.functions {
        FnCheck { image, f }.run().map_err(|(pc, what)| format!("module {m}, function {}/{}, offset {pc}: {what}", f.name, f.arity))?;
    }
    Ok(())
}

/// A module name as Elixir writes it: `Elixir.Foo` → `Foo`, `lists` → `:lists`.
fn module_name(n: &str) -> String {
    match n.strip_prefix("Elixir.") {
        Some(rest) => rest.to_string(),
        None => format!(":{n}"),
    }
}

/// The nesting depth of a literal, stopping early once past the limit.
/// The nesting depth of `l` plus `d` (a scalar at `d == 0` is 0), counted no further than
/// just past [`MAX_LITERAL_DEPTH`], so the recursion stays shallow whatever `l` is.
pub fn literal_depth(l: &Literal, d: usize) -> usize {
    if d > MAX_LITERAL_DEPTH {
        return d;
    }
    let children = |it: &mut dyn Iterator<Item = &Literal>| it.map(|c| literal_depth(c, d + 1)).max().unwrap_or(d);
    match l {
        Literal::List(items, tail) => children(&mut items.iter().chain(std::iter::once(&**tail))),
        Literal::Tuple(items) => children(&mut items.iter()),
        Literal::Map(pairs) => children(&mut pairs.iter().flat_map(|(k, v)| [k, v])),
        _ => d,
    }
}

type Fail = (usize, String);

struct FnCheck<'a> {
    image: &'a ModuleImage,
    f: &'a Function,
}

impl FnCheck<'_> {
    fn run(&self) -> Result<(), Fail> {
        let f = self.f;
        if f.nregs == 0 || f.nregs > u16::MAX as u32 {
            return Err((0, format!("bad register count {} (must be 1..65535)", f.nregs)));
        }
        if f.nregs < f.arity {
            return Err((0, format!("register count {} is below the arity", f.nregs)));
        }
        if f.code.is_empty() {
            return Err((0, "empty function body".into()));
        }
        if f.code.len() >= u32::MAX as usize {
            return Err((0, "function body too long".into()));
        }
        let mut last = 0;
        for &(pc, _) in &f.lines {
            if pc < last || pc as usize > f.code.len() {
                return Err((pc as usize, "line table out of order or past the end of the function".into()));
            }
            last = pc;
        }
        for (pc, op) in f.code.iter().enumerate() {
            self.operands(op).map_err(|what| (pc, what))?;
        }
        self.flow()
    }

    fn reg(&self, r: Reg) -> Result<(), String> {
        if (r.0 as u32) < self.f.nregs {
            Ok(())
        } else {
            Err(format!("register r{} out of range (the function has {} registers)", r.0, self.f.nregs))
        }
    }

    /// An optional register operand: [`Reg::NONE`] or a register of the frame.
    fn opt_reg(&self, r: Reg) -> Result<(), String> {
        if r.is_none() {
            Ok(())
        } else {
            self.reg(r)
        }
    }

    /// `start..start+n` inside the frame.
    fn window(&self, start: Reg, n: usize) -> Result<(), String> {
        if start.0 as usize + n <= self.f.nregs as usize {
            Ok(())
        } else {
            Err(format!("register window r{}..r{} out of range (the function has {} registers)", start.0, start.0 as usize + n, self.f.nregs))
        }
    }

    fn label(&self, l: Label) -> Result<(), String> {
        if (l.0 as usize) < self.f.code.len() {
            Ok(())
        } else if l.is_none() {
            Err("missing jump target".into())
        } else {
            Err(format!("jump target {} outside the function ({} instructions)", l.0, self.f.code.len()))
        }
    }

    /// A guard's fail label: [`Label::NONE`] (raise) or inside the function.
    fn fail_label(&self, l: Label) -> Result<(), String> {
        if l.is_none() {
            Ok(())
        } else {
            self.label(l)
        }
    }

    fn lit(&self, x: LitIdx) -> Result<&Literal, String> {
        self.image
            .literals
            .get(x.0 as usize)
            .ok_or_else(|| format!("literal #{} out of range ({} literals)", x.0, self.image.literals.len()))
    }

    fn atom(&self, x: LitIdx) -> Result<(), String> {
        match self.lit(x)? {
            Literal::Atom(_) => Ok(()),
            _ => Err(format!("literal #{} is not an atom", x.0)),
        }
    }

    fn import(&self, x: ImportIdx, argc: Option<u16>) -> Result<(), String> {
        let i = self
            .image
            .imports
            .get(x.0 as usize)
            .ok_or_else(|| format!("import #{} out of range ({} imports)", x.0, self.image.imports.len()))?;
        match argc {
            Some(n) if n as u32 != i.arity => Err(format!("call passes {n} arguments to import #{} ({}.{}/{})", x.0, module_name(&i.module), i.function, i.arity)),
            _ => Ok(()),
        }
    }

    fn local(&self, func: LocalFn, argc: u16) -> Result<(), String> {
        let callee = self
            .image
            .functions
            .get(func.0 as usize)
            .ok_or_else(|| format!("function #{} out of range ({} functions)", func.0, self.image.functions.len()))?;
        if callee.arity != argc as u32 {
            return Err(format!("call passes {argc} arguments to function #{} ({}/{})", func.0, callee.name, callee.arity));
        }
        Ok(())
    }

    /// Checks every operand of `op` against the function and the module's tables.
    fn operands(&self, op: &Op) -> Result<(), String> {
        let r = |x: &Reg| self.reg(*x);
        let unit = |s: &BinSeg| if s.unit == 0 { Err("bitstring segment with unit 0".to_string()) } else { Ok(()) };
        match op {
            Op::Move { dst, src } | Op::Take { dst, src } | Op::ToStr { dst, src } => {
                r(dst)?;
                r(src)
            }
            Op::Lit { dst, lit } => {
                r(dst)?;
                self.lit(*lit).map(|_| ())
            }
            Op::Int { dst, .. } | Op::Nil { dst } => r(dst),
            Op::Cons { dst, head, tail } => {
                r(dst)?;
                r(head)?;
                r(tail)
            }
            Op::Tuple { dst, start, n } | Op::Concat { dst, start, n } => {
                r(dst)?;
                self.window(*start, *n as usize)
            }
            Op::Map { dst, start, n } => {
                r(dst)?;
                self.window(*start, 2 * *n as usize)
            }
            Op::MapLit { dst, keys, start, n } => {
                r(dst)?;
                self.window(*start, *n as usize)?;
                match self.lit(*keys)? {
                    Literal::Map(pairs) if pairs.len() == *n as usize && pairs.len() <= crate::value::map::FLAT_LIMIT => {
                        Ok(())
                    }
                    _ => Err(format!("literal #{} is not a map of {} keys", keys.0, n)),
                }
            }
            Op::MapPut { dst, map, start, n } | Op::MapUpdate { dst, map, start, n } => {
                r(dst)?;
                r(map)?;
                self.window(*start, 2 * *n as usize)
            }
            Op::Closure { dst, lambda, start, n } => {
                r(dst)?;
                self.window(*start, *n as usize)?;
                let l = self
                    .image
                    .lambdas
                    .get(lambda.0 as usize)
                    .ok_or_else(|| format!("lambda #{} out of range ({} lambdas)", lambda.0, self.image.lambdas.len()))?;
                if l.nfree != *n as u32 {
                    return Err(format!("closure captures {n} variables, lambda #{} has {} free variables", lambda.0, l.nfree));
                }
                Ok(())
            }
            Op::ExtFun { dst, import } => {
                r(dst)?;
                self.import(*import, None)
            }
            Op::Arith { dst, a, b, fail, .. } => {
                r(dst)?;
                r(a)?;
                r(b)?;
                self.fail_label(*fail)
            }
            Op::ArithI { dst, a, fail, .. } | Op::Neg { dst, a, fail } | Op::Not { dst, a, fail } => {
                r(dst)?;
                r(a)?;
                self.fail_label(*fail)
            }
            Op::Cmp { dst, a, b, .. } => {
                r(dst)?;
                r(a)?;
                r(b)
            }
            Op::Jump { target } | Op::RecvNext { target } | Op::RecvWait { target } => self.label(*target),
            Op::JumpIf { cond, target } | Op::JumpUnless { cond, target } => {
                r(cond)?;
                self.label(*target)
            }
            Op::Test { a, b, fail, .. } => {
                r(a)?;
                r(b)?;
                self.label(*fail)
            }
            Op::TestI { a, fail, .. } => {
                r(a)?;
                self.label(*fail)
            }
            Op::IsEqLit { reg, lit, fail } => {
                r(reg)?;
                self.lit(*lit)?;
                self.label(*fail)
            }
            Op::IsType { reg, fail, .. } | Op::IsTupleOf { reg, fail, .. } | Op::IsFunOf { reg, fail, .. } => {
                r(reg)?;
                self.label(*fail)
            }
            Op::IsElemEqLit { src, lit, fail, .. } | Op::IsTaggedTuple { reg: src, lit, fail, .. } => {
                r(src)?;
                self.lit(*lit)?;
                self.label(*fail)
            }
            Op::IsConsGetList { src, head, tail, fail } | Op::IsConsTakeList { src, head, tail, fail } => {
                r(src)?;
                r(head)?;
                r(tail)?;
                self.label(*fail)
            }
            Op::GetList { src, head, tail } => {
                r(src)?;
                r(head)?;
                r(tail)
            }
            Op::GetElem { dst, src, .. } => {
                r(dst)?;
                r(src)
            }
            Op::MapGet { dst, map, key, fail } => {
                r(dst)?;
                r(map)?;
                r(key)?;
                self.label(*fail)
            }
            Op::Field { dst, map, key } => {
                r(dst)?;
                r(map)?;
                self.lit(*key).map(|_| ())
            }
            Op::BinPrefix { src, prefix, rest, fail } => {
                r(src)?;
                r(prefix)?;
                r(rest)?;
                self.label(*fail)
            }
            Op::BsPut { acc, val, size, seg, .. } => {
                unit(seg)?;
                self.window(*acc, 2)?;
                r(val)?;
                self.opt_reg(*size)
            }
            Op::BsFinish { dst, acc } => {
                r(dst)?;
                self.window(*acc, 2)
            }
            Op::BsGet { src, pos, dst, size, fail, seg } => {
                unit(seg)?;
                r(src)?;
                r(pos)?;
                r(dst)?;
                self.opt_reg(*size)?;
                self.label(*fail)
            }
            Op::BsEnd { src, pos, fail } => {
                r(src)?;
                r(pos)?;
                self.label(*fail)
            }
            Op::Call { func, base, argc, dst } => {
                self.local(*func, *argc)?;
                self.window(*base, *argc as usize)?;
                r(dst)
            }
            Op::TailCall { func, base, argc } => {
                self.local(*func, *argc)?;
                self.window(*base, *argc as usize)
            }
            Op::CallRemote { import, base, argc, dst } => {
                self.import(*import, Some(*argc))?;
                self.window(*base, *argc as usize)?;
                r(dst)
            }
            Op::TailCallRemote { import, base, argc } => {
                self.import(*import, Some(*argc))?;
                self.window(*base, *argc as usize)
            }
            Op::CallMod { module, name, base, argc, dst } => {
                r(module)?;
                self.atom(*name)?;
                self.window(*base, *argc as usize)?;
                r(dst)
            }
            Op::TailCallMod { module, name, base, argc } => {
                r(module)?;
                self.atom(*name)?;
                self.window(*base, *argc as usize)
            }
            Op::CallFun { fun, base, argc, dst } => {
                r(fun)?;
                self.window(*base, *argc as usize)?;
                r(dst)
            }
            Op::TailCallFun { fun, base, argc } => {
                r(fun)?;
                self.window(*base, *argc as usize)
            }
            Op::GuardBif { import, base, argc, dst, fail } => {
                self.import(*import, Some(*argc))?;
                self.window(*base, *argc as usize)?;
                r(dst)?;
                self.fail_label(*fail)
            }
            Op::Return { src } => r(src),
            Op::RecvPeek { dst, nomsg } => {
                r(dst)?;
                self.label(*nomsg)
            }
            Op::RecvAccept | Op::TryEnd => Ok(()),
            Op::RecvWaitTimeout { timeout, target } => {
                r(timeout)?;
                self.label(*target)
            }
            Op::Raise { reg, .. } => r(reg),
            Op::TryBegin { handler, dst } => {
                self.label(*handler)?;
                self.window(*dst, 3)
            }
            Op::Reraise { class } => self.window(*class, 3),
        }
    }

    /// Walks every instruction reachable from the entry with the number of open `try`s:
    /// each must be reached with one count, `TryEnd` needs an open `try`, returns and tail
    /// calls need none, and nothing may fall off the end.
    fn flow(&self) -> Result<(), Fail> {
        let code = &self.f.code;
        let mut depth: Vec<Option<u32>> = vec![None; code.len()];
        let mut work = vec![0usize];
        depth[0] = Some(0);
        while let Some(pc) = work.pop() {
            let d = depth[pc].unwrap_or(0);
            let op = &code[pc];
            // (successor, try depth there); `None` successor = fall through.
            let mut next: Vec<(Option<Label>, u32)> = Vec::with_capacity(2);
            match op {
                Op::Jump { target } | Op::RecvNext { target } | Op::RecvWait { target } => next.push((Some(*target), d)),
                Op::JumpIf { target, .. } | Op::JumpUnless { target, .. } | Op::RecvWaitTimeout { target, .. } => {
                    next.push((None, d));
                    next.push((Some(*target), d));
                }
                Op::Test { fail, .. }
                | Op::TestI { fail, .. }
                | Op::ArithI { fail, .. }
                | Op::IsConsGetList { fail, .. }
                | Op::IsConsTakeList { fail, .. }
                | Op::IsElemEqLit { fail, .. }
                | Op::IsTaggedTuple { fail, .. }
                | Op::IsEqLit { fail, .. }
                | Op::IsType { fail, .. }
                | Op::IsTupleOf { fail, .. }
                | Op::IsFunOf { fail, .. }
                | Op::MapGet { fail, .. }
                | Op::BinPrefix { fail, .. }
                | Op::BsGet { fail, .. }
                | Op::BsEnd { fail, .. }
                | Op::Arith { fail, .. }
                | Op::Neg { fail, .. }
                | Op::Not { fail, .. }
                | Op::GuardBif { fail, .. } => {
                    next.push((None, d));
                    if !fail.is_none() {
                        next.push((Some(*fail), d));
                    }
                }
                Op::RecvPeek { nomsg, .. } => {
                    next.push((None, d));
                    next.push((Some(*nomsg), d));
                }
                Op::TryBegin { handler, .. } => {
                    next.push((None, d + 1));
                    next.push((Some(*handler), d));
                }
                Op::TryEnd => {
                    if d == 0 {
                        return Err((pc, "TryEnd without an open try".into()));
                    }
                    next.push((None, d - 1));
                }
                Op::Return { .. } | Op::TailCall { .. } | Op::TailCallRemote { .. } | Op::TailCallMod { .. } | Op::TailCallFun { .. } => {
                    if d != 0 {
                        return Err((pc, format!("{} with {d} try block(s) still open", if matches!(op, Op::Return { .. }) { "return" } else { "tail call" })));
                    }
                }
                Op::Raise { .. } | Op::Reraise { .. } => {}
                _ => next.push((None, d)),
            }
            for (to, nd) in next {
                let t = match to {
                    Some(l) => l.0 as usize,
                    None if pc + 1 < code.len() => pc + 1,
                    None => return Err((pc, "execution can fall off the end of the function".into())),
                };
                match depth[t] {
                    None => {
                        depth[t] = Some(nd);
                        work.push(t);
                    }
                    Some(old) if old != nd => {
                        return Err((t, format!("reached with {old} and with {nd} open try blocks (unbalanced catch stack)")));
                    }
                    Some(_) => {}
                }
            }
        }
        Ok(())
    }
}
