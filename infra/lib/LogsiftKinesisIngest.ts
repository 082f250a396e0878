import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface LogsiftKinesisOptions {
  /** Provisioned shards; 0 means on-demand capacity mode. @default 0 (on-demand) */
  readonly shardCount?: number;
  /** Records per processor invocation. @default 100 */
  readonly batchSize?: number;
  /** Concurrent batches per shard (1-10). @default 1 */
  readonly parallelizationFactor?: number;
  /** How long Lambda gathers records before invoking. @default Duration.seconds(1) */
  readonly maxBatchingWindow?: Duration;
  /** Retries of a failing batch (after bisecting) before it goes to the dead-letter queue. @default 3 */
  readonly retryAttempts?: number;
}

export interface LogsiftKinesisIngestProps extends LogsiftKinesisOptions {
  readonly processor: lambda.IFunction;
  /** Where batches that still fail after retries are described. */
  readonly deadLetterQueue: sqs.IQueue;
}

/**
 * Kinesis as the subscription destination for high volume: the stream (encrypted with the aws/kinesis
 * key), the role CloudWatch Logs assumes to put records, and the processor's event source mapping
 * (partial batch responses, bisect on error, failures to the dead-letter queue).
 */
export class LogsiftKinesisIngest extends Construct {
  readonly stream: kinesis.Stream;
  /** Assumed by CloudWatch Logs (subscription filters and the account policy) to write to the stream. */
  readonly logsRole: iam.Role;

  constructor(scope: Construct, id: string, props: LogsiftKinesisIngestProps) {
    super(scope, id);
    const shards = props.shardCount ?? 0;
    this.stream = new kinesis.Stream(this, 'Stream', {
      encryption: kinesis.StreamEncryption.MANAGED,
      ...(shards > 0
        ? { streamMode: kinesis.StreamMode.PROVISIONED, shardCount: shards }
        : { streamMode: kinesis.StreamMode.ON_DEMAND }),
      retentionPeriod: Duration.hours(24),
    });
    const stack = Stack.of(this);
    this.logsRole = new iam.Role(this, 'LogsRole', {
      description:
        'Lets CloudWatch Logs in this account and region put subscription records on the logsift stream',
      assumedBy: new iam.ServicePrincipal('logs.amazonaws.com', {
        conditions: {
          StringLike: { 'aws:SourceArn': stack.formatArn({ service: 'logs', resource: '*' }) },
        },
      }),
    });
    iam.Grant.addToPrincipal({
      grantee: this.logsRole,
      actions: ['kinesis:PutRecord', 'kinesis:PutRecords'],
      resourceArns: [this.stream.streamArn],
    });
    props.processor.addEventSource(
      new sources.KinesisEventSource(this.stream, {
        // Subscriptions start now; there is no backlog worth replaying on first deploy.
        startingPosition: lambda.StartingPosition.LATEST,
        batchSize: props.batchSize ?? 100,
        parallelizationFactor: props.parallelizationFactor ?? 1,
        maxBatchingWindow: props.maxBatchingWindow ?? Duration.seconds(1),
        retryAttempts: props.retryAttempts ?? 3,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        onFailure: new sources.SqsDlq(props.deadLetterQueue),
      }),
    );
  }
}
