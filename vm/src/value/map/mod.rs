//! Maps as the BEAM has them (OTP 25, erts/emulator/beam/erl_map.c): up to 32 keys a
//! *flatmap* (`flat.rs`: sorted keys beside values), above 32 a *hashmap* (`hamt.rs`: a hash
//! array mapped trie over OTP's own key hash, `hash.rs`), so that iteration, printing and
//! `Enum` give the order Elixir 1.14 on OTP 25 gives. A hashmap that shrinks to 32 keys
//! becomes a flatmap again, as `maps:remove/2` does on OTP 25.
//!
//! `MapT` is a value; a term holds it as `Term::Map(Rc<MapT>)`. Cloning a `MapT` copies at
//! most 32 values (flat) or the 16 root slots (trie); the rest is shared through `Rc`, never
//! `Arc`. Updates through `&mut MapT` are in place; [`MapT::put`] and friends take the
//! term's `Rc` and update in place when it is unique, or copy the path when it is shared
//! (the original map is unchanged).

pub mod flat;
pub mod hamt;
pub mod hash;
#[cfg(test)]
mod tests;

use flat::{Flat, LIMIT};

/// The most keys a flatmap holds (`MAP_SMALL_MAP_LIMIT` in OTP's erl_map.h).
pub const FLAT_LIMIT: usize = LIMIT;
use hamt::Hamt;
use hash::map_hash;
use crate::value::term::Term;
use std::rc::Rc;

#[derive(Clone, Debug)]
pub(crate) enum Repr {
    Flat(Flat),
    Hamt(Hamt),
}

/// A map from terms to terms, with `===` key equality (`1` and `1.0` are different keys;
/// `0.0` and `-0.0` are the same key, as on OTP 25).
#[derive(Clone, Debug)]
pub struct MapT(pub(crate) Repr);

impl Drop for MapT {
    /// Keys and values that are the last reference to a container are dropped through
    /// [`crate::value::drop::drop_terms`], and a hashmap's trie node by node, so maps nested a
    /// million deep never recurse on the Rust stack.
    fn drop(&mut self) {
        use crate::value::drop::{drop_nodes, drop_terms, needs_work_list};
        match &mut self.0 {
            Repr::Flat(f) => {
                if needs_work_list(&f.vals) {
                    drop_terms(std::mem::take(&mut f.vals));
                }
                if Rc::strong_count(&f.keys) == 1 && needs_work_list(&f.keys) {
                    if let Some(keys) = Rc::get_mut(&mut f.keys) {
                        drop_terms(std::mem::take(keys));
                    }
                }
            }
            Repr::Hamt(h) => drop_nodes(std::mem::take(&mut h.root.children)),
        }
    }
}

impl Default for MapT {
    fn default() -> MapT {
        MapT::new()
    }
}

/// The entries of a map in the BEAM's order: term order of the keys for a flatmap, the trie's
/// order for a hashmap.
pub enum Iter<'a> {
    Flat(std::iter::Zip<std::slice::Iter<'a, Term>, std::slice::Iter<'a, Term>>),
    Hamt(hamt::Iter<'a>),
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a Term, &'a Term);
    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Iter::Flat(it) => it.next(),
            Iter::Hamt(it) => it.next(),
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Iter::Flat(it) => it.size_hint(),
            Iter::Hamt(it) => it.size_hint(),
        }
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl MapT {
    /// The empty map `%{}`.
    pub fn new() -> MapT {
        MapT(Repr::Flat(Flat::default()))
    }

    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Flat(f) => f.len(),
            Repr::Hamt(h) => h.len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether this map is a hashmap (more than 32 keys).
    pub fn is_hashmap(&self) -> bool {
        matches!(self.0, Repr::Hamt(_))
    }

    /// The value under `key` (exact key equality).
    #[inline]
    pub fn get(&self, key: &Term) -> Option<&Term> {
        match &self.0 {
            Repr::Flat(f) => f.get(key),
            Repr::Hamt(h) => h.get(map_hash(key, 0), key),
        }
    }

    #[inline]
    pub fn contains_key(&self, key: &Term) -> bool {
        self.get(key).is_some()
    }

    /// Inserts or replaces in place; returns the previous value. A 33rd key turns a flatmap
    /// into a hashmap.
    /// A flatmap with the keys of `self` (shared, not copied) and `vals` in their order, as
    /// the BEAM builds a map literal from its literal key tuple. `None` when `self` is not a
    /// flatmap or `vals` has a different length.
    pub fn with_keys_of(&self, vals: Vec<Term>) -> Option<MapT> {
        match &self.0 {
            Repr::Flat(f) if f.keys.len() == vals.len() => Some(MapT(Repr::Flat(Flat { keys: f.keys.clone(), vals }))),
            _ => None,
        }
    }

    pub fn insert(&mut self, key: Term, val: Term) -> Option<Term> {
        match &mut self.0 {
            Repr::Flat(f) => match f.find(&key) {
                Ok(i) => Some(f.set(i, val)),
                Err(i) if f.len() < LIMIT => {
                    f.insert_at(i, key, val);
                    None
                }
                Err(_) => {
                    let f = std::mem::take(f);
                    let mut h = Hamt::default();
                    let keys = Rc::try_unwrap(f.keys).unwrap_or_else(|rc| (*rc).clone());
                    for (k, v) in keys.into_iter().zip(f.vals) {
                        h.insert(map_hash(&k, 0), k, v);
                    }
                    h.insert(map_hash(&key, 0), key, val);
                    self.0 = Repr::Hamt(h);
                    None
                }
            },
            Repr::Hamt(h) => h.insert(map_hash(&key, 0), key, val),
        }
    }

    /// Replaces the value of an existing key in place; `Err(val)` when the key is absent.
    pub fn update(&mut self, key: &Term, val: Term) -> Result<Term, Term> {
        match &mut self.0 {
            Repr::Flat(f) => match f.find(key) {
                Ok(i) => Ok(f.set(i, val)),
                Err(_) => Err(val),
            },
            Repr::Hamt(h) => {
                let hash = map_hash(key, 0);
                if h.get(hash, key).is_none() {
                    return Err(val);
                }
                Ok(h.insert(hash, key.clone(), val).unwrap_or(Term::Nil))
            }
        }
    }

    /// Removes `key` in place; returns its value. A hashmap left with 32 keys becomes a
    /// flatmap (OTP 25 `hashmap_delete`).
    pub fn remove(&mut self, key: &Term) -> Option<Term> {
        match &mut self.0 {
            Repr::Flat(f) => match f.find(key) {
                Ok(i) => Some(f.remove_at(i)),
                Err(_) => None,
            },
            Repr::Hamt(h) => {
                let v = h.remove(map_hash(key, 0), key)?;
                if h.len <= LIMIT {
                    let mut pairs: Vec<(Term, Term)> = h.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                    pairs.sort_by(|a, b| a.0.cmp(&b.0));
                    let (keys, vals): (Vec<Term>, Vec<Term>) = pairs.into_iter().unzip();
                    self.0 = Repr::Flat(Flat { keys: Rc::new(keys), vals });
                }
                Some(v)
            }
        }
    }

    /// Entries in the BEAM's iteration order (what `:maps.to_list/1` returns).
    #[inline]
    pub fn iter(&self) -> Iter<'_> {
        match &self.0 {
            Repr::Flat(f) => Iter::Flat(f.keys.iter().zip(f.vals.iter())),
            Repr::Hamt(h) => Iter::Hamt(h.iter()),
        }
    }

    pub fn keys(&self) -> impl Iterator<Item = &Term> + '_ {
        self.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &Term> + '_ {
        self.iter().map(|(_, v)| v)
    }

    /// Entries sorted by key in term order (for map comparison: `compare`).
    pub fn sorted(&self) -> Vec<(&Term, &Term)> {
        let mut e: Vec<(&Term, &Term)> = self.iter().collect();
        if self.is_hashmap() {
            e.sort_by(|a, b| a.0.cmp(b.0));
        }
        e
    }

    /// `Map.put` on a term's map: in place when `rc` is the only reference, else on a copy
    /// of the path (the shared original is unchanged).
    #[inline]
    pub fn put(rc: &mut Rc<MapT>, key: Term, val: Term) -> Option<Term> {
        Rc::make_mut(rc).insert(key, val)
    }

    /// `:maps.remove/2` on a term's map; copies nothing when the key is absent.
    pub fn delete(rc: &mut Rc<MapT>, key: &Term) -> Option<Term> {
        if !rc.contains_key(key) {
            return None;
        }
        Rc::make_mut(rc).remove(key)
    }
}

impl FromIterator<(Term, Term)> for MapT {
    /// Later pairs win, as in `:maps.from_list/1`.
    fn from_iter<I: IntoIterator<Item = (Term, Term)>>(iter: I) -> MapT {
        let mut m = MapT::new();
        for (k, v) in iter {
            m.insert(k, v);
        }
        m
    }
}

impl<'a> IntoIterator for &'a MapT {
    type Item = (&'a Term, &'a Term);
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}
