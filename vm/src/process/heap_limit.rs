//! `Process.flag(:max_heap_size, limit)`, after OTP 25 (`erl_process.c`'s flag handling and
//! `erl_gc.c`'s `reached_max_heap_size`): a process whose heap grows beyond `size` words is
//! reported (`error_logger`) and killed (`kill`) with reason `:killed`, alone.
//!
//! retort has no per-process heap: terms are reference counted and shared. A process's heap
//! size is therefore measured as the BEAM would hold the same terms (see [`heap_words`]), and
//! only for a process that set a limit, once per slice (the BEAM checks at each garbage
//! collection, which also happens between reductions): the scheduler asks at the end of the
//! slice, so a native that builds a huge term in one call is caught right after it.

use super::Process;
use crate::value::{Atom, MapT, Term};
use ahash::AHashSet;

/// A process's `max_heap_size` setting (OTP 25's map form: `size` in words, 0 = no limit).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaxHeap {
    pub size: u64,
    pub kill: bool,
    pub error_logger: bool,
}

impl Default for MaxHeap {
    /// The system defaults of OTP 25: no limit, kill and report when one is set.
    fn default() -> MaxHeap {
        MaxHeap { size: 0, kill: true, error_logger: true }
    }
}

/// The largest `size` the BEAM accepts on a 64-bit build (`MAX_HEAP_SIZE_MASK`: 2^59 - 1 words).
pub const MAX_SIZE: u64 = (1 << 59) - 1;

impl MaxHeap {
    /// Reads the value given to `Process.flag(:max_heap_size, v)` on top of `old`: a
    /// non-negative integer (the size, keeping the other fields) or a map with any of `:size`,
    /// `:kill`, `:error_logger` (other keys or values are `None`, which the caller turns into
    /// `badarg`, as `erts_max_heap_size` does).
    pub fn parse(v: &Term, old: MaxHeap) -> Option<MaxHeap> {
        let size = |t: &Term| match t {
            Term::Int(n) if (0..=MAX_SIZE as i64).contains(n) => Some(*n as u64),
            _ => None,
        };
        let boolean = |t: &Term| match t {
            Term::Atom(Atom::TRUE) => Some(true),
            Term::Atom(Atom::FALSE) => Some(false),
            _ => None,
        };
        match v {
            Term::Map(m) => {
                let mut out = MaxHeap { size: 0, ..old };
                for (k, v) in m.iter() {
                    match k.as_atom().map(|a| a.name()) {
                        Some("size") => out.size = size(v)?,
                        Some("kill") => out.kill = boolean(v)?,
                        Some("error_logger") => out.error_logger = boolean(v)?,
                        _ => return None,
                    }
                }
                Some(out)
            }
            t => Some(MaxHeap { size: size(t)?, ..old }),
        }
    }

    /// The setting as `Process.flag/2` returns it and `Process.info/2` shows it:
    /// `%{error_logger: bool, kill: bool, size: words}`.
    pub fn to_term(&self) -> Term {
        let mut m = MapT::new();
        m.insert(Term::atom("error_logger"), Term::bool(self.error_logger));
        m.insert(Term::atom("kill"), Term::bool(self.kill));
        m.insert(Term::atom("size"), Term::Int(self.size as i64));
        Term::map(m)
    }
}

/// The words the terms `p` holds (registers, mailbox, dictionary) would take on a BEAM heap,
/// plus its stack: a cons cell 2, a tuple its arity + 1, a map two per entry + 3, a binary of
/// up to 64 bytes its bytes rounded up to words + 2 (a larger one lives off the heap: 6, its
/// `ProcBin`), a bignum its 64-bit digits + 1, a fun its captured values + 3. A block held
/// more than once is counted once, as on a heap. Stops counting once the total exceeds `limit`
/// (so the cost is at most `limit` steps); an explicit stack, never recursion.
pub fn heap_words(p: &Process, limit: u64) -> u64 {
    let mut words: u64 = (p.regs.len() + 3 * p.frames.len()) as u64;
    let mut seen: AHashSet<usize> = AHashSet::new();
    let mut stack: Vec<&Term> = p.regs.iter().chain(p.mailbox.iter()).collect();
    if let Some(ext) = &p.ext {
        for (k, v) in &ext.dict {
            stack.push(k);
            stack.push(v);
        }
    }
    // `true` when the block at `addr`, referenced `count` times, was already counted.
    let mut counted = |addr: usize, count: usize| count > 1 && !seen.insert(addr);
    while let Some(t) = stack.pop() {
        if words > limit {
            break;
        }
        match t {
            Term::Cons(_) => {
                let mut cur = t;
                while let Term::Cons(c) = cur {
                    if counted(crate::value::cons::ConsRc::as_ptr(c) as usize, crate::value::cons::ConsRc::strong_count(c)) {
                        break;
                    }
                    words += 2;
                    if words > limit {
                        break;
                    }
                    stack.push(&c.head);
                    cur = &c.tail;
                }
                if !matches!(cur, Term::Cons(_)) {
                    stack.push(cur);
                }
            }
            Term::Tuple(tu) => {
                if tu.is_empty() || counted(tu.as_ptr() as usize, tu.strong_count()) {
                    continue;
                }
                words += tu.len() as u64 + 1;
                stack.extend(tu.iter());
            }
            Term::Map(m) => {
                if counted(std::rc::Rc::as_ptr(m) as usize, std::rc::Rc::strong_count(m)) {
                    continue;
                }
                words += 2 * m.len() as u64 + 3;
                for (k, v) in m.iter() {
                    stack.push(k);
                    stack.push(v);
                }
            }
            Term::Binary(b) => {
                if counted(std::rc::Rc::as_ptr(b) as usize, std::rc::Rc::strong_count(b)) {
                    continue;
                }
                let n = b.as_slice().len() as u64;
                words += if n <= 64 { n.div_ceil(8) + 2 } else { 6 };
            }
            Term::Big(b) => words += b.bits().div_ceil(64) + 1,
            Term::Fun(f) => {
                if counted(std::rc::Rc::as_ptr(f) as usize, std::rc::Rc::strong_count(f)) {
                    continue;
                }
                words += 3;
                if let Some((_, _, _, env)) = f.local_key() {
                    words += env.len() as u64;
                    stack.extend(env.iter());
                }
            }
            Term::Int(_) | Term::Float(_) | Term::Atom(_) | Term::Nil | Term::Pid(_) | Term::Ref(_) => {}
        }
    }
    words
}

/// The report OTP 25 logs when a process reaches its limit, as Elixir 1.14's Logger prints it
/// (`\nHH:MM:SS.mmm [error]      Process: ...`). `time` is the time of day, `words` the size
/// measured. The `GC Info` figures are the BEAM collector's; retort reports its measure as the
/// heap size and zeros for the generations it does not have.
pub fn report(pid_number: u64, limit: &MaxHeap, words: u64, queue_len: usize, stack_size: usize, time: &str) -> String {
    let field = |name: &str, v: String| format!("     {:<20}{v}\n", format!("{name}:"));
    let mut s = format!("\n{time} [error]      Process:            #PID<0.{pid_number}.0> \n");
    s += &field("Context", "maximum heap size reached".into());
    s += &field("Max Heap Size", limit.size.to_string());
    s += &field("Total Heap Size", words.to_string());
    s += &field("Kill", limit.kill.to_string());
    s += &field("Error Logger", limit.error_logger.to_string());
    s += &field("Message Queue Len", queue_len.to_string());
    s += &field("GC Info", "[".into());
    let info: [(&str, u64); 11] = [
        ("old_heap_block_size", 0),
        ("heap_block_size", words),
        ("mbuf_size", 0),
        ("recent_size", 0),
        ("stack_size", stack_size as u64),
        ("old_heap_size", 0),
        ("heap_size", words),
        ("bin_vheap_size", 0),
        ("bin_vheap_block_size", 46422),
        ("bin_old_vheap_size", 0),
        ("bin_old_vheap_block_size", 46422),
    ];
    for (i, (k, v)) in info.iter().enumerate() {
        s += &format!("  {k}: {v}{}\n", if i + 1 < info.len() { "," } else { "" });
    }
    // OTP's format ends the message with a newline, and Logger ends the entry with another.
    s += "]\n\n";
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Pid;

    #[test]
    fn settings_parse_as_otp_25_accepts_them() {
        let d = MaxHeap::default();
        assert_eq!(MaxHeap::parse(&Term::Int(100), d), Some(MaxHeap { size: 100, ..d }));
        assert_eq!(MaxHeap::parse(&Term::Int(-1), d), None);
        assert_eq!(MaxHeap::parse(&Term::atom("x"), d), None);
        let mut m = MapT::new();
        m.insert(Term::atom("size"), Term::Int(7));
        m.insert(Term::atom("kill"), Term::FALSE);
        assert_eq!(MaxHeap::parse(&Term::map(m.clone()), d), Some(MaxHeap { size: 7, kill: false, error_logger: true }));
        m.insert(Term::atom("other"), Term::TRUE);
        assert_eq!(MaxHeap::parse(&Term::map(m), d), None);
    }

    #[test]
    fn heap_words_counts_shared_blocks_once_and_stops_at_the_limit() {
        let mut p = Process::new(Pid::from_number(100));
        let shared = Term::list((0..1000).map(Term::Int).collect());
        p.regs = vec![shared.clone(), shared.clone(), Term::tuple(vec![shared.clone(), shared])];
        let w = heap_words(&p, u64::MAX);
        // 1000 cells once, a 2-tuple, three registers.
        assert_eq!(w, 2000 + 3 + 3);
        assert!(heap_words(&p, 100) <= 102);
    }

    #[test]
    fn heap_words_walks_a_deep_term_without_recursion() {
        let mut t = Term::Nil;
        for _ in 0..1_000_000 {
            t = Term::tuple(vec![t]);
        }
        let mut p = Process::new(Pid::from_number(100));
        p.regs = vec![t];
        assert_eq!(heap_words(&p, u64::MAX), 2_000_001);
    }

    #[test]
    fn the_report_has_otp_25s_layout() {
        let r = report(103, &MaxHeap { size: 100000, kill: true, error_logger: true }, 103791, 0, 7, "07:19:12.785");
        assert!(r.starts_with("\n07:19:12.785 [error]      Process:            #PID<0.103.0> \n     Context:            maximum heap size reached\n     Max Heap Size:      100000\n"));
        assert!(r.ends_with("  bin_old_vheap_block_size: 46422\n]\n\n"));
    }
}
