//! The parser: source text → one [`Ast`] exactly as Elixir 1.14's `Code.string_to_quoted!/2`
//! gives it (with byte spans), or the syntax errors as [`Diagnostic`]s.
//!
//! Pipeline: [`crate::lexer::tokenize`] (logos + the string scanner + the neighbour pass),
//! then the lalrpop grammar (`grammar.lalrpop`), whose actions build the AST with
//! `parser/build.rs` and fold operator chains with `parser/fold.rs`.

pub mod build;
pub mod fold;
mod errors;

use crate::ast::{Ast, Meta};
use crate::diagnostic::Diagnostic;
use crate::lexer::{tokenize, LineIndex, Token};

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, unused_parens, dead_code, unused_imports)]
    grammar
);

/// Parses a whole file. Several top-level expressions become `{:__block__, [], [...]}`, one
/// stands for itself, an empty file is `{:__block__, [], []}`.
///
/// Errors: every lexical error (bad character, unterminated string, unbalanced delimiters,
/// missing `end`), or the first syntax error. Never panics.
pub fn parse(source: &str) -> Result<Ast, Vec<Diagnostic>> {
    let lines = LineIndex::new(source);
    let tokens = tokenize(source)?;
    let stmts = parse_tokens(source, &lines, &tokens)?;
    let mut ast = build::block(stmts);
    fill_lines(&mut ast, &lines);
    Ok(ast)
}

/// True when the errors mean the input ended too early (an open `do`, `(`, `"`, `fn`, a
/// dangling operator): an interactive shell should read another line.
pub fn is_incomplete(diags: &[Diagnostic]) -> bool {
    !diags.is_empty() && diags.iter().any(|d| d.incomplete)
}

fn parse_tokens(src: &str, lines: &LineIndex, tokens: &[Token]) -> Result<Vec<Ast>, Vec<Diagnostic>> {
    let stream = tokens.iter().map(|t| Ok::<_, Diagnostic>((t.start, t.tok.clone(), t.end)));
    let parser = grammar::FileParser::new();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.parse(stream)));
    match result {
        Ok(Ok(stmts)) => Ok(stmts),
        Ok(Err(e)) => Err(vec![errors::convert(src, lines, tokens, e)]),
        Err(_) => Err(vec![Diagnostic::error("E0999", "internal parser error", lines.span(0, 0))]),
    }
}

/// Sets `line` in every span from its start offset.
fn fill_lines(ast: &mut Ast, lines: &LineIndex) {
    match ast {
        Ast::Node { head, meta, args } => {
            fix(meta, lines);
            fill_lines(head, lines);
            for a in args.iter_mut().flatten() {
                fill_lines(a, lines);
            }
        }
        Ast::List(items) => items.iter_mut().for_each(|i| fill_lines(i, lines)),
        Ast::Pair(a, b) => {
            fill_lines(a, lines);
            fill_lines(b, lines);
        }
        _ => {}
    }
}

fn fix(meta: &mut Meta, lines: &LineIndex) {
    if meta.span == Default::default() {
        return;
    }
    meta.span.line = lines.line(meta.span.start as usize);
}
