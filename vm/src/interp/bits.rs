//! Bitstring construction and matching (`<<len::8, data::binary-size(len), rest::binary>>`):
//! the segment encoders and decoders behind [`Op::BsPut`](crate::bytecode::Op::BsPut),
//! [`Op::BsFinish`](crate::bytecode::Op::BsFinish) and [`Op::BsGet`](crate::bytecode::Op::BsGet).
//!
//! Bits are stored most significant first: a bitstring of `len` bits is `ceil(len / 8)` bytes
//! whose last byte holds its bits in the high positions (the unused low bits are zero), as on
//! the BEAM. Integers are written as `value mod 2^bits`; in `little` order the whole bytes
//! come least significant first and a trailing partial byte holds the highest bits (Erlang's
//! rule, so `<<0x123::little-12>>` is `<<0x23, 0x1::4>>`).

use crate::bytecode::{BinSeg, BinType};
use crate::error::Exception;
use crate::value::inspect::inspect_default;
use crate::value::Term;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, ToPrimitive};
use std::rc::Rc;

/// The largest segment the VM builds or reads at once, in bits (a 256 MiB segment): sizes
/// above it raise `badarg` instead of trying to allocate.
const MAX_BITS: u64 = 1 << 31;

/// Appends the first `nbits` bits (most significant first) of `data` to `buf`, which holds
/// `len` bits.
pub fn append_bits(buf: &mut Vec<u8>, len: usize, data: &[u8], nbits: usize) {
    let off = len % 8;
    let (full, rem) = (nbits / 8, nbits % 8);
    if off == 0 {
        buf.extend_from_slice(&data[..full]);
        if rem > 0 {
            buf.push(data[full] & (0xFFu8 << (8 - rem)));
        }
        return;
    }
    for &b in &data[..full] {
        if let Some(last) = buf.last_mut() {
            *last |= b >> off;
        }
        buf.push(b << (8 - off));
    }
    if rem > 0 {
        let b = data[full] & (0xFFu8 << (8 - rem));
        if let Some(last) = buf.last_mut() {
            *last |= b >> off;
        }
        if off + rem > 8 {
            buf.push(b << (8 - off));
        }
    }
}

/// Reads `nbits` bits of `data` starting at bit `pos` (the caller checked they exist), left
/// aligned in `ceil(nbits / 8)` bytes with the unused low bits zero.
pub fn read_bits(data: &[u8], pos: usize, nbits: usize) -> Vec<u8> {
    let (start, off) = (pos / 8, pos % 8);
    let n = (nbits + 7) / 8;
    let mut out: Vec<u8> = if off == 0 {
        data[start..start + n].to_vec()
    } else {
        (0..n)
            .map(|i| {
                let hi = data[start + i] << off;
                let lo = data.get(start + i + 1).map_or(0, |b| b >> (8 - off));
                hi | lo
            })
            .collect()
    };
    if nbits % 8 != 0 {
        if let Some(last) = out.last_mut() {
            *last &= 0xFFu8 << (8 - nbits % 8);
        }
    }
    out
}

/// Shifts a big-endian byte string left by `s` (0..8) bits, dropping the high bits.
fn shl_bytes(bytes: &mut [u8], s: usize) {
    if s == 0 {
        return;
    }
    for i in 0..bytes.len() {
        let next = bytes.get(i + 1).map_or(0, |b| b >> (8 - s));
        bytes[i] = (bytes[i] << s) | next;
    }
}

/// `value mod 2^nbits` as `nbits` left-aligned bits in `big` or `little` order.
fn int_to_bits(v: &Term, nbits: usize, little: bool) -> Option<Vec<u8>> {
    let n = (nbits + 7) / 8;
    let rem = nbits % 8;
    let mut bytes = match v {
        Term::Int(i) if nbits <= 64 => {
            let mask = if nbits == 64 { u64::MAX } else { (1u64 << nbits) - 1 };
            let u = (*i as u64) & mask;
            if little {
                u.to_le_bytes()[..n].to_vec()
            } else {
                let left = if nbits == 0 { 0 } else { u << (64 - nbits) };
                return Some(left.to_be_bytes()[..n].to_vec());
            }
        }
        Term::Int(_) | Term::Big(_) => {
            let b = match v {
                Term::Int(i) => BigInt::from(*i),
                Term::Big(b) => (**b).clone(),
                _ => return None,
            };
            let modulus = BigInt::one() << nbits;
            let m = b.mod_floor(&modulus);
            let mut le = m.to_bytes_le().1;
            le.resize(n, 0);
            if little {
                le
            } else {
                le.reverse();
                // right-aligned in n bytes: move to the left
                shl_bytes(&mut le, (8 - rem) % 8);
                return Some(le);
            }
        }
        _ => return None,
    };
    // little: the last (partial) byte holds the top `rem` bits, right-aligned: left-align it.
    if rem > 0 {
        if let Some(last) = bytes.last_mut() {
            *last <<= 8 - rem;
        }
    }
    Some(bytes)
}

/// The integer held in `nbits` left-aligned bits (see [`read_bits`]).
fn bits_to_int(bytes: &mut [u8], nbits: usize, little: bool, signed: bool) -> Term {
    let rem = nbits % 8;
    if little {
        if rem > 0 {
            if let Some(last) = bytes.last_mut() {
                *last >>= 8 - rem;
            }
        }
    } else if rem > 0 {
        // right-align the big-endian number
        let s = 8 - rem;
        for i in (0..bytes.len()).rev() {
            let prev = if i > 0 { bytes[i - 1] << (8 - s) } else { 0 };
            bytes[i] = (bytes[i] >> s) | prev;
        }
    }
    if nbits <= 63 {
        let mut u: u64 = 0;
        if little {
            for &b in bytes.iter().rev() {
                u = (u << 8) | b as u64;
            }
        } else {
            for &b in bytes.iter() {
                u = (u << 8) | b as u64;
            }
        }
        let mut v = u as i64;
        if signed && nbits > 0 && (u >> (nbits - 1)) & 1 == 1 {
            v -= 1i64 << nbits;
        }
        return Term::Int(v);
    }
    let mut b = if little { BigInt::from_bytes_le(Sign::Plus, bytes) } else { BigInt::from_bytes_be(Sign::Plus, bytes) };
    if signed && ((&b >> (nbits - 1)) & BigInt::one()) == BigInt::one() {
        b -= BigInt::one() << nbits;
    }
    Term::from_bigint(b)
}

/// `construction of binary failed: segment 1 of type 'integer': <detail>` (ArgumentError).
fn construction_error(index: u8, ty: BinType, detail: &str) -> Exception {
    Exception::argument_error(&format!("construction of binary failed: segment {} of type '{}': {}", index, ty.name(), detail))
}

/// `expected ... but got: <value>`.
fn expected(what: &str, v: &Term) -> String {
    format!("expected {} but got: {}", what, inspect_default(v))
}

/// The segment size in bits: `size * unit`, or `None` when `size` is not a non-negative
/// integer or too large.
fn seg_bits(size: Option<&Term>, seg: BinSeg, default: u64) -> Option<u64> {
    let n = match size {
        None => return Some(default),
        Some(Term::Int(n)) if *n >= 0 => *n as u64,
        _ => return None,
    };
    let bits = n.checked_mul(seg.unit as u64)?;
    (bits <= MAX_BITS).then_some(bits)
}

/// The segment size in bits for construction (`Op::BsPut`), as [`seg_bits`], with the BEAM's
/// errors: a size that is not a non-negative integer is `badarg`; a size whose bits exceed
/// [`MAX_BITS`] (a bignum size included) raises `SystemLimitError` "construction of binary
/// failed: segment N of type 'T': the size S is too large", as OTP 25's `erl_bits.c` extended
/// error does for the sizes it cannot build (it aborts on a failed allocation for the smaller
/// ones retort also refuses, so nothing is allocated before the check).
fn put_bits(size: Option<&Term>, seg: BinSeg, default: u64, index: u8) -> Result<u64, Exception> {
    if let Some(bits) = seg_bits(size, seg, default) {
        return Ok(bits);
    }
    match size {
        Some(s @ Term::Int(n)) if *n >= 0 => Err(size_too_large(index, seg.ty, s)),
        Some(s @ Term::Big(b)) if b.sign() == Sign::Plus => Err(size_too_large(index, seg.ty, s)),
        _ => Err(Exception::badarg()),
    }
}

fn size_too_large(index: u8, ty: BinType, size: &Term) -> Exception {
    let msg = format!("construction of binary failed: segment {} of type '{}': the size {} is too large", index, ty.name(), inspect_default(size));
    Exception::elixir("Elixir.SystemLimitError", &msg)
}

fn encode_utf(cp: u32, ty: BinType, little: bool) -> Option<Vec<u8>> {
    let c = char::from_u32(cp)?;
    Some(match ty {
        BinType::Utf8 => c.to_string().into_bytes(),
        BinType::Utf16 => {
            let mut units = [0u16; 2];
            c.encode_utf16(&mut units)
                .iter()
                .flat_map(|u| if little { u.to_le_bytes() } else { u.to_be_bytes() })
                .collect()
        }
        _ => {
            if little {
                cp.to_le_bytes().to_vec()
            } else {
                cp.to_be_bytes().to_vec()
            }
        }
    })
}

/// `Op::BsPut`: appends `val` as one segment to the bitstring `(acc, acc_len)`.
pub fn put(acc: &mut Term, acc_len: &mut Term, val: &Term, size: Option<&Term>, seg: BinSeg, index: u8) -> Result<(), Exception> {
    let len = match acc_len {
        Term::Int(n) if *n >= 0 => *n as usize,
        _ => return Err(Exception::badarg()),
    };
    if !matches!(acc, Term::Binary(_)) {
        *acc = Term::binary(Vec::new());
    }
    let Term::Binary(rc) = acc else { return Err(Exception::badarg()) };
    let buf = Rc::make_mut(rc).vec_mut();
    if buf.len() != (len + 7) / 8 {
        return Err(Exception::badarg());
    }
    let added = match seg.ty {
        BinType::Integer => {
            let bits = put_bits(size, seg, 8, index)? as usize;
            if !matches!(val, Term::Int(_) | Term::Big(_)) {
                return Err(construction_error(index, seg.ty, &expected("an integer", val)));
            }
            let data = int_to_bits(val, bits, seg.little).ok_or_else(Exception::badarg)?;
            append_bits(buf, len, &data, bits);
            bits
        }
        BinType::Float => {
            let bits = put_bits(size, seg, 64, index)?;
            let f = match val {
                Term::Float(f) => *f,
                Term::Int(i) => *i as f64,
                Term::Big(b) => b.to_f64().filter(|f| f.is_finite()).ok_or_else(Exception::badarg)?,
                _ => return Err(construction_error(index, seg.ty, &expected("a float or an integer", val))),
            };
            let data: Vec<u8> = match bits {
                64 => f.to_bits().to_be_bytes().to_vec(),
                32 => {
                    let g = f as f32;
                    if !g.is_finite() {
                        return Err(Exception::badarg());
                    }
                    g.to_bits().to_be_bytes().to_vec()
                }
                16 => {
                    let h = half::f16::from_f64(f);
                    if !h.is_finite() {
                        return Err(Exception::badarg());
                    }
                    h.to_bits().to_be_bytes().to_vec()
                }
                _ => return Err(Exception::badarg()),
            };
            let data: Vec<u8> = if seg.little { data.into_iter().rev().collect() } else { data };
            append_bits(buf, len, &data, bits as usize);
            bits as usize
        }
        BinType::Binary | BinType::Bitstring => {
            let Term::Binary(b) = val else {
                return Err(construction_error(index, seg.ty, &expected("a binary", val)));
            };
            let have = b.len() as u64 * 8;
            let bits = match size {
                None => have,
                Some(_) => put_bits(size, seg, 0, index)?,
            };
            if bits > have {
                let detail = format!("the value {} is shorter than the size of the segment", inspect_default(val));
                return Err(construction_error(index, seg.ty, &detail));
            }
            let b = b.clone();
            append_bits(buf, len, &b, bits as usize);
            bits as usize
        }
        BinType::Utf8 | BinType::Utf16 | BinType::Utf32 => {
            let bytes = match val {
                Term::Int(cp) if (0..=u32::MAX as i64).contains(cp) => encode_utf(*cp as u32, seg.ty, seg.little),
                _ => None,
            };
            let Some(bytes) = bytes else {
                let what = format!("a non-negative integer encodable as {}", seg.ty.name());
                return Err(construction_error(index, seg.ty, &expected(&what, val)));
            };
            append_bits(buf, len, &bytes, bytes.len() * 8);
            bytes.len() * 8
        }
    };
    *acc_len = Term::Int((len + added) as i64);
    Ok(())
}

/// `Op::BsFinish`: the bitstring built in `(acc, acc_len)`. Only whole bytes make a term:
/// retort has no bitstring term whose size is not a multiple of 8.
pub fn finish(acc: &Term, acc_len: &Term) -> Result<Term, Exception> {
    let len = match acc_len {
        Term::Int(n) if *n >= 0 => *n as usize,
        _ => return Err(Exception::badarg()),
    };
    if len % 8 != 0 {
        return Err(Exception::argument_error(&format!(
            "construction of binary failed: the result has {} bits, and bitstrings whose size is not a multiple of 8 are not supported by retort",
            len
        )));
    }
    match acc {
        Term::Binary(_) => Ok(acc.clone()),
        _ if len == 0 => Ok(Term::binary(Vec::new())),
        _ => Err(Exception::badarg()),
    }
}

/// Decodes one UTF code point at byte-aligned or unaligned bit `pos`; returns it and the
/// number of bits it took.
fn decode_utf(data: &[u8], pos: usize, total: usize, ty: BinType, little: bool) -> Option<(u32, usize)> {
    let left = total - pos;
    let take = |n: usize| -> Option<Vec<u8>> { (n * 8 <= left).then(|| read_bits(data, pos, n * 8)) };
    match ty {
        BinType::Utf8 => {
            let first = take(1)?[0];
            let n = match first {
                0x00..=0x7F => 1,
                0xC2..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF4 => 4,
                _ => return None,
            };
            let bytes = take(n)?;
            let s = std::str::from_utf8(&bytes).ok()?;
            let c = s.chars().next()?;
            Some((c as u32, n * 8))
        }
        BinType::Utf16 => {
            let unit = |b: &[u8]| if little { u16::from_le_bytes([b[0], b[1]]) } else { u16::from_be_bytes([b[0], b[1]]) };
            let first = unit(&take(2)?);
            if (0xD800..0xDC00).contains(&first) {
                let both = take(4)?;
                let second = unit(&both[2..]);
                let c = char::decode_utf16([first, second]).next()?.ok()?;
                Some((c as u32, 32))
            } else {
                let c = char::decode_utf16([first]).next()?.ok()?;
                Some((c as u32, 16))
            }
        }
        _ => {
            let b = take(4)?;
            let cp = if little { u32::from_le_bytes([b[0], b[1], b[2], b[3]]) } else { u32::from_be_bytes([b[0], b[1], b[2], b[3]]) };
            char::from_u32(cp).map(|c| (c as u32, 32))
        }
    }
}

/// `Op::BsGet`: reads one segment of `src` at bit `pos`; `None` when it does not match.
pub fn get(src: &Term, pos: &Term, size: Option<&Term>, seg: BinSeg) -> Option<(Term, usize)> {
    let Term::Binary(data) = src else { return None };
    let Term::Int(p) = pos else { return None };
    let p = usize::try_from(*p).ok()?;
    let total = data.len() * 8;
    if p > total {
        return None;
    }
    let left = (total - p) as u64;
    match seg.ty {
        BinType::Integer => {
            let bits = seg_bits(size, seg, 8)?;
            if bits > left {
                return None;
            }
            let bits = bits as usize;
            let mut bytes = read_bits(data, p, bits);
            Some((bits_to_int(&mut bytes, bits, seg.little, seg.signed), p + bits))
        }
        BinType::Float => {
            let bits = seg_bits(size, seg, 64)?;
            if bits > left {
                return None;
            }
            let mut bytes = read_bits(data, p, bits as usize);
            if seg.little {
                bytes.reverse();
            }
            let f = match bits {
                64 => f64::from_be_bytes(bytes.try_into().ok()?),
                32 => f32::from_be_bytes(bytes.try_into().ok()?) as f64,
                16 => half::f16::from_be_bytes(bytes.try_into().ok()?).to_f64(),
                _ => return None,
            };
            f.is_finite().then_some((Term::Float(f), p + bits as usize))
        }
        BinType::Binary | BinType::Bitstring => {
            let bits = match size {
                None => left,
                Some(_) => seg_bits(size, seg, 0)?,
            };
            if bits > left || bits % 8 != 0 {
                return None;
            }
            let bits = bits as usize;
            let v = if p == 0 && bits == total { src.clone() } else { Term::binary(read_bits(data, p, bits)) };
            Some((v, p + bits))
        }
        BinType::Utf8 | BinType::Utf16 | BinType::Utf32 => {
            let (cp, used) = decode_utf(data, p, total, seg.ty, seg.little)?;
            Some((Term::Int(cp as i64), p + used))
        }
    }
}

/// `Op::BsEnd`: is `pos` the end of `src`?
pub fn at_end(src: &Term, pos: &Term) -> bool {
    match (src, pos) {
        (Term::Binary(b), Term::Int(p)) => *p >= 0 && *p as usize == b.len() * 8,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(ty: BinType) -> BinSeg {
        BinSeg { ty, little: false, signed: false, unit: 1 }
    }

    fn build(parts: &[(Term, Option<i64>, BinSeg)]) -> Result<Term, Exception> {
        let (mut acc, mut len) = (Term::binary(vec![]), Term::Int(0));
        for (i, (v, size, s)) in parts.iter().enumerate() {
            let size = size.map(Term::Int);
            put(&mut acc, &mut len, v, size.as_ref(), *s, i as u8 + 1)?;
        }
        finish(&acc, &len)
    }

    #[test]
    fn integers_in_both_orders_and_sub_byte_sizes() {
        let b = build(&[(Term::Int(1), Some(4), seg(BinType::Integer)), (Term::Int(15), Some(4), seg(BinType::Integer))]).unwrap();
        assert_eq!(b.as_bytes().unwrap(), &[0x1F]);
        let le = BinSeg { little: true, ..seg(BinType::Integer) };
        let b = build(&[(Term::Int(0x123), Some(12), le), (Term::Int(0), Some(4), seg(BinType::Integer))]).unwrap();
        assert_eq!(b.as_bytes().unwrap(), &[0x23, 0x10]);
        let b = build(&[(Term::Int(-1), Some(16), seg(BinType::Integer))]).unwrap();
        assert_eq!(b.as_bytes().unwrap(), &[0xFF, 0xFF]);
        let b = build(&[(Term::Int(1), Some(100), seg(BinType::Integer)), (Term::Int(0), Some(4), seg(BinType::Integer))]).unwrap();
        assert_eq!(b.as_bytes().unwrap().len(), 13);
        assert_eq!(b.as_bytes().unwrap()[12], 0x10);
    }

    #[test]
    fn reads_back_what_it_writes() {
        let data = Term::binary(vec![0x12, 0x34, 0xFF, 0xF0]);
        let le = BinSeg { little: true, ..seg(BinType::Integer) };
        let (v, p) = get(&data, &Term::Int(0), Some(&Term::Int(12)), le).unwrap();
        assert_eq!((v, p), (Term::Int(786), 12));
        let s = BinSeg { signed: true, little: true, ..seg(BinType::Integer) };
        let (v, _) = get(&data, &Term::Int(16), Some(&Term::Int(12)), s).unwrap();
        assert_eq!(v, Term::Int(-1));
        let (v, p) = get(&data, &Term::Int(4), Some(&Term::Int(8)), seg(BinType::Integer)).unwrap();
        assert_eq!((v, p), (Term::Int(0x23), 12));
        assert!(get(&data, &Term::Int(24), Some(&Term::Int(9)), seg(BinType::Integer)).is_none());
        let big = build(&[(Term::Int(-5), Some(200), BinSeg { signed: true, ..seg(BinType::Integer) })]).unwrap();
        let (v, _) = get(&big, &Term::Int(0), Some(&Term::Int(200)), BinSeg { signed: true, ..seg(BinType::Integer) }).unwrap();
        assert_eq!(v, Term::Int(-5));
    }

    /// The `message` field of an ArgumentError.
    fn message(e: &Exception) -> String {
        let Term::Map(m) = &e.reason else { return String::new() };
        match m.get(&Term::Atom(crate::value::Atom::MESSAGE)) {
            Some(Term::Binary(b)) => String::from_utf8_lossy(&b[..]).into_owned(),
            _ => String::new(),
        }
    }

    #[test]
    fn errors_name_the_segment() {
        let e = build(&[(Term::Int(1), None, seg(BinType::Integer)), (Term::atom("a"), None, seg(BinType::Utf8))]).unwrap_err();
        let msg = message(&e);
        assert!(msg.contains("segment 2 of type 'utf8': expected a non-negative integer encodable as utf8 but got: :a"), "{msg}");
        let e = build(&[(Term::Int(1), Some(3), seg(BinType::Integer))]).unwrap_err();
        assert!(message(&e).contains("not a multiple of 8"), "{}", message(&e));
    }

    #[test]
    fn utf_round_trip() {
        for ty in [BinType::Utf8, BinType::Utf16, BinType::Utf32] {
            let b = build(&[(Term::Int(0x1F600), None, seg(ty)), (Term::Int(0xE9), None, seg(ty))]).unwrap();
            let (c, p) = get(&b, &Term::Int(0), None, seg(ty)).unwrap();
            assert_eq!(c, Term::Int(0x1F600));
            let (c, _) = get(&b, &Term::Int(p as i64), None, seg(ty)).unwrap();
            assert_eq!(c, Term::Int(0xE9));
        }
        assert!(build(&[(Term::Int(0xD800), None, seg(BinType::Utf8))]).is_err());
    }
}
