//! Destructuring: binding patterns (declarations, parameters, catch) and assignment patterns.
//! Every entry point takes the value to destructure on the stack and pops it.
use crate::compiler::{CResult, Compiler};
use crate::expr::Key;
use oxc_ast::ast::*;
use oxc_span::GetSpan;
use qjs_bytecode::{Constant, Op};

/// A key an object pattern names before its rest element (excluded from the rest object).
pub enum Excluded {
    Atom(u32),
    /// A computed key, saved in a temporary local.
    Local(u16),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindMode {
    /// let/const/class, parameters, catch: initialize the binding of the current scope.
    Init,
    /// `var`: an assignment to the resolved binding.
    Var,
}

impl<'a, 's> Compiler<'a, 's> {
    pub fn bind_pattern(&mut self, p: &'a BindingPattern<'a>, mode: BindMode) -> CResult<()> {
        match p {
            BindingPattern::BindingIdentifier(id) => {
                let name = id.name.as_str();
                match mode {
                    BindMode::Init => self.emit_init_name(name),
                    BindMode::Var => {
                        let r = self.resolve(name);
                        self.emit_put(&r);
                    }
                }
            }
            BindingPattern::AssignmentPattern(a) => {
                let name = match &a.left {
                    BindingPattern::BindingIdentifier(id) => id.name.as_str(),
                    _ => "",
                };
                self.default_value(&a.right, name)?;
                self.bind_pattern(&a.left, mode)?;
            }
            BindingPattern::ObjectPattern(o) => {
                self.require_object_coercible(o.properties.is_empty());
                let mut excluded = o.rest.as_ref().map(|_| Vec::new());
                for prop in &o.properties {
                    self.op(Op::Dup);
                    self.get_prop(&prop.key, prop.computed, excluded.as_mut())?;
                    self.bind_pattern(&prop.value, mode)?;
                }
                if let (Some(r), Some(excluded)) = (&o.rest, &excluded) {
                    self.object_rest(excluded);
                    self.bind_pattern(&r.argument, mode)?;
                }
                self.op(Op::Drop);
            }
            BindingPattern::ArrayPattern(a) => {
                let (handler, done) = self.array_pattern_start();
                for el in &a.elements {
                    self.op(Op::IterNextOrUndef);
                    match el {
                        Some(p) => self.bind_pattern(p, mode)?,
                        None => self.op(Op::Drop),
                    }
                }
                if let Some(r) = &a.rest {
                    self.op(Op::IterRest);
                    self.bind_pattern(&r.argument, mode)?;
                }
                self.array_pattern_end(handler, done);
            }
        }
        Ok(())
    }

    /// RequireObjectCoercible for an empty object pattern (a non-empty one throws at its first
    /// property read).
    fn require_object_coercible(&mut self, empty: bool) {
        if empty {
            self.op(Op::RequireObjectCoercible);
        }
    }

    /// `source → source rest`: the rest object of an object pattern, without the keys the
    /// pattern named before it.
    fn object_rest(&mut self, excluded: &[Excluded]) {
        self.op(Op::Dup);
        for k in excluded {
            match *k {
                Excluded::Atom(a) => {
                    let i = self.e().constant(Constant::String(a));
                    self.op_arg(Op::PushConst, i);
                }
                Excluded::Local(l) => self.op_arg(Op::GetLoc, l),
            }
        }
        self.op_arg(Op::CopyDataPropsExcept, excluded.len() as i64);
    }

    /// `iterable → iter next`, with a handler that closes the iterator if a binding throws.
    fn array_pattern_start(&mut self) -> (crate::emit::Label, crate::emit::Label) {
        let (handler, done) = (self.label(), self.label());
        self.op(Op::ForOfStart);
        self.jump(Op::TryFinally, handler);
        (handler, done)
    }

    fn array_pattern_end(&mut self, handler: crate::emit::Label, done: crate::emit::Label) {
        self.op(Op::TryEnd);
        self.op(Op::IteratorClose);
        self.jump(Op::Jump, done);
        self.bind(handler);
        self.op(Op::IteratorCloseThrow);
        self.bind(done);
    }

    /// `obj → value` of a destructured property. With `excluded` (the pattern has a rest
    /// element), the key is also recorded, computed keys in a temporary local.
    fn get_prop(
        &mut self,
        key: &'a PropertyKey<'a>,
        computed: bool,
        excluded: Option<&mut Vec<Excluded>>,
    ) -> CResult<()> {
        match self.prop_key(key, computed)? {
            Key::Atom(a, _) => {
                if let Some(ex) = excluded {
                    ex.push(Excluded::Atom(a));
                }
                self.op_arg(Op::GetField, a)
            }
            Key::Computed => {
                if let Some(ex) = excluded {
                    let t = self.alloc_local()?;
                    self.op_arg(Op::SetLoc, t);
                    ex.push(Excluded::Local(t));
                }
                self.op(Op::GetElem)
            }
        }
        Ok(())
    }

    /// `value → value'`: replaces undefined by the default.
    pub fn default_value(&mut self, init: &'a Expression<'a>, name: &str) -> CResult<()> {
        let skip = self.label();
        self.op(Op::Dup);
        self.op(Op::Undefined);
        self.op(Op::StrictEq);
        self.jump(Op::JumpIfFalse, skip);
        self.op(Op::Drop);
        self.expr_named(init, name)?;
        self.bind(skip);
        Ok(())
    }

    /// `value →`: assigns to a target (identifier, member, or pattern).
    /// `iter next → iter next`: the rest element of an array assignment pattern.
    fn rest_element(&mut self, t: &'a AssignmentTarget<'a>) -> CResult<()> {
        self.target_then_value(t, |c| {
            c.op(Op::IterRest);
            Ok(())
        })
    }

    /// `iter next → iter next`: assigns the value `produce` pushes to `t`. A property target's
    /// object and key are evaluated before the value is produced (13.15.5.5-6: the reference
    /// comes before IteratorStep), kept in temporary locals meanwhile; the key is converted
    /// when the value is stored (PutValue).
    fn target_then_value(
        &mut self,
        t: &'a AssignmentTarget<'a>,
        produce: impl FnOnce(&mut Self) -> CResult<()>,
    ) -> CResult<()> {
        match t {
            AssignmentTarget::StaticMemberExpression(m)
                if !matches!(m.object, Expression::Super(_)) =>
            {
                let a = self.atom(m.property.name.as_str());
                let obj = self.alloc_local()?;
                self.expr(&m.object)?;
                self.op_arg(Op::PutLoc, obj);
                produce(self)?;
                self.op_arg(Op::GetLoc, obj);
                self.op(Op::Swap);
                self.op_arg(Op::PutField, a);
            }
            AssignmentTarget::ComputedMemberExpression(m)
                if !matches!(m.object, Expression::Super(_)) =>
            {
                let (obj, key) = (self.alloc_local()?, self.alloc_local()?);
                self.expr(&m.object)?;
                self.op_arg(Op::PutLoc, obj);
                self.expr(&m.expression)?;
                self.op_arg(Op::PutLoc, key);
                produce(self)?;
                self.op_arg(Op::GetLoc, obj);
                self.op_arg(Op::GetLoc, key);
                self.op(Op::Rot3L);
                self.op(Op::PutElem);
            }
            _ => {
                produce(self)?;
                self.assign_target(t)?;
            }
        }
        Ok(())
    }

    pub fn assign_target(&mut self, t: &'a AssignmentTarget<'a>) -> CResult<()> {
        match t {
            AssignmentTarget::AssignmentTargetIdentifier(id) => {
                self.check_assign_name(id.name.as_str(), id.span)?;
                let r = self.resolve(id.name.as_str());
                self.emit_put(&r);
            }
            AssignmentTarget::StaticMemberExpression(m) => {
                let a = self.atom(m.property.name.as_str());
                if let Expression::Super(_) = m.object {
                    self.check_super(false, m.span)?;
                    self.op_arg(Op::PutSuperField, a);
                } else {
                    self.expr(&m.object)?;
                    self.op(Op::Swap);
                    self.op_arg(Op::PutField, a);
                }
            }
            AssignmentTarget::ComputedMemberExpression(m) => {
                if let Expression::Super(_) = m.object {
                    self.check_super(false, m.span)?;
                    self.expr(&m.expression)?;
                    self.op(Op::Swap);
                    self.op(Op::PutSuperElem);
                } else {
                    self.expr(&m.object)?;
                    self.expr(&m.expression)?;
                    self.op(Op::Rot3L);
                    self.op(Op::PutElem);
                }
            }
            AssignmentTarget::PrivateFieldExpression(m) => {
                self.expr(&m.object)?;
                self.private_name(&m.field)?;
                self.op(Op::Rot3L);
                self.op(Op::PutPrivate);
            }
            other => match other.as_assignment_target_pattern() {
                Some(p) => self.assign_pattern(p)?,
                None => return Err(self.unsupported(other.span(), "this assignment target")),
            },
        }
        Ok(())
    }

    pub fn assign_pattern(&mut self, p: &'a AssignmentTargetPattern<'a>) -> CResult<()> {
        match p {
            AssignmentTargetPattern::ObjectAssignmentTarget(o) => {
                self.require_object_coercible(o.properties.is_empty());
                let mut excluded = o.rest.as_ref().map(|_| Vec::new());
                for prop in &o.properties {
                    self.op(Op::Dup);
                    match prop {
                        AssignmentTargetProperty::AssignmentTargetPropertyIdentifier(p) => {
                            let name = p.binding.name.as_str();
                            self.check_assign_name(name, p.binding.span)?;
                            let a = self.atom(name);
                            if let Some(ex) = excluded.as_mut() {
                                ex.push(Excluded::Atom(a));
                            }
                            self.op_arg(Op::GetField, a);
                            if let Some(init) = &p.init {
                                self.default_value(init, name)?;
                            }
                            let r = self.resolve(name);
                            self.emit_put(&r);
                        }
                        AssignmentTargetProperty::AssignmentTargetPropertyProperty(p) => {
                            self.get_prop(&p.name, p.computed, excluded.as_mut())?;
                            self.assign_maybe_default(&p.binding)?;
                        }
                    }
                }
                if let (Some(r), Some(excluded)) = (&o.rest, &excluded) {
                    self.object_rest(excluded);
                    self.assign_target(&r.target)?;
                }
                self.op(Op::Drop);
            }
            AssignmentTargetPattern::ArrayAssignmentTarget(a) => {
                let (handler, done) = self.array_pattern_start();
                for el in &a.elements {
                    match el {
                        Some(t) => self.array_element(t)?,
                        None => {
                            self.op(Op::IterNextOrUndef);
                            self.op(Op::Drop);
                        }
                    }
                }
                if let Some(r) = &a.rest {
                    self.rest_element(&r.target)?;
                }
                self.array_pattern_end(handler, done);
            }
        }
        Ok(())
    }

    /// `iter next → iter next`: one element of an array assignment pattern (AssignmentElement).
    fn array_element(&mut self, t: &'a AssignmentTargetMaybeDefault<'a>) -> CResult<()> {
        match t {
            AssignmentTargetMaybeDefault::AssignmentTargetWithDefault(d) => {
                let name = match &d.binding {
                    AssignmentTarget::AssignmentTargetIdentifier(id) => id.name.as_str(),
                    _ => "",
                };
                self.target_then_value(&d.binding, |c| {
                    c.op(Op::IterNextOrUndef);
                    c.default_value(&d.init, name)
                })
            }
            other => match other.as_assignment_target() {
                Some(t) => self.target_then_value(t, |c| {
                    c.op(Op::IterNextOrUndef);
                    Ok(())
                }),
                None => Err(self.unsupported(other.span(), "this assignment target")),
            },
        }
    }

    fn assign_maybe_default(&mut self, t: &'a AssignmentTargetMaybeDefault<'a>) -> CResult<()> {
        match t {
            AssignmentTargetMaybeDefault::AssignmentTargetWithDefault(d) => {
                let name = match &d.binding {
                    AssignmentTarget::AssignmentTargetIdentifier(id) => id.name.as_str(),
                    _ => "",
                };
                self.default_value(&d.init, name)?;
                self.assign_target(&d.binding)
            }
            other => match other.as_assignment_target() {
                Some(t) => self.assign_target(t),
                None => Err(self.unsupported(other.span(), "this assignment target")),
            },
        }
    }
}
