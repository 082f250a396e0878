import { describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../core/config.js';
import { memoryPorts } from '../../core/memory/index.js';
import { Pipeline } from '../../core/pipeline.js';
import type { LambdaRuntime } from './ports.js';
import { createScheduleHandler } from './scheduleHandler.js';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);

function setup(raw: unknown) {
  const ports = memoryPorts({ now: () => T0 });
  const config = parseConfig(raw);
  const runtime: LambdaRuntime = {
    env: { region: 'us-east-1', forcePathStyle: false },
    config,
    ports,
    pipeline: new Pipeline(config, ports),
    logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
  };
  return { ports, pipeline: runtime.pipeline, handler: createScheduleHandler(runtime) };
}

describe('schedule handler', () => {
  it('fires a flatline rule for a group gone quiet, once per silence', async () => {
    // Prepare
    const { ports, pipeline, handler } = setup({
      alerts: { rules: [{ id: 'quiet', type: 'flatline', groups: ['/aws/lambda/test-app'], after: '10m' }] },
    });
    await pipeline.process({
      id: 'b1',
      source: 'cloudwatch',
      group: '/aws/lambda/test-app',
      stream: 's',
      events: [{ id: 'e1', timestamp: T0, message: 'INFO hello' }],
    });
    const later = new Date(T0 + 15 * 60_000).toISOString();
    // Act
    const first = await handler({ time: later });
    const second = await handler({ time: later });
    // Assess
    expect(first).toMatchObject({ at: T0 + 15 * 60_000, alerts: 1, deliveryFailures: 0 });
    expect(second.alerts).toBe(0);
    expect(ports.notifiers[0].sent.map((a) => a.rule)).toEqual(['quiet']);
  });

  it('sends the daily report at its minute on channels that can send one', async () => {
    // Prepare
    const { ports, handler } = setup({ notify: { dailyReport: { enabled: true, at: '08:00' } } });
    const send = vi.fn(async () => {});
    ports.notifiers.push(Object.assign(ports.notifiers[0], { send }));
    // Act
    const off = await handler({ time: '2026-11-26T07:59:00Z' });
    const on = await handler({ time: '2026-11-26T08:00:00Z' });
    // Assess
    expect(off.dailyReport).toBeUndefined();
    expect(on.dailyReport).toEqual({ day: '2026-11-25', channels: ['memory', 'memory'] });
    expect(send).toHaveBeenCalledWith(expect.objectContaining({ kind: 'report' }));
  });
});
