//! ES modules without imports: the module body compiles as a strict function body whose
//! top-level declarations are local slots (or cells) of the module's main function, `this` at
//! the top level is undefined, and `export` only checks its early errors (nothing can import
//! yet). Imports and re-exports need a module graph and are `Unsupported`.
use crate::compiler::{CResult, Compiler, FnBody, FnSpec, FuncState};
use crate::scope::{bound_names, ScopeKind};
use oxc_ast::ast::*;
use oxc_span::{GetSpan, Span};
use qjs_bytecode::{flags, Program};
use std::collections::HashMap;

/// What an import or re-export statement needs that is not there yet.
pub fn graph_feature(s: &Statement<'_>) -> &'static str {
    match s {
        Statement::ImportDeclaration(_) => "import declarations (module graphs)",
        Statement::ExportAllDeclaration(_) => "export * from (module graphs)",
        Statement::ExportFromDeclaration(_) => "export { … } from (module graphs)",
        _ => "this module item",
    }
}

/// The text of an export name and whether it is an identifier (not a string literal).
fn export_name<'a>(n: &'a ModuleExportName<'a>) -> (&'a str, bool, Span) {
    match n {
        ModuleExportName::IdentifierName(i) => (i.name.as_str(), true, i.span),
        ModuleExportName::IdentifierReference(i) => (i.name.as_str(), true, i.span),
        ModuleExportName::StringLiteral(s) => (s.value.as_str(), false, s.span),
    }
}

impl<'a, 's> Compiler<'a, 's> {
    /// Compiles a module. Its main function is strict script code that the runtime runs like a
    /// script; every declaration of the module is local to it.
    pub fn compile_module(mut self, program: &'a oxc_ast::ast::Program<'a>) -> CResult<Program> {
        self.check_exports(&program.body)?;
        let mut f = FuncState::new(true, false, true);
        f.this_undefined = true;
        self.fs.push(f);
        let spec = FnSpec {
            span: program.span,
            params: None,
            body: FnBody::Module(&program.body),
            name: String::new(),
            self_name: None,
            flags: flags::SCRIPT,
        };
        let r = self.function_body(&spec, &[], None);
        let f = self.fs.pop().expect("pushed above");
        r?;
        let main = self.finish_function(f, &spec, &[])?;
        Ok(self.into_program(main))
    }

    /// The early errors of the module's export names (each exported once, string names
    /// well-formed), then the first import or re-export, which needs a module graph.
    fn check_exports(&mut self, body: &'a [Statement<'a>]) -> CResult<()> {
        let mut seen: HashMap<&'a str, ()> = HashMap::new();
        let mut graph: Option<&'a Statement<'a>> = None;
        let mut add = |c: &Self, name: &'a str, span: Span| -> CResult<()> {
            if seen.insert(name, ()).is_some() {
                return Err(c.syntax(span, format!("Duplicate export of '{name}'")));
            }
            Ok(())
        };
        for s in body {
            match s {
                Statement::ExportDeclaration(e) => {
                    let mut ids = Vec::new();
                    match &e.declaration {
                        Declaration::VariableDeclaration(d) => {
                            for decl in &d.declarations {
                                bound_names(&decl.id, &mut ids);
                            }
                        }
                        Declaration::FunctionDeclaration(f) => ids.extend(f.id.as_ref()),
                        Declaration::ClassDeclaration(c) => ids.extend(c.id.as_ref()),
                        _ => {}
                    }
                    for id in ids {
                        add(self, id.name.as_str(), id.span)?;
                    }
                }
                Statement::ExportDefaultDeclaration(e) => add(self, "default", e.span)?,
                Statement::ExportNamedDeclaration(e) => {
                    for spec in &e.specifiers {
                        self.check_string_name(&spec.exported)?;
                        let (name, _, span) = export_name(&spec.exported);
                        add(self, name, span)?;
                    }
                }
                Statement::ExportFromDeclaration(e) => {
                    for spec in &e.specifiers {
                        self.check_string_name(&spec.local)?;
                        self.check_string_name(&spec.exported)?;
                        let (name, _, span) = export_name(&spec.exported);
                        add(self, name, span)?;
                    }
                    graph.get_or_insert(s);
                }
                Statement::ExportAllDeclaration(e) => {
                    if let Some(n) = &e.exported {
                        self.check_string_name(n)?;
                        let (name, _, span) = export_name(n);
                        add(self, name, span)?;
                    }
                    graph.get_or_insert(s);
                }
                Statement::ImportDeclaration(_) => {
                    graph.get_or_insert(s);
                }
                _ => {}
            }
        }
        match graph {
            Some(s) => Err(self.unsupported(s.span(), graph_feature(s))),
            None => Ok(()),
        }
    }

    /// A string export name must be well-formed Unicode (no lone surrogates).
    fn check_string_name(&self, n: &ModuleExportName<'a>) -> CResult<()> {
        match n {
            ModuleExportName::StringLiteral(s) if s.lone_surrogates => {
                Err(self.syntax(s.span, "an export name must not contain a lone surrogate"))
            }
            _ => Ok(()),
        }
    }

    /// `export { a, b as c }`: each local name must be declared at the module's top level.
    fn export_names(&mut self, e: &'a ExportNamedDeclaration<'a>) -> CResult<()> {
        for spec in &e.specifiers {
            let (name, ident, span) = export_name(&spec.local);
            if !ident {
                return Err(self.syntax(
                    span,
                    "a string can only name what another module exports (export { … } from)",
                ));
            }
            let f = self.f();
            let top = &f.scopes[f.var_scope];
            if top.kind != ScopeKind::Function || !top.names.contains_key(name) {
                return Err(self.syntax(span, format!("Export '{name}' is not defined in module")));
            }
        }
        Ok(())
    }

    /// A statement of the module's top level (where `import` and `export` can be).
    pub fn module_item(&mut self, s: &'a Statement<'a>) -> CResult<()> {
        match s {
            Statement::ExportDeclaration(_) | Statement::ExportDefaultDeclaration(_) => {
                self.declaration(s)
            }
            Statement::ExportNamedDeclaration(e) => self.export_names(e),
            Statement::ImportDeclaration(_)
            | Statement::ExportAllDeclaration(_)
            | Statement::ExportFromDeclaration(_) => {
                Err(self.unsupported(s.span(), graph_feature(s)))
            }
            _ => self.stmt(s),
        }
    }

    /// Code at the top level of a module (not inside any function).
    pub fn module_top_level(&mut self) -> bool {
        self.fs.len() == 1 && self.f().this_undefined
    }
}
