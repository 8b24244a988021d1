//! Links the `retort` binary as a position-dependent executable. As a PIE, its 400 KB of
//! relocated read-only data (vtables, the native tables, string slices) were relocated by the
//! dynamic loader at every start: about a hundred copy-on-write page faults, most of the
//! system time of `retort run hello.exs`. The crates stay position-independent code; only the
//! final executable is linked at a fixed address.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
