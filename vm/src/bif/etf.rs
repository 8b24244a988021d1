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

/// A term still to encode, or where a `NEW_FUN_EXT`'s Size field is to be filled in.
enum Work<'a> {
    T(&'a Term),
    Size(usize),
}

/// `NEW_PID_EXT`: node, id, serial, creation.
fn put_pid(out: &mut Vec<u8>, e: &crate::dist::ext::ExtPid) {
    out.push(88);
    put_atom(out, e.node);
    out.extend_from_slice(&e.id.to_be_bytes());
    out.extend_from_slice(&e.serial.to_be_bytes());
    out.extend_from_slice(&e.creation.to_be_bytes());
}

/// An integer as `SMALL_INTEGER_EXT` or `INTEGER_EXT` (the fields of a fun are 32-bit).
fn put_small_int(out: &mut Vec<u8>, i: i64) {
    if (0..256).contains(&i) {
        out.push(97);
        out.push(i as u8);
    } else {
        out.push(98);
        out.extend_from_slice(&(i as i32).to_be_bytes());
    }
}

/// The fixed fields of a `NEW_FUN_EXT`.
struct FunHead<'a> {
    module: Atom,
    arity: u32,
    md5: &'a [u8; 16],
    index: u32,
    old_index: i64,
    old_uniq: i64,
}

/// A fun's pid field: this node's placeholder, or the term another node sent.
enum PidField<'a> {
    Fields(crate::dist::ext::ExtPid),
    Term(&'a Term),
}

/// `NEW_FUN_EXT` (112), as OTP 25's `external.c` writes it: Size (4 bytes, patched once the
/// free variables are written), Arity (1), Uniq (the module's MD5, 16), Index (4), NumFree
/// (4), Module, OldIndex, OldUniq, Pid, then the free variables (queued on `work`).
fn put_new_fun<'a>(out: &mut Vec<u8>, work: &mut Vec<Work<'a>>, h: FunHead, pid: PidField<'a>, env: &'a [Term]) -> Result<(), Trap> {
    let arity = u8::try_from(h.arity).map_err(|_| unencodable("a fun of this arity"))?;
    let nfree = u32::try_from(env.len()).map_err(|_| unencodable("a fun with this many free variables"))?;
    out.push(112);
    let at = out.len();
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.push(arity);
    out.extend_from_slice(h.md5);
    out.extend_from_slice(&h.index.to_be_bytes());
    out.extend_from_slice(&nfree.to_be_bytes());
    put_atom(out, h.module);
    put_small_int(out, h.old_index);
    put_small_int(out, h.old_uniq);
    work.push(Work::Size(at));
    work.extend(env.iter().rev().map(Work::T));
    match pid {
        PidField::Fields(e) => put_pid(out, &e),
        PidField::Term(t) => work.push(Work::T(t)),
    }
    Ok(())
}

/// Encodes `t` (the version byte included).
pub fn encode(t: &Term, ext: &ExtTable) -> Result<Vec<u8>, Trap> {
    let mut out = vec![VERSION];
    let mut work: Vec<Work> = vec![Work::T(t)];
    while let Some(w) = work.pop() {
        let t = match w {
            Work::T(t) => t,
            Work::Size(at) => {
                // NEW_FUN_EXT's Size: its bytes from the Size field to the end of the free variables
                let n = u32::try_from(out.len() - at).map_err(|_| unencodable("a fun this large"))?;
                out[at..at + 4].copy_from_slice(&n.to_be_bytes());
                continue;
            }
        };
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
                work.push(Work::T(cur));
                work.extend(items.into_iter().rev().map(Work::T));
            }
            Term::Tuple(tb) => {
                if tb.len() < 256 {
                    out.push(104);
                    out.push(tb.len() as u8);
                } else {
                    out.push(105);
                    out.extend_from_slice(&(tb.len() as u32).to_be_bytes());
                }
                work.extend(tb.iter().rev().map(Work::T));
            }
            Term::Map(m) => {
                out.push(116);
                out.extend_from_slice(&(m.len() as u32).to_be_bytes());
                let pairs: Vec<(&Term, &Term)> = m.iter().collect();
                for (k, v) in pairs.into_iter().rev() {
                    work.push(Work::T(v));
                    work.push(Work::T(k));
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
                Fun::Local { instance, lambda, env, .. } => {
                    let arity = instance.lambdas.get(*lambda as usize).map_or(0, |l| l.arity);
                    let uniq = crate::value::inspect::fun_uniq(&instance.md5) as i64;
                    // OTP 26 writes a placeholder pid where OTP 25 wrote the creator's.
                    let (node, creation) = ext.this_node();
                    let pid = crate::dist::ext::ExtPid { node, id: 0, serial: 0, creation };
                    put_new_fun(&mut out, &mut work, FunHead { module: instance.name, arity, md5: &instance.md5, index: *lambda, old_index: *lambda as i64, old_uniq: uniq }, PidField::Fields(pid), env)?;
                }
                Fun::Foreign(ff) => {
                    let head = FunHead { module: ff.module, arity: ff.arity, md5: &ff.md5, index: ff.index, old_index: ff.old_index, old_uniq: ff.old_uniq };
                    put_new_fun(&mut out, &mut work, head, PidField::Term(&ff.pid), &ff.env)?;
                }
            },
            Term::Pid(p) => put_pid(&mut out, &ext.pid_fields(*p)),
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
    /// A `NEW_FUN_EXT`: its fixed fields, then Module, OldIndex, OldUniq, Pid and `nfree`
    /// free variables.
    NewFun { arity: u32, md5: [u8; 16], index: u32, nfree: usize, items: Vec<Term> },
}

impl Open {
    fn items(&mut self) -> &mut Vec<Term> {
        match self {
            Open::Tuple { items, .. } | Open::List { items, .. } | Open::Map { items, .. } | Open::Export { items } | Open::NewFun { items, .. } => items,
        }
    }
    fn wanted(&self) -> usize {
        match self {
            Open::Tuple { n, .. } => *n,
            Open::List { n, .. } => *n + 1,
            Open::Map { n, .. } => 2 * *n,
            Open::Export { .. } => 3,
            Open::NewFun { nfree, .. } => 4 + *nfree,
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

/// The fun a closed `NEW_FUN_EXT` stands for: this node's local fun when `code` has the
/// module's instance with that MD5 (current or old) and a lambda at that index with that
/// arity and number of free variables, else another node's fun kept opaque. `None` when a
/// field has the wrong type.
fn new_fun(code: Option<&CodeServer>, arity: u32, md5: [u8; 16], index: u32, mut items: Vec<Term>) -> Option<Term> {
    let (Term::Atom(module), Term::Int(old_index), Term::Int(old_uniq), Term::Pid(_)) = (&items[0], &items[1], &items[2], &items[3]) else { return None };
    let (module, old_index, old_uniq) = (*module, *old_index, *old_uniq);
    let env = items.split_off(4);
    let nfree = env.len() as u32;
    let pid = items.swap_remove(3);
    let local = code.and_then(|c| {
        [c.current(module), c.old(module)].into_iter().flatten().find(|i| i.md5 == md5 && i.lambdas.get(index as usize).is_some_and(|l| l.arity == arity && l.nfree == nfree)).cloned()
    });
    let f = match local {
        Some(instance) => Fun::local(instance, index, env),
        None => Fun::Foreign(Box::new(crate::value::foreign_fun::ForeignFun { module, arity, md5, index, old_index, old_uniq, pid, env })),
    };
    Some(Term::Fun(std::rc::Rc::new(f)))
}

/// Decodes one term; `Ok(None)` on malformed input, `Err(())` on an atom refused by `safe`.
/// Returns the term and the bytes used (the version byte included). A fun (`NEW_FUN_EXT`)
/// becomes a local fun of `code`'s modules when it has the fun's module by MD5 (see
/// [`new_fun`]), else an opaque foreign fun.
pub fn decode(b: &[u8], safe: bool, ext: &mut ExtTable, code: Option<&CodeServer>) -> Result<Option<(Term, usize)>, ()> {
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
            112 => {
                // NEW_FUN_EXT: Size, Arity, Uniq (MD5), Index, NumFree, then 4 + NumFree terms
                let (Some(_size), Some(arity)) = (r.u32(), r.u8()) else { return Ok(None) };
                let Some(md5) = r.take(16).and_then(|s| <[u8; 16]>::try_from(s).ok()) else { return Ok(None) };
                let (Some(index), Some(nfree)) = (r.u32(), r.u32()) else { return Ok(None) };
                let (Ok(index), Some(nfree)) = (u32::try_from(index), r.count(nfree, 1)) else { return Ok(None) };
                stack.push(Open::NewFun { arity: arity as u32, md5, index, nfree, items: Vec::with_capacity(nfree.saturating_add(4)) });
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
                Open::NewFun { arity, md5, index, items, .. } => match new_fun(code, arity, md5, index, items) {
                    Some(f) => f,
                    None => return Ok(None),
                },
            };
        }
    }
}

fn binary_to_term(ext: &mut ExtTable, code: &CodeServer, args: &[Term], opts: &Term) -> R {
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
    match decode(b.as_slice(), safe, ext, Some(code)) {
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
    ("binary_to_term", 1, |ctx, a| binary_to_term(&mut ctx.vm.ext, &ctx.vm.code, a, &Term::Nil)),
    ("binary_to_term", 2, |ctx, a| {
        let opts = a[1].clone();
        binary_to_term(&mut ctx.vm.ext, &ctx.vm.code, a, &opts)
    }),
];

#[cfg(test)]
mod tests {
    use super::*;
    fn rt(t: Term) {
        let b = encode(&t, &ExtTable::default()).unwrap();
        assert_eq!(decode(&b, false, &mut ExtTable::default(), None).unwrap().unwrap().0, t);
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
        assert!(decode(&[131, 108, 255, 255, 255, 255, 106], false, &mut ExtTable::default(), None).unwrap().is_none());
        assert!(decode(&[131, 116, 255, 255, 255, 255], false, &mut ExtTable::default(), None).unwrap().is_none());
        assert!(decode(&[131, 109, 0, 0, 0, 9, 1], false, &mut ExtTable::default(), None).unwrap().is_none());
        assert!(decode(&[131], false, &mut ExtTable::default(), None).unwrap().is_none());
        assert!(decode(&[131, 119, 12, b'n', b'o', b'_', b's', b'u', b'c', b'h', b'_', b'a', b't', b'o', b'm'], true, &mut ExtTable::default(), None).is_err());
        // a million nested one-tuples decode without the Rust stack
        let mut b = vec![131];
        for _ in 0..1_000_000 {
            b.extend_from_slice(&[104, 1]);
        }
        b.push(106);
        let (t, n) = decode(&b, false, &mut ExtTable::default(), None).unwrap().unwrap();
        assert_eq!(n, b.len());
        assert_eq!(encode(&t, &ExtTable::default()).unwrap(), b);
    }

    /// What Elixir 1.14 / OTP 25 wrote for `term_to_binary(Foo.mk(3))`, `mk(k)` being
    /// `fn x -> x + k end` in a module `Foo` not loaded here: an opaque fun that prints as
    /// Elixir prints it where `Foo` is not loaded, and encodes back to the same bytes.
    #[test]
    fn another_nodes_fun_is_kept_opaque_and_encodes_back_unchanged() {
        let b: Vec<u8> = vec![
            131, 112, 0, 0, 0, 80, 1, 68, 249, 154, 242, 229, 94, 159, 246, 242, 173, 245, 169, 221, 173, 201, 84, 0, 0, 0, 0, 0, 0, 0, 1, 100, 0, 10, 69, 108, 105, 120, 105, 114, 46, 70, 111, 111, 97, 0, 98, 2, 39, 204,
            215, 88, 100, 0, 13, 110, 111, 110, 111, 100, 101, 64, 110, 111, 104, 111, 115, 116, 0, 0, 0, 96, 0, 0, 0, 0, 0, 0, 0, 0, 97, 3,
        ];
        let mut ext = ExtTable::default();
        let (t, n) = decode(&b, false, &mut ext, None).unwrap().unwrap();
        assert_eq!(n, b.len());
        assert_eq!(crate::value::inspect::inspect_default(&t), "#Function<0.36162775/1 in Foo>");
        assert_eq!(encode(&t, &ext).unwrap(), b);
        let (again, _) = decode(&b, false, &mut ext, None).unwrap().unwrap();
        assert_eq!(crate::value::compare(&t, &again, true), std::cmp::Ordering::Equal);
        // a free-variable count the input cannot hold is refused before allocating
        let mut bad = b[..27].to_vec();
        bad.extend_from_slice(&[255, 255, 255, 255]);
        assert!(decode(&bad, false, &mut ext, None).unwrap().is_none());
    }
}
