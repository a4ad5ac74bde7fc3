//! The harness files (`harness/*.js`), read and compiled once per worker process and then
//! cloned into each test's runtime.
use qjs_bytecode::Program;
use std::collections::HashMap;
use std::path::PathBuf;

/// Evaluated before every test that is not `raw` (INTERPRETING.md, "Test262-Defined Bindings").
pub const PRELUDE: [&str; 2] = ["assert.js", "sta.js"];
/// Evaluated after the prelude for `async` tests.
pub const ASYNC_PRELUDE: &str = "doneprintHandle.js";

pub struct Harness {
    dir: PathBuf,
    compiled: HashMap<String, Result<Program, String>>,
}

impl Harness {
    pub fn new(dir: PathBuf) -> Harness {
        Harness {
            dir,
            compiled: HashMap::new(),
        }
    }

    /// The compiled program of harness file `name` (a path relative to `harness/`), or why it
    /// could not be read or compiled.
    pub fn program(&mut self, name: &str) -> Result<Program, String> {
        if !self.compiled.contains_key(name) {
            let compiled = self.compile(name);
            self.compiled.insert(name.to_string(), compiled);
        }
        match self.compiled.get(name) {
            Some(r) => r.clone(),
            None => Err(format!("harness/{name}: not cached")),
        }
    }

    fn compile(&self, name: &str) -> Result<Program, String> {
        if name.contains("..") {
            return Err(format!("harness/{name}: path leaves the harness directory"));
        }
        let path = self.dir.join(name);
        let source = std::fs::read_to_string(&path).map_err(|e| format!("harness/{name}: {e}"))?;
        qjs_compiler::compile_script(&source, &format!("harness/{name}")).map_err(|e| {
            let kind = match e.kind {
                qjs_compiler::ErrorKind::Syntax => "SyntaxError",
                qjs_compiler::ErrorKind::Unsupported => "unsupported",
            };
            format!(
                "harness/{name}:{}:{}: {kind}: {}",
                e.line, e.column, e.message
            )
        })
    }
}
