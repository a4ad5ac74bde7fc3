//! Sets of code points as sorted, disjoint, inclusive ranges, and the set algebra that character
//! classes need (union, intersection, difference, complement, case closure).
use crate::uni;
use alloc::vec::Vec;

pub type Ranges = Vec<(u32, u32)>;

pub const MAX_UNICODE: u32 = 0x10FFFF;

/// Sorts and merges overlapping or adjacent ranges.
pub fn normalize(r: &mut Ranges) {
    heap_sort(r, |a, b| a < b);
    let mut out: Ranges = Vec::with_capacity(r.len());
    for &(a, b) in r.iter() {
        match out.last_mut() {
            Some(last) if a <= last.1.saturating_add(1) => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    *r = out;
}

/// In-place heapsort by `less`: O(n log n) on any input and a few hundred bytes of code, where
/// core's sorts bring several KB per instantiation into every compiled program.
pub fn heap_sort<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    // Moves v[root] down the heap v[..end].
    let sift = |v: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && less(&v[child], &v[child + 1]) {
            child += 1;
        }
        if !less(&v[root], &v[child]) {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    for i in (0..v.len() / 2).rev() {
        sift(v, i, v.len());
    }
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

pub use uni::{contains, difference as subtract, intersection as intersect};

/// A class as the matcher tests it: ASCII members as a bitmap (one shift and mask for the common
/// case), the rest as ranges.
#[derive(Clone, PartialEq, Eq)]
pub struct CharSet {
    ascii: u128,
    ranges: Ranges,
}

impl CharSet {
    pub fn new(ranges: Ranges) -> CharSet {
        CharSet {
            ascii: ascii_bits(&ranges),
            ranges,
        }
    }

    pub fn contains(&self, c: u32) -> bool {
        if c < 128 {
            self.ascii >> c & 1 != 0
        } else {
            contains(&self.ranges, c)
        }
    }

    pub fn ranges(&self) -> &Ranges {
        &self.ranges
    }
}

/// The ASCII members of `r` as a bitmap.
pub fn ascii_bits(r: &[(u32, u32)]) -> u128 {
    r.iter()
        .filter(|&&(a, _)| a < 128)
        .fold(0, |bits, &(a, b)| {
            let b = b.min(127);
            // Bits a..=b.
            let upper = if b == 127 {
                u128::MAX
            } else {
                (1u128 << (b + 1)) - 1
            };
            bits | (upper & !((1u128 << a) - 1))
        })
}

/// The code points in `0..=max` that are not in `a`.
pub fn complement(a: &Ranges, max: u32) -> Ranges {
    subtract(&[(0, max)], a)
}

/// Adds every character that is case-equivalent (under the pattern's Canonicalize) to a member, so
/// that a case-insensitive class match becomes a plain membership test.
pub fn close_over_case(r: &mut Ranges, unicode: bool) {
    *r = if unicode {
        uni::fold_closure(r)
    } else {
        uni::non_unicode_closure(r)
    };
}

pub fn digits() -> Ranges {
    alloc::vec![(0x30, 0x39)]
}

/// `\w`; with /iu and /iv also the characters whose case folding is a word character
/// (U+017F and U+212A).
pub fn word(unicode_icase: bool) -> Ranges {
    let mut r = alloc::vec![(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)];
    if unicode_icase {
        r.push((0x17F, 0x17F));
        r.push((0x212A, 0x212A));
    }
    r
}

pub fn is_word(c: u32, unicode_icase: bool) -> bool {
    matches!(c, 0x30..=0x39 | 0x41..=0x5A | 0x5F | 0x61..=0x7A)
        || (unicode_icase && (c == 0x17F || c == 0x212A))
}

/// WhiteSpace and LineTerminator.
pub fn space() -> Ranges {
    alloc::vec![
        (0x09, 0x0D),
        (0x20, 0x20),
        (0xA0, 0xA0),
        (0x1680, 0x1680),
        (0x2000, 0x200A),
        (0x2028, 0x2029),
        (0x202F, 0x202F),
        (0x205F, 0x205F),
        (0x3000, 0x3000),
        (0xFEFF, 0xFEFF),
    ]
}

pub fn is_line_terminator(c: u32) -> bool {
    matches!(c, 0x0A | 0x0D | 0x2028 | 0x2029)
}
