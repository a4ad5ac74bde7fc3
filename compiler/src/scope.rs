//! Bindings, scopes, and the declaration scans that run when a function or block is entered:
//! hoisted `var` and function declarations, lexical declarations, and the cheap early errors
//! about redeclaration that oxc's parser leaves to semantic analysis.
use oxc_ast::ast::*;
use oxc_span::Span;
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclKind {
    Var,
    /// A function declaration at function (or script) top level: var-scoped.
    Function,
    Param,
    Let,
    Const,
    Class,
    /// A function declaration in a block: lexical, initialized when the block is entered.
    BlockFunction,
    CatchParam,
    /// The own name of a named function expression (read-only; assigning throws in strict code).
    SelfName,
    /// The inner binding of a class's own name (const).
    ClassInner,
    Arguments,
    /// An import binding of a module (immutable; uninitialized until the exporter runs).
    Import,
}

impl DeclKind {
    /// Lexical bindings start in their temporal dead zone.
    pub fn has_tdz(self) -> bool {
        matches!(
            self,
            DeclKind::Let
                | DeclKind::Const
                | DeclKind::Class
                | DeclKind::ClassInner
                | DeclKind::Import
        )
    }
}

/// Code that must change when a local turns out to be captured by an inner function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site {
    /// Three Nops that become `NewCell slot`.
    NewCell,
    /// Three Nops that become `CopyCell slot`.
    CopyCell,
    /// Nine Nops that become `GetLoc p; NewCell p; PutLocCell p`.
    MoveParam,
    /// Seven bytes: `Arguments; PutLoc s; Nop×3` that become `NewCell s; Arguments; PutLocCell s`.
    Arguments,
    /// The same with `MappedArguments`.
    MappedArguments,
}

impl Site {
    pub fn len(self) -> usize {
        match self {
            Site::NewCell | Site::CopyCell => 3,
            Site::MoveParam => 9,
            Site::Arguments | Site::MappedArguments => 7,
        }
    }
}

pub struct Binding<'a> {
    pub name: &'a str,
    pub kind: DeclKind,
    pub slot: u16,
    /// Lives in a cell (referenced by an inner function).
    pub captured: bool,
    /// Top-level script declarations live in the global object / global lexical scope.
    pub global: bool,
    /// Offsets of local-slot instructions to switch to their cell forms once captured.
    pub uses: Vec<usize>,
    pub sites: Vec<(usize, Site)>,
    /// Accesses from this function still need a TDZ check.
    pub needs_check: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Function,
    Block,
    /// A switch's case block: code may jump past a declaration, so TDZ checks stay.
    Switch,
}

/// An object environment between a scope and the scopes outside it: names not bound in the
/// scope are looked up at run time on an object held in a hidden binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DynamicEnv {
    /// The binding (of the scope's function) that holds the object.
    pub holder: usize,
    /// A `with` object (Symbol.unscopables applies, calls get it as `this`); otherwise the
    /// var object that receives the declarations of a sloppy direct eval.
    pub with: bool,
}

pub struct Scope<'a> {
    pub kind: ScopeKind,
    pub names: HashMap<&'a str, usize>,
    pub dynamic: Option<DynamicEnv>,
}

impl<'a> Scope<'a> {
    pub fn new(kind: ScopeKind) -> Self {
        Scope {
            kind,
            names: HashMap::new(),
            dynamic: None,
        }
    }
}

/// An early error found by a scan: message and where.
pub struct EarlyError(pub Span, pub String);

/// Every identifier a binding pattern declares.
pub fn bound_names<'a>(p: &'a BindingPattern<'a>, out: &mut Vec<&'a BindingIdentifier<'a>>) {
    match p {
        BindingPattern::BindingIdentifier(id) => out.push(id),
        BindingPattern::AssignmentPattern(a) => bound_names(&a.left, out),
        BindingPattern::ObjectPattern(o) => {
            for prop in &o.properties {
                bound_names(&prop.value, out);
            }
            if let Some(r) = &o.rest {
                bound_names(&r.argument, out);
            }
        }
        BindingPattern::ArrayPattern(a) => {
            for e in a.elements.iter().flatten() {
                bound_names(e, out);
            }
            if let Some(r) = &a.rest {
                bound_names(&r.argument, out);
            }
        }
    }
}

/// The module-scope binding of an anonymous `export default` (no identifier can spell it).
pub const DEFAULT_BINDING: &str = "*default*";

/// A hoisted function declaration: the binding it initializes and the function.
#[derive(Clone, Copy)]
pub struct HoistedFn<'a> {
    pub name: &'a str,
    pub span: Span,
    pub func: &'a Function<'a>,
}

impl HoistedFn<'_> {
    /// The function's own `name`: an anonymous `export default function` is "default".
    pub fn display_name(&self) -> &str {
        if self.name == DEFAULT_BINDING {
            "default"
        } else {
            self.name
        }
    }
}

/// What a statement declares, seen through `export` (which only modules parse).
pub enum Decl<'a> {
    Var(&'a VariableDeclaration<'a>),
    Function(HoistedFn<'a>),
    /// A class declaration: its binding name and where it is declared.
    Class(&'a str, Span, &'a Class<'a>),
    /// `export default <expression>`: the value goes to the hidden `*default*` binding.
    DefaultValue(Span, &'a Expression<'a>),
}

pub fn declaration_of<'a>(s: &'a Statement<'a>) -> Option<Decl<'a>> {
    fn function<'a>(f: &'a Function<'a>, default: bool) -> Option<Decl<'a>> {
        let (name, span) = match &f.id {
            Some(id) => (id.name.as_str(), id.span),
            None if default => (DEFAULT_BINDING, f.span),
            None => return None,
        };
        Some(Decl::Function(HoistedFn {
            name,
            span,
            func: f,
        }))
    }
    fn class<'a>(c: &'a Class<'a>, default: bool) -> Option<Decl<'a>> {
        match &c.id {
            Some(id) => Some(Decl::Class(id.name.as_str(), id.span, c)),
            None if default => Some(Decl::Class(DEFAULT_BINDING, c.span, c)),
            None => None,
        }
    }
    match s {
        Statement::VariableDeclaration(d) => Some(Decl::Var(d)),
        Statement::FunctionDeclaration(f) => function(f, false),
        Statement::ClassDeclaration(c) => class(c, false),
        Statement::ExportDeclaration(e) => match &e.declaration {
            Declaration::VariableDeclaration(d) => Some(Decl::Var(d)),
            Declaration::FunctionDeclaration(f) => function(f, false),
            Declaration::ClassDeclaration(c) => class(c, false),
            _ => None,
        },
        // `l: function f() {}` (sloppy, Annex B.3.2) declares f as the bare declaration would.
        Statement::LabeledStatement(_) => match labeled_function(s) {
            Some(f) => function(f, false),
            None => None,
        },
        Statement::ExportDefaultDeclaration(e) => match &e.declaration {
            ExportDefaultDeclarationKind::FunctionDeclaration(f) => function(f, true),
            ExportDefaultDeclarationKind::ClassDeclaration(c) => class(c, true),
            other => other
                .as_expression()
                .map(|value| Decl::DefaultValue(e.span, value)),
        },
        _ => None,
    }
}

/// The function declaration under one or more labels (`a: b: function f() {}`).
pub fn labeled_function<'a>(s: &'a Statement<'a>) -> Option<&'a Function<'a>> {
    match s {
        Statement::LabeledStatement(l) => match &l.body {
            Statement::FunctionDeclaration(f) => Some(f),
            body => labeled_function(body),
        },
        _ => None,
    }
}

/// A lexical declaration of a statement list.
pub struct LexDecl<'a> {
    pub name: &'a str,
    pub span: Span,
    pub kind: DeclKind,
    /// An async function or generator declaration, which Annex B.3.2.4 does not let a sloppy
    /// block repeat.
    pub special_function: bool,
}

/// The lexically scoped declarations directly in `stmts` (function declarations count when
/// `functions_are_lexical`, i.e. in blocks). Reports duplicates.
pub fn lexical_decls<'a>(
    stmts: &'a [Statement<'a>],
    functions_are_lexical: bool,
    strict: bool,
    out: &mut Vec<LexDecl<'a>>,
) -> Result<(), EarlyError> {
    let start = out.len();
    for s in stmts {
        match declaration_of(s) {
            Some(Decl::Var(d)) if d.kind != VariableDeclarationKind::Var => {
                let kind = if d.kind == VariableDeclarationKind::Const || d.kind.is_using() {
                    DeclKind::Const
                } else {
                    DeclKind::Let
                };
                let mut ids = Vec::new();
                for decl in &d.declarations {
                    bound_names(&decl.id, &mut ids);
                }
                for id in ids {
                    out.push(LexDecl {
                        special_function: false,
                        name: id.name.as_str(),
                        span: id.span,
                        kind,
                    });
                }
            }
            Some(Decl::Class(name, span, _)) => out.push(LexDecl {
                special_function: false,
                name,
                span,
                kind: DeclKind::Class,
            }),
            Some(Decl::Function(f)) if functions_are_lexical => out.push(LexDecl {
                special_function: f.func.r#async || f.func.generator,
                name: f.name,
                span: f.span,
                kind: DeclKind::BlockFunction,
            }),
            Some(Decl::DefaultValue(span, _)) => out.push(LexDecl {
                special_function: false,
                name: DEFAULT_BINDING,
                span,
                kind: DeclKind::Let,
            }),
            _ => {}
        }
    }
    check_unique(&out[start..], strict)
}

pub fn redeclared(span: Span, name: &str) -> EarlyError {
    EarlyError(
        span,
        format!("Identifier '{name}' has already been declared"),
    )
}

/// The var-scoped declarations of a function (or script) body.
#[derive(Default)]
pub struct VarScan<'a> {
    /// `var` names (in order, with repeats).
    pub vars: Vec<(&'a str, Span)>,
    /// Top-level function declarations (the last one of a name wins).
    pub functions: Vec<HoistedFn<'a>>,
    /// Block function declarations that also assign a function-level var (sloppy Annex B),
    /// by address, with their names.
    pub annexb: Vec<(usize, &'a str)>,
    /// Lexical names of the enclosing blocks while scanning (to report `let x; { var x; }`).
    lex_stack: Vec<HashSet<&'a str>>,
    strict: bool,
}

impl<'a> VarScan<'a> {
    /// Scans a function body whose own lexical names are `top_lex` (already checked for
    /// duplicates) and whose parameters are `params`.
    pub fn scan(
        stmts: &'a [Statement<'a>],
        top_lex: &[LexDecl<'a>],
        strict: bool,
    ) -> Result<Self, EarlyError> {
        let mut s = VarScan {
            strict,
            ..Default::default()
        };
        s.lex_stack.push(top_lex.iter().map(|d| d.name).collect());
        for st in stmts {
            match declaration_of(st) {
                Some(Decl::Function(f)) => {
                    s.check_var(f.name, f.span)?;
                    s.functions.push(f);
                }
                Some(Decl::Var(d)) => s.var_decl(d)?,
                _ => s.stmt(st)?,
            }
        }
        Ok(s)
    }

    fn check_var(&self, name: &'a str, span: Span) -> Result<(), EarlyError> {
        if self.lex_stack.iter().any(|l| l.contains(&name)) {
            return Err(redeclared(span, name));
        }
        Ok(())
    }

    fn var_decl(&mut self, d: &'a VariableDeclaration<'a>) -> Result<(), EarlyError> {
        if d.kind != VariableDeclarationKind::Var {
            return Ok(());
        }
        let mut ids = Vec::new();
        for decl in &d.declarations {
            bound_names(&decl.id, &mut ids);
        }
        for id in ids {
            self.check_var(id.name.as_str(), id.span)?;
            self.vars.push((id.name.as_str(), id.span));
        }
        Ok(())
    }

    fn block(&mut self, stmts: &'a [Statement<'a>], extra: &[&'a str]) -> Result<(), EarlyError> {
        let mut lex = Vec::new();
        lexical_decls(stmts, true, self.strict, &mut lex)?;
        let mut names: HashSet<&'a str> = lex.iter().map(|d| d.name).collect();
        names.extend(extra);
        self.lex_stack.push(names);
        for st in stmts {
            if let Statement::FunctionDeclaration(f) = st {
                self.annexb_candidate(f);
            } else {
                self.stmt(st)?;
            }
        }
        self.lex_stack.pop();
        Ok(())
    }

    /// Annex B.3.3: in sloppy code a block function also sets a function-level var of its name
    /// when a var statement there would not be an early error.
    fn annexb_candidate(&mut self, f: &'a Function<'a>) {
        if self.strict || f.generator || f.r#async {
            return;
        }
        let Some(id) = &f.id else { return };
        let name = id.name.as_str();
        let enclosing = self
            .lex_stack
            .split_last()
            .map_or(&[][..], |(_, rest)| rest);
        if enclosing.iter().any(|l| l.contains(&name)) {
            return;
        }
        self.vars.push((name, id.span));
        self.annexb.push((f as *const _ as usize, name));
    }

    fn stmt(&mut self, s: &'a Statement<'a>) -> Result<(), EarlyError> {
        match s {
            Statement::VariableDeclaration(d) => self.var_decl(d)?,
            Statement::BlockStatement(b) => self.block(&b.body, &[])?,
            // `if (x) function f() {}` (sloppy): as if the declaration had a block of its own.
            Statement::FunctionDeclaration(f) => {
                self.lex_stack.push(HashSet::new());
                self.annexb_candidate(f);
                self.lex_stack.pop();
            }
            Statement::IfStatement(i) => {
                self.stmt(&i.consequent)?;
                if let Some(a) = &i.alternate {
                    self.stmt(a)?;
                }
            }
            Statement::ForStatement(f) => {
                let mut head = Vec::new();
                if let Some(ForStatementInit::VariableDeclaration(d)) = &f.init {
                    if d.kind == VariableDeclarationKind::Var {
                        self.var_decl(d)?;
                    } else {
                        for decl in &d.declarations {
                            bound_names(&decl.id, &mut head);
                        }
                    }
                }
                self.loop_body(&f.body, &head)?;
            }
            Statement::ForInStatement(f) => self.for_in_of(&f.left, &f.body)?,
            Statement::ForOfStatement(f) => self.for_in_of(&f.left, &f.body)?,
            Statement::WhileStatement(w) => self.stmt(&w.body)?,
            Statement::DoWhileStatement(w) => self.stmt(&w.body)?,
            Statement::LabeledStatement(l) => self.stmt(&l.body)?,
            Statement::WithStatement(w) => self.stmt(&w.body)?,
            Statement::TryStatement(t) => {
                self.block(&t.block.body, &[])?;
                if let Some(h) = &t.handler {
                    // `catch (e) { var e }` is allowed (Annex B), `catch ([e]) { var e }` is not.
                    let mut ids = Vec::new();
                    if let Some(p) = &h.param {
                        if !matches!(p.pattern, BindingPattern::BindingIdentifier(_)) {
                            bound_names(&p.pattern, &mut ids);
                        }
                    }
                    let names: Vec<&'a str> = ids.iter().map(|i| i.name.as_str()).collect();
                    self.block(&h.body.body, &names)?;
                }
                if let Some(f) = &t.finalizer {
                    self.block(&f.body, &[])?;
                }
            }
            Statement::SwitchStatement(sw) => {
                let mut lex = Vec::new();
                for c in &sw.cases {
                    lexical_decls(&c.consequent, true, self.strict, &mut lex)?;
                }
                check_unique(&lex, self.strict)?;
                self.lex_stack.push(lex.iter().map(|d| d.name).collect());
                for c in &sw.cases {
                    for st in &c.consequent {
                        if let Statement::FunctionDeclaration(f) = st {
                            self.annexb_candidate(f);
                        } else {
                            self.stmt(st)?;
                        }
                    }
                }
                self.lex_stack.pop();
            }
            _ => {}
        }
        Ok(())
    }

    fn loop_body(
        &mut self,
        body: &'a Statement<'a>,
        head: &[&'a BindingIdentifier<'a>],
    ) -> Result<(), EarlyError> {
        self.lex_stack
            .push(head.iter().map(|i| i.name.as_str()).collect());
        self.stmt(body)?;
        self.lex_stack.pop();
        Ok(())
    }

    fn for_in_of(
        &mut self,
        left: &'a ForStatementLeft<'a>,
        body: &'a Statement<'a>,
    ) -> Result<(), EarlyError> {
        let mut head = Vec::new();
        if let ForStatementLeft::VariableDeclaration(d) = left {
            if d.kind == VariableDeclarationKind::Var {
                self.var_decl(d)?;
            } else {
                for decl in &d.declarations {
                    bound_names(&decl.id, &mut head);
                }
            }
        }
        self.loop_body(body, &head)
    }
}

/// Reports a name declared twice in one list of lexical declarations (across switch cases).
pub fn check_unique(lex: &[LexDecl<'_>], strict: bool) -> Result<(), EarlyError> {
    if let Some(d) = lex
        .iter()
        .find(|d| d.name == "let" && matches!(d.kind, DeclKind::Let | DeclKind::Const))
    {
        return Err(EarlyError(
            d.span,
            "'let' is not a valid lexically bound name".to_string(),
        ));
    }
    // Annex B.3.2.4 lets sloppy blocks repeat a plain function declaration. Each name maps to
    // whether every declaration of it so far is such a repeatable one (a hash map, not pairwise
    // comparisons: a script may declare tens of thousands of names at its top level).
    let repeatable =
        |d: &LexDecl<'_>| !strict && d.kind == DeclKind::BlockFunction && !d.special_function;
    let mut seen: HashMap<&str, bool> = HashMap::with_capacity(lex.len());
    for d in lex {
        match seen.get_mut(d.name) {
            Some(all_repeatable) if !(*all_repeatable && repeatable(d)) => {
                return Err(redeclared(d.span, d.name));
            }
            Some(_) => {}
            None => {
                seen.insert(d.name, repeatable(d));
            }
        }
    }
    Ok(())
}
