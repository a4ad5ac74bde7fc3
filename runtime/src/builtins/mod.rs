//! The built-in library. Each group registers itself through one entry point, as QuickJS's
//! `JS_AddIntrinsic*` functions do, so that a program can leave a group out.
pub mod array;
pub mod array_from_async;
pub mod async_generator;
pub mod bigint;
pub mod date;
pub mod dispose;
pub mod dynamic;
pub mod error;
pub mod function;
pub mod generator;
pub mod global;
pub mod iterator;
pub mod iterator_helpers;
pub mod json;
pub mod map;
pub mod math;
pub mod number;
pub mod object;
pub mod promise;
pub mod reflect;
#[cfg(feature = "regexp")]
pub mod regexp;
pub mod string;
pub mod symbol;
pub mod weakref;

use crate::runtime::Runtime;

/// Object, Function, Array, String, Number, Boolean, Symbol, the Error types, Math, iterators
/// and the global functions (QuickJS's `JS_AddIntrinsicBaseObjects`).
pub fn add_base_objects(rt: &mut Runtime) {
    object::register(rt);
    function::register(rt);
    error::register(rt);
    iterator::register(rt);
    iterator_helpers::register(rt);
    generator::register(rt);
    array::register(rt);
    string::register(rt);
    number::register(rt);
    symbol::register(rt);
    math::register(rt);
    reflect::register(rt);
    global::register(rt);
    dispose::register(rt);
}

/// Promise and the job queue (QuickJS's `JS_AddIntrinsicPromise`), with async generators,
/// async iteration and Array.fromAsync, which settle promises.
pub fn add_promise(rt: &mut Runtime) {
    promise::register(rt);
    async_generator::register(rt);
    array_from_async::register(rt);
    dispose::register_async(rt);
}

/// Date (QuickJS's `JS_AddIntrinsicDate`).
pub fn add_date(rt: &mut Runtime) {
    date::register(rt);
}

/// JSON (QuickJS's `JS_AddIntrinsicJSON`).
pub fn add_json(rt: &mut Runtime) {
    json::register(rt);
}

/// Map, Set, their iterators, WeakMap and WeakSet (QuickJS's `JS_AddIntrinsicMapSet`).
pub fn add_map_set(rt: &mut Runtime) {
    map::register(rt);
    weakref::register_collections(rt);
}

/// WeakRef and FinalizationRegistry (QuickJS's `JS_AddIntrinsicWeakRef`).
pub fn add_weakref(rt: &mut Runtime) {
    weakref::register_refs(rt);
}

/// The BigInt built-in: the constructor function, BigInt.asIntN/asUintN and the prototype's
/// methods (QuickJS's `JS_AddIntrinsicBigInt`). BigInt values, literals and operators are part
/// of the base: without this call only the built-in's functions are missing.
pub fn add_bigint(rt: &mut Runtime) {
    bigint::register(rt);
}

/// RegExp, its literals and the String methods' pattern matching (QuickJS's
/// `JS_AddIntrinsicRegExp`).
#[cfg(feature = "regexp")]
pub fn add_regexp(rt: &mut Runtime) {
    regexp::register(rt);
}

/// Helpers shared by the built-in modules.
pub(crate) mod util {
    use crate::runtime::{JsResult, Runtime};
    use crate::value::Value;

    /// A relative index argument (as in `slice`): negative counts from `len`, clamped to 0..len.
    pub fn relative_index(rt: &mut Runtime, v: &Value, len: f64, default: f64) -> JsResult<f64> {
        if v.is_undefined() {
            return Ok(default);
        }
        let n = rt.to_integer(v)?;
        Ok(if n < 0.0 {
            (len + n).max(0.0)
        } else {
            n.min(len)
        })
    }

    /// `this` as an object, or a TypeError naming the method.
    pub fn this_object(
        rt: &mut Runtime,
        this: &Value,
        method: &str,
    ) -> JsResult<crate::object::Obj> {
        if this.is_nullish() {
            return Err(rt.type_error(&crate::format!("{method} called on null or undefined")));
        }
        rt.to_object(this)
    }

    /// LengthOfArrayLike (7.3.18).
    pub fn length_of(rt: &mut Runtime, o: &Value) -> JsResult<f64> {
        if let Some(obj) = o.as_object() {
            if let crate::object::ObjectKind::Array { length, .. } = &obj.borrow().kind {
                return Ok(*length as f64);
            }
        }
        let l = rt.get(o, crate::atom::names::length)?;
        rt.to_length(&l)
    }
}
