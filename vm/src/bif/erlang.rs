//! `:erlang`: term primitives, errors, process primitives, code primitives; with Erlang's
//! semantics and errors (`:badarg` etc.).

use super::util::*;
use super::Ctx;
use crate::code::{loader, purge};
use crate::code::table::{CodeServer, NativeTable};
use crate::error::{Exception, Trap};
use crate::value::arith::{self, ArithOp};
use crate::value::{Atom, Fun, Term};

pub fn register(c: &mut CodeServer) {
    c.register_table("erlang", ERLANG);
}

/// The natives of `erlang`: `(name, arity, function)`.
const ERLANG: NativeTable = &[
    ("element", 2, element),
    ("setelement", 3, setelement),
    ("tuple_size", 1, tuple_size),
    ("map_size", 1, map_size),
    ("map_get", 2, map_get),
    ("is_map_key", 2, is_map_key),
    ("length", 1, length),
    ("hd", 1, hd),
    ("tl", 1, tl),
    ("abs", 1, abs),
    ("self", 0, self_),
    ("error", 1, error_1),
    ("error", 2, error_1),
    ("throw", 1, throw),
    ("exit", 1, exit_1),
    ("exit", 2, super::process::exit_2),
    ("raise", 3, raise_3),
    ("make_ref", 0, make_ref),
    ("send", 2, super::process::send),
    ("spawn", 1, super::process::spawn_1),
    ("spawn", 3, super::process::spawn_3),
    ("spawn_link", 1, super::process::spawn_link_1),
    ("spawn_link", 3, super::process::spawn_link_3),
    ("apply", 2, apply_2),
    ("apply", 3, apply_3),
    ("check_process_code", 2, check_process_code),
    ("check_old_code", 1, check_old_code),
    ("module_loaded", 1, module_loaded),
    ("delete_module", 1, delete_module),
    ("purge_module", 1, purge_module),
    ("load_module", 2, load_module),
    ("monotonic_time", 0, monotonic_time_0),
    ("monotonic_time", 1, monotonic_time_1),
    ("system_time", 0, system_time_0),
    ("system_time", 1, system_time_1),
    ("is_atom", 1, |_, a| Ok(Term::bool(matches!(a[0], Term::Atom(_))))),
    ("list_to_tuple", 1, |_, a| {
        let items = list(&a[0])?;
        if items.len() as u64 > super::limits::MAX_TUPLE_ARITY {
            return super::limits::system_limit();
        }
        Ok(Term::tuple(items))
    }),
    // `:erlang.make_tuple/2` (and `Tuple.duplicate/2`): an arity outside 0..2^24-1 is
    // "1st argument: out of range", as OTP 25 says, checked before allocating.
    ("make_tuple", 2, |_, a| match &a[0] {
        Term::Int(n) if (0..=super::limits::MAX_TUPLE_ARITY as i64).contains(n) => Ok(Term::tuple(vec![a[1].clone(); *n as usize])),
        Term::Int(_) | Term::Big(_) => bif_badarg("erlang", "make_tuple", a, &[(1, "out of range")]),
        _ => bif_badarg("erlang", "make_tuple", a, &[(1, "not an integer")]),
    }),
    ("tuple_to_list", 1, |_, a| match &a[0] {
        Term::Tuple(t) => Ok(Term::list(t.to_vec())),
        _ => badarg(),
    }),
    ("byte_size", 1, |_, a| Ok(Term::Int(bytes(&a[0])?.len() as i64))),
    ("atom_to_binary", 1, |_, a| Ok(Term::string(atom(&a[0])?.name()))),
    ("atom_to_binary", 2, |_, a| Ok(Term::string(atom(&a[0])?.name()))),
    ("binary_to_atom", 2, |_, a| Ok(Term::Atom(Atom::intern(&string(&a[0])?)))),
    ("binary_to_atom", 1, |_, a| Ok(Term::Atom(Atom::intern(&string(&a[0])?)))),
    ("binary_to_existing_atom", 2, |_, a| match Atom::existing(&string(&a[0])?) {
        Some(x) => Ok(Term::Atom(x)),
        None => badarg(),
    }),
    ("atom_to_list", 1, |_, a| Ok(charlist(atom(&a[0])?.name()))),
    ("list_to_atom", 1, |_, a| {
        let t = text(&a[0]).ok_or(()).or_else(|_| badarg())?;
        Ok(Term::Atom(Atom::intern(&String::from_utf8_lossy(&t))))
    }),
    ("integer_to_binary", 1, |_, a| integer_to_string(&a[0], 10).map(|s| Term::string(&s))),
    ("integer_to_binary", 2, |_, a| integer_to_string(&a[0], int(&a[1])? as u32).map(|s| Term::string(&s))),
    ("integer_to_list", 1, |_, a| integer_to_string(&a[0], 10).map(|s| charlist(&s))),
    ("binary_to_integer", 1, |_, a| parse_int(&string(&a[0])?, 10)),
    ("binary_to_integer", 2, |_, a| parse_int(&string(&a[0])?, int(&a[1])? as u32)),
    ("list_to_integer", 1, |_, a| {
        let t = text(&a[0]).ok_or(()).or_else(|_| badarg())?;
        parse_int(&String::from_utf8_lossy(&t), 10)
    }),
    ("iolist_to_binary", 1, |_, a| iolist_to_binary(&a[0])),
    ("iolist_size", 1, |_, a| {
        let mut out = Vec::new();
        match iodata_bytes(&a[0], &mut out) {
            true => Ok(Term::Int(out.len() as i64)),
            false => arg_errors(1, "not an iodata term"),
        }
    }),
    ("list_to_binary", 1, |_, a| match text(&a[0]) {
        Some(b) => Ok(Term::binary(b)),
        None => badarg(),
    }),
    ("binary_to_list", 1, |_, a| Ok(Term::list(bytes(&a[0])?.iter().map(|b| Term::Int(*b as i64)).collect()))),
    // An integer beyond the double range is "1st argument: not a number", as OTP 25 says.
    ("float", 1, |_, a| match arith::to_f64(&a[0]) {
        Some(f) if f.is_finite() => Ok(Term::Float(f)),
        Some(_) => bif_badarg("erlang", "float", a, &[(1, "not a number")]),
        None => badarg(),
    }),
    ("round", 1, round),
    ("trunc", 1, trunc),
    ("floor", 1, floor),
    ("ceil", 1, ceil),
    ("+", 2, |_, a| Ok(arith::arith(ArithOp::Add, &a[0], &a[1])?)),
    ("-", 2, |_, a| Ok(arith::arith(ArithOp::Sub, &a[0], &a[1])?)),
    ("*", 2, |_, a| Ok(arith::arith(ArithOp::Mul, &a[0], &a[1])?)),
    ("/", 2, |_, a| Ok(arith::arith(ArithOp::Div, &a[0], &a[1])?)),
    ("div", 2, |_, a| Ok(arith::arith(ArithOp::IntDiv, &a[0], &a[1])?)),
    ("rem", 2, |_, a| Ok(arith::arith(ArithOp::Rem, &a[0], &a[1])?)),
    ("++", 2, append),
    ("--", 2, subtract),
    ("phash2", 1, |_, a| Ok(Term::Int((hash_term(&a[0]) % (1 << 27)) as i64))),
    ("phash2", 2, |_, a| Ok(Term::Int((hash_term(&a[0]) % (int(&a[1])?.max(1) as u64)) as i64))),
    ("function_exported", 3, function_exported),
    ("yield", 0, |_, _| Err(Trap::Yield(Term::TRUE))),
    ("garbage_collect", 0, |_, _| Ok(Term::TRUE)),
    ("is_process_alive", 1, super::process::alive),
    ("get", 1, super::process::dict_get),
    ("put", 2, super::process::dict_put),
    ("process_flag", 2, super::process::flag),
    ("memory", 0, memory_0),
    ("memory", 1, memory_1),
    ("halt", 0, |_, _| Err(Trap::Halt(0))),
    ("halt", 1, |_, a| Err(Trap::Halt(int(&a[0]).unwrap_or(1) as i32))),
];

/// `:badarg` of `element/2`/`setelement/3`: an index out of range, or no tuple.
/// Bytes held by the heap data reachable from `t`: list cells, tuples, maps, binaries,
/// bignums and funs (shared data counted once per reference). Immediates live in the slot
/// that holds them and count nothing here.
fn term_heap_bytes(t: &Term) -> usize {
    use crate::value::Fun;
    let word = std::mem::size_of::<Term>();
    let mut total = 0;
    let mut stack: Vec<&Term> = vec![t];
    while let Some(t) = stack.pop() {
        match t {
            Term::Cons(c) => {
                // An Rc allocation: two counts, head and tail.
                total += 2 * std::mem::size_of::<usize>() + 2 * word;
                stack.push(&c.head);
                stack.push(&c.tail);
            }
            Term::Tuple(v) => {
                total += 2 * std::mem::size_of::<usize>() + std::mem::size_of::<Vec<Term>>() + v.len() * word;
                stack.extend(v.iter());
            }
            Term::Map(m) => {
                total += 2 * std::mem::size_of::<usize>() + m.len() * 2 * word;
                for (k, v) in m.iter() {
                    stack.push(k);
                    stack.push(v);
                }
            }
            Term::Binary(b) => total += 2 * std::mem::size_of::<usize>() + b.len(),
            Term::Big(n) => total += 2 * std::mem::size_of::<usize>() + (n.bits() as usize).div_ceil(8),
            Term::Fun(f) => {
                total += 2 * std::mem::size_of::<usize>() + std::mem::size_of::<Fun>();
                if let Some((_, _, _, env)) = f.local_key() {
                    total += env.len() * word;
                    stack.extend(env.iter());
                }
            }
            _ => {}
        }
    }
    total
}

/// The memory of one process: everything it owns. Its control block (and its slot in the
/// process table), the capacity of its register, frame, catch and mailbox vectors, its cold
/// fields if allocated, and the data reachable from its registers (which hold the initial call
/// of a process that has not started), mailbox and dictionary.
pub fn process_bytes(p: &crate::process::Process) -> usize {
    use crate::process::{CatchEntry, Frame, Process};
    use std::mem::size_of;
    let word = size_of::<Term>();
    let mut total = size_of::<Process>()
        + crate::process::table::ProcTable::SLOT_BYTES
        + p.regs.capacity() * word
        + p.frames.capacity() * size_of::<Frame>()
        + p.catches.capacity() * size_of::<CatchEntry>()
        + p.mailbox.capacity() * word;
    if let Some(e) = &p.ext {
        total += e.owned_bytes();
    }
    // Every register, stale ones above the top frame's window included: they keep their
    // data alive until overwritten.
    total += p.regs.iter().map(term_heap_bytes).sum::<usize>();
    total += p.mailbox.iter().map(term_heap_bytes).sum::<usize>();
    total += p.dict().iter().map(|(k, v)| term_heap_bytes(k) + term_heap_bytes(v)).sum::<usize>();
    total
}

/// `:erlang.memory/1`'s figures: `processes` (and `processes_used`) is the sum of
/// [`process_bytes`] over every live process; retort measures nothing else, so `total` is the
/// same and the other keys (`system`, `atom`, `binary`, `code`, `ets`) are 0.
fn memory_of(ctx: &Ctx, key: &Term) -> Option<i64> {
    let name = key.as_atom()?.name();
    let procs = || ctx.vm.procs.iter().map(process_bytes).sum::<usize>() as i64 + process_bytes(ctx.p) as i64;
    match name {
        "total" | "processes" | "processes_used" => Some(procs()),
        "system" | "atom" | "atom_used" | "binary" | "code" | "ets" => Some(0),
        _ => None,
    }
}

fn memory_0(ctx: &mut Ctx, _: &mut [Term]) -> R {
    let keys = ["total", "processes", "processes_used", "system", "atom", "atom_used", "binary", "code", "ets"];
    let items = keys.iter().map(|k| Term::tuple(vec![Term::atom(k), Term::Int(memory_of(ctx, &Term::atom(k)).unwrap_or(0))])).collect();
    Ok(Term::list(items))
}

fn memory_1(ctx: &mut Ctx, a: &mut [Term]) -> R {
    match &a[0] {
        Term::Atom(_) => memory_of(ctx, &a[0]).map(Term::Int).ok_or_else(|| Exception::badarg().into()),
        list => {
            let keys = list.list_to_vec().ok_or_else(|| Trap::from(Exception::badarg()))?;
            let mut out = Vec::with_capacity(keys.len());
            for k in keys {
                let v = memory_of(ctx, &k).ok_or_else(|| Trap::from(Exception::badarg()))?;
                out.push(Term::tuple(vec![k, Term::Int(v)]));
            }
            Ok(Term::list(out))
        }
    }
}

pub fn element_badarg(f: &str, a: &[Term], tuple_at: usize) -> R {
    match (&a[0], &a[tuple_at - 1]) {
        (Term::Int(_), Term::Tuple(_)) => bif_badarg("erlang", f, a, &[(1, "out of range")]),
        (Term::Int(_), _) => bif_badarg("erlang", f, a, &[(tuple_at, "not a tuple")]),
        (_, Term::Tuple(_)) => bif_badarg("erlang", f, a, &[(1, "not an integer")]),
        _ => bif_badarg("erlang", f, a, &[(1, "not an integer"), (tuple_at, "not a tuple")]),
    }
}

fn element(_: &mut Ctx, a: &mut [Term]) -> R {
    match (&a[0], &a[1]) {
        (Term::Int(i), Term::Tuple(t)) if *i >= 1 && (*i as usize) <= t.len() => Ok(t[*i as usize - 1].clone()),
        _ => element_badarg("element", a, 2),
    }
}

fn setelement(_: &mut Ctx, a: &mut [Term]) -> R {
    match (&a[0], &a[1]) {
        (Term::Int(i), Term::Tuple(t)) if *i >= 1 && (*i as usize) <= t.len() => {
            let mut v = t.to_vec();
            v[*i as usize - 1] = a[2].clone();
            Ok(Term::tuple(v))
        }
        _ => element_badarg("setelement", a, 2),
    }
}

fn tuple_size(_: &mut Ctx, a: &mut [Term]) -> R {
    match &a[0] {
        Term::Tuple(t) => Ok(Term::Int(t.len() as i64)),
        _ => bif_badarg("erlang", "tuple_size", a, &[(1, "not a tuple")]),
    }
}

fn map_size(_: &mut Ctx, a: &mut [Term]) -> R {
    match &a[0] {
        Term::Map(m) => Ok(Term::Int(m.len() as i64)),
        other => Err(Exception::tagged(Atom::BADMAP, other.clone()).into()),
    }
}

/// `:erlang.map_get(key, map)`: the value, or `{:badmap, map}` / `{:badkey, key, map}` (OTP 25
/// erl_map.c `map_get_2`); what `map.field` compiles to inside a guard.
fn map_get(_: &mut Ctx, a: &mut [Term]) -> R {
    match &a[1] {
        Term::Map(m) => match m.get(&a[0]) {
            Some(v) => Ok(v.clone()),
            None => Err(Exception::error(Term::tuple(vec![Term::Atom(Atom::BADKEY), a[0].clone(), a[1].clone()])).into()),
        },
        other => Err(Exception::tagged(Atom::BADMAP, other.clone()).into()),
    }
}

/// `:erlang.is_map_key(key, map)`: a boolean, or `{:badmap, map}` (OTP 25 erl_map.c).
fn is_map_key(_: &mut Ctx, a: &mut [Term]) -> R {
    match &a[1] {
        Term::Map(m) => Ok(Term::bool(m.contains_key(&a[0]))),
        other => Err(Exception::tagged(Atom::BADMAP, other.clone()).into()),
    }
}

fn length(_: &mut Ctx, a: &mut [Term]) -> R {
    let mut n = 0i64;
    let mut cur = &a[0];
    loop {
        match cur {
            Term::Nil => return Ok(Term::Int(n)),
            Term::Cons(c) => {
                n += 1;
                cur = &c.tail;
            }
            _ => return bif_badarg("erlang", "length", a, &[(1, "not a list")]),
        }
    }
}

fn hd(_: &mut Ctx, a: &mut [Term]) -> R {
    match &a[0] {
        Term::Cons(c) => Ok(c.head.clone()),
        _ => bif_badarg("erlang", "hd", a, &[(1, "not a nonempty list")]),
    }
}

fn tl(_: &mut Ctx, a: &mut [Term]) -> R {
    match &a[0] {
        Term::Cons(c) => Ok(c.tail.clone()),
        _ => bif_badarg("erlang", "tl", a, &[(1, "not a nonempty list")]),
    }
}

fn abs(_: &mut Ctx, a: &mut [Term]) -> R {
    Ok(arith::abs(&a[0])?)
}

fn self_(ctx: &mut Ctx, _: &mut [Term]) -> R {
    Ok(Term::Pid(ctx.p.pid))
}

fn error_1(_: &mut Ctx, a: &mut [Term]) -> R {
    Err(Exception::error(a[0].clone()).into())
}

fn throw(_: &mut Ctx, a: &mut [Term]) -> R {
    Err(Exception::throw(a[0].clone()).into())
}

fn exit_1(_: &mut Ctx, a: &mut [Term]) -> R {
    Err(Exception::exit(a[0].clone()).into())
}

fn raise_3(_: &mut Ctx, a: &mut [Term]) -> R {
    let class = atom(&a[0])?;
    if ![Atom::ERROR, Atom::THROW, Atom::EXIT_CLASS].contains(&class) {
        return badarg();
    }
    Err(Exception { class, reason: a[1].clone(), stack: Some(a[2].clone()), top: None }.into())
}

fn make_ref(ctx: &mut Ctx, _: &mut [Term]) -> R {
    Ok(Term::Ref(ctx.vm.make_ref()))
}

/// `apply(fun, args)`.
pub fn apply_2(_: &mut Ctx, a: &mut [Term]) -> R {
    Err(Trap::Apply { callee: a[0].clone(), function: None, args: list(&a[1])? })
}

/// `apply(module, function, args)`: a remote call (rule R3).
pub fn apply_3(_: &mut Ctx, a: &mut [Term]) -> R {
    let m = atom(&a[0])?;
    let f = atom(&a[1])?;
    Err(Trap::Apply { callee: Term::Atom(m), function: Some(f), args: list(&a[2])? })
}

fn check_process_code(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let pid = pid(&a[0])?;
    let m = atom(&a[1])?;
    Ok(Term::bool(purge::check_process_code(ctx.vm, Some(ctx.p), pid, m)))
}

fn check_old_code(ctx: &mut Ctx, a: &mut [Term]) -> R {
    Ok(Term::bool(ctx.vm.code.old(atom(&a[0])?).is_some()))
}

fn module_loaded(ctx: &mut Ctx, a: &mut [Term]) -> R {
    Ok(Term::bool(ctx.vm.code.current(atom(&a[0])?).is_some()))
}

fn delete_module(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let m = atom(&a[0])?;
    if ctx.vm.code.old(m).is_some() {
        return badarg();
    }
    Ok(if loader::delete(ctx.vm, m) { Term::TRUE } else { Term::atom("undefined") })
}

/// `erlang:purge_module/1`: like `code:purge/1` but returns true, and raises `badarg` with no
/// old code (R16).
fn purge_module(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let m = atom(&a[0])?;
    if ctx.vm.code.old(m).is_none() {
        return badarg();
    }
    super::code::purge_for_caller(ctx, m)?;
    Ok(Term::TRUE)
}

/// `erlang:load_module/2` (R11): `{:module, m}` or `{:error, :not_purged}`.
fn load_module(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let m = atom(&a[0])?;
    let image = match crate::bytecode::file::decode(bytes(&a[1])?) {
        Ok(i) if i.name == m.name() => i,
        _ => return Ok(error(Term::atom("badfile"))),
    };
    match loader::load_module(ctx.vm, image) {
        Ok(m) => Ok(Term::tuple(vec![Term::atom("module"), Term::Atom(m)])),
        Err(e) => Ok(error(Term::Atom(e.atom()))),
    }
}

fn time_unit_div(unit: &Term) -> Result<(u64, u64), Trap> {
    // (multiply, divide) applied to microseconds
    let name = match unit {
        Term::Atom(a) => a.name(),
        Term::Int(1000) => "millisecond",
        Term::Int(1_000_000) => "microsecond",
        Term::Int(1) => "second",
        _ => return badarg(),
    };
    Ok(match name {
        "second" => (1, 1_000_000),
        "millisecond" => (1, 1000),
        "microsecond" => (1, 1),
        "nanosecond" | "native" => (1000, 1),
        _ => return badarg(),
    })
}

pub fn monotonic_time_0(ctx: &mut Ctx, _: &mut [Term]) -> R {
    Ok(Term::Int(ctx.vm.clock.now_us() as i64 * 1000))
}

pub fn monotonic_time_1(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let (mul, div) = time_unit_div(&a[0])?;
    Ok(Term::Int((ctx.vm.clock.now_us() * mul / div) as i64))
}

fn system_us(ctx: &Ctx) -> u64 {
    ctx.vm.clock.system_us()
}

pub fn system_time_0(ctx: &mut Ctx, _: &mut [Term]) -> R {
    Ok(Term::Int(system_us(ctx) as i64 * 1000))
}

pub fn system_time_1(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let (mul, div) = time_unit_div(&a[0])?;
    Ok(Term::Int((system_us(ctx) * mul / div) as i64))
}

pub fn integer_to_string(t: &Term, radix: u32) -> Result<String, Trap> {
    if !(2..=36).contains(&radix) {
        return badarg();
    }
    match t {
        Term::Int(i) => Ok(num_bigint::BigInt::from(*i).to_str_radix(radix).to_uppercase()),
        Term::Big(b) => Ok(b.to_str_radix(radix).to_uppercase()),
        _ => badarg(),
    }
}

pub fn parse_int(s: &str, radix: u32) -> R {
    let t = s.strip_prefix('+').unwrap_or(s);
    if t.is_empty() || !(2..=36).contains(&radix) {
        return badarg();
    }
    match num_bigint::BigInt::parse_bytes(t.as_bytes(), radix) {
        Some(b) => Ok(Term::from_bigint(b)),
        None => badarg(),
    }
}

fn round(_: &mut Ctx, a: &mut [Term]) -> R {
    match &a[0] {
        Term::Float(f) => Ok(float_to_int(f.round())),
        Term::Int(_) | Term::Big(_) => Ok(a[0].clone()),
        _ => bif_badarg("erlang", "round", a, &[(1, "not a number")]),
    }
}

fn trunc(_: &mut Ctx, a: &mut [Term]) -> R {
    match &a[0] {
        Term::Float(f) => Ok(float_to_int(f.trunc())),
        Term::Int(_) | Term::Big(_) => Ok(a[0].clone()),
        _ => bif_badarg("erlang", "trunc", a, &[(1, "not a number")]),
    }
}

fn floor(_: &mut Ctx, a: &mut [Term]) -> R {
    match &a[0] {
        Term::Float(f) => Ok(float_to_int(f.floor())),
        Term::Int(_) | Term::Big(_) => Ok(a[0].clone()),
        _ => bif_badarg("erlang", "floor", a, &[(1, "not a number")]),
    }
}

fn ceil(_: &mut Ctx, a: &mut [Term]) -> R {
    match &a[0] {
        Term::Float(f) => Ok(float_to_int(f.ceil())),
        Term::Int(_) | Term::Big(_) => Ok(a[0].clone()),
        _ => bif_badarg("erlang", "ceil", a, &[(1, "not a number")]),
    }
}

/// An integral float as an integer (bignum when large).
pub fn float_to_int(f: f64) -> Term {
    if f.abs() < 9.0e18 {
        Term::Int(f as i64)
    } else {
        use num_traits::FromPrimitive;
        Term::from_bigint(num_bigint::BigInt::from_f64(f).unwrap_or_default())
    }
}

/// `left ++ right`: `badarg` unless left is a proper list (right may be anything, as on the
/// BEAM). When every cell of left is owned by this call alone (the argument was moved in, as
/// `for ... ++ rest` does), its last cell is relinked to right in place; otherwise left's
/// elements are copied in front of right.
pub fn append(_: &mut Ctx, a: &mut [Term]) -> R {
    append_terms(a)
}

/// The body of [`append`] over its two arguments `[left, right]` (taken by value).
pub fn append_terms(a: &mut [Term]) -> R {
    let mut unique = true;
    let mut cur = &a[0];
    loop {
        match cur {
            Term::Nil => break,
            Term::Cons(c) => {
                unique &= crate::value::term::ConsRc::is_unique(c);
                cur = &c.tail;
            }
            _ => return badarg(),
        }
    }
    let right = std::mem::take(&mut a[1]);
    let mut left = std::mem::take(&mut a[0]);
    if matches!(left, Term::Nil) {
        return Ok(right);
    }
    if unique {
        let mut slot = &mut left;
        while let Term::Cons(rc) = slot {
            let Some(cell) = crate::value::term::ConsRc::get_mut(rc) else { break };
            if matches!(cell.tail, Term::Nil) {
                cell.tail = right;
                return Ok(left);
            }
            slot = &mut cell.tail;
        }
        // Not reached: every cell was checked unique above and nothing changed since.
        let items = left.list_to_vec().unwrap_or_default();
        return Ok(Term::list_with_tail(items, right));
    }
    let items = left.list_to_vec().unwrap_or_default();
    Ok(Term::list_with_tail(items, right))
}

/// `left -- right`: removes the first occurrence (exact equality, `=:=`) of each element of
/// right, as OTP 25's `erlang:'--'/2`; `badarg` unless both are proper lists. Removing the first
/// k occurrences of each value that right holds k times is the same thing done in one pass over
/// left; once every element of right is used up, the rest of left is shared, not copied.
pub fn subtract(_: &mut Ctx, a: &mut [Term]) -> R {
    subtract_terms(a)
}

/// The body of [`subtract`] over its two arguments `[left, right]`.
pub fn subtract_terms(a: &mut [Term]) -> R {
    let mut right = list(&a[1])?;
    let mut n = 0usize;
    let mut cur = &a[0];
    loop {
        match cur {
            Term::Nil => break,
            Term::Cons(c) => {
                n += 1;
                cur = &c.tail;
            }
            _ => return badarg(),
        }
    }
    if right.is_empty() {
        return Ok(std::mem::take(&mut a[0]));
    }
    let mut kept = Vec::with_capacity(n);
    let mut cur = &a[0];
    while let Term::Cons(c) = cur {
        if right.is_empty() {
            break;
        }
        match right.iter().position(|r| *r == c.head) {
            Some(i) => {
                right.remove(i);
            }
            None => kept.push(c.head.clone()),
        }
        cur = &c.tail;
    }
    let rest = cur.clone();
    Ok(Term::list_with_tail(kept, rest))
}

/// `:erlang.iolist_to_binary/1` (and `IO.iodata_to_binary/1`): bytes only, so `[256]` raises
/// `ArgumentError` "1st argument: not an iodata term" as OTP 25 does.
pub fn iolist_to_binary(t: &Term) -> R {
    let mut out = Vec::new();
    match iodata_bytes(t, &mut out) {
        true => Ok(Term::binary(out)),
        false => arg_errors(1, "not an iodata term"),
    }
}

/// A stable hash of a term (for `:erlang.phash2`): the term's scalars fed in pre-order to
/// SipHash (not the BEAM's phash2 values). Walks with an explicit stack, so a term nested a
/// million deep hashes without recursion. An improper list contributes nothing.
pub fn hash_term(t: &Term) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    // Terms still to feed, the next one on top.
    let mut todo: Vec<&Term> = vec![t];
    while let Some(t) = todo.pop() {
        match t {
            Term::Int(i) => i.hash(&mut h),
            Term::Big(b) => b.to_string().hash(&mut h),
            Term::Float(f) => f.to_bits().hash(&mut h),
            Term::Atom(a) => a.name().hash(&mut h),
            Term::Nil => 0u8.hash(&mut h),
            Term::Cons(_) => {
                let mut items = Vec::new();
                let mut cur = t;
                while let Term::Cons(c) = cur {
                    items.push(&c.head);
                    cur = &c.tail;
                }
                if matches!(cur, Term::Nil) {
                    todo.extend(items.into_iter().rev());
                }
            }
            Term::Tuple(items) => todo.extend(items.iter().rev()),
            Term::Map(m) => {
                let pairs: Vec<(&Term, &Term)> = m.iter().collect();
                for (k, v) in pairs.into_iter().rev() {
                    todo.push(v);
                    todo.push(k);
                }
            }
            Term::Binary(b) => b.hash(&mut h),
            Term::Pid(p) => p.0.hash(&mut h),
            Term::Ref(r) => r.hash(&mut h),
            // Funs by what makes them equal (`value::compare`): an external fun by its name,
            // a local one by module, index, uniq and free variables.
            Term::Fun(f) => match (&**f, f.local_key()) {
                (_, Some((m, i, u, env))) => {
                    (m.name(), i, u, env.len()).hash(&mut h);
                    todo.extend(env.iter().rev());
                }
                (Fun::External { module, function, arity }, None) => (module.name(), function.name(), arity).hash(&mut h),
                _ => {}
            },
        }
    }
    h.finish()
}

/// `function_exported?(m, f, a)`: true for exported code and natives, without autoloading.
pub fn function_exported(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let m = atom(&a[0])?;
    let f = atom(&a[1])?;
    let n = int(&a[2])? as u32;
    Ok(Term::bool(ctx.vm.code.resolve(m, f, n).is_some()))
}

#[cfg(test)]
mod list_op_tests {
    use super::*;

    fn ints(v: &[i64]) -> Term {
        Term::list(v.iter().map(|&i| Term::Int(i)).collect())
    }

    fn first_cell(t: &Term) -> *const crate::value::term::Cons {
        match t {
            Term::Cons(c) => crate::value::term::ConsRc::as_ptr(c),
            _ => std::ptr::null(),
        }
    }

    #[test]
    fn append_relinks_a_unique_left_in_place() {
        let left = ints(&[1, 2]);
        let cell = first_cell(&left);
        let mut a = [left, ints(&[3])];
        let r = append_terms(&mut a).unwrap();
        assert_eq!(r, ints(&[1, 2, 3]));
        assert_eq!(first_cell(&r), cell, "the unique left list is reused");
    }

    #[test]
    fn append_copies_a_shared_left_and_leaves_it_intact() {
        let left = ints(&[1, 2]);
        let mut a = [left.clone(), ints(&[3])];
        let r = append_terms(&mut a).unwrap();
        assert_eq!(r, ints(&[1, 2, 3]));
        assert_eq!(left, ints(&[1, 2]));
        assert_ne!(first_cell(&r), first_cell(&left));
        // A shared cell deeper in left forces a copy too.
        let shared = ints(&[2]);
        let mut a = [Term::cons(Term::Int(1), shared.clone()), Term::Int(9)];
        assert_eq!(append_terms(&mut a).unwrap(), Term::cons(Term::Int(1), Term::cons(Term::Int(2), Term::Int(9))));
        assert_eq!(shared, ints(&[2]));
    }

    #[test]
    fn append_rejects_an_improper_left() {
        let mut a = [Term::cons(Term::Int(1), Term::Int(2)), ints(&[3])];
        assert!(append_terms(&mut a).is_err());
        assert_eq!(a[0], Term::cons(Term::Int(1), Term::Int(2)), "the argument stays for the stacktrace");
    }

    #[test]
    fn subtract_removes_first_occurrences_exactly_and_shares_the_rest() {
        let mut a = [ints(&[1, 2, 3, 2, 1]), ints(&[2, 1])];
        assert_eq!(subtract_terms(&mut a).unwrap(), ints(&[3, 2, 1]));
        let mut a = [Term::list(vec![Term::Float(1.0), Term::Int(1)]), ints(&[1])];
        assert_eq!(subtract_terms(&mut a).unwrap(), Term::list(vec![Term::Float(1.0)]));
        let rest = ints(&[7, 8]);
        let mut a = [Term::cons(Term::Int(5), rest.clone()), ints(&[5])];
        let r = subtract_terms(&mut a).unwrap();
        assert_eq!(first_cell(&r), first_cell(&rest), "the tail after the last removal is shared");
        let mut a = [ints(&[1]), ints(&[1, 1])];
        assert_eq!(subtract_terms(&mut a).unwrap(), Term::Nil);
        let mut a = [Term::cons(Term::Int(1), Term::cons(Term::Int(2), Term::Int(3))), ints(&[1])];
        assert!(subtract_terms(&mut a).is_err(), "improper left is badarg even when right runs out first");
        let mut a = [ints(&[1]), Term::Int(1)];
        assert!(subtract_terms(&mut a).is_err());
    }
}
