//! The Pratt fold: the grammar collects an operator chain as a flat list of [`Item`]s (prefix
//! operators, operands, binary operators) and this module builds the tree with Elixir's
//! precedence table (`docs/parsing-elixir.md` §1). It is also where `not in`, the
//! `not x in y` rewrite and `a..b//c` are handled.

use crate::ast::{Ast, Meta, Span};
use crate::diagnostic::Diagnostic;

/// One element of an operator chain.
#[derive(Clone, Debug)]
pub enum Item {
    Operand(Ast, Span),
    Prefix(String, Span),
    Binary(String, Span),
}

/// Level and right-associativity of a binary operator.
pub fn binary_info(op: &str) -> (u32, bool) {
    match op {
        "**" => (230, false),
        "*" | "/" => (220, false),
        "+" | "-" => (210, false),
        "++" | "--" | "+++" | "---" | "<>" | ".." => (200, true),
        "//" => (190, true),
        "^^^" => (180, false),
        "in" | "not in" => (170, false),
        "|>" | "<<<" | ">>>" | "<<~" | "~>>" | "<~" | "~>" | "<~>" | "<|>" => (160, false),
        "<" | ">" | "<=" | ">=" => (150, false),
        "==" | "!=" | "=~" | "===" | "!==" => (140, false),
        "&&" | "&&&" | "and" => (130, false),
        "||" | "|||" | "or" => (110, false),
        "=" => (100, true),
        "|" => (70, true),
        "::" => (60, true),
        "when" => (50, true),
        "<-" | "\\\\" => (40, false),
        _ => (100, false),
    }
}

fn prefix_level(op: &str) -> u32 {
    if op == "&" { 90 } else { 300 }
}

/// Folds a chain into one expression.
pub fn fold(items: Vec<Item>) -> Result<Ast, Diagnostic> {
    let mut p = Folder { items: items.into_iter().map(Some).collect(), pos: 0 };
    let (ast, _) = p.expr(0)?;
    Ok(ast)
}

/// The span of a folded chain.
pub fn chain_span(items: &[Item]) -> Span {
    let f = |i: &Item| match i {
        Item::Operand(_, s) | Item::Prefix(_, s) | Item::Binary(_, s) => *s,
    };
    match (items.first(), items.last()) {
        (Some(a), Some(b)) => f(a).to(f(b)),
        _ => Span::default(),
    }
}

struct Folder {
    items: Vec<Option<Item>>,
    pos: usize,
}

fn meta(span: Span) -> Meta {
    Meta { span, no_parens: false }
}

impl Folder {
    fn next(&mut self) -> Option<Item> {
        let it = self.items.get_mut(self.pos).and_then(Option::take);
        self.pos += 1;
        it
    }

    fn expr(&mut self, min: u32) -> Result<(Ast, Span), Diagnostic> {
        let (mut lhs, mut lspan) = self.unary()?;
        while let Some(Some(Item::Binary(op, ospan))) = self.items.get(self.pos) {
            let (op, ospan) = (op.clone(), *ospan);
            let (level, right) = binary_info(&op);
            if level < min {
                break;
            }
            self.pos += 1;
            let (rhs, rspan) = self.expr(if right { level } else { level + 1 })?;
            let span = lspan.to(rspan);
            lhs = binary(&op, lhs, rhs, span, ospan)?;
            lspan = span;
        }
        Ok((lhs, lspan))
    }

    fn unary(&mut self) -> Result<(Ast, Span), Diagnostic> {
        match self.next() {
            Some(Item::Operand(a, s)) => Ok((a, s)),
            Some(Item::Prefix(op, s)) => {
                let (operand, os) = self.expr(prefix_level(&op) + 1)?;
                let span = s.to(os);
                Ok((Ast::node(&op, meta(span), vec![operand]), span))
            }
            Some(Item::Binary(op, s)) => Err(Diagnostic::error("E0001", format!("syntax error before: {}", op), s)),
            None => Err(Diagnostic::error("E0001", "syntax error: expression is incomplete", Span::default())),
        }
    }
}

fn is_unary_not(a: &Ast) -> bool {
    matches!(a.head_name(), Some("not" | "!")) && matches!(a, Ast::Node { args: Some(v), .. } if v.len() == 1)
}

fn binary(op: &str, lhs: Ast, rhs: Ast, span: Span, ospan: Span) -> Result<Ast, Diagnostic> {
    let m = meta(span);
    Ok(match op {
        "not in" => Ast::node("not", m, vec![Ast::node("in", m, vec![lhs, rhs])]),
        "in" if is_unary_not(&lhs) => {
            let Ast::Node { head, meta: nm, args } = lhs else { unreachable!() };
            let inner = args.unwrap().into_iter().next().unwrap();
            Ast::Node { head, meta: nm, args: Some(vec![Ast::node("in", m, vec![inner, rhs])]) }
        }
        "//" => match lhs {
            Ast::Node { ref head, args: Some(ref args), .. } if **head == Ast::Atom("..".into()) && args.len() == 2 => {
                let mut args = args.clone();
                args.push(rhs);
                Ast::node("..//", m, args)
            }
            _ => {
                return Err(Diagnostic::error(
                    "E0104",
                    "the range step operator (//) must immediately follow the range definition operator (..), for example: 1..9//2",
                    ospan,
                ))
            }
        },
        _ => Ast::node(op, m, vec![lhs, rhs]),
    })
}
