//! The hash of a map key, bit for bit OTP 25's `make_internal_hash(Key, Salt)` on a 64-bit
//! little-endian emulator (erts/emulator/beam/utils.c; `hashmap_make_hash` in erl_map.h uses
//! salt 0, and the key is rehashed with salt `level / 8` once the 32 bits are used up).
//!
//! Matching this hash (and the trie layout in `hamt.rs`) is what makes maps of more than 32
//! keys iterate, print and enumerate in the order Elixir 1.14 on OTP 25 gives.
//!
//! Immediates (small integers, atoms, `[]`, pids) are hashed as their 64-bit machine word, so
//! the order of integer, float, binary, big-integer, tuple, list and map keys matches the BEAM,
//! while atom and pid keys use retort's atom index and pid number in place of the BEAM's
//! (whose values depend on everything the BEAM loaded before). Equal terms (`===`) hash
//! equally: `0.0` and `-0.0` hash alike, as in OTP 25, where they are the same key.

use super::hamt::{Child, Node};
use super::Repr;
use crate::value::term::{Fun, Term};

/// Jenkins' golden-ratio constant (`HCONST`) and its multiples `HCONST * n mod 2^32`.
const HC: u32 = 0x9e37_79b9;
const HC4: u32 = 0x78dd_e6e4;
const HC7: u32 = 0x5384_540f;
const HC8: u32 = 0xf1bb_cdc8;
const HC9: u32 = 0x8ff3_4781;
const HC10: u32 = 0x2e2a_c13a;
const HC11: u32 = 0xcc62_3af3;
const HC12: u32 = 0x6a99_b4ac;
const HC13: u32 = 0x08d1_2e65;
const HC14: u32 = 0xa708_a81e;
const HC16: u32 = 0xe377_9b90;
const HC17: u32 = 0x81af_1549;
const HC18: u32 = 0x1fe6_8f02;
const HC22: u32 = 0x98c4_75e6;
/// `INTERNAL_HASH_SALT`: the start value, xor-ed with the salt.
const INTERNAL_SALT: u32 = 3_432_918_353;

/// Bob Jenkins' 96-bit mix (`MIX(a, b, c)`).
#[inline]
fn mix(a: u32, b: u32, c: u32) -> u32 {
    mix3(a, b, c).2
}

/// `UINT32_HASH_2(x, y, k)`.
#[inline]
fn h2(h: &mut u32, x: u32, y: u32, k: u32) {
    *h = mix(k.wrapping_add(x), k.wrapping_add(y), *h);
}

/// `CONST_HASH(k)`: light mixing of a type constant.
#[inline]
fn const_hash(h: &mut u32, k: u32) {
    *h ^= k;
    *h = h.rotate_left(17);
}

/// Jenkins' lookup2 block hash over `bytes` (`block_hash`), little-endian words.
fn block_hash(bytes: &[u8], init: u32) -> u32 {
    let word = |s: &[u8]| u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
    let (mut a, mut b, mut c) = (HC, HC, init);
    let mut rest = bytes;
    while rest.len() >= 12 {
        a = a.wrapping_add(word(&rest[0..4]));
        b = b.wrapping_add(word(&rest[4..8]));
        c = c.wrapping_add(word(&rest[8..12]));
        c = {
            // MIX updates all three; only c carries on, but a and b feed the next block.
            let (na, nb, nc) = mix3(a, b, c);
            a = na;
            b = nb;
            nc
        };
        rest = &rest[12..];
    }
    c = c.wrapping_add(bytes.len() as u32);
    let mut t = [0u8; 12];
    t[..rest.len()].copy_from_slice(rest);
    // The low byte of c is taken by the length.
    c = c.wrapping_add(((t[8] as u32) << 8) | ((t[9] as u32) << 16) | ((t[10] as u32) << 24));
    b = b.wrapping_add(word(&t[4..8]));
    a = a.wrapping_add(word(&t[0..4]));
    mix(a, b, c)
}

/// The full `MIX`, returning all three words (for the block loop).
#[inline]
fn mix3(mut a: u32, mut b: u32, mut c: u32) -> (u32, u32, u32) {
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 13);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 8);
    c = c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 13);
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 12);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 16);
    c = c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 5);
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 3);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 10);
    c = c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 15);
    (a, b, c)
}

/// The BEAM's small-integer range on a 64-bit machine (60-bit signed).
const SMALL_MIN: i64 = -(1 << 59);
const SMALL_MAX: i64 = (1 << 59) - 1;

/// The 64-bit machine word of an immediate term, as the BEAM tags it; `None` for boxed terms.
#[inline]
fn immediate(t: &Term) -> Option<u64> {
    match t {
        Term::Int(i) if (SMALL_MIN..=SMALL_MAX).contains(i) => Some(((*i as u64) << 4) | 0xF),
        Term::Atom(a) => Some(((a.0 as u64) << 6) | 0xB),
        Term::Nil => Some(0x3B),
        Term::Pid(p) => Some(((p.0 as u64) << 4) | 0x3),
        _ => None,
    }
}

/// Work items of the explicit stack (the C code's ESTACK).
enum W<'a> {
    T(&'a Term),
    /// A list cell `[head | tail]`; also a trie leaf inside an array node, which the BEAM
    /// stores as the cons cell `[K | V]`.
    Cell(&'a Term, &'a Term),
    Node(&'a Node),
    /// `HASH_CDR`: the improper (or `[]`) tail of a cell comes next.
    Cdr,
}

/// Pushes a trie node's children as the BEAM's map branch does: leaves as value then key,
/// sub-nodes whole; they are popped in reverse.
fn push_children<'a>(st: &mut Vec<W<'a>>, n: &'a Node) {
    for c in n.children.iter() {
        match c {
            Child::Leaf(l) => {
                st.push(W::T(&l.val));
                st.push(W::T(&l.key));
            }
            Child::Node(sub) => st.push(W::Node(sub)),
        }
    }
}

/// An element of an array node: a leaf is the cons cell `[K | V]`.
fn elem(c: &Child) -> W<'_> {
    match c {
        Child::Leaf(l) => W::Cell(&l.key, &l.val),
        Child::Node(s) => W::Node(s),
    }
}

/// OTP 25's `make_internal_hash(key, salt)`. Iterative (an explicit stack), so keys nested
/// a million deep do not touch the Rust stack.
pub fn map_hash(key: &Term, salt: u32) -> u32 {
    let mut h = salt ^ INTERNAL_SALT;
    if let Some(w) = immediate(key) {
        h2(&mut h, w as u32, (w >> 32) as u32, HC);
        return h;
    }
    let mut st: Vec<W> = Vec::new();
    let mut cur = W::T(key);
    loop {
        match cur {
            W::T(t) => {
                if let Some(w) = immediate(t) {
                    h2(&mut h, w as u32, (w >> 32) as u32, HC);
                } else {
                    match t {
                        Term::Int(i) => {
                            let con = if *i < 0 { HC10 } else { HC11 };
                            let m = i.unsigned_abs();
                            h2(&mut h, m as u32, (m >> 32) as u32, con);
                        }
                        Term::Big(b) => {
                            let con = if b.sign() == num_bigint::Sign::Minus { HC10 } else { HC11 };
                            for d in b.magnitude().iter_u64_digits() {
                                h2(&mut h, d as u32, (d >> 32) as u32, con);
                            }
                        }
                        Term::Float(f) => {
                            let bits = if *f == 0.0 { 0 } else { f.to_bits() };
                            h2(&mut h, bits as u32, (bits >> 32) as u32, HC12);
                        }
                        Term::Binary(b) => {
                            let con = HC13.wrapping_add(h);
                            let bytes = b.as_slice();
                            h = if bytes.is_empty() { con } else { block_hash(bytes, con) };
                        }
                        Term::Ref(r) => {
                            h2(&mut h, *r as u32, 0, HC7);
                            h2(&mut h, (*r >> 32) as u32, 0, HC8);
                        }
                        Term::Fun(f) => match &**f {
                            Fun::External { module, function, arity } => {
                                h2(&mut h, module.0, function.0, HC14);
                                h2(&mut h, *arity, 0, HC14);
                            }
                            // Local funs (ours or another node's) by what `compare` compares:
                            // module, index, uniq and the free variables.
                            local => {
                                if let Some((m, i, u, env)) = local.local_key() {
                                    h2(&mut h, env.len() as u32, m.0, HC14);
                                    h2(&mut h, i, u as u32, HC14);
                                    for it in env.iter().rev() {
                                        st.push(W::T(it));
                                    }
                                }
                            }
                        },
                        Term::Tuple(items) => {
                            h2(&mut h, items.len() as u32, 0, HC9);
                            if let Some((first, rest)) = items.split_first() {
                                for it in rest.iter().rev() {
                                    st.push(W::T(it));
                                }
                                cur = W::T(first);
                                continue;
                            }
                        }
                        Term::Cons(c) => {
                            cur = W::Cell(&c.head, &c.tail);
                            continue;
                        }
                        Term::Map(m) => {
                            h2(&mut h, m.len() as u32, 0, HC16);
                            match &m.0 {
                                Repr::Flat(f) => {
                                    for (k, v) in f.keys.iter().zip(f.vals.iter()).rev() {
                                        st.push(W::T(v));
                                        st.push(W::T(k));
                                    }
                                }
                                Repr::Hamt(t) => push_children(&mut st, &t.root),
                            }
                        }
                        // Immediates were handled above.
                        Term::Atom(_) | Term::Nil | Term::Pid(_) => {}
                    }
                }
            }
            W::Cell(head, tail) => {
                // Runs of bytes (small integers 0..=255) are packed four to a word.
                let (mut hd, mut tl) = (head, tail);
                let (mut c, mut sh) = (0u32, 0u32);
                let mut ended = false;
                while let Term::Int(b @ 0..=255) = hd {
                    sh = (sh << 8).wrapping_add(*b as u32);
                    if c == 3 {
                        h2(&mut h, sh, 0, HC4);
                        c = 0;
                        sh = 0;
                    } else {
                        c += 1;
                    }
                    match tl {
                        Term::Cons(n) => {
                            hd = &n.head;
                            tl = &n.tail;
                        }
                        _ => {
                            ended = true;
                            break;
                        }
                    }
                }
                if c > 0 {
                    h2(&mut h, sh, c, HC22);
                }
                if ended {
                    cur = W::T(tl);
                    continue;
                }
                const_hash(&mut h, HC17);
                st.push(W::T(tl));
                if !matches!(tl, Term::Cons(_)) {
                    st.push(W::Cdr);
                }
                cur = W::T(hd);
                continue;
            }
            W::Node(n) => {
                if n.is_array() {
                    // A full sub-node is a 16-tuple whose leaves are cons cells `[K | V]`.
                    h2(&mut h, 16, 0, HC9);
                    for c in n.children[1..].iter().rev() {
                        st.push(elem(c));
                    }
                    cur = elem(&n.children[0]);
                    continue;
                }
                push_children(&mut st, n);
            }
            W::Cdr => const_hash(&mut h, HC18),
        }
        match st.pop() {
            Some(w) => cur = w,
            None => return h,
        }
    }
}
