//! Ctrl+C during an evaluation. While the line editor waits for a line the terminal is in raw
//! mode and Ctrl+C reaches it as a key; while an input is evaluated the terminal is in its normal
//! mode and Ctrl+C sends SIGINT. The handler only raises a flag; the shell's server process polls
//! it (`:retort_iex.interrupted/0`) while its evaluator runs, and kills that evaluator.

use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_sigint(_: libc::c_int) {
    // Only an atomic store: async-signal-safe.
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Installs the SIGINT handler (with `SA_RESTART`, so interrupted reads and sleeps resume).
pub fn install() {
    // SAFETY: `sa` is fully initialised (zeroed, then the handler and flags set) before
    // `sigaction` reads it; the handler only performs an atomic store, which is
    // async-signal-safe.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = on_sigint as *const () as usize;
        sa.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(libc::SIGINT, &sa, std::ptr::null_mut());
    }
}

/// True once per Ctrl+C received since the last call (or the last [`clear`]).
pub fn take() -> bool {
    INTERRUPTED.swap(false, Ordering::SeqCst)
}

/// Forgets a Ctrl+C that arrived while no evaluation ran.
pub fn clear() {
    INTERRUPTED.store(false, Ordering::SeqCst);
}
