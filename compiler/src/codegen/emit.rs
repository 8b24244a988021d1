//! The instruction buffer of one function (with symbolic labels and the line table) and the
//! module-wide pools (literals, imports, lambdas, functions).

use super::{err, R};
use crate::ast::Span;
use retort_vm::bytecode::{Function, Import, Label, Lambda, LitIdx, Literal, ImportIdx, Op};
use std::collections::HashMap;

/// Instructions of one function being built. Labels are symbolic (`Label(id)`) until
/// [`Emitter::finish`] turns them into instruction indexes.
#[derive(Default)]
pub(crate) struct Emitter {
    pub code: Vec<Op>,
    lines: Vec<(u32, u32)>,
    labels: Vec<Option<u32>>,
    used: Vec<bool>,
}

/// Every label operand of an instruction (the facts live with the instruction set).
fn labels_of(op: &mut Op) -> smallvec::SmallVec<[&mut Label; 2]> {
    retort_vm::bytecode::facts::labels_mut(op)
}

impl Emitter {
    /// A new unbound label.
    pub fn label(&mut self) -> Label {
        self.labels.push(None);
        self.used.push(false);
        Label((self.labels.len() - 1) as u32)
    }
    /// Binds `l` to the next instruction.
    pub fn bind(&mut self, l: Label) {
        self.labels[l.0 as usize] = Some(self.code.len() as u32);
    }
    /// True when some emitted instruction refers to `l`.
    pub fn is_used(&self, l: Label) -> bool {
        self.used.get(l.0 as usize).copied().unwrap_or(false)
    }
    pub fn emit(&mut self, mut op: Op) {
        for l in labels_of(&mut op) {
            if !l.is_none() {
                if let Some(u) = self.used.get_mut(l.0 as usize) {
                    *u = true;
                }
            }
        }
        self.code.push(op);
    }
    /// Records that the next instruction comes from `span`'s line.
    pub fn line(&mut self, span: Span) {
        if span.line == 0 {
            return;
        }
        let pc = self.code.len() as u32;
        match self.lines.last_mut() {
            Some(last) if last.1 == span.line => {}
            Some(last) if last.0 == pc => last.1 = span.line,
            _ => self.lines.push((pc, span.line)),
        }
    }
    /// Resolves labels and builds the function.
    pub fn finish(mut self, name: String, arity: u32, nregs: u32, span: Span) -> R<Function> {
        let labels = std::mem::take(&mut self.labels);
        for op in self.code.iter_mut() {
            for l in labels_of(op) {
                if l.is_none() {
                    continue;
                }
                match labels.get(l.0 as usize).copied().flatten() {
                    Some(pc) => *l = Label(pc),
                    None => return Err(err(format!("internal error: unbound label in {}/{}", name, arity), span)),
                }
            }
        }
        let mut f = Function { name, arity, nregs: nregs.max(arity).max(1), code: self.code, lines: self.lines };
        super::optimize::optimize(&mut f);
        super::regalloc::compact_registers(&mut f);
        Ok(f)
    }
}

/// Module-wide pools shared by all functions of the module being compiled.
#[derive(Default)]
pub(crate) struct Pools {
    pub literals: Vec<Literal>,
    lit_index: HashMap<String, u32>,
    pub imports: Vec<Import>,
    import_index: HashMap<Import, u32>,
    pub lambdas: Vec<Lambda>,
}

impl Pools {
    pub fn lit(&mut self, l: Literal) -> LitIdx {
        let key = format!("{:?}", l);
        if let Some(&i) = self.lit_index.get(&key) {
            return LitIdx(i);
        }
        let i = self.literals.len() as u32;
        self.literals.push(l);
        self.lit_index.insert(key, i);
        LitIdx(i)
    }
    pub fn import(&mut self, module: &str, function: &str, arity: u32) -> ImportIdx {
        let imp = Import { module: module.to_string(), function: function.to_string(), arity };
        if let Some(&i) = self.import_index.get(&imp) {
            return ImportIdx(i);
        }
        let i = self.imports.len() as u32;
        self.imports.push(imp.clone());
        self.import_index.insert(imp, i);
        ImportIdx(i)
    }
}
