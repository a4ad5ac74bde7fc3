//! The `qjs` command line: compile a script in memory and run it.
use crate::read_source;
use std::ffi::OsString;

/// A parsed command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Help,
    /// `qjs -e EXPR [args...]`: the expression text runs as a script (a module with `-m`) named
    /// `<cmdline>`; `scriptArgs` are the remaining arguments.
    Eval {
        source: String,
        args: Vec<String>,
        module: bool,
    },
    /// `qjs file.js [args...]`: `scriptArgs` is `[file, args...]`. The file runs as a module
    /// with `-m`/`--module` or when its name ends in `.mjs`.
    File {
        path: String,
        args: Vec<String>,
        module: bool,
    },
}

pub fn usage() -> String {
    format!(
        "\
qjs version {} (qjs toolchain): run JavaScript
usage: qjs [options] [file [args]]
-h  --help         list options
-e  --eval EXPR    evaluate EXPR
-m  --module       load as ES6 module (the default for .mjs files; imports are
                   paths relative to the importing file)
    --script       load as ES6 script (the default for other files)
-q  --quit         just instantiate the interpreter and quit

A file that starts with the bytecode magic (written by qjsc -b) is verified and run as is.
",
        env!("CARGO_PKG_VERSION")
    )
}

/// Parses qjs's arguments (without the program name). Options stop at the first non-option,
/// which is the script; everything after it belongs to the script.
pub fn parse_args(args: Vec<OsString>) -> Result<Command, String> {
    let mut args = args
        .into_iter()
        .map(|a| {
            a.into_string()
                .map_err(|a| format!("argument '{}' is not valid UTF-8", a.to_string_lossy()))
        })
        .collect::<Result<Vec<String>, String>>()?
        .into_iter();
    let mut expr = None;
    let mut quit = false;
    // `None`: decided by the file name.
    let mut module = None;
    let mut rest = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "-e" | "--eval" => {
                expr = Some(
                    args.next()
                        .ok_or_else(|| format!("option {arg} requires an argument"))?,
                )
            }
            "-m" | "--module" => module = Some(true),
            "--script" => module = Some(false),
            "-q" | "--quit" => quit = true,
            "--" => {
                rest.extend(args.by_ref());
                break;
            }
            a if a.starts_with('-') && a.len() > 1 => {
                return Err(format!("unknown option '{a}' (see qjs -h)"))
            }
            _ => {
                rest.push(arg);
                rest.extend(args.by_ref());
                break;
            }
        }
    }
    if let Some(source) = expr {
        return Ok(Command::Eval {
            source,
            args: rest,
            module: module.unwrap_or(false),
        });
    }
    if quit {
        return Ok(Command::Eval {
            source: String::new(),
            args: rest,
            module: false,
        });
    }
    let mut rest = rest.into_iter();
    match rest.next() {
        Some(path) => Ok(Command::File {
            module: module.unwrap_or_else(|| path.ends_with(".mjs")),
            path,
            args: rest.collect(),
        }),
        None => {
            Err("no script given (the interactive REPL is not available yet; see qjs -h)".into())
        }
    }
}

/// Runs qjs with `args` (without the program name) and returns the process exit code.
pub fn main(args: Vec<OsString>) -> i32 {
    let (source, filename, script_args, module) = match parse_args(args) {
        Ok(Command::Help) => {
            print!("{}", usage());
            return 0;
        }
        Ok(Command::Eval {
            source,
            args,
            module,
        }) => (source, "<cmdline>".to_string(), args, module),
        Ok(Command::File { path, args, module }) => {
            if let Some(bytes) = read_bytecode_file(&path) {
                let mut script_args = vec![path.clone()];
                script_args.extend(args);
                return run_bytecode_file(&path, &bytes, &script_args);
            }
            match read_source(std::path::Path::new(&path)) {
                Ok(source) => {
                    let mut script_args = vec![path.clone()];
                    script_args.extend(args);
                    (source, path, script_args, module)
                }
                Err(msg) => {
                    eprintln!("qjs: {msg}");
                    return 1;
                }
            }
        }
        Err(msg) => {
            eprintln!("qjs: {msg}");
            return 1;
        }
    };
    let compiled = if module {
        qjs_compiler::compile_module(&source, &filename)
    } else {
        qjs_compiler::compile_script(&source, &filename)
    };
    // The entry module's key is its canonical path, as the loader names the modules it loads.
    let module_key = module.then(|| {
        std::fs::canonicalize(&filename)
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|_| filename.clone())
    });
    match compiled {
        Ok(program) => qjs_runtime::host::run_with_host(
            program,
            &script_args,
            qjs_runtime::host::HostHooks {
                compiler: Some(qjs_compiler::dynamic_function_compiler),
                loader: Some(Box::new(crate::loader::FileLoader)),
                module_key,
            },
        ),
        Err(e) => {
            eprintln!("{e}");
            1
        }
    }
}

/// The contents of `path` when it is a bytecode file (`qjsc -b`: it starts with the format's
/// magic), `None` when it is not (or cannot be read: the source path reports that).
fn read_bytecode_file(path: &str) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).ok()?;
    let mut magic = [0u8; 4];
    file.read_exact(&mut magic).ok()?;
    if &magic != qjs_bytecode::serialize::MAGIC {
        return None;
    }
    std::fs::read(path).ok()
}

/// Runs a bytecode file written by `qjsc -b`: it is read and verified like compiled-in
/// bytecode (a malformed file is an error, never a crash). A module's imports are loaded from
/// source, relative to the file name recorded in the bytecode.
fn run_bytecode_file(path: &str, bytes: &[u8], script_args: &[String]) -> i32 {
    let program = match qjs_bytecode::read(bytes) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("qjs: {path}: {e}");
            return 1;
        }
    };
    let module_key = program.module.as_ref().map(|_| {
        let recorded = program
            .functions
            .get(program.main as usize)
            .and_then(|f| program.atoms.get(f.filename as usize))
            .map(|units| String::from_utf16_lossy(units))
            .unwrap_or_default();
        std::fs::canonicalize(&recorded)
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or(recorded)
    });
    qjs_runtime::host::run_with_host(
        program,
        script_args,
        qjs_runtime::host::HostHooks {
            compiler: Some(qjs_compiler::dynamic_function_compiler),
            loader: Some(Box::new(crate::loader::FileLoader)),
            module_key,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        parse_args(args.iter().map(OsString::from).collect())
    }

    #[test]
    fn file_and_args() {
        assert_eq!(
            parse(&["a.js", "-x", "y"]),
            Ok(Command::File {
                path: "a.js".into(),
                args: vec!["-x".into(), "y".into()],
                module: false,
            })
        );
    }

    #[test]
    fn modules() {
        let module = |args: &[&str]| match parse(args) {
            Ok(Command::File { module, .. } | Command::Eval { module, .. }) => module,
            other => panic!("{args:?} gave {other:?}"),
        };
        assert!(module(&["-m", "a.js"]));
        assert!(module(&["--module", "a.js"]));
        assert!(module(&["a.mjs"]));
        assert!(!module(&["--script", "a.mjs"]));
        assert!(!module(&["a.js", "-m"]));
        assert!(module(&["-m", "-e", "1"]));
        assert!(!module(&["-e", "1"]));
    }

    #[test]
    fn eval() {
        assert_eq!(
            parse(&["-e", "print(1)", "a"]),
            Ok(Command::Eval {
                source: "print(1)".into(),
                args: vec!["a".into()],
                module: false,
            })
        );
        assert!(parse(&["--eval"]).is_err());
    }

    #[test]
    fn errors_and_help() {
        assert_eq!(parse(&["--help"]), Ok(Command::Help));
        assert!(parse(&[]).unwrap_err().contains("no script"));
        assert!(parse(&["-z"]).unwrap_err().contains("'-z'"));
    }
}
