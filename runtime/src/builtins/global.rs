//! Global value properties and functions (ECMA-262 19.1, 19.2).
use crate::atom::names;
use crate::function::Args;
use crate::number::{decimal_prefix_len, trim_units};
use crate::runtime::{JsResult, Runtime};
use crate::shape::WC;
use crate::string::StringBuilder;
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
        let s: Vec<u8> = digits.iter().map(|&d| b'0' + d as u8).collect();
        crate::math::decimal_to_f64(&s)
    } else {
        crate::number::digits_to_f64(&digits, r as u32)
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
        crate::math::decimal_to_f64(&body[..n])
    };
    Ok(Value::number(if neg { -v } else { v }))
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn uri_error(rt: &mut Runtime) -> crate::runtime::Exc {
    rt.throw_error(crate::runtime::ErrorType::URIError, "URI malformed")
}

fn push_hex_byte(b: &mut StringBuilder, byte: u8) {
    b.push_unit(b'%' as u16);
    b.push_unit(HEX[(byte >> 4) as usize] as u16);
    b.push_unit(HEX[(byte & 15) as usize] as u16);
}

fn hex_val(u: u16) -> Option<u32> {
    char::from_u32(u as u32)?.to_digit(16)
}

/// encodeURI (magic 0) and encodeURIComponent (1): Encode (19.2.6.5).
fn encode_uri(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let s = rt.to_string(&a.get(0))?;
    let extra: &[u8] = if a.magic == 0 { b";/?:@&=+$,#" } else { b"" };
    let mut b = StringBuilder::new();
    let n = s.len();
    let mut k = 0;
    while k < n {
        let c = s.at(k);
        if c < 128 && {
            let c = c as u8;
            c.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&c) || extra.contains(&c)
        } {
            b.push_unit(c);
            k += 1;
            continue;
        }
        let cp = if (0xD800..0xDC00).contains(&c) {
            match s.get(k + 1) {
                Some(l) if (0xDC00..0xE000).contains(&l) => {
                    k += 1;
                    0x10000 + ((c as u32 - 0xD800) << 10) + (l as u32 - 0xDC00)
                }
                _ => return Err(uri_error(rt)),
            }
        } else if (0xDC00..0xE000).contains(&c) {
            return Err(uri_error(rt));
        } else {
            c as u32
        };
        k += 1;
        let mut buf = [0u8; 4];
        let ch = char::from_u32(cp).unwrap_or('\u{fffd}');
        for &byte in ch.encode_utf8(&mut buf).as_bytes() {
            push_hex_byte(&mut b, byte);
        }
    }
    Ok(Value::string(b.finish(rt)?))
}

/// decodeURI (magic 0) and decodeURIComponent (1): Decode (19.2.6.6).
fn decode_uri(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let s = rt.to_string(&a.get(0))?;
    let reserved: &[u8] = if a.magic == 0 { b";/?:@&=+$,#" } else { b"" };
    let n = s.len();
    let byte_at = |k: usize| -> Option<u8> {
        if s.get(k)? != b'%' as u16 {
            return None;
        }
        Some((hex_val(s.get(k + 1)?)? * 16 + hex_val(s.get(k + 2)?)?) as u8)
    };
    let mut b = StringBuilder::new();
    let mut k = 0;
    while k < n {
        let c = s.at(k);
        if c != b'%' as u16 {
            b.push_unit(c);
            k += 1;
            continue;
        }
        let Some(first) = byte_at(k) else {
            return Err(uri_error(rt));
        };
        if first < 0x80 {
            if reserved.contains(&first) {
                for j in k..k + 3 {
                    b.push_unit(s.at(j));
                }
            } else {
                b.push_unit(first as u16);
            }
            k += 3;
            continue;
        }
        let len = first.leading_ones() as usize;
        if !(2..=4).contains(&len) {
            return Err(uri_error(rt));
        }
        let mut bytes = [first, 0, 0, 0];
        for (j, slot) in bytes.iter_mut().enumerate().take(len).skip(1) {
            match byte_at(k + 3 * j) {
                Some(x) if x & 0xC0 == 0x80 => *slot = x,
                _ => return Err(uri_error(rt)),
            }
        }
        let Some(ch) = core::str::from_utf8(&bytes[..len])
            .ok()
            .and_then(|t| t.chars().next())
        else {
            return Err(uri_error(rt));
        };
        b.push_char(ch);
        k += 3 * len;
    }
    Ok(Value::string(b.finish(rt)?))
}

/// escape (B.2.1.1).
fn escape(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let s = rt.to_string(&a.get(0))?;
    let mut b = StringBuilder::new();
    for c in s.units() {
        if c < 128 && {
            let c = c as u8;
            c.is_ascii_alphanumeric() || b"@*_+-./".contains(&c)
        } {
            b.push_unit(c);
        } else if c < 256 {
            push_hex_byte(&mut b, c as u8);
        } else {
            b.push_unit(b'%' as u16);
            b.push_unit(b'u' as u16);
            for sh in [12, 8, 4, 0] {
                b.push_unit(HEX[((c >> sh) & 15) as usize] as u16);
            }
        }
    }
    Ok(Value::string(b.finish(rt)?))
}

/// unescape (B.2.1.2).
fn unescape(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let s = rt.to_string(&a.get(0))?;
    let n = s.len();
    let hex_run = |k: usize, count: usize| -> Option<u16> {
        let mut v = 0u32;
        for j in 0..count {
            v = v * 16 + hex_val(s.get(k + j)?)?;
        }
        Some(v as u16)
    };
    let mut b = StringBuilder::new();
    let mut k = 0;
    while k < n {
        let c = s.at(k);
        if c == b'%' as u16 {
            if s.get(k + 1) == Some(b'u' as u16) {
                if let Some(v) = hex_run(k + 2, 4) {
                    b.push_unit(v);
                    k += 6;
                    continue;
                }
            } else if let Some(v) = hex_run(k + 1, 2) {
                b.push_unit(v);
                k += 3;
                continue;
            }
        }
        b.push_unit(c);
        k += 1;
    }
    Ok(Value::string(b.finish(rt)?))
}

pub fn register(rt: &mut Runtime) {
    let g = rt.global();
    rt.define_value(&g, names::globalThis, Value::object(g.clone()), WC);
    rt.define_value(&g, names::undefined, Value::UNDEFINED, 0);
    let nan = rt.intern("NaN");
    rt.define_value(&g, nan, Value::number(f64::NAN), 0);
    let inf = rt.intern("Infinity");
    rt.define_value(&g, inf, Value::number(f64::INFINITY), 0);
    rt.define_method(&g, "eval", super::dynamic::global_eval, 1);
}

// The functions registered one by one (`methods.rs`); eval stays in `register`. Number shares
// parseInt and parseFloat (21.1.2.12, 21.1.2.13).
super::methods::methods! {
    global_parseInt = global."parseInt"(parse_int, 2, 0) also number_ctor;
    global_parseFloat = global."parseFloat"(parse_float, 1, 0) also number_ctor;
    global_isNaN = global."isNaN"(is_nan, 1, 0);
    global_isFinite = global."isFinite"(is_finite, 1, 0);
    global_encodeURI = global."encodeURI"(encode_uri, 1, 0);
    global_encodeURIComponent = global."encodeURIComponent"(encode_uri, 1, 1);
    global_decodeURI = global."decodeURI"(decode_uri, 1, 0);
    global_decodeURIComponent = global."decodeURIComponent"(decode_uri, 1, 1);
    global_escape = global."escape"(escape, 1, 0);
    global_unescape = global."unescape"(unescape, 1, 0);
}
