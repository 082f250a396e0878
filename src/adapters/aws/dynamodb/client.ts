/**
 * The DynamoDB clients the stores share. Region and endpoint come from the SDK's own resolution:
 * AWS_REGION, AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_DYNAMODB are honored by the SDK itself, so the
 * same Lambda bundle runs against dynalite or any emulator.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface DynamoClientOptions {
  /** The default value is AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1. */
  region?: string;
  /** Attempts per call, SDK retries of throttling and 5xx included. The default value is 5. */
  maxAttempts?: number;
  /** Overrides the SDK's endpoint resolution (tests). */
  endpoint?: string;
  /** Milliseconds before a request without a response is abandoned. The default value is 5000. */
  requestTimeoutMs?: number;
  credentials?: DynamoDBClientConfig['credentials'];
}

/**
 * A DynamoDBClient configured from the environment.
 *
 * @example
 * const client = createDynamoClient(); // AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:4567 for an emulator
 */
export function createDynamoClient(
  options: DynamoClientOptions = {},
  env: Record<string, string | undefined> = process.env,
): DynamoDBClient {
  return new DynamoDBClient({
    region: options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    maxAttempts: options.maxAttempts ?? 5,
    requestHandler: new NodeHttpHandler({ requestTimeout: options.requestTimeoutMs ?? 5000 }),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
}

/** The document client over `client`: plain JS values in and out, undefined attributes dropped. */
export function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
}
