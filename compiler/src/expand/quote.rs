//! `quote`: the quoted expression becomes code that builds its AST as a term, in Elixir's
//! quoted form (follows Elixir 1.14's `elixir_quote.erl`).
//!
//! - a literal (number, atom, binary) quotes to itself; a list to a list of the quoted items; a
//!   2-tuple to a 2-tuple;
//! - a variable `x` to `{:x, [], Context}`, where `Context` is the module the quote is written
//!   in (`Elixir` outside a module);
//! - a call to `{name, meta, args}`; `meta` holds `[context: Context, imports: [{arity, Kernel}
//!   ...]]` when the name is one `Kernel` exports (every arity it exports, as Elixir records the
//!   import), `[no_parens: true]` for `x.y`, `[alias: false]` (or `[alias: Full]` for a name
//!   aliased where the quote is) on `__aliases__`, `[]` otherwise;
//! - `unquote(e)` is `e`, evaluated where the quote is; `unquote_splicing(e)` inside a list
//!   or an argument list splices the list `e` in (`++`);
//! - options: `bind_quoted: [x: e]` (binds `x` to the value of `e` at the start of the quoted
//!   block and disables unquoting), `unquote: false`; `location:`, `line:`, `context:` and
//!   `generated:` are accepted and, except `context:`, ignored.
//!
//! Recursion follows the source nesting and stops at [`MAX_QUOTE_DEPTH`] with a diagnostic.

use super::kernel_imports::kernel_arities;
use crate::ast::{Ast, Meta, Span};
use crate::codegen::module::Env;
use crate::codegen::{err, R};

/// Deepest quoted expression `quote` accepts.
pub(crate) const MAX_QUOTE_DEPTH: usize = 1000;

struct Quoter<'e> {
    env: &'e Env,
    /// The context atom of variables (`Elixir` or the module).
    context: String,
    unquote: bool,
    /// Record each node's source line (`[line: N]`), as the escape of a definition with
    /// unquote fragments keeps its metadata (see [`KEEP_LINES`]).
    keep_lines: bool,
    span: Span,
}

/// The option (a name no program writes) that makes `quote` keep the source lines of the
/// quoted code, for the definitions of a module-body comprehension (`codegen::module_for`).
pub(crate) const KEEP_LINES: &str = "keep_lines@retort";

fn atom(a: &str) -> Ast {
    Ast::Atom(a.to_string())
}

fn tuple3(a: Ast, b: Ast, c: Ast) -> Ast {
    Ast::node("{}", Meta::default(), vec![a, b, c])
}

fn kw(pairs: Vec<(&str, Ast)>) -> Ast {
    Ast::List(pairs.into_iter().map(|(k, v)| Ast::Pair(Box::new(atom(k)), Box::new(v))).collect())
}

/// The builder of `quote(args)` (the arguments of the `quote` call: options and `do`).
pub(crate) fn quote(args: &[Ast], env: &Env, span: Span) -> R<Ast> {
    let mut opts: Vec<(String, Ast)> = vec![];
    for a in args {
        if let Ast::List(items) = a {
            for it in items {
                if let Ast::Pair(k, v) = it {
                    if let Ast::Atom(k) = &**k {
                        opts.push((k.clone(), (**v).clone()));
                        continue;
                    }
                }
                return Err(err("invalid arguments for quote", span));
            }
        } else {
            return Err(err("invalid arguments for quote", span));
        }
    }
    let get = |k: &str| opts.iter().find(|(n, _)| n == k).map(|(_, v)| v);
    let body = get("do").ok_or_else(|| err("missing :do option in \"quote\"", span))?;
    let context = match get("context") {
        Some(Ast::Atom(a)) => a.clone(),
        Some(c) => match c {
            Ast::Node { args: Some(segs), .. } if c.head_name() == Some("__aliases__") => {
                env.alias_name(segs).ok_or_else(|| err("invalid :context for quote", span))?
            }
            _ => return Err(err("invalid :context for quote, expected a compile time atom or alias", span)),
        },
        None => env.module.clone().unwrap_or_else(|| "Elixir".to_string()),
    };
    let bind = get("bind_quoted");
    let unquote = !matches!(get("unquote"), Some(Ast::Atom(f)) if f == "false") && bind.is_none();
    let keep_lines = get(KEEP_LINES).is_some();
    let q = Quoter { env, context, unquote, keep_lines, span };
    let built = q.q(body, 0)?;
    let Some(bind) = bind else { return Ok(built) };
    // {:__block__, [], [{:=, [], [{:x, [line: N], Ctx}, value]}, ..., body]}
    let Ast::List(pairs) = bind else { return Err(err("invalid :bind_quoted for quote, expected a keyword list of variable names", span)) };
    let mut items = vec![];
    for p in pairs {
        let Ast::Pair(k, v) = p else { return Err(err("invalid :bind_quoted for quote, expected a keyword list of variable names", span)) };
        let Ast::Atom(name) = &**k else { return Err(err("invalid :bind_quoted for quote, expected a keyword list of variable names", span)) };
        let var = tuple3(atom(name), kw(vec![("line", Ast::Int(span.line as i64))]), atom(&q.context));
        items.push(tuple3(atom("="), Ast::List(vec![]), Ast::List(vec![var, (**v).clone()])));
    }
    items.push(built);
    Ok(tuple3(atom("__block__"), Ast::List(vec![]), Ast::List(items)))
}

impl Quoter<'_> {
    fn q(&self, e: &Ast, depth: usize) -> R<Ast> {
        if depth > MAX_QUOTE_DEPTH {
            return Err(err(format!("quoted expression nested more than {} levels deep", MAX_QUOTE_DEPTH), self.span));
        }
        Ok(match e {
            Ast::Int(_) | Ast::BigInt(_) | Ast::Float(_) | Ast::Atom(_) | Ast::Str(_) => e.clone(),
            Ast::List(items) => self.list(items, depth)?,
            Ast::Pair(a, b) => Ast::Pair(Box::new(self.q(a, depth + 1)?), Box::new(self.q(b, depth + 1)?)),
            Ast::Node { head, meta, args } => {
                let name = e.head_name();
                if self.unquote {
                    if let (Some("unquote"), Some([x])) = (name, args.as_deref()) {
                        return Ok(x.clone());
                    }
                }
                match args {
                    None => {
                        let name = name.unwrap_or("_");
                        let m = if self.keep_lines && meta.span.line > 0 { kw(vec![("line", Ast::Int(meta.span.line as i64))]) } else { Ast::List(vec![]) };
                        tuple3(atom(name), m, atom(&self.context))
                    }
                    Some(args) => {
                        let qhead = match &**head {
                            Ast::Atom(a) => atom(a),
                            h => self.q(h, depth + 1)?,
                        };
                        let meta_ast = self.meta(e, name, args, *meta);
                        // `@foo`: Elixir marks the attribute's name with the context too.
                        if let (Some("@"), [Ast::Node { args: None, .. }]) = (name, args.as_slice()) {
                            let attr = args[0].head_name().unwrap_or("_");
                            let inner = tuple3(atom(attr), kw(vec![("context", atom(&self.context))]), atom(&self.context));
                            return Ok(tuple3(qhead, meta_ast, Ast::List(vec![inner])));
                        }
                        tuple3(qhead, meta_ast, self.list(args, depth)?)
                    }
                }
            }
        })
    }

    /// The metadata Elixir's quote records for this call.
    fn meta(&self, e: &Ast, name: Option<&str>, args: &[Ast], meta: Meta) -> Ast {
        let mut out = vec![];
        if self.keep_lines && meta.span.line > 0 {
            out.push(("line", Ast::Int(meta.span.line as i64)));
        }
        if meta.no_parens {
            out.push(("no_parens", atom("true")));
        }
        match name {
            Some("__aliases__") => {
                let alias = match args.first() {
                    Some(Ast::Atom(first)) => self.env.aliases.get(first).map(|full| atom(full)),
                    _ => None,
                };
                out.push(("alias", alias.unwrap_or_else(|| atom("false"))));
            }
            Some(n) if !matches!(e, Ast::Node { args: None, .. }) => {
                if let Some(arities) = kernel_arities(n) {
                    if arities.contains(&(args.len() as u32)) {
                        out.push(("context", atom(&self.context)));
                        let imports = arities.iter().map(|a| Ast::Pair(Box::new(Ast::Int(*a as i64)), Box::new(atom("Elixir.Kernel")))).collect();
                        out.push(("imports", Ast::List(imports)));
                    }
                }
            }
            _ => {}
        }
        kw(out)
    }

    /// A list of quoted items, splicing `unquote_splicing(x)` items in with `++`.
    fn list(&self, items: &[Ast], depth: usize) -> R<Ast> {
        let mut parts: Vec<Ast> = vec![];
        let mut run: Vec<Ast> = vec![];
        for it in items {
            if self.unquote {
                if let (Some("unquote_splicing"), Ast::Node { args: Some(a), .. }) = (it.head_name(), it) {
                    if let [x] = a.as_slice() {
                        if !run.is_empty() {
                            parts.push(Ast::List(std::mem::take(&mut run)));
                        }
                        parts.push(x.clone());
                        continue;
                    }
                }
            }
            run.push(self.q(it, depth + 1)?);
        }
        if parts.is_empty() {
            return Ok(Ast::List(run));
        }
        if !run.is_empty() {
            parts.push(Ast::List(run));
        }
        let mut acc = parts.pop().unwrap_or(Ast::List(vec![]));
        while let Some(p) = parts.pop() {
            acc = Ast::node("++", Meta::default(), vec![p, acc]);
        }
        Ok(acc)
    }
}

#[cfg(test)]
mod tests {
    /// A quote nested deeper than the limit is a diagnostic, not a stack overflow.
    #[test]
    fn deep_quote_is_a_diagnostic() {
        let depth = super::MAX_QUOTE_DEPTH + 10;
        let src = format!("quote do: {}1{}", "[".repeat(depth), "]".repeat(depth));
        let r = std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn(move || crate::codegen::compile(&src, "t.exs", "t").map(|_| ()).map_err(|d| d[0].message.clone()))
            .unwrap()
            .join()
            .unwrap();
        assert!(r.unwrap_err().contains("nested more than"));
    }

    /// `unquote_splicing` splices a list into the arguments.
    #[test]
    fn splice_builds_concatenation() {
        assert!(crate::codegen::compile("l = [1]\nquote do: f(unquote_splicing(l), 2)", "t.exs", "t").is_ok());
    }
}
