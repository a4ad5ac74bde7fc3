//! The C API, shaped like `quickjs.h` (declared in `stubs/qjs.h`). The generated `main()` of
//! every compiled program calls these.
//!
//! Invariants for the `unsafe` here: `JSRuntime*` is a `Box<RuntimeHandle>` made by
//! `JS_NewRuntime` and freed once by `JS_FreeRuntime`; `JSContext*` is a `Box<ContextHandle>`
//! pointing at its runtime, made by `JS_NewContextRaw` and freed by `JS_FreeContext` before the
//! runtime. C callers must follow QuickJS's rules (no use after free, one thread per runtime).
use crate::runtime::Runtime;
use alloc::boxed::Box;

/// `JSRuntime`: the engine is created lazily with the context (one realm per runtime for now).
pub struct RuntimeHandle {
    rt: Option<Runtime>,
    /// `JS_SetMaxStackSize`'s limit, for the engine made with the context.
    max_stack: Option<usize>,
}

/// `JSContext`.
pub struct ContextHandle {
    rt: *mut RuntimeHandle,
}

impl ContextHandle {
    fn runtime(&mut self) -> Option<&mut Runtime> {
        // SAFETY: the context never outlives its runtime (module invariants).
        unsafe { self.rt.as_mut() }.and_then(|h| h.rt.as_mut())
    }
}

/// The engine behind a `JSContext*`, for intrinsics that live outside this crate (the eval
/// archive's `JS_AddIntrinsicEval`, which registers the compiler).
///
/// # Safety
/// `ctx` is null or comes from `JS_NewContextRaw` and has not been freed; the returned reference
/// must not outlive it.
pub unsafe fn context_runtime<'a>(ctx: *mut ContextHandle) -> Option<&'a mut Runtime> {
    // SAFETY: per the function contract.
    unsafe { ctx.as_mut() }.and_then(|c| c.runtime())
}

#[no_mangle]
pub extern "C" fn JS_NewRuntime() -> *mut RuntimeHandle {
    Box::into_raw(Box::new(RuntimeHandle {
        rt: None,
        max_stack: None,
    }))
}

/// # Safety
/// `rt` comes from `JS_NewRuntime` and is freed once.
#[no_mangle]
pub unsafe extern "C" fn JS_FreeRuntime(rt: *mut RuntimeHandle) {
    if !rt.is_null() {
        // SAFETY: per the function contract.
        drop(unsafe { Box::from_raw(rt) });
    }
}

/// Sets the most native stack bytes the engine may use (QuickJS's `JS_SetMaxStackSize`;
/// 0 means no limit).
///
/// # Safety
/// `rt` comes from `JS_NewRuntime`.
#[no_mangle]
pub unsafe extern "C" fn JS_SetMaxStackSize(rt: *mut RuntimeHandle, stack_size: usize) {
    // SAFETY: per the function contract.
    let Some(h) = (unsafe { rt.as_mut() }) else {
        return;
    };
    let limit = crate::host::stack_limit(stack_size);
    h.max_stack = Some(limit);
    if let Some(engine) = h.rt.as_mut() {
        engine.max_stack = limit;
    }
}

/// # Safety
/// `rt` comes from `JS_NewRuntime`.
#[no_mangle]
pub unsafe extern "C" fn JS_NewContextRaw(rt: *mut RuntimeHandle) -> *mut ContextHandle {
    // SAFETY: per the function contract.
    let Some(h) = (unsafe { rt.as_mut() }) else {
        return core::ptr::null_mut();
    };
    let mut engine = Runtime::new_raw();
    if let Some(n) = h.max_stack {
        engine.max_stack = n;
    }
    h.rt = Some(engine);
    Box::into_raw(Box::new(ContextHandle { rt }))
}

/// # Safety
/// `ctx` comes from `JS_NewContextRaw` and is freed once, before its runtime.
#[no_mangle]
pub unsafe extern "C" fn JS_FreeContext(ctx: *mut ContextHandle) {
    if ctx.is_null() {
        return;
    }
    // SAFETY: per the function contract.
    let c = unsafe { Box::from_raw(ctx) };
    // SAFETY: the runtime is still alive (contract).
    if let Some(h) = unsafe { c.rt.as_mut() } {
        h.rt = None;
    }
    drop(c);
}

/// # Safety
/// `ctx` comes from `JS_NewContextRaw`.
#[no_mangle]
pub unsafe extern "C" fn JS_AddIntrinsicBaseObjects(ctx: *mut ContextHandle) {
    // SAFETY: per the function contract.
    if let Some(rt) = unsafe { ctx.as_mut() }.and_then(|c| c.runtime()) {
        crate::builtins::add_base_objects(rt);
    }
}

/// `JS_AddIntrinsicBaseObjects` without the instruction groups (ours: what qjsc's programs
/// without eval call, followed by `JS_AddOpGroup*` for the groups their bytecode contains).
///
/// # Safety
/// `ctx` comes from `JS_NewContextRaw`.
#[no_mangle]
pub unsafe extern "C" fn JS_AddIntrinsicBaseObjectsCore(ctx: *mut ContextHandle) {
    // SAFETY: per the function contract.
    if let Some(rt) = unsafe { context_runtime(ctx) } {
        crate::builtins::add_base_objects_core(rt);
    }
}

/// Runs `register` on the engine of `ctx` (the instruction groups' entry points).
///
/// # Safety
/// `ctx` comes from `JS_NewContextRaw`.
unsafe fn register_on(ctx: *mut ContextHandle, register: fn(&mut Runtime)) {
    // SAFETY: per the function contract.
    if let Some(rt) = unsafe { context_runtime(ctx) } {
        register(rt);
    }
}

/// Classes, `super`, methods of literals, private names.
///
/// # Safety
/// `ctx` comes from `JS_NewContextRaw`.
#[no_mangle]
pub unsafe extern "C" fn JS_AddOpGroupClasses(ctx: *mut ContextHandle) {
    // SAFETY: per the function contract.
    unsafe { register_on(ctx, crate::op_groups::add_classes) }
}

/// `with` and sloppy direct eval's declarations.
///
/// # Safety
/// `ctx` comes from `JS_NewContextRaw`.
#[no_mangle]
pub unsafe extern "C" fn JS_AddOpGroupDynamicScope(ctx: *mut ContextHandle) {
    // SAFETY: per the function contract.
    unsafe { register_on(ctx, crate::op_groups::add_dynamic_scope) }
}

/// Template objects, arguments objects, rest elements of destructuring.
///
/// # Safety
/// `ctx` comes from `JS_NewContextRaw`.
#[no_mangle]
pub unsafe extern "C" fn JS_AddOpGroupExtra(ctx: *mut ContextHandle) {
    // SAFETY: per the function contract.
    unsafe { register_on(ctx, crate::op_groups::add_extra) }
}

/// `for-in` loops.
///
/// # Safety
/// `ctx` comes from `JS_NewContextRaw`.
#[no_mangle]
pub unsafe extern "C" fn JS_AddOpGroupForIn(ctx: *mut ContextHandle) {
    // SAFETY: per the function contract.
    unsafe { register_on(ctx, crate::op_groups::add_for_in) }
}

/// `using` and `await using` declarations.
///
/// # Safety
/// `ctx` comes from `JS_NewContextRaw`.
#[no_mangle]
pub unsafe extern "C" fn JS_AddOpGroupDispose(ctx: *mut ContextHandle) {
    // SAFETY: per the function contract.
    unsafe { register_on(ctx, crate::op_groups::add_dispose) }
}

/// The suspension points of generators and async functions.
///
/// # Safety
/// `ctx` comes from `JS_NewContextRaw`.
#[no_mangle]
pub unsafe extern "C" fn JS_AddOpGroupGenerators(ctx: *mut ContextHandle) {
    // SAFETY: per the function contract.
    unsafe { register_on(ctx, crate::op_groups::add_generators) }
}

/// # Safety
/// `ctx` comes from `JS_NewContextRaw`; `argv` holds `argc` NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn js_std_add_helpers(
    ctx: *mut ContextHandle,
    argc: i32,
    argv: *const *const u8,
) {
    // SAFETY: argv holds argc strings (contract).
    let args = unsafe { crate::host::args_from_argv(argc, argv) };
    // SAFETY: per the function contract.
    if let Some(rt) = unsafe { ctx.as_mut() }.and_then(|c| c.runtime()) {
        crate::host::add_helpers(rt, &args);
    }
}

/// Runs bytecode; 0 on success, -1 on an exception or invalid bytecode (already printed).
///
/// # Safety
/// `ctx` comes from `JS_NewContextRaw`; `buf` points at `len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn js_std_eval_binary(
    ctx: *mut ContextHandle,
    buf: *const u8,
    len: usize,
    load_only: i32,
) -> i32 {
    if buf.is_null() {
        return -1;
    }
    // SAFETY: per the function contract.
    let bytes = unsafe { core::slice::from_raw_parts(buf, len) };
    // SAFETY: per the function contract.
    let Some(rt) = (unsafe { ctx.as_mut() }).and_then(|c| c.runtime()) else {
        return -1;
    };
    if load_only != 0 {
        return if crate::host::load_binary(rt, bytes) == 0 {
            0
        } else {
            -1
        };
    }
    if crate::host::eval_binary(rt, bytes) == 0 {
        0
    } else {
        -1
    }
}

/// Runs pending jobs until none is left; 0, or -1 if one threw (printed).
///
/// # Safety
/// `ctx` comes from `JS_NewContextRaw`.
#[no_mangle]
pub unsafe extern "C" fn js_std_loop(ctx: *mut ContextHandle) -> i32 {
    // SAFETY: per the function contract.
    let Some(rt) = (unsafe { ctx.as_mut() }).and_then(|c| c.runtime()) else {
        return -1;
    };
    if crate::host::run_jobs(rt) == 0 {
        0
    } else {
        -1
    }
}

/// # Safety
/// `ctx` comes from `JS_NewContextRaw`.
#[cfg(feature = "date")]
#[no_mangle]
pub unsafe extern "C" fn JS_AddIntrinsicDate(ctx: *mut ContextHandle) {
    // SAFETY: per the function contract.
    if let Some(rt) = unsafe { ctx.as_mut() }.and_then(|c| c.runtime()) {
        crate::builtins::add_date(rt);
    }
}

/// # Safety
/// `ctx` comes from `JS_NewContextRaw`.
#[cfg(feature = "string-normalize")]
#[no_mangle]
pub unsafe extern "C" fn JS_AddIntrinsicStringNormalize(ctx: *mut ContextHandle) {
    // SAFETY: per the function contract.
    if let Some(rt) = unsafe { ctx.as_mut() }.and_then(|c| c.runtime()) {
        crate::builtins::add_string_normalize(rt);
    }
}

/// # Safety
/// `ctx` comes from `JS_NewContextRaw`.
#[cfg(feature = "regexp")]
#[no_mangle]
pub unsafe extern "C" fn JS_AddIntrinsicRegExp(ctx: *mut ContextHandle) {
    // SAFETY: per the function contract.
    if let Some(rt) = unsafe { ctx.as_mut() }.and_then(|c| c.runtime()) {
        crate::builtins::add_regexp(rt);
    }
}

/// # Safety
/// `ctx` comes from `JS_NewContextRaw`.
#[no_mangle]
pub unsafe extern "C" fn JS_AddAllMethods(ctx: *mut ContextHandle) {
    // SAFETY: per the function contract.
    if let Some(rt) = unsafe { ctx.as_mut() }.and_then(|c| c.runtime()) {
        crate::builtins::methods::add_all_methods(rt);
    }
}

crate::builtins::methods::c_entry_point!(DisposableStack => crate::builtins::dispose::DisposableStack);

/// # Safety
/// `ctx` comes from `JS_NewContextRaw`.
#[cfg(feature = "regexp")]
#[no_mangle]
pub unsafe extern "C" fn JS_AddIntrinsicRegExpCore(ctx: *mut ContextHandle) {
    // SAFETY: per the function contract.
    if let Some(rt) = unsafe { ctx.as_mut() }.and_then(|c| c.runtime()) {
        crate::builtins::add_regexp_core(rt);
    }
}

/// # Safety
/// `ctx` comes from `JS_NewContextRaw`.
#[cfg(feature = "regexp")]
#[no_mangle]
pub unsafe extern "C" fn JS_AddIntrinsicRegExpCompiler(ctx: *mut ContextHandle) {
    // SAFETY: per the function contract.
    if let Some(rt) = unsafe { ctx.as_mut() }.and_then(|c| c.runtime()) {
        crate::builtins::add_regexp_compiler(rt);
    }
}

/// # Safety
/// `ctx` comes from `JS_NewContextRaw`.
#[cfg(feature = "json")]
#[no_mangle]
pub unsafe extern "C" fn JS_AddIntrinsicJSON(ctx: *mut ContextHandle) {
    // SAFETY: per the function contract.
    if let Some(rt) = unsafe { ctx.as_mut() }.and_then(|c| c.runtime()) {
        crate::builtins::add_json(rt);
    }
}

/// # Safety
/// `ctx` comes from `JS_NewContextRaw`.
#[cfg(feature = "map")]
#[no_mangle]
pub unsafe extern "C" fn JS_AddIntrinsicMapSet(ctx: *mut ContextHandle) {
    // SAFETY: per the function contract.
    if let Some(rt) = unsafe { ctx.as_mut() }.and_then(|c| c.runtime()) {
        crate::builtins::add_map_set(rt);
    }
}

/// # Safety
/// `ctx` comes from `JS_NewContextRaw`.
#[cfg(feature = "promise")]
#[no_mangle]
pub unsafe extern "C" fn JS_AddIntrinsicPromise(ctx: *mut ContextHandle) {
    // SAFETY: per the function contract.
    if let Some(rt) = unsafe { ctx.as_mut() }.and_then(|c| c.runtime()) {
        crate::builtins::add_promise(rt);
    }
}

/// # Safety
/// `ctx` comes from `JS_NewContextRaw`.
#[cfg(feature = "weakref")]
#[no_mangle]
pub unsafe extern "C" fn JS_AddIntrinsicWeakRef(ctx: *mut ContextHandle) {
    // SAFETY: per the function contract.
    if let Some(rt) = unsafe { ctx.as_mut() }.and_then(|c| c.runtime()) {
        crate::builtins::add_weakref(rt);
    }
}

/// # Safety
/// `ctx` comes from `JS_NewContextRaw`.
#[no_mangle]
pub unsafe extern "C" fn JS_AddIntrinsicModules(ctx: *mut ContextHandle) {
    // SAFETY: per the function contract.
    if let Some(rt) = unsafe { ctx.as_mut() }.and_then(|c| c.runtime()) {
        crate::builtins::add_modules(rt);
    }
}

/// # Safety
/// `ctx` comes from `JS_NewContextRaw`.
#[cfg(feature = "iterator-helpers")]
#[no_mangle]
pub unsafe extern "C" fn JS_AddIntrinsicIteratorHelpers(ctx: *mut ContextHandle) {
    // SAFETY: per the function contract.
    if let Some(rt) = unsafe { ctx.as_mut() }.and_then(|c| c.runtime()) {
        crate::builtins::add_iterator_helpers(rt);
    }
}

/// # Safety
/// `ctx` comes from `JS_NewContextRaw`.
#[cfg(feature = "bigint")]
#[no_mangle]
pub unsafe extern "C" fn JS_AddIntrinsicBigInt(ctx: *mut ContextHandle) {
    // SAFETY: per the function contract.
    if let Some(rt) = unsafe { ctx.as_mut() }.and_then(|c| c.runtime()) {
        crate::builtins::add_bigint(rt);
    }
}
