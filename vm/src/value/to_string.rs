//! `String.Chars` (`to_string/1`, string interpolation) for the built-in types, as Elixir
//! 1.14 defines it:
//!
//! * binaries as they are; atoms by name (`nil` → `""`, `Foo` → `"Elixir.Foo"`, `:ok` → `"ok"`);
//! * integers in decimal; floats as `Float.to_string/1` (Erlang's `[short]` form: `1.0e3`);
//! * lists as `List.to_string/1`: charlists and iodata/chardata (nested lists of codepoints
//!   and binaries), codepoints encoded as UTF-8;
//! * the calendar structs `Date`, `Time`, `NaiveDateTime`, `DateTime` (see
//!   [`super::inspect_calendar`]);
//! * everything else (tuples, other maps and structs, pids, references, funs, lists with
//!   non-codepoints) is `Err(())`: the caller raises `Protocol.UndefinedError` (or
//!   `ArgumentError` for bad lists).

use super::float_fmt::float_to_short;
use super::term::Term;

/// `String.Chars.to_string/1` for built-in types (see the module documentation).
#[allow(clippy::result_unit_err)]
pub fn to_string(term: &Term) -> Result<Vec<u8>, ()> {
    match term {
        Term::Binary(b) => Ok(b.to_vec()),
        Term::Atom(a) => {
            let name = a.name();
            if name == "nil" {
                Ok(Vec::new())
            } else {
                Ok(name.as_bytes().to_vec())
            }
        }
        Term::Int(i) => Ok(itoa::Buffer::new().format(*i).as_bytes().to_vec()),
        Term::Big(b) => Ok(b.to_string().into_bytes()),
        Term::Float(f) => Ok(float_to_short(*f).into_bytes()),
        Term::Nil | Term::Cons(_) => {
            let mut out = Vec::new();
            chardata_into(term, &mut out)?;
            Ok(out)
        }
        Term::Map(m) => super::inspect_calendar::calendar_to_string(m).map(String::into_bytes).ok_or(()),
        _ => Err(()),
    }
}

/// Appends chardata (`List.to_string/1`): nested lists of codepoints and binaries; a binary
/// or codepoint may also be an improper tail.
#[allow(clippy::result_unit_err)]
pub fn chardata_into(term: &Term, out: &mut Vec<u8>) -> Result<(), ()> {
    // Explicit stack: deep nesting is legal iodata.
    let mut stack: Vec<&Term> = vec![term];
    while let Some(t) = stack.pop() {
        match t {
            Term::Nil => {}
            Term::Cons(c) => {
                stack.push(&c.tail);
                stack.push(&c.head);
            }
            Term::Binary(b) => out.extend_from_slice(b),
            Term::Int(i) => {
                let ch = u32::try_from(*i).ok().and_then(char::from_u32).ok_or(())?;
                let mut buf = [0u8; 4];
                out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
            }
            _ => return Err(()),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(t: &Term) -> String {
        String::from_utf8(to_string(t).unwrap()).unwrap()
    }

    // Expected strings observed with `elixir -e 'IO.puts(to_string(...))'` (Elixir 1.14).
    #[test]
    fn matches_elixir() {
        assert_eq!(s(&Term::string("héllo")), "héllo");
        assert_eq!(s(&Term::atom("ok")), "ok");
        assert_eq!(s(&Term::NIL_ATOM), "");
        assert_eq!(s(&Term::TRUE), "true");
        assert_eq!(s(&Term::atom("Elixir.Foo")), "Elixir.Foo");
        assert_eq!(s(&Term::atom("hello world")), "hello world");
        assert_eq!(s(&Term::Int(-42)), "-42");
        assert_eq!(s(&Term::from_bigint("123456789012345678901234567890".parse().unwrap())), "123456789012345678901234567890");
        assert_eq!(s(&Term::Float(1.0)), "1.0");
        assert_eq!(s(&Term::Float(1000.0)), "1.0e3");
        assert_eq!(s(&Term::Float(1.0e20)), "1.0e20");
        assert_eq!(s(&Term::Float(0.1)), "0.1");
        assert_eq!(s(&Term::Float(123456789.0)), "123456789.0");
        assert_eq!(s(&Term::list(vec![Term::Int(104), Term::Int(105)])), "hi");
        assert_eq!(s(&Term::list(vec![Term::Int(955)])), "λ");
        assert_eq!(s(&Term::Nil), "");
        let iodata = Term::list(vec![
            Term::string("ab"),
            Term::list(vec![Term::Int(99), Term::list(vec![Term::string("d")])]),
            Term::Int(101),
        ]);
        assert_eq!(s(&iodata), "abcde");
        assert_eq!(s(&Term::list_with_tail(vec![Term::Int(97)], Term::string("b"))), "ab");
        assert!(to_string(&Term::tuple(vec![Term::Int(1)])).is_err());
        assert!(to_string(&Term::map(Default::default())).is_err());
        assert!(to_string(&Term::list(vec![Term::atom("a")])).is_err());
        assert!(to_string(&Term::list(vec![Term::Int(-1)])).is_err());
        assert!(to_string(&Term::Pid(crate::value::Pid::from_number(5))).is_err());
    }
}
