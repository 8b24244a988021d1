//! A loaded module instance (one version of a module's code) and its preparation from an image.
use crate::bytecode::{Lambda, Literal, ModuleImage};
use crate::code::table::Target;
use crate::value::{Atom, MapT, Term};
use ahash::AHashMap;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// A resolved import with its inline cache: the target is valid while `epoch` equals the code
/// server's epoch (every load, purge and delete bumps it).
#[derive(Debug)]
pub struct ImportSlot {
    pub module: Atom,
    pub function: Atom,
    pub arity: u32,
    pub cache: RefCell<(u64, Option<Target>)>,
}

/// One loaded copy of a module's code (the BEAM's "code version"). Frames and local funs hold
/// an `Rc` to the instance they run, so its code stays valid while used; `purged` records that
/// the code server dropped it (calling a fun of a purged instance then raises
/// `BadFunctionError`, rule R10).
#[derive(Debug)]
pub struct ModuleInstance {
    pub name: Atom,
    pub image: ModuleImage,
    /// The literal pool as terms.
    pub literals: Vec<Term>,
    pub lambdas: Vec<Lambda>,
    pub imports: Vec<ImportSlot>,
    /// Export table entries of this instance: `(name, arity)` → function index.
    pub exports: AHashMap<(Atom, u32), u32>,
    /// MD5 of the encoded image: identifies the instance (funs record it, rule R6).
    pub md5: [u8; 16],
    /// The encoded image (what `Code.compile_string/1` returns as the object binary).
    pub binary: Rc<Vec<u8>>,
    /// Where it was loaded from (`:code.which/1`), if from a file.
    pub path: Option<String>,
    pub purged: Cell<bool>,
    /// Unique id for ordering/debugging.
    pub id: u64,
    /// The source file as a charlist, built once for stacktrace entries (`file: '...'`).
    pub file_charlist: Term,
    /// The macros it exports, `(name, arity)` as a caller writes them: the exports
    /// `MACRO-name/arity+1` (Elixir's `macro_exported?/3`).
    pub macros: Vec<(Atom, u32)>,
}

impl ModuleInstance {
    /// Builds an instance from a verified image. `binary` is the encoded image and `md5` its digest.
    pub fn new(image: ModuleImage, binary: Rc<Vec<u8>>, md5: [u8; 16], id: u64) -> ModuleInstance {
        let name = Atom::intern(&image.name);
        let literals = image.literals.iter().map(literal_to_term).collect();
        let imports = image
            .imports
            .iter()
            .map(|i| ImportSlot {
                module: Atom::intern(&i.module),
                function: Atom::intern(&i.function),
                arity: i.arity,
                cache: RefCell::new((u64::MAX, None)),
            })
            .collect();
        let exports = image.exports.iter().map(|e| ((Atom::intern(&e.name), e.arity), e.function)).collect();
        let file_charlist = Term::list(image.file.chars().map(|c| Term::Int(c as i64)).collect());
        let macros = image
            .exports
            .iter()
            .filter_map(|e| Some((Atom::intern(e.name.strip_prefix("MACRO-")?), e.arity.checked_sub(1)?)))
            .collect();
        ModuleInstance {
            macros,
            file_charlist,
            name,
            lambdas: image.lambdas.clone(),
            image,
            literals,
            imports,
            exports,
            md5,
            binary,
            path: None,
            purged: Cell::new(false),
            id,
        }
    }

    /// The source line of instruction `pc` in function `func` (0 when unknown).
    pub fn line_of(&self, func: u32, pc: u32) -> u32 {
        let Some(f) = self.image.functions.get(func as usize) else { return 0 };
        let mut line = 0;
        for &(p, l) in &f.lines {
            if p <= pc {
                line = l;
            } else {
                break;
            }
        }
        line
    }

    /// `@vsn` if given, else the MD5 as an unsigned big-endian integer (rule R21).
    pub fn vsn(&self) -> Term {
        for (k, v) in &self.image.attributes {
            if k == "vsn" {
                return literal_to_term(v);
            }
        }
        Term::from_bigint(num_bigint::BigInt::from_bytes_be(num_bigint::Sign::Plus, &self.md5))
    }
}

/// Converts a literal of the image to a term.
pub fn literal_to_term(l: &Literal) -> Term {
    match l {
        Literal::Int(i) => Term::Int(*i),
        Literal::BigInt(s) => match s.parse::<num_bigint::BigInt>() {
            Ok(b) => Term::from_bigint(b),
            Err(_) => Term::Int(0),
        },
        Literal::Float(f) => Term::Float(*f),
        Literal::Atom(a) => Term::Atom(Atom::intern(a)),
        Literal::Binary(b) => Term::binary(b.clone()),
        Literal::Nil => Term::Nil,
        Literal::List(items, tail) => {
            Term::list_with_tail(items.iter().map(literal_to_term).collect(), literal_to_term(tail))
        }
        Literal::Tuple(items) => Term::tuple(items.iter().map(literal_to_term).collect()),
        Literal::Map(pairs) => {
            let mut m = MapT::new();
            for (k, v) in pairs {
                m.insert(literal_to_term(k), literal_to_term(v));
            }
            Term::map(m)
        }
    }
}

/// Deepest term [`term_to_literal`] converts.
pub const MAX_LITERAL_DEPTH: usize = 1000;

/// A term as a literal (quoted code and other data: numbers, atoms, binaries, lists, tuples,
/// maps). Errors on pids, references, funs and bitstrings, and past [`MAX_LITERAL_DEPTH`]
/// levels (it recurses, one level per nesting, never along a list's length).
pub fn term_to_literal(t: &Term, depth: usize) -> Result<Literal, String> {
    if depth > MAX_LITERAL_DEPTH {
        return Err(format!("term nested more than {} levels deep", MAX_LITERAL_DEPTH));
    }
    let d = depth + 1;
    Ok(match t {
        Term::Int(i) => Literal::Int(*i),
        Term::Big(b) => Literal::BigInt(b.to_string()),
        Term::Float(f) => Literal::Float(*f),
        Term::Atom(a) => Literal::Atom(a.name().to_string()),
        Term::Nil => Literal::Nil,
        Term::Binary(_) => Literal::Binary(t.as_bytes().ok_or("a bitstring is not valid quoted code")?.to_vec()),
        Term::Cons(_) => {
            let mut items = vec![];
            let mut cur = t;
            while let Term::Cons(c) = cur {
                items.push(term_to_literal(&c.head, d)?);
                cur = &c.tail;
            }
            Literal::List(items, Box::new(term_to_literal(cur, d)?))
        }
        Term::Tuple(items) => Literal::Tuple(items.iter().map(|i| term_to_literal(i, d)).collect::<Result<_, _>>()?),
        Term::Map(m) => {
            let mut out = vec![];
            for (k, v) in m.iter() {
                out.push((term_to_literal(k, d)?, term_to_literal(v, d)?));
            }
            Literal::Map(out)
        }
        other => return Err(format!("invalid quoted expression: {}", crate::value::inspect::inspect_default(other))),
    })
}
