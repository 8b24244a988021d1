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
