//! TEMPORARY Latin-1 fallback for the Unicode data, with the API of `qjs-unicode`; replaced by
//! that crate when it lands on main.
use alloc::vec::Vec;

pub type Ranges = Vec<(u32, u32)>;

pub fn simple_case_fold(c: u32) -> u32 {
    match c {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => c + 0x20,
        0xB5 => 0x3BC,
        _ => c,
    }
}

pub fn for_each_fold_equivalent(c: u32, mut f: impl FnMut(u32)) {
    let k = simple_case_fold(c);
    for x in [k, k.wrapping_sub(0x20), 0xB5, 0x39C, 0x3BC] {
        if x != c && simple_case_fold(x) == k {
            f(x);
        }
    }
}

pub fn canonicalize_non_unicode(c: u16) -> u16 {
    match c {
        0x61..=0x7A | 0xE0..=0xF6 | 0xF8..=0xFE => c - 0x20,
        0xB5 => 0x39C,
        0xFF => 0x178,
        _ => c,
    }
}

pub fn for_each_non_unicode_equivalent(c: u16, mut f: impl FnMut(u16)) {
    let k = canonicalize_non_unicode(c);
    for x in [k, k.wrapping_add(0x20), 0xB5, 0x39C, 0x3BC, 0xFF, 0x178] {
        if x != c && canonicalize_non_unicode(x) == k {
            f(x);
        }
    }
}

pub fn lone_property(name: &str) -> Option<Ranges> {
    match name {
        "ASCII" => Some(alloc::vec![(0, 0x7F)]),
        "Any" => Some(alloc::vec![(0, 0x10FFFF)]),
        _ => None,
    }
}

pub fn property_value(_name: &str, _value: &str) -> Option<Ranges> {
    None
}

#[allow(clippy::type_complexity)]
pub fn string_property(_name: &str) -> Option<(Ranges, Vec<Vec<u32>>)> {
    None
}

pub fn is_id_start(c: u32) -> bool {
    char::from_u32(c).is_some_and(|c| {
        c.is_ascii_alphabetic() || c == '$' || c == '_' || (c as u32 > 0x7F && c.is_alphabetic())
    })
}

pub fn is_id_continue(c: u32) -> bool {
    is_id_start(c)
        || char::from_u32(c).is_some_and(|c| {
            c.is_ascii_digit()
                || c == '\u{200C}'
                || c == '\u{200D}'
                || (c as u32 > 0x7F && c.is_alphanumeric())
        })
}

fn closure(ranges: &[(u32, u32)], max: u32, mut each: impl FnMut(u32, &mut Ranges)) -> Ranges {
    let mut out: Ranges = ranges.to_vec();
    for &(a, b) in ranges {
        for c in a..=b.min(max) {
            each(c, &mut out);
        }
    }
    out.sort_unstable();
    let mut merged: Ranges = Vec::new();
    for (a, b) in out {
        match merged.last_mut() {
            Some(l) if a <= l.1.saturating_add(1) => l.1 = l.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

pub fn fold_closure(ranges: &[(u32, u32)]) -> Ranges {
    closure(ranges, 0x10FFFF, |c, out| {
        for_each_fold_equivalent(c, |x| out.push((x, x)))
    })
}

pub fn non_unicode_closure(ranges: &[(u32, u32)]) -> Ranges {
    closure(ranges, 0xFFFF, |c, out| {
        for_each_non_unicode_equivalent(c as u16, |x| out.push((x.into(), x.into())))
    })
}
