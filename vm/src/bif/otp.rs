//! Natives for the OTP layer (the behaviours themselves are written in the language, in
//! `stdlib/lib/{gen_server,sys,gen,proc_lib,supervisor,agent,task,logger}.ex`):
//!
//! - `Process.info/1,2` and `:erlang.process_info/1,2`;
//! - process aliases for call replies (`:erlang.alias/0,1`, `:erlang.unalias/1`) and
//!   `:gen.reply/2`, which drops a reply whose alias is no longer active, so a reply that
//!   arrives after a `GenServer.call` timed out never reaches the caller's mailbox (R30);
//! - the logger's level and output (`:logger.set_primary_config/2`, `Logger.configure/1`,
//!   `Logger.level/0`, `:retort_otp.log/2`), in Elixir 1.14's console format
//!   `\nHH:MM:SS.mmm [level] message\n`;
//! - report formatting helpers under `:retort_otp` (`format_reason/1`, `format_exit/1`,
//!   `timestamp/0`).

use super::util::*;
use super::Ctx;
use crate::code::table::{CodeServer, NativeTable};
use crate::error::Trap;
use crate::process::{Process, Status};
use crate::value::exception;
use crate::value::known::Known;
use crate::value::{Atom, Pid, Term};
use std::io::Write;

/// Registers the natives (the alias table and the logger level live in `Vm::bif`).
pub fn register(c: &mut CodeServer) {
    c.register_table("Elixir.Process", PROCESS);
    c.register_table("erlang", ERLANG);
    c.register_table("gen", GEN);
    c.register_table("logger", LOGGER);
    c.register_table("Elixir.Logger", LOGGER_2);
    c.register_table("beam_lib", BEAM_LIB);
    c.register_table("retort_otp", RETORT_OTP);
}

/// The natives of `Elixir.Process`: `(name, arity, function)`.
const PROCESS: NativeTable = &[
    ("info", 1, |ctx, a| info_all(ctx, &a[0], Term::NIL_ATOM)),
    ("info", 2, |ctx, a| info_2(ctx, &a[0], &a[1], Term::NIL_ATOM)),
];

/// The natives of `erlang`: `(name, arity, function)`.
const ERLANG: NativeTable = &[
    ("process_info", 1, |ctx, a| info_all(ctx, &a[0], Term::Atom(Atom::UNDEFINED))),
    ("process_info", 2, |ctx, a| info_2(ctx, &a[0], &a[1], Term::Atom(Atom::UNDEFINED))),
    ("alias", 0, alias),
    ("alias", 1, alias),
    ("unalias", 1, unalias),
];

/// The natives of `gen`: `(name, arity, function)`.
const GEN: NativeTable = &[
    ("reply", 2, reply),
];

/// The natives of `logger`: `(name, arity, function)`.
const LOGGER: NativeTable = &[
    ("set_primary_config", 2, set_primary_config),
    ("get_primary_config", 0, |ctx, _| {
        Ok(atom_map(&[("level", Term::atom(level_name(ctx.vm.bif.log_level))), ("filter_default", Term::atom("log")), ("filters", Term::Nil)]))
    }),
];

/// The natives of `Elixir.Logger`: `(name, arity, function)`.
const LOGGER_2: NativeTable = &[
    ("configure", 1, logger_configure),
    ("level", 0, |ctx, _| Ok(Term::atom(elixir_level_name(ctx.vm.bif.log_level)))),
    ("compare_levels", 2, compare_levels),
];

/// The natives of `beam_lib`: `(name, arity, function)`.
const BEAM_LIB: NativeTable = &[
    ("version", 1, beam_lib_version),
];

/// The natives of `retort_otp`: `(name, arity, function)`.
const RETORT_OTP: NativeTable = &[
    ("log", 2, log),
    ("enabled", 1, |ctx, a| Ok(Term::bool(enabled(ctx, &a[0])?))),
    ("timestamp", 0, |ctx, _| Ok(Term::string(&timestamp(&ctx.vm.clock)))),
    ("format_reason", 1, |ctx, a| Ok(Term::string(&format_reason(&ctx.vm.code.known, &a[0])))),
    ("format_exit", 1, |ctx, a| Ok(Term::string(&exception::format_exit(&ctx.vm.code.known, &a[0])))),
    ("format_banner", 3, |ctx, a| Ok(Term::string(&exception::format_banner(&ctx.vm.code.known, &a[0], &a[1], &a[2])))),
    ("format_stacktrace", 1, |ctx, a| Ok(Term::string(&exception::format_stacktrace(&ctx.vm.code.known, &a[0])))),
    ("alias_ref", 1, alias_ref),
    ("is_alias_active", 2, |ctx, a| {
        let p = pid(&a[0])?;
        let Term::Ref(r) = a[1] else { return badarg() };
        Ok(Term::bool(ctx.vm.bif.aliases.contains(&(p.0, r))))
    }),
];

// ---------------------------------------------------------------- Process.info

const ALL_KEYS: &[&str] = &[
    "registered_name",
    "current_function",
    "initial_call",
    "status",
    "message_queue_len",
    "links",
    "dictionary",
    "trap_exit",
    "error_handler",
    "priority",
    "group_leader",
    "total_heap_size",
    "heap_size",
    "stack_size",
    "reductions",
    "garbage_collection",
    "suspending",
];

/// Runs `f` on the process `pid` (the running one or one in the table); `None` if it is dead.
fn with_proc<T>(ctx: &mut Ctx, p: Pid, f: impl FnOnce(&Process, bool) -> T) -> Result<Option<T>, Trap> {
    if p == ctx.p.pid {
        if let Some(reason) = ctx.vm.drain_inbox(ctx.p) {
            return Err(Trap::Exit(reason));
        }
        super::process::prune_fired_monitors(ctx);
        return Ok(Some(f(ctx.p, true)));
    }
    Ok(ctx.vm.procs.get(p).filter(|x| x.status != Status::Exited).map(|x| f(x, false)))
}

fn info_item(p: &Process, running: bool, key: &str) -> Option<Term> {
    Some(match key {
        "status" => Term::atom(if running {
            "running"
        } else {
            match p.status {
                Status::Runnable => "runnable",
                Status::Waiting => "waiting",
                Status::Exited => "exiting",
            }
        }),
        "message_queue_len" => Term::Int(p.mailbox.len() as i64),
        "messages" => Term::list(p.mailbox.iter().cloned().collect()),
        "links" => Term::list(p.links().iter().map(|x| Term::Pid(*x)).collect()),
        "monitors" => Term::list(p.monitors().iter().map(|(_, x)| Term::tuple(vec![Term::Atom(Atom::PROCESS), Term::Pid(*x)])).collect()),
        "monitored_by" => Term::list(p.monitored_by().iter().map(|(_, x, _)| Term::Pid(*x)).collect()),
        "registered_name" => match p.registered() {
            Some(a) => Term::Atom(a),
            None => Term::Nil,
        },
        "current_function" => match p.frames.last() {
            Some(f) => {
                let func = &f.inst().image.functions[f.func() as usize];
                Term::tuple(vec![Term::Atom(f.inst().name), Term::atom(&func.name), Term::Int(func.arity as i64)])
            }
            None => {
                let (m, f, a) = p.initial_call();
                Term::tuple(vec![Term::Atom(m), Term::Atom(f), Term::Int(a as i64)])
            }
        },
        "current_stacktrace" => crate::interp::raise::stacktrace(p, None),
        "initial_call" => {
            let (m, f, a) = p.initial_call();
            Term::tuple(vec![Term::Atom(m), Term::Atom(f), Term::Int(a as i64)])
        }
        "reductions" => Term::Int(p.reductions as i64),
        "trap_exit" => Term::bool(p.trap_exit),
        "dictionary" => Term::list(p.dict().iter().map(|(k, v)| Term::tuple(vec![k.clone(), v.clone()])).collect()),
        "error_handler" => Term::Atom(p.error_handler()),
        "priority" => Term::atom("normal"),
        "group_leader" => Term::Pid(p.group_leader().unwrap_or(p.pid)),
        "max_heap_size" => p.ext.as_ref().and_then(|e| e.max_heap).unwrap_or_default().to_term(),
        "heap_size" | "total_heap_size" => Term::Int(233 + p.regs.len() as i64),
        "stack_size" => Term::Int(p.frames.len() as i64 * 4),
        "memory" => Term::Int(2688 + 16 * (p.regs.len() + p.mailbox.len()) as i64),
        "garbage_collection" => Term::list(vec![
            Term::tuple(vec![Term::atom("max_heap_size"), p.ext.as_ref().and_then(|e| e.max_heap).unwrap_or_default().to_term()]),
            Term::tuple(vec![Term::atom("min_bin_vheap_size"), Term::Int(46422)]),
            Term::tuple(vec![Term::atom("min_heap_size"), Term::Int(233)]),
            Term::tuple(vec![Term::atom("fullsweep_after"), Term::Int(65535)]),
            Term::tuple(vec![Term::atom("minor_gcs"), Term::Int(0)]),
        ]),
        "suspending" => Term::Nil,
        _ => return None,
    })
}

fn info_2(ctx: &mut Ctx, who: &Term, key: &Term, dead: Term) -> R {
    let p = pid(who)?;
    match key {
        Term::Atom(k) => {
            let name = k.name();
            let r = with_proc(ctx, p, |proc, running| info_item(proc, running, name))?;
            match r {
                None => Ok(dead),
                Some(None) => badarg(),
                // Elixir's Process.info(pid, :registered_name) gives [] for none, like Erlang.
                // :erlang.process_info(pid, :registered_name) is [] for an unregistered process;
                // Elixir's Process.info wraps it as {:registered_name, []}.
                Some(Some(Term::Nil)) if name == "registered_name" && dead.is_atom(Atom::UNDEFINED) => Ok(Term::Nil),
                Some(Some(v)) => Ok(Term::tuple(vec![key.clone(), v])),
            }
        }
        Term::Nil | Term::Cons(_) => {
            let keys = list(key)?;
            let mut names = Vec::new();
            for k in &keys {
                names.push(atom(k)?);
            }
            let r = with_proc(ctx, p, |proc, running| {
                names.iter().map(|n| info_item(proc, running, n.name()).map(|v| Term::tuple(vec![Term::Atom(*n), v]))).collect::<Option<Vec<_>>>()
            })?;
            match r {
                None => Ok(dead),
                Some(None) => badarg(),
                Some(Some(v)) => Ok(Term::list(v)),
            }
        }
        _ => badarg(),
    }
}

fn info_all(ctx: &mut Ctx, who: &Term, dead: Term) -> R {
    let p = pid(who)?;
    let r = with_proc(ctx, p, |proc, running| {
        let mut out = Vec::new();
        for k in ALL_KEYS {
            if *k == "registered_name" && proc.registered().is_none() {
                continue;
            }
            if let Some(v) = info_item(proc, running, k) {
                out.push(Term::tuple(vec![Term::atom(k), v]));
            }
        }
        out
    })?;
    Ok(match r {
        None => dead,
        Some(v) => Term::list(v),
    })
}

// ---------------------------------------------------------------- aliases and replies

fn alias(ctx: &mut Ctx, _: &mut [Term]) -> R {
    let r = ctx.vm.make_ref();
    let me = ctx.p.pid.0;
    ctx.vm.bif.aliases.insert((me, r));
    Ok(Term::Ref(r))
}

/// `:retort_otp.alias_ref(ref)`: makes the monitor reference `ref` an active alias of the
/// running process, as `Process.monitor(pid, alias: :demonitor)` does on the BEAM (OTP 24+):
/// it stays active until the monitor is removed (`Process.demonitor/1,2`) or fires, so a task's
/// reply sent after its owner stopped waiting (`Task.ignore/1`, an `await` that timed out) is
/// dropped by `Task` instead of reaching the owner's mailbox.
fn alias_ref(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let Term::Ref(r) = a[0] else { return badarg() };
    let me = ctx.p.pid.0;
    ctx.vm.bif.aliases.insert((me, r));
    Ok(Term::Ref(r))
}

/// The process that owns the active alias `r` (an `ALIAS_SEND` from another node).
pub fn alias_owner(vm: &crate::scheduler::Vm, r: u64) -> Option<Pid> {
    vm.bif.aliases.iter().find(|(_, x)| *x == r).map(|(p, _)| Pid::from_number(*p))
}

fn unalias(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let Term::Ref(r) = a[0] else { return badarg() };
    let me = ctx.p.pid.0;
    Ok(Term::bool(ctx.vm.bif.aliases.remove(&(me, r))))
}

/// `:gen.reply({pid, tag}, reply)`: sends `{tag, reply}` to `pid`, unless `tag` is
/// `[:alias | ref]` and that alias is no longer active (the caller gave up waiting).
fn reply(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let Term::Tuple(from) = &a[0] else { return badarg() };
    if from.len() != 2 {
        return badarg();
    }
    let to = pid(&from[0])?;
    let tag = from[1].clone();
    if let (Term::Cons(c), false) = (&tag, crate::dist::ext::is_ext_pid(to)) {
        if c.head.is_atom(atom_once!("alias")) {
            if let Term::Ref(r) = c.tail {
                if !ctx.vm.bif.aliases.contains(&(to.0, r)) {
                    return Ok(Term::OK);
                }
            }
        }
    }
    let msg = Term::tuple(vec![tag, std::mem::take(&mut a[1])]);
    super::process::send(ctx, &mut [Term::Pid(to), msg])?;
    Ok(Term::OK)
}

// ---------------------------------------------------------------- logger

fn severity(level: &Term) -> Option<i32> {
    Some(match level.as_atom()?.name() {
        "emergency" => 0,
        "alert" => 1,
        "critical" => 2,
        "error" => 3,
        "warning" | "warn" => 4,
        "notice" => 5,
        "info" => 6,
        "debug" | "all" => 7,
        "none" => -1,
        _ => return None,
    })
}

fn level_name(s: i32) -> &'static str {
    match s {
        -1 => "none",
        0 => "emergency",
        1 => "alert",
        2 => "critical",
        3 => "error",
        4 => "warning",
        5 => "notice",
        6 => "info",
        _ => "all",
    }
}

fn elixir_level_name(s: i32) -> &'static str {
    match s {
        7 => "debug",
        n => level_name(n),
    }
}

fn enabled(ctx: &Ctx, level: &Term) -> Result<bool, Trap> {
    let s = severity(level).ok_or(()).or_else(|_| badarg())?;
    Ok(s >= 0 && s <= ctx.vm.bif.log_level)
}

fn set_level(ctx: &mut Ctx, level: &Term) -> Result<(), Trap> {
    let s = severity(level).ok_or(()).or_else(|_| badarg())?;
    ctx.vm.bif.log_level = s;
    Ok(())
}

fn set_primary_config(ctx: &mut Ctx, a: &mut [Term]) -> R {
    if a[0].is_atom(Atom::intern("level")) {
        if severity(&a[1]).is_none() {
            return Ok(error(Term::tuple(vec![Term::atom("invalid_level"), a[1].clone()])));
        }
        set_level(ctx, &a[1])?;
    }
    Ok(Term::OK)
}

fn logger_configure(ctx: &mut Ctx, a: &mut [Term]) -> R {
    if let Some(l) = kw_get(&a[0], "level") {
        set_level(ctx, &l)?;
    }
    Ok(Term::OK)
}

fn compare_levels(_: &mut Ctx, a: &mut [Term]) -> R {
    let x = severity(&a[0]).ok_or(()).or_else(|_| badarg())?;
    let y = severity(&a[1]).ok_or(()).or_else(|_| badarg())?;
    // Higher severity number = less severe.
    Ok(Term::atom(if x == y {
        "eq"
    } else if x > y {
        "lt"
    } else {
        "gt"
    }))
}

/// `HH:MM:SS.mmm` (UTC) of the VM's system clock: the wall clock, or the virtual one with
/// `--virtual-time` (see [`crate::scheduler::clock::Clock::system_us`]).
pub fn timestamp(clock: &crate::scheduler::clock::Clock) -> String {
    let now = clock.system_us() / 1000;
    let day_ms = now % 86_400_000;
    let (h, m, s, ms) = (day_ms / 3_600_000, (day_ms / 60_000) % 60, (day_ms / 1000) % 60, day_ms % 1000);
    format!("{h:02}:{m:02}:{s:02}.{ms:03}")
}

/// `:retort_otp.log(level, chardata)`: prints `\nHH:MM:SS.mmm [level] message\n` when the
/// level is enabled. Returns `:ok`.
fn log(ctx: &mut Ctx, a: &mut [Term]) -> R {
    if !enabled(ctx, &a[0])? {
        return Ok(Term::OK);
    }
    let name = match a[0].as_atom().map(|x| x.name()) {
        Some("warn") => "warning",
        Some(n) => n,
        None => return badarg(),
    };
    let text = match text(&a[1]) {
        Some(b) => String::from_utf8_lossy(&b).into_owned(),
        None => ctx.vm.code.known.inspect(&a[1]),
    };
    let line = format!("\n{} [{}] {}\n", timestamp(&ctx.vm.clock), name, text);
    if super::capture::divert(ctx.p, super::capture::Device::Log, line.as_bytes()) {
        return Ok(Term::OK);
    }
    let _ = ctx.vm.out.write_all(line.as_bytes());
    Ok(Term::OK)
}

/// The reason part of Elixir's GenServer/Task termination reports: `\n** (RuntimeError) boom`
/// plus the stack trace for `{exception, stacktrace}`, else `\n** (stop) <format_exit>`.
pub fn format_reason(k: &Known, reason: &Term) -> String {
    if let Term::Tuple(t) = reason {
        if t.len() == 2 {
            if let Some(entries) = t[1].list_to_vec() {
                if !entries.is_empty() && entries.iter().all(|e| exception::format_stacktrace_entry(k, e).is_some()) {
                    // Logger.Translator: a reason that only normalizes to ErlangError is a "stop".
                    let normalized = exception::normalize(k, &t[0], &t[1]);
                    let erlang_error = match &normalized {
                        Term::Map(m) => m.get(&Term::Atom(Atom::STRUCT)).map(|x| x.is_atom(Atom::intern("Elixir.ErlangError"))).unwrap_or(false),
                        _ => false,
                    };
                    let banner = if erlang_error {
                        format!("** (stop) {}", exception::format_exit(k, &t[0]))
                    } else {
                        exception::format_banner(k, &Term::Atom(Atom::ERROR), &t[0], &t[1])
                    };
                    let trace = exception::format_stacktrace(k, &t[1]);
                    return format!("\n{}\n{}", banner, trace.trim_end_matches('\n'));
                }
            }
        }
    }
    format!("\n** (stop) {}", exception::format_exit(k, reason))
}

// ---------------------------------------------------------------- release handling

/// `:beam_lib.version(binary)`: `{:ok, {module, vsn_list}}` read from an object binary without
/// loading it (R21: `@vsn` as a one-element list, else the MD5 as an integer). Used by release
/// upgrades (R31) to find the old version.
fn beam_lib_version(_: &mut Ctx, a: &mut [Term]) -> R {
    let Some(bin) = a[0].as_bytes() else {
        return Ok(Term::tuple(vec![Term::atom("error"), Term::atom("beam_lib"), Term::tuple(vec![Term::atom("file_error"), a[0].clone(), Term::atom("enoent")])]));
    };
    let image = match crate::bytecode::file::decode(bin) {
        Ok(i) => i,
        Err(_) => {
            return Ok(Term::tuple(vec![Term::atom("error"), Term::atom("beam_lib"), Term::tuple(vec![Term::atom("not_a_beam_file"), a[0].clone()])]))
        }
    };
    let vsn = match image.attributes.iter().find(|(k, _)| k == "vsn") {
        Some((_, v)) => match crate::code::module::literal_to_term(v) {
            l @ (Term::Nil | Term::Cons(_)) => l,
            other => Term::list(vec![other]),
        },
        None => {
            // decode() checked the header's MD5 of the body: it is the module's MD5.
            let md5 = crate::bytecode::file::md5_of(bin);
            Term::list(vec![Term::from_bigint(num_bigint::BigInt::from_bytes_be(num_bigint::Sign::Plus, &md5))])
        }
    };
    Ok(ok(Term::tuple(vec![Term::atom(&image.name), vsn])))
}
