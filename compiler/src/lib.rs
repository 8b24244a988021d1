//! retort's compiler: `.ex` source → tokens (logos) → Elixir-shaped AST (lalrpop) → register
//! bytecode module images for `retort-vm`.
pub mod ast;
pub mod ast_print;
pub mod diagnostic;
pub mod lexer;
pub mod nesting;
pub mod parser;
pub mod render;
pub mod codegen;
pub mod expand;
