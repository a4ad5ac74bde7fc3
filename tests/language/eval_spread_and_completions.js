// Direct eval with spread arguments, completion values of finally blocks that break, the
// default derived constructor (no observable iteration), `var x = init` inside `with`.
// Expected output checked by hand against the spec and test262 (call/eval-spread*,
// try/completion-values, subclass/default-constructor-spread-override,
// variable/binding-resolution): Node 20 differs on all but the completion values.
function spreadEval() {
  var local = "local";
  var args = ["local"];
  return [eval(...args), eval(...[], "1 + 1"), eval("2", ...["ignored"])];
}
console.log(JSON.stringify(spreadEval()));

console.log(eval("99; do { -99; try { 39 } catch (e) { -1 } finally { 42; break; -2 }; } while (false);"));
console.log(eval("99; do { -99; try { 39 } catch (e) { -1 } finally { break; -2 }; } while (false);"));
console.log(eval("99; do { -99; try { 39 } finally { 42 }; } while (false);"));
console.log(eval("99; do { -99; try { [].x.x } catch (e) { -1; } finally { 42; continue; -3 }; -77 } while (false);"));

var saved = Array.prototype[Symbol.iterator];
Array.prototype[Symbol.iterator] = function () { throw new Error("iterated"); };
class A { constructor(...args) { this.args = args; } }
class B extends A {}
console.log(JSON.stringify(new B(1, 2, 3).args));
Array.prototype[Symbol.iterator] = saved;

var obj = { id: 1 };
with (obj) {
  var id = delete obj.id;
}
console.log(obj.id, id);
