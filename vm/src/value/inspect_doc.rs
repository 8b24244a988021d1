//! `Inspect.Algebra` documents as terms, the shapes Elixir 1.14's `Inspect.Algebra` builds
//! (`lib/elixir/lib/inspect/algebra.ex`), turned into [`Doc`]s for the layout engine of
//! [`super::pretty`]. User `Inspect` implementations (language code) return these terms:
//!
//! - a binary (measured in bytes), `:doc_nil`, `:doc_line`;
//! - `{:doc_string, binary, length}`, `{:doc_cons, left, right}`,
//!   `{:doc_nest, doc, indent, :always | :break}` (indent an integer, `:cursor` or `:reset`),
//!   `{:doc_break, binary, :strict | :flex}`, `{:doc_group, doc, :self | :inherit}`,
//!   `{:doc_fits, doc, :enabled | :disabled}`, `{:doc_force, doc}`,
//!   `{:doc_limit, doc, width | :infinity}`, `{:doc_collapse, n}` (read as empty here),
//!   `{:doc_color, doc, color}` (colours are not printed: the document alone);
//! - retort's own `{:doc_retort_term, term, opts}`: `term` printed by the native `Inspect`
//!   implementations ([`super::inspect::to_doc`]) with the `Inspect.Opts` struct (or keyword
//!   list) `opts` — what the library's `Inspect.Algebra.to_doc/2` returns for a value that
//!   needs no user implementation.
//!
//! Documents are converted with an explicit stack: a document nests as deep as the data it
//! prints, and data may nest a million levels.

use super::atom::Atom;
use super::inspect::{to_doc, InspectOpts, StructResolver};
use super::pretty::{BreakMode, Doc, FitsMode, GroupMode, Indent, NestMode};
use super::term::Term;

enum Build {
    Cons,
    Nest(Indent, NestMode),
    Group(GroupMode),
    Fits(FitsMode),
    Force,
    Limit(Option<usize>),
}

enum Work<'a> {
    Visit(&'a Term),
    Build(Build),
}

/// The [`Doc`] of a document term (see the module documentation); `None` if `t` is not one.
pub fn doc_from_term(t: &Term, struct_info: &Option<StructResolver>) -> Option<Doc> {
    let mut work = vec![Work::Visit(t)];
    let mut out: Vec<Doc> = vec![];
    while let Some(w) = work.pop() {
        match w {
            Work::Visit(t) => match t {
                Term::Binary(b) => out.push(Doc::Text(String::from_utf8_lossy(&b[..]).into_owned())),
                Term::Atom(a) => match a.name() {
                    "doc_nil" => out.push(Doc::Nil),
                    "doc_line" => out.push(Doc::Line),
                    _ => return None,
                },
                Term::Tuple(items) => {
                    let tag = items.first().and_then(|x| x.as_atom()).map(|a| a.name())?;
                    match (tag, &items[1..]) {
                        ("doc_string", [Term::Binary(b), Term::Int(n)]) => {
                            out.push(Doc::Str(String::from_utf8_lossy(&b[..]).into_owned(), (*n).max(0) as usize))
                        }
                        ("doc_cons", [l, r]) => {
                            work.push(Work::Build(Build::Cons));
                            work.push(Work::Visit(r));
                            work.push(Work::Visit(l));
                        }
                        ("doc_nest", [d, indent, mode]) => {
                            let indent = match indent {
                                Term::Int(n) => Indent::Cols((*n).max(0) as usize),
                                Term::Atom(a) if a.name() == "cursor" => Indent::Cursor,
                                Term::Atom(a) if a.name() == "reset" => Indent::Reset,
                                _ => return None,
                            };
                            let mode = if mode.as_atom().map(|a| a.name()) == Some("break") { NestMode::Break } else { NestMode::Always };
                            work.push(Work::Build(Build::Nest(indent, mode)));
                            work.push(Work::Visit(d));
                        }
                        ("doc_break", [Term::Binary(b), mode]) => {
                            let mode = if mode.as_atom().map(|a| a.name()) == Some("flex") { BreakMode::Flex } else { BreakMode::Strict };
                            out.push(Doc::Break(String::from_utf8_lossy(&b[..]).into_owned(), mode));
                        }
                        ("doc_group", [d, mode]) => {
                            let mode = if mode.as_atom().map(|a| a.name()) == Some("inherit") { GroupMode::Inherit } else { GroupMode::SelfMode };
                            work.push(Work::Build(Build::Group(mode)));
                            work.push(Work::Visit(d));
                        }
                        ("doc_fits", [d, mode]) => {
                            let mode = if mode.as_atom().map(|a| a.name()) == Some("disabled") { FitsMode::Disabled } else { FitsMode::Enabled };
                            work.push(Work::Build(Build::Fits(mode)));
                            work.push(Work::Visit(d));
                        }
                        ("doc_force", [d]) => {
                            work.push(Work::Build(Build::Force));
                            work.push(Work::Visit(d));
                        }
                        ("doc_limit", [d, w]) => {
                            let w = match w {
                                Term::Int(n) => Some((*n).max(0) as usize),
                                _ => None,
                            };
                            work.push(Work::Build(Build::Limit(w)));
                            work.push(Work::Visit(d));
                        }
                        ("doc_collapse", [_]) => out.push(Doc::Nil),
                        ("doc_color", [d, _]) => work.push(Work::Visit(d)),
                        ("doc_retort_term", [term, opts]) => {
                            let opts = inspect_opts_of(opts, struct_info);
                            out.push(to_doc(term, &opts, opts.limit));
                        }
                        _ => return None,
                    }
                }
                _ => return None,
            },
            Work::Build(b) => {
                let d = out.pop()?;
                let d = match b {
                    Build::Cons => {
                        let l = out.pop()?;
                        Doc::Cons(Box::new(l), Box::new(d))
                    }
                    Build::Nest(i, m) => Doc::Nest(Box::new(d), i, m),
                    Build::Group(m) => Doc::Group(Box::new(d), m),
                    Build::Fits(m) => Doc::Fits(Box::new(d), m),
                    Build::Force => Doc::Force(Box::new(d)),
                    Build::Limit(w) => Doc::Limit(Box::new(d), w),
                };
                out.push(d);
            }
        }
    }
    out.pop()
}

/// [`InspectOpts`] from an `Inspect.Opts` struct or a keyword list of `inspect/2` options.
pub fn inspect_opts_of(t: &Term, struct_info: &Option<StructResolver>) -> InspectOpts {
    let kw = match t {
        Term::Map(m) => Term::list(m.iter().map(|(k, v)| Term::tuple(vec![k.clone(), v.clone()])).collect()),
        other => other.clone(),
    };
    let mut o = super::inspect::opts_from_keyword(&kw, false).0;
    o.struct_info = struct_info.clone();
    o
}

/// The marker struct module the language side of `Inspect` puts in place of a struct whose
/// user implementation it already turned into a document (`%{__struct__: :"retort.doc",
/// doc: doc}`); [`super::inspect`] prints its document.
pub const DOC_MARKER: &str = "retort.doc";

/// Whether `module` is the marker struct [`DOC_MARKER`].
pub fn is_marker(module: Atom) -> bool {
    module.name() == DOC_MARKER
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::pretty::format;

    fn t(items: Vec<Term>) -> Term {
        Term::tuple(items)
    }

    #[test]
    fn converts_elixir_document_shapes() {
        // concat(["#User<", string("é"), ">"]) laid out on one line
        let doc = t(vec![
            Term::atom("doc_cons"),
            Term::string("#User<"),
            t(vec![Term::atom("doc_cons"), t(vec![Term::atom("doc_string"), Term::string("é"), Term::Int(1)]), Term::string(">")]),
        ]);
        assert_eq!(format(&doc_from_term(&doc, &None).unwrap(), None), "#User<é>");
        // a group whose strict break must break at width 3
        let brk = t(vec![Term::atom("doc_break"), Term::string(" "), Term::atom("strict")]);
        let g = t(vec![
            Term::atom("doc_group"),
            t(vec![Term::atom("doc_cons"), Term::string("aa"), t(vec![Term::atom("doc_cons"), brk, Term::string("bb")])]),
            Term::atom("self"),
        ]);
        assert_eq!(format(&doc_from_term(&g, &None).unwrap(), Some(3)), "aa\nbb");
        assert_eq!(format(&doc_from_term(&g, &None).unwrap(), None), "aa bb");
        assert!(doc_from_term(&Term::Int(3), &None).is_none());
    }

    #[test]
    fn deep_documents_convert_without_recursion() {
        let mut d = Term::string("x");
        for _ in 0..200_000 {
            d = t(vec![Term::atom("doc_cons"), d, Term::string("y")]);
        }
        let doc = doc_from_term(&d, &None).unwrap();
        assert_eq!(format(&doc, None).len(), 200_001);
    }
}
