//! Syntax tree to the matcher's program: a flat instruction list with jump targets, character
//! sets in a side table, and loop counters / saved positions as numbered registers.
use crate::class::{ascii_bits, CharSet, Ranges, MAX_UNICODE};
use crate::parse::Node;
use crate::GroupName;
use alloc::vec::Vec;

/// "No register": the loop body cannot match empty, so no progress check is needed.
pub(crate) const NO_REG: u32 = u32::MAX;
/// Loop bound meaning "unbounded".
pub(crate) const INFINITE: u32 = u32::MAX;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Inst {
    /// Consume one character equal to `c` (backwards in a lookbehind).
    Char {
        c: u32,
        back: bool,
    },
    /// Consume one character in `sets[idx]`.
    Set {
        idx: u32,
        back: bool,
    },
    /// Consume any character.
    Any {
        back: bool,
    },
    LineStart {
        multiline: bool,
    },
    LineEnd {
        multiline: bool,
    },
    WordBoundary {
        negated: bool,
        unicode_icase: bool,
    },
    /// Continue at `first`; on failure at `second`.
    Split {
        first: u32,
        second: u32,
    },
    Jmp(u32),
    /// Record the position in capture slot `slot` (2*group, 2*group+1).
    Save(u32),
    /// Forget the captures of groups `from..to` (start of a quantified iteration).
    ResetCaptures {
        from: u32,
        to: u32,
    },
    /// Match the text of the first participating group of `refs[list]`.
    BackRef {
        list: u32,
        back: bool,
        icase: bool,
    },
    /// Enter a lookaround whose body ends with `LookEnd`; `end` is the instruction after it.
    LookStart {
        negated: bool,
        end: u32,
    },
    LookEnd,
    /// regs[r] = position (for the empty-iteration check).
    SavePos(u32),
    /// Fail if the position equals regs[r] (an optional iteration that matched empty).
    CheckProgress(u32),
    /// regs[r] = 0.
    CountInit(u32),
    /// Decide on another iteration of a counted loop: the body follows, `exit` is after it.
    Loop {
        r: u32,
        min: u32,
        max: u32,
        greedy: bool,
        exit: u32,
    },
    /// End of a counted loop body: progress check against `pos_reg`, count, back to `head`.
    LoopEnd {
        r: u32,
        pos_reg: u32,
        min: u32,
        head: u32,
    },
    /// Repeat the single-character instruction that follows, without per-iteration state.
    RepeatOne {
        min: u32,
        max: u32,
        greedy: bool,
    },
    Match,
}

#[derive(Clone)]
pub(crate) struct Program {
    pub code: Vec<Inst>,
    pub sets: Vec<CharSet>,
    /// What the first consumed code unit can be, when that is known (see `first_units`).
    pub first: Option<FirstUnits>,
    pub refs: Vec<Vec<u32>>,
    pub nregs: u32,
}

struct Compiler<'a> {
    p: Program,
    names: &'a [GroupName],
    max_char: u32,
}

pub(crate) fn compile(node: &Node, names: &[GroupName], unicode: bool) -> Program {
    let mut c = Compiler {
        p: Program {
            code: Vec::new(),
            sets: Vec::new(),
            refs: Vec::new(),
            nregs: 0,
            first: None,
        },
        names,
        max_char: if unicode { MAX_UNICODE } else { 0xFFFF },
    };
    c.node(node, false);
    c.emit(Inst::Match);
    c.p.first = first_units(&c.p);
    c.p
}

/// The code units a match can start with: ASCII ones as a bitmap, and whether any unit of 128
/// or more can (then all such units are let through). The searcher skips start positions whose
/// unit is not among them without entering the matcher.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FirstUnits {
    pub ascii: u128,
    pub other: bool,
}

impl FirstUnits {
    pub fn admits(&self, u: u32) -> bool {
        if u < 128 {
            self.ascii >> u & 1 != 0
        } else {
            self.other
        }
    }
}

/// Follows every path from the start to its first consuming instruction; None when some path
/// can match empty or starts in a way this does not model (backreference, counted loop, `.`).
/// Zero-width instructions only narrow where a match starts, so walking through them is sound.
pub(crate) fn first_units(p: &Program) -> Option<FirstUnits> {
    let mut f = FirstUnits {
        ascii: 0,
        other: false,
    };
    let mut seen = alloc::vec![false; p.code.len()];
    let mut work = alloc::vec![0u32];
    while let Some(pc) = work.pop() {
        let i = pc as usize;
        if core::mem::replace(seen.get_mut(i)?, true) {
            continue;
        }
        match *p.code.get(i)? {
            Inst::Char { c, back: false } => {
                if c < 128 {
                    f.ascii |= 1 << c;
                } else {
                    f.other = true;
                }
            }
            Inst::Set { idx, back: false } => {
                let set = p.sets.get(idx as usize)?.ranges();
                f.ascii |= ascii_bits(set);
                f.other |= set.last().is_some_and(|&(_, b)| b >= 128);
            }
            Inst::Split { first, second } => work.extend([first, second]),
            Inst::Jmp(to) => work.push(to),
            Inst::LookStart { end, .. } => work.push(end),
            // Its body is the next instruction; with no minimum, what follows may come first.
            Inst::RepeatOne { min, .. } => {
                work.push(pc + 1);
                if min == 0 {
                    work.push(pc + 2);
                }
            }
            Inst::LineStart { .. }
            | Inst::LineEnd { .. }
            | Inst::WordBoundary { .. }
            | Inst::Save(_)
            | Inst::ResetCaptures { .. }
            | Inst::SavePos(_)
            | Inst::CheckProgress(_)
            | Inst::CountInit(_) => work.push(pc + 1),
            _ => return None,
        }
    }
    (f.ascii != u128::MAX || !f.other).then_some(f)
}

/// The fewest code units `n` can match (0 when unknown), which decides whether a loop needs the
/// empty-iteration check.
fn min_width(n: &Node) -> u32 {
    match n {
        Node::Char(_) | Node::Set(_) => 1,
        Node::Group { body, .. } => min_width(body),
        Node::Concat(v) => v.iter().fold(0u32, |a, x| a.saturating_add(min_width(x))),
        Node::Alt(v) => v.iter().map(min_width).min().unwrap_or(0),
        Node::Repeat { body, min, .. } => min_width(body).saturating_mul(*min),
        _ => 0,
    }
}

impl Compiler<'_> {
    fn pc(&self) -> u32 {
        self.p.code.len() as u32
    }
    fn emit(&mut self, i: Inst) -> u32 {
        self.p.code.push(i);
        self.pc() - 1
    }
    fn patch(&mut self, at: u32, target: u32) {
        match self.p.code.get_mut(at as usize) {
            Some(Inst::Split { second, .. }) => *second = target,
            Some(Inst::Jmp(t)) => *t = target,
            Some(Inst::LookStart { end, .. }) => *end = target,
            Some(Inst::Loop { exit, .. }) => *exit = target,
            _ => {}
        }
    }
    fn reg(&mut self) -> u32 {
        self.p.nregs += 1;
        self.p.nregs - 1
    }

    fn node(&mut self, n: &Node, back: bool) {
        match n {
            Node::Empty => {}
            &Node::Char(c) => {
                self.emit(Inst::Char { c, back });
            }
            Node::Set(r) => self.set(r, back),
            &Node::LineStart { multiline } => {
                self.emit(Inst::LineStart { multiline });
            }
            &Node::LineEnd { multiline } => {
                self.emit(Inst::LineEnd { multiline });
            }
            &Node::WordBoundary {
                negated,
                unicode_icase,
            } => {
                self.emit(Inst::WordBoundary {
                    negated,
                    unicode_icase,
                });
            }
            Node::Group { body, index } => match index {
                Some(i) => {
                    let (open, close) = if back {
                        (2 * i + 1, 2 * i)
                    } else {
                        (2 * i, 2 * i + 1)
                    };
                    self.emit(Inst::Save(open));
                    self.node(body, back);
                    self.emit(Inst::Save(close));
                }
                None => self.node(body, back),
            },
            Node::Look {
                behind,
                negated,
                body,
            } => {
                let start = self.emit(Inst::LookStart {
                    negated: *negated,
                    end: 0,
                });
                self.node(body, *behind);
                self.emit(Inst::LookEnd);
                let end = self.pc();
                self.patch(start, end);
            }
            Node::BackRef { groups, icase } => self.backref(groups.clone(), back, *icase),
            Node::NamedBackRef { name, icase } => {
                let groups = self
                    .names
                    .iter()
                    .find(|g| &g.name == name)
                    .map(|g| g.groups.clone());
                self.backref(groups.unwrap_or_default(), back, *icase);
            }
            Node::Concat(v) => {
                if back {
                    v.iter().rev().for_each(|x| self.node(x, back));
                } else {
                    v.iter().for_each(|x| self.node(x, back));
                }
            }
            Node::Alt(v) => {
                let mut jumps = Vec::new();
                let last = v.len().saturating_sub(1);
                for (k, alt) in v.iter().enumerate() {
                    if k == last {
                        self.node(alt, back);
                        break;
                    }
                    let split = self.emit(Inst::Split {
                        first: self.pc() + 1,
                        second: 0,
                    });
                    self.node(alt, back);
                    jumps.push(self.emit(Inst::Jmp(0)));
                    let next = self.pc();
                    self.patch(split, next);
                }
                let end = self.pc();
                for j in jumps {
                    self.patch(j, end);
                }
            }
            Node::Repeat {
                body,
                min,
                max,
                greedy,
                captures,
            } => self.repeat(body, *min, *max, *greedy, *captures, back),
        }
    }

    fn set(&mut self, r: &Ranges, back: bool) {
        if r[..] == [(0, self.max_char)] {
            self.emit(Inst::Any { back });
        } else if let [(a, b)] = r[..] {
            if a == b {
                self.emit(Inst::Char { c: a, back });
                return;
            }
            self.push_set(r, back);
        } else {
            self.push_set(r, back);
        }
    }

    fn push_set(&mut self, r: &Ranges, back: bool) {
        let idx = match self.p.sets.iter().position(|s| s.ranges() == r) {
            Some(i) => i,
            None => {
                self.p.sets.push(CharSet::new(r.clone()));
                self.p.sets.len() - 1
            }
        } as u32;
        self.emit(Inst::Set { idx, back });
    }

    fn backref(&mut self, groups: Vec<u32>, back: bool, icase: bool) {
        self.p.refs.push(groups);
        let list = self.p.refs.len() as u32 - 1;
        self.emit(Inst::BackRef { list, back, icase });
    }

    fn repeat(
        &mut self,
        body: &Node,
        min: u32,
        max: u32,
        greedy: bool,
        caps: (u32, u32),
        back: bool,
    ) {
        if max == 0 {
            return;
        }
        if matches!(body, Node::Char(_) | Node::Set(_)) {
            self.emit(Inst::RepeatOne { min, max, greedy });
            self.node(body, back);
            return;
        }
        if min == 1 && max == 1 {
            self.node(body, back);
            return;
        }
        let pos_reg = if min_width(body) == 0 {
            self.reg()
        } else {
            NO_REG
        };
        let body_code = |c: &mut Self| {
            if pos_reg != NO_REG {
                c.emit(Inst::SavePos(pos_reg));
            }
            if caps.1 > caps.0 {
                c.emit(Inst::ResetCaptures {
                    from: caps.0,
                    to: caps.1,
                });
            }
            c.node(body, back);
        };
        if min == 0 && (max == 1 || max == INFINITE) {
            let head = self.pc();
            let split = self.emit(Inst::Split {
                first: 0,
                second: 0,
            });
            let body_pc = self.pc();
            body_code(self);
            if pos_reg != NO_REG {
                self.emit(Inst::CheckProgress(pos_reg));
            }
            if max == INFINITE {
                self.emit(Inst::Jmp(head));
            }
            let exit = self.pc();
            let (first, second) = if greedy {
                (body_pc, exit)
            } else {
                (exit, body_pc)
            };
            if let Some(i) = self.p.code.get_mut(split as usize) {
                *i = Inst::Split { first, second };
            }
            return;
        }
        let r = self.reg();
        self.emit(Inst::CountInit(r));
        let head = self.emit(Inst::Loop {
            r,
            min,
            max,
            greedy,
            exit: 0,
        });
        body_code(self);
        self.emit(Inst::LoopEnd {
            r,
            pos_reg,
            min,
            head,
        });
        let exit = self.pc();
        self.patch(head, exit);
    }
}
