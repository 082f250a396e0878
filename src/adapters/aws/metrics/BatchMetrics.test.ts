import { Metrics } from '@aws-lambda-powertools/metrics';
import { describe, expect, it, vi } from 'vitest';
import { cloudWatchEvent, DEFAULT_LOG_GROUP, SEED_MESSAGES } from '../../../../test/fixtures/cloudwatch.js';
import { defaultConfig } from '../../../core/config.js';
import { decodeCloudWatchEvent } from '../../../core/decode/index.js';
import { memoryPorts } from '../../../core/memory/index.js';
import { type BatchResult, Pipeline } from '../../../core/pipeline.js';
import { BatchMetrics, openBatchMetrics } from './BatchMetrics.js';

interface EmfLine {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

/** Runs `act` with stdout captured (Powertools writes EMF there) and returns the EMF lines it wrote. */
function captureEmf(act: () => void): EmfLine[] {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  try {
    act();
  } finally {
    spy.mockRestore();
  }
  return out
    .split('\n')
    .filter((l) => l.startsWith('{') && l.includes('"_aws"'))
    .map((l) => JSON.parse(l) as EmfLine);
}

async function processed(messages: readonly string[], group = DEFAULT_LOG_GROUP): Promise<BatchResult> {
  const pipeline = new Pipeline(defaultConfig(), memoryPorts());
  return pipeline.process(decodeCloudWatchEvent(cloudWatchEvent({ logGroup: group, events: messages })));
}

const metricNames = (line: EmfLine) => line._aws.CloudWatchMetrics[0]!.Metrics.map((m) => m.Name);

describe('BatchMetrics', () => {
  it('publishes the seed batch as one EMF line for its log group and one for the invocation', async () => {
    // Prepare
    const metrics = new BatchMetrics({ env: {} });
    const result = await processed(SEED_MESSAGES);

    // Act
    const lines = captureEmf(() => {
      metrics.batchProcessed(result);
      metrics.publish();
    });

    // Assess
    expect(lines).toHaveLength(2);
    const [group, invocation] = lines as [EmfLine, EmfLine];
    expect(group._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'logsift',
        Dimensions: [['service', 'LogGroup']],
        Metrics: expect.any(Array),
      },
    ]);
    expect(group._aws.CloudWatchMetrics[0]!.Metrics.every((m) => m.Unit === 'Count')).toBe(true);
    expect(metricNames(group)).toEqual([
      'Events',
      'Events.CRITICAL',
      'Events.ERROR',
      'Events.WARNING',
      'Events.INFO',
      'Events.DEBUG',
      'Duplicates',
      'AlertsFired',
      'AlertDeliveryFailures',
    ]);
    expect(group).toMatchObject({
      service: 'processor',
      LogGroup: DEFAULT_LOG_GROUP,
      Events: 5,
      'Events.CRITICAL': 1,
      'Events.ERROR': 2,
      'Events.WARNING': 1,
      'Events.INFO': 1,
      'Events.DEBUG': 0,
      Duplicates: 0,
      AlertsFired: result.alerts.length,
      AlertDeliveryFailures: 0,
    });
    expect(result.alerts.length).toBeGreaterThan(0);
    expect(invocation._aws.CloudWatchMetrics[0]!.Dimensions).toEqual([['service']]);
    expect(invocation).toMatchObject({ BatchesFailed: 0, PayloadsArchivedAsFailed: 0, TransientFailures: 0 });
    expect(invocation).not.toHaveProperty('LogGroup');
  });

  it('sums the batches of one invocation per log group and resets after publishing', async () => {
    // Prepare
    const metrics = new BatchMetrics({ env: {} });
    const a1 = await processed(SEED_MESSAGES.slice(0, 2), '/a');
    const a2 = await processed(SEED_MESSAGES.slice(3), '/a');
    const b = await processed(SEED_MESSAGES.slice(2, 3), '/b');

    // Act
    const first = captureEmf(() => {
      metrics.batchProcessed(a1);
      metrics.batchProcessed(b);
      metrics.batchProcessed(a2);
      metrics.batchFailed(true);
      metrics.batchFailed(false);
      metrics.batchRetried();
      metrics.publish();
    });
    const second = captureEmf(() => metrics.publish());

    // Assess
    expect(first.map((l) => l.LogGroup)).toEqual(['/a', '/b', undefined]);
    expect(first[0]).toMatchObject({ Events: 4, 'Events.INFO': 1, 'Events.ERROR': 1, 'Events.CRITICAL': 1 });
    expect(first[1]).toMatchObject({ Events: 1, 'Events.ERROR': 1, 'Events.CRITICAL': 0 });
    expect(first[2]).toMatchObject({ BatchesFailed: 2, PayloadsArchivedAsFailed: 1, TransientFailures: 1 });
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({ BatchesFailed: 0, PayloadsArchivedAsFailed: 0, TransientFailures: 0 });
    expect(second[0]).not.toHaveProperty('LogGroup');
  });

  it('counts redelivered events as Duplicates', async () => {
    // Prepare
    const pipeline = new Pipeline(defaultConfig(), memoryPorts());
    const batch = decodeCloudWatchEvent(cloudWatchEvent({ events: SEED_MESSAGES }));
    await pipeline.process(batch);
    const again = await pipeline.process(batch);
    const metrics = new BatchMetrics({ env: {} });

    // Act
    const [line] = captureEmf(() => {
      metrics.batchProcessed(again);
      metrics.publish();
    });

    // Assess
    expect(line).toMatchObject({ Events: 5, Duplicates: 5, AlertsFired: 0 });
  });

  it('records nothing per group for a CONTROL_MESSAGE or an ignored group', async () => {
    // Prepare
    const metrics = new BatchMetrics({ env: {} });
    const control = { ...(await processed(SEED_MESSAGES)), control: true, group: '' };
    const ignored = { ...(await processed(SEED_MESSAGES)), ignored: true };

    // Act
    const lines = captureEmf(() => {
      metrics.batchProcessed(control);
      metrics.batchProcessed(ignored);
      metrics.publish();
    });

    // Assess
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toHaveProperty('LogGroup');
  });

  it('takes the namespace from POWERTOOLS_METRICS_NAMESPACE, as Powertools does', () => {
    // Act
    const [line] = captureEmf(() =>
      new BatchMetrics({ env: { POWERTOOLS_METRICS_NAMESPACE: 'acme' } }).publish(),
    );

    // Assess
    expect(line!._aws.CloudWatchMetrics[0]!.Namespace).toBe('acme');
  });

  it('logs a publishing failure instead of throwing, and starts the next invocation clean', async () => {
    // Prepare
    const warn = vi.fn();
    const metrics = new BatchMetrics({ env: {}, logger: { warn } });
    metrics.batchProcessed(await processed(SEED_MESSAGES));
    metrics.batchFailed(true);
    const broken = vi.spyOn(Metrics.prototype, 'addMetric').mockImplementationOnce(() => {
      throw new RangeError('boom');
    });

    // Act
    const failed = captureEmf(() => metrics.publish());
    broken.mockRestore();
    const next = captureEmf(() => metrics.publish());

    // Assess
    expect(failed).toEqual([]);
    expect(warn).toHaveBeenCalledWith('metrics not published', { error: 'boom' });
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({ BatchesFailed: 0, PayloadsArchivedAsFailed: 0 });
    expect(next[0]!._aws.CloudWatchMetrics[0]!.Dimensions).toEqual([['service']]);
  });
});

describe('openBatchMetrics', () => {
  it('is off with LOGSIFT_METRICS=off, on otherwise', () => {
    expect(openBatchMetrics({ LOGSIFT_METRICS: 'off' })).toBeUndefined();
    expect(openBatchMetrics({ LOGSIFT_METRICS: ' OFF ' })).toBeUndefined();
    expect(openBatchMetrics({})).toBeInstanceOf(BatchMetrics);
    expect(openBatchMetrics({ LOGSIFT_METRICS: 'on' })?.namespace).toBe('logsift');
  });
});
