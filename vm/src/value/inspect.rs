//! `inspect/2` exactly as Elixir 1.14 (on OTP 25) prints terms.
//!
//! Each term becomes an [`Inspect.Algebra`](super::pretty) document the way Elixir's `Inspect`
//! implementations build it (sources: `Inspect.{Atom,BitString,List,Map,Tuple,Integer,Float,
//! Function,PID,Reference,Range,MapSet,Any}` and `Inspect.Algebra.container_doc/6` of Elixir
//! 1.14, read from the installed `.beam` debug info), and the document is laid out by
//! [`pretty::format`](super::pretty::format):
//!
//! * [`inspect`] is `Kernel.inspect/2`: width `:infinity` (one line) unless `pretty: true`.
//! * [`io_inspect`] is what `IO.inspect/1` prints (without the newline): width 80.
//!
//! Shapes: `:ok`, `nil`, `:"a b"`, `Foo` (atom `Elixir.Foo`), `:"::"`, `"a\nb"`, `<<0, 1>>`,
//! `'abc'`, `[1, 2 | 3]`, `[a: 1, "b c": 2]`, `{1, 2}`, `%{a: 1}`, `%{1 => 2, :a => 1}`,
//! `%Foo{x: 1}`, `1..10//2`, `MapSet.new([1, 2])`, `#PID<0.12.0>`, `#Reference<0.0.0.7>`,
//! `#Function<0.12345/1 in Mod.fun/0>`, `&Mod.f/2`, `&:lists.reverse/1`, `[1, 2, ...]`.
//!
//! Struct field order: Elixir prints `%Foo{}` fields in `defstruct` order (from
//! `Foo.__info__(:struct)`), and prints a map whose `__struct__` names no struct module as a
//! plain map. The term does not know either, so [`InspectOpts::struct_info`] lets the VM
//! answer; built-in exceptions are known here; without an answer the fields print in key
//! (term) order.

use super::atom::Atom;
use super::float_fmt::inspect_float;
use super::pretty::{self, concat, concat_all, flex_glue, group, nest, text, ContainerBreak, Doc};
use super::term::{Fun, MapT, Term};
use std::fmt;
use std::rc::Rc;

/// The `:charlists` option.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Charlists {
    /// `:infer` (default): lists of printable ASCII codepoints print as `'abc'`.
    Infer,
    /// `:as_lists`.
    AsLists,
    /// `:as_charlists`.
    AsCharlists,
}

/// The `:binaries` option.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Binaries {
    /// `:infer` (default): printable UTF-8 prints as a string, else `<<...>>`.
    Infer,
    AsStrings,
    AsBinaries,
}

/// The `:base` option (integers; a base other than decimal also prints binaries as `<<...>>`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Base {
    Binary,
    Octal,
    Decimal,
    Hex,
}

/// What the VM knows about a struct module, for printing `%Mod{...}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StructInfo {
    /// `Mod.__info__(:struct)`: the fields in definition order (without `__struct__` and
    /// `__exception__`). A map whose keys differ from these prints as a plain map.
    Fields(Vec<Atom>),
    /// The module is not a (loaded) struct module: print as a plain map, like Elixir.
    NotAStruct,
    /// Unknown: print `%Mod{...}` with the fields in key order.
    Unknown,
}

/// Resolver for [`StructInfo`], given the struct module atom (`Elixir.Foo`).
pub type StructResolver = Rc<dyn Fn(Atom) -> StructInfo>;

fn struct_info_for(opts: &InspectOpts, module: Atom) -> StructInfo {
    match &opts.struct_info {
        Some(r) => r(module),
        None => StructInfo::Unknown,
    }
}

/// Options of `inspect/2` (`Inspect.Opts`). `Default` is Elixir's defaults.
#[derive(Clone)]
pub struct InspectOpts {
    /// `:limit` — items of a collection to show before `...`; `None` is `:infinity`. Default 50.
    pub limit: Option<usize>,
    /// `:printable_limit` — characters of a string/charlist to show; default 4096.
    pub printable_limit: Option<usize>,
    /// `:pretty` — lay out within `width` (Kernel.inspect only; IO.inspect always does).
    pub pretty: bool,
    /// `:width`, default 80.
    pub width: usize,
    pub charlists: Charlists,
    pub binaries: Binaries,
    pub base: Base,
    /// `:structs` — `false` prints structs as plain maps.
    pub structs: bool,
    /// How to learn a struct's fields (see [`StructInfo`]); a VM's is
    /// [`Known::resolver`](super::known::Known::resolver). `None`: `Unknown` (Elixir's built-in
    /// exceptions are still known here).
    pub struct_info: Option<StructResolver>,
}

impl Default for InspectOpts {
    fn default() -> Self {
        InspectOpts {
            limit: Some(50),
            printable_limit: Some(4096),
            pretty: false,
            width: 80,
            charlists: Charlists::Infer,
            binaries: Binaries::Infer,
            base: Base::Decimal,
            structs: true,
            struct_info: None,
        }
    }
}

impl fmt::Debug for InspectOpts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InspectOpts")
            .field("limit", &self.limit)
            .field("printable_limit", &self.printable_limit)
            .field("pretty", &self.pretty)
            .field("width", &self.width)
            .field("charlists", &self.charlists)
            .field("binaries", &self.binaries)
            .field("base", &self.base)
            .field("structs", &self.structs)
            .field("struct_info", &self.struct_info.is_some())
            .finish()
    }
}

impl InspectOpts {
    /// `inspect(term, limit: :infinity, printable_limit: :infinity)`.
    pub fn unlimited() -> Self {
        InspectOpts { limit: None, printable_limit: None, ..Default::default() }
    }
}

/// `inspect/2` options from a keyword list (unknown keys and values are ignored, as Elixir's
/// `Inspect.Opts` does), with `pretty: true` by default when `io` (`IO.inspect`); also the
/// `label:` as text, if given. Knows no structs: the caller sets `struct_info`.
pub fn opts_from_keyword(kw: &Term, io: bool) -> (InspectOpts, Option<Vec<u8>>) {
    let mut opts = InspectOpts::default();
    if io {
        opts.pretty = true;
    }
    let mut label = None;
    for item in kw.list_to_vec().unwrap_or_default() {
        let Term::Tuple(t) = &item else { continue };
        if t.len() != 2 {
            continue;
        }
        let Some(k) = t[0].as_atom() else { continue };
        let v = &t[1];
        match k.name() {
            "label" if !matches!(v, Term::Atom(a) if a.name() == "nil" || a.name() == "false") => label = super::to_string::to_string(v).ok(),
            "label" => label = None,
            "pretty" => opts.pretty = v.is_atom(Atom::TRUE),
            "width" => {
                if let Term::Int(w) = v {
                    opts.width = (*w).max(0) as usize;
                } else if v.is_atom(Atom::INFINITY) {
                    opts.width = usize::MAX / 4;
                }
            }
            "limit" => {
                opts.limit = match v {
                    Term::Int(n) => Some((*n).max(0) as usize),
                    _ => None,
                }
            }
            "printable_limit" => {
                opts.printable_limit = match v {
                    Term::Int(n) => Some((*n).max(0) as usize),
                    _ => None,
                }
            }
            "charlists" => {
                opts.charlists = match v.as_atom().map(|a| a.name()) {
                    Some("as_lists") => Charlists::AsLists,
                    Some("as_charlists") => Charlists::AsCharlists,
                    _ => Charlists::Infer,
                }
            }
            "structs" => opts.structs = !v.is_atom(Atom::FALSE),
            "binaries" => {
                opts.binaries = match v.as_atom().map(|a| a.name()) {
                    Some("as_binaries") => Binaries::AsBinaries,
                    Some("as_strings") => Binaries::AsStrings,
                    _ => Binaries::Infer,
                }
            }
            "base" => {
                opts.base = match v.as_atom().map(|a| a.name()) {
                    Some("binary") => Base::Binary,
                    Some("octal") => Base::Octal,
                    Some("hex") => Base::Hex,
                    _ => Base::Decimal,
                }
            }
            _ => {}
        }
    }
    (opts, label)
}

/// `Kernel.inspect/2`: the document laid out at `opts.width` when `opts.pretty`, else on one
/// line (width `:infinity`).
pub fn inspect(term: &Term, opts: &InspectOpts) -> String {
    let doc = group(to_doc(term, opts, opts.limit));
    let width = if opts.pretty { Some(opts.width) } else { None };
    pretty::format(&doc, width)
}

/// `Kernel.inspect/1` with the default options (never breaks lines).
pub fn inspect_default(term: &Term) -> String {
    inspect(term, &InspectOpts::default())
}

/// The text `IO.inspect(term, opts)` prints, without the trailing newline: laid out at
/// `opts.width` whatever `opts.pretty` says (that is how `IO.inspect/3` calls
/// `Inspect.Algebra.format/2`).
pub fn io_inspect_with(term: &Term, opts: &InspectOpts) -> String {
    let doc = group(to_doc(term, opts, opts.limit));
    pretty::format(&doc, Some(opts.width))
}

/// The text `IO.inspect(term, label: label)` prints, without the trailing newline: the
/// label and `": "` before the document, which is laid out as if it started at column 0.
pub fn io_inspect_label(term: &Term, label: &str, opts: &InspectOpts) -> String {
    format!("{}: {}", label, io_inspect_with(term, opts))
}

/// The text `IO.inspect(term)` prints (width 80), without the trailing newline.
pub fn io_inspect(term: &Term) -> String {
    io_inspect_with(term, &InspectOpts::default())
}

/// The document of `term` (`Inspect.Algebra.to_doc/2`) with the current `:limit`.
/// Runs through [`crate::deep::grow`], so a term nested a million deep inspected with
/// `limit: :infinity` needs heap, not the thread's stack.
pub fn to_doc(term: &Term, opts: &InspectOpts, limit: Option<usize>) -> Doc {
    crate::deep::grow(|| to_doc_here(term, opts, limit))
}

fn to_doc_here(term: &Term, opts: &InspectOpts, limit: Option<usize>) -> Doc {
    match term {
        Term::Int(i) => text(format_integer(&i.to_string(), opts.base, *i < 0, || int_radix(*i as i128, opts.base))),
        Term::Big(b) => {
            let neg = b.sign() == num_bigint::Sign::Minus;
            text(format_integer(&b.to_string(), opts.base, neg, || {
                let r = match opts.base {
                    Base::Binary => 2,
                    Base::Octal => 8,
                    Base::Hex => 16,
                    Base::Decimal => 10,
                };
                b.magnitude().to_str_radix(r).to_uppercase()
            }))
        }
        Term::Float(f) => text(inspect_float(*f)),
        Term::Atom(a) => text(inspect_atom(*a)),
        Term::Nil => text("[]"),
        Term::Cons(_) => inspect_list(term, opts, limit, opts.charlists),
        Term::Tuple(items) => {
            let mut it = items.iter().map(Elem::Item);
            let (docs, simple) = container_each(&mut it, limit, ContainerBreak::Flex, |t, l| to_doc(t, opts, l));
            pretty::container_finish(text("{"), docs, simple, text("}"), ContainerBreak::Flex, ",")
        }
        Term::Map(m) => {
            if let Some(Term::Atom(module)) = m.get(&Term::Atom(Atom::STRUCT)) {
                if super::inspect_doc::is_marker(*module) {
                    // a user `Inspect` implementation's document, made by the library
                    let d = m.get(&Term::atom("doc")).and_then(|d| super::inspect_doc::doc_from_term(d, &opts.struct_info));
                    return d.unwrap_or(Doc::Nil);
                }
                if opts.structs {
                    return inspect_struct(m, *module, opts, limit);
                }
            }
            inspect_map(m, opts, limit)
        }
        Term::Binary(b) => inspect_binary(b, opts, limit),
        Term::Pid(p) => text(format!("#PID<{}>", crate::dist::ext::pid_text(*p))),
        Term::Ref(r) if r & super::term::PORT_BIT != 0 => text(format!("#Port<0.{}>", r & !super::term::PORT_BIT)),
        Term::Ref(r) => text(format!("#Reference<{}>", crate::dist::ext::ref_text(*r))),
        Term::Fun(f) => text(inspect_fun(f)),
    }
}

fn int_radix(i: i128, base: Base) -> String {
    let a = i.unsigned_abs();
    match base {
        Base::Binary => format!("{:b}", a),
        Base::Octal => format!("{:o}", a),
        Base::Hex => format!("{:X}", a),
        Base::Decimal => a.to_string(),
    }
}

/// `Inspect.Integer`: decimal, or `0b`/`0o`/`0x` + uppercase digits with the sign first.
fn format_integer(decimal: &str, base: Base, neg: bool, radix: impl FnOnce() -> String) -> String {
    let prefix = match base {
        Base::Decimal => return decimal.to_string(),
        Base::Binary => "0b",
        Base::Octal => "0o",
        Base::Hex => "0x",
    };
    format!("{}{}{}", if neg { "-" } else { "" }, prefix, radix())
}

// ---------------------------------------------------------------------------------------------
// container_doc

/// An element of a collection for `container_each`: the last element of an improper list
/// comes together with the tail (`[left | right]`).
pub(crate) enum Elem<T> {
    Item(T),
    Improper(T, T),
}

fn decrement(l: Option<usize>) -> Option<usize> {
    l.map(|n| n - 1)
}

/// `Inspect.Algebra.container_each/6`: the element documents (with `"..."` when the limit
/// cuts the collection) and whether all of them are simple. `f` receives each element and
/// the limit it must use.
fn container_each<T>(
    items: &mut dyn Iterator<Item = Elem<T>>,
    mut limit: Option<usize>,
    brk: ContainerBreak,
    mut f: impl FnMut(T, Option<usize>) -> Doc,
) -> (Vec<Doc>, bool) {
    let mut docs = Vec::new();
    let mut simple = brk == ContainerBreak::Maybe;
    let mut items = items.peekable();
    loop {
        if items.peek().is_none() {
            break;
        }
        if limit == Some(0) {
            docs.push(text("..."));
            break;
        }
        match items.next().unwrap() {
            Elem::Item(t) => {
                let new_limit = decrement(limit);
                let doc = f(t, new_limit);
                if !matches!(doc, Doc::Nil) {
                    limit = new_limit;
                }
                simple = simple && pretty::is_simple(&doc);
                docs.push(doc);
            }
            Elem::Improper(l, r) => {
                let lim = decrement(limit);
                let left = f(l, lim);
                let right = f(r, lim);
                simple = simple && pretty::is_simple(&left) && pretty::is_simple(&right);
                docs.push(pretty::join(left, right, simple, " |"));
                break;
            }
        }
    }
    (docs, simple)
}

fn container_doc<T>(
    left: &str,
    items: &mut dyn Iterator<Item = Elem<T>>,
    right: &str,
    limit: Option<usize>,
    brk: ContainerBreak,
    f: impl FnMut(T, Option<usize>) -> Doc,
) -> Doc {
    let (docs, simple) = container_each(items, limit, brk, f);
    pretty::container_finish(text(left), docs, simple, text(right), brk, ",")
}

/// Iterates a list term's cells, yielding the improper tail with the last element.
struct ListIter<'a> {
    cur: &'a Term,
}

impl<'a> Iterator for ListIter<'a> {
    type Item = Elem<&'a Term>;
    fn next(&mut self) -> Option<Self::Item> {
        match self.cur {
            Term::Cons(c) => match &c.tail {
                Term::Nil | Term::Cons(_) => {
                    self.cur = &c.tail;
                    Some(Elem::Item(&c.head))
                }
                tail => {
                    self.cur = &Term::Nil;
                    Some(Elem::Improper(&c.head, tail))
                }
            },
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Lists

/// `Inspect.List.keyword?/1`: a proper list of `{atom, _}` pairs whose atoms are not aliases
/// (`Elixir.`-prefixed).
pub fn is_keyword(list: &Term) -> bool {
    let mut cur = list;
    loop {
        match cur {
            Term::Nil => return true,
            Term::Cons(c) => {
                if !is_keyword_pair(&c.head) {
                    return false;
                }
                cur = &c.tail;
            }
            _ => return false,
        }
    }
}

fn is_keyword_pair(t: &Term) -> bool {
    match t {
        Term::Tuple(items) if items.len() == 2 => match &items[0] {
            Term::Atom(a) => !a.name().starts_with("Elixir."),
            _ => false,
        },
        _ => false,
    }
}

/// `Inspect.List.keyword/2`: `key: value`.
fn keyword_doc(key: Atom, value: &Term, opts: &InspectOpts, limit: Option<usize>) -> Doc {
    concat(text(inspect_atom_key(key)), concat(text(" "), to_doc(value, opts, limit)))
}

/// `List.ascii_printable?(list, limit)`: ASCII 32..126 and `\a\b\t\n\v\f\r\e`, checking at
/// most `limit` elements; improper lists are not printable.
fn ascii_printable(list: &Term, limit: Option<usize>) -> bool {
    let mut cur = list;
    let mut n = limit;
    loop {
        if n == Some(0) {
            return true;
        }
        match cur {
            Term::Nil => return true,
            Term::Cons(c) => match c.head {
                Term::Int(ch) if (7..=13).contains(&ch) || ch == 27 || (32..=126).contains(&ch) => {
                    cur = &c.tail;
                    n = decrement(n);
                }
                _ => return false,
            },
            _ => return false,
        }
    }
}

/// The codepoints of a proper list of valid codepoints (`IO.chardata_to_string/1` on a flat
/// charlist), else `None`.
fn charlist_chars(list: &Term) -> Option<String> {
    let mut s = String::new();
    let mut cur = list;
    loop {
        match cur {
            Term::Nil => return Some(s),
            Term::Cons(c) => {
                match c.head {
                    Term::Int(i) if (0..=0x10FFFF).contains(&i) => s.push(char::from_u32(i as u32)?),
                    _ => return None,
                }
                cur = &c.tail;
            }
            _ => return None,
        }
    }
}

fn inspect_list(term: &Term, opts: &InspectOpts, limit: Option<usize>, charlists: Charlists) -> Doc {
    let as_chars = match charlists {
        Charlists::AsCharlists => true,
        Charlists::Infer => ascii_printable(term, opts.printable_limit),
        Charlists::AsLists => false,
    };
    if as_chars {
        // IO.chardata_to_string/1: a charlist, or any chardata with :as_charlists
        let chars = match charlists {
            Charlists::AsCharlists => {
                let mut out = Vec::new();
                super::to_string::chardata_into(term, &mut out).ok().map(|_| out)
            }
            _ => charlist_chars(term).map(String::into_bytes),
        };
        if let Some(s) = chars {
            let (escaped, rest) = escape(&s, b'\'', opts.printable_limit);
            let mut out = String::with_capacity(escaped.len() + 2);
            out.push('\'');
            out.push_str(&escaped);
            out.push('\'');
            if rest {
                out.push_str(" ++ ...");
            }
            return text(out);
        }
    }
    if is_keyword(term) {
        let mut it = ListIter { cur: term };
        container_doc("[", &mut it, "]", limit, ContainerBreak::Strict, |t, l| {
            let Term::Tuple(kv) = t else { unreachable!() };
            let Term::Atom(k) = kv[0] else { unreachable!() };
            keyword_doc(k, &kv[1], opts, l)
        })
    } else {
        let mut it = ListIter { cur: term };
        container_doc("[", &mut it, "]", limit, ContainerBreak::Maybe, |t, l| to_doc(t, opts, l))
    }
}

// ---------------------------------------------------------------------------------------------
// Maps and structs

fn inspect_map(m: &MapT, opts: &InspectOpts, limit: Option<usize>) -> Doc {
    map_doc("", m, opts, limit)
}

/// Erlang's map key order (the order of `:maps.to_list/1` for maps of up to 32 keys): term
/// order, except that every integer sorts before every float, at any depth.
pub fn map_key_cmp(a: &Term, b: &Term) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Term::Float(_), Term::Int(_) | Term::Big(_)) => Ordering::Greater,
        (Term::Int(_) | Term::Big(_), Term::Float(_)) => Ordering::Less,
        (Term::Tuple(x), Term::Tuple(y)) => x.len().cmp(&y.len()).then_with(|| {
            x.iter().zip(y.iter()).map(|(p, q)| map_key_cmp(p, q)).find(|o| *o != Ordering::Equal).unwrap_or(Ordering::Equal)
        }),
        (Term::Cons(_), Term::Cons(_)) => {
            let (mut p, mut q) = (a, b);
            loop {
                match (p, q) {
                    (Term::Cons(c), Term::Cons(d)) => {
                        let o = map_key_cmp(&c.head, &d.head);
                        if o != Ordering::Equal {
                            return o;
                        }
                        p = &c.tail;
                        q = &d.tail;
                    }
                    _ => return map_key_cmp(p, q),
                }
            }
        }
        (Term::Map(x), Term::Map(y)) => x.len().cmp(&y.len()).then_with(|| {
            fn sorted(m: &MapT) -> Vec<(&Term, &Term)> {
                let mut e: Vec<(&Term, &Term)> = m.iter().collect();
                e.sort_by(|p, q| map_key_cmp(p.0, q.0));
                e
            }
            let (ex, ey) = (sorted(x), sorted(y));
            let keys = ex.iter().zip(ey.iter()).map(|(p, q)| map_key_cmp(p.0, q.0));
            let vals = ex.iter().zip(ey.iter()).map(|(p, q)| map_key_cmp(p.1, q.1));
            keys.chain(vals).find(|o| *o != Ordering::Equal).unwrap_or(Ordering::Equal)
        }),
        _ => super::term::compare(a, b, true),
    }
}

fn map_doc(name: &str, m: &MapT, opts: &InspectOpts, limit: Option<usize>) -> Doc {
    let keyword = m.keys().all(|k| matches!(k, Term::Atom(a) if !a.name().starts_with("Elixir.")));
    let open = format!("%{}{{", name);
    // `m.iter()` is already the BEAM's order (term order for a flatmap).
    let mut it = m.iter().map(|(k, v)| Elem::Item((k, v)));
    if keyword {
        container_doc(&open, &mut it, "}", limit, ContainerBreak::Strict, |(k, v), l| {
            keyword_doc(k.as_atom().unwrap(), v, opts, l)
        })
    } else {
        container_doc(&open, &mut it, "}", limit, ContainerBreak::Strict, |(k, v), l| {
            concat(concat(to_doc(k, opts, l), text(" => ")), to_doc(v, opts, l))
        })
    }
}

/// Field order of Elixir 1.14's built-in exception structs (`Mod.__info__(:struct)`).
pub fn builtin_struct_fields(module: &str) -> Option<&'static [&'static str]> {
    Some(match module {
        "Elixir.ArgumentError" | "Elixir.ArithmeticError" | "Elixir.RuntimeError" | "Elixir.SystemLimitError"
        | "Elixir.Enum.EmptyError" | "Elixir.Enum.OutOfBoundsError" | "Elixir.Regex.CompileError"
        | "Elixir.OptionParser.ParseError" => &["message"],
        "Elixir.BadArityError" => &["function", "args"],
        "Elixir.BadBooleanError" => &["term", "operator"],
        "Elixir.BadFunctionError" | "Elixir.BadMapError" | "Elixir.CaseClauseError" | "Elixir.MatchError"
        | "Elixir.TryClauseError" | "Elixir.WithClauseError" => &["term"],
        "Elixir.BadStructError" => &["struct", "term"],
        "Elixir.CondClauseError" => &[],
        "Elixir.ErlangError" => &["original", "reason"],
        "Elixir.FunctionClauseError" => &["module", "function", "arity", "kind", "args", "clauses"],
        "Elixir.KeyError" => &["key", "term", "message"],
        "Elixir.Protocol.UndefinedError" => &["protocol", "value", "description"],
        "Elixir.UndefinedFunctionError" => &["module", "function", "arity", "reason", "message"],
        "Elixir.UnicodeConversionError" => &["encoded", "message"],
        "Elixir.System.EnvError" => &["env"],
        "Elixir.File.Error" => &["reason", "path", "action"],
        "Elixir.IO.StreamError" => &["reason", "message"],
        "Elixir.CompileError" => &["file", "line", "description"],
        "Elixir.SyntaxError" => &["file", "line", "column", "snippet", "description"],
        "Elixir.TokenMissingError" => &["file", "line", "snippet", "column", "description"],
        "Elixir.Inspect.Error" => &["exception_module", "exception_message", "stacktrace", "inspected_struct"],
        "Elixir.Version.InvalidRequirementError" => &["requirement"],
        "Elixir.Version.InvalidVersionError" => &["version"],
        "Elixir.URI.Error" => &["action", "reason", "part"],
        _ => return None,
    })
}

fn inspect_struct(m: &MapT, module: Atom, opts: &InspectOpts, limit: Option<usize>) -> Doc {
    let name = module.name();
    match name {
        "Elixir.Range" => {
            if let Some(d) = inspect_range(m, opts, limit) {
                return d;
            }
        }
        "Elixir.MapSet" => {
            if let Some(Term::Map(set)) = m.get(&Term::atom("map")) {
                // MapSet.to_list/1 is :maps.keys/1; printed with charlists: :as_lists.
                let list = Term::list(set.keys().cloned().collect());
                let opts = InspectOpts { charlists: Charlists::AsLists, ..opts.clone() };
                let inner = if matches!(list, Term::Nil) {
                    text("[]")
                } else {
                    inspect_list(&list, &opts, limit, Charlists::AsLists)
                };
                return concat_all(vec![text("MapSet.new("), inner, text(")")]);
            }
        }
        "Elixir.Regex" => {
            // Inspect.Regex: `~r/source/opts`, the delimiter escaped in the source.
            if let (Some(Term::Binary(src)), Some(Term::Binary(o))) = (m.get(&Term::atom("source")), m.get(&Term::atom("opts"))) {
                let src = String::from_utf8_lossy(src);
                let mut out = String::from("~r/");
                let mut chars = src.chars().peekable();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' if chars.peek() == Some(&'/') => {
                            chars.next();
                            out.push_str("\\/");
                        }
                        '/' => out.push_str("\\/"),
                        '\n' => out.push_str("\\n"),
                        '\t' => out.push_str("\\t"),
                        '\r' => out.push_str("\\r"),
                        c => out.push(c),
                    }
                }
                out.push('/');
                out.push_str(&String::from_utf8_lossy(o));
                return text(out);
            }
        }
        "Elixir.Date" | "Elixir.Time" | "Elixir.NaiveDateTime" | "Elixir.DateTime" | "Elixir.Date.Range" => {
            if let Some(t) = super::inspect_calendar::inspect_calendar(name, m) {
                return text(t);
            }
        }
        _ => {}
    }
    let info = match builtin_struct_fields(name) {
        Some(fields) => StructInfo::Fields(fields.iter().map(|f| Atom::intern(f)).collect()),
        None => struct_info_for(opts, module),
    };
    let is_meta = |a: Atom| a == Atom::STRUCT || a == Atom::EXCEPTION;
    let fields: Vec<Atom> = match info {
        StructInfo::NotAStruct => return inspect_map(m, opts, limit),
        StructInfo::Fields(fields) => {
            let fields: Vec<Atom> = fields.into_iter().filter(|f| !is_meta(*f)).collect();
            // Inspect.Any: the map's keys must be exactly the struct's keys.
            let own = m.keys().filter(|k| !matches!(k, Term::Atom(a) if is_meta(*a))).count();
            let matches = own == fields.len() && fields.iter().all(|f| m.contains_key(&Term::Atom(*f)));
            let exc_ok = is_exception_module(name) == m.contains_key(&Term::Atom(Atom::EXCEPTION));
            if !matches || (builtin_struct_fields(name).is_some() && !exc_ok) {
                return inspect_map(m, opts, limit);
            }
            fields
        }
        StructInfo::Unknown => {
            let mut fs = Vec::new();
            for k in m.keys() {
                match k {
                    Term::Atom(a) if is_meta(*a) => {}
                    Term::Atom(a) => fs.push(*a),
                    _ => return inspect_map(m, opts, limit),
                }
            }
            fs
        }
    };
    let mod_name = inspect_atom(module);
    let open = format!("%{}{{", mod_name);
    let mut it = fields.iter().map(|f| Elem::Item(*f));
    container_doc(&open, &mut it, "}", limit, ContainerBreak::Strict, |f, l| {
        let v = m.get(&Term::Atom(f)).cloned().unwrap_or(Term::NIL_ATOM);
        keyword_doc(f, &v, opts, l)
    })
}

fn is_exception_module(name: &str) -> bool {
    builtin_struct_fields(name).is_some()
}

/// `Inspect.Range`: `first..last` (step 1 and `last >= first`) or `first..last//step`.
fn inspect_range(m: &MapT, opts: &InspectOpts, limit: Option<usize>) -> Option<Doc> {
    let first = m.get(&Term::Atom(Atom::FIRST))?;
    let last = m.get(&Term::Atom(Atom::LAST))?;
    let step = match m.get(&Term::Atom(Atom::STEP)) {
        Some(s) => s.clone(),
        None => {
            if super::term::compare(first, last, false) != std::cmp::Ordering::Greater {
                Term::Int(1)
            } else {
                Term::Int(-1)
            }
        }
    };
    let mut parts = vec![to_doc(first, opts, limit), text(".."), to_doc(last, opts, limit)];
    let plain = matches!(step, Term::Int(1)) && super::term::compare(last, first, false) != std::cmp::Ordering::Less;
    if !plain {
        parts.push(text("//"));
        parts.push(to_doc(&step, opts, limit));
    }
    Some(concat_all(parts))
}

// ---------------------------------------------------------------------------------------------
// Binaries

/// `String.printable?(bin, limit)`: valid UTF-8 of printable characters (`\a\b\t\n\v\f\r\e\d`,
/// 32..126, U+A0..U+D7FF, U+E000..U+FFFD, U+10000..), checking at most `limit` characters.
pub fn string_printable(b: &[u8], limit: Option<usize>) -> bool {
    let mut n = limit;
    let mut i = 0;
    while i < b.len() {
        if n == Some(0) {
            return true;
        }
        let c = b[i];
        if c < 128 {
            if !((32..=126).contains(&c) || matches!(c, 7..=13 | 27 | 127)) {
                return false;
            }
            i += 1;
        } else {
            match decode_utf8(&b[i..]) {
                Some((ch, len)) => {
                    let ch = ch as u32;
                    if !((0xA0..=0xD7FF).contains(&ch) || (0xE000..=0xFFFD).contains(&ch) || (0x10000..=0x10FFFF).contains(&ch)) {
                        return false;
                    }
                    i += len;
                }
                None => return false,
            }
        }
        n = decrement(n);
    }
    true
}

/// Decodes one UTF-8 character at the start of `b` (Erlang's `::utf8` matching: rejects
/// overlong forms and surrogates).
fn decode_utf8(b: &[u8]) -> Option<(char, usize)> {
    let len = match b[0] {
        0x00..=0x7F => 1,
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    if b.len() < len {
        return None;
    }
    let s = std::str::from_utf8(&b[..len]).ok()?;
    s.chars().next().map(|c| (c, len))
}

fn inspect_binary(b: &[u8], opts: &InspectOpts, limit: Option<usize>) -> Doc {
    let as_string = opts.base == Base::Decimal
        && match opts.binaries {
            Binaries::AsStrings => true,
            Binaries::Infer => string_printable(b, opts.printable_limit),
            Binaries::AsBinaries => false,
        };
    if as_string {
        let (escaped, rest) = escape(b, b'"', opts.printable_limit);
        let mut out = String::with_capacity(escaped.len() + 2);
        out.push('"');
        out.push_str(&escaped);
        out.push('"');
        if rest {
            out.push_str(" <> ...");
        }
        return text(out);
    }
    if b.is_empty() {
        return text("<<>>");
    }
    // each_bit/3, built from the end without recursion.
    let int_doc = |byte: u8| text(format_integer(&byte.to_string(), opts.base, false, || int_radix(byte as i128, opts.base)));
    let shown = match limit {
        Some(l) if l < b.len() => l,
        _ => b.len(),
    };
    let mut inner = if shown < b.len() { text("...") } else { int_doc(b[b.len() - 1]) };
    let last_full = if shown < b.len() { shown } else { b.len() - 1 };
    for idx in (0..last_full).rev() {
        inner = flex_glue(concat(int_doc(b[idx]), text(",")), " ", inner);
    }
    group(concat(concat(text("<<"), nest(inner, 2)), text(">>")))
}

fn hex_digit(n: u32) -> char {
    char::from_digit(n, 16).unwrap().to_ascii_uppercase()
}

/// `Code.Identifier.escape/3` with the default escape map: escapes `quote`, `\`, `#{`, the
/// C escapes (`\a\b\t\n\v\f\r\e\d`), `\0`, non-printable characters as `\xHH` / `\x{HHHH}`,
/// invalid bytes as `\xHH`, U+FEFF as `\uFEFF`. Stops after `limit` characters; the flag
/// tells whether input remained.
pub fn escape(b: &[u8], quote: u8, limit: Option<usize>) -> (String, bool) {
    let mut out = String::with_capacity(b.len());
    let mut n = limit;
    let mut i = 0;
    while i < b.len() {
        if n == Some(0) {
            return (out, true);
        }
        let c = b[i];
        if c == quote {
            out.push('\\');
            out.push(c as char);
            i += 1;
        } else if c == b'#' && b.get(i + 1) == Some(&b'{') {
            out.push_str("\\#{");
            i += 2;
        } else if let Some((ch, len)) = decode_utf8(&b[i..]) {
            escape_char_into(ch, &mut out);
            i += len;
        } else {
            out.push_str("\\x");
            out.push(hex_digit((c >> 4) as u32));
            out.push(hex_digit((c & 15) as u32));
            i += 1;
        }
        n = decrement(n);
    }
    (out, false)
}

fn escape_char_into(ch: char, out: &mut String) {
    let c = ch as u32;
    let mapped = match c {
        7 => Some("\\a"),
        8 => Some("\\b"),
        127 => Some("\\d"),
        27 => Some("\\e"),
        12 => Some("\\f"),
        10 => Some("\\n"),
        13 => Some("\\r"),
        9 => Some("\\t"),
        11 => Some("\\v"),
        92 => Some("\\\\"),
        0 => Some("\\0"),
        0xFEFF => Some("\\uFEFF"),
        _ => None,
    };
    if let Some(m) = mapped {
        out.push_str(m);
    } else if (32..=126).contains(&c) || (160..=0xD7FF).contains(&c) || (0xE000..=0xFFFD).contains(&c) || (0x10000..=0x10FFFF).contains(&c) {
        out.push(ch);
    } else if c < 256 {
        out.push_str("\\x");
        out.push(hex_digit(c >> 4));
        out.push(hex_digit(c & 15));
    } else {
        out.push_str("\\x{");
        let digits = if c < 65536 { 4 } else { 6 };
        for k in (0..digits).rev() {
            out.push(hex_digit((c >> (4 * k)) & 15));
        }
        out.push('}');
    }
}

// ---------------------------------------------------------------------------------------------
// Atoms

/// `Macro.classify_atom/1`'s inner classification.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum AtomClass {
    Alias,
    Identifier,
    UnquotedOperator,
    QuotedOperator,
    NotCallable,
    Other,
}

const UNARY_OPS: &[&str] = &["&", "!", "^", "not", "+", "-", "~~~", "@"];
const BINARY_OPS: &[&str] = &[
    "<-", "\\\\", "when", "::", "|", "=", "||", "|||", "or", "&&", "&&&", "and", "==", "!=", "=~", "===", "!==", "<",
    "<=", ">=", ">", "|>", "<<<", ">>>", "<~", "~>", "<<~", "~>>", "<~>", "<|>", "in", "^^^", "++", "--", "..", "<>",
    "+++", "---", "+", "-", "*", "/", "**", ".",
];

fn valid_alias(name: &str) -> bool {
    let Some(mut rest) = name.strip_prefix("Elixir") else { return false };
    loop {
        if rest.is_empty() {
            return true;
        }
        let b = rest.as_bytes();
        if b[0] != b'.' || b.len() < 2 || !b[1].is_ascii_uppercase() {
            return false;
        }
        let end = b[2..].iter().position(|c| !(c.is_ascii_alphanumeric() || *c == b'_')).map(|p| p + 2).unwrap_or(b.len());
        rest = &rest[end..];
    }
}

/// `String.Tokenizer.tokenize/1` on a whole atom name: `Some((kind, has_at))` when the entire
/// name is one identifier-like token (`kind`: 0 identifier, 1 alias/atom).
fn tokenize_whole(name: &str) -> Option<(bool, bool)> {
    let mut chars = name.chars().peekable();
    let first = chars.next()?;
    let upper_kind = if first.is_ascii_uppercase() {
        true
    } else if first.is_ascii_lowercase() || first == '_' {
        false
    } else if first.is_ascii() {
        return None;
    } else if first.is_uppercase() {
        true
    } else if first.is_alphabetic() {
        false
    } else {
        return None;
    };
    let mut has_at = false;
    while let Some(c) = chars.next() {
        if c == '!' || c == '?' {
            // punctuation ends the token
            return if chars.peek().is_none() { Some((upper_kind, has_at)) } else { None };
        }
        if c == '@' {
            has_at = true;
            continue;
        }
        if c.is_ascii_alphanumeric() || c == '_' {
            continue;
        }
        if c.is_ascii() {
            return None;
        }
        if c.is_alphanumeric() || is_mark(c) {
            continue;
        }
        return None;
    }
    Some((upper_kind, has_at))
}

fn is_mark(c: char) -> bool {
    // Combining marks (ID_Continue, not alphanumeric): the common blocks.
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F | 0x200C | 0x200D)
}

fn inner_classify(name: &str) -> AtomClass {
    match name {
        "%" | "%{}" | "{}" | "<<>>" | "..." | ".." | "." | "..//" | "->" => return AtomClass::NotCallable,
        "::" | "^^^" | "~~~" | "<|>" => return AtomClass::QuotedOperator,
        _ => {}
    }
    if UNARY_OPS.contains(&name) || BINARY_OPS.contains(&name) {
        return AtomClass::UnquotedOperator;
    }
    if valid_alias(name) {
        return AtomClass::Alias;
    }
    match tokenize_whole(name) {
        Some((upper, has_at)) => {
            if upper || has_at {
                AtomClass::NotCallable
            } else {
                AtomClass::Identifier
            }
        }
        None => AtomClass::Other,
    }
}

/// `Macro.classify_atom/1`: `:alias`, `:identifier`, `:unquoted` or `:quoted`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum AtomKind {
    Alias,
    Identifier,
    Unquoted,
    Quoted,
}

pub fn classify_atom(name: &str) -> AtomKind {
    match inner_classify(name) {
        AtomClass::Alias => AtomKind::Alias,
        AtomClass::Identifier => AtomKind::Identifier,
        AtomClass::UnquotedOperator | AtomClass::NotCallable => AtomKind::Unquoted,
        _ => AtomKind::Quoted,
    }
}

fn quote_escaped(name: &str) -> String {
    escape(name.as_bytes(), b'"', None).0
}

/// `Macro.inspect_atom(:literal, atom)`: `:ok`, `nil`, `Foo`, `:"foo bar"`, `:+`, `:"::"`.
pub fn inspect_atom(a: Atom) -> String {
    inspect_atom_name(a.name())
}

/// [`inspect_atom`] given the atom's name.
pub fn inspect_atom_name(name: &str) -> String {
    if matches!(name, "nil" | "true" | "false") {
        return name.to_string();
    }
    match classify_atom(name) {
        AtomKind::Alias => {
            if name == "Elixir" || name == "Elixir.Elixir" || name.starts_with("Elixir.Elixir.") {
                name.to_string()
            } else {
                name["Elixir.".len()..].to_string()
            }
        }
        AtomKind::Quoted => format!(":\"{}\"", quote_escaped(name)),
        _ => format!(":{}", name),
    }
}

/// `Macro.inspect_atom(:key, atom)`: `a:`, `"b c":`, `"Elixir.Foo":`.
pub fn inspect_atom_key(a: Atom) -> String {
    let name = a.name();
    match classify_atom(name) {
        AtomKind::Alias => format!("\"{}\":", name),
        AtomKind::Quoted => format!("\"{}\":", quote_escaped(name)),
        _ => format!("{}:", name),
    }
}

/// `Macro.inspect_atom(:remote_call, atom)`: the function name in `Mod.fun`: `fun`, `+`,
/// `"weird name"`.
pub fn inspect_atom_remote_call(name: &str) -> String {
    match inner_classify(name) {
        AtomClass::Identifier | AtomClass::UnquotedOperator | AtomClass::QuotedOperator => name.to_string(),
        AtomClass::NotCallable | AtomClass::Alias => format!("\"{}\"", name),
        AtomClass::Other => format!("\"{}\"", quote_escaped(name)),
    }
}

// ---------------------------------------------------------------------------------------------
// Functions

/// `Code.Identifier.extract_anonymous_fun_parent/1`: `"-run/0-fun-0-"` → `("run", "0")`.
pub fn extract_anonymous_fun_parent(name: &str) -> Option<(String, String)> {
    let rest = name.strip_prefix('-')?;
    let (parent, trailing) = rest.rsplit_once('/')?;
    let pieces: Vec<&str> = trailing.split('-').collect();
    if pieces.len() == 4 && pieces[3].is_empty() {
        Some((parent.to_string(), pieces[0].to_string()))
    } else {
        None
    }
}

/// A stable 27-bit "uniq" for the funs of a module instance (Erlang's old fun `uniq`, which
/// Elixir prints after the index): derived from the module's MD5.
pub fn fun_uniq(md5: &[u8; 16]) -> u32 {
    u32::from_be_bytes([md5[0], md5[1], md5[2], md5[3]]) & 0x7FF_FFFF
}

/// `Inspect.Function`: `#Function<index.uniq/arity in Mod.parent/arity>` for a local fun,
/// `&Mod.fun/arity` for an external one, `#Function<index.uniq/arity in Mod>` for another
/// node's fun whose code is not loaded here (its name is `[]`, as `fun_info` gives it).
pub fn inspect_fun(f: &Fun) -> String {
    match f {
        Fun::Foreign(ff) => format!("#Function<{}.{}/{} in {}>", ff.index, ff.old_uniq, ff.arity, inspect_atom(ff.module)),
        Fun::External { module, function, arity } => {
            format!("&{}.{}/{}", inspect_atom(*module), inspect_atom_remote_call(function.name()), arity)
        }
        Fun::Local { instance, lambda, .. } => {
            let lam = &instance.lambdas[*lambda as usize];
            let fname = instance.image.functions.get(lam.function as usize).map(|f| f.name.as_str()).unwrap_or("");
            let name_part = if fname.is_empty() {
                String::new()
            } else {
                match extract_anonymous_fun_parent(fname) {
                    Some((parent, ar)) => format!(".{}/{}", inspect_atom_remote_call(&parent), ar),
                    None => format!(".{}", inspect_atom_remote_call(fname)),
                }
            };
            format!(
                "#Function<{}.{}/{} in {}{}>",
                lambda,
                fun_uniq(&instance.md5),
                lam.arity,
                inspect_atom(instance.name),
                name_part
            )
        }
    }
}

#[cfg(test)]
#[path = "inspect_tests.rs"]
pub(crate) mod tests;
