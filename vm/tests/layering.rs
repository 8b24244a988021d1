//! The layering of `retort-vm` (ARCHITECTURE.md, "Layers"): every `crate::` path in a layer's
//! code names a layer at or below it, except the edges listed in [`ALLOWED`], each with its
//! reason. Comments and test code are not checked.

use std::path::Path;

/// Each top-level module of `vm/src` and its layer (lower numbers are lower layers).
const LAYERS: &[(&str, u32)] = &[
    ("value", 0),
    ("error", 0),
    ("deep", 0),
    ("bytecode", 1),
    ("process", 2),
    ("code", 2),
    ("io", 2),
    ("interp", 3),
    ("bif", 4),
    ("scheduler", 5),
    ("embed", 6),
];

/// Upward references that are part of the design: `(from layer, path prefix, why)`.
const ALLOWED: &[(&str, &str, &str)] = &[
    ("*", "scheduler::Vm", "the VM's state: every layer's operations receive `&mut Vm`"),
    ("value", "code::module::ModuleInstance", "a local fun holds the module instance that made it (hot-code rule R6)"),
    ("code", "bif::NativeFn", "the module table holds the natives remote calls resolve to"),
    ("interp", "bif::Ctx", "the interpreter calls natives"),
    ("interp", "bif::NativeFn", "the interpreter calls natives"),
    ("interp", "bif::otp::timestamp", "crash reports start with the logger's timestamp"),
    ("interp", "scheduler::timer", "a receive with a timeout starts a timer"),
    ("interp", "scheduler::REDUCTIONS_PER_SLICE", "a slice's reduction budget"),
    ("bif", "scheduler::Signal", "natives send signals (exit, link, monitor) through the scheduler"),
    ("bif", "scheduler::timer", "natives start and cancel timers"),
    ("bif", "scheduler::clock", "natives read the VM's clock"),
];

fn layer_of(name: &str) -> Option<u32> {
    LAYERS.iter().find(|(n, _)| *n == name).map(|(_, l)| *l)
}

/// The code of `text` without comments and without what follows `#[cfg(test)]`.
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The paths named at `rest` (the text after `crate::`): one, or each item of a
/// `prefix::{a, b::c}` group (one level of braces).
fn paths_at(rest: &str) -> Vec<String> {
    let path: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
    let after = &rest[path.len()..];
    match after.strip_prefix('{') {
        Some(group) if path.ends_with("::") => {
            let inner = group.split('}').next().unwrap_or("");
            inner.split(',').map(|item| format!("{path}{}", item.trim())).filter(|p| !p.ends_with("::")).collect()
        }
        _ => vec![path],
    }
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_layer_reaches_up_except_the_listed_edges() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut violations = Vec::new();
    let mut used = vec![false; ALLOWED.len()];
    for (layer, rank) in LAYERS {
        let mut fs = Vec::new();
        let dir = src.join(layer);
        if dir.is_dir() {
            files(&dir, &mut fs);
        } else {
            fs.push(src.join(format!("{layer}.rs")));
        }
        for f in fs {
            let name = f.file_name().unwrap().to_string_lossy().to_string();
            if name.ends_with("_tests.rs") || name.ends_with("_cases.rs") {
                continue;
            }
            let code = code_of(&std::fs::read_to_string(&f).unwrap());
            for (i, _) in code.match_indices("crate::") {
                let rest = &code[i + "crate::".len()..];
                for path in paths_at(rest) {
                    let target = path.split("::").next().unwrap_or("");
                    let Some(trank) = layer_of(target) else { continue };
                    if trank <= *rank {
                        continue;
                    }
                    let hit = ALLOWED.iter().position(|(from, prefix, _)| (*from == "*" || from == layer) && path.starts_with(prefix));
                    if let Some(i) = hit {
                        used[i] = true;
                    } else {
                        violations.push(format!("{}: {layer} uses crate::{path}", f.strip_prefix(&src).unwrap().display()));
                    }
                }
            }
        }
    }
    for (i, (from, prefix, _)) in ALLOWED.iter().enumerate() {
        if !used[i] {
            violations.push(format!("ALLOWED entry ({from}, {prefix}) is no longer needed: remove it"));
        }
    }
    violations.sort();
    violations.dedup();
    assert!(violations.is_empty(), "upward references:\n{}", violations.join("\n"));
}

/// The check itself catches an upward path (so the test above cannot pass vacuously).
#[test]
fn the_check_sees_paths() {
    let code = code_of("use crate::bif::Ctx; // crate::scheduler::x\n#[cfg(test)]\nuse crate::embed;");
    assert_eq!(code.matches("crate::").count(), 1);
    assert_eq!(paths_at("scheduler::{timer::TimerKind, Vm};"), vec!["scheduler::timer::TimerKind", "scheduler::Vm"]);
}
