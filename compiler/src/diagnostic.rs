//! Compiler diagnostics as data: every stage returns these; only the CLI and the shell render
//! them (with ariadne, see [`render`]).

use crate::ast::Span;

/// One error found in the source.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// A stable code such as `"E0001"` (syntax) or `"E0200"` (compile error).
    pub code: &'static str,
    /// Elixir-like one-line message, e.g. `syntax error before: ')'` or
    /// `undefined variable "x"`.
    pub message: String,
    /// The primary span (byte offsets) the message is about.
    pub span: Span,
    /// Secondary labelled spans (e.g. the unclosed opener).
    pub labels: Vec<(Span, String)>,
    /// Free-text notes and hints printed under the report.
    pub notes: Vec<String>,
    /// True when the input ended too early (Elixir's `TokenMissingError`): an interactive shell
    /// reads another line instead of reporting it.
    pub incomplete: bool,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic { code, message: message.into(), span, labels: vec![], notes: vec![], incomplete: false }
    }
    pub fn with_label(mut self, span: Span, text: impl Into<String>) -> Diagnostic {
        self.labels.push((span, text.into()));
        self
    }
    pub fn with_note(mut self, text: impl Into<String>) -> Diagnostic {
        self.notes.push(text.into());
        self
    }
}
