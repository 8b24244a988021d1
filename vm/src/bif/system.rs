//! `System`: time, arguments, environment, halting.

use super::util::*;
use super::Ctx;
use crate::code::table::{CodeServer, NativeTable};
use crate::error::{Exception, Trap};
use crate::value::{exception::exception_struct, Atom, MapT, Term};

fn unit_per_sec(t: &Term) -> Result<i64, Trap> {
    match t {
        Term::Atom(a) => match a.name() {
            "second" | "seconds" => Ok(1),
            "millisecond" | "milli_seconds" => Ok(1_000),
            "microsecond" | "micro_seconds" => Ok(1_000_000),
            "nanosecond" | "nano_seconds" | "native" => Ok(1_000_000_000),
            _ => badarg(),
        },
        Term::Int(n) if *n > 0 => Ok(*n),
        _ => badarg(),
    }
}

/// `System.convert_time_unit/3` (floor division, as Erlang does).
pub fn convert(t: i64, from: i64, to: i64) -> i64 {
    let v = t as i128 * to as i128;
    v.div_euclid(from as i128) as i64
}

fn env_error(name: &Term) -> Trap {
    Exception::error(exception_struct("System.EnvError", vec![("env", name.clone())])).into()
}

/// Registers the natives; called once per new VM (from `Vm::new`).
pub fn register(c: &mut CodeServer) {
    c.register_table("Elixir.System", SYSTEM);
    c.register_table("os", OS);
    c.register_table("erlang", ERLANG);
    register_exception(c);
    register_function(c);
}

use super::erlang::{monotonic_time_0 as mono0, monotonic_time_1 as mono1, system_time_0 as sys0, system_time_1 as sys1};

/// The natives of `Elixir.System`: `(name, arity, function)`.
const SYSTEM: NativeTable = &[
    ("monotonic_time", 0, mono0),
    ("monotonic_time", 1, mono1),
    ("system_time", 0, sys0),
    ("system_time", 1, sys1),
    ("os_time", 0, sys0),
    ("os_time", 1, sys1),
    ("convert_time_unit", 3, |_, a| {
        Ok(Term::Int(convert(int(&a[0])?, unit_per_sec(&a[1])?, unit_per_sec(&a[2])?)))
    }),
    ("argv", 0, |ctx, _| Ok(Term::list(ctx.vm.argv.iter().map(|s| Term::string(s)).collect()))),
    ("argv", 1, |ctx, a| {
        ctx.vm.argv = list(&a[0])?.iter().map(string).collect::<Result<_, _>>()?;
        Ok(Term::OK)
    }),
    ("halt", 0, |_, _| Err(Trap::Halt(0))),
    ("halt", 1, |_, a| match &a[0] {
        Term::Int(n) => Err(Trap::Halt(*n as i32)),
        Term::Atom(x) if x.name() == "abort" => Err(Trap::Halt(134)),
        Term::Binary(b) => {
            eprintln!("{}", String::from_utf8_lossy(b));
            Err(Trap::Halt(1))
        }
        _ => badarg(),
    }),
    ("stop", 0, |_, _| Err(Trap::Halt(0))),
    ("stop", 1, |_, a| Err(Trap::Halt(int(&a[0]).unwrap_or(1) as i32))),
    ("get_env", 0, |_, _| {
        let mut mm = MapT::new();
        for (k, v) in std::env::vars() {
            mm.insert(Term::string(&k), Term::string(&v));
        }
        Ok(Term::map(mm))
    }),
    ("get_env", 1, |_, a| Ok(std::env::var(string(&a[0])?).map(|v| Term::string(&v)).unwrap_or(Term::NIL_ATOM))),
    ("get_env", 2, |_, a| Ok(std::env::var(string(&a[0])?).map(|v| Term::string(&v)).unwrap_or_else(|_| a[1].clone()))),
    ("fetch_env", 1, |_, a| Ok(std::env::var(string(&a[0])?).map(|v| ok(Term::string(&v))).unwrap_or(Term::atom("error")))),
    ("fetch_env!", 1, |_, a| std::env::var(string(&a[0])?).map(|v| Term::string(&v)).map_err(|_| env_error(&a[0]))),
    ("put_env", 2, |_, a| {
        std::env::set_var(string(&a[0])?, string(&a[1])?);
        Ok(Term::OK)
    }),
    ("delete_env", 1, |_, a| {
        std::env::remove_var(string(&a[0])?);
        Ok(Term::OK)
    }),
    ("pid", 0, |_, _| Ok(Term::string(&std::process::id().to_string()))),
    ("tmp_dir", 0, |_, _| Ok(Term::string(&std::env::temp_dir().to_string_lossy()))),
    ("tmp_dir!", 0, |_, _| Ok(Term::string(&std::env::temp_dir().to_string_lossy()))),
    ("cwd", 0, |_, _| Ok(std::env::current_dir().map(|d| Term::string(&d.to_string_lossy())).unwrap_or(Term::NIL_ATOM))),
    ("cwd!", 0, |_, _| Ok(std::env::current_dir().map(|d| Term::string(&d.to_string_lossy())).unwrap_or(Term::NIL_ATOM))),
    ("user_home", 0, |_, _| Ok(std::env::var("HOME").map(|v| Term::string(&v)).unwrap_or(Term::NIL_ATOM))),
    ("version", 0, |_, _| Ok(Term::string("1.14.0"))),
    ("otp_release", 0, |_, _| Ok(Term::string("25"))),
    ("schedulers_online", 0, |_, _| Ok(Term::Int(1))),
    ("schedulers", 0, |_, _| Ok(Term::Int(1))),
    ("os_type", 0, |_, _| Ok(Term::tuple(vec![Term::atom("unix"), Term::atom(std::env::consts::OS)]))),
    ("unique_integer", 0, unique),
    ("unique_integer", 1, unique),
    ("build_info", 0, |_, _| {
        Ok(atom_map(&[("version", Term::string("1.14.0")), ("otp_release", Term::string("25")), ("build", Term::string("1.14.0 (retort)"))]))
    }),
];

/// The natives of `os`: `(name, arity, function)`.
const OS: NativeTable = &[
    ("system_time", 0, sys0),
    ("system_time", 1, sys1),
];

/// The natives of `erlang`: `(name, arity, function)`.
const ERLANG: NativeTable = &[
    ("convert_time_unit", 3, |_, a| {
        Ok(Term::Int(convert(int(&a[0])?, unit_per_sec(&a[1])?, unit_per_sec(&a[2])?)))
    }),
    ("unique_integer", 0, unique),
    ("unique_integer", 1, unique),
];

/// Natives behind the language-level `Exception` module (`:retort_exc`), on
/// `value::exception`.
pub fn register_exception(c: &mut CodeServer) {
    c.register_table("retort_exc", RETORT_EXC_EXCEPTION);
}

use crate::value::exception as ex;

/// The natives of `retort_exc`: `(name, arity, function)`.
const RETORT_EXC_EXCEPTION: NativeTable = &[
    ("normalize", 2, |ctx, a| Ok(ex::normalize(&ctx.vm.code.known, &a[0], &a[1]))),
    ("message", 1, |ctx, a| Ok(Term::string(&ex::message(&ctx.vm.code.known, &a[0])))),
    ("format_banner", 3, |ctx, a| Ok(Term::string(&ex::format_banner(&ctx.vm.code.known, &a[0], &a[1], &a[2])))),
    ("format_stacktrace", 1, |ctx, a| Ok(Term::string(&ex::format_stacktrace(&ctx.vm.code.known, &a[0])))),
    ("format_stacktrace_entry", 1, |ctx, a| match ex::format_stacktrace_entry(&ctx.vm.code.known, &a[0]) {
        Some(s) => Ok(Term::string(&s)),
        None => badarg(),
    }),
    ("format_exit", 1, |ctx, a| Ok(Term::string(&ex::format_exit(&ctx.vm.code.known, &a[0])))),
    ("format_mfa", 3, |ctx, a| Ok(Term::string(&ex::format_mfa(&ctx.vm.code.known, &a[0], &a[1], &a[2])))),
    ("format_file_line", 3, |ctx, a| Ok(Term::string(&ex::format_file_line(&ctx.vm.code.known, &a[0], &a[1], &string(&a[2])?)))),
];

fn fun_info_item(f: &crate::value::Fun, item: &str) -> Option<Term> {
    use crate::value::Fun;
    Some(match (f, item) {
        (Fun::Local { instance, .. }, "module") => Term::Atom(instance.name),
        (Fun::External { module, .. }, "module") => Term::Atom(*module),
        (Fun::Local { instance, lambda, .. }, "name") => {
            let l = &instance.lambdas[*lambda as usize];
            Term::atom(&instance.image.functions[l.function as usize].name)
        }
        (Fun::External { function, .. }, "name") => Term::Atom(*function),
        (_, "arity") => Term::Int(f.arity() as i64),
        (Fun::Local { env, .. }, "env") => Term::list(env.clone()),
        (Fun::External { .. }, "env") => Term::Nil,
        (Fun::Local { .. }, "type") => Term::atom("local"),
        (Fun::External { .. }, "type") => Term::atom("external"),
        (Fun::Local { lambda, .. }, "index") => Term::Int(*lambda as i64),
        (Fun::Foreign(ff), "module") => Term::Atom(ff.module),
        (Fun::Foreign(_), "name") => Term::Nil,
        (Fun::Foreign(ff), "env") => Term::list(ff.env.clone()),
        (Fun::Foreign(_), "type") => Term::atom("local"),
        (Fun::Foreign(ff), "index") => Term::Int(ff.old_index),
        (Fun::Foreign(ff), "new_index") => Term::Int(ff.index as i64),
        (Fun::Foreign(ff), "uniq") => Term::Int(ff.old_uniq),
        (Fun::Foreign(ff), "new_uniq") => Term::binary(ff.md5.to_vec()),
        (Fun::Foreign(ff), "pid") => ff.pid.clone(),
        _ => return None,
    })
}

/// `Function.info/1,2` and `Function.capture/3`.
pub fn register_function(c: &mut CodeServer) {
    c.register_table("Elixir.Function", FUNCTION_FUNCTION);
    c.register_table("erlang", ERLANG_FUNCTION);
}

/// The natives of `Elixir.Function`: `(name, arity, function)`.
const FUNCTION_FUNCTION: NativeTable = &[
    ("info", 2, |_, a| match &a[0] {
        Term::Fun(f) => {
            let item = atom(&a[1])?;
            match fun_info_item(f, item.name()) {
                Some(v) => Ok(Term::tuple(vec![a[1].clone(), v])),
                None => badarg(),
            }
        }
        _ => badarg(),
    }),
    ("info", 1, |_, a| match &a[0] {
        Term::Fun(f) => {
            let items = ["module", "name", "arity", "env", "type"];
            Ok(Term::list(items.iter().filter_map(|i| fun_info_item(f, i).map(|v| Term::tuple(vec![Term::atom(i), v]))).collect()))
        }
        _ => badarg(),
    }),
    ("capture", 3, |_, a| {
        Ok(Term::Fun(std::rc::Rc::new(crate::value::Fun::External { module: atom(&a[0])?, function: atom(&a[1])?, arity: int(&a[2])? as u32 })))
    }),
    ("identity", 1, |_, a| Ok(a[0].clone())),
];

/// The natives of `erlang`: `(name, arity, function)`.
const ERLANG_FUNCTION: NativeTable = &[
    ("fun_info", 2, |_, a| match &a[0] {
        Term::Fun(f) => match fun_info_item(f, atom(&a[1])?.name()) {
            Some(v) => Ok(Term::tuple(vec![a[1].clone(), v])),
            None => badarg(),
        },
        _ => badarg(),
    }),
    ("make_fun", 3, |_, a| {
        Ok(Term::Fun(std::rc::Rc::new(crate::value::Fun::External { module: atom(&a[0])?, function: atom(&a[1])?, arity: int(&a[2])? as u32 })))
    }),
];

fn unique(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let positive = a.first().map(|o| list(o).map(|l| l.iter().any(|x| x.is_atom(Atom::intern("positive")))).unwrap_or(false)).unwrap_or(false);
    ctx.vm.bif.unique += 1;
    let n = ctx.vm.bif.unique;
    Ok(Term::Int(if positive { n } else { n - 576460752303423489 }))
}

#[cfg(test)]
mod tests {
    #[test]
    fn convert_units() {
        assert_eq!(super::convert(1500, 1000, 1), 1);
        assert_eq!(super::convert(-1, 1000, 1), -1);
        assert_eq!(super::convert(2, 1, 1000), 2000);
    }
}
