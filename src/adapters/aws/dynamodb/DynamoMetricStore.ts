import { createHash } from 'node:crypto';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { emptyWindow, mergeWindow, type WindowDelta, windowKey } from '../../../core/metrics/window.js';
import type { MetricQuery, MetricStore } from '../../../core/ports.js';
import { batchWriteAll, type Item, isConditionFailed, type RetryOptions } from './batch.js';
import { WindowContentionError } from './errors.js';

export interface DynamoMetricStoreOptions {
  doc: DynamoDBDocumentClient;
  /** The default value is LogMetrics (see tableNamesFromEnv). */
  table: string;
  /** Optimistic attempts per window before WindowContentionError. The default value is 20. */
  maxAttempts?: number;
  retry?: RetryOptions;
}

interface WindowItem {
  g: string;
  start: number;
  end: number;
  /** Partition key of the byStart index: every window, by start. */
  all: 'w';
  /** Counters and maxima as maps: names such as `sev.ERROR` or `pat.<id>` are map keys. */
  c: Record<string, number>;
  m: Record<string, number>;
  /** Digests of the batches applied to this window: the exactly-once ledger. */
  b: Set<string>;
  /** Version, for the conditional write. */
  v: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** 96 bits of the batch id: keeps the per-window ledger small (16 bytes a batch). */
export function batchDigest(batchId: string): string {
  return createHash('sha256').update(batchId).digest('base64url').slice(0, 16);
}

function fromItem(item: Record<string, unknown>): WindowDelta {
  const i = item as unknown as WindowItem;
  return { group: i.g, start: i.start, end: i.end, counters: { ...i.c }, maxima: { ...i.m } };
}

/**
 * Metric windows in DynamoDB, one item per (group, window start), each batch applied once per
 * window without transactions: read the window (consistent), stop if its ledger `b` holds the
 * batch's digest, else merge the deltas in JS and write the whole window back with a condition on
 * the version read (or on its absence). A lost race re-reads and retries; a racing redelivery then
 * finds its digest and applies nothing.
 *
 * Why not `ADD` counters with `NOT contains(batches, :bid)`: DynamoDB adds in decimal, so
 * 0.1 + 0.2 is 0.3 there and 0.30000000000000004 in every other store; windows would differ
 * from the reference in the last bits. The read-merge-write also raises maxima in the same write
 * (no conditional SET per maximum) and needs no read-back: the write is the window. The cost is a
 * read and a write per window per batch, as the read-back of the ADD design cost too.
 *
 * `applied` is true when this call applied at least one window (false for no deltas).
 *
 * @example
 * const metrics = new DynamoMetricStore({ doc, table: 'LogMetrics' });
 * await metrics.applyBatch(batch.id, deltas); // => { applied: true, windows: [...current totals] }
 */
export class DynamoMetricStore implements MetricStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly maxAttempts: number;
  private readonly retry: RetryOptions;

  constructor(options: DynamoMetricStoreOptions) {
    this.doc = options.doc;
    this.table = options.table;
    this.maxAttempts = options.maxAttempts ?? 20;
    this.retry = options.retry ?? {};
  }

  async applyBatch(
    batchId: string,
    deltas: readonly WindowDelta[],
  ): Promise<{ applied: boolean; windows: WindowDelta[] }> {
    const byKey = new Map<string, WindowDelta>();
    for (const d of deltas) {
      const key = windowKey(d.group, d.start);
      const into = byKey.get(key);
      if (into) mergeWindow(into, d);
      else byKey.set(key, mergeWindow(emptyWindow(d.group, d.start, d.end - d.start), d));
    }
    const digest = batchDigest(batchId);
    const stored = new Map<string, WindowDelta>();
    let applied = false;
    await Promise.all(
      [...byKey].map(async ([key, d]) => {
        const r = await this.applyWindow(digest, d);
        stored.set(key, r.window);
        if (r.applied) applied = true;
      }),
    );
    const windows = deltas.map((d) => structuredClone(stored.get(windowKey(d.group, d.start)) ?? d));
    return { applied, windows };
  }

  private async applyWindow(
    digest: string,
    d: WindowDelta,
  ): Promise<{ applied: boolean; window: WindowDelta }> {
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const { Item } = await this.doc.send(
        new GetCommand({ TableName: this.table, Key: { g: d.group, start: d.start }, ConsistentRead: true }),
      );
      const ledger = Item?.b as Set<string> | undefined;
      if (Item && ledger?.has(digest)) return { applied: false, window: fromItem(Item) };
      const window = Item ? fromItem(Item) : emptyWindow(d.group, d.start, d.end - d.start);
      mergeWindow(window, d);
      const version = (Item?.v as number | undefined) ?? 0;
      const next: WindowItem = {
        g: window.group,
        start: window.start,
        end: window.end,
        all: 'w',
        c: window.counters,
        m: window.maxima,
        b: new Set([...(ledger ?? []), digest]),
        v: version + 1,
      };
      try {
        await this.doc.send(
          new PutCommand({
            TableName: this.table,
            Item: next,
            ConditionExpression: Item ? '#v = :v' : 'attribute_not_exists(#v)',
            ExpressionAttributeNames: { '#v': 'v' },
            ...(Item ? { ExpressionAttributeValues: { ':v': version } } : {}),
          }),
        );
        return { applied: true, window };
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
        await sleep(Math.random() * 5 * 2 ** Math.min(attempt, 6));
      }
    }
    throw new WindowContentionError(d.group, d.start, this.maxAttempts);
  }

  async queryWindows(query: MetricQuery): Promise<WindowDelta[]> {
    // An empty range: DynamoDB rejects a BETWEEN whose bounds are reversed.
    if (query.from !== undefined && query.to !== undefined && Math.ceil(query.to) - 1 < query.from) return [];
    const windows = (await this.queryItems(query)).map(fromItem);
    return windows.sort((a, b) => a.start - b.start || a.group.localeCompare(b.group));
  }

  /** Windows by group (the table) or of every group (the byStart index), start in [from, to). */
  private async queryItems(query: MetricQuery, extra: Partial<QueryCommandInput> = {}): Promise<Item[]> {
    const names: Record<string, string> = { ...extra.ExpressionAttributeNames };
    const values: Record<string, unknown> = { ...extra.ExpressionAttributeValues };
    if (query.group !== undefined) {
      names['#pk'] = 'g';
      values[':pk'] = query.group;
    } else {
      names['#pk'] = 'all';
      values[':pk'] = 'w';
    }
    let key = '#pk = :pk';
    // Window starts are whole milliseconds, so [from, to) is BETWEEN from AND ceil(to) - 1.
    if (query.from !== undefined) values[':from'] = query.from;
    if (query.to !== undefined) values[':to'] = Math.ceil(query.to) - 1;
    if (query.from !== undefined && query.to !== undefined) key += ' AND #s BETWEEN :from AND :to';
    else if (query.from !== undefined) key += ' AND #s >= :from';
    else if (query.to !== undefined) key += ' AND #s <= :to';
    if (query.from !== undefined || query.to !== undefined || extra.ProjectionExpression)
      names['#s'] = 'start';
    const items: Item[] = [];
    let startKey: Item | undefined;
    do {
      const input: QueryCommandInput = {
        ...extra,
        TableName: this.table,
        KeyConditionExpression: key,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      };
      if (query.group === undefined) input.IndexName = 'byStart';
      else input.ConsistentRead = true;
      if (startKey) input.ExclusiveStartKey = startKey;
      const out = await this.doc.send(new QueryCommand(input));
      items.push(...(out.Items ?? []));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  /** Deletes windows that ended at or before `before` (their ledgers go with them); returns how many. */
  async purgeBefore(before: number): Promise<number> {
    const old = await this.queryItems(
      { to: before },
      {
        ProjectionExpression: 'g, #s',
        FilterExpression: '#end <= :before',
        ExpressionAttributeNames: { '#end': 'end' },
        ExpressionAttributeValues: { ':before': before },
      },
    );
    await batchWriteAll(
      this.doc,
      this.table,
      old.map((k) => ({ DeleteRequest: { Key: { g: k.g, start: k.start } } })),
      this.retry,
    );
    return old.length;
  }

  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}
