//! Builds the runtime archives that qjsc embeds and links into user programs: `libqjs_archive.a`
//! (the `no_std` runtime, for programs built with `-fno-eval`) and `libqjs_archive_eval.a` (the
//! same C API plus the compiler registered as the eval hook; it uses std), and both again
//! optimized for size (`_small`, for `qjsc -Os`).
//!
//! The archives need their own profile (`archive`: panic=abort, opt-level s, fat LTO, one codegen
//! unit; `archive-small`: the same at opt-level z) whatever profile qjsc itself is built with, so
//! they cannot be ordinary dependencies: we run a nested
//! `cargo build -p qjs-archive -p qjs-archive-eval --profile archive` (and one for `archive-small`) with a target
//! directory of its own (`archive-target` beside the outer profile directories, so the debug and
//! release builds of qjsc share it). A separate target directory means the nested cargo never
//! waits on the lock the outer build holds, and nothing of the outer build's configuration leaks
//! into it (see `LEAKY_ENV`). The results are copied to `$OUT_DIR`, where `src/` picks them up with
//! `include_bytes!`, so an installed `qjsc` carries its runtime with it.
use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Variables the outer cargo sets (or honours) that must not reach the nested build: flags meant
/// for the outer target, a different target directory or target triple, the outer jobserver
/// (its file descriptors are not ours to share), and wrappers such as clippy-driver.
const LEAKY_ENV: &[&str] = &[
    "RUSTFLAGS",
    "CARGO_ENCODED_RUSTFLAGS",
    "CARGO_BUILD_RUSTFLAGS",
    "RUSTDOCFLAGS",
    "CARGO_ENCODED_RUSTDOCFLAGS",
    "CARGO_TARGET_DIR",
    "CARGO_BUILD_TARGET",
    "CARGO_BUILD_TARGET_DIR",
    "CARGO_MAKEFLAGS",
    "MAKEFLAGS",
    "MFLAGS",
    "RUSTC_WRAPPER",
    "RUSTC_WORKSPACE_WRAPPER",
    "CARGO_PRIMARY_PACKAGE",
    "CARGO_PROFILE_RELEASE_PANIC",
    "CARGO_PROFILE_DEV_PANIC",
];

fn main() {
    let manifest_dir = PathBuf::from(env_var("CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env_var("OUT_DIR"));
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let target = env_var("TARGET");
    let host = env_var("HOST");

    for path in [
        "runtime",
        "runtime/bytecode",
        "runtime/archive",
        "runtime/archive-eval",
        "compiler",
        "runtime/regexp",
        "runtime/unicode",
        "stubs",
        "Cargo.toml",
        "Cargo.lock",
    ] {
        println!("cargo:rerun-if-changed={path}");
    }

    // OUT_DIR is <target>/<profile>/build/<package-hash>/out: share <target>/archive-target.
    let target_dir = out_dir.ancestors().nth(4).map_or_else(
        || out_dir.join("archive-target"),
        |t| t.join("archive-target"),
    );
    // Each profile is one nested build of both archives: `archive` (opt-level s) and
    // `archive-small` (opt-level z, for `qjsc -Os`), copied as `libqjs_archive[_eval][_small].a`.
    for (profile, suffix) in [("archive", ""), ("archive-small", "_small")] {
        build_archives(&manifest_dir, &target_dir, &cargo, &target, &host, profile);
        let mut built = target_dir.clone();
        if target != host {
            built.push(&target);
        }
        built.push(profile);
        for lib in ["libqjs_archive", "libqjs_archive_eval"] {
            let from = built.join(format!("{lib}.a"));
            let dest = out_dir.join(format!("{lib}{suffix}.a"));
            if !target.contains("apple")
                && !target.contains("windows")
                && drop_unwind_tables(&from, &dest)
            {
                continue;
            }
            copy(&from, &dest);
        }
    }
}

/// Runs `cargo build -p qjs-archive -p qjs-archive-eval --profile PROFILE` in `target_dir`.
fn build_archives(
    manifest_dir: &Path,
    target_dir: &Path,
    cargo: &str,
    target: &str,
    host: &str,
    profile: &str,
) {
    let mut cmd = Command::new(cargo);
    cmd.current_dir(manifest_dir)
        .arg("build")
        .arg("--manifest-path")
        .arg(manifest_dir.join("Cargo.toml"))
        .args(["-p", "qjs-archive", "-p", "qjs-archive-eval"])
        .args(["--profile", profile, "--target-dir"])
        .arg(target_dir);
    // qjsc links for the machine it runs on, which is the outer build's target.
    if target != host {
        cmd.args(["--target", target]);
    }
    if env::var_os("CARGO_NET_OFFLINE").is_some() {
        cmd.arg("--offline");
    }
    for var in LEAKY_ENV {
        cmd.env_remove(var);
    }
    for (key, _) in env::vars_os() {
        // Per-target flag and linker settings of the outer build (CARGO_TARGET_<TRIPLE>_RUSTFLAGS...).
        if let Some(key) = key.to_str() {
            if key.starts_with("CARGO_TARGET_") && key.ends_with("_RUSTFLAGS") {
                cmd.env_remove(key);
            }
        }
    }

    let output = match cmd.output() {
        Ok(output) => output,
        Err(e) => fail(&format!(
            "could not run `{cargo}` to build the runtime archives: {e}"
        )),
    };
    if !output.status.success() {
        fail(&format!(
            "building the runtime archives ({profile}) failed ({}); the nested cargo's output is above:\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
}

/// Copies the archive without its `.eh_frame` sections (`objcopy -R .eh_frame`), which are
/// about 45 KB of every compiled program. Nothing in the archive unwinds (panic = "abort"), but
/// rustc still writes unwind tables for every function that calls into the precompiled `core`
/// (`-C force-unwind-tables=no` does not help: core's functions are not `nounwind`). Also drops
/// the debug sections that the precompiled standard library brings (`--strip-debug`: 5 MB of the
/// eval archive), which every link would otherwise read and copy (a third of the linker's time).
/// False when objcopy is missing or fails; the caller then copies the archive unchanged.
fn drop_unwind_tables(from: &Path, to: &Path) -> bool {
    let objcopy = env::var("OBJCOPY").unwrap_or_else(|_| "objcopy".to_string());
    match Command::new(&objcopy)
        .args(["-R", ".eh_frame", "--strip-debug"])
        .arg(from)
        .arg(to)
        .output()
    {
        Ok(out) if out.status.success() => true,
        Ok(out) => {
            println!(
                "cargo:warning=`{objcopy} -R .eh_frame` failed ({}); compiled programs keep their unwind tables: {}",
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            );
            false
        }
        Err(e) => {
            println!(
                "cargo:warning=`{objcopy}` not found ({e}); compiled programs keep their unwind tables"
            );
            false
        }
    }
}

fn env_var(name: &str) -> String {
    env::var(name).unwrap_or_else(|_| fail(&format!("{name} is not set (not run by cargo?)")))
}

fn copy(from: &Path, to: &Path) {
    if let Err(e) = std::fs::copy(from, to) {
        fail(&format!(
            "cannot copy the runtime archive {} to {}: {e}",
            from.display(),
            to.display()
        ));
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("error: {msg}");
    std::process::exit(1);
}
