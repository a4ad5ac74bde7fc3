// Generators: next/throw/return, yield*, finally on return, generator methods, iteration.
function* g(a) { const x = yield a; const y = yield x * 2; return x + y; }
const it = g(5);
console.log(JSON_s(it.next()), JSON_s(it.next(10)), JSON_s(it.next(3)), JSON_s(it.next()));
function JSON_s(r) { return r.value + "/" + r.done; }
function* count(n) { for (let i = 0; i < n; i++) yield i; }
console.log([...count(5)].join(), Array.from(count(3)).join());
for (const v of count(3)) console.log("v", v);
function* inner() { yield 1; yield 2; return "r"; }
function* outer() { const r = yield* inner(); yield r; yield* [7, 8]; }
console.log([...outer()].join());
function* fin() { try { yield 1; yield 2; } finally { console.log("cleanup"); } }
const f = fin(); console.log(JSON_s(f.next())); console.log(JSON_s(f.return(42))); console.log(JSON_s(f.next()));
for (const v of fin()) { console.log("got", v); break; }
function* catcher() { try { yield 1; } catch (e) { console.log("caught", e); yield 2; } }
const c = catcher(); c.next(); console.log(JSON_s(c.throw("boom"))); console.log(JSON_s(c.next()));
function* notcatch() { try { yield 1; } catch (e) { console.log("should not run"); } finally { console.log("fin runs"); } }
const n2 = notcatch(); n2.next(); console.log(JSON_s(n2.return(5)));
const obj = { *gen() { yield this.v; }, v: 9 };
console.log([...obj.gen()].join());
class K { *[Symbol.iterator]() { yield "a"; yield "b"; } }
console.log([...new K()].join());
const gf = function* () {}; console.log(Object.prototype.toString.call(gf()), typeof gf().next);
try { new g(); } catch (e) { console.log(e.name); }
function* inf() { let i = 0; while (true) yield i++; }
const [a0, a1, a2] = inf(); console.log(a0, a1, a2);
function* fib() { let [a, b] = [0, 1]; for (;;) { yield a; [a, b] = [b, a + b]; } }
const fs = []; for (const x of fib()) { if (x > 50) break; fs.push(x); } console.log(fs.join());
const running = (function* r() { try { running.next(); } catch (e) { yield e.name; } })(); console.log(running.next().value);
function* args() { yield arguments.length; yield* arguments; }
console.log([...args(4, 5)].join());
const dl = { [Symbol.iterator]() { return { next(v) { return { value: "got " + v, done: v === "stop" }; }, return(v) { console.log("inner return", v); return { value: v, done: true }; } }; } };
function* d() { const r = yield* dl; return r; }
const di = d(); console.log(di.next("x").value, di.next("y").value, JSON_s(di.next("stop")));
const di2 = d(); di2.next(); console.log(JSON_s(di2.return("early")));
