//! JavaScript source to qjs bytecode.
//!
//! [`compile_script`] (and [`compile_module`]) parses with oxc, resolves every binding to a local slot, a captured cell or
//! a global, and emits stack bytecode that passes [`qjs_bytecode::verify::verify`].
mod class;
mod compiler;
mod dynamic;
mod emit;
mod expr;
mod module;
mod pattern;
mod scope;
mod stmt;

use oxc_allocator::Allocator;
use oxc_parser::{ParseOptions, Parser};
use oxc_span::SourceType;
use std::fmt;

/// What kind of rejection a [`CompileError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The source is not valid JavaScript (or violates an early-error rule).
    Syntax,
    /// Valid JavaScript that this compiler does not handle yet.
    Unsupported,
}

/// A rejected program, with the position of the offending source.
#[derive(Debug, Clone)]
pub struct CompileError {
    pub kind: ErrorKind,
    pub message: String,
    pub filename: String,
    /// 1-based.
    pub line: u32,
    /// 1-based, in characters.
    pub column: u32,
    /// The text of the line that holds the error (without its terminator).
    pub source_line: String,
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let caret = " ".repeat(self.column.saturating_sub(1) as usize);
        write!(
            f,
            "SyntaxError: {}\n    at {}:{}:{}\n    {}\n    {}^",
            self.message, self.filename, self.line, self.column, self.source_line, caret
        )
    }
}

impl std::error::Error for CompileError {}

/// Maps byte offsets of one source text to lines and columns.
pub(crate) struct SourceMap<'s> {
    source: &'s str,
    filename: String,
    line_starts: Vec<usize>,
}

impl<'s> SourceMap<'s> {
    pub(crate) fn new(source: &'s str, filename: &str) -> Self {
        let mut line_starts = vec![0];
        let bytes = source.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => line_starts.push(i + 1),
                // U+2028 / U+2029 are line terminators too.
                0xE2 if bytes.get(i + 1) == Some(&0x80)
                    && matches!(bytes.get(i + 2), Some(0xA8) | Some(0xA9)) =>
                {
                    line_starts.push(i + 3)
                }
                _ => {}
            }
            i += 1;
        }
        SourceMap {
            source,
            filename: filename.to_string(),
            line_starts,
        }
    }

    /// The whole source text.
    pub(crate) fn text(&self) -> &'s str {
        self.source
    }

    /// The offset of the first token at or after `offset`: white space, line terminators and
    /// comments skipped.
    pub(crate) fn skip_trivia(&self, offset: u32) -> u32 {
        let mut i = offset as usize;
        loop {
            let Some(rest) = self.source.get(i..) else {
                return offset;
            };
            if let Some(c) = rest
                .chars()
                .next()
                .filter(|c| c.is_whitespace() || *c == '\u{FEFF}')
            {
                i += c.len_utf8();
            } else if rest.starts_with("//") {
                i += rest
                    .find(['\n', '\r', '\u{2028}', '\u{2029}'])
                    .unwrap_or(rest.len());
            } else if rest.starts_with("/*") {
                i += rest
                    .get(2..)
                    .and_then(|r| r.find("*/"))
                    .map_or(rest.len(), |e| e + 4);
            } else {
                return i as u32;
            }
        }
    }

    /// 1-based (line, column) of a byte offset; the column counts characters.
    pub(crate) fn position(&self, offset: u32) -> (u32, u32) {
        let off = (offset as usize).min(self.source.len());
        let line = self.line_starts.partition_point(|&s| s <= off).max(1);
        let start = self.line_starts[line - 1];
        let col = self
            .source
            .get(start..off)
            .map_or(off - start, |s| s.chars().count());
        (line as u32, col as u32 + 1)
    }

    fn line_text(&self, line: u32) -> String {
        let start = self.line_starts[(line as usize - 1).min(self.line_starts.len() - 1)];
        let rest = &self.source[start..];
        let end = rest
            .find(['\n', '\r', '\u{2028}', '\u{2029}'])
            .unwrap_or(rest.len());
        rest[..end].to_string()
    }

    pub(crate) fn error(&self, kind: ErrorKind, offset: u32, message: String) -> CompileError {
        let (line, column) = self.position(offset);
        CompileError {
            kind,
            message,
            filename: self.filename.clone(),
            line,
            column,
            source_line: self.line_text(line),
        }
    }
}

/// Native stack for parsing and code generation: both recurse over the syntax tree, and deeply
/// nested (often generated) code must give an error, not overflow the caller's stack.
const COMPILER_STACK: usize = 256 << 20;

/// Compiles a classic script. The `main` function of the result runs the script's top level.
pub fn compile_script(source: &str, filename: &str) -> Result<qjs_bytecode::Program, CompileError> {
    compile(source, filename, false)
}

/// Compiles an ES module: the result's [`qjs_bytecode::ModuleInfo`] lists what it imports and
/// exports; its `main` function evaluates the module body (an async function when the body
/// awaits at its top level). The module's declarations are cells of the module environment,
/// not globals, and `this` at its top level is undefined.
pub fn compile_module(source: &str, filename: &str) -> Result<qjs_bytecode::Program, CompileError> {
    compile(source, filename, true)
}

/// Compiles a JSON module (`import x from "./a.json" with { type: "json" }`, ECMA-262
/// 16.2.1.7 with the JSON modules proposal): a module whose default export is the parsed text.
/// Text that is not JSON throws a SyntaxError when the module is evaluated.
pub fn compile_json_module(
    text: &str,
    filename: &str,
) -> Result<qjs_bytecode::Program, CompileError> {
    let mut literal = String::with_capacity(text.len() + 2);
    literal.push('"');
    for c in text.chars() {
        match c {
            '"' => literal.push_str("\\\""),
            '\\' => literal.push_str("\\\\"),
            '\n' => literal.push_str("\\n"),
            '\r' => literal.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                literal.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => literal.push(c),
        }
    }
    literal.push('"');
    compile(
        &format!("export default JSON.parse({literal});"),
        filename,
        true,
    )
}

/// Compiles the source of a `Function(p1, …, body)` call (ECMA-262 20.2.1.1.1
/// CreateDynamicFunction): the program's top-level code returns the new function. The parameters
/// and the body are checked to be exactly a parameter list and a function body.
pub fn compile_function(
    params: &str,
    body: &str,
    kind: FunctionKind,
) -> Result<qjs_bytecode::Program, CompileError> {
    let prefix = match kind {
        FunctionKind::Normal => "function",
        FunctionKind::Generator => "function*",
        FunctionKind::Async => "async function",
        FunctionKind::AsyncGenerator => "async function*",
    };
    // Each part alone must parse as what it claims to be, so that text such as
    // `Function("/*", "*/){")` cannot close the parameter list early.
    for (p, b) in [(params, ""), ("", body)] {
        let probe = format!("({prefix} anonymous({p}\n) {{\n{b}\n}})");
        check_parses(&probe)?;
    }
    let source = format!("({prefix} anonymous({params}\n) {{\n{body}\n}})");
    compile_with(&source, "<function>", Mode::FunctionWrapper)
}

/// Compiles eval code (ECMA-262 19.2.1.1 PerformEval). `scope` is the scope description a
/// direct eval call site recorded (the runtime passes it through); None for an indirect eval.
/// The program's top-level code returns the completion value of the source.
pub fn compile_eval(
    source: &str,
    scope: Option<&str>,
) -> Result<qjs_bytecode::Program, CompileError> {
    compile_with(source, "<eval>", Mode::Eval(scope))
}

/// [`compile_function`] and [`compile_eval`] in the shape of the runtime's `FunctionCompiler`
/// hook: `kind` is one of [`qjs_bytecode::dynamic`]'s; for a direct eval `params` is the
/// caller's scope description and `body` the source; the error is the SyntaxError message.
pub fn dynamic_function_compiler(
    params: &str,
    body: &str,
    kind: u8,
) -> Result<qjs_bytecode::Program, String> {
    use qjs_bytecode::dynamic;
    let r = match kind {
        dynamic::EVAL_INDIRECT => compile_eval(body, None),
        dynamic::EVAL_DIRECT => compile_eval(body, Some(params)),
        dynamic::GENERATOR => compile_function(params, body, FunctionKind::Generator),
        dynamic::ASYNC => compile_function(params, body, FunctionKind::Async),
        dynamic::ASYNC_GENERATOR => compile_function(params, body, FunctionKind::AsyncGenerator),
        _ => compile_function(params, body, FunctionKind::Normal),
    };
    r.map_err(|e| e.message)
}

/// Which dynamic-function constructor is compiling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctionKind {
    Normal,
    Generator,
    Async,
    AsyncGenerator,
}

fn check_parses(source: &str) -> Result<(), CompileError> {
    let map = SourceMap::new(source, "<function>");
    let allocator = Allocator::default();
    let ret = Parser::new(&allocator, source, SourceType::script()).parse();
    let bad = ret.program.body.len() != 1 || ret.panicked;
    let first = ret.diagnostics.errors().next().map(|d| {
        (
            d.labels.first().map_or(0, |l| l.offset()),
            d.message.to_string(),
        )
    });
    match first {
        Some((offset, message)) => Err(map.error(ErrorKind::Syntax, offset, message)),
        None if bad => Err(map.error(ErrorKind::Syntax, 0, "invalid function source".into())),
        None => Ok(()),
    }
}

/// What a source text is compiled as.
#[derive(Clone, Copy)]
enum Mode<'d> {
    Script,
    Module,
    /// The script that wraps a `Function(...)` body: it returns its completion value.
    FunctionWrapper,
    /// Eval code, with the direct eval caller's scope description.
    Eval(Option<&'d str>),
}

fn compile(
    source: &str,
    filename: &str,
    module: bool,
) -> Result<qjs_bytecode::Program, CompileError> {
    compile_with(
        source,
        filename,
        if module { Mode::Module } else { Mode::Script },
    )
}

fn compile_with(
    source: &str,
    filename: &str,
    mode: Mode<'_>,
) -> Result<qjs_bytecode::Program, CompileError> {
    // Short sources (typical `eval` strings) cannot nest deeply: skip the thread.
    if source.len() <= 256 {
        return compile_on_this_thread(source, filename, mode);
    }
    std::thread::scope(|s| {
        let worker = std::thread::Builder::new()
            .name("qjs-compiler".into())
            .stack_size(COMPILER_STACK)
            .spawn_scoped(s, || compile_on_this_thread(source, filename, mode));
        match worker {
            Ok(h) => h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
            // No thread available: compile here, with the caller's stack.
            Err(_) => compile_on_this_thread(source, filename, mode),
        }
    })
}

fn compile_on_this_thread(
    source: &str,
    filename: &str,
    mode: Mode<'_>,
) -> Result<qjs_bytecode::Program, CompileError> {
    let map = SourceMap::new(source, filename);
    let allocator = Allocator::default();
    let options = ParseOptions {
        preserve_parens: false,
        ..ParseOptions::default()
    };
    let scope = match mode {
        Mode::Eval(Some(text)) => Some(
            dynamic::parse_scope(text, &allocator)
                .ok_or_else(|| map.error(ErrorKind::Syntax, 0, "bad eval scope".into()))?,
        ),
        _ => None,
    };
    let source_type = match mode {
        Mode::Module => SourceType::mjs(),
        // Eval code in a function may use `new.target` (the CommonJS wrapper's rule; `return`
        // stays an error, checked by the compiler).
        _ if scope.as_ref().is_some_and(|s| s.in_function) => SourceType::cjs(),
        _ => SourceType::script(),
    };
    let ret = Parser::new(&allocator, source, source_type)
        .with_options(options)
        .parse();
    if let Some(d) = ret.diagnostics.errors().next() {
        let offset = d.labels.first().map_or(0, |l| l.offset());
        return Err(map.error(ErrorKind::Syntax, offset, d.message.to_string()));
    }
    if ret.panicked {
        return Err(map.error(ErrorKind::Syntax, 0, "unexpected parse failure".into()));
    }
    let mut c = compiler::Compiler::new(&map);
    match mode {
        Mode::Module => c.compile_module(&ret.program),
        Mode::Script => c.compile_program(&ret.program),
        Mode::FunctionWrapper => {
            c.return_completion = true;
            c.compile_program(&ret.program)
        }
        Mode::Eval(_) => c.compile_eval_program(&ret.program, scope.as_ref()),
    }
}

#[cfg(test)]
mod tests;
