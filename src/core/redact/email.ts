/**
 * Email addresses, found from each `@` outward (linear time; a regex with a leading
 * `[\w.]+@` backtracks badly on long runs of word characters).
 */
import type { Counts } from './mask.js';
import { addCount, SpanMasker, tokenOf } from './mask.js';

const TOKEN = tokenOf('email');

function isLocal(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 46 ||
    c === 95 ||
    c === 37 ||
    c === 43 ||
    c === 45 ||
    // RFC 5322 atext: ! # $ & * ? ^ ~ (but not = ' / { } | `, which in logs belong to the context).
    c === 33 ||
    c === 35 ||
    c === 36 ||
    c === 38 ||
    c === 42 ||
    c === 63 ||
    c === 94 ||
    c === 126
  );
}

function isDomain(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Masks `local@domain.tld` (a TLD of 2+ letters is required, so `root@server` stays). */
export function maskEmails(s: string, counts: Counts): string {
  let masker: SpanMasker | undefined;
  const n = s.length;
  for (let at = s.indexOf('@'); at >= 0; at = s.indexOf('@', at + 1)) {
    // The domain first: most `@` in logs (`Foo@2bd79ce`, `user@host`) have no dotted domain, and
    // then the local part need not be walked.
    let b = at + 1;
    while (b < n && b - at <= 255 && isDomain(s.charCodeAt(b))) b++;
    while (b > at + 1 && (s.charCodeAt(b - 1) === 46 || s.charCodeAt(b - 1) === 45)) b--;
    const dot = s.lastIndexOf('.', b - 1);
    if (dot <= at + 1 || b - dot - 1 < 2) continue;
    let tld = true;
    for (let i = dot + 1; i < b; i++) if (!isLetter(s.charCodeAt(i))) tld = false;
    if (!tld) continue;
    let a = at;
    while (a > 0 && at - a < 64 && isLocal(s.charCodeAt(a - 1))) a--;
    while (a < at && s.charCodeAt(a) === 46) a++;
    if (a === at) continue;
    masker ??= new SpanMasker(s);
    masker.mask(a, b, TOKEN);
  }
  if (masker === undefined) return s;
  addCount(counts, 'email', masker.count);
  return masker.finish();
}
