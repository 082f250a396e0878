/**
 * The DynamoDB tables of the synthesized LogsiftStack, as CreateTable requests for an emulator, and
 * the table variables the stack gives the processor: end-to-end tests then run against the tables
 * CloudFormation would create, not a second copy of the schema.
 *
 * @example
 * const { creates, env } = tablesFromTemplate({ prefix: 'e2e-1-' });
 * for (const input of creates) await ddb.client.send(new CreateTableCommand(input));
 * // env: { LOGS_TABLE: 'e2e-1-LogAnalysis', METRICS_TABLE: 'e2e-1-LogMetrics', ... }
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { LogsiftStack } from '../../infra/lib/LogsiftStack.js';

/** The environment infra/bin/logsift.ts falls back to offline. */
const OFFLINE_ENV = { account: '123456789012', region: 'us-east-1' };

interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

interface GlobalTableProperties {
  TableName?: unknown;
  AttributeDefinitions: CreateTableCommandInput['AttributeDefinitions'];
  KeySchema: CreateTableCommandInput['KeySchema'];
  GlobalSecondaryIndexes?: CreateTableCommandInput['GlobalSecondaryIndexes'];
}

export interface TemplateTables {
  /** One CreateTable request per AWS::DynamoDB::GlobalTable of the template, on demand. */
  creates: CreateTableCommandInput[];
  /** The processor's table variables (LOGS_TABLE, ...), naming the tables of `creates`. */
  env: Record<string, string>;
}

/**
 * Synthesizes the real LogsiftStack (fixed offline env, bundling skipped, stub bundles) and reads
 * its tables and the processor's table variables from the template. `prefix` is put in front of
 * every table name so runs sharing an emulator never share tables.
 */
export function tablesFromTemplate(options: { prefix?: string } = {}): TemplateTables {
  const prefix = options.prefix ?? '';
  const { resources, processorId } = synthesize();

  const names = new Map<string, string>(); // logical id -> template TableName
  const creates: CreateTableCommandInput[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::DynamoDB::GlobalTable') continue;
    const props = resource.Properties as unknown as GlobalTableProperties;
    if (typeof props.TableName !== 'string') {
      throw new Error(`${logicalId}: TableName is not a literal name (${JSON.stringify(props.TableName)})`);
    }
    names.set(logicalId, props.TableName);
    creates.push(createInput(props, `${prefix}${props.TableName}`));
  }

  const variables = processorVariables(resources, processorId);
  const byName = new Set(names.values());
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(variables)) {
    // The stack names its tables, so it passes the names as literals; a Ref would do as well.
    const ref = refOf(value);
    const name =
      ref !== undefined ? names.get(ref) : typeof value === 'string' && byName.has(value) ? value : undefined;
    if (name !== undefined) env[key] = `${prefix}${name}`;
  }
  return { creates, env };
}

function synthesize(): { resources: Record<string, CfnResource>; processorId: string } {
  // The tables do not depend on the bundles' content: stubs keep the synth independent of a
  // concurrent `build` rewriting dist/lambda, and out of the MBs an asset copy of it would cost.
  const work = mkdtempSync(join(tmpdir(), 'logsift-template-'));
  try {
    const bundles = { processor: '', api: '', schedule: '' };
    for (const name of ['processor', 'api', 'schedule'] as const) {
      bundles[name] = join(work, `${name}.mjs`);
      writeFileSync(bundles[name], `export const handler = async () => '${name}';\n`);
    }
    const app = new App({ outdir: join(work, 'cdk.out'), context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new LogsiftStack(app, 'LogsiftStack', { env: OFFLINE_ENV, bundles });
    const template = Template.fromStack(stack).toJSON() as { Resources: Record<string, CfnResource> };
    const processorId = stack.getLogicalId(stack.processor.fn.function.node.defaultChild as CfnElement);
    return { resources: template.Resources, processorId };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function processorVariables(
  resources: Record<string, CfnResource>,
  processorId: string,
): Record<string, unknown> {
  const fn = resources[processorId];
  if (fn?.Type !== 'AWS::Lambda::Function') throw new Error(`${processorId} is not a Lambda function`);
  const environment = fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined;
  return environment?.Variables ?? {};
}

function refOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const ref = (value as { Ref?: unknown }).Ref;
  return typeof ref === 'string' ? ref : undefined;
}

function createInput(props: GlobalTableProperties, name: string): CreateTableCommandInput {
  const input: CreateTableCommandInput = {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: props.AttributeDefinitions,
    KeySchema: props.KeySchema,
  };
  if (props.GlobalSecondaryIndexes?.length) {
    // Only what CreateTable takes: a GlobalTable index may also carry replica and throughput settings.
    input.GlobalSecondaryIndexes = props.GlobalSecondaryIndexes.map((gsi) => ({
      IndexName: gsi.IndexName,
      KeySchema: gsi.KeySchema,
      Projection: gsi.Projection,
    }));
  }
  return input;
}
