//! The bytes of a binary term, with in-place appending as the BEAM does it.
//!
//! A binary is either *owned* (its own `Vec<u8>`) or a *view*: the first `len` bytes of a shared
//! append buffer. `acc <> piece`, where `acc` is the view that ends exactly at the buffer's end,
//! writes `piece` into the buffer's spare capacity and returns a longer view of the same buffer;
//! `acc` itself still sees only its own `len` bytes, which never change. So a loop that grows a
//! string by appending costs amortised O(1) per append instead of copying the whole string every
//! time (the BEAM's "writable binary" optimisation, `erts_bs_append`).
//!
//! Invariant: bytes below any view's `len` are never modified; the buffer only grows. The buffer
//! is mutated only by [`Bin::concat`], which holds no other borrow of the same buffer while it
//! writes (a part that views the same buffer makes it copy instead).

use std::cell::UnsafeCell;
use std::fmt;
use std::ops::Deref;
use std::rc::Rc;

/// A binary's bytes: owned, or a prefix view of a shared append buffer (see the module doc).
pub struct Bin(Repr);

enum Repr {
    Owned(Vec<u8>),
    View { len: usize, buf: Rc<AppendBuf> },
}

/// The growable buffer behind appended binaries.
struct AppendBuf(UnsafeCell<Vec<u8>>);

impl AppendBuf {
    fn len(&self) -> usize {
        // SAFETY: a shared read of the Vec's length; no `&mut` to it is live (see the invariant).
        unsafe { (*self.0.get()).len() }
    }
}

/// Results of `<>` shorter than this are plain owned binaries: appending to them copies, which is
/// cheap, and small strings keep a single allocation.
const MIN_APPEND_BUFFER: usize = 256;

impl Bin {
    /// An owned binary holding `bytes`.
    pub fn new(bytes: Vec<u8>) -> Bin {
        Bin(Repr::Owned(bytes))
    }

    /// The bytes as a slice (also available through `Deref`).
    pub fn as_slice(&self) -> &[u8] {
        match &self.0 {
            Repr::Owned(v) => v,
            // SAFETY: bytes below `len` are never modified and `len <= buf.len()`; the buffer is
            // only reallocated inside `concat`, which holds no borrow of it (module invariant).
            Repr::View { len, buf } => unsafe { &(&*buf.0.get())[..*len] },
        }
    }

    /// The bytes as a mutable `Vec`, converting a view to an owned copy first.
    pub fn vec_mut(&mut self) -> &mut Vec<u8> {
        if let Repr::View { .. } = self.0 {
            self.0 = Repr::Owned(self.as_slice().to_vec());
        }
        match &mut self.0 {
            Repr::Owned(v) => v,
            Repr::View { .. } => unreachable!("converted to Owned above"),
        }
    }

    /// Takes the bytes out, copying only when they are a view.
    pub fn into_vec(self) -> Vec<u8> {
        match self.0 {
            Repr::Owned(v) => v,
            Repr::View { .. } => self.as_slice().to_vec(),
        }
    }

    /// `first <> rest[0] <> rest[1] ...` as a new binary. Appends in place when `first` is a
    /// view ending at its buffer's end and no part of `rest` views that buffer; otherwise copies
    /// into a fresh buffer (with room to grow when the result is at least 256 bytes).
    pub fn concat(first: &Rc<Bin>, rest: &[&[u8]]) -> Bin {
        let extra: usize = rest.iter().map(|p| p.len()).sum();
        if let Repr::View { len, buf } = &first.0 {
            // SAFETY: reads only the buffer's address range, to see whether a part lies in it.
            let (lo, hi) = unsafe {
                let whole = &*buf.0.get();
                (whole.as_ptr() as usize, whole.as_ptr() as usize + whole.capacity())
            };
            let aliased = rest.iter().any(|p| (lo..hi).contains(&(p.as_ptr() as usize)));
            if *len == buf.len() && !aliased {
                // SAFETY: no borrow of this buffer is live: every slice in `rest` lies outside
                // it (checked above), and `first`'s own bytes are not borrowed here. Bytes below
                // `len` are left untouched, so every other view stays valid.
                let v = unsafe { &mut *buf.0.get() };
                v.reserve(extra.max(v.len()));
                for p in rest {
                    v.extend_from_slice(p);
                }
                return Bin(Repr::View { len: v.len(), buf: buf.clone() });
            }
        }
        let head = first.as_slice();
        let total = head.len() + extra;
        let cap = if total >= MIN_APPEND_BUFFER { total * 2 } else { total };
        let mut v = Vec::with_capacity(cap);
        v.extend_from_slice(head);
        for p in rest {
            v.extend_from_slice(p);
        }
        if total >= MIN_APPEND_BUFFER {
            let len = v.len();
            Bin(Repr::View { len, buf: Rc::new(AppendBuf(UnsafeCell::new(v))) })
        } else {
            Bin(Repr::Owned(v))
        }
    }
}

impl Deref for Bin {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        self.as_slice()
    }
}

impl AsRef<[u8]> for Bin {
    fn as_ref(&self) -> &[u8] {
        self.as_slice()
    }
}

impl Clone for Bin {
    /// A clone is an owned copy of the bytes (used by `Rc::make_mut` before mutating).
    fn clone(&self) -> Bin {
        Bin(Repr::Owned(self.as_slice().to_vec()))
    }
}

impl PartialEq for Bin {
    fn eq(&self, other: &Bin) -> bool {
        self.as_slice() == other.as_slice()
    }
}
impl Eq for Bin {}

impl std::hash::Hash for Bin {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_slice().hash(h)
    }
}

impl fmt::Debug for Bin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_slice(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(s: &str) -> Rc<Bin> {
        Rc::new(Bin::concat(&Rc::new(Bin::new(Vec::new())), &[s.repeat(300).as_bytes()]))
    }

    #[test]
    fn append_in_place_keeps_older_views_intact() {
        let a = big("a");
        let b = Rc::new(Bin::concat(&a, &[b"xyz"]));
        assert_eq!(a.len(), 300);
        assert_eq!(&b[300..], b"xyz");
        // Appending to `a` again cannot write into the buffer (b owns the tail): it copies.
        let c = Rc::new(Bin::concat(&a, &[b"123"]));
        assert_eq!(&c[300..], b"123");
        assert_eq!(&b[300..], b"xyz");
        assert_eq!(a.len(), 300);
    }

    #[test]
    fn appending_a_view_of_the_same_buffer_copies() {
        let a = big("q");
        let b = Rc::new(Bin::concat(&a, &[&a[..], &a[..10]]));
        assert_eq!(b.len(), 610);
        assert!(b.iter().all(|&x| x == b'q'));
    }

    #[test]
    fn many_appends_share_one_buffer() {
        let mut acc = big("z");
        for i in 0..10_000 {
            acc = Rc::new(Bin::concat(&acc, &[format!("{i};").as_bytes()]));
        }
        let expect: String = "z".repeat(300) + &(0..10_000).map(|i| format!("{i};")).collect::<String>();
        assert_eq!(acc.as_slice(), expect.as_bytes());
    }
}
