//! Abstract operations on values (ECMA-262 section 7): type conversion, equality, comparison,
//! and the operators the interpreter applies.
use crate::atom::{names, Atom};
use crate::bigint::{self, BigInt};
use crate::number::{number_to_string, string_to_number, to_int32, to_uint32};
use crate::object::{Obj, ObjectKind};
use crate::runtime::{JsResult, Runtime};
use crate::string::JsString;
use crate::value::{Value, V};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    Default,
    Number,
    String,
}

impl Runtime {
    /// SpeciesConstructor(O, defaultConstructor) (7.3.22).
    pub fn species_constructor(&mut self, o: &Value, default: Value) -> JsResult<Value> {
        let c = self.get(o, names::constructor)?;
        if c.is_undefined() {
            return Ok(default);
        }
        if !c.is_object() {
            return Err(self.type_error("constructor is not an object"));
        }
        let s = self.get(&c, names::Symbol_species)?;
        if s.is_nullish() {
            return Ok(default);
        }
        if self.is_constructor(&s) {
            return Ok(s);
        }
        Err(self.type_error("species is not a constructor"))
    }

    /// ToPrimitive (7.1.1).
    pub fn to_primitive(&mut self, v: &Value, hint: Hint) -> JsResult<Value> {
        let Some(o) = v.as_object() else {
            return Ok(v.clone());
        };
        let exotic = self.get(v, names::Symbol_toPrimitive)?;
        if !exotic.is_nullish() {
            let h = match hint {
                Hint::Default => "default",
                Hint::Number => "number",
                Hint::String => "string",
            };
            let r = self.call(&exotic, v.clone(), &[Value::str(h)])?;
            if r.is_object() {
                return Err(self.type_error("Cannot convert object to primitive value"));
            }
            return Ok(r);
        }
        self.ordinary_to_primitive(&Value::object(o.clone()), hint == Hint::String)
    }

    /// OrdinaryToPrimitive (7.1.1.1): toString first for the string hint, else valueOf first.
    pub fn ordinary_to_primitive(&mut self, obj: &Value, string_first: bool) -> JsResult<Value> {
        let order = if string_first {
            [names::toString, names::valueOf]
        } else {
            [names::valueOf, names::toString]
        };
        for m in order {
            let f = self.get(obj, m)?;
            if self.is_callable(&f) {
                let r = self.call(&f, obj.clone(), &[])?;
                if !r.is_object() {
                    return Ok(r);
                }
            }
        }
        Err(self.type_error("Cannot convert object to primitive value"))
    }

    /// ToNumber (7.1.4).
    pub fn to_number(&mut self, v: &Value) -> JsResult<f64> {
        Ok(match v.get() {
            V::Int(i) => i as f64,
            V::Float(f) => f,
            V::Undefined | V::Uninit | V::Cell(_) => f64::NAN,
            V::Null => 0.0,
            V::Bool(b) => b as i32 as f64,
            V::Str(s) => string_to_number(s),
            V::Symbol(_) => {
                return Err(self.type_error("Cannot convert a Symbol value to a number"))
            }
            V::BigInt(_) => {
                return Err(self.type_error("Cannot convert a BigInt value to a number"))
            }
            V::Object(_) => {
                let p = self.to_primitive(v, Hint::Number)?;
                return self.to_number(&p);
            }
        })
    }

    /// ToNumeric (7.1.3): a Number or a BigInt.
    pub fn to_numeric(&mut self, v: &Value) -> JsResult<Value> {
        if v.is_number() || v.is_bigint() {
            return Ok(v.clone());
        }
        let p = self.to_primitive(v, Hint::Number)?;
        if p.is_bigint() {
            return Ok(p);
        }
        Ok(Value::number(self.to_number(&p)?))
    }

    /// ToBigInt (7.1.13).
    pub fn to_bigint(&mut self, v: &Value) -> JsResult<BigInt> {
        let p = self.to_primitive(v, Hint::Number)?;
        match p.get() {
            V::BigInt(b) => Ok(b.clone()),
            V::Bool(b) => {
                let r = (self.bigint_ops()?.add_small)(&BigInt::zero(), b as i64);
                self.bigint_result(r)
            }
            V::Str(s) => match (self.bigint_ops()?.parse)(&s.to_utf16()) {
                Some(r) => self.bigint_result(r),
                None => Err(self.throw_error(
                    crate::ErrorType::SyntaxError,
                    "Cannot convert string to BigInt",
                )),
            },
            V::Symbol(_) => Err(self.type_error("Cannot convert a Symbol value to a BigInt")),
            V::Int(_) | V::Float(_) => {
                Err(self.type_error("Cannot convert a Number value to a BigInt"))
            }
            _ => Err(self.type_error("Cannot convert undefined or null to a BigInt")),
        }
    }

    /// A BigInt operation's result, or the RangeError that says why there is none.
    pub fn bigint_result(&mut self, r: bigint::Result<BigInt>) -> JsResult<BigInt> {
        r.map_err(|e| {
            self.range_error(match e {
                bigint::Error::TooBig => "Maximum BigInt size exceeded",
                bigint::Error::DivisionByZero => "Division by zero",
                bigint::Error::NegativeExponent => "Exponent must be non-negative",
            })
        })
    }

    fn mixed_bigint_error(&mut self) -> crate::Exc {
        self.type_error("Cannot mix BigInt and other types, use explicit conversions")
    }

    /// Unary `-` (13.5.4).
    pub fn negate(&mut self, v: &Value) -> JsResult<Value> {
        let n = self.to_numeric(v)?;
        Ok(match n.as_bigint() {
            Some(b) => Value::bigint((self.bigint_ops()?.neg)(b)),
            None => Value::number(-n.as_number().unwrap_or(f64::NAN)),
        })
    }

    /// `~` (13.5.6).
    pub fn bit_not(&mut self, v: &Value) -> JsResult<Value> {
        let n = self.to_numeric(v)?;
        Ok(match n.as_bigint() {
            Some(b) => {
                let r = (self.bigint_ops()?.not)(b);
                Value::bigint(self.bigint_result(r)?)
            }
            None => Value::int(!to_int32(n.as_number().unwrap_or(f64::NAN))),
        })
    }

    /// `++`/`--` on a numeric value (`d` is 1 or -1).
    pub fn increment(&mut self, v: &Value, d: i32) -> JsResult<Value> {
        let n = self.to_numeric(v)?;
        Ok(match n.as_bigint() {
            Some(b) => {
                let r = (self.bigint_ops()?.add_small)(b, d as i64);
                Value::bigint(self.bigint_result(r)?)
            }
            None => Value::number(n.as_number().unwrap_or(f64::NAN) + d as f64),
        })
    }

    pub fn to_int32(&mut self, v: &Value) -> JsResult<i32> {
        if let Some(i) = v.as_int() {
            return Ok(i);
        }
        Ok(to_int32(self.to_number(v)?))
    }

    pub fn to_uint32(&mut self, v: &Value) -> JsResult<u32> {
        if let Some(i) = v.as_int() {
            return Ok(i as u32);
        }
        Ok(to_uint32(self.to_number(v)?))
    }

    /// ToIntegerOrInfinity (7.1.5).
    pub fn to_integer(&mut self, v: &Value) -> JsResult<f64> {
        if let Some(i) = v.as_int() {
            return Ok(i as f64);
        }
        Ok(crate::number::to_integer_or_infinity(self.to_number(v)?))
    }

    /// ToLength (7.1.20).
    pub fn to_length(&mut self, v: &Value) -> JsResult<f64> {
        let n = self.to_integer(v)?;
        Ok(crate::number::clamp(n, 0.0, 9007199254740991.0))
    }

    /// ToString (7.1.17).
    pub fn to_string(&mut self, v: &Value) -> JsResult<JsString> {
        Ok(match v.get() {
            V::Str(s) => s.clone(),
            V::Int(i) => crate::number::int_to_string(i as i64),
            V::Float(f) => number_to_string(f),
            V::Undefined | V::Uninit | V::Cell(_) => JsString::from_str("undefined"),
            V::Null => JsString::from_str("null"),
            V::Bool(b) => JsString::from_str(if b { "true" } else { "false" }),
            V::BigInt(b) => JsString::from_str(&(self.bigint_ops()?.to_decimal)(b)),
            V::Symbol(_) => {
                return Err(self.type_error("Cannot convert a Symbol value to a string"))
            }
            V::Object(_) => {
                let p = self.to_primitive(v, Hint::String)?;
                return self.to_string(&p);
            }
        })
    }

    /// ToPropertyKey (7.1.19) as an atom.
    pub fn to_property_key(&mut self, v: &Value) -> JsResult<Atom> {
        match v.get() {
            V::Int(i) if i >= 0 => Ok(Atom::from_index(i as u32).unwrap_or(names::empty)),
            V::Symbol(a) => Ok(a),
            V::Str(s) => Ok(self.atoms.intern(s)),
            V::Object(_) => {
                let p = self.to_primitive(v, Hint::String)?;
                self.to_property_key(&p)
            }
            _ => {
                let s = self.to_string(v)?;
                Ok(self.atoms.intern(&s))
            }
        }
    }

    /// The key as a value (strings for string keys, symbols for symbols).
    pub fn atom_to_value(&self, a: Atom) -> Value {
        if self.atoms.is_symbol(a) {
            Value::symbol(a)
        } else {
            Value::string(self.atoms.text(a))
        }
    }

    /// ToObject (7.1.18).
    pub fn to_object(&mut self, v: &Value) -> JsResult<Obj> {
        let r = &self.realm;
        let (proto, kind) = match v.get() {
            V::Object(o) => return Ok(o.clone()),
            V::Undefined | V::Null | V::Uninit | V::Cell(_) => {
                return Err(self.type_error("Cannot convert undefined or null to object"))
            }
            V::Bool(b) => (r.boolean_proto.clone(), ObjectKind::Boolean(b)),
            V::Int(_) | V::Float(_) => (
                r.number_proto.clone(),
                ObjectKind::Number(v.as_number().unwrap_or(0.0)),
            ),
            V::Str(s) => (r.string_proto.clone(), ObjectKind::String(s.clone())),
            V::Symbol(a) => (r.symbol_proto.clone(), ObjectKind::Symbol(a)),
            V::BigInt(b) => (r.bigint_proto.clone(), ObjectKind::BigInt(b.clone())),
        };
        let o = self.alloc_object(Some(&proto), kind);
        if let Some(s) = v.as_string() {
            o.borrow_mut()
                .put_data(names::length, Value::int(s.len() as i32), 0);
        }
        Ok(o)
    }

    pub fn is_callable(&self, v: &Value) -> bool {
        v.as_object().is_some_and(|o| o.is_callable())
    }

    pub fn is_constructor(&self, v: &Value) -> bool {
        let Some(o) = v.as_object() else { return false };
        let b = o.borrow();
        match &b.kind {
            ObjectKind::Closure(c) => c.is_constructor(),
            ObjectKind::Native(n) => n.constructor,
            ObjectKind::Bound(bf) => {
                let t = Value::object(bf.target.clone());
                drop(b);
                self.is_constructor(&t)
            }
            _ => false,
        }
    }

    /// The `typeof` operator.
    pub fn type_of(&self, v: &Value) -> &'static str {
        match v.get() {
            V::Undefined | V::Uninit | V::Cell(_) => "undefined",
            V::Null => "object",
            V::Bool(_) => "boolean",
            V::Int(_) | V::Float(_) => "number",
            V::Str(_) => "string",
            V::Symbol(_) => "symbol",
            V::BigInt(_) => "bigint",
            V::Object(o) => {
                if o.is_callable() {
                    "function"
                } else {
                    "object"
                }
            }
        }
    }

    /// IsLooselyEqual (7.2.14).
    pub fn loose_equals(&mut self, a: &Value, b: &Value) -> JsResult<bool> {
        Ok(match (a.get(), b.get()) {
            (V::Undefined | V::Null, V::Undefined | V::Null) => true,
            (V::Undefined | V::Null, _) | (_, V::Undefined | V::Null) => false,
            (V::Int(_) | V::Float(_), V::Str(_)) | (V::Str(_), V::Int(_) | V::Float(_)) => {
                self.to_number(a)? == self.to_number(b)?
            }
            (V::BigInt(x), V::Str(s)) | (V::Str(s), V::BigInt(x)) => {
                matches!((self.bigint_ops()?.parse)(&s.to_utf16()), Some(Ok(y)) if *x == y)
            }
            (V::BigInt(x), V::Int(_) | V::Float(_)) | (V::Int(_) | V::Float(_), V::BigInt(x)) => {
                let y = a.as_number().or(b.as_number()).unwrap_or(f64::NAN);
                (self.bigint_ops()?.cmp_f64)(x, y) == Some(core::cmp::Ordering::Equal)
            }
            (V::Bool(_), _) => {
                let n = Value::number(self.to_number(a)?);
                return self.loose_equals(&n, b);
            }
            (_, V::Bool(_)) => {
                let n = Value::number(self.to_number(b)?);
                return self.loose_equals(a, &n);
            }
            (V::Object(_), V::Object(_)) => a.strict_equals(b),
            (V::Object(_), _) => {
                let p = self.to_primitive(a, Hint::Default)?;
                return self.loose_equals(&p, b);
            }
            (_, V::Object(_)) => {
                let p = self.to_primitive(b, Hint::Default)?;
                return self.loose_equals(a, &p);
            }
            _ => a.strict_equals(b),
        })
    }

    /// String concatenation for `+`: a RangeError past `string::MAX_LEN`.
    fn concat_strings(&mut self, x: &JsString, y: &JsString) -> JsResult<Value> {
        if x.len() + y.len() > crate::string::MAX_LEN {
            return Err(self.range_error("Invalid string length"));
        }
        Ok(Value::string(x.concat(y)))
    }

    /// The `+` operator (13.15.3 ApplyStringOrNumericBinaryOperator).
    pub fn add(&mut self, a: &Value, b: &Value) -> JsResult<Value> {
        if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
            return Ok(Value::number(x + y));
        }
        if let (Some(x), Some(y)) = (a.as_string(), b.as_string()) {
            return self.concat_strings(x, y);
        }
        let pa = self.to_primitive(a, Hint::Default)?;
        let pb = self.to_primitive(b, Hint::Default)?;
        if pa.is_string() || pb.is_string() {
            let sa = self.to_string(&pa)?;
            let sb = self.to_string(&pb)?;
            return self.concat_strings(&sa, &sb);
        }
        let na = self.to_numeric(&pa)?;
        let nb = self.to_numeric(&pb)?;
        match (na.as_bigint(), nb.as_bigint()) {
            (Some(x), Some(y)) => self.bigint_binary(qjs_bytecode::Op::Add, x, y),
            (None, None) => Ok(Value::number(
                na.as_number().unwrap_or(f64::NAN) + nb.as_number().unwrap_or(f64::NAN),
            )),
            _ => Err(self.mixed_bigint_error()),
        }
    }

    /// IsLessThan (7.2.13): Some(true/false), or None when a NaN is involved.
    pub fn less_than(&mut self, a: &Value, b: &Value, left_first: bool) -> JsResult<Option<bool>> {
        let (pa, pb) = if left_first {
            let pa = self.to_primitive(a, Hint::Number)?;
            (pa, self.to_primitive(b, Hint::Number)?)
        } else {
            let pb = self.to_primitive(b, Hint::Number)?;
            (self.to_primitive(a, Hint::Number)?, pb)
        };
        if let (Some(x), Some(y)) = (pa.as_string(), pb.as_string()) {
            return Ok(Some(x.cmp_units(y) == core::cmp::Ordering::Less));
        }
        use core::cmp::Ordering::{Greater, Less};
        match (pa.get(), pb.get()) {
            (V::BigInt(x), V::Str(s)) => {
                return Ok(match (self.bigint_ops()?.parse)(&s.to_utf16()) {
                    Some(Ok(y)) => Some(*x < y),
                    _ => None,
                })
            }
            (V::Str(s), V::BigInt(y)) => {
                return Ok(match (self.bigint_ops()?.parse)(&s.to_utf16()) {
                    Some(Ok(x)) => Some(x < *y),
                    _ => None,
                })
            }
            _ => {}
        }
        let na = self.to_numeric(&pa)?;
        let nb = self.to_numeric(&pb)?;
        Ok(match (na.as_bigint(), nb.as_bigint()) {
            (Some(x), Some(y)) => Some(x < y),
            (Some(x), None) => (self.bigint_ops()?.cmp_f64)(x, nb.as_number().unwrap_or(f64::NAN))
                .map(|o| o == Less),
            (None, Some(y)) => (self.bigint_ops()?.cmp_f64)(y, na.as_number().unwrap_or(f64::NAN))
                .map(|o| o == Greater),
            (None, None) => {
                let (x, y) = (
                    na.as_number().unwrap_or(f64::NAN),
                    nb.as_number().unwrap_or(f64::NAN),
                );
                (!x.is_nan() && !y.is_nan()).then_some(x < y)
            }
        })
    }

    /// Numeric binary operators other than `+` (on numbers after ToNumeric).
    pub fn arith(&mut self, op: qjs_bytecode::Op, a: &Value, b: &Value) -> JsResult<Value> {
        use qjs_bytecode::Op;
        if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
            match op {
                Op::Sub => return Ok(Value::number(x as f64 - y as f64)),
                Op::Mul => return Ok(Value::number(x as f64 * y as f64)),
                Op::BitAnd => return Ok(Value::int(x & y)),
                Op::BitOr => return Ok(Value::int(x | y)),
                Op::BitXor => return Ok(Value::int(x ^ y)),
                Op::Shl => return Ok(Value::int(x.wrapping_shl(y as u32 & 31))),
                Op::Sar => return Ok(Value::int(x >> (y as u32 & 31))),
                Op::Shr => return Ok(Value::number(((x as u32) >> (y as u32 & 31)) as f64)),
                Op::Mod if x >= 0 && y > 0 => return Ok(Value::int(x % y)),
                _ => {}
            }
        }
        if a.is_bigint() || b.is_bigint() {
            return self.bigint_arith(op, a, b);
        }
        let x = self.to_number(a)?;
        let y = self.to_number(b)?;
        Ok(match op {
            Op::Sub => Value::number(x - y),
            Op::Mul => Value::number(x * y),
            Op::Div => Value::number(x / y),
            Op::Mod => Value::number(crate::math::fmod(x, y)),
            Op::Pow => Value::number(pow(x, y)),
            Op::BitAnd => Value::int(to_int32(x) & to_int32(y)),
            Op::BitOr => Value::int(to_int32(x) | to_int32(y)),
            Op::BitXor => Value::int(to_int32(x) ^ to_int32(y)),
            Op::Shl => Value::int(to_int32(x).wrapping_shl(to_uint32(y) & 31)),
            Op::Sar => Value::int(to_int32(x) >> (to_uint32(y) & 31)),
            Op::Shr => Value::number((to_uint32(x) >> (to_uint32(y) & 31)) as f64),
            _ => Value::UNDEFINED,
        })
    }
}

impl Runtime {
    /// A numeric binary operator with a BigInt operand (both operands are numeric already).
    fn bigint_arith(&mut self, op: qjs_bytecode::Op, a: &Value, b: &Value) -> JsResult<Value> {
        let (Some(x), Some(y)) = (a.as_bigint(), b.as_bigint()) else {
            return Err(self.mixed_bigint_error());
        };
        self.bigint_binary(op, x, y)
    }

    /// A binary operator on two BigInts, through the BigInt built-in's arithmetic.
    fn bigint_binary(&mut self, op: qjs_bytecode::Op, x: &BigInt, y: &BigInt) -> JsResult<Value> {
        (self.bigint_ops()?.arith)(self, op, x, y)
    }

    /// The BigInt built-in's operations (a program without it has no BigInt to apply them to).
    pub(crate) fn bigint_ops(&mut self) -> JsResult<&'static crate::runtime::BigIntOps> {
        match self.bigint_ops {
            Some(ops) => Ok(ops),
            None => Err(self.throw_error(
                crate::ErrorType::InternalError,
                "BigInt is not available (the program was compiled with -fno-bigint)",
            )),
        }
    }
}

/// Number::exponentiate (6.1.6.1.3): differs from C `pow` for NaN exponents and |base| = 1.
pub fn pow(x: f64, y: f64) -> f64 {
    if y.is_nan() || ((x == 1.0 || x == -1.0) && y.is_infinite()) {
        return f64::NAN;
    }
    crate::math::pow(x, y)
}
