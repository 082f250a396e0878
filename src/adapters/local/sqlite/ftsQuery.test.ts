import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TERMS, toFtsQuery } from './ftsQuery.js';

describe('toFtsQuery', () => {
  it('quotes every term, ANDs them and makes the last a prefix', () => {
    expect(toFtsQuery('payment timeout')).toEqual({ match: '"payment" "timeout"*', contains: [] });
  });

  it.each([
    ['"unbalanced', '"unbalanced"*', ['"unbalanced']],
    ['AND OR', '"AND" "OR"*', []],
    ['NEAR(a b)', '"NEAR" "a" "b"*', ['near(a', 'b)']],
    ['message:boom', '"message" "boom"*', ['message:boom']],
    ['^start* -x', '"start" "x"*', ['^start*', '-x']],
  ])('keeps FTS5 syntax in %j as plain text', (q, match, contains) => {
    expect(toFtsQuery(q)).toEqual({ match, contains });
  });

  it('cuts a term with punctuation inside into tokens, and keeps the term for a substring test', () => {
    expect(toFtsQuery('from 10.0.0.1')).toEqual({
      match: '"from" "10" "0" "0" "1"*',
      contains: ['10.0.0.1'],
    });
    expect(toFtsQuery('User-42 ok')).toEqual({ match: '"User" "42" "ok"*', contains: ['user-42'] });
  });

  it('leaves punctuation-only terms to the substring test', () => {
    expect(toFtsQuery('-> retry !!!')).toEqual({ match: '"retry"*', contains: ['->', '!!!'] });
    expect(toFtsQuery('::')).toEqual({ contains: ['::'] });
  });

  it('treats empty and blank input as no text filter', () => {
    expect(toFtsQuery(undefined)).toEqual({ contains: [] });
    expect(toFtsQuery('')).toEqual({ contains: [] });
    expect(toFtsQuery(' \t\n ')).toEqual({ contains: [] });
  });

  it('keeps unicode words', () => {
    expect(toFtsQuery('café 日本語 Ärger').match).toBe('"café" "日本語" "Ärger"*');
  });

  it(`ignores terms past ${MAX_TERMS}`, () => {
    const q = Array.from({ length: MAX_TERMS + 5 }, (_, i) => `w${i}`).join(' ');
    expect(toFtsQuery(q).match?.split(' ')).toHaveLength(MAX_TERMS);
  });

  it('never puts a quote, space or FTS5 operator character inside a token', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (q) => {
        const { match } = toFtsQuery(q);
        if (match === undefined) return;
        for (const token of match.slice(0, -1).split(' ')) expect(token).toMatch(/^"[^"\s*^:()]+"$/u);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
