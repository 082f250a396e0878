#!/usr/bin/env node
/**
 * `npm test`: everything CI runs, on a fresh machine too. Installs what the tests need when it is
 * missing (npm packages, Debian's Chromium for the dashboard tests), builds, then runs the
 * type check, the linter and every test suite, and ends with one line "N passed, N failed".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);

function step(title, cmd, args, options = {}) {
  const started = Date.now();
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...options.env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`✖ ${title} failed (exit ${r.status ?? r.signal}) after ${seconds}s`);
    return false;
  }
  console.log(`✔ ${title} (${seconds}s)`);
  return true;
}

function needsInstall() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(marker)) return true;
  return statSync(join(root, 'package-lock.json')).mtimeMs > statSync(marker).mtimeMs + 1000;
}

if (needsInstall() && !step('install npm packages (npm ci)', 'npm', ['ci', '--no-audit', '--no-fund']))
  process.exit(1);

// The dashboard tests drive a real browser: Debian's Chromium (playwright's own download is unreachable).
if (!existsSync('/usr/bin/chromium')) {
  const apt = (args) => (process.getuid?.() === 0 ? ['apt-get', args] : ['sudo', ['apt-get', ...args]]);
  const [updCmd, updArgs] = apt(['update', '-qq']);
  const [insCmd, insArgs] = apt(['install', '-y', '-qq', 'chromium']);
  if (
    !step('apt-get update', updCmd, updArgs) ||
    !step('install chromium (apt-get)', insCmd, insArgs, { env: { DEBIAN_FRONTEND: 'noninteractive' } })
  ) {
    process.exit(1);
  }
}

if (!step('build (CLI, dashboard, Lambda bundles)', 'node', ['scripts/build.mjs'])) process.exit(1);

const checks = [
  ['type check (tsc)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['type check the dashboard (tsc)', 'npx', ['tsc', '--noEmit', '-p', 'web/tsconfig.json']],
  ['lint and format (biome ci)', 'npx', ['biome', 'ci', '.']],
  ['WebAssembly modules match their .wat sources', 'node', ['scripts/build-wasm.mjs', '--check']],
];
let ok = true;
for (const [title, cmd, args] of checks) ok = step(title, cmd, args) && ok;

mkdirSync('.test-results', { recursive: true });
const report = join('.test-results', 'vitest.json');
const testsOk = step('tests (vitest)', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]);
ok = testsOk && ok;

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests ?? 0;
  failed = (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0);
}
if (!ok && failed === 0) failed = 1; // a failed type check or lint counts as a failure
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
