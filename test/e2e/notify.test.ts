/**
 * Alert delivery against real peers: an SMTP server (smtp-server) and local HTTP servers standing
 * in for Slack, Teams and a generic webhook. Everything listens on 127.0.0.1 on a random port.
 */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNotifiers } from '../../src/adapters/local/notifiers.js';
import { parseConfig } from '../../src/core/config.js';
import { memoryPorts } from '../../src/core/memory/index.js';
import { Pipeline } from '../../src/core/pipeline.js';
import type { Notifier, Ports } from '../../src/core/ports.js';
import { alertStorm, storedAlert } from '../fixtures/alerts.js';
import { type SmtpPeer, smtpPeer } from './helpers/smtpPeer.js';

const DASH = 'http://127.0.0.1:8080';

// --- HTTP peers (Slack, Teams, a generic webhook) ---------------------------------------------

interface HttpRequestSeen {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  at: number;
}

interface HttpPeer {
  url: string;
  requests: HttpRequestSeen[];
  close(): Promise<void>;
}

/** Answers each request with the next status of `statuses` (the last one repeats). */
async function httpPeer(statuses: number[] = [200], answer = 'ok'): Promise<HttpPeer> {
  const requests: HttpRequestSeen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({
        path: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        at: performance.now(),
      });
      const status = statuses[Math.min(requests.length - 1, statuses.length - 1)] ?? 200;
      res
        .writeHead(status, { 'content-type': 'text/plain' })
        .end(status < 300 ? answer : `upstream broke (${status})`);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/T0001/B0001/s3cr3t`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

// --- the tests -----------------------------------------------------------------------------------

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closing.splice(0).map((close) => close()));
});

function track<T extends { close(): Promise<void> }>(x: T): T {
  closing.push(() => x.close());
  return x;
}

function trackNotifiers<T extends Notifier[]>(notifiers: T): T {
  for (const n of notifiers) closing.push(() => n.close());
  return notifiers;
}

describe('email over SMTP', () => {
  let smtp: SmtpPeer;
  beforeAll(async () => {
    smtp = await smtpPeer();
  });
  afterAll(() => smtp.close());

  it('delivers an alert a person can act on: subject, text, HTML, link', async () => {
    // Prepare
    const notify = parseConfig({
      notify: {
        dashboardUrl: DASH,
        email: { smtp: smtp.url, from: 'logsift@example.com', to: ['ops@example.com'] },
      },
    }).notify;
    const [email] = trackNotifiers(createNotifiers(notify));
    const alert = storedAlert();

    // Act
    await email!.notify(alert);

    // Assess
    const mail = smtp.mails.at(-1)!;
    expect(mail.from).toBe('logsift@example.com');
    expect(mail.to).toEqual(['ops@example.com']);
    expect(mail.subject).toBe('[logsift] CRITICAL /aws/lambda/test-app: 1 event CRITICAL (critical)');
    expect(mail.text).toContain('Window:    2026-11-26 12:00:00 to 12:05:00 UTC (5m)');
    expect(mail.text).toContain('Pattern:   Critical system failure in <*>');
    expect(mail.text).toContain('CRITICAL  Critical system failure in payments: database unreachable');
    expect(mail.text).toContain(`Open in the dashboard: ${DASH}/?group=%2Faws%2Flambda%2Ftest-app&from=`);
    expect(mail.html).toContain('Critical system failure in &lt;*&gt;');
    expect(mail.headers['x-logsift-alert-id']).toBe(alert.id);
    expect(email!.stats().sent).toBe(1);
  });

  it('sends the pipeline alert for a CRITICAL line and records the delivery', async () => {
    // Prepare
    const config = parseConfig({
      notify: { email: { smtp: smtp.url, from: 'logsift@example.com', to: ['ops@example.com'] } },
    });
    const ports: Ports = { ...memoryPorts(), notifiers: trackNotifiers(createNotifiers(config.notify)) };
    const pipeline = new Pipeline(config, ports);
    const before = smtp.mails.length;
    const t = Date.UTC(2026, 10, 26, 12, 1, 0);

    // Act
    const result = await pipeline.process({
      id: 'batch-notify-1',
      source: 'text',
      group: '/aws/lambda/test-app',
      stream: 'test',
      events: [
        { id: 'e1', timestamp: t, message: 'INFO all good' },
        { id: 'e2', timestamp: t + 1, message: 'CRITICAL: Critical system failure in payments' },
      ],
    });

    // Assess
    expect(result.deliveryFailures).toEqual([]);
    const critical = result.alerts.find((a) => a.rule === 'critical');
    expect(critical).toBeDefined();
    const mail = smtp.mails.slice(before).find((m) => m.headers['x-logsift-alert-id'] === critical!.id);
    expect(mail?.subject).toBe('[logsift] CRITICAL /aws/lambda/test-app: 1 event CRITICAL (critical)');
    const [stored] = await ports.alerts.queryAlerts({ rule: 'critical' });
    expect(stored?.state).toBe('delivered');
    expect(stored?.deliveries).toMatchObject([{ channel: 'email', ok: true }]);
  });
});

describe('an SMTP server that rejects', () => {
  it('fails the delivery with the server reply, without retrying a permanent refusal', async () => {
    // Prepare
    const smtp = track(await smtpPeer({ reject: { code: 550, message: '5.1.1 mailbox unavailable' } }));
    const notify = parseConfig({
      notify: {
        email: { smtp: smtp.url, from: 'logsift@example.com', to: ['nobody@example.com'] },
        retry: { attempts: 3, backoff: '10ms' },
      },
    }).notify;
    const [email] = trackNotifiers(createNotifiers(notify));

    // Act
    const err = await email!.notify(storedAlert()).catch((e: Error) => e);

    // Assess
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(
      /^email: not delivered after 1 attempt: SMTP 127\.0\.0\.1:\d+: .*550.*mailbox unavailable/,
    );
    expect(smtp.recipients).toEqual(['nobody@example.com']);
    expect(smtp.mails).toEqual([]);
    expect(email!.stats()).toMatchObject({ sent: 0, failed: 1, retries: 0 });
    expect(email!.stats().lastError?.message).toContain('550');
  });
});

describe('Slack, Teams and generic webhooks', () => {
  it('posts Block Kit to Slack', async () => {
    const slack = track(await httpPeer());
    const [notifier] = trackNotifiers(
      createNotifiers(
        parseConfig({ notify: { dashboardUrl: DASH, slack: { webhookUrl: slack.url } } }).notify,
      ),
    );

    await notifier!.notify(storedAlert());

    expect(slack.requests).toHaveLength(1);
    const { path, headers, body } = slack.requests[0]!;
    expect(path).toBe('/hooks/T0001/B0001/s3cr3t');
    expect(headers['content-type']).toBe('application/json');
    expect(body).toMatchObject({
      text: 'CRITICAL /aws/lambda/test-app: 1 event CRITICAL (critical)',
      blocks: [
        {
          type: 'header',
          text: { type: 'plain_text', text: ':rotating_light: CRITICAL /aws/lambda/test-app' },
        },
        { type: 'section', text: { type: 'mrkdwn' } },
        {
          type: 'section',
          fields: expect.arrayContaining([{ type: 'mrkdwn', text: '*Group*\n/aws/lambda/test-app' }]),
        },
        { type: 'section', text: { text: '*Pattern*\n`Critical system failure in &lt;*&gt;`' } },
        { type: 'section', text: { text: '*Example events*' } },
        { type: 'section', text: { text: expect.stringMatching(/^```12:01:02\.123 {2}CRITICAL .*```$/) } },
        { type: 'actions', elements: [{ type: 'button', url: expect.stringContaining(`${DASH}/?group=`) }] },
        { type: 'context' },
      ],
    });
  });

  it('posts an Adaptive Card to Teams', async () => {
    const teams = track(await httpPeer([202]));
    const [notifier] = trackNotifiers(
      createNotifiers(
        parseConfig({ notify: { dashboardUrl: DASH, teams: { webhookUrl: teams.url } } }).notify,
      ),
    );

    await notifier!.notify(storedAlert());

    expect(teams.requests[0]!.body).toMatchObject({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            type: 'AdaptiveCard',
            version: '1.4',
            body: expect.arrayContaining([
              {
                type: 'RichTextBlock',
                inlines: [expect.objectContaining({ text: 'CRITICAL /aws/lambda/test-app' })],
              },
            ]),
            actions: [
              { type: 'Action.OpenUrl', title: 'Open in dashboard', url: expect.stringContaining(DASH) },
            ],
          },
        },
      ],
    });
  });

  it('posts the alert as JSON with the configured headers to a generic webhook', async () => {
    const hook = track(await httpPeer([204]));
    const notify = parseConfig({
      notify: { webhooks: [{ name: 'pager', url: hook.url, headers: { authorization: 'Bearer t0k3n' } }] },
    }).notify;
    const [notifier] = trackNotifiers(createNotifiers(notify));
    const alert = storedAlert();

    await notifier!.notify(alert);

    const { headers, body } = hook.requests[0]!;
    expect(notifier!.name).toBe('pager');
    expect(headers.authorization).toBe('Bearer t0k3n');
    expect(headers['user-agent']).toBe('logsift');
    expect(body).toMatchObject({ kind: 'alert', alert: JSON.parse(JSON.stringify(alert)) });
    expect((body as { text: string }).text).toContain('CRITICAL alert: 1 event CRITICAL');
  });
});

describe('retries and failures', () => {
  it('retries a server that fails twice with 500, with growing waits, then delivers', async () => {
    // Prepare
    const flaky = track(await httpPeer([500, 500, 200]));
    const notify = parseConfig({
      notify: { webhooks: [{ name: 'flaky', url: flaky.url }], retry: { attempts: 4, backoff: '40ms' } },
    }).notify;
    const [notifier] = trackNotifiers(createNotifiers(notify));

    // Act
    await notifier!.notify(storedAlert());

    // Assess
    expect(flaky.requests).toHaveLength(3);
    const [a, b, c] = flaky.requests.map((r) => r.at);
    // Equal jitter: the first wait is 20-40 ms, the second 40-80 ms.
    expect(b! - a!).toBeGreaterThanOrEqual(19);
    expect(c! - b!).toBeGreaterThanOrEqual(39);
    expect(notifier!.stats()).toMatchObject({ sent: 1, failed: 0, retries: 2 });
    expect(notifier!.stats().lastError?.message).toContain('HTTP 500');
  });

  it('records the status and body of a server that always fails', async () => {
    // Prepare
    const down = track(await httpPeer([503]));
    const notify = parseConfig({
      notify: { slack: { webhookUrl: down.url }, retry: { attempts: 3, backoff: '5ms' } },
    }).notify;
    const [notifier] = trackNotifiers(createNotifiers(notify));

    // Act
    const err = await notifier!.notify(storedAlert()).catch((e: Error) => e);

    // Assess
    expect(down.requests).toHaveLength(3);
    const expected =
      /^slack: not delivered after 3 attempts: HTTP 503 Service Unavailable from http:\/\/127\.0\.0\.1:\d+\/…: "upstream broke \(503\)"$/;
    expect((err as Error).message).toMatch(expected);
    expect((err as Error).message).not.toContain('s3cr3t');
    expect(notifier!.stats()).toMatchObject({ sent: 0, failed: 1, retries: 2 });
    expect(notifier!.stats().lastError?.message).toMatch(expected);
  });
});

describe('storm control', () => {
  it('sends 10 of 25 alerts on their own and folds the other 15 into one digest at the window end', async () => {
    // Prepare
    const hook = track(await httpPeer([200]));
    const notify = parseConfig({
      notify: { webhooks: [{ name: 'hook', url: hook.url }], budget: { maxAlerts: 10, window: '1s' } },
    }).notify;
    const digests: { ok: boolean; ids: string[] }[] = [];
    const [notifier] = trackNotifiers(
      createNotifiers(notify, {
        onDigest: (o) => void digests.push({ ok: o.ok, ids: o.alerts.map((a) => a.id) }),
      }),
    );
    const storm = alertStorm(25);

    // Act: every notify resolves, held ones at once.
    for (const alert of storm) await notifier!.notify(alert);
    const beforeWindowEnd = hook.requests.length;
    await waitFor(() => hook.requests.length >= 11);
    await new Promise((r) => setTimeout(r, 100));

    // Assess
    expect(beforeWindowEnd).toBe(10);
    expect(hook.requests).toHaveLength(11);
    const bodies = hook.requests.map(
      (r) => r.body as { kind: string; alert?: { id: string }; alerts?: { id: string }[]; text: string },
    );
    expect(bodies.slice(0, 10).map((b) => b.alert?.id)).toEqual(storm.slice(0, 10).map((a) => a.id));
    const digest = bodies[10]!;
    expect(digest.kind).toBe('digest');
    expect(digest.alerts?.map((a) => a.id)).toEqual(storm.slice(10).map((a) => a.id));
    for (const a of storm.slice(10)) expect(digest.text).toContain(`alert ${a.id}`);
    expect(digest.text).toContain('Storm control: more than 10 alerts on hook');
    expect(digests).toEqual([{ ok: true, ids: storm.slice(10).map((a) => a.id) }]);
    expect(notifier!.stats()).toMatchObject({ sent: 10, folded: 15, digestsSent: 1, pending: 0 });
  });
});
