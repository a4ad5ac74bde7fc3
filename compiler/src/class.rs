//! Classes: `Class` builds the constructor and prototype, then methods are defined on them.
use crate::compiler::{CResult, Compiler, FnBody, FnSpec};
use crate::scope::{DeclKind, ScopeKind};
use oxc_ast::ast::*;
use oxc_span::GetSpan;
use qjs_bytecode::{flags, Constant, Op};

impl<'a, 's> Compiler<'a, 's> {
    /// Pushes the class constructor. `name` is the class's name (or the inferred one).
    pub fn class(&mut self, c: &'a Class<'a>, name: &str) -> CResult<()> {
        if let Some(d) = c.decorators.first() {
            return Err(self.unsupported(d.span, "decorators"));
        }
        // All parts of a class are strict code.
        let was_strict = std::mem::replace(&mut self.f().strict, true);
        let scope = self.push_scope(ScopeKind::Block);
        let r = self.class_body(c, name, scope);
        self.pop_scope();
        self.f().strict = was_strict;
        r
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
        for el in &c.body.body {
            match el {
                ClassElement::MethodDefinition(m)
                    if m.kind == MethodDefinitionKind::Constructor =>
                {
                    ctor = Some(m)
                }
                ClassElement::MethodDefinition(_) => {}
                ClassElement::PropertyDefinition(p) => {
                    return Err(self.unsupported(p.span, "class fields"))
                }
                ClassElement::StaticBlock(b) => {
                    return Err(self.unsupported(b.span, "class static blocks"))
                }
                ClassElement::AccessorProperty(a) => {
                    return Err(self.unsupported(a.span, "accessor fields"))
                }
                other => return Err(self.unsupported(other.span(), "this class element")),
            }
        }
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
                    params: Some(&m.value.params),
                    body: FnBody::Block(body),
                    name: name.to_string(),
                    self_name: None,
                    flags: fl,
                }
            }
            None => FnSpec {
                span: c.span,
                params: None,
                body: FnBody::DefaultCtor { derived },
                name: name.to_string(),
                self_name: None,
                flags: fl,
            },
        };
        let idx = self.compile_function(spec)?;
        let k = self.e().constant(Constant::Function(idx));
        self.line(c.span);
        self.e().emit3(Op::Class, k as i64, u8::from(derived));
        // ctor proto
        for el in &c.body.body {
            let ClassElement::MethodDefinition(m) = el else {
                continue;
            };
            if m.kind == MethodDefinitionKind::Constructor {
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
            self.define_method(key, &m.value, kind, flags::METHOD | flags::NOT_CONSTRUCTOR)?;
            if m.r#static {
                self.op(Op::Swap);
            }
        }
        self.op(Op::Drop);
        if let Some(b) = inner {
            self.op(Op::Dup);
            self.emit_init(b);
        }
        Ok(())
    }
}
