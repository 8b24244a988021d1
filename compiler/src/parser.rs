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
    #[allow(clippy::all, unused_parens, dead_code, unused_imports, unused_variables)]
    grammar
);

/// Parses a whole file. Several top-level expressions become `{:__block__, [], [...]}`, one
/// stands for itself, an empty file is `{:__block__, [], []}`.
///
/// Errors: every lexical error (bad character, unterminated string, unbalanced delimiters,
/// missing `end`), or the first syntax error, or `E0010 nesting too deep` for a program nested
/// deeper than [`crate::nesting::MAX_NESTING`]. Never panics; runs on the compiler's own stack
/// ([`crate::nesting::on_compile_stack`]).
pub fn parse(source: &str) -> Result<Ast, Vec<Diagnostic>> {
    crate::nesting::on_compile_stack(|| parse_here(source))
}

fn parse_here(source: &str) -> Result<Ast, Vec<Diagnostic>> {
    let lines = LineIndex::new(source);
    let tokens = tokenize(source)?;
    crate::nesting::check_tokens(&tokens, &lines).map_err(|d| vec![d])?;
    let stmts = parse_tokens(source, &lines, &tokens)?;
    for s in &stmts {
        let start = s.meta().map_or(0, |m| m.span.start as usize);
        crate::nesting::check_ast(s, &lines, start).map_err(|d| vec![d])?;
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_byte_ranges_with_lines() {
        let ast = parse("x = 1\nfoo(a, bé)").unwrap();
        let Ast::Node { args: Some(stmts), .. } = ast else { panic!() };
        let call = stmts[1].meta().unwrap().span;
        assert_eq!((call.start, call.end, call.line), (6, 17, 2));
        let Ast::Node { args: Some(args), .. } = &stmts[1] else { panic!() };
        assert_eq!(args[1].meta().unwrap().span, crate::ast::Span { start: 13, end: 16, line: 2 });
    }

    #[test]
    fn no_parens_flag() {
        assert!(parse("a.b").unwrap().meta().unwrap().no_parens);
        assert!(!parse("a.b()").unwrap().meta().unwrap().no_parens);
    }

    #[test]
    fn incomplete_input() {
        for src in ["if x do", "foo(1,", "\"abc", "fn x ->", "1 +", "[1,", "x = \"\"\"\nabc"] {
            let e = parse(src).unwrap_err();
            assert!(is_incomplete(&e), "{:?}: {:?}", src, e);
        }
        for src in ["[1 2]", "end", "x -> y", "1abc"] {
            assert!(!is_incomplete(&parse(src).unwrap_err()), "{:?}", src);
        }
    }

    #[test]
    fn empty_file() {
        assert_eq!(parse("").unwrap().to_string(), "{:__block__, [], []}");
        assert_eq!(parse("# only a comment\n").unwrap().to_string(), "{:__block__, [], []}");
    }
}
