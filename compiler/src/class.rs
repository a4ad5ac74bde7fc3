//! Classes (15.7.14 ClassDefinitionEvaluation): `Class` builds the constructor and prototype,
//! then the elements are defined on them in order.
//!
//! Class fields and private methods are installed on each instance by one synthetic method
//! (the *instance initializer*, home object = the prototype) kept in a hidden local cell of the
//! class scope; the constructor calls it on `this` before its parameters are bound (base
//! classes) or right after each `super(…)` returns (derived classes). Static fields and static
//! blocks run in a second synthetic method called once on the constructor. Computed field keys
//! are evaluated in element order at definition time and kept in hidden locals; each private
//! name is a fresh value made by `NewPrivateName` every time the class is evaluated.
use crate::compiler::{CResult, Compiler, FnBody, FnSpec};
use crate::expr::{is_anonymous_fn, Key};
use crate::scope::{Binding, DeclKind, ScopeKind, Site};
use oxc_ast::ast::*;
use oxc_span::{GetSpan, Span};
use qjs_bytecode::{flags, Constant, Op};
use std::collections::HashMap;

/// What a private name of a class stands for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PrivKind {
    Field,
    Method,
    Getter,
    Setter,
    /// A getter and a setter.
    Accessor,
}

/// A private name declared by a class body.
#[derive(Clone, Copy, Debug)]
pub struct PrivName {
    /// Hidden binding (of the class's function) holding the private name value.
    pub name: usize,
    pub kind: PrivKind,
    pub is_static: bool,
    /// Hidden bindings holding the method (or getter) and setter closures.
    pub method: Option<usize>,
    pub setter: Option<usize>,
}

/// A class being compiled: where its hidden bindings live and its private names.
pub struct ClassCtx<'a> {
    /// The function level (index into `fs`) whose locals hold the hidden bindings.
    pub level: usize,
    pub privates: HashMap<&'a str, PrivName>,
    /// The private names in declaration order.
    pub order: Vec<&'a str>,
    /// Hidden bindings of the computed field keys, by element index.
    pub keys: HashMap<usize, usize>,
    /// Hidden bindings of the private storage names of `accessor` fields, by element index.
    pub storage: HashMap<usize, usize>,
}

impl ClassCtx<'_> {
    /// The private methods and accessors (static or not) in declaration order.
    fn ordered(&self, is_static: bool) -> Vec<PrivName> {
        self.order
            .iter()
            .filter_map(|n| self.privates.get(n))
            .filter(|p| p.is_static == is_static && p.kind != PrivKind::Field)
            .copied()
            .collect()
    }
}

/// The static name of a non-computed key (for the early errors on `constructor`/`prototype`).
fn static_key_name<'b>(key: &'b PropertyKey<'_>, computed: bool) -> Option<&'b str> {
    if computed {
        return None;
    }
    match key {
        PropertyKey::StaticIdentifier(id) => Some(id.name.as_str()),
        PropertyKey::StringLiteral(s) => Some(s.value.as_str()),
        _ => None,
    }
}

impl<'a, 's> Compiler<'a, 's> {
    /// Pushes the class constructor. `name` is the class's name (or the inferred one).
    pub fn class(&mut self, c: &'a Class<'a>, name: &str) -> CResult<()> {
        if let Some(d) = c.decorators.first() {
            return Err(self.unsupported(d.span, "decorators"));
        }
        // All parts of a class are strict code.
        let was_strict = std::mem::replace(&mut self.f().strict, true);
        let scope = self.push_scope(ScopeKind::Block);
        let classes = self.classes.len();
        let r = self.class_body(c, name, scope);
        self.classes.truncate(classes);
        self.pop_scope();
        self.f().strict = was_strict;
        r
    }

    /// A local of the current function that no name resolves to (a cell once captured).
    pub fn declare_hidden(&mut self) -> CResult<usize> {
        let slot = self.alloc_local()?;
        let f = self.f();
        f.bindings.push(Binding {
            name: "",
            kind: DeclKind::Var,
            slot,
            captured: false,
            global: false,
            uses: Vec::new(),
            sites: Vec::new(),
            needs_check: false,
        });
        let b = f.bindings.len() - 1;
        self.emit_site(b, Site::NewCell);
        Ok(b)
    }

    /// `→ value` of hidden binding `b` of function `level` (captured when it is an outer one).
    pub fn get_hidden(&mut self, level: usize, b: usize) {
        if level + 1 == self.fs.len() {
            self.emit_local(Op::GetLoc, b);
        } else {
            let i = self.capture_binding(level, b);
            self.op_arg(Op::GetVar, i);
        }
    }

    /// `→ name`: the private name `#name` visible here, or a SyntaxError.
    pub fn private_name(&mut self, id: &PrivateIdentifier<'a>) -> CResult<PrivName> {
        let n = id.name.as_str();
        let found = self
            .classes
            .iter()
            .rev()
            .find_map(|c| c.privates.get(n).map(|p| (c.level, *p)));
        match found {
            Some((level, p)) => {
                self.get_hidden(level, p.name);
                Ok(p)
            }
            None => Err(self.syntax(
                id.span,
                format!("Private field '#{n}' must be declared in an enclosing class"),
            )),
        }
    }

    /// Collects the class's private names, checking the early errors.
    #[allow(clippy::type_complexity)]
    fn declare_privates(
        &mut self,
        c: &'a Class<'a>,
    ) -> CResult<(HashMap<&'a str, PrivName>, Vec<&'a str>)> {
        let mut privates: HashMap<&'a str, PrivName> = HashMap::new();
        let mut order = Vec::new();
        for el in &c.body.body {
            let (key, kind, is_static) = match el {
                ClassElement::MethodDefinition(m) => (
                    &m.key,
                    match m.kind {
                        MethodDefinitionKind::Get => PrivKind::Getter,
                        MethodDefinitionKind::Set => PrivKind::Setter,
                        _ => PrivKind::Method,
                    },
                    m.r#static,
                ),
                ClassElement::PropertyDefinition(p) => (&p.key, PrivKind::Field, p.r#static),
                ClassElement::AccessorProperty(a) => (&a.key, PrivKind::Accessor, a.r#static),
                _ => continue,
            };
            let PropertyKey::PrivateIdentifier(id) = key else {
                continue;
            };
            let n = id.name.as_str();
            if n == "constructor" {
                return Err(self.syntax(
                    id.span,
                    "Classes may not have a private field named '#constructor'",
                ));
            }
            match privates.get_mut(n) {
                None => {
                    let b = self.declare_hidden()?;
                    order.push(n);
                    privates.insert(
                        n,
                        PrivName {
                            name: b,
                            kind,
                            is_static,
                            method: None,
                            setter: None,
                        },
                    );
                }
                Some(p)
                    if p.is_static == is_static
                        && matches!(
                            (p.kind, kind),
                            (PrivKind::Getter, PrivKind::Setter)
                                | (PrivKind::Setter, PrivKind::Getter)
                        ) =>
                {
                    p.kind = PrivKind::Accessor;
                }
                Some(_) => {
                    return Err(self.syntax(
                        id.span,
                        format!("Identifier '#{n}' has already been declared"),
                    ))
                }
            }
        }
        for n in &order {
            let Some(p) = privates.get_mut(n) else {
                continue;
            };
            let a = self.atom(&format!("#{n}"));
            self.op_arg(Op::NewPrivateName, a);
            self.emit_local(Op::PutLoc, p.name);
            match p.kind {
                PrivKind::Field => {}
                PrivKind::Method | PrivKind::Getter => p.method = Some(self.declare_hidden()?),
                PrivKind::Setter => p.setter = Some(self.declare_hidden()?),
                PrivKind::Accessor => {
                    p.method = Some(self.declare_hidden()?);
                    p.setter = Some(self.declare_hidden()?);
                }
            }
        }
        Ok((privates, order))
    }

    fn class_body(&mut self, c: &'a Class<'a>, name: &str, scope: usize) -> CResult<()> {
        // The class's own name is a const binding inside the class, in its TDZ until the
        // class is defined.
        let inner = match &c.id {
            Some(id) => {
                self.check_binding_name(id.name.as_str(), id.span)?;
                let b = self.declare(scope, id.name.as_str(), DeclKind::ClassInner, false)?;
                self.emit_local(Op::SetLocUninit, b);
                Some(b)
            }
            None => None,
        };
        let derived = c.heritage.is_some();
        if let Some(h) = &c.heritage {
            self.expr(&h.expression)?;
        }
        let mut ctor = None;
        let (mut instance_init, mut static_init) = (false, false);
        for el in &c.body.body {
            match el {
                ClassElement::MethodDefinition(m)
                    if m.kind == MethodDefinitionKind::Constructor =>
                {
                    if ctor.is_some() {
                        return Err(self.syntax(m.span, "A class may only have one constructor"));
                    }
                    ctor = Some(m)
                }
                ClassElement::MethodDefinition(m) => {
                    if !m.r#static && matches!(m.key, PropertyKey::PrivateIdentifier(_)) {
                        instance_init = true;
                    }
                }
                ClassElement::PropertyDefinition(p) => {
                    if let Some(n) = static_key_name(&p.key, p.computed) {
                        if n == "constructor" || (p.r#static && n == "prototype") {
                            return Err(self.syntax(
                                p.key.span(),
                                format!("Classes may not have a field named '{n}'"),
                            ));
                        }
                    }
                    if p.r#static {
                        static_init = true;
                    } else {
                        instance_init = true;
                    }
                }
                ClassElement::StaticBlock(_) => static_init = true,
                ClassElement::AccessorProperty(a) => {
                    if let Some(n) = static_key_name(&a.key, a.computed) {
                        if n == "constructor" || (a.r#static && n == "prototype") {
                            return Err(self.syntax(
                                a.key.span(),
                                format!("Classes may not have a field named '{n}'"),
                            ));
                        }
                    }
                    if a.r#static {
                        static_init = true;
                    } else {
                        instance_init = true;
                    }
                }
                other => return Err(self.unsupported(other.span(), "this class element")),
            }
        }
        // The private environment (the heritage still sees the outer one).
        let level = self.fs.len() - 1;
        let (privates, order) = self.declare_privates(c)?;
        self.classes.push(crate::class::ClassCtx {
            level,
            privates,
            order,
            keys: HashMap::new(),
            storage: HashMap::new(),
        });
        // Each `accessor` field stores its value under a private name of its own.
        for (i, el) in c.body.body.iter().enumerate() {
            if let ClassElement::AccessorProperty(_) = el {
                let b = self.declare_hidden()?;
                let a = self.atom("accessor storage");
                self.op_arg(Op::NewPrivateName, a);
                self.emit_local(Op::PutLoc, b);
                if let Some(ctx) = self.classes.last_mut() {
                    ctx.storage.insert(i, b);
                }
            }
        }
        let init_b = if instance_init {
            Some(self.declare_hidden()?)
        } else {
            None
        };
        let mut fl = flags::CLASS_CONSTRUCTOR;
        if derived {
            fl |= flags::DERIVED;
        }
        let spec = match ctor {
            Some(m) => {
                let Some(body) = &m.value.body else {
                    return Err(self.unsupported(m.span, "constructor without a body"));
                };
                FnSpec {
                    span: c.span,
                    source: c.span,
                    params: Some(&m.value.params),
                    body: FnBody::Block(body),
                    name: name.to_string(),
                    self_name: None,
                    flags: fl,
                }
            }
            None => FnSpec {
                span: c.span,
                source: c.span,
                params: None,
                body: FnBody::DefaultCtor { derived },
                name: name.to_string(),
                self_name: None,
                flags: fl,
            },
        };
        self.pending_field_init = init_b.map(|b| (level, b));
        let idx = self.compile_function(spec);
        self.pending_field_init = None;
        let idx = idx?;
        let k = self.e().constant(Constant::Function(idx));
        self.line(c.span);
        self.e().emit3(Op::Class, k as i64, u8::from(derived));
        // ctor proto
        for (i, el) in c.body.body.iter().enumerate() {
            match el {
                ClassElement::MethodDefinition(m)
                    if m.kind != MethodDefinitionKind::Constructor =>
                {
                    if let PropertyKey::PrivateIdentifier(id) = &m.key {
                        self.private_method(m, id)?;
                        continue;
                    }
                    let kind = match m.kind {
                        MethodDefinitionKind::Get => 1,
                        MethodDefinitionKind::Set => 2,
                        _ => 0,
                    };
                    if m.r#static {
                        self.op(Op::Swap);
                    }
                    let key = self.prop_key(&m.key, m.computed)?;
                    let start = self.method_source_start(m);
                    self.define_method(
                        key,
                        &m.value,
                        start,
                        kind,
                        flags::METHOD | flags::NOT_CONSTRUCTOR,
                    )?;
                    if m.r#static {
                        self.op(Op::Swap);
                    }
                }
                ClassElement::AccessorProperty(a) => self.accessor_field(i, a, level)?,
                ClassElement::PropertyDefinition(p) if p.computed => {
                    // ctor proto → ctor proto, the key kept for the initializer.
                    let b = self.declare_hidden()?;
                    self.prop_key(&p.key, true)?;
                    self.emit_local(Op::PutLoc, b);
                    if let Some(ctx) = self.classes.last_mut() {
                        ctx.keys.insert(i, b);
                    }
                }
                _ => {}
            }
        }
        if let Some(b) = init_b {
            self.init_function(c, false, name)?;
            self.emit_local(Op::PutLoc, b);
        }
        self.op(Op::Drop);
        if let Some(b) = inner {
            self.op(Op::Dup);
            self.emit_init(b);
        }
        // Static private methods, then static fields and blocks in order.
        let statics: Vec<PrivName> = self
            .classes
            .last()
            .map(|c| c.ordered(true))
            .unwrap_or_default();
        for p in statics {
            self.op(Op::Dup);
            self.add_private_method(level, &p);
            self.op(Op::Drop);
        }
        if static_init {
            self.op(Op::Dup);
            self.init_function(c, true, name)?;
            self.line(c.span);
            self.op_arg(Op::Call, 0u16);
            self.op(Op::Drop);
        }
        Ok(())
    }

    /// `obj → obj`: adds the private methods and accessors of `p` (stored in hidden bindings of
    /// function `level`) to obj.
    fn add_private_method(&mut self, level: usize, p: &PrivName) {
        for (b, kind) in [(p.method, p.kind), (p.setter, PrivKind::Setter)] {
            let Some(b) = b else { continue };
            let k = match kind {
                PrivKind::Method => 1,
                PrivKind::Getter | PrivKind::Accessor => 2,
                _ => 3,
            };
            self.get_hidden(level, p.name);
            self.get_hidden(level, b);
            self.e().emit3(Op::DefinePrivate, k, 0);
        }
    }

    /// Where a class method's source text starts: the definition without `static` (ECMA-262's
    /// [[SourceText]] of a static method is its MethodDefinition).
    fn method_source_start(&self, m: &MethodDefinition<'a>) -> u32 {
        let start = m.span.start;
        let text = self.map.text().get(start as usize..).unwrap_or("");
        if m.r#static && text.starts_with("static") {
            self.map.skip_trivia(start + "static".len() as u32)
        } else {
            start
        }
    }

    /// `ctor proto → ctor proto`: creates a private method's closure (home object = the proto
    /// or the constructor) and keeps it in its hidden binding.
    fn private_method(
        &mut self,
        m: &'a MethodDefinition<'a>,
        id: &'a PrivateIdentifier<'a>,
    ) -> CResult<()> {
        let func = &m.value;
        let Some(body) = &func.body else {
            return Err(self.unsupported(func.span, "method without a body"));
        };
        let n = id.name.as_str();
        let p = self
            .classes
            .last()
            .and_then(|c| c.privates.get(n).copied())
            .ok_or_else(|| self.unsupported(id.span, "this private name"))?;
        let (prefix, b) = match m.kind {
            MethodDefinitionKind::Get => ("get ", p.method),
            MethodDefinitionKind::Set => ("set ", p.setter),
            _ => ("", p.method),
        };
        let b = b.ok_or_else(|| self.unsupported(id.span, "this private name"))?;
        if m.r#static {
            self.op(Op::Swap);
        }
        let spec = FnSpec {
            span: func.span,
            source: Span::new(self.method_source_start(m), func.span.end),
            params: Some(&func.params),
            body: FnBody::Block(body),
            name: format!("{prefix}#{n}"),
            self_name: None,
            flags: flags::METHOD | flags::NOT_CONSTRUCTOR | crate::compiler::generator_flags(func),
        };
        self.emit_closure(spec)?;
        self.op(Op::SetHome);
        self.emit_local(Op::PutLoc, b);
        if m.r#static {
            self.op(Op::Swap);
        }
        Ok(())
    }

    /// `ctor proto → ctor proto`: the getter and setter of an `accessor` field, reading and
    /// writing its private storage.
    fn accessor_field(
        &mut self,
        i: usize,
        a: &'a AccessorProperty<'a>,
        level: usize,
    ) -> CResult<()> {
        let storage = self
            .classes
            .last()
            .and_then(|c| c.storage.get(&i).copied())
            .ok_or_else(|| self.unsupported(a.span, "this accessor field"))?;
        if a.r#static {
            self.op(Op::Swap);
        }
        let private = match &a.key {
            PropertyKey::PrivateIdentifier(id) => {
                let n = id.name.as_str();
                Some(
                    self.classes
                        .last()
                        .and_then(|c| c.privates.get(n).copied())
                        .ok_or_else(|| self.unsupported(id.span, "this private name"))?,
                )
            }
            _ => None,
        };
        let key = match private {
            Some(_) => None,
            None => Some(self.prop_key(&a.key, a.computed)?),
        };
        let key_b = match &key {
            Some(Key::Computed) => {
                let b = self.declare_hidden()?;
                self.emit_local(Op::PutLoc, b);
                Some(b)
            }
            _ => None,
        };
        let base = match (&a.key, &key) {
            (PropertyKey::PrivateIdentifier(id), _) => format!("#{}", id.name),
            (_, Some(Key::Atom(_, n))) => n.clone(),
            _ => String::new(),
        };
        for (kind, prefix) in [(1u8, "get"), (2, "set")] {
            let name = if base.is_empty() && key_b.is_some() {
                String::new()
            } else {
                format!("{prefix} {base}")
            };
            let spec = FnSpec {
                span: a.span,
                source: a.span,
                params: None,
                body: FnBody::AccessorField {
                    storage: (level, storage),
                    setter: kind == 2,
                },
                name,
                self_name: None,
                flags: flags::METHOD | flags::NOT_CONSTRUCTOR,
            };
            match (&key, private) {
                (_, Some(p)) => {
                    let b = if kind == 1 { p.method } else { p.setter };
                    let b = b.ok_or_else(|| self.unsupported(a.span, "this accessor field"))?;
                    self.emit_closure(spec)?;
                    self.op(Op::SetHome);
                    self.emit_local(Op::PutLoc, b);
                }
                (Some(Key::Atom(at, _)), None) => {
                    self.emit_closure(spec)?;
                    self.e().emit3(Op::DefineMethod, *at as i64, kind);
                }
                _ => {
                    if let Some(b) = key_b {
                        self.emit_local(Op::GetLoc, b);
                    }
                    self.emit_closure(spec)?;
                    self.e().emit3(Op::DefineMethodComputed, kind as i64, 0);
                }
            }
        }
        if a.r#static {
            self.op(Op::Swap);
        }
        Ok(())
    }

    /// The body of an `accessor` field's getter or setter.
    pub(crate) fn accessor_field_body(&mut self, storage: (usize, usize), setter: bool) {
        self.op(Op::This);
        self.get_hidden(storage.0, storage.1);
        if setter {
            self.op_arg(Op::RestParam, 0u16);
            self.op_arg(Op::PushI8, 0);
            self.op(Op::GetElem);
            self.op(Op::PutPrivate);
            self.op(Op::ReturnUndef);
        } else {
            self.op(Op::GetPrivate);
            self.op(Op::Return);
        }
    }

    /// `home → home f`: the instance (or static) initializer of class `c`, home object set.
    fn init_function(&mut self, c: &'a Class<'a>, is_static: bool, name: &str) -> CResult<()> {
        let spec = FnSpec {
            span: c.span,
            source: c.span,
            params: None,
            body: FnBody::ClassInit {
                class: c,
                is_static,
            },
            name: if is_static {
                format!("<static initializer of {name}>")
            } else {
                format!("<field initializer of {name}>")
            },
            self_name: None,
            flags: flags::METHOD | flags::NOT_CONSTRUCTOR,
        };
        self.emit_closure(spec)?;
        self.op(Op::SetHome);
        Ok(())
    }

    /// The body of an initializer function: its elements, on `this`.
    pub(crate) fn class_init_body(&mut self, c: &'a Class<'a>, is_static: bool) -> CResult<()> {
        let Some(ci) = self.classes.len().checked_sub(1) else {
            return Err(self.unsupported(c.span, "class initializer outside its class"));
        };
        let level = self.classes[ci].level;
        if !is_static {
            let methods = self.classes[ci].ordered(false);
            if !methods.is_empty() {
                self.op(Op::This);
                for p in methods {
                    self.add_private_method(level, &p);
                }
                self.op(Op::Drop);
            }
        }
        for (i, el) in c.body.body.iter().enumerate() {
            match el {
                ClassElement::PropertyDefinition(p) if p.r#static == is_static => {
                    self.op(Op::This);
                    if let PropertyKey::PrivateIdentifier(id) = &p.key {
                        self.private_name(id)?;
                        let n = format!("#{}", id.name);
                        self.field_value(p.value.as_ref(), Some(&n))?;
                        self.e().emit3(Op::DefinePrivate, 0, 0);
                    } else {
                        let name = match self.classes[ci].keys.get(&i).copied() {
                            Some(b) => {
                                self.get_hidden(level, b);
                                None
                            }
                            None => match self.prop_key(&p.key, false)? {
                                Key::Atom(a, n) => {
                                    let k = self.e().constant(Constant::String(a));
                                    self.op_arg(Op::PushConst, k);
                                    Some(n)
                                }
                                Key::Computed => None,
                            },
                        };
                        self.field_value(p.value.as_ref(), name.as_deref())?;
                        self.line(p.span);
                        self.op(Op::DefineClassField);
                    }
                    self.op(Op::Drop);
                }
                ClassElement::AccessorProperty(a) if a.r#static == is_static => {
                    let Some(b) = self.classes[ci].storage.get(&i).copied() else {
                        continue;
                    };
                    self.op(Op::This);
                    self.get_hidden(level, b);
                    let name = match &a.key {
                        PropertyKey::PrivateIdentifier(id) => Some(format!("#{}", id.name)),
                        k if !a.computed => static_key_name(k, false).map(str::to_string),
                        _ => None,
                    };
                    match (&a.value, name) {
                        (Some(v), Some(n)) => self.expr_named(v, &n)?,
                        (Some(v), None) => self.expr(v)?,
                        (None, _) => self.op(Op::Undefined),
                    }
                    self.e().emit3(Op::DefinePrivate, 0, 0);
                    self.op(Op::Drop);
                }
                ClassElement::StaticBlock(b) if is_static => {
                    let spec = FnSpec {
                        span: b.span,
                        source: b.span,
                        params: None,
                        body: FnBody::Stmts(&b.body),
                        name: String::new(),
                        self_name: None,
                        flags: flags::ARROW | flags::NOT_CONSTRUCTOR,
                    };
                    self.op(Op::Undefined);
                    self.emit_closure(spec)?;
                    self.op_arg(Op::Call, 0u16);
                    self.op(Op::Drop);
                }
                _ => {}
            }
        }
        self.op(Op::ReturnUndef);
        Ok(())
    }

    /// `key → key value` (or `→ value` for a named field): a field's initial value, an anonymous
    /// function named after the field.
    fn field_value(&mut self, v: Option<&'a Expression<'a>>, name: Option<&str>) -> CResult<()> {
        let Some(v) = v else {
            self.op(Op::Undefined);
            return Ok(());
        };
        match name {
            Some(n) => self.expr_named(v, n),
            None => {
                self.expr(v)?;
                if is_anonymous_fn(v) {
                    self.op(Op::SetNameComputed);
                }
                Ok(())
            }
        }
    }

    /// Calls the instance initializer on `this` if the running constructor has one: `this →
    /// this` (after `super(…)`) when `dup`, else `→`.
    pub fn call_field_init(&mut self, dup: bool) {
        let Some((level, b)) = self.f().field_init else {
            return;
        };
        if dup {
            self.op(Op::Dup);
        } else {
            self.op(Op::This);
        }
        self.get_hidden(level, b);
        self.op_arg(Op::Call, 0u16);
        self.op(Op::Drop);
    }
}
