//! `retort test` and `retort run` on scripts that call `ExUnit.start()`: loading a solution
//! file with its test file, tag filters, exit statuses, and the standard library's self-test
//! suite (`stdlib/test`), which must pass.

use std::process::Command;

fn retort(args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_retort"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run retort");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

const LIB: &str = "tests/fixtures/exunit/shapes.ex";
const TESTS: &str = "tests/fixtures/exunit/shapes_test.exs";

#[test]
fn solution_and_test_file_a_failure_exits_2_as_mix_test_with_exunit_report() {
    let (out, err, code) = retort(&["test", LIB, TESTS]);
    assert_eq!(code, 2, "{out}\n{err}");
    let expected_failure = "  1) test circle (ShapesTest)\n     tests/fixtures/exunit/shapes_test.exs:16\n     Assertion with == failed\n     code:  assert Shapes.area({:circle, 1}) == 3.14\n     left:  3\n     right: 3.14\n     stacktrace:\n       tests/fixtures/exunit/shapes_test.exs:17: (test)\n";
    assert!(out.contains(expected_failure), "{out}");
    assert!(out.contains("\n4 tests, 1 failure\n\nRandomized with seed 0\n"), "{out}");
    assert_eq!(out.matches('.').filter(|_| true).count() >= 3, true, "{out}");
    assert!(out.starts_with(".."), "two passing tests before the failure: {out}");
}

#[test]
fn exclude_skips_the_failing_test_and_exits_0() {
    let (out, err, code) = retort(&["test", "--exclude", "broken", LIB, TESTS]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.starts_with("Excluding tags: [:broken]\n\n...\nFinished in "), "{out}");
    assert!(out.contains("\n4 tests, 0 failures, 1 excluded\n"), "{out}");
}

#[test]
fn only_runs_the_tagged_tests() {
    let (out, err, code) = retort(&["test", "--only", "slow", "--seed", "7", LIB, TESTS]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.starts_with("Excluding tags: [:test]\nIncluding tags: [:slow]\n\n.\nFinished in "), "{out}");
    assert!(out.contains("\n4 tests, 0 failures, 3 excluded\n\nRandomized with seed 7\n"), "{out}");
}

#[test]
fn only_with_a_value_filter() {
    let (out, _, code) = retort(&["test", "--only", "broken:true", LIB, TESTS]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("\n4 tests, 1 failure, 3 excluded\n"), "{out}");
}

#[test]
fn a_test_file_that_does_not_compile_is_a_diagnostic_and_status_1() {
    let dir = std::env::temp_dir().join(format!("retort-exunit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad_test.exs");
    std::fs::write(&file, "defmodule BadTest do\n  use ExUnit.Case\n  test \"x\" do\n    assert y == 1\n  end\nend\n").unwrap();
    let (out, err, code) = retort(&["test", file.to_str().unwrap()]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(err.contains("undefined variable \"y\""), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_test_that_times_out_or_crashes_is_a_failure_not_a_vm_crash() {
    let dir = std::env::temp_dir().join(format!("retort-exunit-crash-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("crash_test.exs");
    std::fs::write(
        &file,
        "ExUnit.start(timeout: 50)\n\ndefmodule CrashTest do\n  use ExUnit.Case\n\n  test \"sleeps\" do\n    Process.sleep(1000)\n  end\n\n  test \"linked crash\" do\n    spawn_link(fn -> exit(:boom) end)\n    Process.sleep(10)\n  end\n\n  test \"fine\" do\n    assert 1 + 1 == 2\n  end\nend\n",
    )
    .unwrap();
    let (out, err, code) = retort(&["run", "--virtual-time", file.to_str().unwrap()]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(out.contains("** (ExUnit.TimeoutError) test timed out after 50ms"), "{out}");
    assert!(out.contains("test linked crash (CrashTest)"), "{out}");
    assert!(out.contains("3 tests, 2 failures"), "{out}");
}

#[test]
fn a_script_without_exunit_start_runs_no_tests() {
    let dir = std::env::temp_dir().join(format!("retort-exunit-nostart-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("nostart.exs");
    std::fs::write(&file, "defmodule NoStartTest do\n  use ExUnit.Case\n  test \"x\", do: flunk(\"ran\")\nend\nIO.puts(\"done\")\n").unwrap();
    let (out, err, code) = retort(&["run", file.to_str().unwrap()]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!((out.as_str(), code), ("done\n", 0), "{err}");
}

/// The standard library's self-test suite: every `stdlib/test/*_test.exs` passes (each file
/// also passes under real Elixir: `elixir stdlib/test/enum_test.exs`).
#[test]
fn stdlib_self_test_suite_passes() {
    let (out, err, code) = retort(&["test", "stdlib/test"]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains(" tests, 0 failures"), "{out}");
    assert!(!out.contains("0 tests,"), "{out}");
}

/// `retort test` with no arguments in a project (`tests/fixtures/project`: `lib/` and `test/`)
/// is `mix test`: `lib/**/*.ex` loaded, `test/test_helper.exs` run, then every `*_test.exs`
/// under `test/`; a failure exits 2.
fn retort_in_project(args: &[&str]) -> (String, String, i32) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_retort"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/project"))
        .output()
        .expect("run retort");
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned(), out.status.code().unwrap_or(-1))
}

#[test]
fn test_in_a_project_is_mix_test() {
    let (out, err, code) = retort_in_project(&["test"]);
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(out.starts_with("helper ran\n"), "{out}");
    assert!(out.contains("  1) test fails (GreeterTest)\n     test/greeter_test.exs:8\n"), "{out}");
    assert!(out.contains("4 tests, 1 failure\n"), "{out}");
}

#[test]
fn file_colon_line_runs_the_test_at_that_line() {
    let (out, err, code) = retort_in_project(&["test", "test/greeter_test.exs:4"]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("Excluding tags: [:test]\nIncluding tags: [line: \"4\"]\n"), "{out}");
    assert!(out.contains("2 tests, 0 failures, 1 excluded\n"), "{out}");
    // A line inside the failing test selects it; a describe's line selects all its tests.
    let (out, _, code) = retort_in_project(&["test", "test/greeter_test.exs:9"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("2 tests, 1 failure, 1 excluded\n"), "{out}");
    let (out, _, code) = retort_in_project(&["test", "test/greeter/format_test.exs:4"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("2 tests, 0 failures\n"), "{out}");
}
