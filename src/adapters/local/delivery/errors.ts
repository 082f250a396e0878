/** Errors of alert delivery: retries exhausted, a closed notifier, a notify configuration that cannot work. */

/**
 * A message could not be delivered on a channel after every attempt (`attempts` 0: not tried at
 * all). `cause` is the last attempt's error (for example a WebhookResponseError with the HTTP status).
 */
export class DeliveryError extends Error {
  override readonly name: string = 'DeliveryError';
  constructor(
    readonly channel: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(
      attempts === 0
        ? `${channel}: not tried: ${messageOf(cause)}`
        : `${channel}: not delivered after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${messageOf(cause)}`,
      { cause },
    );
  }
}

/**
 * The channel failed every attempt recently, so this alert was not tried: the pipeline records a
 * failed delivery at once instead of waiting through retries again (see ReliableNotifier's
 * `downCooldownMs`). A firing recorded as failed is sent again when a later batch hits it.
 */
export class ChannelDownError extends DeliveryError {
  override readonly name = 'ChannelDownError';
  constructor(
    channel: string,
    readonly until: number,
    lastError: string,
  ) {
    super(channel, 0, new Error(`channel down until ${new Date(until).toISOString()} after: ${lastError}`));
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
