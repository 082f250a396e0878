/**
 * Line gates: one WebAssembly pass over a batch's lines that tells, per line, which of the text
 * scanners of the classify, extract and redact stages could match at all. Most lines match none of
 * them, and each scanner's own first look is a regex pass or an indexOf walk over the whole line
 * (~1 ns per character each); the pass here does them all in ~1.25 ns per byte, ~230 ns per Loghub
 * line with the copy in, and spares ~500 ns of scanning on the average one.
 *
 * Every gate is a superset of the check it stands for: a clear bit means that check is false for
 * that line, a set bit means nothing (the scanner runs as before and decides). So gating can only
 * skip work, never change a result. The tests hold each gate against the check it replaces, on
 * arbitrary strings, and the gated stages against the ungated ones.
 *
 * The lines are copied into the module's memory as Latin-1 (one byte per UTF-16 code unit, its low
 * byte): ASCII characters stay themselves and every pattern below is made of positive character
 * sets, so a pattern matches the bytes wherever it matches the text. Another character may turn
 * into an ASCII byte (U+0140 into `@`) and set a gate spuriously, which only costs the scanner's
 * run; none can hide a match. The two non-ASCII characters the checks name, µ (U+00B5) and
 * μ (U+03BC), become 0xB5 and 0xBC. (UTF-8 would allow "not a word character" sets too, at ~11 ns
 * per line more.)
 */
import { LINE_GATES_WASM } from './lineGatesWasm.js';

// The part of the WebAssembly API used here (the project's TypeScript libs do not declare it).
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
};
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** `\d ?[hmnsuµμ]`: a number followed by a duration unit (extract/duration.ts DURATION_HINT). */
export const DURATION = 1;
/** The start of a word of redact's KEYWORD_HINT (`pwd`, `pass`, `secr`, `key`, `toke`, `bear`, ...). */
export const SECRET_WORD = 2;
/** A word of the extractor's KEYWORDS (`status`, `http ` or `http_`, `req`, `trace`, `root=`). */
export const FIELD_WORD = 4;
/** `\d\.\d\.` or `\d\.\d\d`: how a dotted quad begins (extract/ip.ts ipv4From). */
export const IPV4 = 8;
/** An `@` (emails, URL passwords). */
export const AT = 16;
/** `::` or seven colons (extract/ip.ts mayHoldIpv6). */
export const IPV6 = 32;
/** `[2-6]\d{3}[ -]?\d{4}`: how every card number begins (redact's CARD_HINT). */
export const CARD = 64;
/** An `=` (logfmt pairs). */
export const EQ = 128;
/** A method's last letter, a space and `/`, `h` or `*` (extract/http.ts REQUEST_LINE). */
export const REQUEST_LINE = 256;
/** `h-hhhh-h` in hex digits: the middle of a UUID (extract/ids.ts findUuid). */
export const UUID = 512;
/** `hh-hhhhhh` in lower-case hex: how a W3C traceparent begins (extract/ids.ts findTraceparent). */
export const TRACEPARENT = 1024;
/** A tab or a newline (classify's header scan and CloudFront lines). */
export const TAB_NL = 2048;
/** `HTTP/` (classify's access-log status). */
export const HTTP = 4096;
/** Every gate set: what a line that was not scanned gets. */
export const ALL = 0xffff;

/** One pattern: a sequence of byte sets (each a string of the bytes it allows, as char codes 0-255). */
interface Pattern {
  gate: number;
  sets: string[];
}

const DIGITS = '0123456789';
const HEX = '0123456789abcdefABCDEF';
const LOWER_HEX = '0123456789abcdef';
/** Duration units' first characters; µ and μ by their Latin-1 bytes (see above). */
const UNIT_STARTS = 'hmnsu\xb5\xbc';

/** Both cases of each ASCII letter, as a case-insensitive regex compares them. */
function caseless(word: string): string[] {
  return [...word].map((c) => (/[a-z]/.test(c) ? c + c.toUpperCase() : c));
}

/**
 * The two 64-position words of patterns (a pattern may not span words). Words are shortened where
 * that frees positions at little cost: `pass` for `passw` and `passph`, `-----b` for `-----begin`.
 */
const WORDS: Pattern[][] = [
  [
    ...['pwd', 'pass', 'secr', 'key', 'toke', 'bear', 'basi', 'eyj', 'akia', 'asia', '-----b'].map((w) => ({
      gate: SECRET_WORD,
      sets: caseless(w),
    })),
    { gate: AT, sets: ['@'] },
    { gate: EQ, sets: ['='] },
    { gate: IPV6, sets: [':', ':'] },
    { gate: REQUEST_LINE, sets: ['TEHDS', ' ', '/h*'] },
    { gate: UUID, sets: [HEX, '-', HEX, HEX, HEX, HEX, '-', HEX] },
    { gate: TAB_NL, sets: ['\t\n'] },
    { gate: HTTP, sets: ['H', 'T', 'T', 'P', '/'] },
  ],
  [
    { gate: DURATION, sets: [DIGITS, UNIT_STARTS] },
    { gate: DURATION, sets: [DIGITS, ' ', UNIT_STARTS] },
    ...['status', 'req', 'trace', 'root='].map((w) => ({ gate: FIELD_WORD, sets: caseless(w) })),
    { gate: FIELD_WORD, sets: [...caseless('http'), ' _'] },
    { gate: IPV4, sets: [DIGITS, '.', DIGITS, '.'] },
    { gate: IPV4, sets: [DIGITS, '.', DIGITS, DIGITS] },
    { gate: CARD, sets: ['23456', DIGITS, DIGITS, DIGITS, DIGITS, DIGITS, DIGITS, DIGITS] },
    { gate: CARD, sets: ['23456', DIGITS, DIGITS, DIGITS, ' -', DIGITS, DIGITS, DIGITS, DIGITS] },
    { gate: TRACEPARENT, sets: [LOWER_HEX, LOWER_HEX, '-', ...Array<string>(6).fill(LOWER_HEX)] },
  ],
];

// The module's memory layout (see lineGates.wat).
const B1 = 0;
const B2 = 2048;
const START_FINAL = 4096;
const GATE_LISTS = 4128;
const HEAP = 8192;
/** Lines per scan call, and bytes of text. */
const CHUNK_LINES = 4096;
const CHUNK_BYTES = 1 << 20;
/** Longer lines are not copied: they get ALL, and their scanners decide as they would without gates. */
export const MAX_GATED_LINE = 64 * 1024;
const OFFSETS = HEAP;
const OUT = OFFSETS + 4 * (CHUNK_LINES + 1);
const TEXT = OUT + 2 * CHUNK_LINES;
const PAGES = Math.ceil((TEXT + CHUNK_BYTES) / 65536);

/** Gates per word in the GATES lists (the last entry stays zero: the end of the list). */
const MAX_WORD_GATES = 15;

interface Scanner {
  scan(offsets: number, n: number, out: number): void;
  bytes: Buffer;
  offsets: Int32Array;
  out: Uint16Array;
}

/** Loaded on first use; null where WebAssembly is missing (`node --jitless`): every line gets ALL. */
let scanner: Scanner | null | undefined;

function or(a: BigUint64Array, i: number, bits: bigint): void {
  a[i] = a[i]! | bits;
}

function tables(memory: ArrayBuffer): void {
  const words = [new BigUint64Array(memory, B1, 256), new BigUint64Array(memory, B2, 256)];
  const startFinal = new BigUint64Array(memory, START_FINAL, 4);
  WORDS.forEach((patterns, w) => {
    const table = words[w]!;
    const lists = new BigUint64Array(memory, GATE_LISTS + w * 16 * (MAX_WORD_GATES + 1), 2 * MAX_WORD_GATES);
    const gates = [...new Set(patterns.map((p) => p.gate))];
    if (gates.length > MAX_WORD_GATES)
      throw new Error(`line gates: word ${w + 1} has over ${MAX_WORD_GATES} gates`);
    gates.forEach((gate, k) => {
      lists[2 * k + 1] = BigInt(gate);
    });
    let bit = 0;
    for (const { gate, sets } of patterns) {
      if (bit + sets.length > 64) throw new Error(`line gates: word ${w + 1} has over 64 positions`);
      or(startFinal, 2 * w, 1n << BigInt(bit));
      sets.forEach((set, j) => {
        for (let k = 0; k < set.length; k++) or(table, set.charCodeAt(k), 1n << BigInt(bit + j));
      });
      const last = 1n << BigInt(bit + sets.length - 1);
      or(startFinal, 2 * w + 1, last);
      or(lists, 2 * gates.indexOf(gate), last);
      bit += sets.length;
    }
  });
}

function load(): Scanner {
  const module = new WebAssembly.Module(Buffer.from(LINE_GATES_WASM, 'base64'));
  const { exports } = new WebAssembly.Instance(module);
  const memory = exports.memory as WasmMemory;
  memory.grow(PAGES - memory.buffer.byteLength / 65536);
  tables(memory.buffer);
  return {
    scan: exports.scan as Scanner['scan'],
    bytes: Buffer.from(memory.buffer),
    offsets: new Int32Array(memory.buffer, OFFSETS, CHUNK_LINES + 1),
    out: new Uint16Array(memory.buffer, OUT, CHUNK_LINES),
  };
}

/**
 * The gates of each line: `gates[i] & DURATION` is 0 only when `texts[i]` has no number followed
 * by a unit, and so on for each bit. Lines over MAX_GATED_LINE get ALL, and so does every line
 * where WebAssembly is not available.
 *
 * @example lineGates(['took 12ms', 'user bob@example.com']) // Uint16Array [DURATION, AT]
 */
export function lineGates(texts: readonly string[]): Uint16Array {
  if (scanner === undefined) scanner = typeof WebAssembly === 'undefined' ? null : load();
  const n = texts.length;
  const gates = new Uint16Array(n);
  if (scanner === null) return gates.fill(ALL);
  const { scan, bytes, offsets, out } = scanner;
  let i = 0;
  const longLines: number[] = [];
  while (i < n) {
    const first = i;
    let at = TEXT;
    for (; i < n && i - first < CHUNK_LINES; i++) {
      const s = texts[i]!;
      if (s.length > MAX_GATED_LINE) {
        // Keeps its slot as an empty range; its gates are set to ALL below.
        longLines.push(i);
      } else if (at + s.length > TEXT + CHUNK_BYTES) break;
      else at += bytes.write(s, at, 'latin1');
      offsets[i - first + 1] = at;
    }
    offsets[0] = TEXT;
    scan(OFFSETS, i - first, OUT);
    gates.set(out.subarray(0, i - first), first);
  }
  for (const j of longLines) gates[j] = ALL;
  return gates;
}
