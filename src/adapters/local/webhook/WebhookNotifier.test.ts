import { describe, expect, it } from 'vitest';
import { storedAlert } from '../../../../test/fixtures/alerts.js';
import { formatAlert } from '../../../core/alerts/format.js';
import { WebhookNotifier, webhookBody } from './WebhookNotifier.js';

const DASH = 'http://127.0.0.1:8080';

describe('webhookBody', () => {
  it('carries the stored alert whole, its text and its dashboard view', () => {
    const alert = storedAlert();

    const body = webhookBody({ kind: 'alert', alert }, { dashboardUrl: DASH });

    expect(body).toEqual({
      kind: 'alert',
      alert,
      subject: formatAlert(alert).subject,
      text: formatAlert(alert, { dashboardUrl: DASH }).text,
      dashboardUrl: `${DASH}/?group=%2Faws%2Flambda%2Ftest-app&from=${alert.window.start}&to=${alert.window.end}&alert=${alert.id}`,
    });
  });

  it('carries a digest as its alerts and the budget that held them', () => {
    const alerts = [storedAlert({ id: 'a' }), storedAlert({ id: 'b' })];

    const body = webhookBody({ kind: 'digest', alerts, digest: { channel: 'hook', maxAlerts: 1 } });

    expect(body).toMatchObject({ kind: 'digest', alerts, digest: { channel: 'hook', maxAlerts: 1 } });
    expect(body).not.toHaveProperty('dashboardUrl');
  });
});

describe('WebhookNotifier', () => {
  it('uses its configured name and headers', async () => {
    const seen: RequestInit[] = [];
    const fetch = (async (_url: string, init: RequestInit) => {
      seen.push(init);
      return new Response(null, { status: 204 });
    }) as unknown as typeof globalThis.fetch;
    const hook = new WebhookNotifier({
      name: 'pager',
      url: 'http://127.0.0.1:1/hook',
      headers: { 'x-token': 't' },
      fetch,
    });

    await hook.notify(storedAlert());

    expect(hook.name).toBe('pager');
    expect(seen[0]!.headers).toMatchObject({ 'x-token': 't', 'content-type': 'application/json' });
  });
});
