//! The static library (`libqjs_archive_eval.a`) that qjsc links into programs that keep eval
//! (every program not built with `-fno-eval`).
//!
//! It is the runtime's C API (exported from the `qjs-runtime` crate, as in `libqjs_archive.a`)
//! plus one more intrinsic, `JS_AddIntrinsicEval`, that registers the compiler as the runtime's
//! `Runtime::set_function_compiler`: `eval`, `new Function`, `GeneratorFunction`... then compile source at
//! run time. The compiler (oxc) needs `std`, so unlike `qjs-archive` this crate is not `no_std`:
//! std's allocator is malloc and its panic handler aborts under the `archive` profile. The two
//! archives export the same C API, so a program links exactly one of them (DESIGN.md, section 2).

use qjs_runtime::capi::ContextHandle;

/// Registers the compiler for `eval`, `Function(...)` and the other dynamic-function
/// constructors (QuickJS's `JS_AddIntrinsicEval`).
///
/// # Safety
/// `ctx` comes from `JS_NewContextRaw` and has not been freed.
#[no_mangle]
pub unsafe extern "C" fn JS_AddIntrinsicEval(ctx: *mut ContextHandle) {
    // SAFETY: per the function contract.
    if let Some(rt) = unsafe { qjs_runtime::capi::context_runtime(ctx) } {
        rt.set_function_compiler(qjs_compiler::dynamic_function_compiler);
    }
}
