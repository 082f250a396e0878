/**
 * How an AnalyzedEvent is laid out as a DynamoDB item (see ../schema.ts for why): keys for the
 * table and its indexes, short attribute names, fields as JSON text, and the 400 KB item guard.
 */
import type { AnalyzedEvent, Fields, Severity } from '../../../core/types.js';

export const HOUR_MS = 3_600_000;
/** Largest timestamp the inverted sort key holds: 13 digits, year 2286. */
const MAX_TS = 9_999_999_999_999;
/** DynamoDB's item limit is 400 KB; keep a margin for attribute names and numbers. */
export const MAX_ITEM_BYTES = 390_000;

export interface EventItem {
  pk: string;
  sk: string;
  sevPk: string;
  timePk: string;
  xSk: string;
  corr?: string;
  g: string;
  id: string;
  st: string;
  ts: number;
  sev: Severity;
  msg: string;
  /** The message lower-cased, for `q` (DynamoDB's contains is case-sensitive). */
  lm: string;
  /** Fields as JSON text: keeps number/boolean/string types exactly. */
  f: string;
  pid?: string;
  tpl?: string;
  bid: string;
  tr?: boolean;
  /** expiresAt, epoch ms. */
  exp?: number;
  /** expiresAt in epoch seconds, rounded up, for DynamoDB TTL. */
  ttl?: number;
}

export function hourOf(timestamp: number): number {
  return Math.floor(timestamp / HOUR_MS);
}

/** 13 digits that sort ascending as the timestamp descends. */
export function invertedTime(timestamp: number): string {
  return String(MAX_TS - Math.min(MAX_TS, Math.max(0, Math.trunc(timestamp)))).padStart(13, '0');
}

export const eventPk = (group: string, hour: number) => `${group}#${hour}`;
export const severityPk = (group: string, severity: string, hour: number) => `${group}#${severity}#${hour}`;
export const eventSk = (timestamp: number, id: string) => `${invertedTime(timestamp)}#${id}`;
export const crossSk = (timestamp: number, group: string, id: string) =>
  `${invertedTime(timestamp)}#${group}#${id}`;

/** The epoch-seconds TTL DynamoDB deletes on: never before expiresAt. */
export function ttlSeconds(expiresAt: number): number {
  return Math.ceil(expiresAt / 1000);
}

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** Cuts `s` to at most `bytes` UTF-8 bytes without splitting a character. */
function cutUtf8(s: string, bytes: number): string {
  if (bytes <= 0) return '';
  const cut = Buffer.from(s, 'utf8').subarray(0, bytes).toString('utf8');
  return cut.endsWith('\uFFFD') && !s.startsWith(cut) ? cut.slice(0, -1) : cut;
}

/** Keeps the fields that fit in `budget` bytes of JSON, in order. */
function fitFields(fields: Fields, budget: number): string {
  const kept: Fields = {};
  let size = 2;
  for (const [k, v] of Object.entries(fields)) {
    const add = utf8(JSON.stringify(k)) + utf8(JSON.stringify(v)) + 2;
    if (size + add > budget) continue;
    kept[k] = v;
    size += add;
  }
  return JSON.stringify(kept);
}

/**
 * The item for `e`. Items stay under 400 KB: the pipeline already cuts long messages
 * (store.maxMessageBytes), but a huge fields map or template could still overflow, so the fields
 * that do not fit are dropped, then the message is cut, and `tr` (truncated) is set; the archive
 * keeps the event whole.
 */
export function toEventItem(e: AnalyzedEvent): EventItem {
  let msg = e.message;
  let f = JSON.stringify(e.fields);
  let truncated = e.truncated;
  const tpl = e.template;
  // Cheap pre-check: 3 bytes per UTF-16 unit is the worst case, twice for msg (msg and lm).
  const worst = (msg.length * 2 + f.length + (tpl?.length ?? 0)) * 3 + e.group.length * 12 + e.id.length * 6;
  if (worst > MAX_ITEM_BYTES) {
    const fixed = utf8(e.group) * 4 + utf8(e.id) * 3 + utf8(e.stream) + utf8(e.batchId) + 1024;
    const tplBytes = tpl ? Math.min(utf8(tpl), 16_384) : 0;
    let room = MAX_ITEM_BYTES - fixed - tplBytes;
    const msgBytes = utf8(msg);
    if (msgBytes * 2 + utf8(f) > room) {
      truncated = true;
      const fieldsBudget = Math.max(2, room - 2 * Math.min(msgBytes, room / 4));
      f = fitFields(e.fields, fieldsBudget);
      room -= utf8(f);
      if (msgBytes * 2 > room) msg = cutUtf8(msg, Math.floor(room / 2));
    }
  }
  const item: EventItem = {
    pk: eventPk(e.group, hourOf(e.timestamp)),
    sk: eventSk(e.timestamp, e.id),
    sevPk: severityPk(e.group, e.severity, hourOf(e.timestamp)),
    timePk: String(hourOf(e.timestamp)),
    xSk: crossSk(e.timestamp, e.group, e.id),
    g: e.group,
    id: e.id,
    st: e.stream,
    ts: e.timestamp,
    sev: e.severity,
    msg,
    lm: msg.toLowerCase(),
    f,
    bid: e.batchId,
  };
  if (e.correlationId !== undefined) item.corr = e.correlationId;
  if (e.patternId !== undefined) item.pid = e.patternId;
  if (tpl !== undefined) item.tpl = tpl.length > 16_384 ? cutUtf8(tpl, 16_384) : tpl;
  if (truncated !== undefined) item.tr = truncated;
  if (e.expiresAt !== undefined) {
    item.exp = e.expiresAt;
    item.ttl = ttlSeconds(e.expiresAt);
  }
  return item;
}

export function fromEventItem(item: Record<string, unknown>): AnalyzedEvent {
  const i = item as unknown as EventItem;
  const e: AnalyzedEvent = {
    id: i.id,
    group: i.g,
    stream: i.st,
    timestamp: i.ts,
    severity: i.sev,
    message: i.msg,
    fields: JSON.parse(i.f) as Fields,
    batchId: i.bid,
  };
  if (i.pid !== undefined) e.patternId = i.pid;
  if (i.tpl !== undefined) e.template = i.tpl;
  if (i.corr !== undefined) e.correlationId = i.corr;
  if (i.tr !== undefined) e.truncated = i.tr;
  if (i.exp !== undefined) e.expiresAt = i.exp;
  return e;
}
