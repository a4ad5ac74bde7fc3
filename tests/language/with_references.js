// Expected output checked by hand against the spec (and test262 S11.13.2_A5/A6, with/unscopables-*):
// V8 resolves these references twice, so Node 20 prints other values.
// A reference inside `with` is resolved once: the object found then is read and written even
// if the property disappears or appears meanwhile, and @@unscopables is consulted once.
function compound() {
  var x = 0;
  var scope = { get x() { delete this.x; return 2; } };
  with (scope) { x *= 3; }
  console.log("compound", scope.x, x);
}
compound();

function postfix() {
  var x = 0;
  var scope = { get x() { delete this.x; return 2; } };
  var old;
  with (scope) { old = x++; }
  console.log("postfix", old, scope.x, x);
}
postfix();

function plainAssign() {
  var x = 0;
  var scope = { x: 1 };
  with (scope) { x = (delete scope.x, 2); }
  console.log("assign", scope.x, x);
}
plainAssign();

function logical() {
  var x = "outer";
  var scope = { x: null };
  with (scope) { x ??= (delete scope.x, "set"); }
  console.log("logical", scope.x, x);
  scope.y = 0;
  var y = "outer y";
  with (scope) { y ||= "kept"; }
  console.log("logical-or", scope.y, y);
}
logical();

function unscopablesOnce() {
  var calls = 0, flag = true;
  var a = { x: 7 };
  var b = { x: 4, get [Symbol.unscopables]() { calls++; return { x: flag = !flag }; } };
  with (a) { with (b) { x++; } }
  console.log("unscopables", calls, a.x, b.x);
}
unscopablesOnce();

function strictInside() {
  var env = { binding: 0, get [Symbol.unscopables]() { delete env.binding; return null; } };
  with (env) {
    try {
      (function () { "use strict"; binding = 1; })();
    } catch (e) {
      console.log("strict set", e.constructor.name);
    }
  }
  var env2 = { binding: 0, get [Symbol.unscopables]() { delete env2.binding; return null; } };
  with (env2) {
    try {
      (function () { "use strict"; return binding; })();
    } catch (e) {
      console.log("strict get", e.constructor.name);
    }
  }
}
strictInside();

function evalVar() {
  var x = 3;
  var inner = (function () {
    x *= (eval("var x = 2;"), 4);
    return x;
  })();
  console.log("eval var", inner, x);
  var y = 0;
  var inner2 = (function () {
    y = (eval("var y;"), 1);
    return y;
  })();
  console.log("eval var assign", inner2, y);
}
evalVar();

(fn) = function () {};
var fn;
console.log("cover name", JSON.stringify(fn.name));
