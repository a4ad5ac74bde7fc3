//! Symbol (ECMA-262 20.4): the constructor, the registry, and the well-known symbols.
use crate::atom::{names, Atom};
use crate::function::Args;
use crate::object::ObjectKind;
use crate::runtime::{JsResult, Runtime};
use crate::shape::{CONFIGURABLE, WC};
use crate::string::JsString;
use crate::value::{Value, V};

fn symbol_ctor(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if a.is_construct() {
        return Err(rt.type_error("Symbol is not a constructor"));
    }
    let d = a.get(0);
    let desc = if d.is_undefined() {
        None
    } else {
        Some(rt.to_string(&d)?)
    };
    Ok(Value::symbol(rt.atoms.new_symbol(desc)))
}

fn this_symbol(rt: &mut Runtime, a: &Args) -> JsResult<Atom> {
    if let V::Symbol(s) = a.this.get() {
        return Ok(s);
    }
    if let Some(o) = a.this.as_object() {
        if let ObjectKind::Symbol(s) = o.borrow().kind {
            return Ok(s);
        }
    }
    Err(rt.type_error("Symbol.prototype method called on incompatible receiver"))
}

fn to_string(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let s = this_symbol(rt, a)?;
    let d = rt
        .atoms
        .symbol_description(s)
        .unwrap_or_else(JsString::empty);
    Ok(Value::string(
        JsString::from_str("Symbol(")
            .concat(&d)
            .concat(&JsString::from_str(")")),
    ))
}

fn value_of(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    Ok(Value::symbol(this_symbol(rt, a)?))
}

fn description(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let s = this_symbol(rt, a)?;
    Ok(rt
        .atoms
        .symbol_description(s)
        .map(Value::string)
        .unwrap_or_default())
}

fn symbol_for(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let key = rt.to_string(&a.get(0))?;
    if let Some(&s) = rt.symbol_registry.get(&key) {
        return Ok(Value::symbol(s));
    }
    let s = rt.atoms.new_symbol(Some(key.clone()));
    rt.symbol_registry.insert(key, s);
    Ok(Value::symbol(s))
}

fn key_for(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let V::Symbol(s) = a.get(0).get() else {
        return Err(rt.type_error("Symbol.keyFor: not a symbol"));
    };
    Ok(rt
        .symbol_registry
        .iter()
        .find(|(_, &v)| v == s)
        .map(|(k, _)| Value::string(k.clone()))
        .unwrap_or_default())
}

pub fn register(rt: &mut Runtime) {
    let sp = rt.realm.symbol_proto.clone();
    let ctor = rt.new_native("Symbol", symbol_ctor, 0, 0, true);
    rt.link_constructor(&ctor, &sp);
    rt.define_method(&sp, "toString", to_string, 0);
    rt.define_method(&sp, "valueOf", value_of, 0);
    // Symbol.prototype[Symbol.toPrimitive] (20.4.3.5): not writable.
    let tp = rt.new_native("[Symbol.toPrimitive]", value_of, 1, 0, false);
    rt.define_value(
        &sp,
        names::Symbol_toPrimitive,
        Value::object(tp),
        CONFIGURABLE,
    );
    let key = rt.intern("description");
    rt.define_getter(&sp, key, "get description", description);
    rt.define_value(
        &sp,
        names::Symbol_toStringTag,
        Value::str("Symbol"),
        CONFIGURABLE,
    );
    let well_known = [
        ("iterator", names::Symbol_iterator),
        ("hasInstance", names::Symbol_hasInstance),
        ("toPrimitive", names::Symbol_toPrimitive),
        ("toStringTag", names::Symbol_toStringTag),
        ("species", names::Symbol_species),
        ("isConcatSpreadable", names::Symbol_isConcatSpreadable),
        ("unscopables", names::Symbol_unscopables),
        ("asyncIterator", names::Symbol_asyncIterator),
        ("dispose", names::Symbol_dispose),
        ("asyncDispose", names::Symbol_asyncDispose),
        ("match", names::Symbol_match),
        ("matchAll", names::Symbol_matchAll),
        ("replace", names::Symbol_replace),
        ("search", names::Symbol_search),
        ("split", names::Symbol_split),
    ];
    for (name, sym) in well_known {
        let k = rt.intern(name);
        rt.define_value(&ctor, k, Value::symbol(sym), 0);
    }
    let g = rt.global();
    let key = rt.intern("Symbol");
    rt.define_value(&g, key, Value::object(ctor), WC);
}

// The methods registered one by one (`methods.rs`).
super::methods::methods! {
    Symbol_for = symbol_ctor."for"(symbol_for, 1, 0);
    Symbol_keyFor = symbol_ctor."keyFor"(key_for, 1, 0);
}
