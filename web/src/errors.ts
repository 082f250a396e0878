/** A request to the logsift API failed: network, HTTP status or an unreadable body. */
export class ApiRequestError extends Error {
  /** HTTP status, or 0 when the server was not reached. */
  readonly status: number;
  /** The API path, for the error banner (`/api/metrics`). */
  readonly path: string;

  constructor(path: string, status: number, message: string) {
    super(message);
    this.name = 'ApiRequestError';
    this.path = path;
    this.status = status;
  }
}
