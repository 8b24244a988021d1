//! Sorting a long list in bounded steps, so `Enum.sort/1` of millions of elements lets other
//! processes run between steps (the BEAM's `lists:sort/1` is Erlang code and yields like any
//! other). `Enum.sort/1` (`stdlib/lib/enum.ex`, `sort_long/1`) drives them: sorted runs of
//! [`STEP`] elements, then rounds of pairwise merges, each call doing at most `k` elements.
//!
//! A merge writes its output onto an accumulator, so it comes out reversed; the next round
//! merges reversed runs and comes out in order again (as `lists:sort`'s `rmerge` alternates).
//! Ties keep the input order (a stable sort): in an ascending round the earlier run wins a tie,
//! in a descending one the later run does.

use super::lists::sort_terms;
use super::util::{badarg, int};
use super::Ctx;
use crate::error::Trap;
use crate::value::{compare, Atom, Term};
use std::cmp::Ordering;

/// The most elements [`sort_prefix`] reserves room for up front.
const STEP: usize = 32_768;

fn count(a: &Term) -> Result<usize, Trap> {
    match int(a)? {
        k if k > 0 => Ok(k as usize),
        _ => badarg(),
    }
}

/// `:retort_enum.sort_prefix(list, k)`: `{run, rest}`, the first `k` elements sorted (stable)
/// and the list after them (shared, not copied). `badarg` on an improper list.
pub fn sort_prefix(ctx: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
    let k = count(&a[1])?;
    let mut run = Vec::with_capacity(k.min(STEP));
    let mut cur = &a[0];
    while run.len() < k {
        match cur {
            Term::Cons(c) => {
                run.push(c.head.clone());
                cur = &c.tail;
            }
            Term::Nil => break,
            _ => return badarg(),
        }
    }
    let rest = cur.clone();
    ctx.charge_sort(run.len());
    sort_terms(&mut run);
    Ok(Term::tuple(vec![Term::list(run), rest]))
}

/// `:retort_enum.merge_step(left, right, acc, k, order)`: moves up to `k` elements of the two
/// sorted lists onto `acc`, the smaller first when `order` is `:asc` (both ascending, `left`
/// before `right` in the input), the larger first when `:desc` (both reversed runs). Returns
/// `{:cont, left, right, acc}`, or `{:done, acc}` once both are empty.
pub fn merge_step(ctx: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
    let k = count(&a[3])?;
    let asc = match &a[4] {
        Term::Atom(x) if x.name() == "asc" => true,
        Term::Atom(x) if x.name() == "desc" => false,
        _ => return badarg(),
    };
    let mut left = std::mem::take(&mut a[0]);
    let mut right = std::mem::take(&mut a[1]);
    let mut acc = std::mem::take(&mut a[2]);
    for _ in 0..k {
        let take_left = match (&left, &right) {
            (Term::Nil, Term::Nil) => break,
            (Term::Cons(_), Term::Nil) => true,
            (Term::Nil, Term::Cons(_)) => false,
            (Term::Cons(l), Term::Cons(r)) => {
                let o = compare(&l.head, &r.head, false);
                if asc { o != Ordering::Greater } else { o == Ordering::Greater }
            }
            _ => return badarg(),
        };
        let from = if take_left { &mut left } else { &mut right };
        let Term::Cons(c) = std::mem::take(from) else { return badarg() };
        *from = c.tail.clone();
        acc = Term::cons(c.head.clone(), acc);
    }
    ctx.charge(k);
    if matches!((&left, &right), (Term::Nil, Term::Nil)) {
        return Ok(Term::tuple(vec![Term::atom("done"), acc]));
    }
    Ok(Term::tuple(vec![Term::atom("cont"), left, right, acc]))
}

/// `:retort_enum.reverse_step(list, acc, k)`: moves up to `k` elements of `list` onto `acc`;
/// `{:cont, list, acc}`, or `{:done, acc}` once `list` is empty.
pub fn reverse_step(ctx: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
    let k = count(&a[2])?;
    let mut list = std::mem::take(&mut a[0]);
    let mut acc = std::mem::take(&mut a[1]);
    for _ in 0..k {
        match std::mem::take(&mut list) {
            Term::Cons(c) => {
                list = c.tail.clone();
                acc = Term::cons(c.head.clone(), acc);
            }
            Term::Nil => break,
            _ => return badarg(),
        }
    }
    ctx.charge(k);
    if matches!(list, Term::Nil) {
        return Ok(Term::tuple(vec![Term::Atom(Atom::intern("done")), acc]));
    }
    Ok(Term::tuple(vec![Term::atom("cont"), list, acc]))
}
