/**
 * Shared wiring of the Lambda functions: clients, ports and the pipeline built once per cold start
 * from the environment (see env.ts), reused by every warm invocation.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { type PatternStateFormatError, S3Archive, S3PatternStateStore } from '../../adapters/aws/s3/index.js';
import { SnsNotifier } from '../../adapters/aws/sns/index.js';
import { loadConfig } from '../../adapters/config/loadConfig.js';
import type { Config } from '../../core/config.js';
import { Pipeline } from '../../core/pipeline.js';
import type {
  AlertStore,
  EventStore,
  HeartbeatStore,
  MetricStore,
  Notifier,
  Ports,
} from '../../core/ports.js';
import { systemClock } from '../../core/ports.js';
import { type LambdaEnv, readLambdaEnv } from './env.js';

/** The stores that hold events, metrics and alerts (DynamoDB in AWS; memory in unit tests). */
export interface LambdaStores {
  events: EventStore;
  metrics: MetricStore;
  alerts: AlertStore;
  heartbeats?: HeartbeatStore;
}

/** What the function's own log lines go to (Powertools Logger in AWS). */
export interface LambdaLogger {
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

export interface LambdaRuntime {
  env: LambdaEnv;
  config: Config;
  ports: Ports;
  pipeline: Pipeline;
  logger: LambdaLogger;
}

export interface LambdaRuntimeOptions {
  env?: Record<string, string | undefined>;
  /** Opens the stores; called once. */
  stores: (env: LambdaEnv) => LambdaStores;
  logger: LambdaLogger;
  /** Extra notifiers (tests). */
  notifiers?: Notifier[];
}

/**
 * Timeouts short enough that a stuck call fails (and Lambda retries) well before the function times
 * out. Given as options, not a NodeHttpHandler instance, so the bundle does not carry a second copy
 * of the Smithy runtime beside the one the Lambda runtime's SDK brings.
 */
function requestHandler() {
  return { connectionTimeout: 3000, requestTimeout: 10_000 };
}

/**
 * An S3 client for the archive and the pattern state. Checksums only when an operation requires
 * them: SigV4 already signs the payload hash, and emulators (s3rver) store checksummed stream
 * uploads corrupted otherwise.
 */
export function createS3Client(env: LambdaEnv): S3Client {
  return new S3Client({
    region: env.region,
    forcePathStyle: env.forcePathStyle,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: requestHandler(),
  });
}

export function createSnsClient(env: LambdaEnv): SNSClient {
  return new SNSClient({ region: env.region, requestHandler: requestHandler() });
}

/**
 * Builds the runtime: configuration from LOGSIFT_CONFIG, the S3 archive and pattern state when
 * S3_BUCKET is set, the SNS notifier when SNS_TOPIC_ARN is set, the given stores, one Pipeline.
 *
 * @example
 * const runtime = createLambdaRuntime({ stores: () => openDynamoStores(), logger });
 * await runtime.pipeline.process(batch);
 */
export function createLambdaRuntime(options: LambdaRuntimeOptions): LambdaRuntime {
  const rawEnv = options.env ?? process.env;
  const env = readLambdaEnv(rawEnv);
  const config = loadConfig({ env: rawEnv as NodeJS.ProcessEnv });
  const { logger } = options;
  const stores = options.stores(env);
  const notifiers: Notifier[] = [];
  if (env.topicArn) {
    notifiers.push(
      new SnsNotifier({
        client: createSnsClient(env),
        topicArn: env.topicArn,
        ...((env.dashboardUrl ?? config.notify.dashboardUrl)
          ? { dashboardUrl: env.dashboardUrl ?? config.notify.dashboardUrl }
          : {}),
      }),
    );
  }
  notifiers.push(...(options.notifiers ?? []));
  const ports: Ports = {
    events: stores.events,
    metrics: stores.metrics,
    alerts: stores.alerts,
    notifiers,
    clock: systemClock,
    ...(stores.heartbeats ? { heartbeats: stores.heartbeats } : {}),
  };
  if (env.bucket) {
    const s3 = createS3Client(env);
    ports.archive = new S3Archive({ client: s3, bucket: env.bucket });
    ports.patterns = new S3PatternStateStore({
      client: s3,
      bucket: env.bucket,
      onCorrupt: (e: PatternStateFormatError) =>
        logger.warn('pattern state unreadable; starting fresh', { key: e.key }),
    });
  }
  return { env, config, ports, pipeline: new Pipeline(config, ports), logger };
}
