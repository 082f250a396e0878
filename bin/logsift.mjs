#!/usr/bin/env node
// The `logsift` command. `npm ci` builds dist/cli through the package's `prepare` script.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);

// `logsift serve` runs with 64 MiB V8 semi-spaces (the default is 16): the server keeps a few batches
// of short-lived objects alive at once, and with the default every scavenge copied them (measured
// +7-10% sustained ingest, bench/localIngest.ts). V8 takes the flag only at start, so the server is
// started again with it, in a child process this one waits for. (A `#!/usr/bin/env -S node ...`
// shebang would do it without a child, but BusyBox's env, as on Alpine, has no -S.)
if (args[0] === 'serve' && !process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) {
  const child = spawn(
    process.execPath,
    [...process.execArgv, '--max-semi-space-size=64', fileURLToPath(import.meta.url), ...args],
    { stdio: 'inherit' },
  );
  // Ctrl-C in a terminal reaches the child directly (same process group); a signal sent to this
  // process alone is passed on, once.
  process.on('SIGINT', () => {
    if (!process.stdin.isTTY) child.kill('SIGINT');
  });
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  process.on('SIGHUP', () => child.kill('SIGHUP'));
  child.on('error', (err) => {
    console.error(`logsift: could not start the server: ${err.message}`);
    process.exitCode = 1;
  });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1);
  });
} else {
  const bundle = new URL('../dist/cli/logsift.mjs', import.meta.url);
  if (!existsSync(fileURLToPath(bundle))) {
    console.error(
      'logsift: the CLI is not built yet. Run `npm ci` (or `npm run prepare`) in the logsift folder first.',
    );
    process.exit(1);
  }
  const { main } = await import(bundle.href);
  process.exitCode = await main(process.argv.slice(2));
}
