//! The loader's verifier: everything the interpreter relies on without checking again.
//!
//! Guarantees for a verified program: every index operand (atom, constant, local, captured cell,
//! function) is in range and of the right kind; every jump lands on an instruction boundary; the
//! operand stack depth at each instruction is the same along every path, never negative, and never
//! above the function's `stack_size`; control never runs off the end of the code.
use crate::op::{decode, Op, Operand};
use crate::program::*;
use crate::serialize::LoadError;
use alloc::vec;
use alloc::vec::Vec;

fn invalid(what: &'static str, func: usize, pc: usize) -> LoadError {
    LoadError::Invalid(what, func as u32, pc as u32)
}

/// Checks a whole program.
pub fn verify(p: &Program) -> Result<(), LoadError> {
    if p.main as usize >= p.functions.len() {
        return Err(invalid("main function index", 0, 0));
    }
    for (i, f) in p.functions.iter().enumerate() {
        verify_function(p, i, f)?;
    }
    verify_source(p)?;
    let main = &p.functions[p.main as usize];
    match &p.module {
        // A script's top-level code runs with no captured cells.
        None if !main.captures.is_empty() => Err(invalid("captures of the main function", 0, 0)),
        None => Ok(()),
        Some(m) => verify_module(p, m),
    }
}

/// The source text is UTF-8 and every function's range into it is in bounds, ordered, and on
/// character boundaries (so toString can slice it without checks failing at run time).
fn verify_source(p: &Program) -> Result<(), LoadError> {
    let Ok(text) = core::str::from_utf8(&p.source) else {
        return Err(invalid("source text is not UTF-8", 0, 0));
    };
    for (i, f) in p.functions.iter().enumerate() {
        let (start, end) = (f.source.0 as usize, f.source.1 as usize);
        if start > end || text.get(start..end).is_none() {
            return Err(invalid("source range", i, 0));
        }
    }
    Ok(())
}

/// The module record's indices are in range, and the main function and the hoisted functions
/// capture only environment slots (the runtime builds their cells from the environment).
fn verify_module(p: &Program, m: &ModuleInfo) -> Result<(), LoadError> {
    let atoms = p.atoms.len();
    let atom_ok = |a: u32| (a as usize) < atoms;
    let slot_ok = |s: u16| (s as usize) < m.env.len();
    let request_ok = |r: u32| (r as usize) < m.requests.len();
    let from_env = |f: &FunctionTemplate| {
        f.captures
            .iter()
            .all(|c| matches!(*c, Capture::Local(s) if slot_ok(s)))
    };
    let ok = m.requests.iter().all(|r| {
        atom_ok(r.specifier) && r.attributes.iter().all(|&(k, v)| atom_ok(k) && atom_ok(v))
    }) && m.imports.iter().all(|i| {
        request_ok(i.request)
            && i.name.is_none_or(atom_ok)
            && slot_ok(i.slot)
            && m.env[i.slot as usize] == EnvSlot::Import
    }) && m
        .local_exports
        .iter()
        .all(|e| atom_ok(e.name) && slot_ok(e.slot))
        && m.indirect_exports
            .iter()
            .all(|e| atom_ok(e.name) && request_ok(e.request) && e.import.is_none_or(atom_ok))
        && m.star_exports.iter().all(|&r| request_ok(r))
        && m.functions.iter().all(|&(s, f)| {
            slot_ok(s)
                && m.env[s as usize] == EnvSlot::Var
                && p.functions.get(f as usize).is_some_and(from_env)
        })
        && from_env(&p.functions[p.main as usize]);
    if ok {
        Ok(())
    } else {
        Err(invalid(
            "module record index out of range",
            p.main as usize,
            0,
        ))
    }
}

fn verify_function(p: &Program, fi: usize, f: &FunctionTemplate) -> Result<(), LoadError> {
    let atoms = p.atoms.len();
    if f.name as usize >= atoms || f.filename as usize >= atoms {
        return Err(invalid("name atom", fi, 0));
    }
    if f.param_count > f.local_count {
        return Err(invalid("param_count above local_count", fi, 0));
    }
    for c in &f.constants {
        let ok = match *c {
            Constant::Number(_) => true,
            Constant::String(a) => (a as usize) < atoms,
            Constant::Function(i) => (i as usize) < p.functions.len(),
            Constant::BigInt(a) => p.atoms.get(a as usize).is_some_and(|t| is_bigint_text(t)),
            Constant::RegExp(i) => p
                .regexps
                .get(i as usize)
                .is_some_and(|r| (r.source as usize) < atoms && (r.flags as usize) < atoms),
        };
        if !ok {
            return Err(invalid("constant out of range", fi, 0));
        }
    }
    // Pass 1: decode, mark instruction starts, check operands.
    let code = &f.code;
    let mut starts = vec![false; code.len() + 1];
    let mut pc = 0;
    while pc < code.len() {
        let insn =
            decode(code, pc).ok_or_else(|| invalid("bad or truncated instruction", fi, pc))?;
        starts[pc] = true;
        check_operand(p, fi, f, pc, insn.op, insn.arg)?;
        pc = insn.next;
    }
    // Pass 2: stack depths by abstract interpretation over the control-flow graph.
    let mut depth: Vec<i32> = vec![-1; code.len()];
    let mut work: Vec<(usize, i32)> = Vec::new();
    if code.is_empty() {
        return Err(invalid("empty code", fi, 0));
    }
    let stack_size = f.stack_size as i32;
    let visit = |depth: &mut Vec<i32>,
                 pc: usize,
                 d: i32,
                 work: &mut Vec<(usize, i32)>|
     -> Result<(), LoadError> {
        if pc >= code.len() || !starts[pc] {
            return Err(invalid("jump or fall-through outside the code", fi, pc));
        }
        if d > stack_size {
            return Err(invalid("stack overflow", fi, pc));
        }
        match depth[pc] {
            -1 => {
                depth[pc] = d;
                work.push((pc, d));
                Ok(())
            }
            old if old == d => Ok(()),
            _ => Err(invalid("inconsistent stack depth", fi, pc)),
        }
    };
    visit(&mut depth, 0, 0, &mut work)?;
    while let Some((pc, d)) = work.pop() {
        let insn = decode(code, pc).ok_or_else(|| invalid("bad instruction", fi, pc))?;
        let (pop, push) = insn.op.stack_effect(insn.arg as u32, insn.flags);
        let (pop, push) = (pop as i32, push as i32);
        if pop > d {
            return Err(invalid("stack underflow", fi, pc));
        }
        if d - pop + push > stack_size {
            return Err(invalid("stack overflow", fi, pc));
        }
        if insn.op.operand() == Operand::Jump {
            let target = (insn.next as i64) + insn.arg;
            if target < 0 {
                return Err(invalid("jump before the code", fi, pc));
            }
            visit(
                &mut depth,
                target as usize,
                d + insn.op.branch_effect(),
                &mut work,
            )?;
        }
        if !insn.op.is_terminator() {
            visit(&mut depth, insn.next, d - pop + push, &mut work)?;
        }
    }
    Ok(())
}

fn check_operand(
    p: &Program,
    fi: usize,
    f: &FunctionTemplate,
    pc: usize,
    op: Op,
    arg: i64,
) -> Result<(), LoadError> {
    let ok = match op.operand() {
        Operand::Loc => arg < f.local_count as i64,
        Operand::Var => arg < f.captures.len() as i64,
        Operand::Atom | Operand::AtomU8 => arg < p.atoms.len() as i64,
        Operand::Const | Operand::ConstU8 => match f.constants.get(arg as usize) {
            None => false,
            Some(Constant::Function(t)) => {
                matches!(op, Op::Closure | Op::Class) && captures_fit(f, &p.functions[*t as usize])
            }
            Some(Constant::RegExp(_)) => op == Op::RegExp,
            Some(_) => op == Op::PushConst,
        },
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(invalid("operand out of range", fi, pc))
    }
}

/// A closure created by `parent` may only capture the parent's slots and cells.
fn captures_fit(parent: &FunctionTemplate, child: &FunctionTemplate) -> bool {
    child.captures.iter().all(|c| match *c {
        Capture::Local(i) => i < parent.local_count,
        Capture::Var(i) => (i as usize) < parent.captures.len(),
    })
}
