/** Errors of the SNS notifier. */

/** A topic ARN that is not one (caught at construction, not on the first alert). */
export class SnsTopicArnError extends Error {
  override readonly name = 'SnsTopicArnError';
  constructor(arn: string) {
    super(`SNS topic ARN "${arn.slice(0, 300)}" is not an arn:<partition>:sns:<region>:<account>:<name>`);
  }
}
