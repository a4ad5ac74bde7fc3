//! Array and Array.prototype (ECMA-262 23.1). Methods are generic over array-likes (they use
//! Get/Set/HasProperty), with dense-array fast paths where the result cannot differ.
use super::util::{length_of, relative_index, this_object};
use crate::atom::{names, Atom};
use crate::function::Args;
use crate::object::{IterKind, Obj, ObjectKind};
use crate::runtime::{JsResult, Runtime};
use crate::shape::WC;
use crate::string::StringBuilder;
use crate::value::Value;
use alloc::vec::Vec;

fn array_ctor(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let nt = if a.is_construct() {
        a.new_target.clone()
    } else {
        Value::object(a.callee.clone())
    };
    let proto = rt.proto_from_ctor(&nt, |r| r.realm.array_proto.clone())?;
    let arr = rt.new_array(Vec::new());
    arr.borrow_mut().proto = Some(proto);
    if a.len() == 1 {
        let v = a.get(0);
        if let Some(n) = v.as_number() {
            if n < 0.0 || n != (n as u32) as f64 {
                return Err(rt.range_error("Invalid array length"));
            }
            if let ObjectKind::Array { length, .. } = &mut arr.borrow_mut().kind {
                *length = n as u32;
            }
        } else if let ObjectKind::Array { elems, length, .. } = &mut arr.borrow_mut().kind {
            elems.push(v);
            *length = 1;
        }
    } else if let ObjectKind::Array { elems, length, .. } = &mut arr.borrow_mut().kind {
        elems.extend_from_slice(a.args);
        *length = elems.len() as u32;
    }
    Ok(Value::object(arr))
}

/// get Array[Symbol.species] (23.1.2.5).
fn species(_rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    Ok(a.this.clone())
}

fn is_array(_rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    Ok(Value::bool(
        a.get(0).as_object().is_some_and(|o| o.is_array()),
    ))
}

/// `new C(...args)` when `this` is a constructor, else ArrayCreate(len) (Array.of and
/// Array.from, 23.1.2).
pub(crate) fn construct_this(rt: &mut Runtime, this: &Value, len: Option<f64>) -> JsResult<Obj> {
    if rt.is_constructor(this) {
        let args: Vec<Value> = len.map(Value::number).into_iter().collect();
        let r = rt.construct(this, &args, None)?;
        return match r.as_object() {
            Some(o) => Ok(o.clone()),
            None => Err(rt.type_error("constructor returned a non-object")),
        };
    }
    array_create(rt, len.unwrap_or(0.0))
}

/// Array.of (23.1.2.3).
fn array_of(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let len = a.len() as f64;
    let out = construct_this(rt, a.this, Some(len))?;
    for (i, v) in a.args.iter().enumerate() {
        create_at(rt, &out, i as f64, v.clone())?;
    }
    let outv = Value::object(out);
    set_length(rt, &outv, len)?;
    Ok(outv)
}

/// Array.from (23.1.2.1).
fn array_from(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let src = a.get(0);
    let map = a.get(1);
    if !map.is_undefined() && !rt.is_callable(&map) {
        return Err(rt.type_error("Array.from: mapper is not a function"));
    }
    if src.is_nullish() {
        return Err(rt.type_error("Array.from: source is null or undefined"));
    }
    let it = rt.get(&src, names::Symbol_iterator)?;
    if !it.is_nullish() {
        if !rt.is_callable(&it) {
            return Err(rt.type_error("Symbol.iterator is not a function"));
        }
        let out = construct_this(rt, a.this, None)?;
        let iter = rt.call(&it, src.clone(), &[])?;
        if !iter.is_object() {
            return Err(rt.type_error("iterator is not an object"));
        }
        let next = rt.get(&iter, names::next)?;
        let mut k = 0.0;
        loop {
            let Some(v) = rt.iterator_step(&iter, &next)? else {
                let outv = Value::object(out);
                set_length(rt, &outv, k)?;
                return Ok(outv);
            };
            let r = if map.is_undefined() {
                Ok(v)
            } else {
                rt.call(&map, a.get(2), &[v, Value::number(k)])
            };
            let r = r.and_then(|v| create_at(rt, &out, k, v));
            if r.is_err() {
                return Err(super::map::iterator_close_on_error(rt, &iter));
            }
            k += 1.0;
        }
    }
    let so = Value::object(rt.to_object(&src)?);
    let len = length_of(rt, &so)?;
    let out = construct_this(rt, a.this, Some(len))?;
    let mut k = 0.0;
    while k < len {
        let v = get_at(rt, &so, k)?;
        let v = if map.is_undefined() {
            v
        } else {
            rt.call(&map, a.get(2), &[v, Value::number(k)])?
        };
        create_at(rt, &out, k, v)?;
        k += 1.0;
    }
    let outv = Value::object(out);
    set_length(rt, &outv, len)?;
    Ok(outv)
}

/// Sets `o.length` (throws on failure, as the generic methods do).
pub(crate) fn set_length(rt: &mut Runtime, o: &Value, len: f64) -> JsResult<()> {
    rt.put(o, names::length, Value::number(len), true)
}

fn key(rt: &mut Runtime, i: f64) -> Atom {
    rt.number_key(i)
}

pub(crate) fn get_at(rt: &mut Runtime, o: &Value, i: f64) -> JsResult<Value> {
    if i < u32::MAX as f64 {
        return rt.get_index(o, i as u32);
    }
    let k = key(rt, i);
    rt.get(o, k)
}

fn put_at(rt: &mut Runtime, o: &Value, i: f64, v: Value) -> JsResult<()> {
    let k = key(rt, i);
    rt.put(o, k, v, true)
}

fn has_at(rt: &mut Runtime, o: &Obj, i: f64) -> JsResult<bool> {
    if let Some(true) = o.borrow().dense_get(i as u32).map(|_| i < u32::MAX as f64) {
        return Ok(true);
    }
    let k = key(rt, i);
    rt.has_property(o, k)
}

fn delete_at(rt: &mut Runtime, o: &Obj, i: f64) -> JsResult<()> {
    let k = key(rt, i);
    if !rt.delete_property(o, k)? {
        return Err(rt.type_error("cannot delete array element"));
    }
    Ok(())
}

/// CreateDataPropertyOrThrow (7.3.7) at index `i`.
pub(crate) fn create_at(rt: &mut Runtime, o: &Obj, i: f64, v: Value) -> JsResult<()> {
    let k = key(rt, i);
    if !rt.create_data_property(o, k, v)? {
        return Err(rt.type_error("cannot define array element"));
    }
    Ok(())
}

/// ArrayCreate (10.4.2.2) with a length check.
fn array_create(rt: &mut Runtime, len: f64) -> JsResult<Obj> {
    if len > u32::MAX as f64 {
        return Err(rt.range_error("Invalid array length"));
    }
    let arr = rt.new_array(Vec::new());
    if let ObjectKind::Array { length, .. } = &mut arr.borrow_mut().kind {
        *length = len as u32;
    }
    Ok(arr)
}

/// ArraySpeciesCreate (10.4.2.3).
fn array_species_create(rt: &mut Runtime, o: &Obj, len: f64) -> JsResult<Obj> {
    if !o.is_array() {
        return array_create(rt, len);
    }
    let mut c = rt.get(&Value::object(o.clone()), names::constructor)?;
    if c.is_object() {
        c = rt.get(&c, names::Symbol_species)?;
        if c.is_null() {
            c = Value::UNDEFINED;
        }
    }
    if c.is_undefined() {
        return array_create(rt, len);
    }
    if !rt.is_constructor(&c) {
        return Err(rt.type_error("species is not a constructor"));
    }
    let r = rt.construct(&c, &[Value::number(len)], None)?;
    match r.as_object() {
        Some(o) => Ok(o.clone()),
        None => Err(rt.type_error("species constructor returned a non-object")),
    }
}

fn push(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_object(rt, a.this, "Array.prototype.push")?;
    {
        let mut b = o.borrow_mut();
        let ext = b.extensible && crate::property::protos_allow_index_append(b.proto.as_ref());
        if let ObjectKind::Array {
            elems,
            length,
            length_writable,
        } = &mut b.kind
        {
            if ext
                && *length_writable
                && elems.len() == *length as usize
                && (*length as usize + a.len()) < u32::MAX as usize
            {
                elems.extend_from_slice(a.args);
                *length = elems.len() as u32;
                return Ok(Value::number(*length as f64));
            }
        }
    }
    let ov = Value::object(o);
    let mut len = length_of(rt, &ov)?;
    if len + a.len() as f64 > 9007199254740991.0 {
        return Err(rt.type_error("array length too large"));
    }
    for v in a.args {
        put_at(rt, &ov, len, v.clone())?;
        len += 1.0;
    }
    set_length(rt, &ov, len)?;
    Ok(Value::number(len))
}

fn pop(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_object(rt, a.this, "Array.prototype.pop")?;
    {
        let mut b = o.borrow_mut();
        if let ObjectKind::Array {
            elems,
            length,
            length_writable,
        } = &mut b.kind
        {
            if *length_writable
                && elems.len() == *length as usize
                && elems.last().is_some_and(|v| !v.is_uninit())
            {
                *length -= 1;
                return Ok(elems.pop().unwrap_or_default());
            }
        }
    }
    let ov = Value::object(o.clone());
    let len = length_of(rt, &ov)?;
    if len == 0.0 {
        set_length(rt, &ov, 0.0)?;
        return Ok(Value::UNDEFINED);
    }
    let v = get_at(rt, &ov, len - 1.0)?;
    delete_at(rt, &o, len - 1.0)?;
    set_length(rt, &ov, len - 1.0)?;
    Ok(v)
}

fn shift(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_object(rt, a.this, "Array.prototype.shift")?;
    let ov = Value::object(o.clone());
    let len = length_of(rt, &ov)?;
    if len == 0.0 {
        set_length(rt, &ov, 0.0)?;
        return Ok(Value::UNDEFINED);
    }
    let first = get_at(rt, &ov, 0.0)?;
    move_elements(rt, &o, 1.0, 0.0, len - 1.0)?;
    delete_at(rt, &o, len - 1.0)?;
    set_length(rt, &ov, len - 1.0)?;
    Ok(first)
}

/// Moves `count` elements from `from` to `to` (holes stay holes), in the safe direction.
fn move_elements(rt: &mut Runtime, o: &Obj, from: f64, to: f64, count: f64) -> JsResult<()> {
    let ov = Value::object(o.clone());
    let step = |k: f64| if from > to { k } else { count - 1.0 - k };
    let mut k = 0.0;
    while k < count {
        let (f, t) = (from + step(k), to + step(k));
        if has_at(rt, o, f)? {
            let v = get_at(rt, &ov, f)?;
            put_at(rt, &ov, t, v)?;
        } else {
            delete_at(rt, o, t)?;
        }
        k += 1.0;
    }
    Ok(())
}

fn unshift(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_object(rt, a.this, "Array.prototype.unshift")?;
    let ov = Value::object(o.clone());
    let len = length_of(rt, &ov)?;
    let n = a.len() as f64;
    if n > 0.0 {
        // 23.1.3.38 step 4.a: the length check comes before any element moves.
        if len + n > 9007199254740991.0 {
            return Err(rt.type_error("array length too large"));
        }
        move_elements(rt, &o, 0.0, n, len)?;
        for (i, v) in a.args.iter().enumerate() {
            put_at(rt, &ov, i as f64, v.clone())?;
        }
    }
    set_length(rt, &ov, len + n)?;
    Ok(Value::number(len + n))
}

fn slice(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_object(rt, a.this, "Array.prototype.slice")?;
    let ov = Value::object(o.clone());
    let len = length_of(rt, &ov)?;
    let start = relative_index(rt, &a.get(0), len, 0.0)?;
    let end = relative_index(rt, &a.get(1), len, len)?;
    let out = array_species_create(rt, &o, (end - start).max(0.0))?;
    let outv = Value::object(out.clone());
    let mut n = 0.0;
    let mut k = start;
    while k < end {
        if has_at(rt, &o, k)? {
            let v = get_at(rt, &ov, k)?;
            create_at(rt, &out, n, v)?;
        }
        k += 1.0;
        n += 1.0;
    }
    set_length(rt, &outv, n)?;
    Ok(outv)
}

fn splice(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_object(rt, a.this, "Array.prototype.splice")?;
    let ov = Value::object(o.clone());
    let len = length_of(rt, &ov)?;
    let start = relative_index(rt, &a.get(0), len, 0.0)?;
    let del = match a.len() {
        0 => 0.0,
        1 => len - start,
        _ => crate::number::clamp(rt.to_integer(&a.get(1))?, 0.0, len - start),
    };
    let items: &[Value] = a.args.get(2..).unwrap_or(&[]);
    if len + items.len() as f64 - del > 9007199254740991.0 {
        return Err(rt.type_error("array length too large"));
    }
    let removed = array_species_create(rt, &o, del)?;
    let mut k = 0.0;
    while k < del {
        let from = start + k;
        if has_at(rt, &o, from)? {
            let v = get_at(rt, &ov, from)?;
            create_at(rt, &removed, k, v)?;
        }
        k += 1.0;
    }
    set_length(rt, &Value::object(removed.clone()), del)?;
    let n = items.len() as f64;
    if n != del {
        move_elements(rt, &o, start + del, start + n, len - start - del)?;
        if n < del {
            let mut k = len;
            while k > len - del + n {
                delete_at(rt, &o, k - 1.0)?;
                k -= 1.0;
            }
        }
    }
    for (i, v) in items.iter().enumerate() {
        put_at(rt, &ov, start + i as f64, v.clone())?;
    }
    set_length(rt, &ov, len - del + n)?;
    Ok(Value::object(removed))
}

fn concat(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_object(rt, a.this, "Array.prototype.concat")?;
    let out = array_species_create(rt, &o, 0.0)?;
    let mut n = 0.0;
    let mut all = Vec::with_capacity(a.len() + 1);
    all.push(Value::object(o));
    all.extend_from_slice(a.args);
    for item in all {
        let spreadable = match item.as_object() {
            Some(io) => {
                let s = rt.get(&item, names::Symbol_isConcatSpreadable)?;
                if s.is_undefined() {
                    io.is_array()
                } else {
                    s.truthy()
                }
            }
            None => false,
        };
        if spreadable {
            let io = item.as_object().cloned().ok_or(crate::runtime::Exc)?;
            let len = length_of(rt, &item)?;
            if n + len > 9007199254740991.0 {
                return Err(rt.type_error("array length too large"));
            }
            let mut k = 0.0;
            while k < len {
                if has_at(rt, &io, k)? {
                    let v = get_at(rt, &item, k)?;
                    create_at(rt, &out, n, v)?;
                }
                k += 1.0;
                n += 1.0;
            }
        } else {
            if n >= 9007199254740991.0 {
                return Err(rt.type_error("array length too large"));
            }
            create_at(rt, &out, n, item)?;
            n += 1.0;
        }
    }
    let outv = Value::object(out);
    set_length(rt, &outv, n)?;
    Ok(outv)
}

fn join(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_object(rt, a.this, "Array.prototype.join")?;
    let ov = Value::object(o.clone());
    let len = length_of(rt, &ov)?;
    let sep = a.get(0);
    let sep = if sep.is_undefined() {
        crate::string::JsString::from_str(",")
    } else {
        rt.to_string(&sep)?
    };
    // Cycles (an array that contains itself) join as the empty string, as engines do.
    if rt.join_stack.iter().any(|x| x.ptr_eq(&o)) {
        return Ok(Value::str(""));
    }
    rt.join_stack.push(o);
    let r = (|| {
        let mut b = StringBuilder::new();
        let mut k = 0.0;
        while k < len {
            if k > 0.0 {
                b.push_js(&sep);
            }
            let v = get_at(rt, &ov, k)?;
            if !v.is_nullish() {
                let s = rt.to_string(&v)?;
                b.push_js(&s);
            }
            k += 1.0;
        }
        Ok(Value::string(b.finish(rt)?))
    })();
    rt.join_stack.pop();
    r
}

fn to_string(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_object(rt, a.this, "Array.prototype.toString")?;
    let ov = Value::object(o);
    let f = rt.get(&ov, names::join)?;
    if rt.is_callable(&f) {
        return rt.call(&f, ov, &[]);
    }
    let op = rt.realm.object_proto.clone();
    let ts = rt.get(&Value::object(op), names::toString)?;
    rt.call(&ts, ov, &[])
}

fn reverse(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_object(rt, a.this, "Array.prototype.reverse")?;
    let ov = Value::object(o.clone());
    let len = length_of(rt, &ov)?;
    let mut lo = 0.0;
    let mut hi = len - 1.0;
    while lo < hi {
        let (hl, hh) = (has_at(rt, &o, lo)?, has_at(rt, &o, hi)?);
        let vl = if hl {
            get_at(rt, &ov, lo)?
        } else {
            Value::UNDEFINED
        };
        let vh = if hh {
            get_at(rt, &ov, hi)?
        } else {
            Value::UNDEFINED
        };
        if hh {
            put_at(rt, &ov, lo, vh)?;
        } else {
            delete_at(rt, &o, lo)?;
        }
        if hl {
            put_at(rt, &ov, hi, vl)?;
        } else {
            delete_at(rt, &o, hi)?;
        }
        lo += 1.0;
        hi -= 1.0;
    }
    Ok(ov)
}

/// indexOf (magic 0), lastIndexOf (1), includes (2).
fn index_of(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_object(rt, a.this, "Array.prototype.indexOf")?;
    let ov = Value::object(o.clone());
    let len = length_of(rt, &ov)?;
    let target = a.get(0);
    let not_found = if a.magic == 2 {
        Value::FALSE
    } else {
        Value::int(-1)
    };
    if len == 0.0 {
        return Ok(not_found);
    }
    if a.magic == 1 {
        let mut k = if a.len() > 1 {
            let n = rt.to_integer(&a.get(1))?;
            if n >= 0.0 {
                n.min(len - 1.0)
            } else {
                len + n
            }
        } else {
            len - 1.0
        };
        while k >= 0.0 {
            if has_at(rt, &o, k)? && get_at(rt, &ov, k)?.strict_equals(&target) {
                return Ok(Value::number(k));
            }
            k -= 1.0;
        }
        return Ok(not_found);
    }
    let mut k = relative_index(rt, &a.get(1), len, 0.0)?;
    while k < len {
        if a.magic == 2 {
            let v = get_at(rt, &ov, k)?;
            if v.same_value(&target)
                || (v.as_number() == Some(0.0) && target.as_number() == Some(0.0))
            {
                return Ok(Value::TRUE);
            }
        } else if has_at(rt, &o, k)? && get_at(rt, &ov, k)?.strict_equals(&target) {
            return Ok(Value::number(k));
        }
        k += 1.0;
    }
    Ok(not_found)
}

/// The callback methods: forEach 0, map 1, filter 2, some 3, every 4, find 5, findIndex 6,
/// findLast 7, findLastIndex 8.
fn iterate(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_object(rt, a.this, "Array.prototype method")?;
    let ov = Value::object(o.clone());
    let len = length_of(rt, &ov)?;
    let f = a.get(0);
    if !rt.is_callable(&f) {
        return Err(rt.type_error("callback is not a function"));
    }
    let this_arg = a.get(1);
    let out = if a.magic == 1 || a.magic == 2 {
        Some(array_species_create(
            rt,
            &o,
            if a.magic == 1 { len } else { 0.0 },
        )?)
    } else {
        None
    };
    let mut n = 0.0;
    let reverse = a.magic == 7 || a.magic == 8;
    let finds = (5..=8).contains(&a.magic);
    let mut i = 0.0;
    while i < len {
        let k = if reverse { len - 1.0 - i } else { i };
        i += 1.0;
        if !finds && !has_at(rt, &o, k)? {
            continue;
        }
        let v = get_at(rt, &ov, k)?;
        let r = rt.call(
            &f,
            this_arg.clone(),
            &[v.clone(), Value::number(k), ov.clone()],
        )?;
        match a.magic {
            1 => {
                if let Some(out) = &out {
                    create_at(rt, out, k, r)?;
                }
            }
            2 if r.truthy() => {
                if let Some(out) = &out {
                    create_at(rt, out, n, v)?;
                }
                n += 1.0;
            }
            3 if r.truthy() => return Ok(Value::TRUE),
            4 if !r.truthy() => return Ok(Value::FALSE),
            5 | 7 if r.truthy() => return Ok(v),
            6 | 8 if r.truthy() => return Ok(Value::number(k)),
            _ => {}
        }
    }
    Ok(match a.magic {
        1 | 2 => out.map(Value::object).unwrap_or_default(),
        3 => Value::FALSE,
        4 => Value::TRUE,
        6 | 8 => Value::int(-1),
        _ => Value::UNDEFINED,
    })
}

/// reduce (magic 0) and reduceRight (1).
fn reduce(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_object(rt, a.this, "Array.prototype.reduce")?;
    let ov = Value::object(o.clone());
    let len = length_of(rt, &ov)?;
    let f = a.get(0);
    if !rt.is_callable(&f) {
        return Err(rt.type_error("reduce callback is not a function"));
    }
    let right = a.magic == 1;
    let idx = |i: f64| if right { len - 1.0 - i } else { i };
    let mut i = 0.0;
    let mut acc = if a.len() >= 2 {
        a.get(1)
    } else {
        loop {
            if i >= len {
                return Err(rt.type_error("reduce of empty array with no initial value"));
            }
            let k = idx(i);
            i += 1.0;
            if has_at(rt, &o, k)? {
                break get_at(rt, &ov, k)?;
            }
        }
    };
    while i < len {
        let k = idx(i);
        i += 1.0;
        if has_at(rt, &o, k)? {
            let v = get_at(rt, &ov, k)?;
            acc = rt.call(
                &f,
                Value::UNDEFINED,
                &[acc, v, Value::number(k), ov.clone()],
            )?;
        }
    }
    Ok(acc)
}

fn fill(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_object(rt, a.this, "Array.prototype.fill")?;
    let ov = Value::object(o);
    let len = length_of(rt, &ov)?;
    let start = relative_index(rt, &a.get(1), len, 0.0)?;
    let end = relative_index(rt, &a.get(2), len, len)?;
    let mut k = start;
    while k < end {
        put_at(rt, &ov, k, a.get(0))?;
        k += 1.0;
    }
    Ok(ov)
}

fn at(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_object(rt, a.this, "Array.prototype.at")?;
    let ov = Value::object(o);
    let len = length_of(rt, &ov)?;
    let n = rt.to_integer(&a.get(0))?;
    let k = if n < 0.0 { len + n } else { n };
    if k < 0.0 || k >= len {
        return Ok(Value::UNDEFINED);
    }
    get_at(rt, &ov, k)
}

/// SortCompare (23.1.3.30.2) for two defined values.
fn sort_compare(
    rt: &mut Runtime,
    f: &Value,
    x: &Value,
    y: &Value,
) -> JsResult<core::cmp::Ordering> {
    use core::cmp::Ordering;
    if !f.is_undefined() {
        let r = rt.call(f, Value::UNDEFINED, &[x.clone(), y.clone()])?;
        let n = rt.to_number(&r)?;
        return Ok(if n < 0.0 {
            Ordering::Less
        } else if n > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Equal
        });
    }
    if let (Some(a), Some(b)) = (x.as_int(), y.as_int()) {
        if a >= 0 && b >= 0 {
            // Same order as comparing their decimal strings, without allocating.
            let (sa, sb) = (
                crate::number::int_to_string(a as i64),
                crate::number::int_to_string(b as i64),
            );
            return Ok(sa.cmp_units(&sb));
        }
    }
    let sx = rt.to_string(x)?;
    let sy = rt.to_string(y)?;
    Ok(sx.cmp_units(&sy))
}

/// A stable merge sort that propagates comparator exceptions.
fn merge_sort(rt: &mut Runtime, v: &mut Vec<Value>, f: &Value) -> JsResult<()> {
    let n = v.len();
    let mut buf: Vec<Value> = v.clone();
    let mut width = 1;
    while width < n {
        let mut i = 0;
        while i < n {
            let mid = (i + width).min(n);
            let end = (i + 2 * width).min(n);
            let (mut l, mut r, mut k) = (i, mid, i);
            while l < mid && r < end {
                if sort_compare(rt, f, &v[r], &v[l])? == core::cmp::Ordering::Less {
                    buf[k] = v[r].clone();
                    r += 1;
                } else {
                    buf[k] = v[l].clone();
                    l += 1;
                }
                k += 1;
            }
            while l < mid {
                buf[k] = v[l].clone();
                l += 1;
                k += 1;
            }
            while r < end {
                buf[k] = v[r].clone();
                r += 1;
                k += 1;
            }
            i += 2 * width;
        }
        core::mem::swap(v, &mut buf);
        width *= 2;
    }
    Ok(())
}

fn sort(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let f = a.get(0);
    if !f.is_undefined() && !rt.is_callable(&f) {
        return Err(rt.type_error("The comparison function must be either a function or undefined"));
    }
    let o = this_object(rt, a.this, "Array.prototype.sort")?;
    let ov = Value::object(o.clone());
    let len = length_of(rt, &ov)?;
    let mut items = Vec::new();
    let mut undefs = 0.0;
    let mut k = 0.0;
    while k < len {
        if has_at(rt, &o, k)? {
            let v = get_at(rt, &ov, k)?;
            if v.is_undefined() {
                undefs += 1.0;
            } else {
                items.push(v);
            }
        }
        k += 1.0;
    }
    merge_sort(rt, &mut items, &f)?;
    let n = items.len() as f64;
    for (i, v) in items.into_iter().enumerate() {
        put_at(rt, &ov, i as f64, v)?;
    }
    let mut k = n;
    while k < n + undefs {
        put_at(rt, &ov, k, Value::UNDEFINED)?;
        k += 1.0;
    }
    while k < len {
        delete_at(rt, &o, k)?;
        k += 1.0;
    }
    Ok(ov)
}

fn flatten_into(
    rt: &mut Runtime,
    out: &Obj,
    n: &mut f64,
    src: &Value,
    depth: f64,
    map: Option<(&Value, &Value)>,
) -> JsResult<()> {
    let len = length_of(rt, src)?;
    let so = rt.to_object(src)?;
    let mut k = 0.0;
    while k < len {
        if has_at(rt, &so, k)? {
            let mut v = get_at(rt, src, k)?;
            if let Some((f, t)) = map {
                v = rt.call(f, t.clone(), &[v, Value::number(k), src.clone()])?;
            }
            if depth > 0.0 && v.as_object().is_some_and(|o| o.is_array()) {
                rt.check_stack()?;
                flatten_into(rt, out, n, &v, depth - 1.0, None)?;
            } else {
                if *n >= 9007199254740991.0 {
                    return Err(rt.type_error("array length too large"));
                }
                create_at(rt, out, *n, v)?;
                *n += 1.0;
            }
        }
        k += 1.0;
    }
    Ok(())
}

fn flat(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_object(rt, a.this, "Array.prototype.flat")?;
    let depth = if a.get(0).is_undefined() {
        1.0
    } else {
        rt.to_integer(&a.get(0))?
    };
    let out = array_species_create(rt, &o, 0.0)?;
    let mut n = 0.0;
    flatten_into(rt, &out, &mut n, &Value::object(o), depth, None)?;
    Ok(Value::object(out))
}

fn flat_map(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_object(rt, a.this, "Array.prototype.flatMap")?;
    let f = a.get(0);
    if !rt.is_callable(&f) {
        return Err(rt.type_error("flatMap mapper is not a function"));
    }
    let out = array_species_create(rt, &o, 0.0)?;
    let mut n = 0.0;
    let t = a.get(1);
    flatten_into(rt, &out, &mut n, &Value::object(o), 1.0, Some((&f, &t)))?;
    Ok(Value::object(out))
}

/// copyWithin (23.1.3.4).
fn copy_within(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_object(rt, a.this, "Array.prototype.copyWithin")?;
    let ov = Value::object(o.clone());
    let len = length_of(rt, &ov)?;
    let to = relative_index(rt, &a.get(0), len, 0.0)?;
    let from = relative_index(rt, &a.get(1), len, 0.0)?;
    let fin = relative_index(rt, &a.get(2), len, len)?;
    let count = (fin - from).min(len - to);
    if count > 0.0 {
        move_elements(rt, &o, from, to, count)?;
    }
    Ok(ov)
}

/// The values at 0..len, holes read as undefined (the copying methods of ES2023).
fn read_all(rt: &mut Runtime, ov: &Value, len: f64) -> JsResult<Vec<Value>> {
    if len > u32::MAX as f64 {
        return Err(rt.range_error("Invalid array length"));
    }
    let mut v = Vec::new();
    let mut k = 0.0;
    while k < len {
        v.push(get_at(rt, ov, k)?);
        k += 1.0;
    }
    Ok(v)
}

/// toReversed (23.1.3.33).
fn to_reversed(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_object(rt, a.this, "Array.prototype.toReversed")?;
    let ov = Value::object(o);
    let len = length_of(rt, &ov)?;
    let mut v = read_all(rt, &ov, len)?;
    v.reverse();
    Ok(Value::object(rt.new_array(v)))
}

/// Sorts `items` with SortCompare, undefined values last (SortIndexedProperties, 23.1.3.30.1).
fn sort_values(rt: &mut Runtime, items: Vec<Value>, f: &Value) -> JsResult<Vec<Value>> {
    let mut undefs = 0;
    let mut defined: Vec<Value> = Vec::with_capacity(items.len());
    for v in items {
        if v.is_undefined() {
            undefs += 1;
        } else {
            defined.push(v);
        }
    }
    merge_sort(rt, &mut defined, f)?;
    defined.extend(core::iter::repeat_n(Value::UNDEFINED, undefs));
    Ok(defined)
}

/// toSorted (23.1.3.34).
fn to_sorted(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let f = a.get(0);
    if !f.is_undefined() && !rt.is_callable(&f) {
        return Err(rt.type_error("The comparison function must be either a function or undefined"));
    }
    let o = this_object(rt, a.this, "Array.prototype.toSorted")?;
    let ov = Value::object(o);
    let len = length_of(rt, &ov)?;
    let v = read_all(rt, &ov, len)?;
    let v = sort_values(rt, v, &f)?;
    Ok(Value::object(rt.new_array(v)))
}

/// toSpliced (23.1.3.35).
fn to_spliced(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_object(rt, a.this, "Array.prototype.toSpliced")?;
    let ov = Value::object(o);
    let len = length_of(rt, &ov)?;
    let start = relative_index(rt, &a.get(0), len, 0.0)?;
    let items: &[Value] = a.args.get(2..).unwrap_or(&[]);
    let skip = match a.len() {
        0 => 0.0,
        1 => len - start,
        _ => crate::number::clamp(rt.to_integer(&a.get(1))?, 0.0, len - start),
    };
    let new_len = len + items.len() as f64 - skip;
    if new_len > 9007199254740991.0 {
        return Err(rt.type_error("array length too large"));
    }
    if new_len > u32::MAX as f64 {
        return Err(rt.range_error("Invalid array length"));
    }
    let mut v = Vec::new();
    let mut k = 0.0;
    while k < start {
        v.push(get_at(rt, &ov, k)?);
        k += 1.0;
    }
    v.extend_from_slice(items);
    let mut k = start + skip;
    while k < len {
        v.push(get_at(rt, &ov, k)?);
        k += 1.0;
    }
    Ok(Value::object(rt.new_array(v)))
}

/// with (23.1.3.39).
fn with(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_object(rt, a.this, "Array.prototype.with")?;
    let ov = Value::object(o);
    let len = length_of(rt, &ov)?;
    let rel = rt.to_integer(&a.get(0))?;
    let idx = if rel >= 0.0 { rel } else { len + rel };
    if idx >= len || idx < 0.0 {
        return Err(rt.range_error("Invalid index"));
    }
    if len > u32::MAX as f64 {
        return Err(rt.range_error("Invalid array length"));
    }
    let mut v = Vec::new();
    let mut k = 0.0;
    while k < len {
        v.push(if k == idx {
            a.get(1)
        } else {
            get_at(rt, &ov, k)?
        });
        k += 1.0;
    }
    Ok(Value::object(rt.new_array(v)))
}

/// toLocaleString (23.1.3.32): each element's own toLocaleString, joined with ",".
fn to_locale_string(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_object(rt, a.this, "Array.prototype.toLocaleString")?;
    let ov = Value::object(o.clone());
    let len = length_of(rt, &ov)?;
    if rt.join_stack.iter().any(|x| x.ptr_eq(&o)) {
        return Ok(Value::str(""));
    }
    rt.join_stack.push(o);
    let r = (|| {
        let mut b = StringBuilder::new();
        let key = rt.intern("toLocaleString");
        let mut k = 0.0;
        while k < len {
            if k > 0.0 {
                b.push_unit(b',' as u16);
            }
            let v = get_at(rt, &ov, k)?;
            if !v.is_nullish() {
                let f = rt.get(&v, key)?;
                let r = rt.call(&f, v, &[])?;
                let s = rt.to_string(&r)?;
                b.push_js(&s);
            }
            k += 1.0;
        }
        Ok(Value::string(b.finish(rt)?))
    })();
    rt.join_stack.pop();
    r
}

/// Array.prototype.values (also [Symbol.iterator]); keys (magic 1) and entries (magic 2).
pub fn array_values(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_object(rt, a.this, "Array.prototype.values")?;
    let kind = match a.magic {
        1 => IterKind::Keys,
        2 => IterKind::Entries,
        _ => IterKind::Values,
    };
    Ok(super::iterator::new_array_iterator(
        rt,
        Value::object(o),
        kind,
    ))
}

pub fn register(rt: &mut Runtime) {
    let ap = rt.realm.array_proto.clone();
    let ctor = rt.new_native("Array", array_ctor, 1, 0, true);
    rt.link_constructor(&ctor, &ap);
    rt.define_getter(
        &ctor,
        names::Symbol_species,
        "get [Symbol.species]",
        species,
    );
    rt.define_method(&ap, "join", join, 1);
    rt.define_method(&ap, "toString", to_string, 0);
    let values = rt.define_method_obj(&ap, "values", array_values, 0, 0);
    rt.define_value(&ap, names::Symbol_iterator, Value::object(values), WC);
    // Array.prototype[Symbol.unscopables] (23.1.3.41).
    let unscopables = rt.alloc_object(None, ObjectKind::Ordinary);
    for name in [
        "at",
        "copyWithin",
        "entries",
        "fill",
        "find",
        "findIndex",
        "findLast",
        "findLastIndex",
        "flat",
        "flatMap",
        "includes",
        "keys",
        "toReversed",
        "toSorted",
        "toSpliced",
        "values",
    ] {
        let k = rt.intern(name);
        rt.define_value(&unscopables, k, Value::TRUE, crate::shape::WEC);
    }
    rt.define_value(
        &ap,
        names::Symbol_unscopables,
        Value::object(unscopables),
        crate::shape::CONFIGURABLE,
    );
    let g = rt.global();
    let key = rt.intern("Array");
    rt.define_value(&g, key, Value::object(ctor), WC);
}

// The methods registered one by one (`methods.rs`); join, toString and values (also
// @@iterator) stay in `register`.
super::methods::methods! {
    Array_prototype_toLocaleString = array_proto."toLocaleString"(to_locale_string, 0, 0);
    Array_prototype_keys = array_proto."keys"(array_values, 0, 1);
    Array_prototype_entries = array_proto."entries"(array_values, 0, 2);
    Array_isArray = array_ctor."isArray"(is_array, 1, 0);
    Array_of = array_ctor."of"(array_of, 0, 0);
    Array_from = array_ctor."from"(array_from, 1, 0);
    Array_prototype_push = array_proto."push"(push, 1, 0);
    Array_prototype_pop = array_proto."pop"(pop, 0, 0);
    Array_prototype_shift = array_proto."shift"(shift, 0, 0);
    Array_prototype_unshift = array_proto."unshift"(unshift, 1, 0);
    Array_prototype_slice = array_proto."slice"(slice, 2, 0);
    Array_prototype_splice = array_proto."splice"(splice, 2, 0);
    Array_prototype_concat = array_proto."concat"(concat, 1, 0);
    Array_prototype_reverse = array_proto."reverse"(reverse, 0, 0);
    Array_prototype_indexOf = array_proto."indexOf"(index_of, 1, 0);
    Array_prototype_lastIndexOf = array_proto."lastIndexOf"(index_of, 1, 1);
    Array_prototype_includes = array_proto."includes"(index_of, 1, 2);
    Array_prototype_forEach = array_proto."forEach"(iterate, 1, 0);
    Array_prototype_map = array_proto."map"(iterate, 1, 1);
    Array_prototype_filter = array_proto."filter"(iterate, 1, 2);
    Array_prototype_some = array_proto."some"(iterate, 1, 3);
    Array_prototype_every = array_proto."every"(iterate, 1, 4);
    Array_prototype_find = array_proto."find"(iterate, 1, 5);
    Array_prototype_findIndex = array_proto."findIndex"(iterate, 1, 6);
    Array_prototype_findLast = array_proto."findLast"(iterate, 1, 7);
    Array_prototype_findLastIndex = array_proto."findLastIndex"(iterate, 1, 8);
    Array_prototype_reduce = array_proto."reduce"(reduce, 1, 0);
    Array_prototype_reduceRight = array_proto."reduceRight"(reduce, 1, 1);
    Array_prototype_fill = array_proto."fill"(fill, 1, 0);
    Array_prototype_at = array_proto."at"(at, 1, 0);
    Array_prototype_sort = array_proto."sort"(sort, 1, 0);
    Array_prototype_flat = array_proto."flat"(flat, 0, 0);
    Array_prototype_flatMap = array_proto."flatMap"(flat_map, 1, 0);
    Array_prototype_copyWithin = array_proto."copyWithin"(copy_within, 2, 0);
    Array_prototype_toReversed = array_proto."toReversed"(to_reversed, 0, 0);
    Array_prototype_toSorted = array_proto."toSorted"(to_sorted, 1, 0);
    Array_prototype_toSpliced = array_proto."toSpliced"(to_spliced, 2, 0);
    Array_prototype_with = array_proto."with"(with, 2, 0);
}
