// Control flow: loops, labels, switch, exceptions and finally.
const out = [];
for (let i = 0; i < 3; i++) out.push("for" + i);
let w = 0;
while (w < 3) { w++; if (w === 2) continue; out.push("while" + w); }
do { out.push("do" + w); w--; } while (w > 1);
outer: for (let i = 0; i < 3; i++) {
  for (let j = 0; j < 3; j++) {
    if (j === 1) continue outer;
    if (i === 2) break outer;
    out.push(`l${i}${j}`);
  }
}
for (const k in { a: 1, b: 2, c: 3 }) out.push("in" + k);
for (const v of [10, 20, 30]) out.push("of" + v);
for (const ch of "héllo") out.push(ch);
function sw(x) {
  switch (x) {
    case 1: return "one";
    case 2:
    case 3: return "two-three";
    default: return "other";
    case 4: return "four";
  }
}
out.push(sw(1), sw(3), sw(4), sw(9));
let fall = [];
switch (2) { case 1: fall.push(1); case 2: fall.push(2); case 3: fall.push(3); break; case 4: fall.push(4); }
out.push(fall.join(""));
function f(n) {
  try {
    if (n === 0) throw new Error("zero");
    return "ok" + n;
  } catch (e) {
    return "caught " + e.message;
  } finally {
    out.push("finally" + n);
  }
}
out.push(f(0), f(1));
function g() {
  for (let i = 0; i < 5; i++) {
    try {
      if (i === 1) continue;
      if (i === 3) break;
      out.push("body" + i);
    } finally {
      out.push("fin" + i);
    }
  }
  return "g done";
}
out.push(g());
function h() {
  try { return "try"; } finally { out.push("h finally"); }
}
out.push(h());
try {
  try { throw 1; } finally { out.push("inner finally"); }
} catch (e) { out.push("outer caught " + e); }
try { null.x; } catch (e) { out.push(e instanceof TypeError, e.constructor.name); }
try { undefinedVariable; } catch (e) { out.push(e.name); }
try { let q = q + 1; } catch (e) { out.push(e.name); }
try { const c = 1; c = 2; } catch (e) { out.push(e.name, e.message); }
try { throw { custom: true }; } catch ({ custom }) { out.push("destructured " + custom); }
try { throw 0; } catch { out.push("optional binding"); }
const it = { from: 1, to: 4, [Symbol.iterator]() { let c = this.from, t = this.to; return { next: () => c <= t ? { value: c++, done: false } : { value: undefined, done: true }, return() { out.push("closed"); return {}; } }; } };
for (const v of it) { if (v === 3) break; out.push("it" + v); }
console.log(out.join("\n"));
