//! Bytes ⇄ [`Program`]. Layout (all integers in the byte order given by the header):
//!
//! ```text
//! header:   magic "QJSB", version u16, flags u16 (bit 0: big endian), features u32
//! atoms:    count u32, then per atom: kind u8 (0 Latin-1, 1 UTF-16), length u32, units
//! functions: count u32, then per function: name u32, filename u32, flags u16, param_count u16,
//!           length u16, local_count u16, stack_size u16, line u32, column u32,
//!           captures (count u32, then kind u8 + index u16 each),
//!           constants (count u32, then tag u8 + f64 bits u64 | atom u32 | function u32 |
//!           atom u32 of a BigInt's hex digits | regexp u32),
//!           code (length u32, bytes), lines (count u32, then pc u32, line u32, column u32)
//! regexps:  count u32, then per literal: source atom u32, flags atom u32, program (length u32,
//!           bytes in qjs-regexp's own encoding)
//! main:     u32
//! module:   u8 (0 script, 1 module), then for a module: env (count u32, kind u8 each),
//!           requests (count u32, then specifier u32, attributes (count u32, key u32 value u32)),
//!           imports (count u32, then request u32, name u32 (u32::MAX: namespace), slot u16),
//!           local exports (count u32, then name u32, slot u16), indirect exports (count u32,
//!           then name u32, request u32, import u32 (u32::MAX: `* as name`)), star exports
//!           (count u32, request u32 each), functions (count u32, then slot u16, function u32)
//! source:   length u32, the UTF-8 bytes; when not empty, per function its range (start u32,
//!           end u32) (a program without its source text pays only the length)
//! ```
//! Instruction operands inside `code` are always little endian; only the container fields follow
//! the header's byte order (`-x` output).
use crate::program::*;
use crate::verify;
use alloc::string::String;
use alloc::vec::Vec;

pub const MAGIC: &[u8; 4] = b"QJSB";
pub const VERSION: u16 = 5;
/// `None` in an optional atom field.
const NO_ATOM: u32 = u32::MAX;
const FLAG_BIG_ENDIAN: u16 = 1;

/// Why bytes could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    BadMagic,
    UnsupportedVersion(u16),
    Truncated,
    /// Structurally valid but rejected by the verifier: what and where.
    Invalid(&'static str, u32, u32),
}

impl LoadError {
    /// The message, put together without core::fmt (which a runtime that reports this error
    /// would otherwise link only for it).
    pub fn message(&self) -> String {
        let mut m = String::new();
        match self {
            LoadError::BadMagic => m.push_str("not a bytecode file (bad magic)"),
            LoadError::UnsupportedVersion(v) => {
                m.push_str("unsupported bytecode version ");
                crate::decimal::push(&mut m, u64::from(*v));
            }
            LoadError::Truncated => m.push_str("truncated bytecode"),
            LoadError::Invalid(what, func, pc) => {
                m.push_str("invalid bytecode: ");
                m.push_str(what);
                m.push_str(" (function ");
                crate::decimal::push(&mut m, u64::from(*func));
                m.push_str(", offset ");
                crate::decimal::push(&mut m, u64::from(*pc));
                m.push(')');
            }
        }
        m
    }
}

impl core::fmt::Display for LoadError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.message())
    }
}

struct Writer {
    out: Vec<u8>,
    big: bool,
}

impl Writer {
    fn u8(&mut self, v: u8) {
        self.out.push(v);
    }
    fn u16(&mut self, v: u16) {
        let b = if self.big {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        };
        self.out.extend_from_slice(&b);
    }
    fn u32(&mut self, v: u32) {
        let b = if self.big {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        };
        self.out.extend_from_slice(&b);
    }
    fn u64(&mut self, v: u64) {
        let b = if self.big {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        };
        self.out.extend_from_slice(&b);
    }
    fn len(&mut self, n: usize) {
        self.u32(n as u32);
    }
}

/// Serializes a program; `big_endian` selects the container byte order (qjsc `-x`).
pub fn write(p: &Program, big_endian: bool) -> Vec<u8> {
    let mut w = Writer {
        out: Vec::new(),
        big: big_endian,
    };
    w.out.extend_from_slice(MAGIC);
    w.u16(VERSION);
    w.u16(if big_endian { FLAG_BIG_ENDIAN } else { 0 });
    w.u32(p.features);
    w.len(p.atoms.len());
    for a in &p.atoms {
        let latin1 = a.iter().all(|&u| u < 256);
        w.u8(if latin1 { 0 } else { 1 });
        w.len(a.len());
        for &u in a {
            if latin1 {
                w.u8(u as u8)
            } else {
                w.u16(u)
            }
        }
    }
    w.len(p.functions.len());
    for f in &p.functions {
        w.u32(f.name);
        w.u32(f.filename);
        w.u16(f.flags);
        w.u16(f.param_count);
        w.u16(f.length);
        w.u16(f.local_count);
        w.u16(f.stack_size);
        w.u32(f.line);
        w.u32(f.column);
        w.len(f.captures.len());
        for c in &f.captures {
            let (k, i) = match *c {
                Capture::Local(i) => (0, i),
                Capture::Var(i) => (1, i),
            };
            w.u8(k);
            w.u16(i);
        }
        w.len(f.constants.len());
        for c in &f.constants {
            match *c {
                Constant::Number(n) => {
                    w.u8(0);
                    w.u64(n.to_bits())
                }
                Constant::String(a) => {
                    w.u8(1);
                    w.u32(a)
                }
                Constant::Function(i) => {
                    w.u8(2);
                    w.u32(i)
                }
                Constant::BigInt(a) => {
                    w.u8(3);
                    w.u32(a)
                }
                Constant::RegExp(i) => {
                    w.u8(4);
                    w.u32(i)
                }
            }
        }
        w.len(f.code.len());
        w.out.extend_from_slice(&f.code);
        w.len(f.lines.len());
        for l in &f.lines {
            w.u32(l.pc);
            w.u32(l.line);
            w.u32(l.column);
        }
    }
    w.len(p.regexps.len());
    for r in &p.regexps {
        w.u32(r.source);
        w.u32(r.flags);
        w.len(r.program.len());
        w.out.extend_from_slice(&r.program);
    }
    w.u32(p.main);
    match &p.module {
        None => w.u8(0),
        Some(m) => {
            w.u8(1);
            write_module(&mut w, m);
        }
    }
    w.len(p.source.len());
    if !p.source.is_empty() {
        w.out.extend_from_slice(&p.source);
        for f in &p.functions {
            w.u32(f.source.0);
            w.u32(f.source.1);
        }
    }
    w.out
}

fn write_module(w: &mut Writer, m: &ModuleInfo) {
    w.len(m.env.len());
    for e in &m.env {
        w.u8(match e {
            EnvSlot::Var => 0,
            EnvSlot::Lexical => 1,
            EnvSlot::Import => 2,
        });
    }
    w.len(m.requests.len());
    for r in &m.requests {
        w.u32(r.specifier);
        w.len(r.attributes.len());
        for &(k, v) in &r.attributes {
            w.u32(k);
            w.u32(v);
        }
    }
    w.len(m.imports.len());
    for i in &m.imports {
        w.u32(i.request);
        w.u32(i.name.unwrap_or(NO_ATOM));
        w.u16(i.slot);
    }
    w.len(m.local_exports.len());
    for e in &m.local_exports {
        w.u32(e.name);
        w.u16(e.slot);
    }
    w.len(m.indirect_exports.len());
    for e in &m.indirect_exports {
        w.u32(e.name);
        w.u32(e.request);
        w.u32(e.import.unwrap_or(NO_ATOM));
    }
    w.len(m.star_exports.len());
    for &r in &m.star_exports {
        w.u32(r);
    }
    w.len(m.functions.len());
    for &(slot, f) in &m.functions {
        w.u16(slot);
        w.u32(f);
    }
}

fn opt_atom(a: u32) -> Option<u32> {
    (a != NO_ATOM).then_some(a)
}

/// A module's records, into `m` (which owns what is read, as in `read_into`).
fn read_module(r: &mut Reader<'_>, m: &mut ModuleInfo) -> Result<(), LoadError> {
    let n = r.count(1)?;
    for _ in 0..n {
        m.env.push(match r.u8()? {
            0 => EnvSlot::Var,
            1 => EnvSlot::Lexical,
            2 => EnvSlot::Import,
            _ => return Err(LoadError::Invalid("module binding kind", 0, 0)),
        });
    }
    let n = r.count(8)?;
    for _ in 0..n {
        let specifier = r.u32()?;
        let k = r.count(8)?;
        let mut attributes = Vec::with_capacity(k);
        for _ in 0..k {
            attributes.push((r.u32()?, r.u32()?));
        }
        m.requests.push(ModuleRequest {
            specifier,
            attributes,
        });
    }
    let n = r.count(10)?;
    for _ in 0..n {
        m.imports.push(ImportEntry {
            request: r.u32()?,
            name: opt_atom(r.u32()?),
            slot: r.u16()?,
        });
    }
    let n = r.count(6)?;
    for _ in 0..n {
        m.local_exports.push(LocalExport {
            name: r.u32()?,
            slot: r.u16()?,
        });
    }
    let n = r.count(12)?;
    for _ in 0..n {
        m.indirect_exports.push(IndirectExport {
            name: r.u32()?,
            request: r.u32()?,
            import: opt_atom(r.u32()?),
        });
    }
    let n = r.count(4)?;
    for _ in 0..n {
        m.star_exports.push(r.u32()?);
    }
    let n = r.count(6)?;
    for _ in 0..n {
        m.functions.push((r.u16()?, r.u32()?));
    }
    Ok(())
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    big: bool,
}

// The readers are not inlined: `read` calls them at some fifty places, and inlined copies
// made it 9 KB of every compiled program.
impl<'a> Reader<'a> {
    #[inline(never)]
    fn bytes(&mut self, n: usize) -> Result<&'a [u8], LoadError> {
        let end = self.pos.checked_add(n).ok_or(LoadError::Truncated)?;
        let s = self.data.get(self.pos..end).ok_or(LoadError::Truncated)?;
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, LoadError> {
        Ok(self.bytes(1)?[0])
    }
    #[inline(never)]
    fn u16(&mut self) -> Result<u16, LoadError> {
        let b = self.bytes(2)?;
        let b = [b[0], b[1]];
        Ok(if self.big {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    }
    #[inline(never)]
    fn u32(&mut self) -> Result<u32, LoadError> {
        let b = self.bytes(4)?;
        let b = [b[0], b[1], b[2], b[3]];
        Ok(if self.big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    }
    fn u64(&mut self) -> Result<u64, LoadError> {
        let hi_lo = (self.u32()? as u64, self.u32()? as u64);
        // Written as one 8-byte integer in the container order.
        Ok(if self.big {
            (hi_lo.0 << 32) | hi_lo.1
        } else {
            (hi_lo.1 << 32) | hi_lo.0
        })
    }
    /// A count that must be backed by at least `min_each` bytes per element (so a forged count
    /// cannot make us reserve huge amounts of memory).
    #[inline(never)]
    fn count(&mut self, min_each: usize) -> Result<usize, LoadError> {
        let n = self.u32()? as usize;
        let left = self.data.len() - self.pos;
        if n.saturating_mul(min_each) > left {
            return Err(LoadError::Truncated);
        }
        Ok(n)
    }
}

/// Parses and verifies bytes written by [`write`] (in either byte order).
pub fn read(data: &[u8]) -> Result<Program, LoadError> {
    if data.len() < 12 || &data[0..4] != MAGIC {
        return Err(LoadError::BadMagic);
    }
    // The flags field tells the byte order; read it both ways (bit 0 set in either order).
    let big = data[6] == 0 && data[7] & 1 == 1;
    let mut r = Reader { data, pos: 4, big };
    let mut p = Program::default();
    read_into(&mut r, &mut p)?;
    if r.pos != data.len() {
        return Err(LoadError::Invalid("trailing bytes", 0, 0));
    }
    verify::verify(&p)?;
    Ok(p)
}

/// Reads the program after the magic into `p`, which owns everything read so far: an error
/// leaves nothing else to drop, so the many early returns share one exit (owned locals made
/// each `?` a cleanup path of its own, 4 KB of code).
fn read_into(r: &mut Reader<'_>, p: &mut Program) -> Result<(), LoadError> {
    let version = r.u16()?;
    if version != VERSION {
        return Err(LoadError::UnsupportedVersion(version));
    }
    let _flags = r.u16()?;
    p.features = r.u32()?;
    let n = r.count(5)?;
    p.atoms.reserve_exact(n);
    for _ in 0..n {
        let kind = r.u8()?;
        let len = r.count(if kind == 0 { 1 } else { 2 })?;
        p.atoms.push(Utf16::with_capacity(len));
        let Some(atom) = p.atoms.last_mut() else {
            break;
        };
        match kind {
            0 => atom.extend(r.bytes(len)?.iter().map(|&b| b as u16)),
            1 => {
                for _ in 0..len {
                    atom.push(r.u16()?);
                }
            }
            _ => return Err(LoadError::Invalid("atom kind", 0, 0)),
        }
    }
    let n = r.count(40)?;
    p.functions.reserve_exact(n);
    for _ in 0..n {
        p.functions.push(FunctionTemplate::default());
        let Some(f) = p.functions.last_mut() else {
            break;
        };
        read_function(r, f)?;
    }
    let n = r.count(12)?;
    p.regexps.reserve_exact(n);
    for _ in 0..n {
        let (source, flags) = (r.u32()?, r.u32()?);
        let len = r.count(1)?;
        p.regexps.push(RegExpLiteral {
            source,
            flags,
            program: r.bytes(len)?.to_vec(),
        });
    }
    p.main = r.u32()?;
    match r.u8()? {
        0 => {}
        1 => read_module(r, p.module.insert(ModuleInfo::default()))?,
        _ => return Err(LoadError::Invalid("module flag", 0, 0)),
    }
    let n = r.count(1)?;
    p.source = r.bytes(n)?.to_vec();
    if !p.source.is_empty() {
        for f in &mut p.functions {
            f.source = (r.u32()?, r.u32()?);
        }
    }
    Ok(())
}

/// One function template (without its source range, which comes at the end of the file).
fn read_function(r: &mut Reader<'_>, f: &mut FunctionTemplate) -> Result<(), LoadError> {
    f.name = r.u32()?;
    f.filename = r.u32()?;
    f.flags = r.u16()?;
    f.param_count = r.u16()?;
    f.length = r.u16()?;
    f.local_count = r.u16()?;
    f.stack_size = r.u16()?;
    f.line = r.u32()?;
    f.column = r.u32()?;
    let n = r.count(3)?;
    for _ in 0..n {
        let kind = r.u8()?;
        let i = r.u16()?;
        f.captures.push(match kind {
            0 => Capture::Local(i),
            1 => Capture::Var(i),
            _ => return Err(LoadError::Invalid("capture kind", 0, 0)),
        });
    }
    let n = r.count(5)?;
    for _ in 0..n {
        let c = match r.u8()? {
            0 => Constant::Number(f64::from_bits(r.u64()?)),
            1 => Constant::String(r.u32()?),
            2 => Constant::Function(r.u32()?),
            3 => Constant::BigInt(r.u32()?),
            4 => Constant::RegExp(r.u32()?),
            _ => return Err(LoadError::Invalid("constant tag", 0, 0)),
        };
        f.constants.push(c);
    }
    let n = r.count(1)?;
    f.code = r.bytes(n)?.to_vec();
    let n = r.count(12)?;
    for _ in 0..n {
        f.lines.push(LineEntry {
            pc: r.u32()?,
            line: r.u32()?,
            column: r.u32()?,
        });
    }
    Ok(())
}
