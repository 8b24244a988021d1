//! Numbers: Erlang's `:math`, Elixir's `Integer` and `Float`, and the number parsers shared
//! with `String` and `List`.

use super::util::*;
use crate::code::table::{CodeServer, NativeTable};
use crate::error::{Exception, Trap};
use crate::value::arith;
use crate::value::Term;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

fn num(t: &Term) -> Result<f64, Trap> {
    arith::to_f64(t).ok_or_else(|| Trap::Raise(Exception::badarg()))
}

fn fres(f: f64) -> R {
    if f.is_finite() {
        Ok(Term::Float(f))
    } else {
        Err(Exception::badarith().into())
    }
}

pub fn big(t: &Term) -> Result<BigInt, Trap> {
    match t {
        Term::Int(i) => Ok(BigInt::from(*i)),
        Term::Big(b) => Ok((**b).clone()),
        _ => Err(arith_error()),
    }
}

fn arith_error() -> Trap {
    Exception::badarith().into()
}

fn fclause<T>() -> Result<T, Trap> {
    Err(Exception::error(Term::atom("function_clause")).into())
}

/// The native of `:math.name/1` computing `f` on a number argument.
macro_rules! math1 {
    ($name:expr, $f:expr) => {
        |_, a| {
            let x = arith::to_f64(&a[0]).ok_or(()).or_else(|_| bif_badarg("math", $name, a, &[(1, "not a number")]))?;
            let f: fn(f64) -> f64 = $f;
            fres(f(x))
        }
    };
}

pub fn register(c: &mut CodeServer) {
    c.register_table("math", MATH);
    c.register_table("rand", RAND);
    c.register_table("Elixir.Integer", INTEGER);
    c.register_table("Elixir.Float", FLOAT);
    c.register_table("Elixir.Kernel", KERNEL);
    c.register_table("erlang", ERLANG);
}

/// The natives of `math`: `(name, arity, function)`.
const MATH: NativeTable = &[
    ("pi", 0, |_, _| Ok(Term::Float(std::f64::consts::PI))),
    ("e", 0, |_, _| Ok(Term::Float(std::f64::consts::E))),
    ("sqrt", 1, math1!("sqrt", |x| if x < 0.0 { f64::NAN } else { x.sqrt() })),
    ("sin", 1, math1!("sin", f64::sin)),
    ("cos", 1, math1!("cos", f64::cos)),
    ("tan", 1, math1!("tan", f64::tan)),
    ("asin", 1, math1!("asin", f64::asin)),
    ("acos", 1, math1!("acos", f64::acos)),
    ("atan", 1, math1!("atan", f64::atan)),
    ("sinh", 1, math1!("sinh", f64::sinh)),
    ("cosh", 1, math1!("cosh", f64::cosh)),
    ("tanh", 1, math1!("tanh", f64::tanh)),
    ("asinh", 1, math1!("asinh", f64::asinh)),
    ("acosh", 1, math1!("acosh", |x| if x < 1.0 { f64::NAN } else { x.acosh() })),
    ("atanh", 1, math1!("atanh", |x| if x.abs() >= 1.0 { f64::NAN } else { x.atanh() })),
    ("erf", 1, math1!("erf", libm::erf)),
    ("erfc", 1, math1!("erfc", libm::erfc)),
    ("exp", 1, math1!("exp", f64::exp)),
    ("log", 1, math1!("log", |x| if x <= 0.0 { f64::NAN } else { x.ln() })),
    ("log2", 1, math1!("log2", |x| if x <= 0.0 { f64::NAN } else { x.log2() })),
    ("log10", 1, math1!("log10", |x| if x <= 0.0 { f64::NAN } else { x.log10() })),
    ("floor", 1, math1!("floor", f64::floor)),
    ("ceil", 1, math1!("ceil", f64::ceil)),
    ("pow", 2, |_, a| fres(num(&a[0])?.powf(num(&a[1])?))),
    ("atan2", 2, |_, a| fres(num(&a[0])?.atan2(num(&a[1])?))),
    ("fmod", 2, |_, a| {
        let (x, y) = (num(&a[0])?, num(&a[1])?);
        if y == 0.0 {
            return Err(arith_error());
        }
        fres(x % y)
    }),
];

/// The natives of `rand`: `(name, arity, function)`.
const RAND: NativeTable = &[
    ("uniform", 0, |ctx, _| Ok(Term::Float(next_rand(&mut ctx.vm.bif.rand)))),
    ("uniform", 1, |ctx, a| {
        if let Term::Big(n) = &a[0] {
            let state = &mut ctx.vm.bif.rand;
            return super::range::uniform_big(n, || (next_rand(state) * (1u64 << 53) as f64) as u64 ^ ((next_rand(state) * 2048.0) as u64) << 53);
        }
        let n = int(&a[0])?;
        if n < 1 {
            return Err(Exception::error(Term::atom("function_clause")).into());
        }
        Ok(Term::Int(1 + (next_rand(&mut ctx.vm.bif.rand) * n as f64) as i64 % n))
    }),
    ("seed", 1, |_, _| Ok(Term::NIL_ATOM)),
    ("seed", 2, |ctx, a| {
        let s = match &a[1] {
            Term::Int(i) => *i as u64,
            Term::Tuple(t) => t.iter().map(|x| if let Term::Int(i) = x { *i as u64 } else { 0 }).fold(17u64, |h, x| h.wrapping_mul(31).wrapping_add(x)),
            _ => 1,
        };
        ctx.vm.bif.rand = s | 1;
        Ok(Term::NIL_ATOM)
    }),
];

/// The natives of `Elixir.Integer`: `(name, arity, function)`.
const INTEGER: NativeTable = &[
    ("parse", 1, |_, a| Ok(parse_integer_prefix(bytes(&a[0])?, 10))),
    ("parse", 2, |_, a| {
        let base = int(&a[1])?;
        if !(2..=36).contains(&base) {
            return arg_error(&format!("invalid base {}", base));
        }
        Ok(parse_integer_prefix(bytes(&a[0])?, base as u32))
    }),
    ("to_string", 1, |_, a| Ok(Term::string(&int_to_string(&a[0], 10)?))),
    ("to_string", 2, |_, a| Ok(Term::string(&int_to_string(&a[0], base_arg(&a[1])?)?))),
    ("to_charlist", 1, |_, a| Ok(charlist(&int_to_string(&a[0], 10)?))),
    ("to_charlist", 2, |_, a| Ok(charlist(&int_to_string(&a[0], base_arg(&a[1])?)?))),
    ("digits", 1, |_, a| digits(&a[0], 10)),
    ("digits", 2, |_, a| digits(&a[0], int(&a[1])?)),
    ("undigits", 1, |_, a| undigits(&a[0], 10)),
    ("undigits", 2, |_, a| undigits(&a[0], int(&a[1])?)),
    ("pow", 2, |_, a| int_pow(&a[0], &a[1])),
    ("gcd", 2, |_, a| {
        let (x, y) = (big(&a[0]).or_else(|_| fclause())?, big(&a[1]).or_else(|_| fclause())?);
        Ok(Term::from_bigint(x.gcd(&y)))
    }),
    ("extended_gcd", 2, |_, a| {
        let (x, y) = (big(&a[0]).or_else(|_| fclause())?, big(&a[1]).or_else(|_| fclause())?);
        let t = |g: BigInt, s: BigInt, t: BigInt| Ok(Term::tuple(vec![Term::from_bigint(g), Term::from_bigint(s), Term::from_bigint(t)]));
        // Elixir's iteration (truncating division), so the coefficients are the same.
        let (zero, one) = (BigInt::from(0), BigInt::from(1));
        if x.is_zero() && y.is_zero() {
            return t(zero.clone(), zero.clone(), zero);
        } else if x.is_zero() {
            return t(y, zero, one);
        } else if y.is_zero() {
            return t(x, one, zero);
        }
        let (mut r1, mut r0, mut s1, mut s0, mut t1, mut t0) = (y, x, zero.clone(), one.clone(), one, zero);
        loop {
            let d = &r0 / &r1;
            let r2 = &r0 - &d * &r1;
            if r2.is_zero() {
                return if r1.sign() == num_bigint::Sign::Minus { t(-r1, -s1, -t1) } else { t(r1, s1, t1) };
            }
            let s2 = &s0 - &d * &s1;
            let t2 = &t0 - &d * &t1;
            (r0, r1, s0, s1, t0, t1) = (r1, r2, s1, s2, t1, t2);
        }
    }),
    ("mod", 2, |_, a| Ok(arith::int_mod(&a[0], &a[1])?)),
    ("floor_div", 2, |_, a| {
        let (x, y) = (big(&a[0])?, big(&a[1])?);
        if y.is_zero() {
            return Err(arith_error());
        }
        Ok(Term::from_bigint(x.div_floor(&y)))
    }),
    ("is_even", 1, |_, a| Ok(Term::bool(big(&a[0]).or_else(|_| badarg())?.is_even()))),
    ("is_odd", 1, |_, a| Ok(Term::bool(big(&a[0]).or_else(|_| badarg())?.is_odd()))),
];

/// The natives of `Elixir.Float`: `(name, arity, function)`.
const FLOAT: NativeTable = &[
    ("parse", 1, |_, a| Ok(parse_float_prefix(bytes(&a[0])?))),
    ("to_string", 1, |_, a| match &a[0] {
        Term::Float(x) => Ok(Term::string(&crate::value::float_fmt::inspect_float(*x))),
        _ => fclause(),
    }),
    ("max_finite", 0, |_, _| Ok(Term::Float(f64::MAX))),
    ("min_finite", 0, |_, _| Ok(Term::Float(f64::MIN))),
    ("ratio", 1, |_, a| match &a[0] {
        Term::Float(x) => Ok(float_ratio(*x)),
        _ => fclause(),
    }),
    ("to_charlist", 1, |_, a| match &a[0] {
        Term::Float(x) => Ok(charlist(&crate::value::float_fmt::inspect_float(*x))),
        _ => fclause(),
    }),
    ("round", 1, |_, a| float_round(&a[0], 0, Dir::Half)),
    ("round", 2, |_, a| float_round(&a[0], int(&a[1])?, Dir::Half)),
    ("ceil", 1, |_, a| float_round(&a[0], 0, Dir::Up)),
    ("ceil", 2, |_, a| float_round(&a[0], int(&a[1])?, Dir::Up)),
    ("floor", 1, |_, a| float_round(&a[0], 0, Dir::Down)),
    ("floor", 2, |_, a| float_round(&a[0], int(&a[1])?, Dir::Down)),
    ("pow", 2, |_, a| match (&a[0], &a[1]) {
        (Term::Float(x), y) => fres(x.powf(num(y)?)),
        _ => fclause(),
    }),
];

/// The natives of `Elixir.Kernel`: `(name, arity, function)`.
const KERNEL: NativeTable = &[
    ("binary_to_float", 1, |_, a| parse_float_strict(&string(&a[0])?)),
    ("list_to_float", 1, |_, a| {
        let b = text(&a[0]).ok_or(()).or_else(|_| badarg())?;
        parse_float_strict(&String::from_utf8_lossy(&b))
    }),
    ("float_to_binary", 1, |_, a| match &a[0] {
        Term::Float(x) => Ok(Term::string(&crate::value::float_fmt::inspect_float(*x))),
        _ => badarg(),
    }),
    ("integer_to_list", 2, |_, a| Ok(charlist(&int_to_string(&a[0], base_arg(&a[1])?)?))),
    ("**", 2, |_, a| match (&a[0], &a[1]) {
        // Kernel.**/2: a negative integer exponent gives :math.pow/2's float (2 ** -1 is 0.5).
        (Term::Int(_) | Term::Big(_), Term::Int(e)) if *e < 0 => fres(num(&a[0])?.powf(*e as f64)),
        (Term::Int(_) | Term::Big(_), Term::Int(_) | Term::Big(_)) => int_pow(&a[0], &a[1]),
        (x, y) => fres(num(x).or_else(|_| Err(arith_error()))?.powf(num(y).or_else(|_| Err(arith_error()))?)),
    }),
];

/// The natives of `erlang`: `(name, arity, function)`.
const ERLANG: NativeTable = &[
    ("float_to_binary", 1, |_, a| match &a[0] {
        Term::Float(x) => Ok(Term::string(&format!("{:.20e}", x))),
        _ => badarg(),
    }),
    ("binary_to_float", 1, |_, a| parse_float_strict(&string(&a[0])?)),
    ("float_to_binary", 2, |_, a| Ok(Term::string(&float_to_text(&a[0], &a[1])?))),
    ("float_to_list", 2, |_, a| Ok(charlist(&float_to_text(&a[0], &a[1])?))),
    // Bitwise operators on integers of any size (two's complement semantics, as the BEAM).
    ("band", 2, |_, a| Ok(Term::from_bigint(big(&a[0])? & big(&a[1])?))),
    ("bor", 2, |_, a| Ok(Term::from_bigint(big(&a[0])? | big(&a[1])?))),
    ("bxor", 2, |_, a| Ok(Term::from_bigint(big(&a[0])? ^ big(&a[1])?))),
    ("bnot", 1, |_, a| Ok(Term::from_bigint(-big(&a[0])? - 1))),
    ("bsl", 2, |_, a| shift(&a[0], &a[1], true)),
    ("bsr", 2, |_, a| shift(&a[0], &a[1], false)),
];

/// `bsl`/`bsr`: a negative shift goes the other way; `bsr` rounds towards negative infinity.
fn shift(x: &Term, n: &Term, left: bool) -> R {
    let x = big(x)?;
    let n = match n {
        Term::Int(n) => *n,
        _ => return Err(arith_error()),
    };
    let n = if left { n } else { -n };
    if n > (1 << 26) {
        return Err(Exception::error(Term::atom("system_limit")).into());
    }
    Ok(Term::from_bigint(if n >= 0 { x << (n as usize) } else { x >> ((-n).min(1 << 26) as usize) }))
}

/// `float_to_binary/2` options: `decimals: N` (with `:compact`), `scientific: N`, `:short`.
fn float_to_text(f: &Term, opts: &Term) -> Result<String, Trap> {
    let Term::Float(x) = f else { return Err(Exception::badarg().into()) };
    let mut decimals = None;
    let mut scientific = None;
    let mut compact = false;
    let mut short = false;
    for h in list(opts)? {
        match &h {
            Term::Tuple(t) if t.len() == 2 => match (&t[0], &t[1]) {
                (Term::Atom(k), Term::Int(n)) if k.name() == "decimals" && (0..=253).contains(n) => decimals = Some(*n as usize),
                (Term::Atom(k), Term::Int(n)) if k.name() == "scientific" && (0..=249).contains(n) => scientific = Some(*n as usize),
                _ => return Err(Exception::badarg().into()),
            },
            Term::Atom(k) if k.name() == "compact" => compact = true,
            Term::Atom(k) if k.name() == "short" => short = true,
            _ => return Err(Exception::badarg().into()),
        }
    }
    if short {
        return Ok(crate::value::float_fmt::float_to_short(*x));
    }
    if let Some(d) = decimals {
        let mut s = format!("{:.*}", d, x);
        if compact && s.contains('.') {
            while s.ends_with('0') && !s.ends_with(".0") {
                s.pop();
            }
        }
        return Ok(s);
    }
    let d = scientific.unwrap_or(20);
    let s = format!("{:.*e}", d, x);
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    Ok(format!("{}e{}{:02}", m, if e < 0 { '-' } else { '+' }, e.abs()))
}

/// Seeds a VM's `:rand` stream (`state` is `Vm::bif.rand`, as `:rand.seed/2` with an integer
/// does): seeded schedules (`scheduler/seeded.rs`) make `:rand` reproducible too.
pub fn seed_rand(state: &mut u64, seed: u64) {
    *state = seed.wrapping_mul(0x9E3779B97F4A7C15) | 1;
}

/// xorshift64* over `state` (`Vm::bif.rand`): a uniform float in [0, 1) for
/// `:rand.uniform/0,1` (not Erlang's exsss stream).
fn next_rand(state: &mut u64) -> f64 {
    let mut x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    (x.wrapping_mul(0x2545F4914F6CDD1D) >> 11) as f64 / (1u64 << 53) as f64
}

/// `Integer.pow/2` and `**` on integers. A negative exponent is `ArithmeticError`; a result
/// wider than [`super::limits::MAX_INTEGER_BITS`] is `SystemLimitError`, found before computing
/// it (the exponent is never cut to fewer bits: `2 ** 4_294_967_296` is not 1).
fn int_pow(b: &Term, e: &Term) -> R {
    let base = big(b)?;
    let e: u64 = match e {
        Term::Int(e) if *e >= 0 => *e as u64,
        Term::Big(e) if e.sign() == num_bigint::Sign::Plus => u64::MAX,
        _ => return Err(Exception::elixir("Elixir.ArithmeticError", "bad argument in arithmetic expression").into()),
    };
    let magnitude = base.magnitude();
    if e == 0 {
        return Ok(Term::Int(1));
    }
    if magnitude.bits() <= 1 {
        // 0, 1 and -1: the result is the base, or 1 for -1 to an even power.
        let odd = e % 2 == 1;
        return Ok(if base.sign() == num_bigint::Sign::Minus && !odd { Term::Int(1) } else { Term::from_bigint(base) });
    }
    super::limits::check_integer_bits((magnitude.bits() - 1).saturating_mul(e))?;
    Ok(Term::from_bigint(num_traits::pow(base, e as usize)))
}

/// `Float.ratio/1`: the float as an exact fraction `{numerator, denominator}` in lowest terms
/// (the denominator a power of two).
fn float_ratio(x: f64) -> Term {
    if x == 0.0 {
        return Term::tuple(vec![Term::Int(0), Term::Int(1)]);
    }
    let bits = x.to_bits();
    let sign = if bits >> 63 == 1 { -1 } else { 1 };
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut mant, mut e) = if exp == 0 { (frac, -1074) } else { (frac | (1u64 << 52), exp - 1075) };
    while e < 0 && mant % 2 == 0 {
        mant /= 2;
        e += 1;
    }
    let num = BigInt::from(mant) * sign;
    if e >= 0 {
        Term::tuple(vec![Term::from_bigint(num << (e as usize)), Term::Int(1)])
    } else {
        Term::tuple(vec![Term::from_bigint(num), Term::from_bigint(BigInt::from(1) << ((-e) as usize))])
    }
}

/// A base argument as `u32`, any integer outside `u32` as 0 (which every base check refuses),
/// so `2 ** 32 + 10` is not taken for 10.
fn base_arg(t: &Term) -> Result<u32, Trap> {
    Ok(match t {
        Term::Big(_) => 0,
        _ => u32::try_from(int(t)?).unwrap_or(0),
    })
}

pub fn int_to_string(t: &Term, base: u32) -> Result<String, Trap> {
    if !(2..=36).contains(&base) {
        return bif_badarg("erlang", "integer_to_binary", &[t.clone(), Term::Int(base as i64)], &[(2, "not an integer in the range 2 through 36")]);
    }
    if let (Term::Int(i), 10) = (t, base) {
        return Ok(i.to_string());
    }
    let b = big(t).or_else(|_| bif_badarg("erlang", "integer_to_binary", &[t.clone(), Term::Int(base as i64)], &[(1, "not an integer")]))?;
    Ok(b.to_str_radix(base).to_uppercase())
}

fn digits(t: &Term, base: i64) -> R {
    let mut n = big(t).or_else(|_| fclause())?;
    if base < 2 {
        return fclause();
    }
    let b = BigInt::from(base);
    if n.is_zero() {
        return Ok(Term::list(vec![Term::Int(0)]));
    }
    let neg = n.is_negative();
    if neg {
        n = -n;
    }
    let mut out = Vec::new();
    while !n.is_zero() {
        let (q, r) = n.div_rem(&b);
        let r = r.to_i64().unwrap();
        out.push(Term::Int(if neg { -r } else { r }));
        n = q;
    }
    out.reverse();
    Ok(Term::list(out))
}

fn undigits(t: &Term, base: i64) -> R {
    let mut acc = BigInt::zero();
    for d in list(t)? {
        let d = int(&d)?;
        if d >= base {
            return arg_error(&format!("invalid digit {} in base {}", d, base));
        }
        acc = acc * base + d;
    }
    Ok(Term::from_bigint(acc))
}

/// `Integer.parse/2`: `{n, rest}` or `:error`.
pub fn parse_integer_prefix(s: &[u8], base: u32) -> Term {
    if !(2..=36).contains(&base) {
        return Term::atom("error");
    }
    let mut i = 0;
    let neg = match s.first() {
        Some(b'-') => {
            i = 1;
            true
        }
        Some(b'+') => {
            i = 1;
            false
        }
        _ => false,
    };
    let start = i;
    while i < s.len() && (s[i] as char).to_digit(base).is_some() {
        i += 1;
    }
    if i == start {
        return Term::atom("error");
    }
    let digits = std::str::from_utf8(&s[start..i]).unwrap();
    let mut n = BigInt::parse_bytes(digits.as_bytes(), base).unwrap();
    if neg {
        n = -n;
    }
    Term::tuple(vec![Term::from_bigint(n), Term::binary(s[i..].to_vec())])
}

/// `String.to_integer/2`: the whole string must be an integer, else `ArgumentError`.
pub fn parse_integer_strict(s: &str, base: u32) -> R {
    match parse_integer_prefix(s.as_bytes(), base) {
        Term::Tuple(t) if matches!(&t[1], Term::Binary(b) if b.is_empty()) => Ok(t[0].clone()),
        _ => badarg(),
    }
}

/// The length of the float literal at the start of `s` (Elixir's `Float.parse/1` grammar:
/// `[+-]digits[.digits][(e|E)[+-]digits]`), and whether it has a fraction or exponent.
fn float_prefix_len(s: &[u8]) -> usize {
    let mut i = 0;
    if matches!(s.first(), Some(b'-') | Some(b'+')) {
        i = 1;
    }
    let ds = i;
    while i < s.len() && s[i].is_ascii_digit() {
        i += 1;
    }
    if i == ds {
        return 0;
    }
    if i + 1 < s.len() && s[i] == b'.' && s[i + 1].is_ascii_digit() {
        i += 1;
        while i < s.len() && s[i].is_ascii_digit() {
            i += 1;
        }
    }
    if i < s.len() && (s[i] == b'e' || s[i] == b'E') {
        let mut j = i + 1;
        if j < s.len() && (s[j] == b'-' || s[j] == b'+') {
            j += 1;
        }
        if j < s.len() && s[j].is_ascii_digit() {
            while j < s.len() && s[j].is_ascii_digit() {
                j += 1;
            }
            i = j;
        }
    }
    i
}

/// `Float.parse/1`: `{f, rest}` or `:error`.
pub fn parse_float_prefix(s: &[u8]) -> Term {
    let n = float_prefix_len(s);
    if n == 0 {
        return Term::atom("error");
    }
    let txt = std::str::from_utf8(&s[..n]).unwrap();
    match txt.parse::<f64>() {
        Ok(f) if f.is_finite() => Term::tuple(vec![Term::Float(f), Term::binary(s[n..].to_vec())]),
        _ => Term::atom("error"),
    }
}

/// `String.to_float/1`: Erlang's `binary_to_float` (needs a fraction: "1.0", "1.0e5").
pub fn parse_float_strict(s: &str) -> R {
    let b = s.as_bytes();
    let n = float_prefix_len(b);
    if n != b.len() || !s.contains('.') {
        return badarg();
    }
    match s.parse::<f64>() {
        Ok(f) if f.is_finite() => Ok(Term::Float(f)),
        _ => badarg(),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Dir {
    Half,
    Up,
    Down,
}

/// `Float.round/ceil/floor` with a precision, on the exact decimal value of the float
/// (half away from zero, as Elixir does).
fn float_round(t: &Term, prec: i64, dir: Dir) -> R {
    let x = match t {
        Term::Float(x) => *x,
        _ => return fclause(),
    };
    if !(0..=15).contains(&prec) {
        return arg_error(&format!("precision {} is out of valid range of 0..15", prec));
    }
    if x == 0.0 || !x.is_finite() {
        return Ok(Term::Float(x));
    }
    // Exact decimal expansion (Rust prints floats exactly for large precisions).
    let exact = format!("{:.1100}", x.abs());
    let (ip, fp) = exact.split_once('.').unwrap();
    let p = prec as usize;
    let keep = &fp[..p];
    let rest = &fp[p..];
    let rest_nonzero = rest.bytes().any(|b| b != b'0');
    let neg = x < 0.0;
    let bump = match dir {
        Dir::Half => rest.as_bytes()[0] >= b'5',
        Dir::Up => rest_nonzero && !neg,
        Dir::Down => rest_nonzero && neg,
    };
    let mut digits: Vec<u8> = format!("{}{}", ip, keep).into_bytes();
    if bump {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, b'1');
                break;
            }
            i -= 1;
            if digits[i] == b'9' {
                digits[i] = b'0';
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let s = String::from_utf8(digits).unwrap();
    let (a, b) = s.split_at(s.len() - p);
    let txt = format!("{}{}.{}0", if neg { "-" } else { "" }, if a.is_empty() { "0" } else { a }, b);
    let r: f64 = txt.parse().unwrap();
    Ok(Term::Float(if r == 0.0 && neg { -0.0 } else { r }))
}

#[cfg(test)]
mod tests {
    use super::*;
    fn f(x: f64, p: i64, d: Dir) -> f64 {
        match float_round(&Term::Float(x), p, d).unwrap() {
            Term::Float(r) => r,
            _ => panic!(),
        }
    }
    #[test]
    fn rounding() {
        assert_eq!(f(2.675, 2, Dir::Half), 2.67);
        assert_eq!(f(0.125, 2, Dir::Half), 0.13);
        assert_eq!(f(2.5, 0, Dir::Half), 3.0);
        assert_eq!(f(-2.5, 0, Dir::Half), -3.0);
        assert_eq!(f(3.14159, 3, Dir::Half), 3.142);
        assert_eq!(f(1.01, 0, Dir::Up), 2.0);
        assert_eq!(f(-1.01, 0, Dir::Down), -2.0);
        assert_eq!(f(9.99, 1, Dir::Half), 10.0);
    }
    #[test]
    fn parsing() {
        assert_eq!(parse_integer_prefix(b"12ab", 10), Term::tuple(vec![Term::Int(12), Term::string("ab")]));
        assert_eq!(parse_integer_prefix(b"x", 10), Term::atom("error"));
        assert_eq!(parse_float_prefix(b"1.5e3x"), Term::tuple(vec![Term::Float(1500.0), Term::string("x")]));
        assert_eq!(parse_float_prefix(b"3"), Term::tuple(vec![Term::Float(3.0), Term::string("")]));
    }
}
