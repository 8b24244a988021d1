//! `Kernel`'s native functions (the auto-imported ones that are leaf operations). The rest of
//! `Kernel` (`then/2`, `struct/2`, `raise/1,2` ...) is written in the language in the stdlib.

use super::erlang;
use super::util::*;
use super::Ctx;
use crate::code::table::{AliasTable, CodeServer};
use crate::interp::ops;
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
    let k = "Elixir.Kernel";
    c.register_native(k, "function_exported?", 3, erlang::function_exported);
    // The operators, for `&Kernel.==/2`, `apply(Kernel, :<, args)` and `:erlang`'s spellings.
    macro_rules! cmp {
        ($($name:expr, $erl:expr => $op:ident);* $(;)?) => {$(
            c.register_native(k, $name, 2, |_, a| Ok(Term::bool(ops::cmp(crate::bytecode::CmpOp::$op, &a[0], &a[1]))));
            c.register_native("erlang", $erl, 2, |_, a| Ok(Term::bool(ops::cmp(crate::bytecode::CmpOp::$op, &a[0], &a[1]))));
        )*};
    }
    cmp! {
        "==", "==" => Eq;
        "!=", "/=" => Ne;
        "===", "=:=" => StrictEq;
        "!==", "=/=" => StrictNe;
        "<", "<" => Lt;
        "<=", "=<" => Le;
        ">", ">" => Gt;
        ">=", ">=" => Ge;
    }
    c.register_native(k, "-", 1, |_, a| Ok(ops::neg(&a[0])?));
    c.register_native("erlang", "-", 1, |_, a| Ok(ops::neg(&a[0])?));
    c.register_native(k, "+", 1, |_, a| if a[0].is_number() { Ok(a[0].clone()) } else { Err(crate::error::Exception::badarith().into()) });
    c.register_native("erlang", "+", 1, |_, a| if a[0].is_number() { Ok(a[0].clone()) } else { Err(crate::error::Exception::badarith().into()) });
    // `elem/2` and `put_elem/3` are `:erlang.element(i + 1, t)` and `:erlang.setelement/3`,
    // and their errors name those calls.
    c.register_native(k, "elem", 2, |_, a| match (&a[0], &a[1]) {
        (Term::Tuple(t), Term::Int(i)) if *i >= 0 && (*i as usize) < t.len() => Ok(t[*i as usize].clone()),
        (t, i) => erlang::element_badarg("element", &[one_based(i), t.clone()], 2),
    });
    c.register_native(k, "put_elem", 3, |_, a| match (&a[0], &a[1]) {
        (Term::Tuple(t), Term::Int(i)) if *i >= 0 && (*i as usize) < t.len() => {
            let mut v = t.to_vec();
            v[*i as usize] = a[2].clone();
            Ok(Term::tuple(v))
        }
        (t, i) => erlang::element_badarg("setelement", &[one_based(i), t.clone(), a[2].clone()], 2),
    });
    c.register_native(k, "max", 2, |_, a| Ok(if ops::cmp(crate::bytecode::CmpOp::Lt, &a[0], &a[1]) { a[1].clone() } else { a[0].clone() }));
    c.register_native(k, "min", 2, |_, a| Ok(if ops::cmp(crate::bytecode::CmpOp::Gt, &a[0], &a[1]) { a[1].clone() } else { a[0].clone() }));
    c.register_native(k, "not", 1, |_, a| match &a[0] {
        Term::Atom(Atom::TRUE) => Ok(Term::FALSE),
        Term::Atom(Atom::FALSE) => Ok(Term::TRUE),
        _ => badarg(),
    });
    c.register_native(k, "is_integer", 1, is!(|t| matches!(t, Term::Int(_) | Term::Big(_))));
    c.register_native(k, "is_float", 1, is!(|t| matches!(t, Term::Float(_))));
    c.register_native(k, "is_number", 1, is!(|t| t.is_number()));
    c.register_native(k, "is_atom", 1, is!(|t| matches!(t, Term::Atom(_))));
    c.register_native(k, "is_boolean", 1, is!(|t| t.is_atom(Atom::TRUE) || t.is_atom(Atom::FALSE)));
    c.register_native(k, "is_nil", 1, is!(|t| t.is_atom(Atom::NIL)));
    c.register_native(k, "is_binary", 1, is!(|t| matches!(t, Term::Binary(_))));
    c.register_native(k, "is_bitstring", 1, is!(|t| matches!(t, Term::Binary(_))));
    c.register_native(k, "is_list", 1, is!(|t| matches!(t, Term::Nil | Term::Cons(_))));
    c.register_native(k, "is_tuple", 1, is!(|t| matches!(t, Term::Tuple(_))));
    c.register_native(k, "is_map", 1, is!(|t| matches!(t, Term::Map(_))));
    c.register_native(k, "is_pid", 1, is!(|t| matches!(t, Term::Pid(_))));
    c.register_native(k, "is_reference", 1, is!(|t| matches!(t, Term::Ref(r) if r & crate::value::term::PORT_BIT == 0)));
    c.register_native(k, "is_port", 1, is!(|t| matches!(t, Term::Ref(r) if r & crate::value::term::PORT_BIT != 0)));
    c.register_native(k, "is_function", 1, is!(|t| matches!(t, Term::Fun(_))));
    c.register_native(k, "is_function", 2, |_, a| match (&a[0], &a[1]) {
        (Term::Fun(f), Term::Int(n)) => Ok(Term::bool(f.arity() as i64 == *n)),
        (_, Term::Int(_)) => Ok(Term::FALSE),
        _ => badarg(),
    });
    c.register_native(k, "is_map_key", 2, |_, a| match &a[0] {
        Term::Map(m) => Ok(Term::bool(m.contains_key(&a[1]))),
        other => Err(crate::error::Exception::tagged(Atom::BADMAP, other.clone()).into()),
    });
    c.register_native(k, "map_get", 2, |_, a| match &a[0] {
        Term::Map(m) => match m.get(&a[1]) {
            Some(v) => Ok(v.clone()),
            None => Err(crate::error::Exception::error(Term::tuple(vec![Term::Atom(Atom::BADKEY), a[1].clone(), a[0].clone()])).into()),
        },
        other => Err(crate::error::Exception::tagged(Atom::BADMAP, other.clone()).into()),
    });
    c.register_native(k, "to_string", 1, |_, a| Ok(ops::to_str(&a[0])?));
    c.register_native(k, "to_charlist", 1, |_, a| {
        let b = match text(&a[0]) {
            Some(b) => b,
            None => crate::value::to_string::to_string(&a[0]).or_else(|_| badarg())?,
        };
        Ok(charlist(&String::from_utf8_lossy(&b)))
    });
    c.register_native(k, "binary_part", 3, |_, a| {
        let b = bytes(&a[0])?;
        let (s, l) = (int(&a[1])?, int(&a[2])?);
        let (s, e) = if l >= 0 { (s, s + l) } else { (s + l, s) };
        if s < 0 || e as usize > b.len() {
            let at = if a[1] < Term::Int(0) || int(&a[1])? as usize > b.len() { 2 } else { 3 };
            return bif_badarg("erlang", "binary_part", a, &[(at, "out of range")]);
        }
        Ok(Term::binary(b[s as usize..e as usize].to_vec()))
    });
    // Elixir inlines these Kernel functions to `:erlang` ones, so `&is_atom/1` is the external
    // fun `&:erlang.is_atom/1`: each `:erlang` spelling the VM lacks runs the Kernel native.
    for (erl, name, arity) in KERNEL_TO_ERLANG {
        let key = (Atom::ERLANG, Atom::intern(erl), *arity);
        if c.natives.get(&key).is_none() {
            if let Some(f) = c.natives.get(&(Atom::intern(k), Atom::intern(name), *arity)).copied() {
                c.register_native("erlang", erl, *arity, f);
            }
        }
    }
}

/// `(:erlang name, Kernel name, arity)` of the Kernel functions Elixir inlines to `:erlang`
/// (`elixir_rewrite.erl`), for those whose names or natives differ.
const KERNEL_TO_ERLANG: &[(&str, &str, u32)] = &[
    ("is_atom", "is_atom", 1),
    ("is_binary", "is_binary", 1),
    ("is_bitstring", "is_bitstring", 1),
    ("is_boolean", "is_boolean", 1),
    ("is_float", "is_float", 1),
    ("is_function", "is_function", 1),
    ("is_function", "is_function", 2),
    ("is_integer", "is_integer", 1),
    ("is_list", "is_list", 1),
    ("is_map", "is_map", 1),
    ("is_number", "is_number", 1),
    ("is_pid", "is_pid", 1),
    ("is_port", "is_port", 1),
    ("is_reference", "is_reference", 1),
    ("is_tuple", "is_tuple", 1),
    ("max", "max", 2),
    ("min", "min", 2),
    ("not", "not", 1),
    ("binary_part", "binary_part", 3),
    ("bit_size", "bit_size", 1),
    ("byte_size", "byte_size", 1),
    ("apply", "apply", 2),
    ("apply", "apply", 3),
    ("exit", "exit", 1),
    ("throw", "throw", 1),
    ("send", "send", 2),
    ("make_ref", "make_ref", 0),
    ("node", "node", 0),
    ("node", "node", 1),
    ("spawn_monitor", "spawn_monitor", 1),
    ("spawn_monitor", "spawn_monitor", 3),
];
