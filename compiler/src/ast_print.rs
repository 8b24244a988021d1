//! Prints an [`Ast`] in the parser oracle's normal form: Elixir's
//! `inspect(quoted, limit: :infinity, printable_limit: :infinity, charlists: :as_lists)` with
//! every metadata list shown as `[]` except `[no_parens: true]`
//! (see `compiler/tests/data/parser-oracle/`).

use crate::ast::Ast;
use std::fmt::{self, Write};

/// Writes `ast` in the oracle's normal form.
pub fn write_ast(ast: &Ast, f: &mut fmt::Formatter) -> fmt::Result {
    let mut s = String::new();
    print(ast, &mut s);
    f.write_str(&s)
}

/// The oracle's normal form as a string.
pub fn to_oracle_string(ast: &Ast) -> String {
    let mut s = String::new();
    print(ast, &mut s);
    s
}

fn print(ast: &Ast, out: &mut String) {
    match ast {
        Ast::Int(n) => write!(out, "{}", n).unwrap(),
        Ast::BigInt(d) => out.push_str(d),
        Ast::Float(x) => out.push_str(&float(*x)),
        Ast::Atom(a) => out.push_str(&atom(a)),
        Ast::Str(s) => out.push_str(&string(s)),
        Ast::List(items) => {
            out.push('[');
            let keyword = !items.is_empty()
                && items.iter().all(|i| matches!(i, Ast::Pair(k, _) if matches!(**k, Ast::Atom(_))));
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match item {
                    Ast::Pair(k, v) if keyword => {
                        if let Ast::Atom(k) = &**k {
                            out.push_str(&key(k));
                        }
                        out.push(' ');
                        print(v, out);
                    }
                    _ => print(item, out),
                }
            }
            out.push(']');
        }
        Ast::Pair(a, b) => {
            out.push('{');
            print(a, out);
            out.push_str(", ");
            print(b, out);
            out.push('}');
        }
        Ast::Node { head, meta, args } => {
            out.push('{');
            print(head, out);
            out.push_str(if meta.no_parens { ", [no_parens: true], " } else { ", [], " });
            match args {
                None => out.push_str("nil"),
                Some(a) => print(&Ast::List(a.clone()), out),
            }
            out.push('}');
        }
    }
}

/// Erlang's `io_lib_format:fwrite_g/1` as Elixir's `inspect` uses it.
pub fn float(x: f64) -> String {
    if x.is_finite() && x.abs() >= 1.0 && x.abs() < 1.0e16 && x.trunc() == x {
        return format!("{}.0", x as i64);
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let e = format!("{:e}", x.abs());
    let (mant, exp) = e.split_once('e').unwrap();
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    let exp: i64 = exp.parse().unwrap();
    let place = exp + 1;
    let len = digits.len() as i64;
    let exp_str = (place - 1).to_string();
    let exp_dot = if len == 1 { 2 } else { 1 };
    let exp_cost = exp_str.len() as i64 + 1 + exp_dot;
    let with_exp = || {
        let (first, rest) = digits.split_at(1);
        if rest.is_empty() { format!("{}.0e{}", first, exp_str) } else { format!("{}.{}e{}", first, rest, exp_str) }
    };
    let body = if place == 0 {
        format!("0.{}", digits)
    } else if place < 0 {
        if 2 - place <= exp_cost { format!("0.{}{}", "0".repeat((-place) as usize), digits) } else { with_exp() }
    } else if place >= len {
        if place - len + 2 <= exp_cost { format!("{}{}.0", digits, "0".repeat((place - len) as usize)) } else { with_exp() }
    } else {
        let (a, b) = digits.split_at(place as usize);
        format!("{}.{}", a, b)
    };
    format!("{}{}", sign, body)
}

const OPERATOR_ATOMS: &[&str] = &[
    "+", "-", "*", "/", "**", "++", "--", "+++", "---", "<>", "..", "...", "..//", ".", "\\\\", "|>", "<<<",
    ">>>", "<<~", "~>>", "<~", "~>", "<~>", "|", "||", "|||", "&", "&&", "&&&", "==", "!=", "=~", "===", "!==",
    "=", "<", ">", "<=", ">=", "<-", "->", "!", "^", "@", "%{}", "{}", "%", "<<>>",
];

fn is_identifier_atom(a: &str) -> bool {
    let mut chars = a.chars().peekable();
    let Some(first) = chars.next() else { return false };
    if !(first.is_alphabetic() || first == '_') {
        return false;
    }
    let body: Vec<char> = a.chars().collect();
    let n = body.len();
    for (i, c) in body.iter().enumerate().skip(1) {
        let ok = c.is_alphanumeric() || *c == '_' || *c == '@' || ((*c == '?' || *c == '!') && i == n - 1);
        if !ok {
            return false;
        }
    }
    true
}

fn is_alias_atom(a: &str) -> bool {
    a.split('.').all(|seg| {
        let mut cs = seg.chars();
        cs.next().is_some_and(|c| c.is_ascii_uppercase()) && cs.all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// An atom as `inspect` prints it.
pub fn atom(a: &str) -> String {
    match a {
        "nil" | "true" | "false" => return a.to_string(),
        _ => {}
    }
    if let Some(rest) = a.strip_prefix("Elixir.") {
        if is_alias_atom(rest) {
            return rest.to_string();
        }
    }
    if is_identifier_atom(a) || OPERATOR_ATOMS.contains(&a) {
        format!(":{}", a)
    } else {
        format!(":{}", text_string(a))
    }
}

/// A keyword key (`key:` form).
pub fn key(a: &str) -> String {
    if is_identifier_atom(a) || (OPERATOR_ATOMS.contains(&a) && a != "%{}" && a != "{}" && a != "<<>>") {
        format!("{}:", a)
    } else {
        format!("{}:", text_string(a))
    }
}

/// A binary literal as Elixir inspects it: a string with Elixir's escapes when the bytes are
/// UTF-8, else `<<b1, b2, ...>>` (`"\xFF"` is `<<255>>`).
pub fn string(s: &[u8]) -> String {
    match std::str::from_utf8(s) {
        Ok(text) => text_string(text),
        Err(_) => format!("<<{}>>", s.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(", ")),
    }
}

/// A string literal of `s` with Elixir's escapes.
pub fn text_string(s: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\x1b' => out.push_str("\\e"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0b' => out.push_str("\\v"),
            '\x0c' => out.push_str("\\f"),
            '\0' => out.push_str("\\0"),
            '\x7f' => out.push_str("\\d"),
            '#' if chars.peek() == Some(&'{') => out.push_str("\\#"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
