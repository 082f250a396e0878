import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../core/config.js';
import { memoryPorts } from '../core/memory/index.js';
import { Pipeline } from '../core/pipeline.js';
import { createApi } from './app.js';
import { TailHub } from './TailHub.js';

function api(extra: Partial<Parameters<typeof createApi>[0]> = {}) {
  const ports = memoryPorts();
  return createApi({
    pipeline: new Pipeline(parseConfig({}), ports),
    ports,
    tail: new TailHub(),
    version: 'v',
    ...extra,
  });
}

describe('createApi and a dashboard', () => {
  it('answers a JSON index at / when nothing else serves it', async () => {
    const res = await api().request('/');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { endpoints: string[] }).endpoints).toContain('POST /ingest/cloudwatch');
  });

  it('leaves / and unknown GETs to the dashboard handler, API routes first', async () => {
    // Prepare
    const pages = new Hono().get('*', (c) => c.html('<h1>logsift</h1>'));
    const app = api({
      dashboard: async (c, next) => {
        if (c.req.path === '/missing') return next();
        return pages.fetch(c.req.raw);
      },
    });
    // Act
    const root = await app.request('/');
    const page = await app.request('/alerts/123');
    const health = await app.request('/healthz');
    const missing = await app.request('/missing');
    // Assess
    expect(await root.text()).toBe('<h1>logsift</h1>');
    expect(await page.text()).toBe('<h1>logsift</h1>');
    expect(await health.json()).toMatchObject({ status: 'ok' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: expect.stringContaining('/missing') });
  });

  it('lets static middleware added after createApi serve /', async () => {
    const app = api();
    app.use('/*', async (c, next) => (c.req.path === '/' ? c.html('static index') : next()));
    expect(await (await app.request('/')).text()).toBe('static index');
    expect((await app.request('/api/events')).status).toBe(200);
    expect((await app.request('/nothing')).status).toBe(404);
  });
});
