console.log('tla_fast runs (a sibling does not wait for tla_slow)');
await null;
console.log('tla_fast after await');
