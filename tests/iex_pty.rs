//! Drives `retort iex hello_world.ex` through a pseudo-terminal, replaying the seed article's
//! session: spawn a looping greeter, edit the file, `r HelloWorld`, spawn again (old and new
//! code run side by side), then a third version and `r` kill the oldest.

#![cfg(unix)]

use expectrl::{Expect, Session};
use std::time::Duration;

fn version(greeting: &str) -> String {
    format!(
        "defmodule HelloWorld do\n  def hello(name) do\n    IO.puts(\"{greeting} #{{name}}\")\n    :timer.sleep(100)\n    hello(name)\n  end\nend\n"
    )
}

#[test]
fn hello_world_hot_swap_session() {
    let dir = std::env::temp_dir().join(format!("retort_iex_pty_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("hello_world.ex");
    std::fs::write(&file, version("Hello")).unwrap();

    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_retort"));
    cmd.arg("iex").arg("hello_world.ex").current_dir(&dir).env("HOME", &dir).env("TERM", "dumb");
    let mut s = Session::spawn(cmd).expect("spawn retort iex");
    s.set_expect_timeout(Some(Duration::from_secs(60)));

    s.expect("iex(1)> ").unwrap();
    s.send_line("pid1 = spawn(fn -> HelloWorld.hello(\"Joe\") end)").unwrap();
    s.expect("Hello Joe").unwrap();
    s.expect("Hello Joe").unwrap();

    std::fs::write(&file, version("Hi")).unwrap();
    s.send_line("r HelloWorld").unwrap();
    s.expect("redefining module HelloWorld").unwrap();
    s.expect("{:reloaded, [HelloWorld]}").unwrap();
    s.send_line("pid2 = spawn(fn -> HelloWorld.hello(\"Ann\") end)").unwrap();
    s.expect("Hi Ann").unwrap();
    // The old process keeps running the old code next to the new one.
    s.expect("Hello Joe").unwrap();
    s.expect("Hi Ann").unwrap();

    std::fs::write(&file, version("Howdy")).unwrap();
    s.send_line("r HelloWorld").unwrap();
    s.expect("{:reloaded, [HelloWorld]}").unwrap();
    s.send_line("pid3 = spawn(fn -> HelloWorld.hello(\"Bob\") end)").unwrap();
    s.expect("Howdy Bob").unwrap();
    s.send_line("{Process.alive?(pid1), Process.alive?(pid2), Process.alive?(pid3)}").unwrap();
    s.expect("{false, true, true}").unwrap();

    // Errors leave the shell running; bindings persist.
    s.send_line("raise \"boom\"").unwrap();
    s.expect("** (RuntimeError) boom").unwrap();
    s.send_line("x = 40 + 2").unwrap();
    s.send_line("x + 1").unwrap();
    s.expect("43").unwrap();

    s.send_line("System.halt()").unwrap();
    s.expect(expectrl::Eof).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}
