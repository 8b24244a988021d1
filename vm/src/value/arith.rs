//! Arithmetic on terms, as the BEAM's `erl_arith.c` does it: small integers with overflow into
//! bignums, floats, mixed integer/float operands, and `badarith` (Elixir's `ArithmeticError`)
//! for anything else. [`ArithOp`] is the operator the `Arith`/`ArithI` instructions carry;
//! `:erlang.+/2` and friends call [`arith`] with it.

use super::term::Term;
use crate::error::Exception;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};

/// Arithmetic operators. Operands must be numbers, else `badarith` (Elixir: `ArithmeticError`).
#[derive(Copy, Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ArithOp {
    /// `+`; integers overflow into bignums.
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`: always a float; division by zero is `badarith`.
    Div,
    /// `div/2`: integer division truncated toward zero; integers only.
    IntDiv,
    /// `rem/2`: remainder with the sign of the dividend; integers only.
    Rem,
}

impl std::fmt::Display for ArithOp {
    /// The Elixir operator: `+`, `-`, `*`, `/`, `div`, `rem`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ArithOp::Add => "+",
            ArithOp::Sub => "-",
            ArithOp::Mul => "*",
            ArithOp::Div => "/",
            ArithOp::IntDiv => "div",
            ArithOp::Rem => "rem",
        })
    }
}

/// Integer arithmetic fast path: overflow spills into bignums.
#[inline]
pub fn int_arith(op: ArithOp, x: i64, y: i64) -> Result<Term, Exception> {
    let r = match op {
        ArithOp::Add => x.checked_add(y),
        ArithOp::Sub => x.checked_sub(y),
        ArithOp::Mul => x.checked_mul(y),
        ArithOp::Div => {
            if y == 0 {
                return Err(Exception::badarith());
            }
            return Ok(Term::Float(x as f64 / y as f64));
        }
        ArithOp::IntDiv => {
            if y == 0 {
                return Err(Exception::badarith());
            }
            x.checked_div(y)
        }
        ArithOp::Rem => {
            if y == 0 {
                return Err(Exception::badarith());
            }
            x.checked_rem(y)
        }
    };
    match r {
        Some(v) => Ok(Term::Int(v)),
        None => big_arith(op, &BigInt::from(x), &BigInt::from(y)),
    }
}

fn big_arith(op: ArithOp, x: &BigInt, y: &BigInt) -> Result<Term, Exception> {
    Ok(match op {
        ArithOp::Add => Term::from_bigint(x + y),
        ArithOp::Sub => Term::from_bigint(x - y),
        ArithOp::Mul => Term::from_bigint(x * y),
        ArithOp::Div => {
            let (a, b) = (x.to_f64().unwrap_or(f64::NAN), y.to_f64().unwrap_or(f64::NAN));
            if b == 0.0 {
                return Err(Exception::badarith());
            }
            return float_result(a / b);
        }
        ArithOp::IntDiv => {
            if y.is_zero() {
                return Err(Exception::badarith());
            }
            // truncating division
            Term::from_bigint(x / y)
        }
        ArithOp::Rem => {
            if y.is_zero() {
                return Err(Exception::badarith());
            }
            Term::from_bigint(x % y)
        }
    })
}

fn float_result(f: f64) -> Result<Term, Exception> {
    if f.is_finite() {
        Ok(Term::Float(f))
    } else {
        Err(Exception::badarith())
    }
}

fn to_big(t: &Term) -> Option<BigInt> {
    match t {
        Term::Int(i) => Some(BigInt::from(*i)),
        Term::Big(b) => Some((**b).clone()),
        _ => None,
    }
}

/// Converts a number to f64 (for mixed arithmetic).
pub fn to_f64(t: &Term) -> Option<f64> {
    match t {
        Term::Int(i) => Some(*i as f64),
        Term::Big(b) => b.to_f64(),
        Term::Float(f) => Some(*f),
        _ => None,
    }
}

/// General arithmetic on any two terms: bignums, floats, mixed; `badarith` otherwise.
pub fn arith(op: ArithOp, a: &Term, b: &Term) -> Result<Term, Exception> {
    match (a, b) {
        (Term::Int(x), Term::Int(y)) => int_arith(op, *x, *y),
        (Term::Int(_) | Term::Big(_), Term::Int(_) | Term::Big(_)) => match (to_big(a), to_big(b)) {
            (Some(x), Some(y)) => big_arith(op, &x, &y),
            _ => Err(Exception::badarith()),
        },
        (Term::Float(_) | Term::Int(_) | Term::Big(_), Term::Float(_) | Term::Int(_) | Term::Big(_)) => {
            let (Some(x), Some(y)) = (to_f64(a), to_f64(b)) else { return Err(Exception::badarith()) };
            match op {
                ArithOp::Add => float_result(x + y),
                ArithOp::Sub => float_result(x - y),
                ArithOp::Mul => float_result(x * y),
                ArithOp::Div => {
                    if y == 0.0 {
                        Err(Exception::badarith())
                    } else {
                        float_result(x / y)
                    }
                }
                ArithOp::IntDiv | ArithOp::Rem => Err(Exception::badarith()),
            }
        }
        _ => Err(Exception::badarith()),
    }
}

/// Floored integer division/modulo helpers for `Integer.floor_div`/`Integer.mod`.
pub fn int_mod(a: &Term, b: &Term) -> Result<Term, Exception> {
    match (to_big(a), to_big(b)) {
        (Some(x), Some(y)) if !y.is_zero() => Ok(Term::from_bigint(x.mod_floor(&y))),
        _ => Err(Exception::badarith()),
    }
}

/// Unary minus.
/// `abs/1` (`:erlang.abs/1`): a number's absolute value (bignums and floats too); anything else
/// is `badarg` with `:erlang.abs/1` and Erlang's "not a number" on top of the stacktrace.
pub fn abs(a: &Term) -> Result<Term, Exception> {
    match a {
        Term::Int(i) if *i < 0 => neg(a),
        Term::Int(_) => Ok(a.clone()),
        Term::Big(b) if b.sign() == num_bigint::Sign::Minus => neg(a),
        Term::Big(_) => Ok(a.clone()),
        Term::Float(f) => Ok(Term::Float(f.abs())),
        _ => Err(Exception::bif_badarg("erlang", "abs", std::slice::from_ref(a), &[(1, "not a number")])),
    }
}

pub fn neg(a: &Term) -> Result<Term, Exception> {
    match a {
        Term::Int(i) => Ok(i.checked_neg().map(Term::Int).unwrap_or_else(|| Term::from_bigint(-BigInt::from(*i)))),
        Term::Big(b) => Ok(Term::from_bigint(-(**b).clone())),
        Term::Float(f) => Ok(Term::Float(-f)),
        _ => Err(Exception::badarith()),
    }
}
