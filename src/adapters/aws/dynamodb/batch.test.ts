import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { batchGetAll, batchWriteAll, type WriteRequest } from './batch.js';
import { UnprocessedItemsError } from './errors.js';

interface SentInput {
  RequestItems: Record<string, unknown>;
}

/**
 * A document client whose send answers from `reply`: the one place a stub is used, because
 * dynalite never returns UnprocessedItems.
 */
function stubClient(reply: (input: SentInput, call: number) => unknown) {
  const calls: SentInput[] = [];
  const doc = {
    send: async (command: { input: SentInput }) => {
      calls.push(structuredClone(command.input));
      return reply(command.input, calls.length);
    },
  } as unknown as DynamoDBDocumentClient;
  return { doc, calls };
}

const puts = (n: number): WriteRequest[] =>
  Array.from({ length: n }, (_, i) => ({ PutRequest: { Item: { pk: `k${i}` } } }));

describe('batchWriteAll', () => {
  it('retries the items DynamoDB left unprocessed until none are left', async () => {
    // Prepare
    const { doc, calls } = stubClient((input, call) => {
      const requests = input.RequestItems.T as WriteRequest[];
      return call === 1 ? { UnprocessedItems: { T: requests.slice(0, 3) } } : { UnprocessedItems: {} };
    });
    // Act
    await batchWriteAll(doc, 'T', puts(10), { baseDelayMs: 1 });
    // Assess
    expect(calls.map((c) => (c.RequestItems.T as WriteRequest[]).length)).toEqual([10, 3]);
    expect(calls[1]!.RequestItems.T).toEqual(puts(3));
  });

  it('splits into requests of 25', async () => {
    const { doc, calls } = stubClient(() => ({}));
    await batchWriteAll(doc, 'T', puts(60));
    expect(calls.map((c) => (c.RequestItems.T as WriteRequest[]).length).sort((a, b) => a - b)).toEqual([
      10, 25, 25,
    ]);
  });

  it('gives up with UnprocessedItemsError when throttling never ends', async () => {
    const { doc, calls } = stubClient((input) => ({ UnprocessedItems: { T: input.RequestItems.T } }));
    await expect(batchWriteAll(doc, 'T', puts(2), { maxAttempts: 3, baseDelayMs: 1 })).rejects.toThrow(
      UnprocessedItemsError,
    );
    expect(calls).toHaveLength(3);
  });
});

describe('batchGetAll', () => {
  it('retries unprocessed keys and returns every item found', async () => {
    const { doc, calls } = stubClient((input, call) => {
      const keys = (input.RequestItems.T as { Keys: { pk: string }[] }).Keys;
      return call === 1
        ? { Responses: { T: keys.slice(1) }, UnprocessedKeys: { T: { Keys: keys.slice(0, 1) } } }
        : { Responses: { T: keys } };
    });
    const items = await batchGetAll(doc, 'T', [{ pk: 'a' }, { pk: 'b' }], { baseDelayMs: 1 });
    expect(items.map((i) => i.pk).sort()).toEqual(['a', 'b']);
    expect(calls).toHaveLength(2);
  });
});
