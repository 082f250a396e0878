import { SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storedAlert } from '../../../../test/fixtures/alerts.js';
import { type FakeSns, startFakeSns } from '../../../../test/helpers/fakeSns.js';
import { formatAlert } from '../../../core/alerts/format.js';
import { defaultConfig } from '../../../core/config.js';
import { memoryPorts } from '../../../core/memory/index.js';
import { Pipeline } from '../../../core/pipeline.js';
import { SnsTopicArnError } from './errors.js';
import { SnsNotifier } from './SnsNotifier.js';
import { snsSubject } from './subject.js';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:logsift-alerts';

let sns: FakeSns;
let client: SNSClient;
beforeAll(async () => {
  sns = await startFakeSns();
  client = new SNSClient({
    endpoint: sns.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});
beforeEach(() => {
  sns.published.length = 0;
});
afterAll(async () => {
  client.destroy();
  await sns.close();
});

describe('SnsNotifier', () => {
  it('publishes subject, formatAlert text and filterable attributes', async () => {
    // Prepare
    const alert = storedAlert();
    const notifier = new SnsNotifier({ client, topicArn: TOPIC });
    // Act
    await notifier.notify(alert);
    // Assess
    expect(sns.published).toHaveLength(1);
    const [m] = sns.published;
    expect(m!.topicArn).toBe(TOPIC);
    expect(m!.subject).toBe('[logsift] CRITICAL /aws/lambda/test-app: 1 event CRITICAL');
    expect(m!.message).toBe(formatAlert(alert).text);
    expect(m!.attributes).toEqual({
      severity: { type: 'String', value: 'CRITICAL' },
      group: { type: 'String', value: '/aws/lambda/test-app' },
      rule: { type: 'String', value: 'critical' },
      type: { type: 'String', value: 'threshold' },
    });
    expect(m!.messageGroupId).toBeUndefined();
  });

  it('keeps the subject ASCII and within 100 characters for long, non-ASCII groups', async () => {
    const group = `/aws/lambda/${'très-long-'.repeat(20)}fn`;
    const notifier = new SnsNotifier({ client, topicArn: TOPIC });
    await notifier.notify(storedAlert({ group, summary: `1 event CRITICAL in ${group} within 5m` }));
    const subject = sns.published[0]!.subject!;
    expect(subject.length).toBeLessThanOrEqual(100);
    expect(subject).toMatch(/^\[logsift\] CRITICAL \.\.\..*-fn: 1 event CRITICAL$/);
    expect(subject).toMatch(/^[\x20-\x7e]+$/);
  });

  it('cuts a long headline before the group', () => {
    const subject = snsSubject('[logsift]', 'ERROR', '/aws/lambda/api', `${'x'.repeat(120)}`);
    expect(subject).toBe(`[logsift] ERROR /aws/lambda/api: ${'x'.repeat(37)}...`);
  });

  it('sets group and deduplication ids on a FIFO topic', async () => {
    const notifier = new SnsNotifier({ client, topicArn: `${TOPIC}.fifo` });
    const alert = storedAlert();
    await notifier.notify(alert);
    expect(sns.published[0]).toMatchObject({
      messageGroupId: '/aws/lambda/test-app',
      messageDeduplicationId: alert.id,
    });
  });

  it('rejects a malformed topic ARN at construction', () => {
    expect(() => new SnsNotifier({ client, topicArn: 'logsift-alerts' })).toThrow(SnsTopicArnError);
  });

  it('throws when SNS answers 500', async () => {
    sns.failNext(1);
    const notifier = new SnsNotifier({ client, topicArn: TOPIC });
    await expect(notifier.notify(storedAlert())).rejects.toThrow();
    expect(sns.published).toHaveLength(0);
  });

  it('lets the pipeline record a failed delivery, and deliver it on redelivery', async () => {
    // Prepare
    const notifier = new SnsNotifier({ client, topicArn: TOPIC });
    const ports = { ...memoryPorts(), notifiers: [notifier] };
    const pipeline = new Pipeline(defaultConfig(), ports);
    const batch = {
      id: 'b-1',
      source: 'cloudwatch' as const,
      group: '/aws/lambda/test-app',
      stream: 's',
      events: [
        { id: 'e1', timestamp: Date.UTC(2026, 10, 26, 12), message: 'Critical system failure - disk full' },
      ],
    };
    sns.failNext(1);
    // Act
    const first = await pipeline.process(batch);
    const again = await pipeline.process(batch);
    // Assess
    expect(first.deliveryFailures).toEqual([expect.objectContaining({ channel: 'sns' })]);
    expect(again.deliveryFailures).toEqual([]);
    expect(sns.published).toHaveLength(1);
    const [stored] = await ports.alerts.queryAlerts({});
    expect(stored!.state).toBe('delivered');
  });
});
