//! The qjsc and qjs command lines: error reporting, the C outputs (-e, -c, -N), running from
//! another directory, script arguments.
mod common;
use common::*;
use std::ffi::OsStr;
use std::path::Path;

/// `file:LINE:COL` with some column, in `text`.
fn has_position(text: &str, file: &str, line: u32) -> bool {
    let needle = format!("{file}:{line}:");
    text.match_indices(&needle).any(|(i, _)| {
        text[i + needle.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    })
}

fn assert_syntax_error(what: &str, o: &std::process::Output) {
    let err = stderr(o);
    assert!(!o.status.success(), "{what} succeeded on a syntax error");
    assert!(err.contains("SyntaxError"), "{what} stderr: {err}");
    assert!(
        has_position(&err, "syntax_error.js", 2),
        "{what} stderr lacks syntax_error.js:2:COL: {err}"
    );
    assert_eq!(stdout(o), "", "{what} printed to stdout");
}

#[test]
fn syntax_error_qjsc() {
    let dir = tempdir();
    let exe = dir.path().join("app");
    let input = fixture("errors/syntax_error.js");
    let o = run_in(
        dir.path(),
        QJSC,
        &["-o".as_ref(), exe.as_os_str(), input.as_os_str()],
    );
    assert_syntax_error("qjsc", &o);
    assert!(
        !exe.exists(),
        "qjsc wrote an executable for a program with a syntax error"
    );
}

#[test]
fn syntax_error_qjs() {
    let o = run_in(
        &root(),
        QJS,
        &[fixture("errors/syntax_error.js").as_os_str()],
    );
    assert_syntax_error("qjs", &o);
}

fn assert_uncaught_boom(what: &str, o: &std::process::Output) {
    let err = stderr(o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{what} exit status; stderr: {err}"
    );
    assert!(err.contains("Error: boom"), "{what} stderr: {err}");
    assert!(
        err.contains("throw.js:2"),
        "{what} stderr lacks throw.js:2: {err}"
    );
    assert_eq!(stdout(o), "before\n", "{what} stdout");
}

#[test]
fn uncaught_exception_compiled() {
    let dir = tempdir();
    let exe = compile_exe(dir.path(), &fixture("errors/throw.js"), "throw");
    let o = run_in(dir.path(), &exe, &[]);
    assert_uncaught_boom("./throw", &o);
}

#[test]
fn uncaught_exception_qjs() {
    let o = run_in(&root(), QJS, &[fixture("errors/throw.js").as_os_str()]);
    assert_uncaught_boom("qjs throw.js", &o);
}

#[test]
fn missing_input() {
    let dir = tempdir();
    let o = run_in(dir.path(), QJSC, &["nothere.js".as_ref()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).trim_end(),
        "qjsc: cannot open 'nothere.js': No such file or directory"
    );
    let o = run_in(dir.path(), QJS, &["nothere.js".as_ref()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).trim_end(),
        "qjs: cannot open 'nothere.js': No such file or directory"
    );
}

#[test]
fn bad_command_lines() {
    let dir = tempdir();
    for args in [
        &["-q", "a.js"][..],
        &["-o"],
        &[],
        &["-fno-nonsense", "a.js"],
        &["-m", "nothere.js"],
        &["-S", "12q", "a.js"],
        &["-S"],
        &["-M", "m", "a.js"],
        &["-b", "a.js", "b.js"],
        &["-D", "nothere.mjs", "a.js"],
    ] {
        std::fs::write(dir.path().join("a.js"), "1;").unwrap();
        std::fs::write(dir.path().join("b.js"), "2;").unwrap();
        let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
        let o = run_in(dir.path(), QJSC, &args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "qjsc {args:?}");
        assert!(
            err.starts_with("qjsc: ") && err.lines().count() == 1,
            "qjsc {args:?}: {err}"
        );
    }
    let o = run_in(dir.path(), QJS, &["--bogus".as_ref()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("qjs: "));
}

#[test]
fn help() {
    let o = run_in(&root(), QJSC, &["-h".as_ref()]);
    assert_success("qjsc -h", &o);
    let out = stdout(&o);
    assert!(out.contains("usage: qjsc [options] [files]"), "{out}");
    for opt in [
        "-o output",
        "-e ",
        "-c ",
        "-b ",
        "-N cname",
        "-p prefix",
        "-n name",
        "-m ",
        "-C ",
        "-D file",
        "-P ",
        "-x ",
        "-s ",
        "-S n",
        "-v ",
        "-flto",
        "-fauto",
        "-fno-[date|eval|",
    ] {
        assert!(out.contains(opt), "qjsc -h lacks {opt}");
    }
    let o = run_in(&root(), QJS, &["-h".as_ref()]);
    assert_success("qjs -h", &o);
    assert!(stdout(&o).contains("usage: qjs"));
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Compiles C with the system compiler, checking that it is valid (`-fsyntax-only`).
fn assert_valid_c(dir: &Path, file: &str) {
    let include = root().join("stubs");
    let o = run_in(
        dir,
        "cc",
        &[
            "-fsyntax-only".as_ref(),
            "-Wall".as_ref(),
            "-I".as_ref(),
            include.as_os_str(),
            file.as_ref(),
        ],
    );
    assert_success(&format!("cc -fsyntax-only {file}"), &o);
}

#[test]
fn c_with_main() {
    let dir = tempdir();
    let o = run_in(
        dir.path(),
        QJSC,
        &["-e".as_ref(), example("hello").as_os_str()],
    );
    assert_success("qjsc -e", &o);
    let c = read(&dir.path().join("out.c"));
    for marker in [
        "#include \"qjs.h\"",
        "const uint32_t qjsc_hello_size = ",
        "const uint8_t qjsc_hello[",
        "int main(int argc, char **argv)",
        "JS_NewRuntime()",
        "JS_NewContextRaw(rt)",
        "JS_AddIntrinsicBaseObjects(ctx);",
        "js_std_add_helpers(ctx, argc, argv);",
        "js_std_eval_binary(ctx, qjsc_hello, qjsc_hello_size, 0)",
        "js_std_loop(ctx)",
        "JS_FreeContext(ctx);",
        "JS_FreeRuntime(rt);",
    ] {
        assert!(c.contains(marker), "out.c lacks {marker}:\n{c}");
    }
    assert_valid_c(dir.path(), "out.c");
}

#[test]
fn c_bytecode_only_and_cname() {
    let dir = tempdir();
    let o = run_in(
        dir.path(),
        QJSC,
        &[
            "-c".as_ref(),
            "-o".as_ref(),
            "fib.c".as_ref(),
            example("fib").as_os_str(),
        ],
    );
    assert_success("qjsc -c", &o);
    let c = read(&dir.path().join("fib.c"));
    assert!(c.contains("const uint32_t qjsc_fib_size = "), "{c}");
    assert!(c.contains("const uint8_t qjsc_fib["), "{c}");
    assert!(c.contains(" 0x"), "{c}");
    assert!(!c.contains("main("), "-c wrote a main():\n{c}");
    assert_valid_c(dir.path(), "fib.c");

    let o = run_in(
        dir.path(),
        QJSC,
        &[
            "-c".as_ref(),
            "-N".as_ref(),
            "my_fib".as_ref(),
            example("fib").as_os_str(),
        ],
    );
    assert_success("qjsc -c -N", &o);
    let c = read(&dir.path().join("out.c"));
    assert!(c.contains("const uint32_t my_fib_size = "), "{c}");
    assert!(c.contains("const uint8_t my_fib["), "{c}");
    assert!(!c.contains("qjsc_fib"), "{c}");
}

/// The bytecode is reproducible: the same input gives the same C.
#[test]
fn reproducible_output() {
    let dir = tempdir();
    for out in ["a.c", "b.c"] {
        let o = run_in(
            dir.path(),
            QJSC,
            &[
                "-c".as_ref(),
                "-o".as_ref(),
                out.as_ref(),
                example("closures_classes").as_os_str(),
            ],
        );
        assert_success("qjsc -c", &o);
    }
    assert_eq!(read(&dir.path().join("a.c")), read(&dir.path().join("b.c")));
}

/// qjsc carries its runtime and header: it works from any directory, with a relative output.
#[test]
fn works_from_another_directory() {
    let dir = tempdir();
    std::fs::copy(example("hello"), dir.path().join("hello.js")).expect("copy hello.js");
    let o = run_in(
        dir.path(),
        QJSC,
        &["-o".as_ref(), "hello".as_ref(), "hello.js".as_ref()],
    );
    assert_success("qjsc in a temporary directory", &o);
    let o = run_in(dir.path(), dir.path().join("hello"), &[]);
    assert_success("./hello", &o);
    assert_eq!(stdout(&o), expected("hello"));
    // Default output name.
    let o = run_in(dir.path(), QJSC, &["hello.js".as_ref()]);
    assert_success("qjsc hello.js", &o);
    assert!(dir.path().join("a.out").is_file());
}

#[test]
fn script_args() {
    let dir = tempdir();
    let input = fixture("scripts/args.js");
    let exe = compile_exe(dir.path(), &input, "args");
    let o = run_in(dir.path(), &exe, &["x".as_ref(), "y z".as_ref()]);
    assert_success("./args", &o);
    assert_eq!(stdout(&o), "3: x,y z\n");
    let o = run_in(
        &root(),
        QJS,
        &[input.as_os_str(), "x".as_ref(), "y z".as_ref()],
    );
    assert_success("qjs args.js", &o);
    assert_eq!(stdout(&o), "3: x,y z\n");
}

#[test]
fn qjs_eval() {
    let o = run_in(
        &root(),
        QJS,
        &["-e".as_ref(), "console.log(6 * 7)".as_ref()],
    );
    assert_success("qjs -e", &o);
    assert_eq!(stdout(&o), "42\n");
    let o = run_in(&root(), QJS, &["-e".as_ref(), "let = ;".as_ref()]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("SyntaxError"), "{}", stderr(&o));
    assert!(stderr(&o).contains("<cmdline>:1:"), "{}", stderr(&o));
}

/// `-x` (byte-swapped bytecode) and QuickJS's `-flto`/`-fno-*` flags give working programs.
#[test]
fn byte_swapped_and_feature_flags() {
    let dir = tempdir();
    let exe = dir.path().join("fib");
    let flags = [
        "-x",
        "-flto",
        "-fno-eval",
        "-fno-date",
        "-fno-regexp",
        "-fno-proxy",
        "-o",
    ];
    let mut args: Vec<&OsStr> = flags.iter().map(OsStr::new).collect();
    let input = example("fib");
    args.push(exe.as_os_str());
    args.push(input.as_os_str());
    let o = run_in(dir.path(), QJSC, &args);
    assert_success("qjsc -x -flto -fno-...", &o);
    let o = run_in(dir.path(), &exe, &[]);
    assert_success("./fib (byte-swapped)", &o);
    assert_eq!(stdout(&o), expected("fib"));
}

/// A provided optional feature is registered by default and removed by its `-fno-` flag, and
/// its code is then absent from the executable.
#[test]
fn fno_date_removes_date() {
    let dir = tempdir();
    let src = dir.path().join("date.js");
    std::fs::write(&src, "console.log(typeof Date);\n").expect("write date.js");
    let with = compile_exe(dir.path(), &src, "with_date");
    let o = run_in(dir.path(), &with, &[]);
    assert_success("./with_date", &o);
    assert_eq!(stdout(&o), "function\n");

    let without = dir.path().join("without_date");
    let o = run_in(
        dir.path(),
        QJSC,
        &[
            "-fno-date".as_ref(),
            "-o".as_ref(),
            without.as_os_str(),
            src.as_os_str(),
        ],
    );
    assert_success("qjsc -fno-date", &o);
    let o = run_in(dir.path(), &without, &[]);
    assert_success("./without_date", &o);
    assert_eq!(stdout(&o), "undefined\n");
    let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    assert!(
        size(&without) < size(&with),
        "-fno-date did not make the program smaller"
    );
}

/// -fno-json and -fno-map leave JSON and Map/Set out of the program, which gets smaller.
#[test]
fn fno_json_and_fno_map_remove_them() {
    let dir = tempdir();
    let src = dir.path().join("groups.js");
    let js = "console.log(typeof JSON, typeof Map, typeof Set, typeof Reflect);\n";
    std::fs::write(&src, js).expect("write groups.js");
    let with = compile_exe(dir.path(), &src, "with_groups");
    let o = run_in(dir.path(), &with, &[]);
    assert_success("./with_groups", &o);
    assert_eq!(stdout(&o), "object function function object\n");

    let without = dir.path().join("without_groups");
    let flags = ["-fno-json", "-fno-map", "-o"];
    let mut args: Vec<&OsStr> = flags.iter().map(OsStr::new).collect();
    args.push(without.as_os_str());
    args.push(src.as_os_str());
    let o = run_in(dir.path(), QJSC, &args);
    assert_success("qjsc -fno-json -fno-map", &o);
    let o = run_in(dir.path(), &without, &[]);
    assert_success("./without_groups", &o);
    assert_eq!(stdout(&o), "undefined undefined undefined object\n");
    let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    assert!(
        size(&without) < size(&with),
        "-fno-json -fno-map did not make the program smaller"
    );
}

/// -fno-bigint leaves out the BigInt built-in and all BigInt operations: a program without
/// BigInt literals runs without them and is smaller; one with a literal is refused at compile
/// time, at the literal.
#[test]
fn fno_bigint_removes_the_builtin_and_arithmetic() {
    let dir = tempdir();
    let src = dir.path().join("big.js");
    let js = "console.log(typeof BigInt, -12n, 2n > 1, `${10n}`, 3n * 4n);\n";
    std::fs::write(&src, js).expect("write big.js");
    let with = compile_exe(dir.path(), &src, "with_bigint");
    let o = run_in(dir.path(), &with, &[]);
    assert_success("./with_bigint", &o);
    assert_eq!(stdout(&o), "function -12n true 10 12n\n");

    let compile_without = |src: &std::path::Path, exe: &std::path::Path| {
        let flags = ["-fno-bigint", "-o"];
        let mut args: Vec<&OsStr> = flags.iter().map(OsStr::new).collect();
        args.push(exe.as_os_str());
        args.push(src.as_os_str());
        run_in(dir.path(), QJSC, &args)
    };
    let o = compile_without(&src, &dir.path().join("refused"));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("big.js:1:") && stderr(&o).contains("-fno-bigint"),
        "{}",
        stderr(&o)
    );

    let plain = dir.path().join("plain.js");
    std::fs::write(&plain, "console.log(typeof BigInt, 2 ** 10);\n").expect("write plain.js");
    let with = compile_exe(dir.path(), &plain, "plain_with");
    let without = dir.path().join("plain_without");
    assert_success("qjsc -fno-bigint", &compile_without(&plain, &without));
    let o = run_in(dir.path(), &without, &[]);
    assert_success("./plain_without", &o);
    assert_eq!(stdout(&o), "undefined 1024\n");
    let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    assert!(
        size(&without) < size(&with),
        "-fno-bigint did not make the program smaller"
    );
}

/// `-ss` drops the line tables: smaller bytecode, and the program still runs.
#[test]
fn strip_debug_info() {
    let dir = tempdir();
    let input = example("closures_classes");
    let size_of = |args: &[&str]| {
        let mut all: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
        all.push(input.as_os_str());
        let o = run_in(dir.path(), QJSC, &all);
        assert_success(&format!("qjsc {args:?}"), &o);
        let c = read(&dir.path().join("out.c"));
        let line = c
            .lines()
            .find(|l| l.contains("_size = "))
            .unwrap_or_default()
            .to_string();
        line.trim_end_matches(';')
            .rsplit(' ')
            .next()
            .unwrap_or("")
            .parse::<usize>()
            .unwrap_or(0)
    };
    let full = size_of(&["-c"]);
    let stripped = size_of(&["-c", "-ss"]);
    assert!(
        full > 0 && stripped < full,
        "-ss: {stripped} bytes, without: {full}"
    );
    let exe = dir.path().join("stripped");
    let o = run_in(
        dir.path(),
        QJSC,
        &[
            "-ss".as_ref(),
            "-o".as_ref(),
            exe.as_os_str(),
            input.as_os_str(),
        ],
    );
    assert_success("qjsc -ss -o", &o);
    let o = run_in(dir.path(), &exe, &[]);
    assert_success("./stripped", &o);
    assert_eq!(stdout(&o), expected("closures_classes"));
}

/// A module that imports nothing: its declarations are not globals, `this` is undefined, it is
/// strict, and every export form compiles.
const MODULE_PROGRAM: &str = r#"var x = 1;
let y = 2;
export const z = 3;
console.log(typeof globalThis.x, typeof globalThis.y, x + y + z);
console.log(this === undefined, (() => this)() === undefined);
export function hoisted() { return "hoisted " + typeof this; }
export class Counter { constructor() { this.n = 0; } inc() { return ++this.n; } }
export default function () { return x; }
export { x, y as why };
const c = new Counter();
c.inc();
console.log(hoisted(), c.inc());
try { undeclared = 1; } catch (e) { console.log(e.name); }
"#;
const MODULE_OUTPUT: &str =
    "undefined undefined 6\ntrue true\nhoisted undefined 2\nReferenceError\n";

#[test]
fn qjsc_compiles_a_module() {
    let dir = tempdir();
    let input = dir.path().join("prog.js");
    std::fs::write(&input, MODULE_PROGRAM).unwrap();
    let exe = dir.path().join("prog");
    let o = run_in(
        dir.path(),
        QJSC,
        &[
            "-m".as_ref(),
            "-o".as_ref(),
            exe.as_os_str(),
            input.as_os_str(),
        ],
    );
    assert_success("qjsc -m", &o);
    let o = run_in(dir.path(), &exe, &[]);
    assert_success("./prog", &o);
    assert_eq!(stdout(&o), MODULE_OUTPUT);
    // The same file is not a valid script.
    let o = run_in(
        dir.path(),
        QJSC,
        &["-o".as_ref(), exe.as_os_str(), input.as_os_str()],
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("SyntaxError"), "{}", stderr(&o));
    // A .mjs input is a module without -m; a missing import is reported where it is imported.
    let mjs = dir.path().join("prog.mjs");
    std::fs::write(&mjs, MODULE_PROGRAM).unwrap();
    let o = run_in(
        dir.path(),
        QJSC,
        &["-o".as_ref(), exe.as_os_str(), mjs.as_os_str()],
    );
    assert_success("qjsc prog.mjs", &o);
    std::fs::write(&mjs, "import { a } from './a.js';\n").unwrap();
    let o = run_in(
        dir.path(),
        QJSC,
        &["-o".as_ref(), exe.as_os_str(), mjs.as_os_str()],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("prog.mjs:1") && err.contains("./a.js"),
        "{err}"
    );
}

/// qjsc compiles a module graph (static imports, and `-D` for a module loaded with import())
/// into one executable that prints what Node prints.
#[test]
fn qjsc_compiles_a_module_graph() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/language/modules");
    let dir = tempdir();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let exe = dir.path().join("graph");
    let o = run_in(
        dir.path(),
        QJSC,
        &[
            "-D".as_ref(),
            "thrower.mjs".as_ref(),
            "-o".as_ref(),
            exe.as_os_str(),
            "./main.mjs".as_ref(),
        ],
    );
    assert_success("qjsc main.mjs", &o);
    let elsewhere = tempdir();
    let o = run_in(elsewhere.path(), &exe, &[]);
    assert_success("./graph", &o);
    assert_eq!(stdout(&o), read(&src.join("main.expected")));
}

#[test]
fn qjs_runs_modules() {
    let dir = tempdir();
    let mjs = dir.path().join("prog.mjs");
    std::fs::write(&mjs, MODULE_PROGRAM).unwrap();
    let o = run_in(dir.path(), QJS, &[mjs.as_os_str()]);
    assert_success("qjs prog.mjs", &o);
    assert_eq!(stdout(&o), MODULE_OUTPUT);
    let js = dir.path().join("prog.js");
    std::fs::write(&js, MODULE_PROGRAM).unwrap();
    for flag in ["-m", "--module"] {
        let o = run_in(dir.path(), QJS, &[flag.as_ref(), js.as_os_str()]);
        assert_success(&format!("qjs {flag} prog.js"), &o);
        assert_eq!(stdout(&o), MODULE_OUTPUT);
    }
    // --script overrides the extension.
    let o = run_in(dir.path(), QJS, &["--script".as_ref(), mjs.as_os_str()]);
    assert!(!o.status.success());
    // Errors in a module point into it.
    std::fs::write(&mjs, "let a = 1;\nexport { a, nope };\n").unwrap();
    let o = run_in(dir.path(), QJS, &[mjs.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(has_position(&stderr(&o), "prog.mjs", 2), "{}", stderr(&o));
    std::fs::write(&mjs, "console.log('before');\nthrow new Error('boom');\n").unwrap();
    let o = run_in(dir.path(), QJS, &[mjs.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "before\n");
    assert!(stderr(&o).contains("prog.mjs:2"), "{}", stderr(&o));
}

/// tests/language/modules: a graph with a cycle, live bindings, namespaces, re-exports,
/// top-level await ordering, import.meta, import() and a JSON module prints what Node prints,
/// run from another directory (imports resolve against the importing file).
#[test]
fn qjs_runs_a_module_graph() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/language/modules");
    let main = dir.join("main.mjs");
    let cwd = tempdir();
    let o = run_in(cwd.path(), QJS, &[main.as_os_str()]);
    assert_success("qjs modules/main.mjs", &o);
    assert_eq!(stdout(&o), read(&dir.join("main.expected")));
    // import() from a script.
    let script = cwd.path().join("script.js");
    let counter = dir.join("counter.mjs");
    std::fs::write(
        &script,
        format!(
            "import({:?}).then(ns => console.log(ns.count, ns.default));\nconsole.log('first');\n",
            counter.to_string_lossy()
        ),
    )
    .unwrap();
    let o = run_in(cwd.path(), QJS, &[script.as_os_str()]);
    assert_success("qjs script.js", &o);
    assert_eq!(stdout(&o), "first\n0 label\n");
    // A missing export is a SyntaxError naming it; a missing file names the specifier.
    let m = cwd.path().join("bad.mjs");
    std::fs::write(
        &m,
        format!("import {{ nope }} from {:?};\n", counter.to_string_lossy()),
    )
    .unwrap();
    let o = run_in(cwd.path(), QJS, &[m.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("SyntaxError") && stderr(&o).contains("'nope'"),
        "{}",
        stderr(&o)
    );
    std::fs::write(&m, "import './absent.mjs';\n").unwrap();
    let o = run_in(cwd.path(), QJS, &[m.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("./absent.mjs"), "{}", stderr(&o));
}

/// qjsc keeps function source text only with --keep-source (and not with -s): without it
/// toString gives the NativeFunction form, as QuickJS does for stripped source.
#[test]
fn keep_source_compiled() {
    let dir = tempdir();
    let input = dir.path().join("src.js");
    std::fs::write(
        &input,
        "function add(a, b) { return a + b; }\nconsole.log(add.toString());\n\
         console.log((class { m() {} }).prototype.m.toString(), Math.max.toString());\n",
    )
    .expect("write input");
    let run = |flags: &[&str], name: &str| {
        let exe = dir.path().join(name);
        let mut args: Vec<&OsStr> = flags.iter().map(OsStr::new).collect();
        args.extend([OsStr::new("-o"), exe.as_os_str(), input.as_os_str()]);
        let o = run_in(dir.path(), QJSC, &args);
        assert_success(&format!("qjsc {flags:?}"), &o);
        let o = run_in(dir.path(), &exe, &[]);
        assert_success(name, &o);
        stdout(&o)
    };
    let native = "function add() { [native code] }\n\
                  function m() { [native code] } function max() { [native code] }\n";
    assert_eq!(run(&[], "plain"), native);
    assert_eq!(run(&["-s", "--keep-source"], "stripped"), native);
    assert_eq!(
        run(&["--keep-source"], "kept"),
        "function add(a, b) { return a + b; }\nm() {} function max() { [native code] }\n"
    );
}

/// -fno-string-normalize leaves String.prototype.normalize out, as QuickJS does.
#[test]
fn no_string_normalize_compiled() {
    let dir = tempdir();
    let input = dir.path().join("norm.js");
    std::fs::write(
        &input,
        "console.log(typeof ''.normalize, typeof ''.normalize === 'function' && 'e\\u0301'.normalize().length);\n",
    )
    .expect("write input");
    let exe = compile_exe(dir.path(), &input, "with");
    let o = run_in(dir.path(), &exe, &[]);
    assert_eq!(stdout(&o), "function 1\n");
    let exe = dir.path().join("without");
    let args = [
        OsStr::new("-fno-string-normalize"),
        OsStr::new("-o"),
        exe.as_os_str(),
        input.as_os_str(),
    ];
    assert_success(
        "qjsc -fno-string-normalize",
        &run_in(dir.path(), QJSC, &args),
    );
    let o = run_in(dir.path(), &exe, &[]);
    assert_eq!(stdout(&o), "undefined false\n");
}

/// Error stacks print QuickJS's frames: `at name (file:line:col)` for JavaScript functions
/// (`<eval>` for top-level code), `at name (native)` for built-ins, in qjs and in a compiled
/// program alike (generators, async functions, errors thrown by the engine and by built-ins).
#[test]
fn error_stacks() {
    let input = fixture("errors/stack.js");
    let expected = std::fs::read_to_string(fixture("errors/stack.expected")).expect("expected");
    let file = input.to_string_lossy().into_owned();
    let normalize = |o: &std::process::Output| stdout(o).replace(&file, "stack.js");
    let o = run_in(&root(), QJS, &[input.as_os_str()]);
    assert_success("qjs stack.js", &o);
    assert_eq!(normalize(&o), expected, "qjs stack.js");
    let dir = tempdir();
    let exe = compile_exe(dir.path(), &input, "stack");
    let o = run_in(dir.path(), &exe, &[]);
    assert_success("./stack", &o);
    assert_eq!(normalize(&o), expected, "compiled stack.js");
}
