//! List leaf operations: Erlang's `:lists`, the leaf half of Elixir's `List`, and the list
//! helpers the language half of `Enum` calls (`:retort_enum`). Nothing here calls user code:
//! functions that take a fun (`foldl`, `map`, `Enum.sort/2` ...) are in `stdlib/lib/*.ex`.

use super::util::*;
use crate::code::table::{CodeServer, NativeTable};
use crate::error::{Exception, Trap};
use crate::value::{compare, Atom, MapT, Term};
use std::cmp::Ordering;

pub fn register(c: &mut CodeServer) {
    c.register_table("lists", LISTS);
    c.register_table("Elixir.List", LIST);
    c.register_table("retort_enum", RETORT_ENUM);
}

/// The natives of `lists`: `(name, arity, function)`.
const LISTS: NativeTable = &[
    ("reverse", 1, |_, a| reverse_arg(a, Term::Nil)),
    ("reverse", 2, |_, a| {
        let tail = std::mem::take(&mut a[1]);
        reverse_arg(a, tail)
    }),
    ("sort", 1, |ctx, a| {
        let mut v = list(&a[0])?;
        ctx.charge_sort(v.len());
        sort_terms(&mut v);
        Ok(Term::list(v))
    }),
    ("usort", 1, |ctx, a| {
        let mut v = list(&a[0])?;
        ctx.charge_sort(v.len());
        sort_terms(&mut v);
        v.dedup_by(|x, y| x == y);
        Ok(Term::list(v))
    }),
    ("keyfind", 3, |_, a| {
        let n = int(&a[1])?;
        Ok(keyfind(&a[2], n, &a[0])?.map(|(_, t)| t).unwrap_or(Term::FALSE))
    }),
    ("keymember", 3, |_, a| Ok(Term::bool(keyfind(&a[2], int(&a[1])?, &a[0])?.is_some()))),
    ("keydelete", 3, |_, a| keydelete(&a[2], int(&a[1])?, &a[0])),
    ("keyreplace", 4, |_, a| keyreplace(&a[2], int(&a[1])?, &a[0], &a[3], false)),
    ("keystore", 4, |_, a| keyreplace(&a[2], int(&a[1])?, &a[0], &a[3], true)),
    ("keytake", 3, |_, a| {
        let mut v = list(&a[2])?;
        let n = int(&a[1])?;
        match v.iter().position(|t| key_of(t, n).map(|k| k.eq_num(&a[0])).unwrap_or(false)) {
            Some(i) => {
                let t = v.remove(i);
                Ok(Term::tuple(vec![Term::atom("value"), t, Term::list(v)]))
            }
            None => Ok(Term::FALSE),
        }
    }),
    ("keysort", 2, |_, a| {
        keysort(list(&a[1])?, int(&a[0])?, false)
    }),
    ("member", 2, |_, a| {
        let mut cur = &a[1];
        while let Term::Cons(c) = cur {
            if c.head == a[0] {
                return Ok(Term::TRUE);
            }
            cur = &c.tail;
        }
        Ok(Term::FALSE)
    }),
    ("append", 2, super::erlang::append),
    ("append", 1, |_, a| {
        let lists = list(&a[0])?;
        let mut out = Vec::new();
        let n = lists.len();
        let mut tail = Term::Nil;
        for (i, l) in lists.into_iter().enumerate() {
            if i + 1 == n {
                tail = l;
            } else {
                out.extend(list(&l)?);
            }
        }
        Ok(Term::list_with_tail(out, tail))
    }),
    ("subtract", 2, super::erlang::subtract),
    ("seq", 2, |_, a| seq(int(&a[0])?, int(&a[1])?, 1)),
    ("seq", 3, |_, a| seq(int(&a[0])?, int(&a[1])?, int(&a[2])?)),
    ("nth", 2, |_, a| {
        let n = int(&a[0])?;
        let v = list(&a[1])?;
        if n < 1 || n as usize > v.len() {
            return Err(Exception::error(Term::atom("function_clause")).into());
        }
        Ok(v[n as usize - 1].clone())
    }),
    ("nthtail", 2, |_, a| {
        let mut n = int(&a[0])?;
        let mut cur = a[1].clone();
        while n > 0 {
            match cur {
                Term::Cons(c) => cur = c.tail.clone(),
                _ => return Err(Exception::error(Term::atom("function_clause")).into()),
            }
            n -= 1;
        }
        Ok(cur)
    }),
    ("sum", 1, |_, a| sum(items(&a[0])?)),
    ("max", 1, |_, a| extreme(&list(&a[0])?, Ordering::Greater)),
    ("min", 1, |_, a| extreme(&list(&a[0])?, Ordering::Less)),
    ("last", 1, |_, a| list(&a[0])?.pop().map(Ok).unwrap_or_else(|| Err(Exception::error(Term::atom("function_clause")).into()))),
    ("flatten", 1, |_, a| flatten(&a[0], Term::Nil)),
    ("flatten", 2, |_, a| flatten(&a[0], a[1].clone())),
    ("zip", 2, |_, a| {
        let (x, y) = (list(&a[0])?, list(&a[1])?);
        if x.len() != y.len() {
            return Err(Exception::error(Term::atom("function_clause")).into());
        }
        Ok(Term::list(x.into_iter().zip(y).map(|(p, q)| Term::pair(p, q)).collect()))
    }),
    ("unzip", 1, |_, a| unzip(&a[0])),
    ("duplicate", 2, |ctx, a| {
        let n = int(&a[0])?;
        if n < 0 {
            return badarg();
        }
        super::limits::check_list(n as u64)?;
        ctx.heap_grows(2 * n as u64)?;
        ctx.charge(n as usize);
        Ok(Term::list(vec![a[1].clone(); n as usize]))
    }),
    ("delete", 2, |_, a| {
        let mut v = list(&a[1])?;
        if let Some(i) = v.iter().position(|x| *x == a[0]) {
            v.remove(i);
        }
        Ok(Term::list(v))
    }),
    ("sublist", 2, |_, a| {
        let v = list(&a[0])?;
        let n = (int(&a[1])?.max(0) as usize).min(v.len());
        Ok(Term::list(v[..n].to_vec()))
    }),
    ("sublist", 3, |_, a| {
        let v = list(&a[0])?;
        let s = (int(&a[1])?.max(1) as usize - 1).min(v.len());
        let n = int(&a[2])?.max(0) as usize;
        Ok(Term::list(v[s..(s + n).min(v.len())].to_vec()))
    }),
    ("split", 2, |_, a| {
        let n = int(&a[0])?;
        let v = list(&a[1])?;
        if n < 0 || n as usize > v.len() {
            return badarg();
        }
        let (l, r) = v.split_at(n as usize);
        Ok(Term::tuple(vec![Term::list(l.to_vec()), Term::list(r.to_vec())]))
    }),
    ("concat", 1, |_, a| {
        let mut out = Vec::new();
        for t in list(&a[0])? {
            match &t {
                Term::Atom(x) => out.extend_from_slice(x.name().as_bytes()),
                Term::Int(i) => out.extend_from_slice(i.to_string().as_bytes()),
                _ => match text(&t) {
                    Some(b) => out.extend(b),
                    None => return badarg(),
                },
            }
        }
        Ok(charlist(&String::from_utf8_lossy(&out)))
    }),
];

/// The natives of `Elixir.List`: `(name, arity, function)`.
const LIST: NativeTable = &[
    ("first", 1, |_, a| Ok(list_first(&a[0], Term::NIL_ATOM)?)),
    ("first", 2, |_, a| Ok(list_first(&a[0], a[1].clone())?)),
    ("last", 1, |_, a| Ok(list(&a[0])?.pop().unwrap_or(Term::NIL_ATOM))),
    ("last", 2, |_, a| Ok(list(&a[0])?.pop().unwrap_or_else(|| a[1].clone()))),
    ("flatten", 1, |_, a| flatten(&a[0], Term::Nil)),
    ("flatten", 2, |_, a| flatten(&a[0], a[1].clone())),
    ("duplicate", 2, |ctx, a| {
        let n = int(&a[1])?;
        if n < 0 {
            return badarg();
        }
        super::limits::check_list(n as u64)?;
        ctx.heap_grows(2 * n as u64)?;
        ctx.charge(n as usize);
        Ok(Term::list(vec![a[0].clone(); n as usize]))
    }),
    ("delete", 2, |_, a| {
        let mut v = list(&a[0])?;
        if let Some(i) = v.iter().position(|x| *x == a[1]) {
            v.remove(i);
        }
        Ok(Term::list(v))
    }),
    ("insert_at", 3, |_, a| {
        let mut v = list(&a[0])?;
        let i = norm_index(int(&a[1])?, v.len(), true);
        v.insert(i, a[2].clone());
        Ok(Term::list(v))
    }),
    ("replace_at", 3, |_, a| {
        let mut v = list(&a[0])?;
        if let Some(i) = index(int(&a[1])?, v.len()) {
            v[i] = a[2].clone();
        }
        Ok(Term::list(v))
    }),
    ("delete_at", 2, |_, a| {
        let mut v = list(&a[0])?;
        if let Some(i) = index(int(&a[1])?, v.len()) {
            v.remove(i);
        }
        Ok(Term::list(v))
    }),
    ("pop_at", 2, |_, a| pop_at(&a[0], &a[1], Term::NIL_ATOM)),
    ("pop_at", 3, |_, a| pop_at(&a[0], &a[1], a[2].clone())),
    ("wrap", 1, |_, a| {
        Ok(match &a[0] {
            Term::Nil | Term::Cons(_) => a[0].clone(),
            Term::Atom(Atom::NIL) => Term::Nil,
            other => Term::list(vec![other.clone()]),
        })
    }),
    ("to_tuple", 1, |_, a| Ok(Term::tuple(list(&a[0])?))),
    ("zip", 1, |_, a| {
        let lists: Vec<Vec<Term>> = list(&a[0])?.iter().map(list).collect::<Result<_, _>>()?;
        let n = lists.iter().map(|l| l.len()).min().unwrap_or(0);
        Ok(Term::list((0..n).map(|i| Term::tuple(lists.iter().map(|l| l[i].clone()).collect())).collect()))
    }),
    ("keyfind", 3, |_, a| Ok(keyfind(&a[0], int(&a[2])? + 1, &a[1])?.map(|(_, t)| t).unwrap_or(Term::NIL_ATOM))),
    ("keyfind", 4, |_, a| Ok(keyfind(&a[0], int(&a[2])? + 1, &a[1])?.map(|(_, t)| t).unwrap_or_else(|| a[3].clone()))),
    ("keymember?", 3, |_, a| Ok(Term::bool(keyfind(&a[0], int(&a[2])? + 1, &a[1])?.is_some()))),
    ("keydelete", 3, |_, a| keydelete(&a[0], int(&a[2])? + 1, &a[1])),
    ("keyreplace", 4, |_, a| keyreplace(&a[0], int(&a[2])? + 1, &a[1], &a[3], false)),
    ("keystore", 4, |_, a| keyreplace(&a[0], int(&a[2])? + 1, &a[1], &a[3], true)),
    ("keytake", 3, |_, a| {
        let mut v = list(&a[0])?;
        let n = int(&a[2])? + 1;
        match v.iter().position(|t| key_of(t, n).map(|k| k.eq_num(&a[1])).unwrap_or(false)) {
            Some(i) => {
                let t = v.remove(i);
                Ok(Term::tuple(vec![t, Term::list(v)]))
            }
            None => Ok(Term::NIL_ATOM),
        }
    }),
    ("keysort", 2, |_, a| {
        keysort(list(&a[0])?, int(&a[1])? + 1, false)
    }),
    ("starts_with?", 2, |_, a| {
        let (v, p) = (list(&a[0])?, list(&a[1])?);
        Ok(Term::bool(v.len() >= p.len() && v.iter().zip(p.iter()).all(|(x, y)| x == y)))
    }),
    ("to_string", 1, |ctx, a| match text(&a[0]) {
        Some(b) => Ok(Term::binary(b)),
        None => arg_error(&format!(
            "cannot convert the given list to a string.\n\nTo be converted to a string, a list must either be empty or only\ncontain the following elements:\n\n  * strings\n  * integers representing Unicode code points\n  * a list containing one of these three elements\n\nPlease check the given list or call inspect/1 to get the list representation, got:\n\n{}\n",
            ctx.vm.code.known.inspect(&a[0])
        )),
    }),
    ("to_charlist", 1, |_, a| match text(&a[0]) {
        Some(b) => Ok(charlist(&String::from_utf8_lossy(&b))),
        None => badarg(),
    }),
    ("to_atom", 1, |_, a| match text(&a[0]) {
        Some(b) => Ok(Term::Atom(Atom::intern(&String::from_utf8_lossy(&b)))),
        None => badarg(),
    }),
    ("to_existing_atom", 1, |_, a| match text(&a[0]).and_then(|b| Atom::existing(&String::from_utf8_lossy(&b))) {
        Some(x) => Ok(Term::Atom(x)),
        None => bif_badarg("erlang", "list_to_existing_atom", a, &[(1, "not an already existing atom")]),
    }),
    ("to_integer", 1, |_, a| {
        let b = text(&a[0]).ok_or(()).or_else(|_| bif_badarg("erlang", "list_to_integer", a, &[(1, "not a list")]))?;
        super::math::parse_integer_strict(&String::from_utf8_lossy(&b), 10)
            .or_else(|_| bif_badarg("erlang", "list_to_integer", a, &[(1, "not a textual representation of an integer")]))
    }),
    ("to_integer", 2, |_, a| {
        let b = text(&a[0]).ok_or(()).or_else(|_| bif_badarg("erlang", "list_to_integer", a, &[(1, "not a list")]))?;
        let base = int(&a[1])?;
        if !(2..=36).contains(&base) {
            return bif_badarg("erlang", "list_to_integer", a, &[(2, "not an integer in the range 2 through 36")]);
        }
        super::math::parse_integer_strict(&String::from_utf8_lossy(&b), base as u32)
            .or_else(|_| bif_badarg("erlang", "list_to_integer", a, &[(1, "not a textual representation of an integer")]))
    }),
    ("to_float", 1, |_, a| {
        let b = text(&a[0]).ok_or(()).or_else(|_| badarg())?;
        super::math::parse_float_strict(&String::from_utf8_lossy(&b))
    }),
    ("ascii_printable?", 1, |_, a| {
        Ok(Term::bool(list(&a[0])?.iter().all(|t| matches!(t, Term::Int(c) if (32..127).contains(c) || [7, 8, 9, 10, 11, 12, 13, 27].contains(c)))))
    }),
    ("improper?", 1, |_, a| {
        let mut cur = &a[0];
        while let Term::Cons(c) = cur {
            cur = &c.tail;
        }
        Ok(Term::bool(!matches!(cur, Term::Nil)))
    }),
];

/// The natives of `retort_enum`: `(name, arity, function)`.
const RETORT_ENUM: NativeTable = &[
    ("sort_desc", 1, |ctx, a| {
        let mut v = list(&a[0])?;
        ctx.charge_sort(v.len());
        v.sort_by(|x, y| compare(y, x, false));
        Ok(Term::list(v))
    }),
    ("keysort_desc", 1, |_, a| {
        // Stable sort of `{key, value}` pairs by key, descending.
        keysort(list(&a[0])?, 1, true)
    }),
    ("sort", 1, |ctx, a| {
        let mut v = list(&a[0])?;
        ctx.charge_sort(v.len());
        sort_terms(&mut v);
        Ok(Term::list(v))
    }),
    ("uniq", 1, |ctx, a| {
        let v = list(&a[0])?;
        ctx.charge_sort(v.len());
        let mut seen = MapT::new();
        let mut out = Vec::new();
        for x in v {
            if seen.insert(x.clone(), Term::TRUE).is_none() {
                out.push(x);
            }
        }
        Ok(Term::list(out))
    }),
    ("dedup", 1, |ctx, a| {
        let mut v = list(&a[0])?;
        ctx.charge(v.len());
        v.dedup_by(|x, y| x == y);
        Ok(Term::list(v))
    }),
    ("frequencies", 1, |ctx, a| {
        let mut m = MapT::new();
        let items = list(&a[0])?;
        ctx.charge_sort(items.len());
        for x in items {
            let n = match m.get(&x) {
                Some(Term::Int(n)) => n + 1,
                _ => 1,
            };
            m.insert(x, Term::Int(n));
        }
        Ok(Term::map(m))
    }),
    ("sum", 1, |_, a| sum(items(&a[0])?)),
    ("product", 1, |_, a| {
        let mut acc = Term::Int(1);
        for x in list(&a[0])? {
            acc = crate::value::arith::arith(crate::value::arith::ArithOp::Mul, &acc, &x)?;
        }
        Ok(acc)
    }),
    ("max", 1, |_, a| extreme(&list(&a[0])?, Ordering::Greater)),
    ("min", 1, |_, a| extreme(&list(&a[0])?, Ordering::Less)),
    ("join", 2, |ctx, a| {
        let sep = bytes(&a[1])?.to_vec();
        let mut out = Vec::new();
        let items = list(&a[0])?;
        ctx.charge(items.len());
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(&sep);
            }
            match crate::value::to_string::to_string(x) {
                Ok(b) => out.extend(b),
                Err(()) => return Err(crate::value::construct::protocol_undefined("String.Chars", x).into()),
            }
        }
        Ok(Term::binary(out))
    }),
    ("take", 2, |_, a| {
        let n = int(&a[1])?;
        if n >= 0 {
            // As Elixir's `take_list/2`: only the first `n` cells are visited.
            let mut out = Vec::new();
            let mut cur = &a[0];
            while out.len() < n as usize {
                match cur {
                    Term::Cons(c) => {
                        out.push(c.head.clone());
                        cur = &c.tail;
                    }
                    Term::Nil => break,
                    _ => return badarg(),
                }
            }
            return Ok(Term::list(out));
        }
        let v = list(&a[0])?;
        Ok(Term::list(if n >= 0 { v[..(n as usize).min(v.len())].to_vec() } else { v[v.len().saturating_sub((-n) as usize)..].to_vec() }))
    }),
    ("drop", 2, |_, a| {
        let n = int(&a[1])?;
        if n >= 0 {
            let mut cur = a[0].clone();
            for _ in 0..n {
                match cur {
                    Term::Cons(c) => cur = c.tail.clone(),
                    _ => break,
                }
            }
            return Ok(cur);
        }
        let v = list(&a[0])?;
        Ok(Term::list(v[..v.len().saturating_sub((-n) as usize)].to_vec()))
    }),
    ("split", 2, |_, a| {
        let v = list(&a[0])?;
        let n = int(&a[1])?;
        let at = if n >= 0 { (n as usize).min(v.len()) } else { v.len().saturating_sub((-n) as usize) };
        let (l, r) = v.split_at(at);
        Ok(Term::tuple(vec![Term::list(l.to_vec()), Term::list(r.to_vec())]))
    }),
    ("slice", 3, |_, a| {
        let v = list(&a[0])?;
        let (s, n) = (int(&a[1])?, int(&a[2])?);
        let len = v.len() as i64;
        let s = if s < 0 { (len + s).max(0) } else { s };
        if s >= len || n <= 0 {
            return Ok(Term::Nil);
        }
        let e = (s + n).min(len);
        Ok(Term::list(v[s as usize..e as usize].to_vec()))
    }),
    ("at", 3, |_, a| {
        let v = list(&a[0])?;
        Ok(index(int(&a[1])?, v.len()).map(|i| v[i].clone()).unwrap_or_else(|| a[2].clone()))
    }),
    ("fetch", 2, |_, a| {
        let v = list(&a[0])?;
        Ok(index(int(&a[1])?, v.len()).map(|i| ok(v[i].clone())).unwrap_or(Term::atom("error")))
    }),
    ("chunk_every", 4, |_, a| {
        // (list, count, step, leftover) with leftover = :discard | list
        let v = list(&a[0])?;
        let (count, step) = (int(&a[1])? as usize, int(&a[2])? as usize);
        if count == 0 || step == 0 {
            return badarg();
        }
        let mut out = Vec::new();
        let mut i = 0;
        while i < v.len() {
            if i + count <= v.len() {
                out.push(Term::list(v[i..i + count].to_vec()));
            } else {
                match &a[3] {
                    Term::Atom(_) => {}
                    pad => {
                        let mut chunk = v[i..].to_vec();
                        for p in list(pad)? {
                            if chunk.len() == count {
                                break;
                            }
                            chunk.push(p);
                        }
                        out.push(Term::list(chunk));
                    }
                }
                break;
            }
            i += step;
        }
        Ok(Term::list(out))
    }),
    ("intersperse", 2, |_, a| {
        let v = list(&a[0])?;
        let mut out = Vec::with_capacity(v.len() * 2);
        for (i, x) in v.into_iter().enumerate() {
            if i > 0 {
                out.push(a[1].clone());
            }
            out.push(x);
        }
        Ok(Term::list(out))
    }),
    ("with_index", 2, |_, a| {
        let off = int(&a[1])?;
        // Built from the last element back, straight into cells (no Vec of pairs).
        let xs: smallvec::SmallVec<[&Term; 16]> = items(&a[0])?.collect();
        let mut out = Term::Nil;
        for (i, x) in xs.into_iter().enumerate().rev() {
            out = Term::cons(Term::pair(x.clone(), match off.checked_add(i as i64) {
                Some(k) => Term::Int(k),
                None => Term::from_bigint(num_bigint::BigInt::from(off) + i),
            }), out);
        }
        Ok(out)
    }),
    ("zip", 2, |_, a| {
        let (x, y) = (list(&a[0])?, list(&a[1])?);
        Ok(Term::list(x.into_iter().zip(y).map(|(p, q)| Term::pair(p, q)).collect()))
    }),
    ("unzip", 1, |_, a| unzip(&a[0])),
    ("concat", 1, |_, a| {
        let mut out = Vec::new();
        for l in list(&a[0])? {
            out.extend(list(&l)?);
        }
        Ok(Term::list(out))
    }),
    ("take_every", 2, |_, a| {
        let n = int(&a[1])?;
        if n <= 0 {
            return Ok(Term::Nil);
        }
        Ok(Term::list(list(&a[0])?.into_iter().step_by(n as usize).collect()))
    }),
    ("member", 2, |_, a| {
        let mut cur = &a[0];
        while let Term::Cons(c) = cur {
            if c.head == a[1] {
                return Ok(Term::TRUE);
            }
            cur = &c.tail;
        }
        Ok(Term::FALSE)
    }),
    ("sort_prefix", 2, super::sort_steps::sort_prefix),
    ("merge_step", 5, super::sort_steps::merge_step),
    ("reverse_step", 3, super::sort_steps::reverse_step),
    ("uniq_step", 4, super::enum_steps::uniq_step),
    ("frequencies_step", 3, super::enum_steps::frequencies_step),
    ("shuffle_run", 3, super::enum_steps::shuffle_run),
    ("shuffle_merge", 7, super::enum_steps::shuffle_merge),
    ("shuffle_seed", 0, super::enum_steps::shuffle_seed),
    ("range_to_list", 3, |ctx, a| super::range::range_to_list(ctx, a)),
    ("shuffle", 1, |ctx, a| {
        let mut v = list(&a[0])?;
        ctx.charge(v.len());
        let mut seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(7) | 1;
        for i in (1..v.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            v.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        Ok(Term::list(v))
    }),
];

/// Erlang's term-order sort (stable; `1` and `1.0` compare equal).
pub fn sort_terms(v: &mut [Term]) {
    v.sort_by(|x, y| compare(x, y, false));
}

/// `:lists.reverse(a[0], tail)` for a native's arguments: checks that `a[0]` is a proper list
/// (`badarg` otherwise, with the argument left in place for the stacktrace), then takes it by
/// value and reverses it with [`reverse_owned`].
fn reverse_arg(a: &mut [Term], tail: Term) -> R {
    if !is_proper_list(&a[0]) {
        return badarg();
    }
    Ok(reverse_owned(std::mem::take(&mut a[0]), tail))
}

/// True for `[]` and for a chain of cells ending in `[]`.
fn is_proper_list(l: &Term) -> bool {
    let mut cur = l;
    loop {
        match cur {
            Term::Nil => return true,
            Term::Cons(c) => cur = &c.tail,
            _ => return false,
        }
    }
}

/// The elements of the proper list `l` in reverse order, followed by `tail`. Cells that `l`
/// owns alone (reference count 1, as a `for` accumulator is) are relinked in place, as Perceus /
/// Lean's reset-reuse do; from the first shared cell on, the rest is copied. An improper end
/// is dropped (callers check with [`is_proper_list`] first).
fn reverse_owned(l: Term, tail: Term) -> Term {
    let mut acc = tail;
    let mut cur = l;
    loop {
        match cur {
            Term::Cons(mut rc) => match crate::value::term::ConsRc::get_mut(&mut rc) {
                Some(cell) => {
                    cur = std::mem::replace(&mut cell.tail, acc);
                    acc = Term::Cons(rc);
                }
                None => return reverse_onto(&Term::Cons(rc), acc).unwrap_or(Term::Nil),
            },
            _ => return acc,
        }
    }
}

fn reverse_onto(l: &Term, tail: Term) -> R {
    let mut acc = tail;
    let mut cur = l;
    loop {
        match cur {
            Term::Nil => return Ok(acc),
            Term::Cons(c) => {
                acc = Term::cons(c.head.clone(), acc);
                cur = &c.tail;
            }
            _ => return badarg(),
        }
    }
}

fn list_first(l: &Term, default: Term) -> R {
    match l {
        Term::Cons(c) => Ok(c.head.clone()),
        Term::Nil => Ok(default),
        _ => Err(Exception::error(Term::atom("function_clause")).into()),
    }
}

/// Index into a list of `len`, negative from the end.
fn index(i: i64, len: usize) -> Option<usize> {
    let i = if i < 0 { len as i64 + i } else { i };
    if i < 0 || i >= len as i64 {
        None
    } else {
        Some(i as usize)
    }
}

/// Insertion index (`List.insert_at/3`): negative counts from the end (-1 = append).
fn norm_index(i: i64, len: usize, _insert: bool) -> usize {
    if i < 0 {
        let j = len as i64 + i + 1;
        j.max(0) as usize
    } else {
        (i as usize).min(len)
    }
}

fn pop_at(l: &Term, i: &Term, default: Term) -> R {
    let mut v = list(l)?;
    match index(int(i)?, v.len()) {
        Some(i) => {
            let x = v.remove(i);
            Ok(Term::tuple(vec![x, Term::list(v)]))
        }
        None => Ok(Term::tuple(vec![default, Term::list(v)])),
    }
}

/// Stable sort of tuples by their `n`th element (1-based), ascending or descending;
/// `badarg` if an element is not a tuple with that many elements.
fn keysort(v: Vec<Term>, n: i64, desc: bool) -> R {
    let mut keyed = Vec::with_capacity(v.len());
    for t in v {
        match key_of(&t, n) {
            Some(k) => keyed.push((k.clone(), t)),
            None => return badarg(),
        }
    }
    keyed.sort_by(|x, y| if desc { compare(&y.0, &x.0, false) } else { compare(&x.0, &y.0, false) });
    Ok(Term::list(keyed.into_iter().map(|(_, t)| t).collect()))
}

fn key_of(t: &Term, n: i64) -> Option<&Term> {
    match t {
        Term::Tuple(items) if n >= 1 && (n as usize) <= items.len() => Some(&items[n as usize - 1]),
        _ => None,
    }
}

/// The first tuple whose `n`th element (1-based) equals `key` (`==`).
fn keyfind(l: &Term, n: i64, key: &Term) -> Result<Option<(usize, Term)>, Trap> {
    if n < 1 {
        return badarg();
    }
    let mut cur = l;
    let mut i = 0;
    loop {
        match cur {
            Term::Nil => return Ok(None),
            Term::Cons(c) => {
                if let Some(k) = key_of(&c.head, n) {
                    if k.eq_num(key) {
                        return Ok(Some((i, c.head.clone())));
                    }
                }
                cur = &c.tail;
                i += 1;
            }
            _ => return badarg(),
        }
    }
}

fn keydelete(l: &Term, n: i64, key: &Term) -> R {
    let mut v = list(l)?;
    if let Some((i, _)) = keyfind(l, n, key)? {
        v.remove(i);
    }
    Ok(Term::list(v))
}

fn keyreplace(l: &Term, n: i64, key: &Term, new: &Term, store: bool) -> R {
    let mut v = list(l)?;
    match keyfind(l, n, key)? {
        Some((i, _)) => v[i] = new.clone(),
        None if store => v.push(new.clone()),
        None => {}
    }
    Ok(Term::list(v))
}

fn seq(from: i64, to: i64, step: i64) -> R {
    if step == 0 && from != to {
        return badarg();
    }
    if (step > 0 && to < from - step) || (step < 0 && to > from - step) {
        return badarg();
    }
    let mut out = Vec::new();
    let mut i = from;
    if step == 0 {
        return Ok(Term::list(vec![Term::Int(from)]));
    }
    while (step > 0 && i <= to) || (step < 0 && i >= to) {
        out.push(Term::Int(i));
        i += step;
    }
    Ok(Term::list(out))
}

fn sum<'a>(v: impl IntoIterator<Item = &'a Term>) -> R {
    let mut acc = Term::Int(0);
    for x in v {
        acc = match (&acc, x) {
            (Term::Int(a), Term::Int(b)) if a.checked_add(*b).is_some() => Term::Int(a + b),
            _ => crate::value::arith::arith(crate::value::arith::ArithOp::Add, &acc, x)?,
        };
    }
    Ok(acc)
}

fn extreme(v: &[Term], want: Ordering) -> R {
    let mut it = v.iter();
    let Some(mut best) = it.next() else {
        return Err(Exception::error(Term::atom("function_clause")).into());
    };
    for x in it {
        if compare(x, best, false) == want {
            best = x;
        }
    }
    Ok(best.clone())
}

/// `:lists.flatten/2`: the elements of the deep list `l` in order, ending in `tail`;
/// `badarg` for an improper list at any depth. Walks with an explicit stack of the tails still
/// to visit, so a list nested a million deep flattens without recursion.
fn flatten(l: &Term, tail: Term) -> R {
    let mut out = Vec::new();
    let mut pending: Vec<&Term> = Vec::new();
    let mut cur = l;
    loop {
        match cur {
            Term::Nil => match pending.pop() {
                Some(t) => cur = t,
                None => break,
            },
            Term::Cons(c) => match &c.head {
                h @ (Term::Nil | Term::Cons(_)) => {
                    pending.push(&c.tail);
                    cur = h;
                }
                h => {
                    out.push(h.clone());
                    cur = &c.tail;
                }
            },
            _ => return badarg(),
        }
    }
    Ok(Term::list_with_tail(out, tail))
}

fn unzip(l: &Term) -> R {
    let mut a = Vec::new();
    let mut b = Vec::new();
    for t in list(l)? {
        match &t {
            Term::Tuple(items) if items.len() == 2 => {
                a.push(items[0].clone());
                b.push(items[1].clone());
            }
            _ => return badarg(),
        }
    }
    Ok(Term::tuple(vec![Term::list(a), Term::list(b)]))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn flatten_and_seq() {
        let l = Term::list(vec![Term::Int(1), Term::list(vec![Term::Int(2), Term::list(vec![Term::Int(3)])])]);
        assert_eq!(flatten(&l, Term::Nil).unwrap(), Term::list(vec![Term::Int(1), Term::Int(2), Term::Int(3)]));
        assert_eq!(seq(1, 3, 1).unwrap(), Term::list(vec![Term::Int(1), Term::Int(2), Term::Int(3)]));
        assert_eq!(reverse_onto(&Term::list(vec![Term::Int(1), Term::Int(2)]), Term::Nil).unwrap(), Term::list(vec![Term::Int(2), Term::Int(1)]));
    }

    fn ints(v: &[i64]) -> Term {
        Term::list(v.iter().map(|&i| Term::Int(i)).collect())
    }

    fn cell_ptr(t: &Term) -> *const crate::value::term::Cons {
        match t {
            Term::Cons(c) => crate::value::term::ConsRc::as_ptr(c),
            _ => std::ptr::null(),
        }
    }

    #[test]
    fn reverse_relinks_unique_cells_and_copies_shared_ones() {
        let l = ints(&[1, 2, 3]);
        let first = cell_ptr(&l);
        let mut a = [l, ints(&[9])];
        let tail = std::mem::take(&mut a[1]);
        let r = reverse_arg(&mut a, tail).unwrap();
        assert_eq!(r, ints(&[3, 2, 1, 9]));
        // The old first cell is now the last cell before the tail.
        let Term::Cons(c) = &r else { panic!() };
        let Term::Cons(c) = &c.tail else { panic!() };
        assert_eq!(cell_ptr(&c.tail), first);
        // A shared suffix is copied and stays as it was.
        let shared = ints(&[3, 4]);
        let l = Term::cons(Term::Int(1), Term::cons(Term::Int(2), shared.clone()));
        let mut a = [l];
        assert_eq!(reverse_arg(&mut a, Term::Nil).unwrap(), ints(&[4, 3, 2, 1]));
        assert_eq!(shared, ints(&[3, 4]));
        // Improper: badarg, the argument left in place.
        let mut a = [Term::cons(Term::Int(1), Term::Int(2))];
        assert!(reverse_arg(&mut a, Term::Nil).is_err());
        assert_eq!(a[0], Term::cons(Term::Int(1), Term::Int(2)));
    }
}
