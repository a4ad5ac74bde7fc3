//! The committed list of expected failures (`path:mode` per line, sorted), what `--check`
//! compares a run with and `--update` rewrites.
use crate::exec::Verdict;
use crate::report::Record;
use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;
use std::path::Path;

const HEADER: &str = "# test262 tests (path under test/, then :mode) expected to fail; sorted.\n\
# Regenerate with: cargo run --release -p qjs-test262 -- --update\n";

pub fn read(path: &Path) -> Result<BTreeSet<String>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect())
}

pub struct Check {
    /// Failed but not listed: regressions (or new tests).
    pub unexpected: Vec<String>,
    /// Listed but passed: to be removed from the list.
    pub fixed: Vec<String>,
    /// Listed but skipped in this run (the features configuration changed).
    pub skipped: Vec<String>,
}

pub fn check(expected: &BTreeSet<String>, records: &[Record]) -> Check {
    let mut c = Check {
        unexpected: Vec::new(),
        fixed: Vec::new(),
        skipped: Vec::new(),
    };
    for r in records {
        let key = r.key();
        let listed = expected.contains(&key);
        match (r.result, listed) {
            (Verdict::Fail, false) => c.unexpected.push(format!("{key}  ({})", r.reason)),
            (Verdict::Pass, true) => c.fixed.push(key),
            (Verdict::Skip, true) => c.skipped.push(key),
            _ => {}
        }
    }
    c
}

impl Check {
    pub fn render(&self) -> String {
        let mut out = String::new();
        if !self.fixed.is_empty() {
            let _ = writeln!(out, "{} listed test(s) now pass; remove them from the expected failures (or run --update):", self.fixed.len());
            for k in &self.fixed {
                let _ = writeln!(out, "  {k}");
            }
        }
        if !self.skipped.is_empty() {
            let _ = writeln!(
                out,
                "{} listed test(s) are now skipped (features configuration):",
                self.skipped.len()
            );
            for k in &self.skipped {
                let _ = writeln!(out, "  {k}");
            }
        }
        if !self.unexpected.is_empty() {
            let _ = writeln!(
                out,
                "{} unexpected failure(s) (not in the expected failures):",
                self.unexpected.len()
            );
            for k in &self.unexpected {
                let _ = writeln!(out, "  {k}");
            }
        }
        out
    }
}

/// The new list: this run's failures, plus the old entries for tests this run did not cover.
pub fn update(path: &Path, old: &BTreeSet<String>, records: &[Record]) -> Result<usize, String> {
    let covered: HashSet<String> = records.iter().map(Record::key).collect();
    let mut list: BTreeSet<String> = old
        .iter()
        .filter(|k| !covered.contains(*k))
        .cloned()
        .collect();
    list.extend(
        records
            .iter()
            .filter(|r| r.result == Verdict::Fail)
            .map(Record::key),
    );
    let mut text = String::from(HEADER);
    for k in &list {
        text.push_str(k);
        text.push('\n');
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(list.len())
}
