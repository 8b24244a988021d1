//! The calendar sigils `~D`, `~T`, `~N` and `~U` (Elixir 1.14's `Kernel.sigil_D/2` & co.):
//! a literal in the ISO 8601 extended form becomes the struct itself, as a map literal with
//! `__struct__` (so the sigil works in patterns too):
//!
//! * `~D[2024-01-31]` → `%{__struct__: Date, calendar: Calendar.ISO, year: 2024, month: 1, day: 31}`;
//! * `~T[23:00:07.001]` → `%Time{hour, minute, second, microsecond: {1000, 3}}` (precision is
//!   the number of fraction digits, at most 6);
//! * `~N[2024-01-31 23:00:07]` (or `T` between date and time) → `%NaiveDateTime{...}`;
//! * `~U[2024-01-31 23:00:07Z]` → `%DateTime{...}` in `Etc/UTC` (offsets 0, `zone_abbr: "UTC"`).
//!
//! A text the compiler does not build (an invalid value, or a `~U` with a `+00:00` offset)
//! is left to the runtime: the sigil calls `Calendar.ISO.__sigil__(letter, text)`, which
//! parses it or raises the `ArgumentError` Elixir's sigil raises at compile time.

use crate::ast::{Ast, Meta};

/// `{year, month, day}` of `YYYY-MM-DD` (an optional leading `-`), if valid in the proleptic
/// Gregorian calendar.
fn date(s: &str) -> Option<(i64, i64, i64)> {
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = digits(&s[0..4])?;
    let (m, d) = (digits(&s[5..7])?, digits(&s[8..10])?);
    let y = if neg { -y } else { y };
    let leap = y.rem_euclid(4) == 0 && (y.rem_euclid(100) != 0 || y.rem_euclid(400) == 0);
    let dim = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (d >= 1 && d <= dim).then_some((y, m, d))
}

/// `(hour, minute, second, microsecond, precision)` of `HH:MM:SS[.fff]`.
fn time(s: &str) -> Option<(i64, i64, i64, i64, i64)> {
    let b = s.as_bytes();
    if b.len() < 8 || b[2] != b':' || b[5] != b':' {
        return None;
    }
    let (h, mi, sec) = (digits(&s[0..2])?, digits(&s[3..5])?, digits(&s[6..8])?);
    if h > 23 || mi > 59 || sec > 59 {
        return None;
    }
    let (us, p) = match &s[8..] {
        "" => (0, 0),
        frac => {
            let f = frac.strip_prefix('.').or_else(|| frac.strip_prefix(','))?;
            if f.is_empty() || !f.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let p = f.len().min(6);
            let mut padded = f[..p].to_string();
            while padded.len() < 6 {
                padded.push('0');
            }
            (padded.parse().ok()?, p as i64)
        }
    };
    Some((h, mi, sec, us, p))
}

fn digits(s: &str) -> Option<i64> {
    if s.bytes().all(|c| c.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

fn pair(k: &str, v: Ast) -> Ast {
    Ast::Pair(Box::new(Ast::Atom(k.to_string())), Box::new(v))
}

fn date_pairs((y, m, d): (i64, i64, i64)) -> Vec<Ast> {
    // The AST holds no negative literals: a negative year is `-(n)`.
    let year = if y < 0 { Ast::node("-", Meta::default(), vec![Ast::Int(-y)]) } else { Ast::Int(y) };
    vec![pair("year", year), pair("month", Ast::Int(m)), pair("day", Ast::Int(d))]
}

fn time_pairs((h, mi, s, us, p): (i64, i64, i64, i64, i64)) -> Vec<Ast> {
    vec![
        pair("hour", Ast::Int(h)),
        pair("minute", Ast::Int(mi)),
        pair("second", Ast::Int(s)),
        pair("microsecond", Ast::Pair(Box::new(Ast::Int(us)), Box::new(Ast::Int(p)))),
    ]
}

/// Splits `date[ T]time`.
fn date_time(s: &str) -> Option<((i64, i64, i64), (i64, i64, i64, i64, i64))> {
    let at = s.char_indices().skip(10).find(|&(_, c)| c == ' ' || c == 'T')?.0;
    Some((date(&s[..at])?, time(&s[at + 1..])?))
}

/// The map literal for `~<letter>[text]`, or the runtime parse when `text` is not a valid
/// literal (see the module documentation). `None` when `letter` is not a calendar sigil.
pub fn calendar_sigil(letter: &str, text: &str, meta: Meta) -> Option<Ast> {
    let module = match letter {
        "D" => "Elixir.Date",
        "T" => "Elixir.Time",
        "N" => "Elixir.NaiveDateTime",
        "U" => "Elixir.DateTime",
        _ => return None,
    };
    // An ISO 8601 literal is ASCII; anything else goes to the runtime parse, which raises (and
    // the slicing below may assume one byte per character).
    let fields = match letter {
        _ if !text.is_ascii() => None,
        "D" => date(text).map(date_pairs),
        "T" => time(text).map(time_pairs),
        "N" => date_time(text).map(|(d, t)| [date_pairs(d), time_pairs(t)].concat()),
        _ => text.strip_suffix('Z').and_then(date_time).map(|(d, t)| {
            let mut v = [date_pairs(d), time_pairs(t)].concat();
            v.push(pair("std_offset", Ast::Int(0)));
            v.push(pair("utc_offset", Ast::Int(0)));
            v.push(pair("time_zone", Ast::Str("Etc/UTC".into())));
            v.push(pair("zone_abbr", Ast::Str("UTC".into())));
            v
        }),
    };
    Some(match fields {
        Some(fields) => {
            let mut pairs = vec![pair("__struct__", Ast::Atom(module.into())), pair("calendar", Ast::Atom("Elixir.Calendar.ISO".into()))];
            pairs.extend(fields);
            Ast::node("%{}", meta, pairs)
        }
        None => {
            let head = Ast::node(".", meta, vec![Ast::Atom("Elixir.Calendar.ISO".into()), Ast::Atom("__sigil__".into())]);
            Ast::Node { head: Box::new(head), meta, args: Some(vec![Ast::Str(letter.as_bytes().to_vec()), Ast::Str(text.as_bytes().to_vec())]) }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_literals() {
        assert_eq!(date("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(date("2023-02-29"), None);
        assert_eq!(date("-0001-01-01"), Some((-1, 1, 1)));
        assert_eq!(time("23:00:07.001"), Some((23, 0, 7, 1000, 3)));
        assert_eq!(time("23:00:07.1234567"), Some((23, 0, 7, 123456, 6)));
        assert_eq!(time("24:00:00"), None);
        assert!(date_time("2024-01-31T10:00:00").is_some());
        assert!(date_time("2024-01-31X10:00:00").is_none());
    }

    #[test]
    fn invalid_text_calls_the_runtime() {
        let ast = calendar_sigil("D", "2023-02-30", Meta::default()).unwrap();
        assert_ne!(ast.head_name(), Some("%{}"));
        let ast = calendar_sigil("U", "2024-01-31 10:00:00Z", Meta::default()).unwrap();
        assert_eq!(ast.head_name(), Some("%{}"));
        assert!(calendar_sigil("r", "x", Meta::default()).is_none());
    }
}
