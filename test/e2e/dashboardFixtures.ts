/**
 * A small real HTTP server for the dashboard's browser tests: serves the built dashboard (dist/web)
 * and answers the /api routes from fixture data shaped like the real API (filters, cursor paging,
 * SSE tail), so the page is exercised over the wire before the real server is wired in.
 *
 * @example
 * const fixture = await startDashboardFixture();
 * await page.goto(fixture.url);
 * fixture.pushEvent(fixtureEvent('ERROR', 'boom'));
 * await fixture.close();
 */
import type { AddressInfo } from 'node:net';
import { relative } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import type { StoredAlert } from '../../src/core/alerts/types.js';
import type { WindowView } from '../../src/core/metrics/window.js';
import type { AnalyzedEvent, Severity } from '../../src/core/types.js';

export const DIST_WEB = new URL('../../dist/web/', import.meta.url).pathname;
const WINDOW_MS = 300_000;

export interface FixturePattern {
  id: string;
  template: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
  example: string;
  group: string;
  severities?: Partial<Record<Severity, number>>;
}

export interface FixtureData {
  windows: WindowView[];
  events: AnalyzedEvent[];
  alerts: StoredAlert[];
  patterns: FixturePattern[];
}

interface PatternSeed {
  id: string;
  group: string;
  severity: Severity;
  template: string;
  message: (i: number) => string;
  fields?: (i: number) => AnalyzedEvent['fields'];
  /** Share of the group's traffic. */
  weight: number;
  /** Windows (0 = newest) where it appears; default all. */
  since?: number;
}

const GROUPS = [
  '/ecs/storefront-api',
  '/ecs/order-worker',
  '/aws/lambda/thumbnailer',
  '/aws/lambda/checkout',
];

const PATTERNS: PatternSeed[] = [
  {
    id: 'p-http-ok',
    group: '/ecs/storefront-api',
    severity: 'INFO',
    template: '<*> - - [<*>] "GET <*> HTTP/1.1" 200 <*> "-" "<*>" request_time=<*> request_id=<*>',
    message: (i) =>
      `203.0.113.${i % 200} - - [26/Nov/2026:12:0${i % 10}:1${i % 10} +0000] "GET /api/products/${i} HTTP/1.1" 200 ${1200 + i} "-" "okhttp/4.12.0" request_time=0.0${(i % 9) + 1}2 request_id=9f1c${i.toString(16).padStart(4, '0')}-7a2b-4c1d-9e8f-0a1b2c3d4e5f`,
    fields: (i) => ({ status: 200, method: 'GET', path: `/api/products/${i}`, latency_ms: 12 + (i % 90) }),
    weight: 0.86,
  },
  {
    id: 'p-http-5xx',
    group: '/ecs/storefront-api',
    severity: 'ERROR',
    template: '<*> - - [<*>] "POST /api/checkout HTTP/1.1" <*> <*> "-" "<*>" request_time=<*> request_id=<*>',
    message: (i) =>
      `198.51.100.23 - - [26/Nov/2026:12:05:4${i % 10} +0000] "POST /api/checkout HTTP/1.1" 50${2 + (i % 2)} 312 "-" "Mozilla/5.0" request_time=${(2 + (i % 3) * 0.7).toFixed(3)} request_id=c0ffee${i.toString(16).padStart(2, '0')}-1234-4abc-8def-000000000000`,
    fields: (i) => ({
      status: 502 + (i % 2),
      method: 'POST',
      path: '/api/checkout',
      latency_ms: 2000 + (i % 3) * 700,
    }),
    weight: 0.04,
    since: 4,
  },
  {
    id: 'p-worker-ok',
    group: '/ecs/order-worker',
    severity: 'INFO',
    template: '<*> INFO [order_worker.jobs] Processed order <*> in <*> ms (items=<*>)',
    message: (i) =>
      `2026-11-26 12:04:1${i % 10},${100 + i} INFO [order_worker.jobs] Processed order ${40000 + i} in ${80 + i} ms (items=${(i % 6) + 1})`,
    fields: (i) => ({ order: 40000 + i, duration_ms: 80 + i }),
    weight: 0.78,
  },
  {
    id: 'p-worker-retry',
    group: '/ecs/order-worker',
    severity: 'WARNING',
    template: '<*> WARNING [order_worker.jobs] Retrying order <*>: inventory service slow (attempt <*> of 5)',
    message: (i) =>
      `2026-11-26 12:04:2${i % 10},${300 + i} WARNING [order_worker.jobs] Retrying order ${51000 + i}: inventory service slow (attempt ${(i % 3) + 2} of 5)`,
    weight: 0.15,
  },
  {
    id: 'p-worker-payment',
    group: '/ecs/order-worker',
    severity: 'ERROR',
    template:
      '<*> ERROR [order_worker.payments] Payment provider timeout after 3000 ms for order <*> (provider=stripe region=eu-west-1)',
    message: (i) =>
      `2026-11-26 12:06:0${i % 10},${500 + i} ERROR [order_worker.payments] Payment provider timeout after 3000 ms for order ${62000 + i} (provider=stripe region=eu-west-1)`,
    fields: (i) => ({ order: 62000 + i, provider: 'stripe', region: 'eu-west-1' }),
    weight: 0.07,
    since: 3,
  },
  {
    id: 'p-lambda-report',
    group: '/aws/lambda/thumbnailer',
    severity: 'INFO',
    template:
      'REPORT RequestId: <*> Duration: <*> ms Billed Duration: <*> ms Memory Size: 512 MB Max Memory Used: <*> MB',
    message: (i) =>
      `REPORT RequestId: 5d7e${i.toString(16).padStart(4, '0')}-aaaa-4bbb-8ccc-123456789abc\tDuration: ${(40 + i * 3.1).toFixed(2)} ms\tBilled Duration: ${Math.ceil(40 + i * 3.1)} ms\tMemory Size: 512 MB\tMax Memory Used: ${140 + (i % 90)} MB`,
    weight: 0.9,
  },
  {
    id: 'p-lambda-timeout',
    group: '/aws/lambda/thumbnailer',
    severity: 'CRITICAL',
    template: '<*> <*> Task timed out after 3.00 seconds',
    message: (i) =>
      `2026-11-26T12:03:5${i % 10}.000Z 5d7e${i.toString(16).padStart(4, '0')}-aaaa-4bbb-8ccc-123456789abc Task timed out after 3.00 seconds`,
    weight: 0.1,
  },
  {
    id: 'p-checkout-ok',
    group: '/aws/lambda/checkout',
    severity: 'INFO',
    template: 'Checkout completed',
    message: (i) =>
      JSON.stringify({
        level: 'INFO',
        message: 'Checkout completed',
        service: 'checkout',
        order_id: 70000 + i,
        amount_cents: 1200 + i * 7,
        customer_email: '[email]',
      }),
    fields: (i) => ({ service: 'checkout', order_id: 70000 + i, amount_cents: 1200 + i * 7 }),
    weight: 0.88,
  },
  {
    id: 'p-checkout-declined',
    group: '/aws/lambda/checkout',
    severity: 'ERROR',
    template: 'Card authorization declined',
    message: (i) =>
      JSON.stringify({
        level: 'ERROR',
        message: 'Card authorization declined',
        service: 'checkout',
        order_id: 71000 + i,
        decline_code: 'insufficient_funds',
      }),
    fields: (i) => ({ service: 'checkout', order_id: 71000 + i, decline_code: 'insufficient_funds' }),
    weight: 0.12,
  },
];

const GROUP_RATE: Record<string, number> = {
  '/ecs/storefront-api': 3200,
  '/ecs/order-worker': 900,
  '/aws/lambda/thumbnailer': 420,
  '/aws/lambda/checkout': 260,
};

/**
 * Deterministic fixture data around `now`: 24 five-minute windows per group (the current hour and
 * the one before, so the dashboard can compare), events, patterns and alerts in the current hour.
 */
export function makeFixtureData(now: number): FixtureData {
  const current = now - (now % WINDOW_MS);
  const windows: WindowView[] = [];
  const patternCounts = new Map<string, number>();
  for (let k = 23; k >= 0; k--) {
    const start = current - k * WINDOW_MS;
    for (const group of GROUPS) {
      // A gentle wave plus an incident three windows ago.
      const base = Math.round(GROUP_RATE[group]! * (0.8 + 0.25 * Math.sin(k / 2.2) + (k === 3 ? 0.35 : 0)));
      const counts = { total: 0, CRITICAL: 0, ERROR: 0, WARNING: 0, INFO: 0, DEBUG: 0 };
      const patterns: Record<string, number> = {};
      for (const p of PATTERNS.filter((x) => x.group === group)) {
        if (p.since !== undefined && k > p.since) continue;
        const n = Math.max(1, Math.round(base * p.weight * (k === 3 && p.severity !== 'INFO' ? 3 : 1)));
        counts[p.severity] += n;
        counts.total += n;
        patterns[p.id] = n;
        if (k < 12) patternCounts.set(p.id, (patternCounts.get(p.id) ?? 0) + n);
      }
      const debug = Math.round(base * 0.05);
      counts.DEBUG += debug;
      counts.total += debug;
      const w: WindowView = { group, start, end: start + WINDOW_MS, counts, http: {}, patterns };
      if (group === '/ecs/storefront-api') {
        const slow = k === 3 ? 4 : 1;
        w.http = { '2xx': counts.INFO, '5xx': counts.ERROR };
        w.latency = {
          count: counts.total,
          avg: 38 * slow,
          max: 900 * slow,
          p50: 24 + (k % 4) * 2,
          p90: 120 + (k % 5) * 12 + (k === 3 ? 600 : 0),
          p99: 380 + (k % 3) * 40 + (k === 3 ? 2600 : 0),
        };
      }
      if (group === '/aws/lambda/thumbnailer') {
        const inv = counts.INFO;
        w.lambda = {
          invocations: inv,
          durationAvg: 180 + (k % 4) * 20,
          durationMax: k === 3 ? 3000 : 900 + (k % 3) * 100,
          billedSum: inv * 200,
          maxMemoryUsedMb: k === 3 ? 498 : 220 + (k % 5) * 10,
          memorySizeMb: 512,
          coldStarts: 2 + (k % 3),
          initAvg: 240 + (k % 4) * 15,
          timeouts: counts.CRITICAL,
          errors: k === 3 ? 4 : 0,
        };
      }
      windows.push(w);
    }
  }

  const events: AnalyzedEvent[] = [];
  const hourAgo = now - 3_600_000;
  let seq = 0;
  for (const p of PATTERNS) {
    const n = p.severity === 'INFO' ? 40 : 12;
    for (let i = 0; i < n; i++) {
      const age = ((i * 7919 + seq * 104729) % 3_500_000) + 5_000;
      if (p.since !== undefined && age > (p.since + 1) * WINDOW_MS) continue;
      const id = `ev-${String(seq++).padStart(5, '0')}`;
      const correlationId =
        p.group === '/ecs/storefront-api' || p.group === '/aws/lambda/checkout'
          ? `req-${(i % 9).toString(16)}c1d2e3f4a5b6`
          : undefined;
      events.push({
        id,
        group: p.group,
        stream: `${p.group.split('/').pop()}/web/4f1c2a`,
        timestamp: Math.max(hourAgo + 1000, now - age),
        severity: p.severity,
        message: p.message(i),
        fields: p.fields?.(i) ?? {},
        patternId: p.id,
        template: p.template,
        correlationId,
        batchId: `batch-${i % 5}`,
      });
    }
  }
  events.sort((a, b) => b.timestamp - a.timestamp || a.id.localeCompare(b.id));

  const patterns: FixturePattern[] = PATTERNS.map((p) => ({
    id: p.id,
    template: p.template,
    count: patternCounts.get(p.id) ?? 0,
    firstSeen: p.since !== undefined ? current - p.since * WINDOW_MS + 12_000 : now - 26 * 3_600_000,
    lastSeen: now - 4_000 - p.id.length * 1000,
    example: p.message(0),
    group: p.group,
    severities: { [p.severity]: patternCounts.get(p.id) ?? 0 },
  }));

  const incident = current - 3 * WINDOW_MS;
  const alerts: StoredAlert[] = [
    alert(
      'a-timeouts',
      'lambda-timeouts',
      '/aws/lambda/thumbnailer',
      'CRITICAL',
      incident,
      'Task timed out 38 times in /aws/lambda/thumbnailer (threshold 1)',
      'failed',
      now,
    ),
    alert(
      'a-5xx',
      'http-5xx-spike',
      '/ecs/storefront-api',
      'ERROR',
      incident,
      '5xx responses spiked to 412 in /ecs/storefront-api (baseline 18 per window)',
      'delivered',
      now,
    ),
    alert(
      'a-newpattern',
      'new-pattern',
      '/ecs/order-worker',
      'ERROR',
      current - 2 * WINDOW_MS,
      'New error pattern in /ecs/order-worker: Payment provider timeout after 3000 ms for order <*> …',
      'pending',
      now,
      'p-worker-payment',
    ),
  ];
  return { windows, events, alerts, patterns };
}

function alert(
  id: string,
  rule: string,
  group: string,
  severity: Severity,
  start: number,
  summary: string,
  state: StoredAlert['state'],
  now: number,
  patternId?: string,
): StoredAlert {
  const counts = { total: 0, CRITICAL: 0, ERROR: 0, WARNING: 0, INFO: 0, DEBUG: 0 };
  return {
    id,
    dedupKey: `${rule}|${group}|*|${start}`,
    rule,
    type: patternId ? 'new_pattern' : 'threshold',
    group,
    key: patternId ?? '*',
    window: { start, end: start + WINDOW_MS },
    severity,
    summary,
    counts,
    patternId,
    examples: [],
    firedAt: Math.min(now - 30_000, start + WINDOW_MS + 2_000),
    state,
    deliveries:
      state === 'pending'
        ? []
        : [
            { channel: 'slack', ok: true, at: start + WINDOW_MS + 3_000 },
            state === 'failed'
              ? {
                  channel: 'email',
                  ok: false,
                  error: 'SMTP 421 try again later',
                  at: start + WINDOW_MS + 4_000,
                }
              : { channel: 'email', ok: true, at: start + WINDOW_MS + 4_000 },
          ],
  };
}

/** An event for the live tail, stamped now. */
export function fixtureEvent(
  severity: Severity,
  message: string,
  group = '/ecs/order-worker',
): AnalyzedEvent {
  return {
    id: `tail-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    group,
    stream: 'tail',
    timestamp: Date.now(),
    severity,
    message,
    fields: {},
    batchId: 'tail',
  };
}

export interface DashboardFixture {
  url: string;
  data: FixtureData;
  /** Answer every /api route with empty results. */
  setEmpty(empty: boolean): void;
  /** Make one route answer 500 (`/api/metrics`), or none. */
  setFailing(path: string | undefined): void;
  pushEvent(event: AnalyzedEvent): void;
  pushAlert(alert: StoredAlert): void;
  /** Open /api/tail connections. */
  tailClients(): number;
  close(): Promise<void>;
}

function num(v: string | undefined): number | undefined {
  return v === undefined ? undefined : /^\d+$/.test(v) ? Number(v) : Date.parse(v);
}

/** Starts the fixture server on 127.0.0.1 and a free port. */
export async function startDashboardFixture(now = Date.now()): Promise<DashboardFixture> {
  const data = makeFixtureData(now);
  let empty = false;
  let failing: string | undefined;
  const clients = new Set<SSEStreamingApi>();
  const app = new Hono();

  app.use('/api/*', async (c, next) => {
    if (failing && c.req.path === failing) return c.json({ error: 'fixture: simulated failure' }, 500);
    await next();
  });
  app.get('/api/events', (c) => {
    const q = c.req.query();
    const from = num(q.from) ?? 0;
    const to = num(q.to) ?? Number.MAX_SAFE_INTEGER;
    const text = q.q?.toLowerCase();
    const all = empty
      ? []
      : data.events.filter(
          (e) =>
            e.timestamp >= from &&
            e.timestamp <= to &&
            (!q.group || e.group === q.group) &&
            (!q.severity || e.severity === q.severity) &&
            (!q.patternId || e.patternId === q.patternId) &&
            (!q.correlationId || e.correlationId === q.correlationId) &&
            (!text || e.message.toLowerCase().includes(text)),
        );
    const limit = Number(q.limit ?? 100);
    const offset = q.cursor ? Number(q.cursor) : 0;
    const page = all.slice(offset, offset + limit);
    return c.json({ events: page, nextCursor: offset + limit < all.length ? String(offset + limit) : null });
  });
  app.get('/api/metrics', (c) => {
    const q = c.req.query();
    const from = num(q.from) ?? 0;
    const to = num(q.to) ?? Number.MAX_SAFE_INTEGER;
    const windows = empty
      ? []
      : data.windows.filter((w) => w.end > from && w.start < to && (!q.group || w.group === q.group));
    return c.json({ windows });
  });
  app.get('/api/alerts', (c) => c.json({ alerts: empty ? [] : data.alerts }));
  app.get('/api/patterns', (c) => {
    const group = c.req.query('group');
    return c.json({ patterns: empty ? [] : data.patterns.filter((p) => !group || p.group === group) });
  });
  app.get('/api/groups', (c) => {
    if (empty) return c.json({ groups: [] });
    const groups = GROUPS.map((group) => ({
      group,
      lastEventAt: Math.max(...data.events.filter((e) => e.group === group).map((e) => e.timestamp)),
      count: data.windows.filter((w) => w.group === group).reduce((n, w) => n + w.counts.total, 0),
    }));
    return c.json({ groups });
  });
  app.get('/api/tail', (c) =>
    streamSSE(c, async (stream) => {
      clients.add(stream);
      await new Promise<void>((resolve) => stream.onAbort(resolve));
      clients.delete(stream);
    }),
  );
  app.get('/healthz', (c) => c.json({ ok: true }));
  // serveStatic resolves `root` against the working directory.
  app.use('/*', serveStatic({ root: relative(process.cwd(), DIST_WEB) || '.' }));

  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const send = (event: string, payload: unknown) => {
    for (const stream of clients) void stream.writeSSE({ event, data: JSON.stringify(payload) });
  };
  return {
    url: `http://127.0.0.1:${port}/`,
    data,
    setEmpty: (value) => {
      empty = value;
    },
    setFailing: (path) => {
      failing = path;
    },
    pushEvent: (event) => send('log', event),
    pushAlert: (a) => send('alert', a),
    tailClients: () => clients.size,
    close: async () => {
      for (const stream of clients) void stream.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Browsers keep connections alive; without this, close waits for them to time out.
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await closed;
    },
  };
}
