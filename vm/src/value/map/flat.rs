//! The flatmap: a map of up to 32 keys, as OTP 25 keeps it (erl_map.c `flatmap_t`): the keys
//! sorted in map-key order (`Term`'s `Ord`, the exact term order, every integer before every
//! float) in a vector shared by maps of the same key set, beside a vector of values.

use crate::value::term::Term;
use std::rc::Rc;

/// The most keys a flatmap holds (`MAP_SMALL_MAP_LIMIT`); one more makes a hashmap.
pub const LIMIT: usize = 32;

#[derive(Clone, Debug, Default)]
pub(crate) struct Flat {
    /// Sorted, no duplicates; shared (`Rc`) with the maps that differ only in values.
    pub keys: Rc<Vec<Term>>,
    pub vals: Vec<Term>,
}

impl Flat {
    /// The position of `key`, or where it would go.
    #[inline]
    pub fn find(&self, key: &Term) -> Result<usize, usize> {
        // Atoms and small integers are the common keys (struct fields, records): a present one
        // is found by a linear scan comparing identities, as OTP's flatmap lookup does; the
        // binary search's term order compares atoms by name. A miss (or any other key) takes
        // the binary search, which also gives the insertion point.
        let hit = match key {
            Term::Atom(a) => self.keys.iter().position(|k| matches!(k, Term::Atom(b) if b == a)),
            Term::Int(x) => self.keys.iter().position(|k| matches!(k, Term::Int(y) if y == x)),
            _ => None,
        };
        match hit {
            Some(i) => Ok(i),
            None => self.keys.binary_search(key),
        }
    }

    pub fn get(&self, key: &Term) -> Option<&Term> {
        self.find(key).ok().map(|i| &self.vals[i])
    }

    /// Replaces the value at `i`.
    #[inline]
    pub fn set(&mut self, i: usize, val: Term) -> Term {
        std::mem::replace(&mut self.vals[i], val)
    }

    /// Inserts a new key at its sorted position `i` (from [`Flat::find`]).
    pub fn insert_at(&mut self, i: usize, key: Term, val: Term) {
        Rc::make_mut(&mut self.keys).insert(i, key);
        self.vals.insert(i, val);
    }

    pub fn remove_at(&mut self, i: usize) -> Term {
        Rc::make_mut(&mut self.keys).remove(i);
        self.vals.remove(i)
    }

    pub fn len(&self) -> usize {
        self.vals.len()
    }
}
