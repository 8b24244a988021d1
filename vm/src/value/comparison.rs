//! Comparison operators on terms: Erlang's term order ([`compare`]) with small integers
//! compared directly, and the exact equality a pattern's literal needs. [`CmpOp`] is the
//! operator the `Cmp`/`Test`/`TestI` instructions carry; `Kernel.==/2` and friends call [`cmp`]
//! with it.

use super::term::{compare, Term};
use std::cmp::Ordering;

/// Comparison operators, in Erlang's term order (numbers compare by value except for the
/// strict forms).
#[derive(Copy, Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CmpOp {
    /// `==` (`1 == 1.0` is true)
    Eq,
    /// `!=`
    Ne,
    /// `===` (exact: `1 === 1.0` is false)
    StrictEq,
    /// `!==`
    StrictNe,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl std::fmt::Display for CmpOp {
    /// The Elixir operator: `==`, `!=`, `===`, `!==`, `<`, `<=`, `>`, `>=`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::StrictEq => "===",
            CmpOp::StrictNe => "!==",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        })
    }
}

#[inline]
pub fn int_cmp(op: CmpOp, x: i64, y: i64) -> bool {
    match op {
        CmpOp::Eq | CmpOp::StrictEq => x == y,
        CmpOp::Ne | CmpOp::StrictNe => x != y,
        CmpOp::Lt => x < y,
        CmpOp::Le => x <= y,
        CmpOp::Gt => x > y,
        CmpOp::Ge => x >= y,
    }
}

/// Comparison in term order (see [`compare`]); two small integers compare directly.
#[inline]
pub fn cmp(op: CmpOp, a: &Term, b: &Term) -> bool {
    if let (Term::Int(x), Term::Int(y)) = (a, b) {
        return int_cmp(op, *x, *y);
    }
    match op {
        CmpOp::StrictEq => a == b,
        CmpOp::StrictNe => a != b,
        _ => {
            let o = compare(a, b, false);
            match op {
                CmpOp::Eq => o == Ordering::Equal,
                CmpOp::Ne => o != Ordering::Equal,
                CmpOp::Lt => o == Ordering::Less,
                CmpOp::Le => o != Ordering::Greater,
                CmpOp::Gt => o == Ordering::Greater,
                CmpOp::Ge => o != Ordering::Less,
                _ => unreachable!(),
            }
        }
    }
}

/// `a === lit` for a pattern's literal, with the immediate cases (atoms, small integers,
/// `[]`, the tags of tagged tuples) decided inline and the rest left to [`Term`]'s `==`.
#[inline(always)]
pub fn same_as_lit(a: &Term, lit: &Term) -> bool {
    match (a, lit) {
        (Term::Atom(x), Term::Atom(y)) => x == y,
        (Term::Int(x), Term::Int(y)) => x == y,
        (_, Term::Atom(_)) | (_, Term::Int(_)) => false,
        _ => a == lit,
    }
}

#[cfg(test)]
mod same_as_lit_tests {
    use super::*;

    #[test]
    fn agrees_with_exact_equality() {
        let terms = [
            Term::atom("token"),
            Term::atom("next"),
            Term::Int(0),
            Term::Int(1),
            Term::Float(0.0),
            Term::Nil,
            Term::tuple(vec![Term::Int(1)]),
            Term::binary(b"x".to_vec()),
        ];
        for a in &terms {
            for b in &terms {
                assert_eq!(same_as_lit(a, b), a == b, "{a:?} vs {b:?}");
            }
        }
    }
}
