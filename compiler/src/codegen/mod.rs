//! Code generation: the Elixir-shaped AST (see [`crate::ast`]) → register bytecode module images
//! (see `retort_vm::bytecode`).
//!
//! The entry point is [`compile`]: it parses a source file and lowers every `defmodule` to a
//! [`ModuleImage`], plus the top-level script expressions to a module exporting `__FILE__/1`.
//! [`compile_ast`] does the same from an already parsed AST.
//!
//! Map of this folder:
//! - [`module`]: `defmodule` bodies: `def`/`defp` grouping, default arguments, attributes,
//!   `alias`/`import`/`require`/`use`, `defstruct`/`defexception`.
//! - `module_for`: a comprehension in a module body defining functions (unquote fragments).
//! - `using`: the source text of the callbacks injected by `use GenServer` & co.
//! - [`exunit`]: `use ExUnit.Case` (`test`, `describe`, `setup`, tags) and the assertion macros.
//! - `func`: the per-function compiler state and function/`fn` clause groups.
//! - `expr`: expressions and calls; `special`: `case`/`cond`/`if`/`with`/`try`/`receive`;
//!   `lower`: AST rewrites (`|>`, `for`, `&` captures); `pattern`: patterns; `guard`: guards;
//!   `bits`: `<<...>>` construction and patterns; `defguard`: `defguard` expansion.
//! - `consts`: compile-time constants (literals, `@attr` values).
//! - `emit`: instruction buffer with labels, line table, literal/import/lambda pools.
//! - `scope`: variables ↔ registers (stack discipline).
//! - `kernel`: the auto-imported `Kernel` functions.

mod bits;
mod consts;
mod defguard;
mod emit;
pub mod exunit;
mod expr;
mod func;
mod guard;
mod kernel;
mod lower;
pub mod optimize;
pub mod regalloc;
pub mod module;
mod module_for;
mod pattern;
mod protocol;
mod overridable;
mod scope;
mod sigil_calendar;
mod special;
mod using;

use crate::ast::{Ast, Span};
use crate::diagnostic::Diagnostic;
use retort_vm::bytecode::ModuleImage;

/// The result of compiling one source file.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CompiledUnit {
    /// Every `defmodule` in the source, in source order (nested `defmodule A do defmodule B`
    /// gives `A.B` too, after `A`).
    pub modules: Vec<ModuleImage>,
    /// The top-level expressions that are not `defmodule` (a script's body), compiled as a
    /// module named `script_module` exporting `__FILE__/1` (which ignores its argument,
    /// evaluates them in order and returns the last value); `None` when there are none.
    pub script: Option<ModuleImage>,
}

/// Compiles a whole source file (or string) to module images.
///
/// `file` is recorded in the images (stack traces print it); `script_module` names the module
/// that holds the top-level expressions. Errors: the parser's diagnostics, or the compile
/// errors found (Elixir-worded, e.g. `undefined variable "x"`,
/// `undefined function foo/1 (expected Demo to define such a function or for it to be
/// imported, but none are available)`, or `... is not supported by retort` for constructs outside the
/// subset), each with its span. Output is deterministic: the same source gives byte-identical
/// images.
pub fn compile(source: &str, file: &str, script_module: &str) -> Result<CompiledUnit, Vec<Diagnostic>> {
    crate::nesting::on_compile_stack(|| {
        let ast = crate::parser::parse(source)?;
        compile_ast(&ast, file, script_module)
    })
}

/// Like [`compile`], from a parsed AST (runs on the compiler's own stack, see
/// [`crate::nesting::on_compile_stack`]).
pub fn compile_ast(ast: &Ast, file: &str, script_module: &str) -> Result<CompiledUnit, Vec<Diagnostic>> {
    crate::nesting::on_compile_stack(|| module::compile_unit(ast, file, script_module))
}

/// Result of a lowering step: one diagnostic stops the current function.
pub(crate) type R<T> = Result<T, Diagnostic>;

/// The code of [`undefined_variable`]'s diagnostic.
pub const UNDEFINED_VARIABLE: &str = "E0202";

/// A read of a variable that is not bound (code [`UNDEFINED_VARIABLE`]): `undefined variable
/// "x"`. Elixir 1.14 expands such a name to the call `x()` (with a warning) and reports the
/// missing function instead; `Code.eval_quoted` rewords it so (see `expand::eval`).
pub(crate) fn undefined_variable(name: &str, span: Span) -> Diagnostic {
    Diagnostic::error(UNDEFINED_VARIABLE, format!("undefined variable \"{}\"", name), span)
}

/// A compile error (code `E0200`) in Elixir's words.
pub(crate) fn err(msg: impl Into<String>, span: Span) -> Diagnostic {
    Diagnostic::error("E0200", msg, span)
}

/// A construct outside the subset (code `E0201`): `<what> is not supported by retort`.
pub(crate) fn unsupported(what: impl AsRef<str>, span: Span) -> Diagnostic {
    Diagnostic::error("E0201", format!("{} is not supported by retort", what.as_ref()), span)
}
