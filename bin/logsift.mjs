#!/usr/bin/env -S node --max-semi-space-size=64
// The `logsift` command. `npm ci` builds dist/cli through the package's `prepare` script.
// A young generation of 64 MiB semi-spaces (V8's default is 16): `logsift serve` keeps a few batches
// of short-lived objects alive at once, and with the default every scavenge copied them; measured
// +7-10% sustained ingest (bench/localIngest.ts). The flag must be given at start: it cannot be set
// from inside the process.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli/logsift.mjs', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  console.error(
    'logsift: the CLI is not built yet. Run `npm ci` (or `npm run prepare`) in the logsift folder first.',
  );
  process.exit(1);
}
const { main } = await import(bundle.href);
process.exitCode = await main(process.argv.slice(2));
