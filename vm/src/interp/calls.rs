//! Calls, returns and funs: how a call site reaches code (local: same instance, rule R4;
//! remote: the export table, through the import's inline cache, rule R3; funs: the instance
//! that created them, rule R6), frame set-up for calls and tail calls, and native calls.

use crate::bif::Ctx;
use crate::bytecode::Op;
use crate::code::module::ModuleInstance;
use crate::code::table::Target;
use crate::error::{Exception, Trap};
use crate::process::{Frame, Process};
use crate::scheduler::Vm;
use crate::value::{Atom, Fun, Term};
use super::stats::CallKind;
use std::rc::Rc;

/// Maximum frames per process: deeper recursion raises `SystemLimitError` instead of
/// exhausting memory.
pub const MAX_FRAMES: usize = 10_000_000;

/// Who is being called.
pub enum Callee {
    /// `functions[idx]` of this instance (a local call).
    Local(Rc<ModuleInstance>, u32),
    /// `module.function/argc` through the export table.
    Remote(Atom, Atom),
    /// An import of an instance whose cache missed: resolve and fill the cache.
    Import(Rc<ModuleInstance>, u32),
    /// Already resolved (inline cache hit).
    Resolved(Target),
    /// A fun value.
    Fun(Term),
}

/// What happened after a call was set up.
pub enum Flow {
    /// A frame was pushed or replaced: continue with the top frame.
    Continue,
    /// A native returned a value.
    Value(Term),
    /// The process must exit with this reason.
    Exit(Term),
}

/// The callee for a remote call site: the cached target if the cache is from this epoch.
#[inline]
pub fn cached_remote(vm: &Vm, inst: &ModuleInstance, frame: &Frame, import: u32) -> Callee {
    let slot = &inst.imports[import as usize];
    let c = slot.cache.borrow();
    if c.0 == vm.code.epoch {
        if let Some(t) = &c.1 {
            return Callee::Resolved(t.clone());
        }
    }
    Callee::Import(frame.inst_rc(), import)
}

/// Resolves `m.f/a` to current code or a native, autoloading `m` if needed; raises `:undef`.
pub fn resolve_full(vm: &mut Vm, m: Atom, f: Atom, a: u32) -> Result<Target, Exception> {
    if let Some(t) = vm.code.resolve(m, f, a) {
        return Ok(t);
    }
    if vm.code.current(m).is_none() && crate::code::loader::autoload(vm, m) {
        if let Some(t) = vm.code.resolve(m, f, a) {
            return Ok(t);
        }
    }
    Err(undef(m, f, a))
}

/// The `:undef` error for `m.f/a`, with the `{m, f, a, []}` entry on top of the stacktrace.
pub fn undef(m: Atom, f: Atom, a: u32) -> Exception {
    Exception {
        class: Atom::ERROR,
        reason: Term::Atom(Atom::UNDEF),
        stack: None,
        top: Some(Term::tuple(vec![Term::Atom(m), Term::Atom(f), Term::Int(a as i64), Term::Nil])),
    }
}

fn enter(p: &mut Process, inst: Rc<ModuleInstance>, func: u32, nbase: usize, nargs: usize, tail: bool, ret_dst: u16) -> Result<Flow, Exception> {
    let nregs = (inst.image.functions.get(func as usize).map(|f| f.nregs).unwrap_or(1) as usize).max(nargs).max(1);
    if tail && !p.frames.is_empty() {
        let fb = p.frames.last().map(|f| f.base as usize).unwrap_or(0);
        if fb != nbase {
            for i in 0..nargs {
                let v = std::mem::replace(&mut p.regs[nbase + i], Term::Nil);
                p.regs[fb + i] = v;
            }
        }
        if p.regs.len() < fb + nregs {
            p.regs.resize(fb + nregs, Term::Nil);
        }
        let top = p.frames.last_mut().expect("frame");
        top.retarget(inst, func);
    } else {
        if p.frames.len() >= MAX_FRAMES {
            return Err(Exception::error(Term::Atom(Atom::SYSTEM_LIMIT)));
        }
        if p.regs.len() < nbase + nregs {
            p.regs.resize(nbase + nregs, Term::Nil);
        }
        p.frames.push(Frame::owned(inst, func, nbase as u32, ret_dst));
    }
    Ok(Flow::Continue)
}

/// Pops the top frame and writes `v` to the caller's destination register. `None` when the
/// process has no caller left (it ends normally).
#[inline]
pub fn do_return(p: &mut Process, v: Term) -> Option<()> {
    let f = p.frames.pop()?;
    let caller = p.frames.last()?;
    let at = caller.base as usize + f.ret_dst as usize;
    p.regs[at] = v;
    Some(())
}

/// Sets up a call of `callee` with `argc` arguments already in `p.regs[nbase..]`.
pub fn invoke(vm: &mut Vm, p: &mut Process, mut callee: Callee, nbase: usize, mut argc: usize, tail: bool, ret_dst: u16) -> Result<Flow, Exception> {
    // For `--stats`: a fun that reaches code through the export table still counts as a fun.
    let mut kind = CallKind::Remote;
    loop {
        callee = match callee {
            Callee::Local(inst, f) => {
                count_call(vm, CallKind::Local);
                return enter(p, inst, f, nbase, argc, tail, ret_dst);
            }
            Callee::Resolved(Target::Code(inst, f)) => {
                count_call(vm, kind);
                return enter(p, inst, f, nbase, argc, tail, ret_dst);
            }
            Callee::Remote(m, f) => match resolve_full(vm, m, f, argc as u32) {
                Ok(t) => Callee::Resolved(t),
                Err(e) => {
                    if f.name() == "module_info" && argc <= 1 && (vm.code.current(m).is_some() || vm.code.has_natives(m)) {
                        // `Mod.module_info/0,1` is `:erlang.get_module_info(Mod, ...)`.
                        if p.regs.len() < nbase + argc + 1 {
                            p.regs.resize(nbase + argc + 1, Term::Nil);
                        }
                        for i in (0..argc).rev() {
                            p.regs[nbase + i + 1] = p.regs[nbase + i].clone();
                        }
                        p.regs[nbase] = Term::Atom(m);
                        argc += 1;
                        Callee::Remote(Atom::ERLANG, Atom::intern("get_module_info"))
                    } else if p.error_handler() != Atom::intern("error_handler") && m != p.error_handler() {
                        // R34: a custom `:error_handler` process flag: call
                        // `handler.undefined_function(m, f, args)` in place of the call.
                        let args = Term::list(p.regs[nbase..nbase + argc].to_vec());
                        if p.regs.len() < nbase + 3 {
                            p.regs.resize(nbase + 3, Term::Nil);
                        }
                        p.regs[nbase] = Term::Atom(m);
                        p.regs[nbase + 1] = Term::Atom(f);
                        p.regs[nbase + 2] = args;
                        argc = 3;
                        Callee::Remote(p.error_handler(), Atom::intern("undefined_function"))
                    } else {
                        // As on the BEAM, the `:undef` entry carries the arguments.
                        let mut e = e;
                        let args = Term::list(p.regs[nbase..nbase + argc].to_vec());
                        e.top = Some(Term::tuple(vec![Term::Atom(m), Term::Atom(f), args, Term::Nil]));
                        return Err(e);
                    }
                }
            },
            Callee::Import(inst, idx) => {
                let slot = &inst.imports[idx as usize];
                let (m, f, a) = (slot.module, slot.function, slot.arity);
                match resolve_full(vm, m, f, a) {
                    Ok(t) => {
                        *slot.cache.borrow_mut() = (vm.code.epoch, Some(t.clone()));
                        Callee::Resolved(t)
                    }
                    Err(_) => Callee::Remote(m, f),
                }
            }
            Callee::Resolved(Target::Native(nf)) => {
                count_call(vm, CallKind::Native);
                // Natives take their arguments by value: registers from `nbase` on are clobbered
                // by the call anyway, so the arguments are moved out (no reference-count
                // traffic) and a native may update a uniquely owned term in place.
                let mut args: smallvec::SmallVec<[Term; 4]> =
                    p.regs[nbase..nbase + argc].iter_mut().map(std::mem::take).collect();
                let r = {
                    let mut ctx = Ctx { vm, p };
                    nf(&mut ctx, &mut args)
                };
                match finish_native(vm, p, nf, args, r, nbase)? {
                    NativeEnd::Flow(f) => return Ok(f),
                    NativeEnd::Apply(c, n) => {
                        argc = n;
                        c
                    }
                }
            }
            Callee::Fun(f) => {
                kind = CallKind::Fun;
                let Term::Fun(fun) = &f else {
                    return Err(Exception::tagged(Atom::BADFUN, f));
                };
                match &**fun {
                    Fun::External { module, function, arity } => {
                        if *arity as usize != argc {
                            return Err(badarity(&f, &p.regs[nbase..nbase + argc]));
                        }
                        Callee::Remote(*module, *function)
                    }
                    // Another node's fun whose code is not here: `undef`, as the BEAM's
                    // `undefined_lambda` raises when the module cannot be loaded.
                    Fun::Foreign(ff) => {
                        if ff.arity as usize != argc {
                            return Err(badarity(&f, &p.regs[nbase..nbase + argc]));
                        }
                        return Err(Exception::error(Term::Atom(Atom::UNDEF)));
                    }
                    Fun::Local { instance, lambda, env, .. } => {
                        let l = &instance.lambdas[*lambda as usize];
                        if l.arity as usize != argc {
                            return Err(badarity(&f, &p.regs[nbase..nbase + argc]));
                        }
                        let inst = if instance.purged.get() {
                            match revive(vm, instance, &f) {
                                Ok(i) => i,
                                Err(e) => {
                                    let m = instance.name;
                                    let handler = p.error_handler();
                                    let no_code = vm.code.current(m).is_none() && vm.code.old(m).is_none();
                                    if no_code && handler != Atom::intern("error_handler") && handler != m {
                                        // R10(c), R34: `handler.undefined_lambda(module, fun, args)`.
                                        let args = Term::list(p.regs[nbase..nbase + argc].to_vec());
                                        if p.regs.len() < nbase + 3 {
                                            p.regs.resize(nbase + 3, Term::Nil);
                                        }
                                        p.regs[nbase] = Term::Atom(m);
                                        p.regs[nbase + 1] = f.clone();
                                        p.regs[nbase + 2] = args;
                                        argc = 3;
                                        callee = Callee::Remote(handler, Atom::intern("undefined_lambda"));
                                        continue;
                                    }
                                    return Err(e);
                                }
                            }
                        } else {
                            instance.clone()
                        };
                        let nfree = env.len();
                        if p.regs.len() < nbase + argc + nfree {
                            p.regs.resize(nbase + argc + nfree, Term::Nil);
                        }
                        for (i, v) in env.iter().enumerate() {
                            p.regs[nbase + argc + i] = v.clone();
                        }
                        let func = l.function;
                        count_call(vm, CallKind::Fun);
                        return enter(p, inst, func, nbase, argc + nfree, tail, ret_dst);
                    }
                }
            }
        };
    }
}

#[inline]
fn count_call(vm: &mut Vm, kind: CallKind) {
    if let Some(s) = vm.stats.as_deref_mut() {
        s.call(kind);
    }
}

/// How a native call ended, past its plain `Ok` value.
pub enum NativeEnd {
    /// A value, a process exit or a halt.
    Flow(Flow),
    /// The native asked for a call in its place (`apply/3`): the callee and its argument
    /// count, the arguments already in `p.regs[nbase..]`.
    Apply(Callee, usize),
}

/// Interprets a native's result `r` (called with `args` from `p.regs[nbase..]`): a value or a
/// yield becomes the call's value, a `function_clause` raised by the native names the native
/// (as the BEAM's does), an exit or halt ends the process, an `Apply` trap places its
/// arguments for the call that replaces the native.
pub fn finish_native(
    vm: &mut Vm,
    p: &mut Process,
    nf: crate::bif::NativeFn,
    args: smallvec::SmallVec<[Term; 4]>,
    r: Result<Term, Trap>,
    nbase: usize,
) -> Result<NativeEnd, Exception> {
    match r {
        Ok(v) | Err(Trap::Yield(v)) => Ok(NativeEnd::Flow(Flow::Value(v))),
        Err(Trap::Raise(mut e)) => {
            if e.top.is_none() && e.reason.is_atom(Atom::FUNCTION_CLAUSE) {
                if let Some((m, f)) = vm.code.native_name(nf, args.len() as u32) {
                    e.top = Some(Term::tuple(vec![Term::Atom(m), Term::Atom(f), Term::list(args.to_vec()), Term::Nil]));
                }
            }
            Err(e)
        }
        Err(Trap::Exit(r)) => Ok(NativeEnd::Flow(Flow::Exit(r))),
        Err(Trap::Halt(c)) => {
            vm.halt.get_or_insert(c);
            Ok(NativeEnd::Flow(Flow::Exit(Term::Atom(Atom::NORMAL))))
        }
        Err(Trap::Apply { callee, function, args }) => {
            let argc = args.len();
            if p.regs.len() < nbase + argc + 1 {
                p.regs.resize(nbase + argc + 1, Term::Nil);
            }
            for (i, a) in args.into_iter().enumerate() {
                p.regs[nbase + i] = a;
            }
            let c = match (callee, function) {
                (Term::Atom(m), Some(f)) => Callee::Remote(m, f),
                (other, _) => Callee::Fun(other),
            };
            Ok(NativeEnd::Apply(c, argc))
        }
    }
}

/// The native an import of `inst` reaches, if its inline cache holds one for the current
/// code epoch (the interpreter's native-call fast path).
#[inline]
pub fn cached_native(vm: &Vm, inst: &ModuleInstance, import: u32) -> Option<crate::bif::NativeFn> {
    let c = inst.imports.get(import as usize)?.cache.borrow();
    match &c.1 {
        Some(Target::Native(nf)) if c.0 == vm.code.epoch => Some(*nf),
        _ => None,
    }
}

/// The language function an import's inline cache holds, when the cache is from this code
/// epoch: a new counted reference to its instance and the function index (the interpreter's
/// remote-call fast path; a miss, a native or an old epoch goes through [`invoke`]).
#[inline]
pub fn cached_code(vm: &Vm, inst: &ModuleInstance, import: u32) -> Option<(Rc<ModuleInstance>, u32)> {
    let c = inst.imports.get(import as usize)?.cache.borrow();
    match &c.1 {
        Some(Target::Code(i, f)) if c.0 == vm.code.epoch => Some((i.clone(), *f)),
        _ => None,
    }
}

/// The number of registers a frame of `functions[func]` of `inst` needs: its `nregs`, and at
/// least its arguments.
#[inline]
pub fn frame_regs(inst: &ModuleInstance, func: u32, argc: usize) -> usize {
    (inst.image.functions.get(func as usize).map_or(1, |f| f.nregs as usize)).max(argc).max(1)
}

/// Makes room for one more frame when `frames` is full, or returns false when the stack
/// already holds [`MAX_FRAMES`] frames (a `system_limit`). Growth stops at exactly
/// `MAX_FRAMES`, so checking the limit only when the stack is full (the call fast path) is
/// exact.
#[cold]
#[inline(never)]
pub fn grow_frames(frames: &mut Vec<crate::process::Frame>) -> bool {
    let len = frames.len();
    if len >= MAX_FRAMES {
        return false;
    }
    frames.reserve_exact(len.max(4).min(MAX_FRAMES - len));
    true
}

/// Grows the register stack to at least `need` registers (new ones `[]`), by half its length
/// at least: a recursion that deepens one frame at a time then grows it every few calls
/// instead of on each (the `Vec`'s capacity already grew geometrically; its length did not).
#[cold]
#[inline(never)]
pub fn grow_regs(regs: &mut Vec<Term>, need: usize) {
    let len = need.max(regs.len() + regs.len() / 2);
    regs.resize(len, Term::Nil);
}

/// Where a plain local fun call goes: the callee of a local fun of live code (not purged,
/// rule R10) with the right arity. The references point into the fun's heap object, not into
/// the register that holds the fun, so they stay valid when `p.regs` grows, as long as that
/// register keeps the fun.
pub struct FunTarget<'a> {
    pub instance: &'a Rc<ModuleInstance>,
    /// Index of the lambda's function, and that function's first instruction.
    pub func: u32,
    pub code: *const Op,
    /// Registers the callee's frame needs (at least its arguments and captured variables).
    pub nregs: usize,
    /// The captured variables, copied after the arguments.
    pub env: &'a [Term],
}

/// The [`FunTarget`] of `f` called with `argc` arguments, or `None` for anything else (an
/// external fun, a purged instance, a wrong arity, not a fun): those take [`invoke`].
#[inline(always)]
pub fn local_fun_target(f: &Term, argc: u16) -> Option<FunTarget<'_>> {
    let Term::Fun(fun) = f else { return None };
    let Fun::Local { instance, env, entry, .. } = &**fun else { return None };
    if entry.arity != argc as u32 || entry.code.is_null() || instance.purged.get() {
        return None;
    }
    Some(FunTarget { instance, func: entry.func, code: entry.code, nregs: entry.nregs as usize, env })
}

/// A fun of a purged instance (rule R10): runs again if an instance with the same MD5 is
/// loaded (current or old); else `BadFunctionError` if the module has other code, or
/// `:undef` (the `undefined_lambda` path) if it has none.
fn revive(vm: &mut Vm, instance: &Rc<ModuleInstance>, fun: &Term) -> Result<Rc<ModuleInstance>, Exception> {
    let m = instance.name;
    let cur = vm.code.current(m).cloned();
    let old = vm.code.old(m).cloned();
    for c in [cur.as_ref(), old.as_ref()].into_iter().flatten() {
        if c.md5 == instance.md5 {
            return Ok(c.clone());
        }
    }
    if cur.is_none() && old.is_none() {
        return Err(Exception::error(Term::Atom(Atom::UNDEF)));
    }
    Err(Exception::tagged(Atom::BADFUN, fun.clone()))
}


fn badarity(f: &Term, args: &[Term]) -> Exception {
    Exception::tagged(Atom::BADARITY, Term::tuple(vec![f.clone(), Term::list(args.to_vec())]))
}

/// Calls a native from a guard; `None` on any failure (the guard fails).
pub fn call_guard_bif(vm: &mut Vm, p: &mut Process, inst: &ModuleInstance, import: u32, args: &mut [Term]) -> Option<Term> {
    let cached = {
        let c = inst.imports[import as usize].cache.borrow();
        if c.0 == vm.code.epoch { c.1.clone() } else { None }
    };
    let t = match cached {
        Some(t) => t,
        None => {
            let slot = &inst.imports[import as usize];
            let t = vm.code.resolve(slot.module, slot.function, slot.arity)?;
            *slot.cache.borrow_mut() = (vm.code.epoch, Some(t.clone()));
            t
        }
    };
    match t {
        Target::Native(nf) => {
            let mut ctx = Ctx { vm, p };
            nf(&mut ctx, args).ok()
        }
        Target::Code(..) => None,
    }
}
