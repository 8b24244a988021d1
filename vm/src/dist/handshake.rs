//! The distribution handshake, version 6 only, in both roles, on a blocking socket (an I/O
//! thread runs it).
//!
//! Follows OTP 25 `lib/kernel/src/dist_util.erl` (`handshake_we_started`,
//! `handshake_other_started`, `gen_digest`, `adjust_flags`) and the "Distribution Handshake"
//! chapter of `erl_dist_protocol.xml`. Every handshake message has a 2-byte length:
//!
//! - A (initiator) → B: `'N'` flags(8) creation(4) namelen(2) name;
//! - B → A: `'s'` status (`ok`, `ok_simultaneous`, `nok`, `not_allowed`, `alive`);
//! - B → A: `'N'` flags(8) challenge(4) creation(4) namelen(2) name;
//! - A → B: `'r'` challenge(4) digest(16);
//! - B → A: `'a'` digest(16).
//!
//! The digest is MD5 of the cookie followed by the challenge as unsigned decimal text. The
//! flags in force are the AND of both sides' (`adjust_flags`); a peer missing a flag of
//! [`MANDATORY`] is refused as `dist_util` refuses it.

use md5::{Digest, Md5};
use std::io::{Read, Write};
use std::net::TcpStream;

/// Distribution flags (OTP 25 `erts/emulator/beam/dist.h`, `kernel/include/dist.hrl`).
pub mod flags {
    pub const PUBLISHED: u64 = 0x1;
    pub const EXTENDED_REFERENCES: u64 = 0x4;
    pub const DIST_MONITOR: u64 = 0x8;
    pub const FUN_TAGS: u64 = 0x10;
    pub const DIST_MONITOR_NAME: u64 = 0x20;
    pub const NEW_FUN_TAGS: u64 = 0x80;
    pub const EXTENDED_PIDS_PORTS: u64 = 0x100;
    pub const EXPORT_PTR_TAG: u64 = 0x200;
    pub const BIT_BINARIES: u64 = 0x400;
    pub const NEW_FLOATS: u64 = 0x800;
    pub const UTF8_ATOMS: u64 = 0x10000;
    pub const MAP_TAG: u64 = 0x20000;
    pub const BIG_CREATION: u64 = 0x40000;
    pub const HANDSHAKE_23: u64 = 0x100_0000;
    pub const UNLINK_ID: u64 = 0x200_0000;
    pub const MANDATORY_25_DIGEST: u64 = 0x400_0000;
    pub const SPAWN: u64 = 1 << 32;
    pub const V4_NC: u64 = 1 << 34;
    pub const ALIAS: u64 = 1 << 35;
}
use flags::*;

/// What OTP 25 requires of a peer (`DFLAG_DIST_MANDATORY_25`), and what retort requires.
pub const MANDATORY: u64 = EXTENDED_REFERENCES | FUN_TAGS | NEW_FUN_TAGS | EXTENDED_PIDS_PORTS | EXPORT_PTR_TAG | BIT_BINARIES | NEW_FLOATS | UTF8_ATOMS | MAP_TAG | BIG_CREATION | HANDSHAKE_23;

/// What retort offers: OTP 25's and 26's mandatory sets (26 adds `V4_NC` and `UNLINK_ID`),
/// monitors, `SPAWN` and `ALIAS`; `PUBLISHED` is added unless hidden. No atom cache, no
/// fragments (the BEAM then sends neither).
pub const OFFERED: u64 = MANDATORY | MANDATORY_25_DIGEST | DIST_MONITOR | DIST_MONITOR_NAME | UNLINK_ID | SPAWN | V4_NC | ALIAS;

/// This node, as the handshake presents it.
#[derive(Clone, Debug)]
pub struct Me {
    pub name: String,
    pub cookie: String,
    pub creation: u32,
    pub flags: u64,
}

/// The peer, after a successful handshake.
#[derive(Clone, Debug)]
pub struct Peer {
    pub name: String,
    /// The flags in force (both sides' AND).
    pub flags: u64,
    pub creation: u32,
}

/// Why a handshake failed.
#[derive(Debug)]
pub enum Failure {
    /// Socket error or malformed message.
    Io(String),
    /// The acceptor said `nok`: it is connecting to us too and wins (simultaneous connect).
    Nok,
    /// The peer refused us (`not_allowed`, missing flags, a wrong status).
    Refused(String),
    /// The digest did not match: a wrong cookie (the text is the log line, as the BEAM's).
    BadCookie(String),
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::Io(e.to_string())
    }
}

/// The challenge digest: MD5(cookie ++ challenge as unsigned decimal) (`dist_util:gen_digest`).
pub fn digest(cookie: &str, challenge: u32) -> [u8; 16] {
    let mut h = Md5::new();
    h.update(cookie.as_bytes());
    h.update(challenge.to_string().as_bytes());
    h.finalize().into()
}

fn send(s: &mut TcpStream, body: &[u8]) -> Result<(), Failure> {
    let mut b = Vec::with_capacity(body.len() + 2);
    b.extend_from_slice(&(body.len() as u16).to_be_bytes());
    b.extend_from_slice(body);
    s.write_all(&b)?;
    Ok(())
}

fn recv(s: &mut TcpStream) -> Result<Vec<u8>, Failure> {
    let mut len = [0u8; 2];
    s.read_exact(&mut len)?;
    let mut b = vec![0u8; u16::from_be_bytes(len) as usize];
    s.read_exact(&mut b)?;
    Ok(b)
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

fn be64(b: &[u8]) -> u64 {
    u64::from_be_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
}

fn random_challenge() -> u32 {
    let mut b = [0u8; 4];
    let _ = getrandom::fill(&mut b);
    u32::from_ne_bytes(b)
}

/// The `'N'` message: flags, [challenge,] creation, name.
fn name_msg(me: &Me, challenge: Option<u32>) -> Vec<u8> {
    let mut m = vec![b'N'];
    m.extend_from_slice(&me.flags.to_be_bytes());
    if let Some(c) = challenge {
        m.extend_from_slice(&c.to_be_bytes());
    }
    m.extend_from_slice(&me.creation.to_be_bytes());
    m.extend_from_slice(&(me.name.len() as u16).to_be_bytes());
    m.extend_from_slice(me.name.as_bytes());
    m
}

/// The names of `MANDATORY` flags missing from `f`, as `dist_util` logs them.
fn missing(f: u64) -> Option<String> {
    let names = [(EXTENDED_REFERENCES, "EXTENDED_REFERENCES"), (FUN_TAGS, "FUN_TAGS"), (NEW_FUN_TAGS, "NEW_FUN_TAGS"), (EXTENDED_PIDS_PORTS, "EXTENDED_PIDS_PORTS"), (EXPORT_PTR_TAG, "EXPORT_PTR_TAG"), (BIT_BINARIES, "BIT_BINARIES"), (NEW_FLOATS, "NEW_FLOATS"), (UTF8_ATOMS, "UTF8_ATOMS"), (MAP_TAG, "MAP_TAG"), (BIG_CREATION, "BIG_CREATION"), (HANDSHAKE_23, "HANDSHAKE_23")];
    let miss: Vec<String> = names.iter().filter(|(b, _)| f & b == 0).map(|(_, n)| format!("\"{n}\"")).collect();
    (!miss.is_empty()).then(|| format!("[{}]", miss.join(",")))
}

/// A node name as Elixir's logger shows it in these lines: `:name@host`, or quoted
/// (`:"r@127.0.0.1"`) when it is not a plain identifier.
pub fn atom_text(name: &str) -> String {
    let plain = name.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_') && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '@');
    if plain {
        format!(":{name}")
    } else {
        format!(":{name:?}")
    }
}

/// Runs the initiator's side (A) towards `peer_name` on a connected socket.
pub fn initiate(s: &mut TcpStream, me: &Me, peer_name: &str) -> Result<Peer, Failure> {
    send(s, &name_msg(me, None))?;
    let st = recv(s)?;
    match st.as_slice() {
        b"sok" | b"sok_simultaneous" => {}
        b"snok" => return Err(Failure::Nok),
        b"salive" => {
            // An old connection of ours is still known to the peer: tell it to drop it.
            send(s, b"strue")?;
        }
        other => return Err(Failure::Refused(format!("status {}", String::from_utf8_lossy(other.get(1..).unwrap_or_default())))),
    }
    let ch = recv(s)?;
    if ch.len() < 19 || ch[0] != b'N' {
        return Err(Failure::Io("malformed challenge".into()));
    }
    let flags = be64(&ch[1..9]);
    let challenge = be32(&ch[9..13]);
    let creation = be32(&ch[13..17]);
    let nlen = u16::from_be_bytes([ch[17], ch[18]]) as usize;
    let name = String::from_utf8_lossy(ch.get(19..19 + nlen).ok_or_else(|| Failure::Io("malformed challenge".into()))?).into_owned();
    if name != peer_name {
        return Err(Failure::Refused(format!("the peer calls itself {name}, not {peer_name}")));
    }
    if let Some(m) = missing(flags) {
        return Err(Failure::Refused(format!("the peer cannot handle {m}")));
    }
    let mine = random_challenge();
    let mut reply = vec![b'r'];
    reply.extend_from_slice(&mine.to_be_bytes());
    reply.extend_from_slice(&digest(&me.cookie, challenge));
    send(s, &reply)?;
    let ack = match recv(s) {
        Ok(a) => a,
        // The BEAM closes the socket after a wrong digest.
        Err(_) => return Err(Failure::BadCookie(format!("** Connection attempt to node {} failed: the peer closed the connection after the challenge reply (a wrong cookie?) **", atom_text(peer_name)))),
    };
    if ack.len() != 17 || ack[0] != b'a' || ack[1..] != digest(&me.cookie, mine) {
        return Err(Failure::BadCookie(format!("** Connection attempt to node {} cancelled. Invalid challenge ack. **", atom_text(peer_name))));
    }
    Ok(Peer { name, flags: flags & me.flags, creation })
}

/// What the acceptor answers a peer that asks to connect (`dist_util`'s status).
pub enum Admit {
    Ok,
    OkSimultaneous,
    Nok,
    Alive,
}

/// Runs the acceptor's side (B) on an accepted socket. `admit` decides the status from the
/// peer's name (simultaneous connects, an existing connection).
pub fn accept(s: &mut TcpStream, me: &Me, admit: impl FnOnce(&str) -> Admit) -> Result<Peer, Failure> {
    let m = recv(s)?;
    if m.first() == Some(&b'n') {
        // The old version-5 name message: OTP 25 refuses it too.
        send(s, b"snot_allowed")?;
        return Err(Failure::Refused("a version 5 handshake".into()));
    }
    if m.len() < 15 || m[0] != b'N' {
        return Err(Failure::Io("malformed name message".into()));
    }
    let flags = be64(&m[1..9]);
    let creation = be32(&m[9..13]);
    let nlen = u16::from_be_bytes([m[13], m[14]]) as usize;
    let name = String::from_utf8_lossy(m.get(15..15 + nlen).ok_or_else(|| Failure::Io("malformed name message".into()))?).into_owned();
    if let Some(miss) = missing(flags) {
        send(s, b"snot_allowed")?;
        return Err(Failure::Refused(format!("** Connection attempt from node {} rejected since it cannot handle {miss}.**", atom_text(&name))));
    }
    match admit(&name) {
        Admit::Ok => send(s, b"sok")?,
        Admit::OkSimultaneous => send(s, b"sok_simultaneous")?,
        Admit::Nok => {
            send(s, b"snok")?;
            return Err(Failure::Nok);
        }
        Admit::Alive => {
            send(s, b"salive")?;
            if recv(s)?.as_slice() != b"strue" {
                return Err(Failure::Refused("the peer kept its old connection".into()));
            }
        }
    }
    let mine = random_challenge();
    send(s, &name_msg(me, Some(mine)))?;
    let r = recv(s)?;
    if r.len() != 21 || r[0] != b'r' {
        return Err(Failure::Io("malformed challenge reply".into()));
    }
    if r[5..] != digest(&me.cookie, mine) {
        // dist_util:recv_challenge_reply's log line; the socket is then closed.
        return Err(Failure::BadCookie(format!("** Connection attempt from node {} rejected. Invalid challenge reply. **", atom_text(&name))));
    }
    let theirs = be32(&r[1..5]);
    let mut ack = vec![b'a'];
    ack.extend_from_slice(&digest(&me.cookie, theirs));
    send(s, &ack)?;
    Ok(Peer { name, flags: flags & me.flags, creation })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_is_md5_of_cookie_and_decimal_challenge() {
        // md5("cookie" ++ "4294967295"): the challenge is unsigned
        let mut h = Md5::new();
        h.update(b"cookie4294967295");
        let want: [u8; 16] = h.finalize().into();
        assert_eq!(digest("cookie", u32::MAX), want);
    }

    #[test]
    fn node_names_print_as_elixir_inspects_them() {
        assert_eq!(atom_text("a@h"), ":a@h");
        assert_eq!(atom_text("r@127.0.0.1"), ":\"r@127.0.0.1\"");
    }

    #[test]
    fn both_roles_agree_and_a_wrong_cookie_is_refused() {
        for (ca, cb, ok) in [("c", "c", true), ("c", "d", false)] {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            let port = l.local_addr().unwrap().port();
            let b = std::thread::spawn(move || {
                let (mut s, _) = l.accept().unwrap();
                let me = Me { name: "b@h".into(), cookie: cb.into(), creation: 2, flags: OFFERED };
                accept(&mut s, &me, |_| Admit::Ok).map(|p| p.name)
            });
            let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
            let me = Me { name: "a@h".into(), cookie: ca.into(), creation: 1, flags: OFFERED };
            let a = initiate(&mut s, &me, "b@h");
            drop(s);
            let b = b.join().unwrap();
            assert_eq!(a.is_ok(), ok);
            assert_eq!(b.is_ok(), ok);
            if ok {
                assert_eq!(b.unwrap(), "a@h");
                assert_eq!(a.unwrap().creation, 2);
            } else {
                assert!(matches!(b, Err(Failure::BadCookie(m)) if m == "** Connection attempt from node :a@h rejected. Invalid challenge reply. **"));
            }
        }
    }
}
