//! Compile-time constants: literal expressions (numbers, atoms, strings, and lists, tuples and
//! maps of constants), module attributes, `__MODULE__`, aliases and literal ranges. A constant
//! expression compiles to one `Lit` from the pool instead of construction code.

use super::module::Env;
use crate::ast::Ast;
use retort_vm::bytecode::Literal;

/// The constant value of `e` in `env`, or `None` when it must be computed at run time. A
/// constant nested deeper than the loader accepts in a literal pool
/// ([`retort_vm::bytecode::verify::MAX_LITERAL_DEPTH`]) is `None` too: it is built by code
/// around literals that are shallow enough.
pub(crate) fn const_eval(e: &Ast, env: &Env) -> Option<Literal> {
    use retort_vm::bytecode::verify::{literal_depth, MAX_LITERAL_DEPTH};
    let l = const_eval_here(e, env)?;
    (literal_depth(&l, 0) <= MAX_LITERAL_DEPTH).then_some(l)
}

fn const_eval_here(e: &Ast, env: &Env) -> Option<Literal> {
    Some(match e {
        Ast::Int(i) => Literal::Int(*i),
        Ast::BigInt(d) => Literal::BigInt(d.clone()),
        Ast::Float(f) => Literal::Float(*f),
        Ast::Atom(a) => Literal::Atom(a.clone()),
        Ast::Str(s) => Literal::Binary(s.clone()),
        Ast::Pair(a, b) => Literal::Tuple(vec![const_eval(a, env)?, const_eval(b, env)?]),
        Ast::List(items) => const_list(items, env)?,
        Ast::Node { args: None, .. } => match e.head_name()? {
            "__MODULE__" => Literal::Atom(env.module.clone().unwrap_or_else(|| "nil".into())),
            _ => return None,
        },
        Ast::Node { args: Some(args), .. } => {
            let name = e.head_name()?;
            match (name, args.as_slice()) {
                ("{}", items) => Literal::Tuple(items.iter().map(|i| const_eval(i, env)).collect::<Option<_>>()?),
                ("%{}", pairs) => {
                    let mut out = vec![];
                    for p in pairs {
                        match p {
                            Ast::Pair(k, v) => out.push((const_eval(k, env)?, const_eval(v, env)?)),
                            _ => return None,
                        }
                    }
                    Literal::Map(out)
                }
                ("-", [x]) => match const_eval(x, env)? {
                    Literal::Int(i) => Literal::Int(i.checked_neg()?),
                    Literal::Float(f) => Literal::Float(-f),
                    Literal::BigInt(d) => {
                        if d == "9223372036854775808" {
                            Literal::Int(i64::MIN)
                        } else if let Some(rest) = d.strip_prefix('-') {
                            Literal::BigInt(rest.to_string())
                        } else {
                            Literal::BigInt(format!("-{}", d))
                        }
                    }
                    _ => return None,
                },
                ("+", [x]) => match const_eval(x, env)? {
                    l @ (Literal::Int(_) | Literal::Float(_) | Literal::BigInt(_)) => l,
                    _ => return None,
                },
                ("__aliases__", segs) => Literal::Atom(env.alias_name(segs)?),
                ("@", [attr]) => {
                    let n = attr.head_name()?;
                    if env.attr_exprs.contains_key(n) {
                        return None;
                    }
                    match attr {
                        Ast::Node { args: None, .. } => env.attrs.get(n).cloned().unwrap_or(Literal::Atom("nil".into())),
                        Ast::Node { args: Some(a), .. } if a.is_empty() => {
                            env.attrs.get(n).cloned().unwrap_or(Literal::Atom("nil".into()))
                        }
                        _ => return None,
                    }
                }
                ("<<>>", parts) => {
                    let mut out = vec![];
                    for p in parts {
                        match p {
                            Ast::Str(s) => out.extend_from_slice(s),
                            // `<<1, 2>>`: an integer segment of the default 8 bits (mod 256)
                            Ast::Int(n) => out.push((*n & 0xFF) as u8),
                            _ => return None,
                        }
                    }
                    Literal::Binary(out)
                }
                ("+" | "-" | "*", [a, b]) => match (const_eval(a, env)?, const_eval(b, env)?) {
                    (Literal::Int(x), Literal::Int(y)) => Literal::Int(match name {
                        "+" => x.checked_add(y)?,
                        "-" => x.checked_sub(y)?,
                        _ => x.checked_mul(y)?,
                    }),
                    (x @ (Literal::Int(_) | Literal::Float(_)), y @ (Literal::Int(_) | Literal::Float(_))) => {
                        let f = |l: Literal| match l {
                            Literal::Int(i) => i as f64,
                            Literal::Float(f) => f,
                            _ => 0.0,
                        };
                        let (x, y) = (f(x), f(y));
                        let r = match name {
                            "+" => x + y,
                            "-" => x - y,
                            _ => x * y,
                        };
                        if !r.is_finite() {
                            return None;
                        }
                        Literal::Float(r)
                    }
                    _ => return None,
                },
                ("<>", [a, b]) => match (const_eval(a, env)?, const_eval(b, env)?) {
                    (Literal::Binary(mut x), Literal::Binary(y)) => {
                        x.extend(y);
                        Literal::Binary(x)
                    }
                    _ => return None,
                },
                ("..", [a, b]) => {
                    let (Literal::Int(x), Literal::Int(y)) = (const_eval(a, env)?, const_eval(b, env)?) else { return None };
                    range_lit(x, y, if x <= y { 1 } else { -1 })
                }
                ("..//", [a, b, s]) => {
                    let (Literal::Int(x), Literal::Int(y), Literal::Int(st)) =
                        (const_eval(a, env)?, const_eval(b, env)?, const_eval(s, env)?)
                    else {
                        return None;
                    };
                    if st == 0 {
                        return None;
                    }
                    range_lit(x, y, st)
                }
                _ => return None,
            }
        }
    })
}

fn const_list(items: &[Ast], env: &Env) -> Option<Literal> {
    if items.is_empty() {
        return Some(Literal::Nil);
    }
    let mut out = vec![];
    let mut tail = Literal::Nil;
    for (i, it) in items.iter().enumerate() {
        if i + 1 == items.len() {
            if let Some([h, t]) = bar_args(it) {
                out.push(const_eval(h, env)?);
                tail = const_eval(t, env)?;
                break;
            }
        }
        out.push(const_eval(it, env)?);
    }
    Some(match tail {
        Literal::Nil => Literal::List(out, Box::new(Literal::Nil)),
        Literal::List(more, t) => {
            out.extend(more);
            Literal::List(out, t)
        }
        t => Literal::List(out, Box::new(t)),
    })
}

/// `[h | t]` inside a list: the `{:|, _, [h, t]}` node's operands.
pub(crate) fn bar_args(e: &Ast) -> Option<&[Ast; 2]> {
    match e {
        Ast::Node { args: Some(a), .. } if e.head_name() == Some("|") && a.len() == 2 => a.as_slice().try_into().ok(),
        _ => None,
    }
}

/// `%Range{first: a, last: b, step: s}`.
pub(crate) fn range_lit(a: i64, b: i64, s: i64) -> Literal {
    Literal::Map(vec![
        (Literal::Atom("__struct__".into()), Literal::Atom("Elixir.Range".into())),
        (Literal::Atom("first".into()), Literal::Int(a)),
        (Literal::Atom("last".into()), Literal::Int(b)),
        (Literal::Atom("step".into()), Literal::Int(s)),
    ])
}

/// A literal back as AST (for generated code such as `__struct__/0`).
pub(crate) fn lit_to_ast(l: &Literal) -> Ast {
    use crate::ast::Meta;
    match l {
        Literal::Int(i) if *i < 0 => Ast::node("-", Meta::default(), vec![Ast::Int(i.wrapping_neg())]),
        Literal::Int(i) => Ast::Int(*i),
        Literal::BigInt(d) => match d.strip_prefix('-') {
            Some(p) => Ast::node("-", Meta::default(), vec![Ast::BigInt(p.to_string())]),
            None => Ast::BigInt(d.clone()),
        },
        Literal::Float(f) if *f < 0.0 => Ast::node("-", Meta::default(), vec![Ast::Float(-f)]),
        Literal::Float(f) => Ast::Float(*f),
        Literal::Atom(a) => Ast::Atom(a.clone()),
        Literal::Binary(b) => Ast::Str(b.clone()),
        Literal::Nil => Ast::List(vec![]),
        Literal::List(items, tail) => {
            let mut v: Vec<Ast> = items.iter().map(lit_to_ast).collect();
            if **tail != Literal::Nil {
                if let Some(last) = v.pop() {
                    v.push(Ast::node("|", Meta::default(), vec![last, lit_to_ast(tail)]));
                }
            }
            Ast::List(v)
        }
        Literal::Tuple(items) if items.len() == 2 => Ast::Pair(Box::new(lit_to_ast(&items[0])), Box::new(lit_to_ast(&items[1]))),
        Literal::Tuple(items) => Ast::node("{}", Meta::default(), items.iter().map(lit_to_ast).collect()),
        Literal::Map(pairs) => Ast::node(
            "%{}",
            Meta::default(),
            pairs.iter().map(|(k, v)| Ast::Pair(Box::new(lit_to_ast(k)), Box::new(lit_to_ast(v)))).collect(),
        ),
    }
}
