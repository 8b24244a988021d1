//! The natives of `:ets` (OTP 25's `ets` module): tables of tuples kept in the VM
//! (`ets_table.rs`), owned by the process that created them and deleted when it ends. The
//! functions that take a fun or a match pattern (`foldl/3`, `match_object/2`, `select/2`) are
//! written in the language in `stdlib/lib/ets.ex` over these.
//!
//! Errors are `:badarg` with OTP 25's extended error info, so Elixir prints them as
//! `errors were found at the given arguments: ... the table identifier does not refer to an
//! existing ETS table`, as on the BEAM.

use super::ets_table::{Access, Kind, Table};
use super::util::*;
use super::Ctx;
use crate::code::table::{CodeServer, NativeTable};
use crate::error::Trap;
use crate::value::arith::{arith, ArithOp};
use crate::value::{Atom, Term};

const NO_TABLE: &str = "the table identifier does not refer to an existing ETS table";
const NO_ACCESS: &str = "the table identifier refers to an ETS table with insufficient access rights";
const NO_KEY: &str = "not a key that exists in the table";
const BAD_TYPE: &str = "the table identifier refers to an ETS table of a type not supported by this operation";

/// Registers the natives of `ets`.
pub fn register(c: &mut CodeServer) {
    c.register_table("ets", ETS);
}

/// What an operation needs of the table: nothing (`info/2`), to read it, or to write it.
#[derive(Clone, Copy, PartialEq)]
enum Need {
    Read,
    Write,
}

/// The table `a[0]` names, checked for `need` against the running process:
/// `badarg` as `:ets.f(a)` raises it when it does not exist or may not be used so.
fn table<'a>(ctx: &'a mut Ctx, f: &str, a: &[Term], need: Need) -> Result<&'a mut Table, Trap> {
    let me = ctx.p.pid;
    let tables = &mut ctx.vm.bif.ets;
    let Some(id) = tables.resolve(&a[0]) else { return bif_badarg("ets", f, a, &[(1, NO_TABLE)]) };
    let Some(t) = tables.get_mut(id) else { return bif_badarg("ets", f, a, &[(1, NO_TABLE)]) };
    let allowed = t.owner == me
        || match (t.access, need) {
            (Access::Public, _) => true,
            (Access::Protected, Need::Read) => true,
            _ => false,
        };
    if !allowed {
        return bif_badarg("ets", f, a, &[(1, NO_ACCESS)]);
    }
    Ok(t)
}

fn end_of_table() -> Term {
    Term::atom("$end_of_table")
}

/// `ets:new(name, options)`.
fn new(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let Some(name) = a[0].as_atom() else { return bif_badarg("ets", "new", a, &[(1, "not an atom")]) };
    let Some(opts) = a[1].list_to_vec() else { return bif_badarg("ets", "new", a, &[(2, "not a list")]) };
    let (mut kind, mut access, mut named, mut keypos) = (Kind::Set, Access::Protected, false, 1usize);
    for o in &opts {
        let ok = match o {
            Term::Atom(x) => match x.name() {
                "set" => { kind = Kind::Set; true }
                "ordered_set" => { kind = Kind::OrderedSet; true }
                "bag" => { kind = Kind::Bag; true }
                "duplicate_bag" => { kind = Kind::DuplicateBag; true }
                "public" => { access = Access::Public; true }
                "protected" => { access = Access::Protected; true }
                "private" => { access = Access::Private; true }
                "named_table" => { named = true; true }
                "compressed" => true,
                _ => false,
            },
            Term::Tuple(t) if t.len() == 2 => match (t[0].as_atom().map(|x| x.name()), &t[1]) {
                (Some(n), Term::Int(k)) if n == "keypos" && *k >= 1 => {
                    keypos = *k as usize;
                    true
                }
                (Some(n), v) if matches!(n, "read_concurrency" | "write_concurrency" | "decentralized_counters") => {
                    v.is_atom(Atom::TRUE) || v.is_atom(Atom::FALSE) || (n == "write_concurrency" && v.is_atom(Atom::intern("auto")))
                }
                (Some(n), Term::Atom(h)) if n == "heir" && *h == Atom::intern("none") => true,
                _ => false,
            },
            _ => false,
        };
        if !ok {
            return bif_badarg("ets", "new", a, &[(2, "invalid options")]);
        }
    }
    if named && ctx.vm.bif.ets.name_taken(name) {
        return bif_badarg("ets", "new", a, &[(1, "table name already exists")]);
    }
    let id = ctx.vm.make_ref();
    let t = Table::new(id, name, named, kind, access, keypos, ctx.p.pid);
    let tid = t.tid();
    ctx.vm.bif.ets.add(t);
    Ok(tid)
}

/// The objects `arg` holds for `insert/2`: a tuple or a proper list of tuples, each with at
/// least `keypos` elements.
fn objects_arg(f: &str, a: &[Term], keypos: usize) -> Result<Vec<Term>, Trap> {
    let fits = |o: &Term| matches!(o, Term::Tuple(t) if t.len() >= keypos);
    match &a[1] {
        Term::Tuple(t) if t.len() == 0 => bif_badarg("ets", f, a, &[(2, "is an empty tuple")]),
        o @ Term::Tuple(_) if fits(o) => Ok(vec![o.clone()]),
        Term::Tuple(_) => badarg(),
        l @ (Term::Cons(_) | Term::Nil) => match l.list_to_vec() {
            Some(v) if v.iter().all(fits) => Ok(v),
            _ => bif_badarg("ets", f, a, &[(2, "not a non-empty tuple or a list of non-empty tuples")]),
        },
        _ => bif_badarg("ets", f, a, &[(2, "not a tuple")]),
    }
}

/// `ets:insert(tab, object | [object])`.
fn insert(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let t = table(ctx, "insert", a, Need::Write)?;
    let objs = objects_arg("insert", a, t.keypos)?;
    let n = objs.len();
    for o in objs {
        t.insert(o);
    }
    ctx.charge(n);
    Ok(Term::bool(true))
}

/// `ets:insert_new(tab, object | [object])`: inserts nothing and answers `false` when a key is
/// already there.
fn insert_new(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let t = table(ctx, "insert_new", a, Need::Write)?;
    let objs = objects_arg("insert_new", a, t.keypos)?;
    if objs.iter().any(|o| t.member(&t.key_of(o))) {
        return Ok(Term::bool(false));
    }
    for o in objs {
        t.insert(o);
    }
    Ok(Term::bool(true))
}

/// `ets:lookup(tab, key)`: the objects with that key.
fn lookup(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let t = table(ctx, "lookup", a, Need::Read)?;
    Ok(Term::list(t.lookup(&a[1]).to_vec()))
}

/// The 1-based position `a[i]`, or `None` when it is not a positive integer.
fn position(t: &Term) -> Option<usize> {
    match t {
        Term::Int(p) if *p >= 1 => usize::try_from(*p).ok(),
        _ => None,
    }
}

/// `ets:lookup_element(tab, key, pos)`: the element at `pos` of the object (a list of them
/// for a bag).
fn lookup_element(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let t = table(ctx, "lookup_element", a, Need::Read)?;
    let Some(pos) = position(&a[2]) else { return bif_badarg("ets", "lookup_element", a, &[(3, "out of range")]) };
    let objs = t.lookup(&a[1]);
    if objs.is_empty() {
        return bif_badarg("ets", "lookup_element", a, &[(2, NO_KEY)]);
    }
    let mut out = Vec::with_capacity(objs.len());
    for o in objs {
        match o {
            Term::Tuple(x) if pos <= x.len() => out.push(x[pos - 1].clone()),
            _ => return bif_badarg("ets", "lookup_element", a, &[(3, "position is greater than the size of the object")]),
        }
    }
    match t.kind {
        Kind::Set | Kind::OrderedSet => Ok(out.pop().unwrap_or(Term::Nil)),
        _ => Ok(Term::list(out)),
    }
}

fn member(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let t = table(ctx, "member", a, Need::Read)?;
    Ok(Term::bool(t.member(&a[1])))
}

/// `ets:delete(tab)`: deletes the table.
fn delete_1(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let id = table(ctx, "delete", a, Need::Write)?.id;
    let t = ctx.vm.bif.ets.remove(id);
    if let Some(t) = &t {
        ctx.charge(t.size());
    }
    drop(t);
    Ok(Term::bool(true))
}

/// `ets:delete(tab, key)`.
fn delete_2(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let t = table(ctx, "delete", a, Need::Write)?;
    drop(t.take(&a[1]));
    Ok(Term::bool(true))
}

/// `ets:delete_object(tab, object)`.
fn delete_object(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let t = table(ctx, "delete_object", a, Need::Write)?;
    match &a[1] {
        Term::Tuple(x) if x.len() >= t.keypos => t.delete_object(&a[1]),
        _ => return bif_badarg("ets", "delete_object", a, &[(2, "not a tuple")]),
    }
    Ok(Term::bool(true))
}

fn delete_all_objects(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let t = table(ctx, "delete_all_objects", a, Need::Write)?;
    let n = t.size();
    drop(t.clear());
    ctx.charge(n);
    Ok(Term::bool(true))
}

/// `ets:take(tab, key)`: removes and returns the objects with that key.
fn take(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let t = table(ctx, "take", a, Need::Write)?;
    Ok(Term::list(t.take(&a[1])))
}

fn tab2list(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let t = table(ctx, "tab2list", a, Need::Read)?;
    let v: Vec<Term> = t.objects().cloned().collect();
    let n = v.len();
    ctx.heap_grows(2 * n as u64)?;
    ctx.charge(n);
    Ok(Term::list(v))
}

fn first(ctx: &mut Ctx, a: &mut [Term]) -> R {
    Ok(table(ctx, "first", a, Need::Read)?.first().unwrap_or_else(end_of_table))
}

fn last(ctx: &mut Ctx, a: &mut [Term]) -> R {
    Ok(table(ctx, "last", a, Need::Read)?.last().unwrap_or_else(end_of_table))
}

fn next(ctx: &mut Ctx, a: &mut [Term]) -> R {
    match table(ctx, "next", a, Need::Read)?.next(&a[1]) {
        Ok(k) => Ok(k.unwrap_or_else(end_of_table)),
        Err(()) => bif_badarg("ets", "next", a, &[(2, NO_KEY)]),
    }
}

fn prev(ctx: &mut Ctx, a: &mut [Term]) -> R {
    match table(ctx, "prev", a, Need::Read)?.prev(&a[1]) {
        Ok(k) => Ok(k.unwrap_or_else(end_of_table)),
        Err(()) => bif_badarg("ets", "prev", a, &[(2, NO_KEY)]),
    }
}

/// One operation of `update_counter`: `(position, increment, threshold and set value)`.
type CounterOp = (usize, Term, Option<(Term, Term)>);

fn is_int(t: &Term) -> bool {
    matches!(t, Term::Int(_) | Term::Big(_))
}

/// The operations `op` names: an increment of the element after the key, `{pos, incr}`,
/// `{pos, incr, threshold, set_value}`, or a list of those (`list` true).
fn counter_ops(op: &Term, keypos: usize) -> Option<(Vec<CounterOp>, bool)> {
    let one = |o: &Term| -> Option<CounterOp> {
        match o {
            i if is_int(i) => Some((keypos + 1, i.clone(), None)),
            Term::Tuple(t) if t.len() == 2 && is_int(&t[1]) => Some((position(&t[0]).unwrap_or(0), t[1].clone(), None)),
            Term::Tuple(t) if t.len() == 4 && is_int(&t[1]) && is_int(&t[2]) && is_int(&t[3]) => {
                Some((position(&t[0]).unwrap_or(0), t[1].clone(), Some((t[2].clone(), t[3].clone()))))
            }
            _ => None,
        }
    };
    match op {
        Term::Cons(_) | Term::Nil => {
            let v = op.list_to_vec()?;
            Some((v.iter().map(one).collect::<Option<Vec<_>>>()?, true))
        }
        o => Some((vec![one(o)?], false)),
    }
}

/// `ets:update_counter(tab, key, op)` and `/4` (with the object inserted first when the key is
/// missing): adds to integer elements of a set's object, with an optional threshold past which
/// the element is set to a value; answers the new value, or the new values for a list of
/// operations. Nothing changes when an operation fails.
fn update_counter(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let t = table(ctx, "update_counter", a, Need::Write)?;
    if !matches!(t.kind, Kind::Set | Kind::OrderedSet) {
        return bif_badarg("ets", "update_counter", a, &[(1, BAD_TYPE)]);
    }
    let existing = t.lookup(&a[1]).first().cloned();
    let Some((ops, is_list)) = counter_ops(&a[2], t.keypos) else {
        let mut faults = vec![];
        if existing.is_none() && a.len() < 4 {
            faults.push((2, NO_KEY));
        }
        faults.push((3, "not a valid update operation"));
        return bif_badarg("ets", "update_counter", a, &faults);
    };
    let obj = match (existing, a.get(3)) {
        (Some(o), _) => o,
        (None, Some(Term::Tuple(d))) if d.len() >= t.keypos => {
            let mut v = d.to_vec();
            v[t.keypos - 1] = a[1].clone();
            Term::tuple(v)
        }
        (None, Some(_)) => return bif_badarg("ets", "update_counter", a, &[(4, "not a tuple")]),
        (None, None) => return bif_badarg("ets", "update_counter", a, &[(2, NO_KEY)]),
    };
    let Term::Tuple(tuple) = &obj else { return badarg() };
    let mut elems = tuple.to_vec();
    let mut results = Vec::with_capacity(ops.len());
    for (pos, incr, limit) in ops {
        if pos == 0 || pos > elems.len() || pos == t.keypos {
            return bif_badarg("ets", "update_counter", a, &[(3, "the position in the update operation is out of range")]);
        }
        let cur = &elems[pos - 1];
        if !is_int(cur) {
            return bif_badarg("ets", "update_counter", a, &[(3, "the value in the given position, in the object, is not an integer")]);
        }
        let mut new = arith(ArithOp::Add, cur, &incr).map_err(Trap::Raise)?;
        if let Some((threshold, set)) = limit {
            let up = !matches!(crate::value::compare(&incr, &Term::Int(0), false), std::cmp::Ordering::Less);
            let past = crate::value::compare(&new, &threshold, false);
            if (up && past == std::cmp::Ordering::Greater) || (!up && past == std::cmp::Ordering::Less) {
                new = set;
            }
        }
        elems[pos - 1] = new.clone();
        results.push(new);
    }
    drop(obj);
    t.insert(Term::tuple(elems));
    if is_list {
        Ok(Term::list(results))
    } else {
        Ok(results.pop().unwrap_or(Term::Nil))
    }
}

/// `ets:update_element(tab, key, {pos, value} | [{pos, value}])`: `false` when the key is
/// missing.
fn update_element(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let t = table(ctx, "update_element", a, Need::Write)?;
    if !matches!(t.kind, Kind::Set | Kind::OrderedSet) {
        return bif_badarg("ets", "update_element", a, &[(1, BAD_TYPE)]);
    }
    let pair = |o: &Term| match o {
        Term::Tuple(x) if x.len() == 2 => position(&x[0]).map(|p| (p, x[1].clone())),
        _ => None,
    };
    let changes: Option<Vec<(usize, Term)>> = match &a[2] {
        l @ (Term::Cons(_) | Term::Nil) => l.list_to_vec().and_then(|v| v.iter().map(pair).collect()),
        o => pair(o).map(|p| vec![p]),
    };
    let Some(changes) = changes else { return bif_badarg("ets", "update_element", a, &[(3, "not a valid update operation")]) };
    let Some(Term::Tuple(obj)) = t.lookup(&a[1]).first() else { return Ok(Term::bool(false)) };
    let mut elems = obj.to_vec();
    for (pos, v) in changes {
        if pos == t.keypos {
            return bif_badarg("ets", "update_element", a, &[(3, "the position is the same as the key position")]);
        }
        if pos > elems.len() {
            return bif_badarg("ets", "update_element", a, &[(3, "out of range")]);
        }
        elems[pos - 1] = v;
    }
    t.replace(&a[1], Term::tuple(elems));
    Ok(Term::bool(true))
}

/// `ets:info(tab, item)`: `:undefined` when the table does not exist.
fn info(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let Some(item) = a[1].as_atom() else { return bif_badarg("ets", "info", a, &[(2, "not a valid info item")]) };
    let Some(id) = ctx.vm.bif.ets.resolve(&a[0]) else { return Ok(Term::Atom(Atom::UNDEFINED)) };
    let Some(t) = ctx.vm.bif.ets.get(id) else { return Ok(Term::Atom(Atom::UNDEFINED)) };
    Ok(match item.name() {
        "size" => Term::Int(t.size() as i64),
        "name" => Term::Atom(t.name),
        "type" => Term::atom(t.kind.name()),
        "keypos" => Term::Int(t.keypos as i64),
        "protection" => Term::atom(t.access.name()),
        "owner" => Term::Pid(t.owner),
        "named_table" => Term::bool(t.named),
        "id" => Term::Ref(t.id),
        "heir" => Term::atom("none"),
        "compressed" | "read_concurrency" | "write_concurrency" | "decentralized_counters" | "fixed" | "safe_fixed" => Term::bool(false),
        _ => return bif_badarg("ets", "info", a, &[(2, "not a valid info item")]),
    })
}

/// `ets:whereis(name)`: the reference of the named table, or `:undefined`.
fn whereis(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let name = atom(&a[0])?;
    Ok(match ctx.vm.bif.ets.resolve(&Term::Atom(name)) {
        Some(id) => Term::Ref(id),
        None => Term::Atom(Atom::UNDEFINED),
    })
}

/// `ets:rename(tab, name)`: answers the table's identifier afterwards (the new name for a
/// named table).
fn rename(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let Some(name) = a[1].as_atom() else { return bif_badarg("ets", "rename", a, &[(2, "not an atom")]) };
    let t = table(ctx, "rename", a, Need::Write)?;
    let (id, named) = (t.id, t.named);
    if named && ctx.vm.bif.ets.name_taken(name) {
        return bif_badarg("ets", "rename", a, &[(2, "table name already exists")]);
    }
    ctx.vm.bif.ets.rename(id, name);
    Ok(ctx.vm.bif.ets.get(id).map(|t| t.tid()).unwrap_or(Term::Nil))
}

/// `ets:give_away(tab, pid, gift)`: makes `pid` the owner and sends it
/// `{:"ETS-TRANSFER", tab, from, gift}`.
fn give_away(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let me = ctx.p.pid;
    let t = table(ctx, "give_away", a, Need::Write)?;
    let Term::Pid(to) = a[1] else { return bif_badarg("ets", "give_away", a, &[(2, "not a pid")]) };
    if t.owner != me {
        return bif_badarg("ets", "give_away", a, &[(1, "not the owner of the table")]);
    }
    let id = t.id;
    if to == me || !ctx.vm.is_alive(to) {
        return bif_badarg("ets", "give_away", a, &[(2, "the process is not alive or is the calling process")]);
    }
    let Some(t) = ctx.vm.bif.ets.get_mut(id) else { return badarg() };
    t.owner = to;
    let msg = Term::tuple(vec![Term::atom("ETS-TRANSFER"), t.tid(), Term::Pid(me), a[2].clone()]);
    ctx.vm.send(to, msg);
    Ok(Term::bool(true))
}

/// The natives of `ets`: `(name, arity, function)`.
const ETS: NativeTable = &[
    ("new", 2, new),
    ("insert", 2, insert),
    ("insert_new", 2, insert_new),
    ("lookup", 2, lookup),
    ("lookup_element", 3, lookup_element),
    ("member", 2, member),
    ("delete", 1, delete_1),
    ("delete", 2, delete_2),
    ("delete_object", 2, delete_object),
    ("delete_all_objects", 1, delete_all_objects),
    ("take", 2, take),
    ("tab2list", 1, tab2list),
    ("first", 1, first),
    ("last", 1, last),
    ("next", 2, next),
    ("prev", 2, prev),
    ("update_counter", 3, update_counter),
    ("update_counter", 4, update_counter),
    ("update_element", 3, update_element),
    ("info", 2, info),
    ("whereis", 1, whereis),
    ("rename", 2, rename),
    ("give_away", 3, give_away),
    ("all", 0, |ctx, _| Ok(Term::list(ctx.vm.bif.ets.all()))),
];
