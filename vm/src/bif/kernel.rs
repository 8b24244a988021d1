//! `Kernel`'s native functions (the auto-imported ones that are leaf operations). The rest of
//! `Kernel` (`then/2`, `struct/2`, `raise/1,2` ...) is written in the language in the stdlib.

use super::erlang;
use super::util::*;
use super::Ctx;
use crate::code::table::{AliasTable, CodeServer, NativeTable};
use crate::value::arith::neg;
use crate::value::comparison::{cmp, CmpOp};
use crate::value::construct::to_str;
use crate::value::{Atom, Term};

macro_rules! is {
    (|$t:ident| $e:expr) => {
        |_: &mut Ctx, a: &mut [Term]| -> R {
            let $t = &a[0];
            Ok(Term::bool($e))
        }
    };
}

/// A zero-based index as `:erlang.element/2` takes it.
fn one_based(i: &Term) -> Term {
    match i {
        Term::Int(i) => Term::Int(i + 1),
        other => other.clone(),
    }
}

/// `Kernel` functions that are the `:erlang` natives of the same name (`Kernel.hd/1` is
/// `:erlang.hd/1`), registered after every table (`bif::register_all`).
pub const ALIASES: AliasTable = &[
    // Elixir inlines these Kernel functions to `:erlang` ones (`elixir_rewrite.erl`), so
    // `&is_atom/1` is the external fun `&:erlang.is_atom/1`: the `:erlang` spellings that have
    // no native of their own run the Kernel native.
    ("erlang", "is_binary", 1, "Elixir.Kernel"),
    ("erlang", "is_bitstring", 1, "Elixir.Kernel"),
    ("erlang", "is_boolean", 1, "Elixir.Kernel"),
    ("erlang", "is_float", 1, "Elixir.Kernel"),
    ("erlang", "is_function", 1, "Elixir.Kernel"),
    ("erlang", "is_function", 2, "Elixir.Kernel"),
    ("erlang", "is_integer", 1, "Elixir.Kernel"),
    ("erlang", "is_list", 1, "Elixir.Kernel"),
    ("erlang", "is_map", 1, "Elixir.Kernel"),
    ("erlang", "is_number", 1, "Elixir.Kernel"),
    ("erlang", "is_pid", 1, "Elixir.Kernel"),
    ("erlang", "is_port", 1, "Elixir.Kernel"),
    ("erlang", "is_reference", 1, "Elixir.Kernel"),
    ("erlang", "is_tuple", 1, "Elixir.Kernel"),
    ("erlang", "max", 2, "Elixir.Kernel"),
    ("erlang", "min", 2, "Elixir.Kernel"),
    ("erlang", "not", 1, "Elixir.Kernel"),
    ("erlang", "binary_part", 3, "Elixir.Kernel"),
    // Kernel's conversion functions are :erlang's.
    ("Elixir.Kernel", "atom_to_binary", 1, "erlang"),
    ("Elixir.Kernel", "binary_to_atom", 1, "erlang"),
    ("Elixir.Kernel", "binary_to_atom", 2, "erlang"),
    ("Elixir.Kernel", "binary_to_existing_atom", 2, "erlang"),
    ("Elixir.Kernel", "binary_to_integer", 1, "erlang"),
    ("Elixir.Kernel", "binary_to_integer", 2, "erlang"),
    ("Elixir.Kernel", "binary_to_list", 1, "erlang"),
    ("Elixir.Kernel", "integer_to_binary", 1, "erlang"),
    ("Elixir.Kernel", "integer_to_binary", 2, "erlang"),
    ("Elixir.Kernel", "integer_to_list", 1, "erlang"),
    ("Elixir.Kernel", "iolist_to_binary", 1, "erlang"),
    ("Elixir.Kernel", "list_to_atom", 1, "erlang"),
    ("Elixir.Kernel", "list_to_binary", 1, "erlang"),
    ("Elixir.Kernel", "list_to_integer", 1, "erlang"),
    ("Elixir.Kernel", "list_to_tuple", 1, "erlang"),
    ("Elixir.Kernel", "tuple_to_list", 1, "erlang"),
    ("Elixir.Kernel", "float", 1, "erlang"),
    ("Elixir.Kernel", "tuple_size", 1, "erlang"),
    ("Elixir.Kernel", "map_size", 1, "erlang"),
    ("Elixir.Kernel", "length", 1, "erlang"),
    ("Elixir.Kernel", "hd", 1, "erlang"),
    ("Elixir.Kernel", "tl", 1, "erlang"),
    ("Elixir.Kernel", "abs", 1, "erlang"),
    ("Elixir.Kernel", "round", 1, "erlang"),
    ("Elixir.Kernel", "trunc", 1, "erlang"),
    ("Elixir.Kernel", "floor", 1, "erlang"),
    ("Elixir.Kernel", "ceil", 1, "erlang"),
    ("Elixir.Kernel", "div", 2, "erlang"),
    ("Elixir.Kernel", "rem", 2, "erlang"),
    ("Elixir.Kernel", "self", 0, "erlang"),
    ("Elixir.Kernel", "spawn", 1, "erlang"),
    ("Elixir.Kernel", "spawn", 3, "erlang"),
    ("Elixir.Kernel", "spawn_link", 1, "erlang"),
    ("Elixir.Kernel", "spawn_link", 3, "erlang"),
    ("Elixir.Kernel", "spawn_monitor", 1, "erlang"),
    ("Elixir.Kernel", "spawn_monitor", 3, "erlang"),
    ("Elixir.Kernel", "send", 2, "erlang"),
    ("Elixir.Kernel", "make_ref", 0, "erlang"),
    ("Elixir.Kernel", "node", 0, "erlang"),
    ("Elixir.Kernel", "node", 1, "erlang"),
    ("Elixir.Kernel", "apply", 2, "erlang"),
    ("Elixir.Kernel", "apply", 3, "erlang"),
    ("Elixir.Kernel", "exit", 1, "erlang"),
    ("Elixir.Kernel", "throw", 1, "erlang"),
    ("Elixir.Kernel", "byte_size", 1, "erlang"),
    ("Elixir.Kernel", "++", 2, "erlang"),
    ("Elixir.Kernel", "--", 2, "erlang"),
    ("Elixir.Kernel", "+", 2, "erlang"),
    ("Elixir.Kernel", "-", 2, "erlang"),
    ("Elixir.Kernel", "*", 2, "erlang"),
    ("Elixir.Kernel", "/", 2, "erlang"),
];

pub fn register(c: &mut CodeServer) {
    c.register_table("Elixir.Kernel", KERNEL);
    c.register_table("erlang", ERLANG);
}

/// The natives of `Elixir.Kernel`: `(name, arity, function)`.
const KERNEL: NativeTable = &[
    ("function_exported?", 3, erlang::function_exported),
    // The operators, for `&Kernel.==/2`, `apply(Kernel, :<, args)` and `:erlang`'s spellings.
    ("==", 2, |_, a| Ok(Term::bool(cmp(CmpOp::Eq, &a[0], &a[1])))),
    ("!=", 2, |_, a| Ok(Term::bool(cmp(CmpOp::Ne, &a[0], &a[1])))),
    ("===", 2, |_, a| Ok(Term::bool(cmp(CmpOp::StrictEq, &a[0], &a[1])))),
    ("!==", 2, |_, a| Ok(Term::bool(cmp(CmpOp::StrictNe, &a[0], &a[1])))),
    ("<", 2, |_, a| Ok(Term::bool(cmp(CmpOp::Lt, &a[0], &a[1])))),
    ("<=", 2, |_, a| Ok(Term::bool(cmp(CmpOp::Le, &a[0], &a[1])))),
    (">", 2, |_, a| Ok(Term::bool(cmp(CmpOp::Gt, &a[0], &a[1])))),
    (">=", 2, |_, a| Ok(Term::bool(cmp(CmpOp::Ge, &a[0], &a[1])))),
    ("-", 1, |_, a| Ok(neg(&a[0])?)),
    ("+", 1, |_, a| if a[0].is_number() { Ok(a[0].clone()) } else { Err(crate::error::Exception::badarith().into()) }),
    // `elem/2` and `put_elem/3` are `:erlang.element(i + 1, t)` and `:erlang.setelement/3`,
    // and their errors name those calls.
    ("elem", 2, |_, a| match (&a[0], &a[1]) {
        (Term::Tuple(t), Term::Int(i)) if *i >= 0 && (*i as usize) < t.len() => Ok(t[*i as usize].clone()),
        (t, i) => erlang::element_badarg("element", &[one_based(i), t.clone()], 2),
    }),
    ("put_elem", 3, |_, a| match (&a[0], &a[1]) {
        (Term::Tuple(t), Term::Int(i)) if *i >= 0 && (*i as usize) < t.len() => {
            let mut v = t.to_vec();
            v[*i as usize] = a[2].clone();
            Ok(Term::tuple(v))
        }
        (t, i) => erlang::element_badarg("setelement", &[one_based(i), t.clone(), a[2].clone()], 2),
    }),
    ("max", 2, |_, a| Ok(if cmp(CmpOp::Lt, &a[0], &a[1]) { a[1].clone() } else { a[0].clone() })),
    ("min", 2, |_, a| Ok(if cmp(CmpOp::Gt, &a[0], &a[1]) { a[1].clone() } else { a[0].clone() })),
    ("not", 1, |_, a| match &a[0] {
        Term::Atom(Atom::TRUE) => Ok(Term::FALSE),
        Term::Atom(Atom::FALSE) => Ok(Term::TRUE),
        _ => badarg(),
    }),
    ("is_integer", 1, is!(|t| matches!(t, Term::Int(_) | Term::Big(_)))),
    ("is_float", 1, is!(|t| matches!(t, Term::Float(_)))),
    ("is_number", 1, is!(|t| t.is_number())),
    ("is_atom", 1, is!(|t| matches!(t, Term::Atom(_)))),
    ("is_boolean", 1, is!(|t| t.is_atom(Atom::TRUE) || t.is_atom(Atom::FALSE))),
    ("is_nil", 1, is!(|t| t.is_atom(Atom::NIL))),
    ("is_binary", 1, is!(|t| matches!(t, Term::Binary(_)))),
    ("is_bitstring", 1, is!(|t| matches!(t, Term::Binary(_)))),
    ("is_list", 1, is!(|t| matches!(t, Term::Nil | Term::Cons(_)))),
    ("is_tuple", 1, is!(|t| matches!(t, Term::Tuple(_)))),
    ("is_map", 1, is!(|t| matches!(t, Term::Map(_)))),
    ("is_pid", 1, is!(|t| matches!(t, Term::Pid(_)))),
    ("is_reference", 1, is!(|t| matches!(t, Term::Ref(r) if r & crate::value::term::PORT_BIT == 0))),
    ("is_port", 1, is!(|t| matches!(t, Term::Ref(r) if r & crate::value::term::PORT_BIT != 0))),
    ("is_function", 1, is!(|t| matches!(t, Term::Fun(_)))),
    ("is_function", 2, |_, a| match (&a[0], &a[1]) {
        (Term::Fun(f), Term::Int(n)) => Ok(Term::bool(f.arity() as i64 == *n)),
        (_, Term::Int(_)) => Ok(Term::FALSE),
        _ => badarg(),
    }),
    ("is_map_key", 2, |_, a| match &a[0] {
        Term::Map(m) => Ok(Term::bool(m.contains_key(&a[1]))),
        other => Err(crate::error::Exception::tagged(Atom::BADMAP, other.clone()).into()),
    }),
    ("map_get", 2, |_, a| match &a[0] {
        Term::Map(m) => match m.get(&a[1]) {
            Some(v) => Ok(v.clone()),
            None => Err(crate::error::Exception::error(Term::tuple(vec![Term::Atom(Atom::BADKEY), a[1].clone(), a[0].clone()])).into()),
        },
        other => Err(crate::error::Exception::tagged(Atom::BADMAP, other.clone()).into()),
    }),
    ("to_string", 1, |_, a| Ok(to_str(&a[0])?)),
    ("to_charlist", 1, |_, a| {
        let b = match text(&a[0]) {
            Some(b) => b,
            None => crate::value::to_string::to_string(&a[0]).or_else(|_| badarg())?,
        };
        Ok(charlist(&String::from_utf8_lossy(&b)))
    }),
    ("binary_part", 3, |_, a| {
        let b = bytes(&a[0])?;
        let (s, l) = (int(&a[1])?, int(&a[2])?);
        let (s, e) = if l >= 0 { (s, s + l) } else { (s + l, s) };
        if s < 0 || e as usize > b.len() {
            let at = if a[1] < Term::Int(0) || int(&a[1])? as usize > b.len() { 2 } else { 3 };
            return bif_badarg("erlang", "binary_part", a, &[(at, "out of range")]);
        }
        Ok(Term::binary(b[s as usize..e as usize].to_vec()))
    }),
];

/// The natives of `erlang`: `(name, arity, function)`.
const ERLANG: NativeTable = &[
    ("==", 2, |_, a| Ok(Term::bool(cmp(CmpOp::Eq, &a[0], &a[1])))),
    ("/=", 2, |_, a| Ok(Term::bool(cmp(CmpOp::Ne, &a[0], &a[1])))),
    ("=:=", 2, |_, a| Ok(Term::bool(cmp(CmpOp::StrictEq, &a[0], &a[1])))),
    ("=/=", 2, |_, a| Ok(Term::bool(cmp(CmpOp::StrictNe, &a[0], &a[1])))),
    ("<", 2, |_, a| Ok(Term::bool(cmp(CmpOp::Lt, &a[0], &a[1])))),
    ("=<", 2, |_, a| Ok(Term::bool(cmp(CmpOp::Le, &a[0], &a[1])))),
    (">", 2, |_, a| Ok(Term::bool(cmp(CmpOp::Gt, &a[0], &a[1])))),
    (">=", 2, |_, a| Ok(Term::bool(cmp(CmpOp::Ge, &a[0], &a[1])))),
    ("-", 1, |_, a| Ok(neg(&a[0])?)),
    ("+", 1, |_, a| if a[0].is_number() { Ok(a[0].clone()) } else { Err(crate::error::Exception::badarith().into()) }),
];

