//! Releases and nodes (issue 13, items 2 to 4): `retort release` of `examples/kv_server/`,
//! `retort start` as a child process with its own `RETORT_RUN_DIR`, the service driven over
//! a real TCP socket from here, `rpc`, `iex --remsh`, `upgrade --dry-run`, `stop`, and bad
//! input to each command (unknown node, a directory that is not a release, a corrupt bytecode
//! file, an expression that raises), which must fail with a clear message and a non-zero
//! status and leave the running node as it was. Every wait is bounded; a node still running
//! when a test ends is killed.

#[path = "common/node.rs"]
mod common;

use common::*;
use std::io::{BufRead, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

#[test]
fn kv_server_v1_serves_the_line_protocol_over_tcp() {
    let dir = scratch("tcp");
    let rel = release(&dir, "v1");
    let node = Node::start(&dir, &rel, "kv");
    let mut a = Conn::open(node.port);
    let mut b = Conn::open(node.port);
    let script = [
        ("PUT greeting hello world", "OK"),
        ("GET greeting", "VALUE hello world"),
        ("GET missing", "NOT_FOUND"),
        ("PUT n 1", "OK"),
        ("DEL n", "OK"),
        ("GET n", "NOT_FOUND"),
        ("COUNT", "ERROR unknown command"),
        ("", "ERROR unknown command"),
    ];
    for (req, want) in script {
        assert_eq!(a.ask(req), want, "reply to {req:?}");
    }
    // A second connection sees the same store; the first is still served after it.
    assert_eq!(b.ask("GET greeting"), "VALUE hello world");
    assert_eq!(b.ask("PUT from_b 2"), "OK");
    assert_eq!(a.ask("GET from_b"), "VALUE 2");
    // Requests pipelined on one connection are answered in order.
    a.out.write_all(b"PUT p1 x\nGET p1\nDEL p1\nGET p1\n").unwrap();
    let replies: Vec<String> = (0..4)
        .map(|_| {
            let mut l = String::new();
            a.lines.read_line(&mut l).unwrap();
            l.trim_end().to_string()
        })
        .collect();
    assert_eq!(replies, ["OK", "VALUE x", "OK", "NOT_FOUND"]);
    // Each connection has its own process, under the connection supervisor.
    let o = node.rpc("DynamicSupervisor.count_children(KVServer.ConnSup).active");
    assert_eq!((o.code, o.stdout.as_str()), (Some(0), "2\n"), "{}", o.stderr);
}

#[test]
fn release_writes_bytecode_and_a_manifest_with_md5_and_vsn() {
    let dir = scratch("release");
    let rel = release(&dir, "v2");
    let manifest = std::fs::read_to_string(rel.join("release.manifest")).unwrap();
    let lines: Vec<&str> = manifest.lines().collect();
    assert_eq!(lines[0], "retort-release 1");
    assert_eq!(lines[1], "app Elixir.KVServer.App");
    let store = lines.iter().find(|l| l.starts_with("module Elixir.KVServer.Store ")).expect("the store is listed");
    let words: Vec<&str> = store.split(' ').collect();
    assert_eq!(words[3], "\"2\"", "the @vsn");
    assert_eq!(words[4], "Elixir.KVServer.Store.rbc");
    // The MD5 is the one the bytecode file carries (bytes 6..22 of its header).
    let bytes = std::fs::read(rel.join(words[4])).unwrap();
    let hex: String = bytes[6..22].iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(words[2], hex);
    assert_eq!(lines.iter().filter(|l| l.starts_with("module ")).count(), 5);
    // An application module that is not defined, or does not define start/2, is refused.
    let r = retort(&dir, &["release", "-o", dir.join("x").to_str().unwrap(), "--app", "Nope", &format!("{EXAMPLE}/v1/kv_server.ex")], "");
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("Nope is not defined"), "{}", r.stderr);
    let r = retort(&dir, &["release", "-o", dir.join("x").to_str().unwrap(), "--app", "KVServer.Store", &format!("{EXAMPLE}/v1/kv_server.ex")], "");
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("does not define start/2"), "{}", r.stderr);
}

#[test]
fn rpc_prints_values_and_output_and_fails_cleanly_on_errors() {
    let dir = scratch("rpc");
    let rel = release(&dir, "v1");
    let node = Node::start(&dir, &rel, "kv");
    let o = node.rpc("1 + 2");
    assert_eq!((o.code, o.stdout.as_str()), (Some(0), "3\n"));
    let o = node.rpc("KVServer.Store.put(\"k\", \"v\"); IO.puts(\"printed\"); :sys.get_state(KVServer.Store)");
    assert_eq!((o.code, o.stdout.as_str()), (Some(0), "printed\n%{\"k\" => \"v\"}\n"), "{}", o.stderr);
    // Environment variables pass through to the node.
    let o = node.rpc("System.get_env(\"KV_PORT\")");
    assert_eq!(o.stdout, "\"0\"\n");
    // An expression that raises: the error on stderr, status 1.
    let o = node.rpc("raise \"boom\"");
    assert_eq!(o.code, Some(1));
    assert!(o.stderr.contains("** (RuntimeError) boom"), "{}", o.stderr);
    let o = node.rpc("exit(:bye)");
    assert_eq!(o.code, Some(1));
    assert!(o.stderr.contains("bye"), "{}", o.stderr);
    // One that does not compile.
    let o = node.rpc("1 +");
    assert_eq!(o.code, Some(1));
    assert!(o.stderr.contains("syntax error"), "{}", o.stderr);
    // One that kills the process evaluating it.
    let o = node.rpc("Process.exit(self(), :kill)");
    assert_eq!(o.code, Some(1));
    assert!(o.stderr.contains("killed"), "{}", o.stderr);
    // The node is untouched: same state, the service answers.
    let o = node.rpc("KVServer.Store.get(\"k\")");
    assert_eq!(o.stdout, "{:ok, \"v\"}\n");
    assert_eq!(Conn::open(node.port).ask("GET k"), "VALUE v");
}

#[test]
fn remsh_evaluates_each_input_on_the_node_keeping_bindings() {
    let dir = scratch("remsh");
    let rel = release(&dir, "v1");
    let node = Node::start(&dir, &rel, "kv");
    let input = "KVServer.Store.put(\"a\", \"1\")\n[x,\n y] = [1, 2]\nraise \"x\"\nz = x + y\n{z, KVServer.Store.get(\"a\")}\nw = 5; missing\nw\n";
    let o = retort(&node.run_dir, &["iex", "--remsh", "kv"], input);
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    assert!(o.stdout.contains("iex(kv)1> :ok\n"), "{}", o.stdout);
    assert!(o.stdout.contains("...(kv)2> [1, 2]\n"), "{}", o.stdout);
    assert!(o.stdout.contains("** (RuntimeError) x\n"), "{}", o.stdout);
    assert!(o.stdout.contains("iex(kv)3> 3\n"), "bindings carry over: {}", o.stdout);
    assert!(o.stdout.contains("iex(kv)4> {3, {:ok, \"1\"}}\n"), "{}", o.stdout);
    // An input that fails binds nothing.
    assert!(o.stdout.contains("undefined variable \"missing\""), "{}", o.stdout);
    assert!(o.stdout.contains("undefined variable \"w\""), "{}", o.stdout);
    // Bindings belong to the session: rpc does not see them.
    let o = node.rpc("x");
    assert_eq!(o.code, Some(1));
    assert!(o.stderr.contains("undefined variable \"x\""), "{}", o.stderr);
}

#[test]
fn stop_stops_the_application_and_the_node() {
    let dir = scratch("stop");
    let rel = release(&dir, "v1");
    let mut node = Node::start(&dir, &rel, "kv");
    let mut c = Conn::open(node.port);
    assert_eq!(c.ask("PUT a 1"), "OK");
    let o = node.retort(&["stop", "kv"]);
    assert_eq!((o.code, o.stdout.as_str()), (Some(0), ":ok\n"), "{}", o.stderr);
    assert_eq!(node.wait(), Some(0));
    assert!(!node.run_dir.join("kv.sock").exists(), "the socket is removed");
    // The open connection was closed with the application.
    let mut rest = String::new();
    assert_eq!(c.lines.read_line(&mut rest).unwrap_or(0), 0);
    let o = node.rpc("1");
    assert_eq!(o.code, Some(1));
    assert!(o.stderr.contains("no node named kv is running"), "{}", o.stderr);
}

#[test]
fn the_run_directory_and_socket_are_private() {
    let dir = scratch("modes");
    let rel = release(&dir, "v1");
    let node = Node::start(&dir, &rel, "kv");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&node.run_dir), 0o700);
    assert_eq!(mode(&node.run_dir.join("kv.sock")), 0o600);
    // A second node of the same name is refused; the first keeps running.
    let o = retort(&node.run_dir, &["start", rel.to_str().unwrap(), "--name", "kv"], "");
    assert_eq!(o.code, Some(1));
    assert!(o.stderr.contains("already running"), "{}", o.stderr);
    assert_eq!(node.rpc("1").stdout, "1\n");
    // A run directory open to others is refused.
    let open = dir.join("open");
    std::fs::create_dir_all(&open).unwrap();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o755)).unwrap();
    let o = retort(&open, &["start", rel.to_str().unwrap(), "--name", "other"], "");
    assert_eq!(o.code, Some(1));
    assert!(o.stderr.contains("accessible to other users"), "{}", o.stderr);
    // Bad names.
    let o = node.retort(&["rpc", "../x", "1"]);
    assert_eq!(o.code, Some(1));
    assert!(o.stderr.contains("invalid node name"), "{}", o.stderr);
}

#[test]
fn bad_input_to_every_command_fails_and_leaves_the_node_untouched() {
    let dir = scratch("bad");
    let rel = release(&dir, "v1");
    let node = Node::start(&dir, &rel, "kv");
    assert_eq!(Conn::open(node.port).ask("PUT a 1"), "OK");
    // Unknown node, for every command that talks to one.
    for args in [vec!["rpc", "ghost", "1"], vec!["stop", "ghost"], vec!["iex", "--remsh", "ghost"], vec!["upgrade", "ghost", "--to", rel.to_str().unwrap(), "--dry-run"]] {
        let o = node.retort(&args);
        assert_eq!(o.code, Some(1), "{args:?}");
        assert!(o.stderr.contains("no node named ghost is running"), "{args:?}: {}", o.stderr);
    }
    // A directory that is not a release.
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    for args in [vec!["start", empty.to_str().unwrap(), "--name", "x"], vec!["upgrade", "kv", "--to", empty.to_str().unwrap(), "--dry-run"]] {
        let o = node.retort(&args);
        assert_eq!(o.code, Some(1), "{args:?}");
        assert!(o.stderr.contains("is not a release"), "{args:?}: {}", o.stderr);
    }
    let o = node.retort(&["start", dir.join("nowhere").to_str().unwrap(), "--name", "x"]);
    assert_eq!(o.code, Some(1));
    assert!(o.stderr.contains("is not a directory"), "{}", o.stderr);
    // A corrupt bytecode file: garbage, and one flipped byte (checksum).
    let v2 = release(&dir, "v2");
    let store = v2.join("Elixir.KVServer.Store.rbc");
    let good = std::fs::read(&store).unwrap();
    let mut flipped = good.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x40;
    for (bytes, says) in [(b"garbage".to_vec(), "bad magic number"), (flipped, "checksum mismatch")] {
        std::fs::write(&store, &bytes).unwrap();
        for args in [vec!["start", v2.to_str().unwrap(), "--name", "x"], vec!["upgrade", "kv", "--to", v2.to_str().unwrap(), "--dry-run"]] {
            let o = node.retort(&args);
            assert_eq!(o.code, Some(1), "{args:?}");
            assert!(o.stderr.contains("Elixir.KVServer.Store.rbc") && o.stderr.contains(says), "{args:?}: {}", o.stderr);
        }
    }
    std::fs::write(&store, &good).unwrap();
    // Still version 1, same data, serving.
    let o = node.rpc("{Keyword.get(KVServer.Store.module_info(:attributes), :vsn), KVServer.Store.get(\"a\")}");
    assert_eq!(o.stdout, "{[\"1\"], {:ok, \"1\"}}\n", "{}", o.stderr);
    assert_eq!(Conn::open(node.port).ask("GET a"), "VALUE 1");
    assert!(!dir.join("run").join("x.sock").exists());
}

#[test]
fn upgrade_dry_run_prints_the_plan_and_changes_nothing() {
    let dir = scratch("plan");
    let rel = release(&dir, "v1");
    let v2 = release(&dir, "v2");
    let node = Node::start(&dir, &rel, "kv");
    let mut c = Conn::open(node.port);
    assert_eq!(c.ask("PUT a 1"), "OK");
    let store_pid = node.rpc("Process.whereis(KVServer.Store)").stdout.trim().to_string();
    let o = node.retort(&["upgrade", "kv", "--to", v2.to_str().unwrap(), "--dry-run"]);
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let plan = o.stdout;
    for want in [
        "modules whose MD5 changed, loaded in this order:",
        "  KVServer.Store  vsn \"1\" -> \"2\"",
        "  KVServer.Conn  vsn \"1\" -> \"2\"",
        &format!("  {store_pid} (KVServer.Store)  callback KVServer.Store  old vsn \"1\""),
        &format!("1. suspend {store_pid} (KVServer.Store)"),
        &format!(":sys.change_code({store_pid} (KVServer.Store), KVServer.Store, \"1\", [])"),
        "a hard purge of the replaced code would kill:",
        "running KVServer.Acceptor.loop/1",
        "running KVServer.Conn.serve/1",
    ] {
        assert!(plan.contains(want), "missing {want:?} in:\n{plan}");
    }
    // Steps in order: suspend, loads, change_code, resume, soft purges.
    let pos = |s: &str| plan.find(s).unwrap_or_else(|| panic!("{s} in {plan}"));
    assert!(pos("suspend") < pos("load KVServer.App") && pos("load KVServer.Conn") < pos(":sys.change_code") && pos(":sys.change_code") < pos("resume") && pos("resume") < pos("soft purge"));
    // Nothing changed.
    let o = node.rpc("{Keyword.get(KVServer.Store.module_info(:attributes), :vsn), :sys.get_state(KVServer.Store), :erlang.check_old_code(KVServer.Store)}");
    assert_eq!(o.stdout, "{[\"1\"], %{\"a\" => \"1\"}, false}\n", "{}", o.stderr);
    assert_eq!(c.ask("GET a"), "VALUE 1");
    // The same release: nothing to do.
    let o = node.retort(&["upgrade", "kv", "--to", rel.to_str().unwrap(), "--dry-run"]);
    assert!(o.stdout.contains("nothing to do"), "{}", o.stdout);
}

#[test]
fn upgrade_changes_state_rolls_back_a_failing_code_change_and_moves_open_connections() {
    let dir = scratch("upgrade");
    let v1 = release(&dir, "v1");
    let v2 = release(&dir, "v2");
    let broken = release(&dir, "v3_broken");
    let v3 = release(&dir, "v3");
    let node = Node::start(&dir, &v1, "kv");
    let mut c = Conn::open(node.port);
    assert_eq!(c.ask("PUT a 1"), "OK");
    assert_eq!(c.ask("PUT b 2"), "OK");
    let vsn = "Keyword.get(KVServer.Store.module_info(:attributes), :vsn)";

    // v2: the store's state changes shape through code_change/3.
    let o = node.retort(&["upgrade", "kv", "--to", v2.to_str().unwrap()]);
    assert_eq!(o.code, Some(0), "{}{}", o.stdout, o.stderr);
    assert!(o.stdout.contains("upgrade done"), "{}", o.stdout);
    assert_eq!(node.rpc(":sys.get_state(KVServer.Store)").stdout, "%{data: %{\"a\" => \"1\", \"b\" => \"2\"}, writes: 0}\n");
    // The connection opened under v1 is served by v2 (which counts writes).
    assert_eq!(c.ask("PUT c 3"), "OK");
    assert_eq!(c.ask("GET a"), "VALUE 1");
    assert_eq!(node.rpc("KVServer.Store.writes()").stdout, "1\n");

    // v3 as first written: its code_change raises; everything is rolled back.
    let o = node.retort(&["upgrade", "kv", "--to", broken.to_str().unwrap()]);
    assert_eq!(o.code, Some(1), "{}{}", o.stdout, o.stderr);
    let store = node.rpc("Process.whereis(KVServer.Store)").stdout.trim().to_string();
    assert!(
        o.stderr.contains(&format!("upgrade rolled back: code_change of KVServer.Store failed in {store}: ** (ArgumentError) cannot migrate the store: 3 keys without an owner")),
        "{}",
        o.stderr
    );
    assert_eq!(node.rpc(vsn).stdout, "[\"2\"]\n");
    assert_eq!(node.rpc(":sys.get_state(KVServer.Store)").stdout, "%{data: %{\"a\" => \"1\", \"b\" => \"2\", \"c\" => \"3\"}, writes: 1}\n");
    assert_eq!(node.rpc(":sys.get_status(KVServer.Store) |> elem(3) |> Enum.at(1)").stdout, ":running\n", "the store was resumed");
    assert_eq!(c.ask("COUNT"), "ERROR unknown command");
    assert_eq!(c.ask("GET c"), "VALUE 3");

    // The fixed v3: the new command on the same connection.
    let o = node.retort(&["upgrade", "kv", "--to", v3.to_str().unwrap()]);
    assert_eq!(o.code, Some(0), "{}{}", o.stdout, o.stderr);
    assert_eq!(node.rpc(vsn).stdout, "[\"3\"]\n");
    assert_eq!(c.ask("COUNT"), "COUNT 3");
    assert_eq!(c.ask("WRITES"), "WRITES 1");
    let o = node.rpc("{to_string(:code.which(KVServer.Store)), :code.get_path()}");
    let v3_dir = std::fs::canonicalize(&v3).unwrap();
    assert_eq!(o.stdout, format!("{{\"{0}/Elixir.KVServer.Store.rbc\", ['{0}']}}\n", v3_dir.display()), "{}", o.stderr);
    // Upgrading to what is running does nothing.
    let o = node.retort(&["upgrade", "kv", "--to", v3.to_str().unwrap()]);
    assert_eq!(o.code, Some(0));
    assert!(o.stdout.contains("nothing to do"), "{}", o.stdout);
}

#[test]
fn sigterm_stops_the_node_cleanly() {
    let dir = scratch("sigterm");
    let rel = release(&dir, "v1");
    let mut node = Node::start(&dir, &rel, "kv");
    assert_eq!(Conn::open(node.port).ask("PUT a 1"), "OK");
    // SAFETY (test): kill(2) on the child's pid, which is alive until we wait for it.
    assert_eq!(unsafe { libc::kill(node.child.id() as i32, libc::SIGTERM) }, 0);
    assert_eq!(node.wait(), Some(0));
    assert!(!node.run_dir.join("kv.sock").exists(), "the socket is removed");
}

/// `retort upgrade --sys-timeout MS` bounds each `:sys` call: with 0 ms the store cannot
/// answer its suspend in time, so the upgrade is abandoned with nothing changed and the store
/// still serving (resumed); with a real timeout the same upgrade goes through.
#[test]
fn upgrade_sys_timeout_is_configurable() {
    let dir = scratch("sys_timeout");
    let v1 = release(&dir, "v1");
    let v2 = release(&dir, "v2");
    let node = Node::start(&dir, &v1, "kv");
    let mut c = Conn::open(node.port);
    assert_eq!(c.ask("PUT a 1"), "OK");
    let vsn = "Keyword.get(KVServer.Store.module_info(:attributes), :vsn)";
    let o = node.retort(&["upgrade", "kv", "--to", v2.to_str().unwrap(), "--sys-timeout", "0"]);
    assert_eq!(o.code, Some(1), "{}{}", o.stdout, o.stderr);
    assert!(o.stderr.contains("upgrade abandoned, nothing was changed") && o.stderr.contains("did not answer"), "{}", o.stderr);
    assert_eq!(node.rpc(vsn).stdout, "[\"1\"]\n");
    assert_eq!(node.rpc(":sys.get_status(KVServer.Store) |> elem(3) |> Enum.at(1)").stdout, ":running\n", "the store was resumed");
    assert_eq!(c.ask("GET a"), "VALUE 1");
    let o = node.retort(&["upgrade", "kv", "--to", v2.to_str().unwrap(), "--sys-timeout", "3000"]);
    assert_eq!(o.code, Some(0), "{}{}", o.stdout, o.stderr);
    assert_eq!(node.rpc(vsn).stdout, "[\"2\"]\n");
    assert_eq!(c.ask("GET a"), "VALUE 1");
    let o = node.retort(&["upgrade", "kv", "--to", v2.to_str().unwrap(), "--sys-timeout", "soon"]);
    assert_eq!(o.code, Some(2), "a bad value is refused by the argument parser: {}", o.stderr);
}

/// A compile error typed at the remote shell is reported as the local shell reports it, at
/// the `iex:N` line of the input (counted from the prompt's number), with the same text.
#[test]
fn remsh_reports_compile_errors_at_iex_lines_as_the_local_shell() {
    let dir = scratch("remsh_errors");
    let rel = release(&dir, "v1");
    let node = Node::start(&dir, &rel, "kv");
    let input = "1 + 1\nx =\n  y + 1\n[1,\n2 +\n]\nz\n";
    let o = retort(&node.run_dir, &["iex", "--remsh", "kv"], input);
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    for want in [
        "iex(kv)2> ...(kv)2> ** (CompileError) iex:3: undefined variable \"y\"\n\n",
        "...(kv)2> ** (SyntaxError) iex:4:1: syntax error before: ']'\n    |\n  4 | ]\n    | ^\n\n",
        "iex(kv)2> ** (CompileError) iex:2: undefined variable \"z\"\n\n",
    ] {
        assert!(o.stdout.contains(want), "missing {want:?} in:\n{}", o.stdout);
    }
    // The local shell prints the same errors for the same input.
    let local = retort(&node.run_dir, &["iex"], input);
    let errors = |s: &str| -> Vec<String> { s.split("> ").filter(|p| p.starts_with("** (")).map(|p| p.split("iex(").next().unwrap_or("").to_string()).collect() };
    let (remote_errors, local_errors) = (errors(&o.stdout), errors(&local.stdout));
    assert_eq!(remote_errors.len(), 3, "{}", o.stdout);
    assert_eq!(remote_errors, local_errors, "remote:\n{}\nlocal:\n{}", o.stdout, local.stdout);
}

/// Issue 13, item 4: processes other than GenServers of a changed callback module. A
/// module-based supervisor (its init/1 runs again: new flags), an agent defined with
/// `use Agent` (suspended and resumed only: its callback module is Agent.Server), a special
/// process written by hand on :proc_lib and :sys (its own system_code_change), and a process
/// that only holds a fun of a replaced module, which the dry run lists and whose fun then
/// raises BadFunctionError.
#[test]
fn upgrade_handles_supervisors_agents_and_hand_written_special_processes() {
    let dir = scratch("kinds");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/upgrade_kinds");
    let v1 = release_of(&dir, "v1", "Kinds.App", &format!("{fixture}/v1/kinds.ex"));
    let v2 = release_of(&dir, "v2", "Kinds.App", &format!("{fixture}/v2/kinds.ex"));
    let node = Node::start_with(&dir, &v1, "kinds", false);
    let o = node.rpc("{Kinds.Counter.bump(), Kinds.Special.hit()}");
    assert_eq!((o.code, o.stdout.as_str()), (Some(0), "{1, 1}\n"), "{}", o.stderr);
    let pid = |name: &str| node.rpc(&format!("Process.whereis({name})")).stdout.trim().to_string();
    let (sup, counter, special, holder) = (pid("Kinds.Sup"), pid("Kinds.Counter"), pid("Kinds.Special"), pid("Kinds.Holder"));

    let o = node.retort(&["upgrade", "kinds", "--to", v2.to_str().unwrap(), "--dry-run"]);
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let plan = o.stdout;
    for want in [
        format!("  {sup} (Kinds.Sup)  callback Kinds.Sup  old vsn \"1\""),
        format!("  {special} (Kinds.Special)  callback Kinds.Special  old vsn \"1\""),
        format!("not their callback module (suspended and resumed, no code_change):\n  {counter} (Kinds.Counter)  runs Kinds.Counter\n"),
        format!("suspend {counter} (Kinds.Counter)"),
        format!("resume {counter} (Kinds.Counter)"),
        format!(":sys.change_code({sup} (Kinds.Sup), Kinds.Sup, \"1\", [])"),
        format!(":sys.change_code({special} (Kinds.Special), Kinds.Special, \"1\", [])"),
        format!("  {special} (Kinds.Special)  running Kinds.Special.loop/2"),
        "processes holding a fun of the replaced code".to_string(),
        format!("  {holder} (Kinds.Holder)  holds #Function<"),
        " in Kinds.Funs.make/0>".to_string(),
    ] {
        assert!(plan.contains(&want), "missing {want:?} in:\n{plan}");
    }
    assert!(!plan.contains(&format!(":sys.change_code({counter}")), "the agent's callback module is Agent.Server:\n{plan}");
    assert!(!plan.contains(&format!("{counter} (Kinds.Counter)  holds")), "{plan}");

    let o = node.retort(&["upgrade", "kinds", "--to", v2.to_str().unwrap()]);
    assert_eq!(o.code, Some(0), "{}{}", o.stdout, o.stderr);
    // Same processes, new code and states: the supervisor re-ran init/1, the special process
    // migrated its state, the agent kept its own.
    let o = node.rpc("{Kinds.Counter.value(), Kinds.Special.hit(), :sys.get_state(Kinds.Special), :sys.get_state(Kinds.Sup).intensity, Enum.map(Supervisor.which_children(Kinds.Sup), &elem(&1, 0))}");
    assert_eq!(o.stdout, "{1, 2, %{hits: 2, version: 2}, 7, [Kinds.Holder, Kinds.Special, Kinds.Counter]}\n", "{}", o.stderr);
    assert_eq!((pid("Kinds.Sup"), pid("Kinds.Counter"), pid("Kinds.Special"), pid("Kinds.Holder")), (sup.clone(), counter.clone(), special.clone(), holder));
    let o = node.rpc(":sys.get_status(Kinds.Counter) |> elem(3) |> Enum.at(1)");
    assert_eq!(o.stdout, ":running\n", "the agent was resumed: {}", o.stderr);
    // The fun the dry run reported belongs to purged code now.
    let o = node.rpc(":sys.get_state(Kinds.Holder).fun.(1)");
    assert_eq!(o.code, Some(1));
    assert!(o.stderr.contains("BadFunctionError"), "{}", o.stderr);
}

/// `examples/kv_server/load.exs` (the README's load driver, a separate OS process) keeps
/// connections busy across an upgrade and reports nothing failed or dropped.
#[test]
fn the_load_driver_checks_every_reply_across_an_upgrade() {
    let dir = scratch("load_driver");
    let v1 = release(&dir, "v1");
    let v2 = release(&dir, "v2");
    let node = Node::start(&dir, &v1, "kv");
    let load = std::process::Command::new(RETORT)
        .args(["run", &format!("{EXAMPLE}/load.exs"), &node.port.to_string(), "5", "3"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(800));
    let o = node.retort(&["upgrade", "kv", "--to", v2.to_str().unwrap()]);
    assert_eq!(o.code, Some(0), "{}{}", o.stdout, o.stderr);
    let out = load.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.starts_with("requests ") && stdout.contains(", failed 0, dropped connections 0, p50 "), "{stdout}");
    let requests: u64 = stdout["requests ".len()..].split(',').next().unwrap().parse().unwrap();
    assert!(requests > 100, "{stdout}");
    // The keys it wrote under v1 and v2 are in v2's state shape.
    let o = node.rpc("map_size(:sys.get_state(KVServer.Store).data) > 0");
    assert_eq!(o.stdout, "true\n", "{}", o.stderr);
}
