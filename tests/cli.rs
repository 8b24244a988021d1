//! The CLI on bad input: a diagnostic with file:line:column, exit status 1, never a panic.

use std::process::Command;

fn run_source(name: &str, src: &str) -> (String, i32) {
    let dir = std::env::temp_dir().join(format!("retort-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.exs"));
    std::fs::write(&file, src).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_retort")).arg("run").arg(&file).output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    (String::from_utf8_lossy(&out.stderr).into_owned(), out.status.code().unwrap_or(-1))
}

fn assert_diagnostic(name: &str, src: &str, line_col: &str, words: &str) {
    let (err, code) = run_source(name, src);
    assert_eq!(code, 1, "{name}: exit status\n{err}");
    assert!(!err.contains("panicked"), "{name}: panic\n{err}");
    assert!(err.contains(&format!("{name}.exs:{line_col}")), "{name}: no {line_col} location\n{err}");
    assert!(err.contains(words), "{name}: no {words:?}\n{err}");
}

#[test]
fn unbalanced_do_end() {
    assert_diagnostic("missing_end", "defmodule M do\n  def f do\n    1\nend\n", "4:4", "missing terminator: end");
}

#[test]
fn bad_token() {
    assert_diagnostic("bad_token", "x = 1\ny = $\n", "2:5", "unexpected");
}

#[test]
fn unterminated_string() {
    assert_diagnostic("unterminated", "IO.puts(\"hello)\n", "1:16", "never closed");
}

#[test]
fn compile_error_undefined_variable() {
    let (err, code) = run_source("undef_var", "defmodule M do\n  def f, do: x + 1\nend\n");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("undefined variable \"x\""), "{err}");
    assert!(err.contains("undef_var.exs:2:"), "{err}");
}

#[test]
fn uncaught_error_in_the_script_exits_1_with_elixir_banner() {
    let (err, code) = run_source("raise", "defmodule M do\n  def f(x), do: g(x)\n  defp g(1), do: :ok\nend\nM.f(2)\n");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("** (FunctionClauseError) no function clause matching in M.g/1"), "{err}");
}

fn seed(virtual_time: bool) -> (String, String) {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_retort"));
    cmd.arg("run");
    if virtual_time {
        cmd.arg("--virtual-time");
    }
    let out = cmd.arg(format!("{root}/tests/conformance/seeds/01_hello_swap.exs")).output().unwrap();
    assert!(out.status.success());
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn seed_prints_two_redefinition_warnings_on_stderr() {
    let (stdout, stderr) = seed(true);
    let expected = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/conformance/seeds/01_hello_swap.out")).unwrap();
    assert_eq!(stdout, expected);
    assert_eq!(stderr.matches("warning: redefining module HelloWorld (current version defined in memory)").count(), 2, "{stderr}");
}

#[test]
fn seed_in_real_time_prints_the_same() {
    let (stdout, _) = seed(false);
    let expected = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/conformance/seeds/01_hello_swap.out")).unwrap();
    assert_eq!(stdout, expected);
}
