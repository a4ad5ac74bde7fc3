//! The qjs toolchain driver: what the `qjsc` and `qjs` binaries share.
//!
//! * [`emit`]: the C that qjsc writes (bytecode arrays, the instantiated `main()` template),
//! * [`features`]: the optional subsystems (`-fno-*`) and the intrinsic each one registers,
//! * [`loader`]: the module loader (specifiers are paths relative to the importing file),
//! * [`objfile`]: the bytecode as an ELF object file, so the C compiler only sees `main()`,
//! * [`link`]: running the system C compiler on the generated C and the embedded runtime archive,
//! * [`rust_out`]: the Rust that `qjsc --rust` and `--rust-crate` write instead of C,
//! * [`qjsc`] and [`qjs`]: the two command lines.
//!
//! The runtime archive and the C header are compiled into this crate ([`RUNTIME_ARCHIVE`],
//! [`QJS_H`]), so one installed `qjsc` is a complete toolchain that needs only a C compiler.
use std::path::Path;

pub mod emit;
pub mod features;
pub mod link;
pub mod loader;
pub mod objfile;
pub mod qjs;
pub mod qjsc;
pub mod rust_out;

/// `libqjs_archive.a`: the `no_std` runtime built by build.rs with the `archive` profile
/// (programs built with `-fno-eval`).
pub const RUNTIME_ARCHIVE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/libqjs_archive.a"));

/// `libqjs_archive_eval.a`: the same C API plus `JS_AddIntrinsicEval`, which registers the
/// compiler (programs that keep eval).
pub const RUNTIME_ARCHIVE_EVAL: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/libqjs_archive_eval.a"));

/// `libqjs_archive_small.a` and `libqjs_archive_eval_small.a`: the same two archives built
/// with the `archive-small` profile (opt-level z), which `qjsc -Os` links.
pub const RUNTIME_ARCHIVE_SMALL: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/libqjs_archive_small.a"));
pub const RUNTIME_ARCHIVE_EVAL_SMALL: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/libqjs_archive_eval_small.a"));

/// The C API header that generated programs include (`stubs/qjs.h`).
pub const QJS_H: &str = include_str!("../stubs/qjs.h");

/// The `main()` template that `qjsc -e` and `qjsc -o` instantiate (`stubs/main.c.in`).
pub const MAIN_TEMPLATE: &str = include_str!("../stubs/main.c.in");

/// Reads a JavaScript source file, with QuickJS's wording when that fails:
/// `cannot open 'x.js': No such file or directory`.
pub fn read_source(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("cannot open '{}': {}", path.display(), io_error_text(&e)))?;
    String::from_utf8(bytes)
        .map_err(|_| format!("cannot read '{}': not valid UTF-8", path.display()))
}

/// An I/O error's text without Rust's " (os error N)" suffix.
pub fn io_error_text(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_message() {
        let err = read_source(Path::new("/nonexistent/x.js")).unwrap_err();
        assert_eq!(
            err,
            "cannot open '/nonexistent/x.js': No such file or directory"
        );
    }

    #[test]
    fn embedded_assets() {
        assert!(RUNTIME_ARCHIVE.starts_with(b"!<arch>\n"));
        assert!(RUNTIME_ARCHIVE_EVAL.starts_with(b"!<arch>\n"));
        assert!(RUNTIME_ARCHIVE_SMALL.starts_with(b"!<arch>\n"));
        assert!(RUNTIME_ARCHIVE_EVAL_SMALL.starts_with(b"!<arch>\n"));
        assert!(QJS_H.contains("int js_std_eval_binary("));
        for marker in ["@BYTECODE@", "@RUNTIME@", "@INTRINSICS@", "@EVAL@"] {
            assert!(MAIN_TEMPLATE.contains(marker), "{marker}");
        }
    }
}
