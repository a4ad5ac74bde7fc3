// JSON.parse source text access (the reviver's context.source), JSON.rawJSON, JSON.isRawJSON.
// Node 20 predates the proposal: the .expected file was checked by hand against the spec.
const log = [];
const v = JSON.parse('{"a": 1.50, "b": [true, "x\\u0041", -0e1], "a": 2e0, "c": {"d": null}}', function (k, v, ctx) {
  log.push(`${k}=${typeof v === 'object' && v ? '{..}' : String(v)} source=${ctx.source}`);
  return v;
});
console.log(log.join('\n'));
console.log(JSON.stringify({ big: JSON.rawJSON('12345678901234567890'), s: JSON.rawJSON('"q"'), arr: [JSON.rawJSON('null')] }));
console.log(JSON.isRawJSON(JSON.rawJSON('1')), JSON.isRawJSON({ rawJSON: '1' }), Object.isFrozen(JSON.rawJSON('1')), Object.getPrototypeOf(JSON.rawJSON('1')));
for (const bad of ['', ' 1', '1 ', '{}', '[]', 'tru', '"a']) {
  try { JSON.rawJSON(bad); console.log('no error', bad); } catch (e) { console.log(e.name); }
}
// a reviver that replaces a value loses that value's source
console.log(JSON.stringify(JSON.parse('[1, 2]', (k, v, c) => (k === '0' ? 10 : k === '' ? [v, c.source] : v))));
