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

use super::facts;
use super::image::{Function, Literal, ModuleImage};
use super::isa::{Flags, Imm, Kind, Val};
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

    /// Checks every operand of `op` against the function and the module's tables, by its
    /// kind (see [`super::isa::Kind`]).
    fn operands(&self, op: &Op) -> Result<(), String> {
        for o in op.operands() {
            match (o.kind, o.val) {
                (Kind::Src | Kind::Read | Kind::Dst | Kind::DstOk | Kind::DstIf | Kind::SrcMoved | Kind::ReadMoved, Val::Reg(r)) => self.reg(r)?,
                (Kind::OptRead, Val::Reg(r)) => self.opt_reg(r)?,
                (Kind::Win | Kind::Args | Kind::Pair | Kind::PairMoved | Kind::Triple | Kind::TripleOut, Val::Reg(r)) => self.window(r, o.window_len())?,
                (Kind::Target | Kind::Branch, Val::Label(l)) => self.label(l)?,
                (Kind::Fail, Val::Label(l)) => self.fail_label(l)?,
                (Kind::Lit, Val::Lit(x)) => self.lit(x).map(|_| ())?,
                (Kind::Atom, Val::Lit(x)) => self.atom(x)?,
                (Kind::Keys, Val::Lit(x)) => match self.lit(x)? {
                    Literal::Map(pairs) if pairs.len() == o.arg && pairs.len() <= crate::value::map::FLAT_LIMIT => {}
                    _ => return Err(format!("literal #{} is not a map of {} keys", x.0, o.arg)),
                },
                (Kind::Import, Val::Import(x)) => self.import(x, None)?,
                (Kind::ImportArgs, Val::Import(x)) => self.import(x, Some(o.arg as u16))?,
                (Kind::Local, Val::Local(f)) => self.local(f, o.arg as u16)?,
                (Kind::Lambda, Val::Lambda(x)) => {
                    let l = self
                        .image
                        .lambdas
                        .get(x.0 as usize)
                        .ok_or_else(|| format!("lambda #{} out of range ({} lambdas)", x.0, self.image.lambdas.len()))?;
                    if l.nfree as usize != o.arg {
                        return Err(format!("closure captures {} variables, lambda #{} has {} free variables", o.arg, x.0, l.nfree));
                    }
                }
                (Kind::Seg, Val::Imm(Imm::Seg(s))) => {
                    if s.unit == 0 {
                        return Err("bitstring segment with unit 0".to_string());
                    }
                }
                (Kind::Imm | Kind::Count, Val::Imm(_)) => {}
                (k, v) => return Err(format!("instruction {} declares a {k:?} operand holding {v:?}", op.info().name)),
            }
        }
        Ok(())
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
            let flags = op.info().flags;
            if flags.has(Flags::RETURN) || flags.has(Flags::TAIL) {
                if d != 0 {
                    return Err((pc, format!("{} with {d} try block(s) still open", if flags.has(Flags::RETURN) { "return" } else { "tail call" })));
                }
            }
            if !flags.has(Flags::ENDS) {
                let fall = match op {
                    Op::TryBegin { .. } => d + 1,
                    Op::TryEnd if d == 0 => return Err((pc, "TryEnd without an open try".into())),
                    Op::TryEnd => d - 1,
                    _ => d,
                };
                next.push((None, fall));
            }
            for l in facts::labels(op) {
                if !l.is_none() {
                    next.push((Some(l), d));
                }
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
