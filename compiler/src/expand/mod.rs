//! Macro expansion: `quote`, user macros (`defmacro`/`defmacrop`, `use` with a user
//! `__using__/1`) run at compile time, and the conversions between the compiler's [`Ast`] and
//! the AST as a term (Elixir's quoted form, [`Literal`] here).
//!
//! Map of this folder:
//! - `quote`: `quote`/`unquote`/`unquote_splicing` → code building the quoted term;
//! - `kernel_imports`: `Kernel`'s names and arities (the `imports:` metadata of a quote);
//! - `term`: [`Ast`] ↔ [`Literal`] (the argument ASTs handed to a macro, and its result back,
//!   with hygiene: variables a macro's quote introduced are renamed per expansion);
//! - `host`: [`MacroHost`], the VM that runs macro code at compile time (the embedder supplies
//!   it, as it supplies the VM's `CompilerHook`: the compiler never depends on the runtime).

pub mod eval;
pub(crate) mod kernel_imports;
pub(crate) mod quote;
pub mod host;
pub(crate) mod term;

use crate::ast::{Ast, Span};
use crate::codegen::{err, R};
use retort_vm::bytecode::Literal;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

pub use host::{set_host_factory, MacroHost};

/// The name of a macro function's first parameter, the caller's environment, which
/// `__CALLER__` reads (a name no program can write).
pub(crate) const CALLER_VAR: &str = "__CALLER__@macro";

/// Deepest nesting of macro expansions (a macro whose expansion calls a macro ...).
pub(crate) const MAX_EXPANSION_DEPTH: u32 = 1000;

thread_local! {
    /// The macros of every module compiled and loaded into this thread's host:
    /// module → `(name, arity, public)` (the arity the caller sees, without `__CALLER__`;
    /// `public` is false for `defmacrop`, which only the defining module can call).
    static MACROS: RefCell<HashMap<String, Vec<(String, u32, bool)>>> = RefCell::new(HashMap::new());
    /// Expansions so far (numbers hygienic variables).
    static COUNTER: Cell<u64> = const { Cell::new(0) };
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Records the macros `module` defines (replacing what an earlier version defined).
pub(crate) fn register_macros(module: &str, macros: Vec<(String, u32, bool)>) {
    MACROS.with(|m| {
        let mut m = m.borrow_mut();
        if macros.is_empty() {
            m.remove(module);
        } else {
            m.insert(module.to_string(), macros);
        }
    });
}

/// Whether `module` defines the public macro `name/arity` (as far as this thread compiled it).
pub(crate) fn is_macro(module: &str, name: &str, arity: u32) -> bool {
    MACROS.with(|m| m.borrow().get(module).is_some_and(|l| l.iter().any(|(n, a, p)| *p && n == name && *a == arity)))
}

/// Whether `module` defines the macro `name/arity`, public or private (a call inside `module`).
pub(crate) fn is_local_macro(module: &str, name: &str, arity: u32) -> bool {
    MACROS.with(|m| m.borrow().get(module).is_some_and(|l| l.iter().any(|(n, a, _)| n == name && *a == arity)))
}

/// Whether any macro is known (a cheap test before looking a call up).
pub(crate) fn any_macros() -> bool {
    MACROS.with(|m| !m.borrow().is_empty())
}

/// Loads compiled images into the host (a module defining macros, and the modules of the
/// same file compiled before it, which its macros may call).
pub(crate) fn load(images: &[retort_vm::bytecode::ModuleImage], span: Span) -> R<()> {
    host::with_host(|h| h.load(images)).map_err(|e| err(e, span))
}

/// One level of macro expansion: an error past [`MAX_EXPANSION_DEPTH`].
pub(crate) struct Depth;

impl Depth {
    pub(crate) fn enter(span: Span) -> R<Depth> {
        let d = DEPTH.with(|c| {
            c.set(c.get() + 1);
            c.get()
        });
        let guard = Depth;
        if d > MAX_EXPANSION_DEPTH {
            return Err(err(format!("macro expansion nested more than {} levels deep (a macro that expands to itself?)", MAX_EXPANSION_DEPTH), span));
        }
        Ok(guard)
    }
}

impl Drop for Depth {
    fn drop(&mut self) {
        DEPTH.with(|c| c.set(c.get().saturating_sub(1)));
    }
}

/// The `__CALLER__` handed to a macro: a `Macro.Env`-shaped map with `module`, `file`,
/// `line`, `function` and `context` (`nil`).
fn caller_env(module: Option<&str>, function: Option<(&str, u32)>, file: &str, line: u32) -> Literal {
    let a = |s: &str| Literal::Atom(s.to_string());
    Literal::Map(vec![
        (a("__struct__"), a("Elixir.Macro.Env")),
        (a("context"), a("nil")),
        (a("file"), Literal::Binary(file.as_bytes().to_vec())),
        (a("function"), match function {
            Some((n, ar)) => Literal::Tuple(vec![a(n), Literal::Int(ar as i64)]),
            None => a("nil"),
        }),
        (a("line"), Literal::Int(line as i64)),
        (a("module"), a(module.unwrap_or("nil"))),
    ])
}

/// `__ENV__` where `env` is: a `Macro.Env`-shaped map with `module`, `file`, `line`,
/// `function`, `context` (`nil`), `aliases` (`[{Alias, Full}]`), `requires` (modules),
/// `macros` (`[{module, [{name, arity}]}]`, the imported macros this thread knows) and
/// `functions` (`[]`: imported functions are not listed). Enough for `Macro.expand/2`.
pub(crate) fn env_term(env: &crate::codegen::module::Env, function: Option<(&str, u32)>, file: &str, line: u32) -> Literal {
    let a = |s: &str| Literal::Atom(s.to_string());
    let list = |items: Vec<Literal>| if items.is_empty() { Literal::Nil } else { Literal::List(items, Box::new(Literal::Nil)) };
    let Literal::Map(mut fields) = caller_env(env.module.as_deref(), function, file, line) else { return Literal::Nil };
    let mut aliases: Vec<(&String, &String)> = env.aliases.iter().collect();
    aliases.sort();
    fields.push((a("aliases"), list(aliases.into_iter().map(|(k, v)| Literal::Tuple(vec![a(&format!("Elixir.{k}")), a(v)])).collect())));
    let mut requires: Vec<&String> = env.required.iter().collect();
    requires.sort();
    fields.push((a("requires"), list(requires.into_iter().map(|m| a(m)).collect())));
    let mut macros = vec![];
    MACROS.with(|m| {
        let m = m.borrow();
        for imp in &env.imports {
            let Some(defs) = m.get(&imp.module) else { continue };
            let names: Vec<Literal> = defs
                .iter()
                .filter(|(n, ar, public)| {
                    *public
                        && !imp.except.iter().any(|(en, ea)| en == n && ea == ar)
                        && imp.only.as_ref().is_none_or(|o| o.iter().any(|(on, oa)| on == n && oa == ar))
                })
                .map(|(n, ar, _)| Literal::Tuple(vec![a(n), Literal::Int(*ar as i64)]))
                .collect();
            if !names.is_empty() {
                macros.push(Literal::Tuple(vec![a(&imp.module), list(names)]));
            }
        }
    });
    fields.push((a("macros"), list(macros)));
    fields.push((a("functions"), Literal::Nil));
    Literal::Map(fields)
}

/// Expands the call `module.name(args)` of a macro: runs `module."MACRO-name"(caller,
/// args...)` on the host and converts its result back, with hygiene (see [`term`]).
/// Errors: what the macro raised (Elixir's text), or a result that is not quoted code.
pub(crate) fn expand_call(
    module: &str,
    name: &str,
    args: &[Ast],
    caller: Option<&str>,
    function: Option<(&str, u32)>,
    file: &str,
    span: Span,
) -> R<Ast> {
    let mut terms = vec![caller_env(caller, function, file, span.line)];
    for a in args {
        terms.push(term::to_term(a, 0).map_err(|e| err(e, span))?);
    }
    let fun = format!("MACRO-{}", name);
    let result = host::with_host(|h| h.call(module, &fun, terms)).map_err(|e| err(e, span))?;
    let counter = next_counter();
    term::FromTerm { counter, span }.ast(&result, 0).map_err(|e| err(e, span))
}

/// A fresh expansion number (the `N` of hygienic variables `name@N`).
pub(crate) fn next_counter() -> u64 {
    COUNTER.with(|c| {
        c.set(c.get() + 1);
        c.get()
    })
}

/// The macro a call in `env` names, if any: `Mod.name(args)` of a module with that macro,
/// or `name(args)` imported (`import Mod`, honouring `only:`/`except:`). Returns the module,
/// the name and the arguments.
pub(crate) fn find_macro(e: &Ast, env: &crate::codegen::module::Env) -> Option<(String, String, Vec<Ast>)> {
    if !any_macros() {
        return None;
    }
    let Ast::Node { head, args, .. } = e else { return None };
    match &**head {
        Ast::Atom(name) => {
            let args = args.as_ref()?;
            let arity = args.len() as u32;
            // A macro of the module being compiled, defined earlier in it (`defmacrop` helpers).
            if let Some(module) = &env.module {
                if is_local_macro(module, name, arity) {
                    return Some((module.clone(), name.clone(), args.clone()));
                }
            }
            for imp in env.imports.iter().rev() {
                if imp.except.iter().any(|(n, a)| n == name && *a == arity) {
                    continue;
                }
                if let Some(only) = &imp.only {
                    if !only.iter().any(|(n, a)| n == name && *a == arity) {
                        continue;
                    }
                }
                if is_macro(&imp.module, name, arity) {
                    return Some((imp.module.clone(), name.clone(), args.clone()));
                }
            }
            None
        }
        Ast::Node { args: Some(dargs), .. } if head.head_name() == Some(".") => {
            let [target, Ast::Atom(name)] = dargs.as_slice() else { return None };
            let module = match target {
                Ast::Atom(a) => a.clone(),
                Ast::Node { args: Some(segs), .. } if target.head_name() == Some("__aliases__") => env.alias_name(segs)?,
                Ast::Node { args: None, .. } if target.head_name() == Some("__MODULE__") => env.module.clone()?,
                _ => return None,
            };
            let args = args.clone().unwrap_or_default();
            // Elixir expands a remote macro only when its module is required (`require`,
            // `import` and `use` require it); otherwise the call stays a function call, which
            // fails at run time (see `codegen::expr`'s unrequired-macro error).
            if is_macro(&module, name, args.len() as u32) && env.requires(&module) {
                Some((module, name.clone(), args))
            } else {
                None
            }
        }
        _ => None,
    }
}
