/** Errors of SMTP delivery. */

/**
 * The SMTP server refused the message or could not be reached. `responseCode` is the server's
 * reply code when it sent one (550 mailbox unavailable, 421 try later, 535 bad login).
 */
export class SmtpDeliveryError extends Error {
  override readonly name = 'SmtpDeliveryError';
  /** False for permanent refusals (5xx, bad login): the same message would be refused again. */
  readonly retryable: boolean;
  readonly responseCode?: number;
  /** nodemailer's code: ECONNECTION, ETIMEDOUT, EAUTH, EENVELOPE, EMESSAGE, ... */
  readonly code?: string;
  constructor(
    /** `host:port`, never the credentials. */
    readonly server: string,
    cause: unknown,
  ) {
    const e = (typeof cause === 'object' && cause !== null ? cause : {}) as {
      message?: string;
      responseCode?: number;
      code?: string;
    };
    super(`SMTP ${server}: ${e.message ?? String(cause)}`, { cause });
    if (typeof e.responseCode === 'number') this.responseCode = e.responseCode;
    if (typeof e.code === 'string') this.code = e.code;
    const permanent = (this.responseCode !== undefined && this.responseCode >= 500) || this.code === 'EAUTH';
    this.retryable = !permanent;
  }
}
