//! `qjsc --rust` and `--rust-crate` (issue 7): the generated Cargo project builds with cargo and
//! its executable behaves exactly as the C-built one (stdout, stderr, exit code), with eval (a
//! std program that links the compiler) and with several `-fno-*` flags (a `no_std` program
//! whose runtime features are off); the outputs are reproducible.
//!
//! The crates and their target directory live at fixed paths under the target directory
//! (`CARGO_TARGET_TMPDIR/rust-output`), so a second run rebuilds nothing. The builds are
//! `--offline`: the workspace's own build has fetched every dependency (the generated crate
//! carries the repository's Cargo.lock).
mod common;
use common::*;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Where the generated crates and their shared target directory live.
fn work_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("rust-output")
}

/// Variables of the outer `cargo test` that must not reach the nested build (as in build.rs).
const LEAKY_ENV: &[&str] = &[
    "RUSTFLAGS",
    "CARGO_ENCODED_RUSTFLAGS",
    "CARGO_BUILD_RUSTFLAGS",
    "CARGO_TARGET_DIR",
    "CARGO_BUILD_TARGET",
    "CARGO_BUILD_TARGET_DIR",
    "CARGO_MAKEFLAGS",
    "MAKEFLAGS",
    "MFLAGS",
    "RUSTC_WRAPPER",
    "RUSTC_WORKSPACE_WRAPPER",
];

/// Runs qjsc in `dir` and asserts success.
fn qjsc(dir: &Path, args: &[&str]) {
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    let o = run_in(dir, QJSC, &args);
    assert_success(&format!("qjsc {args:?}"), &o);
}

/// `cargo build --release --offline` of the crate in `dir`; the executable's path.
fn cargo_build(dir: &Path, name: &str) -> PathBuf {
    let target = work_dir().join("target");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(dir)
        .args(["build", "--release", "--offline", "--target-dir"])
        .arg(&target);
    for var in LEAKY_ENV {
        cmd.env_remove(var);
    }
    let o = cmd.output().expect("cannot run cargo");
    assert_success(&format!("cargo build in {}", dir.display()), &o);
    target.join("release").join(name)
}

/// Writes `files` into `work_dir()/name` (a fixed path, so that the crate generated from it
/// keeps its cache between runs).
fn sources(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = work_dir().join(name);
    std::fs::create_dir_all(&dir).unwrap();
    for (file, text) in files {
        update(&dir.join(file), text.as_bytes());
    }
    dir
}

/// Writes `bytes` to `path` unless it holds them already: cargo decides what to rebuild from
/// modification times.
fn update(path: &Path, bytes: &[u8]) {
    if std::fs::read(path).ok().as_deref() != Some(bytes) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// `qjsc ARGS --rust-crate DIR/crate INPUT` from `dir`, through a staging directory so that
/// the crate's files change only when their content does. The crate's directory.
fn rust_crate(dir: &Path, args: &[&str], input: &str) -> PathBuf {
    let staging = dir.join("staging");
    let mut all = args.to_vec();
    all.extend(["--rust-crate", "staging", input]);
    qjsc(dir, &all);
    let krate = dir.join("crate");
    for file in ["Cargo.toml", "Cargo.lock", "src/main.rs"] {
        update(
            &krate.join(file),
            &std::fs::read(staging.join(file)).unwrap(),
        );
    }
    krate
}

/// Runs both executables with the same arguments and asserts identical behaviour.
fn assert_same(c_exe: &Path, rust_exe: &Path) -> Output {
    let elsewhere = tempdir();
    let args = ["one".as_ref(), "two".as_ref()];
    let c = run_in(elsewhere.path(), c_exe, &args);
    let r = run_in(elsewhere.path(), rust_exe, &args);
    assert_eq!(stdout(&r), stdout(&c), "stdout differs");
    assert_eq!(stderr(&r), stderr(&c), "stderr differs");
    assert_eq!(r.status.code(), c.status.code(), "exit code differs");
    r
}

const LIB: &str = "export function counter() { let n = 0; return () => ++n; }
export const greeting = 'hello from lib';
";

const APP: &str = r#"import { counter, greeting } from './lib.js';
console.log(greeting);
const c = counter();
c(); c();
console.log('counter', c());
console.log('eval', eval('1 + 2'), new Function('a', 'return a * 2')(21));
console.log([1, 2, 3].map((x) => x * x), { a: 1, b: 'x' });
console.log(new Date(0).toISOString(), JSON.stringify({ k: [1, 2] }), /a(b)/.exec('xab')[1]);
console.log(new Map([[1, 2]]).get(1), 2n ** 64n, 'A\u030a'.normalize() === '\u00c5');
await Promise.resolve();
console.log('after await', scriptArgs.slice(1));
Promise.reject(new Error('never handled'));
function fail() { throw new TypeError('boom'); }
fail();
"#;

/// Default flags (eval kept): a module program (-m) with an import, closures, eval, the
/// optional built-ins, top-level await and an uncaught exception (exit code 1).
#[test]
fn crate_with_eval_runs_like_the_c_executable() {
    let dir = sources("with-eval", &[("app.js", APP), ("lib.js", LIB)]);
    qjsc(&dir, &["-m", "-o", "app", "app.js"]);
    rust_crate(&dir, &["-m"], "app.js");
    let main = std::fs::read_to_string(dir.join("crate/src/main.rs")).unwrap();
    assert!(!main.contains("no_std"), "eval needs std");
    assert!(main.contains("qjs_embed::add_eval,"));
    let exe = cargo_build(&dir.join("crate"), "app");
    let o = assert_same(&dir.join("app"), &exe);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.starts_with("hello from lib\ncounter 3\neval 3 42\n"),
        "{out}"
    );
    assert!(out.contains("after await [ 'one', 'two' ]"), "{out}");
    assert!(stderr(&o).contains("TypeError: boom"), "{}", stderr(&o));
}

const SCRIPT: &str = r#"class Point {
  constructor(x, y) { this.x = x; this.y = y; }
  toString() { return `(${this.x}, ${this.y})`; }
}
const adders = [1, 2, 3].map((n) => (x) => x + n);
console.log(adders.map((f) => f(10)).join(' '), String(new Point(1, 2)));
for (const use of [() => Date, () => RegExp, () => BigInt, () => WeakRef]) {
  try { use(); } catch (e) { console.log(e.name + ': ' + e.message); }
}
try { eval('1'); } catch (e) { console.log(e.name); }
console.log(typeof ''.normalize, JSON.stringify(new Map([[1, 2]]).size));
function deep() { return [0].map(deep); }
try { deep(); } catch (e) { console.log('deep:', e.name); }
null.x;
"#;

/// Several `-fno-*` flags (eval among them): a `no_std` crate whose runtime features are off
/// still behaves as the C executable, including the errors that name the flags and `-S`.
#[test]
fn no_std_crate_with_fno_flags_runs_like_the_c_executable() {
    let flags = [
        "-fno-eval",
        "-fno-date",
        "-fno-regexp",
        "-fno-bigint",
        "-fno-weakref",
        "-fno-string-normalize",
        "-S",
        "256k",
    ];
    let dir = sources("no-eval", &[("script.js", SCRIPT)]);
    let mut args = flags.to_vec();
    args.extend(["-o", "script", "script.js"]);
    qjsc(&dir, &args);
    rust_crate(&dir, &flags, "script.js");
    let toml = std::fs::read_to_string(dir.join("crate/Cargo.toml")).unwrap();
    assert!(
        toml.contains(
            r#"default-features = false, features = ["json", "map", "promise", "iterator-helpers"]"#
        ),
        "{toml}"
    );
    let main = std::fs::read_to_string(dir.join("crate/src/main.rs")).unwrap();
    assert!(main.contains("#![no_std]\n#![no_main]\n"));
    assert!(main.contains("stack_size: Some(262144),"));
    let exe = cargo_build(&dir.join("crate"), "script");
    let o = assert_same(&dir.join("script"), &exe);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.starts_with("11 12 13 (1, 2)\n"), "{out}");
    assert!(
        out.contains("ReferenceError: Date is not defined (the program was built with -fno-date)"),
        "{out}"
    );
    assert!(out.contains("undefined 1\ndeep: RangeError\n"), "{out}");
    assert!(stderr(&o).starts_with("TypeError"), "{}", stderr(&o));
}

/// The same inputs and flags give byte-identical files, wherever the crate is written.
#[test]
fn rust_outputs_are_reproducible() {
    let dir = tempdir();
    std::fs::write(dir.path().join("app.js"), APP).unwrap();
    std::fs::write(dir.path().join("lib.js"), LIB).unwrap();
    for out in ["a.rs", "b.rs"] {
        qjsc(
            dir.path(),
            &["-m", "-S", "1m", "--rust", "-o", out, "app.js"],
        );
    }
    let read = |p: &str| std::fs::read(dir.path().join(p)).unwrap();
    assert_eq!(read("a.rs"), read("b.rs"));
    for out in ["one", "two/nested"] {
        qjsc(
            dir.path(),
            &["-m", "-fno-date", "--rust-crate", out, "app.js"],
        );
    }
    for file in ["Cargo.toml", "src/main.rs", "Cargo.lock"] {
        assert_eq!(
            read(&format!("one/{file}")),
            read(&format!("two/nested/{file}")),
            "{file} differs"
        );
    }
    // `--rust` writes the crate's main.rs.
    let one = String::from_utf8(read("one/src/main.rs")).unwrap();
    assert!(one.contains("qjs_embed::main!(APP);"));
    assert!(!one.contains("add_date"));
    assert!(!one.contains(&dir.path().display().to_string()));
}
