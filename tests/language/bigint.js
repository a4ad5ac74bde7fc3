console.log(1n, typeof 1n, 0x1fn, 0o17n, 0b101n, 1_000_000n);
console.log(123456789012345678901234567890n * 987654321n);
console.log(2n ** 200n, (-7n) / 2n, (-7n) % 2n, 7n % -2n);
console.log(-5n >> 1n, -5n << -1n, 5n & -2n, -5n | 2n, -5n ^ -3n, ~5n, ~-1n);
let x = 5n; x++; ++x; x--; console.log(x, -x, String(x), `${x}`, x + "s");
console.log(1n == 1, 1n == "1", 1n === 1n, 2n > 1, 1n < 1.5, 10n > "9", 1n == true, 0n == "", 1n < NaN);
console.log(BigInt(10), BigInt("0x10"), BigInt(" 12 "), BigInt(true), BigInt.asIntN(8, 255n), BigInt.asUintN(64, -1n));
console.log((255n).toString(16), (-255n).toString(2), Object(1n) + 1n, typeof Object(1n));
console.log(Object.prototype.toString.call(1n), Number(2n**64n), Number(-(2n**1100n)));
try { 1n + 1 } catch (e) { console.log(e.constructor.name, e.message) }
try { +1n } catch (e) { console.log(e.constructor.name) }
try { 1n >>> 1n } catch (e) { console.log(e.constructor.name) }
try { 1n / 0n } catch (e) { console.log(e.constructor.name) }
try { 2n ** -1n } catch (e) { console.log(e.constructor.name) }
try { new BigInt(1) } catch (e) { console.log(e.constructor.name) }
try { BigInt(1.5) } catch (e) { console.log(e.constructor.name) }
try { BigInt("1.5") } catch (e) { console.log(e.constructor.name) }
try { JSON.stringify({a: 1n}) } catch (e) { console.log(e.constructor.name) }
try { Math.abs(1n) } catch (e) { console.log(e.constructor.name) }
try { 1n << 10000000000n } catch (e) { console.log(e.constructor.name) }
const m = new Map([[1n, "a"]]); console.log(m.get(1n), new Set([1n, 1n, 2n]).size, [1n, 2n].includes(2n), [1n].indexOf(1n), Object.is(0n, -0n));
console.log({1n: 2}, [3n, -4n]);
console.log(12345678901234567890123456789n / 1234567890123n, 12345678901234567890123456789n % 1234567890123n);
console.log(BigInt.asIntN(64, 2n**63n), BigInt.asUintN(3, 25n), BigInt.asIntN(3, 25n));
console.log(0n ? "t" : "f", !!1n, -0n, 9007199254740993n == 9007199254740992, 9007199254740992n == 9007199254740992);
// Exact comparisons with fractional and huge Numbers, and strings.
const big = 2n ** 80n;
console.log(big > 1.2089258196146292e24, big == 1.2089258196146292e24, big < Infinity, -big > -Infinity);
console.log(3n > 2.5, 3n < 3.5, -3n < -2.5, -3n > -3.5, 3n >= 3, "0x10" == 16n, "abc" < 1n, 1n < "abc");
console.log(0n == "  0  ", 10n == "1e1", [1n, -2n, 3n].sort(), [10n, 9n, -1n].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
// Division rounds toward zero; the remainder takes the dividend's sign.
for (const [a, b] of [[7n, 2n], [-7n, 2n], [7n, -2n], [-7n, -2n], [2n ** 100n + 1n, 2n ** 50n - 3n]]) {
  console.log(a / b, a % b, (a / b) * b + (a % b) === a);
}
// Two's complement bitwise operators across limb boundaries.
const h = 0xffffffffffffffffn;
console.log(h & -h, h | -(2n ** 70n), h ^ -1n, -(2n ** 64n) >> 3n, -(2n ** 64n + 1n) >> 64n, 1n << 65n);
console.log(BigInt.asIntN(65, -(2n ** 64n)), BigInt.asUintN(65, -(2n ** 64n)), BigInt.asIntN(0, 5n), BigInt.asUintN(1, -1n));
console.log((2n ** 100n).toString(36), (-(2n ** 65n)).toString(7), BigInt("0b" + "1".repeat(70)), BigInt("-123"), BigInt(""));
console.log(BigInt(Number.MAX_SAFE_INTEGER) + 2n, BigInt(1e21), Number(2n ** 53n + 1n), Number(2n ** 53n + 3n), parseInt("12n"));
console.log(BigInt.prototype.toString.call(Object(5n)), Object(5n).valueOf() === 5n, (5n).toLocaleString(), typeof BigInt.prototype.valueOf.call(6n));
const o = { [1n]: "one", 2n: "two" };
console.log(Object.keys(o), o[1], o["2"], 1n in o);
console.log(JSON.stringify({ a: 1n }, (k, v) => (typeof v === "bigint" ? v.toString() : v)));
BigInt.prototype.toJSON = function () { return this.toString() + "n"; };
console.log(JSON.stringify([1n, Object(2n)]));
delete BigInt.prototype.toJSON;
console.log(String(-0n), Object.is(-0n, 0n), [NaN, 0n].includes(0n), new Set([0n, -0n]).size, 1n ** 0n, (-1n) ** 3n, 0n ** 0n);
for (const bad of ["1n", "0x", "--1", "1e3", "+0x1", "1.0"]) {
  try { BigInt(bad); console.log("parsed", bad); } catch (e) { console.log(bad, e.name); }
}
for (const bad of [NaN, Infinity, 0.5, Symbol.iterator, undefined, null]) {
  try { BigInt(bad); } catch (e) { console.log(String(bad), e.name); }
}
try { BigInt.asUintN(-1, 1n) } catch (e) { console.log(e.name) }
try { BigInt.prototype.valueOf.call(1) } catch (e) { console.log(e.name) }
try { (1n).toString(37) } catch (e) { console.log(e.name) }
try { isNaN(1n) } catch (e) { console.log(e.name) }
let acc = 1n;
for (let i = 1n; i <= 30n; i++) acc *= i;
console.log(acc, acc.toString(16), -acc / 1000000007n);
