//! One activation record. Frames live in a `Vec` per process on the heap, so language
//! recursion never uses the Rust stack.
//!
//! A frame names the module instance it runs. The "does this process run old code" question
//! (hot-code rule R7) is answered by scanning these pointers, and old code cannot be freed
//! under a frame: every frame's instance is kept alive by a reference count, either its own
//! or (for a local call) its caller's.
//!
//! **Borrowed frames.** A local call stays in its caller's instance (rule R4), and the
//! caller's frame cannot change or go away while the callee's frame exists (frames are only
//! pushed, popped and truncated from the top, and only the top frame's instance is ever
//! replaced, by a tail call). So the callee frame *borrows* the caller's reference: a local
//! call and its return touch no reference count. The invariant, checked by the methods
//! below: a borrowed frame sits above a frame of the same instance, and following borrowed
//! frames down always reaches a frame that owns a count.

use crate::bytecode::Op;
use crate::code::module::ModuleInstance;
use std::ptr::NonNull;
use std::rc::Rc;

/// An activation record (32 bytes).
#[derive(Debug)]
pub struct Frame {
    /// The instance this frame runs; counted when `owned`.
    inst: NonNull<ModuleInstance>,
    /// The first instruction of function `func` of `inst` (null when `func` is not one of its
    /// functions), so a return reaches the caller's code with one load.
    code: *const Op,
    /// Index of the function in `inst.image.functions` (changed by
    /// [`Frame::set_func`]).
    func: u32,
    /// For the top frame: the next instruction; for a suspended caller: the return address.
    pub pc: u32,
    /// Start of this frame's register window in [`super::Process::regs`].
    pub base: u32,
    /// Register of the *caller* frame that receives the return value.
    pub ret_dst: u16,
    /// Whether this frame holds one strong count of `inst` (false: borrowed from below).
    owned: bool,
}

impl Frame {
    /// A frame that holds its own count of `inst` (the bottom frame, remote calls, fun calls).
    pub fn owned(inst: Rc<ModuleInstance>, func: u32, base: u32, ret_dst: u16) -> Frame {
        // SAFETY: `Rc::into_raw` never returns null; the count it leaves is released in `drop`.
        let code = code_of(&inst, func);
        let inst = unsafe { NonNull::new_unchecked(Rc::into_raw(inst) as *mut ModuleInstance) };
        Frame { inst, code, func, pc: 0, base, ret_dst, owned: true }
    }

    /// [`Frame::owned`] when the caller already knows `code`, the first instruction of
    /// function `func` of `inst`.
    #[inline]
    pub fn owned_at(inst: Rc<ModuleInstance>, func: u32, code: *const Op, base: u32, ret_dst: u16) -> Frame {
        debug_assert_eq!(code, code_of(&inst, func));
        // SAFETY: as in `owned`.
        let inst = unsafe { NonNull::new_unchecked(Rc::into_raw(inst) as *mut ModuleInstance) };
        Frame { inst, code, func, pc: 0, base, ret_dst, owned: true }
    }

    /// A frame for a local call from `caller` (the current top frame): same instance, no count.
    /// Must be pushed directly above `caller` (see the module documentation).
    /// `code` is the callee's first instruction (`inst.image.functions[func].code`).
    #[inline]
    pub fn local_call(caller: &Frame, func: u32, code: *const Op, base: u32, ret_dst: u16) -> Frame {
        debug_assert_eq!(code, code_of(caller.inst(), func));
        Frame { inst: caller.inst, code, func, pc: 0, base, ret_dst, owned: false }
    }

    /// Index of the function this frame runs in `inst().image.functions`.
    #[inline]
    pub fn func(&self) -> u32 {
        self.func
    }

    /// The first instruction of the function this frame runs, or null when [`Frame::func`] is
    /// not a function of the instance. The pointer stays valid while the frame exists: the
    /// frame keeps the instance alive and an instance's code never changes.
    #[inline]
    pub fn code(&self) -> *const Op {
        self.code
    }

    /// Switches this (top) frame to another function of the same instance (a local tail call);
    /// `code` is that function's first instruction.
    #[inline]
    pub fn set_func(&mut self, func: u32, code: *const Op) {
        debug_assert_eq!(code, code_of(self.inst(), func));
        self.code = code;
        self.func = func;
    }

    /// The instance this frame runs.
    #[inline]
    pub fn inst(&self) -> &ModuleInstance {
        // SAFETY: the instance is alive: this frame holds a count, or (borrowed) a frame below
        // it does, and that frame outlives this one (module documentation).
        unsafe { self.inst.as_ref() }
    }

    /// A new counted reference to this frame's instance (for a fun created here, an import
    /// cache miss).
    pub fn inst_rc(&self) -> Rc<ModuleInstance> {
        // SAFETY: the instance is alive (see `inst`), and the pointer came from `Rc::into_raw`
        // of this instance (every frame's pointer is copied from an owned one).
        unsafe {
            Rc::increment_strong_count(self.inst.as_ptr());
            Rc::from_raw(self.inst.as_ptr())
        }
    }

    /// Whether this frame runs `inst` (rule R7).
    #[inline]
    pub fn runs(&self, inst: &Rc<ModuleInstance>) -> bool {
        std::ptr::eq(self.inst.as_ptr(), Rc::as_ptr(inst))
    }

    /// Replaces this (top) frame's instance and function for a tail call; the frame then owns
    /// a count of `inst` (a tail call can leave the instance of the frame below).
    pub fn retarget(&mut self, inst: Rc<ModuleInstance>, func: u32) {
        let new = Frame::owned(inst, func, self.base, self.ret_dst);
        let old = std::mem::replace(self, new);
        drop(old);
    }
}

/// The first instruction of function `func` of `inst`, or null when there is no such function.
fn code_of(inst: &ModuleInstance, func: u32) -> *const Op {
    inst.image.functions.get(func as usize).map_or(std::ptr::null(), |f| f.code.as_ptr())
}

impl Clone for Frame {
    /// A clone owns its own count, so it may outlive the frame it was copied from.
    fn clone(&self) -> Frame {
        let mut f = Frame::owned(self.inst_rc(), self.func, self.base, self.ret_dst);
        f.pc = self.pc;
        f
    }
}

impl Drop for Frame {
    fn drop(&mut self) {
        if self.owned {
            // SAFETY: an owned frame holds exactly one strong count, taken in `Frame::owned`.
            unsafe { Rc::decrement_strong_count(self.inst.as_ptr()) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_is_compact() {
        assert_eq!(std::mem::size_of::<Frame>(), 32);
    }
}
