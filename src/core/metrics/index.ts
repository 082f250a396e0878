export { bucketOf, bucketValue, LatencySketch, RELATIVE_ACCURACY } from './LatencySketch.js';
export { type AggregatedEvent, WindowAggregator } from './WindowAggregator.js';
export {
  addCounter,
  countAtLeast,
  DEFAULT_WINDOW_MS,
  emptyWindow,
  mergeWindow,
  mergeWindows,
  raiseMax,
  type SeverityCounts,
  severityCounts,
  type WindowDelta,
  type WindowView,
  windowKey,
  windowStart,
  windowView,
} from './window.js';
