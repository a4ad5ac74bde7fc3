//! The Math object (ECMA-262 21.3).
use crate::atom::names;
use crate::function::Args;
use crate::math as m;
use crate::runtime::{JsResult, Runtime};
use crate::shape::{CONFIGURABLE, WC};
use crate::value::Value;

/// One native function per unary method (ToNumber, then `f`), so that a program links only
/// the functions of the methods it registers.
macro_rules! unary_methods {
    ($( $native:ident => $f:expr; )*) => {$(
        fn $native(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
            unary(rt, a, $f)
        }
    )*};
}

/// The body every unary method shares, once.
#[inline(never)]
fn unary(rt: &mut Runtime, a: &Args, f: fn(f64) -> f64) -> JsResult<Value> {
    let x = rt.to_number(&a.get(0))?;
    Ok(Value::number(f(x)))
}

unary_methods! {
    math_abs => f64::abs;
    math_floor => m::floor;
    math_ceil => m::ceil;
    math_trunc => m::trunc;
    math_sqrt => m::sqrt;
    math_cbrt => m::cbrt;
    math_exp => m::exp;
    math_expm1 => m::expm1;
    math_log => m::log;
    math_log2 => m::log2;
    math_log10 => m::log10;
    math_log1p => m::log1p;
    math_sin => m::sin;
    math_cos => m::cos;
    math_tan => m::tan;
    math_asin => m::asin;
    math_acos => m::acos;
    math_atan => m::atan;
    math_sinh => m::sinh;
    math_cosh => m::cosh;
    math_tanh => m::tanh;
    math_asinh => m::asinh;
    math_acosh => m::acosh;
    math_atanh => m::atanh;
    math_sign => sign;
    math_round => round;
    math_fround => fround;
}

fn sign(x: f64) -> f64 {
    if x.is_nan() || x == 0.0 {
        x
    } else if x > 0.0 {
        1.0
    } else {
        -1.0
    }
}

/// Math.round (21.3.2.28): halves round up, -0 is kept.
fn round(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    if x > 0.0 && x < 0.5 {
        return 0.0;
    }
    if (-0.5..0.0).contains(&x) {
        return -0.0;
    }
    let f = m::floor(x);
    if x - f >= 0.5 {
        f + 1.0
    } else {
        f
    }
}

fn fround(x: f64) -> f64 {
    x as f32 as f64
}

/// max (magic 0) / min (1).
fn min_max(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let mut r = if a.magic == 0 {
        f64::NEG_INFINITY
    } else {
        f64::INFINITY
    };
    let mut nan = false;
    for v in a.args {
        let x = rt.to_number(v)?;
        if x.is_nan() {
            nan = true;
        } else if a.magic == 0 {
            if x > r || (x == 0.0 && r == 0.0 && !x.is_sign_negative()) {
                r = x;
            }
        } else if x < r || (x == 0.0 && r == 0.0 && x.is_sign_negative()) {
            r = x;
        }
    }
    Ok(Value::number(if nan { f64::NAN } else { r }))
}

fn pow(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let x = rt.to_number(&a.get(0))?;
    let y = rt.to_number(&a.get(1))?;
    Ok(Value::number(crate::ops::pow(x, y)))
}

fn atan2(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let y = rt.to_number(&a.get(0))?;
    let x = rt.to_number(&a.get(1))?;
    Ok(Value::number(m::atan2(y, x)))
}

fn hypot(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let mut xs = alloc::vec::Vec::with_capacity(a.len());
    for v in a.args {
        xs.push(rt.to_number(v)?);
    }
    if xs.iter().any(|x| x.is_infinite()) {
        return Ok(Value::number(f64::INFINITY));
    }
    Ok(Value::number(xs.into_iter().fold(0.0, m::hypot)))
}

fn imul(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let x = rt.to_int32(&a.get(0))?;
    let y = rt.to_int32(&a.get(1))?;
    Ok(Value::int(x.wrapping_mul(y)))
}

fn clz32(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let x = rt.to_uint32(&a.get(0))?;
    Ok(Value::int(x.leading_zeros() as i32))
}

/// Math.random: xorshift64* seeded per runtime.
fn random(rt: &mut Runtime, _a: &Args) -> JsResult<Value> {
    let mut s = rt.random_state;
    if s == 0 {
        s = crate::host::random_seed() | 1;
    }
    s ^= s >> 12;
    s ^= s << 25;
    s ^= s >> 27;
    rt.random_state = s;
    let r = s.wrapping_mul(0x2545F4914F6CDD1D);
    Ok(Value::number((r >> 11) as f64 / (1u64 << 53) as f64))
}

/// An exact sum of doubles: a two's complement fixed-point integer in units of 2^-1074, wide
/// enough for 2^53 addends of the largest double.
struct ExactSum([u32; 72]);

impl ExactSum {
    fn add(&mut self, x: f64) {
        let bits = x.to_bits();
        let be = ((bits >> 52) & 0x7ff) as u32;
        let frac = bits & ((1u64 << 52) - 1);
        let (m, shift) = if be == 0 {
            (frac, 0)
        } else {
            (frac | (1u64 << 52), be - 1)
        };
        let start = (shift / 32) as usize;
        let v = (m as u128) << (shift % 32);
        let neg = x < 0.0;
        let mut carry: i64 = 0;
        for j in start..self.0.len() {
            let k = j - start;
            let part = if k < 3 {
                (v >> (32 * k)) as u32 as i64
            } else {
                0
            };
            let t = self.0[j] as i64 + if neg { -part } else { part } + carry;
            self.0[j] = t as u32;
            carry = t >> 32;
            if k >= 2 && carry == 0 {
                break;
            }
        }
    }

    /// RoundToNumber of the sum (round half to even); 0 gives +0.
    fn to_f64(&self) -> f64 {
        let mut a = self.0;
        let neg = a[71] >> 31 == 1;
        if neg {
            let mut carry = 1u64;
            for l in a.iter_mut() {
                let t = (!*l) as u64 + carry;
                *l = t as u32;
                carry = t >> 32;
            }
        }
        let Some(top) = a.iter().rposition(|&l| l != 0) else {
            return 0.0;
        };
        let h = top * 32 + 31 - a[top].leading_zeros() as usize;
        let bit = |i: usize| (a[i / 32] >> (i % 32)) & 1 == 1;
        let r = if h < 53 {
            f64::from_bits(((a[1] as u64) << 32) | a[0] as u64)
        } else {
            let mut mant = 0u64;
            for i in (h - 52..=h).rev() {
                mant = (mant << 1) | bit(i) as u64;
            }
            let round = bit(h - 53);
            let sticky = (0..h - 53).any(bit);
            let mut h = h;
            if round && (sticky || mant & 1 == 1) {
                mant += 1;
                if mant == 1 << 53 {
                    mant >>= 1;
                    h += 1;
                }
            }
            let biased = h as u64 - 51;
            if biased >= 2047 {
                f64::INFINITY
            } else {
                f64::from_bits((biased << 52) | (mant - (1 << 52)))
            }
        };
        if neg {
            -r
        } else {
            r
        }
    }
}

/// Math.sumPrecise (ES2026 21.3.2.34): the exactly rounded sum of an iterable of Numbers.
fn sum_precise(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let items = a.get(0);
    if items.is_nullish() {
        return Err(rt.type_error("Math.sumPrecise called on null or undefined"));
    }
    let (iter, next) = rt.get_iterator(&items)?;
    let mut sum = ExactSum([0; 72]);
    let (mut nan, mut pos_inf, mut neg_inf, mut minus_zero) = (false, false, false, true);
    while let Some(v) = rt.iterator_step(&iter, &next)? {
        let Some(n) = v.as_number() else {
            let _ = rt.type_error("Math.sumPrecise: value is not a number");
            return Err(super::map::iterator_close_on_error(rt, &iter));
        };
        if n.is_nan() {
            nan = true;
        } else if n == f64::INFINITY {
            pos_inf = true;
        } else if n == f64::NEG_INFINITY {
            neg_inf = true;
        } else if !(n == 0.0 && n.is_sign_negative()) {
            minus_zero = false;
            sum.add(n);
        }
    }
    Ok(Value::number(if nan || (pos_inf && neg_inf) {
        f64::NAN
    } else if pos_inf {
        f64::INFINITY
    } else if neg_inf {
        f64::NEG_INFINITY
    } else if minus_zero {
        -0.0
    } else {
        sum.to_f64()
    }))
}

pub fn register(rt: &mut Runtime) {
    let op = rt.realm.object_proto.clone();
    let math = rt.alloc_object(Some(&op), crate::object::ObjectKind::Ordinary);
    let consts: [(&str, f64); 8] = [
        ("E", core::f64::consts::E),
        ("LN10", core::f64::consts::LN_10),
        ("LN2", core::f64::consts::LN_2),
        ("LOG10E", core::f64::consts::LOG10_E),
        ("LOG2E", core::f64::consts::LOG2_E),
        ("PI", core::f64::consts::PI),
        ("SQRT1_2", core::f64::consts::FRAC_1_SQRT_2),
        ("SQRT2", core::f64::consts::SQRT_2),
    ];
    for (name, v) in consts {
        let k = rt.intern(name);
        rt.define_value(&math, k, Value::number(v), 0);
    }
    rt.define_value(
        &math,
        names::Symbol_toStringTag,
        Value::str("Math"),
        CONFIGURABLE,
    );
    let g = rt.global();
    let key = rt.intern("Math");
    rt.define_value(&g, key, Value::object(math), WC);
}

// Every method is registered one by one (`methods.rs`).
super::methods::methods! {
    Math_abs = math."abs"(math_abs, 1, 0);
    Math_floor = math."floor"(math_floor, 1, 0);
    Math_ceil = math."ceil"(math_ceil, 1, 0);
    Math_trunc = math."trunc"(math_trunc, 1, 0);
    Math_sqrt = math."sqrt"(math_sqrt, 1, 0);
    Math_cbrt = math."cbrt"(math_cbrt, 1, 0);
    Math_exp = math."exp"(math_exp, 1, 0);
    Math_expm1 = math."expm1"(math_expm1, 1, 0);
    Math_log = math."log"(math_log, 1, 0);
    Math_log2 = math."log2"(math_log2, 1, 0);
    Math_log10 = math."log10"(math_log10, 1, 0);
    Math_log1p = math."log1p"(math_log1p, 1, 0);
    Math_sin = math."sin"(math_sin, 1, 0);
    Math_cos = math."cos"(math_cos, 1, 0);
    Math_tan = math."tan"(math_tan, 1, 0);
    Math_asin = math."asin"(math_asin, 1, 0);
    Math_acos = math."acos"(math_acos, 1, 0);
    Math_atan = math."atan"(math_atan, 1, 0);
    Math_sinh = math."sinh"(math_sinh, 1, 0);
    Math_cosh = math."cosh"(math_cosh, 1, 0);
    Math_tanh = math."tanh"(math_tanh, 1, 0);
    Math_asinh = math."asinh"(math_asinh, 1, 0);
    Math_acosh = math."acosh"(math_acosh, 1, 0);
    Math_atanh = math."atanh"(math_atanh, 1, 0);
    Math_sign = math."sign"(math_sign, 1, 0);
    Math_round = math."round"(math_round, 1, 0);
    Math_fround = math."fround"(math_fround, 1, 0);
    Math_max = math."max"(min_max, 2, 0);
    Math_min = math."min"(min_max, 2, 1);
    Math_pow = math."pow"(pow, 2, 0);
    Math_sumPrecise = math."sumPrecise"(sum_precise, 1, 0);
    Math_atan2 = math."atan2"(atan2, 2, 0);
    Math_hypot = math."hypot"(hypot, 2, 0);
    Math_imul = math."imul"(imul, 2, 0);
    Math_clz32 = math."clz32"(clz32, 1, 0);
    Math_random = math."random"(random, 0, 0);
}
