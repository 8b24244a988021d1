//! The instruction set declared once. [`instructions!`] takes every opcode with its doc
//! comment, its operands (each with its Rust type and its [`Kind`]: what it is and how the
//! instruction uses it) and its [`Flags`], and generates from that one list:
//!
//! - the [`crate::bytecode::Op`] enum itself (variants in declaration order, which is the
//!   opcode and the encoded variant index of the `.rbc` format);
//! - [`OpInfo`] for each opcode (`Op::INFO`, `Op::info`, `Op::NAMES`, `Op::opcode`), which
//!   `docs/bytecode.md` and the disassembler's mnemonics are made from;
//! - [`crate::bytecode::Op::operands`] (every operand by value, with its kind) and
//!   [`crate::bytecode::Op::operands_mut`] (every register and label operand, for rewriting),
//!   from which [`super::facts`] (register reads and writes, successors, labels) and the
//!   verifier's operand and control-flow checks are computed, kind by kind.
//!
//! Nothing else matches on every opcode: a new instruction is one entry in `op.rs`, and every
//! pass sees it through its operand kinds (the generated matches have no `_` arm, so the
//! compiler rejects an entry the macro cannot describe). The pattern is boa's `generate_opcodes!`
//! and Lua's `lopcodes.c` modes: the roles of operands stated as data next to the opcode.

use super::op::{ArithOp, BinSeg, CmpOp, ImportIdx, Label, LambdaIdx, LitIdx, LocalFn, RaiseKind, Reg, TypeTest};

/// What an operand is and how its instruction uses it. Register kinds say whether the
/// register is read, written on every path out ("certain"), or possibly written; window kinds
/// name a run of consecutive registers starting at the operand, whose length is the kind's
/// argument (`Win(n)`: the field `n`) or fixed by the kind.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A register read, which copy propagation may rename to another register holding the
    /// same term.
    Src,
    /// A register read that passes leave in place (the instruction's fast paths or special
    /// cases depend on it, or no pass has needed to rename it).
    Read,
    /// A register read that may be absent ([`Reg::NONE`]).
    OptRead,
    /// A register written on every path out of the instruction.
    Dst,
    /// A register written when the instruction succeeds: a certain write when the
    /// instruction's `Fail` labels are all [`Label::NONE`] (failure raises), else possible.
    DstOk,
    /// A register written on some paths only (a test's fall-through, a message received).
    DstIf,
    /// A register read, renameable, and then possibly changed (a `Return` moves it out).
    SrcMoved,
    /// A register read and then possibly changed (a `Take`'s emptied source, a bit position
    /// advanced), not renamed.
    ReadMoved,
    /// A window of `arg` registers read (tuple elements, map pairs, guard BIF arguments).
    Win,
    /// The `arg` arguments of a call: read, and moved into the callee's frame (possibly
    /// changed).
    Args,
    /// A window of two registers read (a bitstring accumulator: bytes, bit length).
    Pair,
    /// A window of two registers read and possibly changed.
    PairMoved,
    /// A window of three registers read (class, reason, stacktrace).
    Triple,
    /// A window of three registers possibly written (a `try` handler's class, reason,
    /// stacktrace).
    TripleOut,
    /// A label jumped to unconditionally.
    Target,
    /// A label jumped to on some paths (a test's fail label, a loop head, a handler).
    Branch,
    /// A fail label that may be [`Label::NONE`]: then the instruction raises instead.
    Fail,
    /// A literal pool index.
    Lit,
    /// A literal pool index whose literal must be an atom.
    Atom,
    /// A literal pool index whose literal is a map of `arg` keys (at most 32).
    Keys,
    /// An import table index (no arity requirement).
    Import,
    /// An import table index called with `arg` arguments (the import's arity).
    ImportArgs,
    /// A function table index called with `arg` arguments (the function's arity).
    Local,
    /// A lambda table index capturing `arg` free variables (the lambda's `nfree`).
    Lambda,
    /// A bitstring segment's type and modifiers (its unit must not be 0).
    Seg,
    /// An immediate (operator, type test, error kind, integer).
    Imm,
    /// The length of a window operand (shown with the window, not on its own).
    Count,
}

impl Kind {
    /// True for the kinds whose operand is a run of registers.
    pub fn is_window(self) -> bool {
        matches!(self, Kind::Win | Kind::Args | Kind::Pair | Kind::PairMoved | Kind::Triple | Kind::TripleOut)
    }
}

/// Properties of an opcode as a whole, as bits.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Flags(pub u8);

impl Flags {
    /// Execution never continues at the next instruction (jumps, returns, tail calls, raises).
    pub const ENDS: Flags = Flags(1);
    /// Pushes a frame for language code it calls (every non-tail call form).
    pub const CALL: Flags = Flags(2);
    /// Replaces the current frame (tail calls).
    pub const TAIL: Flags = Flags(4);
    /// Pops the current frame.
    pub const RETURN: Flags = Flags(8);
    /// May raise an exception.
    pub const RAISES: Flags = Flags(16);
    /// Costs a reduction (every call, a receive step), so the process may yield there.
    pub const REDUCES: Flags = Flags(32);
    /// Takes part in a convention its operands' kinds do not state, which the code generator
    /// keeps across several instructions: a `try` block (its handler is reached from any
    /// instruction before the `TryEnd`, and `Reraise` reads what the handler received), a
    /// receive loop (the mailbox's save pointer and the timer), bitstring construction and
    /// matching (`BinPrefix` and the `Bs*` instructions). Register compaction
    /// (`compiler/src/codegen/regalloc.rs`) leaves a function that has one numbered as the
    /// code generator numbered it.
    pub const IMPLICIT: Flags = Flags(64);
    /// The flag names, for documentation.
    pub const NAMES: [(Flags, &'static str); 7] = [
        (Flags::ENDS, "ends"),
        (Flags::CALL, "call"),
        (Flags::TAIL, "tail call"),
        (Flags::RETURN, "return"),
        (Flags::RAISES, "may raise"),
        (Flags::REDUCES, "reduces"),
        (Flags::IMPLICIT, "implicit convention"),
    ];

    /// Whether every bit of `f` is set.
    pub fn has(self, f: Flags) -> bool {
        self.0 & f.0 == f.0
    }
}

/// An immediate operand's value.
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Imm {
    Arith(ArithOp),
    Cmp(CmpOp),
    Type(TypeTest),
    Raise(RaiseKind),
    Seg(BinSeg),
    Int(i64),
}

/// An operand's value.
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Val {
    Reg(Reg),
    Label(Label),
    Lit(LitIdx),
    Import(ImportIdx),
    Local(LocalFn),
    Lambda(LambdaIdx),
    Imm(Imm),
}

/// One operand of an instruction, by value: its kind, its value and the kind's argument
/// (a window's length, the arity a call passes, the captured count; 0 when the kind has none).
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct Operand {
    pub kind: Kind,
    pub val: Val,
    pub arg: usize,
}

impl Operand {
    /// The register of a register or window operand.
    pub fn reg(&self) -> Option<Reg> {
        match self.val {
            Val::Reg(r) => Some(r),
            _ => None,
        }
    }

    /// The number of registers a window operand spans (0 for other kinds).
    pub fn window_len(&self) -> usize {
        match self.kind {
            Kind::Win | Kind::Args => self.arg,
            Kind::Pair | Kind::PairMoved => 2,
            Kind::Triple | Kind::TripleOut => 3,
            _ => 0,
        }
    }
}

/// A register or label operand, borrowed for rewriting; other operands are `Other`.
#[derive(Debug)]
pub enum ValMut<'a> {
    Reg(&'a mut Reg),
    Label(&'a mut Label),
    Other,
}

impl<'a> From<&'a mut Reg> for ValMut<'a> {
    fn from(r: &'a mut Reg) -> Self {
        ValMut::Reg(r)
    }
}
impl<'a> From<&'a mut Label> for ValMut<'a> {
    fn from(l: &'a mut Label) -> Self {
        ValMut::Label(l)
    }
}

macro_rules! conversions {
    ($($t:ty => |$x:ident| $val:expr),* $(,)?) => {
        $(
            impl From<$t> for Val {
                fn from($x: $t) -> Val {
                    $val
                }
            }
            impl<'a> From<&'a mut $t> for ValMut<'a> {
                fn from(_: &'a mut $t) -> Self {
                    ValMut::Other
                }
            }
        )*
    };
}

conversions!(
    LitIdx => |x| Val::Lit(x),
    ImportIdx => |x| Val::Import(x),
    LocalFn => |x| Val::Local(x),
    LambdaIdx => |x| Val::Lambda(x),
    ArithOp => |x| Val::Imm(Imm::Arith(x)),
    CmpOp => |x| Val::Imm(Imm::Cmp(x)),
    TypeTest => |x| Val::Imm(Imm::Type(x)),
    RaiseKind => |x| Val::Imm(Imm::Raise(x)),
    BinSeg => |x| Val::Imm(Imm::Seg(x)),
    i32 => |x| Val::Imm(Imm::Int(x as i64)),
    u32 => |x| Val::Imm(Imm::Int(x as i64)),
    u16 => |x| Val::Imm(Imm::Int(x as i64)),
    u8 => |x| Val::Imm(Imm::Int(x as i64)),
);

impl From<Reg> for Val {
    fn from(r: Reg) -> Val {
        Val::Reg(r)
    }
}
impl From<Label> for Val {
    fn from(l: Label) -> Val {
        Val::Label(l)
    }
}

/// The declaration of one operand.
#[derive(Copy, Clone, Debug)]
pub struct OperandInfo {
    /// The field's name (`dst`).
    pub name: &'static str,
    /// Its Rust type (`Reg`).
    pub ty: &'static str,
    pub kind: Kind,
    /// The kind's argument as written (`n`, `2 * n as usize`), or `""`.
    pub arg: &'static str,
}

/// The declaration of one opcode.
#[derive(Copy, Clone, Debug)]
pub struct OpInfo {
    /// The variant name (`IsConsGetList`).
    pub name: &'static str,
    /// The section of the instruction list it is declared in.
    pub group: &'static str,
    /// Its doc comment, one entry per line (each with the leading space rustdoc keeps).
    pub doc: &'static [&'static str],
    pub flags: Flags,
    /// Its operands in declaration (and encoding) order.
    pub operands: &'static [OperandInfo],
}

impl OpInfo {
    /// The mnemonic the disassembler prints: the name in snake case (`is_cons_get_list`),
    /// as `erts_debug:df` names the BEAM's instructions.
    pub fn mnemonic(&self) -> String {
        let mut s = String::with_capacity(self.name.len() + 4);
        for (i, c) in self.name.chars().enumerate() {
            if c.is_ascii_uppercase() {
                if i > 0 {
                    s.push('_');
                }
                s.push(c.to_ascii_lowercase());
            } else {
                s.push(c);
            }
        }
        s
    }
}

/// Declares the instruction set: `"group" => { /// doc  Name { field: Type = Kind(arg), .. }
/// [FLAG | FLAG], .. }`. See the module documentation for what it generates.
macro_rules! instructions {
    (
        $(#[$enum_attr:meta])*
        $(
            $group:literal => {
                $(
                    $(#[doc = $doc:literal])*
                    $name:ident $({ $($f:ident : $t:ty = $k:ident $(($($ka:tt)*))?),* $(,)? })? [$($flag:ident)|*]
                ),* $(,)?
            }
        ),* $(,)?
    ) => {
        $(#[$enum_attr])*
        pub enum Op {
            $($(
                $(#[doc = $doc])*
                $name $({ $($f: $t),* })?,
            )*)*
        }

        /// The opcodes as a fieldless enum, so that `Opcode::X as usize` is `X`'s index.
        #[allow(dead_code)]
        enum Opcode {
            $($($name,)*)*
        }

        impl Op {
            /// Every opcode's declaration, in opcode order.
            pub const INFO: &'static [$crate::bytecode::isa::OpInfo] = &[
                $($(
                    $crate::bytecode::isa::OpInfo {
                        name: stringify!($name),
                        group: $group,
                        doc: &[$($doc),*],
                        flags: $crate::bytecode::isa::Flags(0 $(| $crate::bytecode::isa::Flags::$flag.0)*),
                        operands: &[$($(
                            $crate::bytecode::isa::OperandInfo {
                                name: stringify!($f),
                                ty: stringify!($t),
                                kind: $crate::bytecode::isa::Kind::$k,
                                arg: concat!("" $(, stringify!($($ka)*))?),
                            },
                        )*)?],
                    },
                )*)*
            ];

            /// The opcode names, in opcode order (`--stats`, the disassembler).
            pub const NAMES: &'static [&'static str] = &[$($(stringify!($name),)*)*];

            /// This instruction's opcode: its index in [`Op::INFO`] and [`Op::NAMES`] (and the
            /// encoded variant index).
            pub fn opcode(&self) -> usize {
                match self {
                    $($(Op::$name { .. } => Opcode::$name as usize,)*)*
                }
            }

            /// This instruction's declaration.
            pub fn info(&self) -> &'static $crate::bytecode::isa::OpInfo {
                &Op::INFO[self.opcode()]
            }

            /// Every operand, by value, in declaration order, with its kind and the kind's
            /// argument evaluated.
            #[inline]
            pub fn operands(&self) -> smallvec::SmallVec<[$crate::bytecode::isa::Operand; 6]> {
                let mut _v = smallvec::SmallVec::new();
                match *self {
                    $($(
                        Op::$name $({ $($f),* })? => {
                            $($(
                                _v.push($crate::bytecode::isa::Operand {
                                    kind: $crate::bytecode::isa::Kind::$k,
                                    val: $crate::bytecode::isa::Val::from($f),
                                    arg: 0 $(+ (($($ka)*) as usize))?,
                                });
                            )*)?
                        }
                    )*)*
                }
                _v
            }

            /// Every operand with its kind, borrowed: registers and labels for rewriting,
            /// anything else as [`crate::bytecode::isa::ValMut::Other`].
            #[inline]
            pub fn operands_mut(&mut self) -> smallvec::SmallVec<[($crate::bytecode::isa::Kind, $crate::bytecode::isa::ValMut<'_>); 6]> {
                let mut _v = smallvec::SmallVec::new();
                match self {
                    $($(
                        Op::$name $({ $($f),* })? => {
                            $($(
                                _v.push(($crate::bytecode::isa::Kind::$k, $crate::bytecode::isa::ValMut::from($f)));
                            )*)?
                        }
                    )*)*
                }
                _v
            }
        }
    };
}

// ---- immediates as the disassembler prints them ------------------------------------------

impl std::fmt::Display for RaiseKind {
    /// The Erlang reason's tag: `badmatch`, `case_clause`, `function_clause`...
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RaiseKind::Badmatch => "badmatch",
            RaiseKind::CaseClause => "case_clause",
            RaiseKind::CondClause => "cond_clause",
            RaiseKind::TryClause => "try_clause",
            RaiseKind::WithClause => "with_clause",
            RaiseKind::FunctionClause => "function_clause",
            RaiseKind::Badarg => "badarg",
        })
    }
}

impl std::fmt::Display for BinSeg {
    /// The segment's modifiers as Elixir writes them: `integer-big-unsigned-unit(1)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ty = match self.ty {
            super::op::BinType::Integer => "integer",
            super::op::BinType::Float => "float",
            super::op::BinType::Binary => "binary",
            super::op::BinType::Bitstring => "bitstring",
            super::op::BinType::Utf8 => "utf8",
            super::op::BinType::Utf16 => "utf16",
            super::op::BinType::Utf32 => "utf32",
        };
        let endian = if self.little { "little" } else { "big" };
        let sign = if self.signed { "signed" } else { "unsigned" };
        write!(f, "{ty}-{endian}-{sign}-unit({})", self.unit)
    }
}

impl std::fmt::Display for Imm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Imm::Arith(x) => x.fmt(f),
            Imm::Cmp(x) => x.fmt(f),
            Imm::Type(x) => x.fmt(f),
            Imm::Raise(x) => x.fmt(f),
            Imm::Seg(x) => x.fmt(f),
            Imm::Int(x) => x.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytecode::Op;

    /// Every operand's kind fits its type (so the verifier's and the facts' dispatch on
    /// (kind, value) never meets a pair it does not know), and a kind that needs an argument
    /// has one.
    #[test]
    fn operand_kinds_fit_their_types() {
        for op in Op::INFO {
            for o in op.operands {
                let ok = match o.kind {
                    Kind::Src | Kind::Read | Kind::OptRead | Kind::Dst | Kind::DstOk | Kind::DstIf | Kind::SrcMoved | Kind::ReadMoved => o.ty == "Reg",
                    Kind::Win | Kind::Args | Kind::Pair | Kind::PairMoved | Kind::Triple | Kind::TripleOut => o.ty == "Reg",
                    Kind::Target | Kind::Branch | Kind::Fail => o.ty == "Label",
                    Kind::Lit | Kind::Atom | Kind::Keys => o.ty == "LitIdx",
                    Kind::Import | Kind::ImportArgs => o.ty == "ImportIdx",
                    Kind::Local => o.ty == "LocalFn",
                    Kind::Lambda => o.ty == "LambdaIdx",
                    Kind::Seg => o.ty == "BinSeg",
                    Kind::Imm => o.ty != "Reg" && o.ty != "Label" && o.ty != "LitIdx",
                    Kind::Count => o.ty == "u16",
                };
                assert!(ok, "{}.{}: kind {:?} on a {}", op.name, o.name, o.kind, o.ty);
                let needs_arg = matches!(o.kind, Kind::Win | Kind::Args | Kind::Keys | Kind::ImportArgs | Kind::Local | Kind::Lambda);
                assert_eq!(needs_arg, !o.arg.is_empty(), "{}.{}: argument of {:?}", op.name, o.name, o.kind);
            }
            // A DstOk write is certain only when its fail label is absent: the op must have one.
            if op.operands.iter().any(|o| o.kind == Kind::DstOk) {
                assert!(op.operands.iter().any(|o| o.kind == Kind::Fail), "{}: DstOk without a Fail label", op.name);
            }
            // Frame-leaving opcodes never fall through.
            if op.flags.has(Flags::TAIL) || op.flags.has(Flags::RETURN) {
                assert!(op.flags.has(Flags::ENDS), "{}", op.name);
            }
        }
    }

    /// `opcode()` is the declaration index, `operands()` follows the declaration, and the
    /// kind arguments are evaluated from the instruction's own fields.
    #[test]
    fn generated_accessors_follow_the_declaration() {
        let op = Op::Map { dst: Reg(1), start: Reg(2), n: 3 };
        assert_eq!(Op::NAMES[op.opcode()], "Map");
        assert_eq!(op.info().name, "Map");
        let ops = op.operands();
        assert_eq!(ops.len(), 3);
        assert_eq!((ops[1].kind, ops[1].val, ops[1].window_len()), (Kind::Win, Val::Reg(Reg(2)), 6));
        let call = Op::Call { func: LocalFn(4), base: Reg(5), argc: 2, dst: Reg(0) };
        assert_eq!(call.operands()[0].arg, 2);
        assert!(call.info().flags.has(Flags::CALL) && call.info().flags.has(Flags::REDUCES));
        assert_eq!(Op::RecvAccept.operands().len(), 0);
        assert_eq!(Op::INFO.iter().position(|i| i.name == "IsConsTakeList"), Some(33));
        assert_eq!(Op::INFO[0].mnemonic(), "move");
        assert_eq!(Op::INFO.iter().find(|i| i.name == "IsConsGetList").unwrap().mnemonic(), "is_cons_get_list");
    }
}
