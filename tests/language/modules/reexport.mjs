export * from './counter.mjs';
export { inc as renamed, count as 'string name' } from './counter.mjs';
export * as counterNs from './counter.mjs';
