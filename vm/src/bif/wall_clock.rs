//! The wall-clock BIFs of `:erlang` and `:os` that give calendar tuples or `now()` triples:
//! `:erlang.universaltime/0` and `localtime/0` (`{{year, month, day}, {hour, minute,
//! second}}`), `:erlang.date/0`, `:erlang.time/0`, `:erlang.timestamp/0` and
//! `:os.timestamp/0` (`{megaseconds, seconds, microseconds}`), `localtime_to_universaltime/1`
//! and `universaltime_to_localtime/1`. The local time zone is UTC (retort has no zone
//! database). Times come from the VM's system clock, so virtual time runs them too.

use super::Ctx;
use crate::code::table::{CodeServer, NativeTable};
use crate::error::Trap;
use crate::value::Term;

/// `(year, month, day)` of a count of days since 1970-01-01 in the proleptic Gregorian
/// calendar (Howard Hinnant's `civil_from_days`).
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn int3(a: i64, b: i64, c: i64) -> Term {
    Term::tuple(vec![Term::Int(a), Term::Int(b), Term::Int(c)])
}

/// `{{y, m, d}, {h, mi, s}}` of microseconds since the Unix epoch.
pub fn datetime_of_us(us: i64) -> Term {
    let secs = us.div_euclid(1_000_000);
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    Term::tuple(vec![int3(y, m, d), int3(s / 3600, s % 3600 / 60, s % 60)])
}

fn now_us(ctx: &Ctx) -> i64 {
    ctx.vm.clock.system_us() as i64
}

fn datetime(ctx: &mut Ctx, _: &mut [Term]) -> Result<Term, Trap> {
    Ok(datetime_of_us(now_us(ctx)))
}

fn part(ctx: &mut Ctx, i: usize) -> Result<Term, Trap> {
    match datetime_of_us(now_us(ctx)) {
        Term::Tuple(t) => Ok(t[i].clone()),
        _ => unreachable!("datetime_of_us builds a 2-tuple"),
    }
}

fn timestamp(ctx: &mut Ctx, _: &mut [Term]) -> Result<Term, Trap> {
    let us = now_us(ctx);
    Ok(int3(us / 1_000_000_000_000, us / 1_000_000 % 1_000_000, us % 1_000_000))
}

pub fn register(c: &mut CodeServer) {
    c.register_table("erlang", ERLANG);
    c.register_table("os", OS);
}

/// The `:erlang` natives of this file.
const ERLANG: NativeTable = &[
    ("universaltime", 0, datetime),
    ("localtime", 0, datetime),
    ("date", 0, |ctx, _| part(ctx, 0)),
    ("time", 0, |ctx, _| part(ctx, 1)),
    ("timestamp", 0, timestamp),
    ("localtime_to_universaltime", 1, |_, a| Ok(a[0].clone())),
    ("universaltime_to_localtime", 1, |_, a| Ok(a[0].clone())),
];

/// `:os.timestamp/0`.
const OS: NativeTable = &[("timestamp", 0, timestamp)];

#[cfg(test)]
mod tests {
    use super::*;

    // Checked against `:calendar.gregorian_seconds_to_datetime/1` in OTP 25.
    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(-719_528), (0, 1, 1));
        let t = datetime_of_us(1_700_000_000_123_456);
        assert_eq!(crate::value::inspect::inspect_default(&t), "{{2023, 11, 14}, {22, 13, 20}}");
    }
}
