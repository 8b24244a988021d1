//! `defoverridable` and `super` (follows Elixir 1.14's `Module.make_overridable/2` and
//! `elixir_overridable`): `defoverridable f: 1` renames the definition of `f/1` made so far
//! to `"f (overridable N)"`; a later `def f(...)` starts a new definition whose `super(...)`
//! calls the renamed one. A module that does not redefine `f/1` keeps the original (renamed
//! back when the module is finished); one that does keeps the original as a private function.

use super::module::FnDef;
use super::{err, unsupported, R};
use crate::ast::{Ast, Span};

/// Deepest body `super` is looked for in.
const MAX_DEPTH: usize = 1000;

/// `defoverridable [f: 1, ...]`: renames the current definitions of the listed functions.
pub(crate) fn declare(args: &[Ast], fns: &mut [FnDef], over: &mut Vec<((String, u32), String)>, span: Span) -> R<()> {
    let [Ast::List(items)] = args else { return Err(unsupported("defoverridable of a behaviour module", span)) };
    for it in items {
        let Ast::Pair(k, v) = it else { return Err(err("invalid arguments for defoverridable", span)) };
        let (Ast::Atom(name), Ast::Int(arity)) = (&**k, &**v) else { return Err(err("invalid arguments for defoverridable", span)) };
        let arity = *arity as u32;
        let Some(f) = fns.iter_mut().find(|f| f.name == *name && f.arity == arity) else {
            return Err(err(format!("cannot make function {}/{} overridable because it was not defined", name, arity), span));
        };
        let n = over.iter().filter(|((on, oa), _)| on == name && *oa == arity).count() + 1;
        let hidden = format!("{} (overridable {})", name, n);
        f.name = hidden.clone();
        over.push(((name.clone(), arity), hidden));
    }
    Ok(())
}

/// The body of a new clause of `name/arity` with `super(args)` calling the overridden
/// definition. Errors: `super` in a function that overrides nothing.
pub(crate) fn rewrite_super(body: Ast, name: &str, arity: u32, over: &[((String, u32), String)], span: Span) -> R<Ast> {
    let hidden = over.iter().rev().find(|((n, a), _)| n == name && *a == arity).map(|(_, h)| h.as_str());
    replace(body, hidden, name, arity, span, 0)
}

fn replace(e: Ast, hidden: Option<&str>, name: &str, arity: u32, span: Span, depth: usize) -> R<Ast> {
    if depth > MAX_DEPTH {
        return Err(err(format!("function body nested more than {} levels deep", MAX_DEPTH), span));
    }
    let d = depth + 1;
    Ok(match e {
        Ast::List(items) => Ast::List(items.into_iter().map(|i| replace(i, hidden, name, arity, span, d)).collect::<R<_>>()?),
        Ast::Pair(a, b) => Ast::Pair(Box::new(replace(*a, hidden, name, arity, span, d)?), Box::new(replace(*b, hidden, name, arity, span, d)?)),
        Ast::Node { head, meta, args: Some(args) } if matches!(&*head, Ast::Atom(s) if s == "super") => {
            let Some(h) = hidden else {
                return Err(err(format!("no super defined for {}/{} in module. Overridable functions available are: ", name, arity), meta.span));
            };
            let args = args.into_iter().map(|i| replace(i, hidden, name, arity, span, d)).collect::<R<_>>()?;
            Ast::Node { head: Box::new(Ast::Atom(h.to_string())), meta, args: Some(args) }
        }
        Ast::Node { head, meta, args } => {
            let head = Box::new(replace(*head, hidden, name, arity, span, d)?);
            let args = match args {
                Some(a) => Some(a.into_iter().map(|i| replace(i, hidden, name, arity, span, d)).collect::<R<_>>()?),
                None => None,
            };
            Ast::Node { head, meta, args }
        }
        other => other,
    })
}

/// At the end of the module body: an overridable function that was not redefined gets its
/// name back; one that was stays, private, under its hidden name.
pub(crate) fn finish(fns: &mut [FnDef], over: &[((String, u32), String)]) {
    for ((name, arity), hidden) in over.iter().rev() {
        let redefined = fns.iter().any(|f| f.name == *name && f.arity == *arity);
        if let Some(f) = fns.iter_mut().find(|f| f.name == *hidden) {
            if redefined {
                f.public = false;
            } else {
                f.name = name.clone();
            }
        }
    }
}
