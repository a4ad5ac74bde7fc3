//! The worker protocol. The runner starts copies of itself with the hidden `--worker` flag;
//! each reads one JSON request per line on stdin (a test path and a mode), runs it in a fresh
//! runtime and writes one JSON [`Response`] line on stdout. A worker that dies or runs past the
//! timeout is killed by the parent, which records the test as a crash or a timeout and starts
//! a new worker.
use crate::exec::{self, Outcome};
use crate::harness::Harness;
use crate::meta::Mode;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufReader, Read, Write};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// The stack of the thread that runs tests: native recursion in the engine must hit the
/// engine's own limits before the end of the stack.
const TEST_STACK: usize = 256 << 20;
/// How much of a worker's stderr is kept to explain a crash.
const STDERR_TAIL: usize = 4096;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Request {
    /// Relative to the suite's `test/` directory.
    pub path: String,
    pub mode: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Response {
    pub path: String,
    pub mode: String,
    #[serde(flatten)]
    pub outcome: Outcome,
}

// ---------------------------------------------------------------------------------------------
// The worker side.

static PANIC_MESSAGE: Mutex<String> = Mutex::new(String::new());

fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let msg = if let Some(s) = info.payload().downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = info.payload().downcast_ref::<String>() {
            s.clone()
        } else {
            "panic".to_string()
        };
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if let Ok(mut m) = PANIC_MESSAGE.lock() {
            *m = format!("{msg}{at}");
        }
    }));
}

fn limit_memory(megabytes: u64) {
    if megabytes == 0 {
        return;
    }
    let bytes = megabytes.saturating_mul(1 << 20) as libc::rlim_t;
    let limit = libc::rlimit {
        rlim_cur: bytes,
        rlim_max: bytes,
    };
    // SAFETY: setrlimit reads a valid rlimit struct; failure only leaves the limit unset.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &limit);
    }
}

/// The protocol channel: the original stdout, moved to a private descriptor, while file
/// descriptor 1 becomes a copy of stderr, so that nothing the engine writes to stdout can
/// corrupt the answers.
fn protocol_channel() -> std::fs::File {
    use std::os::fd::FromRawFd;
    // SAFETY: dup and dup2 on the process's own standard descriptors; the duplicate is owned
    // by the returned File alone.
    unsafe {
        let fd = libc::dup(1);
        if fd < 0 {
            return std::fs::File::from_raw_fd(1);
        }
        libc::dup2(2, 1);
        std::fs::File::from_raw_fd(fd)
    }
}

/// `--worker`: serves requests until stdin closes. Returns the exit code.
pub fn serve(test262: PathBuf, memory_mb: u64) -> i32 {
    limit_memory(memory_mb);
    install_panic_hook();
    let channel = protocol_channel();
    let thread = std::thread::Builder::new()
        .name("test262-worker".into())
        .stack_size(TEST_STACK)
        .spawn(move || serve_loop(&test262, channel));
    match thread {
        Ok(h) => h.join().unwrap_or(101),
        Err(e) => {
            eprintln!("worker: cannot start the test thread: {e}");
            1
        }
    }
}

fn serve_loop(test262: &Path, mut channel: std::fs::File) -> i32 {
    let mut harness = Harness::new(test262.join("harness"));
    let test_dir = test262.join("test");
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { return 1 };
        let req: Request = match serde_json::from_str(&line) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("worker: bad request {line:?}: {e}");
                return 1;
            }
        };
        let outcome = match Mode::parse(&req.mode) {
            Some(mode) => run_caught(&mut harness, &test_dir, &req.path, mode),
            None => Outcome::fail(format!("unknown mode {}", req.mode)),
        };
        let resp = Response {
            path: req.path,
            mode: req.mode,
            outcome,
        };
        let Ok(mut text) = serde_json::to_string(&resp) else {
            return 1;
        };
        text.push('\n');
        if channel.write_all(text.as_bytes()).is_err() {
            return 1;
        }
    }
    0
}

fn run_caught(harness: &mut Harness, test_dir: &Path, rel: &str, mode: Mode) -> Outcome {
    let r = std::panic::catch_unwind(AssertUnwindSafe(|| exec::run(harness, test_dir, rel, mode)));
    r.unwrap_or_else(|_| {
        let msg = PANIC_MESSAGE.lock().map(|m| m.clone()).unwrap_or_default();
        Outcome::fail(format!("panic: {msg}"))
    })
}

// ---------------------------------------------------------------------------------------------
// The parent side.

/// How to start a worker: the runner's own executable and the flags it needs.
#[derive(Clone)]
pub struct WorkerCommand {
    pub exe: PathBuf,
    pub test262: PathBuf,
    pub memory_mb: u64,
}

/// Why a worker gave no answer.
pub enum Failure {
    Timeout,
    /// The worker died; how (exit status, signal) and the end of its stderr.
    Crash {
        how: String,
        stderr: String,
    },
}

pub struct Worker {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<String>,
    stderr: Arc<Mutex<String>>,
    stderr_thread: Option<JoinHandle<()>>,
}

fn describe_status(status: Option<ExitStatus>) -> String {
    use std::os::unix::process::ExitStatusExt;
    match status {
        Some(s) => match (s.code(), s.signal()) {
            (_, Some(sig)) => format!("killed by signal {sig}{}", signal_name(sig)),
            (Some(code), _) => format!("exited with code {code}"),
            _ => "exited".into(),
        },
        None => "stopped answering".into(),
    }
}

fn signal_name(sig: i32) -> &'static str {
    match sig {
        libc::SIGSEGV => " (SIGSEGV)",
        libc::SIGABRT => " (SIGABRT)",
        libc::SIGBUS => " (SIGBUS)",
        libc::SIGILL => " (SIGILL)",
        libc::SIGKILL => " (SIGKILL)",
        libc::SIGFPE => " (SIGFPE)",
        _ => "",
    }
}

impl Worker {
    pub fn spawn(cmd: &WorkerCommand) -> std::io::Result<Worker> {
        let mut child = Command::new(&cmd.exe)
            .arg("--worker")
            .arg("--test262")
            .arg(&cmd.test262)
            .arg("--memory-limit")
            .arg(cmd.memory_mb.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let (Some(stdin), Some(stdout), Some(mut stderr_pipe)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(std::io::Error::other("worker pipes missing"));
        };
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let tail = stderr.clone();
        let stderr_thread = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stderr_pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut t) = tail.lock() {
                    t.push_str(&String::from_utf8_lossy(&buf[..n]));
                    if t.len() > 2 * STDERR_TAIL {
                        let mut cut = t.len() - STDERR_TAIL;
                        while !t.is_char_boundary(cut) {
                            cut += 1;
                        }
                        t.drain(..cut);
                    }
                }
            }
        });
        Ok(Worker {
            child,
            stdin,
            lines,
            stderr,
            stderr_thread: Some(stderr_thread),
        })
    }

    /// Runs one test. On a failure the worker is dead (or killed) and must be dropped.
    pub fn run(&mut self, req: &Request, timeout: Duration) -> Result<Outcome, Failure> {
        if let Ok(mut t) = self.stderr.lock() {
            t.clear();
        }
        let line = serde_json::to_string(req).map_err(|e| Failure::Crash {
            how: format!("bad request: {e}"),
            stderr: String::new(),
        })?;
        if writeln!(self.stdin, "{line}")
            .and_then(|_| self.stdin.flush())
            .is_err()
        {
            return Err(self.crashed());
        }
        match self.lines.recv_timeout(timeout) {
            Ok(answer) => match serde_json::from_str::<Response>(&answer) {
                Ok(resp) if resp.path == req.path && resp.mode == req.mode => Ok(resp.outcome),
                _ => Err(Failure::Crash {
                    how: format!("answered out of protocol: {answer:.200}"),
                    stderr: String::new(),
                }),
            },
            Err(RecvTimeoutError::Timeout) => {
                self.kill();
                Err(Failure::Timeout)
            }
            Err(RecvTimeoutError::Disconnected) => Err(self.crashed()),
        }
    }

    fn crashed(&mut self) -> Failure {
        // Give the dying process a moment to be reaped, then make sure it is gone.
        let mut status = None;
        for _ in 0..50 {
            if let Ok(Some(s)) = self.child.try_wait() {
                status = Some(s);
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        if status.is_none() {
            self.kill();
        }
        if let Some(h) = self.stderr_thread.take() {
            let _ = h.join();
        }
        let stderr = self.stderr.lock().map(|t| t.clone()).unwrap_or_default();
        Failure::Crash {
            how: describe_status(status),
            stderr,
        }
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.kill();
        }
    }
}
