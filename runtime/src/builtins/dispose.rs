//! Explicit resource management (ECMA-262 2026, 27.3 and 9.x DisposeCapability): the
//! disposable resource lists behind `using` / `await using` blocks, and the errors that
//! disposal combines into SuppressedError.
//!
//! A block with `using` declarations keeps one [`DisposeState`] (in an internal object held
//! by a hidden local). Each declaration adds a resource; when the block is left, the
//! compiled code steps through the resources in reverse order (`DisposeNext`), awaiting each
//! result in `await using` blocks, and records every error (`DisposeError`); `DisposeEnd`
//! then throws what is left: the block's own exception, or a SuppressedError chain.
use crate::atom::names;
use crate::object::{Obj, ObjectKind};
use crate::runtime::{ErrorType, JsResult, Runtime};
use crate::shape::WC;
use crate::string::JsString;
use crate::value::Value;
use alloc::vec::Vec;

/// How a resource's result is treated when it is disposed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// `using`: the method's result is ignored.
    Sync,
    /// `await using` with `[Symbol.asyncDispose]` (or a null resource): the result is awaited.
    Async,
    /// `await using` falling back to `[Symbol.dispose]`: called, then undefined is awaited.
    AsyncFromSync,
}

pub struct Resource {
    value: Value,
    /// Undefined for a null/undefined resource of `await using` (still awaited once).
    method: Value,
    hint: Hint,
}

/// A DisposeCapability, plus what disposal has produced so far.
#[derive(Default)]
pub struct DisposeState {
    resources: Vec<Resource>,
    /// The pending throw completion (the block's exception, then disposal errors).
    error: Option<Value>,
    /// The block is being left by a generator's `return()` (continued after disposal).
    returning: bool,
}

impl DisposeState {
    pub fn trace(&self, f: &mut dyn FnMut(&crate::gc::Gc)) {
        for r in &self.resources {
            r.value.trace(f);
            r.method.trace(f);
        }
        if let Some(e) = &self.error {
            e.trace(f);
        }
    }
}

fn with_state<R>(
    rt: &mut Runtime,
    ds: &Value,
    f: impl FnOnce(&mut DisposeState) -> R,
) -> JsResult<R> {
    if let Some(o) = ds.as_object() {
        if let ObjectKind::DisposeStack(s) = &mut o.borrow_mut().kind {
            return Ok(f(s));
        }
    }
    Err(rt.type_error("not a disposable resource stack"))
}

/// A new, empty resource list (internal: its prototype is never observed).
pub fn new_stack(rt: &mut Runtime) -> Value {
    let o = rt.alloc_object(None, ObjectKind::DisposeStack(Default::default()));
    Value::object(o)
}

/// GetDisposeMethod (for `hint` Sync or Async; Async may fall back to Symbol.dispose).
fn dispose_method(rt: &mut Runtime, v: &Value, hint: Hint) -> JsResult<(Value, Hint)> {
    if hint != Hint::Sync {
        let m = rt.get(v, names::Symbol_asyncDispose)?;
        if !m.is_nullish() {
            if !rt.is_callable(&m) {
                return Err(rt.type_error("Symbol.asyncDispose is not a function"));
            }
            return Ok((m, Hint::Async));
        }
    }
    let m = rt.get(v, names::Symbol_dispose)?;
    if m.is_nullish() || !rt.is_callable(&m) {
        return Err(rt.type_error("the value is not disposable (no Symbol.dispose method)"));
    }
    let hint = if hint == Hint::Sync {
        Hint::Sync
    } else {
        Hint::AsyncFromSync
    };
    Ok((m, hint))
}

/// AddDisposableResource for a `using` (or `await using` when `is_async`) declaration.
pub fn add_resource(rt: &mut Runtime, ds: &Value, v: Value, is_async: bool) -> JsResult<()> {
    let resource = if v.is_nullish() {
        if !is_async {
            return Ok(());
        }
        Resource {
            value: Value::UNDEFINED,
            method: Value::UNDEFINED,
            hint: Hint::Async,
        }
    } else {
        if !v.is_object() {
            return Err(rt.type_error("a using declaration needs an object, null or undefined"));
        }
        let hint = if is_async { Hint::Async } else { Hint::Sync };
        let (method, hint) = dispose_method(rt, &v, hint)?;
        Resource {
            value: v,
            method,
            hint,
        }
    };
    with_state(rt, ds, |s| s.resources.push(resource))
}

/// Records a throw completion `exc` (UNINIT: a generator's return in progress); a later error
/// suppresses the pending one (SuppressedError { error, suppressed }).
pub fn record_error(rt: &mut Runtime, ds: &Value, exc: Value) -> JsResult<()> {
    if exc.is_uninit() {
        return with_state(rt, ds, |s| s.returning = true);
    }
    let pending = with_state(rt, ds, |s| s.error.take())?;
    let error = match pending {
        None => exc,
        Some(suppressed) => Value::object(suppressed_error(rt, exc, suppressed)),
    };
    with_state(rt, ds, |s| s.error = Some(error))
}

/// A SuppressedError with an empty message (as DisposeResources creates them).
fn suppressed_error(rt: &mut Runtime, error: Value, suppressed: Value) -> Obj {
    let e = crate::builtins::error::new_error(rt, ErrorType::SuppressedError, JsString::empty());
    define_suppressed(rt, &e, error, suppressed);
    e
}

pub(crate) fn define_suppressed(rt: &mut Runtime, e: &Obj, error: Value, suppressed: Value) {
    let (k_error, k_suppressed) = (rt.intern("error"), rt.intern("suppressed"));
    rt.define_value(e, k_error, error, WC);
    rt.define_value(e, k_suppressed, suppressed, WC);
}

/// Disposes the most recently added resource: Some(value to await, or undefined), or None
/// when the list is empty. An error thrown by the method is recorded, not returned.
pub fn dispose_next(rt: &mut Runtime, ds: &Value) -> JsResult<Option<Value>> {
    let Some(r) = with_state(rt, ds, |s| s.resources.pop())? else {
        return Ok(None);
    };
    if r.method.is_undefined() {
        return Ok(Some(Value::UNDEFINED));
    }
    match rt.call(&r.method, r.value, &[]) {
        Ok(result) => Ok(Some(if r.hint == Hint::Async {
            result
        } else {
            Value::UNDEFINED
        })),
        Err(_) => {
            let exc = rt.take_exception();
            record_error(rt, ds, exc)?;
            Ok(Some(Value::UNDEFINED))
        }
    }
}

/// After the last resource: throws the pending error, or continues a generator's return.
pub fn finish(rt: &mut Runtime, ds: &Value) -> JsResult<()> {
    let (error, returning) = with_state(rt, ds, |s| (s.error.take(), s.returning))?;
    match error {
        Some(e) => Err(rt.throw(e)),
        None if returning => Err(rt.throw(Value::UNINIT)),
        None => Ok(()),
    }
}
