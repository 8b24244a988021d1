//! `Enum.uniq/1`, `Enum.frequencies/1` and `Enum.shuffle/1` in bounded steps, so a call on
//! millions of elements lets other processes (and timers) run between steps, as these
//! functions, Erlang code on the BEAM, yield like any other. `stdlib/lib/enum.ex` drives the
//! steps (`uniq_steps/3`, `frequencies_steps/2`, `shuffle_steps/1`); each call handles at most
//! `k` elements and charges reductions for them, so the slice ends after a few calls. The
//! sort steps of `sort_steps.rs` are the model.
//!
//! Each step consumes its input list as it goes: a list held only by the caller is freed
//! cell by cell instead of in one long drop at the end.

use super::util::{badarg, int};
use super::Ctx;
use crate::error::Trap;
use crate::value::{Atom, MapT, Term};

/// Elements charged per element a step hashes into a map: two reductions, about what the BEAM
/// spends per element in Elixir's `Enum.uniq/1` (a fun call and a map operation), and about
/// the time of 80 list cells here. Charging less let a 5-million-element call run a second
/// between two looks at the timers (the scheduler looks every 64 slices' worth of reductions).
const MAP_WORK: usize = 2 * super::ELEMENTS_PER_REDUCTION;

fn count(a: &Term) -> Result<usize, Trap> {
    match int(a)? {
        k if k > 0 => Ok(k as usize),
        _ => badarg(),
    }
}

/// The next element of the owned list `list` (advanced past it), `None` at its end; `badarg`
/// on an improper tail.
fn next(list: &mut Term) -> Result<Option<Term>, Trap> {
    match std::mem::take(list) {
        Term::Cons(c) => {
            *list = c.tail.clone();
            Ok(Some(c.head.clone()))
        }
        Term::Nil => Ok(None),
        _ => badarg(),
    }
}

fn done(t: Term) -> Term {
    Term::tuple(vec![Term::Atom(Atom::intern("done")), t])
}

fn cont(mut items: Vec<Term>) -> Term {
    items.insert(0, Term::atom("cont"));
    Term::tuple(items)
}

/// `:retort_enum.uniq_step(list, seen, acc, k)`: up to `k` elements of `list`; each that is not
/// yet a key of the map `seen` becomes one (value `true`) and is consed onto `acc` (so `acc`
/// holds the first occurrences, last first). `{:cont, rest, seen, acc}`, or `{:done, acc}`
/// once `list` is empty. Keys compare exactly (`1` and `1.0` are both kept), as Elixir's
/// `Enum.uniq/1`, which also keeps seen elements in a map. `badarg` on an improper list or a
/// `seen` that is not a map.
pub fn uniq_step(ctx: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
    let k = count(&a[3])?;
    let Term::Map(mut seen) = std::mem::take(&mut a[1]) else { return badarg() };
    let mut list = std::mem::take(&mut a[0]);
    let mut acc = std::mem::take(&mut a[2]);
    let mut n = 0;
    while n < k {
        let Some(x) = next(&mut list)? else { break };
        n += 1;
        if MapT::put(&mut seen, x.clone(), Term::TRUE).is_none() {
            acc = Term::cons(x, acc);
        }
    }
    ctx.charge(n * MAP_WORK);
    if matches!(list, Term::Nil) {
        return Ok(done(acc));
    }
    Ok(cont(vec![list, Term::Map(seen), acc]))
}

/// `:retort_enum.frequencies_step(list, counts, k)`: counts up to `k` elements of `list` into
/// the map `counts` (element => occurrences). `{:cont, rest, counts}`, or `{:done, counts}`
/// once `list` is empty. `badarg` on an improper list or a `counts` that is not a map.
pub fn frequencies_step(ctx: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
    let k = count(&a[2])?;
    let Term::Map(mut counts) = std::mem::take(&mut a[1]) else { return badarg() };
    let mut list = std::mem::take(&mut a[0]);
    let mut n = 0;
    while n < k {
        let Some(x) = next(&mut list)? else { break };
        n += 1;
        let c = match counts.get(&x) {
            Some(Term::Int(c)) => c + 1,
            _ => 1,
        };
        MapT::put(&mut counts, x, Term::Int(c));
    }
    ctx.charge(n * MAP_WORK);
    if matches!(list, Term::Nil) {
        return Ok(done(Term::Map(counts)));
    }
    Ok(cont(vec![list, Term::Map(counts)]))
}

/// One xorshift64 step (Marsaglia): the next state, never 0 for a state that is not 0.
fn xorshift(mut s: u64) -> u64 {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    s
}

/// The xorshift64 state in `t` (an integer; 0, which xorshift never leaves, becomes a fixed
/// odd state).
fn seed_of(t: &Term) -> Result<u64, Trap> {
    Ok(match int(t)? as u64 {
        0 => 0x9E37_79B9_7F4A_7C15,
        s => s,
    })
}

/// A uniform integer below `n` (> 0) from the state `seed`, advanced (Lemire's multiply-shift;
/// the bias is below n / 2^64).
fn below(seed: &mut u64, n: u64) -> u64 {
    *seed = xorshift(*seed);
    ((*seed as u128 * n as u128) >> 64) as u64
}

/// `:retort_enum.shuffle_run(list, k, seed)`: `{run, n, rest, seed}`: the first `n <= k`
/// elements of `list` in a uniformly random order (Fisher-Yates), the list after them, and
/// the advanced state. `badarg` on an improper list.
pub fn shuffle_run(ctx: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
    let k = count(&a[1])?;
    let mut seed = seed_of(&a[2])?;
    let mut list = std::mem::take(&mut a[0]);
    let mut run = Vec::with_capacity(k.min(1 << 16));
    while run.len() < k {
        let Some(x) = next(&mut list)? else { break };
        run.push(x);
    }
    for i in (1..run.len()).rev() {
        let j = below(&mut seed, i as u64 + 1) as usize;
        run.swap(i, j);
    }
    ctx.charge(run.len() * 2);
    let n = run.len() as i64;
    Ok(Term::tuple(vec![Term::list(run), Term::Int(n), list, Term::Int(seed as i64)]))
}

/// `:retort_enum.shuffle_merge(left, nl, right, nr, acc, seed, k)`: moves up to `k` elements
/// of the two lists (of `nl` and `nr` elements) onto `acc`, each time from `left` with
/// probability `nl / (nl + nr)` (the counts left), so two uniformly shuffled lists become one
/// (reversed onto `acc`, which keeps it uniform). `{:cont, left, nl, right, nr, acc, seed}`,
/// or `{:done, acc, seed}` once both are empty. `badarg` when a count is wrong.
pub fn shuffle_merge(ctx: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
    let k = count(&a[6])?;
    let (mut nl, mut nr) = (int(&a[1])?, int(&a[3])?);
    if nl < 0 || nr < 0 {
        return badarg();
    }
    let mut seed = seed_of(&a[5])?;
    let mut left = std::mem::take(&mut a[0]);
    let mut right = std::mem::take(&mut a[2]);
    let mut acc = std::mem::take(&mut a[4]);
    let mut n = 0;
    while n < k && nl + nr > 0 {
        let from_left = (below(&mut seed, (nl + nr) as u64) as i64) < nl;
        let x = if from_left { next(&mut left)? } else { next(&mut right)? };
        let Some(x) = x else { return badarg() };
        if from_left { nl -= 1 } else { nr -= 1 }
        acc = Term::cons(x, acc);
        n += 1;
    }
    ctx.charge(n * 2);
    if nl + nr == 0 {
        if !matches!((&left, &right), (Term::Nil, Term::Nil)) {
            return badarg();
        }
        return Ok(Term::tuple(vec![Term::atom("done"), acc, Term::Int(seed as i64)]));
    }
    Ok(cont(vec![left, Term::Int(nl), right, Term::Int(nr), acc, Term::Int(seed as i64)]))
}

/// `:retort_enum.shuffle_seed()`: a fresh non-zero xorshift state for `shuffle_tag/4`, from
/// the clock (as the single-call shuffle had it; `:rand.seed/2` does not make it repeatable).
pub fn shuffle_seed(_ctx: &mut Ctx, _a: &mut [Term]) -> Result<Term, Trap> {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(7);
    Ok(Term::Int((xorshift(nanos | 1) >> 1) as i64))
}
