//! `h` at the prompt: the text IEx 1.14 prints for `h Mod`, `h Mod.fun` and `h Mod.fun/arity`
//! (`IEx.Introspection`): a heading centred in 80 columns (`Enum`, or the signature
//! `def map(enumerable, fun)`), a blank line, the doc, a blank line; "No documentation for
//! Mod.fun/2 was found" when nothing matches. Signatures are read from the module's source (its
//! file, or the embedded library source), from the head of each function's first clause, as
//! Elixir records them: argument names kept, defaults kept, other patterns named `argN`.

/// `h Mod.fun` and `h Mod.fun/2` at the prompt, which IEx reads as a macro (a plain call would
/// call `Mod.fun()`): the call `IEx.Helpers.h({Mod, :fun})` or `IEx.Helpers.h({Mod, :fun, 2})`
/// to compile instead, or None when `stmt` is no such `h`.
pub fn h_call(stmt: &retort_compiler::ast::Ast) -> Option<String> {
    use retort_compiler::ast::Ast;
    let Ast::Node { head, args: Some(args), .. } = stmt else { return None };
    if !matches!(&**head, Ast::Atom(h) if h == "h") || args.len() != 1 {
        return None;
    }
    let (call, arity) = match &args[0] {
        Ast::Node { head, args: Some(a), .. } if matches!(&**head, Ast::Atom(op) if op == "/") && a.len() == 2 => match &a[1] {
            Ast::Int(n) => (&a[0], Some(*n)),
            _ => return None,
        },
        other => (other, None),
    };
    let Ast::Node { head, args: Some(call_args), .. } = call else { return None };
    if !call_args.is_empty() {
        return None;
    }
    let Ast::Node { head: dot, args: Some(parts), .. } = &**head else { return None };
    if !matches!(&**dot, Ast::Atom(d) if d == ".") || parts.len() != 2 {
        return None;
    }
    // `Enum.map` or an Erlang module, `:erlang.hd`.
    let module = match &parts[0] {
        Ast::Atom(m) => format!(":\"{}\"", m.replace('\\', "\\\\").replace('"', "\\\"")),
        other => super::alias_text(other)?,
    };
    let Ast::Atom(fun) = &parts[1] else { return None };
    Some(match arity {
        Some(n) => format!("IEx.Helpers.h({{{module}, :\"{fun}\", {n}}})"),
        None => format!("IEx.Helpers.h({{{module}, :\"{fun}\"}})"),
    })
}

/// IEx's heading: `text` centred in 80 columns (`div(80 - length, 2)` spaces before).
pub fn heading(text: &str) -> String {
    let pad = 80usize.saturating_sub(text.chars().count()) / 2;
    format!("\n{}{}\n\n", " ".repeat(pad), text)
}

/// One documented function as `h` prints it: the heading, then the doc (if any) and a blank line.
pub fn function_block(signature: &str, doc: Option<&str>) -> String {
    let mut out = heading(signature);
    if let Some(d) = doc {
        out.push_str(d.trim_end());
        out.push_str("\n\n");
    }
    out
}

/// The signatures `(kind, text, min_arity, max_arity)` of the public functions and macros named
/// `name` in `source`, in source order, one per first clause (`def f(a, b \\ 1)` gives arities
/// 1..=2). A scan of the text, not a parse: a `def`/`defmacro` at the start of a line.
pub fn signatures(source: &str, name: &str) -> Vec<(&'static str, String, usize, usize)> {
    let mut out: Vec<(&'static str, String, usize, usize)> = Vec::new();
    for line_start in std::iter::once(0).chain(source.match_indices('\n').map(|(i, _)| i + 1)) {
        let rest = source[line_start..].trim_start_matches([' ', '\t']);
        let (kind, after) = if let Some(r) = rest.strip_prefix("defmacro ") {
            ("defmacro", r)
        } else if let Some(r) = rest.strip_prefix("def ") {
            ("def", r)
        } else {
            continue;
        };
        let after = after.trim_start();
        let Some(tail) = after.strip_prefix(name) else { continue };
        let args = if let Some(inner) = tail.strip_prefix('(') {
            match split_args(inner) {
                Some(a) => a,
                None => continue,
            }
        } else if tail.starts_with([',', ' ', '\n']) || tail.is_empty() {
            Vec::new()
        } else {
            continue; // a longer name (`map_join` for `map`)
        };
        let defaults = args.iter().filter(|a| a.contains("\\\\")).count();
        let (min, max) = (args.len() - defaults, args.len());
        if out.iter().any(|(k, _, lo, hi)| *k == kind && *lo <= max && min <= *hi) {
            continue; // a later clause of a function already seen
        }
        let named: Vec<String> = args.iter().enumerate().map(|(i, a)| simplify(a, i + 1)).collect();
        out.push((kind, format!("{kind} {name}({})", named.join(", ")), min, max));
    }
    out
}

/// The top-level arguments between `(` (already consumed) and its closing `)`.
fn split_args(text: &str) -> Option<Vec<String>> {
    let mut depth = 0i32;
    let mut args = Vec::new();
    let mut cur = String::new();
    let mut in_str = false;
    let mut prev = ' ';
    for c in text.chars() {
        if in_str {
            cur.push(c);
            if c == '"' && prev != '\\' {
                in_str = false;
            }
            prev = c;
            continue;
        }
        match c {
            '"' => {
                in_str = true;
                cur.push(c);
            }
            '(' | '[' | '{' => {
                depth += 1;
                cur.push(c);
            }
            ')' | ']' | '}' if depth > 0 => {
                depth -= 1;
                cur.push(c);
            }
            ')' => {
                if !cur.trim().is_empty() {
                    args.push(cur.trim().to_string());
                }
                return Some(args);
            }
            ',' if depth == 0 => {
                args.push(cur.trim().to_string());
                cur.clear();
            }
            '\n' => cur.push(' '),
            _ => cur.push(c),
        }
        prev = c;
    }
    None
}

/// An argument as Elixir's signature shows it: a variable (leading `_` dropped), a default kept,
/// the variable side of `pattern = var`, else `argN`.
fn simplify(arg: &str, n: usize) -> String {
    if let Some((left, right)) = arg.split_once("\\\\") {
        return format!("{} \\\\ {}", simplify(left.trim(), n), right.trim());
    }
    let is_var = |s: &str| {
        let s = s.trim_start_matches('_');
        s.chars().next().is_some_and(|c| c.is_ascii_lowercase()) && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '?' || c == '!')
    };
    if is_var(arg) {
        return arg.trim_start_matches('_').to_string();
    }
    if let Some((l, r)) = arg.rsplit_once(" = ") {
        if is_var(r.trim()) {
            return r.trim().trim_start_matches('_').to_string();
        }
        if is_var(l.trim()) {
            return l.trim().trim_start_matches('_').to_string();
        }
    }
    format!("arg{n}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn h_of_an_erlang_module_function_is_rewritten_too() {
        let ast = |s: &str| retort_compiler::parser::parse(s).unwrap();
        assert_eq!(h_call(&ast("h :erlang.hd")).as_deref(), Some("IEx.Helpers.h({:\"erlang\", :\"hd\"})"));
        assert_eq!(h_call(&ast("h :lists.reverse/2")).as_deref(), Some("IEx.Helpers.h({:\"lists\", :\"reverse\", 2})"));
        assert_eq!(h_call(&ast("h Enum.map")).as_deref(), Some("IEx.Helpers.h({Enum, :\"map\"})"));
    }

    #[test]
    fn headings_are_centred_in_80_columns_as_iex_does() {
        // As `iex` printed them (`h Enum.map`, `h Enum`, `h`): 28, 38 and 34 spaces.
        assert_eq!(heading("def map(enumerable, fun)"), format!("\n{}def map(enumerable, fun)\n\n", " ".repeat(28)));
        assert_eq!(heading("Enum"), format!("\n{}Enum\n\n", " ".repeat(38)));
        assert_eq!(heading("IEx.Helpers"), format!("\n{}IEx.Helpers\n\n", " ".repeat(34)));
    }

    #[test]
    fn signatures_come_from_the_first_clause_with_defaults() {
        let src = "defmodule E do\n  def map(list, fun) when is_list(list), do: 1\n  def map(enumerable, fun), do: 2\n  def map_join(a, b), do: 3\n  def split(string, pattern, options \\\\ []) do\n  end\n  def at(%{} = map, _index), do: 4\n  def first({a, b}, [_ | _]), do: a\n  defmacro is_thing(x), do: x\n  def now, do: 0\nend\n";
        assert_eq!(signatures(src, "map"), vec![("def", "def map(list, fun)".to_string(), 2, 2)]);
        assert_eq!(signatures(src, "split"), vec![("def", "def split(string, pattern, options \\\\ [])".to_string(), 2, 3)]);
        assert_eq!(signatures(src, "at")[0].1, "def at(map, index)");
        assert_eq!(signatures(src, "first")[0].1, "def first(arg1, arg2)");
        assert_eq!(signatures(src, "is_thing")[0].1, "defmacro is_thing(x)");
        assert_eq!(signatures(src, "now"), vec![("def", "def now()".to_string(), 0, 0)]);
        assert!(signatures(src, "nope").is_empty());
    }
}
