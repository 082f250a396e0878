import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import { LogEventTooLargeError } from './errors.js';
import { LogStreamWriter } from './LogStreamWriter.js';

/** Records commands; throws what `fail` says for an operation. */
function recordingClient(fail: Record<string, Error> = {}) {
  const sent: { op: string; input: { logEvents?: { message: string; timestamp: number }[] } }[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: never }) => {
      const op = command.constructor.name.replace(/Command$/, '');
      sent.push({ op, input: command.input });
      if (fail[op]) throw fail[op];
      return {};
    },
  } as unknown as CloudWatchLogsClient;
  return { client, sent };
}

const exists = () => Object.assign(new Error('exists'), { name: 'ResourceAlreadyExistsException' });

describe('LogStreamWriter', () => {
  it('treats an existing group and stream as created', async () => {
    const { client, sent } = recordingClient({ CreateLogGroup: exists(), CreateLogStream: exists() });
    await new LogStreamWriter(client, 'g', 's').ensure();
    expect(sent.map((s) => s.op)).toEqual(['CreateLogGroup', 'CreateLogStream']);
  });

  it('passes on other errors', async () => {
    const denied = Object.assign(new Error('no'), { name: 'AccessDeniedException' });
    const { client } = recordingClient({ CreateLogGroup: denied });
    await expect(new LogStreamWriter(client, 'g', 's').ensure()).rejects.toThrow('no');
  });

  it('sorts by time and splits calls at 1 MiB', async () => {
    // Prepare: events of ~250 KB, four fit in one call.
    const { client, sent } = recordingClient();
    const big = 'x'.repeat(250_000);
    const events = [5, 4, 3, 2, 1].map((t) => ({ timestamp: t, message: `${t}${big}` }));
    // Act
    const calls = await new LogStreamWriter(client, 'g', 's').put(events);
    // Assess
    expect(calls).toBe(2);
    const batches = sent.map((s) => s.input.logEvents!.map((e) => e.timestamp));
    expect(batches).toEqual([[1, 2, 3, 4], [5]]);
  });

  it('refuses an event PutLogEvents can never take', async () => {
    const { client } = recordingClient();
    await expect(
      new LogStreamWriter(client, 'g', 's').put([{ timestamp: 1, message: 'x'.repeat(262_144) }]),
    ).rejects.toThrow(LogEventTooLargeError);
  });
});
