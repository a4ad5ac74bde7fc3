//! A compiled regular expression as bytes, and back: how qjsc ships regex literals precompiled,
//! so that a program whose regexps are all literals links no pattern parser or compiler.
//!
//! Layout (`v` is an unsigned LEB128 varint of at most 32 bits):
//!
//! ```text
//! capture_count v, nregs v,
//! names:  count v, then per name: length v, units v..., groups count v, group v...
//! sets:   count v, then per set: ranges count v, (first v, last v)...
//! refs:   count v, then per list: count v, group v...
//! code:   count v, then per instruction: tag u8 (kind | flag bits << 5), operands v...
//! ```
//!
//! Decoding verifies everything the matcher relies on: every jump target, set, reference list,
//! capture slot and register is in range, a `RepeatOne` is followed by the single-character
//! instruction it repeats, sets are sorted and disjoint, and the program ends with `Match`. So
//! bytes that decode are a program the matcher can run; the flags are the caller's.
use crate::class::{CharSet, Ranges, MAX_UNICODE};
use crate::compile::{first_units, Inst, Program, NO_REG};
use crate::{Flags, GroupName, Regex, MAX_CAPTURES};
use alloc::vec::Vec;

struct Writer(Vec<u8>);

impl Writer {
    fn v(&mut self, mut x: u32) {
        while x >= 0x80 {
            self.0.push(x as u8 | 0x80);
            x >>= 7;
        }
        self.0.push(x as u8);
    }
    fn len(&mut self, n: usize) {
        self.v(n as u32);
    }
    fn inst(&mut self, kind: u8, bits: [bool; 2], operands: &[u32]) {
        self.0
            .push(kind | (bits[0] as u8) << 5 | (bits[1] as u8) << 6);
        operands.iter().for_each(|&x| self.v(x));
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn u8(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }
    fn v(&mut self) -> Option<u32> {
        let mut x: u32 = 0;
        for shift in (0..35).step_by(7) {
            let b = self.u8()?;
            x |= u32::from(b & 0x7F).checked_shl(shift)?;
            if b & 0x80 == 0 {
                // The fifth byte may carry only the top four bits.
                return (shift < 28 || b < 0x10).then_some(x);
            }
        }
        None
    }
    /// A count of items that take at least one byte each, so a corrupt count cannot make the
    /// decoder reserve more than the input could hold.
    fn count(&mut self) -> Option<usize> {
        let n = self.v()? as usize;
        (n <= self.bytes.len() - self.pos).then_some(n)
    }
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.count()?;
        let mut out = Vec::new();
        for _ in 0..n {
            out.push(item(self)?);
        }
        Some(out)
    }
}

// Instruction kinds (the tag's low five bits).
const CHAR: u8 = 0;
const SET: u8 = 1;
const ANY: u8 = 2;
const LINE_START: u8 = 3;
const LINE_END: u8 = 4;
const WORD_BOUNDARY: u8 = 5;
const SPLIT: u8 = 6;
const JMP: u8 = 7;
const SAVE: u8 = 8;
const RESET_CAPTURES: u8 = 9;
const BACK_REF: u8 = 10;
const LOOK_START: u8 = 11;
const LOOK_END: u8 = 12;
const SAVE_POS: u8 = 13;
const CHECK_PROGRESS: u8 = 14;
const COUNT_INIT: u8 = 15;
const LOOP: u8 = 16;
const LOOP_END: u8 = 17;
const REPEAT_ONE: u8 = 18;
const MATCH: u8 = 19;

impl Regex {
    /// The compiled program as bytes for [`Regex::from_bytes`] (the flags are not included).
    pub fn to_bytes(&self) -> Vec<u8> {
        let p = &self.prog;
        let mut w = Writer(Vec::new());
        w.len(self.capture_count);
        w.v(p.nregs);
        w.len(self.names.len());
        for g in &self.names {
            w.len(g.name.len());
            g.name.iter().for_each(|&u| w.v(u.into()));
            w.len(g.groups.len());
            g.groups.iter().for_each(|&x| w.v(x));
        }
        w.len(p.sets.len());
        for s in &p.sets {
            w.len(s.ranges().len());
            for &(a, b) in s.ranges() {
                w.v(a);
                w.v(b);
            }
        }
        w.len(p.refs.len());
        for r in &p.refs {
            w.len(r.len());
            r.iter().for_each(|&x| w.v(x));
        }
        w.len(p.code.len());
        for &i in &p.code {
            match i {
                Inst::Char { c, back } => w.inst(CHAR, [back, false], &[c]),
                Inst::Set { idx, back } => w.inst(SET, [back, false], &[idx]),
                Inst::Any { back } => w.inst(ANY, [back, false], &[]),
                Inst::LineStart { multiline } => w.inst(LINE_START, [multiline, false], &[]),
                Inst::LineEnd { multiline } => w.inst(LINE_END, [multiline, false], &[]),
                Inst::WordBoundary {
                    negated,
                    unicode_icase,
                } => w.inst(WORD_BOUNDARY, [negated, unicode_icase], &[]),
                Inst::Split { first, second } => w.inst(SPLIT, [false; 2], &[first, second]),
                Inst::Jmp(t) => w.inst(JMP, [false; 2], &[t]),
                Inst::Save(s) => w.inst(SAVE, [false; 2], &[s]),
                Inst::ResetCaptures { from, to } => w.inst(RESET_CAPTURES, [false; 2], &[from, to]),
                Inst::BackRef { list, back, icase } => w.inst(BACK_REF, [back, icase], &[list]),
                Inst::LookStart { negated, end } => w.inst(LOOK_START, [negated, false], &[end]),
                Inst::LookEnd => w.inst(LOOK_END, [false; 2], &[]),
                Inst::SavePos(r) => w.inst(SAVE_POS, [false; 2], &[r]),
                Inst::CheckProgress(r) => w.inst(CHECK_PROGRESS, [false; 2], &[r]),
                Inst::CountInit(r) => w.inst(COUNT_INIT, [false; 2], &[r]),
                Inst::Loop {
                    r,
                    min,
                    max,
                    greedy,
                    exit,
                } => w.inst(LOOP, [greedy, false], &[r, min, max, exit]),
                Inst::LoopEnd {
                    r,
                    pos_reg,
                    min,
                    head,
                } => w.inst(LOOP_END, [false; 2], &[r, pos_reg, min, head]),
                Inst::RepeatOne { min, max, greedy } => {
                    w.inst(REPEAT_ONE, [greedy, false], &[min, max])
                }
                Inst::Match => w.inst(MATCH, [false; 2], &[]),
            }
        }
        w.0
    }

    /// Decodes and verifies bytes written by [`Regex::to_bytes`] for a pattern compiled with
    /// `flags`; None when they are malformed.
    pub fn from_bytes(bytes: &[u8], flags: Flags) -> Option<Regex> {
        let mut r = Reader { bytes, pos: 0 };
        let capture_count = r.v()?;
        if capture_count == 0 || capture_count > MAX_CAPTURES {
            return None;
        }
        let nregs = r.v()?;
        let group = |r: &mut Reader| r.v().filter(|&g| g > 0 && g < capture_count);
        let names = r.list(|r| {
            Some(GroupName {
                name: r.list(|r| r.v().and_then(|u| u16::try_from(u).ok()))?,
                groups: r.list(group)?,
            })
        })?;
        let sets = r.list(|r| {
            let ranges: Ranges = r.list(|r| Some((r.v()?, r.v()?)))?;
            let ordered = ranges.iter().all(|&(a, b)| a <= b && b <= MAX_UNICODE)
                && ranges.windows(2).all(|w| w[0].1 < w[1].0);
            ordered.then(|| CharSet::new(ranges))
        })?;
        let refs = r.list(|r| r.list(group))?;
        let code = r.list(|r| {
            let tag = r.u8()?;
            let (a, b) = (tag & 1 << 5 != 0, tag & 1 << 6 != 0);
            Some(match tag & 0x1F {
                CHAR => Inst::Char { c: r.v()?, back: a },
                SET => Inst::Set {
                    idx: r.v()?,
                    back: a,
                },
                ANY => Inst::Any { back: a },
                LINE_START => Inst::LineStart { multiline: a },
                LINE_END => Inst::LineEnd { multiline: a },
                WORD_BOUNDARY => Inst::WordBoundary {
                    negated: a,
                    unicode_icase: b,
                },
                SPLIT => Inst::Split {
                    first: r.v()?,
                    second: r.v()?,
                },
                JMP => Inst::Jmp(r.v()?),
                SAVE => Inst::Save(r.v()?),
                RESET_CAPTURES => Inst::ResetCaptures {
                    from: r.v()?,
                    to: r.v()?,
                },
                BACK_REF => Inst::BackRef {
                    list: r.v()?,
                    back: a,
                    icase: b,
                },
                LOOK_START => Inst::LookStart {
                    negated: a,
                    end: r.v()?,
                },
                LOOK_END => Inst::LookEnd,
                SAVE_POS => Inst::SavePos(r.v()?),
                CHECK_PROGRESS => Inst::CheckProgress(r.v()?),
                COUNT_INIT => Inst::CountInit(r.v()?),
                LOOP => Inst::Loop {
                    r: r.v()?,
                    min: r.v()?,
                    max: r.v()?,
                    greedy: a,
                    exit: r.v()?,
                },
                LOOP_END => Inst::LoopEnd {
                    r: r.v()?,
                    pos_reg: r.v()?,
                    min: r.v()?,
                    head: r.v()?,
                },
                REPEAT_ONE => Inst::RepeatOne {
                    min: r.v()?,
                    max: r.v()?,
                    greedy: a,
                },
                MATCH => Inst::Match,
                _ => return None,
            })
        })?;
        if r.pos != bytes.len() {
            return None;
        }
        let mut prog = Program {
            code,
            sets,
            first: None,
            refs,
            nregs,
        };
        if !verify(&prog, capture_count) {
            return None;
        }
        prog.first = first_units(&prog);
        Some(Regex {
            prog,
            capture_count: capture_count as usize,
            names,
            flags,
        })
    }
}

/// The matcher's assumptions about a decoded program (see the module comment).
fn verify(p: &Program, capture_count: u32) -> bool {
    let len = p.code.len() as u32;
    // Each register is set up by an instruction of its own.
    if p.nregs > len || !matches!(p.code.last(), Some(Inst::Match)) {
        return false;
    }
    let target = |t: u32| t < len;
    let reg = |r: u32| r < p.nregs;
    let single = |pc: u32| {
        matches!(
            p.code.get(pc as usize),
            Some(Inst::Char { .. } | Inst::Set { .. } | Inst::Any { .. })
        )
    };
    p.code.iter().enumerate().all(|(pc, &i)| match i {
        Inst::Char { c, .. } => c <= MAX_UNICODE,
        Inst::Set { idx, .. } => (idx as usize) < p.sets.len(),
        Inst::Split { first, second } => target(first) && target(second),
        Inst::Jmp(t) => target(t),
        Inst::LookStart { end, .. } => target(end),
        Inst::Save(slot) => slot < 2 * capture_count,
        Inst::ResetCaptures { from, to } => from <= to && to <= capture_count,
        Inst::BackRef { list, .. } => (list as usize) < p.refs.len(),
        Inst::SavePos(r) | Inst::CheckProgress(r) | Inst::CountInit(r) => reg(r),
        Inst::Loop {
            r, min, max, exit, ..
        } => reg(r) && min <= max && target(exit),
        Inst::LoopEnd {
            r, pos_reg, head, ..
        } => reg(r) && (pos_reg == NO_REG || reg(pos_reg)) && target(head),
        // The repeated instruction follows, and something after it.
        Inst::RepeatOne { min, max, .. } => {
            min <= max && single(pc as u32 + 1) && target(pc as u32 + 2)
        }
        Inst::Any { .. }
        | Inst::LineStart { .. }
        | Inst::LineEnd { .. }
        | Inst::WordBoundary { .. }
        | Inst::LookEnd
        | Inst::Match => true,
    })
}
