//! The Reflect object (ECMA-262 28.1): the object internal methods as functions.
use super::object::{from_property_descriptor, set_prototype, to_property_descriptor};
use crate::atom::names;
use crate::function::Args;
use crate::object::{Obj, ObjectKind};
use crate::runtime::{JsResult, Runtime};
use crate::shape::{CONFIGURABLE, WC};
use crate::value::Value;
use alloc::vec::Vec;

/// The `target` argument, which every Reflect function requires to be an object.
fn target(rt: &mut Runtime, a: &Args, method: &str) -> JsResult<Obj> {
    match a.get(0).as_object() {
        Some(o) => Ok(o.clone()),
        None => Err(rt.type_error(&crate::text!("Reflect.", method, " called on non-object"))),
    }
}

/// CreateListFromArrayLike (7.3.19), which throws for a non-object.
fn argument_list(rt: &mut Runtime, v: &Value) -> JsResult<Vec<Value>> {
    if !v.is_object() {
        return Err(rt.type_error("CreateListFromArrayLike called on non-object"));
    }
    super::function::create_list_from_array_like(rt, v)
}

/// Reflect.apply (28.1.1).
fn apply(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let f = a.get(0);
    if !rt.is_callable(&f) {
        return Err(rt.type_error("Reflect.apply: target is not a function"));
    }
    let args = argument_list(rt, &a.get(2))?;
    rt.call(&f, a.get(1), &args)
}

/// Reflect.construct (28.1.2).
fn construct(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let f = a.get(0);
    if !rt.is_constructor(&f) {
        return Err(rt.type_error("Reflect.construct: target is not a constructor"));
    }
    let nt = if a.len() > 2 { a.get(2) } else { f.clone() };
    if !rt.is_constructor(&nt) {
        return Err(rt.type_error("Reflect.construct: newTarget is not a constructor"));
    }
    let args = argument_list(rt, &a.get(1))?;
    rt.construct(&f, &args, Some(&nt))
}

/// Reflect.defineProperty (28.1.3).
fn define_property(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = target(rt, a, "defineProperty")?;
    let key = rt.to_property_key(&a.get(1))?;
    let d = to_property_descriptor(rt, &a.get(2))?;
    Ok(Value::bool(rt.define_own_property(&o, key, d)?))
}

/// Reflect.deleteProperty (28.1.4).
fn delete_property(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = target(rt, a, "deleteProperty")?;
    let key = rt.to_property_key(&a.get(1))?;
    Ok(Value::bool(rt.delete_property(&o, key)?))
}

/// Reflect.get (28.1.5).
fn get(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = target(rt, a, "get")?;
    let key = rt.to_property_key(&a.get(1))?;
    let receiver = if a.len() > 2 { a.get(2) } else { a.get(0) };
    rt.get_prop(&o, key, &receiver)
}

/// Reflect.getOwnPropertyDescriptor (28.1.6).
fn get_own_property_descriptor(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = target(rt, a, "getOwnPropertyDescriptor")?;
    let key = rt.to_property_key(&a.get(1))?;
    Ok(match rt.own_property(&o, key)? {
        Some(d) => from_property_descriptor(rt, &d),
        None => Value::UNDEFINED,
    })
}

/// Reflect.getPrototypeOf (28.1.7).
fn get_prototype_of(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = target(rt, a, "getPrototypeOf")?;
    Ok(o.proto().map(Value::object).unwrap_or(Value::NULL))
}

/// Reflect.has (28.1.8).
fn has(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = target(rt, a, "has")?;
    let key = rt.to_property_key(&a.get(1))?;
    Ok(Value::bool(rt.has_property(&o, key)?))
}

/// Reflect.isExtensible (28.1.9).
fn is_extensible(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = target(rt, a, "isExtensible")?;
    let ext = o.borrow().extensible;
    Ok(Value::bool(ext))
}

/// Reflect.ownKeys (28.1.10).
fn own_keys(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = target(rt, a, "ownKeys")?;
    let keys: Vec<Value> = rt
        .own_keys(&o)
        .into_iter()
        .map(|k| rt.atom_to_value(k))
        .collect();
    Ok(Value::object(rt.new_array(keys)))
}

/// Reflect.preventExtensions (28.1.11).
fn prevent_extensions(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = target(rt, a, "preventExtensions")?;
    o.borrow_mut().extensible = false;
    Ok(Value::TRUE)
}

/// Reflect.set (28.1.12).
fn set(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = target(rt, a, "set")?;
    let key = rt.to_property_key(&a.get(1))?;
    let receiver = if a.len() > 3 { a.get(3) } else { a.get(0) };
    Ok(Value::bool(rt.set_prop(&o, key, a.get(2), &receiver)?))
}

/// Reflect.setPrototypeOf (28.1.13).
fn set_prototype_of(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = target(rt, a, "setPrototypeOf")?;
    let p = a.get(1);
    if !(p.is_object() || p.is_null()) {
        return Err(rt.type_error("Object prototype may only be an Object or null"));
    }
    Ok(Value::bool(set_prototype(&o, p.as_object().cloned())))
}

pub fn register(rt: &mut Runtime) {
    let op = rt.realm.object_proto.clone();
    let r = rt.alloc_object(Some(&op), ObjectKind::Ordinary);
    rt.define_value(
        &r,
        names::Symbol_toStringTag,
        Value::str("Reflect"),
        CONFIGURABLE,
    );
    let g = rt.global();
    let key = rt.intern("Reflect");
    rt.define_value(&g, key, Value::object(r), WC);
}

// Every method is registered one by one (`methods.rs`).
super::methods::methods! {
    Reflect_apply = reflect."apply"(apply, 3, 0);
    Reflect_construct = reflect."construct"(construct, 2, 0);
    Reflect_defineProperty = reflect."defineProperty"(define_property, 3, 0);
    Reflect_deleteProperty = reflect."deleteProperty"(delete_property, 2, 0);
    Reflect_get = reflect."get"(get, 2, 0);
    Reflect_getOwnPropertyDescriptor = reflect."getOwnPropertyDescriptor"(get_own_property_descriptor, 2, 0);
    Reflect_getPrototypeOf = reflect."getPrototypeOf"(get_prototype_of, 1, 0);
    Reflect_has = reflect."has"(has, 2, 0);
    Reflect_isExtensible = reflect."isExtensible"(is_extensible, 1, 0);
    Reflect_ownKeys = reflect."ownKeys"(own_keys, 1, 0);
    Reflect_preventExtensions = reflect."preventExtensions"(prevent_extensions, 1, 0);
    Reflect_set = reflect."set"(set, 3, 0);
    Reflect_setPrototypeOf = reflect."setPrototypeOf"(set_prototype_of, 2, 0);
}
