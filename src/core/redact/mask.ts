/**
 * Replacing matched spans with `[REDACTED:<kind>]` tokens without breaking JSON text.
 *
 * The pipeline redacts raw messages, many of which are JSON. A replacement is JSON-safe when
 * the replaced span starts on a character boundary of the JSON string (not in the middle of
 * an escape such as `\n` or `\u00e9`), does not end with a dangling backslash, and does not
 * cross a `"`. Tokens themselves hold no `"` or `\`.
 */

export type Counts = Record<string, number>;

/** The token that replaces a secret of `kind`. */
export function tokenOf(kind: string): string {
  return `[REDACTED:${kind}]`;
}

export const TOKEN_PREFIX = '[REDACTED:';

// Reused result of safeSpan: the redactor is synchronous and never re-enters.
const span = { start: 0, end: 0 };

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/**
 * Narrows `[start, end)` to a JSON-safe span; `span.end <= span.start` means nothing is left.
 * A span is cut at its first unescaped `"`, moved past an escape it starts inside, and loses a trailing
 * odd backslash.
 */
export function safeSpan(s: string, start: number, end: number): typeof span {
  let a = start;
  let k = a - 1;
  while (k >= 0 && s.charCodeAt(k) === 92) k--;
  if ((a - 1 - k) % 2 === 1) {
    // s[a] is the letter of an escape: skip it (and the 4 hex digits of \uXXXX).
    let skip = 1;
    if (s.charCodeAt(a) === 117 /* u */) {
      let h = 0;
      while (h < 4 && isHex(s.charCodeAt(a + 1 + h))) h++;
      skip += h;
    }
    a += skip;
  }
  let b = end;
  // An escaped quote (`\"`) is content of a JSON string and may be replaced; a bare one ends it.
  for (let q = s.indexOf('"', a); q >= 0 && q < b; q = s.indexOf('"', q + 1)) {
    let k = q - 1;
    while (k >= a && s.charCodeAt(k) === 92) k--;
    if ((q - 1 - k) % 2 === 0) {
      b = q;
      break;
    }
  }
  let bs = 0;
  while (b - 1 - bs >= a && s.charCodeAt(b - 1 - bs) === 92) bs++;
  if (bs % 2 === 1) b--;
  span.start = a;
  span.end = b;
  return span;
}

/** True when `i` is inside a JSON string: an odd number of unescaped `"` comes before it. */
export function insideString(s: string, i: number): boolean {
  let inside = false;
  for (let q = s.indexOf('"'); q >= 0 && q < i; q = s.indexOf('"', q + 1)) {
    let k = q - 1;
    while (k >= 0 && s.charCodeAt(k) === 92) k--;
    if ((q - 1 - k) % 2 === 0) inside = !inside;
  }
  return inside;
}

/** True when `s` looks like JSON text (a bare value there must stay a JSON value). */
export function looksLikeJson(s: string): boolean {
  const c = s.charCodeAt(0);
  return c === 123 || c === 91;
}

/**
 * Replaces every match of the global regex `re` in `s` that `accept` (if given) approves, and
 * adds the number replaced to `counts[kind]`. Returns `s` itself when nothing was replaced.
 * `from` skips a prefix known to hold no match.
 */
export function maskMatches(
  s: string,
  re: RegExp,
  kind: string,
  counts: Counts,
  accept?: (match: string, index: number, s: string) => boolean,
  token: string = tokenOf(kind),
  quoteBareJson = false,
  from = 0,
): string {
  re.lastIndex = Math.max(from, 0);
  const json = quoteBareJson && looksLikeJson(s);
  let out = '';
  let last = 0;
  let n = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const text = m[0];
    if (text.length === 0) {
      re.lastIndex++;
      continue;
    }
    if (accept !== undefined && !accept(text, m.index, s)) continue;
    if (m.index < last) continue;
    const { start, end } = safeSpan(s, m.index, m.index + text.length);
    if (end <= start || s.startsWith(TOKEN_PREFIX, start)) continue;
    // A bare JSON number (a card number stored as a number) becomes a string token.
    const wrap = json && !insideString(s, start);
    out += s.slice(last, start) + (wrap ? `"${token}"` : token);
    last = end;
    n++;
  }
  if (n === 0) return s;
  addCount(counts, kind, n);
  return out + s.slice(last);
}

/**
 * Spans found by a hand-written scanner, replaced like maskMatches does. Spans must come in
 * increasing order; an overlapping or empty one is ignored.
 */
export class SpanMasker {
  private out = '';
  private last = 0;
  /** How many spans were replaced. */
  count = 0;

  constructor(private readonly s: string) {}

  /** Masks `[start, end)` narrowed to a JSON-safe span; `wrap` quotes the token. True when masked. */
  mask(start: number, end: number, token: string, wrap = false): boolean {
    if (start < this.last) return false;
    const sp = safeSpan(this.s, start, end);
    if (sp.end <= sp.start || this.s.startsWith(TOKEN_PREFIX, sp.start)) return false;
    this.out += this.s.slice(this.last, sp.start) + (wrap ? `"${token}"` : token);
    this.last = sp.end;
    this.count++;
    return true;
  }

  /** The masked text; the input itself when nothing was masked. */
  finish(): string {
    return this.count === 0 ? this.s : this.out + this.s.slice(this.last);
  }
}

/** Adds `n` to `counts[kind]` when n > 0. */
export function addCount(counts: Counts, kind: string, n: number): void {
  if (n > 0) counts[kind] = (counts[kind] ?? 0) + n;
}
