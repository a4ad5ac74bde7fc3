// Direct and indirect eval, `with`, completion values, global declarations, labeled functions.
var log = console.log;

// ---- direct eval sees and changes the caller's bindings ----
var g = "global";
function locals(a) {
  var b = 2;
  let c = 3;
  const d = 4;
  eval("a = a * 10; b++; c += 1");
  log(a, b, c, eval("d"), eval("typeof g"));
  try { eval("d = 5"); } catch (e) { log(e.constructor.name); }
  return eval("a + b + c + d");
}
log(locals(1));

// closures made inside eval keep the caller's cells
function counter() {
  var n = 0;
  var inc = eval("(function () { return ++n; })");
  inc(); inc();
  return n;
}
log(counter());

// nested eval and eval inside closures
function nested() {
  var x = "outer";
  return eval("var y = 'inner'; eval('x + \":\" + y')");
}
log(nested());
function inClosure() {
  let z = 7;
  return (() => eval("z * 6"))();
}
log(inClosure());

// sloppy eval's vars and functions join the caller's variable environment
function sloppyVars() {
  eval("var fresh = 1; function helper() { return 'helper'; }");
  log(fresh, helper(), typeof fresh);
  log(delete fresh, typeof fresh);
  var inner = function () { return typeof helper; };
  return inner();
}
log(sloppyVars());

// strict eval keeps its own var scope
function strictVars() {
  "use strict";
  eval("var hidden = 1");
  return typeof hidden;
}
log(strictVars());
log((function () { eval("'use strict'; var own = 1"); return typeof own; })());

// lexical declarations always stay inside the eval
function lexical() {
  eval("let l = 1; const k = 2; class C {}");
  return [typeof l, typeof k, typeof C].join();
}
log(lexical());

// a var may not hoist over an enclosing lexical binding
function conflict() {
  let clash = 1;
  { try { eval("var clash = 2"); } catch (e) { log(e.constructor.name); } }
  try { eval("{ let ok = 1; } var clash2 = 3"); } catch (e) { log("unexpected"); }
  return clash;
}
log(conflict());
try { (function (e) { try { throw 1; } catch (e) { eval("var e = 5"); } })(); log("catch param ok"); } catch (x) { log(x); }

// this, new.target, arguments, super
var obj = {
  name: "obj",
  who() { return eval("this.name"); },
  args() { return eval("arguments.length + ':' + arguments[1]"); },
};
log(obj.who(), obj.args(1, "two", 3));
function Ctor() { this.target = eval("new.target === Ctor"); }
log(new Ctor().target, eval("typeof this"));
class Base { hello() { return "base hello"; } }
class Derived extends Base {
  hello() { return eval("super.hello()") + " via eval"; }
}
log(new Derived().hello());
var arrow = () => eval("this === globalThis");
log(arrow());

// global code: vars become configurable global properties
eval("var evalGlobal = 1; function evalFn() { return 'evalFn'; }");
log(evalGlobal, evalFn(), Object.getOwnPropertyDescriptor(globalThis, "evalGlobal").configurable);
log(delete globalThis.evalGlobal, typeof evalGlobal);
let globalLet = 1;
try { eval("var globalLet = 2"); } catch (e) { log(e.constructor.name); }
{
  let blockLet = 1;
  try { eval("var blockLet"); } catch (e) { log("block", e.constructor.name); }
}

// indirect eval runs in the global scope
function indirect() {
  var g = "local";
  return [(0, eval)("g"), eval("g"), globalThis.eval("typeof indirectVar"), (0, eval)("var indirectVar = 1; indirectVar")];
}
log(indirect().join(), typeof indirectVar);
log(eval(42), eval({}) instanceof Object, eval(), (0, eval)("'use strict'; var s = 1; s"), typeof s);
var myEval = eval;
function notDirect() { var q = 1; return myEval("typeof q"); }
log(notDirect());
try { eval("a b"); } catch (e) { log(e.constructor.name); }

// ---- completion values ----
var cases = [
  "1;",
  "1; var x = 5;",
  "1; if (true) {}",
  "1; if (true) { 2; }",
  "1; if (false) 2;",
  "1; if (false) 2; else ;",
  "1; do { 2; break; } while (false)",
  "1; do { 2; if (true) { break; } } while (false)",
  "1; while (false);",
  "var i = 0; while (i < 3) { i++; }",
  "for (var j = 0; j < 2; j++) j * 10;",
  "for (var k in {a: 1, b: 2}) k;",
  "for (var v of [1, 2, 3]) { v; }",
  "1; switch (1) { case 1: }",
  "switch (2) { case 1: 'one'; case 2: 'two'; case 3: 'three'; break; default: 'd'; }",
  "try { 3 } finally { 4 }",
  "try { throw 1 } catch (e) { }",
  "try { 5; throw 1 } catch (e) { 6 }",
  "do { try { 2; break; } finally { 3; } } while (false)",
  "do { try { 2 } finally { 3; break; } } while (false)",
  "outer: { 1; break outer; }",
  "1; { }",
  "1; function f() {}",
  "1; class K {}",
  "1; let y = 2;",
  "'directive'",
  "'a'; 'b'",
  "",
  "var o = {p: 1}; with (o) { p; }",
  "1; with ({}) {}",
  "x: 1",
];
for (var src of cases) log(JSON.stringify(src), "->", eval(src));

// ---- with ----
var wo = { a: 1, b: 2, f() { return this === wo; } };
var a = "global a";
with (wo) {
  log(a, b, f(), typeof c);
  a = 10;
  var b = 20;
  var c = 30;
}
log(wo.a, wo.b, wo.c, c);
function withClosure(o) {
  var v = "local";
  with (o) {
    return function () { return v; };
  }
}
var getV = withClosure({ v: "from object" });
log(getV());
var wo2 = {};
var viaWith = withClosure(wo2);
log(viaWith());
wo2.v = "added later";
log(viaWith());
// Symbol.unscopables hides a property from `with`
var hidden = "outer hidden";
var uo = { hidden: "object hidden", shown: "shown" };
uo[Symbol.unscopables] = { hidden: true };
with (uo) { log(hidden, shown); }
with ([1, 2, 3]) { log(typeof values, length, typeof includes); }
// delete and typeof through with
var dw = { gone: 1 };
with (dw) { log(typeof gone, delete gone, typeof gone); }
// eval inside with sees the object
with ({ fromWith: "yes" }) { log(eval("fromWith")); }
// function declarations inside with blocks
with ({ fx: "object fx" }) {
  function declaredInWith() { return typeof fx; }
}
log(declaredInWith());
// with on primitives and nullish values
with ("str") { log(length, charAt(1)); }
try { with (null) {} } catch (e) { log(e.constructor.name); }
// assignment to a name the object gains during evaluation
var late = {};
with (late) { var lateVar = 5; }
log(lateVar, "lateVar" in late);

// ---- labeled function declarations (sloppy, Annex B) ----
lbl: function labeled() { return "labeled"; }
log(labeled());
{
  inner: function blockLabeled() { return "block labeled"; }
  log(blockLabeled());
}

// ---- Annex B block functions do not overwrite a parameter of the same name ----
function param(f) {
  { function f() { return "block"; } }
  return typeof f;
}
log(param(1));

// ---- script-level declarations are checked against earlier ones ----
Object.defineProperty(globalThis, "locked", { value: 1, writable: true, enumerable: false, configurable: false });
try { (0, eval)("function locked() {}"); } catch (e) { log(e.constructor.name); }

// ---- the mapped arguments object ----
function mapped(a, b) {
  arguments[0] = "changed";
  b = "param b";
  log(a, arguments[1], arguments.length, arguments.callee === mapped);
  delete arguments[0];
  arguments[0] = "after delete";
  log(a, arguments[0]);
  Object.defineProperty(arguments, "1", { writable: false });
  b = "not seen";
  log(arguments[1], Object.keys(arguments).join());
  return Object.prototype.toString.call(arguments);
}
log(mapped(1, 2));
function extraArgs(a) { arguments[1] = "x"; a = "y"; return [arguments[0], arguments[1], arguments.length].join(); }
log(extraArgs("z", "w"), extraArgs());
function unmappedStrict(a) {
  "use strict";
  arguments[0] = 9;
  try { arguments.callee; } catch (e) { log("strict callee", e.constructor.name); }
  return a;
}
log(unmappedStrict(1));
function unmappedDefaults(a = 0) { arguments[0] = 9; return a; }
log(unmappedDefaults(1));
function iterArgs() { return [...arguments].join("-"); }
log(iterArgs(1, 2, 3));
