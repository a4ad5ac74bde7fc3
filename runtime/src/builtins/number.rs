//! Number and Boolean (ECMA-262 21.1, 20.3).
use crate::function::Args;
use crate::number::{number_to_string, number_to_string_radix};
use crate::object::ObjectKind;
use crate::runtime::{JsResult, Runtime};
use crate::shape::WC;
use crate::value::Value;

fn number_ctor(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let n = if a.is_empty() {
        0.0
    } else {
        // ToNumeric, then a BigInt's Number value (21.1.1.1).
        let prim = rt.to_numeric(&a.get(0))?;
        match prim.as_bigint() {
            Some(b) => b.to_f64(),
            None => prim.as_number().unwrap_or(f64::NAN),
        }
    };
    if !a.is_construct() {
        return Ok(Value::number(n));
    }
    let proto = rt.proto_from_ctor(a.new_target, |r| r.realm.number_proto.clone())?;
    Ok(Value::object(
        rt.alloc_object(Some(&proto), ObjectKind::Number(n)),
    ))
}

/// thisNumberValue (21.1.3).
fn this_number(rt: &mut Runtime, a: &Args) -> JsResult<f64> {
    if let Some(n) = a.this.as_number() {
        return Ok(n);
    }
    if let Some(o) = a.this.as_object() {
        if let ObjectKind::Number(n) = o.borrow().kind {
            return Ok(n);
        }
    }
    Err(rt.type_error("Number.prototype method called on incompatible receiver"))
}

fn to_string(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let x = this_number(rt, a)?;
    let radix = if a.get(0).is_undefined() {
        10.0
    } else {
        rt.to_integer(&a.get(0))?
    };
    if !(2.0..=36.0).contains(&radix) {
        return Err(rt.range_error("toString() radix must be between 2 and 36"));
    }
    Ok(Value::string(if radix == 10.0 {
        number_to_string(x)
    } else {
        number_to_string_radix(x, radix as u32)
    }))
}

fn value_of(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    Ok(Value::number(this_number(rt, a)?))
}

/// toFixed (21.1.3.3).
fn to_fixed(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let x = this_number(rt, a)?;
    let f = rt.to_integer(&a.get(0))?;
    if !(0.0..=100.0).contains(&f) {
        return Err(rt.range_error("toFixed() digits argument must be between 0 and 100"));
    }
    if !x.is_finite() || x.abs() >= 1e21 {
        return Ok(Value::string(number_to_string(x)));
    }
    Ok(Value::string(crate::number::to_fixed(x, f as usize)))
}

/// toPrecision (21.1.3.5) and toExponential (21.1.3.2, magic 1).
fn to_precision(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let x = this_number(rt, a)?;
    let exponential = a.magic == 1;
    let pv = a.get(0);
    if pv.is_undefined() && !exponential {
        return Ok(Value::string(number_to_string(x)));
    }
    let p = rt.to_integer(&pv)?;
    if !x.is_finite() {
        return Ok(Value::string(number_to_string(x)));
    }
    let lo = if exponential { 0.0 } else { 1.0 };
    if !(lo..=100.0).contains(&p) {
        return Err(rt.range_error(if exponential {
            "toExponential() argument must be between 0 and 100"
        } else {
            "toPrecision() argument must be between 1 and 100"
        }));
    }
    let f = (!pv.is_undefined()).then_some(p as usize);
    Ok(Value::string(crate::number::to_exponential_or_precision(
        x,
        f,
        !exponential,
    )))
}

/// Number.isFinite 0, isInteger 1, isNaN 2, isSafeInteger 3.
fn predicate(_rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let Some(n) = a.get(0).as_number() else {
        return Ok(Value::FALSE);
    };
    Ok(Value::bool(match a.magic {
        0 => n.is_finite(),
        1 => n.is_finite() && crate::math::trunc(n) == n,
        2 => n.is_nan(),
        _ => n.is_finite() && crate::math::trunc(n) == n && n.abs() <= 9007199254740991.0,
    }))
}

fn boolean_ctor(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let b = a.get(0).truthy();
    if !a.is_construct() {
        return Ok(Value::bool(b));
    }
    let proto = rt.proto_from_ctor(a.new_target, |r| r.realm.boolean_proto.clone())?;
    Ok(Value::object(
        rt.alloc_object(Some(&proto), ObjectKind::Boolean(b)),
    ))
}

fn this_boolean(rt: &mut Runtime, a: &Args) -> JsResult<bool> {
    if let crate::value::V::Bool(b) = a.this.get() {
        return Ok(b);
    }
    if let Some(o) = a.this.as_object() {
        if let ObjectKind::Boolean(b) = o.borrow().kind {
            return Ok(b);
        }
    }
    Err(rt.type_error("Boolean.prototype method called on incompatible receiver"))
}

fn boolean_to_string(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    Ok(Value::str(if this_boolean(rt, a)? {
        "true"
    } else {
        "false"
    }))
}

fn boolean_value_of(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    Ok(Value::bool(this_boolean(rt, a)?))
}

pub fn register(rt: &mut Runtime) {
    let np = rt.realm.number_proto.clone();
    let ctor = rt.new_native("Number", number_ctor, 1, 0, true);
    rt.link_constructor(&ctor, &np);
    rt.define_method(&np, "toString", to_string, 1);
    rt.define_method(&np, "toLocaleString", to_string, 0);
    rt.define_method(&np, "valueOf", value_of, 0);
    let consts: [(&str, f64); 8] = [
        ("MAX_SAFE_INTEGER", 9007199254740991.0),
        ("MIN_SAFE_INTEGER", -9007199254740991.0),
        ("MAX_VALUE", f64::MAX),
        ("MIN_VALUE", 5e-324),
        ("EPSILON", f64::EPSILON),
        ("POSITIVE_INFINITY", f64::INFINITY),
        ("NEGATIVE_INFINITY", f64::NEG_INFINITY),
        ("NaN", f64::NAN),
    ];
    for (name, v) in consts {
        let k = rt.intern(name);
        rt.define_value(&ctor, k, Value::number(v), 0);
    }
    let g = rt.global();
    let key = rt.intern("Number");
    rt.define_value(&g, key, Value::object(ctor.clone()), WC);

    let bp = rt.realm.boolean_proto.clone();
    let bctor = rt.new_native("Boolean", boolean_ctor, 1, 0, true);
    rt.link_constructor(&bctor, &bp);
    rt.define_method(&bp, "toString", boolean_to_string, 0);
    rt.define_method(&bp, "valueOf", boolean_value_of, 0);
    let key = rt.intern("Boolean");
    rt.define_value(&g, key, Value::object(bctor), WC);
}

// The methods registered one by one (`methods.rs`); toString, toLocaleString and valueOf
// stay in `register`.
super::methods::methods! {
    Number_prototype_toFixed = number_proto."toFixed"(to_fixed, 1, 0);
    Number_prototype_toPrecision = number_proto."toPrecision"(to_precision, 1, 0);
    Number_prototype_toExponential = number_proto."toExponential"(to_precision, 1, 1);
    Number_isFinite = number_ctor."isFinite"(predicate, 1, 0);
    Number_isInteger = number_ctor."isInteger"(predicate, 1, 1);
    Number_isNaN = number_ctor."isNaN"(predicate, 1, 2);
    Number_isSafeInteger = number_ctor."isSafeInteger"(predicate, 1, 3);
}
