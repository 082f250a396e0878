/**
 * A stand-in for CloudWatch Logs (no emulator exists): a node:http server on 127.0.0.1 speaking
 * the JSON 1.1 protocol (`X-Amz-Target: Logs_20140328.<Operation>`) for CreateLogGroup,
 * CreateLogStream and PutLogEvents, with ResourceAlreadyExistsException and
 * ResourceNotFoundException as the real service answers them. It records what it received.
 *
 * @example
 * const logs = await startFakeCloudWatchLogs();
 * // ... logs.streams.get('/aws/lambda/test-app')?.get('test-stream-1')
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedLogEvent {
  timestamp: number;
  message: string;
}

export interface FakeCloudWatchLogs {
  endpoint: string;
  /** Log group -> stream -> events, in arrival order. */
  groups: Map<string, Map<string, ReceivedLogEvent[]>>;
  /** Operations in arrival order, e.g. `CreateLogGroup`. */
  calls: string[];
  close(): Promise<void>;
}

export async function startFakeCloudWatchLogs(): Promise<FakeCloudWatchLogs> {
  const groups = new Map<string, Map<string, ReceivedLogEvent[]>>();
  const calls: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.startsWith('Logs_20140328.') ? target.slice('Logs_20140328.'.length) : '';
      calls.push(operation);
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(body));
      };
      const fail = (type: string, message: string) => reply(400, { __type: type, message });
      let input: { logGroupName?: string; logStreamName?: string; logEvents?: ReceivedLogEvent[] };
      try {
        input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        fail('SerializationException', 'body is not JSON');
        return;
      }
      const group = input.logGroupName ?? '';
      const stream = input.logStreamName ?? '';
      switch (operation) {
        case 'CreateLogGroup':
          if (groups.has(group))
            return fail('ResourceAlreadyExistsException', 'The specified log group already exists');
          groups.set(group, new Map());
          return reply(200, {});
        case 'CreateLogStream': {
          const streams = groups.get(group);
          if (!streams) return fail('ResourceNotFoundException', 'The specified log group does not exist.');
          if (streams.has(stream))
            return fail('ResourceAlreadyExistsException', 'The specified log stream already exists');
          streams.set(stream, []);
          return reply(200, {});
        }
        case 'PutLogEvents': {
          const events = groups.get(group)?.get(stream);
          if (!events) return fail('ResourceNotFoundException', 'The specified log stream does not exist.');
          const batch = input.logEvents ?? [];
          for (let i = 1; i < batch.length; i++) {
            if (batch[i]!.timestamp < batch[i - 1]!.timestamp)
              return fail(
                'InvalidParameterException',
                'Log events in a single PutLogEvents request must be in chronological order.',
              );
          }
          events.push(...batch.map((e) => ({ timestamp: e.timestamp, message: e.message })));
          return reply(200, { nextSequenceToken: String(events.length) });
        }
        default:
          return fail('UnknownOperationException', `unsupported operation ${target}`);
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    groups,
    calls,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
