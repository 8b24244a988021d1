//! The shell's input through a pseudo-terminal, with background output flowing: several lines
//! written at once (as a paste or `tmux send-keys` does), type-ahead during an evaluation, a
//! bracketed paste, Ctrl+C during an evaluation (bindings and modules kept), and two Ctrl+C at an
//! empty prompt ending the shell.

#![cfg(unix)]

use expectrl::session::OsSession as Session;
use expectrl::Expect;
use std::time::Duration;

fn start(name: &str, term: &str) -> (Session, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("retort_iex_input_{name}_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_retort"));
    cmd.arg("iex").current_dir(&dir).env("HOME", &dir).env("TERM", term);
    let mut s = expectrl::Session::spawn(cmd).expect("spawn retort iex");
    s.set_expect_timeout(Some(Duration::from_secs(60)));
    s.expect("iex(1)> ").unwrap();
    // Background output: a process printing every 5 ms for the whole session.
    s.send_line("spawn(fn -> Enum.each(1..100_000, fn i -> IO.puts(\"tick #{i}\"); :timer.sleep(5) end) end)").unwrap();
    s.expect("tick 3").unwrap();
    (s, dir)
}

#[test]
fn lines_written_at_once_are_each_evaluated_in_order() {
    lines_at_once("xterm-256color");
}

/// On a terminal rustyline cannot drive, lines are read plainly: none is lost either.
#[test]
fn lines_written_at_once_on_a_dumb_terminal() {
    lines_at_once("dumb");
}

fn lines_at_once(term: &str) {
    let (mut s, dir) = start(&format!("lines_{term}"), term);
    // Three lines in one write while the ticker prints.
    s.send("a = 6\rb = a * 7\rIO.puts(\"answer=#{b}\")\r").unwrap();
    s.expect("answer=42").unwrap();
    // Type-ahead during an evaluation: written at once with the line that sleeps.
    s.send(":timer.sleep(300)\rc = b + 1\rIO.puts(\"next=#{c}\")\r").unwrap();
    s.expect("next=43").unwrap();
    // Lines written separately while an evaluation runs.
    s.send(":timer.sleep(300)\r").unwrap();
    std::thread::sleep(Duration::from_millis(50));
    s.send("d = c * 2\r").unwrap();
    s.send("IO.puts(\"later=#{d}\")\r").unwrap();
    s.expect("later=86").unwrap();
    if term == "dumb" {
        s.send("System.halt()\r").unwrap();
        s.expect(expectrl::Eof).unwrap();
        return;
    }
    // A bracketed paste of several lines: each runs on its own, in order.
    s.send("\x1b[200~p1 = 1\rp2 = p1 + 1\rIO.puts(\"pasted=#{p1 + p2}\")\r\x1b[201~\r").unwrap();
    s.expect("pasted=3").unwrap();
    // A multi-line input split across a paste still waits for its end.
    s.send("\x1b[200~m = [\r  1,\r  2\r]\rIO.puts(\"sum=#{Enum.sum(m)}\")\x1b[201~\r").unwrap();
    s.expect("sum=3").unwrap();
    s.send("System.halt()\r").unwrap();
    s.expect(expectrl::Eof).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

/// `System.halt()` typed as one long write while background output flows ends the shell at once.
/// The long line keeps rustyline busy with keys while ticks arrive, which once left a tick in its
/// printer channel and the output thread blocked behind it, so the halt waited forever (about
/// one run in three with 2000 spaces before this test existed; see `src/iex/output.rs`).
#[test]
fn halt_after_a_long_line_while_output_flows() {
    for round in 0..3 {
        let (mut s, dir) = start(&format!("halt{round}"), "xterm-256color");
        let line = " ".repeat(2000) + "System.halt()\r";
        s.send(line.as_str()).unwrap();
        s.set_expect_timeout(Some(Duration::from_secs(20)));
        s.expect(expectrl::Eof).unwrap_or_else(|e| panic!("round {round}: no EOF after System.halt(): {e}"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn ctrl_c_interrupts_the_evaluation_and_keeps_bindings() {
    let (mut s, dir) = start("ctrlc", "xterm-256color");
    s.send("x = 41\rdefmodule Spin do\r  def loop(n), do: loop(n + 1)\r  def one, do: 1\rend\r").unwrap();
    s.expect("{:module, Spin").unwrap();
    // A CPU-bound loop, then a long sleep: each interrupted by Ctrl+C.
    s.send("Spin.loop(0)\r").unwrap();
    std::thread::sleep(Duration::from_millis(400));
    s.send("\x03").unwrap();
    s.expect("** (EXIT) interrupted").unwrap();
    s.send(":timer.sleep(100_000)\r").unwrap();
    std::thread::sleep(Duration::from_millis(400));
    s.send("\x03").unwrap();
    s.expect("** (EXIT) interrupted").unwrap();
    s.send("IO.puts(\"kept=#{x + Spin.one()}\")\r").unwrap();
    s.expect("kept=42").unwrap();
    // The background process survived the interrupts.
    s.send("IO.puts(\"alive\")\r").unwrap();
    s.expect("alive").unwrap();
    s.expect("tick").unwrap();
    // Two Ctrl+C at an empty prompt end the shell.
    std::thread::sleep(Duration::from_millis(200));
    s.send("\x03").unwrap();
    s.expect("press Ctrl+C again").unwrap();
    std::thread::sleep(Duration::from_millis(100));
    s.send("\x03").unwrap();
    s.expect(expectrl::Eof).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

/// Errors print as IEx prints them: the exception with the failing operation and its stack line,
/// compile errors at the input's `iex:N` line, no wrapper code in the stack.
#[test]
fn errors_print_as_iex_prints_them() {
    let dir = std::env::temp_dir().join(format!("retort_iex_errors_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_retort"));
    cmd.arg("iex").current_dir(&dir).env("HOME", &dir).env("TERM", "dumb");
    let mut s = expectrl::Session::spawn(cmd).expect("spawn retort iex");
    s.set_expect_timeout(Some(Duration::from_secs(60)));
    s.expect("iex(1)> ").unwrap();
    s.send_line("1 / 0").unwrap();
    s.expect("** (ArithmeticError) bad argument in arithmetic expression: 1 / 0\r\n    :erlang./(1, 0)\r\n\r\niex(1)> ").unwrap();
    s.send_line("x = 1").unwrap();
    s.send_line("y = z + 1").unwrap();
    s.expect("** (CompileError) iex:2: undefined variable \"z\"").unwrap();
    s.send_line("[1,").unwrap();
    s.send_line("2 +").unwrap();
    s.send_line("]").unwrap();
    s.expect("** (SyntaxError) iex:4:1: syntax error before: ']'\r\n    |\r\n  4 | ]\r\n    | ^").unwrap();
    s.send_line("Enum.map([1], fn a -> rem(a, 0) end)").unwrap();
    s.expect("bad argument in arithmetic expression: rem(1, 0)\r\n    :erlang.rem(1, 0)\r\n    lib/enum.ex").unwrap();
    s.send_line("System.halt()").unwrap();
    s.expect(expectrl::Eof).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

/// `retort iex bad.ex` stops on a compile error in the file, with status 1, as `iex bad.ex` does.
#[test]
fn iex_stops_on_a_file_that_does_not_compile() {
    let dir = std::env::temp_dir().join(format!("retort_iex_bad_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bad.ex"), "defmodule Bad do\n  def f(, do: 1\nend\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_retort")).args(["iex", "bad.ex"]).current_dir(&dir).stdin(std::process::Stdio::null()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert!(err.contains("unexpected reserved word: end"), "stderr: {err}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("iex(1)>"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Tab completes a module's functions (common prefix, then the list, as IEx) and variables;
/// `exports` works for native modules.
#[test]
fn tab_completion_and_exports() {
    let dir = std::env::temp_dir().join(format!("retort_iex_tab_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_retort"));
    cmd.arg("iex").current_dir(&dir).env("HOME", &dir).env("TERM", "xterm-256color");
    let mut s = expectrl::Session::spawn(cmd).expect("spawn retort iex");
    s.set_expect_timeout(Some(Duration::from_secs(60)));
    s.expect("iex(1)> ").unwrap();
    s.send("Enum.frequenc\t").unwrap();
    s.expect("Enum.frequencies").unwrap();
    s.send("\t").unwrap();
    s.expect("frequencies/1     frequencies_by/2").unwrap();
    s.send("([1, 1])\r").unwrap();
    s.expect("%{1 => 2}").unwrap();
    s.send("counter = 5\r").unwrap();
    s.send("coun\t + 1\r").unwrap();
    s.expect("6").unwrap();
    s.send("exports :lists\r").unwrap();
    s.expect("reverse/1").unwrap();
    s.send("System.halt()\r").unwrap();
    s.expect(expectrl::Eof).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

/// `h`, `h Mod`, `h Mod.fun` and `h Mod.fun/arity` laid out as IEx 1.14 lays them out (compared
/// with `iex` on a dumb terminal): the heading centred in 80 columns, the signature line of each
/// arity, the doc, a blank line, and no value printed after.
#[test]
fn h_prints_docs_as_iex_does() {
    let dir = std::env::temp_dir().join(format!("retort_iex_h_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_retort"));
    cmd.arg("iex").current_dir(&dir).env("HOME", &dir).env("TERM", "dumb");
    let mut s = expectrl::Session::spawn(cmd).expect("spawn retort iex");
    s.set_expect_timeout(Some(Duration::from_secs(60)));
    s.expect("iex(1)> ").unwrap();
    let map = format!("\r\n{}def map(enumerable, fun)\r\n\r\nReturns a list where each element is the result of invoking `fun` on each\r\ncorresponding element of `enumerable`.\r\n\r\nFor maps, the function expects a key-value tuple.\r\n\r\n", " ".repeat(28));
    s.send_line("h Enum.map").unwrap();
    s.expect(format!("{map}iex(2)> ").as_str()).unwrap();
    s.send_line("h Enum.map/2").unwrap();
    s.expect(format!("{map}iex(3)> ").as_str()).unwrap();
    s.send_line("h Enum.reduce").unwrap();
    s.expect(format!("\r\n{}def reduce(enumerable, fun)\r\n\r\n", " ".repeat(26)).as_str()).unwrap();
    s.expect(format!("\r\n\r\n\r\n{}def reduce(enumerable, acc, fun)\r\n\r\n", " ".repeat(24)).as_str()).unwrap();
    s.send_line("h Enum.map/3").unwrap();
    s.expect("No documentation for Enum.map/3 was found\r\niex(5)> ").unwrap();
    s.send_line("h Enum.nope").unwrap();
    s.expect("No documentation for Enum.nope was found\r\niex(6)> ").unwrap();
    s.send_line("h Nope").unwrap();
    s.expect("Could not load module Nope, got: nofile\r\niex(7)> ").unwrap();
    s.send_line("h Enum").unwrap();
    s.expect(format!("\r\n{}Enum\r\n\r\n", " ".repeat(38)).as_str()).unwrap();
    s.expect("iex(8)> ").unwrap();
    s.send_line("h").unwrap();
    s.expect(format!("\r\n{}IEx.Helpers\r\n\r\n", " ".repeat(34)).as_str()).unwrap();
    s.expect("iex(9)> ").unwrap();
    // Natives: the signature, spec and doc of `src/iex/native_docs/`.
    let hd = format!("\r\n{}def hd(list)\r\n\r\n  @spec hd(nonempty_maybe_improper_list(elem, any())) :: elem when elem: term()\r\n\r\nReturns the head of a list. Raises `ArgumentError` if the list is empty.\r\n\r\n", " ".repeat(34));
    s.send_line("h Kernel.hd").unwrap();
    s.expect(format!("{hd}iex(10)> ").as_str()).unwrap();
    // Erlang modules as IEx shows OTP's (compiled without docs): `:mod.fun/arity` headings and
    // the specs only; the module itself, or a function without a spec, "was not compiled".
    let erlang_hd = format!("\r\n{}:erlang.hd/1\r\n\r\n  @spec hd(list) :: term() when list: [term(), ...]\r\n\r\nModule was compiled without docs. Showing only specs.\r\n\r\n", " ".repeat(34));
    s.send_line("h :erlang.hd/1").unwrap();
    s.expect(format!("{erlang_hd}iex(11)> ").as_str()).unwrap();
    let only_specs = "Module was compiled without docs. Showing only specs.\r\n\r\n";
    let reverse = format!("\r\n{0}:lists.reverse/1\r\n\r\n  @spec reverse(list1) :: list2 when list1: [t], list2: [t], t: term()\r\n\r\n{only_specs}\r\n{0}:lists.reverse/2\r\n\r\n  @spec reverse(list1, tail) :: list2\r\n        when list1: [t], tail: term(), list2: [t], t: term()\r\n\r\n{only_specs}", " ".repeat(32));
    s.send_line("h :lists.reverse").unwrap();
    s.expect(format!("{reverse}iex(12)> ").as_str()).unwrap();
    s.send_line("h :lists").unwrap();
    s.expect(":lists was not compiled with docs\r\niex(13)> ").unwrap();
    s.send_line("h :lists.nope").unwrap();
    s.expect(":lists was not compiled with docs\r\niex(14)> ").unwrap();
    // A native of an Elixir module, and a module of natives only.
    s.send_line("h String.length").unwrap();
    s.expect(format!("\r\n{}def length(string)\r\n\r\n  @spec length(t()) :: non_neg_integer()\r\n\r\nReturns the number of graphemes", " ".repeat(31)).as_str()).unwrap();
    s.expect("iex(15)> ").unwrap();
    s.send_line("h IO").unwrap();
    s.expect(format!("\r\n{}IO\r\n\r\nFunctions for reading and writing data", " ".repeat(39)).as_str()).unwrap();
    s.expect("iex(16)> ").unwrap();
    // A function with defaults: one block, with the doc recorded under its highest arity.
    s.send_line("h Keyword.get").unwrap();
    s.expect(format!("\r\n{}def get(keywords, key, default \\\\ nil)\r\n\r\nReturns the value of the first entry with `key`", " ".repeat(21)).as_str()).unwrap();
    s.expect("iex(17)> ").unwrap();
    s.send_line("System.halt()").unwrap();
    s.expect(expectrl::Eof).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}
