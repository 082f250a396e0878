import {
  type CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { LogEventTooLargeError } from './errors.js';

export interface LogEventInput {
  /** Epoch ms. */
  timestamp: number;
  message: string;
}

/** PutLogEvents limits: 10,000 events and 1,048,576 bytes per call, each event counted with 26 bytes of overhead. */
const MAX_EVENTS = 10_000;
const MAX_BATCH_BYTES = 1_048_576;
const EVENT_OVERHEAD = 26;
const MAX_EVENT_BYTES = 262_144;

function isAlreadyExists(err: unknown): boolean {
  return (err as { name?: string } | undefined)?.name === 'ResourceAlreadyExistsException';
}

/**
 * Writes log events into one CloudWatch Logs stream, creating the group and stream when they are
 * missing (ResourceAlreadyExists is success). Events are sent in time order, split to fit
 * PutLogEvents' limits. This is how `logsift send-test-logs` feeds a subscribed log group.
 *
 * @example
 * const writer = new LogStreamWriter(new CloudWatchLogsClient({}), '/aws/lambda/test-app', 'test-stream-1');
 * await writer.ensure();
 * await writer.put([{ timestamp: Date.now(), message: 'Critical system failure - disk space full on /var/log' }]);
 */
export class LogStreamWriter {
  constructor(
    private readonly client: CloudWatchLogsClient,
    readonly group: string,
    readonly stream: string,
  ) {}

  /** Creates the log group and the stream unless they exist. */
  async ensure(): Promise<void> {
    await this.ignoreExisting(() =>
      this.client.send(new CreateLogGroupCommand({ logGroupName: this.group })),
    );
    await this.ignoreExisting(() =>
      this.client.send(new CreateLogStreamCommand({ logGroupName: this.group, logStreamName: this.stream })),
    );
  }

  /** Sends the events (sorted by time, stable) in as few calls as the limits allow; returns the call count. */
  async put(events: readonly LogEventInput[]): Promise<number> {
    const sorted = [...events].sort((a, b) => a.timestamp - b.timestamp);
    let calls = 0;
    let batch: LogEventInput[] = [];
    let bytes = 0;
    const send = async () => {
      if (batch.length === 0) return;
      await this.client.send(
        new PutLogEventsCommand({ logGroupName: this.group, logStreamName: this.stream, logEvents: batch }),
      );
      calls++;
      batch = [];
      bytes = 0;
    };
    for (const e of sorted) {
      const size = Buffer.byteLength(e.message) + EVENT_OVERHEAD;
      if (size > MAX_EVENT_BYTES) throw new LogEventTooLargeError(size);
      if (batch.length === MAX_EVENTS || bytes + size > MAX_BATCH_BYTES) await send();
      batch.push({ timestamp: e.timestamp, message: e.message });
      bytes += size;
    }
    await send();
    return calls;
  }

  private async ignoreExisting(create: () => Promise<unknown>): Promise<void> {
    try {
      await create();
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
  }
}
