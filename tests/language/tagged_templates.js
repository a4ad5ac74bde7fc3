function tag(s, ...v) { return JSON.stringify([s, s.raw, v, Object.isFrozen(s), Object.isFrozen(s.raw)]); }
console.log(tag`a${1}b${2}c`);
console.log(tag`\unicode and \u{41}`);
function f() { return (s => s)`x${0}y`; }
console.log(f() === f(), f() === (s => s)`x${0}y`);
const o = { m(s, x) { return this === o && x; } };
console.log(o.m`hi${5}`, o["m"]`${6}`);
console.log(String.raw`a\nb${1}\r\n`);
console.log(tag`line
two`);
// The same site in a loop gives the same object; different sites give different ones.
const seen = [];
for (let i = 0; i < 3; i++) seen.push((s => s)`same`);
console.log(seen[0] === seen[1] && seen[1] === seen[2]);
const desc = Object.getOwnPropertyDescriptor(seen[0], "raw");
console.log(desc.writable, desc.enumerable, desc.configurable, Array.isArray(seen[0]));
// The tag is evaluated before the substitutions, and they left to right.
const log = [];
function t(strings, ...subs) { log.push("call " + subs.join(",")); return t; }
(log.push("tag"), t)`${log.push("a")}${log.push("b")}`;
console.log(log.join(" | "));
// Chained tags call the result of the previous call.
console.log(typeof t`one``two`);
