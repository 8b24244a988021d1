//! Upgrade plans (`retort upgrade NAME --to DIR --dry-run`), computed on the node's thread
//! from the code server and the process table, after OTP's release handler for
//! `{update, Mod, {advanced, Extra}}` instructions (release_handler_1.erl, systools_rc.erl):
//!
//! - the modules to load: those of the new release whose MD5 differs from the loaded
//!   instance's (or that are not loaded), in the manifest's order;
//! - the processes to suspend: the special processes (those that answer `:sys` messages:
//!   a frame of `:sys` or of a module exporting `system_continue/3` on their stack) that run
//!   one of those modules: their callback module, the module of their recorded initial call,
//!   or a frame of its code on their stack. The callback module is read from the
//!   `$initial_call` the library records as proc_lib translates it: `{:supervisor, mod, 1}`
//!   for a Supervisor or DynamicSupervisor, `{mod, :init, 1}` for a process in GenServer's
//!   loop (an Agent records the function computing its state instead, as Elixir's does), and
//!   `{mod, _, _}` for a hand-written special process whose `mod` exports `system_continue/3`.
//!   Ordered by pid (the order they were started, so a supervisor's children in start order).
//!   OTP's release handler finds them through the supervisors' child specs instead;
//! - the steps: suspend every such process, load every module, `:sys.change_code/4` each
//!   process whose callback module changed, with that module's old `@vsn` and `[]` as extra
//!   (the others are only suspended and resumed, as OTP does for the processes of an
//!   `update`'s `DepMods`), resume them in reverse order, soft-purge the old code;
//! - which processes a hard purge of the replaced code would kill, and why: the innermost
//!   function of a replaced instance on each one's stack (hot-code rule R7: a frame or return
//!   address into the old code); and the processes that hold a fun of a replaced instance
//!   (which a purge does not kill, as in OTP 25, but whose fun raises `BadFunctionError` once
//!   the old code is purged).

use crate::release::{display, hex, Release};
use retort_vm::bif::Ctx;
use retort_vm::error::Trap;
use retort_vm::process::Process;
use retort_vm::value::{Atom, Pid, Term};
use retort_vm::Vm;
use std::path::Path;

/// One module of the plan: name (`Elixir.Mod`), its loaded vsn and MD5 (None: not loaded),
/// and the new ones.
pub struct ModuleChange {
    pub name: String,
    pub old: Option<(Term, [u8; 16])>,
    pub new_vsn: String,
    pub new_md5: [u8; 16],
}

/// A process to suspend and resume: pid, registered name, the changed module it runs, and
/// whether that module is its callback module (then `:sys.change_code/4` runs on it with
/// `old_vsn`, the module's loaded vsn).
pub struct ProcChange {
    pub pid: Pid,
    pub name: Option<Atom>,
    pub module: Atom,
    pub change: bool,
    pub old_vsn: Term,
}

/// A process a hard purge would kill: pid, registered name, and the `{module, function,
/// arity}` of the innermost frame of replaced code on its stack.
pub struct Victim {
    pub pid: Pid,
    pub name: Option<Atom>,
    pub running: (Atom, String, u32),
}

/// A process that holds a fun of replaced code (and runs none of it): pid, registered name,
/// the fun.
pub struct FunHolder {
    pub pid: Pid,
    pub name: Option<Atom>,
    pub fun: Term,
}

/// What an upgrade to a release would do.
pub struct Plan {
    pub dir: String,
    pub modules: Vec<ModuleChange>,
    pub procs: Vec<ProcChange>,
    pub victims: Vec<Victim>,
    pub holders: Vec<FunHolder>,
}

/// The `$initial_call` `{m, f, a}` the process recorded in its dictionary.
fn recorded_initial_call(p: &Process) -> Option<(Atom, Atom, i64)> {
    let key = Term::atom("$initial_call");
    let (_, v) = p.dict().iter().find(|(k, _)| *k == key)?;
    let Term::Tuple(t) = v else { return None };
    match (t.first()?, t.get(1)?, t.get(2)?) {
        (Term::Atom(m), Term::Atom(f), Term::Int(a)) if t.len() == 3 => Some((*m, *f, *a)),
        _ => None,
    }
}

fn exports_system_continue(vm: &Vm, m: Atom) -> bool {
    vm.code.current(m).is_some_and(|i| i.exports.contains_key(&(Atom::intern("system_continue"), 3)))
}

/// The module of the process's outermost frame: the loop it entered by tail calls (a special
/// process's loop: GenServer's, its own, or `:sys`'s suspended loop).
fn loop_module(p: &Process) -> Option<Atom> {
    p.frames.first().map(|fr| fr.inst().name)
}

/// Whether the process answers `:sys` messages: its outermost frame is in `:sys` (suspended)
/// or in a module that exports `system_continue/3` (GenServer's loop, a hand-written special
/// process). A process that merely calls into such a module (a GenServer's client) has its
/// own frame below.
fn is_special(p: &Process) -> bool {
    let Some(fr) = p.frames.first() else { return false };
    let inst = fr.inst();
    inst.name == Atom::intern("sys") || inst.exports.contains_key(&(Atom::intern("system_continue"), 3))
}

/// The callback module of a special process: the one whose `code_change` its
/// `system_code_change/4` calls (see the module documentation).
fn callback_module(vm: &Vm, p: &Process) -> Option<Atom> {
    let (m, f, a) = recorded_initial_call(p)?;
    if m.name() == "supervisor" && a == 1 {
        return Some(f);
    }
    let in_gen_server = loop_module(p).is_some_and(|l| l.name() == "Elixir.GenServer" || l.name() == "sys");
    if f.name() == "init" && a == 1 && in_gen_server {
        return Some(m);
    }
    exports_system_continue(vm, m).then_some(m)
}

/// Computes the plan for moving the node to `release`. `current` is the calling process (out
/// of the process table while it runs; never suspended itself).
pub fn compute(vm: &Vm, current: &Process, release: &Release) -> Plan {
    let mut modules = Vec::new();
    for m in &release.modules {
        let atom = Atom::intern(&m.name);
        let old = vm.code.current(atom).map(|i| (i.vsn(), i.md5));
        if old.as_ref().is_some_and(|(_, md5)| *md5 == m.md5) {
            continue;
        }
        modules.push(ModuleChange { name: m.name.clone(), old, new_vsn: m.vsn.clone(), new_md5: m.md5 });
    }
    let changed: Vec<Atom> = modules.iter().map(|m| Atom::intern(&m.name)).collect();
    let replaced: Vec<&std::rc::Rc<retort_vm::code::module::ModuleInstance>> = changed.iter().filter_map(|m| vm.code.current(*m)).collect();
    let mut procs = Vec::new();
    let mut victims = Vec::new();
    let mut holders = Vec::new();
    let mut all: Vec<&Process> = vm.procs.iter().collect();
    all.push(current);
    all.sort_by_key(|p| p.pid.0);
    for p in all {
        // The innermost frame of an instance that the upgrade replaces.
        let hit = p.frames.iter().rev().find(|fr| replaced.iter().any(|cur| fr.runs(cur)));
        if p.pid != current.pid && is_special(p) {
            let callback = callback_module(vm, p);
            let runs = callback
                .filter(|m| changed.contains(m))
                .map(|m| (m, true))
                .or_else(|| recorded_initial_call(p).map(|(m, _, _)| m).filter(|m| changed.contains(m)).map(|m| (m, false)))
                .or_else(|| hit.map(|fr| (fr.inst().name, false)));
            if let Some((m, change)) = runs {
                let old_vsn = vm.code.current(m).map(|i| i.vsn()).unwrap_or(Term::Nil);
                procs.push(ProcChange { pid: p.pid, name: p.registered(), module: m, change, old_vsn });
            }
        }
        if let Some(fr) = hit {
            let f = &fr.inst().image.functions[fr.func() as usize];
            victims.push(Victim { pid: p.pid, name: p.registered(), running: (fr.inst().name, f.name.clone(), f.arity) });
        } else if let Some(fun) = replaced.iter().find_map(|inst| retort_vm::code::purge::held_fun(p, inst)) {
            holders.push(FunHolder { pid: p.pid, name: p.registered(), fun: Term::Fun(fun) });
        }
    }
    Plan { dir: release.dir.display().to_string(), modules, procs, victims, holders }
}

fn pid_text(pid: Pid, name: Option<Atom>) -> String {
    match name {
        Some(n) => format!("#PID<0.{}.0> ({})", pid.0, display(n.name())),
        None => format!("#PID<0.{}.0>", pid.0),
    }
}

fn inspect(t: &Term) -> String {
    retort_vm::value::inspect::inspect_default(t)
}

impl Plan {
    /// The plan as `retort upgrade --dry-run` prints it (`dry_run`), or as the applying
    /// upgrade reports it.
    pub fn render(&self, dry_run: bool) -> String {
        let mut s = if dry_run { format!("upgrade plan to {} (dry run: nothing was changed)\n", self.dir) } else { format!("upgrade to {}\n", self.dir) };
        if self.modules.is_empty() {
            s.push_str("nothing to do: every module's MD5 is unchanged\n");
            return s;
        }
        s.push_str("modules whose MD5 changed, loaded in this order:\n");
        for m in &self.modules {
            match &m.old {
                Some((vsn, md5)) => s.push_str(&format!("  {}  vsn {} -> {}  md5 {} -> {}\n", display(&m.name), inspect(vsn), m.new_vsn, &hex(md5)[..8], &hex(&m.new_md5)[..8])),
                None => s.push_str(&format!("  {}  (new)  vsn {}  md5 {}\n", display(&m.name), m.new_vsn, &hex(&m.new_md5)[..8])),
            }
        }
        s.push_str("processes whose callback module changed:\n");
        let changing: Vec<&ProcChange> = self.procs.iter().filter(|p| p.change).collect();
        if changing.is_empty() {
            s.push_str("  none\n");
        }
        for p in &changing {
            s.push_str(&format!("  {}  callback {}  old vsn {}\n", pid_text(p.pid, p.name), display(p.module.name()), inspect(&p.old_vsn)));
        }
        let others: Vec<&ProcChange> = self.procs.iter().filter(|p| !p.change).collect();
        if !others.is_empty() {
            s.push_str("special processes that run a changed module that is not their callback module (suspended and resumed, no code_change):\n");
            for p in &others {
                s.push_str(&format!("  {}  runs {}\n", pid_text(p.pid, p.name), display(p.module.name())));
            }
        }
        s.push_str("steps:\n");
        let mut n = 1;
        for p in &self.procs {
            s.push_str(&format!("  {n}. suspend {}\n", pid_text(p.pid, p.name)));
            n += 1;
        }
        for m in &self.modules {
            s.push_str(&format!("  {n}. load {}\n", display(&m.name)));
            n += 1;
        }
        for p in &changing {
            s.push_str(&format!("  {n}. :sys.change_code({}, {}, {}, [])\n", pid_text(p.pid, p.name), display(p.module.name()), inspect(&p.old_vsn)));
            n += 1;
        }
        for p in self.procs.iter().rev() {
            s.push_str(&format!("  {n}. resume {}\n", pid_text(p.pid, p.name)));
            n += 1;
        }
        for m in &self.modules {
            if m.old.is_some() {
                s.push_str(&format!("  {n}. soft purge {}\n", display(&m.name)));
                n += 1;
            }
        }
        s.push_str(if dry_run { "a hard purge of the replaced code would kill:\n" } else { "processes in the replaced code (they leave it at their next remote call; a hard purge would kill them):\n" });
        if self.victims.is_empty() {
            s.push_str("  none\n");
        }
        for v in &self.victims {
            let (m, f, a) = &v.running;
            s.push_str(&format!("  {}  running {}.{f}/{a}\n", pid_text(v.pid, v.name), display(m.name())));
        }
        s.push_str("processes holding a fun of the replaced code (a purge does not kill them, as in OTP 25, but the fun raises BadFunctionError once the old code is purged):\n");
        if self.holders.is_empty() {
            s.push_str("  none\n");
        }
        for h in &self.holders {
            s.push_str(&format!("  {}  holds {}\n", pid_text(h.pid, h.name), inspect(&h.fun)));
        }
        s.trim_end().to_string()
    }
}

/// `:retort_node.plan(dir)`: `{:ok, text}` (the rendered plan) or `{:error, message}` (the
/// directory is not a valid release).
pub(super) fn plan_native(ctx: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
    let dir = super::natives::string_arg(&a[0])?;
    match crate::release::read(Path::new(&dir)) {
        Ok(rel) => {
            let plan = compute(ctx.vm, ctx.p, &rel);
            Ok(Term::tuple(vec![Term::atom("ok"), Term::string(&plan.render(true))]))
        }
        Err(e) => Ok(Term::tuple(vec![Term::atom("error"), Term::string(&e)])),
    }
}

/// An upgrade in progress on this node: the verified instances to load, in order, and the
/// modules loaded so far (what a rollback reverts).
struct Pending {
    prepared: Vec<std::rc::Rc<retort_vm::code::module::ModuleInstance>>,
    loaded: Vec<Atom>,
    /// The new release's directory: the code path once the upgrade is done.
    dir: String,
}

thread_local! {
    static PENDING: std::cell::RefCell<Option<Pending>> = const { std::cell::RefCell::new(None) };
}

fn error(msg: String) -> Term {
    Term::tuple(vec![Term::atom("error"), Term::string(&msg)])
}

/// `:retort_node.upgrade_prepare(dir)`: reads and verifies the release, computes the plan,
/// soft-purges the old code left by an earlier upgrade of a changed module (OTP's
/// `soft_purge_precheck`), and prepares (decodes and verifies) every instance to load.
/// Nothing visible changes except that purge. Answers `{:ok, plan_text, [{pid, module,
/// old_vsn}]}` (every process to suspend, in order; `module` nil for one that is only
/// suspended and resumed), `{:error, message}`, or `{:busy, message}` when old code is still in use
/// (the caller may retry: processes leave old code at their next remote call).
pub(super) fn prepare_native(ctx: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
    use retort_vm::code::{loader, purge};
    let dir = super::natives::string_arg(&a[0])?;
    if PENDING.with(|p| p.borrow().is_some()) {
        return Ok(error("error: an upgrade is already in progress on this node".into()));
    }
    let rel = match crate::release::read(Path::new(&dir)) {
        Ok(r) => r,
        Err(e) => return Ok(error(e)),
    };
    let plan = compute(ctx.vm, ctx.p, &rel);
    for m in &plan.modules {
        let atom = Atom::intern(&m.name);
        if ctx.vm.code.old(atom).is_some() && !purge::soft_purge(ctx.vm, Some(ctx.p), atom) {
            let users: Vec<String> = ctx.vm.procs.pids().filter(|pid| purge::check_process_code(ctx.vm, Some(ctx.p), *pid, atom)).map(|pid| format!("#PID<0.{}.0>", pid.0)).collect();
            return Ok(Term::tuple(vec![
                Term::atom("busy"),
                Term::string(&format!("error: the old code of {} (from an earlier upgrade) is still used by {}; nothing was changed", display(&m.name), users.join(", "))),
            ]));
        }
    }
    let mut prepared = Vec::new();
    for m in rel.modules.into_iter().filter(|m| plan.modules.iter().any(|c| c.name == m.name)) {
        let path = m.path.to_string_lossy().into_owned();
        match loader::prepare_from(ctx.vm, m.image, Some(path.clone())) {
            Ok(inst) => prepared.push(inst),
            Err(e) => return Ok(error(format!("error: {path}: {} does not load: {e:?}; nothing was changed", display(&m.name)))),
        }
    }
    let procs = plan.procs.iter().map(|p| Term::tuple(vec![Term::Pid(p.pid), if p.change { Term::Atom(p.module) } else { Term::atom("nil") }, p.old_vsn.clone()])).collect();
    let text = plan.render(false);
    PENDING.with(|p| *p.borrow_mut() = Some(Pending { prepared, loaded: Vec::new(), dir: rel.dir.to_string_lossy().into_owned() }));
    Ok(Term::tuple(vec![Term::atom("ok"), Term::string(&text), Term::list(procs)]))
}

/// `:retort_node.upgrade_load()`: loads every prepared instance, in order, in one step (no
/// process runs in between). `:ok`, or `{:error, message}` after reverting what was loaded.
pub(super) fn load_native(ctx: &mut Ctx, _: &mut [Term]) -> Result<Term, Trap> {
    use retort_vm::code::loader;
    let Some(mut pending) = PENDING.with(|p| p.borrow_mut().take()) else { return Ok(error("error: no upgrade in progress".into())) };
    let mut failed = None;
    for inst in std::mem::take(&mut pending.prepared) {
        let name = inst.name;
        match loader::commit(ctx.vm, inst) {
            Ok(_) => pending.loaded.push(name),
            Err(e) => {
                failed = Some(format!("{} could not be loaded: {e:?}", display(name.name())));
                break;
            }
        }
    }
    let r = match failed {
        None => Term::atom("ok"),
        Some(msg) => {
            for m in pending.loaded.drain(..).rev() {
                loader::revert_load(ctx.vm, m);
            }
            error(msg)
        }
    };
    PENDING.with(|p| *p.borrow_mut() = Some(pending));
    Ok(r)
}

/// `:retort_node.upgrade_revert()`: the previous code of every loaded module is current
/// again (`loader::revert_load`); ends the upgrade. `:ok`.
pub(super) fn revert_native(ctx: &mut Ctx, _: &mut [Term]) -> Result<Term, Trap> {
    if let Some(p) = PENDING.with(|p| p.borrow_mut().take()) {
        for m in p.loaded.into_iter().rev() {
            retort_vm::code::loader::revert_load(ctx.vm, m);
        }
    }
    Ok(Term::atom("ok"))
}

/// `:retort_node.upgrade_finish()`: soft-purges the replaced code of every loaded module,
/// makes the new release's directory the code path (where autoload looks), and ends the
/// upgrade. The modules whose old code is still in use (kept; the next upgrade's
/// precheck purges it once they have left it).
pub(super) fn finish_native(ctx: &mut Ctx, _: &mut [Term]) -> Result<Term, Trap> {
    let mut kept = Vec::new();
    if let Some(p) = PENDING.with(|p| p.borrow_mut().take()) {
        ctx.vm.code.path = vec![p.dir];
        for m in p.loaded {
            if !retort_vm::code::purge::soft_purge(ctx.vm, Some(ctx.p), m) {
                kept.push(Term::Atom(m));
            }
        }
    }
    Ok(Term::list(kept))
}
