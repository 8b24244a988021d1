//! The bytecode: the instruction set ([`op`]), the module image ([`image`]), the file format
//! ([`file`]) and the verifier ([`verify`]).
pub mod facts;
pub mod file;
pub mod image;
pub mod op;
pub mod verify;

pub use image::{Export, Function, Import, Lambda, Literal, ModuleImage};
pub use op::*;
