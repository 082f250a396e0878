#!/usr/bin/env node
/**
 * `npm start`: the main job on a fresh clone. Installs dependencies when they are missing, builds
 * the CLI and the dashboard when they are missing, then runs the local server with demo traffic
 * (`logsift serve --demo`). Extra arguments go to `logsift serve` (e.g. `npm start -- --port 9000`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (!existsSync('node_modules/.package-lock.json')) {
  console.error('logsift: installing dependencies (npm ci)...');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}
if (!existsSync('dist/cli/logsift.mjs') || !existsSync('dist/web/index.html'))
  run('node', ['scripts/build.mjs']);
// Ctrl-C reaches the server too, which shuts down gracefully; this wrapper waits for it.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});
// The server's V8 flag (see bin/logsift.mjs) is given here, so the bin need not start a second process.
run('node', ['--max-semi-space-size=64', 'bin/logsift.mjs', 'serve', '--demo', ...process.argv.slice(2)]);
