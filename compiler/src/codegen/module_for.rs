//! A comprehension in a module body (`for {k, v} <- @pairs do def f(unquote(k)), do:
//! unquote(v) end`): Elixir runs it at compile time, and each `def` in it, written with
//! *unquote fragments*, defines a function whose head and body have the fragments' values.
//!
//! Follows Elixir 1.14's `Kernel.define/4`: a definition with unquote fragments is escaped
//! with `:elixir_quote.escape(expr, :none, true)`, so the fragments are evaluated where the
//! definition is (in the comprehension, once per iteration) and the definition's own
//! variables keep a `nil` context (they are the function's plain variables, not hygienic).
//!
//! Here the comprehension is rewritten to code returning the definitions as quoted terms
//! ([`quoting_comprehension`]): each definition item `d` becomes `quote(context: nil, do: d)`
//! (our `quote` evaluates `unquote` fragments at any depth of the quoted code and
//! gives variables the `nil` context), other items (`x = k * 2`, `IO.puts(...)`) stay code
//! run at compile time, and a nested comprehension contributes its own definitions. The
//! module compiler runs that code in the macro host (`Collector::eval_at_compile_time`) and
//! processes the quoted definitions it returns as module body items, in order.

use super::special::kw_get;
use super::{err, unsupported, R};
use crate::ast::{Ast, Meta, Span};

/// Module body items a comprehension's body defines (quoted, and processed after the
/// comprehension ran): definitions, attributes, ExUnit's test declarations.
const DEFINITIONS: &[&str] = &[
    "def", "defp", "defmacro", "defmacrop", "defdelegate", "defguard", "defguardp", "defstruct",
    "defexception", "defoverridable", "test", "describe", "setup", "setup_all",
];

/// Whether `item` is one of [`DEFINITIONS`] or a module attribute set (`@doc "..."`; a read
/// `@name` is an ordinary expression).
fn is_definition(item: &Ast) -> bool {
    match item.head_name() {
        Some("@") => matches!(item, Ast::Node { args: Some(a), .. } if matches!(a.as_slice(), [Ast::Node { args: Some(_), .. }])),
        Some(n) => DEFINITIONS.contains(&n) && matches!(item, Ast::Node { args: Some(_), .. }),
        None => false,
    }
}

/// `quote(context: nil, do: item)`. A test's name (`test "x #{k}" do ... end`) and an
/// attribute's value (`@tag k`) are computed at compile time in Elixir, where they are written,
/// so they are unquoted (the value escaped): the quoted item holds their values.
fn quoted(item: &Ast, m: Meta) -> Ast {
    let item = match item {
        Ast::Node { head, meta, args: Some(args) } if item.head_name() == Some("@") => match args.as_slice() {
            [Ast::Node { head: ah, meta: am, args: Some(values) }] if values.len() == 1 => {
                let escaped = Ast::Node {
                    head: Box::new(Ast::node(".", m, vec![Ast::Atom("Elixir.Macro".into()), Ast::Atom("escape".into())])),
                    meta: m,
                    args: Some(vec![values[0].clone()]),
                };
                let attr = Ast::Node { head: ah.clone(), meta: *am, args: Some(vec![Ast::node("unquote", m, vec![escaped])]) };
                Ast::Node { head: head.clone(), meta: *meta, args: Some(vec![attr]) }
            }
            _ => item.clone(),
        },
        Ast::Node { head, meta, args: Some(args) } if matches!(item.head_name(), Some("test" | "describe")) && !args.is_empty() => {
            let mut args = args.clone();
            args[0] = Ast::node("unquote", m, vec![args[0].clone()]);
            Ast::Node { head: head.clone(), meta: *meta, args: Some(args) }
        }
        other => other.clone(),
    };
    let opts = vec![
        Ast::Pair(Box::new(Ast::Atom("context".into())), Box::new(Ast::Atom("nil".into()))),
        Ast::Pair(Box::new(Ast::Atom(crate::expand::quote::KEEP_LINES.into())), Box::new(Ast::Atom("true".into()))),
        Ast::Pair(Box::new(Ast::Atom("do".into())), Box::new(item)),
    ];
    Ast::node("quote", m, vec![Ast::List(opts)])
}

/// The items of a `do` body (a block's expressions, or the one expression).
fn body_items(body: &Ast) -> Vec<Ast> {
    match body {
        Ast::Node { args: Some(items), .. } if body.head_name() == Some("__block__") => items.clone(),
        b => vec![b.clone()],
    }
}

/// Rewrites the comprehension `for <args>` of a module body to an expression whose value is
/// the list of quoted definitions it makes, in order (see the module doc). Errors: a
/// comprehension without `do`, or with `reduce:` (whose body is no definition list).
pub(crate) fn quoting_comprehension(args: &[Ast], span: Span) -> R<Ast> {
    let m = Meta { span, no_parens: false };
    let Some((opts, gens)) = args.split_last() else { return Err(err("invalid arguments for for", span)) };
    let Some(body) = kw_get(opts, "do") else { return Err(err("missing :do option in \"for\"", span)) };
    if kw_get(opts, "reduce").is_some() {
        return Err(unsupported("for with :reduce in a module body", span));
    }
    // Nested comprehensions recurse here: as deep as the source nests `for`s.
    let mut block = vec![];
    let mut parts = vec![];
    for (i, item) in body_items(body).iter().enumerate() {
        if is_definition(item) {
            let var = Ast::var(&format!("def{i}@for"), m);
            block.push(Ast::node("=", m, vec![var.clone(), Ast::List(vec![quoted(item, m)])]));
            parts.push(var);
        } else if let (Some("for"), Ast::Node { args: Some(inner), .. }) = (item.head_name(), item) {
            let var = Ast::var(&format!("def{i}@for"), m);
            block.push(Ast::node("=", m, vec![var.clone(), quoting_comprehension(inner, item.span())?]));
            parts.push(var);
        } else {
            block.push(item.clone());
        }
    }
    block.push(remote("lists", "append", vec![Ast::List(parts)], m));
    let mut new_args: Vec<Ast> = gens.to_vec();
    new_args.push(Ast::List(vec![Ast::Pair(Box::new(Ast::Atom("do".into())), Box::new(Ast::node("__block__", m, block)))]));
    let comprehension = Ast::node("for", m, new_args);
    Ok(remote("lists", "append", vec![comprehension], m))
}

/// `:module.fun(args)`.
fn remote(module: &str, fun: &str, args: Vec<Ast>, m: Meta) -> Ast {
    let target = Ast::Atom(module.to_string());
    let dot = Ast::node(".", m, vec![target, Ast::Atom(fun.to_string())]);
    Ast::Node { head: Box::new(dot), meta: m, args: Some(args) }
}
