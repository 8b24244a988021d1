//! AST construction helpers used by the grammar actions: calls, remote calls, access,
//! aliases, blocks, strings, `->` clauses, `do` blocks, maps.

use super::fold::Item;
use crate::ast::{Ast, Meta, Span};
use crate::diagnostic::Diagnostic;
use crate::lexer::StrKind;

/// Metadata for the byte range `l..r` (the line is filled in after parsing).
pub fn m(l: usize, r: usize) -> Meta {
    Meta { span: Span::new(l, r, 0), no_parens: false }
}

pub fn sp(l: usize, r: usize) -> Span {
    Span::new(l, r, 0)
}

fn atom(s: &str) -> Ast {
    Ast::Atom(s.to_string())
}

pub fn var(name: String, l: usize, r: usize) -> Ast {
    Ast::Node { head: Box::new(Ast::Atom(name)), meta: m(l, r), args: None }
}

pub fn operand(a: Ast, l: usize, r: usize) -> Item {
    Item::Operand(a, sp(l, r))
}

/// What a call without its arguments looks like.
pub enum Callee {
    Local(String, usize, usize),
    Remote(Ast, String, usize, usize),
    /// `@name args`: `@(name(args))`.
    AtLocal(String, usize, usize),
}

fn dot(target: Ast, name: &str, meta: Meta) -> Ast {
    Ast::node(".", meta, vec![target, atom(name)])
}

/// The call `callee(args)` ending at `r`.
pub fn call(callee: Callee, args: Vec<Ast>, r: usize) -> Ast {
    match callee {
        Callee::Local(name, l, _) => Ast::node(&name, m(l, r), args),
        Callee::Remote(target, name, l, nr) => {
            let head = dot(target, &name, m(l, nr));
            Ast::Node { head: Box::new(head), meta: m(l, r), args: Some(args) }
        }
        Callee::AtLocal(name, l, nl) => {
            let inner = Ast::node(&name, m(nl, r), args);
            Ast::node("@", m(l, r), vec![inner])
        }
    }
}

/// `target.name` without parentheses.
pub fn field(target: Ast, name: String, l: usize, r: usize) -> Ast {
    let head = dot(target, &name, m(l, r));
    Ast::Node { head: Box::new(head), meta: Meta { span: sp(l, r), no_parens: true }, args: Some(vec![]) }
}

/// `target.(args)` and `f(1)(2)`.
pub fn anon_call(target: Ast, args: Vec<Ast>, l: usize, r: usize) -> Ast {
    let head = Ast::node(".", m(l, r), vec![target]);
    Ast::Node { head: Box::new(head), meta: m(l, r), args: Some(args) }
}

pub fn call_of(target: Ast, args: Vec<Ast>, l: usize, r: usize) -> Ast {
    Ast::Node { head: Box::new(target), meta: m(l, r), args: Some(args) }
}

/// `target[key]`: `Access.get(target, key)`.
pub fn access(target: Ast, key: Ast, l: usize, r: usize) -> Ast {
    let head = dot(atom("Elixir.Access"), "get", m(l, r));
    Ast::Node { head: Box::new(head), meta: m(l, r), args: Some(vec![target, key]) }
}

pub fn alias(name: String, l: usize, r: usize) -> Ast {
    Ast::node("__aliases__", m(l, r), vec![Ast::Atom(name)])
}

/// `p.Name`: extends an alias, or makes `{:__aliases__, _, [p, :Name]}`.
pub fn alias_of(p: Ast, name: String, l: usize, r: usize) -> Ast {
    match p {
        Ast::Node { ref head, args: Some(mut args), .. } if **head == atom("__aliases__") => {
            args.push(Ast::Atom(name));
            Ast::node("__aliases__", m(l, r), args)
        }
        other => Ast::node("__aliases__", m(l, r), vec![other, Ast::Atom(name)]),
    }
}

/// `Foo.{A, B}`.
pub fn multi_alias(p: Ast, args: Vec<Ast>, l: usize, r: usize) -> Ast {
    let head = dot(p, "{}", m(l, r));
    Ast::Node { head: Box::new(head), meta: m(l, r), args: Some(args) }
}

/// A block body: one expression stands for itself (except a unary `not`/`!`, as Elixir
/// does), several become `{:__block__, [], [...]}`.
pub fn block(mut stmts: Vec<Ast>) -> Ast {
    if stmts.len() == 1 {
        let only = &stmts[0];
        let unary_not = matches!(only.head_name(), Some("not" | "!"))
            && matches!(only, Ast::Node { args: Some(a), .. } if a.len() == 1);
        if !unary_not {
            return stmts.pop().unwrap();
        }
    }
    Ast::node("__block__", Meta::default(), stmts)
}

pub fn tuple(mut elems: Vec<Ast>, l: usize, r: usize) -> Ast {
    if elems.len() == 2 {
        let b = elems.pop().unwrap();
        let a = elems.pop().unwrap();
        return Ast::Pair(Box::new(a), Box::new(b));
    }
    Ast::node("{}", m(l, r), elems)
}

/// The error for `[f a, b]`, `g(x, f a, b)`, `foo a, bar b, c`: a call without parentheses
/// with several arguments where only one expression may stand.
pub fn ambiguous_comma(call: &Ast) -> lalrpop_util::ParseError<usize, crate::lexer::Tok, Diagnostic> {
    let span = call.span();
    let error = Diagnostic::error("E0107", "unexpected comma", span)
        .with_label(span, "this call without parentheses takes every argument after its name, commas included")
        .with_note("parentheses are required when a call without parentheses is an argument followed by more arguments: write foo(a, bar(b, c)) or foo(a, bar(b), c)");
    lalrpop_util::ParseError::User { error }
}

/// `<<...>>`.
pub fn bitstring(elems: Vec<Ast>, l: usize, r: usize) -> Ast {
    Ast::node("<<>>", m(l, r), elems)
}

pub fn pair(k: Ast, v: Ast) -> Ast {
    Ast::Pair(Box::new(k), Box::new(v))
}

/// Elements plus an optional trailing keyword list as one last element.
pub fn with_kw(mut elems: Vec<Ast>, kw: Vec<Ast>) -> Vec<Ast> {
    if !kw.is_empty() {
        elems.push(Ast::List(kw));
    }
    elems
}

/// A piece of a string-like literal.
pub enum Part {
    /// Literal bytes, escapes decoded (see `lexer/escape.rs`).
    Lit(Vec<u8>),
    Interp(Ast, Span),
}

fn to_string_call(e: Ast, s: Span) -> Ast {
    let mm = Meta { span: s, no_parens: false };
    let head = dot(atom("Elixir.Kernel"), "to_string", mm);
    Ast::Node { head: Box::new(head), meta: mm, args: Some(vec![e]) }
}

fn binary_parts(parts: Vec<Part>) -> Vec<Ast> {
    parts
        .into_iter()
        .map(|p| match p {
            Part::Lit(s) => Ast::Str(s),
            Part::Interp(e, s) => {
                let mm = Meta { span: s, no_parens: false };
                Ast::node("::", mm, vec![to_string_call(e, s), Ast::var("binary", mm)])
            }
        })
        .collect()
}

fn plain(parts: &[Part]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    for p in parts {
        match p {
            Part::Lit(s) => out.extend_from_slice(s),
            Part::Interp(..) => return None,
        }
    }
    Some(out)
}

/// `:erlang.binary_to_atom(<<...>>, :utf8)` for an interpolated atom or key.
fn dynamic_atom(parts: Vec<Part>, l: usize, r: usize) -> Ast {
    let bin = Ast::node("<<>>", m(l, r), binary_parts(parts));
    let head = dot(atom("erlang"), "binary_to_atom", m(l, r));
    Ast::Node { head: Box::new(head), meta: m(l, r), args: Some(vec![bin, atom("utf8")]) }
}

/// The AST of a string, charlist, quoted atom or sigil.
pub fn string(kind: StrKind, parts: Vec<Part>, mods: String, l: usize, r: usize) -> Ast {
    match kind {
        StrKind::Str => match plain(&parts) {
            Some(s) => Ast::Str(s),
            None => Ast::node("<<>>", m(l, r), binary_parts(parts)),
        },
        StrKind::Charlist => match plain(&parts) {
            // The lexer refused a charlist that is not UTF-8.
            Some(s) => Ast::List(String::from_utf8_lossy(&s).chars().map(|c| Ast::Int(c as i64)).collect()),
            None => {
                let items = parts
                    .into_iter()
                    .map(|p| match p {
                        Part::Lit(s) => Ast::Str(s),
                        Part::Interp(e, s) => to_string_call(e, s),
                    })
                    .collect();
                let head = dot(atom("Elixir.List"), "to_charlist", m(l, r));
                Ast::Node { head: Box::new(head), meta: m(l, r), args: Some(vec![Ast::List(items)]) }
            }
        },
        StrKind::Atom => match plain(&parts) {
            Some(s) => Ast::Atom(String::from_utf8_lossy(&s).into_owned()),
            None => dynamic_atom(parts, l, r),
        },
        StrKind::Sigil(name) => {
            let parts = if parts.is_empty() { vec![Part::Lit(Vec::new())] } else { parts };
            let bin = Ast::node("<<>>", m(l, r), binary_parts(parts));
            let mods = Ast::List(mods.chars().map(|c| Ast::Int(c as i64)).collect());
            Ast::node(&format!("sigil_{}", name), m(l, r), vec![bin, mods])
        }
    }
}

/// A quoted keyword key `"a b": `.
pub fn quoted_key(parts: Vec<Part>, l: usize, r: usize) -> Ast {
    match plain(&parts) {
        // The lexer refused a key that is not UTF-8.
        Some(s) => Ast::Atom(String::from_utf8_lossy(&s).into_owned()),
        None => dynamic_atom(parts, l, r),
    }
}

/// An item of a `->` section: a clause start or a plain expression.
pub enum SItem {
    Expr(Ast),
    Clause(Vec<Ast>, Ast, usize, usize),
}

/// Lifts a guard on the last argument of a clause head: `x, y when g` → `[when(x, y, g)]`.
pub fn stab_head(mut args: Vec<Ast>) -> Vec<Ast> {
    if args.len() > 1 {
        if let Some(Ast::Node { head, meta, args: Some(w) }) = args.last() {
            if **head == atom("when") && w.len() == 2 {
                let (meta, w) = (*meta, w.clone());
                args.pop();
                args.push(w[0].clone());
                args.push(w[1].clone());
                return vec![Ast::node("when", meta, args)];
            }
        }
    }
    args
}

/// `(a, b) when g ->` and `() when g ->`.
pub fn paren_head_when(mut args: Vec<Ast>, guard: Ast, l: usize, r: usize) -> Vec<Ast> {
    args.push(guard);
    vec![Ast::node("when", m(l, r), args)]
}

/// A section body: the list of `->` clauses or a plain block.
pub fn stab_body(items: Vec<SItem>) -> Result<Ast, Diagnostic> {
    let has_clause = items.iter().any(|i| matches!(i, SItem::Clause(..)));
    if !has_clause {
        return Ok(block(items.into_iter().map(|i| if let SItem::Expr(e) = i { e } else { unreachable!() }).collect()));
    }
    let mut clauses: Vec<(Vec<Ast>, Vec<Ast>, usize, usize)> = vec![];
    for it in items {
        match it {
            SItem::Clause(h, b, l, r) => clauses.push((h, vec![b], l, r)),
            SItem::Expr(e) => match clauses.last_mut() {
                Some(c) => {
                    c.3 = c.3.max(e.span().end as usize);
                    c.1.push(e);
                }
                None => {
                    return Err(Diagnostic::error(
                        "E0105",
                        "unexpected expression before the first -> clause",
                        e.span(),
                    ))
                }
            },
        }
    }
    Ok(Ast::List(
        clauses
            .into_iter()
            .map(|(h, b, l, r)| Ast::node("->", m(l, r), vec![Ast::List(h), block(b)]))
            .collect(),
    ))
}

/// `fn ... end`.
pub fn fn_expr(items: Vec<SItem>, l: usize, r: usize) -> Result<Ast, Diagnostic> {
    if items.iter().any(|i| matches!(i, SItem::Expr(_))) && !items.iter().any(|i| matches!(i, SItem::Clause(..))) {
        return Err(Diagnostic::error(
            "E0106",
            "expected anonymous functions to be defined with -> inside: 'fn'",
            sp(l, l + 2),
        ));
    }
    match stab_body(items)? {
        Ast::List(clauses) => Ok(Ast::node("fn", m(l, r), clauses)),
        _ => Err(Diagnostic::error("E0106", "expected anonymous functions to be defined with -> inside: 'fn'", sp(l, l + 2))),
    }
}

/// The keyword list of a `do ... end` block.
pub fn do_block(first: Option<Vec<SItem>>, rest: Vec<(String, Option<Vec<SItem>>)>) -> Result<Ast, Diagnostic> {
    let mut kw = vec![pair(atom("do"), section(first)?)];
    for (name, body) in rest {
        kw.push(pair(Ast::Atom(name), section(body)?));
    }
    Ok(Ast::List(kw))
}

fn section(body: Option<Vec<SItem>>) -> Result<Ast, Diagnostic> {
    match body {
        None => Ok(block(vec![])),
        Some(items) => stab_body(items),
    }
}

/// Appends a `do` block keyword list to a call.
pub fn add_do(call: Ast, kw: Ast) -> Ast {
    match call {
        Ast::Node { head, meta, args } => {
            let mut args = args.unwrap_or_default();
            args.push(kw);
            Ast::Node { head, meta, args: Some(args) }
        }
        other => other,
    }
}

/// `a when k: v, ...`: the chain before the keyword pairs must end with `when`; the pairs
/// become its right operand (a keyword list), as in Elixir's `when_op_eol call_args_no_parens_kw`.
pub fn when_kw(mut head: Vec<Item>, kw: Vec<Ast>, l: usize, r: usize) -> Result<Vec<Item>, Diagnostic> {
    match head.last() {
        Some(Item::Binary(op, _)) if op == "when" => {
            head.push(operand(Ast::List(kw), l, r));
            Ok(head)
        }
        Some(Item::Binary(op, s)) | Some(Item::Prefix(op, s)) => {
            Err(Diagnostic::error("E0001", format!("syntax error before: {}", op), *s))
        }
        _ => Err(Diagnostic::error("E0001", "syntax error before keyword list", sp(l, r))),
    }
}

/// `%{m | k: v}`: the chain before `|` (ending with the `|` operator) and the keyword pairs.
pub fn map_update(mut head: Vec<Item>, kw: Vec<Ast>, l: usize, r: usize) -> Result<Vec<Ast>, Diagnostic> {
    match head.pop() {
        Some(Item::Binary(op, _)) if op == "|" => {
            let base = super::fold::fold(head)?;
            Ok(vec![Ast::node("|", m(l, r), vec![base, Ast::List(kw)])])
        }
        Some(Item::Binary(op, s)) | Some(Item::Prefix(op, s)) => {
            Err(Diagnostic::error("E0001", format!("syntax error before: {}", op), s))
        }
        _ => Err(Diagnostic::error("E0001", "syntax error in map", sp(l, r))),
    }
}

/// Map entries: `%{m | k => v, ...}` parses its first key as `m | k`; split it again.
pub fn map_entries(mut entries: Vec<Ast>) -> Vec<Ast> {
    if let Some(Ast::Pair(k, _)) = entries.first() {
        if let Ast::Node { head, meta, args: Some(a) } = &**k {
            if **head == atom("|") && a.len() == 2 {
                let (meta, base, key) = (*meta, a[0].clone(), a[1].clone());
                let Ast::Pair(_, v) = entries.remove(0) else { unreachable!() };
                let mut rest = vec![pair(key, *v)];
                rest.extend(entries);
                return vec![Ast::node("|", meta, vec![base, Ast::List(rest)])];
            }
        }
    }
    entries
}

pub fn map(entries: Vec<Ast>, l: usize, r: usize) -> Ast {
    Ast::node("%{}", m(l, r), entries)
}

pub fn strukt(name: Ast, entries: Vec<Ast>, l: usize, r: usize, ml: usize) -> Ast {
    Ast::node("%", m(l, r), vec![name, map(entries, ml, r)])
}
