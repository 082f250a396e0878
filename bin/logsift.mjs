#!/usr/bin/env node
// The `logsift` command. `npm ci` builds dist/cli through the package's `prepare` script.
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
