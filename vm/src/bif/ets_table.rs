//! The storage behind `:ets` (Erlang's term storage, OTP 25): the VM's tables, one
//! [`EtsTables`] per VM, held in `Vm::bif` (never thread-local or global), so two VMs never see
//! each other's tables. The natives that read and write them are in `ets.rs`.
//!
//! A table keeps its objects (tuples) by key in a `BTreeMap`: an `ordered_set` compares keys
//! as `==` does (`1` and `1.0` are one key) and iterates in term order, as the BEAM's does; a
//! `set`, `bag` or `duplicate_bag` compares keys exactly (`===`) and also iterates in term
//! order, where the BEAM's hash tables iterate in hash order (programs that print a `set`
//! table's contents unsorted print them in another order than the BEAM). Objects are shared
//! terms: storing and reading clone a reference, as sending a message does.

use crate::value::{compare, Atom, Pid, Term};
use ahash::AHashMap;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::ops::Bound;

/// A table's type (`:ets.new/2`'s type option).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Set,
    OrderedSet,
    Bag,
    DuplicateBag,
}

impl Kind {
    /// The option's name (`:set`, `:ordered_set`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Set => "set",
            Kind::OrderedSet => "ordered_set",
            Kind::Bag => "bag",
            Kind::DuplicateBag => "duplicate_bag",
        }
    }
}

/// Who may read and write a table: `public` (every process), `protected` (every process reads,
/// the owner writes; the default) or `private` (only the owner).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Access {
    Public,
    Protected,
    Private,
}

impl Access {
    /// The option's name.
    pub fn name(self) -> &'static str {
        match self {
            Access::Public => "public",
            Access::Protected => "protected",
            Access::Private => "private",
        }
    }
}

/// A key in a table's map: compared exactly (`set`, `bag`, `duplicate_bag`) or numerically
/// (`ordered_set`); every key of a table has the same `exact`.
#[derive(Clone, Debug)]
pub struct Key {
    pub term: Term,
    pub exact: bool,
}

impl Ord for Key {
    fn cmp(&self, other: &Key) -> Ordering {
        match (&self.term, &other.term) {
            (Term::Int(a), Term::Int(b)) => a.cmp(b),
            (a, b) => compare(a, b, self.exact),
        }
    }
}
impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Key) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Key {}

/// One table: its options and its objects.
#[derive(Debug)]
pub struct Table {
    /// The reference number of its identifier (`#Reference<...>`).
    pub id: u64,
    /// Its name (the first argument of `new/2`, changed by `rename/2`).
    pub name: Atom,
    /// Created with `named_table`: the name identifies it.
    pub named: bool,
    pub kind: Kind,
    pub access: Access,
    /// The key's position in each object, 1-based (`{:keypos, n}`, default 1).
    pub keypos: usize,
    /// The owning process: the table is deleted when it ends.
    pub owner: Pid,
    /// Objects by key; a `set` or `ordered_set` holds one object per key, a bag any number
    /// (in insertion order). Never an empty vector.
    objects: BTreeMap<Key, Vec<Term>>,
    /// The number of objects.
    size: usize,
}

impl Table {
    /// A new empty table.
    pub fn new(id: u64, name: Atom, named: bool, kind: Kind, access: Access, keypos: usize, owner: Pid) -> Table {
        Table { id, name, named, kind, access, keypos, owner, objects: BTreeMap::new(), size: 0 }
    }

    /// What identifies it in programs: its name when named, else its reference.
    pub fn tid(&self) -> Term {
        if self.named {
            Term::Atom(self.name)
        } else {
            Term::Ref(self.id)
        }
    }

    /// The number of objects it holds.
    pub fn size(&self) -> usize {
        self.size
    }

    fn key(&self, t: &Term) -> Key {
        Key { term: t.clone(), exact: self.kind != Kind::OrderedSet }
    }

    /// The key of `obj`, a tuple of at least `keypos` elements (checked by the caller).
    pub fn key_of(&self, obj: &Term) -> Term {
        match obj {
            Term::Tuple(t) => t.get(self.keypos - 1).cloned().unwrap_or(Term::Nil),
            _ => Term::Nil,
        }
    }

    /// Stores `obj` (a tuple of at least `keypos` elements): replaces the object with its key
    /// in a set, adds it to a bag unless an identical object is there, always adds it to a
    /// duplicate bag (`ets:insert/2`).
    pub fn insert(&mut self, obj: Term) {
        let key = self.key(&self.key_of(&obj));
        match self.kind {
            Kind::Set | Kind::OrderedSet => {
                if self.objects.insert(key, vec![obj]).is_none() {
                    self.size += 1;
                }
            }
            Kind::Bag => {
                let v = self.objects.entry(key).or_default();
                if !v.iter().any(|o| *o == obj) {
                    v.push(obj);
                    self.size += 1;
                }
            }
            Kind::DuplicateBag => {
                self.objects.entry(key).or_default().push(obj);
                self.size += 1;
            }
        }
    }

    /// The objects with key `k`, in insertion order (empty when none).
    pub fn lookup(&self, k: &Term) -> &[Term] {
        self.objects.get(&self.key(k)).map(|v| v.as_slice()).unwrap_or(&[])
    }

    /// Replaces the one object of key `k` in a set (the caller checked it exists).
    pub fn replace(&mut self, k: &Term, obj: Term) {
        if let Some(v) = self.objects.get_mut(&self.key(k)) {
            *v = vec![obj];
        }
    }

    /// Whether it holds an object with key `k`.
    pub fn member(&self, k: &Term) -> bool {
        self.objects.contains_key(&self.key(k))
    }

    /// Removes and returns the objects with key `k`.
    pub fn take(&mut self, k: &Term) -> Vec<Term> {
        let v = self.objects.remove(&self.key(k)).unwrap_or_default();
        self.size -= v.len();
        v
    }

    /// Removes the objects identical to `obj` (`ets:delete_object/2`).
    pub fn delete_object(&mut self, obj: &Term) {
        let key = self.key(&self.key_of(obj));
        let Some(v) = self.objects.get_mut(&key) else { return };
        let before = v.len();
        v.retain(|o| o != obj);
        self.size -= before - v.len();
        if v.is_empty() {
            self.objects.remove(&key);
        }
    }

    /// Removes every object (the objects are dropped after the table lets go of them).
    pub fn clear(&mut self) -> BTreeMap<Key, Vec<Term>> {
        self.size = 0;
        std::mem::take(&mut self.objects)
    }

    /// Every object, in key order (a bag's objects of one key in insertion order).
    pub fn objects(&self) -> impl Iterator<Item = &Term> {
        self.objects.values().flatten()
    }

    /// The first key, or `None` when empty.
    pub fn first(&self) -> Option<Term> {
        self.objects.values().next().map(|v| self.key_of(&v[0]))
    }

    /// The last key of an ordered set (the first of other types, as the BEAM's `ets:last/1`).
    pub fn last(&self) -> Option<Term> {
        if self.kind != Kind::OrderedSet {
            return self.first();
        }
        self.objects.values().next_back().map(|v| self.key_of(&v[0]))
    }

    /// The key after `k`: `Err(())` when `k` is not in a table that is not an ordered set
    /// (an ordered set gives the next key in term order, present or not); `Ok(None)` at the end.
    pub fn next(&self, k: &Term) -> Result<Option<Term>, ()> {
        let key = self.key(k);
        if self.kind != Kind::OrderedSet && !self.objects.contains_key(&key) {
            return Err(());
        }
        Ok(self.objects.range((Bound::Excluded(key), Bound::Unbounded)).next().map(|(_, v)| self.key_of(&v[0])))
    }

    /// The key before `k` in an ordered set; [`Table::next`] for other types.
    pub fn prev(&self, k: &Term) -> Result<Option<Term>, ()> {
        if self.kind != Kind::OrderedSet {
            return self.next(k);
        }
        let key = self.key(k);
        Ok(self.objects.range((Bound::Unbounded, Bound::Excluded(key))).next_back().map(|(_, v)| self.key_of(&v[0])))
    }
}

/// Every table of one VM, by reference number, with the names of named tables.
#[derive(Default, Debug)]
pub struct EtsTables {
    tables: BTreeMap<u64, Table>,
    names: AHashMap<Atom, u64>,
}

impl EtsTables {
    /// No table exists (the scheduler's end-of-process check is then free).
    pub fn is_empty(&self) -> bool {
        self.tables.is_empty()
    }

    /// The reference number of the table `tid` names (its name atom or its reference).
    pub fn resolve(&self, tid: &Term) -> Option<u64> {
        match tid {
            Term::Atom(a) => self.names.get(a).copied(),
            Term::Ref(r) if self.tables.contains_key(r) => Some(*r),
            _ => None,
        }
    }

    /// Whether a named table called `name` exists.
    pub fn name_taken(&self, name: Atom) -> bool {
        self.names.contains_key(&name)
    }

    /// Adds a table (its name must be free when it is named).
    pub fn add(&mut self, t: Table) {
        if t.named {
            self.names.insert(t.name, t.id);
        }
        self.tables.insert(t.id, t);
    }

    pub fn get(&self, id: u64) -> Option<&Table> {
        self.tables.get(&id)
    }

    pub fn get_mut(&mut self, id: u64) -> Option<&mut Table> {
        self.tables.get_mut(&id)
    }

    /// Removes a table and its name; returns it so its objects are dropped by the caller.
    pub fn remove(&mut self, id: u64) -> Option<Table> {
        let t = self.tables.remove(&id)?;
        if t.named {
            self.names.remove(&t.name);
        }
        Some(t)
    }

    /// Renames a table (the caller checked a named table's new name is free).
    pub fn rename(&mut self, id: u64, name: Atom) {
        let Some(t) = self.tables.get_mut(&id) else { return };
        if t.named {
            self.names.remove(&t.name);
            self.names.insert(name, id);
        }
        t.name = name;
    }

    /// The identifiers of every table, oldest first (`ets:all/0`).
    pub fn all(&self) -> Vec<Term> {
        self.tables.values().map(|t| t.tid()).collect()
    }

    /// Deletes the tables `owner` owns, as the BEAM does when a process ends.
    pub fn drop_owned_by(&mut self, owner: Pid) {
        let ids: Vec<u64> = self.tables.values().filter(|t| t.owner == owner).map(|t| t.id).collect();
        for id in ids {
            self.remove(id);
        }
    }
}
