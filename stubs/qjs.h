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
/* Most native stack bytes the engine may use (0: no limit); qjsc -S. Call before
   creating the context. */
void JS_SetMaxStackSize(JSRuntime *rt, size_t stack_size);
JSContext *JS_NewContextRaw(JSRuntime *rt);
void JS_FreeContext(JSContext *ctx);

/* Object, Function, Array, String, Number, Boolean, Symbol, Error types, Math, globalThis... */
void JS_AddIntrinsicBaseObjects(JSContext *ctx);
/* The same without the instruction groups below (ours): a program without eval registers only
   the groups its bytecode contains, so the linker drops the other groups' handlers. */
void JS_AddIntrinsicBaseObjectsCore(JSContext *ctx);
void JS_AddOpGroupClasses(JSContext *ctx);      /* classes, super, methods, private names */
void JS_AddOpGroupDynamicScope(JSContext *ctx); /* with, sloppy eval declarations */
void JS_AddOpGroupExtra(JSContext *ctx);        /* templates, arguments, rest destructuring */
void JS_AddOpGroupForIn(JSContext *ctx);        /* for-in */
void JS_AddOpGroupDispose(JSContext *ctx);      /* using, await using */
void JS_AddOpGroupGenerators(JSContext *ctx);   /* yield, yield*, await */
/* The methods that the core leaves out, each registered on its own (JS_AddMethod_<entry>,
   declared by the generated main), or all of them. */
void JS_AddAllMethods(JSContext *ctx);

/* Optional features, one call each; qjsc's -fno-FEATURE leaves the call out. */
void JS_AddIntrinsicIteratorHelpers(JSContext *ctx); /* -fno-iterator-helpers (ours) */
void JS_AddIntrinsicDate(JSContext *ctx);   /* -fno-date */
void JS_AddIntrinsicStringNormalize(JSContext *ctx); /* -fno-string-normalize */
/* eval, Function(...): registers the compiler. Only in libqjs_archive_eval.a (-fno-eval links
   libqjs_archive.a, which has no compiler). */
void JS_AddIntrinsicEval(JSContext *ctx);   /* -fno-eval */
void JS_AddIntrinsicRegExp(JSContext *ctx); /* -fno-regexp */
/* JS_AddIntrinsicRegExp is these two: RegExp with precompiled literals, and the pattern
   compiler for patterns given at run time (new RegExp(string), "s".match(string)). */
void JS_AddIntrinsicRegExpCore(JSContext *ctx);
void JS_AddIntrinsicRegExpCompiler(JSContext *ctx);
void JS_AddIntrinsicJSON(JSContext *ctx);   /* -fno-json */
void JS_AddIntrinsicMapSet(JSContext *ctx); /* -fno-map */
void JS_AddIntrinsicPromise(JSContext *ctx); /* -fno-promise */
void JS_AddIntrinsicWeakRef(JSContext *ctx); /* -fno-weakref */
void JS_AddIntrinsicBigInt(JSContext *ctx); /* -fno-bigint */
/* Module records, import() and import.meta; qjsc calls it for programs that use them. */
void JS_AddIntrinsicModules(JSContext *ctx);

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
