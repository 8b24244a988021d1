//! The verifier: every module image is checked before it can run, so a corrupt or hostile
//! image is an error, never a panic or an out-of-bounds access. It checks that register,
//! literal, import, lambda, function and label operands are in range, that exports and lambdas
//! point at functions of the right arity, and that no function can fall off its end.
//! Errors name the module, the function and the offset.

use super::image::ModuleImage;
use super::op::*;

/// Verifies `image`; `Err` describes the first problem found.
pub fn verify(image: &ModuleImage) -> Result<(), String> {
    let nf = image.functions.len();
    for (i, e) in image.exports.iter().enumerate() {
        let f = image.functions.get(e.function as usize).ok_or_else(|| format!("{}: export {} points at missing function {}", image.name, i, e.function))?;
        if f.arity != e.arity {
            return Err(format!("{}: export {}/{} has arity mismatch with function {}", image.name, e.name, e.arity, f.name));
        }
    }
    for (i, l) in image.lambdas.iter().enumerate() {
        let f = image.functions.get(l.function as usize).ok_or_else(|| format!("{}: lambda {} points at missing function", image.name, i))?;
        if f.arity != l.arity + l.nfree {
            return Err(format!("{}: lambda {} arity {}+{} does not match function {}/{}", image.name, i, l.arity, l.nfree, f.name, f.arity));
        }
    }
    for f in &image.functions {
        let nregs = f.nregs as usize;
        let len = f.code.len();
        let err = |pc: usize, what: &str| Err(format!("{}: function {}/{} at offset {}: {}", image.name, f.name, f.arity, pc, what));
        if nregs < f.arity as usize || nregs == 0 || nregs > u16::MAX as usize {
            return err(0, "bad register count");
        }
        if len == 0 {
            return err(0, "empty function");
        }
        match f.code.last() {
            Some(Op::Return { .. } | Op::Jump { .. } | Op::TailCall { .. } | Op::TailCallRemote { .. } | Op::TailCallMod { .. } | Op::TailCallFun { .. } | Op::Raise { .. } | Op::Reraise { .. } | Op::RecvWait { .. } | Op::RecvNext { .. }) => {}
            _ => return err(len - 1, "function can fall off its end"),
        }
        for (pc, op) in f.code.iter().enumerate() {
            let r = |r: &Reg| (r.0 as usize) < nregs;
            let rr = |r: &Reg, n: usize| (r.0 as usize) + n <= nregs;
            let l = |l: &Label| (l.0 as usize) < len;
            let lf = |l: &Label| l.is_none() || (l.0 as usize) < len;
            let lit = |x: &LitIdx| (x.0 as usize) < image.literals.len();
            let imp = |x: &ImportIdx| (x.0 as usize) < image.imports.len();
            let ok = match op {
                Op::Move { dst, src } => r(dst) && r(src),
                Op::Lit { dst, lit: x } => r(dst) && lit(x),
                Op::Int { dst, .. } | Op::Nil { dst } => r(dst),
                Op::Cons { dst, head, tail } => r(dst) && r(head) && r(tail),
                Op::Tuple { dst, start, n } | Op::Concat { dst, start, n } => r(dst) && rr(start, *n as usize),
                Op::Map { dst, start, n } => r(dst) && rr(start, 2 * *n as usize),
                Op::MapPut { dst, map, start, n } | Op::MapUpdate { dst, map, start, n } => r(dst) && r(map) && rr(start, 2 * *n as usize),
                Op::ToStr { dst, src } => r(dst) && r(src),
                Op::Closure { dst, lambda, start, n } => {
                    r(dst) && rr(start, *n as usize) && image.lambdas.get(lambda.0 as usize).map(|l| l.nfree == *n as u32).unwrap_or(false)
                }
                Op::ExtFun { dst, import } => r(dst) && imp(import),
                Op::Arith { dst, a, b, fail, .. } => r(dst) && r(a) && r(b) && lf(fail),
                Op::Neg { dst, a, fail } | Op::Not { dst, a, fail } => r(dst) && r(a) && lf(fail),
                Op::Cmp { dst, a, b, .. } => r(dst) && r(a) && r(b),
                Op::Jump { target } => l(target),
                Op::JumpIf { cond, target } | Op::JumpUnless { cond, target } => r(cond) && l(target),
                Op::Test { a, b, fail, .. } => r(a) && r(b) && l(fail),
                Op::IsEqLit { reg, lit: x, fail } => r(reg) && lit(x) && l(fail),
                Op::IsType { reg, fail, .. } | Op::IsTupleOf { reg, fail, .. } | Op::IsFunOf { reg, fail, .. } => r(reg) && l(fail),
                Op::GetList { src, head, tail } => r(src) && r(head) && r(tail),
                Op::GetElem { dst, src, .. } => r(dst) && r(src),
                Op::MapGet { dst, map, key, fail } => r(dst) && r(map) && r(key) && l(fail),
                Op::Field { dst, map, key } => r(dst) && r(map) && lit(key),
                Op::BinPrefix { src, prefix, rest, fail } => r(src) && r(prefix) && r(rest) && l(fail),
                Op::BsPut { acc, val, size, seg, .. } => rr(acc, 2) && r(val) && (size.is_none() || r(size)) && seg.unit > 0,
                Op::BsFinish { dst, acc } => r(dst) && rr(acc, 2),
                Op::BsGet { src, pos, dst, size, seg, fail } => r(src) && r(pos) && r(dst) && (size.is_none() || r(size)) && seg.unit > 0 && l(fail),
                Op::BsEnd { src, pos, fail } => r(src) && r(pos) && l(fail),
                Op::Call { func, base, argc, dst } => (func.0 as usize) < nf && image.functions[func.0 as usize].arity == *argc as u32 && rr(base, *argc as usize) && r(dst),
                Op::TailCall { func, base, argc } => (func.0 as usize) < nf && image.functions[func.0 as usize].arity == *argc as u32 && rr(base, *argc as usize),
                Op::CallRemote { import, base, argc, dst } => imp(import) && image.imports[import.0 as usize].arity == *argc as u32 && rr(base, *argc as usize) && r(dst),
                Op::TailCallRemote { import, base, argc } => imp(import) && image.imports[import.0 as usize].arity == *argc as u32 && rr(base, *argc as usize),
                Op::CallMod { module, name, base, argc, dst } => r(module) && lit(name) && rr(base, *argc as usize) && r(dst),
                Op::TailCallMod { module, name, base, argc } => r(module) && lit(name) && rr(base, *argc as usize),
                Op::CallFun { fun, base, argc, dst } => r(fun) && rr(base, *argc as usize) && r(dst),
                Op::TailCallFun { fun, base, argc } => r(fun) && rr(base, *argc as usize),
                Op::GuardBif { import, base, argc, dst, fail } => imp(import) && rr(base, *argc as usize) && r(dst) && lf(fail),
                Op::Return { src } => r(src),
                Op::RecvPeek { dst, nomsg } => r(dst) && l(nomsg),
                Op::RecvNext { target } | Op::RecvWait { target } => l(target),
                Op::RecvAccept | Op::TryEnd => true,
                Op::RecvWaitTimeout { timeout, target } => r(timeout) && l(target),
                Op::Raise { reg, .. } => r(reg),
                Op::TryBegin { handler, dst } => l(handler) && rr(dst, 3),
                Op::Reraise { class } => rr(class, 3),
            };
            if !ok {
                return err(pc, &format!("operand out of range in {op:?}"));
            }
        }
    }
    Ok(())
}
