export { AlertEvaluator, type MatchHits } from './AlertEvaluator.js';
export { AnomalyEvaluator, type BornPattern, type PatternDescription } from './anomaly.js';
export { buildFiring, dedupKeyOf, type FiringDetail, firingId } from './firing.js';
export { evaluateFlatline, flatlineRange, LAST_EVENT_MAX, lastSeenByGroup } from './flatline.js';
export type { AlertExample, AlertFiring, AlertState, DeliveryRecord, StoredAlert } from './types.js';
