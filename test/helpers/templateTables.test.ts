import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTableInput, TABLES } from '../../src/adapters/aws/schema.js';
import { type TemplateTables, tablesFromTemplate } from './templateTables.js';

/** Order-free view of a table's keys and indexes: what must agree between the stack and the code. */
function shape(input: CreateTableCommandInput) {
  return {
    BillingMode: input.BillingMode,
    KeySchema: input.KeySchema,
    AttributeDefinitions: [...(input.AttributeDefinitions ?? [])].sort((a, b) =>
      a.AttributeName!.localeCompare(b.AttributeName!),
    ),
    GlobalSecondaryIndexes: [...(input.GlobalSecondaryIndexes ?? [])].sort((a, b) =>
      a.IndexName!.localeCompare(b.IndexName!),
    ),
  };
}

let tables: TemplateTables;

beforeAll(() => {
  tables = tablesFromTemplate({ prefix: 'run7-' });
  // A CDK synth takes seconds, more on a shared 2-core machine.
}, 60_000);

describe('tablesFromTemplate', () => {
  it('finds every table of schema.ts in the template with the same keys and indexes, and no other', () => {
    expect(tables.creates.map((c) => c.TableName).sort()).toEqual(
      TABLES.map((def) => `run7-${def.defaultName}`).sort(),
    );
    for (const def of TABLES) {
      const name = `run7-${def.defaultName}`;
      const fromTemplate = tables.creates.find((c) => c.TableName === name)!;
      expect(shape(fromTemplate), def.defaultName).toEqual(shape(createTableInput(def, name)));
    }
  });

  it("gives the processor's table variables, named as the created tables", () => {
    expect(tables.env).toEqual(
      Object.fromEntries(TABLES.map((def) => [def.envVar, `run7-${def.defaultName}`])),
    );
  });

  it('keeps the template names without a prefix', () => {
    const plain = tablesFromTemplate();
    expect(plain.creates.map((c) => c.TableName).sort()).toEqual(TABLES.map((d) => d.defaultName).sort());
    expect(plain.env.LOGS_TABLE).toBe('LogAnalysis');
  }, 60_000);
});
