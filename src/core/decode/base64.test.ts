import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from './base64.js';
import { DecodeError } from './errors.js';

/** The slow but obvious definition of standard padded base64 that decodeBase64 must agree with. */
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function accepts(text: string): boolean {
  try {
    decodeBase64(text, 'data');
    return true;
  } catch (error) {
    if (error instanceof DecodeError && error.stage === 'base64' && error.path === 'data') return false;
    throw error;
  }
}

describe('decodeBase64', () => {
  it.each([
    ['', ''],
    ['aGk=', 'hi'],
    ['aGkh', 'hi!'],
    ['aA==', 'h'],
  ])('decodes %j', (text, expected) => {
    expect(decodeBase64(text, 'data').toString('latin1')).toBe(expected);
  });

  it.each([
    ['aGk', /multiple of 4/],
    ['aG k', /offset 2/],
    ['aG-_', /offset 2 \("-"\)/],
    ['a===', /offset 1/],
    ['aG=k', /offset 2/],
    ['\u0141UJD', /offset 0/],
  ])('rejects %j', (text, message) => {
    expect(() => decodeBase64(text, 'data')).toThrow(message);
  });

  it('agrees with a strict regex on strings close to base64', () => {
    const char = fc.constantFrom(...'ABCXYZabcxyz0189+/=-_ \n.\u00e9\u0141\u2082\u0000');
    fc.assert(
      fc.property(
        fc.string({ unit: char, maxLength: 16 }),
        (text) => accepts(text) === STRICT_BASE64.test(text),
      ),
      { seed: 42, numRuns: 3000 },
    );
  });

  it('agrees with a strict regex on arbitrary strings and on one-character edits of valid base64', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 16 }),
        (text) => accepts(text) === STRICT_BASE64.test(text),
      ),
      { seed: 42, numRuns: 1000 },
    );
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 40 }),
        fc.nat(),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
        (bytes, at, char) => {
          const valid = Buffer.from(bytes).toString('base64');
          const i = valid.length === 0 ? 0 : at % valid.length;
          const edited = valid.slice(0, i) + char + valid.slice(i + 1);
          return accepts(edited) === STRICT_BASE64.test(edited);
        },
      ),
      { seed: 42, numRuns: 1000 },
    );
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(decodeBase64(Buffer.from(bytes).toString('base64'), 'data').equals(bytes)).toBe(true);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
