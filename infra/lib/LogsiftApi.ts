import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LogsiftFunction } from './LogsiftFunction.js';

export interface LogsiftApiProps {
  readonly functionName: string;
  /** The prebuilt API bundle (dist/lambda/api.mjs). */
  readonly bundle: string;
  readonly environment: Record<string, string>;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default Duration.seconds(15) */
  readonly timeout?: Duration;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The query API and dashboard (the same Hono app as the local server) behind a Function URL that
 * only accepts SigV4-signed requests (AuthType AWS_IAM).
 */
export class LogsiftApi extends Construct {
  readonly fn: LogsiftFunction;
  readonly url: lambda.FunctionUrl;

  constructor(scope: Construct, id: string, props: LogsiftApiProps) {
    super(scope, id);
    this.fn = new LogsiftFunction(this, 'Api', {
      functionName: props.functionName,
      bundle: props.bundle,
      description: 'logsift: query API and dashboard',
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(15),
      logRetention: props.logRetention,
      environment: props.environment,
    });
    this.url = this.fn.function.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
  }
}
