//! Unicode normalization (UAX #15): NFC, NFD, NFKC, NFKD over code points, for
//! String.prototype.normalize. The tables (`norm_tables.rs`, formats in gen/normalization.mjs)
//! are fixed-width sorted arrays searched in place, so nothing is decoded or allocated up front;
//! a program that never normalizes links none of them.
use crate::norm_tables::{BLOCK, CCC, COMPOSE, DECOMP, DECOMP_BLOCKS, DECOMP_DATA};
use alloc::vec::Vec;

/// A normalization form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Nfc,
    Nfd,
    Nfkc,
    Nfkd,
}

impl Form {
    /// The form named "NFC", "NFD", "NFKC" or "NFKD".
    pub fn from_name(name: &[u16]) -> Option<Form> {
        let is = |s: &str| s.encode_utf16().eq(name.iter().copied());
        [
            ("NFC", Form::Nfc),
            ("NFD", Form::Nfd),
            ("NFKC", Form::Nfkc),
            ("NFKD", Form::Nfkd),
        ]
        .into_iter()
        .find(|(n, _)| is(n))
        .map(|(_, f)| f)
    }

    fn compat(self) -> bool {
        matches!(self, Form::Nfkc | Form::Nfkd)
    }

    fn composed(self) -> bool {
        matches!(self, Form::Nfc | Form::Nfkc)
    }

    /// Code points below this are left alone by the form (Latin-1 characters decompose under
    /// NFD from U+00C0 and under NFKD from U+00A0; the first combining mark is U+0300).
    pub fn first_affected(self) -> u32 {
        match self {
            Form::Nfc => 0x300,
            Form::Nfd => 0xC0,
            Form::Nfkc | Form::Nfkd => 0xA0,
        }
    }
}

// Hangul syllables compose and decompose algorithmically (Unicode 3.12).
const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const L_COUNT: u32 = 19;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
const S_COUNT: u32 = L_COUNT * V_COUNT * T_COUNT;

/// Canonical_Combining_Class of `c`.
pub fn combining_class(c: u32) -> u8 {
    if c < 0x300 {
        return 0;
    }
    match CCC.partition_point(|&e| e >> 8 <= c) {
        0 => 0,
        i => CCC.get(i - 1).map_or(0, |&e| (e & 0xFF) as u8),
    }
}

/// The one-level mapping of `c`: whether it is a compatibility mapping, and its code points
/// (at most 18, U+FDFA's).
struct Mapping {
    compat: bool,
    len: usize,
    cps: [u32; 18],
}

fn mapping_at(index: usize, c: u32) -> Option<Mapping> {
    let key = *DECOMP.get(index)?;
    let (start, extra) = (key >> 11, (key >> 6) & 31);
    if c < start || c > start + extra {
        return None;
    }
    let block = index / BLOCK;
    let mut off = usize::from(*DECOMP_BLOCKS.get(block)?);
    for k in DECOMP.get(block * BLOCK..index)? {
        off += (k & 31) as usize;
    }
    let units = DECOMP_DATA.get(off..off + (key & 31) as usize)?;
    let mut m = Mapping {
        compat: key & 32 != 0,
        len: 0,
        cps: [0; 18],
    };
    for (slot, ch) in m
        .cps
        .iter_mut()
        .zip(char::decode_utf16(units.iter().copied()))
    {
        *slot = ch.map_or(0xFFFD, u32::from);
        m.len += 1;
    }
    if let Some(first) = m.cps.first_mut() {
        *first += c - start;
    }
    Some(m)
}

fn mapping(c: u32) -> Option<Mapping> {
    match DECOMP.partition_point(|&k| k >> 11 <= c) {
        0 => None,
        i => mapping_at(i - 1, c),
    }
}

/// Appends the full decomposition of `c` (canonical, or compatibility when `compat`).
fn decompose(c: u32, compat: bool, out: &mut Vec<u32>) {
    if (S_BASE..S_BASE + S_COUNT).contains(&c) {
        let s = c - S_BASE;
        out.push(L_BASE + s / (V_COUNT * T_COUNT));
        out.push(V_BASE + (s % (V_COUNT * T_COUNT)) / T_COUNT);
        if !s.is_multiple_of(T_COUNT) {
            out.push(T_BASE + s % T_COUNT);
        }
        return;
    }
    match mapping(c) {
        // Recursion depth is bounded by the tables (mappings nest at most four deep).
        Some(m) if compat || !m.compat => {
            for &d in m.cps.get(..m.len).unwrap_or(&[]) {
                decompose(d, compat, out);
            }
        }
        _ => out.push(c),
    }
}

/// The primary composite of the pair (a, b), if any.
fn compose_pair(a: u32, b: u32) -> Option<u32> {
    if (L_BASE..L_BASE + L_COUNT).contains(&a) && (V_BASE..V_BASE + V_COUNT).contains(&b) {
        return Some(S_BASE + ((a - L_BASE) * V_COUNT + (b - V_BASE)) * T_COUNT);
    }
    if (S_BASE..S_BASE + S_COUNT).contains(&a)
        && (a - S_BASE).is_multiple_of(T_COUNT)
        && b > T_BASE
        && b < T_BASE + T_COUNT
    {
        return Some(a + (b - T_BASE));
    }
    let pair = |i: u16| {
        let cp = DECOMP.get(usize::from(i)).map_or(0, |k| k >> 11);
        mapping_at(usize::from(i), cp).map_or((0, 0, cp), |m| (m.cps[0], m.cps[1], cp))
    };
    let i = COMPOSE.partition_point(|&i| {
        let (x, y, _) = pair(i);
        (x, y) < (a, b)
    });
    let (x, y, cp) = pair(*COMPOSE.get(i)?);
    ((x, y) == (a, b)).then_some(cp)
}

/// Canonical ordering: every run of non-starters sorted (stably) by combining class.
fn reorder(cps: &mut [u32]) {
    let mut i = 0;
    while i < cps.len() {
        let run = cps
            .get(i..)
            .unwrap_or(&[])
            .iter()
            .take_while(|&&c| combining_class(c) != 0)
            .count();
        if run > 1 {
            if let Some(r) = cps.get_mut(i..i + run) {
                r.sort_by_key(|&c| combining_class(c));
            }
        }
        i += run.max(1);
    }
}

/// Canonical composition of a canonically ordered, decomposed sequence, in place.
fn compose(cps: &mut Vec<u32>) {
    let mut len = 0;
    let mut starter: Option<usize> = None;
    let mut last_class = 0;
    for i in 0..cps.len() {
        let c = cps[i];
        let class = combining_class(c);
        if let Some(s) = starter {
            // c is blocked from the starter by a character in between whose class is 0 or at
            // least c's.
            let adjacent = len == s + 1;
            if adjacent || (last_class != 0 && last_class < class) {
                if let Some(p) = compose_pair(cps[s], c) {
                    cps[s] = p;
                    continue;
                }
            }
        }
        if class == 0 {
            starter = Some(len);
        }
        last_class = class;
        cps[len] = c;
        len += 1;
    }
    cps.truncate(len);
}

/// `input` normalized to `form`. Values that are not scalar values (lone surrogates) pass
/// through unchanged, as characters of class 0 without decompositions.
pub fn normalize(input: impl IntoIterator<Item = u32>, form: Form) -> Vec<u32> {
    let mut out = Vec::new();
    for c in input {
        decompose(c, form.compat(), &mut out);
    }
    reorder(&mut out);
    if form.composed() {
        compose(&mut out);
    }
    out
}
