const a = { b() { return this._b; }, _b: { c: 42 } };
console.log(a?.b().c);
console.log((a?.b)().c);
console.log(a.b?.().c);
console.log((a.b)?.().c);
console.log(a?.b?.().c);
console.log((a?.b)?.().c);
const n = null;
try { (n?.b)(); } catch (e) { console.log(e.constructor.name); }
const o = { p: { q() { return this === o.p; } } };
console.log((o?.p.q)(), (o.p?.q)(), (o?.["p"]?.q)());
class C { #m() { return this instanceof C; } t() { return (this?.#m)(); } }
console.log(new C().t());
