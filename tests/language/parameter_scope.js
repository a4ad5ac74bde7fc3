var x = 'outside';
function f(a = () => x) { var x = 'inside'; return a(); }
console.log(f());
function g(a, b = a) { var a; return [a, b]; }
console.log(g(3));
try { (function (a = b, b) {})(); } catch (e) { console.log(e.constructor.name); }
try { (function (a = a) {})(); } catch (e) { console.log(e.constructor.name); }
console.log((function (a = 1, b = a + 1) { return b; })());
console.log((function ([a, b] = [1, 2], c = a + b) { var c; return c; })());
console.log((function (a = function () {}) { return a.name; })());
const h = (a, b = () => a) => { var a = 9; return [a, b()]; };
console.log(h(1));
function k(a = 1) { function a() {} return typeof a; }
console.log(k());
var args2;
function f(x = args2 = arguments) {
  function arguments() {}
  return typeof arguments;
}
console.log(f(), typeof args2);
function g(x = 1) { var arguments; return typeof arguments; }
console.log(g());
function h2(x = 1) { return arguments.length; }
console.log(h2(1,2));
