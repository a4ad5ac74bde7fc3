//! Generators (ECMA-262 27.5): generator objects hold their suspended frame; `next`, `throw` and
//! `return` resume it as a boundary frame of the interpreter. A `return()` travels through the
//! generator's frame as the exception value UNINIT, which only `finally` handlers see, so
//! `finally` blocks run and `catch` clauses do not.
use crate::atom::names;
use crate::function::Args;
use crate::gc::Gc;
use crate::interp::{restore_frame, run_from, SavedFrame};
use crate::object::{Obj, ObjectKind};
use crate::runtime::{JsResult, Runtime};
use crate::shape::CONFIGURABLE;
use crate::value::Value;
use alloc::boxed::Box;

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    SuspendedStart,
    SuspendedYield,
    Executing,
    Completed,
}

/// What a generator object holds.
pub struct GeneratorState {
    state: State,
    frame: Option<SavedFrame>,
    /// Suspended in `yield*`: it resumes with (value, mode) instead of a plain value.
    delegating: bool,
    /// The value of a `return()` in progress (while its `finally` blocks run).
    return_value: Value,
    /// For an async function call: the promise its completion settles.
    async_promise: Option<Obj>,
    /// For an async generator: its request queue and spec state.
    pub(crate) async_gen: Option<Box<super::async_generator::AsyncGenData>>,
}

impl GeneratorState {
    pub fn trace(&self, f: &mut dyn FnMut(&Gc)) {
        if let Some(fr) = &self.frame {
            fr.trace(f);
        }
        self.return_value.trace(f);
        if let Some(p) = &self.async_promise {
            f(p.gc());
        }
        if let Some(a) = &self.async_gen {
            a.trace(f);
        }
    }
}

/// Makes the generator object for a generator function's call (at its InitialYield); with
/// `async_gen`, an async generator's.
pub(crate) fn new_generator(
    rt: &mut Runtime,
    callee: &Obj,
    frame: SavedFrame,
    async_gen: Option<Box<super::async_generator::AsyncGenData>>,
) -> JsResult<Value> {
    let is_async = async_gen.is_some();
    let ctor = Value::object(callee.clone());
    let proto = if is_async {
        rt.proto_from_ctor(&ctor, |r| r.realm.async_generator_proto.clone())?
    } else {
        rt.proto_from_ctor(&ctor, |r| r.realm.generator_proto.clone())?
    };
    let state = GeneratorState {
        state: State::SuspendedStart,
        frame: Some(frame),
        delegating: false,
        return_value: Value::UNDEFINED,
        async_promise: None,
        async_gen,
    };
    Ok(Value::object(rt.alloc_object(
        Some(&proto),
        ObjectKind::Generator(Box::new(state)),
    )))
}

/// Stores the frame of a generator that yields (called by the interpreter).
pub(crate) fn suspend(g: &Obj, frame: SavedFrame, delegating: bool) {
    if let ObjectKind::Generator(s) = &mut g.borrow_mut().kind {
        s.frame = Some(frame);
        s.state = State::SuspendedYield;
        s.delegating = delegating;
    }
}

/// Resumption modes, as `yield*` numbers them.
pub(crate) const NEXT: i32 = 0;
pub(crate) const THROW: i32 = 1;
pub(crate) const RETURN: i32 = 2;

/// GeneratorResume / GeneratorResumeAbrupt (27.5.3.3-4).
fn resume(rt: &mut Runtime, this: &Value, value: Value, mode: i32) -> JsResult<Value> {
    let Some(g) = this
        .as_object()
        .filter(|o| matches!(&o.borrow().kind, ObjectKind::Generator(s) if s.async_gen.is_none()))
        .cloned()
    else {
        return Err(rt.type_error("not a generator object"));
    };
    let (state, frame, delegating) = {
        let mut b = g.borrow_mut();
        let ObjectKind::Generator(s) = &mut b.kind else {
            return Err(rt.type_error("not a generator object"));
        };
        if s.state == State::Executing {
            drop(b);
            return Err(rt.type_error("generator is already running"));
        }
        let state = s.state;
        let frame = if state == State::Completed || (state == State::SuspendedStart && mode != NEXT)
        {
            s.state = State::Completed;
            s.frame = None;
            None
        } else {
            s.state = State::Executing;
            s.frame.take()
        };
        (state, frame, s.delegating)
    };
    let Some(frame) = frame else {
        return match mode {
            THROW => Err(rt.throw(value)),
            RETURN => Ok(super::iterator::iter_result(rt, value, true)),
            _ => Ok(super::iterator::iter_result(rt, Value::UNDEFINED, true)),
        };
    };
    let started = state == State::SuspendedYield;
    match enter(rt, &g, frame, started, delegating, value, mode)? {
        Outcome::Yielded { value, raw: true } => Ok(value),
        Outcome::Yielded { value, raw: false } => {
            Ok(super::iterator::iter_result(rt, value, false))
        }
        Outcome::Returned(v) => Ok(super::iterator::iter_result(rt, v, true)),
    }
}

/// Runs a suspended frame with the resumption (value, mode): a `yield*` in progress receives
/// both; otherwise `next` delivers the value (unless the body has not started), `throw` throws
/// it at the suspension point and `return` unwinds through `finally` handlers.
fn enter(
    rt: &mut Runtime,
    g: &Obj,
    mut frame: SavedFrame,
    started: bool,
    delegating: bool,
    value: Value,
    mode: i32,
) -> JsResult<Outcome> {
    let mut throwing = false;
    if delegating {
        frame.replace_top([value, Value::int(mode)]);
    } else {
        match mode {
            NEXT => {
                if started {
                    frame.push(value);
                }
            }
            THROW => {
                rt.exception = value;
                throwing = true;
            }
            _ => {
                set_return_value(g, value);
                rt.exception = Value::UNINIT;
                throwing = true;
            }
        }
    }
    run_suspended(rt, g, frame, throwing)
}

/// Resumes a suspended async generator frame (at `yield`, `yield*` or `await`) with (value,
/// mode). Yielded when it has nothing to run.
pub(crate) fn resume_async_gen(
    rt: &mut Runtime,
    g: &Obj,
    value: Value,
    mode: i32,
) -> JsResult<Outcome> {
    let taken = match &mut g.borrow_mut().kind {
        ObjectKind::Generator(s) if s.state != State::Executing && s.state != State::Completed => {
            let started = s.state == State::SuspendedYield;
            s.state = State::Executing;
            s.frame.take().map(|f| (f, started, s.delegating))
        }
        _ => None,
    };
    let Some((frame, started, delegating)) = taken else {
        return Ok(Outcome::Yielded {
            value: Value::UNDEFINED,
            raw: false,
        });
    };
    enter(rt, g, frame, started, delegating, value, mode)
}

/// How a resumed frame stopped (an exception is returned as `Err`).
pub(crate) enum Outcome {
    /// Suspended again at `yield` / `await` (`raw`: `yield*` produced an inner result as is).
    Yielded { value: Value, raw: bool },
    /// Returned (or completed a `return()`), with its value.
    Returned(Value),
}

/// Pushes a suspended frame back and runs it until it suspends again or finishes; with
/// `throwing`, the pending exception is thrown at its suspension point first.
pub(crate) fn run_suspended(
    rt: &mut Runtime,
    g: &Obj,
    frame: SavedFrame,
    throwing: bool,
) -> JsResult<Outcome> {
    // Resuming re-enters the interpreter from Rust (an async function's first run starts from
    // its call instruction, so `async function f() { f(); }` nests here): bounded like every
    // other re-entry.
    if let Err(e) = rt.check_stack() {
        complete(g);
        return Err(e);
    }
    restore_frame(rt, frame, g.clone())?;
    rt.yielded = None;
    rt.native_depth += 1;
    let r = run_from(rt, throwing);
    rt.native_depth -= 1;
    let yielded = rt.yielded.take();
    match r {
        Ok(value) => match yielded {
            Some(raw) => Ok(Outcome::Yielded { value, raw }),
            None => {
                complete(g);
                Ok(Outcome::Returned(value))
            }
        },
        Err(e) => {
            complete(g);
            if rt.exception.is_uninit() {
                rt.exception = Value::UNDEFINED;
                return Ok(Outcome::Returned(take_return_value(g)));
            }
            Err(e)
        }
    }
}

/// Takes the saved frame of a suspended async function to resume it, with whether it had
/// started (passed its first suspension) before.
pub(crate) fn take_frame(g: &Obj) -> Option<(SavedFrame, bool)> {
    match &mut g.borrow_mut().kind {
        ObjectKind::Generator(s) if s.state != State::Executing && s.state != State::Completed => {
            let started = s.state == State::SuspendedYield;
            s.state = State::Executing;
            s.frame.take().map(|f| (f, started))
        }
        _ => None,
    }
}

/// The state object of an async function call (its frame, like a generator's).
pub(crate) fn new_async_state(rt: &mut Runtime, frame: SavedFrame, promise: &Obj) -> Obj {
    let state = GeneratorState {
        state: State::SuspendedStart,
        frame: Some(frame),
        delegating: false,
        return_value: Value::UNDEFINED,
        async_promise: Some(promise.clone()),
        async_gen: None,
    };
    rt.alloc_object(None, ObjectKind::Generator(Box::new(state)))
}

/// The promise an async function call settles.
pub(crate) fn async_promise(g: &Obj) -> Option<Obj> {
    match &g.borrow().kind {
        ObjectKind::Generator(s) => s.async_promise.clone(),
        _ => None,
    }
}

/// Ends a generator for good (its frame is dropped).
pub(crate) fn complete(g: &Obj) {
    if let ObjectKind::Generator(s) = &mut g.borrow_mut().kind {
        s.state = State::Completed;
        s.frame = None;
    }
}

pub(crate) fn set_return_value(g: &Obj, v: Value) {
    if let ObjectKind::Generator(s) = &mut g.borrow_mut().kind {
        s.return_value = v;
    }
}

fn take_return_value(g: &Obj) -> Value {
    match &mut g.borrow_mut().kind {
        ObjectKind::Generator(s) => core::mem::take(&mut s.return_value),
        _ => Value::UNDEFINED,
    }
}

/// The outcome of one `yield*` step.
pub(crate) enum Step {
    /// The inner iterator is done: the `yield*` expression's value.
    Done(Value),
    /// Yield this inner result object as is.
    Yield(Value),
}

/// One step of `yield*` (14.4.14) with the stack `iter next received mode` of the running frame.
pub(crate) fn delegate_step(rt: &mut Runtime, g: &Obj) -> JsResult<Step> {
    let n = rt.stack.len();
    let (iter, next, received) = (
        rt.stack[n - 4].clone(),
        rt.stack[n - 3].clone(),
        rt.stack[n - 2].clone(),
    );
    let mode = rt.stack[n - 1].as_int().unwrap_or(NEXT);
    let result = match mode {
        NEXT => rt.call(&next, iter.clone(), &[received])?,
        THROW => {
            let m = rt.get(&iter, names::throw_)?;
            if m.is_nullish() {
                // The protocol is broken: close the inner iterator, then fail.
                rt.iterator_close(&iter)?;
                return Err(rt.type_error("the delegated iterator has no 'throw' method"));
            }
            rt.call(&m, iter.clone(), &[received])?
        }
        _ => {
            let m = rt.get(&iter, names::return_)?;
            if m.is_nullish() {
                set_return_value(g, received);
                return Err(rt.throw(Value::UNINIT));
            }
            rt.call(&m, iter.clone(), &[received])?
        }
    };
    if !result.is_object() {
        return Err(rt.type_error("iterator result is not an object"));
    }
    let done = rt.get(&result, names::done)?.truthy();
    if !done {
        return Ok(Step::Yield(result));
    }
    let value = rt.get(&result, names::value)?;
    if mode == RETURN {
        set_return_value(g, value);
        return Err(rt.throw(Value::UNINIT));
    }
    Ok(Step::Done(value))
}

fn next(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    resume(rt, a.this, a.get(0), NEXT)
}

fn throw(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    resume(rt, a.this, a.get(0), THROW)
}

fn return_(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    resume(rt, a.this, a.get(0), RETURN)
}

pub fn register(rt: &mut Runtime) {
    let gp = rt.realm.generator_proto.clone();
    let gfp = rt.realm.generator_function_proto.clone();
    rt.define_method(&gp, "next", next, 1);
    rt.define_method(&gp, "return", return_, 1);
    rt.define_method(&gp, "throw", throw, 1);
    link_function_kind(rt, &gp, &gfp, "Generator", "GeneratorFunction", 1);
}

/// Links a generator kind's prototype objects (27.3, 27.4): `proto` (instances' prototype,
/// tagged `tag`) and `fproto` (the functions' prototype) point at each other, and a new
/// constructor named `ctor_name` (dynamic functions of `kind`) owns `fproto`.
/// %AsyncFunction% and %AsyncFunction.prototype% (27.7): async functions have no instance
/// prototype, so only the constructor (dynamic functions of kind 2) and the tag are linked.
#[cfg(feature = "promise")]
pub(crate) fn register_async_function(rt: &mut Runtime) {
    let fproto = rt.realm.async_function_proto.clone();
    rt.define_value(
        &fproto,
        names::Symbol_toStringTag,
        Value::str("AsyncFunction"),
        CONFIGURABLE,
    );
    function_kind_constructor(rt, &fproto, "AsyncFunction", 2);
}

pub(crate) fn link_function_kind(
    rt: &mut Runtime,
    proto: &Obj,
    fproto: &Obj,
    tag: &str,
    ctor_name: &str,
    kind: u16,
) {
    rt.define_value(
        proto,
        names::Symbol_toStringTag,
        Value::str(tag),
        CONFIGURABLE,
    );
    rt.define_value(
        proto,
        names::constructor,
        Value::object(fproto.clone()),
        CONFIGURABLE,
    );
    rt.define_value(
        fproto,
        names::prototype,
        Value::object(proto.clone()),
        CONFIGURABLE,
    );
    rt.define_value(
        fproto,
        names::Symbol_toStringTag,
        Value::str(ctor_name),
        CONFIGURABLE,
    );
    function_kind_constructor(rt, fproto, ctor_name, kind);
}

/// The constructor named `ctor_name` (dynamic functions of `kind`) that owns `fproto`.
fn function_kind_constructor(rt: &mut Runtime, fproto: &Obj, ctor_name: &str, kind: u16) {
    let ctor = rt.new_native(ctor_name, super::dynamic::dynamic_function, 1, kind, true);
    // The constructor's [[Prototype]] is %Function% (27.3.2, 27.4.2).
    let global = Value::object(rt.global());
    let key = rt.intern("Function");
    if let Some(f) = rt
        .get(&global, key)
        .ok()
        .and_then(|f| f.as_object().cloned())
    {
        ctor.borrow_mut().proto = Some(f);
    }
    rt.define_value(&ctor, names::prototype, Value::object(fproto.clone()), 0);
    rt.define_value(
        fproto,
        names::constructor,
        Value::object(ctor),
        CONFIGURABLE,
    );
}
