import { Duration, Validations } from 'aws-cdk-lib';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { LogsiftFunction } from './LogsiftFunction.js';

export interface LogsiftProcessorOptions {
  /** @default 512 */
  readonly memorySize?: number;
  /** @default Duration.seconds(60) */
  readonly timeout?: Duration;
  /** Reserved concurrency: caps DynamoDB/S3 write pressure and guarantees capacity. @default no reservation */
  readonly reservedConcurrency?: number;
  /** Retries of a failed asynchronous invocation (CloudWatch Logs delivers asynchronously), 0-2. @default 2 */
  readonly retryAttempts?: number;
  /** Oldest asynchronous event still attempted before it goes to the dead-letter queue. @default Duration.hours(6) */
  readonly maxEventAge?: Duration;
}

export interface LogsiftProcessorProps extends LogsiftProcessorOptions {
  readonly functionName: string;
  /** The prebuilt processor bundle (dist/lambda/processor.mjs). */
  readonly bundle: string;
  /** LOGS_TABLE, METRICS_TABLE, ... as the handler reads them. */
  readonly environment: Record<string, string>;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The log processor function and the dead-letter queue its failed asynchronous invocations (and, with
 * Kinesis, failed batches) land in.
 */
export class LogsiftProcessor extends Construct {
  readonly fn: LogsiftFunction;
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: LogsiftProcessorProps) {
    super(scope, id);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter store: the on-failure destination of the processor and of the Kinesis event source mapping. Nothing consumes it automatically, so it has no DLQ of its own; an alarm fires when it is not empty.',
    });
    this.fn = new LogsiftFunction(this, 'Processor', {
      functionName: props.functionName,
      bundle: props.bundle,
      description: 'logsift: analyzes CloudWatch Logs batches (subscription filters, Kinesis)',
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(60),
      reservedConcurrentExecutions: props.reservedConcurrency,
      logRetention: props.logRetention,
      environment: props.environment,
    });
    this.fn.function.configureAsyncInvoke({
      onFailure: new destinations.SqsDestination(this.deadLetterQueue),
      retryAttempts: props.retryAttempts ?? 2,
      maxEventAge: props.maxEventAge ?? Duration.hours(6),
    });
  }
}
