import { a, aFn } from './cycle_a.mjs';
// cycle_a has not run yet: its function is hoisted, its const is in the TDZ.
console.log('cycle_b runs; aFn() =', aFn());
try { a; } catch (e) { console.log('cycle_b: a is in its TDZ:', e instanceof ReferenceError); }
export let b = 'B';
export function bFn() { return 'bFn sees ' + a; }
