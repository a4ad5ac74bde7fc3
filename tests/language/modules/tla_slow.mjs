console.log('tla_slow starts');
await 1;
await 2;
export const tlaValue = await Promise.resolve('awaited');
console.log('tla_slow done');
