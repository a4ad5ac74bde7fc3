//! The Rust that qjsc writes: `--rust` (one `main.rs` with the bytecode and a `main()` that runs
//! it with the runtime) and `--rust-crate DIR` (that file in a Cargo project that builds on its
//! own).
//!
//! The generated `main()` is `qjs_embed::main!` over a `qjs_embed::App`: the same registration
//! entry points the C `main()` calls through `JS_AddIntrinsic*` (in the same order), the `-S`
//! limit and the bytecode arrays in evaluation order. The crate turns off the runtime features
//! of the groups the `-fno-*` flags remove, so their code is not even compiled; without eval it
//! is `no_std`, as `libqjs_archive.a` is.
use crate::emit::BytecodeArray;
use crate::features;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The Rust function that registers each C intrinsic the generated C `main()` would call.
const ENTRY_POINTS: &[(&str, &str)] = &[
    (
        features::BASE_INTRINSIC,
        "qjs_embed::builtins::add_base_objects",
    ),
    (
        features::BASE_CORE_INTRINSIC,
        "qjs_embed::builtins::add_base_objects_core",
    ),
    ("JS_AddOpGroupClasses", "qjs_embed::op_groups::add_classes"),
    (
        "JS_AddOpGroupDynamicScope",
        "qjs_embed::op_groups::add_dynamic_scope",
    ),
    ("JS_AddOpGroupExtra", "qjs_embed::op_groups::add_extra"),
    ("JS_AddOpGroupForIn", "qjs_embed::op_groups::add_for_in"),
    ("JS_AddOpGroupDispose", "qjs_embed::op_groups::add_dispose"),
    (
        "JS_AddOpGroupGenerators",
        "qjs_embed::op_groups::add_generators",
    ),
    ("JS_AddIntrinsicDate", "qjs_embed::builtins::add_date"),
    ("JS_AddIntrinsicEval", "qjs_embed::add_eval"),
    (
        "JS_AddIntrinsicStringNormalize",
        "qjs_embed::builtins::add_string_normalize",
    ),
    ("JS_AddIntrinsicRegExp", "qjs_embed::builtins::add_regexp"),
    (
        features::REGEXP_CORE_INTRINSIC,
        "qjs_embed::builtins::add_regexp_core",
    ),
    (
        features::REGEXP_COMPILER_INTRINSIC,
        "qjs_embed::builtins::add_regexp_compiler",
    ),
    ("JS_AddIntrinsicJSON", "qjs_embed::builtins::add_json"),
    ("JS_AddIntrinsicMapSet", "qjs_embed::builtins::add_map_set"),
    ("JS_AddIntrinsicPromise", "qjs_embed::builtins::add_promise"),
    ("JS_AddIntrinsicWeakRef", "qjs_embed::builtins::add_weakref"),
    ("JS_AddIntrinsicBigInt", "qjs_embed::builtins::add_bigint"),
    (
        "JS_AddIntrinsicIteratorHelpers",
        "qjs_embed::builtins::add_iterator_helpers",
    ),
    (
        features::MODULES_INTRINSIC,
        "qjs_embed::builtins::add_modules",
    ),
    (
        features::ALL_METHODS_INTRINSIC,
        "qjs_embed::builtins::methods::add_all_methods",
    ),
];

/// The Rust function behind the C entry point `c`: one of `ENTRY_POINTS`, or a method
/// registered one by one (`qjs_runtime::builtins::methods`).
fn rust_entry_point(c: &str) -> Option<String> {
    if let Some((_, rust)) = ENTRY_POINTS.iter().find(|(name, _)| *name == c) {
        return Some(rust.to_string());
    }
    qjs_runtime::builtins::methods::METHODS
        .iter()
        .find_map(|(module, table)| {
            let m = table.iter().find(|m| m.c_entry == c)?;
            Some(format!("qjs_embed::builtins::{module}::{}", m.entry))
        })
}

/// What the generated program is made of.
pub struct RustProgram<'a> {
    /// The bytecode arrays, in evaluation order (as the C `main()` evaluates them).
    pub arrays: &'a [BytecodeArray],
    /// The C intrinsics the C `main()` would call, in order (see `features::intrinsic_calls`).
    pub intrinsics: &'a [&'static str],
    /// The features removed (`-fno-*`, `-fauto`).
    pub disabled: &'a [&'static str],
    /// `-S n`.
    pub stack_size: Option<u64>,
    /// Names the inputs in the header comment.
    pub inputs: &'a [PathBuf],
    /// `-Os`: the crate's own packages at opt-level z too.
    pub size_optimized: bool,
}

impl RustProgram<'_> {
    /// The `qjs-embed` features the program needs: the groups it keeps, by their flag names.
    pub fn crate_features(&self) -> Vec<&'static str> {
        features::FEATURES
            .iter()
            .filter(|f| f.provided && !self.disabled.contains(&f.name))
            .map(|f| f.name)
            .collect()
    }

    fn keeps_eval(&self) -> bool {
        self.crate_features().contains(&"eval")
    }
}

/// `qjsc --rust`: the program's `main.rs`.
pub fn main_rs(p: &RustProgram) -> Result<String, String> {
    let mut out = String::new();
    out.push_str("// File generated automatically by qjsc from ");
    let names: Vec<String> = p.inputs.iter().map(|i| i.display().to_string()).collect();
    out.push_str(&names.join(", "));
    out.push_str(".\n// It needs the qjs-embed crate with the features [");
    let list: Vec<String> = p
        .crate_features()
        .iter()
        .map(|f| format!("\"{f}\""))
        .collect();
    out.push_str(&list.join(", "));
    out.push_str("] and no others\n// (`qjsc --rust-crate DIR` writes such a Cargo project).\n");
    if !p.keeps_eval() {
        // Without the compiler nothing needs std: qjs-embed supplies the allocator and the
        // panic handler, and `main!` the C `main` symbol.
        out.push_str("#![no_std]\n#![no_main]\n");
    }
    out.push('\n');
    for (i, a) in p.arrays.iter().enumerate() {
        let _ = writeln!(out, "/// `{}` ({} bytes).", a.cname, a.bytes.len());
        let _ = write!(out, "static BYTECODE_{i}: &[u8] = ");
        write_byte_string(&mut out, &a.bytes);
        out.push_str(";\n\n");
    }
    out.push_str("static APP: qjs_embed::App = qjs_embed::App {\n");
    match p.stack_size {
        Some(n) => {
            let n =
                usize::try_from(n).map_err(|_| format!("-S {n}: too large for this machine"))?;
            let _ = writeln!(out, "    stack_size: Some({n}),");
        }
        None => out.push_str("    stack_size: None,\n"),
    }
    out.push_str("    intrinsics: &[\n");
    for c in p.intrinsics {
        let rust = rust_entry_point(c).ok_or_else(|| format!("no Rust entry point for {c}"))?;
        let _ = writeln!(out, "        {rust},");
    }
    out.push_str("    ],\n    bytecode: &[\n");
    for (i, a) in p.arrays.iter().enumerate() {
        let _ = writeln!(out, "        (BYTECODE_{i}, {}),", a.load_only);
    }
    out.push_str("    ],\n};\n\nqjs_embed::main!(APP);\n");
    Ok(out)
}

/// Appends `bytes` as a byte string literal: 32 bytes a line, joined with `\` line continuations
/// (which skip the next line's leading whitespace, so spaces are always escaped).
fn write_byte_string(out: &mut String, bytes: &[u8]) {
    out.push_str("b\"\\\n");
    for chunk in bytes.chunks(32) {
        for &b in chunk {
            if b.is_ascii_alphanumeric() || b"!#$%&'()*+,-./:;<=>?@[]^_`{|}~".contains(&b) {
                out.push(char::from(b));
            } else {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
        out.push_str("\\\n");
    }
    out.push('"');
}

/// The directory holding this repository's crates, for the generated crate's path dependency:
/// `$QJS_SOURCE_DIR`, or where qjsc was built from.
pub fn source_dir() -> PathBuf {
    match std::env::var_os("QJS_SOURCE_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => PathBuf::from(env!("CARGO_MANIFEST_DIR")),
    }
}

/// A package (and binary) name for the crate: the input's file stem, with what Cargo does not
/// accept replaced by `_`.
pub fn package_name(input: &Path) -> String {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    // Names Cargo or rustc reserve, and names that cannot start a crate name.
    const RESERVED: &[&str] = &[
        "alloc",
        "core",
        "std",
        "test",
        "proc_macro",
        "self",
        "super",
        "crate",
        "deps",
        "build",
        "examples",
        "incremental",
    ];
    if name.is_empty()
        || name.starts_with(|c: char| c.is_ascii_digit() || c == '-')
        || RESERVED.contains(&name.as_str())
    {
        name.insert_str(0, "qjs_");
    }
    name
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `--rust-crate DIR`'s `Cargo.toml`: a standalone package that depends on `qjs-embed` (a path
/// under `source`) with exactly the program's features, built as qjsc's runtime archive is.
pub fn cargo_toml(p: &RustProgram, name: &str, source: &Path) -> String {
    let embed = source.join("runtime").join("embed");
    let features: Vec<String> = p.crate_features().iter().map(|f| toml_string(f)).collect();
    format!(
        "\
# File generated automatically by qjsc: `cargo build --release` writes target/release/{name}.
[package]
name = {quoted}
version = \"0.1.0\"
edition = \"2021\"
publish = false

[dependencies]
# The qjs runtime with the groups the program keeps (each -fno-* flag turns one off).
qjs-embed = {{ path = {path}, default-features = false, features = [{features}] }}

# As qjsc's runtime archive is built: small (fat LTO, opt-level {level}) and without unwinding; the
# crates.io dependencies (oxc, with eval) and the regexp pattern compiler at opt-level z.
[profile.release]
opt-level = \"{level}\"
lto = \"fat\"
codegen-units = 1
panic = \"abort\"

[profile.release.package.\"*\"]
opt-level = \"z\"
[profile.release.package.qjs-runtime]
opt-level = \"{level}\"
[profile.release.package.qjs-compiler]
opt-level = \"{level}\"
[profile.release.package.qjs-bytecode]
opt-level = \"{level}\"
[profile.release.package.qjs-unicode]
opt-level = \"{level}\"
[profile.release.package.qjs-embed]
opt-level = \"{level}\"

[profile.dev]
panic = \"abort\"

# A project of its own, even inside another Cargo workspace.
[workspace]
",
        quoted = toml_string(name),
        path = toml_string(&embed.to_string_lossy()),
        features = features.join(", "),
        level = if p.size_optimized { "z" } else { "s" },
    )
}

/// Writes the `--rust-crate` project into `dir`: `Cargo.toml`, `src/main.rs`, and the
/// repository's `Cargo.lock` when there is one (the dependency versions qjs is tested with).
pub fn write_crate(dir: &Path, p: &RustProgram, name: &str, source: &Path) -> Result<(), String> {
    let main = main_rs(p)?;
    let write = |path: &Path, bytes: &[u8]| {
        std::fs::write(path, bytes).map_err(|e| {
            format!(
                "cannot write '{}': {}",
                path.display(),
                crate::io_error_text(&e)
            )
        })
    };
    let src = dir.join("src");
    std::fs::create_dir_all(&src).map_err(|e| {
        format!(
            "cannot create '{}': {}",
            src.display(),
            crate::io_error_text(&e)
        )
    })?;
    write(
        &dir.join("Cargo.toml"),
        cargo_toml(p, name, source).as_bytes(),
    )?;
    write(&src.join("main.rs"), main.as_bytes())?;
    if let Ok(lock) = std::fs::read(source.join("Cargo.lock")) {
        write(&dir.join("Cargo.lock"), &lock)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn program<'a>(
        arrays: &'a [BytecodeArray],
        intrinsics: &'a [&'static str],
        disabled: &'a [&'static str],
    ) -> RustProgram<'a> {
        RustProgram {
            arrays,
            intrinsics,
            disabled,
            stack_size: Some(65536),
            inputs: &[],
            size_optimized: false,
        }
    }

    /// A program's needs: the instruction groups `op_groups` and every method.
    fn every_method(op_groups: u8) -> features::Needs {
        features::Needs {
            op_groups,
            ..features::Needs::everything()
        }
    }

    #[test]
    fn every_intrinsic_has_an_entry_point() {
        let all = features::intrinsic_calls(&[], &every_method(0));
        let no_eval = features::intrinsic_calls(&["eval"], &every_method(u8::MAX));
        for c in all
            .iter()
            .chain(&no_eval)
            .chain([&features::MODULES_INTRINSIC])
        {
            assert!(rust_entry_point(c).is_some(), "{c}");
        }
        assert_eq!(
            rust_entry_point("JS_AddMethod_Array_prototype_flat").as_deref(),
            Some("qjs_embed::builtins::array::Array_prototype_flat")
        );
    }

    #[test]
    fn byte_strings_round_trip() {
        let bytes: Vec<u8> = (0..=255u8).chain(b"  a\"\\\n ".iter().copied()).collect();
        let mut s = String::new();
        write_byte_string(&mut s, &bytes);
        // Decode the literal as rustc would.
        let body = &s[2..s.len() - 1];
        let mut out = Vec::new();
        let mut it = body.bytes().peekable();
        while let Some(b) = it.next() {
            if b != b'\\' {
                out.push(b);
                continue;
            }
            match it.next() {
                Some(b'\n') => {
                    while it.peek().is_some_and(|c| c.is_ascii_whitespace()) {
                        it.next();
                    }
                }
                Some(b'x') => {
                    let hex: String = [it.next(), it.next()]
                        .iter()
                        .map(|c| char::from(c.unwrap()))
                        .collect();
                    out.push(u8::from_str_radix(&hex, 16).unwrap());
                }
                other => panic!("unexpected escape {other:?}"),
            }
        }
        assert_eq!(out, bytes);
    }

    #[test]
    fn main_without_eval_is_no_std() {
        let arrays = [BytecodeArray {
            cname: "qjsc_t".to_string(),
            bytes: vec![1, 2, 3],
            load_only: false,
            uses_modules: false,
        }];
        let intrinsics = features::intrinsic_calls(&["eval", "date"], &every_method(0));
        let p = program(&arrays, &intrinsics, &["eval", "date"]);
        let rs = main_rs(&p).unwrap();
        assert!(rs.contains("#![no_std]\n#![no_main]\n"));
        assert!(rs.contains("stack_size: Some(65536),"));
        assert!(rs.contains("qjs_embed::builtins::add_base_objects_core,"));
        assert!(!rs.contains("add_date"));
        assert!(rs.contains("(BYTECODE_0, false),"));
        assert!(!p.crate_features().contains(&"date"));
        let toml = cargo_toml(&p, "t", Path::new("/src/q\"js"));
        assert!(toml.contains("path = \"/src/q\\\"js/runtime/embed\""));
        assert!(toml.contains("default-features = false, features = [\"string-normalize\""));
        assert!(toml.contains("\n[workspace]\n"));
        let full = features::intrinsic_calls(&[], &every_method(0));
        let rs = main_rs(&program(&arrays, &full, &[])).unwrap();
        assert!(!rs.contains("no_std"));
        assert!(rs.contains("qjs_embed::add_eval,"));
    }

    #[test]
    fn package_names() {
        assert_eq!(package_name(Path::new("examples/hello.js")), "hello");
        assert_eq!(package_name(Path::new("a b.mjs")), "a_b");
        assert_eq!(package_name(Path::new("1x.js")), "qjs_1x");
        assert_eq!(package_name(Path::new("test.js")), "qjs_test");
    }
}
