function make(n) { let c = n; return () => ++c; }
let t = 0;
for (let i = 0; i < 300000; i++) { const f = make(i); t += f() + f(); }
print(t);
