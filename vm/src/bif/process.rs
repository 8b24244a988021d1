//! Process primitives: spawn, send, links, monitors, exit signals, flags, registered names,
//! timers, the process dictionary. Registered under `:erlang` and `Process`.

use super::util::*;
use super::Ctx;
use crate::code::table::{CodeServer, NativeTable};
use crate::error::{Exception, Trap};
use crate::scheduler::timer::TimerKind;
use crate::scheduler::Signal;
use crate::value::{Atom, Pid, Term};

pub fn register(c: &mut CodeServer) {
    c.register_table("Elixir.Process", PROCESS);
    c.register_table("erlang", ERLANG);
    c.register_table("timer", TIMER);
}

/// The natives of `Elixir.Process`: `(name, arity, function)`.
const PROCESS: NativeTable = &[
    ("alive?", 1, alive),
    ("monitor", 1, monitor),
    ("demonitor", 1, demonitor),
    ("demonitor", 2, demonitor),
    ("link", 1, link),
    ("unlink", 1, unlink),
    ("exit", 2, exit_2),
    ("flag", 2, flag),
    ("register", 2, process_register),
    ("unregister", 1, unregister),
    ("whereis", 1, whereis),
    ("registered", 0, registered),
    ("send_after", 3, send_after),
    ("send_after", 4, send_after),
    ("cancel_timer", 1, cancel_timer),
    ("cancel_timer", 2, cancel_timer_2),
    ("read_timer", 1, read_timer),
    ("get", 1, dict_get),
    ("get", 2, dict_get),
    ("get", 0, dict_all),
    ("put", 2, dict_put),
    ("delete", 1, dict_delete),
    ("list", 0, list_procs),
    ("send", 3, |ctx, a| send(ctx, &mut a[..2])),
    ("spawn", 2, spawn_opts_fun),
    ("spawn", 4, spawn_opts_mfa),
    ("get_keys", 0, |ctx, _| Ok(Term::list(ctx.p.dict().iter().map(|(k, _)| k.clone()).collect()))),
    ("get_keys", 1, |ctx, a| Ok(Term::list(ctx.p.dict().iter().filter(|(_, v)| *v == a[0]).map(|(k, _)| k.clone()).collect()))),
];

/// The natives of `erlang`: `(name, arity, function)`.
const ERLANG: NativeTable = &[
    ("monitor", 2, |ctx, a| monitor(ctx, &mut a[1..])),
    ("demonitor", 1, demonitor),
    ("demonitor", 2, demonitor),
    ("link", 1, link),
    ("unlink", 1, unlink),
    ("register", 2, register_name),
    ("unregister", 1, unregister),
    ("whereis", 1, |ctx, a| {
        let r = whereis(ctx, a)?;
        Ok(if r.is_atom(Atom::NIL) { Term::Atom(Atom::UNDEFINED) } else { r })
    }),
    ("send_after", 3, |ctx, a| send_after(ctx, &mut [a[1].clone(), a[2].clone(), a[0].clone()])),
    ("start_timer", 3, start_timer),
    ("pid_to_list", 1, |_, a| Ok(charlist(&format!("<0.{}.0>", pid(&a[0])?.0)))),
    ("list_to_pid", 1, list_to_pid),
    ("cancel_timer", 1, cancel_timer),
    ("cancel_timer", 2, cancel_timer_2),
    ("read_timer", 1, read_timer),
    ("get_keys", 0, |ctx, _| Ok(Term::list(ctx.p.dict().iter().map(|(k, _)| k.clone()).collect()))),
    ("spawn_monitor", 1, spawn_monitor_1),
    ("spawn_monitor", 3, spawn_monitor_3),
    ("processes", 0, list_procs),
];

/// The natives of `timer`: `(name, arity, function)`.
const TIMER: NativeTable = &[
    ("sleep", 1, timer_sleep),
];

/// Resolves a pid or registered name; `None` for an unknown name.
pub fn dest(ctx: &Ctx, t: &Term) -> Result<Option<Pid>, Trap> {
    match t {
        Term::Pid(p) => Ok(Some(*p)),
        Term::Atom(a) => Ok(ctx.vm.registry.get(a).copied()),
        Term::Tuple(tu) if tu.len() == 2 => dest(ctx, &tu[0]),
        _ => badarg(),
    }
}

/// `send(dest, msg)`: to a pid (a dead one is fine) or a registered name (badarg if none).
///
/// The message is moved into the receiver's mailbox (terms are immutable and shared, so
/// nothing is copied); the value returned is another reference to it.
pub fn send(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let msg = std::mem::take(&mut a[1]);
    send_message(ctx.vm, ctx.p, &a[0], msg)
}

/// The body of [`send`], shared with the interpreter's `Send` instruction: delivers `msg` to
/// `to` and returns the message (the value of `send/2`), or raises the `ArgumentError` of an
/// invalid destination. Out of line, so the dispatch loop keeps one call here.
#[inline(never)]
pub fn send_message(vm: &mut crate::scheduler::Vm, p: &mut crate::process::Process, to: &Term, msg: Term) -> R {
    let mut ctx = Ctx { vm, p };
    // The common case, a pid, without the general destination lookup.
    if let Term::Pid(to) = to {
        let ret = msg.clone();
        deliver(&mut ctx, *to, msg);
        return Ok(ret);
    }
    // `{name, node}`: REG_SEND over the distribution to another node (dist/control.rs); on
    // this node, to the name's process. As on the BEAM, a name nobody registered, or a node
    // this one cannot reach, drops the message without an error.
    if let Term::Tuple(t) = to {
        if let (2, Some(name), Some(node)) = (t.len(), t[0].as_atom(), t.get(1).and_then(|n| n.as_atom())) {
            if node != ctx.vm.ext.this_node().0 {
                if ctx.vm.dist.is_some() {
                    ctx.vm.dist_reg_send(ctx.p.pid, name, node, msg.clone());
                }
                return Ok(msg);
            }
            if let Some(pid) = ctx.vm.registry.get(&name).copied() {
                deliver(&mut ctx, pid, msg.clone());
            }
            return Ok(msg);
        }
    }
    match dest(&ctx, to) {
        Ok(Some(pid)) => {
            deliver(&mut ctx, pid, msg.clone());
            Ok(msg)
        }
        // An unregistered name, or no destination at all (a string, a number, a 3-tuple).
        _ => arg_errors(1, "invalid destination"),
    }
}

fn deliver(ctx: &mut Ctx, to: Pid, msg: Term) {
    if to == ctx.p.pid {
        ctx.p.mailbox.push_back(msg);
    } else {
        ctx.vm.send(to, msg);
    }
}

pub fn alive(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let p = pid(&a[0])?;
    Ok(Term::bool(ctx.vm.is_alive(p)))
}

fn spawn_common(ctx: &mut Ctx, pid: Pid, link: bool) {
    let leader = ctx.p.group_leader();
    if let Some(p) = ctx.vm.procs.get_mut(pid) {
        if leader.is_some() {
            p.ext_mut().group_leader = leader;
        }
        if link {
            p.ext_mut().links.push(ctx.p.pid);
        }
    }
    if link {
        ctx.p.ext_mut().links.push(pid);
    }
}

pub fn spawn_1(ctx: &mut Ctx, a: &mut [Term]) -> R {
    if !matches!(a[0], Term::Fun(_)) {
        return badarg();
    }
    let pid = ctx.vm.spawn_fun(std::mem::take(&mut a[0]));
    spawn_common(ctx, pid, false);
    Ok(Term::Pid(pid))
}

pub fn spawn_3(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let pid = ctx.vm.spawn(atom(&a[0])?, atom(&a[1])?, list(&a[2])?);
    spawn_common(ctx, pid, false);
    Ok(Term::Pid(pid))
}

pub fn spawn_link_1(ctx: &mut Ctx, a: &mut [Term]) -> R {
    if !matches!(a[0], Term::Fun(_)) {
        return badarg();
    }
    let pid = ctx.vm.spawn_fun(std::mem::take(&mut a[0]));
    spawn_common(ctx, pid, true);
    Ok(Term::Pid(pid))
}

pub fn spawn_link_3(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let pid = ctx.vm.spawn(atom(&a[0])?, atom(&a[1])?, list(&a[2])?);
    spawn_common(ctx, pid, true);
    Ok(Term::Pid(pid))
}

fn spawn_monitor_1(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let pid = spawn_1(ctx, a)?;
    let r = monitor(ctx, &mut [pid.clone()])?;
    Ok(Term::tuple(vec![pid, r]))
}

fn spawn_monitor_3(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let pid = spawn_3(ctx, a)?;
    let r = monitor(ctx, &mut [pid.clone()])?;
    Ok(Term::tuple(vec![pid, r]))
}

fn spawn_opts(ctx: &mut Ctx, pid: Term, opts: &Term) -> R {
    let p = pid_of(&pid)?;
    let items = list(opts)?;
    let mut link = false;
    let mut mon = false;
    for o in items {
        if o.is_atom(atom_once!("link")) {
            link = true;
        }
        if o.is_atom(atom_once!("monitor")) {
            mon = true;
        }
    }
    if link {
        spawn_common(ctx, p, true);
    }
    if mon {
        let r = monitor(ctx, &mut [pid.clone()])?;
        return Ok(Term::tuple(vec![pid, r]));
    }
    Ok(pid)
}

fn pid_of(t: &Term) -> Result<Pid, Trap> {
    pid(t)
}

fn spawn_opts_fun(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let pid = spawn_1(ctx, &mut a[..1])?;
    spawn_opts(ctx, pid, &a[1])
}

fn spawn_opts_mfa(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let pid = spawn_3(ctx, &mut a[..3])?;
    spawn_opts(ctx, pid, &a[3])
}

/// `Process.monitor(pid_or_name)`: a reference. The `:DOWN` message names the process the way
/// it was monitored: its pid, or `{name, node}` for a registered name; a dead pid or an
/// unknown name gives `{:DOWN, ref, :process, object, :noproc}` at once.
pub fn monitor(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let r = ctx.vm.make_ref();
    let (name, object) = match &a[0] {
        Term::Pid(_) => (None, a[0].clone()),
        Term::Atom(n) => (Some(*n), Term::tuple(vec![a[0].clone(), Term::atom("nonode@nohost")])),
        Term::Tuple(t) if t.len() == 2 && t[0].as_atom().is_some() => (t[0].as_atom(), a[0].clone()),
        _ => return badarg(),
    };
    prune_fired_monitors(ctx);
    if ctx.vm.dist.is_some() {
        // Another node's process, by pid or `{name, node}`: MONITOR_P (dist/control.rs).
        if let Some((node, target)) = crate::dist::control::remote_target(&ctx.vm.ext, &a[0]) {
            let placeholder = crate::dist::control::node_marker(&mut ctx.vm.ext, node, &a[0]);
            ctx.p.ext_mut().monitors.push((r, placeholder));
            ctx.vm.dist_monitor(ctx.p.pid, node, target, r);
            return Ok(Term::Ref(r));
        }
    }
    let down = |object: Term| Term::tuple(vec![Term::Atom(Atom::DOWN), Term::Ref(r), Term::Atom(Atom::PROCESS), object, Term::Atom(Atom::NOPROC)]);
    let Some(target) = dest(ctx, &a[0])? else {
        ctx.p.mailbox.push_back(down(object));
        return Ok(Term::Ref(r));
    };
    let me = ctx.p.pid;
    if target == me {
        return Ok(Term::Ref(r));
    }
    match ctx.vm.procs.get_mut(target) {
        Some(t) => {
            t.ext_mut().monitored_by.push((r, me, name));
            ctx.p.ext_mut().monitors.push((r, target));
        }
        None => ctx.p.mailbox.push_back(down(object)),
    }
    Ok(Term::Ref(r))
}

/// Drops the running process's monitors whose target has died: they fired (the `:DOWN`
/// message was sent when the target exited, while this process was out of the table).
pub fn prune_fired_monitors(ctx: &mut Ctx) {
    let vm = &*ctx.vm;
    if let Some(e) = ctx.p.ext.as_mut() {
        e.monitors.retain(|(_, t)| crate::dist::ext::is_ext_pid(*t) || vm.is_alive(*t));
    }
}

/// `Process.demonitor(ref, opts)`; `[:flush]` also removes a `:DOWN` message already queued,
/// `[:info]` makes it return whether the monitor was still active (`false` once it fired).
pub fn demonitor(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let Term::Ref(r) = a[0] else { return badarg() };
    prune_fired_monitors(ctx);
    // A monitor made with an alias (`:retort_otp.alias_ref/1`, `Task.async`) loses it too.
    if !ctx.vm.bif.aliases.is_empty() {
        ctx.vm.bif.aliases.remove(&(ctx.p.pid.0, r));
    }
    let mut active = false;
    if let Some(i) = ctx.p.monitors().iter().position(|(x, _)| *x == r) {
        let (_, target) = ctx.p.ext_mut().monitors.remove(i);
        active = true;
        if crate::dist::ext::is_ext_pid(target) {
            ctx.vm.dist_demonitor(ctx.p.pid, r);
        }
        if let Some(t) = ctx.vm.procs.get_mut(target).and_then(|t| t.ext.as_mut()) {
            t.monitored_by.retain(|(x, _, _)| *x != r);
        }
    }
    let opts = match a.get(1) {
        Some(o) => list(o)?,
        None => Vec::new(),
    };
    if opts.iter().any(|o| o.is_atom(atom_once!("flush"))) {
        // A `:DOWN` sent during this slice (the target killed by this process a moment ago)
        // waits in the VM's inbox: move it into the mailbox first, so the flush sees it.
        if let Some(reason) = ctx.vm.drain_inbox(ctx.p) {
            return Err(Trap::Exit(reason));
        }
        ctx.p.mailbox.retain(|m| match m {
            Term::Tuple(t) => !(t.len() == 5 && t[0].is_atom(Atom::DOWN) && t[1] == Term::Ref(r)),
            _ => true,
        });
        ctx.p.save = 0;
    }
    if opts.iter().any(|o| o.is_atom(atom_once!("info"))) {
        return Ok(Term::bool(active));
    }
    Ok(Term::TRUE)
}

pub fn link(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let target = pid(&a[0])?;
    let me = ctx.p.pid;
    if target == me {
        return Ok(Term::TRUE);
    }
    if crate::dist::ext::is_ext_pid(target) && ctx.vm.dist.is_some() {
        // Another node's process: LINK (dist/control.rs); a dead one answers EXIT noproc.
        if !ctx.p.links().contains(&target) {
            ctx.p.ext_mut().links.push(target);
            ctx.vm.dist_link(me, target);
        }
        return Ok(Term::TRUE);
    }
    match ctx.vm.procs.get_mut(target) {
        Some(t) => {
            if !t.links().contains(&me) {
                t.ext_mut().links.push(me);
            }
            if !ctx.p.links().contains(&target) {
                ctx.p.ext_mut().links.push(target);
            }
            Ok(Term::TRUE)
        }
        None => {
            if ctx.p.trap_exit {
                let msg = Term::tuple(vec![Term::Atom(Atom::EXIT), Term::Pid(target), Term::Atom(Atom::NOPROC)]);
                ctx.p.mailbox.push_back(msg);
                Ok(Term::TRUE)
            } else {
                Err(Exception::error(Term::Atom(Atom::NOPROC)).into())
            }
        }
    }
}

pub fn unlink(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let target = pid(&a[0])?;
    let me = ctx.p.pid;
    if let Some(e) = ctx.p.ext.as_mut() {
        e.links.retain(|x| *x != target);
    }
    if crate::dist::ext::is_ext_pid(target) {
        ctx.vm.dist_unlink(me, target);
    }
    if let Some(t) = ctx.vm.procs.get_mut(target).and_then(|t| t.ext.as_mut()) {
        t.links.retain(|x| *x != me);
    }
    Ok(Term::TRUE)
}

/// `Process.exit(pid, reason)`: sends an exit signal; `:kill` is untrappable.
pub fn exit_2(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let target = pid(&a[0])?;
    let reason = a[1].clone();
    let kill = reason.is_atom(Atom::KILL);
    let me = ctx.p.pid;
    if target == me {
        if kill {
            return Err(Trap::Exit(Term::Atom(Atom::KILLED)));
        }
        if ctx.p.trap_exit {
            ctx.p.mailbox.push_back(Term::tuple(vec![Term::Atom(Atom::EXIT), Term::Pid(me), reason]));
            return Ok(Term::TRUE);
        }
        return Err(Trap::Exit(reason));
    }
    ctx.vm.deliver(target, Signal::Exit { from: me, reason, kill });
    Ok(Term::TRUE)
}

/// `Process.flag(flag, value)`: `:trap_exit`, `:error_handler`, `:max_heap_size` (see
/// `process/heap_limit.rs`); returns the old value. `badarg` for any other flag or value.
pub fn flag(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let f = atom(&a[0])?;
    match f.name() {
        "trap_exit" => {
            let old = ctx.p.trap_exit;
            ctx.p.trap_exit = a[1].is_atom(Atom::TRUE);
            Ok(Term::bool(old))
        }
        "error_handler" => {
            let old = ctx.p.error_handler();
            let new = atom(&a[1])?;
            ctx.p.ext_mut().error_handler = Some(new);
            Ok(Term::Atom(old))
        }
        "priority" => Ok(Term::atom("normal")),
        "max_heap_size" => {
            use crate::process::heap_limit::MaxHeap;
            let old = ctx.p.ext.as_ref().and_then(|e| e.max_heap).unwrap_or_default();
            let Some(new) = MaxHeap::parse(&a[1], old) else { return badarg() };
            let ext = ctx.p.ext_mut();
            ext.max_heap = Some(new);
            ext.max_heap_reported = false;
            Ok(old.to_term())
        }
        _ => badarg(),
    }
}

/// `:erlang.register(name, pid)`: `true`, or `badarg` when the name is taken or reserved, the
/// process is dead or already has a name.
fn register_name(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let name = atom(&a[0])?;
    let p = pid(&a[1])?;
    if try_register(ctx, p, name) {
        Ok(Term::TRUE)
    } else {
        badarg()
    }
}

/// `Process.register(pid, name)`, as Elixir's: a `FunctionClauseError` for `nil`, `false`,
/// `true` and `:undefined`, else an `ArgumentError` naming the three possible causes.
fn process_register(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let name = match a[1].as_atom() {
        Some(n) if !["nil", "false", "true", "undefined"].contains(&n.name()) => n,
        _ => {
            let top = Term::tuple(vec![Term::atom("Elixir.Process"), Term::atom("register"), Term::list(a.to_vec()), Term::Nil]);
            return Err(Exception { top: Some(top), ..Exception::error(Term::Atom(Atom::FUNCTION_CLAUSE)) }.into());
        }
    };
    let p = pid(&a[0])?;
    if try_register(ctx, p, name) {
        return Ok(Term::TRUE);
    }
    arg_error(&format!(
        "could not register {} with name {} because it is not alive, the name is already taken, or it has already been given another name",
        ctx.vm.code.known.inspect(&a[0]),
        ctx.vm.code.known.inspect(&a[1])
    ))
}

/// Registers `p` under `name` unless the name is taken or `:undefined`, `p` is dead or `p`
/// already has a name.
fn try_register(ctx: &mut Ctx, p: Pid, name: Atom) -> bool {
    if ctx.vm.registry.contains_key(&name) || name == Atom::UNDEFINED {
        return false;
    }
    let target = if p == ctx.p.pid {
        &mut *ctx.p
    } else {
        match ctx.vm.procs.get_mut(p) {
            Some(t) => t,
            None => return false,
        }
    };
    if target.registered().is_some() {
        return false;
    }
    target.ext_mut().registered = Some(name);
    // The table's pid, which knows its slot (`p` may come from `list_to_pid`).
    let p = target.pid;
    ctx.vm.registry.insert(name, p);
    true
}

fn unregister(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let name = atom(&a[0])?;
    match ctx.vm.registry.remove(&name) {
        Some(p) => {
            let target = if p == ctx.p.pid { Some(&mut *ctx.p) } else { ctx.vm.procs.get_mut(p) };
            if let Some(e) = target.and_then(|t| t.ext.as_mut()) {
                e.registered = None;
            }
            Ok(Term::TRUE)
        }
        // What OTP 25's extended error info says for this case.
        None => arg_errors(1, "not a pid"),
    }
}

fn whereis(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let name = atom(&a[0])?;
    Ok(ctx.vm.registry.get(&name).map(|p| Term::Pid(*p)).unwrap_or(Term::NIL_ATOM))
}

fn registered(ctx: &mut Ctx, _: &mut [Term]) -> R {
    Ok(Term::list(ctx.vm.registry.keys().map(|a| Term::Atom(*a)).collect()))
}

/// `Process.send_after(dest, msg, ms)`: a timer reference.
fn send_after(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let ms = int(&a[2])?;
    if ms < 0 {
        return badarg();
    }
    let at = ctx.vm.clock.now_us() + ms as u64 * 1000;
    let id = ctx.vm.timers.add(at, TimerKind::SendAfter { dest: a[0].clone(), msg: a[1].clone() });
    Ok(Term::Ref(id | (1 << 62)))
}

/// `:erlang.start_timer(ms, dest, msg)`: like `send_after`, but what arrives is
/// `{:timeout, timer_ref, msg}`.
fn start_timer(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let ms = int(&a[0])?;
    if ms < 0 {
        return badarg();
    }
    let at = ctx.vm.clock.now_us() + ms as u64 * 1000;
    let (dest, msg) = (a[1].clone(), a[2].clone());
    let id = ctx.vm.timers.add_with(at, |id| TimerKind::SendAfter { dest, msg: Term::tuple(vec![Term::atom("timeout"), Term::Ref(id | (1 << 62)), msg]) });
    Ok(Term::Ref(id | (1 << 62)))
}

/// `:erlang.list_to_pid(~c"<0.N.0>")`: the pid with that number (alive or not; a live one
/// gets its table slot, so using it needs no search).
fn list_to_pid(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let parsed = text(&a[0]).and_then(|b| {
        let s = String::from_utf8(b).ok()?;
        let parts: Vec<&str> = s.strip_prefix('<')?.strip_suffix('>')?.split('.').collect();
        match parts[..] {
            ["0", n, "0"] => n.parse::<u32>().ok().filter(|n| n & crate::dist::ext::EXT_PID_BIT == 0),
            _ => None,
        }
    });
    match parsed {
        Some(n) => Ok(Term::Pid(ctx.vm.procs.resolve(Pid::from_number(n)))),
        None => arg_errors(1, "not a textual representation of a pid"),
    }
}

fn timer_id(t: &Term) -> Option<u64> {
    match t {
        Term::Ref(r) if r & (1 << 62) != 0 => Some(r & !(1 << 62)),
        _ => None,
    }
}

fn cancel_timer(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let Some(id) = timer_id(&a[0]) else { return Ok(Term::FALSE) };
    let now = ctx.vm.clock.now_us();
    Ok(match ctx.vm.timers.cancel(id) {
        Some(at) => Term::Int((at.saturating_sub(now) / 1000) as i64),
        None => Term::FALSE,
    })
}

/// `:erlang.cancel_timer(ref, options)` / `Process.cancel_timer/2`: with `info: false` the
/// answer is `:ok`; with `async: true` it is `:ok` too, and (with `info: true`, the default)
/// the result comes as the message `{:cancel_timer, ref, result}`, as the BEAM sends it.
/// `badarg` unless `options` is a proper list of those two options.
fn cancel_timer_2(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let (mut asynchronous, mut info) = (false, true);
    for o in items(&a[1])? {
        match o {
            Term::Tuple(t) if t.len() == 2 && (t[1].is_atom(Atom::TRUE) || t[1].is_atom(Atom::FALSE)) => match t[0].as_atom().map(|x| x.name()) {
                Some("async") => asynchronous = t[1].is_atom(Atom::TRUE),
                Some("info") => info = t[1].is_atom(Atom::TRUE),
                _ => return badarg(),
            },
            _ => return badarg(),
        }
    }
    if !matches!(a[0], Term::Ref(_)) {
        return badarg();
    }
    let result = cancel_timer(ctx, &mut a[..1])?;
    if asynchronous {
        if info {
            let msg = Term::tuple(vec![Term::atom("cancel_timer"), a[0].clone(), result]);
            ctx.p.mailbox.push_back(msg);
        }
        return Ok(Term::OK);
    }
    Ok(if info { result } else { Term::OK })
}

fn read_timer(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let Some(id) = timer_id(&a[0]) else { return Ok(Term::FALSE) };
    let now = ctx.vm.clock.now_us();
    Ok(match ctx.vm.timers.deadline(id) {
        Some(at) => Term::Int((at.saturating_sub(now) / 1000) as i64),
        None => Term::FALSE,
    })
}

pub fn dict_get(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let default = a.get(1).cloned().unwrap_or(Term::NIL_ATOM);
    Ok(ctx.p.dict().iter().find(|(k, _)| *k == a[0]).map(|(_, v)| v.clone()).unwrap_or(default))
}

fn dict_all(ctx: &mut Ctx, _: &mut [Term]) -> R {
    Ok(Term::list(ctx.p.dict().iter().map(|(k, v)| Term::tuple(vec![k.clone(), v.clone()])).collect()))
}

pub fn dict_put(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let dict = &mut ctx.p.ext_mut().dict;
    let value = std::mem::take(&mut a[1]);
    if let Some(e) = dict.iter_mut().find(|(k, _)| *k == a[0]) {
        let old = std::mem::replace(&mut e.1, value);
        return Ok(old);
    }
    dict.push((std::mem::take(&mut a[0]), value));
    Ok(Term::NIL_ATOM)
}

fn dict_delete(ctx: &mut Ctx, a: &mut [Term]) -> R {
    match ctx.p.dict().iter().position(|(k, _)| *k == a[0]) {
        Some(i) => Ok(ctx.p.ext_mut().dict.remove(i).1),
        None => Ok(Term::NIL_ATOM),
    }
}

fn list_procs(ctx: &mut Ctx, _: &mut [Term]) -> R {
    // The running process keeps its slot, so it is among the table's pids.
    let mut pids: Vec<Pid> = ctx.vm.procs.pids().collect();
    pids.sort();
    Ok(Term::list(pids.into_iter().map(Term::Pid).collect()))
}

/// `:timer.sleep/1`: the language's `Process.sleep/1` (a `receive ... after`).
pub fn timer_sleep(_: &mut Ctx, a: &mut [Term]) -> R {
    Err(Trap::Apply { callee: Term::atom("Elixir.Process"), function: Some(Atom::intern("sleep")), args: a.to_vec() })
}
