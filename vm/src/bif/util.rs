//! Argument helpers shared by the natives.
use crate::error::{Exception, Trap};
use crate::value::{Atom, MapT, Term};

pub type R = Result<Term, Trap>;

/// The atom named `$name`, interned once per call site and kept in a `static`: for natives on
/// hot paths, since [`Atom::intern`] takes the atom table's lock and hashes the name. Atoms
/// live as long as the program (the table is global), so the cached value never goes stale.
macro_rules! atom_once {
    ($name:literal) => {{
        static ATOM: std::sync::OnceLock<$crate::value::Atom> = std::sync::OnceLock::new();
        *ATOM.get_or_init(|| $crate::value::Atom::intern($name))
    }};
}
pub(crate) use atom_once;

pub fn badarg<T>() -> Result<T, Trap> {
    Err(Trap::Raise(Exception::badarg()))
}

pub fn arg_error<T>(msg: &str) -> Result<T, Trap> {
    Err(Trap::Raise(Exception::argument_error(msg)))
}

/// An `ArgumentError` worded like OTP 25's extended error info for a BIF:
/// `errors were found at the given arguments:\n\n  * 1st argument: <what>\n`.
pub fn arg_errors<T>(arg: usize, what: &str) -> Result<T, Trap> {
    let nth = match arg {
        1 => "1st".to_string(),
        2 => "2nd".to_string(),
        3 => "3rd".to_string(),
        n => format!("{n}th"),
    };
    arg_error(&format!("errors were found at the given arguments:\n\n  * {nth} argument: {what}\n"))
}

/// `:badarg` from the BIF `m.f(args)`, as OTP raises it ([`Exception::bif_badarg`]).
pub fn bif_badarg<T>(m: &str, f: &str, args: &[Term], faults: &[(usize, &str)]) -> Result<T, Trap> {
    Err(Trap::Raise(Exception::bif_badarg(m, f, args, faults)))
}

pub fn atom(t: &Term) -> Result<Atom, Trap> {
    t.as_atom().ok_or_else(|| Trap::Raise(Exception::badarg()))
}

pub fn int(t: &Term) -> Result<i64, Trap> {
    match t {
        Term::Int(i) => Ok(*i),
        _ => badarg(),
    }
}

pub fn bytes(t: &Term) -> Result<&[u8], Trap> {
    match t {
        Term::Binary(b) => Ok(b),
        _ => badarg(),
    }
}

pub fn string(t: &Term) -> Result<String, Trap> {
    Ok(String::from_utf8_lossy(bytes(t)?).into_owned())
}

pub fn list(t: &Term) -> Result<Vec<Term>, Trap> {
    t.list_to_vec().ok_or_else(|| Trap::Raise(Exception::badarg()))
}

/// The elements of the proper list `t`, borrowed in order (no Vec, no reference counting);
/// `badarg` when `t` is not a proper list.
pub fn items(t: &Term) -> Result<Items<'_>, Trap> {
    let mut cur = t;
    while let Term::Cons(c) = cur {
        cur = &c.tail;
    }
    match cur {
        Term::Nil => Ok(Items(t)),
        _ => badarg(),
    }
}

/// Iterator of [`items`]: the heads of a proper list's cells.
pub struct Items<'a>(&'a Term);

impl<'a> Iterator for Items<'a> {
    type Item = &'a Term;
    fn next(&mut self) -> Option<&'a Term> {
        match self.0 {
            Term::Cons(c) => {
                self.0 = &c.tail;
                Some(&c.head)
            }
            _ => None,
        }
    }
}

pub fn pid(t: &Term) -> Result<crate::value::Pid, Trap> {
    match t {
        Term::Pid(p) => Ok(*p),
        _ => badarg(),
    }
}

/// Looks `key` up in a keyword list.
pub fn kw_get(list: &Term, key: &str) -> Option<Term> {
    let k = Atom::existing(key)?;
    let mut cur = list;
    while let Term::Cons(c) = cur {
        if let Term::Tuple(t) = &c.head {
            if t.len() == 2 && t[0] == Term::Atom(k) {
                return Some(t[1].clone());
            }
        }
        cur = &c.tail;
    }
    None
}

/// `{:ok, v}`
pub fn ok(v: Term) -> Term {
    Term::tuple(vec![Term::OK, v])
}

/// `{:error, v}`
pub fn error(v: Term) -> Term {
    Term::tuple(vec![Term::Atom(Atom::ERROR), v])
}

/// Builds a map with atom keys.
pub fn atom_map(pairs: &[(&str, Term)]) -> Term {
    let mut m = MapT::new();
    for (k, v) in pairs {
        m.insert(Term::atom(k), v.clone());
    }
    Term::map(m)
}

/// A charlist from a string.
pub fn charlist(s: &str) -> Term {
    Term::list(s.chars().map(|c| Term::Int(c as i64)).collect())
}

/// Text of a charlist or binary or iodata; `None` if neither.
pub fn text(t: &Term) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    if iodata(t, &mut out) {
        Some(out)
    } else {
        None
    }
}

/// Flattens chardata (binaries, lists of code points, nested) into `out` as UTF-8; false if
/// `t` is not chardata. Walks with an explicit stack, so nesting a million deep is fine.
pub fn iodata(t: &Term, out: &mut Vec<u8>) -> bool {
    walk_iodata(t, out, false)
}

/// Flattens iodata in the strict sense of `:erlang.iolist_to_binary/1` (binaries and lists of
/// bytes 0..=255, nested, a binary allowed as a tail) into `out`; false otherwise.
pub fn iodata_bytes(t: &Term, out: &mut Vec<u8>) -> bool {
    walk_iodata(t, out, true)
}

/// The walk behind [`iodata`] (`bytes == false`: integers are code points, written as UTF-8)
/// and [`iodata_bytes`] (`bytes == true`: integers are bytes). The explicit stack holds the
/// tails of the lists entered through a head.
fn walk_iodata(t: &Term, out: &mut Vec<u8>, bytes: bool) -> bool {
    let mut pending: Vec<&Term> = Vec::new();
    let mut cur = match t {
        Term::Binary(b) => {
            out.extend_from_slice(b);
            return true;
        }
        Term::Nil | Term::Cons(_) => t,
        _ => return false,
    };
    loop {
        match cur {
            Term::Nil => match pending.pop() {
                Some(next) => cur = next,
                None => return true,
            },
            Term::Binary(b) => {
                out.extend_from_slice(b);
                match pending.pop() {
                    Some(next) => cur = next,
                    None => return true,
                }
            }
            Term::Cons(c) => {
                match &c.head {
                    Term::Int(i) if bytes => match u8::try_from(*i) {
                        Ok(byte) => out.push(byte),
                        Err(_) => return false,
                    },
                    Term::Int(i) if *i >= 0 => match u32::try_from(*i).ok().and_then(char::from_u32) {
                        Some(ch) => {
                            let mut buf = [0u8; 4];
                            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                        }
                        None => return false,
                    },
                    Term::Binary(b) => out.extend_from_slice(b),
                    h @ (Term::Nil | Term::Cons(_)) => {
                        pending.push(&c.tail);
                        cur = h;
                        continue;
                    }
                    _ => return false,
                }
                cur = &c.tail;
            }
            _ => return false,
        }
    }
}
