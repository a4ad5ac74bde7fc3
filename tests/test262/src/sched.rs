//! Running many tests on all cores: one thread per worker process, each taking the next job
//! from a shared counter, restarting its worker after a crash or a timeout.
use crate::exec::Outcome;
use crate::worker::{Failure, Request, Worker, WorkerCommand};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One test in one mode.
#[derive(Debug, Clone)]
pub struct Job {
    pub rel: String,
    pub mode: String,
}

pub struct Config {
    pub workers: usize,
    pub timeout: Duration,
    pub command: WorkerCommand,
    /// Print a progress line every this many results (0: never).
    pub progress_every: usize,
}

/// A job's outcome and how long the worker took (wall clock, including a restart).
pub struct Finished {
    pub outcome: Outcome,
    pub millis: u64,
}

/// Runs every job; the results are in the order of `jobs`.
pub fn run(jobs: &[Job], cfg: &Config) -> Vec<Finished> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Finished>>> = Mutex::new((0..jobs.len()).map(|_| None).collect());
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..cfg.workers.max(1) {
            s.spawn(|| {
                let mut worker: Option<Worker> = None;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let t0 = Instant::now();
                    let outcome = run_one(&mut worker, job, cfg);
                    let millis = t0.elapsed().as_millis() as u64;
                    if let Ok(mut r) = results.lock() {
                        r[i] = Some(Finished { outcome, millis });
                    }
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if cfg.progress_every > 0
                        && (n.is_multiple_of(cfg.progress_every) || n == jobs.len())
                    {
                        eprintln!("[{n}/{}] {:.0}s", jobs.len(), start.elapsed().as_secs_f64());
                    }
                }
            });
        }
    });
    let results = results.into_inner().unwrap_or_default();
    results
        .into_iter()
        .map(|o| {
            o.unwrap_or_else(|| Finished {
                outcome: Outcome::fail("not run"),
                millis: 0,
            })
        })
        .collect()
}

fn run_one(slot: &mut Option<Worker>, job: &Job, cfg: &Config) -> Outcome {
    let worker = match slot {
        Some(w) => w,
        None => match Worker::spawn(&cfg.command) {
            Ok(w) => slot.insert(w),
            Err(e) => return Outcome::fail(format!("cannot start a worker: {e}")),
        },
    };
    let req = Request {
        path: job.rel.clone(),
        mode: job.mode.clone(),
    };
    match worker.run(&req, cfg.timeout) {
        Ok(o) => o,
        Err(f) => {
            *slot = None;
            match f {
                Failure::Timeout => {
                    Outcome::fail(format!("timeout ({} s)", cfg.timeout.as_secs_f64()))
                }
                Failure::Crash { how, stderr } => {
                    let mut o = Outcome::fail(format!("crash: worker {how}"));
                    o.detail = stderr;
                    o
                }
            }
        }
    }
}
