import { describe, expect, it, vi } from 'vitest';
import {
  cloudWatchPayload,
  controlMessagePayload,
  gzipBase64,
  kinesisEvent,
} from '../../../test/fixtures/cloudwatch.js';
import { processorSetup, seedEvent, throttled } from '../../../test/helpers/processorHandler.js';
import { BatchMetrics } from '../../adapters/aws/metrics/index.js';
import type { ProcessorMetrics } from './processorHandler.js';

function recordingMetrics() {
  return {
    batchProcessed: vi.fn(),
    batchFailed: vi.fn(),
    batchRetried: vi.fn(),
    publish: vi.fn(),
  } satisfies ProcessorMetrics;
}

describe('processor handler metrics', () => {
  it('records a processed batch and publishes once per invocation', async () => {
    // Prepare
    const metrics = recordingMetrics();
    const { handler } = processorSetup({ metrics });
    // Act
    await handler(seedEvent());
    // Assess
    expect(metrics.batchProcessed).toHaveBeenCalledTimes(1);
    expect(metrics.batchProcessed.mock.calls[0]![0]).toMatchObject({
      group: '/aws/lambda/test-app',
      processed: 5,
      severities: { CRITICAL: 1, ERROR: 2, WARNING: 1, INFO: 1, DEBUG: 0 },
    });
    expect(metrics.publish).toHaveBeenCalledTimes(1);
    expect(metrics.publish.mock.invocationCallOrder[0]).toBeGreaterThan(
      metrics.batchProcessed.mock.invocationCallOrder[0]!,
    );
  });

  it('publishes after a CONTROL_MESSAGE too', async () => {
    const metrics = recordingMetrics();
    const { handler } = processorSetup({ metrics });
    await handler({ awslogs: { data: gzipBase64(controlMessagePayload()) } });
    expect(metrics.publish).toHaveBeenCalledTimes(1);
    expect(metrics.batchFailed).not.toHaveBeenCalled();
  });

  it('counts an undecodable payload as failed and archived', async () => {
    const metrics = recordingMetrics();
    const { handler } = processorSetup({ metrics });
    await handler({ awslogs: { data: 'bm90IGd6aXA=' } });
    expect(metrics.batchFailed).toHaveBeenCalledWith(true);
    expect(metrics.batchProcessed).not.toHaveBeenCalled();
    expect(metrics.publish).toHaveBeenCalledTimes(1);
  });

  it('counts a permanent failure with no bucket as failed, not archived', async () => {
    // Prepare
    const metrics = recordingMetrics();
    const { ports, handler } = processorSetup({ metrics });
    delete (ports as { archive?: unknown }).archive;
    const invalid = Object.assign(new Error('Item size has exceeded the maximum allowed size'), {
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
    vi.spyOn(ports.events, 'putEvents').mockRejectedValueOnce(invalid);
    // Act
    await handler(seedEvent());
    // Assess
    expect(metrics.batchFailed).toHaveBeenCalledWith(false);
    expect(metrics.publish).toHaveBeenCalledTimes(1);
  });

  it('counts a transient failure and still publishes when the invocation fails', async () => {
    const metrics = recordingMetrics();
    const { ports, handler } = processorSetup({ metrics });
    vi.spyOn(ports.events, 'putEvents').mockRejectedValueOnce(throttled());
    await expect(handler(seedEvent())).rejects.toThrow('Rate exceeded');
    expect(metrics.batchRetried).toHaveBeenCalledTimes(1);
    expect(metrics.publish).toHaveBeenCalledTimes(1);
  });

  it('still publishes when flushing the ports fails', async () => {
    const metrics = recordingMetrics();
    const { ports, handler } = processorSetup({ metrics });
    vi.spyOn(ports.events, 'flush').mockRejectedValueOnce(throttled());
    await expect(handler(seedEvent())).rejects.toThrow('Rate exceeded');
    expect(metrics.publish).toHaveBeenCalledTimes(1);
  });

  it('records every Kinesis record: processed batches and undecodable ones', async () => {
    const metrics = recordingMetrics();
    const { handler } = processorSetup({ metrics });
    const payload = (group: string) => cloudWatchPayload({ logGroup: group, events: ['INFO started'] });
    await handler(kinesisEvent([payload('/a'), 'not-gzip', payload('/b')]));
    expect(metrics.batchProcessed.mock.calls.map(([r]) => r.group)).toEqual(['/a', '/b']);
    expect(metrics.batchFailed.mock.calls).toEqual([[true]]);
    expect(metrics.publish).toHaveBeenCalledTimes(1);
  });

  it('writes EMF for the seed batch through BatchMetrics', async () => {
    // Prepare
    const { handler } = processorSetup({ metrics: new BatchMetrics({ env: {} }) });
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    // Act
    try {
      await handler(seedEvent());
    } finally {
      spy.mockRestore();
    }
    // Assess
    const lines = out
      .split('\n')
      .filter((l) => l.includes('"_aws"'))
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: 'logsift', Dimensions: [['service', 'LogGroup']] }] },
      LogGroup: '/aws/lambda/test-app',
      Events: 5,
      'Events.CRITICAL': 1,
      'Events.ERROR': 2,
      'Events.WARNING': 1,
      'Events.INFO': 1,
      AlertsFired: 1,
    });
    expect(lines[1]).toMatchObject({ BatchesFailed: 0, PayloadsArchivedAsFailed: 0, TransientFailures: 0 });
  });
});
