//! A loaded module instance (one version of a module's code).
use crate::bytecode::{Lambda, ModuleImage};
use crate::value::{Atom, Term};
use std::cell::Cell;

/// One loaded copy of a module's code (the BEAM's "code version"). Frames and local funs hold
/// an `Rc` to the instance they run, so its code stays valid while used; `purged` records that
/// the code server dropped it (calling a fun of a purged instance raises `BadFunctionError`).
#[derive(Debug)]
pub struct ModuleInstance {
    pub name: Atom,
    pub image: ModuleImage,
    pub literals: Vec<Term>,
    pub lambdas: Vec<Lambda>,
    pub md5: [u8; 16],
    pub purged: Cell<bool>,
}
