import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeEvent } from '../../../../test/contract/storeContract.js';
import { firingId } from '../../../core/alerts/AlertEvaluator.js';
import type { AlertFiring } from '../../../core/alerts/types.js';
import { emptyWindow } from '../../../core/metrics/window.js';
import { openSqliteStores } from './index.js';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const GROUP = '/aws/lambda/test-app';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'logsift-sqlite-race-'));
  path = join(dir, 'logsift.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function firing(start: number): AlertFiring {
  const dedupKey = `errors|${GROUP}|*|${start}`;
  return {
    id: firingId(dedupKey),
    dedupKey,
    rule: 'errors',
    type: 'threshold',
    group: GROUP,
    key: '*',
    window: { start, end: start + 300_000 },
    severity: 'ERROR',
    summary: 'errors fired',
    counts: { total: 3, CRITICAL: 0, ERROR: 3, WARNING: 0, INFO: 0, DEBUG: 0 },
    examples: [],
    firedAt: start + 1,
  };
}

describe('exactly once across connections to one file', () => {
  it('two openSqliteStores(samePath) racing the same batch apply it once', async () => {
    // Prepare
    const a = openSqliteStores(path);
    const b = openSqliteStores(path);
    const events = Array.from({ length: 50 }, (_, i) => makeEvent(i));
    const deltas = [
      { ...emptyWindow(GROUP, T0), counters: { total: 50, 'sev.ERROR': 10 }, maxima: { 'lat.max': 9 } },
    ];
    // Act: the pipeline's writes for one batch, delivered twice at once.
    const deliver = (s: typeof a) =>
      Promise.all([
        s.events.putEvents(events),
        s.metrics.applyBatch('batch-1', deltas),
        s.alerts.record(firing(T0)),
      ]);
    const [ra, rb] = await Promise.all([deliver(a), deliver(b)]);
    // Assess
    expect(ra[0].written + rb[0].written).toBe(50);
    expect(ra[0].duplicates + rb[0].duplicates).toBe(50);
    expect([ra[1].applied, rb[1].applied].filter(Boolean)).toHaveLength(1);
    expect(ra[1].windows).toEqual(rb[1].windows);
    expect([ra[2].created, rb[2].created].filter(Boolean)).toHaveLength(1);
    expect((await b.metrics.queryWindows({}))[0]!.counters).toEqual({ total: 50, 'sev.ERROR': 10 });
    expect((await a.events.queryEvents({ limit: 1000 })).events).toHaveLength(50);
    expect(await a.alerts.queryAlerts({})).toHaveLength(1);
    await Promise.all([a.close(), b.close()]);
  });

  it('two processes hammering the same batches on one file count each batch once', async () => {
    // Prepare: a worker script that waits for a start signal, then delivers 40 batches.
    const index = pathToFileURL(
      fileURLToPath(new URL('./index.js', import.meta.url)).replace(/\.js$/, '.ts'),
    );
    const worker = join(dir, 'worker.mts');
    const go = join(dir, 'go');
    writeFileSync(
      worker,
      `import { existsSync } from 'node:fs';
import { openSqliteStores } from ${JSON.stringify(index.href)};
const s = openSqliteStores(${JSON.stringify(path)});
process.stdout.write('ready\\n');
while (!existsSync(${JSON.stringify(go)})) await new Promise((r) => setTimeout(r, 2));
let applied = 0, written = 0, created = 0;
for (let b = 0; b < 40; b++) {
  const events = Array.from({ length: 25 }, (_, i) => ({ id: 'e' + (b * 25 + i), group: '/g', stream: 's', timestamp: ${T0} + b, severity: 'INFO', message: 'm ' + i, fields: {}, batchId: 'b' + b }));
  written += (await s.events.putEvents(events)).written;
  const r = await s.metrics.applyBatch('b' + b, [{ group: '/g', start: ${T0}, end: ${T0 + 300_000}, counters: { total: 25 }, maxima: { m: b } }]);
  if (r.applied) applied++;
}
await s.close();
process.stdout.write(JSON.stringify({ applied, written }) + '\\n');
`,
    );
    const run = () =>
      new Promise<{ ready: Promise<void>; done: Promise<{ applied: number; written: number }> }>((ok) => {
        const child = spawn(process.execPath, ['--import', 'tsx', worker], { cwd: process.cwd() });
        let out = '';
        let err = '';
        let readyOk: () => void;
        const ready = new Promise<void>((r) => {
          readyOk = r;
        });
        child.stdout.on('data', (d: Buffer) => {
          out += d;
          if (out.startsWith('ready\n')) readyOk();
        });
        child.stderr.on('data', (d: Buffer) => {
          err += d;
        });
        const done = new Promise<{ applied: number; written: number }>((resolve, reject) =>
          child.on('close', (code) =>
            code === 0
              ? resolve(JSON.parse(out.split('\n')[1]!))
              : reject(new Error(`worker exited ${code}: ${err}`)),
          ),
        );
        ok({ ready, done });
      });
    const [p1, p2] = await Promise.all([run(), run()]);
    await Promise.all([p1.ready, p2.ready]);
    // Act
    writeFileSync(go, '');
    const [r1, r2] = await Promise.all([p1.done, p2.done]);
    // Assess
    expect(r1.applied + r2.applied).toBe(40);
    expect(r1.written + r2.written).toBe(1000);
    const s = openSqliteStores(path);
    const [w] = await s.metrics.queryWindows({ group: '/g' });
    expect(w!.counters.total).toBe(1000);
    expect(w!.maxima.m).toBe(39);
    expect(s.db.connection.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1000);
    await s.close();
  }, 30_000);
});
