// ES2023 copying methods, copyWithin, species, unscopables, array-likes, sort details.
const show = (x) => Array.isArray(x) ? "[" + x.map((v, i) => (i in x) ? String(v) : "<hole>").join(",") + "]" : String(x);
console.log(show([1, 2, 3, 4, 5].copyWithin(0, 3)), show([1, 2, 3, 4, 5].copyWithin(1, 0, 3)), show([1, 2, 3, 4, 5].copyWithin(-2, -4, -3)));
console.log(show([1, , 3].copyWithin(0, 1)), show(Array.prototype.copyWithin.call({ length: 3, 0: "a", 2: "c" }, 0, 2).length));
const a = [3, 1, undefined, 2, , 10];
console.log(show(a.toSorted()), show(a), show(a.toReversed()), show(a.toSorted((x, y) => y - x)));
console.log(show([1, 2, 3].with(-1, 9)), show([1, 2, 3].toSpliced(1, 1, "x", "y")), show([1, 2, 3].toSpliced()), show([1, 2, 3].toSpliced(1)));
try { [1, 2].with(2, 0); } catch (e) { console.log(e.name); }
try { [1, 2].toSorted(1); } catch (e) { console.log(e.name); }
console.log(show(Array.prototype.toReversed.call({ length: 3, 0: "a", 2: "c" })));
const u = Array.prototype[Symbol.unscopables];
console.log(Object.getPrototypeOf(u) === null, Object.keys(u).sort().join(","));
const d = Object.getOwnPropertyDescriptor(Array.prototype, Symbol.unscopables);
console.log(d.writable, d.enumerable, d.configurable);
class MyArray extends Array {}
const m = MyArray.from([1, 2, 3]);
console.log(m instanceof MyArray, m.map((x) => x * 2) instanceof MyArray, m.filter(Boolean) instanceof MyArray,
  m.slice(1) instanceof MyArray, m.concat([4]) instanceof MyArray, m.splice(0, 1) instanceof MyArray, m.flat() instanceof MyArray,
  m.toReversed() instanceof MyArray, MyArray.of(1, 2) instanceof MyArray);
const sp = [1, 2, 3];
sp.constructor = { [Symbol.species]: function (n) { this.made = n; } };
const r = sp.map((x) => x + 1);
console.log(r.made, r[0], r[2], Array.isArray(r));
sp.constructor = { [Symbol.species]: null };
console.log(Array.isArray(sp.filter(Boolean)));
const big = { length: 2 ** 53 + 10, [2 ** 53 - 2]: "last" };
console.log(Array.prototype.at.call(big, -1), Array.prototype.lastIndexOf.call({ length: 3, 0: 1, 2: 1 }, 1), Array.prototype.includes.call({ length: 2, 1: NaN }, NaN));
console.log([NaN].indexOf(NaN), [NaN].includes(NaN), [1, 2, 1].lastIndexOf(1, -2), [1, 2, 1].lastIndexOf(1, -4), [, ].includes(undefined), [, ].indexOf(undefined));
console.log(show([5, 1, 4, 2, 3].sort((x, y) => x - y)), show(["b", undefined, "a", , "c"].sort()), show([10, 9, 1, 100].sort()));
const stable = [{ k: 1, v: "a" }, { k: 0, v: "b" }, { k: 1, v: "c" }, { k: 0, v: "d" }].sort((x, y) => x.k - y.k).map((x) => x.v).join("");
console.log(stable);
console.log([1, [2, [3, [4]]]].flat(Infinity).join(), [1, 2].flatMap((x) => [x, [x * 10]]).length);
console.log([1, null, undefined, 2].join("-"), [1, [2, [3]]].toString(), [1.5, "x", null].toLocaleString());
console.log(Array.prototype.toString.call({ join: () => "J" }), Array.prototype.toString.call({}));
for (const n of ["copyWithin", "toSorted", "toReversed", "toSpliced", "with", "at", "findLast", "findLastIndex", "flat", "flatMap", "includes", "lastIndexOf", "toLocaleString", "concat", "push", "splice", "fill", "reduce"]) {
  console.log(n, Array.prototype[n].length, Array.prototype[n].name);
}
console.log(Array.from.length, Array.of.length, Array.from({ length: 3 }, (_, i) => i * 2).join(), Array.from("ab").join());
