//! The shell's natives (module `:retort_iex`), registered by the CLI: prompt requests and
//! polling for lines, compiling inputs, and what the IEx helpers need from the code server.

use super::{wrap_input, Compiled, Input, SHELL};
use retort_vm::bif::util::*;
use retort_vm::bif::Ctx;
use retort_vm::code::loader;
use retort_vm::code::table::NativeTable;
use retort_vm::error::{Exception, Trap};
use retort_vm::value::{Atom, Pid, Term};
use retort_vm::Vm;
use std::io::Write;

type R = Result<Term, Trap>;

/// The `:retort_iex` natives, `(name, arity, function)`.
const RETORT_IEX: NativeTable = &[
    ("read", 1, read),
    ("poll", 0, poll),
    ("compile", 2, compile),
    ("interrupted", 0, interrupted),
    ("bound", 1, bound),
    ("binary_of", 1, binary_of),
    ("source_of", 1, source_of),
    ("compile_file", 1, compile_file),
    ("pid", 1, pid),
    ("docs", 1, docs),
    ("exports", 1, exports),
];

pub fn register(vm: &mut Vm) {
    vm.code.register_table("retort_iex", RETORT_IEX);
}

fn string_arg(t: &Term) -> Result<String, Trap> {
    match text(t) {
        Some(b) => Ok(String::from_utf8_lossy(&b).into_owned()),
        None => Err(Trap::Raise(Exception::error(Term::atom("badarg")))),
    }
}

/// Asks the editor for a line with this prompt (after flushing pending output).
fn read(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let prompt = string_arg(&a[0])?;
    let _ = ctx.vm.out.flush();
    super::interrupt::clear();
    let variables = SHELL.with(|s| s.borrow().as_ref().map(|s| s.bindings.clone()).unwrap_or_default());
    super::vocab::refresh(ctx.vm, variables);
    SHELL.with(|s| {
        if let Some(s) = s.borrow().as_ref() {
            let _ = s.prompts.send(prompt);
        }
    });
    Ok(Term::atom("ok"))
}

/// `:none`, `{:line, text}`, `:interrupt` or `:eof`.
fn poll(ctx: &mut Ctx, _: &mut [Term]) -> R {
    super::vocab::serve(ctx.vm);
    SHELL.with(|s| {
        let s = s.borrow();
        let Some(s) = s.as_ref() else { return Ok(Term::atom("eof")) };
        Ok(match s.inputs.try_recv() {
            Ok(Input::Line(l)) => Term::tuple(vec![Term::atom("line"), Term::string(&l)]),
            Ok(Input::Interrupt) => Term::atom("interrupt"),
            Ok(Input::Eof) | Err(std::sync::mpsc::TryRecvError::Disconnected) => Term::atom("eof"),
            Err(std::sync::mpsc::TryRecvError::Empty) => Term::atom("none"),
        })
    })
}

/// True once per Ctrl+C (SIGINT) received during an evaluation.
fn interrupted(_: &mut Ctx, _: &mut [Term]) -> R {
    Ok(Term::Atom(if super::interrupt::take() { Atom::TRUE } else { Atom::FALSE }))
}

/// Compiles an input: `:incomplete`, `{:error, message}` or `{:ok, script_module}`.
fn compile(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let input = string_arg(&a[0])?;
    let n = match a[1] {
        Term::Int(n) if n > 0 => n as usize,
        _ => 1,
    };
    let src = SHELL.with(|s| {
        let mut s = s.borrow_mut();
        let s = s.as_mut().expect("shell state");
        s.counter += 1;
        wrap_input(&input, &mut s.bindings)
    });
    let src = match src {
        Compiled::Incomplete => return Ok(Term::atom("incomplete")),
        Compiled::Source(s) => s,
    };
    match loader::compile_and_load(ctx.vm, Some(ctx.p), &src, "iex") {
        Ok((_, Some(script), _)) => Ok(Term::tuple(vec![Term::atom("ok"), Term::Atom(script)])),
        Ok(_) => Ok(Term::tuple(vec![Term::atom("error"), Term::string("** (CompileError) nothing to evaluate\n")])),
        Err(msg) => {
            // Compile again for the diagnostics as data (only on this error path), to print
            // them as IEx does.
            let msg = match retort_compiler::codegen::compile(&src, "iex", "iex_diagnostics") {
                Err(diags) if !diags.is_empty() => super::errors::render(&diags, &src, super::INPUT_FIRST_LINE, n),
                _ => msg,
            };
            Ok(Term::tuple(vec![Term::atom("error"), Term::string(&msg)]))
        }
    }
}

/// Records the variables bound at the prompt.
fn bound(_: &mut Ctx, a: &mut [Term]) -> R {
    let names = list(&a[0])?;
    SHELL.with(|s| {
        if let Some(s) = s.borrow_mut().as_mut() {
            for n in names {
                if let Term::Atom(n) = n {
                    s.bindings.insert(n.name().to_string());
                }
            }
        }
    });
    Ok(Term::atom("ok"))
}

fn binary_of(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let m = atom(&a[0])?;
    Ok(match ctx.vm.code.current(m) {
        Some(i) => Term::binary(i.binary.to_vec()),
        None => Term::Nil,
    })
}

/// The source file a module was compiled from, or nil.
fn source_of(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let m = atom(&a[0])?;
    if ctx.vm.code.current(m).is_none() {
        loader::autoload(ctx.vm, m);
    }
    Ok(match ctx.vm.code.current(m) {
        Some(i) if !i.image.file.is_empty() && i.image.file != "nofile" && std::path::Path::new(&i.image.file).exists() => Term::string(&i.image.file),
        _ => Term::Nil,
    })
}

/// Compiles and loads a file (purging modules it redefines, with Elixir's warning); returns the
/// modules.
fn compile_file(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let file = string_arg(&a[0])?;
    let source = match std::fs::read_to_string(&file) {
        Ok(s) => s,
        Err(_) => {
            return Err(Trap::Raise(Exception::elixir("Elixir.CompileError", &format!("could not find file {file}"))));
        }
    };
    match loader::compile_and_load(ctx.vm, Some(ctx.p), &source, &file) {
        Ok((mods, _, killed_self)) => {
            retort_vm::bif::code::caller_survives(killed_self)?;
            Ok(Term::list(mods.into_iter().map(|(m, _)| Term::Atom(m)).collect()))
        }
        Err(msg) => {
            let _ = ctx.vm.out.flush();
            eprint!("{msg}");
            Err(Trap::Raise(Exception::elixir("Elixir.CompileError", &format!("{file}: compile error"))))
        }
    }
}

/// `pid("0.110.0")`.
fn pid(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let s = string_arg(&a[0])?;
    let parts: Vec<&str> = s.trim_start_matches("#PID<").trim_end_matches('>').split('.').collect();
    match parts.as_slice() {
        [_, n, _] => match n.parse::<u32>() {
            Ok(n) => Ok(Term::Pid(ctx.vm.procs.resolve(Pid::from_number(n)))),
            Err(_) => Err(Trap::Raise(Exception::error(Term::atom("badarg")))),
        },
        _ => Err(Trap::Raise(Exception::error(Term::atom("badarg")))),
    }
}

/// `h` (see `docs.rs`): the argument is a module, `{module, function}` or
/// `{module, function, arity}`; returns the text IEx prints for it.
fn docs(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let (m, fun, arity) = match &a[0] {
        Term::Atom(m) => (*m, None, None),
        Term::Tuple(t) if t.len() == 2 || t.len() == 3 => {
            let m = atom(&t[0])?;
            let f = atom(&t[1])?;
            let ar = match t.get(2) {
                Some(Term::Int(n)) if *n >= 0 => Some(*n as usize),
                Some(_) => return Err(Trap::Raise(Exception::error(Term::atom("badarg")))),
                None => None,
            };
            (m, Some(f), ar)
        }
        _ => return Err(Trap::Raise(Exception::error(Term::atom("badarg")))),
    };
    if ctx.vm.code.current(m).is_none() {
        loader::autoload(ctx.vm, m);
    }
    let name = loader::display_name(m);
    let inst = ctx.vm.code.current(m).cloned();
    // A module of natives only (`:erlang`, `:lists`) has no code: its functions are natives.
    if inst.is_none() && !ctx.vm.code.native_modules.contains_key(&m) {
        return Ok(Term::string(&format!("Could not load module {name}, got: nofile\n")));
    }
    let all = super::vocab::exports(ctx.vm, m).unwrap_or_default();
    if !m.name().starts_with("Elixir.") {
        return Ok(Term::string(&erlang_docs(m, &name, fun, arity, &all)));
    }
    let (moduledoc, docs) = ctx.vm.code.docs(m).unwrap_or_default();
    let Some(f) = fun else {
        let mut out = super::docs::heading(&name);
        match moduledoc.as_deref().or_else(|| super::native_docs::moduledoc(m.name())) {
            Some(d) => {
                out.push_str(d.trim_end());
                out.push_str("\n\n");
            }
            None => out = format!("{name} was not compiled with docs\n"),
        }
        return Ok(Term::string(&out));
    };
    // The module's source: its file, or the library's embedded copy.
    let file = inst.as_ref().map(|i| i.image.file.clone()).unwrap_or_default();
    let source = retort_stdlib::SOURCES.iter().find(|(p, _, _)| *p == file).map(|(_, _, s)| s.to_string()).or_else(|| std::fs::read_to_string(&file).ok()).unwrap_or_default();
    // Exports of the module's code and its natives (`String.split/2` is a native).
    let arities = exported_arities(&all, f, arity);
    let hidden = |n: usize| docs.iter().any(|(df, da, d)| df == f.name() && *da as usize == n && d.is_empty());
    let arities: Vec<usize> = arities.into_iter().filter(|n| !hidden(*n)).collect();
    if arities.is_empty() {
        let what = match arity {
            Some(n) => format!("{name}.{}/{n}", f.name()),
            None => format!("{name}.{}", f.name()),
        };
        return Ok(Term::string(&format!("No documentation for {what} was found\n")));
    }
    let sigs = super::docs::signatures(&source, f.name());
    let mut out = String::new();
    let mut shown: Vec<usize> = Vec::new();
    for n in arities {
        let sig = sigs.iter().find(|(_, _, lo, hi)| *lo <= n && n <= *hi).map(|(_, t, lo, hi)| (t.clone(), *lo, *hi));
        // A function with defaults has its `@doc` under its highest arity, as Elixir records it.
        let (lo, hi) = sig.as_ref().map_or((n, n), |(_, lo, hi)| (*lo, *hi));
        let doc = docs.iter().find(|(df, da, _)| df == f.name() && (lo..=hi).contains(&(*da as usize))).map(|(_, _, d)| d.to_string());
        let sig = sig.map(|(t, lo, _)| (t, lo));
        // A native has no clause to read and no @doc: its entry in `native_docs/`, if any.
        let native = if sig.is_none() && doc.is_none() { super::native_docs::native_doc(m.name(), f.name(), n) } else { None };
        let (text, doc, first) = match (sig, native) {
            (Some((t, lo)), _) => (t, doc, lo),
            (None, Some(e)) => {
                let (h, body) = super::native_docs::heading_and_body(&e);
                (h.to_string(), Some(body.to_string()), e.min_arity)
            }
            (None, None) => (format!("def {}/{n}", f.name()), doc, n),
        };
        if shown.contains(&first) {
            continue; // one block for a function with defaults
        }
        shown.push(first);
        out.push_str(&super::docs::function_block(&text, doc.as_deref()));
    }
    Ok(Term::string(&out))
}

/// The arities under which `all` (a module's exports, `MACRO-` ones included) has `f`, sorted,
/// only `arity` when given.
fn exported_arities(all: &std::collections::BTreeSet<(String, u32)>, f: Atom, arity: Option<usize>) -> Vec<usize> {
    let macro_name = format!("MACRO-{}", f.name());
    let mut arities: Vec<usize> = all
        .iter()
        .filter(|(n, _)| n == f.name() || *n == macro_name)
        .map(|(n, a)| if n.starts_with("MACRO-") { (*a as usize).saturating_sub(1) } else { *a as usize })
        .filter(|n| arity.is_none_or(|a| a == *n))
        .collect();
    arities.sort();
    arities.dedup();
    arities
}

/// `h` of an Erlang module, as IEx prints it for OTP's modules, which ship without docs: per
/// arity with a spec, the heading `:lists.reverse/1`, the spec, and "Module was compiled without
/// docs. Showing only specs."; else (the module itself, a function without a spec or unknown)
/// ":lists was not compiled with docs".
fn erlang_docs(m: Atom, name: &str, fun: Option<Atom>, arity: Option<usize>, all: &std::collections::BTreeSet<(String, u32)>) -> String {
    let mut out = String::new();
    if let Some(f) = fun {
        for n in exported_arities(all, f, arity) {
            if let Some(e) = super::native_docs::native_doc(m.name(), f.name(), n) {
                out.push_str(&super::docs::heading(&format!("{name}.{}/{n}", f.name())));
                out.push_str(e.text);
                out.push_str("\n\nModule was compiled without docs. Showing only specs.\n\n");
            }
        }
    }
    if out.is_empty() {
        out = format!("{name} was not compiled with docs\n");
    }
    out
}

/// `[{name, arity}]` a module exports, native modules (`:lists`, `:erlang`) included; raises
/// `ArgumentError` for an unknown module.
fn exports(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let m = atom(&a[0])?;
    match super::vocab::exports(ctx.vm, m) {
        Some(list) => Ok(Term::list(list.into_iter().map(|(f, n)| Term::tuple(vec![Term::atom(&f), Term::Int(n as i64)])).collect())),
        None => Err(Trap::Raise(Exception::argument_error(&format!("module {} is not available", loader::display_name(m))))),
    }
}
