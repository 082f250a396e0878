import { describe, expect, it } from 'vitest';
import { readLambdaEnv } from './env.js';
import { LambdaEnvError } from './errors.js';
import { isTransient } from './transient.js';

describe('readLambdaEnv', () => {
  it('reads the fixed names', () => {
    expect(
      readLambdaEnv({
        AWS_REGION: 'ap-south-1',
        S3_BUCKET: 'logsift-archive',
        SNS_TOPIC_ARN: 'arn:aws:sns:ap-south-1:123456789012:alerts',
        S3_FORCE_PATH_STYLE: 'true',
      }),
    ).toEqual({
      region: 'ap-south-1',
      bucket: 'logsift-archive',
      topicArn: 'arn:aws:sns:ap-south-1:123456789012:alerts',
      forcePathStyle: true,
    });
  });

  it('rejects malformed values with the variable named', () => {
    expect(() => readLambdaEnv({ S3_FORCE_PATH_STYLE: 'yes' })).toThrow(LambdaEnvError);
    expect(() => readLambdaEnv({ S3_BUCKET: 'Not_A_Bucket' })).toThrow(/S3_BUCKET/);
    expect(() => readLambdaEnv({ LOGSIFT_API_TOKEN: 'short' })).toThrow(/LOGSIFT_API_TOKEN/);
  });
});

describe('isTransient', () => {
  const err = (props: object) => Object.assign(new Error('x'), props);
  it.each([
    ['throttling', err({ name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } })],
    ['a 5xx', err({ name: 'Whatever', $metadata: { httpStatusCode: 503 } })],
    ['a refused connection', err({ code: 'ECONNREFUSED' })],
    ['an SDK-retryable error', err({ $retryable: {} })],
    ['a cause that is transient', new Error('wrapped', { cause: err({ name: 'SlowDown' }) })],
  ])('is true for %s', (_, e) => {
    expect(isTransient(e)).toBe(true);
  });

  it.each([
    ['a validation error', err({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } })],
    ['access denied', err({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } })],
    ['a plain bug', new TypeError('undefined is not a function')],
    ['a non-error', 'boom'],
  ])('is false for %s', (_, e) => {
    expect(isTransient(e)).toBe(false);
  });
});
