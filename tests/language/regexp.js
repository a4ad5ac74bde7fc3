// Regular expressions: literals, exec results, flags, String methods, lookaround, named groups.
function show(v) { console.log(JSON.stringify(v)); }
var m = /(\d+)-(?<b>\d+)/.exec("ab 12-34 x");
show([m[0], m[1], m[2], m.index, m.input, m.groups.b]);
show("a,b;;c".split(/[,;]/));
show("a1b2c3".split(/(\d)/, 4));
show("aXbX".replace(/x/gi, function (s, i) { return s.toLowerCase() + i; }));
show("2020-01-02".replace(/(\d+)-(\d+)-(?<d>\d+)/, "$3/$2/$1 [$<d>] $& $$ $0 $9"));
show([..."a1b22c333".matchAll(/\d+/g)].map(function (m) { return m[0] + "@" + m.index; }));
show([/a/gimsuyd.flags, String(/[/]\//), /x/y.sticky, "abc".search(/c/), "aaa".match(/a/g)]);
var r = /o/g;
show([r.test("foo"), r.lastIndex, r.test("foo"), r.lastIndex, r.test("foo"), r.lastIndex]);
show(/(?<=\$)\d+(\.\d+)?/.exec("cost $42.50")[0]);
show(/(?<!\$)\b\d+/.exec("$4 7")[0]);
show(/(a)|b/.exec("b"));
show(/(z)((a+)?(b+)?(c))*/.exec("zaacbbbcac"));
show(/(a*)*b/.test("aaaaaaaaaaaaaaaaaaaaaaac"));
show(/^.$/u.test("\u{1F600}") + " " + /^.$/.test("\u{1F600}"));
show(/\u{61}/u.test("a") + " " + /[\u{1F600}-\u{1F64F}]/u.test("\u{1F60D}"));
show(/ſ/i.test("s") + " " + /ſ/iu.test("s") + " " + /\w/iu.test("ſ") + " " + /\W/iu.test("S"));
show(/[^a]/i.test("A") + " " + /\bé/.test(" é"));
show("x".replace(/(y)?x/, "[$1]"));
show(/(?:)/g[Symbol.split]("abc"));
show(new RegExp("a/b\n").source + " " + RegExp(/x/g, "i").flags + " " + new RegExp("").toString());
show(/a{2,3}?/.exec("aaaa")[0] + " " + /a+?b/.exec("aaab")[0]);
show(/(?=(\w+))\1:/.exec("abc:")[0]);
show(/[\d-z]+/.exec("1-z!")[0] + " " + /\cJ/.test("\n") + " " + /a{/.test("a{") + " " + /\8/.test("8"));
show(/[[a-z]--[aeiou]]+/v.exec("hello")[0]);
show(/[\q{abc|d}x]+/v.exec("zabcdxq")[0]);
show("aBc".replace(/b/i, "$`|$'"));
show(/(?<year>\d{4})-(?<month>\d{2})/d.exec("on 2024-05").indices.groups.month);
try { new RegExp("("); } catch (e) { show(e.name); }
try { new RegExp("a", "gg"); } catch (e) { show(e.name); }
try { new RegExp("(?<a>x)(?<a>y)"); } catch (e) { show(e.name); }
var big = "";
for (var i = 0; i < 2000; i++) big += "word" + i + " ";
show(big.match(/\w+/g).length + " " + big.replace(/\d+/g, "#").length);
