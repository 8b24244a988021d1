//! retort's virtual machine: terms, bytecode, processes, the scheduler, the code server and the
//! native functions (BIFs). See ARCHITECTURE.md for the map.
pub mod bytecode;
pub mod code;
pub mod value;
