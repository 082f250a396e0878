import { describe, expect, it } from 'vitest';
import { alertStorm, storedAlert } from '../../../../test/fixtures/alerts.js';
import type { OutgoingMessage } from '../../../core/alerts/format.js';
import type { Channel } from './channel.js';
import { ChannelDownError, DeliveryError, NotifierClosedError } from './errors.js';
import { type DigestOutcome, ReliableNotifier, type ReliableNotifierOptions } from './ReliableNotifier.js';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);

/** A channel that records messages and fails as scripted (one entry per call; undefined = success). */
class ScriptedChannel implements Channel {
  readonly messages: OutgoingMessage[] = [];
  closed = false;
  constructor(
    readonly name = 'test',
    private readonly script: (Error | undefined)[] = [],
  ) {}
  async send(message: OutgoingMessage): Promise<void> {
    const failure = this.script.shift();
    if (failure) throw failure;
    this.messages.push(message);
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

/** Clock, sleep and timer under the test's control. */
function harness(options: ReliableNotifierOptions = {}, channel = new ScriptedChannel()) {
  const clock = { now: T0 };
  const sleeps: number[] = [];
  const timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const notifier = new ReliableNotifier(channel, {
    retry: { attempts: 3, backoffMs: 100 },
    budget: { maxAlerts: 10, windowMs: 60_000 },
    now: () => clock.now,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.now += ms;
    },
    random: () => 0,
    schedule: (fn, ms) => {
      const t = { fn, ms, cancelled: false };
      timers.push(t);
      return () => {
        t.cancelled = true;
      };
    },
    ...options,
  });
  const liveTimers = () => timers.filter((t) => !t.cancelled);
  return { notifier, channel, clock, sleeps, timers, liveTimers };
}

describe('ReliableNotifier: retries', () => {
  it('retries a failing send with exponential backoff and counts the retries', async () => {
    // Prepare
    const channel = new ScriptedChannel('slack', [new Error('HTTP 500'), new Error('HTTP 500')]);
    const { notifier, sleeps } = harness({}, channel);

    // Act
    await notifier.notify(storedAlert());

    // Assess
    expect(channel.messages).toHaveLength(1);
    expect(sleeps).toEqual([50, 100]);
    expect(notifier.stats()).toMatchObject({ channel: 'slack', sent: 1, failed: 0, retries: 2 });
    expect(notifier.stats().lastError?.message).toBe('HTTP 500');
  });

  it('throws a DeliveryError after the last attempt and records it', async () => {
    const channel = new ScriptedChannel('slack', [
      new Error('a'),
      new Error('b'),
      new Error('HTTP 503 from x'),
    ]);
    const { notifier } = harness({}, channel);

    const err = await notifier.notify(storedAlert()).catch((e) => e);

    expect(err).toBeInstanceOf(DeliveryError);
    expect(err.message).toBe('slack: not delivered after 3 attempts: HTTP 503 from x');
    expect(notifier.stats()).toMatchObject({ sent: 0, failed: 1, retries: 2 });
    expect(notifier.stats().lastError).toEqual({ message: err.message, at: T0 + 50 + 100 });
  });
});

describe('ReliableNotifier: a channel that is down', () => {
  it('fails further alerts at once during the cooldown, then tries again', async () => {
    // Prepare: three failures spend the first alert's attempts.
    const down = () => new Error('HTTP 503');
    const channel = new ScriptedChannel('slack', [down(), down(), down()]);
    const { notifier, clock } = harness({ downCooldownMs: 30_000 }, channel);
    await notifier.notify(storedAlert({ id: 'a' })).catch(() => {});
    const failedAt = clock.now;

    // Act
    const skipped = await notifier.notify(storedAlert({ id: 'b' })).catch((e) => e);
    const stats = notifier.stats();
    clock.now = failedAt + 30_000;
    await notifier.notify(storedAlert({ id: 'c' }));

    // Assess
    expect(skipped).toBeInstanceOf(ChannelDownError);
    expect(skipped.message).toMatch(
      /^slack: not tried: channel down until .* after: slack: not delivered after 3 attempts: HTTP 503$/,
    );
    expect(stats).toMatchObject({ failed: 1, skipped: 1, downUntil: failedAt + 30_000 });
    expect(channel.messages.map((m) => (m.kind === 'alert' ? m.alert.id : m.kind))).toEqual(['c']);
    expect(notifier.stats()).not.toHaveProperty('downUntil');
  });

  it('keeps trying every alert when the cooldown is 0', async () => {
    const channel = new ScriptedChannel('slack', [new Error('x'), new Error('x'), new Error('x')]);
    const { notifier } = harness({ downCooldownMs: 0 }, channel);
    await notifier.notify(storedAlert({ id: 'a' })).catch(() => {});

    await notifier.notify(storedAlert({ id: 'b' }));

    expect(notifier.stats()).toMatchObject({ sent: 1, failed: 1, skipped: 0 });
  });
});

describe('ReliableNotifier: storm control', () => {
  it('sends maxAlerts alerts, folds the rest and sends them as one digest when the window ends', async () => {
    // Prepare
    const { notifier, channel, liveTimers, clock } = harness();
    const storm = alertStorm(25);

    // Act
    for (const alert of storm) await notifier.notify(alert);
    const beforeTimer = channel.messages.length;
    clock.now = T0 + 60_000;
    for (const t of liveTimers()) t.fn();
    await notifier.flush();

    // Assess
    expect(beforeTimer).toBe(10);
    expect(liveTimers()).toHaveLength(1);
    expect(liveTimers()[0]!.ms).toBe(60_000);
    const digests = channel.messages.filter((m) => m.kind === 'digest');
    expect(digests).toHaveLength(1);
    const digest = digests[0] as Extract<OutgoingMessage, { kind: 'digest' }>;
    expect(digest.alerts.map((a) => a.id)).toEqual(storm.slice(10).map((a) => a.id));
    expect(digest.digest).toEqual({
      channel: 'test',
      maxAlerts: 10,
      windowMs: 60_000,
      from: T0,
      to: T0 + 60_000,
    });
    expect(notifier.stats()).toMatchObject({ sent: 10, folded: 15, digestsSent: 1, pending: 0 });
  });

  it('flush() sends the pending digest at once and close() closes the channel', async () => {
    const { notifier, channel } = harness({ budget: { maxAlerts: 1, windowMs: 60_000 } });
    await notifier.notify(storedAlert({ id: 'a' }));
    await notifier.notify(storedAlert({ id: 'b' }));

    await notifier.flush();
    await notifier.close();

    expect(channel.messages.map((m) => m.kind)).toEqual(['alert', 'digest']);
    expect(channel.closed).toBe(true);
    await expect(notifier.notify(storedAlert())).rejects.toBeInstanceOf(NotifierClosedError);
  });

  it('close() sends a pending digest', async () => {
    const { notifier, channel } = harness({ budget: { maxAlerts: 1, windowMs: 60_000 } });
    await notifier.notify(storedAlert({ id: 'a' }));
    await notifier.notify(storedAlert({ id: 'b' }));

    await notifier.close();

    expect(channel.messages.map((m) => m.kind)).toEqual(['alert', 'digest']);
  });

  it('sends an ended window digest before the next alert when its timer has not fired yet', async () => {
    const { notifier, channel, clock } = harness({ budget: { maxAlerts: 1, windowMs: 60_000 } });
    await notifier.notify(storedAlert({ id: 'a' }));
    await notifier.notify(storedAlert({ id: 'b' }));

    clock.now = T0 + 61_000;
    await notifier.notify(storedAlert({ id: 'c' }));
    await notifier.flush();

    expect(channel.messages.map((m) => (m.kind === 'alert' ? m.alert.id : m.kind))).toEqual([
      'a',
      'digest',
      'c',
    ]);
  });

  it('counts an alert offered twice while held once', async () => {
    const { notifier, channel } = harness({ budget: { maxAlerts: 1, windowMs: 60_000 } });
    await notifier.notify(storedAlert({ id: 'a' }));
    await notifier.notify(storedAlert({ id: 'b' }));
    await notifier.notify(storedAlert({ id: 'b' }));

    await notifier.flush();

    expect(notifier.stats().folded).toBe(1);
    const digest = channel.messages[1] as Extract<OutgoingMessage, { kind: 'digest' }>;
    expect(digest.alerts).toHaveLength(1);
  });

  it('tells onDigest about a digest that failed after its retries', async () => {
    // Prepare
    const outcomes: DigestOutcome[] = [];
    const channel = new ScriptedChannel('email', [
      undefined,
      new Error('SMTP 421'),
      new Error('SMTP 421'),
      new Error('SMTP 421'),
    ]);
    const { notifier } = harness(
      { budget: { maxAlerts: 1, windowMs: 60_000 }, onDigest: (o) => void outcomes.push(o) },
      channel,
    );
    await notifier.notify(storedAlert({ id: 'a' }));
    await notifier.notify(storedAlert({ id: 'b' }));

    // Act
    await notifier.flush();

    // Assess
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ channel: 'email', ok: false, attempts: 3 });
    expect(outcomes[0]!.alerts.map((a) => a.id)).toEqual(['b']);
    expect(outcomes[0]!.error).toContain('SMTP 421');
    expect(notifier.stats()).toMatchObject({ digestsSent: 0, digestsFailed: 1, folded: 1 });
  });

  it('does not count the daily report against the budget', async () => {
    const { notifier, channel } = harness({ budget: { maxAlerts: 1, windowMs: 60_000 } });
    await notifier.notify(storedAlert({ id: 'a' }));

    await notifier.sendReport({ day: '2026-11-25', groups: [], alerts: [] });
    await notifier.notify(storedAlert({ id: 'b' }));

    expect(channel.messages.map((m) => m.kind)).toEqual(['alert', 'report']);
    expect(notifier.stats()).toMatchObject({ reportsSent: 1, folded: 1 });
  });

  it('keeps a single timer per pending digest', async () => {
    const { notifier, liveTimers } = harness({ budget: { maxAlerts: 1, windowMs: 60_000 } });

    for (const alert of alertStorm(5)) await notifier.notify(alert);

    expect(liveTimers()).toHaveLength(1);
  });
});

describe('ReliableNotifier: default timer', () => {
  it('sends the digest from a real, unref-ed timer when the window ends', async () => {
    const channel = new ScriptedChannel();
    const notifier = new ReliableNotifier(channel, { budget: { maxAlerts: 1, windowMs: 30 } });
    await notifier.notify(storedAlert({ id: 'a' }));
    await notifier.notify(storedAlert({ id: 'b' }));

    await new Promise((r) => setTimeout(r, 80));

    expect(channel.messages.map((m) => m.kind)).toEqual(['alert', 'digest']);
    await notifier.close();
  });
});
