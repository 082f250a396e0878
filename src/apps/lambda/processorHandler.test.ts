import { describe, expect, it, vi } from 'vitest';
import {
  cloudWatchEvent,
  cloudWatchPayload,
  controlMessagePayload,
  gzipBase64,
  kinesisEvent,
} from '../../../test/fixtures/cloudwatch.js';
import { processorSetup, seedEvent, throttled } from '../../../test/helpers/processorHandler.js';
import { severityCounts } from '../../core/metrics/window.js';
import type { CloudWatchOutcome } from './processorHandler.js';

describe('processor handler: CloudWatch events', () => {
  it('processes a batch: events stored, archived, the CRITICAL alert sent once', async () => {
    // Prepare
    const { ports, handler } = processorSetup();
    // Act
    const out = (await handler(seedEvent())) as CloudWatchOutcome;
    // Assess
    expect(out).toMatchObject({ status: 'processed', processed: 5, duplicates: 0, alerts: 1 });
    expect([...ports.archive.batches.keys()]).toEqual([out.archiveKey]);
    expect((await ports.events.queryEvents({})).events).toHaveLength(5);
    expect(ports.notifiers[0].sent.map((a) => a.rule)).toEqual(['critical']);
  });

  it('applies a redelivered batch once: duplicates, no second alert', async () => {
    const { ports, handler } = processorSetup();
    await handler(seedEvent());
    const again = (await handler(seedEvent())) as CloudWatchOutcome;
    expect(again).toMatchObject({ status: 'processed', duplicates: 5, alerts: 0 });
    expect(ports.notifiers[0].sent).toHaveLength(1);
    const [window] = await ports.metrics.queryWindows({});
    expect(severityCounts(window!)).toMatchObject({ total: 5, CRITICAL: 1 });
  });

  it('acknowledges a CONTROL_MESSAGE without storing anything', async () => {
    const { ports, handler } = processorSetup();
    const out = await handler({ awslogs: { data: gzipBase64(controlMessagePayload()) } });
    expect(out).toMatchObject({ status: 'control', processed: 0 });
    expect((await ports.events.queryEvents({})).events).toEqual([]);
    expect(ports.archive.batches.size).toBe(0);
  });

  it('keeps an undecodable payload under failed/ and succeeds', async () => {
    // Prepare
    const { ports, logger, handler } = processorSetup();
    const event = { awslogs: { data: 'bm90IGd6aXA=' } };
    // Act
    const out = (await handler(event)) as CloudWatchOutcome;
    // Assess
    expect(out.status).toBe('failed');
    expect(out.archiveKey).toMatch(/^failed\/dt=2026-11-26\/hour=12\/[0-9a-f]+\.json\.gz$/);
    const kept = ports.archive.failed.get(out.archiveKey!);
    expect(kept?.payload).toBe(JSON.stringify(event));
    expect(kept?.error).toMatch(/^gzip: awslogs\.data/);
    expect(logger.error).toHaveBeenCalled();
  });

  it('treats an event of unknown shape as undecodable', async () => {
    const { ports, handler } = processorSetup();
    const out = (await handler({ hello: 'world' })) as CloudWatchOutcome;
    expect(out.status).toBe('failed');
    expect(ports.archive.failed.size).toBe(1);
  });

  it('fails the invocation on a transient error, so Lambda retries', async () => {
    const { ports, handler } = processorSetup();
    vi.spyOn(ports.events, 'putEvents').mockRejectedValueOnce(throttled());
    await expect(handler(seedEvent())).rejects.toThrow('Rate exceeded');
    // The retry goes through, and is applied once.
    const retry = (await handler(seedEvent())) as CloudWatchOutcome;
    expect(retry).toMatchObject({ status: 'processed', processed: 5 });
    expect(ports.notifiers[0].sent).toHaveLength(1);
  });

  it('keeps a batch that fails permanently under failed/ and succeeds', async () => {
    const { ports, handler } = processorSetup();
    const invalid = Object.assign(new Error('Item size has exceeded the maximum allowed size'), {
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
    vi.spyOn(ports.events, 'putEvents').mockRejectedValueOnce(invalid);
    const out = (await handler(seedEvent())) as CloudWatchOutcome;
    expect(out).toMatchObject({ status: 'failed', error: expect.stringContaining('Item size') });
    expect(ports.archive.failed.get(out.archiveKey!)?.payload).toBe(JSON.stringify(seedEvent()));
  });

  it('stores a 1 MB message truncated and flagged, and archives it whole', async () => {
    const { ports, handler } = processorSetup();
    const huge = `INFO ${'x'.repeat(1024 * 1024)}`;
    const out = (await handler(cloudWatchEvent({ events: [huge] }))) as CloudWatchOutcome;
    const [stored] = (await ports.events.queryEvents({})).events;
    expect(stored!.truncated).toBe(true);
    expect(Buffer.byteLength(stored!.message)).toBeLessThanOrEqual(32 * 1024);
    expect(JSON.parse(ports.archive.batches.get(out.archiveKey!)!).message).toBe(huge);
  });

  it('flushes the ports before returning', async () => {
    const { ports, handler } = processorSetup();
    const flush = vi.spyOn(ports.events, 'flush');
    await handler(seedEvent());
    await handler({ awslogs: { data: '!' } });
    expect(flush).toHaveBeenCalledTimes(2);
  });
});

describe('processor handler: Kinesis events', () => {
  const payload = (group: string) =>
    cloudWatchPayload({ logGroup: group, events: ['INFO started', 'ERROR boom'] });

  it('processes every record; undecodable ones are kept and not retried', async () => {
    const { ports, handler } = processorSetup();
    const out = await handler(kinesisEvent([payload('/a'), 'not-gzip', payload('/b')]));
    expect(out).toEqual({ batchItemFailures: [] });
    expect((await ports.events.queryEvents({})).events).toHaveLength(4);
    expect([...ports.archive.failed.values()].map((f) => f.payload)).toEqual(['not-gzip']);
  });

  it('reports a transiently failing record and those after it', async () => {
    // Prepare
    const { ports, handler } = processorSetup();
    const event = kinesisEvent([payload('/a'), payload('/b'), 'bad', payload('/c')]);
    const put = ports.events.putEvents.bind(ports.events);
    vi.spyOn(ports.events, 'putEvents').mockImplementation(async (events) => {
      if (events[0]?.group === '/b') throw throttled();
      return put(events);
    });
    // Act
    const out = await handler(event);
    // Assess
    const seq = event.Records.map((r) => r.kinesis.sequenceNumber);
    expect(out).toEqual({ batchItemFailures: [{ itemIdentifier: seq[1] }, { itemIdentifier: seq[3] }] });
    expect((await ports.events.queryEvents({ group: '/a' })).events).toHaveLength(2);
  });
});
