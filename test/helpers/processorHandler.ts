/**
 * The Lambda processor handler over in-memory ports, with a recording logger, for the handler's
 * unit tests; and the events those tests send.
 *
 * @example
 * const { ports, handler } = processorSetup();
 * await handler(seedEvent()); // the seed's five messages stored in ports.events
 */
import { vi } from 'vitest';
import type { LambdaLogger, LambdaRuntime } from '../../src/apps/lambda/ports.js';
import {
  createProcessorHandler,
  type ProcessorHandlerOptions,
} from '../../src/apps/lambda/processorHandler.js';
import { defaultConfig } from '../../src/core/config.js';
import { memoryPorts } from '../../src/core/memory/index.js';
import { Pipeline } from '../../src/core/pipeline.js';
import { cloudWatchEvent, DEFAULT_START_MS, SEED_MESSAGES } from '../fixtures/cloudwatch.js';

export function processorSetup(options: ProcessorHandlerOptions = {}) {
  const ports = memoryPorts({ now: () => DEFAULT_START_MS + 60_000 });
  const config = defaultConfig();
  const logger: LambdaLogger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const runtime: LambdaRuntime = {
    env: { region: 'us-east-1', forcePathStyle: false },
    config,
    ports,
    pipeline: new Pipeline(config, ports),
    logger,
  };
  return { ports, logger, handler: createProcessorHandler(runtime, options) };
}

/** A CloudWatch event carrying the seed's five messages (INFO, ERROR, ERROR, CRITICAL, WARNING). */
export const seedEvent = () => cloudWatchEvent({ events: SEED_MESSAGES });

/** An error as the AWS SDK throws it when DynamoDB throttles: transient, worth a retry. */
export const throttled = () =>
  Object.assign(new Error('Rate exceeded'), {
    name: 'ThrottlingException',
    $metadata: { httpStatusCode: 400 },
  });
