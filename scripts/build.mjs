#!/usr/bin/env node
/**
 * Builds. Targets: `cli` (esbuild: dist/cli/logsift.mjs, run by bin/logsift.mjs), `bench` (esbuild:
 * dist/bench/coreThroughput.mjs, loaded by `npm run bench`), `web` (Vite:
 * the dashboard into dist/web, served by the local server at `/`) and `lambda` (esbuild:
 * dist/lambda/processor.mjs, api.mjs, schedule.mjs, each exporting `handler`), or all of them when
 * none is named. CLI dependencies stay external: they are installed beside the bundle by npm.
 * Lambda bundles carry every dependency except `@aws-sdk/*`, which the nodejs22.x runtime ships.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { build } from 'esbuild';

/**
 * Writes esbuild's outputs atomically (temp file, then rename), so a test importing a bundle while
 * another test file rebuilds it never sees a half-written file.
 */
function writeOutputs(result) {
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    const temp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temp, file.contents);
    renameSync(temp, file.path);
  }
}

const esbuildTargets = {
  cli: { entryPoints: { logsift: 'src/apps/cli/main.ts' }, outdir: 'dist/cli' },
  // The core throughput benchmark, bundled like the code that ships (see bench/coreThroughput.ts).
  bench: { entryPoints: { coreThroughput: 'bench/coreThroughput.ts' }, outdir: 'dist/bench' },
};

async function buildEsbuild(target) {
  const result = await build({
    ...target,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
    write: false,
  });
  writeOutputs(result);
}

async function buildLambda() {
  const result = await build({
    entryPoints: {
      processor: 'src/apps/lambda/processor.ts',
      api: 'src/apps/lambda/api.ts',
      schedule: 'src/apps/lambda/schedule.ts',
    },
    outdir: 'dist/lambda',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: ['@aws-sdk/*'],
    // Smithy packages come with the SDK in the runtime too, but the versions the bundle was tested
    // with are the ones it carries (only @smithy/node-http-handler is imported directly).
    minify: true,
    keepNames: true,
    sourcemap: true,
    // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __logsiftCreateRequire } from 'node:module'; const require = __logsiftCreateRequire(import.meta.url);",
    },
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
    metafile: true,
    write: false,
  });
  writeOutputs(result);
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
  lambda: buildLambda,
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
