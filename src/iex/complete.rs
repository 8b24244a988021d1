//! Tab completion at the `retort iex` prompt, as IEx completes: module names (`En<Tab>` →
//! `Enum`, `:li<Tab>` → `:lists`), a module's functions (`Enum.frequenc<Tab>` →
//! `Enum.frequencies`, listed as `frequencies/1  frequencies_by/2`), variables bound at the
//! prompt and the shell's helpers. Several candidates complete their common prefix and are
//! listed.
//!
//! The code server lives on the VM's thread and the editor on its own, so the VM's thread keeps
//! a [`Vocab`] snapshot up to date (at each prompt and while it polls for a line); a module whose
//! functions the snapshot lacks is asked for (`wanted`) and loaded by the VM's thread, which the
//! completer waits for briefly.

use rustyline::completion::{Completer, Pair};
use rustyline::{Context, Helper, Highlighter, Hinter, Validator};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// What can be completed, as the VM's thread last saw it.
#[derive(Default)]
pub struct Vocab {
    /// Module names as typed: `Enum`, `String.Chars`, `:lists`.
    pub modules: BTreeSet<String>,
    /// Functions by module name as typed: `(name, arity)`.
    pub functions: BTreeMap<String, BTreeSet<(String, u32)>>,
    /// Variables bound at the prompt.
    pub variables: BTreeSet<String>,
    /// A module the completer needs the functions of.
    pub wanted: Option<String>,
}

pub static VOCAB: Mutex<Option<Vocab>> = Mutex::new(None);
static FILLED: Condvar = Condvar::new();

/// The shell's helpers (`IEx.Helpers`) and the most used `Kernel` functions, completed bare.
const HELPERS: &[&str] = &["c", "clear", "exports", "flush", "h", "i", "l", "pid", "r", "v"];

/// Updates the snapshot (VM thread). `load` returns a module's exports, loading it if needed.
pub fn refresh(modules: BTreeSet<String>, variables: BTreeSet<String>, mut exports: impl FnMut(&str) -> Option<BTreeSet<(String, u32)>>) {
    let mut g = VOCAB.lock().unwrap_or_else(|e| e.into_inner());
    let v = g.get_or_insert_with(Vocab::default);
    v.modules = modules;
    v.variables = variables;
    for m in ["Kernel", "IEx.Helpers"] {
        if !v.functions.contains_key(m) {
            if let Some(f) = exports(m) {
                v.functions.insert(m.to_string(), f);
            }
        }
    }
    serve_wanted(v, &mut exports);
}

/// Loads the module the completer waits for, if any (VM thread, called while polling).
pub fn serve(exports: impl FnMut(&str) -> Option<BTreeSet<(String, u32)>>) {
    let mut exports = exports;
    let mut g = VOCAB.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(v) = g.as_mut() {
        serve_wanted(v, &mut exports);
    }
}

fn serve_wanted(v: &mut Vocab, exports: &mut impl FnMut(&str) -> Option<BTreeSet<(String, u32)>>) {
    if let Some(m) = v.wanted.take() {
        let f = exports(&m).unwrap_or_default();
        v.functions.insert(m, f);
        FILLED.notify_all();
    }
}

/// The candidates for the word ending at the cursor: `(start, candidates)`.
pub fn candidates(line: &str, pos: usize) -> (usize, Vec<Pair>) {
    let before = &line[..pos];
    let start = before.rfind(|c: char| !(c.is_alphanumeric() || "_.:?!@".contains(c))).map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let word = &before[start..];
    let mut g = VOCAB.lock().unwrap_or_else(|e| e.into_inner());
    let Some(v) = g.as_mut() else { return (start, vec![]) };
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    if let Some(dot) = word.rfind('.').filter(|_| word.starts_with(|c: char| c.is_uppercase() || c == ':')) {
        let (module, prefix) = (&word[..dot], &word[dot + 1..]);
        if !v.functions.contains_key(module) && v.modules.contains(module) {
            // Ask the VM's thread for the module's functions, and wait for them a moment.
            v.wanted = Some(module.to_string());
            let (g2, _) = FILLED.wait_timeout_while(g, Duration::from_millis(300), |v| v.as_ref().is_some_and(|v| v.wanted.is_some())).unwrap_or_else(|e| e.into_inner());
            g = g2;
        }
        let Some(v) = g.as_ref() else { return (start, vec![]) };
        for (name, arity) in v.functions.get(module).into_iter().flatten() {
            if name.starts_with(prefix) && !name.starts_with("__") && name != "module_info" {
                out.insert(format!("{name}/{arity}"), format!("{module}.{name}"));
            }
        }
        // Submodules: `String.Ch<Tab>` → `String.Chars`.
        for m in &v.modules {
            if let Some(rest) = m.strip_prefix(&format!("{module}.")) {
                if rest.starts_with(prefix) {
                    let seg = rest.split('.').next().unwrap_or(rest);
                    out.insert(seg.to_string(), format!("{module}.{seg}"));
                }
            }
        }
    } else if word.starts_with(|c: char| c.is_uppercase()) {
        for m in &v.modules {
            if m.starts_with(word) {
                // Complete one segment at a time, as IEx does.
                let seg_end = m[word.len()..].find('.').map_or(m.len(), |i| word.len() + i);
                out.insert(m[..seg_end].to_string(), m[..seg_end].to_string());
            }
        }
    } else if word.starts_with(':') {
        for m in v.modules.iter().filter(|m| m.starts_with(word)) {
            out.insert(m.clone(), m.clone());
        }
    } else if !word.is_empty() {
        for name in v.variables.iter().filter(|n| n.starts_with(word)) {
            out.insert(name.clone(), name.clone());
        }
        for h in HELPERS.iter().filter(|h| h.starts_with(word)) {
            out.insert(format!("{h}/"), h.to_string());
        }
        for (name, arity) in v.functions.get("Kernel").into_iter().flatten() {
            if name.starts_with(word) && !name.starts_with("__") && name.chars().next().is_some_and(|c| c.is_alphabetic()) {
                out.insert(format!("{name}/{arity}"), name.clone());
            }
        }
    }
    // Helpers' display carries a trailing "/": show their arities from IEx.Helpers when known.
    let helpers = v_helpers(&g);
    let pairs = out
        .into_iter()
        .flat_map(|(display, replacement)| match display.strip_suffix('/') {
            Some(h) => {
                let arities: Vec<String> = helpers.iter().filter(|(n, _)| n == h).map(|(n, a)| format!("{n}/{a}")).collect();
                if arities.is_empty() { vec![Pair { display: h.to_string(), replacement }] } else { arities.into_iter().map(|d| Pair { display: d, replacement: replacement.clone() }).collect() }
            }
            None => vec![Pair { display, replacement }],
        })
        .collect();
    (start, pairs)
}

fn v_helpers(g: &Option<Vocab>) -> Vec<(String, u32)> {
    g.as_ref().and_then(|v| v.functions.get("IEx.Helpers")).map(|s| s.iter().cloned().collect()).unwrap_or_default()
}

/// The editor's helper: completion only.
#[derive(Default, Helper, Highlighter, Hinter, Validator)]
pub struct ShellHelper {}

impl Completer for ShellHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, _: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        Ok(candidates(line, pos))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn functions_modules_and_variables() {
        let modules: BTreeSet<String> = ["Enum", "String", "String.Chars", ":lists"].iter().map(|s| s.to_string()).collect();
        let vars: BTreeSet<String> = ["count", "counter"].iter().map(|s| s.to_string()).collect();
        refresh(modules, vars, |m| match m {
            "Enum" => Some([("frequencies".to_string(), 1), ("frequencies_by".to_string(), 2), ("map".to_string(), 2)].into_iter().collect()),
            "IEx.Helpers" => Some([("h".to_string(), 1), ("h".to_string(), 0)].into_iter().collect()),
            _ => None,
        });
        // Enum is not in the snapshot until wanted: fill it as the VM's thread would.
        std::thread::spawn(|| {
            for _ in 0..50 {
                std::thread::sleep(Duration::from_millis(5));
                serve(|m| (m == "Enum").then(|| [("frequencies".to_string(), 1), ("frequencies_by".to_string(), 2), ("map".to_string(), 2)].into_iter().collect()));
            }
        });
        let (start, c) = candidates("x = Enum.frequenc", 17);
        assert_eq!(start, 4);
        let shown: Vec<&str> = c.iter().map(|p| p.display.as_str()).collect();
        assert_eq!(shown, ["frequencies/1", "frequencies_by/2"]);
        assert!(c.iter().all(|p| p.replacement.starts_with("Enum.frequencies")));
        let (_, c) = candidates("Str", 3);
        assert_eq!(c.iter().map(|p| p.replacement.as_str()).collect::<Vec<_>>(), ["String"]);
        let (_, c) = candidates("String.C", 8);
        assert_eq!(c.iter().map(|p| p.replacement.as_str()).collect::<Vec<_>>(), ["String.Chars"]);
        let (_, c) = candidates("coun", 4);
        assert_eq!(c.iter().map(|p| p.replacement.as_str()).collect::<Vec<_>>(), ["count", "counter"]);
        let (_, c) = candidates(":li", 3);
        assert_eq!(c.iter().map(|p| p.replacement.as_str()).collect::<Vec<_>>(), [":lists"]);
        let (_, c) = candidates("h", 1);
        assert_eq!(c.iter().map(|p| p.display.as_str()).collect::<Vec<_>>(), ["h/0", "h/1"]);
    }
}
