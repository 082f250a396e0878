import { Annotations, ArnFormat, Stack } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as logsDestinations from 'aws-cdk-lib/aws-logs-destinations';
import { Construct } from 'constructs';

export interface LogsiftSubscriptionsProps {
  /** The processor; the destination unless `kinesis` is given. */
  readonly processor: lambda.IFunction;
  /** Existing log groups to subscribe, one filter each. Ignored when `accountPolicy` is on. @default [] */
  readonly logGroups?: readonly string[];
  /**
   * logsift's own log groups. Never subscribed (a filter on the processor's own group would feed its
   * output back into itself) and excluded from the account policy.
   */
  readonly ownLogGroups: readonly string[];
  /** Subscribe every log group of the account (except `ownLogGroups`) with one account-level policy. @default false */
  readonly accountPolicy?: boolean;
  /** Send to this stream (with this role) instead of invoking the processor directly. @default direct Lambda */
  readonly kinesis?: { readonly stream: kinesis.IStream; readonly role: iam.IRole };
  /** CloudWatch Logs filter pattern; empty means every event. @default '' */
  readonly filterPattern?: string;
  /** Name of the account policy. @default 'logsift-subscription' */
  readonly accountPolicyName?: string;
}

/**
 * Connects log groups to logsift: one subscription filter per configured group, or one account-wide
 * subscription policy, delivering to the processor or to the Kinesis stream.
 */
export class LogsiftSubscriptions extends Construct {
  /** Subscribed group name -> its filter. */
  readonly filters = new Map<string, logs.SubscriptionFilter>();
  readonly accountPolicy?: logs.CfnAccountPolicy;

  constructor(scope: Construct, id: string, props: LogsiftSubscriptionsProps) {
    super(scope, id);
    const pattern = props.filterPattern ?? '';
    const own = new Set(props.ownLogGroups);

    if (props.accountPolicy) {
      this.accountPolicy = this.createAccountPolicy(props, pattern);
      return;
    }

    const kinesisTarget = props.kinesis;
    // The stock KinesisDestination re-grants the role write access and iam:PassRole on itself; the
    // role already holds exactly PutRecord/PutRecords, so hand CloudWatch Logs the stream and role as-is.
    const destination: logs.ILogSubscriptionDestination = kinesisTarget
      ? { bind: () => ({ arn: kinesisTarget.stream.streamArn, role: kinesisTarget.role }) }
      : new logsDestinations.LambdaDestination(props.processor);
    for (const name of props.logGroups ?? []) {
      if (own.has(name)) {
        Annotations.of(this).addWarningV2(
          'logsift:own-log-group',
          `not subscribing ${name}: it is one of logsift's own log groups (loop guard)`,
        );
        continue;
      }
      if (this.filters.has(name)) continue;
      const group = logs.LogGroup.fromLogGroupName(this, `Group${this.filters.size}`, name);
      const filter = new logs.SubscriptionFilter(this, `Filter${this.filters.size}`, {
        logGroup: group,
        destination,
        filterPattern: logs.FilterPattern.literal(pattern),
      });
      // CloudWatch Logs test-writes to the stream when the filter is created: the grant must exist first.
      if (kinesisTarget) filter.node.addDependency(kinesisTarget.role);
      this.filters.set(name, filter);
    }
  }

  private createAccountPolicy(props: LogsiftSubscriptionsProps, pattern: string): logs.CfnAccountPolicy {
    const stack = Stack.of(this);
    const document: Record<string, string> = {
      DestinationArn: props.kinesis ? props.kinesis.stream.streamArn : props.processor.functionArn,
      FilterPattern: pattern,
      Distribution: 'Random',
    };
    if (props.kinesis) {
      document.RoleArn = props.kinesis.role.roleArn;
    } else {
      // The account policy invokes the function as logs.amazonaws.com on behalf of any group here.
      new lambda.CfnPermission(this, 'InvokeFromAccountPolicy', {
        action: 'lambda:InvokeFunction',
        functionName: props.processor.functionArn,
        principal: 'logs.amazonaws.com',
        sourceAccount: stack.account,
        sourceArn: stack.formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: '*',
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      });
    }
    return new logs.CfnAccountPolicy(this, 'AccountPolicy', {
      policyName: props.accountPolicyName ?? 'logsift-subscription',
      policyType: 'SUBSCRIPTION_FILTER_POLICY',
      scope: 'ALL',
      policyDocument: stack.toJsonString(document),
      selectionCriteria: `LogGroupName NOT IN [${props.ownLogGroups.map((g) => JSON.stringify(g)).join(', ')}]`,
    });
  }
}
