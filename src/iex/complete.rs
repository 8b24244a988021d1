//! Tab completion at the `retort iex` prompt (filled in below).

use rustyline::completion::{Completer, Pair};
use rustyline::{Helper, Highlighter, Hinter, Validator};

/// The editor's helper: completion only.
#[derive(Default, Helper, Highlighter, Hinter, Validator)]
pub struct ShellHelper {}

impl Completer for ShellHelper {
    type Candidate = Pair;
}
