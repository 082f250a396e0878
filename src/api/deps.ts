/**
 * What the HTTP API needs from its host (the local server, the Lambda behind a Function URL, a
 * test). Everything is injected: the API holds no state of its own beyond the tail subscriptions.
 */
import type { MiddlewareHandler } from 'hono';
import type { Pipeline } from '../core/pipeline.js';
import type { Ports } from '../core/ports.js';
import type { Severity } from '../core/types.js';
import type { TailHub } from './TailHub.js';

/** A log pattern as `GET /api/patterns` returns it. */
export interface PatternView {
  id: string;
  /** The template, variables as `<*>`. */
  template: string;
  /** Events of the pattern (over the miner's life, or within `from`/`to` when the query gives them). */
  count: number;
  /** Smallest event time seen, epoch ms. */
  firstSeen: number;
  /** Largest event time seen, epoch ms. */
  lastSeen: number;
  /** The first line of the pattern (masked, cut to 500 characters). */
  example: string;
  group: string;
  /** Events per severity, when the source knows them. */
  severities?: Partial<Record<Severity, number>>;
  /** Ids of patterns merged into this one: their metric counters count for it too. */
  aliases?: string[];
}

/** Where the API reports what the client must not see (500 details). `console` fits. */
export interface ApiLogger {
  error(message: string, detail?: unknown): void;
}

export interface ApiDeps {
  /** The pipeline every ingest route feeds (one per process: it holds the pattern miners). */
  pipeline: Pipeline;
  /** The stores the query routes read; usually `pipeline.ports`. */
  ports: Ports;
  /** Live tail fan-out: ingest routes publish to it, `GET /api/tail` subscribes. */
  tail: TailHub;
  /**
   * The known patterns, of one group or of all groups. The default value is {@link minerPatterns}
   * of `pipeline` (the patterns mined in this process).
   */
  patterns?: (group?: string) => PatternView[] | Promise<PatternView[]>;
  /** Reported by `GET /healthz`. */
  version: string;
  /** Largest request body accepted, bytes; larger ones get a 413. The default value is 10485760 (10 MiB). */
  maxBodyBytes?: number;
  /** Interval of the SSE heartbeat comment on `GET /api/tail`, ms. The default value is 15000. */
  tailHeartbeatMs?: number;
  /**
   * Serves the dashboard: GET requests no API route matched reach it (it may call `next()` for a
   * JSON 404). When nothing serves `/`, `GET /` answers a small JSON index of the endpoints.
   */
  dashboard?: MiddlewareHandler;
  /** The default value is `console`. */
  logger?: ApiLogger;
}

/** The default {@link ApiDeps.maxBodyBytes}: 10 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** The default {@link ApiDeps.tailHeartbeatMs}: 15 s. */
export const DEFAULT_TAIL_HEARTBEAT_MS = 15_000;

/**
 * The patterns the pipeline's miners hold, for {@link ApiDeps.patterns}. Only groups that received
 * a batch in this process have a miner; a host with a persistent pattern store can do better.
 *
 * @example
 * createApi({ pipeline, ports, tail, version, patterns: minerPatterns(pipeline) });
 */
export function minerPatterns(pipeline: Pipeline): (group?: string) => PatternView[] {
  return (group) => {
    const groups = group === undefined ? pipeline.analyzer.minerGroups() : [group];
    const out: PatternView[] = [];
    for (const g of groups) {
      // hasMiner first: miner(g) would create an empty miner for an unknown group.
      if (!pipeline.analyzer.hasMiner(g)) continue;
      for (const p of pipeline.analyzer.miner(g)?.patterns() ?? []) {
        out.push({
          id: p.id,
          template: p.template,
          count: p.count,
          firstSeen: p.firstSeen,
          lastSeen: p.lastSeen,
          example: p.example,
          group: g,
          ...(p.aliases.length > 0 ? { aliases: p.aliases } : {}),
        });
      }
    }
    return out;
  };
}

/**
 * Patterns for a process that may not have mined the groups itself (a restarted server, a Lambda
 * container): restores each group's miner from the PatternStateStore first, then lists them. With
 * no group, the groups with metric windows in the last 24 hours.
 *
 * @example
 * createApi({ pipeline, ports, tail, version, patterns: storedPatterns(pipeline, ports) });
 */
export function storedPatterns(pipeline: Pipeline, ports: Ports): (group?: string) => Promise<PatternView[]> {
  const inMemory = minerPatterns(pipeline);
  return async (group) => {
    const groups =
      group !== undefined
        ? [group]
        : [
            ...new Set(
              (await ports.metrics.queryWindows({ from: Date.now() - 86_400_000 })).map((w) => w.group),
            ),
          ];
    for (const g of groups) await pipeline.loadMiner(g);
    return inMemory(group);
  };
}

/** {@link ApiDeps} with every default filled in: what the routes receive. */
export interface ApiContext {
  pipeline: Pipeline;
  ports: Ports;
  tail: TailHub;
  patterns: (group?: string) => PatternView[] | Promise<PatternView[]>;
  version: string;
  maxBodyBytes: number;
  tailHeartbeatMs: number;
  logger: ApiLogger;
}

export function resolveDeps(deps: ApiDeps): ApiContext {
  return {
    pipeline: deps.pipeline,
    ports: deps.ports,
    tail: deps.tail,
    patterns: deps.patterns ?? minerPatterns(deps.pipeline),
    version: deps.version,
    maxBodyBytes: deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    tailHeartbeatMs: deps.tailHeartbeatMs ?? DEFAULT_TAIL_HEARTBEAT_MS,
    logger: deps.logger ?? console,
  };
}
