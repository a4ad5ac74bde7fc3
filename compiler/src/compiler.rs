//! The compiler's state: the program being built (atoms, function templates), the stack of
//! functions being compiled, binding resolution and capture, and function compilation.
//!
//! Scope resolution happens during code generation. A local starts as a plain slot; when an
//! inner function first refers to it, it becomes a cell: its earlier slot instructions are
//! rewritten in place to their cell forms (same length), and the placeholder Nops reserved where
//! a cell must be created (scope entry, parameter prologue) are filled in.
use crate::emit::{Emitter, Label};
use crate::scope::*;
use crate::{CompileError, ErrorKind, SourceMap};
use oxc_ast::ast::*;
use oxc_span::Span;
use qjs_bytecode::op::{encode, Op};
use qjs_bytecode::{flags, Capture, Constant, FunctionTemplate, Program, Utf16};
use std::collections::HashMap;

pub type CResult<T> = Result<T, CompileError>;

/// What a `break`/`continue`/`return` must undo when it leaves a construct.
pub enum CtlKind<'a> {
    Loop {
        brk: Label,
        cont: Label,
    },
    /// A labeled statement or a switch (unlabeled `break` stops at a switch).
    Break {
        brk: Label,
        switch: bool,
    },
    /// An installed exception handler: leaving needs `TryEnd`.
    Try,
    /// A `finally` block to run (its catch-all handler is installed too).
    Finally {
        body: &'a BlockStatement<'a>,
        scope_depth: usize,
    },
    /// A block with `using` declarations: its resources (in local `ds`) are disposed.
    Dispose {
        ds: u16,
        is_async: bool,
    },
}

pub struct Ctl<'a> {
    pub kind: CtlKind<'a>,
    pub labels: Vec<&'a str>,
    /// Values the construct keeps on the stack (dropped on exit).
    pub items: u8,
    /// The two items are a for-of iterator: exit with `IteratorClose`.
    pub iter: bool,
    /// ... of a `for await`: exit with AsyncIteratorClose (awaiting `return()`).
    pub async_iter: bool,
}

/// An optional chain being compiled: where a short-circuit lands.
pub struct ChainCtx {
    pub end: Label,
    pub base_depth: i32,
    /// Landing pads that drop the values a short-circuit leaves above the result.
    pub pads: Vec<(Label, i32)>,
}

pub struct FuncState<'a> {
    pub e: Emitter,
    /// Compiling the parameter list, where `yield` and `await` expressions are early errors.
    pub in_params: bool,
    /// The local holding the resources of the innermost block with `using` declarations.
    pub using_stack: Option<u16>,
    pub strict: bool,
    pub arrow: bool,
    pub script: bool,
    pub scopes: Vec<Scope<'a>>,
    pub var_scope: usize,
    pub bindings: Vec<Binding<'a>>,
    pub captures: Vec<Capture>,
    /// (function level, binding) of each capture.
    pub(crate) capture_keys: Vec<(usize, usize)>,
    pub ctl: Vec<Ctl<'a>>,
    pub local_count: u32,
    arguments_site: Option<usize>,
    pub chain: Option<ChainCtx>,
    pub annexb: Vec<usize>,
    /// `super.x` is allowed (methods, constructors, and arrows inside them).
    pub super_prop: bool,
    /// `super(…)` is allowed (derived constructors and arrows inside them).
    pub super_call: bool,
    /// `this` is undefined: a module's top level and the arrows inside it.
    pub this_undefined: bool,
    /// (function level, hidden binding) of the instance initializer that a class constructor
    /// (and the arrows inside it) call on `this`.
    pub field_init: Option<(usize, usize)>,
    /// A class's field initializer or static initializer (`arguments` and `await` are early
    /// errors in it and in the arrows and static blocks inside it).
    pub class_init: bool,
    /// The local that holds the completion value of the statements (eval code and the
    /// `Function` constructor's wrapper script); None where nothing observes it.
    pub completion: Option<u16>,
    /// The top level of a sloppy direct eval: its `var` and function declarations belong to
    /// the variable environment of the code that called eval.
    pub eval_main: bool,
    /// The scopes of the code that called a direct eval, rebuilt from the scope description
    /// (bindings are the eval closure's cells; it emits no code).
    pub eval_parent: bool,
    /// For `eval_parent`: the scope that receives a sloppy eval's `var` declarations (it has a
    /// var object); None when they go to the global object.
    pub var_target: Option<usize>,
    /// `arguments` is a mapped arguments object (sloppy function, simple parameter list).
    pub mapped_arguments: bool,
    /// The body of a module (its top-level code).
    pub module_main: bool,
    /// The module body awaits at its top level (it compiles as an async function).
    pub module_awaits: bool,
    /// An async generator: `yield` awaits its operand, `return` its value.
    pub async_generator: bool,
    /// Calls in tail position may reuse the frame (strict, neither a generator, an async
    /// function nor a class constructor: 15.10.1 IsInTailPosition).
    pub tail_calls: bool,
    /// The call expression being compiled is in tail position (taken by `call`).
    pub tail_call: bool,
}

impl<'a> FuncState<'a> {
    pub(crate) fn new(strict: bool, arrow: bool, script: bool) -> Self {
        FuncState {
            e: Emitter::default(),
            in_params: false,
            using_stack: None,
            strict,
            arrow,
            script,
            scopes: Vec::new(),
            var_scope: 0,
            bindings: Vec::new(),
            captures: Vec::new(),
            capture_keys: Vec::new(),
            ctl: Vec::new(),
            local_count: 0,
            arguments_site: None,
            chain: None,
            annexb: Vec::new(),
            super_prop: false,
            super_call: false,
            this_undefined: false,
            field_init: None,
            class_init: false,
            completion: None,
            eval_main: false,
            eval_parent: false,
            var_target: None,
            mapped_arguments: false,
            module_main: false,
            module_awaits: false,
            async_generator: false,
            tail_calls: false,
            tail_call: false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A binding of the current function.
    Local(usize),
    /// A captured cell of the current closure.
    Var(u16),
    Global(u32),
}

/// A resolved identifier reference.
#[derive(Clone, Copy, Debug)]
pub struct Resolved {
    pub place: Place,
    pub check: bool,
    pub kind: Option<DeclKind>,
    pub atom: u32,
    /// Index into `Compiler::dyn_chains`: the object environments (`with`, eval var objects)
    /// to consult at run time, innermost first, before `place`.
    pub dynamic: Option<u32>,
}

/// The body of a function to compile.
pub enum FnBody<'a> {
    Block(&'a FunctionBody<'a>),
    Expr(&'a Expression<'a>),
    /// A class without a written constructor.
    DefaultCtor {
        derived: bool,
    },
    /// The top level of a module.
    Module,
    /// A class's instance or static initializer (fields, private methods, static blocks).
    ClassInit {
        class: &'a Class<'a>,
        is_static: bool,
    },
    /// A statement list with its own var scope (a class static block).
    Stmts(&'a [Statement<'a>]),
    /// The getter or setter of an `accessor` field: (function level, hidden binding) of its
    /// private storage name.
    AccessorField {
        storage: (usize, usize),
        setter: bool,
    },
}

pub struct FnSpec<'a> {
    pub span: Span,
    /// The function's source text ([[SourceText]], for Function.prototype.toString): the
    /// whole definition, e.g. `get x() {}` for a getter or `class C {}` for a constructor.
    pub source: Span,
    pub params: Option<&'a FormalParameters<'a>>,
    pub body: FnBody<'a>,
    /// The template's name.
    pub name: String,
    /// The own-name binding of a named function expression.
    pub self_name: Option<&'a str>,
    pub flags: u16,
}

pub struct Compiler<'a, 's> {
    pub map: &'s SourceMap<'s>,
    atoms: Vec<Utf16>,
    atom_ids: HashMap<Utf16, u32>,
    pub functions: Vec<FunctionTemplate>,
    /// The regular expression literals, compiled (`Constant::RegExp` indexes them).
    pub regexps: Vec<qjs_bytecode::RegExpLiteral>,
    pub fs: Vec<FuncState<'a>>,
    pub(crate) filename_atom: u32,
    /// Labels waiting for the loop (or statement) they name.
    pub pending_labels: Vec<&'a str>,
    /// Current expression/statement nesting (bounded to protect the native stack).
    pub depth: u32,
    /// The classes being compiled, innermost last (their private names).
    pub classes: Vec<crate::class::ClassCtx<'a>>,
    /// The instance initializer for the class constructor about to be compiled.
    pub pending_field_init: Option<(usize, usize)>,
    /// The script's top-level code returns its completion value (eval code, and how the
    /// `Function` constructor gets its function back).
    pub return_completion: bool,
    /// The holders of the object environments a reference passes (see `Resolved::dynamic`):
    /// (place of the holder, is a `with` object).
    pub dyn_chains: Vec<Vec<(Place, bool)>>,
    /// (capture index, binding) of the eval parent's bindings, until the eval code's top
    /// level takes them as its captures.
    pub eval_parent_order: Vec<(u16, usize)>,
    /// Eval code that may not declare `var arguments` (a direct eval in the parameter
    /// expressions of a function that has an `arguments` binding).
    pub eval_forbids_arguments: bool,
    /// Eval code called from parameter expressions: its vars go to an environment outside
    /// the parameters', so one named like a parameter is a SyntaxError (19.2.1.3 step 3.d).
    pub eval_in_params: bool,
    /// The record of the module being compiled.
    pub module_info: Option<qjs_bytecode::ModuleInfo>,
}

/// The cell form of a local-slot instruction.
fn cell_op(op: Op) -> Op {
    match op {
        Op::GetLoc => Op::GetLocCell,
        Op::PutLoc => Op::PutLocCell,
        Op::GetLocCheck => Op::GetLocCellCheck,
        Op::PutLocCheck => Op::PutLocCellCheck,
        Op::SetLocUninit => Op::NewCellTdz,
        other => other,
    }
}

/// Writes the captured form of a placeholder site over its Nops.
fn write_site(code: &mut [u8], off: usize, site: Site, slot: u16) {
    let mut v = Vec::new();
    let s = slot as i64;
    match site {
        Site::NewCell => encode(&mut v, Op::NewCell, s, 0),
        Site::CopyCell => encode(&mut v, Op::CopyCell, s, 0),
        Site::MoveParam => {
            encode(&mut v, Op::GetLoc, s, 0);
            encode(&mut v, Op::NewCell, s, 0);
            encode(&mut v, Op::PutLocCell, s, 0);
        }
        Site::Arguments | Site::MappedArguments => {
            encode(&mut v, Op::NewCell, s, 0);
            encode(&mut v, arguments_op(site), 0, 0);
            encode(&mut v, Op::PutLocCell, s, 0);
        }
    }
    debug_assert_eq!(v.len(), site.len());
    code[off..off + v.len()].copy_from_slice(&v);
}

/// The instruction that creates an arguments object at an arguments site.
fn arguments_op(site: Site) -> Op {
    if site == Site::MappedArguments {
        Op::MappedArguments
    } else {
        Op::Arguments
    }
}

/// Decodes oxc's string values: lone surrogates are written as U+FFFD followed by 4 hex digits.
pub fn js_string(value: &str, lone_surrogates: bool) -> Utf16 {
    if !lone_surrogates {
        return value.encode_utf16().collect();
    }
    let mut out = Vec::new();
    let mut it = value.chars();
    while let Some(c) = it.next() {
        if c == '\u{FFFD}' {
            let hex: String = it.by_ref().take(4).collect();
            out.push(u16::from_str_radix(&hex, 16).unwrap_or(0xFFFD));
        } else {
            let mut buf = [0u16; 2];
            out.extend_from_slice(c.encode_utf16(&mut buf));
        }
    }
    out
}

impl<'a, 's> Compiler<'a, 's> {
    pub fn new(map: &'s SourceMap<'s>) -> Self {
        let mut c = Compiler {
            map,
            atoms: Vec::new(),
            atom_ids: HashMap::new(),
            functions: Vec::new(),
            regexps: Vec::new(),
            fs: Vec::new(),
            filename_atom: 0,
            pending_labels: Vec::new(),
            depth: 0,
            classes: Vec::new(),
            pending_field_init: None,
            return_completion: false,
            dyn_chains: Vec::new(),
            eval_parent_order: Vec::new(),
            eval_forbids_arguments: false,
            eval_in_params: false,
            module_info: None,
        };
        c.filename_atom = c.atom(&map.filename.clone());
        c
    }

    // ---- small helpers ----

    pub fn f(&mut self) -> &mut FuncState<'a> {
        self.fs.last_mut().expect("a function is being compiled")
    }

    pub fn e(&mut self) -> &mut Emitter {
        &mut self.f().e
    }

    pub fn op(&mut self, op: Op) {
        self.e().emit(op);
    }

    pub fn op_arg(&mut self, op: Op, arg: impl Into<i64>) {
        self.e().emit_arg(op, arg);
    }

    pub fn jump(&mut self, op: Op, l: Label) {
        self.e().jump(op, l);
    }

    pub fn label(&mut self) -> Label {
        self.e().new_label()
    }

    pub fn bind(&mut self, l: Label) {
        self.e().bind(l);
    }

    pub fn atom_units(&mut self, units: Utf16) -> u32 {
        if let Some(&i) = self.atom_ids.get(&units) {
            return i;
        }
        let i = self.atoms.len() as u32;
        self.atoms.push(units.clone());
        self.atom_ids.insert(units, i);
        i
    }

    pub fn atom(&mut self, s: &str) -> u32 {
        self.atom_units(s.encode_utf16().collect())
    }

    pub fn op_atom(&mut self, op: Op, name: &str) {
        let a = self.atom(name);
        self.op_arg(op, a);
    }

    pub fn push_string(&mut self, units: Utf16) {
        let a = self.atom_units(units);
        let k = self.e().constant(Constant::String(a));
        self.op_arg(Op::PushConst, k);
    }

    /// A BigInt literal, given its decimal digits (oxc's `BigIntLiteral::value`).
    pub fn push_bigint(&mut self, decimal: &str) {
        let a = self.atom(&decimal_to_hex(decimal));
        let k = self.e().constant(Constant::BigInt(a));
        self.op_arg(Op::PushConst, k);
    }

    pub fn push_number(&mut self, n: f64) {
        let is_neg_zero = n == 0.0 && n.is_sign_negative();
        if n.fract() == 0.0 && !is_neg_zero && n >= i32::MIN as f64 && n <= i32::MAX as f64 {
            let i = n as i64;
            if (-128..=127).contains(&i) {
                self.op_arg(Op::PushI8, i);
            } else {
                self.op_arg(Op::PushI32, i);
            }
        } else {
            let k = self.e().constant(Constant::Number(n));
            self.op_arg(Op::PushConst, k);
        }
    }

    pub fn syntax(&self, span: Span, msg: impl Into<String>) -> CompileError {
        self.map.error(ErrorKind::Syntax, span.start, msg.into())
    }

    pub fn unsupported(&self, span: Span, what: &str) -> CompileError {
        self.map.error(
            ErrorKind::Unsupported,
            span.start,
            format!("not supported yet: {what}"),
        )
    }

    /// Strict code may not bind `eval`/`arguments` or the strict-mode reserved words.
    pub fn check_binding_name(&mut self, name: &str, span: Span) -> CResult<()> {
        const RESERVED: &[&str] = &[
            "implements",
            "interface",
            "let",
            "package",
            "private",
            "protected",
            "public",
            "static",
            "yield",
        ];
        if self.f().strict {
            if name == "eval" || name == "arguments" {
                return Err(self.syntax(span, "Unexpected eval or arguments in strict mode"));
            }
            if RESERVED.contains(&name) {
                return Err(self.syntax(
                    span,
                    format!("Unexpected strict mode reserved word '{name}'"),
                ));
            }
        }
        Ok(())
    }

    /// Strict code may not refer to a strict-mode reserved word.
    pub fn check_reference_name(&mut self, name: &str, span: Span) -> CResult<()> {
        if name != "eval" && name != "arguments" {
            self.check_binding_name(name, span)?;
        }
        Ok(())
    }

    /// The code being compiled belongs to a class field initializer or static block (arrows
    /// included, other functions not).
    pub fn in_class_init(&self) -> bool {
        for f in self.fs.iter().rev() {
            if f.class_init {
                return true;
            }
            if !f.arrow {
                return false;
            }
        }
        false
    }

    /// `super.x` / `super(…)` outside the functions that have them.
    pub fn check_super(&mut self, call: bool, span: Span) -> CResult<()> {
        let f = self.f();
        let ok = if call { f.super_call } else { f.super_prop };
        if ok {
            if !call && f.super_call {
                // A super property needs `this` (bound by `super()` in a derived constructor)
                // before its key is evaluated (13.3.7.1 step 2).
                self.op(Op::This);
                self.op(Op::Drop);
            }
            Ok(())
        } else {
            Err(self.syntax(span, "'super' keyword unexpected here"))
        }
    }

    /// Legacy octal (and non-octal decimal) numbers and escapes are SyntaxErrors in strict code
    /// (12.9.3.1, 12.9.4.1); `raw` is the literal's source text.
    pub fn check_legacy_octal(&mut self, raw: Option<&str>, span: Span) -> CResult<()> {
        if self.f().strict && raw.is_some_and(|r| is_legacy_octal_number(r) || has_octal_escape(r))
        {
            return Err(self.syntax(span, "Octal literals are not allowed in strict mode"));
        }
        Ok(())
    }

    /// The directive prologue of code that turned out strict may not hold octal escapes
    /// either, even before its "use strict".
    pub fn check_directives(&mut self, directives: &[oxc_ast::ast::Directive<'a>]) -> CResult<()> {
        for d in directives {
            self.check_legacy_octal(d.expression.raw.as_ref().map(|r| r.as_str()), d.span)?;
        }
        Ok(())
    }

    /// Strict code may not assign to `eval` or `arguments`.
    pub fn check_assign_name(&mut self, name: &str, span: Span) -> CResult<()> {
        if self.f().strict && (name == "eval" || name == "arguments") {
            return Err(self.syntax(span, "Unexpected eval or arguments in strict mode"));
        }
        self.check_reference_name(name, span)
    }

    pub fn early(&self, e: EarlyError) -> CompileError {
        self.syntax(e.0, e.1)
    }

    /// Records the source position of the code that follows.
    pub fn line(&mut self, span: Span) {
        let (l, c) = self.map.position(span.start);
        self.e().add_line(l, c);
    }

    pub fn alloc_local(&mut self) -> CResult<u16> {
        let f = self.f();
        if f.local_count >= u16::MAX as u32 {
            return Err(self.map.error(
                ErrorKind::Unsupported,
                0,
                "not supported yet: more than 65535 locals".into(),
            ));
        }
        f.local_count += 1;
        Ok((f.local_count - 1) as u16)
    }

    // ---- bindings ----

    /// Declares `name` in scope `scope` of the current function, with a fresh slot unless global.
    pub fn declare(
        &mut self,
        scope: usize,
        name: &'a str,
        kind: DeclKind,
        global: bool,
    ) -> CResult<usize> {
        let slot = if global { 0 } else { self.alloc_local()? };
        Ok(self.declare_at(scope, name, kind, global, slot))
    }

    pub fn declare_at(
        &mut self,
        scope: usize,
        name: &'a str,
        kind: DeclKind,
        global: bool,
        slot: u16,
    ) -> usize {
        let f = self.f();
        f.bindings.push(Binding {
            name,
            kind,
            slot,
            captured: false,
            global,
            uses: Vec::new(),
            sites: Vec::new(),
            needs_check: kind.has_tdz(),
        });
        let id = f.bindings.len() - 1;
        f.scopes[scope].names.insert(name, id);
        id
    }

    /// Emits a local-slot instruction on a binding of the current function (its cell form once
    /// the binding is captured).
    pub fn emit_local(&mut self, op: Op, b: usize) {
        let f = self.f();
        let (slot, captured) = (f.bindings[b].slot, f.bindings[b].captured);
        let at = f.e.code.len();
        if captured {
            f.e.emit_arg(cell_op(op), slot);
        } else {
            f.e.emit_arg(op, slot);
            f.bindings[b].uses.push(at);
        }
    }

    /// Emits the place where binding `b` gets its cell if it is (or becomes) captured.
    pub fn emit_site(&mut self, b: usize, site: Site) {
        let f = self.f();
        let at = f.e.code.len();
        for _ in 0..site.len() {
            f.e.emit(Op::Nop);
        }
        if matches!(
            site,
            Site::MoveParam | Site::Arguments | Site::MappedArguments
        ) {
            f.e.reserve(1);
        }
        let bind = &mut f.bindings[b];
        if bind.captured {
            write_site(&mut f.e.code, at, site, bind.slot);
        } else {
            bind.sites.push((at, site));
        }
    }

    fn mark_captured(&mut self, level: usize, b: usize) {
        let f = &mut self.fs[level];
        let bind = &mut f.bindings[b];
        if bind.captured {
            return;
        }
        bind.captured = true;
        for off in std::mem::take(&mut bind.uses) {
            if let Some(op) = Op::from_u8(f.e.code[off]) {
                f.e.code[off] = cell_op(op) as u8;
            }
        }
        for (off, site) in std::mem::take(&mut bind.sites) {
            write_site(&mut f.e.code, off, site, bind.slot);
        }
    }

    /// The index of binding `b` of function `level` among the current closure's captured cells.
    pub(crate) fn capture_binding(&mut self, level: usize, b: usize) -> u16 {
        self.capture(level, b)
    }

    fn capture(&mut self, level: usize, b: usize) -> u16 {
        self.mark_captured(level, b);
        let mut prev: Option<u16> = None;
        for lv in level + 1..self.fs.len() {
            let slot = self.fs[level].bindings[b].slot;
            let f = &mut self.fs[lv];
            let idx = match f.capture_keys.iter().position(|&k| k == (level, b)) {
                Some(i) => i as u16,
                None => {
                    f.captures.push(match prev {
                        None => Capture::Local(slot),
                        Some(p) => Capture::Var(p),
                    });
                    f.capture_keys.push((level, b));
                    (f.captures.len() - 1) as u16
                }
            };
            prev = Some(idx);
        }
        prev.unwrap_or(0)
    }

    /// The `arguments` binding of function `level`, created on first use.
    pub(crate) fn arguments_binding(&mut self, level: usize) -> Option<usize> {
        let f = &mut self.fs[level];
        let site = f.arguments_site?;
        if let Some(&b) = f.scopes[f.var_scope].names.get("arguments") {
            return Some(b);
        }
        let slot = f.local_count as u16;
        f.local_count += 1;
        let kind = if f.mapped_arguments {
            Site::MappedArguments
        } else {
            Site::Arguments
        };
        f.bindings.push(Binding {
            name: "arguments",
            kind: DeclKind::Arguments,
            slot,
            captured: false,
            global: false,
            uses: Vec::new(),
            sites: vec![(site, kind)],
            needs_check: false,
        });
        let b = f.bindings.len() - 1;
        let vs = f.var_scope;
        f.scopes[vs].names.insert("arguments", b);
        if kind == Site::MappedArguments {
            // Its elements alias the parameters, which therefore live in cells.
            let params: Vec<usize> = f.scopes[vs]
                .names
                .values()
                .copied()
                .filter(|&p| f.bindings[p].kind == DeclKind::Param)
                .collect();
            for p in params {
                self.mark_captured(level, p);
            }
        }
        let f = &mut self.fs[level];
        let mut v = Vec::new();
        encode(&mut v, arguments_op(kind), 0, 0);
        encode(&mut v, Op::PutLoc, slot as i64, 0);
        for _ in 0..3 {
            encode(&mut v, Op::Nop, 0, 0);
        }
        f.e.code[site..site + v.len()].copy_from_slice(&v);
        f.e.max_depth = f.e.max_depth.max(1);
        Some(b)
    }

    pub fn resolve(&mut self, name: &'a str) -> Resolved {
        let atom = self.atom(name);
        let cur = self.fs.len() - 1;
        // Object environments passed on the way out: (function level, holder, is `with`).
        let mut holders: Vec<(usize, usize, bool)> = Vec::new();
        let mut found = None;
        'levels: for lv in (0..=cur).rev() {
            let f = &self.fs[lv];
            let arguments = !f.arrow && !f.script && name == "arguments";
            for scope in f.scopes.iter().rev() {
                if let Some(&b) = scope.names.get(name) {
                    found = Some((lv, b));
                    break 'levels;
                }
                if let Some(d) = scope.dynamic {
                    holders.push((lv, d.holder, d.with));
                }
            }
            if arguments {
                if let Some(b) = self.arguments_binding(lv) {
                    found = Some((lv, b));
                    break 'levels;
                }
            }
        }
        let dynamic = if holders.is_empty() {
            None
        } else {
            let chain = holders
                .into_iter()
                .map(|(lv, b, with)| (self.place_of(lv, b), with))
                .collect();
            self.dyn_chains.push(chain);
            Some(self.dyn_chains.len() as u32 - 1)
        };
        let Some((lv, b)) = found else {
            return Resolved {
                place: Place::Global(atom),
                check: false,
                kind: None,
                atom,
                dynamic,
            };
        };
        let bind = &self.fs[lv].bindings[b];
        let kind = Some(bind.kind);
        let check = if bind.global {
            false
        } else if lv == cur {
            bind.needs_check
        } else {
            // (A parameter captured by a closure in an earlier default is still in its TDZ.)
            bind.kind.has_tdz() || bind.needs_check
        };
        Resolved {
            place: self.place_of(lv, b),
            check,
            kind,
            atom,
            dynamic,
        }
    }

    /// Where the current function reaches binding `b` of function `level`.
    fn place_of(&mut self, level: usize, b: usize) -> Place {
        let bind = &self.fs[level].bindings[b];
        if bind.global {
            let name = bind.name;
            return Place::Global(self.atom(name));
        }
        if level == self.fs.len() - 1 {
            Place::Local(b)
        } else {
            Place::Var(self.capture(level, b))
        }
    }

    /// `→ value`
    pub fn emit_get(&mut self, r: &Resolved) {
        let end = self.dynamic_prefix(r, crate::dynamic::Access::Get);
        self.emit_get_static(r);
        self.dynamic_end(end);
    }

    /// `→ value` from the binding the name resolved to statically.
    pub fn emit_get_static(&mut self, r: &Resolved) {
        match r.place {
            Place::Local(b) => {
                self.emit_local(if r.check { Op::GetLocCheck } else { Op::GetLoc }, b)
            }
            Place::Var(i) => self.op_arg(if r.check { Op::GetVarCheck } else { Op::GetVar }, i),
            Place::Global(a) => self.op_arg(Op::GetGlobal, a),
        }
    }

    /// `value →` (an assignment, not an initialization)
    pub fn emit_put(&mut self, r: &Resolved) {
        let end = self.dynamic_prefix(r, crate::dynamic::Access::Put);
        self.emit_put_static(r);
        self.dynamic_end(end);
    }

    /// `value →` into the binding the name resolved to statically.
    pub fn emit_put_static(&mut self, r: &Resolved) {
        if let Place::Global(a) = r.place {
            self.op_arg(Op::PutGlobal, a);
            return;
        }
        let readonly = match r.kind {
            Some(DeclKind::Const | DeclKind::ClassInner | DeclKind::Import) => true,
            Some(DeclKind::SelfName) => {
                if !self.f().strict {
                    // Sloppy assignment to a named function expression's name is ignored.
                    self.op(Op::Drop);
                    return;
                }
                true
            }
            _ => false,
        };
        if readonly {
            if r.check {
                // A const still in its TDZ throws ReferenceError rather than TypeError.
                self.emit_get(r);
                self.op(Op::Drop);
            }
            self.op_arg(Op::ThrowConstAssign, r.atom);
            self.op(Op::Drop);
            return;
        }
        match r.place {
            Place::Local(b) => {
                self.emit_local(if r.check { Op::PutLocCheck } else { Op::PutLoc }, b)
            }
            Place::Var(i) => self.op_arg(if r.check { Op::PutVarCheck } else { Op::PutVar }, i),
            Place::Global(_) => unreachable!(),
        }
    }

    /// `value →`: initializes binding `b` of the current function at its declaration.
    pub fn emit_init(&mut self, b: usize) {
        let f = self.f();
        let bind = &f.bindings[b];
        if bind.global {
            let name = bind.name;
            let op = if bind.kind.has_tdz() {
                Op::InitGlobalLex
            } else {
                Op::PutGlobal
            };
            self.op_atom(op, name);
            return;
        }
        self.emit_local(Op::PutLoc, b);
        // Code after the declaration runs after it, except in a switch (a case can skip it).
        let in_switch = self
            .f()
            .scopes
            .last()
            .is_some_and(|s| s.kind == ScopeKind::Switch);
        let f = self.f();
        if !in_switch
            && f.scopes
                .last()
                .is_some_and(|s| s.names.get(f.bindings[b].name) == Some(&b))
        {
            f.bindings[b].needs_check = false;
        }
    }

    /// `value →`: initializes the binding `name` at its declaration: a local of the current
    /// function, or at a module's top level a cell of the module environment.
    pub fn emit_init_name(&mut self, name: &'a str) {
        if let Some(b) = self.local_binding(name) {
            return self.emit_init(b);
        }
        let r = self.resolve(name);
        match r.place {
            Place::Var(i) if self.f().module_main => self.op_arg(Op::PutVar, i),
            _ => self.emit_put(&r),
        }
    }

    /// The binding `name` of the innermost scope that declares it in the current function.
    pub fn local_binding(&mut self, name: &str) -> Option<usize> {
        self.f()
            .scopes
            .iter()
            .rev()
            .find_map(|s| s.names.get(name).copied())
    }

    pub fn push_scope(&mut self, kind: ScopeKind) -> usize {
        let f = self.f();
        f.scopes.push(Scope::new(kind));
        f.scopes.len() - 1
    }

    pub fn pop_scope(&mut self) {
        self.f().scopes.pop();
    }

    /// Declares the lexical bindings of a block (or switch) and emits their scope entry: TDZ
    /// for let/const/class, closures for function declarations.
    pub fn enter_lexical(
        &mut self,
        lex: &[LexDecl<'a>],
        stmts: &[&'a [Statement<'a>]],
        kind: ScopeKind,
    ) -> CResult<()> {
        for d in lex {
            self.check_binding_name(d.name, d.span)?;
        }
        let scope = self.push_scope(kind);
        let mut fns = Vec::new();
        for d in lex {
            if let Some(&b) = self.f().scopes[scope].names.get(d.name) {
                // A repeated sloppy block function: the last one wins.
                let _ = b;
                continue;
            }
            let b = self.declare(scope, d.name, d.kind, false)?;
            if d.kind.has_tdz() {
                self.emit_local(Op::SetLocUninit, b);
            } else {
                self.emit_site(b, Site::NewCell);
            }
        }
        for list in stmts {
            for s in *list {
                match s {
                    Statement::FunctionDeclaration(func) => fns.push(&**func),
                    s => fns.extend(labeled_function(s)),
                }
            }
        }
        for func in fns {
            let Some(id) = &func.id else { continue };
            let name = id.name.as_str();
            self.emit_closure_for(func, name)?;
            let b = self.f().scopes[scope].names[name];
            self.emit_local(Op::PutLoc, b);
        }
        Ok(())
    }

    /// Compiles a function declaration/expression and pushes its closure.
    pub fn emit_closure_for(&mut self, func: &'a Function<'a>, name: &str) -> CResult<()> {
        let spec = self.function_spec(func, name)?;
        self.emit_closure(spec)
    }

    /// What compiling a function declaration/expression takes.
    pub fn function_spec(&mut self, func: &'a Function<'a>, name: &str) -> CResult<FnSpec<'a>> {
        let Some(body) = &func.body else {
            return Err(self.unsupported(func.span, "function without a body"));
        };
        if let Some(id) = &func.id {
            // A function's own "use strict" applies to its name too.
            if body.has_use_strict_directive() && matches!(id.name.as_str(), "eval" | "arguments") {
                return Err(self.syntax(id.span, "Unexpected eval or arguments in strict mode"));
            }
        }
        let self_name = match func.r#type {
            FunctionType::FunctionExpression => func.id.as_ref().map(|i| i.name.as_str()),
            _ => None,
        };
        let spec = FnSpec {
            span: func.span,
            source: func.span,
            params: Some(&func.params),
            body: FnBody::Block(body),
            name: name.to_string(),
            self_name,
            flags: generator_flags(func),
        };
        Ok(spec)
    }

    /// Compiles a function and pushes `Closure` of it.
    ///
    /// (Generator functions are flagged GENERATOR and are never constructors; their body starts
    /// with `InitialYield` after the parameters are bound.)
    pub fn emit_closure(&mut self, spec: FnSpec<'a>) -> CResult<()> {
        let idx = self.compile_function(spec)?;
        let k = self.e().constant(Constant::Function(idx));
        self.op_arg(Op::Closure, k);
        Ok(())
    }

    // ---- functions ----

    pub fn compile_function(&mut self, spec: FnSpec<'a>) -> CResult<u32> {
        let arrow = spec.flags & flags::ARROW != 0;
        let class_code = spec.flags & (flags::CLASS_CONSTRUCTOR) != 0;
        let directives_strict = match spec.body {
            FnBody::Block(b) => b.has_use_strict_directive(),
            _ => false,
        };
        let strict = self.f().strict || directives_strict || class_code;
        let mut fstate = FuncState::new(strict, arrow, false);
        let parent = self.f();
        if arrow {
            (fstate.super_prop, fstate.super_call) = (parent.super_prop, parent.super_call);
            fstate.this_undefined = parent.this_undefined;
            fstate.field_init = parent.field_init;
        } else {
            fstate.super_prop = spec.flags & (flags::METHOD | flags::CLASS_CONSTRUCTOR) != 0;
            fstate.super_call = spec.flags & flags::DERIVED != 0;
        }
        let items: &[FormalParameter<'a>] = spec.params.map_or(&[], |p| &p.items);
        let rest = spec.params.and_then(|p| p.rest.as_deref());
        if spec.flags & flags::CLASS_CONSTRUCTOR != 0 {
            fstate.field_init = self.pending_field_init.take();
        }
        fstate.class_init = matches!(spec.body, FnBody::ClassInit { .. });
        fstate.async_generator =
            spec.flags & (flags::ASYNC | flags::GENERATOR) == flags::ASYNC | flags::GENERATOR;
        fstate.tail_calls = strict
            && spec.flags & (flags::ASYNC | flags::GENERATOR | flags::CLASS_CONSTRUCTOR) == 0
            && matches!(spec.body, FnBody::Block(_) | FnBody::Expr(_));
        fstate.local_count = items.len() as u32;
        if items.len() >= u16::MAX as usize {
            return Err(self.unsupported(spec.span, "too many parameters"));
        }
        self.fs.push(fstate);
        let r = self.function_body(&spec, items, rest);
        let f = self.fs.pop().expect("pushed above");
        r?;
        self.finish_function(f, &spec, items)
    }

    pub(crate) fn function_body(
        &mut self,
        spec: &FnSpec<'a>,
        items: &'a [FormalParameter<'a>],
        rest: Option<&'a FormalParameterRest<'a>>,
    ) -> CResult<()> {
        let arrow = self.f().arrow;
        // An async function suspends before anything else runs, so that even errors in its
        // parameter initialization reject its promise instead of throwing.
        if spec.flags & (flags::ASYNC | flags::GENERATOR) == flags::ASYNC {
            self.op(Op::InitialYield);
        }
        if let Some(n) = spec.self_name {
            self.check_binding_name(n, spec.span)?;
            let s = self.push_scope(ScopeKind::Block);
            let b = self.declare(s, n, DeclKind::SelfName, false)?;
            self.emit_site(b, Site::NewCell);
            self.op(Op::ThisFunction);
            self.emit_local(Op::PutLoc, b);
        }
        let vs = self.push_scope(ScopeKind::Function);
        self.f().var_scope = vs;
        let simple = rest.is_none()
            && items.iter().all(|p| {
                p.initializer.is_none() && matches!(p.pattern, BindingPattern::BindingIdentifier(_))
            });
        self.f().mapped_arguments = simple && !self.f().strict && !arrow;
        // Parameters: in a simple list, names bind their argument slot directly.
        let mut param_names: Vec<(&'a str, Span)> = Vec::new();
        for (i, p) in items.iter().enumerate() {
            if let (true, BindingPattern::BindingIdentifier(id)) = (simple, &p.pattern) {
                let b = self.declare_at(vs, id.name.as_str(), DeclKind::Param, false, i as u16);
                self.emit_site(b, Site::MoveParam);
            }
            let mut ids = Vec::new();
            bound_names(&p.pattern, &mut ids);
            param_names.extend(ids.iter().map(|i| (i.name.as_str(), i.span)));
        }
        if let Some(r) = rest {
            let mut ids = Vec::new();
            bound_names(&r.rest.argument, &mut ids);
            param_names.extend(ids.iter().map(|i| (i.name.as_str(), i.span)));
        }
        if !arrow {
            let at = self.e().code.len();
            for _ in 0..Site::Arguments.len() {
                self.op(Op::Nop);
            }
            self.f().arguments_site = Some(at);
        }
        self.maybe_var_object(vs, spec.span)?;
        // Otherwise every parameter gets an ordinary local, in its TDZ until it is initialized
        // in order (a default may not read a later parameter).
        for name in &param_names {
            if self.f().scopes[vs].names.contains_key(name.0) {
                continue;
            }
            let b = self.declare(vs, name.0, DeclKind::Param, false)?;
            self.emit_site(b, Site::NewCell);
            if !simple {
                self.f().bindings[b].needs_check = true;
                self.emit_local(Op::SetLocUninit, b);
            }
        }
        if let FnBody::Block(b) = spec.body {
            self.check_directives(&b.directives)?;
        }
        let stmts: &'a [Statement<'a>] = match spec.body {
            FnBody::Block(b) => &b.statements,
            FnBody::Stmts(stmts) => stmts,
            _ => &[],
        };
        let mut lex = Vec::new();
        lexical_decls(stmts, false, self.f().strict, &mut lex).map_err(|e| self.early(e))?;
        for d in &lex {
            if let Some(p) = param_names.iter().find(|p| p.0 == d.name) {
                let _ = p;
                return Err(self.early(redeclared(d.span, d.name)));
            }
        }
        let scan = VarScan::scan(stmts, &lex, self.f().strict).map_err(|e| self.early(e))?;
        self.check_declarations(&param_names, &lex, &scan)?;
        let unique_params = self.f().strict || arrow || spec.flags & flags::METHOD != 0 || !simple;
        if unique_params {
            for (i, p) in param_names.iter().enumerate() {
                if param_names[..i].iter().any(|q| q.0 == p.0) {
                    return Err(
                        self.syntax(p.1, "Duplicate parameter name not allowed in this context")
                    );
                }
            }
        }
        if !simple && matches!(spec.body, FnBody::Block(b) if b.has_use_strict_directive()) {
            return Err(self.syntax(
                spec.span,
                "Illegal 'use strict' directive in function with non-simple parameter list",
            ));
        }
        if simple {
            self.declare_vars(vs, &scan, true)?;
        }
        // Annex B.3.3.1: no var for a block function named like a parameter or `arguments`.
        self.f().annexb = scan
            .annexb
            .iter()
            .filter(|(_, n)| !param_names.iter().any(|p| p.0 == *n) && (arrow || *n != "arguments"))
            .map(|a| a.0)
            .collect();
        // A base class constructor initializes its fields before anything else.
        if spec.flags & (flags::CLASS_CONSTRUCTOR | flags::DERIVED) == flags::CLASS_CONSTRUCTOR {
            self.call_field_init(false);
        }
        // Default values and destructuring, in parameter order.
        self.f().in_params = true;
        for (i, p) in items.iter().enumerate() {
            self.param_init(i as u16, &p.pattern, p.initializer.as_deref(), simple)?;
        }
        if let Some(r) = rest {
            self.op_arg(Op::RestParam, items.len() as u16);
            self.bind_pattern(&r.rest.argument, crate::pattern::BindMode::Init)?;
        }
        self.f().in_params = false;
        let vs = if simple {
            vs
        } else {
            // The body's vars live in their own environment, which closures in parameter
            // expressions cannot see; a var named like a parameter starts with its value
            // (10.2.11 FunctionDeclarationInstantiation, step 28).
            let params = vs;
            if scan.vars.iter().any(|v| v.0 == "arguments") {
                // `var arguments` in the body starts as the parameters' arguments object.
                let level = self.fs.len() - 1;
                self.arguments_binding(level);
            }
            let body = self.push_scope(ScopeKind::Function);
            self.f().var_scope = body;
            // A direct eval in the body declares its vars in the var object too.
            self.f().scopes[body].dynamic = self.f().scopes[params].dynamic;
            self.declare_vars(body, &scan, false)?;
            for &(name, _) in &scan.vars {
                let Some(&p) = self.f().scopes[params].names.get(name) else {
                    continue;
                };
                let Some(&v) = self.f().scopes[body].names.get(name) else {
                    continue;
                };
                if scan.functions.iter().all(|f| f.name != name) {
                    self.emit_local(Op::GetLoc, p);
                    self.emit_local(Op::PutLoc, v);
                }
            }
            body
        };
        for d in &lex {
            let b = self.declare(vs, d.name, d.kind, false)?;
            self.emit_local(Op::SetLocUninit, b);
        }
        for func in &scan.functions {
            self.emit_closure_for(func.func, func.display_name())?;
            let b = self.f().scopes[vs].names[func.name];
            self.emit_local(Op::PutLoc, b);
        }
        if spec.flags & flags::GENERATOR != 0 {
            self.op(Op::InitialYield);
        }
        match spec.body {
            FnBody::Block(_) | FnBody::Stmts(_) => {
                self.statements_disposing(stmts)?;
                self.op(Op::ReturnUndef);
            }
            FnBody::ClassInit { class, is_static } => self.class_init_body(class, is_static)?,
            FnBody::AccessorField { storage, setter } => self.accessor_field_body(storage, setter),
            // Modules compile in module.rs.
            FnBody::Module => self.op(Op::ReturnUndef),
            FnBody::Expr(e) => {
                if self.f().tail_calls {
                    self.tail_expr(e)?;
                } else {
                    self.expr(e)?;
                }
                self.op(Op::Return);
            }
            FnBody::DefaultCtor { derived } => {
                if derived {
                    self.op(Op::SuperCallForward);
                    self.call_field_init(true);
                    self.op(Op::Drop);
                }
                self.op(Op::ReturnUndef);
            }
        }
        Ok(())
    }

    pub(crate) fn check_declarations(
        &mut self,
        params: &[(&'a str, Span)],
        lex: &[LexDecl<'a>],
        scan: &VarScan<'a>,
    ) -> CResult<()> {
        for &(name, span) in params.iter().chain(&scan.vars) {
            self.check_binding_name(name, span)?;
        }
        for d in lex {
            self.check_binding_name(d.name, d.span)?;
        }
        for f in &scan.functions {
            self.check_binding_name(f.name, f.span)?;
        }
        Ok(())
    }

    /// Declares a function body's var-scoped names (vars and top-level functions) in `vs`.
    /// `arguments_object`: a var named `arguments` is the arguments object (false for the
    /// body's own var environment, whose `arguments` is an ordinary variable).
    fn declare_vars(
        &mut self,
        vs: usize,
        scan: &VarScan<'a>,
        arguments_object: bool,
    ) -> CResult<()> {
        for &(name, _) in &scan.vars {
            self.declare_var(vs, name, arguments_object)?;
        }
        for func in &scan.functions {
            self.declare_var(vs, func.name, arguments_object)?;
        }
        Ok(())
    }

    /// Declares a var-scoped name unless the scope already has it.
    fn declare_var(&mut self, vs: usize, name: &'a str, arguments_object: bool) -> CResult<()> {
        if self.f().scopes[vs].names.contains_key(name) {
            return Ok(());
        }
        if name == "arguments" && arguments_object && !self.f().arrow {
            let level = self.fs.len() - 1;
            self.arguments_binding(level);
            return Ok(());
        }
        let b = self.declare(vs, name, DeclKind::Var, false)?;
        self.emit_site(b, Site::NewCell);
        Ok(())
    }

    /// `if (p === undefined) p = default`, then destructuring of a parameter.
    fn param_init(
        &mut self,
        slot: u16,
        pattern: &'a BindingPattern<'a>,
        init: Option<&'a Expression<'a>>,
        simple: bool,
    ) -> CResult<()> {
        let (pattern, init) = match (pattern, init) {
            (BindingPattern::AssignmentPattern(a), None) => (&a.left, Some(&a.right)),
            _ => (pattern, init),
        };
        match pattern {
            BindingPattern::BindingIdentifier(id) if simple => {
                if let Some(init) = init {
                    let r = self.resolve(id.name.as_str());
                    let skip = self.label();
                    self.emit_get(&r);
                    self.op(Op::Undefined);
                    self.op(Op::StrictEq);
                    self.jump(Op::JumpIfFalse, skip);
                    self.expr_named(init, id.name.as_str())?;
                    self.emit_put(&r);
                    self.bind(skip);
                }
            }
            _ => {
                self.op_arg(Op::GetLoc, slot);
                if let Some(init) = init {
                    let skip = self.label();
                    self.op(Op::Dup);
                    self.op(Op::Undefined);
                    self.op(Op::StrictEq);
                    self.jump(Op::JumpIfFalse, skip);
                    self.op(Op::Drop);
                    match pattern {
                        BindingPattern::BindingIdentifier(id) => {
                            self.expr_named(init, id.name.as_str())?
                        }
                        _ => self.expr(init)?,
                    }
                    self.bind(skip);
                }
                self.bind_pattern(pattern, crate::pattern::BindMode::Init)?;
            }
        }
        Ok(())
    }

    pub(crate) fn finish_function(
        &mut self,
        mut f: FuncState<'a>,
        spec: &FnSpec<'a>,
        items: &[FormalParameter<'a>],
    ) -> CResult<u32> {
        f.e.finish().map_err(|m| {
            self.map.error(
                ErrorKind::Unsupported,
                spec.span.start,
                format!("internal error: {m}"),
            )
        })?;
        let length = items
            .iter()
            .take_while(|p| {
                p.initializer.is_none()
                    && !matches!(p.pattern, BindingPattern::AssignmentPattern(_))
            })
            .count();
        let mut fl = spec.flags;
        if f.strict {
            fl |= flags::STRICT;
        }
        let (line, column) = self.map.position(spec.span.start);
        let t = FunctionTemplate {
            name: self.atom(&spec.name),
            filename: self.filename_atom,
            flags: fl,
            param_count: items.len() as u16,
            length: length as u16,
            local_count: self.check_u16(f.local_count, spec.span, "locals")?,
            stack_size: self.check_u16(f.e.max_depth.max(0) as u32, spec.span, "stack depth")?,
            captures: f.captures,
            constants: f.e.constants,
            code: f.e.code,
            lines: f.e.lines,
            line,
            column,
            source: (spec.source.start, spec.source.end),
        };
        if t.constants.len() > u16::MAX as usize {
            return Err(self.unsupported(spec.span, "more than 65535 constants in one function"));
        }
        self.functions.push(t);
        Ok(self.functions.len() as u32 - 1)
    }

    pub(crate) fn check_u16(&self, v: u32, span: Span, what: &str) -> CResult<u16> {
        u16::try_from(v).map_err(|_| self.unsupported(span, &format!("too many {what}")))
    }

    // ---- the script ----

    pub fn compile_program(mut self, program: &'a oxc_ast::ast::Program<'a>) -> CResult<Program> {
        let strict = program.has_use_strict_directive();
        self.fs.push(FuncState::new(strict, false, true));
        self.check_directives(&program.directives)?;
        let vs = self.push_scope(ScopeKind::Function);
        let stmts: &'a [Statement<'a>] = &program.body;
        let mut lex = Vec::new();
        lexical_decls(stmts, false, strict, &mut lex).map_err(|e| self.early(e))?;
        let scan = VarScan::scan(stmts, &lex, strict).map_err(|e| self.early(e))?;
        self.check_declarations(&[], &lex, &scan)?;
        // GlobalDeclarationInstantiation's checks against earlier scripts, before any binding
        // is created.
        for func in &scan.functions {
            let a = self.atom(func.name);
            self.e().emit3(Op::CheckGlobalDecl, a as i64, 1);
        }
        for &(name, _) in &scan.vars {
            let a = self.atom(name);
            self.e().emit3(Op::CheckGlobalDecl, a as i64, 0);
        }
        for d in &lex {
            self.declare(vs, d.name, d.kind, true)?;
            let a = self.atom(d.name);
            let fl = u8::from(d.kind == DeclKind::Const);
            self.e().emit3(Op::DeclareLex, a as i64, fl);
        }
        for &(name, _) in &scan.vars {
            if self.f().scopes[vs].names.contains_key(name) {
                continue;
            }
            self.declare(vs, name, DeclKind::Var, true)?;
            self.op_atom(Op::DeclareVar, name);
        }
        for func in &scan.functions {
            let name = func.name;
            if !self.f().scopes[vs].names.contains_key(name) {
                self.declare(vs, name, DeclKind::Function, true)?;
            }
            self.emit_closure_for(func.func, name)?;
            self.op_atom(Op::DeclareFunc, name);
        }
        self.f().annexb = scan.annexb.iter().map(|a| a.0).collect();
        self.top_level_statements(&program.directives, stmts)?;
        let f = self.fs.pop().expect("pushed above");
        let spec = FnSpec {
            span: program.span,
            source: program.span,
            params: None,
            body: FnBody::DefaultCtor { derived: false },
            name: String::new(),
            self_name: None,
            flags: flags::SCRIPT,
        };
        let main = self.finish_function(f, &spec, &[])?;
        Ok(self.into_program(main))
    }

    /// The statements of a script or eval code, then the return of its completion value when
    /// something observes it.
    fn top_level_statements(
        &mut self,
        directives: &'a [Directive<'a>],
        stmts: &'a [Statement<'a>],
    ) -> CResult<()> {
        let completion = if self.return_completion {
            let c = self.alloc_local()?;
            self.op(Op::Undefined);
            self.op_arg(Op::PutLoc, c);
            self.f().completion = Some(c);
            Some(c)
        } else {
            None
        };
        if let Some(c) = completion {
            // A directive is an expression statement too: `eval("'a'")` is "a".
            if let Some(d) = directives.last() {
                let units = js_string(d.expression.value.as_str(), d.expression.lone_surrogates);
                self.push_string(units);
                self.op_arg(Op::PutLoc, c);
            }
        }
        for s in stmts {
            self.stmt(s)?;
        }
        match completion {
            Some(c) => {
                self.op_arg(Op::GetLoc, c);
                self.op(Op::Return);
            }
            None => self.op(Op::ReturnUndef),
        }
        Ok(())
    }

    /// Compiles eval code (ECMA-262 19.2.1.1 PerformEval): `scope` describes the caller of a
    /// direct eval; without it the code is an indirect eval, in the global scope. Let, const
    /// and class declarations are always the code's own; vars and functions are its own in
    /// strict code, else they go to the caller's variable environment (or the global object).
    pub fn compile_eval_program(
        mut self,
        program: &'a oxc_ast::ast::Program<'a>,
        scope: Option<&crate::dynamic::EvalScope<'a>>,
    ) -> CResult<Program> {
        self.return_completion = true;
        let caller_strict = scope.is_some_and(|s| s.strict);
        let strict = caller_strict || program.has_use_strict_directive();
        if let Some(s) = scope {
            self.enter_eval_parent(s);
        }
        let mut main = FuncState::new(strict, scope.is_some(), true);
        main.eval_main = !strict;
        if let Some(s) = scope {
            (main.super_prop, main.super_call) = (s.super_prop, s.super_call);
        }
        self.fs.push(main);
        if scope.is_some() {
            self.link_eval_parent();
        }
        let vs = self.push_scope(ScopeKind::Function);
        self.f().var_scope = vs;
        let stmts: &'a [Statement<'a>] = &program.body;
        let mut lex = Vec::new();
        lexical_decls(stmts, false, strict, &mut lex).map_err(|e| self.early(e))?;
        let scan = VarScan::scan(stmts, &lex, strict).map_err(|e| self.early(e))?;
        self.check_declarations(&[], &lex, &scan)?;
        if strict {
            self.declare_vars(vs, &scan, false)?;
        } else {
            self.eval_declarations(&scan)?;
        }
        for d in &lex {
            let b = self.declare(vs, d.name, d.kind, false)?;
            self.emit_local(Op::SetLocUninit, b);
        }
        if strict {
            for func in &scan.functions {
                self.emit_closure_for(func.func, func.display_name())?;
                let b = self.f().scopes[vs].names[func.name];
                self.emit_local(Op::PutLoc, b);
            }
        }
        self.f().annexb = scan.annexb.iter().map(|a| a.0).collect();
        self.top_level_statements(&program.directives, stmts)?;
        let f = self.fs.pop().expect("pushed above");
        let flags = if scope.is_some() {
            flags::ARROW | flags::NOT_CONSTRUCTOR
        } else {
            flags::SCRIPT
        };
        let spec = FnSpec {
            span: program.span,
            source: program.span,
            params: None,
            body: FnBody::DefaultCtor { derived: false },
            name: String::new(),
            self_name: None,
            flags,
        };
        let main = self.finish_function(f, &spec, &[])?;
        Ok(self.into_program(main))
    }

    /// The finished program whose top-level code is function `main`.
    pub(crate) fn into_program(self, main: u32) -> Program {
        Program {
            atoms: self.atoms,
            functions: self.functions,
            regexps: self.regexps,
            main,
            features: 0,
            module: self.module_info,
            source: self.map.text().as_bytes().to_vec(),
        }
    }
}

/// The template flags a function literal's kind implies (generators and async functions are
/// never constructors).
pub fn generator_flags(func: &Function<'_>) -> u16 {
    if func.generator && func.r#async {
        flags::GENERATOR | flags::ASYNC | flags::NOT_CONSTRUCTOR
    } else if func.generator {
        flags::GENERATOR | flags::NOT_CONSTRUCTOR
    } else if func.r#async {
        flags::ASYNC | flags::NOT_CONSTRUCTOR
    } else {
        0
    }
}

/// `01`, `08`: a number literal with a leading zero followed by a digit.
fn is_legacy_octal_number(raw: &str) -> bool {
    let b = raw.as_bytes();
    b.len() > 1 && b[0] == b'0' && b[1].is_ascii_digit()
}

/// A string literal's source with `\1`..`\9`, or `\0` followed by a digit.
fn has_octal_escape(raw: &str) -> bool {
    let mut bytes = raw.bytes().peekable();
    while let Some(b) = bytes.next() {
        if b != b'\\' {
            continue;
        }
        match bytes.next() {
            Some(b'1'..=b'9') => return true,
            Some(b'0') if bytes.peek().is_some_and(|d| d.is_ascii_digit()) => return true,
            _ => {}
        }
    }
    false
}

/// Decimal digits as the canonical hexadecimal text of a `Constant::BigInt` (lowercase, no
/// leading zeros).
fn decimal_to_hex(decimal: &str) -> String {
    // Little-endian u32 limbs, built by multiply-add of 9-digit chunks.
    let mut limbs: Vec<u32> = Vec::new();
    for chunk in decimal.as_bytes().chunks(9) {
        let (mut scale, mut value) = (1u64, 0u64);
        for &c in chunk {
            scale *= 10;
            value = value * 10 + u64::from(c.wrapping_sub(b'0') % 10);
        }
        let mut carry = value;
        for l in limbs.iter_mut() {
            let t = u64::from(*l) * scale + carry;
            *l = t as u32;
            carry = t >> 32;
        }
        if carry != 0 {
            limbs.push(carry as u32);
        }
    }
    let mut out = String::new();
    for (i, l) in limbs.iter().rev().enumerate() {
        if i == 0 {
            out.push_str(&format!("{l:x}"));
        } else {
            out.push_str(&format!("{l:08x}"));
        }
    }
    if out.is_empty() {
        out.push('0');
    }
    out
}
