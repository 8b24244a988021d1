//! Type tests on terms: the guards `is_integer/1`, `is_list/1`, ... ([`TypeTest`], the
//! operand of the `IsType` instruction) and the tagged-tuple test of `IsTaggedTuple`.

use super::atom::Atom;
use super::comparison::same_as_lit;
use super::term::{Term, PORT_BIT};

/// Type tests for [`crate::bytecode::Op::IsType`].
#[derive(Copy, Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TypeTest {
    /// `is_integer/1`
    Integer,
    /// `is_float/1`
    Float,
    /// `is_number/1`: an integer or a float
    Number,
    /// `is_atom/1` (`nil`, `true` and `false` are atoms)
    Atom,
    /// `true` or `false`
    Boolean,
    /// a binary (string)
    Binary,
    /// `[]` or a cons cell
    List,
    /// a cons cell
    Cons,
    /// the empty list `[]`
    Nil,
    /// `is_tuple/1`
    Tuple,
    /// `is_map/1` (structs are maps)
    Map,
    /// `is_pid/1`
    Pid,
    /// `is_reference/1`
    Reference,
    /// `is_function/1`: a local or external fun
    Function,
}

impl std::fmt::Display for TypeTest {
    /// The type's name as in its guard (`is_integer` → `integer`; `cons`, `nil`, `boolean`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TypeTest::Integer => "integer",
            TypeTest::Float => "float",
            TypeTest::Number => "number",
            TypeTest::Atom => "atom",
            TypeTest::Boolean => "boolean",
            TypeTest::Binary => "binary",
            TypeTest::List => "list",
            TypeTest::Cons => "cons",
            TypeTest::Nil => "nil",
            TypeTest::Tuple => "tuple",
            TypeTest::Map => "map",
            TypeTest::Pid => "pid",
            TypeTest::Reference => "reference",
            TypeTest::Function => "function",
        })
    }
}

pub fn type_test(ty: TypeTest, t: &Term) -> bool {
    match ty {
        TypeTest::Integer => matches!(t, Term::Int(_) | Term::Big(_)),
        TypeTest::Float => matches!(t, Term::Float(_)),
        TypeTest::Number => t.is_number(),
        TypeTest::Atom => matches!(t, Term::Atom(_)),
        TypeTest::Boolean => matches!(t, Term::Atom(Atom::TRUE) | Term::Atom(Atom::FALSE)),
        TypeTest::Binary => matches!(t, Term::Binary(_)),
        TypeTest::List => matches!(t, Term::Nil | Term::Cons(_)),
        TypeTest::Cons => matches!(t, Term::Cons(_)),
        TypeTest::Nil => matches!(t, Term::Nil),
        TypeTest::Tuple => matches!(t, Term::Tuple(_)),
        TypeTest::Map => matches!(t, Term::Map(_)),
        TypeTest::Pid => matches!(t, Term::Pid(_)),
        TypeTest::Reference => matches!(t, Term::Ref(r) if r & PORT_BIT == 0),
        TypeTest::Function => matches!(t, Term::Fun(_)),
    }
}

/// `IsTaggedTuple`: whether `t` is a tuple of exactly `arity` elements whose first is `=== tag`.
#[inline(always)]
pub fn is_tagged_tuple(t: &Term, arity: u32, tag: &Term) -> bool {
    match t {
        Term::Tuple(t) if t.len() == arity as usize => t.first().is_some_and(|e| same_as_lit(e, tag)),
        _ => false,
    }
}

#[cfg(test)]
mod is_tagged_tuple_tests {
    use super::*;

    #[test]
    fn checks_arity_and_tag() {
        let t = Term::tuple(vec![Term::atom("token"), Term::Int(3), Term::Nil]);
        assert!(is_tagged_tuple(&t, 3, &Term::atom("token")));
        assert!(!is_tagged_tuple(&t, 2, &Term::atom("token")));
        assert!(!is_tagged_tuple(&t, 3, &Term::atom("next")));
        assert!(!is_tagged_tuple(&Term::atom("token"), 1, &Term::atom("token")));
        assert!(!is_tagged_tuple(&Term::tuple(vec![]), 0, &Term::atom("token")));
        let nested = Term::tuple(vec![Term::tuple(vec![Term::Int(1)]), Term::Int(2)]);
        assert!(is_tagged_tuple(&nested, 2, &Term::tuple(vec![Term::Int(1)])));
    }
}
