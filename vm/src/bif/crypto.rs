//! `:crypto`: `hash/2` (md5, sha, sha224, sha256, sha384, sha512 on the RustCrypto crates),
//! `mod_pow/3` and `strong_rand_bytes/1` (the operating system's generator through
//! `getrandom`). Results and errors follow OTP 25's crypto application (crypto.erl, hash.c):
//! `mod_pow` takes integers or big-endian unsigned binaries and returns the result as a
//! big-endian binary without leading zero bytes (zero is `<<>>`); a zero modulus is
//! `ArgumentError`; an unknown digest is `{:badarg, {'hash.c', 108}, 'Bad digest type'}`.

use super::util::*;
use crate::code::table::{CodeServer, NativeTable};
use crate::error::{Exception, Trap};
use crate::value::Term;
use num_bigint::{BigUint, Sign};

/// The digest of `data` with the algorithm named `alg`, `None` if unknown.
pub fn digest(alg: &str, data: &[u8]) -> Option<Vec<u8>> {
    use sha2::Digest;
    Some(match alg {
        "md5" => md5::Md5::digest(data).to_vec(),
        "sha" => sha1::Sha1::digest(data).to_vec(),
        "sha224" => sha2::Sha224::digest(data).to_vec(),
        "sha256" => sha2::Sha256::digest(data).to_vec(),
        "sha384" => sha2::Sha384::digest(data).to_vec(),
        "sha512" => sha2::Sha512::digest(data).to_vec(),
        _ => return None,
    })
}

fn hash(a: &[Term]) -> R {
    let mut data = Vec::new();
    if !iodata(&a[1], &mut data) {
        return badarg();
    }
    match a[0].as_atom().and_then(|alg| digest(alg.name(), &data)) {
        Some(d) => Ok(Term::binary(d)),
        None => Err(Exception::error(Term::tuple(vec![
            Term::atom("badarg"),
            Term::tuple(vec![charlist("hash.c"), Term::Int(108)]),
            charlist("Bad digest type"),
        ]))
        .into()),
    }
}

/// A non-negative integer, or a binary read as a big-endian unsigned number.
fn unsigned(t: &Term) -> Result<BigUint, Trap> {
    match t {
        Term::Int(i) if *i >= 0 => Ok(BigUint::from(*i as u64)),
        Term::Big(b) if b.sign() != Sign::Minus => Ok(b.magnitude().clone()),
        Term::Binary(b) => Ok(BigUint::from_bytes_be(b.as_slice())),
        _ => arg_error("argument error"),
    }
}

fn mod_pow(a: &[Term]) -> R {
    let (b, e, m) = (unsigned(&a[0])?, unsigned(&a[1])?, unsigned(&a[2])?);
    if m == BigUint::from(0u8) {
        return arg_error("argument error");
    }
    let r = b.modpow(&e, &m);
    let bytes = if r == BigUint::from(0u8) { Vec::new() } else { r.to_bytes_be() };
    Ok(Term::binary(bytes))
}

fn strong_rand_bytes(a: &[Term]) -> R {
    let n = match &a[0] {
        Term::Int(n) if (0..=(1 << 30)).contains(n) => *n as usize,
        _ => return arg_error("argument error"),
    };
    let mut buf = vec![0u8; n];
    if getrandom::fill(&mut buf).is_err() {
        // OTP raises `low_entropy` when the generator cannot deliver
        return Err(Exception::error(Term::atom("low_entropy")).into());
    }
    Ok(Term::binary(buf))
}

pub fn register(c: &mut CodeServer) {
    c.register_table("crypto", CRYPTO);
}

/// The `:crypto` natives.
const CRYPTO: NativeTable = &[
    ("hash", 2, |_, a| hash(a)),
    ("mod_pow", 3, |_, a| mod_pow(a)),
    ("strong_rand_bytes", 1, |_, a| strong_rand_bytes(a)),
];

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn digests_and_mod_pow() {
        let hex = |b: Vec<u8>| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        assert_eq!(hex(digest("md5", b"abc").unwrap()), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(hex(digest("sha", b"abc").unwrap()), "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(hex(digest("sha256", b"abc").unwrap()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert!(digest("foo", b"").is_none());
        assert_eq!(mod_pow(&[Term::Int(4), Term::Int(13), Term::Int(497)]).unwrap(), Term::binary(vec![1, 189]));
        assert_eq!(mod_pow(&[Term::Int(7), Term::Int(2), Term::Int(7)]).unwrap(), Term::binary(vec![]));
        assert!(mod_pow(&[Term::Int(7), Term::Int(2), Term::Int(0)]).is_err());
    }
}
