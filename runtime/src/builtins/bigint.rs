//! The BigInt built-in (ECMA-262 21.2): the BigInt function, BigInt.asIntN/asUintN and
//! BigInt.prototype, and the operations on BigInt values that `register` installs as
//! `Runtime::bigint_ops` for the operators and conversions of the base (`ops.rs`). The number
//! type itself is `crate::bigint`.
use crate::atom::names;
use crate::bigint::BigInt;
use crate::function::Args;
use crate::object::ObjectKind;
use crate::ops::Hint;
use crate::runtime::{BigIntOps, JsResult, Runtime};
use crate::shape::{CONFIGURABLE, WC};
use crate::value::Value;
use qjs_bytecode::Op;

/// BigInt(value) (21.2.1.1): a conversion function that `new` rejects.
fn bigint_ctor(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if a.is_construct() {
        return Err(rt.type_error("BigInt is not a constructor"));
    }
    let prim = rt.to_primitive(&a.get(0), Hint::Number)?;
    if let Some(n) = prim.as_number() {
        // NumberToBigInt (21.2.1.1.1)
        if !n.is_finite() || crate::math::trunc(n) != n {
            return Err(rt.range_error(
                "The number cannot be converted to a BigInt because it is not an integer",
            ));
        }
        return Ok(Value::bigint(BigInt::from_f64(n)));
    }
    Ok(Value::bigint(rt.to_bigint(&prim)?))
}

/// ToIndex (7.1.22).
fn to_index(rt: &mut Runtime, v: &Value) -> JsResult<u64> {
    let n = rt.to_integer(v)?;
    if !(0.0..=9007199254740991.0).contains(&n) {
        return Err(rt.range_error("Invalid bit count"));
    }
    Ok(n as u64)
}

/// BigInt.asIntN (magic 0) and BigInt.asUintN (magic 1).
fn as_n(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let bits = to_index(rt, &a.get(0))?;
    let b = rt.to_bigint(&a.get(1))?;
    let r = if a.magic == 0 {
        b.as_int_n(bits)
    } else {
        b.as_uint_n(bits)
    };
    Ok(Value::bigint(rt.bigint_result(r)?))
}

/// thisBigIntValue (21.2.3.4.1).
fn this_bigint(rt: &mut Runtime, a: &Args) -> JsResult<BigInt> {
    if let Some(b) = a.this.as_bigint() {
        return Ok(b.clone());
    }
    if let Some(o) = a.this.as_object() {
        if let ObjectKind::BigInt(b) = &o.borrow().kind {
            return Ok(b.clone());
        }
    }
    Err(rt.type_error("BigInt.prototype method called on incompatible receiver"))
}

/// toString (magic 0, with a radix) and toLocaleString (magic 1).
fn to_string(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let x = this_bigint(rt, a)?;
    let r = a.get(0);
    let radix = if a.magic == 1 || r.is_undefined() {
        10.0
    } else {
        rt.to_integer(&r)?
    };
    if !(2.0..=36.0).contains(&radix) {
        return Err(rt.range_error("toString() radix must be between 2 and 36"));
    }
    Ok(Value::str(&x.to_string_radix(radix as u32)))
}

fn value_of(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    Ok(Value::bigint(this_bigint(rt, a)?))
}

/// The binary operators on two BigInts (`BigIntOps::arith`).
fn arith(rt: &mut Runtime, op: Op, x: &BigInt, y: &BigInt) -> JsResult<Value> {
    let r = match op {
        Op::Add => x.add(y),
        Op::Sub => x.sub(y),
        Op::Mul => x.mul(y),
        Op::Div => x.div_rem(y).map(|(q, _)| q),
        Op::Mod => x.div_rem(y).map(|(_, r)| r),
        Op::Pow => x.pow(y),
        Op::BitAnd => Ok(x.and(y)),
        Op::BitOr => Ok(x.or(y)),
        Op::BitXor => Ok(x.xor(y)),
        Op::Shl => x.shl(y),
        Op::Sar => x.sar(y),
        _ => return Err(rt.type_error("BigInts have no unsigned right shift, use >> instead")),
    };
    Ok(Value::bigint(rt.bigint_result(r)?))
}

/// What the operators and conversions of the base do with BigInts.
static OPS: BigIntOps = BigIntOps {
    arith,
    add_small: |x, n| x.add(&BigInt::from_i64(n)),
    neg: BigInt::neg,
    not: BigInt::not,
    parse: BigInt::parse,
    from_constant: BigInt::from_constant,
    cmp_f64: BigInt::cmp_f64,
    to_decimal: |x| x.to_string_radix(10),
};

pub fn register(rt: &mut Runtime) {
    rt.bigint_ops = Some(&OPS);
    let bp = rt.realm.bigint_proto.clone();
    let ctor = rt.new_native("BigInt", bigint_ctor, 1, 0, true);
    rt.link_constructor(&ctor, &bp);
    rt.define_method_magic(&ctor, "asIntN", as_n, 2, 0);
    rt.define_method_magic(&ctor, "asUintN", as_n, 2, 1);
    rt.define_method_magic(&bp, "toString", to_string, 0, 0);
    rt.define_method_magic(&bp, "toLocaleString", to_string, 0, 1);
    rt.define_method(&bp, "valueOf", value_of, 0);
    rt.define_value(
        &bp,
        names::Symbol_toStringTag,
        Value::str("BigInt"),
        CONFIGURABLE,
    );
    let g = rt.global();
    let key = rt.intern("BigInt");
    rt.define_value(&g, key, Value::object(ctor), WC);
}
