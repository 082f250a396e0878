import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { stubBundles } from './fixtures.js';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

describe('infra/bin/logsift.ts', () => {
  it('synthesizes from context alone with the offline account and region', async () => {
    // Prepare: what `cdk synth -c ...` hands the app, without the CLI (no credentials, no network).
    const out = mkdtempSync(join(tmpdir(), 'logsift-cdkout-'));
    const bundles = stubBundles();
    const context = {
      bundleDir: dirname(bundles.processor),
      logGroups: '/aws/lambda/app1,/aws/lambda/app2',
      kinesis: 'true',
    };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CDK_OUTDIR: out,
      CDK_CONTEXT_JSON: JSON.stringify(context),
    };
    delete env.CDK_DEFAULT_ACCOUNT;
    delete env.CDK_DEFAULT_REGION;

    // Act
    await run(process.execPath, ['--import', 'tsx', join(root, 'infra/bin/logsift.ts')], { cwd: root, env });

    // Assess
    const template = JSON.parse(readFileSync(join(out, 'LogsiftStack.template.json'), 'utf8'));
    const filters = Object.values<{ Type: string; Properties: { LogGroupName: string } }>(template.Resources)
      .filter((r) => r.Type === 'AWS::Logs::SubscriptionFilter')
      .map((r) => r.Properties.LogGroupName)
      .sort();
    expect(filters).toEqual(['/aws/lambda/app1', '/aws/lambda/app2']);
    expect(
      Object.values<{ Type: string }>(template.Resources).some((r) => r.Type === 'AWS::Kinesis::Stream'),
    ).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.artifacts.LogsiftStack.environment).toBe('aws://123456789012/us-east-1');
  }, 60_000);

  it('fails the synth on a bad context value, naming it', async () => {
    const env = {
      ...process.env,
      CDK_OUTDIR: mkdtempSync(join(tmpdir(), 'logsift-cdkout-')),
      CDK_CONTEXT_JSON: JSON.stringify({
        bundleDir: dirname(stubBundles().processor),
        archiveGlacierDays: '10',
      }),
    };
    await expect(
      run(process.execPath, ['--import', 'tsx', join(root, 'infra/bin/logsift.ts')], { cwd: root, env }),
    ).rejects.toThrow(/archive.glacierAfterDays/);
  }, 60_000);
});
