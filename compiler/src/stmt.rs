//! Statements and control flow: blocks, declarations, loops, switch, labels, break/continue
//! (leaving every construct in between), try/catch/finally (finally inlined at each exit).
use crate::compiler::{CResult, Compiler, Ctl, CtlKind};
use crate::pattern::BindMode;
use crate::scope::*;
use oxc_ast::ast::*;
use oxc_span::{GetSpan, Span};
use qjs_bytecode::Op;

impl<'a, 's> Compiler<'a, 's> {
    pub fn stmt(&mut self, s: &'a Statement<'a>) -> CResult<()> {
        self.depth += 1;
        let r = if self.depth > crate::expr::MAX_NESTING {
            Err(self.unsupported(s.span(), "statements nested this deeply"))
        } else {
            self.stmt_inner(s)
        };
        self.depth -= 1;
        r
    }

    fn stmt_inner(&mut self, s: &'a Statement<'a>) -> CResult<()> {
        if !matches!(s, Statement::LabeledStatement(_)) && !is_loop(s) {
            self.pending_labels.clear();
        }
        match s {
            Statement::BlockStatement(b) => self.block(&b.body)?,
            Statement::ExpressionStatement(e) => {
                self.line(e.span);
                match self.f().completion {
                    Some(c) => {
                        self.expr(&e.expression)?;
                        self.op_arg(Op::PutLoc, c);
                    }
                    None => self.expr_discard(&e.expression)?,
                }
            }
            Statement::VariableDeclaration(_)
            | Statement::FunctionDeclaration(_)
            | Statement::ClassDeclaration(_) => self.declaration(s)?,
            s if s.is_module_declaration() => {
                return Err(self.syntax(
                    s.span(),
                    "import and export declarations may only appear at the top level of a module",
                ))
            }
            Statement::EmptyStatement(_) => {}
            Statement::DebuggerStatement(_) => self.op(Op::Debugger),
            Statement::IfStatement(i) => {
                self.line(i.span);
                self.completion_reset();
                self.expr(&i.test)?;
                let other = self.label();
                self.jump(Op::JumpIfFalse, other);
                self.sub_stmt(&i.consequent, true)?;
                if let Some(alt) = &i.alternate {
                    let end = self.label();
                    self.jump(Op::Jump, end);
                    self.bind(other);
                    self.sub_stmt(alt, true)?;
                    self.bind(end);
                } else {
                    self.bind(other);
                }
            }
            Statement::WhileStatement(w) => {
                let labels = std::mem::take(&mut self.pending_labels);
                self.completion_reset();
                let (top, brk) = (self.label(), self.label());
                self.bind(top);
                self.line(w.test.span());
                self.expr(&w.test)?;
                self.jump(Op::JumpIfFalse, brk);
                self.pending_labels = labels;
                self.loop_body(&w.body, brk, top, 0, false)?;
                self.jump(Op::Jump, top);
                self.bind(brk);
            }
            Statement::DoWhileStatement(w) => {
                self.completion_reset();
                let (top, cont, brk) = (self.label(), self.label(), self.label());
                self.bind(top);
                self.loop_body(&w.body, brk, cont, 0, false)?;
                self.bind(cont);
                self.line(w.test.span());
                self.expr(&w.test)?;
                self.jump(Op::JumpIfTrue, top);
                self.bind(brk);
            }
            Statement::ForStatement(f) => self.for_stmt(f)?,
            Statement::ForInStatement(f) => {
                self.for_in_of(&f.left, &f.right, &f.body, (false, false), f.span)?
            }
            Statement::ForOfStatement(f) => {
                if f.r#await && self.module_top_level() {
                    self.f().module_awaits = true;
                }
                self.for_in_of(&f.left, &f.right, &f.body, (true, f.r#await), f.span)?
            }
            Statement::SwitchStatement(sw) => self.switch(sw)?,
            Statement::LabeledStatement(l) => self.labeled(l)?,
            Statement::BreakStatement(b) => {
                self.line(b.span);
                self.break_continue(b.label.as_ref().map(|l| l.name.as_str()), false, b.span)?
            }
            Statement::ContinueStatement(c) => {
                self.line(c.span);
                self.break_continue(c.label.as_ref().map(|l| l.name.as_str()), true, c.span)?
            }
            Statement::ReturnStatement(r) => {
                self.line(r.span);
                self.return_stmt(r.argument.as_ref())?
            }
            Statement::ThrowStatement(t) => {
                self.expr(&t.argument)?;
                self.line(t.span);
                self.op(Op::Throw);
            }
            Statement::TryStatement(t) => self.try_stmt(t)?,
            Statement::WithStatement(w) if self.f().strict => {
                return Err(self.syntax(w.span, "Strict mode code may not include a with statement"))
            }
            Statement::WithStatement(w) => self.with_stmt(w)?,
            other => return Err(self.unsupported(other.span(), "this statement")),
        }
        Ok(())
    }

    /// The body of a loop or `if`: a function declaration is only allowed as the body of an
    /// `if` in sloppy code (Annex B), where it gets a block of its own.
    pub(crate) fn sub_stmt(&mut self, s: &'a Statement<'a>, is_if: bool) -> CResult<()> {
        match s {
            Statement::FunctionDeclaration(f) => {
                if !is_if || self.f().strict {
                    return Err(self.syntax(
                        f.span,
                        "function declarations are not allowed in this position",
                    ));
                }
                self.block(std::slice::from_ref(s))
            }
            s if labeled_function(s).is_some() => Err(self.syntax(
                s.span(),
                "labeled function declarations are not allowed in this position",
            )),
            _ => self.stmt(s),
        }
    }

    pub fn block(&mut self, stmts: &'a [Statement<'a>]) -> CResult<()> {
        let mut lex = Vec::new();
        let strict = self.f().strict;
        lexical_decls(stmts, true, strict, &mut lex).map_err(|e| self.early(e))?;
        if lex.is_empty() {
            for s in stmts {
                self.stmt(s)?;
            }
            return Ok(());
        }
        self.enter_lexical(&lex, &[stmts], ScopeKind::Block)?;
        let r = self.statements_disposing(stmts);
        self.pop_scope();
        r
    }

    /// A statement list; when it declares `using` resources, they are disposed however the
    /// list is left (DisposeResources at the end of the block, 14.2.2).
    pub fn statements_disposing(&mut self, stmts: &'a [Statement<'a>]) -> CResult<()> {
        self.statements_disposing_with(stmts, Self::stmt)
    }

    /// [`Self::statements_disposing`] with `each` compiling a statement (a module's items).
    pub fn statements_disposing_with(
        &mut self,
        stmts: &'a [Statement<'a>],
        each: fn(&mut Self, &'a Statement<'a>) -> CResult<()>,
    ) -> CResult<()> {
        let using = |s: &Statement<'a>| match s {
            Statement::VariableDeclaration(d) => d.kind.is_using(),
            _ => false,
        };
        if !stmts.iter().any(using) {
            return stmts.iter().try_for_each(|s| each(self, s));
        }
        let is_async = stmts.iter().any(|s| {
            matches!(s, Statement::VariableDeclaration(d)
                if d.kind == VariableDeclarationKind::AwaitUsing)
        });
        let ds = self.alloc_local()?;
        self.op(Op::DisposeNew);
        self.op_arg(Op::PutLoc, ds);
        if is_async && self.module_top_level() {
            self.f().module_awaits = true;
        }
        self.disposing(ds, is_async, |c| {
            let saved = c.f().using_stack.replace(ds);
            let r = stmts.iter().try_for_each(|s| each(c, s));
            c.f().using_stack = saved;
            r
        })
    }

    /// Compiles `body` so that the resources in local `ds` are disposed however it is left:
    /// at its end, through break/continue/return (`CtlKind::Dispose`), or by a throw or a
    /// generator's return(), which is recorded and thrown again after disposal.
    fn disposing(
        &mut self,
        ds: u16,
        is_async: bool,
        body: impl FnOnce(&mut Self) -> CResult<()>,
    ) -> CResult<()> {
        let (handler, after) = (self.label(), self.label());
        self.jump(Op::TryFinally, handler);
        self.push_ctl(CtlKind::Dispose { ds, is_async }, 0, false);
        let r = body(self);
        self.f().ctl.pop();
        r?;
        self.op(Op::TryEnd);
        self.op_arg(Op::GetLoc, ds);
        self.dispose_resources(is_async);
        self.jump(Op::Jump, after);
        self.bind(handler);
        self.op_arg(Op::GetLoc, ds);
        self.op(Op::Swap);
        self.op(Op::DisposeError);
        self.dispose_resources(is_async);
        self.bind(after);
        Ok(())
    }

    /// `value →`: one iteration of `for ([await] using x of …)`: x is bound to the value and
    /// added to a fresh resource list, which is disposed however the iteration ends.
    fn using_iteration(
        &mut self,
        d: &'a VariableDeclaration<'a>,
        body: &'a Statement<'a>,
    ) -> CResult<()> {
        let is_async = d.kind == VariableDeclarationKind::AwaitUsing;
        let ds = self.alloc_local()?;
        self.op(Op::DisposeNew);
        self.op_arg(Op::PutLoc, ds);
        self.op_arg(Op::GetLoc, ds);
        self.op_arg(Op::AddDisposable, u8::from(is_async));
        self.bind_pattern(&d.declarations[0].id, BindMode::Init)?;
        self.disposing(ds, is_async, |c| c.sub_stmt(body, false))
    }

    /// `ds →`: disposes the resources in reverse order, awaiting each in `await using` blocks,
    /// then throws the recorded error if there is one.
    pub fn dispose_resources(&mut self, is_async: bool) {
        let (top, done) = (self.label(), self.label());
        self.bind(top);
        if is_async {
            // The handler sits below the awaited value, so a rejection lands with `ds exc`.
            let (rejected, empty) = (self.label(), self.label());
            self.jump(Op::TryStart, rejected);
            self.jump(Op::DisposeNext, empty);
            self.op(Op::Await);
            self.op(Op::Drop);
            self.op(Op::TryEnd);
            self.jump(Op::Jump, top);
            self.bind(rejected);
            self.op(Op::DisposeError);
            self.jump(Op::Jump, top);
            self.bind(empty);
            self.op(Op::TryEnd);
        } else {
            self.jump(Op::DisposeNext, done);
            self.op(Op::Drop);
            self.jump(Op::Jump, top);
        }
        self.bind(done);
        self.op(Op::DisposeEnd);
    }

    /// A declaration statement (also under `export` / `export default`).
    pub fn declaration(&mut self, s: &'a Statement<'a>) -> CResult<()> {
        match declaration_of(s) {
            Some(Decl::Var(d)) => {
                self.line(d.span);
                self.var_declaration(d)
            }
            Some(Decl::Function(f)) => self.function_declaration(f.func),
            Some(Decl::Class(binding, _, c)) => {
                self.line(c.span);
                let name = if binding == DEFAULT_BINDING {
                    "default"
                } else {
                    binding
                };
                self.class(c, name)?;
                self.emit_init_name(binding);
                Ok(())
            }
            Some(Decl::DefaultValue(span, value)) => {
                self.line(span);
                self.expr_named(value, "default")?;
                self.emit_init_name(DEFAULT_BINDING);
                Ok(())
            }
            None => match s {
                Statement::ClassDeclaration(c) => Err(self.syntax(c.span, "class name required")),
                // `function () {}` as a statement does not parse; TypeScript declarations.
                _ => Err(self.unsupported(s.span(), "this declaration")),
            },
        }
    }

    fn var_declaration(&mut self, d: &'a VariableDeclaration<'a>) -> CResult<()> {
        let (mode, using) = match d.kind {
            VariableDeclarationKind::Var => (BindMode::Var, None),
            VariableDeclarationKind::Let | VariableDeclarationKind::Const => (BindMode::Init, None),
            VariableDeclarationKind::Using => (BindMode::Init, Some(0u8)),
            VariableDeclarationKind::AwaitUsing => (BindMode::Init, Some(1u8)),
        };
        let ds = match (using, self.f().using_stack) {
            (Some(_), None) => {
                let f = self.f();
                let script_top = f.script
                    && f.scopes
                        .last()
                        .is_some_and(|s| s.kind == ScopeKind::Function);
                return Err(if script_top {
                    self.syntax(
                        d.span,
                        "using declarations are not allowed at the top level of a script",
                    )
                } else {
                    self.unsupported(d.span, "using declarations here")
                });
            }
            (_, ds) => ds,
        };
        for decl in &d.declarations {
            let name = match &decl.id {
                BindingPattern::BindingIdentifier(id) => id.name.as_str(),
                _ => "",
            };
            match &decl.init {
                Some(init) => self.expr_named(init, name)?,
                None if mode == BindMode::Var => continue,
                None => self.op(Op::Undefined),
            }
            if let (Some(flags), Some(ds)) = (using, ds) {
                self.op_arg(Op::GetLoc, ds);
                self.op_arg(Op::AddDisposable, flags);
            }
            self.bind_pattern(&decl.id, mode)?;
        }
        Ok(())
    }

    /// Function declarations are hoisted; in sloppy blocks they also set a var (Annex B).
    fn function_declaration(&mut self, f: &'a Function<'a>) -> CResult<()> {
        let addr = f as *const _ as usize;
        if !self.f().annexb.contains(&addr) {
            return Ok(());
        }
        let Some(id) = &f.id else { return Ok(()) };
        let name = id.name.as_str();
        let Some(b) = self.local_binding(name) else {
            return Ok(());
        };
        self.emit_local(Op::GetLoc, b);
        let vs = self.f().var_scope;
        match self.f().scopes[vs].names.get(name).copied() {
            Some(vb) if self.f().bindings[vb].global => self.op_atom(Op::PutGlobal, name),
            Some(vb) => self.emit_local(Op::PutLoc, vb),
            None if self.f().eval_main => self.eval_annexb_store(name),
            None => self.op(Op::Drop),
        }
        Ok(())
    }

    // ---- loops ----

    fn push_ctl(&mut self, kind: CtlKind<'a>, items: u8, iter: bool) {
        let labels = std::mem::take(&mut self.pending_labels);
        self.f().ctl.push(Ctl {
            kind,
            labels,
            items,
            iter,
            async_iter: false,
        });
    }

    /// The handler of a `for await` loop: `iter next exc`, closes the iterator (awaiting
    /// `return()`, whose failure is ignored) and rethrows exc.
    fn async_close_throw(&mut self) {
        let (skip, caught) = (self.label(), self.label());
        self.jump(Op::AsyncIterCloseThrow, skip);
        self.jump(Op::TryStart, caught);
        // The awaited value stays below the await's result, at the handler's depth.
        self.op(Op::Dup);
        self.op(Op::Await);
        self.op(Op::TryEnd);
        self.op(Op::Drop);
        self.op(Op::Drop);
        self.jump(Op::Jump, skip);
        self.bind(caught);
        self.op(Op::Drop);
        self.op(Op::Drop);
        self.bind(skip);
        self.op(Op::Throw);
    }

    fn loop_body(
        &mut self,
        body: &'a Statement<'a>,
        brk: crate::emit::Label,
        cont: crate::emit::Label,
        items: u8,
        iter: bool,
    ) -> CResult<()> {
        self.push_ctl(CtlKind::Loop { brk, cont }, items, iter);
        let r = self.sub_stmt(body, false);
        self.f().ctl.pop();
        r
    }

    fn for_stmt(&mut self, f: &'a ForStatement<'a>) -> CResult<()> {
        match &f.init {
            Some(ForStatementInit::VariableDeclaration(d)) if d.kind.is_using() => {
                // `for (using x = …; …; …)`: the resources live as long as the whole loop
                // (ForLoopEvaluation disposes them when it completes, however it does).
                let is_async = d.kind == VariableDeclarationKind::AwaitUsing;
                let ds = self.alloc_local()?;
                self.op(Op::DisposeNew);
                self.op_arg(Op::PutLoc, ds);
                if is_async && self.module_top_level() {
                    self.f().module_awaits = true;
                }
                let labels = std::mem::take(&mut self.pending_labels);
                self.disposing(ds, is_async, |c| {
                    c.pending_labels = labels;
                    let saved = c.f().using_stack.replace(ds);
                    let r = c.for_loop(f);
                    c.f().using_stack = saved;
                    r
                })
            }
            _ => self.for_loop(f),
        }
    }

    fn for_loop(&mut self, f: &'a ForStatement<'a>) -> CResult<()> {
        let labels = std::mem::take(&mut self.pending_labels);
        self.line(f.span);
        self.completion_reset();
        let mut per_iteration = Vec::new();
        let mut scoped = false;
        match &f.init {
            Some(ForStatementInit::VariableDeclaration(d)) => {
                if d.kind != VariableDeclarationKind::Var {
                    let mut lex = Vec::new();
                    let mut ids = Vec::new();
                    for decl in &d.declarations {
                        bound_names(&decl.id, &mut ids);
                    }
                    let kind = if d.kind == VariableDeclarationKind::Const || d.kind.is_using() {
                        DeclKind::Const
                    } else {
                        DeclKind::Let
                    };
                    for id in ids {
                        lex.push(LexDecl {
                            special_function: false,
                            name: id.name.as_str(),
                            span: id.span,
                            kind,
                        });
                    }
                    check_unique(&lex, true).map_err(|e| self.early(e))?;
                    self.enter_lexical(&lex, &[], ScopeKind::Block)?;
                    scoped = true;
                    if kind == DeclKind::Let {
                        per_iteration = lex
                            .iter()
                            .filter_map(|d| self.local_binding(d.name))
                            .collect();
                    }
                }
                self.var_declaration(d)?;
            }
            Some(init) => {
                if let Some(e) = init.as_expression() {
                    self.expr_discard(e)?;
                }
            }
            None => {}
        }
        let (top, cont, brk) = (self.label(), self.label(), self.label());
        for &b in &per_iteration {
            self.emit_site(b, Site::CopyCell);
        }
        self.bind(top);
        if let Some(test) = &f.test {
            self.line(test.span());
            self.expr(test)?;
            self.jump(Op::JumpIfFalse, brk);
        }
        self.pending_labels = labels;
        let r = self.loop_body(&f.body, brk, cont, 0, false);
        if r.is_ok() {
            self.bind(cont);
            for &b in &per_iteration {
                self.emit_site(b, Site::CopyCell);
            }
            if let Some(u) = &f.update {
                self.line(u.span());
                self.expr_discard(u)?;
            }
            self.jump(Op::Jump, top);
            self.bind(brk);
        }
        if scoped {
            self.pop_scope();
        }
        r
    }

    fn for_in_of(
        &mut self,
        left: &'a ForStatementLeft<'a>,
        right: &'a Expression<'a>,
        body: &'a Statement<'a>,
        (of, is_await): (bool, bool),
        span: Span,
    ) -> CResult<()> {
        let labels = std::mem::take(&mut self.pending_labels);
        self.line(span);
        self.completion_reset();
        // `for (let x of …)`: the head's names are in their TDZ while `right` runs, and each
        // iteration gets fresh bindings.
        let mut lexical = Vec::new();
        let mut scoped = false;
        let decl = match left {
            ForStatementLeft::VariableDeclaration(d) => {
                if d.declarations.len() != 1 {
                    return Err(self.syntax(d.span, "Invalid left-hand side in for-in/of loop"));
                }
                if let Some(init) = &d.declarations[0].init {
                    // Annex B: `for (var x = init in o)` assigns init first.
                    let BindingPattern::BindingIdentifier(id) = &d.declarations[0].id else {
                        return Err(self.syntax(
                            d.span,
                            "for-in loop variable declaration may not have an initializer",
                        ));
                    };
                    if of || d.kind != VariableDeclarationKind::Var || self.f().strict {
                        return Err(self.syntax(
                            d.span,
                            "for-in/of loop variable declaration may not have an initializer",
                        ));
                    }
                    self.expr_named(init, id.name.as_str())?;
                    self.bind_pattern(&d.declarations[0].id, BindMode::Var)?;
                }
                if d.kind != VariableDeclarationKind::Var {
                    if d.kind.is_using() && !of {
                        return Err(self
                            .syntax(d.span, "using declarations are not allowed in for-in heads"));
                    }
                    let mut ids = Vec::new();
                    bound_names(&d.declarations[0].id, &mut ids);
                    let kind = if d.kind == VariableDeclarationKind::Const || d.kind.is_using() {
                        DeclKind::Const
                    } else {
                        DeclKind::Let
                    };
                    let lex: Vec<LexDecl<'a>> = ids
                        .iter()
                        .map(|id| LexDecl {
                            special_function: false,
                            name: id.name.as_str(),
                            span: id.span,
                            kind,
                        })
                        .collect();
                    check_unique(&lex, true).map_err(|e| self.early(e))?;
                    self.enter_lexical(&lex, &[], ScopeKind::Block)?;
                    scoped = true;
                    lexical = lex
                        .iter()
                        .filter_map(|d| self.local_binding(d.name))
                        .collect();
                }
                Some(&**d)
            }
            _ => None,
        };
        let r = self.for_in_of_inner(left, decl, &lexical, right, body, (of, is_await), labels);
        if scoped {
            self.pop_scope();
        }
        r
    }

    #[allow(clippy::too_many_arguments)]
    fn for_in_of_inner(
        &mut self,
        left: &'a ForStatementLeft<'a>,
        decl: Option<&'a VariableDeclaration<'a>>,
        lexical: &[usize],
        right: &'a Expression<'a>,
        body: &'a Statement<'a>,
        (of, is_await): (bool, bool),
        labels: Vec<&'a str>,
    ) -> CResult<()> {
        self.expr(right)?;
        let (top, cont, done, brk) = (self.label(), self.label(), self.label(), self.label());
        let handler = self.label();
        if is_await {
            // As below, with each step awaited; the `next` slot reads undefined (done) while
            // the step is in flight, so a failing step does not close the iterator.
            self.op(Op::GetAsyncIterator);
            self.bind(top);
            self.jump(Op::TryFinally, handler);
            self.op(Op::AsyncIterNext);
            self.op(Op::Await);
            self.jump(Op::AsyncIterResult, done);
        } else if of {
            self.op(Op::ForOfStart);
            self.bind(top);
            // Closes the iterator if the binding or the body throws, or a generator returns.
            // Installed before ForOfNext so that the handler's stack depth (`iter next`) is never
            // below what the loop keeps; a `next()` that throws marks the iterator done, so the
            // handler does not call `return()` then.
            self.jump(Op::TryFinally, handler);
            self.jump(Op::ForOfNext, done);
        } else {
            self.op(Op::ForInStart);
            self.bind(top);
            self.jump(Op::ForInNext, done);
        }
        self.pending_labels = labels;
        self.push_ctl(CtlKind::Loop { brk, cont }, if of { 2 } else { 1 }, of);
        if let Some(c) = self.f().ctl.last_mut() {
            c.async_iter = is_await;
        }
        if of {
            self.f().ctl.push(Ctl {
                kind: CtlKind::Try,
                labels: Vec::new(),
                items: 0,
                iter: false,
                async_iter: false,
            });
        }
        let r = (|| -> CResult<()> {
            for &b in lexical {
                let kind = self.f().bindings[b].kind;
                if kind.has_tdz() {
                    self.emit_local(Op::SetLocUninit, b);
                    self.f().bindings[b].needs_check = true;
                }
            }
            match decl {
                Some(d) if d.kind.is_using() => {
                    // `for (using x of …)`: each iteration disposes its value when it ends.
                    return self.using_iteration(d, body);
                }
                Some(d) => {
                    let mode = if d.kind == VariableDeclarationKind::Var {
                        BindMode::Var
                    } else {
                        BindMode::Init
                    };
                    self.bind_pattern(&d.declarations[0].id, mode)?;
                }
                None => match left.as_assignment_target() {
                    Some(t) => self.assign_target(t)?,
                    None => return Err(self.unsupported(left.span(), "this for-in/of target")),
                },
            }
            self.sub_stmt(body, false)
        })();
        if of {
            self.f().ctl.pop();
        }
        self.f().ctl.pop();
        r?;
        if of {
            self.op(Op::TryEnd);
        }
        self.bind(cont);
        self.jump(Op::Jump, top);
        if is_await {
            self.bind(handler);
            self.async_close_throw();
            self.bind(done);
            self.op(Op::TryEnd);
            self.op(Op::Drop);
            self.op(Op::Drop);
        } else if of {
            self.bind(handler);
            self.op(Op::IteratorCloseThrow);
            self.bind(done);
            self.op(Op::TryEnd);
            self.op(Op::Drop);
            self.op(Op::Drop);
        } else {
            self.bind(done);
            self.op(Op::Drop);
        }
        self.bind(brk);
        Ok(())
    }

    fn switch(&mut self, sw: &'a SwitchStatement<'a>) -> CResult<()> {
        let labels = std::mem::take(&mut self.pending_labels);
        self.line(sw.span);
        self.completion_reset();
        self.expr(&sw.discriminant)?;
        let strict = self.f().strict;
        let mut lex = Vec::new();
        for c in &sw.cases {
            lexical_decls(&c.consequent, true, strict, &mut lex).map_err(|e| self.early(e))?;
        }
        check_unique(&lex, strict).map_err(|e| self.early(e))?;
        let lists: Vec<&'a [Statement<'a>]> = sw.cases.iter().map(|c| &c.consequent[..]).collect();
        self.enter_lexical(&lex, &lists, ScopeKind::Switch)?;
        let r = self.switch_body(sw, labels);
        self.pop_scope();
        r
    }

    fn switch_body(&mut self, sw: &'a SwitchStatement<'a>, labels: Vec<&'a str>) -> CResult<()> {
        let (end, brk) = (self.label(), self.label());
        let case_labels: Vec<_> = sw.cases.iter().map(|_| self.e().new_label()).collect();
        let mut default = None;
        for (c, &l) in sw.cases.iter().zip(&case_labels) {
            match &c.test {
                Some(t) => {
                    self.op(Op::Dup);
                    self.expr(t)?;
                    self.op(Op::StrictEq);
                    self.jump(Op::JumpIfTrue, l);
                }
                None => default = Some(l),
            }
        }
        self.jump(Op::Jump, default.unwrap_or(end));
        self.pending_labels = labels;
        self.push_ctl(CtlKind::Break { brk, switch: true }, 1, false);
        let r = (|| -> CResult<()> {
            for (c, &l) in sw.cases.iter().zip(&case_labels) {
                self.bind(l);
                for s in &c.consequent {
                    self.stmt(s)?;
                }
            }
            Ok(())
        })();
        self.f().ctl.pop();
        r?;
        self.bind(end);
        self.op(Op::Drop);
        self.bind(brk);
        Ok(())
    }

    fn labeled(&mut self, l: &'a LabeledStatement<'a>) -> CResult<()> {
        let name = l.label.name.as_str();
        // oxc accepts `yield:` (even escaped) in strict code, where it is a reserved word.
        if name == "yield" && self.f().strict {
            return Err(self.syntax(
                l.label.span,
                "Unexpected strict mode reserved word 'yield' as a label",
            ));
        }
        let in_use = self.pending_labels.contains(&name)
            || self.f().ctl.iter().any(|c| c.labels.contains(&name));
        if in_use {
            return Err(self.syntax(
                l.label.span,
                format!("Label '{name}' has already been declared"),
            ));
        }
        self.pending_labels.push(name);
        match &l.body {
            s if is_loop(s) => self.stmt(s),
            Statement::LabeledStatement(_) => self.stmt(&l.body),
            Statement::FunctionDeclaration(f) if self.f().strict => Err(self.syntax(
                f.span,
                "In strict mode code, functions can only be declared at top level or inside a block",
            )),
            Statement::FunctionDeclaration(f) => self.function_declaration(f),
            body => {
                let brk = self.label();
                self.push_ctl(CtlKind::Break { brk, switch: false }, 0, false);
                let r = self.stmt(body);
                self.f().ctl.pop();
                r?;
                self.bind(brk);
                Ok(())
            }
        }
    }

    // ---- leaving constructs ----

    /// Undoes the constructs `ctl[from..]`, innermost first; `with_target_items` also drops the
    /// values of `ctl[from]` itself (a break out of it).
    fn exit_ctl(&mut self, from: usize) -> CResult<()> {
        let n = self.f().ctl.len();
        for i in (from..n).rev() {
            let c = &self.f().ctl[i];
            let (items, iter) = (c.items, (c.iter, c.async_iter));
            match self.f().ctl[i].kind {
                CtlKind::Try => self.op(Op::TryEnd),
                CtlKind::Finally { body, scope_depth } => {
                    self.op(Op::TryEnd);
                    self.inline_finally(i, body, scope_depth)?;
                }
                CtlKind::Dispose { ds, is_async } => {
                    self.op(Op::TryEnd);
                    self.op_arg(Op::GetLoc, ds);
                    self.dispose_resources(is_async);
                }
                _ => {}
            }
            self.drop_items(items, iter);
        }
        Ok(())
    }

    fn drop_items(&mut self, items: u8, (iter, async_iter): (bool, bool)) {
        if async_iter {
            // AsyncIteratorClose: await `return()`'s result, which must be an object.
            let skip = self.label();
            self.jump(Op::AsyncIterClose, skip);
            self.op(Op::Await);
            self.op(Op::AsyncIterCloseCheck);
            self.bind(skip);
        } else if iter {
            self.op(Op::IteratorClose);
        } else {
            for _ in 0..items {
                self.op(Op::Drop);
            }
        }
    }

    /// Compiles a finally block where control leaves through it, seeing only the constructs and
    /// scopes that enclose the try statement.
    fn inline_finally(
        &mut self,
        ctl_index: usize,
        body: &'a BlockStatement<'a>,
        scope_depth: usize,
    ) -> CResult<()> {
        let saved_ctl = self.f().ctl.split_off(ctl_index);
        let saved_scopes = self.f().scopes.split_off(scope_depth);
        let saved_labels = std::mem::take(&mut self.pending_labels);
        let r = self.finally_block(body);
        self.pending_labels = saved_labels;
        self.f().scopes.extend(saved_scopes);
        self.f().ctl.extend(saved_ctl);
        r
    }

    fn break_continue(
        &mut self,
        label: Option<&'a str>,
        is_continue: bool,
        span: Span,
    ) -> CResult<()> {
        let mut target = None;
        for (i, c) in self.f().ctl.iter().enumerate().rev() {
            let hit = match label {
                Some(l) => c.labels.contains(&l),
                None => match c.kind {
                    CtlKind::Loop { .. } => true,
                    CtlKind::Break { switch, .. } => switch && !is_continue,
                    _ => false,
                },
            };
            if hit {
                target = Some(i);
                break;
            }
        }
        let Some(i) = target else {
            return Err(match (label, is_continue) {
                (Some(l), _) => self.syntax(span, format!("Undefined label '{l}'")),
                (None, false) => self.syntax(span, "Illegal break statement"),
                (None, true) => self.syntax(
                    span,
                    "Illegal continue statement: no surrounding iteration statement",
                ),
            });
        };
        let (dest, items, iter) = {
            let c = &self.f().ctl[i];
            let dest = match (&c.kind, is_continue) {
                (CtlKind::Loop { cont, .. }, true) => Some(*cont),
                (CtlKind::Loop { brk, .. } | CtlKind::Break { brk, .. }, false) => Some(*brk),
                _ => None,
            };
            (dest, c.items, (c.iter, c.async_iter))
        };
        let Some(dest) = dest else {
            let l = label.unwrap_or("");
            return Err(self.syntax(
                span,
                format!("Illegal continue statement: '{l}' does not denote an iteration statement"),
            ));
        };
        let depth = self.e().depth;
        self.exit_ctl(i + 1)?;
        if !is_continue {
            self.drop_items(items, iter);
        }
        self.jump(Op::Jump, dest);
        self.e().depth = depth;
        Ok(())
    }

    fn return_stmt(&mut self, arg: Option<&'a Expression<'a>>) -> CResult<()> {
        if self.f().script {
            return Err(self.syntax(Span::default(), "Illegal return statement"));
        }
        let needs_exit = self.f().ctl.iter().any(|c| {
            c.items > 0 || !matches!(c.kind, CtlKind::Loop { .. } | CtlKind::Break { .. })
        });
        // A call whose result is returned at once may replace this frame (TailCall).
        let tail =
            self.f().tail_calls
                && self.f().ctl.iter().all(|c| {
                    matches!(c.kind, CtlKind::Loop { .. } | CtlKind::Break { .. }) && !c.iter
                });
        match arg {
            Some(a) if tail => {
                self.tail_expr(a)?;
                self.op(Op::Return);
                return Ok(());
            }
            Some(a) => {
                self.expr(a)?;
                if self.f().async_generator {
                    self.op(Op::Await);
                }
            }
            None if !needs_exit => {
                self.op(Op::ReturnUndef);
                return Ok(());
            }
            None => self.op(Op::Undefined),
        }
        if needs_exit {
            let depth = self.e().depth;
            let tmp = self.alloc_local()?;
            self.op_arg(Op::PutLoc, tmp);
            self.exit_ctl(0)?;
            self.op_arg(Op::GetLoc, tmp);
            self.op(Op::Return);
            self.e().depth = depth - 1;
        } else {
            self.op(Op::Return);
        }
        Ok(())
    }

    // ---- exceptions ----

    fn try_stmt(&mut self, t: &'a TryStatement<'a>) -> CResult<()> {
        self.line(t.span);
        self.completion_reset();
        let Some(fin) = &t.finalizer else {
            return self.try_catch(t);
        };
        let (handler, after) = (self.label(), self.label());
        let tmp = self.alloc_local()?;
        self.jump(Op::TryFinally, handler);
        let scope_depth = self.f().scopes.len();
        self.f().ctl.push(Ctl {
            kind: CtlKind::Finally {
                body: fin,
                scope_depth,
            },
            labels: Vec::new(),
            items: 0,
            iter: false,
            async_iter: false,
        });
        let r = self.try_catch(t);
        self.f().ctl.pop();
        r?;
        self.op(Op::TryEnd);
        self.finally_block(fin)?;
        self.jump(Op::Jump, after);
        // Catch-all: save the exception, run the finally code, rethrow.
        self.bind(handler);
        self.op_arg(Op::PutLoc, tmp);
        self.block(&fin.body)?;
        self.op_arg(Op::GetLoc, tmp);
        self.op(Op::Throw);
        self.bind(after);
        Ok(())
    }

    /// A finally block reached by a normal completion or a break/continue/return: its own
    /// completion value counts only if it ends abruptly itself.
    fn finally_block(&mut self, fin: &'a BlockStatement<'a>) -> CResult<()> {
        let Some(c) = self.f().completion else {
            return self.block(&fin.body);
        };
        let saved = self.alloc_local()?;
        self.op_arg(Op::GetLoc, c);
        self.op_arg(Op::PutLoc, saved);
        self.block(&fin.body)?;
        self.op_arg(Op::GetLoc, saved);
        self.op_arg(Op::PutLoc, c);
        Ok(())
    }

    fn try_catch(&mut self, t: &'a TryStatement<'a>) -> CResult<()> {
        let Some(h) = &t.handler else {
            return self.block(&t.block.body);
        };
        let (catch, end) = (self.label(), self.label());
        self.jump(Op::TryStart, catch);
        self.f().ctl.push(Ctl {
            kind: CtlKind::Try,
            labels: Vec::new(),
            items: 0,
            iter: false,
            async_iter: false,
        });
        let r = self.block(&t.block.body);
        self.f().ctl.pop();
        r?;
        self.op(Op::TryEnd);
        self.jump(Op::Jump, end);
        self.bind(catch);
        match &h.param {
            Some(p) => {
                let mut ids = Vec::new();
                bound_names(&p.pattern, &mut ids);
                let scope = self.push_scope(ScopeKind::Block);
                // The catch block may not declare a parameter's name lexically (14.15.1).
                let mut body_lex = Vec::new();
                let strict = self.f().strict;
                lexical_decls(&h.body.body, true, strict, &mut body_lex)
                    .map_err(|e| self.early(e))?;
                if let Some(d) = body_lex
                    .iter()
                    .find(|d| ids.iter().any(|id| id.name == d.name))
                {
                    return Err(self.early(redeclared(d.span, d.name)));
                }
                let r = (|| -> CResult<()> {
                    for (i, id) in ids.iter().enumerate() {
                        self.check_binding_name(id.name.as_str(), id.span)?;
                        if ids[..i].iter().any(|o| o.name == id.name) {
                            return Err(self.early(redeclared(id.span, id.name.as_str())));
                        }
                        let b =
                            self.declare(scope, id.name.as_str(), DeclKind::CatchParam, false)?;
                        self.emit_site(b, Site::NewCell);
                    }
                    self.bind_pattern(&p.pattern, BindMode::Init)?;
                    self.completion_reset();
                    self.block(&h.body.body)
                })();
                self.pop_scope();
                r?;
            }
            None => {
                self.op(Op::Drop);
                self.completion_reset();
                self.block(&h.body.body)?;
            }
        }
        self.bind(end);
        Ok(())
    }
}

fn is_loop(s: &Statement<'_>) -> bool {
    matches!(
        s,
        Statement::ForStatement(_)
            | Statement::ForInStatement(_)
            | Statement::ForOfStatement(_)
            | Statement::WhileStatement(_)
            | Statement::DoWhileStatement(_)
    )
}
