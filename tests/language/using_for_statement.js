// `for (using x = …; …; …)`: the head's resources are disposed once, when the loop ends
// (normally, by break, by a throw, or when a later initializer throws). Expected output
// checked by hand: Node 20 has no `using`.
function res(name) {
  return { name, [Symbol.dispose]() { console.log("dispose", name); } };
}
for (using a = res("a"), b = res("b"); ; ) {
  console.log("body", a.name, b.name);
  break;
}
var i = 0;
outer: for (using c = res("c"); i < 3; i++) {
  if (i === 1) continue outer;
  console.log("iteration", i);
}
try {
  for (using d = res("d"), e = (() => { throw new Error("init"); })(); ; ) {}
} catch (err) {
  console.log("caught", err.message);
}
try {
  for (using f = null; f === null; f = res("g")) {}
} catch (err) {
  console.log("caught", err.constructor.name);
}
function ret() {
  for (using h = res("h"); ; ) return "returned";
}
console.log(ret());
async function main() {
  for (await using j = { async [Symbol.asyncDispose]() { console.log("async dispose j"); } }; ; ) {
    console.log("async body");
    break;
  }
  console.log("after async loop");
}
main();
