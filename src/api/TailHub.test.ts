import { describe, expect, it } from 'vitest';
import type { StoredAlert } from '../core/alerts/types.js';
import type { AnalyzedEvent, Severity } from '../core/types.js';
import { TailHub, type TailMessage } from './TailHub.js';

const event = (id: string, severity: Severity = 'INFO', group = 'g'): AnalyzedEvent => ({
  id,
  group,
  stream: 's',
  timestamp: 1,
  severity,
  message: id,
  fields: {},
  batchId: 'b',
});

const ids = (messages: TailMessage[]) => messages.map((m) => (m.type === 'log' ? m.event.id : m.alert.id));

describe('TailHub', () => {
  it('delivers only what passes the group and minimum-severity filter', () => {
    // Prepare
    const hub = new TailHub();
    const got: string[] = [];
    hub.subscribe({ group: 'api', severity: 'ERROR' }, (messages) => {
      got.push(...ids(messages));
    });
    // Act
    hub.publish([
      event('a', 'ERROR', 'api'),
      event('b', 'INFO', 'api'),
      event('c', 'CRITICAL', 'api'),
      event('d', 'CRITICAL', 'web'),
    ]);
    // Assess
    expect(got).toEqual(['a', 'c']);
  });

  it('matches group globs', () => {
    const hub = new TailHub();
    const got: string[] = [];
    hub.subscribe({ group: '/aws/lambda/*' }, (messages) => {
      got.push(...ids(messages));
    });
    hub.publish([event('a', 'INFO', '/aws/lambda/x'), event('b', 'INFO', '/ecs/y')]);
    expect(got).toEqual(['a']);
  });

  it('sends alerts at or above the minimum severity', () => {
    const hub = new TailHub();
    const got: TailMessage[] = [];
    hub.subscribe({ severity: 'CRITICAL' }, (messages) => {
      got.push(...messages);
    });
    hub.publishAlert({ id: 'x', severity: 'ERROR', group: 'g' } as StoredAlert);
    hub.publishAlert({ id: 'y', severity: 'CRITICAL', group: 'g' } as StoredAlert);
    expect(got.map((m) => m.type)).toEqual(['alert']);
    expect(ids(got)).toEqual(['y']);
  });

  it('buffers up to the limit while a slow subscriber writes, then drops and reports the count', async () => {
    // Prepare: the first delivery blocks until released
    const hub = new TailHub({ maxBuffered: 3 });
    const deliveries: { ids: string[]; dropped: number }[] = [];
    let release = () => {};
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    hub.subscribe({}, async (messages, dropped) => {
      deliveries.push({ ids: ids(messages), dropped });
      if (deliveries.length === 1) await blocked;
    });
    // Act
    hub.publish([event('1')]);
    hub.publish(['2', '3', '4', '5', '6'].map((id) => event(id)));
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Assess
    expect(deliveries).toEqual([
      { ids: ['1'], dropped: 0 },
      { ids: ['2', '3', '4'], dropped: 2 },
    ]);
    expect(hub.droppedTotal).toBe(2);
  });

  it('stops delivering after unsubscribe, and removes a subscriber whose delivery throws', async () => {
    const hub = new TailHub();
    const errors: unknown[] = [];
    const failing = new TailHub({ onError: (e) => errors.push(e) });
    let count = 0;
    const unsubscribe = hub.subscribe({}, () => {
      count++;
    });
    failing.subscribe({}, () => {
      throw new Error('socket gone');
    });
    unsubscribe();
    unsubscribe();
    hub.publish([event('a')]);
    failing.publish([event('a')]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(count).toBe(0);
    expect(hub.size).toBe(0);
    expect(failing.size).toBe(0);
    expect(errors).toHaveLength(1);
  });

  it('close() tells every subscriber and closes later ones at once', () => {
    const hub = new TailHub();
    let closed = 0;
    hub.subscribe(
      {},
      () => {},
      () => closed++,
    );
    hub.subscribe(
      {},
      () => {},
      () => closed++,
    );
    hub.close();
    hub.subscribe(
      {},
      () => {},
      () => closed++,
    );
    expect(closed).toBe(3);
    expect(hub.size).toBe(0);
  });
});
