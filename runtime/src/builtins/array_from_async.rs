//! Array.fromAsync (ECMA-262 2026, 23.1.2.2). Its body is an async closure; here it runs as a
//! chain of promise reactions: each `Await` subscribes a native reaction that carries the
//! state holder (a native function object whose data is the [`State`]) and continues the loop.
use super::array::{construct_this, create_at, get_at, set_length};
use super::promise::{self, Handler};
use crate::atom::names;
use crate::function::{native_data, set_native_data, Args};
use crate::object::Obj;
use crate::runtime::{JsResult, Runtime};
use crate::value::Value;
use alloc::vec::Vec;

/// The closure's variables.
struct State {
    resolve: Value,
    reject: Value,
    /// The array being filled (undefined until created).
    out: Value,
    k: f64,
    /// Undefined when not mapping.
    mapfn: Value,
    this_arg: Value,
    /// The async iterator and its `next` (undefined in array-like mode).
    iter: Value,
    next: Value,
    /// The array-like source and its length (array-like mode).
    items: Value,
    len: f64,
}

impl State {
    fn load(holder: &Obj) -> State {
        let mut d = native_data(holder).into_iter();
        let mut v = || d.next().unwrap_or_default();
        State {
            resolve: v(),
            reject: v(),
            out: v(),
            k: v().as_number().unwrap_or(0.0),
            mapfn: v(),
            this_arg: v(),
            iter: v(),
            next: v(),
            items: v(),
            len: v().as_number().unwrap_or(0.0),
        }
    }

    fn store(self, holder: &Obj) {
        set_native_data(
            holder,
            alloc::vec![
                self.resolve,
                self.reject,
                self.out,
                Value::number(self.k),
                self.mapfn,
                self.this_arg,
                self.iter,
                self.next,
                self.items,
                Value::number(self.len),
            ],
        );
    }

    fn out_obj(&self) -> Option<Obj> {
        self.out.as_object().cloned()
    }
}

/// What an awaited value continues with (reaction `magic` = step * 2 + rejected).
const NEXT_RESULT: u16 = 0;
const ITER_MAPPED: u16 = 1;
const ITEM_VALUE: u16 = 2;
const ITEM_MAPPED: u16 = 3;
/// The `return()` of an iterator closed after an error settled: reject with the error.
const CLOSED: u16 = 4;

pub(crate) fn from_async(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let c = Value::object(rt.realm.promise_ctor.clone());
    let cap = promise::new_capability(rt, &c)?;
    let holder = rt.new_native_with_data("", reaction, 0, 0, Vec::new());
    let st = State {
        resolve: cap.resolve.clone(),
        reject: cap.reject.clone(),
        out: Value::UNDEFINED,
        k: 0.0,
        mapfn: a.get(1),
        this_arg: a.get(2),
        iter: Value::UNDEFINED,
        next: Value::UNDEFINED,
        items: Value::UNDEFINED,
        len: 0.0,
    };
    st.store(&holder);
    if start(rt, a.this, a.get(0), &holder).is_err() {
        let e = rt.take_exception();
        rt.call(&cap.reject, Value::UNDEFINED, &[e])?;
    }
    Ok(cap.promise)
}

/// GetMethod (7.3.11).
fn get_method(rt: &mut Runtime, v: &Value, key: crate::atom::Atom) -> JsResult<Option<Value>> {
    let m = rt.get(v, key)?;
    if m.is_nullish() {
        return Ok(None);
    }
    if !rt.is_callable(&m) {
        return Err(rt.type_error("not a function"));
    }
    Ok(Some(m))
}

fn start(rt: &mut Runtime, c: &Value, items: Value, holder: &Obj) -> JsResult<()> {
    let mut st = State::load(holder);
    if !st.mapfn.is_undefined() && !rt.is_callable(&st.mapfn) {
        return Err(rt.type_error("Array.fromAsync: mapper is not a function"));
    }
    if items.is_nullish() {
        return Err(rt.type_error("Array.fromAsync: source is null or undefined"));
    }
    let using_async = get_method(rt, &items, names::Symbol_asyncIterator)?;
    let using_sync = match using_async {
        Some(_) => None,
        None => get_method(rt, &items, names::Symbol_iterator)?,
    };
    let iter = match (using_async, using_sync) {
        (Some(m), _) => Some(object_result(rt, &m, &items)?),
        (None, Some(m)) => {
            let it = object_result(rt, &m, &items)?;
            let next = rt.get(&it, names::next)?;
            Some(super::async_generator::async_from_sync(rt, it, next))
        }
        (None, None) => None,
    };
    if let Some(iter) = iter {
        st.next = rt.get(&iter, names::next)?;
        st.iter = iter;
        st.out = Value::object(construct_this(rt, c, None)?);
        st.store(holder);
        return iter_step(rt, holder);
    }
    let items = Value::object(rt.to_object(&items)?);
    let len = super::util::length_of(rt, &items)?;
    st.out = Value::object(construct_this(rt, c, Some(len))?);
    st.items = items;
    st.len = len;
    st.store(holder);
    item_step(rt, holder)
}

/// GetIteratorFromMethod: calls the method and requires an object.
fn object_result(rt: &mut Runtime, m: &Value, items: &Value) -> JsResult<Value> {
    let it = rt.call(m, items.clone(), &[])?;
    if !it.is_object() {
        return Err(rt.type_error("iterator is not an object"));
    }
    Ok(it)
}

/// Await(v), continuing with `step` (extra data after the holder: for CLOSED, the error).
fn await_then(
    rt: &mut Runtime,
    holder: &Obj,
    v: Value,
    step: u16,
    extra: Option<Value>,
) -> JsResult<()> {
    let c = Value::object(rt.realm.promise_ctor.clone());
    let p = promise::promise_resolve(rt, &c, v)?;
    let mut data = alloc::vec![Value::object(holder.clone())];
    data.extend(extra);
    let on_f = rt.new_native_with_data("", reaction, 1, step * 2, data.clone());
    let on_r = rt.new_native_with_data("", reaction, 1, step * 2 + 1, data);
    if let Some(p) = p.as_object() {
        promise::perform_then(
            rt,
            p,
            Handler::Js(Value::object(on_f)),
            Handler::Js(Value::object(on_r)),
            None,
        );
    }
    Ok(())
}

/// The reactions: continue the loop; an error rejects the result promise.
fn reaction(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let data = native_data(a.callee);
    let Some(holder) = data.first().and_then(|h| h.as_object()).cloned() else {
        return Ok(Value::UNDEFINED);
    };
    let v = a.get(0);
    let (step, rejected) = (a.magic / 2, a.magic % 2 == 1);
    let r = match (step, rejected) {
        (NEXT_RESULT, false) => next_result(rt, &holder, v),
        (ITER_MAPPED, false) => define_next(rt, &holder, v),
        (ITER_MAPPED, true) => close_with(rt, &holder, v),
        (ITEM_VALUE, false) => item_value(rt, &holder, v),
        (ITEM_MAPPED, false) => item_define(rt, &holder, v),
        (CLOSED, _) => Err(rt.throw(data.get(1).cloned().unwrap_or_default())),
        _ => Err(rt.throw(v)),
    };
    if r.is_err() {
        let e = rt.take_exception();
        let reject = State::load(&holder).reject;
        rt.call(&reject, Value::UNDEFINED, &[e])?;
    }
    Ok(Value::UNDEFINED)
}

/// One iteration: call `next` and await its result.
fn iter_step(rt: &mut Runtime, holder: &Obj) -> JsResult<()> {
    let st = State::load(holder);
    let r = rt.call(&st.next, st.iter, &[])?;
    await_then(rt, holder, r, NEXT_RESULT, None)
}

fn next_result(rt: &mut Runtime, holder: &Obj, result: Value) -> JsResult<()> {
    if !result.is_object() {
        return Err(rt.type_error("iterator result is not an object"));
    }
    let st = State::load(holder);
    if rt.get(&result, names::done)?.truthy() {
        set_length(rt, &st.out, st.k)?;
        rt.call(&st.resolve, Value::UNDEFINED, &[st.out])?;
        return Ok(());
    }
    let value = rt.get(&result, names::value)?;
    if st.mapfn.is_undefined() {
        return define_next(rt, holder, value);
    }
    let mapped = rt
        .call(&st.mapfn, st.this_arg, &[value, Value::number(st.k)])
        .and_then(|m| await_then(rt, holder, m, ITER_MAPPED, None));
    if mapped.is_err() {
        let e = rt.take_exception();
        return close_with(rt, holder, e);
    }
    Ok(())
}

/// Stores the value at k and goes on; a failure closes the iterator.
fn define_next(rt: &mut Runtime, holder: &Obj, v: Value) -> JsResult<()> {
    let mut st = State::load(holder);
    let Some(out) = st.out_obj() else {
        return Err(rt.type_error("Array.fromAsync: no result object"));
    };
    if create_at(rt, &out, st.k, v).is_err() {
        let e = rt.take_exception();
        return close_with(rt, holder, e);
    }
    st.k += 1.0;
    st.store(holder);
    iter_step(rt, holder)
}

/// AsyncIteratorClose with a throw completion: call `return()`, await its result (ignoring
/// its outcome), then fail with `error`.
fn close_with(rt: &mut Runtime, holder: &Obj, error: Value) -> JsResult<()> {
    let iter = State::load(holder).iter;
    let inner = match rt.get(&iter, names::return_) {
        Ok(m) if m.is_nullish() => None,
        Ok(m) => rt.call(&m, iter, &[]).ok(),
        Err(_) => None,
    };
    let Some(inner) = inner else {
        rt.take_exception();
        return Err(rt.throw(error));
    };
    if await_then(rt, holder, inner, CLOSED, Some(error.clone())).is_err() {
        rt.take_exception();
        return Err(rt.throw(error));
    }
    Ok(())
}

/// One array-like step: await the element at k (or finish).
fn item_step(rt: &mut Runtime, holder: &Obj) -> JsResult<()> {
    let st = State::load(holder);
    if st.k >= st.len {
        set_length(rt, &st.out, st.len)?;
        rt.call(&st.resolve, Value::UNDEFINED, &[st.out])?;
        return Ok(());
    }
    let v = get_at(rt, &st.items, st.k)?;
    await_then(rt, holder, v, ITEM_VALUE, None)
}

fn item_value(rt: &mut Runtime, holder: &Obj, v: Value) -> JsResult<()> {
    let st = State::load(holder);
    if st.mapfn.is_undefined() {
        return item_define(rt, holder, v);
    }
    let m = rt.call(&st.mapfn, st.this_arg, &[v, Value::number(st.k)])?;
    await_then(rt, holder, m, ITEM_MAPPED, None)
}

fn item_define(rt: &mut Runtime, holder: &Obj, v: Value) -> JsResult<()> {
    let mut st = State::load(holder);
    let Some(out) = st.out_obj() else {
        return Err(rt.type_error("Array.fromAsync: no result object"));
    };
    create_at(rt, &out, st.k, v)?;
    st.k += 1.0;
    st.store(holder);
    item_step(rt, holder)
}

pub fn register(rt: &mut Runtime) {
    let g = Value::object(rt.global());
    let key = rt.intern("Array");
    let Ok(array) = rt.get(&g, key) else {
        rt.take_exception();
        return;
    };
    if let Some(array) = array.as_object() {
        rt.define_method(array, "fromAsync", from_async, 1);
    }
}
