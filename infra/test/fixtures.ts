import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type LogsiftBundles, LogsiftStack, type LogsiftStackProps } from '../lib/LogsiftStack.js';

/**
 * Stand-ins for dist/lambda/*.mjs in a temp folder, plus a file the assets must leave out, so the unit
 * tests do not depend on `npm run build`.
 */
export function stubBundles(): LogsiftBundles {
  const dir = mkdtempSync(join(tmpdir(), 'logsift-bundles-'));
  for (const name of ['processor', 'api', 'schedule']) {
    writeFileSync(join(dir, `${name}.mjs`), `export const handler = async () => '${name}';\n`);
  }
  writeFileSync(join(dir, 'processor.mjs.map'), '{}');
  return {
    processor: join(dir, 'processor.mjs'),
    api: join(dir, 'api.mjs'),
    schedule: join(dir, 'schedule.mjs'),
  };
}

export interface Synthesized {
  app: App;
  stack: LogsiftStack;
  template: Template;
}

/** One LogsiftStack in a fresh app with a fixed env; bundling skipped as in any offline synth. */
export function synthStack(props: LogsiftStackProps = {}): Synthesized {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new LogsiftStack(app, 'LogsiftStack', {
    env: { account: '123456789012', region: 'us-east-1' },
    bundles: stubBundles(),
    ...props,
  });
  return { app, stack, template: Template.fromStack(stack) };
}

/** cdk-nag AwsSolutions findings that are not acknowledged, as `rule @ construct path` lines. */
export function nagFindings({ app, stack }: Synthesized): string[] {
  const report = new AwsSolutionsChecks(app).validateScope(stack);
  return report.violations.flatMap((v) =>
    v.violatingResources.map((r) => `${v.ruleName} @ ${r.constructPath}`),
  );
}

type Resource = { Type: string; Properties?: Record<string, unknown> };

/** Every IAM statement of every inline policy and role in the template. */
export function iamStatements(template: Template): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const r of Object.values(template.toJSON().Resources as Record<string, Resource>)) {
    if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') {
      const doc = r.Properties?.PolicyDocument as { Statement: Array<Record<string, unknown>> };
      out.push(...doc.Statement);
    }
    if (r.Type === 'AWS::IAM::Role') {
      for (const p of (r.Properties?.Policies as Array<{ PolicyDocument: { Statement: [] } }>) ?? []) {
        out.push(...p.PolicyDocument.Statement);
      }
    }
  }
  return out;
}

export function actionsOf(statement: Record<string, unknown>): string[] {
  const a = statement.Action;
  return Array.isArray(a) ? (a as string[]) : [a as string];
}

/** The Lambda functions of the template keyed by FunctionName. */
export function functionsByName(template: Template): Map<string, Record<string, unknown>> {
  const fns = template.findResources('AWS::Lambda::Function') as Record<string, Resource>;
  return new Map(Object.values(fns).map((f) => [f.Properties!.FunctionName as string, f.Properties!]));
}
