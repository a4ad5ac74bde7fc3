//! The runtime's optional groups are Cargo features (`qjsc --rust-crate` turns off those the
//! `-fno-*` flags remove): qjs-runtime must compile without any of them, and without each one
//! alone, warning-free. (`cargo check` with a target directory of its own under the target
//! directory, so later runs are quick.)
use std::path::Path;
use std::process::Command;

/// The features in qjs-runtime's `default` list.
fn default_features() -> Vec<String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime/Cargo.toml");
    let text = std::fs::read_to_string(&manifest).expect("runtime/Cargo.toml");
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("default = ["))
        .expect("a default feature list");
    line.trim_end_matches(']')
        .split(',')
        .map(|f| f.trim().trim_matches('"').to_string())
        .filter(|f| !f.is_empty())
        .collect()
}

/// `cargo check -p qjs-runtime --no-default-features --features FEATURES`, denying warnings.
fn check(features: &[String]) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("runtime-features");
    let mut cmd = Command::new(cargo);
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "-q", "-p", "qjs-runtime", "--no-default-features"])
        .arg("--features")
        .arg(features.join(","))
        .arg("--target-dir")
        .arg(&target)
        .env("RUSTFLAGS", "-D warnings");
    for var in [
        "CARGO_TARGET_DIR",
        "CARGO_BUILD_TARGET",
        "CARGO_MAKEFLAGS",
        "MAKEFLAGS",
    ] {
        cmd.env_remove(var);
    }
    let o = cmd.output().expect("cannot run cargo");
    assert!(
        o.status.success(),
        "qjs-runtime does not compile with features [{}]:\n{}",
        features.join(", "),
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn runtime_compiles_without_each_optional_group() {
    let all = default_features();
    for group in ["date", "regexp", "json", "map", "promise", "bigint"] {
        assert!(
            all.iter().any(|f| f == group),
            "{group} is not a default feature"
        );
    }
    check(&[]);
    for off in &all {
        let rest: Vec<String> = all.iter().filter(|f| *f != off).cloned().collect();
        check(&rest);
    }
}
