//! `:queue.in/2`, the one function of Erlang's `queue` that cannot be written in the language
//! (`in` is an operator there); the rest of the module is `stdlib/lib/queue.ex`.

use super::util::*;
use crate::code::table::{CodeServer, NativeTable};
use crate::error::{Exception, Trap};
use crate::value::Term;

/// Registers `queue:in/2`.
pub fn register(c: &mut CodeServer) {
    c.register_table("queue", QUEUE);
}

/// `queue:in(x, {rear, front})` as OTP 25 writes it: `x` goes on the rear list, except that
/// a queue of one element in the rear and none in the front moves it to the front first
/// (`{[x], [y]}`). `badarg` on a non-queue.
fn queue_in(a: &mut [Term]) -> R {
    if let Term::Tuple(q) = a[1].clone() {
        if q.len() == 2 && matches!(q[0], Term::Nil | Term::Cons(_)) && matches!(q[1], Term::Nil | Term::Cons(_)) {
            let x = std::mem::take(&mut a[0]);
            if let (Term::Cons(c), Term::Nil) = (&q[0], &q[1]) {
                if matches!(c.tail, Term::Nil) {
                    return Ok(Term::tuple(vec![Term::list(vec![x]), q[0].clone()]));
                }
            }
            return Ok(Term::tuple(vec![Term::cons(x, q[0].clone()), q[1].clone()]));
        }
    }
    Err(Trap::Raise(Exception::badarg()))
}

/// The natives of `queue`: `(name, arity, function)`.
const QUEUE: NativeTable = &[("in", 2, |_, a| queue_in(a))];
