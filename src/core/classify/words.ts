/**
 * The last resort for lines that name no level: words such as `panic`, `exception`, `failed`,
 * `deprecated`, the most severe one winning, with the negations people write (`no errors`,
 * `0 failed`, `errors=0`, `error: none`, `non-fatal`, `"error":null`).
 */
import { SEVERITY_RANK, type Severity } from '../types.js';
import type { Why } from './reason.js';

/**
 * Group 1: CRITICAL, group 2: ERROR, group 3: WARNING. There is no leading `\\b`: `wordStart`
 * checks the left boundary by hand so that class names (`TypeError`, `NullPointerException`,
 * `java.lang.OutOfMemoryError`) count while `terror` does not, and so that the engine can skip
 * ahead on the first letters of the words.
 */
const WORDS = new RegExp(
  [
    '(?:(kernel panic|panic(?:ked|king|s)?|fatal(?:ly)?|emergency|critical|out of memory|oom[- ]?kill(?:ed|er)?|',
    'oomkilled|segfault|segmentation fault|core dumped|outofmemory(?:error|exception)?)',
    '|(errors?|exceptions?|fail(?:s|ed|ure|ures)?|traceback|unhandled|refused|denied|timed out|crash(?:ed|es)?)',
    '|(warn(?:ing|ings)?|deprecated|deprecation|retrying))\\b',
  ].join(''),
  'gi',
);

const NEGATORS = new Set(['no', 'not', 'non', 'without', 'zero', '0', 'never', 'nothing']);
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

/** `no error`, `0 errors`, `non-fatal`, `without failures`. */
function negatedBefore(msg: string, start: number): boolean {
  let j = start - 1;
  const sep = msg.charCodeAt(j);
  if (sep !== 32 && sep !== 45) return false;
  j--;
  while (j >= 0 && msg.charCodeAt(j) === 32) j--;
  const end = j + 1;
  while (j >= 0 && isAlnum(msg.charCodeAt(j))) j--;
  const length = end - j - 1;
  return length >= 1 && length <= 7 && NEGATORS.has(msg.slice(j + 1, end).toLowerCase());
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
    if (msg.length - j >= empty.length && msg.slice(j, j + empty.length).toLowerCase() === empty) return true;
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
  let bestWord = '';
  for (let m = WORDS.exec(msg); m !== null; m = WORDS.exec(msg)) {
    const severity: Severity = m[1] !== undefined ? 'CRITICAL' : m[2] !== undefined ? 'ERROR' : 'WARNING';
    if (best !== undefined && SEVERITY_RANK[severity] <= SEVERITY_RANK[best]) continue;
    const word = m[0];
    if (!wordStart(msg, m.index)) continue;
    if (negatedBefore(msg, m.index) || negatedAfter(msg, m.index + word.length)) continue;
    best = severity;
    bestWord = word;
    if (severity === 'CRITICAL') break;
  }
  WORDS.lastIndex = 0;
  if (best !== undefined && why) why.reason = `word:${bestWord.toLowerCase()}`;
  return best;
}
