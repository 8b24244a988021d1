//! The bytecode: the instruction set ([`op`], declared through [`isa`]), the module image
//! ([`image`]), the file format ([`file`]) and the verifier ([`verify`]).
#[macro_use]
pub mod isa;
pub mod facts;
pub mod file;
pub mod image;
pub mod op;
pub mod verify;

pub use image::{Export, Function, Import, Lambda, Literal, ModuleImage};
pub use op::*;
