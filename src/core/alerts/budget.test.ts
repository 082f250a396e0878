import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AlertBudget } from './budget.js';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);

describe('AlertBudget', () => {
  it('answers send for the first maxAlerts offers of a window and fold after', () => {
    // Prepare
    const budget = new AlertBudget<number>({ maxAlerts: 3, windowMs: 60_000 });

    // Act
    const decisions = [1, 2, 3, 4, 5].map((n) => budget.offer(n, T0 + n));

    // Assess
    expect(decisions).toEqual(['send', 'send', 'send', 'fold', 'fold']);
    expect(budget.snapshot()).toMatchObject({
      used: 3,
      held: 2,
      windowStart: T0 + 1,
      windowEnd: T0 + 60_001,
    });
    expect(budget.dueAt).toBe(T0 + 60_001);
  });

  it('returns the held items once, when the window has ended', () => {
    const budget = new AlertBudget<string>({ maxAlerts: 1, windowMs: 1000 });
    budget.offer('a', T0);
    budget.offer('b', T0 + 10);
    budget.offer('c', T0 + 20);

    expect(budget.takeDue(T0 + 999)).toEqual([]);
    const due = budget.takeDue(T0 + 1000);

    expect(due).toEqual([{ items: ['b', 'c'], from: T0, to: T0 + 1000 }]);
    expect(budget.takeDue(T0 + 5000)).toEqual([]);
    expect(budget.dueAt).toBeUndefined();
  });

  it('opens a fresh window with a full budget after the old one ended', () => {
    const budget = new AlertBudget<string>({ maxAlerts: 1, windowMs: 1000 });
    budget.offer('a', T0);
    budget.offer('b', T0 + 1);

    // The next offer comes after the end; the old window's held item waits as a ready batch.
    const decision = budget.offer('c', T0 + 1500);

    expect(decision).toBe('send');
    expect(budget.dueAt).toBe(T0 + 1000);
    expect(budget.takeDue(T0 + 1500)).toEqual([{ items: ['b'], from: T0, to: T0 + 1000 }]);
    expect(budget.snapshot()).toMatchObject({ windowStart: T0 + 1500, used: 1, held: 0 });
  });

  it('drains early without giving the window its budget back', () => {
    const budget = new AlertBudget<string>({ maxAlerts: 1, windowMs: 1000 });
    budget.offer('a', T0);
    budget.offer('b', T0 + 1);

    const drained = budget.drain();
    const next = budget.offer('c', T0 + 2);

    expect(drained).toEqual([{ items: ['b'], from: T0, to: T0 + 1000 }]);
    expect(next).toBe('fold');
    expect(budget.drain()).toEqual([{ items: ['c'], from: T0, to: T0 + 1000 }]);
  });

  it('holds an item offered twice once (a redelivered batch)', () => {
    const budget = new AlertBudget<{ id: string }>({ maxAlerts: 1, windowMs: 1000 }, (a) => a.id);
    budget.offer({ id: 'x' }, T0);
    budget.offer({ id: 'y' }, T0);
    budget.offer({ id: 'y' }, T0 + 1);

    expect(budget.heldCount).toBe(1);
    expect(budget.drain()[0]?.items).toEqual([{ id: 'y' }]);
  });

  it('rejects options the schema would reject', () => {
    expect(() => new AlertBudget({ maxAlerts: 0, windowMs: 1000 })).toThrow(RangeError);
    expect(() => new AlertBudget({ maxAlerts: 1, windowMs: 0 })).toThrow(RangeError);
  });

  it('never sends more than maxAlerts per window, and every folded item comes back exactly once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 10, max: 1000 }),
        fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 60 }),
        (maxAlerts, windowMs, gaps) => {
          const budget = new AlertBudget<number>({ maxAlerts, windowMs });
          let now = T0;
          const sendsByWindow = new Map<number, number>();
          const folded: number[] = [];
          const returned: number[] = [];
          gaps.forEach((gap, i) => {
            now += gap;
            for (const b of budget.takeDue(now)) returned.push(...b.items);
            if (budget.offer(i, now) === 'send') {
              const start = budget.snapshot().windowStart!;
              sendsByWindow.set(start, (sendsByWindow.get(start) ?? 0) + 1);
            } else folded.push(i);
          });
          for (const b of budget.drain()) returned.push(...b.items);
          for (const n of sendsByWindow.values()) expect(n).toBeLessThanOrEqual(maxAlerts);
          expect(returned.sort((a, b) => a - b)).toEqual(folded);
        },
      ),
    );
  });
});
