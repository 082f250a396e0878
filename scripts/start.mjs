#!/usr/bin/env node
/**
 * `npm start`: the main job on a fresh clone. Installs dependencies when they are missing, builds
 * the CLI when it is missing, then analyzes the bundled sample log. (Once the local server lands,
 * this starts `logsift serve --demo` instead.)
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
if (!existsSync('dist/cli/logsift.mjs')) run('node', ['scripts/build.mjs', 'cli']);
run('node', [
  'bin/logsift.mjs',
  'analyze',
  'samples/app.log',
  '--group',
  '/aws/lambda/test-app',
  ...process.argv.slice(2),
]);
