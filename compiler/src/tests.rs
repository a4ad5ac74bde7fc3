//! Compiles snippets of every supported construct and checks that each program verifies and
//! survives a serialization round trip.
use crate::{compile_module, compile_script, CompileError, ErrorKind};
use qjs_bytecode::disasm::disassemble;

fn compile_ok(src: &str) -> qjs_bytecode::Program {
    verified(src, compile_script(src, "test.js"))
}

fn module_ok(src: &str) -> qjs_bytecode::Program {
    verified(src, compile_module(src, "test.mjs"))
}

/// The compiled program, checked to verify and to survive a serialization round trip.
fn verified(
    src: &str,
    compiled: Result<qjs_bytecode::Program, CompileError>,
) -> qjs_bytecode::Program {
    let p = match compiled {
        Ok(p) => p,
        Err(e) => panic!("{src}\n{e}"),
    };
    if let Err(e) = qjs_bytecode::verify::verify(&p) {
        panic!("verify failed for {src}: {e:?}\n{}", disassemble(&p));
    }
    let bytes = qjs_bytecode::write(&p, false);
    assert_eq!(
        qjs_bytecode::read(&bytes),
        Ok(p.clone()),
        "round trip of {src}"
    );
    p
}

/// The instructions of the main function, one mnemonic (and operand) per line.
fn main_code(src: &str) -> String {
    main_listing(&compile_ok(src))
}

fn main_listing(p: &qjs_bytecode::Program) -> String {
    let text = disassemble(p);
    let start = text
        .find(&format!("function #{}", p.main))
        .expect("main listed");
    text[start..]
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with("function"))
        .map(|l| l.split_once(": ").map_or(l, |x| x.1).trim().to_string())
        .filter(|l| l != "Nop")
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn smoke() {
    compile_ok("x = 1 + 2");
}

/// One snippet per construct; each must compile, verify and round-trip.
const SNIPPETS: &[&str] = &[
    // variables and scopes
    "var a = 1, b; let c = a + b; const d = c;",
    "{ let x = 1; { let x = 2; x; } x; }",
    "function f() { var x = 1; { let y = x; return y; } }",
    "let t = typeof undeclared; delete globalThis.q; delete zz;",
    "function f(a, a) { return a; }",
    "'use strict'; let x; x = 1; const y = 2;",
    "function f() { const c = 1; c = 2; }",
    "function f() { x; let x = 1; return () => x; }",
    "function f() { var arguments; return arguments; }",
    "function f() { return () => arguments[0]; }",
    // functions and closures
    "function f(a, b = a + 1, ...rest) { return [a, b, rest]; }",
    "function f({a, b: [c, d = 2]}, [e] = []) { return a + c + d + e; }",
    "var g = function fact(n) { return n ? n * fact(n - 1) : 1; };",
    "var g = function h() { h = 1; return () => h; };",
    "function outer() { let a = 1; function inner() { return function deepest() { return a++; }; } return inner; }",
    "const add = (a, b) => a + b; const id = x => x; const blk = () => { return this; };",
    "function f() { return new.target; }",
    "function f(a) { a = 2; return () => a; }",
    "function f() { if (x) { function g() {} } return g; }",
    "'use strict'; function f() { { function g() {} } }",
    // objects, arrays, templates
    "var o = { a: 1, b, [k]: 2, 'c': 3, 4: 5, m() {}, get g() { return 1; }, set g(v) {}, [k2]() {}, get [k3]() {}, ...s, __proto__: null };",
    "function* g(a) { const x = yield a; yield* [x]; try { yield 1; } finally { f(); } } var o2 = { *m() { yield 1; } }; class G { *[Symbol.iterator]() { for (const v of [1]) yield v; } }",
    "var { a, [k]: b, 3: c, ...r } = o; ({ x, [k]: y, ...z } = o); var {} = o;",
    "var o = { f: function () {}, g: () => 1, h: class {} };",
    "var a = [1, 2, , 3, ...b, 4]; var e = []; var big = [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34];",
    "var s = `a${b}c${d}`; var t = `${x}`; var u = ``;",
    "var n = 1.5 + -0 + 1e300 + 100000 + 0x10; var str = 'x\\u{1F600}y';",
    // operators
    "x = a + b - c * d / e % f ** g; y = a << b >> c >>> d & e | f ^ g;",
    "x = a < b && b <= c || c > d; w = a ?? d >= e; y = a == b != c === d !== e;",
    "x = !a; y = ~a; z = -a; w = +a; v = void a; u = typeof a; t = a in b; s = a instanceof B; r = (a, b);",
    "x = a ? b : c;",
    "x += 1; x -= 1; x *= 2; x /= 2; x %= 2; x **= 2; x <<= 1; x >>= 1; x >>>= 1; x &= 1; x |= 1; x ^= 1;",
    "x &&= 1; x ||= 2; x ??= 3; o.p &&= 1; o[k] ||= 2; o.q ??= function () {};",
    "o.a = 1; o[k] = 2; o.a += 1; o[k] *= 2; y = (o.a = 3); z = (o[k] -= 1);",
    "x++; ++x; x--; --x; y = x++; y = --x; o.a++; y = o.a--; ++o[k]; y = o[k]++;",
    "function f() { let i = 0; i++; return i--; }",
    "a?.b; a?.[b]; a?.(); a.b?.(); a?.b.c(1, 2); a?.b?.c?.d; (a?.b).c; x = a?.[b?.c];",
    // calls
    "f(); f(1, 2); o.m(1); o[k](2); f(...a); o.m(1, ...a, 2); new C(); new C(1, 2); new C(...a); new o.C;",
    // control flow
    "if (a) b(); else if (c) d(); else e();",
    "for (var i = 0; i < 10; i++) { if (i == 5) continue; if (i == 7) break; }",
    "for (let i = 0; i < 3; i++) { setTimeout(() => i); }",
    "for (;;) { break; }",
    "while (x) { x--; } do { x++; } while (x < 5);",
    "for (var k in o) {} for (let k in o) { (() => k)(); } for (k in o); for (o.p in q);",
    "for (var v of a) {} for (const v of a) { (() => v)(); } for (v of a); for (const [a, b] of m) {} for ([x, y] of m);",
    "outer: for (const a of b) { for (const c of d) { if (c) continue outer; if (a) break outer; } }",
    "function f() { for (const a of b) { for (const c in d) { switch (c) { case 1: return a; } } } }",
    "switch (x) { case 1: let y = 2; break; case 2: y; default: z(); }",
    "switch (x) { default: case 1: function q() {} }",
    "lbl: { if (a) break lbl; b(); }",
    "a: b: while (1) { continue a; }",
    // exceptions
    "try { a(); } catch (e) { b(e); }",
    "try { a(); } catch { b(); }",
    "try { a(); } finally { c(); }",
    "try { a(); } catch ({ message }) { b(message); } finally { c(); }",
    "function f() { try { return 1; } finally { g(); } }",
    "function f() { for (;;) { try { break; } finally { try { continue; } finally { h(); } } } }",
    "function f() { for (const x of y) { try { return x; } finally { z(); } } }",
    "throw new Error('x');",
    // classes
    "class A {}",
    "class A { constructor(x) { this.x = x; } m() { return A; } static s() {} get g() { return 1; } set g(v) {} [k]() {} static [k2]() {} }",
    "class B extends A { constructor() { super(); super.m(); super.x = 1; super[k] = 2; super.y += 1; } m() { return super.m() + super['n']; } }",
    "class B extends A {} var C = class extends B {}; var D = class Named {};",
    "function f() { class Inner { m() { return Inner; } } return Inner; }",
    "let K = class { static m() { return this; } };",
    // destructuring
    "var [a, , b = 1, ...c] = arr; let {d, e: f, g = 2, [k]: h, 1: one} = obj; const [[x], {y}] = z;",
    "[a, b] = [b, a]; ({a, b: c, d = 1, e: [f]} = o); [o.p, o[k], ...rest] = it; x = [y] = z;",
    "function f() { let {} = o; var [] = a; }",
    "var { x } = y;",
    // misc
    "debugger; ;",
    "this.x = 1; var self = this;",
    "x = 'use strict';",
    // with, eval, arguments
    "with (o) { x = y; f(); typeof z; delete w; }",
    "function f(a) { eval('a'); return arguments[0]; }",
    "function g() { 'use strict'; return eval('1'); }",
    "var e = eval; e('1'); eval?.('2'); eval(...[3]);",
];

#[test]
fn every_snippet_verifies_and_round_trips() {
    for src in SNIPPETS {
        compile_ok(src);
    }
}

#[test]
fn exact_code_for_simple_cases() {
    assert_eq!(
        main_code("x = 1 + 2"),
        "PushI8 1\nPushI8 2\nAdd\nPutGlobal \"x\"\nReturnUndef"
    );
    assert_eq!(
        main_code("var y;"),
        "CheckGlobalDecl \"y\" 0\nDeclareVar \"y\"\nReturnUndef"
    );
    assert_eq!(
        main_code("let z = 300;"),
        "DeclareLex \"z\" 0\nPushI32 300\nInitGlobalLex \"z\"\nReturnUndef"
    );
    assert_eq!(
        main_code("f(1)"),
        "Undefined\nGetGlobal \"f\"\nPushI8 1\nCall 1\nDrop\nReturnUndef"
    );
    assert_eq!(
        main_code("o.m()"),
        "GetGlobal \"o\"\nGetField2 \"m\"\nCall 0\nDrop\nReturnUndef"
    );
    assert_eq!(
        main_code("typeof q"),
        "GetGlobalOrUndef \"q\"\nTypeOf\nDrop\nReturnUndef"
    );
    assert_eq!(
        main_code("a && b"),
        "GetGlobal \"a\"\nAnd -> 15\nGetGlobal \"b\"\nDrop\nReturnUndef"
    );
}

#[test]
fn closures_capture_cells() {
    let p = compile_ok("function f(a) { let b = 1; return () => a + b; }");
    let text = disassemble(&p);
    // The captured parameter moves into a cell in the prologue.
    assert!(
        text.contains("GetLoc 0\n") && text.contains("NewCell 0") && text.contains("PutLocCell 0"),
        "{text}"
    );
    assert!(text.contains("NewCellTdz"), "{text}");
    assert!(text.contains("captures=[Local(0), Local(1)]"), "{text}");
    // A grandchild forwards the middle function's capture.
    let p = compile_ok("function f() { let v = 1; return function () { return () => v; }; }");
    let text = disassemble(&p);
    assert!(text.contains("captures=[Var(0)]"), "{text}");
    // Per-iteration copies for a captured loop variable.
    let p = compile_ok("for (let i = 0; i < 2; i++) g(() => i);");
    assert!(disassemble(&p).contains("CopyCell"));
}

#[test]
fn const_assignment_throws() {
    let code = main_code("{ const c = 1; c = 2; }");
    assert!(code.contains("ThrowConstAssign \"c\""), "{code}");
}

#[test]
fn function_metadata() {
    let p = compile_ok("function f(a, b = 1, c) {}\nvar g = () => 1; var o = { m() {} }; class K extends Object {}");
    let by_name = |n: &str| {
        let a = p
            .atoms
            .iter()
            .position(|x| String::from_utf16_lossy(x) == n)
            .expect("atom");
        p.functions
            .iter()
            .find(|f| f.name as usize == a)
            .expect("function")
    };
    let f = by_name("f");
    assert_eq!((f.param_count, f.length, f.line, f.column), (3, 1, 1, 1));
    assert_eq!(
        by_name("g").flags & qjs_bytecode::flags::ARROW,
        qjs_bytecode::flags::ARROW
    );
    assert_ne!(by_name("m").flags & qjs_bytecode::flags::METHOD, 0);
    let k = by_name("K");
    let want = qjs_bytecode::flags::CLASS_CONSTRUCTOR
        | qjs_bytecode::flags::DERIVED
        | qjs_bytecode::flags::STRICT;
    assert_eq!(k.flags & want, want);
    let main = &p.functions[p.main as usize];
    assert_eq!(main.flags, qjs_bytecode::flags::SCRIPT);
    assert!(main.lines.iter().any(|l| l.line == 2));
    let strict = compile_ok("'use strict'; x;");
    assert_eq!(
        strict.functions[strict.main as usize].flags,
        qjs_bytecode::flags::SCRIPT | qjs_bytecode::flags::STRICT
    );
}

#[test]
fn syntax_error_position_and_format() {
    let e = compile_script("var a = 1;\nvar b = ;\n", "bad.js").unwrap_err();
    assert_eq!(e.kind, ErrorKind::Syntax);
    assert_eq!((e.line, e.column), (2, 9));
    assert_eq!(e.source_line, "var b = ;");
    let shown = e.to_string();
    assert!(shown.starts_with("SyntaxError: "), "{shown}");
    assert!(
        shown.ends_with("\n    at bad.js:2:9\n    var b = ;\n            ^"),
        "{shown}"
    );
}

#[test]
fn early_errors() {
    for src in [
        "let a; let a;",
        "let a; var a;",
        "{ const b = 1; var b; }",
        "function f(x) { let x; }",
        "break;",
        "while (1) { continue nope; }",
        "x: { continue x; }",
        "x: x: ;",
        "'use strict'; eval = 1;",
        "'use strict'; var arguments;",
        "'use strict'; var static;",
        "function f(a, a) { 'use strict'; }",
        "(a, a) => 1;",
        "function f(a = 1) { 'use strict'; }",
        "function f() { super.x; }",
        "'use strict'; delete x;",
        "while (1) function f() {}",
        "'use strict'; 010",
        "'use strict'; 08",
        "'use strict'; '\\07'",
        "function f() { '\\1'; 'use strict'; }",
        "({ get x() { 'use strict'; public = 1; } })",
        "{ function f() {} function* f() {} }",
        "{ async function f() {} function f() {} }",
        "const let = 1;",
        "for (let let in {}) {}",
        "function* g(a = yield) {}",
        "async function f(a = await 1) {}",
        "function* g() { (a = yield) => a; }",
        "({ __proto__: null, '__proto__': null })",
        "switch (0) { case 1: function f() {} default: function* f() {} }",
        "try {} catch (e) { let e; }",
        "try {} catch (f) { function f() {} }",
    ] {
        let e = compile_script(src, "e.js").expect_err(src);
        assert_eq!(e.kind, ErrorKind::Syntax, "{src}: {e}");
    }
}

/// Redeclaration checks over many names: a script with 20,000 top-level declarations compiles
/// (in linear time), the first repeated name is reported where it is repeated, and sloppy blocks
/// may repeat a plain function declaration only.
#[test]
fn redeclarations_among_many_names() {
    let mut src = String::new();
    for i in 0..10_000 {
        src.push_str(&format!(
            "let v{i} = {i};\nfunction f{i}() {{ var w{i}; return v{i}; }}\n"
        ));
    }
    compile_ok(&src);
    let bad = format!("{src}let v17 = 1;\nlet v18 = 2;\nlet v18 = 3;\n");
    let e = compile_script(&bad, "e.js").unwrap_err();
    assert_eq!(e.kind, ErrorKind::Syntax);
    assert_eq!((e.line, e.source_line.as_str()), (20_001, "let v17 = 1;"));
    let bad = format!("{src}var v9999;\n");
    let e = compile_script(&bad, "e.js").unwrap_err();
    assert_eq!(e.line, 20_001, "{e}");

    compile_ok("{ function f() {} function f() {} function f() {} }");
    for src in [
        "'use strict'; { function f() {} function f() {} }",
        "{ function f() {} function f() {} function* f() {} }",
        "{ function f() {} function f() {} let f; }",
        "switch (0) { case 0: function f() {} case 1: function f() {} let f; }",
    ] {
        let e = compile_script(src, "e.js").expect_err(src);
        assert_eq!(e.kind, ErrorKind::Syntax, "{src}: {e}");
    }
}

#[test]
fn bigint_literals_are_hex_constants() {
    for (src, hex) in [
        ("0n", "0"),
        ("255n", "ff"),
        ("0x1_0000_0000n", "100000000"),
        ("0o777n", "1ff"),
        ("0b1010n", "a"),
        (
            "123456789012345678901234567890n",
            "18ee90ff6c373e0ee4e3f0ad2",
        ),
    ] {
        let p = verified(src, compile_script(src, "b.js"));
        let main = &p.functions[p.main as usize];
        let texts: Vec<String> = main
            .constants
            .iter()
            .filter_map(|c| match c {
                qjs_bytecode::Constant::BigInt(a) => {
                    Some(String::from_utf16_lossy(&p.atoms[*a as usize]))
                }
                _ => None,
            })
            .collect();
        assert_eq!(texts, [hex], "{src}");
    }
}

#[test]
fn unsupported_is_reported_not_panicking() {
    let src = "import defer * as ns from 'x';";
    let e = compile_module(src, "u.mjs").expect_err(src);
    assert_eq!(e.kind, ErrorKind::Unsupported, "{e}");
    assert!(
        e.message.starts_with("not supported yet: "),
        "{}",
        e.message
    );
}

#[test]
fn deep_nesting_is_rejected_and_long_chains_compile() {
    let deep = format!("x = {}1{};", "[".repeat(3000), "]".repeat(3000));
    let e = compile_script(&deep, "d.js").expect_err("too deep");
    assert_eq!(e.kind, ErrorKind::Unsupported);
    let chain = format!("x = {};", vec!["a"; 5000].join(" + "));
    compile_ok(&chain);
    compile_ok(&format!("x = {}1{};", "[".repeat(900), "]".repeat(900)));
}

#[test]
fn annex_b_block_functions() {
    // Sloppy: the block function also sets the var; strict: it stays in its block.
    let code = main_code("{ function f() {} } if (a) function g() {}");
    assert!(
        code.contains("DeclareVar \"f\"") && code.contains("PutGlobal \"f\""),
        "{code}"
    );
    assert!(code.contains("PutGlobal \"g\""), "{code}");
    let code = main_code("'use strict'; { function f() {} }");
    assert!(!code.contains("\"f\""), "{code}");
}

#[test]
fn finally_runs_on_every_exit() {
    let p = compile_ok("function f() { for (;;) { try { if (a) break; if (b) continue; return 1; } finally { fin(); } } }");
    let text = disassemble(&p);
    // Normal exit, break, continue, return and the catch-all handler each run the finally code.
    assert_eq!(text.matches("GetGlobal \"fin\"").count(), 5, "{text}");
}

// ---- modules ----

/// One snippet per module form; each must compile, verify and round-trip.
const MODULE_SNIPPETS: &[&str] = &[
    "var a = 1; let b = 2; const c = 3; function f() { return a + b + c; } class K {}",
    "export var a = 1, [b] = [2]; export let c; export const d = 4, { e } = { e: 5 };",
    "export function f() { return g(); } export function g() { return 1; }",
    "export class A {} export class B extends A { m() { return super.m; } }",
    "var x, y; export { x, y as why, x as 'string name' }; export {};",
    "export default 1 + 2;",
    "export default function () { return 1; }",
    "export default function named() { return named; }",
    "export default class {}",
    "export default class Named { m() { return Named; } }",
    "export default (function () {}); export let later = 1;",
    "export { f as default }; function f() {}",
    "let t = this; const arrow = () => this; function own() { return this; } var o = { m() { return this; } };",
    "export let counter = 0; export const inc = () => ++counter; inc();",
    "try { tdz; } catch (e) {} let tdz = 1; export { tdz };",
    "{ function inBlock() {} } if (x) { let y = 1; }",
    "'use strict'; export var s = 1;",
    "import d, { a, b as c, 'x y' as xy } from './m.js'; import * as ns from './n.js'; d(a, c, xy, ns);",
    "import './side.js'; export * from './a.js'; export * as ns from './b.js'; export { x as y, z } from './c.js';",
    "import j from './data.json' with { type: 'json' }; export { j };",
    "export let v = await Promise.resolve(1); const m = import.meta; import('./x.js', { with: {} });",
];

#[test]
fn every_module_snippet_verifies_and_round_trips() {
    for src in MODULE_SNIPPETS {
        let p = module_ok(src);
        let main = &p.functions[p.main as usize];
        let flags =
            main.flags & !(qjs_bytecode::flags::ASYNC | qjs_bytecode::flags::NOT_CONSTRUCTOR);
        assert_eq!(flags, qjs_bytecode::flags::STRICT, "{src}");
    }
}

#[test]
fn module_declarations_are_locals_not_globals() {
    let code = main_listing(&module_ok(
        "var x = 1; let y = 2; const z = 3; function f() {} class C {} x = y + z;",
    ));
    for global_op in ["DeclareVar", "DeclareLex", "DeclareFunc", "Global"] {
        assert!(!code.contains(global_op), "{code}");
    }
    // They are cells of the module environment, which the body captures.
    assert!(code.contains("PutVar"), "{code}");
    // Undeclared names are still globals.
    let code = main_listing(&module_ok("console.log(typeof globalThis.x);"));
    assert!(code.contains("GetGlobal \"console\""), "{code}");
    // let/const/class start in their TDZ, var and functions undefined.
    let p = module_ok("let v = 1; var w; export function f() { return v; }");
    use qjs_bytecode::EnvSlot;
    let env = &p.module.as_ref().expect("a module").env;
    assert_eq!(env, &[EnvSlot::Lexical, EnvSlot::Var, EnvSlot::Var]);
}

#[test]
fn module_this_is_undefined() {
    let code = main_listing(&module_ok("var t = this;"));
    assert!(
        code.contains("Undefined") && !code.contains("This"),
        "{code}"
    );
    // Arrows at the top level see the module's `this`; other functions have their own.
    let text = disassemble(&module_ok("var a = () => () => this;"));
    assert!(!text.contains("This"), "{text}");
    let text = disassemble(&module_ok(
        "function f() { return this; } var o = { m() { return () => this; } };",
    ));
    assert_eq!(text.matches("This\n").count(), 2, "{text}");
    // Scripts keep `this`.
    assert!(main_code("var t = this;").contains("This"));
}

#[test]
fn export_default_names() {
    let p = module_ok("export default function () {} export class A {}");
    let has_fn = |p: &qjs_bytecode::Program, n: &str| {
        p.functions
            .iter()
            .any(|f| String::from_utf16_lossy(&p.atoms[f.name as usize]) == n)
    };
    assert!(has_fn(&p, "default"));
    assert!(!has_fn(&p, "*default*"));
    assert!(has_fn(&module_ok("export default class {}"), "default"));
    assert!(has_fn(&module_ok("export default () => 1;"), "default"));
}

fn module_err(src: &str) -> CompileError {
    compile_module(src, "m.mjs").expect_err(src)
}

#[test]
fn module_early_errors() {
    for src in [
        "export var a; export { a };",
        "export default 1; export default 2;",
        "var a; export { a as b, a as b };",
        "export { nope };",
        "export { globalThis };",
        "{ var inner; } function g() { var local; } export { local };",
        "var f; function f() {}",
        "function f() {} function f() {}",
        "let l; function l() {}",
        "{ export var x; }",
        "if (1) export default 1;",
        "var arguments;",
        "with (o) {}",
        "x: function f() {}",
        "<!-- html comment",
        "new.target;",
        "return;",
        "var await;",
    ] {
        let e = module_err(src);
        assert_eq!(e.kind, ErrorKind::Syntax, "{src}: {e}");
    }
    // Script rules still allow what modules reject.
    compile_ok("var f; function f() {} function f() {}");
}

/// The module record: requests in source order, import entries bound to environment slots,
/// local and indirect exports (a re-exported import is indirect), star exports, and hoisted
/// functions created by the runtime rather than by the body.
#[test]
fn module_records() {
    let p = module_ok(
        "import d, { a as b } from './x.js';\n\
         import * as ns from './y.js' with { type: 'json' };\n\
         export { b as c, ns };\n\
         export * from './z.js';\n\
         export * as zz from './z.js';\n\
         export { q as 'q r' } from './x.js';\n\
         export function f() { return b; }\n\
         export let l = 1;",
    );
    let m = p.module.as_ref().expect("a module record");
    let text = |a: u32| String::from_utf16_lossy(&p.atoms[a as usize]);
    let specs: Vec<String> = m.requests.iter().map(|r| text(r.specifier)).collect();
    assert_eq!(specs, ["./x.js", "./y.js", "./z.js"]);
    assert_eq!(m.requests[1].attributes.len(), 1);
    let imports: Vec<(u32, Option<String>)> = m
        .imports
        .iter()
        .map(|i| (i.request, i.name.map(text)))
        .collect();
    assert_eq!(
        imports,
        [
            (0, Some("default".into())),
            (0, Some("a".into())),
            (1, None)
        ]
    );
    for i in &m.imports {
        assert_eq!(m.env[i.slot as usize], qjs_bytecode::EnvSlot::Import);
    }
    let local: Vec<String> = m.local_exports.iter().map(|e| text(e.name)).collect();
    assert_eq!(local, ["ns", "f", "l"]);
    let indirect: Vec<(String, u32, Option<String>)> = m
        .indirect_exports
        .iter()
        .map(|e| (text(e.name), e.request, e.import.map(text)))
        .collect();
    assert_eq!(
        indirect,
        [
            ("c".into(), 0, Some("a".into())),
            ("zz".into(), 2, None),
            ("q r".into(), 0, Some("q".into()))
        ]
    );
    assert_eq!(m.star_exports, [2]);
    assert_eq!(m.functions.len(), 1);
    // The body neither creates `f` nor awaits.
    let main = &p.functions[p.main as usize];
    assert_eq!(main.flags & qjs_bytecode::flags::ASYNC, 0);
    assert!(!main_listing(&p).contains("Closure"));
    // Top-level await makes the body async.
    let p = module_ok("await 1;");
    assert_ne!(
        p.functions[p.main as usize].flags & qjs_bytecode::flags::ASYNC,
        0
    );
    // Imports are immutable and duplicate bindings are early errors.
    let code = main_listing(&module_ok("import { a } from './x.js'; a = 1;"));
    assert!(code.contains("ThrowConstAssign"), "{code}");
    for src in [
        "import { a } from './x.js'; let a;",
        "import { a } from './x.js'; import { a } from './y.js';",
        "import a from './x.js'; function a() {}",
    ] {
        assert_eq!(module_err(src).kind, ErrorKind::Syntax, "{src}");
    }
}

#[test]
fn deferred_imports_are_unsupported() {
    for src in [
        "import defer * as ns from './y.js';",
        "import.defer('./y.js');",
    ] {
        let e = module_err(src);
        assert_eq!(e.kind, ErrorKind::Unsupported, "{src}: {e}");
    }
    let e = module_err("var a = 1;\nimport defer * as x from './y.js';\n");
    assert_eq!((e.line, e.column), (2, 1));
}

#[test]
fn module_syntax_error_position() {
    let e = module_err("export let a = 1;\nlet b = a +;\n");
    assert_eq!(e.kind, ErrorKind::Syntax);
    assert_eq!((e.line, e.column), (2, 12));
    assert_eq!(e.source_line, "let b = a +;");
    let e = module_err("let a;\nexport { a, nope };\n");
    assert_eq!((e.kind, e.line, e.column), (ErrorKind::Syntax, 2, 13));
    // Large modules compile on the worker thread too.
    let big = format!("{}\nexport let z = ;", "export let v0 = 0;\n".repeat(100));
    let e = module_err(&big);
    assert_eq!((e.kind, e.line), (ErrorKind::Syntax, 102));
}

#[test]
fn class_fields_and_private_names_verify() {
    for src in [
        "class A { x = 1; y; ['z' + 1] = this.x; static s = 2; static [1 + 1] = 3; }",
        "class A { f = () => this; g = function () {}; static { var v = this; this.w = v; } }",
        "class A { x = 1; constructor(a = this.x) { this.a = a; } }",
        "class B extends Object { x = 1; constructor() { super(); } }",
        "class B extends Object { x = 1; constructor() { const f = () => super(); f(); } }",
        "class B extends Object { x = super.constructor; }",
        "class A { #p = 1; #m() { return this.#p; } get #g() { return 1; } set #g(v) {} }",
        "class A { static #s = 1; static #sm() {} static t() { return A.#s + A.#sm(); } }",
        "class A { #p; t(o) { o.#p = 1; o.#p += 2; o.#p++; --o.#p; o.#p ??= 3; return #p in o; } }",
        "class A { #p; t(o) { [o.#p] = [1]; ({ a: o.#p } = { a: 2 }); return o?.#p; } }",
        "class A { #m() {} t(o) { return o.#m() + o?.#m() + o.#m?.(); } }",
        "class A { #p; m() { class B { #q; t(o) { return o.#p + this.#q; } } } }",
        "for (let i = 0; i < 2; i++) { class A { #x = i; static g(o) { return o.#x; } } }",
        "class A { accessor x = 1; static accessor s; accessor [1 + 1] = 2; accessor #p = 3; }",
    ] {
        compile_ok(src);
    }
}

#[test]
fn class_element_early_errors() {
    for src in [
        "class A { m() { this.#x; } }",
        "this.#x",
        "class A { #x; #x; }",
        "class A { #x; #x() {} }",
        "class A { get #x() {} static set #x(v) {} }",
        "class A { #x; m() { delete this.#x; } }",
        "class A { constructor = 1; }",
        "class A { static prototype = 1; }",
        "class A { #constructor; }",
        "class A { m() { #x in this; } }",
        "class A { x = arguments; }",
        "class A { x = () => arguments; }",
        "class A { static { arguments; } }",
        "class A { static { (class { [arguments]() {} }); } }",
        "async function f() { class A { static { await 0; } } }",
        "class A { constructor() {} constructor() {} }",
    ] {
        let e = compile_script(src, "e.js").expect_err(src);
        assert_eq!(e.kind, ErrorKind::Syntax, "{src}: {e}");
    }
    compile_ok("class A { get #x() {} set #x(v) {} }");
    compile_ok("class A { x = function () { return arguments; }; }");
    compile_ok("class A { static get #x() {} static set #x(v) {} }");
}

#[test]
fn sloppy_legacy_forms_compile() {
    for src in [
        "010 + 08",
        "'\\07\\8'",
        "{ function f() {} function f() {} }",
        "var let = 1;",
        "'\\\\1'; 'use strict'; 1",
        "({ __proto__: 1, __proto__() {}, ['__proto__']: 2 })",
        "({ __proto__: a, __proto__: b } = {})",
    ] {
        compile_script(src, "ok.js").unwrap_or_else(|e| panic!("{src}: {e}"));
    }
}

#[test]
fn regexp_literals_are_validated() {
    assert!(compile_script("var r = /a(b)c/gi;", "r.js").is_ok());
    for src in ["/(/", "/\\1/u", "/(?<a>x)(?<a>y)/"] {
        let e = compile_script(src, "r.js").expect_err(src);
        assert_eq!(e.kind, ErrorKind::Syntax, "{src}: {e}");
        assert!(
            e.message.starts_with("Invalid regular expression"),
            "{}",
            e.message
        );
    }
    let e = compile_script("/a/gg", "r.js").expect_err("/a/gg");
    assert_eq!(e.kind, ErrorKind::Syntax, "{e}");
}
