//! The AST: Elixir's quoted form, with source spans.
//!
//! The parser produces exactly the tree that Elixir 1.14's `Code.string_to_quoted/2` produces
//! (see `docs/parsing-elixir.md` and the parser oracle), so every later stage can be
//! reasoned about with Elixir's own documentation of its AST:
//!
//! | Elixir quoted form                 | [`Ast`]                                          |
//! |------------------------------------|--------------------------------------------------|
//! | `1`, `1.5`, `:a`, `"s"`            | [`Ast::Int`], [`Ast::Float`], [`Ast::Atom`], [`Ast::Str`] |
//! | big integer literal                | [`Ast::BigInt`] (decimal digits)                 |
//! | `[a, b]`                           | [`Ast::List`]                                    |
//! | `{a, b}` (a 2-tuple literal)       | [`Ast::Pair`]                                    |
//! | `{name, meta, args}`               | [`Ast::Node`]; `name` is an atom node (`Ast::Atom`) for local calls, variables and operators, or another AST (`{:., _, [Mod, :f]}`) for remote and anonymous calls; `args` is `None` for a variable |
//!
//! So `x` is `Node { head: Atom("x"), args: None }`, `f(1)` is `Node { head: Atom("f"),
//! args: Some([Int(1)]) }`, `Mod.f(1)` is `Node { head: Node{ head: Atom("."), args:
//! [Node{head: Atom("__aliases__"), args: [Atom("Mod")]}, Atom("f")] }, args: [Int(1)] }`,
//! `{a, b, c}` is `Node { head: Atom("{}"), args: [a, b, c] }`, a `do` block is a trailing
//! keyword list argument `[do: body, else: body]`, and so on exactly as in Elixir.
//!
//! Spans are byte offsets into the source (`start..end`); `line` is 1-based.

use std::fmt;

/// A byte range in the source text, `start..end`, plus the 1-based line of `start`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: u32,
    pub end: u32,
    pub line: u32,
}

impl Span {
    pub fn new(start: usize, end: usize, line: u32) -> Span {
        Span { start: start as u32, end: end as u32, line }
    }
    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        if other.end == 0 && other.start == 0 {
            return self;
        }
        Span { start: self.start.min(other.start), end: self.end.max(other.end), line: self.line.min(other.line).max(1) }
    }
}

/// The metadata of a node (Elixir's `meta` keyword list, reduced to what retort uses).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Meta {
    pub span: Span,
    /// `[no_parens: true]` in Elixir: set on `foo.bar` (field access or zero-arity remote call
    /// written without parentheses) to tell it from `foo.bar()`. The oracle prints it.
    pub no_parens: bool,
}

/// A node of Elixir's quoted form. See the module documentation for the shapes.
#[derive(Clone, Debug, PartialEq)]
pub enum Ast {
    Int(i64),
    /// An integer literal that does not fit an i64, as decimal digits (no sign: the AST never
    /// holds negative literals).
    BigInt(String),
    Float(f64),
    /// An atom, without the colon: `:ok` is `Atom("ok")`, `nil`/`true`/`false` are atoms too.
    /// Aliases are not atoms in the AST (`Foo` is `{:__aliases__, meta, [:Foo]}`), but the
    /// expansion `Elixir.Foo` appears as `Atom("Elixir.Foo")` where Elixir itself puts a module
    /// atom (e.g. `Kernel` in the expansion of string interpolation).
    Atom(String),
    /// A binary: a string literal without interpolation, as its bytes. They are UTF-8 text
    /// unless a `\xHH` escape says otherwise (`"\xFF"` is the one byte 255, as in Elixir);
    /// [`Ast::text`] reads them as text.
    Str(Vec<u8>),
    List(Vec<Ast>),
    /// A 2-tuple literal `{a, b}` (keyword pairs are 2-tuples too: `[do: x]` is
    /// `List([Pair(Atom("do"), x)])`).
    Pair(Box<Ast>, Box<Ast>),
    /// `{head, meta, args}`; `args == None` is a variable (Elixir's `nil` context atom).
    Node { head: Box<Ast>, meta: Meta, args: Option<Vec<Ast>> },
}

impl Ast {
    /// A node whose head is the atom `name`.
    pub fn node(name: &str, meta: Meta, args: Vec<Ast>) -> Ast {
        Ast::Node { head: Box::new(Ast::Atom(name.to_string())), meta, args: Some(args) }
    }
    /// A variable `name`.
    pub fn var(name: &str, meta: Meta) -> Ast {
        Ast::Node { head: Box::new(Ast::Atom(name.to_string())), meta, args: None }
    }
    /// The atom name of a node's head, if the head is an atom.
    pub fn head_name(&self) -> Option<&str> {
        match self {
            Ast::Node { head, .. } => match &**head {
                Ast::Atom(a) => Some(a.as_str()),
                _ => None,
            },
            _ => None,
        }
    }
    /// A string literal's bytes as text (invalid UTF-8 replaced by U+FFFD), or `None` if this
    /// is not a string literal. For the places that use a literal as a name or a message.
    pub fn text(&self) -> Option<std::borrow::Cow<'_, str>> {
        match self {
            Ast::Str(b) => Some(String::from_utf8_lossy(b)),
            _ => None,
        }
    }
    /// The node's metadata, or `None` for literals.
    pub fn meta(&self) -> Option<&Meta> {
        match self {
            Ast::Node { meta, .. } => Some(meta),
            _ => None,
        }
    }
    /// The span of this node, or of its first sub-node with one; a zero span for bare literals.
    pub fn span(&self) -> Span {
        match self {
            Ast::Node { meta, .. } => meta.span,
            Ast::List(items) => items.iter().map(|i| i.span()).find(|s| s.line > 0).unwrap_or_default(),
            Ast::Pair(a, b) => {
                let s = a.span();
                if s.line > 0 { s } else { b.span() }
            }
            _ => Span::default(),
        }
    }
}

/// Prints the AST in the oracle's normal form: Elixir's `inspect/2` of the quoted form with
/// every metadata list replaced by `[]` except `[no_parens: true]`
/// (see `compiler/tests/data/parser-oracle/`).
impl fmt::Display for Ast {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::ast_print::write_ast(self, f)
    }
}
