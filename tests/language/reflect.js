// Reflect: each internal method as a function, with receivers, newTarget and boolean results.
function names(o) { return Reflect.ownKeys(o).map(String).join(","); }

console.log(Reflect.apply(Math.max, null, [1, 5, 3]), Reflect.apply(function () { return this.v; }, { v: 7 }, []));
try { Reflect.apply(function () {}, null); } catch (e) { console.log(e.name); }
try { Reflect.apply(1, null, []); } catch (e) { console.log(e.name); }
console.log(Reflect.apply(function () { return arguments.length; }, null, { length: 2, 0: "a" }));

class A { constructor(x) { this.x = x; this.nt = new.target.name; } }
class B extends A {}
function F() { this.made = new.target === F; }
var a = Reflect.construct(A, [1]);
var b = Reflect.construct(A, [2], B);
console.log(a.x, a.nt, b.x, b.nt, b instanceof B, Object.getPrototypeOf(b) === B.prototype);
console.log(Reflect.construct(F, []).made, Reflect.construct(Date, [0], F) instanceof F);
try { Reflect.construct(function () {}, [], Math.max); } catch (e) { console.log(e.name); }
try { Reflect.construct(() => 1, []); } catch (e) { console.log(e.name); }
try { Reflect.construct(A, 1); } catch (e) { console.log(e.name); }

var o = {};
console.log(Reflect.defineProperty(o, "x", { value: 1 }), Reflect.defineProperty(o, "x", { value: 2 }), o.x);
console.log(Reflect.defineProperty(o, "y", { get: function () { return 9; }, configurable: true }), o.y);
var d = Reflect.getOwnPropertyDescriptor(o, "x");
console.log(d.value, d.writable, d.enumerable, d.configurable, Reflect.getOwnPropertyDescriptor(o, "nope"));
console.log(Reflect.deleteProperty(o, "x"), Reflect.deleteProperty(o, "y"), Reflect.deleteProperty(o, "zz"), names(o));

var proto = { get g() { return this.tag; }, set s(v) { this.written = v; } };
var child = Object.create(proto);
var recv = { tag: "receiver" };
console.log(Reflect.get(child, "g"), Reflect.get(child, "g", recv), Reflect.get([1, 2], 1), Reflect.get([], "length"));
console.log(Reflect.set(child, "s", 5, recv), recv.written, child.written);
console.log(Reflect.set(child, "plain", 1), Object.prototype.hasOwnProperty.call(child, "plain"));
var frozen = Object.freeze({ f: 1 });
console.log(Reflect.set(frozen, "f", 2), Reflect.set(frozen, "n", 2), frozen.f);
var target = {}, receiver2 = {};
console.log(Reflect.set(target, "k", 1, receiver2), "k" in target, receiver2.k);
var arr = [1, 2, 3];
console.log(Reflect.set(arr, "length", 1), arr.length);

console.log(Reflect.has(child, "g"), Reflect.has(child, "nope"), Reflect.has([1], 0), Reflect.has([1], "length"));
console.log(Reflect.getPrototypeOf(child) === proto, Reflect.getPrototypeOf(Object.create(null)));
console.log(Reflect.setPrototypeOf(child, null), Reflect.getPrototypeOf(child));
console.log(Reflect.setPrototypeOf(proto, child), Reflect.setPrototypeOf(Object.preventExtensions({}), proto));
try { Reflect.setPrototypeOf({}, 1); } catch (e) { console.log(e.name); }

var ext = {};
console.log(Reflect.isExtensible(ext), Reflect.preventExtensions(ext), Reflect.isExtensible(ext));
console.log(Reflect.defineProperty(ext, "n", { value: 1 }));

var keys = { b: 1, 10: 1, a: 1, 2: 1 };
keys[Symbol.iterator] = 1;
console.log(names(keys), names([5, 6]), names("ab".split("")));
for (var m of ["apply", "construct", "defineProperty", "deleteProperty", "get", "getOwnPropertyDescriptor",
  "getPrototypeOf", "has", "isExtensible", "ownKeys", "preventExtensions", "set", "setPrototypeOf"]) {
  var f = Reflect[m];
  var err = "";
  try { f(1, "x", {}); } catch (e) { err = e.name; }
  console.log(m, f.length, f.name, err);
}
console.log(Object.prototype.toString.call(Reflect), typeof Reflect);
