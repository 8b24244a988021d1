//! Nodes: `retort start DIR --name NAME` runs a release in the foreground with a control
//! socket; `retort rpc`, `retort iex --remsh`, `retort stop` and `retort upgrade` talk to it.
//!
//! The VM stays single-threaded: a listener thread (`control.rs`) accepts connections on
//! `NAME.sock` and hands each request over a channel; the node's control process
//! (`node.ex`, module `Retort.Node`) polls that channel through the `:retort_node` natives
//! (`natives.rs`) and answers from a worker process. `upgrade.rs` computes upgrade plans.

pub mod control;
mod natives;
pub mod upgrade;

use control::{Client, Reply};
use retort_vm::code::loader;
use retort_vm::value::{Atom, Term};
use retort_vm::{Vm, VmOptions};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::Ordering;

const NODE_SOURCE: &str = include_str!("node.ex");

fn fail(msg: &str) -> ExitCode {
    eprintln!("{}", msg.trim_end());
    ExitCode::from(1)
}

/// `retort start DIR --name NAME`: checks the whole release, binds the control socket, loads
/// every module, starts the application and serves until `retort stop`, SIGTERM or SIGINT
/// (each stops the application, then the node: status 0) or the application's top process
/// ends (status 1). The socket is removed on the way out. With `dist`, the node also joins
/// the Erlang cluster under that name before the application starts.
pub fn start(dir: &str, name: &str, dist: Option<retort_vm::dist::Options>) -> ExitCode {
    let release = match crate::release::read(Path::new(dir)) {
        Ok(r) => r,
        Err(e) => return fail(&e),
    };
    let (listener, sock) = match control::listen(name) {
        Ok(x) => x,
        Err(e) => return fail(&e),
    };
    let mut vm = Vm::new(VmOptions { virtual_time: false, no_halt: true, on_idle: Some(crate::alloc::release_free_memory) });
    retort_stdlib::install(&mut vm);
    natives::register(&mut vm);
    vm.code.path = vec![release.dir.to_string_lossy().into_owned()];
    for m in release.modules {
        let path = m.path.to_string_lossy().into_owned();
        let r = loader::prepare_from(&mut vm, m.image, Some(path.clone())).and_then(|inst| loader::commit(&mut vm, inst));
        if let Err(e) = r {
            let _ = std::fs::remove_file(&sock);
            return fail(&format!("error: {path}: could not load {}: {e:?}", crate::release::display(&m.name)));
        }
    }
    if let Err(msg) = loader::compile_and_load(&mut vm, None, NODE_SOURCE, "node/node.ex") {
        let _ = std::fs::remove_file(&sock);
        return fail(&msg);
    }
    if let Some(opts) = dist {
        if let Err(e) = retort_vm::dist::start(&mut vm, opts) {
            let _ = std::fs::remove_file(&sock);
            return fail(&format!("error: could not start distribution: {e}"));
        }
    }
    let (tx, rx) = std::sync::mpsc::channel();
    natives::NODE.with(|n| *n.borrow_mut() = Some(natives::NodeState { requests: rx, pending: Default::default(), next_id: 1, sessions: Default::default() }));
    let inflight = control::InFlight::default();
    control::serve(listener, tx, inflight.clone());
    natives::install_stop_signals();
    let app = release.app.as_deref().map_or(Term::Nil, |a| Term::Atom(Atom::intern(a)));
    eprintln!("retort: node {name} running release {} (control socket {})", release.dir.display(), sock.display());
    vm.spawn(Atom::intern("Elixir.Retort.Node"), Atom::intern("start"), vec![app]);
    let code = vm.run();
    let _ = std::io::Write::flush(&mut vm.out);
    // Dropping the state answers what is still pending; then let the connection threads
    // write their last replies (the `stop` request's among them).
    natives::NODE.with(|n| n.borrow_mut().take());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    while inflight.load(Ordering::SeqCst) > 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let _ = std::fs::remove_file(&sock);
    eprintln!("retort: node {name} stopped");
    ExitCode::from(code.clamp(0, 255) as u8)
}

/// Prints a reply: the output the request printed, then the text (stdout on success,
/// stderr on error). Status 0 or 1.
fn print_reply(r: &Reply) -> ExitCode {
    print!("{}", r.output);
    if r.ok {
        println!("{}", r.text);
        ExitCode::SUCCESS
    } else {
        eprintln!("{}", r.text);
        ExitCode::from(1)
    }
}

/// One request to node `name`, its reply printed.
fn one_request(name: &str, verb: &str, payload: &str) -> ExitCode {
    match Client::connect(name).and_then(|mut c| c.request(verb, payload)) {
        Ok(r) => print_reply(&r),
        Err(e) => fail(&e),
    }
}

/// `retort rpc NAME EXPR`: evaluates `EXPR` on the node and prints `inspect` of its value
/// (after what it printed). An error (compile error, exception, exit) is printed on stderr
/// and the status is 1; the node is unaffected.
pub fn rpc(name: &str, expr: &str) -> ExitCode {
    one_request(name, "rpc", expr)
}

/// `retort stop NAME`: stops the application (its supervision tree, then `stop/1`) and the
/// node; prints `:ok`.
pub fn stop(name: &str) -> ExitCode {
    one_request(name, "stop", "")
}

/// `retort upgrade NAME --to DIR --dry-run`: the node's plan for moving to the release in
/// `DIR`. The directory is checked here first, so a bad one never reaches the node.
pub fn upgrade(name: &str, to: &str, dry_run: bool, sys_timeout: u32) -> ExitCode {
    if let Err(e) = crate::release::read(Path::new(to)) {
        return fail(&e);
    }
    let dir = std::fs::canonicalize(to).map(|p| p.to_string_lossy().into_owned()).unwrap_or_else(|_| to.to_string());
    if dry_run {
        return one_request(name, "plan", &dir);
    }
    one_request(name, "upgrade", &format!("{sys_timeout}\n{dir}"))
}

/// `retort iex --remsh NAME`: a line-based shell on the node. Each complete input (lines are
/// gathered while the parser says the input is incomplete) is evaluated on the node as by
/// `rpc`, with the variables bound by the earlier inputs of the session (kept on the node
/// until the connection closes). Ends at end of input.
pub fn remsh(name: &str) -> ExitCode {
    use std::io::{BufRead, Write};
    let mut client = match Client::connect(name) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    println!("Interactive Elixir (retort {}) on node {name} - press Ctrl+D to exit", env!("CARGO_PKG_VERSION"));
    let stdin = std::io::stdin();
    let mut lines = stdin.lock();
    let mut n = 1;
    let mut buffer = String::new();
    loop {
        print!("{}({name}){n}> ", if buffer.is_empty() { "iex" } else { "..." });
        let _ = std::io::stdout().flush();
        let mut line = String::new();
        match lines.read_line(&mut line) {
            Ok(0) | Err(_) => {
                println!();
                return ExitCode::SUCCESS;
            }
            Ok(_) => {}
        }
        buffer.push_str(&line);
        if buffer.trim().is_empty() {
            buffer.clear();
            continue;
        }
        if let Err(d) = retort_compiler::parser::parse(&buffer) {
            if retort_compiler::parser::is_incomplete(&d) {
                continue;
            }
        }
        let input = std::mem::take(&mut buffer);
        // The prompt's number goes first, so compile errors are reported at `iex:N` lines.
        match client.request("eval", &format!("{n}\n{input}")) {
            Ok(r) => {
                print!("{}", r.output);
                if r.ok {
                    println!("{}", r.text);
                    n += 1;
                } else {
                    println!("{}", r.text);
                }
            }
            Err(e) => return fail(&e),
        }
    }
}
