//! Crash reports and the main process's exit message, as Elixir 1.14 prints them.
use super::exception;
use super::known::Known;
use super::{Atom, Pid, Term};

/// The `[error] Process #PID<0.N.0> raised an exception` report for a process that died of an
/// uncaught error or throw (class `:error`/`:throw`); `None` for other classes.
/// `time` is the `HH:MM:SS.mmm` the entry starts with.
pub fn crash_report(k: &Known, pid: Pid, class: Atom, reason: &Term, stack: &Term, time: &str) -> Option<String> {
    if class == Atom::EXIT_CLASS {
        return None;
    }
    // Elixir's logger reports an uncaught throw as the `{:nocatch, value}` error it became.
    let banner = if class == Atom::THROW {
        exception::format_banner(k, &Term::Atom(Atom::ERROR), &Term::tuple(vec![Term::Atom(Atom::NOCATCH), reason.clone()]), stack)
    } else {
        exception::format_banner(k, &Term::Atom(class), reason, stack)
    };
    let trace = exception::format_stacktrace(k, stack);
    Some(format!(
        "\n{time} [error] Process #PID<0.{}.0> raised an exception\n{banner}\n{trace}",
        pid.0
    ))
}

/// What `elixir script.exs` prints on stderr when the script's process dies with `reason`
/// (`{reason, stacktrace}` for an error, `{{:nocatch, v}, stacktrace}` for a throw, anything
/// else for an exit; `exit_stack` is where `exit/1` was called, if it was). As Elixir's
/// `Kernel.CLI`, a `FunctionClauseError` lists the arguments given (`Exception.blame/3`),
/// padded by four spaces, and its top stack entry then shows the arity.
pub fn main_exit_message(k: &Known, reason: &Term, exit_stack: Option<&Term>) -> String {
    if let Term::Tuple(t) = reason {
        if t.len() == 2 && matches!(t[1], Term::Cons(_) | Term::Nil) && is_stacktrace(&t[1]) {
            let (class, r) = match &t[0] {
                Term::Tuple(n) if n.len() == 2 && n[0].is_atom(Atom::NOCATCH) => (Atom::THROW, n[1].clone()),
                other => (Atom::ERROR, other.clone()),
            };
            let mut banner = exception::format_banner(k, &Term::Atom(class), &r, &t[1]);
            let mut stack = t[1].clone();
            if class == Atom::ERROR {
                if let Some((blame, blamed)) = exception::blame_function_clause(k, &r, &t[1]) {
                    let padded: Vec<String> = blame.split('\n').map(|l| format!("    {l}")).collect();
                    banner.push_str(&padded.join("\n"));
                    stack = blamed;
                } else if let Some(hint) = exception::blame_undefined_function(k, &r, &t[1]) {
                    banner.push_str(&hint);
                } else if let Some(expr) = exception::blame_arith(k, &r, &t[1]) {
                    banner.push_str(&expr);
                }
            }
            let trace = exception::format_stacktrace(k, &stack);
            return format!("{banner}\n{trace}").trim_end().to_string();
        }
    }
    let banner = exception::format_banner(k, &Term::Atom(Atom::EXIT_CLASS), reason, &Term::Nil);
    match exit_stack {
        Some(st) if is_stacktrace(st) && !matches!(st, Term::Nil) => {
            format!("{banner}\n{}", exception::format_stacktrace(k, st)).trim_end().to_string()
        }
        _ => banner,
    }
}

fn is_stacktrace(t: &Term) -> bool {
    t.list_to_vec().map(|v| v.iter().all(|e| matches!(e, Term::Tuple(x) if x.len() == 4))).unwrap_or(false)
}
