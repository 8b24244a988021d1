//! The bytecode: the instruction set ([`op`]), the module image ([`image`]).
pub mod image;
pub mod op;

pub use image::{Export, Function, Import, Lambda, Literal, ModuleImage};
pub use op::*;
