//! The programs in tests/language/ run in-process and print exactly their `.expected` output
//! (made with Node), and every runtime they use frees all its objects at teardown.
use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

/// Compiles and runs `source` in a fresh runtime; returns (stdout, uncaught exception text).
fn run(source: &str, filename: &str) -> (String, Option<String>) {
    let program = qjs_compiler::compile_script(source, filename).unwrap_or_else(|e| panic!("{e}"));
    let mut rt = qjs_runtime::Runtime::new();
    rt.set_function_compiler(qjs_compiler::dynamic_function_compiler);
    let out = Rc::new(RefCell::new(String::new()));
    let sink = out.clone();
    rt.output = Some(Box::new(move |s: &str| sink.borrow_mut().push_str(s)));
    qjs_runtime::host::add_helpers(&mut rt, &[]);
    let exception = qjs_runtime::host::exec_program(&mut rt, program)
        .err()
        .map(|_| {
            let e = rt.take_exception();
            rt.to_string(&e)
                .map(|s| s.to_rust_string())
                .unwrap_or_default()
        });
    // Then the promise jobs, as qjs does after the script.
    let jobs_failed = qjs_runtime::host::run_jobs(&mut rt) != 0;
    let exception = exception
        .or_else(|| jobs_failed.then(|| "a job failed or a rejection was unhandled".to_string()));
    drop(rt);
    let text = out.borrow().clone();
    (text, exception)
}

fn check(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/language");
    let source = std::fs::read_to_string(dir.join(format!("{name}.js"))).expect("test source");
    let expected =
        std::fs::read_to_string(dir.join(format!("{name}.expected"))).expect("expected output");
    let leaked_before = qjs_runtime::host::leaked_boxes();
    let (out, exception) = run(&source, &format!("{name}.js"));
    assert_eq!(exception, None, "{name}.js threw");
    assert_eq!(out, expected, "output of {name}.js");
    assert_eq!(
        qjs_runtime::host::leaked_boxes(),
        leaked_before,
        "{name}.js leaked objects"
    );
}

#[test]
fn operators() {
    check("operators");
}

#[test]
fn control_flow() {
    check("control");
}

#[test]
fn functions_and_closures() {
    check("functions");
}

#[test]
fn classes() {
    check("classes");
}

#[test]
fn builtins() {
    check("builtins");
}

#[test]
fn destructuring_and_literals() {
    check("destructuring");
}

#[test]
fn edge_cases() {
    check("edge_cases");
}

#[test]
fn json() {
    check("json");
}

#[test]
fn map_set() {
    check("map_set");
}

#[test]
fn dates() {
    check("dates");
}

#[test]
fn iterator_helpers() {
    check("iterator_helpers");
}

#[test]
fn weak_collections() {
    check("weak_collections");
}

#[test]
fn reflect() {
    check("reflect");
}

#[test]
fn generators() {
    check("generators");
}

#[test]
fn derived_constructors() {
    check("derived_constructors");
}

#[test]
fn dynamic_function() {
    check("dynamic_function");
}

#[test]
fn async_functions() {
    check("async_functions");
}

#[test]
fn unhandled_rejection_is_reported() {
    let (_, e) = run("Promise.reject(new Error('lost'));", "t.js");
    assert!(e.is_some());
}

/// Every program in tests/language has a test above.
#[test]
fn every_language_program_is_checked() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/language");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("tests/language")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".js"))
                .map(String::from)
        })
        .collect();
    names.sort();
    let src = include_str!("language.rs");
    for n in names {
        assert!(
            src.contains(&format!("check(\"{n}\")")),
            "tests/language/{n}.js has no test"
        );
    }
}

#[test]
fn uncaught_error_reports_message_and_position() {
    let (_, e) = run("function f() { null.x; }\nf();", "t.js");
    let e = e.expect("an exception");
    assert!(e.starts_with("TypeError"), "{e}");
}

#[test]
fn deep_recursion_is_a_range_error_not_a_crash() {
    let (out, e) = run(
        "function r(n) { return r(n + 1) + 1; }\ntry { r(0); } catch (e) { print(e.name); }",
        "t.js",
    );
    assert_eq!(e, None);
    assert_eq!(out, "RangeError\n");
}

#[test]
fn native_reentry_depth_is_bounded() {
    // Each level goes through a native (Array.prototype.map), which re-enters the interpreter.
    let (out, e) = run(
        "function r() { return [1].map(r); }\ntry { r(); } catch (e) { print(e.name); }",
        "t.js",
    );
    assert_eq!(e, None);
    assert_eq!(out, "RangeError\n");
}

#[test]
fn numbers_format() {
    check("numbers_format");
}

#[test]
fn arrays_more() {
    check("arrays_more");
}

#[test]
fn strings_more() {
    check("strings_more");
}

#[test]
fn objects_more() {
    check("objects_more");
}

#[test]
fn class_fields() {
    check("class_fields");
}

#[test]
fn async_generators() {
    check("async_generators");
}

#[test]
fn array_from_async() {
    check("array_from_async");
}

#[test]
fn tagged_templates() {
    check("tagged_templates");
}

#[test]
fn parameter_scope() {
    check("parameter_scope");
}

#[test]
fn optional_call_this() {
    check("optional_call_this");
}

#[test]
fn using_declarations() {
    check("using_declarations");
}

#[test]
fn eval_with() {
    check("eval_with");
}

#[test]
fn regexp() {
    check("regexp");
}

#[test]
fn using_for_of() {
    check("using_for_of");
}

#[test]
fn number_parsing() {
    check("number_parsing");
}

#[test]
fn string_normalize() {
    check("string_normalize");
}

#[test]
fn function_to_string() {
    check("function_to_string");
}

#[test]
fn regexp_loops() {
    check("regexp_loops");
}

#[test]
fn regexp_legacy() {
    check("regexp_legacy");
}

#[test]
fn rope_strings() {
    check("rope_strings");
}

#[test]
fn int_arith() {
    check("int_arith");
}

#[test]
fn with_references() {
    check("with_references");
}

#[test]
fn using_for_statement() {
    check("using_for_statement");
}

#[test]
fn super_references() {
    check("super_references");
}

#[test]
fn tail_calls() {
    check("tail_calls");
}

#[test]
fn eval_spread_and_completions() {
    check("eval_spread_and_completions");
}

#[test]
fn bigint() {
    check("bigint");
}

#[test]
fn array_length_blocked() {
    check("array_length_blocked");
}

#[test]
fn array_proto_setters() {
    check("array_proto_setters");
}

#[test]
fn json_source() {
    check("json_source");
}

#[test]
fn async_recursion() {
    check("async_recursion");
}
