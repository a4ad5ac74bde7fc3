//! Code point sets as sorted inclusive ranges: the varint codec of the tables and set algebra
//! (also offered to the regexp engine for class operations).

use crate::Ranges;
use alloc::vec::Vec;

/// Reads the LEB128 varints of a table. Truncated or overlong data ends the stream (`None`)
/// instead of panicking; the generator guarantees neither happens in the committed tables.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes }
    }

    pub(crate) fn varint(&mut self) -> Option<u32> {
        let mut value: u32 = 0;
        let mut shift = 0;
        while let Some((&byte, rest)) = self.bytes.split_first() {
            self.bytes = rest;
            value |= u32::from(byte & 0x7f).checked_shl(shift)?;
            if byte < 0x80 {
                return Some(value);
            }
            shift += 7;
        }
        None
    }

    /// The bytes not read yet.
    pub(crate) fn rest(&self) -> &'a [u8] {
        self.bytes
    }

    pub(crate) fn skip(&mut self, n: usize) {
        self.bytes = self.bytes.get(n..).unwrap_or_default();
    }
}

/// Decodes a set stream: (gap since the previous range's end + 1, length - 1) varint pairs.
pub(crate) fn decode_set(bytes: &[u8]) -> Ranges {
    let mut out = Vec::new();
    let mut reader = Reader::new(bytes);
    let mut next = 0u32;
    while let (Some(gap), Some(len)) = (reader.varint(), reader.varint()) {
        let start = next.saturating_add(gap);
        let end = start.saturating_add(len);
        out.push((start, end));
        next = end.saturating_add(1);
    }
    out
}

/// Iterates a run table over 0..=0x10FFFF (varints `(run length - 1) << bits | class`) as
/// (first, last, class).
pub(crate) fn runs(bytes: &[u8], bits: u32) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
    let mut reader = Reader::new(bytes);
    let mut start = 0u32;
    core::iter::from_fn(move || {
        let v = reader.varint()?;
        let run = (
            start,
            start.saturating_add(v >> bits),
            v & ((1 << bits) - 1),
        );
        start = run.1.saturating_add(1);
        Some(run)
    })
}

/// Appends a range after the last one, merging when they touch.
pub(crate) fn push_merged(out: &mut Ranges, start: u32, end: u32) {
    if let Some(last) = out.last_mut() {
        if last.1.checked_add(1) == Some(start) {
            last.1 = end;
            return;
        }
    }
    out.push((start, end));
}

/// Boundary sweep over two sets: a code point is in the result when bit `2 * in_a + in_b` of
/// `keep` is set (a truth table rather than a closure, so there is one copy of this code).
#[inline(never)]
fn combine(a: &[(u32, u32)], b: &[(u32, u32)], keep: u8) -> Ranges {
    // Boundaries as half-open edges: a range (s, e) toggles membership at s and at e + 1; edge
    // k of a set is its range k / 2's start (even k) or end + 1 (odd k).
    let edge = |r: &[(u32, u32)], k: usize| {
        r.get(k / 2).map(|&(s, e)| {
            if k.is_multiple_of(2) {
                u64::from(s)
            } else {
                u64::from(e) + 1
            }
        })
    };
    let (mut i, mut j) = (0, 0);
    let (mut in_a, mut in_b) = (false, false);
    let mut start: Option<u64> = None;
    let mut out = Vec::new();
    loop {
        let x = match (edge(a, i), edge(b, j)) {
            (Some(p), Some(q)) => p.min(q),
            (Some(p), None) => p,
            (None, Some(q)) => q,
            (None, None) => break,
        };
        while edge(a, i) == Some(x) {
            in_a = !in_a;
            i += 1;
        }
        while edge(b, j) == Some(x) {
            in_b = !in_b;
            j += 1;
        }
        let index = 2 * u8::from(in_a) + u8::from(in_b);
        match (keep >> index & 1 != 0, start) {
            (true, None) => start = Some(x),
            (false, Some(s)) => {
                // Code points are at most 0x10FFFF, so x - 1 fits in u32.
                push_merged(&mut out, s as u32, (x - 1) as u32);
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The code points in `a` or in `b`.
pub fn union(a: &[(u32, u32)], b: &[(u32, u32)]) -> Ranges {
    combine(a, b, 0b1110)
}

/// The code points in both `a` and `b`.
pub fn intersection(a: &[(u32, u32)], b: &[(u32, u32)]) -> Ranges {
    combine(a, b, 0b1000)
}

pub(crate) fn xor(a: &[(u32, u32)], b: &[(u32, u32)]) -> Ranges {
    combine(a, b, 0b0110)
}

/// The code points in `a` but not in `b`.
pub fn difference(a: &[(u32, u32)], b: &[(u32, u32)]) -> Ranges {
    combine(a, b, 0b0100)
}

/// Whether `c` is in the set.
pub fn contains(r: &[(u32, u32)], c: u32) -> bool {
    let i = r.partition_point(|&(_, e)| e < c);
    r.get(i).is_some_and(|&(s, _)| s <= c)
}
