//! The schedule file of `retort run --record FILE` / `--replay FILE` (described in
//! `docs/schedules.md`): text, one line per slice.
//!
//! ```text
//! retort-schedule 1
//! seed 42
//! # any comment lines (the command that made it)
//! 3 4000 812
//! 5 17 17
//! ```
//!
//! The first line names the format and its version. A `seed N` line gives the seed of the
//! `:rand` stream (0 when absent). Every other line that is not empty and does not start with
//! `#` is one [`Decision`]: the pid number of the process that ran
//! (`#PID<0.3.0>` → `3`), the budget it was given and the reductions it used, as decimal
//! integers separated by one space.

use super::seeded::Decision;

/// The first line of a schedule file.
pub const HEADER: &str = "retort-schedule 1";

/// The file's text for `decisions` made with `seed`, with `comment` (one line per line of it)
/// under the header.
pub fn encode(decisions: &[Decision], seed: u64, comment: &str) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(32 + comment.len() + decisions.len() * 14);
    s.push_str(HEADER);
    let _ = writeln!(s, "\nseed {seed}");
    for line in comment.lines() {
        let _ = writeln!(s, "# {line}");
    }
    for d in decisions {
        let _ = writeln!(s, "{} {} {}", d.pid, d.budget, d.used);
    }
    s
}

/// The seed and decisions of a schedule file's `text`. Errors name the line that is wrong.
pub fn decode(text: &str) -> Result<(u64, Vec<Decision>), String> {
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, h)) if h.trim_end() == HEADER => {}
        _ => return Err(format!("not a schedule file: the first line is not \"{HEADER}\"")),
    }
    let mut out = Vec::new();
    let mut seed = 0;
    for (i, line) in lines {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(n) = line.strip_prefix("seed ") {
            seed = n.parse().map_err(|_| format!("line {}: expected \"seed N\", found \"{line}\"", i + 1))?;
            continue;
        }
        let mut fields = line.split(' ').map(|f| f.parse::<u32>());
        match (fields.next(), fields.next(), fields.next(), fields.next()) {
            (Some(Ok(pid)), Some(Ok(budget)), Some(Ok(used)), None) => out.push(Decision { pid, budget, used }),
            _ => return Err(format!("line {}: expected \"PID BUDGET USED\", found \"{line}\"", i + 1)),
        }
    }
    Ok((seed, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let d = vec![Decision { pid: 3, budget: 4000, used: 812 }, Decision { pid: 5, budget: 17, used: 17 }];
        let text = encode(&d, 42, "retort run --record x\nsecond line");
        assert!(text.starts_with("retort-schedule 1\nseed 42\n# retort run --record x\n# second line\n3 4000 812\n"));
        assert_eq!(decode(&text).unwrap(), (42, d));
    }

    #[test]
    fn errors_name_the_line() {
        assert!(decode("3 4 5\n").unwrap_err().contains("not a schedule file"));
        assert_eq!(decode("retort-schedule 1\n3 4 5\n3 x 5\n").unwrap_err(), "line 3: expected \"PID BUDGET USED\", found \"3 x 5\"");
        assert!(decode("retort-schedule 1\n3 4 5 6\n").is_err());
    }
}
