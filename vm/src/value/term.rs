//! The term: every value of the language.
//!
//! Layout (16 bytes: a tag and an 8-byte payload; checked by a test):
//!
//! | tag      | payload                 | Elixir                      |
//! |----------|-------------------------|-----------------------------|
//! | `Int`    | `i64`                   | small integers (fast path)  |
//! | `Float`  | `f64`                   | floats                      |
//! | `Atom`   | [`Atom`] index          | atoms, `nil`, `true`, `false`, module names |
//! | `Nil`    | —                       | the empty list `[]`         |
//! | `Pid`    | [`Pid`]                 | process identifiers         |
//! | `Ref`    | `u64`                   | references                  |
//! | `Big`    | `Rc<BigInt>`            | integers outside i64 (never holds a value that fits i64) |
//! | `Cons`   | `ConsRc` (40-byte block) | a list cell `[h | t]`       |
//! | `Tuple`  | [`TupleRc`]             | tuples (one block: header and elements, see `tuple.rs`) |
//! | `Map`    | `Rc<MapT>`              | maps (flatmap / hashmap as OTP 25, see `map/`) and structs |
//! | `Binary` | `Rc<Bin>`               | binaries / strings (UTF-8); appends in place (see `bin.rs`) |
//! | `Fun`    | `Rc<Fun>`               | closures and external funs  |
//!
//! The six immediates come first, so "owns nothing" is one comparison of the tag.
//!
//! Terms are immutable, so they are acyclic and reference counting never leaks; long lists are
//! dropped iteratively (see `value::cons`).

use super::atom::Atom;
use super::bin::Bin;
pub use super::tuple::TupleRc;
use crate::code::module::ModuleInstance;
use num_bigint::BigInt;
use std::cmp::Ordering;
use std::rc::Rc;

/// Maps: a flatmap up to 32 keys, a hashmap above, as on OTP 25 (see `value::map`).
pub use super::map::MapT;

/// A process identifier, printed `#PID<0.N.0>`: `.0` is the number N (unique for the life of
/// the VM, increasing for each new process), `.1` the process-table slot the process was given
/// ([`Pid::NO_SLOT`] when unknown, e.g. after `:erlang.list_to_pid/1`).
///
/// Follows the idea of OTP's `erl_ptab.c`: the pid itself leads to the slot without hashing,
/// and the table checks that the slot still holds *this* number (a dead process's slot may be
/// reused by a new process, whose number differs). Equality, order and hashing use the number
/// only, so a pid rebuilt from its text equals the original.
#[derive(Copy, Clone, Debug)]
pub struct Pid(pub u32, pub u32);

impl Pid {
    /// The slot hint of a pid whose slot is not known: the table finds it by its number.
    pub const NO_SLOT: u32 = u32::MAX;

    /// The pid with number `n` (as `#PID<0.n.0>` prints it), slot unknown.
    pub fn from_number(n: u32) -> Pid {
        Pid(n, Pid::NO_SLOT)
    }
}

impl PartialEq for Pid {
    fn eq(&self, other: &Pid) -> bool {
        crate::dist::ext::pid_eq(*self, *other)
    }
}
impl Eq for Pid {}
impl std::hash::Hash for Pid {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.0.hash(h)
    }
}
impl PartialOrd for Pid {
    fn partial_cmp(&self, other: &Pid) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Pid {
    fn cmp(&self, other: &Pid) -> Ordering {
        crate::dist::ext::cmp_pids(*self, *other)
    }
}

pub use super::cons::{Cons, ConsRc};

/// A function value.
#[derive(Debug)]
pub enum Fun {
    /// A local fun (`fn ... end`, `&local/1`): bound to the module instance that created it
    /// (hot-code rule R6); `lambda` indexes that instance's lambda table; `env` holds the
    /// captured free variables, in the order of the lambda's free-variable list.
    /// `entry` is where a call of it starts, read from the instance once when the fun is made
    /// (build one with [`Fun::local`]).
    Local { instance: Rc<ModuleInstance>, lambda: u32, env: Vec<Term>, entry: FunEntry },
    /// An external fun `&Mod.f/2`: resolved through the export table at call time (R3).
    External { module: Atom, function: Atom, arity: u32 },
    /// Another node's local fun whose code is not loaded here (`NEW_FUN_EXT`, opaque).
    Foreign(Box<super::foreign_fun::ForeignFun>),
}

/// Where a call of a local fun starts: its lambda's function in the instance, that function's
/// first instruction and the registers its frame needs. Read from the instance's lambda and
/// function tables when the fun is made, so that a call (the interpreter's fun-call fast path,
/// `interp/calls.rs` `local_fun_target`) reaches the code in one load from the fun instead of
/// walking the two tables on every call. Valid while the fun holds its instance (the code of
/// a loaded instance never moves).
#[derive(Clone, Copy, Debug)]
pub struct FunEntry {
    /// The first instruction of the lambda's function; null when the lambda index does not
    /// name a function of the instance (calls then take the checked path, which raises).
    pub code: *const crate::bytecode::Op,
    /// Index of the lambda's function in the instance's function table.
    pub func: u32,
    /// The fun's arity (without the captured variables).
    pub arity: u32,
    /// Registers the callee's frame needs: at least the arguments and the captured variables.
    pub nregs: u32,
}

impl Fun {
    /// The local fun of lambda `lambda` of `instance`, capturing `env`, with its [`FunEntry`].
    pub fn local(instance: Rc<ModuleInstance>, lambda: u32, env: Vec<Term>) -> Fun {
        let mut entry = FunEntry { code: std::ptr::null(), func: 0, arity: u32::MAX, nregs: 1 };
        if let Some(l) = instance.lambdas.get(lambda as usize) {
            entry.arity = l.arity;
            entry.func = l.function;
            if let Some(f) = instance.image.functions.get(l.function as usize) {
                entry.code = f.code.as_ptr();
                let needed = (l.arity as usize).saturating_add(env.len());
                entry.nregs = u32::try_from(needed).unwrap_or(u32::MAX).max(f.nregs).max(1);
            }
        }
        Fun::Local { instance, lambda, env, entry }
    }
}

impl Drop for Fun {
    /// Captured terms that are the last reference to a container (a closure capturing a closure
    /// a million deep, or a deep tuple) are dropped through [`crate::value::drop::drop_terms`],
    /// so dropping a fun never recurses on the Rust stack.
    fn drop(&mut self) {
        use crate::value::drop::{drop_terms, needs_work_list};
        let env = match self {
            Fun::Local { env, .. } => env,
            Fun::Foreign(f) => &mut f.env,
            Fun::External { .. } => return,
        };
        if needs_work_list(env) {
            drop_terms(std::mem::take(env));
        }
    }
}

impl Fun {
    pub fn arity(&self) -> u32 {
        match self {
            Fun::Local { entry, .. } => entry.arity,
            Fun::External { arity, .. } => *arity,
            Fun::Foreign(f) => f.arity,
        }
    }

    /// What the BEAM compares a local fun by (`erl_utils.c`, OTP 25): module, index, old uniq
    /// and free variables; `None` for an external fun.
    pub fn local_key(&self) -> Option<(Atom, u32, i64, &[Term])> {
        match self {
            Fun::Local { instance, lambda, env, .. } => Some((instance.name, *lambda, crate::value::inspect::fun_uniq(&instance.md5) as i64, env)),
            Fun::Foreign(f) => Some((f.module, f.index, f.old_uniq, &f.env)),
            Fun::External { .. } => None,
        }
    }
}

/// The bit that marks a `Term::Ref` as a port (a socket, `io/tcp.rs`) rather than a
/// reference; printed `#Port<0.N>`.
pub const PORT_BIT: u64 = 1 << 63;

/// A value of the language. See the module documentation for the layout.
#[derive(Clone, Debug)]
pub enum Term {
    // The variants that own nothing come first, so that "owns nothing" is one comparison of
    // the tag ([`Term::owns_nothing`], which every register write of the interpreter asks).
    Int(i64),
    Float(f64),
    Atom(Atom),
    Nil,
    Pid(Pid),
    Ref(u64),
    Big(Rc<BigInt>),
    Cons(ConsRc),
    Tuple(TupleRc),
    Map(Rc<MapT>),
    Binary(Rc<Bin>),
    Fun(Rc<Fun>),
}

/// The default term is `[]` (what a register holds before it is written): `std::mem::take`
/// on a register moves its term out and leaves `[]`.
impl Default for Term {
    #[inline]
    fn default() -> Term {
        Term::Nil
    }
}

impl Term {
    /// The built-in type a protocol dispatches this term on, as Elixir names it (`defimpl P,
    /// for: Integer`, and the "of type Integer" of `Protocol.UndefinedError`): `Atom`,
    /// `BitString`, `Float`, `Function`, `Integer`, `List`, `Map`, `PID`, `Reference` or `Tuple`.
    /// A struct is a `Map` here; its own name comes from its `__struct__` key.
    pub fn protocol_type(&self) -> &'static str {
        match self {
            Term::Atom(_) => "Atom",
            Term::Binary(_) => "BitString",
            Term::Float(_) => "Float",
            Term::Fun(_) => "Function",
            Term::Int(_) | Term::Big(_) => "Integer",
            Term::Nil | Term::Cons(_) => "List",
            Term::Map(_) => "Map",
            Term::Pid(_) => "PID",
            Term::Ref(_) => "Reference",
            Term::Tuple(_) => "Tuple",
        }
    }

    /// Whether the term holds no reference count (an immediate: integer, float, atom, `[]`,
    /// pid, reference), so overwriting it needs no destructor.
    #[inline(always)]
    pub fn owns_nothing(&self) -> bool {
        matches!(self, Term::Int(_) | Term::Float(_) | Term::Atom(_) | Term::Nil | Term::Pid(_) | Term::Ref(_))
    }

    pub const NIL_ATOM: Term = Term::Atom(Atom::NIL);
    pub const TRUE: Term = Term::Atom(Atom::TRUE);
    pub const FALSE: Term = Term::Atom(Atom::FALSE);
    pub const OK: Term = Term::Atom(Atom::OK);

    pub fn atom(name: &str) -> Term {
        Term::Atom(Atom::intern(name))
    }
    pub fn bool(b: bool) -> Term {
        Term::Atom(Atom::from_bool(b))
    }
    pub fn string(s: &str) -> Term {
        Term::Binary(Rc::new(Bin::new(s.as_bytes().to_vec())))
    }
    pub fn binary(b: Vec<u8>) -> Term {
        Term::Binary(Rc::new(Bin::new(b)))
    }
    /// A tuple of `items` (moved into the tuple's one block; the `Vec` is freed).
    pub fn tuple(items: Vec<Term>) -> Term {
        Term::Tuple(TupleRc::from_vec(items))
    }
    /// A tuple of the elements `items` yields, in order, built in place when the iterator
    /// knows its length.
    pub fn tuple_from(items: impl IntoIterator<Item = Term>) -> Term {
        Term::Tuple(TupleRc::from_iter(items))
    }
    /// A tuple of clones of `items` (one allocation).
    #[inline]
    pub fn tuple_cloned(items: &[Term]) -> Term {
        Term::Tuple(TupleRc::from_slice(items))
    }
    /// The 2-tuple `{a, b}`: one allocation.
    #[inline]
    pub fn pair(a: Term, b: Term) -> Term {
        Term::Tuple(TupleRc::pair(a, b))
    }
    #[inline]
    pub fn cons(head: Term, tail: Term) -> Term {
        Term::Cons(ConsRc::new(head, tail))
    }
    /// A proper list of `items`.
    pub fn list(items: Vec<Term>) -> Term {
        Self::list_with_tail(items, Term::Nil)
    }
    /// `[items... | tail]`.
    pub fn list_with_tail(items: Vec<Term>, tail: Term) -> Term {
        let mut acc = tail;
        for item in items.into_iter().rev() {
            acc = Term::cons(item, acc);
        }
        acc
    }
    pub fn map(m: MapT) -> Term {
        Term::Map(Rc::new(m))
    }
    /// An integer from a BigInt, normalised to `Int` when it fits.
    pub fn from_bigint(b: BigInt) -> Term {
        use num_traits::ToPrimitive;
        match b.to_i64() {
            Some(i) => Term::Int(i),
            None => Term::Big(Rc::new(b)),
        }
    }
    /// Elixir truthiness: everything except `nil` and `false` is true.
    #[inline]
    pub fn is_truthy(&self) -> bool {
        !matches!(self, Term::Atom(a) if *a == Atom::NIL || *a == Atom::FALSE)
    }
    pub fn as_atom(&self) -> Option<Atom> {
        match self {
            Term::Atom(a) => Some(*a),
            _ => None,
        }
    }
    pub fn is_atom(&self, a: Atom) -> bool {
        matches!(self, Term::Atom(x) if *x == a)
    }
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Term::Binary(b) => Some(b),
            _ => None,
        }
    }
    /// Collects a proper list into a Vec; `None` for an improper list or a non-list.
    pub fn list_to_vec(&self) -> Option<Vec<Term>> {
        // Count first so the Vec is allocated once (natives call this on many short lists).
        let mut n = 0usize;
        let mut cur = self;
        while let Term::Cons(c) = cur {
            n += 1;
            cur = &c.tail;
        }
        if !matches!(cur, Term::Nil) {
            return None;
        }
        let mut out = Vec::with_capacity(n);
        let mut cur = self;
        loop {
            match cur {
                Term::Nil => return Some(out),
                Term::Cons(c) => {
                    out.push(c.head.clone());
                    cur = &c.tail;
                }
                _ => return None,
            }
        }
    }
    pub fn is_number(&self) -> bool {
        matches!(self, Term::Int(_) | Term::Big(_) | Term::Float(_))
    }
    /// Rank of the type in Erlang's term order:
    /// number < atom < reference < fun < port < pid < tuple < map < list (incl. `[]`) < bitstring.
    pub fn type_rank(&self) -> u8 {
        match self {
            Term::Int(_) | Term::Big(_) | Term::Float(_) => 0,
            Term::Atom(_) => 1,
            Term::Ref(_) => 2,
            Term::Fun(_) => 3,
            Term::Pid(_) => 5,
            Term::Tuple(_) => 6,
            Term::Map(_) => 7,
            Term::Nil | Term::Cons(_) => 8,
            Term::Binary(_) => 9,
        }
    }
}

fn cmp_int_float(i: &Term, f: f64) -> Ordering {
    let fi = match i {
        Term::Int(i) => *i as f64,
        Term::Big(b) => {
            use num_traits::ToPrimitive;
            b.to_f64().unwrap_or(if b.sign() == num_bigint::Sign::Minus { f64::NEG_INFINITY } else { f64::INFINITY })
        }
        _ => unreachable!(),
    };
    fi.partial_cmp(&f).unwrap_or(Ordering::Equal)
}

fn cmp_numbers(a: &Term, b: &Term, exact: bool) -> Ordering {
    match (a, b) {
        (Term::Int(x), Term::Int(y)) => x.cmp(y),
        (Term::Float(x), Term::Float(y)) => x.partial_cmp(y).unwrap_or(Ordering::Equal),
        (Term::Big(x), Term::Big(y)) => x.cmp(y),
        (Term::Int(x), Term::Big(y)) => BigInt::from(*x).cmp(y),
        (Term::Big(x), Term::Int(y)) => (**x).cmp(&BigInt::from(*y)),
        // In map-key order (exact) every integer sorts before every float, as in Erlang.
        (_, Term::Float(_)) if exact => Ordering::Less,
        (Term::Float(_), _) if exact => Ordering::Greater,
        (i, Term::Float(f)) => cmp_int_float(i, *f),
        (Term::Float(f), i) => cmp_int_float(i, *f).reverse(),
        _ => unreachable!(),
    }
}

/// Compares in Erlang's term order. With `exact == false` numbers compare by value
/// (`1 == 1.0`, the order of `<`, `==`, `Enum.sort`); with `exact == true` every integer sorts
/// before every float (the order of map keys; `===` equality).
pub fn compare(a: &Term, b: &Term, exact: bool) -> Ordering {
    // Iterative: the pairs still to compare wait on an explicit stack (the next pair on top),
    // so terms nested a million deep (tuples, lists, maps) never recurse on the Rust stack.
    let mut stack: Vec<(&Term, &Term, bool)> = vec![(a, b, exact)];
    while let Some((a, b, exact)) = stack.pop() {
        let o = compare_one(a, b, exact, &mut stack);
        if o != Ordering::Equal {
            return o;
        }
    }
    Ordering::Equal
}

/// Compares the tops of `a` and `b`; for containers of equal shape, pushes their element pairs
/// on `stack` (first pair on top) and answers `Equal` for now.
fn compare_one<'a>(a: &'a Term, b: &'a Term, exact: bool, stack: &mut Vec<(&'a Term, &'a Term, bool)>) -> Ordering {
    let (ra, rb) = (a.type_rank(), b.type_rank());
    if ra != rb {
        return ra.cmp(&rb);
    }
    match (a, b) {
        (x, y) if ra == 0 => cmp_numbers(x, y, exact),
        (Term::Atom(x), Term::Atom(y)) => {
            if x == y { Ordering::Equal } else { x.name().cmp(y.name()) }
        }
        (Term::Ref(x), Term::Ref(y)) => crate::dist::ext::cmp_refs(*x, *y),
        (Term::Pid(x), Term::Pid(y)) => x.cmp(y),
        // External funs are equal when they name the same function (`&M.f/1 == &M.f/1`).
        (Term::Fun(x), Term::Fun(y)) => match (&**x, &**y) {
            (Fun::External { module: m1, function: f1, arity: a1 }, Fun::External { module: m2, function: f2, arity: a2 }) => {
                (m1.name(), f1.name(), a1).cmp(&(m2.name(), f2.name(), a2))
            }
            (Fun::External { .. }, _) => Ordering::Greater,
            (_, Fun::External { .. }) => Ordering::Less,
            // Local funs (this node's or another's) as the BEAM compares them: module, index,
            // uniq, number of free variables, then the free variables.
            (fx, fy) => match (fx.local_key(), fy.local_key()) {
                (Some((m1, i1, u1, e1)), Some((m2, i2, u2, e2))) => {
                    let o = if m1 == m2 { Ordering::Equal } else { m1.name().cmp(m2.name()) };
                    let o = o.then(i1.cmp(&i2)).then(u1.cmp(&u2)).then(e1.len().cmp(&e2.len()));
                    if o == Ordering::Equal {
                        for (p, q) in e1.iter().zip(e2.iter()).rev() {
                            stack.push((p, q, exact));
                        }
                    }
                    o
                }
                _ => Ordering::Equal,
            },
        },
        (Term::Tuple(x), Term::Tuple(y)) => {
            if TupleRc::ptr_eq(x, y) {
                return Ordering::Equal;
            }
            match x.len().cmp(&y.len()) {
                Ordering::Equal => {}
                o => return o,
            }
            for (p, q) in x.iter().zip(y.iter()).rev() {
                stack.push((p, q, exact));
            }
            Ordering::Equal
        }
        (Term::Map(x), Term::Map(y)) => {
            if Rc::ptr_eq(x, y) {
                return Ordering::Equal;
            }
            match x.len().cmp(&y.len()) {
                Ordering::Equal => {}
                o => return o,
            }
            // keys in (exact) key order first, then values; a hashmap's entries are
            // sorted first (its iteration order follows the hash)
            let (sx, sy) = (x.sorted(), y.sorted());
            for ((_, v1), (_, v2)) in sx.iter().zip(sy.iter()).rev() {
                stack.push((v1, v2, exact));
            }
            for ((k1, _), (k2, _)) in sx.iter().zip(sy.iter()).rev() {
                stack.push((k1, k2, true));
            }
            Ordering::Equal
        }
        (Term::Nil, Term::Nil) => Ordering::Equal,
        (Term::Nil, Term::Cons(_)) => Ordering::Less,
        (Term::Cons(_), Term::Nil) => Ordering::Greater,
        (Term::Cons(x), Term::Cons(y)) => {
            if ConsRc::ptr_eq(x, y) {
                return Ordering::Equal;
            }
            stack.push((&x.tail, &y.tail, exact));
            stack.push((&x.head, &y.head, exact));
            Ordering::Equal
        }
        (Term::Binary(x), Term::Binary(y)) => x.as_slice().cmp(y.as_slice()),
        _ => Ordering::Equal,
    }
}

/// Exact equality (`===`, pattern matching, map keys): `1 !== 1.0`.
impl PartialEq for Term {
    fn eq(&self, other: &Term) -> bool {
        match (self, other) {
            (Term::Int(a), Term::Int(b)) => a == b,
            (Term::Atom(a), Term::Atom(b)) => a == b,
            (Term::Nil, Term::Nil) => true,
            // A selective receive on a reference (`{^ref, reply}`) and pids in messages.
            (Term::Ref(a), Term::Ref(b)) => a == b,
            (Term::Pid(a), Term::Pid(b)) => a == b,
            (Term::Binary(a), Term::Binary(b)) => a == b,
            (Term::Fun(a), Term::Fun(b)) => Rc::ptr_eq(a, b) || compare(self, other, true) == Ordering::Equal,
            _ => self.type_rank() == other.type_rank() && compare(self, other, true) == Ordering::Equal,
        }
    }
}
impl Eq for Term {}

/// The exact term order (map-key order): see [`compare`].
impl Ord for Term {
    fn cmp(&self, other: &Term) -> Ordering {
        compare(self, other, true)
    }
}
impl PartialOrd for Term {
    fn partial_cmp(&self, other: &Term) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Term {
    /// Numeric-aware equality (`==`): `1 == 1.0`.
    pub fn eq_num(&self, other: &Term) -> bool {
        compare(self, other, false) == Ordering::Equal
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn term_is_16_bytes() {
        assert_eq!(std::mem::size_of::<Term>(), 16);
    }
    #[test]
    fn order_across_types() {
        let items = vec![
            Term::Int(1),
            Term::atom("a"),
            Term::tuple(vec![]),
            Term::map(MapT::new()),
            Term::Nil,
            Term::list(vec![Term::Int(1)]),
            Term::string("a"),
        ];
        for w in items.windows(2) {
            assert_eq!(compare(&w[0], &w[1], false), Ordering::Less, "{:?} < {:?}", w[0], w[1]);
        }
        assert_eq!(compare(&Term::Int(1), &Term::Float(1.0), false), Ordering::Equal);
        assert_eq!(compare(&Term::Int(1), &Term::Float(1.0), true), Ordering::Less);
        assert!(Term::Int(1) != Term::Float(1.0));
        assert!(Term::Int(1).eq_num(&Term::Float(1.0)));
    }
    #[test]
    fn long_list_drops_without_overflow() {
        let mut l = Term::Nil;
        for i in 0..1_000_000 {
            l = Term::cons(Term::Int(i), l);
        }
        drop(l);
    }
}
