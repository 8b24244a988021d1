//! `defprotocol`, `defimpl` and `@derive`, lowered to ordinary modules the way Elixir 1.14's
//! `Protocol` (unconsolidated) defines them:
//!
//! - `defprotocol P do def f(a, b) end` is the module `P` with `f/2` (`impl_for!(a).f(a, b)`),
//!   `impl_for/1` (the run-time lookup `:retort_protocol.impl_for/3`, see
//!   `vm/src/bif/protocol.rs`), `impl_for!/1` (raises `Protocol.UndefinedError`) and
//!   `__protocol__/1` (`:module`, `:functions`, `:consolidated?`, `:impls`).
//! - `defimpl P, for: T do ... end` is the module `P.T` (`Module.concat`), with `@protocol`
//!   and `@for` set and `__impl__/1` (`:for`, `:protocol`, `:target`); `for:` takes a list
//!   (one module each) and defaults to the enclosing module.
//! - `@derive [P]` / `@derive {P, opts}` before `defstruct` defines `P.S` delegating every
//!   protocol function to `P.Any` (the default `__deriving__/3`); `@derive {Inspect, only:
//!   [...]}` / `except:` prints `#S<field: value, ...>` as Elixir's `Inspect.Any` derivation.
//!
//! The generated functions are written as source text and parsed, like `using.rs` does.

use super::{err, R};
use crate::ast::{Ast, Span};

/// The functions of a protocol, `(name, arity)` (user protocols of the file are added as they
/// are collected).
pub(crate) fn builtin_functions(protocol: &str) -> Option<Vec<(String, u32)>> {
    let f: &[(&str, u32)] = match protocol {
        "Elixir.String.Chars" => &[("to_string", 1)],
        "Elixir.List.Chars" => &[("to_charlist", 1)],
        "Elixir.Inspect" => &[("inspect", 2)],
        "Elixir.Enumerable" => &[("count", 1), ("member?", 2), ("reduce", 3), ("slice", 1)],
        "Elixir.Collectable" => &[("into", 1)],
        _ => return None,
    };
    Some(f.iter().map(|(n, a)| (n.to_string(), *a)).collect())
}

/// A quoted atom in source text: `:"Elixir.Foo"`.
fn q(atom: &str) -> String {
    format!(":\"{}\"", atom.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Parses generated source into its top-level items.
pub(crate) fn parse_items(src: &str, span: Span) -> R<Vec<Ast>> {
    let ast = crate::parser::parse(src).map_err(|_| err("internal error: generated protocol code does not parse", span))?;
    Ok(super::expr::block_items(&ast).into_iter().cloned().collect())
}

/// The body of a `defprotocol`: what the user wrote minus the bodiless `def`s, plus the
/// dispatch functions. Returns the new body items and the protocol's functions.
pub(crate) fn protocol_body(items: &[&Ast], span: Span) -> R<(Vec<Ast>, Vec<(String, u32)>, bool)> {
    let mut keep = vec![];
    let mut fns: Vec<(String, u32)> = vec![];
    let mut fallback = false;
    for item in items {
        match (item.head_name(), item) {
            (Some("def"), Ast::Node { args: Some(args), .. }) if args.len() == 1 => {
                let head = match &args[0] {
                    Ast::Node { args: Some(a), .. } if args[0].head_name() == Some("when") && a.len() == 2 => &a[0],
                    h => h,
                };
                let (Some(name), Ast::Node { args, .. }) = (head.head_name(), head) else {
                    return Err(err("invalid function definition in defprotocol", item.span()));
                };
                let arity = args.as_ref().map_or(0, |a| a.len()) as u32;
                if arity == 0 {
                    return Err(err("protocol functions expect at least one argument", item.span()));
                }
                if !fns.iter().any(|(n, a)| n == name && *a == arity) {
                    fns.push((name.to_string(), arity));
                }
            }
            (Some("@"), Ast::Node { args: Some(a), .. }) if a.len() == 1 && a[0].head_name() == Some("fallback_to_any") => {
                fallback = matches!(&a[0], Ast::Node { args: Some(v), .. } if v.first() == Some(&Ast::Atom("true".into())));
            }
            _ => keep.push((*item).clone()),
        }
    }
    let mut sorted = fns.clone();
    sorted.sort();
    let funs: Vec<String> = sorted.iter().map(|(n, a)| format!("{{{}, {}}}", q(n), a)).collect();
    let mut src = format!(
        "def __protocol__(:module), do: __MODULE__\n\
         def __protocol__(:functions), do: [{}]\n\
         def __protocol__(:consolidated?), do: false\n\
         def __protocol__(:impls), do: :not_consolidated\n\
         def impl_for(data), do: :retort_protocol.impl_for(__MODULE__, data, {})\n\
         def impl_for!(data) do\n\
           case :retort_protocol.impl_for(__MODULE__, data, {}) do\n\
             nil -> raise Protocol.UndefinedError, protocol: __MODULE__, value: data\n\
             impl -> impl\n\
           end\n\
         end\n",
        funs.join(", "),
        fallback,
        fallback
    );
    for (name, arity) in &fns {
        let args: Vec<String> = (0..*arity).map(|i| format!("a{i}")).collect();
        let a = args.join(", ");
        src.push_str(&format!("def {name}({a}), do: impl_for!(a0).{name}({a})\n"));
    }
    keep.extend(parse_items(&src, span)?);
    Ok((keep, fns, fallback))
}

/// The items `defimpl` adds to an implementation's body: `@protocol`, `@for` (first) and
/// `__impl__/1` (last).
pub(crate) fn impl_items(protocol: &str, target: &str, module: &str, span: Span) -> R<(Vec<Ast>, Vec<Ast>)> {
    let head = parse_items(&format!("@protocol {}\n@for {}\n", q(protocol), q(target)), span)?;
    let tail = parse_items(
        &format!(
            "def __impl__(:for), do: {}\ndef __impl__(:protocol), do: {}\ndef __impl__(:target), do: {}\n",
            q(target),
            q(protocol),
            q(module)
        ),
        span,
    )?;
    Ok((head, tail))
}

/// `Module.concat(protocol, target)` for names with `Elixir.`: `Elixir.Size` + `Elixir.User`
/// → `Elixir.Size.User`; an Erlang module name is appended as is (`Elixir.Size.foo`).
pub(crate) fn impl_name(protocol: &str, target: &str) -> String {
    let t = target.strip_prefix("Elixir.").unwrap_or(target);
    let p = protocol.strip_prefix("Elixir.").unwrap_or(protocol);
    format!("Elixir.{p}.{t}")
}

/// The body of the module `@derive` defines for struct `strukt`: each of the protocol's
/// functions delegates to `P.Any`, or for `Inspect` with `only:`/`except:` the `#S<...>` form.
pub(crate) fn derived_body(protocol: &str, strukt: &str, fields: &[String], opts: Option<&Ast>, fns: &[(String, u32)], span: Span) -> R<Vec<Ast>> {
    let any = impl_name(protocol, "Any");
    let mut src = String::new();
    let kw = |k: &str| -> Option<Vec<String>> {
        let Some(Ast::List(items)) = opts else { return None };
        items.iter().find_map(|p| match p {
            Ast::Pair(kk, v) if **kk == Ast::Atom(k.into()) => match &**v {
                Ast::List(l) => Some(l.iter().filter_map(|a| if let Ast::Atom(a) = a { Some(a.clone()) } else { None }).collect()),
                _ => None,
            },
            _ => None,
        })
    };
    if protocol == "Elixir.Inspect" {
        let only = kw("only");
        let except = kw("except").unwrap_or_default();
        let shown: Vec<String> = match &only {
            Some(o) => fields.iter().filter(|f| o.contains(f) && !except.contains(f)).cloned().collect(),
            None => fields.iter().filter(|f| !except.contains(f)).cloned().collect(),
        };
        if only.is_none() && except.is_empty() {
            src.push_str("def inspect(struct, opts), do: Inspect.Any.inspect(struct, opts)\n");
        } else {
            let list: Vec<String> = shown.iter().map(|f| q(f)).collect();
            src.push_str(&format!(
                "def inspect(struct, opts), do: Inspect.Any.__derived__(struct, opts, [{}], {})\n",
                list.join(", "),
                shown.len() < fields.len()
            ));
        }
    } else {
        for (name, arity) in fns {
            let args: Vec<String> = (0..*arity).map(|i| format!("a{i}")).collect();
            let a = args.join(", ");
            src.push_str(&format!("def {name}({a}), do: {}.{name}({a})\n", q(&any)));
        }
    }
    let _ = strukt;
    parse_items(&src, span)
}
