/*
 * qjs.h: the C API of the qjs runtime, as used by programs that qjsc generates.
 *
 * The names and shapes follow QuickJS's quickjs.h / quickjs-libc.h so that generated code reads
 * the same. The functions are implemented in Rust (runtime/src/capi.rs) and shipped in
 * libqjs_archive.a; link with -lm.
 */
#ifndef QJS_H
#define QJS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct JSRuntime JSRuntime;
typedef struct JSContext JSContext;

JSRuntime *JS_NewRuntime(void);
void JS_FreeRuntime(JSRuntime *rt);
JSContext *JS_NewContextRaw(JSRuntime *rt);
void JS_FreeContext(JSContext *ctx);

/* Object, Function, Array, String, Number, Boolean, Symbol, Error types, Math, globalThis... */
void JS_AddIntrinsicBaseObjects(JSContext *ctx);

/* Optional features, one call each; qjsc's -fno-FEATURE leaves the call out. */
void JS_AddIntrinsicDate(JSContext *ctx);   /* -fno-date */
void JS_AddIntrinsicRegExp(JSContext *ctx); /* -fno-regexp */
void JS_AddIntrinsicJSON(JSContext *ctx);   /* -fno-json */
void JS_AddIntrinsicMapSet(JSContext *ctx); /* -fno-map */
void JS_AddIntrinsicPromise(JSContext *ctx); /* -fno-promise */
void JS_AddIntrinsicWeakRef(JSContext *ctx); /* -fno-weakref */
void JS_AddIntrinsicBigInt(JSContext *ctx); /* -fno-bigint */

/* print, console.log, scriptArgs */
void js_std_add_helpers(JSContext *ctx, int argc, char **argv);

/* Loads and verifies bytecode, then runs it unless load_only is set.
   0 ok, -1 on exception or invalid bytecode (already printed to stderr). */
int js_std_eval_binary(JSContext *ctx, const uint8_t *buf, size_t buf_len, int load_only);

/* Runs pending jobs. 0 ok, -1 uncaught exception (printed to stderr). */
int js_std_loop(JSContext *ctx);

#ifdef __cplusplus
}
#endif

#endif /* QJS_H */
