//! Raising: building the stacktrace from the frames, unwinding to the innermost `try`, or
//! ending the process with the Erlang exit reason.

use super::calls::{self, Callee, Flow};
use crate::bytecode::ArithOp;
use crate::code::module::ModuleInstance;
use crate::error::Exception;
use crate::process::Process;
use crate::scheduler::Vm;
use crate::value::{Atom, Term};

/// How many frames a stacktrace keeps (Erlang's default `backtrace_depth`).
pub const STACKTRACE_DEPTH: usize = 8;

/// `[file: 'path', line: n]` for instruction `pc` of function `func`.
pub fn location(inst: &ModuleInstance, func: u32, pc: u32) -> Term {
    let line = inst.line_of(func, pc);
    let mut items = vec![Term::tuple(vec![Term::Atom(Atom::FILE), inst.file_charlist.clone()])];
    if line > 0 {
        items.push(Term::tuple(vec![Term::Atom(Atom::LINE), Term::Int(line as i64)]));
    }
    Term::list(items)
}

/// The stacktrace of `p` as a list of `{module, function, arity, location}`; the top frame's
/// pc is its faulting instruction, the others' are return addresses.
pub fn stacktrace(p: &Process, top: Option<Term>) -> Term {
    let mut out = Vec::new();
    if let Some(t) = top {
        out.push(t);
    }
    for (i, f) in p.frames.iter().rev().enumerate() {
        if out.len() >= STACKTRACE_DEPTH {
            break;
        }
        let func = &f.inst().image.functions[f.func() as usize];
        let pc = if i == 0 { f.pc } else { f.pc.saturating_sub(1) };
        let entry = Term::tuple(vec![
            Term::Atom(f.inst().name),
            Term::atom(&func.name),
            Term::Int(arity_of(f.inst(), f.func()) as i64),
            location(f.inst(), f.func(), pc),
        ]);
        // A function_clause entry already describes the top frame.
        if i == 0 {
            if let Some(Term::Tuple(t)) = out.first() {
                if t.len() == 4 && t[0] == Term::Atom(f.inst().name) && t[1] == Term::atom(&func.name) && !matches!(t[3], Term::Nil) {
                    continue;
                }
            }
        }
        out.push(entry);
    }
    Term::list(out)
}

/// Whether `reason` is an exception struct whose message may come from a `message/1` of its
/// own: one of a module outside the embedded standard library, or a library one the VM cannot
/// describe natively (`File.Error`: its message is built from its fields by the language).
fn has_own_message(vm: &Vm, reason: &Term) -> bool {
    use crate::value::exception;
    if !exception::is_exception(reason) {
        return false;
    }
    match reason {
        Term::Map(m) => match m.get(&Term::Atom(Atom::STRUCT)) {
            Some(Term::Atom(module)) => {
                !vm.code.embedded.contains_key(module) || exception::message(&vm.code.known, reason) == vm.code.known.inspect(reason)
            }
            _ => false,
        },
        _ => false,
    }
}

/// Whether `p` already runs `Exception.__uncaught__/3` (it then must not be entered again).
fn printing_uncaught(p: &Process) -> bool {
    p.frames.first().map_or(false, |f| {
        f.inst().name == Atom::intern("Elixir.Exception")
            && f.inst().image.functions.get(f.func() as usize).map_or(false, |func| func.name == "__uncaught__")
    })
}

/// The arity shown in stacktraces: a lambda body's arity without its captured variables.
fn arity_of(inst: &ModuleInstance, func: u32) -> u32 {
    for l in &inst.lambdas {
        if l.function == func {
            return l.arity;
        }
    }
    inst.image.functions[func as usize].arity
}

/// Raises `e` in `p`: unwinds to the innermost catch entry and continues at its handler
/// (`Ok`), or returns the process's exit reason (`Err`): `{reason, stacktrace}` for `:error`,
/// `{{:nocatch, v}, stacktrace}` for `:throw`, the reason itself for `:exit`.
pub fn raise(vm: &mut Vm, p: &mut Process, e: Exception) -> Result<(), Term> {
    let stack = match e.stack {
        Some(s) => s,
        None => stacktrace(p, e.top),
    };
    if let Some(c) = p.catches.pop() {
        p.frames.truncate(c.depth as usize);
        if let Some(f) = p.frames.last_mut() {
            f.pc = c.handler;
            let b = f.base as usize + c.dst as usize;
            if p.regs.len() < b + 3 {
                p.regs.resize(b + 3, Term::Nil);
            }
            p.regs[b] = Term::Atom(e.class);
            p.regs[b + 1] = e.reason;
            p.regs[b + 2] = stack;
            return Ok(());
        }
    }
    if Some(p.pid) == vm.main_pid {
        if e.class == Atom::ERROR && has_own_message(vm, &e.reason) && !printing_uncaught(p) {
            // The message of an exception defined in the program may come from its own
            // `message/1`, which only the language can call: the process itself prints the
            // banner and stack trace (`Exception.__uncaught__/3`) and halts with status 1.
            p.frames.clear();
            p.catches.clear();
            if p.regs.len() < 3 {
                p.regs.resize(3, Term::Nil);
            }
            p.regs[0] = Term::Atom(e.class);
            p.regs[1] = e.reason.clone();
            p.regs[2] = stack.clone();
            let printer = Callee::Remote(Atom::intern("Elixir.Exception"), Atom::intern("__uncaught__"));
            if let Ok(Flow::Continue) = calls::invoke(vm, p, printer, 0, 3, false, 0) {
                return Ok(());
            }
        }
        if e.class == Atom::EXIT_CLASS {
            vm.main_exit_stack = Some(stack.clone());
        }
    }
    if Some(p.pid) != vm.main_pid && e.class != Atom::EXIT_CLASS {
        if let Some(text) = crate::value::report::crash_report(&vm.code.known, p.pid, e.class, &e.reason, &stack, &crate::bif::otp::timestamp(&vm.clock)) {
            let _ = std::io::Write::write_all(&mut vm.out, text.as_bytes());
        }
    }
    Err(match e.class {
        Atom::EXIT_CLASS => e.reason,
        Atom::THROW => Term::tuple(vec![Term::tuple(vec![Term::Atom(Atom::NOCATCH), e.reason]), stack]),
        _ => Term::tuple(vec![e.reason, stack]),
    })
}

/// Puts `{:erlang, op, [a, b], []}` on top of a `badarith` raised by an arithmetic
/// instruction when the BEAM's stacktrace would start with the operator as a function call
/// (Elixir's `ArithmeticError.blame/2` then prints `div(7, 0)` or `:a * 2` after the message,
/// and the trace shows `:erlang.div(7, 0)`).
///
/// In a script's top-level code (module `elixir_compiler_N`: a script, a shell input) that is
/// every operator: Elixir evaluates it with `erl_eval`, which calls the operator as a
/// function. In compiled module code it is what OTP 25's JIT does (checked against Elixir
/// 1.14): `div`, `rem` and `*` always call the operator's BIF, `+` and `-` do unless their
/// second operand is a literal (`imm`: the instruction's immediate; the JIT adds and
/// subtracts a literal inline), and `/` never does.
#[cold]
pub fn blame_arith(op: ArithOp, a: &Term, b: &Term, imm: bool, mut e: Exception, module: Atom) -> Exception {
    if e.top.is_none() && matches!(e.reason, Term::Atom(Atom::BADARITH)) {
        let called = module.name().starts_with("elixir_compiler_")
            || match op {
                ArithOp::Add | ArithOp::Sub => !imm,
                ArithOp::Mul | ArithOp::IntDiv | ArithOp::Rem => true,
                ArithOp::Div => false,
            };
        if called {
            // The operator's Erlang function name is its Elixir spelling (`+`, `div`, ...).
            let name = op.to_string();
            e.top = Some(Term::tuple(vec![Term::atom("erlang"), Term::atom(&name), Term::list(vec![a.clone(), b.clone()]), Term::Nil]));
        }
    }
    e
}

/// Puts `{:erlang, :-, [a], []}` on top of a `badarith` raised by unary minus: the BEAM calls
/// `erlang:'-'/1` for it, in module code as in scripts (Elixir's trace shows `:erlang.-(:a)`).
#[cold]
pub fn blame_neg(a: &Term, mut e: Exception) -> Exception {
    if e.top.is_none() && matches!(e.reason, Term::Atom(Atom::BADARITH)) {
        e.top = Some(Term::tuple(vec![Term::atom("erlang"), Term::atom("-"), Term::list(vec![a.clone()]), Term::Nil]));
    }
    e
}
