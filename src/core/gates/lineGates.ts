/**
 * Line gates: one WebAssembly pass over a batch's lines that tells, per line, which of the text
 * scanners of the extract and redact stages could match at all. Most lines match none of them, and
 * each scanner's own first look is a regex pass over the whole line (~1 ns per character each,
 * ~500 ns per Loghub line for the six below); the pass here does them together in ~1 ns per byte.
 *
 * Every gate is a superset of the check it stands for: a clear bit means that check is false for
 * that line, a set bit means nothing (the scanner runs as before and decides). So gating can only
 * skip work, never change a result. The tests hold each gate against the check it replaces, on
 * the Loghub-shaped lines and on arbitrary strings.
 *
 * The lines are copied into the module's memory as Latin-1 (one byte per UTF-16 code unit, its low
 * byte): ASCII characters stay themselves and nothing else can become one of the few non-ASCII
 * characters the patterns name (µ U+00B5 and μ U+03BC become 0xB5 and 0xBC), so a pattern over
 * the bytes matches wherever it matches the text. Any other character may turn into an ASCII byte
 * and make a gate pass spuriously, which only costs the scanner's run.
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
/** A word of redact's KEYWORD_HINT (`pwd`, `passw`, `secret`, `key`, `token`, `bearer`, ...). */
export const SECRET_WORD = 2;
/** A word of the extractor's KEYWORDS (`status`, `http `, `req`, `trace`, `root=1-`). */
export const FIELD_WORD = 4;
/** `\d\.\d{1,3}\.`: the start of a dotted quad (extract/ip.ts ipv4From). */
export const IPV4 = 8;
/** An `@` (emails, URL passwords). */
export const AT = 16;
/** `::` or seven colons (extract/ip.ts mayHoldIpv6). */
export const IPV6 = 32;
/** `[2-6]\d{3}[ -]?\d{4}`: how every card number begins (redact's CARD_HINT). */
export const CARD = 64;
/** An `=` (logfmt pairs). */
export const EQ = 128;
/** Every gate set: what a line that was not scanned gets. */
export const ALL = 0xff;

/** One pattern: a sequence of character sets (each a string of the characters it allows). */
interface Pattern {
  gate: number;
  sets: string[];
}

const DIGITS = '0123456789';
/** Duration units' first characters; µ and μ by their Latin-1 bytes (see the module comment). */
const UNIT_STARTS = 'hmnsu\u00b5\u00bc';

/** Both cases of each ASCII letter, as a case-insensitive regex compares them. */
function caseless(word: string): string[] {
  return [...word].map((c) => (/[a-z]/.test(c) ? c + c.toUpperCase() : c));
}

/** The two 64-position words of patterns; a pattern may not span words. */
const WORDS: Pattern[][] = [
  [
    ...['pwd', 'passw', 'passph', 'secret', 'key', 'token', 'bearer', 'basic', 'eyj', 'akia', 'asia'].map(
      (w) => ({ gate: SECRET_WORD, sets: caseless(w) }),
    ),
    { gate: SECRET_WORD, sets: caseless('-----begin') },
    { gate: AT, sets: ['@'] },
    { gate: EQ, sets: ['='] },
    { gate: IPV6, sets: [':', ':'] },
  ],
  [
    { gate: DURATION, sets: [DIGITS, UNIT_STARTS] },
    { gate: DURATION, sets: [DIGITS, ' ', UNIT_STARTS] },
    ...['status', 'req', 'trace'].map((w) => ({ gate: FIELD_WORD, sets: caseless(w) })),
    { gate: FIELD_WORD, sets: [...caseless('http'), ' _'] },
    { gate: FIELD_WORD, sets: [...caseless('root='), '1', '-'] },
    { gate: IPV4, sets: [DIGITS, '.', DIGITS, '.'] },
    { gate: IPV4, sets: [DIGITS, '.', DIGITS, DIGITS, '.'] },
    { gate: IPV4, sets: [DIGITS, '.', DIGITS, DIGITS, DIGITS, '.'] },
    { gate: CARD, sets: ['23456', DIGITS, DIGITS, DIGITS, DIGITS, DIGITS, DIGITS, DIGITS] },
    { gate: CARD, sets: ['23456', DIGITS, DIGITS, DIGITS, ' -', DIGITS, DIGITS, DIGITS, DIGITS] },
  ],
];
/** The gates, in the order of the module's GATES table (entry k sets bit k). */
const MASKED_GATES = [DURATION, SECRET_WORD, FIELD_WORD, IPV4, AT, IPV6, CARD, EQ];

// The module's memory layout (see lineGates.wat).
const B1 = 0;
const B2 = 2048;
const START_FINAL = 4096;
const GATE_MASKS = 4128;
const HEAP = 8192;
/** Lines per scan call, and bytes of text. */
const CHUNK_LINES = 4096;
const CHUNK_BYTES = 1 << 20;
/** Longer lines are not copied: they get ALL, and their scanners decide as they would without gates. */
export const MAX_GATED_LINE = 64 * 1024;
const OFFSETS = HEAP;
const OUT = OFFSETS + 4 * (CHUNK_LINES + 1);
const TEXT = OUT + CHUNK_LINES;
const PAGES = Math.ceil((TEXT + CHUNK_BYTES) / 65536);

interface Scanner {
  scan(offsets: number, n: number, out: number): void;
  bytes: Buffer;
  offsets: Int32Array;
}

let scanner: Scanner | undefined;

function or(a: BigUint64Array, i: number, bits: bigint): void {
  a[i] = a[i]! | bits;
}

function tables(memory: ArrayBuffer): void {
  const words = [new BigUint64Array(memory, B1, 256), new BigUint64Array(memory, B2, 256)];
  const startFinal = new BigUint64Array(memory, START_FINAL, 4);
  const gateMasks = new BigUint64Array(memory, GATE_MASKS, 2 * MASKED_GATES.length);
  WORDS.forEach((patterns, w) => {
    let bit = 0;
    for (const { gate, sets } of patterns) {
      const table = words[w]!;
      or(startFinal, 2 * w, 1n << BigInt(bit));
      sets.forEach((set, j) => {
        for (const c of set) or(table, c.charCodeAt(0), 1n << BigInt(bit + j));
      });
      const last = 1n << BigInt(bit + sets.length - 1);
      or(startFinal, 2 * w + 1, last);
      or(gateMasks, 2 * MASKED_GATES.indexOf(gate) + w, last);
      bit += sets.length;
    }
    if (bit > 64) throw new Error(`line gates: word ${w + 1} needs ${bit} positions (64 at most)`);
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
  };
}

/**
 * The gates of each line: `gates[i] & DURATION` is 0 only when `texts[i]` has no number followed
 * by a unit, and so on for each bit. Lines over MAX_GATED_LINE get ALL.
 *
 * @example lineGates(['took 12ms', 'user bob@example.com']) // Uint8Array [DURATION, AT]
 */
export function lineGates(texts: readonly string[]): Uint8Array {
  scanner ??= load();
  const { scan, bytes, offsets } = scanner;
  const n = texts.length;
  const gates = new Uint8Array(n);
  let i = 0;
  while (i < n) {
    const first = i;
    let at = TEXT;
    for (; i < n && i - first < CHUNK_LINES; i++) {
      const s = texts[i]!;
      const long = s.length > MAX_GATED_LINE;
      if (!long && at + s.length > TEXT + CHUNK_BYTES) break;
      offsets[i - first] = at;
      // A long line keeps its slot as an empty range; its gates are set to ALL below.
      if (!long) at += bytes.write(s, at, 'latin1');
    }
    const k = i - first;
    offsets[k] = at;
    scan(OFFSETS, k, OUT);
    for (let j = 0; j < k; j++)
      gates[first + j] = texts[first + j]!.length > MAX_GATED_LINE ? ALL : bytes[OUT + j]!;
  }
  return gates;
}
