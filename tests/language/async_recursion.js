// Unbounded recursion through async functions and generators is a RangeError, not a crash of
// the host: each call runs the body synchronously until its first await.
function* nested() {
  yield* nested();
}
try {
  nested().next();
} catch (e) {
  console.log("generator:", e instanceof RangeError);
}

async function down(n) {
  return down(n + 1);
}

// Recursion that stays shallow still works.
async function count(n) {
  return n === 0 ? 0 : 1 + (await count(n - 1));
}

down(0)
  .then(
    () => console.log("async: returned"),
    (e) => console.log("async:", e instanceof RangeError),
  )
  .then(() => count(10))
  .then((v) => console.log("count:", v));
