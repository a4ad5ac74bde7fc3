//! %IteratorPrototype%, array iterators and string iterators (ECMA-262 27.1, 23.1.5, 22.1.5).
use crate::atom::names;
use crate::function::Args;
use crate::object::{IterKind, Obj, ObjectKind};
use crate::runtime::{JsResult, Runtime};
use crate::shape::{CONFIGURABLE, WEC};
use crate::string::JsString;
use crate::value::Value;

/// CreateIterResultObject (7.4.14).
pub fn iter_result(rt: &mut Runtime, value: Value, done: bool) -> Value {
    let o = rt.new_object();
    {
        let mut b = o.borrow_mut();
        b.put_data(names::value, value, WEC);
        b.put_data(names::done, Value::bool(done), WEC);
    }
    Value::object(o)
}

fn return_this(_rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    Ok(a.this.clone())
}

/// A new array iterator over `target` (CreateArrayIterator, 23.1.5.1).
pub fn new_array_iterator(rt: &mut Runtime, target: Value, kind: IterKind) -> Value {
    let proto = rt.realm.array_iterator_proto.clone();
    Value::object(rt.alloc_object(
        Some(&proto),
        ObjectKind::ArrayIterator {
            target: Some(target),
            index: 0,
            kind,
        },
    ))
}

/// One step of an array iterator: the next value, or None when done.
pub fn array_iterator_step(rt: &mut Runtime, it: &Obj) -> JsResult<Option<Value>> {
    let (target, index, kind) = match &it.borrow().kind {
        ObjectKind::ArrayIterator {
            target: Some(t),
            index,
            kind,
        } => (t.clone(), *index, *kind),
        _ => return Ok(None),
    };
    let len = super::util::length_of(rt, &target)?;
    if index as f64 >= len {
        if let ObjectKind::ArrayIterator { target, .. } = &mut it.borrow_mut().kind {
            *target = None;
        }
        return Ok(None);
    }
    if let ObjectKind::ArrayIterator { index: i, .. } = &mut it.borrow_mut().kind {
        *i = index + 1;
    }
    Ok(Some(match kind {
        IterKind::Keys => Value::number(index as f64),
        IterKind::Values => rt.get_index(&target, index)?,
        IterKind::Entries => {
            let v = rt.get_index(&target, index)?;
            Value::object(rt.new_array(alloc::vec![Value::number(index as f64), v]))
        }
    }))
}

/// %ArrayIteratorPrototype%.next.
pub fn array_iterator_next(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let it = match a.this.as_object() {
        Some(o) if matches!(o.borrow().kind, ObjectKind::ArrayIterator { .. }) => o.clone(),
        _ => return Err(rt.type_error("next called on an object that is not an Array Iterator")),
    };
    let r = array_iterator_step(rt, &it)?;
    Ok(match r {
        Some(v) => iter_result(rt, v, false),
        None => iter_result(rt, Value::UNDEFINED, true),
    })
}

/// %StringIteratorPrototype%.next: code points.
fn string_iterator_next(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let it = match a.this.as_object() {
        Some(o) if matches!(o.borrow().kind, ObjectKind::StringIterator { .. }) => o.clone(),
        _ => return Err(rt.type_error("next called on an object that is not a String Iterator")),
    };
    let piece = {
        let mut b = it.borrow_mut();
        let ObjectKind::StringIterator { s, pos } = &mut b.kind else {
            return Ok(Value::UNDEFINED);
        };
        match s.get(*pos) {
            None => None,
            Some(u) => {
                let pair = (0xD800..0xDC00).contains(&u)
                    && s.get(*pos + 1)
                        .is_some_and(|l| (0xDC00..0xE000).contains(&l));
                let n = if pair { 2 } else { 1 };
                let piece = s.slice(*pos, *pos + n);
                *pos += n;
                Some(piece)
            }
        }
    };
    Ok(match piece {
        Some(p) => iter_result(rt, Value::string(p), false),
        None => iter_result(rt, Value::UNDEFINED, true),
    })
}

pub fn new_string_iterator(rt: &mut Runtime, s: JsString) -> Value {
    let proto = rt.realm.string_iterator_proto.clone();
    Value::object(rt.alloc_object(Some(&proto), ObjectKind::StringIterator { s, pos: 0 }))
}

pub fn register(rt: &mut Runtime) {
    let ip = rt.realm.iterator_proto.clone();
    rt.define_symbol_method(
        &ip,
        names::Symbol_iterator,
        "[Symbol.iterator]",
        return_this,
        0,
    );
    let aip = rt.realm.array_iterator_proto.clone();
    rt.define_method(&aip, "next", array_iterator_next, 0);
    rt.define_value(
        &aip,
        names::Symbol_toStringTag,
        Value::str("Array Iterator"),
        CONFIGURABLE,
    );
    let sip = rt.realm.string_iterator_proto.clone();
    rt.define_method(&sip, "next", string_iterator_next, 0);
    rt.define_value(
        &sip,
        names::Symbol_toStringTag,
        Value::str("String Iterator"),
        CONFIGURABLE,
    );
}
