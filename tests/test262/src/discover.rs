//! Finding the tests under `test/`, reading their metadata, and deciding which modes run and
//! which are skipped (by the features configuration or by flags this host cannot satisfy).
use crate::meta::{self, Meta, Mode};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One test file, with what the parent needs to schedule and report it.
pub struct TestFile {
    /// Relative to `test/`, with `/` separators.
    pub rel: String,
    pub meta: Meta,
    /// Set when the test is skipped, or when its metadata could not be read.
    pub skip: Option<String>,
    pub bad: Option<String>,
}

impl TestFile {
    /// The top-level directory (built-ins, language, annexB, staging, harness, intl402).
    pub fn top_dir(&self) -> &str {
        self.rel.split('/').next().unwrap_or("")
    }

    pub fn modes(&self) -> Vec<Mode> {
        if self.bad.is_some() {
            vec![Mode::Sloppy]
        } else {
            self.meta.modes()
        }
    }
}

/// The skip list: one feature tag per line; `#` starts a comment.
pub fn read_feature_list(path: &Path) -> Result<BTreeSet<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect())
}

/// Test files under `root` (a directory or one file), sorted; `_FIXTURE` files are not tests.
pub fn collect(root: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if root.is_file() {
        out.push(root.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(root)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out)?;
        } else {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.ends_with(".js") && !name.contains("_FIXTURE") {
                out.push(p);
            }
        }
    }
    Ok(())
}

/// Why a test does not run here, if it does not.
fn skip_reason(rel: &str, meta: &Meta, skipped_features: &BTreeSet<String>) -> Option<String> {
    if rel.starts_with("intl402/") || rel.starts_with("staging/intl402/") {
        return Some("ECMA-402 (Intl) is not implemented".into());
    }
    if let Some(f) = meta.features.iter().find(|f| skipped_features.contains(*f)) {
        return Some(format!("feature {f}"));
    }
    // This host's agent can block (as a shell's does): tests for the other case don't apply.
    if meta.flags.can_block_is_false {
        return Some("flag CanBlockIsFalse (this host can block)".into());
    }
    None
}

/// Reads the metadata of each file; `test_dir` is the suite's `test/` directory.
pub fn load(
    test_dir: &Path,
    files: &[PathBuf],
    skipped_features: &BTreeSet<String>,
) -> Vec<TestFile> {
    files
        .iter()
        .map(|p| {
            let rel = relative(test_dir, p);
            match std::fs::read(p) {
                Ok(bytes) => {
                    let source = String::from_utf8_lossy(&bytes);
                    match meta::parse(&source) {
                        Ok(meta) => {
                            let skip = skip_reason(&rel, &meta, skipped_features);
                            TestFile {
                                rel,
                                meta,
                                skip,
                                bad: None,
                            }
                        }
                        Err(e) => TestFile {
                            rel,
                            meta: Meta::default(),
                            skip: None,
                            bad: Some(format!("bad front matter: {e}")),
                        },
                    }
                }
                Err(e) => TestFile {
                    rel,
                    meta: Meta::default(),
                    skip: None,
                    bad: Some(format!("cannot read test: {e}")),
                },
            }
        })
        .collect()
}

/// `p` relative to `test_dir`, with `/` separators.
pub fn relative(test_dir: &Path, p: &Path) -> String {
    let r = p.strip_prefix(test_dir).unwrap_or(p);
    r.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}
