//! The native tables: every entry registered once (so registration order never matters),
//! every alias pointing at a registered native, and `module_info(:exports)` of a native-only
//! module listing exactly its entries.

use retort_vm::value::Atom;
use retort_vm::{Vm, VmOptions};

#[test]
fn natives_are_registered_once_and_aliases_resolve() {
    let vm = Vm::new(VmOptions { virtual_time: true, no_halt: false, on_idle: None });
    let dups: Vec<String> = vm.code.duplicate_natives.iter().map(|(m, f, a)| format!("{}.{}/{}", m.name(), f.name(), a)).collect();
    assert!(dups.is_empty(), "registered twice or aliased to nothing: {dups:?}");
    let hd = |m: &str| vm.code.natives.get(&(Atom::intern(m), Atom::intern("hd"), 1)).copied();
    assert!(hd("erlang").is_some());
    assert!(hd("erlang").zip(hd("Elixir.Kernel")).is_some_and(|(a, b)| std::ptr::fn_addr_eq(a, b)));
    let crypto = vm.code.native_exports(Atom::intern("crypto"));
    let names: Vec<String> = crypto.iter().map(|(n, a)| format!("{}/{}", n.name(), a)).collect();
    assert_eq!(names, ["hash/2", "mod_pow/3", "strong_rand_bytes/1"]);
}
