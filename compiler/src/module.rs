//! ES modules without imports: the module body compiles as a strict function body whose
//! top-level declarations are local slots (or cells) of the module's main function, `this` at
//! the top level is undefined, and `export` only checks that exported local names are declared
//! (nothing can import yet; oxc reports the other early errors of export names). Imports and
//! re-exports need a module graph and are `Unsupported`.
use crate::compiler::{CResult, Compiler, FnBody, FnSpec, FuncState};
use oxc_ast::ast::*;
use oxc_span::GetSpan;
use qjs_bytecode::{flags, Program};

/// What an import or re-export statement needs that is not there yet (`None`: other items).
fn graph_feature(s: &Statement<'_>) -> Option<&'static str> {
    match s {
        Statement::ImportDeclaration(_) => Some("import declarations (module graphs)"),
        Statement::ExportAllDeclaration(_) => Some("export * from (module graphs)"),
        Statement::ExportFromDeclaration(_) => Some("export { … } from (module graphs)"),
        _ => None,
    }
}

impl<'a, 's> Compiler<'a, 's> {
    /// Compiles a module. Its main function is strict script code that the runtime runs like a
    /// script; every declaration of the module is local to it.
    pub fn compile_module(mut self, program: &'a oxc_ast::ast::Program<'a>) -> CResult<Program> {
        // oxc reports duplicate export names, lone surrogates in string export names and
        // `export { "string" }` without `from`; imports and re-exports need a module graph.
        let graph = program
            .body
            .iter()
            .find_map(|s| Some((s, graph_feature(s)?)));
        if let Some((s, what)) = graph {
            return Err(self.unsupported(s.span(), what));
        }
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

    /// `export { a, b as c }`: each local name must be declared at the module's top level.
    fn export_names(&mut self, e: &'a ExportNamedDeclaration<'a>) -> CResult<()> {
        for spec in &e.specifiers {
            // A string local name (`export { "a" }`) is oxc's error.
            let (name, span) = match &spec.local {
                ModuleExportName::IdentifierReference(i) => (i.name.as_str(), i.span),
                ModuleExportName::IdentifierName(i) => (i.name.as_str(), i.span),
                ModuleExportName::StringLiteral(_) => continue,
            };
            let f = self.f();
            if !f.scopes[f.var_scope].names.contains_key(name) {
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
            _ => match graph_feature(s) {
                Some(what) => Err(self.unsupported(s.span(), what)),
                None => self.stmt(s),
            },
        }
    }

    /// Code at the top level of a module (not inside any function).
    pub fn module_top_level(&mut self) -> bool {
        self.fs.len() == 1 && self.f().this_undefined
    }
}
