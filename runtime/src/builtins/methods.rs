//! Built-in methods that are registered one by one, so that a compiled program links only the
//! ones it can call.
//!
//! A method declared with [`methods!`] is left out of `add_base_objects_core`; it gets its own
//! entry point (a Rust function, and `JS_AddMethod_<entry>` in the C API), `add_all_methods`
//! registers them all (what `add_base_objects` does), and [`METHODS`] lists each one's name
//! for qjsc. Without eval, qjsc calls the entry points of just the methods whose names the
//! program mentions, when it can prove the program reaches properties only by those names
//! (`src/features.rs`, `method_intrinsics`). The linker then drops the others.
//!
//! Only methods the engine never looks up by name itself can be declared here: `toString`,
//! `valueOf`, `join` (Array.prototype.toString), `next`, `then` and the symbol-keyed methods
//! stay in the core.
use crate::function::NativeFn;
use crate::object::Obj;
use crate::runtime::Runtime;
use crate::value::Value;

/// Declares methods registered one by one: `entry = target."name"(function, length, magic);`
/// where `target` names a function of this module giving the object that holds the method;
/// `... also other;` defines the same function object on a second target too (parseInt is
/// also Number.parseInt).
///
/// Each method is a [`MethodDef`] in a static table; `add_all_methods` walks the table, so a
/// program that registers everything links no per-method entry point.
macro_rules! methods {
    (@also) => { None };
    (@also $also:ident) => { Some($crate::builtins::methods::$also) };
    ($( $entry:ident = $target:ident . $name:literal ($f:expr, $len:expr, $magic:expr)
        $(also $also:ident)?; )*) => {
        /// One [`MethodDef`](crate::builtins::methods::MethodDef) per method, named after its
        /// entry point.
        #[allow(non_upper_case_globals)]
        mod method_defs {
            #[allow(unused_imports)]
            use super::*;
            use $crate::builtins::methods as m;
            $(
                pub static $entry: m::MethodDef = m::MethodDef {
                    target: m::$target,
                    name: $name,
                    f: $f,
                    length: $len,
                    magic: $magic,
                    also_on: $crate::builtins::methods::methods!(@also $($also)?),
                };
            )*
        }

        $(
            #[allow(non_snake_case)]
            pub fn $entry(rt: &mut $crate::runtime::Runtime) {
                $crate::builtins::methods::define(rt, &method_defs::$entry);
            }
        )*

        /// Every method of this module that is registered one by one.
        pub(crate) static METHOD_DEFS: &[&$crate::builtins::methods::MethodDef] =
            &[$( &method_defs::$entry, )*];

        /// How qjsc sees each method registered one by one.
        pub const METHODS: &[$crate::builtins::methods::MethodName] = &[$(
            $crate::builtins::methods::MethodName {
                name: $name,
                entry: stringify!($entry),
                c_entry: concat!("JS_AddMethod_", stringify!($entry)),
                holder_names: $crate::builtins::methods::holder_names::$target,
            },
        )*];

        /// `JS_AddMethod_<entry>` for each method.
        #[cfg(feature = "capi")]
        mod c_entry_points {
            $( $crate::builtins::methods::c_entry_point!($entry => super::super::$entry); )*
        }
    };
}
pub(crate) use methods;

/// `JS_AddMethod_<entry>`, the C entry point (in a module named `entry`) that calls the Rust
/// entry point `$rust` (a path seen from that module).
#[cfg(feature = "capi")]
macro_rules! c_entry_point {
    ($entry:ident => $rust:path) => {
        #[allow(non_snake_case)]
        pub mod $entry {
            /// # Safety
            /// `ctx` comes from `JS_NewContextRaw`.
            #[export_name = concat!("JS_AddMethod_", stringify!($entry))]
            pub unsafe extern "C" fn add(ctx: *mut $crate::capi::ContextHandle) {
                // SAFETY: per the function contract.
                if let Some(rt) = unsafe { $crate::capi::context_runtime(ctx) } {
                    $rust(rt);
                }
            }
        }
    };
}
#[cfg(feature = "capi")]
pub(crate) use c_entry_point;

/// The modules that declare methods, with their tables (for qjsc and `add_all_methods`).
pub const METHODS: &[(&str, &[MethodName])] = &[
    ("function", super::function::METHODS),
    ("symbol", super::symbol::METHODS),
    ("error", super::error::METHODS),
    ("array", super::array::METHODS),
    ("string", super::string::METHODS),
    ("number", super::number::METHODS),
    ("math", super::math::METHODS),
    ("object", super::object::METHODS),
    ("reflect", super::reflect::METHODS),
    ("global", super::global::METHODS),
    ("dispose", super::dispose::METHODS),
];

/// A method registered one by one, as qjsc sees it.
pub struct MethodName {
    /// The property name.
    pub name: &'static str,
    /// The Rust entry point, a function of the declaring module.
    pub entry: &'static str,
    /// `JS_AddMethod_<entry>`.
    pub c_entry: &'static str,
    /// A program reaches the object holding the method only if it mentions one of these names
    /// (see [`holder_names`]); empty when every program can reach it.
    pub holder_names: &'static [&'static str],
}

/// For each target function below, the names a program must mention to reach the object it
/// gives. A constructor is reached by its global name, through `constructor`, or as the
/// prototype of a constructor that inherits its static methods (every NativeError inherits
/// Error's: `TypeError.isError`); `Math` and `Reflect` only by name (no built-in returns them). Prototypes and the global object come with
/// literals and `this`, so any program may reach them. Every other way to an object without
/// naming it (`globalThis`, `with`, reflection) makes qjsc keep every method anyway.
#[allow(non_upper_case_globals)]
pub mod holder_names {
    pub const function_proto: &[&str] = &[];
    pub const symbol_ctor: &[&str] = &["Symbol", "constructor"];
    pub const error_ctor: &[&str] = &[
        "Error",
        "constructor",
        "EvalError",
        "RangeError",
        "ReferenceError",
        "SyntaxError",
        "TypeError",
        "URIError",
        "InternalError",
        "AggregateError",
        "SuppressedError",
    ];
    pub const array_proto: &[&str] = &[];
    pub const array_ctor: &[&str] = &["Array", "constructor"];
    pub const string_proto: &[&str] = &[];
    pub const string_ctor: &[&str] = &["String", "constructor"];
    pub const number_proto: &[&str] = &[];
    pub const number_ctor: &[&str] = &["Number", "constructor"];
    pub const math: &[&str] = &["Math"];
    pub const object_proto: &[&str] = &[];
    pub const object_ctor: &[&str] = &["Object", "constructor"];
    pub const reflect: &[&str] = &["Reflect"];
    pub const global: &[&str] = &[];
}

/// Gives the object that holds a method.
pub type Target = fn(&mut Runtime) -> Option<Obj>;

/// A method registered one by one: the object that holds it and its function.
pub struct MethodDef {
    pub target: Target,
    pub name: &'static str,
    pub f: NativeFn,
    pub length: u32,
    pub magic: u16,
    /// A second object that holds the same function.
    pub also_on: Option<Target>,
}

impl MethodDef {
    /// Defines the method on `o`, its target (and on `also_on`).
    fn define_on(&self, rt: &mut Runtime, o: &Obj) {
        let f = rt.define_method_obj(o, self.name, self.f, self.length, self.magic);
        if let Some(other) = self.also_on.and_then(|target| target(rt)) {
            let key = rt.intern(self.name);
            rt.define_value(&other, key, Value::object(f), crate::shape::WC);
        }
    }
}

/// Defines one method on its target.
pub fn define(rt: &mut Runtime, def: &MethodDef) {
    if let Some(o) = (def.target)(rt) {
        def.define_on(rt, &o);
    }
}

/// Every method of [`METHODS`] (part of `add_base_objects`; `JS_AddAllMethods`). Consecutive
/// methods mostly share a target, which is looked up once for each run of them.
pub fn add_all_methods(rt: &mut Runtime) {
    let tables = [
        super::function::METHOD_DEFS,
        super::symbol::METHOD_DEFS,
        super::error::METHOD_DEFS,
        super::array::METHOD_DEFS,
        super::string::METHOD_DEFS,
        super::number::METHOD_DEFS,
        super::math::METHOD_DEFS,
        super::object::METHOD_DEFS,
        super::reflect::METHOD_DEFS,
        super::global::METHOD_DEFS,
    ];
    let mut current: Option<(Target, Option<Obj>)> = None;
    for def in tables.into_iter().flatten() {
        let target = match &current {
            Some((f, o)) if core::ptr::fn_addr_eq(*f, def.target) => o.clone(),
            _ => {
                let o = (def.target)(rt);
                current = Some((def.target, o.clone()));
                o
            }
        };
        if let Some(o) = target {
            def.define_on(rt, &o);
        }
    }
    // The one global of `METHODS` that is a whole class rather than a `MethodDef`.
    super::dispose::DisposableStack(rt);
}

/// The object a global binding holds (registration runs before any program, so this is the
/// built-in one).
fn global_object(rt: &mut Runtime, name: &str) -> Option<Obj> {
    let g = Value::object(rt.global());
    let key = rt.intern(name);
    rt.get(&g, key).ok()?.as_object().cloned()
}

pub(crate) fn function_proto(rt: &mut Runtime) -> Option<Obj> {
    Some(rt.realm.function_proto.clone())
}
pub(crate) fn symbol_ctor(rt: &mut Runtime) -> Option<Obj> {
    global_object(rt, "Symbol")
}
pub(crate) fn error_ctor(rt: &mut Runtime) -> Option<Obj> {
    global_object(rt, "Error")
}
pub(crate) fn array_proto(rt: &mut Runtime) -> Option<Obj> {
    Some(rt.realm.array_proto.clone())
}
pub(crate) fn array_ctor(rt: &mut Runtime) -> Option<Obj> {
    global_object(rt, "Array")
}
pub(crate) fn string_proto(rt: &mut Runtime) -> Option<Obj> {
    Some(rt.realm.string_proto.clone())
}
pub(crate) fn string_ctor(rt: &mut Runtime) -> Option<Obj> {
    global_object(rt, "String")
}
pub(crate) fn number_proto(rt: &mut Runtime) -> Option<Obj> {
    Some(rt.realm.number_proto.clone())
}
pub(crate) fn number_ctor(rt: &mut Runtime) -> Option<Obj> {
    global_object(rt, "Number")
}
pub(crate) fn math(rt: &mut Runtime) -> Option<Obj> {
    global_object(rt, "Math")
}
pub(crate) fn object_proto(rt: &mut Runtime) -> Option<Obj> {
    Some(rt.realm.object_proto.clone())
}
pub(crate) fn object_ctor(rt: &mut Runtime) -> Option<Obj> {
    global_object(rt, "Object")
}
pub(crate) fn reflect(rt: &mut Runtime) -> Option<Obj> {
    global_object(rt, "Reflect")
}
pub(crate) fn global(rt: &mut Runtime) -> Option<Obj> {
    Some(rt.global())
}

#[cfg(test)]
mod tests {
    /// Every error constructor inherits Error's static methods, so each name reaches them.
    #[test]
    fn every_error_constructor_reaches_error_statics() {
        for t in crate::runtime::ErrorType::ALL {
            assert!(
                super::holder_names::error_ctor.contains(&t.name()),
                "{}",
                t.name()
            );
        }
    }
}
