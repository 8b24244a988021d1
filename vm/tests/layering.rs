//! The layering of `retort-vm` (ARCHITECTURE.md, "Layers"): every `crate::` path in a layer's
//! code names a layer at or below it, except the edges listed in [`ALLOWED`], each with its
//! reason. Comments and test code are not checked. Every source file must belong to a layer,
//! so a new top-level module has to be placed in [`LAYERS`] before it builds cleanly here.

use std::path::Path;

/// Each top-level module of `vm/src` and its layer (lower numbers are lower layers). A
/// sub-module listed on its own (`dist::ext`) has its own layer; the longest listed prefix of
/// a module's path decides.
const LAYERS: &[(&str, u32)] = &[
    ("value", 0),
    ("error", 0),
    ("deep", 0),
    // Other nodes' pids and references: immutable entries terms point at, compared and
    // printed by `value`.
    ("dist::ext", 0),
    ("bytecode", 1),
    ("process", 2),
    ("code", 2),
    ("io", 2),
    ("interp", 3),
    ("bif", 4),
    // Distribution: its natives, and the control messages it turns into signals.
    ("dist", 4),
    ("scheduler", 5),
    ("embed", 6),
];

/// Upward references that are part of the design: `(from layer, path prefix, why)`.
const ALLOWED: &[(&str, &str, &str)] = &[
    ("*", "scheduler::Vm", "the VM's state: every layer's operations receive `&mut Vm`"),
    ("value", "code::module::ModuleInstance", "a local fun holds the module instance that made it (hot-code rule R6)"),
    ("value", "bytecode::Op", "a local fun records the first instruction of its code in the instance it holds (FunEntry)"),
    ("code", "bif::NativeFn", "the module table holds the natives remote calls resolve to"),
    ("interp", "bif::Ctx", "the interpreter calls natives"),
    ("interp", "bif::NativeFn", "the interpreter calls natives"),
    ("interp", "bif::process::send_message", "the Send instruction is `:erlang.send/2`, whose body it shares with the native"),
    ("interp", "bif::otp::timestamp", "crash reports start with the logger's timestamp"),
    ("interp", "scheduler::timer", "a receive with a timeout starts a timer"),
    ("interp", "scheduler::REDUCTIONS_PER_SLICE", "a slice's reduction budget"),
    ("bif", "scheduler::Signal", "natives send signals (exit, link, monitor) through the scheduler"),
    ("bif", "scheduler::timer", "natives start and cancel timers"),
    ("bif", "scheduler::clock", "natives read the VM's clock"),
    ("dist", "scheduler::Signal", "control messages from other nodes (exits, links, monitors) become signals"),
];

/// The layer of the module at `path` (`value::term::Term`, `dist::ext`): the entry of
/// [`LAYERS`] that is its longest prefix, with its name.
fn layer_of(path: &str) -> Option<(&'static str, u32)> {
    LAYERS
        .iter()
        .filter(|(n, _)| path == *n || path.strip_prefix(n).is_some_and(|r| r.starts_with("::")))
        .max_by_key(|(n, _)| n.len())
        .copied()
}

/// The module path of source file `f` under `src` (`value/map/mod.rs` → `value::map`).
fn module_of(src: &Path, f: &Path) -> String {
    let rel = f.strip_prefix(src).unwrap().with_extension("");
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().to_string()).filter(|c| c != "mod").collect();
    parts.join("::")
}

/// The code of `text` without comments and without the items marked `#[cfg(test)]` (a
/// `mod tests;` declaration or a braced item up to its matching brace).
fn code_of(text: &str) -> String {
    let code = text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
    let mut out = String::new();
    let mut rest = code.as_str();
    while let Some(i) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..i]);
        let item = &rest[i + "#[cfg(test)]".len()..];
        let (semi, brace) = (item.find(';'), item.find('{'));
        rest = match (semi, brace) {
            (Some(s), b) if b.is_none_or(|b| s < b) => &item[s + 1..],
            (_, Some(b)) => {
                let mut depth = 0usize;
                let mut end = item.len();
                for (j, c) in item[b..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = b + j + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                &item[end..]
            }
            _ => "",
        };
    }
    out.push_str(rest);
    out
}

/// The paths named at `rest` (the text after `crate::`): one, or each item of a `{...}` group,
/// nested groups expanded (`crate::{a::b, c::{d, e}}` names `a::b`, `c::d` and `c::e`).
fn paths_at(rest: &str) -> Vec<String> {
    let mut out = Vec::new();
    expand("", rest, &mut out);
    out
}

/// Adds to `out` the paths of the use tree at the start of `text`, each prefixed with
/// `prefix`; returns the length of `text` the tree took.
fn expand(prefix: &str, text: &str, out: &mut Vec<String>) -> usize {
    let path: String = text.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
    let full = format!("{prefix}{path}");
    let after = &text[path.len()..];
    let Some(group) = after.strip_prefix('{').filter(|_| path.is_empty() || path.ends_with("::")) else {
        if !full.is_empty() && !full.ends_with("::") {
            out.push(full);
        }
        return path.len();
    };
    let mut used = path.len() + 1;
    let mut g = group;
    loop {
        let trimmed = g.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        used += g.len() - trimmed.len();
        g = trimmed;
        if g.is_empty() {
            return used;
        }
        if let Some(r) = g.strip_prefix('}') {
            let _ = r;
            return used + 1;
        }
        let n = expand(&full, g, out);
        // Skip what follows the item up to the next separator (`self`, `as x`, a glob).
        let skip = g[n..].find([',', '}']).unwrap_or(g.len() - n);
        used += n + skip;
        g = &g[n + skip..];
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
    let mut fs = Vec::new();
    files(&src, &mut fs);
    fs.sort();
    for f in fs {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        if name == "lib.rs" || name.ends_with("_tests.rs") || name.ends_with("_cases.rs") {
            continue;
        }
        let module = module_of(&src, &f);
        let Some((layer, rank)) = layer_of(&module) else {
            violations.push(format!("{}: module {module} is in no layer: add it to LAYERS", f.strip_prefix(&src).unwrap().display()));
            continue;
        };
        let code = code_of(&std::fs::read_to_string(&f).unwrap());
        for (i, _) in code.match_indices("crate::") {
            let rest = &code[i + "crate::".len()..];
            for path in paths_at(rest) {
                let Some((_, trank)) = layer_of(&path) else { continue };
                if trank <= rank {
                    continue;
                }
                let hit = ALLOWED.iter().position(|(from, prefix, _)| (*from == "*" || *from == layer) && path.starts_with(prefix));
                if let Some(i) = hit {
                    used[i] = true;
                } else {
                    violations.push(format!("{}: {layer} uses crate::{path}", f.strip_prefix(&src).unwrap().display()));
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
    assert_eq!(
        paths_at("{bytecode::Op, value::{self, term::{Term, Cons as C}}, bif::*};"),
        vec!["bytecode::Op", "value::self", "value::term::Term", "value::term::Cons", "bif::"]
            .into_iter()
            .filter(|p| !p.ends_with("::"))
            .collect::<Vec<_>>()
    );
    // Test items are left out, and the code after them is still checked.
    let code = code_of("#[cfg(test)]\nmod tests;\nuse crate::a;\n#[cfg(test)]\nmod t { fn f() { crate::b } }\nuse crate::c;");
    assert!(code.contains("crate::a") && !code.contains("crate::b") && code.contains("crate::c"), "{code}");
}
