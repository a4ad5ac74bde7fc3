//! The Iterator constructor and the iterator helpers (ECMA-262 27.1.3): `Iterator.from` with
//! %WrapForValidIteratorPrototype%, `Iterator.concat`, the lazy helpers (map, filter, take,
//! drop, flatMap) whose results are %IteratorHelperPrototype% objects, and the eager ones
//! (reduce, toArray, forEach, some, every, find).
//!
//! The spec writes each lazy helper as a generator closure; here a [`Helper`] is that closure's
//! state machine: `step` runs it to its next yield, and `return` closes what it holds, with the
//! generator states (suspended-start, suspended-yield, executing, completed) the spec observes.
use super::iterator::iter_result;
use super::map::iterator_close_on_error;
use crate::atom::names;
use crate::function::Args;
use crate::gc::Gc;
use crate::object::{Obj, ObjectKind};
use crate::runtime::{Exc, JsResult, Runtime};
use crate::shape::{CONFIGURABLE, WC};
use crate::value::Value;
use alloc::boxed::Box;
use alloc::vec::Vec;

/// An Iterator Record: the iterator and its `next` method.
#[derive(Clone)]
pub struct IterRecord {
    iter: Value,
    next: Value,
}

impl IterRecord {
    pub fn trace(&self, f: &mut dyn FnMut(&Gc)) {
        self.iter.trace(f);
        self.next.trace(f);
    }
}

enum Op {
    Map(Value),
    Filter(Value),
    Take(f64),
    Drop(f64),
    /// The mapper and the inner iterator being flattened.
    FlatMap(Value, Option<IterRecord>),
    /// `Iterator.concat`: the (method, iterable) pairs still to open.
    Concat(alloc::collections::VecDeque<(Value, Value)>),
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    Start,
    Yielded,
    Running,
    Done,
}

/// An iterator helper object's [[UnderlyingIterator]] and closure state.
pub struct Helper {
    /// None for `Iterator.concat` until it opens its first iterable.
    underlying: Option<IterRecord>,
    op: Op,
    counter: f64,
    state: State,
}

impl Helper {
    pub fn trace(&self, f: &mut dyn FnMut(&Gc)) {
        if let Some(u) = &self.underlying {
            u.trace(f);
        }
        match &self.op {
            Op::Map(v) | Op::Filter(v) => v.trace(f),
            Op::FlatMap(v, inner) => {
                v.trace(f);
                if let Some(i) = inner {
                    i.trace(f);
                }
            }
            Op::Concat(items) => items.iter().for_each(|(m, it)| {
                m.trace(f);
                it.trace(f);
            }),
            Op::Take(_) | Op::Drop(_) => {}
        }
    }
}

fn helper_of<R>(o: &Obj, f: impl FnOnce(&mut Helper) -> R) -> Option<R> {
    match &mut o.borrow_mut().kind {
        ObjectKind::IteratorHelper(h) => Some(f(h)),
        _ => None,
    }
}

/// IteratorStepValue on a record.
fn step(rt: &mut Runtime, r: &IterRecord) -> JsResult<Option<Value>> {
    rt.iterator_step(&r.iter, &r.next)
}

/// IfAbruptCloseIterator: on an exception, closes `r` (keeping the exception).
fn close_on_err<T>(rt: &mut Runtime, r: &IterRecord, v: JsResult<T>) -> JsResult<T> {
    v.map_err(|_| iterator_close_on_error(rt, &r.iter))
}

/// GetIteratorDirect (7.4.7).
fn iterator_direct(rt: &mut Runtime, o: &Value) -> JsResult<IterRecord> {
    let next = rt.get(o, names::next)?;
    Ok(IterRecord {
        iter: o.clone(),
        next,
    })
}

/// GetIteratorFlattenable (7.4.13); `strings` iterates string primitives.
fn iterator_flattenable(rt: &mut Runtime, v: &Value, strings: bool) -> JsResult<IterRecord> {
    if !(v.is_object() || (strings && v.is_string())) {
        return Err(rt.type_error("value is not an iterator or iterable object"));
    }
    let method = rt.get(v, names::Symbol_iterator)?;
    let iter = if method.is_nullish() {
        v.clone()
    } else {
        rt.call(&method, v.clone(), &[])?
    };
    if !iter.is_object() {
        return Err(rt.type_error("iterator is not an object"));
    }
    iterator_direct(rt, &iter)
}

/// Runs the helper's closure to its next yield: Some(value), or None when it completes.
fn run(rt: &mut Runtime, this: &Obj) -> JsResult<Option<Value>> {
    loop {
        let (underlying, counter, op) = match helper_of(this, |h| {
            let op = match &mut h.op {
                Op::Map(f) => Op::Map(f.clone()),
                Op::Filter(f) => Op::Filter(f.clone()),
                Op::Take(n) => {
                    let n0 = *n;
                    if n0 > 0.0 && n0 != f64::INFINITY {
                        *n -= 1.0;
                    }
                    Op::Take(n0)
                }
                Op::Drop(n) => Op::Drop(core::mem::take(n)),
                Op::FlatMap(f, inner) => Op::FlatMap(f.clone(), inner.clone()),
                Op::Concat(items) => {
                    let next = if h.underlying.is_none() {
                        items.pop_front()
                    } else {
                        None
                    };
                    Op::Concat(next.into_iter().collect())
                }
            };
            (h.underlying.clone(), h.counter, op)
        }) {
            Some(x) => x,
            None => return Ok(None),
        };
        match op {
            Op::Map(f) => {
                let Some(u) = underlying else { return Ok(None) };
                let Some(v) = step(rt, &u)? else {
                    return Ok(None);
                };
                let r = rt.call(&f, Value::UNDEFINED, &[v, Value::number(counter)]);
                let mapped = close_on_err(rt, &u, r)?;
                helper_of(this, |h| h.counter += 1.0);
                return Ok(Some(mapped));
            }
            Op::Filter(f) => {
                let Some(u) = underlying else { return Ok(None) };
                let Some(v) = step(rt, &u)? else {
                    return Ok(None);
                };
                let r = rt.call(&f, Value::UNDEFINED, &[v.clone(), Value::number(counter)]);
                let selected = close_on_err(rt, &u, r)?;
                helper_of(this, |h| h.counter += 1.0);
                if selected.truthy() {
                    return Ok(Some(v));
                }
            }
            Op::Take(remaining) => {
                let Some(u) = underlying else { return Ok(None) };
                if remaining == 0.0 {
                    rt.iterator_close(&u.iter)?;
                    return Ok(None);
                }
                return step(rt, &u);
            }
            Op::Drop(mut remaining) => {
                let Some(u) = underlying else { return Ok(None) };
                while remaining > 0.0 {
                    if remaining != f64::INFINITY {
                        remaining -= 1.0;
                    }
                    if step(rt, &u)?.is_none() {
                        return Ok(None);
                    }
                }
                return step(rt, &u);
            }
            Op::FlatMap(f, inner) => {
                let Some(u) = underlying else { return Ok(None) };
                if let Some(inner) = inner {
                    let r = step(rt, &inner);
                    match close_on_err(rt, &u, r)? {
                        Some(v) => return Ok(Some(v)),
                        None => {
                            helper_of(this, |h| {
                                if let Op::FlatMap(_, i) = &mut h.op {
                                    *i = None;
                                }
                            });
                            continue;
                        }
                    }
                }
                let Some(v) = step(rt, &u)? else {
                    return Ok(None);
                };
                let r = rt
                    .call(&f, Value::UNDEFINED, &[v, Value::number(counter)])
                    .and_then(|mapped| iterator_flattenable(rt, &mapped, false));
                let inner = close_on_err(rt, &u, r)?;
                helper_of(this, |h| {
                    h.counter += 1.0;
                    if let Op::FlatMap(_, i) = &mut h.op {
                        *i = Some(inner);
                    }
                });
            }
            Op::Concat(mut opened) => {
                if let Some(u) = underlying {
                    match step(rt, &u)? {
                        Some(v) => return Ok(Some(v)),
                        None => {
                            helper_of(this, |h| h.underlying = None);
                            continue;
                        }
                    }
                }
                let Some((method, iterable)) = opened.pop_front() else {
                    return Ok(None);
                };
                let iter = rt.call(&method, iterable, &[])?;
                if !iter.is_object() {
                    return Err(rt.type_error("iterator is not an object"));
                }
                let r = iterator_direct(rt, &iter)?;
                helper_of(this, |h| h.underlying = Some(r));
            }
        }
    }
}

fn this_helper(rt: &mut Runtime, this: &Value) -> JsResult<Obj> {
    match this.as_object() {
        Some(o) if matches!(o.borrow().kind, ObjectKind::IteratorHelper(_)) => Ok(o.clone()),
        _ => Err(rt.type_error("not an Iterator Helper object")),
    }
}

fn set_state(o: &Obj, s: State) {
    helper_of(o, |h| {
        h.state = s;
        if s == State::Done {
            // A completed closure holds nothing.
            h.underlying = None;
            h.op = Op::Take(0.0);
        }
    });
}

/// %IteratorHelperPrototype%.next (27.1.2.1.1): GeneratorResume.
fn helper_next(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_helper(rt, a.this)?;
    match helper_of(&o, |h| h.state) {
        Some(State::Running) => return Err(rt.type_error("Iterator Helper is already running")),
        Some(State::Done) | None => return Ok(iter_result(rt, Value::UNDEFINED, true)),
        _ => {}
    }
    set_state(&o, State::Running);
    match run(rt, &o) {
        Ok(Some(v)) => {
            set_state(&o, State::Yielded);
            Ok(iter_result(rt, v, false))
        }
        Ok(None) => {
            set_state(&o, State::Done);
            Ok(iter_result(rt, Value::UNDEFINED, true))
        }
        Err(e) => {
            set_state(&o, State::Done);
            Err(e)
        }
    }
}

/// %IteratorHelperPrototype%.return (27.1.2.1.2): closes the iterators the closure holds.
fn helper_return(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_helper(rt, a.this)?;
    let Some((state, underlying, inner)) = helper_of(&o, |h| {
        let inner = match &h.op {
            Op::FlatMap(_, i) => i.clone(),
            _ => None,
        };
        (h.state, h.underlying.clone(), inner)
    }) else {
        return Ok(iter_result(rt, Value::UNDEFINED, true));
    };
    match state {
        State::Running => return Err(rt.type_error("Iterator Helper is already running")),
        State::Done => return Ok(iter_result(rt, Value::UNDEFINED, true)),
        State::Start | State::Yielded => {}
    }
    // From suspended-start the generator completes at once; from a yield the closure runs
    // (executing) while it closes its iterators.
    set_state(
        &o,
        if state == State::Start {
            State::Done
        } else {
            State::Running
        },
    );
    let r = close_all(rt, underlying, inner);
    set_state(&o, State::Done);
    r?;
    Ok(iter_result(rt, Value::UNDEFINED, true))
}

/// Closes the inner iterator of a flatMap, then the underlying one (which closes even when
/// the inner one throws; the first error wins).
fn close_all(
    rt: &mut Runtime,
    underlying: Option<IterRecord>,
    inner: Option<IterRecord>,
) -> JsResult<()> {
    if let Some(inner) = inner {
        if rt.iterator_close(&inner.iter).is_err() {
            if let Some(u) = &underlying {
                return Err(iterator_close_on_error(rt, &u.iter));
            }
            return Err(Exc);
        }
    }
    if let Some(u) = underlying {
        rt.iterator_close(&u.iter)?;
    }
    Ok(())
}

fn new_helper(rt: &mut Runtime, underlying: Option<IterRecord>, op: Op) -> Value {
    let proto = rt.realm.iterator_helper_proto.clone();
    Value::object(rt.alloc_object(
        Some(&proto),
        ObjectKind::IteratorHelper(Box::new(Helper {
            underlying,
            op,
            counter: 0.0,
            state: State::Start,
        })),
    ))
}

/// `this` as an object, or a TypeError.
fn this_object(rt: &mut Runtime, this: &Value, method: &str) -> JsResult<Value> {
    if this.is_object() {
        Ok(this.clone())
    } else {
        Err(rt.type_error(&crate::text!(
            "Iterator.prototype.",
            method,
            " called on a non-object"
        )))
    }
}

/// Throws a TypeError after closing `o` (an argument check failed before iteration began).
fn close_with_type_error(rt: &mut Runtime, o: &Value, msg: &str) -> Exc {
    let _ = rt.type_error(msg);
    iterator_close_on_error(rt, o)
}

const LAZY: [&str; 5] = ["map", "filter", "take", "drop", "flatMap"];

/// map, filter, take, drop, flatMap (27.1.4.8 and neighbours), by `LAZY` index in `magic`.
fn lazy_helper(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let name = LAZY.get(a.magic as usize).copied().unwrap_or("map");
    let o = this_object(rt, a.this, name)?;
    let arg = a.get(0);
    let op = match a.magic {
        2 | 3 => {
            let n = match rt.to_number(&arg) {
                Ok(n) => n,
                Err(_) => return Err(iterator_close_on_error(rt, &o)),
            };
            if n.is_nan() {
                let _ = rt.range_error(&crate::text!(name, ": limit is NaN"));
                return Err(iterator_close_on_error(rt, &o));
            }
            let n = crate::number::to_integer_or_infinity(n);
            if n < 0.0 {
                let _ = rt.range_error(&crate::text!(name, ": limit is negative"));
                return Err(iterator_close_on_error(rt, &o));
            }
            if a.magic == 2 {
                Op::Take(n)
            } else {
                Op::Drop(n)
            }
        }
        _ => {
            if !rt.is_callable(&arg) {
                let msg = crate::text!("Iterator.prototype.", name, ": argument is not a function");
                return Err(close_with_type_error(rt, &o, &msg));
            }
            match a.magic {
                0 => Op::Map(arg),
                1 => Op::Filter(arg),
                _ => Op::FlatMap(arg, None),
            }
        }
    };
    let r = iterator_direct(rt, &o)?;
    Ok(new_helper(rt, Some(r), op))
}

const EAGER: [&str; 6] = ["reduce", "toArray", "forEach", "some", "every", "find"];

/// reduce, toArray, forEach, some, every, find, by `EAGER` index in `magic`.
fn eager_helper(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let name = EAGER.get(a.magic as usize).copied().unwrap_or("toArray");
    let o = this_object(rt, a.this, name)?;
    let f = a.get(0);
    if a.magic != 1 && !rt.is_callable(&f) {
        let msg = crate::text!("Iterator.prototype.", name, ": argument is not a function");
        return Err(close_with_type_error(rt, &o, &msg));
    }
    let r = iterator_direct(rt, &o)?;
    let mut counter = 0.0;
    match a.magic {
        // reduce
        0 => {
            let mut acc =
                if a.len() >= 2 {
                    a.get(1)
                } else {
                    match step(rt, &r)? {
                        Some(v) => {
                            counter = 1.0;
                            v
                        }
                        None => return Err(rt.type_error(
                            "Iterator.prototype.reduce of an empty iterator with no initial value",
                        )),
                    }
                };
            while let Some(v) = step(rt, &r)? {
                let res = rt.call(&f, Value::UNDEFINED, &[acc, v, Value::number(counter)]);
                acc = close_on_err(rt, &r, res)?;
                counter += 1.0;
            }
            Ok(acc)
        }
        // toArray
        1 => {
            let mut items = Vec::new();
            while let Some(v) = step(rt, &r)? {
                items.push(v);
            }
            Ok(Value::object(rt.new_array(items)))
        }
        // forEach, some, every, find
        m => {
            while let Some(v) = step(rt, &r)? {
                let res = rt.call(&f, Value::UNDEFINED, &[v.clone(), Value::number(counter)]);
                let res = close_on_err(rt, &r, res)?;
                counter += 1.0;
                let hit = match m {
                    3 => res.truthy().then_some(Value::TRUE),
                    4 => (!res.truthy()).then_some(Value::FALSE),
                    5 => res.truthy().then_some(v),
                    _ => None,
                };
                if let Some(out) = hit {
                    rt.iterator_close(&r.iter)?;
                    return Ok(out);
                }
            }
            Ok(match m {
                3 => Value::FALSE,
                4 => Value::TRUE,
                _ => Value::UNDEFINED,
            })
        }
    }
}

/// The Iterator constructor (27.1.3.1): abstract, only subclasses construct.
fn iterator_ctor(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let direct = a
        .new_target
        .as_object()
        .is_none_or(|nt| nt.ptr_eq(a.callee));
    if direct {
        return Err(rt.type_error("Iterator cannot be constructed directly"));
    }
    let proto = rt.proto_from_ctor(a.new_target, |r| r.realm.iterator_proto.clone())?;
    Ok(Value::object(
        rt.alloc_object(Some(&proto), ObjectKind::Ordinary),
    ))
}

/// Iterator.from (27.1.3.2.1).
fn iterator_from(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let r = iterator_flattenable(rt, &a.get(0), true)?;
    // OrdinaryHasInstance(%Iterator%, iterator): Iterator.prototype is not writable.
    let ip = rt.realm.iterator_proto.clone();
    let mut p = r.iter.as_object().and_then(|o| o.proto());
    while let Some(o) = p {
        if o.ptr_eq(&ip) {
            return Ok(r.iter);
        }
        p = o.proto();
    }
    let proto = rt.realm.wrap_iterator_proto.clone();
    Ok(Value::object(rt.alloc_object(
        Some(&proto),
        ObjectKind::WrappedIterator(Box::new(r)),
    )))
}

fn this_wrapped(rt: &mut Runtime, this: &Value) -> JsResult<IterRecord> {
    if let Some(o) = this.as_object() {
        if let ObjectKind::WrappedIterator(r) = &o.borrow().kind {
            return Ok((**r).clone());
        }
    }
    Err(rt.type_error("not an object made by Iterator.from"))
}

/// %WrapForValidIteratorPrototype%.next (27.1.3.2.1.1.1).
fn wrapped_next(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let r = this_wrapped(rt, a.this)?;
    rt.call(&r.next, r.iter, &[])
}

/// %WrapForValidIteratorPrototype%.return (27.1.3.2.1.1.2).
fn wrapped_return(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let r = this_wrapped(rt, a.this)?;
    let ret = rt.get(&r.iter, names::return_)?;
    if ret.is_nullish() {
        return Ok(iter_result(rt, Value::UNDEFINED, true));
    }
    rt.call(&ret, r.iter, &[])
}

/// Iterator.concat (the iterator-sequencing proposal).
fn iterator_concat(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let mut items = alloc::collections::VecDeque::new();
    for item in a.args {
        if !item.is_object() {
            return Err(rt.type_error("Iterator.concat: argument is not an object"));
        }
        let method = rt.get(item, names::Symbol_iterator)?;
        if method.is_nullish() {
            return Err(rt.type_error("Iterator.concat: argument is not iterable"));
        }
        if !rt.is_callable(&method) {
            return Err(rt.type_error("Iterator.concat: @@iterator is not a function"));
        }
        items.push_back((method, item.clone()));
    }
    Ok(new_helper(rt, None, Op::Concat(items)))
}

/// The getters and setters of Iterator.prototype.constructor (magic 0) and
/// [Symbol.toStringTag] (magic 1): SetterThatIgnoresPrototypeProperties (27.1.4.1, 27.1.4.14).
fn proto_prop_get(_rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if a.magic == 1 {
        return Ok(Value::str("Iterator"));
    }
    // The constructor getter carries %Iterator% as its data.
    Ok(crate::function::native_data(a.callee)
        .into_iter()
        .next()
        .unwrap_or_default())
}

fn proto_prop_set(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let Some(o) = a.this.as_object() else {
        return Err(rt.type_error("setter called on a non-object"));
    };
    let home = rt.realm.iterator_proto.clone();
    if o.ptr_eq(&home) {
        return Err(rt.type_error("cannot set this property on Iterator.prototype"));
    }
    let key = if a.magic == 1 {
        names::Symbol_toStringTag
    } else {
        names::constructor
    };
    let v = a.get(0);
    if rt.get_own_property(o, key).is_none() {
        if !rt.create_data_property(o, key, v)? {
            return Err(rt.type_error("cannot define property"));
        }
    } else {
        rt.put(a.this, key, v, true)?;
    }
    Ok(Value::UNDEFINED)
}

pub fn register(rt: &mut Runtime) {
    let ip = rt.realm.iterator_proto.clone();
    let ctor = rt.new_native("Iterator", iterator_ctor, 0, 0, true);
    rt.define_value(&ctor, names::prototype, Value::object(ip.clone()), 0);
    rt.define_method(&ctor, "from", iterator_from, 1);
    rt.define_method(&ctor, "concat", iterator_concat, 0);
    for (i, name) in LAZY.iter().enumerate() {
        rt.define_method_magic(&ip, name, lazy_helper, 1, i as u16);
    }
    for (i, name) in EAGER.iter().enumerate() {
        let len = if i == 1 { 0 } else { 1 };
        rt.define_method_magic(&ip, name, eager_helper, len, i as u16);
    }
    for (magic, key, name) in [
        (0, names::constructor, "constructor"),
        (1, names::Symbol_toStringTag, "[Symbol.toStringTag]"),
    ] {
        let get = rt.new_native(&crate::text!("get ", name), proto_prop_get, 0, magic, false);
        if magic == 0 {
            crate::function::set_native_data(&get, alloc::vec![Value::object(ctor.clone())]);
        }
        let set = rt.new_native(&crate::text!("set ", name), proto_prop_set, 1, magic, false);
        rt.define_accessor(&ip, key, Some(get), Some(set), CONFIGURABLE);
    }

    let hp = rt.realm.iterator_helper_proto.clone();
    rt.define_method(&hp, "next", helper_next, 0);
    rt.define_method(&hp, "return", helper_return, 0);
    rt.define_value(
        &hp,
        names::Symbol_toStringTag,
        Value::str("Iterator Helper"),
        CONFIGURABLE,
    );
    let wp = rt.realm.wrap_iterator_proto.clone();
    rt.define_method(&wp, "next", wrapped_next, 0);
    rt.define_method(&wp, "return", wrapped_return, 0);

    let g = rt.global();
    let k = rt.intern("Iterator");
    rt.define_value(&g, k, Value::object(ctor), WC);
}
