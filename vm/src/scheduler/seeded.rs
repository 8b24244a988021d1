//! Seeded scheduling: the scheduler of `retort run --sched-seed N`, `--record FILE`,
//! `--replay FILE` and of every run of `retort explore`.
//!
//! When [`Vm::sched`] is set, [`Vm::run`] runs its seeded instantiation of the run loop, which
//! asks [`Vm::seeded_next`] which process runs next and for how many reductions at most, and
//! tells [`Vm::seeded_ran`] how many it used. Without it, the plain instantiation runs: FIFO
//! run queue, [`REDUCTIONS_PER_SLICE`] per slice, no extra work.
//!
//! What stays as the BEAM guarantees: messages from one process to another arrive in the order
//! they were sent (a send is a push onto the receiver's mailbox, whatever runs next); only the
//! interleaving of processes changes. A process is preempted only where the plain scheduler may
//! preempt it (at a call or a receive step, when its budget runs out).
//!
//! Strategies (all driven by one xoshiro256++ stream seeded with the seed, so a seed names one
//! schedule exactly for a given program, in virtual time):
//! - [`Strategy::Fifo`]: the plain order and slice length (what `--record` records without a seed);
//! - [`Strategy::Random`]: a uniformly chosen runnable process, with a jittered budget;
//! - [`Strategy::Pct`]: probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi,
//!   Nagarakatte, "A Randomized Scheduler with Probabilistic Guarantees of Finding Bugs",
//!   ASPLOS 2010): each process gets a random priority when first seen, the highest-priority
//!   runnable process runs, and at `depth - 1` random steps (change points, drawn in
//!   `1..=horizon`) the process that ran last drops below every initial priority. A bug of
//!   depth `d` is found with probability at least `1 / (n * k^(d-1))` per run.
//!
//! Replay ([`SeededScheduler::replay`]) ignores the stream: each slice runs the recorded process
//! for the recorded budget, and the first decision that no longer applies (the process is not
//! runnable, or it used a different number of reductions) stops the run with an error naming it.

use super::{Vm, REDUCTIONS_PER_SLICE};
use crate::interp;
use crate::process::Status;
use crate::value::Pid;
use ahash::AHashMap;
use rand_core::{RngCore, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// How the seeded scheduler chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// The plain scheduler's choices (FIFO, full slices), made through the seeded loop so they
    /// can be recorded.
    Fifo,
    /// A uniformly random runnable process; a jittered budget per slice.
    Random,
    /// Priority change points (PCT): `depth - 1` change points among the first `horizon` steps
    /// (slices); jittered budgets as [`Strategy::Random`].
    Pct { depth: u32, horizon: u64 },
}

/// One slice of a schedule: process `pid` (its number, as `#PID<0.pid.0>` prints it) ran with a
/// budget of `budget` reductions and used `used` of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub pid: u32,
    pub budget: u32,
    pub used: u32,
}

/// The seeded scheduler's state, held by [`Vm::sched`].
pub struct SeededScheduler {
    /// The seed for the VM's `:rand` stream, applied (and cleared) at the first choice.
    rand_seed: Option<u64>,
    rng: Xoshiro256PlusPlus,
    strategy: Strategy,
    /// Slices started so far.
    step: u64,
    /// PCT: each process's priority (by pid number), the change points still ahead (sorted,
    /// with their index), and the process that ran the last slice.
    priorities: AHashMap<u32, u64>,
    change_points: Vec<u64>,
    next_change: usize,
    last: Option<u32>,
    /// The slice running now: (pid number, budget).
    running: Option<(u32, u32)>,
    /// `--record`: every decision, in order.
    recorded: Option<Vec<Decision>>,
    /// `--replay`: the decisions to follow.
    replay: Option<Vec<Decision>>,
    /// The divergence that stopped a replay, as printed.
    pub error: Option<String>,
}

impl SeededScheduler {
    /// A scheduler choosing by `strategy` from the stream seeded with `seed`. Its first choice
    /// also seeds the VM's `:rand` stream with `seed`, so the run is reproducible whole.
    pub fn new(seed: u64, strategy: Strategy) -> SeededScheduler {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        let mut change_points = Vec::new();
        if let Strategy::Pct { depth, horizon } = strategy {
            for _ in 1..depth.max(1) {
                change_points.push(1 + below(&mut rng, horizon.max(1)));
            }
            change_points.sort_unstable();
        }
        SeededScheduler {
            rand_seed: Some(seed),
            rng,
            strategy,
            step: 0,
            priorities: AHashMap::new(),
            change_points,
            next_change: 0,
            last: None,
            running: None,
            recorded: None,
            replay: None,
            error: None,
        }
    }

    /// A scheduler that follows `decisions`, recorded with `seed` (see [`super::record`] for
    /// the file).
    pub fn replay(seed: u64, decisions: Vec<Decision>) -> SeededScheduler {
        let mut s = SeededScheduler::new(seed, Strategy::Fifo);
        s.replay = Some(decisions);
        s
    }

    /// Starts recording every decision (read them with [`SeededScheduler::finish`]).
    pub fn record(&mut self) {
        self.recorded = Some(Vec::new());
    }

    /// Slices run so far.
    pub fn steps(&self) -> u64 {
        self.step
    }

    /// At the end of the run: the recorded decisions (empty when not recording), or, for a
    /// replay, an error when the run diverged or ended before the record did.
    pub fn finish(&mut self) -> Result<Vec<Decision>, String> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        if let Some(r) = &self.replay {
            if (self.step as usize) < r.len() {
                let d = r[self.step as usize];
                return Err(format!(
                    "diverged at decision {}: the run ended, but the record goes on with #PID<0.{}.0> for {} reductions ({} decisions left)",
                    self.step + 1,
                    d.pid,
                    d.budget,
                    r.len() - self.step as usize
                ));
            }
        }
        Ok(self.recorded.take().unwrap_or_default())
    }

    /// A budget for a slice: short slices often, so that preemption lands anywhere.
    fn budget(&mut self) -> u32 {
        let r = &mut self.rng;
        match below(r, 4) {
            0 => 1 + below(r, 16) as u32,
            1 => 1 + below(r, 256) as u32,
            _ => 1 + below(r, REDUCTIONS_PER_SLICE as u64) as u32,
        }
    }
}

/// A uniform integer in `0..n` (`n > 0`), by Lemire's multiply-shift (bias below 2^-32 for the
/// small `n` used here).
fn below(rng: &mut Xoshiro256PlusPlus, n: u64) -> u64 {
    ((rng.next_u64() as u128 * n as u128) >> 64) as u64
}

impl Vm {
    /// [`Vm::run`] with the choices of [`Vm::sched`]: the same steps as the plain loop there
    /// (keep the two in step), except that the next process and its budget come from
    /// [`Vm::seeded_next`] and each slice is reported to [`Vm::seeded_ran`]. Real-time timers
    /// are checked every slice rather than every 64th.
    #[inline(never)]
    pub(super) fn run_seeded(&mut self) -> i32 {
        use std::io::Write;
        loop {
            if let Some(code) = self.halt {
                let _ = self.out.flush();
                return code;
            }
            if !self.clock.virtual_time {
                self.fire_timers();
            }
            let Some((pid, budget)) = self.seeded_next() else {
                if self.halt.is_some() {
                    continue;
                }
                let _ = self.out.flush();
                if !self.wait_for_timers() {
                    if let Some(m) = self.main_pid {
                        if self.procs.contains(m) && !self.options.no_halt {
                            eprintln!("** (deadlock) the main process #PID<0.{}.0> waits in receive and no process can run or wake it", m.0);
                            return 1;
                        }
                    }
                    return 0;
                }
                continue;
            };
            let Some(mut p) = self.procs.take(pid) else { continue };
            self.current = Some(pid);
            let before = p.reductions;
            let outcome = interp::run_slice_for(self, &mut p, budget);
            self.current = None;
            self.seeded_ran(p.reductions - before);
            self.after_slice(p, before, outcome);
        }
    }

    /// Whether a run-queue entry names a live, runnable process.
    fn runnable(&self, pid: Pid) -> bool {
        self.procs.get(pid).is_some_and(|p| p.status == Status::Runnable)
    }

    /// The seeded run loop's choice: the next process to run and its budget, taken out of the
    /// run queue; `None` when nothing is runnable (the loop then waits for timers) or when a
    /// replay diverged (then [`Vm::halt`] is set).
    pub(super) fn seeded_next(&mut self) -> Option<(Pid, u32)> {
        let mut s = self.sched.take()?;
        if let Some(seed) = s.rand_seed.take() {
            crate::bif::math::seed_rand(&mut self.bif.rand, seed);
        }
        let next = match s.strategy {
            _ if s.replay.is_some() => self.replay_next(&mut s),
            Strategy::Fifo => loop {
                match self.run_queue.pop_front() {
                    None => break None,
                    Some(pid) if self.runnable(pid) => break Some((pid, REDUCTIONS_PER_SLICE)),
                    Some(_) => {}
                }
            },
            Strategy::Random => loop {
                if self.run_queue.is_empty() {
                    break None;
                }
                let i = below(&mut s.rng, self.run_queue.len() as u64) as usize;
                let Some(pid) = self.run_queue.swap_remove_back(i) else { break None };
                if self.runnable(pid) {
                    break Some((pid, s.budget()));
                }
            },
            Strategy::Pct { depth, .. } => self.pct_next(&mut s, depth),
        };
        if let Some((pid, budget)) = next {
            s.running = Some((pid.0, budget));
        }
        self.sched = Some(s);
        next
    }

    fn pct_next(&mut self, s: &mut SeededScheduler, depth: u32) -> Option<(Pid, u32)> {
        let depth = depth.max(1) as u64;
        // Change points passed: the process that ran last drops below every initial priority.
        while s.next_change < s.change_points.len() && s.change_points[s.next_change] <= s.step {
            if let Some(last) = s.last {
                s.priorities.insert(last, depth - 1 - s.next_change as u64);
            }
            s.next_change += 1;
        }
        let procs = &self.procs;
        self.run_queue.retain(|&pid| procs.get(pid).is_some_and(|p| p.status == Status::Runnable));
        let mut best: Option<(usize, u64)> = None;
        for (i, pid) in self.run_queue.iter().enumerate() {
            let rng = &mut s.rng;
            let prio = *s.priorities.entry(pid.0).or_insert_with(|| depth + (rng.next_u32() as u64));
            if best.is_none_or(|(_, b)| prio > b) {
                best = Some((i, prio));
            }
        }
        let (i, _) = best?;
        let pid = self.run_queue.remove(i)?;
        Some((pid, s.budget()))
    }

    fn replay_next(&mut self, s: &mut SeededScheduler) -> Option<(Pid, u32)> {
        let k = s.step as usize;
        let decisions = s.replay.as_ref()?;
        let runnable: Vec<Pid> = self.run_queue.iter().copied().filter(|&p| self.runnable(p)).collect();
        if runnable.is_empty() {
            // Waiting for a timer (or the end): the loop decides.
            return None;
        }
        let names = || {
            let mut v: Vec<u32> = runnable.iter().map(|p| p.0).collect();
            v.sort_unstable();
            v.dedup();
            v.iter().map(|n| format!("#PID<0.{n}.0>")).collect::<Vec<_>>().join(", ")
        };
        let Some(&d) = decisions.get(k) else {
            let msg = format!("diverged at decision {}: the record has ended, but processes can still run ({})", k + 1, names());
            self.diverge(s, msg);
            return None;
        };
        match self.run_queue.iter().position(|&p| p.0 == d.pid && self.runnable(p)) {
            Some(i) => self.run_queue.remove(i).map(|pid| (pid, d.budget)),
            None => {
                let msg = format!(
                    "diverged at decision {}: the record runs #PID<0.{}.0> for {} reductions, but that process is not runnable (runnable: {})",
                    k + 1,
                    d.pid,
                    d.budget,
                    names()
                );
                self.diverge(s, msg);
                None
            }
        }
    }

    fn diverge(&mut self, s: &mut SeededScheduler, msg: String) {
        use std::io::Write;
        let _ = self.out.flush();
        eprintln!("** (replay) {msg}");
        s.error = Some(msg);
        self.halt = Some(1);
    }

    /// After a slice chosen by [`Vm::seeded_next`]: it used `used` reductions.
    pub(super) fn seeded_ran(&mut self, used: u64) {
        let Some(mut s) = self.sched.take() else { return };
        if let Some((pid, budget)) = s.running.take() {
            let d = Decision { pid, budget, used: used.min(u32::MAX as u64) as u32 };
            if let Some(r) = &mut s.recorded {
                r.push(d);
            }
            if let Some(expected) = s.replay.as_ref().and_then(|r| r.get(s.step as usize)).copied() {
                if expected.used != d.used {
                    let msg = format!(
                        "diverged at decision {}: #PID<0.{}.0> used {} reductions of its {}, the record says {}",
                        s.step + 1,
                        pid,
                        d.used,
                        budget,
                        expected.used
                    );
                    self.diverge(&mut s, msg);
                }
            }
            s.last = Some(pid);
            s.step += 1;
        }
        self.sched = Some(s);
    }
}
