//! Hot loading under load: a module's new version is loaded while 100 000 processes run its
//! old code (each blocked in a `receive` inside `HotMod.loop/1`), then the old code is purged,
//! which kills all 100 000. Each iteration builds that system afresh (not timed), then times:
//!
//! - `load v2 (100k procs in v1)`: preparing (verifying) and committing the precompiled
//!   version 2 image, what `:code.load_binary/3` and `:code.load_file/1` do after reading the
//!   file (version 1 becomes old code);
//! - `compile+load v2 (100k procs in v1)`: `Code.compile_string/1`'s path (compile, then
//!   load), what `benches/harness/ex/hotload.exs` times as `reload_us`;
//! - `purge v1 (kills 100k procs)`: `:code.purge/1`, which finds the processes running the old
//!   code by scanning every process's frames and kills them.
//!
//! Run with `cargo bench --bench hotload`. The same operation on the BEAM:
//! `benches/harness/ex/hotload.exs` with `n = 100_000`.
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use retort_vm::bytecode::ModuleImage;
use retort_vm::code::{loader, purge};
use retort_vm::value::{Atom, Term};
use retort_vm::{Vm, VmOptions};
use std::time::{Duration, Instant};

const PROCS: usize = 100_000;

fn source(version: u32) -> String {
    format!(
        "defmodule HotMod do\n  def version, do: {version}\n  def loop(n) do\n    receive do\n      {{:ping, from}} ->\n        send(from, {{:pong, version()}})\n        loop(n + 1)\n    end\n  end\nend\n"
    )
}

fn compile(src: &str) -> ModuleImage {
    let unit = retort_compiler::codegen::compile(src, "hotmod.ex", "hotload_bench").expect("HotMod compiles");
    unit.modules.into_iter().next().expect("one module")
}

/// A VM with HotMod v1 loaded and `PROCS` processes waiting in `HotMod.loop/1`.
fn system(v1: &ModuleImage) -> Vm {
    let mut vm = Vm::new(VmOptions::default());
    retort_stdlib::install(&mut vm);
    loader::load_module(&mut vm, v1.clone()).expect("v1 loads");
    let (m, f) = (Atom::intern("Elixir.HotMod"), Atom::intern("loop"));
    for _ in 0..PROCS {
        vm.spawn(m, f, vec![Term::Int(0)]);
    }
    // Runs every process until it blocks in its receive (no main process: returns when idle).
    vm.run();
    assert_eq!(vm.procs.len(), PROCS);
    // The first sizeable allocation after building this heap makes glibc consolidate its
    // free lists (milliseconds); do it here, untimed, so that it is not charged to the load.
    drop(std::hint::black_box(Vec::<u8>::with_capacity(4096)));
    vm
}

fn benches(c: &mut Criterion) {
    let v1 = compile(&source(1));
    let v2 = compile(&source(2));
    let v2_src = source(2);
    let hotmod = Atom::intern("Elixir.HotMod");
    let mut g = c.benchmark_group("hotload");
    g.sample_size(10).sampling_mode(SamplingMode::Flat).measurement_time(Duration::from_secs(1)).warm_up_time(Duration::from_millis(1));
    g.bench_function("load v2 (100k procs in v1)", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let mut vm = system(&v1);
                let t = Instant::now();
                let inst = loader::prepare(&mut vm, v2.clone()).expect("v2 verifies");
                loader::commit(&mut vm, inst).expect("v2 loads");
                total += t.elapsed();
                assert!(vm.code.old(hotmod).is_some());
            }
            total
        })
    });
    g.bench_function("compile+load v2 (100k procs in v1)", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let mut vm = system(&v1);
                vm.code.ignore_module_conflict = true;
                let t = Instant::now();
                loader::compile_and_load(&mut vm, None, &v2_src, "nofile").expect("v2 compiles and loads");
                total += t.elapsed();
            }
            total
        })
    });
    g.bench_function("purge v1 (kills 100k procs)", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let mut vm = system(&v1);
                let inst = loader::prepare(&mut vm, v2.clone()).expect("v2 verifies");
                loader::commit(&mut vm, inst).expect("v2 loads");
                let t = Instant::now();
                let r = purge::purge(&mut vm, None, hotmod);
                total += t.elapsed();
                assert!(r.removed && r.killed_any);
                assert_eq!(vm.procs.len(), 0, "every process ran the old code");
            }
            total
        })
    });
    g.finish();
}

criterion_group!(group, benches);
criterion_main!(group);
