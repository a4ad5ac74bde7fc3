// Classes: constructors, methods, accessors, static members, inheritance and super.
const out = [];
class Animal {
  constructor(name) { this.name = name; }
  speak() { return `${this.name} makes a sound`; }
  get upper() { return this.name.toUpperCase(); }
  set nick(v) { this._nick = v + "!"; }
  static create(n) { return new this(n); }
  static get kind() { return "animal"; }
  toString() { return `Animal(${this.name})`; }
}
class Dog extends Animal {
  constructor(name, breed) { super(name); this.breed = breed; }
  speak() { return super.speak() + " (woof)"; }
  static create(n) { return super.create(n + " jr"); }
}
const d = new Dog("Rex", "lab");
out.push(d.speak(), d.upper, d.breed, d instanceof Dog, d instanceof Animal);
d.nick = "rexy";
out.push(d._nick, String(d), `${d}`, Dog.kind, Dog.create("Max").name);
out.push(Object.getPrototypeOf(Dog) === Animal, Object.getPrototypeOf(Dog.prototype) === Animal.prototype);
out.push(typeof Animal, Animal.name, Dog.name, Dog.length, Animal.prototype.speak.name);
out.push(Object.keys(Animal.prototype).length, Object.getOwnPropertyNames(Animal.prototype).join(","));
try { Animal("x"); } catch (e) { out.push(e.name); }
class Base { constructor() { this.tag = new.target.name; } }
class Derived extends Base {}
out.push(new Derived().tag, new Base().tag);
class Counter {
  constructor() { this.count = 0; }
  increment() { this.count++; return this; }
}
out.push(new Counter().increment().increment().count);
const Mixin = (B) => class extends B { mixed() { return "mixed " + this.name; } };
class M extends Mixin(Animal) {}
out.push(new M("mx").mixed());
class E extends Error { constructor(m) { super(m); this.name = "E"; } }
const e = new E("custom");
out.push(e.message, e.name, e instanceof Error, e instanceof E, String(e));
const Expr = class Named { who() { return Named.name; } };
out.push(new Expr().who(), Expr.name);
class Shape { area() { return 0; } describe() { return `${this.constructor.name} with area ${this.area()}`; } }
class Sq extends Shape { constructor(s) { super(); this.s = s; } area() { return this.s * this.s; } }
out.push(new Sq(3).describe());
class ArrLike extends Array {}
const al = new ArrLike();
al.push(1, 2);
out.push(al.length, Array.isArray(al), al instanceof ArrLike);
console.log(out.join("\n"));
