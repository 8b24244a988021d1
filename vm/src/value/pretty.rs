//! The document algebra and layout engine of Elixir 1.14's `Inspect.Algebra`, transcribed
//! clause by clause (including its non-Wadler details: a group is tested for fit on its own
//! content only, not on what follows it; a flex break is tested against the rest of the
//! document up to the next break; a text longer than the line never fails a fit test until
//! a break was seen), so that layouts match `inspect(term, pretty: true)` / `IO.inspect/1`
//! byte for byte.
//!
//! Differences from Elixir: no colors (`color/3` is the identity) and no `collapse_lines`.
//!
//! Widths: `None` is `:infinity`. [`Doc::Text`] is measured in bytes (`byte_size/1`, as
//! Elixir measures plain binaries in documents); [`Doc::Str`] (`Inspect.Algebra.string/1`)
//! carries its own length.

/// Indentation of a [`Doc::Nest`]: a number of columns, the current column (`:cursor`),
/// or column 0 (`:reset`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Indent {
    Cols(usize),
    Cursor,
    Reset,
}

/// `:always` nests in both modes, `:break` only when the enclosing group breaks.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum NestMode {
    Always,
    Break,
}

/// `:strict` breaks all together with their group; `:flex` breaks only when the next chunk
/// does not fit.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum BreakMode {
    Strict,
    Flex,
}

/// `:self` groups decide on their own; `:inherit` groups break when their parent broke.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum GroupMode {
    SelfMode,
    Inherit,
}

/// `next_break_fits/2` modes.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum FitsMode {
    Enabled,
    Disabled,
}

/// A document (Elixir's `t:Inspect.Algebra.t/0`).
#[derive(Debug, Clone)]
pub enum Doc {
    /// `:doc_nil` (`empty/0`).
    Nil,
    /// `:doc_line` (`line/0`): a forced newline.
    Line,
    /// A plain binary, measured by its byte size.
    Text(String),
    /// `{:doc_string, s, length}` (`string/1`).
    Str(String, usize),
    /// `{:doc_cons, left, right}` (`concat/2`).
    Cons(Box<Doc>, Box<Doc>),
    /// `{:doc_nest, doc, indent, mode}`.
    Nest(Box<Doc>, Indent, NestMode),
    /// `{:doc_break, string, mode}`.
    Break(String, BreakMode),
    /// `{:doc_group, doc, mode}`.
    Group(Box<Doc>, GroupMode),
    /// `{:doc_force, doc}` (`force_unfit/1`).
    Force(Box<Doc>),
    /// `{:doc_fits, doc, mode}` (`next_break_fits/2`).
    Fits(Box<Doc>, FitsMode),
    /// `{:doc_limit, doc, width}`; `None` is `:infinity` (`no_limit/1`).
    Limit(Box<Doc>, Option<usize>),
}

impl Drop for Doc {
    // Documents of long collections are deep right-nested chains: drop them without recursion.
    fn drop(&mut self) {
        let mut stack: Vec<Doc> = Vec::new();
        take_children(self, &mut stack);
        while let Some(mut d) = stack.pop() {
            take_children(&mut d, &mut stack);
        }
    }
}

fn take_children(d: &mut Doc, out: &mut Vec<Doc>) {
    match d {
        Doc::Cons(a, b) => {
            out.push(std::mem::replace(&mut **a, Doc::Nil));
            out.push(std::mem::replace(&mut **b, Doc::Nil));
        }
        Doc::Nest(a, ..) | Doc::Group(a, _) | Doc::Force(a) | Doc::Fits(a, _) | Doc::Limit(a, _)
            if !matches!(**a, Doc::Nil | Doc::Text(_) | Doc::Str(..) | Doc::Line | Doc::Break(..)) =>
        {
            out.push(std::mem::replace(&mut **a, Doc::Nil));
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------
// Constructors (Inspect.Algebra's public functions)

/// `empty/0`.
pub fn empty() -> Doc {
    Doc::Nil
}
/// A binary document (measured in bytes).
pub fn text(s: impl Into<String>) -> Doc {
    Doc::Text(s.into())
}
/// `string/1`: measured in characters.
pub fn string(s: impl Into<String>) -> Doc {
    let s = s.into();
    let n = s.chars().count();
    Doc::Str(s, n)
}
/// `concat/2`.
pub fn concat(a: Doc, b: Doc) -> Doc {
    Doc::Cons(Box::new(a), Box::new(b))
}
/// `concat/1` (right fold, like `fold_doc(docs, &concat/2)`).
pub fn concat_all(docs: Vec<Doc>) -> Doc {
    fold_doc(docs, concat)
}
/// `nest/2` (mode `:always`); `nest(doc, 0)` is `doc`.
pub fn nest(doc: Doc, level: usize) -> Doc {
    nest_with(doc, Indent::Cols(level), NestMode::Always)
}
/// `nest/3`.
pub fn nest_with(doc: Doc, indent: Indent, mode: NestMode) -> Doc {
    if indent == Indent::Cols(0) {
        doc
    } else {
        Doc::Nest(Box::new(doc), indent, mode)
    }
}
/// `break/1`.
pub fn break_(s: &str) -> Doc {
    Doc::Break(s.to_string(), BreakMode::Strict)
}
/// `flex_break/1`.
pub fn flex_break(s: &str) -> Doc {
    Doc::Break(s.to_string(), BreakMode::Flex)
}
/// `glue/3`: `concat(a, concat(break(s), b))`.
pub fn glue(a: Doc, s: &str, b: Doc) -> Doc {
    concat(a, concat(break_(s), b))
}
/// `flex_glue/3`.
pub fn flex_glue(a: Doc, s: &str, b: Doc) -> Doc {
    concat(a, concat(flex_break(s), b))
}
/// `space/2`.
pub fn space(a: Doc, b: Doc) -> Doc {
    concat(a, concat(text(" "), b))
}
/// `line/0`.
pub fn line() -> Doc {
    Doc::Line
}
/// `line/2`.
pub fn line2(a: Doc, b: Doc) -> Doc {
    concat(a, concat(Doc::Line, b))
}
/// `group/1`.
pub fn group(doc: Doc) -> Doc {
    Doc::Group(Box::new(doc), GroupMode::SelfMode)
}
/// `group/2`.
pub fn group_with(doc: Doc, mode: GroupMode) -> Doc {
    Doc::Group(Box::new(doc), mode)
}
/// `force_unfit/1`.
pub fn force_unfit(doc: Doc) -> Doc {
    Doc::Force(Box::new(doc))
}
/// `next_break_fits/2`.
pub fn next_break_fits(doc: Doc, mode: FitsMode) -> Doc {
    Doc::Fits(Box::new(doc), mode)
}
/// `no_limit/1`.
pub fn no_limit(doc: Doc) -> Doc {
    Doc::Limit(Box::new(doc), None)
}
/// `surround/3`: `concat(concat(left, nest(doc, 1)), right)`.
pub fn surround(left: Doc, doc: Doc, right: Doc) -> Doc {
    concat(concat(left, nest(doc, 1)), right)
}
/// `fold_doc/2`: a right fold (`f(d1, f(d2, ... f(dn-1, dn)))`), done without recursion.
pub fn fold_doc(docs: Vec<Doc>, mut f: impl FnMut(Doc, Doc) -> Doc) -> Doc {
    let mut it = docs.into_iter().rev();
    let mut acc = match it.next() {
        None => return Doc::Nil,
        Some(d) => d,
    };
    for d in it {
        acc = f(d, acc);
    }
    acc
}

/// Inspect.Algebra's private `simple?/1`: only strings and concatenations of them.
pub fn is_simple(doc: &Doc) -> bool {
    let mut stack = vec![doc];
    while let Some(d) = stack.pop() {
        match d {
            Doc::Cons(a, b) => {
                stack.push(b);
                stack.push(a);
            }
            Doc::Str(..) | Doc::Text(_) | Doc::Nil => {}
            _ => return false,
        }
    }
    true
}

/// Inspect.Algebra's private `join/4` used by `container_doc/6`.
pub fn join(left: Doc, right: Doc, flex: bool, sep: &str) -> Doc {
    match (matches!(left, Doc::Nil), matches!(right, Doc::Nil)) {
        (true, true) => Doc::Nil,
        (false, true) => left,
        (true, false) => right,
        (false, false) => {
            if flex {
                flex_glue(concat(left, text(sep)), " ", right)
            } else {
                glue(concat(left, text(sep)), " ", right)
            }
        }
    }
}

/// The break behaviour of `container_doc/6`'s `:break` option.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ContainerBreak {
    /// `:maybe` (default): flex when every element is simple, strict otherwise.
    Maybe,
    Strict,
    Flex,
}

/// The last step of `container_doc/6`, given the element documents already produced by
/// `container_each` (with `"..."` appended if the limit was hit) and whether all were simple.
pub fn container_finish(left: Doc, docs: Vec<Doc>, simple: bool, right: Doc, brk: ContainerBreak, sep: &str) -> Doc {
    if docs.is_empty() {
        return concat(left, right);
    }
    let flex = (simple && brk == ContainerBreak::Maybe) || brk == ContainerBreak::Flex;
    let docs = fold_doc(docs, |a, b| join(a, b, flex, sep));
    if flex {
        group(concat(concat(left, nest(docs, 1)), right))
    } else {
        group(glue(nest(glue(left, "", docs), 2), "", right))
    }
}

// ---------------------------------------------------------------------------------------------
// Layout

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Mode {
    Flat,
    Break,
    FlatNoBreak,
    BreakNoFlat,
}

#[derive(Copy, Clone)]
enum Item<'a> {
    Doc(&'a Doc),
    /// `doc_limit(empty(), w)`: restores the width after a `no_limit` section.
    Restore(Option<usize>),
}

#[derive(Copy, Clone)]
struct Entry<'a> {
    i: usize,
    m: Mode,
    item: Item<'a>,
}

fn apply_nesting(i: usize, k: usize, j: Indent) -> usize {
    match j {
        Indent::Cursor => k,
        Indent::Reset => 0,
        Indent::Cols(n) => i + n,
    }
}

enum FitEntry<'a> {
    E(Entry<'a>),
    Tail(bool),
}

/// `fits?/4`. `local` is the head of the list (top at the end); after it comes `outer`
/// (the rest of the format stack, top at the end).
fn fits<'a>(mut w: Option<usize>, mut k: usize, mut b: bool, mut local: Vec<FitEntry<'a>>, outer: &[Entry<'a>]) -> bool {
    let mut outer_top = outer.len();
    loop {
        if let Some(wv) = w {
            if k > wv && b {
                return false;
            }
        }
        let e = match local.pop() {
            Some(FitEntry::Tail(nb)) => {
                b = nb;
                continue;
            }
            Some(FitEntry::E(e)) => e,
            None => {
                if outer_top == 0 {
                    return true;
                }
                outer_top -= 1;
                outer[outer_top]
            }
        };
        let (i, m) = (e.i, e.m);
        let doc = match e.item {
            Item::Restore(nw) => {
                // doc_limit(empty(), w): `fits?(w, k, b?, [{i, m, empty} | t])`
                w = nw;
                continue;
            }
            Item::Doc(d) => d,
        };
        match (m, doc) {
            (_, Doc::Fits(x, FitsMode::Disabled)) => local.push(FitEntry::E(Entry { i, m: Mode::FlatNoBreak, item: Item::Doc(x) })),
            (Mode::FlatNoBreak, Doc::Fits(x, _)) => local.push(FitEntry::E(Entry { i, m: Mode::FlatNoBreak, item: Item::Doc(x) })),
            (_, Doc::Fits(x, FitsMode::Enabled)) => local.push(FitEntry::E(Entry { i, m: Mode::BreakNoFlat, item: Item::Doc(x) })),
            (Mode::BreakNoFlat, Doc::Force(x)) => local.push(FitEntry::E(Entry { i, m: Mode::BreakNoFlat, item: Item::Doc(x) })),
            (Mode::BreakNoFlat, Doc::Break(..)) | (Mode::BreakNoFlat, Doc::Line) => return true,
            (Mode::Break, Doc::Break(..)) | (Mode::Break, Doc::Line) => return true,
            (Mode::Break, Doc::Group(x, _)) => {
                local.push(FitEntry::Tail(b));
                local.push(FitEntry::E(Entry { i, m: Mode::Flat, item: Item::Doc(x) }));
            }
            (_, Doc::Line) => {
                k = i;
                b = false;
            }
            (_, Doc::Nil) => {}
            (_, Doc::Str(_, l)) => k += l,
            (_, Doc::Text(s)) => k += s.len(),
            (_, Doc::Force(_)) => return false,
            (_, Doc::Break(s, _)) => {
                k += s.len();
                b = true;
            }
            (_, Doc::Nest(x, _, NestMode::Break)) => local.push(FitEntry::E(Entry { i, m, item: Item::Doc(x) })),
            (_, Doc::Nest(x, j, _)) => local.push(FitEntry::E(Entry { i: apply_nesting(i, k, *j), m, item: Item::Doc(x) })),
            (_, Doc::Cons(x, y)) => {
                local.push(FitEntry::E(Entry { i, m, item: Item::Doc(y) }));
                local.push(FitEntry::E(Entry { i, m, item: Item::Doc(x) }));
            }
            (_, Doc::Group(x, _)) => {
                local.push(FitEntry::Tail(b));
                local.push(FitEntry::E(Entry { i, m, item: Item::Doc(x) }));
            }
            (_, Doc::Limit(x, None)) if w.is_some() => {
                local.push(FitEntry::E(Entry { i, m, item: Item::Restore(w) }));
                local.push(FitEntry::E(Entry { i, m: Mode::Flat, item: Item::Doc(x) }));
                w = None;
            }
            (_, Doc::Limit(x, nw)) => {
                w = *nw;
                local.push(FitEntry::E(Entry { i, m, item: Item::Doc(x) }));
            }
        }
    }
}

fn push_indent(out: &mut String, i: usize) {
    out.push('\n');
    for _ in 0..i {
        out.push(' ');
    }
}

/// `Inspect.Algebra.format/2`: lays `doc` out within `width` columns (`None` = `:infinity`,
/// everything flat unless forced by lines) and returns the text.
pub fn format(doc: &Doc, width: Option<usize>) -> String {
    let mut out = String::new();
    let mut w = width;
    let mut k: usize = 0;
    let mut stack: Vec<Entry<'_>> = vec![Entry { i: 0, m: Mode::Flat, item: Item::Doc(doc) }];
    while let Some(e) = stack.pop() {
        let (i, m) = (e.i, e.m);
        let d = match e.item {
            Item::Restore(nw) => {
                w = nw;
                continue;
            }
            Item::Doc(d) => d,
        };
        match d {
            Doc::Nil => {}
            Doc::Line => {
                push_indent(&mut out, i);
                k = i;
            }
            Doc::Cons(x, y) => {
                stack.push(Entry { i, m, item: Item::Doc(y) });
                stack.push(Entry { i, m, item: Item::Doc(x) });
            }
            Doc::Str(s, l) => {
                out.push_str(s);
                k += l;
            }
            Doc::Text(s) => {
                out.push_str(s);
                k += s.len();
            }
            Doc::Force(x) | Doc::Fits(x, _) => stack.push(Entry { i, m, item: Item::Doc(x) }),
            Doc::Break(s, BreakMode::Flex) => {
                k += s.len();
                let fit = w.is_none() || m == Mode::Flat || fits(w, k, true, Vec::new(), &stack);
                if fit {
                    out.push_str(s);
                } else {
                    push_indent(&mut out, i);
                    k = i;
                }
            }
            Doc::Break(s, BreakMode::Strict) => {
                if m == Mode::Break {
                    push_indent(&mut out, i);
                    k = i;
                } else {
                    out.push_str(s);
                    k += s.len();
                }
            }
            Doc::Nest(x, j, nm) => {
                let apply = *nm == NestMode::Always || (*nm == NestMode::Break && m == Mode::Break);
                let ni = if apply { apply_nesting(i, k, *j) } else { i };
                stack.push(Entry { i: ni, m, item: Item::Doc(x) });
            }
            Doc::Group(x, GroupMode::Inherit) if m == Mode::Break => {
                stack.push(Entry { i, m: Mode::Break, item: Item::Doc(x) });
            }
            Doc::Group(x, _) => {
                let fit = w.is_none()
                    || fits(w, k, false, vec![FitEntry::E(Entry { i, m: Mode::Flat, item: Item::Doc(x) })], &[]);
                let nm = if fit { Mode::Flat } else { Mode::Break };
                stack.push(Entry { i, m: nm, item: Item::Doc(x) });
            }
            Doc::Limit(x, None) if w.is_some() => {
                stack.push(Entry { i, m, item: Item::Restore(w) });
                stack.push(Entry { i, m: Mode::Flat, item: Item::Doc(x) });
                w = None;
            }
            Doc::Limit(x, nw) => {
                w = *nw;
                stack.push(Entry { i, m, item: Item::Doc(x) });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glue_and_groups() {
        // Examples from Inspect.Algebra's documentation.
        let doc = group(glue(text("hello"), " ", text("world")));
        assert_eq!(format(&doc, Some(80)), "hello world");
        assert_eq!(format(&doc, Some(5)), "hello\nworld");
        let doc = nest(glue(text("hello"), " ", text("world")), 5);
        assert_eq!(format(&group(doc.clone()), Some(5)), "hello\n     world");
        let doc = flex_glue(text("a"), " ", flex_glue(text("b"), " ", text("c")));
        assert_eq!(format(&group(doc), Some(3)), "a b\nc");
        let doc = concat(text("a"), concat(line(), text("b")));
        assert_eq!(format(&doc, None), "a\nb");
    }

    #[test]
    fn deep_docs_do_not_overflow() {
        let docs: Vec<Doc> = (0..200_000).map(|i| text(i.to_string())).collect();
        let d = container_finish(text("["), docs, true, text("]"), ContainerBreak::Maybe, ",");
        let s = format(&d, Some(80));
        assert!(s.starts_with("[0, 1, 2"));
        drop(d);
    }
}
