// Functions, closures, arguments, rest/spread, default parameters, this binding, recursion.
const out = [];
function add(a, b = 10, ...rest) { return a + b + rest.length; }
out.push(add(1), add(1, 2), add(1, 2, 3, 4), add.length, add.name);
function args() { return arguments.length + ":" + Array.prototype.join.call(arguments, "-"); }
out.push(args(1, 2, 3));
const counter = () => { let n = 0; return { inc: () => ++n, get: () => n }; };
const c1 = counter(), c2 = counter();
c1.inc(); c1.inc(); c2.inc();
out.push(c1.get(), c2.get());
const fns = [];
for (let i = 0; i < 3; i++) fns.push(() => i);
out.push(fns.map(f => f()).join(","));
var vfns = [];
for (var j = 0; j < 3; j++) vfns.push(() => j);
out.push(vfns.map(f => f()).join(","));
function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); }
out.push(fact(10), fact(20));
const fib = function f(n) { return n < 2 ? n : f(n - 1) + f(n - 2); };
out.push(fib(15));
const obj = { name: "o", regular() { return this.name; }, arrow: () => typeof this, nested() { return [1].map(() => this.name)[0]; } };
out.push(obj.regular(), obj.nested());
function Point(x, y) { this.x = x; this.y = y; }
Point.prototype.sum = function () { return this.x + this.y; };
const p = new Point(2, 3);
out.push(p.sum(), p instanceof Point, p.constructor === Point);
out.push(Math.max(...[1, 5, 3]), [..."abc", ...[1, 2]].join(""));
function sum3(a, b, c) { return a + b + c; }
out.push(sum3.apply(null, [1, 2, 3]), sum3.call(null, 1, 2, 3), sum3.bind(null, 1)(2, 3), sum3.bind(null, 1).name);
const bound = function () { return this.v; }.bind({ v: 42 });
out.push(bound());
(function () { "use strict"; out.push(this === undefined); })();
out.push((function () { return typeof this; })());
function hoisted() { return inner(); function inner() { return "hoisted inner"; } }
out.push(hoisted());
out.push(typeof notYetDefined, (function () { return typeof later; var later = 1; })());
const compose = (...fs) => x => fs.reduceRight((acc, f) => f(acc), x);
out.push(compose(x => x + 1, x => x * 2)(5));
let depth = 0;
function deep(n) { depth = n; return n === 0 ? 0 : 1 + deep(n - 1); }
out.push(deep(5000));
try { (function r() { r(); })(); } catch (e) { out.push(e instanceof RangeError, e.message); }
const o2 = { f() { return "method"; }, get g() { return "getter"; }, set s(v) { this._s = v; }, ["comp" + "uted"]: 1 };
o2.s = 5;
out.push(o2.f(), o2.g, o2._s, o2.computed, Object.keys(o2).join(","));
console.log(out.join("\n"));
