//! Runs each benchmark script on our engine and on QuickJS-ng (rquickjs) in the same process and
//! prints our time over theirs (below 1.0 means we are faster).
//!
//! `cargo run --release --manifest-path bench/Cargo.toml [-- FILTER] [--runs N]`
//! `... -- --ours FILE`: that file on our engine only (for profilers).
//! `... -- --scaling [N]`: the hot built-ins of `scaling/hot_builtins.js` at N and 2N on both
//! engines, with the time ratios (linear work: about 2).
//!
//! Times are the thread's CPU time, not wall time: the machine is shared, and CPU time does not
//! count the time another process held the core. (The V8 suite scores itself by wall time.)
use std::time::Duration;

/// CPU time used by this thread so far.
fn cpu_now() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec we pass.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

struct Script {
    name: String,
    source: String,
}

fn scripts(filter: Option<&str>) -> Vec<Script> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(root.join("scripts"))
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    for p in files {
        if p.extension().is_some_and(|e| e == "js") {
            let name = p
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let source = std::fs::read_to_string(&p).unwrap_or_default();
            out.push(Script { name, source });
        }
    }
    // The V8 suite (pinned in ../shared), one benchmark per script with its harness.
    let v8 = root.join("../../shared/bench/v8-v7");
    if let Ok(base) = std::fs::read_to_string(v8.join("base.js")) {
        let run = std::fs::read_to_string(v8.join("run.js")).unwrap_or_default();
        for b in [
            "richards",
            "deltablue",
            "crypto",
            "raytrace",
            "navier-stokes",
            "splay",
        ] {
            if let Ok(src) = std::fs::read_to_string(v8.join(format!("{b}.js"))) {
                out.push(Script {
                    name: format!("v8-{b}"),
                    source: format!("{base}\n{src}\n{run}"),
                });
            }
        }
    }
    out.retain(|s| filter.is_none_or(|f| s.name.contains(f)));
    out
}

/// Ours: compile, then run in a fresh runtime (compile time included, as for `qjs file.js`).
fn run_ours(s: &Script) -> Result<(Duration, String), String> {
    let start = cpu_now();
    let program = qjs_compiler::compile_script(&s.source, &s.name).map_err(|e| e.to_string())?;
    let mut rt = qjs_runtime::Runtime::new();
    let captured = std::rc::Rc::new(std::cell::RefCell::new(String::new()));
    let sink = captured.clone();
    rt.output = Some(Box::new(move |t: &str| sink.borrow_mut().push_str(t)));
    qjs_runtime::host::add_helpers(&mut rt, &[]);
    let result = qjs_runtime::host::exec_program(&mut rt, program);
    let elapsed = cpu_now() - start;
    let exception = result.is_err().then(|| {
        let e = rt.take_exception();
        rt.to_string(&e)
            .map(|s| s.to_rust_string())
            .unwrap_or_default()
    });
    drop(rt);
    let out = captured.borrow().clone();
    if let Some(e) = exception {
        return Err(format!("{e}; output so far: {out}"));
    }
    Ok((elapsed, out))
}

/// Theirs: QuickJS-ng with a `print` that collects output.
fn run_theirs(s: &Script) -> Result<(Duration, String), String> {
    let rt = rquickjs::Runtime::new().map_err(|e| e.to_string())?;
    rt.set_max_stack_size(8 << 20);
    let ctx = rquickjs::Context::full(&rt).map_err(|e| e.to_string())?;
    let out = std::rc::Rc::new(std::cell::RefCell::new(String::new()));
    let start = cpu_now();
    let r: Result<(), String> = ctx.with(|ctx| {
        let sink = out.clone();
        let print = rquickjs::Function::new(ctx.clone(), move |msg: rquickjs::Coerced<String>| {
            sink.borrow_mut().push_str(&msg.0);
            sink.borrow_mut().push('\n');
        })
        .map_err(|e| e.to_string())?;
        ctx.globals()
            .set("print", print)
            .map_err(|e| e.to_string())?;
        ctx.eval::<(), _>(s.source.as_str())
            .map_err(|e| format!("{e}"))
    });
    let elapsed = cpu_now() - start;
    r?;
    let o = out.borrow().clone();
    Ok((elapsed, o))
}

/// The V8 suite's "Score (version 7): N" line, if any.
fn score(out: &str) -> Option<f64> {
    let line = out.lines().find(|l| l.starts_with("Score"))?;
    line.rsplit(' ').next()?.trim().parse().ok()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut runs = 3;
    let mut filter = None;
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--ours" {
            // One script on our engine only (for perf / callgrind): `-- --ours FILE`.
            let path = args.get(i + 1).cloned().unwrap_or_default();
            let source = std::fs::read_to_string(&path).unwrap_or_default();
            match run_ours(&Script { name: path, source }) {
                Ok((d, out)) => print!("{out}{:.1} ms\n", d.as_secs_f64() * 1e3),
                Err(e) => println!("failed: {e}"),
            }
            return;
        } else if args[i] == "--scaling" {
            scaling(
                args.get(i + 1)
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(200_000),
                runs,
            );
            return;
        } else if args[i] == "--runs" {
            runs = args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(3);
            i += 2;
        } else {
            filter = Some(args[i].clone());
            i += 1;
        }
    }
    println!(
        "{:<22} {:>10} {:>10} {:>8}",
        "script", "ours ms", "qjs-ng ms", "ratio"
    );
    println!("(ratio: our time / theirs; for the V8 suite, their score / ours. Below 1.0 we are faster.)");
    let mut ratios = Vec::new();
    for s in scripts(filter.as_deref()) {
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        let (mut our_out, mut their_out) = (String::new(), String::new());
        let mut err = None;
        for _ in 0..runs {
            match run_ours(&s) {
                Ok((d, out)) => {
                    ours.push(d);
                    our_out = out;
                }
                Err(e) => err = Some(format!("ours: {e}")),
            }
            match run_theirs(&s) {
                Ok((d, out)) => {
                    theirs.push(d);
                    their_out = out;
                }
                Err(e) => err = Some(format!("theirs: {e}")),
            }
        }
        if let Some(e) = err {
            let e: String = e.chars().take(100).collect();
            println!("{:<22} failed: {}", s.name, e.replace('\n', " "));
            continue;
        }
        let (o, t) = (median(ours), median(theirs));
        // The V8 suite runs each benchmark for a fixed time and reports a score (higher is
        // better): compare scores there, times elsewhere.
        let ratio = match (score(&our_out), score(&their_out)) {
            (Some(os), Some(ts)) if os > 0.0 => ts / os,
            _ => o.as_secs_f64() / t.as_secs_f64(),
        };
        ratios.push(ratio);
        println!(
            "{:<22} {:>10.1} {:>10.1} {:>8.2}",
            s.name,
            o.as_secs_f64() * 1e3,
            t.as_secs_f64() * 1e3,
            ratio
        );
    }
    if !ratios.is_empty() {
        let geo = (ratios.iter().map(|r| r.ln()).sum::<f64>() / ratios.len() as f64).exp();
        println!("geometric mean of ratios (ours / QuickJS-ng): {geo:.2}");
    }
}

/// The scaling check: each case of `scaling/hot_builtins.js` (the text above its
/// `// -- driver --` line defines `cases`) runs alone at N and at 2N on both engines; the
/// ratio t(2N) / t(N) is about 2 for linear work.
fn scaling(n: u64, runs: usize) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("scaling/hot_builtins.js")).unwrap_or_default();
    let defs = text
        .split("// -- driver --")
        .next()
        .unwrap_or_default()
        .to_string();
    let list = Script {
        name: "cases".into(),
        source: format!("{defs}\nprint(Object.keys(cases).join('\\n'));"),
    };
    let names = match run_ours(&list) {
        Ok((_, out)) => out,
        Err(e) => return println!("scaling/hot_builtins.js: {e}"),
    };
    println!(
        "{:<24} {:>9} {:>9} {:>6}   {:>9} {:>9} {:>6}",
        "case (ms)", "ours N", "2N", "ratio", "qjs-ng N", "2N", "ratio"
    );
    for name in names.lines().filter(|l| !l.is_empty()) {
        let at = |k: u64| Script {
            name: name.into(),
            source: format!("{defs}\ncases[{name:?}]({k});"),
        };
        let time = |s: &Script, ours: bool| -> Result<Duration, String> {
            let mut v = Vec::new();
            for _ in 0..runs {
                v.push(if ours {
                    run_ours(s)?.0
                } else {
                    run_theirs(s)?.0
                });
            }
            Ok(median(v))
        };
        let row = (|| -> Result<[Duration; 4], String> {
            let (s1, s2) = (at(n), at(2 * n));
            Ok([
                time(&s1, true)?,
                time(&s2, true)?,
                time(&s1, false)?,
                time(&s2, false)?,
            ])
        })();
        match row {
            Ok([o1, o2, t1, t2]) => {
                let ms = |d: Duration| d.as_secs_f64() * 1e3;
                println!(
                    "{:<24} {:>9.1} {:>9.1} {:>6.2}   {:>9.1} {:>9.1} {:>6.2}",
                    name,
                    ms(o1),
                    ms(o2),
                    ms(o2) / ms(o1),
                    ms(t1),
                    ms(t2),
                    ms(t2) / ms(t1)
                );
            }
            Err(e) => println!("{name:<24} failed: {}", e.replace('\n', " ")),
        }
    }
    println!("(N = {n}; CPU time, median of {runs} runs; linear work: ratio about 2)");
}
