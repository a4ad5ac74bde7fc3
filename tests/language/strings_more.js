// String.prototype methods of 22.1.3 without RegExp, Annex B HTML methods, URI and escape functions.
console.log("ß".toUpperCase(), "ﬁ".toUpperCase(), "İ".toLowerCase().length, "ΑΣ".toLowerCase(), "ΑΣ Σ".toLowerCase(), "ΑΣΑ".toLowerCase(), "Σ".toLowerCase(), "AΣ.".toLowerCase(), "ǅ".toLowerCase(), "ǆ".toUpperCase());
console.log("abc\uD800".isWellFormed(), "abc".isWellFormed(), "a\uDC00b\uD83D\uDE00".toWellFormed() === "a\uFFFDb\uD83D\uDE00", "x\uD800".toWellFormed().charCodeAt(1));
console.log(String.raw({ raw: ["x", "y", "z"] }, 1), String.raw({ raw: { length: 0 } }), String.raw({ raw: "abc" }, "-", "+"));
console.log("x".anchor('a"b'), "x".big(), "x".blink(), "x".bold(), "x".fixed(), "x".fontcolor("red"), "x".fontsize(7), "x".italics(), "x".link("u"), "x".small(), "x".strike(), "x".sub(), "x".sup());
console.log(String.prototype.trimLeft === String.prototype.trimStart, String.prototype.trimRight === String.prototype.trimEnd, String.prototype.trimLeft.name, "  a ".trimLeft() + "|", "  a ".trimRight() + "|");
console.log("abc".at(-1), "abc".at(5), "😀".codePointAt(0), "😀".codePointAt(1), String.fromCodePoint(0x1F600, 65).length, "abc".substr(-2, 1), "abc".substr(1), "abc".localeCompare("abd"), "b".localeCompare("a"));
console.log("aXbXc".replace("X", "[$&|$`|$'|$$|$1|$<n>]"), "aXbXc".replaceAll("X", "-"), "abc".replaceAll("", "."), "abc".replace("", "^"), "aaa".replaceAll("a", (m, i, s) => i + s.length));
console.log("abc".replace({ [Symbol.replace]: (s, r) => s + r }, "!"), "a,b".split({ [Symbol.split]: (s, l) => [s, l] }, 3).join("|"));
try { "abc".includes({ [Symbol.match]: true }); } catch (e) { console.log(e.name); }
console.log("abc".includes({ [Symbol.match]: false, toString: () => "b" }), "a-b-c".split("-", 2).join("|"), "".split("").length, "".split("x").length);
console.log("ab".repeat(3), "".repeat(2 ** 30), "abc".padStart(6, "12"), "abc".padEnd(5), "abc".padStart(2));
try { "a".repeat(-1); } catch (e) { console.log(e.name); }
try { "a".repeat(Infinity); } catch (e) { console.log(e.name); }
try { String.fromCodePoint(1.5); } catch (e) { console.log(e.name); }
console.log(encodeURIComponent("a b&c/d?é€😀"), encodeURI("http://x.y/a b?q=1&r=é#h"), decodeURIComponent("%F0%9F%98%80%41"), decodeURI("%3B%2F%3F%41%23"), decodeURIComponent("%3B%2F"));
for (const bad of ["%", "%E0%A4%A", "%C0%80", "%ED%A0%80", "%F8%80%80%80%80", "%80", "%FX"]) {
  try { decodeURIComponent(bad); console.log("no error"); } catch (e) { console.log(bad, e.name); }
}
try { encodeURIComponent("\uD800"); } catch (e) { console.log(e.name); }
console.log(escape("a b+c/é\u0100"), unescape("%41%u0042%zz%u12%"), escape.length, unescape.length, encodeURI.length, decodeURIComponent.name);
for (const n of ["at", "codePointAt", "padStart", "replaceAll", "substr", "anchor", "big", "fontcolor", "link", "isWellFormed", "toWellFormed", "localeCompare"]) {
  if (String.prototype[n]) console.log(n, String.prototype[n].length, String.prototype[n].name);
}
console.log(String.raw.length, String.fromCodePoint.length);
