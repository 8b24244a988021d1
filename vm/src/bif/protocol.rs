//! Protocol dispatch at run time (`:retort_protocol`), after Elixir 1.14's unconsolidated
//! protocols (`Protocol.__protocol__/2`'s generated `impl_for/1`): the implementation of
//! protocol `P` for a value is the module `P.Type`, where `Type` is the struct's module for a
//! struct, else one of `Tuple`, `Atom`, `List`, `Map`, `BitString`, `Integer`, `Float`,
//! `Function`, `PID`, `Port`, `Reference`; for a struct whose module derives `P` (`@derive`,
//! recorded as its attribute `retort_derive`), `P.Any`; when none is available and the
//! protocol has `@fallback_to_any true`, `P.Any`.
//!
//! The compiler cannot know which implementations exist (they may be compiled later, in
//! another file, or loaded while the program runs), so the lookup happens here, cached per
//! `(protocol, type)` in [`ProtocolCache`]; the cache is dropped whenever the code server's
//! epoch moves (every load, purge and delete), so a newly loaded implementation is found and
//! the caller's remote call reaches the newest code (hot-code rules R3, R35).
//!
//! The natives:
//! - `impl_for(protocol, value, fallback_to_any)` → module atom or `nil`.
//! - `inspect_user?(term)` → whether `term` holds a struct whose `Inspect` implementation is a
//!   loaded module (a user `defimpl Inspect`), found by an iterative walk (no Rust recursion).
//! - `format(doc, width)` → the binary of an `Inspect.Algebra` document (Elixir's tuple shapes,
//!   see [`crate::value::inspect_doc`]) laid out within `width` (integer or `:infinity`).
//! - `builtin_to_string(value)` → `String.Chars` for the built-in types (raises
//!   `Protocol.UndefinedError` as Elixir does for the others).

use super::util::*;
use super::Ctx;
use crate::code::loader;
use crate::code::table::{CodeServer, NativeTable};
use crate::error::Trap;
use crate::value::inspect_doc::doc_from_term;
use crate::value::pretty;
use crate::value::{Atom, Term};
use ahash::AHashMap;

/// Cached answers of `impl_for`: `(protocol, type name, fallback)` → implementation module,
/// valid for the code epoch `epoch`.
#[derive(Default)]
pub struct ProtocolCache {
    epoch: u64,
    map: AHashMap<(Atom, Atom, bool), Option<Atom>>,
}

pub fn register(c: &mut CodeServer) {
    c.register_table("retort_protocol", RETORT_PROTOCOL);
}

/// The natives of `retort_protocol`: `(name, arity, function)`.
const RETORT_PROTOCOL: NativeTable = &[
    ("impl_for", 3, |ctx, a| {
        let p = atom(&a[0])?;
        Ok(match impl_for(ctx, p, &a[1], a[2].is_atom(Atom::TRUE)) {
            Some(m) => Term::Atom(m),
            None => Term::NIL_ATOM,
        })
    }),
    ("inspect_user?", 1, |ctx, a| Ok(Term::bool(inspect_user(ctx, &a[0])))),
    ("format", 2, |ctx, a| {
        let width = match &a[1] {
            Term::Int(w) => Some((*w).max(0) as usize),
            _ => None,
        };
        let doc = doc_from_term(&a[0], &Some(ctx.vm.code.known.resolver())).ok_or_else(|| Trap::Raise(crate::error::Exception::argument_error("invalid document")))?;
        Ok(Term::string(&pretty::format(&doc, width)))
    }),
    ("builtin_to_string", 1, |_, a| match crate::value::to_string::to_string(&a[0]) {
        Ok(b) => Ok(Term::binary(b)),
        Err(()) => Err(crate::value::construct::protocol_undefined("String.Chars", &a[0]).into()),
    }),
];

/// The type name Elixir's `impl_for/1` dispatches on: the struct's module, else a built-in
/// type's alias without `Elixir.` (`"Integer"`).
fn type_name(v: &Term) -> Atom {
    if let Term::Map(m) = v {
        if let Some(Term::Atom(s)) = m.get(&Term::Atom(Atom::STRUCT)) {
            return *s;
        }
    }
    Atom::intern(v.protocol_type())
}

/// `Module.concat(protocol, type)`: `Elixir.Size` + `Elixir.User` → `Elixir.Size.User`,
/// `Elixir.Size` + `Integer` → `Elixir.Size.Integer`, `Elixir.Size` + `:foo` → `Elixir.Size.foo`.
fn concat(protocol: Atom, ty: Atom) -> Atom {
    let t = ty.name();
    let t = t.strip_prefix("Elixir.").unwrap_or(t);
    let p = protocol.name();
    if p.starts_with("Elixir.") {
        Atom::intern(&format!("{p}.{t}"))
    } else {
        Atom::intern(&format!("Elixir.{p}.{t}"))
    }
}

/// Whether module `m` is loaded or can be loaded now (autoload, R35).
fn available(ctx: &mut Ctx, m: Atom) -> bool {
    ctx.vm.code.current(m).is_some() || loader::autoload(ctx.vm, m)
}

/// Whether struct module `ty` has `@derive` of `protocol` without options (the compiler
/// records it as the attribute `retort_derive`): its implementation is then `P.Any`.
fn derived(ctx: &mut Ctx, protocol: Atom, ty: Atom) -> bool {
    let Some(inst) = ctx.vm.code.current(ty) else { return false };
    inst.image.attributes.iter().any(|(k, v)| k == "retort_derive" && matches!(v, crate::bytecode::Literal::Atom(a) if a == protocol.name()))
}

/// The implementation of `protocol` for `value` (see the module documentation), cached per
/// code epoch.
pub fn impl_for(ctx: &mut Ctx, protocol: Atom, value: &Term, fallback: bool) -> Option<Atom> {
    let ty = type_name(value);
    let key = (protocol, ty, fallback);
    if ctx.vm.protocols.epoch == ctx.vm.code.epoch {
        if let Some(hit) = ctx.vm.protocols.map.get(&key) {
            return *hit;
        }
    }
    let target = concat(protocol, ty);
    let found = if available(ctx, target) {
        Some(target)
    } else if derived(ctx, protocol, ty) {
        Some(concat(protocol, Atom::intern("Any")))
    } else if fallback {
        let any = concat(protocol, Atom::intern("Any"));
        available(ctx, any).then_some(any)
    } else {
        None
    };
    let epoch = ctx.vm.code.epoch;
    let cache = &mut ctx.vm.protocols;
    if cache.epoch != epoch {
        cache.map.clear();
        cache.epoch = epoch;
    }
    cache.map.insert(key, found);
    found
}

pub use crate::value::inspect_doc::DOC_MARKER;

/// Whether `term` holds (at any depth: list elements and tails, tuple elements, map keys and
/// values) a struct whose `Inspect` implementation is a loaded module, i.e. one that only
/// language code can print. Walks with an explicit stack.
pub fn inspect_user(ctx: &mut Ctx, term: &Term) -> bool {
    let inspect = Atom::intern("Elixir.Inspect");
    let mut stack: Vec<&Term> = vec![term];
    while let Some(t) = stack.pop() {
        match t {
            Term::Cons(_) => {
                let mut cur = t;
                while let Term::Cons(c) = cur {
                    if !is_leaf(&c.head) {
                        stack.push(&c.head);
                    }
                    cur = &c.tail;
                }
                if !is_leaf(cur) {
                    stack.push(cur);
                }
            }
            Term::Tuple(items) => stack.extend(items.iter().filter(|x| !is_leaf(x))),
            Term::Map(m) => {
                if let Some(Term::Atom(s)) = m.get(&Term::Atom(Atom::STRUCT)) {
                    if s.name() != DOC_MARKER && impl_for(ctx, inspect, t, false).is_some() {
                        return true;
                    }
                }
                for (k, v) in m.iter() {
                    if !is_leaf(k) {
                        stack.push(k);
                    }
                    if !is_leaf(v) {
                        stack.push(v);
                    }
                }
            }
            _ => {}
        }
    }
    false
}

fn is_leaf(t: &Term) -> bool {
    !matches!(t, Term::Cons(_) | Term::Tuple(_) | Term::Map(_))
}
