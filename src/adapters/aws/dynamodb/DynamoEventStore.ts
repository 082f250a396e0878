import {
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type CursorPosition,
  decodeCursor,
  encodeCursor,
  normalizeLimit,
} from '../../../core/memory/paging.js';
import type { EventPage, EventQuery, EventStore } from '../../../core/ports.js';
import type { AnalyzedEvent } from '../../../core/types.js';
import { batchGetAll, batchWriteAll, type Item, type RetryOptions } from './batch.js';
import {
  crossSk,
  eventPk,
  eventSk,
  fromEventItem,
  hourOf,
  invertedTime,
  severityPk,
  toEventItem,
} from './eventItem.js';
import { ALL_GROUPS, HourCatalog } from './HourCatalog.js';

/**
 * Hours younger than this are never pruned from the catalog: late events may still land in them
 * while a writer trusts its memory of having registered them.
 */
const PRUNE_LAG_HOURS = 48;

export interface DynamoEventStoreOptions {
  doc: DynamoDBDocumentClient;
  /** The default value is LogAnalysis (see tableNamesFromEnv). */
  table: string;
  retry?: RetryOptions;
}

/** One Query target: a partition of the table or of an index, and where to resume in it. */
interface Bucket {
  pkValue: string;
  hour?: number;
}

interface Plan {
  index?: string;
  pkName: string;
  skName: 'sk' | 'xSk';
  buckets: Bucket[];
  /** The ExclusiveStartKey that resumes after `p` in this plan's index. */
  startKey(p: CursorPosition): Item;
  consistent: boolean;
}

/**
 * Events in DynamoDB (layout in ../schema.ts), idempotent by (group, id). putEvents reads the
 * keys first (BatchGetItem, 100 per request) so duplicates are counted honestly, then writes the
 * new ones with BatchWriteItem (25 per request, 8 in flight, unprocessed items retried with
 * backoff); a PutItem per event with a condition would be exact under races too, but costs a
 * round trip per event. Racing calls with the same events store them once, yet both may count
 * them as written. Queries walk hour buckets newest first, pages in the memory store's order
 * with its opaque cursor; `q` is a `contains` filter on the lower-cased message.
 *
 * @example
 * const events = new DynamoEventStore({ doc: documentClient(createDynamoClient()), table: 'LogAnalysis' });
 * await events.putEvents(analyzed); // => { written: 120, duplicates: 0 }
 * await events.queryEvents({ group: '/aws/lambda/test-app', severity: 'ERROR', limit: 50 });
 */
export class DynamoEventStore implements EventStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly retry: RetryOptions;
  private readonly catalog: HourCatalog;

  constructor(options: DynamoEventStoreOptions) {
    this.doc = options.doc;
    this.table = options.table;
    this.retry = options.retry ?? {};
    this.catalog = new HourCatalog(this.doc, this.table);
  }

  async putEvents(events: readonly AnalyzedEvent[]): Promise<{ written: number; duplicates: number }> {
    if (events.length === 0) return { written: 0, duplicates: 0 };
    const unique = new Map<string, AnalyzedEvent>();
    for (const e of events) {
      const key = `${e.group}\u0000${e.id}`;
      if (!unique.has(key)) unique.set(key, e);
    }
    const items = [...unique.values()].map(toEventItem);
    const existing = await batchGetAll(
      this.doc,
      this.table,
      items.map((i) => ({ pk: i.pk, sk: i.sk })),
      { ...this.retry, projection: 'pk, sk', consistent: true },
    );
    const seen = new Set(existing.map((i) => `${i.pk}\u0000${i.sk}`));
    const fresh = items.filter((i) => !seen.has(`${i.pk}\u0000${i.sk}`));
    const hoursByGroup = new Map<string, Set<number>>();
    for (const i of fresh) {
      const hours = hoursByGroup.get(i.g) ?? new Set<number>();
      hoursByGroup.set(i.g, hours);
      hours.add(hourOf(i.ts));
    }
    // Buckets are registered before the items exist, so a query never misses a written event.
    await Promise.all([...hoursByGroup].map(([g, hours]) => this.catalog.register(g, hours)));
    await batchWriteAll(
      this.doc,
      this.table,
      fresh.map((Item) => ({ PutRequest: { Item: Item as unknown as Item } })),
      this.retry,
    );
    return { written: fresh.length, duplicates: events.length - fresh.length };
  }

  async queryEvents(query: EventQuery): Promise<EventPage> {
    const limit = normalizeLimit(query.limit);
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    // An empty range: DynamoDB rejects a BETWEEN whose bounds are reversed.
    if (query.from !== undefined && query.to !== undefined && query.to <= query.from) return { events: [] };
    const plan = await this.plan(query);
    const names: Record<string, string> = { '#pk': plan.pkName };
    const values: Record<string, unknown> = {};
    const filters: string[] = [];
    const filter = (attr: string, value: unknown) => {
      const n = Object.keys(values).length;
      names[`#f${n}`] = attr;
      values[`:f${n}`] = value;
      filters.push(`#f${n} = :f${n}`);
    };
    if (query.severity !== undefined && plan.index !== 'bySeverity') filter('sev', query.severity);
    if (query.group !== undefined && plan.index === 'byCorrelation') filter('g', query.group);
    if (query.patternId !== undefined) filter('pid', query.patternId);
    const terms = query.q ? query.q.toLowerCase().split(/\s+/).filter(Boolean) : [];
    if (terms.length > 0) names['#lm'] = 'lm';
    for (const [i, t] of terms.entries()) {
      values[`:q${i}`] = t;
      filters.push(`contains(#lm, :q${i})`);
    }
    // Inverted time: `to` (exclusive) gives the low bound, `from` (inclusive) the high one.
    let range = '';
    if (query.to !== undefined) values[':lo'] = invertedTime(query.to - 1);
    if (query.from !== undefined) values[':hi'] = `${invertedTime(query.from)}$`;
    if (query.to !== undefined && query.from !== undefined) range = ' AND #sk BETWEEN :lo AND :hi';
    else if (query.to !== undefined) range = ' AND #sk >= :lo';
    else if (query.from !== undefined) range = ' AND #sk <= :hi';
    if (range) names['#sk'] = plan.skName;

    const found: AnalyzedEvent[] = [];
    const afterHour = after ? hourOf(after.timestamp) : undefined;
    for (const bucket of plan.buckets) {
      if (afterHour !== undefined && bucket.hour !== undefined && bucket.hour > afterHour) continue;
      const resume = after && (bucket.hour === undefined || bucket.hour === afterHour);
      let startKey: Item | undefined = resume ? plan.startKey(after) : undefined;
      do {
        const need = limit + 1 - found.length;
        const input: QueryCommandInput = {
          TableName: this.table,
          KeyConditionExpression: `#pk = :pk${range}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ...values, ':pk': bucket.pkValue },
          ScanIndexForward: true,
          Limit: filters.length > 0 ? Math.max(need, 200) : need,
        };
        if (plan.index) input.IndexName = plan.index;
        if (plan.consistent) input.ConsistentRead = true;
        if (filters.length > 0) input.FilterExpression = filters.join(' AND ');
        if (startKey) input.ExclusiveStartKey = startKey;
        const out = await this.doc.send(new QueryCommand(input));
        for (const item of out.Items ?? []) {
          found.push(fromEventItem(item));
          if (found.length > limit) break;
        }
        startKey = out.LastEvaluatedKey;
      } while (startKey && found.length <= limit);
      if (found.length > limit) break;
    }
    if (found.length <= limit) return { events: found };
    const events = found.slice(0, limit);
    return { events, nextCursor: encodeCursor(events[limit - 1] as AnalyzedEvent) };
  }

  /** Picks the index for the query and the buckets to walk, newest first. */
  private async plan(query: EventQuery): Promise<Plan> {
    if (query.correlationId !== undefined) {
      const corr = query.correlationId;
      return {
        index: 'byCorrelation',
        pkName: 'corr',
        skName: 'xSk',
        buckets: [{ pkValue: corr }],
        startKey: (p) => ({ corr, xSk: crossSk(p.timestamp, p.group, p.id), ...tableKey(p) }),
        consistent: false,
      };
    }
    const fromHour = query.from === undefined ? undefined : hourOf(query.from);
    const toHour = query.to === undefined ? undefined : hourOf(query.to - 1);
    const group = query.group;
    const hours = await this.catalog.hours(group ?? ALL_GROUPS, fromHour, toHour);
    if (group === undefined) {
      return {
        index: 'byTime',
        pkName: 'timePk',
        skName: 'xSk',
        buckets: hours.map((hour) => ({ pkValue: String(hour), hour })),
        startKey: (p) => ({
          timePk: String(hourOf(p.timestamp)),
          xSk: crossSk(p.timestamp, p.group, p.id),
          ...tableKey(p),
        }),
        consistent: false,
      };
    }
    const severity = query.severity;
    if (severity !== undefined) {
      return {
        index: 'bySeverity',
        pkName: 'sevPk',
        skName: 'sk',
        buckets: hours.map((hour) => ({ pkValue: severityPk(group, severity, hour), hour })),
        startKey: (p) => ({ sevPk: severityPk(group, severity, hourOf(p.timestamp)), ...tableKey(p) }),
        consistent: false,
      };
    }
    return {
      pkName: 'pk',
      skName: 'sk',
      buckets: hours.map((hour) => ({ pkValue: eventPk(group, hour), hour })),
      startKey: tableKey,
      consistent: true,
    };
  }

  /**
   * Deletes events whose expiresAt is at or before `now` and returns how many. DynamoDB TTL (the
   * `ttl` attribute) deletes them too, for free but within days; this Scan makes the count and the
   * deletion immediate, at the price of reading the table: schedule it rarely (daily). It also
   * prunes emptied hours (older than 48 h) from the bucket catalog, one Query per catalog hour
   * older than that, which keeps the catalog item small: with TTL alone it grows by an hour per hour.
   */
  async purgeExpired(now: number): Promise<number> {
    let deleted = 0;
    let startKey: Item | undefined;
    do {
      const out = await this.doc.send(
        new ScanCommand({
          TableName: this.table,
          ProjectionExpression: 'pk, sk',
          FilterExpression: '#exp <= :now',
          ExpressionAttributeNames: { '#exp': 'exp' },
          ExpressionAttributeValues: { ':now': now },
          ConsistentRead: true,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      const keys = out.Items ?? [];
      await batchWriteAll(
        this.doc,
        this.table,
        keys.map((k) => ({ DeleteRequest: { Key: { pk: k.pk, sk: k.sk } } })),
        this.retry,
      );
      deleted += keys.length;
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    await this.catalog.prune(hourOf(now) - PRUNE_LAG_HOURS, (group, hour) => this.bucketIsEmpty(group, hour));
    return deleted;
  }

  /** True when no event of `group` (or of any group, for ALL_GROUPS) is in `hour`. */
  private async bucketIsEmpty(group: string, hour: number): Promise<boolean> {
    const all = group === ALL_GROUPS;
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        ...(all ? { IndexName: 'byTime' } : { ConsistentRead: true }),
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': all ? 'timePk' : 'pk' },
        ExpressionAttributeValues: { ':pk': all ? String(hour) : eventPk(group, hour) },
        Limit: 1,
      }),
    );
    return (out.Items ?? []).length === 0;
  }

  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

function tableKey(p: CursorPosition): Item {
  return { pk: eventPk(p.group, hourOf(p.timestamp)), sk: eventSk(p.timestamp, p.id) };
}
