//! The module table: current and old instance per module (hot-code rule R1), the export table
//! (reached through [`CodeServer::resolve`]), the native function table, and the code epoch
//! that validates every inline cache. Only this file and `loader.rs`/`purge.rs` change it.

use super::module::ModuleInstance;
use crate::bif::NativeFn;
use crate::bytecode::{Literal, ModuleImage};
use crate::value::known::Known;
use crate::value::Atom;
use ahash::AHashMap;
use std::rc::Rc;

/// What a remote call reaches.
#[derive(Clone, Debug)]
pub enum Target {
    /// `functions[idx]` of this instance.
    Code(Rc<ModuleInstance>, u32),
    /// A native function (BIF).
    Native(NativeFn),
}

/// The two slots of a module (rule R1).
#[derive(Default, Debug)]
pub struct ModuleEntry {
    pub current: Option<Rc<ModuleInstance>>,
    pub old: Option<Rc<ModuleInstance>>,
}

/// Compiles source for the VM at run time (`Code.compile_string/1`, autoloading the embedded
/// standard library, the shell's `r/1`). The embedder supplies it; the VM never depends on the
/// compiler crate.
pub trait CompilerHook {
    /// Compiles `source` (named `file` in diagnostics and stack traces). Returns the module
    /// images and, if the source has top-level expressions, a script module exporting `run/0`;
    /// or the rendered diagnostics.
    fn compile(&self, source: &str, file: &str) -> Result<(Vec<ModuleImage>, Option<ModuleImage>), String>;
    /// `Code.string_to_quoted/2`: `source` parsed to Elixir's quoted form, or the first
    /// syntax error. The default (no parser) reports an error at line 1.
    fn string_to_quoted(&self, source: &str) -> Result<Literal, QuotedError> {
        let _ = source;
        Err(QuotedError { line: 1, column: 1, message: "no compiler available".into(), token: String::new(), incomplete: false })
    }
    /// `Code.eval_quoted/3`: compiles the quoted code `quoted` to module images and a script
    /// module whose `__FILE__/1` returns a fun of the values of `binding` (names, in order)
    /// giving `{value, [{name, value}]}` (see `retort_compiler::expand::eval`). Errors: the
    /// first error's line and message.
    fn compile_quoted(&self, quoted: &Literal, binding: &[String], file: &str) -> Result<(Vec<ModuleImage>, Option<ModuleImage>), (u32, String)> {
        let _ = (quoted, binding, file);
        Err((1, "no compiler available".into()))
    }
}

/// A syntax error for `Code.string_to_quoted/2` (1-based line and column; `incomplete` when
/// the input ended too early, Elixir's `TokenMissingError`).
#[derive(Clone, Debug)]
pub struct QuotedError {
    pub line: u32,
    pub column: u32,
    pub message: String,
    pub token: String,
    pub incomplete: bool,
}

/// A native module's functions as one `const` table, `(name, arity, function)`, registered by
/// [`CodeServer::register_table`] (after Lua's `luaL_Reg` arrays).
pub type NativeTable = &'static [(&'static str, u32, NativeFn)];

/// Natives reachable under a second module, `(module, name, arity, module defining it)`:
/// e.g. `("Elixir.Kernel", "hd", 1, "erlang")`. Registered after every table.
pub type AliasTable = &'static [(&'static str, &'static str, u32, &'static str)];

/// The documentation of a library module kept outside its image (see [`CodeServer::docs`]):
/// `(moduledoc, [(function, arity, doc)])`, an empty doc meaning `@doc false`.
pub type LibraryDocs = (Option<&'static str>, &'static [(&'static str, u32, &'static str)]);

/// A module's documentation as `Code.fetch_docs/1` and IEx's `h` read it: the `@moduledoc`
/// (None when the module has none) and `(function, arity, doc)` per `@doc`.
pub type ModuleDocs = (Option<String>, Vec<(String, u32, String)>);

/// The code server's state.
pub struct CodeServer {
    pub modules: AHashMap<Atom, ModuleEntry>,
    /// Bumped by every load, purge and delete: an inline cache filled in another epoch is stale.
    pub epoch: u64,
    pub natives: AHashMap<(Atom, Atom, u32), NativeFn>,
    /// Modules that have at least one native function (so `Mod.f` of a native-only module is
    /// "available").
    pub native_modules: AHashMap<Atom, ()>,
    /// Embedded library sources, compiled on first use (autoload): module atom → (file, source).
    pub embedded: AHashMap<Atom, (&'static str, &'static str)>,
    /// The same library compiled when the binary was built: module atom → its encoded image
    /// (the `.rbc` format). Autoload decodes these instead of compiling `embedded` sources.
    pub precompiled: AHashMap<Atom, &'static [u8]>,
    /// The code path searched for `Elixir.Mod.rbc` files (`-pa`, `:code.add_path/1`).
    pub path: Vec<String>,
    pub compiler: Option<Box<dyn CompilerHook>>,
    /// The embedder's lookup of the docs its library modules' images were built without (by
    /// module atom name), read only when docs are asked for.
    pub library_docs: Option<fn(&str) -> Option<LibraryDocs>>,
    pub next_id: u64,
    /// Print a line on stderr per load, purge, soft-purge refusal and kill.
    pub trace: bool,
    /// `Code.compiler_options(ignore_module_conflict: true)`.
    pub ignore_module_conflict: bool,
    /// Files loaded by `Code.require_file/2` (absolute paths), which it loads only once.
    pub required_files: Vec<String>,
    /// What printing terms needs to know about this VM's code (struct fields, loaded modules
    /// and their macros, the application hook); refreshed by [`CodeServer::bump`].
    pub known: Known,
    /// Natives registered twice, and aliases of natives that do not exist (empty in a sound
    /// build: see [`CodeServer::register_native`]).
    pub duplicate_natives: Vec<(Atom, Atom, u32)>,
}

impl Default for CodeServer {
    fn default() -> Self {
        Self::new()
    }
}

impl CodeServer {
    pub fn new() -> CodeServer {
        CodeServer {
            modules: AHashMap::new(),
            epoch: 0,
            natives: AHashMap::with_capacity(2048),
            native_modules: AHashMap::new(),
            embedded: AHashMap::new(),
            precompiled: AHashMap::new(),
            path: Vec::new(),
            compiler: None,
            library_docs: None,
            next_id: 1,
            trace: false,
            ignore_module_conflict: false,
            required_files: Vec::new(),
            known: Known::default(),
            duplicate_natives: Vec::new(),
        }
    }

    /// The docs of the current code of `m` (not loading it): those of its image, or when it
    /// carries none, the embedder's [`CodeServer::library_docs`] for it. None when `m` has no
    /// current code.
    pub fn docs(&self, m: Atom) -> Option<ModuleDocs> {
        let inst = self.current(m)?;
        let image = &inst.image;
        if image.moduledoc.is_none() && image.docs.is_empty() {
            if let Some((moduledoc, docs)) = self.library_docs.and_then(|f| f(m.name())) {
                return Some((moduledoc.map(str::to_string), docs.iter().map(|(f, a, d)| (f.to_string(), *a, d.to_string())).collect()));
            }
        }
        Some((image.moduledoc.clone(), image.docs.clone()))
    }

    /// Registers a native function `module.name/arity`.
    /// The `(module, name)` a native is registered under (for error reports; a linear scan,
    /// so only on error paths). An Elixir module wins over an Erlang one sharing the function.
    pub fn native_name(&self, f: NativeFn, arity: u32) -> Option<(Atom, Atom)> {
        let mut found = None;
        for (&(m, n, a), &g) in self.natives.iter() {
            if a == arity && std::ptr::fn_addr_eq(g, f) {
                if m.name().starts_with("Elixir.") {
                    return Some((m, n));
                }
                found = Some((m, n));
            }
        }
        found
    }

    /// Registers a native function `module.name/arity`. Registering the same entry twice is
    /// recorded in [`CodeServer::duplicate_natives`] (the second would silently win, making
    /// the result depend on registration order; `vm/tests` checks there is none).
    pub fn register_native(&mut self, module: &str, name: &str, arity: u32, f: NativeFn) {
        self.insert_native(Atom::intern(module), Atom::intern(name), arity, f);
    }

    fn insert_native(&mut self, m: Atom, name: Atom, arity: u32, f: NativeFn) {
        let key = (m, name, arity);
        if self.natives.insert(key, f).is_some() {
            self.duplicate_natives.push(key);
        }
        self.native_modules.insert(m, ());
    }

    /// Registers every entry of a native module's table (see [`NativeTable`]); the module's
    /// name is interned once for the whole table (start-up registers several hundred natives).
    pub fn register_table(&mut self, module: &str, table: NativeTable) {
        let m = Atom::intern(module);
        self.natives.reserve(table.len());
        for &(name, arity, f) in table {
            self.insert_native(m, Atom::intern(name), arity, f);
        }
    }

    /// Registers each alias `(module, name, arity, defined_in)` as the native
    /// `defined_in.name/arity` (registered before); one missing is recorded in
    /// [`CodeServer::duplicate_natives`] too, as a broken table.
    pub fn register_aliases(&mut self, aliases: AliasTable) {
        for &(module, name, arity, defined_in) in aliases {
            let n = Atom::intern(name);
            match self.natives.get(&(Atom::intern(defined_in), n, arity)).copied() {
                Some(f) => self.register_native(module, name, arity, f),
                None => self.duplicate_natives.push((Atom::intern(module), n, arity)),
            }
        }
    }

    /// Whether any native is registered under `module` (a module such as `:math` that has
    /// natives and no code still answers `module_info/0,1`).
    pub fn has_natives(&self, module: Atom) -> bool {
        self.native_modules.contains_key(&module)
    }

    /// The natives registered under `module`, sorted by name and arity (what
    /// `module_info(:exports)` lists for a module that has no code).
    pub fn native_exports(&self, module: Atom) -> Vec<(Atom, u32)> {
        let mut out: Vec<(Atom, u32)> = self.natives.keys().filter(|(m, _, _)| *m == module).map(|&(_, n, a)| (n, a)).collect();
        out.sort_by(|x, y| x.0.name().cmp(y.0.name()).then(x.1.cmp(&y.1)));
        out
    }

    pub fn current(&self, m: Atom) -> Option<&Rc<ModuleInstance>> {
        self.modules.get(&m).and_then(|e| e.current.as_ref())
    }
    pub fn old(&self, m: Atom) -> Option<&Rc<ModuleInstance>> {
        self.modules.get(&m).and_then(|e| e.old.as_ref())
    }

    /// Looks `m.f/a` up in the export table of the current instance, then among natives
    /// (no autoload; see `loader::ensure_loaded`). Rule R3: always the current code.
    pub fn resolve(&self, m: Atom, f: Atom, a: u32) -> Option<Target> {
        if let Some(cur) = self.current(m) {
            if let Some(&idx) = cur.exports.get(&(f, a)) {
                return Some(Target::Code(cur.clone(), idx));
            }
        }
        self.natives.get(&(m, f, a)).map(|n| Target::Native(*n))
    }

    /// Whether the module is "available": loaded, native or loadable.
    pub fn is_loaded(&self, m: Atom) -> bool {
        self.current(m).is_some() || self.native_modules.contains_key(&m)
    }

    /// Records a change of the module table: invalidates every inline cache, and refreshes
    /// [`CodeServer::known`]'s view of which modules have current code and their macros (used
    /// by error messages).
    pub fn bump(&mut self) {
        self.epoch = self.epoch.wrapping_add(1);
        let loaded: ahash::AHashSet<Atom> = self.modules.iter().filter(|(_, e)| e.current.is_some()).map(|(m, _)| *m).collect();

        let macros: ahash::AHashSet<(Atom, Atom, u32)> = self
            .modules
            .iter()
            .filter_map(|(m, e)| Some((*m, e.current.as_ref()?)))
            .flat_map(|(m, cur)| cur.macros.iter().map(move |&(f, a)| (m, f, a)))
            .collect();
        self.known.set_loaded(loaded, macros);
    }
}

