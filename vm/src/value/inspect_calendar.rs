//! How the calendar structs of `Calendar.ISO` print, as Elixir 1.14's `Inspect.Date`,
//! `Inspect.Time`, `Inspect.NaiveDateTime`, `Inspect.DateTime`, `Inspect.Date.Range` and
//! the `String.Chars` implementations of the same four structs print them:
//!
//! | struct | inspect | to_string |
//! |---|---|---|
//! | `Date` | `~D[2024-01-05]` (`~D[-0005-01-01]`) | `2024-01-05` |
//! | `Time` | `~T[01:02:03.120]` (the fraction has `precision` digits) | `01:02:03.120` |
//! | `NaiveDateTime` | `~N[2024-01-05 01:02:03]` | `2024-01-05 01:02:03` |
//! | `DateTime` (Etc/UTC) | `~U[2024-01-05 01:02:03Z]` | `2024-01-05 01:02:03Z` |
//! | `DateTime` (other zone) | `#DateTime<2024-03-01 10:05:00+01:00 CET Europe/Paris>` | `2024-03-01 10:05:00+01:00 CET Europe/Paris` |
//! | `Date.Range` | `Date.range(~D[2024-01-01], ~D[2024-01-05])`, with `, step` when it is not 1 | (none) |
//!
//! A struct whose fields do not have these shapes (or whose `calendar` is not
//! `Calendar.ISO`) gives `None`: the caller prints it as a plain struct (inspect) or raises
//! (to_string).

use super::term::{MapT, Term};
use super::Atom;

/// The text of `YYYY-MM-DD`, `HH:MM:SS[.fff]` and the zone suffix of a calendar struct.
struct Parts<'a> {
    m: &'a MapT,
}

impl Parts<'_> {
    fn get(&self, k: &str) -> Option<&Term> {
        self.m.get(&Term::atom(k))
    }

    fn int(&self, k: &str) -> Option<i64> {
        match self.get(k) {
            Some(Term::Int(i)) => Some(*i),
            _ => None,
        }
    }

    fn text(&self, k: &str) -> Option<String> {
        match self.get(k)? {
            Term::Binary(b) => Some(String::from_utf8_lossy(b).into_owned()),
            _ => None,
        }
    }

    fn iso(&self) -> Option<()> {
        self.get("calendar")?.is_atom(Atom::intern("Elixir.Calendar.ISO")).then_some(())
    }

    /// `Calendar.ISO.date_to_string/4` (`:extended`): a year of at least four digits.
    fn date(&self) -> Option<String> {
        let (y, mo, d) = (self.int("year")?, self.int("month")?, self.int("day")?);
        let ys = if y < 0 { format!("-{:04}", -y) } else { format!("{:04}", y) };
        Some(format!("{}-{:02}-{:02}", ys, mo, d))
    }

    /// `Calendar.ISO.time_to_string/5` (`:extended`): `precision` digits of the microseconds.
    fn time(&self) -> Option<String> {
        let (h, mi, sec) = (self.int("hour")?, self.int("minute")?, self.int("second")?);
        let mut out = format!("{:02}:{:02}:{:02}", h, mi, sec);
        if let Some(Term::Tuple(us)) = self.get("microsecond") {
            if let [Term::Int(v), Term::Int(p)] = &us[..] {
                if *p > 0 {
                    let digits = format!("{:06}", v);
                    out.push('.');
                    out.push_str(digits.get(..(*p as usize).min(6))?);
                }
            }
        }
        Some(out)
    }

    /// The date and time of a `DateTime`, then `Z` when it is UTC (`None` in the second
    /// place) or the offset, abbreviation and zone otherwise.
    fn date_time(&self) -> Option<(String, Option<String>)> {
        let (utc, std) = (self.int("utc_offset")?, self.int("std_offset")?);
        let (zone, abbr) = (self.text("time_zone")?, self.text("zone_abbr")?);
        let base = format!("{} {}", self.date()?, self.time()?);
        if utc == 0 && std == 0 && zone == "Etc/UTC" {
            return Some((base, None));
        }
        let total = utc + std;
        let secs = total.abs();
        let offset = format!("{}{:02}:{:02}", if total < 0 { "-" } else { "+" }, secs / 3600, (secs % 3600) / 60);
        Some((base, Some(format!("{} {} {}", offset, abbr, zone))))
    }
}

/// `inspect/1` of a `Date`, `Time`, `NaiveDateTime`, `DateTime` or `Date.Range` (`name` is the
/// struct's module, `Elixir.Date` ...). See the module documentation for the shapes.
pub fn inspect_calendar(name: &str, m: &MapT) -> Option<String> {
    let p = Parts { m };
    if name == "Elixir.Date.Range" {
        let first = match p.get("first")? {
            Term::Map(f) => inspect_calendar("Elixir.Date", f)?,
            _ => return None,
        };
        let last = match p.get("last")? {
            Term::Map(l) => inspect_calendar("Elixir.Date", l)?,
            _ => return None,
        };
        return match p.int("step")? {
            1 => Some(format!("Date.range({}, {})", first, last)),
            step => Some(format!("Date.range({}, {}, {})", first, last, step)),
        };
    }
    p.iso()?;
    match name {
        "Elixir.Date" => Some(format!("~D[{}]", p.date()?)),
        "Elixir.Time" => Some(format!("~T[{}]", p.time()?)),
        "Elixir.NaiveDateTime" => Some(format!("~N[{} {}]", p.date()?, p.time()?)),
        "Elixir.DateTime" => match p.date_time()? {
            (base, None) => Some(format!("~U[{}Z]", base)),
            (base, Some(zone)) => Some(format!("#DateTime<{}{}>", base, zone)),
        },
        _ => None,
    }
}

/// `to_string/1` (and interpolation) of a calendar struct: `None` when `m` is not one of
/// `Date`, `Time`, `NaiveDateTime`, `DateTime` with `Calendar.ISO` fields.
pub fn calendar_to_string(m: &MapT) -> Option<String> {
    let p = Parts { m };
    let name = match p.get("__struct__")? {
        Term::Atom(a) => a.name(),
        _ => return None,
    };
    p.iso()?;
    match name {
        "Elixir.Date" => p.date(),
        "Elixir.Time" => p.time(),
        "Elixir.NaiveDateTime" => Some(format!("{} {}", p.date()?, p.time()?)),
        "Elixir.DateTime" => match p.date_time()? {
            (base, None) => Some(format!("{}Z", base)),
            (base, Some(zone)) => Some(format!("{}{}", base, zone)),
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, Term)]) -> MapT {
        pairs.iter().map(|(k, v)| (Term::atom(k), v.clone())).collect()
    }

    fn date(y: i64, m: i64, d: i64) -> MapT {
        map(&[
            ("__struct__", Term::atom("Elixir.Date")),
            ("calendar", Term::atom("Elixir.Calendar.ISO")),
            ("year", Term::Int(y)),
            ("month", Term::Int(m)),
            ("day", Term::Int(d)),
        ])
    }

    // As `elixir -e 'IO.puts(~D[2024-01-05]); IO.inspect(Date.range(...))'` prints them.
    #[test]
    fn dates_and_ranges() {
        assert_eq!(calendar_to_string(&date(2024, 1, 5)).as_deref(), Some("2024-01-05"));
        assert_eq!(inspect_calendar("Elixir.Date", &date(-5, 1, 1)).as_deref(), Some("~D[-0005-01-01]"));
        let range = |step: i64| {
            map(&[
                ("__struct__", Term::atom("Elixir.Date.Range")),
                ("first", Term::map(date(2024, 1, 5))),
                ("last", Term::map(date(2024, 1, 1))),
                ("step", Term::Int(step)),
            ])
        };
        assert_eq!(inspect_calendar("Elixir.Date.Range", &range(-1)).as_deref(), Some("Date.range(~D[2024-01-05], ~D[2024-01-01], -1)"));
        assert_eq!(inspect_calendar("Elixir.Date.Range", &range(1)).as_deref(), Some("Date.range(~D[2024-01-05], ~D[2024-01-01])"));
    }

    #[test]
    fn times_keep_their_precision() {
        let t = |us: i64, p: i64| {
            map(&[
                ("__struct__", Term::atom("Elixir.Time")),
                ("calendar", Term::atom("Elixir.Calendar.ISO")),
                ("hour", Term::Int(10)),
                ("minute", Term::Int(0)),
                ("second", Term::Int(7)),
                ("microsecond", Term::tuple(vec![Term::Int(us), Term::Int(p)])),
            ])
        };
        assert_eq!(calendar_to_string(&t(100_000, 3)).as_deref(), Some("10:00:07.100"));
        assert_eq!(inspect_calendar("Elixir.Time", &t(5, 0)).as_deref(), Some("~T[10:00:07]"));
        let other = map(&[
            ("__struct__", Term::atom("Elixir.Date")),
            ("calendar", Term::atom("Elixir.Other")),
            ("year", Term::Int(1)),
            ("month", Term::Int(1)),
            ("day", Term::Int(1)),
        ]);
        assert_eq!(calendar_to_string(&other), None);
    }
}
