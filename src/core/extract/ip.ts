/**
 * Finds IPv4 and IPv6 addresses in free text. Shared by the extractor (`ip`, `ips`) and the
 * redactor (`ips: true`).
 *
 * Rules that keep false positives out:
 * - IPv4 octets are 0..255 without leading zeros; a dotted run with more than four parts
 *   (`6.1.7601.23505.1`) or glued to a word (`v1.2.3.4`) is not an address, and neither is a
 *   quad right after the word `version`/`ver` (`version 0.0.0.6`).
 * - IPv6 needs `::` or exactly eight groups; timestamps (`12:00:00`) and MACs (`00:1a:2b:3c:4d:5e`,
 *   and eight groups of two hex digits, EUI-64) are rejected, and so are letter-only forms such as
 *   `Abc::Def` (a C++/Ruby scope, not an address).
 * - Unspecified addresses (`0.0.0.0`, `::`) are skipped for `ip`: they are bind addresses, never clients.
 */

import * as gate from '../gates/lineGates.js';

export interface IpSpan {
  start: number;
  end: number;
  version: 4 | 6;
}

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
// No lookbehind: it would run at every position; the character before is checked in code.
const IPV4 = new RegExp(`${OCTET}(?:\\.${OCTET}){3}(?!\\w|\\.\\d)`, 'g');
// Candidates only; isIpv6 decides.
const IPV6_CANDIDATE =
  /(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,8}(?:\.\d{1,3}\.\d{1,3}\.\d{1,3})?/g;
const IPV4_FULL = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const VERSION_WORD = /(?:^|[^\w])(?:version|ver)[\s:=]*$/i;

/** True when `s` is exactly one IPv4 address. */
export function isIpv4(s: string): boolean {
  return IPV4_FULL.test(s);
}

function isHexGroup(g: string): boolean {
  if (g.length === 0 || g.length > 4) return false;
  for (let i = 0; i < g.length; i++) {
    const c = g.charCodeAt(i) | 0x20;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** True when `s` is exactly one IPv6 address (with `::` compression and an optional IPv4 tail). */
export function isIpv6(s: string): boolean {
  if (s.length < 2 || s.length > 45) return false;
  let body = s;
  let tailGroups = 0;
  const dot = s.indexOf('.');
  if (dot >= 0) {
    const lastColon = s.lastIndexOf(':');
    if (lastColon < 0 || lastColon > dot || !IPV4_FULL.test(s.slice(lastColon + 1))) return false;
    body = s.slice(0, lastColon + 1);
    // `::ffff:1.2.3.4` -> body `::ffff:`; keep a trailing `::` intact, drop a single trailing `:`.
    if (!body.endsWith('::')) body = body.slice(0, -1);
    tailGroups = 2;
  }
  const dc = body.indexOf('::');
  if (dc >= 0 && body.indexOf('::', dc + 1) >= 0) return false;
  let groups = 0;
  let digit = false;
  let twoHexOnly = true;
  const parts = dc >= 0 ? [body.slice(0, dc), body.slice(dc + 2)] : [body];
  for (const part of parts) {
    if (part === '') continue;
    for (const g of part.split(':')) {
      if (!isHexGroup(g)) return false;
      groups++;
      if (g.length !== 2) twoHexOnly = false;
      if (!digit && /\d/.test(g)) digit = true;
    }
  }
  groups += tailGroups;
  if (dc >= 0) {
    if (groups > 7) return false;
    // `Abc::Def` is a scope operator, `::` alone is the unspecified address.
    return digit || tailGroups > 0;
  }
  // Eight groups of exactly two hex digits is an EUI-64 / MAC-like id, not an address.
  return groups === 8 && !(twoHexOnly && tailGroups === 0);
}

function isUnspecified(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 48 && c !== 46 && c !== 58) return false; // '0' '.' ':'
  }
  return true;
}

function afterVersionWord(s: string, start: number): boolean {
  let k = start - 1;
  while (k >= 0 && (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 58 || s.charCodeAt(k) === 61)) k--;
  // Both `version` and `ver` end in n or r: only then is the regex worth running.
  const c = s.charCodeAt(k) | 0x20;
  if (c !== 110 && c !== 114) return false;
  return VERSION_WORD.test(s.slice(Math.max(0, start - 12), start));
}

/**
 * The addresses in `s` in text order, at most `max`. Unspecified addresses are skipped when
 * `skipUnspecified` is true. `gates` are the line's {@link lineGates} when known: an address kind
 * whose gate is clear is not looked for.
 *
 * @example findIps('from 10.0.0.1 via [::1]:80', 8) // [{start: 5, end: 13, version: 4}, {..., version: 6}]
 */
export function findIps(s: string, max: number, skipUnspecified = true, gates = gate.ALL): IpSpan[] {
  const spans: IpSpan[] = [];
  const from = (gates & gate.IPV4) === 0 ? -1 : ipv4From(s);
  if (from >= 0) {
    IPV4.lastIndex = from;
    for (let m = IPV4.exec(s); m !== null && spans.length < max; m = IPV4.exec(s)) {
      if (m.index > 0 && isWordOrDot(s.charCodeAt(m.index - 1))) continue;
      if (skipUnspecified && m[0] === '0.0.0.0') continue;
      if (afterVersionWord(s, m.index)) continue;
      spans.push({ start: m.index, end: m.index + m[0].length, version: 4 });
    }
  }
  if ((gates & gate.IPV6) !== 0 && mayHoldIpv6(s)) {
    const v6: IpSpan[] = [];
    IPV6_CANDIDATE.lastIndex = 0;
    for (let m = IPV6_CANDIDATE.exec(s); m !== null && v6.length < max; m = IPV6_CANDIDATE.exec(s)) {
      let text = m[0];
      if (text.length === 0) {
        IPV6_CANDIDATE.lastIndex++;
        continue;
      }
      // "fe80::1: refused" - a sentence colon glued to the end.
      if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
      const end = m.index + text.length;
      const next = s.charCodeAt(end);
      // Followed by a word char or another colon: part of something longer (0:0:...:0:2181, a MAC+).
      if (next === 58 || isWordChar(next)) continue;
      if (!isIpv6(text)) continue;
      if (skipUnspecified && isUnspecified(text)) continue;
      v6.push({ start: m.index, end, version: 6 });
    }
    if (v6.length > 0) return mergeSpans(spans, v6, max);
  }
  return spans;
}

/**
 * Where the first IPv4 address can start, or -1 when the line holds none. An address is four runs
 * of 1-3 digits joined by dots, not glued to a word or another dot-number: the shape is checked by
 * hopping over the dots with indexOf, ~4x cheaper than running the address regex from the line's
 * first digit, and most lines (timestamps `12:00:00.123`, versions, class names) fail here. The
 * regex then starts at the returned index and still decides (octets up to 255, version words).
 */
function ipv4From(s: string): number {
  for (let i = s.indexOf('.'); i >= 0; i = s.indexOf('.', i + 1)) {
    let a = i;
    while (a > 0 && isDigit(s.charCodeAt(a - 1))) a--;
    if (a === i || i - a > 3 || (a > 0 && isWordOrDot(s.charCodeAt(a - 1)))) continue;
    let at = i;
    let runs = 1;
    for (; runs < 4; runs++) {
      let b = at + 1;
      while (isDigit(s.charCodeAt(b))) b++;
      if (b === at + 1 || b - at > 4) break;
      at = b;
      if (runs < 3 && s.charCodeAt(at) !== 46) break;
    }
    if (runs < 4) continue;
    const next = s.charCodeAt(at);
    if (isWordChar(next) || (next === 46 && isDigit(s.charCodeAt(at + 1)))) continue;
    return a;
  }
  return -1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordOrDot(c: number): boolean {
  return c === 46 || isWordChar(c);
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * IPv6 needs `::`, or seven colons of which six in a row are joined by 1-4 hex digits (eight groups,
 * or six and an IPv4 tail): a cheap test that keeps the candidate regex off most lines, including
 * those with many colons but no address (`12:00:00 ... Foo.bar:942 ...`).
 */
function mayHoldIpv6(s: string): boolean {
  // One walk over the colons answers both questions.
  let colons = 0;
  for (let i = s.indexOf(':'); i >= 0; i = s.indexOf(':', i + 1)) {
    if (s.charCodeAt(i + 1) === 58) return true;
    if (++colons >= 7) return s.indexOf('::', i) >= 0 || hasHexColonChain(s);
  }
  return false;
}

/** Six colons in a row, each after a group of 1-4 hex digits that follows the previous colon. */
function hasHexColonChain(s: string): boolean {
  let chain = 0;
  let prev = -8;
  for (let i = s.indexOf(':'); i >= 0; i = s.indexOf(':', i + 1)) {
    chain = i - prev <= 5 && hexBetween(s, prev + 1, i) ? chain + 1 : 1;
    if (chain >= 6) return true;
    prev = i;
  }
  return false;
}

function hexBetween(s: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let k = start; k < end; k++) if (!isHex(s.charCodeAt(k))) return false;
  return true;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** IPv4 spans inside an IPv6 span (`::ffff:10.0.0.1`) are dropped; the rest are ordered by start. */
function mergeSpans(v4: IpSpan[], v6: IpSpan[], max: number): IpSpan[] {
  const kept = v4.filter((a) => !v6.some((b) => a.start >= b.start && a.end <= b.end));
  const all = kept.concat(v6).sort((a, b) => a.start - b.start);
  return all.length > max ? all.slice(0, max) : all;
}
