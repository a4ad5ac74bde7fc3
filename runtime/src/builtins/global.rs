//! Global value properties and functions (ECMA-262 19.1, 19.2).
use crate::atom::names;
use crate::function::Args;
use crate::number::{decimal_prefix_len, trim_units};
use crate::runtime::{JsResult, Runtime};
use crate::shape::WC;
use crate::value::Value;
use alloc::vec::Vec;

fn is_nan(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    Ok(Value::bool(rt.to_number(&a.get(0))?.is_nan()))
}

fn is_finite(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    Ok(Value::bool(rt.to_number(&a.get(0))?.is_finite()))
}

/// The trimmed string as ASCII bytes, stopping at the first non-ASCII unit.
fn trimmed_ascii(rt: &mut Runtime, v: &Value) -> JsResult<Vec<u8>> {
    let s = rt.to_string(v)?;
    let (a, b) = trim_units(&s);
    Ok((a..b)
        .map(|i| s.at(i))
        .take_while(|&u| u < 128)
        .map(|u| u as u8)
        .collect())
}

/// parseInt (19.2.5).
fn parse_int(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let t = trimmed_ascii(rt, &a.get(0))?;
    let mut r = rt.to_int32(&a.get(1))?;
    let (neg, mut t) = match t.first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, &t[..]),
    };
    let mut strip_prefix = true;
    if r != 0 {
        if !(2..=36).contains(&r) {
            return Ok(Value::number(f64::NAN));
        }
        if r != 16 {
            strip_prefix = false;
        }
    } else {
        r = 10;
    }
    if strip_prefix && t.len() >= 2 && t[0] == b'0' && (t[1] == b'x' || t[1] == b'X') {
        t = &t[2..];
        r = 16;
    }
    let digits: Vec<u32> = t
        .iter()
        .map_while(|&c| (c as char).to_digit(r as u32))
        .collect();
    if digits.is_empty() {
        return Ok(Value::number(f64::NAN));
    }
    let v = if r == 10 {
        // Decimal digits go through the correctly rounded float parser.
        let s: alloc::string::String = digits.iter().map(|&d| (b'0' + d as u8) as char).collect();
        s.parse::<f64>().unwrap_or(f64::NAN)
    } else {
        digits.iter().fold(0.0, |acc, &d| acc * r as f64 + d as f64)
    };
    Ok(Value::number(if neg { -v } else { v }))
}

/// parseFloat (19.2.4).
fn parse_float(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let t = trimmed_ascii(rt, &a.get(0))?;
    let (neg, body) = match t.first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, &t[..]),
    };
    let v = if body.starts_with(b"Infinity") {
        f64::INFINITY
    } else {
        let n = decimal_prefix_len(body);
        if n == 0 {
            return Ok(Value::number(f64::NAN));
        }
        core::str::from_utf8(&body[..n])
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .unwrap_or(f64::NAN)
    };
    Ok(Value::number(if neg { -v } else { v }))
}

pub fn register(rt: &mut Runtime) {
    let g = rt.global();
    rt.define_value(&g, names::globalThis, Value::object(g.clone()), WC);
    rt.define_value(&g, names::undefined, Value::UNDEFINED, 0);
    let nan = rt.intern("NaN");
    rt.define_value(&g, nan, Value::number(f64::NAN), 0);
    let inf = rt.intern("Infinity");
    rt.define_value(&g, inf, Value::number(f64::INFINITY), 0);
    rt.define_method(&g, "isNaN", is_nan, 1);
    rt.define_method(&g, "isFinite", is_finite, 1);
    let pi = rt.define_method(&g, "parseInt", parse_int, 2);
    let pf = rt.define_method(&g, "parseFloat", parse_float, 1);
    let number_key = rt.intern("Number");
    let number = rt
        .get(&Value::object(g.clone()), number_key)
        .unwrap_or_default();
    if let Some(n) = number.as_object() {
        let (k1, k2) = (rt.intern("parseInt"), rt.intern("parseFloat"));
        rt.define_value(n, k1, Value::object(pi), WC);
        rt.define_value(n, k2, Value::object(pf), WC);
    }
}
