/**
 * Retries with exponential backoff and jitter. An error may say it is not worth retrying
 * (`retryable: false`, e.g. HTTP 400 or SMTP 550) or how long to wait (`retryAfterMs`, from a
 * Retry-After header).
 */
import { DeliveryError } from './errors.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. Default 4 (config.notify.retry.attempts). */
  attempts: number;
  /** Delay before the first retry, ms; it doubles with each retry. Default 1000 (config.notify.retry.backoff). */
  backoffMs: number;
  /** Cap on one delay, ms. Default 60000. */
  maxBackoffMs?: number;
}

/** What a failed attempt may say about retrying. */
export interface RetryHint {
  retryable?: boolean;
  retryAfterMs?: number;
}

export interface RetryDeps {
  /** Default: a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1). Default Math.random. */
  random?: () => number;
  /** Called before each retry's wait. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

export const DEFAULT_MAX_BACKOFF_MS = 60_000;

/**
 * The wait before retry number `retry` (1 for the first retry): `backoffMs * 2^(retry-1)`, capped,
 * with "equal jitter" (between half of it and all of it) so that channels failing together do
 * not retry in lockstep, yet never retry at once.
 *
 * @example
 * backoffDelay(3, { attempts: 4, backoffMs: 1000 }, () => 0.5) // 3000: between 2000 and 4000
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const full = Math.min(policy.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS, policy.backoffMs * 2 ** (retry - 1));
  return Math.round(full / 2 + (random() * full) / 2);
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `op` until it resolves or the attempts are spent; returns the attempts used. Throws a
 * DeliveryError naming the channel, the attempts and the last error.
 *
 * @example
 * const attempts = await withRetry('slack', () => post(body), { attempts: 4, backoffMs: 1000 });
 */
export async function withRetry(
  channel: string,
  op: () => Promise<void>,
  policy: RetryPolicy,
  deps: RetryDeps = {},
): Promise<number> {
  const sleep = deps.sleep ?? realSleep;
  const attempts = Math.max(1, Math.floor(policy.attempts));
  for (let attempt = 1; ; attempt++) {
    try {
      await op();
      return attempt;
    } catch (err) {
      const hint = (typeof err === 'object' && err !== null ? err : {}) as RetryHint;
      if (attempt >= attempts || hint.retryable === false) throw new DeliveryError(channel, attempt, err);
      let delay = backoffDelay(attempt, policy, deps.random);
      if (typeof hint.retryAfterMs === 'number' && hint.retryAfterMs > delay)
        delay = Math.min(hint.retryAfterMs, policy.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS);
      deps.onRetry?.(err, attempt, delay);
      await sleep(delay);
    }
  }
}
