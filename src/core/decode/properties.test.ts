import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloudWatchPayload, gzipBase64, kinesisEvent } from '../../../test/fixtures/cloudwatch.js';
import type { RawEvent } from '../types.js';
import { decodeCloudWatchEvent } from './cloudwatch.js';
import { DecodeError } from './errors.js';
import { decodeKinesisEvent } from './kinesis.js';
import { decodeLines } from './lines.js';

const RUNS = { seed: 42, numRuns: 300 };

/** Runs `decode`; passes when it returns or throws a DecodeError, fails on anything else. */
function returnsOrDecodeError(decode: () => unknown): boolean {
  try {
    decode();
    return true;
  } catch (error) {
    if (error instanceof DecodeError) return true;
    throw error;
  }
}

const timestamp = fc.oneof(
  fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((n) => 1_795_694_400_000 + n),
  fc.maxSafeInteger().map((n) => n % 8.64e15),
);
const rawEvent: fc.Arbitrary<RawEvent> = fc
  .record({
    id: fc.string({ maxLength: 60 }),
    timestamp,
    message: fc.string({ unit: 'binary', maxLength: 300 }),
    extractedFields: fc.option(
      fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 20 })),
      {
        nil: undefined,
      },
    ),
  })
  .map(({ extractedFields, ...event }) =>
    extractedFields === undefined ? event : { ...event, extractedFields },
  );
const payloadOptions = fc.record({
  logGroup: fc.string({ maxLength: 80 }),
  logStream: fc.string({ maxLength: 80 }),
  owner: fc.string({ maxLength: 12 }),
  messageType: fc.constantFrom('DATA_MESSAGE' as const, 'CONTROL_MESSAGE' as const),
  policyLevel: fc.option(fc.constantFrom('ACCOUNT_LEVEL_POLICY', 'LOG_GROUP_LEVEL_POLICY'), {
    nil: undefined,
  }),
  subscriptionFilters: fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
  events: fc.array(rawEvent, { maxLength: 25 }),
});

describe('decode properties', () => {
  it('returns or throws a DecodeError for any input value', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => returnsOrDecodeError(() => decodeCloudWatchEvent(value))),
      RUNS,
    );
    fc.assert(
      fc.property(fc.anything(), (value) => returnsOrDecodeError(() => decodeKinesisEvent(value))),
      RUNS,
    );
  });

  it('returns or throws a DecodeError for any string or base64 string as data', () => {
    const data = fc.oneof(fc.string({ unit: 'binary' }), fc.base64String({ maxLength: 200 }));
    fc.assert(
      fc.property(data, (text) =>
        returnsOrDecodeError(() => decodeCloudWatchEvent({ awslogs: { data: text } })),
      ),
      RUNS,
    );
  });

  it('returns or throws a DecodeError for any gzipped bytes, JSON value, or mangled gzip', () => {
    const gzipped = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((bytes) => gzipSync(bytes)),
      fc.jsonValue().map((value) => gzipSync(JSON.stringify(value) ?? 'null')),
      fc
        .tuple(fc.uint8Array({ minLength: 1, maxLength: 100 }), fc.nat(), fc.integer({ min: 0, max: 255 }))
        .map(([bytes, at, byte]) => {
          const zipped = gzipSync(bytes);
          zipped[at % zipped.length] = byte;
          return zipped;
        }),
    );
    fc.assert(
      fc.property(gzipped, (bytes) =>
        returnsOrDecodeError(() => decodeCloudWatchEvent({ awslogs: { data: bytes.toString('base64') } })),
      ),
      RUNS,
    );
  });

  it('returns or throws a DecodeError when any field of a valid payload is replaced by any JSON value', () => {
    fc.assert(
      fc.property(payloadOptions, fc.nat(), fc.jsonValue(), (options, pick, replacement) => {
        const payload = cloudWatchPayload(options) as unknown as Record<string, unknown>;
        const targets: Array<Record<string, unknown>> = [
          payload,
          ...(payload.logEvents as Array<Record<string, unknown>>),
        ];
        const target = targets[pick % targets.length]!;
        const keys = Object.keys(target);
        target[keys[pick % keys.length]!] = replacement;
        return returnsOrDecodeError(() => decodeCloudWatchEvent({ awslogs: { data: gzipBase64(payload) } }));
      }),
      RUNS,
    );
  });

  it('decodes any valid batch to exactly its events', () => {
    fc.assert(
      fc.property(payloadOptions, (options) => {
        // Prepare
        const payload = cloudWatchPayload(options);

        // Act
        const batch = decodeCloudWatchEvent({ awslogs: { data: gzipBase64(payload) } });

        // Assess: compared with what went over the wire (generated dictionaries may lack a prototype).
        expect(batch.events).toStrictEqual(JSON.parse(JSON.stringify(payload.logEvents)));
        expect(batch.events.map((e) => e.id)).toEqual(options.events.map((e) => e.id));
        expect(batch.group).toBe(options.logGroup);
        expect(batch.stream).toBe(options.logStream);
        expect(batch.owner).toBe(options.owner);
        expect(batch.subscriptionFilters).toEqual(options.subscriptionFilters);
        expect(batch.policyLevel).toBe(options.policyLevel);
        expect(batch.control).toBe(options.messageType === 'CONTROL_MESSAGE' ? true : undefined);
      }),
      RUNS,
    );
  });

  it('decodes every Kinesis record exactly once, as a batch or as a failure', () => {
    const record = fc.oneof(
      payloadOptions.map((options) => cloudWatchPayload(options)),
      fc.string({ maxLength: 40 }),
      fc.uint8Array({ maxLength: 60 }).map((bytes) => gzipSync(bytes).toString('base64')),
    );
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), (records) => {
        const { batches, failures } = decodeKinesisEvent(kinesisEvent(records));
        expect(batches.length + failures.length).toBe(records.length);
        expect(new Set(failures.map((f) => f.index)).size).toBe(failures.length);
      }),
      RUNS,
    );
  });

  it('keeps every non-blank line of any text as one event, in order', () => {
    const text = fc
      .array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 12 })
      .map((lines) => lines.join('\n'));
    fc.assert(
      fc.property(text, fc.constantFrom('text' as const, 'auto' as const), (input, format) => {
        // Act
        const { batch, failures } = decodeLines(input, { group: 'g', stream: 's', now: 0, format });

        // Assess: text mode keeps each line verbatim; auto mode never fails and loses no line.
        const expected = input
          .replace(/^\uFEFF/, '')
          .split('\n')
          .map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
          .filter((line) => /[^\u0000-\u0020]/.test(line));
        expect(failures).toEqual([]);
        expect(batch.events).toHaveLength(expected.length);
        if (format === 'text') expect(batch.events.map((e) => e.message)).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('accounts for every ndjson line as an event or a failure', () => {
    const line = fc.oneof(
      fc.jsonValue().map((value) => JSON.stringify(value) ?? 'null'),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue()).map((o) => JSON.stringify(o)),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map((s) => `x${s}`.replace(/\n/g, ' ')),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 10 }), (lines) => {
        const { batch, failures } = decodeLines(lines.join('\n'), {
          group: 'g',
          stream: 's',
          now: 0,
          format: 'ndjson',
        });
        const nonBlank = lines.filter((l) => /[^\u0000-\u0020]/.test(l.replace(/\r$/, ''))).length;
        expect(batch.events.length + failures.length).toBe(nonBlank);
        for (const failure of failures) expect(failure.error).toBeInstanceOf(DecodeError);
      }),
      RUNS,
    );
  });
});
