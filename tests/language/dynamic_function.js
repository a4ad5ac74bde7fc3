// Function and GeneratorFunction built from source at run time.
const add = new Function("a", "b", "return a + b");
console.log(add(2, 3), add.name, add.length, typeof add);
console.log(Function("return this")() === globalThis);
console.log(Function("a = 1", "...rest", "return a + rest.length")(undefined, 1, 2));
try { Function("/*", "*/){"); } catch (e) { console.log(e.name); }
try { Function("a", "return a +"); } catch (e) { console.log(e.name); }
const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
console.log([...new GeneratorFunction("a", "yield a; yield a * 2")(5)].join());
console.log(Object.getPrototypeOf(new Function()) === Function.prototype);
