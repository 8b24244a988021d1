//! Funs of other nodes whose code this node does not have: what `NEW_FUN_EXT` (112) carries,
//! kept field for field so the fun encodes back unchanged (`bif/etf.rs`), prints as Elixir
//! prints a fun whose module is not loaded (`#Function<Index.Uniq/Arity in Mod>`, the name
//! being `[]` in `:erlang.fun_info/2`), and compares as the BEAM compares local funs
//! (`value/term.rs`). Calling one raises `:undef`, as the BEAM does when `undefined_lambda`
//! finds no code (`interp/calls.rs`).

use super::{Atom, Term};

/// A fun decoded from `NEW_FUN_EXT` whose module instance (by name and MD5) is not loaded here.
#[derive(Debug)]
pub struct ForeignFun {
    /// The module that defines the fun.
    pub module: Atom,
    /// The fun's arity (0..=255).
    pub arity: u32,
    /// The defining module's MD5 (`Uniq`, `new_uniq` in `fun_info`).
    pub md5: [u8; 16],
    /// The fun's index in its module's fun table (`Index`, `new_index`).
    pub index: u32,
    /// `OldIndex` and `OldUniq` (`index` and `uniq` in `fun_info`), integers as sent.
    pub old_index: i64,
    pub old_uniq: i64,
    /// The pid field (the creator on OTP 25, a placeholder since OTP 26).
    pub pid: Term,
    /// The captured free variables.
    pub env: Vec<Term>,
}
