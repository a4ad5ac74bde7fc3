//! Turning generated C into an executable: the system C compiler, the embedded runtime archive,
//! and a scratch directory.
use crate::{
    io_error_text, QJS_H, RUNTIME_ARCHIVE, RUNTIME_ARCHIVE_EVAL, RUNTIME_ARCHIVE_EVAL_SMALL,
    RUNTIME_ARCHIVE_SMALL,
};
use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

/// The C compiler command: `$CC` (split on whitespace, so `CC="ccache gcc"` works) or `cc`.
pub fn c_compiler() -> Vec<OsString> {
    match std::env::var("CC") {
        Ok(cc) if !cc.trim().is_empty() => cc.split_whitespace().map(OsString::from).collect(),
        _ => vec![OsString::from("cc")],
    }
}

/// Linker flags that let the linker drop every part of the runtime the program does not use,
/// and avoid PIE relocation tables (DESIGN.md, "Small binaries").
fn platform_flags() -> &'static [&'static str] {
    if cfg!(target_vendor = "apple") {
        &["-Wl,-dead_strip"]
    } else {
        &["-Wl,--gc-sections", "-no-pie"]
    }
}

/// The C math library, named on both sides of the runtime archive: after it for the archive's
/// references, and before it because the archive's compiler_builtins carries weak `cbrt` and
/// `fma`, which a linker that meets them before libm keeps even in a program that never calls
/// them (2.3 KB with `fma`'s fallback; gold's --gc-sections does not drop them). Seen first,
/// libm's definitions win and gold never pulls that member in (the GNU linker pulls it either
/// way).
fn math_library() -> &'static [&'static str] {
    if cfg!(target_vendor = "apple") {
        &[]
    } else {
        &["-lm"]
    }
}

/// `-fuse-ld=gold` when the C compiler would find gold and `$CC` does not choose a linker itself:
/// gold links a program against the runtime archive in about half the time of the GNU
/// linker (0.04 s instead of 0.09 s for hello world). Other fast linkers (lld, mold) are
/// chosen through `$CC`, e.g. `CC="cc -fuse-ld=mold"`.
fn linker_flag(cc: &[OsString]) -> Option<&'static str> {
    if cfg!(target_vendor = "apple")
        || cc
            .iter()
            .any(|a| a.to_string_lossy().starts_with("-fuse-ld="))
    {
        return None;
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .any(|dir| dir.join("ld.gold").is_file())
        .then_some("-fuse-ld=gold")
}

/// Which runtime archive a program links.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Archive {
    /// `libqjs_archive_eval.a`: the compiler is linked for `eval` and `Function(...)`;
    /// otherwise `libqjs_archive.a`: no compiler, no std (`-fno-eval`).
    pub eval: bool,
    /// `-Os`: the `_small` build of the archive (opt-level z instead of s).
    pub size_optimized: bool,
}

impl Archive {
    fn file_name(self) -> &'static str {
        match (self.eval, self.size_optimized) {
            (false, false) => "libqjs_archive.a",
            (true, false) => "libqjs_archive_eval.a",
            (false, true) => "libqjs_archive_small.a",
            (true, true) => "libqjs_archive_eval_small.a",
        }
    }

    fn bytes(self) -> &'static [u8] {
        match (self.eval, self.size_optimized) {
            (false, false) => RUNTIME_ARCHIVE,
            (true, false) => RUNTIME_ARCHIVE_EVAL,
            (false, true) => RUNTIME_ARCHIVE_SMALL,
            (true, true) => RUNTIME_ARCHIVE_EVAL_SMALL,
        }
    }
}

/// Compiles `c_source` and links it with the object file `object` (the bytecode, when
/// `objfile.rs` wrote one) and the runtime `archive` into the executable `output`.
///
/// Runs `cc -Os main.c [bytecode.o] -lm libqjs_archive.a -lm -o OUTPUT [-fuse-ld=gold]
/// -Wl,--gc-sections -no-pie` in a temporary directory that also holds `qjs.h`. With `verbose`, the command is printed to
/// stderr first. On failure the error carries the compiler's own diagnostics.
pub fn link_executable(
    c_source: &str,
    object: Option<&[u8]>,
    archive: Archive,
    output: &Path,
    verbose: bool,
) -> Result<(), String> {
    let dir = tempfile::Builder::new()
        .prefix("qjsc-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary directory: {}", io_error_text(&e)))?;
    let main_c = dir.path().join("main.c");
    let archive_path = dir.path().join(archive.file_name());
    let object_path = dir.path().join("bytecode.o");
    let header = dir.path().join("qjs.h");
    let mut files = vec![
        (&main_c, c_source.as_bytes()),
        (&header, QJS_H.as_bytes()),
        (&archive_path, archive.bytes()),
    ];
    if let Some(bytes) = object {
        files.push((&object_path, bytes));
    }
    for (path, bytes) in files {
        std::fs::write(path, bytes)
            .map_err(|e| format!("cannot write '{}': {}", path.display(), io_error_text(&e)))?;
    }

    let cc = c_compiler();
    let mut cmd = Command::new(&cc[0]);
    cmd.args(&cc[1..])
        .arg("-Os")
        .arg(&main_c)
        .args(object.map(|_| &object_path))
        .args(math_library())
        .arg(&archive_path)
        .args(math_library())
        .arg("-o")
        .arg(output)
        .args(linker_flag(&cc))
        .args(platform_flags());
    if verbose {
        eprintln!("{}", render(&cmd));
    }
    let result = cmd.output().map_err(|e| {
        format!(
            "cannot run the C compiler '{}': {} (install a C compiler such as gcc, or set CC)",
            cc[0].to_string_lossy(),
            io_error_text(&e)
        )
    })?;
    if !result.status.success() {
        let mut msg = format!(
            "the C compiler failed ({}): {}\n",
            result.status,
            render(&cmd)
        );
        msg.push_str(&String::from_utf8_lossy(&result.stderr));
        msg.push_str(&String::from_utf8_lossy(&result.stdout));
        return Err(msg.trim_end().to_string());
    }
    // Warnings are the compiler's to show.
    if !result.stderr.is_empty() {
        eprint!("{}", String::from_utf8_lossy(&result.stderr));
    }
    Ok(())
}

/// A command as a shell would spell it (for `-v` and error messages).
fn render(cmd: &Command) -> String {
    std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|a| a.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cc_that_names_a_linker_keeps_it() {
        let cc = [OsString::from("cc"), OsString::from("-fuse-ld=lld")];
        assert_eq!(linker_flag(&cc), None);
    }
}
