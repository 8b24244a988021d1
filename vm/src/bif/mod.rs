//! Native functions (BIFs), grouped by the module they appear in. Each is a leaf operation on
//! terms or on the VM's state; anything that calls back into language code returns
//! [`Trap::Apply`] instead of re-entering the interpreter.
//!
//! A remote call `Mod.f(args)` reaches a native when `Mod`'s current code does not export
//! `f/arity` (or `Mod` has no code): natives and code written in the language can share a
//! module (the standard library's `Process` has `sleep/1` in the language and `monitor/1`
//! natively).

pub mod code;
pub mod erlang;
pub mod io;
pub mod kernel;
pub mod otp;
pub mod process;
pub mod util;
pub mod lists;
pub mod maps;
pub mod string;
pub mod math;
pub mod system;
pub mod file;
pub mod regex;
pub mod etf;
pub mod crypto;
pub mod io_lib;
pub mod io_lib_term;
pub mod capture;
pub mod code_eval;
pub mod code_file;
pub mod protocol;
pub mod wall_clock;
pub mod limits;
pub mod gen_tcp;
pub mod state;
pub mod host;

use crate::code::table::CodeServer;
use crate::error::Trap;
use crate::process::Process;
use crate::scheduler::Vm;
use crate::value::Term;

/// The running process and the VM, as a native sees them.
pub struct Ctx<'a> {
    pub vm: &'a mut Vm,
    pub p: &'a mut Process,
}

/// A native function: the arguments, in order; a value or a [`Trap`].
pub type NativeFn = fn(&mut Ctx, &mut [Term]) -> Result<Term, Trap>;

/// Registers every native module.
pub fn register_all(code: &mut CodeServer) {
    erlang::register(code);
    process::register(code);
    kernel::register(code);
    io::register(code);
    code::register(code);
    lists::register(code);
    maps::register(code);
    string::register(code);
    math::register(code);
    system::register(code);
    file::register(code);
    regex::register(code);
    etf::register(code);
    protocol::register(code);
    crypto::register(code);
    io_lib::register(code);
    capture::register(code);
    code_eval::register(code);
    code_file::register(code);
    otp::register(code);
    wall_clock::register(code);
    gen_tcp::register(code);
    host::register(code);
    crate::dist::natives::register(code);
    crate::dist::spawn::register(code);
    // Aliases last, so they never depend on the order of the tables above.
    code.register_aliases(kernel::ALIASES);
}
