//! Immutable JavaScript strings: Latin-1 when every unit fits in a byte, UTF-16 otherwise.
//!
//! Invariant: a string whose units are all below 256 is always stored as Latin-1, so equal
//! strings have equal representations (equality and hashing compare units directly).
//!
//! Concatenation results of [`ROPE_MIN_LEN`] units or more are *ropes*: a node that holds its two
//! halves and is flattened the first time its units are inspected (`flat`), as QuickJS-ng does.
//! So `s += x` in a loop costs O(|x|), not O(|s|): flattening steals the buffer of the leftmost
//! piece when nothing else holds it (its `Vec` grows by doubling), and `concat` flattens its
//! left operand at once when that is such a cheap append (`absorb_tail`), which keeps the chain
//! of a plain `s += x` loop one node deep. Everything outside this module sees only flat units:
//! a node's flat form is set once (`OnceCell`) and never changes, so borrowed slices stay valid.
//! Flattening and dropping walk ropes with explicit stacks, never recursion, so a rope a
//! million nodes deep neither overflows the native stack nor takes more than linear time.
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::cell::{Cell, OnceCell};
use core::hash::{Hash, Hasher};

/// Concatenations shorter than this are copied at once (a rope node would cost more).
const ROPE_MIN_LEN: usize = 256;
/// How far down a left spine `absorb_tail` looks for a buffer it may append to.
const ABSORB_DEPTH: usize = 8;

/// The units of a string.
enum Flat {
    Latin1(Vec<u8>),
    Utf16(Vec<u16>),
}

impl Flat {
    /// Appends `piece` (which is Latin-1 whenever `self` is).
    fn append(&mut self, piece: &Flat) {
        match (self, piece) {
            (Flat::Latin1(out), Flat::Latin1(p)) => out.extend_from_slice(p),
            (Flat::Utf16(out), Flat::Latin1(p)) => out.extend(p.iter().map(|&b| b as u16)),
            (Flat::Utf16(out), Flat::Utf16(p)) => out.extend_from_slice(p),
            // A wide piece makes the whole string wide, so `flatten` starts a UTF-16 buffer.
            (Flat::Latin1(_), Flat::Utf16(_)) => {}
        }
    }

    /// A buffer that starts with `self` and has room for `len` units of the given width.
    fn into_buffer(self, wide: bool, len: usize) -> Flat {
        match self {
            Flat::Latin1(mut v) if !wide => {
                v.reserve(len.saturating_sub(v.len()));
                Flat::Latin1(v)
            }
            Flat::Latin1(v) => {
                let mut w = Vec::with_capacity(len);
                w.extend(v.iter().map(|&b| b as u16));
                Flat::Utf16(w)
            }
            Flat::Utf16(mut v) => {
                v.reserve(len.saturating_sub(v.len()));
                Flat::Utf16(v)
            }
        }
    }

    fn empty_buffer(wide: bool, len: usize) -> Flat {
        if wide {
            Flat::Utf16(Vec::with_capacity(len))
        } else {
            Flat::Latin1(Vec::with_capacity(len))
        }
    }
}

struct Inner {
    len: usize,
    /// Some unit is 256 or above (so the flat form is UTF-16).
    wide: bool,
    /// The units; for a rope, set when it is first flattened.
    flat: OnceCell<Flat>,
    /// A rope not flattened yet: its two halves.
    parts: Cell<Option<(JsString, JsString)>>,
}

impl Drop for Inner {
    /// Frees a rope's nodes with an explicit stack (a deep rope would overflow the native one).
    fn drop(&mut self) {
        let Some((l, r)) = self.parts.take() else {
            return;
        };
        let mut stack = vec![l, r];
        while let Some(s) = stack.pop() {
            if let Ok(inner) = Rc::try_unwrap(s.0) {
                if let Some((l, r)) = inner.parts.take() {
                    stack.push(l);
                    stack.push(r);
                }
            }
        }
    }
}

#[derive(Clone)]
pub struct JsString(Rc<Inner>);

impl JsString {
    fn leaf(flat: Flat) -> JsString {
        let (len, wide) = match &flat {
            Flat::Latin1(b) => (b.len(), false),
            Flat::Utf16(u) => (u.len(), true),
        };
        JsString(Rc::new(Inner {
            len,
            wide,
            flat: OnceCell::from(flat),
            parts: Cell::new(None),
        }))
    }

    /// The units, flattening a rope the first time.
    #[inline]
    fn flat(&self) -> &Flat {
        self.0.flat.get_or_init(|| flatten(&self.0))
    }

    /// The two halves of an unflattened rope, leaving them in place.
    fn peek_parts(&self) -> Option<(JsString, JsString)> {
        let parts = self.0.parts.take();
        self.0.parts.set(parts.clone());
        parts
    }

    pub fn from_latin1(bytes: Vec<u8>) -> JsString {
        JsString::leaf(Flat::Latin1(bytes))
    }

    /// From UTF-16 units, narrowing to Latin-1 when possible.
    pub fn from_utf16(units: Vec<u16>) -> JsString {
        if units.iter().all(|&u| u < 256) {
            JsString::from_latin1(units.into_iter().map(|u| u as u8).collect())
        } else {
            JsString::leaf(Flat::Utf16(units))
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

    #[inline]
    pub fn len(&self) -> usize {
        self.0.len
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The code unit at `i` (caller checks bounds).
    pub fn at(&self, i: usize) -> u16 {
        match self.flat() {
            Flat::Latin1(b) => b[i] as u16,
            Flat::Utf16(u) => u[i],
        }
    }

    pub fn get(&self, i: usize) -> Option<u16> {
        match self.flat() {
            Flat::Latin1(b) => b.get(i).map(|&b| b as u16),
            Flat::Utf16(u) => u.get(i).copied(),
        }
    }

    pub fn as_latin1(&self) -> Option<&[u8]> {
        match self.flat() {
            Flat::Latin1(b) => Some(b),
            Flat::Utf16(_) => None,
        }
    }

    pub fn as_utf16(&self) -> Option<&[u16]> {
        match self.flat() {
            Flat::Latin1(_) => None,
            Flat::Utf16(u) => Some(u),
        }
    }

    pub fn units(&self) -> Units<'_> {
        Units {
            flat: self.flat(),
            i: 0,
        }
    }

    pub fn to_utf16(&self) -> Vec<u16> {
        self.units().collect()
    }

    /// Lossy conversion (lone surrogates become U+FFFD).
    pub fn to_rust_string(&self) -> String {
        match self.flat() {
            Flat::Latin1(b) => b.iter().map(|&c| c as char).collect(),
            Flat::Utf16(u) => char::decode_utf16(u.iter().copied())
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
        let len = self.len() + other.len();
        let wide = self.0.wide || other.0.wide;
        if len < ROPE_MIN_LEN {
            let mut out = Flat::empty_buffer(wide, len);
            out.append(self.flat());
            out.append(other.flat());
            return JsString::leaf(out);
        }
        self.absorb_tail();
        let parts = Cell::new(Some((self.clone(), other.clone())));
        JsString(Rc::new(Inner {
            len,
            wide,
            flat: OnceCell::new(),
            parts,
        }))
    }

    /// Flattens this rope now if that only appends its right-hand pieces to a buffer nobody
    /// else holds: its left spine is uniquely owned down to a flat string, its right halves
    /// flat. That is the shape `s += x` (or `s = s + a + b`) leaves, so such loops append in
    /// place instead of building a chain.
    fn absorb_tail(&self) {
        if self.0.flat.get().is_some() {
            return;
        }
        let mut node = self.clone();
        for _ in 0..ABSORB_DEPTH {
            let Some((l, r)) = node.peek_parts() else {
                return;
            };
            // 2: the parent's half and our `l`.
            if r.0.flat.get().is_none() || Rc::strong_count(&l.0) > 2 {
                return;
            }
            if l.0.flat.get().is_some() {
                drop((l, r, node));
                self.flat();
                return;
            }
            node = l;
        }
    }

    pub fn slice(&self, start: usize, end: usize) -> JsString {
        let end = end.min(self.len());
        let start = start.min(end);
        match self.flat() {
            Flat::Latin1(b) => JsString::from_latin1(b[start..end].to_vec()),
            Flat::Utf16(u) => JsString::from_units(&u[start..end]),
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

/// Builds a rope's flat form: the leftmost piece's buffer (taken over when nothing else holds
/// it, copied otherwise), then every other leaf in order.
fn flatten(node: &Inner) -> Flat {
    let Some((left, right)) = node.parts.take() else {
        return Flat::empty_buffer(node.wide, 0);
    };
    // Pieces still to append, the next one last.
    let mut pending = vec![right];
    let mut cur = left;
    let mut out = loop {
        match Rc::try_unwrap(cur.0) {
            Ok(mut inner) => {
                if let Some(f) = inner.flat.take() {
                    break f.into_buffer(node.wide, node.len);
                }
                match inner.parts.take() {
                    Some((l, r)) => {
                        pending.push(r);
                        cur = l;
                    }
                    None => break Flat::empty_buffer(node.wide, node.len),
                }
            }
            Err(rc) => {
                let s = JsString(rc);
                let mut out = Flat::empty_buffer(node.wide, node.len);
                if let Some(f) = s.0.flat.get() {
                    out.append(f);
                    break out;
                }
                match s.peek_parts() {
                    Some((l, r)) => {
                        pending.push(r);
                        cur = l;
                    }
                    None => break out,
                }
            }
        }
    };
    while let Some(s) = pending.pop() {
        if let Some(f) = s.0.flat.get() {
            out.append(f);
            continue;
        }
        let parts = match Rc::try_unwrap(s.0) {
            Ok(inner) => inner.parts.take(),
            Err(rc) => JsString(rc).peek_parts(),
        };
        if let Some((l, r)) = parts {
            pending.push(r);
            pending.push(l);
        }
    }
    out
}

pub struct Units<'a> {
    flat: &'a Flat,
    i: usize,
}

impl Iterator for Units<'_> {
    type Item = u16;
    #[inline]
    fn next(&mut self) -> Option<u16> {
        let u = match self.flat {
            Flat::Latin1(b) => *b.get(self.i)? as u16,
            Flat::Utf16(u) => *u.get(self.i)?,
        };
        self.i += 1;
        Some(u)
    }
}

impl PartialEq for JsString {
    fn eq(&self, other: &JsString) -> bool {
        if Rc::ptr_eq(&self.0, &other.0) {
            return true;
        }
        if self.len() != other.len() {
            return false;
        }
        match (self.flat(), other.flat()) {
            (Flat::Latin1(a), Flat::Latin1(b)) => a == b,
            (Flat::Utf16(a), Flat::Utf16(b)) => a == b,
            _ => false,
        }
    }
}
impl Eq for JsString {}

impl Hash for JsString {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self.flat() {
            Flat::Latin1(b) => hash_units::<u8, 8, H>(b, state),
            Flat::Utf16(u) => hash_units::<u16, 4, H>(u, state),
        }
    }
}

/// Feeds `units` to `state` a 64-bit word at a time, then their count. (Hashing them as a
/// slice would reach foldhash's byte hashing, whose `try_into().unwrap()`s bring core's
/// formatting machinery, about 3 KB, into every compiled program.)
fn hash_units<U: Copy + Into<u64>, const PER_WORD: usize, H: Hasher>(units: &[U], state: &mut H) {
    let word = |w: &[U]| w.iter().fold(0, |w, &u| (w << (64 / PER_WORD)) | u.into());
    let (words, rest) = units.as_chunks::<PER_WORD>();
    for w in words {
        state.write_u64(word(w));
    }
    state.write_u64(word(rest));
    state.write_usize(units.len());
}
impl core::fmt::Debug for JsString {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(&self.to_rust_string(), f)
    }
}

/// The longest string the runtime makes, in code units (QuickJS's limit, 2^30 - 1): longer
/// results are a RangeError instead of an allocation failure, which would abort the process.
pub const MAX_LEN: usize = (1 << 30) - 1;

/// Builds a string unit by unit (for joins and conversions). Pushes that would pass `MAX_LEN`
/// are dropped and remembered; `finish` then reports the RangeError.
#[derive(Default)]
pub struct StringBuilder {
    units: Vec<u16>,
    too_long: bool,
}

impl StringBuilder {
    pub fn new() -> Self {
        Self::default()
    }
    /// Whether `n` more units fit; otherwise marks the builder as too long.
    fn fits(&mut self, n: usize) -> bool {
        if self.too_long || self.units.len().saturating_add(n) > MAX_LEN {
            self.too_long = true;
            return false;
        }
        true
    }
    pub fn push_str(&mut self, s: &str) {
        // UTF-8 bytes bound the UTF-16 units from above.
        if self.fits(s.len()) {
            self.units.extend(s.encode_utf16());
        }
    }
    pub fn push_js(&mut self, s: &JsString) {
        if self.fits(s.len()) {
            self.units.extend(s.units());
        }
    }
    pub fn push_unit(&mut self, u: u16) {
        if self.fits(1) {
            self.units.push(u);
        }
    }
    pub fn push_char(&mut self, c: char) {
        let mut b = [0u16; 2];
        if self.fits(c.len_utf16()) {
            self.units.extend_from_slice(c.encode_utf16(&mut b));
        }
    }
    pub fn len(&self) -> usize {
        self.units.len()
    }
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }
    /// The units pushed before `MAX_LEN` was reached, for text that may be cut short (stack
    /// traces).
    pub fn finish_capped(self) -> JsString {
        JsString::from_utf16(self.units)
    }
    /// The string built, or a RangeError if it would have passed `MAX_LEN`.
    pub fn finish(self, rt: &mut crate::runtime::Runtime) -> crate::JsResult<JsString> {
        if self.too_long {
            return Err(rt.range_error("Invalid string length"));
        }
        Ok(JsString::from_utf16(self.units))
    }
}

/// A piece of a message built with [`text!`](crate::text).
pub trait TextPiece {
    fn push_to(&self, out: &mut String);
}

impl TextPiece for str {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl TextPiece for String {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl TextPiece for JsString {
    fn push_to(&self, out: &mut String) {
        out.push_str(&self.to_rust_string());
    }
}

impl TextPiece for char {
    fn push_to(&self, out: &mut String) {
        out.push(*self);
    }
}

impl TextPiece for u64 {
    /// In decimal.
    fn push_to(&self, out: &mut String) {
        qjs_bytecode::decimal::push(out, *self);
    }
}

impl TextPiece for u32 {
    fn push_to(&self, out: &mut String) {
        u64::from(*self).push_to(out);
    }
}

impl TextPiece for u16 {
    fn push_to(&self, out: &mut String) {
        u64::from(*self).push_to(out);
    }
}

impl TextPiece for qjs_bytecode::serialize::LoadError {
    fn push_to(&self, out: &mut String) {
        out.push_str(&self.message());
    }
}

impl TextPiece for usize {
    fn push_to(&self, out: &mut String) {
        (*self as u64).push_to(out);
    }
}

impl<T: TextPiece + ?Sized> TextPiece for &T {
    fn push_to(&self, out: &mut String) {
        (**self).push_to(out);
    }
}

/// Concatenates message pieces (`&str`, `String`, `JsString`, unsigned integers in decimal):
/// `text!("cannot read property '", key, "' of ", what)`. Used instead of `format!` on the
/// paths every program links, which would otherwise bring core's formatting machinery
/// (about 4 KB) into every compiled program.
#[macro_export]
macro_rules! text {
    ($($piece:expr),* $(,)?) => {
        $crate::string::join_pieces(&[$( &$piece as &dyn $crate::string::TextPiece ),*])
    };
}

/// What [`text!`](crate::text) expands to: one call per message, whatever its pieces.
pub fn join_pieces(pieces: &[&dyn TextPiece]) -> String {
    let mut out = String::new();
    for p in pieces {
        p.push_to(&mut out);
    }
    out
}

/// `format!` for the runtime (for what `text!` cannot say, such as padded numbers). `alloc::format!` calls `alloc::fmt::format_inner`, which comes
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

#[cfg(test)]
mod tests {
    #[test]
    fn text_joins_pieces_and_writes_integers_in_decimal() {
        let key = alloc::string::String::from("x");
        let js = super::JsString::from_str("ü");
        let msg = crate::text!(
            "'",
            key,
            "' ",
            js,
            ' ',
            0u32,
            " ",
            1234567u64,
            " ",
            usize::MAX
        );
        assert_eq!(msg, "'x' ü 0 1234567 18446744073709551615");
        let e = qjs_bytecode::serialize::LoadError::Invalid("jump target", 3, 17);
        assert_eq!(
            crate::text!(e),
            "invalid bytecode: jump target (function 3, offset 17)"
        );
    }
}
