//! `Regex` on fancy-regex (PCRE's back-references and look-around; see [`engine`] for the
//! flags, offsets and the backtrack limit). A regex is Elixir's struct
//! `%Regex{source: "pat", opts: "flags", re_pattern: nil, re_version: nil}`; the compiled
//! form lives in the VM's cache (`Vm::bif.regex`) keyed by source and flags, so regexes built by `~r//`
//! (the compiler calls `Regex.compile!/2`), sent in messages or kept in state all work.

pub mod engine;
pub mod pattern;

use super::util::*;
use super::Ctx;
use crate::code::table::{CodeServer, NativeTable};
use crate::error::{Exception, Trap};
use crate::value::{Atom, MapT, Term};
use engine::{CompileFailure, Compiled, Span};
use std::collections::HashMap;
use std::rc::Rc;

pub type Re = Rc<Compiled>;

/// The compiled regexes of one VM (`Vm::bif.regex`), keyed by source and flags; failures are
/// cached too. It only grows, as the BEAM keeps a compiled pattern inside the struct itself.
pub type RegexCache = HashMap<(Vec<u8>, String), Result<Re, CompileFailure>>;

/// Compiles (or finds in `cache`) the regex for `source` with Elixir flags `opts` (already
/// checked to be among `imsxUuf`).
pub fn compile(cache: &mut RegexCache, source: &[u8], opts: &str) -> Result<Re, CompileFailure> {
    let key = (source.to_vec(), opts.to_string());
    if let Some(r) = cache.get(&key) {
        return r.clone();
    }
    let r = Compiled::new(source, opts).map(Rc::new);
    cache.insert(key, r.clone());
    r
}

fn field<'a>(m: &'a MapT, k: &str) -> Option<&'a Term> {
    m.get(&Term::atom(k))
}

/// If `t` is a `%Regex{}`, its compiled regex.
pub fn regex_of(cache: &mut RegexCache, t: &Term) -> Option<Result<Re, Trap>> {
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
    Some(compile(cache, &src, &opts).map_err(compile_error))
}

fn re(cache: &mut RegexCache, t: &Term) -> Result<Re, Trap> {
    match regex_of(cache, t) {
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

/// Flags given as a string (`"i"`) or a list of atoms (`[:caseless]`), as the string of
/// modifiers; `Err(rest)`: the modifiers from the first one Elixir does not know
/// (`{:invalid_option, rest}`).
fn opts_string(t: &Term) -> Result<Result<String, String>, Trap> {
    match t {
        Term::Binary(b) => {
            let s = String::from_utf8_lossy(b).into_owned();
            match s.char_indices().find(|(_, c)| !"imsxUuf".contains(*c)) {
                Some((i, _)) => Ok(Err(s[i..].to_string())),
                None => Ok(Ok(s)),
            }
        }
        Term::Nil | Term::Cons(_) => {
            let mut s = String::new();
            for o in list(t)? {
                match o.as_atom().map(|a| a.name()) {
                    Some("caseless") => s.push('i'),
                    Some("multiline") => s.push('m'),
                    Some("dotall") => s.push('s'),
                    Some("extended") => s.push('x'),
                    Some("ungreedy") => s.push('U'),
                    Some("firstline") => s.push('f'),
                    Some("unicode") | Some("ucp") => s.push('u'),
                    _ => return arg_errors(2, "invalid options"),
                }
            }
            Ok(Ok(s))
        }
        _ => badarg(),
    }
}

/// `Regex.compile/2`: `{:ok, regex}`, `{:error, {:invalid_option, rest}}` or
/// `{:error, {'message', offset}}` as Elixir 1.14 returns them.
fn compile_term(cache: &mut RegexCache, src: &Term, opts: &Term) -> R {
    let b = bytes(src)?;
    let o = match opts_string(opts)? {
        Ok(o) => o,
        Err(rest) => return Ok(error(Term::tuple(vec![Term::atom("invalid_option"), Term::string(&rest)]))),
    };
    Ok(match compile(cache, b, &o) {
        Ok(_) => ok(make_struct(src.clone(), &o)),
        Err(f) => error(Term::tuple(vec![charlist(&f.message), Term::Int(f.offset as i64)])),
    })
}

/// `Regex.compile!/2`: the regex, or `Regex.CompileError`.
fn compile_bang(cache: &mut RegexCache, src: &Term, opts: &Term) -> R {
    let r = compile_term(cache, src, opts)?;
    let Term::Tuple(t) = &r else { return Ok(r) };
    if t[0] == Term::atom("ok") {
        return Ok(t[1].clone());
    }
    let msg = match &t[1] {
        Term::Tuple(e) if e[0] == Term::atom("invalid_option") => {
            format!("invalid option {}", String::from_utf8_lossy(bytes(&e[1]).unwrap_or(b"")))
        }
        Term::Tuple(e) => {
            let m: String = list(&e[0])?.iter().filter_map(|c| if let Term::Int(i) = c { char::from_u32(*i as u32) } else { None }).collect();
            format!("{} at position {}", m, int(&e[1])?)
        }
        _ => String::new(),
    };
    Err(Exception::elixir("Elixir.Regex.CompileError", &msg).into())
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

fn group_term(subject: &[u8], m: Span, index: bool) -> Term {
    match (m, index) {
        (Some((a, b)), false) => Term::binary(subject[a..b].to_vec()),
        (Some((a, b)), true) => Term::tuple(vec![Term::Int(a as i64), Term::Int((b - a) as i64)]),
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

fn span(caps: &[Span], i: usize) -> Span {
    caps.get(i).copied().flatten()
}

/// PCRE reports groups up to the last one that matched.
fn reported(caps: &[Span]) -> usize {
    (0..caps.len()).rev().find(|i| caps[*i].is_some()).map(|i| i + 1).unwrap_or(1)
}

/// The capture list of one match as `Regex.run/3` returns it.
fn captures_term(r: &Compiled, subject: &[u8], caps: &[Span], o: &RunOpts) -> Term {
    let n = reported(caps);
    match &o.capture {
        Capture::All => Term::list((0..n).map(|i| group_term(subject, span(caps, i), o.index)).collect()),
        Capture::First => Term::list(vec![group_term(subject, span(caps, 0), o.index)]),
        Capture::AllButFirst => Term::list((1..n).map(|i| group_term(subject, span(caps, i), o.index)).collect()),
        Capture::None => Term::Nil,
        Capture::AllNames => Term::list(r.names.iter().map(|(_, i)| group_term(subject, span(caps, *i), o.index)).collect()),
        Capture::List(items) => Term::list(
            items
                .iter()
                .map(|it| {
                    let g = match it {
                        Term::Int(i) => span(caps, *i as usize),
                        other => r.group_of(&name_of(other)).and_then(|i| span(caps, i)),
                    };
                    group_term(subject, g, o.index)
                })
                .collect(),
        ),
    }
}

/// A subject that is not UTF-8 under the `u` flag: `:re.run/3`'s badarg.
fn not_utf8<T>() -> Result<T, Trap> {
    arg_error("argument error")
}

fn run(r: &Compiled, subject: &[u8], o: &RunOpts) -> R {
    if o.offset > subject.len() {
        return Ok(Term::NIL_ATOM);
    }
    match r.first(subject, o.offset).or_else(|_| not_utf8())? {
        None => Ok(Term::NIL_ATOM),
        Some(caps) => Ok(captures_term(r, subject, &caps, o)),
    }
}

fn scan(r: &Compiled, subject: &[u8], o: &RunOpts) -> R {
    if o.offset > subject.len() {
        return Ok(Term::Nil);
    }
    let all = r.matches(subject, o.offset, None).or_else(|_| not_utf8())?;
    Ok(Term::list(all.iter().map(|caps| captures_term(r, subject, caps, o)).collect()))
}

/// Expands Elixir's replacement string (`\\0`, `\\1`, `\\g{1}`) for one match.
fn expand(r: &Compiled, repl: &[u8], subject: &[u8], caps: &[Span], out: &mut Vec<u8>) {
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
                if let Some((a, b)) = span(caps, g) {
                    out.extend_from_slice(&subject[a..b]);
                }
                i = j;
                continue;
            }
            if n == b'g' && i + 2 < repl.len() && repl[i + 2] == b'{' {
                if let Some(close) = repl[i + 3..].iter().position(|b| *b == b'}') {
                    let name = String::from_utf8_lossy(&repl[i + 3..i + 3 + close]).into_owned();
                    let g = match name.parse::<usize>() {
                        Ok(g) => span(caps, g),
                        Err(_) => r.group_of(&name).and_then(|i| span(caps, i)),
                    };
                    if let Some((a, b)) = g {
                        out.extend_from_slice(&subject[a..b]);
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

/// `Regex.replace/4` with a replacement string (a subject that is not UTF-8 under `u` is
/// left as it is).
pub fn replace(r: &Compiled, subject: &[u8], repl: &[u8], global: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut last = 0;
    for caps in r.matches(subject, 0, if global { None } else { Some(1) }).unwrap_or_default() {
        let (a, b) = span(&caps, 0).unwrap_or((last, last));
        out.extend_from_slice(&subject[last..a]);
        expand(r, repl, subject, &caps, &mut out);
        last = b;
    }
    out.extend_from_slice(&subject[last..]);
    out
}

/// The pieces of `subject` around the matches: `[pre, [whole, g1, ...], pre, ..., rest]`
/// (for replacement by a fun, done in the language).
fn pieces(r: &Compiled, subject: &[u8], global: bool) -> R {
    let mut out = Vec::new();
    let mut last = 0;
    for caps in r.matches(subject, 0, if global { None } else { Some(1) }).or_else(|_| not_utf8())? {
        let (a, b) = span(&caps, 0).unwrap_or((last, last));
        out.push(Term::binary(subject[last..a].to_vec()));
        let n = reported(&caps);
        out.push(Term::list((0..n).map(|i| group_term(subject, span(&caps, i), false)).collect()));
        last = b;
    }
    out.push(Term::binary(subject[last..].to_vec()));
    Ok(Term::list(out))
}

/// `Regex.split/3`.
pub fn split(r: &Compiled, subject: &[u8], parts: Option<usize>, trim: bool, include: bool) -> Term {
    if subject.is_empty() {
        return if trim { Term::Nil } else { Term::list(vec![Term::string("")]) };
    }
    let mut out: Vec<Term> = Vec::new();
    let mut last = 0;
    let mut count = 0;
    for (a, b) in r.find_all(subject, None) {
        if let Some(p) = parts {
            if count + 1 >= p {
                break;
            }
        }
        let piece = &subject[last..a];
        if !(trim && piece.is_empty()) {
            out.push(Term::binary(piece.to_vec()));
            count += 1;
        }
        if include {
            out.push(Term::binary(subject[a..b].to_vec()));
        }
        last = b;
    }
    let rest = &subject[last..];
    if !(trim && rest.is_empty()) {
        out.push(Term::binary(rest.to_vec()));
    }
    Term::list(out)
}

/// `Regex.named_captures/3`: `%{name => capture}` of the first match, or nil.
fn named_captures(r: &Compiled, subject: &[u8], opts: &Term) -> R {
    let index = kw_get(opts, "return").map_or(false, |t| t.is_atom(Atom::intern("index")));
    match r.first(subject, 0).or_else(|_| not_utf8())? {
        None => Ok(Term::NIL_ATOM),
        Some(caps) => {
            let mut m = MapT::new();
            for (name, i) in &r.names {
                m.insert(Term::string(name), group_term(subject, span(&caps, *i), index));
            }
            Ok(Term::map(m))
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

fn compile_error(f: CompileFailure) -> Trap {
    Exception::elixir("Elixir.Regex.CompileError", &format!("{} at position {}", f.message, f.offset)).into()
}

pub fn register(c: &mut CodeServer) {
    c.register_table("Elixir.Regex", REGEX);
    c.register_table("Elixir.Kernel", KERNEL);
}

/// The natives of `Elixir.Regex`: `(name, arity, function)`.
const REGEX: NativeTable = &[
    ("compile", 1, |ctx, a| compile_term(&mut ctx.vm.bif.regex, &a[0], &Term::string(""))),
    ("compile", 2, |ctx, a| compile_term(&mut ctx.vm.bif.regex, &a[0], &a[1])),
    ("compile!", 1, |ctx, a| compile_bang(&mut ctx.vm.bif.regex, &a[0], &Term::string(""))),
    ("compile!", 2, |ctx, a| compile_bang(&mut ctx.vm.bif.regex, &a[0], &a[1])),
    ("match?", 2, |ctx, a| Ok(Term::bool(re(&mut ctx.vm.bif.regex, &a[0])?.is_match(bytes(&a[1])?)))),
    ("run", 2, |ctx, a| run(&*re(&mut ctx.vm.bif.regex, &a[0])?, bytes(&a[1])?, &run_opts(&Term::Nil)?)),
    ("run", 3, |ctx, a| run(&*re(&mut ctx.vm.bif.regex, &a[0])?, bytes(&a[1])?, &run_opts(&a[2])?)),
    ("scan", 2, |ctx, a| scan(&*re(&mut ctx.vm.bif.regex, &a[0])?, bytes(&a[1])?, &run_opts(&Term::Nil)?)),
    ("scan", 3, |ctx, a| scan(&*re(&mut ctx.vm.bif.regex, &a[0])?, bytes(&a[1])?, &run_opts(&a[2])?)),
    ("replace", 3, |ctx, a| regex_replace(&mut ctx.vm.bif.regex, &a[0], &a[1], &a[2], &Term::Nil)),
    ("replace", 4, |ctx, a| regex_replace(&mut ctx.vm.bif.regex, &a[0], &a[1], &a[2], &a[3])),
    ("__pieces__", 3, |ctx, a| pieces(&*re(&mut ctx.vm.bif.regex, &a[0])?, bytes(&a[1])?, a[2].is_truthy())),
    ("split", 2, |ctx, a| Ok(split(&*re(&mut ctx.vm.bif.regex, &a[0])?, bytes(&a[1])?, None, false, false))),
    ("split", 3, |ctx, a| {
        let parts = match kw_get(&a[2], "parts") {
            Some(Term::Int(n)) if n > 0 => Some(n as usize),
            _ => None,
        };
        let trim = kw_get(&a[2], "trim").map(|t| t.is_truthy()).unwrap_or(false);
        let inc = kw_get(&a[2], "include_captures").map(|t| t.is_truthy()).unwrap_or(false);
        Ok(split(&*re(&mut ctx.vm.bif.regex, &a[0])?, bytes(&a[1])?, parts, trim, inc))
    }),
    ("named_captures", 2, |ctx, a| named_captures(&*re(&mut ctx.vm.bif.regex, &a[0])?, bytes(&a[1])?, &Term::Nil)),
    ("named_captures", 3, |ctx, a| named_captures(&*re(&mut ctx.vm.bif.regex, &a[0])?, bytes(&a[1])?, &a[2])),
    ("names", 1, |ctx, a| {
        let r = re(&mut ctx.vm.bif.regex, &a[0])?;
        Ok(Term::list(r.names.iter().map(|(n, _)| Term::string(n)).collect()))
    }),
    ("source", 1, |_, a| match &a[0] {
        Term::Map(mm) => Ok(field(mm, "source").cloned().unwrap_or(Term::NIL_ATOM)),
        _ => badarg(),
    }),
    ("opts", 1, |_, a| match &a[0] {
        Term::Map(mm) => Ok(field(mm, "opts").cloned().unwrap_or(Term::NIL_ATOM)),
        _ => badarg(),
    }),
    ("escape", 1, |_, a| Ok(Term::binary(escape(bytes(&a[0])?)))),
    ("regex?", 1, |ctx, a| Ok(Term::bool(regex_of(&mut ctx.vm.bif.regex, &a[0]).is_some()))),
];

/// The natives of `Elixir.Kernel`: `(name, arity, function)`.
const KERNEL: NativeTable = &[
    ("=~", 2, |ctx, a| {
        let s = match &a[0] {
            Term::Binary(b) => b,
            _ => return Err(Exception::error(Term::atom("function_clause")).into()),
        };
        match &a[1] {
            Term::Binary(p) => Ok(Term::bool(p.is_empty() || s.windows(p.len()).any(|w| w == p.as_slice()))),
            other => Ok(Term::bool(re(&mut ctx.vm.bif.regex, other)?.is_match(s))),
        }
    }),
];

fn regex_replace(cache: &mut RegexCache, r: &Term, s: &Term, repl: &Term, opts: &Term) -> R {
    let global = kw_get(opts, "global").map(|t| t.is_truthy()).unwrap_or(true);
    match repl {
        Term::Binary(rb) => Ok(Term::binary(replace(&*re(cache, r)?, bytes(s)?, rb, global))),
        Term::Fun(_) => Err(Trap::Apply {
            callee: Term::atom("Elixir.Regex"),
            function: Some(Atom::intern("__replace_fun__")),
            args: vec![pieces(&*re(cache, r)?, bytes(s)?, global)?, repl.clone()],
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
        let r = compile(&mut RegexCache::new(), b"(a)|(b)", "").unwrap();
        let o = RunOpts { capture: Capture::All, index: false, offset: 0 };
        assert_eq!(run(&r, b"b", &o).unwrap(), Term::list(vec![Term::string("b"), Term::string(""), Term::string("b")]));
        let r = compile(&mut RegexCache::new(), b"(\\d+)", "").unwrap();
        assert_eq!(replace(&r, b"a1b22", b"<\\1>", true), b"a<1>b<22>".to_vec());
        let r = compile(&mut RegexCache::new(), b",", "").unwrap();
        assert_eq!(split(&r, b"a,b,,c", None, true, false), Term::list(vec![Term::string("a"), Term::string("b"), Term::string("c")]));
    }
}
