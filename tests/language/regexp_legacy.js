// Annex B legacy RegExp statics, and %AsyncFunction%.
const show = () =>
  console.log(JSON.stringify([RegExp.$1, RegExp.$2, RegExp.$9, RegExp.lastMatch, RegExp["$&"],
    RegExp.lastParen, RegExp["$+"], RegExp.leftContext, RegExp["$`"], RegExp.rightContext,
    RegExp["$'"], RegExp.input, RegExp.$_]));
/(a)(b)?c/.exec("xxabcyy");
show();
"2024-11-22".replace(/(\d+)-(\d+)-(\d+)/, "");
show();
/nomatch/.test("abc");
show();
RegExp.input = 42;
show();
const d = Object.getOwnPropertyDescriptor(RegExp, "$1");
// (The proposal's receiver checks, which V8 does not implement, are covered by test262.)
console.log(typeof d.get, d.enumerable, d.configurable);
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
console.log(AsyncFunction.name, AsyncFunction.length, Object.getPrototypeOf(AsyncFunction) === Function);
const af = new AsyncFunction("a", "return a * 2");
console.log(Object.prototype.toString.call(af), af.toString());
af(21).then((v) => console.log("resolved", v));
