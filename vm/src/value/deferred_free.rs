//! Freeing huge terms a bounded piece at a time, so the end of a list or map of millions of
//! elements does not stop every process for the whole free (the BEAM frees a process's heap
//! wholesale, and a big binary off-heap; a term here is freed cell by cell).
//!
//! While a [`Scope`] is open (the scheduler's run loop, `Vm::run`), a list drop that has freed
//! [`LIST_CHUNK`] cells hands the rest of the list over instead of going on, and a hashmap of
//! more than [`MAP_CHUNK`] keys hands over its trie. The scheduler calls [`drain_some`] after
//! every slice, which frees about [`LIST_CHUNK`] cells' worth, and the scope frees what is left
//! when it closes. Outside a scope (natives' unit tests, `Vm::run_for`, the seeded loop) drops
//! are immediate as before. What is handed over is garbage: nothing can reach it, so only the
//! timing of the free changes (and the memory stays held a few slices longer).
//!
//! Like `drop.rs`'s work list, the queue is per thread and holds only memory, no VM state.

use super::cons::ConsRc;
use super::map::hamt::Child;
use std::cell::UnsafeCell;
use std::rc::Rc;

/// Cells a list drop frees before it hands the rest over (within a scope).
pub const LIST_CHUNK: usize = 1 << 16;

/// Keys above which a hashmap's trie is freed node by node (within a scope).
pub const MAP_CHUNK: usize = 1 << 16;

/// A piece of garbage waiting to be freed.
enum Work {
    /// The rest of a list (the cell is referenced only by this).
    List(ConsRc),
    /// A trie node's children.
    Children(Rc<[Child]>),
}

struct Queue {
    /// Scopes open on this thread.
    scopes: u32,
    work: Vec<Work>,
}

thread_local! {
    static QUEUE: UnsafeCell<Queue> = const { UnsafeCell::new(Queue { scopes: 0, work: Vec::new() }) };
}

/// Runs `f` on this thread's queue. `f` must not drop a term (a drop may come back here).
/// `None` when the thread is ending and the queue is gone.
fn with<R>(f: impl FnOnce(&mut Queue) -> R) -> Option<R> {
    // SAFETY: the queue is only reached through this function, whose callers' closures only
    // push, pop or read fields and drop no term, so no other reference to it exists meanwhile.
    QUEUE.try_with(|q| f(unsafe { &mut *q.get() })).ok()
}

/// Whether a scope is open on this thread (so a hand-over is taken).
fn open() -> bool {
    with(|q| q.scopes > 0).unwrap_or(false)
}

/// Hands the rest of a list (`cell` and its tail) over to be freed later when a scope is open;
/// gives it back otherwise.
pub(crate) fn defer_list(cell: ConsRc) -> Result<(), ConsRc> {
    if !open() {
        return Err(cell);
    }
    with(|q| q.work.push(Work::List(cell)));
    Ok(())
}

/// Hands a trie node's children over to be freed later when a scope is open; gives them back
/// otherwise.
pub(crate) fn defer_children(children: Rc<[Child]>) -> Result<(), Rc<[Child]>> {
    if !open() {
        return Err(children);
    }
    with(|q| q.work.push(Work::Children(children)));
    Ok(())
}

/// Whether garbage is waiting on this thread.
#[inline]
pub fn pending() -> bool {
    with(|q| !q.work.is_empty()).unwrap_or(false)
}

/// Frees about [`LIST_CHUNK`] cells' worth of waiting garbage; returns whether more waits.
pub fn drain_some() -> bool {
    let mut budget = LIST_CHUNK as isize;
    while budget > 0 {
        let Some(w) = with(|q| q.work.pop()).flatten() else { return false };
        budget -= free(w) as isize;
    }
    pending()
}

/// Frees one piece (a list drop re-defers past [`LIST_CHUNK`] cells); returns its cost in
/// cells.
fn free(w: Work) -> usize {
    match w {
        Work::List(t) => {
            drop(t);
            LIST_CHUNK
        }
        Work::Children(mut rc) => {
            let Some(children) = Rc::get_mut(&mut rc) else { return 1 };
            let n = children.len();
            let mut values = Vec::new();
            for c in children.iter_mut() {
                match c {
                    Child::Leaf(l) => {
                        values.push(std::mem::take(&mut l.key));
                        values.push(std::mem::take(&mut l.val));
                    }
                    Child::Node(node) => {
                        let sub = std::mem::replace(&mut node.children, Rc::from(Vec::new()));
                        if let Err(sub) = defer_children(sub) {
                            node.children = sub;
                        }
                    }
                }
            }
            super::drop::drop_terms(values);
            drop(rc);
            n
        }
    }
}

/// An open scope: huge drops on this thread are deferred until it closes (see the module
/// documentation). Scopes nest; closing the outermost frees everything still waiting.
pub struct Scope(());

impl Scope {
    pub fn enter() -> Scope {
        with(|q| q.scopes += 1);
        Scope(())
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        let last = with(|q| {
            q.scopes -= 1;
            q.scopes == 0
        });
        if last == Some(true) {
            // Now nothing re-defers: each piece frees whole.
            while let Some(w) = with(|q| q.work.pop()).flatten() {
                free(w);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{MapT, Term};

    fn long_list(n: i64) -> Term {
        let mut t = Term::Nil;
        for i in 0..n {
            t = Term::cons(Term::Int(i), t);
        }
        t
    }

    #[test]
    fn outside_a_scope_drops_are_immediate() {
        drop(long_list(3 * LIST_CHUNK as i64));
        assert!(!pending());
    }

    #[test]
    fn a_long_list_is_freed_in_chunks_within_a_scope() {
        let scope = Scope::enter();
        drop(long_list(3 * LIST_CHUNK as i64 + 5));
        assert!(pending());
        let mut rounds = 0;
        while drain_some() {
            rounds += 1;
        }
        assert!((1..=3).contains(&rounds), "{rounds}");
        assert!(!pending());
        drop(scope);
    }

    #[test]
    fn a_big_map_is_freed_node_by_node_and_a_shared_tail_survives() {
        let scope = Scope::enter();
        let mut m = MapT::new();
        for i in 0..(2 * MAP_CHUNK as i64) {
            m.insert(Term::Int(i), Term::tuple(vec![Term::Int(i)]));
        }
        drop(Term::map(m));
        assert!(pending());
        let shared = long_list(2 * LIST_CHUNK as i64);
        let l = Term::cons(Term::Int(-1), shared.clone());
        drop(l);
        drop(scope);
        assert!(!pending());
        let Term::Cons(c) = &shared else { panic!() };
        assert_eq!(c.head, Term::Int(2 * LIST_CHUNK as i64 - 1));
    }
}
