import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  cloudWatchEvent,
  cloudWatchPayload,
  controlMessagePayload,
  DEFAULT_LOG_GROUP,
  DEFAULT_LOG_STREAM,
  DEFAULT_OWNER,
  gzipBase64,
  loadCloudWatchEvent,
} from '../../../test/fixtures/cloudwatch.js';
import { decodeCloudWatchData, decodeCloudWatchEvent } from './cloudwatch.js';
import { DecodeError, type DecodeStage } from './errors.js';
import { DEFAULT_MAX_DECOMPRESSED_BYTES } from './options.js';

type MutablePayload = Record<string, unknown> & { logEvents?: Array<Record<string, unknown>> };

/** A valid three-event payload, changed by `change`, wrapped as a Lambda event. */
function eventWith(change: (payload: MutablePayload) => void): { awslogs: { data: string } } {
  const payload = structuredClone(
    cloudWatchPayload({ events: ['one', 'two', 'three'] }),
  ) as unknown as MutablePayload;
  change(payload);
  return { awslogs: { data: gzipBase64(payload) } };
}

function decodeFailure(event: unknown, opts?: { maxDecompressedBytes?: number }): DecodeError {
  try {
    decodeCloudWatchEvent(event, opts);
  } catch (error) {
    if (error instanceof DecodeError) return error;
    throw new Error(`expected a DecodeError, got ${String(error)}`);
  }
  throw new Error('expected the decode to fail');
}

describe('decodeCloudWatchEvent', () => {
  it('decodes the example event of the AWS Lambda developer guide', () => {
    // Prepare
    const event = loadCloudWatchEvent('data-message');

    // Act
    const batch = decodeCloudWatchEvent(event);

    // Assess
    expect(batch).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      source: 'cloudwatch',
      group: 'testLogGroup',
      stream: 'testLogStream',
      owner: '123456789123',
      subscriptionFilters: ['testFilter'],
      events: [
        { id: 'eventId1', timestamp: 1440442987000, message: '[ERROR] First test message' },
        { id: 'eventId2', timestamp: 1440442987001, message: '[ERROR] Second test message' },
      ],
    });
    expect(batch.control).toBeUndefined();
    expect(batch.policyLevel).toBeUndefined();
  });

  it('decodes a batch built by the fixture helper with its defaults', () => {
    // Prepare
    const event = cloudWatchEvent({
      events: ['START RequestId: 8f5b', '[ERROR] boom', 'END RequestId: 8f5b'],
    });

    // Act
    const batch = decodeCloudWatchEvent(event);

    // Assess
    expect(batch.group).toBe(DEFAULT_LOG_GROUP);
    expect(batch.stream).toBe(DEFAULT_LOG_STREAM);
    expect(batch.owner).toBe(DEFAULT_OWNER);
    expect(batch.events.map((e) => e.message)).toEqual([
      'START RequestId: 8f5b',
      '[ERROR] boom',
      'END RequestId: 8f5b',
    ]);
    for (const e of batch.events) expect(e.id).toMatch(/^\d{56}$/);
    const times = batch.events.map((e) => e.timestamp);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(3);
  });

  it('gives the same id to a redelivered batch and different ids to different batches', () => {
    // Prepare
    const event = cloudWatchEvent({ events: ['a'] });
    const redelivered = JSON.parse(JSON.stringify(event));
    const other = cloudWatchEvent({ events: ['b'] });

    // Act
    const ids = [event, redelivered, other].map((e) => decodeCloudWatchEvent(e).id);

    // Assess
    expect(ids[0]).toBe(ids[1]);
    expect(ids[0]).not.toBe(ids[2]);
  });

  it('gives the same id whether the data arrives as base64 text or as gzip bytes', () => {
    // Prepare
    const data = cloudWatchEvent({ events: ['a', 'b'] }).awslogs.data;

    // Act
    const fromText = decodeCloudWatchData(data);
    const fromBytes = decodeCloudWatchData(Buffer.from(data, 'base64'));

    // Assess
    expect(fromBytes).toEqual(fromText);
  });

  it('returns a DATA_MESSAGE without events as an empty batch', () => {
    const batch = decodeCloudWatchEvent(cloudWatchEvent({ events: [] }));

    expect(batch.events).toEqual([]);
    expect(batch.control).toBeUndefined();
  });

  it('returns both events when a batch holds the same id twice (the stores deduplicate)', () => {
    // Prepare
    const id = '37516444137939201213968813531186963706837004521439911936';
    const event = cloudWatchEvent({
      events: [
        { id, timestamp: 1795694400000, message: 'same' },
        { id, timestamp: 1795694400000, message: 'same' },
      ],
    });

    // Act
    const batch = decodeCloudWatchEvent(event);

    // Assess
    expect(batch.events).toEqual([
      { id, timestamp: 1795694400000, message: 'same' },
      { id, timestamp: 1795694400000, message: 'same' },
    ]);
  });

  it('marks a CONTROL_MESSAGE as control and keeps its event as given', () => {
    // Act
    const stored = decodeCloudWatchEvent(loadCloudWatchEvent('control-message'));
    const built = decodeCloudWatchEvent({
      awslogs: { data: gzipBase64(controlMessagePayload(1795694400000)) },
    });

    // Assess
    for (const batch of [stored, built]) {
      expect(batch.control).toBe(true);
      expect(batch.owner).toBe('CloudwatchLogs');
      expect(batch.group).toBe('');
      expect(batch.subscriptionFilters).toEqual([]);
      expect(batch.events).toHaveLength(1);
      expect(batch.events[0]?.message).toMatch(/^CWL CONTROL MESSAGE: Checking health of destination/);
    }
    expect(built.events[0]?.timestamp).toBe(1795694400000);
  });

  it('keeps policyLevel and the subscription filters of an account-level policy', () => {
    const batch = decodeCloudWatchEvent(
      cloudWatchEvent({
        policyLevel: 'ACCOUNT_LEVEL_POLICY',
        subscriptionFilters: ['org-wide'],
        events: ['x'],
      }),
    );

    expect(batch.policyLevel).toBe('ACCOUNT_LEVEL_POLICY');
    expect(batch.subscriptionFilters).toEqual(['org-wide']);
  });

  it('treats a null policyLevel as absent', () => {
    const batch = decodeCloudWatchEvent(eventWith((p) => (p.policyLevel = null)));

    expect(batch).not.toHaveProperty('policyLevel');
  });

  it('keeps extractedFields of a space-delimited filter pattern', () => {
    // Prepare
    const extractedFields = { ip: '127.0.0.1', user: 'frank', status_code: '200', bytes: '1534' };
    const event = cloudWatchEvent({
      events: [
        { message: '127.0.0.1 - frank "GET /apache_pb.gif" 200 1534', extractedFields },
        { message: 'plain' },
      ],
    });

    // Act
    const batch = decodeCloudWatchEvent(event);

    // Assess
    expect(batch.events[0]?.extractedFields).toEqual(extractedFields);
    expect(batch.events[1]).not.toHaveProperty('extractedFields');
  });

  it('does not copy unknown event fields into the batch', () => {
    const batch = decodeCloudWatchEvent(eventWith((p) => (p.logEvents![0]!.extra = 'x')));

    expect(Object.keys(batch.events[0]!).sort()).toEqual(['id', 'message', 'timestamp']);
  });

  it('does not carry a "__proto__" key of an event into the batch', () => {
    const batch = decodeCloudWatchEvent(
      eventWith((p) =>
        Object.defineProperty(p.logEvents![0]!, '__proto__', { value: { polluted: 1 }, enumerable: true }),
      ),
    );

    expect(Object.keys(batch.events[0]!).sort()).toEqual(['id', 'message', 'timestamp']);
    expect((batch.events[0] as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(batch.events[0])).toBe(Object.prototype);
  });

  it('rejects a payload that decompresses past the default cap of 64 MiB', () => {
    // Prepare: about 65 KB of gzip that inflates to 64 MiB + 1 byte.
    const data = gzipSync(Buffer.alloc(DEFAULT_MAX_DECOMPRESSED_BYTES + 1, 0x20)).toString('base64');

    // Act
    const error = decodeFailure({ awslogs: { data } });

    // Assess
    expect(error.stage).toBe('size');
    expect(error.message).toContain(String(DEFAULT_MAX_DECOMPRESSED_BYTES));
  });

  it('accepts a payload of exactly maxDecompressedBytes', () => {
    // Prepare
    const json = JSON.stringify(cloudWatchPayload({ events: ['exact'] }));
    const event = { awslogs: { data: gzipBase64(json) } };

    // Act
    const batch = decodeCloudWatchEvent(event, { maxDecompressedBytes: Buffer.byteLength(json) });

    // Assess
    expect(batch.events).toHaveLength(1);
    expect(decodeFailure(event, { maxDecompressedBytes: Buffer.byteLength(json) - 1 }).stage).toBe('size');
  });
});

describe('decodeCloudWatchEvent with malformed input', () => {
  const valid = cloudWatchEvent({ events: ['one', 'two'] }).awslogs.data;
  const gzip = Buffer.from(valid, 'base64');
  // A gzip bomb: about 1.4 KB of base64 that inflates to 1 MiB.
  const bomb = gzipSync(Buffer.alloc(1024 * 1024)).toString('base64');

  const cases: Array<{
    name: string;
    event: unknown;
    stage: DecodeStage;
    path: string;
    says?: RegExp;
    cap?: number;
  }> = [
    { name: 'not an object', event: 'hello', stage: 'shape', path: 'event', says: /got string/ },
    { name: 'null', event: null, stage: 'shape', path: 'event', says: /got null/ },
    { name: 'an array', event: [valid], stage: 'shape', path: 'event', says: /got array/ },
    {
      name: 'missing awslogs',
      event: { Records: [] },
      stage: 'shape',
      path: 'awslogs',
      says: /got undefined/,
    },
    { name: 'data not a string', event: { awslogs: { data: 42 } }, stage: 'shape', path: 'awslogs.data' },
    { name: 'data missing', event: { awslogs: {} }, stage: 'shape', path: 'awslogs.data' },
    {
      name: 'base64 with a bad character',
      event: { awslogs: { data: `${valid.slice(0, 8)}*${valid.slice(9)}` } },
      stage: 'base64',
      path: 'awslogs.data',
      says: /offset 8/,
    },
    {
      name: 'base64 of the wrong length',
      event: { awslogs: { data: valid.slice(0, -1) } },
      stage: 'base64',
      path: 'awslogs.data',
      says: /multiple of 4/,
    },
    {
      name: 'URL-safe base64',
      event: { awslogs: { data: `${valid.slice(0, 4)}-_${valid.slice(6)}` } },
      stage: 'base64',
      path: 'awslogs.data',
    },
    {
      name: 'base64 with whitespace',
      event: { awslogs: { data: `${valid.slice(0, 4)}\n${valid.slice(4, -1)}` } },
      stage: 'base64',
      path: 'awslogs.data',
    },
    {
      name: 'valid base64 but not gzip',
      event: { awslogs: { data: Buffer.from('{"messageType":"DATA_MESSAGE"}').toString('base64') } },
      stage: 'gzip',
      path: 'awslogs.data',
      says: /1f 8b/,
    },
    { name: 'empty data', event: { awslogs: { data: '' } }, stage: 'gzip', path: 'awslogs.data' },
    {
      name: 'truncated gzip',
      event: { awslogs: { data: gzip.subarray(0, gzip.length - 12).toString('base64') } },
      stage: 'gzip',
      path: 'awslogs.data',
      says: /unexpected end of file/,
    },
    {
      name: 'corrupt gzip',
      event: {
        awslogs: { data: Buffer.concat([gzip.subarray(0, 10), Buffer.alloc(40, 0xff)]).toString('base64') },
      },
      stage: 'gzip',
      path: 'awslogs.data',
    },
    {
      name: 'gzip of non-JSON',
      event: { awslogs: { data: gzipBase64('START RequestId: 1 Version: $LATEST') } },
      stage: 'json',
      path: 'awslogs.data',
      says: /not valid JSON: Unexpected token/,
    },
    {
      name: 'JSON that is not an object',
      event: { awslogs: { data: gzipBase64([1, 2]) } },
      stage: 'shape',
      path: 'awslogs.data',
      says: /JSON object, got array/,
    },
    {
      name: 'missing logEvents',
      event: eventWith((p) => delete p.logEvents),
      stage: 'shape',
      path: 'logEvents',
      says: /must be an array, got undefined/,
    },
    {
      name: 'logEvents not an array',
      event: eventWith((p) => (p.logEvents = { 0: {} } as never)),
      stage: 'shape',
      path: 'logEvents',
      says: /got object/,
    },
    {
      name: 'event not an object',
      event: eventWith((p) => (p.logEvents![1] = 'two' as never)),
      stage: 'shape',
      path: 'logEvents[1]',
    },
    {
      name: 'event id a number',
      event: eventWith((p) => (p.logEvents![1]!.id = 7)),
      stage: 'shape',
      path: 'logEvents[1].id',
      says: /must be a string, got number/,
    },
    {
      name: 'event timestamp a string',
      event: eventWith((p) => (p.logEvents![2]!.timestamp = '2026-11-26T12:00:00Z')),
      stage: 'shape',
      path: 'logEvents[2].timestamp',
      says: /^shape: logEvents\[2\]\.timestamp must be a number, got string$/,
    },
    {
      name: 'event timestamp fractional',
      event: eventWith((p) => (p.logEvents![0]!.timestamp = 1795694400000.5)),
      stage: 'shape',
      path: 'logEvents[0].timestamp',
      says: /integer/,
    },
    {
      name: 'event timestamp beyond what a Date holds',
      event: eventWith((p) => (p.logEvents![0]!.timestamp = 1e300)),
      stage: 'shape',
      path: 'logEvents[0].timestamp',
    },
    {
      name: 'event message missing',
      event: eventWith((p) => delete p.logEvents![1]!.message),
      stage: 'shape',
      path: 'logEvents[1].message',
      says: /got undefined/,
    },
    {
      name: 'extractedFields not an object',
      event: eventWith((p) => (p.logEvents![0]!.extractedFields = ['a'])),
      stage: 'shape',
      path: 'logEvents[0].extractedFields',
    },
    {
      name: 'extractedFields with a number',
      event: eventWith((p) => (p.logEvents![0]!.extractedFields = { status: 200 })),
      stage: 'shape',
      path: 'logEvents[0].extractedFields.status',
    },
    {
      name: 'unknown messageType',
      event: eventWith((p) => (p.messageType = 'DATA')),
      stage: 'shape',
      path: 'messageType',
      says: /got "DATA"/,
    },
    { name: 'owner missing', event: eventWith((p) => delete p.owner), stage: 'shape', path: 'owner' },
    {
      name: 'logGroup a number',
      event: eventWith((p) => (p.logGroup = 1)),
      stage: 'shape',
      path: 'logGroup',
    },
    {
      name: 'logStream null',
      event: eventWith((p) => (p.logStream = null)),
      stage: 'shape',
      path: 'logStream',
    },
    {
      name: 'subscriptionFilters not strings',
      event: eventWith((p) => (p.subscriptionFilters = ['ok', 3])),
      stage: 'shape',
      path: 'subscriptionFilters[1]',
    },
    {
      name: 'policyLevel a number',
      event: eventWith((p) => (p.policyLevel = 1)),
      stage: 'shape',
      path: 'policyLevel',
    },
    {
      name: 'a gzip bomb past a small cap',
      event: { awslogs: { data: bomb } },
      cap: 64 * 1024,
      stage: 'size',
      path: 'awslogs.data',
      says: /more than 65536 bytes/,
    },
  ];

  it.each(cases)('$name -> $stage at $path', ({ event, stage, path, says, cap }) => {
    // Act
    const error = decodeFailure(event, cap === undefined ? undefined : { maxDecompressedBytes: cap });

    // Assess
    expect(error.name).toBe('DecodeError');
    expect(error.stage).toBe(stage);
    expect(error.path).toBe(path);
    expect(error.message.startsWith(`${stage}: ${path} `)).toBe(true);
    if (says) expect(error.message).toMatch(says);
  });
});
