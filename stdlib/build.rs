//! Compiles the standard library (`lib/*.ex`) to bytecode at build time, so a program that
//! uses `Enum` or `String` starts without compiling them: each module becomes one encoded
//! image (the `.rbc` format of `retort compile`) in `OUT_DIR`, and `precompiled.rs` lists
//! them for `include_bytes!`. A library file that does not compile fails the build with the
//! compiler's diagnostics.
//!
//! The `@moduledoc` and `@doc` texts are taken out of the images into `docs.rs`
//! (`LIBRARY_DOCS`, plain `&str` data read only when `h`, `Code` or a doctest asks), so loading
//! a library module decodes no documentation.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=lib");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut files: Vec<_> = std::fs::read_dir("lib")
        .expect("stdlib/lib")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ex"))
        .collect();
    files.sort();
    let mut docs = String::from("/// `(module, moduledoc, [(function, arity, doc)])` of the library's modules, taken out of their images by `build.rs`.\npub const LIBRARY_DOCS: &[(&str, Option<&str>, &[(&str, u32, &str)])] = &[\n");
    let mut table = String::from("/// `(module, encoded image)` for every module of `lib/*.ex`, compiled by `build.rs`.\npub const PRECOMPILED: &[(&str, &[u8])] = &[\n");
    for path in &files {
        let source = std::fs::read_to_string(path).expect("a readable library file");
        let name = format!("lib/{}", path.file_name().and_then(|n| n.to_str()).expect("a UTF-8 file name"));
        let unit = match retort_compiler::codegen::compile(&source, &name, "elixir_compiler_build") {
            Ok(u) => u,
            Err(diags) => panic!("{name} does not compile:\n{}", retort_compiler::render::render(&diags, &name, &source, false)),
        };
        for image in &unit.modules {
            let mut image = image.clone();
            let moduledoc = image.moduledoc.take();
            let fun_docs = std::mem::take(&mut image.docs);
            if moduledoc.is_some() || !fun_docs.is_empty() {
                let _ = write!(docs, "    ({:?}, {:?}, &[", image.name, moduledoc);
                for (f, a, d) in &fun_docs {
                    let _ = write!(docs, "({f:?}, {a}, {d:?}), ");
                }
                docs.push_str("]),\n");
            }
            let image = &image;
            let file = Path::new(&out).join(format!("{}{}", image.name, retort_vm::bytecode::file::EXTENSION));
            std::fs::write(&file, retort_vm::bytecode::file::encode(image)).expect("OUT_DIR is writable");
            let _ = writeln!(table, "    ({:?}, include_bytes!({:?})),", image.name, file.display().to_string());
        }
    }
    table.push_str("];\n");
    std::fs::write(Path::new(&out).join("precompiled.rs"), table).expect("OUT_DIR is writable");
    docs.push_str("];\n");
    std::fs::write(Path::new(&out).join("docs.rs"), docs).expect("OUT_DIR is writable");
}
