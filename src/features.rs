//! The optional language features that `-fno-*` removes, as QuickJS's qjsc names them.
//!
//! Each feature is registered in the generated `main()` by one `JS_AddIntrinsic*` call (DESIGN.md
//! section 2); leaving the call out lets the linker drop the feature. `JS_AddIntrinsicBaseObjects`
//! is always called (without eval, `JS_AddIntrinsicBaseObjectsCore` and the entry points of the
//! instruction groups the program's bytecode contains). A feature whose intrinsic the runtime does not export yet has
//! `provided: false`: its `-fno-` flag is accepted (so build scripts written for QuickJS keep
//! working) but changes nothing, and no call is emitted for it.

use qjs_bytecode::OpGroup;

/// One optional subsystem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Feature {
    /// The name in `-fno-NAME`.
    pub name: &'static str,
    /// The C function that registers it (declared in `stubs/qjs.h` once provided).
    pub intrinsic: &'static str,
    /// Whether the runtime's C API exports `intrinsic` yet.
    pub provided: bool,
    /// The names through which a program reaches the feature (`-fauto` keeps it when the
    /// program mentions one): its globals, and the methods of other built-ins that use it.
    pub names: &'static [&'static str],
}

/// Always registered first when the program keeps eval: the base objects and every instruction
/// group (code compiled at run time may use any instruction).
pub const BASE_INTRINSIC: &str = "JS_AddIntrinsicBaseObjects";

/// Registered first without eval: the base objects alone, followed by the entry points of the
/// instruction groups the program's bytecode contains (`OP_GROUP_INTRINSICS`), so the linker
/// drops the handlers of the others.
pub const BASE_CORE_INTRINSIC: &str = "JS_AddIntrinsicBaseObjectsCore";

/// The entry point of each instruction group (`qjs_bytecode::OpGroup`).
pub const OP_GROUP_INTRINSICS: &[(OpGroup, &str)] = &[
    (OpGroup::Classes, "JS_AddOpGroupClasses"),
    (OpGroup::DynamicScope, "JS_AddOpGroupDynamicScope"),
    (OpGroup::Extra, "JS_AddOpGroupExtra"),
    (OpGroup::ForIn, "JS_AddOpGroupForIn"),
    (OpGroup::Dispose, "JS_AddOpGroupDispose"),
    (OpGroup::Generators, "JS_AddOpGroupGenerators"),
];

/// Without eval, the regexp feature registers RegExp with its literals, which come compiled
/// (`JS_AddIntrinsicRegExpCore`), and the pattern compiler only for programs that can build a
/// regexp from a string at run time (`REGEXP_COMPILER_INTRINSIC`, see `regexp_compiler_needed`).
pub const REGEXP_CORE_INTRINSIC: &str = "JS_AddIntrinsicRegExpCore";
pub const REGEXP_COMPILER_INTRINSIC: &str = "JS_AddIntrinsicRegExpCompiler";

/// The names through which code can compile a pattern at run time: the RegExp constructor (as a
/// global, as any regexp's `constructor`, or read reflectively), and the methods that build a
/// regexp from their argument (`match`, `matchAll`, `search`) or through the species
/// constructor (`matchAll`, `split`: their flags may have been changed), and `compile`.
const REGEXP_COMPILER_NAMES: &[&str] = &[
    "RegExp",
    "constructor",
    "match",
    "matchAll",
    "search",
    "split",
    "compile",
    "getOwnPropertyDescriptor",
    "getOwnPropertyDescriptors",
    "Reflect",
];

/// Whether code reaching `reach` (compiled, without eval) can build a regexp from a string: it
/// names a way to (`REGEXP_COMPILER_NAMES`), reads properties by computed keys, or reaches
/// globals dynamically. Otherwise every pattern it runs is a literal, compiled by qjsc.
pub fn regexp_compiler_needed(reach: &qjs_compiler::reach::Reach) -> bool {
    reach.dynamic || reach.computed_reads || reach.mentions(REGEXP_COMPILER_NAMES)
}

/// The module system (our addition): registered only for programs that are modules or call
/// `import()`, so that scripts link none of it.
pub const MODULES_INTRINSIC: &str = "JS_AddIntrinsicModules";

/// In the order QuickJS's generated `main()` registers them.
pub const FEATURES: &[Feature] = &[
    feature("date", "JS_AddIntrinsicDate", true, &["Date"]),
    // Registered by the eval archive only (libqjs_archive_eval.a links the compiler); qjsc
    // links the no_std archive when this is removed. Any function's `constructor` is
    // Function (or GeneratorFunction...), which compiles source as eval does.
    feature(
        "eval",
        "JS_AddIntrinsicEval",
        true,
        &["eval", "Function", "constructor"],
    ),
    feature(
        "string-normalize",
        "JS_AddIntrinsicStringNormalize",
        true,
        &["normalize"],
    ),
    // String.prototype.match/matchAll/search build a RegExp from a string argument.
    feature(
        "regexp",
        "JS_AddIntrinsicRegExp",
        true,
        &["RegExp", "match", "matchAll", "search"],
    ),
    feature("json", "JS_AddIntrinsicJSON", true, &["JSON"]),
    feature("proxy", "JS_AddIntrinsicProxy", false, &["Proxy"]),
    feature(
        "map",
        "JS_AddIntrinsicMapSet",
        true,
        &["Map", "Set", "WeakMap", "WeakSet"],
    ),
    feature(
        "typedarray",
        "JS_AddIntrinsicTypedArrays",
        false,
        &[
            "ArrayBuffer",
            "SharedArrayBuffer",
            "DataView",
            "Atomics",
            "Int8Array",
            "Uint8Array",
            "Uint8ClampedArray",
            "Int16Array",
            "Uint16Array",
            "Int32Array",
            "Uint32Array",
            "Float16Array",
            "Float32Array",
            "Float64Array",
            "BigInt64Array",
            "BigUint64Array",
        ],
    ),
    feature("promise", "JS_AddIntrinsicPromise", true, &["Promise"]),
    feature(
        "weakref",
        "JS_AddIntrinsicWeakRef",
        true,
        &["WeakRef", "FinalizationRegistry"],
    ),
    feature("bigint", "JS_AddIntrinsicBigInt", true, &["BigInt"]),
    // The module loader is host setup rather than an intrinsic; kept here so -fno-module-loader parses.
    feature("module-loader", "js_std_init_module_loader", false, &[]),
    // Ours (QuickJS has them in its base objects); last, so QuickJS's flags keep their order.
    // The helpers are methods of %IteratorPrototype%, so their names keep the feature too.
    feature(
        "iterator-helpers",
        "JS_AddIntrinsicIteratorHelpers",
        true,
        &[
            "Iterator", "map", "filter", "take", "drop", "flatMap", "reduce", "toArray", "forEach",
            "some", "every", "find",
        ],
    ),
];

const fn feature(
    name: &'static str,
    intrinsic: &'static str,
    provided: bool,
    names: &'static [&'static str],
) -> Feature {
    Feature {
        name,
        intrinsic,
        provided,
        names,
    }
}

/// `-fauto`: the provided features that code reaching `reach` cannot use, in table order.
/// Nothing when the code can reach globals dynamically.
pub fn unreachable(reach: &qjs_compiler::reach::Reach) -> Vec<&'static str> {
    if reach.dynamic {
        return Vec::new();
    }
    FEATURES
        .iter()
        .filter(|f| f.provided && !reachable(f, reach))
        .map(|f| f.name)
        .collect()
}

fn reachable(f: &Feature, reach: &qjs_compiler::reach::Reach) -> bool {
    reach.mentions(f.names)
        || match f.name {
            "regexp" => reach.regexp_literal.is_some(),
            "eval" => reach.import_call,
            "promise" => reach.promise_jobs,
            "bigint" => reach.bigint_literal.is_some(),
            _ => false,
        }
}

/// Whether a program without the features `disabled` can compile code at run time.
pub fn eval_kept(disabled: &[&'static str]) -> bool {
    find("eval").is_some_and(|f| f.provided) && !disabled.contains(&"eval")
}

/// Looks up the feature of a `-fno-NAME` flag.
pub fn find(name: &str) -> Option<&'static Feature> {
    FEATURES.iter().find(|f| f.name == name)
}

/// What a program without eval needs of the base: with eval everything is registered, since
/// code compiled at run time may use anything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Needs {
    /// The instruction groups its bytecode contains (a mask of `OpGroup::bit`).
    pub op_groups: u8,
    /// Whether it can compile a pattern at run time (`regexp_compiler_needed`).
    pub regexp_compiler: bool,
    /// The entry points of the methods registered one by one that it needs
    /// (`method_intrinsics`).
    pub methods: Vec<&'static str>,
}

impl Needs {
    pub fn of(reach: &qjs_compiler::reach::Reach) -> Needs {
        Needs {
            op_groups: reach.op_groups,
            regexp_compiler: regexp_compiler_needed(reach),
            methods: method_intrinsics(reach),
        }
    }

    /// Everything (what a program that reaches anything needs).
    pub fn everything() -> Needs {
        Needs {
            op_groups: u8::MAX,
            regexp_compiler: true,
            methods: vec![ALL_METHODS_INTRINSIC],
        }
    }
}

/// Registers every method that the core base objects leave out.
pub const ALL_METHODS_INTRINSIC: &str = "JS_AddAllMethods";

/// Built-ins that list or test properties by names given at run time: with them a program can
/// tell which methods exist without naming them.
const REFLECTION_NAMES: &[&str] = &[
    "getOwnPropertyNames",
    "getOwnPropertyDescriptor",
    "getOwnPropertyDescriptors",
    "getOwnPropertySymbols",
    "ownKeys",
    "Reflect",
    "hasOwnProperty",
    "hasOwn",
    "propertyIsEnumerable",
    "__lookupGetter__",
    "__lookupSetter__",
];

/// The entry points of the methods registered one by one (`qjs_runtime::builtins::methods`)
/// that code reaching `reach` (compiled, without eval) can use: the ones whose names it
/// mentions, on objects it can reach (`console.log` does not bring `Math.log`). All of them when it reads properties by computed keys, tests or lists them
/// reflectively, or reaches globals dynamically: then any name can come up at run time.
pub fn method_intrinsics(reach: &qjs_compiler::reach::Reach) -> Vec<&'static str> {
    if reach.dynamic || reach.computed_reads || reach.mentions(REFLECTION_NAMES) {
        return vec![ALL_METHODS_INTRINSIC];
    }
    qjs_runtime::builtins::methods::METHODS
        .iter()
        .flat_map(|(_, table)| table.iter())
        .filter(|m| {
            reach.names.contains(m.name)
                && (m.holder_names.is_empty() || reach.mentions(m.holder_names))
        })
        .map(|m| m.c_entry)
        .collect()
}

/// The `JS_AddIntrinsic*` calls for a program, given the names of the removed features and what
/// its bytecode needs (used only without eval).
pub fn intrinsic_calls(disabled: &[&'static str], needs: &Needs) -> Vec<&'static str> {
    let eval = eval_kept(disabled);
    let mut calls = if eval {
        vec![BASE_INTRINSIC]
    } else {
        let mut calls = vec![BASE_CORE_INTRINSIC];
        calls.extend(
            OP_GROUP_INTRINSICS
                .iter()
                .filter(|(g, _)| needs.op_groups & g.bit() != 0)
                .map(|(_, name)| *name),
        );
        calls.extend(&needs.methods);
        calls
    };
    for f in FEATURES
        .iter()
        .filter(|f| f.provided && !disabled.contains(&f.name))
    {
        if f.name == "regexp" && !eval {
            calls.push(REGEXP_CORE_INTRINSIC);
            if needs.regexp_compiler {
                calls.push(REGEXP_COMPILER_INTRINSIC);
            }
        } else {
            calls.push(f.intrinsic);
        }
    }
    calls
}

/// `date|eval|...` for usage and error messages.
pub fn names() -> String {
    FEATURES
        .iter()
        .map(|f| f.name)
        .collect::<Vec<_>>()
        .join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A program's needs with no method registered one by one.
    fn needs(op_groups: u8, regexp_compiler: bool) -> Needs {
        Needs {
            op_groups,
            regexp_compiler,
            methods: Vec::new(),
        }
    }

    #[test]
    fn base_objects_always_first() {
        assert_eq!(intrinsic_calls(&[], &needs(0, true))[0], BASE_INTRINSIC);
        assert_eq!(
            intrinsic_calls(&["eval", "date"], &needs(0, true))[0],
            BASE_CORE_INTRINSIC
        );
    }

    #[test]
    fn instruction_groups_follow_the_bytecode_without_eval() {
        let classes = OpGroup::Classes.bit();
        // With eval, JS_AddIntrinsicBaseObjects registers every group itself.
        assert!(!intrinsic_calls(&[], &needs(classes, true)).contains(&"JS_AddOpGroupClasses"));
        let no_eval = intrinsic_calls(&["eval"], &needs(classes, true));
        assert_eq!(no_eval[..2], [BASE_CORE_INTRINSIC, "JS_AddOpGroupClasses"]);
        assert!(!no_eval.contains(&"JS_AddOpGroupExtra"));
        assert_eq!(
            intrinsic_calls(&["eval"], &needs(0, true))[1],
            "JS_AddIntrinsicDate"
        );
        for (_, name) in OP_GROUP_INTRINSICS {
            assert!(crate::QJS_H.contains(&format!("void {name}(JSContext *ctx);")));
        }
    }

    #[test]
    fn methods_follow_the_names_without_eval() {
        let needs = |src: &str| {
            let p = qjs_compiler::compile_script(src, "t.js").expect("compiles");
            Needs::of(&qjs_compiler::reach::reach(&p)).methods
        };
        let named = needs("'use strict'; [1].map(x => x).at(0); Math.max(1, 2);");
        for entry in [
            "JS_AddMethod_Array_prototype_map",
            "JS_AddMethod_Array_prototype_at",
            "JS_AddMethod_Math_max",
        ] {
            assert!(named.contains(&entry), "{entry} missing from {named:?}");
        }
        assert!(!named.contains(&"JS_AddMethod_Math_min"));
        // A method name on another object does not bring the method of an object the program
        // never names.
        let hello = needs("'use strict'; console.log('hi', [1].at(0), { keys: 1 }.keys);");
        assert!(!hello.contains(&"JS_AddMethod_Math_log"), "{hello:?}");
        assert!(!hello.contains(&"JS_AddMethod_Object_keys"), "{hello:?}");
        assert!(
            hello.contains(&"JS_AddMethod_Array_prototype_at"),
            "{hello:?}"
        );
        let via_constructor = needs("'use strict'; ({}).constructor.keys({});");
        assert!(via_constructor.contains(&"JS_AddMethod_Object_keys"));
        // A NativeError inherits Error's static methods.
        let inherited = needs("'use strict'; TypeError.isError(1);");
        assert!(inherited.contains(&"JS_AddMethod_Error_isError"));
        for src in [
            "'use strict'; let k = 'm' + 'ap'; [1][k](x => x);",
            "'use strict'; Object.getOwnPropertyNames(Math);",
            "'use strict'; 'map' in [];",
            "with (Math) max(1);",
        ] {
            assert_eq!(needs(src), [ALL_METHODS_INTRINSIC], "{src}");
        }
        // With eval, the base objects bring every method themselves.
        let with_eval = intrinsic_calls(&[], &Needs::everything());
        assert!(!with_eval.contains(&ALL_METHODS_INTRINSIC));
        assert!(intrinsic_calls(&["eval"], &Needs::everything()).contains(&ALL_METHODS_INTRINSIC));
    }

    #[test]
    fn regexp_compiler_only_where_patterns_come_from_strings() {
        let compiler_needed = |src: &str| {
            let p = qjs_compiler::compile_script(src, "t.js").expect("compiles");
            regexp_compiler_needed(&qjs_compiler::reach::reach(&p))
        };
        assert!(!compiler_needed(
            "'use strict'; console.log('a-b'.replace(/-/g, '+'), /x/.test('x'));"
        ));
        for src in [
            "'use strict'; new RegExp('a');",
            "'use strict'; 'a'.match('a');",
            "'use strict'; /a/.constructor('b');",
            "'use strict'; 'a,b'.split(/,/);",
            "'use strict'; let o = /a/, k = 'constr' + 'uctor'; o[k]('b');",
            "with (/a/) { constructor('b'); }",
        ] {
            assert!(compiler_needed(src), "{src}");
        }
        // With eval the full RegExp (compiler included) is registered; without, the core and
        // the compiler only when asked for.
        assert!(intrinsic_calls(&[], &needs(0, false)).contains(&"JS_AddIntrinsicRegExp"));
        let no_eval = intrinsic_calls(&["eval"], &needs(0, false));
        assert!(no_eval.contains(&REGEXP_CORE_INTRINSIC));
        assert!(!no_eval.contains(&REGEXP_COMPILER_INTRINSIC));
        assert!(!no_eval.contains(&"JS_AddIntrinsicRegExp"));
        assert!(intrinsic_calls(&["eval"], &needs(0, true)).contains(&REGEXP_COMPILER_INTRINSIC));
        assert!(
            !intrinsic_calls(&["eval", "regexp"], &needs(0, true)).contains(&REGEXP_CORE_INTRINSIC)
        );
    }

    #[test]
    fn provided_features_are_called_unless_disabled() {
        assert!(intrinsic_calls(&[], &needs(0, true)).contains(&"JS_AddIntrinsicDate"));
        assert!(!intrinsic_calls(&["date"], &needs(0, true)).contains(&"JS_AddIntrinsicDate"));
        // Every provided intrinsic is declared in the header the generated main includes.
        let split = [REGEXP_CORE_INTRINSIC, REGEXP_COMPILER_INTRINSIC];
        for name in FEATURES
            .iter()
            .filter(|f| f.provided)
            .map(|f| f.intrinsic)
            .chain(split)
        {
            assert!(
                crate::QJS_H.contains(&format!("void {name}(JSContext *ctx);")),
                "{name} is not declared in stubs/qjs.h"
            );
        }
    }

    #[test]
    fn auto_removes_what_is_not_reached() {
        let reach = |src: &str| {
            qjs_compiler::reach::reach(&qjs_compiler::compile_script(src, "t.js").unwrap())
        };
        assert_eq!(
            unreachable(&reach("console.log('hi');")),
            vec![
                "date",
                "eval",
                "string-normalize",
                "regexp",
                "json",
                "map",
                "promise",
                "weakref",
                "bigint",
                "iterator-helpers"
            ]
        );
        assert_eq!(
            unreachable(&reach("new Map(); /x/; JSON.stringify(1); eval('1')")),
            Vec::<&str>::new()
        );
        let r =
            reach("'use strict'; new Map(); /x/; JSON.stringify(new Date()); (async () => {})();");
        assert_eq!(
            unreachable(&r),
            vec![
                "eval",
                "string-normalize",
                "weakref",
                "bigint",
                "iterator-helpers"
            ]
        );
        assert!(unreachable(&reach("with ({}) { x; }")).is_empty());
        assert!(unreachable(&reach("globalThis.x = 1;")).is_empty());
        assert!(!unreachable(&reach("(function () {}).constructor('')")).contains(&"eval"));
        assert!(!unreachable(&reach("'x'.match('x')")).contains(&"regexp"));
    }

    #[test]
    fn lookup() {
        assert_eq!(
            find("eval").map(|f| f.intrinsic),
            Some("JS_AddIntrinsicEval")
        );
        assert!(find("nope").is_none());
        assert!(names().starts_with("date|eval|"));
    }
}
