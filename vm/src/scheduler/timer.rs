//! Timers: a binary heap ordered by deadline (then creation order), with the payload in a side
//! table so a timer can be cancelled or read (`Process.cancel_timer/1`, `read_timer/1`).
use crate::value::{Pid, Term};
use ahash::AHashMap;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// What happens when a timer fires.
#[derive(Debug, Clone)]
pub enum TimerKind {
    /// The `after` of a `receive` in process `pid`; `token` must still match its active timer.
    Receive { pid: Pid, token: u64 },
    /// `Process.send_after/3`: send `msg` to `dest` (a pid or a registered name).
    SendAfter { dest: Term, msg: Term },
}

/// Cancelled entries are left in the heap (lazy deletion) and skipped when they reach the top;
/// once they are most of the heap it is rebuilt from the live timers, so a process that keeps
/// arming and cancelling timers (every `GenServer.call` has a 5 s one) cannot grow it without
/// bound.
#[derive(Default, Debug)]
pub struct Timers {
    heap: BinaryHeap<Reverse<(u64, u64)>>,
    data: AHashMap<u64, (u64, TimerKind)>,
    seq: u64,
    /// Heap entries whose timer was cancelled.
    stale: usize,
}

/// Below this many cancelled entries the heap is never rebuilt.
const COMPACT_MIN: usize = 1024;

impl Timers {
    /// Adds a timer firing at `at_us`; returns its id (never 0).
    pub fn add(&mut self, at_us: u64, kind: TimerKind) -> u64 {
        self.seq += 1;
        let id = self.seq;
        self.heap.push(Reverse((at_us, id)));
        self.data.insert(id, (at_us, kind));
        id
    }
    /// Adds a timer whose payload needs its own id (a receive timer's token).
    pub fn add_with(&mut self, at_us: u64, f: impl FnOnce(u64) -> TimerKind) -> u64 {
        self.seq += 1;
        let id = self.seq;
        self.heap.push(Reverse((at_us, id)));
        self.data.insert(id, (at_us, f(id)));
        id
    }
    /// Cancels a timer; returns its deadline if it was active.
    pub fn cancel(&mut self, id: u64) -> Option<u64> {
        let (at, _) = self.data.remove(&id)?;
        self.stale += 1;
        if self.stale >= COMPACT_MIN && self.stale * 2 > self.heap.len() {
            self.heap = self.data.iter().map(|(id, (at, _))| Reverse((*at, *id))).collect();
            self.stale = 0;
        }
        Some(at)
    }
    pub fn deadline(&self, id: u64) -> Option<u64> {
        self.data.get(&id).map(|(at, _)| *at)
    }
    /// The earliest active deadline.
    pub fn next_deadline(&mut self) -> Option<u64> {
        while let Some(Reverse((at, id))) = self.heap.peek().copied() {
            if self.data.contains_key(&id) {
                return Some(at);
            }
            self.heap.pop();
            self.stale = self.stale.saturating_sub(1);
        }
        None
    }
    /// Removes and returns the timers due at `now_us`, in order.
    pub fn pop_due(&mut self, now_us: u64) -> Vec<TimerKind> {
        let mut out = Vec::new();
        while let Some(Reverse((at, id))) = self.heap.peek().copied() {
            if at > now_us {
                break;
            }
            self.heap.pop();
            match self.data.remove(&id) {
                Some((_, k)) => out.push(k),
                None => self.stale = self.stale.saturating_sub(1),
            }
        }
        out
    }
    pub fn is_empty(&mut self) -> bool {
        self.next_deadline().is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recv(token: u64) -> TimerKind {
        TimerKind::Receive { pid: Pid::from_number(100), token }
    }

    #[test]
    fn cancelled_timers_do_not_pile_up_in_the_heap() {
        let mut t = Timers::default();
        let keep = t.add(5, recv(1));
        for i in 0..10 * COMPACT_MIN as u64 {
            let id = t.add(1_000_000 + i, recv(i));
            assert!(t.cancel(id).is_some());
        }
        assert!(t.heap.len() <= 2 * COMPACT_MIN + 1, "{}", t.heap.len());
        assert_eq!(t.next_deadline(), Some(5));
        assert_eq!(t.deadline(keep), Some(5));
        assert!(matches!(t.pop_due(5)[..], [TimerKind::Receive { token: 1, .. }]));
        assert!(t.is_empty());
    }

    #[test]
    fn timers_fire_in_deadline_then_creation_order() {
        let mut t = Timers::default();
        t.add(20, recv(1));
        t.add(10, recv(2));
        let c = t.add(10, recv(3));
        t.add(10, recv(4));
        t.cancel(c);
        let tokens: Vec<u64> = t.pop_due(20).into_iter().map(|k| match k {
            TimerKind::Receive { token, .. } => token,
            _ => 0,
        }).collect();
        assert_eq!(tokens, vec![2, 4, 1]);
    }
}
