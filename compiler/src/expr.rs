//! Expressions: each `expr` call leaves exactly one value on the stack.
use crate::compiler::{CResult, ChainCtx, Compiler, FnBody, FnSpec, Place};
use oxc_ast::ast::*;
use oxc_span::{GetSpan, Span};
use qjs_bytecode::{flags, Op};

/// Expressions (and statements) nested deeper than this are rejected rather than risking the
/// native stack.
pub const MAX_NESTING: u32 = 1000;

/// A place that an assignment writes, with its object/key already on the stack.
#[derive(Clone, Copy)]
pub enum Ref {
    Var(crate::compiler::Resolved),
    /// A name that passes object environments: `env` on the stack (see
    /// [`Compiler::dynamic_base`]).
    Dyn(crate::compiler::Resolved),
    /// `obj` on the stack.
    Field(u32),
    /// `obj key` on the stack.
    Elem,
    SuperField(u32),
    /// `base key` on the stack: a super reference that is read, then written (its base is
    /// taken once, before the key's conversion, 13.3.7.3).
    SuperBase,
    /// `key` on the stack.
    SuperElem,
    /// `obj name` on the stack (a private name).
    Private,
}

impl Ref {
    fn size(self) -> usize {
        match self {
            Ref::Var(_) | Ref::SuperField(_) => 0,
            Ref::Field(_) | Ref::SuperElem | Ref::Dyn(_) => 1,
            Ref::Elem | Ref::Private | Ref::SuperBase => 2,
        }
    }
}

/// A property key: an atom, or a value left on the stack.
pub enum Key {
    Atom(u32, String),
    Computed,
}

pub fn binary_op(op: BinaryOperator) -> Option<Op> {
    use BinaryOperator as B;
    Some(match op {
        B::Equality => Op::Eq,
        B::Inequality => Op::Ne,
        B::StrictEquality => Op::StrictEq,
        B::StrictInequality => Op::StrictNe,
        B::LessThan => Op::Lt,
        B::LessEqualThan => Op::Le,
        B::GreaterThan => Op::Gt,
        B::GreaterEqualThan => Op::Ge,
        B::Addition => Op::Add,
        B::Subtraction => Op::Sub,
        B::Multiplication => Op::Mul,
        B::Division => Op::Div,
        B::Remainder => Op::Mod,
        B::Exponential => Op::Pow,
        B::ShiftLeft => Op::Shl,
        B::ShiftRight => Op::Sar,
        B::ShiftRightZeroFill => Op::Shr,
        B::BitwiseOR => Op::BitOr,
        B::BitwiseXOR => Op::BitXor,
        B::BitwiseAnd => Op::BitAnd,
        B::In => Op::In,
        B::Instanceof => Op::InstanceOf,
    })
}

/// The arithmetic of a compound assignment, or the short-circuit jump of a logical one.
fn compound_op(op: AssignmentOperator) -> Result<Op, Op> {
    use AssignmentOperator as A;
    Ok(match op {
        A::Assign => Op::Nop,
        A::Addition => Op::Add,
        A::Subtraction => Op::Sub,
        A::Multiplication => Op::Mul,
        A::Division => Op::Div,
        A::Remainder => Op::Mod,
        A::Exponential => Op::Pow,
        A::ShiftLeft => Op::Shl,
        A::ShiftRight => Op::Sar,
        A::ShiftRightZeroFill => Op::Shr,
        A::BitwiseOR => Op::BitOr,
        A::BitwiseXOR => Op::BitXor,
        A::BitwiseAnd => Op::BitAnd,
        A::LogicalOr => return Err(Op::Or),
        A::LogicalAnd => return Err(Op::And),
        A::LogicalNullish => return Err(Op::Coalesce),
    })
}

/// IsAnonymousFunctionDefinition: the expressions that NamedEvaluation names.
pub fn is_anonymous_fn(e: &Expression<'_>) -> bool {
    match e {
        Expression::FunctionExpression(f) => f.id.is_none(),
        Expression::ArrowFunctionExpression(_) => true,
        Expression::ClassExpression(c) => c.id.is_none(),
        Expression::ParenthesizedExpression(p) => is_anonymous_fn(&p.expression),
        _ => false,
    }
}

impl<'a, 's> Compiler<'a, 's> {
    /// Compiles `e` and discards its value.
    pub fn expr_discard(&mut self, e: &'a Expression<'a>) -> CResult<()> {
        match e {
            Expression::AssignmentExpression(a) => self.assign(a, false),
            Expression::UpdateExpression(u) => self.update(u, false),
            Expression::ParenthesizedExpression(p) => self.expr_discard(&p.expression),
            _ => {
                self.expr(e)?;
                self.op(Op::Drop);
                Ok(())
            }
        }
    }

    /// NamedEvaluation: an anonymous function or class gets `name`.
    pub fn expr_named(&mut self, e: &'a Expression<'a>, name: &str) -> CResult<()> {
        match e {
            Expression::FunctionExpression(f) if f.id.is_none() => self.emit_closure_for(f, name),
            Expression::ArrowFunctionExpression(a) => self.arrow(a, name),
            Expression::ClassExpression(c) if c.id.is_none() => self.class(c, name),
            Expression::ParenthesizedExpression(p) => self.expr_named(&p.expression, name),
            _ => self.expr(e),
        }
    }

    pub fn expr(&mut self, e: &'a Expression<'a>) -> CResult<()> {
        self.depth += 1;
        let r = if self.depth > MAX_NESTING {
            Err(self.unsupported(e.span(), "expressions nested this deeply"))
        } else {
            self.expr_inner(e)
        };
        self.depth -= 1;
        r
    }

    /// A left-nested chain `a + b + c …` compiles iteratively (generated code has long ones).
    fn binary_chain(&mut self, b: &'a BinaryExpression<'a>) -> CResult<()> {
        let mut spine = vec![b];
        while let Expression::BinaryExpression(l) = &spine[spine.len() - 1].left {
            spine.push(l);
        }
        let leftmost = &spine[spine.len() - 1].left;
        self.expr(leftmost)?;
        for b in spine.iter().rev() {
            self.expr(&b.right)?;
            let op = binary_op(b.operator).ok_or_else(|| self.unsupported(b.span, "operator"))?;
            self.op(op);
        }
        Ok(())
    }

    fn expr_inner(&mut self, e: &'a Expression<'a>) -> CResult<()> {
        match e {
            Expression::BooleanLiteral(b) => self.op(if b.value { Op::True } else { Op::False }),
            Expression::NullLiteral(_) => self.op(Op::Null),
            Expression::NumericLiteral(n) => {
                self.check_legacy_octal(n.raw.as_ref().map(|r| r.as_str()), n.span)?;
                self.push_number(n.value)
            }
            Expression::StringLiteral(s) => {
                self.check_legacy_octal(s.raw.as_ref().map(|r| r.as_str()), s.span)?;
                self.push_string(crate::compiler::js_string(
                    s.value.as_str(),
                    s.lone_surrogates,
                ))
            }
            Expression::BigIntLiteral(b) => self.push_bigint(b.value.as_str()),
            Expression::RegExpLiteral(r) => self.regexp_literal(r)?,
            Expression::TemplateLiteral(t) => self.template(t)?,
            Expression::Identifier(id) => {
                self.check_reference_name(id.name.as_str(), id.span)?;
                self.check_class_init_name(id)?;
                self.identifier(id)
            }
            // A module's top level has no `this` (and its arrows see that).
            Expression::ThisExpression(_) if self.f().this_undefined => self.op(Op::Undefined),
            Expression::ThisExpression(_) => self.op(Op::This),
            Expression::Super(s) => {
                return Err(self.syntax(s.span, "'super' keyword unexpected here"))
            }
            Expression::ArrayExpression(a) => self.array(a)?,
            Expression::ObjectExpression(o) => self.object(o)?,
            Expression::ArrowFunctionExpression(a) => self.arrow(a, "")?,
            Expression::FunctionExpression(f) => {
                let name = f.id.as_ref().map_or("", |i| i.name.as_str());
                self.emit_closure_for(f, name)?
            }
            Expression::ClassExpression(c) => {
                let name = c.id.as_ref().map_or("", |i| i.name.as_str());
                self.class(c, name)?
            }
            Expression::AssignmentExpression(a) => self.assign(a, true)?,
            Expression::UpdateExpression(u) => self.update(u, true)?,
            Expression::UnaryExpression(u) => self.unary(u)?,
            Expression::BinaryExpression(b) => self.binary_chain(b)?,
            Expression::PrivateInExpression(p) => {
                self.expr(&p.right)?;
                self.private_name(&p.left)?;
                self.line(p.span);
                self.op(Op::PrivateIn);
            }
            Expression::LogicalExpression(l) => {
                self.expr(&l.left)?;
                let end = self.label();
                let op = match l.operator {
                    LogicalOperator::And => Op::And,
                    LogicalOperator::Or => Op::Or,
                    LogicalOperator::Coalesce => Op::Coalesce,
                };
                self.jump(op, end);
                self.expr(&l.right)?;
                self.bind(end);
            }
            Expression::ConditionalExpression(c) => {
                let (other, end) = (self.label(), self.label());
                self.expr(&c.test)?;
                self.jump(Op::JumpIfFalse, other);
                self.expr(&c.consequent)?;
                self.jump(Op::Jump, end);
                self.bind(other);
                self.expr(&c.alternate)?;
                self.bind(end);
            }
            Expression::SequenceExpression(s) => {
                for (i, x) in s.expressions.iter().enumerate() {
                    if i + 1 == s.expressions.len() {
                        self.expr(x)?;
                    } else {
                        self.expr_discard(x)?;
                    }
                }
            }
            Expression::ParenthesizedExpression(p) => self.expr(&p.expression)?,
            Expression::CallExpression(c) => self.call(c)?,
            Expression::NewExpression(n) => {
                self.expr(&n.callee)?;
                self.line(n.span);
                self.arguments(&n.arguments, Op::New, Op::NewSpread)?;
            }
            Expression::ChainExpression(c) => self.chain(c, false)?,
            Expression::StaticMemberExpression(m) => self.static_member(m, false)?,
            Expression::ComputedMemberExpression(m) => self.computed_member(m, false)?,
            Expression::PrivateFieldExpression(m) => self.private_member(m, false)?,
            Expression::NewTarget(_) => self.op(Op::NewTarget),
            Expression::ImportMeta(_) => self.op(Op::ImportMeta),
            Expression::TaggedTemplateExpression(t) => self.tagged_template(t)?,
            Expression::AwaitExpression(a) => {
                if self.f().in_params {
                    return Err(self.syntax(a.span, "await is not allowed in parameters"));
                }
                if self.in_class_init() {
                    return Err(self.syntax(
                        a.span,
                        "await is not allowed in class field initializers or static blocks",
                    ));
                }
                if self.module_top_level() {
                    self.f().module_awaits = true;
                }
                self.expr(&a.argument)?;
                self.op(Op::Await);
            }
            Expression::YieldExpression(y) => self.yield_expr(y)?,
            Expression::ImportExpression(i) => self.import_call(i)?,
            other => return Err(self.unsupported(other.span(), "this expression")),
        }
        Ok(())
    }

    /// Compiles an element that must be an expression (the caller excluded the other kinds).
    pub(crate) fn expr_of(&mut self, e: Option<&'a Expression<'a>>, span: Span) -> CResult<()> {
        match e {
            Some(e) => self.expr(e),
            None => Err(self.unsupported(span, "this element")),
        }
    }

    /// `arguments` is an early error in class field initializers and static blocks.
    fn check_class_init_name(&mut self, id: &IdentifierReference<'a>) -> CResult<()> {
        if id.name == "arguments" && self.in_class_init() {
            return Err(self.syntax(
                id.span,
                "'arguments' is not allowed in class field initializer or static initialization block",
            ));
        }
        Ok(())
    }

    fn identifier(&mut self, id: &'a IdentifierReference<'a>) {
        let r = self.resolve(id.name.as_str());
        if r.place == Place::Global(r.atom) && r.dynamic.is_none() && id.name == "undefined" {
            // The global `undefined` is read-only.
            self.op(Op::Undefined);
            return;
        }
        self.emit_get(&r);
    }

    /// `/pattern/flags`: compiled now (a bad pattern is an early SyntaxError, and the program
    /// carries the compiled form), then a fresh RegExp object at each evaluation.
    fn regexp_literal(&mut self, r: &'a RegExpLiteral<'a>) -> CResult<()> {
        let text = r.regex.pattern.text.as_str();
        let pattern: Vec<u16> = text.encode_utf16().collect();
        let flags_text = r.regex.flags.to_string();
        let flags = qjs_regexp::Flags::parse(flags_text.chars().map(u32::from))
            .ok_or_else(|| self.syntax(r.span, "Invalid regular expression flags"))?;
        let compiled = qjs_regexp::Regex::new(&pattern, flags).map_err(|e| {
            self.syntax(
                r.span,
                format!(
                    "Invalid regular expression: /{text}/{flags_text}: {}",
                    e.message
                ),
            )
        })?;
        let literal = qjs_bytecode::RegExpLiteral {
            source: self.atom_units(crate::compiler::js_string(text, false)),
            flags: self.atom(&flags_text),
            program: compiled.to_bytes(),
        };
        let index = self.regexps.len() as u32;
        self.regexps.push(literal);
        let k = self.e().constant(qjs_bytecode::Constant::RegExp(index));
        self.op_arg(Op::RegExp, k);
        Ok(())
    }

    fn template(&mut self, t: &'a TemplateLiteral<'a>) -> CResult<()> {
        let cooked = |c: &TemplateElement<'a>| -> Option<Vec<u16>> {
            c.value
                .cooked
                .as_ref()
                .map(|s| crate::compiler::js_string(s.as_str(), c.lone_surrogates))
        };
        let first = t.quasis.first().and_then(cooked).unwrap_or_default();
        let mut have = false;
        if !first.is_empty() || t.expressions.is_empty() {
            self.push_string(first);
            have = true;
        }
        for (i, e) in t.expressions.iter().enumerate() {
            self.expr(e)?;
            self.op(Op::ToString);
            if have {
                self.op(Op::Add);
            }
            have = true;
            let q = t.quasis.get(i + 1).and_then(cooked).unwrap_or_default();
            if !q.is_empty() {
                self.push_string(q);
                self.op(Op::Add);
            }
        }
        Ok(())
    }

    /// ``tag`a${x}b` `` calls tag(templateObject, x), with `this` from a member tag.
    fn tagged_template(&mut self, t: &'a TaggedTemplateExpression<'a>) -> CResult<()> {
        let tail = std::mem::take(&mut self.f().tail_call);
        match &t.tag {
            Expression::StaticMemberExpression(m) => self.static_member(m, true)?,
            Expression::ComputedMemberExpression(m) => self.computed_member(m, true)?,
            Expression::PrivateFieldExpression(m) => self.private_member(m, true)?,
            tag => {
                self.op(Op::Undefined);
                self.expr(tag)?;
            }
        }
        let quasis = &t.quasi.quasis;
        let n = self.check_u16(quasis.len() as u32, t.span, "template strings")?;
        for q in quasis {
            match &q.value.cooked {
                Some(c) => {
                    self.push_string(crate::compiler::js_string(c.as_str(), q.lone_surrogates))
                }
                None => self.op(Op::Undefined),
            }
        }
        for q in quasis {
            // The raw value's line terminators are normalized to LF (TRV).
            let raw = q
                .value
                .raw
                .as_str()
                .replace("\r\n", "\n")
                .replace('\r', "\n");
            self.push_string(raw.encode_utf16().collect());
        }
        self.line(t.span);
        self.op_arg(Op::TemplateObject, n);
        for e in &t.quasi.expressions {
            self.expr(e)?;
        }
        let argc = self.check_u16(t.quasi.expressions.len() as u32 + 1, t.span, "arguments")?;
        let op = self.call_op(tail);
        self.op_arg(op, argc);
        Ok(())
    }

    // ---- optional chains ----

    /// `→ value`, or with `keep_this` (a member chain that is called, `(a?.b)()`)
    /// `→ this value`.
    fn chain(&mut self, c: &'a ChainExpression<'a>, keep_this: bool) -> CResult<()> {
        let end = self.label();
        let base_depth = self.e().depth;
        let saved = self.f().chain.replace(ChainCtx {
            end,
            base_depth,
            pads: Vec::new(),
        });
        let r = match &c.expression {
            ChainElement::CallExpression(call) => self.call(call),
            ChainElement::StaticMemberExpression(m) => self.static_member(m, keep_this),
            ChainElement::ComputedMemberExpression(m) => self.computed_member(m, keep_this),
            ChainElement::PrivateFieldExpression(m) => self.private_member(m, keep_this),
            other => Err(self.unsupported(other.span(), "this optional chain")),
        };
        let ctx = std::mem::replace(&mut self.f().chain, saved);
        r?;
        let Some(ctx) = ctx else { return Ok(()) };
        let done = self.label();
        if keep_this || !ctx.pads.is_empty() {
            self.jump(Op::Jump, done);
            for (pad, extra) in ctx.pads {
                self.bind(pad);
                for _ in 0..extra {
                    self.op(Op::Nip);
                }
                self.jump(Op::Jump, end);
            }
        }
        self.bind(end);
        if keep_this {
            // Short-circuited: `this` is undefined too.
            self.op(Op::Undefined);
            self.op(Op::Swap);
        }
        self.bind(done);
        Ok(())
    }

    /// `?.`: short-circuits the chain when the value on top is null or undefined.
    fn optional(&mut self, span: Span) -> CResult<()> {
        let depth = self.e().depth;
        let Some(ctx) = self.f().chain.as_ref() else {
            return Err(self.unsupported(span, "optional chain outside a chain"));
        };
        let (end, extra) = (ctx.end, depth - 1 - ctx.base_depth);
        if extra == 0 {
            self.jump(Op::OptionalChain, end);
        } else {
            let pad = self.label();
            if let Some(ctx) = self.f().chain.as_mut() {
                ctx.pads.push((pad, extra));
            }
            self.jump(Op::OptionalChain, pad);
        }
        Ok(())
    }

    // ---- property access ----

    /// `obj.name` (`keep`: `GetField2`, leaving the object as a call's `this`).
    fn static_member(&mut self, m: &'a StaticMemberExpression<'a>, keep: bool) -> CResult<()> {
        let a = self.atom(m.property.name.as_str());
        if let Expression::Super(_) = m.object {
            self.check_super(false, m.span)?;
            if keep {
                self.op(Op::This);
            }
            self.line(m.property.span);
            self.op_arg(Op::GetSuperField, a);
            return Ok(());
        }
        self.expr(&m.object)?;
        if m.optional {
            self.optional(m.span)?;
        }
        self.line(m.property.span);
        self.op_arg(if keep { Op::GetField2 } else { Op::GetField }, a);
        Ok(())
    }

    fn computed_member(&mut self, m: &'a ComputedMemberExpression<'a>, keep: bool) -> CResult<()> {
        if let Expression::Super(_) = m.object {
            self.check_super(false, m.span)?;
            if keep {
                self.op(Op::This);
            }
            self.expr(&m.expression)?;
            self.line(m.expression.span());
            self.op(Op::GetSuperElem);
            return Ok(());
        }
        self.expr(&m.object)?;
        if m.optional {
            self.optional(m.span)?;
        }
        self.expr(&m.expression)?;
        self.line(m.expression.span());
        self.op(if keep { Op::GetElem2 } else { Op::GetElem });
        Ok(())
    }

    /// `obj.#name` (`keep`: leaves the object below the value, as a call's `this`).
    fn private_member(&mut self, m: &'a PrivateFieldExpression<'a>, keep: bool) -> CResult<()> {
        self.expr(&m.object)?;
        if m.optional {
            self.optional(m.span)?;
        }
        if keep {
            self.op(Op::Dup);
        }
        self.private_name(&m.field)?;
        self.line(m.field.span);
        self.op(Op::GetPrivate);
        Ok(())
    }

    // ---- calls ----

    /// `→ value` for the operand of a `return` in a function that allows tail calls: the
    /// calls in tail position (through parentheses, `,`, `?:`, `&&`, `||`, `??`; 15.10.2)
    /// become `TailCall`.
    pub fn tail_expr(&mut self, e: &'a Expression<'a>) -> CResult<()> {
        match e {
            Expression::ParenthesizedExpression(p) => self.tail_expr(&p.expression),
            Expression::SequenceExpression(s) => {
                let Some((last, rest)) = s.expressions.split_last() else {
                    return Ok(());
                };
                for x in rest {
                    self.expr_discard(x)?;
                }
                self.tail_expr(last)
            }
            Expression::ConditionalExpression(c) => {
                let (other, end) = (self.label(), self.label());
                self.expr(&c.test)?;
                self.jump(Op::JumpIfFalse, other);
                self.tail_expr(&c.consequent)?;
                self.jump(Op::Jump, end);
                self.bind(other);
                self.tail_expr(&c.alternate)?;
                self.bind(end);
                Ok(())
            }
            Expression::LogicalExpression(l) => {
                let end = self.label();
                self.expr(&l.left)?;
                let op = match l.operator {
                    LogicalOperator::And => Op::And,
                    LogicalOperator::Or => Op::Or,
                    LogicalOperator::Coalesce => Op::Coalesce,
                };
                self.jump(op, end);
                self.tail_expr(&l.right)?;
                self.bind(end);
                Ok(())
            }
            Expression::CallExpression(_) | Expression::TaggedTemplateExpression(_) => {
                self.f().tail_call = true;
                let r = self.expr(e);
                self.f().tail_call = false;
                r
            }
            _ => self.expr(e),
        }
    }

    /// The call op of the call expression being compiled: `TailCall` in tail position.
    fn call_op(&mut self, tail: bool) -> Op {
        if tail {
            Op::TailCall
        } else {
            Op::Call
        }
    }

    fn call(&mut self, c: &'a CallExpression<'a>) -> CResult<()> {
        let tail = std::mem::take(&mut self.f().tail_call);
        match &c.callee {
            Expression::Super(_) => {
                self.check_super(true, c.span)?;
                self.line(c.span);
                self.arguments(&c.arguments, Op::SuperCall, Op::SuperCallSpread)?;
                self.call_field_init(true);
                return Ok(());
            }
            Expression::StaticMemberExpression(m) => self.static_member(m, true)?,
            Expression::ComputedMemberExpression(m) => self.computed_member(m, true)?,
            Expression::PrivateFieldExpression(m) => self.private_member(m, true)?,
            // `(a?.b)()` calls with `this` = a, like `a.b()`.
            Expression::ChainExpression(ch) if ch.expression.is_member_expression() => {
                self.chain(ch, true)?
            }
            Expression::Identifier(id) if id.name == "eval" && !c.optional => {
                return self.direct_eval_call(c, tail);
            }
            Expression::Identifier(id) => {
                self.check_reference_name(id.name.as_str(), id.span)?;
                self.check_class_init_name(id)?;
                let r = self.resolve(id.name.as_str());
                self.emit_call_ref(&r);
            }
            callee => {
                self.op(Op::Undefined);
                self.expr(callee)?;
            }
        }
        if c.optional {
            self.optional(c.span)?;
        }
        self.line(c.span);
        let op = self.call_op(tail && !c.optional);
        self.arguments(&c.arguments, op, Op::CallSpread)
    }

    /// Pushes the arguments and emits `plain n` (or builds an array for `spread`).
    fn arguments(&mut self, args: &'a [Argument<'a>], plain: Op, spread: Op) -> CResult<()> {
        if args.iter().any(|a| matches!(a, Argument::SpreadElement(_))) {
            self.spread_array(args)?;
            self.op(spread);
            return Ok(());
        }
        if args.len() > u16::MAX as usize {
            return Err(self.unsupported(Span::default(), "more than 65535 arguments"));
        }
        for a in args {
            self.expr_of(a.as_expression(), a.span())?;
        }
        self.op_arg(plain, args.len() as u16);
        Ok(())
    }

    /// `→ array` of arguments with spread elements.
    pub fn spread_array(&mut self, args: &'a [Argument<'a>]) -> CResult<()> {
        self.op_arg(Op::Array, 0u16);
        for a in args {
            match a {
                Argument::SpreadElement(s) => {
                    self.expr(&s.argument)?;
                    self.op(Op::AppendSpread);
                }
                other => {
                    self.expr_of(other.as_expression(), other.span())?;
                    self.op(Op::AppendElem);
                }
            }
        }
        Ok(())
    }

    // ---- assignment ----

    /// Pushes what a reference needs (object, key); `compound` converts the key once.
    pub fn prepare_ref(&mut self, t: &'a AssignmentTarget<'a>, compound: bool) -> CResult<Ref> {
        Ok(match t {
            AssignmentTarget::AssignmentTargetIdentifier(id) => {
                self.check_assign_name(id.name.as_str(), id.span)?;
                let r = self.resolve(id.name.as_str());
                if r.dynamic.is_some() {
                    self.dynamic_base(&r);
                    Ref::Dyn(r)
                } else {
                    Ref::Var(r)
                }
            }
            AssignmentTarget::StaticMemberExpression(m) => {
                let a = self.atom(m.property.name.as_str());
                if let Expression::Super(_) = m.object {
                    self.check_super(false, m.span)?;
                    if compound {
                        self.op(Op::GetSuperBase);
                        let k = self.e().constant(qjs_bytecode::Constant::String(a));
                        self.op_arg(Op::PushConst, k);
                        return Ok(Ref::SuperBase);
                    }
                    Ref::SuperField(a)
                } else {
                    self.expr(&m.object)?;
                    Ref::Field(a)
                }
            }
            AssignmentTarget::ComputedMemberExpression(m) => {
                let sup = matches!(m.object, Expression::Super(_));
                if sup {
                    self.check_super(false, m.span)?;
                } else {
                    self.expr(&m.object)?;
                }
                self.expr(&m.expression)?;
                if compound && sup {
                    self.op(Op::GetSuperBase);
                    self.op(Op::Swap);
                    self.op(Op::ToPropertyKey);
                    return Ok(Ref::SuperBase);
                }
                if compound {
                    self.op(if sup {
                        Op::ToPropertyKey
                    } else {
                        Op::ToPropertyKeyOf
                    });
                }
                if sup {
                    Ref::SuperElem
                } else {
                    Ref::Elem
                }
            }
            AssignmentTarget::PrivateFieldExpression(m) => {
                self.expr(&m.object)?;
                self.private_name(&m.field)?;
                Ref::Private
            }
            other => return Err(self.unsupported(other.span(), "this assignment target")),
        })
    }

    /// `refs → refs value`
    pub fn ref_get(&mut self, r: Ref) {
        match r {
            Ref::Var(v) => self.emit_get(&v),
            Ref::Dyn(v) => self.dynamic_base_get(&v),
            Ref::Field(a) => {
                self.op(Op::Dup);
                self.op_arg(Op::GetField, a);
            }
            Ref::Elem => {
                self.op(Op::Dup2);
                self.op(Op::GetElem);
            }
            Ref::SuperField(a) => self.op_arg(Op::GetSuperField, a),
            Ref::SuperBase => {
                self.op(Op::Dup2);
                self.op(Op::GetSuperRef);
            }
            Ref::SuperElem => {
                self.op(Op::Dup);
                self.op(Op::GetSuperElem);
            }
            Ref::Private => {
                self.op(Op::Dup2);
                self.op(Op::GetPrivate);
            }
        }
    }

    /// `refs value →`
    pub fn ref_put(&mut self, r: Ref) {
        match r {
            Ref::Var(v) => self.emit_put(&v),
            Ref::Dyn(v) => self.dynamic_base_put(&v),
            Ref::Field(a) => self.op_arg(Op::PutField, a),
            Ref::Elem => self.op(Op::PutElem),
            Ref::SuperField(a) => self.op_arg(Op::PutSuperField, a),
            Ref::SuperBase => self.op(Op::PutSuperRef),
            Ref::SuperElem => self.op(Op::PutSuperElem),
            Ref::Private => self.op(Op::PutPrivate),
        }
    }

    /// `refs v → v refs v`
    fn ref_insert(&mut self, r: Ref) {
        self.op(match r.size() {
            0 => Op::Dup,
            1 => Op::Insert2,
            _ => Op::Insert3,
        });
    }

    /// `refs value → value` (or `→` without `need`)
    fn ref_store(&mut self, r: Ref, need: bool) {
        if need {
            self.ref_insert(r);
        }
        self.ref_put(r);
    }

    pub fn assign(&mut self, a: &'a AssignmentExpression<'a>, need: bool) -> CResult<()> {
        // NamedEvaluation needs IsIdentifierRef: `(f) = function () {}` stays anonymous
        // (oxc drops the parentheses, but the target no longer starts the expression).
        let name = match &a.left {
            AssignmentTarget::AssignmentTargetIdentifier(id) if id.span.start == a.span.start => {
                id.name.as_str()
            }
            _ => "",
        };
        match compound_op(a.operator) {
            Ok(Op::Nop) => {
                if let Some(p) = a.left.as_assignment_target_pattern() {
                    self.expr(&a.right)?;
                    if need {
                        self.op(Op::Dup);
                    }
                    return self.assign_pattern(p);
                }
                let r = self.prepare_ref(&a.left, false)?;
                self.expr_named(&a.right, name)?;
                self.ref_store(r, need);
            }
            Ok(op) => {
                let r = self.prepare_ref(&a.left, true)?;
                self.ref_get(r);
                self.expr(&a.right)?;
                self.op(op);
                self.ref_store(r, need);
            }
            Err(jump) => {
                let r = self.prepare_ref(&a.left, true)?;
                self.ref_get(r);
                let (short, end) = (self.label(), self.label());
                self.jump(jump, short);
                self.expr_named(&a.right, name)?;
                self.ref_store(r, true);
                self.jump(Op::Jump, end);
                self.bind(short);
                for _ in 0..r.size() {
                    self.op(Op::Nip);
                }
                self.bind(end);
                if !need {
                    self.op(Op::Drop);
                }
            }
        }
        Ok(())
    }

    fn update(&mut self, u: &'a UpdateExpression<'a>, need: bool) -> CResult<()> {
        let r = self.prepare_ref(u.argument.as_assignment_target(), true)?;
        self.ref_get(r);
        let op = match u.operator {
            UpdateOperator::Increment => Op::Inc,
            UpdateOperator::Decrement => Op::Dec,
        };
        if u.prefix || !need {
            self.op(op);
            self.ref_store(r, need);
        } else {
            // Postfix: the result is the old value converted to a number.
            self.op(Op::ToNumeric);
            self.ref_insert(r);
            self.op(op);
            self.ref_put(r);
        }
        Ok(())
    }

    fn unary(&mut self, u: &'a UnaryExpression<'a>) -> CResult<()> {
        let op = match u.operator {
            UnaryOperator::UnaryPlus => Op::Plus,
            UnaryOperator::UnaryNegation => Op::Neg,
            UnaryOperator::LogicalNot => Op::Not,
            UnaryOperator::BitwiseNot => Op::BitNot,
            UnaryOperator::Typeof => {
                if let Expression::Identifier(id) = &u.argument {
                    self.check_class_init_name(id)?;
                    let r = self.resolve(id.name.as_str());
                    self.emit_typeof_get(&r);
                } else {
                    self.expr(&u.argument)?;
                }
                self.op(Op::TypeOf);
                return Ok(());
            }
            UnaryOperator::Void => {
                self.expr(&u.argument)?;
                self.op(Op::Drop);
                self.op(Op::Undefined);
                return Ok(());
            }
            UnaryOperator::Delete => return self.delete(&u.argument),
        };
        self.expr(&u.argument)?;
        self.op(op);
        Ok(())
    }

    fn delete(&mut self, arg: &'a Expression<'a>) -> CResult<()> {
        match arg {
            Expression::Identifier(id) => {
                if self.f().strict {
                    return Err(self.syntax(
                        id.span,
                        "Delete of an unqualified identifier in strict mode.",
                    ));
                }
                let r = self.resolve(id.name.as_str());
                self.emit_delete_ref(&r);
            }
            Expression::StaticMemberExpression(m) if !matches!(m.object, Expression::Super(_)) => {
                self.expr(&m.object)?;
                self.line(m.property.span);
                self.op_atom(Op::DeleteField, m.property.name.as_str());
            }
            Expression::ComputedMemberExpression(m)
                if !matches!(m.object, Expression::Super(_)) =>
            {
                self.expr(&m.object)?;
                self.expr(&m.expression)?;
                self.op(Op::DeleteElem);
            }
            Expression::PrivateFieldExpression(m) => {
                return Err(self.syntax(m.span, "Private fields can not be deleted"))
            }
            Expression::StaticMemberExpression(m) => {
                // `delete super.x` throws once the reference exists (13.5.1.2 step 5.a).
                self.check_super(false, m.span)?;
                self.op(Op::This);
                self.op(Op::Drop);
                self.throw_super_delete();
            }
            Expression::ComputedMemberExpression(m) => {
                self.check_super(false, m.span)?;
                self.op(Op::This);
                self.op(Op::Drop);
                self.expr(&m.expression)?;
                self.op(Op::Drop);
                self.throw_super_delete();
            }
            Expression::ChainExpression(_) => {
                return Err(self.unsupported(arg.span(), "this delete operand"))
            }
            Expression::ParenthesizedExpression(p) => return self.delete(&p.expression),
            other => {
                self.expr(other)?;
                self.op(Op::Drop);
                self.op(Op::True);
            }
        }
        Ok(())
    }

    /// `→ bool` (never pushed): the ReferenceError of deleting a super reference.
    fn throw_super_delete(&mut self) {
        self.op_atom(Op::ThrowReferenceError, "Unsupported reference to 'super'");
        self.op(Op::True);
    }

    // ---- literals ----

    fn array(&mut self, a: &'a ArrayExpression<'a>) -> CResult<()> {
        let plain = a
            .elements
            .iter()
            .take(32)
            .take_while(|e| {
                !matches!(
                    e,
                    ArrayExpressionElement::SpreadElement(_) | ArrayExpressionElement::Elision(_)
                )
            })
            .count();
        for e in &a.elements[..plain] {
            self.expr_of(e.as_expression(), e.span())?;
        }
        self.op_arg(Op::Array, plain as u16);
        for e in &a.elements[plain..] {
            match e {
                ArrayExpressionElement::SpreadElement(s) => {
                    self.expr(&s.argument)?;
                    self.op(Op::AppendSpread);
                }
                ArrayExpressionElement::Elision(_) => self.op(Op::AppendHole),
                other => {
                    self.expr_of(other.as_expression(), other.span())?;
                    self.op(Op::AppendElem);
                }
            }
        }
        Ok(())
    }

    /// Pushes a computed (or numeric) key, or returns the atom of a static one.
    pub fn prop_key(&mut self, key: &'a PropertyKey<'a>, computed: bool) -> CResult<Key> {
        match key {
            PropertyKey::StaticIdentifier(id) if !computed => {
                let s = id.name.as_str();
                Ok(Key::Atom(self.atom(s), s.to_string()))
            }
            PropertyKey::StringLiteral(s) if !computed => {
                self.check_legacy_octal(s.raw.as_ref().map(|r| r.as_str()), s.span)?;
                let units = crate::compiler::js_string(s.value.as_str(), s.lone_surrogates);
                let name = String::from_utf16_lossy(&units);
                Ok(Key::Atom(self.atom_units(units), name))
            }
            PropertyKey::NumericLiteral(n) if !computed => {
                self.check_legacy_octal(n.raw.as_ref().map(|r| r.as_str()), n.span)?;
                self.push_number(n.value);
                Ok(Key::Computed)
            }
            PropertyKey::PrivateIdentifier(p) => Err(self.unsupported(p.span, "private names")),
            // The key is the value's decimal text (`{ 0x10n: 1 }` defines "16").
            PropertyKey::BigIntLiteral(b) if !computed => {
                let s = b.value.as_str();
                Ok(Key::Atom(self.atom(s), s.to_string()))
            }
            other => match other.as_expression() {
                Some(e) => {
                    self.expr(e)?;
                    self.op(Op::ToPropertyKey);
                    Ok(Key::Computed)
                }
                None => Err(self.unsupported(other.span(), "this property key")),
            },
        }
    }

    fn object(&mut self, o: &'a ObjectExpression<'a>) -> CResult<()> {
        self.op(Op::Object);
        let mut has_proto = false;
        for p in &o.properties {
            let p = match p {
                ObjectPropertyKind::SpreadProperty(s) => {
                    self.expr(&s.argument)?;
                    self.op(Op::CopyDataProps);
                    continue;
                }
                ObjectPropertyKind::ObjectProperty(p) => p,
            };
            let accessor = match p.kind {
                PropertyKind::Init if !p.method => None,
                PropertyKind::Init => Some(0u8),
                PropertyKind::Get => Some(1),
                PropertyKind::Set => Some(2),
            };
            if let Some(kind) = accessor {
                let Expression::FunctionExpression(func) = &p.value else {
                    return Err(self.unsupported(p.span, "this method"));
                };
                let key = self.prop_key(&p.key, p.computed)?;
                self.define_method(
                    key,
                    func,
                    p.span.start,
                    kind | 4,
                    flags::METHOD | flags::NOT_CONSTRUCTOR,
                )?;
                continue;
            }
            let is_proto = !p.computed
                && !p.shorthand
                && match &p.key {
                    PropertyKey::StaticIdentifier(id) => id.name == "__proto__",
                    PropertyKey::StringLiteral(s) => s.value == "__proto__",
                    _ => false,
                };
            if is_proto {
                if has_proto {
                    return Err(self.syntax(p.span, "Duplicate __proto__ fields are not allowed"));
                }
                has_proto = true;
                self.expr(&p.value)?;
                self.op(Op::SetProto);
                continue;
            }
            match self.prop_key(&p.key, p.computed)? {
                Key::Atom(a, name) => {
                    self.expr_named(&p.value, &name)?;
                    self.op_arg(Op::DefineField, a);
                }
                Key::Computed => {
                    self.expr(&p.value)?;
                    if is_anonymous_fn(&p.value) {
                        self.op(Op::SetNameComputed);
                    }
                    self.op(Op::DefineElem);
                }
            }
        }
        Ok(())
    }

    /// `yield v` suspends with v; `yield* it` delegates to another iterator (14.4.14): the
    /// YieldStar step re-runs on every resumption and jumps out when the inner one is done.
    fn yield_expr(&mut self, y: &'a YieldExpression<'a>) -> CResult<()> {
        if self.f().in_params {
            return Err(self.syntax(y.span, "yield is not allowed in parameters"));
        }
        match &y.argument {
            Some(a) => self.expr(a)?,
            None => self.op(Op::Undefined),
        }
        if self.f().async_generator {
            return self.async_yield(y.delegate);
        }
        if !y.delegate {
            self.op(Op::Yield);
            return Ok(());
        }
        let (step, done) = (self.label(), self.label());
        self.op(Op::ForOfStart);
        self.op(Op::Undefined);
        self.op_arg(Op::PushI8, 0);
        self.bind(step);
        self.jump(Op::YieldStar, done);
        // Never reached: YieldStar either suspends (and resumes at itself) or jumps.
        self.jump(Op::Jump, step);
        self.bind(done);
        Ok(())
    }

    /// `yield v` and `yield* it` in an async generator. `yield` awaits v first. `yield*` loops
    /// over the inner async iterator `iter next received mode`: call next/throw/return by
    /// mode, await the result, leave with its value when done, else yield the (not awaited)
    /// inner value and loop with the new request.
    fn async_yield(&mut self, delegate: bool) -> CResult<()> {
        if !delegate {
            self.op(Op::Await);
            self.op(Op::AsyncYield);
            return Ok(());
        }
        let (step, done) = (self.label(), self.label());
        self.op(Op::GetAsyncIterator);
        self.op(Op::Undefined);
        self.op_arg(Op::PushI8, 0);
        self.bind(step);
        self.op(Op::AsyncDelegateCall);
        self.op(Op::Await);
        self.jump(Op::AsyncDelegateResult, done);
        self.op(Op::AsyncYieldDelegate);
        self.jump(Op::Jump, step);
        self.bind(done);
        Ok(())
    }

    /// `obj [key] → obj`: defines a method, getter (kind 1) or setter (kind 2); bit 2 of `kind`
    /// makes it enumerable.
    pub fn define_method(
        &mut self,
        key: Key,
        func: &'a Function<'a>,
        source_start: u32,
        kind: u8,
        fn_flags: u16,
    ) -> CResult<()> {
        let Some(body) = &func.body else {
            return Err(self.unsupported(func.span, "method without a body"));
        };
        let name = match (&key, kind & 3) {
            (Key::Atom(_, n), 1) => format!("get {n}"),
            (Key::Atom(_, n), 2) => format!("set {n}"),
            (Key::Atom(_, n), _) => n.clone(),
            (Key::Computed, _) => String::new(),
        };
        let spec = FnSpec {
            span: func.span,
            source: Span::new(source_start, func.span.end),
            params: Some(&func.params),
            body: FnBody::Block(body),
            name,
            self_name: None,
            flags: fn_flags | crate::compiler::generator_flags(func),
        };
        self.emit_closure(spec)?;
        match key {
            Key::Atom(a, _) => self.e().emit3(Op::DefineMethod, a as i64, kind),
            Key::Computed => {
                if kind & 3 == 0 {
                    self.op(Op::SetNameComputed);
                }
                self.e().emit3(Op::DefineMethodComputed, kind as i64, 0);
            }
        }
        Ok(())
    }

    fn arrow(&mut self, a: &'a ArrowFunctionExpression<'a>, name: &str) -> CResult<()> {
        let body = match &a.body {
            ArrowFunctionBody::FunctionBody(b) => FnBody::Block(b),
            other => match other.as_expression() {
                Some(e) => FnBody::Expr(e),
                None => return Err(self.unsupported(a.span, "this arrow body")),
            },
        };
        let spec = FnSpec {
            span: a.span,
            source: a.span,
            params: Some(&a.params),
            body,
            name: name.to_string(),
            self_name: None,
            flags: flags::ARROW | flags::NOT_CONSTRUCTOR | if a.r#async { flags::ASYNC } else { 0 },
        };
        self.emit_closure(spec)
    }
}
