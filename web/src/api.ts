/**
 * The logsift HTTP API as the dashboard uses it: typed fetch wrappers that tolerate small shape
 * differences (missing arrays, other field names for groups) and the live tail over SSE.
 */
import { ApiRequestError } from './errors.js';
import type {
  AnalyzedEvent,
  EventsPage,
  GroupView,
  PatternView,
  Severity,
  StoredAlert,
  WindowView,
} from './types.js';

type Params = Record<string, string | number | undefined | null>;

/** `/api/x?a=1`, leaving out empty parameters (the API refuses empty values). */
export function apiUrl(path: string, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const name in params) {
    const value = params[name];
    if (value === undefined || value === null || value === '') continue;
    search.set(name, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

async function getJson(path: string, params: Params, signal?: AbortSignal): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, params), { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiRequestError(path, 0, 'the server did not answer (is `logsift serve` running?)');
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const detail =
      body && typeof body === 'object' && 'error' in body
        ? String(body.error)
        : response.statusText || 'error';
    throw new ApiRequestError(path, response.status, `${response.status} ${detail}`);
  }
  if (body === undefined) throw new ApiRequestError(path, response.status, 'the answer was not JSON');
  return body;
}

function arrayField<T>(body: unknown, name: string): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === 'object') {
    const value = (body as Record<string, unknown>)[name];
    if (Array.isArray(value)) return value as T[];
  }
  return [];
}

export interface Range {
  from: number;
  to: number;
}

export interface EventsQuery extends Range {
  group?: string;
  severity?: Severity;
  q?: string;
  patternId?: string;
  correlationId?: string;
  limit?: number;
  cursor?: string;
}

export async function fetchEvents(query: EventsQuery, signal?: AbortSignal): Promise<EventsPage> {
  const body = await getJson('/api/events', { ...query }, signal);
  const nextCursor =
    body && typeof body === 'object' && 'nextCursor' in body ? (body.nextCursor as string | null) : null;
  return { events: arrayField<AnalyzedEvent>(body, 'events'), nextCursor: nextCursor || null };
}

export async function fetchMetrics(
  query: Range & { group?: string },
  signal?: AbortSignal,
): Promise<WindowView[]> {
  return arrayField<WindowView>(await getJson('/api/metrics', { ...query }, signal), 'windows');
}

export async function fetchAlerts(query: Range, signal?: AbortSignal): Promise<StoredAlert[]> {
  return arrayField<StoredAlert>(await getJson('/api/alerts', { ...query }, signal), 'alerts');
}

export async function fetchPatterns(
  query: Range & { group?: string },
  signal?: AbortSignal,
): Promise<PatternView[]> {
  return arrayField<PatternView>(await getJson('/api/patterns', { ...query }, signal), 'patterns');
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value !== '') {
    const n = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Accepts `{group|name, lastEventAt|lastSeen|lastEvent|lastTimestamp, count|events|total}` or strings. */
function groupView(item: unknown): GroupView | undefined {
  if (typeof item === 'string') return { group: item };
  if (!item || typeof item !== 'object') return undefined;
  const o = item as Record<string, unknown>;
  const group = o.group ?? o.name ?? o.logGroup;
  if (typeof group !== 'string') return undefined;
  const counts = o.counts && typeof o.counts === 'object' ? (o.counts as Record<string, unknown>) : {};
  return {
    group,
    lastEventAt: num(o.lastEventAt ?? o.lastSeen ?? o.lastEvent ?? o.lastTimestamp ?? o.last),
    count: num(o.count ?? o.events ?? o.total ?? counts.total),
  };
}

/**
 * Known log groups, or `undefined` when this server has no `/api/groups` (404/405): the caller
 * then derives the groups from the metrics.
 */
export async function fetchGroups(range: Range, signal?: AbortSignal): Promise<GroupView[] | undefined> {
  try {
    const body = await getJson('/api/groups', { ...range }, signal);
    const items = arrayField<unknown>(body, 'groups');
    return items.map(groupView).filter((g): g is GroupView => g !== undefined);
  } catch (error) {
    if (error instanceof ApiRequestError && (error.status === 404 || error.status === 405)) return undefined;
    throw error;
  }
}

export type TailStatus = 'connecting' | 'live' | 'reconnecting';

export interface TailHandlers {
  onEvent(event: AnalyzedEvent): void;
  onAlert(alert: StoredAlert): void;
  onStatus(status: TailStatus): void;
}

/**
 * Subscribes to `GET /api/tail`. EventSource reconnects by itself; the status follows it.
 *
 * @example
 * const tail = connectTail({ group: '/ecs/api' }, { onEvent, onAlert, onStatus });
 * tail.close();
 */
export function connectTail(
  filter: { group?: string; severity?: Severity },
  handlers: TailHandlers,
): { close(): void } {
  const source = new EventSource(apiUrl('/api/tail', filter));
  handlers.onStatus('connecting');
  const parse = (data: string): unknown => {
    try {
      return JSON.parse(data);
    } catch {
      return undefined;
    }
  };
  source.addEventListener('open', () => handlers.onStatus('live'));
  source.addEventListener('error', () => handlers.onStatus('reconnecting'));
  source.addEventListener('log', (e) => {
    const event = parse((e as MessageEvent<string>).data) as AnalyzedEvent | undefined;
    if (event && typeof event.message === 'string') handlers.onEvent(event);
  });
  source.addEventListener('alert', (e) => {
    const alert = parse((e as MessageEvent<string>).data) as StoredAlert | undefined;
    if (alert && typeof alert.id === 'string') handlers.onAlert(alert);
  });
  let closed = false;
  let replacement: { close(): void } | undefined;
  // A closed EventSource (an HTTP error, not a dropped stream) never retries: retry ourselves.
  const watchdog = window.setInterval(() => {
    if (!closed && source.readyState === EventSource.CLOSED) {
      window.clearInterval(watchdog);
      replacement = connectTail(filter, handlers);
    }
  }, 5000);
  return {
    close() {
      closed = true;
      window.clearInterval(watchdog);
      source.close();
      replacement?.close();
    },
  };
}
