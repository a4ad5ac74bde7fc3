// Appending to an array is a [[Set]]: a setter or read-only index on a prototype intercepts it
// (push and a[a.length] = v must not take the dense fast path then).
const show = (...xs) => console.log(xs.map(String).join(' '));
Object.defineProperty(Array.prototype, 3, { set(v) { console.log('Array.prototype setter', v); }, configurable: true });
const a = [0, 1, 2];
show(a.push(9), a.length, a.hasOwnProperty(3));
const b = [0, 1, 2];
b[3] = 7;
show(b.length, b.hasOwnProperty(3));
const c = [0, 1, 2];
c.unshift(5);
show(c.length, JSON.stringify(c));
delete Array.prototype[3];
const a2 = [0, 1, 2];
a2.push(9);
show(a2.length, a2[3]);

Object.defineProperty(Object.prototype, 0, { set(v) { console.log('Object.prototype setter', v); }, configurable: true });
const e = [];
e.push('x');
show(e.length, e.hasOwnProperty(0));
const f = [];
f[0] = 'y';
console.log(f.length);
show(JSON.stringify([1, 2].concat([3])), Array.of(4).length, [5].map(x => x + 1)[0]);
delete Object.prototype[0];

Object.defineProperty(Object.prototype, 1, { value: 'ro', writable: false, configurable: true });
const g = [0];
g[1] = 'w';
const sloppy = `${g.length} ${g[1]}`;
let strict;
try {
  (function () { 'use strict'; g.push('w'); })();
} catch (err) {
  strict = `${err instanceof TypeError} ${g.length}`;
}
delete Object.prototype[1];
console.log(sloppy);
console.log(strict);

// A String object on the chain has read-only indices.
const s = [];
Object.setPrototypeOf(s, new String('abc'));
s[0] = 'z';
show(s.length, s.hasOwnProperty(0));
s[3] = 'q';
console.log(Object.getOwnPropertyNames(s).join());

// Ordinary behaviour is unchanged.
const h = [];
for (let i = 0; i < 5; i++) h.push(i * i);
h[h.length] = 'end';
console.log(JSON.stringify(h));
