//! `retort test`: which files to load, in which order, and the `FILE:LINE` filters, following
//! `mix test` (Elixir 1.14): in a project (a directory with `lib/` and `test/`), the sources in
//! `lib/**/*.ex` are compiled and loaded first, then `test/test_helper.exs` runs, then every
//! `test/**/*_test.exs`; `FILE:LINE` loads that file only and runs the test at that line (mix's
//! `--exclude test --include line:LINE`).

use std::path::Path;
use std::process::ExitCode;

/// Files under `dir` (recursively, sorted) whose names end with `suffix`.
fn walk(dir: &Path, suffix: &str, out: &mut Vec<String>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, suffix, out)?;
        } else if p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(suffix)) {
            out.push(p.to_string_lossy().into_owned());
        }
    }
    Ok(())
}

/// `FILE:LINE` → (`FILE`, `LINE`) when `FILE` exists; anything else is a plain path.
fn split_line(p: &str) -> (String, Option<u32>) {
    if let Some((file, line)) = p.rsplit_once(':') {
        if let Ok(n) = line.parse::<u32>() {
            if Path::new(file).is_file() {
                return (file.to_string(), Some(n));
            }
        }
    }
    (p.to_string(), None)
}

/// The files to load, in order, and the line filters (`line:N`) the paths asked for.
fn plan(paths: &[String]) -> Result<(Vec<String>, Vec<String>), String> {
    let mut files = Vec::new();
    let mut lines = Vec::new();
    let project = Path::new("lib").is_dir() && Path::new("test").is_dir();
    if project {
        walk(Path::new("lib"), ".ex", &mut files).map_err(|e| format!("** (File.Error) could not list directory \"lib\": {e}"))?;
    }
    let paths: Vec<String> = if paths.is_empty() { vec!["test".to_string()] } else { paths.to_vec() };
    // In a project, the helper runs before any test file, as mix runs it first.
    let helper = Path::new("test/test_helper.exs");
    if project && helper.is_file() {
        files.push(helper.to_string_lossy().into_owned());
    }
    for p in &paths {
        let (p, line) = split_line(p);
        if let Some(n) = line {
            lines.push(format!("line:{n}"));
        }
        let path = Path::new(&p);
        if path.is_dir() {
            let helper = path.join("test_helper.exs");
            if helper.is_file() && !files.contains(&helper.to_string_lossy().into_owned()) {
                files.push(helper.to_string_lossy().into_owned());
            }
            walk(path, "_test.exs", &mut files).map_err(|e| format!("** (File.Error) could not list directory \"{p}\": {e}"))?;
        } else if !files.contains(&p) {
            files.push(p);
        }
    }
    Ok((files, lines))
}

/// `retort test [PATHS]`.
pub fn test(paths: Vec<String>, mut options: retort_stdlib::TestOptions, virtual_time: bool) -> ExitCode {
    let (files, lines) = match plan(&paths) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    if !lines.is_empty() {
        options.exclude.push("test".to_string());
        options.include.extend(lines);
    }
    let mut sources = Vec::new();
    for f in files {
        match crate::read(&f) {
            Ok(s) => sources.push((f, s)),
            Err(c) => return c,
        }
    }
    let mut vm = retort_vm::Vm::new(retort_vm::VmOptions { virtual_time, no_halt: false, on_idle: Some(crate::alloc::release_free_memory) });
    retort_stdlib::install(&mut vm);
    match retort_stdlib::test_files(&mut vm, &sources, &options) {
        Ok(code) => ExitCode::from(code.clamp(0, 255) as u8),
        Err(msg) => {
            eprint!("{msg}");
            ExitCode::from(1)
        }
    }
}
