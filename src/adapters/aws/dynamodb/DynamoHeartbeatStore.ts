import { type DynamoDBDocumentClient, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { HeartbeatStore } from '../../../core/ports.js';
import type { LogBatch } from '../../../core/types.js';
import type { Item } from './batch.js';

/** One destination's heartbeats: CloudWatch sends a CONTROL_MESSAGE to check the destination. */
export interface Heartbeat {
  group: string;
  stream: string;
  owner?: string;
  firstSeen: number;
  lastSeen: number;
  count: number;
}

export interface DynamoHeartbeatStoreOptions {
  doc: DynamoDBDocumentClient;
  /** The default value is LogHeartbeats (see tableNamesFromEnv). */
  table: string;
}

/**
 * Heartbeats per (group, stream), one item each: `ADD count`, `SET lastSeen`, firstSeen kept from
 * the first. lastSeen is the latest recorded, not the maximum: heartbeats arrive in order.
 *
 * @example
 * await heartbeats.recordHeartbeat({ group: '/aws/lambda/test-app', stream: 'x' }, Date.now());
 * await heartbeats.listHeartbeats(); // => [{ group, stream, firstSeen, lastSeen, count: 1 }]
 */
/** Stands in for the empty group and stream of CloudWatch's CONTROL_MESSAGE. */
export const CONTROL_KEY = '-';

export class DynamoHeartbeatStore implements HeartbeatStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly table: string;

  constructor(options: DynamoHeartbeatStoreOptions) {
    this.doc = options.doc;
    this.table = options.table;
  }

  async recordHeartbeat(batch: Pick<LogBatch, 'group' | 'stream' | 'owner'>, at: number): Promise<void> {
    const owner = batch.owner !== undefined;
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        // DynamoDB refuses empty key strings, and a CONTROL_MESSAGE (a check of the destination, not
        // of a group) has an empty logGroup and logStream.
        Key: { g: batch.group || CONTROL_KEY, stream: batch.stream || CONTROL_KEY },
        UpdateExpression: `SET firstSeen = if_not_exists(firstSeen, :at), lastSeen = :at${owner ? ', #o = :o' : ''} ADD #c :one`,
        ExpressionAttributeNames: { '#c': 'count', ...(owner ? { '#o': 'owner' } : {}) },
        ExpressionAttributeValues: { ':at': at, ':one': 1, ...(owner ? { ':o': batch.owner } : {}) },
      }),
    );
  }

  /** Every destination seen, most recent first; or those of one group. */
  async listHeartbeats(group?: string): Promise<Heartbeat[]> {
    const items: Item[] = [];
    let startKey: Item | undefined;
    do {
      const out = await this.doc.send(
        group === undefined
          ? new ScanCommand({ TableName: this.table, ExclusiveStartKey: startKey })
          : new QueryCommand({
              TableName: this.table,
              KeyConditionExpression: 'g = :g',
              ExpressionAttributeValues: { ':g': group },
              ExclusiveStartKey: startKey,
            }),
      );
      items.push(...(out.Items ?? []));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return items
      .map((i) => {
        const h: Heartbeat = {
          group: i.g as string,
          stream: i.stream as string,
          firstSeen: i.firstSeen as number,
          lastSeen: i.lastSeen as number,
          count: i.count as number,
        };
        if (i.owner !== undefined) h.owner = i.owner as string;
        return h;
      })
      .sort(
        (a, b) =>
          b.lastSeen - a.lastSeen || a.group.localeCompare(b.group) || a.stream.localeCompare(b.stream),
      );
  }
}
