//! Criterion benches of the whole pipeline on call-heavy programs: naive `fib(25)` and a
//! tail-recursive sum to 10 000 000 (compile once, then run in a fresh VM per iteration).
//! Run with `cargo bench`.
use criterion::{criterion_group, criterion_main, Criterion};
use retort_vm::{Vm, VmOptions};

const FIB: &str = r#"
defmodule Fib do
  def fib(n) when n < 2, do: n
  def fib(n), do: fib(n - 1) + fib(n - 2)
end
Fib.fib(25)
"#;

const LOOP: &str = r#"
defmodule Loop do
  def sum(i, n, acc) when i > n, do: acc
  def sum(i, n, acc), do: sum(i + 1, n, acc + i)
end
Loop.sum(1, 10_000_000, 0)
"#;

fn run(src: &str) {
    let mut vm = Vm::new(VmOptions::default());
    retort_stdlib::install(&mut vm);
    let code = retort_stdlib::run_source(&mut vm, src, "bench.exs").expect("compiles");
    assert_eq!(code, 0);
}

fn benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("vm");
    g.sample_size(10);
    g.bench_function("fib(25)", |b| b.iter(|| run(FIB)));
    g.bench_function("tail sum to 10M", |b| b.iter(|| run(LOOP)));
    g.finish();
}

criterion_group!(group, benches);
criterion_main!(group);
