//! Exceptions in flight and the traps a native function can return.
use crate::value::{Atom, Term};

/// A raised exception: class (`:error`, `:throw`, `:exit`), the Erlang reason, and the
/// stacktrace (built from the frames when the exception is raised, unless it is re-raised with
/// its own).
#[derive(Debug, Clone)]
pub struct Exception {
    pub class: Atom,
    pub reason: Term,
    /// A stacktrace already known (`:erlang.raise/3`, re-raise); `None` = build from frames.
    pub stack: Option<Term>,
    /// An entry to put on top of the built stacktrace (e.g. `{mod, fun, args, []}` for `:undef`).
    pub top: Option<Term>,
}

impl Exception {
    /// An error of class `:error`.
    pub fn error(reason: Term) -> Exception {
        Exception { class: Atom::ERROR, reason, stack: None, top: None }
    }
    pub fn badarg() -> Exception {
        Self::error(Term::Atom(Atom::BADARG))
    }
    /// `:badarg` from the BIF `m.f(args)`, as OTP raises it: the reason stays `:badarg` (so
    /// `catch :error, :badarg` sees it) and the stacktrace's top entry is the BIF's call with an
    /// `error_info` whose `cause` lists the faulty arguments, `[(position, what)]` (1-based);
    /// the exception's message turns that into "errors were found at the given arguments: ...".
    pub fn bif_badarg(m: &str, f: &str, args: &[Term], faults: &[(usize, &str)]) -> Exception {
        let mut cause = String::new();
        for (arg, what) in faults {
            let nth = match arg {
                1 => "1st".to_string(),
                2 => "2nd".to_string(),
                3 => "3rd".to_string(),
                n => format!("{n}th"),
            };
            cause.push_str(&format!("  * {nth} argument: {what}\n"));
        }
        let mut info = crate::value::MapT::new();
        info.insert(Term::atom("module"), Term::atom("erl_erts_errors"));
        info.insert(Term::atom("cause"), Term::string(&cause));
        let loc = Term::list(vec![Term::tuple(vec![Term::atom("error_info"), Term::map(info)])]);
        let mut e = Exception::badarg();
        e.top = Some(Term::tuple(vec![Term::atom(m), Term::atom(f), Term::list(args.to_vec()), loc]));
        e
    }
    pub fn badarith() -> Exception {
        Self::error(Term::Atom(Atom::BADARITH))
    }
    pub fn throw(v: Term) -> Exception {
        Exception { class: Atom::THROW, reason: v, stack: None, top: None }
    }
    pub fn exit(v: Term) -> Exception {
        Exception { class: Atom::EXIT_CLASS, reason: v, stack: None, top: None }
    }
    /// `{tag, value}` error.
    pub fn tagged(tag: Atom, v: Term) -> Exception {
        Self::error(Term::tuple(vec![Term::Atom(tag), v]))
    }
    /// An Elixir exception struct built natively: `%{__struct__: module, __exception__: true,
    /// message: msg}`.
    pub fn elixir(module: &str, message: &str) -> Exception {
        let mut m = crate::value::MapT::new();
        m.insert(Term::Atom(Atom::STRUCT), Term::atom(module));
        m.insert(Term::Atom(Atom::EXCEPTION), Term::TRUE);
        m.insert(Term::Atom(Atom::MESSAGE), Term::string(message));
        Self::error(Term::map(m))
    }
    /// `ArgumentError` with a message.
    pub fn argument_error(message: &str) -> Exception {
        Self::elixir("Elixir.ArgumentError", message)
    }
}

/// What a native function can ask of the interpreter besides returning a value.
#[derive(Debug)]
pub enum Trap {
    /// Raise an exception in the calling process.
    Raise(Exception),
    /// Call `callee` with `args` in place of the native (a tail call from the native's point
    /// of view): `callee` is a fun, or `{module, function}` given as `Term::Atom` module plus
    /// `Some(function)`. Used by `apply/2,3` and friends, so natives never re-enter the
    /// interpreter.
    Apply { callee: Term, function: Option<Atom>, args: Vec<Term> },
    /// The calling process must exit now with this reason (it was killed, e.g. by a purge it
    /// triggered itself).
    Exit(Term),
    /// Stop the whole VM with this status (`System.halt/1`).
    Halt(i32),
    /// Return this value, then yield the time slice (`:erlang.yield/0`, after `spawn`).
    Yield(Term),
}

impl From<Exception> for Trap {
    fn from(e: Exception) -> Trap {
        Trap::Raise(e)
    }
}
