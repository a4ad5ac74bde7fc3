// Function.prototype.toString: the exact source text of functions, classes and methods
// (comments and all), the NativeFunction form for built-ins and bound functions.
function plain(a, /* b */ b) { return a + b; }
function* gen() { yield 1; }
async function   af() {}
async function* ag() {}
const fe = function named() {};
const arrow = (x) => x * 2;
const asyncArrow = async x => x;
class A extends Object {
  constructor() { super(); }
  method(a) { return a; }
  static /* skipped */ stat() {}
  get acc() { return 1; }
  set acc(v) {}
  *g() {}
  async am() {}
  [`comp` + "uted"]() {}
  #priv() {}
  static privOf(o) { return o.#priv; }
}
class B {}
const obj = {
  m() {},
  get x() { return 1; },
  set x(v) {},
  async *[Symbol.iterator]() {},
  prop: function () {},
};
const show = (f) => console.log(JSON.stringify(f.toString()));
[plain, gen, af, ag, fe, arrow, asyncArrow, A, B, A.prototype.method, A.stat, A.prototype.g,
  A.prototype.am, A.prototype.computed, A.privOf(new A()), obj.m, obj[Symbol.iterator], obj.prop,
  Object.getOwnPropertyDescriptor(A.prototype, "acc").get,
  Object.getOwnPropertyDescriptor(A.prototype, "acc").set,
  Object.getOwnPropertyDescriptor(obj, "x").get,
  Object.getOwnPropertyDescriptor(obj, "x").set,
  Function("a", "b", "return a + b"),
  new Function(),
].forEach(show);
// Built-ins and bound functions print the NativeFunction form.
[Math.max, Array.prototype.push, plain.bind(null), Function.prototype,
  Object.getOwnPropertyDescriptor(Map.prototype, "size").get,
  Array.prototype[Symbol.iterator], RegExp.prototype[Symbol.split], Symbol,
].forEach(show);
try {
  Function.prototype.toString.call({});
} catch (e) {
  console.log(e instanceof TypeError);
}
// Non-ASCII source text comes back as written.
const uni = function ünï(é) { return "✓ \u{1F600}"; };
show(uni);
