//! The mode-stack driver: logos in code mode, hand scanning for string-like literals, and a
//! recursive code-mode run for every `#{...}` interpolation.

use super::escape;
use super::raw::Raw;
use super::{LineIndex, StrKind, Tok, Token};
use crate::ast::Ast;
use crate::diagnostic::Diagnostic;
use logos::Logos;

/// A fatal lexical error (unterminated literal): scanning stops.
pub(super) struct Fatal;

/// How backslashes are read in a literal body.
#[derive(Clone, Copy, PartialEq)]
enum Esc {
    /// Strings, charlists, quoted atoms: `\n`, `\xHH`, `\u{...}` ... are decoded.
    Full,
    /// Sigils: backslashes are kept, except one before the closing delimiter.
    Raw,
}

/// Where a literal body ends.
#[derive(Clone, Copy)]
enum Close {
    Char(char),
    /// A heredoc: the body runs up to `limit` (the start of the closing line) and `indent`
    /// whitespace characters are removed from the start of every line.
    Heredoc { limit: usize, indent: usize },
}

pub(super) struct Scanner<'s> {
    src: &'s str,
    lines: &'s LineIndex,
    pub toks: Vec<Token>,
    pub diags: Vec<Diagnostic>,
    last_end: usize,
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

impl<'s> Scanner<'s> {
    pub fn new(src: &'s str, lines: &'s LineIndex) -> Scanner<'s> {
        Scanner { src, lines, toks: vec![], diags: vec![], last_end: 0 }
    }

    fn push(&mut self, tok: Tok, start: usize, end: usize) {
        let space_before = start > self.last_end || self.toks.is_empty() && start > 0;
        self.toks.push(Token { tok, start, end, space_before });
        self.last_end = end;
    }

    fn error(&mut self, msg: impl Into<String>, start: usize, end: usize) {
        self.diags.push(Diagnostic::error("E0001", msg, self.lines.span(start, end)));
    }

    fn char_at(&self, pos: usize) -> Option<char> {
        self.src.get(pos..).and_then(|s| s.chars().next())
    }

    fn prev_is_dot(&self) -> bool {
        matches!(self.toks.last(), Some(Token { tok: Tok::Dot, .. }))
    }

    /// `:` followed by whitespace or the end of input at `pos`: a keyword key suffix.
    fn kw_colon_at(&self, pos: usize) -> bool {
        self.char_at(pos) == Some(':') && self.char_at(pos + 1).is_none_or(is_space)
    }

    /// Lexes code from `start`. In an interpolation (`interp`), returns the position after
    /// the `}` that closes it (an unmatched `}`); otherwise runs to the end of input.
    pub fn code(&mut self, start: usize, interp: bool) -> Result<usize, Fatal> {
        let src = self.src;
        let mut lex = Raw::lexer(&src[start..]);
        let mut depth = 0usize;
        while let Some(r) = lex.next() {
            let sp = lex.span();
            let (s, e) = (start + sp.start, start + sp.end);
            let text = &src[s..e];
            let raw = match r {
                Ok(raw) => raw,
                Err(()) => {
                    let c = text.chars().next().unwrap_or(' ');
                    self.error(format!("unexpected token: \"{}\" (code point U+{:04X})", c, c as u32), s, e);
                    continue;
                }
            };
            match raw {
                Raw::Continuation | Raw::Comment => {}
                Raw::Newline => self.push(Tok::Eol, s, e),
                Raw::Semi => self.push(Tok::Semi, s, e),
                Raw::Comma => self.push(Tok::Comma, s, e),
                Raw::Ident => {
                    let bump = self.ident(text, s, e);
                    lex.bump(bump);
                }
                Raw::Alias => {
                    if self.kw_colon_at(e) {
                        self.push(Tok::Kw(text.to_string()), s, e + 1);
                        lex.bump(1);
                    } else if self.char_at(e) == Some('(') {
                        self.error(format!("unexpected ( after alias {}", text), e, e + 1);
                        self.push(Tok::Alias(text.to_string()), s, e);
                    } else {
                        self.push(Tok::Alias(text.to_string()), s, e);
                    }
                }
                Raw::Int | Raw::Hex | Raw::Oct | Raw::BinInt | Raw::Float => {
                    self.number(raw, text, s, e);
                }
                Raw::Atom | Raw::OpAtom => self.push(Tok::Atom(text[1..].to_string()), s, e),
                Raw::QuotedAtom => {
                    let close = text.chars().nth(1).unwrap();
                    let first = self.toks.len();
                    self.push(Tok::StrStart(StrKind::Atom), s, e);
                    let end = self.body(e, s, Close::Char(close), true, Esc::Full)?;
                    self.check_utf8(first, "atom");
                    self.push(Tok::StrEnd(String::new()), end - 1, end);
                    lex.bump(end - e);
                }
                Raw::Quote => {
                    let end = self.quoted(text, s, e)?;
                    lex.bump(end - e);
                }
                Raw::Heredoc => {
                    let kind = if text.starts_with('"') { StrKind::Str } else { StrKind::Charlist };
                    let first = self.toks.len();
                    self.push(Tok::StrStart(kind.clone()), s, e);
                    let end = self.heredoc(text, s, e, true, Esc::Full)?;
                    if kind == StrKind::Charlist {
                        self.check_utf8(first, "charlist");
                    }
                    self.push(Tok::StrEnd(String::new()), end - 3, end);
                    lex.bump(end - e);
                }
                Raw::Sigil => {
                    let end = self.sigil(text, s, e)?;
                    lex.bump(end - e);
                }
                Raw::Char => {
                    let end = self.char_literal(s, e)?;
                    lex.bump(end - e);
                }
                Raw::Op => {
                    let bump = self.operator(text, s, e);
                    lex.bump(bump);
                }
                Raw::Dot => self.push(Tok::Dot, s, e),
                Raw::DotCall => self.push(Tok::DotCall, s, e),
                Raw::LBin => self.push(Tok::LBin, s, e),
                Raw::RBin => self.push(Tok::RBin, s, e),
                Raw::Percent => self.push(Tok::Percent, s, e),
                Raw::LParen => self.push(Tok::LParen, s, e),
                Raw::RParen => self.push(Tok::RParen, s, e),
                Raw::LBracket => self.push(Tok::LBracket, s, e),
                Raw::RBracket => self.push(Tok::RBracket, s, e),
                Raw::MapOpen | Raw::LBrace => {
                    depth += 1;
                    self.push(if raw == Raw::MapOpen { Tok::MapOpen } else { Tok::LBrace }, s, e);
                }
                Raw::RBrace => {
                    if depth == 0 && interp {
                        self.push(Tok::InterpEnd, s, e);
                        return Ok(e);
                    }
                    depth = depth.saturating_sub(1);
                    self.push(Tok::RBrace, s, e);
                }
            }
        }
        if interp {
            return Err(Fatal);
        }
        Ok(src.len())
    }

    /// Classifies an identifier; returns how many extra bytes were consumed (a keyword colon).
    fn ident(&mut self, text: &str, s: usize, e: usize) -> usize {
        let name = text.to_string();
        let next = self.char_at(e);
        if self.prev_is_dot() {
            let tok = match next {
                Some('(') => Tok::ParenIdent(name),
                Some('[') => Tok::BracketIdent(name),
                _ => Tok::Ident(name),
            };
            self.push(tok, s, e);
            return 0;
        }
        if self.kw_colon_at(e) {
            self.push(Tok::Kw(name), s, e + 1);
            return 1;
        }
        if next == Some(':') && self.char_at(e + 1) != Some(':') {
            self.error(format!("keyword argument must be followed by space after: {}:", text), s, e + 1);
        }
        let tok = match text {
            "true" | "false" | "nil" => Tok::Atom(name),
            "fn" => Tok::Fn,
            "do" => Tok::Do,
            "end" => Tok::End,
            "not" => Tok::Unary(name),
            "and" | "or" | "in" => Tok::Bin(name),
            "when" => Tok::When,
            "else" | "after" | "catch" | "rescue" => Tok::BlockIdent(name),
            _ => match next {
                Some('(') => Tok::ParenIdent(name),
                Some('[') => Tok::BracketIdent(name),
                _ => Tok::Ident(name),
            },
        };
        self.push(tok, s, e);
        0
    }

    /// Classifies an operator; returns how many extra bytes were consumed.
    fn operator(&mut self, op: &str, s: usize, e: usize) -> usize {
        // `...` is an identifier in Elixir 1.14 (`[integer, ...]`, `(... -> any)`, `...(1)`)
        if op == "..." {
            return self.ident(op, s, e);
        }
        let name = op.to_string();
        if self.prev_is_dot() {
            let tok = if self.char_at(e) == Some('(') { Tok::ParenIdent(name) } else { Tok::Ident(name) };
            self.push(tok, s, e);
            return 0;
        }
        if op != "::" && self.kw_colon_at(e) {
            self.push(Tok::Kw(name), s, e + 1);
            return 1;
        }
        if matches!(self.toks.last(), Some(Token { tok: Tok::Capture, .. })) {
            let rest = self.src[e..].trim_start_matches([' ', '\t']);
            if rest.starts_with('/') && !rest.starts_with("//") {
                self.push(Tok::Ident(name), s, e);
                return 0;
            }
        }
        let tok = match op {
            "|" => Tok::Pipe,
            "=>" => Tok::Assoc,
            "->" => Tok::Arrow,
            "&" => Tok::Capture,
            "@" => Tok::At,
            "!" | "^" | "~~~" => Tok::Unary(name),
            _ => Tok::Bin(name),
        };
        self.push(tok, s, e);
        0
    }

    fn number(&mut self, raw: Raw, text: &str, s: usize, e: usize) {
        let clean: String = text.chars().filter(|c| *c != '_').collect();
        let tok = match raw {
            Raw::Float => {
                // Beyond the double range is Elixir's "invalid float number", never `inf`.
                let f: f64 = clean.parse().unwrap_or(0.0);
                if !f.is_finite() {
                    self.error(format!("invalid float number {text}"), s, e);
                }
                Tok::Float(if f.is_finite() { f } else { 0.0 })
            }
            _ => {
                let (digits, radix) = match raw {
                    Raw::Hex => (&clean[2..], 16),
                    Raw::Oct => (&clean[2..], 8),
                    Raw::BinInt => (&clean[2..], 2),
                    _ => (&clean[..], 10),
                };
                match i64::from_str_radix(digits, radix) {
                    Ok(n) => Tok::Int(Ast::Int(n)),
                    Err(_) => {
                        let big = num_bigint::BigUint::parse_bytes(digits.as_bytes(), radix).unwrap_or_default();
                        Tok::Int(Ast::BigInt(big.to_string()))
                    }
                }
            }
        };
        if let Some(c) = self.char_at(e) {
            if c.is_alphanumeric() || c == '_' {
                self.error(format!("invalid character \"{}\" after number {}", c, text), s, e + c.len_utf8());
            }
        }
        self.push(tok, s, e);
    }

    /// `?c`: the code point of `c` (escapes decoded).
    fn char_literal(&mut self, s: usize, e: usize) -> Result<usize, Fatal> {
        let Some(c) = self.char_at(e) else {
            self.error("unexpected end of input after ?", s, e);
            return Err(Fatal);
        };
        let (value, end) = if c == '\\' {
            match self.char_at(e + 1) {
                // Elixir 1.14 has no hex or Unicode escapes in a character literal: `?\x` is
                // `x` (with a warning there), and what follows is tokenized on its own.
                Some(x @ ('x' | 'u')) => (x as i64, e + 2),
                _ => {
                    let (esc, end) = escape::decode(self.src, e);
                    (esc.value(), end)
                }
            }
        } else {
            (c as i64, e + c.len_utf8())
        };
        self.push(Tok::Int(Ast::Int(value)), s, end);
        Ok(end)
    }

    /// A `"` or `'` literal (or a quoted call name after a dot).
    fn quoted(&mut self, text: &str, s: usize, e: usize) -> Result<usize, Fatal> {
        let close = text.chars().next().unwrap();
        let after_dot = self.prev_is_dot();
        let kind = if close == '"' { StrKind::Str } else { StrKind::Charlist };
        let first = self.toks.len();
        let charlist = kind == StrKind::Charlist;
        self.push(Tok::StrStart(kind), s, e);
        let end = self.body(e, s, Close::Char(close), true, Esc::Full)?;
        if charlist {
            self.check_utf8(first, "charlist");
        } else if after_dot || self.kw_colon_at(end) {
            self.check_utf8(first, "atom");
        }
        if after_dot {
            let simple = self.toks[first + 1..].iter().all(|t| matches!(t.tok, Tok::StrPart(_)));
            if simple {
                let name: Vec<u8> = self.toks.drain(first..).filter_map(|t| match t.tok {
                    Tok::StrPart(p) => Some(p),
                    _ => None,
                }).flatten().collect();
                let name = String::from_utf8_lossy(&name).into_owned();
                self.last_end = end;
                let tok = if self.char_at(end) == Some('(') { Tok::ParenIdent(name) } else { Tok::Ident(name) };
                self.toks.push(Token { tok, start: s, end, space_before: false });
                return Ok(end);
            }
        }
        if self.kw_colon_at(end) {
            self.push(Tok::StrEndKw, end - 1, end + 1);
            return Ok(end + 1);
        }
        self.push(Tok::StrEnd(String::new()), end - 1, end);
        Ok(end)
    }

    fn sigil(&mut self, text: &str, s: usize, e: usize) -> Result<usize, Fatal> {
        let letter = text[1..].to_string();
        let interp = letter.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        let rest = &self.src[e..];
        self.push(Tok::StrStart(StrKind::Sigil(letter)), s, e);
        let end = if rest.starts_with("\"\"\"") || rest.starts_with("'''") {
            let delim = &rest[..3];
            self.heredoc(delim, s, e + 3, interp, Esc::Raw)?
        } else {
            let open = rest.chars().next();
            let close = match open {
                Some('(') => ')',
                Some('[') => ']',
                Some('{') => '}',
                Some('<') => '>',
                Some(c @ ('/' | '|' | '"' | '\'')) => c,
                _ => {
                    self.error(format!("invalid sigil delimiter after {}", text), s, e + 1);
                    return Err(Fatal);
                }
            };
            self.body(e + 1, s, Close::Char(close), interp, Esc::Raw)?
        };
        let mods: String = self.src[end..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        let stop = end + mods.len();
        self.push(Tok::StrEnd(mods), end - 1, stop);
        Ok(stop)
    }

    /// A heredoc whose opener `delim` ends at `e`; returns the position after the closer.
    fn heredoc(&mut self, delim: &str, s: usize, e: usize, interp: bool, esc: Esc) -> Result<usize, Fatal> {
        let src = self.src;
        let line_end = src[e..].find('\n').map_or(src.len(), |i| e + i);
        if !src[e..line_end].trim_matches([' ', '\t', '\r']).is_empty() {
            self.error(
                format!("heredoc allows only zero or more whitespace characters followed by a new line after {}", delim),
                s,
                e,
            );
            return Err(Fatal);
        }
        let body_start = (line_end + 1).min(src.len());
        let mut pos = body_start;
        let closing = loop {
            if pos >= src.len() {
                break None;
            }
            let eol = src[pos..].find('\n').map_or(src.len(), |i| pos + i);
            let line = &src[pos..eol];
            let trimmed = line.trim_start_matches([' ', '\t']);
            if trimmed.starts_with(delim) {
                break Some((pos, line.len() - trimmed.len()));
            }
            pos = eol + 1;
        };
        let Some((limit, indent)) = closing else {
            let msg = format!("missing terminator: {} (for heredoc starting at line {})", delim, self.lines.line(s));
            let d = Diagnostic::error("E0002", msg, self.lines.span(src.len(), src.len()))
                .with_label(self.lines.span(s, e), "heredoc starting here is never closed");
            self.diags.push(Diagnostic { incomplete: true, ..d });
            return Err(Fatal);
        };
        if body_start < limit {
            self.body(body_start, s, Close::Heredoc { limit, indent }, interp, esc)?;
        }
        Ok(limit + indent + 3)
    }

    /// Reports an unterminated literal that started at `s`.
    fn unterminated(&mut self, s: usize) {
        let what = match self.src[s..].chars().next() {
            Some('\'') => "charlist",
            Some(':') => "atom",
            Some('~') => "sigil",
            _ => "string",
        };
        let delim = self.src[s..].chars().find(|c| !matches!(c, ':' | '~') && !c.is_ascii_alphabetic()).unwrap_or('"');
        let end = self.src.len();
        let msg = format!("missing terminator: {} (for {} starting at line {})", delim, what, self.lines.line(s));
        let d = Diagnostic::error("E0002", msg, self.lines.span(end, end))
            .with_label(self.lines.span(s, s + 1), format!("{} starting here is never closed", what));
        self.diags.push(Diagnostic { incomplete: true, ..d });
    }

    /// Scans a literal body from `pos`, pushing `StrPart` / interpolation tokens; returns the
    /// position after the closing delimiter (or the heredoc limit).
    fn body(&mut self, mut pos: usize, open: usize, close: Close, interp: bool, esc: Esc) -> Result<usize, Fatal> {
        let src = self.src;
        let mut buf: Vec<u8> = Vec::new();
        let mut buf_start = pos;
        let mut any_part = false;
        let (closer, heredoc) = match close {
            Close::Char(c) => (Some(c), None),
            Close::Heredoc { limit, indent } => (None, Some((limit, indent))),
        };
        let skip_indent = |mut p: usize| -> usize {
            if let Some((limit, indent)) = heredoc {
                let mut n = 0;
                while n < indent && p < limit && matches!(src.as_bytes()[p], b' ' | b'\t') {
                    p += 1;
                    n += 1;
                }
            }
            p
        };
        pos = skip_indent(pos);
        loop {
            if let Some((limit, _)) = heredoc {
                if pos >= limit {
                    break;
                }
            }
            let Some(c) = self.char_at(pos) else {
                self.unterminated(open);
                return Err(Fatal);
            };
            if Some(c) == closer {
                break;
            }
            if c == '\\' {
                let next = self.char_at(pos + 1);
                match esc {
                    Esc::Full => {
                        let (e, after) = escape::decode(src, pos);
                        e.push_to(&mut buf);
                        pos = after;
                        if next == Some('\n') {
                            pos = skip_indent(pos);
                        }
                    }
                    Esc::Raw => match next {
                        Some(n) if Some(n) == closer => {
                            buf.extend_from_slice(&src.as_bytes()[pos + 1..pos + 1 + n.len_utf8()]);
                            pos += 1 + n.len_utf8();
                        }
                        Some(n) => {
                            buf.extend_from_slice(&src.as_bytes()[pos..pos + 1 + n.len_utf8()]);
                            pos += 1 + n.len_utf8();
                            if n == '\n' {
                                pos = skip_indent(pos);
                            }
                        }
                        None => pos += 1,
                    },
                }
                continue;
            }
            if interp && c == '#' && self.char_at(pos + 1) == Some('{') {
                if !buf.is_empty() || (!any_part && heredoc.is_some()) {
                    self.push(Tok::StrPart(std::mem::take(&mut buf)), buf_start, pos);
                }
                any_part = true;
                self.push(Tok::InterpStart, pos, pos + 2);
                match self.code(pos + 2, true) {
                    Ok(p) => pos = p,
                    Err(Fatal) => {
                        if self.diags.is_empty() {
                            self.unterminated(open);
                        }
                        return Err(Fatal);
                    }
                }
                buf_start = pos;
                continue;
            }
            buf.extend_from_slice(&src.as_bytes()[pos..pos + c.len_utf8()]);
            pos += c.len_utf8();
            if c == '\n' {
                pos = skip_indent(pos);
            }
        }
        if !buf.is_empty() || !any_part {
            self.push(Tok::StrPart(buf), buf_start, pos);
        }
        Ok(match heredoc {
            Some(_) => pos,
            None => pos + 1,
        })
    }

    /// Reports a literal piece that is not UTF-8 in the charlist or atom whose `StrStart` is
    /// token `first` (pieces of strings nested in its interpolations are theirs to check):
    /// Elixir refuses `'\xFF'` (`UnicodeConversionError`) and `:"\xFF"` (`ArgumentError`)
    /// when it builds them, so at compile time.
    fn check_utf8(&mut self, first: usize, what: &str) {
        let mut depth = 0usize;
        let mut bad = None;
        for t in &self.toks[first + 1..] {
            match &t.tok {
                Tok::InterpStart => depth += 1,
                Tok::InterpEnd => depth = depth.saturating_sub(1),
                Tok::StrPart(p) if depth == 0 => {
                    if let Err(e) = std::str::from_utf8(p) {
                        bad = Some((p[e.valid_up_to()], t.start, t.end));
                        break;
                    }
                }
                _ => {}
            }
        }
        if let Some((byte, s, e)) = bad {
            self.error(format!("invalid encoding starting at <<{}>> in {}", byte, what), s, e);
        }
    }
}
