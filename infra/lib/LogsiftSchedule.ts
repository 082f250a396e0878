import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LogsiftFunction } from './LogsiftFunction.js';

export interface LogsiftScheduleProps {
  readonly functionName: string;
  /** The prebuilt schedule bundle (dist/lambda/schedule.mjs). */
  readonly bundle: string;
  readonly environment: Record<string, string>;
  /** How often the periodic work (flatline checks, digests) runs. @default Duration.minutes(5) */
  readonly every?: Duration;
  /** @default 256 */
  readonly memorySize?: number;
  /** @default Duration.seconds(60) */
  readonly timeout?: Duration;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
}

/** The periodic function (flatline alerts, digests, daily report) on an EventBridge rule. */
export class LogsiftSchedule extends Construct {
  readonly fn: LogsiftFunction;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: LogsiftScheduleProps) {
    super(scope, id);
    this.fn = new LogsiftFunction(this, 'Schedule', {
      functionName: props.functionName,
      bundle: props.bundle,
      description: 'logsift: periodic checks (flatline, digests, daily report)',
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(60),
      logRetention: props.logRetention,
      environment: props.environment,
    });
    this.rule = new events.Rule(this, 'Every', {
      description: 'Runs the logsift schedule function',
      schedule: events.Schedule.rate(props.every ?? Duration.minutes(5)),
      // A run that is missed is superseded by the next one: a short age and one retry are enough.
      targets: [
        new targets.LambdaFunction(this.fn.function, { retryAttempts: 1, maxEventAge: Duration.minutes(5) }),
      ],
    });
  }
}
