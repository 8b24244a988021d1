//! [`Ast`] ↔ the AST as a term ([`Literal`]), in Elixir's quoted form.
//!
//! [`to_term`]: the arguments of a macro call, as Elixir hands them to the macro: a node
//! `{name, [line: N], args}`, a variable `{name, [line: N], nil}`, literals as themselves.
//!
//! [`from_term`]: a macro's result back to [`Ast`], with Elixir's hygiene (follows
//! `elixir_expand`'s variable contexts): a variable whose context is an atom other than `nil`
//! was introduced by a quote in a macro, so it is renamed `name@N`, `N` unique to this
//! expansion, and cannot clash with the caller's variables (nor with another expansion's);
//! `var!(x)` is the caller's `x`; `{:__aliases__, [alias: Full], _}` (an alias resolved where
//! the quote was) is the atom `Full`. A 3-tuple that is not a call, a tuple of another size
//! and a map become the expressions that build them (`{:{}, [], items}`, `%{}`).
//!
//! Both recurse over the term and stop at [`MAX_TERM_DEPTH`] levels with an error.

use crate::ast::{Ast, Meta, Span};
use retort_vm::bytecode::Literal;

/// Deepest AST term converted either way.
pub(crate) const MAX_TERM_DEPTH: usize = 1000;

fn too_deep() -> String {
    format!("quoted expression nested more than {} levels deep", MAX_TERM_DEPTH)
}

fn list(items: Vec<Literal>) -> Literal {
    if items.is_empty() {
        Literal::Nil
    } else {
        Literal::List(items, Box::new(Literal::Nil))
    }
}

fn meta_term(meta: &Meta) -> Literal {
    let mut kw = vec![];
    if meta.no_parens {
        kw.push(Literal::Tuple(vec![Literal::Atom("no_parens".into()), Literal::Atom("true".into())]));
    }
    if meta.span.line > 0 {
        kw.push(Literal::Tuple(vec![Literal::Atom("line".into()), Literal::Int(meta.span.line as i64)]));
    }
    list(kw)
}

/// The quoted form of `e` as a term. Errors past [`MAX_TERM_DEPTH`].
pub(crate) fn to_term(e: &Ast, depth: usize) -> Result<Literal, String> {
    if depth > MAX_TERM_DEPTH {
        return Err(too_deep());
    }
    Ok(match e {
        Ast::Int(i) => Literal::Int(*i),
        Ast::BigInt(s) => Literal::BigInt(s.clone()),
        Ast::Float(f) => Literal::Float(*f),
        Ast::Atom(a) => Literal::Atom(a.clone()),
        Ast::Str(s) => Literal::Binary(s.clone()),
        Ast::List(items) => list(items.iter().map(|i| to_term(i, depth + 1)).collect::<Result<_, _>>()?),
        Ast::Pair(a, b) => Literal::Tuple(vec![to_term(a, depth + 1)?, to_term(b, depth + 1)?]),
        Ast::Node { head, meta, args } => {
            let h = to_term(head, depth + 1)?;
            let a = match args {
                None => Literal::Atom("nil".into()),
                Some(args) => list(args.iter().map(|i| to_term(i, depth + 1)).collect::<Result<_, _>>()?),
            };
            Literal::Tuple(vec![h, meta_term(meta), a])
        }
    })
}

/// The state of converting one macro's result.
pub(crate) struct FromTerm {
    /// This expansion's number (the `N` of hygienic variables `name@N`).
    pub counter: u64,
    /// Where the macro call is (the span given to nodes without a line).
    pub span: Span,
}

fn kw_lookup<'l>(meta: &'l Literal, key: &str) -> Option<&'l Literal> {
    let Literal::List(items, _) = meta else { return None };
    items.iter().find_map(|p| match p {
        Literal::Tuple(kv) if kv.len() == 2 && kv[0] == Literal::Atom(key.to_string()) => Some(&kv[1]),
        _ => None,
    })
}

fn is_list(l: &Literal) -> bool {
    matches!(l, Literal::Nil | Literal::List(..))
}

fn list_items(l: &Literal) -> Option<(&[Literal], &Literal)> {
    match l {
        Literal::Nil => Some((&[], l)),
        Literal::List(items, tail) => Some((items, tail)),
        _ => None,
    }
}

impl FromTerm {
    fn meta(&self, m: &Literal) -> Meta {
        let line = match kw_lookup(m, "line") {
            Some(Literal::Int(l)) if *l > 0 => *l as u32,
            _ => self.span.line,
        };
        let span = if line == self.span.line { self.span } else { Span { start: self.span.start, end: self.span.end, line } };
        Meta { span, no_parens: matches!(kw_lookup(m, "no_parens"), Some(Literal::Atom(t)) if t == "true") }
    }

    fn var_name(&self, name: &str, ctx: &str) -> String {
        let pseudo = name.starts_with("__") && name.ends_with("__") && name.len() > 4;
        if ctx == "nil" || name == "_" || pseudo {
            name.to_string()
        } else {
            format!("{}@{}", name, self.counter)
        }
    }

    /// The [`Ast`] of the quoted term `l`. Errors past [`MAX_TERM_DEPTH`], or on a term that
    /// is not valid quoted code (a pid, reference or fun).
    pub(crate) fn ast(&self, l: &Literal, depth: usize) -> Result<Ast, String> {
        if depth > MAX_TERM_DEPTH {
            return Err(too_deep());
        }
        let d = depth + 1;
        Ok(match l {
            Literal::Int(i) if *i < 0 => Ast::node("-", Meta { span: self.span, no_parens: false }, vec![Ast::Int(i.unsigned_abs() as i64)]),
            Literal::Int(i) => Ast::Int(*i),
            Literal::BigInt(s) => match s.strip_prefix('-') {
                Some(digits) => Ast::node("-", Meta { span: self.span, no_parens: false }, vec![Ast::BigInt(digits.to_string())]),
                None => Ast::BigInt(s.clone()),
            },
            Literal::Float(f) => Ast::Float(*f),
            Literal::Atom(a) => Ast::Atom(a.clone()),
            Literal::Binary(b) => Ast::Str(b.clone()),
            Literal::Nil => Ast::List(vec![]),
            Literal::List(items, tail) => {
                let mut out: Vec<Ast> = items.iter().map(|i| self.ast(i, d)).collect::<Result<_, _>>()?;
                if **tail != Literal::Nil {
                    let t = self.ast(tail, d)?;
                    if let Some(last) = out.pop() {
                        out.push(Ast::node("|", Meta { span: self.span, no_parens: false }, vec![last, t]));
                    }
                }
                Ast::List(out)
            }
            Literal::Map(pairs) => {
                let mut items = vec![];
                for (k, v) in pairs {
                    items.push(Ast::Pair(Box::new(self.ast(k, d)?), Box::new(self.ast(v, d)?)));
                }
                Ast::node("%{}", Meta { span: self.span, no_parens: false }, items)
            }
            Literal::Tuple(items) => match items.as_slice() {
                [a, b] => Ast::Pair(Box::new(self.ast(a, d)?), Box::new(self.ast(b, d)?)),
                [Literal::Atom(name), m, Literal::Atom(ctx)] if is_list(m) => Ast::var(&self.var_name(name, ctx), self.meta(m)),
                [head, m, args] if is_list(m) && is_list(args) && (matches!(head, Literal::Atom(_) | Literal::Tuple(_))) => {
                    let meta = self.meta(m);
                    let (args, _) = list_items(args).unwrap_or((&[], &Literal::Nil));
                    if let Literal::Atom(name) = head {
                        // var!(x) / var!(x, context): the caller's variable.
                        if name == "var!" {
                            if let Some(Literal::Tuple(v)) = args.first() {
                                if let [Literal::Atom(vn), vm, Literal::Atom(_)] = v.as_slice() {
                                    return Ok(Ast::var(vn, self.meta(vm)));
                                }
                            }
                        }
                        // @attr: the attribute's name is no variable (no hygiene renaming).
                        if name == "@" {
                            if let [Literal::Tuple(v)] = args {
                                if let [Literal::Atom(an), am, Literal::Atom(_)] = v.as_slice() {
                                    return Ok(Ast::node("@", meta, vec![Ast::var(an, self.meta(am))]));
                                }
                            }
                        }
                        if name == "__aliases__" {
                            if let Some(Literal::Atom(full)) = kw_lookup(m, "alias") {
                                if full != "false" {
                                    return Ok(Ast::Atom(full.clone()));
                                }
                            }
                        }
                    }
                    let head = match head {
                        Literal::Atom(a) => Ast::Atom(a.clone()),
                        h => self.ast(h, d)?,
                    };
                    let args = args.iter().map(|a| self.ast(a, d)).collect::<Result<_, _>>()?;
                    Ast::Node { head: Box::new(head), meta, args: Some(args) }
                }
                _ => {
                    let items = items.iter().map(|i| self.ast(i, d)).collect::<Result<_, _>>()?;
                    Ast::node("{}", Meta { span: self.span, no_parens: false }, items)
                }
            },
        })
    }
}
