//! Renders [`Diagnostic`]s as text reports with ariadne: one report per diagnostic, headed by
//! `error[CODE]: message` and the `file:line:column` of the primary span, with the primary
//! label, the secondary labels (e.g. the unclosed `do`) and the notes.

use crate::diagnostic::Diagnostic;
use ariadne::{Color, Config, IndexType, Label, Report, ReportKind, Source};
use std::ops::Range;

/// Renders every diagnostic of `source` (named `file_name` in the headers). `color: false`
/// gives plain text (used by the golden tests).
pub fn render(diags: &[Diagnostic], file_name: &str, source: &str, color: bool) -> String {
    let mut out = Vec::new();
    let config = Config::default().with_index_type(IndexType::Byte).with_color(color);
    for d in diags {
        let primary = clamp(d.span.start as usize, d.span.end as usize, source);
        let mut report = Report::build(ReportKind::Error, (file_name, primary.clone()))
            .with_config(config)
            .with_code(d.code)
            .with_message(&d.message);
        // a secondary label on the primary span gives the primary label its text
        let merged = d.labels.iter().position(|(s, _)| *s == d.span);
        let text = merged.map_or_else(|| primary_text(d), |i| d.labels[i].1.clone());
        let mut primary_label = Label::new((file_name, primary)).with_message(text).with_order(0);
        if color {
            primary_label = primary_label.with_color(Color::Red);
        }
        report = report.with_label(primary_label);
        for (i, (span, text)) in d.labels.iter().enumerate() {
            if Some(i) == merged {
                continue;
            }
            let range = clamp(span.start as usize, span.end as usize, source);
            let mut label = Label::new((file_name, range)).with_message(text).with_order(i as i32 + 1);
            if color {
                label = label.with_color(Color::Blue);
            }
            report = report.with_label(label);
        }
        for note in &d.notes {
            report = report.with_note(note);
        }
        let _ = report.finish().write((file_name, Source::from(source)), &mut out);
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The text under the primary span: the end of input for incomplete input, else the message.
fn primary_text(d: &Diagnostic) -> String {
    if d.incomplete && d.message.starts_with("missing terminator") {
        "the input ends here".to_string()
    } else {
        d.message.clone()
    }
}

/// Keeps a byte range inside the source and on character boundaries, at least one byte wide
/// when possible (ariadne draws nothing under an empty span).
fn clamp(start: usize, end: usize, src: &str) -> Range<usize> {
    let mut s = start.min(src.len());
    while !src.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = end.clamp(s, src.len());
    while !src.is_char_boundary(e) {
        e += 1;
    }
    if e == s {
        if let Some(c) = src[s..].chars().next() {
            e = s + c.len_utf8();
        } else if let Some(c) = src[..s].chars().next_back() {
            if c == '\n' && s > 0 {
                // point at the end of the last line rather than past it
                return s - 1..s;
            }
            return s - c.len_utf8()..s;
        }
    }
    s..e
}
