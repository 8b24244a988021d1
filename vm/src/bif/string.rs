//! Elixir's `String` (UTF-8 binaries; graphemes by `unicode-segmentation`), plus the leaf
//! halves of `IO` chardata helpers and `:unicode`/`:binary`. `String.replace/4` with a fun
//! replacement hands the pieces to `String.__replace_fun__/2` (language) with `Trap::Apply`.

use super::regex::{regex_of, Re};
use super::util::*;
use super::Ctx;
use crate::code::table::{CodeServer, NativeTable};
use crate::error::{Exception, Trap};
use crate::value::{Atom, Term};
use unicode_segmentation::UnicodeSegmentation;

fn s(t: &Term) -> Result<&str, Trap> {
    match t {
        Term::Binary(b) => std::str::from_utf8(b).or_else(|_| badarg()),
        _ => Err(Exception::error(Term::atom("function_clause")).into()),
    }
}

fn bin(x: &str) -> Term {
    Term::string(x)
}

fn arg_errors(what: &str) -> Trap {
    Exception::argument_error(&format!("errors were found at the given arguments:\n\n  * 1st argument: {}\n", what)).into()
}

/// A pattern: strings (longest match at the earliest position wins) or a regex.
enum Pat {
    Strs(Vec<Vec<u8>>),
    Re(Re),
}

fn pattern(cache: &mut super::regex::RegexCache, t: &Term) -> Result<Pat, Trap> {
    match t {
        Term::Binary(b) => Ok(Pat::Strs(vec![b.to_vec()])),
        Term::Nil | Term::Cons(_) => Ok(Pat::Strs(list(t)?.iter().map(|x| bytes(x).map(|b| b.to_vec())).collect::<Result<_, _>>()?)),
        other => match regex_of(cache, other) {
            Some(r) => Ok(Pat::Re(r?)),
            None => badarg(),
        },
    }
}

/// Every match `(start, end)` of `p` in `h`, non-overlapping, left to right. An empty
/// pattern matches between every two graphemes and at both ends.
fn matches(h: &[u8], p: &Pat, limit: Option<usize>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    match p {
        Pat::Re(r) => {
            for m in r.find_all(h, None) {
                if limit.map(|l| out.len() >= l).unwrap_or(false) {
                    break;
                }
                out.push(m);
            }
        }
        Pat::Strs(pats) => {
            if pats.iter().any(|p| p.is_empty()) {
                // between graphemes
                let st = String::from_utf8_lossy(h);
                let mut pos = vec![0];
                for (i, g) in st.grapheme_indices(true) {
                    pos.push(i + g.len());
                }
                if h.is_empty() {
                    return vec![(0, 0)];
                }
                for p in pos {
                    if limit.map(|l| out.len() >= l).unwrap_or(false) {
                        break;
                    }
                    out.push((p, p));
                }
                return out;
            }
            let mut i = 0;
            while i < h.len() {
                if limit.map(|l| out.len() >= l).unwrap_or(false) {
                    break;
                }
                let best = pats.iter().filter(|p| h[i..].starts_with(p)).map(|p| p.len()).max();
                match best {
                    Some(n) => {
                        out.push((i, i + n));
                        i += n;
                    }
                    None => i += 1,
                }
            }
        }
    }
    out
}

fn split(h: &[u8], p: &Pat, parts: Option<usize>, trim: bool) -> Term {
    let ms = matches(h, p, None);
    let mut out = Vec::new();
    let mut last = 0;
    for (a, b) in ms {
        if let Some(n) = parts {
            if out.len() + 1 >= n {
                break;
            }
        }
        let piece = &h[last..a];
        if !(trim && piece.is_empty()) {
            out.push(Term::binary(piece.to_vec()));
        }
        last = b;
    }
    let rest = &h[last..];
    if !(trim && rest.is_empty()) {
        out.push(Term::binary(rest.to_vec()));
    }
    Term::list(out)
}

fn is_ws(c: char) -> bool {
    c.is_whitespace() || c == '\u{85}'
}

/// `String.split/1`: the non-empty pieces of `b` between Unicode whitespace. As Elixir's
/// (`String.split/1` over `:unicode_util`), bytes that are not UTF-8 are never whitespace and
/// stay in the pieces: `"a\xFFb c"` splits into `[<<97, 255, 98>>, "c"]`.
fn split_ws(b: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let (mut start, mut pos) = (0, 0);
    for chunk in b.utf8_chunks() {
        for (i, c) in chunk.valid().char_indices() {
            if is_ws(c) {
                if start < pos + i {
                    out.push(&b[start..pos + i]);
                }
                start = pos + i + c.len_utf8();
            }
        }
        pos += chunk.valid().len() + chunk.invalid().len();
    }
    if start < b.len() {
        out.push(&b[start..]);
    }
    out
}

fn trim_with(st: &str, to_trim: Option<&str>, lead: bool, trail: bool) -> String {
    match to_trim {
        None => {
            let mut r = st;
            if lead {
                r = r.trim_start_matches(is_ws);
            }
            if trail {
                r = r.trim_end_matches(is_ws);
            }
            r.to_string()
        }
        Some(t) if t.is_empty() => st.to_string(),
        Some(t) => {
            let mut r = st;
            if lead {
                while let Some(x) = r.strip_prefix(t) {
                    r = x;
                }
            }
            if trail {
                while let Some(x) = r.strip_suffix(t) {
                    r = x;
                }
            }
            r.to_string()
        }
    }
}

fn graphemes(st: &str) -> Vec<&str> {
    st.graphemes(true).collect()
}

fn capitalize(st: &str) -> String {
    let mut g = st.graphemes(true);
    match g.next() {
        None => String::new(),
        Some(first) => {
            let rest: String = g.collect();
            format!("{}{}", upcase_first(first), rest.to_lowercase())
        }
    }
}

fn upcase_first(g: &str) -> String {
    // Elixir uses the titlecase mapping; it equals upcase except for a few digraphs.
    g.to_uppercase()
}

/// Normalises a grapheme index (negative from the end) against `len`.
fn gindex(i: i64, len: usize) -> Option<usize> {
    let i = if i < 0 { len as i64 + i } else { i };
    if i < 0 || i >= len as i64 {
        None
    } else {
        Some(i as usize)
    }
}

fn slice(st: &str, start: i64, len: i64) -> Term {
    let g = graphemes(st);
    let n = g.len() as i64;
    let start = if start < 0 { (n + start).max(0) } else { start };
    if start >= n || len <= 0 {
        return bin("");
    }
    let end = (start + len).min(n);
    bin(&g[start as usize..end as usize].concat())
}

fn slice_range(st: &str, r: &Term) -> R {
    let Term::Map(m) = r else { return badarg() };
    let (Some(Term::Int(first)), Some(Term::Int(last))) = (m.get(&Term::Atom(Atom::FIRST)), m.get(&Term::Atom(Atom::LAST))) else {
        return badarg();
    };
    let step = match m.get(&Term::Atom(Atom::STEP)) {
        Some(Term::Int(s)) => *s,
        _ => 1,
    };
    let g = graphemes(st);
    let n = g.len() as i64;
    let f = if *first < 0 { n + first } else { *first };
    let l = if *last < 0 { n + last } else { *last };
    let (f, l) = if step < 0 && first > last && *first >= 0 && *last >= 0 { (f, l) } else { (f, l) };
    let f = f.max(0);
    if f >= n || l < f {
        return Ok(bin(""));
    }
    let l = l.min(n - 1);
    if step > 1 {
        let picked: Vec<&str> = (f..=l).step_by(step as usize).map(|i| g[i as usize]).collect();
        return Ok(bin(&picked.concat()));
    }
    Ok(bin(&g[f as usize..=l as usize].concat()))
}

fn pad(st: &str, count: i64, padding: &str, leading: bool) -> R {
    if count < 0 {
        return Err(Exception::error(Term::atom("function_clause")).into());
    }
    let n = graphemes(st).len() as i64;
    if count <= n {
        return Ok(bin(st));
    }
    let pg = graphemes(padding);
    if pg.is_empty() {
        return Err(Exception::error(Term::atom("function_clause")).into());
    }
    super::limits::check_binary((count - n) as u64, 4)?;
    let need = (count - n) as usize;
    let p: String = (0..need).map(|i| pg[i % pg.len()]).collect();
    Ok(bin(&if leading { format!("{}{}", p, st) } else { format!("{}{}", st, p) }))
}

fn replace(cache: &mut super::regex::RegexCache, h: &[u8], pat: &Term, repl: &Term, global: bool) -> R {
    let p = pattern(cache, pat)?;
    if let Term::Fun(_) = repl {
        let ms = matches(h, &p, if global { None } else { Some(1) });
        let mut pieces = Vec::new();
        let mut last = 0;
        for (a, b) in ms {
            pieces.push(Term::binary(h[last..a].to_vec()));
            pieces.push(Term::binary(h[a..b].to_vec()));
            last = b;
        }
        pieces.push(Term::binary(h[last..].to_vec()));
        return Err(Trap::Apply {
            callee: Term::atom("Elixir.String"),
            function: Some(Atom::intern("__replace_fun__")),
            args: vec![Term::list(pieces), repl.clone()],
        });
    }
    let rb = bytes(repl)?;
    if let Pat::Re(r) = &p {
        return Ok(Term::binary(super::regex::replace(r, h, rb, global)));
    }
    let ms = matches(h, &p, if global { None } else { Some(1) });
    let mut out = Vec::with_capacity(h.len());
    let mut last = 0;
    for (a, b) in ms {
        out.extend_from_slice(&h[last..a]);
        out.extend_from_slice(rb);
        last = b;
    }
    out.extend_from_slice(&h[last..]);
    Ok(Term::binary(out))
}

fn prefixes(t: &Term) -> Result<Vec<Vec<u8>>, Trap> {
    match t {
        Term::Binary(b) => Ok(vec![b.to_vec()]),
        Term::Nil | Term::Cons(_) => list(t)?.iter().map(|x| bytes(x).map(|b| b.to_vec())).collect(),
        _ => badarg(),
    }
}

fn contains(cache: &mut super::regex::RegexCache, h: &[u8], p: &Term) -> R {
    match pattern(cache, p)? {
        Pat::Re(r) => Ok(Term::bool(r.is_match(h))),
        Pat::Strs(ps) => Ok(Term::bool(ps.iter().any(|p| p.is_empty() || h.windows(p.len()).any(|w| w == p.as_slice())))),
    }
}

fn printable(b: &[u8]) -> bool {
    match std::str::from_utf8(b) {
        Ok(st) => st.chars().all(|c| {
            let u = c as u32;
            (0x20..0x7f).contains(&u)
                || matches!(c, '\n' | '\r' | '\t' | '\x0b' | '\x0c' | '\x08' | '\x1b' | '\x07')
                || (0xa0..0xd800).contains(&u)
                || (0xe000..0xfffe).contains(&u)
                || (0x10000..0x110000).contains(&u)
        }),
        Err(_) => false,
    }
}

fn next_grapheme(st: &str) -> Term {
    match st.graphemes(true).next() {
        None => Term::NIL_ATOM,
        Some(g) => Term::tuple(vec![bin(g), bin(&st[g.len()..])]),
    }
}

pub fn register(c: &mut CodeServer) {
    c.register_table("Elixir.String", STRING);
    c.register_table("Elixir.IO", I_O);
    c.register_table("Elixir.Kernel", KERNEL);
    c.register_table("unicode", UNICODE);
    c.register_table("binary", BINARY);
}

/// The natives of `Elixir.String`: `(name, arity, function)`.
const STRING: NativeTable = &[
    ("length", 1, |_, a| Ok(Term::Int(s(&a[0])?.graphemes(true).count() as i64))),
    ("upcase", 1, |_, a| Ok(bin(&s(&a[0])?.to_uppercase()))),
    ("upcase", 2, |_, a| {
        let st = s(&a[0])?;
        Ok(bin(&if a[1].is_atom(Atom::intern("ascii")) { st.to_ascii_uppercase() } else { st.to_uppercase() }))
    }),
    ("downcase", 1, |_, a| Ok(bin(&s(&a[0])?.to_lowercase()))),
    ("downcase", 2, |_, a| {
        let st = s(&a[0])?;
        Ok(bin(&if a[1].is_atom(Atom::intern("ascii")) { st.to_ascii_lowercase() } else { st.to_lowercase() }))
    }),
    ("capitalize", 1, |_, a| Ok(bin(&capitalize(s(&a[0])?)))),
    ("capitalize", 2, |_, a| Ok(bin(&capitalize(s(&a[0])?)))),
    ("trim", 1, |_, a| Ok(bin(&trim_with(s(&a[0])?, None, true, true)))),
    ("trim", 2, |_, a| Ok(bin(&trim_with(s(&a[0])?, Some(s(&a[1])?), true, true)))),
    ("trim_leading", 1, |_, a| Ok(bin(&trim_with(s(&a[0])?, None, true, false)))),
    ("trim_leading", 2, |_, a| Ok(bin(&trim_with(s(&a[0])?, Some(s(&a[1])?), true, false)))),
    ("trim_trailing", 1, |_, a| Ok(bin(&trim_with(s(&a[0])?, None, false, true)))),
    ("trim_trailing", 2, |_, a| Ok(bin(&trim_with(s(&a[0])?, Some(s(&a[1])?), false, true)))),
    ("split", 1, |_, a| Ok(Term::list(split_ws(bytes(&a[0])?).into_iter().map(|w| Term::binary(w.to_vec())).collect()))),
    ("split", 2, |ctx, a| Ok(split(bytes(&a[0])?, &pattern(&mut ctx.vm.bif.regex, &a[1])?, None, false))),
    ("split", 3, |ctx, a| {
        let parts = match kw_get(&a[2], "parts") {
            Some(Term::Int(n)) if n > 0 => Some(n as usize),
            _ => None,
        };
        let trim = kw_get(&a[2], "trim").map(|t| t.is_truthy()).unwrap_or(false);
        Ok(split(bytes(&a[0])?, &pattern(&mut ctx.vm.bif.regex, &a[1])?, parts, trim))
    }),
    ("split_at", 2, |_, a| {
        let st = s(&a[0])?;
        let g = graphemes(st);
        let n = g.len() as i64;
        let i = int(&a[1])?;
        let i = if i < 0 { (n + i).max(0) } else { i.min(n) } as usize;
        Ok(Term::tuple(vec![bin(&g[..i].concat()), bin(&g[i..].concat())]))
    }),
    ("replace", 3, |ctx, a| replace(&mut ctx.vm.bif.regex, bytes(&a[0])?, &a[1], &a[2], true)),
    ("replace", 4, |ctx, a| {
        let global = kw_get(&a[3], "global").map(|t| t.is_truthy()).unwrap_or(true);
        replace(&mut ctx.vm.bif.regex, bytes(&a[0])?, &a[1], &a[2], global)
    }),
    ("replace_prefix", 3, |_, a| {
        let (h, p, r) = (bytes(&a[0])?, bytes(&a[1])?, bytes(&a[2])?);
        Ok(match h.strip_prefix(p) {
            Some(rest) => Term::binary([r, rest].concat()),
            None => a[0].clone(),
        })
    }),
    ("replace_suffix", 3, |_, a| {
        let (h, p, r) = (bytes(&a[0])?, bytes(&a[1])?, bytes(&a[2])?);
        Ok(match h.strip_suffix(p) {
            Some(rest) => Term::binary([rest, r].concat()),
            None => a[0].clone(),
        })
    }),
    ("replace_leading", 3, |_, a| {
        let (mut h, p, r) = (bytes(&a[0])?, bytes(&a[1])?, bytes(&a[2])?);
        let mut out = Vec::new();
        while !p.is_empty() && h.starts_with(p) {
            out.extend_from_slice(r);
            h = &h[p.len()..];
        }
        out.extend_from_slice(h);
        Ok(Term::binary(out))
    }),
    ("replace_trailing", 3, |_, a| {
        let (mut h, p, r) = (bytes(&a[0])?, bytes(&a[1])?, bytes(&a[2])?);
        let mut n = 0;
        while !p.is_empty() && h.ends_with(p) {
            n += 1;
            h = &h[..h.len() - p.len()];
        }
        let mut out = h.to_vec();
        for _ in 0..n {
            out.extend_from_slice(r);
        }
        Ok(Term::binary(out))
    }),
    ("contains?", 2, |ctx, a| contains(&mut ctx.vm.bif.regex, bytes(&a[0])?, &a[1])),
    ("match?", 2, |ctx, a| match regex_of(&mut ctx.vm.bif.regex, &a[1]) {
        Some(r) => Ok(Term::bool(r?.is_match(bytes(&a[0])?))),
        None => badarg(),
    }),
    ("starts_with?", 2, |_, a| {
        let h = bytes(&a[0])?;
        Ok(Term::bool(prefixes(&a[1])?.iter().any(|p| h.starts_with(p))))
    }),
    ("ends_with?", 2, |_, a| {
        let h = bytes(&a[0])?;
        Ok(Term::bool(prefixes(&a[1])?.iter().any(|p| h.ends_with(p))))
    }),
    ("slice", 2, |_, a| slice_range(s(&a[0])?, &a[1])),
    ("slice", 3, |_, a| match (&a[1], &a[2]) {
        (Term::Int(start), Term::Int(len)) if *len >= 0 => Ok(slice(s(&a[0])?, *start, *len)),
        _ => Err(Exception::error(Term::atom("function_clause")).into()),
    }),
    ("at", 2, |_, a| {
        let Term::Int(i) = a[1] else { return Err(Exception::error(Term::atom("function_clause")).into()) };
        let g = graphemes(s(&a[0])?);
        Ok(gindex(i, g.len()).map(|i| bin(g[i])).unwrap_or(Term::NIL_ATOM))
    }),
    ("first", 1, |_, a| Ok(s(&a[0])?.graphemes(true).next().map(bin).unwrap_or(Term::NIL_ATOM))),
    ("last", 1, |_, a| Ok(s(&a[0])?.graphemes(true).next_back().map(bin).unwrap_or(Term::NIL_ATOM))),
    ("graphemes", 1, |_, a| Ok(Term::list(s(&a[0])?.graphemes(true).map(bin).collect()))),
    ("codepoints", 1, |_, a| {
        Ok(Term::list(s(&a[0])?.chars().map(|ch| bin(ch.encode_utf8(&mut [0u8; 4]))).collect()))
    }),
    ("next_grapheme", 1, |_, a| Ok(next_grapheme(s(&a[0])?))),
    ("next_codepoint", 1, |_, a| {
        let st = s(&a[0])?;
        Ok(match st.chars().next() {
            None => Term::NIL_ATOM,
            Some(ch) => Term::tuple(vec![bin(ch.encode_utf8(&mut [0u8; 4])), bin(&st[ch.len_utf8()..])]),
        })
    }),
    ("reverse", 1, |_, a| Ok(bin(&s(&a[0])?.graphemes(true).rev().collect::<String>()))),
    ("pad_leading", 2, |_, a| pad(s(&a[0])?, int(&a[1])?, " ", true)),
    ("pad_leading", 3, |_, a| pad(s(&a[0])?, int(&a[1])?, s(&a[2])?, true)),
    ("pad_trailing", 2, |_, a| pad(s(&a[0])?, int(&a[1])?, " ", false)),
    ("pad_trailing", 3, |_, a| pad(s(&a[0])?, int(&a[1])?, s(&a[2])?, false)),
    ("duplicate", 2, |_, a| {
        let n = int(&a[1])?;
        if n < 0 {
            return bif_badarg("binary", "copy", a, &[(2, "out of range")]);
        }
        let b = bytes(&a[0])?;
        super::limits::check_binary(n as u64, b.len() as u64)?;
        Ok(Term::binary(b.repeat(n as usize)))
    }),
    ("to_integer", 1, |_, a| {
        if !matches!(a[0], Term::Binary(_)) {
            return bif_badarg("erlang", "binary_to_integer", a, &[(1, "not a binary")]);
        }
        super::math::parse_integer_strict(s(&a[0])?, 10).map_err(|_| arg_errors("not a textual representation of an integer"))
    }),
    ("to_integer", 2, |_, a| {
        let base = int(&a[1])?;
        if !(2..=36).contains(&base) {
            return bif_badarg("erlang", "binary_to_integer", a, &[(2, "not an integer in the range 2 through 36")]);
        }
        super::math::parse_integer_strict(s(&a[0])?, base as u32).map_err(|_| arg_errors("not a textual representation of an integer"))
    }),
    ("to_float", 1, |_, a| {
        super::math::parse_float_strict(s(&a[0])?).map_err(|_| arg_errors("not a textual representation of a float"))
    }),
    ("to_atom", 1, |_, a| match &a[0] {
        Term::Binary(_) => Ok(Term::Atom(Atom::intern(s(&a[0])?))),
        _ => bif_badarg("erlang", "binary_to_atom", &[a[0].clone(), Term::atom("utf8")], &[(1, "not a binary")]),
    }),
    ("to_existing_atom", 1, |_, a| match Atom::existing(s(&a[0])?) {
        Some(x) => Ok(Term::Atom(x)),
        None => Err(arg_errors("not an already existing atom")),
    }),
    ("to_charlist", 1, |_, a| Ok(charlist(s(&a[0])?))),
    ("printable?", 1, |_, a| Ok(Term::bool(printable(bytes(&a[0])?)))),
    ("printable?", 2, |_, a| Ok(Term::bool(printable(bytes(&a[0])?)))),
    ("valid?", 1, |_, a| Ok(Term::bool(std::str::from_utf8(bytes(&a[0])?).is_ok()))),
    ("equivalent?", 2, |_, a| Ok(Term::bool(bytes(&a[0])? == bytes(&a[1])?))),
    ("byte_slice", 3, |_, a| {
        let b = bytes(&a[0])?;
        let (st, n) = (int(&a[1])?, int(&a[2])?);
        let st = if st < 0 { (b.len() as i64 + st).max(0) } else { st } as usize;
        if st >= b.len() {
            return Ok(bin(""));
        }
        let e = (st + n.max(0) as usize).min(b.len());
        Ok(Term::binary(b[st..e].to_vec()))
    }),
    ("jaro_distance", 2, |_, a| Ok(Term::Float(jaro(s(&a[0])?, s(&a[1])?)))),
    ("to_string", 1, |_, a| Ok(crate::value::construct::to_str(&a[0])?)),
];

/// The natives of `Elixir.IO`: `(name, arity, function)`.
const I_O: NativeTable = &[
    ("chardata_to_string", 1, |_, a| match text(&a[0]) {
        Some(b) => Ok(Term::binary(b)),
        None => badarg(),
    }),
    ("iodata_length", 1, |_, a| {
        let mut out = Vec::new();
        match iodata_bytes(&a[0], &mut out) {
            true => Ok(Term::Int(out.len() as i64)),
            false => Err(arg_errors("not an iodata term")),
        }
    }),
];

/// The natives of `Elixir.Kernel`: `(name, arity, function)`.
const KERNEL: NativeTable = &[
    ("iodata_length", 1, |_, a| {
        let mut out = Vec::new();
        match iodata_bytes(&a[0], &mut out) {
            true => Ok(Term::Int(out.len() as i64)),
            false => Err(arg_errors("not an iodata term")),
        }
    }),
];

/// The natives of `unicode`: `(name, arity, function)`.
const UNICODE: NativeTable = &[
    ("characters_to_binary", 1, |_, a| match text(&a[0]) {
        Some(b) => Ok(Term::binary(b)),
        None => badarg(),
    }),
    ("characters_to_list", 1, |_, a| match text(&a[0]) {
        Some(b) => Ok(charlist(&String::from_utf8_lossy(&b))),
        None => badarg(),
    }),
];

/// The natives of `binary`: `(name, arity, function)`.
const BINARY: NativeTable = &[
    ("decode_unsigned", 1, |_, a| {
        let mut n = num_bigint::BigInt::from(0);
        for &x in bytes(&a[0])? {
            n = n * 256 + x;
        }
        Ok(Term::from_bigint(n))
    }),
    ("encode_unsigned", 1, |_, a| {
        let n = super::math::big(&a[0])?;
        let (_, v) = n.to_bytes_be();
        Ok(Term::binary(v))
    }),
    ("part", 3, |_, a| {
        let b = bytes(&a[0])?;
        let (st, l) = (int(&a[1])?, int(&a[2])?);
        let (st, e) = if l >= 0 { (st, st + l) } else { (st + l, st) };
        if st < 0 || e as usize > b.len() {
            return badarg();
        }
        Ok(Term::binary(b[st as usize..e as usize].to_vec()))
    }),
    ("part", 2, |_, a| match &a[1] {
        Term::Tuple(t) if t.len() == 2 => {
            let b = bytes(&a[0])?;
            let (st, l) = (int(&t[0])?, int(&t[1])?);
            let (st, e) = if l >= 0 { (st, st + l) } else { (st + l, st) };
            if st < 0 || e as usize > b.len() {
                return badarg();
            }
            Ok(Term::binary(b[st as usize..e as usize].to_vec()))
        }
        _ => badarg(),
    }),
    ("split", 2, |ctx, a| Ok(split(bytes(&a[0])?, &pattern(&mut ctx.vm.bif.regex, &a[1])?, Some(2), false))),
    ("split", 3, |ctx, a| {
        let global = list(&a[2])?.iter().any(|o| o.is_atom(Atom::intern("global")));
        let trim = list(&a[2])?.iter().any(|o| o.is_atom(Atom::intern("trim_all")));
        Ok(split(bytes(&a[0])?, &pattern(&mut ctx.vm.bif.regex, &a[1])?, if global { None } else { Some(2) }, trim))
    }),
    ("copy", 1, |_, a| Ok(a[0].clone())),
    ("copy", 2, |_, a| {
        let n = int(&a[1])?;
        if n < 0 {
            return bif_badarg("binary", "copy", a, &[(2, "out of range")]);
        }
        let b = bytes(&a[0])?;
        super::limits::check_binary(n as u64, b.len() as u64)?;
        Ok(Term::binary(b.repeat(n as usize)))
    }),
    ("first", 1, |_, a| bytes(&a[0])?.first().map(|x| Term::Int(*x as i64)).map(Ok).unwrap_or_else(badarg)),
    ("last", 1, |_, a| bytes(&a[0])?.last().map(|x| Term::Int(*x as i64)).map(Ok).unwrap_or_else(badarg)),
    ("at", 2, |_, a| {
        let b = bytes(&a[0])?;
        match b.get(int(&a[1])? as usize) {
            Some(x) => Ok(Term::Int(*x as i64)),
            None => badarg(),
        }
    }),
    ("bin_to_list", 1, |_, a| Ok(Term::list(bytes(&a[0])?.iter().map(|x| Term::Int(*x as i64)).collect()))),
    ("match", 2, |ctx, a| {
        let h = bytes(&a[0])?;
        Ok(match matches(h, &pattern(&mut ctx.vm.bif.regex, &a[1])?, Some(1)).first() {
            Some((s, e)) => Term::tuple(vec![Term::Int(*s as i64), Term::Int((e - s) as i64)]),
            None => Term::atom("nomatch"),
        })
    }),
    ("matches", 2, |ctx, a| {
        let h = bytes(&a[0])?;
        Ok(Term::list(matches(h, &pattern(&mut ctx.vm.bif.regex, &a[1])?, None).iter().map(|(s, e)| Term::tuple(vec![Term::Int(*s as i64), Term::Int((e - s) as i64)])).collect()))
    }),
];

fn jaro(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let range = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut am = vec![false; a.len()];
    let mut bm = vec![false; b.len()];
    let mut m = 0.0;
    for i in 0..a.len() {
        let lo = i.saturating_sub(range);
        let hi = (i + range + 1).min(b.len());
        for j in lo..hi {
            if !bm[j] && a[i] == b[j] {
                am[i] = true;
                bm[j] = true;
                m += 1.0;
                break;
            }
        }
    }
    if m == 0.0 {
        return 0.0;
    }
    let mut t = 0.0;
    let mut k = 0;
    for i in 0..a.len() {
        if am[i] {
            while !bm[k] {
                k += 1;
            }
            if a[i] != b[k] {
                t += 1.0;
            }
            k += 1;
        }
    }
    (m / a.len() as f64 + m / b.len() as f64 + (m - t / 2.0) / m) / 3.0
}

#[allow(dead_code)]
fn _unused(_: &mut Ctx) {}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn split_and_trim() {
        let p = Pat::Strs(vec![b"".to_vec()]);
        assert_eq!(split(b"abc", &p, None, false), Term::list(vec![bin(""), bin("a"), bin("b"), bin("c"), bin("")]));
        let p = Pat::Strs(vec![b",".to_vec()]);
        assert_eq!(split(b"a,b,,c,", &p, Some(3), false), Term::list(vec![bin("a"), bin("b"), bin(",c,")]));
        let p = Pat::Strs(vec![b" ".to_vec()]);
        assert_eq!(split(b" a  b ", &p, Some(2), true), Term::list(vec![bin("a"), bin(" b ")]));
        assert_eq!(trim_with("aaabaaa", Some("a"), true, true), "b");
        assert_eq!(slice_range("hello", &range(1, -1)).unwrap(), bin("ello"));
        assert_eq!(slice_range("hello", &range(3, 1)).unwrap(), bin(""));
    }
    fn range(f: i64, l: i64) -> Term {
        super::atom_map(&[("__struct__", Term::atom("Elixir.Range")), ("first", Term::Int(f)), ("last", Term::Int(l)), ("step", Term::Int(1))])
    }
}
