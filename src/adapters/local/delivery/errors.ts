/** Errors of alert delivery: retries exhausted, a closed notifier, a notify configuration that cannot work. */

/**
 * A message could not be delivered on a channel after every attempt. `cause` is the last attempt's
 * error (for example a WebhookResponseError with the HTTP status).
 */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    readonly channel: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(
      `${channel}: not delivered after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${messageOf(cause)}`,
      {
        cause,
      },
    );
  }
}

/** notify() or sendReport() was called after close(). */
export class NotifierClosedError extends Error {
  override readonly name = 'NotifierClosedError';
  constructor(readonly channel: string) {
    super(`${channel}: the notifier is closed`);
  }
}

/** The notify configuration names two channels alike (channel names select channels in rules). */
export class NotifierConfigError extends Error {
  override readonly name = 'NotifierConfigError';
}

/** The message of any thrown value. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
