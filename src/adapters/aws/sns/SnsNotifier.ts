import { createHash } from 'node:crypto';
import { type MessageAttributeValue, PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import {
  describeAlert,
  type FormatOptions,
  formatAlert,
  formatMessage,
  type OutgoingMessage,
} from '../../../core/alerts/format.js';
import type { StoredAlert } from '../../../core/alerts/types.js';
import type { Notifier } from '../../../core/ports.js';
import { SnsTopicArnError } from './errors.js';
import { MAX_SUBJECT_CHARS, snsSubject } from './subject.js';

export interface SnsNotifierOptions
  extends Pick<FormatOptions, 'dashboardUrl' | 'subjectPrefix' | 'maxExamples'> {
  client: SNSClient;
  topicArn: string;
  /** The channel name rules select by. The default value is "sns". */
  name?: string;
}

const TOPIC_ARN = /^arn:[a-z-]+:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;
/** SNS takes at most 256 KiB per message, attributes included; the text body stays well under. */
const MAX_MESSAGE_BYTES = 200 * 1024;

function cutBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  // Decoding a cut buffer drops a split trailing character as U+FFFD; trim that off.
  return `${Buffer.from(text)
    .subarray(0, max - 20)
    .toString('utf8')
    .replace(/\uFFFD$/, '')}\n[cut]`;
}

/**
 * Alerts published to an SNS topic: its email subscribers get `formatAlert`'s text with a subject
 * of at most 100 characters naming the severity, the group and the count. MessageAttributes
 * `severity`, `group` and `rule` let a subscription filter policy route alerts (e.g. only CRITICAL
 * to the pager). On a FIFO topic the alert id deduplicates (a retried publish is delivered once).
 * Errors reach the caller: the pipeline records the delivery as failed and a redelivered batch
 * tries again.
 *
 * @example
 * const sns = new SnsNotifier({ client: new SNSClient({}), topicArn: process.env.SNS_TOPIC_ARN! });
 * await sns.notify(alert);
 * // Subject: [logsift] CRITICAL /aws/lambda/test-app: 1 event CRITICAL
 */
export class SnsNotifier implements Notifier {
  readonly name: string;
  readonly topicArn: string;
  private readonly client: SNSClient;
  private readonly format: FormatOptions;
  private readonly fifo: boolean;

  constructor(options: SnsNotifierOptions) {
    if (!TOPIC_ARN.test(options.topicArn)) throw new SnsTopicArnError(options.topicArn);
    this.client = options.client;
    this.topicArn = options.topicArn;
    this.name = options.name ?? 'sns';
    this.fifo = options.topicArn.endsWith('.fifo');
    this.format = {
      ...(options.dashboardUrl !== undefined ? { dashboardUrl: options.dashboardUrl } : {}),
      ...(options.subjectPrefix !== undefined ? { subjectPrefix: options.subjectPrefix } : {}),
      ...(options.maxExamples !== undefined ? { maxExamples: options.maxExamples } : {}),
    };
  }

  async notify(alert: StoredAlert): Promise<void> {
    const view = describeAlert(alert, this.format);
    const { text } = formatAlert(alert, this.format);
    await this.publish({
      subject: snsSubject(this.format.subjectPrefix ?? '[logsift]', view.severity, view.group, view.headline),
      text,
      attributes: { severity: view.severity, group: alert.group, rule: alert.rule, type: alert.type },
      dedupId: alert.id,
      groupId: alert.group,
    });
  }

  /** Any outgoing message (a digest, the daily report) as plain text; subject from formatMessage. */
  async send(message: OutgoingMessage): Promise<void> {
    if (message.kind === 'alert') return this.notify(message.alert);
    const { subject, text } = formatMessage(message, this.format);
    await this.publish({
      subject: subject.replace(/[^\x20-\x7e]/g, '?').slice(0, MAX_SUBJECT_CHARS),
      text,
      attributes: { type: message.kind },
      groupId: message.kind,
    });
  }

  /** Nothing is buffered: every publish is awaited. */
  async flush(): Promise<void> {}

  /** The SNS client belongs to the caller. */
  async close(): Promise<void> {}

  private async publish(m: {
    subject: string;
    text: string;
    attributes: Record<string, string>;
    groupId: string;
    dedupId?: string;
  }): Promise<void> {
    const attributes: Record<string, MessageAttributeValue> = {};
    for (const [name, value] of Object.entries(m.attributes)) {
      // SNS rejects empty attribute values.
      if (value !== '') attributes[name] = { DataType: 'String', StringValue: value.slice(0, 1024) };
    }
    await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: m.subject,
        Message: cutBytes(m.text, MAX_MESSAGE_BYTES),
        MessageAttributes: attributes,
        ...(this.fifo
          ? {
              MessageGroupId: m.groupId.slice(0, 128) || 'logsift',
              MessageDeduplicationId: m.dedupId ?? createHash('sha256').update(m.text).digest('hex'),
            }
          : {}),
      }),
    );
  }
}
