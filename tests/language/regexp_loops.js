// The native loops of @@match, @@replace and @@split over plain regexps, and the spec's loop
// when exec is overridden (by an own property or a subclass): both must give the same results.
var t = "a1b22c333d";
console.log(JSON.stringify(t.split(/(\d)+/)), JSON.stringify(t.split(/\d*/)), JSON.stringify(t.split(/x*/, 3)));
console.log(JSON.stringify("𝒳a𝒳".split(/(?:)/u)), JSON.stringify("𝒳a𝒳".split(/(?:)/)).length);
console.log(JSON.stringify(t.match(/\d+/g)), JSON.stringify("".match(/x*/g)), JSON.stringify("abc".match(/(?:)/g)));
console.log(t.replace(/(\d)(\d)?/g, "[$1|$2|$&|$`]"), t.replace(/\d+/g, (m, i) => "<" + m + "@" + i + ">"));
console.log("x-y-z".replace(/(?<l>[a-z])/g, "$<l>$<l>"), "x-y".replace(/(?<l>[a-z])/g, function () { return JSON.stringify(arguments[4]); }));
console.log(RegExp.lastMatch, RegExp.$1, RegExp.leftContext);
var r = /a/g; r.lastIndex = 5; console.log("aaa".replace(r, "b"), r.lastIndex);
var r2 = /a/y; console.log("aab".replace(r2, "x"), "baa".match(/a/gy), JSON.stringify("aaba".match(/a/gy)));
console.log(JSON.stringify("a,b,,c".split(/,/)), JSON.stringify("abc".split(/$/)), JSON.stringify("ab\nc".split(/^/m)));
var calls = 0; var re = /b/g; re.exec = function (s) { calls++; return RegExp.prototype.exec.call(this, s); };
console.log("abcb".replace(re, "X"), calls);
class R extends RegExp { exec(s) { calls++; return super.exec(s); } }
console.log("abcb".replace(new R("b", "g"), "Y"), calls, JSON.stringify("abcb".split(new R("b"))), calls);
console.log(JSON.stringify("test".split(/(?=s)/)), JSON.stringify("test".split(/(?<=e)/)), JSON.stringify("aXbXc".split(/x/i, 2)));
console.log("aaaa".replace(/a*?/g, "-"), "abc".replace(/(?:)/gu, "."), JSON.stringify("𝒳𝒳".match(/(?:)/gu)));
// A non-writable lastIndex makes the global loop throw, fast path or not.
var frozen = /a/g; Object.defineProperty(frozen, "lastIndex", { writable: false });
try { "aa".replace(frozen, "b"); } catch (e) { console.log(e instanceof TypeError); }
// The callback sees the subject and may change lastIndex; results were collected before.
var seen = /o/g;
console.log("foo boo".replace(seen, function (m, i) { seen.lastIndex = 100; return i; }), seen.lastIndex);
// Species decides the splitter's class.
var made = 0;
class S extends RegExp { static get [Symbol.species]() { made++; return RegExp; } }
console.log(JSON.stringify("1-2".split(new S("-"))), made);
