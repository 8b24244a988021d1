//! A corpus of corrupted bytecode files is rejected with an error, never a panic.
//!
//! Real modules (the standard library's and the golden test programs') are compiled and
//! encoded, then damaged: truncated at many offsets, with single bits and bytes flipped across
//! the file — once leaving the header's checksum as it is (the checksum catches it) and once
//! recomputing it, so the damage reaches the decoder and the verifier. Hand-built images with
//! out-of-range registers, literals, atoms, labels, functions, imports and lambdas, bad jump
//! targets, wrong call arities and unbalanced `try` blocks must be rejected with an error that
//! names the module, the function and the offset. Every case runs under `catch_unwind`: a panic
//! fails the test.

use md5::{Digest, Md5};
use retort_vm::bytecode::{file, verify, Export, Function, Import, Label, Lambda, LitIdx, Literal, LocalFn, ImportIdx, LambdaIdx, ModuleImage, Op, Reg};
use retort_vm::code::loader;
use retort_vm::{Vm, VmOptions};
use std::panic::{catch_unwind, AssertUnwindSafe};

const HEADER: usize = 38;

/// The images of real modules: every standard library module and the modules of a set of
/// golden test programs.
fn corpus() -> Vec<ModuleImage> {
    let mut out = Vec::new();
    for (path, _, source) in retort_stdlib::SOURCES {
        let unit = retort_compiler::codegen::compile(source, path, "corpus_script").unwrap_or_else(|_| panic!("{path} compiles"));
        out.extend(unit.modules);
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/programs");
    let mut names: Vec<_> = std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "exs")).collect();
    names.sort();
    for p in names {
        let src = std::fs::read_to_string(&p).unwrap();
        if let Ok(unit) = retort_compiler::codegen::compile(&src, &p.to_string_lossy(), "corpus_script") {
            out.extend(unit.modules);
            out.extend(unit.script);
        }
    }
    assert!(out.len() > 50, "corpus too small: {}", out.len());
    out
}

/// Decodes and verifies `bytes` and, when both pass, prepares and commits it in a fresh VM
/// (building the instance: atoms, literal terms, import slots). Panics are caught and
/// reported as `Err("PANIC ...")`.
fn load(bytes: &[u8]) -> Result<Result<(), String>, String> {
    catch_unwind(AssertUnwindSafe(|| {
        let image = file::decode(bytes)?;
        verify::verify(&image)?;
        let mut vm = Vm::new(VmOptions::default());
        loader::load_module(&mut vm, image).map(|_| ()).map_err(|e| format!("{e:?}"))
    }))
    .map_err(|p| format!("PANIC: {}", p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default()))
}

/// Recomputes the header's checksum after the body was changed.
fn fix_checksum(bytes: &mut [u8]) {
    if bytes.len() >= HEADER {
        let d = Md5::new().chain_update(&bytes[6..22]).chain_update(&bytes[HEADER..]).finalize();
        bytes[22..HEADER].copy_from_slice(&d);
    }
}

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

#[test]
fn real_modules_pass_the_verifier() {
    for image in corpus() {
        let bytes = file::encode(&image);
        assert_eq!(load(&bytes), Ok(Ok(())), "{} does not load", image.name);
    }
}

#[test]
fn truncated_files_are_rejected() {
    let corpus = corpus();
    let mut cases = 0;
    for image in corpus.iter().step_by(3) {
        let bytes = file::encode(image);
        let n = bytes.len();
        let mut offsets: Vec<usize> = (0..n.min(64)).collect();
        offsets.extend((0..40).map(|k| k * n / 40));
        offsets.extend(n.saturating_sub(32)..n);
        for cut in offsets.into_iter().filter(|c| *c < n) {
            for fix in [false, true] {
                let mut t = bytes[..cut].to_vec();
                if fix {
                    fix_checksum(&mut t);
                }
                match load(&t) {
                    Ok(Err(_)) => {}
                    other => panic!("{} truncated to {cut} bytes (checksum fixed: {fix}): {other:?}", image.name),
                }
                cases += 1;
            }
        }
    }
    assert!(cases > 1000, "{cases} cases");
}

#[test]
fn flipped_bits_without_checksum_fix_are_rejected() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut cases = 0;
    for image in corpus().iter().step_by(2) {
        let bytes = file::encode(image);
        for _ in 0..60 {
            let mut b = bytes.clone();
            let at = rng.below(b.len());
            b[at] ^= 1 << rng.below(8);
            match load(&b) {
                Ok(Err(_)) => {}
                other => panic!("{}: bit flipped at {at}: {other:?}", image.name),
            }
            cases += 1;
        }
    }
    assert!(cases > 1000, "{cases} cases");
}

/// With the checksum recomputed, the damage reaches the decoder and the verifier. Some
/// flips leave a valid image (a changed integer literal, line number or register that is still
/// in range): those must load; every other one must be an error; none may panic.
#[test]
fn flipped_bits_and_bytes_with_checksum_fix_never_panic() {
    // `RETORT_FUZZ_SEED` and `RETORT_FUZZ_CASES` (mutations per module, 80 by default) widen
    // the search for a longer local run.
    let seed: u64 = std::env::var("RETORT_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0xD1B5_4A32_D192_ED03);
    let per_image: usize = std::env::var("RETORT_FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(80);
    let mut rng = Rng(seed | 1);
    let (mut rejected, mut accepted) = (0, 0);
    let corpus = corpus();
    let mut record = |r: Result<Result<(), String>, String>, what: &str| match r {
        Ok(Ok(())) => accepted += 1,
        Ok(Err(_)) => rejected += 1,
        Err(p) => panic!("{what}: {p}"),
    };
    for image in &corpus {
        let bytes = file::encode(image);
        for k in 0..per_image {
            let mut b = bytes.clone();
            let at = HEADER + rng.below(b.len() - HEADER);
            if k % 2 == 0 {
                b[at] ^= 1 << rng.below(8);
            } else {
                b[at] = rng.next() as u8;
            }
            fix_checksum(&mut b);
            record(load(&b), &format!("{}: byte {at} changed", image.name));
        }
    }
    // Every body byte of the smallest module, each bit flipped.
    let small = corpus.iter().min_by_key(|i| file::encode(i).len()).unwrap();
    let bytes = file::encode(small);
    for at in HEADER..bytes.len() {
        for bit in 0..8 {
            let mut b = bytes.clone();
            b[at] ^= 1 << bit;
            fix_checksum(&mut b);
            record(load(&b), &format!("{}: bit {bit} of byte {at} flipped", small.name));
        }
    }
    eprintln!("checksum-fixed mutations: {rejected} rejected, {accepted} still valid");
    assert!(rejected > 1000 && rejected > accepted, "{rejected} rejected, {accepted} accepted");
}

#[test]
fn header_damage_is_rejected() {
    let image = &corpus()[0];
    let bytes = file::encode(image);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", vec![]),
        ("junk", b"junk".to_vec()),
        ("magic", [b"RBC0".as_slice(), &bytes[4..]].concat()),
        ("version", [&bytes[..4], (file::VERSION + 1).to_le_bytes().as_slice(), &bytes[6..]].concat()),
        ("header only", bytes[..HEADER].to_vec()),
        ("trailing byte", {
            let mut b = bytes.clone();
            b.push(0);
            fix_checksum(&mut b);
            b
        }),
    ];
    for (what, b) in cases {
        assert!(matches!(load(&b), Ok(Err(_))), "{what}: {:?}", load(&b));
    }
}

/// A file whose one literal is a tuple nested a million deep: decoding refuses it instead of
/// overflowing the stack.
#[test]
fn deeply_nested_literal_is_rejected() {
    // The encoding of a module whose one literal is `[]`: name, file, no functions, no
    // exports, one literal (`Literal::Nil` is variant 6), then the rest of the image.
    let template = ModuleImage { name: "Elixir.Deep".into(), file: "deep.ex".into(), literals: vec![Literal::Nil], ..Default::default() };
    let encoded = file::encode(&template);
    let at = HEADER + 1 + 11 + 1 + 7 + 3;
    assert_eq!(encoded[at], 6, "the literal's position in the template");
    let mut body = encoded[HEADER..at].to_vec();
    for _ in 0..1_000_000 {
        body.extend([7, 1]); // Literal::Tuple with one element
    }
    body.extend_from_slice(&encoded[at..]);
    let mut b = [file::MAGIC.as_slice(), &file::VERSION.to_le_bytes(), &[0u8; 16]].concat();
    b.extend(body);
    fix_checksum(&mut b);
    let r = std::thread::Builder::new().stack_size(1 << 20).spawn(move || load(&b)).unwrap().join().unwrap();
    match r {
        Ok(Err(e)) => assert!(e.starts_with("malformed module image"), "{e}"),
        other => panic!("{other:?}"),
    }
}

// ---- hand-built images ------------------------------------------------------------------

/// A valid module `Elixir.Hand` with `f/1` (function 0), a lambda body (function 1) and
/// `g/0` (function 2) using every table.
fn hand() -> ModuleImage {
    let f = Function {
        name: "f".into(),
        arity: 1,
        nregs: 4,
        code: vec![
            Op::Lit { dst: Reg(1), lit: LitIdx(0) },                                    // 0
            Op::IsEqLit { reg: Reg(0), lit: LitIdx(0), fail: Label(4) },                 // 1
            Op::Move { dst: Reg(1), src: Reg(0) },                                       // 2
            Op::Call { func: LocalFn(2), base: Reg(2), argc: 0, dst: Reg(1) },           // 3
            Op::Closure { dst: Reg(2), lambda: LambdaIdx(0), start: Reg(1), n: 1 },     // 4
            Op::CallRemote { import: ImportIdx(0), base: Reg(1), argc: 1, dst: Reg(3) }, // 5
            Op::TryBegin { handler: Label(9), dst: Reg(1) },                             // 6
            Op::CallFun { fun: Reg(2), base: Reg(0), argc: 1, dst: Reg(0) },             // 7
            Op::TryEnd,                                                                  // 8
            Op::Return { src: Reg(0) },                                                  // 9
        ],
        lines: vec![(0, 1)],
    };
    let lambda = Function {
        name: "-f/1-fun-0-".into(),
        arity: 2,
        nregs: 2,
        code: vec![Op::Return { src: Reg(1) }],
        lines: vec![],
    };
    let g = Function { name: "g".into(), arity: 0, nregs: 1, code: vec![Op::Int { dst: Reg(0), val: 1 }, Op::Return { src: Reg(0) }], lines: vec![] };
    ModuleImage {
        name: "Elixir.Hand".into(),
        file: "hand.ex".into(),
        functions: vec![f, lambda, g],
        exports: vec![Export { name: "f".into(), arity: 1, function: 0 }, Export { name: "g".into(), arity: 0, function: 2 }],
        literals: vec![Literal::Atom("ok".into())],
        imports: vec![Import { module: "Elixir.IO".into(), function: "inspect".into(), arity: 1 }],
        lambdas: vec![Lambda { function: 1, arity: 1, nfree: 1 }],
        ..Default::default()
    }
}

/// `f/1`'s instruction at `pc` replaced by `op`.
fn with_op(pc: usize, op: Op) -> ModuleImage {
    let mut m = hand();
    m.functions[0].code[pc] = op;
    m
}

/// The image is rejected, through the file format too, with an error naming the module, the
/// function and the offset, and containing `words`.
fn rejected(m: ModuleImage, pc: usize, words: &str) {
    let bytes = file::encode(&m);
    let err = match load(&bytes) {
        Ok(Err(e)) => e,
        other => panic!("expected a verifier error containing {words:?}, got {other:?}"),
    };
    assert!(err.contains("module Hand, function f/1, offset ") && err.contains(&format!("offset {pc}:")), "{err}");
    assert!(err.contains(words), "expected {words:?} in: {err}");
}

#[test]
fn hand_built_valid_image_loads() {
    assert_eq!(load(&file::encode(&hand())), Ok(Ok(())));
}

#[test]
fn hand_built_out_of_range_indexes_are_rejected_with_module_function_offset() {
    rejected(with_op(2, Op::Move { dst: Reg(4), src: Reg(0) }), 2, "register r4 out of range");
    rejected(with_op(2, Op::Move { dst: Reg(1), src: Reg(u16::MAX) }), 2, "register r65535 out of range");
    rejected(with_op(0, Op::Lit { dst: Reg(1), lit: LitIdx(1) }), 0, "literal #1 out of range");
    rejected(with_op(1, Op::IsEqLit { reg: Reg(0), lit: LitIdx(7), fail: Label(4) }), 1, "literal #7 out of range");
    rejected(with_op(2, Op::CallMod { module: Reg(0), name: LitIdx(3), base: Reg(1), argc: 0, dst: Reg(1) }), 2, "literal #3 out of range");
    rejected(with_op(3, Op::Call { func: LocalFn(3), base: Reg(2), argc: 0, dst: Reg(1) }), 3, "function #3 out of range");
    rejected(with_op(5, Op::CallRemote { import: ImportIdx(1), base: Reg(1), argc: 1, dst: Reg(3) }), 5, "import #1 out of range");
    rejected(with_op(2, Op::ExtFun { dst: Reg(1), import: ImportIdx(9) }), 2, "import #9 out of range");
    rejected(with_op(4, Op::Closure { dst: Reg(2), lambda: LambdaIdx(1), start: Reg(1), n: 1 }), 4, "lambda #1 out of range");
    rejected(with_op(1, Op::IsEqLit { reg: Reg(0), lit: LitIdx(0), fail: Label(10) }), 1, "jump target 10 outside the function");
    rejected(with_op(2, Op::Jump { target: Label(u32::MAX - 1) }), 2, "outside the function");
    rejected(with_op(2, Op::Jump { target: Label::NONE }), 2, "missing jump target");
    rejected(with_op(6, Op::TryBegin { handler: Label(99), dst: Reg(1) }), 6, "jump target 99 outside");
}

#[test]
fn hand_built_bad_windows_arities_and_flow_are_rejected() {
    // Register windows reaching past the frame.
    rejected(with_op(2, Op::Tuple { dst: Reg(1), start: Reg(2), n: 3 }), 2, "register window r2..r5 out of range");
    rejected(with_op(6, Op::TryBegin { handler: Label(9), dst: Reg(2) }), 6, "register window r2..r5");
    rejected(with_op(7, Op::CallFun { fun: Reg(2), base: Reg(3), argc: 2, dst: Reg(0) }), 7, "register window r3..r5");
    // Arities: local call, import, closure captures.
    rejected(with_op(3, Op::Call { func: LocalFn(2), base: Reg(2), argc: 1, dst: Reg(1) }), 3, "call passes 1 arguments to function #2 (g/0)");
    rejected(with_op(5, Op::CallRemote { import: ImportIdx(0), base: Reg(1), argc: 2, dst: Reg(3) }), 5, "call passes 2 arguments to import #0 (IO.inspect/1)");
    rejected(with_op(5, Op::GuardBif { import: ImportIdx(0), base: Reg(1), argc: 0, dst: Reg(3), fail: Label::NONE }), 5, "call passes 0 arguments");
    rejected(with_op(4, Op::Closure { dst: Reg(2), lambda: LambdaIdx(0), start: Reg(1), n: 2 }), 4, "closure captures 2 variables");
    // Atoms where atoms are required.
    let mut m = with_op(2, Op::CallMod { module: Reg(0), name: LitIdx(1), base: Reg(1), argc: 0, dst: Reg(1) });
    m.literals.push(Literal::Int(3));
    rejected(m, 2, "literal #1 is not an atom");
    // Falling off the end, unbalanced try blocks.
    rejected(with_op(9, Op::Move { dst: Reg(0), src: Reg(0) }), 9, "fall off the end");
    rejected(with_op(8, Op::Return { src: Reg(0) }), 8, "return with 1 try block(s) still open");
    rejected(with_op(8, Op::TailCall { func: LocalFn(2), base: Reg(0), argc: 0 }), 8, "tail call with 1 try block(s) still open");
    rejected(with_op(2, Op::TryEnd), 2, "TryEnd without an open try");
    rejected(with_op(7, Op::Jump { target: Label(2) }), 2, "reached with 0 and with 1 open try blocks (unbalanced catch stack)");
}

#[test]
fn hand_built_bad_tables_are_rejected() {
    let err = |m: ModuleImage| match load(&file::encode(&m)) {
        Ok(Err(e)) => e,
        other => panic!("{other:?}"),
    };
    let mut m = hand();
    m.exports[0].arity = 2;
    assert!(err(m).contains("module Hand, export f/2: function #0 (f/1) has another arity"));
    let mut m = hand();
    m.exports[1].function = 9;
    assert!(err(m).contains("module Hand, export g/0: points at function #9"));
    let mut m = hand();
    m.exports.push(Export { name: "g".into(), arity: 0, function: 2 });
    assert!(err(m).contains("exported twice"));
    let mut m = hand();
    m.lambdas[0].nfree = u32::MAX;
    assert!(err(m).contains("module Hand, lambda #0: arity 1 plus 4294967295 free variables"));
    let mut m = hand();
    m.functions[2].nregs = 0;
    assert!(err(m).contains("module Hand, function g/0, offset 0: bad register count 0"));
    let mut m = hand();
    m.functions[0].nregs = 70_000;
    assert!(err(m).contains("function f/1, offset 0: bad register count 70000"));
    let mut m = hand();
    m.functions[1].code.clear();
    assert!(err(m).contains("function -f/1-fun-0-/2, offset 0: empty function body"));
    let mut m = hand();
    m.functions[0].lines = vec![(5, 1), (2, 2)];
    assert!(err(m).contains("function f/1, offset 2: line table out of order"));
    let mut m = hand();
    let mut lit = Literal::Nil;
    for _ in 0..500 {
        lit = Literal::Tuple(vec![lit]);
    }
    m.literals.push(lit);
    // The verifier rejects it (images built in memory never pass through the decoder) ...
    let e = verify::verify(&m).unwrap_err();
    assert!(e.contains("module Hand, literal #1: nested more than 200 deep"), "{e}");
    // ... and so does the decoder.
    assert!(err(m).starts_with("malformed module image"));
}
