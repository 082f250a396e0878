/**
 * Errors of webhook delivery. Messages name the endpoint by origin only: webhook URLs carry their
 * secret in the path (Slack, Teams) and errors end up in logs and the API.
 */

/** The endpoint answered with a status outside 2xx. */
export class WebhookResponseError extends Error {
  override readonly name = 'WebhookResponseError';
  /** False for 4xx other than 408, 425 and 429: the same request would fail again. */
  readonly retryable: boolean;
  /** From a Retry-After header, when the endpoint sent one. */
  readonly retryAfterMs?: number;
  constructor(
    readonly endpoint: string,
    readonly status: number,
    readonly statusText: string,
    /** The start of the response body, one line. */
    readonly bodyExcerpt: string,
    retryAfterMs?: number,
  ) {
    super(
      `HTTP ${status}${statusText ? ` ${statusText}` : ''} from ${endpoint}${bodyExcerpt ? `: ${JSON.stringify(bodyExcerpt)}` : ''}`,
    );
    this.retryable = status >= 500 || status === 408 || status === 425 || status === 429 || status < 400;
    if (retryAfterMs !== undefined) this.retryAfterMs = retryAfterMs;
  }
}

/** No response: connection refused, DNS failure, TLS error, or the timeout. */
export class WebhookRequestError extends Error {
  override readonly name = 'WebhookRequestError';
  readonly retryable = true;
  constructor(
    readonly endpoint: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`request to ${endpoint} failed: ${reason}`, options);
  }
}
