import { createHash } from 'node:crypto';

/** Bumped only if the seed format changes; part of the hash so old and new ids never collide. */
const ID_SCHEME = 'logsift-pattern-v1';

/**
 * The stable id of a pattern born from `seedTokens` (the masked tokens of its first line).
 * Computed once per new pattern, never per event.
 *
 * @example patternIdFor(['Connection', 'to', '<*>', 'closed']) // '3f2a...' (16 hex chars)
 */
export function patternIdFor(seedTokens: readonly string[]): string {
  // \u0001 cannot occur inside a token (tokens are split on whitespace and control characters
  // are kept as is, but the count prefix makes ['a b'] and ['a', 'b'] distinct anyway).
  return createHash('sha1')
    .update(`${ID_SCHEME}\u0000${seedTokens.length}\u0000${seedTokens.join('\u0001')}`)
    .digest('hex')
    .slice(0, 16);
}
