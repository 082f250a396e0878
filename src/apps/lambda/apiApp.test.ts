import { describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../core/config.js';
import { memoryPorts } from '../../core/memory/index.js';
import { Pipeline } from '../../core/pipeline.js';
import { createLambdaApi } from './apiApp.js';
import type { LambdaRuntime } from './ports.js';

const TOKEN = 'a-long-enough-api-token';

function app(apiToken?: string) {
  const ports = memoryPorts();
  const config = defaultConfig();
  const runtime: LambdaRuntime = {
    env: { region: 'us-east-1', forcePathStyle: false, ...(apiToken ? { apiToken } : {}) },
    config,
    ports,
    pipeline: new Pipeline(config, ports),
    logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
  };
  return createLambdaApi(runtime, { version: '0.0.0-test' });
}

describe('Lambda API app', () => {
  it('serves the API without a token when LOGSIFT_API_TOKEN is unset', async () => {
    const res = await app().request('/api/events');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ events: [] });
  });

  it('requires the bearer token when LOGSIFT_API_TOKEN is set', async () => {
    const api = app(TOKEN);
    expect((await api.request('/api/events')).status).toBe(401);
    expect(
      (await api.request('/api/events', { headers: { authorization: 'Bearer wrong-token-value' } })).status,
    ).toBe(401);
    const ok = await api.request('/api/events', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
  });

  it('takes the token in X-Logsift-Token beside an IAM-signed Authorization header', async () => {
    const api = app(TOKEN);
    const signed =
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=abc';
    const ok = await api.request('/api/events', {
      headers: { authorization: signed, 'x-logsift-token': TOKEN },
    });
    expect(ok.status).toBe(200);
    const wrong = await api.request('/api/events', {
      headers: { authorization: signed, 'x-logsift-token': 'not-the-token-at-all' },
    });
    expect(wrong.status).toBe(401);
    expect((await api.request('/api/events', { headers: { authorization: signed } })).status).toBe(401);
  });

  it('leaves /healthz open for health checks', async () => {
    const res = await app(TOKEN).request('/healthz');
    expect(res.status).toBe(200);
  });

  it('answers 501 for the live tail, which a buffered Lambda response cannot stream', async () => {
    const res = await app().request('/api/tail');
    expect(res.status).toBe(501);
  });
});
