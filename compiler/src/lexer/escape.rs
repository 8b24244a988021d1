//! Backslash escapes of string-like literals, decoded to bytes.
//!
//! Follows Elixir 1.14's `elixir_interpolation:unescape_chars` (strings, charlists, quoted
//! atoms, and `Macro.unescape_string/1` for lowercase sigils): `\xHH` (one or two hex digits)
//! is ONE byte, so `"\xFF"` is `<<255>>` and not the UTF-8 encoding of U+00FF, while
//! `\x{H*}`, `\uHHHH` and `\u{H*}` are code points, written as their UTF-8 bytes. The string
//! scanner (`scan.rs`) and the sigil lowering (`codegen/lower.rs`) both decode through here.

/// What one escape sequence stands for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Escaped {
    /// A raw byte (`\xHH`): may make the literal invalid UTF-8, as in Elixir.
    Byte(u8),
    /// A code point, written in UTF-8.
    Char(char),
    /// Nothing (`\` before a newline: a line continuation).
    Nothing,
}

impl Escaped {
    /// Appends the escape's bytes to `out`.
    pub fn push_to(self, out: &mut Vec<u8>) {
        match self {
            Escaped::Byte(b) => out.push(b),
            Escaped::Char(c) => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
            Escaped::Nothing => {}
        }
    }

    /// The integer `?\x..` stands for: the byte or the code point (0 for nothing).
    pub fn value(self) -> i64 {
        match self {
            Escaped::Byte(b) => b as i64,
            Escaped::Char(c) => c as i64,
            Escaped::Nothing => 0,
        }
    }
}

/// Decodes the escape whose backslash is at byte `pos` of `src`; returns what it stands for
/// and the position after it. A backslash at the end of `src` stands for itself.
/// A code point out of Unicode's range becomes U+FFFD.
pub fn decode(src: &str, pos: usize) -> (Escaped, usize) {
    let Some(n) = src.get(pos + 1..).and_then(|s| s.chars().next()) else {
        return (Escaped::Char('\\'), pos + 1);
    };
    // Up to `max` hex digits from `from`: (value, digit count).
    let hex = |from: usize, max: usize| -> (u32, usize) {
        let digits = src.get(from..).unwrap_or("").bytes().take(max).take_while(u8::is_ascii_hexdigit).count();
        (u32::from_str_radix(&src[from..from + digits], 16).unwrap_or(0), digits)
    };
    let code_point = |v: u32| Escaped::Char(char::from_u32(v).unwrap_or('\u{fffd}'));
    // `{H*}` from `from` (the brace): the code point and the position after the closing brace.
    let braced = |from: usize| -> (Escaped, usize) {
        let (v, len) = hex(from + 1, 6);
        let end = from + 1 + len;
        (code_point(v), if src.as_bytes().get(end) == Some(&b'}') { end + 1 } else { end })
    };
    let simple = match n {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        's' => ' ',
        'e' => '\x1b',
        'd' => '\x7f',
        'a' => '\x07',
        'b' => '\x08',
        'f' => '\x0c',
        'v' => '\x0b',
        '0' => '\0',
        '\n' => return (Escaped::Nothing, pos + 2),
        'x' if src.as_bytes().get(pos + 2) == Some(&b'{') => return braced(pos + 2),
        'x' => {
            let (v, len) = hex(pos + 2, 2);
            return (Escaped::Byte(v as u8), pos + 2 + len);
        }
        'u' if src.as_bytes().get(pos + 2) == Some(&b'{') => return braced(pos + 2),
        'u' => {
            let (v, len) = hex(pos + 2, 4);
            return (code_point(v), pos + 2 + len);
        }
        c => c,
    };
    (Escaped::Char(simple), pos + 1 + n.len_utf8())
}

/// Decodes every escape of `s` (a lowercase sigil's body): the literal's bytes.
pub fn unescape(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut pos = 0;
    while let Some(i) = s[pos..].find('\\') {
        out.extend_from_slice(&s.as_bytes()[pos..pos + i]);
        let (e, next) = decode(s, pos + i);
        e.push_to(&mut out);
        pos = next;
    }
    out.extend_from_slice(&s.as_bytes()[pos..]);
    out
}

/// The text of the first `\u`, `\u{H*}` or `\x{H*}` escape of `s` that names no Unicode
/// scalar value (above U+10FFFF, or a surrogate), which Elixir's `Macro.unescape_string/1`
/// rejects ("invalid or reserved Unicode code point \u{110000}"); None when there is none.
pub fn first_invalid_code_point(s: &str) -> Option<&str> {
    let mut pos = 0;
    while let Some(i) = s[pos..].find('\\') {
        let at = pos + i;
        let (_, next) = decode(s, at);
        let text = &s[at..next.min(s.len())];
        if text.starts_with("\\u") || text.starts_with("\\x{") {
            let digits = text[2..].trim_start_matches('{').trim_end_matches('}');
            if !digits.is_empty() && u32::from_str_radix(digits, 16).map_or(true, |v| char::from_u32(v).is_none()) {
                return Some(text);
            }
        }
        pos = next.max(at + 1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_out_of_unicode_are_found() {
        assert_eq!(first_invalid_code_point("ab\\u{110000}c"), Some("\\u{110000}"));
        assert_eq!(first_invalid_code_point("\\uD800"), Some("\\uD800"));
        assert_eq!(first_invalid_code_point("\\x{D800}"), Some("\\x{D800}"));
        assert_eq!(first_invalid_code_point("\\u{10FFFF} \\xFF \\\\u{110000} \\u00e9"), None);
    }

    #[test]
    fn hex_byte_escapes_are_single_bytes() {
        assert_eq!(unescape("\\xFF"), vec![0xff]);
        assert_eq!(unescape("a\\xC3\\xA9b"), "aéb".as_bytes());
        assert_eq!(unescape("\\xF"), vec![0x0f]);
        assert_eq!(unescape("\\xFFF"), vec![0xff, b'F']);
    }

    #[test]
    fn code_point_escapes_are_utf8() {
        assert_eq!(unescape("\\x{FF}"), "ÿ".as_bytes());
        assert_eq!(unescape("\\u{FF}"), "ÿ".as_bytes());
        assert_eq!(unescape("\\u00e9"), "é".as_bytes());
        assert_eq!(unescape("\\x{FFFF}"), "\u{ffff}".as_bytes());
        assert_eq!(unescape("\\u{110000}"), "\u{fffd}".as_bytes());
    }

    #[test]
    fn simple_escapes_and_continuations() {
        assert_eq!(unescape("a\\n\\t\\s\\\\\\q\\\nb"), b"a\n\t \\qb");
        assert_eq!(unescape("end\\"), b"end\\");
        assert_eq!(decode("\\xFF", 0), (Escaped::Byte(255), 4));
        assert_eq!(decode("\\x{41}z", 0), (Escaped::Char('A'), 6));
    }
}
