// super references: `delete super.x` throws a ReferenceError (after `this` is checked and the
// key evaluated, never converted); compound assignment and ++ read and write one base.
class X { method() { return "x"; } }
class Y extends X {
  method() {
    try { delete super.method; } catch (e) { console.log("delete super.m", e.constructor.name); }
    var key = { toString() { console.log("toString called"); return "k"; } };
    try { delete super[key]; } catch (e) { console.log("delete super[k]", e.constructor.name); }
    return super.method();
  }
}
console.log(new Y().method());

var proto = { p: 1, q: 10 };
var obj = {
  __proto__: proto,
  m() { return (super.q += 5) + super.q; },
  n() { super.r ??= "set"; return this.r; },
};
console.log(obj.m(), obj.q, proto.q);
console.log(obj.n(), Object.hasOwn(obj, "r"), proto.r);
var counter = { c: 1, __proto__: { c: 100 }, inc() { return [super.c++, ++super.c, this.c]; } };
console.log(JSON.stringify(counter.inc()));
