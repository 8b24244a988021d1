//! The logos token set of code mode: everything except the bodies of strings, charlists,
//! sigils, quoted atoms and `?c` characters, which the scanner in `scan.rs` reads by hand.

use logos::Logos;

/// A raw token as logos recognises it; classification (keywords, call names, unary vs binary
/// `+`/`-`, newlines) happens afterwards in `scan.rs` and `cook.rs`.
#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
#[logos(skip r"[ \t\r\f]+")]
pub enum Raw {
    /// `\` at the end of a line: a line continuation, treated as whitespace.
    #[regex(r"\\\r?\n")]
    Continuation,
    #[regex(r"#[^\n]*")]
    Comment,
    #[token("\n")]
    Newline,

    #[regex(r"[\p{Ll}\p{Lo}_][\p{L}\p{N}_]*[?!]?")]
    Ident,
    #[regex(r"[A-Z][A-Za-z0-9_]*")]
    Alias,

    #[regex(r"[0-9][0-9_]*")]
    Int,
    #[regex(r"0x[0-9a-fA-F][0-9a-fA-F_]*")]
    Hex,
    #[regex(r"0o[0-7][0-7_]*")]
    Oct,
    #[regex(r"0b[01][01_]*")]
    BinInt,
    #[regex(r"[0-9][0-9_]*\.[0-9][0-9_]*([eE][+-]?[0-9]+)?")]
    Float,

    #[regex(r":[\p{L}_][\p{L}\p{N}_@]*[?!]?")]
    Atom,
    #[regex(r#":(\+\+\+|---|\+\+|--|\+|-|\*\*|\*|//|/|\.\.//|\.\.\.|\.\.|\.|<>|<<<|>>>|<<~|~>>|<~>|<~|~>|<\|>|\|>|\|\|\||\|\||\||&&&|&&|&|===|!==|==|!=|=~|=|<=|>=|<-|->|<|>|\^\^\^|\^|!|@|\\\\|%\{\}|\{\}|%|<<>>|~~~)"#)]
    OpAtom,
    #[token(":\"")]
    #[token(":'")]
    QuotedAtom,

    #[token("\"\"\"")]
    #[token("'''")]
    Heredoc,
    #[token("\"")]
    #[token("'")]
    Quote,
    #[regex(r"~[a-zA-Z]")]
    Sigil,
    #[token("?")]
    Char,

    #[token("===")]
    #[token("!==")]
    #[token("==")]
    #[token("!=")]
    #[token("=~")]
    #[token("=>")]
    #[token("=")]
    #[token("<=")]
    #[token(">=")]
    #[token("<-")]
    #[token("->")]
    #[token("<>")]
    #[token("<<<")]
    #[token(">>>")]
    #[token("<<~")]
    #[token("~>>")]
    #[token("<~>")]
    #[token("<~")]
    #[token("~>")]
    #[token("<|>")]
    #[token("|>")]
    #[token("|||")]
    #[token("||")]
    #[token("|")]
    #[token("&&&")]
    #[token("&&")]
    #[token("&")]
    #[token("+++")]
    #[token("---")]
    #[token("++")]
    #[token("--")]
    #[token("+")]
    #[token("-")]
    #[token("**")]
    #[token("*")]
    #[token("//")]
    #[token("/")]
    #[token("\\\\")]
    #[token("..")]
    #[token("...")]
    #[token("::")]
    #[token("^^^")]
    #[token("^")]
    #[token("!")]
    #[token("@")]
    #[token("~~~")]
    #[token("<")]
    #[token(">")]
    Op,
    #[token(".")]
    Dot,
    #[token(".(")]
    DotCall,
    #[token("<<")]
    LBin,
    #[token(">>")]
    RBin,
    #[token("%{")]
    MapOpen,
    #[token("%")]
    Percent,
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(",")]
    Comma,
    #[token(";")]
    Semi,
}
