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
    for name in ["echo_server", "active_modes", "peer_closed", "nonblocking"] {
        check_elixir(name);
    }
}
