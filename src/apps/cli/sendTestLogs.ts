/**
 * `logsift send-test-logs [--log-group /aws/lambda/test-app] [--log-stream NAME] [--region R]
 * [--count N] [--rate N/s]`: the seed's step 9 in one command. Creates the log group and stream when
 * missing, then PutLogEvents the five sample messages (INFO, ERROR, ERROR, CRITICAL, WARNING) so a
 * subscribed logsift stack has something to analyze. `--count` repeats the five; `--rate` paces
 * them (events per second), otherwise they go in as few calls as the limits allow.
 * Credentials, region and endpoint come from the usual AWS places (env, profile, AWS_ENDPOINT_URL).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { type LogEventInput, LogStreamWriter } from '../../adapters/aws/logs/index.js';
import type { ParsedArgs } from './main.js';
import { UsageError } from './main.js';

/** The seed README's step 9 messages, in its order. */
export const SEED_TEST_MESSAGES = [
  'User login successful - user_id: user123 from IP 192.168.1.100',
  'Database connection error - failed to connect to MySQL server',
  'API request failed with status code 500 - Internal server error',
  'Critical system failure - disk space full on /var/log',
  'High memory usage warning - 85 percent memory utilized',
] as const;

export const DEFAULT_TEST_LOG_GROUP = '/aws/lambda/test-app';
export const DEFAULT_TEST_LOG_STREAM = 'test-stream-1';

export interface SendTestLogsOptions {
  client: CloudWatchLogsClient;
  /** The default value is /aws/lambda/test-app. */
  group?: string;
  /** The default value is test-stream-1. */
  stream?: string;
  /** Times the five messages are sent. The default value is 1. */
  count?: number;
  /** Events per second; unset sends everything at once. */
  rate?: number;
  /** The default value is Date.now. */
  now?: () => number;
  /** Tests pass a no-op. The default value waits for real. */
  sleep?: (ms: number) => Promise<unknown>;
}

export interface SendTestLogsResult {
  group: string;
  stream: string;
  events: number;
  calls: number;
}

/**
 * Sends `count` rounds of the seed's five messages; each event is stamped when its call goes out
 * (CloudWatch rejects events older than 14 days or more than 2 hours ahead).
 *
 * @example
 * await sendTestLogs({ client: new CloudWatchLogsClient({ region: 'ap-south-1' }), count: 2 });
 * // { group: '/aws/lambda/test-app', stream: 'test-stream-1', events: 10, calls: 1 }
 */
export async function sendTestLogs(options: SendTestLogsOptions): Promise<SendTestLogsResult> {
  const group = options.group ?? DEFAULT_TEST_LOG_GROUP;
  const stream = options.stream ?? DEFAULT_TEST_LOG_STREAM;
  const count = options.count ?? 1;
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? sleep;
  const writer = new LogStreamWriter(options.client, group, stream);
  await writer.ensure();
  const total = count * SEED_TEST_MESSAGES.length;
  const perCall = options.rate ? Math.max(1, Math.floor(options.rate)) : total;
  // A rate below 1/s sends one event per call, 1/rate seconds apart.
  const gapMs = options.rate ? (perCall / options.rate) * 1000 : 0;
  let calls = 0;
  for (let sent = 0; sent < total; ) {
    const started = now();
    const events: LogEventInput[] = [];
    for (; events.length < perCall && sent < total; sent++) {
      events.push({ timestamp: started, message: SEED_TEST_MESSAGES[sent % SEED_TEST_MESSAGES.length]! });
    }
    calls += await writer.put(events);
    if (gapMs > 0 && sent < total) await wait(Math.max(0, gapMs - (now() - started)));
  }
  return { group, stream, events: total, calls };
}

function positive(name: string, text: string, suffix?: RegExp): number {
  const value = Number(suffix ? text.replace(suffix, '') : text);
  if (!Number.isFinite(value) || value <= 0)
    throw new UsageError(`--${name} must be a positive number, got "${text}"`);
  return value;
}

/** The CLI entry: parses the options, sends, prints one summary line. */
export async function runSendTestLogs(args: ParsedArgs): Promise<number> {
  const { values, positionals } = args;
  if (positionals.length > 0)
    throw new UsageError(`send-test-logs takes no arguments, got "${positionals[0]}"`);
  const count = values.count === undefined ? 1 : positive('count', String(values.count));
  if (!Number.isInteger(count)) throw new UsageError(`--count must be a whole number, got "${values.count}"`);
  const region = typeof values.region === 'string' ? values.region : undefined;
  const client = new CloudWatchLogsClient(region ? { region } : {});
  try {
    const result = await sendTestLogs({
      client,
      count,
      ...(typeof values['log-group'] === 'string' ? { group: values['log-group'] } : {}),
      ...(typeof values['log-stream'] === 'string' ? { stream: values['log-stream'] } : {}),
      ...(values.rate !== undefined ? { rate: positive('rate', String(values.rate), /\/s$/) } : {}),
    });
    console.log(
      `send-test-logs: ${result.events} events to ${result.group} / ${result.stream} in ${result.calls} call${result.calls === 1 ? '' : 's'}`,
    );
    return 0;
  } finally {
    client.destroy();
  }
}
