/**
 * One JSON POST with a timeout, shared by the Slack, Teams and generic webhook notifiers.
 */
import type { OutgoingMessage } from '../../../core/alerts/format.js';
import type { StoredAlert } from '../../../core/alerts/types.js';
import type { Notifier } from '../../../core/ports.js';
import type { Channel } from '../delivery/channel.js';
import { WebhookRequestError, WebhookResponseError } from './errors.js';

export interface PostJsonOptions {
  /** Default the global fetch. */
  fetch?: typeof fetch;
  /** Whole request, response body included, ms. Default 10000. */
  timeoutMs?: number;
  /** Extra headers; they win over the defaults (content-type, user-agent). */
  headers?: Record<string, string>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
const EXCERPT_CHARS = 200;

/** `https://hooks.slack.com/services/T/B/secret` -> `https://hooks.slack.com/…`. */
export function endpointOf(url: string): string {
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return 'an invalid URL';
  }
}

/**
 * POSTs `body` as JSON. Resolves on 2xx; throws WebhookResponseError (status, body excerpt) or
 * WebhookRequestError (no response, timeout).
 *
 * @example
 * await postJson('https://hooks.slack.com/services/...', { text: 'hello' }, { timeoutMs: 5000 });
 */
export async function postJson(url: string, body: unknown, options: PostJsonOptions = {}): Promise<void> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const endpoint = endpointOf(url);
  let response: Response;
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'logsift', ...options.headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new WebhookRequestError(endpoint, reasonOf(err, timeoutMs), { cause: err });
  }
  // Read the body either way so the connection can be reused; its start explains a failure.
  let text = '';
  try {
    text = await response.text();
  } catch (err) {
    if (response.ok) throw new WebhookRequestError(endpoint, reasonOf(err, timeoutMs), { cause: err });
  }
  if (response.ok) return;
  const excerpt = text.replace(/\s+/g, ' ').trim();
  throw new WebhookResponseError(
    endpoint,
    response.status,
    response.statusText,
    excerpt.length > EXCERPT_CHARS ? `${excerpt.slice(0, EXCERPT_CHARS)}…` : excerpt,
    retryAfterMs(response.headers.get('retry-after')),
  );
}

function reasonOf(err: unknown, timeoutMs: number): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return `no response within ${timeoutMs}ms`;
    // undici wraps the socket error: "fetch failed" with the useful part in `cause`.
    const cause = (err as { cause?: unknown }).cause;
    if (cause instanceof Error && cause.message) return cause.message;
    return err.message;
  }
  return String(err);
}

/** Retry-After as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * A channel that POSTs one JSON payload per message (Slack, Teams, generic webhooks): subclasses
 * say only how a message becomes their payload.
 */
export abstract class JsonPostChannel implements Notifier, Channel {
  abstract readonly name: string;

  constructor(
    private readonly url: string,
    private readonly http: PostJsonOptions,
  ) {}

  protected abstract payload(message: OutgoingMessage): unknown;

  send(message: OutgoingMessage): Promise<void> {
    return postJson(this.url, this.payload(message), this.http);
  }

  notify(alert: StoredAlert): Promise<void> {
    return this.send({ kind: 'alert', alert });
  }

  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}
