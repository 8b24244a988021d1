//! The natives behind host functions and host inboxes (`:retort_host`), and their per-VM
//! state (`Vm::host`). The embedding API (`crate::embed`) fills the tables; language code
//! reaches them through generated stub modules (`def f(a, b), do: :retort_host.call(id, [a, b])`)
//! and through an inbox process that hands every message it receives to
//! `:retort_host.deliver(id, msg)`.

use super::util::*;
use super::Ctx;
use crate::code::table::CodeServer;
use crate::error::{Exception, Trap};
use crate::value::Term;
use std::collections::VecDeque;
use std::rc::Rc;

/// A host function: the arguments in order; the result, or the message of the
/// `RuntimeError` the calling process raises.
pub type HostFn = Rc<dyn Fn(&[Term]) -> Result<Term, String>>;

/// The host side of one VM: its registered functions (by id) and its inboxes (by id).
#[derive(Default)]
pub struct HostState {
    /// Functions callable as `:retort_host.call(id, args)`.
    pub fns: Vec<HostFn>,
    /// Messages handed to the host by `:retort_host.deliver(id, msg)`, oldest first.
    pub inboxes: Vec<VecDeque<Term>>,
}

/// Registers `:retort_host.call/2` and `:retort_host.deliver/2`.
pub fn register(c: &mut CodeServer) {
    c.register_table("retort_host", &[("call", 2, call), ("deliver", 2, deliver)]);
}

/// `:retort_host.call(id, args)`: runs host function `id` on the list `args`. `badarg` for an
/// unknown id or an improper list; a host error raises `RuntimeError` with its message.
fn call(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let Term::Int(id) = a[0] else { return badarg() };
    let Some(f) = usize::try_from(id).ok().and_then(|i| ctx.vm.host.fns.get(i)).cloned() else { return badarg() };
    let args = list(&a[1])?;
    f(&args).map_err(|m| Trap::Raise(Exception::error(crate::value::exception::with_message("RuntimeError", &m))))
}

/// `:retort_host.deliver(id, msg)`: appends `msg` to host inbox `id`. Returns `:ok`; `badarg`
/// for an unknown id.
fn deliver(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let Term::Int(id) = a[0] else { return badarg() };
    let Some(q) = usize::try_from(id).ok().and_then(|i| ctx.vm.host.inboxes.get_mut(i)) else { return badarg() };
    q.push_back(std::mem::take(&mut a[1]));
    Ok(Term::OK)
}
