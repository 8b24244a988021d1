//! Terms (the values of the language), the atom table, term order, and Elixir's formatting
//! (`inspect/2`, `to_string/1`).
pub mod arith;
pub mod atom;
pub mod bin;
pub mod comparison;
pub mod cons;
pub mod construct;
pub mod drop;
pub mod exception;
pub mod float_fmt;
pub mod foreign_fun;
pub mod inspect;
pub mod inspect_doc;
pub mod inspect_calendar;
pub mod known;
pub mod convert;
pub mod map;
pub mod pretty;
pub mod term;
pub mod to_string;
pub mod tuple;
pub mod type_test;

pub use atom::Atom;
pub use term::{compare, Cons, Fun, MapT, Pid, Term};
pub mod report;
