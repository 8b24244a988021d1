//! A compiled Elixir regex on fancy-regex (back-references, look-around, atomic groups), and
//! matching over binaries with PCRE's offsets and iteration rules.
//!
//! - Flags (Elixir's modifiers): `i m s x U` are fancy-regex's inline flags; `u` makes the
//!   subject required to be UTF-8 (PCRE's `PCRE_UTF8`: a non-UTF-8 subject is an
//!   `ArgumentError`); `f` (firstline) is checked after the search: the leftmost match must
//!   start at or before the first newline. Character classes are always Unicode-aware.
//! - Subjects that are not UTF-8 (allowed without `u`) are read as Latin-1, one character per
//!   byte, and every offset is mapped back to the binary's bytes.
//! - Catastrophic backtracking: fancy-regex stops after its backtrack limit (1 000 000 steps);
//!   the search then counts as "no match", as `:re.run/3` reports `nomatch` when PCRE hits its
//!   match limit (Elixir's `Regex` never asks for `report_errors`).
//! - Global iteration follows `:re.run(..., [:global])`: after a non-empty match the next
//!   search starts at its end; after an empty match, one character further.

use super::pattern;
use std::borrow::Cow;
use std::cell::OnceCell;

/// One group's span in the subject's bytes, `None` when it did not take part.
pub type Span = Option<(usize, usize)>;

/// A compiled regex; see the module doc for the flags.
pub struct Compiled {
    /// The pattern with `$` meaning end of subject (right unless the subject ends in `\n`).
    plain: fancy_regex::Regex,
    /// The pattern with PCRE's `$`, built on first use for a subject ending in `\n`; `None`
    /// when the source has no `$` or `\Z`.
    exact: OnceCell<Option<fancy_regex::Regex>>,
    source: String,
    flags: String,
    pub unicode: bool,
    firstline: bool,
    /// Named groups, sorted by name as PCRE's name table is: `(name, index)`.
    pub names: Vec<(String, usize)>,
}

/// Why a regex does not compile: PCRE-like message and offset in the pattern.
#[derive(Debug, Clone)]
pub struct CompileFailure {
    pub message: String,
    pub offset: usize,
}

fn inline_flags(flags: &str) -> String {
    flags.chars().filter(|c| "imsxU".contains(*c)).collect()
}

fn build(src: &str, flags: &str) -> Result<fancy_regex::Regex, fancy_regex::Error> {
    let f = inline_flags(flags);
    let pat = if f.is_empty() { src.to_string() } else { format!("(?{}){}", f, src) };
    fancy_regex::RegexBuilder::new(&pat).build()
}

fn failure(e: fancy_regex::Error, src: &str) -> CompileFailure {
    use fancy_regex::{CompileError as C, Error as E, ParseError as P};
    let (message, offset) = match &e {
        E::ParseError(_, P::UnclosedOpenParen) => ("missing )".to_string(), src.len()),
        E::ParseError(pos, P::TrailingBackslash) => ("\\ at end of pattern".to_string(), *pos),
        E::ParseError(pos, P::InvalidRepeat) | E::ParseError(pos, P::TargetNotRepeatable) => {
            ("quantifier does not follow a repeatable item".to_string(), *pos)
        }
        E::ParseError(pos, p) => (p.to_string(), *pos),
        E::CompileError(C::LookBehindNotConst) => ("lookbehind assertion is not fixed length".to_string(), 0),
        E::CompileError(C::InnerError(inner)) => {
            let text = inner.to_string();
            let msg = if text.contains("unclosed group") {
                "missing )".to_string()
            } else if text.contains("unopened group") {
                "unmatched closing parenthesis".to_string()
            } else if text.contains("unclosed character class") {
                "missing terminating ] for character class".to_string()
            } else {
                text
            };
            (msg, 0)
        }
        other => (other.to_string(), 0),
    };
    CompileFailure { message, offset }
}

impl Compiled {
    /// Compiles pattern `src` with Elixir modifiers `flags` (each of `i m s x U u f`; the
    /// caller has rejected any other).
    pub fn new(src: &[u8], flags: &str) -> Result<Compiled, CompileFailure> {
        let src = match std::str::from_utf8(src) {
            Ok(s) => s.to_string(),
            // a Latin-1 pattern: one char per byte, as the subject decoding does
            Err(_) => src.iter().map(|&b| b as char).collect(),
        };
        let multiline = flags.contains('m');
        let plain = build(&pattern::rewrite(&src, false, multiline), flags).map_err(|e| failure(e, &src))?;
        let mut names: Vec<(String, usize)> = plain
            .capture_names()
            .enumerate()
            .filter_map(|(i, n)| n.map(|n| (n.to_string(), i)))
            .collect();
        names.sort();
        Ok(Compiled {
            plain,
            exact: OnceCell::new(),
            source: src,
            flags: flags.to_string(),
            unicode: flags.contains('u'),
            firstline: flags.contains('f'),
            names,
        })
    }

    /// Number of groups, the whole match included.
    pub fn groups(&self) -> usize {
        self.plain.captures_len()
    }

    /// The group index of `name`.
    pub fn group_of(&self, name: &str) -> Option<usize> {
        self.names.iter().find(|(n, _)| n == name).map(|(_, i)| *i)
    }

    fn engine_for(&self, text: &str) -> &fancy_regex::Regex {
        if !text.ends_with('\n') {
            return &self.plain;
        }
        let exact = self.exact.get_or_init(|| {
            if !pattern::has_dollar(&self.source) {
                return None;
            }
            build(&pattern::rewrite(&self.source, true, self.flags.contains('m')), &self.flags).ok()
        });
        exact.as_ref().unwrap_or(&self.plain)
    }

    /// Every match from byte `offset` on (at most `limit`), each as the spans of all groups
    /// (in the subject's bytes). `Err(())` when the subject is not UTF-8 under `u`.
    pub fn matches(&self, subject: &[u8], offset: usize, limit: Option<usize>) -> Result<Vec<Vec<Span>>, ()> {
        let subj = Subject::new(subject, self.unicode)?;
        let re = self.engine_for(&subj.text);
        let text: &str = &subj.text;
        let first_nl = if self.firstline { text.find('\n').unwrap_or(text.len()) } else { usize::MAX };
        let mut pos = subj.to_text(offset);
        let mut out = Vec::new();
        while pos <= text.len() && limit.map_or(true, |l| out.len() < l) {
            let caps = match re.captures_from_pos(text, pos) {
                Ok(Some(c)) => c,
                // no match, or the backtrack limit: `nomatch`, as :re.run reports it
                _ => break,
            };
            let Some(m) = caps.get(0) else { break };
            if m.start() > first_nl {
                break;
            }
            out.push((0..caps.len()).map(|i| caps.get(i).map(|g| (subj.to_bytes(g.start()), subj.to_bytes(g.end())))).collect());
            pos = if m.end() > m.start() {
                m.end()
            } else {
                // one character on
                m.end() + text[m.end()..].chars().next().map_or(1, |c| c.len_utf8())
            };
        }
        Ok(out)
    }

    /// The first match at or after `offset`.
    pub fn first(&self, subject: &[u8], offset: usize) -> Result<Option<Vec<Span>>, ()> {
        Ok(self.matches(subject, offset, Some(1))?.pop())
    }

    /// Whether the subject has a match (a non-UTF-8 subject under `u` has none).
    pub fn is_match(&self, subject: &[u8]) -> bool {
        matches!(self.first(subject, 0), Ok(Some(_)))
    }

    /// `(start, end)` of every match, left to right.
    pub fn find_all(&self, subject: &[u8], limit: Option<usize>) -> Vec<(usize, usize)> {
        self.matches(subject, 0, limit)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|c| c.first().copied().flatten())
            .collect()
    }
}

/// The subject as text for the engine: the binary itself when it is UTF-8, otherwise its
/// Latin-1 reading with a map from text offsets back to byte offsets.
struct Subject<'a> {
    text: Cow<'a, str>,
    /// `bytes_of[i]`: the byte offset of text offset `i` (for every char boundary `i`, and the
    /// end); `None` when text and bytes coincide.
    bytes_of: Option<Vec<usize>>,
}

impl<'a> Subject<'a> {
    fn new(b: &'a [u8], unicode: bool) -> Result<Subject<'a>, ()> {
        match std::str::from_utf8(b) {
            Ok(s) => Ok(Subject { text: Cow::Borrowed(s), bytes_of: None }),
            Err(_) if unicode => Err(()),
            Err(_) => {
                let mut text = String::with_capacity(b.len() * 2);
                let mut map = Vec::with_capacity(b.len() * 2 + 1);
                for (i, &c) in b.iter().enumerate() {
                    let ch = c as char;
                    for _ in 0..ch.len_utf8() {
                        map.push(i);
                    }
                    text.push(ch);
                }
                map.push(b.len());
                Ok(Subject { text: Cow::Owned(text), bytes_of: Some(map) })
            }
        }
    }
    fn to_bytes(&self, i: usize) -> usize {
        match &self.bytes_of {
            None => i,
            Some(m) => m[i.min(m.len() - 1)],
        }
    }
    /// The text offset of byte offset `b` (past the end: the end plus one, so nothing matches).
    fn to_text(&self, b: usize) -> usize {
        match &self.bytes_of {
            None => {
                if b > self.text.len() {
                    return self.text.len() + 1;
                }
                // inside a character: on to the next boundary
                let mut i = b;
                while i < self.text.len() && !self.text.is_char_boundary(i) {
                    i += 1;
                }
                i
            }
            Some(m) => {
                if m.last().is_some_and(|&last| b > last) {
                    return self.text.len() + 1;
                }
                m.partition_point(|&x| x < b)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn spans(re: &str, flags: &str, s: &[u8]) -> Vec<Vec<Span>> {
        Compiled::new(re.as_bytes(), flags).unwrap().matches(s, 0, None).unwrap()
    }
    #[test]
    fn backrefs_lookaround_and_dollar() {
        assert_eq!(spans("(\\w)\\1", "", b"hello"), vec![vec![Some((2, 4)), Some((2, 3))]]);
        assert_eq!(spans("(?<=\\$)\\d+", "", b"cost $42"), vec![vec![Some((6, 8))]]);
        assert_eq!(spans("^\\d+$", "", b"12\n"), vec![vec![Some((0, 2))]]);
        assert_eq!(spans("^\\d+$", "", b"12\nx").len(), 0);
        assert_eq!(spans("a*", "", b"baaa").len(), 3);
    }
    #[test]
    fn latin1_subject_offsets_and_unicode_flag() {
        let s = [0xffu8, b'a', b'b'];
        assert_eq!(spans("b", "", &s), vec![vec![Some((2, 3))]]);
        assert!(Compiled::new(b"a", "u").unwrap().matches(&s, 0, None).is_err());
    }
    #[test]
    fn firstline_and_backtrack_limit_is_no_match() {
        assert_eq!(spans("b", "f", b"a\nb").len(), 0);
        assert_eq!(spans("a", "f", b"a\nb").len(), 1);
        // exponential with a back-reference: stops at the limit, reports no match, no hang
        let s = format!("{}b", "a".repeat(40));
        assert_eq!(spans("^(a|a)*(?=c)\\1", "", s.as_bytes()).len(), 0);
    }
}
