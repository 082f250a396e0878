import { charFlags, type Masking, maskLine, maskWithFlags, WILDCARD } from './masking.js';

const UNITS = new Set([
  'B',
  'KB',
  'MB',
  'GB',
  'TB',
  'KiB',
  'MiB',
  'GiB',
  'TiB',
  'ns',
  'us',
  'µs',
  'ms',
  's',
  'sec',
  'secs',
]);

const TRAILING = ',;:.)]}';
/** A double-quoted value longer than this is split on whitespace like the rest of the line. */
const MAX_QUOTED = 120;

function isSpace(c: number): boolean {
  // space, tab, LF, CR, VT, FF
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * Splits a line into masked tokens: whitespace separates tokens, each token is masked, runs of
 * `<*>` tokens collapse into one (a masked date-and-time or a variable-length list is one
 * variable), a size or duration unit after a masked value joins it, a short double-quoted
 * value stays one token, and at most `maxTokens` tokens are kept.
 *
 * @example tokenize('took 12 ms at 2024-01-01 10:00:00 tag="a b"', masking, 128) // ['took', '<*>', 'at', '<*>', 'tag="a b"']
 */
export function tokenize(line: string, masking: Masking, maxTokens: number): string[] {
  const text = masking.extra.length > 0 ? maskLine(line, masking) : line;
  const tokens: string[] = [];
  let start = -1;
  let quotes = 0;
  // The maskers' shape flags of the token so far, gathered on the same walk.
  let flags = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i === n ? 32 : text.charCodeAt(i);
    if (!isSpace(c)) {
      if (start < 0) start = i;
      if (c === 34) quotes++;
      flags |= charFlags(c);
      continue;
    }
    if (start < 0) continue;
    if ((quotes & 1) === 1 && i < n) {
      // Inside a double-quoted value (`tag="View Lock"`): the value is one token when it closes soon.
      const close = text.indexOf('"', i);
      if (close > 0 && close - i <= MAX_QUOTED) {
        flags |= charFlags(c);
        continue;
      }
    }
    quotes = 0;
    const token = maskWithFlags(text.slice(start, i), flags, masking);
    flags = 0;
    start = -1;
    if (tokens.length > 0 && tokens[tokens.length - 1] === WILDCARD) {
      if (token === WILDCARD) continue;
      // `5.2 KB`, `30 ms`: a quantity and its unit are one variable (`5.2 KB` vs `93.0 B`).
      if (masking.digitToken) {
        let end = token.length;
        while (end > 1 && TRAILING.includes(token[end - 1]!)) end--;
        if (UNITS.has(end === token.length ? token : token.slice(0, end))) {
          if (end < token.length) tokens[tokens.length - 1] = WILDCARD + token.slice(end);
          continue;
        }
      }
    }
    tokens.push(token);
    if (tokens.length >= maxTokens) break;
  }
  return tokens;
}
