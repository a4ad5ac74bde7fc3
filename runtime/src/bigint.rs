//! Arbitrary-precision integers for the BigInt type: an immutable sign and magnitude (u32 limbs,
//! least significant first, no high zero limbs, zero is never negative) behind an `Rc`.
//!
//! Schoolbook multiplication, Knuth's algorithm D for division and quadratic radix conversion:
//! small code matters more here than asymptotics. Every result is bounded by [`MAX_BITS`]; an
//! operation that would exceed it reports [`Error::TooBig`] (a RangeError) before it allocates
//! the result, so no input exhausts memory.
use alloc::rc::Rc;
use alloc::vec;
use alloc::vec::Vec;
use core::cmp::Ordering;

/// The largest magnitude, in bits (QuickJS's limit is of the same order).
pub const MAX_BITS: u64 = 1 << 20;
const MAX_LIMBS: usize = (MAX_BITS / 32) as usize;

/// Why an operation has no BigInt result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    TooBig,
    DivisionByZero,
    NegativeExponent,
}

pub type Result<T> = core::result::Result<T, Error>;

struct Repr {
    neg: bool,
    mag: Vec<u32>,
}

/// An immutable BigInt value. `Clone` shares it.
#[derive(Clone)]
pub struct BigInt(Rc<Repr>);

impl PartialEq for BigInt {
    fn eq(&self, o: &BigInt) -> bool {
        self.0.neg == o.0.neg && self.0.mag == o.0.mag
    }
}
impl Eq for BigInt {}

impl core::hash::Hash for BigInt {
    fn hash<H: core::hash::Hasher>(&self, h: &mut H) {
        self.0.neg.hash(h);
        self.0.mag.hash(h);
    }
}

impl core::fmt::Debug for BigInt {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.to_string_radix(10))
    }
}

// ---- magnitudes ----

fn trim(mut v: Vec<u32>) -> Vec<u32> {
    while v.last() == Some(&0) {
        v.pop();
    }
    v
}

fn mag_cmp(a: &[u32], b: &[u32]) -> Ordering {
    a.len()
        .cmp(&b.len())
        .then_with(|| a.iter().rev().cmp(b.iter().rev()))
}

fn mag_add(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut r = Vec::with_capacity(a.len() + 1);
    let mut carry = 0u64;
    for (i, &x) in a.iter().enumerate() {
        let s = x as u64 + b.get(i).copied().unwrap_or(0) as u64 + carry;
        r.push(s as u32);
        carry = s >> 32;
    }
    if carry != 0 {
        r.push(carry as u32);
    }
    r
}

/// a - b for a >= b.
fn mag_sub(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut r = Vec::with_capacity(a.len());
    let mut borrow = 0i64;
    for (i, &x) in a.iter().enumerate() {
        let mut d = x as i64 - b.get(i).copied().unwrap_or(0) as i64 - borrow;
        borrow = (d < 0) as i64;
        if d < 0 {
            d += 1 << 32;
        }
        r.push(d as u32);
    }
    trim(r)
}

fn mag_mul(a: &[u32], b: &[u32]) -> Vec<u32> {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let mut r = vec![0u32; a.len() + b.len()];
    for (i, &x) in a.iter().enumerate() {
        let mut carry = 0u64;
        for (j, &y) in b.iter().enumerate() {
            let t = x as u64 * y as u64 + r[i + j] as u64 + carry;
            r[i + j] = t as u32;
            carry = t >> 32;
        }
        r[i + b.len()] = carry as u32;
    }
    trim(r)
}

/// (a / d, a % d) for a single-limb divisor d > 0.
fn mag_divrem_small(a: &[u32], d: u32) -> (Vec<u32>, u32) {
    let mut q = vec![0u32; a.len()];
    let mut rem = 0u64;
    for i in (0..a.len()).rev() {
        let cur = (rem << 32) | a[i] as u64;
        q[i] = (cur / d as u64) as u32;
        rem = cur % d as u64;
    }
    (trim(q), rem as u32)
}

/// a * m + c for single limbs (radix conversion).
fn mag_mul_add_small(a: &mut Vec<u32>, m: u32, c: u32) {
    let mut carry = c as u64;
    for x in a.iter_mut() {
        let t = *x as u64 * m as u64 + carry;
        *x = t as u32;
        carry = t >> 32;
    }
    if carry != 0 {
        a.push(carry as u32);
    }
}

fn mag_shl(a: &[u32], n: u64) -> Vec<u32> {
    if a.is_empty() {
        return Vec::new();
    }
    let limbs = (n / 32) as usize;
    let bits = (n % 32) as u32;
    let mut r = vec![0u32; limbs];
    r.reserve(a.len() + 1);
    if bits == 0 {
        r.extend_from_slice(a);
    } else {
        let mut carry = 0u32;
        for &x in a {
            r.push((x << bits) | carry);
            carry = x >> (32 - bits);
        }
        r.push(carry);
    }
    trim(r)
}

fn mag_shr(a: &[u32], n: u64) -> Vec<u32> {
    let limbs = n / 32;
    if limbs >= a.len() as u64 {
        return Vec::new();
    }
    let a = &a[limbs as usize..];
    let bits = (n % 32) as u32;
    if bits == 0 {
        return a.to_vec();
    }
    let mut r = Vec::with_capacity(a.len());
    for i in 0..a.len() {
        let hi = a.get(i + 1).map_or(0, |&h| h << (32 - bits));
        r.push((a[i] >> bits) | hi);
    }
    trim(r)
}

/// Whether any of the low `n` bits of `a` is set.
fn mag_low_bits_nonzero(a: &[u32], n: u64) -> bool {
    let limbs = (n / 32).min(a.len() as u64) as usize;
    if a[..limbs].iter().any(|&x| x != 0) {
        return true;
    }
    let bits = (n % 32) as u32;
    bits != 0 && a.get(limbs).is_some_and(|&x| x & ((1u32 << bits) - 1) != 0)
}

fn bit_len(a: &[u32]) -> u64 {
    match a.last() {
        Some(&top) => a.len() as u64 * 32 - top.leading_zeros() as u64,
        None => 0,
    }
}

/// Knuth's algorithm D (TAOCP 4.3.1; Hacker's Delight `divmnu`): (u / v, u % v), v nonzero.
fn mag_divrem(u: &[u32], v: &[u32]) -> (Vec<u32>, Vec<u32>) {
    if mag_cmp(u, v) == Ordering::Less {
        return (Vec::new(), u.to_vec());
    }
    if let [d] = *v {
        let (q, r) = mag_divrem_small(u, d);
        return (q, trim(vec![r]));
    }
    let n = v.len();
    let m = u.len() - n;
    // Normalize so the divisor's top limb has its high bit set.
    let s = v[n - 1].leading_zeros() as u64;
    let vn = mag_shl(v, s);
    let mut un = mag_shl(u, s);
    un.resize(u.len() + 1, 0);
    let b = 1u64 << 32;
    let mut q = vec![0u32; m + 1];
    for j in (0..=m).rev() {
        let num = ((un[j + n] as u64) << 32) | un[j + n - 1] as u64;
        let mut qhat = num / vn[n - 1] as u64;
        let mut rhat = num % vn[n - 1] as u64;
        while qhat >= b || qhat * vn[n - 2] as u64 > ((rhat << 32) | un[j + n - 2] as u64) {
            qhat -= 1;
            rhat += vn[n - 1] as u64;
            if rhat >= b {
                break;
            }
        }
        // un[j..=j+n] -= qhat * vn
        let mut borrow = 0i64;
        let mut carry = 0u64;
        for i in 0..n {
            let p = qhat * vn[i] as u64 + carry;
            carry = p >> 32;
            let t = un[i + j] as i64 - borrow - (p & 0xffff_ffff) as i64;
            un[i + j] = t as u32;
            borrow = (t < 0) as i64;
        }
        let t = un[j + n] as i64 - borrow - carry as i64;
        un[j + n] = t as u32;
        if t < 0 {
            // qhat was one too large: add the divisor back.
            qhat -= 1;
            let mut c = 0u64;
            for i in 0..n {
                let s = un[i + j] as u64 + vn[i] as u64 + c;
                un[i + j] = s as u32;
                c = s >> 32;
            }
            un[j + n] = un[j + n].wrapping_add(c as u32);
        }
        q[j] = qhat as u32;
    }
    un.truncate(n);
    (trim(q), mag_shr(&trim(un), s))
}

/// The largest power of `radix` that fits a limb, and its exponent.
fn radix_chunk(radix: u32) -> (u32, usize) {
    let mut p = radix;
    let mut k = 1;
    while let Some(next) = p.checked_mul(radix) {
        p = next;
        k += 1;
    }
    (p, k)
}

/// Two's complement of a value in `len` limbs (the value modulo 2^(32*len)).
fn to_twos(neg: bool, mag: &[u32], len: usize) -> Vec<u32> {
    let mut r: Vec<u32> = (0..len).map(|i| mag.get(i).copied().unwrap_or(0)).collect();
    if neg {
        let mut carry = 1u64;
        for x in r.iter_mut() {
            let t = (!*x) as u64 + carry;
            *x = t as u32;
            carry = t >> 32;
        }
    }
    r
}

impl BigInt {
    fn make(neg: bool, mag: Vec<u32>) -> BigInt {
        let mag = trim(mag);
        let neg = neg && !mag.is_empty();
        BigInt(Rc::new(Repr { neg, mag }))
    }

    fn checked(neg: bool, mag: Vec<u32>) -> Result<BigInt> {
        if mag.len() > MAX_LIMBS {
            return Err(Error::TooBig);
        }
        Ok(BigInt::make(neg, mag))
    }

    /// From two's complement limbs (the top bit is the sign).
    fn from_twos(mut v: Vec<u32>) -> BigInt {
        let neg = v.last().is_some_and(|&t| t & 0x8000_0000 != 0);
        if neg {
            v = to_twos(true, &v, v.len());
        }
        BigInt::make(neg, v)
    }

    pub fn zero() -> BigInt {
        BigInt::make(false, Vec::new())
    }

    pub fn from_i64(n: i64) -> BigInt {
        let m = n.unsigned_abs();
        BigInt::make(n < 0, vec![m as u32, (m >> 32) as u32])
    }

    /// The exact value of an integral finite number (the caller checks it is one).
    pub fn from_f64(f: f64) -> BigInt {
        let bits = f.to_bits();
        let exp = ((bits >> 52) & 0x7ff) as i64;
        if exp == 0 {
            // Zero or subnormal: only zero is integral.
            return BigInt::zero();
        }
        let mant = (bits & ((1 << 52) - 1)) | (1 << 52);
        let shift = exp - 1075;
        let mag = [mant as u32, (mant >> 32) as u32];
        let mag = if shift >= 0 {
            mag_shl(&mag, shift as u64)
        } else {
            mag_shr(&mag, (-shift) as u64)
        };
        BigInt::make(f < 0.0, mag)
    }

    pub fn is_zero(&self) -> bool {
        self.0.mag.is_empty()
    }
    pub fn is_negative(&self) -> bool {
        self.0.neg
    }

    /// The value as an i64 when it fits.
    pub fn to_i64(&self) -> Option<i64> {
        if self.0.mag.len() > 2 {
            return None;
        }
        let m = self.0.mag.first().copied().unwrap_or(0) as u64
            | (self.0.mag.get(1).copied().unwrap_or(0) as u64) << 32;
        if self.0.neg {
            0i64.checked_sub_unsigned(m)
        } else {
            i64::try_from(m).ok()
        }
    }

    /// The Number value, correctly rounded (ties to even), ±Infinity beyond the range.
    pub fn to_f64(&self) -> f64 {
        let mag = &self.0.mag;
        let len = bit_len(mag);
        let r = if len <= 64 {
            (mag.first().copied().unwrap_or(0) as u64
                | (mag.get(1).copied().unwrap_or(0) as u64) << 32) as f64
        } else if len > 1024 {
            f64::INFINITY
        } else {
            // The top 64 bits with a sticky bit for the rest round exactly like the whole.
            let shift = len - 64;
            let top = mag_shr(mag, shift);
            let mut m = top.first().copied().unwrap_or(0) as u64
                | (top.get(1).copied().unwrap_or(0) as u64) << 32;
            if mag_low_bits_nonzero(mag, shift) {
                m |= 1;
            }
            // 2^shift is a normal number: shift is at most 960.
            m as f64 * f64::from_bits((1023 + shift) << 52)
        };
        if self.0.neg {
            -r
        } else {
            r
        }
    }

    /// Compares with a Number: None when it is NaN.
    pub fn cmp_f64(&self, f: f64) -> Option<Ordering> {
        if f.is_nan() {
            return None;
        }
        if f.is_infinite() {
            return Some(if f > 0.0 {
                Ordering::Less
            } else {
                Ordering::Greater
            });
        }
        let t = crate::math::trunc(f);
        Some(self.cmp(&BigInt::from_f64(t)).then(if f > t {
            Ordering::Less
        } else if f < t {
            Ordering::Greater
        } else {
            Ordering::Equal
        }))
    }

    pub fn neg(&self) -> BigInt {
        BigInt::make(!self.0.neg, self.0.mag.clone())
    }

    pub fn add(&self, o: &BigInt) -> Result<BigInt> {
        let (a, b) = (&*self.0, &*o.0);
        if a.neg == b.neg {
            return BigInt::checked(a.neg, mag_add(&a.mag, &b.mag));
        }
        Ok(match mag_cmp(&a.mag, &b.mag) {
            Ordering::Less => BigInt::make(b.neg, mag_sub(&b.mag, &a.mag)),
            _ => BigInt::make(a.neg, mag_sub(&a.mag, &b.mag)),
        })
    }

    pub fn sub(&self, o: &BigInt) -> Result<BigInt> {
        self.add(&o.neg())
    }

    pub fn mul(&self, o: &BigInt) -> Result<BigInt> {
        if bit_len(&self.0.mag) + bit_len(&o.0.mag) > MAX_BITS + 1 {
            return Err(Error::TooBig);
        }
        BigInt::checked(self.0.neg != o.0.neg, mag_mul(&self.0.mag, &o.0.mag))
    }

    /// Truncating division and its remainder (the sign of the dividend), as `/` and `%` do.
    pub fn div_rem(&self, o: &BigInt) -> Result<(BigInt, BigInt)> {
        if o.is_zero() {
            return Err(Error::DivisionByZero);
        }
        let (q, r) = mag_divrem(&self.0.mag, &o.0.mag);
        Ok((
            BigInt::make(self.0.neg != o.0.neg, q),
            BigInt::make(self.0.neg, r),
        ))
    }

    pub fn pow(&self, e: &BigInt) -> Result<BigInt> {
        if e.0.neg {
            return Err(Error::NegativeExponent);
        }
        let base_bits = bit_len(&self.0.mag);
        if e.is_zero() {
            return Ok(BigInt::from_i64(1));
        }
        if base_bits <= 1 {
            // 0, 1 and -1: the sign alternates with the exponent's parity.
            let odd = e.0.mag.first().is_some_and(|&l| l & 1 == 1);
            return Ok(BigInt::make(self.0.neg && odd, self.0.mag.clone()));
        }
        // |base| >= 2, so the result has at least e + 1 bits.
        let Some(n) = e.to_i64().filter(|&n| (n as u64) < MAX_BITS) else {
            return Err(Error::TooBig);
        };
        if (base_bits - 1).saturating_mul(n as u64) > MAX_BITS {
            return Err(Error::TooBig);
        }
        let mut result = BigInt::from_i64(1);
        let mut base = self.clone();
        let mut n = n as u64;
        loop {
            if n & 1 == 1 {
                result = result.mul(&base)?;
            }
            n >>= 1;
            if n == 0 {
                return Ok(result);
            }
            base = base.mul(&base)?;
        }
    }

    /// `<<` with a signed count (a negative count shifts right).
    pub fn shl(&self, count: &BigInt) -> Result<BigInt> {
        self.shift(count.0.neg, count)
    }

    /// `>>` (rounds toward -Infinity), a negative count shifts left.
    pub fn sar(&self, count: &BigInt) -> Result<BigInt> {
        self.shift(!count.0.neg, count)
    }

    fn shift(&self, right: bool, count: &BigInt) -> Result<BigInt> {
        let n = count.to_i64().map(|n| n.unsigned_abs());
        if self.is_zero() {
            return Ok(self.clone());
        }
        if !right {
            return match n {
                Some(n) if bit_len(&self.0.mag) + n <= MAX_BITS => {
                    Ok(BigInt::make(self.0.neg, mag_shl(&self.0.mag, n)))
                }
                _ => Err(Error::TooBig),
            };
        }
        let n = n.unwrap_or(u64::MAX);
        if !self.0.neg {
            return Ok(BigInt::make(false, mag_shr(&self.0.mag, n)));
        }
        // floor(-m / 2^n) = -(((m - 1) >> n) + 1)
        let m1 = mag_sub(&self.0.mag, &[1]);
        Ok(BigInt::make(true, mag_add(&mag_shr(&m1, n), &[1])))
    }

    fn bitwise(&self, o: &BigInt, f: impl Fn(u32, u32) -> u32) -> BigInt {
        let len = self.0.mag.len().max(o.0.mag.len()) + 1;
        let a = to_twos(self.0.neg, &self.0.mag, len);
        let b = to_twos(o.0.neg, &o.0.mag, len);
        BigInt::from_twos(a.iter().zip(&b).map(|(&x, &y)| f(x, y)).collect())
    }

    pub fn and(&self, o: &BigInt) -> BigInt {
        self.bitwise(o, |x, y| x & y)
    }
    pub fn or(&self, o: &BigInt) -> BigInt {
        self.bitwise(o, |x, y| x | y)
    }
    pub fn xor(&self, o: &BigInt) -> BigInt {
        self.bitwise(o, |x, y| x ^ y)
    }
    /// `~x` = -x - 1.
    pub fn not(&self) -> Result<BigInt> {
        self.neg().sub(&BigInt::from_i64(1))
    }

    /// BigInt.asUintN: the value modulo 2^bits.
    pub fn as_uint_n(&self, bits: u64) -> Result<BigInt> {
        if !self.0.neg && bit_len(&self.0.mag) <= bits {
            return Ok(self.clone());
        }
        if bits > MAX_BITS {
            return Err(Error::TooBig);
        }
        let limbs = bits.div_ceil(32) as usize;
        let mut r = to_twos(self.0.neg, &self.0.mag, limbs);
        if !bits.is_multiple_of(32) {
            if let Some(top) = r.last_mut() {
                *top &= (1u32 << (bits % 32)) - 1;
            }
        }
        Ok(BigInt::make(false, r))
    }

    /// BigInt.asIntN: the value modulo 2^bits, in [-2^(bits-1), 2^(bits-1)).
    pub fn as_int_n(&self, bits: u64) -> Result<BigInt> {
        if bits == 0 {
            return Ok(BigInt::zero());
        }
        if bit_len(&self.0.mag) < bits {
            return Ok(self.clone());
        }
        let u = self.as_uint_n(bits)?;
        if bit_len(&u.0.mag) == bits {
            let two_n = mag_shl(&[1], bits);
            return Ok(BigInt::make(true, mag_sub(&two_n, &u.0.mag)));
        }
        Ok(u)
    }

    /// The digits in `radix` (2..=36), with a leading `-` for negative values.
    pub fn to_string_radix(&self, radix: u32) -> alloc::string::String {
        let radix = radix.clamp(2, 36);
        let (chunk, k) = radix_chunk(radix);
        let mut digits: Vec<u8> = Vec::new();
        let mut cur = self.0.mag.clone();
        while !cur.is_empty() {
            let (q, mut r) = mag_divrem_small(&cur, chunk);
            // Full chunks except the most significant one.
            for _ in 0..k {
                if q.is_empty() && r == 0 {
                    break;
                }
                let d = (r % radix) as u8;
                digits.push(if d < 10 { b'0' + d } else { b'a' + d - 10 });
                r /= radix;
            }
            cur = q;
        }
        if digits.is_empty() {
            digits.push(b'0');
        }
        if self.0.neg {
            digits.push(b'-');
        }
        digits.reverse();
        digits.into_iter().map(char::from).collect()
    }

    /// Unsigned digits in `radix` (no sign, no prefix, no separators). None if a character is
    /// not a digit or the text is empty.
    pub fn parse_digits(t: &[u16], radix: u32, neg: bool) -> Option<Result<BigInt>> {
        if t.is_empty() {
            return None;
        }
        let (_, k) = radix_chunk(radix);
        let mut mag = Vec::new();
        for part in t.chunks(k) {
            let mut chunk = 0u32;
            let mut scale = 1u32;
            for &u in part {
                chunk = chunk * radix + char::from_u32(u as u32)?.to_digit(radix)?;
                scale *= radix;
            }
            mag_mul_add_small(&mut mag, scale, chunk);
            if mag.len() > MAX_LIMBS {
                return Some(Err(Error::TooBig));
            }
        }
        Some(Ok(BigInt::make(neg, mag)))
    }

    /// StringToBigInt (7.1.14) on a string's units: None when it is not a valid literal.
    pub fn parse(t: &[u16]) -> Option<Result<BigInt>> {
        let ws = |u: &u16| crate::number::is_whitespace(*u);
        let start = t.iter().position(|u| !ws(u)).unwrap_or(t.len());
        let end = t.iter().rposition(|u| !ws(u)).map_or(start, |e| e + 1);
        let t = &t[start..end];
        match t {
            [] => Some(Ok(BigInt::zero())),
            [z, p, rest @ ..] if *z == b'0' as u16 => {
                let radix = match u8::try_from(*p).ok()? | 0x20 {
                    b'x' => 16,
                    b'o' => 8,
                    b'b' => 2,
                    _ => return BigInt::parse_digits(t, 10, false),
                };
                BigInt::parse_digits(rest, radix, false)
            }
            [s, rest @ ..] if *s == b'-' as u16 => BigInt::parse_digits(rest, 10, true),
            [s, rest @ ..] if *s == b'+' as u16 => BigInt::parse_digits(rest, 10, false),
            _ => BigInt::parse_digits(t, 10, false),
        }
    }

    /// The value of a bytecode constant's text (hex digits, checked by the verifier).
    pub fn from_constant(t: &[u16]) -> Result<BigInt> {
        BigInt::parse_digits(t, 16, false).unwrap_or_else(|| Ok(BigInt::zero()))
    }
}

impl PartialOrd for BigInt {
    fn partial_cmp(&self, o: &BigInt) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for BigInt {
    fn cmp(&self, o: &BigInt) -> Ordering {
        match (self.0.neg, o.0.neg) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => mag_cmp(&self.0.mag, &o.0.mag),
            (true, true) => mag_cmp(&o.0.mag, &self.0.mag),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    fn p(s: &str) -> BigInt {
        let u: Vec<u16> = s.encode_utf16().collect();
        BigInt::parse(&u).unwrap().unwrap()
    }
    fn s(b: &BigInt) -> String {
        b.to_string_radix(10)
    }

    #[test]
    fn arithmetic() {
        let a = p("123456789012345678901234567890");
        let b = p("-987654321098765432109876543210");
        assert_eq!(s(&a.add(&b).unwrap()), "-864197532086419753208641975320");
        assert_eq!(
            s(&a.mul(&b).unwrap()),
            "-121932631137021795226185032733622923332237463801111263526900"
        );
        let (q, r) = b.div_rem(&a).unwrap();
        assert_eq!(
            (s(&q), s(&r)),
            ("-8".into(), "-9000000000900000000090".into())
        );
        let big = p("340282366920938463463374607431768211456"); // 2^128
        let d = p("18446744073709551617"); // 2^64 + 1
        let (q, r) = big.div_rem(&d).unwrap();
        assert_eq!((s(&q), s(&r)), ("18446744073709551615".into(), "1".into()));
        assert_eq!(
            s(&p("2").pow(&p("100")).unwrap()),
            "1267650600228229401496703205376"
        );
        assert_eq!(p("2").pow(&p("100000000")), Err(Error::TooBig));
        assert_eq!(p("-5").sar(&p("1")).unwrap(), p("-3"));
        assert_eq!(p("-5").shl(&p("-1")).unwrap(), p("-3"));
        assert_eq!(p("5").and(&p("-2")), p("4"));
        assert_eq!(p("-5").or(&p("2")), p("-5"));
        assert_eq!(p("-5").xor(&p("-3")), p("6"));
        assert_eq!(p("-1").as_uint_n(64).unwrap(), p("18446744073709551615"));
        assert_eq!(p("255").as_int_n(8).unwrap(), p("-1"));
        assert_eq!(p("128").as_int_n(8).unwrap(), p("-128"));
        assert_eq!(p("-1").as_int_n(1 << 52).unwrap(), p("-1"));
        assert_eq!(p("0xff").to_string_radix(2), "11111111");
        assert_eq!(p("-35").to_string_radix(36), "-z");
        assert_eq!(p(" 0 ").to_string_radix(10), "0");
        assert!(BigInt::parse(&[b'1' as u16, b'.' as u16]).is_none());
        assert_eq!(p("9007199254740993").to_f64(), 9007199254740992.0);
        assert_eq!(p("9007199254740995").to_f64(), 9007199254740996.0);
        assert_eq!(BigInt::from_f64(-1e20), p("-100000000000000000000"));
        assert_eq!(p("10").cmp_f64(10.5), Some(Ordering::Less));
        assert_eq!(p("-10").cmp_f64(-10.5), Some(Ordering::Greater));
    }
}
