//! The pass over the token vector for the rules that need neighbouring tokens
//! (`docs/parsing-elixir.md` §2, §4, §7): unary vs binary `+`/`-`, op identifiers
//! (`f -1`), nullary `..`, `&1`, `not in`, do identifiers, `f(1)(2)`, newline and `;`
//! separators, and the delimiter stack.

use super::{LineIndex, Tok, Token};
use crate::diagnostic::Diagnostic;

/// Can this token end an operand (so a `+`/`-` after it is binary)?
fn ends_operand(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Int(_)
            | Tok::Float(_)
            | Tok::Atom(_)
            | Tok::Ident(_)
            | Tok::DoIdent(_)
            | Tok::Alias(_)
            | Tok::RParen
            | Tok::RBracket
            | Tok::RBrace
            | Tok::RBin
            | Tok::End
            | Tok::StrEnd(_)
            | Tok::CaptureInt(_)
            | Tok::RangeNullary
    )
}

/// After these tokens a newline does not separate statements.
fn continues(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Bin(_)
            | Tok::Pipe
            | Tok::When
            | Tok::Assoc
            | Tok::Arrow
            | Tok::Unary(_)
            | Tok::Capture
            | Tok::At
            | Tok::Dot
            | Tok::DotCall
            | Tok::CallParen
            | Tok::Comma
            | Tok::LParen
            | Tok::LBracket
            | Tok::LBrace
            | Tok::LBin
            | Tok::MapOpen
            | Tok::Percent
            | Tok::Do
            | Tok::Fn
            | Tok::BlockIdent(_)
            | Tok::Kw(_)
            | Tok::InterpStart
            | Tok::StrEndKw
            | Tok::Eol
    )
}

/// Before these tokens a newline does not separate statements.
fn joins_previous(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Bin(_)
            | Tok::Pipe
            | Tok::When
            | Tok::Assoc
            | Tok::Arrow
            | Tok::Dot
            | Tok::Do
            | Tok::RParen
            | Tok::RBracket
            | Tok::RBrace
            | Tok::RBin
            | Tok::End
            | Tok::BlockIdent(_)
            | Tok::InterpEnd
    )
}

/// Applies every neighbour rule; errors go to `diags`.
pub(super) fn cook(src: &str, lines: &LineIndex, toks: Vec<Token>, diags: &mut Vec<Diagnostic>) -> Vec<Token> {
    let toks = classify(src, toks);
    let toks = separators(lines, toks, diags);
    check_delimiters(src, lines, &toks, diags);
    toks
}

fn classify(src: &str, mut toks: Vec<Token>) -> Vec<Token> {
    // `not in`, `&1`
    let mut out: Vec<Token> = Vec::with_capacity(toks.len());
    for t in toks.drain(..) {
        if let Some(prev) = out.last_mut() {
            match (&prev.tok, &t.tok) {
                (Tok::Unary(n), Tok::Bin(b)) if n == "not" && b == "in" => {
                    prev.tok = Tok::Bin("not in".into());
                    prev.end = t.end;
                    continue;
                }
                (Tok::Capture, Tok::Int(crate::ast::Ast::Int(n))) => {
                    prev.tok = Tok::CaptureInt(*n);
                    prev.end = t.end;
                    continue;
                }
                _ => {}
            }
        }
        out.push(t);
    }
    let mut toks = out;
    for i in 0..toks.len() {
        let prev = if i > 0 { Some(toks[i - 1].tok.clone()) } else { None };
        let prev_ends = prev.as_ref().is_some_and(ends_operand);
        match toks[i].tok.clone() {
            Tok::Bin(op) if op == "+" || op == "-" => {
                if !prev_ends {
                    toks[i].tok = Tok::Unary(op);
                } else if matches!(prev, Some(Tok::Ident(_))) && toks[i].space_before {
                    let next = src[toks[i].end..].chars().next();
                    let glued = next.is_some_and(|c| !c.is_whitespace() && !"([{<%+-/>:".contains(c));
                    if glued {
                        if let Tok::Ident(name) = prev.unwrap() {
                            toks[i - 1].tok = Tok::OpIdent(name);
                        }
                        toks[i].tok = Tok::Unary(op);
                    }
                }
            }
            Tok::Bin(op) if op == ".." => {
                // `a\n.. b` is still binary: look through newlines
                let mut j = i;
                while j > 0 && toks[j - 1].tok == Tok::Eol {
                    j -= 1;
                }
                let ends = j > 0 && ends_operand(&toks[j - 1].tok);
                if !ends {
                    toks[i].tok = Tok::RangeNullary;
                }
            }
            Tok::Do => {
                if let Some(Tok::Ident(name)) = prev {
                    toks[i - 1].tok = Tok::DoIdent(name);
                }
            }
            Tok::LParen if !toks[i].space_before && matches!(prev, Some(Tok::RParen)) => {
                toks[i].tok = Tok::CallParen;
            }
            _ => {}
        }
    }
    toks
}

fn separators(lines: &LineIndex, toks: Vec<Token>, diags: &mut Vec<Diagnostic>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        if !matches!(toks[i].tok, Tok::Eol | Tok::Semi) {
            out.push(toks[i].clone());
            i += 1;
            continue;
        }
        let start = i;
        let mut semis = 0;
        while i < toks.len() && matches!(toks[i].tok, Tok::Eol | Tok::Semi) {
            if toks[i].tok == Tok::Semi {
                semis += 1;
                if semis == 2 {
                    diags.push(Diagnostic::error(
                        "E0001",
                        "unexpected token: \";\" (empty statement)",
                        lines.span(toks[i].start, toks[i].end),
                    ));
                }
            }
            i += 1;
        }
        let drop = match (out.last(), toks.get(i)) {
            (None, _) | (_, None) => true,
            (Some(p), Some(n)) => continues(&p.tok) || joins_previous(&n.tok),
        };
        if !drop {
            let mut t = toks[start].clone();
            t.tok = Tok::Eol;
            t.end = toks[i - 1].end;
            out.push(t);
        }
    }
    out
}

fn closer_name(t: &Tok) -> Option<&'static str> {
    Some(match t {
        Tok::LParen | Tok::CallParen | Tok::DotCall => ")",
        Tok::LBracket => "]",
        Tok::LBrace | Tok::MapOpen => "}",
        Tok::LBin => ">>",
        Tok::Do | Tok::Fn => "end",
        _ => return None,
    })
}

fn opener_name(t: &Tok) -> &'static str {
    match t {
        Tok::LParen | Tok::CallParen => "(",
        Tok::DotCall => ".(",
        Tok::LBracket => "[",
        Tok::LBrace | Tok::MapOpen => "{",
        Tok::LBin => "<<",
        Tok::Do => "do",
        Tok::Fn => "fn",
        _ => "",
    }
}

/// The indentation (leading spaces and tabs) of the line holding byte `pos`.
fn indent_of(src: &str, pos: usize) -> usize {
    let start = src[..pos.min(src.len())].rfind('\n').map_or(0, |i| i + 1);
    src[start..].chars().take_while(|c| *c == ' ' || *c == '\t').count()
}

fn check_delimiters(src: &str, lines: &LineIndex, toks: &[Token], diags: &mut Vec<Diagnostic>) {
    // (index of opener, is it `f (` with a space)
    let mut stack: Vec<(usize, bool)> = vec![];
    // the first `do`/`fn` closed by an `end` indented less than its line: the likely culprit
    // when an `end` turns out to be missing
    let mut suspect: Option<(usize, usize)> = None;
    for (i, t) in toks.iter().enumerate() {
        if closer_name(&t.tok).is_some() {
            let spaced_call = t.tok == Tok::LParen
                && t.space_before
                && i > 0
                && matches!(toks[i - 1].tok, Tok::Ident(_));
            stack.push((i, spaced_call));
            continue;
        }
        let closer = match &t.tok {
            Tok::RParen => ")",
            Tok::RBracket => "]",
            Tok::RBrace => "}",
            Tok::RBin => ">>",
            Tok::End => "end",
            Tok::Comma => {
                if let Some(&(o, true)) = stack.last() {
                    let name = match &toks[o - 1].tok {
                        Tok::Ident(n) => n.clone(),
                        _ => String::new(),
                    };
                    diags.push(
                        Diagnostic::error("E0103", "unexpected parentheses", lines.span(toks[o].start, toks[o].end))
                            .with_label(lines.span(toks[o - 1].end, toks[o].start), "space before the argument list")
                            .with_note(format!(
                                "if you are making a function call, do not insert spaces between the function name and the opening parentheses: write {}(...)",
                                name
                            )),
                    );
                    return;
                }
                continue;
            }
            _ => continue,
        };
        let span = lines.span(t.start, t.end);
        match stack.pop() {
            Some((o, _)) if closer_name(&toks[o].tok) == Some(closer) => {
                if closer == "end" && suspect.is_none() && indent_of(src, t.start) < indent_of(src, toks[o].start) {
                    suspect = Some((o, i));
                }
            }
            Some((o, _)) => {
                let open = &toks[o];
                let msg = if closer == "end" { "unexpected reserved word: end".to_string() } else { format!("unexpected token: {}", closer) };
                diags.push(
                    Diagnostic::error("E0102", msg, span)
                        .with_label(
                            lines.span(open.start, open.end),
                            format!("unclosed \"{}\"", opener_name(&open.tok)),
                        )
                        .with_note(format!("expected {} before this", closer_name(&open.tok).unwrap())),
                );
                return;
            }
            None => {
                let msg = if closer == "end" { "unexpected reserved word: end".to_string() } else { format!("unexpected token: {}", closer) };
                diags.push(Diagnostic::error("E0102", msg, span).with_note(format!("there is no opening delimiter for this {}", closer)));
                return;
            }
        }
    }
    if let Some(&(o, _)) = stack.last() {
        let open = &toks[o];
        let end = toks.last().map_or(0, |t| t.end);
        let opener = opener_name(&open.tok);
        let closer = closer_name(&open.tok).unwrap();
        let msg = format!(
            "missing terminator: {} (for \"{}\" starting at line {})",
            closer,
            opener,
            lines.line(open.start)
        );
        let mut d = Diagnostic::error("E0101", msg, lines.span(end, end))
            .with_label(lines.span(open.start, open.end), format!("this \"{}\" is never closed", opener))
            .with_note(format!("add the missing {}", closer));
        if let Some((o, e)) = suspect {
            let (so, se) = (&toks[o], &toks[e]);
            d = d
                .with_label(lines.span(so.start, so.end), format!("this \"{}\" probably lacks its \"end\"", opener_name(&so.tok)))
                .with_label(lines.span(se.start, se.end), "this \"end\" is indented like an outer block")
                .with_note(format!(
                    "it looks like the \"{}\" on line {} does not have a matching \"end\"",
                    opener_name(&so.tok),
                    lines.line(so.start)
                ));
        }
        diags.push(Diagnostic { incomplete: true, ..d });
    }
}

#[cfg(test)]
mod tests {
    use crate::lexer::{tokenize, Tok};

    fn kinds(src: &str) -> Vec<Tok> {
        tokenize(src).unwrap().into_iter().map(|t| t.tok).collect()
    }
    fn ident(s: &str) -> Tok {
        Tok::Ident(s.into())
    }

    #[test]
    fn unary_or_binary_minus() {
        assert_eq!(kinds("f -1")[..2], [Tok::OpIdent("f".into()), Tok::Unary("-".into())]);
        assert_eq!(kinds("f - 1")[1], Tok::Bin("-".into()));
        assert_eq!(kinds("f-1")[1], Tok::Bin("-".into()));
        assert_eq!(kinds("f -(1)")[1], Tok::Bin("-".into()));
        assert_eq!(kinds("f(x) -1")[4], Tok::Bin("-".into()));
        assert_eq!(kinds("1 - -1")[2], Tok::Unary("-".into()));
    }

    #[test]
    fn nullary_range_and_capture_int() {
        assert_eq!(kinds(".."), [Tok::RangeNullary]);
        assert_eq!(kinds("a\n.. b")[1], Tok::Bin("..".into()));
        assert_eq!(kinds("& 1"), [Tok::CaptureInt(1)]);
    }

    #[test]
    fn not_in_and_do_identifier() {
        assert_eq!(kinds("a not in b")[1], Tok::Bin("not in".into()));
        assert_eq!(kinds("foo do end")[0], Tok::DoIdent("foo".into()));
        // not retagged across a newline
        assert_eq!(kinds("foo\ndo\nend")[0], ident("foo"));
    }

    #[test]
    fn newlines() {
        assert_eq!(kinds("a\n|> b"), [ident("a"), Tok::Bin("|>".into()), ident("b")]);
        assert_eq!(kinds("a\n- b"), [ident("a"), Tok::Eol, Tok::Unary("-".into()), ident("b")]);
        assert_eq!(kinds("a |>\n\n# c\nb").len(), 3);
        assert_eq!(kinds("a;\n\nb"), [ident("a"), Tok::Eol, ident("b")]);
        assert_eq!(kinds("(\na\n)"), [Tok::LParen, ident("a"), Tok::RParen]);
        assert!(tokenize("a; ;b").is_err());
    }

    #[test]
    fn call_of_call_paren() {
        assert_eq!(kinds("f(1)(2)")[4], Tok::CallParen);
    }

    #[test]
    fn delimiters() {
        let e = tokenize("if x do\n 1").unwrap_err();
        assert!(e[0].incomplete && e[0].message.contains("end"));
        let e = tokenize("(1, 2]").unwrap_err();
        assert!(!e[0].incomplete && e[0].message.contains("]"));
        let e = tokenize("f (1, 2)").unwrap_err();
        assert_eq!(e[0].message, "unexpected parentheses");
    }
}
