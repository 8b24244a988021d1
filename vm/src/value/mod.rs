//! Terms (the values of the language), the atom table, term order, and Elixir's formatting
//! (`inspect/2`, `to_string/1`).
pub mod atom;
pub mod term;

pub use atom::Atom;
pub use term::{compare, Cons, Fun, MapT, Pid, Term};
