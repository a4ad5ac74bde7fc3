// String to number through every path that reads decimal text (Number, parseFloat, parseInt,
// JSON.parse, implicit conversion), including the hard rounding cases.
var samples = [
  "0", "-0", "1", "1.5", ".5", "5.", "1e3", "1E-3", "+2.5e+2", "-2.5e-2",
  "0.1", "0.2", "0.3", "123456789012345678901234567890",
  "9007199254740993", "9007199254740992.5", "1.7976931348623157e308", "1.7976931348623159e308",
  "2.2250738585072014e-308", "2.2250738585072011e-308", "4.9e-324", "2.4703282292062327e-324",
  "2.4703282292062328e-324", "1e-400", "1e400", "1e99999999999999999999", "1e-99999999999999999999",
  "0.000000000000000000000000000000000000000000001", "00012.5000", "3.14159265358979323846264338327950288",
  "1.00000000000000011102230246251565404236316680908203125",
  "1.000000000000000111022302462515654042363166809082031250000000001",
  "  42  ", "Infinity", "-Infinity", "1e", "1.2.3", "", "0x1f", "12abc",
  "0.1e1", "100000000000000000000000", "7.450580596923828125e-9", "1." + "0".repeat(400) + "1",
];
// console.log prints -0 as 0 (as QuickJS does), so -0 is spelled out here.
function fmt(v) { return Object.is(v, -0) ? "-0" : v; }
for (var s of samples) {
  var n = Number(s);
  console.log(JSON.stringify(s.length > 60 ? s.slice(0, 20) + "..." : s), fmt(n),
    fmt(parseFloat(s)), fmt(parseInt(s)), +s === n);
}
console.log(JSON.parse("[1.5, -0, -0.0, 1e-7, 123456789012345678, 2.2250738585072011e-308, 1E+2]").map(fmt).join(" "));
console.log(Object.is(JSON.parse("-0.0"), -0), JSON.parse("-1.25e-1"));
console.log(parseInt("123456789012345678901234567890"), parseInt("-9007199254740993"));
console.log(parseFloat("3.5e2xyz"), parseFloat(".e1"), parseFloat("-.5"), parseFloat("1e+"));
console.log("4.35" * 100, "1.1" - 0, "0.000001" * 1, "1e21" / 1);
