#!/usr/bin/env node
/**
 * The CDK app: `npm run synth` / `npm run deploy`. Settings come from context (cdk.json or
 * `-c key=value`, see infra/lib/contextProps.ts). The environment is the deploying account and region
 * when the CLI knows them, else fixed placeholders so `cdk synth` works offline; nothing is looked up.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { propsFromContext } from '../lib/contextProps.js';
import { defaultBundles, LogsiftStack } from '../lib/LogsiftStack.js';

const OFFLINE_ACCOUNT = '123456789012';
const OFFLINE_REGION = 'us-east-1';

const app = new App();
const context = (key: string): unknown => app.node.tryGetContext(key);
const account =
  (context('account') as string | undefined) ?? process.env.CDK_DEFAULT_ACCOUNT ?? OFFLINE_ACCOUNT;
const region = (context('region') as string | undefined) ?? process.env.CDK_DEFAULT_REGION ?? OFFLINE_REGION;

new LogsiftStack(app, (context('stackName') as string | undefined) ?? 'LogsiftStack', {
  ...propsFromContext(context),
  // `-c bundleDir=...` deploys bundles from elsewhere (CI artifacts); default dist/lambda.
  bundles: defaultBundles((context('bundleDir') as string | undefined) ?? undefined),
  env: { account, region },
  description: 'logsift: real-time analysis of CloudWatch Logs (tables, archive, alerts, processor, API)',
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
