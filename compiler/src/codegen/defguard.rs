//! `defguard` / `defguardp`: `defguard is_even(x) when is_integer(x) and rem(x, 2) == 0`
//! defines a macro usable in guards and in ordinary code. Each use `is_even(y)` is expanded
//! in place: the guard expression with its parameters replaced by the arguments. Inside a
//! guard the arguments are substituted directly (guards have no side effects); in ordinary
//! code an argument that is not a variable or a literal and appears more than once is bound
//! to a fresh variable first, so it is evaluated once, as Elixir does.
//!
//! A module's guards are visible in that module (public and private ones), and its public
//! ones through `import Mod` and `Mod.is_even(y)` (after `require Mod`) in the other modules
//! of the same file.

use super::func::FnCx;
use super::{err, R};
use crate::ast::{Ast, Meta};
use std::collections::HashMap;

/// One `defguard`: `name(params) when body`.
#[derive(Clone, Debug)]
pub(crate) struct GuardDef {
    pub name: String,
    pub params: Vec<String>,
    pub body: Ast,
    pub public: bool,
}

/// Reads `defguard name(params) when body` (the argument of `defguard`/`defguardp`).
pub(crate) fn parse(args: &[Ast], public: bool, span: crate::ast::Span) -> R<GuardDef> {
    let what = if public { "defguard" } else { "defguardp" };
    let [Ast::Node { args: Some(w), .. }] = args else {
        return Err(err(format!("invalid {what}: expected `{what} name(args) when guard`"), span));
    };
    if args[0].head_name() != Some("when") || w.len() != 2 {
        return Err(err(format!("invalid {what}: expected `{what} name(args) when guard`"), span));
    }
    let (call, body) = (&w[0], &w[1]);
    let Some(name) = call.head_name() else { return Err(err(format!("invalid {what} name"), call.span())) };
    let params = match call {
        Ast::Node { args: None, .. } => vec![],
        Ast::Node { args: Some(ps), .. } => ps
            .iter()
            .map(|p| match p {
                Ast::Node { args: None, .. } => Ok(p.head_name().unwrap_or("_").to_string()),
                _ => {
                    let at = if p.span().line == 0 { call.span() } else { p.span() };
                    Err(err(format!("{what} only accepts variables as arguments, got: {}", super::expr::describe(p)), at))
                }
            })
            .collect::<R<Vec<_>>>()?,
        _ => return Err(err(format!("invalid {what} name"), call.span())),
    };
    Ok(GuardDef { name: name.to_string(), params, body: body.clone(), public })
}

/// Replaces the variables named in `map` by their ASTs.
fn substitute(e: &Ast, map: &HashMap<&str, Ast>) -> Ast {
    match e {
        Ast::Node { args: None, .. } => match e.head_name().and_then(|n| map.get(n)) {
            Some(a) => a.clone(),
            None => e.clone(),
        },
        Ast::Node { head, meta, args: Some(a) } => {
            Ast::Node { head: Box::new(substitute(head, map)), meta: *meta, args: Some(a.iter().map(|x| substitute(x, map)).collect()) }
        }
        Ast::List(items) => Ast::List(items.iter().map(|x| substitute(x, map)).collect()),
        Ast::Pair(a, b) => Ast::Pair(Box::new(substitute(a, map)), Box::new(substitute(b, map))),
        other => other.clone(),
    }
}

fn count_var(e: &Ast, name: &str) -> usize {
    match e {
        Ast::Node { args: None, .. } => (e.head_name() == Some(name)) as usize,
        Ast::Node { head, args: Some(a), .. } => count_var(head, name) + a.iter().map(|x| count_var(x, name)).sum::<usize>(),
        Ast::List(items) => items.iter().map(|x| count_var(x, name)).sum(),
        Ast::Pair(a, b) => count_var(a, name) + count_var(b, name),
        _ => 0,
    }
}

impl<'a, 'u> FnCx<'a, 'u> {
    /// The guard a call `e` refers to, if it is a use of a `defguard`.
    fn guard_of(&self, e: &Ast) -> Option<(GuardDef, Vec<Ast>)> {
        let Ast::Node { head, args: Some(args), .. } = e else { return None };
        let n = args.len();
        let find_named = |module: &str, name: &str, private_ok: bool| {
            self.m.unit.guards.get(module).and_then(|gs| gs.iter().find(|g| g.name == name && g.params.len() == n && (private_ok || g.public)).cloned())
        };
        match &**head {
            Ast::Atom(name) => {
                if self.is_local(name, n as u32) {
                    return None;
                }
                if let Some(m) = &self.m.module {
                    if let Some(g) = find_named(m, name, true) {
                        return Some((g, args.clone()));
                    }
                }
                for imp in self.env.imports.iter().rev() {
                    if imp.except.iter().any(|(f, a)| f == name && *a as usize == n) {
                        continue;
                    }
                    if let Some(only) = &imp.only {
                        if !only.iter().any(|(f, a)| f == name && *a as usize == n) {
                            continue;
                        }
                    }
                    if let Some(g) = find_named(&imp.module, name, false) {
                        return Some((g, args.clone()));
                    }
                }
                None
            }
            Ast::Node { args: Some(da), .. } if head.head_name() == Some(".") => match da.as_slice() {
                [m, Ast::Atom(name)] => {
                    let module = self.module_of(m)?;
                    let private_ok = self.m.module.as_deref() == Some(module.as_str());
                    find_named(&module, name, private_ok).map(|g| (g, args.clone()))
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// The expansion of `e` when it uses a `defguard` (see the module documentation).
    pub(crate) fn expand_defguard(&mut self, e: &Ast, in_guard: bool) -> Option<Ast> {
        let (g, args) = self.guard_of(e)?;
        let meta = Meta { span: e.span(), no_parens: false };
        let mut map = HashMap::new();
        let mut binds = vec![];
        for (p, a) in g.params.iter().zip(args) {
            let simple = matches!(a, Ast::Node { args: None, .. } | Ast::Int(_) | Ast::Float(_) | Ast::Atom(_) | Ast::Str(_));
            if in_guard || simple || count_var(&g.body, p) <= 1 {
                map.insert(p.as_str(), a);
            } else {
                self.m.gensym += 1;
                let v = Ast::var(&format!("{}@defguard{}", p, self.m.gensym), meta);
                binds.push(Ast::node("=", meta, vec![v.clone(), a]));
                map.insert(p.as_str(), v);
            }
        }
        let body = substitute(&g.body, &map);
        if binds.is_empty() {
            Some(body)
        } else {
            binds.push(body);
            Some(Ast::node("__block__", meta, binds))
        }
    }
}

thread_local! {
    static DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Counts nested expansions, so that a guard that uses itself is a compile error instead of
/// an endless expansion.
pub(crate) struct Depth;

impl Depth {
    /// Enters one more expansion; an error past 100 levels.
    pub(crate) fn enter(span: crate::ast::Span) -> R<Depth> {
        let d = DEPTH.with(|c| {
            c.set(c.get() + 1);
            c.get()
        });
        let guard = Depth;
        if d > 100 {
            return Err(err("defguard expansion too deep (a guard that uses itself?)", span));
        }
        Ok(guard)
    }
}

impl Drop for Depth {
    fn drop(&mut self) {
        DEPTH.with(|c| c.set(c.get().saturating_sub(1)));
    }
}
