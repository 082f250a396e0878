import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ApiContext } from '../deps.js';
import { parseQuery, tailQuery } from '../params.js';
import type { TailMessage } from '../TailHub.js';

/**
 * `GET /api/tail?group=&severity=`: server-sent events as batches are ingested.
 * - `event: log`, data = the analyzed event (JSON);
 * - `event: alert`, data = a newly recorded alert (JSON);
 * - `event: dropped`, data = `{"dropped":N}` when this client fell behind and N messages were skipped;
 * - a `: heartbeat` comment every `tailHeartbeatMs`, so proxies keep the connection open.
 * `group` is exact or a glob (`/aws/lambda/*`); `severity` is a minimum (ERROR means ERROR and CRITICAL).
 */
export function tailRoutes(ctx: ApiContext): Hono {
  const app = new Hono();
  app.get('/api/tail', (c) => {
    const query = parseQuery(new URL(c.req.url).searchParams, tailQuery);
    const signal = c.req.raw.signal;
    return streamSSE(c, async (stream) => {
      let close = () => {};
      const closed = new Promise<void>((resolve) => {
        close = resolve;
      });
      // Subscribe before the first await: the client may publish as soon as it has the headers.
      const unsubscribe = ctx.tail.subscribe(
        {
          ...(query.group !== undefined ? { group: query.group } : {}),
          ...(query.severity !== undefined ? { severity: query.severity } : {}),
        },
        (messages, dropped) => stream.write(frames(messages, dropped)).then(() => {}),
        () => close(),
      );
      const heartbeat = setInterval(() => void stream.write(': heartbeat\n\n'), ctx.tailHeartbeatMs);
      const stop = () => {
        clearInterval(heartbeat);
        unsubscribe();
        close();
      };
      stream.onAbort(stop);
      signal.addEventListener('abort', stop, { once: true });
      if (signal.aborted) stop();
      await stream.write(': connected\n\n');
      await closed;
      stop();
    });
  });
  return app;
}

/** One write per delivery. No `id:` lines: ids are client strings that could break the framing. */
function frames(messages: readonly TailMessage[], dropped: number): string {
  let out = dropped > 0 ? `event: dropped\ndata: {"dropped":${dropped}}\n\n` : '';
  for (const m of messages) {
    out +=
      m.type === 'log'
        ? `event: log\ndata: ${JSON.stringify(m.event)}\n\n`
        : `event: alert\ndata: ${JSON.stringify(m.alert)}\n\n`;
  }
  return out;
}
