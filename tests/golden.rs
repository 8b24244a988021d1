//! Golden tests: run every program with `retort run --virtual-time` and compare its stdout with
//! the expected output beside it.
//!
//! - `tests/programs/NAME.exs` + `NAME.out` (stdout), optional `NAME.in` (standard input), optional `NAME.err` (stderr must contain
//!   each of its lines) and `NAME.exit` (exit status, default 0). Where real Elixir can run a
//!   program, its `.out` is what `elixir NAME.exs` printed.
//! - `tests/conformance/{seeds,hotswap}/*.exs` + `.out`: the conformance suite the project
//!   started from, owned here (real Elixir 1.14 output). Scripts listed in `tests/conformance/KNOWN_FAILURES` (one name
//!   per line, `#` comments give the reason) are expected to fail for now; the test fails if
//!   any other script fails, and reports listed scripts that pass (so the list only shrinks).
//!
//! Regenerate a program's expected output with real Elixir: `elixir NAME.exs > NAME.out`.
//!
//! ExUnit programs (`exunit_*.exs`) print a `Finished in X seconds (...)` line with wall-clock
//! times: that one line is masked on both sides (see [`mask_exunit_time`]).
//!
//! Two things real Elixir prints can never match from run to run, so both sides are normalised
//! before comparing (see [`normalise`]): the time of day that starts a Logger line
//! (`\n12:34:56.789 [info] ...`, crash reports included) and the numbers inside `#PID<a.b.c>`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn run(path: &Path) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_retort"))
        .arg("run")
        .arg("--virtual-time")
        // Run as `elixir NAME.exs` was: from the program's folder, by file name, so stack
        // traces show `NAME.exs:LINE:` as in the `.err` files.
        .arg(path.file_name().unwrap())
        .current_dir(path.parent().unwrap())
        // Standard input: `NAME.in` when the program reads it (`IO.gets/1`, `IO.read/1`), else empty.
        .stdin(match std::fs::File::open(path.with_extension("in")) {
            Ok(f) => std::process::Stdio::from(f),
            Err(_) => std::process::Stdio::null(),
        })
        .output()
        .expect("run retort");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// Masks what differs between two runs of the same program: a line starting with a Logger
/// timestamp `HH:MM:SS.mmm [` gets `00:00:00.000 [`, and every `#PID<a.b.c>` becomes
/// `#PID<0.0.0>`. Everything else must match byte for byte.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let b = line.as_bytes();
        let stamp = b.len() >= 14
            && [0usize, 1, 3, 4, 6, 7, 9, 10, 11].iter().all(|&i| b[i].is_ascii_digit())
            && b[2] == b':'
            && b[5] == b':'
            && b[8] == b'.'
            && &b[12..14] == b" [";
        let line = if stamp { format!("00:00:00.000{}", &line[12..]) } else { line.to_string() };
        let mut rest = line.as_str();
        while let Some(i) = rest.find("#PID<") {
            out.push_str(&rest[..i + 5]);
            rest = &rest[i + 5..];
            let n = rest.bytes().take_while(|c| c.is_ascii_digit() || *c == b'.').count();
            if n > 0 && rest[n..].starts_with('>') {
                out.push_str("0.0.0");
                rest = &rest[n..];
            }
        }
        out.push_str(rest);
    }
    out
}

#[test]
fn normalise_masks_times_and_pids() {
    assert_eq!(normalise("\n05:02:06.342 [error] Process #PID<0.112.0> raised\nx #PID<0.1.0>\n"), "\n00:00:00.000 [error] Process #PID<0.0.0> raised\nx #PID<0.0.0>\n");
    assert_eq!(normalise("12:00 [x]\n#PID<a>"), "12:00 [x]\n#PID<a>");
}

/// ExUnit's summary line `Finished in 0.1 seconds (0.1s on load, 0.00s async, 0.01s sync)`
/// holds wall-clock times that differ from run to run (and between Elixir and retort): the
/// line becomes `Finished in <time>`, on both sides. Every other line must match.
fn mask_exunit_time(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| if line.starts_with("Finished in ") && line.contains(" seconds") { "Finished in <time>\n" } else { line })
        .collect()
}

#[test]
fn mask_exunit_time_masks_only_the_summary_line() {
    assert_eq!(mask_exunit_time("..\nFinished in 0.4 seconds (0.3s on load, 0.00s async, 0.06s sync)\n2 tests\n"), "..\nFinished in <time>\n2 tests\n");
    assert_eq!(mask_exunit_time("Finished in time\n"), "Finished in time\n");
}

fn scripts(dir: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.retain(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("exs") | Some("ex")) && p.with_extension("out").exists());
    v.sort();
    v
}

fn check(path: &Path) -> Result<(), String> {
    let expected = std::fs::read_to_string(path.with_extension("out")).unwrap_or_default();
    let (stdout, stderr, code) = run(path);
    let (stdout, expected) = (mask_exunit_time(&stdout), mask_exunit_time(&expected));
    let want_code: i32 = std::fs::read_to_string(path.with_extension("exit")).ok().and_then(|s| s.trim().parse().ok()).unwrap_or(0);
    if normalise(&stdout) != normalise(&expected) {
        return Err(format!("stdout differs\n--- expected\n{expected}\n--- got\n{stdout}\n--- stderr\n{stderr}"));
    }
    if code != want_code {
        return Err(format!("exit status {code}, expected {want_code}\n--- stderr\n{stderr}"));
    }
    if let Ok(err) = std::fs::read_to_string(path.with_extension("err")) {
        for line in err.lines().filter(|l| !l.trim().is_empty()) {
            if !stderr.contains(line) {
                return Err(format!("stderr lacks {line:?}\n--- stderr\n{stderr}"));
            }
        }
    }
    Ok(())
}

#[test]
fn programs() {
    let mut failures = Vec::new();
    // The examples that have an expected output beside them (`examples/kv_app.ex`) run too.
    let mut all = scripts("tests/programs");
    all.extend(scripts("examples"));
    for p in &all {
        if let Err(e) = check(p) {
            failures.push(format!("{}: {e}", p.display()));
        }
    }
    assert!(failures.is_empty(), "{} of {} programs failed:\n{}", failures.len(), all.len(), failures.join("\n\n"));
}

#[test]
fn conformance() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let known: Vec<String> = std::fs::read_to_string(root.join("KNOWN_FAILURES"))
        .unwrap_or_default()
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let mut failures = Vec::new();
    let mut fixed = Vec::new();
    let mut total = 0;
    for dir in ["tests/conformance/seeds", "tests/conformance/hotswap"] {
        for p in scripts(dir) {
            total += 1;
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let listed = known.contains(&name);
            match (check(&p), listed) {
                (Err(e), false) => failures.push(format!("{name}: {e}")),
                (Ok(()), true) => fixed.push(name),
                _ => {}
            }
        }
    }
    eprintln!("conformance: {} scripts, {} known failures", total, known.len());
    assert!(failures.is_empty(), "{} conformance scripts failed:\n{}", failures.len(), failures.join("\n\n"));
    assert!(fixed.is_empty(), "these scripts now pass: remove them from KNOWN_FAILURES: {fixed:?}");
}
