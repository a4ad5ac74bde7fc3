"use strict";
// Proper tail calls in strict code: a call in tail position reuses the caller's frame, so
// these recursions run in constant frame space. Node 20 has no tail calls (it overflows its
// stack), so the expected output was written by hand.
function count(n, acc) {
  if (n === 0) return acc;
  return count(n - 1, acc + 1);
}
console.log("direct", count(1000000, 0));

function even(n) { return n === 0 ? true : odd(n - 1); }
function odd(n) { return n === 0 ? false : even(n - 1); }
console.log("mutual", even(500001), odd(500001));

const obj = {
  k: 0,
  step(n) { this.k++; return n === 0 ? this.k : (n > 0 && this.step(n - 1)); },
};
console.log("method", obj.step(300000));

const arrow = (n) => (n === 0 ? "arrow done" : arrow(n - 1));
console.log(arrow(300000));

function tag(strings, n) { return n === 0 ? strings[0] : tag`tagged ${n - 1}`; }
console.log(tag`tagged ${300000}`);

function seq(n) { return (0, n === 0 ? "seq done" : seq(n - 1)); }
console.log(seq(300000));

// Not replaced (but still correct): calls that leave a try block, natives, bound functions.
function guarded(n) {
  try { return n === 0 ? "try done" : guarded(n - 1); } finally { /* runs on each return */ }
}
console.log(guarded(1000));
function toNative(s) { return Math.max(s, 3); }
console.log("native", toNative(2));
const bound = function (a, b) { return a + b; }.bind(null, 40);
function toBound(x) { return bound(x); }
console.log("bound", toBound(2));
function throwsLater(n) {
  if (n === 0) throw new Error("deep throw");
  return throwsLater(n - 1);
}
try { throwsLater(200000); } catch (e) { console.log("caught", e.message); }
class Base {}
function newInTail() { return Base(); }
try { newInTail(); } catch (e) { console.log("class call", e.constructor.name); }
