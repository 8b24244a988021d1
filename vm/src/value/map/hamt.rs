//! The hash array mapped trie for maps of more than 32 keys, laid out as OTP 25's hashmaps
//! (erts/emulator/beam/erl_map.c, erl_map.h): 16-way nodes indexed by 4 bits of the key's
//! hash per level (low bits first), a bitmap of the occupied slots, children in slot order;
//! a full node is the BEAM's array node. After 8 levels (32 bits) the key is rehashed with
//! salt `level / 8` (`hashmap_shift_hash`). Leaves sit at the shallowest level where their
//! hash prefix is unique; a removal collapses a sub-node left with one leaf, so the shape
//! depends only on the set of keys.
//!
//! Iteration (`:maps.to_list/1`, `:maps.keys/1`, Elixir's `Enum` and `inspect`) is the BEAM's
//! order: depth first, children from slot 15 down to slot 0.
//!
//! A node's children live in one `Rc<[Child]>` allocation, and the node's bitmap sits beside
//! that pointer in the parent's slot, so a lookup touches one allocation per level (the
//! BEAM's nodes are likewise one heap object each). Children are `Rc`-shared between
//! versions of a map: an update copies the path from the root (`Rc::make_mut`), which is an
//! in-place update when the map is uniquely owned; adding or removing a child builds the
//! node's new child array, moving the children out when the old array is not shared.

use super::hash::map_hash;
use crate::value::term::Term;
use std::rc::Rc;

/// Levels after which two keys whose hashes agree for every salt share a collision bucket
/// (a node with an empty bitmap holding leaves in a list). Never reached in practice: it
/// needs equal 32-bit hashes under 8 different salts.
const MAX_LEVEL: u32 = 64;

/// A key, its value, and the key's salt-0 hash.
#[derive(Clone, Debug)]
pub(crate) struct Leaf {
    pub hash: u32,
    pub key: Term,
    pub val: Term,
}

#[derive(Clone, Debug)]
pub(crate) enum Child {
    Leaf(Leaf),
    Node(Node),
}

/// A trie node: `children[i]` is the child in the i-th set bit of `bitmap`. A collision
/// bucket has an empty bitmap and only leaves. Cloning a node shares its children.
#[derive(Clone, Debug)]
pub(crate) struct Node {
    pub bitmap: u16,
    pub children: Rc<[Child]>,
}

impl Default for Node {
    fn default() -> Node {
        Node { bitmap: 0, children: Rc::from(Vec::new()) }
    }
}

/// The children of `rc` as a vector to edit: moved out when `rc` is the only reference,
/// cloned (sharing their sub-nodes) when it is shared.
fn take_children(rc: &mut Rc<[Child]>) -> Vec<Child> {
    match Rc::get_mut(rc) {
        Some(slice) => slice.iter_mut().map(|c| std::mem::replace(c, Child::Leaf(Leaf { hash: 0, key: Term::Nil, val: Term::Nil }))).collect(),
        None => rc.to_vec(),
    }
}

/// Replaces `rc`'s children with the same children and `new` inserted at index `p` (at most
/// their number), built in one allocation of the exact size: moved out when `rc` is the only
/// reference (the old block is then freed without dropping them), cloned when it is shared.
/// An insert used to collect them into a vector, grow it, copy that into a new slice and
/// drop the old one filled with placeholders.
fn insert_child(rc: &mut Rc<[Child]>, p: usize, new: Child) {
    let n = rc.len();
    let p = p.min(n);
    let fresh: Rc<[Child]> = match Rc::get_mut(rc) {
        Some(slice) => {
            let base = slice.as_mut_ptr();
            // SAFETY: `i < n`, inside the slice; each element is read exactly once, and the
            // old block is freed below without dropping them, so each child has one owner.
            let moved = |i: usize| unsafe { std::ptr::read(base.add(i)) };
            (0..p).map(moved).chain(std::iter::once(new)).chain((p..n).map(moved)).collect()
        }
        None => {
            let (before, after) = rc.split_at(p);
            *rc = before.iter().cloned().chain(std::iter::once(new)).chain(after.iter().cloned()).collect();
            return;
        }
    };
    let old = std::mem::replace(rc, fresh);
    // SAFETY: `old` was the only reference and its children were all moved out above.
    // `ManuallyDrop<Child>` has the layout of `Child`, so the block is the same slice seen
    // with elements that are not dropped; dropping it frees the block only.
    let old: Rc<[std::mem::ManuallyDrop<Child>]> = unsafe { Rc::from_raw(Rc::into_raw(old) as *const [std::mem::ManuallyDrop<Child>]) };
    drop(old);
}

impl Node {
    /// A full node (the BEAM's array node, a 16-tuple).
    pub fn is_array(&self) -> bool {
        self.bitmap == 0xffff
    }
}

/// The trie: the root node (the BEAM's head node) and the number of keys.
#[derive(Clone, Debug, Default)]
pub(crate) struct Hamt {
    pub root: Node,
    pub len: usize,
}

/// The slot of a key at `level`: 4 bits of its hash, rehashed every 8 levels.
#[inline]
fn slot(hash: u32, key: &Term, level: u32) -> u32 {
    if level < 8 {
        (hash >> (4 * level)) & 0xf
    } else {
        (map_hash(key, level >> 3) >> (4 * (level & 7))) & 0xf
    }
}

/// The position of `bit`'s child in a node's child vector.
#[inline]
fn pos(bitmap: u16, bit: u16) -> usize {
    (bitmap & bit.wrapping_sub(1)).count_ones() as usize
}

/// A sub-trie holding two leaves whose slots agree up to `level` (exclusive).
fn join(a: Leaf, b: Leaf, mut level: u32) -> Node {
    let mut chain: Vec<u32> = Vec::new();
    let mut bottom = loop {
        if level >= MAX_LEVEL {
            break Node { bitmap: 0, children: Rc::from(vec![Child::Leaf(a), Child::Leaf(b)]) };
        }
        let (sa, sb) = (slot(a.hash, &a.key, level), slot(b.hash, &b.key, level));
        if sa == sb {
            chain.push(sa);
            level += 1;
            continue;
        }
        let bitmap = (1u16 << sa) | (1u16 << sb);
        let children = if sa < sb { vec![Child::Leaf(a), Child::Leaf(b)] } else { vec![Child::Leaf(b), Child::Leaf(a)] };
        break Node { bitmap, children: Rc::from(children) };
    };
    for s in chain.into_iter().rev() {
        bottom = Node { bitmap: 1 << s, children: Rc::from(vec![Child::Node(bottom)]) };
    }
    bottom
}

impl Hamt {
    /// The value under `key` (`hash` is its salt-0 hash).
    pub fn get(&self, hash: u32, key: &Term) -> Option<&Term> {
        let mut node = &self.root;
        let mut level = 0;
        loop {
            if node.bitmap == 0 && level > 0 {
                return node.children.iter().find_map(|c| match c {
                    Child::Leaf(l) if l.key == *key => Some(&l.val),
                    _ => None,
                });
            }
            let bit = 1u16 << slot(hash, key, level);
            if node.bitmap & bit == 0 {
                return None;
            }
            match &node.children[pos(node.bitmap, bit)] {
                Child::Leaf(l) => return if l.hash == hash && l.key == *key { Some(&l.val) } else { None },
                Child::Node(n) => node = n,
            }
            level += 1;
        }
    }

    /// Inserts or replaces; returns the previous value. Copies shared nodes on the path.
    pub fn insert(&mut self, hash: u32, key: Term, val: Term) -> Option<Term> {
        let mut node = &mut self.root;
        let mut level = 0;
        loop {
            if level >= MAX_LEVEL {
                for c in Rc::make_mut(&mut node.children).iter_mut() {
                    if let Child::Leaf(l) = c {
                        if l.key == key {
                            return Some(std::mem::replace(&mut l.val, val));
                        }
                    }
                }
                let end = node.children.len();
                insert_child(&mut node.children, end, Child::Leaf(Leaf { hash, key, val }));
                self.len += 1;
                return None;
            }
            let bit = 1u16 << slot(hash, &key, level);
            let p = pos(node.bitmap, bit);
            if node.bitmap & bit == 0 {
                node.bitmap |= bit;
                insert_child(&mut node.children, p, Child::Leaf(Leaf { hash, key, val }));
                self.len += 1;
                return None;
            }
            let child = &mut Rc::make_mut(&mut node.children)[p];
            if let Child::Leaf(l) = child {
                if l.hash == hash && l.key == key {
                    // The BEAM writes a new leaf `[Key | Value]`: the new key replaces an
                    // equal one (visible only for -0.0 replacing 0.0 on OTP 25).
                    l.key = key;
                    return Some(std::mem::replace(&mut l.val, val));
                }
                let old = std::mem::replace(child, Child::Node(Node::default()));
                let Child::Leaf(old) = old else { unreachable!("just matched a leaf") };
                *child = Child::Node(join(old, Leaf { hash, key, val }, level + 1));
                self.len += 1;
                return None;
            }
            let Child::Node(n) = child else { unreachable!("not a leaf") };
            node = n;
            level += 1;
        }
    }

    /// Removes `key` if present; returns its value. Copies shared nodes only when the key is
    /// there.
    pub fn remove(&mut self, hash: u32, key: &Term) -> Option<Term> {
        self.get(hash, key)?;
        let v = remove_in(&mut self.root, hash, key, 0, true);
        if v.is_some() {
            self.len -= 1;
        }
        v
    }

    /// Entries in the BEAM's iteration order.
    pub fn iter(&self) -> Iter<'_> {
        Iter { stack: vec![self.root.children.iter()], len: self.len }
    }
}

/// Removes a key known to be present under `node` at `level`; a sub-node left with a single
/// leaf is replaced by that leaf in its parent. Recursion depth is bounded by `MAX_LEVEL`
/// (the trie's depth), not by the terms.
fn remove_in(node: &mut Node, hash: u32, key: &Term, level: u32, is_root: bool) -> Option<Term> {
    if node.bitmap == 0 && !is_root {
        let i = node.children.iter().position(|c| matches!(c, Child::Leaf(l) if l.key == *key))?;
        let mut v = take_children(&mut node.children);
        let Child::Leaf(l) = v.remove(i) else { return None };
        node.children = Rc::from(v);
        return Some(l.val);
    }
    let bit = 1u16 << slot(hash, key, level);
    if node.bitmap & bit == 0 {
        return None;
    }
    let p = pos(node.bitmap, bit);
    match &node.children[p] {
        Child::Leaf(l) => {
            if l.key != *key {
                return None;
            }
            node.bitmap &= !bit;
            let mut v = take_children(&mut node.children);
            let Child::Leaf(l) = v.remove(p) else { return None };
            node.children = Rc::from(v);
            Some(l.val)
        }
        Child::Node(_) => {
            let slot_ref = &mut Rc::make_mut(&mut node.children)[p];
            let Child::Node(sub) = slot_ref else { return None };
            let v = remove_in(sub, hash, key, level + 1, false);
            if sub.children.len() == 1 && matches!(sub.children[0], Child::Leaf(_)) {
                let leaf = take_children(&mut sub.children).pop();
                if let Some(leaf) = leaf {
                    *slot_ref = leaf;
                }
            }
            v
        }
    }
}

/// Depth-first iterator over a hashmap, children from the highest slot down (see the module doc).
pub struct Iter<'a> {
    stack: Vec<std::slice::Iter<'a, Child>>,
    len: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a Term, &'a Term);
    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let top = self.stack.last_mut()?;
            match top.next_back() {
                None => {
                    self.stack.pop();
                }
                Some(Child::Leaf(l)) => {
                    self.len -= 1;
                    return Some((&l.key, &l.val));
                }
                Some(Child::Node(n)) => self.stack.push(n.children.iter()),
            }
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.len, Some(self.len))
    }
}

impl ExactSizeIterator for Iter<'_> {}
