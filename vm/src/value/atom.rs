//! The global atom table. An [`Atom`] is a 32-bit index; the name is interned once for the
//! life of the VM (atoms are never garbage collected, as on the BEAM).
//!
//! Module names are atoms with Elixir's prefix: the alias `Foo.Bar` is the atom `Elixir.Foo.Bar`;
//! Erlang modules (`:lists`) have no prefix.

use ahash::AHashMap;
use std::sync::{Mutex, OnceLock};

/// An interned atom (an index into the global atom table).
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct Atom(pub u32);

struct Table {
    names: Vec<&'static str>,
    index: AHashMap<&'static str, u32>,
}

macro_rules! predefined_atoms {
    ($($konst:ident = $name:expr),* $(,)?) => {
        #[allow(non_upper_case_globals)]
        impl Atom {
            predefined_atoms!(@consts 0u32; $($konst,)*);
        }
        const PREDEFINED: &[&str] = &[$($name),*];
    };
    (@consts $n:expr; $k:ident, $($rest:ident,)*) => {
        pub const $k: Atom = Atom($n);
        predefined_atoms!(@consts $n + 1u32; $($rest,)*);
    };
    (@consts $n:expr; ) => {};
}

predefined_atoms! {
    NIL = "nil", TRUE = "true", FALSE = "false", OK = "ok", ERROR = "error", EXIT = "EXIT",
    DOWN = "DOWN", PROCESS = "process", NORMAL = "normal", KILL = "kill", KILLED = "killed",
    NOPROC = "noproc", THROW = "throw", EXIT_CLASS = "exit", UNDEFINED = "undefined",
    INFINITY = "infinity", STRUCT = "__struct__", EXCEPTION = "__exception__", MESSAGE = "message",
    BADARG = "badarg", BADARITH = "badarith", BADMATCH = "badmatch", CASE_CLAUSE = "case_clause",
    FUNCTION_CLAUSE = "function_clause", IF_CLAUSE = "if_clause", UNDEF = "undef",
    BADFUN = "badfun", BADARITY = "badarity", BADMAP = "badmap", BADKEY = "badkey",
    TRY_CLAUSE = "try_clause", WITH_CLAUSE = "with_clause", COND_CLAUSE = "cond_clause",
    FILE = "file", LINE = "line", LABEL = "label", ELIXIR_KERNEL = "Elixir.Kernel",
    ERLANG = "erlang", FIRST = "first", LAST = "last", STEP = "step", RANGE = "Elixir.Range",
    SYSTEM_LIMIT = "system_limit", TIMEOUT = "timeout", NOCATCH = "nocatch",
    MODULE = "module", EXPORTS = "exports", ATTRIBUTES = "attributes", VSN = "vsn",
    MD5 = "md5", COMPILE = "compile", RESTORE_INFO = "error_info",
}

/// Atoms the table has room for before it first grows (start-up interns the names of the
/// natives, several hundred, and of the standard library's modules and functions).
const INITIAL_ATOMS: usize = 4096;

fn table() -> &'static Mutex<Table> {
    static TABLE: OnceLock<Mutex<Table>> = OnceLock::new();
    TABLE.get_or_init(|| {
        // Room for the atoms a run interns at start-up (the natives' names and the standard
        // library's), so the table is not rehashed while the VM starts.
        let mut t = Table { names: Vec::with_capacity(INITIAL_ATOMS), index: AHashMap::with_capacity(INITIAL_ATOMS) };
        for name in PREDEFINED {
            let i = t.names.len() as u32;
            t.names.push(name);
            t.index.insert(name, i);
        }
        Mutex::new(t)
    })
}

impl Atom {
    /// Interns `name` and returns its atom (the same atom for the same name, always).
    pub fn intern(name: &str) -> Atom {
        let mut t = table().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&i) = t.index.get(name) {
            return Atom(i);
        }
        let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
        let i = t.names.len() as u32;
        t.names.push(leaked);
        t.index.insert(leaked, i);
        Atom(i)
    }
    /// The atom if `name` was already interned (`String.to_existing_atom/1`).
    pub fn existing(name: &str) -> Option<Atom> {
        let t = table().lock().unwrap_or_else(|e| e.into_inner());
        t.index.get(name).map(|&i| Atom(i))
    }
    /// The atom's name, e.g. `"ok"` or `"Elixir.Foo"`.
    pub fn name(self) -> &'static str {
        let t = table().lock().unwrap_or_else(|e| e.into_inner());
        t.names[self.0 as usize]
    }
    /// `true`/`false` as atoms.
    pub fn from_bool(b: bool) -> Atom {
        if b { Atom::TRUE } else { Atom::FALSE }
    }
}

impl std::fmt::Display for Atom {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
