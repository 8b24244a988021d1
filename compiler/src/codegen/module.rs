//! `defmodule` bodies and whole files: grouping `def`/`defp` clauses by name and arity (also
//! when not adjacent), default arguments (`\\`, lower-arity wrappers), module attributes,
//! `alias`/`import`/`require`/`use`, `defstruct`/`defexception`, nested modules, and the
//! script (top-level expressions → `__FILE__/1`).

use super::consts::{const_eval, lit_to_ast};
use super::emit::Pools;
use super::expr::{block_items, remote_ast};
use super::func::{compile_function, FnCx, ModCx, Dest};
use super::special::kw_get;
use super::exunit::{self, TestModule};
use super::{err, unsupported, CompiledUnit, R};
use crate::ast::{Ast, Meta, Span};
use crate::diagnostic::Diagnostic;
use retort_vm::bytecode::{Export, Literal, ModuleImage};
use std::collections::HashMap;
use std::rc::Rc;

/// The lexical compile-time environment: current module, aliases, imports, attributes.
#[derive(Clone, Default, Debug)]
pub(crate) struct Env {
    /// `Some("Elixir.Demo")` inside a module.
    pub module: Option<String>,
    /// `Bar` → `Elixir.Foo.Bar`.
    pub aliases: HashMap<String, String>,
    pub imports: Vec<ImportDecl>,
    /// Module attribute values (`@name value`), as constants.
    pub attrs: HashMap<String, Literal>,
    /// Module attributes whose value is not a compile-time constant: the expression and the
    /// environment it was written in. A read compiles the expression in that environment, so
    /// it is evaluated at run time where it is used.
    pub attr_exprs: HashMap<String, (Ast, Rc<Env>)>,
    /// Attributes registered with `Module.register_attribute(__MODULE__, name, accumulate: true)`.
    pub accumulate: std::collections::HashSet<String>,
    /// Variables bound in the module body (`opts = ...`, as `quote bind_quoted:` in a
    /// `__using__` expands to): the expression and the environment it was written in. A read
    /// (in a module attribute's value) compiles the expression there, as for `attr_exprs`.
    /// Not hidden from function bodies (Elixir rejects such a read; retort accepts it).
    pub body_vars: HashMap<String, (Ast, Rc<Env>)>,
    /// Modules required here (`require`, `import`, `use`): their macros expand.
    pub required: std::collections::HashSet<String>,
}

/// One `import`.
#[derive(Clone, Debug)]
pub(crate) struct ImportDecl {
    pub module: String,
    /// `only: [f: 1]`; `None` imports everything.
    pub only: Option<Vec<(String, u32)>>,
    pub except: Vec<(String, u32)>,
}

fn seg_name(s: &Ast) -> Option<&str> {
    match s {
        Ast::Atom(a) => Some(a.as_str()),
        _ => None,
    }
}

fn kw_pairs(e: &Ast) -> Vec<(String, Ast)> {
    match e {
        Ast::List(items) => items
            .iter()
            .filter_map(|p| match p {
                Ast::Pair(k, v) => match &**k {
                    Ast::Atom(k) => Some((k.clone(), (**v).clone())),
                    _ => None,
                },
                _ => None,
            })
            .collect(),
        _ => vec![],
    }
}

fn name_arity_list(e: &Ast) -> Vec<(String, u32)> {
    kw_pairs(e).into_iter().filter_map(|(k, v)| if let Ast::Int(a) = v { Some((k, a as u32)) } else { None }).collect()
}

impl Env {
    /// `Foo.Bar` (segments of `__aliases__`) → `"Elixir.Foo.Bar"`, expanding a leading alias.
    pub fn alias_name(&self, segs: &[Ast]) -> Option<String> {
        let (first, rest) = segs.split_first()?;
        let mut out = match first {
            Ast::Atom(a) if a == "Elixir" => {
                if rest.is_empty() {
                    return Some("Elixir".into());
                }
                "Elixir".to_string()
            }
            Ast::Atom(a) => self.aliases.get(a).cloned().unwrap_or_else(|| format!("Elixir.{}", a)),
            Ast::Node { args: None, .. } if first.head_name() == Some("__MODULE__") => self.module.clone()?,
            _ => return None,
        };
        for s in rest {
            out.push('.');
            out.push_str(seg_name(s)?);
        }
        Some(out)
    }

    fn module_name(&self, e: &Ast) -> Option<String> {
        match e {
            Ast::Atom(a) => Some(a.clone()),
            Ast::Node { args: Some(segs), .. } if e.head_name() == Some("__aliases__") => self.alias_name(segs),
            Ast::Node { args: None, .. } if e.head_name() == Some("__MODULE__") => self.module.clone(),
            _ => None,
        }
    }

    /// `alias Foo.Bar`, `alias Foo.Bar, as: Baz`, `alias Foo.{A, B}`; returns the module.
    pub fn apply_alias(&mut self, args: &[Ast], span: Span) -> R<String> {
        let (target, opts) = match args {
            [t] => (t, None),
            [t, o] => (t, Some(o)),
            _ => return Err(err("invalid arguments for alias", span)),
        };
        // alias Foo.{A, B}
        if let Ast::Node { head, args: Some(items), .. } = target {
            if let Ast::Node { args: Some(da), .. } = &**head {
                if head.head_name() == Some(".") && da.len() == 2 && da[1] == Ast::Atom("{}".into()) {
                    let base = self.module_name(&da[0]).ok_or_else(|| unsupported("alias of this form", span))?;
                    let mut last = base.clone();
                    for it in items {
                        let Ast::Node { args: Some(segs), .. } = it else { return Err(unsupported("alias of this form", span)) };
                        let names: Option<Vec<&str>> = segs.iter().map(seg_name).collect();
                        let names = names.ok_or_else(|| unsupported("alias of this form", span))?;
                        let full = format!("{}.{}", base, names.join("."));
                        if let Some(l) = names.last() {
                            self.aliases.insert(l.to_string(), full.clone());
                        }
                        last = full;
                    }
                    return Ok(last);
                }
            }
        }
        let full = self.module_name(target).ok_or_else(|| err("invalid argument for alias, expected a compile time atom or alias", span))?;
        let as_name = match opts.and_then(|o| kw_get(o, "as")) {
            Some(Ast::Node { args: Some(segs), .. }) if segs.len() == 1 => seg_name(&segs[0]).map(str::to_string),
            Some(_) => return Err(err("invalid value for option :as, expected a simple alias", span)),
            None => full.rsplit('.').next().filter(|_| full.starts_with("Elixir.")).map(str::to_string),
        };
        if let Some(n) = as_name {
            self.aliases.insert(n, full.clone());
        }
        Ok(full)
    }

    /// `import Mod`, `import Mod, only: [f: 1]`, `import Mod, except: [...]`.
    pub fn apply_import(&mut self, args: &[Ast], span: Span) -> R<String> {
        let (target, opts) = match args {
            [t] => (t, None),
            [t, o] => (t, Some(o)),
            _ => return Err(err("invalid arguments for import", span)),
        };
        let module = self.module_name(target).ok_or_else(|| err("invalid argument for import, expected a compile time atom or alias", span))?;
        let only = match opts.and_then(|o| kw_get(o, "only")) {
            Some(l @ Ast::List(_)) => Some(name_arity_list(l)),
            _ => None,
        };
        let except = opts.and_then(|o| kw_get(o, "except")).map(name_arity_list).unwrap_or_default();
        self.imports.retain(|i| i.module != module);
        self.imports.push(ImportDecl { module: module.clone(), only, except });
        self.required.insert(module.clone());
        Ok(module)
    }

    /// Whether `module`'s macros may be called here: it is required, or it is the module
    /// being compiled.
    pub fn requires(&self, module: &str) -> bool {
        self.module.as_deref() == Some(module) || self.required.contains(module)
    }

    /// `require Mod` (accepted; `as:` works like alias).
    pub fn apply_require(&mut self, args: &[Ast], span: Span) -> R<String> {
        let target = args.first().ok_or_else(|| err("invalid arguments for require", span))?;
        let module = self.module_name(target).ok_or_else(|| err("invalid argument for require", span))?;
        self.required.insert(module.clone());
        if let Some(Ast::Node { args: Some(segs), .. }) = args.get(1).and_then(|o| kw_get(o, "as")) {
            if let Some(n) = segs.first().and_then(seg_name) {
                self.aliases.insert(n.to_string(), module.clone());
            }
        }
        Ok(module)
    }
}

/// One clause of a named function.
#[derive(Clone)]
pub(crate) struct ClauseDef {
    pub args: Vec<Ast>,
    pub guard: Option<Ast>,
    pub body: Ast,
    pub env: Rc<Env>,
    pub span: Span,
}

/// A named function: all clauses of `name/arity`.
#[derive(Clone)]
pub(crate) struct FnDef {
    pub name: String,
    pub arity: u32,
    pub public: bool,
    pub clauses: Vec<ClauseDef>,
    pub span: Span,
}

/// What other modules of the same file provide (for `import` and `%Struct{}`).
#[derive(Default)]
pub(crate) struct UnitInfo {
    pub exports: HashMap<String, Vec<(String, u32)>>,
    pub structs: HashMap<String, Vec<(String, Literal)>>,
    /// Struct modules whose defaults are computed (`tags: MapSet.new()`): `%M{...}` calls
    /// `M.__struct__/0` and updates it, instead of building the map from `structs`' literals.
    pub structs_built: std::collections::HashSet<String>,
    /// Each module's `defguard`s and `defguardp`s.
    pub guards: HashMap<String, Vec<super::defguard::GuardDef>>,
    /// The source file as given to the compiler (for `__DIR__`).
    pub file: String,
}

#[derive(Clone)]
struct ModDef {
    name: String,
    span: Span,
    fns: Vec<FnDef>,
    attributes: Vec<(String, Literal)>,
    moduledoc: Option<String>,
    docs: Vec<(String, u32, String)>,
    struct_fields: Option<Vec<(String, Literal)>>,
    struct_kind: StructKind,
    /// `(name, arity, public)` of its macros (`__info__(:macros)` lists the public ones).
    macros: Vec<(String, u32, bool)>,
}

/// How a `defstruct`'s `__struct__/0` is made.
#[derive(Clone, Default)]
enum StructKind {
    /// Field names and defaults are compile-time constants: the map is a literal.
    #[default]
    Literal,
    /// Field names are constants, some defaults are expressions (`tags: MapSet.new()`):
    /// `__struct__/0` evaluates this map expression (in the environment of the `defstruct`).
    Built(Ast, Rc<Env>),
    /// The field list itself is an expression (`defstruct Enum.map(...)`): `__struct__/0`
    /// evaluates it and builds the map; the fields are not known to the compiler.
    Open(Ast, Rc<Env>),
}

fn m0(span: Span) -> Meta {
    Meta { span, no_parens: false }
}

fn kw(pairs: Vec<(&str, Ast)>) -> Ast {
    Ast::List(pairs.into_iter().map(|(k, v)| Ast::Pair(Box::new(Ast::Atom(k.into())), Box::new(v))).collect())
}

/// Collects module definitions (pass 1).
struct Collector<'x> {
    /// The `defguard`s found so far, by module.
    guards: HashMap<String, Vec<super::defguard::GuardDef>>,
    mods: Vec<Option<ModDef>>,
    errors: &'x mut Vec<Diagnostic>,
    /// The source file (recorded in the metadata of test modules).
    file: &'x str,
    /// The protocols `defprotocol` defined so far in this file, with their functions.
    protocols: HashMap<String, Vec<(String, u32)>>,
    /// The modules already loaded into the macro host (see `load_macro_module`).
    loaded: std::collections::HashSet<String>,
}

/// State while walking one module body.
struct ModBody {
    env: Rc<Env>,
    fns: Vec<FnDef>,
    defaults: Vec<(String, u32, bool, Vec<Option<Ast>>, Rc<Env>, Span)>,
    attributes: Vec<(String, Literal)>,
    moduledoc: Option<String>,
    docs: Vec<(String, u32, String)>,
    pending_doc: Option<String>,
    struct_fields: Option<Vec<(String, Literal)>>,
    struct_kind: StructKind,
    exception: bool,
    uses: Vec<(String, Vec<(String, Ast)>, Span)>,
    /// `use ExUnit.Case`: the tests and callbacks collected so far.
    test: Option<TestModule>,
    /// `@derive` entries: the protocol and its options.
    derives: Vec<(String, Option<Ast>, Span)>,
    /// `defmacro`/`defmacrop` defined so far: `(name, arity, public)`, the arity as the
    /// caller sees it.
    macros: Vec<(String, u32, bool)>,
    /// `defoverridable`: `(name, arity)` → the name the overridable definition now has.
    overridable: Vec<((String, u32), String)>,
}

impl ModBody {
    fn has(&self, name: &str, arity: u32) -> bool {
        self.fns.iter().any(|f| f.name == name && f.arity == arity)
    }

    fn add_clause(&mut self, name: &str, public: bool, c: ClauseDef) {
        let arity = c.args.len() as u32;
        if let Some(doc) = self.pending_doc.take() {
            self.docs.push((name.to_string(), arity, doc));
        }
        match self.fns.iter_mut().find(|f| f.name == name && f.arity == arity) {
            Some(f) => f.clauses.push(c),
            None => {
                let span = c.span;
                self.fns.push(FnDef { name: name.to_string(), arity, public, clauses: vec![c], span })
            }
        }
    }
}

/// Splits `def head, [do: body, ...]`.
fn parse_def(args: &[Ast], span: Span) -> R<(String, Vec<Ast>, Option<Ast>, Option<Ast>)> {
    let (head, kwl) = match args {
        [h] => (h, None),
        [h, k] => (h, Some(k)),
        _ => return Err(err("invalid arguments for def", span)),
    };
    let (call, guard) = match head {
        Ast::Node { args: Some(a), .. } if head.head_name() == Some("when") && a.len() == 2 => (&a[0], Some(a[1].clone())),
        h => (h, None),
    };
    let (name, params) = match call {
        Ast::Node { head: h, args, .. } => match &**h {
            // `def name` from a macro's quote is a variable there, renamed for hygiene
            // (`name@N`, see expand/term.rs): the function is `name`.
            Ast::Atom(n) if args.is_none() => (n.split('@').next().unwrap_or(n).to_string(), vec![]),
            Ast::Atom(n) => (n.clone(), args.clone().unwrap_or_default()),
            _ => return Err(unsupported("function head of this form", span)),
        },
        _ => return Err(unsupported("function head of this form", span)),
    };
    let body = match kwl {
        None => None,
        Some(k) => {
            let pairs = kw_pairs(k);
            if pairs.is_empty() || kw_get(k, "do").is_none() {
                return Err(err(format!("missing :do option in \"def {}\"", name), span));
            }
            if pairs.iter().any(|(n, _)| n != "do") {
                Some(Ast::node("try", m0(span), vec![k.clone()]))
            } else {
                kw_get(k, "do").cloned()
            }
        }
    };
    Ok((name, params, guard, body))
}

impl<'x> Collector<'x> {
    fn collect_module(&mut self, args: &[Ast], parent: &mut Env, nested: bool, span: Span) {
        if let Err(e) = self.collect_module_inner(args, parent, nested, span) {
            self.errors.push(e);
        }
    }

    fn collect_module_inner(&mut self, args: &[Ast], parent: &mut Env, nested: bool, span: Span) -> R<()> {
        let [alias, kwl] = args else { return Err(err("invalid arguments for defmodule", span)) };
        let name = match alias {
            Ast::Node { args: Some(segs), .. } if alias.head_name() == Some("__aliases__") && nested && parent.module.is_some() => {
                let names: Option<Vec<&str>> = segs.iter().map(seg_name).collect();
                match names {
                    Some(names) => {
                        let outer = parent.module.clone().unwrap_or_default();
                        let full = format!("{}.{}", outer, names.join("."));
                        if let Some(first) = names.first() {
                            parent.aliases.insert(first.to_string(), format!("{}.{}", outer, first));
                        }
                        full
                    }
                    None => parent.module_name(alias).ok_or_else(|| err("invalid module name", span))?,
                }
            }
            Ast::Atom(a) => a.clone(),
            _ => parent.module_name(alias).ok_or_else(|| unsupported("module name of this form", span))?,
        };
        let body = kw_get(kwl, "do").ok_or_else(|| err("missing :do option in \"defmodule\"", span))?;
        let slot = self.mods.len();
        self.mods.push(None);
        let mut env = parent.clone();
        env.module = Some(name.clone());
        env.attrs.clear();
        env.attr_exprs.clear();
        env.body_vars.clear();
        env.accumulate.clear();
        let mut mb = ModBody {
            env: Rc::new(env),
            fns: vec![],
            defaults: vec![],
            attributes: vec![],
            moduledoc: None,
            docs: vec![],
            pending_doc: None,
            struct_fields: None,
            struct_kind: StructKind::Literal,
            exception: false,
            uses: vec![],
            test: None,
            derives: vec![],
            macros: vec![],
            overridable: vec![],
        };
        for item in block_items(body) {
            if let Err(e) = self.module_item(item, &mut mb) {
                self.errors.push(e);
            }
        }
        super::overridable::finish(&mut mb.fns, &mb.overridable);
        self.finish_module(&mut mb, span);
        let macros = std::mem::take(&mut mb.macros);
        self.mods[slot] = Some(ModDef {
            name,
            span,
            fns: mb.fns,
            attributes: mb.attributes,
            moduledoc: mb.moduledoc,
            docs: mb.docs,
            struct_fields: mb.struct_fields,
            struct_kind: mb.struct_kind,
            macros: macros.clone(),
        });
        if !macros.is_empty() {
            self.load_macro_module(slot, macros, span)?;
        }
        Ok(())
    }

    /// Compiles the module in `slot`, which defines `macros`, and every module of the file
    /// finished before it that is not loaded yet (its macros may call them), and loads them
    /// into the macro host, so later code can expand its macros.
    ///
    /// A function of the module that calls one of its own macros cannot be compiled before
    /// those macros are loaded, so the module is first loaded without such functions (and
    /// without the functions calling them), its macros registered, and then loaded whole.
    fn load_macro_module(&mut self, slot: usize, macros: Vec<(String, u32, bool)>, span: Span) -> R<()> {
        let bootstrap = self.mods.get(slot).and_then(|m| m.as_ref()).and_then(|m| without_local_macro_users(m, &macros));
        if let Some(partial) = bootstrap {
            let done: Vec<&ModDef> = self.mods.iter().flatten().collect();
            let unit = unit_info(&done, self.guards.clone(), self.file);
            let mut partial = partial;
            add_info(&mut partial);
            let img = compile_module(&partial, &unit, self.file).map_err(|es| es.into_iter().next().unwrap_or_else(|| err("cannot compile macro module", span)))?;
            crate::expand::load(&[img], span)?;
            if let Some(Some(m)) = self.mods.get(slot) {
                crate::expand::register_macros(&m.name, macros.clone());
            }
        }
        let done: Vec<&ModDef> = self.mods.iter().flatten().collect();
        let unit = unit_info(&done, self.guards.clone(), self.file);
        let mut images = vec![];
        for (i, m) in self.mods.iter().enumerate() {
            let Some(m) = m else { continue };
            if self.loaded.contains(&m.name) && i != slot {
                continue;
            }
            let mut m = m.clone();
            add_info(&mut m);
            match compile_module(&m, &unit, self.file) {
                Ok(img) => images.push(img),
                // The macro module's own errors are reported when it is compiled again below.
                Err(es) if i == slot => return Err(es.into_iter().next().unwrap_or_else(|| err("cannot compile macro module", span))),
                Err(_) => {}
            }
        }
        crate::expand::load(&images, span)?;
        for img in &images {
            self.loaded.insert(img.name.clone());
        }
        if let Some(Some(m)) = self.mods.get(slot) {
            crate::expand::register_macros(&m.name, macros);
        }
        Ok(())
    }

    /// Evaluates `expr`, written where `env` is, at compile time: compiles it as the function
    /// `run/0` of a module of its own, loads that into the macro host (with the modules of
    /// the file finished before, which the code may call), runs it and unloads it. Returns
    /// its value. Errors: the code's compile errors, or what it raised (Elixir's text).
    fn eval_at_compile_time(&mut self, expr: Ast, env: Rc<Env>, span: Span) -> R<Literal> {
        let name = format!("retort_compile_time_{}", crate::expand::next_counter());
        let run = FnDef {
            name: "run".into(),
            arity: 0,
            public: true,
            clauses: vec![ClauseDef { args: vec![], guard: None, body: expr, env, span }],
            span,
        };
        let m = ModDef {
            name: name.clone(),
            span,
            fns: vec![run],
            attributes: vec![],
            moduledoc: None,
            docs: vec![],
            struct_fields: None,
            struct_kind: StructKind::Literal,
            macros: vec![],
        };
        let done: Vec<&ModDef> = self.mods.iter().flatten().collect();
        let unit = unit_info(&done, self.guards.clone(), self.file);
        let mut images = vec![];
        for d in self.mods.iter().flatten() {
            if self.loaded.contains(&d.name) {
                continue;
            }
            let mut d = d.clone();
            add_info(&mut d);
            // A module that does not compile reports its errors when the unit is compiled.
            if let Ok(img) = compile_module(&d, &unit, self.file) {
                images.push(img);
            }
        }
        let img = compile_module(&m, &unit, self.file).map_err(|es| es.into_iter().next().unwrap_or_else(|| err("cannot compile this comprehension", span)))?;
        images.push(img);
        crate::expand::load(&images, span)?;
        for img in &images[..images.len() - 1] {
            self.loaded.insert(img.name.clone());
        }
        let value = crate::expand::host::with_host(|h| {
            let r = h.call(&name, "run", vec![]);
            h.unload(&name);
            r
        });
        value.map_err(|e| err(e, span))
    }

    /// A macro call in a module body (`my_macro arg`, `Mod.macro(...)`): expands it and
    /// processes what it expands to as module body items.
    fn expand_body_macro(&mut self, item: &Ast, mb: &mut ModBody) -> R<bool> {
        let Some((module, name, args)) = crate::expand::find_macro(item, &mb.env) else { return Ok(false) };
        let span = item.span();
        let _depth = crate::expand::Depth::enter(span)?;
        let x = crate::expand::expand_call(&module, &name, &args, mb.env.module.as_deref(), None, self.file, span)?;
        for it in block_items(&x) {
            self.module_item(it, mb)?;
        }
        Ok(true)
    }

    fn module_item(&mut self, item: &Ast, mb: &mut ModBody) -> R<()> {
        let span = item.span();
        let Ast::Node { args: Some(args), .. } = item else {
            if const_eval(item, &mb.env).is_some() {
                return Ok(());
            }
            return Err(unsupported("this expression in a module body", span));
        };
        let name = item.head_name().unwrap_or("");
        if mb.test.is_some() && name == "doctest" {
            // `doctest Mod` (options ignored): the runner reads Mod's docs when it runs
            // (`ExUnit.DocTest`, stdlib/lib/ex_unit.ex).
            let module = args.first().and_then(|a| mb.env.module_name(a)).ok_or_else(|| err("invalid arguments for doctest", span))?;
            if let Some(t) = mb.test.as_mut() {
                t.doctests.push((module, span.line));
            }
            return Ok(());
        }
        if mb.test.is_some() && matches!(name, "test" | "describe" | "setup" | "setup_all") {
            return self.test_item(name, args, mb, span);
        }
        match name {
            "def" | "defp" => {
                let (fname, params, guard, body) = parse_def(args, span)?;
                let mut pats = vec![];
                let mut defs = vec![];
                for p in params {
                    match p {
                        Ast::Node { args: Some(a), .. } if p.head_name() == Some("\\\\") && a.len() == 2 => {
                            pats.push(a[0].clone());
                            defs.push(Some(a[1].clone()));
                        }
                        p => {
                            pats.push(p);
                            defs.push(None);
                        }
                    }
                }
                let arity = pats.len() as u32;
                if defs.iter().any(Option::is_some) && !mb.defaults.iter().any(|d| d.0 == fname && d.1 == arity) {
                    mb.defaults.push((fname.clone(), arity, name == "def", defs, mb.env.clone(), span));
                }
                let body = match body {
                    Some(b) if mb.overridable.iter().any(|((n, a), _)| *n == fname && *a == arity) => {
                        Some(super::overridable::rewrite_super(b, &fname, arity, &mb.overridable, span)?)
                    }
                    b => b,
                };
                match body {
                    Some(body) => mb.add_clause(&fname, name == "def", ClauseDef { args: pats, guard, body, env: mb.env.clone(), span }),
                    None => {
                        if let Some(doc) = mb.pending_doc.take() {
                            mb.docs.push((fname, arity, doc));
                        }
                    }
                }
                Ok(())
            }
            "defdelegate" => {
                let [head, opts] = args.as_slice() else { return Err(err("invalid arguments for defdelegate", span)) };
                let (fname, params, _, _) = parse_def(std::slice::from_ref(head), span)?;
                let to = kw_get(opts, "to").and_then(|t| mb.env.module_name(t)).ok_or_else(|| err("defdelegate requires :to", span))?;
                let target = match kw_get(opts, "as") {
                    Some(Ast::Atom(a)) => a.clone(),
                    _ => fname.clone(),
                };
                let vars: Vec<Ast> = (0..params.len()).map(|i| Ast::var(&format!("arg{}", i), m0(span))).collect();
                let body = remote_ast(&to, &target, vars.clone(), m0(span));
                mb.add_clause(&fname, true, ClauseDef { args: vars, guard: None, body, env: mb.env.clone(), span });
                Ok(())
            }
            "@" => self.attribute(args, mb, span),
            _ if is_register_attribute(item) => {
                // Module.register_attribute(__MODULE__, :name, accumulate: true)
                let [m, a, opts] = args.as_slice() else { return Err(err("invalid Module.register_attribute call", span)) };
                let (Some(Literal::Atom(m)), Some(Literal::Atom(a))) = (const_eval(m, &mb.env), const_eval(a, &mb.env)) else {
                    return Err(unsupported("Module.register_attribute with arguments that are not constants", span));
                };
                if Some(&m) != mb.env.module.as_ref() {
                    return Err(unsupported("Module.register_attribute on another module", span));
                }
                let env = Rc::make_mut(&mut mb.env);
                if matches!(kw_get(opts, "accumulate"), Some(Ast::Atom(t)) if t == "true") {
                    env.accumulate.insert(a.clone());
                    env.attr_exprs.remove(&a);
                    env.attrs.entry(a).or_insert(Literal::Nil);
                }
                Ok(())
            }
            "alias" => Rc::make_mut(&mut mb.env).apply_alias(args, span).map(|_| ()),
            "import" => Rc::make_mut(&mut mb.env).apply_import(args, span).map(|_| ()),
            "require" => Rc::make_mut(&mut mb.env).apply_require(args, span).map(|_| ()),
            // A nested block (a macro's expansion, e.g. `quote bind_quoted:`'s body).
            "__block__" => {
                for it in args {
                    self.module_item(it, mb)?;
                }
                Ok(())
            }
            "=" if matches!(args.as_slice(), [Ast::Node { head, args: None, .. }, _] if matches!(&**head, Ast::Atom(_))) => {
                let (Some(var), Some(value)) = (args[0].head_name(), args.get(1)) else { return Ok(()) };
                if var.starts_with('_') {
                    return Ok(());
                }
                let value = match const_eval(value, &mb.env) {
                    Some(l) => lit_to_ast(&l),
                    None => value.clone(),
                };
                let snapshot = mb.env.clone();
                Rc::make_mut(&mut mb.env).body_vars.insert(var.to_string(), (value, snapshot));
                Ok(())
            }
            "use" => {
                let target = args.first().ok_or_else(|| err("invalid arguments for use", span))?;
                let module = mb.env.module_name(target).ok_or_else(|| err("invalid argument for use", span))?;
                if module == "Elixir.ExUnit.Case" {
                    let opts = args.get(1).map(kw_pairs).unwrap_or_default();
                    let async_ = opts.iter().any(|(k, v)| k == "async" && *v == Ast::Atom("true".into()));
                    mb.test = Some(TestModule { async_, ..TestModule::default() });
                    let env = Rc::make_mut(&mut mb.env);
                    let only = |fs: &[(&str, u32)]| Some(fs.iter().map(|(n, a)| (n.to_string(), *a)).collect());
                    env.imports.retain(|i| i.module != exunit::ASSERTIONS && i.module != "Elixir.ExUnit.Callbacks");
                    env.imports.push(ImportDecl { module: "Elixir.ExUnit.Callbacks".into(), only: only(exunit::CALLBACK_FUNCTIONS), except: vec![] });
                    env.imports.push(ImportDecl { module: exunit::ASSERTIONS.into(), only: only(exunit::ASSERTION_FUNCTIONS), except: vec![] });
                    return Ok(());
                }
                if module == "Elixir.Bitwise" {
                    // Elixir 1.14's Bitwise.__using__/1 (deprecated there): an import, of the
                    // operators only with `only_operators: true`, of the functions only with
                    // `skip_operators: true`
                    let opts = args.get(1).map(kw_pairs).unwrap_or_default();
                    let flag = |k: &str| opts.iter().any(|(kk, v)| kk == k && *v == Ast::Atom("true".into()));
                    let pick = |names: &[&str], arity: &dyn Fn(&str) -> i64| {
                        Ast::List(names.iter().map(|n| Ast::Pair(Box::new(Ast::Atom(n.to_string())), Box::new(Ast::Int(arity(n))))).collect())
                    };
                    let unary = |n: &str| if n == "~~~" || n == "bnot" { 1 } else { 2 };
                    let mut import_args = vec![target.clone()];
                    if flag("only_operators") {
                        import_args.push(kw(vec![("only", pick(&["&&&", "|||", "^^^", "<<<", ">>>", "~~~"], &unary))]));
                    } else if flag("skip_operators") {
                        import_args.push(kw(vec![("only", pick(&["band", "bor", "bxor", "bsl", "bsr", "bnot"], &unary))]));
                    }
                    return Rc::make_mut(&mut mb.env).apply_import(&import_args, span).map(|_| ());
                }
                if module == "Elixir.ExUnit.CaseTemplate" {
                    return Err(unsupported("use ExUnit.CaseTemplate", span));
                }
                if crate::expand::is_macro(&module, "__using__", 1) {
                    Rc::make_mut(&mut mb.env).apply_require(std::slice::from_ref(target), span)?;
                    let opts = args.get(1).cloned().unwrap_or(Ast::List(vec![]));
                    let _depth = crate::expand::Depth::enter(span)?;
                    let x = crate::expand::expand_call(&module, "__using__", &[opts], mb.env.module.as_deref(), None, self.file, span)?;
                    for it in block_items(&x) {
                        self.module_item(it, mb)?;
                    }
                    return Ok(());
                }
                let Some((behaviour, _)) = super::using::template(&module) else {
                    return Err(unsupported(format!("use {}", super::expr::inspect_module(&module)), span));
                };
                if let Some(b) = behaviour {
                    mb.attributes.push(("behaviour".into(), Literal::Atom(b.into())));
                }
                let opts = args.get(1).map(kw_pairs).unwrap_or_default();
                mb.uses.push((module, opts, span));
                Ok(())
            }
            "defstruct" | "defexception" => {
                let fields_ast = match args.as_slice() {
                    [f] => f.clone(),
                    [] => Ast::List(vec![]),
                    _ => Ast::List(args.clone()),
                };
                let mut fields = vec![];
                if name == "defexception" {
                    fields.push(("__exception__".to_string(), Literal::Atom("true".into())));
                    mb.exception = true;
                }
                let bad_field = |at: Span| err("struct field names must be atoms", at);
                // (name, default expression) for defaults that are not constants
                let mut computed: Vec<(String, Ast)> = vec![];
                match &fields_ast {
                    Ast::List(items) => {
                        for it in items {
                            match it {
                                Ast::Atom(a) => fields.push((a.clone(), Literal::Atom("nil".into()))),
                                Ast::Pair(k, v) => {
                                    let Ast::Atom(k) = &**k else { return Err(bad_field(it.span())) };
                                    match const_eval(v, &mb.env) {
                                        Some(lit) => fields.push((k.clone(), lit)),
                                        None => {
                                            fields.push((k.clone(), Literal::Atom("nil".into())));
                                            computed.push((k.clone(), (**v).clone()));
                                        }
                                    }
                                }
                                _ => return Err(bad_field(it.span())),
                            }
                        }
                    }
                    other => match const_eval(other, &mb.env) {
                        // `defstruct @fields`: a constant list of atoms and {atom, default}
                        Some(Literal::List(items, tail)) if *tail == Literal::Nil => {
                            for it in items {
                                match it {
                                    Literal::Atom(a) => fields.push((a, Literal::Atom("nil".into()))),
                                    Literal::Tuple(kv) if kv.len() == 2 && matches!(kv[0], Literal::Atom(_)) => {
                                        let Literal::Atom(k) = &kv[0] else { unreachable!() };
                                        fields.push((k.clone(), kv[1].clone()));
                                    }
                                    _ => return Err(bad_field(other.span())),
                                }
                            }
                        }
                        Some(_) => return Err(bad_field(other.span())),
                        None => {
                            mb.struct_fields = Some(fields);
                            mb.struct_kind = StructKind::Open(other.clone(), mb.env.clone());
                            return Ok(());
                        }
                    },
                }
                mb.struct_kind = if computed.is_empty() {
                    StructKind::Literal
                } else {
                    let m = m0(span);
                    let module = mb.env.module.clone().unwrap_or_default();
                    let mut pairs = vec![Ast::Pair(Box::new(Ast::Atom("__struct__".into())), Box::new(Ast::Atom(module)))];
                    for (k, v) in &fields {
                        let value = match computed.iter().find(|(ck, _)| ck == k) {
                            Some((_, e)) => e.clone(),
                            None => super::consts::lit_to_ast(v),
                        };
                        pairs.push(Ast::Pair(Box::new(Ast::Atom(k.clone())), Box::new(value)));
                    }
                    StructKind::Built(Ast::node("%{}", m, pairs), mb.env.clone())
                };
                mb.struct_fields = Some(fields);
                Ok(())
            }
            "defmodule" => {
                let mut env = (*mb.env).clone();
                self.collect_module(args, &mut env, true, span);
                mb.env = Rc::new(env);
                Ok(())
            }
            "defguard" | "defguardp" => {
                let g = super::defguard::parse(args, name == "defguard", span)?;
                let module = mb.env.module.clone().unwrap_or_default();
                self.guards.entry(module).or_default().push(g);
                Ok(())
            }
            "defprotocol" => {
                let mut env = (*mb.env).clone();
                self.collect_protocol(args, &mut env, true, span)?;
                mb.env = Rc::new(env);
                Ok(())
            }
            "defimpl" => {
                let mut env = (*mb.env).clone();
                self.collect_impl(args, &mut env, span)
            }
            "defoverridable" => super::overridable::declare(args, &mut mb.fns, &mut mb.overridable, span),
            "for" => {
                // Runs at compile time; its definitions (unquote fragments) are body items.
                let code = super::module_for::quoting_comprehension(args, span)?;
                let defs = self.eval_at_compile_time(code, mb.env.clone(), span)?;
                let Literal::List(defs, _) = defs else { return Ok(()) };
                let from = crate::expand::term::FromTerm { counter: crate::expand::next_counter(), span };
                for d in &defs {
                    let d = from.ast(d, 0).map_err(|e| err(e, span))?;
                    self.module_item(&d, mb)?;
                }
                Ok(())
            }
            "defmacro" | "defmacrop" => {
                let (fname, params, guard, body) = parse_def(args, span)?;
                let arity = params.len() as u32;
                if !mb.macros.iter().any(|(n, a, _)| *n == fname && *a == arity) {
                    mb.macros.push((fname.clone(), arity, name == "defmacro"));
                }
                let mut pats = vec![Ast::var(crate::expand::CALLER_VAR, m0(span))];
                pats.extend(params);
                if let Some(body) = body {
                    mb.add_clause(&format!("MACRO-{}", fname), true, ClauseDef { args: pats, guard, body, env: mb.env.clone(), span });
                }
                Ok(())
            }
            _ => {
                if self.expand_body_macro(item, mb)? {
                    return Ok(());
                }
                if super::expr::describe(item) == "call" {
                    // Any other call (`IO.puts("compiling")`) runs at compile time, as in Elixir.
                    self.eval_at_compile_time(item.clone(), mb.env.clone(), span)?;
                    return Ok(());
                }
                Err(unsupported(format!("{} in a module body", super::expr::describe(item)), span))
            }
        }
    }

    /// `defprotocol P do ... end` (see `protocol.rs`).
    fn collect_protocol(&mut self, args: &[Ast], parent: &mut Env, nested: bool, span: Span) -> R<()> {
        let [alias, kwl] = args else { return Err(err("invalid arguments for defprotocol", span)) };
        let body = kw_get(kwl, "do").ok_or_else(|| err("missing :do option in \"defprotocol\"", span))?;
        let items = block_items(body);
        let (items, fns, _) = super::protocol::protocol_body(&items, span)?;
        let m = m0(span);
        let new_args = vec![alias.clone(), kw(vec![("do", Ast::node("__block__", m, items))])];
        let slot = self.mods.len();
        self.collect_module(&new_args, parent, nested, span);
        if let Some(Some(md)) = self.mods.get(slot) {
            self.protocols.insert(md.name.clone(), fns);
        }
        Ok(())
    }

    /// `defimpl P, for: T do ... end` (`for:` a list, or absent inside a module).
    fn collect_impl(&mut self, args: &[Ast], parent: &mut Env, span: Span) -> R<()> {
        let (proto, pairs) = match args {
            [p, rest @ ..] if !rest.is_empty() => (p, rest.iter().flat_map(kw_pairs).collect::<Vec<_>>()),
            _ => return Err(err("invalid arguments for defimpl", span)),
        };
        let protocol = parent.module_name(proto).ok_or_else(|| err("invalid protocol for defimpl", span))?;
        let body = pairs.iter().find(|(k, _)| k == "do").map(|(_, v)| v.clone()).ok_or_else(|| err("missing :do option in \"defimpl\"", span))?;
        let targets: Vec<String> = match pairs.iter().find(|(k, _)| k == "for").map(|(_, v)| v) {
            None => vec![parent.module.clone().ok_or_else(|| err("defimpl/3 expects a :for option when declared outside a module", span))?],
            Some(Ast::List(items)) => items.iter().map(|t| parent.module_name(t).ok_or_else(|| err("invalid :for option for defimpl", span))).collect::<R<_>>()?,
            Some(t) => vec![parent.module_name(t).ok_or_else(|| err("invalid :for option for defimpl", span))?],
        };
        for target in targets {
            let items: Vec<Ast> = block_items(&body).into_iter().cloned().collect();
            self.impl_module(&protocol, &target, items, &mut parent.clone(), span)?;
        }
        Ok(())
    }

    /// Collects the implementation module `P.T` with `body`.
    fn impl_module(&mut self, protocol: &str, target: &str, body: Vec<Ast>, parent: &mut Env, span: Span) -> R<()> {
        let name = super::protocol::impl_name(protocol, target);
        let (mut items, tail) = super::protocol::impl_items(protocol, target, &name, span)?;
        items.extend(body);
        items.extend(tail);
        let m = m0(span);
        let new_args = vec![Ast::Atom(name), kw(vec![("do", Ast::node("__block__", m, items))])];
        self.collect_module(&new_args, parent, false, span);
        Ok(())
    }

    /// `test`, `describe`, `setup`, `setup_all` in a module that uses `ExUnit.Case`.
    fn test_item(&mut self, name: &str, args: &[Ast], mb: &mut ModBody, span: Span) -> R<()> {
        let m = m0(span);
        match name {
            "test" => {
                let desc = match args.first() {
                    Some(Ast::Str(s)) => String::from_utf8_lossy(s).into_owned(),
                    _ => return Err(unsupported("a test name that is not a string literal", span)),
                };
                let (pat, body) = match &args[1..] {
                    [kw @ Ast::List(_)] if kw_get(kw, "do").is_some() => (Ast::var("_context", m), kw_get(kw, "do").cloned()),
                    [pat, kw @ Ast::List(_)] if kw_get(kw, "do").is_some() => (pat.clone(), kw_get(kw, "do").cloned()),
                    [] => (Ast::var("_context", m), None),
                    _ => return Err(err("invalid arguments for test/3", span)),
                };
                let Some(t) = mb.test.as_mut() else { return Ok(()) };
                let body = match body {
                    Some(b) => b,
                    None => {
                        t.pending_tags.push(("not_implemented".into(), Literal::Atom("true".into())));
                        remote_ast(exunit::ASSERTIONS, "flunk", vec![Ast::Str("Not implemented".into())], m)
                    }
                };
                // Not a tail call: the test's frame stays in the stacktrace of a failure.
                let body = Ast::node("__block__", m, vec![body, Ast::Atom("ok".into())]);
                let fname = t.add_test(&desc, span.line);
                if mb.has(&fname, 1) {
                    let module = super::expr::inspect_module(mb.env.module.as_deref().unwrap_or(""));
                    return Err(err(format!("\"{}\" is already defined in {}", fname, module), span));
                }
                mb.add_clause(&fname, true, ClauseDef { args: vec![pat], guard: None, body, env: mb.env.clone(), span });
                Ok(())
            }
            "describe" => {
                let (Some(Ast::Str(d)), Some(kw)) = (args.first(), args.get(1)) else {
                    return Err(unsupported("describe without a string literal name and a do block", span));
                };
                let body = kw_get(kw, "do").ok_or_else(|| err("missing :do option in \"describe\"", span))?.clone();
                let Some(t) = mb.test.as_mut() else { return Ok(()) };
                if t.describe.is_some() {
                    return Err(err("cannot call \"describe\" inside another \"describe\"", span));
                }
                t.describe = Some((String::from_utf8_lossy(d).into_owned(), span.line));
                for item in block_items(&body) {
                    if let Err(e) = self.module_item(item, mb) {
                        self.errors.push(e);
                    }
                }
                if let Some(t) = mb.test.as_mut() {
                    t.end_describe();
                }
                Ok(())
            }
            _ => {
                let all = name == "setup_all";
                let bodies = exunit::setup_bodies(args, span).ok_or_else(|| err(format!("invalid arguments for {}", name), span))?;
                for (pat, body) in bodies {
                    let Some(t) = mb.test.as_mut() else { return Ok(()) };
                    let fname = t.setup_name(all);
                    if all {
                        t.setup_all.push(fname.clone());
                    } else if t.describe.is_some() {
                        t.describe_setups.push(fname.clone());
                    } else {
                        t.setups.push(fname.clone());
                    }
                    mb.add_clause(&fname, true, ClauseDef { args: vec![pat], guard: None, body, env: mb.env.clone(), span });
                }
                Ok(())
            }
        }
    }


    fn attribute(&mut self, args: &[Ast], mb: &mut ModBody, span: Span) -> R<()> {
        let [a] = args else { return Err(err("invalid module attribute", span)) };
        let Some(name) = a.head_name() else { return Err(err("invalid module attribute", span)) };
        let value = match a {
            Ast::Node { args: Some(v), .. } if v.len() == 1 => &v[0],
            Ast::Node { args: None, .. } => return Ok(()),
            _ => return Err(err("invalid module attribute", span)),
        };
        match name {
            "moduledoc" => {
                if let Ast::Str(s) = value {
                    mb.moduledoc = Some(String::from_utf8_lossy(s).into_owned());
                } else if let Some(Literal::Binary(b)) = const_eval(value, &mb.env) {
                    mb.moduledoc = Some(String::from_utf8_lossy(&b).into_owned());
                }
                Ok(())
            }
            "doc" => {
                mb.pending_doc = match const_eval(value, &mb.env) {
                    Some(Literal::Binary(b)) => Some(String::from_utf8_lossy(&b).into_owned()),
                    _ => None,
                };
                Ok(())
            }
            "derive" => {
                let entries = match value {
                    Ast::List(items) => items.clone(),
                    other => vec![other.clone()],
                };
                for e in entries {
                    let (p, opts) = match &e {
                        Ast::Pair(p, o) => (&**p, Some((**o).clone())),
                        Ast::Node { .. } | Ast::Atom(_) => (&e, None),
                        _ => return Err(err("invalid @derive entry", span)),
                    };
                    let p = mb.env.module_name(p).ok_or_else(|| err("invalid @derive entry", span))?;
                    mb.derives.push((p, opts, span));
                }
                Ok(())
            }
            "spec" | "type" | "typep" | "opaque" | "callback" | "macrocallback" | "impl"
            | "compile" | "dialyzer" | "deprecated" | "since" | "optional_callbacks" | "typedoc" | "after_compile"
            | "before_compile" | "on_load" | "external_resource" | "dialyzer_ignore" => Ok(()),
            "behaviour" => {
                let m = mb.env.module_name(value).ok_or_else(|| err("invalid @behaviour", span))?;
                mb.attributes.push(("behaviour".into(), Literal::Atom(m)));
                Ok(())
            }
            "tag" | "moduletag" | "describetag" if mb.test.is_some() => {
                let tags = const_eval(value, &mb.env)
                    .and_then(|v| exunit::tags_of(&v))
                    .ok_or_else(|| err(format!("@{} expects an atom or a keyword list of constants", name), span))?;
                let Some(t) = mb.test.as_mut() else { return Ok(()) };
                let list = match name {
                    "tag" => &mut t.pending_tags,
                    "moduletag" => &mut t.moduletags,
                    _ => {
                        if t.describe.is_none() {
                            return Err(err("@describetag must be set inside describe/2 blocks", span));
                        }
                        &mut t.describetags
                    }
                };
                list.extend(tags);
                Ok(())
            }
            _ if mb.env.accumulate.contains(name) => {
                let v = const_eval(value, &mb.env).ok_or_else(|| {
                    unsupported(format!("accumulating module attribute @{} with a value that is not a compile-time constant", name), value.span())
                })?;
                let env = Rc::make_mut(&mut mb.env);
                let acc = match env.attrs.remove(name) {
                    Some(Literal::List(mut items, t)) => {
                        items.insert(0, v);
                        Literal::List(items, t)
                    }
                    _ => Literal::List(vec![v], Box::new(Literal::Nil)),
                };
                env.attrs.insert(name.to_string(), acc);
                Ok(())
            }
            _ => {
                let Some(v) = const_eval(value, &mb.env) else {
                    if name == "vsn" {
                        return Err(unsupported("module attribute @vsn with a value that is not a compile-time constant", value.span()));
                    }
                    let snapshot = mb.env.clone();
                    let env = Rc::make_mut(&mut mb.env);
                    env.attrs.remove(name);
                    env.attr_exprs.insert(name.to_string(), (value.clone(), snapshot));
                    return Ok(());
                };
                Rc::make_mut(&mut mb.env).attr_exprs.remove(name);
                if name == "vsn" {
                    mb.attributes.push(("vsn".into(), v.clone()));
                }
                Rc::make_mut(&mut mb.env).attrs.insert(name.to_string(), v);
                Ok(())
            }
        }
    }

    /// Adds generated functions: default-argument wrappers, struct and exception functions,
    /// and the defaults injected by `use`.
    fn finish_module(&mut self, mb: &mut ModBody, span: Span) {
        let env = mb.env.clone();
        if let Some(t) = &mb.test {
            if !mb.has("__ex_unit__", 0) {
                let body = lit_to_ast(&t.metadata(self.file));
                mb.fns.push(FnDef {
                    name: "__ex_unit__".into(),
                    arity: 0,
                    public: true,
                    clauses: vec![ClauseDef { args: vec![], guard: None, body, env: env.clone(), span }],
                    span,
                });
            }
        }
        // use GenServer & co.
        for (module, opts, uspan) in std::mem::take(&mut mb.uses) {
            let Some((_, src)) = super::using::template(&module) else { continue };
            let ast = match crate::parser::parse(src) {
                Ok(a) => a,
                Err(_) => {
                    self.errors.push(err(format!("internal error: the defaults of use {} do not parse", module), uspan));
                    continue;
                }
            };
            for item in block_items(&ast) {
                let Ast::Node { args: Some(args), .. } = item else { continue };
                let Ok((name, params, guard, Some(mut body))) = parse_def(args, uspan) else { continue };
                if mb.has(&name, params.len() as u32) {
                    continue;
                }
                if name == "child_spec" && !opts.is_empty() {
                    if let Ast::Node { head, meta, args: Some(pairs) } = &body {
                        let mut pairs = pairs.clone();
                        for (k, v) in &opts {
                            pairs.retain(|p| !matches!(p, Ast::Pair(kk, _) if **kk == Ast::Atom(k.clone())));
                            pairs.push(Ast::Pair(Box::new(Ast::Atom(k.clone())), Box::new(v.clone())));
                        }
                        body = Ast::Node { head: head.clone(), meta: *meta, args: Some(pairs) };
                    }
                }
                mb.fns.push(FnDef {
                    name: name.clone(),
                    arity: params.len() as u32,
                    public: true,
                    clauses: vec![ClauseDef { args: params, guard, body, env: env.clone(), span: uspan }],
                    span: uspan,
                });
            }
        }
        // defstruct / defexception
        if let Some(fields) = mb.struct_fields.clone() {
            let module = env.module.clone().unwrap_or_default();
            let mut pairs = vec![(Literal::Atom("__struct__".into()), Literal::Atom(module))];
            pairs.extend(fields.iter().map(|(k, v)| (Literal::Atom(k.clone()), v.clone())));
            let m = m0(span);
            let v = |n: &str| Ast::var(n, m);
            let gen = |mb: &mut ModBody, name: &str, args: Vec<Ast>, guard: Option<Ast>, body: Ast| {
                mb.fns.push(FnDef {
                    name: name.into(),
                    arity: args.len() as u32,
                    public: true,
                    clauses: vec![ClauseDef { args, guard, body, env: env.clone(), span }],
                    span,
                });
            };
            if !mb.has("__struct__", 0) {
                match mb.struct_kind.clone() {
                    StructKind::Literal => gen(mb, "__struct__", vec![], None, lit_to_ast(&Literal::Map(pairs))),
                    StructKind::Built(body, denv) => mb.fns.push(FnDef {
                        name: "__struct__".into(),
                        arity: 0,
                        public: true,
                        clauses: vec![ClauseDef { args: vec![], guard: None, body, env: denv, span }],
                        span,
                    }),
                    StructKind::Open(list, denv) => {
                        // the map of the fields the list names, each `k` or `{k, default}`, in
                        // order (a later duplicate wins, as in Elixir's Kernel.Utils.defstruct)
                        // and the field order for inspect (:retort_struct.register_fields/2)
                        let src = "struct = Enum.reduce(retort_struct_fields, %{__struct__: __MODULE__}, fn\n\
                                     {k, v}, acc when is_atom(k) -> Map.put(acc, k, v)\n\
                                     k, acc when is_atom(k) -> Map.put(acc, k, nil)\n\
                                     other, _ -> raise ArgumentError, \"struct field names must be atoms, got: \" <> inspect(other)\n\
                                   end)\n\
                                   keys = Enum.uniq(Enum.map(retort_struct_fields, fn {k, _} -> k; k -> k end))\n\
                                   :retort_struct.register_fields(__MODULE__, keys)\n\
                                   struct";
                        let fold = crate::parser::parse(src).map_err(|_| err("internal error: defstruct builder", span));
                        match fold {
                            Ok(fold) => {
                                let bind = Ast::node("=", m, vec![v("retort_struct_fields"), list]);
                                let mut items = vec![bind];
                                items.extend(block_items(&fold).into_iter().cloned());
                                let body = Ast::node("__block__", m, items);
                                mb.fns.push(FnDef {
                                    name: "__struct__".into(),
                                    arity: 0,
                                    public: true,
                                    clauses: vec![ClauseDef { args: vec![], guard: None, body, env: denv, span }],
                                    span,
                                });
                            }
                            Err(e) => self.errors.push(e),
                        }
                    }
                }
            }
            let enforce: Vec<String> = match env.attrs.get("enforce_keys") {
                Some(Literal::List(items, _)) => items
                    .iter()
                    .filter_map(|i| match i {
                        Literal::Atom(a) => Some(a.clone()),
                        _ => None,
                    })
                    .collect(),
                _ => vec![],
            };
            if !enforce.is_empty() && !mb.has("__struct__", 1) {
                // Elixir's __struct__/1 with @enforce_keys: every enforced key must be given.
                let keys: Vec<String> = enforce.iter().map(|k| format!(":{:?}", k)).collect();
                let src = format!(
                    "def __struct__(kv) do\n\
                       {{map, keys}} = Enum.reduce(kv, {{__struct__(), [{}]}}, fn {{key, val}}, {{map, keys}} -> {{Map.replace!(map, key, val), List.delete(keys, key)}} end)\n\
                       case keys do\n\
                         [] -> map\n\
                         _ -> raise ArgumentError, \"the following keys must also be given when building struct \" <> inspect(__MODULE__) <> \": \" <> inspect(keys)\n\
                       end\n\
                     end",
                    keys.join(", ")
                );
                if let Ok(ast) = crate::parser::parse(&src) {
                    for item in block_items(&ast) {
                        let Ast::Node { args: Some(args), .. } = item else { continue };
                        if let Ok((name, params, guard, Some(body))) = parse_def(args, span) {
                            gen(mb, &name, params, guard, body);
                        }
                    }
                }
            }
            if !mb.has("__struct__", 1) {
                let upd = Ast::node("%{}", m, vec![Ast::node("|", m, vec![v("acc"), Ast::List(vec![Ast::Pair(Box::new(v("k")), Box::new(v("v")))])])]);
                let f = Ast::node("fn", m, vec![Ast::node("->", m, vec![Ast::List(vec![Ast::Pair(Box::new(v("k")), Box::new(v("v"))), v("acc")]), upd])]);
                let body = remote_ast("Elixir.Enum", "reduce", vec![v("kv"), Ast::node("__struct__", m, vec![]), f], m);
                gen(mb, "__struct__", vec![v("kv")], None, body);
            }
            if mb.exception {
                let has_message = fields.iter().any(|(k, _)| k == "message");
                if !mb.has("exception", 1) {
                    let mut clauses = vec![];
                    if has_message {
                        clauses.push(ClauseDef {
                            args: vec![v("msg")],
                            guard: Some(Ast::node("is_binary", m, vec![v("msg")])),
                            body: Ast::node("__struct__", m, vec![kw(vec![("message", v("msg"))])]),
                            env: env.clone(),
                            span,
                        });
                    }
                    clauses.push(ClauseDef {
                        args: vec![v("args")],
                        guard: Some(Ast::node("is_list", m, vec![v("args")])),
                        body: Ast::node("__struct__", m, vec![v("args")]),
                        env: env.clone(),
                        span,
                    });
                    mb.fns.push(FnDef { name: "exception".into(), arity: 1, public: true, clauses, span });
                }
                if has_message && !mb.has("message", 1) {
                    let body = Ast::Node {
                        head: Box::new(Ast::node(".", m, vec![v("exception"), Ast::Atom("message".into())])),
                        meta: Meta { span, no_parens: true },
                        args: Some(vec![]),
                    };
                    gen(mb, "message", vec![v("exception")], None, body);
                }
            }
        }
        // @derive
        let derives = std::mem::take(&mut mb.derives);
        if let (Some(fields), false) = (mb.struct_fields.clone(), derives.is_empty()) {
            let strukt = env.module.clone().unwrap_or_default();
            let names: Vec<String> = fields.iter().map(|(k, _)| k.clone()).filter(|k| k != "__exception__").collect();
            for (p, opts, dspan) in derives {
                if p != "Elixir.Inspect" || opts.is_none() {
                    // Elixir 1.14's default derivation: the struct's implementation is `P.Any`
                    // (`impl_for/1` answers `P.Any`); the VM reads this attribute.
                    mb.attributes.push(("retort_derive".into(), Literal::Atom(p.clone())));
                    continue;
                }
                let Some(fns) = self.protocols.get(&p).cloned().or_else(|| super::protocol::builtin_functions(&p)) else {
                    self.errors.push(super::unsupported(format!("@derive of {} (a protocol not defined in this file)", super::expr::inspect_module(&p)), dspan));
                    continue;
                };
                let r = super::protocol::derived_body(&p, &strukt, &names, opts.as_ref(), &fns, dspan)
                    .and_then(|body| self.impl_module(&p, &strukt, body, &mut (*env).clone(), dspan));
                if let Err(e) = r {
                    self.errors.push(e);
                }
            }
        }
        // default arguments
        for (name, arity, public, defs, denv, dspan) in std::mem::take(&mut mb.defaults) {
            let required = defs.iter().filter(|d| d.is_none()).count();
            for k in required..arity as usize {
                if mb.has(&name, k as u32) {
                    continue;
                }
                let m = m0(dspan);
                let params: Vec<Ast> = (0..k).map(|i| Ast::var(&format!("arg{}", i), m)).collect();
                let mut call_args = vec![];
                let mut given = 0;
                let mut used_defaults = 0;
                for d in &defs {
                    match d {
                        None => {
                            call_args.push(params[given].clone());
                            given += 1;
                        }
                        Some(_) if used_defaults < k - required => {
                            call_args.push(params[given].clone());
                            given += 1;
                            used_defaults += 1;
                        }
                        Some(dv) => call_args.push(dv.clone()),
                    }
                }
                let body = Ast::node(&name, m, call_args);
                mb.fns.push(FnDef {
                    name: name.clone(),
                    arity: k as u32,
                    public,
                    clauses: vec![ClauseDef { args: params, guard: None, body, env: denv.clone(), span: dspan }],
                    span: dspan,
                });
            }
        }
    }
}

/// Compiles a whole file: modules, then the script.
pub(crate) fn compile_unit(ast: &Ast, file: &str, script_module: &str) -> Result<CompiledUnit, Vec<Diagnostic>> {
    let mut errors = vec![];
    let mut top_env = Env::default();
    let mut script_items: Vec<Ast> = vec![];
    let mut has_script = false;
    let mods = {
        let mut col = Collector { guards: HashMap::new(), mods: vec![], errors: &mut errors, file, protocols: HashMap::new(), loaded: Default::default() };
        for item in block_items(ast) {
            match (item.head_name(), item) {
                (Some("defmodule"), Ast::Node { args: Some(args), .. }) => col.collect_module(args, &mut top_env, false, item.span()),
                // Outside the subset: name the construct instead of "undefined function".
                (Some("defprotocol"), Ast::Node { args: Some(args), .. }) => {
                    if let Err(e) = col.collect_protocol(args, &mut top_env, false, item.span()) {
                        col.errors.push(e);
                    }
                }
                (Some("defimpl"), Ast::Node { args: Some(args), .. }) => {
                    if let Err(e) = col.collect_impl(args, &mut top_env.clone(), item.span()) {
                        col.errors.push(e);
                    }
                }
                (Some(n @ ("defmacro" | "defmacrop" | "defguard" | "defguardp")), Ast::Node { args: Some(a), .. }) => {
                    col.errors.push(super::err(format!("cannot invoke {}/{} outside module", n, a.len()), item.span()));
                }
                (Some(n @ ("alias" | "import" | "require")), Ast::Node { args: Some(args), .. }) => {
                    let r = match n {
                        "alias" => top_env.apply_alias(args, item.span()),
                        "import" => top_env.apply_import(args, item.span()),
                        _ => top_env.apply_require(args, item.span()),
                    };
                    if let Err(e) = r {
                        col.errors.push(e);
                    }
                    script_items.push(item.clone());
                }
                _ => {
                    has_script = true;
                    script_items.push(item.clone());
                }
            }
        }
        (col.mods, col.guards)
    };
    let (mods, guards) = mods;
    let mut mods: Vec<ModDef> = mods.into_iter().flatten().collect();
    for m in mods.iter_mut() {
        add_info(m);
    }
    let refs: Vec<&ModDef> = mods.iter().collect();
    let unit = unit_info(&refs, guards, file);
    let mut out = CompiledUnit::default();
    for m in &mods {
        match compile_module(m, &unit, file) {
            Ok(img) => out.modules.push(hide_private_macros(img, &m.macros)),
            Err(mut es) => errors.append(&mut es),
        }
    }
    if has_script {
        match compile_script(&script_items, &unit, file, script_module) {
            Ok(img) => out.script = Some(img),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        errors.sort_by_key(|d| (d.span.start, d.span.end));
        Err(errors)
    }
}

/// The program's image of a module: `defmacrop`'s `MACRO-name` function is not exported (as
/// in Elixir, where a private macro is not in the module's exports). The macro host was given
/// the image with it exported (`load_macro_module`), since the host calls it from outside.
fn hide_private_macros(mut img: ModuleImage, macros: &[(String, u32, bool)]) -> ModuleImage {
    img.exports.retain(|e| {
        !macros.iter().any(|(n, a, public)| !*public && e.arity == a + 1 && e.name.strip_prefix("MACRO-") == Some(n.as_str()))
    });
    img
}

/// What the modules `mods` of a file provide to each other (exports and structs).
fn unit_info(mods: &[&ModDef], guards: HashMap<String, Vec<super::defguard::GuardDef>>, file: &str) -> UnitInfo {
    let mut unit = UnitInfo { guards, file: file.to_string(), ..UnitInfo::default() };
    for m in mods {
        unit.exports.insert(m.name.clone(), m.fns.iter().filter(|f| f.public).map(|f| (f.name.clone(), f.arity)).collect());
        if let Some(f) = &m.struct_fields {
            match m.struct_kind {
                StructKind::Literal => {
                    unit.structs.insert(m.name.clone(), f.clone());
                }
                StructKind::Built(..) => {
                    unit.structs.insert(m.name.clone(), f.clone());
                    unit.structs_built.insert(m.name.clone());
                }
                StructKind::Open(..) => {}
            }
        }
    }
    unit
}

fn new_modcx<'u>(unit: &'u UnitInfo, module: Option<String>) -> ModCx<'u> {
    ModCx { pools: Pools::default(), named: 0, lambda_fns: vec![], locals: HashMap::new(), lambda_counter: 0, unit, module, gensym: 0 }
}

fn compile_module(m: &ModDef, unit: &UnitInfo, file: &str) -> Result<ModuleImage, Vec<Diagnostic>> {
    let mut cx = new_modcx(unit, Some(m.name.clone()));
    for (i, f) in m.fns.iter().enumerate() {
        cx.locals.insert((f.name.clone(), f.arity), i as u32);
    }
    cx.named = m.fns.len() as u32;
    let mut functions = vec![];
    let mut errors = vec![];
    for f in &m.fns {
        match compile_function(&mut cx, f) {
            Ok(func) => functions.push(func),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let _ = m.span;
    functions.append(&mut cx.lambda_fns);
    // Sorted by name and arity like Elixir's export table, with `__info__/1` last.
    let mut exports: Vec<Export> = m
        .fns
        .iter()
        .enumerate()
        .filter(|(_, f)| f.public)
        .map(|(i, f)| Export { name: f.name.clone(), arity: f.arity, function: i as u32 })
        .collect();
    exports.sort_by(|a, b| ((a.name == "__info__"), &a.name, a.arity).cmp(&((b.name == "__info__"), &b.name, b.arity)));
    Ok(ModuleImage {
        name: m.name.clone(),
        file: file.to_string(),
        functions,
        exports,
        literals: cx.pools.literals,
        imports: cx.pools.imports,
        lambdas: cx.pools.lambdas,
        attributes: m.attributes.clone(),
        moduledoc: m.moduledoc.clone(),
        docs: m.docs.clone(),
        struct_fields: m
            .struct_fields
            .as_ref()
            .filter(|_| !matches!(m.struct_kind, StructKind::Open(..)))
            .map(|f| f.iter().filter(|(k, _)| k != "__exception__").map(|(k, _)| k.clone()).collect()),
    })
}

fn compile_script(items: &[Ast], unit: &UnitInfo, file: &str, name: &str) -> R<ModuleImage> {
    let mut cx = new_modcx(unit, None);
    let span = items.first().map(|i| i.span()).unwrap_or_default();
    let body = Ast::node("__block__", m0(span), items.to_vec());
    // The script's function is function 0; lambdas (and comprehension loops, called locally
    // by index) follow it.
    cx.named = 1;
    let func = {
        // Named like Elixir's: stacktraces show `file.exs:3: (file)` and funs
        // `anonymous fn/1 in :elixir_compiler_0.__FILE__/1`. The argument is unused.
        let mut f = FnCx::new(&mut cx, Rc::new(Env::default()), 1, "__FILE__/1".into());
        f.body(&body, Dest::Tail)?;
        f.finish("__FILE__".into(), 1, span)?
    };
    let mut functions = vec![func];
    functions.append(&mut cx.lambda_fns);
    Ok(ModuleImage {
        name: name.to_string(),
        file: file.to_string(),
        functions,
        exports: vec![Export { name: "__FILE__".into(), arity: 1, function: 0 }],
        literals: cx.pools.literals,
        imports: cx.pools.imports,
        lambdas: cx.pools.lambdas,
        attributes: vec![],
        moduledoc: None,
        docs: vec![],
        struct_fields: None,
    })
}

/// The local calls `name(args)` written in `fns`' clauses, as `(name, arity)` (an explicit
/// stack, not recursion: bodies can nest deeply).
fn local_calls(f: &FnDef) -> std::collections::HashSet<(String, u32)> {
    let mut out = std::collections::HashSet::new();
    let mut stack: Vec<&Ast> = vec![];
    for c in &f.clauses {
        stack.push(&c.body);
        stack.extend(c.guard.iter());
    }
    while let Some(e) = stack.pop() {
        match e {
            Ast::List(items) => stack.extend(items.iter()),
            Ast::Pair(a, b) => {
                stack.push(a);
                stack.push(b);
            }
            Ast::Node { head, args, .. } => {
                if let (Ast::Atom(n), Some(a)) = (&**head, args) {
                    out.insert((n.clone(), a.len() as u32));
                }
                stack.push(head);
                if let Some(a) = args {
                    stack.extend(a.iter());
                }
            }
            _ => {}
        }
    }
    out
}

/// `m` without the functions that call one of `macros` locally, nor those calling such a
/// function (transitively): what can be compiled before the macros are loaded. `None` when
/// no function calls a local macro.
fn without_local_macro_users(m: &ModDef, macros: &[(String, u32, bool)]) -> Option<ModDef> {
    let calls: Vec<_> = m.fns.iter().map(local_calls).collect();
    let mut dropped: Vec<(String, u32)> = vec![];
    loop {
        let before = dropped.len();
        for (f, c) in m.fns.iter().zip(&calls) {
            let key = (f.name.clone(), f.arity);
            if dropped.contains(&key) {
                continue;
            }
            let uses = macros.iter().any(|(n, a, _)| c.contains(&(n.clone(), *a))) || dropped.iter().any(|d| c.contains(d));
            if uses {
                dropped.push(key);
            }
        }
        if dropped.len() == before {
            break;
        }
    }
    if dropped.is_empty() {
        return None;
    }
    let mut partial = m.clone();
    partial.fns.retain(|f| !dropped.contains(&(f.name.clone(), f.arity)));
    Some(partial)
}

/// Adds Elixir's `__info__/1` (`:module`, `:functions`, `:macros`, `:struct`, and
/// `:attributes`/`:compile`/`:md5` through `module_info/1`), unless the module defines it.
fn add_info(m: &mut ModDef) {
    if m.fns.iter().any(|f| f.name == "__info__" && f.arity == 1) {
        return;
    }
    let span = m.span;
    let meta = m0(span);
    let env = Rc::new(Env { module: Some(m.name.clone()), ..Env::default() });
    let mut funs: Vec<(String, u32)> = m.fns.iter().filter(|f| f.public && !f.name.starts_with("MACRO-")).map(|f| (f.name.clone(), f.arity)).collect();
    funs.sort();
    let funs = Literal::List(
        funs.into_iter().map(|(n, a)| Literal::Tuple(vec![Literal::Atom(n), Literal::Int(a as i64)])).collect(),
        Box::new(Literal::Nil),
    );
    let strukt = match &m.struct_fields {
        Some(fields) => Literal::List(
            fields
                .iter()
                .filter(|(k, _)| k != "__exception__")
                .map(|(k, _)| {
                    Literal::Map(vec![
                        (Literal::Atom("field".into()), Literal::Atom(k.clone())),
                        (Literal::Atom("required".into()), Literal::Atom("false".into())),
                    ])
                })
                .collect(),
            Box::new(Literal::Nil),
        ),
        None => Literal::Atom("nil".into()),
    };
    let mut clauses = vec![];
    let mut clause = |key: &str, body: Ast| {
        clauses.push(ClauseDef { args: vec![Ast::Atom(key.into())], guard: None, body, env: env.clone(), span });
    };
    clause("module", Ast::Atom(m.name.clone()));
    clause("functions", lit_to_ast(&funs));
    let mut macros: Vec<(String, u32)> = m.macros.iter().filter(|(_, _, p)| *p).map(|(n, a, _)| (n.clone(), *a)).collect();
    macros.sort();
    let macros = Literal::List(
        macros.into_iter().map(|(n, a)| Literal::Tuple(vec![Literal::Atom(n), Literal::Int(a as i64)])).collect(),
        Box::new(Literal::Nil),
    );
    clause("macros", lit_to_ast(&macros));
    clause("struct", lit_to_ast(&strukt));
    clause("deprecated", Ast::List(vec![]));
    let key = Ast::var("key", meta);
    let guard = Ast::node("in", meta, vec![key.clone(), Ast::List(vec![Ast::Atom("attributes".into()), Ast::Atom("compile".into()), Ast::Atom("md5".into())])]);
    clauses.push(ClauseDef {
        args: vec![key.clone()],
        guard: Some(guard),
        body: remote_ast(&m.name, "module_info", vec![key], meta),
        env: env.clone(),
        span,
    });
    m.fns.push(FnDef { name: "__info__".into(), arity: 1, public: true, clauses, span });
}

/// Whether `item` is a call `Module.register_attribute(...)`.
fn is_register_attribute(item: &Ast) -> bool {
    let Ast::Node { head, .. } = item else { return false };
    let Ast::Node { args: Some(da), .. } = &**head else { return false };
    matches!(da.as_slice(), [m, Ast::Atom(f)] if f == "register_attribute" && matches!(m, Ast::Node { args: Some(segs), .. } if m.head_name() == Some("__aliases__") && matches!(segs.as_slice(), [Ast::Atom(x)] if x == "Module")))
}
