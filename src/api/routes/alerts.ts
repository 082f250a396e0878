import { Hono } from 'hono';
import type { ApiContext } from '../deps.js';
import { alertsQuery, parseQuery } from '../params.js';

/** Alerts returned when the query gives no `limit`. */
const DEFAULT_LIMIT = 100;

/**
 * `GET /api/alerts?from=&to=&group=&rule=&limit=`: recorded alerts with their delivery state,
 * `{"alerts":[{id, rule, group, window, severity, summary, state, deliveries, counts, examples, ...}]}`.
 */
export function alertsRoutes(ctx: ApiContext): Hono {
  const app = new Hono();
  app.get('/api/alerts', async (c) => {
    const query = parseQuery(new URL(c.req.url).searchParams, alertsQuery);
    const alerts = await ctx.ports.alerts.queryAlerts({ ...query, limit: query.limit ?? DEFAULT_LIMIT });
    return c.json({ alerts });
  });
  return app;
}
