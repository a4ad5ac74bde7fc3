//! Promise (ECMA-262 27.2), the job queue, and the `await` machinery of async functions.
//!
//! Reactions are either JavaScript handlers or the resumption of a suspended async function
//! frame (`Handler::AsyncResume`), so `await` needs no closure objects. Jobs live in
//! `Runtime::jobs` and run after the script (`host::run_jobs`), as QuickJS's `js_std_loop` does.
// Without the `promise` feature the group's registration is not compiled; what only it reaches
// is then unreferenced (never code-generated), while the parts the base uses stay.
#![cfg_attr(not(feature = "promise"), allow(dead_code, unused_imports))]
use super::generator::{async_promise, new_async_state, run_suspended, take_frame, Outcome};
use crate::atom::names;
use crate::function::Args;
use crate::gc::Gc;
use crate::interp::SavedFrame;
use crate::object::{Obj, ObjectKind};
use crate::runtime::{JsResult, Runtime};
use crate::shape::{CONFIGURABLE, WC};
use crate::value::Value;
use alloc::boxed::Box;
use alloc::vec::Vec;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum PromiseState {
    Pending,
    Fulfilled,
    Rejected,
}

/// A promise's internal slots.
pub struct PromiseData {
    pub state: PromiseState,
    pub result: Value,
    fulfill_reactions: Vec<Reaction>,
    reject_reactions: Vec<Reaction>,
    pub handled: bool,
}

impl PromiseData {
    pub fn trace(&self, f: &mut dyn FnMut(&Gc)) {
        self.result.trace(f);
        for r in self.fulfill_reactions.iter().chain(&self.reject_reactions) {
            r.trace(f);
        }
    }
}

/// PromiseCapability Record.
#[derive(Clone)]
pub struct Capability {
    pub promise: Value,
    pub resolve: Value,
    pub reject: Value,
}

#[derive(Clone)]
pub enum Handler {
    /// A callable, or undefined (pass the value through).
    Js(Value),
    /// Resume the async function whose state object this is.
    AsyncResume(Obj),
    /// Settle the front `return()` request of this finished async generator
    /// (AsyncGeneratorAwaitReturn).
    AsyncGenReturn(Obj),
}

#[derive(Clone)]
pub struct Reaction {
    capability: Option<Capability>,
    fulfill: bool,
    handler: Handler,
}

impl Reaction {
    fn trace(&self, f: &mut dyn FnMut(&Gc)) {
        if let Some(c) = &self.capability {
            c.promise.trace(f);
            c.resolve.trace(f);
            c.reject.trace(f);
        }
        match &self.handler {
            Handler::Js(v) => v.trace(f),
            Handler::AsyncResume(o) | Handler::AsyncGenReturn(o) => f(o.gc()),
        }
    }
}

/// A queued job (27.2.2).
pub enum Job {
    Reaction(Reaction, Value),
    ResolveThenable {
        promise: Obj,
        thenable: Value,
        then: Value,
    },
}

fn promise_data<R>(o: &Obj, f: impl FnOnce(&mut PromiseData) -> R) -> Option<R> {
    match &mut o.borrow_mut().kind {
        ObjectKind::Promise(p) => Some(f(p)),
        _ => None,
    }
}

pub fn is_promise(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|o| matches!(o.borrow().kind, ObjectKind::Promise(_)))
}

/// A new pending promise of the intrinsic %Promise%.
pub(crate) fn new_promise(rt: &mut Runtime) -> Obj {
    let proto = rt.realm.promise_proto.clone();
    new_promise_object(rt, &proto)
}

fn new_promise_object(rt: &mut Runtime, proto: &Obj) -> Obj {
    let data = PromiseData {
        state: PromiseState::Pending,
        result: Value::UNDEFINED,
        fulfill_reactions: Vec::new(),
        reject_reactions: Vec::new(),
        handled: false,
    };
    rt.alloc_object(Some(proto), ObjectKind::Promise(Box::new(data)))
}

/// CreateResolvingFunctions (27.2.1.3): natives whose data is [promise, already-resolved cell].
fn create_resolving_functions(rt: &mut Runtime, promise: &Obj) -> (Value, Value) {
    let flag = Value::cell(rt.new_cell(Value::FALSE));
    let data = alloc::vec![Value::object(promise.clone()), flag];
    let resolve = rt.new_native_with_data("", resolve_function, 1, 0, data.clone());
    let reject = rt.new_native_with_data("", resolve_function, 1, 1, data);
    (Value::object(resolve), Value::object(reject))
}

/// The resolve (magic 0) and reject (magic 1) functions of a promise.
fn resolve_function(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let data = crate::function::native_data(a.callee);
    let (Some(promise), Some(flag)) = (
        data.first().and_then(|p| p.as_object().cloned()),
        data.get(1).and_then(|c| c.as_cell().cloned()),
    ) else {
        return Ok(Value::UNDEFINED);
    };
    if crate::interp::cell_value(&flag).truthy() {
        return Ok(Value::UNDEFINED);
    }
    crate::interp::set_cell_value(&flag, Value::TRUE);
    if a.magic == 1 {
        reject_promise(rt, &promise, a.get(0));
        return Ok(Value::UNDEFINED);
    }
    resolve_promise(rt, &promise, a.get(0));
    Ok(Value::UNDEFINED)
}

/// The body of a promise's resolve function once it has not been resolved before.
pub fn resolve_promise(rt: &mut Runtime, promise: &Obj, resolution: Value) {
    if resolution.as_object().is_some_and(|r| r.ptr_eq(promise)) {
        let e = crate::builtins::error::new_error(
            rt,
            crate::runtime::ErrorType::TypeError,
            crate::string::JsString::from_str("a promise cannot be resolved with itself"),
        );
        reject_promise(rt, promise, Value::object(e));
        return;
    }
    if !resolution.is_object() {
        fulfill_promise(rt, promise, resolution);
        return;
    }
    let then = match rt.get(&resolution, names::then) {
        Ok(t) => t,
        Err(_) => {
            let e = rt.take_exception();
            reject_promise(rt, promise, e);
            return;
        }
    };
    if !rt.is_callable(&then) {
        fulfill_promise(rt, promise, resolution);
        return;
    }
    enqueue(
        rt,
        Job::ResolveThenable {
            promise: promise.clone(),
            thenable: resolution,
            then,
        },
    );
}

fn settle(rt: &mut Runtime, promise: &Obj, value: Value, fulfilled: bool) {
    let reactions = promise_data(promise, |p| {
        if p.state != PromiseState::Pending {
            return Vec::new();
        }
        p.state = if fulfilled {
            PromiseState::Fulfilled
        } else {
            PromiseState::Rejected
        };
        p.result = value.clone();
        let f = core::mem::take(&mut p.fulfill_reactions);
        let r = core::mem::take(&mut p.reject_reactions);
        if fulfilled {
            f
        } else {
            r
        }
    })
    .unwrap_or_default();
    if !fulfilled && !promise_data(promise, |p| p.handled).unwrap_or(true) {
        rt.unhandled_rejections.push(promise.clone());
    }
    for r in reactions {
        enqueue(rt, Job::Reaction(r, value.clone()));
    }
}

pub fn fulfill_promise(rt: &mut Runtime, promise: &Obj, value: Value) {
    settle(rt, promise, value, true);
}

pub fn reject_promise(rt: &mut Runtime, promise: &Obj, reason: Value) {
    settle(rt, promise, reason, false);
}

/// PerformPromiseThen (27.2.5.4.1).
pub(crate) fn perform_then(
    rt: &mut Runtime,
    promise: &Obj,
    on_fulfilled: Handler,
    on_rejected: Handler,
    capability: Option<Capability>,
) {
    let fr = Reaction {
        capability: capability.clone(),
        fulfill: true,
        handler: on_fulfilled,
    };
    let rr = Reaction {
        capability,
        fulfill: false,
        handler: on_rejected,
    };
    let settled = promise_data(promise, |p| {
        let was_handled = p.handled;
        p.handled = true;
        match p.state {
            PromiseState::Pending => {
                p.fulfill_reactions.push(fr.clone());
                p.reject_reactions.push(rr.clone());
                None
            }
            PromiseState::Fulfilled => Some((fr.clone(), p.result.clone(), was_handled)),
            PromiseState::Rejected => Some((rr.clone(), p.result.clone(), was_handled)),
        }
    })
    .flatten();
    if let Some((reaction, value, was_handled)) = settled {
        if !reaction.fulfill && !was_handled {
            rt.unhandled_rejections.retain(|p| !p.ptr_eq(promise));
        }
        enqueue(rt, Job::Reaction(reaction, value));
    }
}

/// Runs one job. Exceptions inside jobs settle promises; none escape.
/// HostEnqueuePromiseJob: the queue's runner comes with the first job (see
/// `Runtime::job_runner`).
fn enqueue(rt: &mut Runtime, job: Job) {
    rt.job_runner = Some(run_job);
    rt.jobs.push_back(job);
}

pub fn run_job(rt: &mut Runtime, job: Job) -> JsResult<()> {
    match job {
        Job::ResolveThenable {
            promise,
            thenable,
            then,
        } => {
            let (resolve, reject) = create_resolving_functions(rt, &promise);
            if rt
                .call(&then, thenable, &[resolve, reject.clone()])
                .is_err()
            {
                let e = rt.take_exception();
                rt.call(&reject, Value::UNDEFINED, &[e])?;
            }
            Ok(())
        }
        Job::Reaction(r, argument) => {
            let result = match &r.handler {
                Handler::AsyncResume(state) => {
                    async_resume(rt, state, argument, !r.fulfill);
                    return Ok(());
                }
                Handler::AsyncGenReturn(g) => {
                    super::async_generator::return_settled(rt, g, argument, r.fulfill);
                    return Ok(());
                }
                Handler::Js(h) if h.is_undefined() => {
                    if r.fulfill {
                        Ok(argument)
                    } else {
                        Err(argument)
                    }
                }
                Handler::Js(h) => match rt.call(h, Value::UNDEFINED, &[argument]) {
                    Ok(v) => Ok(v),
                    Err(_) => Err(rt.take_exception()),
                },
            };
            let Some(cap) = r.capability else {
                return Ok(());
            };
            match result {
                Ok(v) => rt.call(&cap.resolve, Value::UNDEFINED, &[v])?,
                Err(e) => rt.call(&cap.reject, Value::UNDEFINED, &[e])?,
            };
            Ok(())
        }
    }
}

/// NewPromiseCapability(C) (27.2.1.5).
pub fn new_capability(rt: &mut Runtime, c: &Value) -> JsResult<Capability> {
    let intrinsic = c
        .as_object()
        .is_some_and(|o| o.ptr_eq(&rt.realm.promise_ctor));
    if intrinsic {
        let proto = rt.realm.promise_proto.clone();
        let p = new_promise_object(rt, &proto);
        let (resolve, reject) = create_resolving_functions(rt, &p);
        return Ok(Capability {
            promise: Value::object(p),
            resolve,
            reject,
        });
    }
    if !rt.is_constructor(c) {
        return Err(rt.type_error("not a constructor"));
    }
    let executor = rt.new_native_with_data(
        "",
        capability_executor,
        2,
        0,
        alloc::vec![Value::UNDEFINED, Value::UNDEFINED],
    );
    let promise = rt.construct(c, &[Value::object(executor.clone())], None)?;
    let data = crate::function::native_data(&executor);
    let (resolve, reject) = (data[0].clone(), data[1].clone());
    if !rt.is_callable(&resolve) || !rt.is_callable(&reject) {
        return Err(rt.type_error("promise capability functions are not callable"));
    }
    Ok(Capability {
        promise,
        resolve,
        reject,
    })
}

/// GetCapabilitiesExecutor: stores resolve and reject in its data.
fn capability_executor(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let data = crate::function::native_data(a.callee);
    if !data[0].is_undefined() || !data[1].is_undefined() {
        return Err(rt.type_error("promise capability executor already called"));
    }
    crate::function::set_native_data(a.callee, alloc::vec![a.get(0), a.get(1)]);
    Ok(Value::UNDEFINED)
}

/// PromiseResolve(C, x) (27.2.4.7.1).
pub fn promise_resolve(rt: &mut Runtime, c: &Value, x: Value) -> JsResult<Value> {
    if is_promise(&x) {
        let ctor = rt.get(&x, names::constructor)?;
        if ctor.same_value(c) {
            return Ok(x);
        }
    }
    let cap = new_capability(rt, c)?;
    rt.call(&cap.resolve, Value::UNDEFINED, &[x])?;
    Ok(cap.promise)
}

pub(crate) fn promise_ctor(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if !a.is_construct() {
        return Err(rt.type_error("Promise constructor cannot be invoked without 'new'"));
    }
    let executor = a.get(0);
    if !rt.is_callable(&executor) {
        return Err(rt.type_error("Promise resolver is not a function"));
    }
    let proto = rt.proto_from_ctor(a.new_target, |r| r.realm.promise_proto.clone())?;
    let p = new_promise_object(rt, &proto);
    let (resolve, reject) = create_resolving_functions(rt, &p);
    if rt
        .call(&executor, Value::UNDEFINED, &[resolve, reject.clone()])
        .is_err()
    {
        let e = rt.take_exception();
        rt.call(&reject, Value::UNDEFINED, &[e])?;
    }
    Ok(Value::object(p))
}

fn this_promise(rt: &mut Runtime, v: &Value) -> JsResult<Obj> {
    match v.as_object() {
        Some(o) if matches!(o.borrow().kind, ObjectKind::Promise(_)) => Ok(o.clone()),
        _ => Err(rt.type_error("not a promise")),
    }
}

/// SpeciesConstructor(O, %Promise%) (7.3.22).
fn species_constructor(rt: &mut Runtime, o: &Value) -> JsResult<Value> {
    let default = Value::object(rt.realm.promise_ctor.clone());
    rt.species_constructor(o, default)
}

fn then(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let p = this_promise(rt, a.this)?;
    let c = species_constructor(rt, a.this)?;
    let cap = new_capability(rt, &c)?;
    let handler = |rt: &Runtime, v: Value| {
        Handler::Js(if rt.is_callable(&v) {
            v
        } else {
            Value::UNDEFINED
        })
    };
    let (f, r) = (handler(rt, a.get(0)), handler(rt, a.get(1)));
    let result = cap.promise.clone();
    perform_then(rt, &p, f, r, Some(cap));
    Ok(result)
}

fn catch(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let t = rt.get(a.this, names::then)?;
    rt.call(&t, a.this.clone(), &[Value::UNDEFINED, a.get(0)])
}

/// Promise.prototype.finally (27.2.5.3): the handlers call onFinally, then pass the original
/// outcome on (data: [onFinally, C]; magic 0 for fulfilment, 1 for rejection).
fn finally(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if !a.this.is_object() {
        return Err(rt.type_error("Promise.prototype.finally called on a non-object"));
    }
    let c = species_constructor(rt, a.this)?;
    let on_finally = a.get(0);
    let (f, r) = if rt.is_callable(&on_finally) {
        let data = alloc::vec![on_finally, c];
        let f = rt.new_native_with_data("", finally_handler, 1, 0, data.clone());
        let r = rt.new_native_with_data("", finally_handler, 1, 1, data);
        (Value::object(f), Value::object(r))
    } else {
        (on_finally.clone(), on_finally)
    };
    let t = rt.get(a.this, names::then)?;
    rt.call(&t, a.this.clone(), &[f, r])
}

fn finally_handler(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let data = crate::function::native_data(a.callee);
    let (on_finally, c) = (data[0].clone(), data[1].clone());
    let result = rt.call(&on_finally, Value::UNDEFINED, &[])?;
    let p = promise_resolve(rt, &c, result)?;
    // then(() => value) or then(() => { throw reason }).
    let pass = rt.new_native_with_data("", value_thunk, 0, a.magic, alloc::vec![a.get(0)]);
    let t = rt.get(&p, names::then)?;
    rt.call(&t, p, &[Value::object(pass)])
}

/// Returns (magic 0) or throws (magic 1) its stored value.
fn value_thunk(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let v = crate::function::native_data(a.callee)
        .first()
        .cloned()
        .unwrap_or_default();
    if a.magic == 1 {
        return Err(rt.throw(v));
    }
    Ok(v)
}

/// Promise.resolve (magic 0) / Promise.reject (magic 1).
fn resolve_static(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if !a.this.is_object() {
        return Err(rt.type_error("Promise.resolve called on a non-object"));
    }
    if a.magic == 0 {
        return promise_resolve(rt, a.this, a.get(0));
    }
    let cap = new_capability(rt, a.this)?;
    rt.call(&cap.reject, Value::UNDEFINED, &[a.get(0)])?;
    Ok(cap.promise)
}

fn with_resolvers(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let cap = new_capability(rt, a.this)?;
    let o = rt.new_object();
    let k = rt.intern("promise");
    rt.create_data_property(&o, k, cap.promise)?;
    let k = rt.intern("resolve");
    rt.create_data_property(&o, k, cap.resolve)?;
    let k = rt.intern("reject");
    rt.create_data_property(&o, k, cap.reject)?;
    Ok(Value::object(o))
}

/// Promise.try(f, ...args) (27.2.4.8).
fn promise_try(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if !a.this.is_object() {
        return Err(rt.type_error("Promise.try called on a non-object"));
    }
    let cap = new_capability(rt, a.this)?;
    let rest = a.args.get(1..).unwrap_or(&[]);
    match rt.call(&a.get(0), Value::UNDEFINED, rest) {
        Ok(v) => rt.call(&cap.resolve, Value::UNDEFINED, &[v])?,
        Err(_) => {
            let e = rt.take_exception();
            rt.call(&cap.reject, Value::UNDEFINED, &[e])?
        }
    };
    Ok(cap.promise)
}

/// Which combinator (the `magic` of Promise.all, allSettled, any; race has its own loop).
const ALL: u16 = 0;
const ALL_SETTLED: u16 = 1;
const ANY: u16 = 2;
const RACE: u16 = 3;

/// Promise.all / allSettled / any / race (27.2.4.1-5): iterate, resolve each value with
/// `C.resolve`, and count the outstanding elements in a shared cell.
fn combinator(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let c = a.this.clone();
    let cap = new_capability(rt, &c)?;
    match combinator_loop(rt, &c, &cap, a.magic, &a.get(0)) {
        Ok(()) => Ok(cap.promise),
        Err(_) => {
            // IfAbruptRejectPromise.
            let e = rt.take_exception();
            rt.call(&cap.reject, Value::UNDEFINED, &[e])?;
            Ok(cap.promise)
        }
    }
}

fn combinator_loop(
    rt: &mut Runtime,
    c: &Value,
    cap: &Capability,
    kind: u16,
    iterable: &Value,
) -> JsResult<()> {
    let resolve_fn = rt.get(c, crate::atom::names::resolve_)?;
    if !rt.is_callable(&resolve_fn) {
        return Err(rt.type_error("Promise resolve is not callable"));
    }
    let (iter, next) = rt.get_iterator(iterable)?;
    let values = Value::object(rt.new_array(Vec::new()));
    // Outstanding elements, starting at 1 for the iteration itself.
    let remaining = Value::cell(rt.new_cell(Value::int(1)));
    let mut index = 0u32;
    loop {
        let v = match rt.iterator_step(&iter, &next) {
            Ok(Some(v)) => v,
            Ok(None) => break,
            Err(e) => return Err(e),
        };
        let r = (|| -> JsResult<()> {
            let next_promise = rt.call(&resolve_fn, c.clone(), &[v])?;
            let (on_f, on_r) = if kind == RACE {
                (cap.resolve.clone(), cap.reject.clone())
            } else {
                let key = rt.index_atom(index);
                if let Some(arr) = values.as_object() {
                    rt.create_data_property(&arr.clone(), key, Value::UNDEFINED)?;
                }
                bump(&remaining, 1);
                let called = Value::cell(rt.new_cell(Value::FALSE));
                let data = alloc::vec![
                    Value::int(index as i32),
                    values.clone(),
                    remaining.clone(),
                    cap.resolve.clone(),
                    cap.reject.clone(),
                    called
                ];
                let element = |rt: &mut Runtime, fulfilled: bool| -> Value {
                    let magic = kind * 2 + u16::from(!fulfilled);
                    Value::object(rt.new_native_with_data(
                        "",
                        element_function,
                        1,
                        magic,
                        data.clone(),
                    ))
                };
                match kind {
                    ALL => (element(rt, true), cap.reject.clone()),
                    ALL_SETTLED => (element(rt, true), element(rt, false)),
                    _ => (cap.resolve.clone(), element(rt, false)),
                }
            };
            let then = rt.get(&next_promise, names::then)?;
            rt.call(&then, next_promise, &[on_f, on_r])?;
            Ok(())
        })();
        if let Err(e) = r {
            if rt.iterator_close(&iter).is_err() {
                rt.take_exception();
            }
            return Err(e);
        }
        index += 1;
    }
    if kind != RACE && bump(&remaining, -1) == 0 {
        finish(rt, kind, &values, &cap.resolve, &cap.reject)?;
    }
    Ok(())
}

/// Adds `d` to the counter cell and returns the new count.
fn bump(cell: &Value, d: i32) -> i32 {
    let Some(g) = cell.as_cell() else { return 0 };
    let n = crate::interp::cell_value(g).as_int().unwrap_or(0) + d;
    crate::interp::set_cell_value(g, Value::int(n));
    n
}

/// All elements are in: resolve with the values (all, allSettled) or reject with an
/// AggregateError of the reasons (any).
fn finish(
    rt: &mut Runtime,
    kind: u16,
    values: &Value,
    resolve: &Value,
    reject: &Value,
) -> JsResult<()> {
    if kind == ANY {
        let e = crate::builtins::error::new_error(
            rt,
            crate::runtime::ErrorType::AggregateError,
            crate::string::JsString::from_str("All promises were rejected"),
        );
        rt.define_value(&e, names::errors, values.clone(), WC);
        rt.call(reject, Value::UNDEFINED, &[Value::object(e)])?;
    } else {
        rt.call(resolve, Value::UNDEFINED, core::slice::from_ref(values))?;
    }
    Ok(())
}

/// The per-element functions; data: [index, values, remaining, resolve, reject, called];
/// magic = kind * 2 + (0 fulfilled, 1 rejected).
fn element_function(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let d = crate::function::native_data(a.callee);
    let Some(called) = d.get(5).and_then(|c| c.as_cell().cloned()) else {
        return Ok(Value::UNDEFINED);
    };
    if crate::interp::cell_value(&called).truthy() {
        return Ok(Value::UNDEFINED);
    }
    crate::interp::set_cell_value(&called, Value::TRUE);
    let (kind, rejected) = (a.magic / 2, a.magic % 2 == 1);
    let index = d[0].as_int().unwrap_or(0) as u32;
    let v = a.get(0);
    let stored = if kind == ALL_SETTLED {
        let o = rt.new_object();
        let status = if rejected { "rejected" } else { "fulfilled" };
        let k = rt.intern("status");
        rt.create_data_property(&o, k, Value::str(status))?;
        let k = if rejected {
            rt.intern("reason")
        } else {
            names::value
        };
        rt.create_data_property(&o, k, v)?;
        Value::object(o)
    } else {
        v
    };
    let key = rt.index_atom(index);
    if let Some(values) = d[1].as_object() {
        rt.create_data_property(&values.clone(), key, stored)?;
    }
    if bump(&d[2], -1) == 0 {
        finish(rt, kind, &d[1], &d[3], &d[4])?;
    }
    Ok(Value::UNDEFINED)
}

/// The species getter.
fn species(_rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    Ok(a.this.clone())
}

// ---- async functions ----

/// Starts an async function call whose frame stopped at its InitialYield: runs it until the
/// first `await` or its end, and returns its promise.
pub(crate) fn start_async(rt: &mut Runtime, frame: SavedFrame) -> JsResult<Value> {
    let proto = rt.realm.promise_proto.clone();
    let promise = new_promise_object(rt, &proto);
    let state = new_async_state(rt, frame, &promise);
    async_resume(rt, &state, Value::UNDEFINED, false);
    Ok(Value::object(promise))
}

/// Resumes an async function with the settled value of what it awaited.
fn async_resume(rt: &mut Runtime, state: &Obj, value: Value, throw: bool) {
    if super::async_generator::is_async_generator(state) {
        super::async_generator::resume_after_await(rt, state, value, throw);
        return;
    }
    let Some((mut frame, started)) = take_frame(state) else {
        return;
    };
    if throw {
        rt.exception = value;
    } else if started {
        frame.push(value);
    }
    let outcome = run_suspended(rt, state, frame, throw);
    let settled = match outcome {
        Ok(Outcome::Yielded { .. }) => None,
        Ok(Outcome::Returned(v)) => Some(Ok(v)),
        Err(_) => Some(Err(rt.take_exception())),
    };
    if let Some(result) = settled {
        let Some(promise) = async_promise(state) else {
            return;
        };
        match result {
            Ok(v) => resolve_promise(rt, &promise, v),
            Err(e) => reject_promise(rt, &promise, e),
        }
    }
}

/// `await v` in the async function `state` (27.7.5.3): resumes it when v settles.
pub(crate) fn await_value(rt: &mut Runtime, state: &Obj, v: Value) -> JsResult<()> {
    let c = Value::object(rt.realm.promise_ctor.clone());
    let p = promise_resolve(rt, &c, v)?;
    let Some(p) = p.as_object().cloned() else {
        return Ok(());
    };
    perform_then(
        rt,
        &p,
        Handler::AsyncResume(state.clone()),
        Handler::AsyncResume(state.clone()),
        None,
    );
    Ok(())
}

#[cfg(feature = "promise")]
pub fn register(rt: &mut Runtime) {
    let pp = rt.realm.promise_proto.clone();
    let ctor = rt.realm.promise_ctor.clone();
    ctor.borrow_mut().kind = ObjectKind::Native(crate::function::NativeFunction {
        f: promise_ctor,
        magic: 0,
        constructor: true,
        data: Vec::new(),
    });
    rt.define_value(&ctor, names::length, Value::int(1), CONFIGURABLE);
    rt.define_value(&ctor, names::name, Value::str("Promise"), CONFIGURABLE);
    rt.link_constructor(&ctor, &pp);
    rt.define_method(&pp, "then", then, 2);
    rt.define_method(&pp, "catch", catch, 1);
    rt.define_method(&pp, "finally", finally, 1);
    rt.define_value(
        &pp,
        names::Symbol_toStringTag,
        Value::str("Promise"),
        CONFIGURABLE,
    );
    rt.define_method_magic(&ctor, "resolve", resolve_static, 1, 0);
    rt.define_method_magic(&ctor, "reject", resolve_static, 1, 1);
    rt.define_method(&ctor, "withResolvers", with_resolvers, 0);
    rt.define_method(&ctor, "try", promise_try, 1);
    rt.define_method_magic(&ctor, "all", combinator, 1, ALL);
    rt.define_method_magic(&ctor, "allSettled", combinator, 1, ALL_SETTLED);
    rt.define_method_magic(&ctor, "any", combinator, 1, ANY);
    rt.define_method_magic(&ctor, "race", combinator, 1, RACE);
    rt.define_getter(
        &ctor,
        names::Symbol_species,
        "get [Symbol.species]",
        species,
    );
    let g = rt.global();
    let key = rt.intern("Promise");
    rt.define_value(&g, key, Value::object(ctor), WC);
}

/// Where a promise stands (for hosts that run a module and report its failure).
pub fn promise_outcome(p: &Obj) -> Option<(bool, Value)> {
    match &p.borrow().kind {
        ObjectKind::Promise(d) if d.state != PromiseState::Pending => {
            Some((d.state == PromiseState::Fulfilled, d.result.clone()))
        }
        _ => None,
    }
}

/// What the interpreter's async instructions call (`Runtime::async_hooks`, installed by
/// `builtins::add_promise`), so that a program without async code links none of it.
pub(crate) static ASYNC_HOOKS: crate::interp::AsyncHooks = crate::interp::AsyncHooks {
    start_async,
    create_async_generator: super::async_generator::create,
    await_value,
    yield_value: super::async_generator::yield_value,
    get_async_iterator: super::async_generator::get_async_iterator,
    iter_next: super::async_generator::iter_next,
    iter_result_step: super::async_generator::iter_result_step,
    iter_close: super::async_generator::iter_close,
    iter_close_throw: super::async_generator::iter_close_throw,
    delegate_call: super::async_generator::delegate_call,
    delegate_result: super::async_generator::delegate_result,
};
