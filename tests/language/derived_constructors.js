// Derived constructors: this in arrows created before super(), super() called from an arrow.
class A { constructor(x) { this.x = x; } }
class B extends A {
  constructor() {
    const early = () => this;
    const callSuper = () => super(42);
    callSuper();
    console.log(early().x, this.x, early() === this);
  }
}
new B();
class C extends A { constructor() { const f = () => this.x; try { f(); } catch (e) { console.log(e.name); } super(1); console.log(f()); } }
new C();
class D extends A { constructor() { super(1); try { super(2); } catch (e) { console.log(e.name); } } }
new D();
class E extends A { constructor() { return; } }
try { new E(); } catch (e) { console.log(e.name); }
class F extends A { constructor() { super(5); return undefined; } }
console.log(new F().x);
class G extends A { field = this.x * 2; constructor() { (() => super(3))(); console.log(this.field); } }
new G();
