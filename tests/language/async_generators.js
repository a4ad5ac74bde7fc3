// Async generators, for await and async yield*: values, request queueing, and the order of
// promise jobs (each step is logged with a tick counter interleaved, compared with Node).
const log = (...a) => console.log(a.join(" "));
const r = (x) => JSON.stringify(x);

// Interleaving: a counter chain of plain promise jobs runs beside the generator.
let tick = 0;
function ticker(n) {
  let p = Promise.resolve();
  for (let i = 0; i < n; i++) p = p.then(() => log("tick", ++tick));
  return p;
}

async function* basic() {
  log("basic start");
  const x = yield 1;
  log("basic got", x);
  const y = yield Promise.resolve(2); // yield awaits its operand
  log("basic got", y);
  try {
    yield await 3;
  } finally {
    log("basic finally");
  }
  return Promise.resolve("done"); // return awaits too
}

async function section1() {
  log("-- queue");
  const g = basic();
  log(Object.prototype.toString.call(g), typeof g.next);
  // Three requests queued at once settle in order.
  const ps = [g.next("a"), g.next("b"), g.next("c")];
  ticker(6);
  for (const p of ps) log("settled", r(await p));
  log("next", r(await g.next("d")));
  log("after end", r(await g.next("e")));
  await ticker(1);
}

async function section2() {
  log("-- return and throw");
  const g1 = basic();
  log("return before start", r(await g1.return(Promise.resolve(7))));
  log("next after return", r(await g1.next()));
  const g2 = basic();
  try { await g2.throw(new Error("boom")); } catch (e) { log("throw before start:", e.message); }
  const g3 = basic();
  await g3.next();
  await g3.next();
  await g3.next();
  log("return in try", r(await g3.return(9)));
  async function* catcher() {
    try { yield 1; } catch (e) { log("catcher caught", e); yield 2; }
  }
  const g4 = catcher();
  await g4.next();
  log("throw caught", r(await g4.throw("x")));
  log("finish", r(await g4.next()));
  const g5 = catcher();
  await g5.next();
  try { await g5.return(Promise.reject("rejected return")); } catch (e) { log("return rejection:", e); }
}

async function section3() {
  log("-- for await");
  for await (const v of basic()) log("v", v);
  const syncIt = [Promise.resolve("p1"), "plain", Promise.resolve("p3")];
  for await (const v of syncIt) log("from sync", v);
  let closed = 0;
  const custom = {
    [Symbol.asyncIterator]() {
      let i = 0;
      return {
        next() { return Promise.resolve({ value: i++, done: i > 5 }); },
        return() { closed++; log("custom return"); return Promise.resolve({ done: true }); },
      };
    },
  };
  for await (const v of custom) { if (v === 2) break; log("custom", v); }
  outer: for (const k of ["a", "b"]) {
    for await (let [x, y] of [[k, 1], [k, 2]]) {
      if (y === 2) continue outer;
      log("pair", x, y);
    }
  }
  const target = {};
  for await (target.v of custom) if (target.v > 0) break;
  log("assignment target", target.v, "closed", closed);
  try {
    for await (var w of custom) throw new Error("in body " + w);
  } catch (e) { log(e.message, "closed", closed); }
  async function early() { for await (const v of custom) return v + 100; }
  log("return from loop", await early(), "closed", closed);
  try { for await (const v of 5) log(v); } catch (e) { log(e.constructor.name); }
}

async function section4() {
  log("-- yield*");
  async function* inner() {
    try {
      const a = yield "i1";
      log("inner got", a);
      yield "i2";
      return "inner result";
    } finally { log("inner finally"); }
  }
  async function* outer() {
    const res = yield* inner();
    log("yield* result", res);
    yield* ["s1", Promise.resolve("s2")];
    return "outer done";
  }
  const g = outer();
  log(r(await g.next()));
  log(r(await g.next("A")));
  log(r(await g.next()));
  log(r(await g.next()));
  log(r(await g.next()));
  log(r(await g.next()));
  const g2 = outer();
  await g2.next();
  log("return through yield*", r(await g2.return("R")));
  const noThrow = { [Symbol.asyncIterator]() { return { next() { return { value: 1, done: false }; }, return() { log("closed for missing throw"); return {}; } }; } };
  async function* del() { yield* noThrow; }
  const g3 = del();
  await g3.next();
  try { await g3.throw(new Error("t")); } catch (e) { log(e.constructor.name); }
}

async function section5() {
  log("-- methods and prototypes");
  class K {
    static async *s() { yield "static"; }
    async *m() { yield "method"; }
    async *#p() { yield "private"; }
    p() { return this.#p(); }
  }
  const o = { async *gen() { yield "object"; } };
  for (const it of [K.s(), new K().m(), new K().p(), o.gen()]) log((await it.next()).value);
  const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {}).constructor;
  log(AsyncGeneratorFunction.name, AsyncGeneratorFunction.length);
  const made = new AsyncGeneratorFunction("a", "yield a * 2;");
  log((await made(21).next()).value);
  const AGP = Object.getPrototypeOf(o.gen.prototype);
  log(AGP[Symbol.toStringTag], Object.getOwnPropertyNames(AGP).sort().join());
  const AIP = Object.getPrototypeOf(AGP);
  log(typeof AIP[Symbol.asyncIterator], AIP[Symbol.asyncIterator].name);
  log(o.gen.prototype instanceof Object, Object.getPrototypeOf(o.gen) === AsyncGeneratorFunction.prototype);
  try { new o.gen(); } catch (e) { log("not a constructor:", e.constructor.name); }
  try { await AGP.next.call({}); } catch (e) { log("bad this:", e.constructor.name); }
}

async function section6() {
  log("-- ordering");
  tick = 0;
  async function* g() { log("g body"); yield 1; log("g resumed"); yield 2; }
  const it = g();
  const done = ticker(8);
  it.next().then((v) => log("first", v.value));
  it.next().then((v) => log("second", v.value));
  it.next().then((v) => log("third", v.done));
  it.return("ret").then((v) => log("return", v.value));
  await done;
  tick = 0;
  const done2 = ticker(10);
  (async () => { for await (const v of [1, 2]) log("loop", v); log("loop end"); })();
  (async () => { for await (const v of g()) log("gen loop", v); log("gen loop end"); })();
  await done2;
}

(async () => {
  await section1();
  await section2();
  await section3();
  await section4();
  await section5();
  await section6();
  log("all done");
})().catch((e) => log("FAILED", e && e.stack));
