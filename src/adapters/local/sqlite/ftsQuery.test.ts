import { describe, expect, it } from 'vitest';
import { MAX_TERMS, toFtsQuery } from './ftsQuery.js';

describe('toFtsQuery', () => {
  it('quotes every term, ANDs them and makes the last a prefix', () => {
    expect(toFtsQuery('payment timeout')).toEqual({ match: '"payment" "timeout"*', substrings: [] });
  });

  it.each([
    ['"unbalanced', '"""unbalanced"*'],
    ['AND OR', '"AND" "OR"*'],
    ['NEAR(a b)', '"NEAR(a" "b)"*'],
    ['message:boom', '"message:boom"*'],
    ['^start* -x', '"^start*" "-x"*'],
  ])('keeps FTS5 syntax in %j as plain text', (q, match) => {
    expect(toFtsQuery(q).match).toBe(match);
  });

  it('sets punctuation-only terms apart for a substring test', () => {
    expect(toFtsQuery('-> retry !!!')).toEqual({ match: '"retry"*', substrings: ['->', '!!!'] });
    expect(toFtsQuery('::')).toEqual({ substrings: ['::'] });
  });

  it('treats empty and blank input as no text filter', () => {
    expect(toFtsQuery(undefined)).toEqual({ substrings: [] });
    expect(toFtsQuery('')).toEqual({ substrings: [] });
    expect(toFtsQuery(' \t\n ')).toEqual({ substrings: [] });
  });

  it('keeps unicode words', () => {
    expect(toFtsQuery('café 日本語 Ärger').match).toBe('"café" "日本語" "Ärger"*');
  });

  it(`ignores terms past ${MAX_TERMS}`, () => {
    const q = Array.from({ length: MAX_TERMS + 5 }, (_, i) => `w${i}`).join(' ');
    expect(toFtsQuery(q).match?.split(' ')).toHaveLength(MAX_TERMS);
  });
});
