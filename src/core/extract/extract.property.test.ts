import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correlationIdOf, createBatchExtractor, createExtractor, parseJsonMessage } from './index.js';

const SEED = 20240501;
const extract = createExtractor({ maxValueLength: 64 });

/** Pieces of real log lines, so generated strings hit the scanners' interesting paths. */
const fragment = fc.constantFrom(
  'REPORT RequestId: ',
  'RequestId: ',
  'status=',
  'HTTP ',
  '"GET /x?y=1 HTTP/1.1" ',
  '2024-05-01T12:00:00.000Z\t',
  '3f1c2a4e-1b2c-4d5e-8f90-123456789abc',
  '\t',
  'Root=1-5759e988-bd862e3fe1be46a994272793',
  '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  '10.0.0.1',
  '::',
  ':',
  '=',
  '"',
  '\\',
  '{',
  '}',
  'ms',
  '1.5s',
  ' ',
  '255.',
  'a=b ',
  'trace_id=',
);
const messy = fc
  .array(fc.oneof(fragment, fc.string({ unit: 'binary', maxLength: 12 })), { maxLength: 20 })
  .map((parts) => parts.join(''));

function isFieldValue(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

describe('extractor properties', () => {
  it('never throws on arbitrary text and returns flat, bounded values', () => {
    fc.assert(
      fc.property(messy, (line) => {
        const fields = extract(line);
        for (const [k, v] of Object.entries(fields)) {
          expect(isFieldValue(v), k).toBe(true);
          if (typeof v === 'string') expect(v.length).toBeLessThanOrEqual(64);
        }
        correlationIdOf(fields);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('never throws on arbitrary JSON objects and keeps at most maxJsonFields', () => {
    const x = createExtractor({ maxJsonFields: 10, maxJsonDepth: 3, maxValueLength: 32 });
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 5 })), (obj) => {
        const text = JSON.stringify(obj);
        const parsed = parseJsonMessage(text);
        expect(parsed).toEqual(JSON.parse(text));
        const fields = x(text, parsed);
        const own = Object.keys(obj).length === 0 ? 0 : Object.keys(fields).length;
        // Structured fields are bounded; a few derived ones (ip, http.*, ids, duration) may come on top.
        expect(own).toBeLessThanOrEqual(10 + 12);
        for (const v of Object.values(fields)) expect(isFieldValue(v)).toBe(true);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('gives, as a batch, exactly what it gives message by message (same fields, same key order)', () => {
    const batch = createBatchExtractor({ maxValueLength: 64 });
    const jsonLine = fc
      .dictionary(fc.constantFrom('level', 'msg', 'status', 'ip', 'requestId', 'duration'), fc.jsonValue())
      .map((o) => JSON.stringify(o));
    fc.assert(
      fc.property(fc.array(fc.oneof(messy, jsonLine), { maxLength: 30 }), (lines) => {
        const parsed = lines.map((l) => (l.length % 2 === 0 ? parseJsonMessage(l) : undefined));
        const got = batch(lines, parsed);
        const want = lines.map((l, i) => extract(l, parsed[i]));
        expect(got.map((f) => JSON.stringify(f))).toEqual(want.map((f) => JSON.stringify(f)));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
