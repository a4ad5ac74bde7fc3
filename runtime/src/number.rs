//! Number ⇄ string conversions and the integer conversions of ECMA-262 7.1.
use crate::string::JsString;
use alloc::vec::Vec;

pub fn int_to_string(n: i64) -> JsString {
    let mut buf = qjs_bytecode::decimal::Digits::default();
    let digits = qjs_bytecode::decimal::digits(n.unsigned_abs(), &mut buf);
    let mut text = Vec::with_capacity(digits.len() + 1);
    if n < 0 {
        text.push(b'-');
    }
    text.extend_from_slice(digits);
    JsString::from_latin1(text)
}

/// Number::toString(10) (ECMA-262 6.1.6.1.20): shortest round-trip digits.
pub fn number_to_string(f: f64) -> JsString {
    if f == (f as i32) as f64 {
        return int_to_string(f as i64);
    }
    let mut buf = ryu_js::Buffer::new();
    JsString::from_latin1(buf.format(f).as_bytes().to_vec())
}

/// Number::toString(radix) for radix 2..=36 other than 10: the digits V8 and QuickJS print
/// (fraction digits only up to the double's precision, rounded to even; V8's
/// DoubleToRadixCString).
pub fn number_to_string_radix(f: f64, radix: u32) -> JsString {
    if f.is_nan() {
        return JsString::from_str("NaN");
    }
    if f.is_infinite() {
        return JsString::from_str(if f > 0.0 { "Infinity" } else { "-Infinity" });
    }
    const CHARS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let r = radix as f64;
    let neg = f < 0.0;
    let value = if neg { -f } else { f };
    let mut integer = crate::math::floor(value);
    let mut fraction = value - integer;
    // Half the distance to the next double: digits below it carry no information.
    let next = f64::from_bits(value.to_bits() + 1);
    let mut delta = (0.5 * (next - value)).max(f64::from_bits(1));
    let mut frac_digits: Vec<u8> = Vec::new();
    if fraction >= delta {
        loop {
            fraction *= r;
            delta *= r;
            let digit = fraction as usize;
            frac_digits.push(digit as u8);
            fraction -= digit as f64;
            if (fraction > 0.5 || (fraction == 0.5 && digit & 1 == 1)) && fraction + delta > 1.0 {
                // Round up, carrying through the digits already written.
                loop {
                    match frac_digits.pop() {
                        None => {
                            integer += 1.0;
                            break;
                        }
                        Some(d) if (d as u32) + 1 < radix => {
                            frac_digits.push(d + 1);
                            break;
                        }
                        Some(_) => {}
                    }
                }
                break;
            }
            if fraction < delta {
                break;
            }
        }
    }
    // Integer digits; those below the double's precision are zeros.
    let mut int_digits: Vec<u8> = Vec::new();
    while integer / r >= 9007199254740992.0 {
        integer /= r;
        int_digits.push(b'0');
    }
    loop {
        let rem = crate::math::fmod(integer, r);
        int_digits.push(CHARS[rem as usize]);
        integer = (integer - rem) / r;
        if integer <= 0.0 {
            break;
        }
    }
    let mut out = Vec::with_capacity(int_digits.len() + frac_digits.len() + 2);
    if neg {
        out.push(b'-');
    }
    out.extend(int_digits.iter().rev());
    if !frac_digits.is_empty() {
        out.push(b'.');
        out.extend(frac_digits.iter().map(|&d| CHARS[d as usize]));
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
    let mut digits = Vec::with_capacity(t.len());
    for &c in t {
        digits.push((c as char).to_digit(radix)?);
    }
    Some(digits_to_f64(&digits, radix))
}

/// The value of digits in `radix`: correctly rounded (ties to even) when the radix is a power
/// of two, as 19.2.5 and 7.1.4.1 ask; otherwise accumulated in floating point (the spec lets
/// other radices approximate).
pub fn digits_to_f64(digits: &[u32], radix: u32) -> f64 {
    if !radix.is_power_of_two() {
        return digits
            .iter()
            .fold(0.0, |acc, &d| acc * radix as f64 + d as f64);
    }
    let k = radix.trailing_zeros();
    let (mut mant, mut nbits, mut exp) = (0u64, 0u32, 0i64);
    let (mut round, mut sticky) = (false, false);
    for &d in digits {
        for b in (0..k).rev() {
            let bit = (d >> b) & 1 == 1;
            if nbits == 0 && !bit {
                continue;
            }
            if nbits < 53 {
                mant = (mant << 1) | bit as u64;
            } else {
                if nbits == 53 {
                    round = bit;
                } else {
                    sticky |= bit;
                }
                exp += 1;
            }
            nbits += 1;
        }
    }
    if round && (sticky || mant & 1 == 1) {
        mant += 1;
    }
    if exp > 1023 {
        return f64::INFINITY;
    }
    mant as f64 * f64::from_bits(((exp + 1023) as u64) << 52)
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
        crate::math::decimal_to_f64(body)
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

/// Exact decimal expansion of a finite double x > 0: digits `d` (each 0..=9, no leading or
/// trailing zeros) and `point`, so that x = 0.d₁d₂d₃… × 10^point. Every double is m·2^e, so its
/// expansion is finite (at most 767 significant digits); it is computed with a small bignum
/// over u32 limbs, without float formatting.
pub fn exact_decimal(x: f64) -> (Vec<u8>, i32) {
    let bits = x.to_bits();
    let be = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (m, e) = if be == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), be - 1075)
    };
    if m == 0 {
        return (Vec::new(), 0);
    }
    // Integer part as little-endian limbs.
    let (int_part, frac_part, k) = if e >= 0 {
        (shl_big(m, e as u32), 0u64, 0u32)
    } else {
        let k = (-e) as u32;
        if k >= 64 {
            (Vec::new(), m, k)
        } else {
            (shl_big(m >> k, 0), m & ((1u64 << k) - 1), k)
        }
    };
    let mut digits = Vec::new();
    // Integer digits: repeated division by 10^9.
    let mut big = int_part;
    let mut chunks: Vec<u32> = Vec::new();
    while big.iter().any(|&l| l != 0) {
        let mut rem = 0u64;
        for l in big.iter_mut().rev() {
            let cur = (rem << 32) | *l as u64;
            *l = (cur / 1_000_000_000) as u32;
            rem = cur % 1_000_000_000;
        }
        chunks.push(rem as u32);
        while big.last() == Some(&0) {
            big.pop();
        }
    }
    for (i, c) in chunks.iter().rev().enumerate() {
        let mut buf = [0u8; 9];
        let mut c = *c;
        for b in buf.iter_mut().rev() {
            *b = (c % 10) as u8;
            c /= 10;
        }
        if i == 0 {
            let first = buf.iter().position(|&b| b != 0).unwrap_or(8);
            digits.extend_from_slice(&buf[first..]);
        } else {
            digits.extend_from_slice(&buf);
        }
    }
    let mut point = digits.len() as i32;
    // Fraction digits: align the binary point to a limb boundary, then multiply by 10 and
    // take the carry out of the top limb as the next digit.
    if frac_part != 0 {
        let limbs = k.div_ceil(32) as usize;
        let shift = limbs as u32 * 32 - k;
        let mut f: Vec<u32> = alloc::vec![0; limbs];
        let v = (frac_part as u128) << shift;
        for (i, l) in f.iter_mut().take(4).enumerate() {
            *l = (v >> (32 * i)) as u32;
        }
        while f.iter().any(|&l| l != 0) {
            let mut carry = 0u64;
            for l in f.iter_mut() {
                let t = *l as u64 * 10 + carry;
                *l = t as u32;
                carry = t >> 32;
            }
            if digits.is_empty() && carry == 0 {
                point -= 1;
            } else {
                digits.push(carry as u8);
            }
        }
    }
    while digits.last() == Some(&0) {
        digits.pop();
    }
    (digits, point)
}

fn shl_big(m: u64, s: u32) -> Vec<u32> {
    let mut v: Vec<u32> = alloc::vec![0; (s / 32) as usize];
    let v2 = (m as u128) << (s % 32);
    for i in 0..4 {
        v.push((v2 >> (32 * i)) as u32);
    }
    v
}

/// The first `pos` digits of `d`, rounded half up on the exact expansion (ties pick the larger
/// n, as 21.1.3 asks). A carry out of the first digit gives `pos + 1` digits ("999" → "1000").
pub fn round_digits(d: &[u8], pos: usize) -> Vec<u8> {
    let mut r: Vec<u8> = (0..pos).map(|i| d.get(i).copied().unwrap_or(0)).collect();
    if d.get(pos).is_some_and(|&x| x >= 5) {
        let mut i = pos;
        loop {
            if i == 0 {
                r.insert(0, 1);
                break;
            }
            i -= 1;
            if r[i] == 9 {
                r[i] = 0;
            } else {
                r[i] += 1;
                break;
            }
        }
    }
    r
}

/// Shortest round-trip digits of a finite x > 0, as `exact_decimal` returns them.
pub fn shortest_decimal(x: f64) -> (Vec<u8>, i32) {
    let mut buf = ryu_js::Buffer::new();
    let s = buf.format(x).as_bytes();
    let (mant, exp) = match s.iter().position(|&c| c == b'e') {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, &b""[..]),
    };
    let mut e: i32 = 0;
    let mut neg = false;
    for &c in exp {
        match c {
            b'-' => neg = true,
            b'0'..=b'9' => e = e * 10 + (c - b'0') as i32,
            _ => {}
        }
    }
    if neg {
        e = -e;
    }
    let mut digits = Vec::new();
    let mut point = None;
    for &c in mant {
        if c == b'.' {
            point = Some(digits.len() as i32);
        } else if c.is_ascii_digit() {
            digits.push(c - b'0');
        }
    }
    let mut point = point.unwrap_or(digits.len() as i32) + e;
    while digits.first() == Some(&0) {
        digits.remove(0);
        point -= 1;
    }
    while digits.last() == Some(&0) {
        digits.pop();
    }
    (digits, point)
}

fn push_digits(out: &mut Vec<u8>, d: &[u8]) {
    out.extend(d.iter().map(|&c| c + b'0'));
}

fn push_exponent(out: &mut Vec<u8>, e: i32) {
    out.push(b'e');
    out.push(if e < 0 { b'-' } else { b'+' });
    out.extend_from_slice(
        int_to_string(e.unsigned_abs() as i64)
            .as_latin1()
            .unwrap_or(b"0"),
    );
}

/// Number.prototype.toFixed's digits (21.1.3.3 steps 6-12) for finite |x| < 10^21.
pub fn to_fixed(x: f64, f: usize) -> JsString {
    let mut out = Vec::new();
    let mut x = x;
    if x < 0.0 {
        out.push(b'-');
        x = -x;
    }
    let (d, point) = exact_decimal(x);
    let pos = point + f as i32;
    let mut n = if d.is_empty() || pos < 0 {
        Vec::new()
    } else {
        round_digits(&d, pos as usize)
    };
    while n.first() == Some(&0) {
        n.remove(0);
    }
    if n.len() < f + 1 {
        let mut z = alloc::vec![0u8; f + 1 - n.len()];
        z.extend_from_slice(&n);
        n = z;
    }
    let int_len = n.len() - f;
    push_digits(&mut out, &n[..int_len]);
    if f > 0 {
        out.push(b'.');
        push_digits(&mut out, &n[int_len..]);
    }
    JsString::from_latin1(out)
}

/// toExponential (21.1.3.2; `f` None for an undefined fractionDigits) and toPrecision
/// (21.1.3.5, `precision` true, `f` = p) for finite x.
pub fn to_exponential_or_precision(x: f64, f: Option<usize>, precision: bool) -> JsString {
    let mut out = Vec::new();
    let mut x = x;
    if x < 0.0 {
        out.push(b'-');
        x = -x;
    }
    // n as `p` digits and the exponent e of its first digit.
    let (n, e) = if x == 0.0 {
        let p = match f {
            Some(f) if precision => f,
            Some(f) => f + 1,
            None => 1,
        };
        (alloc::vec![0u8; p], 0)
    } else {
        match f {
            None => {
                let (d, point) = shortest_decimal(x);
                (d, point - 1)
            }
            Some(f) => {
                let p = if precision { f } else { f + 1 };
                let (d, point) = exact_decimal(x);
                let mut r = round_digits(&d, p);
                let carry = r.len() > p;
                r.truncate(p);
                (r, point - 1 + carry as i32)
            }
        }
    };
    let p = n.len() as i32;
    if !precision || e < -6 || e >= p {
        push_digits(&mut out, &n[..1]);
        if p > 1 {
            out.push(b'.');
            push_digits(&mut out, &n[1..]);
        }
        push_exponent(&mut out, e);
    } else if e >= 0 {
        push_digits(&mut out, &n[..e as usize + 1]);
        if e < p - 1 {
            out.push(b'.');
            push_digits(&mut out, &n[e as usize + 1..]);
        }
    } else {
        out.extend_from_slice(b"0.");
        out.extend(core::iter::repeat_n(b'0', (-e - 1) as usize));
        push_digits(&mut out, &n);
    }
    JsString::from_latin1(out)
}

/// `x` limited to `lo..=hi` (NaN stays NaN). Used instead of `f64::clamp`, whose assertion
/// message would link core's float formatting into every program.
#[inline]
pub fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    if x < lo {
        lo
    } else if x > hi {
        hi
    } else {
        x
    }
}
