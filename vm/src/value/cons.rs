//! List cells: one 40-byte block per cell and a thin counted pointer in the term.
//!
//! Layout of the block: a non-atomic reference count (`usize`), then the head and the tail
//! (16 bytes each). An `Rc<Cons>` needed 48 bytes (a strong and a weak count). Blocks come
//! from the global allocator; the VM keeps no free list of its own (no per-thread state):
//! with mimalloc, the `retort` binary's allocator, a per-thread cache of freed cells measured
//! no faster on the list benchmarks (BENCHMARKS.md, tenth session).
//!
//! Dropping the last reference to a cell frees the cell and then walks the tail while each
//! next cell is released too, so a list of any length drops in a loop; a head that is itself
//! the last reference to a container goes through [`super::drop::drop_terms`]. Stack depth
//! stays constant for lists nested and long a million deep.

use super::term::Term;
use std::alloc::{alloc, dealloc, handle_alloc_error, Layout};
use std::cell::Cell;
use std::ptr::NonNull;

/// One list cell `[head | tail]`, as a value.
#[derive(Clone, Debug)]
pub struct Cons {
    pub head: Term,
    pub tail: Term,
}

/// The heap block behind a [`ConsRc`].
#[repr(C)]
struct Block {
    /// References to this block. A `usize` cannot overflow: every reference is a 16-byte term
    /// somewhere in memory.
    count: Cell<usize>,
    cell: Cons,
}

const LAYOUT: Layout = Layout::new::<Block>();

/// A counted reference to a list cell. Derefs to the [`Cons`]; cloning increments the count,
/// dropping the last reference frees the cell (and, in a loop, the cells of the tail that this
/// releases). Not `Send`: the VM runs every process on one thread.
pub struct ConsRc {
    ptr: NonNull<Block>,
    /// Makes the type `!Send`/`!Sync` like `Rc`.
    _not_send: std::marker::PhantomData<*const ()>,
}

impl ConsRc {
    /// A new cell `[head | tail]` with count 1.
    #[inline]
    pub fn new(head: Term, tail: Term) -> ConsRc {
        // SAFETY: `LAYOUT` has a non-zero size (40 bytes).
        let raw = unsafe { alloc(LAYOUT) };
        let Some(ptr) = NonNull::new(raw as *mut Block) else { handle_alloc_error(LAYOUT) };
        // SAFETY: `raw` is a fresh block of `LAYOUT`; writing initialises all of it.
        unsafe { ptr.as_ptr().write(Block { count: Cell::new(1), cell: Cons { head, tail } }) };
        ConsRc { ptr, _not_send: std::marker::PhantomData }
    }

    /// A new cell with count 1 whose head and tail `fill` writes through the two pointers it
    /// gets (head, tail), straight into the block: a term read from a register goes there
    /// without passing through the Rust stack.
    ///
    /// # Safety
    /// `fill` writes a valid term through each pointer, once, and cannot unwind.
    #[inline(always)]
    pub unsafe fn new_in_place(fill: impl FnOnce(*mut Term, *mut Term)) -> ConsRc {
        // SAFETY: `LAYOUT` has a non-zero size (40 bytes).
        let raw = unsafe { alloc(LAYOUT) };
        let Some(ptr) = NonNull::new(raw as *mut Block) else { handle_alloc_error(LAYOUT) };
        // SAFETY: `raw` is a fresh block of `LAYOUT`: the count is initialised here and the two
        // terms by `fill` (caller), before the `ConsRc` exists.
        unsafe {
            (&raw mut (*ptr.as_ptr()).count).write(Cell::new(1));
            fill(&raw mut (*ptr.as_ptr()).cell.head, &raw mut (*ptr.as_ptr()).cell.tail);
        }
        ConsRc { ptr, _not_send: std::marker::PhantomData }
    }

    #[inline(always)]
    fn block(&self) -> &Block {
        // SAFETY: a `ConsRc` keeps its block alive (count ≥ 1) and initialised.
        unsafe { self.ptr.as_ref() }
    }

    /// Number of references to this cell (as `Rc::strong_count`).
    #[inline(always)]
    pub fn strong_count(this: &ConsRc) -> usize {
        this.block().count.get()
    }

    /// Whether this is the only reference to the cell.
    #[inline(always)]
    pub fn is_unique(this: &ConsRc) -> bool {
        this.block().count.get() == 1
    }

    /// Whether `a` and `b` are the same cell (as `Rc::ptr_eq`).
    #[inline]
    pub fn ptr_eq(a: &ConsRc, b: &ConsRc) -> bool {
        a.ptr == b.ptr
    }

    /// The address of the cell, for identity tests.
    #[inline]
    pub fn as_ptr(this: &ConsRc) -> *const Cons {
        // SAFETY: the block is alive; only the address is taken.
        unsafe { &raw const (*this.ptr.as_ptr()).cell }
    }

    /// The cell, mutably, if this is its only reference (as `Rc::get_mut`).
    #[inline]
    pub fn get_mut(this: &mut ConsRc) -> Option<&mut Cons> {
        if Self::is_unique(this) {
            // SAFETY: count 1 means no other reference exists; `&mut self` excludes others
            // through this one.
            Some(unsafe { &mut (*this.ptr.as_ptr()).cell })
        } else {
            None
        }
    }

    /// The head and tail moved out, if this is the only reference (the block is freed);
    /// otherwise the reference back (as `Rc::try_unwrap`).
    #[inline]
    pub fn try_unwrap(this: ConsRc) -> Result<Cons, ConsRc> {
        if !Self::is_unique(&this) {
            return Err(this);
        }
        let b = this.ptr;
        std::mem::forget(this);
        // SAFETY: count 1 and the only reference was `this`, now forgotten: the block is ours;
        // its cell is moved out exactly once before the block goes back.
        unsafe {
            let cell = std::ptr::read(&(*b.as_ptr()).cell);
            free_block(b);
            Ok(cell)
        }
    }

    /// The head and tail: moved out when this is the only reference (the block is freed
    /// without touching the counts of the two), cloned otherwise.
    #[inline(always)]
    pub fn into_parts(this: ConsRc) -> (Term, Term) {
        match Self::try_unwrap(this) {
            Ok(c) => (c.head, c.tail),
            Err(rc) => (rc.head.clone(), rc.tail.clone()),
        }
    }
}

/// Returns a block whose cell has been moved out or dropped to the allocator.
///
/// SAFETY (caller): nothing refers to `b` any more and its cell is no longer owned by it.
#[inline]
unsafe fn free_block(b: NonNull<Block>) {
    // SAFETY: the block was allocated with `LAYOUT` (by `new`) and is unused (caller).
    unsafe { dealloc(b.as_ptr() as *mut u8, LAYOUT) }
}

impl Clone for ConsRc {
    #[inline(always)]
    fn clone(&self) -> ConsRc {
        let c = &self.block().count;
        c.set(c.get() + 1);
        ConsRc { ptr: self.ptr, _not_send: std::marker::PhantomData }
    }
}

impl Drop for ConsRc {
    #[inline(always)]
    fn drop(&mut self) {
        let c = &self.block().count;
        let n = c.get() - 1;
        c.set(n);
        if n == 0 {
            // SAFETY: the count reached zero: this was the last reference.
            unsafe { release(self.ptr, &mut Immediate) }
        }
    }
}

impl ConsRc {
    /// Drops this reference; when it was the last one, frees the cell and the cells of its
    /// tail that this releases, their heads that are the last reference to a container going
    /// onto `work` (`value::drop`). Each cell freed counts one off `budget`; when it runs out,
    /// the rest of the list goes onto `work` instead.
    pub(crate) fn release_into(this: ConsRc, work: &mut super::drop::Work, budget: &mut usize) {
        let b = this.ptr;
        std::mem::forget(this);
        // SAFETY: `this` was a counted reference to `b`, now given up here.
        let c = unsafe { &(*b.as_ptr()).count };
        let n = c.get() - 1;
        c.set(n);
        if n == 0 {
            // SAFETY: the count reached zero: this was the last reference.
            unsafe { release(b, &mut Budgeted { work, budget }) }
        }
    }
}

/// What [`release`] does with a head that is the last reference to a container.
trait DeepHead {
    fn deep(&mut self, head: Term);
    /// Counts one cell freed; true when the budget ran out.
    fn spent(&mut self) -> bool;
    /// Takes the rest of a list when the budget ran out.
    fn rest(&mut self, rest: ConsRc);
}

/// From `Drop`: a list or fun head goes through `drop_terms` (its own head could be a list,
/// and so on); a tuple or map head is dropped here: its drop hands the containers it frees to
/// a work list, so this is one level deep.
struct Immediate;

impl DeepHead for Immediate {
    #[inline(always)]
    fn deep(&mut self, head: Term) {
        if matches!(head, Term::Cons(_) | Term::Fun(_)) {
            super::drop::drop_terms([head]);
        } else {
            drop(head);
        }
    }
    #[inline(always)]
    fn spent(&mut self) -> bool {
        false
    }
    fn rest(&mut self, rest: ConsRc) {
        drop(rest);
    }
}

/// From a work list (`value::drop`): deep heads and the rest of an over-budget list go onto it.
struct Budgeted<'a> {
    work: &'a mut super::drop::Work,
    budget: &'a mut usize,
}

impl DeepHead for Budgeted<'_> {
    #[inline(always)]
    fn deep(&mut self, head: Term) {
        self.work.push(super::drop::Garbage::Term(head));
    }
    #[inline(always)]
    fn spent(&mut self) -> bool {
        *self.budget = self.budget.saturating_sub(1);
        *self.budget == 0
    }
    fn rest(&mut self, rest: ConsRc) {
        self.work.push(super::drop::Garbage::Term(Term::Cons(rest)));
    }
}

/// Frees the cell `b` (count already zero) and every following cell of its tail that this
/// releases, in a loop, while `sink`'s budget lasts (one per cell).
///
/// SAFETY (caller): `b`'s count is zero and nothing else refers to it.
unsafe fn release(mut b: NonNull<Block>, sink: &mut impl DeepHead) {
    loop {
        // SAFETY: the block is ours (caller / previous iteration); each field is read once.
        let (head, tail) = unsafe {
            let p = b.as_ptr();
            (std::ptr::read(&(*p).cell.head), std::ptr::read(&(*p).cell.tail))
        };
        // SAFETY: both fields were moved out above.
        unsafe { free_block(b) };
        if !head.owns_nothing() {
            if super::drop::frees_container(&head) {
                sink.deep(head);
            } else {
                drop(head);
            }
        }
        let Term::Cons(next) = tail else {
            drop(tail);
            return;
        };
        if sink.spent() {
            sink.rest(next);
            return;
        }
        let nb = next.ptr;
        std::mem::forget(next);
        // SAFETY: `next` was a counted reference to `nb`, now given up here.
        let c = unsafe { &(*nb.as_ptr()).count };
        let n = c.get() - 1;
        c.set(n);
        if n != 0 {
            return;
        }
        b = nb;
    }
}

impl std::ops::Deref for ConsRc {
    type Target = Cons;
    #[inline(always)]
    fn deref(&self) -> &Cons {
        &self.block().cell
    }
}

impl std::fmt::Debug for ConsRc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Iterative: a long list must not recurse through `Cons`'s derived `Debug` tail.
        let mut l = f.debug_list();
        let mut cur: &Term = &self.block().cell.tail;
        l.entry(&self.block().cell.head);
        while let Term::Cons(c) = cur {
            l.entry(&c.head);
            cur = &c.tail;
        }
        if !matches!(cur, Term::Nil) {
            l.entry(&format_args!("| {cur:?}"));
        }
        l.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_forty_bytes_and_a_term_sixteen() {
        assert_eq!(std::mem::size_of::<Block>(), 40);
        assert_eq!(std::mem::size_of::<Term>(), 16);
    }

    #[test]
    fn a_cell_filled_in_place_holds_the_terms_written_into_it() {
        let shared = ConsRc::new(Term::Int(1), Term::Nil);
        let tail = Term::Cons(shared.clone());
        // SAFETY: each slot is written once with a valid term; nothing unwinds.
        let cell = unsafe {
            ConsRc::new_in_place(|h, t| {
                h.write(Term::Int(7));
                t.write(tail.clone());
            })
        };
        assert_eq!(ConsRc::strong_count(&cell), 1);
        assert_eq!(ConsRc::strong_count(&shared), 3);
        assert!(matches!(cell.head, Term::Int(7)));
        assert!(matches!(&cell.tail, Term::Cons(c) if ConsRc::ptr_eq(c, &shared)));
        drop(cell);
        assert_eq!(ConsRc::strong_count(&shared), 2);
        drop(tail);
        assert_eq!(ConsRc::strong_count(&shared), 1);
    }

    #[test]
    fn counts_follow_clones_and_drops() {
        let a = ConsRc::new(Term::Int(1), Term::Nil);
        let b = a.clone();
        assert_eq!(ConsRc::strong_count(&a), 2);
        assert!(ConsRc::ptr_eq(&a, &b));
        drop(b);
        assert!(ConsRc::is_unique(&a));
        let (h, t) = ConsRc::into_parts(a);
        assert!(matches!(h, Term::Int(1)) && matches!(t, Term::Nil));
    }

    #[test]
    fn try_unwrap_of_a_shared_cell_gives_it_back() {
        let a = ConsRc::new(Term::string("x"), Term::Nil);
        let b = a.clone();
        let a = ConsRc::try_unwrap(a).expect_err("shared");
        drop(b);
        let c = ConsRc::try_unwrap(a).expect("unique now");
        assert_eq!(c.head, Term::string("x"));
    }



    #[test]
    fn a_long_list_with_a_shared_suffix_drops_up_to_the_suffix() {
        let mut suffix = Term::Nil;
        for i in 0..10 {
            suffix = Term::cons(Term::Int(i), suffix);
        }
        let mut l = suffix.clone();
        for i in 0..2_000_000 {
            l = Term::cons(Term::Int(i), l);
        }
        drop(l);
        // The suffix is intact.
        let mut n = 0;
        let mut cur = &suffix;
        while let Term::Cons(c) = cur {
            n += 1;
            cur = &c.tail;
        }
        assert_eq!(n, 10);
    }

    #[test]
    fn lists_nested_a_million_deep_in_the_head_drop() {
        let mut t = Term::Nil;
        for _ in 0..1_000_000 {
            t = Term::cons(t, Term::Nil);
        }
        drop(t);
    }
}
