/** Errors of the CloudWatch Logs writer. */

/** A log event PutLogEvents would reject whatever the retry: larger than 256 KiB with its overhead. */
export class LogEventTooLargeError extends Error {
  override readonly name = 'LogEventTooLargeError';
  constructor(bytes: number) {
    super(`a log event of ${bytes} bytes exceeds PutLogEvents' 262144-byte limit per event`);
  }
}
