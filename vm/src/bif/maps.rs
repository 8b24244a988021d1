//! Map leaf operations: Erlang's `:maps` and the leaf half of Elixir's `Map` (functions that
//! take a fun are in `stdlib/lib/map.ex`).

use super::util::*;
use super::Ctx;
use crate::code::table::{CodeServer, NativeTable};
use crate::error::{Exception, Trap};
use crate::value::{Atom, MapT, Term};
use std::rc::Rc;

fn badmap<T>(t: &Term) -> Result<T, Trap> {
    Err(Exception::tagged(Atom::BADMAP, t.clone()).into())
}

fn badkey<T>(k: &Term, m: &Term) -> Result<T, Trap> {
    Err(Exception::error(Term::tuple(vec![Term::Atom(Atom::BADKEY), k.clone(), m.clone()])).into())
}

pub fn map(t: &Term) -> Result<&MapT, Trap> {
    match t {
        Term::Map(m) => Ok(m),
        other => badmap(other),
    }
}

fn keys(m: &MapT) -> Term {
    Term::list(m.keys().cloned().collect())
}
fn values(m: &MapT) -> Term {
    Term::list(m.values().cloned().collect())
}
fn to_list(m: &MapT) -> Term {
    Term::list(m.iter().map(|(k, v)| Term::tuple(vec![k.clone(), v.clone()])).collect())
}

/// A map from a list of `{k, v}` pairs (later keys win).
pub fn from_pairs(l: &Term) -> R {
    let mut m = MapT::new();
    let mut cur = l;
    loop {
        match cur {
            Term::Nil => return Ok(Term::map(m)),
            Term::Cons(c) => {
                match &c.head {
                    Term::Tuple(t) if t.len() == 2 => {
                        m.insert(t[0].clone(), t[1].clone());
                    }
                    _ => return badarg(),
                }
                cur = &c.tail;
            }
            _ => return badarg(),
        }
    }
}

fn put(m: &MapT, k: &Term, v: &Term) -> Term {
    let mut m = m.clone();
    m.insert(k.clone(), v.clone());
    Term::map(m)
}

fn remove(m: &MapT, k: &Term) -> Term {
    let mut m = m.clone();
    m.remove(k);
    Term::map(m)
}

/// `Map.put(map, k, v)` on owned arguments (`a[mi]` the map): takes the map out of the
/// argument registers and updates it in place when its `Rc` is unique (after the check, so
/// a `BadMapError` still shows the argument).
fn put_owned(a: &mut [Term], mi: usize, ki: usize, vi: usize) -> R {
    map(&a[mi])?;
    let Term::Map(mut rc) = std::mem::take(&mut a[mi]) else { return badarg() };
    MapT::put(&mut rc, std::mem::take(&mut a[ki]), std::mem::take(&mut a[vi]));
    Ok(Term::Map(rc))
}

/// `:retort_struct.register_fields(module, [field])`: records the field order `inspect`
/// prints a struct of `module` in (as the loader does for a literal `defstruct`); called by
/// the `__struct__/0` of a struct whose field list is computed (`defstruct Enum.map(...)`).
/// Returns `:ok`; `badarg` unless given an atom and a proper list of atoms.
fn register_struct_fields(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let module = atom(&a[0])?;
    let fields = list(&a[1])?.iter().map(atom).collect::<Result<Vec<_>, _>>()?;
    ctx.vm.code.known.register_struct_fields(module, fields);
    Ok(Term::atom("ok"))
}

/// `MapSet.put(set, x)` for `set = %MapSet{map: m}` (Elixir's layout, element => `[]`), on
/// owned arguments: when the struct and its inner map are each referenced once (a set threaded
/// through a reduce), the inner map is moved out, updated in place and moved back, where the
/// language's `%{set | map: Map.put(map, x, [])}` always copies it (the struct still holds it).
/// Shared ones are copied as `Map.put` copies. `{:badmap, v}` when `:map` holds a non-map `v`
/// (as `Map.put` raises), `badarg` when `set` is not a map with a `:map` key.
fn mapset_put(a: &mut [Term]) -> R {
    static MAP_KEY: std::sync::OnceLock<Atom> = std::sync::OnceLock::new();
    let key = Term::Atom(*MAP_KEY.get_or_init(|| Atom::intern("map")));
    match map(&a[0])?.get(&key) {
        Some(Term::Map(_)) => {}
        Some(other) => return Err(Exception::error(Term::tuple(vec![Term::atom("badmap"), other.clone()])).into()),
        None => return badarg(),
    }
    let Term::Map(mut set) = std::mem::take(&mut a[0]) else { return badarg() };
    let fields = Rc::make_mut(&mut set);
    let Ok(Term::Map(mut inner)) = fields.update(&key, Term::Nil) else { return badarg() };
    MapT::put(&mut inner, std::mem::take(&mut a[1]), Term::Nil);
    let _ = fields.update(&key, Term::Map(inner));
    Ok(Term::Map(set))
}

/// `:maps.remove(k, map)` / `Map.delete(map, k)` on owned arguments; in place when unique.
fn remove_owned(a: &mut [Term], mi: usize, ki: usize) -> R {
    map(&a[mi])?;
    let Term::Map(mut rc) = std::mem::take(&mut a[mi]) else { return badarg() };
    MapT::delete(&mut rc, &a[ki]);
    Ok(Term::Map(rc))
}

/// `:maps.update(k, v, map)` / `Map.replace!`: the key must exist (`{:badkey, k}` else).
fn update_owned(a: &mut [Term], mi: usize, ki: usize, vi: usize) -> R {
    if !map(&a[mi])?.contains_key(&a[ki]) {
        return badkey(&a[ki], &a[mi]);
    }
    let Term::Map(mut rc) = std::mem::take(&mut a[mi]) else { return badarg() };
    let v = std::mem::take(&mut a[vi]);
    let _ = Rc::make_mut(&mut rc).update(&a[ki], v);
    Ok(Term::Map(rc))
}

/// `:maps.merge(a, b)` on owned arguments: the larger map is updated in place when unique
/// (keys of `b` win either way).
fn merge_owned(a: &mut [Term]) -> R {
    map(&a[0])?;
    map(&a[1])?;
    let (Term::Map(mut x), Term::Map(mut y)) = (std::mem::take(&mut a[0]), std::mem::take(&mut a[1])) else { return badarg() };
    if y.len() > x.len() {
        // Insert a's entries that b lacks into b.
        let ym = Rc::make_mut(&mut y);
        for (k, v) in x.iter() {
            if !ym.contains_key(k) {
                ym.insert(k.clone(), v.clone());
            }
        }
        return Ok(Term::Map(y));
    }
    if !y.is_empty() {
        let xm = Rc::make_mut(&mut x);
        for (k, v) in y.iter() {
            xm.insert(k.clone(), v.clone());
        }
    }
    Ok(Term::Map(x))
}

fn take_keys(m: &MapT, ks: &Term) -> R {
    let mut out = MapT::new();
    for k in list(ks)? {
        if let Some(v) = m.get(&k) {
            out.insert(k, v.clone());
        }
    }
    Ok(Term::map(out))
}

fn drop_keys(m: &MapT, ks: &Term) -> R {
    let mut out = m.clone();
    for k in list(ks)? {
        out.remove(&k);
    }
    Ok(Term::map(out))
}

pub fn register(c: &mut CodeServer) {
    c.register_table("maps", MAPS);
    c.register_table("retort_mapset", RETORT_MAPSET);
    c.register_table("retort_struct", RETORT_STRUCT);
    c.register_table("Elixir.Map", MAP);
    register_guards(c);
}

/// The natives of `maps`: `(name, arity, function)`.
const MAPS: NativeTable = &[
    ("get", 2, |_, a| {
        let m = map(&a[1])?;
        match m.get(&a[0]) {
            Some(v) => Ok(v.clone()),
            None => badkey(&a[0], &a[1]),
        }
    }),
    ("get", 3, |_, a| Ok(map(&a[1])?.get(&a[0]).cloned().unwrap_or_else(|| a[2].clone()))),
    ("find", 2, |_, a| Ok(map(&a[1])?.get(&a[0]).map(|v| ok(v.clone())).unwrap_or(Term::atom("error")))),
    ("put", 3, |_, a| put_owned(a, 2, 0, 1)),
    ("remove", 2, |_, a| remove_owned(a, 1, 0)),
    ("update", 3, |_, a| update_owned(a, 2, 0, 1)),
    ("take", 2, |_, a| {
        let m = map(&a[1])?;
        match m.get(&a[0]) {
            Some(v) => Ok(Term::tuple(vec![v.clone(), remove(m, &a[0])])),
            None => Ok(Term::atom("error")),
        }
    }),
    ("keys", 1, |_, a| Ok(keys(map(&a[0])?))),
    ("values", 1, |_, a| Ok(values(map(&a[0])?))),
    ("to_list", 1, |_, a| Ok(to_list(map(&a[0])?))),
    ("from_list", 1, |_, a| from_pairs(&a[0])),
    ("from_keys", 2, |_, a| {
        let mut m = MapT::new();
        for k in list(&a[0])? {
            m.insert(k, a[1].clone());
        }
        Ok(Term::map(m))
    }),
    ("is_key", 2, |_, a| Ok(Term::bool(map(&a[1])?.contains_key(&a[0])))),
    ("merge", 2, |_, a| merge_owned(a)),
    ("size", 1, |_, a| Ok(Term::Int(map(&a[0])?.len() as i64))),
    ("new", 0, |_, _| Ok(Term::map(MapT::new()))),
    ("with", 2, |_, a| take_keys(map(&a[1])?, &a[0])),
    ("without", 2, |_, a| drop_keys(map(&a[1])?, &a[0])),
];

/// The natives of `retort_mapset`: `(name, arity, function)`.
const RETORT_MAPSET: NativeTable = &[
    ("put", 2, |_, a| mapset_put(a)),
];

/// The natives of `retort_struct`: `(name, arity, function)`.
const RETORT_STRUCT: NativeTable = &[
    ("register_fields", 2, register_struct_fields),
];

/// The natives of `Elixir.Map`: `(name, arity, function)`.
const MAP: NativeTable = &[
    ("get", 2, |_, a| Ok(map(&a[0])?.get(&a[1]).cloned().unwrap_or(Term::NIL_ATOM))),
    ("get", 3, |_, a| Ok(map(&a[0])?.get(&a[1]).cloned().unwrap_or_else(|| a[2].clone()))),
    ("fetch", 2, |_, a| Ok(map(&a[0])?.get(&a[1]).map(|v| ok(v.clone())).unwrap_or(Term::atom("error")))),
    ("fetch!", 2, |_, a| match map(&a[0])?.get(&a[1]) {
        Some(v) => Ok(v.clone()),
        None => badkey(&a[1], &a[0]),
    }),
    ("put", 3, |_, a| put_owned(a, 0, 1, 2)),
    ("put_new", 3, |_, a| {
        let mm = map(&a[0])?;
        Ok(if mm.contains_key(&a[1]) { a[0].clone() } else { put(mm, &a[1], &a[2]) })
    }),
    ("replace", 3, |_, a| {
        let mm = map(&a[0])?;
        Ok(if mm.contains_key(&a[1]) { put(mm, &a[1], &a[2]) } else { a[0].clone() })
    }),
    ("replace!", 3, |_, a| update_owned(a, 0, 1, 2)),
    ("delete", 2, |_, a| remove_owned(a, 0, 1)),
    ("has_key?", 2, |_, a| Ok(Term::bool(map(&a[0])?.contains_key(&a[1])))),
    ("keys", 1, |_, a| Ok(keys(map(&a[0])?))),
    ("values", 1, |_, a| Ok(values(map(&a[0])?))),
    ("to_list", 1, |_, a| Ok(to_list(map(&a[0])?))),
    ("new", 0, |_, _| Ok(Term::map(MapT::new()))),
    ("merge", 2, |_, a| merge_owned(a)),
    ("take", 2, |_, a| take_keys(map(&a[0])?, &a[1])),
    ("drop", 2, |_, a| drop_keys(map(&a[0])?, &a[1])),
    ("split", 2, |_, a| {
        let mm = map(&a[0])?;
        let taken = take_keys(mm, &a[1])?;
        let rest = drop_keys(mm, &a[1])?;
        Ok(Term::tuple(vec![taken, rest]))
    }),
    ("pop", 2, |_, a| pop(&a[0], &a[1], Term::NIL_ATOM)),
    ("pop", 3, |_, a| pop(&a[0], &a[1], a[2].clone())),
    ("pop!", 2, |_, a| {
        let mm = map(&a[0])?;
        match mm.get(&a[1]) {
            Some(v) => Ok(Term::tuple(vec![v.clone(), remove(mm, &a[1])])),
            None => badkey(&a[1], &a[0]),
        }
    }),
    ("from_struct", 1, |_, a| match &a[0] {
        Term::Atom(_) => badarg(),
        t => {
            let mut mm = map(t)?.clone();
            mm.remove(&Term::Atom(Atom::STRUCT));
            Ok(Term::map(mm))
        }
    }),
    ("equal?", 2, |_, a| {
        map(&a[0])?;
        map(&a[1])?;
        Ok(Term::bool(a[0] == a[1]))
    }),
];

fn pop(m: &Term, k: &Term, default: Term) -> R {
    let mm = map(m)?;
    match mm.get(k) {
        Some(v) => Ok(Term::tuple(vec![v.clone(), remove(mm, k)])),
        None => Ok(Term::tuple(vec![default, m.clone()])),
    }
}

fn struct_name(t: &Term) -> Option<Atom> {
    match t {
        Term::Map(m) => match m.get(&Term::Atom(Atom::STRUCT)) {
            Some(Term::Atom(a)) => Some(*a),
            _ => None,
        },
        _ => None,
    }
}

/// Guard-safe `is_struct/1,2` and `is_exception/1,2`.
pub fn register_guards(c: &mut CodeServer) {
    c.register_table("Elixir.Kernel", KERNEL_GUARDS);
    c.register_table("erlang", ERLANG_GUARDS);
}

/// The natives of `Elixir.Kernel`: `(name, arity, function)`.
const KERNEL_GUARDS: NativeTable = &[
    ("is_struct", 1, |_, a| Ok(Term::bool(struct_name(&a[0]).is_some()))),
    ("is_struct", 2, |_, a| Ok(Term::bool(struct_name(&a[0]).map(|n| a[1].is_atom(n)).unwrap_or(false)))),
    ("is_exception", 1, |_, a| Ok(Term::bool(crate::value::exception::is_exception(&a[0])))),
    ("is_exception", 2, |_, a| {
        Ok(Term::bool(crate::value::exception::is_exception(&a[0]) && struct_name(&a[0]).map(|n| a[1].is_atom(n)).unwrap_or(false)))
    }),
    ("binary_to_existing_atom", 1, |_, a| match Atom::existing(&string(&a[0])?) {
        Some(x) => Ok(Term::Atom(x)),
        None => badarg(),
    }),
    ("list_to_existing_atom", 1, |_, a| {
        let b = text(&a[0]).ok_or(()).or_else(|_| badarg())?;
        match Atom::existing(&String::from_utf8_lossy(&b)) {
            Some(x) => Ok(Term::Atom(x)),
            None => badarg(),
        }
    }),
    ("bit_size", 1, |_, a| Ok(Term::Int(bytes(&a[0])?.len() as i64 * 8))),
    // Elixir 1.14: true if the module is loaded and defines the public macro (its
    // `MACRO-name/arity+1` function; `defmacrop`'s is not exported).
    ("macro_exported?", 3, |ctx, a| {
        let m = atom(&a[0])?;
        let f = atom(&a[1])?;
        let n = int(&a[2])?;
        if ctx.vm.code.current(m).is_none() || !(0..255).contains(&n) {
            return Ok(Term::FALSE);
        }
        let mf = Atom::intern(&format!("MACRO-{}", f.name()));
        Ok(Term::bool(ctx.vm.code.resolve(m, mf, n as u32 + 1).is_some()))
    }),
];

/// The natives of `erlang`: `(name, arity, function)`.
const ERLANG_GUARDS: NativeTable = &[
    ("bit_size", 1, |_, a| Ok(Term::Int(bytes(&a[0])?.len() as i64 * 8))),
];

#[allow(dead_code)]
fn _unused(_: &mut Ctx) {}

#[cfg(test)]
mod mapset_tests {
    use super::*;

    fn set_of(xs: &[i64]) -> Term {
        let inner: MapT = xs.iter().map(|&x| (Term::Int(x), Term::Nil)).collect();
        let mut fields = MapT::new();
        fields.insert(Term::atom("__struct__"), Term::atom("Elixir.MapSet"));
        fields.insert(Term::atom("map"), Term::map(inner));
        Term::map(fields)
    }

    fn inner_ptr(set: &Term) -> *const MapT {
        match set {
            Term::Map(m) => match m.get(&Term::atom("map")) {
                Some(Term::Map(i)) => Rc::as_ptr(i),
                _ => std::ptr::null(),
            },
            _ => std::ptr::null(),
        }
    }

    #[test]
    fn put_updates_a_unique_set_in_place_and_copies_a_shared_one() {
        let set = set_of(&[1, 2]);
        let before = inner_ptr(&set);
        let mut a = [set, Term::Int(3)];
        let r = mapset_put(&mut a).unwrap();
        assert_eq!(r, set_of(&[1, 2, 3]));
        assert_eq!(inner_ptr(&r), before, "unique: the inner map is reused");

        let shared = set_of(&[1, 2]);
        let mut a = [shared.clone(), Term::Int(3)];
        let r = mapset_put(&mut a).unwrap();
        assert_eq!(r, set_of(&[1, 2, 3]));
        assert_eq!(shared, set_of(&[1, 2]), "the shared original is unchanged");
    }

    #[test]
    fn put_on_a_malformed_set_raises() {
        let mut fields = MapT::new();
        fields.insert(Term::atom("map"), Term::Int(5));
        assert!(mapset_put(&mut [Term::map(fields), Term::Int(1)]).is_err());
        assert!(mapset_put(&mut [Term::Int(1), Term::Int(1)]).is_err());
    }
}
