//! The byte work of Elixir's `Base` (`stdlib/lib/base.ex` holds the public functions, their
//! options and error messages): `:retort_base.encode/4` and `:retort_base.decode/5` for
//! base 16, base 32 (RFC 4648's and the extended hex alphabet) and base 64 (standard and
//! URL-safe), with Elixir 1.14's rules for padding and case.

use super::util::*;
use super::Ctx;
use crate::code::table::{CodeServer, NativeTable};
use crate::value::Term;

/// Registers the natives of `retort_base`.
pub fn register(c: &mut CodeServer) {
    c.register_table("retort_base", RETORT_BASE);
}

const B16: &[u8] = b"0123456789ABCDEF";
const B32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const HEX32: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUV";
const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// An encoding: its alphabet, bits per character, characters per padded group, and whether
/// its letters have a case (`case:` applies).
struct Encoding {
    alphabet: &'static [u8],
    bits: u32,
    group: usize,
    cased: bool,
}

fn encoding(kind: &Term) -> Result<Encoding, crate::error::Trap> {
    let (alphabet, bits, group, cased) = match atom(kind)?.name() {
        "b16" => (B16, 4, 2, true),
        "b32" => (B32, 5, 8, true),
        "hex32" => (HEX32, 5, 8, true),
        "b64" => (B64, 6, 4, false),
        "url64" => (URL64, 6, 4, false),
        _ => return badarg(),
    };
    Ok(Encoding { alphabet, bits, group, cased })
}

/// `:retort_base.encode(data, kind, padding?, lower?)`: `data` in the alphabet of `kind`
/// (`:b16`, `:b32`, `:hex32`, `:b64`, `:url64`), with `=` padding to whole groups when
/// `padding?`, lowercase letters when `lower?`.
fn encode(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let data = bytes(&a[0])?;
    let enc = encoding(&a[1])?;
    let pad = a[2].is_atom(crate::value::Atom::TRUE);
    let lower = a[3].is_atom(crate::value::Atom::TRUE);
    let chars = (data.len() * 8).div_ceil(enc.bits as usize);
    let mut out = Vec::with_capacity(chars + enc.group);
    let (mut acc, mut n) = (0u32, 0u32);
    for &b in data {
        acc = (acc << 8) | b as u32;
        n += 8;
        while n >= enc.bits {
            n -= enc.bits;
            out.push(enc.alphabet[((acc >> n) & ((1 << enc.bits) - 1)) as usize]);
        }
        acc &= (1 << n) - 1;
    }
    if n > 0 {
        out.push(enc.alphabet[((acc << (enc.bits - n)) & ((1 << enc.bits) - 1)) as usize]);
    }
    if lower && enc.cased {
        out.make_ascii_lowercase();
    }
    if pad {
        while out.len() % enc.group != 0 {
            out.push(b'=');
        }
    }
    ctx.charge(data.len());
    Ok(Term::binary(out))
}

/// The number of data characters a final group may hold (so that its bits make whole bytes).
fn valid_tail(enc: &Encoding, chars: usize) -> bool {
    chars == 0 || (chars * enc.bits as usize) % 8 < enc.bits as usize
}

/// `:retort_base.decode(data, kind, padding?, case, ignore_whitespace?)`: `{:ok, bytes}`, or
/// `{:error, why}` with `why` one of `{:length, n}` (base 16: an odd length), `:padding`, or
/// `{:char, byte}` (the first byte outside the alphabet). `case` is `:upper`, `:lower` or
/// `:mixed` (ignored for base 64). With `padding?` the length must be whole groups, whose last
/// may end in `=`; without, trailing `=` of whole groups are still accepted. Leftover bits of
/// the last character are dropped, as Elixir 1.14 does.
fn decode(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let raw = bytes(&a[0])?;
    let enc = encoding(&a[1])?;
    let pad = a[2].is_atom(crate::value::Atom::TRUE);
    let case = atom(&a[3])?;
    let data: Vec<u8> = if a[4].is_atom(crate::value::Atom::TRUE) {
        raw.iter().copied().filter(|c| !matches!(c, b' ' | b'\t' | b'\r' | b'\n')).collect()
    } else {
        raw.to_vec()
    };
    ctx.charge(data.len());
    let err = |why: Term| Ok(Term::tuple(vec![Term::atom("error"), why]));
    if enc.bits == 4 && data.len() % 2 != 0 {
        return err(Term::tuple(vec![Term::atom("length"), Term::Int(data.len() as i64)]));
    }
    let mut body: &[u8] = &data;
    if data.len() % enc.group == 0 {
        let pads = data.iter().rev().take_while(|&&c| c == b'=').count();
        if pads > 0 && pads < enc.group && valid_tail(&enc, enc.group - pads) {
            body = &data[..data.len() - pads];
        }
    } else if pad {
        return err(Term::atom("padding"));
    }
    if !valid_tail(&enc, body.len() % enc.group) {
        return err(Term::atom("padding"));
    }
    let mut lookup = [255u8; 256];
    for (i, &c) in enc.alphabet.iter().enumerate() {
        let (up, low) = (c.to_ascii_uppercase(), c.to_ascii_lowercase());
        if !enc.cased || up == low {
            lookup[c as usize] = i as u8;
            continue;
        }
        match case.name() {
            "lower" => lookup[low as usize] = i as u8,
            "mixed" => {
                lookup[up as usize] = i as u8;
                lookup[low as usize] = i as u8;
            }
            _ => lookup[up as usize] = i as u8,
        }
    }
    let mut out = Vec::with_capacity(body.len() * enc.bits as usize / 8);
    let (mut acc, mut n) = (0u32, 0u32);
    for &c in body {
        let v = lookup[c as usize];
        if v == 255 {
            return err(Term::tuple(vec![Term::atom("char"), Term::Int(c as i64)]));
        }
        acc = (acc << enc.bits) | v as u32;
        n += enc.bits;
        if n >= 8 {
            n -= 8;
            out.push((acc >> n) as u8);
            acc &= (1 << n) - 1;
        }
    }
    Ok(ok(Term::binary(out)))
}

/// The natives of `retort_base`: `(name, arity, function)`.
const RETORT_BASE: NativeTable = &[("encode", 4, encode), ("decode", 5, decode)];
