//! The distribution on the VM's thread: events from the I/O threads, the node table, and the
//! control messages of the distribution protocol, decoded and encoded here (terms never leave
//! this thread).
//!
//! Follows the "Protocol between connected nodes" chapter of OTP 25's
//! `erts/doc/src/erl_dist_protocol.xml` and `erts/emulator/beam/dist.c`. Without the atom cache
//! (retort does not offer `DIST_HDR_ATOM_CACHE`) a frame is byte 112 ("pass through"), then the
//! control tuple and, for messages, the payload, each a full external term (131 first).
//!
//! Accepted: `SEND` 2, `SEND_SENDER` 22, `SEND_TT` 12, `SEND_SENDER_TT` 23, `REG_SEND` 6,
//! `REG_SEND_TT` 16, `ALIAS_SEND` 33 / `ALIAS_SEND_TT` 34, `LINK` 1, `UNLINK` 4, `UNLINK_ID` 35
//! (answered with `UNLINK_ID_ACK` 36), `EXIT` 3 / `EXIT_TT` 13 / `PAYLOAD_EXIT` 24, `EXIT2` 8 /
//! `EXIT2_TT` 18 / `PAYLOAD_EXIT2` 26, `MONITOR_P` 19, `DEMONITOR_P` 20, `SPAWN_REQUEST` 29
//! and `SPAWN_REPLY` 31 / `SPAWN_REPLY_TT` 32 (`spawn.rs`); others are ignored. A frame
//! that does not decode is logged and dropped; the connection stays.

use super::{connect_reply, connection, ext, Conn, Pending};
use crate::bif::etf;
use crate::scheduler::Signal;
use crate::value::{Atom, Pid, Term};
use crate::Vm;

const PASS_THROUGH: u8 = 112;

/// What `Node.connect/1` gets back from [`Vm::dist_connect`].
pub enum ConnectStart {
    /// Connected already (or this node itself).
    Done(bool),
    /// Not distributed: `:ignored`.
    Ignored,
    /// Under way: the caller receives `{:retort_dist_connect, ref, result}`.
    Wait(u64),
}

/// Prints a line as Elixir's console logger prints an `error_msg` report of the BEAM's
/// distribution (`\nHH:MM:SS.mmm [error] text\n`, the text ending with its own newline).
pub fn log_error(text: &str) {
    let ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or(0);
    let day = (ms % 86_400_000) as u64;
    eprintln!("\n{:02}:{:02}:{:02}.{:03} [error] {}\n", day / 3_600_000, day / 60_000 % 60, day / 1000 % 60, day % 1000, text);
}

fn encode_frame(ext: &ext::ExtTable, control: &Term, payload: Option<&Term>) -> Option<Vec<u8>> {
    let mut f = vec![PASS_THROUGH];
    f.extend(etf::encode(control, ext).ok()?);
    if let Some(p) = payload {
        f.extend(etf::encode(p, ext).ok()?);
    }
    Some(f)
}

pub(super) fn ctl(tag: i64, rest: Vec<Term>) -> Term {
    let mut v = vec![Term::Int(tag)];
    v.extend(rest);
    Term::tuple(v)
}

/// The node and the `MONITOR_P` target of a monitor's argument when it names another node's
/// process: a pid of another node, or `{name, node}` with another node.
pub fn remote_target(ext: &ext::ExtTable, t: &Term) -> Option<(Atom, Term)> {
    match t {
        Term::Pid(p) if ext::is_ext_pid(*p) => ext::pid_info(*p).map(|e| (e.node, t.clone())),
        Term::Tuple(tu) if tu.len() == 2 => {
            let (name, node) = (tu[0].as_atom()?, tu[1].as_atom()?);
            (node != ext.this_node().0).then_some((node, Term::Atom(name)))
        }
        _ => None,
    }
}

/// What a local process's monitor list holds for a remote monitor: the pid, or for a name a
/// marker pid of that node (id 0, creation 0), so `noconnection` finds it by node.
pub fn node_marker(ext: &mut ext::ExtTable, node: Atom, t: &Term) -> Pid {
    match t {
        Term::Pid(p) => *p,
        _ => ext.pid(ext::ExtPid { node, id: 0, serial: 0, creation: 0 }),
    }
}

impl Vm {
    /// Handles what the I/O threads reported: connections up and down, frames, failed
    /// connects, log lines. Returns how many events were handled.
    pub fn dist_pump(&mut self) -> usize {
        let Some(d) = self.dist.as_deref() else { return 0 };
        let events: Vec<connection::Event> = d.events.try_iter().collect();
        let n = events.len();
        for e in events {
            match e {
                connection::Event::Up { conn, peer, tx, written } => self.dist_up(conn, peer, tx, written),
                connection::Event::Frame { conn, data } => {
                    let node = self.dist.as_deref().and_then(|d| d.ids.get(&conn).copied());
                    if let Some(node) = node {
                        self.dist_frame_in(node, &data);
                    }
                }
                connection::Event::Down { conn } => self.dist_down(conn),
                connection::Event::ConnectFailed { node, nok } => {
                    let node = Atom::intern(&node);
                    if nok {
                        // The peer connects to us instead: its connection resolves the waiters.
                        continue;
                    }
                    self.dist_fail_pending(node);
                }
                connection::Event::Log(line) => log_error(&line),
            }
        }
        n
    }

    fn dist_up(&mut self, conn: u64, peer: super::handshake::Peer, tx: std::sync::mpsc::Sender<Vec<u8>>, written: std::sync::Arc<std::sync::atomic::AtomicBool>) {
        let Some(d) = self.dist.as_deref_mut() else { return };
        let node = Atom::intern(&peer.name);
        if let Some(old) = d.conns.remove(&node) {
            // The peer reconnected (it restarted, or won a simultaneous connect): the old
            // connection is dropped, its writer closes the socket.
            d.ids.remove(&old.id);
            d.order.retain(|n| *n != node);
            d.hidden.retain(|n| *n != node);
        }
        d.ids.insert(conn, node);
        d.order.push(node);
        if peer.flags & super::handshake::flags::PUBLISHED == 0 {
            d.hidden.push(node);
        }
        d.shared.nodes.lock().unwrap_or_else(|e| e.into_inner()).insert(peer.name.clone(), connection::NodeState::Up);
        let pending = d.pending.remove(&node).unwrap_or_default();
        for f in pending.queue {
            let _ = tx.send(f);
        }
        d.conns.insert(node, Conn { id: conn, tx, flags: peer.flags, creation: peer.creation, written });
        let watchers = d.node_watchers.clone();
        for (pid, r) in pending.waiters {
            self.send(pid, connect_reply(r, true));
        }
        for w in watchers {
            self.send(w, Term::tuple(vec![Term::atom("nodeup"), Term::Atom(node)]));
        }
    }

    fn dist_fail_pending(&mut self, node: Atom) {
        let Some(d) = self.dist.as_deref_mut() else { return };
        let Some(p) = d.pending.remove(&node) else { return };
        if !d.conns.contains_key(&node) {
            d.shared.nodes.lock().unwrap_or_else(|e| e.into_inner()).remove(node.name());
        }
        for (pid, r) in p.waiters {
            self.send(pid, connect_reply(r, false));
        }
        // Links and monitors made meanwhile get `noconnection`.
        self.dist_node_down(node);
    }

    fn dist_down(&mut self, conn: u64) {
        let Some(d) = self.dist.as_deref_mut() else { return };
        let Some(node) = d.ids.remove(&conn) else { return };
        d.conns.remove(&node);
        d.order.retain(|n| *n != node);
        d.hidden.retain(|n| *n != node);
        d.shared.nodes.lock().unwrap_or_else(|e| e.into_inner()).remove(node.name());
        let watchers = d.node_watchers.clone();
        self.dist_node_down(node);
        for w in watchers {
            self.send(w, Term::tuple(vec![Term::atom("nodedown"), Term::Atom(node)]));
        }
    }

    /// A connection to `node` ended: local processes linked to its processes get an exit
    /// signal `noconnection`, monitors of its processes fire with `noconnection`, and its
    /// processes' monitors of ours are dropped (dist.c `erts_do_net_exits`).
    fn dist_node_down(&mut self, node: Atom) {
        if let Some(d) = self.dist.as_deref_mut() {
            let (down, keep): (Vec<_>, Vec<_>) = d.node_monitors.drain(..).partition(|(_, n)| *n == node);
            d.node_monitors = keep;
            for (w, _) in down {
                self.send(w, Term::tuple(vec![Term::atom("nodedown"), Term::Atom(node)]));
            }
        }
        self.dist_spawn_node_down(node);
        let on_node = |p: &Pid| ext::pid_info(*p).is_some_and(|e| e.node == node);
        let mut signals: Vec<(Pid, Pid)> = Vec::new();
        let mut downs: Vec<(Pid, u64, Pid)> = Vec::new();
        let pids: Vec<Pid> = self.procs.pids().collect();
        for pid in pids {
            let Some(p) = self.procs.get_mut(pid) else { continue };
            let Some(e) = p.ext.as_mut() else { continue };
            for l in e.links.iter().filter(|l| on_node(l)) {
                signals.push((*l, pid));
            }
            e.links.retain(|l| !on_node(l));
            e.monitored_by.retain(|(_, w, _)| !on_node(w));
            for (r, t) in e.monitors.iter().filter(|(_, t)| on_node(t)) {
                downs.push((pid, *r, *t));
            }
            e.monitors.retain(|(_, t)| !on_node(t));
        }
        for (from, to) in signals {
            self.deliver(to, Signal::Exit { from, reason: Term::atom("noconnection"), kill: false });
        }
        for (watcher, r, target) in downs {
            let object = match self.dist.as_deref_mut().and_then(|d| d.remote_monitors.remove(&r)) {
                Some((_, Term::Atom(name))) => Term::tuple(vec![Term::Atom(name), Term::Atom(node)]),
                _ => Term::Pid(target),
            };
            let msg = Term::tuple(vec![Term::Atom(Atom::DOWN), Term::Ref(r), Term::Atom(Atom::PROCESS), object, Term::atom("noconnection")]);
            self.send(watcher, msg);
        }
    }

    /// Starts connecting to `node` unless connected or under way; `waiter` (a pid and the
    /// reference of its reply) is told the outcome.
    pub fn dist_connect(&mut self, node: Atom, waiter: Option<(Pid, u64)>) -> ConnectStart {
        let Some(d) = self.dist.as_deref_mut() else { return ConnectStart::Ignored };
        if node == d.name || d.conns.contains_key(&node) {
            return ConnectStart::Done(true);
        }
        if !node.name().contains('@') {
            return ConnectStart::Done(false);
        }
        let fresh = !d.pending.contains_key(&node);
        let p = d.pending.entry(node).or_insert_with(Pending::default);
        let r = waiter.map(|(pid, r)| {
            p.waiters.push((pid, r));
            r
        });
        if fresh {
            d.shared.nodes.lock().unwrap_or_else(|e| e.into_inner()).insert(node.name().to_string(), connection::NodeState::Pending);
            connection::connect(d.shared.clone(), node.name().to_string());
        }
        match r {
            Some(r) => ConnectStart::Wait(r),
            None => ConnectStart::Done(false),
        }
    }

    /// Disconnects `node` (`Node.disconnect/1`): true if it was connected.
    pub fn dist_disconnect(&mut self, node: Atom) -> bool {
        let Some(d) = self.dist.as_deref_mut() else { return false };
        let Some(c) = d.conns.get(&node) else { return false };
        let id = c.id;
        // Dropping the sender ends the writer, which shuts the socket down (and the reader).
        self.dist_down(id);
        true
    }

    /// Queues a frame for `node`, connecting first if needed (the BEAM's auto-connect).
    fn dist_frame_out(&mut self, node: Atom, frame: Vec<u8>) {
        if std::env::var_os("RETORT_DIST_TRACE").is_some() {
            let c = etf::decode(frame.get(1..).unwrap_or_default(), false, &mut self.ext, Some(&self.code)).ok().flatten().map(|(t, _)| crate::value::inspect::inspect_default(&t));
            eprintln!("dist out {node}: {c:?} ({} bytes)", frame.len());
        }
        let Some(d) = self.dist.as_deref_mut() else { return };
        if node == d.name {
            return;
        }
        if let Some(c) = d.conns.get(&node) {
            let _ = c.tx.send(frame);
            return;
        }
        self.dist_connect(node, None);
        if let Some(p) = self.dist.as_deref_mut().and_then(|d| d.pending.get_mut(&node)) {
            p.queue.push(frame);
        }
    }

    /// Sends a control message (and payload) to `node`.
    pub(super) fn dist_control(&mut self, node: Atom, control: Term, payload: Option<&Term>) {
        match encode_frame(&self.ext, &control, payload) {
            Some(f) => self.dist_frame_out(node, f),
            None => log_error(&format!("** retort: a message to {node} cannot be encoded in the external term format; dropped **")),
        }
    }

    /// A signal for another node's process (from [`Vm::deliver`]): a message is `SEND`, an exit
    /// signal `EXIT2` (`Process.exit/2`). Sends to a pid of an earlier incarnation of this node
    /// are dropped.
    pub fn dist_signal(&mut self, to: Pid, sig: Signal) {
        let Some(e) = ext::pid_info(to) else { return };
        match sig {
            Signal::Message(m) => self.dist_control(e.node, ctl(2, vec![Term::atom(""), Term::Pid(to)]), Some(&m)),
            Signal::Exit { from, reason, .. } => self.dist_control(e.node, ctl(8, vec![Term::Pid(from), Term::Pid(to), reason]), None),
        }
    }

    /// `send({name, node}, msg)` for another node: `REG_SEND`.
    pub fn dist_reg_send(&mut self, from: Pid, name: Atom, node: Atom, msg: Term) {
        self.dist_control(node, ctl(6, vec![Term::Pid(from), Term::atom(""), Term::Atom(name)]), Some(&msg));
    }

    /// A local process `from` linked to the remote `to` ended: `EXIT`.
    pub fn dist_link_exit(&mut self, from: Pid, to: Pid, reason: Term) {
        if let Some(e) = ext::pid_info(to) {
            self.dist_control(e.node, ctl(3, vec![Term::Pid(from), Term::Pid(to), reason]), None);
        }
    }

    /// A local process monitored by the remote `watcher` ended: `MONITOR_P_EXIT`
    /// `{21, FromProc, ToPid, Ref, Reason}`, `FromProc` the name it was monitored by, if any.
    pub fn dist_monitor_exit(&mut self, target: Pid, name: Option<Atom>, watcher: Pid, r: u64, reason: Term) {
        if let Some(e) = ext::pid_info(watcher) {
            let from = name.map_or(Term::Pid(target), Term::Atom);
            self.dist_control(e.node, ctl(21, vec![from, Term::Pid(watcher), Term::Ref(r), reason]), None);
        }
    }

    /// `Process.link/1` to a remote pid: `LINK`.
    pub fn dist_link(&mut self, from: Pid, to: Pid) {
        if let Some(e) = ext::pid_info(to) {
            self.dist_control(e.node, ctl(1, vec![Term::Pid(from), Term::Pid(to)]), None);
        }
    }

    /// `Process.unlink/1` of a remote pid: `UNLINK_ID` (the acknowledgement is not awaited).
    pub fn dist_unlink(&mut self, from: Pid, to: Pid) {
        if let Some(e) = ext::pid_info(to) {
            let id = self.make_ref() as i64;
            self.dist_control(e.node, ctl(35, vec![Term::Int(id), Term::Pid(from), Term::Pid(to)]), None);
        }
    }

    /// `Process.monitor/1` of a remote pid or `{name, node}`: `MONITOR_P` (connecting first
    /// if needed; a failed connect fires it with `noconnection`).
    pub fn dist_monitor(&mut self, from: Pid, node: Atom, target: Term, r: u64) {
        if let Some(d) = self.dist.as_deref_mut() {
            d.remote_monitors.insert(r, (node, target.clone()));
        }
        self.dist_control(node, ctl(19, vec![Term::Pid(from), target, Term::Ref(r)]), None);
    }

    /// `Process.demonitor/1` of a remote monitor: `DEMONITOR_P`.
    pub fn dist_demonitor(&mut self, from: Pid, r: u64) {
        let Some((node, target)) = self.dist.as_deref_mut().and_then(|d| d.remote_monitors.remove(&r)) else { return };
        self.dist_control(node, ctl(20, vec![Term::Pid(from), target, Term::Ref(r)]), None);
    }

    /// The local pid a control message addresses (a name is looked up in the registry).
    fn local_target(&self, t: &Term) -> Option<Pid> {
        match t {
            Term::Pid(p) if !ext::is_ext_pid(*p) && self.is_alive(*p) => Some(*p),
            Term::Atom(a) => self.registry.get(a).copied(),
            _ => None,
        }
    }

    /// One frame from `node`.
    fn dist_frame_in(&mut self, node: Atom, data: &[u8]) {
        if std::env::var_os("RETORT_DIST_TRACE").is_some() {
            let c = etf::decode(data.get(1..).unwrap_or_default(), false, &mut self.ext, Some(&self.code)).ok().flatten().map(|(t, _)| crate::value::inspect::inspect_default(&t));
            eprintln!("dist in  {node}: {c:?} ({} bytes)", data.len());
        }
        let bad = |why: &str| log_error(&format!("** retort: a frame from {node} could not be decoded ({why}); dropped, the connection stays **"));
        if data.first() != Some(&PASS_THROUGH) {
            return bad("no pass-through header: an atom cache?");
        }
        let Ok(Some((control, used))) = etf::decode(&data[1..], false, &mut self.ext, Some(&self.code)) else { return bad("control message") };
        let rest = &data[1 + used..];
        // Decoded where used (after the control message is checked), into this VM's table.
        let payload = |vm: &mut Vm| match etf::decode(rest, false, &mut vm.ext, Some(&vm.code)) {
            Ok(Some((t, _))) => Some(t),
            _ => None,
        };
        let Term::Tuple(c) = &control else { return bad("control message not a tuple") };
        let Some(Term::Int(op)) = c.first() else { return bad("control message without an operation") };
        let arg = |i: usize| c.get(i).cloned().unwrap_or(Term::Nil);
        match *op {
            // SEND {2, Unused, To}, SEND_TT, SEND_SENDER {22, From, To}, SEND_SENDER_TT
            2 | 12 | 22 | 23 => {
                let Some(msg) = payload(self) else { return bad("message") };
                if let Term::Pid(to) = arg(2) {
                    if !ext::is_ext_pid(to) {
                        self.send(to, msg);
                    }
                }
            }
            // REG_SEND {6, From, Unused, ToName}, REG_SEND_TT
            6 | 16 => {
                let Some(msg) = payload(self) else { return bad("message") };
                if let Some(to) = arg(3).as_atom().and_then(|n| self.registry.get(&n).copied()) {
                    self.send(to, msg);
                }
            }
            // ALIAS_SEND {33, From, Alias}, ALIAS_SEND_TT
            33 | 34 => {
                let Some(msg) = payload(self) else { return bad("message") };
                if let Term::Ref(r) = arg(2) {
                    if let Some(to) = crate::bif::otp::alias_owner(self, r) {
                        self.send(to, msg);
                    }
                }
            }
            // LINK {1, From, To}
            1 => {
                let (Term::Pid(from), to) = (arg(1), arg(2)) else { return };
                match self.local_target(&to) {
                    Some(t) => {
                        if let Some(p) = self.procs.get_mut(t) {
                            let e = p.ext_mut();
                            if !e.links.contains(&from) {
                                e.links.push(from);
                            }
                        }
                    }
                    None => self.dist_control(node, ctl(3, vec![to, Term::Pid(from), Term::atom("noproc")]), None),
                }
            }
            // UNLINK {4, From, To}; UNLINK_ID {35, Id, From, To}, acknowledged first
            4 | 35 => {
                let (from, to) = if *op == 4 { (arg(1), arg(2)) } else { (arg(2), arg(3)) };
                if *op == 35 {
                    self.dist_control(node, ctl(36, vec![arg(1), to.clone(), from.clone()]), None);
                }
                if let (Term::Pid(from), Some(t)) = (from, self.local_target(&to)) {
                    if let Some(e) = self.procs.get_mut(t).and_then(|p| p.ext.as_mut()) {
                        e.links.retain(|l| *l != from);
                    }
                }
            }
            // EXIT {3, From, To, Reason} (a linked process ended), EXIT_TT, PAYLOAD_EXIT;
            // EXIT2 {8, From, To, Reason} (Process.exit/2), EXIT2_TT, PAYLOAD_EXIT2
            3 | 13 | 24 | 8 | 18 | 26 => {
                let (Term::Pid(from), Term::Pid(to)) = (arg(1), arg(2)) else { return };
                let reason = match op {
                    3 | 8 => arg(3),
                    13 | 18 => arg(4),
                    _ => match payload(self) {
                        Some(r) => r,
                        None => return bad("exit reason"),
                    },
                };
                let link = matches!(op, 3 | 13 | 24);
                if link {
                    let linked = self.procs.get_mut(to).and_then(|p| p.ext.as_mut()).is_some_and(|e| {
                        let had = e.links.contains(&from);
                        e.links.retain(|l| *l != from);
                        had
                    });
                    if !linked {
                        return;
                    }
                }
                let kill = !link && reason.is_atom(Atom::KILL);
                self.deliver(to, Signal::Exit { from, reason, kill });
            }
            // MONITOR_P {19, From, ToProc, Ref}: a pid or a name on this node
            19 => {
                let (Term::Pid(from), to, Term::Ref(r)) = (arg(1), arg(2), arg(3)) else { return };
                let name = to.as_atom();
                match self.local_target(&to) {
                    Some(t) => {
                        if let Some(p) = self.procs.get_mut(t) {
                            p.ext_mut().monitored_by.push((r, from, name));
                        }
                    }
                    None => self.dist_control(node, ctl(21, vec![to, Term::Pid(from), Term::Ref(r), Term::atom("noproc")]), None),
                }
            }
            // DEMONITOR_P {20, From, ToProc, Ref}
            20 => {
                let (to, Term::Ref(r)) = (arg(2), arg(3)) else { return };
                if let Some(t) = self.local_target(&to) {
                    if let Some(e) = self.procs.get_mut(t).and_then(|p| p.ext.as_mut()) {
                        e.monitored_by.retain(|(x, _, _)| *x != r);
                    }
                }
            }
            // MONITOR_P_EXIT {21, FromProc, To, Ref, Reason}: a remote process we monitor ended
            21 | 28 => {
                let (from, Term::Pid(to), Term::Ref(r)) = (arg(1), arg(2), arg(3)) else { return };
                let reason = if *op == 21 { arg(4) } else { payload(self).unwrap_or(Term::Nil) };
                let object = match from {
                    Term::Atom(n) => Term::tuple(vec![Term::Atom(n), Term::Atom(node)]),
                    other => other,
                };
                if let Some(d) = self.dist.as_deref_mut() {
                    d.remote_monitors.remove(&r);
                }
                let active = self.procs.get_mut(to).and_then(|p| p.ext.as_mut()).is_some_and(|e| {
                    let had = e.monitors.iter().any(|(x, _)| *x == r);
                    e.monitors.retain(|(x, _)| *x != r);
                    had
                });
                if active {
                    self.send(to, Term::tuple(vec![Term::Atom(Atom::DOWN), Term::Ref(r), Term::Atom(Atom::PROCESS), object, reason]));
                }
            }
            // SPAWN_REQUEST {29, ReqId, From, GroupLeader, {M, F, Arity}, Opts} + ArgList
            29 => {
                let Some(args) = payload(self) else { return bad("spawn arguments") };
                self.dist_spawn_request_in(node, &control, args);
            }
            // SPAWN_REPLY {31, ReqId, To, Flags, Result}, SPAWN_REPLY_TT
            31 | 32 => self.dist_spawn_reply_in(node, &control),
            _ => {}
        }
    }
}
