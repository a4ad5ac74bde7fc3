//! The built-in library. Each group registers itself through one entry point, as QuickJS's
//! `JS_AddIntrinsic*` functions do, so that a program can leave a group out.
pub mod array;
#[cfg(feature = "promise")]
pub mod array_from_async;
pub mod async_generator;
#[cfg(feature = "bigint")]
pub mod bigint;
#[cfg(feature = "date")]
pub mod date;
pub mod dispose;
pub mod dynamic;
pub mod error;
pub mod function;
pub mod generator;
pub mod global;
pub mod iterator;
#[cfg(feature = "iterator-helpers")]
pub mod iterator_helpers;
#[cfg(feature = "json")]
pub mod json;
pub mod map;
pub mod math;
pub mod methods;
pub mod number;
pub mod object;
pub mod promise;
pub mod reflect;
#[cfg(feature = "regexp")]
pub mod regexp;
#[cfg(feature = "regexp")]
pub mod regexp_legacy;
pub mod string;
pub mod symbol;
pub mod weakref;

use crate::runtime::Runtime;

/// Object, Function, Array, String, Number, Boolean, Symbol, the Error types, Math, iterators
/// and the global functions (QuickJS's `JS_AddIntrinsicBaseObjects`, less the iterator helpers),
/// with every instruction group (`op_groups`).
pub fn add_base_objects(rt: &mut Runtime) {
    add_base_objects_core(rt);
    methods::add_all_methods(rt);
    crate::op_groups::add_all_op_groups(rt);
}

/// [`add_base_objects`] without the instruction groups and the methods registered one by one
/// (`methods`), which the caller registers as its bytecode needs them
/// (`JS_AddIntrinsicBaseObjectsCore`, what qjsc's programs without eval call).
pub fn add_base_objects_core(rt: &mut Runtime) {
    object::register(rt);
    function::register(rt);
    error::register(rt);
    iterator::register(rt);
    array::register(rt);
    string::register(rt);
    number::register(rt);
    symbol::register(rt);
    math::register(rt);
    reflect::register(rt);
    global::register(rt);
    dispose::register(rt);
}

/// The optional features (qjsc's `-fno-NAME`): the bit each sets in `Runtime::intrinsics` when
/// registered, its flag name, and the globals it defines.
const OPTIONAL: &[(u16, &str, &[&str])] = &[
    (1 << 0, "promise", &["Promise"]),
    (1 << 1, "date", &["Date"]),
    (1 << 2, "json", &["JSON"]),
    (1 << 3, "map", &["Map", "Set", "WeakMap", "WeakSet"]),
    (1 << 4, "weakref", &["WeakRef", "FinalizationRegistry"]),
    (1 << 5, "regexp", &["RegExp"]),
    (1 << 6, "bigint", &["BigInt"]),
    (1 << 7, "iterator-helpers", &["Iterator"]),
];

#[cfg_attr(
    not(any(
        feature = "date",
        feature = "regexp",
        feature = "json",
        feature = "map",
        feature = "promise",
        feature = "weakref",
        feature = "bigint",
        feature = "iterator-helpers"
    )),
    allow(dead_code)
)]
fn registered(rt: &mut Runtime, flag: &str) {
    if let Some((bit, _, _)) = OPTIONAL.iter().find(|(_, f, _)| *f == flag) {
        rt.intrinsics |= bit;
    }
}

/// The feature (`-fno-` flag name) that defines the global `name`, when it was not registered:
/// a reference to it then says which flag removed it.
pub(crate) fn removed_feature(rt: &Runtime, name: &str) -> Option<&'static str> {
    OPTIONAL
        .iter()
        .find(|(bit, _, globals)| rt.intrinsics & bit == 0 && globals.contains(&name))
        .map(|(_, flag, _)| *flag)
}

/// The `Iterator` constructor, Iterator.from/concat and the helper methods of
/// %IteratorPrototype% (`JS_AddIntrinsicIteratorHelpers`, our addition: QuickJS has them in its
/// base objects; qjsc's `-fno-iterator-helpers` leaves them out).
#[cfg(feature = "iterator-helpers")]
pub fn add_iterator_helpers(rt: &mut Runtime) {
    registered(rt, "iterator-helpers");
    iterator_helpers::register(rt);
}

/// Promise and the job queue (QuickJS's `JS_AddIntrinsicPromise`), with async generators,
/// async iteration and Array.fromAsync, which settle promises.
#[cfg(feature = "promise")]
pub fn add_promise(rt: &mut Runtime) {
    registered(rt, "promise");
    rt.async_hooks = Some(&promise::ASYNC_HOOKS);
    promise::register(rt);
    generator::register_async_function(rt);
    async_generator::register(rt);
    array_from_async::register(rt);
    dispose::register_async(rt);
}

/// The module system: module records, `import()` and `import.meta` (`JS_AddIntrinsicModules`,
/// our addition: qjsc calls it only for programs that are modules or call `import()`).
pub fn add_modules(rt: &mut Runtime) {
    rt.module_hooks = Some(&crate::module::HOOKS);
}

/// Date (QuickJS's `JS_AddIntrinsicDate`).
#[cfg(feature = "date")]
pub fn add_date(rt: &mut Runtime) {
    registered(rt, "date");
    date::register(rt);
}

/// JSON (QuickJS's `JS_AddIntrinsicJSON`).
#[cfg(feature = "json")]
pub fn add_json(rt: &mut Runtime) {
    registered(rt, "json");
    json::register(rt);
}

/// Map, Set, their iterators, WeakMap and WeakSet (QuickJS's `JS_AddIntrinsicMapSet`).
#[cfg(feature = "map")]
pub fn add_map_set(rt: &mut Runtime) {
    registered(rt, "map");
    map::register(rt);
    weakref::register_collections(rt);
}

/// WeakRef and FinalizationRegistry (QuickJS's `JS_AddIntrinsicWeakRef`).
#[cfg(feature = "weakref")]
pub fn add_weakref(rt: &mut Runtime) {
    registered(rt, "weakref");
    weakref::register_refs(rt);
}

/// String.prototype.normalize and its Unicode tables (QuickJS's
/// `JS_AddIntrinsicStringNormalize`): without it the method is absent, as in QuickJS.
#[cfg(feature = "string-normalize")]
pub fn add_string_normalize(rt: &mut Runtime) {
    string::register_normalize(rt);
}

/// The BigInt built-in: the constructor function, BigInt.asIntN/asUintN and the prototype's
/// methods (QuickJS's `JS_AddIntrinsicBigInt`). BigInt values, literals and operators are part
/// of the base: without this call only the built-in's functions are missing.
#[cfg(feature = "bigint")]
pub fn add_bigint(rt: &mut Runtime) {
    registered(rt, "bigint");
    bigint::register(rt);
}

/// RegExp, its literals and the String methods' pattern matching, with the pattern compiler
/// (QuickJS's `JS_AddIntrinsicRegExp`).
#[cfg(feature = "regexp")]
pub fn add_regexp(rt: &mut Runtime) {
    add_regexp_core(rt);
    add_regexp_compiler(rt);
}

/// RegExp without the pattern compiler (`JS_AddIntrinsicRegExpCore`): literals, which come
/// compiled, and every method work; building a regexp from a string at run time throws. What
/// qjsc registers for a program without eval that cannot build one.
#[cfg(feature = "regexp")]
pub fn add_regexp_core(rt: &mut Runtime) {
    registered(rt, "regexp");
    regexp::register(rt);
}

/// The pattern parser and compiler (QuickJS's `JS_AddIntrinsicRegExpCompiler`).
#[cfg(feature = "regexp")]
pub fn add_regexp_compiler(rt: &mut Runtime) {
    regexp::register_compiler(rt);
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
            return Err(rt.type_error(&crate::text!(method, " called on null or undefined")));
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
