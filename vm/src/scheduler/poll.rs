//! The scheduler's side of socket I/O: polling the sockets (`io/tcp.rs`) for readiness and
//! turning events into messages, closing the sockets of an ended process. Nothing here runs
//! until the first socket exists (`Vm::io` is None before).

use super::Vm;
use crate::value::{Pid, Term};
use std::time::Duration;

impl Vm {
    /// Polls the sockets for up to `timeout` (None: until an event) and delivers what the
    /// events cause (`{:retort_tcp_ready, s}` to waiters, active-mode messages to owners).
    pub fn poll_io(&mut self, timeout: Option<Duration>) -> usize {
        let distributed = self.dist.is_some();
        let Some(io) = self.io.as_deref_mut() else { return 0 };
        if io.armed == 0 && !distributed {
            return 0;
        }
        // While distributed the wait also ends when an I/O thread queues an event
        // (`Poller::notify`, dist/connection.rs).
        let out = io.poll(timeout);
        let mut n = out.len();
        for (to, msg) in out {
            self.send(to, msg);
        }
        if distributed {
            n += self.dist_pump();
        }
        n
    }

    /// Nothing is runnable and a process waits on a socket: poll until a socket is ready or
    /// the next timer is due (real time), then fire due timers. In virtual time the wait for
    /// the next timer is a real wait of the same length (a peer outside the VM may answer),
    /// after which the clock jumps to it. Returns true (something may run now).
    pub(super) fn wait_for_io(&mut self) -> bool {
        let now = self.clock.now_us();
        let timeout = self.timers.next_deadline().map(|at| Duration::from_micros(at.saturating_sub(now)));
        let got = self.poll_io(timeout);
        if got == 0 && self.clock.virtual_time {
            if let Some(at) = self.timers.next_deadline() {
                self.clock.advance_to_us(at);
            }
        }
        self.fire_timers();
        true
    }

    /// Closes every socket `pid` controls (it ended), as a port closes when its owner exits;
    /// a process waiting on one is woken and sees `{:error, :closed}`.
    pub(super) fn close_sockets_of(&mut self, pid: Pid) {
        let Some(io) = self.io.as_deref_mut() else { return };
        let mut woken = Vec::new();
        for id in io.owned_by(pid) {
            for w in io.remove(id) {
                woken.push((w, Term::tuple(vec![Term::atom("retort_tcp_ready"), Term::Ref(id | crate::value::term::PORT_BIT)])));
            }
        }
        for (w, m) in woken {
            self.send(w, m);
        }
    }
}
