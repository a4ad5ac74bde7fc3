//! Case mapping tables: simple case folding (/iu, /iv) and the non-unicode /i Canonicalize.
//!
//! Both are run tables of `(start | (length - 1) << 21, delta << 1 | every_other)`: the run maps
//! `start, start + step, ..., start + (length - 1) * step` (step 2 when `every_other`, else 1)
//! to `c + delta`. Runs do not overlap (a step-2 run skips only code points that map to
//! themselves), so the last run starting at or before `c` is the only candidate. Both mappings
//! are idempotent (the generator checks it): a target maps to itself.

use crate::sets::union;
use crate::Ranges;
use alloc::vec::Vec;

pub(crate) type RunTable = [(u32, i32)];

struct Run {
    start: u32,
    len: u32,
    step: u32,
    delta: i32,
}

fn run(&(w0, w1): &(u32, i32)) -> Run {
    Run {
        start: w0 & 0x1f_ffff,
        len: (w0 >> 21) + 1,
        step: (w1 & 1) as u32 + 1,
        delta: w1 >> 1,
    }
}

impl Run {
    /// Where `c` maps when the run covers it.
    fn apply(&self, c: u32) -> Option<u32> {
        let offset = c.checked_sub(self.start)?;
        if offset % self.step != 0 || offset / self.step >= self.len {
            return None;
        }
        c.checked_add_signed(self.delta)
    }

    fn sources(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.len).map(move |i| self.start + i * self.step)
    }
}

pub(crate) fn map(table: &RunTable, c: u32) -> u32 {
    let i = table.partition_point(|&(w0, _)| w0 & 0x1f_ffff <= c);
    i.checked_sub(1)
        .and_then(|i| table.get(i))
        .and_then(|r| run(r).apply(c))
        .unwrap_or(c)
}

/// Calls `f` for every code point other than `c` with the same image as `c`.
pub(crate) fn for_each_equivalent(table: &RunTable, c: u32, mut f: impl FnMut(u32)) {
    let target = map(table, c);
    if target != c {
        f(target);
    }
    for r in table.iter().map(run) {
        if let Some(source) = target.checked_add_signed(-r.delta) {
            if source != c && r.apply(source) == Some(target) {
                f(source);
            }
        }
    }
}

/// `ranges` plus every code point with the same image as one of its code points.
pub(crate) fn closure(table: &RunTable, ranges: &[(u32, u32)]) -> Ranges {
    let inside = |c: u32| crate::sets::contains(ranges, c);
    // Images reached from inside the set (a target in the set is its own image). Kept sorted by
    // insertion: a few thousand entries at most, and no sort routine gets linked in.
    let mut targets = Vec::new();
    for r in table.iter().map(run) {
        for source in r.sources() {
            if let Some(t) = r.apply(source) {
                if inside(source) || inside(t) {
                    insert_sorted(&mut targets, t);
                }
            }
        }
    }
    let mut added = targets.clone();
    for r in table.iter().map(run) {
        for source in r.sources() {
            if r.apply(source)
                .is_some_and(|t| targets.binary_search(&t).is_ok())
            {
                insert_sorted(&mut added, source);
            }
        }
    }
    let mut added_ranges: Ranges = Vec::new();
    for c in added {
        match added_ranges.last_mut() {
            Some((_, end)) if *end + 1 == c => *end = c,
            _ => added_ranges.push((c, c)),
        }
    }
    union(ranges, &added_ranges)
}

fn insert_sorted(v: &mut Vec<u32>, x: u32) {
    if let Err(i) = v.binary_search(&x) {
        v.insert(i, x);
    }
}
