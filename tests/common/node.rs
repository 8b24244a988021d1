//! Helpers shared by `tests/node.rs` and `tests/kv_load.rs`: releases of
//! `examples/kv_server/`, a node started with `retort start` as a child process (killed on
//! drop), `retort` commands bounded in time, and a line-protocol TCP client.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const RETORT: &str = env!("CARGO_BIN_EXE_retort");
pub const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/kv_server");

/// A scratch directory per test: run directory and releases.
pub fn scratch(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("retort-node-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// `retort release -o dir/OUT --app APP SOURCE`.
pub fn release_of(dir: &Path, out: &str, app: &str, source: &str) -> PathBuf {
    let out = dir.join(out);
    let r = Command::new(RETORT).args(["release", "-o"]).arg(&out).args(["--app", app, source]).output().unwrap();
    assert!(r.status.success(), "retort release: {}", String::from_utf8_lossy(&r.stderr));
    out
}

/// `retort release` of one version of the example into `dir/vN`.
pub fn release(dir: &Path, version: &str) -> PathBuf {
    let out = dir.join(version);
    let r = Command::new(RETORT).args(["release", "-o"]).arg(&out).args(["--app", "KVServer.App"]).arg(format!("{EXAMPLE}/{version}/kv_server.ex")).output().unwrap();
    assert!(r.status.success(), "retort release: {}", String::from_utf8_lossy(&r.stderr));
    out
}

/// Output of a finished command: status, stdout, stderr.
pub struct Out {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `retort ARGS` with the run directory of `scratch`, at most 20 s.
pub fn retort(run_dir: &Path, args: &[&str], stdin: &str) -> Out {
    let mut child = Command::new(RETORT)
        .args(args)
        .env("RETORT_RUN_DIR", run_dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stdout = String::new();
            let mut stderr = String::new();
            child.stdout.take().unwrap().read_to_string(&mut stdout).unwrap();
            child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
            return Out { code: status.code(), stdout, stderr };
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("retort {args:?} did not finish in 20 s");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// A node started with `retort start` as a child process; killed on drop if still running.
pub struct Node {
    pub child: Child,
    pub run_dir: PathBuf,
    pub name: String,
    /// The kv_server's TCP port (from its "listening on port N" line).
    pub port: u16,
}

impl Node {
    /// A node of a kv_server release: started once the service prints its port.
    pub fn start(scratch: &Path, rel: &Path, name: &str) -> Node {
        Node::start_with(scratch, rel, name, true)
    }

    /// A node of any release (`kv`: wait for kv_server's port line; otherwise `port` is 0):
    /// started once its control socket exists.
    pub fn start_with(scratch: &Path, rel: &Path, name: &str, kv: bool) -> Node {
        let run_dir = scratch.join("run");
        let mut child = Command::new(RETORT)
            .arg("start")
            .arg(rel)
            .args(["--name", name])
            .env("RETORT_RUN_DIR", &run_dir)
            .env("KV_PORT", "0")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The service's first line names its port; read it on a thread so a silent node fails
        // the test in bounded time.
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            while let Some(Ok(l)) = lines.next() {
                if let Some(p) = l.strip_prefix("kv_server listening on port ") {
                    let _ = tx.send(p.trim().parse::<u16>().unwrap());
                }
            }
        });
        let port = match if kv { rx.recv_timeout(Duration::from_secs(20)) } else { Ok(0) } {
            Ok(p) => p,
            Err(_) => {
                let _ = child.kill();
                let mut err = String::new();
                let _ = child.stderr.take().unwrap().read_to_string(&mut err);
                panic!("the node did not start: {err}");
            }
        };
        let sock = run_dir.join(format!("{name}.sock"));
        let deadline = Instant::now() + Duration::from_secs(10);
        while !sock.exists() {
            assert!(Instant::now() < deadline, "no control socket {}", sock.display());
            std::thread::sleep(Duration::from_millis(10));
        }
        Node { child, run_dir, name: name.to_string(), port }
    }

    pub fn retort(&self, args: &[&str]) -> Out {
        retort(&self.run_dir, args, "")
    }

    pub fn rpc(&self, expr: &str) -> Out {
        retort(&self.run_dir, &["rpc", &self.name, expr], "")
    }

    /// Waits (at most 10 s) for the node to exit; its status.
    pub fn wait(&mut self) -> Option<i32> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s.code();
            }
            assert!(Instant::now() < deadline, "the node did not stop");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A line-protocol client over a real socket.
pub struct Conn {
    pub out: TcpStream,
    pub lines: BufReader<TcpStream>,
}

impl Conn {
    pub fn open(port: u16) -> Conn {
        let s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        Conn { out: s.try_clone().unwrap(), lines: BufReader::new(s) }
    }

    pub fn ask(&mut self, request: &str) -> String {
        self.out.write_all(format!("{request}\n").as_bytes()).unwrap();
        let mut line = String::new();
        self.lines.read_line(&mut line).unwrap();
        line.trim_end().to_string()
    }
}


impl Conn {
    /// [`Conn::ask`] that reports a write error, a read error or a closed connection.
    pub fn ask_checked(&mut self, request: &str) -> Result<String, String> {
        self.out.write_all(format!("{request}\n").as_bytes()).map_err(|e| e.to_string())?;
        let mut line = String::new();
        match self.lines.read_line(&mut line) {
            Ok(0) => Err("connection closed".into()),
            Ok(_) => Ok(line.trim_end().to_string()),
            Err(e) => Err(e.to_string()),
        }
    }
}
