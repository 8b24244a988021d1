//! Running a VM a bounded amount, for embedders (see `crate::embed`): [`Vm::run_for`] runs
//! slices until a reduction budget is spent or nothing can run now, and
//! [`Vm::wait_next_timer`] lets time pass to the next timer. The CLI's [`Vm::run`] is untouched.

use super::Vm;

/// Why [`Vm::run_for`] returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunOutcome {
    /// No process can run now. `timers` is whether a timer (a `receive ... after`, a
    /// `Process.send_after`, a sleep) is pending: [`Vm::wait_next_timer`] then lets it fire.
    Idle { timers: bool },
    /// The reduction budget was spent; processes are still runnable.
    Budget,
    /// `System.halt/1` was called (the status), or the main process ended.
    Halted(i32),
}

impl Vm {
    /// Runs processes, a slice (at most 4000 reductions) at a time, until at least
    /// `max_reductions` reductions were executed by this call or no process is runnable.
    /// Timers already due fire; no time is waited for (see [`Vm::wait_next_timer`]). A seeded
    /// scheduler (`Vm::sched`) is not used here.
    pub fn run_for(&mut self, max_reductions: u64) -> RunOutcome {
        let start = self.total_reductions;
        loop {
            if let Some(code) = self.halt {
                let _ = std::io::Write::flush(&mut self.out);
                return RunOutcome::Halted(code);
            }
            if self.total_reductions.wrapping_sub(start) >= max_reductions {
                return RunOutcome::Budget;
            }
            if self.run_queue.is_empty() {
                self.fire_timers();
                if self.io.is_some() {
                    self.poll_io(Some(std::time::Duration::ZERO));
                }
            }
            let Some(pid) = self.run_queue.pop_front() else {
                let _ = std::io::Write::flush(&mut self.out);
                return RunOutcome::Idle { timers: self.timers.next_deadline().is_some() };
            };
            self.run_one(pid);
        }
    }

    /// Nothing is runnable: sleeps (real time) or jumps the clock (virtual time) to the next
    /// timer and fires it. Returns false when no timer is pending (nothing will ever wake).
    pub fn wait_next_timer(&mut self) -> bool {
        self.wait_for_timers()
    }
}
