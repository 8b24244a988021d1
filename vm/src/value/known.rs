//! What printing terms must know about the code one VM has loaded: the `defstruct` field order
//! of its struct modules (inspect prints `%Foo{a: 1, b: 2}` in definition order), which modules
//! have current code and which macros they export (the wording of `UndefinedFunctionError`,
//! as Elixir asks its code server when it builds the message), and the embedder's
//! `:application` lookup (the `(elixir 1.14.0) ` prefix of stack trace lines).
//!
//! A [`Known`] is owned by the VM's code server (`CodeServer::known`), filled by the loader and
//! the purge, and handed explicitly to [`super::inspect`] (through
//! [`InspectOpts::struct_info`](super::inspect::InspectOpts)) and to [`super::exception`]'s
//! formatters. It is never a thread-local: two VMs on one thread each print with their own.
//! The handle is a cheap clone (`Rc`), so an `InspectOpts` can carry it.

use super::atom::Atom;
use super::inspect::{InspectOpts, StructInfo, StructResolver};
use ahash::{AHashMap, AHashSet};
use std::cell::RefCell;
use std::rc::Rc;

/// The embedder's `:application.get_application/1`: for a module of an application, its name
/// and version as stack trace lines print it (`"elixir 1.14.0"`).
pub type ApplicationHook = Rc<dyn Fn(Atom) -> Option<String>>;

#[derive(Default)]
struct State {
    struct_fields: AHashMap<Atom, Vec<Atom>>,
    loaded: AHashSet<Atom>,
    macros: AHashSet<(Atom, Atom, u32)>,
    application: Option<ApplicationHook>,
    /// Overrides the struct lookup (tests, and embedders that keep their own registry).
    resolver: Option<StructResolver>,
}

/// A VM's facts about its loaded code, as printing needs them (see the module documentation).
/// `Known::default()` knows nothing: no struct fields, no module loaded, no application.
#[derive(Clone, Default)]
pub struct Known(Rc<RefCell<State>>);

impl Known {
    /// Records the `defstruct` field order of `module` (the loader calls this on every commit
    /// of a struct module; `:retort_struct.register_fields/2` too).
    pub fn register_struct_fields(&self, module: Atom, fields: Vec<Atom>) {
        self.0.borrow_mut().struct_fields.insert(module, fields);
    }

    /// How inspect should print a struct of `module`: the resolver if one is installed, else
    /// the recorded fields, else [`StructInfo::Unknown`].
    pub fn struct_info(&self, module: Atom) -> StructInfo {
        let resolver = self.0.borrow().resolver.clone();
        if let Some(r) = resolver {
            return r(module);
        }
        match self.0.borrow().struct_fields.get(&module) {
            Some(f) => StructInfo::Fields(f.clone()),
            None => StructInfo::Unknown,
        }
    }

    /// Replaces the struct lookup by `resolver` (see [`Known::struct_info`]).
    pub fn set_struct_resolver(&self, resolver: StructResolver) {
        self.0.borrow_mut().resolver = Some(resolver);
    }

    /// Replaces the set of modules with current code and the `(module, name, arity)` of the
    /// macros they export (the code server calls this after every change of its table).
    pub fn set_loaded(&self, loaded: AHashSet<Atom>, macros: AHashSet<(Atom, Atom, u32)>) {
        let mut s = self.0.borrow_mut();
        s.loaded = loaded;
        s.macros = macros;
    }

    /// Marks `module` as having current code (tests and embedders; the code server uses
    /// [`Known::set_loaded`]).
    pub fn mark_loaded(&self, module: Atom) {
        self.0.borrow_mut().loaded.insert(module);
    }

    /// Whether `module` has current code (Elixir's `Code.ensure_loaded?/1` as the message of
    /// `UndefinedFunctionError` asks it).
    pub fn module_loaded(&self, module: Atom) -> bool {
        self.0.borrow().loaded.contains(&module)
    }

    /// Whether the current code of `module` exports the macro `name/arity`
    /// (`macro_exported?/3`).
    pub fn macro_exported(&self, module: Atom, name: Atom, arity: u32) -> bool {
        self.0.borrow().macros.contains(&(module, name, arity))
    }

    /// Installs the `:application.get_application/1` lookup of stack trace lines.
    pub fn set_application_hook(&self, hook: ApplicationHook) {
        self.0.borrow_mut().application = Some(hook);
    }

    /// The application prefix of a stack trace line for `module` (`"(elixir 1.14.0) "`), or
    /// `""` without a hook or when the module belongs to none.
    pub fn application_prefix(&self, module: Atom) -> String {
        let hook = self.0.borrow().application.clone();
        match hook.and_then(|f| f(module)) {
            Some(app) => format!("({}) ", app),
            None => String::new(),
        }
    }

    /// A struct lookup for [`InspectOpts::struct_info`] reading this VM's facts.
    pub fn resolver(&self) -> StructResolver {
        let k = self.clone();
        Rc::new(move |m| k.struct_info(m))
    }

    /// Elixir's default inspect options, knowing this VM's structs.
    pub fn inspect_opts(&self) -> InspectOpts {
        InspectOpts { struct_info: Some(self.resolver()), ..Default::default() }
    }

    /// `Kernel.inspect/1` with the default options, knowing this VM's structs.
    pub fn inspect(&self, term: &super::Term) -> String {
        super::inspect::inspect(term, &self.inspect_opts())
    }
}
