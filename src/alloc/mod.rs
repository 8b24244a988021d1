//! The global allocator: mimalloc (thread-local free lists and size classes), which makes the
//! VM's many small allocations (cons cells, tuples, closures, map nodes) cheaper than the
//! system allocator's; measured on the list benchmarks (BENCHMARKS.md).
//!
//! Small alignments call `mi_malloc` directly: mimalloc aligns every block to at least
//! `min(size, 16)` rounded to a power of two, hence to 8 for any size of 8 or more, while its
//! `mi_malloc_aligned` entry point (what the `mimalloc` crate always calls) takes a slower,
//! over-allocating path in mimalloc 3.
//!
//! In front of it, per-thread free lists keep the small blocks freed most often for reuse
//! ([`free_lists`]); behind it, blocks that grow past a megabyte by `realloc` (register stacks,
//! long binaries) move to mappings of their own that the kernel grows in place ([`remap`]).

mod free_lists;
#[cfg(target_os = "linux")]
mod remap;

use libmimalloc_sys as mi;
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// mimalloc, with the plain entry points for alignments up to 8 bytes.
pub struct Mimalloc;

/// The largest alignment served by the plain (unaligned) entry points.
const PLAIN_ALIGN: usize = 8;

fn plain(layout: &Layout) -> bool {
    layout.align() <= PLAIN_ALIGN && layout.size() >= layout.align()
}

// SAFETY: every method forwards to mimalloc, or for blocks grown large to `remap` (page-aligned
// mappings, told apart by mimalloc's page map), which uphold GlobalAlloc's contract: blocks are
// at least `layout.size()` bytes, aligned to `layout.align()` (plain entry points only for
// alignments they guarantee, see `plain`), and `dealloc`/`realloc` receive pointers mimalloc
// returned. A block kept on a free list was returned by mimalloc for exactly the size it is
// handed out again for, with an alignment of at least `GRAIN` (mimalloc aligns blocks of 8
// bytes or more to 8), and is not used meanwhile.
unsafe impl GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= free_lists::GRAIN {
            if let Some(b) = free_lists::take(layout.size()) {
                return b;
            }
        }
        if plain(&layout) {
            mi::mi_malloc(layout.size()) as *mut u8
        } else {
            mi::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if plain(&layout) {
            mi::mi_zalloc(layout.size()) as *mut u8
        } else {
            mi::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if layout.align() <= free_lists::GRAIN && free_lists::keep(ptr, layout.size()) {
            return;
        }
        free_to_mimalloc(ptr, layout.size())
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        #[cfg(target_os = "linux")]
        if layout.align() <= remap::MAP_ALIGN && (new_size >= remap::REMAP_MIN || layout.size() >= remap::REMAP_MIN) {
            if let Some(p) = self.realloc_large(ptr, layout, new_size) {
                return p;
            }
        }
        if layout.align() <= PLAIN_ALIGN && new_size >= layout.align() {
            mi::mi_realloc(ptr as *mut c_void, new_size) as *mut u8
        } else {
            mi::mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
        }
    }
}

#[cfg(target_os = "linux")]
impl Mimalloc {
    /// `realloc` of a block that is or becomes large ([`remap`]); `None` when it stays with
    /// mimalloc (a block allocated large at once, shrunk below the bound). Out of line, so the
    /// common path stays short where `realloc` is inlined.
    ///
    /// # Safety
    /// As `GlobalAlloc::realloc`, with an alignment of at most `remap::MAP_ALIGN`.
    #[inline(never)]
    unsafe fn realloc_large(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> Option<*mut u8> {
        if new_size >= remap::REMAP_MIN {
            return Some(remap::grow(ptr, layout.size(), new_size, |old| self.dealloc(old, layout)));
        }
        if !remap::is_mapped(ptr, layout.size()) {
            return None;
        }
        // A mapping shrunk below the bound goes back to mimalloc.
        // SAFETY: `new_size` is non-zero and the alignment a valid one (GlobalAlloc's contract
        // for `realloc`).
        let p = self.alloc(Layout::from_size_align_unchecked(new_size, layout.align()));
        if !p.is_null() {
            std::ptr::copy_nonoverlapping(ptr, p, new_size);
            remap::unmap(ptr, layout.size());
        }
        Some(p)
    }
}

/// Frees a block that no free list keeps: unmapped when it is a mapping of [`remap`], else
/// `mi_free`. Out of line, so the path of the small blocks stays short where `dealloc` is
/// inlined.
///
/// # Safety
/// `ptr` is a live block of this allocator of `size` bytes, not used again.
#[inline(never)]
unsafe fn free_to_mimalloc(ptr: *mut u8, size: usize) {
    #[cfg(target_os = "linux")]
    if remap::is_mapped(ptr, size) {
        remap::unmap(ptr, size);
        return;
    }
    let _ = size;
    mi::mi_free(ptr as *mut c_void)
}

/// mimalloc's `mi_option_purge_delay` (the option's index in `mi_option_e`, mimalloc 2 and 3).
const MI_OPTION_PURGE_DELAY: mi::mi_option_t = 15;

/// Keeps freed memory while the VM runs: mimalloc 3 purges (decommits) free pages after
/// `purge_delay` ms (default 10), and the VM frees and reallocates whole lists and register
/// stacks at a high rate, so pages were returned and faulted in again. With 1000 ms the list_enum
/// benchmark still spent 0.48 s of 1.6 s in the kernel zeroing re-faulted pages; with purging
/// off, 0.02 s. Memory goes back to the OS when the VM idles instead ([`release_free_memory`]).
///
/// It also turns transparent huge pages off for the process. mimalloc asks for them
/// (`madvise(MADV_HUGEPAGE)` on its arenas), and where the kernel's THP `defrag` setting is
/// `madvise` (Debian's default) every first touch of a 2 MiB page may compact memory
/// synchronously. On this machine, with other builds running, the kernel time of the
/// allocation-heavy programs swung with it: `perms.exs` spent 0.43–0.49 s in the kernel with
/// huge pages and 0.14 s without (elapsed 2.56–2.74 s against 2.06–2.11 s), the list benchmark
/// 0.01–0.64 s against a steady 0.13–0.16 s. Plain pages cost a little more when memory is
/// unfragmented (list_enum 0.03 s against 0.14 s) but never stall.
pub fn configure() {
    // SAFETY: setting an option is a plain store into mimalloc's option table.
    unsafe {
        mi::mi_option_set(MI_OPTION_PURGE_DELAY, -1);
        mi::mi_option_set(MI_OPTION_ALLOW_THP, 0);
    }
    #[cfg(target_os = "linux")]
    // SAFETY: `PR_SET_THP_DISABLE` takes plain integer arguments and only sets a flag of this
    // process; an error (an old kernel) leaves huge pages as they were.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// mimalloc's `mi_option_allow_thp` (index in `mi_option_e`, mimalloc 3).
const MI_OPTION_ALLOW_THP: mi::mi_option_t = 43;

/// Returns free memory to the OS now (the VM's idle hook, `VmOptions::on_idle`): the free lists
/// are trimmed, then mimalloc's purging is enabled for one collection, then off again.
pub fn release_free_memory() {
    free_lists::trim();
    // SAFETY: option stores and a forced collection of this thread's heap; no block is freed
    // or moved by `mi_collect`, only empty pages are purged.
    unsafe {
        mi::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
        mi::mi_collect(true);
        mi::mi_option_set(MI_OPTION_PURGE_DELAY, -1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_aligned_as_asked() {
        for size in [1usize, 7, 8, 16, 24, 48, 100, 4096] {
            for align in [1usize, 2, 4, 8, 16, 64] {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: a non-zero size, freed with the same allocator.
                unsafe {
                    let p = Mimalloc.alloc(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "size {size} align {align}");
                    let q = Mimalloc.realloc(p, layout, size * 3);
                    assert_eq!(q as usize % align, 0, "realloc size {size} align {align}");
                    Mimalloc.dealloc(q, Layout::from_size_align(size * 3, align).unwrap());
                }
            }
        }
    }

    #[test]
    fn small_blocks_are_reused_last_in_first_out_up_to_the_bound() {
        let layout = Layout::from_size_align(40, 8).unwrap();
        // SAFETY: blocks of one layout, each freed once with it.
        unsafe {
            let a = Mimalloc.alloc(layout);
            Mimalloc.dealloc(a, layout);
            let kept = free_lists::kept(40);
            assert!(kept >= 1);
            let b = Mimalloc.alloc(layout);
            assert_eq!(a, b);
            assert_eq!(free_lists::kept(40), kept - 1);
            // Other classes keep fewer.
            let pair_plus = Layout::from_size_align(56, 8).unwrap();
            let more: Vec<*mut u8> = (0..free_lists::MAX_KEPT + 10).map(|_| Mimalloc.alloc(pair_plus)).collect();
            for p in more {
                Mimalloc.dealloc(p, pair_plus);
            }
            assert_eq!(free_lists::kept(56), free_lists::MAX_KEPT);
            // Sizes that are not a multiple of 8, or above the largest class, are not kept.
            let odd = Layout::from_size_align(41, 8).unwrap();
            let c = Mimalloc.alloc(odd);
            Mimalloc.dealloc(c, odd);
            assert_eq!(free_lists::kept(41), 0);
            let bound = free_lists::MAX_KEPT_CELLS;
            let many: Vec<*mut u8> = (0..bound + 10).map(|_| Mimalloc.alloc(layout)).collect();
            for p in many {
                Mimalloc.dealloc(p, layout);
            }
            assert_eq!(free_lists::kept(40), bound);
            free_lists::trim();
            assert!(free_lists::kept(40) < bound);
            Mimalloc.dealloc(b, layout);
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn blocks_grown_large_move_to_mappings_and_back() {
        // Grown one element at a time past the bound: the vector's block becomes a mapping,
        // keeps its contents through every doubling, and goes back to mimalloc when shrunk.
        let mut v: Vec<u64> = Vec::new();
        for i in 0..(8 << 20) as u64 / 8 {
            v.push(i);
        }
        let bytes = v.capacity() * 8;
        // SAFETY: `v`'s buffer is a live block of this allocator of `bytes` bytes.
        assert!(unsafe { remap::is_mapped(v.as_mut_ptr() as *mut u8, bytes) });
        assert!(v.iter().enumerate().all(|(i, &x)| x == i as u64));
        v.truncate(1000);
        v.shrink_to_fit();
        // SAFETY: as above, for the shrunk block.
        assert!(!unsafe { remap::is_mapped(v.as_mut_ptr() as *mut u8, v.capacity() * 8) });
        assert!(v.iter().enumerate().all(|(i, &x)| x == i as u64));
        // Allocated large at once: mimalloc's.
        let mut w: Vec<u64> = Vec::with_capacity(4 << 20);
        w.push(7);
        // SAFETY: as above.
        assert!(!unsafe { remap::is_mapped(w.as_mut_ptr() as *mut u8, w.capacity() * 8) });
        // A mapped block shrunk but still above the bound stays mapped, contents intact.
        let mut m: Vec<u8> = vec![1; 100];
        m.resize(3 << 20, 2);
        m.truncate(2 << 20);
        m.shrink_to_fit();
        // SAFETY: as above.
        assert!(unsafe { remap::is_mapped(m.as_mut_ptr(), m.capacity()) });
        assert!(m[..100].iter().all(|&b| b == 1) && m[100..].iter().all(|&b| b == 2));
    }

    #[test]
    fn releasing_free_memory_leaves_live_blocks_intact() {
        configure();
        let keep: Vec<Vec<u64>> = (0..64).map(|i| vec![i; 1000]).collect();
        let freed: Vec<Vec<u64>> = (0..64).map(|i| vec![i; 100_000]).collect();
        drop(freed);
        release_free_memory();
        for (i, v) in keep.iter().enumerate() {
            assert!(v.iter().all(|&x| x == i as u64));
        }
        // SAFETY: reading an option is a plain load.
        assert_eq!(unsafe { mi::mi_option_get(MI_OPTION_PURGE_DELAY) }, -1);
    }
}
