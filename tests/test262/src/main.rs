//! qjs-test262: the test262 conformance runner of qjs. See the "Conformance (test262)" section
//! of the repository's README for how to use it.
mod discover;
mod exec;
mod expect;
mod harness;
mod host;
mod meta;
mod module;
mod report;
mod sched;
mod worker;

use discover::TestFile;
use exec::{Outcome, Verdict};
use report::{Record, ResultsFile};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

const USAGE: &str = "\
usage: qjs-test262 [options] [PATH...]
Runs test262 (every test under PATH, a directory or file of the suite; default: all of test/).
  --test262 DIR       the suite (default: $TEST262_DIR, else ../shared/test262 beside the repository)
  -f FILE             run one test in each of its modes and explain any failure
  -j N                worker processes (default: all cores)
  --timeout SECS      per test and mode (default 10)
  --memory-limit MB   address-space limit of each worker (default 4096; 0: none)
  --features FILE     feature tags to skip (default tests/test262/features.txt)
  --expected FILE     expected failures (default tests/test262/expected_failures.txt)
  --check             exit 1 if a test fails that is not an expected failure
  --update            rewrite the expected failures from this run
  --json FILE         write every result (path, mode, result, reason) as JSON
  --compare OLD.json  list the tests newly failing and newly passing since OLD.json
  --no-feature-table  print only the per-directory table
  -q                  no progress lines";

struct Options {
    test262: PathBuf,
    paths: Vec<String>,
    file: Option<String>,
    jobs: usize,
    timeout: Duration,
    memory_mb: u64,
    features: PathBuf,
    expected: PathBuf,
    check: bool,
    update: bool,
    json: Option<PathBuf>,
    compare: Option<PathBuf>,
    feature_table: bool,
    quiet: bool,
    worker: bool,
}

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn default_test262() -> PathBuf {
    if let Some(d) = std::env::var_os("TEST262_DIR") {
        return PathBuf::from(d);
    }
    let beside_repo = crate_dir().join("../../../shared/test262");
    if beside_repo.is_dir() {
        return beside_repo;
    }
    PathBuf::from("../shared/test262")
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        test262: default_test262(),
        paths: Vec::new(),
        file: None,
        jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
        timeout: Duration::from_secs(10),
        memory_mb: 4096,
        features: crate_dir().join("features.txt"),
        expected: crate_dir().join("expected_failures.txt"),
        check: false,
        update: false,
        json: None,
        compare: None,
        feature_table: true,
        quiet: false,
        worker: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "--test262" => o.test262 = PathBuf::from(value(&a)?),
            "-f" => o.file = Some(value(&a)?),
            "-j" => {
                o.jobs = value(&a)?
                    .parse()
                    .map_err(|_| "-j needs a number".to_string())?
            }
            "--timeout" => {
                let s: f64 = value(&a)?
                    .parse()
                    .map_err(|_| "--timeout needs seconds".to_string())?;
                if !(s > 0.0 && s < 1e6) {
                    return Err("--timeout out of range".into());
                }
                o.timeout = Duration::from_secs_f64(s);
            }
            "--memory-limit" => {
                o.memory_mb = value(&a)?
                    .parse()
                    .map_err(|_| "--memory-limit needs megabytes".to_string())?
            }
            "--features" => o.features = PathBuf::from(value(&a)?),
            "--expected" => o.expected = PathBuf::from(value(&a)?),
            "--json" => o.json = Some(PathBuf::from(value(&a)?)),
            "--compare" => o.compare = Some(PathBuf::from(value(&a)?)),
            "--check" => o.check = true,
            "--update" => o.update = true,
            "--no-feature-table" => o.feature_table = false,
            "-q" => o.quiet = true,
            "--worker" => o.worker = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            _ if a.starts_with('-') => return Err(format!("unknown option {a}")),
            _ => o.paths.push(a),
        }
    }
    Ok(o)
}

/// A path given on the command line, as a path inside the suite's `test/` directory.
fn resolve_path(test_dir: &Path, arg: &str) -> Result<PathBuf, String> {
    let suite = test_dir.parent().unwrap_or(test_dir);
    let candidates = [PathBuf::from(arg), test_dir.join(arg), suite.join(arg)];
    let found = candidates
        .iter()
        .find(|p| p.exists())
        .ok_or_else(|| format!("{arg}: no such test or directory"))?;
    let canonical = found.canonicalize().map_err(|e| format!("{arg}: {e}"))?;
    if !canonical.starts_with(test_dir) {
        return Err(format!("{arg}: not inside {}", test_dir.display()));
    }
    Ok(canonical)
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("qjs-test262: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if opts.worker {
        return ExitCode::from(worker::serve(opts.test262, opts.memory_mb).clamp(0, 255) as u8);
    }
    match run(&opts) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("qjs-test262: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(opts: &Options) -> Result<u8, String> {
    let test262 = opts
        .test262
        .canonicalize()
        .map_err(|e| format!("test262 suite at {}: {e}", opts.test262.display()))?;
    let test_dir = test262.join("test");
    let skipped_features = discover::read_feature_list(&opts.features)?;
    let exe =
        std::env::current_exe().map_err(|e| format!("cannot find the runner's executable: {e}"))?;
    let command = worker::WorkerCommand {
        exe,
        test262: test262.clone(),
        memory_mb: opts.memory_mb,
    };
    let mut cfg = sched::Config {
        workers: opts.jobs,
        timeout: opts.timeout,
        command,
        progress_every: if opts.quiet { 0 } else { 5000 },
    };
    if let Some(f) = &opts.file {
        let path = resolve_path(&test_dir, f)?;
        cfg.workers = 1;
        cfg.progress_every = 0;
        return Ok(explain_one(&test_dir, &path, &skipped_features, &cfg));
    }

    let roots: Vec<PathBuf> = if opts.paths.is_empty() {
        vec![test_dir.clone()]
    } else {
        opts.paths
            .iter()
            .map(|p| resolve_path(&test_dir, p))
            .collect::<Result<_, _>>()?
    };
    let mut files = Vec::new();
    for r in &roots {
        discover::collect(r, &mut files).map_err(|e| format!("{}: {e}", r.display()))?;
    }
    let start = Instant::now();
    let tests = discover::load(&test_dir, &files, &skipped_features);
    let (mut records, jobs, slots) = plan(&tests);
    if !opts.quiet {
        eprintln!(
            "{} files, {} runs ({} skipped), {} workers",
            tests.len(),
            records.len(),
            records.len() - jobs.len(),
            cfg.workers
        );
    }
    let outcomes = sched::run(&jobs, &cfg);
    for (slot, done) in slots.into_iter().zip(outcomes) {
        records[slot].result = done.outcome.verdict;
        records[slot].reason = done.outcome.reason;
        records[slot].ms = done.millis;
    }
    let elapsed = start.elapsed().as_secs_f64();

    print!("{}", report::summary(&tests, &records, opts.feature_table));
    println!("wall time: {elapsed:.1} s with {} workers", cfg.workers);

    let results = ResultsFile {
        test262: test262.display().to_string(),
        elapsed_secs: elapsed,
        results: records,
    };
    if let Some(path) = &opts.json {
        report::write_json(path, &results)?;
    }
    if let Some(old) = &opts.compare {
        let old = report::read_json(old)?;
        print!("{}", report::compare(&old, &results.results));
    }
    let mut code = 0;
    if opts.check || opts.update {
        let expected = expect::read(&opts.expected)?;
        if opts.update {
            let n = expect::update(&opts.expected, &expected, &results.results)?;
            println!("wrote {} ({n} expected failures)", opts.expected.display());
        } else {
            let c = expect::check(&expected, &results.results);
            print!("{}", c.render());
            if c.unexpected.is_empty() {
                println!("check: OK (no unexpected failures)");
            } else {
                println!("check: FAILED ({} unexpected failures)", c.unexpected.len());
                code = 1;
            }
        }
    }
    Ok(code)
}

/// One record per test and mode, with the jobs to run and the record each job fills.
fn plan(tests: &[TestFile]) -> (Vec<Record>, Vec<sched::Job>, Vec<usize>) {
    let mut records = Vec::new();
    let mut jobs = Vec::new();
    let mut slots = Vec::new();
    for t in tests {
        for mode in t.modes() {
            let (result, reason) = match (&t.bad, &t.skip) {
                (Some(bad), _) => (Verdict::Fail, bad.clone()),
                (None, Some(skip)) => (Verdict::Skip, skip.clone()),
                (None, None) => {
                    slots.push(records.len());
                    jobs.push(sched::Job {
                        rel: t.rel.clone(),
                        mode: mode.name().to_string(),
                    });
                    (Verdict::Fail, "not run".to_string())
                }
            };
            records.push(Record {
                path: t.rel.clone(),
                mode: mode.name().to_string(),
                result,
                reason,
                ms: 0,
            });
        }
    }
    (records, jobs, slots)
}

/// `-f`: runs one test in each of its modes (even when its features are skipped) and prints
/// why each failing mode failed.
fn explain_one(
    test_dir: &Path,
    path: &Path,
    skipped: &std::collections::BTreeSet<String>,
    cfg: &sched::Config,
) -> u8 {
    let tests = discover::load(test_dir, &[path.to_path_buf()], skipped);
    let Some(t) = tests.first() else { return 2 };
    println!("{}", t.rel);
    if let Some(bad) = &t.bad {
        println!("  FAIL: {bad}");
        return 1;
    }
    let m = &t.meta;
    if !m.flags.names().is_empty() {
        println!("  flags: {}", m.flags.names().join(", "));
    }
    if !m.features.is_empty() {
        println!("  features: {}", m.features.join(", "));
    }
    if !m.includes.is_empty() {
        println!("  includes: {}", m.includes.join(", "));
    }
    if let Some(n) = &m.negative {
        println!("  negative: {} {}", n.phase.name(), n.error_type);
    }
    if let Some(s) = &t.skip {
        println!("  (skipped in suite runs: {s}; run anyway)");
    }
    let jobs: Vec<sched::Job> = t
        .modes()
        .into_iter()
        .map(|mode| sched::Job {
            rel: t.rel.clone(),
            mode: mode.name().to_string(),
        })
        .collect();
    let outcomes = sched::run(&jobs, cfg);
    let mut code = 0;
    for (job, done) in jobs.iter().zip(outcomes) {
        let o = done.outcome;
        print_outcome(&job.mode, &o, done.millis);
        if o.verdict == Verdict::Fail {
            code = 1;
        }
    }
    code
}

fn print_outcome(mode: &str, o: &Outcome, millis: u64) {
    let verdict = match o.verdict {
        Verdict::Pass => "PASS",
        Verdict::Fail => "FAIL",
        Verdict::Skip => "SKIP",
    };
    let sep = if o.reason.is_empty() { "" } else { ": " };
    println!("{mode}: {verdict}{sep}{} ({millis} ms)", o.reason);
    for line in o.detail.lines() {
        println!("    {line}");
    }
}
