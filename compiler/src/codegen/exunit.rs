//! ExUnit support. In Elixir `use ExUnit.Case`, `test`, `describe`, `setup` and `assert` are
//! macros; retort has no macros, so the compiler lowers them here:
//!
//! - In a module that calls `use ExUnit.Case`, `test "name" do body end` becomes a public
//!   function `:"test name"/1` taking the context (the pattern of `test "name", ctx do` is its
//!   argument), `setup`/`setup_all` blocks become `__ex_unit_setup_N/1` /
//!   `__ex_unit_setup_all_N/1`, and the module gets `__ex_unit__/0`: a constant map with the
//!   tests (name, line, describe, tags, setup functions to run), the `setup_all` functions, the
//!   file and `async`. The runner (`stdlib/lib/ex_unit.ex`) reads that map.
//! - Where `ExUnit.Assertions` is imported (`use ExUnit.Case` imports it), `assert`/`refute`
//!   with one argument and `assert_receive`/`assert_received`/`refute_receive`/`refute_received`
//!   are rewritten (see [`lower_assertion`]) into code that evaluates the operands once and
//!   calls an `ExUnit.Assertions.__*_failed__` function with the source of the assertion as
//!   Elixir's `Macro.to_string/1` prints it ([`to_string`]) and the values.
//!   `assert/2`, `refute/2`, `assert_raise`, `assert_in_delta`, `flunk` are plain functions.
//!   `catch_error/1`, `catch_throw/1`, `catch_exit/1` become
//!   `ExUnit.Assertions.__catch__(kind, fn -> expr end)`.

use crate::ast::{Ast, Meta, Span};
use crate::ast_print;
use retort_vm::bytecode::Literal;

/// The module whose import enables the assertion lowering.
pub(crate) const ASSERTIONS: &str = "Elixir.ExUnit.Assertions";

/// The functions (not macros) of `ExUnit.Assertions` that `use ExUnit.Case` imports.
pub(crate) const ASSERTION_FUNCTIONS: &[(&str, u32)] = &[
    ("assert", 2),
    ("refute", 2),
    ("flunk", 0),
    ("flunk", 1),
    ("assert_raise", 2),
    ("assert_raise", 3),
    ("assert_in_delta", 3),
    ("assert_in_delta", 4),
    ("refute_in_delta", 3),
    ("refute_in_delta", 4),
];

/// The functions of `ExUnit.Callbacks` that `use ExUnit.Case` imports.
pub(crate) const CALLBACK_FUNCTIONS: &[(&str, u32)] = &[("on_exit", 1), ("on_exit", 2)];

/// The function names of library modules that are commonly imported together, so an
/// unqualified call resolves to the one that has it (other imported library modules are
/// assumed to provide whatever is called).
pub(crate) fn library_exports(module: &str) -> Option<&'static [&'static str]> {
    match module {
        "Elixir.ExUnit.CaptureIO" => Some(&["capture_io", "with_io"]),
        "Elixir.ExUnit.CaptureLog" => Some(&["capture_log", "with_log"]),
        _ => None,
    }
}

/// Whether `name/arity` is one of the assertion macros [`lower_assertion`] rewrites.
pub(crate) fn is_assertion_macro(name: &str, arity: usize) -> bool {
    matches!(
        (name, arity),
        ("assert" | "refute", 1)
            | ("assert_receive" | "refute_receive", 1..=3)
            | ("assert_received" | "refute_received", 1 | 2)
            | ("catch_error" | "catch_throw" | "catch_exit", 1)
    )
}

// ---------------------------------------------------------------------------------------------
// Macro.to_string

/// `(precedence, right associative)` of a binary operator (higher binds tighter).
fn binop(name: &str) -> Option<(u8, bool)> {
    Some(match name {
        "<-" | "\\\\" => (1, false),
        "when" => (2, true),
        "::" => (3, true),
        "|" => (4, true),
        "=>" => (5, true),
        "=" => (7, true),
        "||" | "|||" | "or" => (8, false),
        "&&" | "&&&" | "and" => (9, false),
        "==" | "!=" | "=~" | "===" | "!==" => (10, false),
        "<" | ">" | "<=" | ">=" => (11, false),
        "|>" | "<<<" | ">>>" | "<<~" | "~>>" | "<~" | "~>" | "<~>" => (12, false),
        "in" | "not in" => (13, false),
        "++" | "--" | "+++" | "---" | ".." | "<>" => (14, true),
        "+" | "-" => (15, false),
        "*" | "/" => (16, false),
        "**" => (17, false),
        _ => return None,
    })
}

fn prec_of(e: &Ast) -> u8 {
    match e {
        Ast::Node { head, args: Some(a), .. } => match (&**head, a.len()) {
            (Ast::Atom(n), 2) => binop(n).map(|p| p.0).unwrap_or(100),
            (Ast::Atom(n), 1) if matches!(n.as_str(), "not" | "!" | "-" | "+" | "^" | "@") => 18,
            (Ast::Atom(n), 1) if n == "&" && !matches!(a[0], Ast::Int(_)) => 6,
            _ => 100,
        },
        _ => 100,
    }
}

/// An expression as Elixir's `Macro.to_string/1` prints it (on one line).
pub fn to_string(e: &Ast) -> String {
    let mut out = String::new();
    print(e, &mut out);
    out
}

fn print_paren(e: &Ast, parens: bool, out: &mut String) {
    if parens {
        out.push('(');
        print(e, out);
        out.push(')');
    } else {
        print(e, out);
    }
}

fn is_keyword(items: &[Ast]) -> bool {
    !items.is_empty() && items.iter().all(|i| matches!(i, Ast::Pair(k, _) if matches!(**k, Ast::Atom(_))))
}

fn print_kw(items: &[Ast], out: &mut String) {
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if let Ast::Pair(k, v) = it {
            if let Ast::Atom(k) = &**k {
                out.push_str(&ast_print::key(k));
                out.push(' ');
                print(v, out);
            }
        }
    }
}

/// Call arguments: a trailing keyword list loses its brackets.
fn print_args(args: &[Ast], out: &mut String) {
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        match a {
            Ast::List(items) if i + 1 == args.len() && is_keyword(items) => print_kw(items, out),
            _ => print(a, out),
        }
    }
}

fn print_items(items: &[Ast], out: &mut String) {
    for (i, a) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        print(a, out);
    }
}

/// Map or struct body: `a: 1` pairs, `k => v` pairs, or `base | a: 1`.
fn print_map_body(args: &[Ast], out: &mut String) {
    if let [Ast::Node { head, args: Some(bar), .. }] = args {
        if **head == Ast::Atom("|".into()) && bar.len() == 2 {
            print(&bar[0], out);
            out.push_str(" | ");
            match &bar[1] {
                Ast::List(items) if is_keyword(items) => print_kw(items, out),
                Ast::List(items) => print_pairs(items, out),
                other => print(other, out),
            }
            return;
        }
    }
    if is_keyword(args) {
        print_kw(args, out);
    } else {
        print_pairs(args, out);
    }
}

fn print_pairs(items: &[Ast], out: &mut String) {
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        match it {
            Ast::Pair(k, v) => {
                print(k, out);
                out.push_str(" => ");
                print(v, out);
            }
            other => print(other, out),
        }
    }
}

fn print_string_parts(parts: &[Ast], out: &mut String) -> bool {
    let mut s = String::from("\"");
    for p in parts {
        match p {
            Ast::Str(lit) => {
                let q = ast_print::string(lit);
                s.push_str(&q[1..q.len() - 1]);
            }
            Ast::Node { args: Some(a), .. } if p.head_name() == Some("::") && a.len() == 2 => {
                let inner = match &a[0] {
                    Ast::Node { head, args: Some(x), .. } if x.len() == 1 && is_remote(head, "Elixir.Kernel", "to_string") => &x[0],
                    other => other,
                };
                s.push_str("#{");
                print(inner, &mut s);
                s.push('}');
            }
            _ => return false,
        }
    }
    s.push('"');
    out.push_str(&s);
    true
}

fn is_remote(head: &Ast, module: &str, fun: &str) -> bool {
    match head {
        Ast::Node { head: h, args: Some(a), .. } if **h == Ast::Atom(".".into()) && a.len() == 2 => {
            a[0] == Ast::Atom(module.into()) && a[1] == Ast::Atom(fun.into())
        }
        _ => false,
    }
}

fn print_fn_name(name: &str, out: &mut String) {
    let printed = ast_print::atom(name);
    match printed.strip_prefix(':') {
        Some(plain) if !plain.starts_with('"') => out.push_str(plain),
        Some(quoted) => out.push_str(quoted),
        None => out.push_str(&printed),
    }
}

fn print(e: &Ast, out: &mut String) {
    match e {
        Ast::Int(n) => out.push_str(&n.to_string()),
        Ast::BigInt(d) => out.push_str(d),
        Ast::Float(x) => out.push_str(&ast_print::float(*x)),
        Ast::Atom(a) => out.push_str(&ast_print::atom(a)),
        Ast::Str(s) => out.push_str(&ast_print::string(s)),
        Ast::List(items) => {
            out.push('[');
            if is_keyword(items) {
                print_kw(items, out);
            } else {
                print_items(items, out);
            }
            out.push(']');
        }
        Ast::Pair(a, b) => {
            out.push('{');
            print(a, out);
            out.push_str(", ");
            print(b, out);
            out.push('}');
        }
        Ast::Node { head, meta, args } => match (&**head, args) {
            (Ast::Atom(name), None) => out.push_str(name),
            (Ast::Atom(name), Some(args)) => print_call(name, args, *meta, e, out),
            (Ast::Node { args: Some(d), .. }, args) if head.head_name() == Some(".") => {
                let args = args.as_deref().unwrap_or(&[]);
                match d.as_slice() {
                    [Ast::Atom(m), Ast::Atom(f)] if m == "Elixir.Access" && f == "get" && args.len() == 2 => {
                        print_paren(&args[0], prec_of(&args[0]) < 100, out);
                        out.push('[');
                        print(&args[1], out);
                        out.push(']');
                    }
                    [target, Ast::Atom(f)] => {
                        match target {
                            Ast::Atom(m) => out.push_str(&ast_print::atom(m)),
                            t => print_paren(t, prec_of(t) < 100, out),
                        }
                        out.push('.');
                        print_fn_name(f, out);
                        if !(meta.no_parens && args.is_empty()) {
                            out.push('(');
                            print_args(args, out);
                            out.push(')');
                        }
                    }
                    [fun] => {
                        print_paren(fun, prec_of(fun) < 100, out);
                        out.push_str(".(");
                        print_args(args, out);
                        out.push(')');
                    }
                    _ => out.push_str("..."),
                }
            }
            (h, args) => {
                print(h, out);
                out.push('(');
                print_args(args.as_deref().unwrap_or(&[]), out);
                out.push(')');
            }
        },
    }
}

fn print_call(name: &str, args: &[Ast], _meta: Meta, e: &Ast, out: &mut String) {
    if let (Some((p, right)), [a, b]) = (binop(name), args) {
        let (pa, pb) = (prec_of(a), prec_of(b));
        let (la, rb) = if right { (pa <= p, pb < p) } else { (pa < p, pb <= p) };
        print_paren(a, la, out);
        if name == ".." || name == "**" {
            out.push_str(name);
        } else {
            out.push(' ');
            out.push_str(name);
            out.push(' ');
        }
        print_paren(b, rb, out);
        return;
    }
    match (name, args) {
        ("__aliases__", segs) => {
            let names: Vec<String> = segs
                .iter()
                .map(|s| match s {
                    Ast::Atom(a) => a.clone(),
                    other => to_string(other),
                })
                .collect();
            out.push_str(&names.join("."));
        }
        ("not" | "!" | "-" | "+" | "^" | "@", [x]) => {
            out.push_str(name);
            if name == "not" {
                out.push(' ');
            }
            print_paren(x, prec_of(x) < 100 && !(name == "@" || name == "^"), out);
        }
        ("&", [Ast::Int(n)]) => {
            out.push('&');
            out.push_str(&n.to_string());
        }
        ("&", [x]) => {
            out.push('&');
            if let (Some("/"), Ast::Node { args: Some(fa), .. }) = (x.head_name(), x) {
                print(&fa[0], out);
                out.push('/');
                print(&fa[1], out);
            } else {
                print_paren(x, true, out);
            }
        }
        ("{}", items) => {
            out.push('{');
            print_items(items, out);
            out.push('}');
        }
        ("%{}", items) => {
            out.push_str("%{");
            print_map_body(items, out);
            out.push('}');
        }
        ("%", [s, m]) => {
            out.push('%');
            print(s, out);
            out.push('{');
            if let Ast::Node { args: Some(items), .. } = m {
                print_map_body(items, out);
            }
            out.push('}');
        }
        ("<<>>", parts) => {
            if !print_string_parts(parts, out) {
                out.push_str("<<");
                print_items(parts, out);
                out.push_str(">>");
            }
        }
        ("..//", [a, b, c]) => {
            print(a, out);
            out.push_str("..");
            print(b, out);
            out.push_str("//");
            print(c, out);
        }
        ("__block__", items) if items.len() == 1 => print(&items[0], out),
        ("__block__", items) => {
            out.push('(');
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                print(it, out);
            }
            out.push(')');
        }
        ("fn", clauses) => {
            out.push_str("fn ");
            for (i, c) in clauses.iter().enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                print_arrow(c, out);
            }
            out.push_str(" end");
        }
        (s, [Ast::Node { args: Some(parts), .. }, Ast::List(mods)]) if s.starts_with("sigil_") && s.len() > 6 => {
            out.push('~');
            out.push_str(&s[6..]);
            out.push('/');
            for p in parts {
                match p {
                    Ast::Str(lit) => out.push_str(&String::from_utf8_lossy(lit).replace('/', "\\/")),
                    Ast::Node { args: Some(a), .. } if !a.is_empty() => {
                        out.push_str("#{");
                        let inner = match &a[0] {
                            Ast::Node { head, args: Some(x), .. } if x.len() == 1 && is_remote(head, "Elixir.Kernel", "to_string") => &x[0],
                            other => other,
                        };
                        print(inner, out);
                        out.push('}');
                    }
                    _ => {}
                }
            }
            out.push('/');
            for m in mods {
                if let Ast::Int(c) = m {
                    if let Some(ch) = char::from_u32(*c as u32) {
                        out.push(ch);
                    }
                }
            }
        }
        _ => {
            let has_do = matches!(args.last(), Some(Ast::List(items)) if matches!(items.first(), Some(Ast::Pair(k, _)) if **k == Ast::Atom("do".into())));
            if has_do {
                print_do_call(name, args, out);
                return;
            }
            print_fn_name(name, out);
            out.push('(');
            print_args(args, out);
            out.push(')');
            let _ = e;
        }
    }
}

fn print_arrow(c: &Ast, out: &mut String) {
    if let Ast::Node { args: Some(a), .. } = c {
        if c.head_name() == Some("->") && a.len() == 2 {
            if let Ast::List(params) = &a[0] {
                if !params.is_empty() {
                    print_items(params, out);
                    out.push(' ');
                }
            }
            out.push_str("-> ");
            print(&a[1], out);
            return;
        }
    }
    print(c, out);
}

/// `if x do y else z end` and friends, on one line.
fn print_do_call(name: &str, args: &[Ast], out: &mut String) {
    let Some((blocks, rest)) = args.split_last() else { return };
    print_fn_name(name, out);
    if !rest.is_empty() {
        out.push(' ');
        print_args(rest, out);
    }
    if let Ast::List(items) = blocks {
        for it in items {
            if let Ast::Pair(k, v) = it {
                if let Ast::Atom(k) = &**k {
                    out.push(' ');
                    out.push_str(k);
                    out.push(' ');
                    match &**v {
                        Ast::List(cl) if cl.iter().all(|c| c.head_name() == Some("->")) && !cl.is_empty() => {
                            for (i, c) in cl.iter().enumerate() {
                                if i > 0 {
                                    out.push_str("; ");
                                }
                                print_arrow(c, out);
                            }
                        }
                        v => print(v, out),
                    }
                }
            }
        }
    }
    out.push_str(" end");
}

// ---------------------------------------------------------------------------------------------
// Assertion lowering

fn var(name: &str, meta: Meta) -> Ast {
    Ast::var(name, meta)
}

/// A call of a failure function, never in tail position (so the caller's frame, with the line
/// of the assertion, stays in the stacktrace).
fn remote(f: &str, args: Vec<Ast>, meta: Meta) -> Ast {
    block(vec![super::expr::remote_ast(ASSERTIONS, f, args, meta), atom("nil")], meta)
}

fn if_else(cond: Ast, then: Ast, els: Ast, meta: Meta) -> Ast {
    let kw = Ast::List(vec![
        Ast::Pair(Box::new(Ast::Atom("do".into())), Box::new(then)),
        Ast::Pair(Box::new(Ast::Atom("else".into())), Box::new(els)),
    ]);
    Ast::node("if", meta, vec![cond, kw])
}

fn block(items: Vec<Ast>, meta: Meta) -> Ast {
    Ast::node("__block__", meta, items)
}

fn assign(pat: Ast, value: Ast, meta: Meta) -> Ast {
    Ast::node("=", meta, vec![pat, value])
}

fn atom(a: &str) -> Ast {
    Ast::Atom(a.into())
}

fn s(text: String) -> Ast {
    Ast::Str(text.into_bytes())
}

/// The code of `assert left op right`: on one line, or, past the formatter's 98 columns, broken
/// after the operator with the right side indented by two (as `Macro.to_string/1` does).
fn binary_code(name: &str, e: &Ast, op: &str, sides: &[Ast]) -> String {
    let one = format!("{} {}", name, to_string(e));
    if one.chars().count() <= 98 || one.contains('\n') {
        return one;
    }
    let left = to_string(&Ast::node(op, Meta::default(), vec![sides[0].clone(), Ast::Atom("x".into())]));
    let left = left.strip_suffix(" :x").unwrap_or(&left).trim_end();
    format!("{} {}\n  {}", name, left, to_string(&sides[1]))
}

const COMPARISONS: &[&str] = &["==", "!=", "===", "!==", "<", ">", "<=", ">=", "=~", "in"];

/// The variables a pattern binds (not pinned ones, not `_`-prefixed ones), in order.
pub(crate) fn pattern_vars(e: &Ast, out: &mut Vec<String>) {
    match e {
        Ast::Node { head, args, .. } => {
            if let (Ast::Atom(n), None) = (&**head, args) {
                if !n.starts_with('_') && !out.contains(n) {
                    out.push(n.clone());
                }
                return;
            }
            if matches!(e.head_name(), Some("^") | Some("when")) {
                if e.head_name() == Some("when") {
                    if let Some(a) = args.as_ref().and_then(|a| a.first()) {
                        pattern_vars(a, out);
                    }
                }
                return;
            }
            if let Some(a) = args {
                for x in a {
                    pattern_vars(x, out);
                }
            }
        }
        Ast::List(items) => items.iter().for_each(|i| pattern_vars(i, out)),
        Ast::Pair(a, b) => {
            pattern_vars(a, out);
            pattern_vars(b, out);
        }
        _ => {}
    }
}

/// Rewrites an assertion macro call (see [`is_assertion_macro`]) into plain code. `n` makes
/// the temporaries' names unique.
pub(crate) fn lower_assertion(name: &str, args: &[Ast], meta: Meta, n: u32) -> Ast {
    let m = Meta { span: meta.span, no_parens: false };
    let l = format!("exunit_left__{n}");
    let r = format!("exunit_right__{n}");
    let code = |what: &str, e: &Ast| s(format!("{} {}", what, to_string(e)));
    match (name, args) {
        ("catch_error" | "catch_throw" | "catch_exit", [e]) => {
            // catch_kind(expr): the value thrown/raised/exited, or a failed assertion
            let kind = &name["catch_".len()..];
            let f = Ast::node("fn", m, vec![Ast::node("->", m, vec![Ast::List(vec![]), e.clone()])]);
            super::expr::remote_ast(ASSERTIONS, "__catch__", vec![atom(kind), f], m)
        }
        ("assert" | "refute", [e]) => {
            let assert = name == "assert";
            let kind = if assert { "Assertion" } else { "Refute" };
            if let Ast::Node { args: Some(ab), .. } = e {
                let op = e.head_name().unwrap_or("");
                if ab.len() == 2 && COMPARISONS.contains(&op) {
                    let cmp = Ast::node(op, m, vec![var(&l, m), var(&r, m)]);
                    let fail = remote("__compare_failed__", vec![s(kind.into()), atom(op), s(binary_code(name, e, op, ab)), var(&l, m), var(&r, m)], m);
                    let test = if assert { if_else(cmp, atom("true"), fail, m) } else { if_else(cmp, fail, atom("false"), m) };
                    return block(vec![assign(var(&l, m), ab[0].clone(), m), assign(var(&r, m), ab[1].clone(), m), test], m);
                }
                if op == "=" && ab.len() == 2 && assert {
                    let (pat, rhs) = (&ab[0], &ab[1]);
                    let check = Ast::node("match?", m, vec![pat.clone(), var(&r, m)]);
                    let fail = remote("__match_failed__", vec![s("match (=) failed".into()), s(binary_code(name, e, op, ab)), s(to_string(pat)), var(&r, m)], m);
                    return block(
                        vec![assign(var(&r, m), rhs.clone(), m), if_else(check, atom("ok"), fail, m), assign(pat.clone(), var(&r, m), m)],
                        m,
                    );
                }
                if op == "match?" && ab.len() == 2 {
                    let (pat, rhs) = (&ab[0], &ab[1]);
                    let check = Ast::node("match?", m, vec![pat.clone(), var(&r, m)]);
                    let msg = if assert { "match (match?) failed" } else { "match (match?) succeeded, but should have failed" };
                    let fail = remote("__match_failed__", vec![s(msg.into()), code(name, e), s(to_string(pat)), var(&r, m)], m);
                    let test = if assert { if_else(check, atom("true"), fail, m) } else { if_else(check, fail, atom("false"), m) };
                    return block(vec![assign(var(&r, m), rhs.clone(), m), test], m);
                }
            }
            let fail_fn = if assert { "__truthy_failed__" } else { "__falsy_failed__" };
            let fail = remote(fail_fn, vec![code(name, e), var(&l, m)], m);
            let test = if assert { if_else(var(&l, m), var(&l, m), fail, m) } else { if_else(var(&l, m), fail, atom("false"), m) };
            block(vec![assign(var(&l, m), e.clone(), m), test], m)
        }
        _ => {
            // assert_receive(pattern, timeout \\ 100, message \\ nil) and friends.
            let received = name.ends_with("received");
            let refute = name.starts_with("refute");
            let pat = &args[0];
            let timeout = if received { Ast::Int(0) } else { args.get(1).cloned().unwrap_or(Ast::Int(100)) };
            let message = if received { args.get(1) } else { args.get(2) }.cloned().unwrap_or(atom("nil"));
            let (p, guard) = match pat {
                Ast::Node { args: Some(w), .. } if pat.head_name() == Some("when") && w.len() == 2 => (&w[0], Some(w[1].clone())),
                _ => (pat, None),
            };
            let msg_var = var(&r, m);
            let bound = assign(p.clone(), msg_var.clone(), m);
            let head = match guard {
                Some(g) => Ast::node("when", m, vec![bound, g]),
                None => bound,
            };
            let code_text = code(name, pat);
            let arrow = |head: Ast, body: Ast| Ast::node("->", m, vec![Ast::List(vec![head]), body]);
            if refute {
                let fail = remote("__refute_receive_failed__", vec![code_text, msg_var.clone(), s(to_string(pat)), message], m);
                let kw = Ast::List(vec![
                    Ast::Pair(Box::new(atom("do")), Box::new(Ast::List(vec![arrow(head, fail)]))),
                    Ast::Pair(Box::new(atom("after")), Box::new(Ast::List(vec![arrow(timeout, atom("false"))]))),
                ]);
                return Ast::node("receive", m, vec![kw]);
            }
            let mut vars = vec![];
            pattern_vars(p, &mut vars);
            vars.retain(|v| v != &r);
            let vars_tuple = Ast::node("{}", m, vars.iter().map(|v| var(v, m)).collect());
            let t = format!("exunit_timeout__{n}");
            let fail = remote("__receive_failed__", vec![code_text, s(to_string(pat)), var(&t, m), message], m);
            let kw = Ast::List(vec![
                Ast::Pair(Box::new(atom("do")), Box::new(Ast::List(vec![arrow(head, Ast::Pair(Box::new(msg_var.clone()), Box::new(vars_tuple.clone())))]))),
                Ast::Pair(Box::new(atom("after")), Box::new(Ast::List(vec![arrow(var(&t, m), fail)]))),
            ]);
            let recv = Ast::node("receive", m, vec![kw]);
            let vars_var = format!("exunit_vars__{n}");
            block(
                vec![
                    assign(var(&t, m), timeout, m),
                    assign(Ast::Pair(Box::new(var(&l, m)), Box::new(var(&vars_var, m))), recv, m),
                    assign(vars_tuple, var(&vars_var, m), m),
                    var(&l, m),
                ],
                m,
            )
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Test modules

/// One registered test.
#[derive(Clone, Debug)]
pub(crate) struct TestInfo {
    pub name: String,
    pub line: u32,
    pub describe: Option<(String, u32)>,
    pub tags: Vec<(String, Literal)>,
    pub setups: Vec<String>,
}

/// What `use ExUnit.Case` collects while the module body is walked.
#[derive(Clone, Debug, Default)]
pub(crate) struct TestModule {
    pub async_: bool,
    pub tests: Vec<TestInfo>,
    pub setup_all: Vec<String>,
    pub setups: Vec<String>,
    pub moduletags: Vec<(String, Literal)>,
    pub pending_tags: Vec<(String, Literal)>,
    /// Inside `describe`: its name, line, setups and `@describetag`s.
    pub describe: Option<(String, u32)>,
    pub describe_setups: Vec<String>,
    pub describetags: Vec<(String, Literal)>,
    pub counter: u32,
    /// `doctest Mod`: the module and the line of the `doctest`.
    pub doctests: Vec<(String, u32)>,
}

/// Tags from an `@tag`/`@moduletag` value: `:x` is `x: true`, a keyword list its pairs.
pub(crate) fn tags_of(v: &Literal) -> Option<Vec<(String, Literal)>> {
    match v {
        Literal::Atom(a) => Some(vec![(a.clone(), Literal::Atom("true".into()))]),
        Literal::List(items, _) => items
            .iter()
            .map(|i| match i {
                Literal::Tuple(kv) if kv.len() == 2 => match &kv[0] {
                    Literal::Atom(k) => Some((k.clone(), kv[1].clone())),
                    _ => None,
                },
                Literal::Atom(a) => Some((a.clone(), Literal::Atom("true".into()))),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

fn merge(into: &mut Vec<(String, Literal)>, from: &[(String, Literal)]) {
    for (k, v) in from {
        into.retain(|(kk, _)| kk != k);
        into.push((k.clone(), v.clone()));
    }
}

fn lit_atom(a: &str) -> Literal {
    Literal::Atom(a.into())
}

fn lit_list(items: Vec<Literal>) -> Literal {
    Literal::List(items, Box::new(Literal::Nil))
}

fn lit_map(pairs: Vec<(&str, Literal)>) -> Literal {
    Literal::Map(pairs.into_iter().map(|(k, v)| (lit_atom(k), v)).collect())
}

impl TestModule {
    /// Registers a test defined now (its tags are the pending `@tag`s).
    pub fn add_test(&mut self, desc: &str, line: u32) -> String {
        let name = match &self.describe {
            Some((d, _)) => format!("test {} {}", d, desc),
            None => format!("test {}", desc),
        };
        let mut tags = self.moduletags.clone();
        merge(&mut tags, &self.describetags);
        let pending = std::mem::take(&mut self.pending_tags);
        merge(&mut tags, &pending);
        self.tests.push(TestInfo { name: name.clone(), line, describe: self.describe.clone(), tags, setups: vec![] });
        name
    }

    /// A fresh setup function name.
    pub fn setup_name(&mut self, all: bool) -> String {
        self.counter += 1;
        if all {
            format!("__ex_unit_setup_all_{}", self.counter)
        } else {
            format!("__ex_unit_setup_{}", self.counter)
        }
    }

    /// Ends a `describe`: its tests get its setups.
    pub fn end_describe(&mut self) {
        if let Some(d) = self.describe.take() {
            let setups = std::mem::take(&mut self.describe_setups);
            for t in self.tests.iter_mut().filter(|t| t.describe.as_ref() == Some(&d)) {
                t.setups = setups.clone();
            }
        }
        self.describetags.clear();
    }

    /// The constant returned by `__ex_unit__/0`.
    pub fn metadata(&self, file: &str) -> Literal {
        let tests = self
            .tests
            .iter()
            .map(|t| {
                let mut setups: Vec<Literal> = self.setups.iter().map(|s| lit_atom(s)).collect();
                setups.extend(t.setups.iter().map(|s| lit_atom(s)));
                let (describe, dline) = match &t.describe {
                    Some((d, l)) => (Literal::Binary(d.as_bytes().to_vec()), Literal::Int(*l as i64)),
                    None => (lit_atom("nil"), lit_atom("nil")),
                };
                lit_map(vec![
                    ("name", lit_atom(&t.name)),
                    ("line", Literal::Int(t.line as i64)),
                    ("describe", describe),
                    ("describe_line", dline),
                    ("tags", Literal::Map(t.tags.iter().map(|(k, v)| (lit_atom(k), v.clone())).collect())),
                    ("setups", lit_list(setups)),
                ])
            })
            .collect();
        lit_map(vec![
            ("async", lit_atom(if self.async_ { "true" } else { "false" })),
            ("file", Literal::Binary(file.as_bytes().to_vec())),
            ("setup_all", lit_list(self.setup_all.iter().map(|s| lit_atom(s)).collect())),
            ("doctests", lit_list(self.doctests.iter().map(|(m, l)| Literal::Tuple(vec![lit_atom(m), Literal::Int(*l as i64)])).collect())),
            ("tests", lit_list(tests)),
        ])
    }
}

/// The body of a `setup`/`setup_all` function: `(context_pattern, body)` for a block, or a
/// call of the named function(s) for `setup :name` / `setup [:a, :b]` / `setup {Mod, :f}`.
pub(crate) fn setup_bodies(args: &[Ast], span: Span) -> Option<Vec<(Ast, Ast)>> {
    let m = Meta { span, no_parens: false };
    let ctx = || var("context", m);
    let call = |target: &Ast| -> Option<(Ast, Ast)> {
        match target {
            Ast::Atom(f) => Some((ctx(), Ast::node(f, m, vec![ctx()]))),
            Ast::Pair(module, f) => match &**f {
                Ast::Atom(f) => {
                    let dot = Ast::node(".", m, vec![(**module).clone(), Ast::Atom(f.clone())]);
                    Some((ctx(), Ast::Node { head: Box::new(dot), meta: m, args: Some(vec![ctx()]) }))
                }
                _ => None,
            },
            _ => None,
        }
    };
    match args {
        [Ast::List(kw)] if matches!(kw.first(), Some(Ast::Pair(k, _)) if **k == atom("do")) => {
            let body = super::special::kw_get(&args[0], "do")?.clone();
            Some(vec![(var("_context", m), body)])
        }
        [pat, Ast::List(kw)] if matches!(kw.first(), Some(Ast::Pair(k, _)) if **k == atom("do")) => {
            let body = super::special::kw_get(&args[1], "do")?.clone();
            Some(vec![(pat.clone(), body)])
        }
        [Ast::List(items)] => items.iter().map(call).collect(),
        [one] => call(one).map(|c| vec![c]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_one(src: &str) -> Ast {
        let ast = crate::parser::parse(src).expect("parses");
        match ast {
            Ast::Node { ref args, .. } if ast.head_name() == Some("__block__") => args.as_ref().unwrap()[0].clone(),
            a => a,
        }
    }

    #[test]
    fn prints_like_macro_to_string() {
        for src in [
            "1 + 1 == 3",
            "length(x) == 2",
            "{:ok, _} = {:error, 1}",
            "String.contains?(\"abc\", \"z\")",
            "match?({:ok, _}, {:error, 2})",
            "[1, 2, 3] != [1, 2, 3]",
            "1 == 1 and 2 == 3",
            "%{a: 1, b: [x: 2]}",
            "%{\"k\" => v}",
            "%Foo{a: 1}",
            "(1 + 2) * 3",
            "fn x -> x * 2 end",
            "Enum.map([1, 2], fn x -> x + 1 end)",
            "&(&1 + 1)",
            "&String.upcase/1",
            "\"a#{x}b\"",
            "~r/ab+c/i",
            "map[:key]",
            "user.name",
            "not x",
            "!x",
            "-x",
            "^pinned",
            "f.(1)",
            ":lists.reverse(x)",
            "Keyword.get(opts, :a, 1)",
            "f(a, b: 1)",
            "[h | t]",
            "1..10",
            "x in [1, 2]",
            "a <> b",
            "x |> f() |> g(1)",
        ] {
            assert_eq!(to_string(&parse_one(src)), src, "{src}");
        }
    }

    #[test]
    fn pattern_vars_skip_pins_and_underscores() {
        let mut v = vec![];
        pattern_vars(&parse_one("{:ok, x, ^y, _z, [h | t]}"), &mut v);
        assert_eq!(v, ["x", "h", "t"]);
    }
}
