/**
 * A stand-in for Amazon SNS (no npm emulator delivers to subscribers): a node:http server on
 * 127.0.0.1 speaking the AWS Query protocol for `Action=Publish` (form-encoded request, XML
 * response with a MessageId), recording every message it accepts. `failNext(n)` answers the next
 * n requests with a 500 InternalError, as SNS does when it has trouble.
 *
 * @example
 * const sns = await startFakeSns();
 * const client = new SNSClient({ endpoint: sns.endpoint, region: 'us-east-1', credentials });
 * // ... sns.published[0].subject
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PublishedMessage {
  messageId: string;
  topicArn: string;
  subject?: string;
  message: string;
  attributes: Record<string, { type: string; value: string }>;
  messageGroupId?: string;
  messageDeduplicationId?: string;
}

export interface FakeSns {
  endpoint: string;
  published: PublishedMessage[];
  /** Every request's form fields, published or not. */
  requests: Record<string, string>[];
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function errorXml(code: string, message: string): string {
  return `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
}

/** `MessageAttributes.entry.1.Name=severity&MessageAttributes.entry.1.Value.StringValue=...` -> map. */
function attributesOf(form: Record<string, string>): PublishedMessage['attributes'] {
  const out: PublishedMessage['attributes'] = {};
  for (let i = 1; form[`MessageAttributes.entry.${i}.Name`] !== undefined; i++) {
    const prefix = `MessageAttributes.entry.${i}`;
    out[form[`${prefix}.Name`]!] = {
      type: form[`${prefix}.Value.DataType`] ?? '',
      value: form[`${prefix}.Value.StringValue`] ?? '',
    };
  }
  return out;
}

export async function startFakeSns(): Promise<FakeSns> {
  const published: PublishedMessage[] = [];
  const requests: Record<string, string>[] = [];
  let failures = 0;
  let failStatus = 500;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      requests.push(form);
      res.setHeader('content-type', 'text/xml');
      if (failures > 0) {
        failures--;
        res.writeHead(failStatus).end(errorXml('InternalError', 'fake SNS failure'));
        return;
      }
      if (form.Action !== 'Publish') {
        res.writeHead(400).end(errorXml('InvalidAction', `unsupported action ${form.Action}`));
        return;
      }
      if (!form.TopicArn || form.Message === undefined) {
        res.writeHead(400).end(errorXml('InvalidParameter', 'TopicArn and Message are required'));
        return;
      }
      if (form.Subject !== undefined && (form.Subject.length > 100 || /[^\x20-\x7e]/.test(form.Subject))) {
        res.writeHead(400).end(errorXml('InvalidParameter', 'Invalid parameter: Subject'));
        return;
      }
      const messageId = randomUUID();
      published.push({
        messageId,
        topicArn: form.TopicArn,
        message: form.Message,
        attributes: attributesOf(form),
        ...(form.Subject !== undefined ? { subject: form.Subject } : {}),
        ...(form.MessageGroupId !== undefined ? { messageGroupId: form.MessageGroupId } : {}),
        ...(form.MessageDeduplicationId !== undefined
          ? { messageDeduplicationId: form.MessageDeduplicationId }
          : {}),
      });
      res
        .writeHead(200)
        .end(
          `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
        );
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    published,
    requests,
    failNext(count, status = 500) {
      failures = count;
      failStatus = status;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
