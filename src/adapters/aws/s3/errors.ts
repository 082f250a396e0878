/** Errors of the S3 adapters. */

/** A pattern state object in S3 that is not JSON (written by something else, or cut short). */
export class PatternStateFormatError extends Error {
  override readonly name = 'PatternStateFormatError';
  constructor(
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    super(`pattern state s3://.../${key} is not valid JSON`, options);
  }
}
