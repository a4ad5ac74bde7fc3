//! The module loader of the command-line tools: specifiers are paths relative to the importing
//! file (`./x.js`, `../lib/y.mjs`, or absolute), and a module's key is its canonical path.
use qjs_runtime::module::ModuleLoader;
use std::path::{Path, PathBuf};

/// Loads modules from disk and compiles them with the in-process compiler.
pub struct FileLoader;

/// The file `specifier` names for code in `referrer` (a file path; `<cmdline>` and other
/// names that are not files resolve against the current directory).
pub fn resolve_path(referrer: &str, specifier: &str) -> Result<PathBuf, String> {
    let relative = specifier.starts_with("./") || specifier.starts_with("../");
    if !relative && !specifier.starts_with('/') {
        return Err(format!(
            "cannot resolve module '{specifier}' (only relative and absolute paths are supported)"
        ));
    }
    let base = Path::new(referrer)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let path = base.join(specifier);
    std::fs::canonicalize(&path).map_err(|e| {
        format!(
            "cannot load module '{specifier}' ({}): {}",
            path.display(),
            crate::io_error_text(&e)
        )
    })
}

impl ModuleLoader for FileLoader {
    fn resolve(&mut self, referrer: &str, specifier: &str) -> Result<String, String> {
        Ok(resolve_path(referrer, specifier)?
            .to_string_lossy()
            .into_owned())
    }

    fn load(&mut self, key: &str, json: bool) -> Result<qjs_bytecode::Program, String> {
        let source = crate::read_source(Path::new(key))?;
        let compiled = if json {
            qjs_compiler::compile_json_module(&source, key)
        } else {
            qjs_compiler::compile_module(&source, key)
        };
        // The compile error's text already starts with "SyntaxError: ".
        compiled.map_err(|e| {
            let text = e.to_string();
            text.strip_prefix("SyntaxError: ")
                .map(str::to_string)
                .unwrap_or(text)
        })
    }
}
