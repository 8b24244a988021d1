//! `docs/bytecode.md` is generated from the instruction set's declaration (`Op::INFO`, made by
//! the `instructions!` macro of `vm/src/bytecode/isa.rs` from the list in `op.rs`: each
//! opcode's doc comment, operands with their kinds, flags), the operand types and kinds
//! (`op.rs`, `isa.rs`; the operator enums in `vm/src/value/`), the module image (`image.rs`)
//! and the file format (`file.rs`): their doc comments are the documentation. This test regenerates the document and fails if the
//! checked-in copy differs, so the document cannot drift from the code; it also checks that
//! opcodes are the encoded variant indexes.
//!
//! Regenerate with `UPDATE_BYTECODE_DOC=1 cargo test -p retort-vm --test bytecode_doc`.

use retort_vm::bytecode::isa::Flags;
use retort_vm::bytecode::{Label, Op, Reg};
use std::fmt::Write;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// One item of a Rust source file: its doc comment and its body's members.
#[derive(Debug, Default)]
struct Item {
    kind: String,
    name: String,
    doc: Vec<String>,
    /// For `pub struct X(pub T);` the tuple type.
    tuple: Option<String>,
    members: Vec<Member>,
}

/// A variant (of an enum) or a field (of a struct).
#[derive(Debug, Default, Clone)]
struct Member {
    /// `Add`, `pub name: String`
    decl: String,
    doc: Vec<String>,
}

/// The `//!` module documentation of a source file.
fn module_doc(src: &str) -> Vec<String> {
    src.lines().take_while(|l| l.starts_with("//!")).map(|l| l.trim_start_matches("//!").strip_prefix(' ').unwrap_or(l.trim_start_matches("//!")).to_string()).collect()
}

fn doc_line(l: &str) -> Option<String> {
    let t = l.trim_start();
    t.strip_prefix("///").map(|d| d.strip_prefix(' ').unwrap_or(d).to_string())
}

/// Parses the `pub struct` / `pub enum` items of `src` (the simple layout this crate uses:
/// items at column 0, members indented by four spaces).
fn items(src: &str) -> Vec<Item> {
    let lines: Vec<&str> = src.lines().collect();
    let mut out = Vec::new();
    let mut doc = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        if let Some(d) = doc_line(l).filter(|_| !l.starts_with(' ')) {
            doc.push(d);
        } else if l.starts_with("#[") {
        } else if let Some(rest) = l.strip_prefix("pub struct ").or_else(|| l.strip_prefix("pub enum ")) {
            let kind = if l.starts_with("pub struct") { "struct" } else { "enum" };
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let mut item = Item { kind: kind.into(), name, doc: std::mem::take(&mut doc), ..Default::default() };
            if let Some(t) = rest.find("(pub ") {
                item.tuple = Some(rest[t + 5..].trim_end_matches(");").to_string());
            } else if rest.trim_end().ends_with('{') {
                let mut mdoc = Vec::new();
                i += 1;
                while i < lines.len() && !lines[i].starts_with('}') {
                    let ml = lines[i];
                    let t = ml.trim();
                    if let Some(d) = doc_line(ml) {
                        mdoc.push(d);
                    } else if !t.is_empty() && !t.starts_with("//") && !t.starts_with("#[") {
                        let mut decl = t.to_string();
                        while decl.contains('{') && !decl.contains('}') && i + 1 < lines.len() {
                            i += 1;
                            decl.push(' ');
                            decl.push_str(lines[i].trim());
                        }
                        let decl = decl.trim_end_matches(',').to_string();
                        item.members.push(Member { decl, doc: std::mem::take(&mut mdoc) });
                    }
                    i += 1;
                }
            }
            out.push(item);
        } else {
            doc.clear();
        }
        i += 1;
    }
    out
}

fn find<'a>(items: &'a [Item], name: &str) -> &'a Item {
    items.iter().find(|i| i.name == name).unwrap_or_else(|| panic!("no item {name}"))
}

/// Rustdoc links (`[`Op::Raise`]`, `[`super::op::LitIdx`]`) as plain code (`Op::Raise`,
/// `LitIdx`).
fn unlink(l: &str) -> String {
    let mut out = String::new();
    let mut rest = l;
    while let Some(i) = rest.find("[`") {
        let Some(j) = rest[i..].find("`]") else { break };
        let path = &rest[i + 2..i + j];
        let shown = path.strip_prefix("crate::").or_else(|| path.strip_prefix("super::")).unwrap_or(path);
        let shown = shown.trim_start_matches("bytecode::").trim_start_matches("image::").trim_start_matches("op::");
        out.push_str(&rest[..i]);
        out.push('`');
        out.push_str(shown);
        out.push('`');
        rest = &rest[i + j + 2..];
    }
    out.push_str(rest);
    out
}

fn para(out: &mut String, doc: &[String]) {
    for l in doc {
        out.push_str(&unlink(l));
        out.push('\n');
    }
    out.push('\n');
}

/// One-paragraph form of a doc comment (for table cells).
fn inline(doc: &[String]) -> String {
    unlink(&doc.join(" ")).replace('|', "\\|").trim().to_string()
}

/// A table of an item's members: index, declaration, doc.
fn member_table(out: &mut String, item: &Item, index_title: &str) {
    let _ = writeln!(out, "| {index_title} | {} | meaning |\n|---|---|---|", if item.kind == "enum" { "variant" } else { "field" });
    for (n, m) in item.members.iter().enumerate() {
        let _ = writeln!(out, "| {n} | `{}` | {} |", m.decl.trim_start_matches("pub "), inline(&m.doc));
    }
    out.push('\n');
}

/// Generates the whole document.
fn generate() -> String {
    let read = |p: &str| std::fs::read_to_string(format!("{ROOT}/{p}")).unwrap_or_else(|e| panic!("{p}: {e}"));
    let op_src = read("vm/src/bytecode/op.rs");
    let image_src = read("vm/src/bytecode/image.rs");
    let file_src = read("vm/src/bytecode/file.rs");
    let isa_src = read("vm/src/bytecode/isa.rs");
    // The operators of the arithmetic, comparison and type-test instructions are declared in
    // the value layer beside the term functions they name (`op.rs` re-exports them); they are
    // documented first among the operand types, as they were when `op.rs` declared them.
    let operators: Vec<Item> = [("vm/src/value/arith.rs", "ArithOp"), ("vm/src/value/comparison.rs", "CmpOp"), ("vm/src/value/type_test.rs", "TypeTest")]
        .into_iter()
        .flat_map(|(p, name)| items(&read(p)).into_iter().filter(move |i| i.name == name))
        .collect();
    assert_eq!(operators.len(), 3, "the operator enums are not where the document looks for them");
    let mut ops = items(&op_src);
    let first_enum = ops.iter().position(|i| i.tuple.is_none()).unwrap_or(ops.len());
    ops.splice(first_enum..first_enum, operators);
    let image = items(&image_src);
    let mut out = String::new();
    out.push_str("# The retort bytecode\n\n");
    out.push_str(
        "<!-- Generated by vm/tests/bytecode_doc.rs from the doc comments of vm/src/bytecode/{file,image,isa,op}.rs, the operator enums of vm/src/value/{arith,comparison,type_test}.rs and the instruction declarations (Op::INFO).\n     Do not edit: change the comments and run `UPDATE_BYTECODE_DOC=1 cargo test -p retort-vm --test bytecode_doc`. -->\n\n",
    );
    out.push_str("One file per module, `Elixir.Mod.rbc` (`retort compile FILES -o DIR` writes them; `retort disasm FILE` prints one). \
The loader decodes a file, verifies the module image (`vm/src/bytecode/verify.rs`: every index in range, every jump inside its function, call arities, \
register windows inside the frame, balanced `try` blocks, no falling off the end of a function) and only then makes it callable.\n\n");

    out.push_str("## File format\n\n");
    para(&mut out, &module_doc(&file_src));
    out.push_str("### Body layout\n\n");
    out.push_str(
        "The body is the `ModuleImage` below in [postcard](https://postcard.jamesmunns.com/wire-format) encoding: \
struct fields in declaration order with no names or tags; unsigned integers (`u16`, `u32`, `u64`, lengths) as LEB128 varints; signed integers \
(`i32`, `i64`) zigzag-encoded then varint; `u8` and `bool` as one byte; `f64` as 8 bytes little-endian; `String` and `Vec<u8>` as a varint length then \
the bytes; `Vec<T>` as a varint count then the elements; tuples as their elements in order; `Option<T>` as a byte 0 (none) or 1 followed by the value; \
an enum as the varint index of its variant (the numbers in the tables below) followed by the variant's fields. The body must end exactly where the image \
ends; literals may nest at most 200 deep.\n\n",
    );
    for name in ["ModuleImage", "Function", "Export", "Import", "Lambda", "Literal"] {
        let it = find(&image, name);
        let _ = writeln!(out, "#### `{name}`\n");
        para(&mut out, &it.doc);
        member_table(&mut out, it, if it.kind == "enum" { "index" } else { "#" });
    }

    out.push_str("## Machine model\n\n");
    let mut md = module_doc(&op_src);
    // The first line is the file's title.
    if !md.is_empty() {
        md.remove(0);
    }
    para(&mut out, &md);

    out.push_str("## Operands\n\n");
    out.push_str("| operand type | encoding | meaning |\n|---|---|---|\n");
    for it in ops.iter().filter(|i| i.tuple.is_some()) {
        let _ = writeln!(out, "| `{}` | `{}` | {} |", it.name, it.tuple.as_deref().unwrap_or(""), inline(&it.doc));
    }
    out.push_str("| `u8`, `u16`, `u32`, `i32` | integer | an immediate operand (count, arity, index, value) |\n\n");
    for it in ops.iter().filter(|i| i.tuple.is_none()) {
        let _ = writeln!(out, "### `{}`\n", it.name);
        para(&mut out, &it.doc);
        member_table(&mut out, it, if it.kind == "enum" { "index" } else { "#" });
    }

    out.push_str("## Operand kinds\n\n");
    let isa = items(&isa_src);
    para(&mut out, &["Each operand of an instruction is declared with a kind (in `vm/src/bytecode/op.rs`, through the `instructions!` macro of `isa.rs`). The verifier's checks, the register reads and writes the optimiser uses, the successors of an instruction and the disassembler's operand syntax all follow from the kinds.".to_string()]);
    member_table(&mut out, find(&isa, "Kind"), "#");
    out.push_str("Flags of an instruction as a whole:\n\n| flag | meaning |\n|---|---|\n");
    for (name, doc) in flag_docs(&isa_src) {
        let _ = writeln!(out, "| {name} | {} |", inline(&doc));
    }
    out.push('\n');

    let _ = writeln!(out, "## Instructions\n\n{} instructions. The opcode is the variant index in the encoding; the operands are encoded in the order listed.\n", Op::INFO.len());
    para(&mut out, &enum_doc(&op_src));
    let mut group = "";
    for (n, info) in Op::INFO.iter().enumerate() {
        if info.group != group {
            group = info.group;
            let mut c = group.chars();
            let title = c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default();
            let _ = writeln!(out, "### {title}\n");
        }
        let decl = if info.operands.is_empty() {
            info.name.to_string()
        } else {
            format!("{} {{ {} }}", info.name, info.operands.iter().map(|o| format!("{}: {}", o.name, o.ty)).collect::<Vec<_>>().join(", "))
        };
        let _ = writeln!(out, "#### {} (opcode {n})\n\n`{decl}` (mnemonic `{}`)\n", info.name, info.mnemonic());
        let doc: Vec<String> = info.doc.iter().map(|l| l.strip_prefix(' ').unwrap_or(l).to_string()).collect();
        para(&mut out, &doc);
        let kinds: Vec<String> = info
            .operands
            .iter()
            .map(|o| if o.arg.is_empty() { format!("`{}` {:?}", o.name, o.kind) } else { format!("`{}` {:?}({})", o.name, o.kind, o.arg) })
            .collect();
        let flags: Vec<&str> = Flags::NAMES.iter().filter(|(f, _)| info.flags.has(*f)).map(|(_, n)| *n).collect();
        let _ = writeln!(
            out,
            "Operands: {}. Flags: {}.\n",
            if kinds.is_empty() { "none".to_string() } else { kinds.join(", ") },
            if flags.is_empty() { "none".to_string() } else { flags.join(", ") }
        );
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[test]
fn bytecode_doc_is_up_to_date() {
    let doc = generate();
    let path = format!("{ROOT}/docs/bytecode.md");
    if std::env::var_os("UPDATE_BYTECODE_DOC").is_some() {
        std::fs::create_dir_all(format!("{ROOT}/docs")).unwrap();
        std::fs::write(&path, &doc).unwrap();
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == doc,
        "docs/bytecode.md is out of date with vm/src/bytecode/*.rs: run `UPDATE_BYTECODE_DOC=1 cargo test -p retort-vm --test bytecode_doc`"
    );
}

/// The document lists every instruction of the declaration, each under its opcode, and the
/// opcodes are the encoded variant indexes (the first byte of an encoded instruction).
#[test]
fn doc_lists_every_instruction() {
    let doc = std::fs::read_to_string(format!("{ROOT}/docs/bytecode.md")).unwrap_or_default();
    for (n, info) in Op::INFO.iter().enumerate() {
        assert!(doc.contains(&format!("#### {} (opcode {n})", info.name)), "docs/bytecode.md does not document {}", info.name);
    }
    let take = Op::IsConsTakeList { src: Reg(1), head: Reg(2), tail: Reg(3), fail: Label(4) };
    let bytes = postcard::to_allocvec(&take).unwrap();
    assert_eq!(bytes[0] as usize, take.opcode());
    assert_eq!(take.opcode(), 33);
}

/// The `///` lines of the `Op` enum's doc, given as the first attributes of `instructions!`.
fn enum_doc(src: &str) -> Vec<String> {
    let start = src.find("instructions! {").expect("the instruction list");
    src[start..].lines().skip(1).take_while(|l| l.trim_start().starts_with("///")).filter_map(doc_line).collect()
}

/// The documented `pub const NAME: Flags` items of `isa.rs`, with their docs.
fn flag_docs(src: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut doc = Vec::new();
    for l in src.lines() {
        if let Some(d) = doc_line(l) {
            doc.push(d);
        } else if let Some(rest) = l.trim().strip_prefix("pub const ").filter(|r| r.contains(": Flags =")) {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            out.push((name, std::mem::take(&mut doc)));
        } else {
            doc.clear();
        }
    }
    out
}
