//! Dropping terms without recursing on the Rust stack.
//!
//! A term nested a million deep (`{{{...}}}`, `[[[...]]]`, `%{a: %{a: ...}}`) would overflow
//! the stack if each container dropped its elements recursively. Containers (tuples, list
//! cells, maps) instead hand the elements that are themselves the last reference to a
//! container to [`drop_terms`]: the outermost call drops them one by one from a work list, and
//! a drop that starts while that loop runs only adds to the list. Stack depth stays constant.

use super::term::Term;
use std::cell::UnsafeCell;
use std::rc::Rc;

/// The work list of this thread: whether an outermost [`drop_terms`] is draining it, and the
/// terms left to drop.
struct WorkList {
    active: bool,
    pending: Vec<Term>,
}

thread_local! {
    static WORK: UnsafeCell<WorkList> = const { UnsafeCell::new(WorkList { active: false, pending: Vec::new() }) };
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
///
/// The outermost call drops its own terms directly (each container's drop hands the
/// containers it frees back to the work list, so this is one level deep) and then drains
/// the list; the common case of one term never touches the list.
pub fn drop_terms(terms: impl IntoIterator<Item = Term>) {
    let Ok(w) = WORK.try_with(|w| w.get()) else {
        // The thread is ending and its work list is gone: plain drops.
        terms.into_iter().for_each(drop);
        return;
    };
    // SAFETY: `w` is this thread's work list, alive until the thread ends (it has not: the
    // access above succeeded, and this function does not end the thread). Every access below
    // goes through the raw pointer for one field operation and holds no reference across a
    // drop, which may re-enter this function.
    unsafe {
        if (*w).active {
            (*w).pending.extend(terms);
            return;
        }
        (*w).active = true;
    }
    for t in terms {
        drop(t);
    }
    loop {
        // SAFETY: as above; the `&mut` made by `pop` ends before the term is dropped.
        let Some(t) = (unsafe { (*w).pending.pop() }) else { break };
        drop(t);
    }
    // SAFETY: as above.
    unsafe { (*w).active = false };
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
}
