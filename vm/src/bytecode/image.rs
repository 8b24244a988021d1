//! The module image: what the compiler produces and the loader consumes, for one module.
//! Plain data (serde), independent of the running VM: atoms are names, literals are
//! [`Literal`] trees, remote call targets are `{module, function, arity}` names.

use super::op::Op;
use serde::de::{self, DeserializeSeed, EnumAccess, SeqAccess, VariantAccess, Visitor};
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

/// The variants of [`Literal`] in declaration order (the encoded variant index).
const LITERAL_VARIANTS: &[&str] = &["Int", "BigInt", "Float", "Atom", "Binary", "List", "Nil", "Tuple", "Map"];

/// Decodes a [`Literal`] at nesting `depth` (1 for a literal of the pool or an attribute):
/// the depth travels with the seed, so decoding keeps no state outside the call.
#[derive(Clone, Copy)]
struct LiteralSeed {
    depth: usize,
}

impl LiteralSeed {
    fn child(self) -> LiteralSeed {
        LiteralSeed { depth: self.depth + 1 }
    }
}

impl<'de> Deserialize<'de> for Literal {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        LiteralSeed { depth: 1 }.deserialize(d)
    }
}

impl<'de> DeserializeSeed<'de> for LiteralSeed {
    type Value = Literal;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Literal, D::Error> {
        if self.depth > super::verify::MAX_LITERAL_DEPTH + 1 {
            return Err(de::Error::custom("literal nested too deeply"));
        }
        d.deserialize_enum("Literal", LITERAL_VARIANTS, self)
    }
}

/// A variant index, as a number (postcard) or a name (self-describing formats).
struct VariantIndex(u32);

impl<'de> Deserialize<'de> for VariantIndex {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = VariantIndex;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a Literal variant")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<VariantIndex, E> {
                match u32::try_from(v) {
                    Ok(i) if (i as usize) < LITERAL_VARIANTS.len() => Ok(VariantIndex(i)),
                    _ => Err(E::custom("unknown Literal variant")),
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<VariantIndex, E> {
                match LITERAL_VARIANTS.iter().position(|n| *n == v) {
                    Some(i) => Ok(VariantIndex(i as u32)),
                    None => Err(E::unknown_variant(v, LITERAL_VARIANTS)),
                }
            }
        }
        d.deserialize_identifier(V)
    }
}

impl<'de> Visitor<'de> for LiteralSeed {
    type Value = Literal;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a Literal")
    }
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Literal, A::Error> {
        let (VariantIndex(tag), v) = data.variant()?;
        let child = self.child();
        Ok(match tag {
            0 => Literal::Int(v.newtype_variant()?),
            1 => Literal::BigInt(v.newtype_variant()?),
            2 => Literal::Float(v.newtype_variant()?),
            3 => Literal::Atom(v.newtype_variant()?),
            4 => Literal::Binary(v.newtype_variant()?),
            5 => v.tuple_variant(2, ListParts(child))?,
            6 => {
                v.unit_variant()?;
                Literal::Nil
            }
            7 => Literal::Tuple(v.newtype_variant_seed(Elements(child))?),
            _ => Literal::Map(v.newtype_variant_seed(Pairs(child))?),
        })
    }
}

/// `List(items, tail)`'s two fields, each a child literal.
struct ListParts(LiteralSeed);

impl<'de> Visitor<'de> for ListParts {
    type Value = Literal;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list literal's items and tail")
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Literal, S::Error> {
        let items = seq.next_element_seed(Elements(self.0))?.ok_or_else(|| de::Error::invalid_length(0, &self))?;
        let tail = seq.next_element_seed(self.0)?.ok_or_else(|| de::Error::invalid_length(1, &self))?;
        Ok(Literal::List(items, Box::new(tail)))
    }
}

/// A sequence of child literals (a list's items, a tuple's elements).
struct Elements(LiteralSeed);

impl<'de> DeserializeSeed<'de> for Elements {
    type Value = Vec<Literal>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Vec<Literal>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Elements {
    type Value = Vec<Literal>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a sequence of literals")
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Vec<Literal>, S::Error> {
        // The length prefix is untrusted: grow as elements arrive.
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(x) = seq.next_element_seed(self.0)? {
            out.push(x);
        }
        Ok(out)
    }
}

/// A map literal's `(key, value)` pairs.
struct Pairs(LiteralSeed);

impl<'de> DeserializeSeed<'de> for Pairs {
    type Value = Vec<(Literal, Literal)>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Pairs {
    type Value = Vec<(Literal, Literal)>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a sequence of literal pairs")
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(x) = seq.next_element_seed(Pair(self.0))? {
            out.push(x);
        }
        Ok(out)
    }
}

/// One `(key, value)` pair of a map literal.
struct Pair(LiteralSeed);

impl<'de> DeserializeSeed<'de> for Pair {
    type Value = (Literal, Literal);
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_tuple(2, self)
    }
}

impl<'de> Visitor<'de> for Pair {
    type Value = (Literal, Literal);
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a key and a value")
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        let k = seq.next_element_seed(self.0)?.ok_or_else(|| de::Error::invalid_length(0, &self))?;
        let v = seq.next_element_seed(self.0)?.ok_or_else(|| de::Error::invalid_length(1, &self))?;
        Ok((k, v))
    }
}

#[cfg(test)]
mod literal_decode_tests {
    use super::*;

    /// Every variant survives an encode/decode round trip through the seeded decoder, and the
    /// depth limit counts from each top-level literal (two literals at the limit both decode).
    #[test]
    fn literals_round_trip_and_depth_counts_per_literal() {
        let all = Literal::Map(vec![
            (Literal::Atom("a".into()), Literal::List(vec![Literal::Int(-3), Literal::BigInt("123456789012345678901234".into())], Box::new(Literal::Nil))),
            (Literal::Binary(b"xy".to_vec()), Literal::Tuple(vec![Literal::Float(1.5), Literal::List(vec![Literal::Nil], Box::new(Literal::Int(1)))])),
        ]);
        let mut deep = Literal::Nil;
        for _ in 0..crate::bytecode::verify::MAX_LITERAL_DEPTH {
            deep = Literal::Tuple(vec![deep]);
        }
        let image = ModuleImage { name: "Elixir.T".into(), literals: vec![all, deep.clone(), deep], ..Default::default() };
        let bytes = postcard::to_stdvec(&image).unwrap();
        let back: ModuleImage = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, image);
        let too_deep = ModuleImage { literals: vec![Literal::Tuple(vec![Literal::Tuple(vec![image.literals[1].clone()])])], ..Default::default() };
        let bytes = postcard::to_stdvec(&too_deep).unwrap();
        assert!(postcard::from_bytes::<ModuleImage>(&bytes).is_err());
    }
}
