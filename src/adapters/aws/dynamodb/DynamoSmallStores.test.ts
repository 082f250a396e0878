import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { firing } from '../../../../test/fixtures/alerts.js';
import { useDynamoStores } from '../../../../test/helpers/dynalite.js';
import { createDynamoClient } from './client.js';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const GROUP = '/aws/lambda/test-app';

describe('DynamoDB alerts, heartbeats and client', () => {
  const ctx = useDynamoStores('small');

  it('never demotes a delivered alert and ignores deliveries of an unknown alert', async () => {
    const f = firing('critical', T0);
    await ctx.stores.alerts.record(f);
    await ctx.stores.alerts.markDelivered(f.id, { ok: true, channel: 'slack', at: T0 + 1 });
    await ctx.stores.alerts.markDelivered(f.id, {
      ok: false,
      channel: 'email',
      error: 'timeout',
      at: T0 + 2,
    });
    await ctx.stores.alerts.markDelivered('missing', { ok: false, channel: 'email', at: T0 + 3 });
    const [stored] = await ctx.stores.alerts.queryAlerts({});
    expect(stored?.state).toBe('delivered');
    expect(stored?.deliveries.map((d) => d.channel)).toEqual(['slack', 'email']);
    expect(await ctx.stores.alerts.queryAlerts({})).toHaveLength(1);
  });

  it('lists alerts newest first with a limit across filters', async () => {
    for (let i = 0; i < 5; i++) await ctx.stores.alerts.record(firing(i % 2 ? 'a' : 'b', T0 + i * 300_000));
    const newest = await ctx.stores.alerts.queryAlerts({ limit: 2, rule: 'b' });
    expect(newest.map((a) => a.window.start)).toEqual([T0 + 4 * 300_000, T0 + 2 * 300_000]);
    expect(newest[0]).not.toHaveProperty('timeSk');
  });

  it('counts heartbeats per group and stream', async () => {
    const hb = ctx.stores.heartbeats;
    await hb.recordHeartbeat({ group: GROUP, stream: 's1', owner: '123456789012' }, T0);
    await Promise.all([T0 + 1, T0 + 2].map((at) => hb.recordHeartbeat({ group: GROUP, stream: 's1' }, at)));
    await hb.recordHeartbeat({ group: '/other', stream: 's2' }, T0 + 5);
    const [s1] = await hb.listHeartbeats(GROUP);
    expect(s1).toMatchObject({ group: GROUP, stream: 's1', owner: '123456789012', firstSeen: T0, count: 3 });
    expect((await hb.listHeartbeats()).map((h) => h.stream)).toEqual(['s2', 's1']);
  });

  it("records a CONTROL_MESSAGE's heartbeat, whose group and stream are empty", async () => {
    await ctx.stores.heartbeats.recordHeartbeat({ group: '', stream: '' }, T0);
    const beats = await ctx.stores.heartbeats.listHeartbeats('-');
    expect(beats).toMatchObject([{ group: '-', stream: '-', count: 1 }]);
  });

  it('builds a client whose endpoint comes from AWS_ENDPOINT_URL_DYNAMODB', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: ctx.ddb.endpoint,
      AWS_ACCESS_KEY_ID: 'AKIDFAKE',
      AWS_SECRET_ACCESS_KEY: 'fake-secret',
    });
    const client = createDynamoClient({}, { AWS_REGION: 'us-east-1' });
    try {
      const { TableNames } = await client.send(new ListTablesCommand({}));
      expect(TableNames).toContain(ctx.stores.tables.events);
    } finally {
      client.destroy();
      for (const k of ['AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'])
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
    }
  });
});
