//! `Regex` on the `regex` crate. A regex is Elixir's struct
//! `%Regex{source: "pat", opts: "flags", re_pattern: nil, re_version: nil}`; the compiled
//! automaton lives in a per-thread cache keyed by source and flags, so regexes built by
//! `~r//` (the compiler calls `Regex.compile!/2`), sent in messages or kept in state all work.
//!
//! PCRE syntax differs from the crate's in a few corners (no look-around or back-references);
//! the flags `i m s x U u f` map onto the crate's inline flags.

use super::util::*;
use super::Ctx;
use crate::code::table::CodeServer;
use crate::error::{Exception, Trap};
use crate::value::{Atom, MapT, Term};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

pub type Re = Rc<regex::bytes::Regex>;

thread_local! {
    static CACHE: RefCell<HashMap<(Vec<u8>, String), Result<Re, String>>> = RefCell::new(HashMap::new());
}

/// Compiles (or finds in the cache) the regex for `source` with Elixir flags `opts`.
pub fn compile(source: &[u8], opts: &str) -> Result<Re, String> {
    let key = (source.to_vec(), opts.to_string());
    if let Some(r) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return r;
    }
    let mut flags = String::new();
    for ch in opts.chars() {
        match ch {
            'i' | 'm' | 's' | 'x' | 'U' => flags.push(ch),
            'u' | 'f' => {}
            other => return Err(format!("invalid regex option {:?}", other)),
        }
    }
    let src = String::from_utf8_lossy(source).replace("\\Z", "(?:\\n?\\z)").replace("\\h", "[ \\t]");
    let pat = if flags.is_empty() { src } else { format!("(?{}){}", flags, src) };
    let r = regex::bytes::RegexBuilder::new(&pat).build().map(Rc::new).map_err(|e| e.to_string());
    CACHE.with(|c| c.borrow_mut().insert(key, r.clone()));
    r
}

fn field<'a>(m: &'a MapT, k: &str) -> Option<&'a Term> {
    m.get(&Term::atom(k))
}

/// If `t` is a `%Regex{}`, its compiled regex.
pub fn regex_of(t: &Term) -> Option<Result<Re, Trap>> {
    let Term::Map(m) = t else { return None };
    if field(m, "__struct__") != Some(&Term::atom("Elixir.Regex")) {
        return None;
    }
    let src = match field(m, "source") {
        Some(Term::Binary(b)) => b.to_vec(),
        _ => return Some(badarg()),
    };
    let opts = match field(m, "opts") {
        Some(Term::Binary(b)) => String::from_utf8_lossy(b).into_owned(),
        _ => String::new(),
    };
    Some(compile(&src, &opts).map_err(|e| Trap::Raise(Exception::elixir("Elixir.Regex.CompileError", &e))))
}

fn re(t: &Term) -> Result<Re, Trap> {
    match regex_of(t) {
        Some(r) => r,
        None => Err(Exception::error(Term::atom("function_clause")).into()),
    }
}

fn make_struct(source: Term, opts: &str) -> Term {
    let mut m = MapT::new();
    m.insert(Term::Atom(Atom::STRUCT), Term::atom("Elixir.Regex"));
    m.insert(Term::atom("source"), source);
    m.insert(Term::atom("opts"), Term::string(opts));
    m.insert(Term::atom("re_pattern"), Term::NIL_ATOM);
    m.insert(Term::atom("re_version"), Term::NIL_ATOM);
    Term::map(m)
}

/// Flags given as a string (`"i"`) or a list of atoms (`[:caseless]`).
fn opts_string(t: &Term) -> Result<String, Trap> {
    match t {
        Term::Binary(b) => Ok(String::from_utf8_lossy(b).into_owned()),
        Term::Nil | Term::Cons(_) => {
            let mut s = String::new();
            for o in list(t)? {
                match o.as_atom().map(|a| a.name()) {
                    Some("caseless") => s.push('i'),
                    Some("multiline") => s.push('m'),
                    Some("dotall") => s.push('s'),
                    Some("extended") => s.push('x'),
                    Some("ungreedy") => s.push('U'),
                    Some("unicode") | Some("ucp") => s.push('u'),
                    _ => return badarg(),
                }
            }
            Ok(s)
        }
        _ => badarg(),
    }
}

fn compile_term(src: &Term, opts: &Term) -> Result<Result<Term, String>, Trap> {
    let b = bytes(src)?;
    let o = opts_string(opts)?;
    Ok(compile(b, &o).map(|_| make_struct(src.clone(), &o)))
}

#[derive(Clone)]
enum Capture {
    All,
    First,
    AllButFirst,
    None,
    AllNames,
    List(Vec<Term>),
}

struct RunOpts {
    capture: Capture,
    index: bool,
    offset: usize,
}

fn run_opts(t: &Term) -> Result<RunOpts, Trap> {
    let mut o = RunOpts { capture: Capture::All, index: false, offset: 0 };
    if let Some(c) = kw_get(t, "capture") {
        o.capture = match c.as_atom().map(|a| a.name()) {
            Some("all") => Capture::All,
            Some("first") => Capture::First,
            Some("all_but_first") => Capture::AllButFirst,
            Some("none") => Capture::None,
            Some("all_names") => Capture::AllNames,
            _ => Capture::List(list(&c)?),
        };
    }
    if let Some(r) = kw_get(t, "return") {
        o.index = r.is_atom(Atom::intern("index"));
    }
    if let Some(Term::Int(n)) = kw_get(t, "offset") {
        o.offset = n.max(0) as usize;
    }
    Ok(o)
}

fn group_term(subject: &[u8], m: Option<regex::bytes::Match>, index: bool) -> Term {
    match (m, index) {
        (Some(m), false) => Term::binary(subject[m.start()..m.end()].to_vec()),
        (Some(m), true) => Term::tuple(vec![Term::Int(m.start() as i64), Term::Int((m.end() - m.start()) as i64)]),
        (None, false) => Term::string(""),
        (None, true) => Term::tuple(vec![Term::Int(-1), Term::Int(0)]),
    }
}

fn name_of(t: &Term) -> String {
    match t {
        Term::Atom(a) => a.name().to_string(),
        Term::Binary(b) => String::from_utf8_lossy(b).into_owned(),
        Term::Int(i) => i.to_string(),
        _ => String::new(),
    }
}

/// The capture list of one match as `Regex.run/3` returns it.
fn captures_term(r: &regex::bytes::Regex, subject: &[u8], caps: &regex::bytes::Captures, o: &RunOpts) -> Term {
    // PCRE reports groups up to the last one that matched.
    let n = (0..caps.len()).rev().find(|i| caps.get(*i).is_some()).map(|i| i + 1).unwrap_or(1);
    match &o.capture {
        Capture::All => Term::list((0..n).map(|i| group_term(subject, caps.get(i), o.index)).collect()),
        Capture::First => Term::list(vec![group_term(subject, caps.get(0), o.index)]),
        Capture::AllButFirst => Term::list((1..n).map(|i| group_term(subject, caps.get(i), o.index)).collect()),
        Capture::None => Term::Nil,
        Capture::AllNames => {
            let mut names: Vec<&str> = r.capture_names().flatten().collect();
            names.sort();
            Term::list(names.iter().map(|nm| group_term(subject, caps.name(nm), o.index)).collect())
        }
        Capture::List(items) => Term::list(
            items
                .iter()
                .map(|it| match it {
                    Term::Int(i) => group_term(subject, caps.get(*i as usize), o.index),
                    other => group_term(subject, caps.name(&name_of(other)), o.index),
                })
                .collect(),
        ),
    }
}

fn run(r: &regex::bytes::Regex, subject: &[u8], o: &RunOpts) -> Term {
    if o.offset > subject.len() {
        return Term::NIL_ATOM;
    }
    match r.captures_at(subject, o.offset) {
        None => Term::NIL_ATOM,
        Some(caps) => {
            if matches!(o.capture, Capture::None) {
                return Term::atom("match");
            }
            captures_term(r, subject, &caps, o)
        }
    }
}

fn scan(r: &regex::bytes::Regex, subject: &[u8], o: &RunOpts) -> Term {
    let mut out = Vec::new();
    for caps in r.captures_iter(&subject[..]) {
        if caps.get(0).map(|m| m.start() < o.offset).unwrap_or(false) {
            continue;
        }
        out.push(captures_term(r, subject, &caps, o));
    }
    Term::list(out)
}

/// Expands Elixir's replacement string (`\\0`, `\\1`, `\\g{1}`) for one match.
fn expand(repl: &[u8], subject: &[u8], caps: &regex::bytes::Captures, out: &mut Vec<u8>) {
    let mut i = 0;
    while i < repl.len() {
        let c = repl[i];
        if c == b'\\' && i + 1 < repl.len() {
            let n = repl[i + 1];
            if n.is_ascii_digit() {
                let mut j = i + 1;
                let mut g = 0usize;
                while j < repl.len() && repl[j].is_ascii_digit() && j < i + 3 {
                    g = g * 10 + (repl[j] - b'0') as usize;
                    j += 1;
                }
                if let Some(m) = caps.get(g) {
                    out.extend_from_slice(&subject[m.start()..m.end()]);
                }
                i = j;
                continue;
            }
            if n == b'g' && i + 2 < repl.len() && repl[i + 2] == b'{' {
                if let Some(close) = repl[i + 3..].iter().position(|b| *b == b'}') {
                    let name = String::from_utf8_lossy(&repl[i + 3..i + 3 + close]).into_owned();
                    let m = match name.parse::<usize>() {
                        Ok(g) => caps.get(g),
                        Err(_) => caps.name(&name),
                    };
                    if let Some(m) = m {
                        out.extend_from_slice(&subject[m.start()..m.end()]);
                    }
                    i = i + 4 + close;
                    continue;
                }
            }
            out.push(n);
            i += 2;
            continue;
        }
        out.push(c);
        i += 1;
    }
}

/// `Regex.replace/4` with a replacement string.
pub fn replace(r: &regex::bytes::Regex, subject: &[u8], repl: &[u8], global: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut last = 0;
    for caps in r.captures_iter(subject) {
        let m = caps.get(0).unwrap();
        out.extend_from_slice(&subject[last..m.start()]);
        expand(repl, subject, &caps, &mut out);
        last = m.end();
        if !global {
            break;
        }
    }
    out.extend_from_slice(&subject[last..]);
    out
}

/// The pieces of `subject` around the matches: `[pre, [whole, g1, ...], pre, ..., rest]`
/// (for replacement by a fun, done in the language).
fn pieces(r: &regex::bytes::Regex, subject: &[u8], global: bool) -> Term {
    let mut out = Vec::new();
    let mut last = 0;
    for caps in r.captures_iter(subject) {
        let m = caps.get(0).unwrap();
        out.push(Term::binary(subject[last..m.start()].to_vec()));
        let n = (0..caps.len()).rev().find(|i| caps.get(*i).is_some()).map(|i| i + 1).unwrap_or(1);
        out.push(Term::list((0..n).map(|i| group_term(subject, caps.get(i), false)).collect()));
        last = m.end();
        if !global {
            break;
        }
    }
    out.push(Term::binary(subject[last..].to_vec()));
    Term::list(out)
}

/// `Regex.split/3`.
pub fn split(r: &regex::bytes::Regex, subject: &[u8], parts: Option<usize>, trim: bool, include: bool) -> Term {
    if subject.is_empty() {
        return if trim { Term::Nil } else { Term::list(vec![Term::string("")]) };
    }
    let mut out: Vec<Term> = Vec::new();
    let mut last = 0;
    let mut count = 0;
    for caps in r.captures_iter(subject) {
        let m = caps.get(0).unwrap();
        if let Some(p) = parts {
            if count + 1 >= p {
                break;
            }
        }
        let piece = &subject[last..m.start()];
        if !(trim && piece.is_empty()) {
            out.push(Term::binary(piece.to_vec()));
            count += 1;
        } else if trim && m.start() == 0 && m.end() == 0 {
        }
        if include {
            out.push(Term::binary(subject[m.start()..m.end()].to_vec()));
        }
        last = m.end();
    }
    let rest = &subject[last..];
    if !(trim && rest.is_empty()) {
        out.push(Term::binary(rest.to_vec()));
    }
    Term::list(out)
}

fn named_captures(r: &regex::bytes::Regex, subject: &[u8]) -> Term {
    match r.captures(subject) {
        None => Term::NIL_ATOM,
        Some(caps) => {
            let mut m = MapT::new();
            for name in r.capture_names().flatten() {
                m.insert(Term::string(name), group_term(subject, caps.name(name), false));
            }
            Term::map(m)
        }
    }
}

pub fn escape(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for &b in s {
        if b"\\^$.|?*+()[]{}-#".contains(&b) || b == b' ' || b == b'\t' || b == b'\n' || b == b'\r' || b == 0x0c || b == 0x0b {
            match b {
                b'\n' => {
                    out.extend_from_slice(b"\\n");
                    continue;
                }
                b'\t' => {
                    out.extend_from_slice(b"\\t");
                    continue;
                }
                b'\r' => {
                    out.extend_from_slice(b"\\r");
                    continue;
                }
                b'\x0c' => {
                    out.extend_from_slice(b"\\f");
                    continue;
                }
                b'\x0b' => {
                    out.extend_from_slice(b"\\v");
                    continue;
                }
                _ => out.push(b'\\'),
            }
        }
        out.push(b);
    }
    out
}

fn compile_error(msg: String) -> Trap {
    Exception::elixir("Elixir.Regex.CompileError", &msg).into()
}

pub fn register(c: &mut CodeServer) {
    let m = "Elixir.Regex";
    c.register_native(m, "compile", 1, |_, a| match compile_term(&a[0], &Term::string(""))? {
        Ok(t) => Ok(ok(t)),
        Err(e) => Ok(error(Term::tuple(vec![charlist(&e), Term::Int(0)]))),
    });
    c.register_native(m, "compile", 2, |_, a| match compile_term(&a[0], &a[1])? {
        Ok(t) => Ok(ok(t)),
        Err(e) => Ok(error(Term::tuple(vec![charlist(&e), Term::Int(0)]))),
    });
    c.register_native(m, "compile!", 1, |_, a| compile_term(&a[0], &Term::string(""))?.map_err(compile_error));
    c.register_native(m, "compile!", 2, |_, a| compile_term(&a[0], &a[1])?.map_err(compile_error));
    c.register_native(m, "match?", 2, |_, a| Ok(Term::bool(re(&a[0])?.is_match(bytes(&a[1])?))));
    c.register_native(m, "run", 2, |_, a| Ok(run(&*re(&a[0])?, bytes(&a[1])?, &run_opts(&Term::Nil)?)));
    c.register_native(m, "run", 3, |_, a| Ok(run(&*re(&a[0])?, bytes(&a[1])?, &run_opts(&a[2])?)));
    c.register_native(m, "scan", 2, |_, a| Ok(scan(&*re(&a[0])?, bytes(&a[1])?, &run_opts(&Term::Nil)?)));
    c.register_native(m, "scan", 3, |_, a| Ok(scan(&*re(&a[0])?, bytes(&a[1])?, &run_opts(&a[2])?)));
    c.register_native(m, "replace", 3, |_, a| regex_replace(&a[0], &a[1], &a[2], &Term::Nil));
    c.register_native(m, "replace", 4, |_, a| regex_replace(&a[0], &a[1], &a[2], &a[3]));
    c.register_native(m, "__pieces__", 3, |_, a| Ok(pieces(&*re(&a[0])?, bytes(&a[1])?, a[2].is_truthy())));
    c.register_native(m, "split", 2, |_, a| Ok(split(&*re(&a[0])?, bytes(&a[1])?, None, false, false)));
    c.register_native(m, "split", 3, |_, a| {
        let parts = match kw_get(&a[2], "parts") {
            Some(Term::Int(n)) if n > 0 => Some(n as usize),
            _ => None,
        };
        let trim = kw_get(&a[2], "trim").map(|t| t.is_truthy()).unwrap_or(false);
        let inc = kw_get(&a[2], "include_captures").map(|t| t.is_truthy()).unwrap_or(false);
        Ok(split(&*re(&a[0])?, bytes(&a[1])?, parts, trim, inc))
    });
    c.register_native(m, "named_captures", 2, |_, a| Ok(named_captures(&*re(&a[0])?, bytes(&a[1])?)));
    c.register_native(m, "named_captures", 3, |_, a| Ok(named_captures(&*re(&a[0])?, bytes(&a[1])?)));
    c.register_native(m, "names", 1, |_, a| {
        let r = re(&a[0])?;
        let mut names: Vec<&str> = r.capture_names().flatten().collect();
        names.sort();
        Ok(Term::list(names.into_iter().map(Term::string).collect()))
    });
    c.register_native(m, "source", 1, |_, a| match &a[0] {
        Term::Map(mm) => Ok(field(mm, "source").cloned().unwrap_or(Term::NIL_ATOM)),
        _ => badarg(),
    });
    c.register_native(m, "opts", 1, |_, a| match &a[0] {
        Term::Map(mm) => Ok(field(mm, "opts").cloned().unwrap_or(Term::NIL_ATOM)),
        _ => badarg(),
    });
    c.register_native(m, "escape", 1, |_, a| Ok(Term::binary(escape(bytes(&a[0])?))));
    c.register_native(m, "regex?", 1, |_, a| Ok(Term::bool(regex_of(&a[0]).is_some())));
    c.register_native("Elixir.Kernel", "=~", 2, |_, a| {
        let s = match &a[0] {
            Term::Binary(b) => b,
            _ => return Err(Exception::error(Term::atom("function_clause")).into()),
        };
        match &a[1] {
            Term::Binary(p) => Ok(Term::bool(p.is_empty() || s.windows(p.len()).any(|w| w == p.as_slice()))),
            other => Ok(Term::bool(re(other)?.is_match(s))),
        }
    });
}

fn regex_replace(r: &Term, s: &Term, repl: &Term, opts: &Term) -> R {
    let global = kw_get(opts, "global").map(|t| t.is_truthy()).unwrap_or(true);
    match repl {
        Term::Binary(rb) => Ok(Term::binary(replace(&*re(r)?, bytes(s)?, rb, global))),
        Term::Fun(_) => Err(Trap::Apply {
            callee: Term::atom("Elixir.Regex"),
            function: Some(Atom::intern("__replace_fun__")),
            args: vec![pieces(&*re(r)?, bytes(s)?, global), repl.clone()],
        }),
        _ => badarg(),
    }
}

#[allow(dead_code)]
fn _unused(_: &mut Ctx) {}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn run_and_replace() {
        let r = compile(b"(a)|(b)", "").unwrap();
        let o = RunOpts { capture: Capture::All, index: false, offset: 0 };
        assert_eq!(run(&r, b"b", &o), Term::list(vec![Term::string("b"), Term::string(""), Term::string("b")]));
        let r = compile(b"(\\d+)", "").unwrap();
        assert_eq!(replace(&r, b"a1b22", b"<\\1>", true), b"a<1>b<22>".to_vec());
        let r = compile(b",", "").unwrap();
        assert_eq!(split(&r, b"a,b,,c", None, true, false), Term::list(vec![Term::string("a"), Term::string("b"), Term::string("c")]));
    }
}
