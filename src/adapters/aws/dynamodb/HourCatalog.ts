/**
 * Which hour buckets hold events, per group and for all groups (`*`): one item per group in the
 * events table (pk `!buckets`, sk = group) with a number set of hours. A query with no `from`
 * reads it to know where the data ends instead of walking back hour by hour forever. Each
 * process remembers what it registered, so a bucket costs one UpdateItem per process and hour.
 */
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

export const CATALOG_PK = '!buckets';
export const ALL_GROUPS = '*';

export class HourCatalog {
  private readonly registered = new Set<string>();

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Records that `group` has events in `hours` (and so has the all-groups entry). */
  async register(group: string, hours: Iterable<number>): Promise<void> {
    const fresh = new Set<number>();
    for (const h of hours) if (!this.registered.has(`${group}\u0000${h}`)) fresh.add(h);
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
    for (const h of fresh) this.registered.add(`${group}\u0000${h}`);
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
