// Scaling check for hot built-ins: each case runs at N and 2N and prints the time ratio.
// Linear work gives about 2; a ratio well above 2 means the operation is worse than linear.
// Run: qjs bench/scaling/hot_builtins.js [N]   (or node, for comparison), or side by side with
// QuickJS-ng in CPU time: cd bench && cargo run --release -- --scaling [N]

const cases = {
  'array push/pop/index': n => {
    const a = [];
    for (let i = 0; i < n; i++) a.push(i);
    let s = 0;
    for (let i = 0; i < n; i++) s += a[i];
    while (a.length) s -= a.pop();
    return s;
  },
  'string s += x': n => {
    let s = '';
    for (let i = 0; i < n; i++) s += 'x';
    return s.length;
  },
  'map get/set': n => {
    const m = new Map();
    for (let i = 0; i < n; i++) m.set(i, i);
    let s = 0;
    for (let i = 0; i < n; i++) s += m.get(i);
    return s;
  },
  'JSON round trip': n => {
    const o = [];
    for (let i = 0; i < n / 10; i++) o.push({ id: i, name: 'item' + i, tags: ['a', 'b'] });
    return JSON.parse(JSON.stringify(o)).length;
  },
};

// -- driver -- (bench/ `--scaling` uses only the text above: it times each case itself)
const N = Number((typeof scriptArgs !== 'undefined' ? scriptArgs[1] : process.argv[2]) || 200000);

function time(f, n) {
  const t0 = Date.now();
  f(n);
  return Math.max(Date.now() - t0, 1);
}

let worst = 0;
for (const name in cases) {
  const f = cases[name];
  f(N / 10); // warm up
  const t1 = time(f, N), t2 = time(f, 2 * N);
  const r = t2 / t1;
  worst = Math.max(worst, r);
  console.log(`${name.padEnd(24)} N=${N}: ${t1} ms  2N: ${t2} ms  ratio ${r.toFixed(2)}`);
}
console.log(`worst ratio ${worst.toFixed(2)} (linear: about 2)`);
