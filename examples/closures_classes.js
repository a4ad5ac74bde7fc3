// Closures, classes, exceptions, template literals and a few array and object methods.
// Everything printed is a string or a number, so the output is the same in every engine.

// A counter factory: each counter keeps its own count.
function makeCounter(start) {
    let count = start;
    return {
        next: function () { count += 1; return count; },
        reset: () => { count = start; },
    };
}
const a = makeCounter(0);
const b = makeCounter(10);
a.next();
a.next();
b.next();
console.log(`counters: a=${a.next()} b=${b.next()}`);
a.reset();
console.log(`after reset: a=${a.next()}`);

// Closures created in a for (let ...) loop capture one binding per iteration.
const fns = [];
for (let i = 0; i < 5; i++) {
    fns.push(() => i * i);
}
console.log("squares: " + fns.map(f => f()).join(", "));

// Classes: extends, super, static members, getters and setters.
class Shape {
    constructor(name) {
        this.name = name;
        Shape.count++;
    }
    area() { return 0; }
    describe() { return `${this.name} with area ${this.area()}`; }
    static created() { return `${Shape.count} shapes`; }
}
Shape.count = 0;

class Rect extends Shape {
    constructor(w, h) {
        super("rect");
        this.w = w;
        this.h = h;
    }
    area() { return this.w * this.h; }
    get perimeter() { return 2 * (this.w + this.h); }
    set width(v) {
        if (v <= 0) throw new RangeError("width must be positive");
        this.w = v;
    }
}

class Square extends Rect {
    constructor(side) {
        super(side, side);
        this.name = "square";
    }
    describe() { return "a " + super.describe(); }
}

const shapes = [new Rect(2, 3), new Square(4), new Shape("point")];
for (const s of shapes) {
    console.log(s.describe());
}
console.log(Shape.created());
const r = shapes[0];
console.log("perimeter: " + r.perimeter);
r.width = 5;
console.log("after resize: " + r.area() + ", perimeter " + r.perimeter);

// try/catch/finally.
try {
    r.width = -1;
} catch (e) {
    console.log(`caught ${e.name}: ${e.message}`);
} finally {
    console.log("width is still " + r.w);
}
function safeDivide(x, y) {
    try {
        if (y === 0) throw new Error("division by zero");
        return x / y;
    } catch (e) {
        return "error: " + e.message;
    }
}
console.log(safeDivide(10, 4) + " | " + safeDivide(1, 0));

// Array methods and Object.keys.
const nums = [5, 3, 8, 1];
nums.push(13);
const doubled = nums.map(n => n * 2);
const big = nums.filter(n => n > 4);
const total = nums.reduce((acc, n) => acc + n, 0);
console.log(`doubled: ${doubled.join(" ")}; big: ${big.join(",")}; total: ${total}`);
console.log("index of 8: " + nums.indexOf(8) + ", length " + nums.length);

const inventory = { apples: 3, pears: 0, plums: 7 };
const keys = Object.keys(inventory);
console.log("keys: " + keys.join(","));
console.log(keys.map(k => `${k}=${inventory[k]}`).join("; "));
console.log(typeof makeCounter + " " + typeof r + " " + (r instanceof Shape) + " " + (r instanceof Square));
