// Email, URL and date extraction over ~1 MB of generated text.
var words = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit"];
var parts = [];
var seed = 7;
function rnd(n) { seed = (seed * 16807) % 2147483647; return seed % n; }
for (var i = 0; parts.length < 160000; i++) {
    var k = rnd(40);
    if (k === 0) parts.push("user" + rnd(1000) + "@example" + rnd(50) + ".com");
    else if (k === 1) parts.push("https://www.site" + rnd(100) + ".org/path/" + rnd(1000) + "?q=" + rnd(10));
    else if (k === 2) parts.push("20" + (10 + rnd(15)) + "-0" + (1 + rnd(9)) + "-1" + rnd(10));
    else parts.push(words[rnd(words.length)]);
}
var text = parts.join(" ");
var emails = text.match(/[\w.+-]+@[\w-]+\.[\w.]+/g).length;
var urls = text.match(/https?:\/\/[^\s/$.?#].[^\s]*/g).length;
var dates = 0;
var re = /(\d{4})-(\d{2})-(\d{2})/g, m;
while ((m = re.exec(text)) !== null) dates += m[1].length > 0 ? 1 : 0;
print(text.length, emails, urls, dates);
