//! Every program in examples/ gives its `.expected` output (made with Node), both compiled to a
//! standalone executable by qjsc and run directly by qjs.
mod common;
use common::*;

fn check_compiled(name: &str) {
    let dir = tempdir();
    let exe = compile_exe(dir.path(), &example(name), name);
    let o = run_in(dir.path(), &exe, &[]);
    assert_success(&format!("./{name}"), &o);
    assert_eq!(stdout(&o), expected(name), "stdout of the compiled {name}");
}

fn check_interpreted(name: &str) {
    let o = run_in(&root(), QJS, &[example(name).as_os_str()]);
    assert_success(&format!("qjs {name}.js"), &o);
    assert_eq!(stdout(&o), expected(name), "stdout of qjs {name}.js");
}

#[test]
fn hello_compiled() {
    check_compiled("hello");
}

#[test]
fn hello_qjs() {
    check_interpreted("hello");
}

#[test]
fn fib_compiled() {
    check_compiled("fib");
}

#[test]
fn fib_qjs() {
    check_interpreted("fib");
}

#[test]
fn closures_classes_compiled() {
    check_compiled("closures_classes");
}

#[test]
fn closures_classes_qjs() {
    check_interpreted("closures_classes");
}

/// Every example has an expected-output file and a test above.
#[test]
fn every_example_is_tested() {
    let tested = ["hello", "fib", "closures_classes"];
    let dir = root().join("examples");
    for entry in std::fs::read_dir(&dir).expect("examples/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "js") {
            let stem = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            assert!(
                tested.contains(&stem.as_str()),
                "examples/{stem}.js has no test"
            );
            assert!(
                dir.join(format!("{stem}.expected")).is_file(),
                "examples/{stem}.js has no .expected file"
            );
        }
    }
}
