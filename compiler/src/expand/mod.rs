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

pub(crate) mod kernel_imports;
pub(crate) mod quote;
