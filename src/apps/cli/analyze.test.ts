import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './main.js';
import type { SummaryJson } from './summary.js';

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
const MIN = 60_000;

/** 8 quiet windows of requests, then a burst of a never-seen error in window 8, then calm again. */
function backtestLog(): string {
  const lines: string[] = [];
  const at = (ms: number) => new Date(ms).toISOString();
  for (let w = 0; w < 10; w++) {
    for (let i = 0; i < 20; i++)
      lines.push(`${at(T0 + w * 5 * MIN + i * 1000)} INFO request ${w * 100 + i} served in ${10 + i} ms`);
    if (w === 8)
      for (let i = 0; i < 60; i++)
        lines.push(`${at(T0 + w * 5 * MIN + 30_000 + i * 100)} ERROR Connection to 10.0.0.${i % 7} refused`);
  }
  return `${lines.join('\n')}\n`;
}

async function analyze(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const code = await main(['analyze', ...args]);
  vi.restoreAllMocks();
  return { code, out };
}

describe('logsift analyze: rule backtest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'logsift-analyze-'));
  const file = join(dir, 'api.log');
  writeFileSync(file, backtestLog());
  const config = join(dir, 'rules.json');
  writeFileSync(
    config,
    JSON.stringify({
      alerts: {
        rules: [
          { id: 'new-error', type: 'new_pattern', learningEvents: 100 },
          { id: 'error-spike', type: 'spike', on: 'severity', severity: 'ERROR', minBaselineWindows: 1 },
          { id: 'pattern-spike', type: 'spike', baselineWindows: 4 },
        ],
      },
    }),
  );

  afterEach(() => vi.restoreAllMocks());

  it('reports per rule how often and when it would have fired, then each firing', async () => {
    // Act
    const { code, out } = await analyze([file, '--json', '--config', config, '--group', '/aws/lambda/api']);
    // Assess
    expect(code).toBe(0);
    const summary = JSON.parse(out) as SummaryJson;
    const burst = new Date(T0 + 40 * MIN).toISOString();
    expect(summary.alertRules).toEqual([
      { rule: 'error-spike', type: 'spike', firings: 1, first: burst, last: burst },
      { rule: 'new-error', type: 'new_pattern', firings: 1, first: burst, last: burst },
      { rule: 'pattern-spike', type: 'spike', firings: 1, first: burst, last: burst },
    ]);
    const novel = summary.alerts.find((a) => a.rule === 'new-error')!;
    expect(novel.summary).toMatch(
      /^New pattern in \/aws\/lambda\/api: `Connection to <\*> refused` \(ERROR, 60 events\)/,
    );
    expect(novel.example).toMatch(/ERROR Connection to 10\.0\.0\.0 refused$/);
    expect(novel.key).toBe(novel.patternId);
    const patternSpike = summary.alerts.find((a) => a.rule === 'pattern-spike')!;
    expect(patternSpike).toMatchObject({ value: 60, baseline: 0, patternId: novel.patternId });
  });

  it('prints the per-rule table and the firings in the text summary', async () => {
    const { code, out } = await analyze([file, '--config', config, '--group', '/aws/lambda/api']);
    expect(code).toBe(0);
    const section = out.slice(out.indexOf('Alerts that would fire: 3'));
    expect(section).toMatch(
      /new-error\s+new_pattern\s+1\s+2026-11-26T09:40:00\.000Z\s+2026-11-26T09:40:00\.000Z/,
    );
    expect(section).toContain(
      'error-spike: Spike in /aws/lambda/api: events at ERROR or above: 60 events in 5m vs 0 per window before (none before)',
    );
  });

  it('with the default rules, a quiet file fires nothing and says so', async () => {
    const quiet = join(dir, 'quiet.log');
    writeFileSync(quiet, `${new Date(T0).toISOString()} INFO started\n`);
    const { out } = await analyze([quiet, '--json']);
    const summary = JSON.parse(out) as SummaryJson;
    expect(summary.alertRules).toEqual([]);
    expect(summary.alerts).toEqual([]);
  });
});
