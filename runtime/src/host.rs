//! The host layer: output, the `print`/`console.log`/`scriptArgs` helpers (QuickJS's
//! `js_std_add_helpers`), error reporting, and running a program as the command-line tools do.
use crate::atom::names;
use crate::function::{Args, LoadedProgram};
use crate::object::{ObjectKind, Slot};
use crate::runtime::{JsResult, Runtime};
use crate::shape::WC;
use crate::string::JsString;
use crate::value::{Value, V};
use alloc::string::String;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicUsize, Ordering};

fn write_fd(fd: i32, s: &[u8]) {
    let mut rest = s;
    while !rest.is_empty() {
        // SAFETY: the pointer and length describe a live byte slice.
        let n = unsafe { libc::write(fd, rest.as_ptr().cast(), rest.len()) };
        if n <= 0 {
            return;
        }
        rest = &rest[n as usize..];
    }
}

pub fn write_stdout(s: &str) {
    write_fd(1, s.as_bytes());
}

pub fn write_stderr(s: &str) {
    write_fd(2, s.as_bytes());
}

static LEAKED: AtomicUsize = AtomicUsize::new(0);

/// Called when a runtime is dropped while GC boxes are still referenced from outside it.
pub fn report_leak(n: usize) {
    LEAKED.fetch_add(n, Ordering::Relaxed);
    write_stderr(&crate::text!(
        "qjs: ",
        n,
        " objects still referenced at runtime teardown\n"
    ));
}

/// Total boxes leaked by all runtimes torn down so far (tests assert it stays zero).
pub fn leaked_boxes() -> usize {
    LEAKED.load(Ordering::Relaxed)
}

pub fn random_seed() -> u64 {
    // SAFETY: time(NULL) has no preconditions.
    let t = unsafe { libc::time(core::ptr::null_mut()) } as u64;
    let addr = &t as *const u64 as u64;
    t.wrapping_mul(0x9E3779B97F4A7C15) ^ addr
}

/// How console.log shows a value: strings as they are, other values inspected.
pub fn display(rt: &mut Runtime, v: &Value) -> String {
    match v.get() {
        V::Str(s) => s.to_rust_string(),
        _ => inspect(rt, v, 0),
    }
}

fn quote(s: &JsString) -> String {
    let mut out = String::from("'");
    for c in s.to_rust_string().chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A short, side-effect-free rendering in the style of QuickJS-ng and Node.
fn inspect(rt: &mut Runtime, v: &Value, depth: usize) -> String {
    match v.get() {
        V::Str(s) => quote(s),
        V::BigInt(b) => match rt.bigint_ops {
            Some(ops) => crate::text!((ops.to_decimal)(b), "n"),
            None => String::new(),
        },
        // ToString gives "0"; inspection keeps the sign, as Node's does.
        V::Float(f) if f == 0.0 && f.is_sign_negative() => String::from("-0"),
        V::Symbol(a) => {
            let d = rt
                .atoms
                .symbol_description(a)
                .unwrap_or_else(JsString::empty);
            crate::text!("Symbol(", d.to_rust_string(), ")")
        }
        V::Object(o) => {
            let o = o.clone();
            let kind = {
                let b = o.borrow();
                match &b.kind {
                    ObjectKind::Closure(_) | ObjectKind::Native(_) | ObjectKind::Bound(_) => 1,
                    ObjectKind::Error => 2,
                    ObjectKind::Array { .. } => 3,
                    _ => 0,
                }
            };
            match kind {
                1 => {
                    let n = rt.function_name(&o).to_rust_string();
                    if n.is_empty() {
                        String::from("[Function (anonymous)]")
                    } else {
                        crate::text!("[Function: ", n, "]")
                    }
                }
                2 => error_text(rt, v),
                _ if depth > 2 => String::from(if kind == 3 { "[Array]" } else { "[Object]" }),
                _ => {
                    let keys = rt.own_keys(&o);
                    let mut parts: Vec<String> = Vec::new();
                    for k in keys {
                        if kind == 3 && k == names::length {
                            continue;
                        }
                        let slot = crate::property::own_slot(&o.borrow(), k);
                        let Some((slot, flags)) = slot else { continue };
                        if flags & crate::shape::ENUMERABLE == 0 {
                            continue;
                        }
                        let val = match slot {
                            Slot::Data(d) => inspect(rt, &d, depth + 1),
                            Slot::Accessor { .. } => String::from("[Getter/Setter]"),
                        };
                        if kind == 3 && k.as_index().is_some() {
                            parts.push(val);
                        } else {
                            let name = rt.atoms.text(k).to_rust_string();
                            let ident = !name.is_empty()
                                && name
                                    .chars()
                                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
                                && !name.starts_with(|c: char| c.is_ascii_digit());
                            let key = if rt.atoms.is_symbol(k) {
                                crate::text!("[", inspect(rt, &Value::symbol(k), depth), "]")
                            } else if ident {
                                name
                            } else {
                                quote(&rt.atoms.text(k))
                            };
                            parts.push(crate::text!(key, ": ", val));
                        }
                    }
                    if kind == 3 {
                        if parts.is_empty() {
                            String::from("[]")
                        } else {
                            crate::text!("[ ", parts.join(", "), " ]")
                        }
                    } else if parts.is_empty() {
                        String::from("{}")
                    } else {
                        crate::text!("{ ", parts.join(", "), " }")
                    }
                }
            }
        }
        _ => {
            let s = rt.to_string(v).map(|s| s.to_rust_string());
            s.unwrap_or_default()
        }
    }
}

/// "Name: message" of an error (or ToString of another value), never throwing.
fn error_text(rt: &mut Runtime, v: &Value) -> String {
    match rt.to_string(v) {
        Ok(s) => s.to_rust_string(),
        Err(_) => {
            rt.take_exception();
            String::from("[exception]")
        }
    }
}

/// Prints an uncaught exception as QuickJS's `js_std_dump_error` does: the value, then the
/// stack for errors.
pub fn dump_exception(rt: &mut Runtime, exc: &Value) {
    let mut out = error_text(rt, exc);
    out.push('\n');
    if let Some(o) = exc.as_object() {
        if matches!(o.borrow().kind, ObjectKind::Error) {
            if let Ok(stack) = rt.get(exc, names::stack) {
                if let Some(s) = stack.as_string() {
                    out.push_str(&s.to_rust_string());
                }
            }
        }
    }
    write_stderr(&out);
}

fn print(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let mut line = String::new();
    for (i, v) in a.args.iter().enumerate() {
        if i > 0 {
            line.push(' ');
        }
        line.push_str(&display(rt, v));
    }
    line.push('\n');
    rt.write_output(&line);
    Ok(Value::UNDEFINED)
}

/// `print`, `console.log` and `scriptArgs` on the global object.
pub fn add_helpers(rt: &mut Runtime, script_args: &[String]) {
    let g = rt.global();
    rt.define_method(&g, "print", print, 1);
    let console = rt.new_object();
    rt.define_method(&console, "log", print, 1);
    rt.define_method(&console, "info", print, 1);
    rt.define_method(&console, "warn", print, 1);
    rt.define_method(&console, "error", print, 1);
    let k = rt.intern("console");
    rt.define_value(&g, k, Value::object(console), WC);
    let args: Vec<Value> = script_args.iter().map(|s| Value::str(s)).collect();
    let arr = rt.new_array(args);
    let k = rt.intern("scriptArgs");
    rt.define_value(&g, k, Value::object(arr), WC);
}

/// The command-line arguments of a C `main(argc, argv)`, for [`add_helpers`] (lossy UTF-8).
///
/// # Safety
/// `argv` holds `argc` pointers, each null or a NUL-terminated string, as C's `main` receives.
pub unsafe fn args_from_argv(argc: i32, argv: *const *const u8) -> Vec<String> {
    let mut args: Vec<String> = Vec::new();
    if argv.is_null() {
        return args;
    }
    for i in 0..argc.max(0) as usize {
        // SAFETY: argv has argc entries (contract).
        let p = unsafe { *argv.add(i) };
        if p.is_null() {
            break;
        }
        // SAFETY: each entry is a NUL-terminated string (contract).
        let len = unsafe { libc::strlen(p.cast()) };
        // SAFETY: as above, `len` bytes are readable.
        let bytes = unsafe { core::slice::from_raw_parts(p, len) };
        args.push(String::from_utf8_lossy(bytes).into_owned());
    }
    args
}

/// The engine's `max_stack` for qjsc's `-S n` (`JS_SetMaxStackSize`): 0 means no limit.
pub fn stack_limit(bytes: usize) -> usize {
    if bytes == 0 {
        usize::MAX
    } else {
        bytes
    }
}

/// What a compiled program's `main()` does after registering its intrinsics and helpers: runs
/// its bytecode in order (modules it imports are `load_only`: registered, not run), stopping at
/// the first that throws, then the job queue. The exit code: 0, or 1 when something was
/// reported. (qjsc's C `main()` makes the same calls through the C API, one per array.)
pub fn run_compiled(rt: &mut Runtime, bytecode: &[(&[u8], bool)]) -> i32 {
    for &(bytes, load_only) in bytecode {
        let code = if load_only {
            load_binary(rt, bytes)
        } else {
            eval_binary(rt, bytes)
        };
        if code != 0 {
            return 1;
        }
    }
    run_jobs(rt)
}

/// Loads verified bytecode into `rt` and runs it; prints an uncaught exception. 0 or 1.
pub fn eval_binary(rt: &mut Runtime, bytes: &[u8]) -> i32 {
    match qjs_bytecode::read(bytes) {
        Ok(p) => eval_program(rt, p),
        Err(e) => {
            write_stderr(&crate::text!("qjs: ", e, "\n"));
            1
        }
    }
}

/// Runs a compiled script in `rt`'s realm; the exception stays pending on error.
pub fn exec_program(rt: &mut Runtime, p: qjs_bytecode::Program) -> JsResult<Value> {
    let prog = load(rt, p)?;
    crate::interp::run_program(rt, &prog)
}

/// [`LoadedProgram::load`], with a failure thrown as a SyntaxError.
pub(crate) fn load(
    rt: &mut Runtime,
    p: qjs_bytecode::Program,
) -> JsResult<alloc::rc::Rc<LoadedProgram>> {
    LoadedProgram::load(rt, p).map_err(|e| {
        let msg = crate::text!(e);
        rt.throw_error(crate::runtime::ErrorType::SyntaxError, &msg)
    })
}

/// Runs a compiled script and prints an uncaught exception. 0 or 1.
/// Loads and runs bytecode without printing anything (the exception stays pending).
pub fn eval_binary_quiet(
    rt: &mut Runtime,
    bytes: &[u8],
) -> Result<JsResult<Value>, qjs_bytecode::LoadError> {
    let p = qjs_bytecode::read(bytes)?;
    Ok(exec_program(rt, p))
}

pub fn eval_program(rt: &mut Runtime, p: qjs_bytecode::Program) -> i32 {
    if p.module.is_some() {
        // The entry module's key is its file name (that of its main function).
        let key = main_file(&p);
        return eval_module(rt, key, p);
    }
    match exec_program(rt, p) {
        Ok(_) => 0,
        Err(_) => {
            let e = rt.take_exception();
            dump_exception(rt, &e);
            1
        }
    }
}

/// Loads, links and evaluates a compiled module as the entry point of a program (its imports
/// come from the runtime's module loader). The promise of its evaluation, or the exception of
/// loading or linking.
pub fn start_module(
    rt: &mut Runtime,
    key: String,
    p: qjs_bytecode::Program,
) -> JsResult<crate::object::Obj> {
    let hooks = rt.module_hooks()?;
    (hooks.start)(rt, key, p)
}

/// Runs a module as the program's entry point, then the job queue; prints an uncaught
/// exception (of loading, linking or evaluation). Returns the exit code.
pub fn eval_module(rt: &mut Runtime, key: String, p: qjs_bytecode::Program) -> i32 {
    let promise = match start_module(rt, key, p) {
        Ok(p) => p,
        Err(_) => {
            let e = rt.take_exception();
            dump_exception(rt, &e);
            return 1;
        }
    };
    if let Some((false, e)) = crate::builtins::promise::promise_outcome(&promise) {
        dump_exception(rt, &e);
        return 1;
    }
    let mut code = run_jobs(rt);
    if let Some((false, e)) = crate::builtins::promise::promise_outcome(&promise) {
        dump_exception(rt, &e);
        code = 1;
    }
    code
}

/// Registers a compiled module without running it (qjsc's modules other than the entry point:
/// `js_std_eval_binary(…, load_only = 1)`); its key is its file name. 0 or 1 (printed).
pub fn load_binary(rt: &mut Runtime, bytes: &[u8]) -> i32 {
    let p = match qjs_bytecode::read(bytes) {
        Ok(p) => p,
        Err(e) => {
            write_stderr(&crate::text!("qjs: ", e, "\n"));
            return 1;
        }
    };
    if p.module.is_none() {
        return 0;
    }
    // qjsc compiles the files it reaches through `with { type: "json" }` as JSON modules.
    let key = main_file(&p);
    let json = key.ends_with(".json");
    match rt
        .module_hooks()
        .and_then(|hooks| (hooks.add)(rt, key, json, p))
    {
        Ok(_) => 0,
        Err(_) => {
            let e = rt.take_exception();
            dump_exception(rt, &e);
            1
        }
    }
}

/// The file name of a program's main function.
fn main_file(p: &qjs_bytecode::Program) -> String {
    p.functions
        .get(p.main as usize)
        .and_then(|f| p.atoms.get(f.filename as usize))
        .map(|units| String::from_utf16_lossy(units))
        .unwrap_or_default()
}

/// Runs pending jobs until none is left (QuickJS's `js_std_loop`), then reports rejected
/// promises that never got a handler, as QuickJS does. 0, or 1 when something was reported.
pub fn run_jobs(rt: &mut Runtime) -> i32 {
    let mut code = 0;
    // The script (or the previous call's last job) has ended.
    rt.clear_kept_objects();
    loop {
        while let Some(job) = rt.jobs.pop_front() {
            let Some(run) = rt.job_runner else { break };
            if run(rt, job).is_err() {
                let e = rt.take_exception();
                dump_exception(rt, &e);
                code = 1;
            }
            rt.clear_kept_objects();
        }
        // FinalizationRegistry cleanup jobs, for registrations whose targets died meanwhile.
        let due = rt.heap().take_pending_cleanups();
        if due.is_empty() {
            break;
        }
        let Some(cleanup) = rt.cleanup_runner else {
            break;
        };
        for owner in due {
            if cleanup(rt, &owner).is_err() {
                let e = rt.take_exception();
                dump_exception(rt, &e);
                code = 1;
            }
            rt.clear_kept_objects();
        }
    }
    for p in core::mem::take(&mut rt.unhandled_rejections) {
        let reason = match &p.borrow().kind {
            ObjectKind::Promise(d) => d.result.clone(),
            _ => continue,
        };
        write_stderr("Possibly unhandled promise rejection: ");
        dump_exception(rt, &reason);
        code = 1;
    }
    code
}

/// Loads (verifying) bytecode, runs it and then the job queue. Returns the exit code.
pub fn run_bytecode(bytes: &[u8], script_args: &[String]) -> i32 {
    let mut rt = Runtime::new();
    add_helpers(&mut rt, script_args);
    let mut code = eval_binary(&mut rt, bytes);
    if code == 0 {
        code = run_jobs(&mut rt);
    }
    code
}

/// Like [`run_bytecode`] for a program already in memory (verified first).
pub fn run_program(program: qjs_bytecode::Program, script_args: &[String]) -> i32 {
    run_program_with(program, script_args, None)
}

/// [`run_program`] with a compiler for `Function(...)` (qjs keeps the compiler).
pub fn run_program_with(
    program: qjs_bytecode::Program,
    script_args: &[String],
    compiler: Option<crate::runtime::FunctionCompiler>,
) -> i32 {
    let hooks = HostHooks {
        compiler,
        loader: None,
        module_key: None,
    };
    run_with_host(program, script_args, hooks)
}

/// What a host that keeps the compiler gives the runtime.
pub struct HostHooks {
    pub compiler: Option<crate::runtime::FunctionCompiler>,
    pub loader: Option<alloc::boxed::Box<dyn crate::module::ModuleLoader>>,
    /// Run the program as the module with this key (a script when `None`).
    pub module_key: Option<String>,
}

/// [`run_program`] with a compiler for `Function(...)`, a module loader for `import`, and the
/// program run as a module when `module_key` is given.
pub fn run_with_host(
    program: qjs_bytecode::Program,
    script_args: &[String],
    hooks: HostHooks,
) -> i32 {
    if let Err(e) = qjs_bytecode::verify::verify(&program) {
        write_stderr(&crate::text!("qjs: ", e, "\n"));
        return 1;
    }
    let mut rt = Runtime::new();
    if let Some(compile) = hooks.compiler {
        rt.set_function_compiler(compile);
    }
    rt.modules.loader = hooks.loader;
    add_helpers(&mut rt, script_args);
    if let Some(key) = hooks.module_key {
        return eval_module(&mut rt, key, program);
    }
    let mut code = eval_program(&mut rt, program);
    if code == 0 {
        code = run_jobs(&mut rt);
    }
    code
}
