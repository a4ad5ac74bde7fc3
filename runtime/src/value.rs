//! The `Value` type. Its representation is private to this module: everything else builds
//! values with the constructors and looks at them through [`V`], so the layout can change
//! (to NaN-boxing, say) without touching the rest of the engine.
use crate::atom::Atom;
use crate::bigint::BigInt;
use crate::gc::Gc;
use crate::object::Obj;
use crate::string::JsString;

#[derive(Clone)]
enum Repr {
    Undefined,
    Null,
    Bool(bool),
    Int(i32),
    Float(f64),
    Str(JsString),
    Symbol(Atom),
    BigInt(BigInt),
    Object(Obj),
    /// A binding in its temporal dead zone (never visible to JavaScript).
    Uninit,
    /// A captured variable's cell, held in a local slot (never visible to JavaScript).
    Cell(Gc),
}

/// A JavaScript value. `Clone` is a dup, `Drop` a free.
pub struct Value(Repr);

impl Clone for Value {
    /// Integers (the commonest operands) are copied before the per-variant dup.
    #[inline(always)]
    fn clone(&self) -> Value {
        match self.0 {
            Repr::Int(i) => Value(Repr::Int(i)),
            _ => Value(self.0.clone()),
        }
    }
}

/// A borrowed view of a value, for matching.
#[derive(Clone, Copy)]
pub enum V<'a> {
    Undefined,
    Null,
    Bool(bool),
    Int(i32),
    Float(f64),
    Str(&'a JsString),
    Symbol(Atom),
    BigInt(&'a BigInt),
    Object(&'a Obj),
    Uninit,
    Cell(&'a Gc),
}

impl Default for Value {
    fn default() -> Value {
        Value::UNDEFINED
    }
}

impl Value {
    pub const UNDEFINED: Value = Value(Repr::Undefined);
    pub const NULL: Value = Value(Repr::Null);
    pub const TRUE: Value = Value(Repr::Bool(true));
    pub const FALSE: Value = Value(Repr::Bool(false));
    pub const UNINIT: Value = Value(Repr::Uninit);

    #[inline]
    pub fn bool(b: bool) -> Value {
        Value(Repr::Bool(b))
    }
    #[inline]
    pub fn int(i: i32) -> Value {
        Value(Repr::Int(i))
    }
    /// A number, stored as int32 when it is one exactly (and not -0).
    #[inline]
    pub fn number(f: f64) -> Value {
        let i = f as i32;
        if i as f64 == f && !(i == 0 && f.is_sign_negative()) {
            Value(Repr::Int(i))
        } else {
            Value(Repr::Float(f))
        }
    }
    pub fn string(s: JsString) -> Value {
        Value(Repr::Str(s))
    }
    pub fn str(s: &str) -> Value {
        Value(Repr::Str(JsString::from_str(s)))
    }
    pub fn symbol(a: Atom) -> Value {
        Value(Repr::Symbol(a))
    }
    pub fn bigint(b: BigInt) -> Value {
        Value(Repr::BigInt(b))
    }
    pub fn object(o: Obj) -> Value {
        Value(Repr::Object(o))
    }
    pub(crate) fn cell(g: Gc) -> Value {
        Value(Repr::Cell(g))
    }
    pub(crate) fn as_cell(&self) -> Option<&Gc> {
        match &self.0 {
            Repr::Cell(g) => Some(g),
            _ => None,
        }
    }

    #[inline]
    pub fn get(&self) -> V<'_> {
        match &self.0 {
            Repr::Undefined => V::Undefined,
            Repr::Null => V::Null,
            Repr::Bool(b) => V::Bool(*b),
            Repr::Int(i) => V::Int(*i),
            Repr::Float(f) => V::Float(*f),
            Repr::Str(s) => V::Str(s),
            Repr::Symbol(a) => V::Symbol(*a),
            Repr::BigInt(b) => V::BigInt(b),
            Repr::Object(o) => V::Object(o),
            Repr::Uninit => V::Uninit,
            Repr::Cell(g) => V::Cell(g),
        }
    }

    #[inline]
    pub fn as_int(&self) -> Option<i32> {
        match self.0 {
            Repr::Int(i) => Some(i),
            _ => None,
        }
    }
    /// The numeric value if this is a Number.
    #[inline]
    pub fn as_number(&self) -> Option<f64> {
        match self.0 {
            Repr::Int(i) => Some(i as f64),
            Repr::Float(f) => Some(f),
            _ => None,
        }
    }
    pub fn as_object(&self) -> Option<&Obj> {
        match &self.0 {
            Repr::Object(o) => Some(o),
            _ => None,
        }
    }
    pub fn as_string(&self) -> Option<&JsString> {
        match &self.0 {
            Repr::Str(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_bigint(&self) -> Option<&BigInt> {
        match &self.0 {
            Repr::BigInt(b) => Some(b),
            _ => None,
        }
    }
    pub fn is_bigint(&self) -> bool {
        matches!(self.0, Repr::BigInt(_))
    }
    pub fn is_undefined(&self) -> bool {
        matches!(self.0, Repr::Undefined)
    }
    pub fn is_null(&self) -> bool {
        matches!(self.0, Repr::Null)
    }
    pub fn is_nullish(&self) -> bool {
        matches!(self.0, Repr::Undefined | Repr::Null)
    }
    pub fn is_uninit(&self) -> bool {
        matches!(self.0, Repr::Uninit)
    }
    pub fn is_object(&self) -> bool {
        matches!(self.0, Repr::Object(_))
    }
    pub fn is_number(&self) -> bool {
        matches!(self.0, Repr::Int(_) | Repr::Float(_))
    }
    pub fn is_string(&self) -> bool {
        matches!(self.0, Repr::Str(_))
    }

    /// Drops the value, skipping the out-of-line drop glue when it holds no counted reference
    /// (numbers, booleans, undefined, symbols...): the interpreter's hot paths discard such
    /// values constantly, and a call per discarded integer was measurable.
    #[inline(always)]
    pub fn discard(self) {
        if matches!(
            self.0,
            Repr::Str(_) | Repr::BigInt(_) | Repr::Object(_) | Repr::Cell(_)
        ) {
            drop(self);
        } else {
            core::mem::forget(self);
        }
    }

    /// Stores `v` in `slot`, discarding the old value (see [`Value::discard`]).
    #[inline(always)]
    pub fn store(slot: &mut Value, v: Value) {
        core::mem::replace(slot, v).discard();
    }

    /// ToBoolean (ECMA-262 7.1.2).
    pub fn truthy(&self) -> bool {
        match &self.0 {
            Repr::Undefined | Repr::Null | Repr::Uninit | Repr::Cell(_) => false,
            Repr::Bool(b) => *b,
            Repr::Int(i) => *i != 0,
            Repr::Float(f) => !(f.is_nan() || *f == 0.0),
            Repr::Str(s) => !s.is_empty(),
            Repr::BigInt(b) => !b.is_zero(),
            Repr::Symbol(_) | Repr::Object(_) => true,
        }
    }

    /// Reports the GC handle this value owns, if any (for the cycle collector).
    pub fn trace(&self, f: &mut dyn FnMut(&Gc)) {
        match &self.0 {
            Repr::Object(o) => f(o.gc()),
            Repr::Cell(g) => f(g),
            _ => {}
        }
    }

    /// SameValue (ECMA-262 7.2.10).
    pub fn same_value(&self, other: &Value) -> bool {
        match (self.as_number(), other.as_number()) {
            (Some(x), Some(y)) => {
                (x.is_nan() && y.is_nan())
                    || (x == y && x.is_sign_negative() == y.is_sign_negative())
            }
            _ => self.strict_equals(other),
        }
    }

    /// IsStrictlyEqual (ECMA-262 7.2.15).
    pub fn strict_equals(&self, other: &Value) -> bool {
        match (self.get(), other.get()) {
            (V::Undefined, V::Undefined) | (V::Null, V::Null) => true,
            (V::Bool(a), V::Bool(b)) => a == b,
            (V::Int(a), V::Int(b)) => a == b,
            (V::Int(_) | V::Float(_), V::Int(_) | V::Float(_)) => {
                self.as_number() == other.as_number()
            }
            (V::Str(a), V::Str(b)) => a == b,
            (V::Symbol(a), V::Symbol(b)) => a == b,
            (V::BigInt(a), V::BigInt(b)) => a == b,
            (V::Object(a), V::Object(b)) => a.ptr_eq(b),
            _ => false,
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::bool(b)
    }
}
impl From<f64> for Value {
    fn from(f: f64) -> Value {
        Value::number(f)
    }
}
impl From<i32> for Value {
    fn from(i: i32) -> Value {
        Value::int(i)
    }
}
impl From<JsString> for Value {
    fn from(s: JsString) -> Value {
        Value::string(s)
    }
}
impl From<Obj> for Value {
    fn from(o: Obj) -> Value {
        Value::object(o)
    }
}
