// Map and Set: SameValueZero keys, insertion order, live iteration, groupBy, set methods.
// Expected output: node -r ./node_polyfill.cjs map_set.js (Node 20 lacks the Set methods and
// groupBy; the polyfill follows ECMA-262 for these plain cases).
function show(label, it) {
  var out = [];
  for (var x of it) out.push(Array.isArray(x) ? x.join(":") : String(x));
  console.log(label + " " + out.join(","));
}

var m = new Map([[1, "a"], ["1", "b"], [NaN, "nan"], [-0, "zero"]]);
console.log(m.size, m.get(1), m.get("1"), m.get(NaN), m.get(0), m.get(+0), m.has(-0));
console.log(Object.is(m.keys().next().value, 1), Object.is([...m.keys()][3], 0));
m.set(1, "A");
show("entries", m);
console.log(m.delete("1"), m.delete("1"), m.size);
var o = {}, s = Symbol("s");
m.set(o, "obj").set(s, "sym");
console.log(m.get(o), m.get({}), m.get(s));
show("keys", m.keys());
show("values", m.values());

// Live iteration: entries added during iteration are visited, deleted ones skipped.
var live = new Map([[1, 1], [2, 2], [3, 3]]);
var seen = [];
for (var [k] of live) {
  seen.push(k);
  if (k === 1) { live.delete(2); live.set(4, 4); }
  if (k === 4) live.set(5, 5);
}
console.log("live " + seen.join(","));

// Many deletions during iteration (compaction must keep the iterator's place).
var big = new Map();
for (var i = 0; i < 100; i++) big.set(i, i);
var it = big.keys();
var firsts = [it.next().value, it.next().value];
for (var i = 0; i < 90; i++) big.delete(i);
var rest = [];
for (var k of it) rest.push(k);
console.log("compact " + firsts.join(",") + " | " + rest.join(","));

// clear during iteration: the iterator continues with new entries.
var c = new Map([[1, 1], [2, 2]]);
var ci = c.entries();
ci.next();
c.clear();
c.set(9, 9);
show("after clear", ci);
console.log(c.size, ci.next().done);

// forEach
var fe = [];
new Map([["x", 1], ["y", 2]]).forEach(function (v, k, map) { fe.push(k + "=" + v + ":" + (map instanceof Map) + ":" + this.t); }, { t: "T" });
console.log(fe.join(" "));

// Set
var st = new Set([1, 2, 2, "2", NaN, NaN, -0, 0]);
console.log(st.size, st.has(0), st.has(NaN), st.has("2"));
show("set", st);
show("set entries", st.entries());
console.log(Set.prototype.keys === Set.prototype.values, Set.prototype[Symbol.iterator] === Set.prototype.values);
console.log(Map.prototype[Symbol.iterator] === Map.prototype.entries);
var ss = new Set("hello");
show("chars", ss);
var fs = [];
ss.forEach(function (v, k, set) { fs.push(v + k); });
console.log(fs.join(""));

// Set methods
var A = new Set([1, 2, 3, 4]), B = new Set([3, 4, 5]);
show("union", A.union(B));
show("intersection", A.intersection(B));
show("difference", A.difference(B));
show("symmetricDifference", A.symmetricDifference(B));
console.log(A.isSubsetOf(B), new Set([3]).isSubsetOf(B), A.isSupersetOf(new Set([1, 2])), A.isDisjointFrom(new Set([7])));
var setLike = { size: 2, has: function (v) { return v === 1 || v === 9; }, keys: function () { return [1, 9][Symbol.iterator](); } };
show("setlike union", A.union(setLike));
show("setlike intersection", A.intersection(setLike));
show("map as set", A.intersection(new Map([[2, "x"], [8, "y"]])));
try { A.union({ size: NaN, has: function () {}, keys: function () {} }); } catch (e) { console.log(e.name); }
try { A.union({ size: -1, has: function () {}, keys: function () {} }); } catch (e) { console.log(e.name); }

// groupBy
var g = Object.groupBy([1, 2, 3, 4, 5], function (x) { return x % 2 ? "odd" : "even"; });
console.log(Object.getPrototypeOf(g) === null, Object.keys(g).join(","), g.odd.join(","), g.even.join(","));
var mg = Map.groupBy([1.5, -0, 0, 2.5], function (x) { return Math.floor(x) === 1 ? "one" : x; });
show("Map.groupBy", mg.keys());
console.log(mg.get(0).length);

// Protocol details
console.log(Map.length, Set.length, Map.name, Map.prototype.set.length, Map.groupBy.length);
console.log(Object.prototype.toString.call(new Map()), Object.prototype.toString.call(new Set().values()));
console.log(Object.prototype.toString.call(new Map().entries()));
console.log(Map[Symbol.species] === Map, Object.getOwnPropertyDescriptor(Map.prototype, "size").get.name);
try { Map(); } catch (e) { console.log(e.name); }
try { Map.prototype.get.call(new Set(), 1); } catch (e) { console.log(e.name); }
try { new Set().values().next.call(new Map().values()); } catch (e) { console.log(e.name); }

// Subclassing uses the overridden adder.
class CountingMap extends Map {
  set(k, v) { this.count = (this.count || 0) + 1; return super.set(k, v); }
}
var cm = new CountingMap([[1, 1], [2, 2]]);
console.log(cm.count, cm.size, cm instanceof Map);

// Iterator closed when the adder throws.
var closed = false;
var iterable = {};
iterable[Symbol.iterator] = function () {
  return { next: function () { return { value: 5, done: false }; }, return: function () { closed = true; return {}; } };
};
try { new Map(iterable); } catch (e) { console.log(e.name, closed); }

// Large map: hashing stays consistent across growth and compaction.
var h = new Map();
for (var i = 0; i < 5000; i++) h.set("k" + i, i);
for (var i = 0; i < 5000; i += 2) h.delete("k" + i);
var sum = 0;
for (var i = 0; i < 5000; i++) if (h.has("k" + i)) sum += h.get("k" + i);
console.log(h.size, sum);
{ // integer keys: numbers of equal value share a key whatever their representation
const m = new Map();
for (let i = -40; i < 40; i++) m.set(i, i);
console.log(m.get(0.5 * 2), m.get(-0), m.get(2 ** 31 / 2 ** 28), m.get(-3 * 1.0), m.has(1.5), m.size);
m.set(2 ** 31, 'big'); m.set(-(2 ** 31), 'small'); m.set(4294967296 + 5, 'x');
console.log(m.get(2147483648), m.get(-2147483648), m.get(5), m.get(4294967301));
const s = new Set([NaN, 0, -0, 1e300, 16, 32, 1 / 3]);
console.log(s.size, s.has(NaN), s.has(-0), s.has(16.0), s.has(0.1 + 0.2 - 0.2 - 0.1 + 1 / 3));
}
