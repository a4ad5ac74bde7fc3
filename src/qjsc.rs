//! The `qjsc` command line: options spelled as QuickJS's qjsc spells them, and the compile flow
//! (read, compile, serialize, emit C, link).
use crate::emit::{self, BytecodeArray};
use crate::{features, link, objfile, read_source, rust_out, MAIN_TEMPLATE};
use qjs_compiler::reach::Reach;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// What qjsc writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// A linked executable (the default).
    Executable,
    /// `-e`: C source with the bytecode and a `main()`.
    CMain,
    /// `-c`: C source with only the bytecode arrays.
    CBytecode,
    /// `-b`: the raw bytecode of the (single) input, which `qjs` runs.
    RawBytecode,
    /// `--rust`: a Rust `main.rs` with the bytecode and a `main()` over the runtime crate.
    RustMain,
    /// `--rust-crate DIR`: that `main.rs` in a Cargo project (the directory is `Options::output`).
    RustCrate,
}

/// A parsed command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub inputs: Vec<PathBuf>,
    pub output: Option<PathBuf>,
    pub kind: Output,
    /// `-N`: the C name of the (single) input's array.
    pub cname: Option<String>,
    /// `-p`: prefix of derived C names.
    pub prefix: String,
    /// `-n`: the script name recorded in the bytecode (stack traces).
    pub script_name: Option<String>,
    /// `-x`: byte-swapped (big-endian container) bytecode.
    pub byte_swap: bool,
    /// `-s` count: once strips the source text (overriding `--keep-source`), twice also drops
    /// the line tables. Function names stay: they are the `name` property programs can read.
    pub strip: u32,
    /// `--keep-source`: keep the source text for Function.prototype.toString.
    pub keep_source: bool,
    /// `-v`: print the C compiler command (and what `-fauto` removed).
    pub verbose: bool,
    /// `-m`: compile every input as a module (`.mjs` inputs always are).
    pub module: bool,
    /// `-C`: compile every input as a classic script, even `.mjs` ones.
    pub classic: bool,
    /// `-S n`: the maximum native stack size in bytes (0: no limit).
    pub stack_size: Option<u64>,
    /// `-P`: do not add the default system modules.
    pub no_system_modules: bool,
    /// `-flto`: accepted; the runtime archive is always built with LTO.
    pub lto: bool,
    /// `-Os`: link the size-optimized runtime archive.
    pub size_optimized: bool,
    /// `-fauto`: also remove every feature the program cannot reach.
    pub auto: bool,
    /// Features removed with `-fno-NAME`.
    pub disabled: Vec<&'static str>,
    /// `-D file`: modules compiled in for `import()` (with what they import).
    pub dynamic_modules: Vec<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            inputs: Vec::new(),
            output: None,
            kind: Output::Executable,
            cname: None,
            prefix: "qjsc_".to_string(),
            script_name: None,
            byte_swap: false,
            strip: 0,
            keep_source: false,
            verbose: false,
            module: false,
            classic: false,
            stack_size: None,
            no_system_modules: false,
            lto: false,
            size_optimized: false,
            auto: false,
            disabled: Vec::new(),
            dynamic_modules: Vec::new(),
        }
    }
}

/// The result of parsing a command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Help,
    Compile(Options),
}

pub fn usage() -> String {
    format!(
        "\
qjsc version {version} (qjs toolchain): compile JavaScript to a standalone executable
usage: qjsc [options] [files]

options are:
-o output   set the output filename (default: a.out; out.c with -c or -e, out.bin with -b)
-c          only output bytecode to a C file
-e          output main() and bytecode to a C file (default = executable output)
-b          output raw bytecode (one input; qjs runs such a file, after verifying it)
--rust      output a Rust source (default: out.rs) with the bytecode and a main()
            that runs it with the runtime crate qjs-embed (no_std without eval)
--rust-crate dir
            write a Cargo project into dir (Cargo.toml, src/main.rs, Cargo.lock) that
            builds the program with `cargo build --release`; its runtime features
            follow the -fno-* flags. It depends on this source tree's crates by path
            (where qjsc was built, or $QJS_SOURCE_DIR)
-N cname    set the C name of the generated data (default: qjsc_ + the file name)
-p prefix   set the prefix of the generated C names (default: qjsc_)
-n name     set the script name used in stack traces (default: the file name)
-m          compile as JavaScript module (always for .mjs files); the modules it
            imports (relative paths) are compiled in too
-C          compile as a classic script (even .mjs files)
-D file     compile in a module that the program loads with import()
-P          do not add default system modules (there are none yet: std and os
            are not available, so this changes nothing)
-x          byte swapped output (the loader reads either byte order)
-s          strip the source code (the default unless --keep-source), specify
            twice to also strip the debug info (line tables: errors then give only
            the position where each function starts); function names stay because
            programs can read them (f.name)
--keep-source
            keep the source text of functions, so that Function.prototype.toString
            returns it (without it: function f() {{ [native code] }}, as QuickJS
            prints when the source is stripped)
-S n        set the maximum stack size to n bytes (k, m, g suffixes; 0: no limit)
-v          print the C compiler command line, and what -fauto removed
-h, --help  print this help

-flto       use link time optimization (always on: the runtime archive is built with LTO)
-Os         link the engine optimized for size (opt-level z): about 19% smaller
            executables, a slower interpreter (our addition)
-fno-[{features}]
            disable selected language features (smaller code size);
            the runtime has {provided} so far, the other flags are accepted and change nothing
-fauto      disable every feature the program cannot reach (any dynamic access
            to the global object keeps them all)

The C compiler is $CC, or cc. Exit status: 0 ok, 1 compile or link error, 2 bad usage.
",
        version = env!("CARGO_PKG_VERSION"),
        features = features::names(),
        provided = features::FEATURES
            .iter()
            .filter(|f| f.provided)
            .map(|f| f.name)
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// Parses qjsc's arguments (without the program name).
///
/// Single-letter flags may be grouped (`-ce`); an option's value may be attached (`-oapp`) or
/// the next argument (`-o app`); `-f...` arguments are whole words (`-fno-eval`, `-flto`).
pub fn parse_args(args: Vec<OsString>) -> Result<Command, String> {
    let mut opts = Options::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let text = match arg.to_str() {
            Some(t) if t.starts_with('-') && t.len() > 1 => t.to_string(),
            _ => {
                opts.inputs.push(PathBuf::from(arg));
                continue;
            }
        };
        if text == "--" {
            opts.inputs.extend(args.by_ref().map(PathBuf::from));
            break;
        }
        if text == "--help" {
            return Ok(Command::Help);
        }
        if text == "-Os" {
            opts.size_optimized = true;
            continue;
        }
        if text == "--keep-source" {
            opts.keep_source = true;
            continue;
        }
        if text == "--rust" {
            opts.kind = Output::RustMain;
            continue;
        }
        if text == "--rust-crate" {
            let dir = args
                .next()
                .ok_or_else(|| "option --rust-crate requires a directory".to_string())?;
            opts.kind = Output::RustCrate;
            opts.output = Some(PathBuf::from(dir));
            continue;
        }
        if text.starts_with("--") {
            return Err(format!("unknown option '{text}'"));
        }
        if let Some(flag) = text.strip_prefix("-f") {
            parse_feature_flag(flag, &mut opts)?;
            continue;
        }
        let letters = &text[1..];
        for (i, c) in letters.char_indices() {
            match c {
                'h' => return Ok(Command::Help),
                'c' => opts.kind = Output::CBytecode,
                'e' => opts.kind = Output::CMain,
                'b' => opts.kind = Output::RawBytecode,
                'x' => opts.byte_swap = true,
                's' => opts.strip += 1,
                'v' => opts.verbose = true,
                'm' => {
                    opts.module = true;
                    opts.classic = false;
                }
                'C' => {
                    opts.classic = true;
                    opts.module = false;
                }
                'P' => opts.no_system_modules = true,
                'M' => return Err(
                    "-M (external C modules) is not supported: the runtime has no C module API yet"
                        .to_string(),
                ),
                'o' | 'N' | 'p' | 'n' | 'D' | 'S' => {
                    let rest = &letters[i + c.len_utf8()..];
                    let value: OsString = if rest.is_empty() {
                        args.next()
                            .ok_or_else(|| format!("option -{c} requires an argument"))?
                    } else {
                        OsString::from(rest)
                    };
                    if c == 'o' {
                        opts.output = Some(PathBuf::from(value));
                        break;
                    }
                    if c == 'D' {
                        opts.dynamic_modules.push(PathBuf::from(value));
                        break;
                    }
                    let value = value
                        .into_string()
                        .map_err(|_| format!("the argument of -{c} is not valid UTF-8"))?;
                    match c {
                        'S' => opts.stack_size = Some(parse_size(&value)?),
                        'N' => {
                            if !emit::is_c_identifier(&value) {
                                return Err(format!("-N {value}: not a valid C identifier"));
                            }
                            opts.cname = Some(value)
                        }
                        'p' => opts.prefix = value,
                        _ => opts.script_name = Some(value),
                    }
                    break;
                }
                _ => return Err(format!("unknown option '-{c}' (see qjsc -h)")),
            }
        }
    }
    if opts.inputs.is_empty() {
        return Err("no input file (see qjsc -h)".to_string());
    }
    if opts.inputs.len() > 1 && opts.cname.is_some() {
        return Err("-N can only name the array of a single input file".to_string());
    }
    if opts.inputs.len() > 1 && opts.script_name.is_some() {
        return Err("-n can only name a single input file".to_string());
    }
    if !opts.prefix.is_empty() && !emit::is_c_identifier(&opts.prefix) {
        return Err(format!(
            "-p {}: not a valid C identifier prefix",
            opts.prefix
        ));
    }
    Ok(Command::Compile(opts))
}

/// `-S`'s argument: bytes, with an optional `k`, `m` or `g` suffix (powers of 1024), as
/// QuickJS-ng's qjsc reads it.
fn parse_size(text: &str) -> Result<u64, String> {
    let (digits, unit) = match text.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let unit = match c.to_ascii_lowercase() {
                'b' => 1,
                'k' => 1 << 10,
                'm' => 1 << 20,
                'g' => 1 << 30,
                _ => return Err(format!("-S {text}: unknown suffix (use k, m or g)")),
            };
            (&text[..i], unit)
        }
        _ => (text, 1),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(unit))
        .ok_or_else(|| format!("-S {text}: not a size in bytes"))
}

fn parse_feature_flag(flag: &str, opts: &mut Options) -> Result<(), String> {
    if flag == "lto" {
        opts.lto = true;
        return Ok(());
    }
    if flag == "auto" {
        opts.auto = true;
        return Ok(());
    }
    if let Some(name) = flag.strip_prefix("no-") {
        if let Some(f) = features::find(name) {
            if !opts.disabled.contains(&f.name) {
                opts.disabled.push(f.name);
            }
            return Ok(());
        }
    }
    Err(format!(
        "unknown option '-f{flag}' (known: -flto, -fauto, -fno-[{}])",
        features::names()
    ))
}

/// Runs qjsc with `args` (without the program name) and returns the process exit code.
pub fn main(args: Vec<OsString>) -> i32 {
    match parse_args(args) {
        Ok(Command::Help) => {
            print!("{}", usage());
            0
        }
        Ok(Command::Compile(opts)) => match compile(&opts) {
            Ok(()) => 0,
            Err(Failure::Usage(msg)) => {
                eprintln!("{msg}");
                2
            }
            Err(Failure::Compile(msg)) => {
                eprintln!("{msg}");
                1
            }
        },
        Err(msg) => {
            eprintln!("qjsc: {msg}");
            2
        }
    }
}

/// Why qjsc failed: a complete message, and whether the command line was at fault (exit 2: an
/// input that cannot be read) or the program (exit 1: a SyntaxError, a missing import, the C
/// compiler failing).
#[derive(Debug)]
enum Failure {
    Usage(String),
    Compile(String),
}

impl From<String> for Failure {
    fn from(msg: String) -> Self {
        Failure::Compile(msg)
    }
}

/// Compiles every input to bytecode, and the modules they import (which are registered before
/// the inputs run). Errors are complete messages (a `SyntaxError` is printed as the compiler
/// formats it).
fn compile_inputs(opts: &Options) -> Result<(Vec<BytecodeArray>, Reach), Failure> {
    let mut reach = Reach::default();
    let mut arrays: Vec<BytecodeArray> = Vec::new();
    let mut modules = ModuleSet::default();
    for input in &opts.inputs {
        let source = read_source(input).map_err(|e| Failure::Usage(format!("qjsc: {e}")))?;
        let filename = match &opts.script_name {
            Some(name) => name.clone(),
            None => input.to_string_lossy().into_owned(),
        };
        let module =
            !opts.classic && (opts.module || input.extension().is_some_and(|x| x == "mjs"));
        // A module's name is its key: the one its importers' specifiers resolve to.
        let filename = if module {
            module_key(&filename)
        } else {
            filename
        };
        let compiled = if module {
            qjs_compiler::compile_module(&source, &filename)
        } else {
            qjs_compiler::compile_script(&source, &filename)
        };
        let program = compiled.map_err(|e| e.to_string())?;
        reach.add(&program);
        modules.seen.insert(filename.clone());
        modules.add_imports(&filename, input, &source, &program)?;
        let uses_modules = program.uses_modules();
        let bytes = qjs_bytecode::write(&strip(program, opts), opts.byte_swap);
        let cname = match &opts.cname {
            Some(name) => name.clone(),
            None => emit::default_cname(&opts.prefix, input),
        };
        if let Some(other) = arrays.iter().position(|a| a.cname == cname) {
            return Err(Failure::Usage(format!(
                "qjsc: '{}' and '{}' would both be named '{cname}' in C; rename one of them",
                opts.inputs[other].display(),
                input.display()
            )));
        }
        arrays.push(BytecodeArray {
            cname,
            bytes,
            load_only: false,
            uses_modules,
        });
    }
    for path in &opts.dynamic_modules {
        let key = module_key(&path.to_string_lossy());
        if modules.seen.insert(key.clone()) {
            modules
                .compile(key, path.clone(), false, None)
                .map_err(|e| match read_source(path) {
                    Err(_) => Failure::Usage(e),
                    Ok(_) => Failure::Compile(e),
                })?;
        }
    }
    // The imported modules come first: they are registered (not run) before the inputs run.
    let mut deps = Vec::new();
    for (key, program) in modules.compiled {
        let base = emit::default_cname(&opts.prefix, Path::new(&key));
        let mut cname = base.clone();
        let mut n = 1;
        while arrays
            .iter()
            .chain(&deps)
            .any(|a: &BytecodeArray| a.cname == cname)
        {
            n += 1;
            cname = format!("{base}_{n}");
        }
        reach.add(&program);
        let bytes = qjs_bytecode::write(&strip(program, opts), opts.byte_swap);
        deps.push(BytecodeArray {
            cname,
            bytes,
            load_only: true,
            uses_modules: true,
        });
    }
    deps.append(&mut arrays);
    Ok((deps, reach))
}

/// Drops the source text unless `--keep-source` (and no `-s`) asks for it; `-s -s` also drops
/// the line tables.
fn strip(mut program: qjs_bytecode::Program, opts: &Options) -> qjs_bytecode::Program {
    if !opts.keep_source || opts.strip >= 1 {
        program.strip_source();
    }
    if opts.strip >= 2 {
        for f in &mut program.functions {
            f.lines.clear();
        }
    }
    program
}

/// The modules a program carries: each is named by its key, the importer's key joined with
/// the specifier exactly as the runtime joins them (`qjs_runtime::module::join_specifier`).
#[derive(Default)]
struct ModuleSet {
    seen: std::collections::HashSet<String>,
    compiled: Vec<(String, qjs_bytecode::Program)>,
}

impl ModuleSet {
    /// Compiles what `program` (the module `key`, read from `path`) imports statically.
    fn add_imports(
        &mut self,
        key: &str,
        path: &Path,
        source: &str,
        program: &qjs_bytecode::Program,
    ) -> Result<(), String> {
        let Some(info) = &program.module else {
            return Ok(());
        };
        let text = |a: u32| String::from_utf16_lossy(&program.atoms[a as usize]);
        for r in &info.requests {
            let spec = text(r.specifier);
            let json = r
                .attributes
                .iter()
                .any(|&(k, v)| text(k) == "type" && text(v) == "json");
            let at = format!("{}:{}", path.display(), line_of(source, &spec));
            if !(spec.starts_with("./") || spec.starts_with("../")) {
                return Err(format!(
                    "qjsc: {at}: cannot resolve module '{spec}' (only relative paths are supported)"
                ));
            }
            let dep_key = qjs_runtime::module::join_specifier(key, &spec);
            if !self.seen.insert(dep_key.clone()) {
                continue;
            }
            let dep_path = path.parent().unwrap_or(Path::new("")).join(&spec);
            self.compile(dep_key, dep_path, json, Some(&at))?;
        }
        Ok(())
    }

    /// Compiles the module file `path` under `key`, then what it imports.
    fn compile(
        &mut self,
        key: String,
        path: PathBuf,
        json: bool,
        imported_at: Option<&str>,
    ) -> Result<(), String> {
        let source = read_source(&path).map_err(|e| match imported_at {
            Some(at) => format!("qjsc: {at}: cannot find module: {e}"),
            None => format!("qjsc: {e}"),
        })?;
        let compiled = if json {
            qjs_compiler::compile_json_module(&source, &key)
        } else {
            qjs_compiler::compile_module(&source, &key)
        };
        let program = compiled.map_err(|e| e.to_string())?;
        self.add_imports(&key, &path, &source, &program)?;
        self.compiled.push((key, program));
        Ok(())
    }
}

/// A file name as a module key: `.` and `..` segments resolved as the runtime resolves
/// specifiers (`./main.js` and `main.js` are one module).
fn module_key(path: &str) -> String {
    use qjs_runtime::module::join_specifier;
    match path.strip_prefix('/') {
        Some(rest) => join_specifier("/", &format!("./{rest}")),
        None => join_specifier("", &format!("./{path}")),
    }
}

/// The line (1-based) of the first quoted occurrence of `spec` in `source`.
fn line_of(source: &str, spec: &str) -> usize {
    let at = [format!("'{spec}'"), format!("\"{spec}\"")]
        .iter()
        .filter_map(|q| source.find(q.as_str()))
        .min()
        .unwrap_or(0);
    source[..at].matches('\n').count() + 1
}

fn compile(opts: &Options) -> Result<(), Failure> {
    if opts.kind == Output::RawBytecode && opts.inputs.len() > 1 {
        return Err(Failure::Usage(
            "qjsc: -b writes the bytecode of one input file".to_string(),
        ));
    }
    let (arrays, reach) = compile_inputs(opts)?;
    let disabled = removed_features(opts, &reach)?;
    let mut intrinsics = features::intrinsic_calls(&disabled, &features::Needs::of(&reach));
    // Code compiled at run time (eval, Function) may call import() too.
    if features::eval_kept(&disabled) || arrays.iter().any(|a| a.uses_modules) {
        intrinsics.push(features::MODULES_INTRINSIC);
    }
    let main = |placement| {
        emit::main_c(
            MAIN_TEMPLATE,
            &arrays,
            placement,
            &intrinsics,
            opts.stack_size,
        )
    };
    let rust = rust_out::RustProgram {
        arrays: &arrays,
        intrinsics: &intrinsics,
        disabled: &disabled,
        stack_size: opts.stack_size,
        inputs: &opts.inputs,
        size_optimized: opts.size_optimized,
    };
    match opts.kind {
        Output::CBytecode => write_output(opts, "out.c", emit::bytecode_c(&arrays).as_bytes()),
        Output::CMain => write_output(opts, "out.c", main(emit::Placement::InSource).as_bytes()),
        Output::RawBytecode => {
            // The input is the last array (the modules it imports come first; qjs loads them
            // from their files).
            let bytes = arrays.last().map(|a| a.bytes.as_slice()).unwrap_or(&[]);
            write_output(opts, "out.bin", bytes)
        }
        Output::RustMain => {
            let text = rust_out::main_rs(&rust).map_err(|e| format!("qjsc: {e}"))?;
            write_output(opts, "out.rs", text.as_bytes())
        }
        Output::RustCrate => {
            let dir = opts.output.clone().unwrap_or_else(|| PathBuf::from("."));
            let input = opts.inputs.last().map(PathBuf::as_path);
            let name = rust_out::package_name(input.unwrap_or(Path::new("app")));
            rust_out::write_crate(&dir, &rust, &name, &rust_out::source_dir())
                .map_err(|e| Failure::Usage(format!("qjsc: {e}")))
        }
        Output::Executable => {
            let output = opts
                .output
                .clone()
                .unwrap_or_else(|| PathBuf::from("a.out"));
            let archive = link::Archive {
                eval: !disabled.contains(&"eval"),
                size_optimized: opts.size_optimized,
            };
            // The linker reads the bytecode from an object file when we can write one, whatever
            // its size: a small program links as fast either way (measured), a large one no
            // longer makes cc parse megabytes of string literal.
            let object = objfile::bytecode_object(&arrays);
            let placement = match object {
                Some(_) => emit::Placement::Extern,
                None => emit::Placement::InSource,
            };
            link::link_executable(
                &main(placement),
                object.as_deref(),
                archive,
                &output,
                opts.verbose,
            )
            .map_err(|e| Failure::Compile(format!("qjsc: {e}")))
        }
    }
}

/// The features the program goes without: the `-fno-*` flags, and with `-fauto` what it cannot
/// reach (reported with `-v`). A regular expression literal with `-fno-regexp`, or a BigInt
/// literal with `-fno-bigint`, is an error here, where its position is known; other uses of a
/// removed feature throw when they run.
fn removed_features(opts: &Options, reach: &Reach) -> Result<Vec<&'static str>, Failure> {
    let mut disabled = opts.disabled.clone();
    if opts.auto {
        let found = features::unreachable(reach);
        if opts.verbose {
            if reach.dynamic {
                eprintln!(
                    "qjsc: -fauto: the program can reach globals dynamically (with, direct eval, sloppy `this` or globalThis): every feature is kept"
                );
            } else if found.is_empty() {
                eprintln!("qjsc: -fauto: the program can reach every feature: nothing removed");
            } else {
                let flags: Vec<String> = found.iter().map(|f| format!("-fno-{f}")).collect();
                eprintln!("qjsc: -fauto removed: {}", flags.join(" "));
            }
        }
        for f in found {
            if !disabled.contains(&f) {
                disabled.push(f);
            }
        }
    }
    let literals = [
        (
            "regexp",
            &reach.regexp_literal,
            "a regular expression literal needs RegExp",
        ),
        (
            "bigint",
            &reach.bigint_literal,
            "a BigInt literal needs BigInt",
        ),
    ];
    for (feature, at, what) in literals {
        if let (true, Some((file, line, column))) = (disabled.contains(&feature), at) {
            return Err(Failure::Compile(format!(
                "qjsc: {file}:{line}:{column}: {what}, which -fno-{feature} removes"
            )));
        }
    }
    Ok(disabled)
}

fn write_output(opts: &Options, default: &str, bytes: &[u8]) -> Result<(), Failure> {
    let path = opts.output.as_deref().unwrap_or(Path::new(default));
    std::fs::write(path, bytes).map_err(|e| {
        Failure::Usage(format!(
            "qjsc: cannot write '{}': {}",
            path.display(),
            crate::io_error_text(&e)
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        parse_args(args.iter().map(OsString::from).collect())
    }

    fn opts(args: &[&str]) -> Options {
        match parse(args) {
            Ok(Command::Compile(o)) => o,
            other => panic!("{args:?} gave {other:?}"),
        }
    }

    #[test]
    fn defaults() {
        let o = opts(&["app.js"]);
        assert_eq!(o.inputs, vec![PathBuf::from("app.js")]);
        assert_eq!(o.kind, Output::Executable);
        assert_eq!(o.output, None);
        assert_eq!(o.prefix, "qjsc_");
    }

    #[test]
    fn output_and_names() {
        let o = opts(&["-o", "app", "-N", "my_code", "app.js"]);
        assert_eq!(o.output, Some(PathBuf::from("app")));
        assert_eq!(o.cname.as_deref(), Some("my_code"));
        let o = opts(&["-oapp", "-Nx", "-pfoo_", "-n", "name.js", "app.js"]);
        assert_eq!(o.output, Some(PathBuf::from("app")));
        assert_eq!(o.cname.as_deref(), Some("x"));
        assert_eq!(o.prefix, "foo_");
        assert_eq!(o.script_name.as_deref(), Some("name.js"));
    }

    #[test]
    fn kinds_and_grouping() {
        assert_eq!(opts(&["-c", "a.js"]).kind, Output::CBytecode);
        assert_eq!(opts(&["-e", "a.js"]).kind, Output::CMain);
        assert_eq!(opts(&["-c", "-e", "a.js"]).kind, Output::CMain);
        let o = opts(&["-xvse", "-o", "out.c", "a.js"]);
        assert!(o.byte_swap && o.verbose);
        assert_eq!(o.strip, 1);
        assert!(!o.keep_source);
        assert!(opts(&["--keep-source", "a.js"]).keep_source);
        assert_eq!(o.kind, Output::CMain);
        assert_eq!(o.output, Some(PathBuf::from("out.c")));
        let o = opts(&["-eo", "x.c", "a.js"]);
        assert_eq!(o.kind, Output::CMain);
        assert_eq!(o.output, Some(PathBuf::from("x.c")));
    }

    #[test]
    fn feature_flags() {
        let o = opts(&["-fno-eval", "-flto", "-fno-date", "-fno-eval", "a.js"]);
        assert_eq!(o.disabled, vec!["eval", "date"]);
        assert!(o.lto);
        assert!(parse(&["-fno-nonsense", "a.js"])
            .unwrap_err()
            .contains("-fno-nonsense"));
        assert!(parse(&["-fbignum", "a.js"]).is_err());
        assert!(opts(&["-Os", "a.js"]).size_optimized);
        assert!(!opts(&["a.js"]).size_optimized);
        assert!(parse(&["-O", "a.js"]).is_err());
    }

    #[test]
    fn rust_outputs() {
        assert_eq!(opts(&["--rust", "a.js"]).kind, Output::RustMain);
        let o = opts(&["--rust-crate", "app", "-fno-eval", "a.js"]);
        assert_eq!(o.kind, Output::RustCrate);
        assert_eq!(o.output, Some(PathBuf::from("app")));
        assert!(parse(&["a.js", "--rust-crate"]).is_err());
    }

    #[test]
    fn help_and_errors() {
        assert_eq!(parse(&["-h"]), Ok(Command::Help));
        assert_eq!(parse(&["--help"]), Ok(Command::Help));
        assert!(parse(&[]).unwrap_err().contains("no input file"));
        assert!(parse(&["-o"]).unwrap_err().contains("requires an argument"));
        assert!(parse(&["-q", "a.js"]).unwrap_err().contains("'-q'"));
        assert!(parse(&["--frobnicate", "a.js"]).is_err());
        assert!(opts(&["-m", "a.js"]).module);
        assert!(opts(&["-cm", "a.js"]).module);
        assert!(!opts(&["a.mjs"]).module);
        assert!(parse(&["-N", "1bad", "a.js"])
            .unwrap_err()
            .contains("C identifier"));
        assert!(parse(&["-N", "x", "a.js", "b.js"]).is_err());
        assert_eq!(
            opts(&["--", "-weird.js"]).inputs,
            vec![PathBuf::from("-weird.js")]
        );
        assert_eq!(opts(&["-"]).inputs, vec![PathBuf::from("-")]);
    }

    #[test]
    fn usage_lists_every_option() {
        let u = usage();
        for opt in [
            "-o output",
            "-c ",
            "-e ",
            "-N cname",
            "-p prefix",
            "-n name",
            "-m ",
            "-x ",
            "-s ",
            "--keep-source",
            "-v ",
            "-h",
            "-flto",
            "-fno-[date|eval",
            "--rust ",
            "--rust-crate dir",
        ] {
            assert!(u.contains(opt), "usage lacks {opt}");
        }
    }
}
