import { describe, expect, it } from 'vitest';
import type { AnalyzedEvent } from '../../../core/types.js';
import { eventSk, fromEventItem, hourOf, MAX_ITEM_BYTES, toEventItem, ttlSeconds } from './eventItem.js';

const T0 = Date.UTC(2026, 10, 26, 12, 30, 0);

function event(overrides: Partial<AnalyzedEvent> = {}): AnalyzedEvent {
  return {
    id: 'e1',
    group: '/aws/lambda/test-app',
    stream: 's',
    timestamp: T0,
    severity: 'ERROR',
    message: 'Payment FAILED',
    fields: { status: 500 },
    batchId: 'b1',
    ...overrides,
  };
}

/** What DynamoDB would count: UTF-8 bytes of names and values, numbers as their text. */
function itemBytes(item: object): number {
  let n = 0;
  for (const [k, v] of Object.entries(item)) n += Buffer.byteLength(k) + Buffer.byteLength(String(v));
  return n;
}

describe('event items', () => {
  it('keys a group and hour, and sorts newer events first with ids ascending', () => {
    const item = toEventItem(event());
    expect(item.pk).toBe(`/aws/lambda/test-app#${hourOf(T0)}`);
    expect(item.sevPk).toBe(`/aws/lambda/test-app#ERROR#${hourOf(T0)}`);
    const newer = eventSk(T0 + 1, 'z');
    expect([eventSk(T0, 'b'), newer, eventSk(T0, 'a')].sort()).toEqual([
      newer,
      eventSk(T0, 'a'),
      eventSk(T0, 'b'),
    ]);
  });

  it('holds expiresAt for TTL in epoch seconds, rounded up so TTL never deletes early', () => {
    const item = toEventItem(event({ expiresAt: T0 + 86_400_500 }));
    expect(item.ttl).toBe(Math.ceil((T0 + 86_400_500) / 1000));
    expect(item.ttl! * 1000).toBeGreaterThanOrEqual(item.exp!);
    expect(ttlSeconds(2000)).toBe(2);
    expect(toEventItem(event()).ttl).toBeUndefined();
  });

  it('lower-cases the message for q and reads every field back', () => {
    const e = event({ patternId: 'p1', template: 'Payment <*>', correlationId: 'req-1', truncated: false });
    const item = toEventItem(e);
    expect(item.lm).toBe('payment failed');
    expect(fromEventItem(item as unknown as Record<string, unknown>)).toEqual(e);
  });

  it('keeps an item under 400 KB: fields that do not fit are dropped, then the message is cut', () => {
    // Prepare
    const huge = event({
      message: 'é'.repeat(150_000),
      fields: { small: 1, big: 'x'.repeat(450_000), after: true },
    });
    // Act
    const item = toEventItem(huge);
    // Assess
    expect(itemBytes(item)).toBeLessThan(MAX_ITEM_BYTES);
    expect(item.tr).toBe(true);
    expect(JSON.parse(item.f)).toEqual({ small: 1, after: true });
    expect(huge.message.startsWith(item.msg)).toBe(true);
    expect(item.msg.length).toBeGreaterThan(10_000);
  });

  it('leaves an event that fits untouched', () => {
    const e = event({ message: 'a'.repeat(60_000), fields: { k: 'v'.repeat(60_000) } });
    const item = toEventItem(e);
    expect(item.tr).toBeUndefined();
    expect(item.msg).toBe(e.message);
  });
});
