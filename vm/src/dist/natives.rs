//! The natives of distribution: `:erlang.node/0,1`, `nodes/0,1`, `is_alive/0`,
//! `get_cookie/0`, `set_cookie/1,2`, `disconnect_node/1` (as OTP 25's `erlang.erl` and
//! `net_kernel.erl` define them), and `:retort_dist.connect/1`, which `Node.connect/1`
//! (`stdlib/lib/node.ex`) calls and then waits in a `receive` for the outcome.

use super::control::ConnectStart;
use crate::bif::util::*;
use crate::bif::Ctx;
use crate::code::table::{CodeServer, NativeTable};
use crate::value::{Atom, Term};

fn node_0(ctx: &mut Ctx, _: &mut [Term]) -> R {
    Ok(Term::Atom(ctx.vm.ext.this_node().0))
}

/// `node(pid | ref | port)`: the node it belongs to.
fn node_1(ctx: &mut Ctx, a: &mut [Term]) -> R {
    match &a[0] {
        Term::Pid(p) => Ok(Term::Atom(ctx.vm.ext.pid_node(*p))),
        Term::Ref(r) if r & crate::io::tcp::PORT_BIT != 0 => Ok(Term::Atom(ctx.vm.ext.this_node().0)),
        Term::Ref(r) => Ok(Term::Atom(ctx.vm.ext.ref_node(*r))),
        _ => badarg(),
    }
}

/// `:erlang.nodes/0,1`: the connected nodes (`:visible`, `:hidden`, `:connected`, `:this`,
/// `:known`, or a list of these).
fn nodes(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let kinds: Vec<Atom> = match a.first() {
        None => vec![Atom::intern("visible")],
        Some(Term::Atom(k)) => vec![*k],
        Some(l) => {
            let mut v = Vec::new();
            for t in list(l)? {
                match t.as_atom() {
                    Some(k) => v.push(k),
                    None => return badarg(),
                }
            }
            v
        }
    };
    let Some(d) = ctx.vm.dist.as_deref() else {
        let this = kinds.iter().any(|k| k.name() == "this" || k.name() == "known");
        return Ok(Term::list(if this { vec![Term::atom("nonode@nohost")] } else { vec![] }));
    };
    let mut out = Vec::new();
    for k in kinds {
        match k.name() {
            "this" => out.push(Term::Atom(d.name)),
            "visible" => out.extend(d.order.iter().filter(|n| !d.hidden.contains(n)).map(|n| Term::Atom(*n))),
            "hidden" => out.extend(d.hidden.iter().map(|n| Term::Atom(*n))),
            "connected" => out.extend(d.order.iter().map(|n| Term::Atom(*n))),
            "known" => {
                out.push(Term::Atom(d.name));
                out.extend(d.order.iter().map(|n| Term::Atom(*n)));
            }
            _ => return badarg(),
        }
    }
    Ok(Term::list(out))
}

fn is_alive(ctx: &mut Ctx, _: &mut [Term]) -> R {
    Ok(Term::bool(ctx.vm.ext.alive()))
}

fn get_cookie(ctx: &mut Ctx, _: &mut [Term]) -> R {
    match ctx.vm.dist.as_deref() {
        Some(d) => Ok(Term::atom(&d.shared.me.lock().unwrap_or_else(|e| e.into_inner()).cookie)),
        None => Ok(Term::atom("nocookie")),
    }
}

/// `:erlang.set_cookie(cookie)` and `set_cookie(node, cookie)`: retort keeps one cookie for
/// every node, so the two-argument form sets it too when `node` is this node, and is accepted
/// (`true`) otherwise.
fn set_cookie(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let (node, cookie) = match a {
        [c] => (None, atom(c)?),
        [n, c] => (Some(atom(n)?), atom(c)?),
        _ => return badarg(),
    };
    let Some(d) = ctx.vm.dist.as_deref() else { return badarg() };
    if node.is_none() || node == Some(d.name) {
        d.shared.me.lock().unwrap_or_else(|e| e.into_inner()).cookie = cookie.name().to_string();
    }
    Ok(Term::TRUE)
}

/// `:erlang.disconnect_node/1`: `true` (also when not connected), `:ignored` when not alive.
fn disconnect_node(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let n = atom(&a[0])?;
    if ctx.vm.dist.is_none() {
        return Ok(Term::atom("ignored"));
    }
    ctx.vm.dist_disconnect(n);
    Ok(Term::TRUE)
}

/// `:retort_dist.connect(node)`: `true`/`false` when known at once, `:ignored` when not alive,
/// otherwise a reference: the caller then receives `{:retort_dist_connect, ref, boolean}`.
fn connect(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let n = atom(&a[0])?;
    let r = ctx.vm.make_ref();
    Ok(match ctx.vm.dist_connect(n, Some((ctx.p.pid, r))) {
        ConnectStart::Done(b) => Term::bool(b),
        ConnectStart::Ignored => Term::atom("ignored"),
        ConnectStart::Wait(r) => Term::Ref(r),
    })
}

/// `:erlang.monitor_node(node, flag)`: with `true`, the caller gets `{:nodedown, node}` when
/// the connection to `node` ends (at once if it cannot be made, or when not alive); `false`
/// removes one such monitor. Follows OTP 25's `erlang:monitor_node/2`.
fn monitor_node(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let n = atom(&a[0])?;
    let on = match &a[1] {
        Term::Atom(b) if *b == Atom::TRUE => true,
        Term::Atom(b) if *b == Atom::FALSE => false,
        _ => return badarg(),
    };
    let me = ctx.p.pid;
    let Some(d) = ctx.vm.dist.as_deref_mut() else {
        if on {
            ctx.p.mailbox.push_back(Term::tuple(vec![Term::atom("nodedown"), Term::Atom(n)]));
        }
        return Ok(Term::TRUE);
    };
    if !on {
        if let Some(i) = d.node_monitors.iter().position(|(w, x)| *w == me && *x == n) {
            d.node_monitors.remove(i);
        }
        return Ok(Term::TRUE);
    }
    if n == d.name {
        return Ok(Term::TRUE);
    }
    d.node_monitors.push((me, n));
    // Not connected: connect now; a failure delivers the nodedown.
    ctx.vm.dist_connect(n, None);
    Ok(Term::TRUE)
}

/// `:retort_dist.monitor_nodes(flag)`, behind `:net_kernel.monitor_nodes/1`: `{:nodeup, n}` /
/// `{:nodedown, n}` for every node.
fn monitor_nodes(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let on = a[0].is_atom(Atom::TRUE);
    let me = ctx.p.pid;
    let Some(d) = ctx.vm.dist.as_deref_mut() else { return Ok(Term::tuple(vec![Term::atom("error"), Term::atom("not_alive")])) };
    d.node_watchers.retain(|w| *w != me);
    if on {
        d.node_watchers.push(me);
    }
    Ok(Term::OK)
}

/// The distribution's natives; `Kernel.node/0,1` are aliases of `:erlang`'s (`kernel::ALIASES`).
pub fn register(c: &mut CodeServer) {
    c.register_table("erlang", ERLANG);
    c.register_table("retort_dist", RETORT_DIST);
}

/// The natives of `erlang`: `(name, arity, function)`.
const ERLANG: NativeTable = &[
    ("node", 0, node_0),
    ("node", 1, node_1),
    ("nodes", 0, nodes),
    ("nodes", 1, nodes),
    ("is_alive", 0, is_alive),
    ("get_cookie", 0, get_cookie),
    ("set_cookie", 1, set_cookie),
    ("set_cookie", 2, set_cookie),
    ("disconnect_node", 1, disconnect_node),
    ("monitor_node", 2, monitor_node),
];

/// The natives of `retort_dist`: `(name, arity, function)`.
const RETORT_DIST: NativeTable = &[
    ("connect", 1, connect),
    ("monitor_nodes", 1, monitor_nodes),
];
