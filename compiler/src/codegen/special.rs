//! Special forms: `if`/`unless`, `case`, `cond`, `with`, `try`, `receive`, and the raising
//! forms `raise`/`reraise`/`throw`/`exit`.

use super::expr::remote_ast;
use super::func::{arrow_clauses, split_when_list, Clause, Dest, FnCx};
use super::guard::{cmp_op, type_test};
use super::{err, unsupported, R};
use crate::ast::{Ast, Meta, Span};
use retort_vm::bytecode::{Label, Literal, Op, RaiseKind, Reg};

/// The value of `key` in a trailing keyword list `[do: ..., else: ...]`.
pub(crate) fn kw_get<'x>(kw: &'x Ast, key: &str) -> Option<&'x Ast> {
    match kw {
        Ast::List(items) => items.iter().find_map(|p| match p {
            Ast::Pair(k, v) if **k == Ast::Atom(key.to_string()) => Some(&**v),
            _ => None,
        }),
        _ => None,
    }
}

/// Splits `args` into leading arguments and the trailing `do` keyword list.
pub(crate) fn split_do(args: &[Ast]) -> Option<(&[Ast], &Ast)> {
    let (last, rest) = args.split_last()?;
    kw_get(last, "do")?;
    Some((rest, last))
}

impl<'a, 'u> FnCx<'a, 'u> {
    pub fn special(&mut self, name: &str, args: &[Ast], span: Span, d: Dest) -> R<()> {
        let Some((pos, kw)) = split_do(args) else {
            return Err(err(format!("missing :do option in \"{}\"", name), span));
        };
        let do_body = kw_get(kw, "do").unwrap_or(kw);
        match (name, pos) {
            ("if" | "unless", [c]) => {
                let nil = Ast::Atom("nil".into());
                let other = kw_get(kw, "else").unwrap_or(&nil);
                let (t, f) = if name == "if" { (do_body, other) } else { (other, do_body) };
                self.if_expr(c, t, f, d)
            }
            ("case", [subject]) => {
                let clauses = arrow_clauses(do_body, "case", span)?;
                let mark = self.s.mark();
                let r = self.operand(subject)?;
                self.e.line(span);
                self.match_clauses(r, &clauses, d, None, NoMatch::Raise(RaiseKind::CaseClause), span)?;
                self.s.release(mark);
                Ok(())
            }
            ("cond", []) => self.cond_expr(do_body, span, d),
            ("receive", []) => self.receive_expr(do_body, kw_get(kw, "after"), span, d),
            ("try", []) => self.try_expr(kw, span, d),
            ("with", clauses) => self.with_expr(clauses, kw, span, d),
            _ => Err(err(format!("invalid arguments for \"{}\"", name), span)),
        }
    }

    /// Jumps to `no` when `c` is falsy (`nil`/`false`), falls through otherwise.
    pub fn cond_jump(&mut self, c: &Ast, no: Label) -> R<()> {
        if let Ast::Node { args: Some(a), .. } = c {
            let name = c.head_name().unwrap_or("");
            match (name, a.as_slice()) {
                ("&&", [x, y]) | ("and", [x, y]) => {
                    self.cond_jump(x, no)?;
                    return self.cond_jump(y, no);
                }
                ("||", [x, y]) | ("or", [x, y]) => {
                    let other = self.e.label();
                    let ok = self.e.label();
                    self.cond_jump(x, other)?;
                    self.e.emit(Op::Jump { target: ok });
                    self.e.bind(other);
                    self.cond_jump(y, no)?;
                    self.e.bind(ok);
                    return Ok(());
                }
                ("!", [x]) | ("not", [x]) => {
                    let ok = self.e.label();
                    self.cond_jump(x, ok)?;
                    self.e.emit(Op::Jump { target: no });
                    self.e.bind(ok);
                    return Ok(());
                }
                _ => {}
            }
            if let (Some(op), [x, y]) = (cmp_op(name), a.as_slice()) {
                let mark = self.s.mark();
                let rx = self.operand(x)?;
                let ry = self.operand(y)?;
                self.e.emit(Op::Test { op, a: rx, b: ry, fail: no });
                self.s.release(mark);
                return Ok(());
            }
            if let (Some(ty), [x]) = (type_test(name), a.as_slice()) {
                if !self.is_local(name, 1) {
                    let mark = self.s.mark();
                    let rx = self.operand(x)?;
                    self.e.emit(Op::IsType { ty, reg: rx, fail: no });
                    self.s.release(mark);
                    return Ok(());
                }
            }
        }
        let mark = self.s.mark();
        let r = self.operand(c)?;
        self.e.emit(Op::JumpUnless { cond: r, target: no });
        self.s.release(mark);
        Ok(())
    }

    fn if_expr(&mut self, c: &Ast, t: &Ast, f: &Ast, d: Dest) -> R<()> {
        let no = self.e.label();
        let end = self.e.label();
        self.cond_jump(c, no)?;
        let saved = self.s.save();
        self.body(t, d)?;
        self.s.restore(saved);
        if d != Dest::Tail {
            self.e.emit(Op::Jump { target: end });
        }
        self.e.bind(no);
        let saved = self.s.save();
        self.body(f, d)?;
        self.s.restore(saved);
        self.e.bind(end);
        Ok(())
    }

    /// Matches `subject` against clauses (one pattern each); `on_match` is emitted when a
    /// clause matched (before its body); when none matches, `none` decides.
    pub fn match_clauses(&mut self, subject: Reg, clauses: &[Clause<'_>], d: Dest, on_match: Option<Op>, none: NoMatch, span: Span) -> R<()> {
        let end = self.e.label();
        let mut fell = true;
        for c in clauses {
            if c.pats.len() != 1 {
                return Err(err("expected one pattern in this clause", c.span));
            }
            let saved = self.s.save();
            let next = self.e.label();
            self.match_one(c.pats[0], subject, next)?;
            if let Some(g) = c.guard {
                self.guard(g, next)?;
            }
            if let Some(op) = &on_match {
                self.e.emit(op.clone());
            }
            self.body(c.body, d)?;
            self.s.restore(saved);
            if d != Dest::Tail {
                self.e.emit(Op::Jump { target: end });
            }
            fell = self.e.is_used(next);
            self.e.bind(next);
            if !fell {
                break;
            }
        }
        if fell {
            match none {
                NoMatch::Raise(kind) => {
                    self.e.line(span);
                    self.e.emit(Op::Raise { kind, reg: subject })
                }
                NoMatch::Jump(l) => self.e.emit(Op::Jump { target: l }),
                NoMatch::Reraise(r) => self.e.emit(Op::Reraise { class: r }),
            }
        }
        self.e.bind(end);
        Ok(())
    }

    fn cond_expr(&mut self, body: &Ast, span: Span, d: Dest) -> R<()> {
        let clauses = arrow_clauses(body, "cond", span)?;
        let end = self.e.label();
        let mut fell = true;
        for c in &clauses {
            if c.pats.len() != 1 || c.guard.is_some() {
                return Err(err("expected one condition in cond clauses", c.span));
            }
            let next = self.e.label();
            let saved = self.s.save();
            let always = matches!(super::consts::const_eval(c.pats[0], &self.env), Some(l) if l != Literal::Atom("nil".into()) && l != Literal::Atom("false".into()));
            if !always {
                self.cond_jump(c.pats[0], next)?;
            }
            self.body(c.body, d)?;
            self.s.restore(saved);
            if d != Dest::Tail {
                self.e.emit(Op::Jump { target: end });
            }
            self.e.bind(next);
            if always {
                fell = false;
                break;
            }
        }
        if fell {
            // Elixir reports the line of the last clause.
            self.e.line(clauses.last().map(|c| c.span).unwrap_or(span));
            self.e.emit(Op::Raise { kind: RaiseKind::CondClause, reg: Reg(0) });
        }
        self.e.bind(end);
        Ok(())
    }

    fn receive_expr(&mut self, body: &Ast, after: Option<&Ast>, span: Span, d: Dest) -> R<()> {
        let clauses = match body {
            Ast::Node { args: Some(a), .. } if body.head_name() == Some("__block__") && a.is_empty() => vec![],
            _ => arrow_clauses(body, "receive", span)?,
        };
        let after_clause = match after {
            Some(a) => {
                let mut cl = arrow_clauses(a, "receive", span)?;
                if cl.len() != 1 || cl[0].pats.len() != 1 {
                    return Err(err("expected a single -> clause for :after in \"receive\"", span));
                }
                Some(cl.remove(0))
            }
            None => None,
        };
        let mark = self.s.mark();
        let timeout = match &after_clause {
            Some(c) => Some(self.operand(c.pats[0])?),
            None => None,
        };
        let m = self.s.alloc();
        let top = self.e.label();
        let wait = self.e.label();
        let end = self.e.label();
        self.e.bind(top);
        self.e.line(span);
        self.e.emit(Op::RecvPeek { dst: m, nomsg: wait });
        self.match_clauses(m, &clauses, d, Some(Op::RecvAccept), NoMatch::Jump(Label::NONE), span).map(|_| ())?;
        // match_clauses emitted `Jump NONE` as its fall-through: replace it by RecvNext.
        if let Some(Op::Jump { target }) = self.e.code.last() {
            if target.is_none() {
                self.e.code.pop();
                self.e.emit(Op::RecvNext { target: top });
            }
        }
        if d != Dest::Tail {
            self.e.emit(Op::Jump { target: end });
        }
        self.e.bind(wait);
        match (timeout, &after_clause) {
            (Some(t), Some(c)) => {
                self.e.emit(Op::RecvWaitTimeout { timeout: t, target: top });
                let saved = self.s.save();
                self.body(c.body, d)?;
                self.s.restore(saved);
            }
            _ => self.e.emit(Op::RecvWait { target: top }),
        }
        self.e.bind(end);
        self.s.release(mark);
        Ok(())
    }

    fn with_expr(&mut self, clauses: &[Ast], kw: &Ast, span: Span, d: Dest) -> R<()> {
        let mark = self.s.mark();
        let v = self.s.alloc();
        let saved = self.s.save();
        let else_l = self.e.label();
        let end = self.e.label();
        let mut stubs = vec![];
        for c in clauses {
            match c {
                Ast::Node { args: Some(a), .. } if c.head_name() == Some("<-") && a.len() == 2 => {
                    let (pats, guard) = split_when_list(std::slice::from_ref(&a[0]));
                    let r = self.operand(&a[1])?;
                    let fail = self.e.label();
                    self.match_one(pats.first().copied().unwrap_or(&a[0]), r, fail)?;
                    if let Some(g) = guard {
                        self.guard(g, fail)?;
                    }
                    stubs.push((fail, r));
                }
                _ => self.stmt(c)?,
            }
        }
        self.body(kw_get(kw, "do").unwrap_or(kw), d)?;
        self.s.restore(saved);
        if d != Dest::Tail {
            self.e.emit(Op::Jump { target: end });
        }
        for (fail, r) in stubs {
            self.e.bind(fail);
            self.e.emit(Op::Move { dst: v, src: r });
            self.e.emit(Op::Jump { target: else_l });
        }
        self.e.bind(else_l);
        match kw_get(kw, "else") {
            None => self.deliver(v, d),
            Some(eb) => {
                let cl = arrow_clauses(eb, "with", span)?;
                self.match_clauses(v, &cl, d, None, NoMatch::Raise(RaiseKind::WithClause), span)?;
            }
        }
        self.e.bind(end);
        self.s.release(mark);
        Ok(())
    }

    fn try_expr(&mut self, kw: &Ast, span: Span, d: Dest) -> R<()> {
        if let Ast::List(items) = kw {
            for it in items {
                if let Ast::Pair(k, _) = it {
                    if !matches!(&**k, Ast::Atom(a) if ["do", "rescue", "catch", "else", "after"].contains(&a.as_str())) {
                        return Err(err("unexpected option in \"try\"", span));
                    }
                }
            }
        }
        self.with_dst(d, |s, dst| match kw_get(kw, "after") {
            Some(after) => {
                let mark = s.s.mark();
                let a = s.s.alloc_n(3);
                let h = s.e.label();
                let end = s.e.label();
                s.e.emit(Op::TryBegin { handler: h, dst: a });
                s.try_inner(kw, dst, span)?;
                s.e.emit(Op::TryEnd);
                s.stmt(after)?;
                s.e.emit(Op::Jump { target: end });
                s.e.bind(h);
                s.stmt(after)?;
                s.e.emit(Op::Reraise { class: a });
                s.e.bind(end);
                s.s.release(mark);
                Ok(())
            }
            None => s.try_inner(kw, dst, span),
        })
    }

    /// `try` without its `after`: body, `rescue`, `catch`, `else`; result in `dst`.
    fn try_inner(&mut self, kw: &Ast, dst: Reg, span: Span) -> R<()> {
        let body = kw_get(kw, "do").unwrap_or(kw);
        let rescue = kw_get(kw, "rescue");
        let catch = kw_get(kw, "catch");
        let else_b = kw_get(kw, "else");
        let mark = self.s.mark();
        let done = self.e.label();
        let handlers = rescue.is_some() || catch.is_some();
        let h = self.s.alloc_n(3);
        let hl = self.e.label();
        if handlers {
            self.e.emit(Op::TryBegin { handler: hl, dst: h });
        }
        let saved = self.s.save();
        self.body(body, Dest::Reg(dst))?;
        self.s.restore(saved);
        if handlers {
            self.e.emit(Op::TryEnd);
        }
        if let Some(eb) = else_b {
            let cl = arrow_clauses(eb, "try", span)?;
            let mark2 = self.s.mark();
            let v = self.s.alloc();
            self.e.emit(Op::Move { dst: v, src: dst });
            self.match_clauses(v, &cl, Dest::Reg(dst), None, NoMatch::Raise(RaiseKind::TryClause), span)?;
            self.s.release(mark2);
        }
        if handlers {
            self.e.emit(Op::Jump { target: done });
            self.e.bind(hl);
            let saved_st = self.stacktrace.replace(Reg(h.0 + 2));
            if let Some(r) = rescue {
                self.rescue_clauses(r, h, dst, done, span)?;
            }
            if let Some(c) = catch {
                let cl = arrow_clauses(c, "try", span)?;
                for c in &cl {
                    let saved = self.s.save();
                    let next = self.e.label();
                    match c.pats.as_slice() {
                        [v] => {
                            let lit = self.m.pools.lit(Literal::Atom("throw".into()));
                            self.e.emit(Op::IsEqLit { reg: h, lit, fail: next });
                            self.match_one(v, Reg(h.0 + 1), next)?;
                        }
                        [k, v] => self.match_many(&[(k, h), (v, Reg(h.0 + 1))], next)?,
                        _ => return Err(err("invalid catch clause: expected kind, value or value", c.span)),
                    }
                    if let Some(g) = c.guard {
                        self.guard(g, next)?;
                    }
                    self.body(c.body, Dest::Reg(dst))?;
                    self.s.restore(saved);
                    self.e.emit(Op::Jump { target: done });
                    self.e.bind(next);
                }
            }
            self.e.emit(Op::Reraise { class: h });
            self.stacktrace = saved_st;
        }
        self.e.bind(done);
        self.s.release(mark);
        Ok(())
    }

    fn rescue_clauses(&mut self, body: &Ast, h: Reg, dst: Reg, done: Label, span: Span) -> R<()> {
        let cl = arrow_clauses(body, "try", span)?;
        let skip = self.e.label();
        let lit = self.m.pools.lit(Literal::Atom("error".into()));
        self.e.emit(Op::IsEqLit { reg: h, lit, fail: skip });
        let ex = self.s.alloc();
        self.call_regs("Elixir.Exception", "normalize", &[h, Reg(h.0 + 1), Reg(h.0 + 2)], span, ex);
        let key = self.m.pools.lit(Literal::Atom("__struct__".into()));
        for c in &cl {
            if c.pats.len() != 1 || c.guard.is_some() {
                return Err(err("invalid rescue clause", c.span));
            }
            let saved = self.s.save();
            let next = self.e.label();
            let p = c.pats[0];
            let (var, mods): (Option<&Ast>, Option<&Ast>) = match p {
                Ast::Node { args: Some(a), .. } if p.head_name() == Some("in") && a.len() == 2 => (Some(&a[0]), Some(&a[1])),
                Ast::Node { args: None, .. } => (Some(p), None),
                _ => (None, Some(p)),
            };
            if let Some(mods) = mods {
                let list: Vec<&Ast> = match mods {
                    Ast::List(items) => items.iter().collect(),
                    m => vec![m],
                };
                let mut names = vec![];
                for m in list {
                    match self.module_of(m) {
                        Some(n) => names.push(n),
                        None => return Err(unsupported("rescue of a non-alias", m.span())),
                    }
                }
                let kr = self.s.alloc();
                self.e.emit(Op::Lit { dst: kr, lit: key });
                let sr = self.s.alloc();
                self.e.emit(Op::MapGet { dst: sr, map: ex, key: kr, fail: next });
                let ok = self.e.label();
                for (i, n) in names.iter().enumerate() {
                    let lit = self.m.pools.lit(Literal::Atom(n.clone()));
                    if i + 1 == names.len() {
                        self.e.emit(Op::IsEqLit { reg: sr, lit, fail: next });
                    } else {
                        let other = self.e.label();
                        self.e.emit(Op::IsEqLit { reg: sr, lit, fail: other });
                        self.e.emit(Op::Jump { target: ok });
                        self.e.bind(other);
                    }
                }
                self.e.bind(ok);
            }
            if let Some(v) = var {
                self.match_one(v, ex, next)?;
            }
            self.body(c.body, Dest::Reg(dst))?;
            self.s.restore(saved);
            self.e.emit(Op::Jump { target: done });
            self.e.bind(next);
        }
        self.e.bind(skip);
        Ok(())
    }

    /// A remote call with arguments already in registers.
    pub fn call_regs(&mut self, module: &str, name: &str, regs: &[Reg], span: Span, dst: Reg) {
        let mark = self.s.mark();
        let base = self.s.alloc_n(regs.len() as u32);
        for (i, r) in regs.iter().enumerate() {
            self.e.emit(Op::Move { dst: Reg(base.0 + i as u16), src: *r });
        }
        let import = self.m.pools.import(module, name, regs.len() as u32);
        self.e.line(span);
        self.e.emit(Op::CallRemote { import, base, argc: regs.len() as u16, dst });
        self.s.release(mark);
    }

    /// `raise`, `reraise`, `throw`, `exit`.
    pub fn raise_form(&mut self, name: &str, args: &[Ast], span: Span, d: Dest) -> R<()> {
        let meta = Meta { span, no_parens: false };
        let is_msg = |a: &Ast| matches!(a, Ast::Str(_)) || a.head_name() == Some("<<>>");
        let exception = |s: &Self, a: &Ast, opts: Ast| -> Option<Ast> {
            let m = s.module_of(a)?;
            Some(remote_ast(&m, "exception", vec![opts], meta))
        };
        // `%Mod{message: msg}` for the built-in exceptions whose `exception/1` only stores a
        // binary message (no stdlib call needed).
        let message_struct = |m: &str, msg: &Ast| -> Ast {
            let pair = |k: &str, v: Ast| Ast::Pair(Box::new(Ast::Atom(k.into())), Box::new(v));
            Ast::node(
                "%{}",
                meta,
                vec![
                    pair("__struct__", Ast::Atom(m.into())),
                    pair("__exception__", Ast::Atom("true".into())),
                    pair("message", msg.clone()),
                ],
            )
        };
        const SIMPLE: [&str; 3] = ["Elixir.RuntimeError", "Elixir.ArgumentError", "Elixir.ArithmeticError"];
        match (name, args) {
            ("raise", [m]) if is_msg(m) => {
                let ex = message_struct("Elixir.RuntimeError", m);
                self.raising_call("erlang", "error", &[ex], span, d)
            }
            ("raise", [a, m]) if is_msg(m) && self.module_of(a).map_or(false, |n| SIMPLE.contains(&n.as_str())) => {
                let ex = message_struct(&self.module_of(a).unwrap_or_default(), m);
                self.raising_call("erlang", "error", &[ex], span, d)
            }
            ("raise", [a]) if self.module_of(a).is_some() && !matches!(a, Ast::Atom(_)) => {
                let ex = exception(self, a, Ast::List(vec![])).unwrap_or(Ast::Atom("nil".into()));
                self.raising_call("erlang", "error", &[ex], span, d)
            }
            ("raise", [a, opts]) if self.module_of(a).is_some() && !matches!(a, Ast::Atom(_)) => {
                let ex = exception(self, a, opts.clone()).unwrap_or(Ast::Atom("nil".into()));
                self.raising_call("erlang", "error", &[ex], span, d)
            }
            // As Elixir's `raise` macro (`:erlang.error(Kernel.Utils.raise(x))`): a function
            // builds the exception and `:erlang.error/1` raises it here, so the stack trace
            // starts at the caller, with no `Kernel` line.
            ("raise", [_]) | ("raise", [_, _]) => {
                let ex = remote_ast(super::kernel::KERNEL_MOD, "__raise_exception__", args.to_vec(), meta);
                self.raising_call("erlang", "error", &[ex], span, d)
            }
            ("reraise", [e, st]) => {
                let ex = if is_msg(e) { message_struct("Elixir.RuntimeError", e) } else { e.clone() };
                self.raising_call("erlang", "raise", &[Ast::Atom("error".into()), ex, st.clone()], span, d)
            }
            ("reraise", [a, opts, st]) => {
                let ex = exception(self, a, opts.clone()).ok_or_else(|| unsupported("reraise/3 with a non-alias", span))?;
                self.raising_call("erlang", "raise", &[Ast::Atom("error".into()), ex, st.clone()], span, d)
            }
            ("throw", [_]) => self.raising_call("erlang", "throw", args, span, d),
            ("exit", [_]) => self.raising_call("erlang", "exit", args, span, d),
            _ => self.local_call(name, args, meta, d),
        }
    }
}

/// What happens when no clause matches.
pub(crate) enum NoMatch {
    /// `Raise kind subject`.
    Raise(RaiseKind),
    /// Jump to a label.
    Jump(Label),
    /// `Reraise` from the handler registers.
    #[allow(dead_code)]
    Reraise(Reg),
}
