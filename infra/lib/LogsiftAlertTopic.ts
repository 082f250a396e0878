import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface LogsiftAlertTopicProps {
  /** Address subscribed by email (it must confirm the subscription). @default no subscription */
  readonly email?: string;
  /** Display name shown as the email sender. @default 'logsift' */
  readonly displayName?: string;
}

/**
 * The alert topic: encrypted with a stack key (rotation on) rather than the AWS-managed aws/sns key,
 * because CloudWatch alarms cannot publish to a topic whose key policy does not let them use the key;
 * the topic policy denies anything but TLS.
 *
 * @example
 * const alerts = new LogsiftAlertTopic(this, 'Alerts', { email: 'ops@example.com' });
 * alerts.grantPublish(role);
 */
export class LogsiftAlertTopic extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: LogsiftAlertTopicProps = {}) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'logsift alert topic encryption',
      enableKeyRotation: true,
      // Deleting the key only makes old, already delivered messages unreadable.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: props.displayName ?? 'logsift',
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.email !== undefined)
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
  }

  /** sns:Publish on the topic plus the two KMS calls publishing to an encrypted topic needs. */
  grantPublish(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({ grantee, actions: ['sns:Publish'], resourceArns: [this.topic.topicArn] });
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resourceArns: [this.key.keyArn],
    });
  }
}
