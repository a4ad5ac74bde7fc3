//! Feature stripping is proven, not assumed: for each provided `-fno-*` flag, hello world
//! compiled without the feature is smaller and the feature's code is absent from the binary
//! (its symbols, found with `nm`), while present without the flag. A program that uses a
//! removed feature gets an error naming the flag.
mod common;
use common::*;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Per flag: symbols (substrings of mangled names) that only the feature's code defines.
const MARKERS: &[(&str, &[&str])] = &[
    ("date", &["JS_AddIntrinsicDate", "builtins4date"]),
    ("regexp", &["JS_AddIntrinsicRegExp", "10qjs_regexp"]),
    ("json", &["JS_AddIntrinsicJSON", "builtins4json"]),
    (
        "map",
        &["JS_AddIntrinsicMapSet", "builtins3map14new_collection"],
    ),
    (
        "promise",
        &[
            "JS_AddIntrinsicPromise",
            "builtins16array_from_async",
            // Async functions are reached through Runtime::async_hooks only.
            "7promise11start_async",
            // The realm's %Promise% is an ordinary object until the feature makes it one.
            "7promise12promise_ctor",
            "7promise6settle",
        ],
    ),
    (
        "weakref",
        &["JS_AddIntrinsicWeakRef", "builtins7weakref12weakref_ctor"],
    ),
    (
        "bigint",
        &[
            "JS_AddIntrinsicBigInt",
            "builtins6bigint11bigint_ctor",
            "6bigint6BigInt3mul",
        ],
    ),
    (
        "string-normalize",
        &["JS_AddIntrinsicStringNormalize", "11qjs_unicode9normalize"],
    ),
    (
        "iterator-helpers",
        &["JS_AddIntrinsicIteratorHelpers", "16iterator_helpers"],
    ),
];

/// The compiler and parser, linked only for eval.
const EVAL_MARKERS: &[&str] = &["JS_AddIntrinsicEval", "12qjs_compiler", "10oxc_parser"];

fn build(dir: &Path, name: &str, flags: &[&str]) -> PathBuf {
    let exe = dir.join(name);
    let mut args: Vec<&OsStr> = flags.iter().map(OsStr::new).collect();
    args.extend(["-o".as_ref(), exe.as_os_str(), "hello.js".as_ref()]);
    let o = run_in(dir, QJSC, &args);
    assert_success(&format!("qjsc {flags:?}"), &o);
    let o = run_in(dir, &exe, &[]);
    assert_success(&format!("./{name}"), &o);
    assert_eq!(stdout(&o), "Hello, World!\n");
    exe
}

fn symbols(exe: &Path) -> String {
    let o = Command::new("nm")
        .arg(exe)
        .output()
        .expect("nm (binutils) is needed to inspect executables");
    assert!(o.status.success(), "nm {}", exe.display());
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn size(exe: &Path) -> u64 {
    std::fs::metadata(exe).map_or(0, |m| m.len())
}

#[test]
fn each_flag_removes_its_code() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("hello.js"),
        "console.log('Hello, World!');\n",
    )
    .unwrap();

    // eval: the default links the compiler; -fno-eval links the no_std archive.
    let with_eval = build(dir.path(), "with_eval", &[]);
    let base = build(dir.path(), "base", &["-fno-eval"]);
    let (with_syms, base_syms) = (symbols(&with_eval), symbols(&base));
    for m in EVAL_MARKERS {
        assert!(with_syms.contains(m), "default build lacks {m}");
        assert!(!base_syms.contains(m), "-fno-eval build still has {m}");
    }
    assert!(size(&base) < size(&with_eval));

    // The others, each against the -fno-eval baseline.
    for (flag, markers) in MARKERS {
        let name = format!("no_{flag}");
        let exe = build(dir.path(), &name, &["-fno-eval", &format!("-fno-{flag}")]);
        let syms = symbols(&exe);
        for m in *markers {
            assert!(base_syms.contains(m), "baseline lacks {m}");
            assert!(!syms.contains(m), "-fno-{flag} build still has {m}");
        }
        assert!(
            size(&exe) < size(&base),
            "-fno-{flag}: {} bytes, baseline {}",
            size(&exe),
            size(&base)
        );
    }

    // Every flag at once, and -fauto, which finds them all unreachable in hello world.
    let mut all = vec!["-fno-eval".to_string()];
    all.extend(MARKERS.iter().map(|(f, _)| format!("-fno-{f}")));
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    let none = build(dir.path(), "none", &all);
    let auto = build(dir.path(), "auto", &["-fauto"]);
    assert_eq!(
        size(&auto),
        size(&none),
        "-fauto should remove every feature"
    );
    let syms = symbols(&auto);
    for m in MARKERS
        .iter()
        .flat_map(|(_, m)| m.iter())
        .chain(EVAL_MARKERS)
    {
        assert!(!syms.contains(m), "-fauto build still has {m}");
    }
}

/// With -fno-promise an async function (which -fauto would have kept the feature for) is an
/// InternalError naming the flag, not a crash.
#[test]
fn async_code_without_promise_names_the_flag() {
    let dir = tempdir();
    let src = dir.path().join("async.js");
    std::fs::write(&src, "console.log('start');\n(async () => 1)();\n").unwrap();
    let exe = dir.path().join("async_no_promise");
    let o = run_in(
        dir.path(),
        QJSC,
        &[
            "-fno-eval".as_ref(),
            "-fno-promise".as_ref(),
            "-o".as_ref(),
            exe.as_os_str(),
            src.as_os_str(),
        ],
    );
    assert_success("qjsc -fno-promise", &o);
    let o = run_in(dir.path(), &exe, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "start\n");
    assert!(
        stderr(&o).contains("built with -fno-promise"),
        "{}",
        stderr(&o)
    );
}

/// A removed feature's global is a ReferenceError that names the flag; a regular expression
/// literal with -fno-regexp and a BigInt literal with -fno-bigint are compile-time errors at
/// their lines.
#[test]
fn using_a_removed_feature_names_the_flag() {
    let dir = tempdir();
    for (flag, global) in [
        ("date", "Date"),
        ("json", "JSON"),
        ("map", "Map"),
        ("promise", "Promise"),
        ("weakref", "WeakRef"),
        ("regexp", "RegExp"),
        ("bigint", "BigInt"),
    ] {
        let src = dir.path().join(format!("use_{flag}.js"));
        std::fs::write(&src, format!("console.log('start');\n{global}.name;\n")).unwrap();
        let exe = dir.path().join(format!("use_{flag}"));
        let o = run_in(
            dir.path(),
            QJSC,
            &[
                "-fno-eval".as_ref(),
                format!("-fno-{flag}").as_ref(),
                "-o".as_ref(),
                exe.as_os_str(),
                src.as_os_str(),
            ],
        );
        assert_success(&format!("qjsc -fno-{flag}"), &o);
        let o = run_in(dir.path(), &exe, &[]);
        assert_eq!(o.status.code(), Some(1));
        assert_eq!(stdout(&o), "start\n");
        let err = stderr(&o);
        assert!(
            err.contains(&format!(
                "ReferenceError: {global} is not defined (the program was built with -fno-{flag})"
            )),
            "{err}"
        );
    }

    for (flag, file, src, what) in [
        (
            "regexp",
            "re.js",
            "let a = 1;\nlet b = /x+/.test('x');\n",
            "regular expression",
        ),
        (
            "bigint",
            "big.js",
            "let a = 1;\nlet b = a + 1;\nlet c = 2n;\n",
            "BigInt",
        ),
    ] {
        std::fs::write(dir.path().join(file), src).unwrap();
        let o = run_in(
            dir.path(),
            QJSC,
            &[format!("-fno-{flag}").as_ref(), file.as_ref()],
        );
        assert_eq!(o.status.code(), Some(1));
        let err = stderr(&o);
        let line = src.lines().count();
        assert!(
            err.starts_with(&format!("qjsc: {file}:{line}:"))
                && err.contains(&format!("a {what} literal"))
                && err.contains(&format!("-fno-{flag}")),
            "{err}"
        );
        assert!(!dir.path().join("a.out").exists());
    }
}
