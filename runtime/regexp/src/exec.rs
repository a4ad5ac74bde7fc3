//! The backtracking matcher. All choice points, undo records and lookaround markers live on an
//! explicit stack (`Scratch::stack`), never on the native stack, so no pattern or subject can
//! overflow it; the stack's size is bounded and the host's interrupt callback is polled.
use crate::class::{self, is_line_terminator};
use crate::compile::{Inst, INFINITE, NO_REG};
use crate::{uni, Regex};
use alloc::vec::Vec;

/// A code unit of a subject string: Latin-1 bytes or UTF-16 units, matched without conversion.
pub trait Unit: Copy {
    fn unit(self) -> u32;
}
impl Unit for u8 {
    #[inline]
    fn unit(self) -> u32 {
        self as u32
    }
}
impl Unit for u16 {
    #[inline]
    fn unit(self) -> u32 {
        self as u32
    }
}

/// Why a match attempt stopped without an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExecError {
    /// The interrupt callback asked to stop.
    Interrupted,
    /// The backtracking stack reached its limit.
    TooComplex,
}

/// Unset capture slot.
const NONE: u32 = u32::MAX;
/// How often (in steps) the interrupt callback is polled.
const POLL_INTERVAL: u32 = 1 << 14;
/// Default bound on backtracking entries (16 bytes each: 64 MiB).
pub const DEFAULT_STACK_LIMIT: usize = 4 << 20;

#[derive(Clone, Copy)]
enum Bt {
    Branch {
        pc: u32,
        pos: u32,
    },
    Capture {
        slot: u32,
        old: u32,
    },
    Reg {
        r: u32,
        old: u32,
    },
    Look {
        end: u32,
        pos: u32,
        negated: bool,
    },
    /// A greedy RepeatOne that can still give back characters down to `limit`.
    Greedy {
        next: u32,
        limit: u32,
        pos: u32,
    },
    /// A lazy RepeatOne at `pc` that may take one more character at `pos`.
    Lazy {
        pc: u32,
        pos: u32,
        count: u32,
    },
}

/// Reusable matcher memory (captures, registers, backtracking stack), so repeated matches do not
/// allocate.
pub struct Scratch {
    captures: Vec<u32>,
    regs: Vec<u32>,
    stack: Vec<Bt>,
    /// Upper bound on the backtracking stack's length.
    pub stack_limit: usize,
}

impl Default for Scratch {
    fn default() -> Self {
        Scratch {
            captures: Vec::new(),
            regs: Vec::new(),
            stack: Vec::new(),
            stack_limit: DEFAULT_STACK_LIMIT,
        }
    }
}

impl Scratch {
    /// Group `i`'s (start, end) code-unit offsets after a successful match.
    pub fn capture(&self, i: usize) -> Option<(usize, usize)> {
        let s = *self.captures.get(2 * i)?;
        let e = *self.captures.get(2 * i + 1)?;
        (s != NONE && e != NONE).then_some((s as usize, e as usize))
    }
    /// Releases the memory a large match used.
    pub fn shrink(&mut self) {
        self.stack = Vec::new();
    }
}

#[inline]
fn next_char<T: Unit>(s: &[T], pos: usize, unicode: bool) -> Option<(u32, usize)> {
    let c = s.get(pos)?.unit();
    if unicode && (0xD800..0xDC00).contains(&c) {
        if let Some(lo) = s
            .get(pos + 1)
            .map(|u| u.unit())
            .filter(|l| (0xDC00..0xE000).contains(l))
        {
            return Some((0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00), pos + 2));
        }
    }
    Some((c, pos + 1))
}

#[inline]
fn prev_char<T: Unit>(s: &[T], pos: usize, unicode: bool) -> Option<(u32, usize)> {
    let c = s.get(pos.checked_sub(1)?)?.unit();
    if unicode && (0xDC00..0xE000).contains(&c) && pos >= 2 {
        if let Some(hi) = s
            .get(pos - 2)
            .map(|u| u.unit())
            .filter(|h| (0xD800..0xDC00).contains(h))
        {
            return Some((0x10000 + ((hi - 0xD800) << 10) + (c - 0xDC00), pos - 2));
        }
    }
    Some((c, pos - 1))
}

struct Run<'r, 's, T: Unit> {
    re: &'r Regex,
    input: &'s [T],
    unicode: bool,
    steps: u32,
}

impl<T: Unit> Run<'_, '_, T> {
    #[inline]
    fn step(&self, pos: usize, back: bool) -> Option<(u32, usize)> {
        if back {
            prev_char(self.input, pos, self.unicode)
        } else {
            next_char(self.input, pos, self.unicode)
        }
    }

    /// Runs one single-character instruction at `pos`.
    #[inline]
    fn one(&self, inst: Inst, pos: usize) -> Option<usize> {
        match inst {
            Inst::Char { c, back } => self
                .step(pos, back)
                .filter(|&(x, _)| x == c)
                .map(|(_, p)| p),
            Inst::Set { idx, back } => {
                let set = self.re.prog.sets.get(idx as usize)?;
                self.step(pos, back)
                    .filter(|&(x, _)| set.contains(x))
                    .map(|(_, p)| p)
            }
            Inst::Any { back } => self.step(pos, back).map(|(_, p)| p),
            _ => None,
        }
    }

    fn unit_at(&self, pos: usize) -> Option<u32> {
        self.input.get(pos).map(|u| u.unit())
    }

    fn is_word_at(&self, pos: Option<usize>, ui: bool) -> bool {
        pos.and_then(|p| self.unit_at(p))
            .is_some_and(|c| class::is_word(c, ui))
    }

    fn canon(&self, c: u32) -> u32 {
        if self.unicode {
            uni::simple_case_fold(c)
        } else {
            u16::try_from(c).map_or(c, |u| uni::canonicalize_non_unicode(u).into())
        }
    }

    /// Matches the text of `s..e` at `pos` (ending at `pos` when `back`); the new position.
    fn backref(&self, s: usize, e: usize, pos: usize, back: bool, icase: bool) -> Option<usize> {
        let len = e.checked_sub(s)?;
        let at = if back { pos.checked_sub(len)? } else { pos };
        let sub = self.input.get(s..e)?;
        let here = self.input.get(at..at.checked_add(len)?)?;
        let same = if !icase {
            sub.iter().zip(here).all(|(a, b)| a.unit() == b.unit())
        } else {
            let (mut i, mut j) = (0, 0);
            loop {
                match (
                    next_char(sub, i, self.unicode),
                    next_char(here, j, self.unicode),
                ) {
                    (None, None) => break true,
                    (Some((a, ni)), Some((b, nj))) if self.canon(a) == self.canon(b) => {
                        i = ni;
                        j = nj;
                    }
                    _ => break false,
                }
            }
        };
        same.then_some(if back { at } else { at + len })
    }
}

impl Regex {
    /// Searches `input` from `start` (only at `start` when sticky). On success the captures are
    /// in `scratch`. `interrupt` is polled periodically; returning true stops the match.
    pub fn exec<T: Unit>(
        &self,
        input: &[T],
        start: usize,
        scratch: &mut Scratch,
        interrupt: &mut dyn FnMut() -> bool,
    ) -> Result<bool, ExecError> {
        self.search(input, start, self.flags.sticky, scratch, interrupt)
    }

    /// `exec` with stickiness chosen by the caller: a sticky regexp tried at every position in
    /// turn (as String.prototype.split's loop does) is one unanchored search.
    pub fn search<T: Unit>(
        &self,
        input: &[T],
        start: usize,
        sticky: bool,
        scratch: &mut Scratch,
        interrupt: &mut dyn FnMut() -> bool,
    ) -> Result<bool, ExecError> {
        if input.len() >= NONE as usize {
            return Err(ExecError::TooComplex);
        }
        let unicode = self.flags.unicode || self.flags.unicode_sets;
        let mut run = Run {
            re: self,
            input,
            unicode,
            steps: 0,
        };
        scratch.captures.clear();
        scratch.captures.resize(2 * self.capture_count, NONE);
        scratch.regs.clear();
        scratch.regs.resize(self.prog.nregs as usize, 0);
        let first = self.prog.code.first().copied();
        let anchored = matches!(first, Some(Inst::LineStart { multiline: false }));
        let mut s = start;
        while s <= input.len() {
            // Skip start positions the first instruction rules out.
            // Stopping at the first unit that passes never lands inside a surrogate pair: a
            // pair's high half passes whenever its low half does.
            if let (false, Some(f)) = (sticky, &self.prog.first) {
                match input
                    .get(s..)
                    .and_then(|rest| rest.iter().position(|u| f.admits(u.unit())))
                {
                    Some(k) => s += k,
                    None => return Ok(false),
                }
            }
            if anchored && s > 0 {
                return Ok(false);
            }
            if run.attempt(s, scratch, interrupt)? {
                return Ok(true);
            }
            if sticky {
                return Ok(false);
            }
            s = match next_char(input, s, unicode) {
                Some((_, n)) => n,
                None => break,
            };
        }
        Ok(false)
    }
}

impl<T: Unit> Run<'_, '_, T> {
    fn attempt(
        &mut self,
        start: usize,
        sc: &mut Scratch,
        interrupt: &mut dyn FnMut() -> bool,
    ) -> Result<bool, ExecError> {
        let code = &self.re.prog.code;
        sc.captures.fill(NONE);
        sc.stack.clear();
        let limit = sc.stack_limit;
        let mut pc: usize = 0;
        let mut pos: usize = start;
        macro_rules! push {
            ($e:expr) => {{
                if sc.stack.len() >= limit {
                    return Err(ExecError::TooComplex);
                }
                sc.stack.push($e);
            }};
        }
        'main: loop {
            self.steps = self.steps.wrapping_add(1);
            if self.steps.is_multiple_of(POLL_INTERVAL) && interrupt() {
                return Err(ExecError::Interrupted);
            }
            let Some(&inst) = code.get(pc) else {
                return Ok(false);
            };
            match inst {
                Inst::Char { .. } | Inst::Set { .. } | Inst::Any { .. } => {
                    if let Some(p) = self.one(inst, pos) {
                        pos = p;
                        pc += 1;
                        continue 'main;
                    }
                }
                Inst::LineStart { multiline } => {
                    if pos == 0
                        || (multiline
                            && pos
                                .checked_sub(1)
                                .and_then(|p| self.unit_at(p))
                                .is_some_and(is_line_terminator))
                    {
                        pc += 1;
                        continue 'main;
                    }
                }
                Inst::LineEnd { multiline } => {
                    if pos == self.input.len()
                        || (multiline && self.unit_at(pos).is_some_and(is_line_terminator))
                    {
                        pc += 1;
                        continue 'main;
                    }
                }
                Inst::WordBoundary {
                    negated,
                    unicode_icase,
                } => {
                    let a = self.is_word_at(pos.checked_sub(1), unicode_icase);
                    let b = self.is_word_at(Some(pos), unicode_icase);
                    if (a != b) != negated {
                        pc += 1;
                        continue 'main;
                    }
                }
                Inst::Split { first, second } => {
                    push!(Bt::Branch {
                        pc: second,
                        pos: pos as u32
                    });
                    pc = first as usize;
                    continue 'main;
                }
                Inst::Jmp(t) => {
                    pc = t as usize;
                    continue 'main;
                }
                Inst::Save(slot) => {
                    if let Some(c) = sc.captures.get_mut(slot as usize) {
                        let old = core::mem::replace(c, pos as u32);
                        push!(Bt::Capture { slot, old });
                    }
                    pc += 1;
                    continue 'main;
                }
                Inst::ResetCaptures { from, to } => {
                    for slot in 2 * from..2 * to {
                        if let Some(c) = sc.captures.get_mut(slot as usize) {
                            if *c != NONE {
                                let old = core::mem::replace(c, NONE);
                                push!(Bt::Capture { slot, old });
                            }
                        }
                    }
                    pc += 1;
                    continue 'main;
                }
                Inst::BackRef { list, back, icase } => {
                    let groups = self
                        .re
                        .prog
                        .refs
                        .get(list as usize)
                        .map_or(&[][..], |v| &v[..]);
                    let found = groups.iter().find_map(|&g| sc.capture(g as usize));
                    let next = match found {
                        None => Some(pos),
                        Some((s, e)) => self.backref(s, e, pos, back, icase),
                    };
                    if let Some(p) = next {
                        pos = p;
                        pc += 1;
                        continue 'main;
                    }
                }
                Inst::LookStart { negated, end } => {
                    push!(Bt::Look {
                        end,
                        pos: pos as u32,
                        negated
                    });
                    pc += 1;
                    continue 'main;
                }
                Inst::LookEnd => {
                    let Some(mark) = sc.stack.iter().rposition(|b| matches!(b, Bt::Look { .. }))
                    else {
                        return Ok(false);
                    };
                    let Some(&Bt::Look {
                        end,
                        pos: at,
                        negated,
                    }) = sc.stack.get(mark)
                    else {
                        return Ok(false);
                    };
                    if !negated {
                        // The body matched: drop its choice points (lookarounds are atomic) but
                        // keep its undo records, so captures it set are undone on backtracking.
                        let mut w = mark;
                        for r in mark + 1..sc.stack.len() {
                            if let Some(&b) = sc.stack.get(r) {
                                if matches!(b, Bt::Capture { .. } | Bt::Reg { .. }) {
                                    if let Some(slot) = sc.stack.get_mut(w) {
                                        *slot = b;
                                    }
                                    w += 1;
                                }
                            }
                        }
                        sc.stack.truncate(w);
                        pos = at as usize;
                        pc = end as usize;
                        continue 'main;
                    }
                    // A negative lookaround's body matched: undo it, then fail.
                    while sc.stack.len() > mark + 1 {
                        match sc.stack.pop() {
                            Some(Bt::Capture { slot, old }) => set(&mut sc.captures, slot, old),
                            Some(Bt::Reg { r, old }) => set(&mut sc.regs, r, old),
                            _ => {}
                        }
                    }
                    sc.stack.pop();
                }
                Inst::SavePos(r) => {
                    if let Some(v) = sc.regs.get_mut(r as usize) {
                        let old = core::mem::replace(v, pos as u32);
                        push!(Bt::Reg { r, old });
                    }
                    pc += 1;
                    continue 'main;
                }
                Inst::CheckProgress(r) => {
                    if sc.regs.get(r as usize) != Some(&(pos as u32)) {
                        pc += 1;
                        continue 'main;
                    }
                }
                Inst::CountInit(r) => {
                    if let Some(v) = sc.regs.get_mut(r as usize) {
                        let old = core::mem::replace(v, 0);
                        push!(Bt::Reg { r, old });
                    }
                    pc += 1;
                    continue 'main;
                }
                Inst::Loop {
                    r,
                    min,
                    max,
                    greedy,
                    exit,
                } => {
                    let n = sc.regs.get(r as usize).copied().unwrap_or(0);
                    if n < min {
                        pc += 1;
                    } else if max != INFINITE && n >= max {
                        pc = exit as usize;
                    } else if greedy {
                        push!(Bt::Branch {
                            pc: exit,
                            pos: pos as u32
                        });
                        pc += 1;
                    } else {
                        push!(Bt::Branch {
                            pc: pc as u32 + 1,
                            pos: pos as u32
                        });
                        pc = exit as usize;
                    }
                    continue 'main;
                }
                Inst::LoopEnd {
                    r,
                    pos_reg,
                    min,
                    head,
                } => {
                    let n = sc.regs.get(r as usize).copied().unwrap_or(0);
                    let empty = pos_reg != NO_REG
                        && n >= min
                        && sc.regs.get(pos_reg as usize) == Some(&(pos as u32));
                    if !empty {
                        if let Some(v) = sc.regs.get_mut(r as usize) {
                            *v = n + 1;
                            push!(Bt::Reg { r, old: n });
                        }
                        pc = head as usize;
                        continue 'main;
                    }
                }
                Inst::RepeatOne { min, max, greedy } => {
                    let Some(&body) = code.get(pc + 1) else {
                        return Ok(false);
                    };
                    let mut n = 0;
                    let mut p = pos;
                    while n < min {
                        match self.one(body, p) {
                            Some(q) => p = q,
                            None => break,
                        }
                        n += 1;
                    }
                    if n == min {
                        if greedy {
                            let limit = p;
                            while n < max {
                                match self.one(body, p) {
                                    Some(q) => p = q,
                                    None => break,
                                }
                                n += 1;
                                if n.is_multiple_of(POLL_INTERVAL) && interrupt() {
                                    return Err(ExecError::Interrupted);
                                }
                            }
                            if p != limit {
                                push!(Bt::Greedy {
                                    next: pc as u32 + 2,
                                    limit: limit as u32,
                                    pos: p as u32
                                });
                            }
                        } else if n < max {
                            push!(Bt::Lazy {
                                pc: pc as u32,
                                pos: p as u32,
                                count: n
                            });
                        }
                        pos = p;
                        pc += 2;
                        continue 'main;
                    }
                }
                Inst::Match => {
                    set(&mut sc.captures, 0, start as u32);
                    set(&mut sc.captures, 1, pos as u32);
                    return Ok(true);
                }
            }
            // Failure: backtrack to the most recent choice point.
            loop {
                match sc.stack.pop() {
                    None => return Ok(false),
                    Some(Bt::Branch { pc: p, pos: q }) => {
                        pc = p as usize;
                        pos = q as usize;
                        continue 'main;
                    }
                    Some(Bt::Capture { slot, old }) => set(&mut sc.captures, slot, old),
                    Some(Bt::Reg { r, old }) => set(&mut sc.regs, r, old),
                    Some(Bt::Look {
                        end,
                        pos: q,
                        negated,
                    }) => {
                        if negated {
                            pc = end as usize;
                            pos = q as usize;
                            continue 'main;
                        }
                    }
                    Some(Bt::Greedy {
                        next,
                        limit,
                        pos: q,
                    }) => {
                        let back = matches!(
                            code.get(next as usize - 1),
                            Some(
                                Inst::Char { back: true, .. }
                                    | Inst::Set { back: true, .. }
                                    | Inst::Any { back: true }
                            )
                        );
                        // Give back one character, never past where the minimum ended.
                        let (q, limit) = (q as usize, limit as usize);
                        let p = if back {
                            next_char(self.input, q, self.unicode)
                                .map_or(limit, |(_, p)| p.min(limit))
                        } else {
                            prev_char(self.input, q, self.unicode)
                                .map_or(limit, |(_, p)| p.max(limit))
                        };
                        if p != limit {
                            push!(Bt::Greedy {
                                next,
                                limit: limit as u32,
                                pos: p as u32
                            });
                        }
                        pc = next as usize;
                        pos = p;
                        continue 'main;
                    }
                    Some(Bt::Lazy {
                        pc: p,
                        pos: q,
                        count,
                    }) => {
                        let (p, q) = (p as usize, q as usize);
                        let max = match code.get(p) {
                            Some(Inst::RepeatOne { max, .. }) => *max,
                            _ => 0,
                        };
                        let next = code.get(p + 1).and_then(|&body| self.one(body, q));
                        if let Some(np) = next {
                            if count + 1 < max {
                                push!(Bt::Lazy {
                                    pc: p as u32,
                                    pos: np as u32,
                                    count: count + 1
                                });
                            }
                            pc = p + 2;
                            pos = np;
                            continue 'main;
                        }
                    }
                }
            }
        }
    }
}

#[inline]
fn set(v: &mut [u32], i: u32, x: u32) {
    if let Some(s) = v.get_mut(i as usize) {
        *s = x;
    }
}
