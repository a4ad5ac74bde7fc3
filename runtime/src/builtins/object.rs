//! Object and Object.prototype (ECMA-262 20.1).
use crate::atom::{names, Atom};
use crate::function::Args;
use crate::object::{Obj, ObjectKind};
use crate::property::PropDesc;
use crate::runtime::{JsResult, Runtime};
use crate::shape::{CONFIGURABLE, WC};
use crate::value::Value;
use alloc::vec::Vec;

fn object_ctor(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if a.is_construct() && !a.new_target.as_object().is_some_and(|o| o.ptr_eq(a.callee)) {
        let proto = rt.proto_from_ctor(a.new_target, |r| r.realm.object_proto.clone())?;
        return Ok(Value::object(
            rt.alloc_object(Some(&proto), ObjectKind::Ordinary),
        ));
    }
    let v = a.get(0);
    if v.is_nullish() {
        return Ok(Value::object(rt.new_object()));
    }
    Ok(Value::object(rt.to_object(&v)?))
}

/// ToPropertyDescriptor (6.2.6.5).
pub fn to_property_descriptor(rt: &mut Runtime, v: &Value) -> JsResult<PropDesc> {
    let Some(o) = v.as_object().cloned() else {
        return Err(rt.type_error("property descriptor must be an object"));
    };
    let mut d = PropDesc::default();
    let field = |rt: &mut Runtime, key: Atom| -> JsResult<Option<Value>> {
        if rt.has_property(&o, key)? {
            Ok(Some(rt.get(v, key)?))
        } else {
            Ok(None)
        }
    };
    d.enumerable = field(rt, names::enumerable)?.map(|v| v.truthy());
    d.configurable = field(rt, names::configurable)?.map(|v| v.truthy());
    d.value = field(rt, names::value)?;
    d.writable = field(rt, names::writable)?.map(|v| v.truthy());
    for (key, slot) in [(names::get, 0), (names::set, 1)] {
        if let Some(f) = field(rt, key)? {
            if !f.is_undefined() && !rt.is_callable(&f) {
                return Err(rt.type_error("getter or setter is not a function"));
            }
            let f = Some(f.as_object().cloned());
            if slot == 0 {
                d.get = f;
            } else {
                d.set = f;
            }
        }
    }
    if d.is_accessor() && (d.value.is_some() || d.writable.is_some()) {
        return Err(rt.type_error(
            "invalid property descriptor: cannot both specify accessors and a value or writable",
        ));
    }
    Ok(d)
}

/// FromPropertyDescriptor (6.2.6.4).
pub fn from_property_descriptor(rt: &mut Runtime, d: &PropDesc) -> Value {
    let o = rt.new_object();
    let b = |x: Option<bool>| Value::bool(x == Some(true));
    if d.is_accessor() {
        let g = d
            .get
            .clone()
            .flatten()
            .map(Value::object)
            .unwrap_or_default();
        let s = d
            .set
            .clone()
            .flatten()
            .map(Value::object)
            .unwrap_or_default();
        rt.define_value(&o, names::get, g, crate::shape::WEC);
        rt.define_value(&o, names::set, s, crate::shape::WEC);
    } else {
        rt.define_value(
            &o,
            names::value,
            d.value.clone().unwrap_or_default(),
            crate::shape::WEC,
        );
        rt.define_value(&o, names::writable, b(d.writable), crate::shape::WEC);
    }
    rt.define_value(&o, names::enumerable, b(d.enumerable), crate::shape::WEC);
    rt.define_value(
        &o,
        names::configurable,
        b(d.configurable),
        crate::shape::WEC,
    );
    Value::object(o)
}

fn define_property(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let Some(o) = a.get(0).as_object().cloned() else {
        return Err(rt.type_error("Object.defineProperty called on non-object"));
    };
    let key = rt.to_property_key(&a.get(1))?;
    let d = to_property_descriptor(rt, &a.get(2))?;
    rt.define_property_or_throw(&o, key, d)?;
    Ok(a.get(0))
}

fn define_properties(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let Some(o) = a.get(0).as_object().cloned() else {
        return Err(rt.type_error("Object.defineProperties called on non-object"));
    };
    define_properties_from(rt, &o, &a.get(1))?;
    Ok(a.get(0))
}

fn define_properties_from(rt: &mut Runtime, o: &Obj, props: &Value) -> JsResult<()> {
    let src = rt.to_object(props)?;
    let mut descs = Vec::new();
    for k in rt.own_keys(&src) {
        if rt
            .get_own_property(&src, k)
            .is_some_and(|d| d.enumerable == Some(true))
        {
            let dv = rt.get(&Value::object(src.clone()), k)?;
            descs.push((k, to_property_descriptor(rt, &dv)?));
        }
    }
    for (k, d) in descs {
        rt.define_property_or_throw(o, k, d)?;
    }
    Ok(())
}

fn create(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let p = a.get(0);
    if !(p.is_object() || p.is_null()) {
        return Err(rt.type_error("Object prototype may only be an Object or null"));
    }
    let o = rt.alloc_object(p.as_object(), ObjectKind::Ordinary);
    if !a.get(1).is_undefined() {
        define_properties_from(rt, &o, &a.get(1))?;
    }
    Ok(Value::object(o))
}

fn get_prototype_of(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = rt.to_object(&a.get(0))?;
    Ok(o.proto().map(Value::object).unwrap_or(Value::NULL))
}

/// OrdinarySetPrototypeOf (10.1.2.1).
pub fn set_prototype(o: &Obj, p: Option<Obj>) -> bool {
    let same = match (&o.proto(), &p) {
        (Some(a), Some(b)) => a.ptr_eq(b),
        (None, None) => true,
        _ => false,
    };
    if same {
        return true;
    }
    if !o.borrow().extensible {
        return false;
    }
    let mut cur = p.clone();
    while let Some(c) = cur {
        if c.ptr_eq(o) {
            return false;
        }
        cur = c.proto();
    }
    o.borrow_mut().proto = p;
    true
}

fn set_prototype_of(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let v = a.get(0);
    if v.is_nullish() {
        return Err(rt.type_error("Object.setPrototypeOf called on null or undefined"));
    }
    let p = a.get(1);
    if !(p.is_object() || p.is_null()) {
        return Err(rt.type_error("Object prototype may only be an Object or null"));
    }
    if let Some(o) = v.as_object() {
        if !set_prototype(o, p.as_object().cloned()) {
            return Err(rt.type_error("cannot set prototype"));
        }
    }
    Ok(v)
}

/// Which part of each own enumerable string-keyed property `keys`, `values` and `entries` return.
fn enumerable_own(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = rt.to_object(&a.get(0))?;
    let ov = Value::object(o.clone());
    let mut out = Vec::new();
    for k in rt.own_keys(&o) {
        if rt.atoms.is_symbol(k) {
            continue;
        }
        let Some(d) = rt.own_property(&o, k)? else {
            continue;
        };
        if d.enumerable != Some(true) {
            continue;
        }
        let key = Value::string(rt.atoms.text(k));
        out.push(match a.magic {
            0 => key,
            1 => rt.get(&ov, k)?,
            _ => {
                let v = rt.get(&ov, k)?;
                Value::object(rt.new_array(alloc::vec![key, v]))
            }
        });
    }
    Ok(Value::object(rt.new_array(out)))
}

fn assign(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let to = rt.to_object(&a.get(0))?;
    let tv = Value::object(to.clone());
    for src in a.args.iter().skip(1) {
        if src.is_nullish() {
            continue;
        }
        let from = rt.to_object(src)?;
        let fv = Value::object(from.clone());
        for k in rt.own_keys(&from) {
            if rt
                .get_own_property(&from, k)
                .is_some_and(|d| d.enumerable == Some(true))
            {
                let v = rt.get(&fv, k)?;
                rt.put(&tv, k, v, true)?;
            }
        }
    }
    Ok(tv)
}

fn get_own_property_names(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = rt.to_object(&a.get(0))?;
    let symbols = a.magic == 1;
    let keys: Vec<Value> = rt
        .own_keys(&o)
        .into_iter()
        .filter(|&k| rt.atoms.is_symbol(k) == symbols)
        .map(|k| rt.atom_to_value(k))
        .collect();
    Ok(Value::object(rt.new_array(keys)))
}

fn get_own_property_descriptor(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = rt.to_object(&a.get(0))?;
    let k = rt.to_property_key(&a.get(1))?;
    Ok(match rt.own_property(&o, k)? {
        Some(d) => from_property_descriptor(rt, &d),
        None => Value::UNDEFINED,
    })
}

fn get_own_property_descriptors(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = rt.to_object(&a.get(0))?;
    let out = rt.new_object();
    for k in rt.own_keys(&o) {
        if let Some(d) = rt.own_property(&o, k)? {
            let dv = from_property_descriptor(rt, &d);
            rt.create_data_property(&out, k, dv)?;
        }
    }
    Ok(Value::object(out))
}

/// Object.freeze (magic 0), seal (1), preventExtensions (2).
fn integrity(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let v = a.get(0);
    if let Some(o) = v.as_object() {
        set_integrity_level(rt, o, a.magic)?;
    }
    Ok(v)
}

/// SetIntegrityLevel (7.3.16): level 0 frozen, 1 sealed, 2 only non-extensible.
pub(crate) fn set_integrity_level(rt: &mut Runtime, o: &Obj, level: u16) -> JsResult<()> {
    o.borrow_mut().extensible = false;
    if level < 2 {
        for k in rt.own_keys(o) {
            let Some(d) = rt.get_own_property(o, k) else {
                continue;
            };
            let mut nd = PropDesc {
                configurable: Some(false),
                ..Default::default()
            };
            if level == 0 && !d.is_accessor() {
                nd.writable = Some(false);
            }
            rt.define_property_or_throw(o, k, nd)?;
        }
    }
    Ok(())
}

/// isFrozen (magic 0), isSealed (1), isExtensible (2).
fn test_integrity(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let Some(o) = a.get(0).as_object().cloned() else {
        return Ok(Value::bool(a.magic != 2));
    };
    let ext = o.borrow().extensible;
    if a.magic == 2 {
        return Ok(Value::bool(ext));
    }
    if ext {
        return Ok(Value::FALSE);
    }
    for k in rt.own_keys(&o) {
        let Some(d) = rt.get_own_property(&o, k) else {
            continue;
        };
        if d.configurable == Some(true) || (a.magic == 0 && d.writable == Some(true)) {
            return Ok(Value::FALSE);
        }
    }
    Ok(Value::TRUE)
}

fn is(_rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    Ok(Value::bool(a.get(0).same_value(&a.get(1))))
}

/// Object.fromEntries (20.1.2.7): AddEntriesFromIterable, closing the iterator on errors.
fn from_entries(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let src = a.get(0);
    if src.is_nullish() {
        return Err(rt.type_error("Object.fromEntries requires an iterable"));
    }
    let out = rt.new_object();
    let (iter, next) = rt.get_iterator(&src)?;
    while let Some(e) = rt.iterator_step(&iter, &next)? {
        let r = (|| {
            if !e.is_object() {
                return Err(rt.type_error("iterator value is not an entry object"));
            }
            let k = rt.get_index(&e, 0)?;
            let v = rt.get_index(&e, 1)?;
            let key = rt.to_property_key(&k)?;
            rt.create_data_property(&out, key, v)?;
            Ok(())
        })();
        if r.is_err() {
            return Err(super::map::iterator_close_on_error(rt, &iter));
        }
    }
    Ok(Value::object(out))
}

fn has_own(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = rt.to_object(&a.get(0))?;
    let k = rt.to_property_key(&a.get(1))?;
    Ok(Value::bool(rt.own_property(&o, k)?.is_some()))
}

fn proto_has_own_property(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let k = rt.to_property_key(&a.get(0))?;
    let o = super::util::this_object(rt, a.this, "hasOwnProperty")?;
    Ok(Value::bool(rt.own_property(&o, k)?.is_some()))
}

fn proto_is_prototype_of(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let Some(v) = a.get(0).as_object().cloned() else {
        return Ok(Value::FALSE);
    };
    let o = super::util::this_object(rt, a.this, "isPrototypeOf")?;
    let mut cur = v.proto();
    while let Some(p) = cur {
        if p.ptr_eq(&o) {
            return Ok(Value::TRUE);
        }
        cur = p.proto();
    }
    Ok(Value::FALSE)
}

fn proto_property_is_enumerable(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let k = rt.to_property_key(&a.get(0))?;
    let o = super::util::this_object(rt, a.this, "propertyIsEnumerable")?;
    Ok(Value::bool(
        rt.own_property(&o, k)?
            .is_some_and(|d| d.enumerable == Some(true)),
    ))
}

/// Object.prototype.toString (20.1.3.6).
fn proto_to_string(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let tag = match a.this.get() {
        crate::value::V::Undefined => return Ok(Value::str("[object Undefined]")),
        crate::value::V::Null => return Ok(Value::str("[object Null]")),
        _ => {
            let o = rt.to_object(a.this)?;
            let builtin = {
                let b = o.borrow();
                match &b.kind {
                    ObjectKind::Array { .. } => "Array",
                    ObjectKind::Arguments | ObjectKind::MappedArguments(_) => "Arguments",
                    ObjectKind::Closure(_) | ObjectKind::Native(_) | ObjectKind::Bound(_) => {
                        "Function"
                    }
                    ObjectKind::Error => "Error",
                    ObjectKind::Boolean(_) => "Boolean",
                    ObjectKind::Number(_) => "Number",
                    ObjectKind::String(_) => "String",
                    ObjectKind::Date(_) => "Date",
                    #[cfg(feature = "regexp")]
                    ObjectKind::RegExp(_) => "RegExp",
                    _ => "Object",
                }
            };
            let t = rt.get(&Value::object(o), names::Symbol_toStringTag)?;
            match t.as_string() {
                Some(s) => s.to_rust_string(),
                None => alloc::string::String::from(builtin),
            }
        }
    };
    Ok(Value::str(&crate::text!("[object ", tag, "]")))
}

fn proto_to_locale_string(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let f = rt.get(a.this, names::toString)?;
    rt.call(&f, a.this.clone(), &[])
}

fn proto_value_of(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    Ok(Value::object(super::util::this_object(
        rt, a.this, "valueOf",
    )?))
}

fn proto_get_proto(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = super::util::this_object(rt, a.this, "__proto__")?;
    Ok(o.proto().map(Value::object).unwrap_or(Value::NULL))
}

fn proto_set_proto(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if a.this.is_nullish() {
        return Err(rt.type_error("__proto__ setter called on null or undefined"));
    }
    let p = a.get(0);
    if let (Some(o), true) = (a.this.as_object(), p.is_object() || p.is_null()) {
        if !set_prototype(o, p.as_object().cloned()) {
            return Err(rt.type_error("cannot set prototype"));
        }
    }
    Ok(Value::UNDEFINED)
}

/// Object.prototype.__defineGetter__ (magic 0) / __defineSetter__ (1) (Annex B.2.2.2-3).
fn proto_define_accessor(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = super::util::this_object(rt, a.this, "__defineGetter__")?;
    let f = a.get(1);
    if !rt.is_callable(&f) {
        return Err(rt.type_error("accessor is not a function"));
    }
    let f = f.as_object().cloned();
    let d = PropDesc {
        get: (a.magic == 0).then(|| f.clone()),
        set: (a.magic == 1).then_some(f),
        enumerable: Some(true),
        configurable: Some(true),
        ..PropDesc::default()
    };
    let k = rt.to_property_key(&a.get(0))?;
    rt.define_property_or_throw(&o, k, d)?;
    Ok(Value::UNDEFINED)
}

/// Object.prototype.__lookupGetter__ (magic 0) / __lookupSetter__ (1) (Annex B.2.2.4-5).
fn proto_lookup_accessor(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let mut o = super::util::this_object(rt, a.this, "__lookupGetter__")?;
    let k = rt.to_property_key(&a.get(0))?;
    loop {
        if let Some(d) = rt.get_own_property(&o, k) {
            let f = if a.magic == 0 { d.get } else { d.set };
            return Ok(f.flatten().map(Value::object).unwrap_or_default());
        }
        let p = o.borrow().proto.clone();
        match p {
            Some(p) => o = p,
            None => return Ok(Value::UNDEFINED),
        }
    }
}

pub fn register(rt: &mut Runtime) {
    let op = rt.realm.object_proto.clone();
    let ctor = rt.new_native("Object", object_ctor, 1, 0, true);
    rt.link_constructor(&ctor, &op);
    rt.define_method(&op, "toString", proto_to_string, 0);
    rt.define_method(&op, "toLocaleString", proto_to_locale_string, 0);
    rt.define_method(&op, "valueOf", proto_value_of, 0);
    let getter = rt.new_native("get __proto__", proto_get_proto, 0, 0, false);
    let setter = rt.new_native("set __proto__", proto_set_proto, 1, 0, false);
    rt.define_accessor(
        &op,
        names::__proto__,
        Some(getter),
        Some(setter),
        CONFIGURABLE,
    );
    let g = rt.global();
    let key = rt.intern("Object");
    rt.define_value(&g, key, Value::object(ctor), WC);
}

// The methods registered one by one (`methods.rs`); Object.prototype's toString,
// toLocaleString, valueOf and __proto__ stay in `register`.
super::methods::methods! {
    Object_defineProperty = object_ctor."defineProperty"(define_property, 3, 0);
    Object_defineProperties = object_ctor."defineProperties"(define_properties, 2, 0);
    Object_create = object_ctor."create"(create, 2, 0);
    Object_getPrototypeOf = object_ctor."getPrototypeOf"(get_prototype_of, 1, 0);
    Object_setPrototypeOf = object_ctor."setPrototypeOf"(set_prototype_of, 2, 0);
    Object_keys = object_ctor."keys"(enumerable_own, 1, 0);
    Object_values = object_ctor."values"(enumerable_own, 1, 1);
    Object_entries = object_ctor."entries"(enumerable_own, 1, 2);
    Object_assign = object_ctor."assign"(assign, 2, 0);
    Object_getOwnPropertyNames = object_ctor."getOwnPropertyNames"(get_own_property_names, 1, 0);
    Object_getOwnPropertySymbols = object_ctor."getOwnPropertySymbols"(get_own_property_names, 1, 1);
    Object_getOwnPropertyDescriptor = object_ctor."getOwnPropertyDescriptor"(get_own_property_descriptor, 2, 0);
    Object_getOwnPropertyDescriptors = object_ctor."getOwnPropertyDescriptors"(get_own_property_descriptors, 1, 0);
    Object_freeze = object_ctor."freeze"(integrity, 1, 0);
    Object_seal = object_ctor."seal"(integrity, 1, 1);
    Object_preventExtensions = object_ctor."preventExtensions"(integrity, 1, 2);
    Object_isFrozen = object_ctor."isFrozen"(test_integrity, 1, 0);
    Object_isSealed = object_ctor."isSealed"(test_integrity, 1, 1);
    Object_isExtensible = object_ctor."isExtensible"(test_integrity, 1, 2);
    Object_is = object_ctor."is"(is, 2, 0);
    Object_fromEntries = object_ctor."fromEntries"(from_entries, 1, 0);
    Object_hasOwn = object_ctor."hasOwn"(has_own, 2, 0);
    Object_groupBy = object_ctor."groupBy"(crate::builtins::map::object_group_by, 2, 0);
    Object_prototype_hasOwnProperty = object_proto."hasOwnProperty"(proto_has_own_property, 1, 0);
    Object_prototype_isPrototypeOf = object_proto."isPrototypeOf"(proto_is_prototype_of, 1, 0);
    Object_prototype_propertyIsEnumerable = object_proto."propertyIsEnumerable"(proto_property_is_enumerable, 1, 0);
    Object_prototype___defineGetter__ = object_proto."__defineGetter__"(proto_define_accessor, 2, 0);
    Object_prototype___defineSetter__ = object_proto."__defineSetter__"(proto_define_accessor, 2, 1);
    Object_prototype___lookupGetter__ = object_proto."__lookupGetter__"(proto_lookup_accessor, 1, 0);
    Object_prototype___lookupSetter__ = object_proto."__lookupSetter__"(proto_lookup_accessor, 1, 1);
}
