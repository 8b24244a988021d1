//! A process's mailbox: the message queue a `receive` scans from its save pointer.
//!
//! A vector with a head index rather than a ring buffer: a send is a plain `Vec::push`
//! (inlined, its growth out of line) and a receive of the oldest message takes it out and moves
//! the head on. When the last message is taken (the common case: a process handles what it
//! gets), the vector is emptied in place and the next message goes to its start again. The
//! taken slots before the head hold `[]`; a vector that is full while at least half of it is
//! taken slots drops them before it grows, so a queue that never drains stays bounded by twice
//! its live length.
//!
//! The BEAM keeps the message queue as a linked list with a save pointer (`erl_message.h`,
//! `msg.first`/`msg.save`); retort's messages are shared terms, so a slot is one term.

use crate::value::Term;

/// The message queue (see the module documentation). Indices are from the oldest message.
#[derive(Debug, Default)]
pub struct Mailbox {
    /// Slots `..head` were taken (hold `[]`); `head..` are the messages, oldest first.
    buf: Vec<Term>,
    head: usize,
}

impl Mailbox {
    pub const fn new() -> Mailbox {
        Mailbox { buf: Vec::new(), head: 0 }
    }

    /// Messages in the queue.
    #[inline]
    pub fn len(&self) -> usize {
        self.buf.len() - self.head
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.buf.len() == self.head
    }

    /// Slots allocated (for `Process.info(pid, :memory)`).
    pub fn capacity(&self) -> usize {
        self.buf.capacity()
    }

    /// Appends a message.
    #[inline]
    pub fn push_back(&mut self, m: Term) {
        if self.buf.len() == self.buf.capacity() && self.head > 0 && self.head * 2 >= self.buf.len() {
            self.compact();
        }
        self.buf.push(m);
    }

    /// Drops the taken slots before the head (all `[]`).
    #[cold]
    fn compact(&mut self) {
        self.buf.drain(..self.head);
        self.head = 0;
    }

    /// The message `i` places from the oldest.
    #[inline]
    pub fn get(&self, i: usize) -> Option<&Term> {
        self.buf.get(self.head.checked_add(i)?)
    }

    /// The oldest message.
    #[inline]
    pub fn front(&self) -> Option<&Term> {
        self.get(0)
    }

    /// Takes the oldest message out.
    #[inline]
    pub fn pop_front(&mut self) -> Option<Term> {
        let slot = self.buf.get_mut(self.head)?;
        let m = std::mem::take(slot);
        self.head += 1;
        if self.head == self.buf.len() {
            self.clear_taken();
        }
        Some(m)
    }

    /// Every slot is a taken one (`[]`): empties the vector, keeping its capacity.
    #[inline]
    fn clear_taken(&mut self) {
        debug_assert!(self.buf.iter().all(|t| matches!(t, Term::Nil)));
        // SAFETY: a length of 0 is within the capacity; the slots given up all hold `[]`
        // (every slot before the head was taken with `mem::take`), which owns nothing, so
        // not dropping them leaks nothing.
        unsafe { self.buf.set_len(0) };
        self.head = 0;
    }

    /// Takes the message `i` places from the oldest out; later ones move up.
    pub fn remove(&mut self, i: usize) -> Option<Term> {
        if i >= self.len() {
            return None;
        }
        if i == 0 {
            return self.pop_front();
        }
        Some(self.buf.remove(self.head + i))
    }

    /// The messages, oldest first.
    pub fn iter(&self) -> std::slice::Iter<'_, Term> {
        self.buf[self.head..].iter()
    }

    /// Takes every message out, oldest first, leaving the queue empty.
    pub fn drain_all(&mut self) -> impl Iterator<Item = Term> {
        let head = std::mem::take(&mut self.head);
        std::mem::take(&mut self.buf).into_iter().skip(head)
    }

    /// Keeps only the messages `keep` accepts, in order.
    pub fn retain(&mut self, keep: impl FnMut(&Term) -> bool) {
        self.compact();
        self.buf.retain(keep);
    }
}

impl Extend<Term> for Mailbox {
    fn extend<I: IntoIterator<Item = Term>>(&mut self, iter: I) {
        for m in iter {
            self.push_back(m);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(m: &Mailbox) -> Vec<i64> {
        m.iter().map(|t| if let Term::Int(i) = t { *i } else { -1 }).collect()
    }

    #[test]
    fn a_queue_in_order_with_removal_anywhere() {
        let mut m = Mailbox::new();
        assert!(m.is_empty() && m.pop_front().is_none() && m.front().is_none());
        m.extend((1..=5).map(Term::Int));
        assert_eq!(m.len(), 5);
        assert_eq!(m.pop_front(), Some(Term::Int(1)));
        assert_eq!(m.get(0), Some(&Term::Int(2)));
        assert_eq!(m.remove(2), Some(Term::Int(4)));
        assert_eq!(m.remove(3), None);
        assert_eq!(ints(&m), vec![2, 3, 5]);
        m.retain(|t| *t != Term::Int(3));
        assert_eq!(ints(&m), vec![2, 5]);
        assert_eq!(m.remove(0), Some(Term::Int(2)));
        assert_eq!(m.pop_front(), Some(Term::Int(5)));
        assert!(m.is_empty());
    }

    #[test]
    fn draining_reuses_the_buffer_from_its_start() {
        let mut m = Mailbox::new();
        let shared = Term::binary(b"msg".to_vec());
        for _ in 0..3 {
            m.push_back(shared.clone());
        }
        let cap = m.capacity();
        while m.pop_front().is_some() {}
        assert_eq!((m.buf.len(), m.head), (0, 0));
        // The taken slots held `[]`: the shared message is referenced only here again.
        let Term::Binary(b) = &shared else { unreachable!() };
        assert_eq!(std::rc::Rc::strong_count(b), 1);
        m.push_back(Term::Int(1));
        assert_eq!(m.capacity(), cap);
    }

    #[test]
    fn a_queue_that_never_drains_stays_bounded() {
        let mut m = Mailbox::new();
        m.push_back(Term::Int(0));
        for i in 1..100_000 {
            m.push_back(Term::Int(i));
            assert_eq!(m.pop_front(), Some(Term::Int(i - 1)));
        }
        assert_eq!(m.len(), 1);
        assert!(m.capacity() <= 8, "{}", m.capacity());
    }
}
