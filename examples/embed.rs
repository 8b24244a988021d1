//! Two retort VMs on two threads at once, each with its own host function and its own hot
//! code load (`cargo run --release --example embed`). Each VM loads version 1 of `Calc`,
//! starts a server process in it, asks it to compute, loads version 2 (the server, waiting in
//! the old code, reaches the new `Calc.compute/1` through a remote call), asks again, and
//! reports what it computed and its counters. `tests/embed_example.rs` runs it.

use retort_stdlib::embed::{Engine, FromTerm, IntoTerm};
use retort_vm::value::Term;
use std::sync::{Arc, Barrier};

const SERVER: &str = r#"
  def server(host) do
    receive do
      {:compute, x} -> send(host, {:result, __MODULE__.version(), __MODULE__.compute(x)})
    end
    __MODULE__.server(host)
  end
"#;

/// What one VM does: `setup` registers its host function; `v1`/`v2` are the bodies of
/// `Calc.compute/1` before and after the upgrade; `arg` is what the server is asked.
struct Job {
    name: &'static str,
    setup: fn(&mut Engine),
    v1: &'static str,
    v2: &'static str,
    arg: fn() -> Term,
}

fn calc(version: u32, body: &str) -> String {
    format!("defmodule Calc do\n  def version, do: {version}\n  def compute(x), do: {body}\n{SERVER}end\n")
}

/// Runs one job in a fresh VM; `both` makes the two VMs exist and run at the same time.
fn run_job(job: &Job, both: &Barrier) -> Vec<String> {
    let mut e = Engine::new();
    (job.setup)(&mut e);
    e.load_source(&calc(1, job.v1), "calc_v1.ex").expect("version 1 compiles");
    both.wait();
    let host = e.inbox();
    let server = e.spawn("Calc", "server", vec![Term::Pid(host)]);
    let mut out = Vec::new();
    for round in 1..=2 {
        if round == 2 {
            e.load_source(&calc(2, job.v2), "calc_v2.ex").expect("version 2 compiles");
        }
        e.send(server, Term::tuple(vec![Term::atom("compute"), (job.arg)()]));
        let reply = e.receive(10_000_000).expect("the server replies");
        let (_, version, result) = <(Term, i64, Term)>::from_term(&reply).expect("{:result, version, value}");
        out.push(format!("{}: Calc v{} computed {}", job.name, version, e.vm.code.known.inspect(&result)));
    }
    let direct: Term = e.call("Calc", "compute", vec![(job.arg)()], 10_000_000).expect("Calc.compute/1 runs");
    out.push(format!("{}: Engine::call gives {}", job.name, e.vm.code.known.inspect(&direct)));
    let c = e.counters();
    out.push(format!("{}: {} modules with old code, {} processes alive, reductions > 0: {}", job.name, c.old_modules, c.processes, c.reductions > 0));
    out
}

/// Runs both VMs on their own threads and returns their reports, the first VM's first.
pub fn run() -> Vec<String> {
    let jobs = [
        Job {
            name: "vm-a",
            setup: |e| e.register1("Host", "scale", |x: i64| x * 3).expect("registers"),
            v1: "Host.scale(x) + 1",
            v2: "Host.scale(x) * 100",
            arg: || 7i64.into_term(),
        },
        Job {
            name: "vm-b",
            setup: |e| e.register1("Host", "greet", |name: String| format!("hello, {name}")).expect("registers"),
            v1: "Host.greet(x)",
            v2: "String.upcase(Host.greet(x)) <> \"!\"",
            arg: || "ada".into_term(),
        },
    ];
    let both = Arc::new(Barrier::new(2));
    let handles: Vec<_> = jobs
        .into_iter()
        .map(|job| {
            let both = both.clone();
            std::thread::spawn(move || run_job(&job, &both))
        })
        .collect();
    handles.into_iter().flat_map(|h| h.join().expect("a VM thread")).collect()
}

#[allow(dead_code)]
fn main() {
    for line in run() {
        println!("{line}");
    }
}
