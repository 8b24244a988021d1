//! `File` (the file system, with Erlang's `{:error, posix}` results and `File.Error` for the
//! bang variants), `Path` (pure string operations on `/`-separated paths) and
//! `:file.format_error/1`.

use super::util::*;
use super::Ctx;
use crate::code::table::{CodeServer, NativeTable};
use crate::error::{Exception, Trap};
use crate::value::{exception::exception_struct, Term};

fn posix(e: &std::io::Error) -> &'static str {
    match e.raw_os_error() {
        Some(1) => "eperm",
        Some(2) => "enoent",
        Some(5) => "eio",
        Some(13) => "eacces",
        Some(17) => "eexist",
        Some(20) => "enotdir",
        Some(21) => "eisdir",
        Some(22) => "einval",
        Some(28) => "enospc",
        Some(30) => "erofs",
        Some(36) => "enametoolong",
        // Erlang reports a non-empty directory as `:eexist` on Linux.
        Some(39) => "eexist",
        _ => match e.kind() {
            std::io::ErrorKind::NotFound => "enoent",
            std::io::ErrorKind::PermissionDenied => "eacces",
            std::io::ErrorKind::AlreadyExists => "eexist",
            _ => "eio",
        },
    }
}

/// `:file.format_error/1`'s text for a posix reason.
pub fn format_error(reason: &str) -> String {
    match reason {
        "enoent" => "no such file or directory",
        "eacces" => "permission denied",
        "eexist" => "file already exists",
        "eisdir" => "illegal operation on a directory",
        "enotdir" => "not a directory",
        "enotempty" => "directory not empty",
        "eperm" => "operation not permitted",
        "enospc" => "no space left on device",
        "einval" => "invalid argument",
        "eio" => "I/O error",
        "erofs" => "read-only file system",
        "enametoolong" => "file name too long",
        other => return format!("unknown POSIX error: {}", other),
    }
    .to_string()
}

fn err_tuple(e: &std::io::Error) -> Term {
    error(Term::atom(posix(e)))
}

fn file_error(e: &std::io::Error, path: &Term, action: &str) -> Trap {
    Exception::error(exception_struct(
        "File.Error",
        vec![("reason", Term::atom(posix(e))), ("path", path.clone()), ("action", Term::string(action))],
    ))
    .into()
}

fn path(t: &Term) -> Result<String, Trap> {
    match text(t) {
        Some(b) => Ok(String::from_utf8_lossy(&b).into_owned()),
        None => badarg(),
    }
}

fn read(p: &Term) -> Result<Result<Term, std::io::Error>, Trap> {
    let p = path(p)?;
    Ok(std::fs::read(&p).map(Term::binary))
}

fn write(p: &Term, content: &Term, modes: &Term) -> Result<Result<(), std::io::Error>, Trap> {
    let p = path(p)?;
    let data = text(content).ok_or(()).or_else(|_| badarg())?;
    let append = list(modes).map(|l| l.iter().any(|m| m.is_atom(crate::value::Atom::intern("append")))).unwrap_or(false);
    use std::io::Write;
    Ok((|| {
        let mut f = std::fs::OpenOptions::new().write(true).create(true).append(append).truncate(!append).open(&p)?;
        f.write_all(&data)
    })())
}

fn ls(p: &Term) -> Result<Result<Term, std::io::Error>, Trap> {
    let p = path(p)?;
    Ok(std::fs::read_dir(&p).and_then(|d| {
        let mut names: Vec<String> = d.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        Ok(Term::list(names.iter().map(|n| Term::string(n)).collect()))
    }))
}

fn rm_rf(p: &str) -> Vec<String> {
    let mut removed = Vec::new();
    fn go(p: &std::path::Path, out: &mut Vec<String>) {
        let Ok(meta) = std::fs::symlink_metadata(p) else { return };
        if meta.is_dir() {
            if let Ok(d) = std::fs::read_dir(p) {
                let mut entries: Vec<_> = d.filter_map(|e| e.ok()).map(|e| e.path()).collect();
                entries.sort();
                for e in entries {
                    go(&e, out);
                }
            }
            if std::fs::remove_dir(p).is_ok() {
                out.push(p.to_string_lossy().into_owned());
            }
        } else if std::fs::remove_file(p).is_ok() {
            out.push(p.to_string_lossy().into_owned());
        }
    }
    go(std::path::Path::new(p), &mut removed);
    removed
}

pub fn register(c: &mut CodeServer) {
    c.register_table("Elixir.File", FILE);
    c.register_table("file", FILE_2);
    c.register_table("Elixir.Path", PATH);
}

/// The natives of `Elixir.File`: `(name, arity, function)`.
const FILE: NativeTable = &[
    ("read", 1, |_, a| Ok(match read(&a[0])? {
        Ok(b) => ok(b),
        Err(e) => err_tuple(&e),
    })),
    ("read!", 1, |_, a| read(&a[0])?.map_err(|e| file_error(&e, &a[0], "read file"))),
    ("write", 2, |_, a| Ok(match write(&a[0], &a[1], &Term::Nil)? {
        Ok(()) => Term::OK,
        Err(e) => err_tuple(&e),
    })),
    ("write", 3, |_, a| Ok(match write(&a[0], &a[1], &a[2])? {
        Ok(()) => Term::OK,
        Err(e) => err_tuple(&e),
    })),
    ("write!", 2, |_, a| write(&a[0], &a[1], &Term::Nil)?.map(|_| Term::OK).map_err(|e| file_error(&e, &a[0], "write to file"))),
    ("write!", 3, |_, a| write(&a[0], &a[1], &a[2])?.map(|_| Term::OK).map_err(|e| file_error(&e, &a[0], "write to file"))),
    ("exists?", 1, |_, a| Ok(Term::bool(std::path::Path::new(&path(&a[0])?).exists()))),
    ("dir?", 1, |_, a| Ok(Term::bool(std::path::Path::new(&path(&a[0])?).is_dir()))),
    ("regular?", 1, |_, a| Ok(Term::bool(std::path::Path::new(&path(&a[0])?).is_file()))),
    ("rm", 1, |_, a| Ok(match std::fs::remove_file(path(&a[0])?) {
        Ok(()) => Term::OK,
        Err(e) => err_tuple(&e),
    })),
    ("rm!", 1, |_, a| std::fs::remove_file(path(&a[0])?).map(|_| Term::OK).map_err(|e| file_error(&e, &a[0], "remove file"))),
    ("rmdir", 1, |_, a| Ok(match std::fs::remove_dir(path(&a[0])?) {
        Ok(()) => Term::OK,
        Err(e) => err_tuple(&e),
    })),
    ("mkdir", 1, |_, a| Ok(match std::fs::create_dir(path(&a[0])?) {
        Ok(()) => Term::OK,
        Err(e) => err_tuple(&e),
    })),
    ("mkdir!", 1, |_, a| std::fs::create_dir(path(&a[0])?).map(|_| Term::OK).map_err(|e| file_error(&e, &a[0], "make directory"))),
    ("mkdir_p", 1, |_, a| Ok(match std::fs::create_dir_all(path(&a[0])?) {
        Ok(()) => Term::OK,
        Err(e) => err_tuple(&e),
    })),
    ("mkdir_p!", 1, |_, a| {
        std::fs::create_dir_all(path(&a[0])?).map(|_| Term::OK).map_err(|e| file_error(&e, &a[0], "make directory (with -p)"))
    }),
    ("ls", 0, |_, _| Ok(match ls(&Term::string("."))? {
        Ok(l) => ok(l),
        Err(e) => err_tuple(&e),
    })),
    ("ls", 1, |_, a| Ok(match ls(&a[0])? {
        Ok(l) => ok(l),
        Err(e) => err_tuple(&e),
    })),
    ("ls!", 1, |_, a| ls(&a[0])?.map_err(|e| file_error(&e, &a[0], "list directory"))),
    ("rm_rf", 1, |_, a| {
        let p = path(&a[0])?;
        Ok(ok(Term::list(rm_rf(&p).iter().map(|s| Term::string(s)).collect())))
    }),
    ("rm_rf!", 1, |_, a| {
        let p = path(&a[0])?;
        Ok(Term::list(rm_rf(&p).iter().map(|s| Term::string(s)).collect()))
    }),
    ("cp", 2, |_, a| Ok(match std::fs::copy(path(&a[0])?, path(&a[1])?) {
        Ok(_) => Term::OK,
        Err(e) => err_tuple(&e),
    })),
    ("rename", 2, |_, a| Ok(match std::fs::rename(path(&a[0])?, path(&a[1])?) {
        Ok(_) => Term::OK,
        Err(e) => err_tuple(&e),
    })),
    ("touch", 1, |_, a| {
        let p = path(&a[0])?;
        Ok(match std::fs::OpenOptions::new().create(true).append(true).open(&p) {
            Ok(_) => Term::OK,
            Err(e) => err_tuple(&e),
        })
    }),
    ("cwd", 0, |_, _| Ok(match std::env::current_dir() {
        Ok(d) => ok(Term::string(&d.to_string_lossy())),
        Err(e) => err_tuple(&e),
    })),
    ("cwd!", 0, |_, _| Ok(Term::string(&std::env::current_dir().map(|d| d.to_string_lossy().into_owned()).unwrap_or_default()))),
];

/// The natives of `file`: `(name, arity, function)`.
const FILE_2: NativeTable = &[
    ("format_error", 1, |_, a| Ok(charlist(&format_error(atom(&a[0])?.name())))),
];

/// The natives of `Elixir.Path`: `(name, arity, function)`.
const PATH: NativeTable = &[
    ("join", 1, |_, a| {
        let parts: Vec<String> = list(&a[0])?.iter().map(path).collect::<Result<_, _>>()?;
        if parts.is_empty() {
            return Err(Exception::error(Term::atom("function_clause")).into());
        }
        let mut acc = String::new();
        for (i, x) in parts.iter().enumerate() {
            acc = if i == 0 { strip_trailing(x) } else { join2(&acc, x) };
        }
        Ok(Term::string(&acc))
    }),
    ("join", 2, |_, a| Ok(Term::string(&join2(&strip_trailing(&path(&a[0])?), &path(&a[1])?)))),
    ("basename", 1, |_, a| Ok(Term::string(&basename(&path(&a[0])?)))),
    ("basename", 2, |_, a| {
        let b = basename(&path(&a[0])?);
        let ext = path(&a[1])?;
        Ok(Term::string(if extname(&b) == ext { &b[..b.len() - ext.len()] } else { &b }))
    }),
    ("dirname", 1, |_, a| Ok(Term::string(&dirname(&path(&a[0])?)))),
    ("extname", 1, |_, a| Ok(Term::string(&extname(&path(&a[0])?)))),
    ("rootname", 1, |_, a| {
        let s = path(&a[0])?;
        let e = extname(&s);
        Ok(Term::string(&s[..s.len() - e.len()]))
    }),
    ("rootname", 2, |_, a| {
        let s = path(&a[0])?;
        let e = path(&a[1])?;
        Ok(Term::string(if extname(&s) == e { &s[..s.len() - e.len()] } else { &s }))
    }),
    ("split", 1, |_, a| {
        let s = path(&a[0])?;
        let mut out = Vec::new();
        if s.starts_with('/') {
            out.push(Term::string("/"));
        }
        out.extend(s.split('/').filter(|x| !x.is_empty()).map(Term::string));
        Ok(Term::list(out))
    }),
    ("type", 1, |_, a| {
        let s = path(&a[0])?;
        Ok(Term::atom(if s.starts_with('/') { "absolute" } else { "relative" }))
    }),
    ("expand", 1, |_, a| Ok(Term::string(&expand(&path(&a[0])?, None)))),
    ("expand", 2, |_, a| {
        let rel = expand(&path(&a[1])?, None);
        Ok(Term::string(&expand(&path(&a[0])?, Some(&rel))))
    }),
    ("absname", 1, |_, a| {
        let s = path(&a[0])?;
        if s.starts_with('/') {
            return Ok(Term::string(&s));
        }
        let cwd = std::env::current_dir().map(|d| d.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(Term::string(&join2(&cwd, &s)))
    }),
    ("relative_to", 2, |_, a| {
        let (s, base) = (path(&a[0])?, strip_trailing(&path(&a[1])?));
        if let Some(rest) = s.strip_prefix(&base) {
            if rest.is_empty() {
                return Ok(Term::string("."));
            }
            if let Some(r) = rest.strip_prefix('/') {
                return Ok(Term::string(r));
            }
        }
        Ok(Term::string(&s))
    }),
    ("relative_to_cwd", 1, |_, a| {
        let s = path(&a[0])?;
        let cwd = std::env::current_dir().map(|d| d.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(Term::string(s.strip_prefix(&format!("{}/", cwd)).unwrap_or(&s)))
    }),
];

fn strip_trailing(s: &str) -> String {
    if s.len() > 1 {
        let t = s.trim_end_matches('/');
        if t.is_empty() {
            "/".to_string()
        } else {
            t.to_string()
        }
    } else {
        s.to_string()
    }
}

fn join2(left: &str, right: &str) -> String {
    let r = right.trim_start_matches('/');
    let r = if r.len() > 1 { r.trim_end_matches('/') } else { r };
    if left.is_empty() {
        return r.to_string();
    }
    if r.is_empty() {
        return left.to_string();
    }
    if left.ends_with('/') {
        format!("{}{}", left, r)
    } else {
        format!("{}/{}", left, r)
    }
}

fn basename(s: &str) -> String {
    let t = s.trim_end_matches('/');
    match t.rfind('/') {
        Some(i) => t[i + 1..].to_string(),
        None => t.to_string(),
    }
}

fn dirname(s: &str) -> String {
    let t = if s.len() > 1 { s.trim_end_matches('/') } else { s };
    match t.rfind('/') {
        None => ".".to_string(),
        Some(0) => "/".to_string(),
        Some(i) => {
            let d = t[..i].trim_end_matches('/');
            if d.is_empty() {
                "/".to_string()
            } else {
                d.to_string()
            }
        }
    }
}

fn extname(s: &str) -> String {
    let b = basename(s);
    match b.rfind('.') {
        Some(0) | None => String::new(),
        Some(i) => b[i..].to_string(),
    }
}

fn expand(s: &str, relative_to: Option<&str>) -> String {
    let home = std::env::var("HOME").unwrap_or_default();
    let s = if s == "~" {
        home.clone()
    } else if let Some(r) = s.strip_prefix("~/") {
        format!("{}/{}", home, r)
    } else {
        s.to_string()
    };
    let full = if s.starts_with('/') {
        s
    } else {
        let base = match relative_to {
            Some(b) => b.to_string(),
            None => std::env::current_dir().map(|d| d.to_string_lossy().into_owned()).unwrap_or_default(),
        };
        join2(&base, &s)
    };
    let mut parts: Vec<&str> = Vec::new();
    for p in full.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            x => parts.push(x),
        }
    }
    format!("/{}", parts.join("/"))
}

#[allow(dead_code)]
fn _unused(_: &mut Ctx) {}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn paths() {
        assert_eq!(join2("a", "/c"), "a/c");
        assert_eq!(dirname("a"), ".");
        assert_eq!(dirname("/a"), "/");
        assert_eq!(basename("/a/b/"), "b");
        assert_eq!(extname("a/b.tar.gz"), ".gz");
        assert_eq!(extname(".bashrc"), "");
        assert_eq!(expand("/a/b/../c", None), "/a/c");
        assert_eq!(strip_trailing("a/"), "a");
        assert_eq!(strip_trailing("/"), "/");
    }
}
