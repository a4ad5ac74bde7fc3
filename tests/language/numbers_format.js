// Number.prototype.toFixed / toPrecision / toExponential / toString(radix): exact rounding.
const xs = [0, -0, 1, -1, 0.5, 1.5, 2.5, 1.005, 1.45, 1.55, 123.456, 0.000001, 1e-7, 1.23e-10,
  123456789012345680000, 1e21, 1.7976931348623157e308, 5e-324, 2.2250738585072014e-308,
  0.1, 0.2, 0.3, 1 / 3, 2 / 3, 1000000000000000128, 4.35, 0.045, -1.5e-9, 999.995, 9.995,
  99.99, 0.00001, 25, 1e20, 7.1e-7, NaN, Infinity, -Infinity, 1.25, 1.35, 8.345, 0.5e-6];
for (const x of xs) {
  const parts = [String(x)];
  for (const f of [0, 1, 2, 3, 5, 10, 20]) parts.push(x.toFixed(f));
  parts.push(x.toExponential());
  for (const f of [0, 1, 2, 4, 8, 16, 20]) parts.push(x.toExponential(f));
  parts.push(x.toPrecision());
  for (const p of [1, 2, 3, 5, 8, 15, 17, 21]) parts.push(x.toPrecision(p));
  console.log(parts.join(" "));
}
console.log((1e21).toFixed(2), (0.1).toFixed(100));
console.log((5e-324).toExponential(100));
console.log((123.456).toPrecision(100));
console.log((-1e-7).toFixed(2), (-0.0000001).toFixed(0), (-0.5).toFixed(0), (0.5).toFixed(0));
for (const r of [2, 3, 4, 5, 7, 8, 11, 16, 20, 32, 36]) {
  const parts = [];
  for (const x of [0, -0, 1, -255, 0.5, 0.1, 1 / 3, 3.14159, 1e21, 1e300, 2 ** 53 + 2, 5e-324,
    1.7976931348623157e308, 123456.789, -0.0001, 1e-7, 255.255, 2 ** -30, 1 - 2 ** -53]) {
    parts.push(x.toString(r));
  }
  console.log(r, parts.join(" "));
}
for (const [name, f] of [["toFixed", 0], ["toExponential", 101], ["toPrecision", 0], ["toPrecision", 101], ["toString", 1], ["toString", 37]]) {
  try { (1)[name](f); console.log(name, f, "no error"); } catch (e) { console.log(name, f, e.name); }
}
console.log((Infinity).toFixed(1000 > 1 ? 5 : 0), NaN.toExponential(-5), Infinity.toPrecision(1000));
console.log(Number.prototype.toFixed.length, Number.prototype.toPrecision.length, Number.prototype.toExponential.length);
console.log(parseFloat("1e1000"), parseFloat("-.5e-3x"), parseFloat("0x10"), parseFloat("  \u00a0 3.25abc"), parseFloat(".e1"));
console.log(Number("0b101"), Number("0o17"), Number("0x1F"), Number(" 12 "), Number("1_0"), Number("-0x10"), Number(""), Number("Infinity"), Number("infinity"));
console.log(parseInt("123456789012345678901234567890"), parseInt("0x1fffffffffffff1"), parseInt("11111111111111111111111111111111111111111111111111111111", 2));
console.log(parseInt("  -0x1A"), parseInt("z", 36), parseInt("12", 37), parseInt("12", 1), parseInt("10", 0), parseInt("0x"), Object.is(parseInt("-0"), -0));
console.log(Number.parseFloat === parseFloat, Number.parseInt === parseInt);
console.log(Number.MIN_VALUE.toString(2).length, (2 ** 60).toString(3), (0.1).toString(3));
console.log(parseInt("0x1fffffffffffff1"), parseInt("1fffffffffffff1", 16), parseInt("20000000000001", 16), parseInt("20000000000003", 16), parseInt("200000000000011", 16), parseInt("11111111111111111111111111111111111111111111111111111111", 2), parseInt("1".repeat(300), 16), parseInt("7".repeat(400), 8), parseInt("zz", 32), parseInt("vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv", 32));
console.log(Number("0x20000000000001"), Number("0x20000000000003"), Number("0b" + "1".repeat(54)), Number("0o" + "7".repeat(30)), Number("0x" + "f".repeat(256)), Number("0x" + "f".repeat(255)), parseInt("0x0000000000000000000001"));
console.log(-0, [-0, 0], { z: -0 }, 0 * -1, String(-0), `${-0}`, -0 + "");
