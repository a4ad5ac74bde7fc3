//! A human-readable listing of a program (for `qjsc --dump` and debugging).
use crate::op::{decode, Operand};
use crate::program::*;
use alloc::string::String;
use core::fmt::Write;

fn atom_text(p: &Program, a: i64) -> String {
    match p.atoms.get(a as usize) {
        Some(units) => char::decode_utf16(units.iter().copied())
            .map(|c| c.unwrap_or('\u{fffd}'))
            .collect(),
        None => String::from("<bad atom>"),
    }
}

/// Lists every function of `p`.
pub fn disassemble(p: &Program) -> String {
    let mut out = String::new();
    for (i, f) in p.functions.iter().enumerate() {
        let _ = writeln!(
            out,
            "function #{i} {:?} flags={:#x} params={} locals={} stack={} captures={:?}",
            atom_text(p, f.name as i64),
            f.flags,
            f.param_count,
            f.local_count,
            f.stack_size,
            f.captures
        );
        let mut pc = 0;
        while pc < f.code.len() {
            let Some(insn) = decode(&f.code, pc) else {
                let _ = writeln!(out, "  {pc:5}: <bad>");
                break;
            };
            let _ = write!(out, "  {pc:5}: {}", insn.op.name());
            match insn.op.operand() {
                Operand::None => {}
                Operand::Atom => {
                    let _ = write!(out, " {:?}", atom_text(p, insn.arg));
                }
                Operand::AtomU8 => {
                    let _ = write!(out, " {:?} {}", atom_text(p, insn.arg), insn.flags);
                }
                Operand::Jump => {
                    let _ = write!(out, " -> {}", insn.next as i64 + insn.arg);
                }
                Operand::Const | Operand::ConstU8 => {
                    let _ = write!(
                        out,
                        " #{} {:?}",
                        insn.arg,
                        f.constants.get(insn.arg as usize)
                    );
                }
                _ => {
                    let _ = write!(out, " {}", insn.arg);
                }
            }
            let _ = writeln!(out);
            pc = insn.next;
        }
    }
    out
}
