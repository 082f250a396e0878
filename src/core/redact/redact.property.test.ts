import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRedactor } from './index.js';
import { luhnValid } from './luhn.js';

const SEED = 20240501;
const redactor = createRedactor({ ips: true });

/** A Luhn-valid 16-digit number starting 4 or 5 (Visa/Mastercard-like). */
const cardNumber = fc
  .tuple(
    fc.constantFrom('4', '5'),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 14, maxLength: 14 }),
  )
  .map(([first, rest]) => {
    const body = first + rest.join('');
    for (let check = 0; check <= 9; check++) if (luhnValid(body + check)) return body + check;
    throw new Error('unreachable: one check digit always fits');
  });
// Local parts with = ' / { } | ` are left out: in logs those characters belong to the context
// (`email=bob@x.io`, `'bob@x.io'`), so the scanner does not take them as part of the address.
const email = fc.emailAddress().filter((e) => /\.[A-Za-z]{2,}$/.test(e) && !/["\\='/{}|`]/.test(e));
const filler = fc.string({ unit: 'binary', maxLength: 16 });
const fragment = fc.constantFrom(
  'password=',
  '"password":"',
  'token: ',
  'Bearer ',
  'Basic ',
  'eyJ',
  '://',
  '@',
  'AKIA',
  '-----BEGIN PRIVATE KEY-----',
  '\\',
  '"',
  '\\n',
  '10.0.0.1',
  '::1',
  ' ',
  '=',
  ':',
);
const messy = fc.array(fc.oneof(fragment, filler), { maxLength: 20 }).map((p) => p.join(''));

describe('redactor properties', () => {
  it('never throws on arbitrary text, and is idempotent', () => {
    fc.assert(
      fc.property(messy, (s) => {
        const once = redactor.text(s, {});
        expect(redactor.text(once, {})).toBe(once);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('removes every generated email and Luhn-valid card number, wherever it sits', () => {
    fc.assert(
      fc.property(filler, email, filler, cardNumber, filler, (a, mail, b, card, c) => {
        const counts: Record<string, number> = {};
        const out = redactor.text(`${a} ${mail} ${b} card ${card} ${c}`, counts);
        expect(out).not.toContain(mail);
        expect(out).not.toContain(card);
        expect(counts.card_number).toBeGreaterThanOrEqual(1);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('keeps JSON valid and removes the secrets in it', () => {
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.tuple(messy, email).map(([s, e]) => `${s}${e}`),
      cardNumber,
      messy,
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.oneof(fc.string(), fragment), value, { maxKeys: 6 }),
        email,
        cardNumber,
        (obj, mail, card) => {
          const text = JSON.stringify({
            ...obj,
            contact: mail,
            note: `paid with ${card}\n`,
            password: 'hunter2',
          });
          const out = redactor.text(text, {});
          const parsed = JSON.parse(out) as Record<string, unknown>;
          expect(parsed.password).toBe('[REDACTED:password_pair]');
          expect(out).not.toContain(mail);
          expect(out).not.toContain(card);
        },
      ),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('never throws on arbitrary fields', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.double(), fc.boolean())), (f) => {
        redactor.fields(f, {});
        for (const v of Object.values(f)) expect(['string', 'number', 'boolean']).toContain(typeof v);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('masks a batch exactly as it masks text by text, with the same counts', () => {
    const custom = createRedactor({ rules: [{ name: 'order', pattern: 'ord-\\d+' }], disable: ['email'] });
    const line = fc.oneof(messy, email, cardNumber, fc.constant(''), fc.constant('ord-12 x'));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        for (const r of [redactor, custom]) {
          const one: Record<string, number> = {};
          const want = lines.map((s) => r.text(s, one));
          const many: Record<string, number> = {};
          expect(r.texts(lines, many)).toEqual(want);
          expect(Object.entries(many).sort()).toEqual(Object.entries(one).sort());
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
