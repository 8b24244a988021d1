//! List cells: one 40-byte block per cell, a thin counted pointer in the term, and a
//! per-thread free list of cells.
//!
//! Layout of the block: a non-atomic reference count (`usize`), then the head and the tail
//! (16 bytes each). An `Rc<Cons>` needed 48 bytes (a strong and a weak count) and went through
//! the allocator for every cell; list code allocates and frees a cell per element, so
//! released blocks are kept on a free list (LIFO, so the next cell built reuses the block
//! just freed, still in the cache) up to [`cache::MAX_KEPT`] blocks, as the tuple blocks of
//! [`super::tuple`] are. The list is long enough for the cells of a million-element list (a
//! body-recursive `map` frees one list while it builds the next), so list code in steady state
//! never reaches the allocator; [`trim_free_cells`] gives the excess back when the VM idles.
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
        let raw = match cache::take() {
            Some(b) => b,
            // SAFETY: `LAYOUT` has a non-zero size (40 bytes).
            None => unsafe { alloc(LAYOUT) },
        };
        let Some(ptr) = NonNull::new(raw as *mut Block) else { handle_alloc_error(LAYOUT) };
        // SAFETY: `raw` is a block of `LAYOUT`, fresh or from the free list (which holds only
        // blocks of that layout nobody refers to); writing initialises all of it.
        unsafe { ptr.as_ptr().write(Block { count: Cell::new(1), cell: Cons { head, tail } }) };
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

/// Returns a block whose cell has been moved out or dropped to the free list, or to the
/// allocator when the list is full.
///
/// SAFETY (caller): nothing refers to `b` any more and its cell is no longer owned by it.
#[inline]
unsafe fn free_block(b: NonNull<Block>) {
    let raw = b.as_ptr() as *mut u8;
    if !cache::keep(raw) {
        // SAFETY: the block was allocated with `LAYOUT` (by `new`) and is unused (caller).
        unsafe { dealloc(raw, LAYOUT) }
    }
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
            unsafe { release(self.ptr) }
        }
    }
}

/// Frees the cell `b` (count already zero) and every following cell of its tail that this
/// releases, in a loop; within a `deferred_free::Scope`, past `LIST_CHUNK` cells the rest of
/// the tail is handed over to be freed later.
///
/// SAFETY (caller): `b`'s count is zero and nothing else refers to it.
unsafe fn release(mut b: NonNull<Block>) {
    let mut freed = 0usize;
    loop {
        // SAFETY: the block is ours (caller / previous iteration); each field is read once.
        let (head, tail) = unsafe {
            let p = b.as_ptr();
            (std::ptr::read(&(*p).cell.head), std::ptr::read(&(*p).cell.tail))
        };
        // SAFETY: both fields were moved out above.
        unsafe { free_block(b) };
        if !head.owns_nothing() {
            // A cell or fun as head goes to the work list (its own head could be a cell, and so on);
            // a tuple or map head is dropped here: its drop hands the containers it frees to
            // the work list, so this is one level deep.
            if matches!(head, Term::Cons(_) | Term::Fun(_)) && super::drop::frees_container(&head) {
                super::drop::drop_terms([head]);
            } else {
                drop(head);
            }
        }
        let Term::Cons(next) = tail else {
            drop(tail);
            return;
        };
        freed += 1;
        let next = if freed >= super::deferred_free::LIST_CHUNK && ConsRc::is_unique(&next) {
            match super::deferred_free::defer_list(next) {
                Ok(()) => return,
                Err(next) => {
                    freed = 0;
                    next
                }
            }
        } else {
            next
        };
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

/// Gives the cell blocks this thread keeps beyond 65,536 (2.5 MiB) back to the allocator, and
/// returns how many it freed. The VM's idle hook calls it before it asks the allocator to
/// return free memory to the OS, so a burst of list building does not pin up to 80 MiB of cells.
pub fn trim_free_cells() -> u32 {
    cache::trim(cache::KEEP_WHEN_IDLE)
}

/// The per-thread free list of cell blocks.
mod cache {
    use super::LAYOUT;
    use std::cell::UnsafeCell;

    /// Blocks kept at most (40 bytes each: 80 MiB). Measured on the list benchmarks (1M-element
    /// lists, `MIMALLOC_ALLOW_THP=0`, user time): with 65,536 the cells beyond went through
    /// mimalloc, and `list` took 0.78 s against 0.67 s, `list_enum` 0.94 s against 0.86 s.
    pub const MAX_KEPT: u32 = 1 << 21;

    /// Blocks [`trim`] leaves on the list (2.5 MiB).
    pub const KEEP_WHEN_IDLE: u32 = 65_536;

    /// Free blocks linked through their first word.
    struct List {
        head: *mut u8,
        len: u32,
    }

    impl Drop for List {
        fn drop(&mut self) {
            let mut b = self.head;
            while !b.is_null() {
                // SAFETY: `b` is a free block of this list: its first word holds the next
                // block (or null), written by `keep`; it was allocated with `LAYOUT`.
                unsafe {
                    let next = (b as *mut *mut u8).read();
                    std::alloc::dealloc(b, LAYOUT);
                    b = next;
                }
            }
            self.head = std::ptr::null_mut();
            self.len = 0;
        }
    }

    thread_local! {
        static LIST: UnsafeCell<List> = const { UnsafeCell::new(List { head: std::ptr::null_mut(), len: 0 }) };
    }

    /// A free block (uninitialised), if one is kept.
    #[inline(always)]
    pub fn take() -> Option<*mut u8> {
        LIST.try_with(|l| {
            // SAFETY: the list is only reached inside these short closures, which call nothing
            // that could reach it again, so this is the only reference.
            let l = unsafe { &mut *l.get() };
            let b = l.head;
            if b.is_null() {
                return None;
            }
            // SAFETY: `b` heads the list; its first word was written by `keep`.
            l.head = unsafe { (b as *mut *mut u8).read() };
            l.len -= 1;
            Some(b)
        })
        .ok()
        .flatten()
    }

    /// Keeps the unused block `b` (of `LAYOUT`) for reuse; false when the list is full (or
    /// the thread is ending), and the caller frees it.
    #[inline(always)]
    pub fn keep(b: *mut u8) -> bool {
        LIST.try_with(|l| {
            // SAFETY: as in `take`.
            let l = unsafe { &mut *l.get() };
            if l.len >= MAX_KEPT {
                return false;
            }
            // SAFETY: `b` is an unused block of at least 8 bytes, aligned for a pointer.
            unsafe { (b as *mut *mut u8).write(l.head) };
            l.head = b;
            l.len += 1;
            true
        })
        .unwrap_or(false)
    }

    /// Frees kept blocks beyond `keep` back to the allocator; the number freed.
    pub fn trim(keep: u32) -> u32 {
        LIST.try_with(|l| {
            // SAFETY: as in `take`.
            let l = unsafe { &mut *l.get() };
            let mut freed = 0;
            while l.len > keep {
                let b = l.head;
                // SAFETY: `len > 0` so `b` is a kept block: its first word links the next one,
                // and it was allocated with `LAYOUT` and is referred to by nothing else.
                unsafe {
                    l.head = (b as *mut *mut u8).read();
                    std::alloc::dealloc(b, LAYOUT);
                }
                l.len -= 1;
                freed += 1;
            }
            freed
        })
        .unwrap_or(0)
    }

    /// Blocks currently kept (for tests).
    #[cfg(test)]
    pub fn kept() -> u32 {
        LIST.with(|l| unsafe { (*l.get()).len })
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
    fn freed_blocks_are_reused_last_in_first_out() {
        let a = ConsRc::new(Term::Int(1), Term::Nil);
        let addr = ConsRc::as_ptr(&a);
        drop(a);
        let before = cache::kept();
        let b = ConsRc::new(Term::Int(2), Term::Nil);
        assert_eq!(ConsRc::as_ptr(&b), addr);
        assert_eq!(cache::kept(), before - 1);
    }

    #[test]
    fn trimming_keeps_the_idle_share_and_frees_the_rest() {
        let l = Term::list((0..200_000).map(Term::Int).collect());
        drop(l);
        assert!(cache::kept() >= 200_000);
        let freed = trim_free_cells();
        assert_eq!(cache::kept(), cache::KEEP_WHEN_IDLE);
        assert!(freed >= 200_000 - cache::KEEP_WHEN_IDLE);
        // Blocks still come back after a trim.
        let b = ConsRc::new(Term::Int(1), Term::Nil);
        assert_eq!(cache::kept(), cache::KEEP_WHEN_IDLE - 1);
        drop(b);
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
