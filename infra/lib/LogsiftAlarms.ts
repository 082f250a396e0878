import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface LogsiftAlarmsProps {
  /** Where every alarm notifies. */
  readonly topic: sns.ITopic;
  /** Functions alarmed on errors and throttles, by short name (e.g. `Processor`). */
  readonly functions: Readonly<Record<string, lambda.IFunction>>;
  readonly deadLetterQueue: sqs.IQueue;
  /** With Kinesis ingest: alarm when the processor falls behind. @default no iterator-age alarm */
  readonly stream?: kinesis.IStream;
  /** Iterator age that counts as falling behind. @default Duration.minutes(5) */
  readonly maxIteratorAge?: Duration;
  /** Evaluation period of every alarm. @default Duration.minutes(5) */
  readonly period?: Duration;
}

/**
 * Alarms on the pipeline itself (a log analyzer that silently fails is worse than none): function
 * errors and throttles, a non-empty dead-letter queue, and with Kinesis the iterator age.
 */
export class LogsiftAlarms extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: LogsiftAlarmsProps) {
    super(scope, id);
    const period = props.period ?? Duration.minutes(5);
    const action = new actions.SnsAction(props.topic);
    const add = (alarmId: string, metric: cloudwatch.IMetric, threshold: number, description: string) => {
      const alarm = new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      alarm.addAlarmAction(action);
      this.alarms.push(alarm);
    };
    for (const [name, fn] of Object.entries(props.functions)) {
      add(`${name}Errors`, fn.metricErrors({ period }), 1, `logsift ${name} function failed`);
      add(`${name}Throttles`, fn.metricThrottles({ period }), 1, `logsift ${name} function was throttled`);
    }
    add(
      'DeadLetters',
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
      1,
      'logsift gave up on log batches: they are described in the dead-letter queue',
    );
    if (props.stream) {
      add(
        'IteratorAge',
        props.stream.metricGetRecordsIteratorAgeMilliseconds({ period, statistic: 'Maximum' }),
        (props.maxIteratorAge ?? Duration.minutes(5)).toMilliseconds(),
        'logsift is falling behind the Kinesis stream',
      );
    }
  }
}
