// A module graph: cycles, live bindings, namespaces, re-exports, top-level await ordering,
// import.meta, dynamic import and JSON modules (run by tests/driver.rs with qjs; the expected
// output is Node's).
import { a, callB, aFn } from './cycle_a.mjs';
import { count, inc, default as label } from './counter.mjs';
import * as ns from './counter.mjs';
import * as re from './reexport.mjs';
import { tlaValue } from './tla_slow.mjs';
import './tla_fast.mjs';
import data from './data.json' with { type: 'json' };

console.log('main: a =', a, '| callB() =', callB(), '| aFn() =', aFn());
console.log('live:', count, ns.count);
inc();
inc();
console.log('live after inc:', count, ns.count, label);
console.log('namespace keys:', Object.keys(ns).join(','), Object.prototype.toString.call(ns));
console.log('namespace proto:', Object.getPrototypeOf(ns), Object.isExtensible(ns));
console.log('namespace desc:', JSON.stringify(Object.getOwnPropertyDescriptor(ns, 'count')));
console.log('namespace set:', Reflect.set(ns, 'count', 9), Reflect.deleteProperty(ns, 'count'),
  Reflect.deleteProperty(ns, 'nope'), Reflect.defineProperty(ns, 'count', { value: 2 }));
try { ns.count = 1; } catch (e) { console.log('assign to namespace:', e.constructor.name); }
try { count = 1; } catch (e) { console.log('assign to import:', e.constructor.name); }
console.log('re-exports:', Object.keys(re).join(','), re.renamed === inc, re.counterNs === ns,
  re['string name']);
console.log('tla:', tlaValue, data.list.length, data.name);
console.log('import.meta:', typeof import.meta, Object.getPrototypeOf(import.meta),
  import.meta === import.meta);
const dyn = await import('./counter.mjs');
console.log('dynamic import is the same namespace:', dyn === ns, dyn.count);
import('./missing.mjs').catch((e) => console.log('missing module rejects:', e instanceof Error));
import('./thrower.mjs').catch((e) => console.log('evaluation error:', e.message));
