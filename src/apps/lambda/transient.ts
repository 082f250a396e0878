/**
 * Which failures a retry can fix. Lambda retries a failed invocation (CloudWatch: async retries;
 * Kinesis: the same records again), which is harmless because every write is idempotent, and
 * useful only when the cause passes: throttling, a 5xx, a dropped connection, a timeout.
 */

const TRANSIENT_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ServiceUnavailable',
  'InternalError',
  'InternalServerError',
  'InternalFailure',
  'TransactionInProgressException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'AbortError',
]);

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

interface ErrorShape {
  name?: string;
  code?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

/**
 * True when the error (or its cause) is throttling, a server-side 5xx, a timeout or a network
 * failure: the invocation should fail so Lambda retries it.
 *
 * @example
 * isTransient(Object.assign(new Error('slow down'), { name: 'ThrottlingException' })); // true
 * isTransient(new DecodeError('gzip', 'awslogs.data', 'is not gzip')); // false
 */
export function isTransient(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 3) return false;
  const e = err as ErrorShape;
  if (e.$retryable) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  if (e.name && TRANSIENT_NAMES.has(e.name)) return true;
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  return isTransient(e.cause, depth + 1);
}
