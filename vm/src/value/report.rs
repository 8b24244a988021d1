//! Crash reports and the main process's exit message, as Elixir 1.14 prints them.
use super::exception;
use super::{Atom, Pid, Term};

/// The `[error] Process #PID<0.N.0> raised an exception` report for a process that died of an
/// uncaught error or throw (class `:error`/`:throw`); `None` for other classes.
pub fn crash_report(pid: Pid, class: Atom, reason: &Term, stack: &Term) -> Option<String> {
    if class == Atom::EXIT_CLASS {
        return None;
    }
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0);
    let day_ms = now % 86_400_000;
    let (h, m, s, ms) = (day_ms / 3_600_000, (day_ms / 60_000) % 60, (day_ms / 1000) % 60, day_ms % 1000);
    let banner = exception::format_banner(&Term::Atom(class), reason, stack);
    let trace = exception::format_stacktrace(stack);
    Some(format!(
        "\n{h:02}:{m:02}:{s:02}.{ms:03} [error] Process #PID<0.{}.0> raised an exception\n{banner}\n{trace}",
        pid.0
    ))
}

/// What `elixir script.exs` prints on stderr when the script's process dies with `reason`
/// (`{reason, stacktrace}` for an error, `{{:nocatch, v}, stacktrace}` for a throw, anything
/// else for an exit).
pub fn main_exit_message(reason: &Term) -> String {
    if let Term::Tuple(t) = reason {
        if t.len() == 2 && matches!(t[1], Term::Cons(_) | Term::Nil) && is_stacktrace(&t[1]) {
            let (class, r) = match &t[0] {
                Term::Tuple(n) if n.len() == 2 && n[0].is_atom(Atom::NOCATCH) => (Atom::THROW, n[1].clone()),
                other => (Atom::ERROR, other.clone()),
            };
            let banner = exception::format_banner(&Term::Atom(class), &r, &t[1]);
            let trace = exception::format_stacktrace(&t[1]);
            return format!("{banner}\n{trace}").trim_end().to_string();
        }
    }
    exception::format_banner(&Term::Atom(Atom::EXIT_CLASS), reason, &Term::Nil)
}

fn is_stacktrace(t: &Term) -> bool {
    t.list_to_vec().map(|v| v.iter().all(|e| matches!(e, Term::Tuple(x) if x.len() == 4))).unwrap_or(false)
}
