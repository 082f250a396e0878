/**
 * Where a detector writes why it decided, when the caller asked for an explanation. Detectors
 * receive `null` on the hot path, so building reason strings costs nothing there.
 */
export interface Why {
  reason: string;
}
