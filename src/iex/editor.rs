//! The line editor thread of `retort iex` on a terminal: rustyline, asked for one line per
//! prompt request from the shell's server process.
//!
//! Input is never lost: rustyline (with its `buffer-redux` feature) keeps the bytes it read past
//! the end of a line for the next `readline`, so several lines written at once (a paste without
//! bracketed-paste mode, `tmux send-keys`, type-ahead during an evaluation) are each answered in
//! order. A bracketed paste arrives as one multi-line buffer; it is split into lines, handed over
//! one per prompt, so each is evaluated on its own as IEx does.
//!
//! Ctrl+C at the prompt discards the line; twice in a row on an empty line ends the shell.

use super::Input;
use rustyline::error::ReadlineError;
use rustyline::{Cmd, ConditionalEventHandler, Event, EventContext, EventHandler, KeyCode, KeyEvent, Modifiers, RepeatCount};
use std::collections::VecDeque;
use std::io::Write;
use std::os::fd::FromRawFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::Arc;

/// Ctrl+C: interrupts the line, recording whether the line was empty.
struct CtrlC(Arc<AtomicBool>);

impl ConditionalEventHandler for CtrlC {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        self.0.store(ctx.line().is_empty(), Ordering::SeqCst);
        Some(Cmd::Interrupt)
    }
}

/// A file for a duplicate of `fd` (closed when dropped, `fd` stays open).
pub(crate) fn dup_file(fd: i32) -> std::fs::File {
    // SAFETY: `dup` returns a new descriptor owned by nobody else (or -1, which makes later
    // writes fail harmlessly with EBADF); the `File` becomes its only owner.
    unsafe { std::fs::File::from_raw_fd(libc::dup(fd)) }
}

/// The editor loop: answers each prompt on `prompts` with one [`Input`] on `inputs`. Starts the
/// background output (pipe `read_end` → rustyline's external printer, see `output.rs`) and hands
/// it back on `printer`.
pub fn run(prompts: Receiver<String>, inputs: Sender<Input>, printer: Sender<super::output::Output>, read_end: i32, saved_out: i32, saved_err: i32) {
    use rustyline::config::{Behavior, Config};
    // Tab: the common prefix, then the list of candidates, as IEx completes.
    let config = Config::builder().behavior(Behavior::PreferTerm).auto_add_history(false).completion_type(rustyline::CompletionType::List).build();
    let mut rl: rustyline::Editor<super::complete::ShellHelper, rustyline::history::DefaultHistory> = match rustyline::Editor::with_config(config) {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(dup_file(saved_err), "error: no line editor: {e}");
            let _ = inputs.send(Input::Eof);
            return;
        }
    };
    rl.set_helper(Some(super::complete::ShellHelper::default()));
    let empty_interrupt = Arc::new(AtomicBool::new(false));
    rl.bind_sequence(KeyEvent(KeyCode::Char('C'), Modifiers::CTRL), EventHandler::Conditional(Box::new(CtrlC(empty_interrupt.clone()))));
    let history = super::history_path();
    if let Some(h) = &history {
        let _ = rl.load_history(h);
    }
    // Background output: pipe → external printer, whole lines (a partial line goes out once
    // nothing more arrives for a moment).
    let print: Box<dyn FnMut(String) + Send> = match rl.create_external_printer() {
        Ok(mut p) => Box::new(move |s| {
            use rustyline::ExternalPrinter;
            let _ = p.print(s);
        }),
        Err(_) => Box::new(move |s: String| {
            let _ = dup_file(saved_out).write_all(s.as_bytes());
        }),
    };
    let _ = printer.send(super::output::start(read_end, print, saved_out));
    // Lines of a multi-line paste not yet handed over.
    let mut pending: VecDeque<String> = VecDeque::new();
    let mut last_was_empty_interrupt = false;
    while let Ok(prompt) = prompts.recv() {
        if let Some(line) = pending.pop_front() {
            if inputs.send(Input::Line(line)).is_err() {
                return;
            }
            continue;
        }
        let input = match rl.readline(&prompt) {
            Ok(text) => {
                last_was_empty_interrupt = false;
                if !text.trim().is_empty() {
                    let _ = rl.add_history_entry(text.as_str());
                    if let Some(h) = &history {
                        let _ = rl.save_history(h);
                    }
                }
                let mut lines = text.split('\n').map(|l| l.trim_end_matches('\r').to_string());
                let first = lines.next().unwrap_or_default();
                pending.extend(lines);
                // A paste ending in a newline leaves an empty last piece: not an input.
                if pending.back().is_some_and(|l| l.is_empty()) {
                    pending.pop_back();
                }
                Input::Line(first)
            }
            Err(ReadlineError::Interrupted) => {
                if empty_interrupt.load(Ordering::SeqCst) {
                    if last_was_empty_interrupt {
                        Input::Eof
                    } else {
                        last_was_empty_interrupt = true;
                        println!("(to exit, press Ctrl+C again or Ctrl+D)");
                        Input::Interrupt
                    }
                } else {
                    last_was_empty_interrupt = false;
                    Input::Interrupt
                }
            }
            Err(_) => Input::Eof,
        };
        let eof = matches!(input, Input::Eof);
        if inputs.send(input).is_err() || eof {
            return;
        }
    }
}
