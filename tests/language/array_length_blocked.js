var a = [0, 1, 2, 3, 4];
Object.defineProperty(a, "2", { value: 2, configurable: false });
try { Object.defineProperty(a, "length", { value: 1 }); } catch (e) { console.log(e.constructor.name); }
console.log(a.length, JSON.stringify(a));
console.log(Reflect.defineProperty(a, "length", { value: 0, writable: false }), a.length, Object.getOwnPropertyDescriptor(a, "length").writable);
var b = [1,2,3]; Object.defineProperty(b, "1", {value: 9, configurable: false});
b.length = 0; console.log(b.length, b);
(function(){ "use strict"; try { b.length = 0 } catch (e) { console.log(e.constructor.name) } })();
