//! The instruction buffer of one function: encoding, labels with back-patched jumps, static
//! stack-depth tracking (with the same stack-effect table the verifier uses), constants, lines.
use qjs_bytecode::op::{decode, encode, Op, Operand};
use qjs_bytecode::{Constant, LineEntry};

/// A jump target inside one function's code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label(usize);

#[derive(Default)]
struct LabelInfo {
    pos: Option<usize>,
    /// Stack depth expected at the label (fixed by the first jump or by binding).
    depth: Option<i32>,
}

#[derive(Default)]
pub struct Emitter {
    pub code: Vec<u8>,
    pub depth: i32,
    pub max_depth: i32,
    labels: Vec<LabelInfo>,
    /// (offset of the i32 operand, offset of the next instruction, target)
    fixups: Vec<(usize, usize, Label)>,
    pub lines: Vec<LineEntry>,
    pub constants: Vec<Constant>,
}

impl Emitter {
    fn adjust(&mut self, op: Op, arg: i64, flags: u8) {
        let (pop, push) = op.stack_effect(arg as u32, flags);
        self.depth = self.depth - pop as i32 + push as i32;
        self.max_depth = self.max_depth.max(self.depth);
    }

    /// Emits an instruction with an integer operand and a flags byte.
    pub fn emit3(&mut self, op: Op, arg: i64, flags: u8) {
        debug_assert!(op.operand() != Operand::Jump);
        encode(&mut self.code, op, arg, flags);
        self.adjust(op, arg, flags);
    }

    pub fn emit(&mut self, op: Op) {
        self.emit3(op, 0, 0);
    }

    pub fn emit_arg(&mut self, op: Op, arg: impl Into<i64>) {
        self.emit3(op, arg.into(), 0);
    }

    /// Makes sure the stack limit covers `extra` values above the current depth (for code that
    /// is patched in later, after its stack use was not counted).
    pub fn reserve(&mut self, extra: i32) {
        self.max_depth = self.max_depth.max(self.depth + extra);
    }

    pub fn new_label(&mut self) -> Label {
        self.labels.push(LabelInfo::default());
        Label(self.labels.len() - 1)
    }

    fn expect_depth(&mut self, l: Label, d: i32) {
        let info = &mut self.labels[l.0];
        match info.depth {
            None => info.depth = Some(d),
            Some(old) => debug_assert_eq!(old, d, "stack depth mismatch at a label"),
        }
        self.max_depth = self.max_depth.max(d);
    }

    /// Emits a jump-carrying instruction to `l`.
    pub fn jump(&mut self, op: Op, l: Label) {
        let target_depth = self.depth + op.branch_effect();
        self.expect_depth(l, target_depth);
        let at = self.code.len() + 1;
        encode(&mut self.code, op, 0, 0);
        self.fixups.push((at, self.code.len(), l));
        self.adjust(op, 0, 0);
    }

    /// Places `l` here; the depth becomes the one the jumps to it expect.
    pub fn bind(&mut self, l: Label) {
        self.labels[l.0].pos = Some(self.code.len());
        match self.labels[l.0].depth {
            Some(d) => self.depth = d,
            None => self.labels[l.0].depth = Some(self.depth),
        }
    }

    /// Adds a constant, reusing an equal one (functions are never shared).
    pub fn constant(&mut self, c: Constant) -> u32 {
        let same = |a: &Constant| match (a, &c) {
            (Constant::Number(x), Constant::Number(y)) => x.to_bits() == y.to_bits(),
            (Constant::String(x), Constant::String(y))
            | (Constant::BigInt(x), Constant::BigInt(y)) => x == y,
            _ => false,
        };
        if let Some(i) = self.constants.iter().position(same) {
            return i as u32;
        }
        self.constants.push(c);
        self.constants.len() as u32 - 1
    }

    pub fn add_line(&mut self, line: u32, column: u32) {
        let pc = self.code.len() as u32;
        if let Some(last) = self.lines.last_mut() {
            if last.pc == pc {
                last.line = line;
                last.column = column;
                return;
            }
            if last.line == line && last.column == column {
                return;
            }
        }
        self.lines.push(LineEntry { pc, line, column });
    }

    /// Resolves the jumps (every label used must have been bound), then drops the Nops left by
    /// unused cell placeholders.
    pub fn finish(&mut self) -> Result<(), &'static str> {
        for &(at, next, l) in &self.fixups {
            let pos = self.labels[l.0].pos.ok_or("unbound label")?;
            let rel = (pos as i64 - next as i64) as i32;
            self.code[at..at + 4].copy_from_slice(&rel.to_le_bytes());
        }
        self.remove_nops()
    }

    /// Peephole: removes every Nop and re-targets the jumps and the line table.
    fn remove_nops(&mut self) -> Result<(), &'static str> {
        if !self.code.contains(&(Op::Nop as u8)) {
            return Ok(());
        }
        // new_pc[old] for every instruction start and for the end of the code.
        let mut new_pc = vec![usize::MAX; self.code.len() + 1];
        let mut insns = Vec::new();
        let (mut pc, mut out) = (0, 0);
        while pc < self.code.len() {
            let insn = decode(&self.code, pc).ok_or("bad instruction")?;
            new_pc[pc] = out;
            if insn.op != Op::Nop {
                out += insn.next - pc;
                insns.push((pc, insn));
            }
            pc = insn.next;
        }
        new_pc[self.code.len()] = out;
        let mut code = Vec::with_capacity(out);
        for (pc, insn) in insns {
            if insn.op.operand() == Operand::Jump {
                let target = (insn.next as i64 + insn.arg) as usize;
                let t = *new_pc
                    .get(target)
                    .filter(|&&t| t != usize::MAX)
                    .ok_or("bad jump")?;
                let next = code.len() + insn.op.len();
                encode(&mut code, insn.op, t as i64 - next as i64, 0);
            } else {
                code.extend_from_slice(&self.code[pc..insn.next]);
            }
        }
        for e in &mut self.lines {
            // A line entry may sit on a removed Nop: it then covers the next instruction.
            let mut p = e.pc as usize;
            while p < self.code.len() && new_pc[p] == usize::MAX {
                p += 1;
            }
            e.pc = new_pc[p.min(self.code.len())] as u32;
        }
        self.lines.dedup_by(|b, a| {
            if a.pc == b.pc {
                *a = *b;
                true
            } else {
                false
            }
        });
        self.code = code;
        Ok(())
    }
}
