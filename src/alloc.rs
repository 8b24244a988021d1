//! The global allocator: mimalloc (thread-local free lists and size classes), which makes the
//! VM's many small allocations (cons cells, tuples, closures, map nodes) cheaper than the
//! system allocator's; measured on the list benchmarks (BENCHMARKS.md).
//!
//! Small alignments call `mi_malloc` directly: mimalloc aligns every block to at least
//! `min(size, 16)` rounded to a power of two, hence to 8 for any size of 8 or more, while its
//! `mi_malloc_aligned` entry point (what the `mimalloc` crate always calls) takes a slower,
//! over-allocating path in mimalloc 3.

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

// SAFETY: every method forwards to mimalloc, which upholds GlobalAlloc's contract: blocks are
// at least `layout.size()` bytes, aligned to `layout.align()` (plain entry points only for
// alignments they guarantee, see `plain`), and `dealloc`/`realloc` receive pointers mimalloc
// returned.
unsafe impl GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
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
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        mi::mi_free(ptr as *mut c_void)
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN && new_size >= layout.align() {
            mi::mi_realloc(ptr as *mut c_void, new_size) as *mut u8
        } else {
            mi::mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
        }
    }
}

/// mimalloc's `mi_option_purge_delay` (the option's index in `mi_option_e`, mimalloc 2 and 3).
const MI_OPTION_PURGE_DELAY: mi::mi_option_t = 15;

/// Keeps freed memory for a second before returning it to the OS (mimalloc's default is
/// 10 ms): the VM frees and reallocates whole lists and register stacks at a high rate, and
/// the kernel's zeroing of re-faulted pages took 40% of the list benchmark's time.
pub fn configure() {
    // SAFETY: setting an option is a plain store into mimalloc's option table.
    unsafe { mi::mi_option_set(MI_OPTION_PURGE_DELAY, 1000) };
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
}
