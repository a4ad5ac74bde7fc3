const a = [];
for (let i = 0; i < 1000000; i++) a.push(i);
let s = 0;
for (let i = 0; i < a.length; i++) s += a[i];
const m = a.map(x => x * 2).filter(x => x % 3 === 0).reduce((x, y) => x + y, 0);
print(s, m);
