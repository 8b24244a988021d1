//! Dropping terms without recursing on the Rust stack, and freeing huge garbage a piece at a
//! time.
//!
//! A term nested a million deep (`{{{...}}}`, `[[[...]]]`, `%{a: %{a: ...}}`, a closure
//! capturing a closure ...) would overflow the stack if each container dropped its elements
//! recursively. Instead, a container whose drop would free another container starts a loop
//! ([`drop_terms`]) over a work list local to that call: each term taken from the list is
//! *dismantled*: when this is its last reference, its elements are checked one by one, in
//! order, and an element that is itself the last reference to a container goes onto the list
//! while the others are dropped at once (they free no container, so their drops end quickly).
//! The dismantled container is then freed with nothing deep left in it. Stack depth stays
//! constant, and no state outlives the call: nothing here is per thread or global.
//!
//! Checking each element just before dropping it (not all of them first) matters for shared
//! elements: in `{a, a}` neither copy is the last reference when looked at together, but the
//! second is once the first has been dropped.
//!
//! [`Reclaimer`] runs the same dismantling with a budget: the scheduler hands it the terms of a
//! process that ended, and frees about [`Reclaimer::SLICE_CELLS`] cells of them after each
//! slice, so the end of a process holding a list or map of millions of elements does not stop
//! every other process for the whole free. (The BEAM frees a dead process's heap wholesale;
//! a term here is freed cell by cell.)

use super::cons::ConsRc;
use super::map::hamt::Child;
use super::term::{Fun, MapT, Term};
use std::rc::Rc;

/// Whether dropping `t` now would free a container (and so drop its elements in turn).
#[inline]
pub fn frees_container(t: &Term) -> bool {
    match t {
        Term::Tuple(x) => x.is_unique(),
        Term::Cons(x) => ConsRc::is_unique(x),
        Term::Map(x) => Rc::strong_count(x) == 1,
        Term::Fun(x) => Rc::strong_count(x) == 1,
        _ => false,
    }
}

/// Whether `t` is a container (its drop may free one, now or once other references went).
/// A container's drop that hands its elements to [`drop_terms`] asks this of each, not
/// [`frees_container`], so that elements shared among themselves (`{a, a}`) go there too.
#[inline]
pub fn is_container(t: &Term) -> bool {
    matches!(t, Term::Tuple(_) | Term::Cons(_) | Term::Map(_) | Term::Fun(_))
}

/// Whether dropping `ts` in order could free a container, so that a container's drop must hand
/// them to [`drop_terms`] rather than drop them itself: one of them is the last reference to a
/// container, or two or more are containers (they could be the same one, `{a, a}`, whose second
/// copy is the last reference once the first is dropped).
#[inline]
pub fn needs_work_list(ts: &[Term]) -> bool {
    let mut containers = 0;
    for t in ts {
        if is_container(t) {
            if frees_container(t) {
                return true;
            }
            containers += 1;
        }
    }
    containers > 1
}

/// Where a dismantled container puts its elements that free a container (see the module
/// documentation): the work list, or, when `t` frees nothing, an immediate drop.
#[inline]
pub(crate) fn sink(t: Term, work: &mut Work) {
    if frees_container(&t) {
        work.push(Garbage::Term(t));
    } else {
        drop(t);
    }
}

/// A piece of garbage on a work list.
pub(crate) enum Garbage {
    /// A term this list holds a reference to.
    Term(Term),
    /// The children of a hashmap trie node (freed node by node, so a huge map is freed in
    /// pieces too).
    Nodes(Rc<[Child]>),
}

/// A work list of garbage.
pub(crate) type Work = Vec<Garbage>;

/// Drops `terms` with constant stack depth (see the module documentation).
pub fn drop_terms(terms: impl IntoIterator<Item = Term>) {
    let mut work = Work::new();
    for t in terms {
        drain(Garbage::Term(t), &mut work);
    }
}

/// Drops the children of a hashmap trie node with constant stack depth.
pub(crate) fn drop_nodes(children: Rc<[Child]>) {
    drain(Garbage::Nodes(children), &mut Work::new());
}

/// Dismantles `g` and everything it puts on `work`, with no budget.
fn drain(g: Garbage, work: &mut Work) {
    let mut unlimited = usize::MAX;
    dismantle(g, work, &mut unlimited);
    while let Some(g) = work.pop() {
        dismantle(g, work, &mut unlimited);
    }
}

/// Frees `g` if this is its last reference, putting its elements that free a container on
/// `work`. `budget` counts cells and trie entries freed down; a list whose cells outrun it puts
/// the rest of itself back on `work`.
fn dismantle(g: Garbage, work: &mut Work, budget: &mut usize) {
    match g {
        Garbage::Term(Term::Cons(c)) => ConsRc::release_into(c, work, budget),
        Garbage::Term(Term::Tuple(t)) => t.release_into(work),
        Garbage::Term(Term::Map(m)) => {
            if let Ok(mut m) = Rc::try_unwrap(m) {
                m.take_deep_into(work, budget);
            }
        }
        Garbage::Term(Term::Fun(f)) => {
            if let Ok(mut f) = Rc::try_unwrap(f) {
                let env = match &mut f {
                    Fun::Local { env, .. } => std::mem::take(env),
                    Fun::Foreign(x) => std::mem::take(&mut x.env),
                    Fun::External { .. } => Vec::new(),
                };
                for t in env {
                    sink(t, work);
                }
            }
        }
        Garbage::Term(t) => drop(t),
        Garbage::Nodes(mut rc) => {
            let Some(children) = Rc::get_mut(&mut rc) else { return };
            *budget = budget.saturating_sub(children.len());
            for c in children.iter_mut() {
                match c {
                    Child::Leaf(l) => {
                        sink(std::mem::take(&mut l.key), work);
                        sink(std::mem::take(&mut l.val), work);
                    }
                    Child::Node(n) => work.push(Garbage::Nodes(std::mem::take(&mut n.children))),
                }
            }
        }
    }
}

impl MapT {
    /// Empties this map (its last reference) onto `work`: keys and values that free a
    /// container go on the list, the others are dropped; a hashmap's trie goes on as nodes.
    fn take_deep_into(&mut self, work: &mut Work, budget: &mut usize) {
        use super::map::Repr;
        match &mut self.0 {
            Repr::Flat(f) => {
                *budget = budget.saturating_sub(f.vals.len());
                if let Some(keys) = Rc::get_mut(&mut f.keys) {
                    for k in std::mem::take(keys) {
                        sink(k, work);
                    }
                }
                for v in std::mem::take(&mut f.vals) {
                    sink(v, work);
                }
            }
            Repr::Hamt(h) => {
                h.len = 0;
                work.push(Garbage::Nodes(std::mem::take(&mut h.root.children)));
            }
        }
    }
}

/// Garbage waiting to be freed a piece at a time: the terms of processes that ended. Owned by
/// the scheduler (`Vm`); dropping it frees what is left.
#[derive(Default)]
pub struct Reclaimer {
    work: Work,
}

impl Reclaimer {
    /// Cells (and map entries) freed per [`Reclaimer::work_some`] call: about a millisecond of
    /// freeing.
    pub const SLICE_CELLS: usize = 1 << 16;

    /// Takes `terms` to free later. Terms that free no container are dropped now.
    pub fn take(&mut self, terms: impl IntoIterator<Item = Term>) {
        for t in terms {
            if !t.owns_nothing() {
                sink(t, &mut self.work);
            }
        }
    }

    /// Whether garbage is waiting.
    #[inline]
    pub fn pending(&self) -> bool {
        !self.work.is_empty()
    }

    /// Frees about [`Reclaimer::SLICE_CELLS`] cells' worth of waiting garbage; returns whether
    /// more waits.
    pub fn work_some(&mut self) -> bool {
        let mut budget = Self::SLICE_CELLS;
        while budget > 0 {
            let Some(g) = self.work.pop() else { return false };
            budget -= 1;
            dismantle(g, &mut self.work, &mut budget);
        }
        self.pending()
    }

    /// Frees everything waiting.
    pub fn work_all(&mut self) {
        let mut unlimited = usize::MAX;
        while let Some(g) = self.work.pop() {
            dismantle(g, &mut self.work, &mut unlimited);
        }
    }
}

impl Drop for Reclaimer {
    fn drop(&mut self) {
        self.work_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::term::compare;

    fn nested_tuples(depth: usize) -> Term {
        let mut t = Term::Int(1);
        for _ in 0..depth {
            t = Term::tuple(vec![t]);
        }
        t
    }

    fn long_list(n: i64) -> Term {
        let mut t = Term::Nil;
        for i in 0..n {
            t = Term::cons(Term::Int(i), t);
        }
        t
    }

    #[test]
    fn a_million_deep_tuple_drops_and_compares() {
        let a = nested_tuples(1_000_000);
        let b = nested_tuples(1_000_000);
        assert_eq!(compare(&a, &b, false), std::cmp::Ordering::Equal);
        assert!(a == b);
        drop(a);
        drop(b);
    }

    #[test]
    fn a_million_deep_list_of_lists_drops() {
        let mut t = Term::Nil;
        for _ in 0..1_000_000 {
            t = Term::cons(t, Term::Nil);
        }
        drop(t);
    }

    /// `[1, [1, [1, ...]]]`: the nesting is in the second cell's head, which the list's own
    /// drop loop reaches only after the first cell.
    #[test]
    fn a_million_deep_nesting_in_second_elements_drops() {
        let mut t = Term::Nil;
        for _ in 0..1_000_000 {
            t = Term::cons(Term::Int(1), Term::cons(t, Term::Nil));
        }
        drop(t);
    }

    #[test]
    fn a_million_deep_map_drops() {
        let k = Term::atom("a");
        let mut t = Term::Nil;
        for _ in 0..1_000_000 {
            let mut m = crate::value::MapT::new();
            m.insert(k.clone(), t);
            t = Term::map(m);
        }
        drop(t);
    }

    /// Maps nested a million deep through their keys.
    #[test]
    fn a_million_deep_nesting_through_map_keys_drops() {
        let mut t = Term::Nil;
        for _ in 0..1_000_000 {
            let mut m = crate::value::MapT::new();
            m.insert(Term::tuple(vec![t]), Term::Int(1));
            t = Term::map(m);
        }
        drop(t);
    }

    /// `{a, a}` where `a = {b, b}` ... a million levels: every element is shared until its
    /// twin has been dropped.
    #[test]
    fn a_million_deep_shared_pairs_drop() {
        let mut t = Term::Int(0);
        for _ in 0..1_000_000 {
            t = Term::tuple(vec![t.clone(), t]);
        }
        drop(t);
        let mut m = Term::Int(0);
        for _ in 0..1_000_000 {
            let mut x = crate::value::MapT::new();
            x.insert(Term::atom("a"), m.clone());
            x.insert(Term::atom("b"), m);
            m = Term::map(x);
        }
        drop(m);
    }

    /// A closure capturing a closure capturing ... a million deep (what
    /// `Enum.reduce(1..1_000_000, f, fn _, acc -> fn -> acc end end)` builds) drops without
    /// recursing: `Fun`'s drop hands its captured funs to the work list.
    #[test]
    fn a_million_deep_chain_of_closures_drops() {
        use crate::bytecode::{Lambda, ModuleImage};
        use crate::code::module::ModuleInstance;
        let image = ModuleImage { name: "Elixir.Deep".to_string(), lambdas: vec![Lambda { function: 0, arity: 0, nfree: 1 }], ..Default::default() };
        let instance = Rc::new(ModuleInstance::new(image, Rc::new(Vec::new()), [0; 16], 1));
        let mut t = Term::Int(0);
        for _ in 0..1_000_000 {
            t = Term::Fun(Rc::new(crate::value::Fun::local(instance.clone(), 0, vec![t])));
        }
        drop(t);
        assert_eq!(Rc::strong_count(&instance), 1);
    }

    #[test]
    fn shared_elements_survive() {
        let inner = Term::tuple(vec![Term::Int(7)]);
        let outer = Term::tuple(vec![inner.clone(), Term::cons(inner.clone(), Term::Nil)]);
        drop(outer);
        assert_eq!(inner, Term::tuple(vec![Term::Int(7)]));
    }

    #[test]
    fn the_reclaimer_frees_a_long_list_in_pieces() {
        let mut r = Reclaimer::default();
        r.take([long_list(3 * Reclaimer::SLICE_CELLS as i64 + 5)]);
        let mut rounds = 0;
        while r.work_some() {
            rounds += 1;
        }
        assert!((2..=4).contains(&rounds), "{rounds}");
        assert!(!r.pending());
    }

    #[test]
    fn the_reclaimer_frees_a_big_map_in_pieces_and_a_shared_tail_survives() {
        let mut r = Reclaimer::default();
        let mut m = MapT::new();
        for i in 0..(2 * Reclaimer::SLICE_CELLS as i64) {
            m.insert(Term::Int(i), Term::tuple(vec![Term::Int(i)]));
        }
        r.take([Term::map(m)]);
        assert!(r.work_some());
        let shared = long_list(2 * Reclaimer::SLICE_CELLS as i64);
        r.take([Term::cons(Term::Int(-1), shared.clone())]);
        drop(r);
        let Term::Cons(c) = &shared else { panic!() };
        assert_eq!(c.head, Term::Int(2 * Reclaimer::SLICE_CELLS as i64 - 1));
    }

    /// Terms that free nothing are not kept.
    #[test]
    fn the_reclaimer_keeps_only_last_references() {
        let mut r = Reclaimer::default();
        let l = long_list(10);
        r.take([l.clone(), Term::Int(1), Term::string("x")]);
        assert!(!r.pending());
        drop(l);
    }
}
