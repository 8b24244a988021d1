//! The parser oracle: every snippet of `tests/data/parser-oracle/expected.txt` (produced by
//! Elixir 1.14's own parser; `gen.exs` beside it regenerates it) is parsed and its
//! AST printed in the oracle's normal form and compared with the expected line. `ERROR`
//! entries must fail, and `is_incomplete` must be true exactly for `TokenMissingError`.
//!
//! Also: the parser must never panic, on any snippet cut at any byte or with garbage added.

use retort_compiler::ast_print::to_oracle_string;
use retort_compiler::parser::{is_incomplete, parse};

/// Entries known not to match yet, by number, with the reason. Empty: everything passes.
const KNOWN_FAILURES: &[(usize, &str)] = &[];

struct Entry {
    number: usize,
    snippet: String,
    expected: String,
}

fn entries() -> Vec<Entry> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/parser-oracle/expected.txt");
    let text = std::fs::read_to_string(path).expect("expected.txt");
    let mut out = vec![];
    let mut current: Vec<&str> = vec![];
    let flush = |lines: &mut Vec<&str>, out: &mut Vec<Entry>| {
        if lines.is_empty() {
            return;
        }
        let split = lines.iter().rposition(|l| *l == "=>").expect("entry without =>");
        let snippet = lines[..split].join("\n");
        let expected = lines[split + 1..].join("\n");
        out.push(Entry { number: out.len() + 1, snippet, expected });
        lines.clear();
    };
    for line in text.lines() {
        if line == "----" {
            flush(&mut current, &mut out);
        } else {
            current.push(line);
        }
    }
    flush(&mut current, &mut out);
    out
}

fn check(e: &Entry) -> Result<(), String> {
    let result = parse(&e.snippet);
    if let Some(rest) = e.expected.strip_prefix("ERROR ") {
        let want_incomplete = rest.starts_with("TokenMissingError");
        return match result {
            Ok(ast) => Err(format!("expected an error ({}), got {}", rest, to_oracle_string(&ast))),
            Err(diags) if is_incomplete(&diags) != want_incomplete => Err(format!(
                "expected {} but is_incomplete = {}: {:?}",
                rest,
                is_incomplete(&diags),
                diags.iter().map(|d| &d.message).collect::<Vec<_>>()
            )),
            Err(_) => Ok(()),
        };
    }
    match result {
        Ok(ast) => {
            let got = to_oracle_string(&ast);
            if got == e.expected { Ok(()) } else { Err(format!("expected {}\n     got {}", e.expected, got)) }
        }
        Err(diags) => Err(format!(
            "expected {}\n     got errors {:?}",
            e.expected,
            diags.iter().map(|d| format!("{}:{} {}", d.span.line, d.span.start, d.message)).collect::<Vec<_>>()
        )),
    }
}

#[test]
fn oracle() {
    let entries = entries();
    assert_eq!(entries.len(), 405, "the oracle has 405 entries");
    let mut failures = vec![];
    let mut passed = 0;
    for e in &entries {
        let known = KNOWN_FAILURES.iter().any(|(n, _)| *n == e.number);
        match check(e) {
            Ok(()) if known => failures.push(format!("#{} passes now: remove it from KNOWN_FAILURES", e.number)),
            Ok(()) => passed += 1,
            Err(_) if known => {}
            Err(msg) => failures.push(format!("#{}:\n{}\n  => {}", e.number, e.snippet, msg)),
        }
    }
    eprintln!("parser oracle: {}/{} pass ({} known failures)", passed, entries.len(), KNOWN_FAILURES.len());
    if !failures.is_empty() {
        panic!("{} oracle failures:\n\n{}", failures.len(), failures.join("\n\n"));
    }
}

/// Truncations and garbage never make the parser panic.
#[test]
fn never_panics() {
    let garbage = ["", "(", ")", "do", "end", "\"", "#{", "}", ",", "->", "&", "%", "<<", "~", "?", ":", "\\", "\u{0}", "é"];
    for e in entries() {
        let s = &e.snippet;
        for cut in 0..=s.len() {
            if !s.is_char_boundary(cut) {
                continue;
            }
            let _ = parse(&s[..cut]);
            let _ = parse(&s[cut..]);
            for g in garbage {
                let _ = parse(&format!("{}{}{}", &s[..cut], g, &s[cut..]));
            }
        }
    }
}
