//! lalrpop errors → [`Diagnostic`]s with Elixir-like messages.

use crate::diagnostic::Diagnostic;
use crate::lexer::{LineIndex, Tok, Token};
use lalrpop_util::ParseError;

/// How a token is named in "syntax error before: ..." (Elixir's style: literals quoted with
/// `"`, punctuation with `'`, keywords bare).
fn describe(src: &str, tok: &Tok, start: usize, end: usize) -> String {
    let text = src.get(start..end).unwrap_or("").trim_end_matches(':');
    match tok {
        Tok::Int(_) | Tok::Float(_) | Tok::Ident(_) | Tok::ParenIdent(_) | Tok::BracketIdent(_)
        | Tok::DoIdent(_) | Tok::OpIdent(_) | Tok::Alias(_) | Tok::CaptureInt(_) => format!("\"{}\"", text),
        Tok::Atom(a) => format!(":{}", a),
        Tok::Kw(k) => format!("{}:", k),
        Tok::Fn | Tok::Do | Tok::End | Tok::BlockIdent(_) | Tok::When => text.to_string(),
        Tok::Eol => "end of line".to_string(),
        Tok::StrStart(_) => {
            // At most up to the closing quote, or 20 bytes, cut back to a character boundary
            // (the text may hold any UTF-8).
            let rest = src.get(start..).unwrap_or("");
            let close = rest.get(1..).and_then(|r| r.find('"')).map_or(rest.len().min(20), |i| i + 2);
            let mut end = close.min(rest.len());
            while !rest.is_char_boundary(end) {
                end -= 1;
            }
            rest[..end].to_string()
        }
        Tok::StrPart(_) | Tok::StrEnd(_) | Tok::StrEndKw => "string".to_string(),
        Tok::InterpEnd => "'}'".to_string(),
        _ => format!("'{}'", text),
    }
}

pub(super) fn convert(src: &str, lines: &LineIndex, tokens: &[Token], e: ParseError<usize, Tok, Diagnostic>) -> Diagnostic {
    match e {
        ParseError::User { mut error } => {
            let fix = |s: crate::ast::Span| if s.line == 0 { lines.span(s.start as usize, s.end as usize) } else { s };
            error.span = fix(error.span);
            for l in &mut error.labels {
                l.0 = fix(l.0);
            }
            error
        }
        ParseError::UnrecognizedEof { location, expected } => {
            let last = tokens.last();
            let mut d = Diagnostic::error("E0002", "syntax error: expression is incomplete", lines.span(location, location));
            if let Some(t) = last {
                d = d.with_label(lines.span(t.start, t.end), "the input ends after this");
            }
            d = with_expected(d, &expected);
            Diagnostic { incomplete: true, ..d }
        }
        ParseError::UnrecognizedToken { token: (start, tok, end), expected } => {
            let what = describe(src, &tok, start, end);
            let span = lines.span(start, end);
            if tok == Tok::InterpEnd {
                let d = Diagnostic::error("E0002", "syntax error: expression is incomplete", span);
                return Diagnostic { incomplete: true, ..d };
            }
            let mut d = match &tok {
                Tok::Comma if comma_after_no_parens_call(tokens, start) => {
                    return Diagnostic::error("E0107", "unexpected comma", span)
                        .with_label(span, "this comma is ambiguous")
                        .with_note(
                        "parentheses are required when a call without parentheses is an argument followed by more arguments: write foo(a, bar(b, c)) or foo(a, bar(b), c)",
                    );
                }
                Tok::Do => Diagnostic::error("E0001", "syntax error before: do", span),
                _ if keyword_expected_only(&expected) => {
                    return Diagnostic::error("E0108", "unexpected expression after keyword list", span)
                        .with_label(span, "only keyword pairs may follow a keyword pair")
                        .with_note("keyword lists must come last in lists and calls: move this expression before the keywords, or write the list with explicit tuples [{:a, 1}, 2]");
                }
                _ => Diagnostic::error("E0001", format!("syntax error before: {}", what), span),
            };
            d = d.with_label(span, format!("unexpected {}", what));
            with_expected(d, &expected)
        }
        ParseError::ExtraToken { token: (start, tok, end) } => {
            let what = describe(src, &tok, start, end);
            Diagnostic::error("E0001", format!("unexpected token: {}", what), lines.span(start, end))
        }
        ParseError::InvalidToken { location } => {
            Diagnostic::error("E0001", "invalid token", lines.span(location, location + 1))
        }
    }
}

/// Heuristic: the comma follows `name arg` with no paren between it and the last open
/// container or start of statement, and an earlier comma in the same group.
fn comma_after_no_parens_call(tokens: &[Token], at: usize) -> bool {
    let idx = tokens.iter().position(|t| t.start == at).unwrap_or(0);
    let mut depth = 0i32;
    for t in tokens[..idx].iter().rev() {
        match t.tok {
            Tok::RParen | Tok::RBracket | Tok::RBrace | Tok::RBin | Tok::End => depth += 1,
            Tok::LParen | Tok::LBracket | Tok::LBrace | Tok::LBin | Tok::MapOpen | Tok::CallParen | Tok::DotCall | Tok::Do | Tok::Fn => {
                if depth == 0 {
                    return false;
                }
                depth -= 1;
            }
            Tok::Eol => return false,
            Tok::Ident(_) | Tok::OpIdent(_) if depth == 0 => return !std::ptr::eq(t, &tokens[idx - 1]),
            _ => {}
        }
    }
    false
}

/// After `a: 1,` only another key (or a closer) may come.
fn keyword_expected_only(expected: &[String]) -> bool {
    expected.iter().any(|e| e == "\"kw\"") && !expected.iter().any(|e| e.contains("int") || e.contains("ident"))
}

fn word(terminal: &str) -> Option<&'static str> {
    Some(match terminal.trim_matches('"') {
        ")" => "`)`",
        "]" => "`]`",
        "}" => "`}`",
        ">>" => "`>>`",
        "end" => "`end`",
        "," => "`,`",
        "->" => "`->`",
        "=>" => "`=>`",
        "eol" => "a newline",
        _ => return None,
    })
}

fn with_expected(d: Diagnostic, expected: &[String]) -> Diagnostic {
    let mut words: Vec<&str> = expected.iter().filter_map(|e| word(e)).collect();
    words.dedup();
    let operand_start = expected.iter().any(|e| e.contains("int") || e.contains("ident"));
    if operand_start {
        words.insert(0, "an expression");
    }
    if words.is_empty() {
        return d;
    }
    d.with_note(format!("expected {}", words.join(" or ")))
}
