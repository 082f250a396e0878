/** Errors of the DynamoDB adapter. */

/** BatchWriteItem or BatchGetItem still left items unprocessed after every retry (throttling). */
export class UnprocessedItemsError extends Error {
  override readonly name = 'UnprocessedItemsError';
  constructor(
    readonly table: string,
    readonly remaining: number,
    attempts: number,
  ) {
    super(`DynamoDB left ${remaining} item(s) of table ${table} unprocessed after ${attempts} attempts`);
  }
}

/** A metric window kept changing under this writer: optimistic retries ran out. */
export class WindowContentionError extends Error {
  override readonly name = 'WindowContentionError';
  constructor(group: string, start: number, attempts: number) {
    super(
      `metric window ${group} @ ${start}: still contended after ${attempts} attempts; the batch can be retried`,
    );
  }
}
