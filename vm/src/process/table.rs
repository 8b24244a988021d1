//! The process table: a slab of slots indexed by the slot number every [`Pid`] carries.
//!
//! Follows the idea of OTP 25's `erl_ptab.c`: a pid leads to its table entry without hashing,
//! freed entries are reused, and a lookup checks that the entry still belongs to the pid it
//! was asked for (a stale pid of a dead process never reaches the process that reuses its
//! slot: retort compares the pid number, which is never reused, where the BEAM compares a
//! serial). Unlike the BEAM's fixed-size table, the slab grows on demand.
//!
//! The running process is *taken* out of its slot for its time slice ([`ProcTable::take`]):
//! the slot stays reserved (the process is alive) but holds no process until it is put back
//! ([`ProcTable::put_back`]) or released on exit ([`ProcTable::release`]).

use super::Process;
use crate::value::Pid;

/// One entry of the slab: the number of the process that owns it (0 = free; numbers start
/// at 100) and the process itself (`None` while it runs, or when the slot is free).
#[derive(Debug, Default)]
struct Slot {
    number: u32,
    proc: Option<Box<Process>>,
}

/// The slab of live processes. See the module documentation.
#[derive(Debug)]
pub struct ProcTable {
    slots: Vec<Slot>,
    /// Free slot indices, reused last-freed first (its memory is the most likely cached).
    free: Vec<u32>,
    /// Live processes, the running one included.
    live: usize,
    /// The number the next new process gets (increasing, never reused).
    next_number: u32,
}

impl ProcTable {
    /// An empty table whose first process will be `#PID<0.first.0>` (`first` > 0).
    pub fn new(first: u32) -> ProcTable {
        ProcTable { slots: Vec::new(), free: Vec::new(), live: 0, next_number: first.max(1) }
    }

    /// The pid the next [`ProcTable::insert`] will return.
    pub fn next_pid(&self) -> Pid {
        let slot = self.free.last().copied().unwrap_or(self.slots.len() as u32);
        Pid(self.next_number, slot)
    }

    /// Adds the process `make(pid)` under a fresh pid (a new number; a free slot if there is
    /// one) and returns the pid.
    pub fn insert(&mut self, make: impl FnOnce(Pid) -> Process) -> Pid {
        let number = self.next_number;
        // After 2^31 - 1 processes the numbers wrap around (0 is never used), as the BEAM's
        // pid numbers do; a stale pid still cannot reach a new process unless both the number
        // and the slot match.
        // Numbers stay below bit 31, which marks the pids of other nodes (`dist/ext.rs`).
        self.next_number = if self.next_number + 1 >= crate::dist::ext::EXT_PID_BIT { 1 } else { self.next_number + 1 };
        let slot = match self.free.pop() {
            Some(s) => s,
            None => {
                self.slots.push(Slot::default());
                (self.slots.len() - 1) as u32
            }
        };
        let pid = Pid(number, slot);
        let s = &mut self.slots[slot as usize];
        s.number = number;
        s.proc = Some(Box::new(make(pid)));
        self.live += 1;
        pid
    }

    /// The slot of `pid` if that process is alive (running or not).
    #[inline]
    fn slot_of(&self, pid: Pid) -> Option<usize> {
        if pid.1 != Pid::NO_SLOT {
            let i = pid.1 as usize;
            return match self.slots.get(i) {
                Some(s) if s.number == pid.0 => Some(i),
                _ => None,
            };
        }
        // A pid rebuilt from its number (`:erlang.list_to_pid/1`): find its slot.
        if pid.0 == 0 {
            return None;
        }
        self.slots.iter().position(|s| s.number == pid.0)
    }

    /// `pid` with its slot filled in if the process is alive (for pids rebuilt from a number).
    pub fn resolve(&self, pid: Pid) -> Pid {
        match self.slot_of(pid) {
            Some(i) => Pid(pid.0, i as u32),
            None => pid,
        }
    }

    /// Whether `pid` is alive (the running process, taken out of its slot, counts).
    #[inline]
    pub fn contains(&self, pid: Pid) -> bool {
        self.slot_of(pid).is_some()
    }

    /// The process `pid`, unless it is dead or running.
    #[inline]
    pub fn get(&self, pid: Pid) -> Option<&Process> {
        let i = self.slot_of(pid)?;
        self.slots[i].proc.as_deref()
    }

    /// The process `pid`, unless it is dead or running.
    #[inline]
    pub fn get_mut(&mut self, pid: Pid) -> Option<&mut Process> {
        let i = self.slot_of(pid)?;
        self.slots[i].proc.as_deref_mut()
    }

    /// Takes `pid` out of its slot to run it; the slot stays reserved. `None` if it is dead or
    /// already taken.
    #[inline]
    pub fn take(&mut self, pid: Pid) -> Option<Box<Process>> {
        let i = self.slot_of(pid)?;
        self.slots[i].proc.take()
    }

    /// Puts a process taken by [`ProcTable::take`] back into its slot.
    #[inline]
    pub fn put_back(&mut self, p: Box<Process>) {
        let i = p.pid.1 as usize;
        debug_assert!(self.slots[i].number == p.pid.0 && self.slots[i].proc.is_none());
        self.slots[i].proc = Some(p);
    }

    /// Removes the process `pid` (it is ending) and frees its slot. `None`, and nothing
    /// changes, when it is dead or running (taken out: see [`ProcTable::release`]).
    pub fn remove(&mut self, pid: Pid) -> Option<Box<Process>> {
        let i = self.slot_of(pid)?;
        let p = self.slots[i].proc.take()?;
        self.free_slot(i);
        Some(p)
    }

    /// Frees the slot of a process that was taken out to run and has ended.
    pub fn release(&mut self, pid: Pid) {
        if let Some(i) = self.slot_of(pid) {
            debug_assert!(self.slots[i].proc.is_none());
            self.slots[i].proc = None;
            self.free_slot(i);
        }
    }

    fn free_slot(&mut self, i: usize) {
        self.slots[i].number = 0;
        self.free.push(i as u32);
        self.live -= 1;
    }

    /// The number of live processes (the running one included).
    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// The processes in their slots (not the running one), in slot order.
    pub fn iter(&self) -> impl Iterator<Item = &Process> {
        self.slots.iter().filter_map(|s| s.proc.as_deref())
    }

    /// Every live pid, the running process included, in slot order.
    pub fn pids(&self) -> impl Iterator<Item = Pid> + '_ {
        self.slots.iter().enumerate().filter(|(_, s)| s.number != 0).map(|(i, s)| Pid(s.number, i as u32))
    }

    /// Bytes the table itself holds for one process: its slot.
    pub const SLOT_BYTES: usize = std::mem::size_of::<Slot>();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_increase_and_slots_are_reused() {
        let mut t = ProcTable::new(100);
        let a = t.insert(Process::new);
        let b = t.insert(Process::new);
        assert_eq!((a.0, a.1, b.0, b.1), (100, 0, 101, 1));
        assert!(t.remove(a).is_some());
        let c = t.insert(Process::new);
        // The freed slot is reused, under a new, larger number.
        assert_eq!((c.0, c.1), (102, 0));
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn a_stale_pid_never_reaches_the_process_reusing_its_slot() {
        let mut t = ProcTable::new(100);
        let a = t.insert(Process::new);
        t.remove(a);
        let b = t.insert(Process::new);
        assert_eq!(a.1, b.1);
        assert!(!t.contains(a));
        assert!(t.get(a).is_none());
        assert!(t.get_mut(a).is_none());
        assert!(t.take(a).is_none());
        assert!(t.remove(a).is_none());
        assert_eq!(t.get(b).map(|p| p.pid), Some(b));
    }

    #[test]
    fn pids_rebuilt_from_numbers_find_their_slot() {
        let mut t = ProcTable::new(100);
        let _ = t.insert(Process::new);
        let b = t.insert(Process::new);
        let r = Pid::from_number(b.0);
        assert!(t.contains(r));
        assert_eq!(t.resolve(r).1, b.1);
        assert!(!t.contains(Pid::from_number(7)));
        assert!(!t.contains(Pid::from_number(0)));
    }

    #[test]
    fn a_taken_process_is_alive_but_not_in_its_slot() {
        let mut t = ProcTable::new(100);
        let a = t.insert(Process::new);
        let p = t.take(a).expect("present");
        assert!(t.contains(a));
        // Killing a running process this way does nothing (the scheduler ends it).
        assert!(t.remove(a).is_none());
        assert!(t.contains(a));
        assert!(t.get(a).is_none());
        assert!(t.take(a).is_none());
        assert_eq!(t.pids().collect::<Vec<_>>(), vec![a]);
        t.put_back(p);
        assert!(t.get(a).is_some());
        let p = t.take(a).expect("present");
        t.release(a);
        drop(p);
        assert!(!t.contains(a));
        assert!(t.is_empty());
    }
}
