//! A retort node and a real Elixir node on loopback (issue 17): each test starts its own
//! `epmd` on a free port (`ERL_EPMD_PORT`, so 4369 is never touched), an `elixir --name
//! beam@127.0.0.1` and a `retort run --name r@127.0.0.1`, bounds every wait, and kills what it
//! started. Skipped, saying why, when `erl`, `elixir` or `epmd` is missing (`.ci/run` installs
//! Debian's `erlang-base` and `elixir`).

use std::fs::File;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Kills and reaps its children when dropped (also when a test fails).
struct Kill(Vec<Child>);

impl Drop for Kill {
    fn drop(&mut self) {
        for c in &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn have_erlang() -> bool {
    let ok = ["erl", "elixir", "epmd"].iter().all(|c| Command::new("sh").args(["-c", &format!("command -v {c}")]).stdout(Stdio::null()).status().is_ok_and(|s| s.success()));
    if !ok {
        eprintln!("dist_interop: skipped: erl, elixir or epmd is not installed (apt-get install erlang-base elixir)");
    }
    ok
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A scratch directory for one test's scripts and outputs.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("retort-dist-{}-{name}", std::process::id()));
    let _ = std::fs::create_dir_all(&d);
    d
}

/// Starts a private epmd on a free port and waits until it answers.
fn start_epmd(kill: &mut Kill) -> u16 {
    let port = free_port();
    let c = Command::new("epmd").args(["-address", "127.0.0.1", "-port", &port.to_string()]).env("ERL_EPMD_PORT", port.to_string()).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("epmd");
    kill.0.push(c);
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "epmd did not start on port {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
    port
}

/// Spawns `cmd` with stdout and stderr into `dir/tag.out` / `dir/tag.err`.
fn spawn_logged(mut cmd: Command, dir: &Path, tag: &str) -> Child {
    let out = File::create(dir.join(format!("{tag}.out"))).unwrap();
    let err = File::create(dir.join(format!("{tag}.err"))).unwrap();
    cmd.stdout(out).stderr(err).stdin(Stdio::null()).spawn().unwrap_or_else(|e| panic!("cannot start {tag}: {e}"))
}

fn beam(dir: &Path, epmd: u16, cookie: &str, script: &Path) -> Command {
    let mut c = Command::new("elixir");
    c.args(["--name", "beam@127.0.0.1", "--cookie", cookie, "--erl", "-kernel inet_dist_use_interface {127,0,0,1} -kernel net_ticktime 4"]).arg(script).env("ERL_EPMD_PORT", epmd.to_string()).current_dir(dir);
    c
}

fn retort(dir: &Path, epmd: u16, cookie: &str, script: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_retort"));
    c.args(["run", "--name", "r@127.0.0.1", "--cookie", cookie, "--net-ticktime", "4"]).arg(script).env("ERL_EPMD_PORT", epmd.to_string()).current_dir(dir);
    c
}

/// Waits for the child at `kill.0[i]` to end, at most `secs` seconds (then it is killed).
fn wait(kill: &mut Kill, i: usize, secs: u64) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Ok(Some(_)) = kill.0[i].try_wait() {
            return;
        }
        if Instant::now() > deadline {
            let _ = kill.0[i].kill();
            let _ = kill.0[i].wait();
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_default()
}

/// Waits until `file` in `dir` contains `text` (at most `secs` seconds).
fn wait_for_text(dir: &Path, file: &str, text: &str, secs: u64) -> bool {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < deadline {
        if read(dir, file).contains(text) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// Runs a retort node on `script` to its end (at most `secs` seconds), again while it could
/// not register in epmd (the previous node of that name may still be unregistering); returns
/// the tag of the run (its output is `dir/TAG.out`, `dir/TAG.err`).
fn run_retort_to_end(k: &mut Kill, dir: &Path, epmd: u16, script: &Path, tag: &str, env: &[(&str, &str)], secs: u64) -> String {
    let mut last = String::new();
    for attempt in 0..10 {
        last = format!("{tag}-{attempt}");
        let mut c = retort(dir, epmd, "c", script);
        c.envs(env.iter().copied());
        k.0.push(spawn_logged(c, dir, &last));
        let i = k.0.len() - 1;
        wait(k, i, secs);
        if !read(dir, &format!("{last}.err")).contains("could not register") {
            break;
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    last
}

fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dist").join(name)
}

/// Connect and ping both ways; the echo corpus (every term kind, pids and references of both
/// nodes and funs included) comes back `===` both ways; a closure of each node sent through
/// the other comes back callable; a BEAM fun prints on retort as Elixir prints a fun whose
/// module is not loaded, and calling it raises `UndefinedFunctionError`; a 10 MB binary; a
/// remote pid; GenServer.call both ways; a link and a monitor of a BEAM process; the BEAM sees retort's process DOWN and
/// `{:nodedown, r}` when retort ends.
#[test]
fn connect_ping_echo_link_monitor_call_both_ways() {
    if !have_erlang() {
        return;
    }
    let dir = scratch("echo");
    let mut k = Kill(Vec::new());
    let epmd = start_epmd(&mut k);
    k.0.push(spawn_logged(beam(&dir, epmd, "c", &script("beam_peer.exs")), &dir, "beam"));
    assert!(wait_for_text(&dir, "beam.out", "beam ready", 30), "the BEAM did not start: {}", read(&dir, "beam.err"));
    k.0.push(spawn_logged(retort(&dir, epmd, "c", &script("retort_peer.exs")), &dir, "retort"));
    wait(&mut k, 2, 60);
    wait(&mut k, 1, 30);
    let (r, b) = (read(&dir, "retort.out"), read(&dir, "beam.out"));
    let ctx = format!("retort:\n{r}{}\nbeam:\n{b}{}", read(&dir, "retort.err"), read(&dir, "beam.err"));
    for line in [
        "retort ping: pong",
        "retort nodes: [:\"beam@127.0.0.1\"]",
        "retort echo: 49/49",
        "retort 10MB: true 10485760",
        "retort remote pid: true true",
        "retort fun back: true 6",
        "retort link exit: :boom",
        "retort monitor down: :boom",
        "retort beam fun call: UndefinedFunctionError",
        "retort done",
    ] {
        assert!(r.lines().any(|l| l == line), "retort printed no {line:?}\n{ctx}");
    }
    assert!(r.lines().any(|l| l.starts_with("retort beam fun: true #Function<")), "retort printed a BEAM fun unlike Elixir\n{ctx}");
    for line in ["beam ping: pong", "beam echo: 14/14", "beam fun back: true 7", "beam call: 15", "beam down: true", "beam nodedown"] {
        assert!(b.lines().any(|l| l == line), "the BEAM printed no {line:?}\n{ctx}");
    }
}

/// A wrong cookie is refused both ways: `Node.connect` answers `false`, `Node.ping` `:pang`,
/// and the accepting side logs the BEAM's line.
#[test]
fn wrong_cookie_is_refused_both_ways() {
    if !have_erlang() {
        return;
    }
    let dir = scratch("cookie");
    let b = dir.join("b.exs");
    std::fs::write(&b, "IO.puts(\"beam ready\")\nreceive do\n  :go -> :ok\nafter\n  1500 -> :ok\nend\nIO.puts(\"beam connect: #{Node.connect(:\"r@127.0.0.1\")}\")\nProcess.sleep(500)\n").unwrap();
    let r = dir.join("r.exs");
    std::fs::write(&r, "IO.puts(\"retort connect: #{Node.connect(:\"beam@127.0.0.1\")}\")\nIO.puts(\"retort ping: #{Node.ping(:\"beam@127.0.0.1\")}\")\nIO.puts(\"retort nodes: #{inspect(Node.list())}\")\nProcess.sleep(2500)\n").unwrap();
    let mut k = Kill(Vec::new());
    let epmd = start_epmd(&mut k);
    k.0.push(spawn_logged(beam(&dir, epmd, "c", &b), &dir, "beam"));
    assert!(wait_for_text(&dir, "beam.out", "beam ready", 30), "the BEAM did not start: {}", read(&dir, "beam.err"));
    k.0.push(spawn_logged(retort(&dir, epmd, "wrong", &r), &dir, "retort"));
    wait(&mut k, 1, 30);
    wait(&mut k, 2, 30);
    let (ro, re, bo) = (read(&dir, "retort.out"), read(&dir, "retort.err"), read(&dir, "beam.out") + &read(&dir, "beam.err"));
    let ctx = format!("retort:\n{ro}{re}\nbeam:\n{bo}");
    assert!(ro.contains("retort connect: false\nretort ping: pang\nretort nodes: []\n"), "{ctx}");
    assert!(bo.contains("beam connect: false"), "{ctx}");
    assert!(bo.contains("[error] ** Connection attempt from node :\"r@127.0.0.1\" rejected. Invalid challenge reply. **"), "{ctx}");
    assert!(re.contains("[error] ** Connection attempt from node :\"beam@127.0.0.1\" rejected. Invalid challenge reply. **"), "{ctx}");
}

/// Node monitoring and ticks: retort watches the BEAM with `Node.monitor/2` and
/// `:net_kernel.monitor_nodes/1`; the BEAM is stopped with SIGSTOP (its socket stays open, only
/// the ticks stop), and retort reports the node down after about a tick time (4 s), not at
/// once and not never.
#[test]
fn a_silent_peer_is_dropped_after_the_tick_time() {
    if !have_erlang() {
        return;
    }
    let dir = scratch("ticks");
    let b = dir.join("b.exs");
    std::fs::write(&b, "IO.puts(\"beam ready\")\nProcess.sleep(60_000)\n").unwrap();
    let r = dir.join("r.exs");
    std::fs::write(
        &r,
        "beam = :\"beam@127.0.0.1\"\nIO.puts(\"retort connect: #{Node.connect(beam)}\")\nNode.monitor(beam, true)\n:net_kernel.monitor_nodes(true)\nIO.puts(\"retort watching\")\nt0 = System.monotonic_time(:millisecond)\nreceive do\n  {:nodedown, ^beam} -> :ok\nafter\n  20_000 -> IO.puts(\"retort: no nodedown\")\nend\nreceive do\n  {:nodedown, ^beam} -> :ok\nafter\n  1000 -> IO.puts(\"retort: one nodedown only\")\nend\ndt = System.monotonic_time(:millisecond) - t0\nIO.puts(\"retort nodedown after the tick time: #{dt >= 2500 and dt <= 12_000}\")\nIO.puts(\"retort nodes: #{inspect(Node.list())}\")\n",
    )
    .unwrap();
    let mut k = Kill(Vec::new());
    let epmd = start_epmd(&mut k);
    k.0.push(spawn_logged(beam(&dir, epmd, "c", &b), &dir, "beam"));
    assert!(wait_for_text(&dir, "beam.out", "beam ready", 30), "the BEAM did not start: {}", read(&dir, "beam.err"));
    k.0.push(spawn_logged(retort(&dir, epmd, "c", &r), &dir, "retort"));
    assert!(wait_for_text(&dir, "retort.out", "retort watching", 30), "retort: {}{}", read(&dir, "retort.out"), read(&dir, "retort.err"));
    // Give the connection a tick or two, then freeze the BEAM.
    std::thread::sleep(Duration::from_millis(1500));
    let beam_pid = k.0[1].id().to_string();
    assert!(Command::new("kill").args(["-STOP", &beam_pid]).status().unwrap().success());
    wait(&mut k, 2, 40);
    let _ = Command::new("kill").args(["-CONT", &beam_pid]).status();
    let out = read(&dir, "retort.out");
    let ctx = format!("{out}{}", read(&dir, "retort.err"));
    assert!(out.contains("retort connect: true\nretort watching\nretort nodedown after the tick time: true\nretort nodes: []\n"), "{ctx}");
}

/// Spawn requests both ways (issue 17): `:rpc.call` and `:erpc.call` covering return, raise,
/// throw, exit and timeout, an error's stack trimmed of erpc's frames as OTP 25 trims it
/// (what Elixir 1.14 on OTP 25 returns for `:erpc.call(node, :erlang, :error, [:x])`, and the
/// caller's stack starting at `:erpc.call/5`), `:erlang.spawn/4` and `spawn_monitor/4`, `:rpc.cast`, `:rpc.multicall` (with an unreachable node among
/// the nodes), `Node.spawn/4`, `spawn_monitor/4`, `spawn_link/4`, and the output of a process
/// retort spawned on the BEAM coming back through retort's group leader.
#[test]
fn rpc_erpc_and_node_spawn_both_ways() {
    if !have_erlang() {
        return;
    }
    let dir = scratch("rpc");
    let mut k = Kill(Vec::new());
    let epmd = start_epmd(&mut k);
    k.0.push(spawn_logged(beam(&dir, epmd, "c", &script("beam_rpc.exs")), &dir, "beam"));
    assert!(wait_for_text(&dir, "beam.out", "beam ready", 30), "the BEAM did not start: {}", read(&dir, "beam.err"));
    k.0.push(spawn_logged(retort(&dir, epmd, "c", &script("retort_rpc.exs")), &dir, "retort"));
    wait(&mut k, 2, 90);
    wait(&mut k, 1, 30);
    let (r, b) = (read(&dir, "retort.out"), read(&dir, "beam.out"));
    let ctx = format!("retort:\n{r}{}\nbeam:\n{b}{}", read(&dir, "retort.err"), read(&dir, "beam.err"));
    for line in [
        "retort ping: pong",
        "retort rpc add: 5",
        "retort erpc node: true",
        "retort rpc raise: true",
        "retort rpc throw: :thrown",
        "retort rpc exit: {:badrpc, {:EXIT, :bye}}",
        "retort rpc timeout: {:badrpc, :timeout}",
        "retort erpc raise: {:raised, \"boom\"}",
        "retort erpc exit: {:exception, :bye}",
        "retort erpc error: {{:exception, :x, [{:erlang, :error, [:x], []}]}, true}",
        "retort erpc local error: {{:exception, :x, [{:erlang, :error, [:x], []}]}, true}",
        "retort erpc local boom stack: true",
        "retort erlang spawn: true",
        "retort erlang spawn_monitor: :bye",
        "retort rpc cast: true",
        "retort multicall: {[:\"r@127.0.0.1\", :\"beam@127.0.0.1\"], [:\"nobody@127.0.0.1\"]}",
        "retort spawn: true",
        "retort spawn_monitor: :bye",
        "retort spawn_link: :bye",
        "printed through the group leader",
        "retort rpc io: :ok",
        "retort done",
    ] {
        assert!(r.lines().any(|l| l == line), "retort printed no {line:?}\n{ctx}");
    }
    for line in [
        "beam rpc add: 3",
        "beam erpc node: true",
        "beam rpc raise: true",
        "beam rpc throw: :thrown",
        "beam rpc exit: {:badrpc, {:EXIT, :bye}}",
        "beam rpc timeout: {:badrpc, :timeout}",
        "beam erpc raise: {:raised, \"boom\"}",
        "beam erpc exit: {:exception, :bye}",
        "beam erpc error: {{:exception, :x, [{:erlang, :error, [:x], []}]}, true}",
        "beam erpc boom stack: true",
        "beam erlang spawn: true",
        "beam rpc cast: true",
        "beam multicall: true",
        "beam spawn: true",
        "beam spawn_monitor: :bye",
        "beam spawn_link: :bye",
    ] {
        assert!(b.lines().any(|l| l == line), "the BEAM printed no {line:?}\n{ctx}");
    }
}

/// `retort start DIR --name r@127.0.0.1 --cookie c` joins the cluster: the BEAM pings the
/// release node and calls into it with `:rpc`, `retort rpc r@127.0.0.1` sees the BEAM in
/// `Node.list()`, and `retort stop` ends it. Then `retort iex --name i@127.0.0.1` pings the
/// BEAM and calls it from the shell.
#[test]
fn a_release_node_and_a_shell_join_the_cluster() {
    if !have_erlang() {
        return;
    }
    let dir = scratch("release");
    let run_dir = dir.join("run");
    let _ = std::fs::create_dir_all(&run_dir);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&run_dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    let rel = dir.join("rel");
    let bin = env!("CARGO_BIN_EXE_retort");
    let o = Command::new(bin).args(["release", "-o"]).arg(&rel).args(["--app", "Greet.App"]).arg(script("greet/greet.ex")).output().unwrap();
    assert!(o.status.success(), "retort release: {}", String::from_utf8_lossy(&o.stderr));
    let mut k = Kill(Vec::new());
    let epmd = start_epmd(&mut k);
    k.0.push(spawn_logged(beam(&dir, epmd, "c", &script("beam_greet.exs")), &dir, "beam"));
    assert!(wait_for_text(&dir, "beam.out", "beam ready", 30), "the BEAM did not start: {}", read(&dir, "beam.err"));
    let mut start = Command::new(bin);
    start.arg("start").arg(&rel).args(["--name", "r@127.0.0.1", "--cookie", "c", "--net-ticktime", "4"]).env("ERL_EPMD_PORT", epmd.to_string()).env("RETORT_RUN_DIR", &run_dir).current_dir(&dir);
    k.0.push(spawn_logged(start, &dir, "node"));
    let ctx = |dir: &Path| format!("node:\n{}{}\nbeam:\n{}{}", read(dir, "node.out"), read(dir, "node.err"), read(dir, "beam.out"), read(dir, "beam.err"));
    assert!(wait_for_text(&dir, "beam.out", "beam rpc release:", 40), "{}", ctx(&dir));
    let b = read(&dir, "beam.out");
    assert!(b.contains("beam ping release: pong\n"), "{}", ctx(&dir));
    assert!(b.contains("beam rpc release: \"hello beam from r@127.0.0.1\"\n"), "{}", ctx(&dir));
    let control = |args: &[&str]| {
        let mut c = Command::new(bin);
        c.args(args).env("RETORT_RUN_DIR", &run_dir).stdin(Stdio::null());
        let mut child = c.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while child.try_wait().unwrap().is_none() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = child.kill();
        let o = child.wait_with_output().unwrap();
        (o.status.code(), String::from_utf8_lossy(&o.stdout).into_owned())
    };
    let (code, out) = control(&["rpc", "r@127.0.0.1", "{Node.self(), Node.list()}"]);
    assert_eq!((code, out.as_str()), (Some(0), "{:\"r@127.0.0.1\", [:\"beam@127.0.0.1\"]}\n"), "{}", ctx(&dir));
    let (code, _) = control(&["stop", "r@127.0.0.1"]);
    assert_eq!(code, Some(0), "{}", ctx(&dir));
    wait(&mut k, 2, 20);
    assert!(matches!(k.0[2].try_wait(), Ok(Some(_))), "the release node did not stop\n{}", ctx(&dir));

    // The shell as a node.
    let mut cmd = Command::new(bin);
    cmd.args(["iex", "--name", "i@127.0.0.1", "--cookie", "c"]).env("ERL_EPMD_PORT", epmd.to_string()).env("HOME", &dir).env("TERM", "dumb").current_dir(&dir);
    let mut s = expectrl::Session::spawn(cmd).expect("spawn retort iex");
    s.set_expect_timeout(Some(Duration::from_secs(30)));
    use expectrl::Expect;
    s.expect("iex(1)> ").unwrap();
    s.send_line("Node.ping(:\"beam@127.0.0.1\")").unwrap();
    s.expect(":pong").unwrap();
    s.send_line(":rpc.call(:\"beam@127.0.0.1\", :erlang, :node, []) == :\"beam@127.0.0.1\" and node() == :\"i@127.0.0.1\"").unwrap();
    s.expect("true").unwrap();
    s.send_line("System.halt()").unwrap();
    s.expect(expectrl::Eof).unwrap();
}

/// A retort node restarted under the same name (issue 17): the BEAM pings it and calls its
/// `:svc` GenServer, stops it, sees `{:nodedown, r}`; the test starts retort again (epmd may
/// still be dropping the old registration: a refused start is retried), and the BEAM
/// reconnects and calls the new incarnation, whose pids differ from the old one's.
#[test]
fn a_retort_node_restarted_under_the_same_name() {
    if !have_erlang() {
        return;
    }
    let dir = scratch("restart");
    let mut k = Kill(Vec::new());
    let epmd = start_epmd(&mut k);
    k.0.push(spawn_logged(beam(&dir, epmd, "c", &script("beam_restart.exs")), &dir, "beam"));
    assert!(wait_for_text(&dir, "beam.out", "beam ready", 30), "the BEAM did not start: {}", read(&dir, "beam.err"));
    let mut outs = String::new();
    for round in 1..=2 {
        let tag = run_retort_to_end(&mut k, &dir, epmd, &script("retort_restart.exs"), &format!("retort{round}"), &[], 60);
        let o = read(&dir, &format!("{tag}.out"));
        outs.push_str(&format!("{tag}:\n{o}{}", read(&dir, &format!("{tag}.err"))));
        assert!(o.contains("retort up\nretort stopping\n"), "retort round {round} did not run\n{outs}\nbeam:\n{}{}", read(&dir, "beam.out"), read(&dir, "beam.err"));
    }
    wait(&mut k, 1, 30);
    let b = read(&dir, "beam.out");
    let ctx = format!("{outs}\nbeam:\n{b}{}", read(&dir, "beam.err"));
    for line in [
        "beam round 1 ping: pong",
        "beam round 1 call: {:hello, :\"r@127.0.0.1\"}",
        "beam round 1 nodedown",
        "beam round 2 ping: pong",
        "beam round 2 call: {:hello, :\"r@127.0.0.1\"}",
        "beam round 2 nodedown",
        "beam incarnations differ: true",
    ] {
        assert!(b.lines().any(|l| l == line), "the BEAM printed no {line:?}\n{ctx}");
    }
}

/// A hot upgrade under remote load (issue 17): the BEAM calls retort's `:counter` GenServer
/// every 2 ms while retort suspends it, compiles a new version, runs `:sys.change_code` and
/// resumes it. No call fails, the replies switch from version 1 to 2 once, and the count
/// goes on without a gap (the state is kept).
#[test]
fn a_genserver_upgraded_while_the_beam_calls_it() {
    if !have_erlang() {
        return;
    }
    let dir = scratch("upgrade");
    let mut k = Kill(Vec::new());
    let epmd = start_epmd(&mut k);
    k.0.push(spawn_logged(beam(&dir, epmd, "c", &script("beam_upgrade.exs")), &dir, "beam"));
    assert!(wait_for_text(&dir, "beam.out", "beam ready", 30), "the BEAM did not start: {}", read(&dir, "beam.err"));
    k.0.push(spawn_logged(retort(&dir, epmd, "c", &script("retort_upgrade.exs")), &dir, "retort"));
    wait(&mut k, 2, 120);
    wait(&mut k, 1, 30);
    let (r, b) = (read(&dir, "retort.out"), read(&dir, "beam.out"));
    let ctx = format!("retort:\n{r}{}\nbeam:\n{b}{}", read(&dir, "retort.err"), read(&dir, "beam.err"));
    for line in ["retort ping: pong", "retort upgraded", "retort done"] {
        assert!(r.lines().any(|l| l == line), "retort printed no {line:?}\n{ctx}");
    }
    for line in ["beam calls failed: 0 []", "beam versions: [1, 2]", "beam state kept: true"] {
        assert!(b.lines().any(|l| l == line), "the BEAM printed no {line:?}\n{ctx}");
    }
}

/// Frames sent right before the node halts are not lost (issue 17): retort sends 100
/// binaries of 100 kB and a last message to the BEAM, then calls `System.halt/0` at once;
/// then a second run just ends its program. The BEAM gets every message both times.
#[test]
fn frames_sent_before_halt_arrive() {
    if !have_erlang() {
        return;
    }
    let dir = scratch("flush");
    let mut k = Kill(Vec::new());
    let epmd = start_epmd(&mut k);
    k.0.push(spawn_logged(beam(&dir, epmd, "c", &script("beam_flush.exs")), &dir, "beam"));
    assert!(wait_for_text(&dir, "beam.out", "beam ready", 30), "the BEAM did not start: {}", read(&dir, "beam.err"));
    for how in ["halt", "end"] {
        let tag = run_retort_to_end(&mut k, &dir, epmd, &script("retort_flush.exs"), &format!("retort-{how}"), &[("RETORT_HALT", how)], 60);
        assert!(wait_for_text(&dir, "beam.out", &format!("then {how}"), 30), "the BEAM saw no end of run {how}:\n{}\nretort:\n{}{}", read(&dir, "beam.out"), read(&dir, &format!("{tag}.out")), read(&dir, &format!("{tag}.err")));
    }
    wait(&mut k, 1, 30);
    let b = read(&dir, "beam.out");
    assert!(b.contains("beam got: 100 then halt\nbeam got: 100 then end\n"), "{b}{}", read(&dir, "beam.err"));
}
