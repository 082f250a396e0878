/** Metrics adapter: the processor's custom CloudWatch metrics as EMF (Powertools Metrics). */
export {
  BatchMetrics,
  type BatchMetricsLogger,
  type BatchMetricsOptions,
  openBatchMetrics,
} from './BatchMetrics.js';
