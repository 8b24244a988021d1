//! Code evaluated at run time: the compiler's half of `Code.string_to_quoted/2` and
//! `Code.eval_quoted/3` (so `Code.eval_string/3` too). The VM asks through its
//! `CompilerHook`; these functions reuse the parser and the code generator (no second
//! compiler).
//!
//! Follows Elixir 1.14's `Code` and `elixir.erl` (`eval_forms`): the quoted code runs with the
//! given binding, and the binding that comes back holds the given variables and every
//! variable the code binds at its top level (`elixir_erl_var:dump_binding`); the VM side
//! orders them as Elixir does.

use crate::ast::{Ast, Meta, Span};
use crate::codegen::{CompiledUnit, err};
use crate::diagnostic::Diagnostic;
use retort_vm::bytecode::Literal;
use std::collections::BTreeSet;

/// A syntax error as `Code.string_to_quoted/2` reports it: 1-based `line` and `column`, the
/// message (Elixir's words where the parser has them), the token it stopped at (often
/// empty), and whether the input ended too early (`TokenMissingError` rather than
/// `SyntaxError`).
#[derive(Clone, Debug)]
pub struct QuotedSyntaxError {
    pub line: u32,
    pub column: u32,
    pub message: String,
    pub token: String,
    pub incomplete: bool,
}

/// Parses `source` to Elixir's quoted form: calls and variables carry `[line: N]` (and
/// `no_parens: true` where Elixir puts it), a block of several expressions is
/// `{:__block__, [], exprs}`, an empty source is `{:__block__, [], []}`. Errors: the first
/// syntax error, located.
pub fn string_to_quoted(source: &str) -> Result<Literal, QuotedSyntaxError> {
    match crate::parser::parse(source) {
        Ok(ast) => {
            let t = crate::expand::term::to_term(&ast, 0).map_err(|m| QuotedSyntaxError { line: 1, column: 1, message: m, token: String::new(), incomplete: false })?;
            Ok(block_meta(t))
        }
        Err(diags) => {
            let d = diags.into_iter().next();
            let (start, line, message, incomplete) = match d {
                Some(d) => (d.span.start as usize, d.span.line.max(1), d.message, d.incomplete),
                None => (0, 1, "syntax error".to_string(), false),
            };
            let upto = source.get(..start.min(source.len())).unwrap_or("");
            let column = upto.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
            Err(QuotedSyntaxError { line, column, message, token: String::new(), incomplete })
        }
    }
}

/// `{:__block__, meta, items}` at the top gets Elixir's empty metadata.
fn block_meta(t: Literal) -> Literal {
    match t {
        Literal::Tuple(mut items) if items.len() == 3 && items[0] == Literal::Atom("__block__".into()) => {
            items[1] = Literal::Nil;
            Literal::Tuple(items)
        }
        t => t,
    }
}

/// The variables a top-level expression binds: those of the left side of `=` (also chained,
/// `a = b = 1`), not those bound inside `case`, `fn` and the like (which Elixir does not export
/// either). Pinned variables and `_`-prefixed names are not bindings.
pub fn bound_vars(stmt: &Ast, out: &mut BTreeSet<String>) {
    // Chains `a = b = c` nest to the right: walk them in a loop.
    let mut cur = stmt;
    while let Ast::Node { head, args: Some(args), .. } = cur {
        match (&**head, args.as_slice()) {
            (Ast::Atom(op), [lhs, rhs]) if op == "=" => {
                pattern_vars(lhs, out);
                cur = rhs;
            }
            _ => break,
        }
    }
}

fn pattern_vars(p: &Ast, out: &mut BTreeSet<String>) {
    // An explicit work list: patterns can be deep.
    let mut work = vec![p];
    while let Some(p) = work.pop() {
        match p {
            Ast::Node { head, args: None, .. } => {
                if let Ast::Atom(name) = &**head {
                    if !name.starts_with('_') && !name.contains('@') && name.chars().next().is_some_and(|c| c.is_lowercase()) {
                        out.insert(name.clone());
                    }
                }
            }
            Ast::Node { head, args: Some(args), .. } => {
                if matches!(&**head, Ast::Atom(op) if op == "^" || op == "__aliases__" || op == "@") {
                    continue;
                }
                if !matches!(&**head, Ast::Atom(_)) {
                    work.push(head);
                }
                work.extend(args.iter());
            }
            Ast::List(items) => work.extend(items.iter()),
            Ast::Pair(a, b) => {
                work.push(a);
                work.push(b);
            }
            _ => {}
        }
    }
}

/// The name of the variable holding the evaluated code's value (no program can write it).
const VALUE_VAR: &str = "value@eval";

/// Compiles the quoted code `quoted` for `Code.eval_quoted/3`. The unit's script evaluates
/// to a fun taking the values of `binding` (variable names, in that order) and returning
/// `{value, [{name, value}, ...]}` with the names of `binding` and those the code binds at its
/// top level (sorted by name; the caller orders them as Elixir does). Modules the code defines
/// at its top level are compiled as modules of the unit (loaded before the fun runs); their
/// place in the code evaluates to `nil`. Variables that a quote made hygienic (a context
/// other than `nil`) are distinct from the binding's, as in Elixir. Errors: a term that is not
/// quoted code, or the compile errors.
pub fn compile_quoted(quoted: &Literal, binding: &[String], file: &str, script_module: &str) -> Result<CompiledUnit, Vec<Diagnostic>> {
    let span = Span { start: 0, end: 0, line: 1 };
    let counter = crate::expand::next_counter();
    let body = crate::expand::term::FromTerm { counter, span }.ast(quoted, 0).map_err(|e| vec![err(e, span)])?;
    let m = Meta { span, no_parens: false };
    let stmts: Vec<Ast> = match body {
        Ast::Node { head, args: Some(s), .. } if matches!(&*head, Ast::Atom(b) if b == "__block__") => s,
        b => vec![b],
    };
    let mut top = vec![];
    let mut rest = vec![];
    let mut names: BTreeSet<String> = binding.iter().cloned().collect();
    for s in stmts {
        if s.head_name() == Some("defmodule") {
            top.push(s);
            rest.push(Ast::Atom("nil".into()));
        } else {
            bound_vars(&s, &mut names);
            rest.push(s);
        }
    }
    if rest.is_empty() {
        rest.push(Ast::Atom("nil".into()));
    }
    let value = Ast::var(VALUE_VAR, m);
    let pairs: Vec<Ast> = names.iter().map(|n| Ast::Pair(Box::new(Ast::Atom(n.clone())), Box::new(Ast::var(n, m)))).collect();
    let result = Ast::Pair(Box::new(value.clone()), Box::new(Ast::List(pairs)));
    let fn_body = Ast::node(
        "__block__",
        m,
        vec![Ast::node("=", m, vec![value, Ast::node("__block__", m, rest)]), result],
    );
    let params: Vec<Ast> = binding.iter().map(|n| Ast::var(n, m)).collect();
    let fun = Ast::node("fn", m, vec![Ast::node("->", m, vec![Ast::List(params), fn_body])]);
    top.push(fun);
    crate::codegen::compile_ast(&Ast::node("__block__", m, top), file, script_module).map_err(|ds| ds.into_iter().map(as_evaluator_reports).collect())
}

/// A diagnostic worded as Elixir 1.14's evaluator reports it: a read of an unbound variable
/// `y` was expanded to the call `y()` (`elixir_expand`, with the warning `variable "y" does
/// not exist and is being expanded to "y()"`, given here as a note starting `warning: `), so
/// the error is `undefined function y/0 (there is no such import)`. Others are unchanged.
fn as_evaluator_reports(mut d: Diagnostic) -> Diagnostic {
    if d.code != crate::codegen::UNDEFINED_VARIABLE {
        return d;
    }
    let Some(name) = d.message.strip_prefix("undefined variable \"").and_then(|r| r.strip_suffix('"')).map(str::to_string) else { return d };
    d.message = format!("undefined function {name}/0 (there is no such import)");
    d.notes.push(format!(
        "warning: variable \"{name}\" does not exist and is being expanded to \"{name}()\", please use parentheses to remove the ambiguity or change the variable name"
    ));
    d
}
