import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AlertFiring, DeliveryRecord, StoredAlert } from '../../../core/alerts/types.js';
import type { AlertQuery, AlertStore } from '../../../core/ports.js';
import { type Item, isConditionFailed } from './batch.js';

export interface DynamoAlertStoreOptions {
  doc: DynamoDBDocumentClient;
  /** The default value is LogAlerts (see tableNamesFromEnv). */
  table: string;
}

/** Index attributes added to the stored alert, removed when reading it back. */
const INDEX_ATTRIBUTES = ['all', 'timeSk', 'ruleKey'] as const;

const pad = (n: number) => String(Math.max(0, Math.trunc(n))).padStart(13, '0');

function fromItem(item: Record<string, unknown>): StoredAlert {
  const alert = { ...item };
  for (const a of INDEX_ATTRIBUTES) delete alert[a];
  return alert as unknown as StoredAlert;
}

/**
 * Alerts in DynamoDB, one item per firing id (a hash of rule, group, key and window): a
 * conditional PutItem (`attribute_not_exists(id)`) records a firing once, racing Lambdas
 * included; the loser reads the stored alert back. Deliveries are appended with `list_append`.
 * The byTime index (one partition: deduplicated alerts are few) serves queries newest first; the
 * byRuleKey index serves cooldowns.
 *
 * @example
 * const alerts = new DynamoAlertStore({ doc, table: 'LogAlerts' });
 * const { created, alert } = await alerts.record(firing);
 * if (created) await alerts.markDelivered(alert.id, { ok: true, channel: 'email', at: Date.now() });
 */
export class DynamoAlertStore implements AlertStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly table: string;

  constructor(options: DynamoAlertStoreOptions) {
    this.doc = options.doc;
    this.table = options.table;
  }

  async record(firing: AlertFiring): Promise<{ created: boolean; alert: StoredAlert }> {
    const alert: StoredAlert = { ...structuredClone(firing), state: 'pending', deliveries: [] };
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...alert,
            all: 'a',
            timeSk: `${pad(alert.firedAt)}#${pad(alert.window.start)}`,
            ruleKey: `${alert.rule}|${alert.group}|${alert.key}`,
          },
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );
      return { created: true, alert };
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
    }
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: { id: firing.id }, ConsistentRead: true }),
    );
    if (!Item) throw new Error(`alert ${firing.id} exists by condition but could not be read`);
    return { created: false, alert: fromItem(Item) };
  }

  async lastFiring(rule: string, key: string): Promise<StoredAlert | undefined> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'byRuleKey',
        KeyConditionExpression: 'ruleKey = :rk',
        ExpressionAttributeValues: { ':rk': `${rule}|${key}` },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const item = out.Items?.[0];
    return item && fromItem(item);
  }

  async markDelivered(
    id: string,
    result: { ok: boolean; channel: string; error?: string; at: number },
  ): Promise<void> {
    const record: DeliveryRecord = { channel: result.channel, ok: result.ok, at: result.at };
    if (result.error !== undefined) record.error = result.error;
    const update = (setState: boolean) =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { id },
          UpdateExpression: setState
            ? 'SET #d = list_append(#d, :r), #s = :s'
            : 'SET #d = list_append(#d, :r)',
          // A failure never demotes a delivered alert; a missing alert is left alone, as in memory.
          ConditionExpression:
            setState && !result.ok ? 'attribute_exists(id) AND #s <> :delivered' : 'attribute_exists(id)',
          ExpressionAttributeNames: setState ? { '#d': 'deliveries', '#s': 'state' } : { '#d': 'deliveries' },
          ExpressionAttributeValues: {
            ':r': [record],
            ...(setState ? { ':s': result.ok ? 'delivered' : 'failed' } : {}),
            ...(setState && !result.ok ? { ':delivered': 'delivered' } : {}),
          },
        }),
      );
    try {
      await update(true);
      return;
    } catch (err) {
      if (!isConditionFailed(err) || result.ok) {
        if (isConditionFailed(err)) return;
        throw err;
      }
    }
    try {
      await update(false);
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
    }
  }

  async queryAlerts(query: AlertQuery): Promise<StoredAlert[]> {
    const limit = query.limit ?? 100;
    const names: Record<string, string> = { '#all': 'all' };
    const values: Record<string, unknown> = { ':a': 'a' };
    const filters: string[] = [];
    if (query.from !== undefined || query.to !== undefined) {
      names['#w'] = 'window';
      names['#ws'] = 'start';
    }
    if (query.from !== undefined) {
      values[':from'] = query.from;
      filters.push('#w.#ws >= :from');
    }
    if (query.to !== undefined) {
      values[':to'] = query.to;
      filters.push('#w.#ws < :to');
    }
    if (query.group !== undefined) {
      names['#g'] = 'group';
      values[':g'] = query.group;
      filters.push('#g = :g');
    }
    if (query.rule !== undefined) {
      names['#r'] = 'rule';
      values[':r'] = query.rule;
      filters.push('#r = :r');
    }
    const alerts: StoredAlert[] = [];
    let startKey: Item | undefined;
    do {
      const input: QueryCommandInput = {
        TableName: this.table,
        IndexName: 'byTime',
        KeyConditionExpression: '#all = :a',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
      };
      if (filters.length > 0) input.FilterExpression = filters.join(' AND ');
      if (startKey) input.ExclusiveStartKey = startKey;
      const out = await this.doc.send(new QueryCommand(input));
      for (const item of out.Items ?? []) if (alerts.length < limit) alerts.push(fromItem(item));
      startKey = out.LastEvaluatedKey;
    } while (startKey && alerts.length < limit);
    return alerts;
  }

  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}
