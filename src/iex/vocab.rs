//! The VM's side of tab completion: the module names, exports and bindings the completer
//! (`complete.rs`, on the editor's thread) works from.

use retort_vm::code::loader;
use retort_vm::value::Atom;
use retort_vm::Vm;
use std::collections::BTreeSet;

/// The atom of a module name as typed (`Enum` → `Elixir.Enum`, `:lists` → `lists`).
pub fn module_atom(typed: &str) -> Atom {
    match typed.strip_prefix(':') {
        Some(erl) => Atom::intern(erl),
        None => Atom::intern(&format!("Elixir.{typed}")),
    }
}

/// The public functions of `m` (loading it if needed), natives included; `None` when there is
/// no such module.
pub fn exports(vm: &mut Vm, m: Atom) -> Option<BTreeSet<(String, u32)>> {
    if vm.code.current(m).is_none() && !vm.code.native_modules.contains_key(&m) {
        loader::autoload(vm, m);
    }
    let mut out: BTreeSet<(String, u32)> = BTreeSet::new();
    if let Some(inst) = vm.code.current(m) {
        out.extend(inst.image.exports.iter().map(|e| (e.name.clone(), e.arity)));
    }
    out.extend(vm.code.natives.keys().filter(|(mm, _, _)| *mm == m).map(|(_, f, a)| (f.name().to_string(), *a)));
    (!out.is_empty() || vm.code.current(m).is_some()).then_some(out)
}

/// Every module name the shell knows of, as typed.
fn module_names(vm: &Vm) -> BTreeSet<String> {
    let code = &vm.code;
    code.modules
        .iter()
        .filter(|(_, e)| e.current.is_some())
        .map(|(m, _)| *m)
        .chain(code.embedded.keys().copied())
        .chain(code.precompiled.keys().copied())
        .chain(code.native_modules.keys().copied())
        .filter(|m| !m.name().starts_with("elixir_compiler_") && !m.name().starts_with("retort_"))
        .map(loader::display_name)
        .collect()
}

/// Refreshes the completer's snapshot (at each prompt).
pub fn refresh(vm: &mut Vm, variables: BTreeSet<String>) {
    let modules = module_names(vm);
    super::complete::refresh(modules, variables, |typed| exports(vm, module_atom(typed)));
}

/// Answers the completer's request for a module's functions (while waiting for a line).
pub fn serve(vm: &mut Vm) {
    super::complete::serve(|typed| exports(vm, module_atom(typed)));
}
