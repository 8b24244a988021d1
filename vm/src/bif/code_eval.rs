//! `Code`'s evaluation functions, native half (the language half is `stdlib/lib/code.ex`):
//! `retort_code:string_to_quoted/1` and `retort_code:compile_quoted/3`, both through the
//! VM's `CompilerHook` (the same compiler `Code.compile_string/2` and the shell use), after
//! Elixir 1.14's `Code.string_to_quoted/2` and `Code.eval_quoted/3`.

use super::util::*;
use super::Ctx;
use crate::code::loader;
use crate::code::module::{literal_to_term, term_to_literal};
use crate::code::table::{CodeServer, NativeTable};
use crate::error::{Exception, Trap};
use crate::value::{Atom, Term};

pub fn register(c: &mut CodeServer) {
    c.register_table("retort_code", RETORT_CODE);
}

/// The natives of `retort_code`: `(name, arity, function)`.
const RETORT_CODE: NativeTable = &[
    ("string_to_quoted", 1, string_to_quoted),
    ("compile_quoted", 3, compile_quoted),
    ("forget_script", 1, forget_script),
    ("docs", 1, docs),
];

/// `docs(module)`: `{moduledoc | nil, [{name, arity, doc}]}` of a loaded (or autoloadable)
/// module, for `ExUnit.DocTest`; `ArgumentError` if the module cannot be loaded.
fn docs(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let m = atom(&a[0])?;
    if ctx.vm.code.current(m).is_none() {
        loader::autoload(ctx.vm, m);
    }
    let Some((moduledoc, docs)) = ctx.vm.code.docs(m) else {
        return Err(Trap::Raise(Exception::argument_error(&format!("could not retrieve the documentation for module {}", loader::display_name(m)))));
    };
    let moduledoc = match &moduledoc {
        Some(d) => Term::string(d),
        None => Term::Nil,
    };
    let docs = docs.iter().map(|(f, ar, d)| Term::tuple(vec![Term::atom(f), Term::Int(*ar as i64), Term::string(d)])).collect();
    Ok(Term::tuple(vec![moduledoc, Term::list(docs)]))
}

/// `string_to_quoted(source)`: `{:ok, quoted}` or
/// `{:error, {line, column, message, token, incomplete?}}`.
fn string_to_quoted(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let Some(src) = text(&a[0]) else { return badarg() };
    let src = String::from_utf8_lossy(&src).into_owned();
    let r = match &ctx.vm.code.compiler {
        Some(c) => c.string_to_quoted(&src),
        None => return Err(Trap::Raise(Exception::elixir("Elixir.RuntimeError", "no compiler available"))),
    };
    Ok(match r {
        Ok(q) => ok(literal_to_term(&q)),
        Err(e) => error(Term::tuple(vec![
            Term::Int(e.line as i64),
            Term::Int(e.column as i64),
            Term::string(&e.message),
            Term::string(&e.token),
            Term::bool(e.incomplete),
        ])),
    })
}

/// `forget_script(module)`: removes the script module `compile_quoted/3` loaded, once its
/// code has run, from the module table (`loader::forget`: a fun it made keeps working), so
/// repeated evaluations do not grow the table, as Elixir's `erl_eval` loads no module.
/// Returns `:ok`; a module not in the table is ignored.
fn forget_script(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let m = atom(&a[0])?;
    loader::forget(ctx.vm, m);
    Ok(Term::atom("ok"))
}

/// `compile_quoted(quoted, names, file)`: compiles and loads the quoted code (see
/// `CompilerHook::compile_quoted`); `{:ok, script_module}` or `{:error, line, message}`. A term
/// that is not quoted code (a pid, a fun) is `{:error, 1, message}` too.
fn compile_quoted(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let quoted = match term_to_literal(&a[0], 0) {
        Ok(q) => q,
        Err(m) => return Ok(Term::tuple(vec![Term::atom("error"), Term::Int(1), Term::string(&m)])),
    };
    let mut names = vec![];
    for n in list(&a[1])? {
        names.push(atom(&n)?.name().to_string());
    }
    let file = text(&a[2]).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_else(|| "nofile".into());
    let r = match &ctx.vm.code.compiler {
        Some(c) => c.compile_quoted(&quoted, &names, &file),
        None => Err((1, "no compiler available".to_string())),
    };
    let (images, script) = match r {
        Ok(x) => x,
        Err((line, m)) => return Ok(Term::tuple(vec![Term::atom("error"), Term::Int(line as i64), Term::string(&m)])),
    };
    match loader::load_compiled(ctx.vm, Some(ctx.p), images, script, &file) {
        Ok((_, _, true)) => Err(Trap::Exit(Term::Atom(Atom::KILLED))),
        Ok((_, Some(s), _)) => Ok(ok(Term::Atom(s))),
        Ok((_, None, _)) => Ok(Term::tuple(vec![Term::atom("error"), Term::Int(1), Term::string("nothing to evaluate")])),
        Err(m) => Ok(Term::tuple(vec![Term::atom("error"), Term::Int(1), Term::string(&m)])),
    }
}
