//! The clock: real (monotonic, from VM start) or virtual (jumps to the next timer when no
//! process can run, so timing programs finish at once and deterministically).
use std::time::Instant;

#[derive(Debug)]
pub struct Clock {
    pub virtual_time: bool,
    start: Instant,
    /// Virtual time in microseconds.
    virt_us: u64,
    /// Virtual mode: the wall clock (µs since the Unix epoch) when the VM started, rounded
    /// down to a whole second, so the virtual time of day is that second plus the virtual time.
    wall_start_us: u64,
}

impl Clock {
    pub fn new(virtual_time: bool) -> Clock {
        let wall = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_micros() as u64).unwrap_or(0);
        Clock { virtual_time, start: Instant::now(), virt_us: 0, wall_start_us: wall - wall % 1_000_000 }
    }
    /// The system (wall) time in microseconds since the Unix epoch: the real one, or in virtual
    /// mode the VM's start (a whole second) plus the virtual time, which is what `System.os_time`
    /// and the Logger's time of day read.
    pub fn system_us(&self) -> u64 {
        if self.virtual_time {
            self.wall_start_us + self.virt_us
        } else {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_micros() as u64).unwrap_or(0)
        }
    }
    /// Microseconds since the VM started (virtual or real).
    pub fn now_us(&self) -> u64 {
        if self.virtual_time {
            self.virt_us
        } else {
            self.start.elapsed().as_micros() as u64
        }
    }
    /// Milliseconds since the VM started.
    pub fn now_ms(&self) -> u64 {
        self.now_us() / 1000
    }
    /// Virtual mode: moves the clock forward to `us` (never backwards).
    pub fn advance_to_us(&mut self, us: u64) {
        if us > self.virt_us {
            self.virt_us = us;
        }
    }
}
