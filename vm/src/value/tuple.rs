//! Tuples: one allocation per tuple of any arity, a thin pointer in the term.
//!
//! Layout of the block (as the BEAM keeps a tuple as one arity word followed by its elements,
//! erts `erl_term.h` `make_arityval`): an 8-byte header, a non-atomic reference count (`u32`)
//! and the arity (`u32`), then `arity` terms of 16 bytes. A pair is 40 bytes, a 3-tuple 56,
//! where an `Rc` of a vector needed two blocks for three elements and more.
//!
//! The count is *sticky*: one that reaches `u32::MAX` stays there and the tuple is never freed
//! (a leak instead of an overflow; it takes 64 GiB of references to get there), so no input can
//! make it wrap or panic.
//!
//! Dropping the last reference drops the elements as `Drop for Cons` does: an element that is
//! itself the last reference to a container goes through [`super::drop::drop_terms`], so tuples
//! nested a million deep never recurse on the Rust stack.

use super::term::Term;
use std::alloc::{alloc, dealloc, handle_alloc_error, Layout};
use std::cell::Cell;
use std::ptr::NonNull;

/// The header in front of a tuple's elements.
#[repr(C)]
struct Header {
    /// References to this block; `u32::MAX` is sticky (never decremented, never freed).
    count: Cell<u32>,
    /// Number of elements that follow.
    arity: u32,
}

/// Offset of the first element from the start of the block (the header, padded to `Term`'s
/// alignment).
const ELEMS: usize = {
    let h = std::mem::size_of::<Header>();
    let a = std::mem::align_of::<Term>();
    (h + a - 1) / a * a
};

/// A counted reference to a tuple (see the module documentation). Derefs to the elements;
/// cloning it increments the count, dropping it decrements the count and frees the tuple at
/// zero. Not `Send`: the VM runs every process on one thread.
pub struct TupleRc {
    ptr: NonNull<Header>,
    /// Makes the type `!Send`/`!Sync` like `Rc`.
    _not_send: std::marker::PhantomData<*const ()>,
}

/// The layout of a block of `arity` elements; `None` if it cannot be represented.
fn layout(arity: usize) -> Option<Layout> {
    let elems = Layout::array::<Term>(arity).ok()?;
    let size = ELEMS.checked_add(elems.size())?;
    Layout::from_size_align(size, std::mem::align_of::<Header>().max(std::mem::align_of::<Term>())).ok()
}

impl TupleRc {
    /// Allocates a block for `arity` elements, count 1, elements not yet written.
    ///
    /// Returns the block and a pointer to its first element. The caller must write all
    /// `arity` elements before the `TupleRc` is built from the block (see `fill`).
    fn alloc(arity: usize) -> (NonNull<Header>, *mut Term) {
        let (Some(lay), Ok(a32)) = (layout(arity), u32::try_from(arity)) else {
            // More than 2^32 elements (64 GiB): as for any allocation the system cannot serve.
            handle_alloc_error(Layout::new::<Header>())
        };
        // SAFETY: `lay` has a non-zero size (the header alone is 8 bytes).
        let raw = unsafe { alloc(lay) };
        let Some(ptr) = NonNull::new(raw as *mut Header) else { handle_alloc_error(lay) };
        // SAFETY: `raw` is a fresh block of `lay.size()` bytes aligned for `Header` and `Term`;
        // the header fits at its start and the elements start `ELEMS` bytes in.
        unsafe {
            ptr.as_ptr().write(Header { count: Cell::new(1), arity: a32 });
            (ptr, raw.add(ELEMS) as *mut Term)
        }
    }

    /// Builds a tuple of exactly `arity` elements taken from `items`; a short iterator is
    /// padded with `[]` and extra items are dropped (neither happens for an iterator whose
    /// `size_hint` is exact, the only kind callers pass).
    fn fill(arity: usize, items: impl Iterator<Item = Term>) -> TupleRc {
        let (ptr, elems) = TupleRc::alloc(arity);
        let mut items = items;
        for i in 0..arity {
            let t = items.next().unwrap_or_default();
            // SAFETY: `i < arity`, inside the block `alloc` made for `arity` elements; each
            // slot is written exactly once. If `next()` unwinds (it cannot for the VM's
            // iterators, which clone or move terms), the block leaks, which is safe.
            unsafe { elems.add(i).write(t) };
        }
        TupleRc { ptr, _not_send: std::marker::PhantomData }
    }

    /// The tuple of the terms of `items`, moved in (a copy of their bytes; the vector is
    /// freed without dropping them).
    pub fn from_vec(mut items: Vec<Term>) -> TupleRc {
        let n = items.len();
        let (ptr, elems) = TupleRc::alloc(n);
        // SAFETY: the block has room for `n` elements and does not overlap the vector's
        // buffer; after the copy the terms belong to the tuple, so the vector's length is set
        // to 0 and it frees its buffer without dropping them (each is owned exactly once).
        unsafe {
            std::ptr::copy_nonoverlapping(items.as_ptr(), elems, n);
            items.set_len(0);
        }
        TupleRc { ptr, _not_send: std::marker::PhantomData }
    }

    /// The tuple of clones of `items`. A plain indexed loop: an iterator's `next()` returning
    /// `Option<Term>` through memory stalled on store forwarding in the `Tuple` instruction.
    #[inline]
    pub fn from_slice(items: &[Term]) -> TupleRc {
        let n = items.len();
        let (ptr, elems) = TupleRc::alloc(n);
        for (i, t) in items.iter().enumerate() {
            // SAFETY: `i < n`, inside the block made for `n` elements; each slot is written
            // once. `Term::clone` cannot unwind (it copies or increments a count).
            unsafe { elems.add(i).write(t.clone()) };
        }
        TupleRc { ptr, _not_send: std::marker::PhantomData }
    }

    /// The tuple of what `items` yields, in order.
    pub fn from_iter(items: impl IntoIterator<Item = Term>) -> TupleRc {
        let it = items.into_iter();
        match it.size_hint() {
            (lo, Some(hi)) if lo == hi => TupleRc::fill(lo, it),
            _ => TupleRc::from_vec(it.collect()),
        }
    }

    /// The pair `{a, b}`.
    #[inline]
    pub fn pair(a: Term, b: Term) -> TupleRc {
        let (ptr, elems) = TupleRc::alloc(2);
        // SAFETY: the block has room for two elements; each slot is written once, before the
        // `TupleRc` is built (writing straight from the arguments: an array iterator's
        // `next()` stalled on store forwarding here).
        unsafe {
            elems.write(a);
            elems.add(1).write(b);
        }
        TupleRc { ptr, _not_send: std::marker::PhantomData }
    }

    #[inline]
    fn header(&self) -> &Header {
        // SAFETY: `ptr` points at the live header of this tuple's block (the block is freed
        // only when the last `TupleRc` drops, and `self` is one).
        unsafe { self.ptr.as_ref() }
    }

    /// The number of references to this tuple (`u32::MAX`: sticky, see the module docs).
    #[inline]
    pub fn strong_count(&self) -> usize {
        self.header().count.get() as usize
    }

    /// Whether this is the only reference (dropping it frees the tuple).
    #[inline]
    pub fn is_unique(&self) -> bool {
        self.header().count.get() == 1
    }

    /// Whether both refer to the same block.
    #[inline]
    pub fn ptr_eq(a: &TupleRc, b: &TupleRc) -> bool {
        a.ptr == b.ptr
    }

    /// The elements, mutable, if this is the only reference.
    #[inline]
    pub fn get_mut(&mut self) -> Option<&mut [Term]> {
        if !self.is_unique() {
            return None;
        }
        let n = self.header().arity as usize;
        // SAFETY: the elements start `ELEMS` bytes into the live block and all `n` are
        // initialised; the count is 1 and `self` is borrowed mutably, so no other reference
        // to them exists for the borrow's lifetime.
        Some(unsafe { std::slice::from_raw_parts_mut((self.ptr.as_ptr() as *mut u8).add(ELEMS) as *mut Term, n) })
    }

    /// Frees the block after the last reference went: drops the elements (deep containers
    /// through a work list, `value::drop::drop_terms`) and deallocates.
    #[cold]
    #[inline(never)]
    fn free(&mut self) {
        self.free_with(|t| super::drop::drop_terms([t]));
    }

    /// Drops this reference, and when it was the last one, frees the tuple, its elements that
    /// are the last reference to a container going onto `work` (`value::drop`).
    pub(crate) fn release_into(self, work: &mut super::drop::Work) {
        let mut this = std::mem::ManuallyDrop::new(self);
        let n = this.header().count.get();
        match n {
            u32::MAX => {}
            1 => this.free_with(|t| work.push(super::drop::Garbage::Term(t))),
            n => this.header().count.set(n - 1),
        }
    }

    /// Frees the block (count reached zero): the elements in order, each that is the last
    /// reference to a container handed to `deep`, the others dropped here, then the block.
    #[inline(always)]
    fn free_with(&mut self, mut deep: impl FnMut(Term)) {
        let n = self.header().arity as usize;
        let elems = {
            // SAFETY: as in `get_mut`: the count reached 0, so `self` is the only way to the
            // block; all `n` elements are initialised.
            unsafe { std::slice::from_raw_parts_mut((self.ptr.as_ptr() as *mut u8).add(ELEMS) as *mut Term, n) }
        };
        for e in elems.iter_mut() {
            if e.owns_nothing() {
                continue;
            }
            if super::drop::frees_container(e) {
                // The last reference to a container (left as `[]`).
                deep(std::mem::take(e));
            } else {
                // SAFETY: each element is dropped at most once (this loop visits it once) and
                // the block is freed below without touching the elements again.
                unsafe { std::ptr::drop_in_place(e as *mut Term) };
            }
        }
        let block = self.ptr.as_ptr() as *mut u8;
        let Some(lay) = layout(n) else { return };
        // SAFETY: the block was allocated with `layout(n)` by `alloc` (the arity never
        // changes) and nothing refers to it any more.
        unsafe { dealloc(block, lay) };
    }
}

impl Clone for TupleRc {
    #[inline]
    fn clone(&self) -> TupleRc {
        let c = &self.header().count;
        let n = c.get();
        if n != u32::MAX {
            c.set(n + 1);
        }
        TupleRc { ptr: self.ptr, _not_send: std::marker::PhantomData }
    }
}

impl Drop for TupleRc {
    #[inline]
    fn drop(&mut self) {
        let c = &self.header().count;
        match c.get() {
            u32::MAX => {}
            1 => self.free(),
            n => c.set(n - 1),
        }
    }
}

impl std::ops::Deref for TupleRc {
    type Target = [Term];
    #[inline]
    fn deref(&self) -> &[Term] {
        let n = self.header().arity as usize;
        // SAFETY: the `n` elements start `ELEMS` bytes into the live block and are initialised;
        // they are only mutated through `get_mut`, which needs `&mut self`.
        unsafe { std::slice::from_raw_parts((self.ptr.as_ptr() as *const u8).add(ELEMS) as *const Term, n) }
    }
}

impl std::fmt::Debug for TupleRc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Atom;

    #[test]
    fn tuples_of_every_small_arity_hold_their_elements() {
        for n in 0..10 {
            let items: Vec<Term> = (0..n).map(|i| Term::Int(i as i64)).collect();
            let a = TupleRc::from_slice(&items);
            let b = TupleRc::from_vec(items.clone());
            let c = TupleRc::from_iter(items.iter().cloned().filter(|_| true));
            assert_eq!(&*a, &items[..]);
            assert_eq!(&*b, &items[..]);
            assert_eq!(&*c, &items[..]);
            assert_eq!(layout(n).unwrap().size(), 8 + 16 * n);
        }
        let p = TupleRc::pair(Term::atom("ok"), Term::Int(1));
        assert_eq!(&*p, &[Term::atom("ok"), Term::Int(1)]);
    }

    #[test]
    fn counts_follow_clones_and_drops_and_shared_elements_survive() {
        let inner = Term::binary(b"abc".to_vec());
        let t = TupleRc::from_slice(&[inner.clone(), Term::Atom(Atom::OK)]);
        let Term::Binary(b) = &inner else { unreachable!() };
        assert_eq!(std::rc::Rc::strong_count(b), 2);
        let u = t.clone();
        assert_eq!(t.strong_count(), 2);
        assert!(TupleRc::ptr_eq(&t, &u) && !t.is_unique());
        drop(u);
        assert!(t.is_unique());
        drop(t);
        assert_eq!(std::rc::Rc::strong_count(b), 1);
    }

    #[test]
    fn a_unique_tuple_is_mutable_in_place_a_shared_one_is_not() {
        let mut t = TupleRc::from_slice(&[Term::Int(1), Term::Int(2)]);
        t.get_mut().unwrap()[1] = Term::Int(5);
        assert_eq!(&*t, &[Term::Int(1), Term::Int(5)]);
        let u = t.clone();
        assert!(t.get_mut().is_none());
        drop(u);
        assert!(t.get_mut().is_some());
    }

    #[test]
    fn a_sticky_count_never_frees() {
        let inner = Term::binary(b"x".to_vec());
        let t = TupleRc::from_slice(&[inner.clone()]);
        t.header().count.set(u32::MAX);
        let u = t.clone();
        assert_eq!(u.strong_count(), u32::MAX as usize);
        drop(u);
        drop(t);
        // The block leaked on purpose, so its element is still referenced.
        let Term::Binary(b) = &inner else { unreachable!() };
        assert_eq!(std::rc::Rc::strong_count(b), 2);
    }

    #[test]
    fn a_lying_size_hint_pads_or_drops_without_unsoundness() {
        struct Liar(Vec<Term>, usize);
        impl Iterator for Liar {
            type Item = Term;
            fn next(&mut self) -> Option<Term> {
                self.0.pop()
            }
            fn size_hint(&self) -> (usize, Option<usize>) {
                (self.1, Some(self.1))
            }
        }
        let short = TupleRc::from_iter(Liar(vec![Term::Int(1)], 3));
        assert_eq!(&*short, &[Term::Int(1), Term::Nil, Term::Nil]);
        let long = TupleRc::from_iter(Liar(vec![Term::Int(1), Term::Int(2), Term::Int(3)], 1));
        assert_eq!(&*long, &[Term::Int(3)]);
    }


    #[test]
    fn a_million_deep_tuple_drops_without_recursion() {
        let mut t = Term::Int(0);
        for _ in 0..1_000_000 {
            t = Term::Tuple(TupleRc::from_vec(vec![t, Term::Int(1)]));
        }
        drop(t);
    }
}
