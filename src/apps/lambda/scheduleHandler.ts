/**
 * The schedule function's behaviour: an EventBridge rule invokes it every minute.
 * - flatline rules: `pipeline.evaluateScheduledRules(now)` (firings deduplicated per silence);
 * - retention: nothing to do, DynamoDB TTL (`expiresAt`) deletes expired items;
 * - daily report: when `notify.dailyReport` is enabled and the scheduled minute is its `at`, the
 *   report of the UTC day that ended is published on every channel that can send one.
 * Storm digests need no job here: the Lambda channels (SNS) publish each alert as it fires.
 * A failure throws, so EventBridge's retry policy runs the minute again (firings are idempotent).
 */
import type { ScheduledEvent } from 'aws-lambda';
import { buildDailyReport, dayRange, utcDay } from '../../core/alerts/dailyReport.js';
import type { OutgoingMessage } from '../../core/alerts/format.js';
import { flushPorts, type Notifier } from '../../core/ports.js';
import type { LambdaRuntime } from './ports.js';

export interface ScheduleOutcome {
  at: number;
  alerts: number;
  deliveryFailures: number;
  dailyReport?: { day: string; channels: string[] };
}

type ReportChannel = Notifier & { send(message: OutgoingMessage): Promise<void> };

const canSend = (n: Notifier): n is ReportChannel => typeof (n as Partial<ReportChannel>).send === 'function';

/**
 * @example
 * export const handler = createScheduleHandler(createLambdaRuntime({ stores, logger }));
 */
export function createScheduleHandler(
  runtime: LambdaRuntime,
): (event: Partial<ScheduledEvent>) => Promise<ScheduleOutcome> {
  const { pipeline, ports, config, logger } = runtime;
  return async (event) => {
    const scheduled = event.time ? Date.parse(event.time) : Number.NaN;
    const at = Number.isFinite(scheduled) ? scheduled : ports.clock.now();
    try {
      const { alerts, deliveryFailures } = await pipeline.evaluateScheduledRules(at);
      const outcome: ScheduleOutcome = {
        at,
        alerts: alerts.length,
        deliveryFailures: deliveryFailures.length,
      };
      for (const f of deliveryFailures) logger.warn('flatline alert delivery failed', { ...f });
      const report = config.notify.dailyReport;
      if (report.enabled && new Date(at).toISOString().slice(11, 16) === report.at) {
        const day = utcDay(at - 86_400_000);
        const { from, to } = dayRange(day);
        const [windows, stored] = await Promise.all([
          ports.metrics.queryWindows({ from, to }),
          ports.alerts.queryAlerts({ from, to, limit: 1000 }),
        ]);
        const message: OutgoingMessage = {
          kind: 'report',
          report: buildDailyReport({ day, windows, alerts: stored, templateOf: () => undefined }),
        };
        const channels = ports.notifiers.filter(canSend);
        await Promise.all(channels.map((n) => n.send(message)));
        outcome.dailyReport = { day, channels: channels.map((n) => n.name) };
      }
      return outcome;
    } finally {
      await flushPorts(ports);
    }
  };
}
