//! Float formatting exactly as Erlang/OTP 25 and Elixir 1.14 print floats.
//!
//! * [`float_to_short`] — Erlang's `float_to_list(F, [short])` / `float_to_binary(F, [short])`,
//!   which is also `io_lib_format:fwrite_g/1` in OTP 25 and therefore Elixir's
//!   `Float.to_string/1` and `to_string/1` of a float (`1.0e3`, `0.1`, `1.0e-5`, `12345670.0`).
//! * [`inspect_float`] — Elixir's `Inspect.Float` (`inspect/1`, `IO.inspect/1`): like the
//!   above, except that an integral float with `1.0 <= abs(f) < 1.0e16` prints in full
//!   (`1000.0`, `123456789.0`), so `inspect(1.0e3) == "1000.0"` but `to_string(1.0e3) == "1.0e3"`.
//!
//! The rules of `[short]` (from OTP's `erts/emulator/ryu` `to_chars`, checked against `erl`):
//! take the shortest decimal digit string `d1 d2 ... dn` that reads back to the same float
//! (Ryu; Rust's `{:e}` formatting computes the same shortest, closest digits) and its
//! scientific exponent `e` (value = `d1.d2...dn × 10^e`). Build both
//! * the scientific form `d1.d2...dn` (`d1.0` when `n == 1`) + `e` + exponent (`1.0e-5`), and
//! * the plain form: for `e >= n - 1` the digits, `e - n + 1` zeros and `.0`
//!   (`100.0`); for `0 <= e < n - 1` the digits with a point after `e + 1` of them
//!   (`12.5`); for `e < 0` `0.`, `-e - 1` zeros, the digits (`0.0015`);
//!
//! and print the plain form when it is not longer than the scientific one and `|f| < 2^53`,
//! else the scientific one (`9007199254740991.0` but `9.007199254740992e15`). A negative float gets a leading `-`; `0.0` and `-0.0` print as such.

/// The shortest round-trip digits of `|f|` (ASCII, no leading zeros) and the scientific
/// exponent: `|f| = d1.d2d3... × 10^exp`. `f` must be finite and non-zero.
pub fn shortest_digits(f: f64) -> (Vec<u8>, i32) {
    // Rust's `{:e}` prints the shortest representation that round-trips (Grisu/Dragon),
    // e.g. "1.234e-4", "1e5".
    let s = format!("{:e}", f.abs());
    let (mant, exp) = s.split_once('e').expect("LowerExp output has an exponent");
    let exp: i32 = exp.parse().expect("exponent");
    let mut digits: Vec<u8> = mant.bytes().filter(|b| b.is_ascii_digit()).collect();
    round_half_even(f.abs(), &mut digits, exp);
    (digits, exp)
}

/// Rust picks some closest shortest digit string; when the float lies exactly halfway between
/// two shortest strings that both read back to it, Ryu (and so Erlang) takes the one whose
/// last digit is even: `1.0e15 + 0.3` is `1000000000000000.2`, not `...3`.
fn round_half_even(f: f64, digits: &mut [u8], exp: i32) {
    let n = digits.len();
    let last = digits[n - 1];
    if (last - b'0') % 2 == 0 {
        return;
    }
    for cand in [last - 1, last + 1] {
        if !(b'0'..=b'9').contains(&cand) || (n == 1 && cand == b'0') {
            continue;
        }
        let mut d = digits.to_vec();
        d[n - 1] = cand;
        let text = format!("{}.{}e{}", d[0] as char, std::str::from_utf8(&d[1..]).unwrap_or("0"), exp);
        if text.parse::<f64>().ok() != Some(f) {
            continue;
        }
        // Both read back to `f`: a tie only if `f` is exactly the midpoint of the two.
        let mut mid = digits.to_vec();
        mid[n - 1] = last.min(cand);
        mid.push(b'5');
        let exact = format!("{:.1100e}", f);
        let Some((m, e)) = exact.split_once('e') else { return };
        if e.parse::<i32>().ok() != Some(exp) {
            return;
        }
        let md: Vec<u8> = m.bytes().filter(|b| b.is_ascii_digit()).collect();
        if md.len() > mid.len() && md[..mid.len()] == mid[..] && md[mid.len()..].iter().all(|&b| b == b'0') {
            digits[n - 1] = cand;
        }
        return;
    }
}

/// Erlang's `float_to_binary(F, [:short])` (= `:io_lib_format.fwrite_g/1` in OTP 25 =
/// Elixir's `Float.to_string/1`). E.g. `1.0`, `0.1`, `1.0e3`, `100.0`, `0.0001`, `1.2e-4`,
/// `1.0e16`, `1.2345678901234568e17`, `5.0e-324`.
pub fn float_to_short(f: f64) -> String {
    if f.is_nan() {
        return "nan".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".to_string() } else { "-inf".to_string() };
    }
    let mut out = String::new();
    if f.is_sign_negative() {
        out.push('-');
    }
    if f == 0.0 {
        out.push_str("0.0");
        return out;
    }
    let (digits, e) = shortest_digits(f);
    let n = digits.len() as i32;
    let ds = std::str::from_utf8(&digits).unwrap();

    // scientific
    let mut sci = String::new();
    sci.push(ds.as_bytes()[0] as char);
    sci.push('.');
    if n == 1 {
        sci.push('0');
    } else {
        sci.push_str(&ds[1..]);
    }
    sci.push('e');
    sci.push_str(&e.to_string());

    // plain
    let mut plain = String::new();
    if e >= n - 1 {
        plain.push_str(ds);
        for _ in 0..(e - (n - 1)) {
            plain.push('0');
        }
        plain.push_str(".0");
    } else if e >= 0 {
        let p = (e + 1) as usize;
        plain.push_str(&ds[..p]);
        plain.push('.');
        plain.push_str(&ds[p..]);
    } else {
        plain.push_str("0.");
        for _ in 0..(-e - 1) {
            plain.push('0');
        }
        plain.push_str(ds);
    }

    // OTP prints integral floats of 2^53 and above in scientific form even when the plain
    // form would be shorter (9007199254740990.0 but 9.007199254740992e15).
    if plain.len() <= sci.len() && f.abs() < 9007199254740992.0 {
        out.push_str(&plain);
    } else {
        out.push_str(&sci);
    }
    out
}

/// Elixir 1.14's `Inspect.Float`: integral floats with `1.0 <= abs < 1.0e16` print as the
/// integer followed by `.0` (`1000.0`, `-42.0`), everything else as [`float_to_short`].
pub fn inspect_float(f: f64) -> String {
    let a = f.abs();
    if (1.0..1.0e16).contains(&a) && f.trunc() == f {
        format!("{}.0", f.trunc() as i64)
    } else {
        float_to_short(f)
    }
}

#[cfg(test)]
#[allow(clippy::approx_constant)]
mod tests {
    use super::*;

    // Expected strings observed with `erl` (OTP 25): float_to_list(F, [short]).
    #[test]
    fn short_matches_erlang() {
        let cases: &[(f64, &str)] = &[
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1.0e5, "1.0e5"),
            (1.0e6, "1.0e6"),
            (1.0e15, "1.0e15"),
            (1.0e16, "1.0e16"),
            (1.0e20, "1.0e20"),
            (1.0e21, "1.0e21"),
            (1.0e22, "1.0e22"),
            (1.0e23, "1.0e23"),
            (123456789.0, "123456789.0"),
            (1.0e-5, "1.0e-5"),
            (0.001, "0.001"),
            (0.0001, "0.0001"),
            (0.01, "0.01"),
            (1.5e-3, "0.0015"),
            (1.234e-4, "1.234e-4"),
            (12345.678, "12345.678"),
            (1.0e100, "1.0e100"),
            (5.0e-324, "5.0e-324"),
            (1.7976931348623157e308, "1.7976931348623157e308"),
            (100.0, "100.0"),
            (1000.0, "1.0e3"),
            (10000.0, "1.0e4"),
            (120000.0, "1.2e5"),
            (1.2e7, "1.2e7"),
            (1.23e9, "1.23e9"),
            (1.234567e7, "12345670.0"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (-1.5, "-1.5"),
            (2.5e-10, "2.5e-10"),
            (9007199254740993.0, "9.007199254740992e15"),
            (123456789012345680.0, "1.2345678901234568e17"),
            (1.0e10, "1.0e10"),
            (1.5e10, "1.5e10"),
            (12.5e10, "1.25e11"),
            (0.00012, "1.2e-4"),
            (0.000123456, "1.23456e-4"),
            (3.14159, "3.14159"),
            (-273.15, "-273.15"),
            (2.0, "2.0"),
            (10.0, "10.0"),
            (0.3, "0.3"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1.0 / 3.0, "0.3333333333333333"),
            (2.0 / 3.0, "0.6666666666666666"),
            (100.5, "100.5"),
            (1.0e-10, "1.0e-10"),
            (123.456e-7, "1.23456e-5"),
            (6.02214076e23, "6.02214076e23"),
            (1.0e-323, "1.0e-323"),
            (2.2250738585072014e-308, "2.2250738585072014e-308"),
            (4503599627370496.5, "4503599627370496.0"),
            (999999999999999.9, "999999999999999.9"),
            (0.5, "0.5"),
            (-0.001, "-0.001"),
            (0.0012, "0.0012"),
            (0.00123, "0.00123"),
            (1230.0, "1230.0"),
            (1200.0, "1.2e3"),
            (1234500.0, "1.2345e6"),
            (9007199254740991.0, "9007199254740991.0"),
            (9007199254740994.0, "9.007199254740994e15"),
            (9007199254740990.0, "9007199254740990.0"),
            (9999999999999998.0, "9.999999999999998e15"),
            (9000000000000002.0, "9000000000000002.0"),
            (18014398509481984.0, "1.8014398509481984e16"),
            (123456789012345.6, "123456789012345.6"),
            (1.0e-4 * 3.0, "3.0000000000000003e-4"),
        ];
        for (f, s) in cases {
            assert_eq!(float_to_short(*f), *s, "float_to_short({:e})", f);
        }
    }

    // Expected strings observed with `elixir -e 'IO.inspect(...)'` (Elixir 1.14).
    #[test]
    fn inspect_matches_elixir() {
        let cases: &[(f64, &str)] = &[
            (1.0, "1.0"),
            (1000.0, "1000.0"),
            (1.0e5, "100000.0"),
            (1.0e15, "1000000000000000.0"),
            (1.0e16, "1.0e16"),
            (1.0e20, "1.0e20"),
            (123456789.0, "123456789.0"),
            (-42.0, "-42.0"),
            (0.1, "0.1"),
            (1.0e-5, "1.0e-5"),
            (0.0001, "0.0001"),
            (1.5, "1.5"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (9007199254740992.0, "9007199254740992.0"),
            (1.2e7, "12000000.0"),
            (12345.678, "12345.678"),
            (1.0e-3, "0.001"),
        ];
        for (f, s) in cases {
            assert_eq!(inspect_float(*f), *s, "inspect_float({:e})", f);
        }
    }
}
