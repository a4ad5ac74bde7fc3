class Vec { constructor(x, y) { this.x = x; this.y = y; } add(o) { return new Vec(this.x + o.x, this.y + o.y); } get len() { return Math.sqrt(this.x * this.x + this.y * this.y); } }
class Vec3 extends Vec { constructor(x, y, z) { super(x, y); this.z = z; } }
let acc = new Vec(0, 0);
for (let i = 0; i < 500000; i++) acc = acc.add(new Vec3(1, 2, 3));
print(acc.len);
