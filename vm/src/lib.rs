//! retort's virtual machine: terms, bytecode, processes, the scheduler, the code server and the
//! native functions (BIFs). See ARCHITECTURE.md for the map.
pub mod bif;
pub mod bytecode;
pub mod code;
pub mod deep;
pub mod embed;
pub mod dist;
pub mod error;
pub mod interp;
pub mod io;
pub mod process;
pub mod scheduler;
pub mod value;

pub use scheduler::{Vm, VmOptions};
