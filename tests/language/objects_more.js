// Annex B accessor helpers, native Function.prototype.toString, Error.prototype.toString.
const o = {};
o.__defineGetter__("x", function () { return 7; });
o.__defineSetter__("y", function (v) { this.z = v; });
o.y = 3;
console.log(o.x, o.z, typeof o.__lookupGetter__("x"), o.__lookupSetter__("x"), typeof Object.create(o).__lookupSetter__("y"), ({ a: 1 }).__lookupGetter__("a"));
console.log(Object.prototype.__defineGetter__.length, Object.prototype.__lookupSetter__.name);
try { o.__defineGetter__("q", 1); } catch (e) { console.log(e.name); }
console.log(Array.prototype.push.toString(), Math.max.toString());
console.log(String(new Error("m")), String(new TypeError()), Error.prototype.toString.call({ name: "", message: "x" }));
const d = Object.getOwnPropertyDescriptor(Function.prototype, "caller");
console.log(typeof d.get, d.get === d.set, d.enumerable, d.configurable, d.get === Object.getOwnPropertyDescriptor(Function.prototype, "arguments").get);
try { f.bind(null).caller; } catch (e) { console.log(e.name); }
try { (() => 1).arguments; } catch (e) { console.log(e.name); }
console.log(Object.isExtensible(d.get), d.get.name === "", d.get.length);
console.log(JSON.stringify(Object.fromEntries([["a", 1], ["b", 2]])), JSON.stringify(Object.fromEntries(new Map([["x", 3]]))));
