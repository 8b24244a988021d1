//! The embedding API (`retort_stdlib::embed`): errors, bounded runs, `.rbc` loading, and two
//! VMs on one thread keeping their own state.

use retort_stdlib::embed::{EmbedError, Engine, FromTerm, IntoTerm, RunOutcome};
use retort_vm::value::Term;

#[test]
fn host_function_errors_raise_in_the_caller() {
    let mut e = Engine::new();
    e.register_fn("Host", "fail", 1, |a| Err(format!("no good: {}", i64::from_term(&a[0]).unwrap_or(-1)))).unwrap();
    e.register1("Host", "twice", |x: i64| x * 2).unwrap();
    let r = e.call::<i64>("Host", "fail", vec![5i64.into_term()], 1_000_000);
    assert!(matches!(&r, Err(EmbedError::Crashed(m)) if m.contains("no good: 5")), "{r:?}");
    // a wrong argument type is a RuntimeError naming what was expected
    let r = e.call::<i64>("Host", "twice", vec!["x".into_term()], 1_000_000);
    assert!(matches!(&r, Err(EmbedError::Crashed(m)) if m.contains("expected an integer")), "{r:?}");
    // adding a function to a module keeps the earlier ones
    assert_eq!(e.call::<i64>("Host", "twice", vec![21i64.into_term()], 1_000_000).unwrap(), 42);
    assert!(matches!(e.register1("host", "x", |x: i64| x), Err(EmbedError::BadName(_))));
}

#[test]
fn bounded_runs_stop_at_the_budget_and_report_idle() {
    let mut e = Engine::new();
    e.load_source("defmodule Spin do\n  def loop(n), do: loop(n + 1)\nend\n", "spin.ex").unwrap();
    assert_eq!(e.run_for(1_000_000), RunOutcome::Idle { timers: false });
    e.spawn("Spin", "loop", vec![0i64.into_term()]);
    let before = e.counters().reductions;
    assert_eq!(e.run_for(50_000), RunOutcome::Budget);
    let used = e.counters().reductions - before;
    assert!((50_000..60_000).contains(&used), "{used}");
    // nothing ever answers: receive gives up at its budget
    assert_eq!(e.receive(20_000), Err(EmbedError::NoReply(RunOutcome::Budget)));
}

#[test]
fn receive_waits_for_timers_and_compile_errors_are_reported() {
    let mut e = Engine::new();
    e.load_source("defmodule Later do\n  def go(to), do: Process.send_after(to, :tick, 20)\nend\n", "later.ex").unwrap();
    let host = e.inbox();
    e.spawn("Later", "go", vec![Term::Pid(host)]);
    assert_eq!(e.receive(1_000_000).unwrap(), Term::atom("tick"));
    assert_eq!(e.receive(1_000_000), Err(EmbedError::NoReply(RunOutcome::Idle { timers: false })));
    assert!(matches!(e.load_source("defmodule Broken do\n  def f(, do: 1\nend\n", "broken.ex"), Err(EmbedError::Compile(_))));
}

#[test]
fn rbc_files_load_and_two_vms_on_one_thread_stay_apart() {
    // compile in one VM, load the bytes in another
    let compiler = retort_stdlib::Compiler::default();
    let (images, _) = retort_vm::code::table::CompilerHook::compile(&compiler, "defmodule Tag do\n  def name, do: :first\nend\n", "tag.ex").unwrap();
    let bytes = retort_vm::bytecode::file::encode(&images[0]);
    let mut a = Engine::new();
    let mut b = Engine::new();
    assert_eq!(a.load_rbc(&bytes).unwrap().name(), "Elixir.Tag");
    b.load_source("defmodule Tag do\n  def name, do: :second\nend\n", "tag2.ex").unwrap();
    assert_eq!(a.call::<Term>("Tag", "name", vec![], 100_000).unwrap(), Term::atom("first"));
    assert_eq!(b.call::<Term>("Tag", "name", vec![], 100_000).unwrap(), Term::atom("second"));
    // per-VM native state: unique integers count from the start in each VM
    let ua: i64 = a.call("erlang", "unique_integer", vec![Term::list(vec![Term::atom("positive")])], 100_000).unwrap();
    let ub: i64 = b.call("erlang", "unique_integer", vec![Term::list(vec![Term::atom("positive")])], 100_000).unwrap();
    assert_eq!((ua, ub), (1, 1));
    assert!(a.load_rbc(b"not a module").is_err());
}
