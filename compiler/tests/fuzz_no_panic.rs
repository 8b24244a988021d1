//! Property: the lexer, the parser, codegen and the diagnostic renderer never panic, whatever
//! the input. Seeded mutations of a real corpus (the golden programs in `tests/programs`, the
//! conformance scripts and the parser-oracle snippets): byte flips, deletions, insertions of
//! random bytes and of Elixir tokens, splices of pieces of other programs, duplications and
//! truncations, plus purely random byte strings. Deterministic (fixed seeds), so a failure
//! names a case that can be replayed; `RETORT_FUZZ_CASES` raises the number of cases.

use retort_compiler::{codegen, lexer, parser, render};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// xorshift64*: small, seeded and good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Tokens and fragments that steer mutations towards the interesting corners of the grammar.
const TOKENS: &[&str] = &[
    "do", "end", "fn", "->", "(", ")", "[", "]", "{", "}", "%{", "%", "<<", ">>", "\"", "'", "\"\"\"", "'''", "#{", "|>",
    "|", "::", "..", "..//", "\\\\", "&", "&1", "@", ":", "::", ",", ".", ";", "\n", "when", "else", "catch", "rescue",
    "after", "defmodule", "def ", "defp ", "case", "cond", "with", "for", "<-", "=", "==", "^", "~w(", "~s[", "~c<",
    "?", "?\\", "0x", "1_000", "1.0e", ":\"", "@doc \"\"\"\n", "x", "Mod.", "__MODULE__", "%S{", "unquote(", "quote do",
    "defmacro", "#", "\\", "\t", "\r\n", "é", "\u{0}", "::<<", "not in", "&&", "!", "**", "<>", "=~", "<~>",
];

fn corpus() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    for dir in ["tests/programs", "tests/conformance/seeds", "tests/conformance/hotswap", "stdlib/lib"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if matches!(p.extension().and_then(|e| e.to_str()), Some("exs") | Some("ex")) {
                if let Ok(s) = std::fs::read_to_string(&p) {
                    out.push(s);
                }
            }
        }
    }
    if let Ok(s) = std::fs::read_to_string(root.join("compiler/tests/data/parser-oracle/snippets.txt")) {
        out.extend(s.split("\n----\n").map(str::to_string));
    }
    out.retain(|s| !s.is_empty());
    out
}

/// One mutation of `src`, with pieces possibly taken from `other`.
fn mutate(rng: &mut Rng, src: &[u8], other: &[u8]) -> Vec<u8> {
    let mut v = src.to_vec();
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        let at = rng.below(v.len() + 1);
        match rng.below(8) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 if !v.is_empty() => {
                let len = 1 + rng.below(16.min(v.len() - at.min(v.len())).max(1));
                let end = (at + len).min(v.len());
                v.drain(at.min(end)..end);
            }
            2 => {
                let b = (rng.next() & 0xff) as u8;
                v.insert(at, b);
            }
            3 | 4 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                v.splice(at..at, t.bytes());
            }
            5 if !other.is_empty() => {
                let s = rng.below(other.len());
                let e = (s + 1 + rng.below(200)).min(other.len());
                v.splice(at..at, other[s..e].iter().copied());
            }
            6 if !v.is_empty() => {
                let s = rng.below(v.len());
                let e = (s + 1 + rng.below(64)).min(v.len());
                let piece: Vec<u8> = v[s..e].to_vec();
                v.splice(at..at, piece);
            }
            _ => v.truncate(at),
        }
    }
    v
}

/// Runs every stage on `src`; `Err` with the panic message if one panicked.
fn check(src: &str) -> Result<(), String> {
    catch_unwind(AssertUnwindSafe(|| {
        let _ = lexer::tokenize(src);
        if let Err(diags) = parser::parse(src) {
            let _ = render::render(&diags, "fuzz.exs", src, false);
            let _ = parser::is_incomplete(&diags);
        }
        if let Err(diags) = codegen::compile(src, "fuzz.exs", "elixir_compiler_0") {
            let _ = render::render(&diags, "fuzz.exs", src, false);
        }
    }))
    .map_err(|e| e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default())
}

#[test]
fn mutated_and_random_programs_never_panic() {
    let corpus = corpus();
    assert!(corpus.len() > 50, "corpus too small: {}", corpus.len());
    let cases: usize = std::env::var("RETORT_FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(3000);
    // Keep the default run quiet: panics inside catch_unwind would print their messages.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut failures = Vec::new();
    for case in 0..cases {
        let input: Vec<u8> = if case % 10 == 9 {
            // Random bytes, biased towards printable ASCII.
            let len = rng.below(300);
            (0..len).map(|_| if rng.below(4) == 0 { (rng.next() & 0xff) as u8 } else { 32 + rng.below(95) as u8 }).collect()
        } else {
            let a = &corpus[rng.below(corpus.len())];
            let b = &corpus[rng.below(corpus.len())];
            mutate(&mut rng, a.as_bytes(), b.as_bytes())
        };
        let src = String::from_utf8_lossy(&input).into_owned();
        if let Err(msg) = check(&src) {
            failures.push(format!("case {case}: {msg}\n--- input ---\n{src}\n"));
            if failures.len() >= 5 {
                break;
            }
        }
    }
    std::panic::set_hook(hook);
    assert!(failures.is_empty(), "{} inputs panicked:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn deep_nesting_is_an_error_or_a_result_not_a_crash() {
    // Brackets nested far deeper than any real program: the stages must answer (with a
    // diagnostic or not) without a panic. 200 levels stays within the test thread's stack.
    for open in ["(", "[", "{", "%{a: ", "fn -> ", "case x do _ -> ", "\"#{"] {
        let src = format!("x = {}1", open.repeat(200));
        assert!(check(&src).is_ok(), "{open:?} nested 200 deep panicked");
    }
}

/// Inputs the fuzzer found that once panicked, kept as regression cases.
#[test]
fn found_by_fuzzing() {
    // A parse error at a string start whose first 20 bytes end inside a multibyte character
    // (`parser/errors.rs` cut the excerpt at byte 20).
    // A calendar sigil with a multibyte character where a digit belongs (`sigil_calendar.rs`
    // sliced the text by byte offsets): found by a 10-minute run, 1.5M cases.
    let cases = [
        "'[''\ncharlist herexdoc\u{FFFD}'''\n",
        "IO.inspect(~T[10:00:\u{FFFD}00.100])\n",
        "IO.inspect(~T[13:05:0\u{FFFD}.123])\n",
        "IO.inspect(~N[2024-01-31 10:00:0\u{FFFD}])\n",
        "IO.inspect(~U[2024-01-31 13:30:0\u{FFFD}0Z])\n",
        "IO.inspect(~D[2024-0\u{FFFD}-31])\n",
    ];
    for src in cases {
        assert_eq!(check(src), Ok(()), "{src:?}");
    }
}
