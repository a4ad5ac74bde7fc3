//! Error, the NativeErrors and AggregateError (ECMA-262 20.5), with a `stack` of file:line:col
//! frames captured when the error is created.
use crate::atom::names;
use crate::function::Args;
use crate::interp::StackFrame;
use crate::object::{Obj, ObjectKind};
use crate::runtime::{ErrorType, JsResult, Runtime};
use crate::shape::WC;
use crate::string::{JsString, StringBuilder};
use crate::value::Value;

/// The `stack` text for the current frames, as QuickJS prints it: one
/// "    at name (file:line:col)" line per bytecode frame (`<eval>` for a program's top-level
/// code, `<anonymous>` for a nameless function) and "    at name (native)" per native function.
/// `skip_constructor`: leave out the innermost native frame, the Error constructor itself.
pub fn capture_stack(rt: &mut Runtime, skip_constructor: bool) -> JsString {
    let mut frames = crate::interp::frame_positions(rt);
    if skip_constructor && matches!(frames.first(), Some(StackFrame::Native(_))) {
        frames.remove(0);
    }
    let mut b = StringBuilder::new();
    for frame in frames {
        b.push_str("    at ");
        match frame {
            StackFrame::Bytecode {
                name,
                main,
                file,
                line,
                col,
            } => {
                let n = rt.atoms.text(name);
                if main && n.is_empty() {
                    b.push_str("<eval>");
                } else if n.is_empty() {
                    b.push_str("<anonymous>");
                } else {
                    b.push_js(&n);
                }
                b.push_str(" (");
                b.push_js(&rt.atoms.text(file));
                b.push_unit(b':' as u16);
                b.push_js(&crate::number::int_to_string(line as i64));
                b.push_unit(b':' as u16);
                b.push_js(&crate::number::int_to_string(col as i64));
                b.push_str(")\n");
            }
            StackFrame::Native(f) => {
                let n = rt.function_name(&f);
                if n.is_empty() {
                    b.push_str("<anonymous>");
                } else {
                    b.push_js(&n);
                }
                b.push_str(" (native)\n");
            }
        }
    }
    b.finish_capped()
}

/// A new error object of type `t` (used by the engine to throw).
pub fn new_error(rt: &mut Runtime, t: ErrorType, msg: JsString) -> Obj {
    let proto = rt.realm.error_protos[t as usize].clone();
    let e = rt.alloc_object(Some(&proto), ObjectKind::Error);
    rt.define_value(&e, names::message, Value::string(msg), WC);
    let stack = capture_stack(rt, false);
    rt.define_value(&e, names::stack, Value::string(stack), WC);
    e
}

/// The Error constructors; `magic` is the ErrorType index.
fn error_constructor(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let t = ErrorType::ALL[a.magic as usize];
    let nt = if a.is_construct() {
        a.new_target.clone()
    } else {
        Value::object(a.callee.clone())
    };
    let default = t as usize;
    let proto = rt.proto_from_ctor(&nt, |r| r.realm.error_protos[0].clone())?;
    let proto = if nt.as_object().is_some_and(|o| o.ptr_eq(a.callee)) {
        rt.realm.error_protos[default].clone()
    } else {
        proto
    };
    let e = rt.alloc_object(Some(&proto), ObjectKind::Error);
    let (msg_i, opt_i) = match t {
        ErrorType::AggregateError => (1, Some(2)),
        // SuppressedError(error, suppressed, message) takes no options.
        ErrorType::SuppressedError => (2, None),
        _ => (0, Some(1)),
    };
    let msg = a.get(msg_i);
    if !msg.is_undefined() {
        let s = rt.to_string(&msg)?;
        rt.define_value(&e, names::message, Value::string(s), WC);
    }
    let opts = opt_i.map_or(Value::UNDEFINED, |i| a.get(i));
    if let Some(o) = opts.as_object() {
        if rt.has_property(&o.clone(), names::cause)? {
            let c = rt.get(&opts, names::cause)?;
            rt.define_value(&e, names::cause, c, WC);
        }
    }
    if t == ErrorType::AggregateError {
        let list = rt.iterate_to_vec(&a.get(0))?;
        let arr = rt.new_array(list);
        rt.define_value(&e, names::errors, Value::object(arr), WC);
    }
    if t == ErrorType::SuppressedError {
        crate::builtins::dispose::define_suppressed(rt, &e, a.get(0), a.get(1));
    }
    let stack = capture_stack(rt, true);
    rt.define_value(&e, names::stack, Value::string(stack), WC);
    Ok(Value::object(e))
}

/// Error.prototype.toString (20.5.3.4).
fn error_to_string(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if !a.this.is_object() {
        return Err(rt.type_error("Error.prototype.toString called on non-object"));
    }
    let name = rt.get(a.this, names::name)?;
    let name = if name.is_undefined() {
        JsString::from_str("Error")
    } else {
        rt.to_string(&name)?
    };
    let msg = rt.get(a.this, names::message)?;
    let msg = if msg.is_undefined() {
        JsString::empty()
    } else {
        rt.to_string(&msg)?
    };
    if name.is_empty() {
        return Ok(Value::string(msg));
    }
    if msg.is_empty() {
        return Ok(Value::string(name));
    }
    Ok(Value::string(
        name.concat(&JsString::from_str(": ")).concat(&msg),
    ))
}

/// Error.isError (ES2026 20.5.2.1): whether the value has an [[ErrorData]] slot.
fn is_error(_rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    Ok(Value::bool(a.get(0).as_object().is_some_and(|o| {
        matches!(o.borrow().kind, ObjectKind::Error)
    })))
}

pub fn register(rt: &mut Runtime) {
    let global = rt.global();
    let mut base_ctor: Option<Obj> = None;
    for t in ErrorType::ALL {
        let proto = rt.realm.error_protos[t as usize].clone();
        let len = match t {
            ErrorType::AggregateError => 2,
            ErrorType::SuppressedError => 3,
            _ => 1,
        };
        let ctor = rt.new_native(t.name(), error_constructor, len, t as u16, true);
        if let Some(b) = &base_ctor {
            ctor.borrow_mut().proto = Some(b.clone());
        }
        rt.link_constructor(&ctor, &proto);
        rt.define_value(&proto, names::name, Value::str(t.name()), WC);
        rt.define_value(&proto, names::message, Value::str(""), WC);
        let key = rt.intern(t.name());
        rt.define_value(&global, key, Value::object(ctor.clone()), WC);
        if t == ErrorType::Error {
            rt.define_method(&proto, "toString", error_to_string, 0);
            base_ctor = Some(ctor);
        }
    }
}

// The methods registered one by one (`methods.rs`).
super::methods::methods! {
    Error_isError = error_ctor."isError"(is_error, 1, 0);
}
