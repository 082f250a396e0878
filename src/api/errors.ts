/**
 * Errors the HTTP API answers with a status of their own. Anything else thrown by a route is a 500
 * whose detail goes to the injected logger, never to the client.
 */

/** An error with the HTTP status and the one-line message the client gets as `{"error": message}`. */
export class HttpError extends Error {
  override readonly name: string = 'HttpError';
  constructor(
    readonly status: 400 | 404 | 405 | 413,
    message: string,
    /** Extra fields of the JSON error body, e.g. a decode error's `stage` and `path`. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/**
 * A request the API cannot act on. The message says what was wrong and where (a parameter name, a
 * field path, a line number), so the client can fix it without reading server logs.
 *
 * @example
 * throw new BadRequestError('query parameter "limit": must be an integer from 1 to 1000, got "0"');
 */
export class BadRequestError extends HttpError {
  override readonly name = 'BadRequestError';
  constructor(message: string, details?: Record<string, unknown>) {
    super(400, message, details);
  }
}

/** A body over the configured limit (`maxBodyBytes`). */
export class PayloadTooLargeError extends HttpError {
  override readonly name = 'PayloadTooLargeError';
  constructor(readonly limit: number) {
    super(413, `request body is larger than the limit of ${limit} bytes: send smaller batches`);
  }
}

/** A known path asked with a method it does not support; `allow` lists the methods it does. */
export class MethodNotAllowedError extends HttpError {
  override readonly name = 'MethodNotAllowedError';
  constructor(
    method: string,
    path: string,
    readonly allow: readonly string[],
  ) {
    super(405, `method ${method} is not allowed on ${path}: use ${allow.join(' or ')}`);
  }
}
