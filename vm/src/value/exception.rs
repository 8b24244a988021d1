//! Elixir 1.14's view of errors: `Exception.normalize/3` (Erlang error reasons to exception
//! structs), `Exception.message/1` for the built-in exceptions, `Exception.format_banner/3`,
//! `Exception.format_stacktrace/1` and `Exception.format_exit/1`.
//!
//! Exception structs are maps `%{__struct__: Elixir.Name, __exception__: true, ...fields}`
//! with exactly the fields of Elixir 1.14 (see [`super::inspect::builtin_struct_fields`]).
//! Stack traces are lists of `{module, function, arity_or_args, location}` where `location` is
//! a keyword list `[file: charlist_or_string, line: n]`.
//!
//! `UndefinedFunctionError`'s message depends on whether the module is loaded ("is undefined
//! or private" vs "is undefined (module Foo is not available)"): Elixir asks the code server
//! when the message is built. The formatters take the VM's [`Known`] for that (and for the
//! struct fields inspect needs); with `Known::default()` no module counts as loaded. [`normalize`] leaves `reason: nil` as Elixir does.

use super::atom::Atom;
use super::inspect::{extract_anonymous_fun_parent, inspect_atom, inspect_atom_remote_call};
use super::term::{MapT, Term};
use super::to_string::to_string as term_to_string;
use super::known::Known;

fn a(name: &str) -> Term {
    Term::atom(name)
}

/// Builds the exception struct `%Elixir.<name>{fields}` (with `__exception__: true`).
pub fn exception_struct(name: &str, fields: Vec<(&str, Term)>) -> Term {
    let mut m = MapT::new();
    m.insert(Term::Atom(Atom::STRUCT), a(&format!("Elixir.{}", name)));
    m.insert(Term::Atom(Atom::EXCEPTION), Term::TRUE);
    for (k, v) in fields {
        m.insert(a(k), v);
    }
    Term::map(m)
}

/// `%RuntimeError{message: msg}` and friends with a single `:message` field.
pub fn with_message(name: &str, msg: &str) -> Term {
    exception_struct(name, vec![("message", Term::string(msg))])
}

/// Whether `t` is an exception struct (`Exception.exception?/1`).
pub fn is_exception(t: &Term) -> bool {
    match t {
        Term::Map(m) => {
            matches!(m.get(&Term::Atom(Atom::STRUCT)), Some(Term::Atom(_)))
                && m.get(&Term::Atom(Atom::EXCEPTION)).map(|v| v.is_atom(Atom::TRUE)).unwrap_or(false)
        }
        _ => false,
    }
}

/// The struct module's name with `Elixir.` (`"Elixir.KeyError"`), if `t` is a struct.
fn struct_name(t: &Term) -> Option<&'static str> {
    match t {
        Term::Map(m) => match m.get(&Term::Atom(Atom::STRUCT)) {
            Some(Term::Atom(a)) => Some(a.name()),
            _ => None,
        },
        _ => None,
    }
}

fn field(t: &Term, name: &str) -> Term {
    match t {
        Term::Map(m) => m.get(&a(name)).cloned().unwrap_or(Term::NIL_ATOM),
        _ => Term::NIL_ATOM,
    }
}

fn tuple_items(t: &Term) -> Option<&[Term]> {
    match t {
        Term::Tuple(v) => Some(v),
        _ => None,
    }
}

/// `ErlangError.from_stacktrace/1`: `{module, function, arity}` of the top frame, or nils.
fn from_stacktrace(st: &Term) -> (Term, Term, Term) {
    if let Term::Cons(c) = st {
        if let Some([m, f, aa, _]) = tuple_items(&c.head) {
            let arity = match aa.list_to_vec() {
                Some(args) => Term::Int(args.len() as i64),
                None => aa.clone(),
            };
            return (m.clone(), f.clone(), arity);
        }
    }
    (Term::NIL_ATOM, Term::NIL_ATOM, Term::NIL_ATOM)
}

/// The explanation a native put in its stacktrace entry for a `:badarg`
/// (`{m, f, args, [error_info: %{module: :erl_erts_errors, cause: text}]}`, see
/// `bif::util::bif_badarg`), worded as OTP's extended error info prints it.
fn badarg_cause(stacktrace: &Term) -> Option<String> {
    let Term::Cons(c) = stacktrace else { return None };
    let entry = tuple_items(&c.head)?;
    let mut info = &entry[3];
    while let Term::Cons(kv) = info {
        if let Some([k, Term::Map(m)]) = tuple_items(&kv.head) {
            if k.as_atom().map(|a| a.name()) == Some("error_info") {
                if let Some(Term::Binary(b)) = m.get(&Term::atom("cause")) {
                    return Some(format!("errors were found at the given arguments:\n\n{}", String::from_utf8_lossy(b)));
                }
            }
        }
        info = &kv.tail;
    }
    None
}

/// `Exception.normalize(k, :error, reason, stacktrace)` (= `ErlangError.normalize/2` for
/// non-exceptions): `{:badmatch, v}` → `%MatchError{term: v}`, `:badarith` →
/// `%ArithmeticError{}`, `:undef` → `%UndefinedFunctionError{}` from the top frame, ...;
/// an exception struct is returned as is. (No `error_info` details: `:badarg` is always
/// `%ArgumentError{message: "argument error"}`.)
pub fn normalize(k: &Known, reason: &Term, stacktrace: &Term) -> Term {
    if is_exception(reason) {
        return reason.clone();
    }
    let nil = Term::NIL_ATOM;
    match reason {
        Term::Atom(x) => match x.name() {
            "badarg" => {
                let msg = badarg_cause(stacktrace).unwrap_or_else(|| "argument error".to_string());
                return with_message("ArgumentError", &msg);
            }
            "badarith" => return with_message("ArithmeticError", "bad argument in arithmetic expression"),
            "system_limit" => return with_message("SystemLimitError", "a system limit has been reached"),
            "cond_clause" => return exception_struct("CondClauseError", vec![]),
            "undef" => {
                let (m, f, ar) = from_stacktrace(stacktrace);
                return exception_struct(
                    "UndefinedFunctionError",
                    vec![("message", nil.clone()), ("reason", nil), ("module", m), ("function", f), ("arity", ar)],
                );
            }
            "function_clause" => {
                let (m, f, ar) = from_stacktrace(stacktrace);
                return exception_struct(
                    "FunctionClauseError",
                    vec![
                        ("args", nil.clone()),
                        ("clauses", nil.clone()),
                        ("kind", nil),
                        ("module", m),
                        ("function", f),
                        ("arity", ar),
                    ],
                );
            }
            _ => {}
        },
        Term::Tuple(items) => {
            let tag = items.first().and_then(|t| t.as_atom()).map(|t| t.name()).unwrap_or("");
            match (tag, items.len()) {
                ("badarity", 2) => {
                    if let Some([f, args]) = tuple_items(&items[1]) {
                        return exception_struct("BadArityError", vec![("function", f.clone()), ("args", args.clone())]);
                    }
                }
                ("badfun", 2) => return exception_struct("BadFunctionError", vec![("term", items[1].clone())]),
                ("badstruct", 3) => {
                    return exception_struct("BadStructError", vec![("struct", items[1].clone()), ("term", items[2].clone())])
                }
                ("badmatch", 2) => return exception_struct("MatchError", vec![("term", items[1].clone())]),
                ("badmap", 2) => return exception_struct("BadMapError", vec![("term", items[1].clone())]),
                ("badbool", 3) => {
                    return exception_struct("BadBooleanError", vec![("operator", items[1].clone()), ("term", items[2].clone())])
                }
                ("badkey", 2) => {
                    let term = badkey_term_from_stacktrace(stacktrace);
                    return exception_struct(
                        "KeyError",
                        vec![("message", nil), ("key", items[1].clone()), ("term", term)],
                    );
                }
                ("badkey", 3) => {
                    let (key, term) = (&items[1], &items[2]);
                    if matches!(term, Term::Map(_)) {
                        return exception_struct("KeyError", vec![("message", nil), ("key", key.clone()), ("term", term.clone())]);
                    }
                    let msg = format!(
                        "key {} not found in: {}. If you are using the dot syntax, such as map.field, make sure the left-hand side of the dot is a map",
                        k.inspect(key),
                        k.inspect(term)
                    );
                    return exception_struct(
                        "KeyError",
                        vec![("key", key.clone()), ("term", term.clone()), ("message", Term::string(&msg))],
                    );
                }
                ("case_clause", 2) => return exception_struct("CaseClauseError", vec![("term", items[1].clone())]),
                ("with_clause", 2) => return exception_struct("WithClauseError", vec![("term", items[1].clone())]),
                ("try_clause", 2) => return exception_struct("TryClauseError", vec![("term", items[1].clone())]),
                ("badarg", 2) => {
                    return with_message("ArgumentError", &format!("argument error: {}", k.inspect(&items[1])))
                }
                _ => {}
            }
        }
        _ => {}
    }
    exception_struct("ErlangError", vec![("reason", nil), ("original", reason.clone())])
}

fn badkey_term_from_stacktrace(st: &Term) -> Term {
    if let Term::Cons(c) = st {
        if let Some([m, f, args, _]) = tuple_items(&c.head) {
            let (m, f) = (m.as_atom().map(|x| x.name()).unwrap_or(""), f.as_atom().map(|x| x.name()).unwrap_or(""));
            if let Some(args) = args.list_to_vec() {
                match (m, f, args.len()) {
                    ("Elixir.Map", "get_and_update!", 3) | ("Elixir.Map", "update!", 3) => return args[0].clone(),
                    ("maps", "update", 3) => return args[2].clone(),
                    ("maps", "get", 2) | ("erlang", "map_get", 2) => return args[1].clone(),
                    _ => {}
                }
            }
        }
    }
    Term::NIL_ATOM
}

fn bin_field(t: &Term, name: &str) -> Option<String> {
    match field(t, name) {
        Term::Binary(b) => Some(String::from_utf8_lossy(&b).into_owned()),
        _ => None,
    }
}

fn to_s(k: &Known, t: &Term) -> String {
    match term_to_string(t) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(()) => k.inspect(t),
    }
}

/// `Exception.format_mfa/3`: `Foo.bar/1`, `Foo.bar(1, 2)` (arguments given), `anonymous fn/0
/// in Foo.run/0` (lambda bodies named `-run/0-fun-0-`).
pub fn format_mfa(k: &Known, module: &Term, fun: &Term, arity: &Term) -> String {
    let fname = fun.as_atom().map(|f| f.name()).unwrap_or("");
    let mod_s = match module {
        Term::Atom(m) => inspect_atom(*m),
        other => k.inspect(other),
    };
    match extract_anonymous_fun_parent(fname) {
        Some((outer, outer_arity)) => format!(
            "anonymous fn{} in {}.{}/{}",
            format_arity(k, arity),
            mod_s,
            inspect_atom_remote_call(&outer),
            outer_arity
        ),
        None => format!("{}.{}{}", mod_s, inspect_atom_remote_call(fname), format_arity(k, arity)),
    }
}

fn format_arity(k: &Known, arity: &Term) -> String {
    match arity.list_to_vec() {
        Some(args) => {
            let parts: Vec<String> = args.iter().map(|x| k.inspect(x)).collect();
            format!("({})", parts.join(", "))
        }
        None => format!("/{}", to_s(k, arity)),
    }
}

fn count_args(n: usize, insp: &str) -> String {
    match n {
        0 => "no arguments".to_string(),
        1 => format!("1 argument ({})", insp),
        n => format!("{} arguments ({})", n, insp),
    }
}

fn value_type(v: &Term) -> String {
    if let Some(name) = struct_name(v) {
        return format!("{} (a struct)", inspect_atom(Atom::intern(name)));
    }
    v.protocol_type().to_string()
}

/// `Exception.message/1` for the built-in exceptions; for any other exception struct its
/// `:message` field when it is a binary, else the inspected struct.
pub fn message(k: &Known, exception: &Term) -> String {
    let name = struct_name(exception).unwrap_or("");
    let ins = |f: &str| k.inspect(&field(exception, f));
    match name {
        "Elixir.BadArityError" => {
            let fun = field(exception, "function");
            let args = field(exception, "args").list_to_vec().unwrap_or_default();
            let insp: Vec<String> = args.iter().map(|x| k.inspect(x)).collect();
            let arity = match &fun {
                Term::Fun(f) => f.arity().to_string(),
                _ => "?".to_string(),
            };
            format!("{} with arity {} called with {}", k.inspect(&fun), arity, count_args(args.len(), &insp.join(", ")))
        }
        "Elixir.BadBooleanError" => {
            format!("expected a boolean on left-side of \"{}\", got: {}", to_s(k, &field(exception, "operator")), ins("term"))
        }
        "Elixir.BadFunctionError" => match field(exception, "term") {
            f @ Term::Fun(_) => format!(
                "function {} is invalid, likely because it points to an old version of the code",
                k.inspect(&f)
            ),
            t => format!("expected a function, got: {}", k.inspect(&t)),
        },
        "Elixir.BadMapError" => format!("expected a map, got: {}", ins("term")),
        "Elixir.BadStructError" => format!("expected a struct named {}, got: {}", ins("struct"), ins("term")),
        "Elixir.CaseClauseError" => format!("no case clause matching: {}", ins("term")),
        "Elixir.CondClauseError" => "no cond clause evaluated to a truthy value".to_string(),
        "Elixir.MatchError" => format!("no match of right hand side value: {}", ins("term")),
        "Elixir.TryClauseError" => format!("no try clause matching: {}", ins("term")),
        "Elixir.WithClauseError" => format!("no with clause matching: {}", ins("term")),
        "Elixir.System.EnvError" => format!("could not fetch environment variable {} because it is not set", ins("env")),
        "Elixir.KeyError" => match bin_field(exception, "message") {
            Some(m) if !field(exception, "message").is_atom(Atom::NIL) => m,
            _ => {
                let mut m = format!("key {} not found", ins("key"));
                let term = field(exception, "term");
                if !term.is_atom(Atom::NIL) {
                    m.push_str(" in: ");
                    m.push_str(&k.inspect(&term));
                }
                m
            }
        },
        "Elixir.UndefinedFunctionError" => {
            if let Some(m) = bin_field(exception, "message") {
                return m;
            }
            let (module, function, arity) = (field(exception, "module"), field(exception, "function"), field(exception, "arity"));
            let reason = field(exception, "reason");
            if !reason.is_atom(Atom::NIL) {
                return undefined_function_message(k, reason.as_atom().map(|r| r.name()).unwrap_or(""), &module, &function, &arity);
            }
            if function.is_atom(Atom::NIL) || arity.is_atom(Atom::NIL) {
                "undefined function".to_string()
            } else if module.is_atom(Atom::NIL) {
                format!("function {} is undefined", format_mfa(k, &module, &function, &arity))
            } else if module.as_atom().map(|m| k.module_loaded(m)).unwrap_or(false) {
                undefined_function_message(k, "function not exported", &module, &function, &arity)
            } else {
                undefined_function_message(k, "module could not be loaded", &module, &function, &arity)
            }
        }
        "Elixir.FunctionClauseError" => {
            let function = field(exception, "function");
            if function.is_atom(Atom::NIL) {
                return "no function clause matches".to_string();
            }
            let mfa = format_mfa(k, &field(exception, "module"), &function, &field(exception, "arity"));
            let mut m = format!("no function clause matching in {}", mfa);
            if let Some(args) = field(exception, "args").list_to_vec() {
                // FunctionClauseError.blame/3 without clause information.
                m.push_str(&format!("\n\nThe following arguments were given to {}:\n", mfa));
                for (i, arg) in args.iter().enumerate() {
                    m.push_str(&format!("\n    # {}\n    {}\n", i + 1, k.inspect(arg).replace('\n', "\n    ")));
                }
            }
            m
        }
        "Elixir.ErlangError" => {
            let mut m = format!("Erlang error: {}", ins("original"));
            if let Some(r) = bin_field(exception, "reason") {
                m.push_str(&r);
            }
            m
        }
        "Elixir.Protocol.UndefinedError" => {
            let value = field(exception, "value");
            let mut m = format!("protocol {} not implemented for {} of type {}", ins("protocol"), k.inspect(&value), value_type(&value));
            if let Some(d) = bin_field(exception, "description") {
                if !d.is_empty() {
                    m.push_str(", ");
                    m.push_str(&d);
                }
            }
            m
        }
        _ => match bin_field(exception, "message") {
            Some(m) => m,
            None => k.inspect(exception),
        },
    }
}

/// `Exception.blame/3` for a `:function_clause` error whose top stack entry carries the
/// arguments: the text Elixir appends to the message (a blank line, "The following arguments
/// were given to M.f/1:", then each argument numbered) and the stacktrace with that entry's
/// arguments replaced by their count. `None` for anything else.
pub fn blame_function_clause(k: &Known, reason: &Term, stacktrace: &Term) -> Option<(String, Term)> {
    if !reason.is_atom(Atom::FUNCTION_CLAUSE) {
        return None;
    }
    let Term::Cons(c) = stacktrace else { return None };
    let [m, f, args, loc] = tuple_items(&c.head)? else { return None };
    let list = args.list_to_vec()?;
    let base = normalize(k, reason, stacktrace);
    let plain = message(k, &base);
    let Term::Map(map) = &base else { return None };
    let mut map = (**map).clone();
    map.insert(a("args"), args.clone());
    let full = message(k, &Term::map(map));
    let blame = full.strip_prefix(plain.as_str())?.to_string();
    let entry = Term::tuple(vec![m.clone(), f.clone(), Term::Int(list.len() as i64), loc.clone()]);
    Some((blame, Term::cons(entry, c.tail.clone())))
}

/// `ArithmeticError.blame/2` for a raw `:badarith` whose stack starts with the operator called
/// as an Erlang function (`{:erlang, :div, [7, 0], _}`): the text Elixir appends to the
/// banner of an uncaught error, `": div(7, 0)"`, `": :a * 2"`, `": -(:a)"`,
/// `": Bitwise.band(1, :a)"`. `None` for anything else, and when the operator was called from
/// a script's top-level code (a module `elixir_compiler_N`), for which Elixir 1.14 prints the
/// plain message. `Exception.message/1` does not include it, as in Elixir.
pub fn blame_arith(k: &Known, reason: &Term, stacktrace: &Term) -> Option<String> {
    if !reason.is_atom(Atom::BADARITH) {
        return None;
    }
    let Term::Cons(top) = stacktrace else { return None };
    let [m, f, args, _] = tuple_items(&top.head)? else { return None };
    if !m.is_atom(Atom::ERLANG) {
        return None;
    }
    if let Term::Cons(next) = &top.tail {
        if let Some([Term::Atom(caller), ..]) = tuple_items(&next.head) {
            if caller.name().starts_with("elixir_compiler_") {
                return None;
            }
        }
    }
    let args = args.list_to_vec()?;
    let f = f.as_atom()?.name();
    let show = |t: &Term| k.inspect(t);
    Some(match (f, args.as_slice()) {
        ("+" | "-", [a]) => format!(": {f}({})", show(a)),
        ("+" | "-" | "*" | "/", [a, b]) => format!(": {} {f} {}", show(a), show(b)),
        ("div" | "rem", [a, b]) => format!(": {f}({}, {})", show(a), show(b)),
        ("band" | "bor" | "bxor" | "bsl" | "bsr", [a, b]) => format!(": Bitwise.{f}({}, {})", show(a), show(b)),
        ("bnot", [a]) => format!(": Bitwise.bnot({})", show(a)),
        _ => return None,
    })
}

/// `Exception.blame/3` for an `UndefinedFunctionError` (raw `:undef` or the struct) naming a
/// function for which the module has a macro of that name and arity: the hint Elixir appends
/// to the banner of an uncaught error (". However there is a macro ..."). `None` otherwise.
/// `Exception.message/1` does not include it, as in Elixir.
pub fn blame_undefined_function(k: &Known, reason: &Term, stacktrace: &Term) -> Option<String> {
    let exc = normalize(k, reason, stacktrace);
    if !field(&exc, "__struct__").is_atom(Atom::intern("Elixir.UndefinedFunctionError")) || !field(&exc, "message").is_atom(Atom::NIL) {
        return None;
    }
    let hint = macro_hint(k, &field(&exc, "module"), &field(&exc, "function"), &field(&exc, "arity"));
    (!hint.is_empty()).then_some(hint)
}

/// Elixir 1.14 `UndefinedFunctionError.hint/4` for a macro of that name and arity: a call
/// of it without `require` (empty when there is none).
fn macro_hint(k: &Known, module: &Term, function: &Term, arity: &Term) -> String {
    let (Some(m), Some(f), Term::Int(a)) = (module.as_atom(), function.as_atom(), arity) else { return String::new() };
    if *a < 0 || !k.macro_exported(m, f, *a as u32) {
        return String::new();
    }
    format!(". However there is a macro with the same name and arity. Be sure to require {} if you intend to invoke this macro", k.inspect(module))
}

fn undefined_function_message(k: &Known, reason: &str, module: &Term, function: &Term, arity: &Term) -> String {
    let mfa = format_mfa(k, module, function, arity);
    match reason {
        "module could not be loaded" => {
            format!("function {} is undefined (module {} is not available)", mfa, k.inspect(module))
        }
        "function not exported" => format!("function {} is undefined or private", mfa),
        r => format!("function {} is undefined ({})", mfa, r),
    }
}

/// `Exception.format_banner/3`: `** (RuntimeError) boom`, `** (throw) 1`, `** (exit) :x`,
/// `** (EXIT from #PID<0.1.0>) :x`. `class` is `:error`, `:throw`, `:exit` or `{:EXIT, pid}`.
pub fn format_banner(k: &Known, class: &Term, reason: &Term, stacktrace: &Term) -> String {
    match class {
        Term::Atom(c) if c.name() == "error" => {
            let exc = normalize(k, reason, stacktrace);
            let module = field(&exc, "__struct__");
            format!("** ({}) {}", k.inspect(&module), message(k, &exc))
        }
        Term::Atom(c) if c.name() == "throw" => format!("** (throw) {}", k.inspect(reason)),
        Term::Atom(c) if c.name() == "exit" => format!("** (exit) {}", format_exit_with(k, reason, "\n    ")),
        Term::Tuple(items) if items.len() == 2 && items[0].is_atom(Atom::EXIT) => {
            format!("** (EXIT from {}) {}", k.inspect(&items[1]), format_exit_with(k, reason, "\n    "))
        }
        other => format!("** ({}) {}", k.inspect(other), k.inspect(reason)),
    }
}

fn keyword_get(list: &Term, key: &str) -> Term {
    let mut cur = list;
    while let Term::Cons(c) = cur {
        if let Some([k, v]) = tuple_items(&c.head) {
            if k.as_atom().map(|x| x.name() == key).unwrap_or(false) {
                return v.clone();
            }
        }
        cur = &c.tail;
    }
    Term::NIL_ATOM
}

/// `Exception.format_file_line/3`: `""`, `file: ` or `file:12: ` (with suffix `" "`).
pub fn format_file_line(k: &Known, file: &Term, line: &Term, suffix: &str) -> String {
    if file.is_atom(Atom::NIL) {
        return String::new();
    }
    let f = to_s(k, file);
    if line.is_atom(Atom::NIL) || matches!(line, Term::Int(0)) {
        format!("{}:{}", f, suffix)
    } else {
        format!("{}:{}:{}", f, to_s(k, line), suffix)
    }
}

/// `Exception.format_stacktrace_entry/1`; `None` where Elixir would raise (malformed entry).
pub fn format_stacktrace_entry(k: &Known, entry: &Term) -> Option<String> {
    let items = tuple_items(entry)?;
    match items {
        [module, fun, arity, location] => {
            let loc = format_location(k, location)?;
            let (Term::Atom(m), Term::Atom(f)) = (module, fun) else { return None };
            match f.name() {
                "__MODULE__" if matches!(arity, Term::Int(0)) => Some(format!("{}{} (module)", loc, inspect_atom(*m))),
                "__MODULE__" if matches!(arity, Term::Int(1)) => Some(format!("{}(module)", loc)),
                "__FILE__" if matches!(arity, Term::Int(1)) => Some(format!("{}(file)", loc)),
                _ => {
                    if !matches!(arity, Term::Int(_)) && arity.list_to_vec().is_none() {
                        return None;
                    }
                    Some(format!("{}{}{}", k.application_prefix(*m), loc, format_mfa(k, module, fun, arity)))
                }
            }
        }
        [fun @ Term::Fun(_), arity, location] => {
            let loc = format_location(k, location)?;
            Some(format!("{}{}{}", loc, k.inspect(fun), format_arity(k, arity)))
        }
        _ => None,
    }
}

fn format_location(k: &Known, location: &Term) -> Option<String> {
    if !matches!(location, Term::Nil | Term::Cons(_)) {
        return None;
    }
    Some(format_file_line(k, &keyword_get(location, "file"), &keyword_get(location, "line"), " "))
}

/// `Exception.format_stacktrace/1`: each entry on its own line, indented by 4 spaces, with a
/// final newline (`"\n"` alone for an empty trace).
pub fn format_stacktrace(k: &Known, stacktrace: &Term) -> String {
    let entries = stacktrace.list_to_vec().unwrap_or_default();
    if entries.is_empty() {
        return "\n".to_string();
    }
    let lines: Vec<String> = entries.iter().map(|e| format_stacktrace_entry(k, e).unwrap_or_else(|| k.inspect(e))).collect();
    format!("    {}\n", lines.join("\n    "))
}

/// `Exception.format_exit/1`.
pub fn format_exit(k: &Known, reason: &Term) -> String {
    format_exit_with(k, reason, "\n    ")
}

fn format_exit_with(k: &Known, reason: &Term, joiner: &str) -> String {
    if let Some(items) = tuple_items(reason) {
        if items.len() == 2 {
            // {exception, stacktrace}
            if let Term::Cons(_) = &items[1] {
                if let Some(entries) = items[1].list_to_vec() {
                    let formatted: Option<Vec<String>> = entries.iter().map(|x| format_stacktrace_entry(k, x)).collect();
                    if let Some(formatted) = formatted {
                        let message = format!(
                            "an exception was raised:{}{}",
                            joiner,
                            format_banner(k, &Term::atom("error"), &items[0], &items[1])
                        );
                        let mut parts = vec![message];
                        parts.extend(formatted);
                        return parts.join(&format!("{}    ", joiner));
                    }
                    return format_exit_reason(k, reason);
                }
            }
            // {:shutdown, {:failed_to_start_child, child, reason}}
            if items[0].as_atom().map(|x| x.name() == "shutdown").unwrap_or(false) {
                if let Some([tag, child, r]) = tuple_items(&items[1]) {
                    if tag.as_atom().map(|x| x.name() == "failed_to_start_child").unwrap_or(false) {
                        let r = match tuple_items(r) {
                            Some([t, inner]) if t.is_atom(Atom::EXIT) => inner.clone(),
                            _ => r.clone(),
                        };
                        return format!(
                            "shutdown: failed to start child: {}{}** (EXIT) {}",
                            k.inspect(child),
                            joiner,
                            format_exit_with(k, &r, &format!("{}    ", joiner))
                        );
                    }
                }
            }
            // {reason, {mod, fun, args}}
            if let Some([m, f, args]) = tuple_items(&items[1]) {
                if let Some(list) = args.list_to_vec() {
                    if list.len() < 256 {
                        if let (Term::Atom(_), Term::Atom(_)) = (m, f) {
                            return format!(
                                "exited in: {}{}** (EXIT) {}",
                                format_mfa(k, m, f, args),
                                joiner,
                                format_exit_with(k, &items[0], &format!("{}    ", joiner))
                            );
                        }
                        return format_exit_reason(k, reason);
                    }
                }
            }
        }
    }
    format_exit_reason(k, reason)
}

/// The part of Elixir's `format_exit(k, {:start_spec, what})` after "bad child specification, ".
fn format_sup_spec(k: &Known, what: &Term) -> String {
    let (tag, v) = match tuple_items(what) {
        Some([Term::Atom(t), v]) => (t.name(), v),
        _ => return format!("got: {}", k.inspect(what)),
    };
    let v_s = k.inspect(v);
    match tag {
        "duplicate_child_name" => format!(
            "more than one child specification has the id: {v_s}.\n\
             If using maps as child specifications, make sure the :id keys are unique.\n\
             If using a module or {{module, arg}} as child, use Supervisor.child_spec/2 to change the :id, for example:\n\n    \
             children = [\n      \
             Supervisor.child_spec({{MyWorker, arg}}, id: :my_worker_1),\n      \
             Supervisor.child_spec({{MyWorker, arg}}, id: :my_worker_2)\n    \
             ]\n"
        ),
        "invalid_child_spec" => format!("invalid child specification: {v_s}"),
        "invalid_child_type" => format!("invalid child type: {v_s}. Must be :worker or :supervisor."),
        "invalid_mfa" => format!("invalid mfa: {v_s}"),
        "invalid_restart_type" => format!("invalid restart type: {v_s}. Must be :permanent, :transient or :temporary."),
        "invalid_shutdown" => format!("invalid shutdown: {v_s}. Must be an integer >= 0, :infinity or :brutal_kill."),
        "invalid_module" => format!("invalid module: {v_s}. Must be an atom."),
        "invalid_modules" => format!("invalid modules: {v_s}. Must be a list of atoms or :dynamic."),
        _ => format!("got: {}", k.inspect(what)),
    }
}

/// The part of Elixir's `format_exit(k, {:supervisor_data, what})` after "bad supervisor
/// configuration, ".
fn format_sup_data(k: &Known, what: &Term) -> String {
    let (tag, v) = match tuple_items(what) {
        Some([Term::Atom(t), v]) => (t.name(), v),
        _ => return format!("got: {}", k.inspect(what)),
    };
    let label = match tag {
        "invalid_type" => "invalid type",
        "invalid_strategy" => "invalid strategy",
        "invalid_intensity" => "invalid max_restarts (intensity)",
        "invalid_period" => "invalid max_seconds (period)",
        "invalid_max_children" => "invalid max_children",
        "invalid_extra_arguments" => "invalid extra_arguments",
        _ => return format!("got: {}", k.inspect(what)),
    };
    format!("{label}: {}", k.inspect(v))
}

fn format_exit_reason(k: &Known, reason: &Term) -> String {
    match reason {
        Term::Atom(x) => match x.name() {
            "normal" => "normal".into(),
            "shutdown" => "shutdown".into(),
            "calling_self" => "process attempted to call itself".into(),
            "timeout" => "time out".into(),
            "killed" => "killed".into(),
            "noconnection" => "no connection".into(),
            "noproc" => "no process: the process is not alive or there's no process currently associated with the given name, possibly because its application isn't started".into(),
            _ => k.inspect(reason),
        },
        Term::Tuple(items) if items.len() == 2 => {
            let tag = items[0].as_atom().map(|x| x.name()).unwrap_or("");
            let v = &items[1];
            match tag {
                "shutdown" => format!("shutdown: {}", k.inspect(v)),
                "nodedown" if matches!(v, Term::Atom(_)) => format!("no connection to {}", to_s(k, v)),
                "already_started" => format!("already started: {}", k.inspect(v)),
                "bad_return_value" => format!("bad return value: {}", k.inspect(v)),
                "bad_call" => format!("bad call: {}", k.inspect(v)),
                "bad_cast" => format!("bad cast: {}", k.inspect(v)),
                "bad_return" => match tuple_items(v) {
                    Some([m @ Term::Atom(_), f, value]) if f.as_atom().map(|x| x.name() == "init").unwrap_or(false) => {
                        format!("{} returned a bad value: {}", format_mfa(k, m, f, &Term::Int(1)), k.inspect(value))
                    }
                    _ => k.inspect(reason),
                },
                "bad_start_spec" => format!("bad child specification, invalid children: {}", k.inspect(v)),
                "start_spec" => format!("bad child specification, {}", format_sup_spec(k, v)),
                "supervisor_data" => format!("bad supervisor configuration, {}", format_sup_data(k, v)),
                _ => k.inspect(reason),
            }
        }
        _ => k.inspect(reason),
    }
}

#[cfg(test)]
#[path = "exception_tests.rs"]
mod tests;
