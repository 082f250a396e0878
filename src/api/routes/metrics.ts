import { Hono } from 'hono';
import { mergeWindows, type WindowDelta, windowStart, windowView } from '../../core/metrics/window.js';
import type { MetricQuery } from '../../core/ports.js';
import type { ApiContext } from '../deps.js';
import { metricsQuery, parseQuery } from '../params.js';

/**
 * `GET /api/metrics?group=&from=&to=`: metric windows overlapping [from, to), oldest first,
 * `{"windows":[{group, start, end, counts:{total, CRITICAL..DEBUG}, http, latency?, lambda?, patterns}]}`.
 */
export function metricsRoutes(ctx: ApiContext): Hono {
  const app = new Hono();
  app.get('/api/metrics', async (c) => {
    const query = parseQuery(new URL(c.req.url).searchParams, metricsQuery);
    const windows = await queryWindows(ctx, query);
    return c.json({ windows: windows.map(windowView) });
  });
  return app;
}

/**
 * Windows overlapping [from, to): the store selects by window start, so `from` is moved back to
 * the start of the window that holds it.
 */
export async function queryWindows(
  ctx: ApiContext,
  query: { group?: string; from?: number; to?: number },
): Promise<WindowDelta[]> {
  const select: MetricQuery = {};
  if (query.group !== undefined) select.group = query.group;
  if (query.from !== undefined) select.from = windowStart(query.from, ctx.pipeline.analyzer.windowMs);
  if (query.to !== undefined) select.to = query.to;
  // Stores return one row per window; merging again is cheap and makes no assumption about it.
  return mergeWindows(await ctx.ports.metrics.queryWindows(select));
}
