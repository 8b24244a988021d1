//! `:retort_tcp`: the natives under `:gen_tcp` and `:inet` (`stdlib/lib/gen_tcp.ex`). Each
//! does its work without blocking: one that cannot finish returns `:wait` after arming the
//! socket with the caller as its waiter, and the library code waits in `receive` for
//! `{:retort_tcp_ready, s}` (sent by the scheduler's poll, `scheduler/poll.rs`) and retries.
//! Results and error atoms follow OTP 25's `gen_tcp`/`inet` (`{:error, :econnrefused}`,
//! `:closed`, `:eaddrinuse`, `:einval`, `:not_owner`).

use super::util::*;
use super::Ctx;
use crate::code::table::{CodeServer, NativeTable};
use crate::error::Trap;
use crate::io::tcp::{data_term, take_packet, Active, Kind, Packet, Sockets, PORT_BIT};
use crate::value::{Atom, Term};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};

/// Erlang's posix atom for an I/O error.
fn posix(e: &std::io::Error) -> Term {
    Term::atom(crate::io::tcp::posix_name(e))
}

/// The socket table, created on first use; `badarg` if the OS gives no poller (`listen` and
/// `connect` check first with [`have_io`] and return `{:error, :emfile}` instead).
fn socks<'a>(ctx: &'a mut Ctx) -> Result<&'a mut Sockets, Trap> {
    if !have_io(ctx) {
        return badarg();
    }
    match ctx.vm.io.as_deref_mut() {
        Some(io) => Ok(io),
        None => badarg(),
    }
}

/// Creates the socket table if there is none; false if the OS refuses a poller.
fn have_io(ctx: &mut Ctx) -> bool {
    if ctx.vm.io.is_none() {
        match Sockets::new() {
            Ok(io) => ctx.vm.io = Some(Box::new(io)),
            Err(_) => return false,
        }
    }
    true
}

fn sock_id(t: &Term) -> Result<u64, Trap> {
    match t {
        Term::Ref(r) if r & PORT_BIT != 0 => Ok(r & !PORT_BIT),
        _ => badarg(),
    }
}

fn closed() -> Term {
    error(Term::atom("closed"))
}

/// The options of `listen`/`connect`/`setopts` this module understands.
#[derive(Default)]
struct Opts {
    binary: Option<bool>,
    packet: Option<Packet>,
    active: Option<Active>,
    ip: Option<IpAddr>,
    show_econnreset: Option<bool>,
    exit_on_close: Option<bool>,
    /// `{:linger, {on, secs}}`.
    linger: Option<(bool, i32)>,
}

fn parse_opts(t: &Term) -> Result<Opts, Trap> {
    let mut o = Opts::default();
    for item in items(t)? {
        match item {
            Term::Atom(a) if a.name() == "binary" => o.binary = Some(true),
            Term::Atom(a) if a.name() == "list" => o.binary = Some(false),
            Term::Atom(a) if matches!(a.name(), "inet" | "inet6") => {}
            Term::Tuple(kv) if kv.len() == 2 => {
                let Some(k) = kv[0].as_atom() else { return badarg() };
                let v = &kv[1];
                match k.name() {
                    "packet" => {
                        o.packet = Some(match v {
                            Term::Atom(a) if a.name() == "raw" => Packet::Raw,
                            Term::Atom(a) if a.name() == "line" => Packet::Line,
                            Term::Int(0) => Packet::Raw,
                            Term::Int(n @ (1 | 2 | 4)) => Packet::Len(*n as u8),
                            _ => return badarg(),
                        })
                    }
                    "active" => {
                        o.active = Some(match v {
                            Term::Atom(a) if *a == Atom::TRUE => Active::True,
                            Term::Atom(a) if *a == Atom::FALSE => Active::False,
                            Term::Atom(a) if a.name() == "once" => Active::Once,
                            Term::Int(n) => Active::N(*n),
                            _ => return badarg(),
                        })
                    }
                    "mode" => o.binary = Some(matches!(v, Term::Atom(a) if a.name() == "binary")),
                    "ip" | "ifaddr" => o.ip = Some(address(v)?),
                    "show_econnreset" => o.show_econnreset = Some(v.is_atom(Atom::TRUE)),
                    "exit_on_close" => o.exit_on_close = Some(v.is_atom(Atom::TRUE)),
                    "linger" => match v {
                        Term::Tuple(l) if l.len() == 2 => o.linger = Some((l[0].is_atom(Atom::TRUE), i32::try_from(int(&l[1])?).or_else(|_| badarg())?)),
                        _ => return badarg(),
                    },
                    // Accepted and left to the OS defaults (std sets SO_REUSEADDR on listeners).
                    "reuseaddr" | "backlog" | "nodelay" | "keepalive" | "send_timeout" | "recbuf" | "sndbuf" | "buffer" | "header" | "delay_send" => {}
                    _ => return badarg(),
                }
            }
            _ => return badarg(),
        }
    }
    Ok(o)
}

/// An address as `:inet` takes one: `{a, b, c, d}`, `:localhost`, `'localhost'` or a dotted
/// charlist.
fn address(t: &Term) -> Result<IpAddr, Trap> {
    match t {
        Term::Tuple(p) if p.len() == 4 => {
            let mut b = [0u8; 4];
            for (i, x) in p.iter().enumerate() {
                b[i] = u8::try_from(int(x)?).or_else(|_| badarg())?;
            }
            Ok(IpAddr::V4(Ipv4Addr::from(b)))
        }
        Term::Atom(a) => name_address(a.name()),
        Term::Nil | Term::Cons(_) => {
            let s: String = items(t)?.filter_map(|c| if let Term::Int(i) = c { char::from_u32(*i as u32) } else { None }).collect();
            name_address(&s)
        }
        Term::Binary(b) => name_address(&String::from_utf8_lossy(b)),
        _ => badarg(),
    }
}

fn name_address(s: &str) -> Result<IpAddr, Trap> {
    if s == "localhost" {
        return Ok(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    s.parse().or_else(|_| badarg())
}

fn addr_term(a: SocketAddr) -> Term {
    let ip = match a.ip() {
        IpAddr::V4(v) => Term::tuple(v.octets().iter().map(|b| Term::Int(*b as i64)).collect()),
        IpAddr::V6(v) => Term::tuple(v.segments().iter().map(|b| Term::Int(*b as i64)).collect()),
    };
    Term::tuple(vec![ip, Term::Int(a.port() as i64)])
}

/// `listen(port, opts)`: `{:ok, s}` or `{:error, posix}`.
fn listen(ctx: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
    let port = int(&a[0])?;
    let Ok(port) = u16::try_from(port) else { return badarg() };
    let o = parse_opts(&a[1])?;
    if !have_io(ctx) {
        return Ok(error(Term::atom("emfile")));
    }
    let ip = o.ip.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    let l = match TcpListener::bind(SocketAddr::new(ip, port)) {
        Ok(l) => l,
        Err(e) => return Ok(error(posix(&e))),
    };
    if let Err(e) = l.set_nonblocking(true) {
        return Ok(error(posix(&e)));
    }
    let owner = ctx.p.pid;
    // The accepted sockets inherit these options (gen_tcp's rule); kept on the listener.
    let t = socks(ctx)?.insert(Kind::Listener(l), owner, o.binary.unwrap_or(false), o.packet.unwrap_or(Packet::Raw), Active::False);
    let id = sock_id(&t)?;
    if let Some(s) = socks(ctx)?.table.get_mut(&id) {
        // Kept for the accepted sockets only: a listener itself is never armed for reading.
        s.active = o.active.unwrap_or(Active::True);
        s.show_econnreset = o.show_econnreset.unwrap_or(false);
        s.exit_on_close = o.exit_on_close.unwrap_or(true);
    }
    Ok(ok(t))
}

/// `accept(ls)`: `{:ok, s}`, `:wait` (the caller is now its waiter) or `{:error, :closed}`.
fn accept(ctx: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
    let id = sock_id(&a[0])?;
    let me = ctx.p.pid;
    let io = socks(ctx)?;
    let Some(s) = io.table.get_mut(&id) else { return Ok(closed()) };
    let Kind::Listener(l) = &s.kind else { return Ok(error(Term::atom("einval"))) };
    match l.accept() {
        Ok((st, _)) => {
            let (binary, packet, active, show, eoc) = (s.binary, s.packet, s.active, s.show_econnreset, s.exit_on_close);
            if st.set_nonblocking(true).is_err() {
                return Ok(closed());
            }
            let _ = st.set_nodelay(true);
            let t = io.insert(Kind::Stream(st), me, binary, packet, active);
            if let Some(s) = io.table.get_mut(&id_of(&t)) {
                s.show_econnreset = show;
                s.exit_on_close = eoc;
            }
            Ok(ok(t))
        }
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
            io.wait_on(id, me, false);
            Ok(Term::atom("wait"))
        }
        Err(e) => Ok(error(posix(&e))),
    }
}

fn id_of(t: &Term) -> u64 {
    match t {
        Term::Ref(r) => r & !PORT_BIT,
        _ => 0,
    }
}

/// `connect(address, port, opts)`: `{:ok, s}` when connected at once, `{:wait, s}` while the
/// non-blocking connect is under way (the caller then asks [`connected`]), or
/// `{:error, posix}`. The VM thread never blocks:
/// the timeout is the caller's receive timeout (`stdlib/lib/gen_tcp.ex`).
fn connect(ctx: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
    let ip = address(&a[0])?;
    let Ok(port) = u16::try_from(int(&a[1])?) else { return badarg() };
    let o = parse_opts(&a[2])?;
    if !have_io(ctx) {
        return Ok(error(Term::atom("emfile")));
    }
    let (st, done) = match crate::io::tcp::connect_nonblocking(SocketAddr::new(ip, port)) {
        Ok(x) => x,
        Err(e) => return Ok(error(posix(&e))),
    };
    let _ = st.set_nodelay(true);
    if let Some((on, secs)) = o.linger {
        let _ = crate::io::tcp::set_linger(&st, on, secs);
    }
    let me = ctx.p.pid;
    let active = o.active.unwrap_or(Active::True);
    let io = socks(ctx)?;
    let t = io.insert(Kind::Stream(st), me, o.binary.unwrap_or(false), o.packet.unwrap_or(Packet::Raw), if done { active } else { Active::False });
    let id = id_of(&t);
    if let Some(s) = io.table.get_mut(&id) {
        s.show_econnreset = o.show_econnreset.unwrap_or(false);
        s.exit_on_close = o.exit_on_close.unwrap_or(true);
        if !done {
            s.connecting = Some(active);
        }
    }
    if done {
        return Ok(ok(t));
    }
    // The caller asks `connected` at once, which arms the socket if it is still under way.
    Ok(Term::tuple(vec![Term::atom("wait"), t]))
}

/// `connected(s)` after `connect` said `{:wait, s}` and `s` became ready: `{:ok, s}` (the
/// socket now takes its active mode), `:wait` (not yet; the caller waits again), or
/// `{:error, posix}` with the socket closed.
fn connected(ctx: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
    let id = sock_id(&a[0])?;
    let me = ctx.p.pid;
    let io = socks(ctx)?;
    let Some(s) = io.table.get_mut(&id) else { return Ok(closed()) };
    let Kind::Stream(st) = &s.kind else { return Ok(error(Term::atom("einval"))) };
    let failed = match st.take_error() {
        Ok(Some(e)) | Err(e) => Some(e),
        Ok(None) => None,
    };
    if let Some(e) = failed {
        io.remove(id);
        return Ok(error(posix(&e)));
    }
    if st.peer_addr().is_err() {
        io.wait_on(id, me, true);
        return Ok(Term::atom("wait"));
    }
    s.waiters.retain(|w| *w != me);
    if let Some(active) = s.connecting.take() {
        s.active = active;
        if active != Active::False {
            io.arm(id, false);
        }
    }
    Ok(ok(a[0].clone()))
}

/// `shutdown(s, how)`: `:read`, `:write` or `:read_write` (`shutdown(2)`); `:ok` or
/// `{:error, posix}`. After `:write` the peer reads the end of the stream while this side can
/// still receive.
fn shutdown(ctx: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
    let id = sock_id(&a[0])?;
    let how = match a[1].as_atom().map(|x| x.name()) {
        Some("read") => std::net::Shutdown::Read,
        Some("write") => std::net::Shutdown::Write,
        Some("read_write") => std::net::Shutdown::Both,
        _ => return badarg(),
    };
    let io = socks(ctx)?;
    let Some(s) = io.table.get_mut(&id) else { return Ok(closed()) };
    let Kind::Stream(st) = &s.kind else { return Ok(error(Term::atom("enotconn"))) };
    Ok(match st.shutdown(how) {
        Ok(()) => Term::OK,
        Err(e) => error(posix(&e)),
    })
}

/// `send(s, data)`: `:ok`, `{:wait, rest}` (the rest did not fit; the caller waits for
/// writability) or `{:error, reason}`. Adds the packet header for `packet: 1|2|4`.
fn send(ctx: &mut Ctx, a: &mut [Term], framed: bool) -> Result<Term, Trap> {
    let id = sock_id(&a[0])?;
    let mut data = Vec::new();
    if !iodata(&a[1], &mut data) {
        return badarg();
    }
    let me = ctx.p.pid;
    let io = socks(ctx)?;
    let Some(s) = io.table.get(&id) else { return Ok(closed()) };
    if s.closed_seen && s.exit_on_close {
        return Ok(closed());
    }
    if let (Packet::Len(h), true) = (s.packet, framed) {
        let h = h as usize;
        if h < 8 && data.len() >> (8 * h) != 0 {
            return Ok(error(Term::atom("emsgsize")));
        }
        let mut out = Vec::with_capacity(h + data.len());
        for i in (0..h).rev() {
            out.push((data.len() >> (8 * i)) as u8);
        }
        out.extend_from_slice(&data);
        data = out;
    }
    match io.write(id, &data) {
        Ok(n) if n == data.len() => Ok(Term::OK),
        Ok(n) => {
            io.wait_on(id, me, true);
            Ok(Term::tuple(vec![Term::atom("wait"), Term::binary(data[n..].to_vec())]))
        }
        Err(e) => Ok(error(match posix(&e) {
            t if t.is_atom(Atom::intern("econnreset")) || t.is_atom(Atom::intern("epipe")) => Term::atom("closed"),
            t => t,
        })),
    }
}

/// `recv(s, length)`: `{:ok, data}`, `:wait` or `{:error, :closed | :einval}`.
fn recv(ctx: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
    let id = sock_id(&a[0])?;
    let len = int(&a[1])?;
    let Ok(len) = usize::try_from(len) else { return badarg() };
    let me = ctx.p.pid;
    let io = socks(ctx)?;
    let Some(s) = io.table.get(&id) else { return Ok(closed()) };
    if s.active != Active::False || matches!(s.kind, Kind::Listener(_)) {
        return Ok(error(Term::atom("einval")));
    }
    if s.closed_seen {
        return Ok(error(Term::atom("enotconn")));
    }
    let len = if s.packet == Packet::Raw { len } else { 0 };
    if !s.eof {
        io.fill(id);
    }
    let Some(s) = io.table.get_mut(&id) else { return Ok(error(Term::atom("closed"))) };
    if let Some(d) = take_packet(&mut s.buf, s.packet, len) {
        return Ok(ok(data_term(d, s.binary)));
    }
    if s.eof {
        s.buf.clear();
        s.closed_seen = true;
        if let Some(r) = s.error.take().filter(|r| *r != "econnreset" || s.show_econnreset) {
            return Ok(error(Term::atom(r)));
        }
        return Ok(closed());
    }
    io.wait_on(id, me, false);
    Ok(Term::atom("wait"))
}

/// `cancel(s)`: the caller stops waiting on `s` (a timeout).
fn cancel(ctx: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
    let id = sock_id(&a[0])?;
    let me = ctx.p.pid;
    if let Some(s) = socks(ctx)?.table.get_mut(&id) {
        s.waiters.retain(|w| *w != me);
    }
    Ok(Term::OK)
}

/// `close(s)`: `:ok`, also for a socket already closed. A process waiting on it is woken (its
/// retry then sees `{:error, :closed}`).
fn close(ctx: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
    let id = sock_id(&a[0])?;
    let port = a[0].clone();
    for w in socks(ctx)?.remove(id) {
        ctx.vm.send(w, Term::tuple(vec![Term::atom("retort_tcp_ready"), port.clone()]));
    }
    Ok(Term::OK)
}

fn local_addr(ctx: &mut Ctx, t: &Term, peer: bool) -> Result<Option<std::io::Result<SocketAddr>>, Trap> {
    let id = sock_id(t)?;
    Ok(socks(ctx)?.table.get(&id).map(|s| match (&s.kind, peer) {
        (Kind::Listener(l), false) => l.local_addr(),
        (Kind::Listener(_), true) => Err(std::io::ErrorKind::NotConnected.into()),
        (Kind::Stream(st), false) => st.local_addr(),
        (Kind::Stream(st), true) => st.peer_addr(),
    }))
}

/// `:inet.port/1`: `{:ok, port}`.
fn port(ctx: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
    Ok(match local_addr(ctx, &a[0], false)? {
        Some(Ok(addr)) => ok(Term::Int(addr.port() as i64)),
        Some(Err(e)) => error(posix(&e)),
        None => error(Term::atom("einval")),
    })
}

/// `:inet.peername/1` (`peer`) and `:inet.sockname/1`: `{:ok, {ip, port}}`.
fn name_of(ctx: &mut Ctx, a: &mut [Term], peer: bool) -> Result<Term, Trap> {
    Ok(match local_addr(ctx, &a[0], peer)? {
        Some(Ok(addr)) => ok(addr_term(addr)),
        Some(Err(_)) => error(Term::atom("enotconn")),
        None => error(Term::atom("einval")),
    })
}

/// `:inet.setopts/2`: `:ok` or `{:error, :einval}`. Turning active mode on delivers what is
/// already buffered and arms the socket.
fn setopts(ctx: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
    let id = sock_id(&a[0])?;
    let Ok(o) = parse_opts(&a[1]) else { return Ok(error(Term::atom("einval"))) };
    let io = socks(ctx)?;
    let Some(s) = io.table.get_mut(&id) else { return Ok(error(Term::atom("einval"))) };
    if let Some(b) = o.binary {
        s.binary = b;
    }
    if let Some(p) = o.packet {
        s.packet = p;
    }
    if let Some(b) = o.show_econnreset {
        s.show_econnreset = b;
    }
    if let Some(b) = o.exit_on_close {
        s.exit_on_close = b;
    }
    if let (Some((on, secs)), Kind::Stream(st)) = (o.linger, &s.kind) {
        let _ = crate::io::tcp::set_linger(st, on, secs);
    }
    let mut out = Vec::new();
    if let Some(act) = o.active {
        s.active = match (s.active, act) {
            (Active::N(n), Active::N(m)) => Active::N(n + m),
            (_, Active::N(m)) => Active::N(m),
            (_, x) => x,
        };
        let port = a[0].clone();
        if let Active::N(n) = s.active {
            if n <= 0 {
                s.active = Active::False;
                out.push((s.owner, Term::tuple(vec![Term::atom("tcp_passive"), port])));
            }
        }
        if s.active != Active::False && matches!(s.kind, Kind::Stream(_)) {
            io.fill(id);
            io.deliver_active(id, &mut out);
        }
    }
    for (to, m) in out {
        ctx.vm.send(to, m);
    }
    Ok(Term::OK)
}

/// `controlling_process(s, pid)`: `:ok`, or `{:error, :not_owner}` when the caller does not
/// control `s`.
fn controlling_process(ctx: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
    let id = sock_id(&a[0])?;
    let to = pid(&a[1])?;
    let me = ctx.p.pid;
    let Some(s) = socks(ctx)?.table.get_mut(&id) else { return Ok(closed()) };
    if s.owner != me {
        return Ok(error(Term::atom("not_owner")));
    }
    s.owner = to;
    Ok(Term::OK)
}

pub fn register(c: &mut CodeServer) {
    c.register_table("retort_tcp", RETORT_TCP);
}

/// The natives of `retort_tcp`: `(name, arity, function)`.
const RETORT_TCP: NativeTable = &[
    ("listen", 2, listen),
    ("accept", 1, accept),
    ("connect", 3, connect),
    ("connected", 1, connected),
    ("shutdown", 2, shutdown),
    ("send", 2, |ctx, a| send(ctx, a, true)),
    ("send_rest", 2, |ctx, a| send(ctx, a, false)),
    ("recv", 2, recv),
    ("cancel", 1, cancel),
    ("close", 1, close),
    ("port", 1, port),
    ("peername", 1, |ctx, a| name_of(ctx, a, true)),
    ("sockname", 1, |ctx, a| name_of(ctx, a, false)),
    ("setopts", 2, setopts),
    ("controlling_process", 2, controlling_process),
];
