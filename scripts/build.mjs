#!/usr/bin/env node
/**
 * Builds. Targets: `cli` (esbuild: dist/cli/logsift.mjs, run by bin/logsift.mjs) and `web` (Vite:
 * the dashboard into dist/web, served by the local server at `/`), or all of them when none is
 * named. CLI dependencies stay external: they are installed beside the bundle by npm.
 */
import { build } from 'esbuild';

const esbuildTargets = {
  cli: { entryPoints: { logsift: 'src/apps/cli/main.ts' }, outdir: 'dist/cli' },
};

async function buildEsbuild(target) {
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

async function buildWeb() {
  // Loaded only for this target: `npm ci`'s prepare step builds the CLI without touching Vite.
  const { build: viteBuild } = await import('vite');
  await viteBuild({
    configFile: new URL('../web/vite.config.ts', import.meta.url).pathname,
    logLevel: 'warn',
  });
}

const targets = {
  ...Object.fromEntries(Object.entries(esbuildTargets).map(([name, t]) => [name, () => buildEsbuild(t)])),
  web: buildWeb,
};

const wanted = process.argv.slice(2);
const names = wanted.length > 0 ? wanted : Object.keys(targets);
for (const name of names) {
  const run = targets[name];
  if (!run) {
    console.error(`build: unknown target "${name}" (known: ${Object.keys(targets).join(', ')})`);
    process.exit(2);
  }
  await run();
}
