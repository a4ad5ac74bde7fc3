//! Running one test in one mode in a fresh runtime (inside a worker process).
use crate::harness::{Harness, ASYNC_PRELUDE, PRELUDE};
use crate::meta::{self, Meta, Mode, Negative, Phase};
use crate::module;
use qjs_compiler::ErrorKind;
use qjs_runtime::{Runtime, Value};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Pass,
    Fail,
    Skip,
}

/// The result of one test in one mode.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Outcome {
    pub verdict: Verdict,
    /// Why it failed or was skipped (one line); empty for a pass.
    pub reason: String,
    /// For `-f`: the exception's stack and what the test printed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
}

impl Outcome {
    pub fn pass() -> Outcome {
        Outcome {
            verdict: Verdict::Pass,
            reason: String::new(),
            detail: String::new(),
        }
    }

    pub fn fail(reason: impl Into<String>) -> Outcome {
        Outcome {
            verdict: Verdict::Fail,
            reason: reason.into(),
            detail: String::new(),
        }
    }

    fn with_detail(mut self, detail: String) -> Outcome {
        self.detail = detail;
        self
    }
}

/// The marks `doneprintHandle.js` prints.
const ASYNC_COMPLETE: &str = "Test262:AsyncTestComplete";
const ASYNC_FAILURE: &str = "Test262:AsyncTestFailure";

/// An uncaught exception, described for the report.
struct Thrown {
    /// The name of its constructor (or its `name`), e.g. `TypeError`.
    type_name: String,
    /// `String(e)`.
    message: String,
    stack: String,
}

impl Thrown {
    fn stack_detail(&self) -> String {
        if self.stack.trim().is_empty() {
            String::new()
        } else {
            format!("stack:\n{}", self.stack.trim_end())
        }
    }
}

fn describe(rt: &mut Runtime, exc: &Value) -> Thrown {
    let mut type_name = String::new();
    if exc.is_object() {
        let ctor_key = rt.intern("constructor");
        let name_key = rt.intern("name");
        if let Ok(ctor) = rt.get(exc, ctor_key) {
            if ctor.is_object() {
                if let Ok(n) = rt.get(&ctor, name_key) {
                    type_name = n
                        .as_string()
                        .map(|s| s.to_rust_string())
                        .unwrap_or_default();
                }
            }
        }
        rt.take_exception();
        if type_name.is_empty() {
            if let Ok(n) = rt.get(exc, name_key) {
                type_name = n
                    .as_string()
                    .map(|s| s.to_rust_string())
                    .unwrap_or_default();
            }
            rt.take_exception();
        }
    }
    let message = match rt.to_string(exc) {
        Ok(s) => s.to_rust_string(),
        Err(_) => {
            rt.take_exception();
            "<exception while converting the thrown value to a string>".into()
        }
    };
    let mut stack = String::new();
    if exc.is_object() {
        let k = rt.intern("stack");
        if let Ok(s) = rt.get(exc, k) {
            stack = s
                .as_string()
                .map(|s| s.to_rust_string())
                .unwrap_or_default();
        }
        rt.take_exception();
    }
    if type_name.is_empty() {
        type_name = "<not an error object>".into();
    }
    Thrown {
        type_name,
        message,
        stack,
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

/// Runs the test at `root/test/rel` in `mode`.
pub fn run(harness: &mut Harness, test_dir: &Path, rel: &str, mode: Mode) -> Outcome {
    let path = test_dir.join(rel);
    let source = match std::fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(_) => return Outcome::fail("test file is not UTF-8"),
        },
        Err(e) => return Outcome::fail(format!("cannot read test: {e}")),
    };
    let meta = match meta::parse(&source) {
        Ok(m) => m,
        Err(e) => return Outcome::fail(format!("bad front matter: {e}")),
    };
    let outcome = run_script(harness, &path, &source, &meta, mode);
    if mode == Mode::Module && outcome.verdict == Verdict::Fail {
        let graph = module_graph_note(&path, &source);
        let detail = if outcome.detail.is_empty() {
            graph
        } else {
            format!("{}\n{graph}", outcome.detail)
        };
        return outcome.with_detail(detail);
    }
    outcome
}

/// The files a module test loads (its `_FIXTURE`s), shown when it fails. Negative tests may
/// name missing files on purpose, so a resolution problem is only reported as detail.
fn module_graph_note(path: &Path, source: &str) -> String {
    match module::load_graph(path, source) {
        Ok(graph) => format!("module graph: {} file(s)", graph.len()),
        Err(e) => format!("module resolution: {e}"),
    }
}

fn run_script(
    harness: &mut Harness,
    path: &Path,
    source: &str,
    meta: &Meta,
    mode: Mode,
) -> Outcome {
    let mut rt = Runtime::new();
    rt.set_function_compiler(qjs_compiler::dynamic_function_compiler);
    rt.modules.loader = Some(Box::new(module::Loader));
    let output = crate::host::install(&mut rt);
    let outcome = run_in(&mut rt, harness, path, source, meta, mode);
    let printed = output.text();
    drop(rt);
    let outcome = match outcome {
        Ok(()) if meta.flags.is_async && meta.negative.is_none() => async_verdict(&printed),
        Ok(()) => Outcome::pass(),
        Err(o) => o,
    };
    if printed.is_empty() || outcome.verdict == Verdict::Pass {
        outcome
    } else {
        let detail = format!(
            "{}{}output:\n{printed}",
            outcome.detail,
            if outcome.detail.is_empty() { "" } else { "\n" }
        );
        outcome.with_detail(detail)
    }
}

fn async_verdict(printed: &str) -> Outcome {
    if let Some(line) = printed.lines().find(|l| l.starts_with(ASYNC_FAILURE)) {
        Outcome::fail(format!("async: {line}"))
    } else if printed.lines().any(|l| l == ASYNC_COMPLETE) {
        Outcome::pass()
    } else {
        Outcome::fail("async test did not print Test262:AsyncTestComplete")
    }
}

fn run_in(
    rt: &mut Runtime,
    harness: &mut Harness,
    path: &Path,
    source: &str,
    meta: &Meta,
    mode: Mode,
) -> Result<(), Outcome> {
    if !meta.flags.raw {
        let mut files: Vec<&str> = PRELUDE.to_vec();
        if meta.flags.is_async {
            files.push(ASYNC_PRELUDE);
        }
        files.extend(meta.includes.iter().map(String::as_str));
        for name in files {
            let program = harness
                .program(name)
                .map_err(|e| Outcome::fail(format!("harness: {e}")))?;
            if qjs_runtime::host::exec_program(rt, program).is_err() {
                let exc = rt.take_exception();
                let t = describe(rt, &exc);
                return Err(Outcome::fail(format!(
                    "harness/{name} threw {}",
                    first_line(&t.message)
                ))
                .with_detail(t.stack_detail()));
            }
        }
    }
    // Files are named by their full path: imports resolve relative to it.
    let rel = &path.to_string_lossy().into_owned();
    let compiled = match mode {
        Mode::Sloppy => qjs_compiler::compile_script(source, rel),
        Mode::Strict => qjs_compiler::compile_script(&format!("\"use strict\";\n{source}"), rel),
        // Module code is strict by itself: no directive is added.
        Mode::Module => qjs_compiler::compile_module(source, rel),
    };
    let expected = meta.negative.as_ref();
    let program = match compiled {
        Ok(p) => p,
        Err(e) => {
            let at = format!("{}:{}", e.line, e.column);
            return match (e.kind, expected) {
                (
                    ErrorKind::Syntax,
                    Some(Negative {
                        phase: Phase::Parse,
                        error_type,
                    }),
                ) if error_type == "SyntaxError" => Ok(()),
                (ErrorKind::Syntax, _) => Err(Outcome::fail(format!(
                    "parse: SyntaxError at {at}: {}",
                    e.message
                ))),
                (ErrorKind::Unsupported, _) => {
                    Err(Outcome::fail(format!("unsupported at {at}: {}", e.message)))
                }
            };
        }
    };
    // A module's resolution errors (unresolvable or ambiguous imports) are thrown by Link.
    let resolution_runs = mode == Mode::Module;
    if let Some(n) = expected
        .filter(|n| n.phase == Phase::Parse || (n.phase == Phase::Resolution && !resolution_runs))
    {
        return Err(Outcome::fail(format!(
            "expected a {} error ({}) but the script compiled",
            n.phase.name(),
            n.error_type
        )));
    }
    let thrown = if mode == Mode::Module {
        match qjs_runtime::host::start_module(rt, rel.clone(), program) {
            Err(_) => {
                let exc = rt.take_exception();
                Some(describe(rt, &exc))
            }
            Ok(promise) => {
                qjs_runtime::host::run_jobs(rt);
                match qjs_runtime::module::promise_outcome(&promise) {
                    Some((false, exc)) => Some(describe(rt, &exc)),
                    Some((true, _)) => None,
                    None => Some(Thrown {
                        type_name: "<pending>".into(),
                        message: "the module's evaluation never finished".into(),
                        stack: String::new(),
                    }),
                }
            }
        }
    } else {
        let result = qjs_runtime::host::exec_program(rt, program);
        if result.is_err() {
            let exc = rt.take_exception();
            Some(describe(rt, &exc))
        } else {
            qjs_runtime::host::run_jobs(rt);
            None
        }
    };
    match (thrown, expected) {
        (None, None) => Ok(()),
        (None, Some(n)) => Err(Outcome::fail(format!(
            "expected runtime {} but nothing was thrown",
            n.error_type
        ))),
        (Some(t), Some(n)) if t.type_name == n.error_type => Ok(()),
        (Some(t), Some(n)) => Err(Outcome::fail(format!(
            "expected runtime {}, got {}: {}",
            n.error_type,
            t.type_name,
            first_line(&t.message)
        ))
        .with_detail(t.stack_detail())),
        (Some(t), None) => Err(
            Outcome::fail(format!("uncaught {}", first_line(&t.message)))
                .with_detail(t.stack_detail()),
        ),
    }
}
