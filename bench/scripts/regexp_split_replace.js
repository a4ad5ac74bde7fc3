// split and replace with a callback over ~1 MB of CSV-like text.
var lines = [];
for (var i = 0; i < 40000; i++) lines.push("id" + i + ", name" + (i % 97) + " ;value=" + (i * 7 % 1000) + "\t");
var text = lines.join("\n");
var fields = text.split(/\s*[,;\t]\s*/).length;
var rows = text.split(/\n/).length;
var total = 0;
var out = text.replace(/value=(\d+)/g, function (m, v) { total += +v; return "v:" + (v * 2); });
var upper = text.replace(/\b[a-z]/g, function (c) { return c.toUpperCase(); });
print(fields, rows, total, out.length, upper.length);
