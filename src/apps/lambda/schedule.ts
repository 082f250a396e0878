/**
 * The schedule function (dist/lambda/schedule.mjs, export `handler`): flatline rules and the daily
 * report, invoked by an EventBridge schedule. See scheduleHandler.ts.
 */
import type { Context, ScheduledEvent } from 'aws-lambda';
import { createLambdaLogger } from './logger.js';
import { createLambdaRuntime } from './ports.js';
import { createScheduleHandler, type ScheduleOutcome } from './scheduleHandler.js';
import { openLambdaStores } from './stores.js';

const logger = createLambdaLogger('logsift-schedule');
const run = createScheduleHandler(
  createLambdaRuntime({ stores: () => openLambdaStores(process.env), logger }),
);

export async function handler(
  event: Partial<ScheduledEvent>,
  context: Partial<Context> = {},
): Promise<ScheduleOutcome> {
  logger.addContext(context as Context);
  try {
    const outcome = await run(event);
    logger.info('schedule run', { ...outcome });
    return outcome;
  } finally {
    logger.resetKeys();
  }
}
