//! Releases: `retort release -o DIR [--app MOD] FILES...` writes one bytecode file per module
//! and a manifest; [`read`] reads a release directory back, checking every file, for
//! `retort start` and `retort upgrade`.
//!
//! The manifest, `DIR/release.manifest`, is text, one entry per line (after OTP's `.rel` and
//! `.app` files, reduced to what an upgrade needs):
//!
//! ```text
//! retort-release 1
//! app Elixir.KVServer.App
//! module Elixir.KVServer.Store 32 "2" Elixir.KVServer.Store.rbc
//! ```
//!
//! `module NAME MD5 VSN FILE`: the module's MD5 (32 hex digits, the digest the bytecode file
//! carries and the loaded instance reports), its `@vsn` as `inspect` prints it (`-` when the
//! module has none) and the file, relative to `DIR`. Modules are listed in the order of the
//! source files and of the modules within each file; `retort start` loads them in that order.

use retort_vm::bytecode::{file, ModuleImage};
use retort_vm::code::table::CompilerHook;
use std::path::{Path, PathBuf};

/// The manifest's file name inside a release directory.
pub const MANIFEST: &str = "release.manifest";
const HEADER: &str = "retort-release 1";

/// One module of a release: its name (`Elixir.Mod`), MD5, `@vsn` text, and the decoded,
/// checksum-verified image with the path it was read from.
pub struct Module {
    pub name: String,
    pub md5: [u8; 16],
    pub vsn: String,
    pub path: PathBuf,
    pub image: ModuleImage,
}

/// A release read from its directory.
pub struct Release {
    pub dir: PathBuf,
    /// The `Application` module (`Elixir.Mod`), if the release has one.
    pub app: Option<String>,
    pub modules: Vec<Module>,
}

/// 32 lowercase hex digits.
pub fn hex(md5: &[u8; 16]) -> String {
    md5.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<[u8; 16]> {
    if s.len() != 32 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut out = [0u8; 16];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// The `@vsn` of an image as `inspect` prints it, `-` when there is none.
fn vsn_text(image: &ModuleImage) -> String {
    image
        .attributes
        .iter()
        .find(|(k, _)| k == "vsn")
        .map(|(_, v)| retort_vm::value::inspect::inspect_default(&retort_vm::code::module::literal_to_term(v)))
        .unwrap_or_else(|| "-".to_string())
}

/// The module name as Elixir writes it (`KVServer.Store`, `:gen`).
pub fn display(name: &str) -> String {
    name.strip_prefix("Elixir.").map(str::to_string).unwrap_or_else(|| format!(":{name}"))
}

/// Compiles `files` into `out` (created if missing): a bytecode file per module and the
/// manifest. `app` is the Application module as written in source (`KVServer.App`); it must be
/// one of the compiled modules and export `start/2`. Errors are messages for stderr.
pub fn build(files: &[String], out: &Path, app: Option<&str>) -> Result<Release, String> {
    if files.is_empty() {
        return Err("error: retort release needs at least one source file\n".into());
    }
    let compiler = retort_stdlib::Compiler::default();
    let mut images = Vec::new();
    for f in files {
        let source = std::fs::read_to_string(f).map_err(|e| format!("** (File.Error) could not read file \"{f}\": {e}\n"))?;
        let (mods, _script) = compiler.compile(&source, f)?;
        images.extend(mods);
    }
    let app = match app {
        None => None,
        Some(a) => {
            let full = if a.starts_with("Elixir.") || a.starts_with(':') { a.trim_start_matches(':').to_string() } else { format!("Elixir.{a}") };
            let Some(img) = images.iter().find(|m| m.name == full) else {
                return Err(format!("error: the application module {a} is not defined by the release's files\n"));
            };
            if !img.exports.iter().any(|e| e.name == "start" && e.arity == 2) {
                return Err(format!("error: the application module {a} does not define start/2 (use Application)\n"));
            }
            Some(full)
        }
    };
    std::fs::create_dir_all(out).map_err(|e| format!("error: could not create {}: {e}\n", out.display()))?;
    let mut manifest = format!("{HEADER}\n");
    if let Some(a) = &app {
        manifest.push_str(&format!("app {a}\n"));
    }
    let mut modules = Vec::new();
    for image in images {
        let bytes = file::encode(&image);
        let md5 = file::md5_of(&bytes);
        let fname = format!("{}{}", image.name, file::EXTENSION);
        let path = out.join(&fname);
        std::fs::write(&path, &bytes).map_err(|e| format!("error: could not write {}: {e}\n", path.display()))?;
        let vsn = vsn_text(&image);
        manifest.push_str(&format!("module {} {} {} {}\n", image.name, hex(&md5), vsn, fname));
        modules.push(Module { name: image.name.clone(), md5, vsn, path, image });
    }
    let mpath = out.join(MANIFEST);
    std::fs::write(&mpath, manifest).map_err(|e| format!("error: could not write {}: {e}\n", mpath.display()))?;
    Ok(Release { dir: out.to_path_buf(), app, modules })
}

/// Reads and checks a release directory: the manifest parses, every bytecode file exists,
/// decodes (magic, format version, checksum), verifies, is the module the manifest names and
/// has the MD5 it records. Nothing is loaded. Errors name the directory or the file.
pub fn read(dir: &Path) -> Result<Release, String> {
    let mpath = dir.join(MANIFEST);
    if !dir.is_dir() {
        return Err(format!("error: {} is not a directory", dir.display()));
    }
    let text = std::fs::read_to_string(&mpath).map_err(|e| format!("error: {} is not a release (no readable {MANIFEST}: {e})", dir.display()))?;
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return Err(format!("error: {} is not a release manifest (its first line is not \"{HEADER}\")", mpath.display()));
    }
    let mut app = None;
    let mut modules = Vec::new();
    for (i, line) in lines.enumerate() {
        let bad = || format!("error: {}:{}: malformed manifest line: {line}", mpath.display(), i + 2);
        let mut words = line.split(' ');
        match words.next() {
            Some("app") => app = Some(words.next().ok_or_else(bad)?.to_string()),
            Some("module") => {
                let name = words.next().ok_or_else(bad)?.to_string();
                let md5 = words.next().and_then(unhex).ok_or_else(bad)?;
                // The vsn may contain spaces (a string); the file name is the last word.
                let rest: Vec<&str> = words.collect();
                let (fname, vsn) = rest.split_last().ok_or_else(bad)?;
                if vsn.is_empty() || fname.contains('/') || fname.starts_with('.') {
                    return Err(bad());
                }
                let path = dir.join(fname);
                let bytes = std::fs::read(&path).map_err(|e| format!("error: could not read {}: {e}", path.display()))?;
                let image = file::decode(&bytes).map_err(|e| format!("error: {}: {e}", path.display()))?;
                retort_vm::bytecode::verify::verify(&image).map_err(|e| format!("error: {}: the bytecode does not verify: {e:?}", path.display()))?;
                if image.name != name {
                    return Err(format!("error: {}: holds module {} but the manifest says {}", path.display(), image.name, name));
                }
                if file::md5_of(&bytes) != md5 {
                    return Err(format!("error: {}: its MD5 differs from the manifest's", path.display()));
                }
                modules.push(Module { name, md5, vsn: vsn.join(" "), path, image });
            }
            Some("") | None => {}
            Some(_) => return Err(bad()),
        }
    }
    if modules.is_empty() {
        return Err(format!("error: {} lists no modules", mpath.display()));
    }
    if let Some(a) = &app {
        if !modules.iter().any(|m| &m.name == a) {
            return Err(format!("error: {}: the application module {} is not in the release", mpath.display(), display(a)));
        }
    }
    Ok(Release { dir: dir.to_path_buf(), app, modules })
}
