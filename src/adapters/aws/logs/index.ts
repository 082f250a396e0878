/** CloudWatch Logs adapter: writes events into a log stream (for `logsift send-test-logs`). */
export { LogEventTooLargeError } from './errors.js';
export { type LogEventInput, LogStreamWriter } from './LogStreamWriter.js';
