//! The instruction set: one enum, each instruction declared once with its operands and effect.
//!
//! ## Machine model
//! A process runs a stack of frames (on the heap, never on the Rust stack). Each frame has a
//! window of registers `r0..r(nregs-1)` (Lua-style frame slots) in the process's register
//! stack. On entry to a function of arity `n`, its arguments are in `r0..r(n-1)`; a lambda body
//! (see [`crate::bytecode::image::Lambda`]) additionally finds its captured free variables in
//! `r(n)..r(n+nfree-1)`. All other registers start as `[]`.
//!
//! **Calls** (Lua's convention): the caller evaluates the arguments into consecutive registers
//! `base..base+argc`; the callee's window starts at the caller's `base`, so the arguments
//! become the callee's `r0..`. Every register at or above `base` is clobbered by a call; the
//! result is written to `dst` (which may be below or equal to `base`). A tail call first moves
//! `base..base+argc` down to `r0..` and then replaces the current frame (constant space).
//!
//! **Tests** jump to `fail` when the test does not hold and fall through when it does. Guard
//! forms of instructions that can raise take a `fail` label: [`Label::NONE`] means "raise the
//! error", any other label means "jump there instead" (used inside guards).
//!
//! **Reductions**: one per call of any kind (local, remote, fun, native) and per
//! [`Op::RecvPeek`]; when the budget of the time slice runs out, the process yields at the call.
//!
//! Labels are absolute instruction indexes within the function.

use serde::{Deserialize, Serialize};

/// The operators of the arithmetic, comparison and type-test instructions are the language's
/// own, declared with the term functions that give them meaning (`value/`, the lowest layer).
pub use crate::value::arith::ArithOp;
pub use crate::value::comparison::CmpOp;
pub use crate::value::type_test::TypeTest;

/// A register of the current frame.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub struct Reg(pub u16);
impl Reg {
    /// "No register": an optional register operand that is absent (e.g. the default size of
    /// [`Op::BsPut`]).
    pub const NONE: Reg = Reg(u16::MAX);
    pub fn is_none(self) -> bool {
        self.0 == u16::MAX
    }
}

/// An instruction index within the current function.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Label(pub u32);
impl Label {
    /// "No label": the instruction raises instead of jumping.
    pub const NONE: Label = Label(u32::MAX);
    pub fn is_none(self) -> bool {
        self.0 == u32::MAX
    }
}

/// An index into the module's literal pool.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LitIdx(pub u32);

/// An index into the module's function table (a local call target).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LocalFn(pub u32);

/// An index into the module's import table (a remote call target `{module, function, arity}`,
/// resolved through the export table at call time).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ImportIdx(pub u32);

/// An index into the module's lambda table.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LambdaIdx(pub u32);

/// Error reasons raised by [`Op::Raise`] (the Erlang reason the VM builds; Elixir's
/// exception name in brackets).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RaiseKind {
    /// `{:badmatch, value}` (MatchError)
    Badmatch,
    /// `{:case_clause, value}` (CaseClauseError)
    CaseClause,
    /// `%CondClauseError{}`; operand ignored
    CondClause,
    /// `{:try_clause, value}` (TryClauseError)
    TryClause,
    /// `{:with_clause, value}` (WithClauseError)
    WithClause,
    /// `:function_clause` (FunctionClauseError); operand ignored: the VM reports the current
    /// function and its arguments `r0..r(arity-1)`. Must be executed before any argument
    /// register is overwritten.
    FunctionClause,
    /// `{:badarg, ...}`-free plain `:badarg` (ArgumentError); operand ignored
    Badarg,
}

/// The type of a bitstring segment (`<<x::integer>>`, `::float`, `::binary`, ...).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BinType {
    /// `integer` (the default): `size * unit` bits, two's complement.
    Integer,
    /// `float`: 16, 32 or 64 bits (IEEE 754).
    Float,
    /// `binary` / `bytes`: a whole number of bytes (unit 8 by default).
    Binary,
    /// `bitstring` / `bits`: any number of bits (unit 1).
    Bitstring,
    /// `utf8`: one code point, 1 to 4 bytes.
    Utf8,
    /// `utf16`: one code point, 2 or 4 bytes.
    Utf16,
    /// `utf32`: one code point, 4 bytes.
    Utf32,
}

impl BinType {
    /// The name Erlang's error messages use (`'integer'`, `'binary'`, ...).
    pub fn name(self) -> &'static str {
        match self {
            BinType::Integer => "integer",
            BinType::Float => "float",
            BinType::Binary => "binary",
            BinType::Bitstring => "binary",
            BinType::Utf8 => "utf8",
            BinType::Utf16 => "utf16",
            BinType::Utf32 => "utf32",
        }
    }
}

/// A segment's type and modifiers: the segment's size in bits is `size * unit`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BinSeg {
    pub ty: BinType,
    /// `little` (else `big`, the default; `native` is little on every supported host).
    pub little: bool,
    /// `signed` (else `unsigned`): only matters when matching integers.
    pub signed: bool,
    /// The unit (1..=255): 1 for integers, floats and bitstrings, 8 for binaries by default.
    pub unit: u8,
}

instructions! {
    /// One instruction. See the module documentation for the machine model.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    "moves and construction" => {
        /// `dst = src`
        Move { dst: Reg = Dst, src: Reg = Src } [],
        /// `dst = src; src = []`: a move at the last use of `src` (the compiler's liveness pass
        /// emits it when no path reads `src` again before writing it), so the term changes
        /// register without touching its reference count and stays uniquely owned when it was.
        Take { dst: Reg = Dst, src: Reg = ReadMoved } [],
        /// `dst = literals[lit]` (any constant term: atom, number, string, constant list/tuple/map)
        Lit { dst: Reg = Dst, lit: LitIdx = Lit } [],
        /// `dst = val` (small integer immediate)
        Int { dst: Reg = Dst, val: i32 = Imm } [],
        /// `dst = []`
        Nil { dst: Reg = Dst } [],
        /// `dst = [head | tail]`
        Cons { dst: Reg = Dst, head: Reg = Src, tail: Reg = Src } [],
        /// `dst = [head | tail]`, moving the term out of `head` when bit 0 of `moved` is set and out
        /// of `tail` when bit 1 is, instead of copying it; a moved register is left `[]`. The
        /// optimiser's last-use pass makes it from a `Cons` whose operands die there, so a list
        /// built in a loop keeps its cells uniquely owned and no count is raised now and lowered
        /// when the register is overwritten. When `head` and `tail` name one register, only the
        /// tail is moved.
        ConsTake { dst: Reg = Dst, head: Reg = ReadMoved, tail: Reg = ReadMoved, moved: u8 = Imm } [],
        /// `dst = {r(start), ..., r(start+n-1)}`
        Tuple { dst: Reg = Dst, start: Reg = Win(n), n: u16 = Count } [],
        /// `dst = %{r(start) => r(start+1), ...}` from `n` key/value pairs in consecutive registers;
        /// a later duplicate key wins.
        Map { dst: Reg = Dst, start: Reg = Win(2 * n as usize), n: u16 = Count } [],
        /// `dst = %{k1 => r(start), ..., kn => r(start+n-1)}` where `k1..kn` are the keys of the
        /// literal map `keys` in its own (sorted) order: a map literal whose keys are all
        /// constants, as OTP's `put_map_assoc` with a literal key tuple. The new map shares the
        /// literal's key vector (one count increment) and takes `n` values; no key is compared.
        /// The literal is a flatmap of `n` distinct keys (at most 32; the verifier checks it).
        MapLit { dst: Reg = Dst, keys: LitIdx = Keys(n), start: Reg = Win(n), n: u16 = Count } [],
        /// `dst = map` with `n` key/value pairs from `start` put (added or replaced)
        /// (`Map.put/3` semantics). Raises `{:badmap, map}` if `map` is not a map.
        MapPut { dst: Reg = Dst, map: Reg = Read, start: Reg = Win(2 * n as usize), n: u16 = Count } [RAISES],
        /// `dst = %{map | k => v, ...}`: every key must already exist, else raises
        /// `{:badkey, key, map}` (KeyError); `{:badmap, map}` if `map` is not a map.
        MapUpdate { dst: Reg = Dst, map: Reg = Read, start: Reg = Win(2 * n as usize), n: u16 = Count } [RAISES],
        /// `dst = r(start) <> ... <> r(start+n-1)`: concatenates binaries; raises `:badarg`
        /// (ArgumentError) if one is not a binary.
        Concat { dst: Reg = Dst, start: Reg = Win(n), n: u16 = Count } [RAISES],
        /// `dst = to_string(src)` for string interpolation (`String.Chars`): binaries unchanged,
        /// atoms by name (`nil` → `""`), numbers in Elixir's format, charlists / iodata as text.
        /// Any other term (a struct, a tuple, a pid...) goes to the protocol: the instruction
        /// makes the remote call `String.Chars.to_string(src)` (its argument in the first register
        /// above the frame, its result into `dst`), which runs a user `defimpl String.Chars` or
        /// raises `Protocol.UndefinedError` as Elixir does.
        ToStr { dst: Reg = Dst, src: Reg = Src } [RAISES | REDUCES],
        /// `dst = fn` from the lambda table, capturing `r(start)..r(start+n-1)` as its free
        /// variables (`n` must equal the lambda's `nfree`). The fun is bound to the module
        /// instance that executes this instruction (hot-code rule R6).
        Closure { dst: Reg = Dst, lambda: LambdaIdx = Lambda(n), start: Reg = Win(n), n: u16 = Count } [],
        /// `dst = &Mod.f/arity` (an external fun, resolved at call time) for `imports[import]`.
        ExtFun { dst: Reg = Dst, import: ImportIdx = Import } [],
    },
    "arithmetic and comparison" => {
        /// `dst = a op b`; on a non-number (or `div`/`rem` by zero, or `/` by zero) raises
        /// `:badarith` or jumps to `fail` (see module docs).
        Arith { op: ArithOp = Imm, dst: Reg = DstOk, a: Reg = Src, b: Reg = Src, fail: Label = Fail } [RAISES],
        /// `dst = a op imm` with a small-integer immediate (Lua's `OP_ADDI`): the same results and
        /// errors as [`Op::Arith`] with `imm` in a register. `IntDiv`/`Rem` are emitted only with
        /// a non-zero `imm`.
        ArithI { op: ArithOp = Imm, dst: Reg = DstOk, a: Reg = Src, imm: i32 = Imm, fail: Label = Fail } [RAISES],
        /// `dst = -a` (unary minus), `badarith`/`fail` as [`Op::Arith`].
        Neg { dst: Reg = DstOk, a: Reg = Src, fail: Label = Fail } [RAISES],
        /// `dst = abs(a)` (`Kernel.abs/1`, `:erlang.abs/1` inlined); a non-number raises `:badarg`
        /// with `:erlang.abs/1` on top of the stacktrace, as the BIF does, or jumps to `fail`.
        Abs { dst: Reg = DstOk, a: Reg = Src, fail: Label = Fail } [RAISES],
        /// `dst = (a op b)` as `true`/`false`. Never fails.
        Cmp { op: CmpOp = Imm, dst: Reg = Dst, a: Reg = Src, b: Reg = Src } [],
        /// `dst = not a` for a boolean `a`; otherwise raises `:badarg` or jumps to `fail`.
        Not { dst: Reg = DstOk, a: Reg = Src, fail: Label = Fail } [RAISES],
    },
    "control" => {
        /// Jump to `target`.
        Jump { target: Label = Target } [ENDS],
        /// Jump if `cond` is truthy (anything but `nil` and `false`).
        JumpIf { cond: Reg = Src, target: Label = Branch } [],
        /// Jump if `cond` is `nil` or `false`.
        JumpUnless { cond: Reg = Src, target: Label = Branch } [],
        /// Test: fall through if `a op b` holds, else jump to `fail`.
        Test { op: CmpOp = Imm, a: Reg = Src, b: Reg = Src, fail: Label = Branch } [],
        /// Test: fall through if `a op imm` holds for the small-integer immediate `imm`, else jump
        /// to `fail` (Lua's `OP_LTI`/`OP_EQI`; the same term-order semantics as [`Op::Test`]).
        TestI { op: CmpOp = Imm, a: Reg = Src, imm: i32 = Imm, fail: Label = Branch } [],
        /// Test: fall through if `reg === literals[lit]`, else jump to `fail`.
        IsEqLit { reg: Reg = Src, lit: LitIdx = Lit, fail: Label = Branch } [],
        /// Test: fall through if `reg` has type `ty`, else jump to `fail`.
        IsType { ty: TypeTest = Imm, reg: Reg = Src, fail: Label = Branch } [],
        /// Test: fall through if `reg` is a tuple of exactly `arity` elements.
        IsTupleOf { reg: Reg = Src, arity: u32 = Imm, fail: Label = Branch } [],
        /// Test: fall through if `reg` is a fun of this arity.
        IsFunOf { reg: Reg = Src, arity: u32 = Imm, fail: Label = Branch } [],
    },
    "destructuring (after a successful type test)" => {
        /// `head = hd(src); tail = tl(src)`; `src` must be a cons (tested before).
        GetList { src: Reg = Read, head: Reg = Dst, tail: Reg = Dst } [],
        /// Superinstruction for `IsType Cons` + `GetList` (the BEAM loader's `is_nonempty_list` +
        /// `get_list`): if `src` is a cons cell, `head = hd(src); tail = tl(src)` and fall through;
        /// else jump to `fail` (registers unchanged).
        IsConsGetList { src: Reg = Read, head: Reg = DstIf, tail: Reg = DstIf, fail: Label = Branch } [],
        /// `IsConsGetList` where `src` is dead on the fall-through path (the optimiser's last-use
        /// analysis): the cell is moved out of `src` (left `[]`), and when that was its only
        /// reference the head and tail are moved out of it and the cell freed, with no count
        /// changed; a shared cell is copied as by `IsConsGetList`. Jumps to `fail` with registers
        /// unchanged when `src` is not a cons.
        IsConsTakeList { src: Reg = ReadMoved, head: Reg = DstIf, tail: Reg = DstIf, fail: Label = Branch } [],
        /// Superinstruction for `GetElem` + `IsEqLit` when the element is not needed afterwards
        /// (matching a tagged tuple such as `{:token, k, pid}`): fall through if `src` is a tuple
        /// with more than `idx` elements whose element `idx` (0-based) is `=== literals[lit]`,
        /// else jump to `fail`.
        IsElemEqLit { src: Reg = Read, idx: u32 = Imm, lit: LitIdx = Lit, fail: Label = Branch } [],
        /// Superinstruction for `IsTupleOf` + `IsElemEqLit` at element 0 with the same `fail` (the
        /// BEAM's `is_tagged_tuple`, which its loader makes from `is_tuple` + `test_arity` +
        /// `get_tuple_element` + `is_eq_exact`): fall through if `reg` is a tuple of exactly `arity`
        /// (at least 1) elements whose first element is `=== literals[lit]`, else jump to `fail`.
        IsTaggedTuple { reg: Reg = Read, arity: u32 = Imm, lit: LitIdx = Lit, fail: Label = Branch } [],
        /// `dst = elem(src, idx)` (0-based); `src` must be a tuple of sufficient arity (tested).
        GetElem { dst: Reg = Dst, src: Reg = Src, idx: u32 = Imm } [],
        /// If `map` is a map holding `key`: `dst = map[key]`, fall through; else jump to `fail`.
        /// (Also used for `%{k: v} = x` patterns: test `IsType Map` first or rely on this
        /// instruction failing on non-maps, which it does.)
        MapGet { dst: Reg = DstIf, map: Reg = Src, key: Reg = Src, fail: Label = Branch } [],
        /// `map.key` / `map[:key]` style field access: `dst = Map.fetch!(map, key)` raising
        /// `{:badkey, key, map}` (KeyError) or `{:badmap, map}` (BadMapError) — used for `m.k`
        /// when `m` is not a module alias. If `map` is an atom, this is a zero-arity remote call
        /// `map.key()` (Elixir's `m.k` on a module); the VM performs it (with a frame) and writes
        /// the result to `dst`.
        Field { dst: Reg = Dst, map: Reg = Src, key: LitIdx = Lit } [RAISES | REDUCES],
        /// If `src` is a binary starting with the bytes of the binary in `prefix`: `rest` = the
        /// remaining bytes, fall through; else jump to `fail` (`"ab" <> rest` patterns).
        BinPrefix { src: Reg = Read, prefix: Reg = Read, rest: Reg = DstIf, fail: Label = Branch } [IMPLICIT],
        /// Bitstring construction: appends one segment to the bitstring being built in `acc`
        /// (a binary holding the bytes so far, the last one possibly partial) and `acc+1` (its
        /// length in bits, an integer). `val` is the segment's value, `size` a register holding its
        /// size (an integer, multiplied by `seg.unit`), or [`Reg::NONE`] for the type's default
        /// (8 bits for integers, 64 for floats, the whole value for binaries and bitstrings).
        /// `index` is the segment's 1-based position for error messages. Raises ArgumentError
        /// (`construction of binary failed: segment 1 of type 'integer': expected an integer but
        /// got: :a`) on a bad value and `:badarg` on a bad size.
        BsPut { acc: Reg = PairMoved, val: Reg = Read, size: Reg = OptRead, seg: BinSeg = Seg, index: u8 = Imm } [RAISES | IMPLICIT],
        /// Ends a construction: `dst` = the bitstring built in `acc`/`acc+1` (see [`Op::BsPut`]).
        BsFinish { dst: Reg = Dst, acc: Reg = Pair } [IMPLICIT],
        /// Bitstring matching: reads one segment of the binary in `src` at the bit offset held in
        /// `pos` (an integer, started at 0 after an `IsType Binary` test) into `dst` and advances
        /// `pos`; jumps to `fail` when the bits left are too few or do not form a valid value
        /// (a utf8 sequence, a finite float). `size` is a register holding the segment's size
        /// (times `seg.unit`), or [`Reg::NONE`]: the type's default, and for binaries and
        /// bitstrings the rest of `src`. A size that is not a non-negative integer fails the match.
        BsGet { src: Reg = Read, pos: Reg = ReadMoved, dst: Reg = DstIf, size: Reg = OptRead, seg: BinSeg = Seg, fail: Label = Branch } [IMPLICIT],
        /// Test: fall through if `pos` is at the end of the binary in `src`, else jump to `fail`.
        BsEnd { src: Reg = Read, pos: Reg = Read, fail: Label = Branch } [IMPLICIT],
    },
    "calls" => {
        /// Local call of `functions[func]` (same module instance as the caller: rule R4) with
        /// `argc` arguments in `base..`; result to `dst`.
        Call { func: LocalFn = Local(argc), base: Reg = Args(argc), argc: u16 = Count, dst: Reg = Dst } [CALL | RAISES | REDUCES],
        /// Local tail call: args `base..` moved to `r0..`, frame replaced.
        TailCall { func: LocalFn = Local(argc), base: Reg = Args(argc), argc: u16 = Count } [ENDS | TAIL | RAISES | REDUCES],
        /// Remote call of `imports[import]` (`Mod.f(args)`): resolved in the export table at call
        /// time, so it reaches current code (rule R3); native functions (BIFs) are called the same
        /// way. Result to `dst`. Raises `:undef` (UndefinedFunctionError) if nothing is found after
        /// the autoload attempt.
        CallRemote { import: ImportIdx = ImportArgs(argc), base: Reg = Args(argc), argc: u16 = Count, dst: Reg = Dst } [CALL | RAISES | REDUCES],
        /// Remote tail call.
        TailCallRemote { import: ImportIdx = ImportArgs(argc), base: Reg = Args(argc), argc: u16 = Count } [ENDS | TAIL | RAISES | REDUCES],
        /// Remote call with the module in a register (`mod.f(x)` where `mod` is a variable or an
        /// expression); `name` is an atom literal; `argc` args in `base..`.
        CallMod { module: Reg = Read, name: LitIdx = Atom, base: Reg = Args(argc), argc: u16 = Count, dst: Reg = Dst } [CALL | RAISES | REDUCES],
        /// Tail form of [`Op::CallMod`].
        TailCallMod { module: Reg = Read, name: LitIdx = Atom, base: Reg = Args(argc), argc: u16 = Count } [ENDS | TAIL | RAISES | REDUCES],
        /// Calls the fun in `fun` with `argc` args in `base..` (`f.(x)`). Raises
        /// `{:badfun, f}` (BadFunctionError) / `{:badarity, {f, args}}` (BadArityError).
        CallFun { fun: Reg = Read, base: Reg = Args(argc), argc: u16 = Count, dst: Reg = Dst } [CALL | RAISES | REDUCES],
        /// Tail form of [`Op::CallFun`].
        TailCallFun { fun: Reg = Read, base: Reg = Args(argc), argc: u16 = Count } [ENDS | TAIL | RAISES | REDUCES],
        /// A native function (`imports[import]` must name a BIF) called in a guard: on any error
        /// jump to `fail` instead of raising. Result to `dst`. No frame, no reduction.
        GuardBif { import: ImportIdx = ImportArgs(argc), base: Reg = Win(argc), argc: u16 = Count, dst: Reg = DstIf, fail: Label = Fail } [RAISES],
        /// Return `src` to the caller (or end the process with reason `:normal` when this is the
        /// last frame).
        Return { src: Reg = SrcMoved } [ENDS | RETURN],
    },
    "messages" => {
        /// `dst = send(to, msg)`: `:erlang.send/2`, which Elixir's compiler inlines `send/2` to
        /// and the BEAM runs as its `send` instruction: a copy of `msg` goes to the process,
        /// registered name or `{name, node}` that `to` names, and `dst` is `msg`. An invalid
        /// destination raises `ArgumentError` as `:erlang.send/2` does. Not a call: no frame,
        /// no import lookup; but one reduction, as the call it replaces.
        Send { dst: Reg = Dst, to: Reg = Src, msg: Reg = Src } [RAISES | REDUCES],
        /// `loop_rec`: if there is a message at the mailbox's save pointer, `dst` = that message
        /// and fall through; else jump to `nomsg`. One reduction.
        RecvPeek { dst: Reg = DstIf, nomsg: Label = Branch } [REDUCES | IMPLICIT],
        /// `loop_rec_end`: the message did not match any clause: advance the save pointer and
        /// jump to `target` (the `RecvPeek`).
        RecvNext { target: Label = Target } [ENDS | IMPLICIT],
        /// `remove_message`: the message at the save pointer matched: take it out of the mailbox,
        /// reset the save pointer to the start, cancel the receive timer.
        RecvAccept [IMPLICIT],
        /// `wait`: suspend until a new message arrives, then jump to `target` (the `RecvPeek`).
        RecvWait { target: Label = Target } [ENDS | IMPLICIT],
        /// `wait_timeout`: `timeout` holds milliseconds (non-negative integer) or `:infinity`.
        /// On first execution in this receive, starts the timer. Suspends until a new message
        /// arrives (then jump to `target`) or the timer fires (then reset the save pointer and
        /// fall through to the `after` body). A timeout of 0 falls through at once. A bad timeout
        /// value raises `{:timeout_value}`-style `:badarg`... as ArgumentError.
        RecvWaitTimeout { timeout: Reg = Read, target: Label = Branch } [RAISES | IMPLICIT],
    },
    "errors and exceptions" => {
        /// Raise an error of class `:error` with the reason built from `kind` and `reg`.
        Raise { kind: RaiseKind = Imm, reg: Reg = Read } [ENDS | RAISES],
        /// Enter a `try`: push a catch entry. If an exception (class `:error`, `:throw` or
        /// `:exit`) is raised before the matching [`Op::TryEnd`], in this frame or any frame it
        /// calls, the stack is unwound to this frame, the entry popped, `r(dst)` = class atom,
        /// `r(dst+1)` = reason, `r(dst+2)` = stacktrace (a list of `{mod, fun, arity, [file:
        /// ..., line: ...]}`), and execution continues at `handler`. Calls inside a try body
        /// must not be tail calls.
        TryBegin { handler: Label = Branch, dst: Reg = TripleOut } [IMPLICIT],
        /// Leave a `try` normally: pop its catch entry.
        TryEnd [IMPLICIT],
        /// Re-raise the exception held in `r(class), r(class+1), r(class+2)` (class, reason,
        /// stacktrace) keeping its stacktrace (no clause of a `rescue`/`catch` matched, or after an
        /// `after` block).
        Reraise { class: Reg = Triple } [ENDS | RAISES | IMPLICIT],
    },
}
