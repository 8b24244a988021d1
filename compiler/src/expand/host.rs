//! The VM that runs macros at compile time. The compiler does not depend on the runtime: the
//! embedder (`retort-stdlib`) registers a factory with [`set_host_factory`], and the first
//! macro expansion on a thread creates the host, which then lives as long as the thread (so a
//! macro module compiled by one `compile` call, e.g. an earlier `Code.require_file`, stays
//! usable by later ones, as a module stays loaded in Elixir's compiler).

use retort_vm::bytecode::{Literal, ModuleImage};
use std::cell::{Cell, RefCell};
use std::mem::ManuallyDrop;

/// A VM able to load module images and run a function of them to completion.
pub trait MacroHost {
    /// Loads (or reloads) the images, in order. Errors: the loader's message.
    fn load(&mut self, images: &[ModuleImage]) -> Result<(), String>;
    /// Runs `module.function(args...)` to completion in a fresh process and returns its
    /// value; or the text of the exception, throw or exit it ended with (Elixir's
    /// `Exception.format/3` form).
    fn call(&mut self, module: &str, function: &str, args: Vec<Literal>) -> Result<Literal, String>;
    /// Removes `module`, loaded by [`MacroHost::load`] for one evaluation, from the host's
    /// module table (its code is freed once nothing runs it). The default keeps it.
    fn unload(&mut self, module: &str) {
        let _ = module;
    }
}

thread_local! {
    static FACTORY: Cell<Option<fn() -> Box<dyn MacroHost>>> = const { Cell::new(None) };
    /// Never dropped: a VM's terms use thread-locals of their own, which may be destroyed
    /// before this one at thread exit; the host lives as long as its thread anyway.
    static HOST: RefCell<Option<ManuallyDrop<Box<dyn MacroHost>>>> = const { RefCell::new(None) };
}

/// Registers how this thread creates its macro host (called by `retort_stdlib::install`).
pub fn set_host_factory(f: fn() -> Box<dyn MacroHost>) {
    FACTORY.with(|c| c.set(Some(f)));
}

/// Runs `f` on this thread's host, creating it on first use. Errors: no factory registered
/// (e.g. the build-time compilation of the standard library, which defines no macros), or the
/// host is already busy (a macro that compiles code that expands macros).
pub(crate) fn with_host<T>(f: impl FnOnce(&mut dyn MacroHost) -> Result<T, String>) -> Result<T, String> {
    HOST.with(|h| {
        let Ok(mut slot) = h.try_borrow_mut() else {
            return Err("macros cannot be expanded while a macro runs (a macro that compiles code using macros)".to_string());
        };
        if slot.is_none() {
            let Some(make) = FACTORY.with(|c| c.get()) else {
                return Err("macros need a compile-time VM, and none is available here".to_string());
            };
            *slot = Some(ManuallyDrop::new(make()));
        }
        match slot.as_mut() {
            Some(host) => f(&mut ***host),
            None => Err("no macro host".to_string()),
        }
    })
}
