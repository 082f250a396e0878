import { Duration } from 'aws-cdk-lib';
import type { TableNames } from '../../src/adapters/aws/schema.js';
import type { ConfigInput } from '../../src/core/config.js';
import { InfraConfigError } from './errors.js';
import type { LogsiftStackProps } from './LogsiftStack.js';

/** Reads one context value; `-c key=value` gives strings, cdk.json gives JSON values. */
export type ContextReader = (key: string) => unknown;

/**
 * Stack props from CDK context (cdk.json or `-c key=value`). Every key is optional; what is absent keeps
 * the stack's documented default.
 *
 * Keys: logGroups (comma list), filterPattern, namePrefix, functionLogRetentionDays, archiveVersioned,
 * archiveInfrequentAccessDays, archiveGlacierDays, archiveExpireDays, processorMemoryMb,
 * processorTimeoutSeconds, processorReservedConcurrency, processorRetryAttempts, kinesis (true/false),
 * kinesisShards (0 = on-demand), kinesisBatchSize, kinesisParallelization, accountPolicy (true/false),
 * apiIngest (true/false),
 * logsiftConfig (JSON object), tableNames (JSON object by table id, e.g. {"events":"Prod-LogAnalysis"}).
 *
 * @example
 * propsFromContext((k) => app.node.tryGetContext(k)); // -c logGroups=/aws/lambda/a,/aws/lambda/b
 */
export function propsFromContext(read: ContextReader): LogsiftStackProps {
  const num = (key: string) => optionalNumber(key, read(key));
  const bool = (key: string) => optionalBoolean(key, read(key));
  const useKinesis = bool('kinesis') ?? false;
  return {
    logGroups: optionalList('logGroups', read('logGroups')),
    filterPattern: optionalString('filterPattern', read('filterPattern')),
    namePrefix: optionalString('namePrefix', read('namePrefix')),
    functionLogRetentionDays: num('functionLogRetentionDays'),
    archive: {
      versioned: bool('archiveVersioned'),
      infrequentAccessAfterDays: num('archiveInfrequentAccessDays'),
      glacierAfterDays: num('archiveGlacierDays'),
      expireAfterDays: num('archiveExpireDays'),
    },
    processor: {
      memorySize: num('processorMemoryMb'),
      timeout: seconds(num('processorTimeoutSeconds')),
      reservedConcurrency: num('processorReservedConcurrency'),
      retryAttempts: num('processorRetryAttempts'),
    },
    kinesis: useKinesis
      ? {
          shardCount: num('kinesisShards'),
          batchSize: num('kinesisBatchSize'),
          parallelizationFactor: num('kinesisParallelization'),
        }
      : undefined,
    accountPolicy: bool('accountPolicy'),
    apiIngest: bool('apiIngest'),
    logsiftConfig: optionalObject('logsiftConfig', read('logsiftConfig')) as ConfigInput | undefined,
    tableNames: tableNames(optionalObject('tableNames', read('tableNames'))),
  };
}

function seconds(v: number | undefined): Duration | undefined {
  return v === undefined ? undefined : Duration.seconds(v);
}

function optionalString(key: string, v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new InfraConfigError(key, `expected a string, got ${JSON.stringify(v)}`);
  return v;
}

function optionalNumber(key: string, v: unknown): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
  if (!Number.isFinite(n)) throw new InfraConfigError(key, `expected a number, got ${JSON.stringify(v)}`);
  return n;
}

function optionalBoolean(key: string, v: unknown): boolean | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw new InfraConfigError(key, `expected true or false, got ${JSON.stringify(v)}`);
}

function optionalList(key: string, v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
    return v.map((x) => x.trim()).filter(Boolean);
  if (typeof v === 'string') {
    return v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  }
  throw new InfraConfigError(key, `expected a comma-separated list, got ${JSON.stringify(v)}`);
}

function optionalObject(key: string, v: unknown): Record<string, unknown> | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  let value = v;
  if (typeof v === 'string') {
    try {
      value = JSON.parse(v);
    } catch (err) {
      throw new InfraConfigError(key, `not valid JSON: ${(err as Error).message}`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InfraConfigError(key, 'expected a JSON object');
  }
  return value as Record<string, unknown>;
}

const TABLE_IDS = ['events', 'metrics', 'alerts', 'heartbeats'];

function tableNames(v: Record<string, unknown> | undefined): Partial<TableNames> | undefined {
  if (v === undefined) return undefined;
  for (const [id, name] of Object.entries(v)) {
    if (!TABLE_IDS.includes(id))
      throw new InfraConfigError('tableNames', `unknown table id ${id} (${TABLE_IDS.join(', ')})`);
    if (typeof name !== 'string' || !/^[A-Za-z0-9_.-]{3,255}$/.test(name)) {
      throw new InfraConfigError(`tableNames.${id}`, `not a DynamoDB table name: ${JSON.stringify(name)}`);
    }
  }
  return v as Partial<TableNames>;
}
