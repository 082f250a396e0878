import { Hono } from 'hono';
import type { EventQuery } from '../../core/ports.js';
import type { ApiContext } from '../deps.js';
import { eventsQuery, parseQuery } from '../params.js';

/**
 * `GET /api/events?group=&severity=&from=&to=&q=&limit=&cursor=&correlationId=&patternId=`:
 * stored events, newest first, `{"events":[...],"nextCursor":"..."|null}`. `severity` is exact,
 * `q` is full text, `correlationId` spans groups; `limit` 1..1000 (default 100).
 */
export function eventsRoutes(ctx: ApiContext): Hono {
  const app = new Hono();
  app.get('/api/events', async (c) => {
    const query: EventQuery = parseQuery(new URL(c.req.url).searchParams, eventsQuery);
    const page = await ctx.ports.events.queryEvents(query);
    return c.json({ events: page.events, nextCursor: page.nextCursor ?? null });
  });
  return app;
}
