import { describe, expect, it } from 'vitest';
import { Scheduler, untilTimeOfDay } from './Scheduler.js';

describe('Scheduler', () => {
  it('runs jobs repeatedly, logs failures and keeps going, and stops cleanly', async () => {
    // Prepare
    const runs: string[] = [];
    const errors: string[] = [];
    let failOnce = true;
    const scheduler = new Scheduler(
      [
        { name: 'tick', every: 10, runAtStart: true, run: async () => void runs.push('tick') },
        {
          name: 'flaky',
          every: 10,
          run: async () => {
            if (failOnce) {
              failOnce = false;
              throw new Error('disk busy');
            }
            runs.push('flaky');
          },
        },
      ],
      { error: (m) => errors.push(m) },
    );
    // Act
    scheduler.start();
    await new Promise((r) => setTimeout(r, 80));
    await scheduler.stop();
    const after = runs.length;
    await new Promise((r) => setTimeout(r, 30));
    // Assess
    expect(runs.filter((r) => r === 'tick').length).toBeGreaterThanOrEqual(3);
    expect(runs).toContain('flaky');
    expect(errors).toEqual(['scheduler: job flaky failed: disk busy']);
    expect(runs.length).toBe(after);
  });

  it('waits for a running job on stop', async () => {
    let finished = false;
    const scheduler = new Scheduler([
      {
        name: 'slow',
        every: 1000,
        runAtStart: true,
        run: async () => {
          await new Promise((r) => setTimeout(r, 50));
          finished = true;
        },
      },
    ]);
    scheduler.start();
    await scheduler.stop();
    expect(finished).toBe(true);
  });
});

describe('untilTimeOfDay', () => {
  it('gives the delay to the next HH:MM UTC, today or tomorrow', () => {
    const now = Date.UTC(2026, 10, 26, 7, 30);
    expect(untilTimeOfDay('08:00', now)).toBe(30 * 60_000);
    expect(untilTimeOfDay('07:30', now)).toBe(86_400_000);
    expect(untilTimeOfDay('06:00', now)).toBe(22.5 * 3_600_000);
  });
});
