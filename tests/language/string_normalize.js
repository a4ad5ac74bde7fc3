// String.prototype.normalize: the four forms, defaults, coercion, errors, UTF-16 and Latin-1
// inputs, Hangul, canonical reordering, composition exclusions, lone surrogates.
const hex = (s) => [...s].map((c) => c.codePointAt(0).toString(16).padStart(4, "0")).join(" ");
const inputs = [
  "abc",
  "caf\u00e9",
  "cafe\u0301",
  "\u00c5\u2adc\u0958\u2126\u0344",
  "\u1e9b\u0323",
  "\u00bd \u00b5 \u00a0x\u00aa",
  "\ufb01ligature \u2460 \uff21\uff22",
  "\u1100\u1161\u11a8 \uac00\u11a8 \ud55c\uae00",
  "a\u0328\u0301\u0302\u0323",
  "q\u0307\u0323 \u0071\u0323\u0307",
  "\u0958\u2add\u0338",
  "\u{1d400}\u{1d7ce} \u{2f800}",
  "\ud800x\udc00 lone",
  "\ufdfa",
  "",
];
for (const s of inputs) {
  console.log(JSON.stringify(s));
  for (const f of ["NFC", "NFD", "NFKC", "NFKD"]) console.log("  " + f + ": " + hex(s.normalize(f)));
}
console.log("default is NFC:", "e\u0301".normalize() === "\u00e9", "e\u0301".normalize(undefined) === "\u00e9");
console.log("coerced form:", "e\u0301".normalize({ toString() { return "NFC"; } }).length, "\u00e9".normalize(["NFD"]).length);
console.log("this coerced:", String.prototype.normalize.call(123), String.prototype.normalize.call({ toString() { return "A\u030a"; } }) === "\u00c5");
for (const bad of ["nfc", "NFC ", "", null, "NFKD\0"]) {
  try {
    "x".normalize(bad);
    console.log("no error for", bad);
  } catch (e) {
    console.log(JSON.stringify(bad), e instanceof RangeError);
  }
}
for (const self of [null, undefined]) {
  try {
    String.prototype.normalize.call(self);
  } catch (e) {
    console.log(String(self), e instanceof TypeError);
  }
}
try {
  "x".normalize(Symbol());
} catch (e) {
  console.log("symbol form:", e instanceof TypeError);
}
const d = Object.getOwnPropertyDescriptor(String.prototype, "normalize");
console.log(d.writable, d.enumerable, d.configurable, d.value.length, d.value.name);
// Long runs of combining marks are reordered without quadratic work.
const marks = "a" + "\u0301\u0316".repeat(5000);
const n = marks.normalize("NFD");
console.log(n.length, n.slice(0, 4) === "a\u0316\u0316\u0316", n.endsWith("\u0301\u0301"));
