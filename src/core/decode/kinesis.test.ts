import { describe, expect, it } from 'vitest';
import {
  cloudWatchPayload,
  controlMessagePayload,
  gzipBase64,
  kinesisEvent,
} from '../../../test/fixtures/cloudwatch.js';
import { decodeCloudWatchData } from './cloudwatch.js';
import { DecodeError } from './errors.js';
import { decodeKinesisEvent } from './kinesis.js';

describe('decodeKinesisEvent', () => {
  it('decodes one batch per record, in order, with source kinesis', () => {
    // Prepare
    const event = kinesisEvent([
      cloudWatchPayload({ logGroup: '/aws/lambda/orders', events: ['a', 'b'] }),
      cloudWatchPayload({ logGroup: '/aws/lambda/payments', events: ['c'] }),
    ]);

    // Act
    const { batches, failures } = decodeKinesisEvent(event);

    // Assess
    expect(failures).toEqual([]);
    expect(batches.map((b) => [b.source, b.group, b.events.map((e) => e.message)])).toEqual([
      ['kinesis', '/aws/lambda/orders', ['a', 'b']],
      ['kinesis', '/aws/lambda/payments', ['c']],
    ]);
  });

  it('keeps the good records when one record is bad, and names the bad one', () => {
    // Prepare
    const bad = cloudWatchPayload({ events: ['x'] }) as unknown as {
      logEvents: Array<Record<string, unknown>>;
    };
    bad.logEvents[0]!.timestamp = 'yesterday';
    const event = kinesisEvent([
      cloudWatchPayload({ events: ['first'] }),
      'bm90IGd6aXA=',
      bad as never,
      cloudWatchPayload({ events: ['last'] }),
    ]);

    // Act
    const { batches, failures } = decodeKinesisEvent(event);

    // Assess
    expect(batches.map((b) => b.events[0]?.message)).toEqual(['first', 'last']);
    expect(failures.map((f) => [f.index, f.sequenceNumber, f.error.stage, f.error.path])).toEqual([
      [1, event.Records[1]!.kinesis.sequenceNumber, 'gzip', 'Records[1].kinesis.data'],
      [2, event.Records[2]!.kinesis.sequenceNumber, 'shape', 'logEvents[0].timestamp'],
    ]);
    for (const failure of failures) expect(failure.error).toBeInstanceOf(DecodeError);
  });

  it('reports records without a kinesis object or data, without a sequence number when there is none', () => {
    // Prepare
    const event = {
      Records: [42, { eventSource: 'aws:kinesis' }, { kinesis: { sequenceNumber: '7', data: 1 } }],
    };

    // Act
    const { batches, failures } = decodeKinesisEvent(event);

    // Assess
    expect(batches).toEqual([]);
    expect(
      failures.map((f) => ({ index: f.index, sequenceNumber: f.sequenceNumber, path: f.error.path })),
    ).toEqual([
      { index: 0, sequenceNumber: undefined, path: 'Records[0]' },
      { index: 1, sequenceNumber: undefined, path: 'Records[1].kinesis' },
      { index: 2, sequenceNumber: '7', path: 'Records[2].kinesis.data' },
    ]);
    expect(failures[0]).not.toHaveProperty('sequenceNumber');
  });

  it('gives a record the same batch id as the same payload delivered directly', () => {
    // Prepare
    const data = gzipBase64(cloudWatchPayload({ events: ['same'] }));

    // Act
    const [viaKinesis] = decodeKinesisEvent(kinesisEvent([data])).batches;
    const direct = decodeCloudWatchData(data);

    // Assess
    expect(viaKinesis?.id).toBe(direct.id);
    expect(viaKinesis?.events).toEqual(direct.events);
  });

  it('returns CONTROL_MESSAGE records as control batches', () => {
    const { batches } = decodeKinesisEvent(kinesisEvent([controlMessagePayload()]));

    expect(batches).toHaveLength(1);
    expect(batches[0]?.control).toBe(true);
  });

  it('applies maxDecompressedBytes to each record', () => {
    // Prepare
    const small = cloudWatchPayload({ events: ['s'] });
    const large = cloudWatchPayload({ events: ['l'.repeat(5000)] });

    // Act
    const { batches, failures } = decodeKinesisEvent(kinesisEvent([small, large]), {
      maxDecompressedBytes: 2000,
    });

    // Assess
    expect(batches).toHaveLength(1);
    expect(failures.map((f) => [f.index, f.error.stage])).toEqual([[1, 'size']]);
  });

  it('returns nothing for an event with no records', () => {
    expect(decodeKinesisEvent({ Records: [] })).toEqual({ batches: [], failures: [] });
  });

  it.each([
    ['not an object', 'x', 'event'],
    ['a CloudWatch event', { awslogs: { data: '' } }, 'Records'],
    ['Records not an array', { Records: {} }, 'Records'],
  ])('throws a shape DecodeError when the event is %s', (_name, event, path) => {
    expect(() => decodeKinesisEvent(event)).toThrow(DecodeError);
    try {
      decodeKinesisEvent(event);
    } catch (error) {
      expect((error as DecodeError).path).toBe(path);
      expect((error as DecodeError).stage).toBe('shape');
    }
  });
});
