//! Sizes checked before allocating: a built-in asked for a term too big to build raises
//! `SystemLimitError` (Erlang's `system_limit`) instead of aborting the VM on a failed
//! allocation or running until memory is gone. The BEAM itself aborts ("binary_alloc: Cannot
//! allocate") or grows without bound on these; retort refuses them up front.

use crate::error::{Exception, Trap};
use crate::value::Term;

/// The most bytes one binary built by a native may hold (4 GiB, OTP's own limit for a single
/// binary on 32-bit builds and far above anything a program needs at once).
pub const MAX_BINARY_BYTES: u64 = 1 << 32;

/// The most elements a list built by a native in one go may hold (2^28: 4 GiB of cells).
pub const MAX_LIST_LEN: u64 = 1 << 28;

/// The largest tuple arity, as on the BEAM (`MAX_ARITY` in erts: 2^24 - 1).
pub const MAX_TUPLE_ARITY: u64 = (1 << 24) - 1;

/// The widest integer arithmetic natives compute (2^32 bits, 512 MiB; on the BEAM such a
/// result also ends in `system_limit` or exhausts memory).
pub const MAX_INTEGER_BITS: u64 = 1 << 32;

/// `Ok(())` when an integer of `bits` bits may be computed, else `system_limit`.
pub fn check_integer_bits(bits: u64) -> Result<(), Trap> {
    if bits < MAX_INTEGER_BITS {
        Ok(())
    } else {
        system_limit()
    }
}

/// `system_limit` as an exception (`SystemLimitError` "a system limit has been reached").
pub fn system_limit<T>() -> Result<T, Trap> {
    Err(Exception::error(Term::atom("system_limit")).into())
}

/// `Ok(())` when `count` items of `unit` bytes each fit in [`MAX_BINARY_BYTES`], else
/// `system_limit`. `count` may be anything (negative counts are the caller's to refuse first).
pub fn check_binary(count: u64, unit: u64) -> Result<(), Trap> {
    match count.checked_mul(unit) {
        Some(n) if n <= MAX_BINARY_BYTES => Ok(()),
        _ => system_limit(),
    }
}

/// `Ok(())` when a list of `len` elements may be built, else `system_limit`.
pub fn check_list(len: u64) -> Result<(), Trap> {
    if len <= MAX_LIST_LEN {
        Ok(())
    } else {
        system_limit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_refuse_what_does_not_fit() {
        assert!(check_binary(2, 1 << 62).is_err(), "the product overflows u64");
        assert!(check_binary(1 << 40, 2).is_err());
        assert!(check_binary(1000, 2).is_ok());
        assert!(check_list(1 << 40).is_err());
        assert!(check_list(10).is_ok());
    }
}
