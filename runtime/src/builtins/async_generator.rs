//! Async generators (ECMA-262 27.6), async iteration (`for await`, an async generator's
//! `yield*`) and %AsyncFromSyncIteratorPrototype% (27.1.6).
//!
//! An async generator is a generator object (its frame is saved and resumed as a generator's,
//! see generator.rs) with a request queue: `next`/`throw`/`return` each enqueue a request and
//! return a promise, which the generator settles in order as it yields, returns or throws.
//! While its frame awaits, the spec state is `executing` and requests only queue up. A
//! `return()` request delivered at a `yield` first awaits its value (AsyncGenerator-
//! UnwrapYieldResumption): the frame stays suspended and `resume_return` makes the settled
//! await resume it in return mode, which is indistinguishable from awaiting inside the body.
// Without the `promise` feature the group's registration is not compiled; what only it reaches
// is then unreferenced (never code-generated), while the parts the base uses stay.
#![cfg_attr(not(feature = "promise"), allow(dead_code, unused_imports))]
use super::generator::{self, Outcome, NEXT, RETURN, THROW};
use super::iterator::iter_result;
use super::promise::{self, Capability, Handler};
use crate::atom::names;
use crate::function::Args;
use crate::gc::Gc;
use crate::interp::SavedFrame;
use crate::object::{Obj, ObjectKind};
use crate::runtime::{ErrorType, JsResult, Runtime};
use crate::string::JsString;
use crate::value::Value;
use alloc::boxed::Box;
use alloc::collections::VecDeque;

/// [[AsyncGeneratorState]].
#[derive(Clone, Copy, PartialEq, Eq)]
enum AgState {
    SuspendedStart,
    SuspendedYield,
    Executing,
    DrainingQueue,
    Completed,
}

/// An AsyncGeneratorRequest: the completion to resume with and the promise to settle.
struct Request {
    mode: i32,
    value: Value,
    promise: Obj,
}

/// The async-generator part of a generator object.
pub(crate) struct AsyncGenData {
    state: AgState,
    queue: VecDeque<Request>,
    /// The frame awaits the value of a `return()` request: it resumes in return mode.
    resume_return: bool,
}

impl AsyncGenData {
    pub(crate) fn trace(&self, f: &mut dyn FnMut(&Gc)) {
        for r in &self.queue {
            r.value.trace(f);
            f(r.promise.gc());
        }
    }
}

fn with_data<R>(g: &Obj, f: impl FnOnce(&mut AsyncGenData) -> R) -> Option<R> {
    match &mut g.borrow_mut().kind {
        ObjectKind::Generator(s) => s.async_gen.as_deref_mut().map(f),
        _ => None,
    }
}

pub(crate) fn is_async_generator(o: &Obj) -> bool {
    matches!(&o.borrow().kind, ObjectKind::Generator(s) if s.async_gen.is_some())
}

fn state(g: &Obj) -> AgState {
    with_data(g, |d| d.state).unwrap_or(AgState::Completed)
}

fn set_state(g: &Obj, s: AgState) {
    with_data(g, |d| d.state = s);
}

/// The front request's completion.
fn front(g: &Obj) -> Option<(i32, Value)> {
    with_data(g, |d| d.queue.front().map(|r| (r.mode, r.value.clone()))).flatten()
}

fn error_value(rt: &mut Runtime, msg: &str) -> Value {
    Value::object(super::error::new_error(
        rt,
        ErrorType::TypeError,
        JsString::from_str(msg),
    ))
}

/// The generator object of an async generator function's call (at its InitialYield).
pub(crate) fn create(rt: &mut Runtime, callee: &Obj, frame: SavedFrame) -> JsResult<Value> {
    let data = AsyncGenData {
        state: AgState::SuspendedStart,
        queue: VecDeque::new(),
        resume_return: false,
    };
    generator::new_generator(rt, callee, frame, Some(Box::new(data)))
}

/// %AsyncGeneratorPrototype%.next / throw / return (27.6.1.2-4); `magic` is the mode.
fn method(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let mode = i32::from(a.magic);
    let value = a.get(0);
    let p = promise::new_promise(rt);
    let result = Value::object(p.clone());
    let Some(g) = a
        .this
        .as_object()
        .filter(|o| is_async_generator(o))
        .cloned()
    else {
        let e = error_value(rt, "not an async generator object");
        promise::reject_promise(rt, &p, e);
        return Ok(result);
    };
    let mut st = state(&g);
    if mode == THROW && st == AgState::SuspendedStart {
        generator::complete(&g);
        set_state(&g, AgState::Completed);
        st = AgState::Completed;
    }
    if st == AgState::Completed && mode != RETURN {
        if mode == THROW {
            promise::reject_promise(rt, &p, value);
        } else {
            let r = iter_result(rt, Value::UNDEFINED, true);
            promise::resolve_promise(rt, &p, r);
        }
        return Ok(result);
    }
    with_data(&g, |d| {
        d.queue.push_back(Request {
            mode,
            value: value.clone(),
            promise: p,
        })
    });
    match st {
        AgState::SuspendedStart | AgState::Completed if mode == RETURN => {
            generator::complete(&g);
            set_state(&g, AgState::DrainingQueue);
            await_return(rt, &g, value);
        }
        AgState::SuspendedStart | AgState::SuspendedYield => resume(rt, &g),
        _ => {}
    }
    Ok(result)
}

/// AsyncGeneratorResume with the front request.
fn resume(rt: &mut Runtime, g: &Obj) {
    set_state(g, AgState::Executing);
    let Some((mode, value)) = front(g) else {
        return;
    };
    if mode != RETURN {
        run(rt, g, value, mode);
        return;
    }
    if let Err(e) = subscribe_return(rt, g, value) {
        run(rt, g, e, THROW);
    }
}

/// AsyncGeneratorUnwrapYieldResumption for a return request: awaits its value, after which
/// the frame resumes in return mode (or throws the rejection). Err: the await failed at once.
fn subscribe_return(rt: &mut Runtime, g: &Obj, value: Value) -> Result<(), Value> {
    with_data(g, |d| d.resume_return = true);
    if promise::await_value(rt, g, value).is_err() {
        with_data(g, |d| d.resume_return = false);
        return Err(rt.take_exception());
    }
    Ok(())
}

/// Runs the suspended frame with (value, mode) and handles how it stops.
fn run(rt: &mut Runtime, g: &Obj, value: Value, mode: i32) {
    match generator::resume_async_gen(rt, g, value, mode) {
        Ok(Outcome::Yielded { .. }) => {}
        Ok(Outcome::Returned(v)) => finish(rt, g, Ok(v)),
        Err(_) => {
            let e = rt.take_exception();
            finish(rt, g, Err(e));
        }
    }
}

/// The body completed (AsyncGeneratorStart's last steps).
fn finish(rt: &mut Runtime, g: &Obj, r: Result<Value, Value>) {
    set_state(g, AgState::DrainingQueue);
    complete_step(rt, g, r, true);
    drain_queue(rt, g);
}

/// A settled `await` of the async generator's frame resumes it (the promise job's half).
pub(crate) fn resume_after_await(rt: &mut Runtime, g: &Obj, value: Value, throw: bool) {
    let ret = with_data(g, |d| core::mem::take(&mut d.resume_return)).unwrap_or(false);
    let mode = match (throw, ret) {
        (true, _) => THROW,
        (false, true) => RETURN,
        _ => NEXT,
    };
    run(rt, g, value, mode);
}

/// AsyncGeneratorCompleteStep: settles the oldest request.
fn complete_step(rt: &mut Runtime, g: &Obj, r: Result<Value, Value>, done: bool) {
    let Some(req) = with_data(g, |d| d.queue.pop_front()).flatten() else {
        return;
    };
    match r {
        Ok(v) => {
            let it = iter_result(rt, v, done);
            promise::resolve_promise(rt, &req.promise, it);
        }
        Err(e) => promise::reject_promise(rt, &req.promise, e),
    }
}

/// AsyncGeneratorDrainQueue: settles the requests that reach a finished generator.
fn drain_queue(rt: &mut Runtime, g: &Obj) {
    loop {
        let Some((mode, value)) = front(g) else {
            set_state(g, AgState::Completed);
            return;
        };
        if mode == RETURN {
            await_return(rt, g, value);
            return;
        }
        let r = if mode == THROW {
            Err(value)
        } else {
            Ok(Value::UNDEFINED)
        };
        complete_step(rt, g, r, true);
    }
}

/// AsyncGeneratorAwaitReturn: a `return(value)` on a finished generator settles with the
/// awaited value.
fn await_return(rt: &mut Runtime, g: &Obj, value: Value) {
    let c = Value::object(rt.realm.promise_ctor.clone());
    match promise::promise_resolve(rt, &c, value) {
        Ok(p) => {
            if let Some(p) = p.as_object() {
                let h = Handler::AsyncGenReturn(g.clone());
                promise::perform_then(rt, p, h.clone(), h, None);
            }
        }
        Err(_) => {
            let e = rt.take_exception();
            complete_step(rt, g, Err(e), true);
            drain_queue(rt, g);
        }
    }
}

/// The reaction of AsyncGeneratorAwaitReturn's promise.
pub(crate) fn return_settled(rt: &mut Runtime, g: &Obj, value: Value, fulfilled: bool) {
    let r = if fulfilled { Ok(value) } else { Err(value) };
    complete_step(rt, g, r, true);
    drain_queue(rt, g);
}

/// How the frame goes on after AsyncGeneratorYield.
pub(crate) enum Resumption {
    /// No request is waiting: suspend at the yield.
    Suspend,
    /// A queued request resumes it at once with (value, mode `NEXT` or `THROW`).
    Now(Value, i32),
    /// A queued `return()`'s value is being awaited: suspend (the state stays executing).
    AwaitingReturn,
}

/// AsyncGeneratorYield (27.6.3.8) of an already awaited value, from the running frame.
pub(crate) fn yield_value(rt: &mut Runtime, g: &Obj, v: Value) -> Resumption {
    complete_step(rt, g, Ok(v), false);
    let next = with_data(g, |d| {
        let f = d.queue.front().map(|r| (r.mode, r.value.clone()));
        if f.is_none() {
            d.state = AgState::SuspendedYield;
        }
        f
    })
    .flatten();
    match next {
        None => Resumption::Suspend,
        Some((RETURN, value)) => match subscribe_return(rt, g, value) {
            Ok(()) => Resumption::AwaitingReturn,
            Err(e) => Resumption::Now(e, THROW),
        },
        Some((mode, value)) => Resumption::Now(value, mode),
    }
}

// ---- async iteration ----

/// GetIterator(obj, async) (7.4.3): `Symbol.asyncIterator`, else the sync iterator wrapped
/// by CreateAsyncFromSyncIterator.
pub(crate) fn get_async_iterator(rt: &mut Runtime, v: &Value) -> JsResult<(Value, Value)> {
    let m = rt.get(v, names::Symbol_asyncIterator)?;
    let iter = if m.is_nullish() {
        let sm = rt.get(v, names::Symbol_iterator)?;
        if sm.is_nullish() {
            return Err(rt.type_error("value is not async iterable"));
        }
        let it = rt.call(&sm, v.clone(), &[])?;
        if !it.is_object() {
            return Err(rt.type_error("iterator is not an object"));
        }
        let next = rt.get(&it, names::next)?;
        async_from_sync(rt, it, next)
    } else {
        let it = rt.call(&m, v.clone(), &[])?;
        if !it.is_object() {
            return Err(rt.type_error("async iterator is not an object"));
        }
        it
    };
    let next = rt.get(&iter, names::next)?;
    Ok((iter, next))
}

/// CreateAsyncFromSyncIterator (27.1.6.1): the async iterator over a sync iterator record.
pub(crate) fn async_from_sync(rt: &mut Runtime, iter: Value, next: Value) -> Value {
    let proto = rt.realm.async_from_sync_iterator_proto.clone();
    Value::object(rt.alloc_object(
        Some(&proto),
        ObjectKind::AsyncFromSyncIterator { iter, next },
    ))
}

/// AsyncIterNext: `iter next → iter undefined next result`.
pub(crate) fn iter_next(rt: &mut Runtime) -> JsResult<()> {
    let n = rt.stack.len();
    let (iter, next) = (rt.stack[n - 2].clone(), rt.stack[n - 1].clone());
    rt.stack[n - 1] = Value::UNDEFINED;
    let r = rt.call(&next, iter, &[])?;
    rt.stack.push(next);
    rt.stack.push(r);
    Ok(())
}

/// AsyncIterResult: `iter undefined next result → iter next value`, or Ok(false) with
/// `iter undefined` when the iterator is done.
pub(crate) fn iter_result_step(rt: &mut Runtime) -> JsResult<bool> {
    let result = rt.pop();
    let next = rt.pop();
    if !result.is_object() {
        return Err(rt.type_error("iterator result is not an object"));
    }
    if rt.get(&result, names::done)?.truthy() {
        return Ok(false);
    }
    let v = rt.get(&result, names::value)?;
    let n = rt.stack.len();
    rt.stack[n - 1] = next;
    rt.stack.push(v);
    Ok(true)
}

/// The `return` method of an iterator to close (None when done or absent); with `quiet`,
/// errors count as absent.
fn close_method(
    rt: &mut Runtime,
    iter: &Value,
    next: &Value,
    quiet: bool,
) -> JsResult<Option<Value>> {
    if next.is_undefined() {
        return Ok(None);
    }
    match rt.get(iter, names::return_) {
        Ok(m) if m.is_nullish() => Ok(None),
        Ok(m) => Ok(Some(m)),
        Err(_) if quiet => {
            rt.take_exception();
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// AsyncIterClose: `iter next → result` (Ok(true)), or `→` (Ok(false)) when nothing is awaited.
pub(crate) fn iter_close(rt: &mut Runtime) -> JsResult<bool> {
    let next = rt.pop();
    let iter = rt.pop();
    let Some(m) = close_method(rt, &iter, &next, false)? else {
        return Ok(false);
    };
    let r = rt.call(&m, iter, &[])?;
    rt.stack.push(r);
    Ok(true)
}

/// AsyncIterCloseThrow: `iter next exc → exc result` (Ok(true)) or `exc` (Ok(false)). The
/// closing errors are ignored (the exception wins) unless a generator's `return()` unwinds.
pub(crate) fn iter_close_throw(rt: &mut Runtime) -> JsResult<bool> {
    let exc = rt.pop();
    let next = rt.pop();
    let iter = rt.pop();
    let quiet = !exc.is_uninit();
    rt.stack.push(exc);
    let Some(m) = close_method(rt, &iter, &next, quiet)? else {
        return Ok(false);
    };
    match rt.call(&m, iter, &[]) {
        Ok(r) => {
            rt.stack.push(r);
            Ok(true)
        }
        Err(_) if quiet => {
            rt.take_exception();
            Ok(false)
        }
        Err(e) => Err(e),
    }
}

/// AsyncDelegateCall: `iter next received mode → iter next received mode kind result`.
pub(crate) fn delegate_call(rt: &mut Runtime) -> JsResult<()> {
    let n = rt.stack.len();
    let (iter, next, received) = (
        rt.stack[n - 4].clone(),
        rt.stack[n - 3].clone(),
        rt.stack[n - 2].clone(),
    );
    let mode = rt.stack[n - 1].as_int().unwrap_or(NEXT);
    let (kind, r) = match mode {
        NEXT => (0, rt.call(&next, iter, &[received])?),
        THROW => {
            let m = rt.get(&iter, names::throw_)?;
            if !m.is_nullish() {
                (0, rt.call(&m, iter, &[received])?)
            } else {
                // No `throw`: close the inner iterator (awaiting its `return()`), then fail.
                let ret = rt.get(&iter, names::return_)?;
                if ret.is_nullish() {
                    return Err(rt.type_error("the delegated iterator has no 'throw' method"));
                }
                (1, rt.call(&ret, iter, &[])?)
            }
        }
        _ => {
            let m = rt.get(&iter, names::return_)?;
            if m.is_nullish() {
                (2, received)
            } else {
                (0, rt.call(&m, iter, &[received])?)
            }
        }
    };
    rt.stack.push(Value::int(kind));
    rt.stack.push(r);
    Ok(())
}

/// AsyncDelegateResult: `iter next received mode kind awaited → iter next received mode
/// value` (Ok(None)), or the `yield*` expression's value (Ok(Some), the caller jumps). A
/// `return()` that reaches its end returns from the generator (the exception UNINIT).
pub(crate) fn delegate_result(rt: &mut Runtime, g: &Obj) -> JsResult<Option<Value>> {
    let awaited = rt.pop();
    let kind = rt.pop().as_int().unwrap_or(0);
    let mode = rt.top().as_int().unwrap_or(NEXT);
    if kind == 2 {
        generator::set_return_value(g, awaited);
        return Err(rt.throw(Value::UNINIT));
    }
    if !awaited.is_object() {
        return Err(rt.type_error("iterator result is not an object"));
    }
    if kind == 1 {
        return Err(rt.type_error("the delegated iterator has no 'throw' method"));
    }
    let done = rt.get(&awaited, names::done)?.truthy();
    let value = rt.get(&awaited, names::value)?;
    if !done {
        rt.stack.push(value);
        return Ok(None);
    }
    if mode == RETURN {
        generator::set_return_value(g, value);
        return Err(rt.throw(Value::UNINIT));
    }
    Ok(Some(value))
}

// ---- %AsyncFromSyncIteratorPrototype% ----

/// next / return / throw (27.1.6.2.1-3); `magic` is the mode.
fn from_sync_method(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let c = Value::object(rt.realm.promise_ctor.clone());
    let cap = promise::new_capability(rt, &c)?;
    let record = a.this.as_object().and_then(|o| match &o.borrow().kind {
        ObjectKind::AsyncFromSyncIterator { iter, next } => Some((iter.clone(), next.clone())),
        _ => None,
    });
    let Some((iter, next)) = record else {
        let e = error_value(rt, "not an async-from-sync iterator");
        rt.call(&cap.reject, Value::UNDEFINED, &[e])?;
        return Ok(cap.promise);
    };
    let mode = i32::from(a.magic);
    let args = a.args.get(..1).unwrap_or(&[]);
    let step = (|| -> JsResult<Option<(Value, bool)>> {
        let (r, close) = match mode {
            NEXT => (rt.call(&next, iter.clone(), args)?, true),
            RETURN => {
                let m = rt.get(&iter, names::return_)?;
                if m.is_nullish() {
                    let r = iter_result(rt, a.get(0), true);
                    rt.call(&cap.resolve, Value::UNDEFINED, &[r])?;
                    return Ok(None);
                }
                (rt.call(&m, iter.clone(), args)?, false)
            }
            _ => {
                let m = rt.get(&iter, names::throw_)?;
                if m.is_nullish() {
                    rt.iterator_close(&iter)?;
                    return Err(rt.type_error("the iterator has no 'throw' method"));
                }
                (rt.call(&m, iter.clone(), args)?, true)
            }
        };
        if !r.is_object() {
            return Err(rt.type_error("iterator result is not an object"));
        }
        Ok(Some((r, close)))
    })();
    let r = match step {
        Ok(Some((r, close))) => continuation(rt, &cap, r, &iter, close),
        Ok(None) => Ok(()),
        Err(e) => Err(e),
    };
    if r.is_err() {
        let e = rt.take_exception();
        rt.call(&cap.reject, Value::UNDEFINED, &[e])?;
    }
    Ok(cap.promise)
}

/// AsyncFromSyncIteratorContinuation (27.1.6.4): settles the capability with the awaited
/// value of `result`; a rejected value closes the sync iterator when `close` says so.
fn continuation(
    rt: &mut Runtime,
    cap: &Capability,
    result: Value,
    iter: &Value,
    close: bool,
) -> JsResult<()> {
    let done = rt.get(&result, names::done)?.truthy();
    let value = rt.get(&result, names::value)?;
    let c = Value::object(rt.realm.promise_ctor.clone());
    let wrapper = match promise::promise_resolve(rt, &c, value) {
        Ok(w) => w,
        Err(e) => {
            if !done && close {
                let exc = rt.take_exception();
                close_quietly(rt, iter);
                return Err(rt.throw(exc));
            }
            return Err(e);
        }
    };
    let on_fulfilled = rt.new_native_with_data("", unwrap, 1, u16::from(done), alloc::vec![]);
    let on_rejected = if done || !close {
        Value::UNDEFINED
    } else {
        Value::object(rt.new_native_with_data("", close_iterator, 1, 0, alloc::vec![iter.clone()]))
    };
    if let Some(w) = wrapper.as_object() {
        promise::perform_then(
            rt,
            w,
            Handler::Js(Value::object(on_fulfilled)),
            Handler::Js(on_rejected),
            Some(cap.clone()),
        );
    }
    Ok(())
}

/// IteratorClose with a throw completion: `return()` is called and its errors ignored.
fn close_quietly(rt: &mut Runtime, iter: &Value) {
    match rt.get(iter, names::return_) {
        Ok(m) if !m.is_nullish() => {
            if rt.call(&m, iter.clone(), &[]).is_err() {
                rt.take_exception();
            }
        }
        Ok(_) => {}
        Err(_) => {
            rt.take_exception();
        }
    }
}

/// `v => ({value: v, done})` with done in `magic`.
fn unwrap(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    Ok(iter_result(rt, a.get(0), a.magic == 1))
}

/// `e => { IteratorClose(iter, throw e) }` with iter in the data.
fn close_iterator(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let iter = crate::function::native_data(a.callee)
        .first()
        .cloned()
        .unwrap_or_default();
    close_quietly(rt, &iter);
    Err(rt.throw(a.get(0)))
}

fn return_this(_rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    Ok(a.this.clone())
}

/// %AsyncIteratorPrototype%, %AsyncGeneratorPrototype%, %AsyncGeneratorFunction.prototype%,
/// %AsyncGeneratorFunction% and %AsyncFromSyncIteratorPrototype%.
#[cfg(feature = "promise")]
pub fn register(rt: &mut Runtime) {
    let aip = rt.realm.async_iterator_proto.clone();
    rt.define_symbol_method(
        &aip,
        names::Symbol_asyncIterator,
        "[Symbol.asyncIterator]",
        return_this,
        0,
    );
    let agp = rt.realm.async_generator_proto.clone();
    let agfp = rt.realm.async_generator_function_proto.clone();
    rt.define_method_magic(&agp, "next", method, 1, NEXT as u16);
    rt.define_method_magic(&agp, "return", method, 1, RETURN as u16);
    rt.define_method_magic(&agp, "throw", method, 1, THROW as u16);
    super::generator::link_function_kind(
        rt,
        &agp,
        &agfp,
        "AsyncGenerator",
        "AsyncGeneratorFunction",
        3,
    );
    let afs = rt.realm.async_from_sync_iterator_proto.clone();
    rt.define_method_magic(&afs, "next", from_sync_method, 1, NEXT as u16);
    rt.define_method_magic(&afs, "return", from_sync_method, 1, RETURN as u16);
    rt.define_method_magic(&afs, "throw", from_sync_method, 1, THROW as u16);
}
