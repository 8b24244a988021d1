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

/// A local fun that `p` holds (in its registers, its mailbox or its dictionary, at any depth,
/// captured environments included) created by `inst`, or None. Holding one does not make a
/// process run `inst` (R7, R10: a purge does not kill it, the fun raises `BadFunctionError`
/// when called afterwards); `retort upgrade --dry-run` reports such processes. Each shared
/// block is visited once; an explicit stack, never recursion.
pub fn held_fun(p: &Process, inst: &std::rc::Rc<super::module::ModuleInstance>) -> Option<std::rc::Rc<crate::value::Fun>> {
    use crate::value::{Fun, Term};
    use std::rc::Rc;
    let mut seen: ahash::AHashSet<usize> = ahash::AHashSet::new();
    let mut stack: Vec<&Term> = p.regs.iter().chain(p.mailbox.iter()).collect();
    if let Some(ext) = &p.ext {
        for (k, v) in &ext.dict {
            stack.push(k);
            stack.push(v);
        }
    }
    // `true` the first time the block at `addr` is met.
    let mut first = |addr: usize| seen.insert(addr);
    while let Some(t) = stack.pop() {
        match t {
            Term::Cons(_) => {
                let mut cur = t;
                while let Term::Cons(c) = cur {
                    if !first(crate::value::cons::ConsRc::as_ptr(c) as usize) {
                        break;
                    }
                    stack.push(&c.head);
                    cur = &c.tail;
                }
                if !matches!(cur, Term::Cons(_)) {
                    stack.push(cur);
                }
            }
            Term::Tuple(tu) => {
                if !tu.is_empty() && first(tu.as_ptr() as usize) {
                    stack.extend(tu.iter());
                }
            }
            Term::Map(m) => {
                if first(Rc::as_ptr(m) as usize) {
                    for (k, v) in m.iter() {
                        stack.push(k);
                        stack.push(v);
                    }
                }
            }
            Term::Fun(f) => {
                if !first(Rc::as_ptr(f) as usize) {
                    continue;
                }
                if let Fun::Local { instance, env, .. } = &**f {
                    if Rc::ptr_eq(instance, inst) {
                        return Some(f.clone());
                    }
                    stack.extend(env.iter());
                }
            }
            Term::Int(_) | Term::Float(_) | Term::Atom(_) | Term::Nil | Term::Pid(_) | Term::Ref(_) | Term::Big(_) | Term::Binary(_) => {}
        }
    }
    None
}
