//! Conversions between Rust values and terms, for host functions and the embedding API:
//! [`IntoTerm`] builds a term, [`FromTerm`] reads one back and says what it expected when the
//! term has another shape.
//!
//! | Rust | term |
//! |---|---|
//! | `i64`, `i32`, `u32`, `usize` | integer (`FromTerm` fails outside the type's range) |
//! | `f64` | float (`FromTerm` also takes an integer) |
//! | `bool` | `true` / `false` |
//! | `String`, `&str` | UTF-8 binary |
//! | [`AtomName`] | atom |
//! | `Vec<T>` | proper list |
//! | `(A, B)`, `(A, B, C)` | tuple |
//! | `()` | `:ok` |
//! | `Term` | itself |

use super::{Atom, Term};

/// Why a term could not be read as a Rust value: what was expected and the term found
/// (inspected, without struct knowledge).
#[derive(Debug, Clone, PartialEq)]
pub struct ConvertError {
    pub expected: &'static str,
    pub found: String,
}

impl std::fmt::Display for ConvertError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "expected {}, got: {}", self.expected, self.found)
    }
}

impl std::error::Error for ConvertError {}

fn mismatch<T>(expected: &'static str, t: &Term) -> Result<T, ConvertError> {
    Err(ConvertError { expected, found: super::inspect::inspect_default(t) })
}

/// An atom by name, as a Rust value (`AtomName("ok".into())` is `:ok`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AtomName(pub String);

/// A Rust value that becomes a term.
pub trait IntoTerm {
    fn into_term(self) -> Term;
}

/// A Rust value read from a term.
pub trait FromTerm: Sized {
    /// The value, or what was expected and what was found.
    fn from_term(t: &Term) -> Result<Self, ConvertError>;
}

impl IntoTerm for Term {
    fn into_term(self) -> Term {
        self
    }
}
impl FromTerm for Term {
    fn from_term(t: &Term) -> Result<Self, ConvertError> {
        Ok(t.clone())
    }
}

macro_rules! int_conv {
    ($($t:ty),*) => {$(
        impl IntoTerm for $t {
            fn into_term(self) -> Term {
                match i64::try_from(self) {
                    Ok(i) => Term::Int(i),
                    Err(_) => Term::Big(std::rc::Rc::new(num_bigint::BigInt::from(self))),
                }
            }
        }
        impl FromTerm for $t {
            fn from_term(t: &Term) -> Result<Self, ConvertError> {
                match t {
                    Term::Int(i) => <$t>::try_from(*i).or_else(|_| mismatch(concat!("an integer that fits ", stringify!($t)), t)),
                    _ => mismatch("an integer", t),
                }
            }
        }
    )*};
}
int_conv!(i64, i32, u32, usize);

impl IntoTerm for f64 {
    fn into_term(self) -> Term {
        Term::Float(self)
    }
}
impl FromTerm for f64 {
    fn from_term(t: &Term) -> Result<Self, ConvertError> {
        match t {
            Term::Float(f) => Ok(*f),
            Term::Int(i) => Ok(*i as f64),
            _ => mismatch("a number", t),
        }
    }
}

impl IntoTerm for bool {
    fn into_term(self) -> Term {
        Term::bool(self)
    }
}
impl FromTerm for bool {
    fn from_term(t: &Term) -> Result<Self, ConvertError> {
        match t.as_atom() {
            Some(a) if a == Atom::TRUE => Ok(true),
            Some(a) if a == Atom::FALSE => Ok(false),
            _ => mismatch("a boolean", t),
        }
    }
}

impl IntoTerm for String {
    fn into_term(self) -> Term {
        Term::binary(self.into_bytes())
    }
}
impl IntoTerm for &str {
    fn into_term(self) -> Term {
        Term::string(self)
    }
}
impl FromTerm for String {
    fn from_term(t: &Term) -> Result<Self, ConvertError> {
        match t {
            Term::Binary(b) => match std::str::from_utf8(b) {
                Ok(s) => Ok(s.to_string()),
                Err(_) => mismatch("a UTF-8 binary", t),
            },
            _ => mismatch("a binary", t),
        }
    }
}

impl IntoTerm for AtomName {
    fn into_term(self) -> Term {
        Term::atom(&self.0)
    }
}
impl FromTerm for AtomName {
    fn from_term(t: &Term) -> Result<Self, ConvertError> {
        match t.as_atom() {
            Some(a) => Ok(AtomName(a.name().to_string())),
            None => mismatch("an atom", t),
        }
    }
}

impl IntoTerm for () {
    fn into_term(self) -> Term {
        Term::OK
    }
}

impl<T: IntoTerm> IntoTerm for Vec<T> {
    fn into_term(self) -> Term {
        Term::list(self.into_iter().map(IntoTerm::into_term).collect())
    }
}
impl<T: FromTerm> FromTerm for Vec<T> {
    fn from_term(t: &Term) -> Result<Self, ConvertError> {
        // Iterative over the cells: a list a million long is fine.
        let mut out = Vec::new();
        let mut cur = t;
        loop {
            match cur {
                Term::Nil => return Ok(out),
                Term::Cons(c) => {
                    out.push(T::from_term(&c.head)?);
                    cur = &c.tail;
                }
                _ => return mismatch("a proper list", t),
            }
        }
    }
}

macro_rules! tuple_conv {
    ($n:literal; $($name:ident $idx:tt),*) => {
        impl<$($name: IntoTerm),*> IntoTerm for ($($name,)*) {
            fn into_term(self) -> Term {
                Term::tuple(vec![$(self.$idx.into_term()),*])
            }
        }
        impl<$($name: FromTerm),*> FromTerm for ($($name,)*) {
            fn from_term(t: &Term) -> Result<Self, ConvertError> {
                match t {
                    Term::Tuple(items) if items.len() == $n => Ok(($($name::from_term(&items[$idx])?,)*)),
                    _ => mismatch(concat!("a tuple of ", $n), t),
                }
            }
        }
    };
}
tuple_conv!(2; A 0, B 1);
tuple_conv!(3; A 0, B 1, C 2);
tuple_conv!(4; A 0, B 1, C 2, D 3);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_mismatches() {
        let v = (7i64, 2.5f64, true, "héllo".to_string(), AtomName("ok".into()), vec![(1i64, "a".to_string()), (2, "b".to_string())]);
        let t = (v.0, v.1, v.2, (v.3.clone(), v.4.clone(), v.5.clone())).into_term();
        assert_eq!(super::super::inspect::inspect_default(&t), r#"{7, 2.5, true, {"héllo", :ok, [{1, "a"}, {2, "b"}]}}"#);
        let back: (i64, f64, bool, (String, AtomName, Vec<(i64, String)>)) = FromTerm::from_term(&t).unwrap();
        assert_eq!(back, (v.0, v.1, v.2, (v.3, v.4, v.5)));
        assert_eq!(i32::from_term(&Term::Int(1 << 40)).unwrap_err().expected, "an integer that fits i32");
        assert_eq!(String::from_term(&Term::Int(3)).unwrap_err().to_string(), "expected a binary, got: 3");
        let improper = Term::cons(Term::Int(1), Term::Int(2));
        assert_eq!(Vec::<i64>::from_term(&improper).unwrap_err().to_string(), "expected a proper list, got: [1 | 2]");
        assert!(bool::from_term(&Term::atom("nil")).is_err());
        assert_eq!(f64::from_term(&Term::Int(3)).unwrap(), 3.0);
    }
}
