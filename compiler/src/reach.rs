//! What a compiled program can reach of the global environment, for `qjsc -fauto`: the names
//! it mentions and the constructs that need a subsystem without naming it (regular expression
//! literals, `import()`, async code), or that can reach any global (dynamic access).
//!
//! Read from the bytecode rather than the syntax tree, so it sees exactly what codegen emitted
//! (every global reference is an instruction with an atom operand, every name an atom).
use qjs_bytecode::op::decode;
use qjs_bytecode::{flags, Op, Program};
use std::collections::BTreeSet;

/// The union of what one or more programs can reach.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reach {
    /// Some code can reach globals by a name not known at compile time: `with`, a direct
    /// `eval`, `this` in sloppy code (the global object when called plainly), `globalThis`.
    /// Nothing can be removed then.
    pub dynamic: bool,
    /// Every name in the programs' atom tables: global references, property keys, string
    /// constants. A superset of the globals they read, which is what keeps this sound.
    pub names: BTreeSet<String>,
    /// Where the first regular expression literal is: file, line, column.
    pub regexp_literal: Option<(String, u32, u32)>,
    /// `import(...)`.
    pub import_call: bool,
    /// Where the first BigInt literal is (its values come with the BigInt intrinsic): file,
    /// line, column.
    pub bigint_literal: Option<(String, u32, u32)>,
    /// An async function or generator, `await`, or a module (module evaluation is promise-based).
    pub promise_jobs: bool,
    /// The instruction groups the code contains (a mask of `OpGroup::bit`).
    pub op_groups: u8,
    /// Some code reads or tests a property by a key computed at run time (`o[k]`, `super[k]`,
    /// `k in o`): it may reach any property, whatever the names above say.
    pub computed_reads: bool,
}

impl Reach {
    /// Adds what `p` reaches.
    pub fn add(&mut self, p: &Program) {
        for units in &p.atoms {
            self.names.insert(String::from_utf16_lossy(units));
        }
        if self.names.contains("globalThis") {
            self.dynamic = true;
        }
        if p.module.is_some() {
            self.promise_jobs = true;
        }
        for f in &p.functions {
            if f.flags & flags::ASYNC != 0 {
                self.promise_jobs = true;
            }
            let strict = f.flags & flags::STRICT != 0;
            let targets = jump_targets(&f.code);
            // Whether the instruction just decoded pushes a number or a string constant (whose
            // text is in `names`) and is the only way to the next one: then a key read from the
            // stack top there is that literal.
            let mut literal_on_top = false;
            let mut pc = 0;
            while let Some(insn) = decode(&f.code, pc) {
                let key_is_literal = literal_on_top && !targets.contains(&pc);
                literal_on_top = match insn.op {
                    Op::PushI8 | Op::PushI32 => true,
                    Op::PushConst => matches!(
                        f.constants.get(insn.arg as usize),
                        Some(qjs_bytecode::Constant::Number(_) | qjs_bytecode::Constant::String(_))
                    ),
                    _ => false,
                };
                if let Some(g) = insn.op.group() {
                    self.op_groups |= g.bit();
                }
                match insn.op {
                    Op::WithHas | Op::CallEval => self.dynamic = true,
                    Op::This if !strict => self.dynamic = true,
                    Op::RegExp if self.regexp_literal.is_none() => {
                        self.regexp_literal = Some(source_position(p, f, pc));
                    }
                    Op::PushConst
                        if self.bigint_literal.is_none()
                            && matches!(
                                f.constants.get(insn.arg as usize),
                                Some(qjs_bytecode::Constant::BigInt(_))
                            ) =>
                    {
                        self.bigint_literal = Some(source_position(p, f, pc));
                    }
                    Op::ImportCall => {
                        self.import_call = true;
                        self.promise_jobs = true;
                    }
                    Op::Await => self.promise_jobs = true,
                    Op::GetElem | Op::GetElem2 | Op::GetSuperElem if !key_is_literal => {
                        self.computed_reads = true
                    }
                    // `key in obj`: the key is not on top; any `in` counts.
                    Op::In => self.computed_reads = true,
                    _ => {}
                }
                pc = insn.next;
            }
        }
    }

    /// Whether the programs mention any of `names`.
    pub fn mentions(&self, names: &[&str]) -> bool {
        names.iter().any(|n| self.names.contains(*n))
    }
}

/// File, line and column of the instruction at `pc` of `f`.
fn source_position(
    p: &Program,
    f: &qjs_bytecode::FunctionTemplate,
    pc: usize,
) -> (String, u32, u32) {
    let (line, column) = f.position(pc as u32);
    let file = p
        .atoms
        .get(f.filename as usize)
        .map(|u| String::from_utf16_lossy(u))
        .unwrap_or_default();
    (file, line, column)
}

/// The offsets that jumps (branches, handlers, loop exits) land on.
fn jump_targets(code: &[u8]) -> BTreeSet<usize> {
    let mut targets = BTreeSet::new();
    let mut pc = 0;
    while let Some(insn) = decode(code, pc) {
        if insn.op.operand() == qjs_bytecode::op::Operand::Jump {
            targets.insert((insn.next as i64 + insn.arg) as usize);
        }
        pc = insn.next;
    }
    targets
}

/// What `p` alone reaches.
pub fn reach(p: &Program) -> Reach {
    let mut r = Reach::default();
    r.add(p);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn script(src: &str) -> Reach {
        reach(&crate::compile_script(src, "t.js").expect("compiles"))
    }

    #[test]
    fn names_and_constructs() {
        let r = script("'use strict'; console.log(new Date(), /a/.test('a'));");
        assert!(!r.dynamic);
        assert!(r.mentions(&["Date"]) && !r.mentions(&["Map"]));
        // The position is that of the line-table entry covering the literal (its expression
        // statement or argument list), on the right line.
        assert!(matches!(&r.regexp_literal, Some((f, 1, _)) if f == "t.js"));
        assert!(!r.promise_jobs && !r.import_call);
        assert!(script("async function f() {}").promise_jobs);
        assert!(matches!(
            script("let x = 10n;").bigint_literal,
            Some((_, 1, _))
        ));
        assert!(script("let x = 10;").bigint_literal.is_none());
    }

    #[test]
    fn computed_reads() {
        assert!(script("let o = {}, k = 'x'; o[k];").computed_reads);
        assert!(script("let { [String(1)]: v } = {};").computed_reads);
        assert!(script("class A extends Object { m(k) { return super[k]; } }").computed_reads);
        assert!(!script("let o = { x: 1 }; o.x; o.x = 2;").computed_reads);
        // A number literal key reads an index, never a named property.
        assert!(!script("let a = [1]; a[0]; a[70000]; a[1.5]; a[0](1); a['x'];").computed_reads);
        assert!(script("let o = {}; 'x' in o;").computed_reads);
        assert!(script("let a = [1], c = 1, k = 'x'; a[c ? 0 : k];").computed_reads);
    }

    #[test]
    fn dynamic_access() {
        assert!(script("with ({}) { x; }").dynamic);
        assert!(script("function f() { eval('1'); }").dynamic);
        assert!(script("globalThis['Da' + 'te'];").dynamic);
        assert!(script("this['x'];").dynamic);
        assert!(script("function f() { return this; }").dynamic);
        assert!(!script("'use strict'; function f() { return this; }").dynamic);
        assert!(!script("class A { m() { return this; } }").dynamic);
    }
}
