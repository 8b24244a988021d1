//! The module image: what the compiler produces and the loader consumes, for one module.
//! Plain data (serde), independent of the running VM: atoms are names, literals are
//! [`Literal`] trees, remote call targets are `{module, function, arity}` names.

use super::op::Op;
use serde::{Deserialize, Serialize};

/// A compiled module.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct ModuleImage {
    /// The module atom's name: `"Elixir.HelloWorld"` for `defmodule HelloWorld`, or an Erlang
    /// style name without prefix.
    pub name: String,
    /// The source file path as given to the compiler (stack traces print it).
    pub file: String,
    /// All functions: public, private, and the bodies of lambdas. Indexed by
    /// [`super::op::LocalFn`].
    pub functions: Vec<Function>,
    /// The export table entries of this module: public functions by name and arity.
    pub exports: Vec<Export>,
    /// The literal pool, indexed by [`super::op::LitIdx`].
    pub literals: Vec<Literal>,
    /// Remote call targets, indexed by [`super::op::ImportIdx`].
    pub imports: Vec<Import>,
    /// Lambdas (`fn`), indexed by [`super::op::LambdaIdx`].
    pub lambdas: Vec<Lambda>,
    /// Persisted attributes in source order, e.g. `("vsn", Int(1))`. Each becomes
    /// `[{name, [value]}]` in `module_info(:attributes)`.
    pub attributes: Vec<(String, Literal)>,
    /// `@moduledoc` text, if any.
    pub moduledoc: Option<String>,
    /// `@doc` texts: `(function name, arity, text)`.
    pub docs: Vec<(String, u32, String)>,
    /// The fields of `defstruct`/`defexception` in definition order (`__info__(:struct)`),
    /// so that `inspect` prints `%Mod{...}` in that order as Elixir does.
    pub struct_fields: Option<Vec<String>>,
}

/// One function's code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Function {
    /// The function's name: `"hello"`; lambdas are named like Elixir's
    /// `"-run/0-fun-0-"`.
    pub name: String,
    /// Number of arguments (for a lambda body: the lambda's arity plus its free variables).
    pub arity: u32,
    /// Number of registers the frame needs (at least `arity`, and at least one).
    pub nregs: u32,
    /// The instructions; labels are indexes into this vector. Execution starts at 0.
    pub code: Vec<Op>,
    /// Line table: `(pc, line)` pairs sorted by pc; an instruction's line is the line of the
    /// last entry with `pc <= its index`.
    pub lines: Vec<(u32, u32)>,
}

/// An export table entry: `name/arity` is callable remotely and runs `functions[function]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Export {
    /// The function's name.
    pub name: String,
    /// Its arity (must equal the function's).
    pub arity: u32,
    /// Index into the function table.
    pub function: u32,
}

/// A remote call target.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Import {
    /// Module atom name, e.g. `"Elixir.IO"`, `"erlang"`, `"timer"`.
    pub module: String,
    /// The function's name.
    pub function: String,
    /// The number of arguments every call through this import passes.
    pub arity: u32,
}

/// A lambda table entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lambda {
    /// The function holding the body (its arity is `arity + nfree`).
    pub function: u32,
    /// The fun's arity.
    pub arity: u32,
    /// Number of captured free variables.
    pub nfree: u32,
}

/// A constant term. Decoding refuses literals nested more than
/// [`super::verify::MAX_LITERAL_DEPTH`] deep, so a hostile file cannot exhaust the stack.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Literal {
    Int(i64),
    /// An integer outside i64, as decimal digits with optional leading `-`.
    BigInt(String),
    Float(f64),
    /// An atom by name (`"nil"`, `"ok"`, `"Elixir.Foo"`).
    Atom(String),
    /// A binary.
    Binary(Vec<u8>),
    /// A list `[items | tail]`; a proper list has tail `Nil`.
    List(Vec<Literal>, Box<Literal>),
    /// The empty list.
    Nil,
    Tuple(Vec<Literal>),
    Map(Vec<(Literal, Literal)>),
}

thread_local! {
    /// How deep the literal being decoded on this thread is nested.
    static LITERAL_DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The encoded form of [`Literal`] (same variants in the same order, so the same bytes);
/// its children decode through [`Literal`]'s depth-counting `Deserialize`.
#[derive(Deserialize)]
#[serde(rename = "Literal")]
enum LiteralRepr {
    Int(i64),
    BigInt(String),
    Float(f64),
    Atom(String),
    Binary(Vec<u8>),
    List(Vec<Literal>, Box<Literal>),
    Nil,
    Tuple(Vec<Literal>),
    Map(Vec<(Literal, Literal)>),
}

impl<'de> Deserialize<'de> for Literal {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Level;
        impl Drop for Level {
            fn drop(&mut self) {
                LITERAL_DEPTH.with(|c| c.set(c.get().saturating_sub(1)));
            }
        }
        let depth = LITERAL_DEPTH.with(|c| {
            c.set(c.get() + 1);
            c.get()
        });
        let _level = Level;
        if depth > super::verify::MAX_LITERAL_DEPTH + 1 {
            return Err(serde::de::Error::custom("literal nested too deeply"));
        }
        Ok(match LiteralRepr::deserialize(d)? {
            LiteralRepr::Int(i) => Literal::Int(i),
            LiteralRepr::BigInt(s) => Literal::BigInt(s),
            LiteralRepr::Float(f) => Literal::Float(f),
            LiteralRepr::Atom(a) => Literal::Atom(a),
            LiteralRepr::Binary(b) => Literal::Binary(b),
            LiteralRepr::List(items, tail) => Literal::List(items, tail),
            LiteralRepr::Nil => Literal::Nil,
            LiteralRepr::Tuple(items) => Literal::Tuple(items),
            LiteralRepr::Map(pairs) => Literal::Map(pairs),
        })
    }
}
