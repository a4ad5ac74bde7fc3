// Set methods and groupBy for Node 20 (which lacks them), following ECMA-262 step by step; used
// only to produce expected outputs: node -r ./node_polyfill.cjs map_set.js > map_set.expected
function rec(o) {
  if (Object(o) !== o) throw new TypeError("not an object");
  var n = +o.size; if (n !== n) throw new TypeError("size NaN");
  n = Math.trunc(n); if (n < 0) throw new RangeError("size negative");
  var has = o.has; if (typeof has !== "function") throw new TypeError("has");
  var keys = o.keys; if (typeof keys !== "function") throw new TypeError("keys");
  return { s: o, size: n, has: has, keys: keys };
}
function iter(r) { var it = r.keys.call(r.s); var next = it.next; return { [Symbol.iterator]() { return { next: () => next.call(it) }; } }; }
var P = Set.prototype;
function def(n, f) { Object.defineProperty(P, n, { value: f, writable: true, configurable: true }); }
def("union", function (o) { var r = rec(o); var s = new Set(this); for (var k of iter(r)) s.add(k); return s; });
def("intersection", function (o) { var r = rec(o); var s = new Set(); if (this.size <= r.size) { for (var e of this) if (r.has.call(r.s, e)) s.add(e); } else { for (var k of iter(r)) if (this.has(k)) s.add(k); } return s; });
def("difference", function (o) { var r = rec(o); var s = new Set(this); if (this.size <= r.size) { for (var e of [...this]) if (r.has.call(r.s, e)) s.delete(e); } else { for (var k of iter(r)) s.delete(k); } return s; });
def("symmetricDifference", function (o) { var r = rec(o); var s = new Set(this); for (var k of iter(r)) { if (this.has(k)) s.delete(k); else s.add(k); } return s; });
def("isSubsetOf", function (o) { var r = rec(o); if (this.size > r.size) return false; for (var e of this) if (!r.has.call(r.s, e)) return false; return true; });
def("isSupersetOf", function (o) { var r = rec(o); if (this.size < r.size) return false; for (var k of iter(r)) if (!this.has(k)) return false; return true; });
def("isDisjointFrom", function (o) { var r = rec(o); if (this.size <= r.size) { for (var e of this) if (r.has.call(r.s, e)) return false; } else { for (var k of iter(r)) if (this.has(k)) return false; } return true; });
// Object.groupBy and Map.groupBy (ECMA-262 7.3.35), also missing from Node 20.
function groupBy(items, f, prop) {
  var groups = new Map(), k = 0;
  for (var v of items) { var key = f(v, k++); if (prop) key = typeof key === "symbol" ? key : String(key); else if (key === 0) key = 0;
    if (!groups.has(key)) groups.set(key, []); groups.get(key).push(v); }
  return groups;
}
Object.defineProperty(Object, "groupBy", { value: function (items, f) { var o = Object.create(null); for (var [k, v] of groupBy(items, f, true)) o[k] = v; return o; }, writable: true, configurable: true });
Object.defineProperty(Map, "groupBy", { value: function (items, f) { return groupBy(items, f, false); }, writable: true, configurable: true });
// Array.fromAsync (ECMA-262 2026 23.1.2.2), also missing from Node 20: the spec's async closure,
// with `for await` standing for its iterator loop (and its closing on errors).
Object.defineProperty(Array, "fromAsync", { value: async function fromAsync(items, mapfn, thisArg) {
  if (mapfn !== undefined && typeof mapfn !== "function") throw new TypeError("mapfn is not a function");
  if (items == null) throw new TypeError("items is null or undefined");
  var C = this, isCtor = typeof C === "function";
  var define = function (A, k, v) { Object.defineProperty(A, k, { value: v, writable: true, enumerable: true, configurable: true }); };
  var am = items[Symbol.asyncIterator], sm = am == null ? items[Symbol.iterator] : undefined;
  if (am != null || sm != null) {
    var it = (am != null ? am : sm).call(items);
    var iterable = am != null ? { [Symbol.asyncIterator]: function () { return it; } } : { [Symbol.iterator]: function () { return it; } };
    var A = isCtor ? new C() : [], k = 0;
    for await (var v of iterable) { define(A, k, mapfn ? await mapfn.call(thisArg, v, k) : v); k++; }
    "use strict"; A.length = k; return A;
  }
  var arrayLike = Object(items), len = Math.min(Math.max(Math.trunc(+arrayLike.length) || 0, 0), 2 ** 53 - 1);
  var B = isCtor ? new C(len) : new Array(len);
  for (var j = 0; j < len; j++) { var x = await arrayLike[j]; if (mapfn) x = await mapfn.call(thisArg, x, j); define(B, j, x); }
  B.length = len; return B;
}, writable: true, configurable: true });
Object.defineProperty(Array.fromAsync, "length", { value: 1 });
