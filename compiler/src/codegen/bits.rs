//! Bitstrings: `<<...>>` construction and patterns with typed segments
//! (`<<len::8, data::binary-size(len), rest::binary>>`, `<<c::utf8, _::binary>>`,
//! `<<x::16-little-signed>>`, `<<f::float-32>>`, `<<"abc", x>>`).
//!
//! A segment `value::spec` is read by [`segment`]: the spec is a `-`-separated list of a type
//! (`integer` by default, `float`, `binary`/`bytes`, `bitstring`/`bits`, `utf8`, `utf16`,
//! `utf32`), an endianness (`big`, `little`, `native`), a signedness (`signed`, `unsigned`),
//! `size(n)` (or a bare integer `8`) and `unit(n)`; Elixir's compile errors for invalid specs
//! are reproduced. Construction becomes `Op::BsPut` per segment into an accumulator and
//! `Op::BsFinish`; a pattern becomes `IsType Binary`, `Op::BsGet` per segment (each value then
//! matched as an ordinary pattern, so literals, `_`, `^pin` and repeated variables work) and
//! `Op::BsEnd`. Sizes may name variables bound earlier in the same pattern.
//!
//! The VM has no term for bitstrings whose length is not a multiple of 8: segments of any
//! size may be used, but a construction must total whole bytes (a compile error when the sizes
//! are all known, ArgumentError at run time otherwise), and a match can only bind whole
//! bytes to a `bitstring` variable.

use super::func::{Dest, FnCx};
use super::pattern::PState;
use super::{err, unsupported, R};
use crate::ast::{Ast, Span};
use retort_vm::bytecode::{BinSeg, BinType, Label, Literal, Op, Reg, TypeTest};

/// One segment of a `<<...>>`, its spec resolved.
pub(crate) struct Segment<'x> {
    pub value: &'x Ast,
    pub seg: BinSeg,
    /// `size(...)`: a literal or an expression (a variable).
    pub size: Option<&'x Ast>,
    pub span: Span,
}

fn type_of(name: &str) -> Option<BinType> {
    Some(match name {
        "integer" => BinType::Integer,
        "float" => BinType::Float,
        "binary" | "bytes" => BinType::Binary,
        "bitstring" | "bits" => BinType::Bitstring,
        "utf8" => BinType::Utf8,
        "utf16" => BinType::Utf16,
        "utf32" => BinType::Utf32,
        _ => return None,
    })
}

#[derive(Default)]
struct Spec<'x> {
    ty: Option<BinType>,
    little: Option<bool>,
    signed: Option<bool>,
    size: Option<&'x Ast>,
    unit: Option<u8>,
}

fn spec_items<'x>(s: &'x Ast, out: &mut Spec<'x>) -> R<()> {
    let span = s.span();
    match s {
        Ast::Int(_) => {
            out.size = Some(s);
            Ok(())
        }
        Ast::Node { args: Some(a), .. } if s.head_name() == Some("-") && a.len() == 2 => {
            spec_items(&a[0], out)?;
            spec_items(&a[1], out)
        }
        Ast::Node { args: Some(a), .. } if s.head_name() == Some("size") && a.len() == 1 => {
            out.size = Some(&a[0]);
            Ok(())
        }
        Ast::Node { args: Some(a), .. } if s.head_name() == Some("unit") && a.len() == 1 => match a[0] {
            Ast::Int(n) if (1..=256).contains(&n) => {
                out.unit = Some(n.min(255) as u8);
                Ok(())
            }
            _ => Err(err(format!("unit in bitstring expects an integer as argument, got: {}", super::expr::describe(&a[0])), span)),
        },
        Ast::Node { args, .. } if args.as_ref().map_or(true, |a| a.is_empty()) => {
            let name = s.head_name().unwrap_or("");
            if let Some(t) = type_of(name) {
                out.ty = Some(t);
            } else {
                match name {
                    "big" => out.little = Some(false),
                    "little" | "native" => out.little = Some(true),
                    "signed" => out.signed = Some(true),
                    "unsigned" => out.signed = Some(false),
                    _ => return Err(err(format!("unknown bitstring specifier: {}()", name), span)),
                }
            }
            Ok(())
        }
        Ast::Node { .. } => Err(err(format!("unknown bitstring specifier: {}", super::expr::describe(s)), span)),
        _ => Err(err(format!("unknown bitstring specifier: {}", super::expr::describe(s)), span)),
    }
}

/// Reads the segment `p` of a `<<...>>`: `value` or `value::spec`.
pub(crate) fn segment(p: &Ast) -> R<Segment<'_>> {
    let span = p.span();
    let (value, spec) = match p {
        Ast::Node { args: Some(a), .. } if p.head_name() == Some("::") && a.len() == 2 => {
            let mut spec = Spec::default();
            spec_items(&a[1], &mut spec)?;
            (&a[0], spec)
        }
        _ => (p, Spec::default()),
    };
    let ty = spec.ty.unwrap_or(match value {
        Ast::Str(_) => BinType::Binary,
        Ast::Float(_) => BinType::Float,
        _ => BinType::Integer,
    });
    if matches!(ty, BinType::Utf8 | BinType::Utf16 | BinType::Utf32) && (spec.size.is_some() || spec.unit.is_some()) {
        return Err(err("size and unit are not supported on utf types", span));
    }
    if spec.unit.is_some() && spec.size.is_none() && matches!(ty, BinType::Integer | BinType::Float) {
        return Err(err("integer and float types require a size specifier if the unit specifier is given", span));
    }
    let unit = spec.unit.unwrap_or(if ty == BinType::Binary { 8 } else { 1 });
    if ty == BinType::Float {
        if let Some(Ast::Int(n)) = spec.size {
            let bits = *n * unit as i64;
            if ![16, 32, 64].contains(&bits) {
                return Err(err(format!("float requires size*unit to be 16, 32, or 64 (default), got: {}", bits), span));
            }
        }
    }
    if let Ast::Str(_) = value {
        if !matches!(ty, BinType::Binary | BinType::Bitstring | BinType::Utf8 | BinType::Utf16 | BinType::Utf32) || spec.size.is_some() || spec.signed.is_some() {
            return Err(err(
                "literal string in bitstring supports only endianness and type specifiers, which must be one of: little, big, native, utf8, utf16, utf32, bits, bytes, binary or bitstring",
                span,
            ));
        }
    }
    let seg = BinSeg { ty, little: spec.little.unwrap_or(false), signed: spec.signed.unwrap_or(false), unit };
    Ok(Segment { value, seg, size: spec.size, span })
}

/// The bits of a literal string written with the segment's type (`"é"::utf16`).
fn string_bytes(b: &[u8], seg: BinSeg) -> Vec<u8> {
    let s = || String::from_utf8_lossy(b);
    match seg.ty {
        BinType::Utf16 => s().encode_utf16().flat_map(|u| if seg.little { u.to_le_bytes() } else { u.to_be_bytes() }).collect(),
        BinType::Utf32 => s().chars().flat_map(|c| if seg.little { (c as u32).to_le_bytes() } else { (c as u32).to_be_bytes() }).collect(),
        _ => b.to_vec(),
    }
}

/// Bits of a segment when known at compile time.
fn static_bits(s: &Segment) -> Option<i64> {
    match (s.seg.ty, s.value, s.size) {
        (_, Ast::Str(t), _) => Some(string_bytes(t, s.seg).len() as i64 * 8),
        (BinType::Integer, _, None) => Some(8),
        (BinType::Float, _, None) => Some(64),
        (_, _, Some(Ast::Int(n))) => Some(n * s.seg.unit as i64),
        _ => None,
    }
}

/// A binary literal segment (strings), as a `binary` segment of the whole value.
const BYTES: BinSeg = BinSeg { ty: BinType::Binary, little: false, signed: false, unit: 8 };

impl<'a, 'u> FnCx<'a, 'u> {
    /// `<<segments>>` in an expression.
    pub fn bitstring_expr(&mut self, parts: &[Ast], span: Span, d: Dest) -> R<()> {
        let segs = parts.iter().map(segment).collect::<R<Vec<_>>>()?;
        let known: Option<i64> = segs.iter().map(static_bits).sum();
        if let Some(bits) = known {
            if bits % 8 != 0 {
                return Err(unsupported(
                    format!("a bitstring of {} bits (retort has only binaries, whose size in bits is a multiple of 8)", bits),
                    span,
                ));
            }
        }
        self.with_dst(d, |s, dst| {
            let mark = s.s.mark();
            let acc = s.s.alloc_n(2);
            s.load_lit(Literal::Binary(vec![]), acc);
            s.e.emit(Op::Int { dst: Reg(acc.0 + 1), val: 0 });
            for (i, sg) in segs.iter().enumerate() {
                let inner = s.s.mark();
                let index = (i + 1).min(255) as u8;
                let (val, seg) = match sg.value {
                    Ast::Str(t) => {
                        let r = s.s.alloc();
                        s.load_lit(Literal::Binary(string_bytes(t, sg.seg)), r);
                        (r, BYTES)
                    }
                    v => (s.operand(v)?, sg.seg),
                };
                let size = match sg.size {
                    Some(e) if !matches!(sg.value, Ast::Str(_)) => s.operand(e)?,
                    _ => Reg::NONE,
                };
                s.e.line(sg.span);
                s.e.emit(Op::BsPut { acc, val, size, seg, index });
                s.s.release(inner);
            }
            s.e.line(span);
            s.e.emit(Op::BsFinish { dst, acc });
            s.s.release(mark);
            Ok(())
        })
    }

    /// `<<segments>>` as a pattern matched against `src`.
    pub(crate) fn bitstring_pattern(&mut self, parts: &[Ast], src: Reg, fail: Label, st: &mut PState) -> R<()> {
        let segs = parts.iter().map(segment).collect::<R<Vec<_>>>()?;
        self.e.emit(Op::IsType { ty: TypeTest::Binary, reg: src, fail });
        let pos = self.s.alloc();
        self.e.emit(Op::Int { dst: pos, val: 0 });
        let n = segs.len();
        let mut open_end = false;
        for (i, sg) in segs.iter().enumerate() {
            let last = i + 1 == n;
            if let Ast::Str(t) = sg.value {
                let bytes = string_bytes(t, sg.seg);
                let size = self.s.alloc();
                self.load_lit(Literal::Int(bytes.len() as i64), size);
                let dst = self.s.alloc();
                self.e.emit(Op::BsGet { src, pos, dst, size, seg: BYTES, fail });
                let lit = self.m.pools.lit(Literal::Binary(bytes));
                self.e.emit(Op::IsEqLit { reg: dst, lit, fail });
                continue;
            }
            let size = match sg.size {
                None => {
                    if matches!(sg.seg.ty, BinType::Binary | BinType::Bitstring) {
                        if !last {
                            return Err(err(
                                "a binary field without size is only allowed at the end of a binary pattern, at the right side of binary concatenation and and never allowed in binary generators",
                                sg.span,
                            ));
                        }
                        open_end = true;
                    }
                    Reg::NONE
                }
                Some(e @ Ast::Int(_)) => {
                    let r = self.s.alloc();
                    self.expr(e, Dest::Reg(r))?;
                    r
                }
                Some(e @ Ast::Node { args: None, .. }) => {
                    let name = e.head_name().unwrap_or("");
                    match self.s.get(name) {
                        Some(r) => r,
                        None => return Err(err(format!("undefined variable \"{}\"", name), e.span())),
                    }
                }
                Some(e) => {
                    if super::expr::contains_match(e) {
                        return Err(unsupported("a match in the size of a bitstring segment", e.span()));
                    }
                    let r = self.s.alloc();
                    self.expr(e, Dest::Reg(r))?;
                    r
                }
            };
            let dst = self.s.alloc();
            self.e.emit(Op::BsGet { src, pos, dst, size, seg: sg.seg, fail });
            self.pattern(sg.value, dst, fail, st)?;
        }
        if !open_end {
            self.e.emit(Op::BsEnd { src, pos, fail });
        }
        Ok(())
    }
}
