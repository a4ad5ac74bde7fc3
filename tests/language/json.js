// JSON.parse and JSON.stringify: grammar, reviver, replacer, indentation, toJSON, wrappers,
// well-formed output, cycles.
function tryParse(t) {
  try { var v = JSON.parse(t); return typeof v + " " + JSON.stringify(v); } catch (e) { return e.name; }
}
var texts = ['1', '-0', '1.5e3', '1E-2', '-12.25', '0.1', '123456789012', '"a\\u0041\\n\\"\\\\\\/"', ' [1, 2 ,3 ] ',
  '{"a":1,"b":[true,false,null]}', '{"a":1,"a":2}', '"\\uD834\\uDD1E"', '""', '[]', '{}', '\t\r\n 7 ',
  '[1,]', '{"a":1,}', '01', '1.', '.5', '+1', '-', '1e', '"\\x41"', "'a'", '"a', '[1 2]', 'tru', 'nul', 'True',
  '{a:1}', '"\u0001"', '\u00a01', '1 2', 'NaN', 'Infinity', '[' , '{"a" 1}', '"\\u12"', '-01', '1e+', '2E+2'];
for (var t of texts) console.log(JSON.stringify(t), "->", tryParse(t));
console.log(JSON.parse('"\\uD800"').length, JSON.parse('"\\uD800"').charCodeAt(0));

// __proto__ is a plain data property.
var p = JSON.parse('{"__proto__": {"x": 1}, "y": 2}');
console.log(Object.getPrototypeOf(p) === Object.prototype, Object.keys(p).join(","), p.__proto__.x, p.x);

// Reviver: bottom-up, deletion on undefined, this is the holder.
var log = [];
var r = JSON.parse('{"a":[1,2,{"b":3}],"c":"x","d":4}', function (k, v) {
  log.push(k + (Array.isArray(this) ? "@arr" : ""));
  if (k === "d") return undefined;
  if (typeof v === "number") return v * 10;
  return v;
});
console.log(log.join(" "));
console.log(JSON.stringify(r), "d" in r);

// stringify basics
console.log(JSON.stringify({ a: 1, b: "s", c: null, d: undefined, e: function () {}, f: Symbol("x"), g: [undefined, function () {}, Symbol()] }));
console.log(JSON.stringify(undefined), JSON.stringify(function () {}), JSON.stringify(Symbol()), JSON.stringify(null));
console.log(JSON.stringify([NaN, Infinity, -Infinity, -0, 1e21, 1.5e-7, 0.1]));
console.log(JSON.stringify("\u0000\b\t\n\f\r\"\\\u001f\u007f\u2028"));
console.log(JSON.stringify("\ud800 \udc00 \ud834\udd1e \udbff"));
console.log(JSON.stringify({ 2: "b", 1: "a", z: 1, y: 2, [Symbol("s")]: 3 }));
console.log(JSON.stringify([new Number(3), new String("s"), new Boolean(false), Object(true)]));
console.log(JSON.stringify({ date: { toJSON: function (k) { return "key=" + k; } } }));
console.log(JSON.stringify([{ toJSON: function (k) { return typeof k + k; } }]));

// replacer function
console.log(JSON.stringify({ a: 1, b: [1, 2], c: { d: 3 } }, function (k, v) {
  if (k === "") return v;
  if (typeof v === "number") return v + 100;
  return v;
}));
console.log(JSON.stringify({ a: 1 }, function (k, v) { return k === "" ? [this[""] === v, k] : v; }));
// replacer array: order, dedup, numbers, wrapper objects, nested objects filtered too.
console.log(JSON.stringify({ b: 1, a: 2, 1: 3, c: { a: 4, b: 5, d: 6 } }, ["a", "b", 1, new String("c"), "a", {}, true]));
console.log(JSON.stringify([{ a: 1, b: 2 }], ["b"]));

// indentation
var obj = { a: [1, { b: 2 }, []], c: {}, d: "x" };
console.log(JSON.stringify(obj, null, 2));
console.log(JSON.stringify(obj, null, "--"));
console.log(JSON.stringify([1, [2]], null, 20));
console.log(JSON.stringify([1], null, "0123456789abc"));
console.log(JSON.stringify({ a: 1 }, null, new Number(1)), JSON.stringify({ a: 1 }, null, new String("\t")));
console.log(JSON.stringify({ a: 1 }, null, 0), JSON.stringify({ a: 1 }, null, -5), JSON.stringify({ a: 1 }, null, ""));
console.log(JSON.stringify({ a: undefined, b: 1 }, null, 1));

// cycles
var cyc = { a: {} };
cyc.a.self = cyc;
try { JSON.stringify(cyc); } catch (e) { console.log(e.name); }
var arr = [1];
arr.push(arr);
try { JSON.stringify(arr); } catch (e) { console.log(e.name); }
var shared = { v: 1 };
console.log(JSON.stringify([shared, shared]));

// getters and order of access
var order = [];
var src = {};
Object.defineProperty(src, "x", { get: function () { order.push("x"); return 1; }, enumerable: true });
Object.defineProperty(src, "hidden", { value: 2, enumerable: false });
src.y = 3;
console.log(JSON.stringify(src), order.join(","));

console.log(Object.prototype.toString.call(JSON), JSON.parse.length, JSON.stringify.length, JSON.parse.name);
console.log(JSON.stringify(JSON.parse(JSON.stringify({ deep: [[[[{ x: [1, "two", null] }]]]] }))));
