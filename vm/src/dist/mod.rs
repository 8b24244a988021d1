//! Erlang distribution: a retort node joins a BEAM cluster (issue 17).
//!
//! - `ext.rs`: this node's name and creation; other nodes' pids and references as terms;
//! - `epmd.rs`: registration and lookup in EPMD;
//! - `handshake.rs`: the version-6 handshake in both roles, the flags;
//! - `connection.rs`: the I/O threads (listener, handshakes, a reader and a writer per
//!   connection, ticks), which move bytes only;
//! - `control.rs`: on the VM's thread, the node table, control messages in and out
//!   (`SEND`, `REG_SEND`, links, monitors, exits), connecting and disconnecting;
//! - `spawn.rs`: `SPAWN_REQUEST`/`SPAWN_REPLY` both ways, `:erlang.spawn_request/5`;
//! - `natives.rs`: `:erlang.node/0,1`, `nodes/0,1`, `is_alive/0`, cookies, `:retort_dist`.
//!
//! While distributed, the scheduler waits in its poller even when no socket is armed: the I/O
//! threads wake it with `Poller::notify` when an event is queued (`scheduler/poll.rs`).
//! `stdlib/lib/node.ex` holds `Node` and the registered `:net_kernel` process that answers the
//! BEAM's `Node.ping/1`.

pub mod connection;
pub mod control;
pub mod epmd;
pub mod ext;
pub mod handshake;
pub mod natives;
pub mod spawn;

use crate::value::{Atom, Pid, Term};
use crate::Vm;
use connection::{Event, Shared};
use std::collections::HashMap;
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::Arc;
use std::time::Duration;

/// How `retort run --name/--sname` starts distribution.
#[derive(Clone, Debug)]
pub struct Options {
    /// The full node name, `alive@host`.
    pub name: String,
    /// The cookie; None: `~/.erlang.cookie` (created with a random cookie if missing, as `erl`
    /// does).
    pub cookie: Option<String>,
    /// A hidden node (not `PUBLISHED`; only in the peer's `Node.list(:hidden)`).
    pub hidden: bool,
    /// `net_ticktime` in seconds (60 by default, as the BEAM's).
    pub ticktime: u64,
}

/// An established connection, on the VM's side.
pub struct Conn {
    pub id: u64,
    pub tx: Sender<Vec<u8>>,
    /// The flags in force.
    pub flags: u64,
    pub creation: u32,
    /// Set by the writer thread once it has written every frame handed to it and closed the
    /// socket (after `tx` is dropped): what [`Vm::dist_flush`] waits for.
    pub written: Arc<std::sync::atomic::AtomicBool>,
}

impl Vm {
    /// Before the node halts (`System.halt/0,1`, or the main process ending): closes every
    /// connection after the frames already queued, and waits until their writers have put
    /// them on the wire, at most `max`. Frames for connections still being set up are
    /// dropped, as the BEAM's halt drops them.
    pub fn dist_flush(&mut self, max: Duration) {
        let Some(d) = self.dist.as_deref_mut() else { return };
        let flags: Vec<_> = d.conns.drain().map(|(_, c)| c.written).collect();
        d.ids.clear();
        d.order.clear();
        d.hidden.clear();
        let deadline = std::time::Instant::now() + max;
        while std::time::Instant::now() < deadline && !flags.iter().all(|f| f.load(std::sync::atomic::Ordering::Acquire)) {
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

/// A connection being set up: who waits for its outcome (`Node.connect/1`: pid and the
/// reference of its reply), and frames sent meanwhile (auto-connect on first send).
#[derive(Default)]
pub struct Pending {
    pub waiters: Vec<(Pid, u64)>,
    pub queue: Vec<Vec<u8>>,
}

/// A `spawn_request` this node sent and whose `SPAWN_REPLY` has not come (`erlang:spawn_request/5`
/// of OTP 25: the reply message is `{tag, req, :ok, pid}` or `{tag, req, :error, reason}`).
pub struct SpawnReq {
    /// The node asked to spawn.
    pub node: Atom,
    /// The requesting process.
    pub from: Pid,
    /// The first element of the reply message (`:spawn_reply` unless `{:reply_tag, t}`).
    pub tag: Term,
    /// `{:reply, :yes | :error_only | :no}`: whether success / failure are reported.
    pub reply_ok: bool,
    pub reply_error: bool,
    /// `spawn_request_abandon/1` was called: the reply is dropped, a link is broken with
    /// `abandoned` and a monitor removed.
    pub abandoned: bool,
}

/// The distribution's state on the VM's thread (`Vm::dist`).
pub struct Dist {
    pub shared: Arc<Shared>,
    pub events: Receiver<Event>,
    pub name: Atom,
    pub conns: HashMap<Atom, Conn>,
    pub ids: HashMap<u64, Atom>,
    pub pending: HashMap<Atom, Pending>,
    /// Connected nodes in connection order (`Node.list/0`), and which are hidden.
    pub order: Vec<Atom>,
    pub hidden: Vec<Atom>,
    /// Monitors of other nodes' processes held by local processes: reference → (node, the
    /// monitored pid or registered name), for `DEMONITOR_P` and `noconnection`.
    pub remote_monitors: HashMap<u64, (Atom, Term)>,
    /// `:erlang.monitor_node/2`: (watcher, node), once per call; each gets `{:nodedown, node}`.
    pub node_monitors: Vec<(Pid, Atom)>,
    /// `:net_kernel.monitor_nodes(true)`: each gets `{:nodeup, n}` and `{:nodedown, n}`.
    pub node_watchers: Vec<Pid>,
    /// Outstanding spawn requests by their reference (`control.rs`).
    pub spawn_requests: HashMap<u64, SpawnReq>,
    /// The EPMD registration: closing it unregisters.
    _epmd: TcpStream,
}

/// The cookie in `~/.erlang.cookie`, created (20 random capitals, mode 0400) if missing, as
/// `auth.erl` does.
pub fn default_cookie() -> Result<String, String> {
    let home = std::env::var("HOME").map_err(|_| "HOME is not set: pass --cookie".to_string())?;
    let path = std::path::Path::new(&home).join(".erlang.cookie");
    if let Ok(s) = std::fs::read_to_string(&path) {
        return Ok(s.trim().to_string());
    }
    let mut b = [0u8; 20];
    let _ = getrandom::fill(&mut b);
    let cookie: String = b.iter().map(|x| (b'A' + x % 26) as char).collect();
    std::fs::write(&path, &cookie).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400));
    }
    Ok(cookie)
}

/// This host's name: the full name (`--name NAME` without `@`) or its first label (`--sname`),
/// as `net_kernel` derives them.
pub fn host_name(short: bool) -> String {
    let h = std::fs::read_to_string("/proc/sys/kernel/hostname").map(|s| s.trim().to_string()).ok().filter(|s| !s.is_empty()).or_else(|| std::env::var("HOSTNAME").ok()).unwrap_or_else(|| "localhost".into());
    if short {
        h.split('.').next().unwrap_or("localhost").to_string()
    } else {
        h
    }
}

/// Makes `vm` a distributed node: listens on an ephemeral port, registers in EPMD (starting
/// it if needed), sets this node's name and creation, starts the listener thread and the
/// registered `:net_kernel` process. Errors are the message to print.
pub fn start(vm: &mut Vm, opts: Options) -> Result<(), String> {
    let Some((alive, host)) = opts.name.split_once('@') else { return Err(format!("invalid node name {:?}: expected name@host", opts.name)) };
    if alive.is_empty() || host.is_empty() {
        return Err(format!("invalid node name {:?}", opts.name));
    }
    let cookie = match opts.cookie {
        Some(c) => c,
        None => default_cookie()?,
    };
    if vm.io.is_none() {
        vm.io = Some(Box::new(crate::io::tcp::Sockets::new().map_err(|e| format!("cannot create the poller: {e}"))?));
    }
    let notify = vm.io.as_ref().map(|io| io.notifier()).ok_or("no poller")?;
    let listener = TcpListener::bind("0.0.0.0:0").map_err(|e| format!("cannot listen: {e}"))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let (epmd, creation) = epmd::register(alive, port, opts.hidden).map_err(|e| format!("could not register {} with EPMD on port {}: {e}", opts.name, epmd::epmd_port()))?;
    let name = Atom::intern(&opts.name);
    vm.ext.set_this_node(Some((name, creation)));
    let flags = handshake::OFFERED | if opts.hidden { 0 } else { handshake::flags::PUBLISHED };
    let me = handshake::Me { name: opts.name.clone(), cookie, creation, flags };
    let (shared, events) = Shared::new(me, Duration::from_secs(opts.ticktime.max(1)), notify);
    connection::listen(shared.clone(), listener);
    vm.dist = Some(Box::new(Dist { shared, events, name, conns: HashMap::new(), ids: HashMap::new(), pending: HashMap::new(), order: Vec::new(), hidden: Vec::new(), remote_monitors: HashMap::new(), node_monitors: Vec::new(), node_watchers: Vec::new(), spawn_requests: HashMap::new(), _epmd: epmd }));
    // The registered net_kernel (stdlib/lib/node.ex) answers the BEAM's ping; rex and the
    // group leader of processes spawned elsewhere are in stdlib/lib/erpc.ex.
    for (name, module, function) in [("net_kernel", "net_kernel", "__retort_loop__"), ("rex", "rpc", "__retort_rex__"), ("retort_group_leader", "erpc", "__retort_group_leader__")] {
        let name = Atom::intern(name);
        let pid = vm.spawn(Atom::intern(module), Atom::intern(function), vec![]);
        vm.registry.insert(name, pid);
        if let Some(p) = vm.procs.get_mut(pid) {
            p.ext_mut().registered = Some(name);
        }
    }
    Ok(())
}

/// The message a `Node.connect/1` waiter gets: `{:retort_dist_connect, ref, result}`.
pub fn connect_reply(r: u64, ok: bool) -> Term {
    Term::tuple(vec![Term::atom("retort_dist_connect"), Term::Ref(r), Term::bool(ok)])
}
