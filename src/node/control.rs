//! The control socket of a running node: its place (`$RETORT_RUN_DIR/NAME.sock`), the
//! listener thread of `retort start`, and the client side used by `rpc`, `iex --remsh`,
//! `stop` and `upgrade`.
//!
//! Place and permissions: the run directory is `$RETORT_RUN_DIR`, else
//! `$XDG_RUNTIME_DIR/retort`, else `/tmp/retort-UID`. It is created with mode 0700 and must be
//! owned by the user and not group- or world-accessible (a directory we did not make with
//! such modes is refused, as `ssh-agent` refuses its socket directory). The socket is created
//! with mode 0600, and every connection's peer credentials (`SO_PEERCRED`) are checked: a
//! peer of another user gets one error line and is closed.
//!
//! Wire format, one line per message, UTF-8: a request is `VERB\tPAYLOAD\n`, a reply
//! `ok\tOUTPUT\tTEXT\n` or `error\tOUTPUT\tTEXT\n`, each field escaped by [`escape`] (so it
//! holds no tab or newline). `OUTPUT` is what the request printed on the node; `TEXT` the
//! result (`inspect` of a value) or the error message. Verbs: `rpc` (payload: source text),
//! `eval` (payload `N\nSOURCE`, N the shell's prompt number; evaluated as `rpc` is, with the
//! variables bound by earlier `eval`s of the connection: the remote shell), `stop`, `plan` and `upgrade` (payload: a release directory). A connection may carry any
//! number of requests, answered in order.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{channel, Sender};
use std::sync::Arc;

/// One request handed to the VM's thread, with where its reply goes.
pub struct Request {
    pub verb: String,
    pub payload: String,
    /// The connection's number: `eval` requests of one connection share their bindings.
    pub session: i64,
    pub reply: Sender<Reply>,
}

/// Numbers the connections (sessions).
static SESSIONS: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(1);

/// A reply: success, what the request printed, and the result or error text.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub ok: bool,
    pub output: String,
    pub text: String,
}

/// Escapes `\`, tab, newline and carriage return as `\\`, `\t`, `\n`, `\r`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// The inverse of [`escape`]; an unknown escape keeps its character.
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(o) => out.push(o),
            None => out.push('\\'),
        }
    }
    out
}

fn uid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// The run directory (not created): `$RETORT_RUN_DIR`, `$XDG_RUNTIME_DIR/retort` or
/// `/tmp/retort-UID`.
pub fn run_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("RETORT_RUN_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(d);
    }
    if let Some(d) = std::env::var_os("XDG_RUNTIME_DIR").filter(|d| !d.is_empty()) {
        return Path::new(&d).join("retort");
    }
    PathBuf::from(format!("/tmp/retort-{}", uid()))
}

/// Checks a node name: 1 to 64 of `A-Z a-z 0-9 _ - .`, not starting with a dot.
pub fn check_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty() && name.len() <= 64 && !name.starts_with('.') && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.' || b == b'@');
    if ok {
        Ok(())
    } else {
        Err(format!("error: invalid node name {name:?} (1 to 64 letters, digits, '_', '-', '.' or '@', not starting with '.')"))
    }
}

/// `NAME.sock` in the run directory.
pub fn socket_path(name: &str) -> Result<PathBuf, String> {
    check_name(name)?;
    Ok(run_dir().join(format!("{name}.sock")))
}

/// Creates the run directory with mode 0700 if missing; refuses one owned by another user or
/// open to group or others.
fn ensure_run_dir(dir: &Path) -> Result<(), String> {
    if !dir.exists() {
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(|e| format!("error: could not create the run directory {}: {e}", dir.display()))?;
        // The mode given is filtered by the umask: set it exactly.
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(|e| format!("error: {}: {e}", dir.display()))?;
    }
    let md = std::fs::metadata(dir).map_err(|e| format!("error: {}: {e}", dir.display()))?;
    if !md.is_dir() {
        return Err(format!("error: the run directory {} is not a directory", dir.display()));
    }
    if md.uid() != uid() {
        return Err(format!("error: the run directory {} belongs to another user (uid {})", dir.display(), md.uid()));
    }
    if md.mode() & 0o077 != 0 {
        return Err(format!("error: the run directory {} is accessible to other users (mode {:o}); it must be 0700", dir.display(), md.mode() & 0o777));
    }
    Ok(())
}

/// The uid of the process at the other end of `s` (`SO_PEERCRED`).
pub fn peer_uid(s: &UnixStream) -> std::io::Result<u32> {
    use std::os::fd::AsRawFd;
    let mut cred = libc::ucred { pid: 0, uid: 0, gid: 0 };
    let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
    // SAFETY: `cred` is a valid, writable `ucred` and `len` holds its exact size, as
    // getsockopt(SO_PEERCRED) requires; the fd is open for the duration (borrowed from `s`).
    let r = unsafe { libc::getsockopt(s.as_raw_fd(), libc::SOL_SOCKET, libc::SO_PEERCRED, &mut cred as *mut libc::ucred as *mut libc::c_void, &mut len) };
    if r != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(cred.uid)
}

/// Binds `NAME.sock` (mode 0600) in the run directory. A socket left by a node that is gone
/// is replaced; a live node of that name is an error.
pub fn listen(name: &str) -> Result<(UnixListener, PathBuf), String> {
    let path = socket_path(name)?;
    ensure_run_dir(path.parent().unwrap_or(Path::new("/")))?;
    if path.exists() {
        if UnixStream::connect(&path).is_ok() {
            return Err(format!("error: a node named {name} is already running (control socket {})", path.display()));
        }
        std::fs::remove_file(&path).map_err(|e| format!("error: could not remove the stale socket {}: {e}", path.display()))?;
    }
    // SAFETY: umask only swaps the process's file-mode mask; no memory is involved. It is set
    // around the bind so the socket never exists with a wider mode.
    let old = unsafe { libc::umask(0o177) };
    let l = UnixListener::bind(&path);
    // SAFETY: as above, restoring the previous mask.
    unsafe { libc::umask(old) };
    let l = l.map_err(|e| format!("error: could not listen on {}: {e}", path.display()))?;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).map_err(|e| format!("error: {}: {e}", path.display()))?;
    Ok((l, path))
}

/// Requests in flight (sent to the VM, reply not yet written): the node waits for them to
/// drain before it exits, so `retort stop` gets its answer.
pub type InFlight = Arc<AtomicUsize>;

/// The listener thread: accepts connections, refuses other users, and serves each connection
/// on its own thread, handing requests to the VM through `tx`.
pub fn serve(listener: UnixListener, tx: Sender<Request>, inflight: InFlight) {
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut s) = conn else { continue };
            match peer_uid(&s) {
                Ok(u) if u == uid() => {}
                _ => {
                    let _ = writeln!(s, "error\t\t{}", escape("permission denied: the node belongs to another user"));
                    continue;
                }
            }
            let tx = tx.clone();
            let inflight = inflight.clone();
            std::thread::spawn(move || connection(s, tx, inflight));
        }
    });
}

fn connection(s: UnixStream, tx: Sender<Request>, inflight: InFlight) {
    let session = SESSIONS.fetch_add(1, Ordering::SeqCst);
    serve_connection(s, &tx, inflight, session);
    // The session's bindings go with it.
    let (rtx, _) = channel();
    let _ = tx.send(Request { verb: "closed".into(), payload: String::new(), session, reply: rtx });
}

fn serve_connection(s: UnixStream, tx: &Sender<Request>, inflight: InFlight, session: i64) {
    let Ok(mut out) = s.try_clone() else { return };
    let reader = BufReader::new(s);
    for line in reader.lines() {
        let Ok(line) = line else { return };
        let (verb, payload) = line.split_once('\t').unwrap_or((line.as_str(), ""));
        let (rtx, rrx) = channel();
        inflight.fetch_add(1, Ordering::SeqCst);
        let reply = match tx.send(Request { verb: verb.to_string(), payload: unescape(payload), session, reply: rtx }) {
            Ok(()) => rrx.recv().unwrap_or(Reply { ok: false, output: String::new(), text: "the node stopped before answering".into() }),
            Err(_) => Reply { ok: false, output: String::new(), text: "the node is stopping".into() },
        };
        let status = if reply.ok { "ok" } else { "error" };
        let r = writeln!(out, "{status}\t{}\t{}", escape(&reply.output), escape(&reply.text)).and_then(|_| out.flush());
        inflight.fetch_sub(1, Ordering::SeqCst);
        if r.is_err() {
            return;
        }
    }
}

/// A client connection to a node.
pub struct Client {
    out: UnixStream,
    reader: BufReader<UnixStream>,
}

impl Client {
    /// Connects to node `name`. Errors: bad name, no socket (no such node), refused (a stale
    /// socket: the node is gone).
    pub fn connect(name: &str) -> Result<Client, String> {
        let path = socket_path(name)?;
        if !path.exists() {
            return Err(format!("error: no node named {name} is running (no control socket {})", path.display()));
        }
        let s = UnixStream::connect(&path).map_err(|e| format!("error: could not connect to node {name} at {}: {e}", path.display()))?;
        let out = s.try_clone().map_err(|e| format!("error: {e}"))?;
        Ok(Client { out, reader: BufReader::new(s) })
    }

    /// Sends one request and waits for its reply.
    pub fn request(&mut self, verb: &str, payload: &str) -> Result<Reply, String> {
        writeln!(self.out, "{verb}\t{}", escape(payload)).and_then(|_| self.out.flush()).map_err(|e| format!("error: the node closed the connection: {e}"))?;
        let mut line = String::new();
        match self.reader.read_line(&mut line) {
            Ok(0) => return Err("error: the node closed the connection without answering".into()),
            Ok(_) => {}
            Err(e) => return Err(format!("error: reading the node's answer: {e}")),
        }
        let line = line.trim_end_matches('\n');
        let mut parts = line.splitn(3, '\t');
        let status = parts.next().unwrap_or("");
        let output = unescape(parts.next().unwrap_or(""));
        let text = unescape(parts.next().unwrap_or(""));
        match status {
            "ok" => Ok(Reply { ok: true, output, text }),
            "error" => Ok(Reply { ok: false, output, text }),
            _ => Err(format!("error: unexpected answer from the node: {line}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_round_trips() {
        for s in ["", "a\tb\nc\\d\r", "\\n", "x\\", "é\u{0}"] {
            assert_eq!(unescape(&escape(s)), s);
            assert!(!escape(s).contains(['\t', '\n']));
        }
    }

    #[test]
    fn names_are_checked() {
        assert!(check_name("kv-1.a_b").is_ok());
        for bad in ["", ".x", "a/b", "a b", &"x".repeat(65)] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn peer_credentials_name_this_user() {
        let (a, _b) = UnixStream::pair().unwrap();
        assert_eq!(peer_uid(&a).unwrap(), uid());
    }
}
