//! Loading: decode → verify → prepare → commit, as the BEAM stages it; and the operations
//! that change the module table: load (Erlang's `erlang:load_module/2`, rule R11),
//! load-binary (purge first, R13), compile-and-load (Elixir's `Code.compile_string/1`, R14),
//! autoload (R35), delete (R19). Purging lives in `purge.rs`.

use super::module::ModuleInstance;
use super::purge;
use crate::bytecode::file;
use crate::bytecode::ModuleImage;
use crate::process::Process;
use crate::scheduler::Vm;
use crate::value::Atom;
use std::rc::Rc;

/// Why a load failed (Erlang's error atoms).
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// Current and old code both exist (R11).
    NotPurged,
    /// The image failed verification or decoding.
    BadFile(String),
}

impl LoadError {
    pub fn atom(&self) -> Atom {
        match self {
            LoadError::NotPurged => Atom::intern("not_purged"),
            LoadError::BadFile(_) => Atom::intern("badfile"),
        }
    }
}

/// Prepares an instance from an image: verifies it and encodes it to compute its MD5.
pub fn prepare(vm: &mut Vm, image: ModuleImage) -> Result<Rc<ModuleInstance>, LoadError> {
    prepare_from(vm, image, None)
}

/// [`prepare`] for an image read from `path` (what `:code.which/1` reports).
pub fn prepare_from(vm: &mut Vm, image: ModuleImage, path: Option<String>) -> Result<Rc<ModuleInstance>, LoadError> {
    crate::bytecode::verify::verify(&image).map_err(LoadError::BadFile)?;
    let binary = file::encode(&image);
    let md5 = file::md5_of(&binary);
    let id = vm.code.next_id;
    vm.code.next_id += 1;
    let mut inst = ModuleInstance::new(image, Rc::new(binary), md5, id);
    inst.path = path;
    Ok(Rc::new(inst))
}

/// Commits a prepared instance with `erlang:load_module/2`'s rule (R11): refuses with
/// `NotPurged` when the module has both current and old code; otherwise current becomes old
/// (if there is a current) and the new instance becomes current. Bumps the code epoch.
pub fn commit(vm: &mut Vm, inst: Rc<ModuleInstance>) -> Result<Atom, LoadError> {
    let name = inst.name;
    let entry = vm.code.modules.entry(name).or_default();
    if entry.current.is_some() && entry.old.is_some() {
        return Err(LoadError::NotPurged);
    }
    if let Some(cur) = entry.current.take() {
        entry.old = Some(cur);
    }
    if vm.code.trace {
        eprintln!("[code] load {} (instance {})", display_name(name), inst.id);
    }
    if let Some(fields) = &inst.image.struct_fields {
        vm.code.known.register_struct_fields(name, fields.iter().map(|f| Atom::intern(f)).collect());
    }
    entry.current = Some(inst);
    vm.code.bump();
    Ok(name)
}

/// `erlang:load_module/2` on an image.
pub fn load_module(vm: &mut Vm, image: ModuleImage) -> Result<Atom, LoadError> {
    let inst = prepare(vm, image)?;
    commit(vm, inst)
}

/// `code:load_binary/3` (R13): if the module has current code, purge first (killing processes
/// in the old code); then load. `current` is the process running the caller (it is not in the
/// process table); the returned flag says whether it was killed by the purge.
pub fn load_binary(vm: &mut Vm, current: Option<&Process>, inst: Rc<ModuleInstance>) -> (Result<Atom, LoadError>, bool) {
    let name = inst.name;
    let mut killed_self = false;
    if vm.code.current(name).is_some() {
        let r = purge::purge(vm, current, name);
        killed_self = r.kill_current;
    }
    (commit(vm, inst), killed_self)
}

/// Compiles `source` with the embedder's compiler and loads every module it defines as
/// Elixir does (R14): a "redefining module" warning on stderr for a module that exists (unless
/// `ignore_module_conflict`), then purge + load. Returns `(module, binary)` per module, the
/// script module (top-level expressions) if any, and whether the calling process was killed.
pub fn compile_and_load(
    vm: &mut Vm,
    current: Option<&Process>,
    source: &str,
    file_name: &str,
) -> Result<(Vec<(Atom, Rc<Vec<u8>>)>, Option<Atom>, bool), String> {
    let (images, script) = match &vm.code.compiler {
        Some(c) => c.compile(source, file_name)?,
        None => return Err("no compiler available".to_string()),
    };
    load_compiled(vm, current, images, script, file_name)
}

/// Loads what a compilation gave: each module (purging first, with Elixir's "redefining
/// module" warning), then the script module, replaced silently. Returns as
/// [`compile_and_load`].
pub fn load_compiled(
    vm: &mut Vm,
    current: Option<&Process>,
    images: Vec<ModuleImage>,
    script: Option<ModuleImage>,
    file_name: &str,
) -> Result<(Vec<(Atom, Rc<Vec<u8>>)>, Option<Atom>, bool), String> {
    let mut out = Vec::new();
    let mut killed_self = false;
    for image in images {
        let name = Atom::intern(&image.name);
        if vm.code.current(name).is_some() && !vm.code.ignore_module_conflict {
            let _ = std::io::Write::flush(&mut vm.out);
            eprintln!(
                "warning: redefining module {} (current version defined in memory)\n  {}:1\n",
                display_name(name),
                if file_name.is_empty() { "nofile" } else { file_name }
            );
        }
        let inst = prepare(vm, image).map_err(|e| format!("{e:?}"))?;
        let bin = inst.binary.clone();
        let (r, k) = load_binary(vm, current, inst);
        killed_self |= k;
        r.map_err(|e| format!("{e:?}"))?;
        out.push((name, bin));
    }
    let script_name = match script {
        Some(img) => {
            let inst = prepare(vm, img).map_err(|e| format!("{e:?}"))?;
            let n = inst.name;
            // A script module is private to this compilation: replace silently.
            if let Some(e) = vm.code.modules.get_mut(&n) {
                e.current = None;
                e.old = None;
            }
            commit(vm, inst).map_err(|e| format!("{e:?}"))?;
            Some(n)
        }
        None => None,
    };
    Ok((out, script_name, killed_self))
}

/// Tries to load a module that is not loaded (R35): from the embedded standard library
/// sources, else from `Elixir.Mod.rbc` on the code path. Returns whether it is now loaded.
pub fn autoload(vm: &mut Vm, m: Atom) -> bool {
    if vm.code.current(m).is_some() {
        return true;
    }
    if let Some(bytes) = vm.code.precompiled.get(&m).copied() {
        // Compiled at build time from the embedded source; on any failure (which would be a
        // build defect) the source below is compiled instead.
        if let Ok(image) = file::decode(bytes) {
            if image.name == m.name() && load_module(vm, image).is_ok() {
                return true;
            }
        }
    }
    if let Some((file_name, source)) = vm.code.embedded.get(&m).copied() {
        let images = match &vm.code.compiler {
            Some(c) => match c.compile(source, file_name) {
                Ok((images, _)) => images,
                Err(msg) => {
                    eprintln!("error: the standard library module {} failed to compile:\n{msg}", display_name(m));
                    return false;
                }
            },
            None => return false,
        };
        for image in images {
            if vm.code.current(Atom::intern(&image.name)).is_some() {
                continue;
            }
            if let Err(e) = load_module(vm, image) {
                eprintln!("error: loading {} failed: {e:?}", display_name(m));
            }
        }
        return vm.code.current(m).is_some();
    }
    if let Some((path, bytes)) = find_on_path(vm, m) {
        if let Ok(image) = file::decode(&bytes) {
            if image.name == m.name() {
                if let Ok(inst) = prepare_from(vm, image, Some(path)) {
                    return commit(vm, inst).is_ok();
                }
            }
        }
    }
    false
}

/// Finds `<module>.rbc` in the code path: `(path, contents)`.
pub fn find_on_path(vm: &Vm, m: Atom) -> Option<(String, Vec<u8>)> {
    let fname = format!("{}{}", m.name(), file::EXTENSION);
    for dir in &vm.code.path {
        let p = std::path::Path::new(dir).join(&fname);
        if let Ok(bytes) = std::fs::read(&p) {
            return Some((p.to_string_lossy().into_owned(), bytes));
        }
    }
    None
}

/// `code:delete/1` (R19): with old code present refuses (false); otherwise current becomes
/// old and there is no current. A module never loaded gives false.
pub fn delete(vm: &mut Vm, m: Atom) -> bool {
    let Some(entry) = vm.code.modules.get_mut(&m) else { return false };
    if entry.old.is_some() {
        return false;
    }
    match entry.current.take() {
        Some(cur) => {
            entry.old = Some(cur);
            vm.code.bump();
            if vm.code.trace {
                eprintln!("[code] delete {}", display_name(m));
            }
            true
        }
        None => true,
    }
}

/// Removes `m` from the module table altogether (both slots and the entry), for a module
/// private to one evaluation (`Code.eval_string/3`'s script module, the compiler's
/// compile-time evaluations): the table does not grow with each evaluation. Unlike a purge,
/// nothing is killed and the instances are not marked purged: a fun the evaluation returned
/// (R6) or a process still running its code keeps the instance alive through its count, and
/// the instance is freed with the last of them (as a fun of `erl_eval` outlives the
/// evaluation in Erlang). False when `m` was not in the table. Bumps the code epoch, so an
/// import cache holding it re-resolves (R3).
pub fn forget(vm: &mut Vm, m: Atom) -> bool {
    if vm.code.modules.remove(&m).is_none() {
        return false;
    }
    vm.code.bump();
    if vm.code.trace {
        eprintln!("[code] forget {}", display_name(m));
    }
    true
}

/// Undoes the last load of `m`, for a transactional upgrade's rollback (`retort upgrade`,
/// `src/node/upgrade.rs`): the old instance becomes current again and the instance that
/// replaced it becomes old, so a process that entered the new code meanwhile returns to the
/// previous code at its next remote call, and the new code goes with the next purge. A module
/// that had no previous instance is deleted instead ([`delete`]: its code becomes old).
/// False when `m` is not loaded. Bumps the code epoch, so import caches re-resolve (R3).
pub fn revert_load(vm: &mut Vm, m: Atom) -> bool {
    let Some(entry) = vm.code.modules.get_mut(&m) else { return false };
    let Some(prev) = entry.old.take() else { return delete(vm, m) };
    if let Some(fields) = &prev.image.struct_fields {
        vm.code.known.register_struct_fields(m, fields.iter().map(|f| Atom::intern(f)).collect());
    }
    let replaced = entry.current.replace(prev);
    entry.old = replaced;
    vm.code.bump();
    if vm.code.trace {
        eprintln!("[code] revert {}: the previous instance is current again", display_name(m));
    }
    true
}

/// A module atom as Elixir shows it: `Elixir.Foo` → `Foo`, `lists` → `:lists`.
pub fn display_name(m: Atom) -> String {
    let n = m.name();
    match n.strip_prefix("Elixir.") {
        Some(rest) => rest.to_string(),
        None => format!(":{n}"),
    }
}
