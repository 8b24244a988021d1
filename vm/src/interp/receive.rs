//! Helpers of the receive instructions (`RecvPeek`, `RecvAccept`, `RecvWait`) kept out of the
//! dispatch loop.
//!
//! A receive is a loop over the mailbox from the save pointer `p.save` (OTP 25's
//! `recv_mark`/`loop_rec`/`remove_message`/`wait` in beam_emu.c): peek the message at the save
//! pointer, try the clauses, then accept it (remove it and reset the save pointer) or step past
//! it; with nothing left, wait. A waiting process resumes at the top of that loop (its peek), so
//! a wake-up goes straight to the new message.

use crate::bytecode::Op;
use crate::process::Process;
use crate::scheduler::Vm;
use crate::value::Term;

/// `RecvAccept`: removes the message at the save pointer from the mailbox, resets the save
/// pointer and cancels the receive's timer. The message is the oldest one in the common case
/// (`save == 0`), a pop from the front of the queue.
#[inline(always)]
pub fn accept(vm: &mut Vm, p: &mut Process) {
    let m = if p.save == 0 { p.mailbox.pop_front() } else { p.mailbox.remove(p.save) };
    drop_message(m);
    p.save = 0;
    if p.timer != 0 {
        vm.timers.cancel(p.timer);
        p.timer = 0;
    }
    p.timed_out = false;
}

/// Drops a message, with the commonest kind, a tuple, dropped inline (a count decrement; the
/// generic drop glue is a call and a jump on the term's tag).
#[inline(always)]
fn drop_message(m: Option<Term>) {
    match m {
        Some(Term::Tuple(t)) => drop(t),
        m => drop(m),
    }
}

/// `RecvWait` with no message left: frees the term held in the register of the receive's
/// peek (`RecvPeek { dst }` at `target`, the top of the receive loop), the last message this
/// receive examined.
///
/// That register is dead while the process waits: the only way on from the wait is the peek,
/// which writes it before anything reads it (a peek that finds nothing leads back to this
/// wait). Without this, each process would hold its previous message until the next one
/// arrives and free it then, when it has long left the cache (a ring of a thousand processes
/// frees every message a thousand hops later); freed here, it goes while still hot.
#[inline]
pub fn release_peeked(p: &mut Process, code: &[Op], base: usize, target: u32) {
    if let Some(Op::RecvPeek { dst, .. }) = code.get(target as usize) {
        if let Some(r) = p.regs.get_mut(base + dst.0 as usize) {
            drop_message(Some(std::mem::take(r)));
        }
    }
}

/// `RecvPeek` found no message (and the inbox is empty: the peek drained it): when its `nomsg`
/// label is a `RecvWait` (a receive without `after`), that wait would only find the same and
/// wait, so the peek waits itself, one dispatch sooner: frees the peek register as the wait
/// does ([`release_peeked`]) and returns the pc to resume at (the receive's top). `None` for
/// any other `nomsg` instruction, which then runs as usual.
#[inline]
pub fn wait_here(p: &mut Process, code: &[Op], base: usize, nomsg: u32) -> Option<usize> {
    match code.get(nomsg as usize) {
        Some(Op::RecvWait { target }) => {
            release_peeked(p, code, base, target.0);
            Some(target.0 as usize)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::VmOptions;
    use crate::value::{Pid, Term};

    #[test]
    fn accept_removes_the_message_at_the_save_pointer() {
        let mut vm = Vm::new(VmOptions::default());
        let mut p = Process::new(Pid::from_number(100));
        p.mailbox.extend([Term::Int(1), Term::Int(2), Term::Int(3)]);
        p.save = 1;
        accept(&mut vm, &mut p);
        assert_eq!(p.mailbox.iter().cloned().collect::<Vec<_>>(), vec![Term::Int(1), Term::Int(3)]);
        assert_eq!(p.save, 0);
        accept(&mut vm, &mut p);
        assert_eq!(p.mailbox.iter().cloned().collect::<Vec<_>>(), vec![Term::Int(3)]);
        p.timed_out = true;
        accept(&mut vm, &mut p);
        assert!(p.mailbox.is_empty() && !p.timed_out);
    }

    #[test]
    fn waiting_frees_only_the_peek_register() {
        use crate::bytecode::{Label, Reg};
        let code = [
            Op::RecvPeek { dst: Reg(1), nomsg: Label(2) },
            Op::RecvAccept,
            Op::RecvWait { target: Label(0) },
        ];
        let mut p = Process::new(Pid::from_number(100));
        let msg = Term::tuple(vec![Term::atom("token"), Term::Int(1)]);
        p.regs = vec![Term::Int(7), Term::Int(8), msg.clone(), Term::Int(9)];
        // The frame's window starts at 1, so the peek register is regs[2].
        release_peeked(&mut p, &code, 1, 0);
        assert_eq!(p.regs, vec![Term::Int(7), Term::Int(8), Term::Nil, Term::Int(9)]);
        let Term::Tuple(t) = &msg else { unreachable!() };
        assert_eq!(t.strong_count(), 1);
        // A target that is not a peek (or out of range) leaves the registers alone.
        p.regs[2] = Term::Int(5);
        release_peeked(&mut p, &code, 1, 1);
        release_peeked(&mut p, &code, 1, 9);
        assert_eq!(p.regs[2], Term::Int(5));
    }

    #[test]
    fn an_empty_peek_waits_itself_only_before_a_plain_wait() {
        use crate::bytecode::{Label, Reg};
        let code = [
            Op::RecvPeek { dst: Reg(0), nomsg: Label(2) },
            Op::RecvAccept,
            Op::RecvWait { target: Label(0) },
            Op::RecvWaitTimeout { timeout: Reg(1), target: Label(0) },
        ];
        let mut p = Process::new(Pid::from_number(100));
        p.regs = vec![Term::tuple(vec![Term::Int(1)]), Term::Int(5)];
        assert_eq!(wait_here(&mut p, &code, 0, 2), Some(0));
        assert_eq!(p.regs, vec![Term::Nil, Term::Int(5)]);
        // With `after`, the timeout instruction decides.
        p.regs[0] = Term::Int(3);
        assert_eq!(wait_here(&mut p, &code, 0, 3), None);
        assert_eq!(p.regs[0], Term::Int(3));
    }
}
