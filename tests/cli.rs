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

/// A library exception whose message its own `message/1` builds (File.Error) prints with that
/// message, as `elixir` does, not as the struct.
#[test]
fn uncaught_file_error_prints_its_message() {
    let (err, code) = run_source("file_error", "File.read!(\"nope.txt\")\n");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("** (File.Error) could not read file \"nope.txt\": no such file or directory\n"), "{err}");
    assert!(!err.contains("%File.Error{"), "{err}");
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

#[test]
fn constructs_outside_the_subset_are_named() {
    let cases: &[(&str, &str, &str, &str)] = &[
        // Elixir accepts this as an unquote fragment; retort has no fragments and says so.
        ("unquote", "defmodule M do\n  def f, do: unquote(1)\nend\n", "2:14", "unquote called outside quote"),
        ("defmacro_top", "defmacro f(x), do: x\n", "1:1", "cannot invoke defmacro/2 outside module"),
        ("bits_unaligned", "x = <<1::3>>\nIO.inspect(x)\n", "1:5", "a bitstring of 3 bits"),
    ];
    for (name, src, at, words) in cases {
        assert_diagnostic(name, src, at, words);
    }
}

#[test]
fn bitstring_and_defguard_compile_errors() {
    assert_diagnostic("bits_spec", "x = \"a\"\n<<y::foo>> = x\nIO.inspect(y)\n", "2:6", "unknown bitstring specifier: foo()");
    assert_diagnostic(
        "bits_open_middle",
        "case \"abc\" do\n  <<a::binary, _b>> -> a\nend\n",
        "2:5",
        "a binary field without size is only allowed at the end of a binary pattern",
    );
    assert_diagnostic("bits_utf_size", "<<c::utf8-size(2)>> = \"ab\"\nIO.inspect(c)\n", "1:3", "size and unit are not supported on utf types");
    assert_diagnostic("bits_float_size", "x = 1.0\nIO.inspect(<<x::float-8>>)\n", "2:14", "float requires size*unit to be 16, 32, or 64 (default), got: 8");
    assert_diagnostic("defguard_self", "defmodule M do\n  defguard g(x) when g(x)\n  def f(x) when g(x), do: 1\nend\n", "2:22", "defguard expansion too deep");
    assert_diagnostic("defguard_args", "defmodule M do\n  defguard g(1) when true\nend\n", "2:12", "defguard only accepts variables as arguments");
}

/// Invalid sigil literals are compile-time errors, as Elixir's expansion of `sigil_c`/`sigil_w`/
/// `sigil_s` makes them (an `ArgumentError` or `UnicodeConversionError` while expanding, so
/// nothing of the script runs): a diagnostic at the sigil, not a raise at run time.
#[test]
fn invalid_sigil_literals_are_compile_errors() {
    assert_diagnostic("sigil_c_codepoint", "IO.puts(\"a\")\nx = ~c\"\\u{110000}\"\nIO.inspect(x)\n", "2:5", "invalid or reserved Unicode code point \\u{110000}");
    assert_diagnostic("sigil_c_bytes", "IO.puts(\"a\")\nx = ~c\"ab\\xff\"\nIO.inspect(x)\n", "2:5", "invalid encoding starting at <<255>>");
    assert_diagnostic("sigil_w_bytes", "x = ~w\"ab\\xff\"c\nIO.inspect(x)\n", "1:5", "invalid encoding starting at <<255>>");
    assert_diagnostic("sigil_s_codepoint", "x = ~s\"\\u{D800}\"\nIO.inspect(x)\n", "1:5", "invalid or reserved Unicode code point \\u{D800}");
}

/// The seed's KV session through the CLI: `kv_v0.ex` (`@vsn 0`) compiled with `retort compile`
/// to a directory, the driver run with that directory on the code path (`--pa`: KV is
/// autoloaded from `Elixir.KV.rbc`), puts and gets; while the server runs, the patched
/// `kv_v1.ex` (`@vsn 1`, logging each request) is compiled to the same path; the driver sees
/// the file change and upgrades the server with `:sys.suspend`, `:code.load_file`,
/// `:sys.change_code` and `:sys.resume`. The next requests are logged by the new code and the
/// data survived: the output is exactly real Elixir's for the same session
/// (`examples/kv_upgrade/upgrade.out`, made with `elixirc` and `elixir -pa`).
#[test]
fn kv_upgrade_through_compiled_files_on_the_code_path() {
    use std::io::{BufRead, BufReader, Read};
    let root = env!("CARGO_MANIFEST_DIR");
    let retort = env!("CARGO_BIN_EXE_retort");
    let dir = std::env::temp_dir().join(format!("retort-kv-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let compile = |file: &str| {
        let out = Command::new(retort).arg("compile").arg(format!("{root}/examples/kv_upgrade/{file}")).arg("-o").arg(&dir).output().unwrap();
        assert!(out.status.success(), "retort compile {file}: {}", String::from_utf8_lossy(&out.stderr));
    };
    compile("kv_v0.ex");
    let v0 = std::fs::read(dir.join("Elixir.KV.rbc")).expect("retort compile wrote Elixir.KV.rbc");

    let mut child = Command::new(retort)
        .arg("run")
        .arg("--pa")
        .arg(&dir)
        .arg(format!("{root}/examples/kv_upgrade/upgrade.exs"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut seen = String::new();
    loop {
        let mut line = String::new();
        if stdout.read_line(&mut line).unwrap() == 0 {
            panic!("the driver ended before waiting for the new version:\n{seen}");
        }
        seen.push_str(&line);
        if line.starts_with("waiting for a new KV object file") {
            break;
        }
    }
    // The server is running version 0; compile version 1 over its object file.
    compile("kv_v1.ex");
    assert_ne!(std::fs::read(dir.join("Elixir.KV.rbc")).unwrap(), v0);
    stdout.read_to_string(&mut seen).unwrap();
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(status.success(), "exit {status}\n{stderr}");
    let expected = std::fs::read_to_string(format!("{root}/examples/kv_upgrade/upgrade.out")).unwrap();
    assert_eq!(seen, expected, "stderr:\n{stderr}");
    assert!(seen.contains("vsn: [0]") && seen.contains("vsn: [1]"));
    assert!(seen.contains("KV: handling put request for c:3"), "the new code logs requests");
    assert!(seen.contains("state: %{data: %{a: 1, b: 2, c: 3}, requests: 3}"), "the data survived");
}

// Compile errors carry Elixir 1.14's wording (checked with `elixir` on the same sources).

#[test]
fn compile_error_undefined_local_function() {
    assert_diagnostic(
        "undef_fun",
        "defmodule M do\n  def f, do: foo()\nend\n",
        "2:14",
        "undefined function foo/0 (expected M to define such a function or for it to be imported, but none are available)",
    );
    assert_diagnostic(
        "undef_fun2",
        "defmodule M do\n  def f, do: bar(1, 2)\nend\n",
        "2:14",
        "undefined function bar/2 (expected M to define such a function or for it to be imported, but none are available)",
    );
}

#[test]
fn compile_error_undefined_variable_in_the_script() {
    assert_diagnostic("undef_var_script", "IO.puts(undefined_thing)\n", "1:9", "undefined variable \"undefined_thing\"");
}

#[test]
fn syntax_errors() {
    assert_diagnostic("missing_bracket", "x = [1, 2\nIO.puts(x)\n", "2:", "missing terminator: ] (for \"[\" starting at line 1)");
    assert_diagnostic("before_end", "defmodule M do\n  def f(x) do\n    x +\n  end\nend\n", "4:3", "syntax error before: end");
}
