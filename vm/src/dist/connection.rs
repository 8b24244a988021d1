//! The distribution's I/O threads: the listener, one thread per handshake, and per connection a
//! reader and a writer. They move bytes only: frames go to the VM's thread as [`Event`]s over a
//! channel (the VM's poller is woken with `Poller::notify`), and the VM hands frames to write to
//! a connection's writer over its own channel. Terms never cross threads (they hold `Rc`s), and
//! the VM never blocks on a socket.
//!
//! Framing and ticks follow OTP 25 `lib/kernel/src/dist_util.erl` (`con_loop`, `send_tick`):
//! after the handshake every frame has a 4-byte big-endian length, and a zero-length frame is a
//! tick. The writer sends a tick whenever it has written nothing for `ticktime / 4` (the BEAM
//! drops a peer it has read nothing from for a whole tick time, even while it writes itself);
//! the reader declares the connection down when it has read nothing for `ticktime`.

use super::epmd;
use super::handshake::{self, Admit, Failure, Me, Peer};
use polling::Poller;
use std::collections::HashMap;
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The largest frame accepted (bytes); a longer one drops the connection.
pub const MAX_FRAME: usize = 1 << 30;

/// What the I/O threads tell the VM.
pub enum Event {
    /// A connection is up: its id, the peer, whether we initiated it, and where to send frames.
    Up { conn: u64, peer: Peer, tx: Sender<Vec<u8>>, written: Arc<AtomicBool> },
    /// A frame (not a tick) arrived on connection `conn`.
    Frame { conn: u64, data: Vec<u8> },
    /// Connection `conn` is gone (the peer closed it, a socket error, or no tick in time).
    Down { conn: u64 },
    /// Our attempt to connect to `node` failed (`nok`: the peer connects to us instead).
    ConnectFailed { node: String, nok: bool },
    /// A line for standard error, in the logger's format (a refused connection).
    Log(String),
}

/// How the VM's thread sees a node, for the acceptor's status answer.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum NodeState {
    Pending,
    Up,
}

/// What the threads share with the VM's thread.
pub struct Shared {
    pub me: Mutex<Me>,
    pub ticktime: Duration,
    events: Mutex<Sender<Event>>,
    notify: Arc<Poller>,
    next_conn: AtomicU64,
    /// Nodes being connected to, or connected (kept by the VM's thread).
    pub nodes: Mutex<HashMap<String, NodeState>>,
}

impl Shared {
    /// Creates the shared state and the receiving end of the event channel.
    pub fn new(me: Me, ticktime: Duration, notify: Arc<Poller>) -> (Arc<Shared>, Receiver<Event>) {
        let (tx, rx) = channel();
        let s = Shared { me: Mutex::new(me), ticktime, events: Mutex::new(tx), notify, next_conn: AtomicU64::new(1), nodes: Mutex::new(HashMap::new()) };
        (Arc::new(s), rx)
    }

    fn me(&self) -> Me {
        self.me.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Hands an event to the VM and wakes its poller.
    pub fn emit(&self, e: Event) {
        let _ = self.events.lock().unwrap_or_else(|e| e.into_inner()).send(e);
        let _ = self.notify.notify();
    }
}

/// Starts the listener thread on `listener` (already bound; its port is registered in EPMD).
pub fn listen(shared: Arc<Shared>, listener: TcpListener) {
    std::thread::spawn(move || {
        for s in listener.incoming() {
            let Ok(s) = s else { continue };
            let sh = shared.clone();
            std::thread::spawn(move || accepted(sh, s));
        }
    });
}

fn accepted(shared: Arc<Shared>, mut s: TcpStream) {
    let _ = s.set_nodelay(true);
    let _ = s.set_read_timeout(Some(Duration::from_secs(7)));
    let me = shared.me();
    let my_name = me.name.clone();
    let admit = |peer: &str| {
        let nodes = shared.nodes.lock().unwrap_or_else(|e| e.into_inner());
        match nodes.get(peer) {
            None => Admit::Ok,
            Some(NodeState::Up) => Admit::Alive,
            // Both sides connect at once: the greater name's attempt wins
            // (dist_util: `handshake_other_started`, the `ok_simultaneous`/`nok` rule).
            Some(NodeState::Pending) if peer > my_name.as_str() => Admit::OkSimultaneous,
            Some(NodeState::Pending) => Admit::Nok,
        }
    };
    match handshake::accept(&mut s, &me, admit) {
        Ok(peer) => run(shared, s, peer),
        Err(Failure::BadCookie(line)) | Err(Failure::Refused(line)) if line.starts_with("**") => shared.emit(Event::Log(line)),
        Err(_) => {}
    }
}

/// Starts a thread that connects to `node` (`name@host`): EPMD lookup on `host`, TCP
/// connect, the initiator's handshake; then it runs the connection.
pub fn connect(shared: Arc<Shared>, node: String) {
    std::thread::spawn(move || {
        let fail = |nok: bool| Event::ConnectFailed { node: node.clone(), nok };
        let Some((alive, host)) = node.split_once('@') else { return shared.emit(fail(false)) };
        let port = match epmd::port_please(host, alive) {
            Ok(Some(p)) => p,
            _ => return shared.emit(fail(false)),
        };
        let addr = match (host, port).to_socket_addrs().ok().and_then(|mut a| a.next()) {
            Some(a) => a,
            None => return shared.emit(fail(false)),
        };
        let Ok(mut s) = TcpStream::connect_timeout(&addr, Duration::from_secs(7)) else { return shared.emit(fail(false)) };
        let _ = s.set_nodelay(true);
        let _ = s.set_read_timeout(Some(Duration::from_secs(7)));
        let me = shared.me();
        match handshake::initiate(&mut s, &me, &node) {
            Ok(peer) => run(shared, s, peer),
            Err(Failure::Nok) => shared.emit(fail(true)),
            Err(_) => shared.emit(fail(false)),
        }
    });
}

/// Runs an established connection: reports it up, starts its writer, and reads frames until
/// it ends (on this thread).
fn run(shared: Arc<Shared>, s: TcpStream, peer: Peer) {
    let conn = shared.next_conn.fetch_add(1, Ordering::Relaxed);
    let Ok(w) = s.try_clone() else { return };
    let (tx, rx) = channel::<Vec<u8>>();
    let tick = shared.ticktime / 4;
    let written = Arc::new(AtomicBool::new(false));
    let done = written.clone();
    std::thread::spawn(move || {
        writer(w, rx, tick);
        done.store(true, Ordering::Release);
    });
    shared.emit(Event::Up { conn, peer, tx, written });
    let _ = s.set_read_timeout(Some(shared.ticktime));
    read_frames(&shared, conn, s);
    shared.emit(Event::Down { conn });
}

fn read_frames(shared: &Shared, conn: u64, mut s: TcpStream) {
    loop {
        let mut len = [0u8; 4];
        if s.read_exact(&mut len).is_err() {
            break;
        }
        let n = u32::from_be_bytes(len) as usize;
        if n == 0 {
            continue; // a tick: reading it is all it asks
        }
        if n > MAX_FRAME {
            break;
        }
        // Grown as bytes arrive, never sized from the untrusted length alone.
        let mut data = Vec::with_capacity(n.min(1 << 20));
        match (&mut s).take(n as u64).read_to_end(&mut data) {
            Ok(got) if got == n => {
                if std::env::var_os("RETORT_DIST_TRACE").is_some() {
                    eprintln!("dist read conn {conn}: {n} bytes");
                }
                shared.emit(Event::Frame { conn, data })
            }
            _ => break,
        }
    }
    let _ = s.shutdown(Shutdown::Both);
}

/// Writes frames as the VM hands them over (each with its 4-byte length), a tick after `tick`
/// of silence; when the VM drops the sender (a disconnect, or the node halting), writes the
/// frames still queued, then shuts the socket down, which also ends the reader.
fn writer(mut s: TcpStream, rx: Receiver<Vec<u8>>, tick: Duration) {
    let _ = s.set_write_timeout(None);
    loop {
        let res = match rx.recv_timeout(tick) {
            Ok(frame) => {
                let mut b = Vec::with_capacity(4 + frame.len().min(1 << 16));
                b.extend_from_slice(&(frame.len() as u32).to_be_bytes());
                if frame.len() <= 1 << 16 {
                    b.extend_from_slice(&frame);
                    s.write_all(&b)
                } else {
                    s.write_all(&b).and_then(|_| s.write_all(&frame))
                }
            }
            Err(RecvTimeoutError::Timeout) => s.write_all(&[0, 0, 0, 0]),
            Err(RecvTimeoutError::Disconnected) => break,
        };
        if let Err(e) = res {
            if e.kind() != ErrorKind::Interrupted {
                break;
            }
        }
    }
    let _ = s.shutdown(Shutdown::Both);
}
