#!/usr/bin/env node
/**
 * Builds with esbuild. Targets: `cli` (dist/cli/logsift.mjs, run by bin/logsift.mjs), or all of
 * them when none is named.
 * Dependencies stay external: they are installed beside the bundle by npm.
 */
import { build } from 'esbuild';

const targets = {
  cli: { entryPoints: { logsift: 'src/apps/cli/main.ts' }, outdir: 'dist/cli' },
};

const wanted = process.argv.slice(2);
const names = wanted.length > 0 ? wanted : Object.keys(targets);
for (const name of names) {
  const target = targets[name];
  if (!target) {
    console.error(`build: unknown target "${name}" (known: ${Object.keys(targets).join(', ')})`);
    process.exit(2);
  }
  await build({
    ...target,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
}
