/**
 * A real SMTP peer for tests (smtp-server on 127.0.0.1, a random port) that keeps every message it
 * receives, parsed into subject, text and HTML parts.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** Splits a MIME entity into lower-cased, unfolded headers and its body. */
function splitEntity(raw: string): { headers: Record<string, string>; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, at).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: raw.slice(at + 4) };
}

function decodeBody(body: string, encoding = '7bit'): string {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding)) {
    // Literal % first, then =XX as %XX, so decodeURIComponent turns the bytes into UTF-8 text.
    const escaped = body
      .replace(/=\r\n/g, '')
      .replace(/%/g, '%25')
      .replace(/=([0-9A-F]{2})/gi, (_, h: string) => `%${h}`);
    return decodeURIComponent(escaped).replace(/\r\n/g, '\n');
  }
  return body.replace(/\r\n/g, '\n');
}

/** `=?UTF-8?Q?...?=` encoded words in a header. */
function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, kind: string, data: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : decodeBody(data.replace(/_/g, ' '), 'quoted-printable'),
  );
}

/** Parses what nodemailer sends: multipart/alternative with a text and an HTML part. */
function parseMail(raw: string, from: string, to: string[]): ReceivedMail {
  const { headers, body } = splitEntity(raw);
  const mail: ReceivedMail = {
    from,
    to,
    subject: decodeWords(headers.subject ?? ''),
    text: '',
    html: '',
    headers,
  };
  const boundary = /boundary="?([^";]+)"?/.exec(headers['content-type'] ?? '')?.[1];
  const parts = boundary ? body.split(`--${boundary}`).slice(1, -1) : [raw];
  for (const part of parts) {
    const entity = splitEntity(part.replace(/^\r\n/, ''));
    const decoded = decodeBody(entity.body.replace(/\r\n$/, ''), entity.headers['content-transfer-encoding']);
    if (entity.headers['content-type']?.startsWith('text/plain')) mail.text = decoded;
    if (entity.headers['content-type']?.startsWith('text/html')) mail.html = decoded;
  }
  return mail;
}

export interface SmtpPeer {
  url: string;
  mails: ReceivedMail[];
  /** RCPT TO attempts seen (accepted or not). */
  recipients: string[];
  close(): Promise<void>;
}

export async function smtpPeer(
  options: { reject?: { code: number; message: string } } = {},
): Promise<SmtpPeer> {
  const mails: ReceivedMail[] = [];
  const recipients: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      recipients.push(address.address);
      if (!options.reject) return callback();
      callback(Object.assign(new Error(options.reject.message), { responseCode: options.reject.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        mails.push(
          parseMail(
            Buffer.concat(chunks).toString('utf8'),
            from,
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    recipients,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
