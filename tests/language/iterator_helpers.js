// Iterator helpers (Node 20 has none: the expected output was checked by hand against the spec).
function* nat() { let i = 0; while (true) yield i++; }
console.log(nat().map(x => x * 2).filter(x => x % 3 == 0).drop(1).take(3).toArray().join());
console.log([1, 2, 3].values().flatMap(x => [x, x * 10]).toArray().join());
console.log([1, 2, 3, 4].values().reduce((a, b) => a + b), [1, 2].values().reduce((a, b) => a + b, 10));
console.log([1, 2, 3].values().some(x => x > 2), [1, 2, 3].values().every(x => x > 2), [5, 6].values().find(x => x > 5));
const seen = [];
[7, 8].values().forEach((v, i) => seen.push(v + ':' + i));
console.log(seen.join());
// Closing: take(1) closes the source when it is done; return() closes a started helper.
let closed = 0;
const src = { i: 0, next() { return { value: this.i++, done: false }; }, return() { closed++; return {}; }, __proto__: Iterator.prototype };
console.log(src.take(1).toArray().join(), closed);
const h = src.map(x => x);
h.next();
console.log(h.return().done, closed, h.next().done);
// A callback that throws closes the source.
try { src.map(() => { throw new Error('boom'); }).next(); } catch (e) { console.log(e.message, closed); }
// Iterator.from wraps iterators that do not inherit from Iterator.prototype.
const plain = { next() { return { value: 1, done: false }; } };
const w = Iterator.from(plain);
console.log(Object.getPrototypeOf(Object.getPrototypeOf(w)) === Iterator.prototype, w.next().value, w.return().done);
console.log(Iterator.from(src) === src, Iterator.from('ab').toArray().join());
console.log(Iterator.concat([1, 2], new Set([3])).toArray().join());
try { new Iterator(); } catch (e) { console.log(e instanceof TypeError); }
class MyIter extends Iterator { next() { return { done: true }; } }
console.log(new MyIter() instanceof Iterator, Iterator.prototype[Symbol.toStringTag], Iterator.prototype.constructor === Iterator);
try { [].values().map(1); } catch (e) { console.log(e instanceof TypeError); }
try { [].values().take(-1); } catch (e) { console.log(e instanceof RangeError); }
console.log(Object.prototype.toString.call([].values().map(x => x)));
