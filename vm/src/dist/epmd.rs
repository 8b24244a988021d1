//! The EPMD client: registering this node (`ALIVE2_REQ`, the connection kept open, since
//! closing it unregisters) and looking up a peer's distribution port (`PORT_PLEASE2_REQ`).
//!
//! Follows OTP 25 `erts/doc/src/erl_dist_protocol.xml` ("EPMD Protocol") and
//! `lib/kernel/src/erl_epmd.erl`: every request is a 2-byte big-endian length and the request;
//! replies carry no length. EPMD listens on the port `ERL_EPMD_PORT` names (4369 by default);
//! when none answers, `epmd -daemon` is started, as `erl` does (`erl_epmd.erl` relies on the
//! runtime's start script for this). All calls block: they run on the distribution's I/O
//! threads or at start-up, never on a scheduled process.

use std::io::{Error, ErrorKind, Read, Result, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

const ALIVE2_REQ: u8 = 120;
const ALIVE2_X_RESP: u8 = 118;
const ALIVE2_RESP: u8 = 121;
const PORT_PLEASE2_REQ: u8 = 122;
const PORT2_RESP: u8 = 119;

/// How long a connection to EPMD, or its reply, may take.
const TIMEOUT: Duration = Duration::from_secs(5);

/// The EPMD port: `ERL_EPMD_PORT` if set and valid, else 4369.
pub fn epmd_port() -> u16 {
    std::env::var("ERL_EPMD_PORT").ok().and_then(|p| p.trim().parse().ok()).unwrap_or(4369)
}

fn connect(host: &str) -> Result<TcpStream> {
    let addrs: Vec<_> = (host, epmd_port()).to_socket_addrs()?.collect();
    let mut last = Error::new(ErrorKind::NotFound, format!("cannot resolve {host}"));
    for a in addrs {
        match TcpStream::connect_timeout(&a, TIMEOUT) {
            Ok(s) => {
                s.set_read_timeout(Some(TIMEOUT))?;
                s.set_write_timeout(Some(TIMEOUT))?;
                return Ok(s);
            }
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// Sends one request: its 2-byte length, then the bytes.
fn request(s: &mut TcpStream, body: &[u8]) -> Result<()> {
    let mut b = Vec::with_capacity(body.len() + 2);
    b.extend_from_slice(&(body.len() as u16).to_be_bytes());
    b.extend_from_slice(body);
    s.write_all(&b)
}

/// Connects to the local EPMD, starting `epmd -daemon` first if nothing answers.
fn connect_local() -> Result<TcpStream> {
    if let Ok(s) = connect("127.0.0.1") {
        return Ok(s);
    }
    // As `erl` does when no EPMD runs: start one (it inherits ERL_EPMD_PORT).
    let _ = std::process::Command::new("epmd").arg("-daemon").status();
    let mut last = None;
    for _ in 0..50 {
        match connect("127.0.0.1") {
            Ok(s) => return Ok(s),
            Err(e) => last = Some(e),
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(last.unwrap_or_else(|| ErrorKind::ConnectionRefused.into()))
}

/// Registers `alive` (the part of the node name before `@`) with distribution port `port`:
/// `ALIVE2_REQ` (node type 77 normal or 72 hidden, protocol 0 = TCP/IPv4, versions 6..6, no
/// extra). Returns the open connection (keep it: closing it unregisters) and the creation
/// EPMD assigned (32 bits from `ALIVE2_X_RESP`, 16 from the older `ALIVE2_RESP`).
/// Errors: EPMD unreachable, or a non-zero result (the name is taken).
pub fn register(alive: &str, port: u16, hidden: bool) -> Result<(TcpStream, u32)> {
    let mut s = connect_local()?;
    let mut req = vec![ALIVE2_REQ];
    req.extend_from_slice(&port.to_be_bytes());
    req.push(if hidden { 72 } else { 77 });
    req.push(0);
    req.extend_from_slice(&6u16.to_be_bytes());
    req.extend_from_slice(&6u16.to_be_bytes());
    req.extend_from_slice(&(alive.len() as u16).to_be_bytes());
    req.extend_from_slice(alive.as_bytes());
    req.extend_from_slice(&0u16.to_be_bytes());
    request(&mut s, &req)?;
    let mut head = [0u8; 2];
    s.read_exact(&mut head)?;
    let creation = match head {
        [ALIVE2_X_RESP, 0] => {
            let mut c = [0u8; 4];
            s.read_exact(&mut c)?;
            u32::from_be_bytes(c)
        }
        [ALIVE2_RESP, 0] => {
            let mut c = [0u8; 2];
            s.read_exact(&mut c)?;
            u16::from_be_bytes(c) as u32
        }
        [_, r] => return Err(Error::other(format!("EPMD refused the name {alive:?} (result {r}): is a node of that name already running?"))),
    };
    // The registration lives as long as the socket; no more reads are expected.
    s.set_read_timeout(None)?;
    Ok((s, if creation == 0 { 1 } else { creation }))
}

/// Looks up the distribution port of node `alive` on `host`: `PORT_PLEASE2_REQ` →
/// `PORT2_RESP`. `Ok(None)` when EPMD knows no such node.
pub fn port_please(host: &str, alive: &str) -> Result<Option<u16>> {
    let mut s = connect(host)?;
    let mut req = vec![PORT_PLEASE2_REQ];
    req.extend_from_slice(alive.as_bytes());
    request(&mut s, &req)?;
    let mut head = [0u8; 2];
    s.read_exact(&mut head)?;
    if head[0] != PORT2_RESP {
        return Err(Error::other("unexpected EPMD reply"));
    }
    if head[1] != 0 {
        return Ok(None);
    }
    let mut port = [0u8; 2];
    s.read_exact(&mut port)?;
    // The rest (node type, protocol, versions, name, extra) is not needed.
    Ok(Some(u16::from_be_bytes(port)))
}
