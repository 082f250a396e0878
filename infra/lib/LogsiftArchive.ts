import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, type IConstruct } from 'constructs';
import { InfraConfigError } from './errors.js';

export interface LogsiftArchiveOptions {
  /** Keep every version of every object (costs storage; guards against overwrites). @default false */
  readonly versioned?: boolean;
  /** Days before objects move to S3 Standard-IA; S3 requires at least 30. @default 30 */
  readonly infrequentAccessAfterDays?: number;
  /** Days before objects move to Glacier Flexible Retrieval; must exceed the IA day. @default 90 */
  readonly glacierAfterDays?: number;
  /** Days before objects are deleted; 0 keeps them forever. Must exceed the Glacier day. @default 365 */
  readonly expireAfterDays?: number;
  /** Days the server access logs are kept. @default 90 */
  readonly accessLogExpireAfterDays?: number;
}

export interface LogsiftArchiveProps extends LogsiftArchiveOptions {
  /** What CloudFormation does with the buckets when the stack is deleted. @default RemovalPolicy.RETAIN (archived logs) */
  readonly removalPolicy?: RemovalPolicy;
}

/** Object key prefixes the pipeline writes (see src/core/archiveKeys.ts). */
export const ARCHIVE_PREFIXES = { raw: 'raw/', failed: 'failed/', state: 'state/' } as const;

/**
 * The raw-log archive: SSE-S3, public access blocked, TLS only, lifecycle IA -> Glacier -> expiry,
 * server access logs into a second bucket.
 *
 * @example
 * const archive = new LogsiftArchive(this, 'Archive', { glacierAfterDays: 180 });
 * archive.grantPut(role, ARCHIVE_PREFIXES.raw);
 */
export class LogsiftArchive extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogs: s3.Bucket;

  constructor(scope: Construct, id: string, props: LogsiftArchiveProps = {}) {
    super(scope, id);
    // Access logs are delivered under a bucket policy, not the legacy LogDeliveryWrite ACL, so both
    // buckets can keep ACLs disabled (BucketOwnerEnforced).
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const ia = props.infrequentAccessAfterDays ?? 30;
    const glacier = props.glacierAfterDays ?? 90;
    const expire = props.expireAfterDays ?? 365;
    checkLifecycle(ia, glacier, expire);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const versioned = props.versioned ?? false;

    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(props.accessLogExpireAfterDays ?? 90) }],
      removalPolicy,
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket receives the archive bucket access logs; logging it into itself would loop.',
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'archive/',
      lifecycleRules: [
        {
          id: 'tiering',
          transitions: [
            { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(ia) },
            { storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(glacier) },
          ],
          expiration: expire > 0 ? Duration.days(expire) : undefined,
          noncurrentVersionExpiration: versioned ? Duration.days(30) : undefined,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      removalPolicy,
    });
  }

  /**
   * s3:PutObject (only; the bucket's own grantPut adds `s3:Abort*` and tagging) under one key prefix,
   * e.g. `raw/`. Object keys are generated per batch, so the resource has to end in `*`: the matching
   * cdk-nag IAM5 finding is acknowledged for this prefix and this grantee only.
   */
  grantPut(grantee: iam.IGrantable & IConstruct, prefix: string): iam.Grant {
    return this.grantObjects(grantee, 's3:PutObject', prefix);
  }

  /** s3:GetObject (no ListBucket, no versions) under one key prefix, acknowledged like grantPut. */
  grantGet(grantee: iam.IGrantable & IConstruct, prefix: string): iam.Grant {
    return this.grantObjects(grantee, 's3:GetObject', prefix);
  }

  private grantObjects(grantee: iam.IGrantable & IConstruct, action: string, prefix: string): iam.Grant {
    const logicalId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    Validations.of(grantee).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/${prefix}*]`,
      reason: `Object keys under ${prefix} are generated per batch (see src/core/archiveKeys.ts); the wildcard is limited to that prefix of the one archive bucket.`,
    });
    return iam.Grant.addToPrincipal({
      grantee,
      actions: [action],
      resourceArns: [this.bucket.arnForObjects(`${prefix}*`)],
    });
  }
}

function checkLifecycle(ia: number, glacier: number, expire: number): void {
  const whole = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 0)
      throw new InfraConfigError(name, `must be a whole number of days, got ${v}`);
  };
  whole('archive.infrequentAccessAfterDays', ia);
  whole('archive.glacierAfterDays', glacier);
  whole('archive.expireAfterDays', expire);
  if (ia < 30)
    throw new InfraConfigError('archive.infrequentAccessAfterDays', `S3 requires at least 30, got ${ia}`);
  if (glacier <= ia) {
    throw new InfraConfigError(
      'archive.glacierAfterDays',
      `must be greater than infrequentAccessAfterDays (${ia})`,
    );
  }
  if (expire !== 0 && expire <= glacier) {
    throw new InfraConfigError(
      'archive.expireAfterDays',
      `must be 0 (never) or greater than glacierAfterDays (${glacier})`,
    );
  }
}
