/**
 * The seed (the original Python Lambda) as a peer, run by ../shared/seed/run_seed_core.py on the
 * same CloudWatch events logsift is measured on, in the same benchmark run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Severity } from '../src/core/types.js';

export interface SeedRun {
  events: number;
  /** Best handler time of the repeats, seconds. */
  seconds: number;
  perEvent: Severity[];
}

export function seedRunner(loghub: string): string {
  return join(dirname(dirname(loghub)), 'seed', 'run_seed_core.py');
}

export function seedAvailable(runner: string): boolean {
  if (!existsSync(runner)) return false;
  return spawnSync('python3', ['--version']).status === 0;
}

/** Runs the seed handler on one Lambda event, `repeat` times; returns the best time. */
export function runSeed(runner: string, event: unknown, repeat = 5): SeedRun {
  const dir = mkdtempSync(join(tmpdir(), 'logsift-seed-'));
  try {
    const file = join(dir, 'event.json');
    writeFileSync(file, JSON.stringify(event));
    const r = spawnSync('python3', [runner, file, '--per-event', '--repeat', String(repeat)], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0) throw new Error(`seed runner failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as {
      events: number;
      seconds: number;
      per_event: Severity[];
    };
    return { events: out.events, seconds: out.seconds, perEvent: out.per_event };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
