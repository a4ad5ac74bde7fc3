//! The optional language features that `-fno-*` removes, as QuickJS's qjsc names them.
//!
//! Each feature is registered in the generated `main()` by one `JS_AddIntrinsic*` call (DESIGN.md
//! section 2); leaving the call out lets the linker drop the feature. `JS_AddIntrinsicBaseObjects`
//! is always called. A feature whose intrinsic the runtime does not export yet has
//! `provided: false`: its `-fno-` flag is accepted (so build scripts written for QuickJS keep
//! working) but changes nothing, and no call is emitted for it.

/// One optional subsystem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Feature {
    /// The name in `-fno-NAME`.
    pub name: &'static str,
    /// The C function that registers it (declared in `stubs/qjs.h` once provided).
    pub intrinsic: &'static str,
    /// Whether the runtime's C API exports `intrinsic` yet.
    pub provided: bool,
}

/// Always registered first.
pub const BASE_INTRINSIC: &str = "JS_AddIntrinsicBaseObjects";

/// In the order QuickJS's generated `main()` registers them.
pub const FEATURES: &[Feature] = &[
    Feature {
        name: "date",
        intrinsic: "JS_AddIntrinsicDate",
        provided: true,
    },
    feature("eval", "JS_AddIntrinsicEval"),
    feature("string-normalize", "JS_AddIntrinsicStringNormalize"),
    Feature {
        name: "regexp",
        intrinsic: "JS_AddIntrinsicRegExp",
        provided: true,
    },
    Feature {
        name: "json",
        intrinsic: "JS_AddIntrinsicJSON",
        provided: true,
    },
    feature("proxy", "JS_AddIntrinsicProxy"),
    Feature {
        name: "map",
        intrinsic: "JS_AddIntrinsicMapSet",
        provided: true,
    },
    feature("typedarray", "JS_AddIntrinsicTypedArrays"),
    Feature {
        name: "promise",
        intrinsic: "JS_AddIntrinsicPromise",
        provided: true,
    },
    Feature {
        name: "weakref",
        intrinsic: "JS_AddIntrinsicWeakRef",
        provided: true,
    },
    Feature {
        name: "bigint",
        intrinsic: "JS_AddIntrinsicBigInt",
        provided: true,
    },
    // The module loader is host setup rather than an intrinsic; kept here so -fno-module-loader parses.
    feature("module-loader", "js_std_init_module_loader"),
];

const fn feature(name: &'static str, intrinsic: &'static str) -> Feature {
    Feature {
        name,
        intrinsic,
        provided: false,
    }
}

/// Looks up the feature of a `-fno-NAME` flag.
pub fn find(name: &str) -> Option<&'static Feature> {
    FEATURES.iter().find(|f| f.name == name)
}

/// The `JS_AddIntrinsic*` calls for a program, given the names of the removed features.
pub fn intrinsic_calls(disabled: &[&'static str]) -> Vec<&'static str> {
    let mut calls = vec![BASE_INTRINSIC];
    calls.extend(
        FEATURES
            .iter()
            .filter(|f| f.provided && !disabled.contains(&f.name))
            .map(|f| f.intrinsic),
    );
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

    #[test]
    fn base_objects_always_first() {
        assert_eq!(intrinsic_calls(&[])[0], BASE_INTRINSIC);
        assert_eq!(intrinsic_calls(&["eval", "date"])[0], BASE_INTRINSIC);
    }

    #[test]
    fn provided_features_are_called_unless_disabled() {
        assert!(intrinsic_calls(&[]).contains(&"JS_AddIntrinsicDate"));
        assert!(!intrinsic_calls(&["date"]).contains(&"JS_AddIntrinsicDate"));
        // Every provided intrinsic is declared in the header the generated main includes.
        for f in FEATURES.iter().filter(|f| f.provided) {
            assert!(
                crate::QJS_H.contains(&format!("void {}(JSContext *ctx);", f.intrinsic)),
                "{} is not declared in stubs/qjs.h",
                f.intrinsic
            );
        }
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
