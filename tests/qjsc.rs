//! qjsc's options beyond the basics (tests/driver.rs): eval in compiled programs and
//! `-fno-eval`, raw bytecode (`-b`) that qjs runs, `-S`, `-C`, `-n`, `-p`, `-s`.
mod common;
use common::*;
use std::ffi::OsStr;
use std::path::Path;

/// Runs qjsc in `dir` with `args` and asserts success.
fn qjsc(dir: &Path, args: &[&str]) {
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    let o = run_in(dir, QJSC, &args);
    assert_success(&format!("qjsc {args:?}"), &o);
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const EVAL_PROGRAM: &str = r#"var x = 10;
function f(y) { return eval("x + y"); }
console.log(eval("1 + 2"), f(5), new Function("a", "b", "return a * b")(6, 7));
console.log((0, eval)("typeof x"), eval("var z = 3; z * 2"), typeof z);
try { eval("let = ;"); } catch (e) { console.log(e.name); }
"#;

/// A compiled program keeps eval and the Function constructor by default (QuickJS's default);
/// `-fno-eval` removes them, and using them then throws an error that names the flag.
#[test]
fn eval_in_compiled_programs() {
    let dir = tempdir();
    std::fs::write(dir.path().join("ev.js"), EVAL_PROGRAM).unwrap();
    qjsc(dir.path(), &["-o", "ev", "ev.js"]);
    let o = run_in(dir.path(), dir.path().join("ev"), &[]);
    assert_success("./ev", &o);
    assert_eq!(stdout(&o), "3 15 42\nnumber 6 number\nSyntaxError\n");

    qjsc(dir.path(), &["-fno-eval", "-o", "noev", "ev.js"]);
    let o = run_in(dir.path(), dir.path().join("noev"), &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("EvalError") && err.contains("-fno-eval"),
        "{err}"
    );

    std::fs::write(dir.path().join("fn.js"), "new Function('return 1')();\n").unwrap();
    qjsc(dir.path(), &["-fno-eval", "-o", "nofn", "fn.js"]);
    let o = run_in(dir.path(), dir.path().join("nofn"), &[]);
    assert!(stderr(&o).contains("-fno-eval"), "{}", stderr(&o));

    // Without the compiler the program is smaller.
    let size = |name: &str| std::fs::metadata(dir.path().join(name)).map_or(0, |m| m.len());
    assert!(
        size("noev") < size("ev"),
        "-fno-eval did not shrink the program"
    );
}

/// `-b` writes raw bytecode that qjs detects and runs, in either byte order (`-x`); a
/// corrupted file is rejected by the verifier, not run.
#[test]
fn raw_bytecode_runs_in_qjs() {
    let dir = tempdir();
    let input = example("fib");
    let input = input.to_str().expect("a UTF-8 path");
    for (name, swap) in [("fib.bin", "-b"), ("fib_be.bin", "-xb")] {
        qjsc(dir.path(), &[swap, "-o", name, input]);
        let bytes = std::fs::read(dir.path().join(name)).unwrap();
        assert!(bytes.starts_with(b"QJSB"), "{name} lacks the magic");
        let o = run_in(dir.path(), QJS, &[name.as_ref()]);
        assert_success(&format!("qjs {name}"), &o);
        assert_eq!(stdout(&o), expected("fib"));
    }
    // Cut short: an error, not a crash.
    let bytes = std::fs::read(dir.path().join("fib.bin")).unwrap();
    std::fs::write(dir.path().join("cut.bin"), &bytes[..bytes.len() / 2]).unwrap();
    let o = run_in(dir.path(), QJS, &["cut.bin".as_ref()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("qjs: cut.bin: "), "{}", stderr(&o));
}

/// `-S` limits the native stack: recursion through a built-in (`map`) is a RangeError much
/// earlier with a small limit (about 200 levels with the default 1 MB, a handful with 32 KB).
#[test]
fn max_stack_size() {
    let dir = tempdir();
    let js = "let n = 0; function f() { n++; [1].map(f); }\n\
              try { f(); } catch (e) { console.log(e.name, n < 50 ? 'shallow' : 'deep'); }\n";
    std::fs::write(dir.path().join("deep.js"), js).unwrap();
    qjsc(dir.path(), &["-S", "32k", "-e", "-o", "deep.c", "deep.js"]);
    assert!(read(&dir.path().join("deep.c")).contains("JS_SetMaxStackSize(rt, (size_t)32768ULL);"));
    qjsc(dir.path(), &["-S", "32k", "-o", "small", "deep.js"]);
    let o = run_in(dir.path(), dir.path().join("small"), &[]);
    assert_success("./small", &o);
    assert_eq!(stdout(&o), "RangeError shallow\n");
    qjsc(dir.path(), &["-o", "default", "deep.js"]);
    let o = run_in(dir.path(), dir.path().join("default"), &[]);
    assert_success("./default", &o);
    assert_eq!(stdout(&o), "RangeError deep\n");
}

/// `-C` compiles a `.mjs` file as a classic script; `-n` names the script in stack traces;
/// `-p` sets the prefix of C names; `-s -s` drops line tables (errors point at the function).
#[test]
fn script_options() {
    let dir = tempdir();
    let js = "console.log(this === globalThis);\nfunction g() {\n  null.x;\n}\ng();\n";
    std::fs::write(dir.path().join("s.mjs"), js).unwrap();
    qjsc(dir.path(), &["-C", "-n", "renamed.js", "-o", "s", "s.mjs"]);
    let o = run_in(dir.path(), dir.path().join("s"), &[]);
    assert_eq!(stdout(&o), "true\n");
    let err = stderr(&o);
    assert!(err.contains("renamed.js:3:"), "{err}");
    assert!(!err.contains("s.mjs"), "{err}");

    qjsc(dir.path(), &["-C", "-s", "-s", "-o", "stripped", "s.mjs"]);
    let o = run_in(dir.path(), dir.path().join("stripped"), &[]);
    let err = stderr(&o);
    assert!(
        err.contains("TypeError") && !err.contains("s.mjs:3:"),
        "{err}"
    );

    // As a module (the default for .mjs), `this` is undefined.
    qjsc(dir.path(), &["-o", "m", "s.mjs"]);
    let o = run_in(dir.path(), dir.path().join("m"), &[]);
    assert_eq!(stdout(&o), "false\n");

    qjsc(dir.path(), &["-c", "-p", "my_", "-o", "p.c", "s.mjs"]);
    let c = read(&dir.path().join("p.c"));
    assert!(c.contains("const uint8_t my_s["), "{c}");
}

/// JSON modules compile to code that builds the value, so they work without the JSON
/// built-in; `__proto__` stays an own property, as JSON.parse makes it.
#[test]
fn json_modules_without_json() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("data.json"),
        "{\"name\": \"qjs\", \"list\": [1, 2.5, -0, true, null], \"__proto__\": {\"x\": 1}}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("main.mjs"),
        "import data from './data.json' with { type: 'json' };\n\
         console.log(data.name, data.list.length, Object.is(data.list[2], -0));\n\
         console.log(Object.getPrototypeOf(data) === Object.prototype, data.__proto__.x, typeof JSON);\n",
    )
    .unwrap();
    qjsc(dir.path(), &["-fno-json", "-o", "main", "main.mjs"]);
    let o = run_in(dir.path(), dir.path().join("main"), &[]);
    assert_success("./main", &o);
    assert_eq!(stdout(&o), "qjs 5 true\ntrue 1 undefined\n");
    // Text that is not JSON is an error at qjsc time, at its position.
    std::fs::write(dir.path().join("data.json"), "{\n  \"a\": 1,\n}\n").unwrap();
    let o = run_in(
        dir.path(),
        QJSC,
        &["-o".as_ref(), "main".as_ref(), "main.mjs".as_ref()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("SyntaxError"), "{}", stderr(&o));
    assert!(stderr(&o).contains("data.json:3:"), "{}", stderr(&o));
}

/// The same inputs and flags give byte-identical outputs (C source, bytecode, executable).
#[test]
fn reproducible_outputs() {
    let dir = tempdir();
    let input = example("closures_classes");
    let input = input.to_str().expect("a UTF-8 path");
    for (flags, out) in [
        (&["-e"][..], "a.c"),
        (&["-c"][..], "b.c"),
        (&["-b"][..], "c.bin"),
        (&[][..], "exe"),
        (&["-fno-eval", "-fno-date"][..], "exe2"),
    ] {
        let mut outputs = Vec::new();
        for round in 0..2 {
            let name = format!("{round}{out}");
            let mut args = flags.to_vec();
            args.extend(["-o", &name, input]);
            qjsc(dir.path(), &args);
            outputs.push(std::fs::read(dir.path().join(&name)).unwrap());
        }
        assert!(
            outputs[0] == outputs[1],
            "qjsc {flags:?} gave different outputs"
        );
    }
}

/// A large program (200 KB generated by `bench/large/gen_program.js`: functions, classes,
/// closures, generators, literals, try/finally) compiles to an executable that prints what Node
/// prints for it. On x86_64 Linux its bytecode reaches the linker as an object file rather
/// than C source; the executable is the same on every build, and the C that `-e` writes (the
/// bytecode embedded as a string literal) builds a program with the same output.
#[test]
fn large_program() {
    let dir = tempdir();
    let generator = root().join("bench/large/gen_program.js");
    let o = run_in(dir.path(), QJS, &[generator.as_os_str(), "200000".as_ref()]);
    assert_success("qjs gen_program.js", &o);
    assert!(o.stdout.len() >= 200_000, "{} bytes", o.stdout.len());
    std::fs::write(dir.path().join("big.js"), &o.stdout).unwrap();
    let expected = "units: 732 calls: 95 checksum: 2800418252\n";

    let args: Vec<&OsStr> = ["-v", "-o", "big", "big.js"].map(OsStr::new).to_vec();
    let o = run_in(dir.path(), QJSC, &args);
    assert_success("qjsc -v -o big big.js", &o);
    if cfg!(all(target_os = "linux", target_arch = "x86_64")) {
        assert!(stderr(&o).contains("bytecode.o"), "{}", stderr(&o));
    }
    let o = run_in(dir.path(), dir.path().join("big"), &[]);
    assert_success("./big", &o);
    assert_eq!(stdout(&o), expected);

    qjsc(dir.path(), &["-o", "big2", "big.js"]);
    let exe = |name: &str| std::fs::read(dir.path().join(name)).unwrap();
    assert!(exe("big") == exe("big2"), "two builds differ");

    qjsc(dir.path(), &["-e", "-o", "big.c", "big.js"]);
    let c = read(&dir.path().join("big.c"));
    assert!(
        c.contains("const uint8_t qjsc_big["),
        "-e lacks the bytecode"
    );
    std::fs::write(dir.path().join("qjs.h"), qjs_toolchain::QJS_H).unwrap();
    std::fs::write(
        dir.path().join("libqjs.a"),
        qjs_toolchain::RUNTIME_ARCHIVE_EVAL,
    )
    .unwrap();
    let cc: Vec<&OsStr> = [
        "-Os",
        "big.c",
        "libqjs.a",
        "-o",
        "big3",
        "-lm",
        "-Wl,--gc-sections",
        "-no-pie",
    ]
    .map(OsStr::new)
    .to_vec();
    if cfg!(target_os = "linux") {
        let o = run_in(dir.path(), "cc", &cc);
        assert_success("cc big.c", &o);
        let o = run_in(dir.path(), dir.path().join("big3"), &[]);
        assert_eq!(stdout(&o), expected);
    }
}
