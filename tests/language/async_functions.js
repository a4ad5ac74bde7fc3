// Promises, async functions and await: results and the order of jobs match Node.
const log = (...a) => console.log(a.join(" "));
log("start");
Promise.resolve(1).then(v => log("then", v));
new Promise((res, rej) => rej(new Error("no"))).catch(e => log("caught", e.message)).finally(() => log("finally"));
async function f(x) { log("f start", x); const y = await x; log("after await", y); return y * 2; }
f(21).then(v => log("f result", v));
async function g() { try { await Promise.reject("bad"); } catch (e) { log("g caught", e); return "g ok"; } }
g().then(log);
const arrow = async (a) => (await a) + (await Promise.resolve(1));
arrow(5).then(v => log("arrow", v));
class C { async m() { return this.v; } constructor() { this.v = "method"; } }
new C().m().then(log);
async function order() { log("o1"); await null; log("o3"); }
order(); log("o2");
async function thrower() { throw new TypeError("async throw"); }
thrower().catch(e => log(e.name, e.message));
let resolve; const promise = new Promise(r => { resolve = r; });
promise.then(v => log("resolved later", v)); resolve("yes");
Promise.reject(3).then(null, r => log("rejected", r));
const thenable = { then(r) { r("from thenable"); } };
(async () => log(await thenable))();
async function loop() { let s = 0; for (let i = 0; i < 5; i++) s += await i; return s; }
loop().then(v => log("loop", v));
async function gen() { const arr = []; for (const x of [1, 2]) arr.push(await x); return arr.join("+"); }
gen().then(log);
log("end");
