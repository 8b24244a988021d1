//! `IO` and the printing part of `Kernel` (`inspect/1,2`): output goes to the VM's buffered
//! stdout (flushed whenever the scheduler idles and at exit), `:stderr` directly.

use super::util::*;
use super::Ctx;
use crate::code::table::{CodeServer, NativeTable};
use crate::error::{Exception, Trap};
use crate::value::inspect::{inspect, InspectOpts};
use crate::value::{Atom, Term};
use std::io::Write;

pub fn register(c: &mut CodeServer) {
    c.register_table("Elixir.IO", I_O);
    c.register_table("Elixir.Kernel", KERNEL);
    c.register_table("retort_exunit", RETORT_EXUNIT);
}

/// The natives of `Elixir.IO`: `(name, arity, function)`.
const I_O: NativeTable = &[
    ("puts", 1, |ctx, a| puts(ctx, None, &a[0])),
    ("puts", 2, |ctx, a| puts(ctx, Some(&a[0]), &a[1])),
    ("write", 1, |ctx, a| write(ctx, None, &a[0])),
    ("write", 2, |ctx, a| write(ctx, Some(&a[0]), &a[1])),
    ("inspect", 1, |ctx, a| io_inspect(ctx, None, &a[0], &Term::Nil)),
    ("inspect", 2, |ctx, a| io_inspect(ctx, None, &a[0], &a[1])),
    ("inspect", 3, |ctx, a| io_inspect(ctx, Some(&a[0]), &a[1], &a[2])),
    ("gets", 1, gets),
    ("read", 2, |ctx, a| read(ctx, &a[1])),
    ("read", 1, |ctx, a| read(ctx, &a[0])),
    ("iodata_to_binary", 1, |_, a| super::erlang::iolist_to_binary(&a[0])),
];

/// The natives of `Elixir.Kernel`: `(name, arity, function)`.
const KERNEL: NativeTable = &[
    ("inspect", 1, |ctx, a| {
        if super::protocol::inspect_user(ctx, &a[0]) {
            return Err(user_inspect("__kernel_inspect__", vec![a[0].clone(), Term::Nil]));
        }
        Ok(Term::string(&ctx.vm.code.known.inspect(&a[0])))
    }),
    ("inspect", 2, |ctx, a| {
        if super::protocol::inspect_user(ctx, &a[0]) {
            return Err(user_inspect("__kernel_inspect__", vec![a[0].clone(), a[1].clone()]));
        }
        let (mut opts, _) = parse_opts(&a[1], false)?;
        opts.struct_info = Some(ctx.vm.code.known.resolver());
        Ok(Term::string(&inspect(&a[0], &opts)))
    }),
];

/// The natives of `retort_exunit`: `(name, arity, function)`.
const RETORT_EXUNIT: NativeTable = &[
    ("inspect_multiline", 3, inspect_multiline),
];

/// The call that replaces an inspect native when the term holds a struct with a user
/// `Inspect` implementation: `Inspect.function(args)` in the library (`stdlib/lib/inspect.ex`).
fn user_inspect(function: &str, args: Vec<Term>) -> Trap {
    Trap::Apply { callee: Term::atom("Elixir.Inspect"), function: Some(Atom::intern(function)), args }
}

/// ExUnit's `inspect_multiline/3` (the `left:`/`right:` values of a failed assertion):
/// `to_doc(term) |> group() |> nest(padding) |> format(width - padding)` with the default
/// inspect options, so continuation lines start with `padding` spaces.
fn inspect_multiline(ctx: &mut Ctx, a: &mut [Term]) -> Result<Term, Trap> {
    use crate::value::{inspect::to_doc, pretty};
    let (Term::Int(padding), Term::Int(width)) = (&a[1], &a[2]) else { return badarg() };
    let (padding, width) = ((*padding).clamp(0, 1000) as usize, (*width).clamp(0, 100_000) as usize);
    let opts = InspectOpts { pretty: true, width: width.saturating_sub(padding), ..ctx.vm.code.known.inspect_opts() };
    let doc = pretty::nest(pretty::group(to_doc(&a[0], &opts, opts.limit)), padding);
    Ok(Term::string(&pretty::format(&doc, Some(opts.width))))
}

/// Parses `inspect/2` options; returns them (knowing no structs: the caller sets
/// `struct_info` to its VM's) and the `label:` if any.
pub fn parse_opts(kw: &Term, io: bool) -> Result<(InspectOpts, Option<Vec<u8>>), Trap> {
    Ok(crate::value::inspect::opts_from_keyword(kw, io))
}

/// The output device an IO function names: `:stdio`, `:standard_io`, `:user`, a pid or a
/// registered name write to standard output; `:stderr` and `:standard_error` to standard
/// error. Anything else raises OTP 25's `ArgumentError` ("the device does not exist").
fn resolve_device(ctx: &Ctx, d: Option<&Term>) -> Result<super::capture::Device, Trap> {
    use super::capture::Device;
    match d {
        None | Some(Term::Pid(_)) => Ok(Device::Stdout),
        Some(Term::Atom(a)) => match a.name() {
            "stdio" | "standard_io" | "user" => Ok(Device::Stdout),
            "stderr" | "standard_error" => Ok(Device::Stderr),
            _ if ctx.vm.registry.contains_key(a) => Ok(Device::Stdout),
            _ => arg_errors(1, "the device does not exist"),
        },
        Some(_) => arg_errors(1, "the device does not exist"),
    }
}

/// Writes `bytes` to standard output (buffered) or standard error (see [`resolve_device`]);
/// into the process's capture of that device instead when it has one (`bif::capture`).
///
/// Errors: an unknown device (`ArgumentError`, as OTP 25); standard output closed by its
/// reader (`ErlangError` `:terminated`, as the BEAM's `:io.put_chars` raises when the pipe is
/// gone), so a program printing into `| head` stops instead of running on unheard.
pub fn emit(ctx: &mut Ctx, device: Option<&Term>, bytes: &[u8]) -> Result<(), Trap> {
    use super::capture::Device;
    let dev = resolve_device(ctx, device)?;
    if super::capture::divert(ctx.p, dev, bytes) {
        return Ok(());
    }
    let written = match dev {
        Device::Stderr => {
            let _ = ctx.vm.out.flush();
            std::io::stderr().write_all(bytes)
        }
        Device::Stdout | Device::Log => ctx.vm.out.write_all(bytes),
    };
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            Err(Trap::Raise(Exception::error(Term::atom("terminated"))))
        }
        _ => Ok(()),
    }
}

/// Text for `IO.puts`/`IO.write`: chardata, or anything with `String.Chars`.
fn chardata(t: &Term) -> Result<Vec<u8>, Trap> {
    if let Some(b) = text(t) {
        return Ok(b);
    }
    crate::value::to_string::to_string(t).or_else(|_| Err(Trap::Raise(crate::value::construct::protocol_undefined("String.Chars", t))))
}

/// Elixir 1.14's `is_device` guard on the `device` argument of `IO.puts/2` and
/// `IO.inspect/3` (`lib/io.ex`: an atom or a pid): anything else matches no clause, so raises
/// `FunctionClauseError` naming the `IO` function, before the argument is looked at.
fn device_guard(device: Option<&Term>) -> Result<(), Trap> {
    match device {
        None | Some(Term::Atom(_) | Term::Pid(_)) => Ok(()),
        Some(_) => Err(Exception::error(Term::atom("function_clause")).into()),
    }
}

fn puts(ctx: &mut Ctx, device: Option<&Term>, t: &Term) -> R {
    device_guard(device)?;
    let mut b = chardata(t)?;
    b.push(b'\n');
    emit(ctx, device, &b)?;
    Ok(Term::OK)
}

fn write(ctx: &mut Ctx, device: Option<&Term>, t: &Term) -> R {
    // `IO.write/2` has no guard: OTP 25's `io:put_chars` ends in `case_clause` `{Device}` for a
    // device that is neither an atom, a pid nor a tuple.
    if let Some(d) = device {
        if !matches!(d, Term::Atom(_) | Term::Pid(_) | Term::Tuple(_)) {
            return Err(Exception::error(Term::tuple(vec![Term::atom("case_clause"), Term::tuple(vec![d.clone()])])).into());
        }
    }
    let b = chardata(t)?;
    emit(ctx, device, &b)?;
    Ok(Term::OK)
}

fn io_inspect(ctx: &mut Ctx, device: Option<&Term>, t: &Term, opts: &Term) -> R {
    device_guard(device)?;
    if super::protocol::inspect_user(ctx, t) {
        // a struct with a user `Inspect` implementation: the library lays it out
        let device = device.cloned().unwrap_or_else(|| Term::atom("stdio"));
        return Err(user_inspect("__io_inspect__", vec![device, t.clone(), opts.clone()]));
    }
    let (mut o, label) = parse_opts(opts, true)?;
    o.struct_info = Some(ctx.vm.code.known.resolver());
    let mut out = Vec::new();
    if let Some(l) = label {
        out.extend_from_slice(&l);
        out.extend_from_slice(b": ");
    }
    out.extend_from_slice(inspect(t, &o).as_bytes());
    out.push(b'\n');
    emit(ctx, device, &out)?;
    Ok(t.clone())
}

/// `IO.read(device, :line | :eof | :all | count)` from standard input.
fn read(ctx: &mut Ctx, what: &Term) -> R {
    use std::io::Read;
    if what.is_atom(Atom::intern("line")) {
        return gets(ctx, &mut []);
    }
    if matches!(what, Term::Atom(_)) {
        if let Some(all) = super::capture::read_all(ctx.p) {
            return Ok(all.map(Term::binary).unwrap_or_else(|| Term::atom("eof")));
        }
    }
    let _ = ctx.vm.out.flush();
    let stdin = std::io::stdin();
    let mut lock = stdin.lock();
    match what {
        Term::Atom(a) if a.name() == "eof" || a.name() == "all" => {
            let mut buf = Vec::new();
            match lock.read_to_end(&mut buf) {
                Ok(_) if buf.is_empty() && a.name() == "eof" => Ok(Term::atom("eof")),
                Ok(_) => Ok(Term::binary(buf)),
                Err(_) => Ok(error(Term::atom("terminated"))),
            }
        }
        Term::Int(n) if *n >= 0 => {
            // Characters, read as bytes of UTF-8 text.
            let mut out = Vec::new();
            let mut chars = 0;
            let mut byte = [0u8; 1];
            while chars < *n {
                match lock.read(&mut byte) {
                    Ok(1) => {
                        out.push(byte[0]);
                        if byte[0] & 0xC0 != 0x80 {
                            chars += 1;
                        }
                    }
                    _ => break,
                }
            }
            if out.is_empty() && *n > 0 {
                return Ok(Term::atom("eof"));
            }
            Ok(Term::binary(out))
        }
        _ => Err(crate::error::Exception::error(Term::atom("function_clause")).into()),
    }
}

fn gets(ctx: &mut Ctx, a: &mut [Term]) -> R {
    let prompt = a.last().and_then(text).unwrap_or_default();
    emit(ctx, None, &prompt)?;
    if let Some(line) = super::capture::read_line(ctx.p) {
        return Ok(line.map(Term::binary).unwrap_or_else(|| Term::atom("eof")));
    }
    let _ = ctx.vm.out.flush();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => Ok(Term::atom("eof")),
        Ok(_) => Ok(Term::string(&line)),
        Err(_) => Ok(error(Term::atom("terminated"))),
    }
}
