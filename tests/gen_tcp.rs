//! `:gen_tcp` and `:inet` (issue 13, item 1): each script in `tests/tcp/` serves and connects to
//! itself on 127.0.0.1 port 0 and must print what real Elixir printed (its `.out`): an echo
//! server with concurrent clients, recv/accept timeouts while other processes run, a 3 MB send
//! that fills the socket buffer, connection refused, `:eaddrinuse`, a peer's close, line and
//! length-prefixed packets, active modes, `controlling_process`, and an owner's exit closing its
//! socket. When `elixir` is installed the script is also run through it, to check the `.out`.

use std::path::Path;
use std::process::Command;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tcp");

fn run(args: &[&str], script: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_retort")).args(args).arg(script).output().expect("retort runs");
    assert!(out.status.success(), "{} failed: {}", script.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn check(name: &str, args: &[&str]) {
    let script = Path::new(DIR).join(format!("{name}.exs"));
    let expected = std::fs::read_to_string(Path::new(DIR).join(format!("{name}.out"))).expect(".out file");
    assert_eq!(run(args, &script), expected, "{name} with {args:?}");
}

fn check_elixir(name: &str) {
    let script = Path::new(DIR).join(format!("{name}.exs"));
    let Ok(out) = Command::new("elixir").arg(&script).output() else { return };
    let expected = std::fs::read_to_string(Path::new(DIR).join(format!("{name}.out"))).expect(".out file");
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected, "elixir's output of {name} changed");
}

#[test]
fn echo_server_with_concurrent_clients_refused_and_in_use() {
    check("echo_server", &["run"]);
}

#[test]
fn echo_server_in_virtual_time_and_seeded() {
    check("echo_server", &["run", "--virtual-time"]);
    check("echo_server", &["run", "--sched-seed", "7"]);
}

#[test]
fn active_modes_line_and_length_packets_owner_exit() {
    check("active_modes", &["run"]);
}

#[test]
fn peer_close_discards_partial_packets() {
    check("peer_closed", &["run"]);
}

#[test]
fn blocked_accept_and_recv_leave_others_running() {
    check("nonblocking", &["run"]);
}

#[test]
fn outputs_are_elixirs() {
    for name in ["echo_server", "active_modes", "peer_closed", "nonblocking", "errors_and_shutdown"] {
        check_elixir(name);
    }
}

#[test]
fn reset_connections_tcp_error_and_half_close_with_shutdown() {
    check("errors_and_shutdown", &["run"]);
}

/// `connect/4` with a timeout never blocks the VM's thread: against a listener whose accept
/// queue is full (the kernel drops the SYN, so the connect stays under way), it answers
/// `{:error, :timeout}` after the timeout while another process keeps running meanwhile.
#[test]
fn connect_timeout_leaves_other_processes_running() {
    use std::io::BufRead;
    use std::net::{SocketAddr, TcpStream};
    use std::time::Duration;
    // A listener with backlog 0 that never accepts (std's listeners take a backlog of 128).
    let mut py = Command::new("python3")
        .args(["-c", "import socket,sys,time\ns=socket.socket()\ns.bind(('127.0.0.1',0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\ntime.sleep(60)"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3");
    let mut line = String::new();
    std::io::BufReader::new(py.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let port: u16 = line.trim().parse().unwrap();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    // Fill the accept queue until a connect times out.
    let mut held = Vec::new();
    let mut full = false;
    for _ in 0..20 {
        match TcpStream::connect_timeout(&addr, Duration::from_millis(300)) {
            Ok(c) => held.push(c),
            Err(_) => {
                full = true;
                break;
            }
        }
    }
    assert!(full, "the accept queue never filled");
    let script = std::env::temp_dir().join(format!("retort_connect_timeout_{}.exs", std::process::id()));
    std::fs::write(
        &script,
        format!(
            "parent = self()\nticker = spawn(fn -> Enum.each(1..1000, fn i -> send(parent, {{:tick, i}}); Process.sleep(10) end) end)\nt0 = System.monotonic_time(:millisecond)\nr = :gen_tcp.connect({{127, 0, 0, 1}}, {port}, [:binary], 500)\ndt = System.monotonic_time(:millisecond) - t0\nProcess.exit(ticker, :kill)\nticks = Enum.count(:erlang.process_info(self(), :messages) |> elem(1), &match?({{:tick, _}}, &1))\nIO.inspect(r)\nIO.puts(\"waited: #{{dt >= 450 and dt < 3000}}\")\nIO.puts(\"others ran: #{{ticks >= 20}}\")\n"
        ),
    )
    .unwrap();
    let out = run(&["run"], &script);
    let _ = py.kill();
    let _ = py.wait();
    let _ = std::fs::remove_file(&script);
    assert_eq!(out, "{:error, :timeout}\nwaited: true\nothers ran: true\n");
}
