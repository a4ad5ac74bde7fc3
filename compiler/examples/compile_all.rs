//! Compiles every `.js` file under a directory (test262 layout) and reports what happened:
//! `cargo run --release -p qjs-compiler --example compile_all -- DIR`
use qjs_compiler::{compile_module, compile_script, ErrorKind};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "js")
            && !p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().contains("_FIXTURE"))
        {
            out.push(p);
        }
    }
}

/// The test262 front matter between `/*---` and `---*/`.
fn metadata(src: &str) -> &str {
    match (src.find("/*---"), src.find("---*/")) {
        (Some(a), Some(b)) if a < b => &src[a..b],
        _ => "",
    }
}

fn has_flag(meta: &str, flag: &str) -> bool {
    meta.lines().any(|l| {
        let l = l.trim();
        l.starts_with("flags:") && l.contains(flag)
    })
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let mut files = Vec::new();
    walk(Path::new(&dir), &mut files);
    files.sort();
    let start = Instant::now();
    let (mut ok, mut syntax, mut syntax_expected, mut unreadable) = (0, 0, 0, 0);
    // Module-flagged tests: how many, and how many compiled (and verified).
    let (mut modules, mut modules_ok) = (0, 0);
    let mut negative_compiled = 0;
    let mut unsupported: HashMap<String, usize> = HashMap::new();
    let mut panics = Vec::new();
    let mut verify_failures = Vec::new();
    // Keep the default hook quiet: panics are reported below.
    std::panic::set_hook(Box::new(|_| {}));
    for f in &files {
        let Ok(src) = std::fs::read_to_string(f) else {
            unreadable += 1;
            continue;
        };
        let meta = metadata(&src);
        let module = has_flag(meta, "module");
        modules += usize::from(module);
        let negative = meta.contains("negative:") && meta.contains("phase: parse");
        let src = if has_flag(meta, "onlyStrict") {
            format!("\"use strict\";\n{src}")
        } else {
            src
        };
        let name = f.display().to_string();
        let compile = if module {
            compile_module
        } else {
            compile_script
        };
        match std::panic::catch_unwind(|| compile(&src, &name)) {
            Err(_) => panics.push(name),
            Ok(Ok(p)) => {
                if negative {
                    negative_compiled += 1;
                    if std::env::var_os("SHOW_NEGATIVE").is_some() {
                        println!("negative test compiled: {name}");
                    }
                }
                match qjs_bytecode::verify::verify(&p) {
                    Ok(()) => {
                        ok += 1;
                        modules_ok += usize::from(module);
                    }
                    Err(e) => verify_failures.push(format!("{name}: {e:?}")),
                }
            }
            Ok(Err(e)) => match e.kind {
                ErrorKind::Syntax => {
                    syntax += 1;
                    if negative {
                        syntax_expected += 1;
                    } else if std::env::var_os("SHOW_SYNTAX").is_some() {
                        println!("unexpected SyntaxError: {name}: {}", e.message);
                    }
                }
                ErrorKind::Unsupported => *unsupported.entry(e.message).or_default() += 1,
            },
        }
    }
    let elapsed = start.elapsed();
    println!("files:                {}", files.len());
    println!("compiled OK:          {ok} (verified)");
    println!("verifier failures:    {}", verify_failures.len());
    for v in verify_failures.iter().take(20) {
        println!("  {v}");
    }
    println!("SyntaxError:          {syntax} ({syntax_expected} expected-negative)");
    println!("negative but compiled: {negative_compiled}");
    println!("modules:              {modules} ({modules_ok} compiled OK)");
    let total_unsupported: usize = unsupported.values().sum();
    println!("Unsupported:          {total_unsupported}");
    let mut reasons: Vec<_> = unsupported.into_iter().collect();
    reasons.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (r, n) in reasons.iter().take(
        std::env::var("TOP")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(15),
    ) {
        println!("  {n:6}  {r}");
    }
    if unreadable > 0 {
        println!("unreadable:           {unreadable}");
    }
    println!("panics:               {}", panics.len());
    for p in &panics {
        println!("  {p}");
    }
    println!("wall time:            {:.2?}", elapsed);
}
