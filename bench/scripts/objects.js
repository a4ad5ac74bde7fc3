function P(x, y) { this.x = x; this.y = y; }
P.prototype.len2 = function () { return this.x * this.x + this.y * this.y; };
let t = 0;
for (let i = 0; i < 1000000; i++) { const p = new P(i, i + 1); t += p.len2() % 7; }
print(t);
