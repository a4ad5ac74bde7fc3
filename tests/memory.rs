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
