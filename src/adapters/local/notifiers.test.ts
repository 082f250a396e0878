import { describe, expect, it } from 'vitest';
import { storedAlert } from '../../../test/fixtures/alerts.js';
import { parseConfig } from '../../core/config.js';
import { NotifierConfigError } from './delivery/errors.js';
import { ReliableNotifier } from './delivery/ReliableNotifier.js';
import { createNotifiers, sendDailyReport } from './notifiers.js';

describe('createNotifiers', () => {
  it('builds nothing for the default configuration', () => {
    expect(createNotifiers(parseConfig({}).notify)).toEqual([]);
  });

  it('builds every configured channel, wrapped, in a fixed order', async () => {
    const notify = parseConfig({
      notify: {
        console: true,
        email: { smtp: 'smtp://127.0.0.1:2525', from: 'a@b.c', to: ['d@e.f'] },
        slack: { webhookUrl: 'https://hooks.slack.com/services/T/B/X' },
        teams: { webhookUrl: 'https://example.webhook.office.com/x' },
        webhooks: [{ name: 'pager', url: 'http://127.0.0.1:9/hook' }],
      },
    }).notify;

    const notifiers = createNotifiers(notify);

    expect(notifiers.map((n) => n.name)).toEqual(['console', 'email', 'slack', 'teams', 'pager']);
    expect(notifiers.every((n) => n instanceof ReliableNotifier)).toBe(true);
    await Promise.all(notifiers.map((n) => n.close()));
  });

  it('refuses two channels with one name', () => {
    const notify = parseConfig({
      notify: {
        slack: { webhookUrl: 'https://hooks.slack.com/services/T/B/X' },
        webhooks: [{ name: 'slack', url: 'http://127.0.0.1:9/hook' }],
      },
    }).notify;

    expect(() => createNotifiers(notify)).toThrow(NotifierConfigError);
  });

  it('writes console alerts to the given stream, with the dashboard link and the budget applied', async () => {
    // Prepare
    const chunks: string[] = [];
    const notify = parseConfig({ notify: { console: true, budget: { maxAlerts: 1, window: '1m' } } }).notify;
    const [console] = createNotifiers(notify, {
      stderr: { write: (s: string) => chunks.push(s) },
      dashboardUrl: 'http://127.0.0.1:8080',
    });

    // Act
    await console!.notify(storedAlert({ id: 'a' }));
    await console!.notify(storedAlert({ id: 'b' }));
    await console!.close();

    // Assess
    expect(chunks).toHaveLength(2);
    expect(chunks[0]).toContain('Open in the dashboard: http://127.0.0.1:8080/?group=');
    expect(chunks[1]).toContain('Digest: 1 alert held back on console');
  });
});

describe('sendDailyReport', () => {
  it('sends the report on every channel and reports each result', async () => {
    const chunks: string[] = [];
    const notify = parseConfig({
      notify: {
        console: true,
        webhooks: [{ name: 'down', url: 'http://127.0.0.1:9/hook' }],
        retry: { attempts: 1 },
      },
    }).notify;
    const fetch = (async () =>
      new Response('gone', { status: 410, statusText: 'Gone' })) as unknown as typeof globalThis.fetch;
    const notifiers = createNotifiers(notify, { stderr: { write: (s: string) => chunks.push(s) }, fetch });

    const results = await sendDailyReport(notifiers, { day: '2026-11-25', groups: [], alerts: [] });

    expect(results).toEqual([
      { channel: 'console', ok: true },
      {
        channel: 'down',
        ok: false,
        error: 'down: not delivered after 1 attempt: HTTP 410 Gone from http://127.0.0.1:9/…: "gone"',
      },
    ]);
    expect(chunks[0]).toContain('Daily report 2026-11-25');
  });
});
