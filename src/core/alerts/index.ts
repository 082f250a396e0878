export { AlertEvaluator, dedupKeyOf, firingId, type MatchHits } from './AlertEvaluator.js';
export type { AlertExample, AlertFiring, AlertState, DeliveryRecord, StoredAlert } from './types.js';
