/**
 * The Lambda functions' environment (names fixed by the seed and the CDK stack):
 * - LOGS_TABLE, METRICS_TABLE, ALERTS_TABLE (and HEARTBEATS_TABLE): DynamoDB tables;
 * - SNS_TOPIC_ARN: where alerts are published (unset: no SNS channel);
 * - S3_BUCKET: archive and pattern state (unset: no archive, patterns start fresh per cold start);
 * - LOGSIFT_CONFIG: the configuration as JSON (unset: defaults);
 * - AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> (read by the SDK itself) and S3_FORCE_PATH_STYLE
 *   (`true`): so the same bundle runs against emulators;
 * - LOGSIFT_API_TOKEN: optional bearer token the API function requires besides its IAM auth;
 * - LOGSIFT_DASHBOARD_URL: optional link base for alert messages.
 */
import { LambdaEnvError } from './errors.js';

export interface LambdaEnv {
  region: string;
  bucket?: string;
  topicArn?: string;
  forcePathStyle: boolean;
  apiToken?: string;
  dashboardUrl?: string;
}

function flag(env: Record<string, string | undefined>, name: string): boolean {
  const v = env[name]?.trim().toLowerCase();
  if (v === undefined || v === '' || v === 'false' || v === '0') return false;
  if (v === 'true' || v === '1') return true;
  throw new LambdaEnvError(name, `must be true or false, got "${env[name]}"`);
}

function optional(env: Record<string, string | undefined>, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

/**
 * Reads and checks the environment once per cold start.
 *
 * @example
 * const env = readLambdaEnv(process.env); // { region: 'eu-west-1', bucket: 'logsift-archive', ... }
 */
export function readLambdaEnv(env: Record<string, string | undefined> = process.env): LambdaEnv {
  const out: LambdaEnv = {
    region: optional(env, 'AWS_REGION') ?? optional(env, 'AWS_DEFAULT_REGION') ?? 'us-east-1',
    forcePathStyle: flag(env, 'S3_FORCE_PATH_STYLE'),
  };
  const bucket = optional(env, 'S3_BUCKET');
  if (bucket !== undefined) {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
      throw new LambdaEnvError('S3_BUCKET', `is not a bucket name: "${bucket}"`);
    out.bucket = bucket;
  }
  const topicArn = optional(env, 'SNS_TOPIC_ARN');
  if (topicArn !== undefined) out.topicArn = topicArn;
  const apiToken = optional(env, 'LOGSIFT_API_TOKEN');
  if (apiToken !== undefined) {
    if (apiToken.length < 16) throw new LambdaEnvError('LOGSIFT_API_TOKEN', 'must be at least 16 characters');
    out.apiToken = apiToken;
  }
  const dashboardUrl = optional(env, 'LOGSIFT_DASHBOARD_URL');
  if (dashboardUrl !== undefined) out.dashboardUrl = dashboardUrl;
  return out;
}
