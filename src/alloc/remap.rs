//! Large blocks that grow by `realloc` live in their own memory mappings, which the kernel
//! grows with `mremap` (moving page-table entries, not bytes).
//!
//! A process's register and frame stacks, and a binary appended to a million times, grow by
//! doubling. mimalloc grows a large block by allocating a new one, copying, and freeing the old:
//! every doubling touches fresh pages as it copies (a page fault each), and the copies add up to
//! the final size again. On the list benchmark (1,000,000-deep recursion) 40% of the process's
//! page faults were in those copies. Here the first `realloc` of a block to at least
//! [`REMAP_MIN`] bytes moves it into a mapping of its own (one copy), and later ones `mremap` it.
//!
//! Only growth goes here: a block allocated large at once stays with mimalloc, which reuses
//! freed memory without faulting it in again (mappings go back to the kernel when freed).
//! A mapped block is told from a mimalloc block by `mi_is_in_heap_region` (mimalloc's page map),
//! and only blocks of at least [`REMAP_MIN`] bytes are checked: a mapped block never shrinks
//! below that (it goes back to mimalloc instead).

use libmimalloc_sys as mi;
use std::ffi::c_void;

/// Growing a block to at least this many bytes moves it to its own mapping.
pub const REMAP_MIN: usize = 1 << 20;

/// Alignment every mapping has (the page size is at least this).
pub const MAP_ALIGN: usize = 4096;

/// `size` rounded up to whole pages; `None` on overflow.
fn pages(size: usize) -> Option<usize> {
    size.checked_add(MAP_ALIGN - 1).map(|s| s & !(MAP_ALIGN - 1))
}

/// Whether `ptr`, a live block of `size` bytes, is a mapping of this module.
///
/// # Safety
/// `ptr` is a live block of this allocator of `size` bytes.
#[inline]
pub unsafe fn is_mapped(ptr: *mut u8, size: usize) -> bool {
    size >= REMAP_MIN && !mi::mi_is_in_heap_region(ptr as *const c_void)
}

/// Frees the mapping `ptr` of `size` bytes.
///
/// # Safety
/// `is_mapped(ptr, size)` holds and the block is not used again.
pub unsafe fn unmap(ptr: *mut u8, size: usize) {
    if let Some(len) = pages(size) {
        libc::munmap(ptr as *mut c_void, len);
    }
}

/// Resizes the block `ptr` of `old` bytes to `new` bytes (at least [`REMAP_MIN`]), as a mapping
/// of its own: `mremap` when it is one already, else a new mapping, a copy of the old contents
/// and `free_old` of the old block. Null when the kernel refuses (the block is left as it was).
///
/// # Safety
/// `ptr` is a live block of this allocator of `old` bytes, aligned to at most [`MAP_ALIGN`];
/// `free_old` frees a block that is not a mapping.
pub unsafe fn grow(ptr: *mut u8, old: usize, new: usize, free_old: impl FnOnce(*mut u8)) -> *mut u8 {
    let Some(new_len) = pages(new) else { return std::ptr::null_mut() };
    if is_mapped(ptr, old) {
        let Some(old_len) = pages(old) else { return std::ptr::null_mut() };
        let p = libc::mremap(ptr as *mut c_void, old_len, new_len, libc::MREMAP_MAYMOVE);
        return if p == libc::MAP_FAILED { std::ptr::null_mut() } else { p as *mut u8 };
    }
    let p = libc::mmap(std::ptr::null_mut(), new_len, libc::PROT_READ | libc::PROT_WRITE, libc::MAP_PRIVATE | libc::MAP_ANONYMOUS, -1, 0);
    if p == libc::MAP_FAILED {
        return std::ptr::null_mut();
    }
    std::ptr::copy_nonoverlapping(ptr, p as *mut u8, old.min(new));
    free_old(ptr);
    p as *mut u8
}
