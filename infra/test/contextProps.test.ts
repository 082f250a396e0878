import { describe, expect, it } from 'vitest';
import { propsFromContext } from '../lib/contextProps.js';
import { synthStack } from './fixtures.js';

const reader = (values: Record<string, unknown>) => (key: string) => values[key];

describe('propsFromContext', () => {
  it('leaves every setting to the stack default when the context is empty', () => {
    const props = propsFromContext(reader({}));
    expect(props.logGroups).toBeUndefined();
    expect(props.kinesis).toBeUndefined();
    expect(props.accountPolicy).toBeUndefined();
    expect(props.processor).toEqual({
      memorySize: undefined,
      timeout: undefined,
      reservedConcurrency: undefined,
      retryAttempts: undefined,
    });
  });

  it('parses `-c key=value` strings', () => {
    // Act
    const props = propsFromContext(
      reader({
        logGroups: '/aws/lambda/app1, /aws/lambda/app2,',
        functionLogRetentionDays: '14',
        archiveVersioned: 'true',
        processorTimeoutSeconds: '120',
        processorReservedConcurrency: '10',
        kinesis: 'true',
        kinesisShards: '4',
        accountPolicy: 'false',
        logsiftConfig: '{"windowMinutes":1}',
        tableNames: '{"events":"Prod-LogAnalysis"}',
      }),
    );
    // Assess
    expect(props.logGroups).toEqual(['/aws/lambda/app1', '/aws/lambda/app2']);
    expect(props.functionLogRetentionDays).toBe(14);
    expect(props.archive?.versioned).toBe(true);
    expect(props.processor?.timeout?.toSeconds()).toBe(120);
    expect(props.processor?.reservedConcurrency).toBe(10);
    expect(props.kinesis?.shardCount).toBe(4);
    expect(props.accountPolicy).toBe(false);
    expect(props.logsiftConfig).toEqual({ windowMinutes: 1 });
    expect(props.tableNames).toEqual({ events: 'Prod-LogAnalysis' });
  });

  it('accepts JSON values from cdk.json', () => {
    const props = propsFromContext(reader({ logGroups: ['/a', '/b'], kinesis: false, archiveExpireDays: 0 }));
    expect(props.logGroups).toEqual(['/a', '/b']);
    expect(props.kinesis).toBeUndefined();
    expect(props.archive?.expireAfterDays).toBe(0);
  });

  it('names the key of a bad value', () => {
    expect(() => propsFromContext(reader({ processorMemoryMb: 'lots' }))).toThrow(/processorMemoryMb/);
    expect(() => propsFromContext(reader({ kinesis: 'yes' }))).toThrow(/kinesis: expected true or false/);
    expect(() => propsFromContext(reader({ logsiftConfig: '{nope' }))).toThrow(
      /logsiftConfig: not valid JSON/,
    );
  });
});

describe('LogsiftStack settings checks', () => {
  it('rejects a log retention CloudWatch Logs does not offer', () => {
    expect(() => synthStack({ functionLogRetentionDays: 10 })).toThrow(/functionLogRetentionDays/);
  });

  it('says to build first when a bundle is missing', () => {
    expect(() =>
      synthStack({
        bundles: { processor: '/nonexistent/processor.mjs', api: '/x/api.mjs', schedule: '/x/s.mjs' },
      }),
    ).toThrow(/npm run build/);
  });
});
