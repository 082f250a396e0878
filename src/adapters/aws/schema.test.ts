import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDynalite, startDynalite } from '../../../test/helpers/dynalite.js';
import { ALERTS_TABLE, createTableInput, EVENTS_TABLE, TABLES, tableNamesFromEnv } from './schema.js';

describe('schema', () => {
  let ddb: RunningDynalite;
  beforeAll(async () => {
    ddb = await startDynalite();
  });
  afterAll(async () => {
    await ddb.stop();
  });

  it("keeps the seed's table names unless the environment overrides them", () => {
    expect(tableNamesFromEnv({})).toEqual({
      events: 'LogAnalysis',
      metrics: 'LogMetrics',
      alerts: 'LogAlerts',
      heartbeats: 'LogHeartbeats',
    });
    expect(tableNamesFromEnv({ LOGS_TABLE: 'Prod-Logs', ALERTS_TABLE: 'Prod-Alerts' })).toMatchObject({
      events: 'Prod-Logs',
      metrics: 'LogMetrics',
      alerts: 'Prod-Alerts',
    });
  });

  it('declares each key attribute once, tables keyed by the partition key alone included', () => {
    const events = createTableInput(EVENTS_TABLE, 'e');
    expect(events.AttributeDefinitions?.map((a) => a.AttributeName).sort()).toEqual(
      ['corr', 'pk', 'sevPk', 'sk', 'timePk', 'xSk'].sort(),
    );
    expect(events.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual([
      'bySeverity',
      'byTime',
      'byCorrelation',
    ]);
    expect(createTableInput(ALERTS_TABLE, 'a').KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
  });

  it('creates every table on the emulator, on demand, with its indexes', async () => {
    const names = await ddb.createTables('schema');
    for (const def of TABLES) {
      const { Table } = await ddb.client.send(new DescribeTableCommand({ TableName: names[def.id] }));
      expect(Table?.TableStatus).toBe('ACTIVE');
      expect(Table?.BillingModeSummary?.BillingMode ?? 'PAY_PER_REQUEST').toBe('PAY_PER_REQUEST');
      expect((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName)).toEqual(
        def.indexes.map((i) => i.indexName),
      );
    }
  });
});
