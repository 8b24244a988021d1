//! `retort disasm FILE`: the bytecode of a source file or a `.rbc` file, as a listing in the
//! manner of `luac -l` and `erts_debug:df`: per function a header (name/arity, registers,
//! instruction count), then one line per instruction: index, source line, mnemonic, operands.
//! Everything is derived from the instruction set's declaration (`vm/src/bytecode/isa.rs`):
//! mnemonics from the opcode names, operands printed by their kind. Literals are printed as
//! Elixir terms (`inspect`), jump targets as labels `L7` (with a `L7:` line before the
//! instruction), calls as `Mod.fun/arity`, register windows as `(r2..r4)`.

use retort_vm::bytecode::isa::{Kind, Operand, Val};
use retort_vm::bytecode::{file, Function, Literal, ModuleImage, Op};
use retort_vm::value::inspect::{inspect, inspect_atom_name, inspect_atom_remote_call, InspectOpts};
use std::collections::BTreeSet;
use std::fmt::Write;
use std::process::ExitCode;

/// A literal as Elixir's `inspect` prints it (`"hello"`, `:ok`, `[1, 2]`, `%{a: 1}`).
fn literal(l: &Literal) -> String {
    let t = retort_vm::code::module::literal_to_term(l);
    inspect(&t, &InspectOpts::unlimited())
}

/// A module name as Elixir writes it: `IO`, `:erlang`.
fn module(name: &str) -> String {
    inspect_atom_name(name)
}

/// `Mod.fun/arity` as Elixir writes a remote capture.
fn mfa(m: &str, f: &str, arity: u32) -> String {
    format!("{}.{}/{arity}", module(m), inspect_atom_remote_call(f))
}

/// One operand as text, or `None` for those shown with another (a window's length).
fn operand(m: &ModuleImage, o: &Operand) -> Option<String> {
    Some(match (o.kind, o.val) {
        (Kind::Count, _) => return None,
        (Kind::OptRead, Val::Reg(r)) if r.is_none() => "default".into(),
        (k, Val::Reg(r)) if k.is_window() => match o.window_len() {
            0 => "()".into(),
            1 => format!("(r{})", r.0),
            n => format!("(r{}..r{})", r.0, r.0 as usize + n - 1),
        },
        (_, Val::Reg(r)) => format!("r{}", r.0),
        (_, Val::Label(l)) if l.is_none() => "raise".into(),
        (_, Val::Label(l)) => format!("L{}", l.0),
        (_, Val::Lit(x)) => m.literals.get(x.0 as usize).map_or_else(|| format!("literal#{}", x.0), literal),
        (_, Val::Import(x)) => m.imports.get(x.0 as usize).map_or_else(|| format!("import#{}", x.0), |i| mfa(&i.module, &i.function, i.arity)),
        (_, Val::Local(x)) => m.functions.get(x.0 as usize).map_or_else(|| format!("function#{}", x.0), |f| format!("{}/{}", inspect_atom_remote_call(&f.name), f.arity)),
        (_, Val::Lambda(x)) => match m.lambdas.get(x.0 as usize) {
            Some(l) => m.functions.get(l.function as usize).map_or_else(|| format!("lambda#{}", x.0), |f| format!("fn {}/{}", f.name, l.arity)),
            None => format!("lambda#{}", x.0),
        },
        (_, Val::Imm(i)) => i.to_string(),
    })
}

/// One instruction's mnemonic and operands: `call_remote  IO.puts/1, (r1), r0`.
pub fn instruction(m: &ModuleImage, op: &Op) -> String {
    let ops: Vec<String> = op.operands().iter().filter_map(|o| operand(m, o)).collect();
    let mnemonic = op.info().mnemonic();
    if ops.is_empty() {
        mnemonic
    } else {
        format!("{mnemonic:<19}{}", ops.join(", "))
    }
}

/// The listing of one function: a header, then per instruction its index, source line,
/// mnemonic and operands, with a `Ln:` line before every jump target.
fn function(s: &mut String, m: &ModuleImage, i: usize, f: &Function) {
    let _ = writeln!(s, "\nfunction {}/{} (#{i}): {} registers, {} instructions", f.name, f.arity, f.nregs, f.code.len());
    let targets: BTreeSet<u32> = f.code.iter().flat_map(|op| retort_vm::bytecode::facts::labels(op)).filter(|l| !l.is_none()).map(|l| l.0).collect();
    let mut li = 0;
    let mut line = None;
    for (pc, op) in f.code.iter().enumerate() {
        while li < f.lines.len() && f.lines[li].0 as usize <= pc {
            line = Some(f.lines[li].1);
            li += 1;
        }
        if targets.contains(&(pc as u32)) {
            let _ = writeln!(s, "L{pc}:");
        }
        let at = line.map_or_else(|| "[-]".to_string(), |l| format!("[{l}]"));
        let _ = writeln!(s, "  {pc:5}  {at:<6} {}", instruction(m, op));
    }
}

/// Renders one module image: its name and file, exports, attributes, then each function's
/// listing.
pub fn render(m: &ModuleImage) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "module {} (file {})", module(&m.name), m.file);
    let _ = writeln!(s, "exports: {}", m.exports.iter().map(|e| format!("{}/{}", inspect_atom_remote_call(&e.name), e.arity)).collect::<Vec<_>>().join(", "));
    for (k, v) in &m.attributes {
        let _ = writeln!(s, "attribute @{k} {}", literal(v));
    }
    for (i, f) in m.functions.iter().enumerate() {
        function(&mut s, m, i, f);
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
    for (i, m) in images.iter().enumerate() {
        if i > 0 {
            println!();
        }
        print!("{}", render(m));
    }
    ExitCode::SUCCESS
}
