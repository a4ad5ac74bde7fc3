//! Function.prototype (ECMA-262 20.2.3): call, apply, bind, toString, Symbol.hasInstance.
use crate::atom::names;
use crate::function::{Args, BoundFunction};
use crate::object::ObjectKind;
use crate::runtime::{JsResult, Runtime};
use crate::shape::{CONFIGURABLE, WC};
use crate::string::JsString;
use crate::value::Value;
use alloc::vec::Vec;

fn call(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let rest = a.args.get(1..).unwrap_or(&[]);
    rt.call(a.this, a.get(0), rest)
}

fn apply(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if !rt.is_callable(a.this) {
        return Err(rt.type_error("Function.prototype.apply called on non-function"));
    }
    let list = create_list_from_array_like(rt, &a.get(1))?;
    rt.call(a.this, a.get(0), &list)
}

/// CreateListFromArrayLike (7.3.19); undefined and null give an empty list.
pub fn create_list_from_array_like(rt: &mut Runtime, v: &Value) -> JsResult<Vec<Value>> {
    if v.is_nullish() {
        return Ok(Vec::new());
    }
    if !v.is_object() {
        return Err(rt.type_error("argument list must be an object"));
    }
    let len = super::util::length_of(rt, v)?;
    let mut out = Vec::new();
    for i in 0..len as u64 {
        out.push(rt.get_index(v, i as u32)?);
    }
    Ok(out)
}

fn bind(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let Some(target) = a.this.as_object().filter(|o| o.is_callable()).cloned() else {
        return Err(rt.type_error("Bind must be called on a function"));
    };
    let bound_args: Vec<Value> = a.args.get(1..).unwrap_or(&[]).to_vec();
    let nargs = bound_args.len() as f64;
    let proto = target.proto();
    let f = rt.alloc_object(
        proto.as_ref(),
        ObjectKind::Bound(BoundFunction {
            target: target.clone(),
            this: a.get(0),
            args: bound_args,
        }),
    );
    let tv = Value::object(target.clone());
    let mut len = 0.0;
    if rt.has_own_property(&target, names::length) {
        let l = rt.get(&tv, names::length)?;
        if let Some(n) = l.as_number() {
            len = if n == f64::INFINITY {
                n
            } else if n == f64::NEG_INFINITY {
                0.0
            } else {
                (crate::number::to_integer_or_infinity(n) - nargs).max(0.0)
            };
        }
    }
    rt.define_value(&f, names::length, Value::number(len), CONFIGURABLE);
    let name = rt.get(&tv, names::name)?;
    let name = name.as_string().cloned().unwrap_or_else(JsString::empty);
    let name = JsString::from_str("bound ").concat(&name);
    rt.define_value(&f, names::name, Value::string(name), CONFIGURABLE);
    Ok(Value::object(f))
}

/// Function.prototype.toString (20.2.3.5): the source text of a function compiled from kept
/// source, otherwise the NativeFunction form, on one line as V8 and QuickJS print it.
fn to_string(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let Some(f) = a.this.as_object().filter(|o| o.is_callable()).cloned() else {
        return Err(rt.type_error("Function.prototype.toString requires that 'this' be a Function"));
    };
    let name = match &f.borrow().kind {
        ObjectKind::Closure(c) => {
            if let Some(text) = c.source_text() {
                return Ok(Value::string(JsString::from_str(text)));
            }
            None
        }
        // "bound f" is not a PropertyName.
        ObjectKind::Bound(_) => Some(JsString::empty()),
        _ => None,
    };
    let name = match name {
        Some(n) => n,
        None => {
            let n = rt.function_name(&f);
            if native_function_name(&n) {
                n
            } else {
                JsString::empty()
            }
        }
    };
    let s = JsString::from_str("function ")
        .concat(&name)
        .concat(&JsString::from_str("() { [native code] }"));
    Ok(Value::string(s))
}

/// Whether `name` fits the NativeFunction grammar's `NativeFunctionAccessor? PropertyName`:
/// an IdentifierName, optionally after `get ` or `set `, or a bracketed name such as
/// `[Symbol.iterator]`.
///
/// Only ASCII identifiers are recognized: every built-in's name is ASCII, and leaving out a
/// name is always valid NativeFunction syntax (only a source-less closure named with other
/// letters loses its name). Unicode's ID_Start/ID_Continue tables would add 5 KB to every
/// compiled program.
fn native_function_name(name: &JsString) -> bool {
    let units: Vec<u16> = name.units().collect();
    let is = |prefix: &str, at: &[u16]| prefix.encode_utf16().eq(at.iter().copied());
    let rest = match units.get(..4) {
        Some(p) if is("get ", p) || is("set ", p) => units.get(4..).unwrap_or(&[]),
        _ => &units[..],
    };
    if rest.first() == Some(&u16::from(b'[')) {
        return rest.last() == Some(&u16::from(b']'));
    }
    let ident = |&u: &u16, start: bool| {
        u8::try_from(u).is_ok_and(|b| {
            b == b'$' || b == b'_' || b.is_ascii_alphabetic() || (!start && b.is_ascii_digit())
        })
    };
    match rest.split_first() {
        Some((first, tail)) => ident(first, true) && tail.iter().all(|u| ident(u, false)),
        None => true,
    }
}

fn has_instance(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let r = rt.ordinary_has_instance(a.this, &a.get(0))?;
    Ok(Value::bool(r))
}

fn empty(_rt: &mut Runtime, _a: &Args) -> JsResult<Value> {
    Ok(Value::UNDEFINED)
}

/// The accessors of Function.prototype.caller and .arguments (10.2.4 AddRestrictedFunctionProperties):
/// a TypeError, except that an ordinary sloppy function reads undefined (as QuickJS does; the
/// spec lets implementations give non-strict functions own `caller`/`arguments`).
fn restricted_property(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    use qjs_bytecode::flags;
    if let Some(o) = a.this.as_object() {
        if let ObjectKind::Closure(c) = &o.borrow().kind {
            let f = c.template().flags;
            let special = flags::STRICT
                | flags::ARROW
                | flags::METHOD
                | flags::CLASS_CONSTRUCTOR
                | flags::GENERATOR
                | flags::ASYNC;
            if f & special == 0 {
                return Ok(Value::UNDEFINED);
            }
        }
    }
    Err(rt.type_error("'caller', 'callee' and 'arguments' may not be accessed in this context"))
}

pub fn register(rt: &mut Runtime) {
    let fp = rt.realm.function_proto.clone();
    // Function.prototype is itself callable (it returns undefined).
    fp.borrow_mut().kind = ObjectKind::Native(crate::function::NativeFunction {
        f: empty,
        magic: 0,
        constructor: false,
        data: alloc::vec::Vec::new(),
    });
    rt.define_value(&fp, names::length, Value::int(0), CONFIGURABLE);
    rt.define_value(&fp, names::name, Value::str(""), CONFIGURABLE);
    // AddRestrictedFunctionProperties (10.2.4): caller and arguments throw on access.
    let thrower = rt.new_native("", restricted_property, 0, 0, false);
    rt.define_value(&thrower, names::length, Value::int(0), 0);
    rt.define_value(&thrower, names::name, Value::str(""), 0);
    thrower.borrow_mut().extensible = false;
    for key in [names::caller, names::arguments] {
        rt.define_accessor(
            &fp,
            key,
            Some(thrower.clone()),
            Some(thrower.clone()),
            CONFIGURABLE,
        );
    }
    rt.define_method(&fp, "toString", to_string, 0);
    let hi = rt.new_native("[Symbol.hasInstance]", has_instance, 1, 0, false);
    rt.define_value(&fp, names::Symbol_hasInstance, Value::object(hi), 0);
    let ctor = rt.new_native("Function", super::dynamic::dynamic_function, 1, 0, true);
    rt.link_constructor(&ctor, &fp);
    let g = rt.global();
    let key = rt.intern("Function");
    rt.define_value(&g, key, Value::object(ctor), WC);
}

// The methods registered one by one (`methods.rs`); toString and @@hasInstance stay in
// `register`.
super::methods::methods! {
    Function_prototype_call = function_proto."call"(call, 1, 0);
    Function_prototype_apply = function_proto."apply"(apply, 2, 0);
    Function_prototype_bind = function_proto."bind"(bind, 1, 0);
}
