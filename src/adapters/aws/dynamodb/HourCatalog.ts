/**
 * Which hour buckets hold events, per group and for all groups (`*`): one item per group in the
 * events table (pk `!buckets`, sk = group) with a number set of hours. A query with no `from`
 * reads it to know where the data ends instead of walking back hour by hour forever. Each
 * process remembers what it registered for ten minutes, so a bucket costs an UpdateItem per process
 * and hour (plus one every ten minutes, which re-adds an hour a purge pruned meanwhile). Purges
 * prune emptied hours, so the set stays near retention / 1 h entries, far below 400 KB.
 */
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Item } from './batch.js';

export const CATALOG_PK = '!buckets';
export const ALL_GROUPS = '*';

/** How long a process trusts its memory of a registration. */
const REMEMBER_MS = 600_000;

export class HourCatalog {
  private readonly registered = new Map<string, number>();

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Records that `group` has events in `hours` (and so has the all-groups entry). */
  async register(group: string, hours: Iterable<number>): Promise<void> {
    const now = Date.now();
    const fresh = new Set<number>();
    for (const h of hours)
      if (!((this.registered.get(`${group}\u0000${h}`) ?? -Infinity) > now - REMEMBER_MS)) fresh.add(h);
    if (fresh.size === 0) return;
    await Promise.all(
      [group, ALL_GROUPS].map((sk) =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.table,
            Key: { pk: CATALOG_PK, sk },
            UpdateExpression: 'ADD hours :h',
            ExpressionAttributeValues: { ':h': fresh },
          }),
        ),
      ),
    );
    for (const h of fresh) this.registered.set(`${group}\u0000${h}`, now);
  }

  /**
   * Removes hours before `beforeHour` whose bucket `isEmpty` says is empty, from every entry;
   * returns how many were removed.
   */
  async prune(
    beforeHour: number,
    isEmpty: (group: string, hour: number) => Promise<boolean>,
  ): Promise<number> {
    const entries: Item[] = [];
    let startKey: Item | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': CATALOG_PK },
          ConsistentRead: true,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      entries.push(...(out.Items ?? []));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    let removed = 0;
    for (const entry of entries) {
      const group = entry.sk as string;
      const empty = new Set<number>();
      for (const h of (entry.hours as Set<number> | undefined) ?? []) {
        if (h < beforeHour && (await isEmpty(group, h))) empty.add(h);
      }
      if (empty.size === 0) continue;
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: CATALOG_PK, sk: group },
          UpdateExpression: 'DELETE hours :h',
          ExpressionAttributeValues: { ':h': empty },
        }),
      );
      for (const h of empty) this.registered.delete(`${group}\u0000${h}`);
      removed += empty.size;
    }
    return removed;
  }

  /** Hours of `group` (or ALL_GROUPS) within [fromHour, toHour], newest first. */
  async hours(group: string, fromHour = -Infinity, toHour = Infinity): Promise<number[]> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: { pk: CATALOG_PK, sk: group }, ConsistentRead: true }),
    );
    const set = (out.Item?.hours as Set<number> | undefined) ?? new Set<number>();
    return [...set].filter((h) => h >= fromHour && h <= toHour).sort((a, b) => b - a);
  }
}
