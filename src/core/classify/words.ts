/**
 * The last resort for lines that name no level: words such as `panic`, `exception`, `failed`,
 * `deprecated`, the most severe one winning, with the negations people write (`no errors`,
 * `0 failed`, `errors=0`, `error: none`, `non-fatal`, `"error":null`).
 */
import { SEVERITY_RANK, type Severity } from '../types.js';
import type { Why } from './reason.js';

/**
 * Group 1: CRITICAL, group 2: ERROR, group 3: WARNING, group 4: Lambda's runtime death (CRITICAL),
 * group 5: Lambda's timeout (ERROR). There is no leading `\b`: `wordStart` checks the left
 * boundary by hand so that class names (`TypeError`, `NullPointerException`,
 * `java.lang.OutOfMemoryError`) count while `terror` does not, and so that the engine can skip
 * ahead on the first letters of the words.
 */
const WORDS = new RegExp(
  [
    '(?:(kernel panic|panic(?:ked|king|s)?|fatal(?:ly)?|emergency|critical|out of memory|oom[- ]?kill(?:ed|er)?|',
    'oomkilled|segfault|segmentation fault|core dumped|outofmemory(?:error|exception)?)',
    '|(errors?|exceptions?|fail(?:s|ed|ure|ures)?|traceback|unhandled|refused|denied|timed out|crash(?:ed|es)?)',
    '|(warn(?:ing|ings)?|deprecated|deprecation|retrying)',
    '|(runtime(?: exited|\\.exiterror|\\.outofmemory))',
    '|(task timed out after))\\b',
  ].join(''),
  'gi',
);

/** Words that negate the severity word right after them: `no errors`, `0 failed`, `non-fatal`. */
const NEGATORS = ['no', 'not', 'non', 'without', 'zero', '0', 'never', 'nothing'];
const EMPTY_VALUES = ['none', 'null', 'nil', 'false', '[]', '{}'];

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
}

/**
 * True when the match at `start` begins a word: after a non-letter, or as the capitalised tail of a
 * camel-case name (`TypeError`, `IOException`, `OutOfMemoryError`).
 */
function wordStart(msg: string, start: number): boolean {
  if (start === 0) return true;
  const before = msg.charCodeAt(start - 1);
  if (!isAlnum(before) && before !== 95) return true;
  const first = msg.charCodeAt(start);
  return first >= 65 && first <= 90 && !(before >= 48 && before <= 57);
}

/** True when `msg.slice(start, end)` equals the lower-case `word`, ignoring case. */
function spanIs(msg: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) {
    const c = msg.charCodeAt(start + k);
    if ((c >= 65 && c <= 90 ? c | 32 : c) !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** `no error`, `0 errors`, `non-fatal`, `without failures`. */
function negatedBefore(msg: string, start: number): boolean {
  let j = start - 1;
  const sep = msg.charCodeAt(j);
  if (sep !== 32 && sep !== 45) return false;
  j--;
  while (j >= 0 && msg.charCodeAt(j) === 32) j--;
  const end = j + 1;
  while (j >= 0 && isAlnum(msg.charCodeAt(j))) j--;
  for (const word of NEGATORS) if (spanIs(msg, j + 1, end, word)) return true;
  return false;
}

/** `errors=0`, `errors: 0`, `error: none`, `"error":null`, `error-free`. */
function negatedAfter(msg: string, end: number): boolean {
  let j = end;
  if (msg.charCodeAt(j) === 45) return msg.startsWith('free', j + 1);
  while (msg.charCodeAt(j) === 34 || msg.charCodeAt(j) === 39 || msg.charCodeAt(j) === 32) j++;
  const sep = msg.charCodeAt(j);
  if (sep !== 61 && sep !== 58) return false;
  j++;
  while (msg.charCodeAt(j) === 34 || msg.charCodeAt(j) === 39 || msg.charCodeAt(j) === 32) j++;
  if (msg.charCodeAt(j) === 48) {
    const next = msg.charCodeAt(j + 1);
    return !(next >= 48 && next <= 57) && next !== 46;
  }
  for (const empty of EMPTY_VALUES) {
    if (spanIs(msg, j, Math.min(msg.length, j + empty.length), empty)) return true;
  }
  return false;
}

/**
 * The most severe non-negated severity word in `msg`, or undefined.
 *
 * @example wordLevel('Critical system failure - disk space full', null) // 'CRITICAL'
 * @example wordLevel('backup done, 0 errors', null) // undefined
 */
export function wordLevel(msg: string, why: Why | null): Severity | undefined {
  WORDS.lastIndex = 0;
  let best: Severity | undefined;
  let bestMatch: RegExpExecArray | undefined;
  for (let m = WORDS.exec(msg); m !== null; m = WORDS.exec(msg)) {
    const severity: Severity =
      m[1] !== undefined || m[4] !== undefined ? 'CRITICAL' : m[3] !== undefined ? 'WARNING' : 'ERROR';
    if (best !== undefined && SEVERITY_RANK[severity] <= SEVERITY_RANK[best]) continue;
    const start = m.index;
    if (!wordStart(msg, start)) continue;
    if (negatedBefore(msg, start) || negatedAfter(msg, start + m[0].length)) continue;
    best = severity;
    bestMatch = m;
    if (severity === 'CRITICAL') break;
  }
  WORDS.lastIndex = 0;
  if (bestMatch !== undefined && why) why.reason = wordReason(bestMatch);
  return best;
}

function wordReason(m: RegExpExecArray): string {
  if (m[5] !== undefined) return 'lambda:timeout';
  if (m[4] !== undefined)
    return m[4].toLowerCase().endsWith('outofmemory') ? 'lambda:out-of-memory' : 'lambda:runtime-exit';
  return `word:${m[0].toLowerCase()}`;
}
