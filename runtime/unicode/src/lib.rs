//! Unicode 17.0.0 tables for the regexp engine (property escapes, case-insensitive matching,
//! group names). API skeleton: the generated tables land in the next commit.
#![no_std]

extern crate alloc;

use alloc::vec::Vec;

/// Sorted, non-overlapping, inclusive code point ranges.
pub type Ranges = Vec<(u32, u32)>;

/// Simple case folding (CaseFolding.txt status C and S), identity when none: used by /iu and /iv Canonicalize.
pub fn simple_case_fold(c: u32) -> u32 {
    c
}

/// Calls `f` for every code point (other than c) whose simple_case_fold equals simple_case_fold(c).
pub fn for_each_fold_equivalent(c: u32, f: impl FnMut(u32)) {
    let _ = (c, f);
}

/// Non-unicode /i Canonicalize (ECMA-262 22.2.2.7.3 with rer.[[Unicode]] false).
pub fn canonicalize_non_unicode(c: u16) -> u16 {
    c
}

/// Every code unit (other than c) whose canonicalize_non_unicode equals c's.
pub fn for_each_non_unicode_equivalent(c: u16, f: impl FnMut(u16)) {
    let _ = (c, f);
}

/// \p{Name} for lone names (binary properties and General_Category values).
pub fn lone_property(name: &str) -> Option<Ranges> {
    let _ = name;
    None
}

/// \p{Name=Value} for General_Category/gc, Script/sc, Script_Extensions/scx.
pub fn property_value(name: &str, value: &str) -> Option<Ranges> {
    let _ = (name, value);
    None
}

/// /v-mode properties of strings: single code points as ranges plus multi-code-point strings.
pub fn string_property(name: &str) -> Option<(Ranges, Vec<Vec<u32>>)> {
    let _ = name;
    None
}

/// ID_Start, for group names.
pub fn is_id_start(c: u32) -> bool {
    (c as u8 as u32 == c) && (c as u8).is_ascii_alphabetic()
}

/// ID_Continue, for group names.
pub fn is_id_continue(c: u32) -> bool {
    (c as u8 as u32 == c) && ((c as u8).is_ascii_alphanumeric() || c == u32::from(b'_'))
}
