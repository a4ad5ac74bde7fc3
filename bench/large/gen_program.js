// Writes a large, realistic JavaScript program to stdout: many functions, classes, closures,
// object and array literals, strings, loops and switches, every unit feeding a checksum that the
// program prints at the end. The output is deterministic (a seeded generator), so its checksum is
// the same on every engine.
//
//   qjs bench/large/gen_program.js 1000000 > big.js   (about 1 MB of source)
//
// Used to measure qjsc's compile time on large inputs (README) and by tests/qjsc.rs.
var target = Number((typeof scriptArgs !== "undefined" ? scriptArgs[1] : process.argv[2]) || 1000000);

var seed = 12345;
function rand(n) {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return Math.floor(seed / 65536) % n;
}
var words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "kappa", "lambda",
  "sigma", "omega", "red", "green", "blue", "north", "south", "river", "stone", "cloud", "light"];
function word() { return words[rand(words.length)]; }
function sentence(n) {
  var out = [];
  for (var i = 0; i < n; i++) out.push(word());
  return out.join(" ");
}

var kinds = [
  function (i) {
    return "function compute" + i + "(n) {\n" +
      "  let acc = " + rand(1000) + ";\n" +
      "  for (let i = 0; i < n; i++) {\n" +
      "    acc = (acc * 31 + i * " + (rand(97) + 1) + ") % 1000003;\n" +
      "    if (i % " + (rand(5) + 2) + " === 0) acc ^= " + rand(256) + ";\n" +
      "  }\n" +
      "  return acc;\n" +
      "}\n" +
      "check(compute" + i + "(" + (rand(40) + 10) + "));\n";
  },
  function (i) {
    return "const table" + i + " = {\n" +
      "  name: \"" + word() + "-" + i + "\",\n" +
      "  weight: " + rand(10000) / 100 + ",\n" +
      "  tags: [\"" + word() + "\", \"" + word() + "\", \"" + word() + "\"],\n" +
      "  nested: { x: " + rand(100) + ", y: [" + rand(10) + ", " + rand(10) + ", " + rand(10) + "], " +
      "label: \"" + sentence(4) + "\" },\n" +
      "  active: " + (rand(2) === 0) + ",\n" +
      "};\n" +
      "check(table" + i + ".name.length + table" + i + ".tags.join(\"/\").length + " +
      "table" + i + ".nested.y.reduce((a, b) => a + b, 0) + Math.round(table" + i + ".weight));\n";
  },
  function (i) {
    return "class Shape" + i + " extends Base {\n" +
      "  constructor(w, h) {\n" +
      "    super(\"shape" + i + "\");\n" +
      "    this.w = w;\n" +
      "    this.h = h;\n" +
      "  }\n" +
      "  area() { return this.w * this.h + " + rand(50) + "; }\n" +
      "  get perimeter() { return 2 * (this.w + this.h); }\n" +
      "  describe() { return `${this.name}: ${this.area()} / ${this.perimeter}`; }\n" +
      "}\n" +
      "check(new Shape" + i + "(" + rand(20) + ", " + rand(20) + ").describe().length + " +
      "new Shape" + i + "(2, 3).area());\n";
  },
  function (i) {
    return "const format" + i + " = (xs) => xs\n" +
      "  .map((x, k) => x * k + " + rand(30) + ")\n" +
      "  .filter((x) => x % " + (rand(3) + 2) + " !== 0)\n" +
      "  .join(\",\");\n" +
      "check(format" + i + "([" + [rand(9), rand(9), rand(9), rand(9), rand(9)].join(", ") + "]).length);\n";
  },
  function (i) {
    return "function text" + i + "(s) {\n" +
      "  switch (s.length % 4) {\n" +
      "    case 0: return s.toUpperCase();\n" +
      "    case 1: return s.split(\"\").reverse().join(\"\");\n" +
      "    case 2: return s.slice(1) + s[0];\n" +
      "    default: return s.repeat(2);\n" +
      "  }\n" +
      "}\n" +
      "check(hash(text" + i + "(\"" + sentence(rand(6) + 2) + "\")));\n";
  },
  function (i) {
    return "const counter" + i + " = (function () {\n" +
      "  let count = " + rand(10) + ";\n" +
      "  const history = [];\n" +
      "  return {\n" +
      "    add(n) { count += n; history.push(count); return this; },\n" +
      "    get total() { return count; },\n" +
      "    summary() { const [first = 0, ...rest] = history; return first + rest.length; },\n" +
      "  };\n" +
      "})();\n" +
      "check(counter" + i + ".add(" + rand(100) + ").add(" + rand(100) + ").total + counter" + i + ".summary());\n";
  },
  function (i) {
    return "function* series" + i + "(n) {\n" +
      "  let a = 0, b = 1;\n" +
      "  while (n-- > 0) { yield a; [a, b] = [b, (a + b) % " + (rand(1000) + 7) + "]; }\n" +
      "}\n" +
      "{\n" +
      "  let sum = 0;\n" +
      "  for (const v of series" + i + "(" + (rand(20) + 5) + ")) sum += v;\n" +
      "  const { x, y = " + rand(9) + " } = { x: sum };\n" +
      "  check(x + y);\n" +
      "}\n";
  },
  function (i) {
    return "function safe" + i + "(v) {\n" +
      "  try {\n" +
      "    if (v > " + rand(50) + ") throw new RangeError(\"too big: \" + v);\n" +
      "    return JSON.stringify({ v, kind: \"" + word() + "\", list: [v, v + 1] }).length;\n" +
      "  } catch (e) {\n" +
      "    return e.message.length;\n" +
      "  } finally {\n" +
      "    calls++;\n" +
      "  }\n" +
      "}\n" +
      "check(safe" + i + "(" + rand(100) + "));\n";
  },
];

var prelude =
  "\"use strict\";\n" +
  "// Generated by bench/large/gen_program.js: a large program for measuring qjsc.\n" +
  "let checksum = 0;\n" +
  "let units = 0;\n" +
  "let calls = 0;\n" +
  "function check(v) { checksum = (checksum * 33 + (v | 0)) >>> 0; units++; }\n" +
  "function hash(s) { let h = 5381; for (let i = 0; i < s.length; i++) h = (h * 33 + s.charCodeAt(i)) >>> 0; return h; }\n" +
  "class Base {\n" +
  "  constructor(name) { this.name = name; }\n" +
  "  toString() { return \"Base(\" + this.name + \")\"; }\n" +
  "}\n\n";
var epilogue = "console.log(\"units:\", units, \"calls:\", calls, \"checksum:\", checksum);\n";

var parts = [prelude];
var size = prelude.length + epilogue.length;
for (var i = 0; size < target; i++) {
  var unit = "\n// unit " + i + "\n" + kinds[rand(kinds.length)](i);
  parts.push(unit);
  size += unit.length;
}
parts.push(epilogue);
var text = parts.join("");
// console.log adds the final newline; drop ours so the output is exactly the program.
console.log(text.slice(0, -1));
