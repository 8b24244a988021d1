//! `Code`'s file functions, native half: `retort_code:load_file/3` reads a source file,
//! compiles it and loads its modules (as `Code.compile_string/2` does), and returns the
//! script module (which holds the file's top-level code as `__FILE__/1`) for
//! `stdlib/lib/code.ex` to run: `Code.require_file/2`, `Code.compile_file/2` and
//! `Code.eval_file/2` follow Elixir 1.14's lib/code.ex. A missing file is `Code.LoadError`
//! "could not load PATH. Reason: enoent"; a file that does not compile prints its
//! diagnostics and raises `CompileError`.

use super::util::*;
use super::Ctx;
use crate::code::loader;
use crate::code::table::{CodeServer, NativeTable};
use crate::error::Exception;
use crate::value::{Atom, Term};
use std::path::{Component, Path, PathBuf};

/// `file` made absolute against `relative_to` (or the working directory), `.` and `..`
/// removed, as `Path.expand/2`.
fn expand(file: &str, relative_to: Option<&str>) -> String {
    let base = match relative_to {
        Some(r) => PathBuf::from(r),
        None => std::env::current_dir().unwrap_or_default(),
    };
    let joined = if Path::new(file).is_absolute() { PathBuf::from(file) } else { base.join(file) };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out.to_string_lossy().into_owned()
}

/// `load_file(file, relative_to | nil, once)`: `nil` when `once` and the file was required
/// before; else `{script_module | nil, [{module, binary}]}`.
fn load_file(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let file = String::from_utf8_lossy(&text(&a[0]).ok_or(()).or_else(|_| badarg())?).into_owned();
    let rel = text(&a[1]).map(|b| String::from_utf8_lossy(&b).into_owned());
    let once = a[2].is_truthy();
    let path = expand(&file, rel.as_deref());
    if once && ctx.vm.code.required_files.contains(&path) {
        return Ok(Term::NIL_ATOM);
    }
    let source = match std::fs::read(&path) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => {
            let reason = match e.kind() {
                std::io::ErrorKind::NotFound => "enoent",
                std::io::ErrorKind::PermissionDenied => "eacces",
                _ if Path::new(&path).is_dir() => "eisdir",
                _ => "eio",
            };
            let mut e = crate::value::MapT::new();
            e.insert(Term::Atom(Atom::STRUCT), Term::atom("Elixir.Code.LoadError"));
            e.insert(Term::Atom(Atom::EXCEPTION), Term::TRUE);
            e.insert(Term::Atom(Atom::MESSAGE), Term::string(&format!("could not load {}. Reason: {}", path, reason)));
            e.insert(Term::atom("file"), Term::string(&path));
            e.insert(Term::atom("reason"), Term::atom(reason));
            return Err(Exception::error(Term::map(e)).into());
        }
    };
    if once {
        ctx.vm.code.required_files.push(path.clone());
    }
    // diagnostics and stack traces name the file as given
    match loader::compile_and_load(ctx.vm, Some(ctx.p), &source, &file) {
        Ok((mods, script, killed_self)) => {
            super::code::caller_survives(killed_self)?;
            let mods = Term::list(mods.into_iter().map(|(m, b)| Term::tuple(vec![Term::Atom(m), Term::binary(b.to_vec())])).collect());
            Ok(Term::tuple(vec![script.map(Term::Atom).unwrap_or(Term::NIL_ATOM), mods]))
        }
        Err(msg) => {
            let _ = std::io::Write::flush(&mut ctx.vm.out);
            eprintln!("{msg}");
            Err(Exception::elixir("Elixir.CompileError", &format!("{file}: compile error")).into())
        }
    }
}

pub fn register(c: &mut CodeServer) {
    c.register_table("retort_code", RETORT_CODE);
}

/// The natives of `retort_code`: `(name, arity, function)`.
const RETORT_CODE: NativeTable = &[
    ("load_file", 3, load_file),
    ("required_files", 0, |ctx, _| Ok(Term::list(ctx.vm.code.required_files.iter().map(|f| Term::string(f)).collect()))),
];

#[cfg(test)]
mod tests {
    #[test]
    fn expand_resolves_dots() {
        assert_eq!(super::expand("../b/./c.exs", Some("/x/a")), "/x/b/c.exs");
        assert_eq!(super::expand("/abs.exs", Some("/x")), "/abs.exs");
    }
}
