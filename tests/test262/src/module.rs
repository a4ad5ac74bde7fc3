//! Module tests: specifiers resolve to files next to the importing file (INTERPRETING.md,
//! "Modules"). [`Loader`] is the runtime's module loader for tests (static imports and
//! `import()` in every mode); [`load_graph`] lists a test's files for failure reports.
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Loads `./` specifiers from the directory of the importing file; keys are full paths.
pub struct Loader;

impl qjs_runtime::module::ModuleLoader for Loader {
    fn resolve(&mut self, referrer: &str, specifier: &str) -> Result<String, String> {
        resolve(Path::new(referrer), specifier)
            .map(|p| p.to_string_lossy().into_owned())
            .ok_or_else(|| format!("cannot resolve module '{specifier}'"))
    }

    fn load(&mut self, key: &str, json: bool) -> Result<qjs_bytecode::Program, String> {
        let source = std::fs::read_to_string(key).map_err(|e| format!("{key}: {e}"))?;
        let compiled = if json {
            qjs_compiler::compile_json_module(&source, key)
        } else {
            qjs_compiler::compile_module(&source, key)
        };
        compiled.map_err(|e| format!("{} ({key}:{}:{})", e.message, e.line, e.column))
    }
}

/// The file a specifier names, relative to the directory of the importing file. Every
/// test262 specifier starts with `./`; `<module source>` and others resolve to nothing.
pub fn resolve(importer: &Path, specifier: &str) -> Option<PathBuf> {
    let name = specifier.strip_prefix("./")?;
    if name.is_empty() || name.contains("..") {
        return None;
    }
    Some(importer.parent()?.join(name))
}

/// The `./` specifiers that follow `from` or `import` in a source text (static imports,
/// re-exports and dynamic `import('./x')` with a literal argument).
pub fn specifiers(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let q = bytes[i];
        if (q == b'\'' || q == b'"') && source[i + 1..].starts_with("./") {
            let before = source[..i].trim_end();
            let before = before.strip_suffix('(').map_or(before, str::trim_end);
            if before.ends_with("from") || before.ends_with("import") {
                if let Some(len) = source[i + 1..].find(q as char) {
                    out.push(source[i + 1..i + 1 + len].to_string());
                    i += len + 2;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// Every file reachable from the test through `./` specifiers (the test included).
pub fn load_graph(test: &Path, source: &str) -> Result<BTreeSet<PathBuf>, String> {
    let mut seen = BTreeSet::new();
    seen.insert(test.to_path_buf());
    let mut pending: Vec<(PathBuf, String)> = vec![(test.to_path_buf(), source.to_string())];
    while let Some((file, text)) = pending.pop() {
        for spec in specifiers(&text) {
            let Some(dep) = resolve(&file, &spec) else {
                continue;
            };
            if !seen.insert(dep.clone()) {
                continue;
            }
            if dep.extension().is_some_and(|e| e == "json") {
                continue;
            }
            let text = std::fs::read_to_string(&dep).map_err(|e| format!("{spec}: {e}"))?;
            pending.push((dep, text));
        }
    }
    Ok(seen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_specifiers() {
        let src = "import a from './a_FIXTURE.js';\nexport * from \"./b_FIXTURE.js\";\nimport './c.js';\nimport('./d.js');\nx = './not-an-import.js';";
        assert_eq!(
            specifiers(src),
            ["./a_FIXTURE.js", "./b_FIXTURE.js", "./c.js", "./d.js"]
        );
        assert_eq!(
            resolve(Path::new("/t/language/module-code/x.js"), "./y_FIXTURE.js"),
            Some(PathBuf::from("/t/language/module-code/y_FIXTURE.js"))
        );
        assert_eq!(resolve(Path::new("/t/x.js"), "<module source>"), None);
    }
}
