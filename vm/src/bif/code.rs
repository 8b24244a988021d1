//! The code server's API: `:code`, the load/purge parts of `:erlang` (see erlang.rs), `Code`,
//! and `module_info`. Semantics follow `docs/hot-code.md`.

use super::util::*;
use super::Ctx;
use crate::code::table::{CodeServer, NativeTable};
use crate::code::{loader, purge};
use crate::error::Trap;
use crate::value::{Atom, Term};

pub fn register(c: &mut CodeServer) {
    c.register_table("Elixir.Code", CODE);
    c.register_table("code", CODE_2);
    c.register_table("erlang", ERLANG);
    c.register_table("error_handler", ERROR_HANDLER);
    c.register_table("Elixir.IEx.Helpers", I_EX__HELPERS);
}

/// The natives of `Elixir.Code`: `(name, arity, function)`.
const CODE: NativeTable = &[
    ("compile_string", 1, |ctx, a| compile_string(ctx, &a[0], &Term::string("nofile"))),
    ("compile_string", 2, |ctx, a| compile_string(ctx, &a[0], &a[1])),
    ("compiler_options", 1, compiler_options),
    ("ensure_loaded", 1, |ctx, a| {
        let m = atom(&a[0])?;
        Ok(if ensure(ctx, m) { Term::tuple(vec![Term::atom("module"), a[0].clone()]) } else { error(Term::atom("nofile")) })
    }),
    ("ensure_loaded?", 1, |ctx, a| {
        let m = atom(&a[0])?;
        Ok(Term::bool(ensure(ctx, m)))
    }),
];

/// The natives of `code`: `(name, arity, function)`.
const CODE_2: NativeTable = &[
    ("purge", 1, purge_1),
    ("soft_purge", 1, soft_purge_1),
    ("delete", 1, |ctx, a| Ok(Term::bool(loader::delete(ctx.vm, atom(&a[0])?)))),
    ("is_loaded", 1, is_loaded),
    ("ensure_loaded", 1, |ctx, a| {
        let m = atom(&a[0])?;
        Ok(if ensure(ctx, m) { Term::tuple(vec![Term::atom("module"), a[0].clone()]) } else { error(Term::atom("nofile")) })
    }),
    ("load_binary", 3, load_binary),
    ("load_file", 1, load_file),
    ("which", 1, which),
    ("all_loaded", 0, all_loaded),
    ("objfile_extension", 0, |_, _| Ok(charlist(crate::bytecode::file::EXTENSION))),
    ("add_path", 1, |ctx, a| add_path(ctx, &a[0], false)),
    ("add_pathz", 1, |ctx, a| add_path(ctx, &a[0], false)),
    ("add_patha", 1, |ctx, a| add_path(ctx, &a[0], true)),
    ("del_path", 1, |ctx, a| {
        let p = String::from_utf8_lossy(&text(&a[0]).unwrap_or_default()).into_owned();
        let before = ctx.vm.code.path.len();
        ctx.vm.code.path.retain(|x| *x != p);
        Ok(Term::bool(before != ctx.vm.code.path.len()))
    }),
    ("get_path", 0, |ctx, _| Ok(Term::list(ctx.vm.code.path.iter().map(|p| charlist(p)).collect()))),
];

/// The natives of `erlang`: `(name, arity, function)`.
const ERLANG: NativeTable = &[
    ("get_module_info", 1, get_module_info_1),
    ("module_info", 0, |ctx, _| get_module_info_1(ctx, &mut [Term::Atom(Atom::ERLANG)])),
    ("module_info", 1, |ctx, a| get_module_info_2(ctx, &mut [Term::Atom(Atom::ERLANG), std::mem::take(&mut a[0])])),
    ("get_module_info", 2, get_module_info_2),
];

/// The natives of `error_handler`: `(name, arity, function)`.
const ERROR_HANDLER: NativeTable = &[
    ("undefined_function", 3, undefined_function),
    ("undefined_lambda", 3, undefined_lambda),
];

/// The natives of `Elixir.IEx.Helpers`: `(name, arity, function)`.
const I_EX__HELPERS: NativeTable = &[
    ("l", 1, iex_l),
];

/// Loads `m` if it is not loaded (autoload); whether it is available now.
fn ensure(ctx: &mut Ctx, m: Atom) -> bool {
    ctx.vm.code.current(m).is_some() || loader::autoload(ctx.vm, m) || ctx.vm.code.native_modules.contains_key(&m)
}

/// `Code.compile_string(source, file)`: compiles and loads every module (purge first, with
/// Elixir's "redefining module" warning, R14) and returns `[{module, binary}]`. Killed with
/// `:killed` if the caller itself runs code that the purge removed.
fn compile_string(ctx: &mut Ctx, src: &Term, file: &Term) -> R {
    let source = String::from_utf8_lossy(&text(src).ok_or(()).or_else(|_| badarg())?).into_owned();
    let file = String::from_utf8_lossy(&text(file).unwrap_or_else(|| b"nofile".to_vec())).into_owned();
    match loader::compile_and_load(ctx.vm, Some(ctx.p), &source, &file) {
        Ok((mods, _script, killed_self)) => {
            caller_survives(killed_self)?;
            Ok(Term::list(mods.into_iter().map(|(m, b)| Term::tuple(vec![Term::Atom(m), Term::binary(b.to_vec())])).collect()))
        }
        Err(msg) => {
            let _ = std::io::Write::flush(&mut ctx.vm.out);
            eprintln!("{msg}");
            Err(Trap::Raise(crate::error::Exception::elixir("Elixir.CompileError", &format!("{file}: compile error"))))
        }
    }
}

fn compiler_options(ctx: &mut Ctx, a: &mut [Term]) -> R {
    if let Some(v) = kw_get(&a[0], "ignore_module_conflict") {
        ctx.vm.code.ignore_module_conflict = v.is_atom(Atom::TRUE);
    }
    Ok(Term::Nil)
}

/// A purge (R16) run by a native for the running process: when that process itself runs the
/// old code removed, it dies with `:killed` as the others did (the `Err`, a `Trap::Exit` the
/// interpreter turns into the process's exit), as on the BEAM. Every native that purges goes
/// through here or [`caller_survives`].
pub fn purge_for_caller(ctx: &mut Ctx, m: Atom) -> Result<purge::PurgeResult, Trap> {
    let r = purge::purge(ctx.vm, Some(ctx.p), m);
    caller_survives(r.kill_current)?;
    Ok(r)
}

/// After a load that purged (R14, R16): `killed_self` (the loader's report that the running
/// process ran purged code) ends the caller with `:killed`.
pub fn caller_survives(killed_self: bool) -> Result<(), Trap> {
    if killed_self {
        return Err(Trap::Exit(Term::Atom(Atom::KILLED)));
    }
    Ok(())
}

/// `code:purge/1` (R16): true if a process was killed.
fn purge_1(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let m = atom(&a[0])?;
    let r = purge_for_caller(ctx, m)?;
    Ok(Term::bool(r.killed_any))
}

/// `code:soft_purge/1` (R18).
fn soft_purge_1(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let m = atom(&a[0])?;
    Ok(Term::bool(purge::soft_purge(ctx.vm, Some(ctx.p), m)))
}

fn which_of(ctx: &Ctx, m: Atom) -> Term {
    match ctx.vm.code.current(m) {
        Some(i) => match &i.path {
            Some(p) => charlist(p),
            None => Term::atom("in_memory"),
        },
        None => {
            if ctx.vm.code.native_modules.contains_key(&m) {
                Term::atom("preloaded")
            } else {
                Term::atom("non_existing")
            }
        }
    }
}

/// `code:is_loaded/1`: `{:file, path | :in_memory | :preloaded}` or false.
fn is_loaded(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let m = atom(&a[0])?;
    if ctx.vm.code.current(m).is_none() && !ctx.vm.code.native_modules.contains_key(&m) {
        return Ok(Term::FALSE);
    }
    Ok(Term::tuple(vec![Term::Atom(Atom::FILE), which_of(ctx, m)]))
}

fn which(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let m = atom(&a[0])?;
    if ctx.vm.code.current(m).is_none() {
        if let Some((p, _)) = loader::find_on_path(ctx.vm, m) {
            return Ok(charlist(&p));
        }
    }
    Ok(which_of(ctx, m))
}

fn all_loaded(ctx: &mut Ctx, _: &mut [Term]) -> R {
    let mut out = Vec::new();
    let mut names: Vec<Atom> = ctx.vm.code.modules.iter().filter(|(_, e)| e.current.is_some()).map(|(m, _)| *m).collect();
    names.sort_by_key(|m| m.name());
    for m in names {
        out.push(Term::tuple(vec![Term::Atom(m), which_of(ctx, m)]));
    }
    Ok(Term::list(out))
}

/// `code:load_binary/3` (R13): purge first when current code exists.
fn load_binary(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let m = atom(&a[0])?;
    let image = match crate::bytecode::file::decode(bytes(&a[2])?) {
        Ok(i) if i.name == m.name() => i,
        _ => return Ok(error(Term::atom("badfile"))),
    };
    let inst = match loader::prepare(ctx.vm, image) {
        Ok(i) => i,
        Err(e) => return Ok(error(Term::Atom(e.atom()))),
    };
    let (r, killed_self) = loader::load_binary(ctx.vm, Some(ctx.p), inst);
    caller_survives(killed_self)?;
    match r {
        Ok(m) => Ok(Term::tuple(vec![Term::atom("module"), Term::Atom(m)])),
        Err(e) => Ok(error(Term::Atom(e.atom()))),
    }
}

/// `code:load_file/1` (R12): from the code path, refusing with `:not_purged` while old code
/// exists.
fn load_file(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let m = atom(&a[0])?;
    let Some((path, bytes)) = loader::find_on_path(ctx.vm, m) else {
        return Ok(error(Term::atom("nofile")));
    };
    let image = match crate::bytecode::file::decode(&bytes) {
        Ok(i) if i.name == m.name() => i,
        _ => return Ok(error(Term::atom("badfile"))),
    };
    let inst = match loader::prepare_from(ctx.vm, image, Some(path)) {
        Ok(i) => i,
        Err(e) => return Ok(error(Term::Atom(e.atom()))),
    };
    match loader::commit(ctx.vm, inst) {
        Ok(m) => Ok(Term::tuple(vec![Term::atom("module"), Term::Atom(m)])),
        Err(e) => Ok(error(Term::Atom(e.atom()))),
    }
}

fn add_path(ctx: &mut Ctx, p: &Term, front: bool) -> R {
    let Some(t) = text(p) else { return badarg() };
    let s = String::from_utf8_lossy(&t).into_owned();
    ctx.vm.code.path.retain(|x| *x != s);
    if front {
        ctx.vm.code.path.insert(0, s);
    } else {
        ctx.vm.code.path.push(s);
    }
    Ok(Term::TRUE)
}

/// `module_info(key)` of a module that has no code but natives (`:erlang`, `:lists`...):
/// its module name, its natives as exports (exactly the registered entries, sorted, with
/// `module_info/0,1`), and empty attributes and compile information.
fn native_module_info(ctx: &Ctx, m: Atom, key: &str) -> R {
    if !ctx.vm.code.native_modules.contains_key(&m) {
        return badarg();
    }
    Ok(match key {
        "module" => Term::Atom(m),
        "exports" => {
            let mut ex = ctx.vm.code.native_exports(m);
            ex.retain(|(n, _)| n.name() != "module_info");
            ex.push((Atom::intern("module_info"), 0));
            ex.push((Atom::intern("module_info"), 1));
            Term::list(ex.into_iter().map(|(n, a)| Term::tuple(vec![Term::Atom(n), Term::Int(a as i64)])).collect())
        }
        "attributes" | "compile" => Term::Nil,
        _ => return badarg(),
    })
}

fn module_info_term(ctx: &Ctx, m: Atom, key: &str) -> R {
    let Some(inst) = ctx.vm.code.current(m) else { return native_module_info(ctx, m, key) };
    Ok(match key {
        "module" => Term::Atom(m),
        "md5" => Term::binary(inst.md5.to_vec()),
        "exports" => {
            let mut ex: Vec<(String, u32)> = inst.image.exports.iter().map(|e| (e.name.clone(), e.arity)).collect();
            // A module of code and natives (`:lists`) exports both.
            for (n, a) in ctx.vm.code.native_exports(m) {
                if n.name() != "module_info" && !ex.iter().any(|(x, y)| x == n.name() && *y == a) {
                    ex.push((n.name().to_string(), a));
                }
            }
            ex.push(("module_info".into(), 0));
            ex.push(("module_info".into(), 1));
            Term::list(ex.into_iter().map(|(n, a)| Term::tuple(vec![Term::atom(&n), Term::Int(a as i64)])).collect())
        }
        "attributes" => {
            let mut items = vec![];
            let mut has_vsn = false;
            for (k, v) in &inst.image.attributes {
                if k == "vsn" {
                    has_vsn = true;
                }
                let val = crate::code::module::literal_to_term(v);
                let val = if k == "behaviour" { val } else { Term::list(vec![val]) };
                let val = match &val {
                    Term::Nil | Term::Cons(_) => val,
                    _ => Term::list(vec![val]),
                };
                items.push(Term::tuple(vec![Term::atom(k), val]));
            }
            if !has_vsn {
                items.insert(0, Term::tuple(vec![Term::Atom(Atom::VSN), Term::list(vec![inst.vsn()])]));
            }
            Term::list(items)
        }
        "compile" => Term::list(vec![
            Term::tuple(vec![Term::atom("version"), charlist("retort")]),
            Term::tuple(vec![Term::atom("source"), charlist(&inst.image.file)]),
        ]),
        _ => return badarg(),
    })
}

fn get_module_info_1(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let m = atom(&a[0])?;
    let mut out = vec![];
    let native_only = ctx.vm.code.current(m).is_none();
    for k in ["module", "exports", "attributes", "compile", "md5"] {
        if native_only && k == "md5" {
            continue;
        }
        out.push(Term::tuple(vec![Term::atom(k), module_info_term(ctx, m, k)?]));
    }
    Ok(Term::list(out))
}

fn get_module_info_2(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let m = atom(&a[0])?;
    let k = atom(&a[1])?;
    module_info_term(ctx, m, k.name())
}

/// The default `:error_handler.undefined_function/3` (R34, R35): autoload `m`, then call
/// `m.f(args)` if it is exported, else raise `:undef`.
fn undefined_function(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let m = atom(&a[0])?;
    let f = atom(&a[1])?;
    let args = list(&a[2])?;
    if ctx.vm.code.current(m).is_none() {
        loader::autoload(ctx.vm, m);
    }
    if ctx.vm.code.resolve(m, f, args.len() as u32).is_some() {
        return Err(Trap::Apply { callee: Term::Atom(m), function: Some(f), args });
    }
    Err(Trap::Raise(crate::interp::calls::undef(m, f, args.len() as u32)))
}

/// The default `:error_handler.undefined_lambda/3`: the fun's module has no code: `:undef`.
fn undefined_lambda(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let m = atom(&a[0])?;
    if ctx.vm.code.current(m).is_none() {
        loader::autoload(ctx.vm, m);
    }
    match &a[1] {
        Term::Fun(_) if ctx.vm.code.current(m).is_some() => Err(Trap::Apply { callee: a[1].clone(), function: None, args: list(&a[2])? }),
        _ => Err(Trap::Raise(crate::error::Exception::error(Term::Atom(Atom::UNDEF)))),
    }
}

/// IEx's `l/1` (R15): `:code.purge(m)` then `:code.load_file(m)`.
pub fn iex_l(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let m = atom(&a[0])?;
    purge_for_caller(ctx, m)?;
    load_file(ctx, a)
}
