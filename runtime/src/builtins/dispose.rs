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
use crate::function::Args;
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
    /// DisposableStack.prototype.adopt: the method is called as `method(value)`, not on it.
    adopted: bool,
}

/// A DisposeCapability, plus what disposal has produced so far.
#[derive(Default)]
pub struct DisposeState {
    resources: Vec<Resource>,
    /// The pending throw completion (the block's exception, then disposal errors).
    error: Option<Value>,
    /// The block is being left by a generator's `return()` (continued after disposal).
    returning: bool,
    /// A DisposableStack's [[DisposableState]] is disposed.
    disposed: bool,
    /// An AsyncDisposableStack (for the methods' receiver checks).
    is_async: bool,
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
            adopted: false,
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
            adopted: false,
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
    let call = if r.adopted {
        rt.call(&r.method, Value::UNDEFINED, &[r.value])
    } else {
        rt.call(&r.method, r.value, &[])
    };
    match call {
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

// ---- DisposableStack and AsyncDisposableStack (27.3, 27.4) ----
// The methods shared by both take `magic` 1 for AsyncDisposableStack.

const CLASS: [&str; 2] = ["DisposableStack", "AsyncDisposableStack"];

/// Whether `this` (a DisposableStack, or with `is_async` an AsyncDisposableStack) is disposed.
fn this_stack(rt: &mut Runtime, this: &Value, method: &str, is_async: bool) -> JsResult<bool> {
    let disposed = this.as_object().and_then(|o| match &o.borrow().kind {
        ObjectKind::DisposeStack(s) if s.is_async == is_async => Some(s.disposed),
        _ => None,
    });
    disposed.ok_or_else(|| {
        rt.type_error(&crate::text!(
            CLASS[is_async as usize],
            ".prototype.",
            method,
            " called on an incompatible receiver"
        ))
    })
}

/// `this` must be a stack that is not disposed yet (ReferenceError once it is).
fn pending_stack(rt: &mut Runtime, a: &Args, method: &str) -> JsResult<()> {
    if this_stack(rt, a.this, method, a.magic == 1)? {
        return Err(rt.reference_error("the stack is already disposed"));
    }
    Ok(())
}

fn push_resource(rt: &mut Runtime, ds: &Value, r: Resource) -> JsResult<()> {
    with_state(rt, ds, |s| s.resources.push(r))
}

/// new DisposableStack() / new AsyncDisposableStack()
fn ctor(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if !a.is_construct() {
        return Err(rt.type_error("the constructor must be called with new"));
    }
    let default = rt.get(&Value::object(a.callee.clone()), names::prototype)?;
    let proto = rt.get(a.new_target, names::prototype)?;
    let proto = if proto.is_object() { proto } else { default };
    Ok(stack_object(rt, &proto, Vec::new(), a.magic == 1))
}

fn stack_object(
    rt: &mut Runtime,
    proto: &Value,
    resources: Vec<Resource>,
    is_async: bool,
) -> Value {
    let state = DisposeState {
        resources,
        is_async,
        ..Default::default()
    };
    let o = rt.alloc_object(
        proto.as_object(),
        ObjectKind::DisposeStack(alloc::boxed::Box::new(state)),
    );
    Value::object(o)
}

fn disposed_getter(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    Ok(Value::bool(this_stack(
        rt,
        a.this,
        "disposed",
        a.magic == 1,
    )?))
}

/// dispose() (also [Symbol.dispose]): DisposeResources with a normal completion.
fn dispose(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if this_stack(rt, a.this, "dispose", false)? {
        return Ok(Value::UNDEFINED);
    }
    with_state(rt, a.this, |s| s.disposed = true)?;
    while dispose_next(rt, a.this)?.is_some() {}
    finish(rt, a.this)?;
    Ok(Value::UNDEFINED)
}

fn use_(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    pending_stack(rt, a, "use")?;
    let v = a.get(0);
    add_resource(rt, a.this, v.clone(), a.magic == 1)?;
    Ok(v)
}

fn hint(a: &Args) -> Hint {
    if a.magic == 1 {
        Hint::Async
    } else {
        Hint::Sync
    }
}

fn adopt(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    pending_stack(rt, a, "adopt")?;
    let (value, on_dispose) = (a.get(0), a.get(1));
    if !rt.is_callable(&on_dispose) {
        return Err(rt.type_error("onDispose is not a function"));
    }
    let r = Resource {
        value: value.clone(),
        method: on_dispose,
        hint: hint(a),
        adopted: true,
    };
    push_resource(rt, a.this, r)?;
    Ok(value)
}

fn defer(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    pending_stack(rt, a, "defer")?;
    let on_dispose = a.get(0);
    if !rt.is_callable(&on_dispose) {
        return Err(rt.type_error("onDispose is not a function"));
    }
    let r = Resource {
        value: Value::UNDEFINED,
        method: on_dispose,
        hint: hint(a),
        adopted: false,
    };
    push_resource(rt, a.this, r)?;
    Ok(Value::UNDEFINED)
}

/// move(): a new stack of the same class takes the resources; this one becomes disposed.
fn move_(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    pending_stack(rt, a, "move")?;
    let resources = with_state(rt, a.this, |s| {
        s.disposed = true;
        core::mem::take(&mut s.resources)
    })?;
    // The intrinsic prototype, which `move` carries as its data.
    let proto = crate::function::native_data(a.callee)
        .into_iter()
        .next()
        .unwrap_or_default();
    Ok(stack_object(rt, &proto, resources, a.magic == 1))
}

/// disposeAsync() (also [Symbol.asyncDispose]): a promise for DisposeResources, which
/// awaits each resource's result in turn.
#[cfg(feature = "promise")]
fn dispose_async(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    use crate::builtins::promise;
    let ctor = Value::object(rt.realm.promise_ctor.clone());
    let cap = promise::new_capability(rt, &ctor)?;
    match this_stack(rt, a.this, "disposeAsync", true) {
        Err(_) => {
            let e = rt.take_exception();
            rt.call(&cap.reject, Value::UNDEFINED, &[e])?;
        }
        Ok(true) => {
            rt.call(&cap.resolve, Value::UNDEFINED, &[Value::UNDEFINED])?;
        }
        Ok(false) => {
            with_state(rt, a.this, |s| s.disposed = true)?;
            let data = alloc::vec![a.this.clone(), cap.resolve.clone(), cap.reject.clone()];
            async_step(rt, data)?;
        }
    }
    Ok(cap.promise)
}

/// One turn of asynchronous disposal; `data` is [stack, resolve, reject].
#[cfg(feature = "promise")]
fn async_step(rt: &mut Runtime, data: Vec<Value>) -> JsResult<()> {
    use crate::builtins::promise;
    let [ds, resolve, reject] = [0, 1, 2].map(|i| data.get(i).cloned().unwrap_or_default());
    let awaited = match dispose_next(rt, &ds)? {
        Some(v) => v,
        None => {
            return match finish(rt, &ds) {
                Ok(()) => rt
                    .call(&resolve, Value::UNDEFINED, &[Value::UNDEFINED])
                    .map(drop),
                Err(_) => {
                    let e = rt.take_exception();
                    rt.call(&reject, Value::UNDEFINED, &[e]).map(drop)
                }
            };
        }
    };
    let ctor = Value::object(rt.realm.promise_ctor.clone());
    let p = match promise::promise_resolve(rt, &ctor, awaited) {
        Ok(p) => p,
        Err(_) => {
            let e = rt.take_exception();
            record_error(rt, &ds, e)?;
            return async_step(rt, data);
        }
    };
    let on_ok = rt.new_native_with_data("", async_step_fulfilled, 1, 0, data.clone());
    let on_err = rt.new_native_with_data("", async_step_rejected, 1, 0, data);
    if let Some(p) = p.as_object() {
        promise::perform_then(
            rt,
            p,
            promise::Handler::Js(Value::object(on_ok)),
            promise::Handler::Js(Value::object(on_err)),
            None,
        );
    }
    Ok(())
}

#[cfg(feature = "promise")]
fn async_step_fulfilled(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    async_step(rt, crate::function::native_data(a.callee))?;
    Ok(Value::UNDEFINED)
}

#[cfg(feature = "promise")]
fn async_step_rejected(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let data = crate::function::native_data(a.callee);
    record_error(rt, &data.first().cloned().unwrap_or_default(), a.get(0))?;
    async_step(rt, data)?;
    Ok(Value::UNDEFINED)
}

/// DisposableStack or AsyncDisposableStack (`is_async`), whose dispose method is `dispose_method`
/// (name, function, symbol key): a parameter, so that only `register_async` (reached from
/// `add_promise`) links the promise-based `disposeAsync`.
fn register_stack_class(
    rt: &mut Runtime,
    is_async: bool,
    dispose_method: (&str, crate::function::NativeFn, crate::atom::Atom),
) {
    let magic = is_async as u16;
    let name = CLASS[magic as usize];
    let proto = rt.new_object();
    let ctor = rt.new_native(name, ctor, 0, magic, true);
    rt.link_constructor(&ctor, &proto);
    let disposed = rt.intern("disposed");
    let getter = rt.new_native("get disposed", disposed_getter, 0, magic, false);
    rt.define_accessor(
        &proto,
        disposed,
        Some(getter),
        None,
        crate::shape::CONFIGURABLE,
    );
    let (dispose_name, dispose_fn, dispose_key) = dispose_method;
    let f = rt.define_method_obj(&proto, dispose_name, dispose_fn, 0, 0);
    rt.define_value(&proto, dispose_key, Value::object(f), WC);
    rt.define_method_magic(&proto, "use", use_, 1, magic);
    rt.define_method_magic(&proto, "adopt", adopt, 2, magic);
    rt.define_method_magic(&proto, "defer", defer, 1, magic);
    let move_fn = rt.new_native_with_data(
        "move",
        move_,
        0,
        magic,
        alloc::vec![Value::object(proto.clone())],
    );
    let move_key = rt.intern("move");
    rt.define_value(&proto, move_key, Value::object(move_fn), WC);
    rt.define_value(
        &proto,
        names::Symbol_toStringTag,
        Value::str(name),
        crate::shape::CONFIGURABLE,
    );
    let global = rt.global();
    let key = rt.intern(name);
    rt.define_value(&global, key, Value::object(ctor), WC);
}

/// Iterator.prototype[Symbol.dispose] (27.1.4.14): calls `return()` when there is one.
fn iterator_dispose(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let ret = rt.get(a.this, names::return_)?;
    if !ret.is_nullish() {
        rt.call(&ret, a.this.clone(), &[])?;
    }
    Ok(Value::UNDEFINED)
}

/// Iterator.prototype[Symbol.dispose] (SuppressedError is an error type, `using` needs only the
/// opcodes, and DisposableStack is registered by name: [`DisposableStack`]).
pub fn register(rt: &mut Runtime) {
    let ip = rt.realm.iterator_proto.clone();
    rt.define_symbol_method(
        &ip,
        names::Symbol_dispose,
        "[Symbol.dispose]",
        iterator_dispose,
        0,
    );
}

/// The DisposableStack global, registered one by one like the methods of `methods.rs`: a
/// program without eval that never names it links none of it.
#[allow(non_snake_case)]
pub fn DisposableStack(rt: &mut Runtime) {
    register_stack_class(rt, false, ("dispose", dispose, names::Symbol_dispose));
}

/// The globals registered one by one, as qjsc sees them.
pub const METHODS: &[crate::builtins::methods::MethodName] =
    &[crate::builtins::methods::MethodName {
        name: "DisposableStack",
        entry: "DisposableStack",
        c_entry: "JS_AddMethod_DisposableStack",
        holder_names: crate::builtins::methods::holder_names::global,
    }];

#[cfg(feature = "promise")]
fn return_undefined(_rt: &mut Runtime, _a: &Args) -> JsResult<Value> {
    Ok(Value::UNDEFINED)
}

/// %AsyncIteratorPrototype%[Symbol.asyncDispose] (27.1.3.1): a promise for `return()`'s
/// result, fulfilled with undefined.
#[cfg(feature = "promise")]
fn async_iterator_dispose(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    use crate::builtins::promise;
    let ctor = Value::object(rt.realm.promise_ctor.clone());
    let cap = promise::new_capability(rt, &ctor)?;
    let settled = (|| -> JsResult<Option<Value>> {
        let ret = rt.get(a.this, names::return_)?;
        if ret.is_nullish() {
            return Ok(None);
        }
        let result = rt.call(&ret, a.this.clone(), &[Value::UNDEFINED])?;
        promise::promise_resolve(rt, &ctor, result).map(Some)
    })();
    match settled {
        Ok(Some(wrapper)) => {
            let unwrap = rt.new_native("", return_undefined, 1, 0, false);
            if let Some(p) = wrapper.as_object() {
                promise::perform_then(
                    rt,
                    p,
                    promise::Handler::Js(Value::object(unwrap)),
                    promise::Handler::Js(Value::UNDEFINED),
                    Some(cap.clone()),
                );
            }
        }
        Ok(None) => {
            rt.call(&cap.resolve, Value::UNDEFINED, &[Value::UNDEFINED])?;
        }
        Err(_) => {
            let e = rt.take_exception();
            rt.call(&cap.reject, Value::UNDEFINED, &[e])?;
        }
    }
    Ok(cap.promise)
}

/// The parts that need promises: AsyncDisposableStack and
/// %AsyncIteratorPrototype%[Symbol.asyncDispose].
#[cfg(feature = "promise")]
pub fn register_async(rt: &mut Runtime) {
    register_stack_class(
        rt,
        true,
        ("disposeAsync", dispose_async, names::Symbol_asyncDispose),
    );
    let aip = rt.realm.async_iterator_proto.clone();
    rt.define_symbol_method(
        &aip,
        names::Symbol_asyncDispose,
        "[Symbol.asyncDispose]",
        async_iterator_dispose,
        0,
    );
}
