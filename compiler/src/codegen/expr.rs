//! Expressions: variables, literals, data construction, operators, and calls (local, remote,
//! fun, module-in-a-register), with tail calls in tail position.

use super::consts::{bar_args, const_eval};
use super::func::{Dest, FnCx};
use super::guard::cmp_op;
use super::kernel::{self, KERNEL_MOD};
use super::{err, unsupported, R};
use crate::ast::{Ast, Meta, Span};
use retort_vm::bytecode::{ArithOp, Label, Literal, Op, Reg};

/// The target of a call.
#[derive(Clone, Debug)]
pub(crate) enum Target {
    /// A function of this module (index into the function table).
    Local(u32),
    /// `module.function/argc` through the import table.
    Remote(String, String),
    /// A fun in a register.
    Fun(Reg),
    /// A module in a register and a function name.
    Mod(Reg, String),
}

/// A short description of an expression for messages.
pub(crate) fn describe(e: &Ast) -> String {
    match e {
        Ast::Node { head, args, .. } => match (&**head, args) {
            (Ast::Atom(n), None) => n.clone(),
            (Ast::Atom(n), Some(a)) => format!("{}/{}", n, a.len()),
            _ => "call".into(),
        },
        Ast::List(_) => "list".into(),
        Ast::Pair(..) => "tuple".into(),
        _ => "literal".into(),
    }
}

/// The module name as Elixir prints it (`Demo` for `Elixir.Demo`, `:lists` for `lists`).
pub(crate) fn inspect_module(m: &str) -> String {
    match m.strip_prefix("Elixir.") {
        Some(s) => s.to_string(),
        None => format!(":{}", m),
    }
}

/// True when `e` contains a `=` match outside `fn` bodies (its variables outlive it).
pub(crate) fn contains_match(e: &Ast) -> bool {
    match e {
        Ast::Node { head, args, .. } => {
            match e.head_name() {
                Some("=") => return true,
                Some("fn") => return false,
                _ => {}
            }
            contains_match(head) || args.as_ref().map_or(false, |a| a.iter().any(contains_match))
        }
        Ast::List(items) => items.iter().any(contains_match),
        Ast::Pair(a, b) => contains_match(a) || contains_match(b),
        _ => false,
    }
}

/// The items of a `__block__`, or the expression itself.
pub(crate) fn block_items(b: &Ast) -> Vec<&Ast> {
    match b {
        Ast::Node { args: Some(items), .. } if b.head_name() == Some("__block__") => items.iter().collect(),
        _ => vec![b],
    }
}

/// Builds a remote-call AST `module.name(args)` (module is an atom name).
pub(crate) fn remote_ast(module: &str, name: &str, args: Vec<Ast>, meta: Meta) -> Ast {
    let dot = Ast::node(".", meta, vec![Ast::Atom(module.to_string()), Ast::Atom(name.to_string())]);
    Ast::Node { head: Box::new(dot), meta, args: Some(args) }
}

/// The `:erlang` BIF behind a `Bitwise` operator or function of this arity.
fn bitwise_bif(name: &str, arity: u16) -> Option<&'static str> {
    Some(match (name, arity) {
        ("&&&" | "band", 2) => "band",
        ("|||" | "bor", 2) => "bor",
        ("^^^" | "bxor", 2) => "bxor",
        ("<<<" | "bsl", 2) => "bsl",
        (">>>" | "bsr", 2) => "bsr",
        ("~~~" | "bnot", 1) => "bnot",
        _ => return None,
    })
}

fn arith_op(name: &str) -> Option<ArithOp> {
    Some(match name {
        "+" => ArithOp::Add,
        "-" => ArithOp::Sub,
        "*" => ArithOp::Mul,
        "/" => ArithOp::Div,
        _ => return None,
    })
}

impl<'a, 'u> FnCx<'a, 'u> {
    /// The raise-or-jump label of instructions that can fail (`Label::NONE` outside guards).
    pub fn fail_label(&self) -> Label {
        self.guard_fail.unwrap_or(Label::NONE)
    }

    /// A one-operand instruction that may fail (`-x`, `abs(x)`, `not x`): `x` into a register,
    /// then `make(dst, x, fail)` at `span`'s line.
    fn unary(&mut self, x: &Ast, span: Span, d: Dest, make: impl FnOnce(Reg, Reg, Label) -> Op) -> R<()> {
        self.with_dst(d, |s, dst| {
            let mark = s.s.mark();
            let r = s.operand(x)?;
            s.e.line(span);
            let fail = s.fail_label();
            s.e.emit(make(dst, r, fail));
            s.s.release(mark);
            Ok(())
        })
    }

    pub fn is_local(&self, name: &str, arity: u32) -> bool {
        self.m.locals.contains_key(&(name.to_string(), arity))
    }

    /// Loads a constant into `dst`.
    pub fn load_lit(&mut self, l: Literal, dst: Reg) {
        match l {
            Literal::Int(i) if i >= i32::MIN as i64 && i <= i32::MAX as i64 => self.e.emit(Op::Int { dst, val: i as i32 }),
            Literal::Nil => self.e.emit(Op::Nil { dst }),
            l => {
                let lit = self.m.pools.lit(l);
                self.e.emit(Op::Lit { dst, lit })
            }
        }
    }

    /// Runs `f` with a destination register; in tail position the value is then returned.
    pub fn with_dst(&mut self, d: Dest, f: impl FnOnce(&mut Self, Reg) -> R<()>) -> R<()> {
        match d {
            Dest::Reg(r) => f(self, r),
            Dest::Tail => {
                let mark = self.s.mark();
                let r = self.s.alloc();
                f(self, r)?;
                self.e.emit(Op::Return { src: r });
                self.s.release(mark);
                Ok(())
            }
        }
    }

    /// Puts the value in `src` where `d` wants it.
    pub fn deliver(&mut self, src: Reg, d: Dest) {
        match d {
            Dest::Reg(r) if r == src => {}
            Dest::Reg(r) => self.e.emit(Op::Move { dst: r, src }),
            Dest::Tail => self.e.emit(Op::Return { src }),
        }
    }

    /// The value of `e` in some register: a variable's own register, or a fresh temporary.
    pub fn operand(&mut self, e: &Ast) -> R<Reg> {
        if let Ast::Node { args: None, .. } = e {
            if let Some(r) = e.head_name().and_then(|n| self.s.get(n)) {
                return Ok(r);
            }
        }
        let r = self.s.alloc();
        self.expr(e, Dest::Reg(r))?;
        Ok(r)
    }

    /// A body: a `__block__` of expressions (the last one gives the value) or one expression.
    /// `alias`/`import` inside it end with it.
    pub fn body(&mut self, b: &Ast, d: Dest) -> R<()> {
        let items = block_items(b);
        let saved_env = self.env.clone();
        if items.is_empty() {
            self.with_dst(d, |s, r| {
                s.load_lit(Literal::Atom("nil".into()), r);
                Ok(())
            })?;
        }
        for (i, it) in items.iter().enumerate() {
            if i + 1 == items.len() {
                self.expr(it, d)?;
            } else {
                self.stmt(it)?;
            }
        }
        self.env = saved_env;
        Ok(())
    }

    /// An expression whose value is not used.
    pub fn stmt(&mut self, e: &Ast) -> R<()> {
        if let (Some("="), Ast::Node { args: Some(a), .. }) = (e.head_name(), e) {
            if a.len() == 2 {
                self.match_expr(&a[0], &a[1], e.span())?;
                return Ok(());
            }
        }
        let mark = self.s.mark();
        let r = self.s.alloc();
        self.expr(e, Dest::Reg(r))?;
        self.s.release(mark);
        Ok(())
    }

    /// Compiles `e`, its value going to `d`.
    pub fn expr(&mut self, e: &Ast, d: Dest) -> R<()> {
        if let Some(l) = const_eval(e, &self.env) {
            return self.with_dst(d, |s, r| {
                s.load_lit(l, r);
                Ok(())
            });
        }
        if let Some((module, name, args)) = crate::expand::find_macro(e, &self.env) {
            let span = e.span();
            let _depth = crate::expand::Depth::enter(span)?;
            let caller = self.m.module.clone();
            let file = self.m.unit.file.clone();
            let x = crate::expand::expand_call(&module, &name, &args, caller.as_deref(), None, &file, span)?;
            return self.expr(&x, d);
        }
        if let Some(x) = self.expand_defguard(e, self.guard_fail.is_some()) {
            let _depth = super::defguard::Depth::enter(e.span())?;
            return self.expr(&x, d);
        }
        match e {
            Ast::List(items) => self.with_dst(d, |s, dst| s.build_list(items, dst)),
            Ast::Pair(a, b) => self.with_dst(d, |s, dst| s.build_tuple(&[&**a, &**b], dst)),
            Ast::Node { head, meta, args } => match (&**head, args) {
                (Ast::Atom(name), None) => self.var_or_call(name, *meta, d),
                (Ast::Atom(name), Some(args)) => self.call_node(name, args, *meta, e, d),
                (Ast::Node { .. }, args) if head.head_name() == Some(".") => {
                    let empty = vec![];
                    self.dot_call(head, args.as_ref().unwrap_or(&empty), *meta, d)
                }
                _ => Err(unsupported("call of this form", meta.span)),
            },
            _ => Err(unsupported("expression", e.span())),
        }
    }

    fn var_or_call(&mut self, name: &str, meta: Meta, d: Dest) -> R<()> {
        if let Some(r) = self.s.get(name) {
            self.deliver(r, d);
            return Ok(());
        }
        match name {
            "_" => {
                return Err(err(
                    "invalid use of _. \"_\" represents a value to be ignored in a pattern and cannot be used in expressions",
                    meta.span,
                ))
            }
            "__DIR__" => {
                // the absolute directory of the source file, as Elixir's __DIR__
                let path = std::path::Path::new(&self.m.unit.file);
                let abs = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
                let dir = abs.parent().map(|p| p.to_string_lossy().into_owned()).unwrap_or_else(|| ".".into());
                return self.expr(&Ast::Str(dir.into_bytes()), d);
            }
            "__STACKTRACE__" => {
                return match self.stacktrace {
                    Some(r) => {
                        self.deliver(r, d);
                        Ok(())
                    }
                    None => Err(err("__STACKTRACE__ is available only inside catch and rescue clauses of try expressions", meta.span)),
                };
            }
            "__CALLER__" => {
                // inside a macro: its first parameter (see module.rs, defmacro)
                return match self.s.get(crate::expand::CALLER_VAR) {
                    Some(r) => {
                        self.deliver(r, d);
                        Ok(())
                    }
                    None => Err(err("__CALLER__ is available only inside defmacro and defmacrop", meta.span)),
                };
            }
            "__ENV__" => {
                let function = match self.fname.rsplit_once('/') {
                    Some((n, a)) if self.env.module.is_some() && !n.starts_with('-') => Some((n.to_string(), a.parse().unwrap_or(0))),
                    _ => None,
                };
                let lit = crate::expand::env_term(&self.env, function.as_ref().map(|(n, a)| (n.as_str(), *a)), &self.m.unit.file, meta.span.line);
                return self.with_dst(d, |s, r| {
                    s.load_lit(lit, r);
                    Ok(())
                });
            }
            _ => {}
        }
        if let Some((value, env)) = self.env.body_vars.get(name).cloned() {
            // A module-body variable (see `Env::body_vars`): its expression, where it was written.
            let saved = std::mem::replace(&mut self.env, env);
            let r = self.expr(&value, d);
            self.env = saved;
            return r;
        }
        if self.resolve_call(name, 0).is_some() {
            return self.local_call(name, &[], meta, d);
        }
        Err(super::undefined_variable(name, meta.span))
    }

    /// Finds the target of an unqualified call `name/arity`.
    pub fn resolve_call(&self, name: &str, arity: u32) -> Option<Target> {
        if let Some(&i) = self.m.locals.get(&(name.to_string(), arity)) {
            return Some(Target::Local(i));
        }
        for imp in self.env.imports.iter().rev() {
            if imp.except.iter().any(|(n, a)| n == name && *a == arity) {
                continue;
            }
            match &imp.only {
                Some(only) => {
                    if only.iter().any(|(n, a)| n == name && *a == arity) {
                        return Some(Target::Remote(imp.module.clone(), name.to_string()));
                    }
                }
                None => {
                    if let Some(fns) = self.m.unit.exports.get(&imp.module) {
                        if fns.iter().any(|(n, a)| n == name && *a == arity) {
                            return Some(Target::Remote(imp.module.clone(), name.to_string()));
                        }
                    }
                }
            }
        }
        if kernel::lookup(name, arity).is_some() {
            return Some(Target::Remote(KERNEL_MOD.into(), name.to_string()));
        }
        // `import Mod` of a module not defined in this file: assume it provides the function.
        for imp in self.env.imports.iter().rev() {
            if imp.only.is_none() && !self.m.unit.exports.contains_key(&imp.module) {
                if super::exunit::library_exports(&imp.module).map_or(false, |fns| !fns.contains(&name)) {
                    continue;
                }
                return Some(Target::Remote(imp.module.clone(), name.to_string()));
            }
        }
        None
    }

    /// An unqualified call `name(args)` that is not a special form.
    pub fn local_call(&mut self, name: &str, args: &[Ast], meta: Meta, d: Dest) -> R<()> {
        let arity = args.len() as u32;
        match self.resolve_call(name, arity) {
            Some(t) => self.call(t, args, meta.span, d),
            None => Err(err(
                match &self.m.module {
                    Some(m) => format!(
                        "undefined function {}/{} (expected {} to define such a function or for it to be imported, but none are available)",
                        name,
                        arity,
                        inspect_module(m)
                    ),
                    None => format!("undefined function {}/{} (there is no such import)", name, arity),
                },
                meta.span,
            )),
        }
    }

    /// Evaluates call arguments into consecutive registers at the top; returns the base.
    pub fn eval_args(&mut self, args: &[Ast]) -> R<Reg> {
        let n = args.len() as u32;
        if args.iter().any(contains_match) {
            let mut regs = vec![];
            for a in args {
                regs.push(self.operand(a)?);
            }
            let base = self.s.alloc_n(n);
            for (i, r) in regs.into_iter().enumerate() {
                self.e.emit(Op::Move { dst: Reg(base.0 + i as u16), src: r });
            }
            Ok(base)
        } else {
            let base = self.s.alloc_n(n);
            for (i, a) in args.iter().enumerate() {
                self.expr(a, Dest::Reg(Reg(base.0 + i as u16)))?;
            }
            Ok(base)
        }
    }

    /// Emits a call of `target` with `args`, its result going to `d`.
    pub fn call(&mut self, target: Target, args: &[Ast], span: Span, d: Dest) -> R<()> {
        let argc = args.len() as u16;
        // Bitwise's operators and functions are macros over the :erlang BIFs in Elixir 1.14
        // (so they work in guards): `a &&& b` and `Bitwise.band(a, b)` are `:erlang.band(a, b)`
        let target = match target {
            Target::Remote(m, f) if m == "Elixir.Bitwise" => match bitwise_bif(&f, argc) {
                Some(bif) => Target::Remote("erlang".into(), bif.into()),
                None => Target::Remote(m, f),
            },
            t => t,
        };
        if let Some(fail) = self.guard_fail {
            let Target::Remote(m, f) = &target else {
                return Err(err(
                    format!("cannot invoke local function or fun inside guards ({}/{})", describe_target(&target), argc),
                    span,
                ));
            };
            let (m, f) = (m.clone(), f.clone());
            return self.with_dst(d, |s, dst| {
                let mark = s.s.mark();
                let base = s.eval_args(args)?;
                let import = s.m.pools.import(&m, &f, argc as u32);
                s.e.line(span);
                s.e.emit(Op::GuardBif { import, base, argc, dst, fail });
                s.s.release(mark);
                Ok(())
            });
        }
        let mark = self.s.mark();
        let base = self.eval_args(args)?;
        self.e.line(span);
        let op = match (&target, d) {
            (Target::Local(f), Dest::Tail) => Op::TailCall { func: retort_vm::bytecode::LocalFn(*f), base, argc },
            (Target::Local(f), Dest::Reg(dst)) => Op::Call { func: retort_vm::bytecode::LocalFn(*f), base, argc, dst },
            (Target::Remote(m, f), d) => {
                let import = self.m.pools.import(m, f, argc as u32);
                match d {
                    Dest::Tail => Op::TailCallRemote { import, base, argc },
                    Dest::Reg(dst) => Op::CallRemote { import, base, argc, dst },
                }
            }
            (Target::Fun(fun), Dest::Tail) => Op::TailCallFun { fun: *fun, base, argc },
            (Target::Fun(fun), Dest::Reg(dst)) => Op::CallFun { fun: *fun, base, argc, dst },
            (Target::Mod(module, name), d) => {
                let name = self.m.pools.lit(Literal::Atom(name.clone()));
                match d {
                    Dest::Tail => Op::TailCallMod { module: *module, name, base, argc },
                    Dest::Reg(dst) => Op::CallMod { module: *module, name, base, argc, dst },
                }
            }
        };
        self.e.emit(op);
        self.s.release(mark);
        Ok(())
    }

    /// A remote call `module.name(args)` by names.
    pub fn remote(&mut self, module: &str, name: &str, args: &[Ast], span: Span, d: Dest) -> R<()> {
        self.call(Target::Remote(module.into(), name.into()), args, span, d)
    }

    /// A call that never returns normally (raise/throw/exit): never a tail call, so the
    /// current function stays in the stack trace.
    pub fn raising_call(&mut self, module: &str, name: &str, args: &[Ast], span: Span, d: Dest) -> R<()> {
        self.with_dst(d, |s, dst| s.remote(module, name, args, span, Dest::Reg(dst)))
    }

    /// The module atom named by an alias-like expression, if it is one.
    /// Splits the path of `put_in/2` and friends, `root.field[key]...`, into the root and the
    /// keys (`.field` becomes `Access.key!(:field)`); `None` when `e` has no such step.
    fn access_path(&self, e: &Ast) -> Option<(Ast, Vec<Ast>)> {
        let mut keys = vec![];
        let mut cur = e.clone();
        loop {
            let step = match &cur {
                Ast::Node { head, meta, args: Some(args) } if head.head_name() == Some(".") => match (&**head, args.as_slice()) {
                    (Ast::Node { args: Some(d), .. }, [target, key]) if matches!(d.as_slice(), [Ast::Atom(m), Ast::Atom(f)] if m == "Elixir.Access" && f == "get") => {
                        Some((target.clone(), key.clone()))
                    }
                    (Ast::Node { args: Some(d), .. }, []) if meta.no_parens => match d.as_slice() {
                        [target, Ast::Atom(field)] if target.head_name() != Some("__aliases__") && !matches!(target, Ast::Atom(_)) => {
                            let m = Meta { span: meta.span, no_parens: false };
                            let key_fn = Ast::node(".", m, vec![Ast::Atom("Elixir.Access".into()), Ast::Atom("key!".into())]);
                            Some((target.clone(), Ast::Node { head: Box::new(key_fn), meta: m, args: Some(vec![Ast::Atom(field.clone())]) }))
                        }
                        _ => None,
                    },
                    _ => None,
                },
                _ => None,
            };
            match step {
                Some((target, key)) => {
                    keys.push(key);
                    cur = target;
                }
                None => break,
            }
        }
        if keys.is_empty() {
            return None;
        }
        keys.reverse();
        Some((cur, keys))
    }

    pub fn module_of(&self, e: &Ast) -> Option<String> {
        match e {
            Ast::Atom(a) => Some(a.clone()),
            Ast::Node { args: Some(segs), .. } if e.head_name() == Some("__aliases__") => self.env.alias_name(segs),
            Ast::Node { args: None, .. } if e.head_name() == Some("__MODULE__") => self.m.module.clone(),
            _ => None,
        }
    }

    fn dot_call(&mut self, dot: &Ast, args: &[Ast], meta: Meta, d: Dest) -> R<()> {
        let Ast::Node { args: Some(dargs), .. } = dot else { return Err(unsupported("call", meta.span)) };
        match dargs.as_slice() {
            [fun] => {
                let mark = self.s.mark();
                let fr = self.operand(fun)?;
                self.call(Target::Fun(fr), args, meta.span, d)?;
                self.s.release(mark);
                Ok(())
            }
            [left, Ast::Atom(fname)] if left.head_name() == Some("__ENV__") && matches!(left, Ast::Node { args: None, .. }) && args.is_empty() => {
                // __ENV__.module / .function / .line, the fields known at compile time.
                let lit = match fname.as_str() {
                    "module" => Literal::Atom(self.env.module.clone().unwrap_or_else(|| "nil".into())),
                    "line" => Literal::Int(meta.span.line as i64),
                    "function" => match self.fname.rsplit_once('/') {
                        Some((n, a)) if self.env.module.is_some() && !n.starts_with('-') => {
                            Literal::Tuple(vec![Literal::Atom(n.to_string()), Literal::Int(a.parse().unwrap_or(0))])
                        }
                        _ => Literal::Atom("nil".into()),
                    },
                    _ => return Err(unsupported(format!("__ENV__.{}", fname), meta.span)),
                };
                self.with_dst(d, |s, r| {
                    s.load_lit(lit, r);
                    Ok(())
                })
            }
            [left, Ast::Atom(fname)] => {
                if let Some(m) = self.module_of(left) {
                    if m == "nil" {
                        return Err(err("invalid call on nil", meta.span));
                    }
                    if m == KERNEL_MOD && fname == "to_string" && args.len() == 1 {
                        return self.to_str(&args[0], d);
                    }
                    return self.remote(&m, fname, args, meta.span, d);
                }
                if let Some(Literal::Atom(m)) = const_eval(left, &self.env) {
                    return self.remote(&m, fname, args, meta.span, d);
                }
                if meta.no_parens && args.is_empty() && self.guard_fail.is_some() {
                    // inside a guard `map.field` is `:erlang.map_get(:field, map)` (Elixir 1.14
                    // elixir_expand); a missing key or a non-map fails the guard
                    let m = Meta { span: meta.span, no_parens: false };
                    let get = remote_ast("erlang", "map_get", vec![Ast::Atom(fname.clone()), left.clone()], m);
                    return self.expr(&get, d);
                }
                let mark = self.s.mark();
                let lr = self.operand(left)?;
                if meta.no_parens && args.is_empty() {
                    let key = self.m.pools.lit(Literal::Atom(fname.clone()));
                    self.with_dst(d, |s, dst| {
                        s.e.line(meta.span);
                        s.e.emit(Op::Field { dst, map: lr, key });
                        Ok(())
                    })?;
                } else {
                    self.call(Target::Mod(lr, fname.clone()), args, meta.span, d)?;
                }
                self.s.release(mark);
                Ok(())
            }
            _ => Err(unsupported("call of this form", meta.span)),
        }
    }

    /// `to_string(x)` → `ToStr`.
    pub fn to_str(&mut self, x: &Ast, d: Dest) -> R<()> {
        if let Some(Literal::Binary(b)) = const_eval(x, &self.env) {
            return self.with_dst(d, |s, r| {
                s.load_lit(Literal::Binary(b), r);
                Ok(())
            });
        }
        self.with_dst(d, |s, dst| {
            let mark = s.s.mark();
            let r = s.operand(x)?;
            s.e.line(x.span());
            // A term without a native conversion (a struct, ...) is handed to
            // `String.Chars.to_string/1` by the instruction itself (see the VM's `ToStr`).
            s.e.emit(Op::ToStr { dst, src: r });
            s.s.release(mark);
            Ok(())
        })
    }

    /// Builds a list (not constant) into `dst`.
    pub fn build_list(&mut self, items: &[Ast], dst: Reg) -> R<()> {
        let (elems, tail): (&[Ast], Option<&Ast>) = match items.split_last() {
            Some((last, rest)) => match bar_args(last) {
                Some([h, t]) => {
                    let mut v: Vec<&Ast> = rest.iter().collect();
                    v.push(h);
                    return self.build_list_refs(&v, Some(t), dst);
                }
                None => (items, None),
            },
            None => (items, None),
        };
        let v: Vec<&Ast> = elems.iter().collect();
        self.build_list_refs(&v, tail, dst)
    }

    fn build_list_refs(&mut self, elems: &[&Ast], tail: Option<&Ast>, dst: Reg) -> R<()> {
        let mark = self.s.mark();
        let start = self.s.alloc_n(elems.len() as u32);
        for (i, x) in elems.iter().enumerate() {
            self.expr(x, Dest::Reg(Reg(start.0 + i as u16)))?;
        }
        let t = self.s.alloc();
        match tail {
            Some(t_ast) => self.expr(t_ast, Dest::Reg(t))?,
            None => self.e.emit(Op::Nil { dst: t }),
        }
        for i in (0..elems.len()).rev() {
            let target = if i == 0 { dst } else { t };
            self.e.emit(Op::Cons { dst: target, head: Reg(start.0 + i as u16), tail: t });
        }
        if elems.is_empty() {
            self.e.emit(Op::Move { dst, src: t });
        }
        self.s.release(mark);
        Ok(())
    }

    /// Builds a tuple into `dst`.
    pub fn build_tuple(&mut self, items: &[&Ast], dst: Reg) -> R<()> {
        let mark = self.s.mark();
        let start = self.s.alloc_n(items.len() as u32);
        for (i, x) in items.iter().enumerate() {
            self.expr(x, Dest::Reg(Reg(start.0 + i as u16)))?;
        }
        self.e.emit(Op::Tuple { dst, start, n: items.len() as u16 });
        self.s.release(mark);
        Ok(())
    }

    /// Evaluates map pairs `k => v` into `2n` consecutive registers; returns the start.
    fn map_pairs_regs(&mut self, pairs: &[Ast]) -> R<Reg> {
        let start = self.s.alloc_n(2 * pairs.len() as u32);
        for (i, p) in pairs.iter().enumerate() {
            let Ast::Pair(k, v) = p else { return Err(err("expected key-value pairs in a map", p.span())) };
            self.expr(k, Dest::Reg(Reg(start.0 + 2 * i as u16)))?;
            self.expr(v, Dest::Reg(Reg(start.0 + 2 * i as u16 + 1)))?;
        }
        Ok(start)
    }

    /// For a map literal whose keys are all distinct constants (at most a flatmap's 32): the
    /// literal map of those keys in the VM's map-key order (values `nil`), and for each pair
    /// of `pairs` the position of its key in that order. `None` otherwise (the map is then
    /// built pair by pair at run time).
    fn literal_keys(&self, pairs: &[Ast]) -> Option<(Literal, Vec<u16>)> {
        use retort_vm::code::module::literal_to_term;
        if pairs.is_empty() || pairs.len() > retort_vm::value::map::FLAT_LIMIT {
            return None;
        }
        let mut keys = Vec::with_capacity(pairs.len());
        for p in pairs {
            let Ast::Pair(k, _) = p else { return None };
            let l = const_eval(k, &self.env)?;
            let t = literal_to_term(&l);
            keys.push((t, l));
        }
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_by(|&a, &b| keys[a].0.cmp(&keys[b].0));
        if order.windows(2).any(|w| keys[w[0]].0.cmp(&keys[w[1]].0).is_eq()) {
            return None;
        }
        let mut rank = vec![0u16; keys.len()];
        for (slot, &i) in order.iter().enumerate() {
            rank[i] = slot as u16;
        }
        let lit = Literal::Map(order.iter().map(|&i| (keys[i].1.clone(), Literal::Atom("nil".into()))).collect());
        Some((lit, rank))
    }

    /// `%{...}` and `%{m | ...}`.
    fn map_expr(&mut self, args: &[Ast], span: Span, d: Dest) -> R<()> {
        if let [upd] = args {
            if let Some([m, Ast::List(pairs)]) = bar_args(upd) {
                return self.with_dst(d, |s, dst| {
                    let mark = s.s.mark();
                    let mr = s.operand(m)?;
                    let start = s.map_pairs_regs(pairs)?;
                    s.e.line(span);
                    s.e.emit(Op::MapUpdate { dst, map: mr, start, n: pairs.len() as u16 });
                    s.s.release(mark);
                    Ok(())
                });
            }
        }
        if let Some((keys, rank)) = self.literal_keys(args) {
            return self.with_dst(d, |s, dst| {
                let mark = s.s.mark();
                let start = s.s.alloc_n(args.len() as u32);
                // Values in source order, each into its key's slot in the literal's order.
                for (p, &slot) in args.iter().zip(&rank) {
                    let Ast::Pair(_, v) = p else { return Err(err("expected key-value pairs in a map", p.span())) };
                    s.expr(v, Dest::Reg(Reg(start.0 + slot)))?;
                }
                let keys = s.m.pools.lit(keys);
                s.e.emit(Op::MapLit { dst, keys, start, n: args.len() as u16 });
                s.s.release(mark);
                Ok(())
            });
        }
        self.with_dst(d, |s, dst| {
            let mark = s.s.mark();
            let start = s.map_pairs_regs(args)?;
            s.e.emit(Op::Map { dst, start, n: args.len() as u16 });
            s.s.release(mark);
            Ok(())
        })
    }

    /// `%S{...}`: a struct built from the known defaults of a struct of this file, or by a call
    /// of `S.__struct__/1`; `%S{m | ...}` is a map update.
    fn struct_expr(&mut self, s_ast: &Ast, map: &Ast, span: Span, d: Dest) -> R<()> {
        let Ast::Node { args: Some(pairs), .. } = map else { return Err(unsupported("struct expression", span)) };
        if let [upd] = pairs.as_slice() {
            if bar_args(upd).is_some() {
                return self.map_expr(pairs, span, d);
            }
        }
        let Some(module) = self.module_of(s_ast) else { return Err(unsupported("struct with a dynamic name", span)) };
        if self.m.unit.structs_built.contains(&module) {
            // computed defaults: `%{M.__struct__() | k: v}` once the keys are checked
            let fields = self.m.unit.structs.get(&module).cloned().unwrap_or_default();
            for p in pairs {
                let Ast::Pair(k, _) = p else { return Err(err("expected key-value pairs in a struct", p.span())) };
                let Ast::Atom(kn) = &**k else { return Err(unsupported("non-atom struct key", p.span())) };
                if !fields.iter().any(|(f, _)| f == kn) || kn == "__exception__" {
                    let at = if k.span() == Span::default() { span } else { k.span() };
                    return Err(err(format!("unknown key :{} for struct {}", kn, inspect_module(&module)), at));
                }
            }
            let meta = Meta { span, no_parens: false };
            let base = remote_ast(&module, "__struct__", vec![], meta);
            if pairs.is_empty() {
                return self.expr(&base, d);
            }
            let upd = Ast::node("%{}", meta, vec![Ast::node("|", meta, vec![base, Ast::List(pairs.clone())])]);
            return self.expr(&upd, d);
        }
        if let Some(fields) = self.m.unit.structs.get(&module).cloned() {
            let mut out: Vec<Ast> =
                vec![Ast::Pair(Box::new(Ast::Atom("__struct__".into())), Box::new(Ast::Atom(module.clone())))];
            for (k, v) in &fields {
                out.push(Ast::Pair(Box::new(Ast::Atom(k.clone())), Box::new(super::consts::lit_to_ast(v))));
            }
            for p in pairs {
                let Ast::Pair(k, _) = p else { return Err(err("expected key-value pairs in a struct", p.span())) };
                let Ast::Atom(kn) = &**k else { return Err(unsupported("non-atom struct key", p.span())) };
                match out.iter_mut().skip(1).find(|x| matches!(x, Ast::Pair(kk, _) if **kk == Ast::Atom(kn.clone()))) {
                    Some(slot) => *slot = p.clone(),
                    None => {
                        return Err(err(format!("unknown key :{} for struct {}", kn, inspect_module(&module)), p.span()))
                    }
                }
            }
            let m = Ast::node("%{}", Meta { span, no_parens: false }, out);
            return self.expr(&m, d);
        }
        let kw = Ast::List(pairs.clone());
        if self.m.module.as_deref() == Some(module.as_str()) {
            if let Some(&i) = self.m.locals.get(&("__struct__".to_string(), 1)) {
                return self.call(Target::Local(i), &[kw], span, d);
            }
        }
        self.remote(&module, "__struct__", &[kw], span, d)
    }

    /// String interpolation `<<...>>`.
    fn binary_expr(&mut self, parts: &[Ast], span: Span, d: Dest) -> R<()> {
        let Some(pieces) = interpolation_pieces(parts) else { return self.bitstring_expr(parts, span, d) };
        // A piece without a line of its own (a tuple, a literal) fails at the string's line.
        self.e.line(span);
        if let [(true, x)] = pieces.as_slice() {
            return self.to_str(x, d);
        }
        self.with_dst(d, |s, dst| {
            let mark = s.s.mark();
            let start = s.s.alloc_n(pieces.len() as u32);
            for (i, (conv, x)) in pieces.iter().enumerate() {
                let r = Reg(start.0 + i as u16);
                if *conv {
                    s.to_str(x, Dest::Reg(r))?;
                } else {
                    s.expr(x, Dest::Reg(r))?;
                }
            }
            s.e.line(span);
            s.e.emit(Op::Concat { dst, start, n: pieces.len() as u16 });
            s.s.release(mark);
            Ok(())
        })
    }

    /// `pat = expr`: returns the register holding the value.
    pub fn match_expr(&mut self, pat: &Ast, rhs: &Ast, span: Span) -> R<Reg> {
        if let Ast::Node { args: None, .. } = pat {
            let name = pat.head_name().unwrap_or("_");
            if !name.starts_with('_') {
                let r = self.s.alloc();
                self.expr(rhs, Dest::Reg(r))?;
                self.s.bind(name, r);
                return Ok(r);
            }
        }
        let r = self.operand(rhs)?;
        let bad = self.e.label();
        self.match_one(pat, r, bad)?;
        if self.e.is_used(bad) {
            let ok = self.e.label();
            self.e.emit(Op::Jump { target: ok });
            self.e.bind(bad);
            self.e.line(span);
            self.e.emit(Op::Raise { kind: retort_vm::bytecode::RaiseKind::Badmatch, reg: r });
            self.e.bind(ok);
        } else {
            self.e.bind(bad);
        }
        Ok(r)
    }

    /// `{:badbool, op, value}` raised with `:erlang.error/1` (BadBooleanError), or a jump to
    /// the guard's fail label.
    fn bad_bool(&mut self, op: &str, v: Reg, span: Span) {
        if let Some(f) = self.guard_fail {
            self.e.emit(Op::Jump { target: f });
            return;
        }
        let mark = self.s.mark();
        let start = self.s.alloc_n(3);
        self.load_lit(Literal::Atom("badbool".into()), start);
        self.load_lit(Literal::Atom(op.into()), Reg(start.0 + 1));
        self.e.emit(Op::Move { dst: Reg(start.0 + 2), src: v });
        let base = self.s.alloc();
        self.e.emit(Op::Tuple { dst: base, start, n: 3 });
        let import = self.m.pools.import("erlang", "error", 1);
        self.e.line(span);
        self.e.emit(Op::CallRemote { import, base, argc: 1, dst: base });
        self.s.release(mark);
    }

    fn bool_op(&mut self, name: &str, a: &Ast, b: &Ast, span: Span, d: Dest) -> R<()> {
        let strict = name == "and" || name == "or";
        let is_and = name == "and" || name == "&&";
        if self.bool_form(a) {
            // The left side is always a boolean (a comparison, a type test...): branch on it as
            // `if` does, with no value to test afterwards and no `BadBooleanError` path.
            return self.with_dst(d, |s, dst| {
                let other = s.e.label();
                let end = s.e.label();
                s.cond_jump(a, other)?;
                if is_and {
                    s.expr(b, Dest::Reg(dst))?;
                } else {
                    s.load_lit(Literal::Atom("true".into()), dst);
                }
                s.e.emit(Op::Jump { target: end });
                s.e.bind(other);
                if is_and {
                    s.load_lit(Literal::Atom("false".into()), dst);
                } else {
                    s.expr(b, Dest::Reg(dst))?;
                }
                s.e.bind(end);
                Ok(())
            });
        }
        self.with_dst(d, |s, dst| {
            s.expr(a, Dest::Reg(dst))?;
            let end = s.e.label();
            if strict {
                let other = s.e.label();
                let (first, second) = if is_and { ("true", "false") } else { ("false", "true") };
                let l1 = s.m.pools.lit(Literal::Atom(first.into()));
                s.e.emit(Op::IsEqLit { reg: dst, lit: l1, fail: other });
                s.expr(b, Dest::Reg(dst))?;
                s.e.emit(Op::Jump { target: end });
                s.e.bind(other);
                let l2 = s.m.pools.lit(Literal::Atom(second.into()));
                let bad = s.e.label();
                s.e.emit(Op::IsEqLit { reg: dst, lit: l2, fail: bad });
                s.e.emit(Op::Jump { target: end });
                s.e.bind(bad);
                s.bad_bool(name, dst, span);
            } else {
                if is_and {
                    s.e.emit(Op::JumpUnless { cond: dst, target: end });
                } else {
                    s.e.emit(Op::JumpIf { cond: dst, target: end });
                }
                s.expr(b, Dest::Reg(dst))?;
            }
            s.e.bind(end);
            Ok(())
        })
    }

    /// A boolean from a test (`Test`-style code): `true` if it falls through.
    pub fn test_to_bool(&mut self, dst: Reg, f: impl FnOnce(&mut Self, Label) -> R<()>) -> R<()> {
        let no = self.e.label();
        let end = self.e.label();
        f(self, no)?;
        self.load_lit(Literal::Atom("true".into()), dst);
        self.e.emit(Op::Jump { target: end });
        self.e.bind(no);
        self.load_lit(Literal::Atom("false".into()), dst);
        self.e.bind(end);
        Ok(())
    }

    /// A call node `name(args)` whose head is an atom: operators, special forms, local calls.
    fn call_node(&mut self, name: &str, args: &[Ast], meta: Meta, e: &Ast, d: Dest) -> R<()> {
        let span = meta.span;
        let n = args.len();
        // Local functions shadow nothing here: special forms and operators come first, as in
        // Elixir (they cannot be redefined).
        if let (Some(op), 2) = (arith_op(name), n) {
            return self.arith(op, &args[0], &args[1], span, d);
        }
        if let Some(op) = cmp_op(name) {
            if n == 2 {
                return self.with_dst(d, |s, dst| {
                    let mark = s.s.mark();
                    let a = s.operand(&args[0])?;
                    let b = s.operand(&args[1])?;
                    s.e.emit(Op::Cmp { op, dst, a, b });
                    s.s.release(mark);
                    Ok(())
                });
            }
        }
        match (name, args) {
            ("__block__", _) => self.body(e, d),
            ("=", [p, v]) => {
                let r = self.match_expr(p, v, span)?;
                self.deliver(r, d);
                Ok(())
            }
            ("-", [x]) => self.unary(x, span, d, |dst, a, fail| Op::Neg { dst, a, fail }),
            ("abs", [x]) if !self.is_local(name, 1) => self.unary(x, span, d, |dst, a, fail| Op::Abs { dst, a, fail }),
            ("send", [to, msg]) if !self.is_local(name, 2) => self.with_dst(d, |s, dst| {
                // The BEAM's `send` instruction: `:erlang.send/2` without a call.
                let mark = s.s.mark();
                let to = s.operand(to)?;
                let msg = s.operand(msg)?;
                s.e.line(span);
                s.e.emit(Op::Send { dst, to, msg });
                s.s.release(mark);
                Ok(())
            }),
            ("+", [x]) => self.expr(x, d),
            ("div", [a, b]) | ("rem", [a, b]) if !self.is_local(name, 2) => {
                self.arith(if name == "div" { ArithOp::IntDiv } else { ArithOp::Rem }, a, b, span, d)
            }
            ("and" | "or" | "&&" | "||", [a, b]) => self.bool_op(name, a, b, span, d),
            ("not", [x]) => self.unary(x, span, d, |dst, a, fail| Op::Not { dst, a, fail }),
            ("!", [x]) => self.with_dst(d, |s, dst| {
                let mark = s.s.mark();
                let r = s.operand(x)?;
                let no = s.e.label();
                let end = s.e.label();
                s.e.emit(Op::JumpIf { cond: r, target: no });
                s.load_lit(Literal::Atom("true".into()), dst);
                s.e.emit(Op::Jump { target: end });
                s.e.bind(no);
                s.load_lit(Literal::Atom("false".into()), dst);
                s.e.bind(end);
                s.s.release(mark);
                Ok(())
            }),
            ("<>", [_, _]) => {
                let mut parts = vec![];
                let mut cur = e;
                while let (Some("<>"), Ast::Node { args: Some(a), .. }) = (cur.head_name(), cur) {
                    if a.len() != 2 {
                        break;
                    }
                    parts.push(&a[0]);
                    cur = &a[1];
                }
                parts.push(cur);
                // An interpolated string among the parts is spliced in piece by piece, so
                // `acc <> "item #{i};"` appends the pieces to `acc` in one `Concat` (in place
                // when `acc` is uniquely owned) instead of building a temporary binary first.
                let mut pieces: Vec<(bool, &Ast)> = vec![];
                for p in parts {
                    match p {
                        Ast::Node { args: Some(bp), .. } if p.head_name() == Some("<<>>") => match interpolation_pieces(bp) {
                            Some(ps) => pieces.extend(ps),
                            None => pieces.push((false, p)),
                        },
                        _ => pieces.push((false, p)),
                    }
                }
                self.with_dst(d, |s, dst| {
                    let mark = s.s.mark();
                    let start = s.s.alloc_n(pieces.len() as u32);
                    for (i, (conv, p)) in pieces.iter().enumerate() {
                        let r = Dest::Reg(Reg(start.0 + i as u16));
                        if *conv {
                            s.to_str(p, r)?;
                        } else {
                            s.expr(p, r)?;
                        }
                    }
                    s.e.line(span);
                    s.e.emit(Op::Concat { dst, start, n: pieces.len() as u16 });
                    s.s.release(mark);
                    Ok(())
                })
            }
            ("++" | "--", [_, _]) => self.remote("erlang", name, args, span, d),
            ("|>", [_, _]) => {
                let rewritten = self.pipe(e)?;
                self.expr(&rewritten, d)
            }
            ("{}", items) => {
                let v: Vec<&Ast> = items.iter().collect();
                self.with_dst(d, |s, dst| s.build_tuple(&v, dst))
            }
            ("%{}", _) => self.map_expr(args, span, d),
            ("%", [s_ast, map]) => self.struct_expr(s_ast, map, span, d),
            ("<<>>", parts) => self.binary_expr(parts, span, d),
            ("@", [attr]) => match attr {
                Ast::Node { args: Some(a), .. } if !a.is_empty() => Err(err(
                    format!("cannot set attribute @{} inside function/macro", attr.head_name().unwrap_or("")),
                    span,
                )),
                Ast::Node { args, .. } if args.as_ref().map_or(true, |a| a.is_empty()) => {
                    let name = attr.head_name().unwrap_or("");
                    let Some((value, env)) = self.env.attr_exprs.get(name).cloned() else {
                        return Err(unsupported("this module attribute read", span));
                    };
                    // A non-constant attribute: its expression, compiled where it was written.
                    let saved = std::mem::replace(&mut self.env, env);
                    let r = self.expr(&value, d);
                    self.env = saved;
                    r
                }
                _ => Err(unsupported("this module attribute read", span)),
            },
            ("^", _) => Err(err(
                format!("cannot use ^{} outside of match clauses", args.first().and_then(|a| a.head_name()).unwrap_or("")),
                span,
            )),
            ("fn", clauses) => {
                let cl: Vec<_> = clauses.iter().map(super::func::split_arrow).collect::<R<_>>()?;
                if cl.is_empty() {
                    return Err(err("expected anonymous functions to be defined with -> inside: 'fn'", span));
                }
                let arity = cl[0].pats.len();
                if cl.iter().any(|c| c.pats.len() != arity) {
                    return Err(err("anonymous functions must have the same number of arguments in all clauses", span));
                }
                self.with_dst(d, |s, dst| s.lambda(&cl, dst, span))
            }
            ("&", [x]) => self.capture(x, span, d),
            ("..", [a, b]) => self.remote("Elixir.Range", "new", &[a.clone(), b.clone()], span, d),
            ("..//", [a, b, c]) => self.remote("Elixir.Range", "new", &[a.clone(), b.clone(), c.clone()], span, d),
            // outside guards `x in enum` is `Enum.member?(enum, x)` (ranges with run-time bounds
            // too, as Elixir 1.14 expands it); compile-time lists and ranges are tested inline
            ("in", [x, rhs]) => {
                if const_eval(rhs, &self.env).is_some_and(|l| FnCx::in_inline_literal(&l)) {
                    let (x, rhs) = (x.clone(), rhs.clone());
                    return self.with_dst(d, |s, dst| {
                        let mark = s.s.mark();
                        let mut handled = true;
                        s.test_to_bool(dst, |s, no| {
                            handled = s.in_test(&x, &rhs, no)?;
                            Ok(())
                        })?;
                        s.s.release(mark);
                        if !handled {
                            return Err(unsupported("in", span));
                        }
                        Ok(())
                    });
                }
                self.remote("Elixir.Enum", "member?", &[rhs.clone(), x.clone()], span, d)
            }
            ("case" | "cond" | "if" | "unless" | "with" | "try" | "receive", _) => self.special(name, args, span, d),
            ("for", _) => {
                let lowered = self.lower_for(args, span)?;
                self.expr(&lowered, d)
            }
            (super::lower::FOR_GENERATOR, [enumerable, acc, step]) => self.for_generator(enumerable, acc, step, span, d),
            ("raise" | "reraise" | "throw" | "exit", _) if !self.is_local(name, n as u32) => self.raise_form(name, args, span, d),
            ("to_string", [x]) if !self.is_local("to_string", 1) => self.to_str(x, d),
            // Kernel macros over a path: `put_in(data.a[:b], v)` is `put_in(data, [Access.key!(:a), :b], v)`.
            ("put_in" | "update_in" | "get_and_update_in", [path, v]) if !self.is_local(name, 2) => {
                let Some((root, keys)) = self.access_path(path) else {
                    return Err(err(format!("undefined function {name}/2 (there is no such import)"), span));
                };
                let call = Ast::node(name, Meta { span, no_parens: false }, vec![root, Ast::List(keys), v.clone()]);
                self.expr(&call, d)
            }
            ("pop_in", [path]) if !self.is_local("pop_in", 1) => {
                let Some((root, keys)) = self.access_path(path) else {
                    return Err(err("undefined function pop_in/1 (there is no such import)", span));
                };
                let call = Ast::node("pop_in", Meta { span, no_parens: false }, vec![root, Ast::List(keys)]);
                self.expr(&call, d)
            }
            // Kernel macros: `then(v, f)` is `f.(v)`; `tap(v, f)` is `f.(v); v`.
            ("then", [v, f]) if !self.is_local("then", 2) && self.guard_fail.is_none() => {
                let mark = self.s.mark();
                let fr = self.operand(f)?;
                self.call(Target::Fun(fr), std::slice::from_ref(v), span, d)?;
                self.s.release(mark);
                Ok(())
            }
            ("tap", [v, f]) if !self.is_local("tap", 2) && self.guard_fail.is_none() => {
                let mark = self.s.mark();
                let vr = self.operand(v)?;
                let fr = self.operand(f)?;
                let tmp = self.s.alloc();
                let base = self.s.alloc();
                self.e.emit(Op::Move { dst: base, src: vr });
                self.e.line(span);
                self.e.emit(Op::CallFun { fun: fr, base, argc: 1, dst: tmp });
                self.deliver(vr, d);
                self.s.release(mark);
                Ok(())
            }
            ("is_nil", [x]) if !self.is_local("is_nil", 1) && self.guard_fail.is_none() => self.with_dst(d, |s, dst| {
                let mark = s.s.mark();
                let r = s.operand(x)?;
                let nil = s.s.alloc();
                s.load_lit(Literal::Atom("nil".into()), nil);
                s.e.emit(Op::Cmp { op: retort_vm::bytecode::CmpOp::StrictEq, dst, a: r, b: nil });
                s.s.release(mark);
                Ok(())
            }),
            ("match?", [p, v]) if !self.is_local("match?", 2) => self.with_dst(d, |s, dst| {
                let mark = s.s.mark();
                let r = s.operand(v)?;
                let saved = s.s.save();
                let (pats, guard) = super::func::split_when_list(std::slice::from_ref(p));
                let pat = pats.first().copied().unwrap_or(p);
                s.test_to_bool(dst, |s, no| {
                    s.match_one(pat, r, no)?;
                    if let Some(g) = guard {
                        s.guard(g, no)?;
                    }
                    Ok(())
                })?;
                s.s.restore(saved);
                s.s.release(mark);
                Ok(())
            }),
            ("alias" | "import" | "require", _) => {
                let env = std::rc::Rc::make_mut(&mut self.env);
                let m = match name {
                    "alias" => env.apply_alias(args, span)?,
                    "import" => env.apply_import(args, span)?,
                    _ => env.apply_require(args, span)?,
                };
                self.with_dst(d, |s, r| {
                    s.load_lit(Literal::Atom(m), r);
                    Ok(())
                })
            }
            (s, [body, mods]) if s.starts_with("sigil_") => self.sigil(&s[6..], body, mods, span, d),
            ("__aliases__", _) => Err(unsupported("dynamic alias", span)),
            ("quote", _) => {
                let built = crate::expand::quote::quote(args, &self.env, span)?;
                self.expr(&built, d)
            }
            ("unquote" | "unquote_splicing", _) => Err(err(format!("{} called outside quote", name), span)),
            ("super", _) => Err(err("no super defined in module (super is allowed only in a function made overridable with defoverridable)", span)),
            ("binding" | "dbg", _) => Err(unsupported(name, span)),
            ("def" | "defp" | "defmodule" | "defmacro" | "defmacrop" | "defstruct" | "defexception" | "use", _) => {
                Err(err(format!("cannot invoke {}/{} inside function/macro", name, n), span))
            }
            ("::", _) => Err(unsupported(":: outside of a binary", span)),
            ("|", _) => Err(err("misplaced operator |/2", span)),
            (_, _)
                if super::exunit::is_assertion_macro(name, n)
                    && !self.is_local(name, n as u32)
                    && self.env.imports.iter().any(|i| i.module == super::exunit::ASSERTIONS) =>
            {
                self.m.gensym += 1;
                let lowered = super::exunit::lower_assertion(name, args, meta, self.m.gensym);
                self.expr(&lowered, d)
            }
            ("->", _) => Err(err("unhandled operator ->", span)),
            ("when", _) => Err(err("undefined function when/2", span)),
            _ => self.local_call(name, args, meta, d),
        }
    }

    fn arith(&mut self, op: ArithOp, a: &Ast, b: &Ast, span: Span, d: Dest) -> R<()> {
        self.with_dst(d, |s, dst| {
            let mark = s.s.mark();
            let ra = s.operand(a)?;
            let rb = s.operand(b)?;
            s.e.line(span);
            let fail = s.fail_label();
            s.e.emit(Op::Arith { op, dst, a: ra, b: rb, fail });
            s.s.release(mark);
            Ok(())
        })
    }
}

fn describe_target(t: &Target) -> String {
    match t {
        Target::Local(_) => "local".into(),
        Target::Remote(m, f) => format!("{}.{}", inspect_module(m), f),
        Target::Fun(_) => "fun".into(),
        Target::Mod(_, f) => f.clone(),
    }
}

/// The pieces of a string interpolation `"a#{x}b"` (`<<"a", Kernel.to_string(x)::binary, "b">>`)
/// as (needs `to_string`, expression), or `None` when the bitstring has any other segment.
fn interpolation_pieces(parts: &[Ast]) -> Option<Vec<(bool, &Ast)>> {
    let mut pieces: Vec<(bool, &Ast)> = vec![]; // (needs to_string, ast)
    for p in parts {
        match p {
            Ast::Str(_) => pieces.push((false, p)),
            Ast::Node { args: Some(a), .. } if p.head_name() == Some("::") && a.len() == 2 => {
                if a[1].head_name() != Some("binary") || !matches!(&a[1], Ast::Node { args: None, .. }) {
                    return None;
                }
                match &a[0] {
                    Ast::Node { head, args: Some(ca), .. }
                        if ca.len() == 1
                            && matches!(&**head, Ast::Node { args: Some(da), .. }
                                if head.head_name() == Some(".") && da.len() == 2
                                    && da[0] == Ast::Atom(KERNEL_MOD.into())
                                    && da[1] == Ast::Atom("to_string".into())) =>
                    {
                        pieces.push((true, &ca[0]))
                    }
                    _ => return None,
                }
            }
            _ => return None,
        }
    }
    Some(pieces)
}
