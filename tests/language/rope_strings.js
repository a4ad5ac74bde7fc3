// Concatenation results (ropes from 256 units on) read back exactly: appends, prepends,
// mixed Latin-1/UTF-16 pieces, shared intermediate results, doubling, and deep chains.
let s = '';
for (let i = 0; i < 300000; i++) s += 'x';
console.log(s.length, s.charCodeAt(299999), s.slice(0, 3));
let t = '';
for (let i = 0; i < 2000; i++) t = t + 'ab' + i;
console.log(t.length, t.slice(-10), t.indexOf('ab1000'));
let u = '';
for (let i = 0; i < 100000; i++) u = 'y' + u;
console.log(u.length, u[5], u === 'y'.repeat(100000));
const w = 'é'.repeat(300);
let v = w;
for (let i = 0; i < 1000; i++) v += 'ĀA';
console.log(v.length, v.charCodeAt(0), v.charCodeAt(301), v.charCodeAt(302), v === w + 'ĀA'.repeat(1000));
const kept = [];
let z = 'q'.repeat(300);
for (let i = 0; i < 1000; i++) { z += i; kept.push(z); }
console.log(kept[500].length, kept[999].slice(-6), kept[0].length, kept[998] + '!' === kept[998] + '!');
let d = 'a'.repeat(256);
for (let i = 0; i < 16; i++) d = d + d;
console.log(d.length, d.lastIndexOf('a'));
const m = new Map([['a'.repeat(300) + 'b', 1]]);
console.log(m.get('a'.repeat(299) + 'ab'), ('c'.repeat(200) + 'd'.repeat(200)) in { ['c'.repeat(200) + 'd'.repeat(200)]: 1 });
let deep = 'x'.repeat(300);
const keep = [];
for (let i = 0; i < 200000; i++) { keep.push(deep); deep += 'y'; }
console.log(deep.length, keep[199999].length);
keep.length = 0;
let tpl = '';
for (let i = 0; i < 5000; i++) tpl = `${tpl}<${i % 10}>`;
console.log(tpl.length, tpl.slice(0, 9), JSON.stringify(tpl.slice(-6)));
