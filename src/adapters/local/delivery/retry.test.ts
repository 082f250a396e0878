import { describe, expect, it } from 'vitest';
import { DeliveryError } from './errors.js';
import { backoffDelay, withRetry } from './retry.js';

const policy = { attempts: 4, backoffMs: 1000 };

function failing(times: number, error: () => unknown = () => new Error('boom')) {
  let calls = 0;
  const op = async () => {
    calls++;
    if (calls <= times) throw error();
  };
  return { op, calls: () => calls };
}

describe('backoffDelay', () => {
  it('doubles per retry, with equal jitter between half and all of it', () => {
    expect([1, 2, 3].map((r) => backoffDelay(r, policy, () => 0))).toEqual([500, 1000, 2000]);
    expect([1, 2, 3].map((r) => backoffDelay(r, policy, () => 0.999999))).toEqual([1000, 2000, 4000]);
  });

  it('is capped by maxBackoffMs', () => {
    expect(backoffDelay(20, { ...policy, maxBackoffMs: 5000 }, () => 1)).toBe(5000);
  });
});

describe('withRetry', () => {
  it('retries until the operation succeeds and returns the attempts used', async () => {
    // Prepare
    const { op, calls } = failing(2);
    const waits: number[] = [];

    // Act
    const attempts = await withRetry('slack', op, policy, {
      sleep: async (ms) => void waits.push(ms),
      random: () => 0.5,
    });

    // Assess
    expect(attempts).toBe(3);
    expect(calls()).toBe(3);
    expect(waits).toEqual([750, 1500]);
  });

  it('gives up after the configured attempts with the last error', async () => {
    const { op, calls } = failing(10, () => new Error('HTTP 500'));

    const err = await withRetry('slack', op, policy, { sleep: async () => {} }).catch((e) => e);

    expect(err).toBeInstanceOf(DeliveryError);
    expect(err.message).toBe('slack: not delivered after 4 attempts: HTTP 500');
    expect(err.attempts).toBe(4);
    expect(calls()).toBe(4);
  });

  it('does not retry an error that says retrying cannot help', async () => {
    const { op, calls } = failing(10, () => Object.assign(new Error('HTTP 400'), { retryable: false }));

    await expect(withRetry('teams', op, policy, { sleep: async () => {} })).rejects.toThrow(
      'after 1 attempt:',
    );
    expect(calls()).toBe(1);
  });

  it('waits as long as Retry-After asks, within the cap', async () => {
    const { op } = failing(2, () => Object.assign(new Error('HTTP 429'), { retryAfterMs: 120_000 }));
    const waits: number[] = [];

    await withRetry(
      'slack',
      op,
      { ...policy, maxBackoffMs: 30_000 },
      { sleep: async (ms) => void waits.push(ms) },
    );

    expect(waits).toEqual([30_000, 30_000]);
  });

  it('reports each retry', async () => {
    const { op } = failing(1);
    const seen: [string, number][] = [];

    await withRetry('email', op, policy, {
      sleep: async () => {},
      onRetry: (err, attempt) => seen.push([(err as Error).message, attempt]),
    });

    expect(seen).toEqual([['boom', 1]]);
  });
});
