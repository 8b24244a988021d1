//! Rewrites the PCRE constructs fancy-regex spells differently (or lacks) into equivalents it
//! has. Follows the PCRE2 pattern reference (pcre2pattern(3)) for the meaning of each:
//!
//! - `$` without the `m` flag matches at the end *or before a final newline* (PCRE's default
//!   `DOLLAR_ENDONLY` off), and `\Z` always does. Both are `(?=\n?\z)`, a look-ahead, which
//!   puts the whole pattern on fancy-regex's backtracking VM; since that form differs from
//!   `\z` only when the subject ends in `\n`, [`rewrite`] is asked for two variants: the plain
//!   one (`$` as is, `\Z` as `\z`) and the exact one, used only for subjects ending in `\n`.
//! - `\h` (horizontal white space) becomes `[\t \x{A0}]` (inside a class, its members).
//!
//! Everything else is passed through: escapes are copied as pairs, character classes are
//! tracked so that `$` inside `[...]` stays literal, and `\Q...\E` is copied verbatim.

/// The pattern text for fancy-regex. `exact_dollar`: spell `$` (outside `m` mode) and `\Z`
/// as PCRE means them; otherwise as end-of-subject only. `multiline`: the `m` flag is on
/// (then `$` is left to the engine, whose multi-line `$` is PCRE's).
pub fn rewrite(src: &str, exact_dollar: bool, multiline: bool) -> String {
    const END: &str = "(?=\\n?\\z)";
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len() + 8);
    let mut i = 0;
    let mut in_class = false;
    let mut class_start = 0usize;
    while i < b.len() {
        let c = b[i];
        if c == b'\\' && i + 1 < b.len() {
            let n = b[i + 1];
            match n {
                b'Q' => {
                    // \Q...\E: literal text; escape each char for the engine.
                    let rest = &src[i + 2..];
                    let end = rest.find("\\E").unwrap_or(rest.len());
                    for ch in rest[..end].chars() {
                        if ch.is_ascii_punctuation() || ch == ' ' {
                            out.push('\\');
                        }
                        out.push(ch);
                    }
                    i += 2 + end + if end < rest.len() { 2 } else { 0 };
                    continue;
                }
                b'Z' if !in_class => out.push_str(if exact_dollar { END } else { "\\z" }),
                b'h' if in_class => out.push_str("\\t \\x{A0}"),
                b'h' => out.push_str("[\\t \\x{A0}]"),
                _ => {
                    // copy the escape and its (possibly multi-byte) character
                    let ch_len = src[i + 1..].chars().next().map(|c| c.len_utf8()).unwrap_or(1);
                    out.push_str(&src[i..i + 1 + ch_len]);
                    i += 1 + ch_len;
                    continue;
                }
            }
            i += 2;
            continue;
        }
        if in_class {
            // `]` right after `[` or `[^` is literal
            if c == b']' && i > class_start {
                in_class = false;
            }
            // nested POSIX class [:alpha:]
            if c == b'[' && b.get(i + 1) == Some(&b':') {
                if let Some(end) = src[i + 2..].find(":]") {
                    out.push_str(&src[i..i + 2 + end + 2]);
                    i += 2 + end + 2;
                    continue;
                }
            }
        } else if c == b'[' {
            in_class = true;
            class_start = i + 1;
            if b.get(i + 1) == Some(&b'^') {
                class_start += 1;
            }
        } else if c == b'$' && exact_dollar && !multiline {
            out.push_str(END);
            i += 1;
            continue;
        }
        let ch_len = src[i..].chars().next().map(|c| c.len_utf8()).unwrap_or(1);
        out.push_str(&src[i..i + ch_len]);
        i += ch_len;
    }
    out
}

/// Whether the pattern text has something [`rewrite`] spells differently for subjects ending
/// in a newline (an unescaped `$` outside a class, or `\Z`).
pub fn has_dollar(src: &str) -> bool {
    rewrite(src, true, false) != rewrite(src, false, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn dollar_and_escapes() {
        assert_eq!(rewrite("a$", false, false), "a$");
        assert_eq!(rewrite("a$", true, false), "a(?=\\n?\\z)");
        assert_eq!(rewrite("a$", true, true), "a$");
        assert_eq!(rewrite("[$]\\$", true, false), "[$]\\$");
        assert_eq!(rewrite("[]$]x$", true, false), "[]$]x(?=\\n?\\z)");
        assert_eq!(rewrite("a\\Z", false, false), "a\\z");
        assert_eq!(rewrite("\\h[\\h]", false, false), "[\\t \\x{A0}][\\t \\x{A0}]");
        assert_eq!(rewrite("\\Qa.$\\Eb", true, false), "a\\.\\$b");
        assert!(has_dollar("^x$"));
        assert!(!has_dollar("^x\\$"));
    }
}
