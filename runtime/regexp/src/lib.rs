//! ECMAScript (ES2025) regular expressions for the qjs engine: the pattern parser (with the
//! Annex B web grammar outside /u and /v), a compiler to a flat instruction program, and a
//! backtracking matcher whose state lives on an explicit, bounded stack. Subjects are matched in
//! place as Latin-1 bytes or UTF-16 units.
#![no_std]
extern crate alloc;

mod class;
mod compile;
mod encode;
mod exec;
mod parse;

use qjs_unicode as uni;

use alloc::vec::Vec;
pub use exec::{ExecError, Scratch, Unit, DEFAULT_STACK_LIMIT};

/// The flags of a regular expression (`dgimsuvy`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    pub has_indices: bool,
    pub global: bool,
    pub ignore_case: bool,
    pub multiline: bool,
    pub dot_all: bool,
    pub unicode: bool,
    pub unicode_sets: bool,
    pub sticky: bool,
}

impl Flags {
    /// Parses a flags string; None if a character is unknown or repeated, or both u and v appear.
    pub fn parse(chars: impl IntoIterator<Item = u32>) -> Option<Flags> {
        let mut f = Flags::default();
        for c in chars {
            let slot = match char::from_u32(c)? {
                'd' => &mut f.has_indices,
                'g' => &mut f.global,
                'i' => &mut f.ignore_case,
                'm' => &mut f.multiline,
                's' => &mut f.dot_all,
                'u' => &mut f.unicode,
                'v' => &mut f.unicode_sets,
                'y' => &mut f.sticky,
                _ => return None,
            };
            if core::mem::replace(slot, true) {
                return None;
            }
        }
        (!(f.unicode && f.unicode_sets)).then_some(f)
    }
}

/// The most capture groups a pattern may have (as V8); beyond it the pattern is a SyntaxError.
pub const MAX_CAPTURES: u32 = 1 << 16;

/// A syntax error in a pattern: what, and where (offset in UTF-16 code units).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Error {
    pub message: &'static str,
    pub offset: usize,
}

/// A group name (UTF-16) and the numbers of the groups that carry it (several when the same name
/// is used in different alternatives).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupName {
    pub name: Vec<u16>,
    pub groups: Vec<u32>,
}

/// A compiled regular expression.
#[derive(Clone)]
pub struct Regex {
    prog: compile::Program,
    /// Number of capture groups including group 0 (the whole match).
    capture_count: usize,
    names: Vec<GroupName>,
    flags: Flags,
}

impl Regex {
    /// Parses and compiles `pattern` (UTF-16 code units).
    pub fn new(pattern: &[u16], flags: Flags) -> Result<Regex, Error> {
        let parsed = parse::parse(pattern, flags)?;
        let unicode = flags.unicode || flags.unicode_sets;
        let prog = compile::compile(&parsed.node, &parsed.names, unicode);
        Ok(Regex {
            prog,
            capture_count: parsed.capture_count as usize + 1,
            names: parsed.names,
            flags,
        })
    }

    /// Checks a pattern's syntax without keeping the compiled form.
    pub fn validate(pattern: &[u16], flags: Flags) -> Result<(), Error> {
        parse::parse(pattern, flags).map(|_| ())
    }

    /// Capture groups including group 0.
    pub fn capture_count(&self) -> usize {
        self.capture_count
    }

    /// Named groups in order of first appearance.
    pub fn group_names(&self) -> &[GroupName] {
        &self.names
    }

    pub fn flags(&self) -> Flags {
        self.flags
    }

    /// The same pattern with other flags, when they compile to the same program: only `d`, `g`
    /// and `y` may differ (`new RegExp(re, flags)` and `split`'s sticky copy then need no
    /// compiler).
    pub fn with_flags(&self, flags: Flags) -> Option<Regex> {
        let program_flags = |f: Flags| Flags {
            has_indices: false,
            global: false,
            sticky: false,
            ..f
        };
        (program_flags(flags) == program_flags(self.flags)).then(|| Regex {
            flags,
            ..self.clone()
        })
    }
}

#[cfg(test)]
mod tests;
