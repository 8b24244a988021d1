//! Golden tests for the rendered syntax errors (ariadne, no colour).
//!
//! Each case renders the diagnostics of a small source and compares them with
//! `tests/data/diagnostics/<name>.txt`. To regenerate the golden files after an intended
//! change, run:
//!
//! ```text
//! UPDATE_GOLDENS=1 cargo test -p retort-compiler --test diagnostics
//! ```
//!
//! and review the diff.

use retort_compiler::parser::{is_incomplete, parse};
use retort_compiler::render::render;

/// (golden name, source, should the error count as incomplete input)
const CASES: &[(&str, &str, bool)] = &[
    ("missing_end", "defmodule M do\n  def f(x) do\n    x\n  end\n", true),
    ("missing_inner_end", "defmodule M do\n  def f(x) do\n    x\nend\n", true),
    ("bad_token", "x = 1 $ 2\n", false),
    ("backtick", "y = `ls`\n", false),
    ("unterminated_string", "IO.puts \"hello\nx = 1\n", true),
    ("space_before_parens", "f (1, 2)\n", false),
    ("missing_comma", "[1 2]\n", false),
    ("unexpected_end", "x = 1\nend\n", false),
    ("mismatched_bracket", "foo(1, [2, 3)\n", false),
    ("dangling_operator", "x = 1 +\n", true),
    ("ambiguous_comma", "foo a, bar b, c\n", false),
    ("charlist_not_utf8", "x = '\\xFF'\n", false),
    ("atom_not_utf8", "x = :\"a\\xC3\"\n", false),
];

fn golden_path(name: &str) -> String {
    format!("{}/tests/data/diagnostics/{}.txt", env!("CARGO_MANIFEST_DIR"), name)
}

#[test]
fn goldens() {
    let update = std::env::var("UPDATE_GOLDENS").is_ok_and(|v| v == "1");
    let mut failures = vec![];
    for (name, src, incomplete) in CASES {
        let diags = match parse(src) {
            Ok(ast) => {
                failures.push(format!("{}: parsed without error: {}", name, ast));
                continue;
            }
            Err(d) => d,
        };
        if is_incomplete(&diags) != *incomplete {
            failures.push(format!("{}: is_incomplete = {}, expected {}", name, !incomplete, incomplete));
        }
        let text = render(&diags, "demo.ex", src, false);
        let path = golden_path(name);
        if update {
            std::fs::write(&path, &text).unwrap();
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(want) if want == text => {}
            Ok(want) => failures.push(format!("{}: rendered output differs\n--- want\n{}\n--- got\n{}", name, want, text)),
            Err(_) => failures.push(format!("{}: no golden file {} (run with UPDATE_GOLDENS=1)", name, path)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The header names the file, line and column of the primary span.
#[test]
fn header_has_file_line_column() {
    let src = "x = 1\ny = [1 2]\n";
    let diags = parse(src).unwrap_err();
    let text = render(&diags, "lib/demo.ex", src, false);
    assert!(text.contains("lib/demo.ex:2:8"), "{}", text);
    assert!(text.contains("E0001"), "{}", text);
}

/// Colour output contains escape codes; plain output none.
#[test]
fn colour_switch() {
    let src = "[1 2]";
    let diags = parse(src).unwrap_err();
    assert!(render(&diags, "a.ex", src, true).contains('\u{1b}'));
    assert!(!render(&diags, "a.ex", src, false).contains('\u{1b}'));
}
