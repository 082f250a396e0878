/**
 * The functions' own logs: Powertools Logger (structured JSON, with the request id and cold start
 * flag when the handler adds its context). Level from POWERTOOLS_LOG_LEVEL, default INFO.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { LambdaLogger } from './ports.js';

/** A Powertools logger for one function; `service` becomes the `service` key of every line. */
export function createLambdaLogger(service: string): Logger & LambdaLogger {
  return new Logger({ serviceName: service });
}
