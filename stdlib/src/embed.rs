//! The embedding API: a Rust program runs retort programs in an [`Engine`] (a [`Vm`] with the
//! compiler and the standard library), gives them host functions, exchanges messages with
//! their processes and runs them for a bounded number of reductions.
//!
//! ```no_run
//! use retort_stdlib::embed::{Engine, IntoTerm};
//! let mut e = Engine::new();
//! e.register1("Host", "double", |x: i64| x * 2).unwrap();
//! e.load_source("defmodule Calc do\n  def run(x), do: Host.double(x) + 1\nend\n", "calc.ex").unwrap();
//! let y: i64 = e.call("Calc", "run", vec![20i64.into_term()], 1_000_000).unwrap();
//! assert_eq!(y, 41);
//! ```
//!
//! An `Engine` holds all of its state (see `retort_vm::embed`): several may run at once, each
//! on the thread that created it.

pub use retort_vm::embed::{AtomName, ConvertError, Counters, FromTerm, HostFn, IntoTerm, RunOutcome};
use retort_vm::value::{Atom, Pid, Term};
use retort_vm::{Vm, VmOptions};
use std::rc::Rc;

/// What went wrong in an [`Engine`] call.
#[derive(Debug, Clone, PartialEq)]
pub enum EmbedError {
    /// The source did not compile: the rendered diagnostics.
    Compile(String),
    /// A module could not be loaded: `badfile` (with the reason) or `not_purged`.
    Load(String),
    /// A module or function name is not usable (e.g. a host module that is not an alias).
    BadName(String),
    /// A reply did not convert to the Rust type asked for.
    Convert(ConvertError),
    /// Nothing arrived: the VM went idle (`Idle`) or spent the reduction budget (`Budget`)
    /// first, or halted (`Halted`).
    NoReply(RunOutcome),
    /// The process running a [`Engine::call`] raised, threw or exited: its reason, inspected.
    Crashed(String),
}

impl std::fmt::Display for EmbedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EmbedError::Compile(d) => write!(f, "compile error:\n{d}"),
            EmbedError::Load(r) => write!(f, "load error: {r}"),
            EmbedError::BadName(n) => write!(f, "bad name: {n}"),
            EmbedError::Convert(c) => write!(f, "conversion error: {c}"),
            EmbedError::NoReply(o) => write!(f, "no reply ({o:?})"),
            EmbedError::Crashed(r) => write!(f, "the process crashed: {r}"),
        }
    }
}

impl std::error::Error for EmbedError {}

/// A host function of a stub module: `(name, arity, id)`.
type StubFn = (String, u32, usize);

/// A VM with the compiler and the standard library, and the host's side of it (see the module
/// documentation).
pub struct Engine {
    /// The VM itself, for everything this API does not wrap.
    pub vm: Vm,
    /// Host modules and their functions, to regenerate a stub module when one is added.
    stubs: Vec<(String, Vec<StubFn>)>,
    /// The host's inbox: the process language code sends to, and its queue id.
    inbox: Option<(Pid, usize)>,
}

impl Default for Engine {
    fn default() -> Self {
        Self::new()
    }
}

impl Engine {
    /// A fresh VM in real time (output of `IO.puts` & co. goes to standard output), with the
    /// compiler and the standard library installed.
    pub fn new() -> Engine {
        let mut vm = Vm::new(VmOptions { virtual_time: false, no_halt: true, on_idle: None });
        crate::install(&mut vm);
        Engine { vm, stubs: Vec::new(), inbox: None }
    }

    /// Compiles `source` (named `file` in diagnostics and stack traces) and loads every module
    /// it defines; a module that exists is replaced as `Code.compile_string/1` does (its
    /// current code becomes old; processes still in the older code are killed by the purge).
    /// Top-level expressions are compiled but not run. Returns the modules, in order.
    pub fn load_source(&mut self, source: &str, file: &str) -> Result<Vec<Atom>, EmbedError> {
        let (loaded, _, _) = retort_vm::code::loader::compile_and_load(&mut self.vm, None, source, file).map_err(|e| {
            if e.starts_with("BadFile") || e.starts_with("NotPurged") {
                EmbedError::Load(e)
            } else {
                EmbedError::Compile(e)
            }
        })?;
        Ok(loaded.into_iter().map(|(m, _)| m).collect())
    }

    /// Loads a module from the bytes of an `.rbc` file (what `retort compile` writes), with
    /// `code:load_binary/3`'s rule: an existing module's old code is purged first.
    pub fn load_rbc(&mut self, bytes: &[u8]) -> Result<Atom, EmbedError> {
        let image = retort_vm::bytecode::file::decode(bytes).map_err(EmbedError::Load)?;
        let inst = retort_vm::code::loader::prepare(&mut self.vm, image).map_err(|e| EmbedError::Load(format!("{e:?}")))?;
        retort_vm::code::loader::load_binary(&mut self.vm, None, inst).0.map_err(|e| EmbedError::Load(format!("{e:?}")))
    }

    /// Makes `f` callable from the language as `Module.name(arg1, ..., argN)` (N = `arity`):
    /// `module` is an alias such as `"Host"` or `"My.Host"`. The module is a generated stub
    /// (recompiled with every function added to it) whose functions call `f`; `f`'s `Err(msg)`
    /// raises `RuntimeError` with `msg` in the calling process.
    pub fn register_fn(&mut self, module: &str, name: &str, arity: u32, f: impl Fn(&[Term]) -> Result<Term, String> + 'static) -> Result<(), EmbedError> {
        let module = module.strip_prefix("Elixir.").unwrap_or(module);
        let alias_ok = module.split('.').all(|p| p.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        if !alias_ok {
            return Err(EmbedError::BadName(format!("{module:?} is not a module alias")));
        }
        let name_ok = name.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
            && name.trim_end_matches(['?', '!']).chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !name_ok {
            return Err(EmbedError::BadName(format!("{name:?} is not a function name")));
        }
        let id = self.vm.add_host_fn(Rc::new(f));
        let idx = match self.stubs.iter().position(|(m, _)| m == module) {
            Some(i) => i,
            None => {
                self.stubs.push((module.to_string(), Vec::new()));
                self.stubs.len() - 1
            }
        };
        let fns = &mut self.stubs[idx].1;
        fns.retain(|(n, a, _)| !(n == name && *a == arity));
        fns.push((name.to_string(), arity, id));
        let source = stub_source(module, fns);
        let quiet = std::mem::replace(&mut self.vm.code.ignore_module_conflict, true);
        let r = self.load_source(&source, &format!("host:{module}"));
        self.vm.code.ignore_module_conflict = quiet;
        r.map(|_| ())
    }

    /// [`Engine::register_fn`] for a function of one argument converted with [`FromTerm`]
    /// (a wrong argument raises `RuntimeError` "expected ..., got: ...").
    pub fn register1<A: FromTerm, R: IntoTerm>(&mut self, module: &str, name: &str, f: impl Fn(A) -> R + 'static) -> Result<(), EmbedError> {
        self.register_fn(module, name, 1, move |a| Ok(f(A::from_term(&a[0]).map_err(|e| e.to_string())?).into_term()))
    }

    /// [`Engine::register_fn`] for a function of two converted arguments.
    pub fn register2<A: FromTerm, B: FromTerm, R: IntoTerm>(&mut self, module: &str, name: &str, f: impl Fn(A, B) -> R + 'static) -> Result<(), EmbedError> {
        self.register_fn(module, name, 2, move |a| {
            let x = A::from_term(&a[0]).map_err(|e| e.to_string())?;
            let y = B::from_term(&a[1]).map_err(|e| e.to_string())?;
            Ok(f(x, y).into_term())
        })
    }

    /// Spawns a process running `module.function(args)` (`module` as an alias, `"Calc"`, or an
    /// Erlang name, `"lists"`); it is runnable, and runs when the VM next runs.
    pub fn spawn(&mut self, module: &str, function: &str, args: Vec<Term>) -> Pid {
        self.vm.spawn(module_atom(module), Atom::intern(function), args)
    }

    /// Sends `msg` to `to` (nothing happens if `to` is dead, as in the language).
    pub fn send(&mut self, to: Pid, msg: impl IntoTerm) {
        self.vm.send(to, msg.into_term());
    }

    /// The host's own pid: what language code sends replies to (`send(host, {:result, x})`).
    /// Created on first use (a process of `:retort_host_inbox`).
    pub fn inbox(&mut self) -> Pid {
        if let Some((pid, _)) = self.inbox {
            if self.vm.is_alive(pid) {
                return pid;
            }
        }
        let id = self.vm.add_host_inbox();
        let pid = self.vm.spawn(Atom::intern("retort_host_inbox"), Atom::intern("loop"), vec![Term::Int(id as i64)]);
        self.inbox = Some((pid, id));
        pid
    }

    /// The oldest message sent to [`Engine::inbox`], running the VM (at most `max_reductions`
    /// reductions, waiting for timers when nothing else can run) until one is there.
    /// `Err(NoReply(outcome))` when the VM stops first.
    pub fn receive(&mut self, max_reductions: u64) -> Result<Term, EmbedError> {
        self.inbox();
        let id = self.inbox.map(|(_, id)| id).unwrap_or(0);
        let start = self.vm.total_reductions;
        loop {
            if let Some(m) = self.vm.take_host_message(id) {
                return Ok(m);
            }
            let used = self.vm.total_reductions - start;
            if used >= max_reductions {
                return Err(EmbedError::NoReply(RunOutcome::Budget));
            }
            // A small step, so a reply is seen soon after it arrives.
            match self.vm.run_for((max_reductions - used).min(4000)) {
                RunOutcome::Idle { timers } => {
                    if self.vm.host.inboxes[id].is_empty() && !(timers && self.vm.wait_next_timer()) {
                        return match self.vm.take_host_message(id) {
                            Some(m) => Ok(m),
                            None => Err(EmbedError::NoReply(RunOutcome::Idle { timers })),
                        };
                    }
                }
                RunOutcome::Budget => {}
                h @ RunOutcome::Halted(_) => {
                    return self.vm.take_host_message(id).ok_or(EmbedError::NoReply(h));
                }
            }
        }
    }

    /// Runs `module.function(args)` in a new process and returns its result converted to `R`:
    /// the process sends `{:ok, result}` or `{:error, kind, reason}` to the host's inbox. Runs
    /// at most `max_reductions` reductions. Messages already in the inbox are kept for
    /// [`Engine::receive`] only when they come after the reply.
    pub fn call<R: FromTerm>(&mut self, module: &str, function: &str, args: Vec<Term>, max_reductions: u64) -> Result<R, EmbedError> {
        let host = self.inbox();
        let tag = Term::Ref(self.vm.make_ref());
        let args = Term::list(vec![Term::Pid(host), tag.clone(), Term::Atom(module_atom(module)), Term::atom(function), Term::list(args)]);
        self.vm.spawn(Atom::intern("retort_host_inbox"), Atom::intern("call"), vec![args]);
        loop {
            let m = self.receive(max_reductions)?;
            let Term::Tuple(t) = &m else { continue };
            if t.len() == 3 && t[0] == tag {
                if t[1].is_atom(Atom::intern("ok")) {
                    return R::from_term(&t[2]).map_err(EmbedError::Convert);
                }
                return Err(EmbedError::Crashed(self.vm.code.known.inspect(&t[2])));
            }
        }
    }

    /// Runs the VM for at most about `max_reductions` reductions (to the end of a slice), or
    /// until nothing can run now (see [`Vm::run_for`]).
    pub fn run_for(&mut self, max_reductions: u64) -> RunOutcome {
        self.vm.run_for(max_reductions)
    }

    /// The VM's counters (reductions, processes, loaded modules, code epoch).
    pub fn counters(&self) -> Counters {
        self.vm.counters()
    }
}

/// `"Calc"` → `Elixir.Calc`; `"lists"`, `":lists"` and `"Elixir.Calc"` as they are.
fn module_atom(module: &str) -> Atom {
    let m = module.strip_prefix(':').unwrap_or(module);
    if m.starts_with(|c: char| c.is_ascii_uppercase()) {
        Atom::intern(&format!("Elixir.{m}"))
    } else {
        Atom::intern(m)
    }
}

/// The stub module's source: one function per host function, each a call of
/// `:retort_host.call(id, [args])`.
fn stub_source(module: &str, fns: &[StubFn]) -> String {
    let mut s = format!("defmodule {module} do\n");
    for (name, arity, id) in fns {
        let params: Vec<String> = (1..=*arity).map(|i| format!("a{i}")).collect();
        s.push_str(&format!("  def {name}({}), do: :retort_host.call({id}, [{}])\n", params.join(", "), params.join(", ")));
    }
    s.push_str("end\n");
    s
}
