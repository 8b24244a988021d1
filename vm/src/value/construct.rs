//! Terms built from register windows by the construction instructions: maps (`%{k => v}`,
//! `%{m | k => v}`, `Map.put` of several pairs), binary concatenation (`<>`) and
//! interpolation's `to_string`.

use super::atom::Atom;
use super::bin::Bin;
use super::term::{MapT, Term};
use crate::error::Exception;
use smallvec::SmallVec;
use std::rc::Rc;

/// A map from consecutive key/value registers.
pub fn build_map(kv: &[Term]) -> Term {
    let mut m = MapT::new();
    for pair in kv.chunks(2) {
        m.insert(pair[0].clone(), pair[1].clone());
    }
    Term::map(m)
}

/// The map of `MapLit`: the keys of the literal map `keys` (shared) with `vals` in their
/// order. The verifier guarantees a flatmap literal of `vals.len()` keys; anything else
/// (unreachable for verified code) is built key by key.
pub fn map_with_keys(keys: &Term, vals: &[Term]) -> Term {
    if let Term::Map(k) = keys {
        if let Some(m) = k.with_keys_of(vals.to_vec()) {
            return Term::map(m);
        }
        let mut m = MapT::new();
        for ((key, _), v) in k.iter().zip(vals) {
            m.insert(key.clone(), v.clone());
        }
        return Term::map(m);
    }
    Term::map(MapT::new())
}

/// `Map.put` of several pairs, or (with `exact`) the `%{m | k => v}` update that requires
/// every key to exist.
pub fn map_put(map: &Term, kv: &[Term], exact: bool) -> Result<Term, Exception> {
    let Term::Map(m) = map else {
        return Err(Exception::tagged(Atom::BADMAP, map.clone()));
    };
    let mut m: MapT = (**m).clone();
    for pair in kv.chunks(2) {
        if exact && !m.contains_key(&pair[0]) {
            // `%{map | k: v}` fails with `{:badkey, k}` (no map), as on the BEAM.
            return Err(Exception::tagged(Atom::BADKEY, pair[0].clone()));
        }
        m.insert(pair[0].clone(), pair[1].clone());
    }
    Ok(Term::Map(Rc::new(m)))
}

/// [`map_put`] on an owned map term (`Map.put` of several pairs, or with `exact` the
/// `%{m | k => v}` update): updates in place when the map's `Rc` is unique, else copies the
/// path (the shared original is unchanged). Every key is checked before anything changes,
/// so an error leaves no partial update. Errors: `{:badmap, map}`, `{:badkey, k}`.
pub fn map_put_owned(map: Term, kv: &[Term], exact: bool) -> Result<Term, Exception> {
    let Term::Map(mut rc) = map else {
        return Err(Exception::tagged(Atom::BADMAP, map));
    };
    if exact {
        if let Some(pair) = kv.chunks(2).find(|p| !rc.contains_key(&p[0])) {
            return Err(Exception::tagged(Atom::BADKEY, pair[0].clone()));
        }
    }
    let m = Rc::make_mut(&mut rc);
    for pair in kv.chunks(2) {
        m.insert(pair[0].clone(), pair[1].clone());
    }
    Ok(Term::Map(rc))
}

/// Concatenation of binaries (`<>`, interpolation): appends in place to the first part when it
/// is the tip of an append buffer (see `value::bin`).
pub fn concat(parts: &[Term]) -> Result<Term, Exception> {
    let Some(Term::Binary(first)) = parts.first() else {
        return if parts.is_empty() { Ok(Term::binary(Vec::new())) } else { Err(concat_error(0, &parts[0])) };
    };
    let mut rest: SmallVec<[&[u8]; 8]> = SmallVec::new();
    for (i, p) in parts.iter().enumerate().skip(1) {
        match p {
            Term::Binary(b) => rest.push(b.as_slice()),
            _ => return Err(concat_error(i, p)),
        }
    }
    Ok(Term::Binary(Rc::new(Bin::concat(first, &rest))))
}

/// The ArgumentError of a `<>` chain whose piece `index` (0-based) is `v`, not a binary, as
/// OTP 25 words it for the binary construction Elixir compiles `<>` to: `construction of
/// binary failed: segment 1 of type 'binary': expected a binary but got: 1`.
fn concat_error(index: usize, v: &Term) -> Exception {
    Exception::argument_error(&format!(
        "construction of binary failed: segment {} of type 'binary': expected a binary but got: {}",
        index + 1,
        crate::value::inspect::inspect_default(v)
    ))
}

/// `String.Chars.to_string/1` for interpolation.
pub fn to_str(t: &Term) -> Result<Term, Exception> {
    match crate::value::to_string::to_string(t) {
        Ok(b) => Ok(Term::binary(b)),
        Err(()) => Err(protocol_undefined("String.Chars", t)),
    }
}

/// `Protocol.UndefinedError` for `protocol` and `value`.
pub fn protocol_undefined(protocol: &str, value: &Term) -> Exception {
    let mut m = MapT::new();
    m.insert(Term::Atom(Atom::STRUCT), Term::atom("Elixir.Protocol.UndefinedError"));
    m.insert(Term::Atom(Atom::EXCEPTION), Term::TRUE);
    m.insert(Term::atom("protocol"), Term::atom(&format!("Elixir.{protocol}")));
    m.insert(Term::atom("value"), value.clone());
    m.insert(Term::atom("description"), Term::string(""));
    Exception::error(Term::map(m))
}
