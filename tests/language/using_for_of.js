// `for (using x of …)`: each iteration's value is disposed when the iteration ends (checked by
// hand: Node 20 has no `using`).
const log = [];
const res = n => ({ [Symbol.dispose]() { log.push("dispose " + n); } });
for (using x of [res(1), res(2), res(3)]) { log.push("body"); if (log.length > 5) break; }
console.log(log.join(", ")); log.length = 0;
try { for (using x of [res("a")]) throw new Error("boom"); } catch (e) { log.push(e.message); }
console.log(log.join(", ")); log.length = 0;
for (using x of [res("c1"), null, res("c2")]) { if (x === null) continue; log.push("saw"); }
let n = 0;
for (using x of [res("b1"), res("b2"), res("b3")]) { if (++n == 2) break; log.push("kept"); }
console.log(log.join(", ")); log.length = 0;
(async () => {
  for (await using x of [{ async [Symbol.asyncDispose]() { log.push("ad"); } }]) log.push("ab");
  for await (using x of [res("fa")]) log.push("fab");
  console.log(log.join(", "));
})();
