import { Hono } from 'hono';
import type { ApiContext, PatternView } from '../deps.js';
import { parseQuery, patternsQuery } from '../params.js';
import { queryWindows } from './metrics.js';

/**
 * `GET /api/patterns?group=&from=&to=`: log patterns, most frequent first,
 * `{"patterns":[{id, template, count, firstSeen, lastSeen, example, group}]}`. With `from` or `to`,
 * `count` is the events of the pattern in the windows overlapping the range (from the metric
 * windows' `pat.<id>` counters) and patterns without events there are left out.
 */
export function patternsRoutes(ctx: ApiContext): Hono {
  const app = new Hono();
  app.get('/api/patterns', async (c) => {
    const query = parseQuery(new URL(c.req.url).searchParams, patternsQuery);
    let patterns = [...(await ctx.patterns(query.group))];
    if (query.from !== undefined || query.to !== undefined) {
      const counts = new Map<string, number>();
      for (const w of await queryWindows(ctx, query)) {
        for (const name in w.counters) {
          if (!name.startsWith('pat.')) continue;
          const key = `${w.group}\0${name.slice(4)}`;
          counts.set(key, (counts.get(key) ?? 0) + (w.counters[name] ?? 0));
        }
      }
      patterns = patterns
        .map((p): PatternView => ({ ...p, count: countInRange(p, counts) }))
        .filter((p) => p.count > 0);
    }
    patterns.sort((a, b) => b.count - a.count || a.group.localeCompare(b.group) || a.id.localeCompare(b.id));
    return c.json({ patterns });
  });
  return app;
}

/** A pattern's events in range: its own counter plus those of the patterns merged into it. */
function countInRange(p: PatternView, counts: Map<string, number>): number {
  let n = counts.get(`${p.group}\0${p.id}`) ?? 0;
  for (const alias of p.aliases ?? []) n += counts.get(`${p.group}\0${alias}`) ?? 0;
  return n;
}
