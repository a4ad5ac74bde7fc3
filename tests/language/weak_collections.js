// WeakMap, WeakSet, WeakRef and FinalizationRegistry: the API (collection itself is covered by
// tests/memory.rs).
const wm = new WeakMap();
const k1 = {}, k2 = function () {}, s = Symbol('s');
wm.set(k1, 1).set(k2, 2).set(s, 3);
console.log(wm.get(k1), wm.get(k2), wm.get(s), wm.has(k1), wm.has({}), wm.get({}));
console.log(wm.delete(k1), wm.delete(k1), wm.has(k1), wm.get(k1));
wm.set(k2, 'two');
console.log(wm.get(k2));
for (const bad of [1, 'x', null, undefined, Symbol.for('registered')]) {
  try { wm.set(bad, 1); } catch (e) { console.log(e instanceof TypeError); }
  console.log(wm.has(bad), wm.get(bad), wm.delete(bad));
}
const wm2 = new WeakMap([[k1, 'a'], [k2, 'b']]);
console.log(wm2.get(k1), wm2.get(k2));
try { new WeakMap([1]); } catch (e) { console.log(e instanceof TypeError); }
try { WeakMap(); } catch (e) { console.log(e instanceof TypeError); }
try { WeakMap.prototype.get.call(new Map(), k1); } catch (e) { console.log(e instanceof TypeError); }
console.log(Object.prototype.toString.call(wm), WeakMap.name, WeakMap.length);

const ws = new WeakSet([k1]);
console.log(ws.has(k1), ws.add(k2) === ws, ws.has(k2), ws.delete(k2), ws.has(k2));
try { ws.add(1); } catch (e) { console.log(e instanceof TypeError); }
console.log(Object.prototype.toString.call(ws));

const target = {};
const ref = new WeakRef(target);
console.log(ref.deref() === target, Object.prototype.toString.call(ref), WeakRef.length);
console.log(new WeakRef(s).deref() === s);
try { new WeakRef(1); } catch (e) { console.log(e instanceof TypeError); }

const fr = new FinalizationRegistry(() => {});
const token = {};
console.log(fr.register(target, 'held', token), fr.unregister(token), fr.unregister(token));
try { fr.register(target, target); } catch (e) { console.log(e instanceof TypeError); }
try { fr.register(target, 1, 1); } catch (e) { console.log(e instanceof TypeError); }
try { fr.unregister(1); } catch (e) { console.log(e instanceof TypeError); }
try { new FinalizationRegistry(1); } catch (e) { console.log(e instanceof TypeError); }
console.log(Object.prototype.toString.call(fr), FinalizationRegistry.length);
