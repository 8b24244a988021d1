//! Recursion over user data that is too intricate to turn into an explicit work stack
//! (building an inspect document, the compiler's passes over a syntax tree) runs through
//! [`grow`]: when less than [`RED_ZONE`] bytes of the current stack remain, the closure runs on a
//! fresh [`SEGMENT`]-byte stack segment allocated on the heap (the `stacker` crate), so a term
//! or a program nested a million deep costs heap memory, as it does on the BEAM, instead of
//! overflowing the thread's stack and aborting the VM.
//!
//! Simple walks (equality, order, hashing, flattening, iodata, copying, dropping) do not use
//! this: they keep an explicit stack of their own.

/// Bytes of stack that must remain before a recursive step runs on the current segment: more
/// than the largest frame of any function that recurses through [`grow`].
pub const RED_ZONE: usize = 128 * 1024;

/// Bytes of each heap-allocated stack segment.
pub const SEGMENT: usize = 4 * 1024 * 1024;

/// Runs `f`, first switching to a new heap-allocated stack segment when the current stack has
/// less than [`RED_ZONE`] bytes left. Call it at the top of each function of a recursion over
/// user data.
#[inline]
pub fn grow<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(RED_ZONE, SEGMENT, f)
}

#[cfg(test)]
mod tests {
    /// A recursion 1,000,000 deep on a 256 KiB thread, which would overflow without `grow`.
    #[test]
    fn a_deep_recursion_runs_on_a_small_thread() {
        fn depth(n: u64) -> u64 {
            super::grow(|| if n == 0 { 0 } else { 1 + depth(n - 1) })
        }
        let r = std::thread::Builder::new().stack_size(256 * 1024).spawn(|| depth(1_000_000)).unwrap().join().unwrap();
        assert_eq!(r, 1_000_000);
    }
}
