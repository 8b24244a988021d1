//! `:erlang.term_to_binary/1` and `:erlang.binary_to_term/1,2`: Erlang's external term
//! format, byte for byte what OTP 25's `term_to_binary/1` writes (minor version 1), following
//! erts/emulator/beam/external.c and the "External Term Format" chapter of the ERTS guide:
//!
//! - atoms: `ATOM_EXT` (100, Latin-1, 2-byte length) when every character is below 256,
//!   otherwise `SMALL_ATOM_UTF8_EXT` (119) or `ATOM_UTF8_EXT` (118) for 256 bytes or more;
//! - integers: `SMALL_INTEGER_EXT` (97) for 0..=255, `INTEGER_EXT` (98) for 32 bits,
//!   `SMALL_BIG_EXT` (110) / `LARGE_BIG_EXT` (111) above (sign byte, little-endian digits);
//! - floats: `NEW_FLOAT_EXT` (70, IEEE big-endian);
//! - lists: `NIL_EXT` (106); `STRING_EXT` (107) for a proper list of fewer than 65 536
//!   integers in 0..=255; otherwise `LIST_EXT` (108) with its tail;
//! - tuples `SMALL_TUPLE_EXT` (104) / `LARGE_TUPLE_EXT` (105), binaries `BINARY_EXT` (109),
//!   maps `MAP_EXT` (116) in the map's iteration order (which is the BEAM's: sorted keys for up
//!   to 32 keys, the HAMT's order above), external funs `EXPORT_EXT` (113).
//!
//! Pids (`NEW_PID_EXT` 88) and references (`NEWER_REFERENCE_EXT` 90) carry this node's name
//! and creation (`nonode@nohost` and 0 while not distributed, as on the BEAM), or the fields of
//! another node's pid or reference (`dist/ext.rs`); `PID_EXT` 103 and `NEW_REFERENCE_EXT` 114
//! are decoded too. Local funs and ports have no representation here: `term_to_binary`
//! raises `ArgumentError` saying so.
//!
//! Decoding is for hostile input: every length is checked against the bytes that remain before
//! anything is allocated, nesting is walked with an explicit stack (never the Rust stack), and
//! any malformed input is `ArgumentError` "invalid external representation of a term", as
//! OTP reports it. `[:safe]` refuses atoms that do not exist yet; `[:used]` returns
//! `{term, bytes_used}`. Trailing bytes are ignored, as OTP ignores them.

use super::util::*;
use crate::code::table::{CodeServer, NativeTable};
use crate::dist::ext::ExtTable;
use crate::error::{Exception, Trap};
use crate::value::{Atom, Fun, MapT, Term};
use num_bigint::{BigInt, Sign};

const VERSION: u8 = 131;

/// Why a term cannot be encoded.
fn unencodable(what: &str) -> Trap {
    Exception::argument_error(&format!("term_to_binary: {} cannot be encoded in the external term format by retort", what)).into()
}

fn put_atom(out: &mut Vec<u8>, a: Atom) {
    let name = a.name();
    if name.chars().all(|c| (c as u32) < 256) {
        out.push(100);
        let latin: Vec<u8> = name.chars().map(|c| c as u8).collect();
        out.extend_from_slice(&(latin.len() as u16).to_be_bytes());
        out.extend_from_slice(&latin);
    } else if name.len() < 256 {
        out.push(119);
        out.push(name.len() as u8);
        out.extend_from_slice(name.as_bytes());
    } else {
        out.push(118);
        out.extend_from_slice(&(name.len() as u16).to_be_bytes());
        out.extend_from_slice(name.as_bytes());
    }
}

fn put_big(out: &mut Vec<u8>, n: &BigInt) {
    let (sign, digits) = n.to_bytes_le();
    if digits.len() < 256 {
        out.push(110);
        out.push(digits.len() as u8);
    } else {
        out.push(111);
        out.extend_from_slice(&(digits.len() as u32).to_be_bytes());
    }
    out.push(u8::from(sign == Sign::Minus));
    out.extend_from_slice(&digits);
}

/// The bytes of a `STRING_EXT` if `t` is a proper list of fewer than 65 536 bytes.
fn as_byte_string(t: &Term) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut cur = t;
    while let Term::Cons(c) = cur {
        match c.head {
            Term::Int(i) if (0..256).contains(&i) && out.len() < 65535 => out.push(i as u8),
            _ => return None,
        }
        cur = &c.tail;
    }
    matches!(cur, Term::Nil).then_some(out)
}

/// Encodes `t` (the version byte included).
pub fn encode(t: &Term, ext: &ExtTable) -> Result<Vec<u8>, Trap> {
    let mut out = vec![VERSION];
    let mut work: Vec<&Term> = vec![t];
    while let Some(t) = work.pop() {
        match t {
            Term::Int(i) if (0..256).contains(i) => {
                out.push(97);
                out.push(*i as u8);
            }
            Term::Int(i) if i32::try_from(*i).is_ok() => {
                out.push(98);
                out.extend_from_slice(&(*i as i32).to_be_bytes());
            }
            Term::Int(i) => put_big(&mut out, &BigInt::from(*i)),
            Term::Big(b) => put_big(&mut out, b),
            Term::Float(f) => {
                out.push(70);
                out.extend_from_slice(&f.to_bits().to_be_bytes());
            }
            Term::Atom(a) => put_atom(&mut out, *a),
            Term::Nil => out.push(106),
            Term::Cons(_) => {
                if let Some(s) = as_byte_string(t) {
                    out.push(107);
                    out.extend_from_slice(&(s.len() as u16).to_be_bytes());
                    out.extend_from_slice(&s);
                    continue;
                }
                let mut items = Vec::new();
                let mut cur = t;
                while let Term::Cons(c) = cur {
                    items.push(&c.head);
                    cur = &c.tail;
                }
                if items.len() > u32::MAX as usize {
                    return Err(unencodable("a list this long"));
                }
                out.push(108);
                out.extend_from_slice(&(items.len() as u32).to_be_bytes());
                work.push(cur);
                work.extend(items.into_iter().rev());
            }
            Term::Tuple(tb) => {
                if tb.len() < 256 {
                    out.push(104);
                    out.push(tb.len() as u8);
                } else {
                    out.push(105);
                    out.extend_from_slice(&(tb.len() as u32).to_be_bytes());
                }
                work.extend(tb.iter().rev());
            }
            Term::Map(m) => {
                out.push(116);
                out.extend_from_slice(&(m.len() as u32).to_be_bytes());
                let pairs: Vec<(&Term, &Term)> = m.iter().collect();
                for (k, v) in pairs.into_iter().rev() {
                    work.push(v);
                    work.push(k);
                }
            }
            Term::Binary(b) => {
                let s = b.as_slice();
                if s.len() > u32::MAX as usize {
                    return Err(unencodable("a binary this large"));
                }
                out.push(109);
                out.extend_from_slice(&(s.len() as u32).to_be_bytes());
                out.extend_from_slice(s);
            }
            Term::Fun(f) => match &**f {
                Fun::External { module, function, arity } => {
                    out.push(113);
                    put_atom(&mut out, *module);
                    put_atom(&mut out, *function);
                    out.push(97);
                    out.push(*arity as u8);
                }
                Fun::Local { .. } => return Err(unencodable("an anonymous function")),
            },
            Term::Pid(p) => {
                // NEW_PID_EXT: node, id, serial, creation (dist/ext.rs gives the fields)
                let e = ext.pid_fields(*p);
                out.push(88);
                put_atom(&mut out, e.node);
                out.extend_from_slice(&e.id.to_be_bytes());
                out.extend_from_slice(&e.serial.to_be_bytes());
                out.extend_from_slice(&e.creation.to_be_bytes());
            }
            Term::Ref(r) if r & crate::io::tcp::PORT_BIT != 0 => return Err(unencodable("a port")),
            Term::Ref(r) => {
                // NEWER_REFERENCE_EXT: word count, node, creation, words
                let e = ext.ref_fields(*r);
                out.push(90);
                out.extend_from_slice(&(e.words.len() as u16).to_be_bytes());
                put_atom(&mut out, e.node);
                out.extend_from_slice(&e.creation.to_be_bytes());
                for w in &e.words {
                    out.extend_from_slice(&w.to_be_bytes());
                }
            }
        }
    }
    Ok(out)
}

/// A container being decoded: what it is and the elements read so far.
enum Open {
    Tuple { n: usize, items: Vec<Term> },
    /// A list of `n` elements, then its tail (the `n + 1`-th term read).
    List { n: usize, items: Vec<Term> },
    /// A map of `n` pairs (`2n` terms).
    Map { n: usize, items: Vec<Term> },
    /// An external fun: module, function, arity.
    Export { items: Vec<Term> },
}

impl Open {
    fn items(&mut self) -> &mut Vec<Term> {
        match self {
            Open::Tuple { items, .. } | Open::List { items, .. } | Open::Map { items, .. } | Open::Export { items } => items,
        }
    }
    fn wanted(&self) -> usize {
        match self {
            Open::Tuple { n, .. } => *n,
            Open::List { n, .. } => *n + 1,
            Open::Map { n, .. } => 2 * *n,
            Open::Export { .. } => 3,
        }
    }
}

/// Reads bytes off the input, each read checked against what remains.
struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.b.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|s| s[0])
    }
    fn u16(&mut self) -> Option<usize> {
        self.take(2).map(|s| u16::from_be_bytes([s[0], s[1]]) as usize)
    }
    fn u32(&mut self) -> Option<usize> {
        self.take(4).map(|s| u32::from_be_bytes([s[0], s[1], s[2], s[3]]) as usize)
    }
    fn remaining(&self) -> usize {
        self.b.len() - self.pos
    }
    /// A count of elements each at least `min` bytes long: refused when the input cannot
    /// hold them, so no allocation is sized by an unchecked length.
    fn count(&mut self, n: usize, min: usize) -> Option<usize> {
        (n.checked_mul(min)? <= self.remaining()).then_some(n)
    }
}

/// Reads the body of an atom whose tag (`ATOM_EXT` 100, `SMALL_ATOM_EXT` 115, `ATOM_UTF8_EXT`
/// 118, `SMALL_ATOM_UTF8_EXT` 119) was just read: `Ok(None)` when malformed, `Err(())` when
/// `safe` refuses a new atom.
fn read_atom(r: &mut Reader, tag: u8, safe: bool) -> Result<Option<Atom>, ()> {
    let len = match tag {
        100 | 118 => r.u16(),
        115 | 119 => r.u8().map(|v| v as usize),
        _ => return Ok(None),
    };
    let Some(bytes) = len.and_then(|n| r.take(n)) else { return Ok(None) };
    let name: String = if tag == 100 || tag == 115 {
        bytes.iter().map(|c| *c as char).collect()
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => return Ok(None),
        }
    };
    if name.chars().count() > 255 {
        return Ok(None);
    }
    match Atom::existing(&name) {
        Some(a) => Ok(Some(a)),
        None if safe => Err(()),
        None => Ok(Some(Atom::intern(&name))),
    }
}

/// Decodes one term; `Ok(None)` on malformed input, `Err(())` on an atom refused by `safe`.
/// Returns the term and the bytes used (the version byte included).
pub fn decode(b: &[u8], safe: bool, ext: &mut ExtTable) -> Result<Option<(Term, usize)>, ()> {
    let mut r = Reader { b, pos: 0 };
    if r.u8() != Some(VERSION) {
        return Ok(None);
    }
    let mut stack: Vec<Open> = Vec::new();
    loop {
        let Some(tag) = r.u8() else { return Ok(None) };
        let mut value = match tag {
            97 => match r.u8() {
                Some(v) => Term::Int(v as i64),
                None => return Ok(None),
            },
            98 => match r.take(4) {
                Some(s) => Term::Int(i32::from_be_bytes([s[0], s[1], s[2], s[3]]) as i64),
                None => return Ok(None),
            },
            70 => match r.take(8).and_then(|s| <[u8; 8]>::try_from(s).ok()) {
                Some(s) => {
                    let f = f64::from_bits(u64::from_be_bytes(s));
                    if !f.is_finite() {
                        return Ok(None);
                    }
                    Term::Float(f)
                }
                None => return Ok(None),
            },
            99 => {
                // FLOAT_EXT: 31 bytes of "%.20e" text, NUL-padded
                let Some(s) = r.take(31) else { return Ok(None) };
                let text: String = s.iter().take_while(|c| **c != 0).map(|c| *c as char).collect();
                match text.trim().parse::<f64>() {
                    Ok(f) if f.is_finite() => Term::Float(f),
                    _ => return Ok(None),
                }
            }
            100 | 115 | 118 | 119 => match read_atom(&mut r, tag, safe)? {
                Some(a) => Term::Atom(a),
                None => return Ok(None),
            },
            88 | 103 => {
                // NEW_PID_EXT / PID_EXT: node, id, serial, creation (4 bytes, or 1 in PID_EXT)
                let Some(node) = r.u8().map_or(Ok(None), |t| read_atom(&mut r, t, safe))? else { return Ok(None) };
                let (Some(id), Some(serial)) = (r.u32(), r.u32()) else { return Ok(None) };
                let creation = if tag == 88 { r.u32() } else { r.u8().map(|c| c as usize) };
                let Some(creation) = creation else { return Ok(None) };
                Term::Pid(ext.decode_pid(node, id as u32, serial as u32, creation as u32))
            }
            90 | 114 => {
                // NEWER_REFERENCE_EXT / NEW_REFERENCE_EXT: word count, node, creation, words
                let Some(n) = r.u16() else { return Ok(None) };
                let Some(node) = r.u8().map_or(Ok(None), |t| read_atom(&mut r, t, safe))? else { return Ok(None) };
                let creation = if tag == 90 { r.u32() } else { r.u8().map(|c| c as usize) };
                let Some(creation) = creation else { return Ok(None) };
                if n == 0 || n > 5 {
                    return Ok(None);
                }
                let mut words = Vec::with_capacity(n);
                for _ in 0..n {
                    let Some(w) = r.u32() else { return Ok(None) };
                    words.push(w as u32);
                }
                Term::Ref(ext.decode_ref(node, creation as u32, words))
            }
            106 => Term::Nil,
            107 => {
                let Some(s) = r.u16().and_then(|n| r.take(n)) else { return Ok(None) };
                Term::list(s.iter().map(|c| Term::Int(*c as i64)).collect())
            }
            109 => {
                let Some(s) = r.u32().and_then(|n| r.take(n)) else { return Ok(None) };
                Term::binary(s.to_vec())
            }
            110 | 111 => {
                let n = if tag == 110 { r.u8().map(|v| v as usize) } else { r.u32() };
                let Some(n) = n else { return Ok(None) };
                let Some(sign) = r.u8() else { return Ok(None) };
                let Some(digits) = r.take(n) else { return Ok(None) };
                if sign > 1 {
                    return Ok(None);
                }
                let s = if sign == 1 { Sign::Minus } else { Sign::Plus };
                Term::from_bigint(BigInt::from_bytes_le(s, digits))
            }
            104 | 105 => {
                let n = if tag == 104 { r.u8().map(|v| v as usize) } else { r.u32() };
                let Some(n) = n.and_then(|n| r.count(n, 1)) else { return Ok(None) };
                if n > 0 {
                    stack.push(Open::Tuple { n, items: Vec::with_capacity(n) });
                    continue;
                }
                Term::tuple(vec![])
            }
            108 => {
                // n elements and the tail, each at least one byte
                let Some(n) = r.u32().and_then(|n| r.count(n, 1)) else { return Ok(None) };
                stack.push(Open::List { n, items: Vec::with_capacity(n + 1) });
                continue;
            }
            116 => {
                let Some(n) = r.u32().and_then(|n| r.count(n, 2)) else { return Ok(None) };
                if n > 0 {
                    stack.push(Open::Map { n, items: Vec::with_capacity(2 * n) });
                    continue;
                }
                Term::map(MapT::new())
            }
            113 => {
                stack.push(Open::Export { items: Vec::with_capacity(3) });
                continue;
            }
            _ => return Ok(None),
        };
        // hand the value to the open containers, closing each that is complete
        loop {
            let Some(top) = stack.last_mut() else { return Ok(Some((value, r.pos))) };
            top.items().push(value);
            if top.items().len() < top.wanted() {
                break;
            }
            let Some(done) = stack.pop() else { return Ok(None) };
            value = match done {
                Open::Tuple { items, .. } => Term::tuple(items),
                Open::List { mut items, .. } => {
                    let tail = items.pop().unwrap_or(Term::Nil);
                    Term::list_with_tail(items, tail)
                }
                Open::Map { items, .. } => {
                    let mut m = MapT::new();
                    let mut it = items.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        m.insert(k, v);
                    }
                    Term::map(m)
                }
                Open::Export { items } => match (&items[0], &items[1], &items[2]) {
                    (Term::Atom(m), Term::Atom(f), Term::Int(a)) if (0..256).contains(a) => {
                        Term::Fun(std::rc::Rc::new(Fun::External { module: *m, function: *f, arity: *a as u32 }))
                    }
                    _ => return Ok(None),
                },
            };
        }
    }
}

fn binary_to_term(ext: &mut ExtTable, args: &[Term], opts: &Term) -> R {
    let Term::Binary(b) = &args[0] else {
        return bif_badarg("erlang", "binary_to_term", args, &[(1, "not a binary")]);
    };
    let mut safe = false;
    let mut used = false;
    for o in list(opts)? {
        match o.as_atom().map(|a| a.name()) {
            Some("safe") => safe = true,
            Some("used") => used = true,
            _ => return bif_badarg("erlang", "binary_to_term", args, &[(2, "invalid option in list")]),
        }
    }
    match decode(b.as_slice(), safe, ext) {
        Ok(Some((t, n))) if used => Ok(Term::tuple(vec![t, Term::Int(n as i64)])),
        Ok(Some((t, _))) => Ok(t),
        Ok(None) => bif_badarg("erlang", "binary_to_term", args, &[(1, "invalid external representation of a term")]),
        Err(()) => bif_badarg("erlang", "binary_to_term", args, &[(1, "invalid or unsafe external representation of a term")]),
    }
}

pub fn register(c: &mut CodeServer) {
    c.register_table("erlang", ERLANG);
}

/// The natives of `erlang`: `(name, arity, function)`.
const ERLANG: NativeTable = &[
    ("term_to_binary", 1, |ctx, a| Ok(Term::binary(encode(&a[0], &ctx.vm.ext)?))),
    ("binary_to_term", 1, |ctx, a| binary_to_term(&mut ctx.vm.ext, a, &Term::Nil)),
    ("binary_to_term", 2, |ctx, a| {
        let opts = a[1].clone();
        binary_to_term(&mut ctx.vm.ext, a, &opts)
    }),
];

#[cfg(test)]
mod tests {
    use super::*;
    fn rt(t: Term) {
        let b = encode(&t, &ExtTable::default()).unwrap();
        assert_eq!(decode(&b, false, &mut ExtTable::default()).unwrap().unwrap().0, t);
    }
    #[test]
    fn bytes_as_otp_writes_them() {
        assert_eq!(encode(&Term::atom("abc"), &ExtTable::default()).unwrap(), vec![131, 100, 0, 3, 97, 98, 99]);
        assert_eq!(encode(&Term::Int(256), &ExtTable::default()).unwrap(), vec![131, 98, 0, 0, 1, 0]);
        assert_eq!(encode(&Term::Int(2147483648), &ExtTable::default()).unwrap(), vec![131, 110, 4, 0, 0, 0, 0, 128]);
        assert_eq!(encode(&Term::list(vec![Term::Int(1), Term::Int(2)]), &ExtTable::default()).unwrap(), vec![131, 107, 0, 2, 1, 2]);
        assert_eq!(encode(&Term::Float(1.5), &ExtTable::default()).unwrap(), vec![131, 70, 63, 248, 0, 0, 0, 0, 0, 0]);
        assert_eq!(encode(&Term::atom("日本"), &ExtTable::default()).unwrap(), vec![131, 119, 6, 230, 151, 165, 230, 156, 172]);
    }
    #[test]
    fn round_trips_and_rejects_hostile_input() {
        rt(Term::tuple(vec![Term::atom("ok"), Term::list_with_tail(vec![Term::Int(1000)], Term::Int(2)), Term::string("x")]));
        rt(Term::from_bigint(BigInt::from(-1) << 300));
        // a list claiming 2^32-1 elements in five bytes: refused before allocating
        assert!(decode(&[131, 108, 255, 255, 255, 255, 106], false, &mut ExtTable::default()).unwrap().is_none());
        assert!(decode(&[131, 116, 255, 255, 255, 255], false, &mut ExtTable::default()).unwrap().is_none());
        assert!(decode(&[131, 109, 0, 0, 0, 9, 1], false, &mut ExtTable::default()).unwrap().is_none());
        assert!(decode(&[131], false, &mut ExtTable::default()).unwrap().is_none());
        assert!(decode(&[131, 119, 12, b'n', b'o', b'_', b's', b'u', b'c', b'h', b'_', b'a', b't', b'o', b'm'], true, &mut ExtTable::default()).is_err());
        // a million nested one-tuples decode without the Rust stack
        let mut b = vec![131];
        for _ in 0..1_000_000 {
            b.extend_from_slice(&[104, 1]);
        }
        b.push(106);
        let (t, n) = decode(&b, false, &mut ExtTable::default()).unwrap().unwrap();
        assert_eq!(n, b.len());
        assert_eq!(encode(&t, &ExtTable::default()).unwrap(), b);
    }
}
