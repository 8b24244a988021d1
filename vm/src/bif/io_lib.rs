//! `:io_lib.format/2` and `:io.format/1,2,3`: Erlang's format strings, following OTP 25's
//! io_lib_format.erl. A control sequence is `~F.P.PadModC`: field width `F` (`-` for
//! left-justified, `*` to take it from the arguments), precision `P`, pad character `Pad`,
//! modifiers `t`/`l` (accepted), and the control `C`:
//!
//! - `~w` a term in Erlang syntax (`io_lib:write/1`); `~p` the same, with lists of printable
//!   Latin-1 characters as strings and binaries of them as `<<"...">>` (no line breaking:
//!   terms wider than the line are printed on one line, unlike `io_lib_pretty`);
//! - `~s` chardata, an atom or a binary (precision truncates); `~c` a character (repeated
//!   `F` times); `~n` a newline; `~~` a tilde; `~i` skips an argument;
//! - `~b`/`~B`/`~x`/`~X`/`~#`/`~+` integers in base `P` (default 10), lower or upper case,
//!   `~x` with a prefix argument, `~#`/`~+` with Erlang's `16#` prefix;
//! - `~f` (fixed, precision 6), `~e` (`d.ddddde+X`, precision 6 digits in all), `~g`
//!   (`~f` style for 0.1 <= |x| < 10000.0, else `~e`); the exact decimal value is rounded
//!   half away from zero.
//!
//! Fields pad to `F` with `Pad` (default space), on the left unless `-`; text longer than the
//! field is cut to it for `~s`/`~w`/`~p`, or becomes `F` asterisks for numbers, as
//! io_lib_format does. Errors (a bad control, too few or unused arguments, an argument of the
//! wrong type) are `ArgumentError`, as `:io_lib.format/2` raises `badarg`.

use super::io_lib_term::{write_term, Mode};
use super::util::*;
use super::Ctx;
use crate::code::table::{CodeServer, NativeTable};
use crate::error::Trap;
use crate::value::Term;

struct Spec {
    width: Option<usize>,
    left: bool,
    precision: Option<usize>,
    pad: char,
    control: char,
}

fn chars_of(t: &Term) -> Option<String> {
    match t {
        Term::Atom(a) => Some(a.name().to_string()),
        _ => text(t).map(|b| String::from_utf8_lossy(&b).into_owned()),
    }
}

fn int_in_base(t: &Term, base: u32, upper: bool) -> Option<String> {
    let n = match t {
        Term::Int(i) => num_bigint::BigInt::from(*i),
        Term::Big(b) => (**b).clone(),
        _ => return None,
    };
    let s = n.to_str_radix(base);
    Some(if upper { s.to_uppercase() } else { s })
}

/// Rounds the decimal digit string `digits` to its first `keep` digits, halves away from
/// zero (io_lib_format rounds the exact decimal value so); `true` if a carry made it one
/// digit longer.
fn round_half_up(digits: &str, keep: usize) -> (String, bool) {
    let b = digits.as_bytes();
    let mut kept: Vec<u8> = b[..keep.min(b.len())].to_vec();
    if b.get(keep).map_or(false, |d| *d >= b'5') {
        let mut i = kept.len();
        loop {
            if i == 0 {
                kept.insert(0, b'1');
                return (String::from_utf8_lossy(&kept).into_owned(), true);
            }
            i -= 1;
            if kept[i] == b'9' {
                kept[i] = b'0';
            } else {
                kept[i] += 1;
                break;
            }
        }
    }
    (String::from_utf8_lossy(&kept).into_owned(), false)
}

/// `~f`: `p` digits after the point.
fn fixed(f: f64, p: usize) -> String {
    let exact = format!("{:.*}", p + 25, f.abs());
    let (int, frac) = exact.split_once('.').unwrap_or((&exact, ""));
    let all = format!("{}{}", int, frac);
    let (r, carry) = round_half_up(&all, int.len() + p);
    let int_len = int.len() + usize::from(carry);
    let sign = if f.is_sign_negative() && r.bytes().any(|d| d != b'0') { "-" } else { "" };
    if p == 0 {
        return format!("{}{}", sign, &r[..int_len]);
    }
    format!("{}{}.{}", sign, &r[..int_len], &r[int_len..])
}

/// `~e`: `p` significant digits in all, `d.ddde+X` (the exponent without padding).
fn expo(f: f64, p: usize) -> String {
    let p = p.max(2);
    let exact = format!("{:.*e}", p + 25, f.abs());
    let (mant, exp) = exact.split_once('e').unwrap_or((&exact, "0"));
    let mut e: i32 = exp.parse().unwrap_or(0);
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let (mut r, carry) = round_half_up(&digits, p);
    if carry {
        e += 1;
        r.truncate(p);
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    format!("{}{}.{}e{}{}", sign, &r[..1], &r[1..], if e < 0 { '-' } else { '+' }, e.abs())
}

fn pad_to(s: String, spec: &Spec, cut: bool, numeric: bool) -> String {
    let Some(w) = spec.width else { return s };
    let n = s.chars().count();
    if n > w {
        if numeric {
            return "*".repeat(w);
        }
        if cut {
            return s.chars().take(w).collect();
        }
        return s;
    }
    let fill: String = std::iter::repeat(spec.pad).take(w - n).collect();
    if spec.left {
        s + &fill
    } else {
        fill + &s
    }
}

fn float_arg(t: &Term) -> Option<f64> {
    match t {
        Term::Float(f) => Some(*f),
        _ => None,
    }
}

/// Formats `fmt` with `args`; `None` on any error (badarg).
pub fn format(fmt: &str, args: &[Term]) -> Option<String> {
    let mut out = String::new();
    let mut args = args.iter();
    let mut it = fmt.chars().peekable();
    while let Some(c) = it.next() {
        if c != '~' {
            out.push(c);
            continue;
        }
        let mut spec = Spec { width: None, left: false, precision: None, pad: ' ', control: ' ' };
        if it.peek() == Some(&'-') {
            spec.left = true;
            it.next();
        }
        let number = |it: &mut std::iter::Peekable<std::str::Chars>, args: &mut std::slice::Iter<Term>| -> Option<Option<usize>> {
            if it.peek() == Some(&'*') {
                it.next();
                return match args.next()? {
                    Term::Int(n) => Some(Some(n.unsigned_abs() as usize)),
                    _ => None,
                };
            }
            let mut v: Option<usize> = None;
            while let Some(d) = it.peek().and_then(|c| c.to_digit(10)) {
                v = Some(v.unwrap_or(0).checked_mul(10)?.checked_add(d as usize)?);
                it.next();
            }
            Some(v)
        };
        spec.width = number(&mut it, &mut args)?;
        if it.peek() == Some(&'.') {
            it.next();
            spec.precision = number(&mut it, &mut args)?;
            if it.peek() == Some(&'.') {
                it.next();
                spec.pad = it.next()?;
            }
        }
        while matches!(it.peek(), Some('t') | Some('l') | Some('k')) {
            it.next();
        }
        spec.control = it.next()?;
        let piece = match spec.control {
            '~' => pad_to("~".into(), &spec, false, false),
            'n' => "\n".repeat(spec.width.unwrap_or(1).max(1)),
            'c' => {
                let Term::Int(ch) = args.next()? else { return None };
                let ch = char::from_u32(*ch as u32)?;
                std::iter::repeat(ch).take(spec.width.unwrap_or(1)).collect()
            }
            's' => {
                let mut s = chars_of(args.next()?)?;
                if let Some(p) = spec.precision {
                    s = s.chars().take(p).collect();
                }
                pad_to(s, &spec, true, false)
            }
            'w' | 'p' | 'W' | 'P' => {
                let t = args.next()?;
                if matches!(spec.control, 'W' | 'P') {
                    args.next()?; // the depth: printed whole
                }
                let mode = if matches!(spec.control, 'p' | 'P') { Mode::Print } else { Mode::Write };
                pad_to(write_term(t, mode), &spec, true, false)
            }
            'b' | 'B' | 'x' | 'X' | '#' | '+' => {
                let base = spec.precision.unwrap_or(10) as u32;
                if !(2..=36).contains(&base) {
                    return None;
                }
                let upper = matches!(spec.control, 'B' | 'X' | '#');
                let digits = int_in_base(args.next()?, base, upper)?;
                let (neg, digits) = match digits.strip_prefix('-') {
                    Some(d) => (true, d.to_string()),
                    None => (false, digits),
                };
                let prefix = match spec.control {
                    'x' | 'X' => chars_of(args.next()?)?,
                    '#' | '+' => format!("{}#", base),
                    _ => String::new(),
                };
                let s = format!("{}{}{}", if neg { "-" } else { "" }, prefix, digits);
                pad_to(s, &spec, false, true)
            }
            'f' | 'e' | 'g' => {
                let f = float_arg(args.next()?)?;
                let p = spec.precision.unwrap_or(6);
                let s = match spec.control {
                    'f' => fixed(f, p),
                    'e' => expo(f, p),
                    _ => {
                        // ~f style for 0.1 <= |x| < 10000.0, p significant digits; else ~e
                        let a = f.abs();
                        if (0.1..10000.0).contains(&a) {
                            let e = a.log10().floor() as i64;
                            fixed(f, (p as i64 - 1 - e).max(0) as usize)
                        } else {
                            expo(f, p)
                        }
                    }
                };
                pad_to(s, &spec, false, true)
            }
            'i' => {
                args.next()?;
                String::new()
            }
            _ => return None,
        };
        out.push_str(&piece);
    }
    if args.next().is_some() {
        return None;
    }
    Some(out)
}

/// The format string and argument list of a call, or badarg.
fn format_args(fmt: &Term, args: &Term) -> Result<String, Trap> {
    let Some(f) = chars_of(fmt) else { return bif_badarg("io_lib", "format", &[fmt.clone(), args.clone()], &[(1, "not a valid format string")]) };
    let Some(a) = args.list_to_vec() else { return bif_badarg("io_lib", "format", &[fmt.clone(), args.clone()], &[(2, "not a list")]) };
    match format(&f, &a) {
        Some(s) => Ok(s),
        None => bif_badarg("io_lib", "format", &[fmt.clone(), args.clone()], &[(1, "format string is invalid or does not match the arguments")]),
    }
}

fn to_charlist(s: &str) -> Term {
    Term::list(s.chars().map(|c| Term::Int(c as i64)).collect())
}

fn io_format(ctx: &mut Ctx, device: Option<&Term>, fmt: &Term, args: &Term) -> R {
    let s = match chars_of(fmt).zip(args.list_to_vec()).and_then(|(f, a)| format(&f, &a)) {
        Some(s) => s,
        None => return bif_badarg("io", "format", &[fmt.clone(), args.clone()], &[(1, "failed to format string")]),
    };
    super::io::emit(ctx, device, s.as_bytes())?;
    Ok(Term::OK)
}

pub fn register(c: &mut CodeServer) {
    c.register_table("io_lib", IO_LIB);
    c.register_table("io", IO);
}

/// The natives of `io_lib`: `(name, arity, function)`.
const IO_LIB: NativeTable = &[
    ("format", 2, |_, a| Ok(to_charlist(&format_args(&a[0], &a[1])?))),
    ("fwrite", 2, |_, a| Ok(to_charlist(&format_args(&a[0], &a[1])?))),
    ("write", 1, |_, a| Ok(to_charlist(&write_term(&a[0], Mode::Write)))),
    ("print", 1, |_, a| Ok(to_charlist(&write_term(&a[0], Mode::Print)))),
];

/// The natives of `io`: `(name, arity, function)`.
const IO: NativeTable = &[
    ("format", 1, |ctx, a| io_format(ctx, None, &a[0], &Term::Nil)),
    ("format", 2, |ctx, a| io_format(ctx, None, &a[0], &a[1])),
    ("format", 3, |ctx, a| io_format(ctx, Some(&a[0]), &a[1], &a[2])),
    ("fwrite", 1, |ctx, a| io_format(ctx, None, &a[0], &Term::Nil)),
    ("fwrite", 2, |ctx, a| io_format(ctx, None, &a[0], &a[1])),
];

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn rounding_as_io_lib() {
        assert_eq!(fixed(2.25, 1), "2.3");
        assert_eq!(fixed(-0.125, 2), "-0.13");
        assert_eq!(fixed(9.996, 2), "10.00");
        assert_eq!(expo(12345.678, 3), "1.23e+4");
        assert_eq!(expo(9.9999, 3), "1.00e+1");
        assert_eq!(expo(0.00015, 2), "1.5e-4");
    }
    #[test]
    fn directives() {
        let f = |s: &str, a: Vec<Term>| format(s, &a).unwrap();
        assert_eq!(f("~w ~p~n", vec![Term::atom("ok"), Term::string("hi")]), "ok <<\"hi\">>\n");
        assert_eq!(f("~5b|~-5b|~.16B|~.2b", vec![Term::Int(42), Term::Int(42), Term::Int(255), Term::Int(5)]), "   42|42   |FF|101");
        assert_eq!(f("~.2f ~e ~10.3f", vec![Term::Float(3.14159), Term::Float(1.5), Term::Float(2.5)]), "3.14 1.50000e+0      2.500");
        assert_eq!(f("~s ~5s|~-5s|", vec![Term::string("ab"), Term::atom("x"), Term::string("y")]), "ab     x|y    |");
        assert_eq!(f("~3c~~", vec![Term::Int(97)]), "aaa~");
        assert!(format("~w", &[]).is_none());
        assert!(format("~q", &[Term::Int(1)]).is_none());
        assert!(format("x", &[Term::Int(1)]).is_none());
    }
}
