import { describe, expect, it } from 'vitest';
import { WebhookRequestError, WebhookResponseError } from './errors.js';
import { endpointOf, postJson, retryAfterMs } from './postJson.js';

const URL_WITH_SECRET = 'https://hooks.example.com/services/T000/B000/s3cr3t';

/** A fetch that records its calls and answers with `respond`. */
function fakeFetch(respond: (init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const f = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return respond(init ?? {});
  }) as typeof fetch;
  return { fetch: f, calls };
}

describe('postJson', () => {
  it('POSTs JSON with a timeout signal and the extra headers', async () => {
    const { fetch, calls } = fakeFetch(() => new Response('ok'));

    await postJson(URL_WITH_SECRET, { a: 1 }, { fetch, headers: { authorization: 'Bearer t' } });

    expect(calls).toHaveLength(1);
    const { init } = calls[0]!;
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"a":1}');
    expect(init.headers).toMatchObject({ 'content-type': 'application/json', authorization: 'Bearer t' });
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });

  it('fails on a non-2xx answer with the status and a body excerpt, never the secret path', async () => {
    const { fetch } = fakeFetch(() => new Response(`internal\n error ${'x'.repeat(500)}`, { status: 500 }));

    const err = await postJson(URL_WITH_SECRET, {}, { fetch }).catch((e) => e);

    expect(err).toBeInstanceOf(WebhookResponseError);
    expect(err.status).toBe(500);
    expect(err.retryable).toBe(true);
    expect(err.bodyExcerpt).toHaveLength(201);
    expect(err.message).toMatch(/^HTTP 500 from https:\/\/hooks\.example\.com\/…: "internal error x+…"$/);
    expect(err.message).not.toContain('s3cr3t');
  });

  it('marks 4xx as not worth retrying, except 408 and 429', async () => {
    const answer = (status: number) =>
      postJson(URL_WITH_SECRET, {}, { fetch: fakeFetch(() => new Response('no', { status })).fetch }).catch(
        (e: WebhookResponseError) => e.retryable,
      );

    expect(await answer(400)).toBe(false);
    expect(await answer(404)).toBe(false);
    expect(await answer(408)).toBe(true);
    expect(await answer(429)).toBe(true);
    expect(await answer(503)).toBe(true);
  });

  it('reads Retry-After', async () => {
    const { fetch } = fakeFetch(
      () => new Response('slow down', { status: 429, headers: { 'retry-after': '7' } }),
    );

    const err = await postJson(URL_WITH_SECRET, {}, { fetch }).catch((e) => e);

    expect(err.retryAfterMs).toBe(7000);
    expect(retryAfterMs('Thu, 26 Nov 2026 12:00:10 GMT', Date.UTC(2026, 10, 26, 12, 0, 0))).toBe(10_000);
    expect(retryAfterMs('soon')).toBeUndefined();
  });

  it('fails with the socket error when there is no response', async () => {
    const { fetch } = fakeFetch(() => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') });
    });

    const err = await postJson(URL_WITH_SECRET, {}, { fetch }).catch((e) => e);

    expect(err).toBeInstanceOf(WebhookRequestError);
    expect(err.message).toBe(
      'request to https://hooks.example.com/… failed: connect ECONNREFUSED 127.0.0.1:9',
    );
  });

  it('times out', async () => {
    const { fetch } = fakeFetch(
      (init) =>
        new Promise<Response>((_, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    );

    const err = await postJson(URL_WITH_SECRET, {}, { fetch, timeoutMs: 20 }).catch((e) => e);

    expect(err).toBeInstanceOf(WebhookRequestError);
    expect(err.message).toContain('no response within 20ms');
  });

  it('endpointOf keeps the origin only', () => {
    expect(endpointOf('http://user:pw@127.0.0.1:8080/a/b?c=d')).toBe('http://127.0.0.1:8080/…');
  });
});
