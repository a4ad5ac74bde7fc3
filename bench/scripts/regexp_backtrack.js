// Backtracking-heavy patterns: nested quantifiers that fail late, alternation, backreferences.
var n = 0;
var s = "";
for (var i = 0; i < 22; i++) s += "a";
for (var k = 0; k < 10; k++) {
    if (/^(a|aa)*$/.test(s + "b")) n++;
    if (/^(\w+\s?)*$/.test("a few words that end badly!")) n++;
    if (/(x+x+)+y/.test("xxxxxxxxxxxxxxxxx")) n++;
}
var t = "";
for (var j = 0; j < 5000; j++) t += "abcabc ";
var r = /(\w+)\1/g;
var found = 0;
while (r.exec(t)) found++;
print(n, found);
