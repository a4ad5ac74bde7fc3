//! The size of compiled programs (issue 7): stripped hello world stays within budgets, and parts
//! of the runtime that a program does not register (the module system, the iterator helpers)
//! are absent from its executable.
mod common;
use common::*;
use qjs_toolchain::features::FEATURES;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// Stripped `examples/hello.js` with default flags (x86_64 Linux, glibc), which keep eval and so
/// link the compiler. Measured: 1,549,312 (sizes move in 4 KB pages).
const DEFAULT_BUDGET: u64 = 1_560_000;
/// The same with `-fno-eval` only (every other feature registered; RegExp without its pattern
/// compiler; built-in methods by the names hello world mentions). Measured: 543,024.
const NO_EVAL_BUDGET: u64 = 550_000;
/// Stripped `examples/hello.js` with every provided `-fno-*` flag. Measured: 231,728.
const MINIMAL_BUDGET: u64 = 242_000;
/// The same with `-Os` (the engine at opt-level z). Measured: 182,576.
const MINIMAL_SIZE_OPTIMIZED_BUDGET: u64 = 192_000;

/// `qjsc FLAGS -o DIR/NAME INPUT`; the executable's path.
fn compile_with(dir: &Path, flags: &[&str], input: &Path, name: &str) -> PathBuf {
    let exe = dir.join(name);
    let mut args: Vec<&OsStr> = flags.iter().map(OsStr::new).collect();
    args.extend([OsStr::new("-o"), exe.as_os_str(), input.as_os_str()]);
    let o = run_in(dir, QJSC, &args);
    assert_success(&format!("qjsc {flags:?} {}", input.display()), &o);
    exe
}

/// Every `-fno-*` flag whose feature the runtime can leave out.
fn every_fno_flag() -> Vec<String> {
    FEATURES
        .iter()
        .filter(|f| f.provided)
        .map(|f| format!("-fno-{}", f.name))
        .collect()
}

/// The size of `exe` after `strip`, or None when there is no `strip` on this machine.
fn stripped_size(exe: &Path) -> Option<u64> {
    let out = exe.with_extension("stripped");
    let o = std::process::Command::new("strip")
        .arg("-o")
        .arg(&out)
        .arg(exe)
        .output()
        .ok()?;
    assert!(o.status.success(), "strip failed: {}", stderr(&o));
    Some(std::fs::metadata(&out).expect("stripped file").len())
}

/// Whether the executable's symbol table names something in `module` of the runtime crate
/// (`nm`; both Rust manglings spell the path as `11qjs_runtime<len><module>`).
fn links_runtime_module(exe: &Path, module: &str) -> bool {
    symbols(exe).contains(&format!("11qjs_runtime{}{module}", module.len()))
}

/// The (mangled) symbol table of an executable, as `nm` lists it.
fn symbols(exe: &Path) -> String {
    let o = std::process::Command::new("nm")
        .arg(exe)
        .output()
        .expect("nm (binutils) is needed to inspect executables");
    assert!(o.status.success(), "nm failed: {}", stderr(&o));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
#[test]
fn hello_world_within_budget() {
    let dir = tempdir();
    let hello = example("hello");
    let default = compile_with(dir.path(), &[], &hello, "hello");
    let flags = every_fno_flag();
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let minimal = compile_with(dir.path(), &flags, &hello, "hello_min");
    let no_eval = compile_with(dir.path(), &["-fno-eval"], &hello, "hello_no_eval");
    for exe in [&default, &minimal, &no_eval] {
        let o = run_in(dir.path(), exe, &[]);
        assert_success("hello", &o);
        assert_eq!(stdout(&o), expected("hello"));
    }
    let (Some(default), Some(minimal), Some(no_eval)) = (
        stripped_size(&default),
        stripped_size(&minimal),
        stripped_size(&no_eval),
    ) else {
        eprintln!("no `strip` here: sizes not checked");
        return;
    };
    eprintln!(
        "hello world stripped: {default} bytes by default, {no_eval} with -fno-eval, {minimal} with {flags:?}"
    );
    assert!(
        no_eval <= NO_EVAL_BUDGET,
        "hello world with -fno-eval is {no_eval} bytes stripped, over its budget of {NO_EVAL_BUDGET}"
    );
    assert!(
        default <= DEFAULT_BUDGET,
        "hello world is {default} bytes stripped, over its budget of {DEFAULT_BUDGET}"
    );
    assert!(
        minimal <= MINIMAL_BUDGET,
        "hello world with {flags:?} is {minimal} bytes stripped, over its budget of {MINIMAL_BUDGET}"
    );
}

/// `-Os` links the size-optimized engine: smaller than the same program without it, and the
/// programs behave the same (hello world with every `-fno-*`, and a larger example with eval).
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
#[test]
fn size_optimized_engine() {
    let dir = tempdir();
    let hello = example("hello");
    let mut flags = every_fno_flag();
    let speed = {
        let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
        compile_with(dir.path(), &flags, &hello, "hello_min")
    };
    flags.push("-Os".to_string());
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let small = compile_with(dir.path(), &flags, &hello, "hello_min_os");
    let closures = compile_with(dir.path(), &["-Os"], &example("closures_classes"), "cc_os");
    for (exe, name) in [(&small, "hello"), (&closures, "closures_classes")] {
        let o = run_in(dir.path(), exe, &[]);
        assert_success(name, &o);
        assert_eq!(stdout(&o), expected(name));
    }
    let (Some(speed), Some(small)) = (stripped_size(&speed), stripped_size(&small)) else {
        eprintln!("no `strip` here: sizes not checked");
        return;
    };
    eprintln!("hello world stripped with every -fno-*: {speed} bytes, {small} with -Os");
    assert!(
        small < speed * 9 / 10,
        "-Os: {small} bytes, without: {speed}"
    );
    assert!(
        small <= MINIMAL_SIZE_OPTIMIZED_BUDGET,
        "hello world with {flags:?} is {small} bytes stripped, over its budget of {MINIMAL_SIZE_OPTIMIZED_BUDGET}"
    );
}

/// A script that never calls `import()` does not link the module system; a module does, and
/// so does a script that calls `import()` (whose rejection then comes from the loader, not
/// from a missing module system).
#[test]
fn module_system_only_when_used() {
    let dir = tempdir();
    // Eval is left out: code compiled at run time may call import(), so eval keeps the modules.
    let hello = compile_with(dir.path(), &["-fno-eval"], &example("hello"), "hello");
    assert!(!links_runtime_module(&hello, "module"));

    let script = dir.path().join("dynamic.js");
    std::fs::write(
        &script,
        "import('./missing.js').catch(e => console.log(e.name, /not available/.test(e.message)));\n",
    )
    .expect("write dynamic.js");
    let exe = compile_with(dir.path(), &[], &script, "dynamic");
    assert!(links_runtime_module(&exe, "module"));
    let o = run_in(dir.path(), &exe, &[]);
    assert_success("./dynamic", &o);
    assert_eq!(stdout(&o), "TypeError false\n");

    let module = dir.path().join("main.mjs");
    std::fs::write(
        &module,
        "export const x = 1;\nconsole.log(import.meta !== undefined, x);\n",
    )
    .expect("write main.mjs");
    let exe = compile_with(dir.path(), &[], &module, "main");
    assert!(links_runtime_module(&exe, "module"));
    let o = run_in(dir.path(), &exe, &[]);
    assert_success("./main", &o);
    assert_eq!(stdout(&o), "true 1\n");
}

/// `-fno-iterator-helpers` leaves out the Iterator constructor and the helper methods.
#[test]
fn fno_iterator_helpers_removes_them() {
    let dir = tempdir();
    let src = dir.path().join("helpers.js");
    let js = "console.log(typeof Iterator, typeof [].values().map, [...[1, 2].values()].length);\n";
    std::fs::write(&src, js).expect("write helpers.js");
    let with = compile_with(dir.path(), &[], &src, "with");
    let o = run_in(dir.path(), &with, &[]);
    assert_success("./with", &o);
    assert_eq!(stdout(&o), "function function 2\n");

    let without = compile_with(dir.path(), &["-fno-iterator-helpers"], &src, "without");
    let o = run_in(dir.path(), &without, &[]);
    assert_success("./without", &o);
    assert_eq!(stdout(&o), "undefined undefined 2\n");
    assert!(symbols(&with).contains("16iterator_helpers"));
    assert!(!symbols(&without).contains("16iterator_helpers"));
}

/// Without eval, a program registers only the instruction groups its bytecode contains
/// (`JS_AddOpGroup*`), so the handlers of the others are not linked; with eval, every group is.
#[test]
fn instruction_groups_follow_the_bytecode() {
    let dir = tempdir();
    let links_group = |exe: &Path, group: &str| {
        symbols(exe).contains(&format!("11qjs_runtime9op_groups{}{group}", group.len()))
    };
    let hello = compile_with(dir.path(), &["-fno-eval"], &example("hello"), "hello");
    let groups = [
        "classes",
        "dynamic_scope",
        "extra",
        "for_in",
        "dispose",
        "generators",
    ];
    for group in groups {
        assert!(!links_group(&hello, group), "hello links {group}");
    }
    let with_eval = compile_with(dir.path(), &[], &example("hello"), "hello_eval");
    for group in groups {
        assert!(
            links_group(&with_eval, group),
            "hello with eval lacks {group}"
        );
    }

    // A class and a tagged template (the extra group), no `with`.
    let classes = dir.path().join("classes.js");
    std::fs::write(
        &classes,
        "class A { #x = 2; get x() { return this.#x; } }\n\
         class B extends A { get x() { return super.x * 3; } }\n\
         const tag = (s, ...v) => s.raw.join('|') + v.join(',');\n\
         function* gen() { yield 1; yield* [2, 3]; }\n\
         (async () => { await 0; console.log('async', [...gen()].join()); })();\n\
         console.log(new B().x, tag`a${1}b${2}c`);\n",
    )
    .expect("write classes.js");
    let exe = compile_with(dir.path(), &["-fno-eval"], &classes, "classes");
    for group in ["classes", "extra", "generators"] {
        assert!(links_group(&exe, group), "classes.js lacks {group}");
    }
    assert!(!links_group(&exe, "dynamic_scope"));
    let o = run_in(dir.path(), &exe, &[]);
    assert_success("./classes", &o);
    assert_eq!(stdout(&o), "6 a|b|c1,2\nasync 1,2,3\n");

    let with = dir.path().join("with.js");
    std::fs::write(
        &with,
        "var o = { p: 1, q: 2 }; with (o) { p = p + 41; }\n\
         let keys = ''; for (const k in o) keys += k;\n\
         const res = {}; res[Symbol.dispose] = function () { console.log('disposed'); };\n\
         { using r = res; }\n\
         console.log(o.p, keys);\n",
    )
    .expect("write with.js");
    let exe = compile_with(dir.path(), &["-fno-eval"], &with, "with");
    for group in ["dynamic_scope", "for_in", "dispose"] {
        assert!(links_group(&exe, group), "with.js lacks {group}");
    }
    assert!(!links_group(&exe, "classes") && !links_group(&exe, "generators"));
    let o = run_in(dir.path(), &exe, &[]);
    assert_success("./with", &o);
    assert_eq!(stdout(&o), "disposed\n42 pq\n");
}

/// A program whose patterns are all literals runs on the patterns qjsc compiled: the pattern
/// parser and compiler are not linked. A program that builds a regexp from a string links them.
#[test]
fn regexp_compiler_only_for_patterns_built_at_run_time() {
    let dir = tempdir();
    let links_parser = |exe: &Path| symbols(exe).contains("10qjs_regexp5parse");
    let literals = dir.path().join("literals.js");
    std::fs::write(
        &literals,
        "const m = /(?<y>\\d{4})-(\\d\\d)/u.exec('on 2026-12 ok');\n\
         console.log(m.groups.y, m[2], 'a-b-c'.replace(/-/g, '+'), /É/i.test('é'));\n\
         for (let i = 0; i < 2; i++) console.log(/a+/y.exec('aab')[0]);\n",
    )
    .expect("write literals.js");
    let exe = compile_with(dir.path(), &["-fno-eval"], &literals, "literals");
    assert!(!links_parser(&exe), "literals.js links the pattern parser");
    let o = run_in(dir.path(), &exe, &[]);
    assert_success("./literals", &o);
    assert_eq!(stdout(&o), "2026 12 a+b+c true\naa\naa\n");

    let built = dir.path().join("built.js");
    std::fs::write(
        &built,
        "const src = ['a', 'b'].join('|');\n\
         console.log(new RegExp(src, 'g').exec('xb')[0], 'a,b'.split(/,/).length, 'xyz'.search('y'));\n",
    )
    .expect("write built.js");
    let exe = compile_with(dir.path(), &["-fno-eval"], &built, "built");
    assert!(links_parser(&exe), "built.js lacks the pattern parser");
    let o = run_in(dir.path(), &exe, &[]);
    assert_success("./built", &o);
    assert_eq!(stdout(&o), "b 2 1\n");
}

/// The (mangled) symbol of Array.prototype.copyWithin's native function.
const COPY_WITHIN: &str = "builtins5array11copy_within";

/// Without eval, a program that reaches properties only by the names it mentions links just the
/// built-in methods of those names (`JS_AddMethod_*`); computed keys bring them all back.
#[test]
fn methods_follow_the_names_a_program_mentions() {
    let dir = tempdir();
    let links_method =
        |exe: &Path, entry: &str| symbols(exe).contains(&format!("JS_AddMethod_{entry}"));
    let hello = compile_with(dir.path(), &["-fno-eval"], &example("hello"), "hello");
    for entry in [
        "Array_prototype_map",
        "String_prototype_split",
        "Math_max",
        "Object_keys",
        // `console.log` names `log`, but never Math.
        "Math_log",
    ] {
        assert!(!links_method(&hello, entry), "hello links {entry}");
    }
    // Nor any cube root (compiler_builtins has one the linker would keep if it met it first).
    assert!(!symbols(&hello).contains("cbrt"));
    // DisposableStack is a global registered by name too.
    assert!(!links_method(&hello, "DisposableStack"));

    let named = dir.path().join("named.js");
    std::fs::write(
        &named,
        "'use strict';\n\
         const a = [3, 1, 2];\n\
         console.log(a.map(x => x * 2).join(), Math.max(...a), 'a,b'.split(',').length, Math.cbrt(27));\n\
         console.log(String(a), `${[1, 2]}`, (2.5).toFixed(1), Object.keys({ x: 1 }).length, typeof DisposableStack);\n",
    )
    .expect("write named.js");
    let exe = compile_with(dir.path(), &["-fno-eval"], &named, "named");
    for entry in [
        "Array_prototype_map",
        "String_prototype_split",
        "Math_max",
        "Object_keys",
        "DisposableStack",
    ] {
        assert!(links_method(&exe, entry), "named.js lacks {entry}");
    }
    for entry in [
        "Array_prototype_filter",
        "String_prototype_padStart",
        "Math_min",
        "Math_sqrt",
    ] {
        assert!(!links_method(&exe, entry), "named.js links {entry}");
    }
    // The native functions behind the methods it does not name are gone too.
    let syms = symbols(&exe);
    assert!(!syms.contains(COPY_WITHIN) && !syms.contains("JS_AddAllMethods"));
    assert!(!syms.contains("builtins6string3pad"));
    // Each unary Math method has its own native function.
    assert!(syms.contains("math9math_cbrt") && !syms.contains("math9math_sqrt"));
    let o = run_in(dir.path(), &exe, &[]);
    assert_success("./named", &o);
    assert_eq!(stdout(&o), "6,2,4 3 2 3\n3,1,2 1,2 2.5 1 function\n");

    let computed = dir.path().join("computed.js");
    std::fs::write(
        &computed,
        "'use strict';\nconst k = ['fi', 'lter'].join('');\n\
         console.log([1, 2, 3][k](x => x > 1).length, 'at' in []);\n",
    )
    .expect("write computed.js");
    let exe = compile_with(dir.path(), &["-fno-eval"], &computed, "computed");
    let syms = symbols(&exe);
    assert!(syms.contains("JS_AddAllMethods") && syms.contains(COPY_WITHIN));
    let o = run_in(dir.path(), &exe, &[]);
    assert_success("./computed", &o);
    assert_eq!(stdout(&o), "2 true\n");
}

/// The programs of tests/language whose methods are registered by name run as they do with
/// every method (the expected outputs are Node's).
#[test]
fn programs_with_methods_by_name_run_unchanged() {
    let dir = tempdir();
    let lang = root().join("tests/language");
    let mut pruned = 0;
    let mut sources: Vec<PathBuf> = std::fs::read_dir(&lang)
        .expect("tests/language")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension() == Some(OsStr::new("js")))
        .collect();
    sources.sort();
    for src in sources {
        let name = src
            .file_stem()
            .and_then(OsStr::to_str)
            .expect("name")
            .to_string();
        let c = dir.path().join(format!("{name}.c"));
        let o = run_in(
            dir.path(),
            QJSC,
            &[
                "-fno-eval".as_ref(),
                "-e".as_ref(),
                "-o".as_ref(),
                c.as_os_str(),
                src.as_os_str(),
            ],
        );
        assert_success(&format!("qjsc -e {name}"), &o);
        let main = std::fs::read_to_string(&c).expect("main.c");
        if main.contains("JS_AddAllMethods") {
            continue;
        }
        pruned += 1;
        let exe = compile_with(dir.path(), &["-fno-eval"], &src, &name);
        let o = run_in(&lang, &exe, &[]);
        let expected =
            std::fs::read_to_string(lang.join(format!("{name}.expected"))).expect("expected");
        assert_eq!(stdout(&o), expected, "{name}.js with methods by name");
    }
    assert!(
        pruned >= 10,
        "only {pruned} programs register methods by name"
    );
}
