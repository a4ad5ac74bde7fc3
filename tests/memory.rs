//! The heap: cyclic garbage is collected while a program runs, and a runtime frees everything
//! at teardown (no leaks, no dangling handles).

fn runtime() -> qjs_runtime::Runtime {
    let mut rt = qjs_runtime::Runtime::new();
    rt.output = Some(Box::new(|_: &str| {}));
    qjs_runtime::host::add_helpers(&mut rt, &[]);
    rt
}

fn exec(rt: &mut qjs_runtime::Runtime, src: &str) {
    let p = qjs_compiler::compile_script(src, "m.js").unwrap_or_else(|e| panic!("{e}"));
    if qjs_runtime::host::exec_program(rt, p).is_err() {
        let e = rt.take_exception();
        panic!(
            "exception: {}",
            rt.to_string(&e)
                .map(|s| s.to_rust_string())
                .unwrap_or_default()
        );
    }
}

#[test]
fn cyclic_garbage_is_collected_during_the_run() {
    let mut rt = runtime();
    let baseline = rt.live_objects();
    exec(
        &mut rt,
        "for (let i = 0; i < 200000; i++) {
           const o = {}; o.self = o;
           const f = () => f;
           const a = []; a.push(a);
         }",
    );
    // 800,000 boxes were allocated; what stays alive is bounded by the collection threshold.
    let live = rt.live_objects() - baseline;
    assert!(live < 100_000, "{live} boxes still alive");
    rt.collect_garbage();
    assert!(
        rt.live_objects() - baseline < 10,
        "{} boxes after a full collection",
        rt.live_objects() - baseline
    );
}

#[test]
fn teardown_frees_cycles_reachable_from_globals() {
    let before = qjs_runtime::host::leaked_boxes();
    let mut rt = runtime();
    exec(
        &mut rt,
        "var ring = { name: 'a' }; ring.next = { name: 'b', next: ring };
         var self = function () { return self; };
         class K { m() { return this; } } var k = new K(); k.k = k;",
    );
    drop(rt);
    assert_eq!(qjs_runtime::host::leaked_boxes(), before);
}

#[test]
fn long_chains_free_without_deep_recursion() {
    let mut rt = runtime();
    let baseline = rt.live_objects();
    exec(
        &mut rt,
        "var head = null; for (let i = 0; i < 1000000; i++) head = { next: head }; head = null;",
    );
    assert!(rt.live_objects() - baseline < 10);
}

#[test]
fn interrupt_handler_stops_an_infinite_loop() {
    let mut rt = runtime();
    let mut polls = 0;
    rt.set_interrupt_handler(Some(Box::new(move || {
        polls += 1;
        polls > 3
    })));
    let p = qjs_compiler::compile_script("for (;;) {}", "loop.js").expect("compiles");
    assert!(qjs_runtime::host::exec_program(&mut rt, p).is_err());
    let e = rt.take_exception();
    let msg = rt
        .to_string(&e)
        .map(|s| s.to_rust_string())
        .unwrap_or_default();
    assert_eq!(msg, "InternalError: interrupted");
}

#[test]
fn interrupt_passes_catch_and_finally() {
    let mut rt = runtime();
    let mut polls = 0;
    rt.set_interrupt_handler(Some(Box::new(move || {
        polls += 1;
        polls > 3
    })));
    // A program that catches everything (and would allocate forever) still stops, and neither
    // its catch nor its finally runs.
    let src = "var caught = 0, a = [];
               for (;;) { try { for (;;) a.push(a.length); } catch (e) { caught++; } finally { caught++; } }";
    let p = qjs_compiler::compile_script(src, "catch.js").expect("compiles");
    assert!(qjs_runtime::host::exec_program(&mut rt, p).is_err());
    let e = rt.take_exception();
    let msg = rt
        .to_string(&e)
        .map(|s| s.to_rust_string())
        .unwrap_or_default();
    assert_eq!(msg, "InternalError: interrupted");
    let g = qjs_runtime::Value::object(rt.global());
    let key = rt.intern("caught");
    let caught = rt.get(&g, key).ok().and_then(|v| v.as_number());
    assert_eq!(caught, Some(0.0));
}

#[test]
fn interrupt_stops_native_loops_over_native_calls() {
    let mut rt = runtime();
    let mut polls = 0;
    rt.set_interrupt_handler(Some(Box::new(move || {
        polls += 1;
        polls > 3
    })));
    // An async generator's `next` is native and its results never say `done`, so the spread
    // loops in native code, calling only natives, and would allocate until memory runs out.
    let src = "const it = (async function* () {})();
               it[Symbol.iterator] = function () { return this; };
               [...it];";
    let p = qjs_compiler::compile_script(src, "spread.js").expect("compiles");
    assert!(qjs_runtime::host::exec_program(&mut rt, p).is_err());
    let e = rt.take_exception();
    let msg = rt
        .to_string(&e)
        .map(|s| s.to_rust_string())
        .unwrap_or_default();
    assert_eq!(msg, "InternalError: interrupted");
}

#[test]
fn weakmap_entries_die_with_their_keys() {
    let mut rt = runtime();
    let baseline = rt.live_objects();
    exec(
        &mut rt,
        "var wm = new WeakMap(), ws = new WeakSet();
         for (let i = 0; i < 1000000; i++) { const k = {}; wm.set(k, { i }); ws.add(k); }",
    );
    // Each key died when its iteration ended, and its entries (and their values) with it.
    let live = rt.live_objects() - baseline;
    assert!(live < 10, "{live} boxes still alive");
    assert!(
        rt.heap().weak_count() < 10,
        "{} weak targets",
        rt.heap().weak_count()
    );
}

#[test]
fn a_value_reachable_only_through_its_key_does_not_keep_the_key_alive() {
    let mut rt = runtime();
    let baseline = rt.live_objects();
    // Every value points back at its key: key and value form a cycle through the WeakMap, which
    // only the ephemeron rule breaks.
    exec(
        &mut rt,
        "var wm = new WeakMap();
         for (let i = 0; i < 200000; i++) { const k = {}; wm.set(k, { k }); }",
    );
    let live = rt.live_objects() - baseline;
    assert!(live < 100_000, "{live} boxes still alive during the run");
    rt.collect_garbage();
    let live = rt.live_objects() - baseline;
    assert!(live < 10, "{live} boxes after a full collection");
    assert!(rt.heap().weak_count() < 10);
}

#[test]
fn live_keys_keep_their_values_through_a_collection() {
    let mut rt = runtime();
    exec(
        &mut rt,
        "var wm = new WeakMap(); var k1 = {}; var k2 = {};
         wm.set(k1, { next: k2, self: k1 }); wm.set(k2, { v: 7 }); k2 = null;
         var ws = new WeakSet(); var cyc = { }; cyc.me = cyc; ws.add(cyc);",
    );
    rt.collect_garbage();
    exec(
        &mut rt,
        "if (wm.get(wm.get(k1).next).v !== 7) throw new Error('ephemeron chain lost');
         if (!ws.has(cyc)) throw new Error('live WeakSet member lost');",
    );
}

#[test]
fn weakref_targets_live_until_the_job_ends_then_registries_clean_up() {
    let mut rt = runtime();
    exec(
        &mut rt,
        "var log = [];
         var fr = new FinalizationRegistry(h => log.push(h));
         var ref = (() => { const o = {}; o.o = o; fr.register(o, 'cycle'); return new WeakRef(o); })();
         fr.register({}, 'plain');
         var tok = {}; fr.register({}, 'unregistered', tok); fr.unregister(tok);
         if (ref.deref() === undefined) throw new Error('target lost during its job');",
    );
    assert_eq!(qjs_runtime::host::run_jobs(&mut rt), 0);
    rt.collect_garbage();
    assert_eq!(qjs_runtime::host::run_jobs(&mut rt), 0);
    exec(
        &mut rt,
        "if (ref.deref() !== undefined) throw new Error('target kept after its job');
         if (log.sort().join() !== 'cycle,plain') throw new Error('cleanups: ' + log.join());",
    );
}
