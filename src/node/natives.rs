//! The node's natives (module `:retort_node`), registered by `retort start`: the control
//! process (`node.ex`) polls the control socket's requests through them, compiles `rpc`
//! expressions and sends replies. The requests arrive from the listener thread
//! (`control.rs`) over a channel kept in this thread's [`NODE`] state, with the reply senders
//! of the requests not yet answered.

use super::control::{Reply, Request};
use retort_vm::bif::util::*;
use retort_vm::bif::Ctx;
use retort_vm::code::loader;
use retort_vm::code::table::NativeTable;
use retort_vm::error::{Exception, Trap};
use retort_vm::value::{Atom, Term};
use retort_vm::Vm;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::mpsc::{Receiver, Sender, TryRecvError};

type R = Result<Term, Trap>;

/// Raised by SIGTERM or SIGINT: the control process stops the node as `retort stop` does.
static STOP_SIGNAL: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

extern "C" fn on_stop_signal(_: libc::c_int) {
    // Only an atomic store: async-signal-safe.
    STOP_SIGNAL.store(true, std::sync::atomic::Ordering::SeqCst);
}

/// Installs the SIGTERM and SIGINT handlers of a node (`SA_RESTART`).
pub fn install_stop_signals() {
    for sig in [libc::SIGTERM, libc::SIGINT] {
        // SAFETY: `sa` is fully initialised (zeroed, then handler and flags set) before
        // `sigaction` reads it; the handler only performs an atomic store, which is
        // async-signal-safe.
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = on_stop_signal as *const () as usize;
            sa.sa_flags = libc::SA_RESTART;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(sig, &sa, std::ptr::null_mut());
        }
    }
}

/// The VM thread's side of the control socket.
pub struct NodeState {
    pub requests: Receiver<Request>,
    pub pending: HashMap<i64, Sender<Reply>>,
    pub next_id: i64,
    /// The bindings of each connection's `eval`s (the remote shell), in name order.
    pub sessions: HashMap<i64, std::collections::BTreeMap<String, Term>>,
}

thread_local! {
    /// Set by `retort start` before the VM runs; dropped when it ends (which answers every
    /// request still pending with "the node stopped").
    pub static NODE: RefCell<Option<NodeState>> = const { RefCell::new(None) };
}

/// The `:retort_node` natives, `(name, arity, function)`.
const RETORT_NODE: NativeTable = &[
    ("poll", 0, poll),
    ("reply", 4, reply),
    ("compile", 1, compile),
    ("compile_session", 3, compile_session),
    ("binding", 2, binding),
    ("bind", 2, bind),
    ("plan", 1, super::upgrade::plan_native),
    ("upgrade_prepare", 1, super::upgrade::prepare_native),
    ("upgrade_load", 0, super::upgrade::load_native),
    ("upgrade_revert", 0, super::upgrade::revert_native),
    ("upgrade_finish", 0, super::upgrade::finish_native),
];

pub fn register(vm: &mut Vm) {
    vm.code.register_table("retort_node", RETORT_NODE);
}

pub(crate) fn string_arg(t: &Term) -> Result<String, Trap> {
    match text(t) {
        Some(b) => Ok(String::from_utf8_lossy(&b).into_owned()),
        None => Err(Trap::Raise(Exception::error(Term::atom("badarg")))),
    }
}

/// `:none` or `{id, verb, payload}` with `verb` an atom (`:rpc`, `:stop`, `:plan`,
/// `:upgrade`, or `:unknown` for anything else) and `payload` a binary; for `:eval`, the
/// payload is `{session, prompt_number, source}` (the request's payload is `N\nSOURCE`). A closed connection's bindings are dropped here. After SIGTERM or
/// SIGINT, `{0, :stop, ""}` (id 0 is nobody's: its reply goes nowhere).
fn poll(_: &mut Ctx, _: &mut [Term]) -> R {
    if STOP_SIGNAL.swap(false, std::sync::atomic::Ordering::SeqCst) {
        return Ok(Term::tuple(vec![Term::Int(0), Term::atom("stop"), Term::string("")]));
    }
    NODE.with(|n| {
        let mut n = n.borrow_mut();
        let Some(n) = n.as_mut() else { return Ok(Term::atom("none")) };
        loop {
        match n.requests.try_recv() {
            Ok(req) if req.verb == "closed" => {
                n.sessions.remove(&req.session);
            }
            Ok(req) if req.verb == "eval" => {
                let id = n.next_id;
                n.next_id += 1;
                n.pending.insert(id, req.reply);
                // "N\nSOURCE": the shell's prompt number, then the input.
                let (number, source) = match req.payload.split_once('\n') {
                    Some((k, src)) if k.parse::<u32>().is_ok_and(|k| k > 0) => (k.parse::<i64>().unwrap_or(1), src),
                    _ => (1, req.payload.as_str()),
                };
                let payload = Term::tuple(vec![Term::Int(req.session), Term::Int(number), Term::string(source)]);
                return Ok(Term::tuple(vec![Term::Int(id), Term::atom("eval"), payload]));
            }
            Ok(req) => {
                let id = n.next_id;
                n.next_id += 1;
                n.pending.insert(id, req.reply);
                let verb = match req.verb.as_str() {
                    v @ ("rpc" | "stop" | "plan" | "upgrade") => v,
                    _ => "unknown",
                };
                return Ok(Term::tuple(vec![Term::Int(id), Term::atom(verb), Term::string(&req.payload)]));
            }
            Err(TryRecvError::Empty | TryRecvError::Disconnected) => return Ok(Term::atom("none")),
        }
        }
    })
}

/// `reply(id, ok?, output, text)`: answers request `id` (once; a second reply is ignored).
fn reply(_: &mut Ctx, a: &mut [Term]) -> R {
    let id = int(&a[0])?;
    let ok = matches!(a[1], Term::Atom(Atom::TRUE));
    let output = string_arg(&a[2])?;
    let text = string_arg(&a[3])?;
    NODE.with(|n| {
        if let Some(tx) = n.borrow_mut().as_mut().and_then(|n| n.pending.remove(&id)) {
            let _ = tx.send(Reply { ok, output, text });
        }
    });
    Ok(Term::atom("ok"))
}

/// `compile(source)`: `{:ok, script_module}` (its `__FILE__/1` evaluates the source) or
/// `{:error, message}`.
fn compile(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let src = string_arg(&a[0])?;
    match loader::compile_and_load(ctx.vm, Some(ctx.p), &src, "rpc") {
        Ok((_, Some(script), _)) => Ok(Term::tuple(vec![Term::atom("ok"), Term::Atom(script)])),
        Ok(_) => Ok(Term::tuple(vec![Term::atom("error"), Term::string("** (CompileError) nothing to evaluate")])),
        Err(msg) => Ok(Term::tuple(vec![Term::atom("error"), Term::string(msg.trim_end())])),
    }
}

fn session_arg(t: &Term) -> Result<i64, Trap> {
    int(t)
}

/// `compile_session(session, n, source)`: compiles `source`, the shell's input numbered `n`,
/// with the session's bindings bound (read by `binding/2`) and, when it completes, the
/// bindings it made saved (by `bind/2`): `{:ok, script}` or `{:error, message}`, a compile
/// error printed as the local shell prints it, at `iex:L` lines counted from `n`
/// (`crate::iex::errors`).
fn compile_session(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let session = session_arg(&a[0])?;
    let n = match a[1] {
        Term::Int(n) if n > 0 => n as usize,
        _ => 1,
    };
    let input = string_arg(&a[2])?;
    let mut names: std::collections::BTreeSet<String> = NODE.with(|n| n.borrow().as_ref().and_then(|n| n.sessions.get(&session)).map(|s| s.keys().cloned().collect()).unwrap_or_default());
    let mut src = String::new();
    for b in &names {
        src.push_str(&format!("{b} = :retort_node.binding({session}, :{b}); "));
    }
    if let Ok(ast) = retort_compiler::parser::parse(&input) {
        let stmts = match ast {
            retort_compiler::ast::Ast::Node { head, args: Some(s), .. } if matches!(&*head, retort_compiler::ast::Ast::Atom(b) if b == "__block__") => s,
            a => vec![a],
        };
        for s in &stmts {
            crate::iex::bound_vars(s, &mut names);
        }
    }
    src.push_str("retort_value__ = (\n");
    // The script's line on which the input starts.
    let first_line = src.matches('\n').count() + 1;
    src.push_str(&input);
    src.push_str("\n); ");
    let pairs: Vec<String> = names.iter().map(|b| format!("{{:{b}, {b}}}")).collect();
    src.push_str(&format!(":retort_node.bind({session}, [{}]); retort_value__\n", pairs.join(", ")));
    match loader::compile_and_load(ctx.vm, Some(ctx.p), &src, "iex") {
        Ok((_, Some(script), _)) => Ok(Term::tuple(vec![Term::atom("ok"), Term::Atom(script)])),
        Ok(_) => Ok(Term::tuple(vec![Term::atom("error"), Term::string("** (CompileError) nothing to evaluate")])),
        Err(msg) => {
            // Compile again for the diagnostics as data (only on this error path), as the
            // local shell does.
            // The shell prints the text and a newline: the blank line after the error stays.
            let msg = match retort_compiler::codegen::compile(&src, "iex", "iex_diagnostics") {
                Err(diags) if !diags.is_empty() => {
                    let text = crate::iex::errors::render(&diags, &src, first_line, n);
                    text.strip_suffix('\n').unwrap_or(&text).to_string()
                }
                _ => msg.trim_end().to_string(),
            };
            Ok(Term::tuple(vec![Term::atom("error"), Term::string(&msg)]))
        }
    }
}

/// `binding(session, name)`: the value bound to `name` in the session (nil if none).
fn binding(_: &mut Ctx, a: &mut [Term]) -> R {
    let session = session_arg(&a[0])?;
    let name = atom(&a[1])?;
    Ok(NODE.with(|n| n.borrow().as_ref().and_then(|n| n.sessions.get(&session)).and_then(|s| s.get(name.name())).cloned()).unwrap_or(Term::Nil))
}

/// `bind(session, [{name, value}])`: records the session's bindings. `:ok`.
fn bind(_: &mut Ctx, a: &mut [Term]) -> R {
    let session = session_arg(&a[0])?;
    let mut out = Vec::new();
    for pair in list(&a[1])? {
        if let Term::Tuple(t) = &pair {
            if let (Some(Term::Atom(k)), Some(v)) = (t.first(), t.get(1)) {
                out.push((k.name().to_string(), v.clone()));
            }
        }
    }
    NODE.with(|n| {
        if let Some(n) = n.borrow_mut().as_mut() {
            n.sessions.entry(session).or_default().extend(out);
        }
    });
    Ok(Term::atom("ok"))
}
