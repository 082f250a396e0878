/**
 * The HTTP API: `createApi(deps)` builds the Hono app; hosts serve it (Node, Lambda) and publish to
 * the TailHub when they process batches outside the ingest routes.
 */
export { createApi, ENDPOINTS } from './app.js';
export {
  type ApiDeps,
  type ApiLogger,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_TAIL_HEARTBEAT_MS,
  minerPatterns,
  type PatternView,
  storedPatterns,
} from './deps.js';
export { BadRequestError, HttpError, MethodNotAllowedError, PayloadTooLargeError } from './errors.js';
export { parseTime } from './params.js';
export type { GroupView } from './routes/groups.js';
export {
  type TailDelivery,
  type TailFilter,
  TailHub,
  type TailHubOptions,
  type TailMessage,
} from './TailHub.js';
