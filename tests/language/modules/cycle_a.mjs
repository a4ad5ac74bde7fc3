import { b, bFn } from './cycle_b.mjs';
console.log('cycle_a runs; b =', b);
export const a = 'A';
export function aFn() { return 'aFn'; }
export function callB() { return bFn(); }
