/**
 * dynalite (a DynamoDB emulator speaking the real wire protocol) started in-process on
 * 127.0.0.1, a port the OS picks, with tables created from src/adapters/aws/schema.ts.
 *
 * @example
 * const ddb = await startDynalite();
 * const names = await ddb.createTables(); // unique names: suites and tests never share tables
 * // ... new DynamoEventStore({ client: ddb.client, table: names.events })
 * await ddb.stop();
 */

import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type DynamoStores, openDynamoStores } from '../../src/adapters/aws/dynamodb/index.js';
import { createTableInput, TABLES, type TableNames } from '../../src/adapters/aws/schema.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

interface DynaliteServer {
  listen(port: number, host: string, cb: (err?: Error) => void): void;
  address(): AddressInfo | string | null;
  close(cb: (err?: Error) => void): void;
}

type DynaliteFactory = (options: {
  createTableMs: number;
  deleteTableMs: number;
  updateTableMs: number;
}) => DynaliteServer;

const dynalite = createRequire(import.meta.url)('dynalite') as DynaliteFactory;

export interface RunningDynalite {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  /** A client for the emulator: region us-east-1, fixed fake credentials. */
  client: DynamoDBClient;
  /** Creates every table of schema.ts under unique names and returns them. */
  createTables(prefix?: string): Promise<TableNames>;
  stop(): Promise<void>;
}

let tableSeq = 0;

export async function startDynalite(): Promise<RunningDynalite> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) =>
    server.listen(0, '127.0.0.1', (err) => (err ? reject(err) : resolve())),
  );
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake-secret' },
    requestHandler: new NodeHttpHandler(),
    maxAttempts: 2,
  });
  return {
    endpoint,
    client,
    async createTables(prefix = 't') {
      const n = ++tableSeq;
      const names = {} as TableNames;
      for (const def of TABLES) {
        names[def.id] = `${prefix}-${n}-${def.defaultName}`;
        await client.send(new CreateTableCommand(createTableInput(def, names[def.id])));
      }
      return names;
    },
    async stop() {
      client.destroy();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/**
 * For a vitest suite: one dynalite for the suite, fresh stores on fresh tables for every test.
 *
 * @example
 * const ctx = useDynamoStores('events');
 * it('...', async () => { await ctx.stores.events.putEvents([...]); });
 */
export function useDynamoStores(prefix: string): { ddb: RunningDynalite; stores: DynamoStores } {
  const ctx = {} as { ddb: RunningDynalite; stores: DynamoStores };
  beforeAll(async () => {
    ctx.ddb = await startDynalite();
  });
  afterAll(async () => {
    await ctx.ddb.stop();
  });
  beforeEach(async () => {
    ctx.stores = openDynamoStores({ client: ctx.ddb.client, tables: await ctx.ddb.createTables(prefix) });
  });
  return ctx;
}
