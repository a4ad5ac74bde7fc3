//! ES modules (ECMA-262 16.2). Every module-scope binding lives in a cell of the module's
//! *environment*, so that importers share the exporter's cells (live bindings). The compiler
//! models the environment as a function that is never emitted: its locals are the module's
//! bindings (imports, var/let/const/class/function), the main function (the module body) and
//! the hoisted function declarations are its inner functions and capture its slots as
//! `Capture::Local(slot)`. The runtime builds the cells when it links the module: imports
//! become the exporter's cells, hoisted functions are created, and the main function runs when
//! the module is evaluated. When the body awaits at its top level the main function is async.
use crate::compiler::{CResult, Compiler, FnBody, FnSpec, FuncState};
use crate::scope::*;
use oxc_ast::ast::*;
use qjs_bytecode::op::Op;
use qjs_bytecode::{
    flags, EnvSlot, ImportEntry, IndirectExport, LocalExport, ModuleInfo, ModuleRequest, Program,
};

/// One binding an import declaration creates.
struct ImportBinding<'a> {
    local: &'a BindingIdentifier<'a>,
    /// `None`: `import * as local`.
    imported: Option<&'a str>,
    decl: &'a ImportDeclaration<'a>,
}

fn import_bindings<'a>(stmts: &'a [Statement<'a>]) -> Vec<ImportBinding<'a>> {
    let mut out = Vec::new();
    for s in stmts {
        let Statement::ImportDeclaration(d) = s else {
            continue;
        };
        for spec in d.specifiers.iter().flatten() {
            let (local, imported) = match spec {
                ImportDeclarationSpecifier::ImportSpecifier(i) => {
                    (&i.local, Some(i.imported.name().as_str()))
                }
                ImportDeclarationSpecifier::ImportDefaultSpecifier(i) => {
                    (&i.local, Some("default"))
                }
                ImportDeclarationSpecifier::ImportNamespaceSpecifier(i) => (&i.local, None),
            };
            out.push(ImportBinding {
                local,
                imported,
                decl: d,
            });
        }
    }
    out
}

/// The names a declaration under `export` binds (for its export entries).
fn declared_names<'a>(d: &Decl<'a>) -> Vec<&'a str> {
    match d {
        Decl::Var(v) => {
            let mut ids = Vec::new();
            for decl in &v.declarations {
                bound_names(&decl.id, &mut ids);
            }
            ids.iter().map(|i| i.name.as_str()).collect()
        }
        Decl::Function(f) => vec![f.name],
        Decl::Class(name, _, _) => vec![name],
        Decl::DefaultValue(..) => vec![DEFAULT_BINDING],
    }
}

impl<'a, 's> Compiler<'a, 's> {
    /// Compiles a module: its record, its main function (the body) and its hoisted functions.
    pub fn compile_module(mut self, program: &'a oxc_ast::ast::Program<'a>) -> CResult<Program> {
        let stmts: &'a [Statement<'a>] = &program.body;
        for s in stmts {
            if let Statement::ImportDeclaration(d) = s {
                if d.phase.is_some() {
                    return Err(self.unsupported(d.span, "import defer / import source"));
                }
            }
        }
        // The environment.
        let mut env = FuncState::new(true, false, false);
        env.this_undefined = true;
        self.fs.push(env);
        let vs = self.push_scope(ScopeKind::Function);
        self.f().var_scope = vs;
        let mut lex = Vec::new();
        lexical_decls(stmts, false, true, &mut lex).map_err(|e| self.early(e))?;
        let imports = import_bindings(stmts);
        for i in &imports {
            lex.push(LexDecl {
                special_function: false,
                name: i.local.name.as_str(),
                span: i.local.span,
                kind: DeclKind::Import,
            });
        }
        check_unique(&lex, true).map_err(|e| self.early(e))?;
        let scan = VarScan::scan(stmts, &lex, true).map_err(|e| self.early(e))?;
        // A module's top-level functions are lexical declarations: no other declaration may
        // share their name.
        for (i, f) in scan.functions.iter().enumerate() {
            if scan.functions[..i].iter().any(|g| g.name == f.name)
                || scan.vars.iter().any(|v| v.0 == f.name)
            {
                return Err(self.early(redeclared(f.span, f.name)));
            }
        }
        self.check_declarations(&[], &lex, &scan)?;
        let mut info = ModuleInfo::default();
        for d in &lex {
            let kind = if d.kind == DeclKind::Import {
                EnvSlot::Import
            } else {
                EnvSlot::Lexical
            };
            self.declare_env(&mut info, d.name, d.kind, kind)?;
        }
        for &(name, _) in &scan.vars {
            self.declare_env(&mut info, name, DeclKind::Var, EnvSlot::Var)?;
        }
        for f in &scan.functions {
            self.declare_env(&mut info, f.name, DeclKind::Function, EnvSlot::Var)?;
        }
        // Requests in source order (the order in which dependencies evaluate).
        for s in stmts {
            let (source, with) = match s {
                Statement::ImportDeclaration(d) => (&d.source, &d.with_clause),
                Statement::ExportFromDeclaration(e) => (&e.source, &e.with_clause),
                Statement::ExportAllDeclaration(e) => (&e.source, &e.with_clause),
                _ => continue,
            };
            self.request(&mut info, source, with.as_deref());
        }
        for i in &imports {
            let request = self.request(&mut info, &i.decl.source, i.decl.with_clause.as_deref());
            let name = i.imported.map(|n| self.atom(n));
            let slot = self.env_slot(i.local.name.as_str());
            info.imports.push(ImportEntry {
                request,
                name,
                slot,
            });
        }
        for s in stmts {
            self.export_entries(&mut info, s)?;
        }
        // The body.
        let mut main = FuncState::new(true, false, false);
        main.this_undefined = true;
        main.module_main = true;
        self.fs.push(main);
        let mvs = self.push_scope(ScopeKind::Function);
        self.f().var_scope = mvs;
        // Becomes InitialYield when the body awaits at its top level.
        self.op(Op::Nop);
        let body = self.statements_disposing_with(stmts, Self::module_item);
        let mut f = self.fs.pop().expect("pushed above");
        body?;
        let mut fl = 0;
        if f.module_awaits {
            f.e.code[0] = Op::InitialYield as u8;
            fl = flags::ASYNC | flags::NOT_CONSTRUCTOR;
        }
        self.op_into(&mut f, Op::ReturnUndef);
        let spec = FnSpec {
            span: program.span,
            source: program.span,
            params: None,
            body: FnBody::Module,
            name: String::new(),
            self_name: None,
            flags: fl,
        };
        let main = self.finish_function(f, &spec, &[])?;
        // Hoisted functions are inner functions of the environment.
        for h in &scan.functions {
            let idx = self.compile_function_decl(h.func, h.display_name())?;
            let slot = self.env_slot(h.name);
            info.functions.push((slot, idx));
        }
        self.fs.pop();
        self.module_info = Some(info);
        Ok(self.into_program(main))
    }

    fn op_into(&mut self, f: &mut FuncState<'a>, op: Op) {
        f.e.emit(op);
    }

    /// Declares a module-scope binding (once) as the next environment slot.
    fn declare_env(
        &mut self,
        info: &mut ModuleInfo,
        name: &'a str,
        kind: DeclKind,
        slot_kind: EnvSlot,
    ) -> CResult<()> {
        let vs = self.f().var_scope;
        if self.f().scopes[vs].names.contains_key(name) {
            return Ok(());
        }
        let b = self.declare(vs, name, kind, false)?;
        let slot = self.f().bindings[b].slot as usize;
        if info.env.len() <= slot {
            info.env.resize(slot + 1, EnvSlot::Var);
        }
        info.env[slot] = slot_kind;
        Ok(())
    }

    /// The environment slot of a module-scope binding (the environment is the current function).
    fn env_slot(&mut self, name: &str) -> u16 {
        let f = self.f();
        let b = f.scopes[f.var_scope].names.get(name).copied();
        b.map_or(0, |b| f.bindings[b].slot)
    }

    fn env_binding(&mut self, name: &str) -> Option<(DeclKind, u16)> {
        let f = self.f();
        let b = f.scopes[f.var_scope].names.get(name).copied()?;
        Some((f.bindings[b].kind, f.bindings[b].slot))
    }

    /// The index of the ModuleRequest for `source` with its attributes (added on first use).
    fn request(
        &mut self,
        info: &mut ModuleInfo,
        source: &StringLiteral<'a>,
        with: Option<&WithClause<'a>>,
    ) -> u32 {
        let units = crate::compiler::js_string(source.value.as_str(), source.lone_surrogates);
        let specifier = self.atom_units(units);
        let mut attributes: Vec<(u32, u32)> = Vec::new();
        for a in with.map_or(&[][..], |w| &w.with_entries) {
            let key = match &a.key {
                ImportAttributeKey::Identifier(i) => i.name.as_str(),
                ImportAttributeKey::StringLiteral(s) => s.value.as_str(),
            };
            let key = self.atom(key);
            let value = crate::compiler::js_string(a.value.value.as_str(), a.value.lone_surrogates);
            let value = self.atom_units(value);
            attributes.push((key, value));
        }
        attributes.sort_unstable();
        let r = ModuleRequest {
            specifier,
            attributes,
        };
        match info.requests.iter().position(|x| *x == r) {
            Some(i) => i as u32,
            None => {
                info.requests.push(r);
                info.requests.len() as u32 - 1
            }
        }
    }

    /// The export entries of one top-level statement.
    fn export_entries(&mut self, info: &mut ModuleInfo, s: &'a Statement<'a>) -> CResult<()> {
        match s {
            Statement::ExportDeclaration(_) | Statement::ExportDefaultDeclaration(_) => {
                let Some(d) = declaration_of(s) else {
                    return Ok(());
                };
                let default = matches!(s, Statement::ExportDefaultDeclaration(_));
                for name in declared_names(&d) {
                    let slot = self.env_slot(name);
                    let name = self.atom(if default { "default" } else { name });
                    info.local_exports.push(LocalExport { name, slot });
                }
            }
            Statement::ExportNamedDeclaration(e) => {
                for spec in &e.specifiers {
                    // A string local name (`export { "a" }`) is oxc's error.
                    let (local, span) = match &spec.local {
                        ModuleExportName::IdentifierReference(i) => (i.name.as_str(), i.span),
                        ModuleExportName::IdentifierName(i) => (i.name.as_str(), i.span),
                        ModuleExportName::StringLiteral(_) => continue,
                    };
                    let Some((kind, slot)) = self.env_binding(local) else {
                        return Err(
                            self.syntax(span, format!("Export '{local}' is not defined in module"))
                        );
                    };
                    let name = self.atom(spec.exported.name().as_str());
                    // A re-exported import is an indirect export of what it imports
                    // (16.2.1.6.1 ParseModule step 10), so star exports compare the original.
                    let imported = info.imports.iter().find(|i| i.slot == slot).copied();
                    match imported {
                        Some(ImportEntry {
                            request,
                            name: Some(import),
                            ..
                        }) if kind == DeclKind::Import => {
                            info.indirect_exports.push(IndirectExport {
                                name,
                                request,
                                import: Some(import),
                            })
                        }
                        _ => info.local_exports.push(LocalExport { name, slot }),
                    }
                }
            }
            Statement::ExportFromDeclaration(e) => {
                let request = self.request(info, &e.source, e.with_clause.as_deref());
                for spec in &e.specifiers {
                    let name = self.atom(spec.exported.name().as_str());
                    let import = Some(self.atom(spec.local.name().as_str()));
                    info.indirect_exports.push(IndirectExport {
                        name,
                        request,
                        import,
                    });
                }
            }
            Statement::ExportAllDeclaration(e) => {
                let request = self.request(info, &e.source, e.with_clause.as_deref());
                match &e.exported {
                    Some(n) => {
                        let name = self.atom(n.name().as_str());
                        info.indirect_exports.push(IndirectExport {
                            name,
                            request,
                            import: None,
                        });
                    }
                    None => info.star_exports.push(request),
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A statement of the module's top level (where `import` and `export` can be).
    pub fn module_item(&mut self, s: &'a Statement<'a>) -> CResult<()> {
        match s {
            Statement::ExportDeclaration(_) | Statement::ExportDefaultDeclaration(_) => {
                self.declaration(s)
            }
            // Bindings and entries only: nothing runs.
            Statement::ImportDeclaration(_)
            | Statement::ExportNamedDeclaration(_)
            | Statement::ExportFromDeclaration(_)
            | Statement::ExportAllDeclaration(_) => Ok(()),
            _ => self.stmt(s),
        }
    }

    /// Code at the top level of a module's body (not inside any function).
    pub fn module_top_level(&mut self) -> bool {
        self.f().module_main
    }

    /// `import(specifier, options)` and `import.source(…)`.
    pub fn import_call(&mut self, i: &'a ImportExpression<'a>) -> CResult<()> {
        let phase = match i.phase {
            None => 0u8,
            Some(ImportPhase::Source) => 1,
            Some(ImportPhase::Defer) => return Err(self.unsupported(i.span, "import.defer()")),
        };
        self.expr(&i.source)?;
        match &i.options {
            Some(o) => self.expr(o)?,
            None => self.op(Op::Undefined),
        }
        self.op_arg(Op::ImportCall, phase);
        Ok(())
    }

    /// Compiles a function declaration without creating it (the runtime does, at link time).
    fn compile_function_decl(&mut self, func: &'a Function<'a>, name: &str) -> CResult<u32> {
        let spec = self.function_spec(func, name)?;
        self.compile_function(spec)
    }
}
