//! `retort iex`: the interactive shell.
//!
//! The VM runs on the main thread; the shell itself is a process on it (`IEx.Server`, written
//! in the language, see `server.ex`) that asks for a line, polls for it while the scheduler
//! keeps running every other process in real time, compiles each input as a script and runs
//! it. A second thread owns the line editor (rustyline) and answers prompt requests over a
//! channel. On a terminal, the VM's stdout and stderr are redirected into a pipe that a third
//! thread forwards to rustyline's external printer, so background output never garbles the line
//! being typed (the editor itself talks to `/dev/tty`).
//!
//! Bindings persist between inputs in the shell process's dictionary: each input is compiled as
//! `x = :erlang.get({:"$iex_binding", :x}); ...; iex_value__ = (INPUT); :erlang.put(...)`.

mod complete;
mod docs;
mod editor;
pub(crate) mod errors;
mod helpers;
mod interrupt;
mod native_docs;
mod output;
mod vocab;

use retort_compiler::ast::Ast;
use retort_compiler::parser;
use retort_vm::value::Atom;
use retort_vm::{Vm, VmOptions};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::io::{BufRead, Write};
use std::process::ExitCode;
use std::sync::mpsc::{channel, Receiver, Sender};

const SERVER_SOURCE: &str = include_str!("server.ex");

/// What the editor thread hands back.
pub enum Input {
    Line(String),
    Interrupt,
    Eof,
}

pub(crate) struct Shell {
    prompts: Sender<String>,
    inputs: Receiver<Input>,
    /// Names of the variables bound at the prompt.
    bindings: BTreeSet<String>,
    /// Count of compiled inputs (names the script modules).
    counter: u32,
}

thread_local! {
    pub(crate) static SHELL: RefCell<Option<Shell>> = const { RefCell::new(None) };
}

pub(crate) fn history_path() -> Option<std::path::PathBuf> {
    std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".retort_history"))
}

fn is_tty(fd: i32) -> bool {
    unsafe { libc::isatty(fd) == 1 }
}

/// Starts the editor thread (and, on a terminal, the output forwarder). Returns a function that
/// restores stdout/stderr and waits for the forwarder to print everything.
fn start_io(prompt_rx: Receiver<String>, input_tx: Sender<Input>) -> Box<dyn FnOnce()> {
    // rustyline cannot edit on these terminals (it falls back to plain reads): read plain lines.
    let dumb = std::env::var("TERM").is_ok_and(|t| ["dumb", "cons25", "emacs"].contains(&t.as_str()));
    if !(is_tty(0) && is_tty(1)) || dumb {
        std::thread::spawn(move || {
            let stdin = std::io::stdin();
            let mut lines = stdin.lock();
            while let Ok(prompt) = prompt_rx.recv() {
                print!("{prompt}");
                let _ = std::io::stdout().flush();
                let mut line = String::new();
                match lines.read_line(&mut line) {
                    Ok(0) | Err(_) => {
                        println!();
                        let _ = input_tx.send(Input::Eof);
                        return;
                    }
                    Ok(_) => {
                        let l = line.trim_end_matches(['\n', '\r']).to_string();
                        let _ = input_tx.send(Input::Line(l));
                    }
                }
            }
        });
        return Box::new(|| {});
    }
    // Redirect stdout and stderr into a pipe; keep the terminal for the editor and the printer.
    let (saved_out, saved_err, read_end) = unsafe {
        let saved_out = libc::dup(1);
        let saved_err = libc::dup(2);
        let mut fds = [0i32; 2];
        libc::pipe(fds.as_mut_ptr());
        libc::dup2(fds[1], 1);
        libc::dup2(fds[1], 2);
        libc::close(fds[1]);
        (saved_out, saved_err, fds[0])
    };
    // The terminal's modes now, restored at the end: a halt can come while the editor thread
    // has the terminal in raw mode at a prompt (a background process calls `System.halt`), and
    // that thread never gets to restore it.
    // SAFETY: `t` is a plain C struct, zeroed, then filled by `tcgetattr` (used only on success).
    let termios = unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        (libc::tcgetattr(0, &mut t) == 0).then_some(t)
    };
    let (printer_tx, printer_rx) = channel::<output::Output>();
    std::thread::spawn(move || editor::run(prompt_rx, input_tx, printer_tx, read_end, saved_out, saved_err));
    let output = printer_rx.recv().ok();
    Box::new(move || {
        // SAFETY: `saved_out`/`saved_err` are the duplicates of the original stdout/stderr made
        // above and still open; `dup2` onto 1 and 2 closes the pipe's write ends, which lets the
        // forwarder see the pipe's end. `termios` was filled by `tcgetattr` on the same terminal.
        unsafe {
            libc::dup2(saved_out, 1);
            libc::dup2(saved_err, 2);
        }
        if let Some(o) = output {
            o.finish();
        }
        if let Some(t) = termios {
            // SAFETY: as above.
            unsafe { libc::tcsetattr(0, libc::TCSANOW, &t) };
        }
    })
}

/// `retort iex [FILES]`; with `dist` (`--name`/`--sname`), a distributed node.
pub fn main(files: Vec<String>, dist: Option<retort_vm::dist::Options>) -> ExitCode {
    let (prompt_tx, prompt_rx) = channel();
    let (input_tx, input_rx) = channel();
    SHELL.with(|s| *s.borrow_mut() = Some(Shell { prompts: prompt_tx, inputs: input_rx, bindings: BTreeSet::new(), counter: 0 }));
    let mut vm = Vm::new(VmOptions::default());
    retort_stdlib::install(&mut vm);
    if let Some(opts) = dist {
        if let Err(e) = retort_vm::dist::start(&mut vm, opts) {
            eprintln!("** (ErlangError) could not start distribution: {e}");
            return ExitCode::from(1);
        }
    }
    helpers::register(&mut vm);
    if let Err(msg) = retort_vm::code::loader::compile_and_load(&mut vm, None, SERVER_SOURCE, "iex/server.ex") {
        eprint!("{msg}");
        return ExitCode::from(1);
    }
    for f in &files {
        match std::fs::read_to_string(f) {
            Ok(src) => match retort_vm::code::loader::compile_and_load(&mut vm, None, &src, f) {
                Ok((_, Some(script), _)) => {
                    vm.spawn(script, Atom::intern("__FILE__"), vec![retort_vm::value::Term::Nil]);
                }
                Ok(_) => {}
                Err(msg) => {
                    // As `iex FILE` does: a file that does not compile stops the shell.
                    let _ = vm.out.flush();
                    eprint!("{msg}");
                    return ExitCode::from(1);
                }
            },
            Err(e) => {
                eprintln!("** (File.Error) could not read file \"{f}\": {e}");
                return ExitCode::from(1);
            }
        }
    }
    interrupt::install();
    let restore = start_io(prompt_rx, input_tx);
    println!("Interactive Elixir (retort {}) - press Ctrl+D to exit", env!("CARGO_PKG_VERSION"));
    let server = Atom::intern("Elixir.IEx.Server");
    let code = loop {
        vm.spawn(server, Atom::intern("start"), Vec::new());
        let code = vm.run();
        if let Some(c) = vm.halt {
            break c;
        }
        if vm.procs.is_empty() && vm.run_queue.is_empty() && vm.timers.next_deadline().is_none() {
            let _ = vm.out.flush();
            // The shell process died with nothing else left: start a new one.
            let _ = code;
        }
        eprintln!("** (EXIT) the shell process exited; starting a new one");
    };
    let _ = vm.out.flush();
    restore();
    ExitCode::from(code.clamp(0, 255) as u8)
}

/// Names bound by the top-level `=` matches of `stmt`.
pub(crate) use retort_compiler::expand::eval::bound_vars;

fn alias_text(a: &Ast) -> Option<String> {
    match a {
        Ast::Node { head, args: Some(segs), .. } if matches!(&**head, Ast::Atom(h) if h == "__aliases__") => {
            let parts: Vec<String> = segs.iter().filter_map(|s| if let Ast::Atom(x) = s { Some(x.clone()) } else { None }).collect();
            (parts.len() == segs.len()).then(|| parts.join("."))
        }
        _ => None,
    }
}

/// `{name, arity}` of the last `def` in a `defmodule`'s body, as IEx shows it.
fn last_def(module: &Ast) -> Option<(String, usize)> {
    let Ast::Node { args: Some(args), .. } = module else { return None };
    let Some(Ast::List(kw)) = args.get(1) else { return None };
    let body = kw.iter().find_map(|p| match p {
        Ast::Pair(k, v) if matches!(&**k, Ast::Atom(d) if d == "do") => Some(v),
        _ => None,
    })?;
    let stmts: Vec<&Ast> = match &**body {
        Ast::Node { head, args: Some(s), .. } if matches!(&**head, Ast::Atom(b) if b == "__block__") => s.iter().collect(),
        other => vec![other],
    };
    let d = stmts.iter().rev().find(|s| matches!(s.head_name(), Some("def" | "defp" | "defmacro")))?;
    let Ast::Node { args: Some(dargs), .. } = d else { return None };
    let mut call = dargs.first()?;
    if call.head_name() == Some("when") {
        if let Ast::Node { args: Some(w), .. } = call {
            call = w.first()?;
        }
    }
    match call {
        Ast::Node { head, args, .. } => match &**head {
            Ast::Atom(n) => Some((n.clone(), args.as_ref().map_or(0, |a| a.len()))),
            _ => None,
        },
        _ => None,
    }
}

/// The line of the script built by [`wrap_input`] on which the input's first line is.
pub(crate) const INPUT_FIRST_LINE: usize = 2;

/// What compiling an input gave.
pub enum Compiled {
    Incomplete,
    Source(String),
}

/// Builds the script source for one input: helpers imported, bindings restored, the input's
/// value kept, new bindings saved.
pub fn wrap_input(input: &str, bindings: &mut BTreeSet<String>) -> Compiled {
    let ast = match parser::parse(input) {
        Ok(a) => Some(a),
        Err(d) if parser::is_incomplete(&d) => return Compiled::Incomplete,
        Err(_) => None,
    };
    let stmts: Vec<Ast> = match ast {
        Some(Ast::Node { head, args: Some(s), .. }) if matches!(&*head, Ast::Atom(b) if b == "__block__") => s,
        Some(a) => vec![a],
        None => vec![],
    };
    // `h Mod.fun/2`: IEx's `h` is a macro; here the input becomes the helper call it expands to.
    if let [stmt] = stmts.as_slice() {
        if let Some(call) = docs::h_call(stmt) {
            return wrap_input(&call, bindings);
        }
    }
    let mut new_vars = bindings.clone();
    for s in &stmts {
        bound_vars(s, &mut new_vars);
    }
    let mut src = String::from("import IEx.Helpers, only: [r: 1, l: 1, c: 1, flush: 0, pid: 1, v: 0, v: 1, i: 1, h: 0, h: 1, exports: 1, clear: 0]; ");
    for b in bindings.iter() {
        src.push_str(&format!("{b} = :erlang.get({{:\"$iex_binding\", :{b}}}); "));
    }
    let has_module = stmts.iter().any(|s| s.head_name() == Some("defmodule"));
    let result = if has_module {
        src.push('\n');
        src.push_str(input);
        src.push('\n');
        let last = stmts.iter().rev().find(|s| s.head_name() == Some("defmodule")).unwrap();
        let name = match last {
            Ast::Node { args: Some(a), .. } => a.first().and_then(alias_text),
            _ => None,
        };
        match name {
            Some(n) if stmts.last().and_then(|s| s.head_name()) == Some("defmodule") => {
                let def = match last_def(last) {
                    Some((f, a)) => format!("{{:{f}, {a}}}"),
                    None => "nil".to_string(),
                };
                format!("{{:module, {n}, :retort_iex.binary_of({n}), {def}}}")
            }
            _ => "nil".to_string(),
        }
    } else {
        src.push_str("iex_value__ = (\n");
        src.push_str(input);
        src.push_str("\n)");
        "iex_value__".to_string()
    };
    if !has_module {
        src.push_str("; ");
    }
    for b in new_vars.iter() {
        src.push_str(&format!(":erlang.put({{:\"$iex_binding\", :{b}}}, {b}); "));
    }
    let names: Vec<String> = new_vars.iter().map(|b| format!(":{b}")).collect();
    src.push_str(&format!(":retort_iex.bound([{}]); {result}\n", names.join(", ")));
    Compiled::Source(src)
}
