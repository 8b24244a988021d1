//! The per-function compiler state ([`FnCx`]), the per-module state ([`ModCx`]), and clause
//! groups: the clauses of a named function and of a `fn`.

use super::emit::{Emitter, Pools};
use super::module::{Env, FnDef, UnitInfo};
use super::scope::Scope;
use super::{err, unsupported, R};
use crate::ast::{Ast, Span};
use retort_vm::bytecode::{Function, Label, Lambda, LambdaIdx, Op, RaiseKind, Reg};
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

/// State shared by every function of the module being compiled.
pub(crate) struct ModCx<'u> {
    pub pools: Pools,
    /// Number of named functions (they occupy `functions[0..named]`).
    pub named: u32,
    /// Lambda bodies, in the order they were finished (function index `named + i`).
    pub lambda_fns: Vec<Function>,
    /// `name/arity` → function index, for local calls.
    pub locals: HashMap<(String, u32), u32>,
    /// Lambda name counters per enclosing function.
    pub lambda_counter: u32,
    pub unit: &'u UnitInfo,
    /// `Some("Elixir.Demo")` in a module; `None` in the script.
    pub module: Option<String>,
    /// Counter for the names of compiler-generated temporaries (assertion lowering).
    pub gensym: u32,
}

/// Where the value of an expression goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Dest {
    /// Into this register.
    Reg(Reg),
    /// Returned from the function (calls become tail calls).
    Tail,
}

/// State of the function being compiled.
pub(crate) struct FnCx<'a, 'u> {
    pub m: &'a mut ModCx<'u>,
    pub e: Emitter,
    pub s: Scope,
    pub env: Rc<Env>,
    /// The stacktrace register inside `rescue`/`catch` bodies (`__STACKTRACE__`).
    pub stacktrace: Option<Reg>,
    /// Inside a guard: the label an error jumps to.
    pub guard_fail: Option<Label>,
    /// `name/arity` of the enclosing named function, for lambda names.
    pub fname: String,
}

/// One clause: argument patterns, optional guard, body.
pub(crate) struct Clause<'x> {
    pub pats: Vec<&'x Ast>,
    pub guard: Option<&'x Ast>,
    pub body: &'x Ast,
    pub span: Span,
}

/// Splits `{:->, _, [[args...], body]}` into a [`Clause`] (a `when` in the head is the guard).
pub(crate) fn split_arrow(c: &Ast) -> R<Clause<'_>> {
    let span = c.span();
    match c {
        Ast::Node { args: Some(a), .. } if c.head_name() == Some("->") && a.len() == 2 => {
            let Ast::List(head) = &a[0] else { return Err(unsupported("clause head", span)) };
            let (pats, guard) = split_when_list(head);
            Ok(Clause { pats, guard, body: &a[1], span })
        }
        _ => Err(err("expected -> clauses", span)),
    }
}

/// `[{:when, _, [a, b, guard]}]` → (`[a, b]`, `Some(guard)`); other heads unchanged.
pub(crate) fn split_when_list(head: &[Ast]) -> (Vec<&Ast>, Option<&Ast>) {
    if head.len() == 1 {
        if let Ast::Node { args: Some(w), .. } = &head[0] {
            if head[0].head_name() == Some("when") && !w.is_empty() {
                let (g, pats) = w.split_last().unwrap_or((&head[0], &[]));
                return (pats.iter().collect(), Some(g));
            }
        }
    }
    (head.iter().collect(), None)
}

/// The clauses of an `->` list (a `do` body that must be clauses).
pub(crate) fn arrow_clauses<'x>(body: &'x Ast, what: &str, span: Span) -> R<Vec<Clause<'x>>> {
    match body {
        Ast::List(items) if items.iter().all(|c| c.head_name() == Some("->")) => items.iter().map(split_arrow).collect(),
        _ => Err(err(format!("expected -> clauses for :do in \"{}\"", what), span)),
    }
}

/// The clauses in the order they are tested: as written, except that a clause matching `[]`
/// directly followed by one matching a non-empty list at the same argument changes places
/// with it (`f([]) -> a; f([h | t]) -> b`). The two can never match the same arguments, so
/// the first match is the same either way, and a loop over a list of n elements then runs one
/// test per element instead of two (the `[]` test failed n times).
fn cons_clauses_first<'c, 'x>(clauses: &'c [(Clause<'x>, Rc<Env>)]) -> Vec<&'c (Clause<'x>, Rc<Env>)> {
    let nil_then_cons = |a: &Clause<'_>, b: &Clause<'_>| {
        a.pats.iter().zip(&b.pats).any(|(p, q)| matches!((*p, *q), (Ast::List(x), Ast::List(y)) if x.is_empty() && !y.is_empty()))
    };
    let mut out = Vec::with_capacity(clauses.len());
    let mut i = 0;
    while i < clauses.len() {
        if i + 1 < clauses.len() && nil_then_cons(&clauses[i].0, &clauses[i + 1].0) {
            out.push(&clauses[i + 1]);
            out.push(&clauses[i]);
            i += 2;
        } else {
            out.push(&clauses[i]);
            i += 1;
        }
    }
    out
}

impl<'a, 'u> FnCx<'a, 'u> {
    pub fn new(m: &'a mut ModCx<'u>, env: Rc<Env>, reserved: u32, fname: String) -> FnCx<'a, 'u> {
        FnCx { m, e: Emitter::default(), s: Scope::new(reserved), env, stacktrace: None, guard_fail: None, fname }
    }

    /// Compiles a group of clauses whose arguments are in `r0..r(arity-1)`; no clause matching
    /// raises `FunctionClauseError`. Each body is in tail position.
    pub fn clause_group(&mut self, arity: u32, clauses: &[(Clause<'_>, Rc<Env>)]) -> R<()> {
        let mut fell_through = true;
        for (c, env) in cons_clauses_first(clauses) {
            if c.pats.len() as u32 != arity {
                return Err(err("clauses must have the same arity", c.span));
            }
            let saved = self.s.save();
            let saved_env = std::mem::replace(&mut self.env, env.clone());
            let next = self.e.label();
            let pats: Vec<(&Ast, Reg)> = c.pats.iter().enumerate().map(|(i, p)| (*p, Reg(i as u16))).collect();
            self.match_many(&pats, next)?;
            if let Some(g) = c.guard {
                self.guard(g, next)?;
            }
            self.body(c.body, Dest::Tail)?;
            self.s.restore(saved);
            self.env = saved_env;
            fell_through = self.e.is_used(next);
            self.e.bind(next);
            if !fell_through {
                break;
            }
        }
        if fell_through {
            if let Some((c, _)) = clauses.first() {
                self.e.line(c.span);
            }
            self.e.emit(Op::Raise { kind: RaiseKind::FunctionClause, reg: Reg(0) });
        }
        Ok(())
    }

    /// Finishes this function: resolves labels and reports the register count.
    pub fn finish(self, name: String, arity: u32, span: Span) -> R<Function> {
        if self.s.max > u16::MAX as u32 {
            return Err(err("function too large: more than 65535 registers", span));
        }
        let nregs = self.s.max;
        self.e.finish(name, arity, nregs, span)
    }

    /// The free variables of `clauses`: every variable name used in them (patterns, guards,
    /// bodies) that is bound in the current scope, sorted by name, with its register.
    fn free_vars(&self, clauses: &[Clause<'_>]) -> Vec<(String, Reg)> {
        let mut used = BTreeSet::new();
        for c in clauses {
            for p in &c.pats {
                collect_vars(p, &mut used);
            }
            if let Some(g) = c.guard {
                collect_vars(g, &mut used);
            }
            collect_vars(c.body, &mut used);
        }
        used.into_iter().filter_map(|n| self.s.get(&n).map(|r| (n, r))).collect()
    }

    /// The next lambda number of the module and the name Elixir gives such a function:
    /// `-outer/arity-fun-N-`.
    fn lambda_name(&mut self) -> (u32, String) {
        let idx = self.m.lambda_counter;
        self.m.lambda_counter += 1;
        (idx, format!("-{}-fun-{}-", self.fname, idx))
    }

    /// Compiles `fn` clauses (already split) into a lambda body function, and emits the
    /// `Closure` that captures the free variables into `dst`.
    pub fn lambda(&mut self, clauses: &[Clause<'_>], dst: Reg, span: Span) -> R<()> {
        let arity = clauses.first().map(|c| c.pats.len()).unwrap_or(0) as u32;
        // Free variables: every variable name used inside that is bound here (sorted).
        let free = self.free_vars(clauses);
        let nfree = free.len() as u32;
        let (_, name) = self.lambda_name();
        let env = self.env.clone();
        let fname = self.fname.clone();
        let stacktrace = None;
        let func = {
            let mut inner = FnCx::new(&mut *self.m, env.clone(), arity + nfree, fname);
            inner.s.fresh = compactable(clauses.iter().flat_map(|c| c.pats.iter().copied().chain(c.guard).chain([c.body])));
            inner.stacktrace = stacktrace;
            for (i, (n, _)) in free.iter().enumerate() {
                inner.s.bind(n, Reg((arity + i as u32) as u16));
            }
            // The first clause carries the `fn`'s span: a `FunctionClauseError` is reported at
            // the line of `fn`, as in Elixir.
            let group: Vec<(Clause<'_>, Rc<Env>)> = clauses
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let at = if i == 0 { span } else { c.span };
                    (Clause { pats: c.pats.clone(), guard: c.guard, body: c.body, span: at }, env.clone())
                })
                .collect();
            inner.clause_group(arity, &group)?;
            inner.finish(name, arity + nfree, span)?
        };
        let findex = self.m.named + self.m.lambda_fns.len() as u32;
        self.m.lambda_fns.push(func);
        let lidx = self.m.pools.lambdas.len() as u32;
        self.m.pools.lambdas.push(Lambda { function: findex, arity, nfree });
        let mark = self.s.mark();
        let start = self.s.alloc_n(nfree);
        for (i, (_, r)) in free.iter().enumerate() {
            self.e.emit(Op::Move { dst: Reg(start.0 + i as u16), src: *r });
        }
        self.e.emit(Op::Closure { dst, lambda: LambdaIdx(lidx), start, n: nfree as u16 });
        self.s.release(mark);
        Ok(())
    }
}

impl<'a, 'u> FnCx<'a, 'u> {
    /// Compiles a comprehension's generator (`lower.rs` [`super::lower::FOR_GENERATOR`]):
    /// `Enum.reduce(enumerable, acc, fn pattern, acc -> new_acc; _, acc -> acc end)`, as a
    /// local loop function instead of a fun called per element (Elixir 1.14 makes the fun and
    /// calls `Enum.reduce/3`). The loop, with the step's free variables as extra arguments, is
    ///
    /// ```text
    /// loop([pattern | t], acc, free...) when guard -> loop(t, new_acc, free...)
    /// loop([_ | t], acc, free...) -> loop(t, acc, free...)
    /// loop([], acc, free...) -> acc
    /// loop(other, acc, free...) ->
    ///   case Enum.for_chunk(other) do
    ///     {chunk, rest} -> loop(rest, loop(chunk, acc, free...), free...)
    ///     nil -> Enum.reduce(other, acc, fn x, a -> loop([x], a, free...) end)
    ///   end
    /// ```
    ///
    /// so a list runs the step's body inline, a self tail call per element; a range, map or
    /// MapSet is handed over as lists (a range 256 elements at a time); any other enumerable
    /// is reduced as before, one element at a time (a stream's effects interleave with the
    /// body's as in Elixir). The loop is named like a lambda of the enclosing
    /// function, so a crash in the body is reported as in an anonymous fn of it. `step` is
    /// exactly what `lower.rs` builds: two `->` clauses of two arguments.
    pub fn for_generator(&mut self, enumerable: &Ast, init: &Ast, step: &Ast, span: Span, d: Dest) -> R<()> {
        let steps = match step {
            Ast::Node { args: Some(a), .. } if step.head_name() == Some("fn") => a.iter().map(split_arrow).collect::<R<Vec<_>>>()?,
            _ => return Err(unsupported("this comprehension", span)),
        };
        let Some(first) = steps.first().filter(|c| c.pats.len() == 2) else {
            return Err(unsupported("this comprehension", span));
        };
        let meta = crate::ast::Meta { span, no_parens: false };
        // Free variables of the step, as for a lambda.
        let free: Vec<String> = self.free_vars(std::slice::from_ref(first)).into_iter().map(|(n, _)| n).collect();
        let nfree = free.len() as u32;
        let arity = 2 + nfree;
        let (idx, name) = self.lambda_name();
        // The loop's index is needed by its own body (the self calls), before it is finished:
        // its slot is reserved now and filled below.
        let slot = self.m.lambda_fns.len();
        let findex = self.m.named + slot as u32;
        self.m.lambda_fns.push(Function { name: name.clone(), arity, nregs: arity.max(1), code: vec![], lines: vec![] });
        self.m.locals.insert((name.clone(), arity), findex);
        // Inside the loop the free variables are also bound under names no source can write,
        // so the self calls pass them on even where the pattern rebinds a free variable's name.
        let hidden: Vec<String> = (0..nfree).map(|i| format!("-for-free-{idx}-{i}")).collect();
        let v = |n: &str| Ast::var(n, meta);
        let (t, other, x, a) = (format!("-for-tail-{idx}"), format!("-for-other-{idx}"), format!("-for-x-{idx}"), format!("-for-a-{idx}"));
        let again = |list: Ast, acc: Ast| {
            let mut args = vec![list, acc];
            args.extend(hidden.iter().map(|h| v(h)));
            Ast::node(&name, meta, args)
        };
        let cons = |h: Ast| Ast::List(vec![Ast::node("|", meta, vec![h, v(&t)])]);
        let (pattern, acc) = (first.pats[0].clone(), first.pats[1].clone());
        // A clause head: the list and the accumulator; the free variables are bound by
        // register (below), not by pattern.
        let head = |list: Ast, acc: Ast| {
            let mut h = vec![list, acc];
            h.extend((0..nfree).map(|_| v("_")));
            h
        };
        let take = again(v(&t), first.body.clone());
        let skip = again(v(&t), acc.clone());
        let one = Ast::node("fn", meta, vec![Ast::node("->", meta, vec![Ast::List(vec![v(&x), v(&a)]), again(Ast::List(vec![v(&x)]), v(&a))])]);
        let reduce = super::expr::remote_ast("Elixir.Enum", "reduce", vec![v(&other), acc.clone(), one], meta);
        // Ranges, maps and MapSets come as lists, a chunk at a time (`Enum.for_chunk/1`).
        let (chunk, rest) = (format!("-for-chunk-{idx}"), format!("-for-rest-{idx}"));
        let chunked = Ast::Pair(Box::new(v(&chunk)), Box::new(v(&rest)));
        let by_chunks = Ast::node(
            "case",
            meta,
            vec![
                super::expr::remote_ast("Elixir.Enum", "for_chunk", vec![v(&other)], meta),
                Ast::List(vec![Ast::Pair(
                    Box::new(Ast::Atom("do".into())),
                    Box::new(Ast::List(vec![
                        Ast::node("->", meta, vec![Ast::List(vec![chunked]), again(v(&rest), again(v(&chunk), acc.clone()))]),
                        Ast::node("->", meta, vec![Ast::List(vec![Ast::Atom("nil".into())]), reduce]),
                    ])),
                )]),
            ],
        );
        let heads = [
            head(cons(pattern), acc.clone()),
            head(cons(v("_")), acc.clone()),
            head(Ast::List(vec![]), acc.clone()),
            head(v(&other), acc.clone()),
        ];
        let bodies = [take, skip, acc.clone(), by_chunks];
        let env = self.env.clone();
        let group: Vec<(Clause<'_>, Rc<Env>)> = heads
            .iter()
            .zip(&bodies)
            .enumerate()
            .map(|(i, (h, b))| {
                let guard = if i == 0 { first.guard } else { None };
                (Clause { pats: h.iter().collect(), guard, body: b, span }, env.clone())
            })
            .collect();
        let fname = self.fname.clone();
        let func = {
            let mut inner = FnCx::new(&mut *self.m, env.clone(), arity, fname);
            inner.s.fresh = compactable(heads.iter().flatten().chain(first.guard).chain(bodies.iter()));
            for (i, n) in free.iter().enumerate() {
                inner.s.bind(n, Reg((2 + i) as u16));
                inner.s.bind(&hidden[i], Reg((2 + i) as u16));
            }
            inner.clause_group(arity, &group)?;
            inner.finish(name.clone(), arity, span)?
        };
        self.m.lambda_fns[slot] = func;
        let mut args = vec![enumerable.clone(), init.clone()];
        args.extend(free.iter().map(|n| v(n)));
        self.call(super::expr::Target::Local(findex), &args, span, d)
    }
}

/// Collects every variable name (and pinned name) used in `e`.
pub(crate) fn collect_vars(e: &Ast, out: &mut BTreeSet<String>) {
    match e {
        Ast::Node { head, args, .. } => {
            if let (Ast::Atom(n), None) = (&**head, args) {
                out.insert(n.clone());
                return;
            }
            collect_vars(head, out);
            if let Some(a) = args {
                for x in a {
                    collect_vars(x, out);
                }
            }
        }
        Ast::List(items) => items.iter().for_each(|i| collect_vars(i, out)),
        Ast::Pair(a, b) => {
            collect_vars(a, out);
            collect_vars(b, out);
        }
        _ => {}
    }
}

/// Whether code compiled from `asts` can be left to register allocation (`regalloc.rs`): no
/// `receive`, `try` (or `rescue`/`catch` in a `def`) and no binary construction or matching,
/// whose instructions the allocator does not renumber. Conservative: a miss only costs
/// registers. Iterative, so nesting depth costs no Rust stack.
fn compactable<'x>(asts: impl Iterator<Item = &'x Ast>) -> bool {
    let mut work: Vec<&Ast> = asts.collect();
    while let Some(a) = work.pop() {
        match a {
            Ast::Node { head, args, .. } => {
                if let Ast::Atom(h) = &**head {
                    if matches!(h.as_str(), "receive" | "try" | "<<>>" | "<>" | "rescue" | "catch" | "reraise") {
                        return false;
                    }
                }
                work.push(head);
                if let Some(args) = args {
                    work.extend(args.iter());
                }
            }
            Ast::List(items) => work.extend(items.iter()),
            Ast::Pair(k, v) => {
                if let Ast::Atom(k) = &**k {
                    if matches!(k.as_str(), "rescue" | "catch" | "after") {
                        return false;
                    }
                }
                work.push(k);
                work.push(v);
            }
            _ => {}
        }
    }
    true
}

/// Compiles one named function of the module.
pub(crate) fn compile_function(m: &mut ModCx<'_>, def: &FnDef) -> R<Function> {
    let env = def.clauses.first().map(|c| c.env.clone()).unwrap_or_default();
    let fname = format!("{}/{}", def.name, def.arity);
    let mut cx = FnCx::new(m, env, def.arity, fname);
    cx.s.fresh = compactable(def.clauses.iter().flat_map(|c| c.args.iter().chain(c.guard.as_ref()).chain([&c.body])));
    let group: Vec<(Clause<'_>, Rc<Env>)> = def
        .clauses
        .iter()
        .map(|c| (Clause { pats: c.args.iter().collect(), guard: c.guard.as_ref(), body: &c.body, span: c.span }, c.env.clone()))
        .collect();
    cx.clause_group(def.arity, &group)?;
    cx.finish(def.name.clone(), def.arity, def.span)
}
