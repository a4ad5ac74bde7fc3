//! Number ⇄ string conversions and the integer conversions of ECMA-262 7.1.
use crate::string::JsString;
use alloc::vec::Vec;

pub fn int_to_string(n: i64) -> JsString {
    let mut buf = [0u8; 24];
    let mut i = buf.len();
    let neg = n < 0;
    let mut v = n.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    if neg {
        i -= 1;
        buf[i] = b'-';
    }
    JsString::from_latin1(buf[i..].to_vec())
}

/// Number::toString(10) (ECMA-262 6.1.6.1.20): shortest round-trip digits.
pub fn number_to_string(f: f64) -> JsString {
    if f == (f as i32) as f64 {
        return int_to_string(f as i64);
    }
    let mut buf = ryu_js::Buffer::new();
    JsString::from_latin1(buf.format(f).as_bytes().to_vec())
}

/// Number::toString(radix) for radix 2..=36 other than 10.
pub fn number_to_string_radix(f: f64, radix: u32) -> JsString {
    if f.is_nan() {
        return JsString::from_str("NaN");
    }
    if f.is_infinite() {
        return JsString::from_str(if f > 0.0 { "Infinity" } else { "-Infinity" });
    }
    let neg = f < 0.0;
    let mut x = if neg { -f } else { f };
    let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut int_part = crate::math::floor(x);
    x -= int_part;
    let mut out: Vec<u8> = Vec::new();
    if int_part == 0.0 {
        out.push(b'0');
    }
    while int_part >= 1.0 {
        let d = crate::math::fmod(int_part, radix as f64) as usize;
        out.push(digits[d]);
        int_part = crate::math::floor(int_part / radix as f64);
    }
    out.reverse();
    if x > 0.0 {
        out.push(b'.');
        // Enough digits to round-trip a double in the given radix, then trim.
        let mut n = 0;
        while x > 0.0 && n < 52 {
            x *= radix as f64;
            let d = x as usize;
            out.push(digits[d]);
            x -= d as f64;
            n += 1;
        }
    }
    if neg {
        out.insert(0, b'-');
    }
    JsString::from_latin1(out)
}

fn is_js_whitespace(u: u16) -> bool {
    matches!(
        u,
        0x09 | 0x0A | 0x0B | 0x0C | 0x0D | 0x20 | 0xA0 | 0x1680 | 0x2000
            ..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 | 0xFEFF
    )
}

/// Trims JavaScript white space and line terminators from both ends.
pub fn trim_units(s: &JsString) -> (usize, usize) {
    let mut a = 0;
    let mut b = s.len();
    while a < b && is_js_whitespace(s.at(a)) {
        a += 1;
    }
    while b > a && is_js_whitespace(s.at(b - 1)) {
        b -= 1;
    }
    (a, b)
}

pub fn is_whitespace(u: u16) -> bool {
    is_js_whitespace(u)
}

/// StringToNumber (ECMA-262 7.1.4.1.1).
pub fn string_to_number(s: &JsString) -> f64 {
    let (a, b) = trim_units(s);
    let t: Vec<u8> = match (a..b)
        .map(|i| s.at(i))
        .map(|u| u8::try_from(u).ok().filter(u8::is_ascii))
        .collect::<Option<Vec<u8>>>()
    {
        Some(t) => t,
        None => return f64::NAN,
    };
    if t.is_empty() {
        return 0.0;
    }
    if t.len() > 2 && t[0] == b'0' {
        let radix = match t[1] {
            b'x' | b'X' => 16,
            b'o' | b'O' => 8,
            b'b' | b'B' => 2,
            _ => 0,
        };
        if radix != 0 {
            return parse_radix_digits(&t[2..], radix).unwrap_or(f64::NAN);
        }
    }
    parse_decimal(&t).unwrap_or(f64::NAN)
}

/// Digits in `radix` (no sign, no prefix); None if any character is not a digit.
pub fn parse_radix_digits(t: &[u8], radix: u32) -> Option<f64> {
    if t.is_empty() {
        return None;
    }
    let mut v = 0f64;
    for &c in t {
        let d = (c as char).to_digit(radix)?;
        v = v * radix as f64 + d as f64;
    }
    Some(v)
}

/// StrDecimalLiteral with optional sign, or ±Infinity. None if the text is not exactly that.
pub fn parse_decimal(t: &[u8]) -> Option<f64> {
    let (neg, body) = match t.first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let v = if body == b"Infinity" {
        f64::INFINITY
    } else {
        if decimal_prefix_len(body) != body.len() || body.is_empty() {
            return None;
        }
        core::str::from_utf8(body).ok()?.parse::<f64>().ok()?
    };
    Some(if neg { -v } else { v })
}

/// Length of the longest prefix of `t` that is a StrUnsignedDecimalLiteral (without Infinity);
/// 0 if there is none.
pub fn decimal_prefix_len(t: &[u8]) -> usize {
    let mut i = 0;
    let digits = |i: &mut usize| {
        let s = *i;
        while *i < t.len() && t[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - s
    };
    let int_digits = digits(&mut i);
    let mut frac_digits = 0;
    if i < t.len() && t[i] == b'.' {
        let save = i;
        i += 1;
        frac_digits = digits(&mut i);
        if int_digits == 0 && frac_digits == 0 {
            i = save;
        }
    }
    if int_digits == 0 && frac_digits == 0 {
        return 0;
    }
    if i < t.len() && (t[i] == b'e' || t[i] == b'E') {
        let save = i;
        i += 1;
        if i < t.len() && (t[i] == b'+' || t[i] == b'-') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            i = save;
        }
    }
    i
}

/// ToInt32 (ECMA-262 7.1.6) of a number.
pub fn to_int32(f: f64) -> i32 {
    if f.is_finite() && f.abs() < 2147483648.0 {
        return f as i32;
    }
    to_uint32(f) as i32
}

/// ToUint32 (ECMA-262 7.1.7) of a number.
pub fn to_uint32(f: f64) -> u32 {
    if !f.is_finite() {
        return 0;
    }
    let t = crate::math::trunc(f);
    let m = crate::math::fmod(t, 4294967296.0);
    let m = if m < 0.0 { m + 4294967296.0 } else { m };
    m as u32
}

/// ToIntegerOrInfinity (ECMA-262 7.1.5) of a number.
pub fn to_integer_or_infinity(f: f64) -> f64 {
    if f.is_nan() {
        0.0
    } else {
        crate::math::trunc(f) + 0.0
    }
}
