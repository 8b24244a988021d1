//! How deep a program may nest, and the compiler's stack.
//!
//! The compiler's passes recurse over the syntax tree. So that no program can overflow the
//! stack and abort the process, a program nested deeper than [`MAX_NESTING`] is refused with
//! the diagnostic `E0010 nesting too deep` (checked twice: on the tokens before the parser
//! builds a tree, by counting open delimiters, `do` and `fn`; and on the tree it built, deeper
//! than [`MAX_TREE_DEPTH`], which also catches long chains of operators), and parsing and compiling run on a stack of
//! [`COMPILE_STACK`] bytes (reserved address space, touched only as deep as the program goes)
//! through [`on_compile_stack`].

use crate::ast::Ast;
use crate::diagnostic::Diagnostic;
use crate::lexer::{LineIndex, Tok, Token};

/// The deepest nesting a program may have: levels of delimiters, `do`/`fn` blocks and syntax
/// tree nodes inside each other. Elixir has no such limit; 10,000 is far beyond hand-written code.
pub const MAX_NESTING: usize = 10_000;

/// The deepest syntax tree a program may parse to (each delimiter level is several tree levels,
/// and a chain of binary operators is one level per operator).
pub const MAX_TREE_DEPTH: usize = 100_000;

/// Bytes of the stack the parser and the code generator run on.
pub const COMPILE_STACK: usize = 1 << 30;

/// Runs `f` on a stack of [`COMPILE_STACK`] bytes (allocated on first use on this thread's
/// call chain; a nested call that already runs on it does not allocate another).
pub fn on_compile_stack<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(COMPILE_STACK / 2, COMPILE_STACK, f)
}

/// The `nesting too deep` diagnostic at byte `pos`.
fn too_deep(lines: &LineIndex, pos: usize, max: usize, what: &str) -> Diagnostic {
    Diagnostic::error("E0010", format!("nesting too deep: more than {max} {what}"), lines.span(pos, pos))
}

/// Refuses tokens whose delimiters (`(`, `[`, `{`, `%{`, `<<`, `do`, `fn`, string
/// interpolation) nest deeper than [`MAX_NESTING`].
pub fn check_tokens(tokens: &[Token], lines: &LineIndex) -> Result<(), Diagnostic> {
    let mut depth = 0usize;
    for t in tokens {
        match t.tok {
            Tok::LParen | Tok::CallParen | Tok::DotCall | Tok::LBracket | Tok::LBrace | Tok::MapOpen | Tok::LBin | Tok::Do | Tok::Fn | Tok::InterpStart => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(too_deep(lines, t.start, MAX_NESTING, "levels of expressions inside each other"));
                }
            }
            Tok::RParen | Tok::RBracket | Tok::RBrace | Tok::RBin | Tok::End | Tok::InterpEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// The depth of `ast` (a literal is 1), measured with an explicit stack.
pub fn depth(ast: &Ast) -> usize {
    let mut deepest = 0;
    let mut todo: Vec<(&Ast, usize)> = vec![(ast, 1)];
    while let Some((a, d)) = todo.pop() {
        deepest = deepest.max(d);
        match a {
            Ast::List(items) => todo.extend(items.iter().map(|i| (i, d + 1))),
            Ast::Pair(x, y) => todo.extend([(&**x, d + 1), (&**y, d + 1)]),
            Ast::Node { head, args, .. } => {
                todo.push((head, d + 1));
                todo.extend(args.iter().flatten().map(|i| (i, d + 1)));
            }
            _ => {}
        }
    }
    deepest
}

/// Refuses a tree deeper than [`MAX_TREE_DEPTH`]; `start` is the byte offset reported.
pub fn check_ast(ast: &Ast, lines: &LineIndex, start: usize) -> Result<(), Diagnostic> {
    if depth(ast) > MAX_TREE_DEPTH {
        return Err(too_deep(lines, start, MAX_TREE_DEPTH, "syntax tree levels"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(open: &str, inner: &str, close: &str, n: usize) -> String {
        format!("x = {}{}{}\nx\n", open.repeat(n), inner, close.repeat(n))
    }

    /// Compiles on a thread with a 256 KiB stack: only the compiler's own stack makes it fit.
    fn compile_small_thread(src: String) -> Result<(), Vec<Diagnostic>> {
        std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || crate::codegen::compile(&src, "deep.exs", "deep").map(|_| ()))
            .unwrap()
            .join()
            .unwrap()
    }

    fn assert_too_deep(r: Result<(), Vec<Diagnostic>>) {
        let d = r.expect_err("refused");
        assert_eq!(d[0].code, "E0010", "{d:?}");
        assert!(d[0].message.starts_with("nesting too deep"), "{d:?}");
    }

    #[test]
    fn deep_programs_within_the_limits_compile() {
        compile_small_thread(nested("fn -> ", "1", " end", 3000)).unwrap();
        compile_small_thread(nested("case 1 do _ -> ", "1", " end", 2000)).unwrap();
        compile_small_thread(nested("[", "1", "]", 1000)).unwrap();
        compile_small_thread(format!("x = 1{}\nx\n", " + 1".repeat(20_000))).unwrap();
    }

    #[test]
    fn deeper_programs_get_a_diagnostic() {
        assert_too_deep(compile_small_thread(nested("[", "", "]", 100_000)));
        assert_too_deep(compile_small_thread(nested("{", "", "}", 100_000)));
        assert_too_deep(compile_small_thread(nested("fn -> ", "1", " end", 10_001)));
        assert_too_deep(compile_small_thread(nested("case 1 do _ -> ", "1", " end", 100_000)));
        assert_too_deep(compile_small_thread(format!("x = 1{}\nx\n", " + 1".repeat(200_000))));
    }

    #[test]
    fn depth_counts_levels() {
        let ast = crate::parser::parse("[[1]]").unwrap();
        assert_eq!(depth(&ast), 3);
    }
}
