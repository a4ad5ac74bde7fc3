//! Results: the per-directory and per-feature tables, the JSON results file and `--compare`.
use crate::discover::TestFile;
use crate::exec::Verdict;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

/// One test in one mode, as written to the JSON results file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record {
    pub path: String,
    pub mode: String,
    pub result: Verdict,
    #[serde(default)]
    pub reason: String,
    /// Wall time of the run in milliseconds (0 for skipped tests).
    #[serde(default)]
    pub ms: u64,
}

impl Record {
    /// `path:mode`, the key of the expected-failures list.
    pub fn key(&self) -> String {
        format!("{}:{}", self.path, self.mode)
    }
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ResultsFile {
    pub test262: String,
    pub elapsed_secs: f64,
    pub results: Vec<Record>,
}

#[derive(Default, Clone, Copy)]
pub struct Counts {
    pub pass: usize,
    pub fail: usize,
    pub skip: usize,
}

impl Counts {
    pub fn add(&mut self, v: Verdict) {
        match v {
            Verdict::Pass => self.pass += 1,
            Verdict::Fail => self.fail += 1,
            Verdict::Skip => self.skip += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.pass + self.fail + self.skip
    }
}

fn percent(n: usize, d: usize) -> String {
    if d == 0 {
        "-".into()
    } else {
        format!("{:.2}%", n as f64 * 100.0 / d as f64)
    }
}

/// A table with one row per key and a total row. The total is given separately because
/// features overlap (a test can have several tags).
pub fn table(title: &str, rows: &BTreeMap<String, Counts>, total: Option<Counts>) -> String {
    let width = rows
        .keys()
        .map(String::len)
        .max()
        .unwrap_or(0)
        .max(title.len())
        .max(5);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{title:<width$} | {:>7} | {:>7} | {:>7} | {:>7} | {:>8} | {:>9}",
        "total", "pass", "fail", "skip", "pass/all", "pass/run"
    );
    let _ = writeln!(out, "{}", "-".repeat(width + 63));
    let line = |out: &mut String, name: &str, c: &Counts| {
        let _ = writeln!(
            out,
            "{name:<width$} | {:>7} | {:>7} | {:>7} | {:>7} | {:>8} | {:>9}",
            c.total(),
            c.pass,
            c.fail,
            c.skip,
            percent(c.pass, c.total()),
            percent(c.pass, c.pass + c.fail)
        );
    };
    for (k, c) in rows {
        line(&mut out, k, c);
    }
    if let Some(t) = total {
        let _ = writeln!(out, "{}", "-".repeat(width + 63));
        line(&mut out, "total", &t);
    }
    out
}

/// The per-directory table, the per-feature table (optional) and the pass rates. `records`
/// holds one entry per test and mode, in the order of `tests` and of their modes.
pub fn summary(tests: &[TestFile], records: &[Record], feature_table: bool) -> String {
    let mut dirs: BTreeMap<String, Counts> = BTreeMap::new();
    let mut features: BTreeMap<String, Counts> = BTreeMap::new();
    let mut total = Counts::default();
    let mut runs = records.iter();
    for t in tests {
        for _ in t.modes() {
            let Some(r) = runs.next() else { break };
            total.add(r.result);
            dirs.entry(t.top_dir().to_string())
                .or_default()
                .add(r.result);
            for f in &t.meta.features {
                features.entry(f.clone()).or_default().add(r.result);
            }
        }
    }
    let mut out = table("directory", &dirs, Some(total));
    out.push('\n');
    if feature_table {
        out.push_str(&table("feature", &features, None));
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "passed {} of {} runs ({}) and of {} attempted ({}); {} failed, {} skipped",
        total.pass,
        total.total(),
        percent(total.pass, total.total()),
        total.pass + total.fail,
        percent(total.pass, total.pass + total.fail),
        total.fail,
        total.skip
    );
    out
}

pub fn write_json(path: &Path, file: &ResultsFile) -> Result<(), String> {
    let text = serde_json::to_string_pretty(file).map_err(|e| e.to_string())?;
    std::fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))
}

pub fn read_json(path: &Path) -> Result<ResultsFile, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// `--compare`: the tests (of this run) whose result changed between pass and not-pass.
pub fn compare(old: &ResultsFile, new: &[Record]) -> String {
    let before: HashMap<String, Verdict> =
        old.results.iter().map(|r| (r.key(), r.result)).collect();
    let mut newly_failing = Vec::new();
    let mut newly_passing = Vec::new();
    for r in new {
        let was = before.get(&r.key()).copied();
        match (was, r.result) {
            (Some(Verdict::Pass), Verdict::Fail) => {
                newly_failing.push(format!("{}  ({})", r.key(), r.reason))
            }
            (Some(w), Verdict::Pass) if w != Verdict::Pass => newly_passing.push(r.key()),
            (None, Verdict::Pass) => newly_passing.push(format!("{} (new)", r.key())),
            _ => {}
        }
    }
    let mut out = String::new();
    let _ = writeln!(out, "newly failing: {}", newly_failing.len());
    for l in &newly_failing {
        let _ = writeln!(out, "  {l}");
    }
    let _ = writeln!(out, "newly passing: {}", newly_passing.len());
    for l in &newly_passing {
        let _ = writeln!(out, "  {l}");
    }
    out
}
