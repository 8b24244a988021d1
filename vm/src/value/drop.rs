//! Dropping terms without recursing on the Rust stack.
//!
//! A term nested a million deep (`{{{...}}}`, `[[[...]]]`, `%{a: %{a: ...}}`) would overflow
//! the stack if each container dropped its elements recursively. Containers (tuples, list
//! cells, maps) instead hand the elements that are themselves the last reference to a
//! container to [`drop_terms`]: the outermost call drops them one by one from a work list, and
//! a drop that starts while that loop runs only adds to the list. Stack depth stays constant.

use super::term::Term;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

thread_local! {
    static ACTIVE: Cell<bool> = const { Cell::new(false) };
    static PENDING: RefCell<Vec<Term>> = const { RefCell::new(Vec::new()) };
}

/// Whether dropping `t` now would free a container (and so drop its elements in turn).
#[inline]
pub fn frees_container(t: &Term) -> bool {
    match t {
        Term::Tuple(x) => x.is_unique(),
        Term::Cons(x) => super::cons::ConsRc::is_unique(x),
        Term::Map(x) => Rc::strong_count(x) == 1,
        Term::Fun(x) => Rc::strong_count(x) == 1,
        _ => false,
    }
}

/// Drops `terms` with constant stack depth (see the module documentation).
pub fn drop_terms(terms: impl IntoIterator<Item = Term>) {
    if ACTIVE.with(|a| a.get()) {
        PENDING.with(|p| p.borrow_mut().extend(terms));
        return;
    }
    ACTIVE.with(|a| a.set(true));
    PENDING.with(|p| p.borrow_mut().extend(terms));
    while let Some(t) = PENDING.with(|p| p.borrow_mut().pop()) {
        drop(t);
    }
    ACTIVE.with(|a| a.set(false));
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

    #[test]
    fn shared_elements_survive() {
        let inner = Term::tuple(vec![Term::Int(7)]);
        let outer = Term::tuple(vec![inner.clone(), Term::cons(inner.clone(), Term::Nil)]);
        drop(outer);
        assert_eq!(inner, Term::tuple(vec![Term::Int(7)]));
    }
}
