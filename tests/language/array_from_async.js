// Array.fromAsync: sources, mapping, errors, iterator closing and job order.
// Expected output: node -r ./node_polyfill.cjs array_from_async.js (Node 20 lacks fromAsync).
const log = (...a) => console.log(a.join(" "));
let tick = 0;
function ticker(n) {
  let p = Promise.resolve();
  for (let i = 0; i < n; i++) p = p.then(() => log("tick", ++tick));
  return p;
}
async function* gen() { log("gen 1"); yield 1; log("gen 2"); yield Promise.resolve(2); log("gen end"); }

(async () => {
  log(typeof Array.fromAsync, Array.fromAsync.length, Array.fromAsync.name);
  const done = ticker(12);
  const a = Array.fromAsync(gen());
  log("returned a promise:", a instanceof Promise);
  log("from async generator", JSON.stringify(await a));
  await done;
  log("from sync array", JSON.stringify(await Array.fromAsync([Promise.resolve("x"), "y"])));
  log("array-like", JSON.stringify(await Array.fromAsync({ length: 3, 0: "a", 1: Promise.resolve("b"), 2: "c" })));
  log("mapped", JSON.stringify(await Array.fromAsync([1, 2, 3], async function (v, i) { return v * this.m + i; }, { m: 10 })));
  class MyArray { constructor(...args) { log("MyArray", args.length); } }
  const custom = await Array.fromAsync.call(MyArray, [1, 2]);
  log(custom instanceof MyArray, custom.length, custom[0], custom[1]);
  const viaLike = await Array.fromAsync.call(MyArray, { length: 1, 0: "z" });
  log(viaLike instanceof MyArray, viaLike.length);
  try { await Array.fromAsync(null); } catch (e) { log("null:", e.constructor.name); }
  try { await Array.fromAsync([], 5); } catch (e) { log("bad mapfn:", e.constructor.name); }
  let closed = false;
  const closing = {
    [Symbol.asyncIterator]() {
      return {
        next: () => Promise.resolve({ value: 1, done: false }),
        return: () => { closed = true; log("closed"); return Promise.resolve({}); },
      };
    },
  };
  try { await Array.fromAsync(closing, () => { throw new Error("map failed"); }); } catch (e) { log(e.message, closed); }
  try { await Array.fromAsync([Promise.reject(new Error("element rejected"))]); } catch (e) { log(e.message); }
  log("empty", JSON.stringify(await Array.fromAsync([])));
})().catch((e) => log("FAILED", e && e.stack));
