//! Purging: find the processes that run old code (rule R7) and kill them (R16, R17), or
//! refuse (soft purge, R18).

use super::loader::display_name;
use crate::process::Process;
use crate::scheduler::Vm;
use crate::value::{Atom, Pid};

/// What a purge did.
#[derive(Debug, Default, Clone, Copy)]
pub struct PurgeResult {
    /// There was old code and it was removed.
    pub removed: bool,
    /// At least one process was killed.
    pub killed_any: bool,
    /// The running process (the caller) runs the old code: it must die with `:killed`.
    pub kill_current: bool,
}

/// Pids (in pid order) of the processes that run `m`'s old instance, and whether `current`
/// (the running process, not in the table) does.
fn victims(vm: &Vm, current: Option<&Process>, m: Atom) -> (Vec<Pid>, bool) {
    let Some(old) = vm.code.old(m) else { return (vec![], false) };
    let mut pids: Vec<Pid> = vm.procs.iter().filter(|p| p.runs_instance(old)).map(|p| p.pid).collect();
    pids.sort();
    let cur = current.map(|p| p.runs_instance(old)).unwrap_or(false);
    (pids, cur)
}

/// `code:purge/1` (R16): kills every process running the old instance (reason `:killed`,
/// no crash report), removes it, and reports whether anyone was killed. No old code: nothing
/// happens. The running process is not killed here: `kill_current` tells the caller to end it.
pub fn purge(vm: &mut Vm, current: Option<&Process>, m: Atom) -> PurgeResult {
    if vm.code.old(m).is_none() {
        return PurgeResult::default();
    }
    let (pids, cur) = victims(vm, current, m);
    if vm.code.trace && (!pids.is_empty() || cur) {
        let mut all: Vec<String> = pids.iter().map(|p| format!("#PID<0.{}.0>", p.0)).collect();
        if let (true, Some(c)) = (cur, current) {
            all.push(format!("#PID<0.{}.0>", c.pid.0));
        }
        eprintln!("[code] purge {} kills {}", display_name(m), all.join(", "));
    }
    for pid in &pids {
        vm.kill(*pid);
    }
    if let Some(old) = vm.code.modules.get_mut(&m).and_then(|e| e.old.take()) {
        old.purged.set(true);
    }
    vm.code.bump();
    if vm.code.trace {
        eprintln!("[code] purge {}: old code removed", display_name(m));
    }
    PurgeResult { removed: true, killed_any: !pids.is_empty() || cur, kill_current: cur }
}

/// `code:soft_purge/1` (R18): false (and nothing changes) when a process runs the old
/// instance; otherwise removes it and returns true.
pub fn soft_purge(vm: &mut Vm, current: Option<&Process>, m: Atom) -> bool {
    if vm.code.old(m).is_none() {
        return true;
    }
    let (pids, cur) = victims(vm, current, m);
    if !pids.is_empty() || cur {
        if vm.code.trace {
            eprintln!("[code] soft_purge {} refused: old code in use", display_name(m));
        }
        return false;
    }
    if let Some(old) = vm.code.modules.get_mut(&m).and_then(|e| e.old.take()) {
        old.purged.set(true);
    }
    vm.code.bump();
    true
}

/// `erlang:check_process_code/2` (R7): whether `pid` runs `m`'s old instance.
pub fn check_process_code(vm: &Vm, current: Option<&Process>, pid: Pid, m: Atom) -> bool {
    let Some(old) = vm.code.old(m) else { return false };
    if let Some(c) = current {
        if c.pid == pid {
            return c.runs_instance(old);
        }
    }
    vm.procs.get(pid).map(|p| p.runs_instance(old)).unwrap_or(false)
}
