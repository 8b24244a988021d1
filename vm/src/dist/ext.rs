//! This node's identity and the pids and references of other nodes as terms.
//!
//! Terms stay 16 bytes and the `Term` enum is unchanged. A pid of another node is a
//! `Term::Pid` whose number has [`EXT_PID_BIT`] set; a reference of another node is a
//! `Term::Ref` with [`EXT_REF_BIT`] set (and neither the port nor the timer bit). The rest of
//! their bits is the address of an immutable, never-freed entry ([`PidEntry`], [`RefEntry`])
//! holding the fields and what printing and ordering need, so reading one needs no table and
//! no context (comparison, hashing and `inspect` run where no `Vm` is at hand). Interning is
//! per `Vm` ([`ExtTable`], `Vm::ext`): the same fields give the same entry, so equality is
//! the comparison of the address. Entries live as long as the OS process (as atoms do; the
//! BEAM keeps a node-table entry while terms refer to it), bounded by the distinct remote
//! pids and references a VM has seen.
//!
//! Follows OTP 25 `erl_node_tables.c` (one entry per node name and creation) and
//! `erl_printf_term.c` (an external pid prints `<C.N.S>`, C the "channel number", which the BEAM
//! takes from the node name's atom index: `dist_entry_channel_no`). Order follows `utils.c`
//! `erts_cmp`: pids and references of different nodes compare by node name, then creation,
//! then their numbers.

use crate::value::{Atom, Pid};
use std::cmp::Ordering;
use std::collections::HashMap;

/// The bit of a pid's number that marks a pid of another node. No other pid has it: the
/// process table's numbers wrap below it, `list_to_pid` and the decoder refuse it.
pub const EXT_PID_BIT: u32 = 1 << 31;
/// The bit of a `Term::Ref` that marks a reference of another node (bit 63 marks ports, bit 62
/// timers; local references are a counter far below).
pub const EXT_REF_BIT: u64 = 1 << 61;
/// The bit of a timer reference (`Process.send_after/3`, `bif/process.rs`).
pub const TIMER_BIT: u64 = 1 << 62;

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

/// An interned remote pid: its fields, and, fixed when it was interned (this node's name and
/// creation never change once terms exist), how (node, creation) compares with this node's
/// and the channel number it prints with.
#[derive(Debug)]
pub struct PidEntry {
    pub fields: ExtPid,
    vs_this: Ordering,
    channel: u32,
}

/// An interned remote reference (see [`PidEntry`]).
#[derive(Debug)]
pub struct RefEntry {
    pub fields: ExtRef,
    vs_this: Ordering,
    channel: u32,
}

/// A VM's view of the cluster's identities (`Vm::ext`): this node's name and creation, and the
/// remote pids and references it has interned.
#[derive(Default)]
pub struct ExtTable {
    this: Option<(Atom, u32)>,
    pids: HashMap<ExtPid, &'static PidEntry>,
    refs: HashMap<ExtRef, &'static RefEntry>,
}

fn rel(node: Atom, creation: u32, this: (Atom, u32)) -> Ordering {
    node.name().cmp(this.0.name()).then(creation.cmp(&this.1))
}

impl ExtTable {
    /// This node's name (`nonode@nohost` while not distributed) and creation (0 then).
    pub fn this_node(&self) -> (Atom, u32) {
        self.this.unwrap_or_else(|| (Atom::intern("nonode@nohost"), 0))
    }

    /// Whether this node is distributed (`Node.alive?/0`).
    pub fn alive(&self) -> bool {
        self.this.is_some()
    }

    /// Sets (or, with None, clears) this node's name and creation. Done before any term
    /// exists (`dist::start`); entries interned earlier keep the order they were given.
    pub fn set_this_node(&mut self, v: Option<(Atom, u32)>) {
        self.this = v;
    }

    /// The pid for `e` (interned: the same fields give the same pid).
    pub fn pid(&mut self, e: ExtPid) -> Pid {
        let this = self.this_node();
        let entry: &'static PidEntry = match self.pids.get(&e) {
            Some(x) => x,
            None => {
                let channel = if e.node == this.0 { 0 } else { e.node.0 };
                let x: &'static PidEntry = Box::leak(Box::new(PidEntry { vs_this: rel(e.node, e.creation, this), channel, fields: e.clone() }));
                self.pids.insert(e, x);
                x
            }
        };
        let addr = entry as *const PidEntry as u64;
        Pid(EXT_PID_BIT | (addr >> 32) as u32, addr as u32)
    }

    /// The `Term::Ref` payload for `e` (interned).
    pub fn reference(&mut self, e: ExtRef) -> u64 {
        let this = self.this_node();
        let entry: &'static RefEntry = match self.refs.get(&e) {
            Some(x) => x,
            None => {
                let channel = if e.node == this.0 { 0 } else { e.node.0 };
                let x: &'static RefEntry = Box::leak(Box::new(RefEntry { vs_this: rel(e.node, e.creation, this), channel, fields: e.clone() }));
                self.refs.insert(e, x);
                x
            }
        };
        let addr = entry as *const RefEntry as u64;
        // User-space addresses are below 2^57 on every 64-bit target Linux supports, so the
        // marker bits stay free.
        debug_assert!(addr < EXT_REF_BIT);
        EXT_REF_BIT | addr
    }

    /// A decoded pid: this node's own (same name and creation) becomes the local pid with that
    /// number; any other (another node, or an earlier incarnation of this one) an external pid.
    pub fn decode_pid(&mut self, node: Atom, id: u32, serial: u32, creation: u32) -> Pid {
        let (me, my_creation) = self.this_node();
        if node == me && creation == my_creation && serial == 0 && id & EXT_PID_BIT == 0 {
            return Pid::from_number(id);
        }
        self.pid(ExtPid { node, id, serial, creation })
    }

    /// A decoded reference: this node's own (2 words, or 3 with a zero third, as encoded by
    /// [`ExtTable::ref_fields`]) becomes the local (or timer) reference; any other an external
    /// one.
    pub fn decode_ref(&mut self, node: Atom, creation: u32, words: Vec<u32>) -> u64 {
        let (me, my_creation) = self.this_node();
        if node == me && creation == my_creation && (words.len() == 2 || (words.len() == 3 && words[2] == 0)) {
            let r = words[0] as u64 | (words[1] as u64) << 32;
            if r & (EXT_REF_BIT | crate::value::term::PORT_BIT) == 0 {
                return r;
            }
        }
        self.reference(ExtRef { node, creation, words })
    }

    /// The NEW_PID_EXT fields of any pid: a local pid is this node's, number `n`, serial 0.
    pub fn pid_fields(&self, p: Pid) -> ExtPid {
        pid_info(p).unwrap_or_else(|| {
            let (node, creation) = self.this_node();
            ExtPid { node, id: p.0, serial: 0, creation }
        })
    }

    /// The NEWER_REFERENCE_EXT fields of any reference: a local one is this node's, with the
    /// two 32-bit halves of its number as words (low first).
    pub fn ref_fields(&self, r: u64) -> ExtRef {
        ref_info(r).unwrap_or_else(|| {
            let (node, creation) = self.this_node();
            ExtRef { node, creation, words: vec![r as u32, (r >> 32) as u32] }
        })
    }

    /// The node a pid lives on.
    pub fn pid_node(&self, p: Pid) -> Atom {
        pid_info(p).map_or_else(|| self.this_node().0, |e| e.node)
    }

    /// The node a reference was made on.
    pub fn ref_node(&self, r: u64) -> Atom {
        ref_info(r).map_or_else(|| self.this_node().0, |e| e.node)
    }
}

/// Whether `p` is a pid of another node (or of an earlier incarnation of this one).
#[inline]
pub fn is_ext_pid(p: Pid) -> bool {
    p.0 & EXT_PID_BIT != 0
}

/// Whether the reference `r` belongs to another node.
#[inline]
pub fn is_ext_ref(r: u64) -> bool {
    r & EXT_REF_BIT != 0 && r & (crate::value::term::PORT_BIT | TIMER_BIT) == 0
}

fn pid_entry(p: Pid) -> Option<&'static PidEntry> {
    if !is_ext_pid(p) {
        return None;
    }
    let addr = ((p.0 & !EXT_PID_BIT) as u64) << 32 | p.1 as u64;
    // SAFETY: a pid with EXT_PID_BIT is made only by `ExtTable::pid`, from the address of a
    // leaked (never freed, never mutated) `PidEntry`: the process table's numbers wrap below
    // the bit (`process/table.rs`), `list_to_pid` and `decode_pid` refuse it, and the slot
    // half of such a pid is never rewritten (`ProcTable::resolve` finds no process with that
    // number). Tested by `tests::interned_pids_compare_print_and_order` and by
    // `tests/programs/list_to_pid_range.exs` (`list_to_pid(~c"<0.2147483648.0>")` refused).
    Some(unsafe { &*(addr as *const PidEntry) })
}

fn ref_entry(r: u64) -> Option<&'static RefEntry> {
    if !is_ext_ref(r) {
        return None;
    }
    // SAFETY: a reference with EXT_REF_BIT and neither the port nor the timer bit is made only
    // by `ExtTable::reference`, from the address of a leaked, immutable `RefEntry`: local
    // references count up from 1, timers and ports set their own high bit, and `decode_ref`
    // turns an own reference with the bit into an entry. Tested as the pids are.
    Some(unsafe { &*((r & !EXT_REF_BIT) as *const RefEntry) })
}

/// The fields of an external pid (None for a local pid).
pub fn pid_info(p: Pid) -> Option<ExtPid> {
    pid_entry(p).map(|e| e.fields.clone())
}

/// The fields of an external reference (None for a local one).
pub fn ref_info(r: u64) -> Option<ExtRef> {
    ref_entry(r).map(|e| e.fields.clone())
}

/// Whether two pids are the same: the number, and for a remote pid its entry.
#[inline]
pub fn pid_eq(a: Pid, b: Pid) -> bool {
    a.0 == b.0 && (a.0 & EXT_PID_BIT == 0 || a.1 == b.1)
}

/// The text inside `#PID<...>` / `<...>`: `0.N.0` for a local pid, `C.N.S` for another node's.
pub fn pid_text(p: Pid) -> String {
    match pid_entry(p) {
        Some(e) => format!("{}.{}.{}", e.channel, e.fields.id, e.fields.serial),
        None => format!("0.{}.0", p.0),
    }
}

/// The text inside `#Reference<...>`: `0.0.0.N` for a local reference, `C.wn...w0` (words
/// from the last) for another node's, as the BEAM prints them.
pub fn ref_text(r: u64) -> String {
    match ref_entry(r) {
        Some(e) => {
            let mut s = e.channel.to_string();
            for w in e.fields.words.iter().rev() {
                s.push('.');
                s.push_str(&w.to_string());
            }
            s
        }
        None => format!("0.0.0.{r}"),
    }
}

/// Orders two pids as the BEAM does: by node name (text), creation, then number and serial.
/// Local pids compare by number, the fast path; a local pid against a remote one uses how the
/// remote one's node compared with this node when it was interned.
pub fn cmp_pids(a: Pid, b: Pid) -> Ordering {
    match (pid_entry(a), pid_entry(b)) {
        (None, None) => a.0.cmp(&b.0),
        (Some(x), Some(y)) => {
            let (x, y) = (&x.fields, &y.fields);
            x.node.name().cmp(y.node.name()).then(x.creation.cmp(&y.creation)).then(x.id.cmp(&y.id)).then(x.serial.cmp(&y.serial))
        }
        (Some(x), None) => x.vs_this.then_with(|| (x.fields.id, x.fields.serial).cmp(&(b.0, 0))),
        (None, Some(y)) => y.vs_this.reverse().then_with(|| (a.0, 0).cmp(&(y.fields.id, y.fields.serial))),
    }
}

/// Orders two references as the BEAM does: by node name, creation, then words from the most
/// significant.
pub fn cmp_refs(a: u64, b: u64) -> Ordering {
    let words = |r: u64| vec![r as u32, (r >> 32) as u32];
    let by_words = |x: &[u32], y: &[u32]| x.len().cmp(&y.len()).then_with(|| x.iter().rev().cmp(y.iter().rev()));
    match (ref_entry(a), ref_entry(b)) {
        (None, None) => a.cmp(&b),
        (Some(x), Some(y)) => {
            let (x, y) = (&x.fields, &y.fields);
            x.node.name().cmp(y.node.name()).then(x.creation.cmp(&y.creation)).then_with(|| by_words(&x.words, &y.words))
        }
        (Some(x), None) => x.vs_this.then_with(|| by_words(&x.fields.words, &words(b))),
        (None, Some(y)) => y.vs_this.reverse().then_with(|| by_words(&words(a), &y.fields.words)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interned_pids_compare_print_and_order() {
        let mut t = ExtTable::default();
        let n = Atom::intern("beam@127.0.0.1");
        let a = t.pid(ExtPid { node: n, id: 110, serial: 0, creation: 7 });
        let b = t.pid(ExtPid { node: n, id: 110, serial: 0, creation: 7 });
        let c = t.pid(ExtPid { node: n, id: 111, serial: 0, creation: 7 });
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!(is_ext_pid(a) && !is_ext_pid(Pid::from_number(5)));
        assert_eq!(pid_text(a), format!("{}.110.0", n.0));
        assert_eq!(cmp_pids(a, c), Ordering::Less);
        // "beam@..." sorts before "nonode@nohost": the remote pid is the smaller
        assert_eq!(cmp_pids(a, Pid::from_number(3)), Ordering::Less);
        assert_eq!(cmp_pids(Pid::from_number(3), a), Ordering::Greater);
        assert_eq!(t.pid_fields(c).id, 111);
        let r = t.reference(ExtRef { node: n, creation: 7, words: vec![1, 2, 3] });
        assert_eq!(ref_text(r), format!("{}.3.2.1", n.0));
        assert!(is_ext_ref(r) && !is_ext_ref(1001) && !is_ext_ref(TIMER_BIT | 5));
        assert_eq!(t.ref_node(r), n);
        assert_eq!(r, t.reference(ExtRef { node: n, creation: 7, words: vec![1, 2, 3] }));
        assert_eq!(cmp_refs(r, 5), Ordering::Less);
    }

    #[test]
    fn this_node_pids_decode_local_and_sort_among_remote_ones() {
        let mut t = ExtTable::default();
        t.set_this_node(Some((Atom::intern("m@h"), 3)));
        assert_eq!(t.decode_pid(Atom::intern("m@h"), 42, 0, 3), Pid::from_number(42));
        // an earlier incarnation of this node is remote, and sorts before (creation 2 < 3)
        let old = t.decode_pid(Atom::intern("m@h"), 42, 0, 2);
        assert!(is_ext_pid(old));
        assert_eq!(pid_text(old), "0.42.0");
        assert_eq!(cmp_pids(old, Pid::from_number(1)), Ordering::Less);
        let z = t.decode_pid(Atom::intern("z@h"), 1, 0, 1);
        assert_eq!(cmp_pids(Pid::from_number(99), z), Ordering::Less);
        assert_eq!(t.decode_ref(Atom::intern("m@h"), 3, vec![9, 0]), 9);
        assert_eq!(t.decode_ref(Atom::intern("m@h"), 3, vec![5, 1 << 30]), TIMER_BIT | 5);
    }
}
