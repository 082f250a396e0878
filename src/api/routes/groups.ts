import { Hono } from 'hono';
import { type SeverityCounts, severityCounts } from '../../core/metrics/window.js';
import { SEVERITIES } from '../../core/types.js';
import type { ApiContext } from '../deps.js';
import { groupsQuery, parseQuery } from '../params.js';
import { queryWindows } from './metrics.js';

export interface GroupView {
  group: string;
  /** Events per severity over the windows in range. */
  counts: SeverityCounts;
  /** Start of the group's first window in range, epoch ms. */
  firstWindow: number;
  /** End of the group's last window in range, epoch ms. */
  lastWindow: number;
  /** Time of the group's newest stored event, epoch ms; absent when the store has none. */
  lastEventAt?: number;
}

/**
 * `GET /api/groups?from=&to=`: the log groups that have metric windows in range, by name,
 * `{"groups":[{group, counts, firstWindow, lastWindow, lastEventAt}]}`, for the dashboard's picker.
 */
export function groupsRoutes(ctx: ApiContext): Hono {
  const app = new Hono();
  app.get('/api/groups', async (c) => {
    const query = parseQuery(new URL(c.req.url).searchParams, groupsQuery);
    const byGroup = new Map<string, GroupView>();
    for (const w of await queryWindows(ctx, query)) {
      const counts = severityCounts(w);
      const view = byGroup.get(w.group);
      if (!view) {
        byGroup.set(w.group, { group: w.group, counts, firstWindow: w.start, lastWindow: w.end });
        continue;
      }
      view.counts.total += counts.total;
      for (const s of SEVERITIES) view.counts[s] += counts[s];
      view.firstWindow = Math.min(view.firstWindow, w.start);
      view.lastWindow = Math.max(view.lastWindow, w.end);
    }
    const groups = [...byGroup.values()].sort((a, b) => a.group.localeCompare(b.group));
    await Promise.all(
      groups.map(async (g) => {
        const { events } = await ctx.ports.events.queryEvents({ group: g.group, limit: 1 });
        const newest = events[0];
        if (newest) g.lastEventAt = newest.timestamp;
      }),
    );
    return c.json({ groups });
  });
  return app;
}
