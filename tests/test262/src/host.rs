//! The host-defined bindings of INTERPRETING.md: `print` (captured) and the `$262` object.
use qjs_runtime::function::Args;
use qjs_runtime::shape::WC;
use qjs_runtime::{ErrorType, JsResult, Runtime, Value};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Output kept per test: enough for any message a test prints, bounded for runaway loops.
const MAX_OUTPUT: usize = 1 << 20;

/// What `print` wrote during one test.
#[derive(Clone, Default)]
pub struct Output(Rc<RefCell<String>>);

impl Output {
    pub fn text(&self) -> String {
        self.0.borrow().clone()
    }
}

/// Installs `print` (and `console.log`), capturing into the returned buffer, and `$262`.
pub fn install(rt: &mut Runtime) -> Output {
    let out = Output::default();
    let sink = out.0.clone();
    rt.output = Some(Box::new(move |s: &str| {
        let mut b = sink.borrow_mut();
        if b.len() + s.len() <= MAX_OUTPUT {
            b.push_str(s);
        }
    }));
    qjs_runtime::host::add_helpers(rt, &[]);
    add_262(rt);
    out
}

fn add_262(rt: &mut Runtime) {
    let global = rt.global();
    let o = rt.new_object();
    let k = rt.intern("global");
    rt.define_value(&o, k, Value::object(global.clone()), WC);
    rt.define_method(&o, "gc", gc, 0);
    rt.define_method(&o, "evalScript", eval_script, 1);
    rt.define_method(&o, "createRealm", create_realm, 0);
    rt.define_method(&o, "detachArrayBuffer", detach_array_buffer, 1);
    // No IsHTMLDDA (tests that need it are skipped by the `IsHTMLDDA` feature) and no
    // AbstractModuleSource (no source-phase imports).
    let agent = rt.new_object();
    for name in [
        "start",
        "broadcast",
        "getReport",
        "receiveBroadcast",
        "report",
        "leaving",
    ] {
        rt.define_method(&agent, name, no_agents, 1);
    }
    rt.define_method(&agent, "sleep", sleep, 1);
    rt.define_method(&agent, "monotonicNow", monotonic_now, 0);
    let k = rt.intern("agent");
    rt.define_value(&o, k, Value::object(agent), WC);
    let k = rt.intern("$262");
    rt.define_value(&global, k, Value::object(o), WC);
}

fn gc(rt: &mut Runtime, _: &Args) -> JsResult<Value> {
    rt.collect_garbage();
    Ok(Value::UNDEFINED)
}

/// ParseScript + ScriptEvaluation in the current realm; a parse error is thrown as a
/// SyntaxError. Constructs the compiler does not support yet throw an InternalError, so that
/// they can never pass for an expected SyntaxError.
fn eval_script(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let source = rt.to_string(&a.get(0))?.to_rust_string();
    match qjs_compiler::compile_script(&source, "evalScript") {
        Ok(program) => qjs_runtime::host::exec_program(rt, program),
        Err(e) => {
            let t = match e.kind {
                qjs_compiler::ErrorKind::Syntax => ErrorType::SyntaxError,
                qjs_compiler::ErrorKind::Unsupported => ErrorType::InternalError,
            };
            Err(rt.throw_error(t, &e.message))
        }
    }
}

fn create_realm(rt: &mut Runtime, _: &Args) -> JsResult<Value> {
    Err(rt.throw_error(
        ErrorType::InternalError,
        "$262.createRealm: the runtime has a single realm",
    ))
}

fn detach_array_buffer(rt: &mut Runtime, _: &Args) -> JsResult<Value> {
    Err(rt.type_error("$262.detachArrayBuffer: no ArrayBuffer in this engine"))
}

fn no_agents(rt: &mut Runtime, _: &Args) -> JsResult<Value> {
    Err(rt.throw_error(
        ErrorType::InternalError,
        "$262.agent: no agents (no threads)",
    ))
}

fn sleep(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let ms = rt.to_number(&a.get(0))?;
    if ms.is_finite() && ms > 0.0 {
        std::thread::sleep(Duration::from_secs_f64(ms.min(60_000.0) / 1000.0));
    }
    Ok(Value::UNDEFINED)
}

fn monotonic_now(_: &mut Runtime, _: &Args) -> JsResult<Value> {
    static START: OnceLock<Instant> = OnceLock::new();
    let start = START.get_or_init(Instant::now);
    Ok(Value::number(start.elapsed().as_secs_f64() * 1000.0))
}
