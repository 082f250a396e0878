/**
 * Archive layout shared by the S3 and folder archives, partitioned for Athena:
 *   raw/logGroup=<group>/dt=YYYY-MM-DD/hour=HH/<batchId>.ndjson.gz
 *   failed/dt=YYYY-MM-DD/hour=HH/<payloadId>.json.gz (with <payloadId>.error.json beside it)
 * The group is URI-encoded so `/aws/lambda/x` stays one path segment. Partition time is the
 * batch's earliest event time, so late and retried data land beside their events.
 */
import type { LogBatch } from './types.js';

function partition(time: number): string {
  const iso = new Date(Number.isFinite(time) ? time : 0).toISOString();
  return `dt=${iso.slice(0, 10)}/hour=${iso.slice(11, 13)}`;
}

export function archiveKey(batch: Pick<LogBatch, 'id' | 'group' | 'events'>, fallbackTime: number): string {
  let earliest = Number.POSITIVE_INFINITY;
  for (const e of batch.events) if (e.timestamp < earliest) earliest = e.timestamp;
  const time = Number.isFinite(earliest) ? earliest : fallbackTime;
  return `raw/logGroup=${encodeURIComponent(batch.group)}/${partition(time)}/${batch.id}.ndjson.gz`;
}

export function failedKey(payloadId: string, time: number): string {
  return `failed/${partition(time)}/${payloadId}.json.gz`;
}

/**
 * The raw batch as NDJSON, one self-describing record per event (the same columns on every line,
 * so Athena's JSON SerDe reads it as one table).
 */
export function batchToNdjson(batch: LogBatch, messages?: readonly string[]): string {
  const common = `,"logGroup":${JSON.stringify(batch.group)},"logStream":${JSON.stringify(batch.stream)},"owner":${JSON.stringify(batch.owner ?? null)},"batchId":${JSON.stringify(batch.id)},"source":${JSON.stringify(batch.source)}`;
  let out = '';
  for (let i = 0; i < batch.events.length; i++) {
    const e = batch.events[i]!;
    const message = messages?.[i] ?? e.message;
    const extracted = e.extractedFields ? `,"extractedFields":${JSON.stringify(e.extractedFields)}` : '';
    out += `{"id":${JSON.stringify(e.id)},"timestamp":${e.timestamp},"message":${JSON.stringify(message)}${extracted}${common}}\n`;
  }
  return out;
}
