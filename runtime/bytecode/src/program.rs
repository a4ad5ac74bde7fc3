//! The in-memory form of a compiled program.
use alloc::vec::Vec;

/// A string as JavaScript sees it: UTF-16 code units (lone surrogates allowed).
pub type Utf16 = Vec<u16>;

/// Feature bits a program needs from the runtime (header field; checked at load time).
pub mod features {
    pub const REGEXP: u32 = 1 << 0;
    pub const EVAL: u32 = 1 << 1;
    pub const MODULE: u32 = 1 << 2;
}

/// The `kind` argument of the runtime's dynamic-code compiler hook.
pub mod dynamic {
    pub const FUNCTION: u8 = 0;
    pub const GENERATOR: u8 = 1;
    pub const ASYNC: u8 = 2;
    /// Eval code in the global scope.
    pub const EVAL_INDIRECT: u8 = 3;
    /// Eval code in a caller's scope (the hook's first argument is its description).
    pub const EVAL_DIRECT: u8 = 4;
    pub const ASYNC_GENERATOR: u8 = 5;
}

/// A whole compiled script or module graph.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Program {
    /// Every string the program names: identifiers, property keys, string constants, file names.
    pub atoms: Vec<Utf16>,
    /// All function templates; `main` is the top-level script body.
    pub functions: Vec<FunctionTemplate>,
    /// The regular expression literals, compiled (`Constant::RegExp` indexes this).
    pub regexps: Vec<RegExpLiteral>,
    /// Index into `functions` of the top-level code.
    pub main: u32,
    /// `features::*` bits.
    pub features: u32,
    /// Present when the program is an ES module: what it imports and exports.
    pub module: Option<ModuleInfo>,
    /// The source text (UTF-8) that functions' `source` ranges slice, for
    /// Function.prototype.toString; empty when the source is not kept (every range is then
    /// empty too, and toString prints the NativeFunction form).
    pub source: Vec<u8>,
}

impl Program {
    /// Drops the source text and every function's range into it (qjsc without --keep-source).
    pub fn strip_source(&mut self) {
        self.source = Vec::new();
        for f in &mut self.functions {
            f.source = (0, 0);
        }
    }
}

impl Program {
    /// Whether running the program needs the runtime's module system: it is a module, or some
    /// function calls `import()`. (qjsc registers the module system only then, so scripts do
    /// not carry it.)
    pub fn uses_modules(&self) -> bool {
        self.module.is_some()
            || self.functions.iter().any(|f| {
                let mut pc = 0;
                while let Some(insn) = crate::op::decode(&f.code, pc) {
                    if insn.op == crate::op::Op::ImportCall {
                        return true;
                    }
                    pc = insn.next;
                }
                false
            })
    }
}

/// The static part of a Source Text Module Record (ECMA-262 16.2.1.6): requested modules,
/// import and export entries, and the module's environment.
///
/// Every module-scope binding lives in a cell of the module's *environment* (slot `i` is cell
/// `i`), so that importers share the exporter's cells (live bindings). The main function (and
/// each hoisted function in `functions`) captures its cells as `Capture::Local(slot)` of the
/// environment. Atoms are indices into [`Program::atoms`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ModuleInfo {
    /// The environment: how each slot starts.
    pub env: Vec<EnvSlot>,
    /// ModuleRequests in source order (each specifier and attribute list once).
    pub requests: Vec<ModuleRequest>,
    pub imports: Vec<ImportEntry>,
    /// `export { slot as name }` of the module's own bindings.
    pub local_exports: Vec<LocalExport>,
    /// `export { a as b } from`, `export * as ns from`, and re-exported imports.
    pub indirect_exports: Vec<IndirectExport>,
    /// `export * from`: request indices.
    pub star_exports: Vec<u32>,
    /// Hoisted function declarations, created when the module is linked: (slot, function).
    pub functions: Vec<(u16, u32)>,
}

/// How an environment slot is initialized when the module is linked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnvSlot {
    /// `var` and function bindings: undefined.
    Var,
    /// let/const/class and `export default` bindings: uninitialized (TDZ).
    Lexical,
    /// An import: the exporting module's cell (or a namespace) replaces it at link time.
    Import,
}

/// A ModuleRequest Record: the specifier and the import attributes (key, value).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ModuleRequest {
    pub specifier: u32,
    pub attributes: Vec<(u32, u32)>,
}

/// `import { name as local }` (`name: None`: `import * as local`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportEntry {
    pub request: u32,
    pub name: Option<u32>,
    pub slot: u16,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalExport {
    pub name: u32,
    pub slot: u16,
}

/// `export { import as name } from request` (`import: None`: `export * as name from`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IndirectExport {
    pub name: u32,
    pub request: u32,
    pub import: Option<u32>,
}

/// Flags of a [`FunctionTemplate`].
pub mod flags {
    pub const STRICT: u16 = 1 << 0;
    /// Arrow function: no own `this`, `arguments`, `new.target`, home object; not a constructor.
    pub const ARROW: u16 = 1 << 1;
    /// A class constructor: throws when called without `new`.
    pub const CLASS_CONSTRUCTOR: u16 = 1 << 2;
    /// A derived class constructor: `this` is bound by `super()`.
    pub const DERIVED: u16 = 1 << 3;
    /// A method, getter or setter (not a constructor, has a home object).
    pub const METHOD: u16 = 1 << 4;
    /// Not callable with `new` (methods, arrows, getters, setters).
    pub const NOT_CONSTRUCTOR: u16 = 1 << 5;
    /// The top-level code of a script.
    pub const SCRIPT: u16 = 1 << 6;
    /// A generator function (`function*`): calling it returns a generator object.
    pub const GENERATOR: u16 = 1 << 7;
    /// An async function: calling it returns a promise; `Await` suspends it.
    pub const ASYNC: u16 = 1 << 8;
}

/// One function's code and metadata.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FunctionTemplate {
    /// Atom index of the function's name (the empty string for anonymous functions).
    pub name: u32,
    /// Atom index of the source file name.
    pub filename: u32,
    /// `flags::*` bits.
    pub flags: u16,
    /// Number of parameter slots: the first `param_count` locals receive the arguments.
    pub param_count: u16,
    /// The value of the function's `length` property.
    pub length: u16,
    /// Total local slots, parameters included.
    pub local_count: u16,
    /// Maximum operand stack depth (checked by the verifier).
    pub stack_size: u16,
    /// How `Closure` builds this function's captured cells from the creating frame.
    pub captures: Vec<Capture>,
    /// Constant pool.
    pub constants: Vec<Constant>,
    /// The instructions (see [`crate::op`]).
    pub code: Vec<u8>,
    /// Source positions, sorted by `pc`: the entry with the greatest `pc <= p` covers `p`.
    pub lines: Vec<LineEntry>,
    /// Line and column where the function starts (for stack traces of native-free frames).
    pub line: u32,
    pub column: u32,
    /// Byte range `[start, end)` of the function's source text in [`Program::source`]
    /// (ECMA-262 [[SourceText]]); `(0, 0)` when there is none.
    pub source: (u32, u32),
}

/// Where a closure's captured cell comes from, in the frame that executes `Closure`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Capture {
    /// A local slot of the creating frame that holds a cell.
    Local(u16),
    /// A captured cell of the creating closure.
    Var(u16),
}

/// A regular expression literal, compiled by qjsc so that the program needs no pattern compiler
/// to run it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RegExpLiteral {
    /// Atom indices of the pattern text (the `source`) and of the flags.
    pub source: u32,
    pub flags: u32,
    /// The compiled pattern in `qjs-regexp`'s encoding (`Regex::to_bytes`), which the runtime
    /// verifies as it decodes it at load time.
    pub program: Vec<u8>,
}

/// A constant-pool entry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Constant {
    Number(f64),
    /// Atom index.
    String(u32),
    /// Index into [`Program::functions`].
    Function(u32),
    /// A BigInt literal's value: the atom index of its canonical text, lowercase hexadecimal
    /// digits without leading zeros (`"0"` for zero; literals are never negative).
    BigInt(u32),
    /// Index into [`Program::regexps`] (the operand of `RegExp` only).
    RegExp(u32),
}

/// Whether `units` is the canonical text of a [`Constant::BigInt`].
pub fn is_bigint_text(units: &[u16]) -> bool {
    let digit = |u: &u16| matches!(*u, 0x30..=0x39 | 0x61..=0x66);
    match units {
        [] => false,
        [z] if *z == 0x30 => true,
        [first, ..] => *first != 0x30 && units.iter().all(digit),
    }
}

/// Maps a code offset to a source position (1-based line and column).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineEntry {
    pub pc: u32,
    pub line: u32,
    pub column: u32,
}

impl FunctionTemplate {
    /// The source position of the instruction at `pc`.
    pub fn position(&self, pc: u32) -> (u32, u32) {
        let i = self.lines.partition_point(|e| e.pc <= pc);
        match i.checked_sub(1).and_then(|i| self.lines.get(i)) {
            Some(e) => (e.line, e.column),
            None => (self.line, self.column),
        }
    }
}
