//! Terms in Erlang syntax, as `io_lib:write/1` (`~w`) and, without line breaking,
//! `io_lib:print/1` (`~p`) print them in OTP 25: atoms quoted when they are not plain
//! (`'Elixir.Foo'`), `[1,2]`, `{a,b}`, `#{a => 1,b => 2}`, `<<1,2>>`, floats in their
//! shortest round-trip form, `<0.N.0>`, `#Ref<0.0.0.N>`, `fun M:F/A`. `~p` prints lists of
//! printable Latin-1 characters as `"..."` and binaries of them as `<<"...">>`. Nesting is
//! walked with an explicit stack.

use crate::value::{Fun, Term};

#[derive(Clone, Copy, PartialEq)]
pub enum Mode {
    Write,
    Print,
}

const RESERVED: &[&str] = &[
    "after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor", "case", "catch", "cond", "div", "end", "fun", "if", "let", "maybe", "not", "of", "or", "orelse", "receive", "rem", "try", "when", "xor",
];

/// An atom as Erlang writes it: bare when it starts with a lowercase letter and has only
/// letters, digits, `_` and `@` (and is not a reserved word), else single-quoted.
pub fn atom_text(name: &str) -> String {
    let mut cs = name.chars();
    let plain = matches!(cs.next(), Some(c) if c.is_ascii_lowercase() || ('ß'..='ÿ').contains(&c) && c != '÷')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '@' || (('À'..='ÿ').contains(&c) && c != '×' && c != '÷'))
        && !RESERVED.contains(&name);
    if plain {
        return name.to_string();
    }
    let mut s = String::from("'");
    for c in name.chars() {
        escape_char(c, '\'', &mut s);
    }
    s.push('\'');
    s
}

fn escape_char(c: char, quote: char, s: &mut String) {
    match c {
        '\n' => s.push_str("\\n"),
        '\t' => s.push_str("\\t"),
        '\r' => s.push_str("\\r"),
        '\x0b' => s.push_str("\\v"),
        '\x08' => s.push_str("\\b"),
        '\x0c' => s.push_str("\\f"),
        '\x1b' => s.push_str("\\e"),
        '\x7f' => s.push_str("\\d"),
        '\\' => s.push_str("\\\\"),
        c if c == quote => {
            s.push('\\');
            s.push(c);
        }
        c if (c as u32) < 32 => s.push_str(&format!("\\^{}", ((c as u8) + 64) as char)),
        c => s.push(c),
    }
}

/// Printable in a list (Latin-1); a binary is printed as text only when 7-bit.
fn printable(c: i64) -> bool {
    (32..=126).contains(&c) || (160..=255).contains(&c) || matches!(c, 8..=13 | 27)
}

/// The characters of `t` if it is a non-empty proper list of printable Latin-1 characters.
fn printable_list(t: &Term) -> Option<String> {
    let mut s = String::new();
    let mut cur = t;
    while let Term::Cons(c) = cur {
        match c.head {
            Term::Int(i) if printable(i) => s.push(char::from_u32(i as u32)?),
            _ => return None,
        }
        cur = &c.tail;
    }
    (matches!(cur, Term::Nil) && !s.is_empty()).then_some(s)
}

enum Item<'a> {
    T(&'a Term),
    S(&'static str),
}

/// `t` in Erlang syntax.
pub fn write_term(t: &Term, mode: Mode) -> String {
    let mut out = String::new();
    let mut work = vec![Item::T(t)];
    while let Some(item) = work.pop() {
        let t = match item {
            Item::S(s) => {
                out.push_str(s);
                continue;
            }
            Item::T(t) => t,
        };
        match t {
            Term::Int(i) => out.push_str(&i.to_string()),
            Term::Big(b) => out.push_str(&b.to_string()),
            Term::Float(f) => out.push_str(&crate::value::float_fmt::float_to_short(*f)),
            Term::Atom(a) => out.push_str(&atom_text(a.name())),
            Term::Nil => out.push_str("[]"),
            Term::Cons(_) => {
                if mode == Mode::Print {
                    if let Some(s) = printable_list(t) {
                        out.push('"');
                        for c in s.chars() {
                            escape_char(c, '"', &mut out);
                        }
                        out.push('"');
                        continue;
                    }
                }
                out.push('[');
                let mut items = Vec::new();
                let mut cur = t;
                while let Term::Cons(c) = cur {
                    items.push(&c.head);
                    cur = &c.tail;
                }
                work.push(Item::S("]"));
                if !matches!(cur, Term::Nil) {
                    work.push(Item::T(cur));
                    work.push(Item::S("|"));
                }
                for (i, x) in items.into_iter().enumerate().rev() {
                    work.push(Item::T(x));
                    if i > 0 {
                        work.push(Item::S(","));
                    }
                }
            }
            Term::Tuple(tb) => {
                out.push('{');
                work.push(Item::S("}"));
                for (i, x) in tb.iter().enumerate().rev() {
                    work.push(Item::T(x));
                    if i > 0 {
                        work.push(Item::S(","));
                    }
                }
            }
            Term::Map(m) => {
                out.push_str("#{");
                work.push(Item::S("}"));
                let pairs: Vec<_> = m.iter().collect();
                for (i, (k, v)) in pairs.into_iter().enumerate().rev() {
                    work.push(Item::T(v));
                    work.push(Item::S(" => "));
                    work.push(Item::T(k));
                    if i > 0 {
                        work.push(Item::S(","));
                    }
                }
            }
            Term::Binary(b) => {
                let bytes = b.as_slice();
                if !bytes.is_empty() && bytes.iter().all(|c| *c < 127 && printable(*c as i64)) {
                    out.push_str("<<\"");
                    for &c in bytes {
                        escape_char(c as char, '"', &mut out);
                    }
                    out.push_str("\">>");
                } else {
                    out.push_str("<<");
                    out.push_str(&bytes.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(","));
                    out.push_str(">>");
                }
            }
            Term::Pid(p) => out.push_str(&format!("<{}>", crate::dist::ext::pid_text(*p))),
            Term::Ref(r) if r & crate::value::term::PORT_BIT != 0 => out.push_str(&format!("#Port<0.{}>", r & !crate::value::term::PORT_BIT)),
            Term::Ref(r) => out.push_str(&format!("#Ref<{}>", crate::dist::ext::ref_text(*r))),
            Term::Fun(f) => match &**f {
                Fun::External { module, function, arity } => {
                    out.push_str(&format!("fun {}:{}/{}", atom_text(module.name()), atom_text(function.name()), arity))
                }
                Fun::Foreign(ff) => out.push_str(&format!("#Fun<{}.{}.{}>", ff.module.name(), ff.index, ff.old_uniq)),
                Fun::Local { .. } => out.push_str(&format!("#Fun<{}>", crate::value::inspect::inspect(t, &Default::default()))),
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn erlang_syntax() {
        let t = Term::tuple(vec![Term::atom("ok"), Term::atom("Elixir.Foo"), Term::list(vec![Term::Int(104), Term::Int(105)]), Term::string("x")]);
        assert_eq!(write_term(&t, Mode::Write), "{ok,'Elixir.Foo',[104,105],<<\"x\">>}");
        assert_eq!(write_term(&t, Mode::Print), "{ok,'Elixir.Foo',\"hi\",<<\"x\">>}");
        assert_eq!(write_term(&Term::list_with_tail(vec![Term::Int(1)], Term::Int(2)), Mode::Write), "[1|2]");
        assert_eq!(atom_text("end"), "'end'");
        assert_eq!(atom_text("a b"), "'a b'");
    }
}
