//! Helpers shared by the integration tests: paths of the binaries and fixtures, and running them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const QJSC: &str = env!("CARGO_BIN_EXE_qjsc");
pub const QJS: &str = env!("CARGO_BIN_EXE_qjs");

/// The repository root (absolute).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn example(name: &str) -> PathBuf {
    root().join("examples").join(format!("{name}.js"))
}

pub fn expected(name: &str) -> String {
    let path = root().join("examples").join(format!("{name}.expected"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn fixture(rel: &str) -> PathBuf {
    root().join("tests").join(rel)
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("qjs-test-")
        .tempdir()
        .expect("temporary directory")
}

/// Runs a command in `dir` and captures everything.
pub fn run_in(
    dir: &Path,
    program: impl AsRef<std::ffi::OsStr>,
    args: &[&std::ffi::OsStr],
) -> Output {
    let program = program.as_ref();
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.to_string_lossy()))
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Panics with both streams unless the command exited with 0.
pub fn assert_success(what: &str, o: &Output) {
    assert!(
        o.status.success(),
        "{what} failed ({})\n--- stdout\n{}\n--- stderr\n{}",
        o.status,
        stdout(o),
        stderr(o)
    );
}

/// `qjsc -o DIR/NAME INPUT`, run from `dir`; returns the executable's path.
pub fn compile_exe(dir: &Path, input: &Path, name: &str) -> PathBuf {
    let exe = dir.join(name);
    let o = run_in(
        dir,
        QJSC,
        &["-o".as_ref(), exe.as_os_str(), input.as_os_str()],
    );
    assert_success(&format!("qjsc -o {name} {}", input.display()), &o);
    assert!(exe.is_file(), "qjsc did not write {}", exe.display());
    exe
}
