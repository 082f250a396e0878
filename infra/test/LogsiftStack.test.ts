import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../../src/adapters/aws/schema.js';
import {
  actionsOf,
  functionsByName,
  iamStatements,
  nagFindings,
  type Synthesized,
  synthStack,
} from './fixtures.js';

let base: Synthesized;

beforeAll(() => {
  // Prepare: the default stack, with the processor's own group listed to exercise the loop guard.
  base = synthStack({
    logGroups: ['/aws/lambda/test-app', '/aws/lambda/app2', '/aws/lambda/logsift-processor'],
  });
  // A CDK synth takes seconds, more on a shared 2-core machine: past the default 10 s hook timeout.
}, 60_000);

function policyStatementsOfRole(s: Synthesized, role: CfnRole): Array<Record<string, unknown>> {
  const roleId = s.stack.getLogicalId(role);
  const policies = s.template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) },
  });
  return Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement);
}

describe('LogsiftStack data stores', () => {
  it('creates every table of the shared schema on demand, with PITR, SSE, TTL where defined, retained on delete', () => {
    expect(Object.keys(base.template.findResources('AWS::DynamoDB::GlobalTable'))).toHaveLength(
      TABLES.length,
    );
    for (const def of TABLES) {
      base.template.hasResource('AWS::DynamoDB::GlobalTable', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: Match.objectLike({
          TableName: def.defaultName,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: def.sortKey
            ? [
                { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
                { AttributeName: def.sortKey.name, KeyType: 'RANGE' },
              ]
            : [{ AttributeName: def.partitionKey.name, KeyType: 'HASH' }],
          GlobalSecondaryIndexes: def.indexes.length
            ? def.indexes.map((i) => Match.objectLike({ IndexName: i.indexName }))
            : Match.absent(),
          SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
          TimeToLiveSpecification: def.ttlAttribute
            ? { AttributeName: def.ttlAttribute, Enabled: true }
            : Match.absent(),
          Replicas: [
            Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
          ],
        }),
      });
    }
  });

  it('names tables as configured and tells the functions', () => {
    const { template } = synthStack({ tableNames: { events: 'Prod-LogAnalysis' } });
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { TableName: 'Prod-LogAnalysis' });
    const vars = (
      functionsByName(template).get('logsift-processor')!.Environment as {
        Variables: Record<string, string>;
      }
    ).Variables;
    expect(vars.LOGS_TABLE).toBe('Prod-LogAnalysis');
    expect(vars.METRICS_TABLE).toBe('LogMetrics');
  });

  it('archives into a private, TLS-only, encrypted bucket with the default lifecycle, retained on delete', () => {
    const archiveId = base.stack.getLogicalId(base.stack.archive.bucket.node.defaultChild as never);
    base.template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'archive/' }),
        LifecycleConfiguration: {
          Rules: [
            Match.objectLike({
              ExpirationInDays: 365,
              Transitions: [
                { StorageClass: 'STANDARD_IA', TransitionInDays: 30 },
                { StorageClass: 'GLACIER', TransitionInDays: 90 },
              ],
            }),
          ],
        },
      }),
    });
    expect(base.template.toJSON().Resources[archiveId].Properties.VersioningConfiguration).toBeUndefined();
    base.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: archiveId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('honours archive options: versioning and a custom lifecycle', () => {
    const s = synthStack({
      archive: { versioned: true, infrequentAccessAfterDays: 60, glacierAfterDays: 120, expireAfterDays: 0 },
    });
    const id = s.stack.getLogicalId(s.stack.archive.bucket.node.defaultChild as never);
    const props = s.template.toJSON().Resources[id].Properties;
    expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const rule = props.LifecycleConfiguration.Rules[0];
    expect(rule.Transitions).toEqual([
      { StorageClass: 'STANDARD_IA', TransitionInDays: 60 },
      { StorageClass: 'GLACIER', TransitionInDays: 120 },
    ]);
    expect(rule.ExpirationInDays).toBeUndefined();
    expect(rule.NoncurrentVersionExpiration).toEqual({ NoncurrentDays: 30 });
  });

  it('rejects a lifecycle out of order', () => {
    expect(() => synthStack({ archive: { infrequentAccessAfterDays: 30, glacierAfterDays: 30 } })).toThrow(
      /glacierAfterDays/,
    );
    expect(() => synthStack({ archive: { infrequentAccessAfterDays: 10 } })).toThrow(/at least 30/);
  });
});

describe('LogsiftStack alerts', () => {
  it('encrypts the topic with a rotating stack key that CloudWatch alarms may use, TLS only', () => {
    const keyId = base.stack.getLogicalId(base.stack.alerts.key.node.defaultChild as never);
    base.template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    base.template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          }),
        ]),
      },
    });
    base.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('subscribes the AlertEmail parameter by email', () => {
    base.template.hasParameter('AlertEmail', { Type: 'String', AllowedPattern: Match.anyValue() });
    base.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: { Ref: 'AlertEmail' },
    });
  });

  it('alarms on errors and throttles of every function and on dead letters, to the topic', () => {
    const topicId = base.stack.getLogicalId(base.stack.alerts.topic.node.defaultChild as never);
    const alarms = Object.values(base.template.findResources('AWS::CloudWatch::Alarm'));
    const metrics = alarms.map((a) => `${a.Properties.Namespace}:${a.Properties.MetricName}`).sort();
    expect(metrics).toEqual([
      'AWS/Lambda:Errors',
      'AWS/Lambda:Errors',
      'AWS/Lambda:Errors',
      'AWS/Lambda:Throttles',
      'AWS/Lambda:Throttles',
      'AWS/Lambda:Throttles',
      'AWS/SQS:ApproximateNumberOfMessagesVisible',
    ]);
    for (const a of alarms) expect(a.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
  });
});

describe('LogsiftStack functions', () => {
  it('deploys the three bundles on Node 24, arm64, each with its own log group with retention', () => {
    const fns = functionsByName(base.template);
    expect([...fns.keys()].sort()).toEqual(['logsift-api', 'logsift-processor', 'logsift-schedule']);
    for (const [name, fn] of fns) {
      expect(fn.Runtime).toBe('nodejs24.x');
      expect(fn.Architectures).toEqual(['arm64']);
      expect(fn.Handler).toBe(`${name.replace('logsift-', '')}.handler`);
      base.template.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: `/aws/lambda/${name}`,
        RetentionInDays: 30,
      });
    }
    const processor = fns.get('logsift-processor')!;
    expect(processor.MemorySize).toBe(512);
    expect(processor.Timeout).toBe(60);
    expect(processor.ReservedConcurrentExecutions).toBeUndefined();
  });

  it('gives every function the environment the handlers read', () => {
    for (const fn of functionsByName(base.template).values()) {
      const vars = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(vars).sort()).toEqual(
        [
          'ALERTS_TABLE',
          'HEARTBEATS_TABLE',
          'LOGSIFT_CONFIG',
          'LOGS_TABLE',
          'METRICS_TABLE',
          'S3_BUCKET',
          'SNS_TOPIC_ARN',
        ].sort(),
      );
      expect(vars.LOGS_TABLE).toBe('LogAnalysis');
      expect(vars.METRICS_TABLE).toBe('LogMetrics');
      expect(vars.ALERTS_TABLE).toBe('LogAlerts');
      expect(vars.HEARTBEATS_TABLE).toBe('LogHeartbeats');
    }
  });

  it('ships exactly one file per function asset', () => {
    const assembly = base.app.synth();
    const assets = readdirSync(assembly.directory).filter((d) => d.startsWith('asset.'));
    const contents = assets.map((d) => readdirSync(join(assembly.directory, d)).join(',')).sort();
    expect(contents).toEqual(['api.mjs', 'processor.mjs', 'schedule.mjs']);
  });

  it('sends failed asynchronous invocations to an encrypted dead-letter queue after retries', () => {
    const dlqId = base.stack.getLogicalId(base.stack.processor.deadLetterQueue.node.defaultChild as never);
    base.template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    base.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: Match.stringLikeRegexp('Processor') },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlqId, 'Arn'] } } },
    });
  });

  it('applies processor options: memory, timeout, reserved concurrency, retries', () => {
    const { template } = synthStack({
      processor: { memorySize: 1024, reservedConcurrency: 5, retryAttempts: 0 },
    });
    const p = functionsByName(template).get('logsift-processor')!;
    expect(p.MemorySize).toBe(1024);
    expect(p.ReservedConcurrentExecutions).toBe(5);
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 0 });
  });

  it('puts the API behind an IAM-authenticated Function URL', () => {
    base.template.resourceCountIs('AWS::Lambda::Url', 1);
    base.template.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'AWS_IAM',
      TargetFunctionArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiFunction'), 'Arn'] },
    });
  });

  it('runs the schedule function every 5 minutes', () => {
    base.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ScheduleFunction'), 'Arn'] } }),
      ],
    });
  });
});

describe('LogsiftStack subscriptions and loop guard', () => {
  it('subscribes each configured group to the processor', () => {
    const filters = Object.values(base.template.findResources('AWS::Logs::SubscriptionFilter'));
    const groups = filters.map((f) => f.Properties.LogGroupName).sort();
    expect(groups).toEqual(['/aws/lambda/app2', '/aws/lambda/test-app']);
    for (const f of filters) {
      expect(f.Properties.DestinationArn).toEqual({
        'Fn::GetAtt': [expect.stringMatching(/^ProcessorFunction/), 'Arn'],
      });
    }
  });

  it("never subscribes logsift's own log groups and tells the functions to ignore them", () => {
    const groups = Object.values(base.template.findResources('AWS::Logs::SubscriptionFilter')).map(
      (f) => f.Properties.LogGroupName,
    );
    expect(groups).not.toContain('/aws/lambda/logsift-processor');
    for (const fn of functionsByName(base.template).values()) {
      const vars = (fn.Environment as { Variables: Record<string, string> }).Variables;
      const config = JSON.parse(vars.LOGSIFT_CONFIG!) as { ignoreGroups: string[] };
      expect(config.ignoreGroups).toEqual(
        expect.arrayContaining([
          '/aws/lambda/logsift-processor',
          '/aws/lambda/logsift-api',
          '/aws/lambda/logsift-schedule',
        ]),
      );
    }
  });

  it('keeps the loop guard with another name prefix and a user ignore list', () => {
    const { template } = synthStack({
      namePrefix: 'ls-prod',
      logGroups: ['/aws/lambda/ls-prod-processor', '/aws/lambda/web'],
      logsiftConfig: { ignoreGroups: ['/aws/lambda/noisy-*'], windowMinutes: 10 },
    });
    const groups = Object.values(template.findResources('AWS::Logs::SubscriptionFilter')).map(
      (f) => f.Properties.LogGroupName,
    );
    expect(groups).toEqual(['/aws/lambda/web']);
    const vars = (
      functionsByName(template).get('ls-prod-processor')!.Environment as {
        Variables: Record<string, string>;
      }
    ).Variables;
    expect(JSON.parse(vars.LOGSIFT_CONFIG!)).toEqual({
      windowMinutes: 10,
      ignoreGroups: [
        '/aws/lambda/noisy-*',
        '/aws/lambda/ls-prod-processor',
        '/aws/lambda/ls-prod-api',
        '/aws/lambda/ls-prod-schedule',
      ],
    });
  });

  it('rejects an invalid logsift configuration at synth', () => {
    expect(() => synthStack({ logsiftConfig: { windowMinutes: 0 } })).toThrow(/windowMinutes/);
  });

  it('creates no Kinesis stream and no account policy by default', () => {
    base.template.resourceCountIs('AWS::Kinesis::Stream', 0);
    base.template.resourceCountIs('AWS::Lambda::EventSourceMapping', 0);
    base.template.resourceCountIs('AWS::Logs::AccountPolicy', 0);
  });
});

describe('LogsiftStack least privilege', () => {
  it('has no managed policies, no FullAccess, no wildcard actions', () => {
    for (const role of Object.values(base.template.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
    expect(JSON.stringify(base.template.toJSON())).not.toMatch(/FullAccess/);
    const statements = iamStatements(base.template);
    expect(statements.length).toBeGreaterThan(10);
    for (const s of statements) {
      for (const action of actionsOf(s)) expect(action).not.toContain('*');
      expect(s.Resource).not.toBe('*');
    }
  });

  it('grants the processor exactly the item calls, archive writes, state reads and publish it needs', () => {
    const statements = policyStatementsOfRole(
      base,
      base.stack.processor.fn.role.node.defaultChild as CfnRole,
    );
    const actions = statements.flatMap(actionsOf).sort();
    expect(actions).toEqual(
      [
        'dynamodb:BatchGetItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
        'kms:Decrypt',
        'kms:GenerateDataKey',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        's3:GetObject',
        's3:PutObject',
        's3:PutObject',
        's3:PutObject',
        'sns:Publish',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:SendMessage',
      ].sort(),
    );
    const s3Resources = statements
      .filter((s) => actionsOf(s)[0]!.startsWith('s3:'))
      .map((s) => `${actionsOf(s)[0]} ${JSON.stringify(s.Resource).match(/"\/(\w+)\/\*"/)?.[1]}`)
      .sort();
    expect(s3Resources).toEqual([
      's3:GetObject state',
      's3:PutObject failed',
      's3:PutObject raw',
      's3:PutObject state',
    ]);
  });

  it('gives the API read-only access: tables and saved pattern state', () => {
    const actions = policyStatementsOfRole(base, base.stack.api.fn.role.node.defaultChild as CfnRole).flatMap(
      actionsOf,
    );
    expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:Scan',
    ]);
    expect(actions.filter((a) => a.startsWith('s3:'))).toEqual(['s3:GetObject']);
    expect(actions.some((a) => a.startsWith('sns:') || a.startsWith('sqs:'))).toBe(false);
  });

  it('names each index in DynamoDB grants instead of index/*', () => {
    const statements = policyStatementsOfRole(
      base,
      base.stack.processor.fn.role.node.defaultChild as CfnRole,
    );
    const dynamo = statements.find((s) => actionsOf(s)[0]!.startsWith('dynamodb:'))!;
    const text = JSON.stringify(dynamo.Resource);
    for (const def of TABLES) {
      for (const i of def.indexes) expect(text).toContain(`:table/${def.defaultName}/index/${i.indexName}`);
    }
    expect(text).not.toContain('index/*');
  });

  it('lets the API ingest only when apiIngest is on, acknowledged and nag clean', () => {
    const s = synthStack({ apiIngest: true });
    const actions = policyStatementsOfRole(s, s.stack.api.fn.role.node.defaultChild as CfnRole).flatMap(
      actionsOf,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'dynamodb:BatchWriteItem',
        'dynamodb:UpdateItem',
        's3:PutObject',
        'sns:Publish',
      ]),
    );
    expect(nagFindings(s)).toEqual([]);
  });

  it('lets the schedule read and write alerts and publish, with no archive access', () => {
    const actions = policyStatementsOfRole(
      base,
      base.stack.schedule.fn.role.node.defaultChild as CfnRole,
    ).flatMap(actionsOf);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query', 'sns:Publish']));
    expect(actions.some((a) => a.startsWith('s3:'))).toBe(false);
  });

  it('passes cdk-nag AwsSolutions with no unacknowledged finding', () => {
    expect(nagFindings(base)).toEqual([]);
  });
});
