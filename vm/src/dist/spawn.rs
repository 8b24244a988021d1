//! Spawning across nodes: `SPAWN_REQUEST` 29 and `SPAWN_REPLY` 31 / `SPAWN_REPLY_TT` 32, in
//! both directions, and the natives `:erlang.spawn_request/5` and
//! `:erlang.spawn_request_abandon/1` behind `Node.spawn*`, `:erpc` and `:rpc`
//! (`stdlib/lib/erpc.ex`).
//!
//! Follows OTP 25's `erl_dist_protocol.xml` and `erlang:spawn_request/5`:
//! - a request is `{29, ReqId, From, GroupLeader, {M, F, Arity}, OptList}` with the argument
//!   list as payload; `OptList` carries the options the spawning node acts on (`link`,
//!   `monitor`, and others retort ignores); `reply`/`reply_tag` stay with the requester;
//! - the reply is `{31, ReqId, To, Flags, Result}`, `Result` the new pid or an error atom,
//!   `Flags` bit 0 "link set up" and bit 1 "monitor set up" (the monitor's reference is
//!   `ReqId`);
//! - the requester gets `{Tag, ReqId, :ok, Pid}` / `{Tag, ReqId, :error, Reason}` (`Tag` is
//!   `:spawn_reply` unless `{:reply_tag, Tag}`), as `{:reply, :yes | :error_only | :no}` says;
//!   a connection that fails or drops first gives `:noconnection`.

use super::control::ctl;
use super::SpawnReq;
use crate::bif::util::*;
use crate::bif::Ctx;
use crate::value::{Atom, Term};
use crate::Vm;

const FLAG_LINK: i64 = 1;
const FLAG_MONITOR: i64 = 2;

/// The options of a `spawn_request/5` call, parsed.
struct Opts {
    link: bool,
    monitor: bool,
    reply_ok: bool,
    reply_error: bool,
    tag: Term,
}

fn parse_opts(t: &Term) -> Result<Opts, crate::error::Trap> {
    let mut o = Opts { link: false, monitor: false, reply_ok: true, reply_error: true, tag: Term::atom("spawn_reply") };
    for x in list(t)? {
        match &x {
            Term::Atom(a) if a.name() == "link" => o.link = true,
            Term::Atom(a) if a.name() == "monitor" => o.monitor = true,
            Term::Tuple(t) if t.len() == 2 => match t[0].as_atom().map(|a| a.name()) {
                Some("monitor") => o.monitor = true,
                Some("reply_tag") => o.tag = t[1].clone(),
                Some("reply") => match t[1].as_atom().map(|a| a.name()) {
                    Some("yes") => (o.reply_ok, o.reply_error) = (true, true),
                    Some("error_only") => (o.reply_ok, o.reply_error) = (false, true),
                    Some("no") => (o.reply_ok, o.reply_error) = (false, false),
                    _ => return badarg(),
                },
                // priority, fullsweep_after, ...: accepted, no effect here
                _ => {}
            },
            _ => {}
        }
    }
    Ok(o)
}

fn reply_msg(tag: &Term, req: u64, ok: bool, v: Term) -> Term {
    Term::tuple(vec![tag.clone(), Term::Ref(req), Term::atom(if ok { "ok" } else { "error" }), v])
}

impl Vm {
    /// A `SPAWN_REQUEST` from `node`: spawns `apply(M, F, args)` here, links it to / lets it
    /// be monitored by the requester as asked, and answers `SPAWN_REPLY`. A malformed
    /// request is answered with `badarg`.
    pub(super) fn dist_spawn_request_in(&mut self, node: Atom, control: &Term, args: Term) {
        let Term::Tuple(c) = control else { return };
        let req = c.get(1).cloned().unwrap_or(Term::Nil);
        let Some(Term::Pid(from)) = c.get(2).cloned() else { return };
        let mfa = match c.get(4) {
            Some(Term::Tuple(t)) if t.len() == 3 => t[0].as_atom().zip(t[1].as_atom()),
            _ => None,
        };
        let args = list(&args).ok();
        let (Some((m, f)), Some(args), Term::Ref(r)) = (mfa, args, &req) else {
            self.dist_control(node, ctl(31, vec![req, Term::Pid(from), Term::Int(0), Term::atom("badarg")]), None);
            return;
        };
        let r = *r;
        let (mut link, mut monitor) = (false, false);
        for o in list(c.get(5).unwrap_or(&Term::Nil)).unwrap_or_default() {
            match &o {
                Term::Atom(a) if a.name() == "link" => link = true,
                Term::Atom(a) if a.name() == "monitor" => monitor = true,
                Term::Tuple(t) if t.len() == 2 && t[0].is_atom(Atom::intern("monitor")) => monitor = true,
                _ => {}
            }
        }
        let pid = self.spawn(m, f, args);
        if let Some(p) = self.procs.get_mut(pid) {
            let e = p.ext_mut();
            if link {
                e.links.push(from);
            }
            if monitor {
                e.monitored_by.push((r, from, None));
            }
        }
        let flags = if link { FLAG_LINK } else { 0 } | if monitor { FLAG_MONITOR } else { 0 };
        // Sent now, before the new process runs: nothing it signals can overtake the reply.
        self.dist_control(node, ctl(31, vec![req, Term::Pid(from), Term::Int(flags), Term::Pid(pid)]), None);
    }

    /// A `SPAWN_REPLY` for one of this node's requests: sets up the link and monitor on this
    /// side and tells the requester. For an abandoned request, or a requester that has
    /// ended, the link is broken (`abandoned` / `noproc`) and the monitor removed.
    pub(super) fn dist_spawn_reply_in(&mut self, node: Atom, control: &Term) {
        let Term::Tuple(c) = control else { return };
        let (Some(Term::Ref(req)), Some(Term::Int(flags))) = (c.get(1), c.get(3)) else { return };
        let (req, flags) = (*req, *flags);
        let result = c.get(4).cloned().unwrap_or(Term::Nil);
        let Some(sr) = self.dist.as_deref_mut().and_then(|d| d.spawn_requests.remove(&req)) else { return };
        let Term::Pid(pid) = result else {
            if sr.reply_error && !sr.abandoned {
                self.send(sr.from, reply_msg(&sr.tag, req, false, result));
            }
            return;
        };
        let alive = self.is_alive(sr.from);
        if sr.abandoned || !alive {
            let why = if sr.abandoned { "abandoned" } else { "noproc" };
            if flags & FLAG_LINK != 0 {
                self.dist_control(node, ctl(3, vec![Term::Pid(sr.from), Term::Pid(pid), Term::atom(why)]), None);
            }
            if flags & FLAG_MONITOR != 0 {
                self.dist_control(node, ctl(20, vec![Term::Pid(sr.from), Term::Pid(pid), Term::Ref(req)]), None);
            }
            return;
        }
        if let Some(p) = self.procs.get_mut(sr.from) {
            let e = p.ext_mut();
            if flags & FLAG_LINK != 0 && !e.links.contains(&pid) {
                e.links.push(pid);
            }
            if flags & FLAG_MONITOR != 0 {
                e.monitors.push((req, pid));
            }
        }
        if flags & FLAG_MONITOR != 0 {
            if let Some(d) = self.dist.as_deref_mut() {
                d.remote_monitors.insert(req, (node, Term::Pid(pid)));
            }
        }
        if sr.reply_ok {
            self.send(sr.from, reply_msg(&sr.tag, req, true, Term::Pid(pid)));
        }
    }

    /// The connection to `node` failed or ended: its outstanding spawn requests fail with
    /// `noconnection`.
    pub(super) fn dist_spawn_node_down(&mut self, node: Atom) {
        let Some(d) = self.dist.as_deref_mut() else { return };
        let gone: Vec<u64> = d.spawn_requests.iter().filter(|(_, s)| s.node == node).map(|(r, _)| *r).collect();
        for r in gone {
            let Some(sr) = self.dist.as_deref_mut().and_then(|d| d.spawn_requests.remove(&r)) else { continue };
            if sr.reply_error && !sr.abandoned {
                self.send(sr.from, reply_msg(&sr.tag, r, false, Term::atom("noconnection")));
            }
        }
    }
}

/// `:erlang.spawn_request(node, m, f, args, opts)`: a reference at once; the outcome arrives
/// as a message (see the module documentation). On this node the process is spawned, linked
/// and monitored at once; when this node is not alive the reply is `:notalive`.
fn spawn_request(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let (node, m, f) = (atom(&a[0])?, atom(&a[1])?, atom(&a[2])?);
    let args = list(&a[3])?;
    let o = parse_opts(&a[4])?;
    let r = ctx.vm.make_ref();
    let me = ctx.p.pid;
    if node == ctx.vm.ext.this_node().0 {
        let pid = ctx.vm.spawn(m, f, args);
        if let Some(p) = ctx.vm.procs.get_mut(pid) {
            if o.link {
                p.ext_mut().links.push(me);
            }
            if o.monitor {
                p.ext_mut().monitored_by.push((r, me, None));
            }
        }
        if o.link {
            ctx.p.ext_mut().links.push(pid);
        }
        if o.monitor {
            ctx.p.ext_mut().monitors.push((r, pid));
        }
        if o.reply_ok {
            ctx.p.mailbox.push_back(reply_msg(&o.tag, r, true, Term::Pid(pid)));
        }
        return Ok(Term::Ref(r));
    }
    let gl = ctx.vm.registry.get(&Atom::intern("retort_group_leader")).copied().unwrap_or(me);
    if ctx.vm.dist.is_none() {
        if o.reply_error {
            ctx.p.mailbox.push_back(reply_msg(&o.tag, r, false, Term::atom("notalive")));
        }
        return Ok(Term::Ref(r));
    }
    let arity = args.len();
    let payload = Term::list(args);
    if crate::bif::etf::encode(&payload, &ctx.vm.ext).is_err() {
        // An argument the external term format cannot carry (a local fun, a port).
        return badarg();
    }
    let Some(d) = ctx.vm.dist.as_deref_mut() else { return badarg() };
    d.spawn_requests.insert(r, SpawnReq { node, from: me, tag: o.tag, reply_ok: o.reply_ok, reply_error: o.reply_error, abandoned: false });
    let mut remote_opts = Vec::new();
    if o.link {
        remote_opts.push(Term::atom("link"));
    }
    if o.monitor {
        remote_opts.push(Term::atom("monitor"));
    }
    let mfa = Term::tuple(vec![Term::Atom(m), Term::Atom(f), Term::Int(arity as i64)]);
    let control = ctl(29, vec![Term::Ref(r), Term::Pid(me), Term::Pid(gl), mfa, Term::list(remote_opts)]);
    ctx.vm.dist_control(node, control, Some(&payload));
    Ok(Term::Ref(r))
}

/// `:erlang.spawn_request_abandon(req)`: true if the request was outstanding (its reply will
/// be dropped, the new process unlinked with `abandoned` and unmonitored), false otherwise.
fn spawn_request_abandon(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let Term::Ref(r) = a[0] else { return badarg() };
    let me = ctx.p.pid;
    let Some(sr) = ctx.vm.dist.as_deref_mut().and_then(|d| d.spawn_requests.get_mut(&r)) else { return Ok(Term::FALSE) };
    if sr.from != me || sr.abandoned {
        return Ok(Term::FALSE);
    }
    sr.abandoned = true;
    Ok(Term::TRUE)
}

/// The natives of this file.
pub fn register(c: &mut crate::code::table::CodeServer) {
    c.register_table("erlang", ERLANG);
}

/// The natives of `erlang` defined here: `(name, arity, function)`.
const ERLANG: crate::code::table::NativeTable = &[("spawn_request", 5, spawn_request), ("spawn_request_abandon", 1, spawn_request_abandon)];
