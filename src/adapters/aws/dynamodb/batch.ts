/**
 * BatchWriteItem and BatchGetItem over any number of items: split into requests of 25 writes or
 * 100 keys, a few requests in flight, and UnprocessedItems / UnprocessedKeys retried with
 * exponential backoff and full jitter (DynamoDB returns them when a partition is throttled).
 */
import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UnprocessedItemsError } from './errors.js';

export type Item = Record<string, unknown>;
export type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };

export interface RetryOptions {
  /** Attempts per request, the first included. The default value is 8. */
  maxAttempts?: number;
  /** First backoff ceiling in ms, doubled per attempt. The default value is 25. */
  baseDelayMs?: number;
  /** Requests in flight at once. The default value is 8. */
  concurrency?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function backoff(attempt: number, baseMs: number): number {
  return Math.random() * baseMs * 2 ** Math.min(attempt, 10);
}

/** Runs `work` over `chunks` with at most `concurrency` at once. */
async function inParallel<T>(
  chunks: T[],
  concurrency: number,
  work: (chunk: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, chunks.length) }, async () => {
    while (next < chunks.length) await work(chunks[next++] as T);
  });
  await Promise.all(lanes);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Writes every request, retrying unprocessed ones; throws UnprocessedItemsError when retries run out.
 *
 * @example
 * await batchWriteAll(doc, 'LogAnalysis', items.map((Item) => ({ PutRequest: { Item } })));
 */
export async function batchWriteAll(
  doc: DynamoDBDocumentClient,
  table: string,
  requests: readonly WriteRequest[],
  options: RetryOptions = {},
): Promise<void> {
  const maxAttempts = options.maxAttempts ?? 8;
  const baseMs = options.baseDelayMs ?? 25;
  await inParallel(chunk(requests, 25), options.concurrency ?? 8, async (part) => {
    let pending: WriteRequest[] = part;
    for (let attempt = 0; ; attempt++) {
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (out.UnprocessedItems?.[table] ?? []) as WriteRequest[];
      if (pending.length === 0) return;
      if (attempt + 1 >= maxAttempts) throw new UnprocessedItemsError(table, pending.length, maxAttempts);
      await sleep(backoff(attempt, baseMs));
    }
  });
}

/**
 * Reads every key (with `projection` when given), retrying unprocessed keys; items come back in no
 * particular order.
 */
export async function batchGetAll(
  doc: DynamoDBDocumentClient,
  table: string,
  keys: readonly Item[],
  options: RetryOptions & { projection?: string; names?: Record<string, string>; consistent?: boolean } = {},
): Promise<Item[]> {
  const maxAttempts = options.maxAttempts ?? 8;
  const baseMs = options.baseDelayMs ?? 25;
  const found: Item[] = [];
  await inParallel(chunk(keys, 100), options.concurrency ?? 4, async (part) => {
    let pending: Item[] = part;
    for (let attempt = 0; ; attempt++) {
      const out = await doc.send(
        new BatchGetCommand({
          RequestItems: {
            [table]: {
              Keys: pending,
              ...(options.projection ? { ProjectionExpression: options.projection } : {}),
              ...(options.names ? { ExpressionAttributeNames: options.names } : {}),
              ...(options.consistent ? { ConsistentRead: true } : {}),
            },
          },
        }),
      );
      for (const item of out.Responses?.[table] ?? []) found.push(item);
      pending = (out.UnprocessedKeys?.[table]?.Keys ?? []) as Item[];
      if (pending.length === 0) return;
      if (attempt + 1 >= maxAttempts) throw new UnprocessedItemsError(table, pending.length, maxAttempts);
      await sleep(backoff(attempt, baseMs));
    }
  });
  return found;
}

/** True for the SDK's ConditionalCheckFailedException (also inside a batch or update). */
export function isConditionFailed(err: unknown): boolean {
  return err instanceof Error && err.name === 'ConditionalCheckFailedException';
}
