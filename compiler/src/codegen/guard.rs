//! Guards: a guard expression compiles to tests that jump to `fail` when it does not hold
//! (or raises: an error inside a guard also jumps to `fail`).

use super::consts::const_eval;
use super::func::{Dest, FnCx};
use super::{err, R};
use crate::ast::Ast;
use retort_vm::bytecode::{CmpOp, Label, Literal, Op, Reg, TypeTest};

/// The comparison operator named `name`.
pub(crate) fn cmp_op(name: &str) -> Option<CmpOp> {
    Some(match name {
        "==" => CmpOp::Eq,
        "!=" => CmpOp::Ne,
        "===" => CmpOp::StrictEq,
        "!==" => CmpOp::StrictNe,
        "<" => CmpOp::Lt,
        "<=" => CmpOp::Le,
        ">" => CmpOp::Gt,
        ">=" => CmpOp::Ge,
        _ => return None,
    })
}

/// The type test of a one-argument `is_*` guard.
pub(crate) fn type_test(name: &str) -> Option<TypeTest> {
    Some(match name {
        "is_integer" => TypeTest::Integer,
        "is_float" => TypeTest::Float,
        "is_number" => TypeTest::Number,
        "is_atom" => TypeTest::Atom,
        "is_boolean" => TypeTest::Boolean,
        "is_binary" | "is_bitstring" => TypeTest::Binary,
        "is_list" => TypeTest::List,
        "is_tuple" => TypeTest::Tuple,
        "is_map" => TypeTest::Map,
        "is_pid" => TypeTest::Pid,
        "is_reference" => TypeTest::Reference,
        "is_function" => TypeTest::Function,
        _ => return None,
    })
}

impl<'a, 'u> FnCx<'a, 'u> {
    /// Compiles guard `g`: falls through when it is true, jumps to `fail` otherwise.
    pub fn guard(&mut self, g: &Ast, fail: Label) -> R<()> {
        let saved = self.guard_fail.replace(fail);
        let mark = self.s.mark();
        let r = self.test(g, fail);
        self.s.release(mark);
        self.guard_fail = saved;
        r
    }

    /// A condition as a test: falls through when `g` is `true`, jumps to `fail` otherwise.
    /// Outside guards this is only used for forms that cannot raise.
    pub fn test(&mut self, g: &Ast, fail: Label) -> R<()> {
        if let Some(x) = self.expand_defguard(g, self.guard_fail.is_some()) {
            let _depth = super::defguard::Depth::enter(g.span())?;
            return self.test(&x, fail);
        }
        if let Ast::Node { args: Some(args), .. } = g {
            let name = g.head_name().unwrap_or("");
            match (name, args.as_slice()) {
                ("when", [a, b]) | ("or", [a, b]) | ("||", [a, b]) if name == "when" || self.bool_form(a) => {
                    let other = self.e.label();
                    let ok = self.e.label();
                    self.test(a, other)?;
                    self.e.emit(Op::Jump { target: ok });
                    self.e.bind(other);
                    self.test(b, fail)?;
                    self.e.bind(ok);
                    return Ok(());
                }
                ("and", [a, b]) | ("&&", [a, b]) => {
                    self.test(a, fail)?;
                    return self.test(b, fail);
                }
                // `not 1` raises (so the guard fails): only a form known to give a boolean
                // takes the jump-only path.
                ("not", [x]) | ("!", [x]) if self.bool_form(x) => {
                    let ok = self.e.label();
                    self.test(x, ok)?;
                    self.e.emit(Op::Jump { target: fail });
                    self.e.bind(ok);
                    return Ok(());
                }
                ("in", [x, rhs]) => {
                    if self.in_test(x, rhs, fail)? {
                        return Ok(());
                    }
                }
                ("==", [t, n]) | ("===", [t, n]) if t.head_name() == Some("tuple_size") => {
                    if let (Ast::Node { args: Some(ta), .. }, Some(Literal::Int(k))) = (t, const_eval(n, &self.env)) {
                        if ta.len() == 1 && k >= 0 && self.s.get("tuple_size").is_none() && !self.is_local("tuple_size", 1) {
                            let r = self.operand(&ta[0])?;
                            self.e.emit(Op::IsTupleOf { reg: r, arity: k as u32, fail });
                            return Ok(());
                        }
                    }
                }
                _ => {}
            }
            if let Some(op) = cmp_op(name) {
                if args.len() == 2 {
                    let a = self.operand(&args[0])?;
                    let b = self.operand(&args[1])?;
                    self.e.emit(Op::Test { op, a, b, fail });
                    return Ok(());
                }
            }
            if !self.is_local(name, args.len() as u32) {
                if let (Some(ty), [x]) = (type_test(name), args.as_slice()) {
                    let r = self.operand(x)?;
                    self.e.emit(Op::IsType { ty, reg: r, fail });
                    return Ok(());
                }
                if let ("is_function", [f, n]) = (name, args.as_slice()) {
                    if let Some(Literal::Int(k)) = const_eval(n, &self.env) {
                        let r = self.operand(f)?;
                        self.e.emit(Op::IsFunOf { reg: r, arity: k.max(0) as u32, fail });
                        return Ok(());
                    }
                }
                if let ("is_nil", [x]) = (name, args.as_slice()) {
                    let r = self.operand(x)?;
                    let lit = self.m.pools.lit(Literal::Atom("nil".into()));
                    self.e.emit(Op::IsEqLit { reg: r, lit, fail });
                    return Ok(());
                }
            }
        }
        match const_eval(g, &self.env) {
            Some(Literal::Atom(a)) if a == "true" => return Ok(()),
            Some(Literal::Atom(a)) if a == "false" => {
                self.e.emit(Op::Jump { target: fail });
                return Ok(());
            }
            _ => {}
        }
        let mark = self.s.mark();
        let r = self.s.alloc();
        self.expr(g, Dest::Reg(r))?;
        let lit = self.m.pools.lit(Literal::Atom("true".into()));
        self.e.emit(Op::IsEqLit { reg: r, lit, fail });
        self.s.release(mark);
        Ok(())
    }

    /// `x in <literal list or range>` as a test; `Ok(false)` when the right side is not one.
    /// Whether `in_test` compiles `x in lit` inline: `nil`, a proper list, or a range with a
    /// non-zero step (anything else goes through `Enum.member?/2` outside guards).
    pub fn in_inline_literal(l: &Literal) -> bool {
        match l {
            Literal::Nil => true,
            Literal::List(_, t) => **t == Literal::Nil,
            Literal::Map(pairs) if pairs.len() == 4 => {
                let get = |k: &str| pairs.iter().find(|(kk, _)| *kk == Literal::Atom(k.into())).map(|(_, v)| v.clone());
                matches!(
                    (get("__struct__"), get("first"), get("last"), get("step")),
                    (Some(Literal::Atom(s)), Some(Literal::Int(_)), Some(Literal::Int(_)), Some(Literal::Int(st))) if s == "Elixir.Range" && st != 0
                )
            }
            _ => false,
        }
    }

    pub fn in_test(&mut self, x: &Ast, rhs: &Ast, fail: Label) -> R<bool> {
        if let Some(l) = const_eval(rhs, &self.env) {
            match &l {
                Literal::Nil => {
                    self.e.emit(Op::Jump { target: fail });
                    return Ok(true);
                }
                Literal::List(items, t) if **t == Literal::Nil => {
                    let xr = self.operand(x)?;
                    let ok = self.e.label();
                    for (i, it) in items.iter().enumerate() {
                        let lit = self.m.pools.lit(it.clone());
                        if i + 1 == items.len() {
                            self.e.emit(Op::IsEqLit { reg: xr, lit, fail });
                        } else {
                            let next = self.e.label();
                            self.e.emit(Op::IsEqLit { reg: xr, lit, fail: next });
                            self.e.emit(Op::Jump { target: ok });
                            self.e.bind(next);
                        }
                    }
                    self.e.bind(ok);
                    return Ok(true);
                }
                Literal::Map(pairs) if pairs.len() == 4 => {
                    let get = |k: &str| pairs.iter().find(|(kk, _)| *kk == Literal::Atom(k.into())).map(|(_, v)| v.clone());
                    if let (Some(Literal::Atom(s)), Some(Literal::Int(a)), Some(Literal::Int(b)), Some(Literal::Int(st))) =
                        (get("__struct__"), get("first"), get("last"), get("step"))
                    {
                        if s == "Elixir.Range" && st != 0 {
                            // first..last//step: an integer between the bounds whose distance from
                            // `first` is a multiple of the step (an empty range holds nothing).
                            if (st > 0 && a > b) || (st < 0 && a < b) {
                                self.e.emit(Op::Jump { target: fail });
                                return Ok(true);
                            }
                            let (lo, hi) = if st > 0 { (a, b) } else { (b, a) };
                            let xr = self.operand(x)?;
                            self.e.emit(Op::IsType { ty: TypeTest::Integer, reg: xr, fail });
                            let lo_r = self.int_reg(lo);
                            let hi_r = self.int_reg(hi);
                            self.e.emit(Op::Test { op: CmpOp::Ge, a: xr, b: lo_r, fail });
                            self.e.emit(Op::Test { op: CmpOp::Le, a: xr, b: hi_r, fail });
                            if st != 1 && st != -1 {
                                let meta = rhs.meta().cloned().unwrap_or_default();
                                let diff = Ast::node("-", meta.clone(), vec![x.clone(), Ast::Int(a)]);
                                let r = Ast::node("rem", meta.clone(), vec![diff, Ast::Int(st)]);
                                let g = Ast::node("===", meta, vec![r, Ast::Int(0)]);
                                self.test(&g, fail)?;
                            }
                            return Ok(true);
                        }
                    }
                }
                _ => {}
            }
        }
        if let Ast::Node { args: Some(ra), .. } = rhs {
            if rhs.head_name() == Some("..") && ra.len() == 2 && self.guard_fail.is_some() {
                // x in a..b with run-time bounds, as Elixir 1.14's guard (Kernel.in/2): integers
                // all three, and the range increasing (a <= b) or decreasing (a > b).
                let xr = self.operand(x)?;
                self.e.emit(Op::IsType { ty: TypeTest::Integer, reg: xr, fail });
                let a = self.operand(&ra[0])?;
                self.e.emit(Op::IsType { ty: TypeTest::Integer, reg: a, fail });
                let b = self.operand(&ra[1])?;
                self.e.emit(Op::IsType { ty: TypeTest::Integer, reg: b, fail });
                let down = self.e.label();
                let ok = self.e.label();
                self.e.emit(Op::Test { op: CmpOp::Le, a, b, fail: down });
                self.e.emit(Op::Test { op: CmpOp::Ge, a: xr, b: a, fail });
                self.e.emit(Op::Test { op: CmpOp::Le, a: xr, b, fail });
                self.e.emit(Op::Jump { target: ok });
                self.e.bind(down);
                self.e.emit(Op::Test { op: CmpOp::Le, a: xr, b: a, fail });
                self.e.emit(Op::Test { op: CmpOp::Ge, a: xr, b, fail });
                self.e.bind(ok);
                return Ok(true);
            }
        }
        if self.guard_fail.is_some() {
            return Err(err(
                format!(
                    "invalid right argument for operator \"in\", it expects a compile-time proper list or compile-time range on the right side when used in guard expressions, got: {}",
                    super::exunit::to_string(rhs)
                ),
                rhs.span(),
            ));
        }
        Ok(false)
    }

    /// Whether `g` always evaluates to a boolean (or raises), so that testing it for `true`
    /// and jumping otherwise is the same as evaluating it.
    pub(crate) fn bool_form(&self, g: &Ast) -> bool {
        match g {
            Ast::Atom(a) => a == "true" || a == "false",
            Ast::Node { args: Some(args), .. } => {
                let name = g.head_name().unwrap_or("");
                if self.is_local(name, args.len() as u32) {
                    return false;
                }
                match (name, args.as_slice()) {
                    ("and" | "or", [a, b]) => self.bool_form(a) && self.bool_form(b),
                    ("not", [x]) => self.bool_form(x),
                    ("in" | "is_function" | "is_nil", _) => true,
                    _ => cmp_op(name).is_some() && args.len() == 2 || type_test(name).is_some() && args.len() == 1,
                }
            }
            _ => false,
        }
    }

    /// A register holding the integer `v`.
    pub fn int_reg(&mut self, v: i64) -> Reg {
        let r = self.s.alloc();
        self.load_lit(Literal::Int(v), r);
        r
    }
}
