// int32 fast paths of % * - & | ^ << >> >>>: -0 results, overflow, zero divisors, shift counts mod 32.
const r = [];
for (const [x, y] of [[7, 3], [-7, 3], [-6, 3], [6, -3], [0, -5], [-0, 5], [-2147483648, -1], [5, 0], [-1, 0], [0, 0], [2147483647, 2], [65536, 65536], [-3, 33], [-1, 0], [1, 31], [-8, 1]]) {
  r.push([x % y, Object.is(x % y, -0), x * y, Object.is(x * y, -0), x - y, x & y, x | y, x ^ y, x << y, x >> y, x >>> y].join(','));
}
console.log(r.join('\n'));
