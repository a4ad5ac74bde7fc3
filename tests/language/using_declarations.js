// `using` / `await using` (explicit resource management). Node 20 has no `using`, so the
// expected output was checked by hand against the spec's DisposeResources order.
const log = [];
function res(name, fail) {
  return { [Symbol.dispose]() { log.push("dispose " + name); if (fail) throw new Error(name); } };
}
function flush() { console.log(log.join(", ")); log.length = 0; }
{
  using a = res("a"), b = res("b");
  using c = null;
  log.push("body");
}
flush();
function f() {
  using a = res("a");
  for (let i = 0; i < 3; i++) { using x = res("x" + i); if (i == 1) break; }
  return "ret";
}
log.push(f());
flush();
try {
  using a = res("a", true), b = res("b", true);
  throw new Error("body");
} catch (e) {
  console.log(e.constructor.name, e.error.message, e.suppressed.constructor.name,
    e.suppressed.error.message, e.suppressed.suppressed.message);
}
flush();
try { using bad = 1; } catch (e) { console.log(e.constructor.name); }
try { using bad = {}; } catch (e) { console.log(e.constructor.name); }
function* g() { using a = res("g"); yield 1; yield 2; }
const it = g(); it.next(); it.return(); flush();
async function h() {
  await using a = { async [Symbol.asyncDispose]() { log.push("async a"); } }, b = res("sync b"), c = null;
  log.push("h body");
}
async function k() {
  try {
    await using a = { [Symbol.asyncDispose]() { return Promise.reject(new Error("rejected")); } };
  } catch (e) { log.push("caught " + e.message); }
}
h().then(k).then(flush);
const se = new SuppressedError(1, 2, "m");
console.log(se.error, se.suppressed, se.message, SuppressedError.length, typeof Symbol.dispose, Symbol.asyncDispose.toString());
