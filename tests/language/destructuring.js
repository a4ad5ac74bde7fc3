// Destructuring, spread, template literals, getters/setters, object literal features.
const out = [];
const [a, b = 2, ...rest] = [1, undefined, 3, 4];
out.push(a, b, rest.join());
const { x, y: why = 5, ...others } = { x: 1, z: 3, w: 4 };
out.push(x, why, Object.keys(others).join());
const { deep: { inner: [first, , third] } } = { deep: { inner: [1, 2, 3] } };
out.push(first, third);
let p = 1, q = 2;
[p, q] = [q, p];
out.push(p, q);
function params({ a = 1, b } = {}, [c, d] = [3, 4]) { return a + b + c + d; }
out.push(params({ b: 2 }), params({ a: 10, b: 20 }, [30, 40]));
for (const [k, v] of Object.entries({ one: 1, two: 2 })) out.push(k + v);
const name = "World", n = 3;
out.push(`Hello ${name}! ${n * 2} ${`nested ${n}`} \${escaped} line1
line2`);
const key = "dyn";
const lit = { [key + "1"]: 1, [`${key}2`]() { return 2; }, __proto__: { fromProto: true }, n, };
out.push(lit.dyn1, lit.dyn2(), lit.fromProto, lit.n, lit.dyn2.name);
const fnName = function () {}; const arrowName = () => {};
out.push(fnName.name, arrowName.name, ({ m() {} }).m.name);
console.log(out.join("\n"));
const k2 = "b";
const { a: ra, [k2]: rb, ...restObj } = { a: 1, b: 2, c: 3, d: 4 };
let r2;
({ c: r2, ...r2rest } = { c: 5, e: 6 });
var r2rest;
console.log(ra, rb, Object.keys(restObj).join(), r2, Object.keys(r2rest).join());
try { const {} = null; } catch (e) { console.log(e.name); }
// A rest element's property target is evaluated before the remaining values are collected.
const restOrder = [];
const restTarget = {};
[...restTarget[(restOrder.push("key"), "k")]] = { [Symbol.iterator]() { let n = 0; return { next() { restOrder.push("next"); return { done: n++ > 1, value: n }; } }; } };
console.log(restOrder.join(), restTarget.k.join());
