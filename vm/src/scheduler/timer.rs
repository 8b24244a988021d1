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

#[derive(Default, Debug)]
pub struct Timers {
    heap: BinaryHeap<Reverse<(u64, u64)>>,
    data: AHashMap<u64, (u64, TimerKind)>,
    seq: u64,
}

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
        self.data.remove(&id).map(|(at, _)| at)
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
            if let Some((_, k)) = self.data.remove(&id) {
                out.push(k);
            }
        }
        out
    }
    pub fn is_empty(&mut self) -> bool {
        self.next_deadline().is_none()
    }
}
