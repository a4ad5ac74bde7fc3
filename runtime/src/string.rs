//! Immutable JavaScript strings: Latin-1 when every unit fits in a byte, UTF-16 otherwise.
//!
//! Invariant: a string whose units are all below 256 is always stored as Latin-1, so equal
//! strings have equal representations (equality and hashing compare units directly).
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::hash::{Hash, Hasher};

enum Repr {
    Latin1(Vec<u8>),
    Utf16(Vec<u16>),
}

#[derive(Clone)]
pub struct JsString(Rc<Repr>);

impl JsString {
    pub fn from_latin1(bytes: Vec<u8>) -> JsString {
        JsString(Rc::new(Repr::Latin1(bytes)))
    }

    /// From UTF-16 units, narrowing to Latin-1 when possible.
    pub fn from_utf16(units: Vec<u16>) -> JsString {
        if units.iter().all(|&u| u < 256) {
            JsString::from_latin1(units.into_iter().map(|u| u as u8).collect())
        } else {
            JsString(Rc::new(Repr::Utf16(units)))
        }
    }

    pub fn from_units(units: &[u16]) -> JsString {
        JsString::from_utf16(units.to_vec())
    }

    #[allow(clippy::should_implement_trait)]
    pub fn from_str(s: &str) -> JsString {
        if s.is_ascii() {
            JsString::from_latin1(s.as_bytes().to_vec())
        } else {
            JsString::from_utf16(s.encode_utf16().collect())
        }
    }

    pub fn empty() -> JsString {
        JsString::from_latin1(Vec::new())
    }

    pub fn len(&self) -> usize {
        match &*self.0 {
            Repr::Latin1(b) => b.len(),
            Repr::Utf16(u) => u.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The code unit at `i` (caller checks bounds).
    pub fn at(&self, i: usize) -> u16 {
        match &*self.0 {
            Repr::Latin1(b) => b[i] as u16,
            Repr::Utf16(u) => u[i],
        }
    }

    pub fn get(&self, i: usize) -> Option<u16> {
        (i < self.len()).then(|| self.at(i))
    }

    pub fn as_latin1(&self) -> Option<&[u8]> {
        match &*self.0 {
            Repr::Latin1(b) => Some(b),
            Repr::Utf16(_) => None,
        }
    }

    pub fn as_utf16(&self) -> Option<&[u16]> {
        match &*self.0 {
            Repr::Latin1(_) => None,
            Repr::Utf16(u) => Some(u),
        }
    }

    pub fn units(&self) -> Units<'_> {
        Units { s: self, i: 0 }
    }

    pub fn to_utf16(&self) -> Vec<u16> {
        self.units().collect()
    }

    /// Lossy conversion (lone surrogates become U+FFFD).
    pub fn to_rust_string(&self) -> String {
        match &*self.0 {
            Repr::Latin1(b) => b.iter().map(|&c| c as char).collect(),
            Repr::Utf16(u) => char::decode_utf16(u.iter().copied())
                .map(|c| c.unwrap_or('\u{fffd}'))
                .collect(),
        }
    }

    pub fn concat(&self, other: &JsString) -> JsString {
        if other.is_empty() {
            return self.clone();
        }
        if self.is_empty() {
            return other.clone();
        }
        match (&*self.0, &*other.0) {
            (Repr::Latin1(a), Repr::Latin1(b)) => {
                let mut v = Vec::with_capacity(a.len() + b.len());
                v.extend_from_slice(a);
                v.extend_from_slice(b);
                JsString::from_latin1(v)
            }
            _ => {
                let mut v = Vec::with_capacity(self.len() + other.len());
                v.extend(self.units());
                v.extend(other.units());
                JsString(Rc::new(Repr::Utf16(v)))
            }
        }
    }

    pub fn slice(&self, start: usize, end: usize) -> JsString {
        let end = end.min(self.len());
        let start = start.min(end);
        match &*self.0 {
            Repr::Latin1(b) => JsString::from_latin1(b[start..end].to_vec()),
            Repr::Utf16(u) => JsString::from_units(&u[start..end]),
        }
    }

    /// Index of `needle` at or after `from`.
    pub fn find(&self, needle: &JsString, from: usize) -> Option<usize> {
        let (n, m) = (self.len(), needle.len());
        if m > n {
            return None;
        }
        (from..=n - m).find(|&i| (0..m).all(|j| self.at(i + j) == needle.at(j)))
    }

    /// Index of the last `needle` starting at or before `from`.
    pub fn rfind(&self, needle: &JsString, from: usize) -> Option<usize> {
        let (n, m) = (self.len(), needle.len());
        if m > n {
            return None;
        }
        (0..=from.min(n - m))
            .rev()
            .find(|&i| (0..m).all(|j| self.at(i + j) == needle.at(j)))
    }

    pub fn ptr_eq(&self, other: &JsString) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// Code-unit order (the spec's IsLessThan for strings).
    pub fn cmp_units(&self, other: &JsString) -> core::cmp::Ordering {
        self.units().cmp(other.units())
    }

    /// Parses a canonical array index ("0", "17"; not "01" or "4294967295").
    pub fn to_array_index(&self) -> Option<u32> {
        let n = self.len();
        if n == 0 || n > 10 {
            return None;
        }
        if n > 1 && self.at(0) == b'0' as u16 {
            return None;
        }
        let mut v: u64 = 0;
        for u in self.units() {
            if !(b'0' as u16..=b'9' as u16).contains(&u) {
                return None;
            }
            v = v * 10 + (u - b'0' as u16) as u64;
        }
        (v < u32::MAX as u64).then_some(v as u32)
    }
}

pub struct Units<'a> {
    s: &'a JsString,
    i: usize,
}

impl Iterator for Units<'_> {
    type Item = u16;
    #[inline]
    fn next(&mut self) -> Option<u16> {
        let u = self.s.get(self.i)?;
        self.i += 1;
        Some(u)
    }
}

impl PartialEq for JsString {
    fn eq(&self, other: &JsString) -> bool {
        if Rc::ptr_eq(&self.0, &other.0) {
            return true;
        }
        match (&*self.0, &*other.0) {
            (Repr::Latin1(a), Repr::Latin1(b)) => a == b,
            (Repr::Utf16(a), Repr::Utf16(b)) => a == b,
            _ => false,
        }
    }
}
impl Eq for JsString {}

impl Hash for JsString {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match &*self.0 {
            Repr::Latin1(b) => b.hash(state),
            Repr::Utf16(u) => u.hash(state),
        }
    }
}

impl core::fmt::Debug for JsString {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(&self.to_rust_string(), f)
    }
}

/// Builds a string unit by unit (for joins and conversions).
#[derive(Default)]
pub struct StringBuilder {
    units: Vec<u16>,
}

impl StringBuilder {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn push_str(&mut self, s: &str) {
        self.units.extend(s.encode_utf16());
    }
    pub fn push_js(&mut self, s: &JsString) {
        self.units.extend(s.units());
    }
    pub fn push_unit(&mut self, u: u16) {
        self.units.push(u);
    }
    pub fn push_char(&mut self, c: char) {
        let mut b = [0u16; 2];
        self.units.extend_from_slice(c.encode_utf16(&mut b));
    }
    pub fn len(&self) -> usize {
        self.units.len()
    }
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }
    pub fn finish(self) -> JsString {
        JsString::from_utf16(self.units)
    }
}

/// `format!` for the runtime. `alloc::format!` calls `alloc::fmt::format_inner`, which comes
/// precompiled with unwinding: its landing pad references `_Unwind_Resume` and so links
/// libgcc_s into every compiled program. This function is compiled with the archive's panic
/// strategy (abort), so it has no landing pad. Use it through `crate::format!`.
pub fn format(args: core::fmt::Arguments<'_>) -> String {
    let mut s = String::new();
    let _ = core::fmt::Write::write_fmt(&mut s, args);
    s
}

/// `format!` without libgcc_s (see [`format`]).
#[macro_export]
macro_rules! format {
    ($($t:tt)*) => {
        $crate::string::format(core::format_args!($($t)*))
    };
}
