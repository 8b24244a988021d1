//! Pattern compilation: a pattern against a register becomes type tests and destructuring
//! that jump to `fail` when the value does not match, and bind variables to registers.
//!
//! A variable binds by aliasing the register that holds the matched value (registers are
//! never overwritten while a variable refers to them, see `scope`); a repeated variable in the
//! same pattern tests strict equality (`=:=`); `^x` tests strict equality with the value `x`
//! had before the match.

use super::consts::{bar_args, const_eval};
use super::func::FnCx;
use super::{err, unsupported, R};
use crate::ast::Ast;
use retort_vm::bytecode::{CmpOp, Label, Literal, Op, Reg, TypeTest};
use std::collections::{HashMap, HashSet};

/// The variables of one pattern (or of the several patterns of one clause head).
pub(crate) struct PState {
    bound: HashSet<String>,
    pins: HashMap<String, Reg>,
}

fn has_map(l: &Literal) -> bool {
    match l {
        Literal::Map(_) => true,
        Literal::List(items, t) => items.iter().any(has_map) || has_map(t),
        Literal::Tuple(items) => items.iter().any(has_map),
        _ => false,
    }
}

/// `_` and `_name`: matches anything, binds nothing.
pub(crate) fn is_ignored(p: &Ast) -> bool {
    matches!(p, Ast::Node { args: None, .. }) && p.head_name().map_or(false, |n| n.starts_with('_') && !n.starts_with("__"))
}

impl<'a, 'u> FnCx<'a, 'u> {
    /// Matches the patterns against their registers, as one pattern scope.
    pub fn match_many(&mut self, pats: &[(&Ast, Reg)], fail: Label) -> R<()> {
        let mut st = PState { bound: HashSet::new(), pins: self.s.vars.clone() };
        for (p, r) in pats {
            self.pattern(p, *r, fail, &mut st)?;
        }
        Ok(())
    }

    /// Matches one pattern against `src`.
    pub fn match_one(&mut self, p: &Ast, src: Reg, fail: Label) -> R<()> {
        self.match_many(&[(p, src)], fail)
    }

    pub(crate) fn pattern(&mut self, p: &Ast, src: Reg, fail: Label, st: &mut PState) -> R<()> {
        if is_ignored(p) {
            return Ok(());
        }
        if let Some(l) = const_eval(p, &self.env) {
            if !has_map(&l) {
                if l == Literal::Nil {
                    self.e.emit(Op::IsType { ty: TypeTest::Nil, reg: src, fail });
                } else {
                    let lit = self.m.pools.lit(l);
                    self.e.emit(Op::IsEqLit { reg: src, lit, fail });
                }
                return Ok(());
            }
        }
        let span = p.span();
        match p {
            Ast::Node { args: None, .. } => {
                let name = p.head_name().unwrap_or("");
                if name.starts_with("__") && name.ends_with("__") {
                    return Err(unsupported(format!("{} in a pattern", name), span));
                }
                if st.bound.contains(name) {
                    if let Some(r) = self.s.get(name) {
                        self.e.emit(Op::Test { op: CmpOp::StrictEq, a: src, b: r, fail });
                    }
                } else {
                    st.bound.insert(name.to_string());
                    self.s.bind(name, src);
                }
                Ok(())
            }
            Ast::List(items) => self.list_pattern(items, None, src, fail, st),
            Ast::Pair(a, b) => {
                self.e.emit(Op::IsTupleOf { reg: src, arity: 2, fail });
                self.elems(&[a, b], src, fail, st)
            }
            Ast::Node { args: Some(args), .. } => {
                let name = p.head_name().unwrap_or("");
                match (name, args.as_slice()) {
                    ("{}", items) => {
                        self.e.emit(Op::IsTupleOf { reg: src, arity: items.len() as u32, fail });
                        let v: Vec<&Ast> = items.iter().collect();
                        self.elems(&v, src, fail, st)
                    }
                    ("^", [v]) => {
                        let vn = v.head_name().unwrap_or("");
                        match (v, st.pins.get(vn)) {
                            (Ast::Node { args: None, .. }, Some(&r)) => {
                                self.e.emit(Op::Test { op: CmpOp::StrictEq, a: src, b: r, fail });
                                Ok(())
                            }
                            (Ast::Node { args: None, .. }, None) => Err(err(format!("undefined variable ^{vn}. No variable \"{vn}\" has been defined before the current pattern"), span)),
                            _ => Err(err("invalid argument for unary operator ^, expected an existing variable", span)),
                        }
                    }
                    ("=", [a, b]) => {
                        self.pattern(a, src, fail, st)?;
                        self.pattern(b, src, fail, st)
                    }
                    ("%{}", pairs) => {
                        self.e.emit(Op::IsType { ty: TypeTest::Map, reg: src, fail });
                        self.map_pairs(pairs, src, fail, st)
                    }
                    ("%", [s, map]) => {
                        self.e.emit(Op::IsType { ty: TypeTest::Map, reg: src, fail });
                        let pairs = match map {
                            Ast::Node { args: Some(pairs), .. } if map.head_name() == Some("%{}") => pairs,
                            _ => return Err(unsupported("struct pattern", span)),
                        };
                        let key = self.m.pools.lit(Literal::Atom("__struct__".into()));
                        let kr = self.s.alloc();
                        self.e.emit(Op::Lit { dst: kr, lit: key });
                        let vr = self.s.alloc();
                        self.e.emit(Op::MapGet { dst: vr, map: src, key: kr, fail });
                        self.pattern(s, vr, fail, st)?;
                        self.map_pairs(pairs, src, fail, st)
                    }
                    ("<>", [prefix, rest]) => {
                        let Some(Literal::Binary(b)) = const_eval(prefix, &self.env) else {
                            return Err(err("the left argument of <> must be a binary literal in a pattern", span));
                        };
                        let lit = self.m.pools.lit(Literal::Binary(b));
                        let pr = self.s.alloc();
                        self.e.emit(Op::Lit { dst: pr, lit });
                        let rr = self.s.alloc();
                        self.e.emit(Op::BinPrefix { src, prefix: pr, rest: rr, fail });
                        self.pattern(rest, rr, fail, st)
                    }
                    ("++", [Ast::List(items), rest]) => self.list_pattern(items, Some(rest), src, fail, st),
                    ("<<>>", parts) => self.bitstring_pattern(parts, src, fail, st),
                    // `first..last` and `first..last//step` match the fields of a `Range` struct.
                    ("..", [a, b]) | ("..//", [a, b, _]) => {
                        let meta = crate::ast::Meta { span, no_parens: false };
                        let mut pairs = vec![
                            Ast::Pair(Box::new(Ast::Atom("__struct__".into())), Box::new(Ast::Atom("Elixir.Range".into()))),
                            Ast::Pair(Box::new(Ast::Atom("first".into())), Box::new(a.clone())),
                            Ast::Pair(Box::new(Ast::Atom("last".into())), Box::new(b.clone())),
                        ];
                        if let [_, _, step] = args.as_slice() {
                            pairs.push(Ast::Pair(Box::new(Ast::Atom("step".into())), Box::new(step.clone())));
                        }
                        self.pattern(&Ast::node("%{}", meta, pairs), src, fail, st)
                    }
                    // `~D[...]` & co. match the struct's fields (see `sigil_calendar.rs`).
                    (s, [Ast::Node { args: Some(parts), .. }, _]) if matches!(s, "sigil_D" | "sigil_T" | "sigil_N" | "sigil_U") => {
                        let meta = crate::ast::Meta { span, no_parens: false };
                        let text = match parts.as_slice() {
                            [t @ Ast::Str(_)] => t.text().unwrap_or_default(),
                            [] => "".into(),
                            _ => return Err(unsupported("this sigil in a pattern", span)),
                        };
                        match super::sigil_calendar::calendar_sigil(&s[6..], &text, meta) {
                            Some(ast) if ast.head_name() == Some("%{}") => self.pattern(&ast, src, fail, st),
                            _ => Err(err(format!("invalid ~{} literal in a pattern: {}", &s[6..], text), span)),
                        }
                    }
                    // A macro call in a pattern (a `defmacro` imported or required): its
                    // expansion is the pattern, as in Elixir.
                    _ if crate::expand::find_macro(p, &self.env).is_some() => {
                        let Some((module, mname, args)) = crate::expand::find_macro(p, &self.env) else { return Err(unsupported("pattern", span)) };
                        let _depth = crate::expand::Depth::enter(span)?;
                        let caller = self.m.module.clone();
                        let file = self.m.unit.file.clone();
                        let x = crate::expand::expand_call(&module, &mname, &args, caller.as_deref(), None, &file, span)?;
                        self.pattern(&x, src, fail, st)
                    }
                    _ => Err(match name {
                        "when" => err("invalid use of when in a pattern", span),
                        _ => unsupported(format!("this expression in a pattern ({})", crate::codegen::expr::describe(p)), span),
                    }),
                }
            }
            _ => Err(unsupported("pattern", span)),
        }
    }

    fn elems(&mut self, items: &[&Ast], src: Reg, fail: Label, st: &mut PState) -> R<()> {
        for (i, it) in items.iter().enumerate() {
            if is_ignored(it) {
                continue;
            }
            let r = self.s.alloc();
            self.e.emit(Op::GetElem { dst: r, src, idx: i as u32 });
            self.pattern(it, r, fail, st)?;
        }
        Ok(())
    }

    fn map_pairs(&mut self, pairs: &[Ast], src: Reg, fail: Label, st: &mut PState) -> R<()> {
        for pr in pairs {
            let Ast::Pair(k, v) = pr else { return Err(unsupported("map pattern entry", pr.span())) };
            let kr = if let Some(l) = const_eval(k, &self.env) {
                let lit = self.m.pools.lit(l);
                let kr = self.s.alloc();
                self.e.emit(Op::Lit { dst: kr, lit });
                kr
            } else if let (Some("^"), Ast::Node { args: Some(a), .. }) = (k.head_name(), &**k) {
                match a.first().and_then(|v| v.head_name()).and_then(|n| st.pins.get(n)) {
                    Some(&r) => r,
                    None => return Err(err("undefined variable in pinned map key", k.span())),
                }
            } else {
                return Err(err("illegal map key in pattern: only literals and pinned variables are allowed", k.span()));
            };
            let vr = self.s.alloc();
            self.e.emit(Op::MapGet { dst: vr, map: src, key: kr, fail });
            self.pattern(v, vr, fail, st)?;
        }
        Ok(())
    }

    fn list_pattern(&mut self, items: &[Ast], tail: Option<&Ast>, src: Reg, fail: Label, st: &mut PState) -> R<()> {
        let mut cur = src;
        for (i, it) in items.iter().enumerate() {
            let (h, t) = match bar_args(it) {
                Some([h, t]) if i + 1 == items.len() && tail.is_none() => (h, Some(t)),
                _ => (it, None),
            };
            self.e.emit(Op::IsType { ty: TypeTest::Cons, reg: cur, fail });
            let hr = self.s.alloc();
            let tr = self.s.alloc();
            self.e.emit(Op::GetList { src: cur, head: hr, tail: tr });
            self.pattern(h, hr, fail, st)?;
            cur = tr;
            if let Some(t) = t {
                return self.pattern(t, cur, fail, st);
            }
        }
        match tail {
            Some(t) => self.pattern(t, cur, fail, st),
            None => {
                self.e.emit(Op::IsType { ty: TypeTest::Nil, reg: cur, fail });
                Ok(())
            }
        }
    }
}
