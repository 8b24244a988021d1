//! The TCP socket table: listening and connected sockets (std's `TcpListener`/`TcpStream` in
//! non-blocking mode), their options, their receive buffers, and one `polling::Poller` that the
//! scheduler asks for readiness when a process waits on a socket (see `scheduler/poll.rs`).
//!
//! A socket is a term `Term::Ref(id | PORT_BIT)` printed `#Port<0.id>`, as Erlang prints the
//! port behind a `gen_tcp` socket. Interest is one-shot (`polling`'s model): a socket is armed
//! when a process waits on it or when it is in active mode, and disarmed by the event.

use crate::value::{Pid, Term};
use ahash::AHashMap;
use polling::{Event, Events, Poller};
use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};

pub use crate::value::term::PORT_BIT;

/// How a byte stream is cut into packets (`packet:` option, follows inet_drv.c's modes).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Packet {
    Raw,
    Line,
    /// A big-endian length header of 1, 2 or 4 bytes before each packet.
    Len(u8),
}

/// The `active:` option: `false`, `true`, `:once` or a count (`:once` is a count of 1 that
/// does not send `{:tcp_passive, s}`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Active {
    False,
    True,
    Once,
    N(i64),
}

pub enum Kind {
    Listener(TcpListener),
    Stream(TcpStream),
}

/// One socket.
pub struct Sock {
    pub kind: Kind,
    /// The controlling process: it gets the active-mode messages, and its exit closes the socket.
    pub owner: Pid,
    /// `:binary` (true) or `:list` data.
    pub binary: bool,
    pub packet: Packet,
    pub active: Active,
    /// Bytes received and not yet handed out.
    pub buf: Vec<u8>,
    /// The error that ended the stream (its posix name), reported once: `{:tcp_error, s, r}`
    /// in active mode, `{:error, r}` from `recv`. A reset (`econnreset`) is reported only with
    /// `show_econnreset: true`; otherwise it is a plain close, as inet_drv does.
    pub error: Option<&'static str>,
    pub show_econnreset: bool,
    /// `exit_on_close:` (true by default): the end of the stream closes the socket for
    /// sending too; with false, a half-closed connection can still be written to.
    pub exit_on_close: bool,
    /// A non-blocking `connect` under way: the `active` mode to take once connected (until
    /// then the socket is armed for writability only).
    pub connecting: Option<Active>,
    /// The peer closed its side (read returned 0) or the connection failed.
    pub eof: bool,
    /// `recv` has said `{:error, :closed}`: the port is closed for its user, so a later `recv`
    /// says `:enotconn` and `send` says `:closed` (OTP 25's behaviour).
    pub closed_seen: bool,
    /// The processes waiting (in `accept`/`recv`/`send`) for readiness: each gets
    /// `{:retort_tcp_ready, s}` and retries (several acceptors may wait on one listener).
    pub waiters: Vec<Pid>,
    /// Added to the poller (must be deleted before the socket is dropped).
    registered: bool,
    /// Interest armed and not yet delivered.
    armed: bool,
}

/// Every open socket, and the poller.
pub struct Sockets {
    /// Shared with the distribution's I/O threads, which only `notify` it. It may outlive the
    /// table, so `Drop for Sockets` deletes every registered socket from it first: no socket is
    /// ever closed while registered in a live poller.
    poller: std::sync::Arc<Poller>,
    pub table: AHashMap<u64, Sock>,
    next: u64,
    events: Events,
    /// Sockets with armed interest: the scheduler polls only when this is not zero.
    pub armed: usize,
}

/// What a readiness event means for the VM: messages to send.
pub type Deliveries = Vec<(Pid, Term)>;

impl Sockets {
    pub fn new() -> std::io::Result<Sockets> {
        Ok(Sockets { poller: std::sync::Arc::new(Poller::new()?), table: AHashMap::new(), next: 1, events: Events::new(), armed: 0 })
    }

    /// The poller, for a thread that wakes the scheduler with `Poller::notify` (the
    /// distribution's I/O threads, `dist/connection.rs`).
    pub fn notifier(&self) -> std::sync::Arc<Poller> {
        self.poller.clone()
    }

    /// Adds a socket owned by `owner`; returns its term.
    pub fn insert(&mut self, kind: Kind, owner: Pid, binary: bool, packet: Packet, active: Active) -> Term {
        let id = self.next;
        self.next += 1;
        self.table.insert(id, Sock { kind, owner, binary, packet, active, buf: Vec::new(), error: None, show_econnreset: false, exit_on_close: true, connecting: None, eof: false, closed_seen: false, waiters: Vec::new(), registered: false, armed: false });
        let t = Term::Ref(id | PORT_BIT);
        if active != Active::False {
            self.arm(id, false);
        }
        t
    }

    /// Arms read (or write) interest for socket `id`.
    pub fn arm(&mut self, id: u64, write: bool) {
        let Some(s) = self.table.get_mut(&id) else { return };
        // An active socket keeps its read interest while a sender waits for writability.
        let ev = match (write, s.active != Active::False) {
            (true, true) => Event::all(id as usize),
            (true, false) => Event::writable(id as usize),
            (false, _) => Event::readable(id as usize),
        };
        let res = match &s.kind {
            Kind::Listener(l) => {
                if s.registered {
                    self.poller.modify(l, ev)
                } else {
                    // SAFETY: the listener stays in the table until `remove`, which deletes it
                    // from the poller before dropping it (the invariant `Poller::add` requires).
                    unsafe { self.poller.add(l, ev) }
                }
            }
            Kind::Stream(st) => {
                if s.registered {
                    self.poller.modify(st, ev)
                } else {
                    // SAFETY: as above, `remove` deletes the stream from the poller first.
                    unsafe { self.poller.add(st, ev) }
                }
            }
        };
        if res.is_ok() {
            s.registered = true;
            if !s.armed {
                s.armed = true;
                self.armed += 1;
            }
        }
    }

    /// Closes socket `id`: deletes it from the poller. Returns its waiters (to be woken).
    pub fn remove(&mut self, id: u64) -> Vec<Pid> {
        let Some(s) = self.table.remove(&id) else { return Vec::new() };
        if s.armed {
            self.armed -= 1;
        }
        if s.registered {
            let _ = match &s.kind {
                Kind::Listener(l) => self.poller.delete(l),
                Kind::Stream(st) => self.poller.delete(st),
            };
        }
        s.waiters
    }

    /// Adds `pid` to the waiters of `id` and arms it (`write`: for writability).
    pub fn wait_on(&mut self, id: u64, pid: Pid, write: bool) {
        if let Some(s) = self.table.get_mut(&id) {
            if !s.waiters.contains(&pid) {
                s.waiters.push(pid);
            }
            self.arm(id, write);
        }
    }

    /// The ids of the sockets `pid` controls.
    pub fn owned_by(&self, pid: Pid) -> Vec<u64> {
        self.table.iter().filter(|(_, s)| s.owner == pid).map(|(id, _)| *id).collect()
    }

    /// Waits for readiness up to `timeout` (None: forever) and returns the messages the events
    /// cause: `{:retort_tcp_ready, s}` to a waiter, the active-mode messages to an owner.
    pub fn poll(&mut self, timeout: Option<std::time::Duration>) -> Deliveries {
        self.events.clear();
        if self.poller.wait(&mut self.events, timeout).is_err() {
            return Vec::new();
        }
        let ids: Vec<u64> = self.events.iter().map(|e| e.key as u64).collect();
        let mut out = Vec::new();
        for id in ids {
            let Some(s) = self.table.get_mut(&id) else { continue };
            if s.armed {
                s.armed = false;
                self.armed -= 1;
            }
            for w in std::mem::take(&mut s.waiters) {
                out.push((w, Term::tuple(vec![Term::atom("retort_tcp_ready"), Term::Ref(id | PORT_BIT)])));
            }
            if s.active != Active::False {
                self.fill(id);
                self.deliver_active(id, &mut out);
            }
        }
        out
    }

    /// Reads what is available into the socket's buffer (non-blocking); sets `eof` at the end.
    pub fn fill(&mut self, id: u64) {
        let Some(s) = self.table.get_mut(&id) else { return };
        let Kind::Stream(st) = &mut s.kind else { return };
        let mut chunk = [0u8; 65536];
        loop {
            match st.read(&mut chunk) {
                Ok(0) => {
                    s.eof = true;
                    break;
                }
                Ok(n) => {
                    s.buf.extend_from_slice(&chunk[..n]);
                    if n < chunk.len() {
                        break;
                    }
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                Err(e) => {
                    s.eof = true;
                    s.error = Some(posix_name(&e));
                    break;
                }
            }
        }
    }

    /// Active mode: sends the owner every complete packet in the buffer (while the socket stays
    /// active), then `{:tcp_closed, s}` at the end of the stream; re-arms otherwise.
    pub fn deliver_active(&mut self, id: u64, out: &mut Deliveries) {
        let port = Term::Ref(id | PORT_BIT);
        let Some(s) = self.table.get_mut(&id) else { return };
        while s.active != Active::False {
            let Some(data) = take_packet(&mut s.buf, s.packet, 0) else { break };
            out.push((s.owner, Term::tuple(vec![Term::atom("tcp"), port.clone(), data_term(data, s.binary)])));
            match s.active {
                Active::Once => s.active = Active::False,
                Active::N(n) => {
                    if n <= 1 {
                        s.active = Active::False;
                        out.push((s.owner, Term::tuple(vec![Term::atom("tcp_passive"), port.clone()])));
                    } else {
                        s.active = Active::N(n - 1);
                    }
                }
                _ => {}
            }
        }
        if s.active != Active::False {
            if s.eof {
                if let Some(r) = s.error.take().filter(|r| *r != "econnreset" || s.show_econnreset) {
                    out.push((s.owner, Term::tuple(vec![Term::atom("tcp_error"), port.clone(), Term::atom(r)])));
                }
                out.push((s.owner, Term::tuple(vec![Term::atom("tcp_closed"), port])));
                s.active = Active::False;
            } else {
                self.arm(id, false);
            }
        }
    }

    /// Writes as much of `data` as the socket takes now; returns how many bytes were written,
    /// or the error (`WouldBlock` is 0 bytes).
    pub fn write(&mut self, id: u64, data: &[u8]) -> std::io::Result<usize> {
        let Some(Sock { kind: Kind::Stream(st), .. }) = self.table.get_mut(&id) else {
            return Err(ErrorKind::NotConnected.into());
        };
        let mut done = 0;
        while done < data.len() {
            match st.write(&data[done..]) {
                Ok(0) => return Err(ErrorKind::WriteZero.into()),
                Ok(n) => done += n,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                Err(e) => return Err(e),
            }
        }
        Ok(done)
    }
}

impl Drop for Sockets {
    fn drop(&mut self) {
        let ids: Vec<u64> = self.table.keys().copied().collect();
        for id in ids {
            self.remove(id);
        }
    }
}

/// Erlang's posix atom name for an I/O error (`inet`'s reasons).
pub fn posix_name(e: &std::io::Error) -> &'static str {
    match e.raw_os_error() {
        Some(libc::EADDRINUSE) => "eaddrinuse",
        Some(libc::EADDRNOTAVAIL) => "eaddrnotavail",
        Some(libc::ECONNREFUSED) => "econnrefused",
        Some(libc::ECONNRESET) => "econnreset",
        Some(libc::EPIPE) => "epipe",
        Some(libc::ETIMEDOUT) => "etimedout",
        Some(libc::EHOSTUNREACH) => "ehostunreach",
        Some(libc::ENETUNREACH) => "enetunreach",
        Some(libc::EACCES) => "eacces",
        _ => match e.kind() {
            ErrorKind::ConnectionRefused => "econnrefused",
            ErrorKind::AddrInUse => "eaddrinuse",
            ErrorKind::TimedOut => "timeout",
            ErrorKind::NotConnected | ErrorKind::BrokenPipe | ErrorKind::ConnectionReset | ErrorKind::WriteZero => "closed",
            _ => "einval",
        },
    }
}

/// Starts a non-blocking connect to `addr` (`connect(2)` on a non-blocking socket, as
/// inet_drv does): `Ok((stream, true))` when connected at once, `Ok((stream, false))` while
/// under way (the socket becomes writable when it is done; `take_error` then says how it
/// went), or the error.
pub fn connect_nonblocking(addr: std::net::SocketAddr) -> std::io::Result<(TcpStream, bool)> {
    use std::os::fd::FromRawFd;
    let family = if addr.is_ipv4() { libc::AF_INET } else { libc::AF_INET6 };
    // SAFETY: socket(2) with constant, valid arguments; it returns a new descriptor or -1.
    let fd = unsafe { libc::socket(family, libc::SOCK_STREAM | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC, 0) };
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: `fd` is a fresh descriptor owned by nobody else; the stream owns (and closes) it.
    let stream = unsafe { TcpStream::from_raw_fd(fd) };
    // SAFETY: sockaddr_storage is plain data, for which all zeroes is a valid value.
    let mut storage: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let len = match addr {
        std::net::SocketAddr::V4(a) => {
            // SAFETY: sockaddr_storage is large and aligned enough for any sockaddr; the
            // pointer is to our own zeroed local.
            let sin = unsafe { &mut *(&mut storage as *mut libc::sockaddr_storage as *mut libc::sockaddr_in) };
            sin.sin_family = libc::AF_INET as libc::sa_family_t;
            sin.sin_port = a.port().to_be();
            sin.sin_addr = libc::in_addr { s_addr: u32::from_ne_bytes(a.ip().octets()) };
            std::mem::size_of::<libc::sockaddr_in>()
        }
        std::net::SocketAddr::V6(a) => {
            // SAFETY: as above, for sockaddr_in6.
            let sin6 = unsafe { &mut *(&mut storage as *mut libc::sockaddr_storage as *mut libc::sockaddr_in6) };
            sin6.sin6_family = libc::AF_INET6 as libc::sa_family_t;
            sin6.sin6_port = a.port().to_be();
            sin6.sin6_addr = libc::in6_addr { s6_addr: a.ip().octets() };
            sin6.sin6_scope_id = a.scope_id();
            std::mem::size_of::<libc::sockaddr_in6>()
        }
    };
    // SAFETY: `fd` is a valid socket; `storage` holds an initialised sockaddr of `len` bytes.
    let r = unsafe { libc::connect(fd, &storage as *const libc::sockaddr_storage as *const libc::sockaddr, len as libc::socklen_t) };
    if r == 0 {
        return Ok((stream, true));
    }
    let e = std::io::Error::last_os_error();
    if e.raw_os_error() == Some(libc::EINPROGRESS) {
        Ok((stream, false))
    } else {
        Err(e)
    }
}

/// `{:linger, {on, secs}}`: SO_LINGER (with `{true, 0}` a close resets the connection).
pub fn set_linger(st: &TcpStream, on: bool, secs: i32) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let l = libc::linger { l_onoff: on as libc::c_int, l_linger: secs };
    // SAFETY: a valid socket descriptor (borrowed from `st`, alive for the call) and a
    // pointer to a `linger` of the size passed.
    let r = unsafe { libc::setsockopt(st.as_raw_fd(), libc::SOL_SOCKET, libc::SO_LINGER, &l as *const libc::linger as *const libc::c_void, std::mem::size_of::<libc::linger>() as libc::socklen_t) };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Cuts one packet off the front of `buf`: `len` is `recv`'s length (raw mode only; 0: all
/// there is). A partial packet left at the end of the stream is never returned (inet_drv
/// discards it: `recv` says `{:error, :closed}`).
pub fn take_packet(buf: &mut Vec<u8>, packet: Packet, len: usize) -> Option<Vec<u8>> {
    match packet {
        Packet::Raw if len == 0 => (!buf.is_empty()).then(|| std::mem::take(buf)),
        Packet::Raw => (buf.len() >= len).then(|| buf.drain(..len).collect()),
        Packet::Line => match buf.iter().position(|&b| b == b'\n') {
            Some(i) => Some(buf.drain(..=i).collect()),
            None => None,
        },
        Packet::Len(h) => {
            let h = h as usize;
            if buf.len() < h {
                return None;
            }
            let n = buf[..h].iter().fold(0usize, |acc, &b| (acc << 8) | b as usize);
            if buf.len() < h + n {
                return None;
            }
            buf.drain(..h);
            Some(buf.drain(..n).collect())
        }
    }
}

/// The data of a packet as `:binary` or `:list` asks.
pub fn data_term(data: Vec<u8>, binary: bool) -> Term {
    if binary {
        Term::binary(data)
    } else {
        Term::list(data.into_iter().map(|b| Term::Int(b as i64)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packets_are_cut_as_inet_drv_cuts_them() {
        let mut b = b"ab\ncd".to_vec();
        assert_eq!(take_packet(&mut b, Packet::Line, 0), Some(b"ab\n".to_vec()));
        assert_eq!(take_packet(&mut b, Packet::Line, 0), None);
        let mut b = vec![0, 3, b'x', b'y'];
        assert_eq!(take_packet(&mut b, Packet::Len(2), 0), None);
        b.push(b'z');
        assert_eq!(take_packet(&mut b, Packet::Len(2), 0), Some(b"xyz".to_vec()));
        let mut b = b"hello".to_vec();
        assert_eq!(take_packet(&mut b, Packet::Raw, 3), Some(b"hel".to_vec()));
        assert_eq!(take_packet(&mut b, Packet::Raw, 3), None);
        assert_eq!(take_packet(&mut b, Packet::Raw, 0), Some(b"lo".to_vec()));
    }
}
