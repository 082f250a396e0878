/**
 * The processor function (dist/lambda/processor.mjs, export `handler`): CloudWatch Logs
 * subscription events and Kinesis events -> Pipeline. Clients, stores and the pipeline are built
 * once at module scope, so warm invocations reuse connections, compiled rules and pattern miners.
 * Behaviour (what fails an invocation, what does not) is documented in processorHandler.ts; custom
 * metrics (EMF, off with LOGSIFT_METRICS=off) in adapters/aws/metrics.
 */
import type { Context } from 'aws-lambda';
import { openBatchMetrics } from '../../adapters/aws/metrics/index.js';
import { createLambdaLogger } from './logger.js';
import { createLambdaRuntime } from './ports.js';
import { createProcessorHandler, type ProcessorResult } from './processorHandler.js';
import { openLambdaStores } from './stores.js';

const logger = createLambdaLogger('logsift-processor');
const runtime = createLambdaRuntime({ stores: () => openLambdaStores(process.env), logger });
const metrics = openBatchMetrics(process.env, logger);
const processEvent = createProcessorHandler(runtime, metrics ? { metrics } : {});

export async function handler(event: unknown, context: Partial<Context> = {}): Promise<ProcessorResult> {
  logger.addContext(context as Context);
  try {
    return await processEvent(event, context);
  } finally {
    logger.resetKeys();
  }
}
