// Class fields, static blocks and private names (ECMA-262 15.7).
const log = [];
function k(n) { log.push('key ' + n); return n; }
class A {
  [k('a')] = log.push('init a');
  static [k('s')] = log.push('init s');
  [k('b')] = log.push('init b');
  static { log.push('block ' + typeof this); }
  constructor(p = log.push('param')) { log.push('ctor'); }
}
log.push('defined');
new A();
console.log(log.join('; '));

class P { x = 1; y = this.x + 1; z; f = () => this.y; g = function () {}; h = class {}; ['c' + 1] = () => 0; }
const p = new P();
console.log(p.x, p.y, p.z, p.f(), p.g.name, p.h.name, p.c1.name, Object.keys(p).join());

class Base { constructor() { this.fromBase = 1; } greet() { return 'base'; } }
class Derived extends Base {
  seen = this.fromBase;
  sup = super.greet();
  constructor() { console.log('before super'); super(); console.log('after super', this.seen); }
}
const d = new Derived();
console.log(d.seen, d.sup);
class Default extends Base { v = this.fromBase + 1; }
console.log(new Default().v);

class S { static a = 1; static b = S.a + 1; static { this.c = this.b * 10; var local = 5; S.d = local; } }
console.log(S.a, S.b, S.c, S.d, typeof local);

class Priv {
  #x = 1;
  #m() { return this.#x * 10; }
  get #g() { return this.#x + 100; }
  set #g(v) { this.#x = v; }
  static #count = 0;
  static #inc() { return ++Priv.#count; }
  constructor() { Priv.#inc(); }
  run() {
    this.#x += 2; this.#x++; this.#g = this.#g;
    return [this.#x, this.#m(), #x in this, #m in this, #x in {}].join();
  }
  static count() { return Priv.#count; }
  static read(o) { return o?.#x; }
  static assign(o) { [o.#x] = [42]; return o.#x; }
}
const pr = new Priv();
console.log(pr.run(), Priv.count(), Priv.read(undefined), Priv.assign(new Priv()), Priv.count());
console.log(Object.getOwnPropertyNames(pr).length, Reflect.ownKeys(pr).length, JSON.stringify(pr));
console.log(JSON.stringify(Object.assign({}, pr)), JSON.stringify({ ...pr }));
for (const key in pr) console.log('for-in', key);

function tryIt(name, f) {
  try { console.log(name, f()); } catch (e) { console.log(name, e.constructor.name); }
}
tryIt('read missing', () => Priv.read({}));
tryIt('in primitive', () => { class Q { #a; static t(o) { return #a in o; } } return Q.t(1); });
tryIt('write method', () => { class Q { #m() {} static t(o) { o.#m = 1; } } return Q.t(new Q()); });
tryIt('getter only', () => { class Q { get #g() { return 1; } static t(o) { o.#g = 1; } } return Q.t(new Q()); });
tryIt('setter only', () => { class Q { set #s(v) {} static t(o) { return o.#s; } } return Q.t(new Q()); });
tryIt('frozen', () => { class Q { constructor() { Object.freeze(this); } } class R extends Q { x = 1; } return new R(); });
tryIt('non-configurable', () => {
  class Q { constructor() { Object.defineProperty(this, 'x', { value: 0 }); } }
  class R extends Q { x = 1; }
  return new R();
});
tryIt('double init', () => {
  class Q { constructor(o) { return o; } }
  class R extends Q { #f = 1; static has(o) { return #f in o; } }
  const o = {}; new R(o);
  return R.has(o) + ' ' + (() => { try { new R(o); return 'no'; } catch (e) { return e.constructor.name; } })();
});
tryIt('frozen private', () => {
  class Q { constructor(o) { return o; } }
  class R extends Q { #f = 7; static get(o) { return o.#f; } }
  const o = Object.preventExtensions({}); new R(o); return R.get(o);
});

function make() { return class { #v = 1; static has(o) { return #v in o; } }; }
const C1 = make(), C2 = make();
console.log(C1.has(new C1()), C1.has(new C2()), C2.has(new C2()));

class Outer {
  #secret = 's';
  inner() { const o = this; return new (class { read() { return o.#secret; } })().read(); }
}
console.log(new Outer().inner());

class Counter { static #n = 0; count = ++Counter.#n; }
console.log(new Counter().count, new Counter().count);
