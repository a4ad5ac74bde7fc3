//! Names that are resolved at run time: `with` statements (object environment records), the
//! var object of sloppy functions whose direct eval may add variables, and direct eval itself —
//! the scope description an eval call site records, and the compilation of eval code against
//! that description.
//!
//! A reference that passes an object environment on the way to its static binding first asks
//! each object (innermost first) `WithHas`; the first that has the name serves the access.
//! Only code inside `with` or inside a function with a sloppy direct eval pays for this.
//!
//! A direct eval call pushes a *scope closure*: an arrow template (so it carries the caller's
//! `this`, `new.target` and home object) whose captures are every binding the call site can
//! see, and whose constant 0 is a text description of them (scopes, names, kinds, capture
//! index). The runtime hands the description to the compiler, which rebuilds the scopes as
//! an `eval_parent` level whose bindings are the closure's cells, and runs the eval code's
//! top level with those cells.
use crate::class::{PrivKind, PrivName};
use crate::compiler::{CResult, Compiler, FuncState, Place, Resolved};
use crate::emit::Label;
use crate::scope::*;
use oxc_ast::ast::*;
use oxc_span::{GetSpan, Span};
use qjs_bytecode::op::Op;
use qjs_bytecode::{flags, Capture, Constant, FunctionTemplate};
use std::collections::HashMap;

/// What a reference does with the binding it finds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// `→ value`
    Get,
    /// `value →`
    Put,
    /// `→ this f` (a `with` object is the `this` of the call)
    Call,
    /// `→ bool`
    Delete,
}

/// Hidden binding names (no identifier spells them).
pub const WITH_OBJECT: &str = "%with";
pub const VAR_OBJECT: &str = "%varobj";

/// The scopes of a direct eval's caller, parsed from the description.
pub struct EvalScope<'a> {
    pub strict: bool,
    pub super_prop: bool,
    pub super_call: bool,
    pub in_function: bool,
    pub class_init: bool,
    /// `var arguments` is a SyntaxError (see `Compiler::eval_forbids_arguments`).
    pub no_arguments: bool,
    /// Called from parameter expressions (see `Compiler::eval_in_params`).
    pub in_params: bool,
    pub scopes: Vec<DescScope<'a>>,
    /// The private names of the enclosing classes, outermost class first.
    pub privates: Vec<DescPrivate<'a>>,
}

/// A private name visible at the eval call site: its hidden bindings as capture indexes.
pub struct DescPrivate<'a> {
    pub name: &'a str,
    pub kind: PrivKind,
    pub is_static: bool,
    pub value: u16,
    pub method: Option<u16>,
    pub setter: Option<u16>,
}

const PRIV_KINDS: &[(PrivKind, char)] = &[
    (PrivKind::Field, 'f'),
    (PrivKind::Method, 'm'),
    (PrivKind::Getter, 'g'),
    (PrivKind::Setter, 's'),
    (PrivKind::Accessor, 'a'),
];

pub struct DescScope<'a> {
    pub function: bool,
    pub var_target: bool,
    /// (name, kind, capture index)
    pub bindings: Vec<(&'a str, DeclKind, u16)>,
    /// (capture index of the holder, is `with`)
    pub dynamic: Option<(u16, bool)>,
}

const KINDS: &[(DeclKind, char)] = &[
    (DeclKind::Var, 'v'),
    (DeclKind::Function, 'f'),
    (DeclKind::Param, 'p'),
    (DeclKind::Let, 'l'),
    (DeclKind::Const, 'c'),
    (DeclKind::Class, 'k'),
    (DeclKind::BlockFunction, 'b'),
    (DeclKind::CatchParam, 'e'),
    (DeclKind::SelfName, 's'),
    (DeclKind::ClassInner, 'i'),
    (DeclKind::Arguments, 'a'),
];

fn kind_char(k: DeclKind) -> char {
    KINDS.iter().find(|p| p.0 == k).map_or('v', |p| p.1)
}

/// Parses a scope description; names are copied into `alloc` (the eval source's arena).
pub fn parse_scope<'a>(text: &str, alloc: &'a oxc_allocator::Allocator) -> Option<EvalScope<'a>> {
    let mut lines = text.split('\n');
    let head = lines.next()?;
    let mut s = EvalScope {
        strict: head.contains('s'),
        super_prop: head.contains('p'),
        super_call: head.contains('c'),
        in_function: head.contains('f'),
        class_init: head.contains('i'),
        no_arguments: head.contains('a'),
        in_params: head.contains('q'),
        scopes: Vec::new(),
        privates: Vec::new(),
    };
    for line in lines {
        let mut parts = line.splitn(4, ' ');
        let tag = parts.next()?;
        match tag {
            "S" => {
                let what = parts.next()?;
                s.scopes.push(DescScope {
                    function: what.contains('F'),
                    var_target: what.contains('v'),
                    bindings: Vec::new(),
                    dynamic: None,
                })
            }
            "B" => {
                let k = parts.next()?.chars().next()?;
                let kind = KINDS.iter().find(|p| p.1 == k)?.0;
                let idx: u16 = parts.next()?.parse().ok()?;
                let name = alloc.alloc_str(parts.next()?);
                s.scopes.last_mut()?.bindings.push((name, kind, idx));
            }
            "P" => {
                // P <kind><static> <value>,<method>,<setter> <name>
                let mut flags = parts.next()?.chars();
                let k = flags.next()?;
                let kind = PRIV_KINDS.iter().find(|p| p.1 == k)?.0;
                let is_static = flags.next() == Some('1');
                let mut idx = parts.next()?.split(',').map(|i| i.parse::<u16>().ok());
                let value = idx.next()??;
                let (method, setter) = (idx.next()?, idx.next()?);
                let name = alloc.alloc_str(parts.next()?);
                s.privates.push(DescPrivate {
                    name,
                    kind,
                    is_static,
                    value,
                    method,
                    setter,
                });
            }
            "W" | "O" => {
                let idx: u16 = parts.next()?.parse().ok()?;
                s.scopes.last_mut()?.dynamic = Some((idx, tag == "W"));
            }
            _ => return None,
        }
    }
    Some(s)
}

/// The source text may contain a direct eval call: the identifier `eval` (not a property name)
/// followed by `(` (or by `)`, as in `(eval)(x)`). Conservative, and cheap enough to run on
/// every sloppy function's text.
fn may_call_eval(text: &str) -> bool {
    let bytes = text.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80;
    let mut from = 0;
    while let Some(i) = text.get(from..).and_then(|t| t.find("eval")) {
        let at = from + i;
        from = at + 4;
        if at > 0 && (ident(bytes[at - 1]) || bytes[at - 1] == b'.') {
            continue;
        }
        let next = bytes[from..].iter().find(|b| !b.is_ascii_whitespace());
        if matches!(next, Some(b'(' | b')')) {
            return true;
        }
    }
    false
}

impl<'a, 's> Compiler<'a, 's> {
    // ---- run-time lookups ----

    /// Emits the object-environment checks of `r` (see the module comment). Returns the label
    /// that the code after the static access must bind (`dynamic_end`).
    pub fn dynamic_prefix(&mut self, r: &Resolved, access: Access) -> Option<Label> {
        let chain = self.dyn_chains.get(r.dynamic? as usize)?.clone();
        let end = self.label();
        for (place, with) in chain {
            self.emit_with_has(place, with, r.atom);
            let next = self.label();
            self.jump(Op::JumpIfFalse, next);
            match access {
                Access::Get => self.op_arg(Op::WithGet, r.atom),
                Access::Put => {
                    self.op(Op::Swap);
                    self.op_arg(Op::WithPut, r.atom);
                }
                Access::Call if with => {
                    self.op(Op::Dup);
                    self.op_arg(Op::WithGet, r.atom);
                }
                Access::Call => {
                    self.op_arg(Op::WithGet, r.atom);
                    self.op(Op::Undefined);
                    self.op(Op::Swap);
                }
                Access::Delete => self.op_arg(Op::DeleteField, r.atom),
            }
            self.jump(Op::Jump, end);
            self.bind(next);
            self.op(Op::Drop);
        }
        Some(end)
    }

    /// `→ obj has`: loads the object environment held at `place` and asks it for `atom`
    /// (`with`: a `with` object, whose Symbol.unscopables counts).
    fn emit_with_has(&mut self, place: Place, with: bool, atom: u32) {
        let holder = Resolved {
            place,
            check: false,
            kind: None,
            atom,
            dynamic: None,
        };
        self.emit_get_static(&holder);
        self.e().emit3(Op::WithHas, atom as i64, u8::from(with));
    }

    /// `→ env`: resolves `r` once for a reference that is read and written (compound and
    /// logical assignment, `++`/`--`) or written after its right side runs: env is the object
    /// environment that has the name, or undefined for the static binding. Later reads and
    /// writes use that env even if the name has appeared in or left an object meanwhile.
    pub fn dynamic_base(&mut self, r: &Resolved) {
        let chain = self
            .dyn_chains
            .get(r.dynamic.unwrap_or(u32::MAX) as usize)
            .cloned()
            .unwrap_or_default();
        let found = self.label();
        for (place, with) in chain {
            self.emit_with_has(place, with, r.atom);
            self.jump(Op::JumpIfTrue, found);
            self.op(Op::Drop);
        }
        self.op(Op::Undefined);
        self.bind(found);
    }

    /// `env → env value` for a reference resolved by [`Self::dynamic_base`].
    pub fn dynamic_base_get(&mut self, r: &Resolved) {
        let (fixed, end) = (self.label(), self.label());
        self.op(Op::Dup);
        self.jump(Op::JumpIfFalse, fixed);
        self.op(Op::Dup);
        self.op_arg(Op::WithGet, r.atom);
        self.jump(Op::Jump, end);
        self.bind(fixed);
        self.emit_get_static(r);
        self.bind(end);
    }

    /// `env value →` for a reference resolved by [`Self::dynamic_base`].
    pub fn dynamic_base_put(&mut self, r: &Resolved) {
        let (fixed, end) = (self.label(), self.label());
        self.op(Op::Swap);
        self.op(Op::Dup);
        self.jump(Op::JumpIfFalse, fixed);
        self.op(Op::Swap);
        self.op_arg(Op::WithPut, r.atom);
        self.jump(Op::Jump, end);
        self.bind(fixed);
        self.op(Op::Drop);
        self.emit_put_static(r);
        self.bind(end);
    }

    pub fn dynamic_end(&mut self, end: Option<Label>) {
        if let Some(l) = end {
            self.bind(l);
        }
    }

    /// `→ this f` for a call whose callee is the identifier `name`.
    pub fn emit_call_ref(&mut self, r: &Resolved) {
        let end = self.dynamic_prefix(r, Access::Call);
        self.op(Op::Undefined);
        self.emit_get_static(r);
        self.dynamic_end(end);
    }

    /// `→ value` for `typeof name` (undefined instead of a ReferenceError).
    pub fn emit_typeof_get(&mut self, r: &Resolved) {
        let end = self.dynamic_prefix(r, Access::Get);
        match r.place {
            Place::Global(a) => self.op_arg(Op::GetGlobalOrUndef, a),
            _ => self.emit_get_static(r),
        }
        self.dynamic_end(end);
    }

    /// `→ bool` for `delete name` (sloppy code).
    pub fn emit_delete_ref(&mut self, r: &Resolved) {
        let end = self.dynamic_prefix(r, Access::Delete);
        match r.place {
            Place::Global(a) => self.op_arg(Op::DeleteGlobal, a),
            _ => self.op(Op::False),
        }
        self.dynamic_end(end);
    }

    /// A sloppy function whose source mentions `eval` gets a var object in its var scope:
    /// the declarations of its direct evals live there, and names not bound in the function
    /// look there first.
    pub fn maybe_var_object(&mut self, vs: usize, span: Span) -> CResult<()> {
        if self.f().strict {
            return Ok(());
        }
        let text = self
            .map
            .source
            .get(span.start as usize..span.end as usize)
            .unwrap_or("");
        if !may_call_eval(text) {
            return Ok(());
        }
        let b = self.declare(vs, VAR_OBJECT, DeclKind::Var, false)?;
        self.emit_site(b, Site::NewCell);
        self.op(Op::Object);
        self.op(Op::Null);
        self.op(Op::SetProto);
        self.emit_local(Op::PutLoc, b);
        self.f().scopes[vs].dynamic = Some(DynamicEnv {
            holder: b,
            with: false,
        });
        Ok(())
    }

    // ---- with ----

    pub fn with_stmt(&mut self, w: &'a WithStatement<'a>) -> CResult<()> {
        self.line(w.span);
        self.completion_reset();
        self.expr(&w.object)?;
        self.op(Op::ToObject);
        let scope = self.push_scope(ScopeKind::Block);
        let r = (|| -> CResult<()> {
            let b = self.declare(scope, WITH_OBJECT, DeclKind::Var, false)?;
            self.emit_site(b, Site::NewCell);
            self.emit_local(Op::PutLoc, b);
            self.f().scopes[scope].dynamic = Some(DynamicEnv {
                holder: b,
                with: true,
            });
            self.sub_stmt(&w.body, false)
        })();
        self.pop_scope();
        r
    }

    // ---- completion values ----

    /// Statements whose completion is never empty start as undefined (UpdateEmpty(…,
    /// undefined) in the spec): `if`, loops, `switch`, `try`, `with`.
    pub fn completion_reset(&mut self) {
        if let Some(c) = self.f().completion {
            self.op(Op::Undefined);
            self.op_arg(Op::PutLoc, c);
        }
    }

    // ---- direct eval call sites ----

    /// `eval(args)`: pushes `this f args scope` and emits `CallEval`.
    /// `tail`: the call is in tail position (`TailCallEval`).
    pub fn direct_eval_call(&mut self, c: &'a CallExpression<'a>, tail: bool) -> CResult<()> {
        let r = self.resolve("eval");
        self.emit_call_ref(&r);
        let spread = c
            .arguments
            .iter()
            .any(|a| matches!(a, Argument::SpreadElement(_)));
        if spread {
            self.spread_array(&c.arguments)?;
        } else {
            for a in &c.arguments {
                self.expr_of(a.as_expression(), a.span())?;
            }
        }
        self.eval_scope()?;
        self.line(c.span);
        if spread {
            self.op(Op::CallEvalSpread);
            return Ok(());
        }
        let op = if tail { Op::TailCallEval } else { Op::CallEval };
        self.op_arg(op, c.arguments.len() as u16);
        Ok(())
    }

    /// Pushes the scope closure of a direct eval call site.
    fn eval_scope(&mut self) -> CResult<()> {
        let cur = self.fs.len() - 1;
        // The `arguments` of the nearest ordinary function is visible to the eval code.
        for lv in (0..=cur).rev() {
            let f = &self.fs[lv];
            if f.arrow {
                continue;
            }
            if !f.script && !f.class_init && !f.eval_parent {
                self.arguments_binding(lv);
            }
            break;
        }
        let var_target = self.eval_var_target();
        let (class_init, new_target) = (self.in_class_init(), self.new_target_allowed());
        let no_arguments = var_target.is_some_and(|(lv, vs)| {
            let f = &self.fs[lv];
            let param = f.scopes[vs]
                .names
                .get("arguments")
                .is_some_and(|&b| f.bindings[b].kind == DeclKind::Param);
            f.in_params && (!f.arrow || param)
        }) || self.eval_forbids_arguments;
        let in_params = var_target.is_some_and(|(lv, _)| {
            let f = &self.fs[lv];
            f.in_params || (f.eval_parent && self.eval_in_params)
        });
        let f = self.f();
        let mut head = String::new();
        for (on, c) in [
            (f.strict, 's'),
            (f.super_prop, 'p'),
            (f.super_call, 'c'),
            (class_init, 'i'),
            (new_target, 'f'),
            (no_arguments, 'a'),
            (in_params, 'q'),
        ] {
            if on {
                head.push(c);
            }
        }
        let strict = self.f().strict;
        // The closure being built is the innermost function while the bindings are captured.
        self.fs.push(FuncState::new(strict, true, false));
        let mut text = head;
        for lv in 0..=cur {
            for si in 0..self.fs[lv].scopes.len() {
                let scope = &self.fs[lv].scopes[si];
                let mut names: Vec<(&'a str, usize)> = scope
                    .names
                    .iter()
                    .map(|(n, b)| (*n, *b))
                    .filter(|(n, b)| {
                        !self.fs[lv].bindings[*b].global && *n != WITH_OBJECT && *n != VAR_OBJECT
                    })
                    .collect();
                names.sort_by_key(|p| p.1);
                let dynamic = scope.dynamic;
                let function = scope.kind == ScopeKind::Function;
                let is_target = var_target == Some((lv, si));
                text.push_str(&format!(
                    "\nS {}{}",
                    if function { "F" } else { "B" },
                    if is_target { "v" } else { "" }
                ));
                for (name, b) in names {
                    let kind = self.fs[lv].bindings[b].kind;
                    let idx = self.capture_binding(lv, b);
                    text.push_str(&format!("\nB {} {idx} {name}", kind_char(kind)));
                }
                if let Some(d) = dynamic {
                    let idx = self.capture_binding(lv, d.holder);
                    text.push_str(&format!("\n{} {idx}", if d.with { "W" } else { "O" }));
                }
            }
        }
        // The private names of the enclosing classes (`#x` in eval code).
        for ci in 0..self.classes.len() {
            let level = self.classes[ci].level;
            let order = self.classes[ci].order.clone();
            for name in order {
                let Some(&p) = self.classes[ci].privates.get(name) else {
                    continue;
                };
                let value = self.capture_binding(level, p.name);
                let mut hidden = |b: Option<usize>| {
                    b.map_or(String::new(), |b| {
                        self.capture_binding(level, b).to_string()
                    })
                };
                let (method, setter) = (hidden(p.method), hidden(p.setter));
                let kind = PRIV_KINDS
                    .iter()
                    .find(|k| k.0 == p.kind)
                    .map_or('f', |k| k.1);
                text.push_str(&format!(
                    "\nP {kind}{} {value},{method},{setter} {name}",
                    u8::from(p.is_static)
                ));
            }
        }
        let f = self.fs.pop().expect("pushed above");
        let desc = self.atom(&text);
        let name = self.atom("");
        let filename = self.filename_atom;
        let mut code = Vec::new();
        qjs_bytecode::op::encode(&mut code, Op::ReturnUndef, 0, 0);
        let t = FunctionTemplate {
            name,
            filename,
            flags: flags::ARROW | flags::NOT_CONSTRUCTOR | if strict { flags::STRICT } else { 0 },
            param_count: 0,
            length: 0,
            local_count: 0,
            stack_size: 0,
            captures: f.captures,
            constants: vec![Constant::String(desc)],
            code,
            lines: Vec::new(),
            line: 0,
            column: 0,
            source: (0, 0),
        };
        self.functions.push(t);
        let idx = self.functions.len() as u32 - 1;
        let k = self.e().constant(Constant::Function(idx));
        self.op_arg(Op::Closure, k);
        Ok(())
    }

    /// The scope that a sloppy direct eval here declares its vars in: (function level, scope),
    /// or None for the global object.
    fn eval_var_target(&self) -> Option<(usize, usize)> {
        for lv in (0..self.fs.len()).rev() {
            let f = &self.fs[lv];
            if f.eval_main {
                continue;
            }
            if f.eval_parent {
                return f.var_target.map(|s| (lv, s));
            }
            if f.script {
                return None;
            }
            return Some((lv, f.var_scope));
        }
        None
    }

    /// `new.target` is allowed: some enclosing non-arrow code is a function.
    fn new_target_allowed(&self) -> bool {
        for f in self.fs.iter().rev() {
            if !f.arrow {
                return !f.script;
            }
        }
        false
    }

    // ---- eval code ----

    /// Rebuilds the caller's scopes as the (code-less) `eval_parent` level.
    pub fn enter_eval_parent(&mut self, s: &EvalScope<'a>) {
        let mut f = FuncState::new(s.strict, false, !s.in_function);
        f.eval_parent = true;
        f.super_prop = s.super_prop;
        f.super_call = s.super_call;
        f.class_init = s.class_init;
        self.eval_forbids_arguments = s.no_arguments;
        self.eval_in_params = s.in_params;
        self.fs.push(f);
        let mut order: Vec<(u16, usize)> = Vec::new();
        for d in &s.scopes {
            let si = self.push_scope(if d.function {
                ScopeKind::Function
            } else {
                ScopeKind::Block
            });
            if d.var_target {
                let f = self.f();
                f.var_target = Some(si);
                f.var_scope = si;
            }
            for &(name, kind, idx) in &d.bindings {
                let b = self.declare_at(si, name, kind, false, idx);
                order.push((idx, b));
            }
            if let Some((idx, with)) = d.dynamic {
                let name = if with { WITH_OBJECT } else { VAR_OBJECT };
                let b = self.declare_at(si, name, DeclKind::Var, false, idx);
                order.push((idx, b));
                self.f().scopes[si].dynamic = Some(DynamicEnv { holder: b, with });
            }
        }
        let level = self.fs.len() - 1;
        let mut privates = HashMap::new();
        let mut names = Vec::new();
        for p in &s.privates {
            let mut hidden = |idx: u16| {
                let b = self.declare_hidden_at(idx);
                order.push((idx, b));
                b
            };
            let name = hidden(p.value);
            let method = p.method.map(&mut hidden);
            let setter = p.setter.map(&mut hidden);
            privates.insert(
                p.name,
                PrivName {
                    name,
                    kind: p.kind,
                    is_static: p.is_static,
                    method,
                    setter,
                },
            );
            names.push(p.name);
        }
        if !privates.is_empty() {
            self.classes.push(crate::class::ClassCtx {
                level,
                privates,
                order: names,
                keys: HashMap::new(),
                storage: HashMap::new(),
            });
        }
        for b in &mut self.f().bindings {
            b.captured = true;
        }
        order.sort();
        self.eval_parent_order = order;
    }

    /// A binding of the eval parent that no name resolves to, at capture index `idx`.
    fn declare_hidden_at(&mut self, idx: u16) -> usize {
        let f = self.f();
        f.bindings.push(Binding {
            name: "",
            kind: DeclKind::Var,
            slot: idx,
            captured: true,
            global: false,
            uses: Vec::new(),
            sites: Vec::new(),
            needs_check: false,
        });
        f.bindings.len() - 1
    }

    /// The eval code's top level reaches the caller's bindings as its own captured cells, in
    /// the order of the description.
    pub fn link_eval_parent(&mut self) {
        let order = std::mem::take(&mut self.eval_parent_order);
        let level = self.fs.len() - 2;
        let f = self.f();
        for (idx, b) in order {
            f.captures.push(Capture::Var(idx));
            f.capture_keys.push((level, b));
        }
    }

    /// Instantiates the var and function declarations of sloppy eval code whose variable
    /// environment is not its own (EvalDeclarationInstantiation, steps for varEnv ≠ lexEnv).
    pub fn eval_declarations(&mut self, scan: &VarScan<'a>) -> CResult<()> {
        let parent = self.eval_parent_level();
        let target = parent.and_then(|p| self.fs[p].var_target);
        let mut names: Vec<(&'a str, Span, bool)> = Vec::new();
        for func in scan.functions.iter().rev() {
            if !names.iter().any(|n| n.0 == func.name) {
                names.push((func.name, func.span, true));
            }
        }
        names.reverse();
        for &(name, span) in &scan.vars {
            if !names.iter().any(|n| n.0 == name) {
                names.push((name, span, false));
            }
        }
        if let Some(n) = names.iter().find(|n| n.0 == "arguments") {
            if self.eval_forbids_arguments {
                return Err(self.syntax(n.1, "'arguments' may not be declared by eval here"));
            }
        }
        // Nor over a parameter when the eval runs in parameter expressions.
        if let (true, Some(parent), Some(si)) = (self.eval_in_params, parent, target) {
            for &(name, span, _) in &names {
                let scope = &self.fs[parent].scopes[si];
                let param = scope
                    .names
                    .get(name)
                    .is_some_and(|&b| self.fs[parent].bindings[b].kind == DeclKind::Param);
                if param {
                    return Err(self.early(redeclared(span, name)));
                }
            }
        }
        // A var may not hoist over a lexical binding of the same name between the eval and
        // the variable environment (catch parameters excepted, Annex B.3.4).
        if let Some(parent) = parent {
            let from = target.unwrap_or(0);
            for &(name, span, _) in &names {
                let lexical = self.fs[parent].scopes.iter().skip(from).any(|scope| {
                    scope.names.get(name).is_some_and(|&b| {
                        matches!(
                            self.fs[parent].bindings[b].kind,
                            DeclKind::Let
                                | DeclKind::Const
                                | DeclKind::Class
                                | DeclKind::ClassInner
                                | DeclKind::BlockFunction
                        )
                    })
                });
                if lexical {
                    return Err(self.early(redeclared(span, name)));
                }
            }
        }
        match target {
            None => {
                for &(name, _, func) in &names {
                    let a = self.atom(name);
                    self.e()
                        .emit3(Op::CheckGlobalDecl, a as i64, u8::from(func));
                }
                for func in &scan.functions {
                    self.emit_closure_for(func.func, func.display_name())?;
                    self.op_atom(Op::DeclareEvalFunc, func.name);
                }
                for &(name, _, func) in &names {
                    if !func {
                        self.op_atom(Op::DeclareEvalVar, name);
                    }
                }
            }
            Some(si) => {
                for func in &scan.functions {
                    self.emit_closure_for(func.func, func.display_name())?;
                    self.eval_var_store(func.name, si, true);
                }
                let parent = self.fs.len() - 2;
                for &(name, _, func) in &names {
                    if func || self.fs[parent].scopes[si].names.contains_key(name) {
                        continue;
                    }
                    let a = self.atom(name);
                    self.push_var_object(si);
                    self.e().emit3(Op::WithHas, a as i64, 0);
                    let skip = self.label();
                    self.jump(Op::JumpIfTrue, skip);
                    self.op(Op::Undefined);
                    self.op_arg(Op::DefineField, a);
                    self.bind(skip);
                    self.op(Op::Drop);
                }
            }
        }
        Ok(())
    }

    /// `→ var object` of the eval parent's scope `si`.
    fn push_var_object(&mut self, si: usize) {
        let parent = self.fs.len() - 2;
        let holder = self.fs[parent].scopes[si].dynamic.map(|d| d.holder);
        match holder {
            Some(b) => {
                let i = self.capture_binding(parent, b);
                self.op_arg(Op::GetVar, i);
            }
            None => self.op(Op::Object),
        }
    }

    /// `value →`: stores a sloppy eval's var-scoped `name` in the caller's variable
    /// environment (scope `si` of the eval parent): its binding when the function has one,
    /// else the var object (`define`: create the property afresh, for function declarations).
    fn eval_var_store(&mut self, name: &'a str, si: usize, define: bool) {
        let parent = self.fs.len() - 2;
        if let Some(&b) = self.fs[parent].scopes[si].names.get(name) {
            let i = self.capture_binding(parent, b);
            self.op_arg(Op::PutVar, i);
            return;
        }
        let a = self.atom(name);
        self.push_var_object(si);
        self.op(Op::Swap);
        if define {
            self.op_arg(Op::DefineField, a);
            self.op(Op::Drop);
        } else {
            self.op_arg(Op::PutField, a);
        }
    }

    /// `value →`: Annex B.3.3 in sloppy eval code whose var scope is the caller's: a block
    /// function's value also goes to the var of its name.
    pub fn eval_annexb_store(&mut self, name: &'a str) {
        let target = self.eval_parent_level().and_then(|p| self.fs[p].var_target);
        match target {
            Some(si) => self.eval_var_store(name, si, false),
            None => self.op_atom(Op::PutGlobal, name),
        }
    }

    /// The level of the direct eval's caller scopes, when compiling direct eval code.
    fn eval_parent_level(&self) -> Option<usize> {
        let p = self.fs.len().checked_sub(2)?;
        self.fs[p].eval_parent.then_some(p)
    }
}

#[cfg(test)]
mod tests {
    use super::may_call_eval;

    #[test]
    fn eval_calls_are_found_in_source_text() {
        for yes in ["eval(x)", "return eval ('1')", "(eval)(s)", "{eval\n(s)}"] {
            assert!(may_call_eval(yes), "{yes}");
        }
        for no in [
            "evaluate(x)",
            "o.eval(x)",
            "var evalx = eval;",
            "retrieval(1)",
            "",
        ] {
            assert!(!may_call_eval(no), "{no}");
        }
    }
}
