//! Output capture for `ExUnit.CaptureIO.capture_io/1,2,3` and
//! `ExUnit.CaptureLog.capture_log/1,2` (the language side is in `stdlib/lib/ex_unit.ex`).
//! A capture belongs to the process that started it (kept in its `ProcExt`): what that
//! process writes to the captured device (standard output, standard error, or log entries) is
//! appended to the innermost matching capture instead of being printed, and a standard-output
//! capture given `input:` feeds `IO.gets/1` and `IO.read/2`. Unlike Elixir, which captures
//! through the group leader (and, for `:stderr` and logs, from every process), output of
//! other processes is not captured.

use super::util::*;
use super::Ctx;
use crate::code::table::{CodeServer, NativeTable};
use crate::process::Process;
use crate::value::Term;

pub use crate::process::capture::{Capture, Device};

/// The innermost capture of `device` in `p`, if any.
pub fn active(p: &mut Process, device: Device) -> Option<&mut Capture> {
    p.ext.as_mut()?.captures.iter_mut().rev().find(|c| c.device == device)
}

/// Appends `bytes` to `p`'s capture of `device`; `false` when there is none (print them).
pub fn divert(p: &mut Process, device: Device, bytes: &[u8]) -> bool {
    match active(p, device) {
        Some(c) => {
            c.buf.extend_from_slice(bytes);
            true
        }
        None => false,
    }
}

/// A line of captured input (through `\n`), `Some(None)` at its end, `None` when standard
/// output is not captured (read the real standard input).
pub fn read_line(p: &mut Process) -> Option<Option<Vec<u8>>> {
    let c = active(p, Device::Stdout)?;
    let rest = &c.input[c.input_pos..];
    if rest.is_empty() {
        return Some(None);
    }
    let n = rest.iter().position(|b| *b == b'\n').map_or(rest.len(), |i| i + 1);
    let line = rest[..n].to_vec();
    c.input_pos += n;
    Some(Some(line))
}

/// All captured input left, as `read_line`.
pub fn read_all(p: &mut Process) -> Option<Option<Vec<u8>>> {
    let c = active(p, Device::Stdout)?;
    let rest = c.input[c.input_pos..].to_vec();
    c.input_pos = c.input.len();
    Some(if rest.is_empty() { None } else { Some(rest) })
}

fn device_of(t: &Term) -> Option<Device> {
    match t.as_atom()?.name() {
        "stdio" | "standard_io" => Some(Device::Stdout),
        "stderr" | "standard_error" => Some(Device::Stderr),
        "log" => Some(Device::Log),
        _ => None,
    }
}

pub fn register(c: &mut CodeServer) {
    c.register_table("retort_capture", RETORT_CAPTURE);
}

/// The natives of `retort_capture`: `(name, arity, function)`.
const RETORT_CAPTURE: NativeTable = &[
    // capture_start(device, input): starts a capture
    ("start", 2, |ctx: &mut Ctx, a| {
        let Some(device) = device_of(&a[0]) else { return badarg() };
        let input = text(&a[1]).unwrap_or_default();
        ctx.p.ext_mut().captures.push(Capture { device, buf: Vec::new(), input, input_pos: 0 });
        Ok(Term::OK)
    }),
    // capture_stop(device): ends the innermost capture of device, returns what it collected
    ("stop", 1, |ctx: &mut Ctx, a| {
        let Some(device) = device_of(&a[0]) else { return badarg() };
        let caps = &mut ctx.p.ext_mut().captures;
        match caps.iter().rposition(|c| c.device == device) {
            Some(i) => Ok(Term::binary(caps.remove(i).buf)),
            None => badarg(),
        }
    }),
];
