//! The lexer: source text → the token vector the grammar reads.
//!
//! Three stages, each in its own file:
//! - `raw.rs`: the logos token set for code (operators, names, numbers, punctuation);
//! - `scan.rs`: the mode-stack driver: runs logos in code mode, scans strings, charlists,
//!   heredocs, sigils and quoted atoms by hand, and lexes each `#{...}` interpolation by
//!   calling code mode recursively (an unmatched `}` ends it), so the result is one flat
//!   stream `StrStart StrPart* (InterpStart tokens InterpEnd)* StrEnd`;
//! - `cook.rs`: the pass over the token vector that needs neighbours: unary vs binary `+`/`-`,
//!   `f -1` (op identifier), nullary `..`, `&1`, `not in`, `foo do` (do identifier), newline
//!   and `;` rules, and the delimiter stack that reports unbalanced brackets and `do`/`end`.
//!
//! Errors are [`Diagnostic`]s; `incomplete` is set when the input ended too early.

mod cook;
pub(crate) mod escape;
mod raw;
mod scan;

use crate::ast::{Ast, Span};
use crate::diagnostic::Diagnostic;

/// What a string-like literal becomes (see the `StrStart` token).
#[derive(Clone, Debug, PartialEq)]
pub enum StrKind {
    /// `"..."` and `"""` heredocs: a binary.
    Str,
    /// `'...'` and `'''` heredocs: a list of code points.
    Charlist,
    /// `:"..."`: an atom.
    Atom,
    /// `~x...`: the sigil letter(s).
    Sigil(String),
}

/// A token as the grammar sees it (after `cook.rs`). Names follow
/// `docs/parsing-elixir.md` §6.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// An integer literal, `?c` included: `Ast::Int` or `Ast::BigInt`.
    Int(Ast),
    Float(f64),
    /// `:ok`, `:+`, `true`, `false`, `nil` (without the colon).
    Atom(String),
    /// A plain identifier: variable or call without parentheses.
    Ident(String),
    /// An identifier directly followed by `(`.
    ParenIdent(String),
    /// An identifier directly followed by `[` (access).
    BracketIdent(String),
    /// An identifier directly followed by the keyword `do`.
    DoIdent(String),
    /// An identifier followed by a unary `+`/`-` operand (`f -1`): always a call.
    OpIdent(String),
    /// A keyword key `name:` (the colon and the space after it are part of the token).
    Kw(String),
    /// An alias segment `Foo`.
    Alias(String),
    Fn,
    Do,
    End,
    /// `else`, `after`, `catch`, `rescue`.
    BlockIdent(String),
    /// A prefix operator: `!`, `^`, `not`, `~~~`, unary `+` and `-`.
    Unary(String),
    At,
    Capture,
    /// `&1`.
    CaptureInt(i64),
    /// A binary operator (every level except `|`, `=>`, `when`, `->`).
    Bin(String),
    Pipe,
    Assoc,
    When,
    Arrow,
    Dot,
    /// `.(` of an anonymous call.
    DotCall,
    /// `(` directly after the `)` of a call: `f(1)(2)`.
    CallParen,
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    LBin,
    RBin,
    MapOpen,
    Percent,
    Comma,
    /// A statement separator: a run of newlines and at most one `;`.
    Eol,
    /// `;` (only before `cook.rs` merges it into [`Tok::Eol`]).
    Semi,
    /// A `..` where an operand is expected: the nullary range.
    RangeNullary,
    StrStart(StrKind),
    /// A literal piece of the body, escapes decoded: bytes, which `\xHH` may make invalid UTF-8.
    StrPart(Vec<u8>),
    InterpStart,
    InterpEnd,
    /// End of a string-like literal, with the sigil modifiers (empty otherwise).
    StrEnd(String),
    /// End of a quoted keyword key `"a b": `.
    StrEndKw,
}

/// A token with its byte range and whether whitespace (or a comment) precedes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub start: usize,
    pub end: usize,
    pub space_before: bool,
}

/// Byte offset → 1-based line (and column) lookups.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(src: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(src.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }
    /// The 1-based line of byte offset `pos`.
    pub fn line(&self, pos: usize) -> u32 {
        match self.starts.binary_search(&pos) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }
    /// A span with its line filled in.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(start, end, self.line(start))
    }
}

/// Tokenizes `src` completely, or returns every lexical error found (unterminated strings
/// stop the scan; other bad characters are reported and skipped).
pub fn tokenize(src: &str) -> Result<Vec<Token>, Vec<Diagnostic>> {
    let lines = LineIndex::new(src);
    let mut s = scan::Scanner::new(src, &lines);
    let _ = s.code(0, false);
    let (toks, mut diags) = (s.toks, s.diags);
    if !diags.is_empty() {
        return Err(diags);
    }
    let toks = cook::cook(src, &lines, toks, &mut diags);
    if diags.is_empty() { Ok(toks) } else { Err(diags) }
}
