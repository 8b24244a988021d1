//! Docs of natives, for `h` at the prompt: a native has no source clause to read its signature
//! from (`docs.rs`) and no `@doc`. The native tables (`vm/src/bif/*.rs`, `&[(name, arity, fn)]`)
//! stay as they are; the docs are data, one text file per module in `native_docs/` (named by
//! the module's atom: `Elixir.String.txt`, `lists.txt`), embedded and read only when `h` runs.
//!
//! A file is an optional `@moduledoc` text (for a module with no code, `IO`), then one entry
//! per function (one for all the arities a function with defaults has):
//!
//! ```text
//! @@ name min_arity max_arity
//! heading                                  (Elixir modules only: `def length(string)`)
//!   @spec ...                              (Elixir 1.14's / OTP 25's, as IEx prints them)
//!
//! doc text (Elixir modules only; Erlang modules have specs only, as OTP ships them)
//! ```

/// `(module atom name, file)`.
const FILES: &[(&str, &str)] = &[
    ("Elixir.Float", include_str!("native_docs/Elixir.Float.txt")),
    ("Elixir.IO", include_str!("native_docs/Elixir.IO.txt")),
    ("Elixir.Integer", include_str!("native_docs/Elixir.Integer.txt")),
    ("Elixir.Kernel", include_str!("native_docs/Elixir.Kernel.txt")),
    ("Elixir.List", include_str!("native_docs/Elixir.List.txt")),
    ("Elixir.Map", include_str!("native_docs/Elixir.Map.txt")),
    ("Elixir.Process", include_str!("native_docs/Elixir.Process.txt")),
    ("Elixir.String", include_str!("native_docs/Elixir.String.txt")),
    ("erlang", include_str!("native_docs/erlang.txt")),
    ("lists", include_str!("native_docs/lists.txt")),
    ("maps", include_str!("native_docs/maps.txt")),
];

/// One function's entry: the arities it covers, and its text (for an Elixir module, the heading
/// line then the rest; for an Erlang module, the specs).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'a> {
    pub min_arity: usize,
    pub max_arity: usize,
    pub text: &'a str,
}

fn file(module: &str) -> Option<&'static str> {
    FILES.iter().find(|(m, _)| *m == module).map(|(_, f)| *f)
}

/// The entries of `module`'s file, with their names, in file order.
fn entries(text: &str) -> impl Iterator<Item = (&str, Entry<'_>)> {
    let start = if text.starts_with("@@ ") { Some(3) } else { text.find("\n@@ ").map(|i| i + 4) };
    let rest = start.map_or("", |i| &text[i..]);
    rest.split("\n@@ ").filter(|c| !c.is_empty()).filter_map(|chunk| {
        let (head, body) = chunk.split_once('\n')?;
        let mut parts = head.split(' ');
        let name = parts.next()?;
        let min_arity = parts.next()?.parse().ok()?;
        let max_arity = parts.next()?.parse().ok()?;
        Some((name, Entry { min_arity, max_arity, text: body.trim_end() }))
    })
}

/// The `@moduledoc` text at the top of `module`'s file, if any.
pub fn moduledoc(module: &str) -> Option<&'static str> {
    let text = file(module)?;
    let end = if text.starts_with("@@ ") { 0 } else { text.find("\n@@ ").unwrap_or(text.len()) };
    let doc = text[..end].trim();
    (!doc.is_empty()).then_some(doc)
}

/// The entry of the native `module.name/arity`, or None.
pub fn native_doc(module: &str, name: &str, arity: usize) -> Option<Entry<'static>> {
    entries(file(module)?).find(|(n, e)| *n == name && e.min_arity <= arity && arity <= e.max_arity).map(|(_, e)| e)
}

/// For an Elixir module's entry: its heading (`def hd(list)`) and the text under it.
pub fn heading_and_body<'a>(entry: &Entry<'a>) -> (&'a str, &'a str) {
    entry.text.split_once('\n').unwrap_or((entry.text, ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernel_natives_have_a_signature_spec_and_doc() {
        let e = native_doc("Elixir.Kernel", "hd", 1).unwrap();
        let (heading, body) = heading_and_body(&e);
        assert_eq!(heading, "def hd(list)");
        assert!(body.starts_with("  @spec hd(nonempty_maybe_improper_list"), "{body}");
        assert!(body.contains("Returns the head of a list."), "{body}");
        assert!(native_doc("Elixir.Kernel", "hd", 2).is_none());
        assert!(native_doc("Elixir.Enum", "hd", 1).is_none());
    }

    #[test]
    fn erlang_entries_hold_otp_specs_and_defaults_cover_arities() {
        let e = native_doc("lists", "reverse", 2).unwrap();
        assert!(e.text.starts_with("  @spec reverse(list1, tail) :: list2"), "{}", e.text);
        let e = native_doc("Elixir.Process", "send_after", 3).unwrap();
        assert_eq!(heading_and_body(&e).0, "def send_after(dest, msg, time, opts \\\\ [])");
        assert_eq!(native_doc("Elixir.Process", "send_after", 4), Some(e));
    }

    #[test]
    fn every_file_parses_and_lists_each_function_once() {
        for (module, text) in FILES {
            let all: Vec<_> = entries(text).collect();
            assert!(!all.is_empty(), "{module}");
            assert_eq!(all.len(), text.matches("@@ ").count(), "{module}: an entry head does not parse");
            for (i, (n, e)) in all.iter().enumerate() {
                assert!(e.min_arity <= e.max_arity, "{module}.{n}");
                assert!(!e.text.is_empty(), "{module}.{n}: empty entry");
                let clash = all[i + 1..].iter().any(|(m, f)| m == n && f.min_arity <= e.max_arity && e.min_arity <= f.max_arity);
                assert!(!clash, "{module}.{n}/{} twice", e.min_arity);
                if module.starts_with("Elixir.") {
                    assert!(!e.text.contains("TODO"), "{module}.{n}: no doc yet");
                }
            }
        }
    }
}
