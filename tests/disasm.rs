//! `retort disasm`: the listing of a small program against its checked-in copy
//! (`tests/disasm/sample.disasm`; regenerate with `UPDATE_DISASM=1`), the same listing from the
//! compiled `.rbc` file, and no Rust `Debug` syntax in the listing of any golden program.

use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn disasm(path: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_retort")).current_dir(ROOT).args(["disasm", path]).output().unwrap();
    assert!(out.status.success(), "retort disasm {path}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn listing_of_a_small_program() {
    let got = disasm("tests/disasm/sample.exs");
    let path = format!("{ROOT}/tests/disasm/sample.disasm");
    if std::env::var_os("UPDATE_DISASM").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap();
    assert_eq!(got, want, "retort disasm tests/disasm/sample.exs differs from tests/disasm/sample.disasm");
}

#[test]
fn listing_of_the_compiled_file_is_the_same() {
    let dir = std::env::temp_dir().join(format!("retort-disasm-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let st = Command::new(env!("CARGO_BIN_EXE_retort"))
        .current_dir(ROOT)
        .args(["compile", "tests/disasm/sample.exs", "-o", dir.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(st.success());
    let from_file = disasm(dir.join("Elixir.Sample.rbc").to_str().unwrap());
    let from_source = disasm("tests/disasm/sample.exs");
    // The source listing holds the module, then the script's module.
    assert!(from_source.starts_with(&from_file), "the .rbc listing:\n{from_file}\nis not the start of the source listing:\n{from_source}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// What `{:?}` of the bytecode types would print: struct-variant fields, tuple-struct
/// wrappers, literal variants.
const DEBUG_MARKERS: &[&str] = &[
    " { dst: ", "Reg(", "Label(", "LitIdx(", "ImportIdx(", "LocalFn(", "LambdaIdx(", "Atom(\"", "Binary([", "Int(", "List([", "Tuple([", "Map([",
    "Some(", "BinSeg", "ArithOp", "CmpOp", "TypeTest", "RaiseKind",
];

#[test]
fn no_debug_syntax_in_any_golden_program() {
    let mut n = 0;
    for e in std::fs::read_dir(format!("{ROOT}/tests/programs")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().and_then(|x| x.to_str()) != Some("exs") {
            continue;
        }
        let rel = format!("tests/programs/{}", p.file_name().unwrap().to_str().unwrap());
        let out = Command::new(env!("CARGO_BIN_EXE_retort")).current_dir(ROOT).args(["disasm", &rel]).output().unwrap();
        if !out.status.success() {
            // Programs that fail to compile on purpose print a diagnostic instead.
            continue;
        }
        let text = String::from_utf8_lossy(&out.stdout);
        for line in text.lines() {
            for m in DEBUG_MARKERS {
                assert!(!line.contains(m), "{rel}: Debug syntax {m:?} in the listing line {line:?}");
            }
        }
        n += 1;
    }
    assert!(n > 50, "only {n} golden programs disassembled");
}
