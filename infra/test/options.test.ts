import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { actionsOf, iamStatements, nagFindings, synthStack } from './fixtures.js';

describe('LogsiftStack with Kinesis ingest', () => {
  // Prepare
  const s = synthStack({ kinesis: { shardCount: 2, batchSize: 500, parallelizationFactor: 4 } });

  it('creates an encrypted stream and maps it to the processor with partial batch responses and bisect', () => {
    // Assess
    s.template.hasResourceProperties('AWS::Kinesis::Stream', {
      ShardCount: 2,
      StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
    });
    const dlqId = s.stack.getLogicalId(s.stack.processor.deadLetterQueue.node.defaultChild as never);
    s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: Match.stringLikeRegexp('^ProcessorFunction') },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      BatchSize: 500,
      ParallelizationFactor: 4,
      StartingPosition: 'LATEST',
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlqId, 'Arn'] } } },
    });
  });

  it('subscribes groups to the stream through a role only CloudWatch Logs can assume, limited to PutRecord(s)', () => {
    const roleId = s.stack.getLogicalId(s.stack.kinesis!.logsRole.node.defaultChild as never);
    const streamId = s.stack.getLogicalId(s.stack.kinesis!.stream.node.defaultChild as never);
    s.template.hasResourceProperties('AWS::Logs::SubscriptionFilter', {
      LogGroupName: '/aws/lambda/test-app',
      DestinationArn: { 'Fn::GetAtt': [streamId, 'Arn'] },
      RoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] },
    });
    s.template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({ Principal: { Service: 'logs.amazonaws.com' }, Condition: Match.anyValue() }),
        ],
      },
    });
    const policy = Object.values(
      s.template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }),
    )[0]!;
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      {
        Action: ['kinesis:PutRecord', 'kinesis:PutRecords'],
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [streamId, 'Arn'] },
      },
    ]);
  });

  it('alarms when the processor falls behind the stream', () => {
    s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Kinesis',
      MetricName: 'GetRecords.IteratorAgeMilliseconds',
      Threshold: 300_000,
    });
  });

  it('stays least privilege and cdk-nag clean', () => {
    for (const st of iamStatements(s.template)) for (const a of actionsOf(st)) expect(a).not.toContain('*');
    expect(nagFindings(s)).toEqual([]);
  });

  it('uses on-demand capacity when no shard count is given', () => {
    const { template } = synthStack({ kinesis: {} });
    template.hasResourceProperties('AWS::Kinesis::Stream', {
      StreamModeDetails: { StreamMode: 'ON_DEMAND' },
    });
  });
});

describe('LogsiftStack with the account-level subscription policy', () => {
  const s = synthStack({ accountPolicy: true });

  it("replaces per-group filters with one policy that excludes logsift's own groups", () => {
    s.template.resourceCountIs('AWS::Logs::SubscriptionFilter', 0);
    s.template.resourceCountIs('AWS::Logs::AccountPolicy', 1);
    const policy = Object.values(s.template.findResources('AWS::Logs::AccountPolicy'))[0]!.Properties;
    expect(policy.PolicyType).toBe('SUBSCRIPTION_FILTER_POLICY');
    expect(policy.Scope).toBe('ALL');
    expect(policy.SelectionCriteria).toBe(
      'LogGroupName NOT IN ["/aws/lambda/logsift-processor", "/aws/lambda/logsift-api", "/aws/lambda/logsift-schedule"]',
    );
    expect(JSON.stringify(policy.PolicyDocument)).toMatch(/ProcessorFunction/);
  });

  it('lets CloudWatch Logs of this account invoke the processor', () => {
    s.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'logs.amazonaws.com',
      SourceAccount: '123456789012',
      SourceArn: { 'Fn::Join': ['', Match.arrayWith([':logs:us-east-1:123456789012:log-group:*'])] },
    });
  });

  it('points the policy at the stream and its role when Kinesis is on', () => {
    const k = synthStack({ accountPolicy: true, kinesis: {} });
    const doc = JSON.stringify(
      Object.values(k.template.findResources('AWS::Logs::AccountPolicy'))[0]!.Properties.PolicyDocument,
    );
    expect(doc).toMatch(/KinesisStream/);
    expect(doc).toMatch(/RoleArn/);
    expect(nagFindings(k)).toEqual([]);
  });

  it('is cdk-nag clean', () => {
    expect(nagFindings(s)).toEqual([]);
  });
});
