//! This node's identity and the pids and references of other nodes as terms.
//!
//! Terms stay 16 bytes and the `Term` enum is unchanged: a pid of another node is a
//! `Term::Pid` whose number has [`EXT_PID_BIT`] set and indexes a per-thread table of
//! [`ExtPid`]s; a reference of another node is a `Term::Ref` with [`EXT_REF_BIT`] set, indexing
//! the table of [`ExtRef`]s. Both tables intern (the same node, numbers and creation give the
//! same index), so equality and hashing stay the plain comparison of the number, and an entry
//! lives as long as the thread (as the BEAM keeps a node-table entry while terms refer to it;
//! here never freed, like atoms).
//!
//! Follows OTP 25 `erl_node_tables.c` (one entry per node name and creation) and
//! `erl_printf_term.c` (an external pid prints `<C.N.S>`, C the "channel number", which the BEAM
//! takes from the node name's atom index: `dist_entry_channel_no`). Order follows `utils.c`
//! `erts_cmp`: pids and references of different nodes compare by node name, then creation,
//! then their numbers.

use crate::value::{Atom, Pid};
use std::cell::{Cell, RefCell};
use std::cmp::Ordering;
use std::collections::HashMap;

/// The bit of a pid's number that marks a pid of another node.
pub const EXT_PID_BIT: u32 = 1 << 31;
/// The bit of a `Term::Ref` that marks a reference of another node (bit 63 marks ports).
pub const EXT_REF_BIT: u64 = 1 << 62;

/// A pid of another node (NEW_PID_EXT's fields).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ExtPid {
    pub node: Atom,
    pub id: u32,
    pub serial: u32,
    pub creation: u32,
}

/// A reference of another node (NEWER_REFERENCE_EXT's fields: 1 to 5 words, opaque).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ExtRef {
    pub node: Atom,
    pub creation: u32,
    pub words: Vec<u32>,
}

#[derive(Default)]
struct Tables {
    pids: Vec<ExtPid>,
    pid_index: HashMap<ExtPid, u32>,
    refs: Vec<ExtRef>,
    ref_index: HashMap<ExtRef, u64>,
}

thread_local! {
    /// This node's name and creation; `nonode@nohost` and 0 while not distributed.
    static THIS: Cell<Option<(Atom, u32)>> = const { Cell::new(None) };
    static TABLES: RefCell<Tables> = RefCell::new(Tables::default());
}

/// This node's name (`nonode@nohost` while not distributed) and creation (0 then).
pub fn this_node() -> (Atom, u32) {
    THIS.with(|t| t.get()).unwrap_or_else(|| (Atom::intern("nonode@nohost"), 0))
}

/// Whether this node is distributed (`Node.alive?/0`).
pub fn alive() -> bool {
    THIS.with(|t| t.get()).is_some()
}

/// Sets (or, with None, clears) this node's name and creation.
pub fn set_this_node(v: Option<(Atom, u32)>) {
    THIS.with(|t| t.set(v));
}

/// Whether `p` is a pid of another node (or of an earlier incarnation of this one).
#[inline]
pub fn is_ext_pid(p: Pid) -> bool {
    p.0 & EXT_PID_BIT != 0
}

/// Whether the reference `r` belongs to another node.
#[inline]
pub fn is_ext_ref(r: u64) -> bool {
    r & EXT_REF_BIT != 0 && r & crate::io::tcp::PORT_BIT == 0
}

/// The pid for `e` (interned: the same fields give the same pid).
pub fn ext_pid(e: ExtPid) -> Pid {
    TABLES.with(|t| {
        let mut t = t.borrow_mut();
        if let Some(&i) = t.pid_index.get(&e) {
            return Pid(i | EXT_PID_BIT, Pid::NO_SLOT);
        }
        let i = t.pids.len() as u32 & !EXT_PID_BIT;
        t.pids.push(e.clone());
        t.pid_index.insert(e, i);
        Pid(i | EXT_PID_BIT, Pid::NO_SLOT)
    })
}

/// The fields of an external pid (None for a local pid).
pub fn pid_info(p: Pid) -> Option<ExtPid> {
    if !is_ext_pid(p) {
        return None;
    }
    TABLES.with(|t| t.borrow().pids.get((p.0 & !EXT_PID_BIT) as usize).cloned())
}

/// The `Term::Ref` payload for `e` (interned).
pub fn ext_ref(e: ExtRef) -> u64 {
    TABLES.with(|t| {
        let mut t = t.borrow_mut();
        if let Some(&i) = t.ref_index.get(&e) {
            return i | EXT_REF_BIT;
        }
        let i = t.refs.len() as u64;
        t.refs.push(e.clone());
        t.ref_index.insert(e, i);
        i | EXT_REF_BIT
    })
}

/// The fields of an external reference (None for a local one).
pub fn ref_info(r: u64) -> Option<ExtRef> {
    if !is_ext_ref(r) {
        return None;
    }
    TABLES.with(|t| t.borrow().refs.get((r & !EXT_REF_BIT) as usize).cloned())
}

/// A decoded pid: this node's own (same name and creation) becomes the local pid with that
/// number; any other (another node, or an earlier incarnation of this one) an external pid.
pub fn decode_pid(node: Atom, id: u32, serial: u32, creation: u32) -> Pid {
    let (me, my_creation) = this_node();
    if node == me && creation == my_creation && serial == 0 && id & EXT_PID_BIT == 0 {
        return Pid::from_number(id);
    }
    ext_pid(ExtPid { node, id, serial, creation })
}

/// A decoded reference: this node's own (2 words, or 3 with a zero third, as encoded by
/// [`ref_fields`]) becomes the local reference; any other an external one.
pub fn decode_ref(node: Atom, creation: u32, words: Vec<u32>) -> u64 {
    let (me, my_creation) = this_node();
    if node == me && creation == my_creation && (words.len() == 2 || (words.len() == 3 && words[2] == 0)) {
        let r = words[0] as u64 | (words[1] as u64) << 32;
        if r & (EXT_REF_BIT | crate::io::tcp::PORT_BIT) == 0 {
            return r;
        }
    }
    ext_ref(ExtRef { node, creation, words })
}

/// The NEW_PID_EXT fields of any pid: a local pid is this node's, number `n`, serial 0.
pub fn pid_fields(p: Pid) -> ExtPid {
    pid_info(p).unwrap_or_else(|| {
        let (node, creation) = this_node();
        ExtPid { node, id: p.0, serial: 0, creation }
    })
}

/// The NEWER_REFERENCE_EXT fields of any reference: a local one is this node's, with the two
/// 32-bit halves of its number as words (low first).
pub fn ref_fields(r: u64) -> ExtRef {
    ref_info(r).unwrap_or_else(|| {
        let (node, creation) = this_node();
        ExtRef { node, creation, words: vec![r as u32, (r >> 32) as u32] }
    })
}

/// The node a pid lives on.
pub fn pid_node(p: Pid) -> Atom {
    pid_info(p).map_or_else(|| this_node().0, |e| e.node)
}

/// The node a reference was made on.
pub fn ref_node(r: u64) -> Atom {
    ref_info(r).map_or_else(|| this_node().0, |e| e.node)
}

/// The "channel number" printed first in `#PID<C.N.S>`: 0 for this node, the node name's atom
/// index otherwise (as `dist_entry_channel_no` takes `atom_val(sysname)`).
fn channel(node: Atom) -> u32 {
    if node == this_node().0 { 0 } else { node.0 }
}

/// The text inside `#PID<...>` / `<...>`: `0.N.0` for a local pid, `C.N.S` for another node's.
pub fn pid_text(p: Pid) -> String {
    match pid_info(p) {
        Some(e) => format!("{}.{}.{}", channel(e.node), e.id, e.serial),
        None => format!("0.{}.0", p.0),
    }
}

/// The text inside `#Reference<...>`: `0.0.0.N` for a local reference, `C.wn...w0` (words
/// from the last) for another node's, as the BEAM prints them.
pub fn ref_text(r: u64) -> String {
    match ref_info(r) {
        Some(e) => {
            let mut s = channel(e.node).to_string();
            for w in e.words.iter().rev() {
                s.push('.');
                s.push_str(&w.to_string());
            }
            s
        }
        None => format!("0.0.0.{r}"),
    }
}

/// Orders two pids as the BEAM does: by node name (text), creation, then number and serial.
/// Local pids compare by number, the fast path.
pub fn cmp_pids(a: Pid, b: Pid) -> Ordering {
    if !is_ext_pid(a) && !is_ext_pid(b) {
        return a.0.cmp(&b.0);
    }
    let key = |p: Pid| match pid_info(p) {
        Some(e) => (e.node, e.creation, e.id, e.serial),
        None => {
            let (n, c) = this_node();
            (n, c, p.0, 0)
        }
    };
    let (x, y) = (key(a), key(b));
    x.0.name().cmp(y.0.name()).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)).then(x.3.cmp(&y.3))
}

/// Orders two references as the BEAM does: by node name, creation, then words from the most
/// significant.
pub fn cmp_refs(a: u64, b: u64) -> Ordering {
    if !is_ext_ref(a) && !is_ext_ref(b) {
        return a.cmp(&b);
    }
    let key = |r: u64| match ref_info(r) {
        Some(e) => (e.node, e.creation, e.words),
        None => {
            let (n, c) = this_node();
            (n, c, vec![r as u32, (r >> 32) as u32])
        }
    };
    let (x, y) = (key(a), key(b));
    x.0.name().cmp(y.0.name()).then(x.1.cmp(&y.1)).then_with(|| x.2.len().cmp(&y.2.len())).then_with(|| x.2.iter().rev().cmp(y.2.iter().rev()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interned_pids_compare_print_and_order() {
        let n = Atom::intern("beam@127.0.0.1");
        let a = ext_pid(ExtPid { node: n, id: 110, serial: 0, creation: 7 });
        let b = ext_pid(ExtPid { node: n, id: 110, serial: 0, creation: 7 });
        let c = ext_pid(ExtPid { node: n, id: 111, serial: 0, creation: 7 });
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!(is_ext_pid(a) && !is_ext_pid(Pid::from_number(5)));
        assert_eq!(pid_text(a), format!("{}.110.0", n.0));
        assert_eq!(cmp_pids(a, c), Ordering::Less);
        // "beam@..." sorts before "nonode@nohost": the remote pid is the smaller
        assert_eq!(cmp_pids(a, Pid::from_number(3)), Ordering::Less);
        let r = ext_ref(ExtRef { node: n, creation: 7, words: vec![1, 2, 3] });
        assert_eq!(ref_text(r), format!("{}.3.2.1", n.0));
        assert!(is_ext_ref(r) && !is_ext_ref(1001));
        assert_eq!(ref_node(r), n);
    }
}
