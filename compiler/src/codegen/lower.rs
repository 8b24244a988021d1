//! AST rewrites done just before compiling an expression: `|>`, `&` captures, `for`
//! comprehensions (lowered to reductions, each generator a [`FOR_GENERATOR`] form, and
//! `:lists.reverse/1`), and sigils.

use super::consts::const_eval;
use super::expr::remote_ast;
use super::func::{Dest, FnCx};

use super::{err, unsupported, R};
use crate::ast::{Ast, Meta, Span};
use retort_vm::bytecode::{Literal, Op};

/// The head of the form `for` lowers a generator to: `{FOR_GENERATOR, _, [enumerable, acc,
/// step]}`, where `step` is `fn pattern, acc -> new_acc; _, acc -> acc end`. It means
/// `Enum.reduce(enumerable, acc, step)`; `FnCx::for_generator` compiles it. Source code cannot
/// name it (it is not an identifier).
pub(crate) const FOR_GENERATOR: &str = "-for-generator-";

fn node(name: &str, meta: Meta, args: Vec<Ast>) -> Ast {
    Ast::node(name, meta, args)
}

fn var(name: &str, meta: Meta) -> Ast {
    Ast::var(name, meta)
}

fn arrow(meta: Meta, head: Vec<Ast>, body: Ast) -> Ast {
    node("->", meta, vec![Ast::List(head), body])
}

fn kw(pairs: Vec<(&str, Ast)>) -> Ast {
    Ast::List(pairs.into_iter().map(|(k, v)| Ast::Pair(Box::new(Ast::Atom(k.into())), Box::new(v))).collect())
}

/// Replaces `&N` by the variable `&N`; returns the highest N seen.
fn replace_placeholders(e: &Ast, max: &mut i64) -> Ast {
    match e {
        Ast::Node { head, meta, args: Some(a) } => {
            if e.head_name() == Some("&") && a.len() == 1 {
                if let Ast::Int(n) = a[0] {
                    *max = (*max).max(n);
                    return var(&format!("&{}", n), *meta);
                }
            }
            Ast::Node {
                head: Box::new(replace_placeholders(head, max)),
                meta: *meta,
                args: Some(a.iter().map(|x| replace_placeholders(x, max)).collect()),
            }
        }
        Ast::List(items) => Ast::List(items.iter().map(|x| replace_placeholders(x, max)).collect()),
        Ast::Pair(a, b) => Ast::Pair(Box::new(replace_placeholders(a, max)), Box::new(replace_placeholders(b, max))),
        other => other.clone(),
    }
}

/// The Kernel functions Elixir inlines to `:erlang` (`elixir_rewrite.erl`): `(Kernel name,
/// arity, :erlang name)`. Capturing one (`&is_atom/1`, `&Kernel.+/2`) gives the `:erlang` fun,
/// which Elixir prints as `&:erlang.is_atom/1`.
const KERNEL_INLINES: &[(&str, u32, &str)] = &[
    ("!=", 2, "/="), ("!==", 2, "=/="), ("*", 2, "*"), ("+", 1, "+"), ("+", 2, "+"), ("++", 2, "++"),
    ("-", 1, "-"), ("-", 2, "-"), ("--", 2, "--"), ("/", 2, "/"), ("<", 2, "<"), ("<=", 2, "=<"),
    ("==", 2, "=="), ("===", 2, "=:="), (">", 2, ">"), (">=", 2, ">="), ("abs", 1, "abs"),
    ("apply", 2, "apply"), ("apply", 3, "apply"), ("binary_part", 3, "binary_part"),
    ("bit_size", 1, "bit_size"), ("byte_size", 1, "byte_size"), ("ceil", 1, "ceil"), ("div", 2, "div"),
    ("exit", 1, "exit"), ("floor", 1, "floor"), ("hd", 1, "hd"), ("is_atom", 1, "is_atom"),
    ("is_binary", 1, "is_binary"), ("is_bitstring", 1, "is_bitstring"), ("is_boolean", 1, "is_boolean"),
    ("is_float", 1, "is_float"), ("is_function", 1, "is_function"), ("is_function", 2, "is_function"),
    ("is_integer", 1, "is_integer"), ("is_list", 1, "is_list"), ("is_map", 1, "is_map"),
    ("is_number", 1, "is_number"), ("is_pid", 1, "is_pid"), ("is_port", 1, "is_port"),
    ("is_reference", 1, "is_reference"), ("is_tuple", 1, "is_tuple"), ("length", 1, "length"),
    ("make_ref", 0, "make_ref"), ("map_size", 1, "map_size"), ("max", 2, "max"), ("min", 2, "min"),
    ("node", 0, "node"), ("node", 1, "node"), ("not", 1, "not"), ("rem", 2, "rem"), ("round", 1, "round"),
    ("self", 0, "self"), ("send", 2, "send"), ("spawn", 1, "spawn"), ("spawn", 3, "spawn"),
    ("spawn_link", 1, "spawn_link"), ("spawn_link", 3, "spawn_link"), ("spawn_monitor", 1, "spawn_monitor"),
    ("spawn_monitor", 3, "spawn_monitor"), ("throw", 1, "throw"), ("tl", 1, "tl"), ("trunc", 1, "trunc"),
    ("tuple_size", 1, "tuple_size"),
];

/// Kernel macros (and special forms) that `&name/arity` captures as an anonymous function.
const CAPTURABLE_MACROS: &[(&str, u32)] = &[
    ("<>", 2), ("!", 1), ("&&", 2), ("||", 2), ("..", 2), ("to_string", 1), ("to_charlist", 1),
    ("is_nil", 1), ("and", 2), ("or", 2), ("in", 2), ("if", 2), ("unless", 2), ("inspect", 1),
];

impl<'a, 'u> FnCx<'a, 'u> {
    /// `&is_atom/1`, `&+/2`, `&Kernel.+/2`: a capture of a Kernel function Elixir inlines to
    /// `:erlang` (and not shadowed by a local function or another import); returns the
    /// `:erlang` name and the arity.
    fn inlined_capture(&self, x: &Ast) -> Option<(&'static str, u32)> {
        let (Some("/"), Ast::Node { args: Some(a), .. }) = (x.head_name(), x) else { return None };
        let [f, Ast::Int(n)] = a.as_slice() else { return None };
        let n = u32::try_from(*n).ok()?;
        let Ast::Node { head, args, .. } = f else { return None };
        if !args.as_ref().map_or(true, |v| v.is_empty()) {
            return None;
        }
        let name = match &**head {
            Ast::Atom(name) => {
                if self.is_local(name, n) {
                    return None;
                }
                match self.resolve_call(name, n) {
                    Some(super::expr::Target::Remote(m, _)) if m != super::kernel::KERNEL_MOD => return None,
                    Some(super::expr::Target::Remote(..)) | None => name.as_str(),
                    Some(_) => return None,
                }
            }
            Ast::Node { args: Some(da), .. } if head.head_name() == Some(".") => match da.as_slice() {
                [m, Ast::Atom(name)] if self.module_of(m).as_deref() == Some(super::kernel::KERNEL_MOD) => name.as_str(),
                _ => return None,
            },
            _ => return None,
        };
        KERNEL_INLINES.iter().find(|(k, a, _)| *k == name && *a == n).map(|(_, _, e)| (*e, n))
    }

    /// `left |> f(args)` → `f(left, args)`.
    pub fn pipe(&mut self, e: &Ast) -> R<Ast> {
        let Ast::Node { args: Some(a), .. } = e else { return Err(err("invalid pipe", e.span())) };
        let (left, right) = (&a[0], &a[1]);
        match right {
            Ast::Node { head, meta, args } => {
                if matches!(right.head_name(), Some("fn" | "&" | "__block__" | "{}" | "%{}" | "%" | "<<>>" | "@")) {
                    return Err(err(format!("cannot pipe {} into {}", super::expr::describe(left), super::expr::describe(right)), right.span()));
                }
                let mut new_args = vec![left.clone()];
                new_args.extend(args.iter().flatten().cloned());
                let meta = Meta { span: meta.span, no_parens: false };
                Ok(Ast::Node { head: head.clone(), meta, args: Some(new_args) })
            }
            _ => Err(err("cannot pipe into a literal", e.span())),
        }
    }

    /// `&Mod.f/n`, `&f/n`, `&(... &1 ...)`.
    pub fn capture(&mut self, x: &Ast, span: Span, d: Dest) -> R<()> {
        let meta = Meta { span, no_parens: false };
        if let Some((erl, n)) = self.inlined_capture(x) {
            let import = self.m.pools.import("erlang", erl, n);
            return self.with_dst(d, |s, dst| {
                s.e.emit(Op::ExtFun { dst, import });
                Ok(())
            });
        }
        if let (Some("/"), Ast::Node { args: Some(a), .. }) = (x.head_name(), x) {
            if let [f, Ast::Int(n)] = a.as_slice() {
                let n = *n as u32;
                match f {
                    Ast::Node { head, args, .. } if head.head_name() == Some(".") => {
                        if args.as_ref().map_or(true, |v| v.is_empty()) {
                            let Ast::Node { args: Some(da), .. } = &**head else { return Err(unsupported("capture", span)) };
                            if let [m, Ast::Atom(fname)] = da.as_slice() {
                                let module = self.module_of(m).or_else(|| match const_eval(m, &self.env) {
                                    Some(Literal::Atom(a)) => Some(a),
                                    _ => None,
                                });
                                if let Some(module) = module {
                                    let import = self.m.pools.import(&module, fname, n);
                                    return self.with_dst(d, |s, dst| {
                                        s.e.emit(Op::ExtFun { dst, import });
                                        Ok(())
                                    });
                                }
                                // &mod.f/n with a module in a variable: fn args -> mod.f(args) end
                                let vars: Vec<Ast> = (1..=n).map(|i| var(&format!("&{}", i), meta)).collect();
                                let call = Ast::Node { head: head.clone(), meta, args: Some(vars.clone()) };
                                let f = node("fn", meta, vec![arrow(meta, vars, call)]);
                                return self.expr(&f, d);
                            }
                        }
                    }
                    Ast::Node { head, args, .. } if matches!(&**head, Ast::Atom(_)) && args.as_ref().map_or(true, |v| v.is_empty()) => {
                        let name = f.head_name().unwrap_or("");
                        match self.resolve_call(name, n) {
                            Some(super::expr::Target::Remote(m, fname)) => {
                                let import = self.m.pools.import(&m, &fname, n);
                                return self.with_dst(d, |s, dst| {
                                    s.e.emit(Op::ExtFun { dst, import });
                                    Ok(())
                                });
                            }
                            Some(_) => {
                                let vars: Vec<Ast> = (1..=n).map(|i| var(&format!("&{}", i), meta)).collect();
                                let call = node(name, meta, vars.clone());
                                let f = node("fn", meta, vec![arrow(meta, vars, call)]);
                                return self.expr(&f, d);
                            }
                            // `&<>/2`, `&!/1`, `&to_string/1`: Kernel macros the compiler expands
                            // become `fn a, b -> a <> b end`, as in Elixir.
                            None if CAPTURABLE_MACROS.contains(&(name, n)) => {
                                let vars: Vec<Ast> = (1..=n).map(|i| var(&format!("&{}", i), meta)).collect();
                                let call = node(name, meta, vars.clone());
                                let f = node("fn", meta, vec![arrow(meta, vars, call)]);
                                return self.expr(&f, d);
                            }
                            None => {
                                return self.local_call(name, &vec![Ast::Atom("nil".into()); n as usize], meta, d);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut max = 0;
        let body = replace_placeholders(x, &mut max);
        if max == 0 {
            return Err(err(
                format!("invalid args for &, expected one of:\n\n  * &Mod.fun/arity to capture a remote function, such as &Enum.map/2\n  * &fun/arity to capture a local or imported function, such as &is_atom/1\n  * &some_code(&1, ...) containing at least one argument as &1, such as &List.flatten(&1)\n\nGot: {}", super::expr::describe(x))
                , span));
        }
        let vars: Vec<Ast> = (1..=max).map(|i| var(&format!("&{}", i), meta)).collect();
        let f = node("fn", meta, vec![arrow(meta, vars, body)]);
        self.expr(&f, d)
    }

    /// Lowers `for` to reductions.
    pub fn lower_for(&mut self, args: &[Ast], span: Span) -> R<Ast> {
        let meta = Meta { span, no_parens: false };
        let mut quals = vec![];
        let mut opts: Vec<(String, Ast)> = vec![];
        for a in args {
            match a {
                Ast::List(items) if !items.is_empty() && items.iter().all(|p| matches!(p, Ast::Pair(k, _) if matches!(**k, Ast::Atom(_)))) => {
                    for p in items {
                        if let Ast::Pair(k, v) = p {
                            if let Ast::Atom(k) = &**k {
                                opts.push((k.clone(), (**v).clone()));
                            }
                        }
                    }
                }
                q => quals.push(q),
            }
        }
        let opt = |k: &str| opts.iter().rev().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        let body = opt("do").ok_or_else(|| err("missing :do option in \"for\"", span))?;
        for (k, _) in &opts {
            if !["do", "into", "uniq", "reduce"].contains(&k.as_str()) {
                return Err(unsupported(format!("for option :{}", k), span));
            }
        }
        let reduce = opt("reduce");
        let mut counter = 0u32;
        let init = match &reduce {
            Some(i) => i.clone(),
            None => Ast::List(vec![]),
        };
        let inner = self.for_inner(&quals, init, &body, reduce.is_some(), meta, &mut counter)?;
        if reduce.is_some() {
            return Ok(inner);
        }
        let mut result = remote_ast("lists", "reverse", vec![inner], meta);
        if let Some(u) = opt("uniq") {
            if u == Ast::Atom("true".into()) {
                result = remote_ast("Elixir.Enum", "uniq", vec![result], meta);
            }
        }
        if let Some(into) = opt("into") {
            result = remote_ast("Elixir.Enum", "into", vec![result, into], meta);
        }
        Ok(result)
    }

    fn for_inner(&mut self, quals: &[&Ast], acc: Ast, body: &Ast, reduce: bool, meta: Meta, counter: &mut u32) -> R<Ast> {
        let Some((q, rest)) = quals.split_first() else {
            if reduce {
                return Ok(node("case", meta, vec![acc, kw(vec![("do", body.clone())])]));
            }
            return Ok(Ast::List(vec![node("|", meta, vec![body.clone(), acc])]));
        };
        match q {
            Ast::Node { args: Some(a), .. } if q.head_name() == Some("<-") && a.len() == 2 => {
                if a[1].head_name() == Some("<<>>") || a[0].head_name() == Some("<<>>") {
                    return Err(unsupported("binary generators in for", q.span()));
                }
                *counter += 1;
                let acc_name = format!("for-acc-{}", counter);
                let acc_var = var(&acc_name, meta);
                let inner = self.for_inner(rest, acc_var.clone(), body, reduce, meta, counter)?;
                let (head, guard) = match &a[0] {
                    Ast::Node { args: Some(w), .. } if a[0].head_name() == Some("when") && w.len() == 2 => (w[0].clone(), Some(w[1].clone())),
                    p => (p.clone(), None),
                };
                let first_head = match guard {
                    Some(g) => vec![node("when", meta, vec![head, acc_var.clone(), g])],
                    None => vec![head, acc_var.clone()],
                };
                let f = node(
                    "fn",
                    meta,
                    vec![arrow(meta, first_head, inner), arrow(meta, vec![var("_", meta), acc_var.clone()], acc_var)],
                );
                // `Enum.reduce(enumerable, acc, f)`, compiled as a loop over a list that runs
                // `f`'s body inline (`FnCx::for_generator`).
                Ok(node(FOR_GENERATOR, meta, vec![a[1].clone(), acc, f]))
            }
            // A binary generator `<<seg, ..., last <- bin>>`: a fun that matches the segments
            // and the rest of the binary, and calls itself on the rest; it stops when the
            // segments no longer match (the leftover bytes are dropped, as in Elixir).
            Ast::Node { args: Some(parts), .. }
                if q.head_name() == Some("<<>>") && parts.last().is_some_and(|l| l.head_name() == Some("<-")) =>
            {
                let Some((Ast::Node { args: Some(gen), .. }, segs)) = parts.split_last() else {
                    return Err(unsupported("this binary generator", q.span()));
                };
                if gen.len() != 2 {
                    return Err(unsupported("this binary generator", q.span()));
                }
                *counter += 1;
                let acc_var = var(&format!("for-acc-{}", counter), meta);
                let self_var = var(&format!("for-bin-loop-{}", counter), meta);
                let rest_var = var(&format!("for-bin-rest-{}", counter), meta);
                let inner = self.for_inner(rest, acc_var.clone(), body, reduce, meta, counter)?;
                let mut pattern: Vec<Ast> = segs.to_vec();
                pattern.push(gen[0].clone());
                pattern.push(node("::", meta, vec![rest_var.clone(), var("binary", meta)]));
                let call_self = |args: Vec<Ast>| Ast::Node { head: Box::new(node(".", meta, vec![self_var.clone()])), meta, args: Some(args) };
                let step = call_self(vec![self_var.clone(), rest_var.clone(), inner]);
                let f = node(
                    "fn",
                    meta,
                    vec![
                        arrow(meta, vec![self_var.clone(), node("<<>>", meta, pattern), acc_var.clone()], step),
                        arrow(meta, vec![var("_", meta), var("_", meta), acc_var.clone()], acc_var),
                    ],
                );
                // `(fn loop, bin, acc -> ... end).(that fun, bin, acc)` through a block binding it.
                let bound = node("=", meta, vec![self_var.clone(), f]);
                let first = call_self(vec![self_var.clone(), gen[1].clone(), acc]);
                Ok(node("__block__", meta, vec![bound, first]))
            }
            filter => {
                let inner = self.for_inner(rest, acc.clone(), body, reduce, meta, counter)?;
                Ok(node("if", meta, vec![(*filter).clone(), kw(vec![("do", inner), ("else", acc)])]))
            }
        }
    }

    /// `~s`, `~S`, `~c`, `~C`, `~w`, `~W`, `~r`, `~R`, and the calendar sigils (`sigil_calendar.rs`).
    pub fn sigil(&mut self, letter: &str, body: &Ast, mods: &Ast, span: Span, d: Dest) -> R<()> {
        let meta = Meta { span, no_parens: false };
        let mods: String = match mods {
            Ast::List(items) => items.iter().filter_map(|i| if let Ast::Int(c) = i { char::from_u32(*c as u32) } else { None }).collect(),
            _ => String::new(),
        };
        let parts: Vec<Ast> = match body {
            Ast::Node { args: Some(p), .. } if body.head_name() == Some("<<>>") => p.clone(),
            Ast::Str(_) => vec![body.clone()],
            _ => return Err(unsupported("sigil", span)),
        };
        let lower = letter.chars().next().map_or(false, |c| c.is_ascii_lowercase());
        // Elixir unescapes a lowercase sigil's body while expanding it: a code point out of
        // Unicode is a compile-time error there, not a value.
        if lower && letter != "r" {
            for p in &parts {
                if let Ast::Str(s) = p {
                    if let Some(esc) = crate::lexer::escape::first_invalid_code_point(&String::from_utf8_lossy(s)) {
                        return Err(super::err(format!("invalid or reserved Unicode code point {esc}"), span));
                    }
                }
            }
        }
        let parts: Vec<Ast> = parts
            .into_iter()
            .map(|p| match p {
                Ast::Str(s) if lower && letter != "r" => Ast::Str(crate::lexer::escape::unescape(&String::from_utf8_lossy(&s))),
                p => p,
            })
            .collect();
        let bytes: Option<Vec<u8>> = parts.iter().map(|p| if let Ast::Str(s) = p { Some(s.as_slice()) } else { None }).collect::<Option<Vec<_>>>().map(|v| v.concat());
        // The text when static and UTF-8; a `\xHH` escape that breaks UTF-8 leaves `~c`/`~w`
        // to the run-time conversions, which raise as Elixir's do.
        let text: Option<String> = bytes.as_ref().and_then(|b| String::from_utf8(b.clone()).ok());
        // A static `~c` (or `~w` with the `c` modifier) converts at expansion time in Elixir, so
        // bytes that are not UTF-8 are a compile-time `UnicodeConversionError`.
        let charlists = letter == "c" || ((letter == "w" || letter == "W") && mods.ends_with('c'));
        if let (Some(b), None, true) = (&bytes, &text, charlists) {
            let from = std::str::from_utf8(b).err().map_or(0, |e| e.valid_up_to());
            let rest: Vec<String> = b[from..].iter().map(|x| x.to_string()).collect();
            return Err(super::err(format!("invalid encoding starting at <<{}>>", rest.join(", ")), span));
        }
        let bin = match bytes {
            Some(b) => Ast::Str(b),
            None => node("<<>>", meta, parts),
        };
        if let Some(t) = &text {
            if let Some(ast) = super::sigil_calendar::calendar_sigil(letter, t, meta) {
                return self.expr(&ast, d);
            }
        }
        match letter {
            "s" | "S" => self.expr(&bin, d),
            "c" | "C" => match &text {
                Some(t) => self.expr(&Ast::List(t.chars().map(|c| Ast::Int(c as i64)).collect()), d),
                None => self.remote("Elixir.String", "to_charlist", &[bin], span, d),
            },
            "w" | "W" => {
                let kind = mods.chars().last().unwrap_or('s');
                match &text {
                    Some(t) => {
                        let words: Vec<Ast> = t
                            .split_whitespace()
                            .map(|w| match kind {
                                'a' => Ast::Atom(w.to_string()),
                                'c' => Ast::List(w.chars().map(|c| Ast::Int(c as i64)).collect()),
                                _ => Ast::Str(w.as_bytes().to_vec()),
                            })
                            .collect();
                        self.expr(&Ast::List(words), d)
                    }
                    None if kind == 's' => self.remote("Elixir.String", "split", &[bin], span, d),
                    None => {
                        // `Enum.map(String.split(bin), fn w -> String.to_atom(w) end)` (or to_charlist)
                        let conv = if kind == 'a' { "to_atom" } else { "to_charlist" };
                        let w = var("sigil-word@w", meta);
                        let f = node("fn", meta, vec![arrow(meta, vec![w.clone()], remote_ast("Elixir.String", conv, vec![w], meta))]);
                        let split = remote_ast("Elixir.String", "split", vec![bin], meta);
                        self.expr(&remote_ast("Elixir.Enum", "map", vec![split, f], meta), d)
                    }
                }
            }
            "r" | "R" => self.remote("Elixir.Regex", "compile!", &[bin, Ast::Str(mods.into_bytes())], span, d),
            // A sigil of the program's own (Elixir: a call of `sigil_x/2`, local or imported,
            // with the string and the modifiers as a charlist).
            _ => {
                let mods = Ast::List(mods.chars().map(|c| Ast::Int(c as i64)).collect());
                self.local_call(&format!("sigil_{}", letter), &[bin, mods], meta, d)
            }
        }
    }
}

