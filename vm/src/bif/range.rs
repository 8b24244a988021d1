//! Ranges with bounds of any size: `:retort_enum.range_to_list/3` (what `Enum.to_list/1` of a
//! `first..last//step` calls) and `:rand.uniform/1` for bounds beyond 64 bits (what
//! `Enum.random/1` of a huge range needs). Follows Elixir 1.14's `Range`: the elements are
//! `first + i * step` for `i` in `0..size-1`, the size `div(last - first, step) + 1` when the
//! step points from `first` towards `last`, else 0.

use super::limits::check_list;
use super::util::badarg;
use super::Ctx;
use crate::error::{Exception, Trap};
use crate::value::Term;
use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};

fn big(t: &Term) -> Result<BigInt, Trap> {
    match t {
        Term::Int(i) => Ok(BigInt::from(*i)),
        Term::Big(b) => Ok((**b).clone()),
        _ => badarg(),
    }
}

/// The number of elements of `first..last//step` (0 when empty); `step` is not 0.
pub fn range_size(first: &BigInt, last: &BigInt, step: &BigInt) -> BigInt {
    let span = last - first;
    if span.is_zero() || (span.is_positive() == step.is_positive()) {
        span / step + BigInt::one()
    } else {
        BigInt::zero()
    }
}

/// `:retort_enum.range_to_list(first, last, step)`: the range's elements as a list.
/// `badarg` for a zero step or a bound that is not an integer; `SystemLimitError` when the list
/// would have more than [`super::limits::MAX_LIST_LEN`] elements (Elixir runs out of memory).
/// Charges the process one reduction per 40 elements built ([`Ctx::charge`]).
pub fn range_to_list(ctx: &mut Ctx, a: &[Term]) -> Result<Term, Trap> {
    if ctx.p.ext.as_ref().is_some_and(|e| e.max_heap.is_some()) {
        let n = range_list_len(a)?;
        ctx.heap_grows(n.saturating_mul(2))?;
    }
    range_list(a, |n| ctx.charge(n))
}

/// The length of the list [`range_to_list`] builds (`u64::MAX` when beyond 64 bits).
fn range_list_len(a: &[Term]) -> Result<u64, Trap> {
    let (f, l, s) = (big(&a[0])?, big(&a[1])?, big(&a[2])?);
    if s.is_zero() {
        return badarg();
    }
    Ok(range_size(&f, &l, &s).to_u64().unwrap_or(u64::MAX))
}

fn range_list(a: &[Term], mut charge: impl FnMut(usize)) -> Result<Term, Trap> {
    if let (Term::Int(f), Term::Int(l), Term::Int(s)) = (&a[0], &a[1], &a[2]) {
        let (f, l, s) = (*f as i128, *l as i128, *s as i128);
        if s == 0 {
            return badarg();
        }
        let n = if (s > 0 && f <= l) || (s < 0 && f >= l) { (l - f) / s + 1 } else { 0 };
        // `n` can be 2^64 (`i64::MIN..i64::MAX`): saturate, never truncate, before checking.
        check_list(u64::try_from(n).unwrap_or(u64::MAX))?;
        charge(n as usize);
        // Every element lies between `f` and `l`, so it fits in i64.
        return Ok(Term::list((0..n).map(|i| Term::Int((f + i * s) as i64)).collect()));
    }
    let (f, l, s) = (big(&a[0])?, big(&a[1])?, big(&a[2])?);
    if s.is_zero() {
        return badarg();
    }
    let n = range_size(&f, &l, &s).to_u64().unwrap_or(u64::MAX);
    check_list(n)?;
    charge(n as usize);
    let mut out = Vec::with_capacity(n as usize);
    let mut x = f;
    for _ in 0..n {
        out.push(Term::from_bigint(x.clone()));
        x += &s;
    }
    Ok(Term::list(out))
}

/// `:rand.uniform(n)` for `n` beyond 64 bits: an integer in `1..n`, built from 64-bit draws of
/// `next` (64 bits more than `n` needs, so the bias of the final reduction is below 2^-64).
/// `function_clause` for `n < 1`, as `:rand.uniform/1`.
pub fn uniform_big(n: &BigInt, mut next: impl FnMut() -> u64) -> Result<Term, Trap> {
    if !n.is_positive() {
        return Err(Exception::error(Term::atom("function_clause")).into());
    }
    let words = n.bits() / 64 + 2;
    let mut r = BigInt::zero();
    for _ in 0..words {
        r = (r << 64) + BigInt::from(next());
    }
    Ok(Term::from_bigint(r % n + BigInt::one()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(t: &Term) -> Vec<Term> {
        let mut v = vec![];
        let mut c = t.clone();
        while let Term::Cons(x) = c {
            v.push(x.head.clone());
            c = x.tail.clone();
        }
        v
    }

    #[test]
    fn ranges_near_the_ends_of_i64_do_not_overflow() {
        let r = range_list(&[Term::Int(i64::MAX - 2), Term::Int(i64::MAX), Term::Int(1)], |_| {}).unwrap();
        assert_eq!(ints(&r), vec![Term::Int(i64::MAX - 2), Term::Int(i64::MAX - 1), Term::Int(i64::MAX)]);
        let r = range_list(&[Term::Int(i64::MIN + 1), Term::Int(i64::MIN), Term::Int(-1)], |_| {}).unwrap();
        assert_eq!(ints(&r).len(), 2);
        assert!(range_list(&[Term::Int(i64::MIN), Term::Int(i64::MAX), Term::Int(1)], |_| {}).is_err());
    }

    #[test]
    fn big_bounds_give_their_elements_or_a_system_limit() {
        let b = |e: u32| Term::from_bigint(BigInt::from(2).pow(e));
        let r = range_list(&[b(70), b(71), b(69)], |_| {}).unwrap();
        assert_eq!(ints(&r).len(), 3);
        assert!(range_list(&[Term::Int(1), b(70), Term::Int(1)], |_| {}).is_err());
        assert_eq!(range_size(&BigInt::from(5), &BigInt::from(1), &BigInt::from(1)), BigInt::zero());
    }

    #[test]
    fn uniform_big_stays_in_range() {
        let n = BigInt::from(2).pow(70);
        let mut s = 12345u64;
        for _ in 0..100 {
            let t = uniform_big(&n, || {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                s
            })
            .unwrap();
            let v = big(&t).unwrap();
            assert!(v >= BigInt::one() && v <= n);
        }
    }
}
