import { fileURLToPath } from 'node:url';
import { CfnOutput, CfnParameter, Stack, type StackProps } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { TableNames } from '../../src/adapters/aws/schema.js';
import { type ConfigInput, parseConfig } from '../../src/core/config.js';
import { InfraConfigError } from './errors.js';
import { LogsiftAlarms } from './LogsiftAlarms.js';
import { LogsiftAlertTopic } from './LogsiftAlertTopic.js';
import { LogsiftApi } from './LogsiftApi.js';
import { ARCHIVE_PREFIXES, LogsiftArchive, type LogsiftArchiveOptions } from './LogsiftArchive.js';
import { LogsiftKinesisIngest, type LogsiftKinesisOptions } from './LogsiftKinesisIngest.js';
import { LogsiftProcessor, type LogsiftProcessorOptions } from './LogsiftProcessor.js';
import { LogsiftSchedule } from './LogsiftSchedule.js';
import { LogsiftSubscriptions } from './LogsiftSubscriptions.js';
import { LogsiftTables } from './LogsiftTables.js';

/** Paths of the three prebuilt Lambda bundles, each an ESM file exporting `handler`. */
export interface LogsiftBundles {
  readonly processor: string;
  readonly api: string;
  readonly schedule: string;
}

/** dist/lambda/*.mjs as `npm run build` writes them. */
export function defaultBundles(
  dir = fileURLToPath(new URL('../../dist/lambda/', import.meta.url)),
): LogsiftBundles {
  return { processor: `${dir}/processor.mjs`, api: `${dir}/api.mjs`, schedule: `${dir}/schedule.mjs` };
}

export interface LogsiftStackProps extends StackProps {
  /** The Lambda bundles to deploy. @default defaultBundles() (dist/lambda/processor.mjs, api.mjs, schedule.mjs) */
  readonly bundles?: LogsiftBundles;
  /** Prefix of the function names (`<prefix>-processor`, ...) and so of their log groups. @default 'logsift' */
  readonly namePrefix?: string;
  /** Table names by id (events, metrics, alerts, heartbeats). @default LogAnalysis, LogMetrics, LogAlerts, LogHeartbeats */
  readonly tableNames?: Partial<TableNames>;
  /** Existing log groups to subscribe. @default ['/aws/lambda/test-app'] */
  readonly logGroups?: readonly string[];
  /** CloudWatch Logs filter pattern of the subscriptions. @default '' (every event) */
  readonly filterPattern?: string;
  /** Retention of the functions' own log groups, in days (a value CloudWatch Logs offers). @default 30 */
  readonly functionLogRetentionDays?: number;
  /** Archive bucket versioning and lifecycle. @default see LogsiftArchiveOptions (IA 30 d, Glacier 90 d, expiry 365 d, unversioned) */
  readonly archive?: LogsiftArchiveOptions;
  /** Processor sizing and retries. @default see LogsiftProcessorOptions (512 MB, 60 s, 2 retries, no reservation) */
  readonly processor?: LogsiftProcessorOptions;
  /** Deliver through a Kinesis stream instead of invoking the processor per batch. @default undefined (direct) */
  readonly kinesis?: LogsiftKinesisOptions;
  /** One account-level subscription policy for every log group instead of per-group filters. @default false */
  readonly accountPolicy?: boolean;
  /**
   * Let the API function write too, so POST /ingest and /ingest/cloudwatch work through the Function
   * URL (same table, archive and publish permissions as the processor). @default false (read only)
   */
  readonly apiIngest?: boolean;
  /** logsift configuration passed to the functions as LOGSIFT_CONFIG (validated at synth). @default {} */
  readonly logsiftConfig?: ConfigInput;
}

/**
 * logsift on AWS: tables, archive, alert topic, processor (+ DLQ, subscriptions, optional Kinesis and
 * account policy), API behind an IAM Function URL, the 5-minute schedule, and alarms on all of it.
 * The stack asks for one parameter, AlertEmail.
 *
 * @example
 * new LogsiftStack(app, 'LogsiftStack', { logGroups: ['/aws/lambda/app1'], kinesis: { shardCount: 2 } });
 */
export class LogsiftStack extends Stack {
  readonly tables: LogsiftTables;
  readonly archive: LogsiftArchive;
  readonly alerts: LogsiftAlertTopic;
  readonly processor: LogsiftProcessor;
  readonly api: LogsiftApi;
  readonly schedule: LogsiftSchedule;
  readonly subscriptions: LogsiftSubscriptions;
  readonly kinesis?: LogsiftKinesisIngest;
  /** The functions' own log groups: never subscribed, always in LOGSIFT_CONFIG.ignoreGroups. */
  readonly ownLogGroups: readonly string[];

  constructor(scope: Construct, id: string, props: LogsiftStackProps = {}) {
    super(scope, id, props);
    const prefix = props.namePrefix ?? 'logsift';
    const bundles = props.bundles ?? defaultBundles();
    const logRetention = retentionDays(props.functionLogRetentionDays ?? 30);
    const names = { processor: `${prefix}-processor`, api: `${prefix}-api`, schedule: `${prefix}-schedule` };
    this.ownLogGroups = Object.values(names).map((n) => `/aws/lambda/${n}`);

    const email = new CfnParameter(this, 'AlertEmail', {
      type: 'String',
      description:
        'Email address that receives logsift alerts and pipeline alarms (confirm the subscription email)',
      allowedPattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
      constraintDescription: 'must be an email address',
    });

    this.tables = new LogsiftTables(this, 'Tables', { names: props.tableNames });
    this.archive = new LogsiftArchive(this, 'Archive', props.archive);
    this.alerts = new LogsiftAlertTopic(this, 'Alerts', { email: email.valueAsString });

    const environment = {
      ...this.tables.environment(),
      SNS_TOPIC_ARN: this.alerts.topic.topicArn,
      S3_BUCKET: this.archive.bucket.bucketName,
      LOGSIFT_CONFIG: logsiftConfigJson(props.logsiftConfig ?? {}, this.ownLogGroups),
    };

    this.processor = new LogsiftProcessor(this, 'Processor', {
      ...props.processor,
      functionName: names.processor,
      bundle: bundles.processor,
      environment,
      logRetention,
    });
    const processorFn = this.processor.fn;
    this.grantIngest(processorFn.role);

    this.api = new LogsiftApi(this, 'Api', {
      functionName: names.api,
      bundle: bundles.api,
      environment,
      logRetention,
    });
    // Read only: queries go through keys and indexes; Scan serves the heartbeat listing. Patterns are
    // restored from the processor's saved state (state/patterns/).
    this.tables.grant(this.api.fn.role, [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:Scan',
    ]);
    this.archive.grantGet(this.api.fn.role, ARCHIVE_PREFIXES.state);
    if (props.apiIngest) this.grantIngest(this.api.fn.role);

    this.schedule = new LogsiftSchedule(this, 'Schedule', {
      functionName: names.schedule,
      bundle: bundles.schedule,
      environment,
      logRetention,
    });
    const scheduleRole = this.schedule.fn.role;
    this.tables.grant(scheduleRole, [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:Scan',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    this.alerts.grantPublish(scheduleRole);

    if (props.kinesis) {
      this.kinesis = new LogsiftKinesisIngest(this, 'Kinesis', {
        ...props.kinesis,
        processor: processorFn.function,
        deadLetterQueue: this.processor.deadLetterQueue,
      });
    }
    this.subscriptions = new LogsiftSubscriptions(this, 'Subscriptions', {
      processor: processorFn.function,
      logGroups: props.logGroups ?? ['/aws/lambda/test-app'],
      ownLogGroups: this.ownLogGroups,
      accountPolicy: props.accountPolicy ?? false,
      filterPattern: props.filterPattern,
      accountPolicyName: `${prefix}-subscription`,
      kinesis: this.kinesis ? { stream: this.kinesis.stream, role: this.kinesis.logsRole } : undefined,
    });

    new LogsiftAlarms(this, 'Alarms', {
      topic: this.alerts.topic,
      functions: {
        Processor: processorFn.function,
        Api: this.api.fn.function,
        Schedule: this.schedule.fn.function,
      },
      deadLetterQueue: this.processor.deadLetterQueue,
      stream: this.kinesis?.stream,
    });

    new CfnOutput(this, 'ApiUrl', {
      value: this.api.url.url,
      description: 'Query API and dashboard (IAM auth: sign requests with SigV4)',
    });
    new CfnOutput(this, 'AlertTopicArn', { value: this.alerts.topic.topicArn });
    new CfnOutput(this, 'ArchiveBucket', { value: this.archive.bucket.bucketName });
    new CfnOutput(this, 'ProcessorFunction', { value: processorFn.function.functionName });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.processor.deadLetterQueue.queueUrl });
    if (this.kinesis) new CfnOutput(this, 'IngestStream', { value: this.kinesis.stream.streamName });
  }

  /**
   * What running the pipeline on a batch needs: idempotent item writes and the reads before them,
   * archive writes (raw/, failed/, state/), saved pattern state, alert publishing.
   */
  private grantIngest(role: iam.Role): void {
    this.tables.grant(role, [
      'dynamodb:PutItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:UpdateItem',
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
    ]);
    for (const p of Object.values(ARCHIVE_PREFIXES)) this.archive.grantPut(role, p);
    this.archive.grantGet(role, ARCHIVE_PREFIXES.state);
    this.alerts.grantPublish(role);
  }
}

/**
 * LOGSIFT_CONFIG for the functions: the user's configuration with logsift's own log groups added to
 * ignoreGroups (on top of the configured or default globs), validated with the same schema the
 * functions use so a bad configuration fails the synth, not the first invocation.
 */
export function logsiftConfigJson(input: ConfigInput, ownLogGroups: readonly string[]): string {
  const base = parseConfig(input, 'logsiftConfig').ignoreGroups;
  const ignoreGroups = [...new Set([...base, ...ownLogGroups])];
  const config = { ...input, ignoreGroups };
  parseConfig(config, 'logsiftConfig');
  const json = JSON.stringify(config);
  // Lambda allows 4 KB for all environment variables together; leave room for the others.
  if (json.length > 3000) {
    throw new InfraConfigError(
      'logsiftConfig',
      `${json.length} characters as JSON; Lambda environments hold 4 KB`,
    );
  }
  return json;
}

function retentionDays(days: number): logs.RetentionDays {
  const offered = Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number');
  if (!offered.includes(days)) {
    throw new InfraConfigError(
      'functionLogRetentionDays',
      `CloudWatch Logs offers ${offered.join(', ')}; got ${days}`,
    );
  }
  return days as logs.RetentionDays;
}
