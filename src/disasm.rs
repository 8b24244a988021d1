//! `retort disasm FILE`: the bytecode of a source file or a `.rbc` file, as text.

use retort_vm::bytecode::{file, ModuleImage};
use std::fmt::Write;
use std::process::ExitCode;

/// Renders one module image: exports, attributes, literals, imports, lambdas, and each
/// function with its arity, registers, instructions (operands named) and line table.
pub fn render(m: &ModuleImage) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "module {} (file {})", m.name, m.file);
    let _ = writeln!(s, "exports: {}", m.exports.iter().map(|e| format!("{}/{}", e.name, e.arity)).collect::<Vec<_>>().join(", "));
    for (k, v) in &m.attributes {
        let _ = writeln!(s, "attribute {k}: {v:?}");
    }
    for (i, l) in m.literals.iter().enumerate() {
        let _ = writeln!(s, "literal {i}: {l:?}");
    }
    for (i, im) in m.imports.iter().enumerate() {
        let _ = writeln!(s, "import {i}: {}.{}/{}", im.module, im.function, im.arity);
    }
    for (i, l) in m.lambdas.iter().enumerate() {
        let _ = writeln!(s, "lambda {i}: function {} arity {} free {}", l.function, l.arity, l.nfree);
    }
    for (i, f) in m.functions.iter().enumerate() {
        let _ = writeln!(s, "\nfunction {i} {}/{} (registers: {})", f.name, f.arity, f.nregs);
        let mut li = 0;
        for (pc, op) in f.code.iter().enumerate() {
            let mut line = String::new();
            while li < f.lines.len() && f.lines[li].0 as usize <= pc {
                if f.lines[li].0 as usize == pc {
                    line = format!("  ; line {}", f.lines[li].1);
                }
                li += 1;
            }
            let _ = writeln!(s, "  {pc:4}  {op:?}{line}");
        }
    }
    s
}

pub fn disasm(path: &str) -> ExitCode {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: could not read {path}: {e}");
            return ExitCode::from(1);
        }
    };
    let images = if bytes.starts_with(file::MAGIC) {
        match file::decode(&bytes) {
            Ok(m) => vec![m],
            Err(e) => {
                eprintln!("error: {path}: {e}");
                return ExitCode::from(1);
            }
        }
    } else {
        let source = String::from_utf8_lossy(&bytes);
        let compiler = retort_stdlib::Compiler::default();
        match retort_vm::code::table::CompilerHook::compile(&compiler, &source, path) {
            Ok((mut mods, script)) => {
                mods.extend(script);
                mods
            }
            Err(msg) => {
                eprint!("{msg}");
                return ExitCode::from(1);
            }
        }
    };
    for m in images {
        print!("{}", render(&m));
    }
    ExitCode::SUCCESS
}
