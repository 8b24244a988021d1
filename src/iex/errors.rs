//! Compile errors at the prompt, printed as IEx 1.14 prints them: `** (SyntaxError) iex:L:C:
//! message` with the offending line and a caret, `** (CompileError) iex:L: message` otherwise.
//! `L` counts as IEx does: the first line of the input numbered `n` is line `n`.

use retort_compiler::diagnostic::Diagnostic;

/// The line (1-based) and column (1-based, in characters) of byte `offset` in `src`.
fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let before = &src[..src.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Renders `diags` found in `wrapped` (the script built from the input, whose first input line
/// is line `first_line` of `wrapped`) for the input numbered `n`.
pub fn render(diags: &[Diagnostic], wrapped: &str, first_line: usize, n: usize) -> String {
    let mut out = String::new();
    for d in diags.iter().take(1) {
        let (line, col) = line_col(wrapped, d.span.start as usize);
        let iex_line = n + line.saturating_sub(first_line);
        if d.code == "E0001" {
            let text = wrapped.lines().nth(line - 1).unwrap_or("");
            let width = iex_line.to_string().len();
            let pad = " ".repeat(width + 1);
            out.push_str(&format!("** (SyntaxError) iex:{iex_line}:{col}: {}\n", d.message));
            out.push_str(&format!("  {pad}|\n  {iex_line} | {text}\n  {pad}| {}^\n\n", " ".repeat(col.saturating_sub(1))));
        } else {
            out.push_str(&format!("** (CompileError) iex:{iex_line}: {}\n\n", d.message));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use retort_compiler::ast::Span;

    #[test]
    fn syntax_error_on_the_third_line_of_input_two() {
        let wrapped = "prelude\n[1,\n2 +\n]\n";
        let at = wrapped.rfind(']').unwrap() as u32;
        let d = Diagnostic::error("E0001", "syntax error before: ']'", Span { start: at, end: at + 1, line: 4 });
        assert_eq!(render(&[d], wrapped, 2, 2), "** (SyntaxError) iex:4:1: syntax error before: ']'\n    |\n  4 | ]\n    | ^\n\n");
    }

    #[test]
    fn compile_error_line_counts_from_the_prompt_number() {
        let wrapped = "prelude\ny = z + 1\n";
        let at = wrapped.find('z').unwrap() as u32;
        let d = Diagnostic::error("E0200", "undefined variable \"z\"", Span { start: at, end: at + 1, line: 2 });
        assert_eq!(render(&[d], wrapped, 2, 7), "** (CompileError) iex:7: undefined variable \"z\"\n\n");
    }
}
