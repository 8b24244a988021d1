//! Inputs that once killed the VM (issue 14): each must end in an Elixir-style error or a
//! diagnostic, never an abort, a panic or a hang. Cases where real Elixir itself aborts (it
//! crashes on a failed allocation) live here; the others are golden programs
//! (`tests/programs/robust_*.exs`).

use std::process::Command;

/// Runs `source` as a script; returns (exit code, stdout + stderr).
fn run(name: &str, source: &str) -> (Option<i32>, String) {
    let dir = std::env::temp_dir().join(format!("retort-robust-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.exs"));
    std::fs::write(&file, source).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_retort")).arg("run").arg(&file).output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    (out.status.code(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn absurd_sizes_raise_system_limit() {
    let cases = [
        r#"String.duplicate("xy", 2 ** 62)"#,
        r#"String.duplicate("xy", 2 ** 40)"#,
        r#":binary.copy("ab", 2 ** 62)"#,
        "List.duplicate(0, 2 ** 40)",
        r#"String.pad_leading("a", 2 ** 40)"#,
        r#"String.pad_trailing("a", 2 ** 62, "xy")"#,
        "2 ** 4_294_967_296",
        "Integer.pow(3, 4_294_967_297)",
    ];
    for (i, case) in cases.iter().enumerate() {
        let src = format!("try do\n  {case}\nrescue\n  e -> IO.puts(inspect(e.__struct__) <> \": \" <> Exception.message(e))\nend\n");
        let (code, out) = run(&format!("size{i}"), &src);
        assert_eq!(code, Some(0), "{case}: {out}");
        assert_eq!(out, "SystemLimitError: a system limit has been reached\n", "{case}");
    }
}

#[test]
fn deep_programs_get_a_diagnostic_not_an_abort() {
    let deep = |open: &str, close: &str, n: usize| format!("x = {}1{}\nIO.puts(:ok)\n", open.repeat(n), close.repeat(n));
    for (name, src) in [("lists", deep("[", "]", 100_000)), ("tuples", deep("{", "}", 100_000)), ("fns", deep("fn -> ", " end", 20_000))] {
        let (code, out) = run(name, &src);
        assert_eq!(code, Some(1), "{name}: {out}");
        assert!(out.contains("nesting too deep"), "{name}: {out}");
    }
    let (code, out) = run("fn3000", &deep("fn -> ", " end", 3000));
    assert_eq!((code, out.as_str()), (Some(0), "ok\n"));
    let (code, out) = run("case", &format!("x = {}1{}\nIO.puts(x)\n", "case 1 do _ -> ".repeat(3000), " end".repeat(3000)));
    assert_eq!((code, out.as_str()), (Some(0), "1\n"));
}

#[test]
fn float_literal_beyond_double_range_is_a_syntax_error() {
    let (code, out) = run("float", "IO.puts(1.0e400)\n");
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("invalid float number 1.0e400"), "{out}");
}

/// A program printing forever into a pipe whose reader went away (`retort run x | head -1`)
/// stops with `:terminated`, as the BEAM's `:io.put_chars` does, instead of running on.
#[test]
fn printing_into_a_closed_pipe_stops_the_program() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = std::env::temp_dir().join(format!("retort-robust-{}-pipe", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("pipe.exs");
    std::fs::write(&file, "Stream.repeatedly(fn -> :ok end) |> Enum.each(fn _ -> IO.puts(\"line\") end)\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_retort"))
        .arg("run")
        .arg(&file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 5];
    stdout.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"line\n");
    drop(stdout);
    // Bounded: the program must notice within a few seconds.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("the program kept running after its stdout closed");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(status.code(), Some(1), "{err}");
    assert!(err.contains("** (ErlangError) Erlang error: :terminated"), "{err}");
}

/// Writing to a device that does not exist raises OTP 25's `ArgumentError`; `:standard_error`
/// is standard error.
#[test]
fn unknown_io_devices_raise_and_standard_error_is_stderr() {
    let (code, out) = run(
        "device",
        "IO.puts(:standard_error, \"to stderr\")\ntry do\n  IO.puts(:nodev, \"x\")\nrescue\n  e -> IO.puts(Exception.message(e))\nend\n",
    );
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(out, "errors were found at the given arguments:\n\n  * 1st argument: the device does not exist\n\nto stderr\n");
}

/// Binary segments of sizes the BEAM would try to allocate (and abort on) raise
/// `SystemLimitError` with the BEAM's message for sizes it refuses, before any allocation.
#[test]
fn giant_binary_segments_raise_system_limit() {
    let cases = [
        ("<<0::size(2**62)>>", "segment 1 of type 'integer': the size 4611686018427387904 is too large"),
        ("<<0::size(2**40)>>", "segment 1 of type 'integer': the size 1099511627776 is too large"),
        ("n = 2**37; <<0::size(n)-unit(8)>>", "segment 1 of type 'integer': the size 137438953472 is too large"),
        ("b = \"x\"; <<1, b::binary-size(2**40)>>", "segment 2 of type 'binary': the size 1099511627776 is too large"),
    ];
    for (i, (case, msg)) in cases.iter().enumerate() {
        let src = format!("try do\n  {case}\nrescue\n  e -> IO.puts(inspect(e.__struct__) <> \": \" <> Exception.message(e))\nend\n");
        let (code, out) = run(&format!("bits{i}"), &src);
        assert_eq!(code, Some(0), "{case}: {out}");
        assert_eq!(out, format!("SystemLimitError: construction of binary failed: {msg}\n"), "{case}");
    }
}
