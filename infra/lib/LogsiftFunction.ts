import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { InfraConfigError } from './errors.js';

export interface LogsiftFunctionProps {
  /** Physical function name; its log group is `/aws/lambda/<functionName>`. */
  readonly functionName: string;
  /** Path of the prebuilt ESM bundle (e.g. dist/lambda/processor.mjs) exporting `handler`. */
  readonly bundle: string;
  readonly description: string;
  /** @default 256 */
  readonly memorySize?: number;
  /** @default Duration.seconds(30) */
  readonly timeout?: Duration;
  /** @default no reservation (the account's unreserved pool) */
  readonly reservedConcurrentExecutions?: number;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /** @default {} */
  readonly environment?: Record<string, string>;
}

/** The runtime every logsift function uses: the newest Node.js Lambda offers (the bundles target node20+). */
export const LOGSIFT_RUNTIME = lambda.Runtime.NODEJS_24_X;

/**
 * A Node.js arm64 function deployed from one prebuilt bundle file, with its own log group (retention
 * set) and its own role whose only built-in permission is writing to that log group: no
 * AWSLambdaBasicExecutionRole, no `logs:CreateLogGroup` on `*`.
 *
 * @example
 * const fn = new LogsiftFunction(this, 'Api', { functionName: 'logsift-api', bundle: 'dist/lambda/api.mjs', description: 'query API' });
 */
export class LogsiftFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: LogsiftFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${props.functionName}`,
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      // Operational logs of the functions, not user data: they go with the stack.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.functionName}`,
    });
    // The log group ARN attribute ends in `:*`, which covers its streams.
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    this.function = new lambda.Function(this, 'Function', {
      functionName: props.functionName,
      description: props.description,
      runtime: LOGSIFT_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      code: bundleCode(props.bundle),
      handler: `${basename(props.bundle).replace(/\.m?js$/, '')}.handler`,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(30),
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: props.environment ?? {},
      role: this.role,
      logGroup: this.logGroup,
    });
  }
}

/**
 * The asset is the bundle's folder filtered down to that one file, so each function ships exactly
 * the file `npm run build` wrote and nothing else from dist/lambda.
 */
function bundleCode(bundle: string): lambda.Code {
  if (!existsSync(bundle)) {
    throw new InfraConfigError('bundles', `${bundle} does not exist: run \`npm run build\` first`);
  }
  return lambda.Code.fromAsset(dirname(bundle), { exclude: ['*', `!${basename(bundle)}`] });
}
