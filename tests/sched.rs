//! Reproducible concurrency: `retort run --sched-seed N` (same seed, same run; other seeds,
//! other interleavings), `--record`/`--replay` (identical; a changed program stops with an
//! error naming the decision), and `retort explore` (finds the lost update of
//! `examples/races/lost_update.exs`, passes `counter_fixed.exs`).

use std::path::PathBuf;
use std::process::{Command, Output};

const LOST_UPDATE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/races/lost_update.exs");
const FIXED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/races/counter_fixed.exs");

/// Four processes that each print three lines, with different amounts of work between: the
/// print order depends on the schedule.
const RACY_PRINTS: &str = r#"
parent = self()
for i <- 1..4 do
  spawn(fn ->
    for j <- 1..3 do
      IO.puts("p#{i} step #{j}")
      Enum.reduce(1..(i * 50), 0, &(&1 + &2))
    end
    send(parent, :done)
  end)
end
for _ <- 1..4, do: receive(do: (:done -> :ok))
IO.puts("sum #{:rand.uniform(1_000_000)}")
"#;

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("retort-sched-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    fn file(&self, name: &str, text: &str) -> String {
        let p = self.0.join(name);
        std::fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    }
    fn path(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn retort(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_retort")).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn same_seed_same_output() {
    let dir = TempDir::new("same");
    let f = dir.file("racy.exs", RACY_PRINTS);
    let runs: Vec<Output> = (0..3).map(|_| retort(&["run", "--virtual-time", "--sched-seed", "7", &f])).collect();
    for r in &runs {
        assert_eq!(r.status.code(), Some(0), "{}", stderr(r));
        assert_eq!(r.stdout, runs[0].stdout, "seed 7 gave two different outputs");
        assert_eq!(r.stderr, runs[0].stderr);
    }
    assert_eq!(stdout(&runs[0]).lines().count(), 13);
    // PCT is seeded too.
    let pct = |s: &str| retort(&["run", "--virtual-time", "--sched-seed", s, "--sched-strategy", "pct", "--pct-horizon", "20", &f]).stdout;
    assert_eq!(pct("3"), pct("3"));
}

#[test]
fn different_seeds_different_interleavings() {
    let dir = TempDir::new("different");
    let f = dir.file("racy.exs", RACY_PRINTS);
    // The print order alone (the last line carries `:rand`, seeded with the seed too).
    let order = |args: &[&str]| {
        let mut a = vec!["run", "--virtual-time"];
        a.extend_from_slice(args);
        a.push(&f);
        let o = retort(&a);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stdout(&o).lines().filter(|l| l.starts_with('p')).collect::<Vec<_>>().join(",")
    };
    let plain = order(&[]);
    let seeded: std::collections::BTreeSet<String> = (1..=8).map(|s| order(&["--sched-seed", &s.to_string()])).collect();
    assert!(seeded.len() >= 4, "8 seeds gave only {} interleavings: {seeded:?}", seeded.len());
    assert!(seeded.iter().any(|o| *o != plain), "every seed gave the plain order");
    // Every process's own lines stay in order (its sends are FIFO, its code sequential).
    for o in &seeded {
        for i in 1..=4 {
            let mine: Vec<&str> = o.split(',').filter(|l| l.starts_with(&format!("p{i} "))).collect();
            assert_eq!(mine, vec![format!("p{i} step 1"), format!("p{i} step 2"), format!("p{i} step 3")], "{o}");
        }
    }
}

#[test]
fn without_the_flag_the_plain_order() {
    let dir = TempDir::new("plain");
    let f = dir.file("racy.exs", RACY_PRINTS);
    let a = retort(&["run", "--virtual-time", &f]);
    // Recording without a seed records the plain scheduler's own choices.
    let rec = dir.path("plain.sched");
    let b = retort(&["run", "--record", &rec, &f]);
    let lines = |o: &Output| stdout(o).lines().filter(|l| l.starts_with('p')).map(String::from).collect::<Vec<_>>();
    assert_eq!(lines(&a), lines(&b));
    let text = std::fs::read_to_string(&rec).unwrap();
    assert!(text.starts_with("retort-schedule 1\nseed 0\n"), "{text}");
    assert!(text.lines().filter(|l| !l.starts_with('#')).skip(2).all(|l| l.split(' ').nth(1) == Some("4000")), "{text}");
}

/// Timers, a GenServer and `:rand`: sleeps and `send_after` wake processes when nothing runs.
const TIMERS: &str = r#"
defmodule T do
  use GenServer
  def init(n), do: {:ok, n}
  def handle_call(:get, _from, n), do: {:reply, n, n}
  def handle_cast({:add, k}, n), do: {:noreply, n + k}
end
{:ok, s} = GenServer.start_link(T, 0)
parent = self()
for i <- 1..5 do
  spawn(fn ->
    Process.sleep(rem(i * 7, 5))
    GenServer.cast(s, {:add, i})
    IO.puts("w#{i} at #{System.monotonic_time(:millisecond)}")
    send(parent, {:done, i})
  end)
end
Process.send_after(self(), :tick, 2)
for _ <- 1..6 do
  receive do
    {:done, i} -> IO.puts("done #{i}")
    :tick -> IO.puts("tick")
  end
end
IO.puts("sum #{GenServer.call(s, :get)}")
"#;

#[test]
fn timers_record_and_replay() {
    let dir = TempDir::new("timers");
    let f = dir.file("timers.exs", TIMERS);
    let plain = retort(&["run", "--virtual-time", &f]);
    assert_eq!(plain.status.code(), Some(0), "{}", stderr(&plain));
    assert!(stdout(&plain).ends_with("sum 15\n"), "{}", stdout(&plain));
    for seed in [None, Some("3"), Some("4")] {
        let rec = dir.path("t.sched");
        let mut args = vec!["run", "--record", &rec];
        if let Some(s) = seed {
            args.extend(["--sched-seed", s]);
        }
        args.push(&f);
        let a = retort(&args);
        let b = retort(&["run", "--replay", &rec, &f]);
        assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
        assert_eq!(stdout(&a), stdout(&b), "seed {seed:?}");
        assert_eq!(b.status.code(), Some(0), "{}", stderr(&b));
        if seed.is_none() {
            // Recording the plain scheduler does not change what it does.
            assert_eq!(stdout(&a), stdout(&plain));
        }
    }
}

#[test]
fn record_then_replay_is_identical() {
    let dir = TempDir::new("replay");
    let rec = dir.path("lost.sched");
    let recorded = retort(&["run", "--sched-seed", "22", "--record", &rec, LOST_UPDATE]);
    let replayed = retort(&["run", "--replay", &rec, LOST_UPDATE]);
    assert_eq!(recorded.stdout, replayed.stdout);
    assert_eq!(recorded.stderr, replayed.stderr);
    assert_eq!(recorded.status.code(), replayed.status.code());
    // The record also matches the seeded run without --record.
    let seeded = retort(&["run", "--virtual-time", "--sched-seed", "22", LOST_UPDATE]);
    assert_eq!(seeded.stdout, recorded.stdout);
    let text = std::fs::read_to_string(&rec).unwrap();
    assert!(text.lines().count() > 10, "{text}");
    // A program that uses `:rand`: the record carries the seed.
    let f = dir.file("racy.exs", RACY_PRINTS);
    let rec2 = dir.path("racy.sched");
    let a = retort(&["run", "--sched-seed", "99", "--record", &rec2, &f]);
    let b = retort(&["run", "--replay", &rec2, &f]);
    assert_eq!(stdout(&a), stdout(&b));
    assert_eq!(b.status.code(), Some(0), "{}", stderr(&b));
}

#[test]
fn replay_divergence_is_a_clear_error() {
    let dir = TempDir::new("diverge");
    let rec = dir.path("lost.sched");
    retort(&["run", "--sched-seed", "22", "--record", &rec, LOST_UPDATE]);
    // One more reduction of work in one worker: the record no longer applies.
    let changed = std::fs::read_to_string(LOST_UPDATE).unwrap().replace("works = [100, 10_000, 20_000]", "works = [100, 10_000, 20_001]");
    assert!(changed.contains("20_001"));
    let f = dir.file("changed.exs", &changed);
    let o = retort(&["run", "--replay", &rec, &f]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("** (replay) diverged at decision "), "{err}");
    assert!(err.contains("reductions"), "{err}");
    // A record cut short: the run goes on past its end.
    let text = std::fs::read_to_string(&rec).unwrap();
    let short = dir.file("short.sched", &text.lines().take(12).collect::<Vec<_>>().join("\n"));
    let o = retort(&["run", "--replay", &short, LOST_UPDATE]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("the record has ended, but processes can still run"), "{}", stderr(&o));
    // Not a schedule file.
    let o = retort(&["run", "--replay", LOST_UPDATE, LOST_UPDATE]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a schedule file"), "{}", stderr(&o));
}

#[test]
fn explore_finds_the_lost_update() {
    let o = retort(&["explore", "--runs", "300", LOST_UPDATE]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("distinct outcomes"), "{out}");
    assert!(out.contains("counter = 3") && out.contains("counter = 2"), "{out}");
    let seed = out.lines().find_map(|l| l.strip_prefix("failing seed: ")).expect("a failing seed").to_string();
    let cmd = out.lines().find_map(|l| l.strip_prefix("replay: retort ")).expect("a replay command");
    assert!(cmd.contains(&format!("--sched-seed {seed} ")), "{cmd}");
    // The printed command replays the failure.
    let args: Vec<&str> = cmd.split(' ').collect();
    let r = retort(&args);
    assert_eq!(r.status.code(), Some(1));
    assert!(stderr(&r).contains("lost update"), "{}", stderr(&r));
    // PCT finds it too, and its command carries its parameters.
    let o = retort(&["explore", "--runs", "100", "--strategy", "pct", LOST_UPDATE]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    let cmd = out.lines().find_map(|l| l.strip_prefix("replay: retort ")).expect("a replay command");
    assert!(cmd.contains("--sched-strategy pct --pct-depth 3 --pct-horizon "), "{cmd}");
    assert_eq!(retort(&cmd.split(' ').collect::<Vec<_>>()).status.code(), Some(1));
}

#[test]
fn explore_passes_the_fixed_counter() {
    for strategy in ["random", "pct"] {
        let o = retort(&["explore", "--runs", "300", "--strategy", strategy, FIXED]);
        let out = stdout(&o);
        assert_eq!(o.status.code(), Some(0), "{out}");
        assert!(out.contains("1 distinct outcome\n"), "{out}");
        assert!(out.contains("300 runs  exit 0"), "{out}");
        assert!(!out.contains("failing seed"), "{out}");
    }
}

#[test]
fn explore_groups_outcomes_and_runs_tests() {
    let dir = TempDir::new("explore");
    let f = dir.file("racy.exs", RACY_PRINTS);
    let o = retort(&["explore", "--runs", "20", &f]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    let k: usize = out.lines().find_map(|l| l.strip_suffix(" distinct outcomes")).expect("a count").parse().unwrap();
    assert!(k > 1, "{out}");
    // A script that starts ExUnit: a failing test fails the run.
    let t = dir.file(
        "t.exs",
        r#"
ExUnit.start()
defmodule RaceTest do
  use ExUnit.Case
  test "the last writer wins" do
    parent = self()
    for i <- 1..2, do: spawn(fn -> Enum.sum(1..(i * 300)); send(parent, i) end)
    first = receive(do: (i -> i))
    _ = receive(do: (i -> i))
    assert first == 1
  end
end
"#,
    );
    let o = retort(&["explore", "--runs", "60", &t]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("last line: 1 test, 1 failure") && out.contains("last line: 1 test, 0 failures"), "{out}");
    assert!(out.contains("failing seed: "), "{out}");
}

#[test]
fn explore_reports_compile_errors() {
    let dir = TempDir::new("bad");
    let f = dir.file("bad.exs", "defmodule M do\n  def f, do: x + 1\nend\n");
    let o = retort(&["explore", "--runs", "5", &f]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("undefined variable"), "{}", stderr(&o));
}
