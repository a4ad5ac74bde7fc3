// Regular expression literals evaluated in a loop (each evaluation is a new RegExp object) on
// short subjects: the cost of creating the object and starting a match, not of matching.
var words = ["2026-12-07", "hello", "x=1;y=2", "user@example.com", "  padded  "];
var hits = 0;
for (var i = 0; i < 200000; i++) {
    var w = words[i % 5];
    if (/^\d{4}-\d\d-\d\d$/.test(w)) hits++;
    if (/@/.test(w)) hits++;
    if (/(\w+)=(\d+)/.exec(w)) hits++;
    hits += w.replace(/^\s+|\s+$/g, "").length;
}
print(hits);
