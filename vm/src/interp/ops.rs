//! Arithmetic, comparison, type tests and construction helpers for the dispatch loop.

use crate::bytecode::{ArithOp, CmpOp, TypeTest};
use crate::error::Exception;
use crate::value::bin::Bin;
use crate::value::{compare, Atom, MapT, Term};
use smallvec::SmallVec;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};
use std::cmp::Ordering;
use std::rc::Rc;

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

/// Puts `{:erlang, op, [a, b], []}` on top of a `badarith` raised by the arithmetic
/// instruction in a script's top-level code (module `elixir_compiler_N`: a script, a shell
/// input). Elixir evaluates that code with `erl_eval`, which calls the operator as a function,
/// so its stacktrace starts with the operator and its arguments (Elixir's
/// `ArithmeticError.blame/2` reads it to print `1 / 0`); compiled module code raises from the
/// instruction, with no such entry.
#[cold]
pub fn blame_arith(op: ArithOp, a: &Term, b: &Term, mut e: Exception, module: Atom) -> Exception {
    if e.top.is_none() && matches!(e.reason, Term::Atom(Atom::BADARITH)) && module.name().starts_with("elixir_compiler_") {
        // The operator's Erlang function name is its Elixir spelling (`+`, `div`, ...).
        let name = op.to_string();
        e.top = Some(Term::tuple(vec![Term::atom("erlang"), Term::atom(&name), Term::list(vec![a.clone(), b.clone()]), Term::Nil]));
    }
    e
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
pub fn neg(a: &Term) -> Result<Term, Exception> {
    match a {
        Term::Int(i) => Ok(i.checked_neg().map(Term::Int).unwrap_or_else(|| Term::from_bigint(-BigInt::from(*i)))),
        Term::Big(b) => Ok(Term::from_bigint(-(**b).clone())),
        Term::Float(f) => Ok(Term::Float(-f)),
        _ => Err(Exception::badarith()),
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
        TypeTest::Reference => matches!(t, Term::Ref(r) if r & crate::value::term::PORT_BIT == 0),
        TypeTest::Function => matches!(t, Term::Fun(_)),
    }
}

/// A map from consecutive key/value registers.
pub fn build_map(kv: &[Term]) -> Term {
    let mut m = MapT::new();
    for pair in kv.chunks(2) {
        m.insert(pair[0].clone(), pair[1].clone());
    }
    Term::map(m)
}

/// The map of `MapLit`: the keys of the literal map `keys` (shared) with `vals` in their
/// order. The verifier guarantees a flatmap literal of `vals.len()` keys; anything else
/// (unreachable for verified code) is built key by key.
pub fn map_with_keys(keys: &Term, vals: &[Term]) -> Term {
    if let Term::Map(k) = keys {
        if let Some(m) = k.with_keys_of(vals.to_vec()) {
            return Term::map(m);
        }
        let mut m = MapT::new();
        for ((key, _), v) in k.iter().zip(vals) {
            m.insert(key.clone(), v.clone());
        }
        return Term::map(m);
    }
    Term::map(MapT::new())
}

/// `Map.put` of several pairs, or (with `exact`) the `%{m | k => v}` update that requires
/// every key to exist.
pub fn map_put(map: &Term, kv: &[Term], exact: bool) -> Result<Term, Exception> {
    let Term::Map(m) = map else {
        return Err(Exception::tagged(Atom::BADMAP, map.clone()));
    };
    let mut m: MapT = (**m).clone();
    for pair in kv.chunks(2) {
        if exact && !m.contains_key(&pair[0]) {
            // `%{map | k: v}` fails with `{:badkey, k}` (no map), as on the BEAM.
            return Err(Exception::tagged(Atom::BADKEY, pair[0].clone()));
        }
        m.insert(pair[0].clone(), pair[1].clone());
    }
    Ok(Term::Map(Rc::new(m)))
}

/// [`map_put`] on an owned map term (`Map.put` of several pairs, or with `exact` the
/// `%{m | k => v}` update): updates in place when the map's `Rc` is unique, else copies the
/// path (the shared original is unchanged). Every key is checked before anything changes,
/// so an error leaves no partial update. Errors: `{:badmap, map}`, `{:badkey, k}`.
pub fn map_put_owned(map: Term, kv: &[Term], exact: bool) -> Result<Term, Exception> {
    let Term::Map(mut rc) = map else {
        return Err(Exception::tagged(Atom::BADMAP, map));
    };
    if exact {
        if let Some(pair) = kv.chunks(2).find(|p| !rc.contains_key(&p[0])) {
            return Err(Exception::tagged(Atom::BADKEY, pair[0].clone()));
        }
    }
    let m = Rc::make_mut(&mut rc);
    for pair in kv.chunks(2) {
        m.insert(pair[0].clone(), pair[1].clone());
    }
    Ok(Term::Map(rc))
}

/// Concatenation of binaries (`<>`, interpolation): appends in place to the first part when it
/// is the tip of an append buffer (see `value::bin`).
pub fn concat(parts: &[Term]) -> Result<Term, Exception> {
    let Some(Term::Binary(first)) = parts.first() else {
        return if parts.is_empty() { Ok(Term::binary(Vec::new())) } else { Err(concat_error(0, &parts[0])) };
    };
    let mut rest: SmallVec<[&[u8]; 8]> = SmallVec::new();
    for (i, p) in parts.iter().enumerate().skip(1) {
        match p {
            Term::Binary(b) => rest.push(b.as_slice()),
            _ => return Err(concat_error(i, p)),
        }
    }
    Ok(Term::Binary(Rc::new(Bin::concat(first, &rest))))
}

/// The ArgumentError of a `<>` chain whose piece `index` (0-based) is `v`, not a binary, as
/// OTP 25 words it for the binary construction Elixir compiles `<>` to: `construction of
/// binary failed: segment 1 of type 'binary': expected a binary but got: 1`.
fn concat_error(index: usize, v: &Term) -> Exception {
    Exception::argument_error(&format!(
        "construction of binary failed: segment {} of type 'binary': expected a binary but got: {}",
        index + 1,
        crate::value::inspect::inspect_default(v)
    ))
}

/// `String.Chars.to_string/1` for interpolation.
pub fn to_str(t: &Term) -> Result<Term, Exception> {
    match crate::value::to_string::to_string(t) {
        Ok(b) => Ok(Term::binary(b)),
        Err(()) => Err(protocol_undefined("String.Chars", t)),
    }
}

/// `Protocol.UndefinedError` for `protocol` and `value`.
pub fn protocol_undefined(protocol: &str, value: &Term) -> Exception {
    let mut m = MapT::new();
    m.insert(Term::Atom(Atom::STRUCT), Term::atom("Elixir.Protocol.UndefinedError"));
    m.insert(Term::Atom(Atom::EXCEPTION), Term::TRUE);
    m.insert(Term::atom("protocol"), Term::atom(&format!("Elixir.{protocol}")));
    m.insert(Term::atom("value"), value.clone());
    m.insert(Term::atom("description"), Term::string(""));
    Exception::error(Term::map(m))
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
