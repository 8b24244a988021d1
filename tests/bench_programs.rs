//! The benchmark programs (the cross-runtime programs in `benches/harness/ex`, which the
//! harness also runs in Lua and Python, and retort's own CPU-heavy Elixir programs in
//! `benches/programs`: `perms`, `combos`, `words`, `queens`) run under retort and print the same result line as
//! Elixir 1.14. Every `.exs` in both folders is picked up; each needs its
//! `benches/programs/small/NAME.out`.
//!
//! Each program runs at the small size given in `benches/programs/small/sizes` (a line of the
//! program and its replacement), so the whole test takes a few seconds; its first stdout line
//! must equal `benches/programs/small/NAME.out`, which `small/regen.sh` produced with real
//! Elixir from the same substitution. The timing lines that follow differ by nature and are
//! not compared.

use std::path::{Path, PathBuf};
use std::process::Command;

fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/programs")
}

/// The folders holding benchmark programs: the cross-runtime set, then retort's own.
fn source_dirs() -> [PathBuf; 2] {
    [Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/harness/ex"), programs_dir()]
}

/// `(from, to)` line replacements for program `name`, from `small/sizes`.
fn sizes(name: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(programs_dir().join("small/sizes")).expect("small/sizes");
    let prefix = format!("{name}: ");
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.strip_prefix(&prefix))
        .filter_map(|rule| rule.split_once(" => "))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// The program's source with every listed line (after its indentation) replaced.
fn shrink(source: &str, rules: &[(String, String)]) -> String {
    let mut applied = vec![false; rules.len()];
    let mut out = String::with_capacity(source.len());
    for line in source.lines() {
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        match rules.iter().position(|(from, _)| from == body) {
            Some(i) => {
                applied[i] = true;
                out.push_str(indent);
                out.push_str(&rules[i].1);
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    for (i, done) in applied.iter().enumerate() {
        assert!(done, "size rule {:?} matches no line", rules[i]);
    }
    out
}

#[test]
fn every_benchmark_prints_elixirs_result_line() {
    let dir = programs_dir();
    let mut names: Vec<(String, PathBuf)> = source_dirs()
        .iter()
        .flat_map(|d| std::fs::read_dir(d).unwrap_or_else(|e| panic!("{}: {e}", d.display())))
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_str().and_then(|n| n.strip_suffix(".exs")).map(str::to_string)?;
            Some((name, e.path()))
        })
        .collect();
    names.sort();
    assert!(names.len() >= 10, "benchmark programs missing: {names:?}");
    let tmp = std::env::temp_dir().join(format!("retort-bench-programs-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let mut failures = Vec::new();
    for (name, path) in &names {
        let source = std::fs::read_to_string(path).unwrap();
        let file = tmp.join(format!("{name}.exs"));
        std::fs::write(&file, shrink(&source, &sizes(name))).unwrap();
        let expected = std::fs::read_to_string(dir.join(format!("small/{name}.out")))
            .unwrap_or_else(|_| panic!("no small/{name}.out: run benches/programs/small/regen.sh"));
        let out = Command::new(env!("CARGO_BIN_EXE_retort")).arg("run").arg(&file).current_dir(&tmp).output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let got = stdout.lines().next().unwrap_or("");
        if !out.status.success() || got != expected.trim_end() {
            failures.push(format!(
                "{name}: status {:?}, result line {got:?}, Elixir printed {:?}\n{}",
                out.status.code(),
                expected.trim_end(),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

